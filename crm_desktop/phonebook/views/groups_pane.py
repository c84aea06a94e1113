"""The groups pane beside the phonebook table: «همه مخاطبان» with the total, then each group with
its colour swatch and its count. Choosing one filters the table (together with the search)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from crm_desktop.core.digits import format_number

ALL_TEXT = "همه مخاطبان"
NAME_COLUMN, COUNT_COLUMN = 0, 1
GroupIdRole = Qt.UserRole + 1


def swatch(colour: str, size: int = 14) -> QIcon:
    """A small round-cornered square in the group's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    fill = QColor(colour) if QColor.isValidColorName(colour or "") else QColor("#888888")
    painter.setBrush(fill)
    painter.setPen(fill.darker(130))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class GroupsPane(QTreeWidget):
    """``groupChosen(group_id or None)`` when the operator picks another line."""

    groupChosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("phonebook.groups")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setIconSize(QSize(14, 14))
        self.setAccessibleName("گروه‌ها")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeToContents)
        self._group_id = None
        self.currentItemChanged.connect(self._on_current_changed)

    # -- contents -------------------------------------------------------------------------------
    def set_groups(self, groups, total: int) -> None:
        """Show ``groups`` (each with .id, .name, .colour, .count) under «همه مخاطبان» (``total``),
        keeping the chosen group when it still exists (otherwise back to all contacts)."""
        keep = self._group_id
        self.blockSignals(True)
        try:
            self.clear()
            everyone = self._item(None, ALL_TEXT, total)
            font = everyone.font(NAME_COLUMN)
            font.setBold(True)
            everyone.setFont(NAME_COLUMN, font)
            chosen = everyone
            for group in groups:
                item = self._item(group.id, group.name, group.count, swatch(group.colour))
                if group.id == keep:
                    chosen = item
            self.setCurrentItem(chosen)
        finally:
            self.blockSignals(False)
        new_id = chosen.data(NAME_COLUMN, GroupIdRole)
        if new_id != keep:
            self._group_id = new_id
            self.groupChosen.emit(new_id)

    def _item(self, group_id, name: str, count: int, icon: QIcon | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [name, format_number(count)])
        item.setData(NAME_COLUMN, GroupIdRole, group_id)
        item.setTextAlignment(COUNT_COLUMN, Qt.AlignLeft | Qt.AlignAbsolute | Qt.AlignVCenter)  # the far side
        item.setForeground(COUNT_COLUMN, self.palette().placeholderText())
        if icon is not None:
            item.setIcon(NAME_COLUMN, icon)
        item.setToolTip(NAME_COLUMN, f"{name} — {format_number(count)} مخاطب")
        return item

    # -- the choice -----------------------------------------------------------------------------
    def group_id(self):
        return self._group_id

    def choose(self, group_id) -> None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(NAME_COLUMN, GroupIdRole) == group_id:
                self.setCurrentItem(item)
                return

    def rows_text(self) -> list[tuple[str, str]]:
        """(name, count) of every line as shown (for tests)."""
        return [(self.topLevelItem(i).text(NAME_COLUMN), self.topLevelItem(i).text(COUNT_COLUMN))
                for i in range(self.topLevelItemCount())]

    def _on_current_changed(self, current, _previous) -> None:
        group_id = current.data(NAME_COLUMN, GroupIdRole) if current is not None else None
        if group_id != self._group_id:
            self._group_id = group_id
            self.groupChosen.emit(group_id)
