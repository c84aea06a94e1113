"""The birthday field: a Jalali date, or — with «بدون سال» ticked — a Jalali day and month only.

A birthday without a year is stored the way vCards write it, Gregorian ``--MM-DD``, and turned
to and from a Jalali day and month by ``model.no_year_to_jalali`` / ``model.jalali_to_no_year``
(through the Jalali year 1403), the same pair the card, the reminders and the export use. A
stored value the operator did not change is given back as it was loaded, also the two that do not
go both ways (--02-29 shows as 10 Esfand; 30 Esfand is stored as --03-20 and reads back as
1 Farvardin)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.phonebook.model import OLDEST_BIRTHDAY, jalali_to_no_year, no_year_month_length, no_year_to_jalali
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit

NO_YEAR_TEXT = "بدون سال"


class _PersianSpin(QSpinBox):
    def textFromValue(self, value: int) -> str:  # noqa: N802
        return to_persian(value)


class BirthdayEdit(QWidget):
    """``value()`` is the stored form: None, ``YYYY-MM-DD`` or ``--MM-DD``."""

    def __init__(self, parent: QWidget | None = None, *, today=date.today):
        super().__init__(parent)
        self.setObjectName("contact.birthday")
        self.date_edit = JalaliDateEdit(self, name="contact.birthday.date", field_name="تاریخ تولد", today=today)
        self.date_edit.set_range(OLDEST_BIRTHDAY, today())  # 1300/01/01: an earlier year is a typo
        self.no_year = QCheckBox(NO_YEAR_TEXT, self)
        self.no_year.setObjectName("contact.birthday.no_year")
        self._loaded: tuple[str, int, int] | None = None  # a stored '--MM-DD' and the month/day it showed as
        self.day = _PersianSpin(self)
        self.day.setObjectName("contact.birthday.day")
        self.day.setRange(1, 31)
        self.day.setLayoutDirection(Qt.LeftToRight)
        self.month = QComboBox(self)
        self.month.setObjectName("contact.birthday.month")
        for number in range(1, 13):
            self.month.addItem(jalali.MONTH_NAMES[number], number)
        self.month.currentIndexChanged.connect(self._fit_day)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_edit, 0, Qt.AlignTop)
        row.addWidget(self.day, 0, Qt.AlignTop)
        row.addWidget(self.month, 0, Qt.AlignTop)
        row.addWidget(self.no_year, 0, Qt.AlignTop)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row)
        self.no_year.toggled.connect(self._show_mode)
        self._show_mode(False)

    def _fit_day(self) -> None:
        self.day.setMaximum(no_year_month_length(self.month.currentData()))

    def _show_mode(self, no_year: bool) -> None:
        if no_year and self.date_edit.date() is not None:
            _, m, d = jalali.to_jalali(self.date_edit.date())
            self.month.setCurrentIndex(m - 1)
            self.day.setValue(d)
        self.date_edit.setVisible(not no_year)
        self.day.setVisible(no_year)
        self.month.setVisible(no_year)

    def validate(self) -> bool:
        return True if self.no_year.isChecked() else self.date_edit.validate()

    def value(self) -> str | None:
        if self.no_year.isChecked():
            month, day = self.month.currentData(), self.day.value()
            if self._loaded is not None and self._loaded[1:] == (month, day):
                return self._loaded[0]  # unchanged: never rewritten (--02-29 stays --02-29)
            return jalali_to_no_year(month, day)
        d = self.date_edit.date()
        return jalali.iso_date(d) if d else None

    def set_value(self, stored: str | None) -> None:
        self._loaded = None
        month_day = None
        if stored and stored.startswith("--"):
            try:
                month_day = no_year_to_jalali(stored)
            except ValueError:
                stored = None
        if month_day is not None:
            month, day = month_day
            self._loaded = (stored, month, day)
            self.no_year.setChecked(True)
            self.month.setCurrentIndex(month - 1)
            self.day.setValue(day)
            self.date_edit.setDate(None)
        else:
            self.no_year.setChecked(False)
            try:
                self.date_edit.setDate(jalali.from_iso(stored) if stored else None)
            except ValueError:
                self.date_edit.setDate(None)

    def state(self) -> tuple:
        if self.no_year.isChecked():
            return ("no-year", self.month.currentIndex(), self.day.value())
        return ("date", self.date_edit.text())
