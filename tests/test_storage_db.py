"""Opening the database: files that are not ours stay untouched; read-only and locked files get
a clear error (English and Persian) and are not written to."""

import os
import sqlite3
import stat

import pytest

from crm_desktop.storage import db as storage_db
from crm_desktop.storage.db import (
    APPLICATION_ID,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotOurDatabase,
    identify,
    open_database,
)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def add_contacts(conn, count, start=0):
    rows = [(f"name {i}", "2025-03-20T08:30:00", "2025-03-20T08:30:00") for i in range(start, start + count)]
    with storage_db.transaction(conn):
        conn.executemany("INSERT INTO contacts (display_name, created_at, updated_at) VALUES (?, ?, ?)", rows)


def snapshot(folder):
    """Every file in ``folder`` with its bytes and mtime."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}


def other_programs_database(path, wal=False):
    other = sqlite3.connect(path)
    if wal:
        other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    other.execute("INSERT INTO notes (body) VALUES ('not yours')")
    other.commit()
    other.close()


@pytest.mark.parametrize("wal", [False, True])
def test_another_programs_sqlite_file_is_refused_and_left_byte_for_byte(tmp_path, wal):
    path = tmp_path / "other.sqlite3"
    other_programs_database(path, wal)
    before = snapshot(tmp_path)
    with pytest.raises(NotOurDatabase) as caught:
        open_database(path)
    assert caught.value.message == f"{path}: not a crm_desktop database"
    assert "این برنامه نیست" in caught.value.fa
    assert snapshot(tmp_path) == before  # no WAL switch, no -wal/-shm files


@pytest.mark.parametrize("content", [b"name,phone\nAli,0912\n", PNG, os.urandom(4096)], ids=["text", "png", "random"])
def test_files_that_are_not_sqlite_are_refused(tmp_path, content):
    path = tmp_path / "office.sqlite3"
    path.write_bytes(content)
    before = snapshot(tmp_path)
    with pytest.raises(NotOurDatabase):
        open_database(path)
    assert snapshot(tmp_path) == before


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(NotOurDatabase):
        open_database(tmp_path)


def test_missing_database_without_create(tmp_path):
    path = tmp_path / "nothing.sqlite3"
    with pytest.raises(DatabaseMissing):
        open_database(path, create=False)
    assert not path.exists()


def test_new_database_is_ours_even_before_its_wal_is_checkpointed(conn, db_path):
    # While the app has it open, the header on disk may not yet carry the application_id.
    identity = identify(db_path)
    assert identity.ours and identity.application_id == APPLICATION_ID
    assert not identity.empty


def test_too_new_database_is_refused(db_path, conn):
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db_path)
    assert "newer than this program knows" in caught.value.message


def _access_as_a_normal_user(path, mode, **kwargs):
    """os.access as a non-root user sees it: root may write anything, so tests running as root
    would never see a read-only file. The permission bits decide here."""
    if mode & os.W_OK and not os.stat(path).st_mode & stat.S_IWUSR:
        return False
    return os.path.exists(path)


def test_read_only_file_and_folder_are_reported_and_not_written(tmp_path, monkeypatch):
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / "office.sqlite3"
    open_database(path).close()
    before = snapshot(folder)
    path.chmod(0o444)
    folder.chmod(0o555)
    monkeypatch.setattr(storage_db.os, "access", _access_as_a_normal_user)
    try:
        with pytest.raises(DatabaseReadOnly) as caught:
            open_database(path)
        assert "read-only" in caught.value.message and "فقط‌خواندنی" in caught.value.fa
        assert snapshot(folder) == before
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_sqlites_own_read_only_error_becomes_database_read_only(db_path, conn):
    conn.close()
    readonly = storage_db.connect(db_path, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            readonly.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
    finally:
        readonly.close()
    assert isinstance(storage_db.translate_error(caught.value, db_path), DatabaseReadOnly)


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 200)


def test_exclusive_transaction_in_another_connection_gives_database_locked(db_path, conn, short_busy_timeout):
    add_contacts(conn, 3)
    conn.execute("PRAGMA journal_mode = DELETE")  # e.g. a file a tool switched out of WAL
    conn.close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO contacts (display_name, created_at, updated_at) VALUES ('x', 'now', 'now')")
    before = db_path.read_bytes()
    try:
        with pytest.raises(DatabaseLocked) as caught:
            open_database(db_path)
        assert caught.value.message == f"{db_path}: the database is locked by another program"
        assert "برنامه دیگری" in caught.value.fa
        assert db_path.read_bytes() == before
    finally:
        other.execute("ROLLBACK")
        other.close()
    reopened = open_database(db_path)
    assert reopened.execute("SELECT count(*) FROM contacts").fetchone()[0] == 3
    reopened.close()


def test_exclusive_locking_mode_in_wal_gives_database_locked(db_path, conn, short_busy_timeout):
    conn.close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked):
            open_database(db_path)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_failed_commit_leaves_no_open_transaction(conn):
    conn.execute(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, contact_id INTEGER "
        "REFERENCES contacts (id) DEFERRABLE INITIALLY DEFERRED)"
    )
    with pytest.raises(sqlite3.IntegrityError):
        with storage_db.transaction(conn):
            conn.execute("INSERT INTO notes (contact_id) VALUES (12345)")  # checked only at COMMIT
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    with storage_db.transaction(conn):  # the connection is usable again
        add_contacts(conn, 1)  # nested: a savepoint
        with pytest.raises(ValueError):
            with storage_db.transaction(conn):
                conn.execute("INSERT INTO notes (contact_id) VALUES (1)")
                raise ValueError("inner action failed")
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_disk_full_is_not_reported_as_damage(db_path):
    error = storage_db.translate_error(sqlite3.OperationalError("database or disk is full"), db_path)
    assert isinstance(error, storage_db.DiskFull) and "disk is full" in error.message and "دیسک پر است" in error.fa


def test_identifying_an_open_database_keeps_its_locks_and_its_wal(db_path, conn):
    """The app checks its own open file (before an automatic backup): reading the header with a
    file of its own and closing it would drop SQLite's locks, so that the next program to close
    the database (``reminders add`` on the command line) deleted the WAL the app was still
    writing to, and the app's later writes were lost."""
    import subprocess
    import sys

    add_contacts(conn, 1)
    assert identify(db_path).ours
    script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
              "c.execute('CREATE TABLE scratch (x)'); c.commit(); c.close()")
    subprocess.run([sys.executable, "-c", script, str(db_path)], check=True)
    assert os.path.exists(f"{db_path}-wal")
    add_contacts(conn, 1, start=1)  # the app writes on after the other program has gone
    count = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM contacts').fetchone()[0])"
    seen = subprocess.run([sys.executable, "-c", count, str(db_path)], check=True, capture_output=True, text=True)
    assert seen.stdout.strip() == "2"


