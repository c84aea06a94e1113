"""A file's attachments (پیوست‌ها: scans of an ID card, a contract, certificates): «افزودن…»
(several files at once), «باز کردن», «ذخیره در…», «حذف». What is added or deleted waits for the
form's «ذخیره» (``apply(file_id)`` inside its transaction), so «انصراف» leaves the file as it
was. A file that cannot be read, an empty one or one over 20 MB is reported in Persian and not
added; a large one is added with the repository's size warning shown.

    box = AttachmentsBox(office, file_id)      # None for a new file
    box.apply(file_id)                         # on save
"""

from __future__ import annotations

import mimetypes
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.files.model import MAX_ATTACHMENT, Attachment
from crm_desktop.files.repo import size_warning
from crm_desktop.files.views.common import error_label
from crm_desktop.phonebook.views import list_actions
from crm_desktop.ui import dialogs

WARNING_STYLE = "color: #b45309;"


def _pick_files(parent) -> list[str]:
    return QFileDialog.getOpenFileNames(parent, "افزودن پیوست", "", "همهٔ پرونده‌ها (*)")[0]


@dataclass
class Pending:
    """An attachment read from disk, not stored yet."""

    name: str
    data: bytes
    mime: str


class AttachmentsBox(QGroupBox):
    changed = Signal()

    def __init__(self, office, file_id: int | None, parent: QWidget | None = None, *,
                 pick_files: Callable[[QWidget], list[str]] | None = None):
        super().__init__("پیوست‌ها", parent)
        self.setObjectName("file.attachments")
        self.office = office
        self.file_id = file_id
        self.pick_files = pick_files or _pick_files
        self.stored: list[Attachment] = office.files.attachments(file_id) if file_id is not None else []
        self.pending: list[Pending] = []
        self.removed: set[int] = set()
        self.list = QListWidget(self)
        self.list.setObjectName("file.attachments.list")
        self.list.setSelectionMode(QListWidget.ExtendedSelection)
        self.list.itemActivated.connect(lambda _i: self.open_current())
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.empty = QLabel("پیوستی نیست.", self)
        self.empty.setEnabled(False)
        self.warning = QLabel(self)
        self.warning.setObjectName("file.attachments.warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.error = error_label("file.attachments.error")
        self.add_button = self._button("افزودن…", "add", self.add_files)
        self.open_button = self._button("باز کردن", "open", self.open_current)
        self.save_button = self._button("ذخیره در…", "save_as", self.save_current)
        self.delete_button = self._button("حذف", "delete", self.delete_current)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._fill()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"file.attachments.{name}")
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: slot())
        return button

    # -- what is listed -----------------------------------------------------------------------------
    def items(self) -> list:
        """Stored attachments still kept, then the ones added since the form opened."""
        return [a for a in self.stored if a.id not in self.removed] + list(self.pending)

    def names(self) -> list[str]:
        return [item.name for item in self.items()]

    def _fill(self) -> None:
        self.list.clear()
        for item in self.items():
            size = item.size if isinstance(item, Attachment) else len(item.data)
            text = f"{item.name} — {Attachment(0, item.name, size=size).size_text}"
            if isinstance(item, Pending):
                text += " (تازه)"
            row = QListWidgetItem(text)
            row.setToolTip(text)
            row.setData(Qt.UserRole, item)
            self.list.addItem(row)
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        if has and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        for button in (self.open_button, self.save_button, self.delete_button):
            button.setEnabled(has)

    def current(self):
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def select(self, name: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole).name == name:
                self.list.setCurrentRow(row)
                return True
        return False

    def data_of(self, item) -> bytes:
        return item.data if isinstance(item, Pending) else self.office.files.attachment_data(item.id)

    # -- actions ------------------------------------------------------------------------------------
    def add_files(self, paths: list[str] | None = None) -> int:
        """Read the chosen files; the ones that cannot be read are reported, the rest listed."""
        paths = self.pick_files(self) if paths is None else paths
        problems, warnings, added = [], [], 0
        for path in paths or []:
            path = Path(path)
            try:
                data = path.read_bytes()
            except OSError as error:
                problems.append(f"«{path.name}» خوانده نشد: {error.strerror or error}")
                continue
            if not data:
                problems.append(f"«{path.name}» خالی است و پیوست نشد.")
                continue
            if len(data) > MAX_ATTACHMENT:
                problems.append(f"«{path.name}» بیش از ۲۰ مگابایت است؛ با کیفیت کمتری اسکن کنید.")
                continue
            warning = size_warning(len(data))
            if warning:
                warnings.append(f"«{path.name}»: {warning}")
            self.pending.append(Pending(path.name, data, mimetypes.guess_type(path.name)[0] or ""))
            added += 1
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        if added:
            self._fill()
            self.list.setCurrentRow(self.list.count() - 1)
            self.changed.emit()
        return added

    def delete_current(self) -> bool:
        item = self.current()
        if item is None:
            return False
        if not dialogs.confirm(self, f"پیوست «{item.name}» حذف شود؟", "حذف پیوست", yes_text="حذف",
                               no_text="انصراف"):
            return False
        if isinstance(item, Pending):
            self.pending.remove(item)
        else:
            self.removed.add(item.id)
        self._fill()
        self.changed.emit()
        return True

    def open_current(self) -> Path | None:
        """A copy in the temporary folder, opened in the system's viewer."""
        item = self.current()
        if item is None:
            return None
        try:
            folder = Path(tempfile.mkdtemp(prefix="crm_desktop-attachment-"))
            path = folder / Path(item.name).name
            path.write_bytes(self.data_of(item))
        except Exception as error:  # noqa: BLE001 - the operator sees why
            dialogs.show_error(self, error)
            return None
        if not list_actions.open_file(path):
            dialogs.show_info(self, f"پیوست در این پرونده ذخیره شد:\n{dialogs.path_text(path)}")
        return path

    def save_current(self) -> Path | None:
        item = self.current()
        if item is None:
            return None
        suggested = list_actions._documents() / Path(item.name).name
        path, _chosen = list_actions.ask_save_path(self, "ذخیرهٔ پیوست", suggested, ["همهٔ پرونده‌ها (*)"])
        if not path:
            return None
        try:
            Path(path).write_bytes(self.data_of(item))
        except OSError as error:
            dialogs.show_error(self, f"پیوست ذخیره نشد: {error.strerror or error}")
            return None
        return Path(path)

    # -- the form's save ----------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return bool(self.pending or self.removed)

    def apply(self, file_id: int) -> None:
        """Store what was added and delete what was removed (the caller holds the transaction)."""
        for attachment_id in sorted(self.removed):
            self.office.files.delete_attachment(attachment_id)
        for item in self.pending:
            self.office.files.add_attachment(file_id, item.name, item.data, item.mime)

    def saved(self, file_id: int) -> None:
        """After the form's save: what is stored now, nothing pending."""
        self.file_id = file_id
        self.stored = self.office.files.attachments(file_id)
        self.pending, self.removed = [], set()
        self._fill()
