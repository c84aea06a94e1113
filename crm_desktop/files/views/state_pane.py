"""A file's state and its history, oldest first («۱۴۰۴/۰۱/۱۲ — ثبت پرونده: سرنخ»، «۱۴۰۴/۰۱/۲۰ —
مشتری بالقوه — پیش‌فاکتور پذیرفته شد»), with the kind's way on: «تغییر مرحله…» for a customer,
«تغییر وضعیت…» for an applicant, «پایان همکاری…» for staff still working."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from crm_desktop.files.model import PERSONNEL
from crm_desktop.files.views.common import STATE_TITLE, date_text, isolate, state_label
from crm_desktop.ui import dialogs


def state_line(kind: str, step) -> str:
    before, after, on, note = step
    what = f"ثبت پرونده: {state_label(kind, after)}" if not before else state_label(kind, after)
    text = f"{isolate(date_text(on))} — {what}"
    return f"{text} — {note}" if note else text


def _state_dialog(office, file_id, parent, clock):
    from crm_desktop.files.views.state_dialogs import StateDialog

    return StateDialog(office, file_id, parent, clock=clock)


def _end_dialog(office, file_id, parent, clock):
    from crm_desktop.files.views.state_dialogs import EndEmploymentDialog

    return EndEmploymentDialog(office, file_id, parent, clock=clock)


class StatePane(QGroupBox):
    stateChanged = Signal()

    def __init__(self, office, file_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        self.kind = office.files.require(file_id).kind
        word = STATE_TITLE[self.kind]
        super().__init__(f"سیر {word}", parent)
        self.setObjectName("file.states")
        self.office = office
        self.file_id = file_id
        self.clock = clock
        self.dialog_factory = _end_dialog if self.kind == PERSONNEL else _state_dialog
        self.current = QLabel(self)
        self.current.setObjectName("file.states.current")
        font = self.current.font()
        font.setBold(True)
        self.current.setFont(font)
        self.list = QListWidget(self)
        self.list.setObjectName("file.states.list")
        self.list.setWordWrap(True)
        text = "پایان همکاری…" if self.kind == PERSONNEL else f"تغییر {word}…"
        self.step_button = QPushButton(text, self)
        self.step_button.setObjectName("file.states.step")
        self.step_button.setAutoDefault(False)
        self.step_button.clicked.connect(self.take_step)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        f = self.office.files.get(self.file_id)
        if f is None:
            return
        self.current.setText(f"{STATE_TITLE[f.kind]}: {f.state_label} (از {isolate(date_text(f.state_on))})")
        self.list.clear()
        for step in self.office.files.states(self.file_id):
            self.list.addItem(state_line(f.kind, step))
        if f.kind == PERSONNEL:
            self.step_button.setEnabled(f.state == "active")
        else:
            self.step_button.setEnabled(f.state != "hired")

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def take_step(self) -> bool:
        try:
            dialog = self.dialog_factory(self.office, self.file_id, self.window(), self.clock)
        except Exception as error:  # noqa: BLE001 - the operator sees why
            dialogs.show_error(self, error)
            return False
        done = bool(dialog.exec())
        dialog.deleteLater()
        if done:
            self.refresh()
            self.stateChanged.emit()
        return done
