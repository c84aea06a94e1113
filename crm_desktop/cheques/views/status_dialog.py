"""«تغییر وضعیت چک»: one step of a cheque's life. Only the steps that follow from the current
status are offered (cheques/status.py); a deposit asks for the account, a bounce for the reason,
a cheque spent for the contact it went to; every step has a date (default today) and a note.

    dialog = StatusDialog(office, cheque_id, parent, clock=datetime.now)
    dialog.exec()            # the step is recorded by «ثبت»; dialog.recorded is the ChequeEvent
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheques import status as st
from crm_desktop.core.digits import to_persian
from crm_desktop.core.money import format_amount
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.views.contact_picker import UNPICKED_FA, ContactPicker
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit

BOUNCE_REASONS = ("کسری موجودی", "عدم مطابقت امضا", "مسدود بودن حساب", "مغایرت مبلغ عددی و حروفی",
                  "دستور عدم پرداخت صادرکننده", "نقص در تاریخ یا مشخصات چک")
ERROR_STYLE = "color: #c62828;"


class StatusDialog(QDialog):
    def __init__(self, office, cheque_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now, preset: str | None = None):
        super().__init__(parent)
        self.office = office
        self.repo = office.cheques
        self.cheque = self.repo.get(cheque_id)
        if self.cheque is None:
            raise UserError(f"cheque {cheque_id} no longer exists", "این چک دیگر وجود ندارد.")
        self.clock = clock
        self.recorded = None
        self.choices = st.allowed_next(self.cheque.direction, self.cheque.status)
        if not self.choices:
            raise UserError(f"{self.cheque.status} is final",
                            f"«{self.cheque.status_label}» وضعیت پایانی چک است و مرحلهٔ دیگری ندارد؛ اگر اشتباه "
                            "ثبت شده، «برگرداندن آخرین مرحله» را بزنید.")
        self.setObjectName("cheque_status")
        self.setWindowTitle("تغییر وضعیت چک")
        self._build()
        first = preset if preset in self.choices else self.choices[0]
        self.buttons_by_status[first].setChecked(True)
        self._status_changed()

    def _build(self) -> None:
        c = self.cheque
        heading = QLabel(f"{self._which_cheque()} — وضعیت کنونی: «{st.label(c.direction, c.status, long=True)}»")
        heading.setObjectName("cheque_status.heading")
        heading.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons_by_status: dict[str, QRadioButton] = {}
        statuses = QWidget()
        column = QVBoxLayout(statuses)
        column.setContentsMargins(0, 0, 0, 0)
        for status in self.choices:
            button = QRadioButton(st.label(c.direction, status, long=True))
            button.setObjectName(f"cheque_status.{status}")
            self.group.addButton(button)
            self.buttons_by_status[status] = button
            column.addWidget(button)
            button.toggled.connect(lambda on: self._status_changed() if on else None)
        self.on = JalaliDateEdit(name="cheque_status.on", field_name="تاریخ", optional=False,
                                 today=lambda: self.clock().date())
        self.on.setDate(self.clock().date())
        self.account = QLineEdit()
        self.account.setObjectName("cheque_status.account")
        self.account.setPlaceholderText("شماره یا نام حساب دفتر، مثلاً جاری ملت ۱۲۳۴")
        accounts = [b.account_number for b in self.repo.books()]
        if accounts:
            from PySide6.QtWidgets import QCompleter

            self.account.setCompleter(QCompleter(sorted(set(accounts)), self.account))
        self.reason = QComboBox()
        self.reason.setObjectName("cheque_status.reason")
        self.reason.setEditable(True)
        self.reason.addItems(BOUNCE_REASONS)
        self.reason.setCurrentIndex(-1)  # no blank first entry in the list: a hint in the field instead
        self.reason.lineEdit().setPlaceholderText("از فهرست برگزینید یا بنویسید")
        self.contact = ContactPicker(self.office, name="cheque_status.contact")
        self.note = QLineEdit()
        self.note.setObjectName("cheque_status.note")
        self.error = QLabel()
        self.error.setObjectName("cheque_status.error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        self.form = QFormLayout()
        self.form.addRow("مرحلهٔ بعد:", statuses)
        self.form.addRow("تاریخ:", self.on)
        self.form.addRow("واگذار به حساب:", self.account)
        self.form.addRow("علت برگشت:", self.reason)
        self.form.addRow("به چه کسی:", self.contact)
        self.form.addRow("یادداشت:", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("ثبت")
        buttons.button(QDialogButtonBox.Ok).setObjectName("cheque_status.save")
        buttons.button(QDialogButtonBox.Cancel).setText("انصراف")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _which_cheque(self) -> str:
        """«چک دریافتی سریال ۵۵۵۱۲۳، ۱۲٬۵۰۰٬۰۰۰ ریال از علی رضایی»: the serial alone says little."""
        c = self.cheque
        text = f"چک {c.direction_label} سریال \u2068{to_persian(c.serial)}\u2069، \u2068{format_amount(c.amount)}\u2069 ریال"
        who = c.drawer_id if c.direction == st.RECEIVED else c.payee_id
        contact = self.office.phonebook.get(who) if who is not None else None
        if contact is not None:
            text += f" {'از' if c.direction == st.RECEIVED else 'در وجه'} {contact.display_name}"
        return text

    def status(self) -> str:
        return next(s for s, b in self.buttons_by_status.items() if b.isChecked())

    def _status_changed(self) -> None:
        status = self.status()
        needs = st.needs(self.cheque.direction, status)
        shows = {"account": self.account, "reason": self.reason,
                 "contact": self.contact if "contact" in needs or status == st.RETURNED else None}
        for key, widget in (("account", self.account), ("reason", self.reason), ("contact", self.contact)):
            visible = key in needs or (key == "contact" and shows["contact"] is not None)
            self.form.setRowVisible(widget, visible)
        if status == st.RETURNED and self.contact.contact_id() is None and self.cheque.drawer_id is not None:
            self.contact.set_contact_id(self.cheque.drawer_id)  # returned to its drawer, by default
        if status == st.DEPOSITED and not self.account.text().strip():
            self.account.setText(self._last_account())  # deposited again after a bounce: the same account
        self.error.hide()
        self.adjustSize()

    def _last_account(self) -> str:
        accounts = [e.account for e in self.repo.history(self.cheque.id) if e.to_status == st.DEPOSITED and e.account]
        return accounts[-1] if accounts else ""

    def save(self) -> None:
        if not self.on.validate():
            return
        if self.form.isRowVisible(self.contact) and self.contact.has_unpicked_text():
            self.contact.show_error(UNPICKED_FA)
            return
        status = self.status()
        visible = self.form.isRowVisible
        try:
            self.recorded = self.repo.set_status(
                self.cheque.id, status, on=self.on.date(), note=self.note.text(),
                contact_id=self.contact.contact_id() if visible(self.contact) else None,
                account=self.account.text() if visible(self.account) else "",
                reason=self.reason.currentText() if visible(self.reason) else "", now=self.clock())
        except (ValidationError, UserError) as error:
            self.error.setText(error.fa)
            self.error.show()
            return
        self.accept()
