"""A day's and a month's attendance, worked out from the schedule, the punches, leave, missions
and holidays (no Qt, no SQL). Everything is whole minutes.

A day:
- expected: the schedule's shifts of that weekday; 0 on a holiday (official, the operator's, or
  Friday) or a day off — then every minute worked is overtime;
- worked: the in → out pairs in time order (an in without its out, or an out without its in, is
  left out and the day marked incomplete); a night shift's punches after midnight belong to the
  day the shift started;
- late: the first entry after the shift's start (moved on past an hourly leave or mission that
  covers it); inside the grace minutes it is 0, past them it counts from the start;
- early exit: the last exit before the shift's end (moved back past a covering leave/mission);
- overtime: worked + missions beyond the expected minutes;
- absent: a working day with no punch, no leave and no mission (the expected minutes); a day
  with an entry but no exit is not absence: it is marked incomplete, for the operator to add
  the missing punch;
- leave: hourly leave counts its overlap with the shifts; a day of leave the expected minutes
  (and one day against the annual balance); missions likewise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterable

from crm_desktop.attendance.model import (
    ANNUAL_LEAVE_DAYS,
    DAY_MINUTES,
    FRIDAY,
    Leave,
    Mission,
    Punch,
    Schedule,
)
from crm_desktop.core import jalali

NIGHT_TAIL = timedelta(hours=4)  # punches this long after a night shift's end still belong to it


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def shift_spans(day: date, schedule: Schedule) -> list[tuple[datetime, datetime]]:
    """The day's shifts as datetimes (a night shift ends the next day)."""
    spans = []
    for s in schedule.shifts(jalali.weekday(day)):
        start = datetime.combine(day, s.start)
        end = datetime.combine(day + timedelta(days=1) if s.overnight else day, s.end)
        spans.append((start, end))
    return spans


def work_day(at: datetime, schedule_of: Callable[[date], Schedule]) -> date:
    """The day a punch counts for: the day before when it closes that day's night shift."""
    previous = at.date() - timedelta(days=1)
    for start, end in shift_spans(previous, schedule_of(previous)):
        if end.date() == at.date() and at <= end + NIGHT_TAIL:
            return previous
    return at.date()


