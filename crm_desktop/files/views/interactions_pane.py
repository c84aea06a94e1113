"""A customer's interaction log (سوابق تعامل), newest first: when, the kind, what it was about,
the outcome and the next follow-up (a reminder; «✓» once its time has passed). «تعامل تازه…»
adds one, «حذف» removes one with its reminder (asks first)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.files.views.common import date_text
from crm_desktop.ui import dialogs

HEADERS = ("زمان", "نوع", "شرح", "نتیجه", "پیگیری بعدی")


def _interaction_dialog(office, file_id, parent, clock):
    from crm_desktop.files.views.interaction_dialog import InteractionDialog

    return InteractionDialog(office, file_id, parent, clock=clock)


def interaction_cells(i) -> tuple[str, ...]:
    """A row's cells; a date and time fills its cell alone, so the table's right-to-left direction
    puts the date on the right (an isolate inside would be measured short and clipped)."""
    return (date_text(i.at), i.kind_label, " ".join(i.summary.split()), i.outcome, date_text(i.follow_up_on))


class InteractionsPane(QGroupBox):
    changed = Signal()

    def __init__(self, office, file_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__("سوابق تعامل", parent)
        self.setObjectName("file.interactions")
        self.office = office
        self.file_id = file_id
        self.clock = clock
        self.dialog_factory = _interaction_dialog
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("file.interactions.table")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()  # the summary takes what the others leave: no sideways scrolling
        header.setStretchLastSection(False)
        for column in (0, 1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Interactive)
        self.table.setColumnWidth(3, 110)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.empty = QLabel("هنوز تعاملی ثبت نشده است.", self)
        self.empty.setEnabled(False)
        self.add_button = QPushButton("تعامل تازه…", self)
        self.add_button.setObjectName("file.interactions.add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton("حذف", self)
        self.delete_button.setObjectName("file.interactions.delete")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self._ids: list[int] = []
        self.refresh()

    def refresh(self) -> None:
        found = self.office.files.interactions(self.file_id)
        self._ids = [i.id for i in found]
        self.table.setRowCount(len(found))
        for row, interaction in enumerate(found):
            for column, text in enumerate(interaction_cells(interaction)):
                item = QTableWidgetItem(text)
                if column == 2 or column == 3:
                    item.setToolTip(interaction.summary + (f"\nنتیجه: {interaction.outcome}" if interaction.outcome
                                                           else ""))
                if column in (0, 4):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)
                if column == 4 and interaction.follow_up_on:
                    item.setToolTip("یادآوری پیگیری در دفتر یادآوری‌ها")
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(found))
        self.empty.setVisible(not found)
        self._update_buttons()

    def lines(self) -> list[tuple[str, ...]]:
        return [tuple(self.table.item(r, c).text() for c in range(len(HEADERS))) for r in range(self.table.rowCount())]

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.table.currentRow() >= 0)

    def add(self) -> int | None:
        dialog = self.dialog_factory(self.office, self.file_id, self.window(), self.clock)
        dialog.exec()
        new_id = dialog.interaction_id
        dialog.deleteLater()
        if new_id:
            self.refresh()
            self.changed.emit()
        return new_id

    def delete_current(self) -> bool:
        row = self.table.currentRow()
        if row < 0:
            return False
        if not dialogs.confirm(self, "این تعامل و یادآوری پیگیری آن حذف شود؟", "حذف تعامل", yes_text="حذف",
                               no_text="انصراف"):
            return False
        try:
            self.office.files.delete_interaction(self._ids[row])
        except Exception as error:  # noqa: BLE001 - the operator sees why
            dialogs.show_error(self, error)
            return False
        self.refresh()
        self.changed.emit()
        return True
