"""Repeating rows in the contact form (phones, e-mails, addresses): each row has a «✕» to remove
it, and the list has an «افزودن …» button. An emptied list keeps one blank row to type into.

Tab goes through each row's fields in reading order, then its «✕», then to the next row and at
last to «افزودن …»: the list chains its rows again after each add and remove (rows are made
after the form, so Qt's own order put them after «ذخیره» and «انصراف»)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.phonebook import model
from crm_desktop.phonebook.views.fields import ContactPhoneEdit, email_edit, postal_code_edit
from crm_desktop.ui.phone_edit import PhoneRowGuard

REMOVE_TOOLTIP = "حذف این ردیف"


class Row(QWidget):
    removeRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(REMOVE_TOOLTIP)
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))

    def finish(self) -> None:
        self.layout_.addWidget(self.remove_button, 0, Qt.AlignTop)

    def tab_stops(self) -> list[QWidget]:
        """The row's fields in the order Tab visits them, «✕» last."""
        return self._fields() + [self.remove_button]

    def _fields(self) -> list[QWidget]:  # pragma: no cover - overridden
        return []

    def is_empty(self) -> bool:  # pragma: no cover - overridden
        return True

    def state(self) -> tuple:  # pragma: no cover - overridden
        return ()


class PhoneRow(Row):
    """Kind, number and extension. ``split`` and ``check`` (the form's extension splitter and
    rule for typed numbers) give the row a PhoneRowGuard, which then owns its checks."""

    def __init__(self, index: int, parent: QWidget | None = None, *,
                 split: Callable[[str], tuple[str, str]] | None = None,
                 check: Callable[[str, str], str] | None = None):
        super().__init__(parent)
        self.setObjectName(f"contact.phone.{index}")
        self.kind = QComboBox(self)
        self.kind.setObjectName(f"contact.phone.{index}.kind")
        for key, label in model.PHONE_KINDS.items():
            self.kind.addItem(label, key)
        self.number = ContactPhoneEdit(self, name=f"contact.phone.{index}.number")
        self.number.setPlaceholderText("۰۹۱۲ ۱۲۳ ۴۵۶۷")
        self.ext = QLineEdit(self)
        self.ext.setObjectName(f"contact.phone.{index}.ext")
        self.ext.setPlaceholderText("داخلی")
        self.ext.setMaximumWidth(70)
        self.ext.setLayoutDirection(Qt.LeftToRight)
        self.guard: PhoneRowGuard | None = None
        self._stored: tuple[tuple, model.Phone] | None = None  # (state shown, the phone) once set_phone ran
        if split is not None and check is not None:
            self.guard = PhoneRowGuard(self.kind, self.number, self.ext, split=split, check=check)
        else:
            self.kind.currentIndexChanged.connect(lambda: self.number.set_kind(self.kind.currentData()))
        self.layout_.addWidget(self.kind, 0, Qt.AlignTop)
        self.layout_.addWidget(self.number, 1, Qt.AlignTop)
        self.layout_.addWidget(self.ext, 0, Qt.AlignTop)
        self.finish()

    def _fields(self) -> list[QWidget]:
        return [self.kind, self.number, self.ext]  # right to left, as they stand

    def set_phone(self, phone: model.Phone) -> None:
        index = self.kind.findData(phone.kind)
        self.kind.setCurrentIndex(max(index, 0))
        self.number.set_kind(self.kind.currentData())
        self.number.setNumber(phone.number or phone.national)
        self.ext.setText(to_persian(phone.ext))
        self._stored = (self.state(), phone)

    def phone(self) -> model.Phone:
        stored = self._stored
        if stored is not None and stored[0] == self.state():
            # untouched: saved as stored, not as the field shows it (the field groups the digits
            # and leaves out what it does not read, such as «(داخلی ۱۲)» or «پشتیبانی» after a number)
            phone = stored[1]
            return model.Phone(number=phone.number, kind=phone.kind, ext=phone.ext, national=phone.national)
        return model.Phone(number=self.number.text().strip(), kind=self.kind.currentData(),
                           ext=to_latin(self.ext.text().strip()), national=self.number.national() or "")

    def is_empty(self) -> bool:
        return not self.number.text().strip()

    def validate(self) -> bool:
        return self.number.validate()

    def state(self) -> tuple:
        return (self.kind.currentData(), self.number.text(), self.ext.text())


class EmailRow(Row):
    def __init__(self, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"contact.email.{index}")
        self.email = email_edit(self, name=f"contact.email.{index}.address")
        self.email.setPlaceholderText("name@example.com")
        self.layout_.addWidget(self.email, 1, Qt.AlignTop)
        self.finish()

    def _fields(self) -> list[QWidget]:
        return [self.email]

    def set_email(self, email: str) -> None:
        self.email.setText(email)

    def value(self) -> str:
        return self.email.text().strip()

    def is_empty(self) -> bool:
        return not self.value()

    def validate(self) -> bool:
        return self.email.validate()

    def state(self) -> tuple:
        return (self.email.text(),)


