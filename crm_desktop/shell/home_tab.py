"""The first tab: the office at a glance (today's date, what the book holds, the last backup)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.core.digits import format_number
from crm_desktop.core.jalali import format_date_long, format_datetime
from crm_desktop.core.money import format_amount
from crm_desktop.storage.backup import list_backups
from crm_desktop.storage.db import StorageError


class HomeTab(QWidget):
    TITLE = "خانه"

    def __init__(self, office, events, parent=None, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.office = office
        self.clock = clock
        self.setObjectName("home")

        self.office_label = QLabel()
        self.office_label.setObjectName("home.office")
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.8)
        title_font.setBold(True)
        self.office_label.setFont(title_font)

        self.today_label = QLabel()
        self.today_label.setObjectName("home.today")
        self.contacts_label = QLabel()
        self.contacts_label.setObjectName("home.contacts")
        self.backup_label = QLabel()
        self.backup_label.setObjectName("home.last_backup")
        self.backup_label.setWordWrap(True)
        self.cheques_soon_label = QLabel()
        self.cheques_soon_label.setObjectName("home.cheques_soon")
        self.cheques_overdue_label = QLabel()
        self.cheques_overdue_label.setObjectName("home.cheques_overdue")
        self.backup_button = QPushButton("پشتیبان‌گیری اکنون")
        self.backup_button.setObjectName("home.backup_now")

        for label in (self.today_label, self.contacts_label, self.backup_label, self.cheques_soon_label,
                      self.cheques_overdue_label):
            label.setAlignment(Qt.AlignRight | Qt.AlignAbsolute | Qt.AlignVCenter)  # numbers too
        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignLeading)
        facts.addRow("امروز:", self.today_label)
        facts.addRow("مخاطبان دفتر تلفن:", self.contacts_label)
        facts.addRow("چک‌های سررسید این هفته:", self.cheques_soon_label)
        facts.addRow("چک‌های سررسید گذشته:", self.cheques_overdue_label)
        facts.addRow("آخرین پشتیبان:", self.backup_label)

        card = QFrame()
        card.setFrameShape(QFrame.StyledPanel)
        inner = QVBoxLayout(card)
        inner.addWidget(self.office_label)
        inner.addLayout(facts)
        inner.addWidget(self.backup_button, 0, Qt.AlignLeading)

        layout = QVBoxLayout(self)
        layout.addWidget(card)
        layout.addStretch(1)

        events.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, tables: frozenset) -> None:
        if tables & {"contacts", "settings", "backups", "cheques", "*"}:
            self.refresh()

    def refresh(self) -> None:
        prefs = self.office.preferences
        self.office_label.setText(prefs.office_name or "دفتر من")
        self.today_label.setText(format_date_long(self.clock().date()))
        try:
            self.contacts_label.setText(format_number(self.office.contact_count()))
        except StorageError as error:
            self.contacts_label.setText(f"نامعلوم — {error.fa}")
        self.backup_label.setText(self._last_backup_text())
        self._show_cheques()

    def _show_cheques(self) -> None:
        """Pending cheques due within the week, and those past their date (still in hand,
        deposited or issued): what the operator must not let slip."""
        try:
            due = self.office.cheques.due_summary(self.clock().date())
        except StorageError as error:
            self.cheques_soon_label.setText(f"نامعلوم — {error.fa}")
            return
        for key, label in (("soon", self.cheques_soon_label), ("overdue", self.cheques_overdue_label)):
            total = due[key]
            label.setText(f"\u200f{format_number(total.count)} چک، جمع {format_amount(total.amount)} ریال"
                          if total.count else "ندارد")
            label.setStyleSheet("color: #c62828; font-weight: bold;" if key == "overdue" and total.count else "")

    def _last_backup_text(self) -> str:
        try:
            backups = list_backups(self.office.backup_folder(), verify=False, database=self.office.path.stem)
        except OSError:
            backups = []
        if not backups:
            return "هنوز پشتیبانی گرفته نشده است."
        newest = backups[0]
        # RLM first: the line starts with digits and holds a Latin file name, and Qt would
        # otherwise read the whole paragraph left to right (time before date for the reader)
        return f"\u200f{format_datetime(newest.created)}  —  \u2066{newest.path.name}\u2069"
