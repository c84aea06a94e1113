"""«بانک‌ها»: the list of banks offered on cheques and cheque books — add, rename, hide / show,
and delete one that no cheque names (the phonebook managers' frame)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidgetItem

from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.ui.list_manager import ListManagerDialog
from crm_desktop.ui import dialogs
from crm_desktop.ui.name_prompt import ask_name as _ask_name

REQUIRED = "نام بانک را وارد کنید."


class BanksDialog(ListManagerDialog):
    def __init__(self, office, parent=None, *, ask_name=_ask_name):
        """``ask_name``: ui.name_prompt's prompt, open until the name is taken (a refusal shows in it)."""
        super().__init__(parent, name="banks", title="بانک‌ها", width=520)
        self.office = office
        self.ask_name = ask_name
        self.add_button = self._button("بانک تازه…", "banks.add", self.add)
        self.rename_button = self._button("تغییر نام…", "banks.rename", self.rename)
        self.hide_button = self._button("پنهان کردن", "banks.hide", self.toggle_hidden)
        self.delete_button = self._button("حذف", "banks.delete", self.delete)
        self._lay_out([self.add_button, self.rename_button, self.hide_button, self.delete_button], self.rename)

    def reload(self, select: str | None = None) -> None:
        current = select or self.current_key()
        self.list.clear()
        for bank in self.office.cheques.banks(include_hidden=True, with_counts=True):
            text = bank.name + (f" ({to_persian(bank.cheques)} چک)" if bank.cheques else "")
            if bank.hidden:
                text += " — پنهان"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, bank.key)
            item.setData(Qt.UserRole + 1, bank.hidden)
            item.setData(Qt.UserRole + 2, bank.cheques)
            if bank.hidden:
                item.setForeground(QBrush(QColor("#8a8a8a")))
            self.list.addItem(item)
            if bank.key == current:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def _update_buttons(self, *_args) -> None:
        item = self.list.currentItem()
        for button in (self.rename_button, self.hide_button, self.delete_button):
            button.setEnabled(item is not None)
        if item is not None:
            self.hide_button.setText("نمایش دوباره" if item.data(Qt.UserRole + 1) else "پنهان کردن")

    def _try(self, action) -> bool:
        try:
            action()
        except (UserError, ValidationError) as error:
            dialogs.show_error(self, error)
            return False
        return True

    def add(self) -> str | None:
        key = self.ask_name(self, "بانک تازه", "نام بانک:", "", self.office.cheques.add_bank, REQUIRED)
        if key is None:
            return None
        self.reload(select=key)
        return key

    def rename(self) -> bool:
        key = self.current_key()
        if key is None:
            return False
        if not self.ask_name(self, "تغییر نام بانک", "نام بانک:", self.office.cheques.bank_name(key),
                             lambda name: self.office.cheques.rename_bank(key, name) or True, REQUIRED):
            return False
        self.reload(select=key)
        return True

    def toggle_hidden(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        key = item.data(Qt.UserRole)
        self._try(lambda: self.office.cheques.set_bank_hidden(key, not item.data(Qt.UserRole + 1)))
        self.reload(select=key)

    def delete(self) -> bool:
        key = self.current_key()
        if key is None:
            return False
        name = self.office.cheques.bank_name(key)
        used = self.list.currentItem().data(Qt.UserRole + 2) or 0
        if used:  # say so at once rather than ask «حذف شود؟» and then refuse
            dialogs.show_error(self, f"بانک «{name}» در {to_persian(used)} چک آمده است و حذف نمی‌شود؛ "
                                     "اگر دیگر به کار نمی‌آید، «پنهان کردن» را بزنید.", "حذف بانک")
            return False
        if not dialogs.confirm(self, f"بانک «{name}» از فهرست حذف شود؟", "حذف بانک"):
            return False
        if not self._try(lambda: self.office.cheques.delete_bank(key)):
            return False
        self.reload()
        return True
