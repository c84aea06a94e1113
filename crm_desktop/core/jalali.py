"""The Jalali (Solar Hijri) calendar at the edges of the program.

Dates are stored as ISO Gregorian text (``2024-10-06``, ``2025-03-20T08:30:00``, naive local
time) and only shown and typed as Jalali. Conversion goes through jdatetime, which is the
reference for the whole program (Qt's Jalali calendar is wrong for 1436/1437 and 1469/1470).

Typed dates accept Persian, Arabic-Indic and Latin digits, ``/`` or ``-`` (or ``؍``) between the
parts, spaces around them, 1- or 2-digit month and day and a 4-digit year (``14030715`` also
works). Nothing is ever silently corrected: ``1404/12/30`` is refused with a Persian message
naming the field (1404 is not a leap year), ``1403/12/30`` is accepted (1403 is).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

import jdatetime

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import ValidationError

MONTH_NAMES = (
    "",
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
"""Jalali month names, index 1..12 (index 0 is empty)."""

MONTH_NAMES_EN = ("", "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
                  "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand")

WEEKDAY_NAMES = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
"""Persian weekday names, Saturday first (index = ``weekday(d)``)."""

MIN_YEAR, MAX_YEAR = jdatetime.MINYEAR, jdatetime.MAXYEAR
# Years a person may type: wide enough for old birth dates and far due dates, narrow enough to
# catch a Gregorian year (2024/10/06) typed into a Jalali field.
TYPED_MIN_YEAR, TYPED_MAX_YEAR = 1200, 1599

_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_DATE_RE = re.compile(r"(\d+)\s*[/\-؍.٫]\s*(\d+)\s*[/\-؍.٫]\s*(\d+)", re.ASCII)  # «.» and «٫»: the dot key of a Persian keyboard
_TIME_RE = re.compile(r"(\d{1,2})(?:\s*:\s*(\d{1,2}))?(?:\s*:\s*(\d{1,2}))?", re.ASCII)


def _fa(n) -> str:
    return to_persian(n)


def _error(field: str, en: str, fa: str) -> ValidationError:
    return ValidationError(f"{field}: {en}", f"{field}: {fa}", field)


_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f\u200c"), " ")


def _clean(text) -> str:
    """Latin digits, no bidi marks, odd spaces made plain."""
    return to_latin(str(text)).translate(_BIDI_MARKS).translate(_SPACES).strip()


def _check_digits(digits: str) -> None:
    if digits not in ("persian", "latin"):
        raise ValueError(f"digits must be 'persian' or 'latin', not {digits!r}")


# --- the calendar ----------------------------------------------------------------------------

def is_leap(year: int) -> bool:
    """True if Jalali ``year`` has 366 days (Esfand has 30 days)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Jalali year out of range: {year}")
    return jdatetime.date(year, 1, 1).isleap()


def month_length(year: int, month: int) -> int:
    """Days in Jalali ``month`` of ``year``: 31 for months 1-6, 30 for 7-11, 29/30 for Esfand."""
    if not 1 <= month <= 12:
        raise ValueError(f"Jalali month out of range: {month}")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(year) else 29


def to_jalali(d: date) -> tuple[int, int, int]:
    """(year, month, day) in the Jalali calendar of a Gregorian date (a datetime's date part)."""
    if isinstance(d, datetime):
        d = d.date()
    j = jdatetime.date.fromgregorian(date=d)
    return j.year, j.month, j.day


