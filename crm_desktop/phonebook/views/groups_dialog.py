"""Managing the phonebook's groups: create, rename, colour (QColorDialog), delete with a
confirmation (the contacts stay; only their membership goes).

    GroupsDialog(office, parent).exec()

The colour picker and the name prompt go through ``pick_colour`` / ``ask_name`` so tests can
answer them without a modal loop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog, QInputDialog, QLabel, QListWidgetItem, QWidget

from crm_desktop.core.digits import format_number
from crm_desktop.errors import UserError
from crm_desktop.phonebook import model
from crm_desktop.phonebook.views.list_manager import ListManagerDialog
from crm_desktop.phonebook.views.contact_dialog import colour_icon
from crm_desktop.ui import dialogs

TITLE = "مدیریت گروه‌ها"
DEFAULT_COLOURS = ("#1f6f8b", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457")


def _ask_name(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    dialog = QInputDialog(parent)
    dialog.setLayoutDirection(Qt.RightToLeft)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText("تأیید")
    dialog.setCancelButtonText("انصراف")
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.textValue()


def _pick_colour(parent: QWidget, current: str) -> str | None:
    colour = QColorDialog.getColor(QColor(current), parent, "رنگ گروه")
    return colour.name() if colour.isValid() else None


class GroupsDialog(ListManagerDialog):
    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(parent, name="groups", title=TITLE, width=460)
        self.office = office
        self.repo = office.phonebook
        self.ask_name = _ask_name  # (parent, title, label, text) -> str | None
        self.pick_colour = _pick_colour  # (parent, current '#rrggbb') -> str | None
        hint = QLabel("با حذف یک گروه، مخاطبان آن حذف نمی‌شوند.", self)
        hint.setEnabled(False)
        hint.setWordWrap(True)
        self.add_button = self._button("گروه تازه…", "groups.add", self.add)
        self.rename_button = self._button("تغییر نام…", "groups.rename", self.rename)
        self.colour_button = self._button("رنگ…", "groups.colour", self.change_colour)
        self.delete_button = self._button("حذف", "groups.delete", self.delete)
        self._lay_out((self.add_button, self.rename_button, self.colour_button, self.delete_button),
                      self.rename, hint)

    # -- showing --------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else (self.current_group().id if self.current_group() else None)
        self.groups: list[model.Group] = list(self.repo.groups())
        self.list.clear()
        for group in self.groups:
            item = QListWidgetItem(colour_icon(group.colour, 16), f"{group.name}  ({format_number(group.count)})")
            item.setData(Qt.UserRole, group.id)
            self.list.addItem(item)
            if group.id == current:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current_group(self) -> model.Group | None:
        item = self.list.currentItem() if hasattr(self, "groups") else None
        if item is None:
            return None
        return next((g for g in self.groups if g.id == item.data(Qt.UserRole)), None)

    def select(self, group_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.UserRole) == group_id:
                self.list.setCurrentRow(i)

    def _update_buttons(self, *_args) -> None:
        has = self.current_group() is not None
        for button in (self.rename_button, self.colour_button, self.delete_button):
            button.setEnabled(has)

    # -- editing --------------------------------------------------------------------------------
    def _clean_name(self, name: str | None, except_id: int | None = None) -> str | None:
        name = (name or "").strip()
        if not name:
            return None
        if any(g.name == name and g.id != except_id for g in self.groups):
            dialogs.show_error(self, f"گروهی با نام «{name}» هست.")
            return None
        return name

    def add(self) -> int | None:
        name = self._clean_name(self.ask_name(self, "گروه تازه", "نام گروه:", ""))
        if name is None:
            return None
        colour = DEFAULT_COLOURS[len(self.groups) % len(DEFAULT_COLOURS)]
        try:
            group_id = self.repo.add_group(name, colour)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        self.reload(group_id)
        return group_id

    def rename(self) -> bool:
        group = self.current_group()
        if group is None:
            return False
        name = self._clean_name(self.ask_name(self, "تغییر نام گروه", "نام تازهٔ گروه:", group.name), group.id)
        if name is None or name == group.name:
            return False
        try:
            self.repo.rename_group(group.id, name)
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        self.reload(group.id)
        return True

    def change_colour(self) -> bool:
        group = self.current_group()
        if group is None:
            return False
        colour = self.pick_colour(self, group.colour)
        if not colour:
            return False
        self.repo.set_group_colour(group.id, colour)
        self.reload(group.id)
        return True

    def delete(self) -> bool:
        group = self.current_group()
        if group is None:
            return False
        text = f"گروه «{group.name}» حذف شود؟"
        informative = (f"{format_number(group.count)} مخاطب این گروه در دفتر تلفن می‌مانند؛ فقط از این گروه بیرون می‌آیند."
                       if group.count else "این گروه مخاطبی ندارد.")
        if not dialogs.confirm(self, text, "حذف گروه", informative=informative):
            return False
        self.repo.delete_group(group.id)
        self.reload()
        return True
