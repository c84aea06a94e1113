"""The parts of the day editor, each a group box that writes at once (one transaction an action)
and says ``changed`` after:

- ``PunchesBox``: the day's punches; add one (a time, ورود/خروج, «روز بعد» past midnight on a
  night shift), correct the chosen one (the old value is kept and listed in ``HistoryBox``,
  «سابقه اصلاح»), or remove it;
- ``LeaveBox``: daily or hourly leave of a type (استحقاقی، استعلاجی، بدون حقوق);
- ``MissionBox``: daily or hourly missions with their place.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QWidget,
)

from crm_desktop.attendance.compute import work_day
from crm_desktop.attendance.model import LEAVE_TYPES, Leave, Mission
from crm_desktop.attendance import repo_details
from crm_desktop.attendance.repo_records import punches_by_day
from crm_desktop.attendance.views.common import (
    DIRECTIONS,
    LRI,
    PDI,
    RLI,
    clock_text,
    leave_type_text,
    source_text,
    span_text,
)
from crm_desktop.core import jalali
from crm_desktop.errors import UserError
from crm_desktop.reminders.views.time_edit import TimeEdit
from crm_desktop.ui import dialogs

RecordRole = Qt.UserRole + 1


def _button(parent: QWidget, text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _list(parent: QWidget, name: str, accessible: str) -> QListWidget:
    widget = QListWidget(parent)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setMinimumHeight(widget.fontMetrics().height() * 4)
    return widget


class _Box(QGroupBox):
    changed = Signal()

    def __init__(self, title: str, office, file_id: int, day: date, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.office = office
        self.att = office.attendance
        self.file_id = file_id
        self.day = day

    def _run(self, action) -> bool:
        try:
            action()
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        self.refresh()
        self.changed.emit()
        return True

    def current(self):
        item = self.list.currentItem()
        return item.data(RecordRole) if item is not None else None

    def refresh(self) -> None:  # pragma: no cover - each box has its own
        raise NotImplementedError


class PunchesBox(_Box):
    def __init__(self, office, file_id: int, day: date, parent: QWidget | None = None):
        super().__init__("ورود و خروج", office, file_id, day, parent)
        self.list = _list(self, "attendance.day.punches", "ورود و خروج‌های روز")
        self.time = TimeEdit(self, name="attendance.day.time", field_name="ساعت")
        self.direction = QComboBox(self)
        self.direction.setObjectName("attendance.day.direction")
        for key, text in DIRECTIONS.items():
            self.direction.addItem(text, key)
        self.next_day = QCheckBox("روز بعد (پس از نیمه‌شب)", self)
        self.next_day.setObjectName("attendance.day.next_day")
        schedule = self.att.schedule_for(file_id)
        self.next_day.setVisible(any(s.overnight for s in schedule.shifts(jalali.weekday(day))))
        self.note = QLineEdit(self)
        self.note.setObjectName("attendance.day.note")
        self.note.setPlaceholderText("علت اصلاح (اختیاری)")
        self.add_button = _button(self, "افزودن", "attendance.day.add_punch", self.add)
        self.correct_button = _button(self, "اصلاح", "attendance.day.correct_punch", self.correct)
        self.correct_button.setToolTip("ساعت یا نوع ثبت انتخاب‌شده را به آنچه نوشته‌اید تغییر می‌دهد؛ "
                                       "مقدار پیشین در سابقه می‌ماند")
        self.remove_button = _button(self, "حذف", "attendance.day.remove_punch", self.remove)
        fields = QHBoxLayout()
        fields.addWidget(QLabel("ساعت:", self))
        fields.addWidget(self.time)
        fields.addWidget(self.direction)
        fields.addWidget(self.next_day)
        fields.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (self.add_button, self.correct_button, self.remove_button):
            buttons.addWidget(button)
        layout = QGridLayout(self)
        layout.addWidget(self.list, 0, 0)
        layout.addLayout(fields, 1, 0)
        layout.addLayout(buttons, 2, 0)
        self.list.currentItemChanged.connect(lambda *_a: self._chosen())
        self.refresh()

    def punches(self):
        return punches_by_day(self.att, self.file_id, self.day, self.day).get(self.day, [])

    def refresh(self) -> None:
        chosen = self.current()
        self.list.clear()
        for p in self.punches():
            when = clock_text(p.at) if p.at.date() == self.day else f"{clock_text(p.at)} فردا"
            item = QListWidgetItem(f"{RLI}{when}{PDI}  {DIRECTIONS[p.direction]}  ({source_text(p.source)})")
            item.setData(RecordRole, p)
            self.list.addItem(item)
            if chosen is not None and p.id == chosen.id:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def _chosen(self) -> None:
        p = self.current()
        if p is not None:
            self.time.setTime(p.at.time())
            self.direction.setCurrentIndex(self.direction.findData(p.direction))
            self.next_day.setChecked(p.at.date() != self.day)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.correct_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _typed(self) -> datetime | None:
        if not self.time.validate() or self.time.time() is None:
            self.time.setFocus()
            return None
        next_day = self.next_day.isChecked() and not self.next_day.isHidden()
        day = self.day + timedelta(days=1) if next_day else self.day
        return datetime.combine(day, self.time.time())

    def add(self) -> bool:
        at = self._typed()
        if at is None:
            return False
        direction = self.direction.currentData()

        def write():
            if self.att.punch(self.file_id, direction, at, note=self.note.text()) is None:
                raise UserError("the same punch is already there", "همین ورود/خروج پیش‌تر ثبت شده است.")

        return self._run(write)

    def correct(self) -> bool:
        p, at = self.current(), self._typed()
        if p is None or at is None:
            return False
        direction = self.direction.currentData()
        if at == p.at and direction == p.direction:
            dialogs.show_info(self, "ساعت یا نوع را تغییر دهید و سپس «اصلاح» را بزنید.")
            return False
        done = self._run(lambda: self.att.correct_punch(p.id, at, direction, note=self.note.text()))
        if done:
            self.note.clear()
        return done

    def remove(self) -> bool:
        p = self.current()
        if p is None:
            return False
        question = f"{DIRECTIONS[p.direction]} ساعت {LRI}{clock_text(p.at)}{PDI} حذف شود؟"
        if not dialogs.confirm(self, question, "حذف ورود/خروج", yes_text="حذف", no_text="انصراف",
                               informative="مقدار پیشین در «سابقه اصلاح» می‌ماند."):
            return False
        return self._run(lambda: self.att.remove_punch(p.id))


class HistoryBox(QGroupBox):
    """«سابقه اصلاح»: the day's corrected and removed punches, with when they were changed."""

    def __init__(self, office, file_id: int, day: date, parent: QWidget | None = None):
        super().__init__("سابقه اصلاح", parent)
        self.att = office.attendance
        self.file_id = file_id
        self.day = day
        self.list = _list(self, "attendance.day.history", "سابقه اصلاح ورود و خروج‌ها")
        layout = QGridLayout(self)
        layout.addWidget(self.list, 0, 0)
        self.refresh()

    def lines(self) -> list[str]:
        schedule = self.att.schedule_for(self.file_id)
        out = []
        for old_at, old_dir, changed_at, new_at in self.att.corrections(self.file_id):
            old = datetime.fromisoformat(old_at)
            if work_day(old, lambda _d: schedule) != self.day:
                continue
            changed = datetime.fromisoformat(changed_at)
            when = f"{RLI}{jalali.format_datetime(changed)}{PDI}"
            if new_at is None:
                out.append(f"{DIRECTIONS[old_dir]} {RLI}{clock_text(old)}{PDI} حذف شد — در {when}")
            else:
                new = datetime.fromisoformat(new_at)
                out.append(f"{DIRECTIONS[old_dir]} {RLI}{clock_text(old)}{PDI} ← {RLI}{clock_text(new)}{PDI}"
                           f" — اصلاح در {when}")
        return out

    def refresh(self) -> None:
        self.list.clear()
        lines = self.lines()
        self.list.addItems(lines or ["اصلاحی نشده است."])
        self.setVisible(True)


