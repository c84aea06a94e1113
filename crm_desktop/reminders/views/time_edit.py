"""TimeEdit: a time of day typed in any digit script («۹:۳۰», «09:30», «٠٩:٣٠», «9»), shown back
as «۰۹:۳۰»; «25:00» or «9:75» keep their text, turn red and get core's Persian message."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from crm_desktop.core import jalali
from crm_desktop.ui.validated_field import ValidatedField


class TimeEdit(ValidatedField):
    timeChanged = Signal(object)  # datetime.time or None

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None, field_name: str = "ساعت",
                 optional: bool = False):
        super().__init__(parent, name=name, field_name=field_name, optional=optional)
        self.edit.setAlignment(Qt.AlignCenter)
        self.edit.setMaxLength(12)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("۰۰:۰۰:۰۰") + 28)
        self.edit.setPlaceholderText("۰۹:۳۰")
        self.row.addStretch(1)

    def _parse(self, text: str) -> time:
        return jalali.parse_time(text, self.field_name)

    def _display(self, value: time) -> str:
        return jalali.format_time(value, seconds=bool(value.second))

    def _value_changed(self, value) -> None:
        self.timeChanged.emit(value)

    def time(self) -> time | None:
        return self._check(self.edit.text())[0]

    def setTime(self, value: time | None) -> None:  # noqa: N802 - Qt naming
        self._set_value(value)
