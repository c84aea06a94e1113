"""When a repeating reminder happens (pure, no Qt, no database).

The rule's raw days come from ``_candidates`` (every day, every N days, chosen weekdays, a
Jalali day of each month, a Jalali day of each year); a day that does not exist in a month is
clamped to the month's last day (monthly on 31 → 30 Mehr; yearly 30 Esfand → 29 Esfand in a
common year). Then skipped days (Fridays, holidays) are dropped — they do not count toward
``count`` — and the end rule (a count or an until date, inclusive) stops the series.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable, Iterator

from crm_desktop.core import jalali
from crm_desktop.reminders.model import Repeat

HolidayTest = Callable[[date], bool]
FRIDAY = 6
# A rule whose next this-many raw days are all skipped never fires again (e.g. weekly on
# Friday with Fridays skipped); real holiday runs are a few days long.
MAX_SKIPPED_IN_A_ROW = 400
_LAST_YEAR = jalali.MAX_YEAR - 2


def _candidates(start: date, repeat: Repeat, base: date) -> Iterator[date]:
    """The rule's raw days, ascending, from about ``base`` (≥ start; earlier ones may come too)."""
    kind = repeat.kind
    if kind in ("daily", "every_n_days"):
        step = 1 if kind == "daily" else max(1, int(repeat.every))
        k = -(-(base - start).days // step)
        day = start + timedelta(days=k * step)
        delta = timedelta(days=step)
        while True:
            yield day
            day += delta
    elif kind == "weekly":
        wanted = set(repeat.weekdays)
        if not wanted:
            return
        day = base
        one = timedelta(days=1)
        while True:
            if jalali.weekday(day) in wanted:
                yield day
            day += one
    elif kind == "monthly":
        _, _, start_day = jalali.to_jalali(start)
        want = repeat.month_day or start_day
        year, month, _ = jalali.to_jalali(base)
        while year <= _LAST_YEAR:
            yield jalali.from_jalali(year, month, min(want, jalali.month_length(year, month)))
            year, month = jalali.add_jalali_months(year, month, 1)
    elif kind == "yearly":
        _, start_month, start_day = jalali.to_jalali(start)
        month, want = repeat.month or start_month, repeat.day or start_day
        year = jalali.to_jalali(base)[0] - 1  # the previous year's date may still lie after base
        while year <= _LAST_YEAR:
            if year >= jalali.MIN_YEAR:
                yield jalali.from_jalali(year, month, min(want, jalali.month_length(year, month)))
            year += 1


def occurrences(starts_at: datetime, repeat: Repeat, *, after: datetime | None = None,
                until: datetime | None = None, holidays: HolidayTest | None = None,
                limit: int | None = None) -> Iterator[datetime]:
    """Ascending occurrences ≥ ``after`` (inclusive) and ≤ ``until`` (inclusive).

    ``holidays(d)`` says whether a day is a holiday (default: core.holidays.is_holiday, the
    official calendar without the operator's corrections); only asked with skip_holidays."""
    if limit is not None and limit <= 0:
        return
    if repeat.kind == "none":
        if (after is None or starts_at >= after) and (until is None or starts_at <= until):
            yield starts_at
        return
    if repeat.skip_holidays and holidays is None:
        from crm_desktop.core.holidays import is_holiday as holidays
    start = starts_at.date()
    at_time = starts_at.time()
    counting = repeat.end == "count"
    last_day = repeat.until if repeat.end == "until" else None
    base = start if counting or after is None else max(start, after.date())
    produced = counted = skipped_in_a_row = 0
    try:
        for day in _candidates(start, repeat, base):
            if last_day is not None and day > last_day:
                return
            moment = datetime.combine(day, at_time)
            if until is not None and moment > until:
                return
            if moment < starts_at:
                continue
            if (repeat.skip_fridays and jalali.weekday(day) == FRIDAY) or (
                    repeat.skip_holidays and holidays(day)):
                skipped_in_a_row += 1
                if skipped_in_a_row > MAX_SKIPPED_IN_A_ROW:
                    return
                continue
            skipped_in_a_row = 0
            counted += 1
            if counting and counted > repeat.count:
                return
            if after is not None and moment < after:
                continue
            yield moment
            produced += 1
            if limit is not None and produced >= limit:
                return
    except (OverflowError, ValueError):  # past the calendar's last day
        return


def first_occurrence(starts_at: datetime, repeat: Repeat, holidays: HolidayTest | None = None) -> datetime | None:
    """The first occurrence; None when the rule can never fire."""
    return next(occurrences(starts_at, repeat, holidays=holidays, limit=1), None)


def next_occurrence(starts_at: datetime, repeat: Repeat, after: datetime,
                    holidays: HolidayTest | None = None) -> datetime | None:
    """The first occurrence at or after ``after``; None when none is left."""
    return next(occurrences(starts_at, repeat, after=after, holidays=holidays, limit=1), None)


def last_occurrence(starts_at: datetime, repeat: Repeat, holidays: HolidayTest | None = None) -> datetime | None:
    """The last occurrence; None when the rule repeats for ever (or never fires)."""
    if repeat.kind == "none":
        return starts_at
    if repeat.end == "never":
        return None
    last = None
    for last in occurrences(starts_at, repeat, holidays=holidays):
        pass
    return last


def is_endless(repeat: Repeat) -> bool:
    return repeat.kind != "none" and repeat.end == "never"
