"""The prompt the managers share for a name (a group's, a bank's): the name in a line, «تأیید» and
«انصراف», right to left. «تأیید» hands the name to ``store``, which saves it or raises UserError;
a refusal (no name one can see, a name another has, one too long) shows in red under the line,
the prompt staying open with what was typed, until a name is taken or the operator cancels.

    ask_name(parent, title, label, text, store, required="نام گروه را وارد کنید.")
        -> what ``store`` returned, or None when cancelled

Tests answer the real prompt without a modal loop by replacing ``exec_hook`` (default:
``prompt.exec()``) with a function that types into ``prompt.edit`` and clicks its buttons."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs
from crm_desktop.ui.validated_field import ERROR_COLOR, mark_invalid


class NamePrompt(QDialog):
    def __init__(self, parent: QWidget | None, title: str, label: str, text: str,
                 store: Callable[[str], Any], required: str):
        super().__init__(parent)
        self.setObjectName("name_prompt")
        self.setLayoutDirection(Qt.RightToLeft)
        self.setWindowTitle(title)
        self.store = store
        self.required = required  # what is said for a name one cannot see
        self.stored: Any = None  # what ``store`` returned
        self.edit = QLineEdit(text, self)
        self.edit.setObjectName("name_prompt.edit")
        self.edit.selectAll()
        self._normal = QPalette(self.edit.palette())
        caption = QLabel(label, self)
        caption.setBuddy(self.edit)
        self.error = QLabel(self)
        self.error.setObjectName("name_prompt.error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.PlainText)
        palette = self.error.palette()
        palette.setColor(QPalette.WindowText, ERROR_COLOR)
        self.error.setPalette(palette)
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(dialogs.OK_TEXT, QDialogButtonBox.AcceptRole)
        self.ok_button.setObjectName("name_prompt.ok")
        self.ok_button.setDefault(True)
        self.cancel_button = buttons.addButton(dialogs.CANCEL_TEXT, QDialogButtonBox.RejectRole)
        self.cancel_button.setObjectName("name_prompt.cancel")
        self.cancel_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def shown_error(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def accept(self) -> None:
        name = self.edit.text()
        try:
            if not normalise(name):  # nothing, spaces, or only invisible marks (a half-space)
                raise UserError("a name is needed", self.required)
            self.stored = self.store(name)
        except UserError as refusal:
            self._show_refusal(refusal.fa)
            self.edit.setFocus()
            self.edit.selectAll()  # what was typed stays, selected, for the next try
            return
        self._show_refusal("")
        super().accept()

    def _show_refusal(self, message: str) -> None:
        """Say why under the line ('': nothing to say)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        mark_invalid(self.edit, self._normal, message)
        self.adjustSize()  # a two-line reason grows the prompt instead of being cut


def _default_exec(prompt: NamePrompt) -> None:
    prompt.exec()


#: Runs the prompt modally. Tests replace it with ``fn(prompt)`` that types and clicks.
exec_hook: Callable[[NamePrompt], None] = _default_exec


def ask_name(parent: QWidget | None, title: str, label: str, text: str, store: Callable[[str], Any],
             required: str = "نام را وارد کنید.") -> Any:
    """Ask for a name until ``store`` takes it (its result) or the operator cancels (None)."""
    prompt = NamePrompt(parent, title, label, text, store, required)
    try:
        exec_hook(prompt)
        return prompt.stored if prompt.result() == QDialog.Accepted else None
    finally:
        prompt.deleteLater()
