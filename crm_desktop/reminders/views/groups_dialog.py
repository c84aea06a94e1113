"""Managing the reminder groups (جلسه، تماس، پرداخت…): add, rename, colour (QColorDialog), move up or
down, delete with a confirmation (the reminders stay, without a group).

    ReminderGroupsDialog(office, parent).exec()

The name prompt and the colour picker go through ``ask_name`` / ``pick_colour`` so tests answer
them without a modal loop (the phonebook's groups manager does the same)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidgetItem, QWidget

from crm_desktop.errors import UserError
from crm_desktop.phonebook.views.groups_dialog import DEFAULT_COLOURS, _ask_name, _pick_colour
from crm_desktop.phonebook.views.list_manager import ListManagerDialog
from crm_desktop.reminders.views.common import colour_icon
from crm_desktop.ui import dialogs

TITLE = "گروه‌های یادآوری"


class ReminderGroupsDialog(ListManagerDialog):
    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(parent, name="reminder_groups", title=TITLE, width=440)
        self.setLayoutDirection(Qt.RightToLeft)
        self.office = office
        self.repo = office.reminders
        self.ask_name = _ask_name      # (parent, title, label, text) -> str | None
        self.pick_colour = _pick_colour  # (parent, current '#rrggbb') -> str | None
        hint = QLabel("با حذف یک گروه، یادآوری‌های آن حذف نمی‌شوند؛ فقط بی‌گروه می‌مانند.", self)
        hint.setEnabled(False)
        hint.setWordWrap(True)
        self.add_button = self._button("گروه تازه…", "reminder_groups.add", self.add)
        self.rename_button = self._button("تغییر نام…", "reminder_groups.rename", self.rename)
        self.colour_button = self._button("رنگ…", "reminder_groups.colour", self.change_colour)
        self.up_button = self._button("بالاتر", "reminder_groups.up", lambda: self.move(-1))
        self.down_button = self._button("پایین‌تر", "reminder_groups.down", lambda: self.move(1))
        self.delete_button = self._button("حذف", "reminder_groups.delete", self.delete)
        self._lay_out((self.add_button, self.rename_button, self.colour_button, self.up_button,
                       self.down_button, self.delete_button), self.rename, hint)

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else getattr(self.current_group(), "id", None)
        self.groups = list(self.repo.groups())
        self.list.clear()
        for group in self.groups:
            item = QListWidgetItem(colour_icon(group.colour, 16), group.name)
            item.setData(Qt.UserRole, group.id)
            self.list.addItem(item)
            if group.id == current:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current_group(self):
        item = self.list.currentItem() if hasattr(self, "groups") else None
        if item is None:
            return None
        return next((g for g in self.groups if g.id == item.data(Qt.UserRole)), None)

    def names(self) -> list[str]:
        return [g.name for g in self.groups]

    def select(self, group_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.UserRole) == group_id:
                self.list.setCurrentRow(i)

    def _update_buttons(self, *_args) -> None:
        has = self.current_group() is not None
        for button in (self.rename_button, self.colour_button, self.delete_button, self.up_button, self.down_button):
            button.setEnabled(has)
        row = self.list.currentRow()
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)

    def add(self) -> int | None:
        name = (self.ask_name(self, "گروه تازه", "نام گروه:", "") or "").strip()
        if not name:
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
        name = (self.ask_name(self, "تغییر نام گروه", "نام تازهٔ گروه:", group.name) or "").strip()
        if not name or name == group.name:
            return False
        try:
            self.repo.update_group(group.id, name, group.colour)
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
        try:
            self.repo.update_group(group.id, group.name, colour)
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        self.reload(group.id)
        return True

    def move(self, step: int) -> None:
        group = self.current_group()
        if group is None or not hasattr(self.repo, "move_group"):
            return
        self.repo.move_group(group.id, self.list.currentRow() + step)
        self.reload(group.id)

    def delete(self) -> bool:
        group = self.current_group()
        if group is None:
            return False
        if not dialogs.confirm(self, f"گروه «{group.name}» حذف شود؟", "حذف گروه",
                               informative="یادآوری‌های این گروه می‌مانند و بی‌گروه می‌شوند."):
            return False
        self.repo.delete_group(group.id)
        self.reload()
        return True
