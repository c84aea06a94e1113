"""The alarm engine (no Qt): when each reminder next rings, and taking the alarms that are due.

A reminder rings at each occurrence and ``advance`` minutes before it. ``fired_through`` says
that every alarm at or before that time has rung (or been listed as missed); ``next_alarm_at``
is the smallest alarm strictly after it (or a pending snooze, whichever is earlier), so the
scheduler only asks ``min(next_alarm_at)`` through its partial index. ``take_due`` logs what it
returns, moves ``fired_through`` and recomputes ``next_alarm_at`` in one transaction: an alarm
taken once never rings again, across restarts and clock jumps. An occurrence marked done does
not ring.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable

from crm_desktop.reminders.model import Alarm, Repeat
from crm_desktop.reminders.recurrence import HolidayTest, occurrences
from crm_desktop.reminders.repo_rows import SELECT, Stored, dt, iso
from crm_desktop.storage.db import transaction

SECOND = timedelta(seconds=1)


def next_alarm_for(starts_at: datetime, repeat: Repeat, advance: Iterable[int], after: datetime, *,
                   snoozed_until: datetime | None = None, done: Iterable[datetime] = (),
                   holidays: HolidayTest | None = None) -> datetime | None:
    """The smallest (occurrence − advance, or at the time) strictly after ``after``, skipping
    occurrences marked done; a pending snooze counts too. None: it never rings again."""
    offsets = sorted({0, *advance}, reverse=True)  # earliest alarm of an occurrence first
    widest = timedelta(minutes=offsets[0])
    done = set(done)
    best = snoozed_until
    for occurrence in occurrences(starts_at, repeat, after=after + SECOND, holidays=holidays):
        if best is not None and occurrence - widest >= best:
            break
        if occurrence in done:
            continue
        for minutes in offsets:
            at = occurrence - timedelta(minutes=minutes)
            if at > after:
                if best is None or at < best:
                    best = at
                break
    return best


def latest_alarm(starts_at: datetime, repeat: Repeat, advance: Iterable[int], since: datetime, now: datetime, *,
                 done: Iterable[datetime] = (), holidays: HolidayTest | None = None):
    """(alarm_at, occurrence, minutes before) of the latest alarm in (since, now]; None if none."""
    offsets = sorted({0, *advance})
    widest = timedelta(minutes=offsets[-1])
    done = set(done)
    found = None
    for occurrence in occurrences(starts_at, repeat, after=since + SECOND, until=now + widest, holidays=holidays):
        if occurrence in done:
            continue
        for minutes in offsets:  # latest alarm of this occurrence first
            at = occurrence - timedelta(minutes=minutes)
            if since < at <= now:
                if found is None or (at, occurrence) > found[:2]:
                    found = (at, occurrence, minutes)
                break
    return found


class AlarmsMixin:
    """Part of ``Reminders``: the alarm side of the repository."""

    def next_alarm_time(self) -> datetime | None:
        """When the next alarm of any reminder is due (through the partial index)."""
        value = self.conn.execute(
            "SELECT min(next_alarm_at) FROM reminders WHERE next_alarm_at IS NOT NULL").fetchone()[0]
        return dt(value)

    def outside_changes(self) -> int:
        """A number that changes whenever another connection (the command line, a second
        program) commits to the database; this connection's own writes leave it as it is. One
        cheap pragma: no table is read."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def take_due(self, now: datetime, *, missed_before: datetime | None = None) -> list[Alarm]:
        """Every reminder whose next alarm is at or before ``now``: its latest passed alarm (several
        that passed together collapse into one), logged 'rang' (or 'missed' when its time is
        before ``missed_before``), all in one transaction."""
        now = now.replace(microsecond=0)
        alarms: list[Alarm] = []
        with transaction(self.conn):
            rows = [Stored(*row) for row in self.conn.execute(
                SELECT + " WHERE r.next_alarm_at IS NOT NULL AND r.next_alarm_at <= ? ORDER BY r.next_alarm_at",
                (iso(now),))]
            holidays = self.holiday_test()
            for row in rows:
                alarm = self._take_one(row, now, missed_before, holidays)
                if alarm is not None:
                    alarms.append(alarm)
        if rows:
            self._notify({"reminders"})
        return alarms

    def _take_one(self, row: Stored, now: datetime, missed_before, holidays) -> Alarm | None:
        fired = dt(row.fired_through)
        next_at = dt(row.next_alarm_at)
        since = fired if fired is not None else next_at - SECOND
        starts, repeat, advance = row.starts_at, row.repeat, row.advance
        done = self._done_after(row.id, since)
        found = latest_alarm(starts, repeat, advance, since, now, done=done, holidays=holidays)
        snoozed = dt(row.snoozed_until)
        snoozed_ring = snoozed is not None and snoozed <= now
        alarm = None
        if snoozed_ring and (found is None or snoozed >= found[0]):
            occurrence = dt(row.snoozed_occurrence) or snoozed
            minutes = max(0, int((occurrence - snoozed).total_seconds() // 60))
            found = (snoozed, occurrence, minutes)
            is_snooze = True
        else:
            is_snooze = False
        if found is not None:
            at, occurrence, minutes = found
            missed = missed_before is not None and at < missed_before
            self.conn.execute(
                "INSERT INTO reminder_log (reminder_id, occurrence_at, action, at) VALUES (?, ?, ?, ?)",
                (row.id, iso(occurrence), "missed" if missed else "rang", iso(now)))
            alarm = Alarm(row.id, occurrence, at, minutes, row.subject, row.note, row.place, row.priority,
                          row.contact_id, row.contact_name, row.group_name, row.colour, row.sound, row.source,
                          row.source_id, missed, is_snooze)
        fired_through = max(now, fired) if fired is not None else now
        if snoozed_ring:
            snoozed = None
        following = next_alarm_for(starts, repeat, advance, fired_through, snoozed_until=snoozed,
                                   done=self._done_after(row.id, fired_through), holidays=holidays)
        self.conn.execute(
            "UPDATE reminders SET fired_through = ?, snoozed_until = ?, snoozed_occurrence = ?, next_alarm_at = ? "
            "WHERE id = ?",
            (iso(fired_through), iso(snoozed), row.snoozed_occurrence if snoozed else None, iso(following), row.id))
        return alarm

    def mark_done(self, reminder_id: int, occurrence_at: datetime, now: datetime | None = None) -> None:
        """Mark one occurrence done (it no longer rings; a snooze for it is dropped)."""
        now = self._now(now)
        with self._writing({"reminders"}):
            occurrence = iso(occurrence_at)
            exists = self.conn.execute(
                "SELECT 1 FROM reminder_log WHERE reminder_id = ? AND occurrence_at = ? AND action = 'done'",
                (reminder_id, occurrence)).fetchone()
            if not exists:
                self.conn.execute(
                    "INSERT INTO reminder_log (reminder_id, occurrence_at, action, at) VALUES (?, ?, 'done', ?)",
                    (reminder_id, occurrence, iso(now)))
            self.conn.execute(
                "UPDATE reminders SET snoozed_until = NULL, snoozed_occurrence = NULL "
                "WHERE id = ? AND snoozed_occurrence = ?", (reminder_id, occurrence))
            self.recompute_alarm(reminder_id)

    def undo_done(self, reminder_id: int, occurrence_at: datetime) -> None:
        """The occurrence is not done after all (its alarms that already passed stay passed)."""
        with self._writing({"reminders"}):
            self.conn.execute(
                "DELETE FROM reminder_log WHERE reminder_id = ? AND occurrence_at = ? AND action = 'done'",
                (reminder_id, iso(occurrence_at)))
            self.recompute_alarm(reminder_id)

    def snooze(self, reminder_id: int, occurrence_at: datetime, until: datetime, now: datetime | None = None) -> None:
        """Ring again at ``until`` for this occurrence."""
        now = self._now(now)
        until = until.replace(microsecond=0)
        with self._writing({"reminders"}):
            self.conn.execute(
                "INSERT INTO reminder_log (reminder_id, occurrence_at, action, at, snooze_until) "
                "VALUES (?, ?, 'snoozed', ?, ?)", (reminder_id, iso(occurrence_at), iso(now), iso(until)))
            self.conn.execute(
                "UPDATE reminders SET snoozed_until = ?1, snoozed_occurrence = ?2, "
                "next_alarm_at = CASE WHEN next_alarm_at IS NULL OR next_alarm_at > ?1 THEN ?1 ELSE next_alarm_at END "
                "WHERE id = ?3", (iso(until), iso(occurrence_at), reminder_id))

    def done_occurrences(self, reminder_id: int) -> set[datetime]:
        return self._done_after(reminder_id, None)

    def recompute_alarm(self, reminder_id: int) -> None:
        """Store ``next_alarm_at`` again from the reminder's rule, fired_through and snooze."""
        row = self.conn.execute(SELECT + " WHERE r.id = ?", (reminder_id,)).fetchone()
        if row is None:
            return
        row = Stored(*row)
        fired = dt(row.fired_through) or self._now(None)
        following = next_alarm_for(row.starts_at, row.repeat, row.advance, fired,
                                   snoozed_until=dt(row.snoozed_until), done=self._done_after(row.id, fired),
                                   holidays=self.holiday_test())
        self.conn.execute("UPDATE reminders SET fired_through = ?, next_alarm_at = ? WHERE id = ?",
                          (iso(fired), iso(following), reminder_id))

    def refresh_alarms(self, now: datetime | None = None, *, ids: Iterable[int] | None = None) -> int:
        """Recompute ``next_alarm_at`` of reminders written around this class (a bulk insert, the
        demo data): rows without ``fired_through`` count as fired through ``now``. Returns how many."""
        now = self._now(now)
        with self._writing({"reminders"}):
            self.conn.execute("UPDATE reminders SET fired_through = ? WHERE fired_through IS NULL", (iso(now),))
            if ids is None:
                ids = [i for (i,) in self.conn.execute("SELECT id FROM reminders")]
            ids = list(ids)
            for reminder_id in ids:
                self.recompute_alarm(reminder_id)
        return len(ids)

    def _done_after(self, reminder_id: int, after: datetime | None) -> set[datetime]:
        sql = "SELECT occurrence_at FROM reminder_log WHERE reminder_id = ? AND action = 'done'"
        params: tuple = (reminder_id,)
        if after is not None:
            sql += " AND occurrence_at > ?"
            params += (iso(after),)
        return {dt(text) for (text,) in self.conn.execute(sql, params)}