@pytest.mark.parametrize("statement, params", [
    ("SELECT " + " + ".join(["1"] * 1200), ()),  # Expression tree is too large (maximum depth 1000)
    ("SELECT 'a' LIKE ?", ("%a" * 60000,)),  # LIKE or GLOB pattern too complex
])
def test_a_statement_beyond_sqlites_limits_is_not_a_damaged_database(conn, db_path, statement, params):
    """Calling it «damaged» would send the operator to restore a backup over a sound file."""
    from crm_desktop.storage.db import DatabaseCorrupt, RequestTooLarge, translate_error

    with pytest.raises(sqlite3.Error) as raised:
        conn.execute(statement, params).fetchall()
    error = translate_error(raised.value, db_path)
    assert isinstance(error, RequestTooLarge) and not isinstance(error, DatabaseCorrupt)
    assert error.exit_code == 2 and "too large for the database" in error.message
    assert "آسیب" not in error.fa and "کوتاه‌تر" in error.fa


def test_a_damaged_file_is_still_called_damaged(db_path):
    from crm_desktop.storage.db import DatabaseCorrupt, translate_error

    error = translate_error(sqlite3.DatabaseError("database disk image is malformed"), db_path)
    assert isinstance(error, DatabaseCorrupt) and "damaged" in error.message
