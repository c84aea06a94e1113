"""The notes log of one contact: entries newest first, each with its kind (یادداشت، تماس، جلسه،
گزارش پشتیبانی), its Jalali date and time and its text; a form to add an entry (the date and time
default to now through an injectable clock), «ویرایش» (or a double click) to correct an entry in
its place, and «حذف» with a confirmation.

    NotesWidget(office, contact_id, parent, clock=datetime.now)
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core import jalali
from crm_desktop.phonebook import model
from crm_desktop.phonebook.repo_notes import typed_note_time
from crm_desktop.phonebook.views.fields import CheckedEdit
from crm_desktop.ui import dialogs
from crm_desktop.ui.actions import push_button

KIND_COLOURS = {"note": "#607d8b", "call": "#2e7d32", "meeting": "#1565c0", "support": "#ef6c00"}
KIND_SYMBOLS = {"note": "✎", "call": "☎", "meeting": "👥", "support": "🛠"}
TITLE = "سوابق و یادداشت‌ها"
ADD_TEXT = "افزودن به سوابق"
DELETE_TEXT = "حذف"
EDIT_TEXT = "ویرایش"
SAVE_EDIT_TEXT = "ذخیره تغییر"
CANCEL_EDIT_TEXT = "انصراف از ویرایش"
EMPTY_TEXT = "هنوز چیزی ثبت نشده است."


def kind_icon(kind: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(KIND_COLOURS.get(kind, "#607d8b")))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def note_heading(note: model.Note) -> str:
    """«تماس — ۱۴۰۳/۰۷/۱۵، ساعت ۰۹:۳۰» (date and time each bidi-isolated: read right to left,
    the date comes first)."""
    label = model.NOTE_KINDS.get(note.kind, note.kind)
    if not note.at:
        return label
    try:
        at = jalali.from_iso_datetime(note.at)
    except ValueError:
        return f"{label} — \u2068{note.at}\u2069"
    return f"{label} — \u2066{jalali.format_date(at)}\u2069، ساعت \u2066{jalali.format_time(at)}\u2069"


class NotesWidget(QWidget):
    """``changed`` fires after an entry is added, edited or deleted."""

    changed = Signal()

    def __init__(self, office, contact_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.setObjectName("notes")
        self.office = office
        self.contact_id = contact_id
        self.clock = clock
        self.notes: list[model.Note] = []

        title = QLabel(TITLE, self)
        title.setObjectName("notes.title")
        font = title.font()
        font.setBold(True)
        title.setFont(font)

        self.list = QListWidget(self)
        self.list.setObjectName("notes.list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(12, 12))
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._update_buttons)

        self.kind = QComboBox(self)
        self.kind.setObjectName("notes.kind")
        for key, label in model.NOTE_KINDS.items():
            self.kind.addItem(kind_icon(key), label, key)
        self.when = CheckedEdit(lambda t: typed_note_time(t, self.clock()),
                                self, name="notes.when",
                                field_name="تاریخ و ساعت", display=jalali.format_datetime)
        self.when.edit.setAlignment(Qt.AlignCenter)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("notes.text")
        self.text.setPlaceholderText("شرح تماس، جلسه یا یادداشت…")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 3 + 16)
        self.text_error = QLabel(self)
        self.text_error.setObjectName("notes.text.error")
        self.text_error.setStyleSheet("color: #c62828;")
        self.text_error.hide()
        self.add_button = push_button(self, ADD_TEXT, "notes.add", self.add_entry)
        self.delete_button = push_button(self, DELETE_TEXT, "notes.delete", self.delete_selected)
        self.edit_button = push_button(self, EDIT_TEXT, "notes.edit", self.edit_selected)
        self.cancel_edit_button = push_button(self, CANCEL_EDIT_TEXT, "notes.cancel_edit", self.reset_form)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.editing: int | None = None  # the id of the entry the editor holds (None: a new one)
        QShortcut(QKeySequence.Delete, self.list, self.delete_selected, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence("Ctrl+Return"), self.text, self.add_entry, context=Qt.WidgetShortcut)
        self.when.edit.installEventFilter(self)  # Enter in the time adds the entry (it pressed «ذخیره»)

        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.when, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.text_error)
        layout.addLayout(buttons)
        self.reset_form()
        self.reload()

    # -- showing --------------------------------------------------------------------------------
    def reload(self) -> None:
        self.notes = list(self.office.phonebook.notes(self.contact_id))
        self.list.clear()
        for note in self.notes:
            item = QListWidgetItem(kind_icon(note.kind), f"{note_heading(note)}\n{note.text}")
            item.setData(Qt.UserRole, note.id)
            item.setToolTip(note.text)
            self.list.addItem(item)
        if not self.notes:
            item = QListWidgetItem(EMPTY_TEXT)
            item.setFlags(Qt.NoItemFlags)
            self.list.addItem(item)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        self.delete_button.setEnabled(self.selected_note() is not None)
        self.edit_button.setEnabled(self.selected_note() is not None)

    def shown_entries(self) -> list[str]:
        """The entries as the list shows them, top first (tests)."""
        return [self.list.item(i).text() for i in range(self.list.count()) if self.list.item(i).data(Qt.UserRole)]

    def selected_note(self) -> model.Note | None:
        item = self.list.currentItem()
        if item is None or item.data(Qt.UserRole) is None:
            return None
        note_id = item.data(Qt.UserRole)
        return next((n for n in self.notes if n.id == note_id), None)

    # -- editing --------------------------------------------------------------------------------
    def reset_form(self) -> None:
        """An empty editor for a new entry at the clock's minute (also: leave an edit unsaved)."""
        self.editing = None
        self.add_button.setText(ADD_TEXT)
        self.cancel_edit_button.hide()
        self.text.clear()
        self.when.setText(jalali.format_datetime(self.clock().replace(second=0, microsecond=0)))
        self.when.validate()
        self.text_error.hide()

    def edit_selected(self) -> bool:
        """Put the selected entry in the editor; «ذخیره تغییر» then saves it in its place."""
        note = self.selected_note()
        if note is None:
            return False
        self.editing = note.id
        self.kind.setCurrentIndex(max(0, self.kind.findData(note.kind)))
        try:
            self.when.setText(jalali.format_datetime(jalali.from_iso_datetime(note.at)))
        except ValueError:
            self.when.setText(note.at)
        self.text.setPlainText(note.text)
        self.text_error.hide()
        self.add_button.setText(SAVE_EDIT_TEXT)
        self.cancel_edit_button.show()
        self.text.setFocus()
        return True

    def add_entry(self) -> int | None:
        text = self.text.toPlainText().strip()
        ok = self.when.validate()
        if not text:
            self.text_error.setText("متن را بنویسید.")
            self.text_error.show()
            self.text.setFocus()
            return None
        self.text_error.hide()
        if not ok:
            self.when.setFocus()
            return None
        at = jalali.iso_datetime(self.when.value())
        note = model.Note(contact_id=self.contact_id, text=text, kind=self.kind.currentData(), at=at, id=self.editing)
        if self.editing is not None:
            self.office.phonebook.update_note(note)
            note_id = self.editing
        else:
            note_id = self.office.phonebook.add_note(note)
        self.reset_form()
        self.reload()
        self.changed.emit()
        return note_id

    def delete_selected(self) -> bool:
        note = self.selected_note()
        if note is None:
            return False
        heading = note_heading(note)
        if not dialogs.confirm(self, f"این مورد از سوابق حذف شود؟\n{heading}", "حذف از سوابق"):
            return False
        self.office.phonebook.delete_note(note.id)
        if self.editing == note.id:
            self.reset_form()
        self.reload()
        self.changed.emit()
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if (watched is self.when.edit and event.type() == QEvent.KeyPress
                and event.key() in (Qt.Key_Return, Qt.Key_Enter)):
            self.add_entry()
            return True
        return super().eventFilter(watched, event)

    def has_draft(self) -> bool:
        return bool(self.text.toPlainText().strip())

    def draft_ready(self) -> bool:
        """Whether a draft entry can be stored as it stands (else its problem shows on its field)."""
        if self.when.validate():
            return True
        self.when.setFocus()
        return False
