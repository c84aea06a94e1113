"""What the attendance reports show, gathered once for the PDF, the XLSX and the terminal (no Qt,
no reportlab): a person's Jalali month day by day (``timesheet``) and the whole office's month
(``month_summary``), with the year's entitled leave used through the month and what is left.

Day notes say what the day was: the holiday's name, each leave with its type (and hours), each
mission with its place (and hours), «غیبت» for a working day without a record, «ناقص» when an
entry or exit has no partner. Minutes print as «۸:۰۵» (``compute.hm``); a zero prints as ''
in a day's row so the exceptions stand out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from crm_desktop.attendance import repo_details
from crm_desktop.attendance.compute import (DayResult, Totals, Window, compute_day, days_hm, hm, leave_balance,
                                            month_days, month_totals, shown,
                                            work_day)
from crm_desktop.attendance.model import DAY_MINUTES, LEAVE_TYPES, Leave, Mission, Schedule
from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError

# the figures of a day / a month, in the order the reports show them: (attribute, Persian title)
MEASURES = (
    ("worked", "کارکرد"),
    ("late", "تأخیر"),
    ("early", "تعجیل"),
    ("overtime", "اضافه‌کار"),
    ("absent", "غیبت"),
    ("leave", "مرخصی"),
    ("mission", "ماموریت"),
)
FORMER = "پایان همکاری"


def month_title(year: int, month: int) -> str:
    """«آبان ۱۴۰۴»."""
    return f"{jalali.MONTH_NAMES[month]} {to_persian(year)}"


def minutes(value: int, *, zero: str = "") -> str:
    """«۸:۰۵», or ``zero`` for 0."""
    return hm(value) if value else zero


def duration(value: int, zero: str = "—") -> str:
    """Leave as people count it: «۳:۰۰», or «۲ روز و ۳:۰۰» from a day's eight hours up;
    ``zero`` for none."""
    if not value:
        return zero
    return days_hm(value) if abs(value) >= DAY_MINUTES else hm(value)


def time_text(at: datetime | time | None, day: date | None = None) -> str:
    """«۰۸:۰۵»; «۰۶:۱۰ فردا» for a time on the day after ``day`` (a night shift's exit)."""
    if at is None:
        return ""
    text = jalali.format_time(at)
    if day is not None and isinstance(at, datetime) and at.date() > day:
        text += " فردا"
    return text


def span_text(start: time, end: time) -> str:
    """«۱۱:۰۰ تا ۱۴:۰۰»."""
    return f"{jalali.format_time(start)} تا {jalali.format_time(end)}"


def leave_text(leave: Leave) -> str:
    text = f"مرخصی {LEAVE_TYPES.get(leave.leave_type, leave.leave_type)}"
    return f"{text} {span_text(leave.start, leave.end)}" if leave.hourly else f"{text} (روزانه)"


def mission_text(mission: Mission) -> str:
    text = "ماموریت"
    if mission.hourly:
        text += f" {span_text(mission.start, mission.end)}"
    else:
        text += " (روزانه)"
    return f"{text}: {mission.place}" if mission.place.strip() else text


@dataclass
class DayLine:
    """One day of a person's timesheet: the figures, the punches and what the day was."""

    result: DayResult
    punches: list[tuple[datetime, str]] = field(default_factory=list)  # (time, 'in' | 'out')
    leaves: list[Leave] = field(default_factory=list)
    missions: list[Mission] = field(default_factory=list)
    employment: str = ""  # «پیش از استخدام» / «پس از پایان همکاری», or ''

    @property
    def day(self) -> date:
        return self.result.day

    @property
    def weekday(self) -> str:
        return jalali.WEEKDAY_NAMES[jalali.weekday(self.day)]

    @property
    def is_holiday(self) -> bool:
        return bool(self.result.holiday)

    @property
    def is_day_off(self) -> bool:
        """A holiday, a Friday, or a day the schedule has no shift on (shaded in print)."""
        return bool(self.result.holiday) or not self.result.expected

    def pairs(self) -> list[tuple[datetime | None, datetime | None]]:
        """(entry, exit) in time order; a punch without its partner has None beside it."""
        out, open_in = [], None
        for at, direction in sorted(self.punches, key=lambda p: (p[0], p[1] != "in")):
            if direction == "in":
                if open_in is not None:
                    out.append((open_in, None))
                open_in = at
            else:
                out.append((open_in, at))
                open_in = None
        if open_in is not None:
            out.append((open_in, None))
        return out

    def punch_columns(self, missing: str = "—") -> tuple[list[str], list[str]]:
        """The entries and the exits, one pair a line (``missing`` where a partner is missing)."""
        pairs = self.pairs()
        return ([time_text(a, self.day) or missing for a, _ in pairs],
                [time_text(b, self.day) or missing for _, b in pairs])

    def notes(self) -> list[str]:
        r = self.result
        notes = [r.holiday] if r.holiday and r.holiday != "جمعه" else []
        if self.employment:
            notes.append(self.employment)
        if not r.holiday and not r.expected:
            notes.append("روز غیرکاری")
        notes += [leave_text(leave) for leave in self.leaves]
        notes += [mission_text(mission) for mission in self.missions]
        if r.absent:
            notes.append("غیبت")
        if r.incomplete:
            lone_in = any(b is None for _, b in self.pairs())
            notes.append("ناقص: " + ("خروج ثبت نشده" if lone_in else "ورود ثبت نشده"))
        return notes


@dataclass
class Timesheet:
    file_id: int
    number: str
    name: str
    state: str
    schedule: Schedule
    year: int
    month: int
    days: list[DayLine]
    totals: Totals
    leave_by_type: dict[str, int]  # minutes of leave of each type this month
    year_used: int  # minutes of entitled leave from the year's start through this month
    balance: int  # minutes of entitled leave left of the year's
    through: date | None = None  # the month is not over: figures up to this day

    @property
    def title(self) -> str:
        return month_title(self.year, self.month)

    @property
    def holidays(self) -> int:
        return sum(1 for d in self.days if d.is_holiday)


def find_member(office, file_id: int):
    """The StaffMember of a personnel file (former staff too); a Persian UserError otherwise."""
    for member in office.attendance.staff(include_former=True):
        if member.file_id == file_id:
            return member
    raise UserError(f"no personnel file {file_id}", "این شخص پرونده پرسنلی ندارد.")


def window(office, file_id: int, today: date) -> Window:
    return office.attendance.employment(file_id, today)


def used_before(office, file_ids: list[int], year: int, month: int) -> dict[int, int]:
    """Entitled leave (minutes) each one used in the Jalali year before ``month``: only the days
    with entitled leave are worked out (a day counts its expected minutes, an hour its overlap
    with the shifts), so a late month needs no read of the year's punches."""
    first, _ = jalali.jalali_month_range(year, month)
    year_first, _ = jalali.jalali_month_range(year, 1)
    if first == year_first:
        return {}
    from crm_desktop.attendance.repo import holiday_names

    holiday = holiday_names(office.reminders)
    wanted = set(file_ids)
    used: dict[int, int] = {}
    for fid, leaves in repo_details.entitled_leaves(office.conn, year_first, first - timedelta(days=1)).items():
        if fid not in wanted:
            continue
        schedule = office.attendance.schedule_for(fid)
        by_day: dict[date, list[Leave]] = defaultdict(list)
        for leave in leaves:
            by_day[leave.day].append(leave)
        used[fid] = year_used([compute_day(d, schedule, [], day_leaves, [], holiday(d)) for d, day_leaves in by_day.items()])
    return used


def year_used(results: list[DayResult]) -> int:
    """Minutes of entitled leave among ``results`` (a day of leave counts eight hours)."""
    totals = Totals()
    for r in results:
        totals.leave_days += r.leave_days
        totals.leave_entitled_minutes += r.leave_entitled_minutes
    return totals.entitled_used


def _through(first: date, last: date, today: date) -> date | None:
    """The last day counted of a month not over yet (before ``first`` when none is: a month to
    come); None for a month that is over."""
    return today if today <= last else None


def through_text(month) -> str:
    """« (تا ۱۴۰۵/۰۹/۱۰)» for a month not over yet ('' for one that is)."""
    first, _ = jalali.jalali_month_range(month.year, month.month)
    if month.through is None:
        return ""
    if month.through < first:
        return " (هنوز روزی از ماه نگذشته)"
    return f" (تا {jalali.format_date(month.through)})"


def _clock_today(office, today: date | None) -> date:
    return today or office.clock().date()


def timesheet(office, file_id: int, year: int, month: int, *, today: date | None = None) -> Timesheet:
    """A person's Jalali month, day by day, with the totals (up to ``today``, default the office's
    clock) and the year's entitled leave used through the month and left."""
    jalali.check_jalali(year, month, 1, "ماه")
    member = find_member(office, file_id)
    today = _clock_today(office, today)
    attendance = office.attendance
    schedule = attendance.schedule_for(file_id)
    days = month_days(year, month)
    first, last = days[0], days[-1]
    results = attendance.days([file_id], first, last)[file_id]
    w = window(office, file_id, today)
    month_results = [shown(r, w) for r in results]
    lines = {r.day: DayLine(r, employment=w.note(r.day)) for r in month_results}
    start = datetime.combine(first, time.min)
    for p in attendance.punches(file_id, start, datetime.combine(last + timedelta(days=2), time.min)):
        line = lines.get(work_day(p.at, lambda _d: schedule))
        if line is not None:
            line.punches.append((p.at, p.direction))
    for leave in repo_details.leaves(attendance.conn, file_id, first, last):
        lines[leave.day].leaves.append(leave)
    for mission in repo_details.missions(attendance.conn, file_id, first, last):
        lines[mission.day].missions.append(mission)
    by_type: dict[str, int] = defaultdict(int)
    for line in lines.values():
        for kind in sorted({leave.leave_type for leave in line.leaves}):
            only = [leave for leave in line.leaves if leave.leave_type == kind]
            by_type[kind] += compute_day(line.day, schedule, [], only, [], line.result.holiday).leave
    used = used_before(office, [file_id], year, month).get(file_id, 0) + year_used(results)
    return Timesheet(file_id, member.number, member.name, member.state, schedule, year, month,
                     [lines[d] for d in days], month_totals(month_results, w),
                     {k: by_type.get(k, 0) for k in LEAVE_TYPES}, used, leave_balance(used),
                     _through(first, last, today))


@dataclass
class SummaryLine:
    file_id: int
    number: str
    name: str
    state: str
    totals: Totals
    year_used: int
    balance: int


@dataclass
class Summary:
    year: int
    month: int
    lines: list[SummaryLine]
    totals: Totals
    through: date | None = None  # the month is not over: figures up to this day

    @property
    def title(self) -> str:
        return month_title(self.year, self.month)


SUMMED = ("days", "working_days", "expected", "worked", "late", "early", "overtime", "absent", "absent_days", "leave",
          "leave_days", "leave_entitled_minutes", "mission")


def month_summary(office, year: int, month: int, *, today: date | None = None) -> Summary:
    """Every member of staff's totals for the month up to ``today`` (default: the office's
    clock), in Persian order — former staff only with something recorded, as ``office_month``
    lists them — the office's totals, and each one's entitled leave used through the month
    and left; from one read of the month (and of the year's entitled leave before it)."""
    jalali.check_jalali(year, month, 1, "ماه")
    today = _clock_today(office, today)
    first, last = jalali.jalali_month_range(year, month)
    staff = office.attendance.staff(include_former=True)
    found = office.attendance.days([m.file_id for m in staff], first, last)
    before = used_before(office, [m.file_id for m in staff], year, month)
    grand = Totals()
    lines = []
    for member in staff:
        results = found.get(member.file_id, [])
        w = window(office, member.file_id, today)
        totals = month_totals(results, w)
        if not (totals.worked or totals.leave or totals.mission) and (
                member.state != "active" or (w.hired is not None and w.hired > last)):
            continue  # a former member of staff, or one hired later, with nothing this month
        used = before.get(member.file_id, 0) + year_used(results)
        lines.append(SummaryLine(member.file_id, member.number, member.name, member.state, totals, used,
                                 leave_balance(used)))
        for name in SUMMED:
            setattr(grand, name, getattr(grand, name) + getattr(totals, name))
    return Summary(year, month, lines, grand, _through(first, last, today))
