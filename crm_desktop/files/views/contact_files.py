"""The phonebook's link to the files: on a contact's card, the files of that person (پرونده
پرسنلی / مشتری / متقاضی استخدام, with number and state); a double-click opens the file's form.

    box = ContactFilesBox(office, contact_id, clock=...)   # a QGroupBox
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from crm_desktop.files.views.common import date_text, isolate, number_text


def file_line(f) -> str:
    """«پرونده مشتری C-۰۰۰۱ — مشتری بالقوه (از ۱۴۰۴/۰۱/۲۰)»"""
    return f"{f.kind_label} {number_text(f.number)} — {f.state_label} (از {isolate(date_text(f.state_on))})"


def _default_open(office, file_id, parent, clock):
    from crm_desktop.files.views.file_dialog import FileDialog

    dialog = FileDialog(office, None, file_id, parent, clock=clock)
    dialog.exec()
    dialog.deleteLater()


class ContactFilesBox(QGroupBox):
    def __init__(self, office, contact_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__("پرونده‌ها", parent)
        self.setObjectName("contact.files")
        self.office = office
        self.contact_id = contact_id
        self.clock = clock
        self.open_file = _default_open
        self.list = QListWidget(self)
        self.list.setObjectName("contact.files.list")
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 4 + 16)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._open)
        self.empty = QLabel("پرونده‌ای برای این مخاطب باز نشده است.", self)
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        found = self.office.files.for_contact(self.contact_id)
        for f in found:
            item = QListWidgetItem(file_line(f))
            item.setData(Qt.UserRole, f.id)
            item.setToolTip(item.text())
            self.list.addItem(item)
        self.list.setVisible(bool(found))
        self.empty.setVisible(not found)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _open(self, item) -> None:
        self.open_file(self.office, item.data(Qt.UserRole), self.window(), self.clock)
        self.reload()
