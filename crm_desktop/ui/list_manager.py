"""The frame the managers share (phonebook and reminder groups, custom fields, banks): a list with its action
buttons beside it and «بستن» below; Del deletes, F2 or a double-click opens, Ctrl+N adds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.actions import push_button


class ListManagerDialog(QDialog):
    """Subclasses provide ``add``, ``delete``, ``reload`` and ``_update_buttons``, make their
    buttons with ``_button`` and call ``_lay_out`` at the end of ``__init__``."""

    def __init__(self, parent: QWidget | None, *, name: str, title: str, width: int):
        super().__init__(parent)
        self._name = name
        self.setObjectName(f"{name}_dialog")
        self.setWindowTitle(title)
        self.resize(width, 420)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}.list")
        self.list.currentRowChanged.connect(self._update_buttons)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        return push_button(self, text, name, slot)

    def _lay_out(self, buttons, open_slot, extra: QWidget | None = None) -> None:
        self.list.itemDoubleClicked.connect(lambda _item: open_slot())
        QShortcut(QKeySequence.Delete, self.list, self.delete, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence("F2"), self.list, open_slot, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence.New, self, self.add)
        side = QVBoxLayout()
        for button in buttons:
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        close = QDialogButtonBox(self)
        close_button = close.addButton("بستن", QDialogButtonBox.RejectRole)
        close_button.setObjectName(f"{self._name}.close")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        if extra is not None:
            layout.addWidget(extra)
        layout.addWidget(close)
        self.reload()
