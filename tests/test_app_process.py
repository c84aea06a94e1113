"""The app as a real process: it paints its first window, a second launch on the same database
brings the first forward instead of opening the file again, and maintenance commands respect
the running app."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


def app_env(home: Path, **extra) -> dict:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CRM_DESKTOP_HOME=str(home),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def wait_for(predicate, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def log_text(home: Path) -> str:
    path = home / "crm_desktop.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def running_app(tmp_path):
    home = tmp_path / "home"
    db = tmp_path / "office.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "crm_desktop", "--db", str(db)],
        env=app_env(home), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: "started on" in log_text(home) or process.poll() is not None, what="the app to start")
        assert process.poll() is None, process.stderr.read().decode()
        yield process, db, home
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def test_first_paint_on_a_new_database(tmp_path):
    db = tmp_path / "new.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "--db", str(db)],
        env=app_env(tmp_path / "home", CRM_DESKTOP_EXIT_AFTER_PAINT="1"),
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first-paint ")
    check = run_cli("check", db=db)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("ok")


def test_a_second_launch_brings_the_first_forward(running_app):
    process, db, home = running_app
    second = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "--db", str(db)],
        env=app_env(home), cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert second.returncode == 0, second.stderr
    wait_for(lambda: "a second launch asked for the window" in log_text(home), what="the activation")
    assert "asked it to come forward" in log_text(home)
    assert process.poll() is None, "the first app keeps running"
    assert log_text(home).count("started on") == 1, "the database was opened once"


def test_restore_is_refused_while_the_app_holds_the_database(running_app, tmp_path):
    process, db, home = running_app
    backup = run_cli("backup", "--to", tmp_path / "b", db=db, env={"CRM_DESKTOP_HOME": str(home)})
    assert backup.returncode == 0, backup.stderr
    backup_file = next((tmp_path / "b").glob("*.sqlite3"))
    restore = run_cli("restore", backup_file, db=db, env={"CRM_DESKTOP_HOME": str(home)})
    assert restore.returncode != 0
    lines = restore.stderr.strip().splitlines()
    assert len(lines) == 1 and "close the program first" in lines[0]
    check = run_cli("check", db=db, env={"CRM_DESKTOP_HOME": str(home)})
    assert check.returncode == 0, check.stderr
