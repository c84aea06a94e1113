"""The phonebook's link to the cheque book: the cheques a contact drew, is the payee of, or was
given (spent / returned to them), on the contact's card; bounced ones marked «برگشتی» in red
(also a cheque that bounced once and was settled later). A double-click opens the cheque's form.

    box = ContactChequesBox(office, contact_id, clock=...)   # a QGroupBox
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from crm_desktop.cheques.views.table_model import BOUNCED_COLOUR, due_text
from crm_desktop.core.digits import to_persian
from crm_desktop.core.money import format_amount

FSI, PDI = "\u2068", "\u2069"
ROLES = {"drawer": "صادرکننده", "payee": "در وجه", "holder": "گیرنده"}


def cheque_line(row) -> str:
    """«۱۴۰۴/۰۲/۰۱ — دریافتی ۱۲٬۵۰۰٬۰۰۰ ریال — نزد صندوق (صادرکننده)»، with «برگشتی» for a bounce."""
    text = (f"{FSI}{due_text(row) or '—'}{PDI} — {row.direction_label} {FSI}{format_amount(row.amount)}{PDI} ریال — "
            f"{row.status_label} ({ROLES.get(row.role, '')})")
    if row.ever_bounced and not row.bounced:
        text += " — سابقهٔ برگشت"
    return text


def _default_open(office, cheque_id, parent, clock):
    from crm_desktop.cheques.views.cheque_dialog import ChequeDialog

    ChequeDialog(office, cheque_id, parent, clock=clock).exec()


class ContactChequesBox(QGroupBox):
    def __init__(self, office, contact_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__("چک‌ها", parent)
        self.setObjectName("contact.cheques")
        self.office = office
        self.contact_id = contact_id
        self.clock = clock
        self.open_cheque = _default_open
        self.summary = QLabel(self)
        self.summary.setObjectName("contact.cheques.summary")
        self.list = QListWidget(self)
        self.list.setObjectName("contact.cheques.list")
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 7 + 16)  # wrapped lines take two
        # a line wraps inside the card's narrow column instead of running out of sight behind a
        # scroll bar (with it «سابقهٔ برگشت», the reason a settled cheque is red)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.Adjust)
        self.list.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        rows = self.office.cheques.for_contact(self.contact_id)
        bounced = 0
        for row in rows:
            item = QListWidgetItem(cheque_line(row))
            item.setData(Qt.UserRole, row.id)
            item.setToolTip(item.text())
            if row.bounced or row.ever_bounced:
                bounced += row.bounced
                item.setForeground(QBrush(QColor(BOUNCED_COLOUR)))
            if row.bounced:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
        self.list.setVisible(bool(rows))
        self.bounced = bounced  # the contact's cheques now bounced (the contact form shows it on the tab)
        if not rows:
            self.summary.setText("چکی از این مخاطب یا برای او ثبت نشده است.")
        elif bounced:
            self.summary.setText(f"{to_persian(len(rows))} چک، {to_persian(bounced)} چک برگشتی")
            self.summary.setStyleSheet(f"color: {BOUNCED_COLOUR}; font-weight: bold;")
        else:
            self.summary.setText(f"{to_persian(len(rows))} چک")

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _open(self, item) -> None:
        self.open_cheque(self.office, item.data(Qt.UserRole), self.window(), self.clock)
        self.reload()
