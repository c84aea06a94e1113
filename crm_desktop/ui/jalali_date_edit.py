"""JalaliDateEdit: type a Jalali date in any digit script, or pick it on a Jalali calendar.

«۱۴۰۳/۷/۱۵», «1403-07-15», «١٤٠٣/٠٧/١٥» are all shown back as «۱۴۰۳/۰۷/۱۵» on editing finished.
A date that does not exist (1404/12/30, 1403/13/01) or garbage is never changed or guessed: the
text stays as typed, the field turns red and core's Persian message shows under it.

Keys in the field: Up/Down one day later/earlier, PageUp/PageDown one month, F4 or Alt+Down
opens the calendar. The popup has «امروز» (today) and, for an optional field, «پاک کردن».
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from crm_desktop.core import jalali
from crm_desktop.errors import ValidationError
from crm_desktop.ui.jalali_calendar import (
    calendar_icon,
    from_qdate,
    make_jalali_calendar,
    mark_today,
    paint_iranian_weekend,
    to_qdate,
)
from crm_desktop.ui.validated_field import ValidatedField

__all__ = ["JalaliDateEdit", "CalendarPopup", "make_jalali_calendar", "paint_iranian_weekend"]

TODAY_TEXT = "امروز"
CLEAR_TEXT = "پاک کردن"
PICK_TOOLTIP = "انتخاب از تقویم (F4)"


class CalendarPopup(QFrame):
    """The drop-down under a JalaliDateEdit: a Jalali calendar and «امروز» / «پاک کردن»."""

    picked = Signal(object)  # datetime.date, or None for «پاک کردن»

    def __init__(self, parent: QWidget, *, today: date, optional: bool):
        super().__init__(parent, Qt.Popup)
        self.setFrameShape(QFrame.StyledPanel)
        self.setLayoutDirection(Qt.RightToLeft)
        self._today = today
        self.calendar = make_jalali_calendar(self, today=today)
        self.calendar.setObjectName("calendar_popup.calendar")
        self.calendar.activated.connect(lambda qd: self._pick(from_qdate(qd)))
        self.calendar.clicked.connect(lambda qd: self._pick(from_qdate(qd)))
        self.today_button = QPushButton(TODAY_TEXT, self)
        self.today_button.setObjectName("calendar_popup.today")
        self.today_button.clicked.connect(lambda: self._pick(self._today))
        buttons = QHBoxLayout()
        buttons.addWidget(self.today_button)
        buttons.addStretch(1)
        self.clear_button = None
        if optional:
            self.clear_button = QPushButton(CLEAR_TEXT, self)
            self.clear_button.setObjectName("calendar_popup.clear")
            self.clear_button.clicked.connect(lambda: self._pick(None))
            buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.calendar)
        layout.addLayout(buttons)

    def _pick(self, value: date | None) -> None:
        self.hide()
        self.picked.emit(value)

    def open_at(self, anchor: QWidget, current: date | None) -> None:
        """Show under ``anchor``, lined up with its right edge (the start of an RTL row)."""
        self.calendar.setSelectedDate(to_qdate(current or self._today))
        self.adjustSize()
        bottom_right = anchor.mapToGlobal(QPoint(anchor.width(), anchor.height()))
        top_left = QPoint(bottom_right.x() - self.width(), bottom_right.y() + 1)
        screen = QGuiApplication.screenAt(bottom_right) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            if top_left.y() + self.height() > area.bottom():  # no room below: open above
                top_left.setY(anchor.mapToGlobal(QPoint(0, 0)).y() - self.height() - 1)
            top_left.setX(max(area.left(), min(top_left.x(), area.right() - self.width())))
        self.move(top_left)
        self.show()
        self.calendar.setFocus(Qt.PopupFocusReason)


class JalaliDateEdit(ValidatedField):
    """A Jalali date field. ``date()`` is a ``datetime.date`` (Gregorian inside, Jalali shown) or
    None when empty or invalid; ``dateChanged(object)`` carries the same."""

    dateChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None, field_name: str = "تاریخ",
                 optional: bool = True, today: Callable[[], date] = date.today):
        self._today = today
        self._minimum: date | None = None
        self._maximum: date | None = None
        self._popup: CalendarPopup | None = None
        super().__init__(parent, field_name=field_name, optional=optional)
        self.edit.setAlignment(Qt.AlignCenter)
        self.edit.setMaxLength(24)
        self.edit.setToolTip("")
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("۱۴۰۳/۰۷/۱۵") + 48)
        self.button = QToolButton(self)
        self.button.setIcon(calendar_icon())
        self.button.setToolTip(PICK_TOOLTIP)
        self.button.setFocusPolicy(Qt.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self.row.addWidget(self.button)
        self.row.addStretch(1)  # a date stays compact; the message below gets the full width
        self.edit.installEventFilter(self)
        if name:
            self.set_name(name)

    def set_name(self, name: str) -> None:
        super().set_name(name)
        if hasattr(self, "button"):
            self.button.setObjectName(f"{name}.calendar")

    # -- value --------------------------------------------------------------------------------
    def _parse(self, text: str) -> date:
        value = jalali.parse_date(text, self.field_name)
        if self._minimum is not None and value < self._minimum:
            raise ValidationError(
                f"{self.field_name}: before {self._minimum}",
                f"{self.field_name}: نباید پیش از {jalali.format_date(self._minimum)} باشد.",
                self.field_name,
            )
        if self._maximum is not None and value > self._maximum:
            raise ValidationError(
                f"{self.field_name}: after {self._maximum}",
                f"{self.field_name}: نباید پس از {jalali.format_date(self._maximum)} باشد.",
                self.field_name,
            )
        return value

    def _display(self, value: date) -> str:
        return jalali.format_date(value)

    def _value_changed(self, value) -> None:
        self.dateChanged.emit(value)

    def date(self) -> date | None:
        """The date the text stands for now; None when empty or invalid (see ``is_valid()``)."""
        return self._check(self.edit.text())[0]

    def setDate(self, value: date | None) -> None:  # noqa: N802 - Qt naming
        """Show ``value`` («۱۴۰۳/۰۷/۱۵»), or empty the field for None."""
        self._set_value(value)

    def set_range(self, minimum: date | None = None, maximum: date | None = None) -> None:
        """Dates outside [minimum, maximum] get a Persian message (e.g. a birth date after today)."""
        self._minimum, self._maximum = minimum, maximum
        if self.edit.text().strip():
            self.validate()

    # -- calendar -----------------------------------------------------------------------------
    def popup(self) -> CalendarPopup:
        if self._popup is None:
            self._popup = CalendarPopup(self, today=self._today(), optional=self._optional)
            self._popup.setObjectName(f"{self.objectName() or 'date'}.popup")
            self._popup.picked.connect(self._on_picked)
        return self._popup

    def open_calendar(self) -> None:
        if self.edit.isReadOnly() or not self.isEnabled():
            return
        popup = self.popup()
        mark_today(popup.calendar, self._today())
        popup.open_at(self, self.date())

    def _on_picked(self, value: date | None) -> None:
        self._set_value(value)
        self.edit.setFocus(Qt.OtherFocusReason)

    # -- keys ---------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.KeyPress and not self.edit.isReadOnly():
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key_F4 or (key == Qt.Key_Down and mods & Qt.AltModifier):
                self.open_calendar()
                return True
            if mods & ~Qt.KeypadModifier:
                return False
            steps = {Qt.Key_Up: (1, 0), Qt.Key_Down: (-1, 0), Qt.Key_PageUp: (0, 1), Qt.Key_PageDown: (0, -1)}
            if key in steps:
                self.step(*steps[key])
                return True
        return super().eventFilter(watched, event)

    def step(self, days: int = 0, months: int = 0) -> None:
        """Move the date by days / Jalali months (an empty field starts from today; an invalid
        one is left alone). A month step keeps the day, or the month's last day if shorter."""
        text = self.edit.text()
        if text.strip() and not self.is_valid():
            self.validate()
            return
        current = self.date() or self._today()
        if months:
            y, m, d = jalali.to_jalali(current)
            y, m = jalali.add_jalali_months(y, m, months)
            current = jalali.from_jalali(y, m, min(d, jalali.month_length(y, m)))
        current += timedelta(days=days)
        self._set_value(current)
        self.edit.selectAll()
