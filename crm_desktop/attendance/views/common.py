"""Small pieces the attendance widgets share: Persian words for directions and sources, times and
minutes as text, a day's punches as «۰۸:۰۵–۱۶:۱۰»، and the colours of holidays and absence."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QColor

from crm_desktop.attendance.compute import hm
from crm_desktop.attendance.model import LEAVE_TYPES, PUNCH_SOURCES
from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian

LRI, RLI, PDI, FSI = "\u2066", "\u2067", "\u2069", "\u2068"
DIRECTIONS = {"in": "ورود", "out": "خروج"}
RED = QColor("#c62828")
HOLIDAY_FILL = QColor("#fdecea")
ABSENT_COLOUR = QColor("#b71c1c")
LATE_COLOUR = QColor("#9a4d00")
OK_COLOUR = "#1b5e20"
WARN_COLOUR = "#b71c1c"
MISSING = "؟"


def clock_text(at: datetime | None) -> str:
    """«۰۸:۰۵»"""
    return jalali.format_time(at) if at is not None else ""


def minutes_text(minutes: int) -> str:
    """«۸:۰۵» for a duration; '' for none (a table of zeros reads badly)."""
    return hm(minutes) if minutes else ""


def day_text(d: date) -> str:
    """«۱۴۰۴/۰۸/۱۲»"""
    return jalali.format_date(d)


def day_title(d: date) -> str:
    """«دوشنبه ۱۲ آبان ۱۴۰۴»"""
    y, m, day = jalali.to_jalali(d)
    return f"{jalali.WEEKDAY_NAMES[jalali.weekday(d)]} {to_persian(day)} {jalali.MONTH_NAMES[m]} {to_persian(y)}"


def month_title(year: int, month: int) -> str:
    """«آبان ۱۴۰۴»"""
    return f"{jalali.MONTH_NAMES[month]} {to_persian(year)}"


def source_text(source: str) -> str:
    return PUNCH_SOURCES.get(source, source)


def leave_type_text(kind: str) -> str:
    return LEAVE_TYPES.get(kind, kind)


def span_text(start, end) -> str:
    """«۰۸:۰۰ تا ۱۰:۳۰» (times of day), isolated so the pair keeps its order in any sentence."""
    return f"{RLI}{jalali.format_time(start)} تا {jalali.format_time(end)}{PDI}"


def pairs_text(pairs, day: date | None = None) -> str:
    """(entry, exit) pairs as «۰۸:۰۵–۱۲:۰۰، ۱۳:۰۰–۱۶:۱۰», each isolated right to left so the entry
    reads first; a missing partner «؟» («۰۸:۰۵–؟»); an exit past midnight «۰۶:۱۰ فردا»."""
    from crm_desktop.attendance.report_data import time_text

    parts = [f"{time_text(a, day) or MISSING}–{time_text(b, day) or MISSING}" for a, b in pairs]
    return "، ".join(f"{RLI}{part}{PDI}" for part in parts)
