"""Iran's official holidays (no Qt).

The solar ones are fixed Jalali dates. The lunar ones follow the Hijri calendar, which Iran
fixes by moon sighting; here they come from the arithmetic (tabular) Hijri calendar, which may
be a day off the official announcement — the operator corrects a year's list through the
``holidays`` table (see reminders/repo_holidays.py). Friday is not a holiday here: callers treat
Friday separately.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from math import ceil

from crm_desktop.core import jalali

SOLAR = (
    (1, 1, "عید نوروز"),
    (1, 2, "عید نوروز"),
    (1, 3, "عید نوروز"),
    (1, 4, "عید نوروز"),
    (1, 12, "روز جمهوری اسلامی"),
    (1, 13, "روز طبیعت (سیزده‌به‌در)"),
    (3, 14, "رحلت امام خمینی"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "ملی شدن صنعت نفت"),
)

# (Hijri month, day, title); day 0 = the month's last day (29 or 30 Safar)
LUNAR = (
    (1, 9, "تاسوعای حسینی"),
    (1, 10, "عاشورای حسینی"),
    (2, 20, "اربعین حسینی"),
    (2, 28, "رحلت پیامبر اکرم و شهادت امام حسن مجتبی"),
    (2, 0, "شهادت امام رضا"),
    (3, 8, "شهادت امام حسن عسکری"),
    (3, 17, "میلاد پیامبر اکرم و امام جعفر صادق"),
    (6, 3, "شهادت حضرت فاطمه زهرا"),
    (7, 13, "ولادت امام علی"),
    (7, 27, "مبعث پیامبر اکرم"),
    (8, 15, "ولادت حضرت قائم"),
    (9, 21, "شهادت امام علی"),
    (10, 1, "عید سعید فطر"),
    (10, 2, "تعطیل به مناسبت عید سعید فطر"),
    (10, 25, "شهادت امام جعفر صادق"),
    (12, 10, "عید سعید قربان"),
    (12, 18, "عید سعید غدیر خم"),
)

# --- the tabular Hijri calendar (civil epoch, 30-year cycle) -------------------------------------
_EPOCH_ORDINAL = 227015  # 1 Muharram 1 AH: 16 July 622 Julian = date(622, 7, 19) proleptic Gregorian


def hijri_to_date(year: int, month: int, day: int) -> date:
    """The Gregorian date of a tabular Hijri date (day may be 30 in a 29-day month: the next day)."""
    days = day + ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 - 1
    return date.fromordinal(_EPOCH_ORDINAL + days)


def hijri_year_of(d: date) -> int:
    """The tabular Hijri year ``d`` falls in."""
    year = (30 * (d.toordinal() - _EPOCH_ORDINAL) + 10646) // 10631
    while hijri_to_date(year + 1, 1, 1) <= d:
        year += 1
    while hijri_to_date(year, 1, 1) > d:
        year -= 1
    return year


def _lunar_date(hijri_year: int, month: int, day: int) -> date:
    if day == 0:  # the month's last day
        return hijri_to_date(hijri_year, month + 1, 1) - timedelta(days=1)
    return hijri_to_date(hijri_year, month, day)


@lru_cache(maxsize=64)
def _official(jalali_year: int) -> tuple[tuple[date, str], ...]:
    found: dict[date, list[str]] = {}
    for month, day, title in SOLAR:
        found.setdefault(jalali.from_jalali(jalali_year, month, day), []).append(title)
    first = jalali.from_jalali(jalali_year, 1, 1)
    last = jalali.from_jalali(jalali_year, 12, jalali.month_length(jalali_year, 12))
    for hijri_year in range(hijri_year_of(first), hijri_year_of(last) + 1):
        for month, day, title in LUNAR:
            d = _lunar_date(hijri_year, month, day)
            if first <= d <= last:
                found.setdefault(d, []).append(title)
    return tuple(sorted((d, "؛ ".join(titles)) for d, titles in found.items()))


def official_holidays(jalali_year: int) -> dict[date, str]:
    """Every official holiday of a Jalali year: Gregorian date → Persian title."""
    return dict(_official(jalali_year))


def is_holiday(d: date, overrides: dict[date, bool] | None = None) -> bool:
    """True for an official holiday (Friday is NOT included). ``overrides`` (date → bool, the
    operator's corrections) wins over the official list."""
    if overrides and d in overrides:
        return bool(overrides[d])
    try:
        year = jalali.to_jalali(d)[0]
    except (ValueError, OverflowError):
        return False
    return d in _official_days(year) if jalali.MIN_YEAR <= year <= jalali.MAX_YEAR else False


@lru_cache(maxsize=64)
def _official_days(jalali_year: int) -> frozenset[date]:
    return frozenset(d for d, _ in _official(jalali_year))
