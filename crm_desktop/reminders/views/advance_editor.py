"""The advance notices of a reminder: a list of «N دقیقه/ساعت/روز پیش از موعد» with «افزودن»
and «حذف». ``minutes()`` is the sorted tuple the model stores."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

UNITS = (("دقیقه", 1), ("ساعت", 60), ("روز", 1440))
MAX_MINUTES = 60 * 1440


def _label(minutes: int) -> str:
    from crm_desktop.reminders.model import advance_label

    return advance_label(minutes)


class AdvanceEditor(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("یادآوری پیش از موعد", parent)
        self.setObjectName("reminder.advance")
        self.list = QListWidget(self)
        self.list.setObjectName("reminder.advance.list")
        self.list.setAccessibleName("یادآوری‌های پیش از موعد")
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 4 + 12)
        self.amount = QSpinBox(self)
        self.amount.setObjectName("reminder.advance.amount")
        self.amount.setRange(1, 999)
        self.amount.setValue(15)
        self.unit = QComboBox(self)
        self.unit.setObjectName("reminder.advance.unit")
        for text, factor in UNITS:
            self.unit.addItem(text, factor)
        self.add_button = QPushButton("افزودن", self)
        self.add_button.setObjectName("reminder.advance.add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton("حذف", self)
        self.remove_button.setObjectName("reminder.advance.remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        QShortcut(QKeySequence.Delete, self.list, self.remove_current, context=Qt.WidgetShortcut)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("reminder.advance.error")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.amount)
        row.addWidget(self.unit)
        row.addWidget(QLabel("پیش از موعد", self))
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.list)
        layout.addWidget(self.error_label)
        self._minutes: list[int] = []
        self.list.currentRowChanged.connect(lambda _r: self.remove_button.setEnabled(self.list.currentRow() >= 0))
        self.remove_button.setEnabled(False)

    def minutes(self) -> tuple[int, ...]:
        return tuple(sorted(set(self._minutes)))

    def set_minutes(self, minutes) -> None:
        self._minutes = sorted(set(int(m) for m in minutes))
        self._fill()

    def add(self, minutes: int) -> bool:
        self.show_error("")
        if minutes <= 0 or minutes > MAX_MINUTES:
            self.show_error("یادآوری پیش از موعد باید بین ۱ دقیقه و ۶۰ روز باشد.")
            return False
        if minutes in self._minutes:
            return False
        self._minutes = sorted(set(self._minutes) | {minutes})
        self._fill(select=minutes)
        self.changed.emit()
        return True

    def add_current(self) -> bool:
        return self.add(self.amount.value() * self.unit.currentData())

    def remove_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self._minutes.remove(item.data(Qt.UserRole))
        self._fill()
        self.changed.emit()

    def _fill(self, select: int | None = None) -> None:
        self.list.clear()
        for minutes in self._minutes:
            item = QListWidgetItem(_label(minutes))
            item.setData(Qt.UserRole, minutes)
            self.list.addItem(item)
            if minutes == select:
                self.list.setCurrentItem(item)
        if not self._minutes:
            item = QListWidgetItem("فقط سر موعد")
            item.setFlags(Qt.NoItemFlags)
            self.list.addItem(item)

    def labels(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count()) if self.list.item(i).data(Qt.UserRole)]

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() or self.error_label.text() else ""
