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
from crm_desktop.attendance.compute import DayResult, Totals, compute_day, hm, leave_balance, month_days, work_day
from crm_desktop.attendance.model import LEAVE_TYPES, Leave, Mission, Schedule
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
    entitled_days: float  # whole days of entitled leave this month
    year_used: int  # minutes of entitled leave from the year's start through this month
    balance: int  # minutes of entitled leave left of the year's

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


def _year_used(office, file_ids: list[int], year: int, month: int) -> dict[int, int]:
    """Entitled leave used (minutes) from the Jalali year's first day through ``month``'s last."""
    first, _ = jalali.jalali_month_range(year, 1)
    _, last = jalali.jalali_month_range(year, month)
    used = {}
    for fid, results in office.attendance.days(file_ids, first, last).items():
        totals = Totals()
        for r in results:
            totals.add(r)
        used[fid] = totals.entitled_used
    return used


def timesheet(office, file_id: int, year: int, month: int) -> Timesheet:
    """A person's Jalali month, day by day, with the totals and the year's leave balance."""
    jalali.check_jalali(year, month, 1, "ماه")
    member = find_member(office, file_id)
    attendance = office.attendance
    schedule = attendance.schedule_for(file_id)
    results, totals = attendance.month(file_id, year, month)
    days = month_days(year, month)
    first, last = days[0], days[-1]
    lines = {r.day: DayLine(r) for r in results}
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
        kinds = {leave.leave_type for leave in line.leaves}
        for kind in sorted(kinds):
            only = [leave for leave in line.leaves if leave.leave_type == kind]
            by_type[kind] += compute_day(line.day, schedule, [], only, [], line.result.holiday).leave
    used = _year_used(office, [file_id], year, month)[file_id]
    return Timesheet(file_id, member.number, member.name, member.state, schedule, year, month,
                     [lines[d] for d in days], totals, {k: by_type.get(k, 0) for k in LEAVE_TYPES},
                     totals.leave_days, used, leave_balance(used))


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

    @property
    def title(self) -> str:
        return month_title(self.year, self.month)


def month_summary(office, year: int, month: int, *, balances: bool = True) -> Summary:
    """Every member of staff's totals for the month (Persian order; former staff with records),
    the office's totals, and (``balances``) each one's entitled leave left of the year."""
    jalali.check_jalali(year, month, 1, "ماه")
    found = office.attendance.office_month(year, month)
    used = _year_used(office, [m.file_id for m, _ in found], year, month) if balances and found else {}
    grand = Totals()
    lines = []
    for member, totals in found:
        spent = used.get(member.file_id, 0)
        lines.append(SummaryLine(member.file_id, member.number, member.name, member.state, totals, spent,
                                 leave_balance(spent)))
        for name in ("days", "working_days", "expected", "worked", "late", "early", "overtime", "absent",
                     "absent_days", "leave", "leave_days", "leave_entitled_minutes", "mission"):
            setattr(grand, name, getattr(grand, name) + getattr(totals, name))
    return Summary(year, month, lines, grand)
