"""DateTimeEdit: a Jalali date and a time of day side by side (an interview, a follow-up), each
with its own Persian message under it; ``value()`` is a datetime, or None when both are empty.
A date without a time (or a time without a date) is refused with a message, never guessed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from crm_desktop.reminders.views.time_edit import TimeEdit
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit


class DateTimeEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, name: str, field_name: str,
                 today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName(name)
        self.field_name = field_name
        self.date = JalaliDateEdit(self, name=f"{name}.date", field_name=field_name, today=today)
        self.time = TimeEdit(self, name=f"{name}.time", field_name=f"ساعت {field_name}", optional=True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        label = QLabel("ساعت:", self)
        label.setBuddy(self.time)
        row.addWidget(label)
        row.addWidget(self.time)
        row.addStretch(1)
        self.setFocusProxy(self.date)
        self.date.dateChanged.connect(lambda _d: self.changed.emit())
        self.time.timeChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> datetime | None:
        day, at = self.date.date(), self.time.time()
        return datetime.combine(day, at) if day is not None and at is not None else None

    def setValue(self, value: datetime | None) -> None:  # noqa: N802 - Qt naming
        self.date.setDate(value.date() if value else None)
        self.time.setTime(value.time().replace(microsecond=0) if value else None)

    def text(self) -> str:
        return f"{self.date.text()} {self.time.text()}".strip()

    def validate(self) -> bool:
        """Both parts right, or both empty; otherwise the message under the part that is missing."""
        good = self.date.validate() & self.time.validate()
        if not good:
            return False
        if self.date.text().strip() and not self.time.text().strip():
            self.time.set_external_error(f"ساعت {self.field_name} را بنویسید.")
            return False
        if self.time.text().strip() and not self.date.text().strip():
            self.date.set_external_error(f"تاریخ {self.field_name} را بنویسید.")
            return False
        return True

    def set_external_error(self, message: str) -> None:
        self.date.set_external_error(message)

    def shown_error(self) -> str:
        return self.date.shown_error() or self.time.shown_error()
