"""Backups: consistent while another process writes, checked, digested, listed, rotated."""

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta

import pytest

from crm_desktop.paths import default_backup_dir
from crm_desktop.storage import settings
from crm_desktop.storage.backup import (
    BackupFolderError,
    auto_backup_if_due,
    backup_database,
    digest_path,
    latest_good_backup,
    list_backups,
    rotate_backups,
)
from crm_desktop.storage.db import DatabaseCorrupt, DatabaseMissing, NotOurDatabase, open_database
from tests.conftest import ROOT, run_cli
from tests.test_storage_check import damage_pages, sound_database
from tests.test_storage_db import add_contacts

NAME = re.compile(r"^office-\d{8}-\d{6}-(daily|weekly|manual)\.sqlite3$")


def rows(path, sql="SELECT count(*) FROM contacts"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_a_backup_is_a_checked_single_file_copy_with_its_digest(db_path, conn):
    add_contacts(conn, 50)  # the app still has it open: these rows are in the WAL
    info = backup_database(db_path, now=datetime(2026, 11, 23, 19, 45, 0))
    folder = default_backup_dir(db_path)
    assert info.path == folder / "office-20261123-194500-manual.sqlite3"
    assert info.kind == "manual" and info.created == datetime(2026, 11, 23, 19, 45) and info.database == "office"
    assert info.sha256 == hashlib.sha256(info.path.read_bytes()).hexdigest() and info.digest_ok is True
    assert digest_path(info.path).read_text() == f"{info.sha256}  {info.path.name}\n"  # sha256sum -c format
    assert info.path.read_bytes()[18:20] == b"\x01\x01"  # not WAL: the copy is one self-contained file
    assert rows(info.path) == 50
    assert rows(info.path, "PRAGMA integrity_check") == "ok"
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name, info.path.name + ".sha256"]


def test_two_backups_in_the_same_second_do_not_collide(db_path, conn):
    now = datetime(2026, 1, 1, 9, 0, 0)
    first = backup_database(db_path, now=now)
    second = backup_database(db_path, now=now)
    assert first.path != second.path and second.path.name == "office-20260101-090000-manual-1.sqlite3"
    assert [b.path for b in list_backups(first.path.parent)] == [second.path, first.path]


