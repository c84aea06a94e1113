"""Restore: checks the backup first, refuses while the database is in use, keeps the replaced
file (with its WAL, never mixed into the restored one), and the result opens and migrates."""

import os
import sqlite3
import subprocess
import sys
import textwrap
import types
from datetime import datetime

import pytest

from crm_desktop.paths import default_backup_dir
from crm_desktop.storage import db as storage_db
from crm_desktop.storage import migrations
from crm_desktop.storage.backup import backup_database, digest_path, list_backups
from crm_desktop.storage.check import check_database
from crm_desktop.storage.db import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    NotOurDatabase,
    open_database,
    schema_version,
)
from crm_desktop.storage.lock import DatabaseInUse, DatabaseLock
from crm_desktop.storage.restore import BackupDigestMismatch, restore_database
from tests.conftest import ROOT, run_cli
from tests.test_storage_check import damage_pages, sound_database
from tests.test_storage_db import add_contacts, snapshot
from tests.test_storage_lock import kill_hard, spawn_lock_holder

NOW = datetime(2026, 11, 23, 19, 45, 0)


def names(path):
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT display_name FROM contacts ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def office(db_path):
    """A database with contacts 'name 0', 'name 1' and a backup of that state; then 'later'."""
    conn = open_database(db_path)
    add_contacts(conn, 2)
    backup = backup_database(db_path, db_path.parent / "backups")
    with storage_db.transaction(conn):
        conn.execute("INSERT INTO contacts (display_name, created_at, updated_at) VALUES ('later', 'a', 'a')")
    conn.close()
    return backup.path


def test_restore_replaces_the_database_and_keeps_the_old_one(db_path, office):
    info = restore_database(db_path, office, now=NOW)
    assert names(db_path) == ["name 0", "name 1"]
    assert info.replaced == db_path.with_name("office.sqlite3.replaced-20261123-194500")
    assert names(info.replaced) == ["name 0", "name 1", "later"]
    assert info.digest_checked and info.schema_version == info.backup_schema_version == migrations.LATEST
    conn = open_database(db_path)  # opens and works normally, back in WAL mode
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        add_contacts(conn, 1, start=7)
    finally:
        conn.close()
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    again = restore_database(db_path, office, now=NOW)  # same second: a second kept copy
    assert again.replaced.name == "office.sqlite3.replaced-20261123-194500-2"


KILLED_WRITER = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO contacts (display_name, created_at, updated_at) VALUES ('only in the wal', 'a', 'a')")
    conn.execute("COMMIT")
    os.kill(os.getpid(), 9)
    """
)


def leave_a_wal_behind(db_path):
    """A process commits a row and is killed: the row lives only in office.sqlite3-wal."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(db_path)], env=env, timeout=60)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0


def test_the_old_wal_goes_into_the_kept_copy_never_into_the_restored_file(db_path, office):
    leave_a_wal_behind(db_path)
    info = restore_database(db_path, office, now=NOW)
    assert names(db_path) == ["name 0", "name 1"]
    assert names(info.replaced) == ["name 0", "name 1", "later", "only in the wal"]
    assert not db_path.with_name("office.sqlite3-wal").exists()


