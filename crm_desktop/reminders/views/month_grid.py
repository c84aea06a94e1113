"""MonthGrid: a Jalali month painted as a 7 × 6 grid, Saturday first (on the right in a
right-to-left window), Friday and official holidays red, today outlined, the chosen day filled,
and each day with reminders marked with a coloured badge holding its count.

Keys: arrows move a day (Left is the next day in a right-to-left window), Up/Down a week,
PageUp/PageDown a month, Home today, Enter «activate» the day."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian

SHORT_WEEKDAYS = ("ش", "ی", "د", "س", "چ", "پ", "ج")
RED = QColor("#c62828")
HOLIDAY_FILL = QColor("#fdecea")
SELECTED_FILL = QColor("#d5e8f5")
TODAY_PEN = QColor("#1f6f8b")
BADGE = QColor("#1f6f8b")
ROWS, COLUMNS = 6, 7


class MonthGrid(QWidget):
    dayChosen = Signal(object)      # date (a click or a key)
    dayActivated = Signal(object)   # date (double-click / Enter)
    monthChanged = Signal(int, int)  # Jalali year, month

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("reminders.month")
        self.setAccessibleName("ماه")
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.today = today or date.today()
        self.year, self.month, _ = jalali.to_jalali(self.today)
        self.selected = self.today
        self.counts: dict[date, int] = {}
        self.holidays: dict[date, str] = {}

    # -- state -------------------------------------------------------------------------------------
    def set_month(self, year: int, month: int) -> None:
        if (year, month) != (self.year, self.month):
            self.year, self.month = year, month
            self.monthChanged.emit(year, month)
        self.update()

    def set_marks(self, counts: dict[date, int], holidays: dict[date, str]) -> None:
        self.counts = dict(counts)
        self.holidays = dict(holidays)
        self.update()

    def select_day(self, d: date, *, emit: bool = True) -> None:
        self.selected = d
        y, m, _ = jalali.to_jalali(d)
        self.set_month(y, m)
        self.update()
        if emit:
            self.dayChosen.emit(d)

    def step_month(self, n: int) -> None:
        y, m, day = jalali.to_jalali(self.selected)
        y, m = jalali.add_jalali_months(y, m, n)
        self.select_day(jalali.from_jalali(y, m, min(day, jalali.month_length(y, m))))

    def first_day(self) -> date:
        return jalali.from_jalali(self.year, self.month, 1)

    def days(self) -> list[date]:
        first = self.first_day()
        return [first + timedelta(days=i) for i in range(jalali.month_length(self.year, self.month))]

    def is_red(self, d: date) -> bool:
        return jalali.weekday(d) == 6 or d in self.holidays

    # -- geometry ----------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, 420)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, 240)

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 12

    def rows(self) -> int:
        """Weeks the month touches (4 to 6): the cells take the whole height."""
        cells = jalali.weekday(self.first_day()) + jalali.month_length(self.year, self.month)
        return min(ROWS, -(-cells // COLUMNS))

    def _cell_size(self) -> tuple[float, float]:
        return self.width() / COLUMNS, (self.height() - self._header_height()) / self.rows()

    def _column_x(self, column: int) -> float:
        width = self._cell_size()[0]
        if self.layoutDirection() == Qt.RightToLeft:
            return self.width() - (column + 1) * width
        return column * width

    def cell_rect(self, d: date) -> QRectF:
        index = jalali.weekday(self.first_day()) + (d - self.first_day()).days
        row, column = divmod(index, COLUMNS)
        width, height = self._cell_size()
        return QRectF(self._column_x(column), self._header_height() + row * height, width, height)

    def day_at(self, pos: QPoint) -> date | None:
        for d in self.days():
            if self.cell_rect(d).contains(pos):
                return d
        return None

    # -- painting ----------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.Base))
        width, height = self._cell_size()
        header = self._header_height()
        names = jalali.WEEKDAY_NAMES if width > self.fontMetrics().horizontalAdvance("سه‌شنبه") + 8 else SHORT_WEEKDAYS
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.fillRect(QRectF(0, 0, self.width(), header), QColor("#eef2f5"))
        for column, name in enumerate(names):
            rect = QRectF(self._column_x(column), 0, width, header)
            painter.setPen(RED if column == 6 else palette.color(QPalette.Text))
            painter.drawText(rect, Qt.AlignCenter, name)

        grid_pen = QPen(QColor("#dde3e8"))
        number_font = QFont(self.font())
        number_font.setPointSizeF(max(9.0, min(16.0, min(height, width) / 6.5)))
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.75))
        for d in self.days():
            rect = self.cell_rect(d)
            red = self.is_red(d)
            if d == self.selected:
                painter.fillRect(rect, SELECTED_FILL)
            elif red:
                painter.fillRect(rect, HOLIDAY_FILL)
            painter.setPen(grid_pen)
            painter.drawRect(rect)
            if d == self.today:
                painter.setPen(QPen(TODAY_PEN, 2))
                painter.drawRect(rect.adjusted(2, 2, -2, -2))
            inner = rect.adjusted(6, 4, -6, -4)
            painter.setFont(number_font)
            painter.setPen(RED if red else palette.color(QPalette.Text))
            painter.drawText(inner, Qt.AlignTop | Qt.AlignRight | Qt.AlignAbsolute, to_persian(jalali.to_jalali(d)[2]))
            painter.setFont(small)
            painter.setPen(QColor("#9e9e9e"))
            painter.drawText(inner, Qt.AlignTop | Qt.AlignLeft | Qt.AlignAbsolute, str(d.day))
            title = self.holidays.get(d)
            if title and height > 3.2 * self.fontMetrics().height():
                painter.setPen(RED)
                text = painter.fontMetrics().elidedText(title, Qt.ElideRight, int(inner.width()))
                painter.drawText(inner, Qt.AlignBottom | Qt.AlignHCenter, text)
            count = self.counts.get(d, 0)
            if count:
                self._badge(painter, rect, count)
        painter.end()

    def _badge(self, painter: QPainter, rect: QRectF, count: int) -> None:
        text = to_persian(count) if count < 100 else "۹۹+"
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        diameter = max(metrics.height() + 2, metrics.horizontalAdvance(text) + 10)
        centre = rect.center()
        badge = QRectF(centre.x() - diameter / 2, centre.y() - metrics.height() / 2 + 4, diameter, metrics.height() + 2)
        painter.setPen(Qt.NoPen)
        painter.setBrush(BADGE)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignCenter, text)
        painter.setBrush(Qt.NoBrush)

    # -- input -------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        d = self.day_at(event.position().toPoint())
        if d is not None:
            self.setFocus(Qt.MouseFocusReason)
            self.select_day(d)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        d = self.day_at(event.position().toPoint())
        if d is not None:
            self.dayActivated.emit(d)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            d = self.day_at(event.pos())
            if d is not None:
                lines = [jalali.format_date_long(d)]
                if d in self.holidays:
                    lines.append(f"تعطیل: {self.holidays[d]}")
                elif jalali.weekday(d) == 6:
                    lines.append("تعطیل")
                if self.counts.get(d):
                    lines.append(f"{to_persian(self.counts[d])} یادآوری")
                QToolTip.showText(event.globalPos(), "\n".join(lines), self, QRect())
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        rtl = self.layoutDirection() == Qt.RightToLeft
        moves = {Qt.Key_Left: 1 if rtl else -1, Qt.Key_Right: -1 if rtl else 1, Qt.Key_Up: -7, Qt.Key_Down: 7}
        if key in moves and not event.modifiers() & ~Qt.KeypadModifier:
            self.select_day(self.selected + timedelta(days=moves[key]))
        elif key == Qt.Key_PageUp:
            self.step_month(-1)
        elif key == Qt.Key_PageDown:
            self.step_month(1)
        elif key == Qt.Key_Home:
            self.select_day(self.today)
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.dayActivated.emit(self.selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
