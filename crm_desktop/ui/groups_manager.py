"""The manager of coloured groups that the phonebook and the reminder book share: add, rename,
colour (QColorDialog), delete with a confirmation; what the groups hold stays.

A feature subclasses ``GroupsManagerDialog`` with its repository and texts and says how a
group is renamed and recoloured (``_rename``, ``_recolour``); it may add buttons (``extra``)
and a longer line per group (``item_text``). The name prompt (``ui.name_prompt``: a refused name
stays in it with the reason under it) and the colour picker go through ``ask_name`` /
``pick_colour``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QLabel, QListWidgetItem, QPushButton, QWidget

from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs
from crm_desktop.ui.list_manager import ListManagerDialog
from crm_desktop.ui.name_prompt import ask_name

DEFAULT_COLOURS = ("#1f6f8b", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457")


def pick_colour(parent: QWidget, current: str) -> str | None:
    colour = QColorDialog.getColor(QColor(current), parent, "رنگ گروه")
    return colour.name() if colour.isValid() else None


class GroupsManagerDialog(ListManagerDialog):
    def __init__(self, repo, parent: QWidget | None, *, name: str, title: str, width: int, hint: str,
                 icon, extra: tuple[tuple[str, str, object], ...] = ()):
        """``repo``: groups(), add_group(name, colour), delete_group(id); ``icon(colour)``: a
        group's icon; ``extra``: (text, name, slot) of buttons between «رنگ…» and «حذف»."""
        super().__init__(parent, name=name, title=title, width=width)
        self.setLayoutDirection(Qt.RightToLeft)
        self.repo = repo
        self.icon = icon
        self.groups: list = []
        self.ask_name = ask_name  # (parent, title, label, text, store, required) -> what store returned | None
        self.pick_colour = pick_colour  # (parent, current '#rrggbb') -> str | None
        note = QLabel(hint, self)
        note.setEnabled(False)
        note.setWordWrap(True)
        self.add_button = self._button("گروه تازه…", f"{name}.add", self.add)
        self.rename_button = self._button("تغییر نام…", f"{name}.rename", self.rename)
        self.colour_button = self._button("رنگ…", f"{name}.colour", self.change_colour)
        self.extra_buttons: list[QPushButton] = [self._button(*spec) for spec in extra]
        self.delete_button = self._button("حذف", f"{name}.delete", self.delete)
        self._lay_out((self.add_button, self.rename_button, self.colour_button, *self.extra_buttons,
                       self.delete_button), self.rename, note)

    # -- what a feature says ----------------------------------------------------------------------
    def item_text(self, group) -> str:
        return group.name

    def delete_informative(self, group) -> str:
        raise NotImplementedError

    def _rename(self, group, name: str) -> None:
        raise NotImplementedError

    def _recolour(self, group, colour: str) -> None:
        raise NotImplementedError

    # -- showing ------------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else getattr(self.current_group(), "id", None)
        self.groups = list(self.repo.groups())
        self.list.clear()
        for group in self.groups:
            item = QListWidgetItem(self.icon(group.colour), self.item_text(group))
            item.setData(Qt.UserRole, group.id)
            self.list.addItem(item)
            if group.id == current:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current_group(self):
        item = self.list.currentItem()
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
        for button in (self.rename_button, self.colour_button, self.delete_button, *self.extra_buttons):
            button.setEnabled(has)

    # -- editing ------------------------------------------------------------------------------------
    def _clean_name(self, name: str, except_id: int | None = None) -> str:
        """The typed name with its spaces tidied; UserError when another group has it."""
        name = " ".join(name.split())
        if any(g.name == name and g.id != except_id for g in self.groups):
            raise UserError(f"a group named {name!r} exists", f"گروهی به نام «{name}» از پیش هست.")
        return name

    def _ask(self, title: str, label: str, text: str, store):
        """The name prompt, open until ``store`` takes the name or the operator cancels."""
        return self.ask_name(self, title, label, text, store, "نام گروه را وارد کنید.")

    def add(self) -> int | None:
        colour = DEFAULT_COLOURS[len(self.groups) % len(DEFAULT_COLOURS)]
        group_id = self._ask("گروه تازه", "نام گروه:", "",
                             lambda name: self.repo.add_group(self._clean_name(name), colour))
        if group_id is None:
            return None
        self.reload(group_id)
        return group_id

    def rename(self) -> bool:
        group = self.current_group()
        if group is None:
            return False

        def store(typed: str) -> bool:
            name = self._clean_name(typed, group.id)
            if name == group.name:
                return False
            self._rename(group, name)
            return True

        if not self._ask("تغییر نام گروه", "نام تازهٔ گروه:", group.name, store):
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
        return self._edited(group, lambda: self._recolour(group, colour))

    def _edited(self, group, write) -> bool:
        try:
            write()
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        self.reload(group.id)
        return True

    def delete(self) -> bool:
        group = self.current_group()
        if group is None:
            return False
        if not dialogs.confirm(self, f"گروه «{group.name}» حذف شود؟", "حذف گروه",
                               informative=self.delete_informative(group)):
            return False
        self.repo.delete_group(group.id)
        self.reload()
        return True
