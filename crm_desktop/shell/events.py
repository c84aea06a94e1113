"""The bridge from the Office facade's change notices to a Qt signal each tab listens to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class OfficeEvents(QObject):
    changed = Signal(frozenset)  # the names of the tables that changed

    def __init__(self, office, parent=None):
        super().__init__(parent)
        office.subscribe(self.changed.emit)