def check_jalali(year: int, month: int, day: int, field: str = "تاریخ") -> None:
    """Raise ValidationError (Persian message naming ``field``) unless the Jalali date exists."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _error(field, f"year must be between {MIN_YEAR} and {MAX_YEAR}",
                     f"سال باید بین {_fa(MIN_YEAR)} تا {_fa(MAX_YEAR)} باشد.")
    if not 1 <= month <= 12:
        raise _error(field, "month must be between 1 and 12", "ماه باید بین ۱ تا ۱۲ باشد.")
    if not 1 <= day <= 31:
        raise _error(field, "day must be between 1 and 31", "روز باید بین ۱ تا ۳۱ باشد.")
    length = month_length(year, month)
    if day > length:
        raise _error(
            field,
            f"{MONTH_NAMES_EN[month]} {year} has only {length} days",
            f"{MONTH_NAMES[month]} {_fa(year)} فقط {_fa(length)} روز دارد.",
        )


def from_jalali(year: int, month: int, day: int, field: str = "تاریخ") -> date:
    """The Gregorian date of a Jalali date; ValidationError if that date does not exist."""
    check_jalali(year, month, day, field)
    return jdatetime.date(year, month, day).togregorian()


def weekday(d: date) -> int:
    """Day of the week, 0 = Saturday (شنبه) … 6 = Friday (جمعه)."""
    return (d.weekday() + 2) % 7


def jalali_month_range(year: int, month: int) -> tuple[date, date]:
    """The first and last Gregorian dates of a Jalali month."""
    return from_jalali(year, month, 1), from_jalali(year, month, month_length(year, month))


def add_jalali_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) ``n`` Jalali months after (n < 0: before) ``year``/``month``."""
    if not 1 <= month <= 12:
        raise ValueError(f"Jalali month out of range: {month}")
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


# --- typing and showing dates ----------------------------------------------------------------

_FORMAT_HINT_FA = "قالب تاریخ درست نیست؛ مانند ۱۴۰۳/۰۷/۱۵ بنویسید."


def parse_date(text, field: str = "تاریخ") -> date:
    """A typed Jalali date (``1403/7/15``, ``۱۴۰۳-۰۷-۱۵``, ``14030715``) as a Gregorian date.

    Raises ValidationError with a Persian message that names ``field`` and says what is wrong."""
    s = _clean(text) if text is not None else ""
    if not s:
        raise ValidationError(f"{field}: a date is required", f"{field} را وارد کنید.", field)
    match = _DATE_RE.fullmatch(s)
    if match:
        ys, ms, ds = match.groups()
    elif re.fullmatch(r"[0-9]{8}", s):
        ys, ms, ds = s[:4], s[4:6], s[6:]
    else:
        raise _error(field, "not a date; write it like 1403/07/15", _FORMAT_HINT_FA)
    if len(ys) <= 2 and len(ds) == 4:
        raise _error(field, "write the year first, like 1403/07/15",
                     "سال را اول بنویسید؛ مانند ۱۴۰۳/۰۷/۱۵.")
    if len(ys) <= 2:
        raise _error(field, "write the year with four digits, like 1403",
                     "سال را چهاررقمی بنویسید؛ مانند ۱۴۰۳.")
    if len(ys) != 4 or len(ms) > 2 or len(ds) > 2:
        raise _error(field, "not a date; write it like 1403/07/15", _FORMAT_HINT_FA)
    year, month, day = int(ys), int(ms), int(ds)
    if not TYPED_MIN_YEAR <= year <= TYPED_MAX_YEAR:
        if 1900 <= year <= 2199:
            raise _error(field, f"{year} looks like a Gregorian year; write the Jalali date",
                         f"سال {_fa(year)} میلادی به نظر می‌رسد؛ تاریخ را خورشیدی بنویسید، مانند ۱۴۰۳/۰۷/۱۵.")
        raise _error(field, f"the year must be between {TYPED_MIN_YEAR} and {TYPED_MAX_YEAR}",
                     f"سال باید بین {_fa(TYPED_MIN_YEAR)} تا {_fa(TYPED_MAX_YEAR)} باشد.")
    return from_jalali(year, month, day, field)


def format_date(d: date | None, digits: str = "persian") -> str:
    """``۱۴۰۳/۰۷/۱۵`` (digits="latin": ``1403/07/15``); '' for None."""
    _check_digits(digits)
    if d is None:
        return ""
    y, m, day = to_jalali(d)
    text = f"{y:04d}/{m:02d}/{day:02d}"
    return to_persian(text) if digits == "persian" else text


