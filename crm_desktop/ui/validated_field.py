"""The base of the typed input fields (date, money, phone): a line edit, a Persian error line.

A field parses its text with a core parser that raises ValidationError. On editing finished a
good value is shown back in its normal form (Persian digits); a bad one stays exactly as typed,
the edit is marked invalid and the Persian message shows in a small red label under it
(objectName ``<name>.error``). While an error shows, it is re-checked as the operator types, so
it disappears the moment the text is right ("reward early, punish late").
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from crm_desktop.errors import ValidationError

ERROR_COLOR = QColor("#c62828")
INVALID_BASE = QColor("#fdecea")


_NUMBER_GROUPS = re.compile(r"(?<![0-9۰-۹٠-٩+])\+?[0-9۰-۹٠-٩]+(?:[ \-][0-9۰-۹٠-٩]+)+")


def isolate_numbers(text: str) -> str:
    """Wrap runs like «۰۲۱ ۸۸۷۷ ۶۶۵۵» in a Persian sentence in LRI…PDI: without it the bidi
    algorithm lays the groups out right to left («۶۶۵۵ ۸۸۷۷ ۰۲۱»)."""
    if "\u2066" in text or "\u2068" in text:  # the message isolates its numbers itself
        return text
    return _NUMBER_GROUPS.sub(lambda m: f"\u2066{m.group(0)}\u2069", text)


def required_message(field_name: str) -> str:
    return f"{field_name} را وارد کنید."


def mark_invalid(edit: QWidget, normal: QPalette, message: str) -> None:
    """Show ``edit`` as invalid (a pale red base, ``message`` as its tooltip, the ``invalid``
    property) while ``message`` is not empty, else as normal again (its ``normal`` palette)."""
    invalid = bool(message)
    edit.setProperty("invalid", invalid)
    edit.setToolTip(message)
    if invalid:
        palette = QPalette(normal)
        palette.setColor(QPalette.Base, INVALID_BASE)
        edit.setPalette(palette)
    else:
        edit.setPalette(normal)


class ValidatedField(QWidget):
    """Subclasses implement ``_parse(text) -> value`` (raise ValidationError), ``_display(value)``
    and ``_value_changed(value)`` (emit their own signal)."""

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None, field_name: str = "",
                 optional: bool = True):
        super().__init__(parent)
        self.field_name = field_name
        self._optional = optional
        self._value: Any = None
        self._error = ""

        self.edit = QLineEdit(self)
        # Numbers read left to right even in a right-to-left form (an RTL field moves the cursor
        # and the separators the wrong way round).
        self.edit.setLayoutDirection(Qt.LeftToRight)
        self._normal_palette = QPalette(self.edit.palette())

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.PlainText)
        self.error_label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        palette = self.error_label.palette()
        palette.setColor(QPalette.WindowText, ERROR_COLOR)
        self.error_label.setPalette(palette)
        font = self.error_label.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        self.error_label.setFont(font)
        self.error_label.hide()

        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)
        self.row.addWidget(self.edit, 1)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(2)
        self.outer.addLayout(self.row)
        self.outer.addWidget(self.error_label)

        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.validate)
        self.edit.textEdited.connect(self._on_edited)
        if name:
            self.set_name(name)

    # -- names --------------------------------------------------------------------------------
    def set_name(self, name: str) -> None:
        """objectNames: the widget ``name``, its edit ``name.edit``, its message ``name.error``."""
        self.setObjectName(name)
        self.edit.setObjectName(f"{name}.edit")
        self.error_label.setObjectName(f"{name}.error")

    # -- subclass hooks -----------------------------------------------------------------------
    def _parse(self, text: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _display(self, value: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _value_changed(self, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- state --------------------------------------------------------------------------------
    def is_optional(self) -> bool:
        return self._optional

    def set_optional(self, optional: bool) -> None:
        self._optional = optional
        if self._error:
            self.validate()

    def text(self) -> str:
        return self.edit.text()

    def _check(self, text: str) -> tuple[Any, str]:
        """(value, "") or (None, Persian message) for ``text``; changes nothing."""
        if not text.strip():
            return None, ("" if self._optional else required_message(self.field_name))
        try:
            return self._parse(text), ""
        except ValidationError as error:
            return None, error.fa

    def is_valid(self) -> bool:
        """True if the text as it stands now is acceptable (empty is fine when optional)."""
        return not self._check(self.edit.text())[1]

    def error_text(self) -> str:
        """The Persian message for the text as it stands now ('' when it is acceptable)."""
        return self._check(self.edit.text())[1]

    def shown_error(self) -> str:
        """The message currently shown under the field ('' when none)."""
        return self._error

    def validate(self) -> bool:
        """Check the text now: show a good value in its normal form, or show the error.
        Called on editing finished; a form calls it before saving. Returns ``is_valid()``."""
        value, error = self._check(self.edit.text())
        if not error and value is not None:
            shown = self._display(value)
            if shown != self.edit.text():
                self.edit.setText(shown)
        self._show_error(error)
        self._store(value)
        return not error

    def _on_edited(self, _text: str) -> None:
        if self._error:  # re-check live only once an error is showing
            value, error = self._check(self.edit.text())
            self._show_error(error)
            self._store(value)

    def _store(self, value: Any) -> None:
        if value != self._value:
            self._value = value
            self._value_changed(value)

    def _set_value(self, value: Any) -> None:
        """Show ``value`` (None: empty), clear any error and emit the change signal."""
        self.edit.setText("" if value is None else self._display(value))
        self._show_error("")
        self._store(value)

    def _show_error(self, message: str) -> None:
        self._error = message
        invalid = bool(message)
        self.error_label.setText(isolate_numbers(message))
        self.error_label.setVisible(invalid)
        mark_invalid(self.edit, self._normal_palette, isolate_numbers(message))

    def set_external_error(self, message: str) -> None:
        """Show a message found elsewhere (e.g. a duplicate found on saving); '' clears it."""
        self._show_error(message)

    # -- pass-throughs ------------------------------------------------------------------------
    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt naming
        self.edit.setReadOnly(read_only)

    def isReadOnly(self) -> bool:  # noqa: N802
        return self.edit.isReadOnly()

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802
        self.edit.setPlaceholderText(text)
