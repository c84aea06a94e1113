"""A Jalali month calendar set up the Iranian way, for date fields and month views.

Qt's QCalendarWidget paints Saturday and Sunday as the weekend and shows week numbers; an
Iranian calendar starts on Saturday (شنبه), has Friday (جمعه) as the holiday (red) and no week
numbers. Qt's Jalali arithmetic is wrong for 1436/1437, so the range stops before that.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCalendar, QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QWidget

from crm_desktop.core import jalali

HOLIDAY_COLOR = QColor("#c62828")
FIRST_YEAR, LAST_YEAR = 1300, 1435  # Qt and core agree on these years


def jalali_calendar_system() -> QCalendar:
    return QCalendar(QCalendar.System.Jalali)


def persian_locale() -> QLocale:
    return QLocale(QLocale.Persian, QLocale.Iran)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())  # QDate's plain accessors are Gregorian


def make_jalali_calendar(parent: QWidget | None = None, *, today: date | None = None) -> QCalendarWidget:
    """A QCalendarWidget on the Jalali calendar in Persian: Saturday first, Friday red,
    Saturday/Sunday ordinary, no week numbers, one-letter day names, today in bold."""
    calendar = QCalendarWidget(parent)
    calendar.setCalendar(jalali_calendar_system())
    calendar.setLocale(persian_locale())
    calendar.setFirstDayOfWeek(Qt.Saturday)
    calendar.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
    calendar.setHorizontalHeaderFormat(QCalendarWidget.SingleLetterDayNames)
    calendar.setGridVisible(False)
    calendar.setDateRange(to_qdate(jalali.from_jalali(FIRST_YEAR, 1, 1)),
                          to_qdate(jalali.from_jalali(LAST_YEAR, 12, jalali.month_length(LAST_YEAR, 12))))
    paint_iranian_weekend(calendar)
    mark_today(calendar, today or date.today())
    return calendar


def paint_iranian_weekend(calendar: QCalendarWidget) -> None:
    """Friday red, every other day (Saturday and Sunday included) in the ordinary text colour.
    Use it on any QCalendarWidget, e.g. ``QDateEdit.calendarWidget()``."""
    normal = QTextCharFormat()
    normal.setForeground(QBrush(calendar.palette().color(QPalette.Text)))
    for day in (Qt.Saturday, Qt.Sunday, Qt.Monday, Qt.Tuesday, Qt.Wednesday, Qt.Thursday):
        calendar.setWeekdayTextFormat(day, normal)
    holiday = QTextCharFormat()
    holiday.setForeground(QBrush(HOLIDAY_COLOR))
    calendar.setWeekdayTextFormat(Qt.Friday, holiday)


def mark_today(calendar: QCalendarWidget, today: date) -> None:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Bold)
    fmt.setFontUnderline(True)
    calendar.setDateTextFormat(to_qdate(today), fmt)


def calendar_icon(size: int = 16, color: QColor | None = None) -> QIcon:
    """A small drawn calendar page (no image file needed)."""
    color = color or QColor("#455a64")
    icon = QIcon()
    for scale in (1, 2):
        side = size * scale
        pixmap = QPixmap(side, side)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.scale(scale, scale)
        pen = QPen(color, 1.2)
        painter.setPen(pen)
        body = QRectF(1.5, 3.0, size - 3.0, size - 4.5)
        painter.drawRoundedRect(body, 1.5, 1.5)
        painter.fillRect(QRectF(body.left(), body.top(), body.width(), size * 0.22), color)
        for x in (size * 0.32, size * 0.68):  # rings
            painter.drawLine(QPointF(x, 1.0), QPointF(x, 4.5))
        painter.setPen(Qt.NoPen)
        painter.setBrush(color)
        dot = size * 0.11
        for row in range(2):
            for col in range(3):
                cx = body.left() + body.width() * (col + 1) / 4
                cy = body.top() + size * 0.22 + (body.height() - size * 0.22) * (row + 1) / 3
                painter.drawEllipse(QPointF(cx, cy), dot / 1.4, dot / 1.4)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
