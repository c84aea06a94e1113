"""The office's month: every member of staff's totals for the Jalali month, in Persian order of
their names (former staff only when the month has their records), and each one's entitled leave
left for the year — the printed summary's figures (``report_data.month_summary``: up to today in
the month under way). A double-click (or Enter) on a person opens their month
(``personActivated``).

    page = SummaryPage()
    page.load(office, 1404, 8, today)
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from crm_desktop.attendance.compute import hm
from crm_desktop.attendance.report_data import duration, month_summary
from crm_desktop.attendance.views.common import ABSENT_COLOUR, LRI, PDI, minutes_text
from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.ui.lazy_table import CENTER_ALIGN, Column, LazyTableModel, ListSource, setup_table_view

FOREGROUND_ROLE = int(Qt.ForegroundRole)


def _days(value) -> str:
    if not value:
        return ""
    return format_number(int(value)) if value == int(value) else to_persian(f"{value:g}")


def _name(line) -> str:
    return line.name if line.state == "active" else f"{line.name} (پایان همکاری)"


def _minutes(name: str):
    return lambda line: minutes_text(getattr(line.totals, name))


def summary_columns() -> list[Column]:
    return [
        Column("name", "نام", _name),
        Column("number", "شماره پرونده", lambda r: f"{LRI}{r.number}{PDI}", CENTER_ALIGN),
        Column("working_days", "روز کاری", lambda r: format_number(r.totals.working_days), CENTER_ALIGN),
        Column("expected", "موظف", lambda r: hm(r.totals.expected), CENTER_ALIGN),
        Column("worked", "کارکرد", lambda r: hm(r.totals.worked), CENTER_ALIGN),
        Column("late", "تأخیر", _minutes("late"), CENTER_ALIGN),
        Column("early", "تعجیل", _minutes("early"), CENTER_ALIGN),
        Column("overtime", "اضافه‌کار", _minutes("overtime"), CENTER_ALIGN),
        Column("absent_days", "غیبت (روز)", lambda r: _days(r.totals.absent_days), CENTER_ALIGN),
        Column("leave", "مرخصی", _minutes("leave"), CENTER_ALIGN),
        Column("mission", "ماموریت", _minutes("mission"), CENTER_ALIGN),
        Column("balance", "مانده مرخصی سال", lambda r: duration(r.balance, "۰"), CENTER_ALIGN),
    ]


class SummaryModel(LazyTableModel):
    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if role == FOREGROUND_ROLE and index.isValid() and self.columns[index.column()].key == "absent_days":
            row = self.row_object(index.row())
            return QBrush(ABSENT_COLOUR) if row is not None and row.totals.absent_days else None
        return super().data(index, role)


class SummaryPage(QWidget):
    personActivated = Signal(int)  # file id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = self.month = None
        self.model = SummaryModel(summary_columns(), ListSource([]), self)
        self.table = QTableView(self)
        self.table.setObjectName("attendance.summary")
        self.table.setAccessibleName("خلاصه ماه دفتر")
        setup_table_view(self.table, self.model, sortable=False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        widths = {"number": 80, "working_days": 60, "absent_days": 72, "balance": 124}
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, widths.get(column.key, 66))
        header.setSectionResizeMode(self.model.column_index("name"), QHeaderView.Stretch)  # the rest fits
        self.table.activated.connect(self._activated)
        self.footer = QLabel(self)
        self.footer.setObjectName("attendance.summary.footer")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)

    def load(self, office, year: int, month: int, today) -> None:
        self.year, self.month = year, month
        self.summary = month_summary(office, year, month, today=today)
        self.model.reset(ListSource(self.summary.lines))
        t = self.summary.totals
        text = f"{format_number(len(self.summary.lines))} نفر — کارکرد همه: {hm(t.worked)} از {hm(t.expected)} موظف"
        if t.absent_days:
            text += f" — غیبت: {format_number(t.absent_days)} روز"
        self.footer.setText(text + (" (تا امروز)" if self.summary.through else ""))

    def rows(self) -> list:
        return [self.model.row_object(i) for i in range(self.model.rowCount())]

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_object(index.row()) if index.isValid() else None
        if row is not None:
            self.personActivated.emit(row.file_id)
