"""The reminder book's repository (no Qt): ``Reminders(conn, notify=None, clock=datetime.now)``.

Every write is one transaction (a savepoint inside the caller's) followed by ``notify(tables)``
({"reminders"}, {"reminder_groups"} or {"holidays"}). Each write keeps ``last_at`` (the last
occurrence, NULL when endless) and ``next_alarm_at`` (see alarms.py) in step.

The parts: repo_groups.py (groups), repo_query.py (occurrences in a range, the list, the month),
repo_holidays.py (holidays), repo_sources.py (birthdays, reminders owned by other features),
alarms.py (the alarm engine).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Callable, Iterable

from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.reminders.alarms import AlarmsMixin, next_alarm_for
from crm_desktop.reminders.model import Reminder
from crm_desktop.reminders.recurrence import last_occurrence
from crm_desktop.reminders.repo_groups import GroupsMixin
from crm_desktop.reminders.repo_holidays import HolidaysMixin
from crm_desktop.reminders.repo_query import QueryMixin
from crm_desktop.reminders.repo_rows import SELECT, Stored, dt, iso
from crm_desktop.reminders.repo_sources import SourcesMixin
from crm_desktop.storage.db import transaction, translate_error

__all__ = ["Reminders"]

SCHEDULE = ("starts_at", "repeat", "advance")


class Reminders(GroupsMixin, QueryMixin, HolidaysMixin, SourcesMixin, AlarmsMixin):
    def __init__(self, conn: sqlite3.Connection, notify: Callable[[set], object] | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        self.conn = conn
        self._notify = notify or (lambda tables: None)
        self.clock = clock
        self._overrides: dict | None = None  # the holidays table, read once

    # -- plumbing -----------------------------------------------------------------------------------
    def _now(self, now: datetime | None) -> datetime:
        return (now if now is not None else self.clock()).replace(microsecond=0)

    def _path(self):
        try:
            return self.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
        except sqlite3.Error:
            return "?"

    @contextmanager
    def _writing(self, tables):
        try:
            with transaction(self.conn):
                yield
        except sqlite3.DatabaseError as error:
            if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
                raise
            raise translate_error(error, self._path()) from error
        self._notify(set(tables))

    # -- one reminder -----------------------------------------------------------------------------
    def _checked(self, r: Reminder) -> Reminder:
        r.validate()
        r = r.normalised()
        if r.group_id is not None and not self.conn.execute(
                "SELECT 1 FROM reminder_groups WHERE id = ?", (r.group_id,)).fetchone():
            raise ValidationError(f"no group {r.group_id}", "این گروه دیگر وجود ندارد.", "گروه")
        if r.contact_id is not None and not self.conn.execute(
                "SELECT 1 FROM contacts WHERE id = ?", (r.contact_id,)).fetchone():
            raise ValidationError(f"no contact {r.contact_id}", "این مخاطب دیگر در دفتر تلفن نیست.", "مخاطب")
        return r

    def _values(self, r: Reminder) -> dict:
        return {
            "subject": r.subject, "group_id": r.group_id, "starts_at": iso(r.starts_at), "note": r.note,
            "place": r.place, "priority": r.priority, "contact_id": r.contact_id, "repeat": r.repeat.to_json(),
            "advance": json.dumps(list(r.advance)), "sound": r.sound, "source": r.source,
            "source_id": r.source_id, "search_text": normalise(f"{r.subject} {r.note} {r.place}"),
            "last_at": iso(last_occurrence(r.starts_at, r.repeat, self.holiday_test())),
        }

    def add(self, r: Reminder, now: datetime | None = None) -> int:
        """Store a new reminder; returns its id. Alarms before ``now`` do not ring."""
        r = self._checked(r)
        now = self._now(now)
        with self._writing({"reminders"}):
            return self._insert(r, now)

    def _insert(self, r: Reminder, now: datetime) -> int:
        values = self._values(r)
        values.update(fired_through=iso(now), created_at=iso(now), updated_at=iso(now),
                      next_alarm_at=iso(next_alarm_for(r.starts_at, r.repeat, r.advance, now,
                                                       holidays=self.holiday_test())))
        names = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        return self.conn.execute(f"INSERT INTO reminders ({names}) VALUES ({marks})", values).lastrowid

    def update(self, r: Reminder, now: datetime | None = None) -> None:
        """Store an edited reminder. A changed date, repeat or advance starts its alarms afresh
        from ``now`` (and drops a pending snooze); other edits keep them as they were."""
        if r.id is None:
            raise ValueError("update needs a reminder with an id")
        r = self._checked(r)
        now = self._now(now)
        with self._writing({"reminders"}):
            self._update(r, now)

    def _update(self, r: Reminder, now: datetime) -> None:
        old = self.conn.execute(
            "SELECT starts_at, repeat, advance, fired_through, snoozed_until FROM reminders WHERE id = ?",
            (r.id,)).fetchone()
        if old is None:
            raise UserError(f"reminder {r.id} no longer exists", "این یادآوری دیگر وجود ندارد.")
        values = self._values(r)
        if tuple(values[k] for k in SCHEDULE) != tuple(old[:3]):
            fired, snoozed = now, None
            values.update(snoozed_until=None, snoozed_occurrence=None)
        else:
            fired, snoozed = dt(old[3]) or now, dt(old[4])
        values.update(fired_through=iso(fired), updated_at=iso(now), id=r.id,
                      next_alarm_at=iso(next_alarm_for(r.starts_at, r.repeat, r.advance, fired, snoozed_until=snoozed,
                                                       done=self._done_after(r.id, fired),
                                                       holidays=self.holiday_test())))
        sets = ", ".join(f"{name} = :{name}" for name in values if name != "id")
        self.conn.execute(f"UPDATE reminders SET {sets} WHERE id = :id", values)

    def get(self, reminder_id: int) -> Reminder | None:
        row = self.conn.execute(SELECT + " WHERE r.id = ?", (reminder_id,)).fetchone()
        return Stored(*row).reminder() if row else None

    def delete(self, ids: Iterable[int]) -> int:
        """Delete reminders (and their log); returns how many were deleted."""
        ids = list(ids)
        if not ids:
            return 0
        with self._writing({"reminders"}):
            return self.conn.execute("DELETE FROM reminders WHERE id IN (SELECT value FROM json_each(?))",
                                     (json.dumps(ids),)).rowcount

    def copy(self, reminder_id: int, now: datetime | None = None) -> int:
        """A new reminder like an existing one (not tied to its source)."""
        r = self.get(reminder_id)
        if r is None:
            raise UserError(f"reminder {reminder_id} no longer exists", "این یادآوری دیگر وجود ندارد.")
        return self.add(replace(r, id=None, source="", source_id=None), now)

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM reminders").fetchone()[0]
