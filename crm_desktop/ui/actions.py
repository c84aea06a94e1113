"""One way for every tab to make its actions: an objectName for tests, its shortcuts with the
first one shown in the tooltip (isolated left to right inside the Persian text), the slot
called without Qt's ``checked`` argument, and the action added to the widgets whose focus or
window it should answer in.

    self.new_action = make_action(self, "چک تازه", "cheques.new", self.new_cheque, ["Ctrl+N"])
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

LRI, PDI = "\u2066", "\u2069"


def make_action(owner, text: str, name: str, slot, shortcuts=(), tip: str = "", *, context=Qt.WindowShortcut,
                hosts=()) -> QAction:
    """A QAction owned by ``owner`` and added to ``hosts`` (default: the owner)."""
    action = QAction(text, owner)
    action.setObjectName(name)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(context)
        shown = QKeySequence(shortcuts[0]).toString(QKeySequence.NativeText)
        action.setToolTip(f"{tip or text} ({LRI}{shown}{PDI})")
    elif tip:
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    for host in hosts or (owner,):
        host.addAction(action)
    return action


def push_button(parent, text: str, name: str, slot) -> QPushButton:
    """A push button with an objectName for tests that Enter in a form never presses (the
    form's own default button, e.g. «ذخیره», keeps Enter)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button
