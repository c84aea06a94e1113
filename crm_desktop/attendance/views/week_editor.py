"""WeekEditor: a work schedule's week, a row for each day from Saturday to Friday — «تعطیل», or
one or more shifts from–to (a shift that ends at or before its start runs past midnight and
says «(فردا)») — and the week's total hours beneath.

    week = WeekEditor()
    week.set_days(schedule.days)
    week.days()       # {weekday: (Shift, ...)}; ValidationError naming the day when a time is wrong
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from crm_desktop.attendance.compute import hm
from crm_desktop.attendance.model import WEEKDAYS, Shift
from crm_desktop.errors import ValidationError
from crm_desktop.reminders.views.time_edit import TimeEdit

NIGHT_HINT = "(فردا)"


class ShiftFields(QWidget):
    changed = Signal()
    removeRequested = Signal(object)

    def __init__(self, weekday: int, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        name = f"attendance.schedule.day{weekday}.shift{number}"
        self.setObjectName(name)
        day = WEEKDAYS[weekday]
        self.start = TimeEdit(self, name=f"{name}.from", field_name=f"{day}، از ساعت")
        self.end = TimeEdit(self, name=f"{name}.to", field_name=f"{day}، تا ساعت")
        self.night = QLabel(NIGHT_HINT, self)
        self.night.setObjectName(f"{name}.night")
        self.night.setToolTip("شیفت شب: پایان آن روز بعد است")
        self.remove = QToolButton(self)
        self.remove.setText("×")
        self.remove.setObjectName(f"{name}.remove")
        self.remove.setToolTip("حذف این شیفت")
        self.remove.setAutoRaise(True)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        row.addWidget(QLabel("از", self))
        row.addWidget(self.start)
        row.addWidget(QLabel("تا", self))
        row.addWidget(self.end)
        row.addWidget(self.night)
        row.addWidget(self.remove)
        for field in (self.start, self.end):
            field.timeChanged.connect(lambda _t: self._update())
        self._update()

    def set_shift(self, shift: Shift | None) -> None:
        self.start.setTime(shift.start if shift else None)
        self.end.setTime(shift.end if shift else None)
        self._update()

    def shift(self) -> Shift | None:
        """The shift, None when both fields are empty; ValidationError when a time is wrong."""
        for field in (self.start, self.end):
            if not field.validate():
                raise ValidationError("bad time", field.error_text(), field.field_name)
        a, b = self.start.time(), self.end.time()
        if a is None and b is None:
            return None
        if a is None or b is None:
            field = self.start if a is None else self.end
            raise ValidationError("a shift needs both times", f"{field.field_name}: ساعت را بنویسید.", field.field_name)
        if a == b:
            raise ValidationError("a shift needs a length", f"{self.start.field_name}: آغاز و پایان یکی است.",
                                  self.start.field_name)
        return Shift(a, b)

    def _update(self) -> None:
        a, b = self.start.time(), self.end.time()
        self.night.setVisible(a is not None and b is not None and b <= a and a != b)
        self.changed.emit()


class DayShifts(QWidget):
    """One weekday: «تعطیل» or its shifts, and «+ شیفت»."""

    changed = Signal()

    def __init__(self, weekday: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.weekday = weekday
        self.setObjectName(f"attendance.schedule.day{weekday}")
        self.off = QCheckBox("تعطیل", self)
        self.off.setObjectName(f"attendance.schedule.day{weekday}.off")
        self.add_button = QToolButton(self)
        self.add_button.setText("+ شیفت")
        self.add_button.setObjectName(f"attendance.schedule.day{weekday}.add")
        self.add_button.setToolTip("افزودن شیفت دیگری به این روز (مانند کار صبح و عصر)")
        self.add_button.clicked.connect(lambda: self.add_shift(None))
        self.fields: list[ShiftFields] = []
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.off)
        self.row.addWidget(self.add_button)
        self.row.addStretch(1)
        self.off.toggled.connect(self._off_toggled)

    def add_shift(self, shift: Shift | None) -> ShiftFields:
        fields = ShiftFields(self.weekday, len(self.fields) + 1, self)
        fields.set_shift(shift)
        fields.changed.connect(self.changed)
        fields.removeRequested.connect(self._remove)
        self.row.insertWidget(1 + len(self.fields), fields)
        fields.show()  # a widget added to a shown window stays hidden until told
        self.fields.append(fields)
        self.off.setChecked(False)
        self.changed.emit()
        return fields

    def _remove(self, fields: ShiftFields) -> None:
        self.fields.remove(fields)
        fields.setParent(None)
        fields.deleteLater()
        if not self.fields:
            self.off.setChecked(True)
        self.changed.emit()

    def set_shifts(self, shifts) -> None:
        for fields in list(self.fields):
            self.fields.remove(fields)
            fields.setParent(None)
            fields.deleteLater()
        for shift in shifts:
            self.add_shift(shift)
        self.off.setChecked(not shifts)
        self._off_toggled(not shifts)

    def _off_toggled(self, off: bool) -> None:
        if not off and not self.fields:
            self.add_shift(None)  # unticking «تعطیل» offers a shift to fill in
            return
        for fields in self.fields:
            fields.setEnabled(not off)
        self.add_button.setEnabled(not off)
        self.changed.emit()

    def shifts(self) -> tuple[Shift, ...]:
        if self.off.isChecked():
            return ()
        return tuple(s for s in (f.shift() for f in self.fields) if s is not None)


class WeekEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attendance.schedule.week")
        self.day_rows = [DayShifts(d, self) for d in range(7)]
        self.total = QLabel(self)
        self.total.setObjectName("attendance.schedule.total")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for weekday, row in enumerate(self.day_rows):
            grid.addWidget(QLabel(WEEKDAYS[weekday], self), weekday, 0)
            grid.addWidget(row, weekday, 1)
            row.changed.connect(self._changed)
        grid.addWidget(self.total, 7, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def set_days(self, days: dict[int, tuple[Shift, ...]]) -> None:
        for weekday, row in enumerate(self.day_rows):
            row.set_shifts(days.get(weekday, ()))
        self._changed()

    def days(self) -> dict[int, tuple[Shift, ...]]:
        return {weekday: shifts for weekday, row in enumerate(self.day_rows) if (shifts := row.shifts())}

    def week_minutes(self) -> int | None:
        try:
            return sum(s.minutes for shifts in self.days().values() for s in shifts)
        except ValidationError:
            return None

    def _changed(self) -> None:
        minutes = self.week_minutes()
        self.total.setText("جمع ساعت‌های هفته: —" if minutes is None else f"جمع ساعت‌های هفته: {hm(minutes)}"
                           + (" (قانون کار: ۴۴:۰۰)" if minutes is not None and minutes > 44 * 60 else ""))
        self.changed.emit()

