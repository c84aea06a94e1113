"""A person's Jalali month: a row for each day — date, weekday, holiday (its name in red),
entries and exits, worked, late, early exit, overtime, absence, leave, mission — holidays and
Fridays shaded, today in bold; beneath, the month's totals and what is left of the year's leave.
The figures are the printed timesheet's (``report_data.timesheet``): a day still to come is no
absence yet. A double-click (or Enter) on a day asks to edit it (``dayActivated``).

    page = MonthPage()
    page.load(office.attendance, file_id, 1404, 8, today)
    page.dayActivated.connect(...)   # a date
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from crm_desktop.attendance.compute import Totals, hm
from crm_desktop.attendance.report_data import duration, timesheet
from crm_desktop.attendance.views.common import (
    ABSENT_COLOUR,
    HOLIDAY_FILL,
    LATE_COLOUR,
    RED,
    day_text,
    leave_type_text,
    minutes_text,
    pairs_text,
    span_text,
)
from crm_desktop.core import jalali
from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.ui.flow_layout import FlowLayout
from crm_desktop.ui.lazy_table import CENTER_ALIGN, Column, LazyTableModel, ListSource, setup_table_view

BACKGROUND_ROLE, FOREGROUND_ROLE, FONT_ROLE = int(Qt.BackgroundRole), int(Qt.ForegroundRole), int(Qt.FontRole)


def _holiday(row) -> str:
    name = row.result.holiday
    return "" if name == "جمعه" else name


def _punches(row) -> str:
    text = pairs_text(row.pairs(), row.day)
    return f"{text} (ناقص)" if row.result.incomplete else text


def _leave(row) -> str:
    daily = [leave for leave in row.leaves if not leave.hourly]
    if daily:
        return f"روزانه ({leave_type_text(daily[0].leave_type)})"
    return minutes_text(row.result.leave)


def _mission(row) -> str:
    if any(not m.hourly for m in row.missions):
        return "روزانه"
    return minutes_text(row.result.mission)


def _leave_tip(row) -> str:
    lines = []
    for leave in row.leaves:
        when = span_text(leave.start, leave.end) if leave.hourly else "روزانه"
        lines.append(f"مرخصی {leave_type_text(leave.leave_type)}، {when}" + (f" — {leave.note}" if leave.note else ""))
    return "\n".join(lines)


def _mission_tip(row) -> str:
    return "\n".join(f"ماموریت {span_text(m.start, m.end) if m.hourly else 'روزانه'}"
                     + (f" — {m.place}" if m.place else "") for m in row.missions)


def _minutes(name: str):
    return lambda row: minutes_text(getattr(row.result, name))


def day_columns() -> list[Column]:
    return [
        Column("date", "تاریخ", lambda r: day_text(r.day), CENTER_ALIGN),
        Column("weekday", "روز", lambda r: jalali.WEEKDAY_NAMES[jalali.weekday(r.day)]),
        Column("holiday", "تعطیلی", _holiday, tooltip=_holiday),
        Column("punches", "ورود و خروج", _punches, tooltip=lambda r: _punches(r).replace("، ", "\n")),
        Column("worked", "کارکرد", _minutes("worked"), CENTER_ALIGN),
        Column("late", "تأخیر", _minutes("late"), CENTER_ALIGN),
        Column("early", "تعجیل", _minutes("early"), CENTER_ALIGN),
        Column("overtime", "اضافه‌کار", _minutes("overtime"), CENTER_ALIGN),
        Column("absent", "غیبت", _minutes("absent"), CENTER_ALIGN),
        Column("leave", "مرخصی", _leave, CENTER_ALIGN, tooltip=_leave_tip),
        Column("mission", "ماموریت", _mission, CENTER_ALIGN, tooltip=_mission_tip),
    ]


class DaysModel(LazyTableModel):
    """The shared lazy table over the month's 29–31 rows, with holidays shaded and red."""

    def __init__(self, parent=None):
        super().__init__(day_columns(), ListSource([]), parent)
        self.today: date | None = None
        self._bold = None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if role in (BACKGROUND_ROLE, FOREGROUND_ROLE, FONT_ROLE) and index.isValid():
            row = self.row_object(index.row())
            if row is None:
                return None
            key = self.columns[index.column()].key
            if role == BACKGROUND_ROLE:
                return QBrush(HOLIDAY_FILL) if row.result.holiday else None
            if role == FOREGROUND_ROLE:
                if key == "holiday" or (key == "weekday" and row.result.holiday):
                    return QBrush(RED)
                if key == "absent" and row.result.absent:
                    return QBrush(ABSENT_COLOUR)
                if key in ("late", "early") and getattr(row.result, key):
                    return QBrush(LATE_COLOUR)
                return None
            if row.day == self.today:
                if self._bold is None:
                    self._bold = QFont()
                    self._bold.setBold(True)
                return self._bold
            return None
        return super().data(index, role)


