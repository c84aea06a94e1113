"""PhoneEdit: a phone number in any digit script, with +98 / 0098, checked as mobile or landline.

«+98 912 123 4567», «۰۹۱۲۱۲۳۴۵۶۷», «0098-21-88776655» are shown back grouped in Persian digits
(«۰۹۱۲ ۱۲۳ ۴۵۶۷», «۰۲۱ ۸۸۷۷ ۶۶۵۵»); ``national()`` gives the stored form (``09121234567``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from crm_desktop.core import phone, validators
from crm_desktop.errors import ValidationError
from crm_desktop.ui.validated_field import ValidatedField

KINDS = ("mobile", "landline", "any")
DEFAULT_FIELD_NAMES = {"mobile": "تلفن همراه", "landline": "تلفن ثابت", "any": "تلفن"}


def check_phone(text: str, kind: str, field: str) -> str:
    """The national form of ``text`` for ``kind``, or ValidationError with a Persian message."""
    if kind == "mobile":
        return validators.mobile(text, field)
    if kind == "landline":
        return validators.landline(text, field)
    try:
        return validators.mobile(text, field)
    except ValidationError as mobile_error:
        try:
            return validators.landline(text, field)
        except ValidationError as landline_error:
            national = phone.national_form(text)
            if national.startswith("09"):
                raise mobile_error from None
            if len(phone.phone_digits(text)) == 8:
                raise landline_error from None  # «پیش‌شماره شهر را هم بنویسید»
            raise ValidationError(
                f"{field}: not a phone number; write it like 0912 123 4567 or 021 8877 6655",
                f"{field}: شماره تلفن درست نیست؛ مانند \u2066۰۹۱۲ ۱۲۳ ۴۵۶۷\u2069 یا \u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069 بنویسید.",
                field,
            ) from None


class PhoneEdit(ValidatedField):
    """A phone field; ``kind`` is "mobile", "landline" or "any" (either). ``national()`` is the
    national form or None (empty or invalid); ``numberChanged(object)`` carries the same."""

    numberChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None, kind: str = "any",
                 field_name: str | None = None, optional: bool = True):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.kind = kind
        super().__init__(parent, name=name, field_name=field_name or DEFAULT_FIELD_NAMES[kind], optional=optional)
        self.edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)
        self.edit.setMaxLength(32)
        self.edit.setInputMethodHints(Qt.ImhDialableCharactersOnly)

    def set_kind(self, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.kind = kind
        if self.edit.text().strip():
            self.validate()

    def _parse(self, text: str) -> str:
        return check_phone(text, self.kind, self.field_name)

    def _display(self, value: str) -> str:
        return phone.format_phone(value)

    def _value_changed(self, value) -> None:
        self.numberChanged.emit(value)

    def national(self) -> str | None:
        """``09121234567`` / ``02188776655`` for the text as it stands now; None if empty or invalid."""
        return self._check(self.edit.text())[0]

    def setNumber(self, number: str | None) -> None:  # noqa: N802 - Qt naming
        """Show a stored number (any written form); an invalid one is shown as is, with the error."""
        if not number:
            self._set_value(None)
            return
        self.edit.setText(str(number))
        self.validate()

    def is_mobile(self) -> bool:
        value = self.national()
        return bool(value) and phone.is_mobile(value)
