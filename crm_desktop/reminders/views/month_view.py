"""The «ماه» page: month navigation («ماه قبل», the Jalali month's name, «ماه بعد», «امروز»), the
painted month grid, and beside it the chosen day's reminders (a click on a day lists them;
Enter or a double-click on one opens it; a double-click on a day makes a new reminder there).

    month = MonthView(office, clock)
    month.refresh()                 # re-read marks, holidays and the day's list
    month.activated.connect(...)    # an Occurrence
    month.newRequested.connect(...) # a date
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core import jalali
from crm_desktop.reminders.views.common import (
    DONE_COLOUR,
    OVERDUE_COLOUR,
    colour_icon,
    day_bounds,
    day_title,
    month_title,
    occurrence_text,
    occurrence_tooltip,
)
from crm_desktop.reminders.views.month_grid import MonthGrid

OccurrenceRole = Qt.UserRole + 1
NO_REMINDERS = "یادآوری‌ای برای این روز نیست."


class MonthView(QWidget):
    activated = Signal(object)     # Occurrence
    newRequested = Signal(object)  # date

    def __init__(self, office, clock: Callable[[], datetime] = datetime.now, parent: QWidget | None = None):
        super().__init__(parent)
        self.office = office
        self.clock = clock
        today = clock().date()
        self.grid = MonthGrid(self, today=today)
        self.prev_button = self._nav("ماه قبل", "reminders.month.prev", lambda: self.grid.step_month(-1))
        self.next_button = self._nav("ماه بعد", "reminders.month.next", lambda: self.grid.step_month(1))
        self.today_button = self._nav("امروز", "reminders.month.today", self.go_today)
        self.prev_button.setText("› ماه قبل")
        self.next_button.setText("ماه بعد ‹")
        self.title = QLabel(self)
        self.title.setObjectName("reminders.month.title")
        self.title.setAlignment(Qt.AlignCenter)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3 if font.pointSizeF() > 0 else 13)
        self.title.setFont(font)

        self.day_label = QLabel(self)
        self.day_label.setObjectName("reminders.month.day_title")
        bold = QFont(self.day_label.font())
        bold.setBold(True)
        self.day_label.setFont(bold)
        self.day_label.setWordWrap(True)
        self.holiday_label = QLabel(self)
        self.holiday_label.setObjectName("reminders.month.holiday")
        self.holiday_label.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.holiday_label.setWordWrap(True)
        self.day_list = QListWidget(self)
        self.day_list.setObjectName("reminders.month.day_list")
        self.day_list.setAccessibleName("یادآوری‌های روز انتخاب‌شده")
        # A long line (subject — contact، place) wraps inside the pane instead of running off
        # its left edge behind a horizontal scroll bar.
        self.day_list.setWordWrap(True)
        self.day_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.day_list.setResizeMode(QListView.Adjust)
        self.day_list.setSpacing(2)
        self.day_list.itemActivated.connect(self._on_item)

        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addStretch(1)
        nav.addWidget(self.title)
        nav.addStretch(1)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(nav)
        left_layout.addWidget(self.grid, 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.day_label)
        side_layout.addWidget(self.holiday_label)
        side_layout.addWidget(self.day_list, 1)
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)   # first: on the right in a right-to-left window
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.grid.monthChanged.connect(lambda _y, _m: self.refresh_month())
        self.grid.dayChosen.connect(lambda _d: self.refresh_day())
        self.grid.dayActivated.connect(self.newRequested.emit)
        self.refresh()

    def _nav(self, text: str, name: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- state -------------------------------------------------------------------------------------
    def selected_day(self) -> date:
        return self.grid.selected

    def shown_month(self) -> tuple[int, int]:
        return self.grid.year, self.grid.month

    def month_range(self) -> tuple[date, date]:
        return jalali.jalali_month_range(self.grid.year, self.grid.month)

    def go_today(self) -> None:
        self.grid.today = self.clock().date()
        self.grid.select_day(self.grid.today)
        self.grid.setFocus(Qt.OtherFocusReason)

    def show_day(self, d: date) -> None:
        self.grid.select_day(d)

    # -- data --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.grid.today = self.clock().date()
        self.refresh_month()

    def refresh_month(self) -> None:
        repo = self.office.reminders
        year, month = self.grid.year, self.grid.month
        start, end = jalali.jalali_month_range(year, month)
        self.title.setText(month_title(year, month))
        self.grid.set_marks(repo.days_with_reminders(year, month), repo.holidays_between(start, end))
        self.refresh_day()

    def refresh_day(self) -> None:
        d = self.grid.selected
        start, end = day_bounds(d)
        occurrences = self.office.reminders.occurrences_between(start, end)
        self.day_label.setText(day_title(d, self.clock().date()))
        holiday = self.grid.holidays.get(d)
        self.holiday_label.setText(f"تعطیل رسمی: {holiday}" if holiday else ("جمعه، تعطیل" if jalali.weekday(d) == 6 else ""))
        self.holiday_label.setVisible(bool(self.holiday_label.text()))
        current = self.current_occurrence()
        self.day_list.clear()
        now = self.clock()
        for occ in occurrences:
            item = QListWidgetItem(colour_icon(occ.colour, 14), occurrence_text(occ))
            item.setData(OccurrenceRole, occ)
            item.setToolTip(occurrence_tooltip(occ))
            if occ.done:
                font = QFont(self.day_list.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(QBrush(QColor(DONE_COLOUR)))
            elif occ.at < now:
                item.setForeground(QBrush(QColor(OVERDUE_COLOUR)))
            elif occ.priority == 2:
                font = QFont(self.day_list.font())
                font.setBold(True)
                item.setFont(font)
            self.day_list.addItem(item)
            if current is not None and occ.reminder_id == current.reminder_id and occ.at == current.at:
                self.day_list.setCurrentItem(item)
        if not occurrences:
            item = QListWidgetItem(NO_REMINDERS)
            item.setFlags(Qt.NoItemFlags)
            self.day_list.addItem(item)

    def day_occurrences(self) -> list:
        return [self.day_list.item(i).data(OccurrenceRole) for i in range(self.day_list.count())
                if self.day_list.item(i).data(OccurrenceRole) is not None]

    def current_occurrence(self):
        item = self.day_list.currentItem()
        return item.data(OccurrenceRole) if item is not None else None

    def _on_item(self, item) -> None:
        occ = item.data(OccurrenceRole)
        if occ is not None:
            self.activated.emit(occ)
