"""Shared test set-up: no screen, no real user folders, a fresh database per test."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own data/config folder, never the developer's real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CRM_DESKTOP_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "office.sqlite3"


@pytest.fixture
def conn(db_path):
    from crm_desktop.storage.db import open_database

    connection = open_database(db_path)
    yield connection
    connection.close()


def run_cli(*args, db=None, env=None, input=None, timeout=120):
    """Run ``python -m crm_desktop`` as a real process; returns CompletedProcess (text)."""
    import subprocess

    command = [sys.executable, "-m", "crm_desktop"]
    if db is not None:
        command += ["--db", str(db)]
    command += [str(a) for a in args]
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env["PYTHONIOENCODING"] = "utf-8"
    if env:
        full_env.update(env)
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=full_env, input=input, timeout=timeout, cwd=ROOT
    )


@pytest.fixture(autouse=True)
def _no_unanswered_message_box(monkeypatch):
    """A Persian message box that no test answers fails that test at once instead of waiting
    forever in its modal loop (which would hang the whole run). Tests that expect a box replace
    ``dialogs.exec_hook`` themselves, as before."""
    from crm_desktop.ui import dialogs

    def unanswered(box):
        raise AssertionError(f"a message box nobody answered: {box.text()!r}")

    monkeypatch.setattr(dialogs, "exec_hook", unanswered)
