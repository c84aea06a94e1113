"""The designer's warnings under the leaf: fields that stick out of it (red), then what printing
would warn about — words shrunk to fit or still not fitting, a font not installed (falls back to
Vazirmatn). Clicking a line selects its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from crm_desktop.cheque_print.model import Template
from crm_desktop.cheque_print.print_render import place_template
from crm_desktop.cheque_print.values import ChequeValues

PROBLEM = QBrush(QColor("#c62828"))
WARNING = QBrush(QColor("#8d5a00"))
ALL_WELL = QBrush(QColor("#2e7d32"))
NONE_TEXT = "هشداری نیست: همه فیلدها درون برگ‌اند و در جای خود جا می‌شوند."


class WarningsList(QListWidget):
    fieldChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("designer.warnings")
        self.setAccessibleName("هشدارها")
        self.setMaximumHeight(74)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def _add(self, text: str, brush: QBrush, index: int) -> None:
        item = QListWidgetItem(text)
        item.setForeground(brush)
        item.setData(Qt.UserRole, index)
        self.addItem(item)

    def show_for(self, template: Template, values: ChequeValues) -> None:
        self.clear()
        for index, text in template.problems():
            self._add(f"⚠ {text}", PROBLEM, index)
        for placed in place_template(template, values):
            for text in placed.warnings:
                self._add(text, WARNING, placed.index)
        if not self.count():
            self._add(NONE_TEXT, ALL_WELL, -1)

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def _chosen(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.UserRole)
        if index is not None and index >= 0:
            self.fieldChosen.emit(index)