def format_date_long(d: date, digits: str = "persian") -> str:
    """``یکشنبه ۱۵ مهر ۱۴۰۳``: weekday, day, month name, year."""
    _check_digits(digits)
    y, m, day = to_jalali(d)
    text = f"{WEEKDAY_NAMES[weekday(d)]} {day} {MONTH_NAMES[m]} {y}"
    return to_persian(text) if digits == "persian" else text


def parse_time(text, field: str = "ساعت") -> time:
    """A typed time of day: ``9:30``, ``۰۹:۳۰``, ``09:30:15`` or just ``9`` (09:00)."""
    s = _clean(text) if text is not None else ""
    if not s:
        raise ValidationError(f"{field}: a time is required", f"{field} را وارد کنید.", field)
    match = _TIME_RE.fullmatch(s)
    if not match:
        raise _error(field, "not a time; write it like 09:30", "قالب ساعت درست نیست؛ مانند ۰۹:۳۰ بنویسید.")
    hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if hour > 23:
        raise _error(field, "the hour must be between 0 and 23", "ساعت باید بین ۰ تا ۲۳ باشد.")
    if minute > 59:
        raise _error(field, "the minutes must be between 0 and 59", "دقیقه باید بین ۰ تا ۵۹ باشد.")
    if second > 59:
        raise _error(field, "the seconds must be between 0 and 59", "ثانیه باید بین ۰ تا ۵۹ باشد.")
    return time(hour, minute, second)


def parse_datetime(text, field: str = "تاریخ و ساعت") -> datetime:
    """``1403/07/15 09:30`` (either order) as a naive local datetime; both parts are required."""
    s = _clean(text) if text is not None else ""
    if not s:
        raise ValidationError(f"{field}: a date and time are required", f"{field} را وارد کنید.", field)
    parts = s.split()
    if len(parts) == 2 and ":" in parts[0] and ":" not in parts[1]:
        parts.reverse()
    if len(parts) != 2 or ":" in parts[0]:
        raise _error(field, "write the date and the time, like 1403/07/15 09:30",
                     "تاریخ و ساعت را بنویسید؛ مانند ۱۴۰۳/۰۷/۱۵ ۰۹:۳۰.")
    return datetime.combine(parse_date(parts[0], field), parse_time(parts[1], field))


def format_time(t: time | datetime | None, digits: str = "persian", seconds: bool = False) -> str:
    """``۰۹:۳۰`` (with seconds=True ``۰۹:۳۰:۱۵``); '' for None."""
    _check_digits(digits)
    if t is None:
        return ""
    text = f"{t.hour:02d}:{t.minute:02d}" + (f":{t.second:02d}" if seconds else "")
    return to_persian(text) if digits == "persian" else text


def format_datetime(dt: datetime | None, digits: str = "persian") -> str:
    """``۱۴۰۳/۰۷/۱۵ ۰۹:۳۰``; '' for None."""
    if dt is None:
        return ""
    return f"{format_date(dt, digits)} {format_time(dt, digits)}"


# --- storage form ----------------------------------------------------------------------------

def iso_date(d: date) -> str:
    """``2024-10-06``: the stored form of a date (a datetime's date part)."""
    if isinstance(d, datetime):
        d = d.date()
    return d.isoformat()


def from_iso(text: str) -> date:
    """A stored ``2024-10-06`` (a stored datetime gives its date). ValueError if malformed."""
    text = text.strip()
    if len(text) > 10:
        return from_iso_datetime(text).date()
    return date.fromisoformat(text)


def iso_datetime(dt: datetime) -> str:
    """``2025-03-20T08:30:00``: naive local time to the second (an aware value is made local)."""
    if dt.tzinfo is not None:
        dt = dt.astimezone().replace(tzinfo=None)
    return dt.replace(microsecond=0).isoformat(timespec="seconds")


def from_iso_datetime(text: str) -> datetime:
    """A stored ``2025-03-20T08:30:00`` (a bare date gives midnight). ValueError if malformed."""
    return datetime.fromisoformat(text.strip())
