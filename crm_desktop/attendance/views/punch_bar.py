"""The quick punch: choose a person, «ورود» or «خروج» records that minute (the injected clock);
a line says what was recorded — or that the same punch was already there, or that the person's
last punch today went the same way. ``TodayList`` lists the office's punches of today, the
latest first.

    bar = PunchBar(office, clock)
    bar.punch("in")                  # what the «ورود» button does; the new punch id or None
    bar.punched.connect(...)         # file id, after a punch was recorded
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from crm_desktop.attendance.repo_records import office_punches
from crm_desktop.attendance.views.common import DIRECTIONS, OK_COLOUR, RLI, PDI, WARN_COLOUR, clock_text, source_text
from crm_desktop.attendance.views.staff_combo import StaffCombo
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs

PunchIdRole = Qt.UserRole + 1


class PunchBar(QWidget):
    punched = Signal(int)  # file id

    def __init__(self, office, clock: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attendance.punch_bar")
        self.office = office
        self.clock = clock
        self.person = StaffCombo(office.attendance.staff(), self)
        label = QLabel("شخص:", self)
        label.setBuddy(self.person)
        self.in_button = QPushButton("ورود", self)
        self.in_button.setObjectName("attendance.punch_in")
        self.in_button.setToolTip("ثبت ورود این شخص در همین دقیقه")
        self.out_button = QPushButton("خروج", self)
        self.out_button.setObjectName("attendance.punch_out")
        self.out_button.setToolTip("ثبت خروج این شخص در همین دقیقه")
        for button in (self.in_button, self.out_button):
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("خروج") + 48)
        self.in_button.clicked.connect(lambda: self.punch("in"))
        self.out_button.clicked.connect(lambda: self.punch("out"))
        self.status = QLabel(self)
        self.status.setObjectName("attendance.punch_status")
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.person)
        layout.addWidget(self.in_button)
        layout.addWidget(self.out_button)
        layout.addWidget(self.status, 1)
        self.person.personChanged.connect(lambda _id: self.say(""))

    def say(self, text: str, colour: str = OK_COLOUR) -> None:
        self.status.setStyleSheet(f"color: {colour};")
        self.status.setText(text)

    def punch(self, direction: str) -> int | None:
        att = self.office.attendance
        file_id = self.person.person_id()
        if file_id is None:
            self.say("نخست شخص را انتخاب کنید.", WARN_COLOUR)
            return None
        at = self.clock().replace(second=0, microsecond=0)
        day_start = datetime.combine(at.date(), time.min)
        earlier = att.punches(file_id, day_start, at + timedelta(minutes=1))
        try:
            new_id = att.punch(file_id, direction, at)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        word, name, when = DIRECTIONS[direction], self.person.person_name(), f"{RLI}{clock_text(at)}{PDI}"
        if new_id is None:
            self.say(f"{word} {name} در ساعت {when} پیش‌تر ثبت شده بود؛ دوباره ثبت نشد.", WARN_COLOUR)
            return None
        text = f"{word} {name} ساعت {when} ثبت شد."
        last = earlier[-1] if earlier else None
        if last is not None and last.direction == direction:
            text += f" توجه: ثبت پیشین او امروز هم {word} بود ({RLI}{clock_text(last.at)}{PDI})."
            self.say(text, WARN_COLOUR)
        else:
            self.say(text)
        self.punched.emit(file_id)
        return new_id


class TodayList(QWidget):
    """«ثبت‌های امروز»: the office's punches of today, the latest first."""

    personActivated = Signal(int)  # file id

    def __init__(self, office, clock: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.office = office
        self.clock = clock
        self.title = QLabel("ثبت‌های امروز", self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QListWidget(self)
        self.list.setObjectName("attendance.today")
        self.list.setAccessibleName("ورود و خروج‌های امروز")
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # a long name is cut short (its tooltip whole)
        self.list.setTextElideMode(Qt.ElideRight)
        self.list.setMinimumWidth(170)
        self.list.itemActivated.connect(lambda item: self.personActivated.emit(item.data(Qt.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)

    def refresh(self) -> None:
        today = self.clock().date()
        start = datetime.combine(today, time.min)
        self.list.clear()
        found = office_punches(self.office.attendance, start, start + timedelta(days=1))
        for punch, name in found:
            text = f"{RLI}{clock_text(punch.at)}{PDI}  {DIRECTIONS[punch.direction]} — {name}"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, punch.person_id)
            item.setData(PunchIdRole, punch.id)
            item.setToolTip(f"{text}\n(ثبت {source_text(punch.source)})")
            self.list.addItem(item)
        if not found:
            item = QListWidgetItem("امروز هنوز کسی ورود یا خروج نزده است.")
            item.setFlags(Qt.NoItemFlags)
            self.list.addItem(item)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