def _overlap(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> int:
    return max(0, _minutes(min(a[1], b[1]) - max(a[0], b[0])))


def _span(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    first = datetime.combine(day, start)
    last = datetime.combine(day if end > start else day + timedelta(days=1), end)
    return first, last


@dataclass
class DayResult:
    day: date
    expected: int = 0
    worked: int = 0
    late: int = 0
    early: int = 0
    overtime: int = 0
    absent: int = 0  # minutes of absence (a whole working day without a record)
    leave: int = 0  # minutes of leave
    leave_days: float = 0.0  # days of leave against the balance (entitled only)
    leave_entitled_minutes: int = 0  # hourly entitled leave, against the balance
    mission: int = 0
    holiday: str = ""  # the holiday's name, «جمعه», or '' on a working day
    first_in: datetime | None = None
    last_out: datetime | None = None
    incomplete: bool = False
    pairs: list[tuple[datetime, datetime]] = field(default_factory=list)

    @property
    def working_day(self) -> bool:
        return self.expected > 0


def pair_punches(punches: Iterable[Punch]) -> tuple[list[tuple[datetime, datetime]], bool]:
    """In → out pairs in time order, and whether some punch had no partner."""
    pairs, open_in, lone = [], None, False
    for p in sorted(punches, key=lambda p: (p.at, p.direction != "in")):
        if p.direction == "in":
            if open_in is not None:
                lone = True
            open_in = p.at
        elif open_in is not None:
            pairs.append((open_in, p.at))
            open_in = None
        else:
            lone = True
    return pairs, lone or open_in is not None


def compute_day(day: date, schedule: Schedule, punches: Iterable[Punch], leaves: Iterable[Leave] = (),
                missions: Iterable[Mission] = (), holiday: str = "") -> DayResult:
    """One day (the punches already assigned to it with ``work_day``)."""
    leaves, missions, punches = list(leaves), list(missions), list(punches)
    if not holiday and jalali.weekday(day) == FRIDAY:
        holiday = "جمعه"
    spans = [] if holiday else shift_spans(day, schedule)
    r = DayResult(day, expected=sum(_minutes(b - a) for a, b in spans), holiday=holiday)
    r.pairs, r.incomplete = pair_punches(punches)
    r.worked = sum(_minutes(b - a) for a, b in r.pairs)
    if r.pairs:
        r.first_in, r.last_out = r.pairs[0][0], r.pairs[-1][1]
    covering: list[tuple[datetime, datetime]] = []  # hourly leave and missions
    for leave in leaves:
        if leave.hourly:
            span = _span(day, leave.start, leave.end)
            covering.append(span)
            minutes = sum(_overlap(span, s) for s in spans) if spans else 0
            r.leave += minutes
            if leave.leave_type == "entitled":
                r.leave_entitled_minutes += minutes
        elif r.expected:
            r.leave += r.expected
            r.leave_days += 1 if leave.leave_type == "entitled" else 0
    daily_mission = False
    for mission in missions:
        if mission.hourly:
            span = _span(day, mission.start, mission.end)
            covering.append(span)
            r.mission += sum(_overlap(span, s) for s in spans) if spans else _minutes(span[1] - span[0])
        else:
            daily_mission = True
            r.mission += r.expected
    daily_leave = any(not leave.hourly for leave in leaves)
    if spans and not daily_leave and not daily_mission:
        if not punches and not covering:
            r.absent = r.expected
        elif not r.pairs and punches:  # an entry without its exit (or the reverse): present, to be completed
            entries = [p.at for p in punches if p.direction == "in"]
            if entries:
                r.first_in = min(entries)
                lateness = _minutes(r.first_in - spans[0][0])
                r.late = lateness if lateness > schedule.grace else 0
        elif r.pairs:
            start, end = spans[0][0], spans[-1][1]
            for a, b in sorted(covering):  # a leave or mission from the start moves it on
                if a <= start < b:
                    start = b
            for a, b in sorted(covering, reverse=True):
                if a < end <= b:
                    end = a
            lateness = _minutes(r.first_in - start)
            r.late = lateness if lateness > schedule.grace else 0
            r.early = max(0, _minutes(end - r.last_out))
    r.overtime = max(0, r.worked + (0 if daily_mission else r.mission) - r.expected) if not daily_leave else r.worked
    return r


@dataclass
class Totals:
    days: int = 0
    working_days: int = 0
    expected: int = 0
    worked: int = 0
    late: int = 0
    early: int = 0
    overtime: int = 0
    absent: int = 0
    absent_days: int = 0
    leave: int = 0
    leave_days: float = 0.0
    leave_entitled_minutes: int = 0
    mission: int = 0

    def add(self, r: DayResult) -> None:
        self.days += 1
        self.working_days += 1 if r.working_day else 0
        for name in ("expected", "worked", "late", "early", "overtime", "absent", "leave", "leave_days",
                     "leave_entitled_minutes", "mission"):
            setattr(self, name, getattr(self, name) + getattr(r, name))
        self.absent_days += 1 if r.absent else 0

    @property
    def entitled_used(self) -> int:
        """Minutes of entitled leave used (a day counts 8 hours)."""
        return round(self.leave_days * DAY_MINUTES) + self.leave_entitled_minutes


@dataclass(frozen=True)
class Window:
    """The days that count: inside the employment (from the hire date to its end, when the file
    has them) and not after ``today``; today has no absence yet (the day is not over)."""

    today: date
    hired: date | None = None
    ended: date | None = None

    def note(self, day: date) -> str:
        if self.hired and day < self.hired:
            return "پیش از استخدام"
        if self.ended and day > self.ended:
            return "پس از پایان همکاری"
        return ""

    def counts(self, day: date) -> bool:
        """Expected minutes (and the figures worked out from them) count on this day."""
        return day <= self.today and not self.note(day)

    def absence_counts(self, day: date) -> bool:
        return day < self.today and not self.note(day)


def shown(r: DayResult, w: Window) -> DayResult:
    """The day as printed: no absence on a day still to come or outside the employment."""
    return r if w.absence_counts(r.day) or not r.absent else replace(r, absent=0)


def month_totals(results: list[DayResult], w: Window) -> Totals:
    """The month's totals over the days that count (``Window``): another day adds only the leave
    and missions recorded for it (no expected minutes, no absence)."""
    totals = Totals()
    for r in results:
        totals.add(shown(r, w) if w.counts(r.day) else replace(r, expected=0, absent=0))
    return totals


def month_days(year: int, month: int) -> list[date]:
    first, last = jalali.jalali_month_range(year, month)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def leave_balance(used_minutes: int, days: int = ANNUAL_LEAVE_DAYS) -> int:
    """Minutes of entitled leave left of the year's ``days`` days."""
    return days * DAY_MINUTES - used_minutes


def hm(minutes: int) -> str:
    """«۸:۰۵» — hours and minutes (negative with a leading minus)."""
    from crm_desktop.core.digits import to_persian

    sign = "-" if minutes < 0 else ""
    minutes = abs(int(minutes))
    return to_persian(f"{sign}{minutes // 60}:{minutes % 60:02d}")


def days_hm(minutes: int) -> str:
    """«۱۲ روز و ۳:۳۰» with 8-hour days (a leave balance)."""
    from crm_desktop.core.digits import to_persian

    sign = "منفی " if minutes < 0 else ""
    minutes = abs(int(minutes))
    days, rest = divmod(minutes, DAY_MINUTES)
    text = f"{to_persian(days)} روز"
    return sign + (f"{text} و {hm(rest)}" if rest else text)
