"""The «همه» page: every reminder (one row each, not each occurrence) with filters — a search
over subject, note and place (any digit script, ي/ی alike), a group, and a Jalali date range.

    page = ListView(office, clock)
    page.refresh()                   # after a change notice: same filters, rows re-read
    page.activated.connect(...)      # a ReminderRow (double-click / Enter)
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import format_number
from crm_desktop.reminders.views.common import colour_icon
from crm_desktop.reminders.views.table_model import ReminderFilter, ReminderSource, ReminderTableModel, reminder_columns
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.lazy_table import current_object, select_object, selected_objects, setup_table_view
from crm_desktop.ui.search_line import SearchLine

ALL_GROUPS = "همهٔ گروه‌ها"


class ListView(QWidget):
    activated = Signal(object)  # ReminderRow

    def __init__(self, office, clock: Callable[[], datetime] = datetime.now, parent: QWidget | None = None):
        super().__init__(parent)
        self.office = office
        self.clock = clock
        self.search = SearchLine(self, name="reminders.search")
        self.search.setPlaceholderText("جستجو در موضوع، یادداشت و مکان… (Ctrl+F)")
        self.search.setAccessibleName("جستجوی یادآوری‌ها")
        self.group = QComboBox(self)
        self.group.setObjectName("reminders.group_filter")
        self.group.setAccessibleName("گروه")
        self.group.setMinimumContentsLength(10)
        today = lambda: self.clock().date()  # noqa: E731
        self.date_from = JalaliDateEdit(self, name="reminders.from", field_name="از تاریخ", today=today)
        self.date_to = JalaliDateEdit(self, name="reminders.to", field_name="تا تاریخ", today=today)
        self.clear_button = QPushButton("پاک کردن فیلترها", self)
        self.clear_button.setObjectName("reminders.clear_filters")
        self.clear_button.setToolTip("پاک کردن همهٔ فیلترها")
        self.clear_button.clicked.connect(self.clear_filters)
        self.table = QTableView(self)
        self.table.setObjectName("reminders.table")
        self.table.setAccessibleName("همهٔ یادآوری‌ها")
        self.model = ReminderTableModel(reminder_columns(), ReminderSource(office, ReminderFilter(), clock), self)
        setup_table_view(self.table, self.model, sortable=False)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self._size_columns()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("reminders.count")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel("گروه:", self))
        filters.addWidget(self.group, 1)
        from_label = QLabel("از:", self)
        from_label.setBuddy(self.date_from)
        filters.addWidget(from_label)
        filters.addWidget(self.date_from)
        to_label = QLabel("تا:", self)
        to_label.setBuddy(self.date_to)
        filters.addWidget(to_label)
        filters.addWidget(self.date_to)
        filters.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.reload_groups()
        self.search.searchChanged.connect(lambda _t: self.apply_filters())
        self.search.navigateDown.connect(self.focus_table)
        self.group.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.date_from.dateChanged.connect(lambda _d: self.apply_filters())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filters())
        self.table.activated.connect(self._on_activated)
        self._update_footer()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        widths = {"subject": 220, "group": 80, "next_at": 130, "starts_at": 130, "repeat": 170,
                  "contact": 140, "place": 110, "priority": 60}
        for i, column in enumerate(self.model.columns):
            if column.key in widths:
                self.table.setColumnWidth(i, widths[column.key])

    # -- filters -----------------------------------------------------------------------------------
    def reload_groups(self) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(ALL_GROUPS, None)
        for group in self.office.reminders.groups():
            self.group.addItem(colour_icon(group.colour, 12), group.name, group.id)
        index = self.group.findData(current) if current is not None else 0
        self.group.setCurrentIndex(max(0, index))
        self.group.blockSignals(False)

    def query(self) -> ReminderFilter:
        return ReminderFilter(self.search.query(), self.group.currentData(),
                              self.date_from.date(), self.date_to.date())

    def apply_filters(self) -> None:
        self.model.reset(ReminderSource(self.office, self.query(), self.clock))
        self.table.scrollToTop()
        self._update_footer()

    def clear_filters(self) -> None:
        for widget in (self.search, self.group, self.date_from, self.date_to):
            widget.blockSignals(True)
        self.search.set_query("", emit=False)
        self.group.setCurrentIndex(0)
        self.date_from.setDate(None)
        self.date_to.setDate(None)
        for widget in (self.search, self.group, self.date_from, self.date_to):
            widget.blockSignals(False)
        self.apply_filters()

    def refresh(self) -> None:
        self.model.reset(ReminderSource(self.office, self.query(), self.clock))
        self._update_footer()

    def _update_footer(self) -> None:
        n = self.model.rowCount()
        text = f"{format_number(n)} یادآوری"
        if n == 0 and not self.query().is_empty():
            text = "یادآوری‌ای با این فیلترها پیدا نشد."
        self.count_label.setText(text)

    # -- rows --------------------------------------------------------------------------------------
    def row(self, index: int):
        return self.model.row_object(index)

    def rows(self) -> list:
        return [self.model.row_object(i) for i in range(self.model.rowCount())]

    def selected_rows(self) -> list:
        return selected_objects(self.table)

    def current_row(self):
        return current_object(self.table)

    def select_reminder(self, reminder_id: int) -> bool:
        return select_object(self.table, reminder_id)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    def _on_activated(self, index) -> None:
        row = self.model.row_object(index.row())
        if row is not None:
            self.activated.emit(row)
