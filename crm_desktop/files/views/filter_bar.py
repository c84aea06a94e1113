"""A kind's filters: one search line (file number, name, phone, national code, referrer — the
phonebook's own matching, any digit script), the state (a customer's stage, an applicant's
status), the unit for personnel, and a registration date range. ``changed`` fires once per
edit; ``query()`` is the FileFilter the table and the printed list use.

    bar = FileFilterBar(office, "personnel", today=lambda: date.today())
    bar.changed.connect(lambda: model.reset(FileSource(office.files, bar.query())))
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from crm_desktop.files.model import PERSONNEL, STATES
from crm_desktop.files.repo_search import FileFilter
from crm_desktop.files.views.common import STATE_TITLE
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.search_line import SearchLine

ALL_UNITS = "همهٔ واحدها"
ALL_STATES = {"personnel": "همهٔ پرسنل", "customer": "همهٔ مرحله‌ها", "applicant": "همهٔ وضعیت‌ها"}
SEARCH_HINT = "شماره پرونده، نام، تلفن، کد ملی یا معرف… (Ctrl+F)"


class FileFilterBar(QWidget):
    changed = Signal()

    def __init__(self, office, kind: str, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.office = office
        self.kind = kind
        self.setObjectName(f"files.{kind}.filters")
        self._quiet = 0
        self.search = SearchLine(self, name=f"files.{kind}.search")
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setAccessibleName("جستجوی پرونده‌ها")
        self.state = QComboBox(self)
        self.state.setObjectName(f"files.{kind}.state")
        self.state.setAccessibleName(STATE_TITLE[kind])
        self.state.addItem(ALL_STATES[kind], None)
        for key, text in STATES[kind].items():
            self.state.addItem(text, key)
        self.unit = None
        if kind == PERSONNEL:
            self.unit = QComboBox(self)
            self.unit.setObjectName(f"files.{kind}.unit")
            self.unit.setAccessibleName("واحد")
            self.unit.setMinimumContentsLength(8)
            self.reload_units()
        self.registered_from = JalaliDateEdit(self, name=f"files.{kind}.registered_from", field_name="ثبت از",
                                              today=today)
        self.registered_to = JalaliDateEdit(self, name=f"files.{kind}.registered_to", field_name="ثبت تا",
                                            today=today)
        self.clear_button = QPushButton("پاک کردن فیلترها", self)
        self.clear_button.setObjectName(f"files.{kind}.clear_filters")
        self.clear_button.clicked.connect(self.clear)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.search, 3)
        row.addWidget(self.state, 1)
        if self.unit is not None:
            row.addWidget(self.unit, 1)
        for text, edit in (("ثبت از:", self.registered_from), ("تا:", self.registered_to)):
            label = QLabel(text, self)
            label.setBuddy(edit)
            row.addWidget(label)
            row.addWidget(edit)
        row.addWidget(self.clear_button)

        self._emit = QTimer(self)  # a burst of edits (clear) makes one change
        self._emit.setSingleShot(True)
        self._emit.setInterval(0)
        self._emit.timeout.connect(self.changed)
        self.search.searchChanged.connect(lambda _t: self._changed())
        self.state.currentIndexChanged.connect(lambda _i: self._changed())
        if self.unit is not None:
            self.unit.currentIndexChanged.connect(lambda _i: self._changed())
        for edit in (self.registered_from, self.registered_to):
            edit.dateChanged.connect(lambda _d: self._changed())

    def reload_units(self) -> None:
        if self.unit is None:
            return
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(ALL_UNITS, None)
        for unit in self.office.files.units():
            self.unit.addItem(unit, unit)
        self.unit.setCurrentIndex(max(0, self.unit.findData(current)) if current else 0)
        self.unit.blockSignals(False)

    def _changed(self) -> None:
        if not self._quiet:
            self._emit.start()

    def query(self) -> FileFilter:
        return FileFilter(self.kind, text=self.search.query(), state=self.state.currentData(),
                          unit=self.unit.currentData() if self.unit is not None else None,
                          registered_from=self.registered_from.date(), registered_to=self.registered_to.date())

    def is_empty(self) -> bool:
        return self.query().is_empty()

    def clear(self) -> None:
        self._quiet += 1
        try:
            self.search.set_query("", emit=False)
            self.state.setCurrentIndex(0)
            if self.unit is not None:
                self.unit.setCurrentIndex(0)
            self.registered_from.setDate(None)
            self.registered_to.setDate(None)
        finally:
            self._quiet -= 1
        self._emit.start()
