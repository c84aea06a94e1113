"""Migrations: a database at every older version migrates with its data and a backup first; a
failing migration changes nothing; a newer database is refused."""

import sqlite3
import types

import pytest

from crm_desktop.paths import default_backup_dir
from crm_desktop.storage import migrations
from crm_desktop.storage.backup import list_backups
from crm_desktop.storage.db import DatabaseTooNew, open_database, schema_version, transaction
from tests.test_storage_db import snapshot


def _m0002_nickname():
    def migrate(conn):
        conn.execute("ALTER TABLE contacts ADD COLUMN nickname TEXT NOT NULL DEFAULT ''")
        conn.execute("UPDATE contacts SET nickname = 'nick ' || display_name")

    return types.SimpleNamespace(__name__="m0002_nickname", VERSION=len(migrations.MIGRATIONS) + 1, migrate=migrate)


@pytest.fixture(params=["real", "with-a-test-migration"])
def schema(request, monkeypatch):
    """The real migrations, and the same plus one more, so that the 'older version' path is
    exercised even while the project has a single migration."""
    if request.param == "with-a-test-migration":
        extra = [*migrations.MIGRATIONS, _m0002_nickname()]
        monkeypatch.setattr(migrations, "MIGRATIONS", extra)
        monkeypatch.setattr(migrations, "LATEST", len(extra))
    return migrations.LATEST


def build_at(path, version):
    """A database built by the migrations up to ``version`` (0: a new, empty file)."""
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=version)
    assert schema_version(conn) == version
    return conn


def put_a_row_in(conn, version):
    if version >= 1:
        with transaction(conn):
            conn.execute(
                "INSERT INTO contacts (display_name, created_at, updated_at) VALUES ('علی رضایی', 'a', 'a')"
            )
            conn.execute("INSERT INTO settings (key, value) VALUES ('pref.office_name', '\"دفتر\"')")


def test_every_older_version_migrates_with_its_data(tmp_path, schema):
    latest = schema
    for version in range(latest):
        path = tmp_path / f"v{version}.sqlite3"
        conn = build_at(path, version)
        put_a_row_in(conn, version)
        conn.close()

        conn = open_database(path)
        try:
            assert schema_version(conn) == latest
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert {"settings", "contacts", "contact_phones"} <= tables
            names = [row[0] for row in conn.execute("SELECT display_name FROM contacts")]
            assert names == (["علی رضایی"] if version >= 1 else [])
            if version >= 1 and migrations.MIGRATIONS[-1].__name__ == "m0002_nickname":  # the test migration
                assert conn.execute("SELECT nickname FROM contacts").fetchone()[0] == "nick علی رضایی"
        finally:
            conn.close()

        backups = list_backups(default_backup_dir(path), database=path.stem)
        if version == 0:
            assert backups == []  # nothing to lose in a brand-new file
        else:
            assert [b.kind for b in backups] == ["pre-migration"]
            backup = backups[0]
            assert backup.digest_ok is True and backup.schema_version == version
            copy = sqlite3.connect(backup.path)
            try:
                assert copy.execute("SELECT display_name FROM contacts").fetchall() == [("علی رضایی",)]
                assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                copy.close()


def test_up_to_date_database_is_not_backed_up_again(db_path):
    open_database(db_path).close()
    open_database(db_path).close()
    assert list_backups(default_backup_dir(db_path)) == []


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "office.sqlite3"
    conn = build_at(path, migrations.LATEST)
    put_a_row_in(conn, migrations.LATEST)
    conn.close()

    def broken(conn):
        conn.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        raise RuntimeError("bug in a migration")

    version = migrations.LATEST
    bad = types.SimpleNamespace(__name__="m_broken", VERSION=version + 1, migrate=broken)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, bad])
    monkeypatch.setattr(migrations, "LATEST", version + 1)
    with pytest.raises(RuntimeError):
        open_database(path)
    monkeypatch.undo()

    conn = open_database(path)
    try:
        assert schema_version(conn) == version
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
    finally:
        conn.close()
    assert [b.kind for b in list_backups(default_backup_dir(path))] == ["pre-migration"]


def test_a_newer_database_is_refused_and_untouched(db_path, conn):
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = snapshot(db_path.parent)
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db_path)
    assert "update the program" in caught.value.message and "به‌روز" in caught.value.fa
    assert snapshot(db_path.parent) == before
