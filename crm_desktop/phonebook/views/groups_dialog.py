"""Managing the phonebook's groups: create, rename, colour, delete with a confirmation (the
contacts stay; only their membership goes). The list shows each group's count.

    GroupsDialog(office, parent).exec()

The frame, the prompts and the editing are ``ui.groups_manager``'s (shared with the reminder
book's groups)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.core.digits import format_number
from crm_desktop.phonebook.views.contact_dialog import colour_icon
from crm_desktop.ui.groups_manager import GroupsManagerDialog

TITLE = "مدیریت گروه‌ها"


class GroupsDialog(GroupsManagerDialog):
    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(office.phonebook, parent, name="groups", title=TITLE, width=460,
                         hint="با حذف یک گروه، مخاطبان آن حذف نمی‌شوند.", icon=lambda colour: colour_icon(colour, 16))
        self.office = office

    def item_text(self, group) -> str:
        return f"{group.name}  ({format_number(group.count)})"

    def delete_informative(self, group) -> str:
        if not group.count:
            return "این گروه مخاطبی ندارد."
        return f"{format_number(group.count)} مخاطب این گروه در دفتر تلفن می‌مانند؛ فقط از این گروه بیرون می‌آیند."

    def _rename(self, group, name: str) -> None:
        self.repo.rename_group(group.id, name)

    def _recolour(self, group, colour: str) -> None:
        self.repo.set_group_colour(group.id, colour)