class AddressRow(Row):
    def __init__(self, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"contact.address.{index}")
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.province = QLineEdit(grid_host)
        self.province.setObjectName(f"contact.address.{index}.province")
        self.province.setPlaceholderText("استان")
        self.city = QLineEdit(grid_host)
        self.city.setObjectName(f"contact.address.{index}.city")
        self.city.setPlaceholderText("شهر")
        self.street = QLineEdit(grid_host)
        self.street.setObjectName(f"contact.address.{index}.street")
        self.street.setPlaceholderText("خیابان، کوچه، پلاک، واحد")
        self.postal_code = postal_code_edit(grid_host, name=f"contact.address.{index}.postal_code")
        self.postal_code.setPlaceholderText("کد پستی")
        grid.addWidget(self.province, 0, 0)
        grid.addWidget(self.city, 0, 1)
        grid.addWidget(self.postal_code, 0, 2, Qt.AlignTop)
        grid.addWidget(self.street, 1, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.layout_.addWidget(grid_host, 1)
        self.finish()

    def _fields(self) -> list[QWidget]:
        # as an address is written: province, city, street, then its postal code
        return [self.province, self.city, self.street, self.postal_code]

    def set_address(self, address: model.Address) -> None:
        self.province.setText(address.province)
        self.city.setText(address.city)
        self.street.setText(address.street)
        self.postal_code.setText(address.postal_code)

    def address(self) -> model.Address:
        return model.Address(province=self.province.text().strip(), city=self.city.text().strip(),
                             street=self.street.text().strip(), postal_code=self.postal_code.text().strip())

    def is_empty(self) -> bool:
        return self.address().is_empty()

    def validate(self) -> bool:
        return self.postal_code.validate()

    def state(self) -> tuple:
        return (self.province.text(), self.city.text(), self.street.text(), self.postal_code.text())


class RowList(QWidget):
    """A column of rows made by ``factory(index, parent)`` with an add button under it."""

    changed = Signal()

    def __init__(self, name: str, factory: Callable[[int, QWidget], Row], add_text: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self._factory = factory
        self._made = 0
        self.rows: list[Row] = []
        self.box = QVBoxLayout()
        self.box.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text, self)
        self.add_button.setObjectName(f"{name}.add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.box)
        outer.addLayout(bottom)

    def add_row(self, focus: bool = False) -> Row:
        row = self._factory(self._made, self)
        self._made += 1
        row.removeRequested.connect(self.remove_row)
        self.rows.append(row)
        self.box.addWidget(row)
        if self.isVisible():
            row.show()
        if focus:
            row.setFocus()
            for child in row.findChildren(QLineEdit):
                child.setFocus()
                break
        self.chain_tabs()
        self.changed.emit()
        return row

    def remove_row(self, row: Row) -> None:
        if row not in self.rows:
            return
        self.rows.remove(row)
        self.box.removeWidget(row)
        row.hide()
        row.deleteLater()
        if not self.rows:
            self.add_row()
        self.chain_tabs()
        self.changed.emit()

    def clear(self) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            self.box.removeWidget(row)
            row.hide()
            row.deleteLater()

    def chain_tabs(self) -> None:
        """Put the rows' Tab stops, in order, between the Tab stop before this list and «افزودن …»."""
        stops = [widget for row in self.rows for widget in row.tab_stops()] + [self.add_button]
        before = self._stop_before()
        # a checked field is a wrapper around its line edit (its focus proxy); Qt moves the two
        # together only while the wrapper takes focus itself (left behind, the wrapper took Tab
        # from «انصراف» back into the row). Setting a wrapper's policy sets its proxy's too.
        wrappers = [(w, w.focusProxy(), w.focusProxy().focusPolicy()) for w in stops
                    if w.focusProxy() is not None and w.focusPolicy() == Qt.NoFocus]
        for wrapper, _proxy, policy in wrappers:
            wrapper.setFocusPolicy(policy)
        try:
            for first, second in zip([before] + stops if before is not None else stops, stops):
                if first is not second:
                    QWidget.setTabOrder(first, second)
        finally:
            for wrapper, proxy, policy in wrappers:
                wrapper.setFocusPolicy(Qt.NoFocus)
                proxy.setFocusPolicy(policy)

    def _stop_before(self) -> QWidget | None:
        """The nearest widget Tab stops at that comes before this list (the form's field above)."""
        widget = self.add_button.previousInFocusChain()
        while widget is not None and widget is not self.add_button:
            inside = widget is self or self.isAncestorOf(widget)
            if not inside and widget.focusPolicy() & Qt.TabFocus:
                return widget
            widget = widget.previousInFocusChain()
        return None

    def filled(self) -> list[Row]:
        return [row for row in self.rows if not row.is_empty()]

    def state(self) -> tuple:
        return tuple(row.state() for row in self.rows if not row.is_empty())
