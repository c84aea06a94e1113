"""The «پیش از موعد» (advance) of a reminder: minutes before its time, typed and shown in Persian."""

from __future__ import annotations

import re

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import ValidationError

MAX_ADVANCE = 60 * 24 * 60          # 60 days, in minutes
ADVANCE_FIELD = "یادآوری پیش از موعد"


def _fa(n) -> str:
    return to_persian(str(n))


_UNITS = {"m": 1, "min": 1, "دقیقه": 1, "د": 1, "h": 60, "ساعت": 60, "س": 60, "d": 1440, "day": 1440,
          "days": 1440, "روز": 1440, "ر": 1440, "w": 10080, "هفته": 10080}
_ADVANCE_PART = re.compile(r"(\d+)\s*([^\d\s]*)")


def parse_advance(text) -> int:
    """"15 دقیقه" / "2 ساعت" / "1 روز" / "15m" "2h" "1d" / "1 ساعت و 30 دقیقه" → minutes."""
    s = to_latin(str(text or "")).strip().lower().replace("\u200c", " ")
    s = re.sub(r"(پیش از موعد|قبل|پیش)$", "", s).strip()
    s = re.sub(r"\s+و\s+", " ", s)
    if not s:
        raise ValidationError("advance: empty", "زمان یادآوری پیش از موعد را وارد کنید.", ADVANCE_FIELD)
    total, position = 0, 0
    for match in _ADVANCE_PART.finditer(s):
        if s[position:match.start()].strip():
            break
        unit = match.group(2) or "m"
        if unit not in _UNITS:
            break
        total += int(match.group(1)) * _UNITS[unit]
        position = match.end()
    if position == 0 or s[position:].strip():
        raise ValidationError(f"advance: cannot read {text!r}",
                              "زمان پیش از موعد را مانند «۱۵ دقیقه»، «۲ ساعت» یا «۱ روز» بنویسید.", ADVANCE_FIELD)
    if total <= 0:
        raise ValidationError("advance must be positive", "زمان یادآوری پیش از موعد باید بیش از صفر باشد.",
                              ADVANCE_FIELD)
    if total > MAX_ADVANCE:
        raise ValidationError("advance must be at most 60 days", "یادآوری پیش از موعد بیش از ۶۰ روز نمی‌شود.",
                              ADVANCE_FIELD)
    return total


def duration_text(minutes: int) -> str:
    """90 → «۱ ساعت و ۳۰ دقیقه», 1440 → «۱ روز»."""
    days, rest = divmod(int(minutes), 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{_fa(n)} {unit}" for n, unit in ((days, "روز"), (hours, "ساعت"), (mins, "دقیقه")) if n]
    return " و ".join(parts) or "۰ دقیقه"


def advance_label(minutes) -> str:
    """90 → «۱ ساعت و ۳۰ دقیقه پیش از موعد», 1440 → «۱ روز پیش از موعد» (0: «سر موعد»)."""
    if not minutes:
        return "سر موعد"
    return f"{duration_text(minutes)} پیش از موعد"
