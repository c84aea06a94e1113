"""MoneyEdit: an amount typed in any digit script, grouped as you type, said in words beneath.

The value is always an int of Rials. With ``unit="toman"`` the operator types tomans (one decimal
allowed, «۱۲٬۵۰۰٫۵» = 125 005 rials) and ``value()`` is still rials.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from crm_desktop.core import money, words
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.ui.validated_field import ValidatedField

_GROUPING = set(",\u066c\u060c '\u2019\u00a0\u2007\u2009\u202f")  # , ٬ ، spaces ’
_DECIMALS = set(".\u066b/")
_DIGITS = set("0123456789")
_SEPARATORS_SHOWN = set("\u066c")  # what format_amount puts between groups


def group_as_typed(text: str, cursor: int, *, decimals: bool) -> tuple[str, int] | None:
    """Regroup ``text`` the way an amount is shown («۱٬۲۵۰٬۰۰۰») and say where the cursor goes:
    after the same digit (or decimal mark) it followed before. None when the text holds anything
    but digits, separators and (``decimals``) one decimal mark: such text is left as typed for
    the validator to explain."""
    latin = to_latin(text)
    whole, mark, fraction = latin, "", ""
    if decimals:
        marks = [i for i, ch in enumerate(latin) if ch in _DECIMALS]
        if len(marks) > 1:
            return None
        if marks:
            whole, mark, fraction = latin[: marks[0]], "\u066b", latin[marks[0] + 1:]
    if any(ch not in _DIGITS and ch not in _GROUPING for ch in whole):
        return None
    if any(ch not in _DIGITS for ch in fraction):
        return None
    digits = "".join(ch for ch in whole if ch in _DIGITS)
    significant = "".join(ch for ch in latin[:cursor] if ch in _DIGITS or (decimals and ch in _DECIMALS))
    kept = digits.lstrip("0") or ("0" if digits else "")
    dropped = len(digits) - len(kept)  # leading zeros, always before any digit kept
    before = max(0, len(significant) - dropped) if len(significant) > dropped else 0
    result = (money.format_amount(int(kept)) if kept else "") + mark + to_persian(fraction)
    position = 0
    while position < len(result) and before > 0:
        if result[position] not in _SEPARATORS_SHOWN:
            before -= 1
        position += 1
    return result, position


class MoneyEdit(ValidatedField):
    """An amount field. ``value()`` is rials (int) or None when empty or invalid;
    ``valueChanged(object)`` fires as the amount changes (every keystroke that changes it)."""

    valueChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None, field_name: str = "مبلغ",
                 optional: bool = True, unit: str = "rial", show_words: bool = True):
        if unit not in money.UNIT_NAMES:
            raise ValueError(f"unit must be 'rial' or 'toman', not {unit!r}")
        self.unit = unit
        super().__init__(parent, field_name=field_name, optional=optional)
        self.edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)
        self.edit.setMaxLength(40)
        self.unit_label = QLabel(money.UNIT_NAMES[unit], self)
        self.row.addWidget(self.unit_label)
        self.words_label = QLabel(self)
        self.words_label.setWordWrap(True)
        self.words_label.setTextFormat(Qt.PlainText)
        self.words_label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.words_label.setAlignment(Qt.AlignLeading | Qt.AlignVCenter)
        palette = self.words_label.palette()
        palette.setColor(QPalette.WindowText, palette.color(QPalette.PlaceholderText).darker(130))
        self.words_label.setPalette(palette)
        self.words_label.setVisible(False)
        self._show_words = show_words
        self.outer.insertWidget(1, self.words_label)
        if name:
            self.set_name(name)

    def set_name(self, name: str) -> None:
        super().set_name(name)
        if hasattr(self, "words_label"):
            self.words_label.setObjectName(f"{name}.words")
            self.unit_label.setObjectName(f"{name}.unit")

    # -- value --------------------------------------------------------------------------------
    def _parse(self, text: str) -> int:
        return money.parse_amount(text, self.field_name, unit=self.unit)

    def _display(self, value: int) -> str:
        return money.format_amount(value, unit=self.unit)

    def _value_changed(self, value) -> None:
        self._update_words(value)
        self.valueChanged.emit(value)

    def value(self) -> int | None:
        """The amount in rials the text stands for now; None when empty or invalid."""
        return self._check(self.edit.text())[0]

    def setValue(self, rials: int | None) -> None:  # noqa: N802 - Qt naming
        self._set_value(rials)

    def words(self) -> str:
        return self.words_label.text()

    def words_for(self, rials: int) -> str:
        if self.unit == "toman":
            tomans, rest = money.rials_to_toman(rials)
            text = words.amount_in_words(tomans, "تومان")
            return f"{text} و {words.amount_in_words(rest)}" if rest else text
        return words.amount_in_words(rials)

    def _update_words(self, value) -> None:
        text = self.words_for(value) if value is not None and self._show_words else ""
        self.words_label.setText(text)
        self.words_label.setVisible(bool(text))

    # -- typing -------------------------------------------------------------------------------
    def _on_edited(self, text: str) -> None:
        regrouped = group_as_typed(text, self.edit.cursorPosition(), decimals=self.unit == "toman")
        if regrouped is not None and regrouped[0] != text:
            self.edit.setText(regrouped[0])
            self.edit.setCursorPosition(regrouped[1])
        value, error = self._check(self.edit.text())
        if not error or self._error:
            self._show_error(error)
        self._store(value)
