"""Is this database sound? ``check_database`` for the check command and the settings page,
``quick_check`` for start-up. Both only read: a file that is not ours is never touched."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.core.digits import to_persian
from crm_desktop.storage import migrations
from crm_desktop.storage.db import (
    DatabaseCorrupt,
    DatabaseReadOnly,
    DatabaseTooNew,
    StorageError,
    connect,
    ensure_ours,
    open_untouched,
    schema_version,
    translate_error,
)

MAX_ERRORS = 100


@dataclass
class CheckReport:
    path: Path
    ok: bool
    schema_version: int | None
    latest_version: int
    integrity: str  # "ok", "not checked", or the problems SQLite found, joined with "; "
    integrity_problems: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)
    message: str = ""
    fa: str = ""
    error: StorageError | None = field(default=None, repr=False)  # raise it to report a failure

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "ok": self.ok,
            "schema_version": self.schema_version,
            "latest_version": self.latest_version,
            "integrity": self.integrity,
            "integrity_problems": self.integrity_problems,
            "foreign_key_problems": self.foreign_key_problems,
            "message": self.message,
            "fa": self.fa,
        }


def quick_check(conn: sqlite3.Connection, max_errors: int = 10) -> list[str]:
    """SQLite's ``quick_check`` (structure, no index contents): [] when sound, else the problems.
    Never raises for damage: a file too broken to read gives the error text as its problem."""
    return _problems(conn, "quick_check", max_errors)


def integrity_check(conn: sqlite3.Connection, max_errors: int = MAX_ERRORS) -> list[str]:
    """SQLite's full ``integrity_check`` (also compares every index with its table)."""
    return _problems(conn, "integrity_check", max_errors)


def _problems(conn, pragma: str, max_errors: int) -> list[str]:
    try:
        rows = conn.execute(f"PRAGMA {pragma}({int(max_errors)})").fetchall()
    except sqlite3.DatabaseError as error:
        if _is_lock_error(error):
            raise
        return [str(error)]
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def foreign_key_problems(conn: sqlite3.Connection, limit: int = MAX_ERRORS) -> list[str]:
    """Rows pointing at a parent row that does not exist, e.g. 'contact_phones row 7 -> contacts'."""
    problems = []
    for table, rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} -> {parent}")
        if len(problems) >= limit:
            break
    return problems


def _is_lock_error(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def check_database(path, *, quick: bool = False) -> CheckReport:
    """Check the file at ``path`` without changing it. Never raises a StorageError: a missing
    file, another program's file, a damaged, locked or too-new database all come back as a
    report with ``ok=False``, ``message``/``fa`` and ``error`` set."""
    path = Path(path)
    latest = migrations.LATEST
    report = CheckReport(path, False, None, latest, "not checked")
    try:
        ensure_ours(path)
        conn = _open_for_check(path)
        try:
            report.schema_version = schema_version(conn)
            problems = quick_check(conn, MAX_ERRORS) if quick else integrity_check(conn)
            report.integrity_problems = problems
            report.integrity = "; ".join(problems) if problems else "ok"
            if not problems and not quick:  # start-up skips the table scans
                report.foreign_key_problems = foreign_key_problems(conn)
        finally:
            conn.close()
    except StorageError as error:
        return _failed(report, error)
    except sqlite3.Error as error:
        return _failed(report, translate_error(error, path))

    if report.integrity_problems:
        return _failed(report, DatabaseCorrupt(path, report.integrity_problems[0]))
    if report.foreign_key_problems:
        count = len(report.foreign_key_problems)
        detail = f"{count} broken link(s) between tables, e.g. {report.foreign_key_problems[0]}"
        return _failed(report, DatabaseCorrupt(path, detail))
    if report.schema_version > latest:
        return _failed(report, DatabaseTooNew(path, report.schema_version, latest))
    checks = "quick check ok" if quick else "integrity ok, foreign keys ok"
    report.ok = True
    report.message = f"ok: schema version {report.schema_version} (latest {latest}), {checks}"
    report.fa = to_persian(f"پایگاه داده سالم است (نسخه ساختار {report.schema_version} از {latest}).")
    return report


def _open_for_check(path: Path) -> sqlite3.Connection:
    try:
        return connect(path, readonly=True)
    except DatabaseReadOnly:
        # e.g. a backup on a read-only medium: SQLite could not create the -shm file. With no
        # -wal there is nothing beyond the file itself to read, so read it as immutable.
        if Path(f"{path}-wal").exists():
            raise
        return open_untouched(path)


def _failed(report: CheckReport, error: StorageError) -> CheckReport:
    report.ok = False
    report.error = error
    report.message = error.message
    report.fa = error.fa
    return report
