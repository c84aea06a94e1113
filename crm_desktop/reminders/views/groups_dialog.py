"""Managing the reminder groups (جلسه، تماس، پرداخت…): add, rename, colour, move up or down,
delete with a confirmation (the reminders stay, without a group).

    ReminderGroupsDialog(office, parent).exec()

The frame, the prompts and the editing are ``ui.groups_manager``'s (shared with the phonebook's
groups)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.reminders.views.common import colour_icon
from crm_desktop.ui.groups_manager import GroupsManagerDialog

TITLE = "گروه‌های یادآوری"


class ReminderGroupsDialog(GroupsManagerDialog):
    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(office.reminders, parent, name="reminder_groups", title=TITLE, width=440,
                         hint="با حذف یک گروه، یادآوری‌های آن حذف نمی‌شوند؛ فقط بی‌گروه می‌مانند.",
                         icon=lambda colour: colour_icon(colour, 16),
                         extra=(("بالاتر", "reminder_groups.up", lambda: self.move(-1)),
                                ("پایین‌تر", "reminder_groups.down", lambda: self.move(1))))
        self.up_button, self.down_button = self.extra_buttons
        self.office = office

    def delete_informative(self, group) -> str:
        return "یادآوری‌های این گروه می‌مانند و بی‌گروه می‌شوند."

    def _rename(self, group, name: str) -> None:
        self.repo.update_group(group.id, name, group.colour)

    def _recolour(self, group, colour: str) -> None:
        self.repo.update_group(group.id, group.name, colour)

    def _update_buttons(self, *_args) -> None:
        super()._update_buttons()
        if not hasattr(self, "up_button"):  # the first reload runs before they are named
            return
        has, row = self.current_group() is not None, self.list.currentRow()
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)

    def move(self, step: int) -> None:
        group = self.current_group()
        if group is None:
            return
        self.repo.move_group(group.id, self.list.currentRow() + step)
        self.reload(group.id)
