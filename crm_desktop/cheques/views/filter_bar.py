"""The cheque tab's filters: Sayad ID or serial, direction, status, bank, counterparty, due and
registration date ranges, amount range, and two quick views — «سررسید این هفته» and «سررسید
گذشته» (cheques still waiting for their date). ``changed`` fires once per edit; ``query()`` is
the ChequeFilter the table and the footer use.

    bar = ChequeFilterBar(office, today=lambda: date.today())
    bar.changed.connect(lambda: table.reset(bar.query()))
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from crm_desktop.cheques import status as st
from crm_desktop.cheques.repo_search import ChequeFilter
from crm_desktop.phonebook.views.contact_picker import ContactPicker
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.money_edit import MoneyEdit
from crm_desktop.ui.search_line import SearchLine

PENDING_STATUSES = (st.IN_HAND, st.DEPOSITED, st.ISSUED)
WEEK = 7

# (label, statuses) in the order the status list offers them
STATUS_CHOICES = (
    ("همهٔ وضعیت‌ها", ()),
    ("در انتظار سررسید", PENDING_STATUSES),
    ("نزد صندوق", (st.IN_HAND,)),
    ("واگذار شده به بانک", (st.DEPOSITED,)),
    ("صادر شده", (st.ISSUED,)),
    ("وصول / پاس شده", (st.CLEARED,)),
    ("برگشت خورده", (st.BOUNCED,)),
    ("خرج شده", (st.SPENT,)),
    ("عودت به صاحب چک", (st.RETURNED,)),
    ("باطل", (st.VOID,)),
)
DIRECTION_CHOICES = (("دریافتی و پرداختی", None), ("دریافتی", st.RECEIVED), ("پرداختی", st.PAID))
ALL_BANKS = "همهٔ بانک‌ها"


class ChequeFilterBar(QWidget):
    changed = Signal()

    def __init__(self, office, parent: QWidget | None = None, *, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName("cheques.filters")
        self.office = office
        self.today = today
        self._quiet = 0

        self.search = SearchLine(self, name="cheques.search")
        self.search.setPlaceholderText("شناسه صیادی یا سریال… (Ctrl+F)")
        self.search.setAccessibleName("جستجوی شناسه صیادی یا سریال")
        self.direction = self._combo("cheques.direction", DIRECTION_CHOICES)
        self.status = self._combo("cheques.status", STATUS_CHOICES)
        self.bank = QComboBox(self)
        self.bank.setObjectName("cheques.bank")
        self.bank.setMinimumContentsLength(10)
        self.reload_banks()
        self.contact = ContactPicker(office, self, name="cheques.contact", allow_new=False)
        self.contact.edit.setPlaceholderText("طرف حساب (نام یا شماره)…")
        self.due_from = JalaliDateEdit(self, name="cheques.due_from", field_name="سررسید از", today=today)
        self.due_to = JalaliDateEdit(self, name="cheques.due_to", field_name="سررسید تا", today=today)
        self.registered_from = JalaliDateEdit(self, name="cheques.registered_from", field_name="ثبت از", today=today)
        self.registered_to = JalaliDateEdit(self, name="cheques.registered_to", field_name="ثبت تا", today=today)
        self.amount_min = MoneyEdit(self, name="cheques.amount_min", field_name="مبلغ از", show_words=False)
        self.amount_max = MoneyEdit(self, name="cheques.amount_max", field_name="مبلغ تا", show_words=False)
        self.week_button = QPushButton("سررسید این هفته", self)
        self.week_button.setObjectName("cheques.due_week")
        self.week_button.setToolTip("چک‌های در انتظار که از امروز تا هفت روز دیگر سررسید می‌شوند")
        self.week_button.clicked.connect(self.show_due_this_week)
        self.overdue_button = QPushButton("سررسید گذشته", self)
        self.overdue_button.setObjectName("cheques.overdue")
        self.overdue_button.setToolTip("چک‌هایی که سررسیدشان گذشته و هنوز وصول یا پاس نشده‌اند")
        self.overdue_button.clicked.connect(self.show_overdue)
        self.clear_button = QPushButton("پاک کردن فیلترها", self)
        self.clear_button.setObjectName("cheques.clear_filters")
        self.clear_button.clicked.connect(self.clear)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.search, 0, 0, 1, 2)
        grid.addWidget(self.direction, 0, 2)
        grid.addWidget(self.status, 0, 3)
        grid.addWidget(self.bank, 0, 4)
        grid.addWidget(self.contact, 0, 5, 1, 2)
        grid.addWidget(self._pair("سررسید از:", self.due_from, "تا:", self.due_to), 1, 0, 1, 2)
        grid.addWidget(self._pair("ثبت از:", self.registered_from, "تا:", self.registered_to), 1, 2, 1, 2)
        grid.addWidget(self._pair("مبلغ از:", self.amount_min, "تا:", self.amount_max), 1, 4, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.week_button)
        buttons.addWidget(self.overdue_button)
        buttons.addWidget(self.clear_button)
        grid.addLayout(buttons, 2, 0, 1, 7, Qt.AlignLeading)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(5, 2)

        # a burst of edits (a quick view sets five fields) makes one change
        self._emit = QTimer(self)
        self._emit.setSingleShot(True)
        self._emit.setInterval(0)
        self._emit.timeout.connect(self.changed)
        self.search.searchChanged.connect(lambda _t: self._changed())
        for combo in (self.direction, self.status, self.bank):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.contact.contactChanged.connect(lambda _c: self._changed())
        for edit in (self.due_from, self.due_to, self.registered_from, self.registered_to):
            edit.dateChanged.connect(lambda _d: self._changed())
        for edit in (self.amount_min, self.amount_max):
            edit.valueChanged.connect(lambda _v: self._changed())

    # -- building ----------------------------------------------------------------------------------
    def _combo(self, name: str, choices) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, data in choices:
            combo.addItem(text, data)
        return combo

    def _pair(self, first: str, a: QWidget, second: str, b: QWidget) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for text, widget in ((first, a), (second, b)):
            label = QLabel(text, box)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, 1)
        return box

    def reload_banks(self) -> None:
        current = self.bank.currentData()
        self.bank.blockSignals(True)
        self.bank.clear()
        self.bank.addItem(ALL_BANKS, None)
        for bank in self.office.cheques.banks(include_hidden=True):
            self.bank.addItem(bank.name, bank.key)
        self.bank.setCurrentIndex(max(0, self.bank.findData(current)) if current else 0)
        self.bank.blockSignals(False)

    # -- the query ---------------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._quiet:
            self._emit.start()

    def query(self) -> ChequeFilter:
        return ChequeFilter(
            direction=self.direction.currentData(), statuses=self.status.currentData() or (),
            bank=self.bank.currentData(), contact_id=self.contact.contact_id(),
            registered_from=self.registered_from.date(), registered_to=self.registered_to.date(),
            due_from=self.due_from.date(), due_to=self.due_to.date(),
            amount_min=self.amount_min.value(), amount_max=self.amount_max.value(), text=self.search.query())

    def is_empty(self) -> bool:
        return self.query() == ChequeFilter()

    def _set_status(self, statuses: tuple) -> None:
        index = next(i for i, (_t, data) in enumerate(STATUS_CHOICES) if data == statuses)
        self.status.setCurrentIndex(index)

    def _batch(self, apply: Callable[[], None]) -> None:
        self._quiet += 1
        try:
            apply()
        finally:
            self._quiet -= 1
        self._emit.start()

    def clear(self) -> None:
        def reset():
            self.search.set_query("", emit=False)
            for combo in (self.direction, self.status, self.bank):
                combo.setCurrentIndex(0)
            self.contact.clear()
            for edit in (self.due_from, self.due_to, self.registered_from, self.registered_to):
                edit.setDate(None)
            for edit in (self.amount_min, self.amount_max):
                edit.setValue(None)

        self._batch(reset)

    def show_due_this_week(self) -> None:
        """Cheques still waiting, due from today to seven days on."""
        today = self.today()
        self._batch(lambda: (self._set_status(PENDING_STATUSES), self.due_from.setDate(today),
                             self.due_to.setDate(today + timedelta(days=WEEK))))

    def show_overdue(self) -> None:
        """Cheques still waiting whose due date has passed."""
        today = self.today()
        self._batch(lambda: (self._set_status(PENDING_STATUSES), self.due_from.setDate(None),
                             self.due_to.setDate(today - timedelta(days=1))))
