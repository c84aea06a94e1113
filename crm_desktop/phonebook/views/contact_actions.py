"""What the phonebook tab does to the contacts it shows: delete (with a Persian confirmation and
an undo bar), merge two, and dial a number (``tel:`` through the tab's injectable opener, with a
«تماس» note in the contact's log). A mixin of PhonebookTab: it uses the tab's table, model,
phonebook, clock and opener."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMenu

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.core.phone import national_form
from crm_desktop.core.text import isolate
from crm_desktop.phonebook import merge, model
from crm_desktop.phonebook.contact_rows import phone_text
from crm_desktop.phonebook.views.table_model import isolate_numbers
from crm_desktop.ui import dialogs

CALL_NOTE = "تماس با شماره {number}"
RLM = "\u200f"


def _first_phone(contact) -> str:
    phones = sorted((p for p in contact.phones if p.national), key=lambda p: p.kind != "mobile")
    return isolate_numbers(phone_text(phones[0].national, phones[0].ext)) if phones else ""


def _dialled(phone) -> str:
    """«۰۲۱ ۸۸۷۷ ۶۶۵۵ داخلی ۱۲۳» as the table shows it (the extension is dialled by the operator
    once the switchboard answers: softphones read ``tel:…;ext=`` differently, some not at all)."""
    national = getattr(phone, "national", "") or getattr(phone, "number", "") or str(phone)
    return isolate_numbers(phone_text(national_form(national) or national, getattr(phone, "ext", "") or ""))


def merge_details(contacts) -> list[str]:
    """One line per contact for the merge question: name, organisation, first phone (a name
    isolated: «ACME Ltd.» keeps its full stop at its end)."""
    return [" — ".join(part for part in (isolate(c.display_name), _organisation(c), _first_phone(c)) if part)
            for c in contacts]


def _organisation(contact) -> str:
    """A person's organisation, isolated; '' for an organisation (its name is its display name)."""
    return isolate(contact.organisation) if contact.kind != model.ORGANISATION else ""


def merge_labels(contacts) -> list[str]:
    """What the two «نگه‌داشتن …» buttons name: the names, and when the names are the same,
    what tells the two apart (their organisation or phone), else «اولی» / «دومی»."""
    names = [f"«{isolate(c.display_name)}»" for c in contacts]
    if names[0] != names[1]:
        return names
    for detail in (_organisation, _first_phone):
        details = [detail(c) for c in contacts]
        if all(details) and details[0] != details[1]:
            return [f"{name} ({d})" for name, d in zip(names, details)]
    return [f"اولی {names[0]}", f"دومی {names[1]}"]


def merge_notes(contacts, fields=()) -> list[str]:
    """The merge question's lines after the two contacts: each field they fill differently with
    both values side by side, and what does not cross from a person to an organisation."""
    first, second = contacts
    lines = []
    differ = merge.differences(first, second, fields)
    if differ:
        lines.append("این موارد در دو مخاطب فرق دارد؛ مقدار مخاطبِ نگه‌داشته می‌ماند و مقدار دیگری "
                     "در توضیحات او نوشته می‌شود:")
        lines += [f"{RLM}• {name}: ۱. {isolate(a)} — ۲. {isolate(b)}" for name, a, b in differ]
    bound = merge.kind_bound(first, second)
    if bound:
        names = "، ".join(dict.fromkeys(label for _, label, _ in bound))
        lines.append(f"یکی شخص و دیگری سازمان است: {names} به دیگری منتقل نمی‌شود؛ "
                     "اگر از مخاطبِ حذف‌شده باشد، در توضیحات مخاطبِ نگه‌داشته نوشته می‌شود.")
    return lines


