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
BIRTHDAY_SUBJECT = "تولد"  # «تولد <name>»


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
        """A yearly reminder «تولد …» for each person with a birthday (all, or ``contact_ids``)
        that has none yet; group «تولد» (an organisation's date is its founding, not a
        birthday). Returns how many were made."""
        now = self._now(now)
        sql = ("SELECT c.id, c.display_name, c.birthday FROM contacts c WHERE c.birthday IS NOT NULL "
               "AND c.birthday <> '' AND c.kind <> 'organisation' AND NOT EXISTS (SELECT 1 FROM reminders r "
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
                    subject=f"{BIRTHDAY_SUBJECT} {name}".strip(), starts_at=datetime.combine(first, at_time),
                    group_id=group.id if group else None, contact_id=contact_id, advance=(),
                    repeat=Repeat(kind="yearly", month=month, day=day), source="birthday", source_id=contact_id)
                self._insert(self._checked(reminder), now)
                made += 1
        return made

    def follow_birthdays(self, contact_ids, before: dict, now: datetime | None = None) -> int:
        """Keep the birthday reminders of ``contact_ids`` in step with what changed in their
        contacts (called in the phonebook's transaction after an edit or a merge; ``before``:
        {id: (display name, birthday) the reminder was made from}). Only a real change moves a
        reminder, and only what the operator left as it was made: the subject «تولد <old name>»
        becomes «تولد <new name>» (a subject they rewrote stays), the day follows the birthday
        when the reminder still rings on the old one (a day they moved stays; the time of day,
        alarms ahead and group always stay), and a reminder whose contact's birthday was
        cleared goes. Returns how many were changed or removed."""
        rows = self.conn.execute(
            "SELECT r.id, c.id, c.display_name, c.birthday FROM reminders r JOIN contacts c ON c.id = r.source_id "
            "WHERE r.source = 'birthday' AND r.source_id IN (SELECT value FROM json_each(?))",
            (json.dumps([int(i) for i in contact_ids]),)).fetchall()
        if not rows:
            return 0
        now = self._now(now)
        changed = 0
        with self._writing({"reminders"}):
            for reminder_id, contact_id, name, birthday in rows:
                old_name, old_birthday = before.get(contact_id, (name, birthday or ""))
                if (name, birthday or "") == (old_name, old_birthday):
                    continue
                month_day = birthday_month_day(birthday or "")
                if month_day is None:  # the birthday was cleared
                    self.conn.execute("DELETE FROM reminders WHERE id = ?", (reminder_id,))
                    changed += 1
                    continue
                old = self.get(reminder_id)
                subject, repeat, starts = old.subject, old.repeat, old.starts_at
                if name != old_name and subject == f"{BIRTHDAY_SUBJECT} {old_name}".strip():
                    subject = f"{BIRTHDAY_SUBJECT} {name}".strip()
                if month_day != (repeat.month, repeat.day) and birthday_month_day(old_birthday) == (
                        repeat.month, repeat.day):
                    month, day = month_day
                    repeat = replace(repeat, month=month, day=day)
                    year = jalali.to_jalali(starts)[0]
                    starts = datetime.combine(jalali.from_jalali(year, month, min(day, jalali.month_length(year, month))),
                                              starts.time())
                if (subject, repeat) == (old.subject, old.repeat):
                    continue
                self._update(self._checked(replace(old, subject=subject, starts_at=starts, repeat=repeat)), now)
                changed += 1
        return changed

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

