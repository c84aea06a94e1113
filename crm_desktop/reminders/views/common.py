"""Small pieces the reminder widgets share: colour swatches, Persian times, occurrence lines,
and the bits of the engine's model every view needs (imported lazily from one place)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian

LRI, RLI, PDI, FSI = "\u2066", "\u2067", "\u2069", "\u2068"
OVERDUE_COLOUR = "#c62828"
DONE_COLOUR = "#8a8a8a"
HOLIDAY_COLOUR = "#c62828"
HIGH_PRIORITY_COLOUR = "#b71c1c"


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}"


def colour_icon(colour: str | None, size: int = 12, *, round_: bool = True) -> QIcon:
    """A filled dot (or square) of the group's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(colour or "#9e9e9e"))
    if round_:
        painter.drawEllipse(1, 1, size - 2, size - 2)
    else:
        painter.drawRoundedRect(0, 0, size, size, 2, 2)
    painter.end()
    return QIcon(pixmap)


def time_text(at: datetime) -> str:
    """«۰۹:۳۰»"""
    return jalali.format_time(at)


def day_title(d: date, today: date | None = None) -> str:
    """«امروز، شنبه ۳ آذر ۱۴۰۵» / «فردا، …» / «یکشنبه ۴ آذر»."""
    y, m, day = jalali.to_jalali(d)
    text = f"{jalali.WEEKDAY_NAMES[jalali.weekday(d)]} {to_persian(day)} {jalali.MONTH_NAMES[m]}"
    if today is None or d.year != today.year or y != jalali.to_jalali(today)[0]:
        text += f" {to_persian(y)}"
    if today is not None:
        if d == today:
            return f"امروز، {text}"
        if d == today + timedelta(days=1):
            return f"فردا، {text}"
    return text


def month_title(year: int, month: int) -> str:
    """«آذر ۱۴۰۵»"""
    return f"{jalali.MONTH_NAMES[month]} {to_persian(year)}"


def occurrence_text(occ, *, with_date: bool = False) -> str:
    """One line for an occurrence: «۰۹:۳۰  جلسه با مشتری — علی رضایی (دفتر مرکزی)»."""
    when = jalali.format_datetime(occ.at) if with_date else time_text(occ.at)
    parts = [f"{RLI}{when}{PDI}", "  ", occ.subject]
    extra = []
    if getattr(occ, "contact_name", ""):
        extra.append(occ.contact_name)
    if getattr(occ, "place", ""):
        extra.append(occ.place)
    if extra:
        parts.append(" — " + "، ".join(extra))
    return "".join(parts)


def occurrence_tooltip(occ) -> str:
    lines = [occ.subject, jalali.format_date_long(occ.at.date()) + "، ساعت " + time_text(occ.at)]
    if occ.group_name:
        lines.append(f"گروه: {occ.group_name}")
    if occ.contact_name:
        lines.append(f"مخاطب: {occ.contact_name}")
    if occ.place:
        lines.append(f"مکان: {occ.place}")
    if occ.note:
        lines.append(occ.note)
    if occ.done:
        lines.append("انجام شد ✓")
    return "\n".join(lines)


def datetime_text(at) -> str:
    """«۱۴۰۵/۰۹/۰۲ ۱۰:۳۰» isolated right to left: the date on the right, the time on its left,
    as a Persian reader expects (and as the phonebook's notes show it)."""
    return f"{RLI}{jalali.format_datetime(at)}{PDI}" if at is not None else ""


def day_bounds(d: date) -> tuple[datetime, datetime]:
    """[00:00, 23:59:59] of a day."""
    start = datetime.combine(d, datetime.min.time())
    return start, start + timedelta(days=1) - timedelta(seconds=1)
