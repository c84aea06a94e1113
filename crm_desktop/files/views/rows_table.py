"""An applicant's education and work history as small editable tables (سوابق تحصیلی، سوابق
کاری): «افزودن ردیف» / «حذف ردیف», digits shown Persian, the level chosen from the usual list
(or typed). ``rows()`` gives the dicts the model stores (EDUCATION_ROW / WORK_ROW keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import to_persian
from crm_desktop.files.model import EDUCATION, EDUCATION_ROW, WORK_ROW

TITLES = {
    "education_rows": (EDUCATION_ROW, ("مقطع", "رشته", "محل تحصیل", "سال")),
    "work_rows": (WORK_ROW, ("کارفرما", "سمت", "از", "تا", "علت ترک")),
}
DIGIT_KEYS = {"year", "start", "end"}


class LevelDelegate(QStyledItemDelegate):
    """The education level: the usual list, or any text."""

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems([label for label in EDUCATION.values() if label])
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentText(index.data() or "")

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentText().strip())


class RowsTable(QWidget):
    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, *, object_name: str = ""):
        super().__init__(parent)
        self.keys, titles = TITLES[name]
        self.setObjectName(object_name or name)
        self.table = QTableWidget(0, len(self.keys), self)
        self.table.setObjectName(f"{self.objectName()}.table")
        self.table.setHorizontalHeaderLabels(list(titles))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 6)
        self.table.setMaximumHeight(self.table.fontMetrics().height() * 9)
        if self.keys[0] == "level":
            self._delegate = LevelDelegate(self.table)
            self.table.setItemDelegateForColumn(0, self._delegate)
        self.add_button = QPushButton("افزودن ردیف", self)
        self.add_button.setObjectName(f"{self.objectName()}.add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton("حذف ردیف", self)
        self.remove_button.setObjectName(f"{self.objectName()}.remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0)

    def add_row(self, values: dict | None = None) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for column, key in enumerate(self.keys):
            text = str((values or {}).get(key, "") or "")
            item = QTableWidgetItem(to_persian(text) if key in DIGIT_KEYS else text)
            if key in DIGIT_KEYS:
                item.setTextAlignment(Qt.AlignCenter)
            self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        if values is None:  # the operator's new row: start typing in it
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        self.changed.emit()
        self._update_buttons()
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()
        self._update_buttons()

    def set_rows(self, rows: list[dict]) -> None:
        self.table.setRowCount(0)
        for values in rows or []:
            self.add_row(values)

    def rows(self) -> list[dict]:
        found = []
        for row in range(self.table.rowCount()):
            values = {}
            for column, key in enumerate(self.keys):
                item = self.table.item(row, column)
                values[key] = (item.text() if item is not None else "").strip()
            if any(values.values()):
                found.append(values)
        return found