class _SpanBox(_Box):
    """A daily / hourly choice with from–to times (shared by leave and missions)."""

    KIND = ""

    def _span_fields(self, prefix: str) -> QHBoxLayout:
        self.daily = QRadioButton("روزانه", self)
        self.daily.setObjectName(f"{prefix}_daily")
        self.hourly = QRadioButton("ساعتی", self)
        self.hourly.setObjectName(f"{prefix}_hourly")
        self.daily.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.daily)
        group.addButton(self.hourly)
        self.start = TimeEdit(self, name=f"{prefix}_from", field_name="از ساعت")
        self.end = TimeEdit(self, name=f"{prefix}_to", field_name="تا ساعت")
        self.hourly.toggled.connect(self._hourly_toggled)
        self._hourly_toggled(False)
        row = QHBoxLayout()
        for widget in (self.daily, self.hourly, QLabel("از", self), self.start, QLabel("تا", self), self.end):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _lay_out(self, span: QHBoxLayout, text_field: QWidget, add_text: str, what: str) -> None:
        """The day's list, the span row, then the text field with «افزودن …» and «حذف»; fills it."""
        self.add_button = _button(self, add_text, f"attendance.day.add_{what}", self.add)
        self.delete_button = _button(self, "حذف", f"attendance.day.delete_{what}", self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(text_field, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        layout = QGridLayout(self)
        layout.addWidget(self.list, 0, 0)
        layout.addLayout(span, 1, 0)
        layout.addLayout(buttons, 2, 0)
        self.list.currentItemChanged.connect(lambda *_a: self.delete_button.setEnabled(self.current() is not None))
        self.refresh()

    def _hourly_toggled(self, hourly: bool) -> None:
        self.start.setEnabled(hourly)
        self.end.setEnabled(hourly)

    def _times(self):
        """(start, end) for hourly, (None, None) for daily; False when a time is wrong."""
        if not self.hourly.isChecked():
            return None, None
        if not (self.start.validate() and self.end.validate()) or self.start.time() is None or self.end.time() is None:
            (self.start if self.start.time() is None else self.end).setFocus()
            return False
        return self.start.time(), self.end.time()

    def _delete(self, what: str, action) -> bool:
        if self.current() is None:
            return False
        if not dialogs.confirm(self, f"{what} حذف شود؟", f"حذف {what}", yes_text="حذف", no_text="انصراف"):
            return False
        return self._run(action)


class LeaveBox(_SpanBox):
    def __init__(self, office, file_id: int, day: date, parent: QWidget | None = None):
        super().__init__("مرخصی", office, file_id, day, parent)
        self.list = _list(self, "attendance.day.leaves", "مرخصی‌های روز")
        self.leave_type = QComboBox(self)
        self.leave_type.setObjectName("attendance.day.leave_type")
        for key, text in LEAVE_TYPES.items():
            self.leave_type.addItem(text, key)
        self.note = QLineEdit(self)
        self.note.setObjectName("attendance.day.leave_note")
        self.note.setPlaceholderText("توضیح (اختیاری)")
        span = self._span_fields("attendance.day.leave")
        span.insertWidget(0, self.leave_type)
        self._lay_out(span, self.note, "افزودن مرخصی", "leave")

    def refresh(self) -> None:
        self.list.clear()
        for leave in repo_details.leaves(self.att.conn, self.file_id, self.day, self.day):
            when = span_text(leave.start, leave.end) if leave.hourly else "روزانه"
            text = f"{leave_type_text(leave.leave_type)}، {when}" + (f" — {leave.note}" if leave.note else "")
            item = QListWidgetItem(text)
            item.setData(RecordRole, leave)
            self.list.addItem(item)
        self.delete_button.setEnabled(False)

    def add(self) -> bool:
        times = self._times()
        if times is False:
            return False
        leave = Leave(self.file_id, self.day, self.leave_type.currentData(), *times, note=self.note.text())
        done = self._run(lambda: self.att.add_leave(leave))
        if done:
            self.note.clear()
        return done

    def delete(self) -> bool:
        leave = self.current()
        return self._delete("مرخصی", lambda: self.att.delete_leave(leave.id)) if leave else False


class MissionBox(_SpanBox):
    def __init__(self, office, file_id: int, day: date, parent: QWidget | None = None):
        super().__init__("ماموریت", office, file_id, day, parent)
        self.list = _list(self, "attendance.day.missions", "ماموریت‌های روز")
        self.place = QLineEdit(self)
        self.place.setObjectName("attendance.day.mission_place")
        self.place.setPlaceholderText("محل ماموریت")
        self._lay_out(self._span_fields("attendance.day.mission"), self.place, "افزودن ماموریت", "mission")

    def refresh(self) -> None:
        self.list.clear()
        for mission in repo_details.missions(self.att.conn, self.file_id, self.day, self.day):
            when = span_text(mission.start, mission.end) if mission.hourly else "روزانه"
            item = QListWidgetItem(when + (f" — {mission.place}" if mission.place else ""))
            item.setData(RecordRole, mission)
            self.list.addItem(item)
        self.delete_button.setEnabled(False)

    def add(self) -> bool:
        times = self._times()
        if times is False:
            return False
        mission = Mission(self.file_id, self.day, self.place.text(), *times)
        done = self._run(lambda: self.att.add_mission(mission))
        if done:
            self.place.clear()
        return done

    def delete(self) -> bool:
        mission = self.current()
        return self._delete("ماموریت", lambda: self.att.delete_mission(mission.id)) if mission else False
