"""The reminder book's data (no Qt): a reminder, its repeat rule, and what lists and popups show.

A reminder happens first at ``starts_at`` (date and time) and then as its ``Repeat`` says; each
happening is an *occurrence*. It rings at each occurrence and ``advance`` minutes before it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import ValidationError
from crm_desktop.reminders.advance import (  # noqa: F401 - part of the model's API
    ADVANCE_FIELD, MAX_ADVANCE, advance_label, duration_text, parse_advance)

REPEAT_KINDS = ("none", "daily", "weekly", "every_n_days", "monthly", "yearly")
END_KINDS = ("never", "count", "until")
PRIORITIES = {0: "کم", 1: "عادی", 2: "زیاد"}
REPEAT_LABELS = {"none": "بدون تکرار", "daily": "روزانه", "weekly": "هفتگی", "every_n_days": "هر چند روز",
                 "monthly": "ماهانه", "yearly": "سالانه"}
END_LABELS = {"never": "بدون پایان", "count": "چند بار", "until": "تا تاریخ"}
SNOOZE_CHOICES = ((5, "۵ دقیقه"), (10, "۱۰ دقیقه"), (30, "۳۰ دقیقه"), (60, "۱ ساعت"))  # + "فردا", custom
SOURCES = ("", "birthday", "cheque", "follow_up", "interview")  # who made it: the operator, the phonebook, a cheque, a file
DEFAULT_COLOUR = "#1f6f8b"

MAX_SUBJECT = 200
MAX_TEXT = 4000
MAX_COUNT = 10000
MAX_EVERY = 3650

SUBJECT_FIELD = "موضوع"
REPEAT_FIELD = "تکرار"
PRIORITY_FIELD = "اولویت"

_SOUND = re.compile(r"[a-z0-9_\-]{1,40}")


def _fa(n) -> str:
    return to_persian(str(n))


@dataclass(frozen=True)
class Repeat:
    kind: str = "none"
    every: int = 1                      # every_n_days: N >= 1 (other kinds: 1)
    weekdays: tuple[int, ...] = ()      # weekly: 0=Saturday ... 6=Friday
    month_day: int = 0                  # monthly: Jalali day 1-31 (0 = the start's day)
    month: int = 0                      # yearly: Jalali month (0 = the start's)
    day: int = 0                        # yearly: Jalali day (0 = the start's)
    end: str = "never"
    count: int = 0
    until: date | None = None
    skip_fridays: bool = False
    skip_holidays: bool = False

    @property
    def repeats(self) -> bool:
        return self.kind != "none"

    def to_json(self) -> str:
        """Compact JSON of the fields that differ from the defaults; ``'{}'`` for no repeat."""
        if self.kind == "none":
            return "{}"
        data = {}
        for name, default in _DEFAULTS.items():
            value = getattr(self, name)
            if value != default:
                if name == "until":
                    value = value.isoformat()
                elif name == "weekdays":
                    value = sorted(set(value))
                data[name] = value
        data["kind"] = self.kind
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text) -> "Repeat":
        data = json.loads(text or "{}") if not isinstance(text, dict) else dict(text)
        if not data:
            return cls()
        values = {}
        for name in _DEFAULTS:
            if name in data:
                value = data[name]
                if name == "until":
                    value = date.fromisoformat(value) if value else None
                elif name == "weekdays":
                    value = tuple(sorted(set(int(v) for v in value)))
                values[name] = value
        values["kind"] = data.get("kind", "none")
        return cls(**values)

    def describe(self, starts_at: datetime | date | None = None) -> str:
        """Persian, e.g. «هر ماه روز ۳۱ام (ماه‌های کوتاه‌تر: روز آخر)، بدون جمعه‌ها»."""
        parts = [self._describe_rule(starts_at)]
        if self.kind != "none":
            if self.end == "count" and self.count:
                parts.append(f"{_fa(self.count)} بار")
            elif self.end == "until" and self.until:
                parts.append(f"تا {jalali.format_date(self.until)}")
            if self.skip_fridays:
                parts.append("بدون جمعه‌ها")
            if self.skip_holidays:
                parts.append("بدون تعطیلات رسمی")
        return "، ".join(parts)

    def _describe_rule(self, starts_at) -> str:
        if self.kind == "none":
            return REPEAT_LABELS["none"]
        if self.kind == "daily" or (self.kind == "every_n_days" and self.every == 1):
            return "هر روز"
        if self.kind == "every_n_days":
            return f"هر {_fa(self.every)} روز یک بار"
        if self.kind == "weekly":
            days = "، ".join(jalali.WEEKDAY_NAMES[d] for d in sorted(set(self.weekdays)))
            return f"هر هفته: {days}" if days else "هر هفته"
        start = jalali.to_jalali(starts_at) if starts_at is not None else None
        if self.kind == "monthly":
            day = self.month_day or (start[2] if start else 0)
            if not day:
                return "هر ماه"
            text = f"هر ماه روز {_fa(day)}ام"
            if day > 29:
                text += " (ماه‌های کوتاه‌تر: روز آخر)"
            return text
        if self.kind == "yearly":
            month = self.month or (start[1] if start else 0)
            day = self.day or (start[2] if start else 0)
            if not month or not day:
                return "هر سال"
            text = f"هر سال {_fa(day)} {jalali.MONTH_NAMES[month]}"
            if month == 12 and day == 30:
                text += " (سال‌های غیرکبیسه: ۲۹ اسفند)"
            return text
        return REPEAT_LABELS.get(self.kind, self.kind)


_DEFAULTS = {name: getattr(Repeat(), name) for name in Repeat.__dataclass_fields__ if name != "kind"}


def _repeat_error(en: str, fa: str) -> ValidationError:
    return ValidationError(f"repeat: {en}", fa, REPEAT_FIELD)


def validate_repeat(repeat: Repeat, starts_at: datetime) -> None:
    """ValidationError (field «تکرار», Persian reason) unless the rule is sound and fires."""
    if repeat.kind not in REPEAT_KINDS:
        raise _repeat_error(f"unknown kind {repeat.kind!r}", "نوع تکرار شناخته نیست.")
    if repeat.kind == "none":
        return
    if repeat.end not in END_KINDS:
        raise _repeat_error(f"unknown end {repeat.end!r}", "پایان تکرار شناخته نیست.")
    if repeat.kind == "every_n_days" and not (isinstance(repeat.every, int) and 1 <= repeat.every <= MAX_EVERY):
        raise _repeat_error("every must be 1 to 3650 days",
                            f"فاصلهٔ تکرار باید بین ۱ تا {_fa(MAX_EVERY)} روز باشد.")
    if repeat.kind == "weekly":
        if not repeat.weekdays:
            raise _repeat_error("weekly needs at least one weekday", "برای تکرار هفتگی دست‌کم یک روز هفته را برگزینید.")
        if any(not 0 <= d <= 6 for d in repeat.weekdays):
            raise _repeat_error("weekday must be 0 to 6", "روز هفته درست نیست.")
    if repeat.kind == "monthly" and not 0 <= repeat.month_day <= 31:
        raise _repeat_error("month day must be 1 to 31", "روز ماه باید بین ۱ تا ۳۱ باشد.")
    if repeat.kind == "yearly":
        if not 0 <= repeat.month <= 12:
            raise _repeat_error("month must be 1 to 12", "ماه باید بین ۱ تا ۱۲ باشد.")
        if not 0 <= repeat.day <= 31:
            raise _repeat_error("day must be 1 to 31", "روز باید بین ۱ تا ۳۱ باشد.")
        _, start_month, start_day = jalali.to_jalali(starts_at)
        month, day = repeat.month or start_month, repeat.day or start_day
        if day > (31 if month <= 6 else 30):
            raise _repeat_error(
                f"month {month} never has day {day}",
                f"این تکرار هیچ‌گاه رخ نمی‌دهد: {jalali.MONTH_NAMES[month]} هیچ سالی {_fa(day)} روز ندارد.")
    if repeat.end == "count" and not (isinstance(repeat.count, int) and 1 <= repeat.count <= MAX_COUNT):
        raise _repeat_error("count must be 1 to 10000", f"تعداد دفعات باید بین ۱ تا {_fa(MAX_COUNT)} باشد.")
    if repeat.end == "until":
        if repeat.until is None:
            raise _repeat_error("until needs a date", "تاریخ پایان تکرار را وارد کنید.")
        if repeat.until < starts_at.date():
            raise _repeat_error("until is before the start",
                                "تاریخ پایان تکرار پیش از تاریخ شروع است.")
    from crm_desktop.core.holidays import is_holiday
    from crm_desktop.reminders.recurrence import first_occurrence

    if first_occurrence(starts_at, repeat, is_holiday) is None:
        raise _repeat_error("the rule never fires", f"این تکرار هیچ‌گاه رخ نمی‌دهد: {_never_reason(repeat)}")


def _never_reason(repeat: Repeat) -> str:
    if repeat.kind == "weekly" and repeat.skip_fridays and set(repeat.weekdays) <= {6}:
        return "تنها روز برگزیده جمعه است و جمعه‌ها کنار گذاشته شده‌اند."
    if repeat.skip_fridays and repeat.kind == "every_n_days" and repeat.every % 7 == 0:
        return "همهٔ روزهای آن جمعه است و جمعه‌ها کنار گذاشته شده‌اند."
    if repeat.skip_fridays or repeat.skip_holidays:
        return "همهٔ روزهای آن پیش از پایان تکرار جمعه یا تعطیل است."
    return "هیچ روزی پیش از پایان تکرار نمی‌ماند."


@dataclass
class Reminder:
    subject: str
    starts_at: datetime
    group_id: int | None = None
    note: str = ""
    place: str = ""
    priority: int = 1
    contact_id: int | None = None
    repeat: Repeat = field(default_factory=Repeat)
    advance: tuple[int, ...] = ()       # minutes before, e.g. (15, 1440)
    sound: str = ""
    source: str = ""
    source_id: int | None = None
    id: int | None = None

    def validate(self) -> None:
        """ValidationError with a Persian message; ``field`` is the field's Persian label."""
        subject = " ".join((self.subject or "").split())
        if not subject:
            raise ValidationError("the subject is empty", "موضوع یادآوری را وارد کنید.", SUBJECT_FIELD)
        if len(subject) > MAX_SUBJECT:
            raise ValidationError(f"the subject is longer than {MAX_SUBJECT} characters",
                                  f"موضوع بیش از {_fa(MAX_SUBJECT)} نویسه است.", SUBJECT_FIELD)
        if len(self.note or "") > MAX_TEXT:
            raise ValidationError(f"the note is longer than {MAX_TEXT} characters",
                                  f"یادداشت بیش از {_fa(MAX_TEXT)} نویسه است.", "یادداشت")
        if len(self.place or "") > MAX_SUBJECT:
            raise ValidationError(f"the place is longer than {MAX_SUBJECT} characters",
                                  f"مکان بیش از {_fa(MAX_SUBJECT)} نویسه است.", "مکان")
        if not isinstance(self.starts_at, datetime):
            raise ValidationError("starts_at must be a datetime", "تاریخ و ساعت را وارد کنید.", "تاریخ و ساعت")
        if self.priority not in PRIORITIES:
            raise ValidationError(f"priority {self.priority!r}", "اولویت باید کم، عادی یا زیاد باشد.", PRIORITY_FIELD)
        for minutes in self.advance:
            if not isinstance(minutes, int) or minutes <= 0:
                raise ValidationError("advance must be positive", "زمان یادآوری پیش از موعد باید بیش از صفر باشد.",
                                      ADVANCE_FIELD)
            if minutes > MAX_ADVANCE:
                raise ValidationError("advance must be at most 60 days",
                                      "یادآوری پیش از موعد بیش از ۶۰ روز نمی‌شود.", ADVANCE_FIELD)
        if self.sound and not _SOUND.fullmatch(self.sound):
            raise ValidationError(f"sound {self.sound!r}", "صدای هشدار شناخته نیست.", "صدا")
        if self.source not in SOURCES:
            raise ValidationError(f"source {self.source!r}", "منبع یادآوری شناخته نیست.", "منبع")
        validate_repeat(self.repeat, self.starts_at)

    def normalised(self) -> "Reminder":
        """A copy with tidy text and sorted, unique advances (call after ``validate``)."""
        from dataclasses import replace

        return replace(self, subject=" ".join(self.subject.split()), note=(self.note or "").strip(),
                       place=" ".join((self.place or "").split()), advance=tuple(sorted(set(self.advance))),
                       starts_at=self.starts_at.replace(microsecond=0))


