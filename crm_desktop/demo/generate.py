"""Filling a database with demo data: ``fill_contacts(conn, n, seed, progress)``.

One transaction: a cancelled or failed fill leaves the database exactly as it was. A big fill
(at least ``BULK_MIN`` contacts and no fewer than the database already holds) drops the
secondary indexes of the contact tables first and builds them again at the end, inside the same
transaction; a small fill into a big database keeps them. The connection's safety pragmas
(WAL, synchronous=FULL, foreign_keys) are left alone. A bigger page cache was measured and
bought nothing (a million contacts: 23 s with SQLite's default 2 MiB cache and 98 MiB peak
memory, 24 s with 32–256 MiB and up to 436 MiB), so there is none.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import date
from typing import Callable

from crm_desktop.demo.factory import (
    ADDRESS_COLUMNS,
    CONTACT_COLUMNS,
    EMAIL_COLUMNS,
    PHONE_COLUMNS,
    ContactFactory,
    display_name,
)
from crm_desktop.errors import Cancelled, UserError
from crm_desktop.storage.db import transaction

__all__ = ["Cancelled", "FillResult", "display_name", "fill_contacts", "release_wal"]

CONTACT_TABLES = ("contacts", "contact_phones", "contact_emails", "contact_addresses")
CHUNK_SIZE = 20_000
BULK_MIN = 20_000

Progress = Callable[[int, int, str], object]

TEXT_CONTACTS = "ساختن مخاطبان نمونه…"
TEXT_INDEXES = "ساختن نمایه‌ها…"




@dataclass
class FillResult:
    contacts: int = 0
    phones: int = 0
    emails: int = 0
    addresses: int = 0
    first_id: int | None = None
    last_id: int | None = None

    def to_json(self) -> dict:
        return asdict(self)


def report(progress: Progress | None, done: int, total: int, text: str) -> None:
    """Call ``progress``; a False answer cancels (an exception from it propagates as it is)."""
    if progress is not None and progress(done, total, text) is False:
        raise Cancelled()


def _insert_sql(table: str, columns) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def secondary_indexes(conn: sqlite3.Connection, tables=CONTACT_TABLES) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the explicit indexes on ``tables``, in creation order."""
    marks = ", ".join("?" * len(tables))
    return conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY rowid",
        tables,
    ).fetchall()


def fill_contacts(
    conn: sqlite3.Connection,
    n: int,
    seed=1,
    progress: Progress | None = None,
    *,
    today: date | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> FillResult:
    """Add ``n`` demo contacts (about 80 % persons) with 1–3 phones each, and e-mails, addresses,
    birthdays and national codes for some. The rows are a pure function of ``seed``, the first
    free id and ``today``: a fresh database gets the same people for the same seed, and an
    appended batch gets new ones.

    ``progress(done, total, text)`` is called after every chunk and index; if it returns False
    (or raises), the whole fill is rolled back and Cancelled (or its exception) is raised."""
    n = int(n)
    if n < 0:
        raise UserError(f"the number of contacts cannot be negative ({n})", "تعداد مخاطبان نمی‌تواند منفی باشد.")
    result = FillResult()
    dropped = []
    try:
        _fill(conn, n, seed, progress, today, chunk_size, result, dropped)
    except BaseException:
        if dropped:  # a cancelled bulk fill leaves a big WAL behind: give the space back too
            release_wal(conn)
        raise
    result.contacts = n
    if n:
        result.last_id = result.first_id + n - 1
    else:
        result.first_id = None
    if dropped:
        release_wal(conn)
    return result


def _fill(conn, n, seed, progress, today, chunk_size, result: FillResult, dropped: list) -> None:
    with transaction(conn):
        first_id, existing = conn.execute("SELECT coalesce(max(id), 0) + 1, count(*) FROM contacts").fetchone()
        result.first_id = first_id
        factory = ContactFactory(f"contacts:{seed}:{first_id}", today)
        if n >= BULK_MIN and n >= existing:
            dropped.extend(secondary_indexes(conn))
            for name, _sql in dropped:
                conn.execute(f'DROP INDEX "{name}"')
        sql = [
            _insert_sql("contacts", CONTACT_COLUMNS),
            _insert_sql("contact_phones", PHONE_COLUMNS),
            _insert_sql("contact_emails", EMAIL_COLUMNS),
            _insert_sql("contact_addresses", ADDRESS_COLUMNS),
        ]
        report(progress, 0, n, TEXT_CONTACTS)
        done = 0
        while done < n:
            count = min(chunk_size, n - done)
            rows = factory.rows(first_id + done, count)
            for statement, batch in zip(sql, rows):
                conn.executemany(statement, batch)
            result.phones += len(rows[1])
            result.emails += len(rows[2])
            result.addresses += len(rows[3])
            done += count
            report(progress, done, n, TEXT_CONTACTS)
        for name, create in dropped:
            conn.execute(create)
            report(progress, n, n, TEXT_INDEXES)


def release_wal(conn: sqlite3.Connection) -> None:
    """After a big fill: copy the WAL into the database and give its disk space back now,
    rather than when the last connection closes (the app may keep its own open for hours).
    Does nothing inside a transaction; a busy reader just leaves it to a later checkpoint."""
    if not conn.in_transaction:
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass  # e.g. locked: SQLite checkpoints later by itself
