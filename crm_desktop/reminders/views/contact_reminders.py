"""The phonebook's link to the reminder book: a contact's reminders (in the contact form, beside
its notes) and «یادآوری تازه» for the contact — the reminder form opens with the contact chosen
and a subject like «پیگیری تماس با علی رضایی».

    box = ContactRemindersBox(office, contact_id, clock=...)   # a QGroupBox
    new_reminder_for_contact(office, contact_id, parent, clock) -> id | None
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from crm_desktop.reminders.views.common import colour_icon, datetime_text

FOLLOW_UP = "پیگیری تماس با {name}"
FOLLOW_UP_GROUP = "پیگیری"


def follow_up_prefill(office, contact_id: int, now: datetime):
    """A new reminder about the contact: subject «پیگیری تماس با …», group «پیگیری» if it exists,
    the next whole hour."""
    from crm_desktop.reminders.model import Reminder
    from crm_desktop.reminders.views.reminder_dialog import default_start

    contact = office.phonebook.get(contact_id)
    name = contact.display_name if contact is not None else ""
    group = next((g for g in office.reminders.groups() if g.name == FOLLOW_UP_GROUP), None)
    return Reminder(subject=FOLLOW_UP.format(name=name).strip(), starts_at=default_start(now),
                    contact_id=contact_id if contact is not None else None, group_id=group.id if group else None)


def _default_dialog(office, parent, prefill, clock):
    from crm_desktop.reminders.views.reminder_dialog import ReminderDialog

    return ReminderDialog(office, None, parent, prefill=prefill, clock=clock)


#: (office, parent, prefill, clock) -> a ReminderDialog; tests replace it.
dialog_factory = _default_dialog


def new_reminder_for_contact(office, contact_id: int, parent: QWidget | None,
                             clock: Callable[[], datetime] = datetime.now) -> int | None:
    dialog = dialog_factory(office, parent, follow_up_prefill(office, contact_id, clock()), clock)
    saved: list[int] = []
    dialog.saved.connect(saved.append)
    dialog.exec()
    dialog.deleteLater()
    return saved[-1] if saved else None


def row_text(row) -> str:
    when = row.next_at or row.starts_at
    text = f"{datetime_text(when)}  {row.subject}"
    if row.next_at is None:
        text += " (گذشته)"
    return text


class ContactRemindersBox(QGroupBox):
    """The contact's reminders (next time first) and «یادآوری تازه»; a double-click opens one."""

    changed = Signal()

    def __init__(self, office, contact_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__("یادآوری‌ها", parent)
        self.setObjectName("contact.reminders")
        self.office = office
        self.contact_id = contact_id
        self.clock = clock
        self.list = QListWidget(self)
        self.list.setObjectName("contact.reminders.list")
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 5 + 16)
        self.list.itemActivated.connect(self._open)
        self.new_button = QPushButton("یادآوری تازه…", self)
        self.new_button.setObjectName("contact.reminders.new")
        self.new_button.setAutoDefault(False)
        self.new_button.setToolTip("یادآوری تازه برای این مخاطب (مثلاً پیگیری تماس)")
        self.new_button.clicked.connect(self.new_reminder)
        self.empty = QLabel("یادآوری‌ای برای این مخاطب ثبت نشده است.", self)
        self.empty.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.empty, 1)
        row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.reload()

    def rows(self) -> list:
        rows = list(self.office.reminders.for_contact(self.contact_id, now=self.clock()))
        far = datetime.max
        return sorted(rows, key=lambda r: (r.next_at is None, r.next_at or far, r.starts_at))

    def reload(self) -> None:
        self.list.clear()
        rows = self.rows()
        for row in rows:
            item = QListWidgetItem(colour_icon(row.colour, 12), row_text(row))
            item.setData(Qt.UserRole, row.id)
            item.setToolTip(row.note or row.subject)
            self.list.addItem(item)
        self.list.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def new_reminder(self) -> int | None:
        new_id = new_reminder_for_contact(self.office, self.contact_id, self.window(), self.clock)
        if new_id:
            self.reload()
            self.changed.emit()
        return new_id

    def _open(self, item) -> None:
        from crm_desktop.reminders.views.reminder_dialog import ReminderDialog

        dialog = ReminderDialog(self.office, item.data(Qt.UserRole), self.window(), clock=self.clock)
        if dialog.exec():
            self.reload()
        dialog.deleteLater()
