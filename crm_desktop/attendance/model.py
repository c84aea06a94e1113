"""The attendance book's data (no Qt, no SQL): work schedules, punches, leave and missions.

Times of day are ``datetime.time``; a shift whose end is not after its start runs past midnight
(a night shift 22:00–06:00). Weekdays are counted from Saturday (0) to Friday (6), as in
core.jalali. Durations are whole minutes.

Iranian labour law sets the frame (the default schedule): 44 hours a week, Saturday–Wednesday
08:00–16:00 and Thursday 08:00–12:00, Friday the weekly holiday (Art. 51, 62); leave shorter
than a day counts against entitled leave (Art. 70); one month of annual leave (Art. 64),
counted here as 26 working days of 8 hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from crm_desktop.core.digits import to_latin
from crm_desktop.errors import ValidationError

WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
FRIDAY = 6
DAY_MINUTES = 8 * 60  # a day of leave counts as 8 hours against the balance
ANNUAL_LEAVE_DAYS = 26
LEAVE_TYPES = {"entitled": "استحقاقی", "sick": "استعلاجی", "unpaid": "بدون حقوق"}
PUNCH_SOURCES = {"manual": "دستی", "device": "دستگاه", "correction": "اصلاح"}
DEFAULT_NAME = "برنامه عادی دفتر"


def parse_hhmm(text, field: str = "ساعت") -> time:
    """«۸:۰۵», «08:05», «8» → time(8, 5); a Persian ValidationError otherwise."""
    value = to_latin(str(text or "")).strip()
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", value)
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise ValidationError(f"{field}: {value!r} is not a time of day", f"{field}: ساعت «{value}» درست نیست.", field)
    return time(int(match.group(1)), int(match.group(2) or 0))


@dataclass(frozen=True)
class Shift:
    start: time
    end: time  # not after start: the next day (a night shift)

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    @property
    def minutes(self) -> int:
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        return end - start if end > start else end + 24 * 60 - start


@dataclass
class Schedule:
    """The shifts of each weekday (none: a day off) and the minutes of grace for lateness."""

    name: str
    days: dict[int, tuple[Shift, ...]] = field(default_factory=dict)
    grace: int = 0
    id: int | None = None

    def shifts(self, weekday: int) -> tuple[Shift, ...]:
        return self.days.get(weekday, ())

    def week_minutes(self) -> int:
        return sum(s.minutes for shifts in self.days.values() for s in shifts)

    def validate(self) -> "Schedule":
        self.name = " ".join(str(self.name or "").split())
        if not self.name:
            raise ValidationError("a schedule needs a name", "نام برنامه کاری را بنویسید.", "نام")
        if not isinstance(self.grace, int) or not 0 <= self.grace <= 120:
            raise ValidationError("grace 0 to 120 minutes", "مهلت تأخیر باید بین ۰ تا ۱۲۰ دقیقه باشد.", "مهلت تأخیر")
        for weekday, shifts in self.days.items():
            if not 0 <= weekday <= 6:
                raise ValidationError("weekday 0 to 6", "روز هفته درست نیست.", "روز")
            for s in shifts:
                if s.start == s.end:
                    raise ValidationError("a shift needs a length", f"{WEEKDAYS[weekday]}: آغاز و پایان یکی است.",
                                          WEEKDAYS[weekday])
        return self

    def to_json(self) -> dict:
        return {"grace": self.grace, "days": {str(d): [[s.start.strftime("%H:%M"), s.end.strftime("%H:%M")]
                                                       for s in shifts] for d, shifts in self.days.items() if shifts}}

    @classmethod
    def from_json(cls, name: str, data: dict, schedule_id: int | None = None) -> "Schedule":
        days = {int(d): tuple(Shift(parse_hhmm(a), parse_hhmm(b)) for a, b in shifts)
                for d, shifts in (data.get("days") or {}).items()}
        return cls(name, days, int(data.get("grace", 0)), schedule_id)


def default_schedule() -> Schedule:
    """Saturday–Wednesday 08:00–16:00, Thursday 08:00–12:00, Friday off: 44 hours, 10 minutes grace."""
    day = (Shift(time(8), time(16)),)
    return Schedule(DEFAULT_NAME, {0: day, 1: day, 2: day, 3: day, 4: day, 5: (Shift(time(8), time(12)),)}, 10)


@dataclass(frozen=True)
class Punch:
    person_id: int  # the personnel file's id
    at: datetime
    direction: str  # 'in' | 'out'
    source: str = "manual"
    id: int | None = None


@dataclass(frozen=True)
class Leave:
    """Leave (مرخصی): a whole day (``start``/``end`` dates, times None) or hourly (times given)."""

    person_id: int
    day: date
    leave_type: str = "entitled"
    start: time | None = None  # hourly: from
    end: time | None = None  # hourly: to
    note: str = ""
    id: int | None = None

    @property
    def hourly(self) -> bool:
        return self.start is not None


@dataclass(frozen=True)
class Mission:
    """A mission (ماموریت): a whole day, or hourly from–to, at a place."""

    person_id: int
    day: date
    place: str = ""
    start: time | None = None
    end: time | None = None
    id: int | None = None

    @property
    def hourly(self) -> bool:
        return self.start is not None
