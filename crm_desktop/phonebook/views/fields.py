"""Small typed inputs the phonebook's forms share: a ValidatedField around any core validator
(national code, postal code, e-mail, number), a phone field that follows its kind combo the way
the model does, and the editor of one custom field by its kind."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from crm_desktop.core import jalali, phone, validators
from crm_desktop.core.digits import persian_decimal, to_persian
from crm_desktop.phonebook import model
from crm_desktop.phonebook.repo_groups import number_text
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.validated_field import ValidatedField


class CheckedEdit(ValidatedField):
    """A line edit checked by ``parse(text) -> value`` (a core validator raising
    ValidationError); good values are shown back through ``display`` (Persian digits)."""

    valueChanged = Signal(object)

    def __init__(self, parse: Callable[[str], str], parent: QWidget | None = None, *, name: str | None = None,
                 field_name: str = "", display: Callable[[str], str] = to_persian, left_to_right: bool = True):
        self._parse_fn = parse
        self._display_fn = display
        super().__init__(parent, name=name, field_name=field_name, optional=True)
        if not left_to_right:
            self.edit.setLayoutDirection(Qt.RightToLeft)
        self.edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)

    def _parse(self, text: str):
        return self._parse_fn(text)

    def _display(self, value) -> str:
        return self._display_fn(value)

    def _value_changed(self, value) -> None:
        self.valueChanged.emit(value)

    def value(self):
        """The checked value ('' or None when empty / invalid)."""
        return self._check(self.edit.text())[0]

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(text or "")
        if (text or "").strip():
            self.validate()
        else:
            self._set_value(None)


def national_code_edit(parent=None, name=None, organisation=lambda: False) -> CheckedEdit:
    """A person's national code («کد ملی», 10 digits), or while ``organisation()`` is true a legal
    entity's national ID («شناسه ملی», 11 digits): the contact form asks which the contact is."""
    return CheckedEdit(lambda t: validators.legal_national_id(t) if organisation() else validators.national_code(t),
                       parent, name=name, field_name="کد ملی")


def postal_code_edit(parent=None, name=None) -> CheckedEdit:
    return CheckedEdit(lambda t: validators.postal_code(t), parent, name=name, field_name="کد پستی")


def email_edit(parent=None, name=None) -> CheckedEdit:
    return CheckedEdit(lambda t: validators.email(t, field="پست الکترونیک"), parent, name=name,
                       field_name="پست الکترونیک", display=str)


def parse_number(text: str, field: str = "عدد") -> str:
    """A number typed in any digit script as the field stores it (``repo_groups.number_text``:
    the rule imports and the repository keep, so the form never takes what saving refuses)."""
    return number_text(text, field)


def check_contact_phone(text: str, kind: str, field: str = "شماره تلفن") -> str:
    """The same rule as model.normalised(): a mobile must be a mobile; other kinds need at least
    three digits (internal extensions and short service numbers are fine)."""
    if kind == "mobile":
        return validators.mobile(text, field="تلفن همراه")
    national = phone.national_form(text)
    if len(national) < 3 or not phone.phone_digits(text):
        raise model.too_short(text, field)
    return national


class ContactPhoneEdit(ValidatedField):
    """A phone number checked for the kind chosen beside it (همراه, منزل, محل کار …)."""

    numberChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None, kind: str = "mobile"):
        self.kind = kind
        super().__init__(parent, name=name, field_name="شماره تلفن", optional=True)
        self.edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)
        self.edit.setMaxLength(32)
        self.edit.setInputMethodHints(Qt.ImhDialableCharactersOnly)

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        if self.edit.text().strip():
            self.validate()

    def _parse(self, text: str) -> str:
        return check_contact_phone(text, self.kind)

    def _display(self, value: str) -> str:  # a foreign number keeps the groups it was typed with
        return phone.format_phone(value, typed=self.edit.text())

    def _value_changed(self, value) -> None:
        self.numberChanged.emit(value)

    def national(self) -> str | None:
        return self._check(self.edit.text())[0]

    def setNumber(self, number: str | None) -> None:  # noqa: N802
        if not number:
            self._set_value(None)
            return
        self.edit.setText(str(number))
        self.validate()


class CustomFieldEditor:
    """Builds the editor for one custom field and reads / writes its stored text:
    text → QLineEdit, number → CheckedEdit (ASCII digits stored), date → JalaliDateEdit (ISO
    stored), choice → QComboBox (an empty first entry; a stored value no longer listed is kept)."""

    def __init__(self, custom_field: model.CustomField, parent: QWidget | None = None):
        self.field = custom_field
        name = f"contact.custom.{custom_field.id}"
        kind = custom_field.kind
        if kind == "number":
            self.widget = CheckedEdit(lambda t: parse_number(t, custom_field.name), parent, name=name,
                                      field_name=custom_field.name, display=persian_decimal)  # «۲٫۵»
        elif kind == "date":
            self.widget = JalaliDateEdit(parent, name=name, field_name=custom_field.name)
        elif kind == "choice":
            self.widget = QComboBox(parent)
            self.widget.setObjectName(name)
            self.widget.addItem("", "")
            for choice in custom_field.choices:
                self.widget.addItem(choice, choice)
        else:
            self.widget = QLineEdit(parent)
            self.widget.setObjectName(name)

    def set_value(self, stored: str | None) -> None:
        stored = stored or ""
        w = self.widget
        if isinstance(w, JalaliDateEdit):
            try:
                w.setDate(jalali.from_iso(stored) if stored else None)
            except ValueError:
                w.edit.setText(stored)
                w.validate()
        elif isinstance(w, CheckedEdit):
            w.setText(persian_decimal(stored) if stored else "")
        elif isinstance(w, QComboBox):
            index = w.findData(stored)
            if index < 0 and stored:
                w.addItem(stored, stored)
                index = w.count() - 1
            w.setCurrentIndex(max(index, 0))
        else:
            w.setText(stored)

    def validate(self) -> bool:
        w = self.widget
        if isinstance(w, ValidatedField):
            return w.validate()
        return True

    def value(self) -> str:
        """The stored text ('' for nothing); call validate() first."""
        w = self.widget
        if isinstance(w, JalaliDateEdit):
            d: date | None = w.date()
            return jalali.iso_date(d) if d else ""
        if isinstance(w, CheckedEdit):
            return w.value() or ""
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        return w.text().strip()

    def state(self) -> str:
        """What the operator sees (for the unsaved-changes check)."""
        w = self.widget
        if isinstance(w, ValidatedField):
            return w.text()
        if isinstance(w, QComboBox):
            return w.currentText()
        return w.text()
