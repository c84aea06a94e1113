"""Reminder groups (part of ``Reminders``): a name and a colour each, in the operator's order."""

from __future__ import annotations

import sqlite3

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.repo_groups import checked_colour
from crm_desktop.reminders.model import Group

MAX_NAME = 100


def _name(text) -> str:
    name = " ".join((text or "").split())
    if not normalise(name):  # nothing, or only invisible marks (a half-space alone), as the phonebook's groups
        raise ValidationError("the group needs a name", "نام گروه را وارد کنید.", "نام")
    if len(name) > MAX_NAME:
        raise ValidationError(f"the group name is longer than {MAX_NAME} characters",
                              f"نام گروه بیش از {to_persian(MAX_NAME)} نویسه است.", "نام")
    return name


class GroupsMixin:
    def groups(self) -> list[Group]:
        return [Group(*row) for row in self.conn.execute(
            "SELECT id, name, colour, position FROM reminder_groups ORDER BY position, id")]

    def group(self, group_id: int) -> Group | None:
        row = self.conn.execute("SELECT id, name, colour, position FROM reminder_groups WHERE id = ?",
                                (group_id,)).fetchone()
        return Group(*row) if row else None

    def group_by_name(self, name: str) -> Group | None:
        row = self.conn.execute("SELECT id, name, colour, position FROM reminder_groups WHERE name_key = ?",
                                (normalise(name),)).fetchone()
        return Group(*row) if row else None

    def add_group(self, name: str, colour: str = "#1f6f8b") -> int:
        name, colour = _name(name), checked_colour(colour)
        with self._writing({"reminder_groups"}):
            position = self.conn.execute("SELECT coalesce(max(position), -1) + 1 FROM reminder_groups").fetchone()[0]
            try:
                return self.conn.execute(
                    "INSERT INTO reminder_groups (name, name_key, colour, position) VALUES (?, ?, ?, ?)",
                    (name, normalise(name), colour, position)).lastrowid
            except sqlite3.IntegrityError:
                raise _duplicate(name) from None

    def update_group(self, group_id: int, name: str, colour: str) -> None:
        name, colour = _name(name), checked_colour(colour)
        with self._writing({"reminder_groups"}):
            try:
                changed = self.conn.execute(
                    "UPDATE reminder_groups SET name = ?, name_key = ?, colour = ? WHERE id = ?",
                    (name, normalise(name), colour, group_id)).rowcount
            except sqlite3.IntegrityError:
                raise _duplicate(name) from None
            if not changed:
                raise UserError(f"group {group_id} no longer exists", "این گروه دیگر وجود ندارد.")

    def delete_group(self, group_id: int) -> None:
        """Delete a group; its reminders stay, without a group."""
        with self._writing({"reminder_groups", "reminders"}):
            self.conn.execute("UPDATE reminders SET group_id = NULL WHERE group_id = ?", (group_id,))
            self.conn.execute("DELETE FROM reminder_groups WHERE id = ?", (group_id,))

    def move_group(self, group_id: int, position: int) -> None:
        """Put a group at ``position`` (0-based) in the list."""
        ids = [g.id for g in self.groups() if g.id != group_id]
        ids.insert(max(0, min(position, len(ids))), group_id)
        with self._writing({"reminder_groups"}):
            for index, gid in enumerate(ids):
                self.conn.execute("UPDATE reminder_groups SET position = ? WHERE id = ?", (index, gid))


def _duplicate(name: str) -> ValidationError:
    return ValidationError(f"group {name!r} exists", f"گروهی به نام «{name}» هست.", "نام")
