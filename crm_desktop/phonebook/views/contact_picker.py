"""ContactPicker: choose a phonebook contact by typing part of a name or a number — a
search-as-you-type list under the field (name and mobile), «مخاطب تازه…» to make one on the spot
(the phonebook's own form), and ✕ to clear. Used by the reminder form; the cheque book can use it
for a drawer or payee.

    picker = ContactPicker(office, parent, name="reminder.contact")
    picker.set_contact_id(12)          # shows «علی رضایی — ۰۹۱۲ ۱۲۳ ۴۵۶۷»
    picker.contact_id()                # 12, or None (nothing chosen)
    picker.contactChanged.connect(...) # int | None
    picker.search("رضا"); picker.choose(0)   # what typing and picking do (tests)

Text typed but not picked from the list is not a contact: ``has_unpicked_text()`` lets a form
refuse it with a Persian message instead of silently dropping it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

LRI, PDI = "\u2066", "\u2069"
NEW_TEXT = "مخاطب تازه…"
MAX_MATCHES = 15
IdRole = Qt.UserRole + 1
UNPICKED_FA = "مخاطب را از فهرست برگزینید (یا «مخاطب تازه…» را بزنید)."


#: a typed name that starts with one of these is an organisation's («شرکت نوآوران پارسه»)
ORGANISATION_WORDS = frozenset({
    "شرکت", "موسسه", "مؤسسه", "سازمان", "فروشگاه", "دفتر", "بانک", "بیمه", "کارخانه", "کارگاه", "گروه",
    "آموزشگاه", "انتشارات", "شهرداری", "اداره", "هتل", "رستوران", "باشگاه", "بیمارستان", "درمانگاه",
    "کلینیک", "داروخانه", "آژانس", "تعاونی", "صندوق", "هلدینگ", "نمایندگی", "مدرسه", "دانشگاه", "انجمن",
    "اتحادیه", "بنیاد", "کانون", "خانه", "مجتمع", "تولیدی", "بازرگانی", "صنایع"})


def new_contact_prefill(text: str):
    """What the new contact's form starts with: «علی رضایی» → first and last name of a person;
    «شرکت نوآوران پارسه» → an organisation of that name (not a person called «شرکت»)."""
    from crm_desktop.phonebook import model

    text = " ".join(text.split())
    if not text:
        return None
    first, _, last = text.partition(" ")
    if first.replace("\u200c", "") in ORGANISATION_WORDS or first in ORGANISATION_WORDS:
        return model.Contact(kind=model.ORGANISATION, organisation=text)
    return model.Contact(first_name=first, last_name=last)


def _default_new_contact(office, parent, text: str) -> int | None:
    """The phonebook's own form, pre-filled with what was typed; the new id or None."""
    from crm_desktop.phonebook.views.contact_dialog import ContactDialog

    dialog = ContactDialog(office, None, parent, prefill=new_contact_prefill(text))
    saved: list[int] = []
    dialog.saved.connect(saved.append)
    dialog.exec()
    dialog.deleteLater()
    return saved[-1] if saved else None


def contact_label(office, contact_id: int) -> str:
    """«علی رضایی — ۰۹۱۲ ۱۲۳ ۴۵۶۷» (the mobile first), or '' when the contact is gone."""
    contact = office.phonebook.get(contact_id)
    if contact is None:
        return ""
    phones = sorted((p for p in contact.phones if p.national or p.number), key=lambda p: p.kind != "mobile")
    if not phones:
        return contact.display_name
    from crm_desktop.core.phone import format_phone

    first = phones[0]
    return f"{contact.display_name} — {LRI}{format_phone(first.national or first.number, typed=first.number)}{PDI}"


