"""A cheque's life as a list, oldest step first («۱۴۰۴/۰۱/۱۲ — واگذار شده به بانک — حساب ۱۲۳»),
with «تغییر وضعیت…» (only the steps that follow) and «برگرداندن آخرین مرحله» (asks first)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from crm_desktop.cheques import status as st
from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs
from crm_desktop.ui.validated_field import isolate_numbers

FSI, PDI = "\u2068", "\u2069"


def step_text(direction: str, event) -> str:
    """One line of the history: date — what happened — its details."""
    what = "ثبت چک" if not event.from_status else st.label(direction, event.to_status, long=True)
    parts = [f"{FSI}{jalali.format_date(event.on)}{PDI}", what]
    if event.account:  # «جاری ملت ۲۷۱-۸۱۰-۱۲۳۴۵۶۷-۱»: the number's groups must stay in order
        parts.append(f"حساب {isolate_numbers(to_persian(event.account))}")
    if event.reason:
        parts.append(f"علت: {event.reason}")
    if event.contact_name:
        parts.append(("به " if event.to_status in (st.SPENT, st.RETURNED) else "") + event.contact_name)
    if event.note:
        parts.append(event.note)
    return " — ".join(parts)


def print_text(printed_at: str, template: str, printer: str, ok: bool | None) -> str:
    """«۱۴۰۴/۰۱/۱۲ ۱۰:۳۰ — چاپ روی برگ (برگ یکسان صیادی، PDF) — درست چاپ شد»."""
    from datetime import datetime

    when = jalali.format_datetime(datetime.fromisoformat(printed_at))
    outcome = {True: "درست چاپ شد", False: "نادرست چاپ شد"}.get(ok, "")
    where = "، ".join(p for p in (template, printer) if p)
    return " — ".join(p for p in (f"{FSI}{when}{PDI}", f"چاپ روی برگ ({where})", outcome) if p)


def _default_status_dialog(office, cheque_id, parent, clock):
    from crm_desktop.cheques.views.status_dialog import StatusDialog

    return StatusDialog(office, cheque_id, parent, clock=clock)


class ChequeHistory(QGroupBox):
    stepTaken = Signal()  # a step recorded or undone

    def __init__(self, office, cheque_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__("سیر چک", parent)
        self.setObjectName("cheque.history")
        self.office = office
        self.cheque_id = cheque_id
        self.clock = clock
        self.status_dialog_factory = _default_status_dialog
        self.status_label = QLabel(self)
        self.status_label.setObjectName("cheque.history.status")
        font = self.status_label.font()
        font.setBold(True)
        self.status_label.setFont(font)
        self.list = QListWidget(self)
        self.list.setObjectName("cheque.history.list")
        self.list.setWordWrap(True)
        self.step_button = QPushButton("تغییر وضعیت…", self)
        self.step_button.setObjectName("cheque.history.step")
        self.step_button.clicked.connect(self.take_step)
        self.undo_button = QPushButton("برگرداندن آخرین مرحله", self)
        self.undo_button.setObjectName("cheque.history.undo")
        self.undo_button.clicked.connect(self.undo_last)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        cheque = self.office.cheques.get(self.cheque_id)
        if cheque is None:
            return
        self.status_label.setText(f"وضعیت: {st.label(cheque.direction, cheque.status, long=True)}")
        self.list.clear()
        events = self.office.cheques.history(self.cheque_id)
        for event in events:
            self.list.addItem(step_text(cheque.direction, event))
        for _id, printed_at, template, printer, ok in self.office.cheque_print.prints(self.cheque_id):
            self.list.addItem(print_text(printed_at, template, printer, ok))
        self.step_button.setEnabled(not st.is_final(cheque.direction, cheque.status))
        self.undo_button.setEnabled(len(events) > 1)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def take_step(self) -> bool:
        try:
            dialog = self.status_dialog_factory(self.office, self.cheque_id, self, self.clock)
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        if not dialog.exec():
            return False
        self.refresh()
        self.stepTaken.emit()
        return True

    def undo_last(self) -> bool:
        events = self.office.cheques.history(self.cheque_id)
        if len(events) < 2:
            return False
        cheque = self.office.cheques.get(self.cheque_id)
        last = events[-1]
        question = (f"آخرین مرحله («{st.label(cheque.direction, last.to_status)}» در "
                    f"{FSI}{jalali.format_date(last.on)}{PDI}) برگردانده شود؟ وضعیت چک «"
                    f"{st.label(cheque.direction, last.from_status)}» می‌شود.")
        if not dialogs.confirm(self, question, "برگرداندن آخرین مرحله"):
            return False
        try:
            self.office.cheques.undo_last_step(self.cheque_id, now=self.clock())
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        self.refresh()
        self.stepTaken.emit()
        return True