class ContactActions:
    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        blocker = self.phonebook.delete_blocker(ids)
        if blocker is not None:  # say so now rather than after «حذف شود؟»
            dialogs.show_error(self, blocker)
            return
        if len(ids) == 1:
            name = self._name_of(ids[0])
            question = f"مخاطب «{name}» حذف شود؟"
            done = f"«{name}» حذف شد."
        else:
            question = f"{format_number(len(ids))} مخاطب انتخاب‌شده حذف شوند؟"
            done = f"{format_number(len(ids))} مخاطب حذف شدند."
        whose = "آن‌ها" if len(ids) > 1 else "آن"
        told = "؛ ".join([f"تلفن‌ها، ایمیل‌ها، نشانی‌ها و یادداشت‌های {whose} هم حذف می‌شوند",
                          *self.phonebook.delete_effects(ids),
                          "تا پیش از حذف بعدی می‌توانید «بازگردانی» را بزنید."])
        if not dialogs.confirm(self, question, "حذف مخاطب", informative=told):
            return
        first_row = self.selected_rows()[0] if self.selected_rows() else self.table.currentIndex().row()
        try:
            snapshot = self.phonebook.delete(ids)
        except Exception as error:  # noqa: BLE001 - the operator sees the Persian message
            dialogs.show_error(self, error)
            return
        self._undo_snapshot = snapshot
        self.undo_label.setText(done)
        self.undo_bar.show()
        self.undo_action.setEnabled(True)
        self.refresh()  # also done by the change notice; harmless twice
        self.select_row(min(first_row, self.model.rowCount() - 1))
        self.table.setFocus()

    def undo_delete(self) -> None:
        snapshot = self._undo_snapshot
        if snapshot is None:
            return
        try:
            self.phonebook.undo_delete(snapshot)
        except Exception as error:  # noqa: BLE001
            dialogs.show_error(self, error)
            return
        self._forget_undo()
        self.refresh()
        self.select_contacts(getattr(snapshot, "ids", []) or [])  # all of them, to delete again or act on
        self.table.setFocus()

    def _forget_undo(self) -> None:
        self._undo_snapshot = None
        self.undo_bar.hide()
        self.undo_action.setEnabled(False)

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            dialogs.show_info(self, "برای ادغام، دقیقاً دو مخاطب را انتخاب کنید.")
            return
        contacts = [self.phonebook.get(i) for i in ids]
        if None in contacts:
            dialogs.show_info(self, "یکی از این دو مخاطب دیگر در دفتر تلفن نیست.")
            self.refresh()
            return
        labels = merge_labels(contacts)
        # RLM first: a line that holds an isolated (left-to-right) number still reads right to left
        lines = [f"{RLM}{to_persian(n)}. {line}" for n, line in enumerate(merge_details(contacts), 1)]
        lines += merge_notes(contacts, self.phonebook.fields())
        lines.append("همه تلفن‌ها، نشانی‌ها، یادداشت‌ها و گروه‌های دیگری به آن منتقل و دیگری حذف می‌شود.")
        box = dialogs.build_confirm(self, "این دو مخاطب یکی شوند. کدام نگه داشته شود؟", "ادغام مخاطبان",
                                    informative="\n".join(lines))
        for button in list(box.buttons()):
            box.removeButton(button)
        keep_first = box.addButton(f"نگه‌داشتن {labels[0]}", box.ButtonRole.YesRole)
        keep_first.setObjectName("merge.keep_first")
        keep_second = box.addButton(f"نگه‌داشتن {labels[1]}", box.ButtonRole.AcceptRole)
        keep_second.setObjectName("merge.keep_second")
        cancel = box.addButton(dialogs.CANCEL_TEXT, box.ButtonRole.RejectRole)
        cancel.setObjectName("dialog.no")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        dialogs.exec_hook(box)
        clicked = box.clickedButton()
        if clicked is keep_first:
            keep, other = ids
        elif clicked is keep_second:
            other, keep = ids
        else:
            return
        try:
            self.phonebook.merge(keep, other)
        except Exception as error:  # noqa: BLE001
            dialogs.show_error(self, error)
            return
        self.refresh()
        self.select_contact(keep)

    # dialing ---------------------------------------------------------------------------------------
    def phones_of(self, contact_id) -> list:
        contact = self.phonebook.get(contact_id) if contact_id is not None else None
        if contact is None:
            return []
        phones = [p for p in contact.phones if p.national or p.number]
        return sorted(phones, key=lambda p: 0 if p.kind == "mobile" else 1)

    def _fill_dial_menu(self, menu: QMenu, contact_id) -> None:
        menu.clear()
        phones = self.phones_of(contact_id)
        if not phones:
            menu.addAction("شماره‌ای ثبت نشده است").setEnabled(False)
            return
        for phone in phones:
            label = model.PHONE_KINDS.get(phone.kind, phone.kind)
            action = menu.addAction(f"{label}: {_dialled(phone)}")
            action.setObjectName(f"phonebook.dial.{phone.national or phone.number}")
            action.triggered.connect(lambda _c=False, p=phone: self.dial(contact_id, p))

    def dial_current(self) -> None:
        """Call the current contact's first number (a mobile first); the arrow lists them all."""
        contact_id = self.current_id()
        phones = self.phones_of(contact_id)
        if not phones:
            if contact_id is not None:
                dialogs.show_info(self, f"برای «{self._name_of(contact_id)}» شماره‌ای ثبت نشده است.")
            return
        self.dial(contact_id, phones[0])

    def dial(self, contact_id, phone) -> bool:
        """Hand ``tel:<national number>`` to the system (a softphone, a phone link app) and log a
        «تماس» note for the contact."""
        number = getattr(phone, "national", "") or getattr(phone, "number", "") or str(phone)
        number = national_form(number) or number
        if not self.opener(QUrl(f"tel:{number}")):
            dialogs.show_error(self, "برنامه‌ای برای شماره‌گیری روی این رایانه پیدا نشد.")
            return False
        at = self.clock().replace(microsecond=0).isoformat()
        note = model.Note(contact_id=contact_id, text=CALL_NOTE.format(number=_dialled(phone)), kind="call", at=at)
        try:
            self.phonebook.add_note(note)
        except Exception as error:  # noqa: BLE001
            dialogs.show_error(self, error)
        return True
