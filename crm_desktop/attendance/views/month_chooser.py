"""MonthChooser: a Jalali month — «ماه قبل», the month's name, the year, «ماه بعد», «این ماه» —
this month by default.

    chooser = MonthChooser(today)
    chooser.monthChanged.connect(lambda year, month: ...)
    chooser.set_month(1404, 8); chooser.step(-1); chooser.month() -> (1404, 7)
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QToolButton, QWidget

from crm_desktop.core import jalali

FIRST_YEAR, LAST_YEAR = 1350, 1430


class MonthChooser(QWidget):
    monthChanged = Signal(int, int)  # Jalali year, month

    def __init__(self, today: date, parent: QWidget | None = None, *, name: str = "attendance.month"):
        super().__init__(parent)
        self.setObjectName(name)
        self.today = today
        year, month, _ = jalali.to_jalali(today)
        self.prev_button = self._button("› ماه قبل", f"{name}.prev", lambda: self.step(-1))
        self.next_button = self._button("ماه بعد ‹", f"{name}.next", lambda: self.step(1))
        self.this_button = self._button("این ماه", f"{name}.this", self.go_this_month)
        self.month_box = QComboBox(self)
        self.month_box.setObjectName(f"{name}.name")
        self.month_box.setAccessibleName("ماه")
        self.month_box.addItems(list(jalali.MONTH_NAMES[1:13]))
        self.year_box = QSpinBox(self)
        self.year_box.setObjectName(f"{name}.year")
        self.year_box.setAccessibleName("سال")
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_box.setLayoutDirection(Qt.LeftToRight)
        self.year_box.setAlignment(Qt.AlignCenter)
        self.year_box.setGroupSeparatorShown(False)
        self._year, self._month = year, month
        self.month_box.setCurrentIndex(month - 1)
        self.year_box.setValue(year)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.prev_button, self.month_box, self.year_box, self.next_button, self.this_button):
            layout.addWidget(widget)
        self.month_box.currentIndexChanged.connect(lambda _i: self._picked())
        self.year_box.valueChanged.connect(lambda _v: self._picked())
        self._update_this()

    def _button(self, text: str, name: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def month(self) -> tuple[int, int]:
        return self._year, self._month

    def set_month(self, year: int, month: int) -> None:
        year = max(FIRST_YEAR, min(LAST_YEAR, year))
        if (year, month) == (self._year, self._month):
            return
        self._year, self._month = year, month
        for box in (self.month_box, self.year_box):
            box.blockSignals(True)
        self.month_box.setCurrentIndex(month - 1)
        self.year_box.setValue(year)
        for box in (self.month_box, self.year_box):
            box.blockSignals(False)
        self._update_this()
        self.monthChanged.emit(year, month)

    def step(self, months: int) -> None:
        self.set_month(*jalali.add_jalali_months(self._year, self._month, months))

    def go_this_month(self) -> None:
        year, month, _ = jalali.to_jalali(self.today)
        self.set_month(year, month)

    def set_today(self, today: date) -> None:
        self.today = today
        self._update_this()

    def _picked(self) -> None:
        self.set_month(self.year_box.value(), self.month_box.currentIndex() + 1)

    def _update_this(self) -> None:
        year, month, _ = jalali.to_jalali(self.today)
        self.this_button.setEnabled((year, month) != (self._year, self._month))
