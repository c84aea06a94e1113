"""One person's day, to edit: the day and its schedule at the top, the day's figures (worked,
late, early exit, overtime, absence, leave, mission) worked out again after every change; the
punches with their «سابقه اصلاح» on the right, leave and missions on the left. Every action is
written at once; «بستن» closes.

    DayDialog(office, file_id, day, parent).exec()
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.attendance.views.common import RED, day_title, minutes_text, span_text
from crm_desktop.attendance.views.day_boxes import HistoryBox, LeaveBox, MissionBox, PunchesBox
from crm_desktop.core import jalali
from crm_desktop.core.digits import format_number
from crm_desktop.ui.screen import fit

FIGURES = (("worked", "کارکرد"), ("late", "تأخیر"), ("early", "تعجیل"), ("overtime", "اضافه‌کار"),
           ("absent", "غیبت"), ("leave", "مرخصی"), ("mission", "ماموریت"))


def schedule_text(schedule, day: date) -> str:
    shifts = schedule.shifts(jalali.weekday(day))
    if not shifts:
        return f"برنامه «{schedule.name}»: روز کاری نیست"
    spans = "، ".join(span_text(s.start, s.end) + (" (فردا)" if s.overnight else "") for s in shifts)
    grace = f"، مهلت تأخیر {format_number(schedule.grace)} دقیقه" if schedule.grace else ""
    return f"برنامه «{schedule.name}»: {spans}{grace}"


class DayDialog(QDialog):
    def __init__(self, office, file_id: int, day: date, parent: QWidget | None = None, *, person_name: str = ""):
        super().__init__(parent)
        self.setObjectName("attendance.day")
        self.setLayoutDirection(Qt.RightToLeft)
        self.office = office
        self.att = office.attendance
        self.file_id = file_id
        self.day = day
        self.setWindowTitle(f"ورود و خروج روز — {person_name}" if person_name else "ورود و خروج روز")

        title = QLabel(f"{person_name} — {day_title(day)}" if person_name else day_title(day), self)
        title.setObjectName("attendance.day.title")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15 if font.pointSizeF() > 0 else 12)
        title.setFont(font)
        self.holiday = QLabel(self)
        self.holiday.setObjectName("attendance.day.holiday")
        self.holiday.setStyleSheet(f"color: {RED.name()};")
        self.schedule = QLabel(schedule_text(self.att.schedule_for(file_id), day), self)
        self.schedule.setObjectName("attendance.day.schedule")
        self.result = QLabel(self)
        self.result.setObjectName("attendance.day.result")
        self.result.setTextFormat(Qt.RichText)
        self.result.setWordWrap(True)

        self.punches = PunchesBox(office, file_id, day, self)
        self.history = HistoryBox(office, file_id, day, self)
        self.leaves = LeaveBox(office, file_id, day, self)
        self.missions = MissionBox(office, file_id, day, self)
        for box in (self.punches, self.leaves, self.missions):
            box.changed.connect(self._changed)

        self.close_button = QPushButton("بستن", self)
        self.close_button.setObjectName("attendance.day.close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.holiday)
        head.addStretch(1)
        head.addWidget(self.schedule)
        grid = QGridLayout()
        grid.addWidget(self.punches, 0, 0)   # on the right in a right-to-left dialog
        grid.addWidget(self.history, 1, 0)
        grid.addWidget(self.leaves, 0, 1)
        grid.addWidget(self.missions, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.result)
        layout.addLayout(grid, 1)
        layout.addLayout(bottom)
        self._show_result()
        fit(self, parent, 980, 600)

    def figures(self):
        """The day worked out as the month table shows it."""
        return self.att.days([self.file_id], self.day, self.day)[self.file_id][0]

    def _show_result(self) -> None:
        r = self.figures()
        self.holiday.setText(r.holiday if r.holiday else "")
        parts = [f"{title}: <b>{minutes_text(getattr(r, key)) or '—'}</b>" for key, title in FIGURES]
        if r.expected:
            parts.insert(0, f"موظف: <b>{minutes_text(r.expected)}</b>")
        if r.incomplete:
            parts.append(f"<span style='color:{RED.name()}'>ورود یا خروجی بی‌جفت است</span>")
        self.result.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts))

    def _changed(self) -> None:
        self._show_result()
        self.history.refresh()
