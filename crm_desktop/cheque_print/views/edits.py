"""The designer's undo: each edit (a move, a resize, a property, a field added or removed, the
leaf's size, the scanned leaf) is one QUndoCommand holding the template before and after it
(a template is a few fields: a copy costs nothing). Edits of the same property of the same field
one after another (a spin box's every step, a note typed letter by letter) merge into one."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

MERGING_ID = 7


class StateCommand(QUndoCommand):
    def __init__(self, designer, before, after, text: str, merge=None, selected_before: int = -1,
                 selected_after: int = -1):
        super().__init__(text)
        self.designer = designer
        self.before, self.after = before, after
        self.merge = merge
        self.selected_before, self.selected_after = selected_before, selected_after

    def redo(self) -> None:
        self.designer.restore(self.after, self.selected_after)

    def undo(self) -> None:
        self.designer.restore(self.before, self.selected_before)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MERGING_ID if self.merge is not None else -1

    def mergeWith(self, other) -> bool:  # noqa: N802
        if not isinstance(other, StateCommand) or other.merge != self.merge:
            return False
        self.after, self.selected_after = other.after, other.selected_after
        if self.after == self.before:
            self.setObsolete(True)
        return True
