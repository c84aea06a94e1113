"""PhoneEdit: a phone number in any digit script, with +98 / 0098, checked as mobile or landline;
PhoneRowGuard: the checks of a phone row (kind, number, extension) in a form.

«+98 912 123 4567», «۰۹۱۲۱۲۳۴۵۶۷», «0098-21-88776655» are shown back grouped in Persian digits
(«۰۹۱۲ ۱۲۳ ۴۵۶۷», «۰۲۱ ۸۸۷۷ ۶۶۵۵»); ``national()`` gives the stored form (``09121234567``).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from crm_desktop.core import phone, validators
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import ValidationError
from crm_desktop.ui.validated_field import ValidatedField, mark_invalid

KINDS = ("mobile", "landline", "any")
DEFAULT_FIELD_NAMES = {"mobile": "تلفن همراه", "landline": "تلفن ثابت", "any": "تلفن"}
EXTENSION_TWICE = "داخلی هم پس از شماره آمده و هم در خانهٔ «داخلی» با عددی دیگر؛ یکی را پاک کنید."
EXTENSION_WITHOUT_NUMBER = "داخلی: شماره‌ای کنار این داخلی نیست؛ شماره را هم بنویسید."


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


class PhoneRowGuard(QObject):
    """The checks of one phone row of a form: a kind combo (``currentData()`` is the kind), a
    number field (a ValidatedField with ``kind`` / ``set_kind``, e.g. the contact form's) and an
    extension line edit. The form calls ``validate()`` before saving; ``editingFinished`` of the
    number and the extension and a change of kind call it too.

    * An extension written after the number («۰۲۱ ۸۸۷۷ ۶۶۵۵ داخلی ۲۰», ``x20``, ``#20``, ``,20``)
      moves into the extension field (``split(text) -> (number, ext)`` finds it).
    * ``check(text, kind) -> national`` (raises ValidationError) is the form's rule; it applies
      to a row the operator typed or changed. A row as loaded (``mark_loaded()``), number and kind
      untouched, keeps the number field's own check: an old number never blocks an unrelated edit.
    * The extension must be digits (``validators.extension``; shown back in Persian digits) and
      needs a number beside it. Its message shows under the row, the extension marked invalid.
    * A wrong number stays as typed (the field's own check would reformat it and drop what it
      does not understand), with the message under it.

    It takes over the number's ``editingFinished`` (which would otherwise re-check the number the
    field's way first) and follows the kind combo; the row connects nothing else to it."""

    def __init__(self, kind: QComboBox, number: ValidatedField, ext: QLineEdit, *,
                 split: Callable[[str], tuple[str, str]], check: Callable[[str, str], str]):
        super().__init__(number)
        self.kind, self.number, self.ext = kind, number, ext
        self._split, self._check = split, check
        self._baseline: tuple | None = None  # (kind, number text, ext text) as loaded; None: a new row
        self._number_live = False  # our message shows under the number: re-check while typing
        self._kind_chosen = False  # the operator picked the kind (a new row's is the combo's first)
        self._ext_normal = QPalette(ext.palette())
        self.ext_error = QLabel(number)
        self.ext_error.setObjectName(f"{ext.objectName()}.error")
        self.ext_error.setWordWrap(True)
        self.ext_error.setTextFormat(Qt.PlainText)
        self.ext_error.setPalette(number.error_label.palette())
        self.ext_error.setFont(number.error_label.font())
        self.ext_error.hide()
        number.outer.addWidget(self.ext_error)

        number.edit.editingFinished.disconnect(number.validate)
        number.edit.editingFinished.connect(self.validate_number)
        number.edit.textEdited.connect(self._number_edited)  # after the field's own live re-check
        kind.currentIndexChanged.connect(self.validate_number)  # the row leaves the kind to the guard
        kind.activated.connect(self._kind_picked)
        ext.editingFinished.connect(self.validate_ext)
        ext.textEdited.connect(self._ext_edited)

    # -- what changed ---------------------------------------------------------------------------
    def mark_loaded(self) -> None:
        """The row now shows a stored phone: until the operator changes it, it is not re-judged."""
        self._baseline = (self.kind.currentData(), self.number.text(), self.ext.text())

    def number_touched(self) -> bool:
        return self._baseline is None or (self.kind.currentData(), self.number.text()) != self._baseline[:2]

    def ext_touched(self) -> bool:
        return self._baseline is None or self.ext.text() != self._baseline[2]

    # -- checking -------------------------------------------------------------------------------
    def move_extension(self) -> None:
        """«… داخلی ۲۰» after the number goes into the extension field (when that is empty or
        says the same)."""
        number, ext = self._split(self.number.text())
        if ext and to_latin(self.ext.text().strip()) in ("", ext):
            self.number.edit.setText(number)
            self.ext.setText(to_persian(ext))

    def number_error(self) -> str:
        """The Persian message for the number as it stands ('' when it is fine)."""
        text = self.number.text()
        if not text.strip():
            return ""
        if not self.number_touched():
            return self.number.error_text()
        if self._split(text)[1]:  # still there: the extension field says another one
            return EXTENSION_TWICE
        try:
            self._check(text, self.kind.currentData())
        except ValidationError as error:
            return error.fa
        return ""

    def ext_error_text(self) -> str:
        if not self.ext.text().strip() or not self.ext_touched():
            return ""
        if not self.number.text().strip():
            return EXTENSION_WITHOUT_NUMBER
        try:
            validators.extension(self.ext.text())
        except ValidationError as error:
            return error.fa
        return ""

    def validate(self) -> bool:
        """Check the whole row now and show what is wrong; True when it can be saved."""
        number_ok = self.validate_number()
        return self.validate_ext() and number_ok

    def _kind_picked(self, _index: int) -> None:
        self._kind_chosen = True

    def follow_number(self) -> None:
        """A new row whose kind the operator left at «همراه» takes the kind its number shows: an
        office's landline typed in the first row was refused as «شماره همراه درست نیست»; it is
        now «محل کار» (a foreign or short number «دیگر»), as the operator would have picked."""
        if self._kind_chosen or self._baseline is not None or self.kind.currentData() != "mobile":
            return
        text = self.number.text()
        national = phone.national_form(text)
        if not national or national.startswith("09"):
            return  # a mobile, or a mobile's typo: the mobile message is the right one
        wanted = "work" if phone.is_landline(national) else "other"
        try:
            self._check(text, wanted)
        except ValidationError:
            return
        index = self.kind.findData(wanted)
        if index >= 0:
            self.kind.blockSignals(True)  # the check below runs once, for the new kind
            self.kind.setCurrentIndex(index)
            self.kind.blockSignals(False)

    def validate_number(self) -> bool:
        self.move_extension()
        self.follow_number()
        error = self.number_error()
        kind = self.kind.currentData()
        self._number_live = bool(error)
        if error:
            self.number.kind = kind  # set_kind would re-check (and reformat) the field's way
            self.number.set_external_error(error)
            return False
        self.number.set_kind(kind)
        return self.number.validate()

    def validate_ext(self) -> bool:
        error = self.ext_error_text()
        self._show_ext_error(error)
        if not error and self.ext.text().strip() and self.ext_touched():
            shown = to_persian(validators.extension(self.ext.text()))
            if shown != self.ext.text():
                self.ext.setText(shown)
        return not error

    def shown_ext_error(self) -> str:
        return self.ext_error.text() if not self.ext_error.isHidden() else ""

    def _show_ext_error(self, message: str) -> None:
        self.ext_error.setText(message)
        self.ext_error.setVisible(bool(message))
        mark_invalid(self.ext, self._ext_normal, message)

    def _number_edited(self, _text: str) -> None:
        """Re-check live while a message shows (the field has just re-checked its own way)."""
        if self._number_live:
            error = self.number_error()
            self._number_live = bool(error)
            if error:
                self.number.set_external_error(error)
        if self.shown_ext_error():
            self._show_ext_error(self.ext_error_text())

    def _ext_edited(self, _text: str) -> None:
        if self.shown_ext_error():
            self._show_ext_error(self.ext_error_text())