def test_a_database_too_damaged_to_checkpoint_is_kept_with_its_wal(db_path, office):
    leave_a_wal_behind(db_path)
    with open(db_path, "r+b") as handle:  # even the header is gone
        handle.write(os.urandom(100))
    info = restore_database(db_path, office, now=NOW)
    assert names(db_path) == ["name 0", "name 1"]
    assert info.replaced.with_name(info.replaced.name + "-wal").exists()  # kept beside the old file
    conn = open_database(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_restore_into_a_new_place(tmp_path, office):
    target = tmp_path / "new pc" / "office.sqlite3"
    target.parent.mkdir()
    info = restore_database(target, office)
    assert info.replaced is None and names(target) == ["name 0", "name 1"]


@pytest.mark.parametrize("how", ["with-digest", "without-digest"])
def test_a_damaged_backup_is_refused_and_nothing_changes(db_path, tmp_path, how):
    sound_database(db_path)
    backup = backup_database(db_path, tmp_path / "backups").path
    damage_pages(backup, 20, 3)
    if how == "without-digest":
        digest_path(backup).unlink()
    before = snapshot(db_path.parent)
    error = BackupDigestMismatch if how == "with-digest" else DatabaseCorrupt
    with pytest.raises(error) as caught:
        restore_database(db_path, backup)
    assert str(backup) in caught.value.message and caught.value.fa
    assert snapshot(db_path.parent) == before


def test_backups_that_are_not_ours_or_too_new_are_refused(db_path, office, tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(NotOurDatabase):
        restore_database(db_path, text)
    other = tmp_path / "other.sqlite3"
    other_conn = sqlite3.connect(other)
    other_conn.execute("CREATE TABLE t (x)")
    other_conn.close()
    with pytest.raises(NotOurDatabase):
        restore_database(db_path, other)

    newer = tmp_path / "newer.sqlite3"
    open_database(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(DatabaseTooNew):
        restore_database(db_path, newer)
    assert names(db_path) == ["name 0", "name 1", "later"]


def test_another_programs_database_is_not_replaced(tmp_path, office):
    foreign = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(NotOurDatabase):
        restore_database(foreign, office)
    assert foreign.read_bytes() == before


def test_refused_while_the_app_holds_the_lock_and_allowed_after_it_is_killed(db_path, office):
    holder = spawn_lock_holder(db_path)
    try:
        before = snapshot(db_path.parent)
        with pytest.raises(DatabaseInUse) as caught:
            restore_database(db_path, office)
        assert "close the program first" in caught.value.message
        assert snapshot(db_path.parent) == before
    finally:
        kill_hard(holder)
    restore_database(db_path, office)
    assert names(db_path) == ["name 0", "name 1"]


def test_refused_while_another_connection_has_the_database_open(db_path, office, monkeypatch):
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db_path)
    other.execute("SELECT count(*) FROM contacts").fetchone()
    try:
        with pytest.raises(DatabaseLocked):
            restore_database(db_path, office)
    finally:
        other.close()
    assert names(db_path) == ["name 0", "name 1", "later"]
    assert not list(db_path.parent.glob("*.replaced-*"))


def test_the_app_restores_while_holding_its_own_lock(db_path, office):
    lock = DatabaseLock(db_path).acquire()
    try:
        restore_database(db_path, office)
        assert lock.held  # still the app's
    finally:
        lock.release()
    assert names(db_path) == ["name 0", "name 1"]


def test_an_older_backup_is_migrated_after_restore(db_path, office, monkeypatch):
    def add_nickname(conn):
        conn.execute("ALTER TABLE contacts ADD COLUMN nickname TEXT NOT NULL DEFAULT 'x'")

    newer = types.SimpleNamespace(__name__="m_next", VERSION=migrations.LATEST + 1, migrate=add_nickname)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, newer])
    monkeypatch.setattr(migrations, "LATEST", newer.VERSION)
    info = restore_database(db_path, office)
    assert info.backup_schema_version == newer.VERSION - 1 and info.schema_version == newer.VERSION
    conn = sqlite3.connect(db_path)
    try:
        assert schema_version(conn) == newer.VERSION
        assert conn.execute("SELECT nickname FROM contacts").fetchall() == [("x",), ("x",)]
    finally:
        conn.close()
    assert "pre-migration" in [b.kind for b in list_backups(default_backup_dir(db_path))]


# --- the command ---------------------------------------------------------------------------------


def test_cli_restore(db_path, office):
    result = run_cli("restore", office, db=db_path)
    assert result.returncode == 0, result.stderr
    assert f"restored {office} into {db_path}" in result.stdout
    assert "the replaced database is kept as" in result.stdout
    assert names(db_path) == ["name 0", "name 1"]


def test_cli_restore_refuses_while_the_app_runs(db_path, office):
    holder = spawn_lock_holder(db_path)
    try:
        result = run_cli("restore", office, db=db_path)
    finally:
        kill_hard(holder)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "the database is open in crm_desktop" in lines[0]
    assert names(db_path) == ["name 0", "name 1", "later"]


def test_cli_restore_refuses_a_damaged_backup(db_path, office):
    damage_pages(office, 2, 1)
    result = run_cli("restore", office, db=db_path)
    assert result.returncode != 0
    assert result.stderr.strip().startswith(f"crm-desktop: error: {office}: the backup does not match")


def test_indexes_with_the_persian_collation_are_checked_backed_up_and_restored(db_path, tmp_path):
    conn = open_database(db_path)
    conn.execute("CREATE INDEX contacts_by_persian_name ON contacts (display_name COLLATE PERSIAN)")
    add_contacts(conn, 5)
    conn.close()
    assert check_database(db_path).ok
    backup = backup_database(db_path, tmp_path / "backups")
    info = restore_database(db_path, backup.path)
    assert info.schema_version == migrations.LATEST and len(names(db_path)) == 5