def read_month(office, file_id: int, year: int, month: int, today: date):
    """The person's month as the printed timesheet has it (``report_data.Timesheet``)."""
    return timesheet(office, file_id, year, month, today=today)


TOTALS = (  # key, title
    ("expected", "موظف"), ("worked", "کارکرد"), ("late", "تأخیر"), ("early", "تعجیل"), ("overtime", "اضافه‌کار"),
    ("absent", "غیبت"), ("leave", "مرخصی"), ("mission", "ماموریت"))


def totals_texts(totals: Totals) -> dict[str, str]:
    """«۱۷۶:۰۰» per total; absence and leave also in days."""
    texts = {key: hm(getattr(totals, key)) for key, _title in TOTALS}
    if totals.absent_days:
        texts["absent"] += f" ({format_number(totals.absent_days)} روز)"
    if totals.leave_days:
        days = totals.leave_days
        shown = format_number(int(days)) if days == int(days) else to_persian(f"{days:g}")
        texts["leave"] += f" ({shown} روز استحقاقی)"
    return texts


class MonthPage(QWidget):
    dayActivated = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = None  # report_data.Timesheet of the month shown
        self.model = DaysModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("attendance.table")
        self.table.setAccessibleName("کارکرد روزهای ماه")
        setup_table_view(self.table, self.model, sortable=False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        widths = {"date": 86, "weekday": 66, "holiday": 112, "leave": 112, "mission": 64}
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, widths.get(column.key, 56))
        header.setSectionResizeMode(self.model.column_index("punches"), QHeaderView.Stretch)
        self.table.activated.connect(self._activated)

        self.totals = QWidget(self)
        self.totals.setObjectName("attendance.totals")
        lines = FlowLayout(self.totals, h_spacing=18, v_spacing=2)
        lines.setContentsMargins(4, 2, 4, 2)
        self.totals_title = QLabel(self.totals)
        self.totals_title.setObjectName("attendance.total.title")
        bold = self.totals_title.font()
        bold.setBold(True)
        self.totals_title.setFont(bold)
        lines.addWidget(self.totals_title)
        self.total_labels: dict[str, QLabel] = {}
        for key, title in TOTALS:
            label = QLabel(self.totals)
            label.setObjectName(f"attendance.total.{key}")
            label.setTextFormat(Qt.RichText)
            label.setToolTip(title)
            lines.addWidget(label)
            self.total_labels[key] = label
        self.balance = QLabel(self.totals)
        self.balance.setObjectName("attendance.balance")
        self.balance.setTextFormat(Qt.RichText)
        lines.addWidget(self.balance)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

    def load(self, office, file_id: int | None, year: int, month: int, today: date) -> None:
        current = self.current_day()
        self.model.today = today
        self.data = read_month(office, file_id, year, month, today) if file_id is not None else None
        self.model.reset(ListSource(self.data.days if self.data else []))
        self._show_totals()
        if current is not None:
            self.select_day(current)

    def clear(self) -> None:
        self.data = None
        self.model.reset(ListSource([]))
        self._show_totals()

    def _show_totals(self) -> None:
        if self.data is None:
            for label in (self.totals_title, *self.total_labels.values(), self.balance):
                label.setText("")
            return
        self.totals_title.setText("جمع ماه تا امروز:" if self.data.through else "جمع ماه:")
        texts = totals_texts(self.data.totals)
        for key, title in TOTALS:
            self.total_labels[key].setText(f"{title}: <b>{texts[key]}</b>")
        self.balance.setText(f"مانده مرخصی سال {to_persian(self.data.year)}: <b>{duration(self.data.balance, '۰')}</b>"
                             f" (استحقاقی تا پایان ماه: {duration(self.data.year_used, '۰')})")

    def rows(self) -> list:
        return self.data.days if self.data else []

    def row_for(self, day: date):
        return next((r for r in self.rows() if r.day == day), None)

    def current_day(self) -> date | None:
        index = self.table.currentIndex()
        row = self.model.row_object(index.row()) if index.isValid() else None
        return row.day if row is not None else None

    def select_day(self, day: date) -> bool:
        for i, row in enumerate(self.rows()):
            if row.day == day:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return True
        return False

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_object(index.row()) if index.isValid() else None
        if row is not None:
            self.dayActivated.emit(row.day)
