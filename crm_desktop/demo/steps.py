"""The demo-data steps, in order, and ``fill_demo`` that runs them in one transaction.

A later feature plugs in by adding a ``Step`` to ``STEPS`` (e.g. reminders that point at the
contacts made before them); ``demo-data`` gets a ``--<name> N`` option for each step
automatically. A step's ``fill(conn, n, seed, progress)`` adds ``n`` rows and returns an object
with ``to_json()``; it should derive its random stream from ``seed`` and its own name, so adding
a step never changes what the earlier ones make.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from typing import Callable

from crm_desktop.core.digits import to_persian
from crm_desktop.demo.generate import Progress, fill_contacts, release_wal
from crm_desktop.errors import UserError
from crm_desktop.storage.db import open_database, transaction


@dataclass(frozen=True)
class Step:
    name: str  # the option is --<name>; the JSON key too
    default: int
    help: str
    fill: Callable[[sqlite3.Connection, int, object, Progress | None], object]
    table: str  # "already has data" is checked on this table
    option: str = ""  # the command-line option when not --<name> (e.g. attendance-months)


@dataclass
class ContactsResult:
    contacts: object  # generate.FillResult
    extras: dict

    def to_json(self) -> dict:
        return {**self.contacts.to_json(), **self.extras}


def fill_contacts_and_extras(conn: sqlite3.Connection, n: int, seed, progress: Progress | None) -> ContactsResult:
    """Contacts, then the phonebook's groups, custom fields and notes for them."""
    from crm_desktop.demo.phonebook_extras import fill_phonebook_extras

    made = fill_contacts(conn, n, seed, progress)
    extras = fill_phonebook_extras(conn, made.first_id, made.last_id, seed) if made.contacts else {}
    return ContactsResult(made, extras)


def fill_reminders(conn: sqlite3.Connection, n: int, seed, progress: Progress | None):
    """Reminders over 60 days either side of today, some linked to the contacts made before."""
    from crm_desktop.reminders.demo import fill_reminders

    return fill_reminders(conn, n, seed, progress)


def fill_cheques(conn: sqlite3.Connection, n: int, seed, progress: Progress | None):
    """Received and paid cheques in every status with their history, two cheque books, due alerts."""
    from crm_desktop.cheques.demo import fill_cheques

    return fill_cheques(conn, n, seed, progress)


def fill_files(conn: sqlite3.Connection, n: int, seed, progress: Progress | None):
    """Personnel, customer and applicant files (n of each) on the contacts made before, with
    former staff, every customer stage with interactions, every applicant status."""
    from crm_desktop.files.demo import fill_files

    return fill_files(conn, n, seed, progress)


def fill_attendance(conn: sqlite3.Connection, months: int, seed, progress: Progress | None):
    """Schedules, device PINs and ``months`` Jalali months of punches, leave and missions for the
    demo staff (the personnel files; a dozen are made when there are none)."""
    from crm_desktop.attendance.demo import fill_attendance

    return fill_attendance(conn, months, seed, progress)


STEPS: list[Step] = [
    Step("contacts", 1000, "number of demo contacts (default: %(default)s)", fill_contacts_and_extras, "contacts"),
    Step("reminders", 200, "number of demo reminders (default: %(default)s)", fill_reminders, "reminders"),
    Step("cheques", 300, "number of demo cheques (default: %(default)s)", fill_cheques, "cheques"),
    Step("files", 30, "number of demo files of each kind: personnel, customers, applicants (default: %(default)s)",
         fill_files, "files"),
    Step("attendance", 3, "Jalali months of demo attendance for the staff, this one included (default: %(default)s)",
         fill_attendance, "attendance_punches", option="attendance-months"),
]


class AlreadyFilled(UserError):
    def __init__(self, path, count: int):
        super().__init__(
            f"{path} already holds {count} contacts; add --append to add demo data to them",
            f"پایگاه داده «{path}» از پیش {to_persian(count)} مخاطب دارد؛ داده نمونه فقط به پایگاه خالی افزوده می‌شود.",
        )


@dataclass
class DemoResult:
    path: str
    seed: object
    seconds: float = 0.0
    steps: dict = field(default_factory=dict)  # step name -> its result's to_json()
    totals: dict = field(default_factory=dict)  # table -> rows after the fill

    def to_json(self) -> dict:
        return {"path": self.path, "seed": self.seed, "seconds": round(self.seconds, 3), **self.steps, "totals": self.totals}


def existing_rows(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM contacts").fetchone()[0]


def _index_for_search(conn: sqlite3.Connection, progress: Progress | None) -> None:
    """Bulk inserts skip the phonebook's search index; build it once, inside the same transaction."""
    from crm_desktop.demo.generate import report
    from crm_desktop.phonebook.repo import update_search_index

    update_search_index(conn, None if progress is None else lambda done, total: report(
        progress, done, total, "ساختن نمایه جستجو…"))


def fill_demo(conn: sqlite3.Connection, counts: dict, seed=1, progress: Progress | None = None, *,
              append: bool = False, path="") -> DemoResult:
    """Run every step with a count in ``counts`` ({step name: n}), all in one transaction.

    Refuses (AlreadyFilled) a database that already has contacts unless ``append``. A progress
    callback returning False, or raising, rolls everything back."""
    started = time.perf_counter()
    result = DemoResult(str(path), seed)
    try:
        with transaction(conn):
            if not append:
                count = existing_rows(conn)
                if count:
                    raise AlreadyFilled(path, count)
            for step in STEPS:
                n = counts.get(step.name, 0)
                if n:
                    result.steps[step.name] = step.fill(conn, n, seed, progress).to_json()
            if result.steps:
                _index_for_search(conn, progress)
    finally:
        release_wal(conn)  # committed or rolled back, a big fill's WAL space goes back now
    for step in STEPS:
        if step.name in result.steps:
            (result.totals[step.table],) = conn.execute(f"SELECT count(*) FROM {step.table}").fetchone()
    result.seconds = time.perf_counter() - started
    return result


def fill_demo_file(path, counts: dict, seed=1, progress: Progress | None = None, *, append: bool = False) -> DemoResult:
    """``fill_demo`` on its own connection to the file at ``path`` (created and migrated when
    needed): what ``demo-data`` runs, and what the app's ops runner can run on a worker thread
    (``lambda args, progress: fill_demo_file(path, counts, seed, progress)``)."""
    conn = open_database(path)
    try:
        return fill_demo(conn, counts, seed, progress, append=append, path=path)
    finally:
        conn.close()