class ContactPicker(QWidget):
    contactChanged = Signal(object)  # int | None

    def __init__(self, office, parent: QWidget | None = None, *, name: str = "contact_picker",
                 new_contact: Callable[..., int | None] | None = None, allow_new: bool = True):
        super().__init__(parent)
        self.office = office
        self.new_contact = new_contact or _default_new_contact  # (office, parent, typed text) -> id | None
        self._contact_id: int | None = None
        self._label = ""
        self.setObjectName(name)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{name}.edit")
        self.edit.setPlaceholderText("نام یا شمارهٔ مخاطب را بنویسید…")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("مخاطب")
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(self.edit)
        self.completer.popup().setObjectName(f"{name}.popup")
        self.completer.popup().setLayoutDirection(Qt.RightToLeft)
        self.completer.activated[str].connect(self._on_completer_text)
        self.new_button = QToolButton(self)
        self.new_button.setObjectName(f"{name}.new")
        self.new_button.setText(NEW_TEXT)
        self.new_button.setToolTip("ساختن مخاطب تازه در دفتر تلفن")
        self.new_button.clicked.connect(self.create_contact)
        self.new_button.setVisible(allow_new)
        self.error_label = QLabel(self)
        self.error_label.setObjectName(f"{name}.error")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.edit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(lambda: self.search(self.edit.text()) if self.isVisible() else None)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.textChanged.connect(lambda text: self.clear() if not text and self._contact_id else None)

    # -- the value ---------------------------------------------------------------------------------
    def contact_id(self) -> int | None:
        return self._contact_id

    def set_contact_id(self, contact_id: int | None) -> None:
        label = contact_label(self.office, contact_id) if contact_id is not None else ""
        if contact_id is not None and not label:
            contact_id = None  # deleted meanwhile
        self._set(contact_id, label)

    def clear(self) -> None:
        self._set(None, "")

    def _set(self, contact_id: int | None, label: str) -> None:
        changed = contact_id != self._contact_id
        self._contact_id, self._label = contact_id, label
        self.edit.blockSignals(True)
        self.edit.setText(label)
        self.edit.blockSignals(False)
        self.show_error("")
        if changed:
            self.contactChanged.emit(contact_id)

    def has_unpicked_text(self) -> bool:
        """Something typed that is not the chosen contact."""
        text = self.edit.text().strip()
        return bool(text) and (self._contact_id is None or text != self._label.strip())

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def hideEvent(self, event) -> None:  # noqa: N802 - a closed form searches no more
        self._timer.stop()
        super().hideEvent(event)

    # -- searching ---------------------------------------------------------------------------------
    def _on_edited(self, text: str) -> None:
        if self._contact_id is not None:
            self._contact_id = None
            self.contactChanged.emit(None)
        self.show_error("")
        if text.strip():
            self._timer.start()
        else:
            self.matches.clear()

    def search(self, text: str) -> list[tuple[int, str]]:
        """Fill the list with the contacts matching ``text`` and open it; returns (id, label)s."""
        from crm_desktop.phonebook.repo import SearchQuery

        self._timer.stop()
        self.matches.clear()
        found: list[tuple[int, str]] = []
        if text.strip():
            for row in self.office.phonebook.rows(SearchQuery(text=text.strip()), 0, MAX_MATCHES):
                phones = (row.phones or "").split("، ")[0]
                label = f"{row.display_name} — {LRI}{phones}{PDI}" if phones else row.display_name
                found.append((row.id, label))
                item = QStandardItem(label)
                item.setData(row.id, IdRole)
                self.matches.appendRow(item)
        if found and self.edit.hasFocus():
            self.completer.setCompletionPrefix("")
            self.completer.complete()
        return found

    def choose(self, row: int) -> int | None:
        """Pick the ``row``-th match (what Enter or a click in the list does)."""
        item = self.matches.item(row)
        if item is None:
            return None
        self._set(item.data(IdRole), item.text())
        self.completer.popup().hide()
        return self._contact_id

    def _on_completer_text(self, text: str) -> None:
        for row in range(self.matches.rowCount()):
            if self.matches.item(row).text() == text:
                self.choose(row)
                return

    # -- a new contact -----------------------------------------------------------------------------
    def create_contact(self) -> int | None:
        typed = "" if self._contact_id is not None else self.edit.text()
        new_id = self.new_contact(self.office, self.window(), typed)
        if new_id:
            self.set_contact_id(new_id)
            self.edit.setFocus(Qt.OtherFocusReason)
        return new_id
