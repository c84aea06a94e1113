"""iCalendar (.ics) export of the reminders of a date range, built with ``icalendar`` (no Qt).

One VEVENT per reminder. A repeat that Gregorian RRULE can say — daily, weekly on chosen days,
every N days, with Fridays skipped (a BYDAY filter) — becomes one VEVENT with an RRULE bounded
to the range: DTSTART is its first occurrence in the range and UNTIL its last (or the rule's
own COUNT when the whole series lies in the range). Jalali monthly and yearly rules (Mehr has 30
days, Esfand 29 or 30: no Gregorian rule matches), and any rule that skips official holidays,
become one VEVENT per occurrence in the range, UID ``reminder-ID-YYYYMMDDTHHMM@crm-desktop``.
Each VEVENT has a VALARM at its time and one per advance notice (TRIGGER -PT15M …).
DESCRIPTION is the note, LOCATION the place, CATEGORIES the group, CONTACT the phonebook contact.

Times are *floating* local times (``DTSTART:20241006T093000``, no TZID). The reminder book
stores naive local wall-clock times and rings by the PC's clock, whatever zone it is set to;
writing TZID=Asia/Tehran would claim a zone the data never recorded (a branch office abroad, a
PC left on UTC would be shifted). Floating times read back at the same wall-clock time in any
calendar, which is what the operator typed; and as Iran has kept no daylight saving since 1401
(2022), a floating time is never ambiguous there.

The file is written beside its target and renamed into place: an error leaves no half file.
"""

from __future__ import annotations

import os
import time as clock
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable

from icalendar import Alarm, Calendar, Event, vRecur

from crm_desktop import __version__
from crm_desktop.errors import UserError

DOMAIN = "crm-desktop"
BYDAY = ("SA", "SU", "MO", "TU", "WE", "TH", "FR")  # index = core.jalali.weekday (0 = Saturday)
ICS_PRIORITY = {0: 9, 1: 5, 2: 1}  # low, normal, high (RFC 5545: 1 highest … 9 lowest)
EXPRESSIBLE = ("daily", "weekly", "every_n_days")
CALENDAR_NAME = "دفتر یادآوری"


@dataclass
class IcsResult:
    path: str
    reminders: int
    events: int
    seconds: float

    def to_json(self) -> dict:
        return {"path": self.path, "format": "ics", "reminders": self.reminders, "events": self.events,
                "seconds": round(self.seconds, 3)}


@dataclass
class Entry:
    """One reminder and its occurrences in the range, as the repository expanded them."""

    reminder: object  # model.Reminder
    occurrences: list[datetime]
    group_name: str = ""
    contact_name: str = ""


def uid(reminder_id: int, at: datetime | None = None) -> str:
    if at is None:
        return f"reminder-{reminder_id}@{DOMAIN}"
    return f"reminder-{reminder_id}-{at:%Y%m%dT%H%M}@{DOMAIN}"


def rrule_for(repeat, first: datetime, last: datetime, whole_series: bool) -> dict | None:
    """The RRULE (a dict for ``vRecur``) of a repeat from ``first`` to ``last`` in the range, or
    None when Gregorian RRULE cannot say it (Jalali months and years, holidays)."""
    if repeat.kind not in EXPRESSIBLE or repeat.skip_holidays:
        return None
    rule: dict = {}
    if repeat.kind == "weekly":
        days = [d for d in sorted(set(repeat.weekdays)) if not (repeat.skip_fridays and d == 6)]
        rule = {"FREQ": "WEEKLY", "BYDAY": [BYDAY[d] for d in days], "WKST": "SA"}
    else:
        rule = {"FREQ": "DAILY"}
        if repeat.kind == "every_n_days" and repeat.every > 1:
            rule["INTERVAL"] = repeat.every
        if repeat.skip_fridays:
            rule["BYDAY"] = list(BYDAY[:6])
    if whole_series and repeat.end == "count":
        rule["COUNT"] = repeat.count
    else:
        rule["UNTIL"] = last
    return rule


