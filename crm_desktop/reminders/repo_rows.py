"""Reading stored reminder rows (no Qt): one SELECT with the group and the contact, as a tuple
with names, and its conversion to the model's objects."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from crm_desktop.core.jalali import from_iso_datetime, iso_datetime
from crm_desktop.reminders.model import DEFAULT_COLOUR, Occurrence, Reminder, ReminderRow, Repeat

SELECT = f"""
SELECT r.id, r.subject, r.group_id, r.starts_at, r.note, r.place, r.priority, r.contact_id,
       r.repeat, r.advance, r.sound, r.source, r.source_id,
       coalesce(g.name, ''), coalesce(g.colour, '{DEFAULT_COLOUR}'), coalesce(c.display_name, ''),
       r.last_at, r.fired_through, r.snoozed_until, r.snoozed_occurrence, r.next_alarm_at
FROM reminders r
LEFT JOIN reminder_groups g ON g.id = r.group_id
LEFT JOIN contacts c ON c.id = r.contact_id
"""


class Stored(NamedTuple):
    id: int
    subject: str
    group_id: int | None
    starts_at_text: str
    note: str
    place: str
    priority: int
    contact_id: int | None
    repeat_json: str
    advance_json: str
    sound: str
    source: str
    source_id: int | None
    group_name: str
    colour: str
    contact_name: str
    last_at: str | None
    fired_through: str | None
    snoozed_until: str | None
    snoozed_occurrence: str | None
    next_alarm_at: str | None

    @property
    def starts_at(self) -> datetime:
        return from_iso_datetime(self.starts_at_text)

    @property
    def repeat(self) -> Repeat:
        return repeat_of(self.repeat_json)

    @property
    def advance(self) -> tuple[int, ...]:
        return advance_of(self.advance_json)

    def reminder(self) -> Reminder:
        return Reminder(subject=self.subject, starts_at=self.starts_at, group_id=self.group_id, note=self.note,
                        place=self.place, priority=self.priority, contact_id=self.contact_id, repeat=self.repeat,
                        advance=self.advance, sound=self.sound, source=self.source, source_id=self.source_id,
                        id=self.id)

    def occurrence(self, at: datetime, done: bool) -> Occurrence:
        return Occurrence(self.id, at, self.subject, self.group_id, self.colour, self.group_name, self.note,
                          self.place, self.priority, self.contact_id, self.contact_name, done, self.source,
                          self.source_id, self.repeat_json != "{}")

    def row(self, next_at: datetime | None) -> ReminderRow:
        starts = self.starts_at
        return ReminderRow(self.id, self.subject, self.group_name, self.colour, starts, next_at,
                           self.repeat.describe(starts), self.note, self.place, self.priority, self.contact_name,
                           self.contact_id, self.source, self.group_id, self.source_id, self.repeat_json != "{}")


@lru_cache(maxsize=4096)
def repeat_of(text: str) -> Repeat:
    return Repeat.from_json(text)


@lru_cache(maxsize=1024)
def advance_of(text: str) -> tuple[int, ...]:
    return tuple(sorted(int(m) for m in json.loads(text or "[]")))


def iso(dt: datetime | None) -> str | None:
    return iso_datetime(dt) if dt is not None else None


def dt(text: str | None) -> datetime | None:
    return from_iso_datetime(text) if text else None