def test_backup_of_a_missing_or_foreign_file_creates_nothing(tmp_path):
    missing = tmp_path / "office.sqlite3"
    with pytest.raises(DatabaseMissing):
        backup_database(missing)
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(NotOurDatabase):
        backup_database(text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_a_damaged_database_gives_no_backup(db_path):
    sound_database(db_path)
    damage_pages(db_path, 20, 3)
    folder = db_path.parent / "backups"
    with pytest.raises(DatabaseCorrupt):
        backup_database(db_path, folder)
    assert list(folder.iterdir()) == []  # no half-made copy, no temp file


WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
    conn.execute("PRAGMA synchronous = FULL")
    total = 0
    print("writing", flush=True)
    while True:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO contacts (display_name, note, created_at, updated_at) VALUES (?, ?, 'w', 'w')",
            [(f"w{total + i}", "y" * 300) for i in range(20)],
        )
        total += 20
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('test.written', :n) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {"n": str(total)},
        )
        conn.execute("COMMIT")
    """
)


def test_backup_while_another_process_writes_is_consistent(db_path):
    prefill = 20000
    sound_database(db_path, contacts=prefill)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        deadline = time.monotonic() + 60
        while rows(db_path, "SELECT count(*) FROM settings WHERE key = 'test.written'") == 0:
            assert time.monotonic() < deadline, "the writer never committed"
            time.sleep(0.01)
        counter = "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'test.written'"
        overlapped = 0
        for _ in range(5):
            before = rows(db_path, counter)
            info = backup_database(db_path, db_path.parent / "backups")
            after = rows(db_path, counter)
            assert rows(info.path, "PRAGMA integrity_check") == "ok"
            count = rows(info.path, counter)
            assert rows(info.path) == prefill + count  # one snapshot: rows and counter agree
            assert before <= count <= after
            overlapped += after > before
            assert writer.poll() is None, writer.stderr.read()
        assert overlapped >= 1  # the writer committed while backups were being taken
    finally:
        writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close()
        writer.stderr.close()


def test_list_backups_verifies_digests(db_path, conn):
    folder = default_backup_dir(db_path)
    old = backup_database(db_path, now=datetime(2026, 1, 1, 9, 0))
    middle = backup_database(db_path, now=datetime(2026, 1, 2, 9, 0), kind="daily")
    new = backup_database(db_path, now=datetime(2026, 1, 3, 9, 0), kind="weekly")
    (folder / "readme.txt").write_text("not a backup", encoding="utf-8")
    (folder / "other-20260101-090000-holiday.sqlite3").write_bytes(b"unknown kind")
    listed = list_backups(folder)
    assert [b.path for b in listed] == [new.path, middle.path, old.path]
    assert [b.digest_ok for b in listed] == [True, True, True]
    assert listed[0].schema_version == listed[0].schema_version >= 1

    data = bytearray(middle.path.read_bytes())
    data[5000] ^= 0xFF
    middle.path.write_bytes(bytes(data))
    digest_path(old.path).unlink()
    by_path = {b.path: b for b in list_backups(folder)}
    assert by_path[middle.path].digest_ok is False
    assert by_path[old.path].digest_ok is None and by_path[old.path].sha256 is None
    assert by_path[new.path].digest_ok is True
    assert [b.digest_ok for b in list_backups(folder, verify=False)] == [None, None, None]
    assert latest_good_backup(folder).path == new.path
    digest_path(new.path).write_text("0" * 64 + "  x\n", encoding="utf-8")
    assert latest_good_backup(folder, database="office") is None  # middle altered, old unverifiable


def test_thirty_days_of_auto_backups_rotate_to_seven_daily_and_four_weekly(db_path, conn):
    folder = db_path.parent / "backups"
    other_db = db_path.parent / "branch.sqlite3"
    open_database(other_db).close()
    for day in range(6):  # another database's weeklies share the folder and are not touched
        backup_database(other_db, folder, kind="weekly", now=datetime(2025, 12, 1) + timedelta(days=day))

    start = datetime(2026, 1, 1, 10, 0)
    made = {}
    for day in range(30):
        morning = start + timedelta(days=day)
        info = auto_backup_if_due(db_path, folder, morning, keep_daily=7, keep_weekly=4)
        assert info is not None, f"day {day}: a backup was due"
        made[day] = info.kind
        assert auto_backup_if_due(db_path, folder, morning + timedelta(hours=5)) is None  # once a day
        if day in (3, 20):
            backup_database(db_path, folder, kind="manual", now=morning + timedelta(hours=1))
        add_contacts(conn, 1, start=day)

    assert [day for day, kind in made.items() if kind == "weekly"] == [0, 7, 14, 21, 28]
    kept = {(b.created.day, b.kind) for b in list_backups(folder, database="office")}
    assert kept == {
        *{(d, "weekly") for d in (8, 15, 22, 29)},  # days 7, 14, 21, 28 of January: the 8th, 15th...
        *{(d, "daily") for d in (23, 24, 25, 26, 27, 28, 30)},
        (4, "manual"),
        (21, "manual"),
    }
    assert len(list_backups(folder, database="branch")) == 6
    names = {p.name for p in folder.iterdir()}
    assert all(n + ".sha256" in names for n in names if n.endswith(".sqlite3"))  # sidecars go with files
    assert all(n[: -len(".sha256")] in names for n in names if n.endswith(".sha256"))
    newest = list_backups(folder, database="office")[0]
    assert rows(newest.path) == 29  # the newest backup is the day-29 (30 January) state


def test_auto_backup_is_due_again_in_a_new_or_emptied_folder(db_path, conn):
    now = datetime(2026, 3, 1, 8, 0)
    first = auto_backup_if_due(db_path, db_path.parent / "a", now)
    assert first.kind == "weekly"
    assert auto_backup_if_due(db_path, db_path.parent / "a", now) is None
    assert auto_backup_if_due(db_path, db_path.parent / "b", now).kind == "weekly"
    first.path.unlink()
    assert auto_backup_if_due(db_path, db_path.parent / "a", now) is not None
    nxt = auto_backup_if_due(db_path, db_path.parent / "a", now + timedelta(days=1))
    assert nxt.kind == "daily"


def test_rotation_leaves_manual_backups_and_clears_stale_temp_files(db_path, conn):
    folder = db_path.parent / "backups"
    for day in range(5):
        backup_database(db_path, folder, kind="daily", now=datetime(2026, 2, 1 + day))
        backup_database(db_path, folder, kind="manual", now=datetime(2026, 2, 1 + day, 12))
    stale = folder / ".office-20260101-000000-daily.sqlite3.123.tmp"
    fresh = folder / ".office-20260301-000000-daily.sqlite3.456.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    old = time.time() - 3 * 86400
    os.utime(stale, (old, old))
    removed = rotate_backups(folder, keep_daily=2, keep_weekly=4)
    assert [p.name for p in removed] == [
        "office-20260203-000000-daily.sqlite3",
        "office-20260202-000000-daily.sqlite3",
        "office-20260201-000000-daily.sqlite3",
    ]
    kinds = [b.kind for b in list_backups(folder)]
    assert kinds.count("daily") == 2 and kinds.count("manual") == 5
    assert not stale.exists() and fresh.exists()
    with pytest.raises(ValueError):
        rotate_backups(folder, keep_daily=-1)


# --- the command ------------------------------------------------------------------------------


def test_cli_backup_prints_the_file_and_digest(db_path, conn):
    add_contacts(conn, 3)
    result = run_cli("backup", db=db_path)
    assert result.returncode == 0, result.stderr
    path_line, digest_line = result.stdout.strip().splitlines()
    backup = db_path.parent / "backups" / os.path.basename(path_line)
    assert NAME.match(backup.name) and backup.exists()
    assert digest_line == f"sha256: {hashlib.sha256(backup.read_bytes()).hexdigest()}"
    assert rows(backup) == 3


def test_cli_backup_rotates_with_the_counts_and_folder_stored_in_the_database(db_path, conn, tmp_path):
    stored = tmp_path / "office backups"
    settings.set(conn, settings.KEEP_DAILY, 2)
    settings.set(conn, settings.BACKUP_DIR, str(stored))
    for day in range(1, 5):
        backup_database(db_path, stored, kind="daily", now=datetime(2026, 4, day))
    result = run_cli("backup", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    kinds = [b.kind for b in list_backups(stored)]
    assert kinds.count("daily") == 2 and kinds.count("manual") == 1

    elsewhere = tmp_path / "usb"
    result = run_cli("backup", "--to", elsewhere, db=db_path)
    assert result.returncode == 0 and [b.kind for b in list_backups(elsewhere)] == ["manual"]

    listing = run_cli("backup", "--list", db=db_path)
    assert listing.returncode == 0 and listing.stdout.count("digest ok") == 3


def test_cli_backup_of_a_missing_database_creates_nothing(tmp_path):
    path = tmp_path / "office.sqlite3"
    result = run_cli("backup", db=path)
    assert result.returncode != 0
    assert result.stderr.strip() == f"crm-desktop: error: {path}: no such database"
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_backup_folder_is_named_as_such(db_path, conn, tmp_path):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(BackupFolderError) as caught:
        backup_database(db_path, blocker / "backups")
    assert "cannot write backups there" in caught.value.message and "پوشه پشتیبان" in caught.value.fa
