"""Reminders that other parts of the office make (part of ``Reminders``): birthdays from the
phonebook, and one reminder per record of another feature (a cheque's due date, issue 6)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time

from crm_desktop.core import jalali
from crm_desktop.phonebook.model import no_year_to_jalali
from crm_desktop.reminders.model import Reminder, Repeat

BIRTHDAY_GROUP = "تولد"


def birthday_month_day(birthday: str) -> tuple[int, int] | None:
    """The Jalali (month, day) of a stored birthday: 'YYYY-MM-DD', or '--MM-DD' (Gregorian, no
    year: the fixed Jalali day the contact form shows, the same in every year); None if neither."""
    try:
        if birthday.startswith("--"):
            return no_year_to_jalali(birthday)
        _, j_month, j_day = jalali.to_jalali(date.fromisoformat(birthday[:10]))
    except (ValueError, OverflowError):
        return None
    return j_month, j_day


class SourcesMixin:
    def birthday_reminders(self, contact_ids=None, at_time: time = time(9, 0), now: datetime | None = None) -> int:
        """A yearly reminder «تولد …» for each contact with a birthday (all, or ``contact_ids``)
        that has none yet; group «تولد». Returns how many were made."""
        now = self._now(now)
        sql = ("SELECT c.id, c.display_name, c.birthday FROM contacts c WHERE c.birthday IS NOT NULL "
               "AND c.birthday <> '' AND NOT EXISTS (SELECT 1 FROM reminders r "
               "WHERE r.source = 'birthday' AND r.source_id = c.id)")
        params: list = []
        if contact_ids is not None:
            sql += " AND c.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(contact_ids)))
        group = self.group_by_name(BIRTHDAY_GROUP)
        this_year = jalali.to_jalali(now)[0]
        made = 0
        with self._writing({"reminders"}):
            for contact_id, name, birthday in self.conn.execute(sql, params).fetchall():
                month_day = birthday_month_day(birthday)
                if month_day is None:
                    continue
                month, day = month_day
                first = jalali.from_jalali(this_year, month, min(day, jalali.month_length(this_year, month)))
                reminder = Reminder(
                    subject=f"تولد {name}".strip(), starts_at=datetime.combine(first, at_time),
                    group_id=group.id if group else None, contact_id=contact_id, advance=(),
                    repeat=Repeat(kind="yearly", month=month, day=day), source="birthday", source_id=contact_id)
                self._insert(self._checked(reminder), now)
                made += 1
        return made

    def find_for_source(self, source: str, source_id: int) -> int | None:
        row = self.conn.execute("SELECT id FROM reminders WHERE source = ? AND source_id = ? ORDER BY id LIMIT 1",
                                (source, source_id)).fetchone()
        return row[0] if row else None

    def source_ids(self, source: str) -> list[int]:
        """The ids of the records of ``source`` that have a reminder (e.g. every cheque with an alert)."""
        return [row[0] for row in self.conn.execute(
            "SELECT DISTINCT source_id FROM reminders WHERE source = ? ORDER BY source_id", (source,))]

    def upsert_for_source(self, source: str, source_id: int, r: Reminder, now: datetime | None = None) -> int:
        """The one reminder of ``source``/``source_id`` (e.g. a cheque): made, or updated in place."""
        now = self._now(now)
        with self._writing({"reminders"}):
            existing = self.find_for_source(source, source_id)
            r = self._checked(replace(r, source=source, source_id=source_id, id=existing))
            if existing is None:
                return self._insert(r, now)
            self._update(r, now)
            return existing

    def delete_for_source(self, source: str, source_id: int) -> int:
        """Delete the reminders of ``source``/``source_id``; returns how many."""
        with self._writing({"reminders"}):
            return self.conn.execute("DELETE FROM reminders WHERE source = ? AND source_id = ?",
                                     (source, source_id)).rowcount

