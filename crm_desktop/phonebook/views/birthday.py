"""The birthday field: a Jalali date, or — with «بدون سال» ticked — a Jalali day and month only.

A birthday without a year is stored the way vCards write it, Gregorian ``--MM-DD``. A Jalali day
and month is turned into Gregorian through the Jalali year 1403 (the one that has Esfand 30), and
back through whichever of 2024/2025 falls in 1403, so a typed day and month always come back the
same (only Esfand 30 = --03-20 reads back as 1 Farvardin, and --02-29 as 10 Esfand)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit

NO_YEAR_TEXT = "بدون سال"
_REFERENCE_YEAR = 1403


def month_day_to_store(month: int, day: int) -> str:
    """Jalali month/day → Gregorian ``--MM-DD``."""
    day = min(day, jalali.month_length(_REFERENCE_YEAR, month))
    g = jalali.from_jalali(_REFERENCE_YEAR, month, day)
    return f"--{g.month:02d}-{g.day:02d}"


def store_to_month_day(stored: str) -> tuple[int, int]:
    """Gregorian ``--MM-DD`` → Jalali (month, day)."""
    month, day = int(stored[2:4]), int(stored[5:7])
    for year in (2024, 2025):
        try:
            g = date(year, month, day)
        except ValueError:
            continue
        y, m, d = jalali.to_jalali(g)
        if y == _REFERENCE_YEAR:
            return m, d
    _, m, d = jalali.to_jalali(date(2024, month, min(day, 28) if month == 2 and day > 29 else day))
    return m, d


class _PersianSpin(QSpinBox):
    def textFromValue(self, value: int) -> str:  # noqa: N802
        return to_persian(value)


class BirthdayEdit(QWidget):
    """``value()`` is the stored form: None, ``YYYY-MM-DD`` or ``--MM-DD``."""

    def __init__(self, parent: QWidget | None = None, *, today=date.today):
        super().__init__(parent)
        self.setObjectName("contact.birthday")
        self.date_edit = JalaliDateEdit(self, name="contact.birthday.date", field_name="تاریخ تولد", today=today)
        self.date_edit.set_range(None, today())
        self.no_year = QCheckBox(NO_YEAR_TEXT, self)
        self.no_year.setObjectName("contact.birthday.no_year")
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
        self.day.setMaximum(jalali.month_length(_REFERENCE_YEAR, self.month.currentData()))

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
            return month_day_to_store(self.month.currentData(), self.day.value())
        d = self.date_edit.date()
        return jalali.iso_date(d) if d else None

    def set_value(self, stored: str | None) -> None:
        if stored and stored.startswith("--"):
            month, day = store_to_month_day(stored)
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
