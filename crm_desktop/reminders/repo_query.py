"""Reading the reminder book (part of ``Reminders``): the occurrences in a range (agenda, month),
the full list (one row per reminder) and a contact's reminders.

One-off reminders come straight from ``reminders_by_start``; repeating ones are found through
the partial index ``reminders_repeating`` (their first occurrence before the range's end and
their last one, ``last_at``, not before its start) and expanded in Python. "Done" comes from
the log's 'done' rows.
"""

from __future__ import annotations

import heapq
from collections import Counter
from datetime import date, datetime, time

from crm_desktop.core.text import normalise
from crm_desktop.reminders.model import Occurrence, ReminderRow
from crm_desktop.reminders.recurrence import next_occurrence, occurrences
from crm_desktop.reminders.repo_rows import SELECT, Stored, dt, iso
from crm_desktop.reminders.repo_holidays import month_days

ONE_OFF = "r.repeat = '{}'"
REPEATING = "r.repeat <> '{}'"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(group_id=None, text="", contact_id=None, source=None) -> tuple[list[str], list]:
    clauses, params = [], []
    for word in normalise(text).split():
        clauses.append("r.search_text LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape(word)}%")
    if group_id is not None:
        clauses.append("r.group_id = ?")
        params.append(group_id)
    if contact_id is not None:
        clauses.append("r.contact_id = ?")
        params.append(contact_id)
    if source is not None:
        clauses.append("r.source = ?")
        params.append(source)
    return clauses, params


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


class QueryMixin:
    def occurrences_between(self, start: datetime, end: datetime, *, group_id: int | None = None, text: str = "",
                            contact_id: int | None = None, limit: int | None = None) -> list[Occurrence]:
        """Every occurrence from ``start`` to ``end`` (inclusive), ascending (then by reminder id)."""
        if isinstance(start, date) and not isinstance(start, datetime):
            start = datetime.combine(start, time.min)
        if isinstance(end, date) and not isinstance(end, datetime):
            end = datetime.combine(end, time(23, 59, 59))
        clauses, params = _filters(group_id, text, contact_id)
        lo, hi = iso(start), iso(end)
        one_off_sql = (SELECT + _where([ONE_OFF, "r.starts_at >= ?", "r.starts_at <= ?", *clauses])
                       + " ORDER BY r.starts_at, r.id" + (" LIMIT ?" if limit is not None else ""))
        one_off_params = [lo, hi, *params] + ([limit] if limit is not None else [])
        done = self._done_between(lo, hi)
        found: list[tuple[datetime, int, Occurrence]] = []
        for raw in self.conn.execute(one_off_sql, one_off_params):
            row = Stored(*raw)
            at = row.starts_at
            found.append((at, row.id, row.occurrence(at, (row.id, at) in done)))
        repeating_sql = SELECT + _where([REPEATING, "r.starts_at <= ?", "(r.last_at IS NULL OR r.last_at >= ?)",
                                         *clauses])
        holidays = None
        for raw in self.conn.execute(repeating_sql, [hi, lo, *params]):
            row = Stored(*raw)
            repeat = row.repeat
            if repeat.skip_holidays and holidays is None:
                holidays = self.holiday_test()
            for at in occurrences(row.starts_at, repeat, after=start, until=end, holidays=holidays, limit=limit):
                found.append((at, row.id, row.occurrence(at, (row.id, at) in done)))
        if limit is not None:
            found = heapq.nsmallest(limit, found, key=lambda item: item[:2])
        else:
            found.sort(key=lambda item: item[:2])
        return [occurrence for _, _, occurrence in found]

    def _done_between(self, lo: str, hi: str) -> set[tuple[int, datetime]]:
        return {(rid, dt(at)) for rid, at in self.conn.execute(
            "SELECT reminder_id, occurrence_at FROM reminder_log "
            "WHERE action = 'done' AND occurrence_at >= ? AND occurrence_at <= ?", (lo, hi))}

    def days_with_reminders(self, year: int, month: int, *, group_id: int | None = None,
                            text: str = "") -> dict[date, int]:
        """Jalali month → number of occurrences on each day that has any."""
        days = month_days(year, month)
        start, end = datetime.combine(days[0], time.min), datetime.combine(days[-1], time(23, 59, 59))
        counts = Counter(o.at.date() for o in self.occurrences_between(start, end, group_id=group_id, text=text))
        return dict(sorted(counts.items()))

    # -- the full list ----------------------------------------------------------------------------
    def _list_query(self, text, group_id, date_from, date_to, contact_id, source):
        clauses, params = _filters(group_id, text, contact_id, source)
        if date_from is not None:
            clauses.append("(r.last_at IS NULL OR r.last_at >= ?)")
            params.append(iso(datetime.combine(date_from, time.min)))
        if date_to is not None:
            clauses.append("r.starts_at <= ?")
            params.append(iso(datetime.combine(date_to, time(23, 59, 59))))
        return _where(clauses), params

    def count_search(self, text: str = "", group_id: int | None = None, date_from: date | None = None,
                     date_to: date | None = None, *, contact_id: int | None = None, source: str | None = None) -> int:
        where, params = self._list_query(text, group_id, date_from, date_to, contact_id, source)
        return self.conn.execute("SELECT count(*) FROM reminders r" + where, params).fetchone()[0]

    def search(self, text: str = "", group_id: int | None = None, date_from: date | None = None,
               date_to: date | None = None, offset: int = 0, limit: int | None = 200, *,
               contact_id: int | None = None, source: str | None = None,
               now: datetime | None = None) -> list[ReminderRow]:
        """The full list: one row per reminder (its first date, its next occurrence ≥ now), by
        first date. With dates: the reminders that may happen in that range."""
        where, params = self._list_query(text, group_id, date_from, date_to, contact_id, source)
        sql = SELECT + where + " ORDER BY r.starts_at, r.id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        now = self._now(now)
        rows = [Stored(*raw) for raw in self.conn.execute(sql, params)]
        holidays = self.holiday_test() if any(row.repeat.skip_holidays for row in rows) else None
        return [row.row(next_occurrence(row.starts_at, row.repeat, now, holidays)) for row in rows]

    def for_contact(self, contact_id: int, now: datetime | None = None) -> list[ReminderRow]:
        """Every reminder about one contact."""
        return self.search(contact_id=contact_id, limit=None, now=now)