# --- what lists and popups show -----------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    id: int
    name: str
    colour: str
    position: int = 0


@dataclass(frozen=True)
class Occurrence:
    """One happening of a reminder (what the agenda, the month and the list show)."""

    reminder_id: int
    at: datetime
    subject: str
    group_id: int | None
    colour: str
    group_name: str
    note: str
    place: str
    priority: int
    contact_id: int | None
    contact_name: str
    done: bool
    source: str
    source_id: int | None
    repeats: bool = False


@dataclass(frozen=True)
class Alarm:
    """One ringing (what the popup shows)."""

    reminder_id: int
    occurrence_at: datetime
    alarm_at: datetime
    advance: int                        # minutes before (0: at the time)
    subject: str
    note: str
    place: str
    priority: int
    contact_id: int | None
    contact_name: str
    group_name: str
    colour: str
    sound: str
    source: str
    source_id: int | None
    missed: bool                        # its time passed while the app was closed / the PC slept
    snoozed: bool = False               # it rings again after a snooze


@dataclass(frozen=True)
class ReminderRow:
    """One reminder in the full list (not expanded)."""

    id: int
    subject: str
    group_name: str
    colour: str
    starts_at: datetime
    next_at: datetime | None            # the next occurrence at or after now; None: none left
    repeat_text: str
    note: str
    place: str
    priority: int
    contact_name: str
    contact_id: int | None
    source: str
    group_id: int | None = None
    source_id: int | None = None
    repeats: bool = False
