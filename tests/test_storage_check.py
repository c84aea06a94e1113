"""check_database / quick_check and the ``check`` command: sound, foreign, damaged, locked."""

import json
import os
import random
import sqlite3

import pytest

from crm_desktop.storage import check as check_module
from crm_desktop.storage import db as storage_db
from crm_desktop.storage.check import check_database, quick_check
from crm_desktop.storage.db import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotOurDatabase,
    open_database,
)
from crm_desktop.storage.migrations import LATEST
from tests.conftest import run_cli
from tests.test_storage_db import PNG, add_contacts, other_programs_database, snapshot

PAGE = 4096


def sound_database(path, contacts=2000):
    conn = open_database(path)
    add_contacts(conn, contacts)
    conn.execute("UPDATE contacts SET note = printf('%.300c', 'x')")  # a few hundred pages
    conn.close()  # checkpoints: everything is in the main file now


def damage_pages(path, first_page, count, seed=1):
    """Overwrite whole pages in the middle of the file with random bytes (1-based page numbers)."""
    noise = random.Random(seed).randbytes(PAGE * count)
    with open(path, "r+b") as handle:
        handle.seek((first_page - 1) * PAGE)
        handle.write(noise)


def test_a_sound_database(db_path):
    sound_database(db_path)
    before = db_path.read_bytes()
    report = check_database(db_path)
    assert report.ok, report.message
    assert report.message == f"ok: schema version {LATEST} (latest {LATEST}), integrity ok, foreign keys ok"
    assert report.integrity == "ok" and report.foreign_key_problems == [] and report.error is None
    assert report.schema_version == LATEST == report.latest_version
    assert report.fa.startswith("پایگاه داده سالم است")
    assert db_path.read_bytes() == before
    quick = check_database(db_path, quick=True)
    assert quick.ok and quick.message.endswith("quick check ok")


def test_a_database_the_app_has_open_and_is_writing(db_path, conn):
    add_contacts(conn, 10)  # still in the WAL
    assert check_database(db_path).ok


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_text("name,phone\nعلی,۰۹۱۲\n", encoding="utf-8"),
        lambda p: p.write_bytes(PNG),
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(os.urandom(10000)),
        lambda p: other_programs_database(p),
        lambda p: other_programs_database(p, wal=True),
        lambda p: sqlite3.connect(p).execute("PRAGMA user_version = 1").connection.close(),  # no application_id
        lambda p: p.mkdir(),
    ],
    ids=["text", "png", "empty-file", "random", "other-sqlite", "other-sqlite-wal", "empty-sqlite", "folder"],
)
def test_anything_else_is_not_a_crm_desktop_database_and_is_not_touched(tmp_path, make):
    path = tmp_path / "office.sqlite3"
    make(path)
    before = snapshot(tmp_path)
    mtime = path.stat().st_mtime_ns
    report = check_database(path)
    assert not report.ok
    assert isinstance(report.error, NotOurDatabase)
    assert report.message == f"{path}: not a crm_desktop database"
    assert snapshot(tmp_path) == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite3"]


def test_another_program_holding_its_database_open(tmp_path):
    path = tmp_path / "other.sqlite3"
    other_programs_database(path, wal=True)
    other = sqlite3.connect(path)
    other.execute("INSERT INTO notes (body) VALUES ('in the WAL')")
    other.commit()  # committed but not checkpointed while it stays open: -wal and -shm exist
    try:
        before = path.read_bytes()
        report = check_database(path)
        assert isinstance(report.error, NotOurDatabase)
        assert path.read_bytes() == before
    finally:
        other.close()


def test_missing_file_is_reported_and_not_created(tmp_path):
    path = tmp_path / "none.sqlite3"
    report = check_database(path)
    assert isinstance(report.error, DatabaseMissing) and report.message == f"{path}: no such database"
    assert list(tmp_path.iterdir()) == []


def test_overwritten_pages_are_found(db_path):
    sound_database(db_path)
    assert db_path.stat().st_size > 40 * PAGE
    damage_pages(db_path, db_path.stat().st_size // PAGE // 2, 3)  # contact rows, not the schema
    report = check_database(db_path)
    assert not report.ok and isinstance(report.error, DatabaseCorrupt)
    assert report.message.startswith(f"{db_path}: the database is damaged: ")
    assert report.integrity != "ok" and report.integrity_problems
    assert "آسیب دیده" in report.fa
    conn = storage_db.connect(db_path, readonly=True)
    try:
        assert quick_check(conn)  # start-up sees it too
    finally:
        conn.close()


def test_a_truncated_file_is_found(db_path):
    sound_database(db_path)
    size = db_path.stat().st_size
    with open(db_path, "r+b") as handle:
        handle.truncate(size // 2)
    report = check_database(db_path)
    assert not report.ok and isinstance(report.error, DatabaseCorrupt)


def test_broken_links_between_tables_are_found(db_path, conn):
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO contact_phones (contact_id, number, national) VALUES (999, '0912', '0912')")
    conn.close()
    report = check_database(db_path)
    assert not report.ok and isinstance(report.error, DatabaseCorrupt)
    assert report.foreign_key_problems == ["contact_phones row 1 -> contacts"]
    assert "broken link" in report.message


def test_too_new(db_path, conn):
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    report = check_database(db_path)
    assert not report.ok and isinstance(report.error, DatabaseTooNew) and report.schema_version == 99


def test_locked_exclusively_by_another_program(db_path, conn, monkeypatch):
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 200)
    conn.close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        report = check_database(db_path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(report.error, DatabaseLocked) and "locked" in report.message


def test_quick_check_on_a_sound_connection(conn):
    assert quick_check(conn) == []


# --- the command ---------------------------------------------------------------------------------


def test_cli_check_ok(db_path):
    sound_database(db_path, contacts=10)
    result = run_cli("check", db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok: schema version {LATEST} (latest {LATEST}), integrity ok, foreign keys ok"
    as_json = run_cli("check", "--json", db=db_path)
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["ok"] is True


def test_cli_check_damaged(db_path):
    sound_database(db_path)
    damage_pages(db_path, 20, 3)
    result = run_cli("check", db=db_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"crm-desktop: error: {db_path}: the database is damaged: ")


def test_cli_check_foreign_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    result = run_cli("check", db=path)
    assert result.returncode != 0
    assert result.stderr.strip() == f"crm-desktop: error: {path}: not a crm_desktop database"
    assert path.read_text(encoding="utf-8") == "hello"


def test_cli_check_missing_creates_nothing(tmp_path):
    path = tmp_path / "office.sqlite3"
    result = run_cli("check", db=path)
    assert result.returncode != 0
    assert result.stderr.strip() == f"crm-desktop: error: {path}: no such database"
    assert list(tmp_path.iterdir()) == []


def test_a_database_on_read_only_media_is_still_checked(db_path, monkeypatch):
    sound_database(db_path, contacts=10)

    def cannot_create_shm(path, readonly=False):
        raise DatabaseReadOnly(path)  # what SQLite reports when it cannot create the -shm file

    monkeypatch.setattr(check_module, "connect", cannot_create_shm)
    before = snapshot(db_path.parent)
    assert check_database(db_path).ok
    assert snapshot(db_path.parent) == before  # immutable: no -wal/-shm either