def _event(entry: Entry, at: datetime, event_uid: str, stamp: datetime) -> Event:
    r = entry.reminder
    event = Event()
    event.add("uid", event_uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", at)
    event.add("summary", r.subject)
    if r.note:
        event.add("description", r.note)
    if r.place:
        event.add("location", r.place)
    if entry.group_name:
        event.add("categories", [entry.group_name])
    if entry.contact_name:
        event.add("contact", entry.contact_name)
    event.add("priority", ICS_PRIORITY.get(r.priority, 5))
    for minutes in (0, *sorted(set(r.advance))):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", r.subject)
        alarm.add("trigger", timedelta(minutes=-minutes))
        event.add_component(alarm)
    return event


def entry_events(entry: Entry, stamp: datetime, series_first: datetime | None = None,
                 series_last: datetime | None = None) -> list[Event]:
    """The VEVENTs of one reminder: one with an RRULE, or one per occurrence.
    ``series_first``/``series_last``: the whole series' bounds (None: endless / unknown)."""
    r, occs = entry.reminder, entry.occurrences
    if not occs:
        return []
    if r.repeat.kind == "none":
        return [_event(entry, occs[0], uid(r.id), stamp)]
    whole = series_first == occs[0] and series_last is not None and series_last == occs[-1]
    rule = rrule_for(r.repeat, occs[0], occs[-1], whole) if len(occs) > 1 else None
    if rule is None:
        return [_event(entry, at, uid(r.id, at), stamp) for at in occs]
    event = _event(entry, occs[0], uid(r.id), stamp)
    event.add("rrule", vRecur(rule))
    return [event]


def build_calendar(entries: Iterable[Entry], *, now: datetime | None = None, name: str = CALENDAR_NAME,
                   bounds: dict | None = None) -> tuple[Calendar, int, int]:
    """(calendar, reminders, events). ``bounds``: reminder id → (first, last) of its whole series."""
    stamp = (now or datetime.now()).astimezone(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", f"-//crm_desktop//Reminder book {__version__}//FA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    reminders = events = 0
    for entry in entries:
        first, last = (bounds or {}).get(entry.reminder.id, (None, None))
        made = entry_events(entry, stamp, first, last)
        reminders += bool(made)
        events += len(made)
        for event in made:
            cal.add_component(event)
    return cal, reminders, events


def collect(repo, start: datetime, end: datetime, *, group_id=None, text: str = "") -> tuple[list[Entry], dict]:
    """The entries of the range from a ``Reminders`` repository (its own expansion of repeats,
    holidays included), and each repeating reminder's whole-series bounds."""
    from crm_desktop.reminders.commands import holiday_test
    from crm_desktop.reminders.recurrence import first_occurrence, last_occurrence

    by_id: dict[int, Entry] = {}
    for o in repo.occurrences_between(start, end, group_id=group_id, text=text):
        entry = by_id.get(o.reminder_id)
        if entry is None:
            reminder = repo.get(o.reminder_id)
            if reminder is None:
                continue
            entry = by_id[o.reminder_id] = Entry(reminder, [], o.group_name, o.contact_name)
        entry.occurrences.append(o.at)
    holidays = holiday_test(repo)
    bounds = {}
    for entry in by_id.values():
        r = entry.reminder
        if r.repeat.kind != "none" and r.repeat.end != "never":
            bounds[r.id] = (first_occurrence(r.starts_at, r.repeat, holidays),
                            last_occurrence(r.starts_at, r.repeat, holidays))
        entry.occurrences.sort()
    return list(by_id.values()), bounds


def write_atomic(path, data: bytes) -> Path:
    """Write ``data`` beside ``path`` and rename it into place (no half-written file)."""
    from crm_desktop.reports.page import OutputError, _create_temp, check_output

    target = check_output(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp = _create_temp(folder, target.name)
    except OSError as error:
        raise OutputError(f"cannot write in the folder {folder}: {error.strerror or error}",
                          f"نوشتن در پوشه «{folder}» ممکن نیست.") from error
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise UserError(f"cannot write {target}: {error.strerror or error}", f"نوشتن پرونده «{target}» ممکن نشد.") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def export_ics(repo, path, start: datetime, end: datetime, *, group_id=None, text: str = "",
               now: datetime | None = None, name: str = CALENDAR_NAME) -> IcsResult:
    """Write the reminders with an occurrence in [start, end] to ``path`` as iCalendar."""
    from crm_desktop.reports.page import check_output

    started = clock.perf_counter()
    check_output(path)
    entries, bounds = collect(repo, start, end, group_id=group_id, text=text)
    cal, reminders, events = build_calendar(entries, now=now, name=name, bounds=bounds)
    target = write_atomic(path, cal.to_ical())
    return IcsResult(str(target), reminders, events, clock.perf_counter() - started)

