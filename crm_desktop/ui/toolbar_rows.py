"""ToolbarRows: a tab's toolbar as groups of tools side by side that wrap onto another row when the
window is too narrow (a 1024 × 600 netbook), so no tool hides behind a toolbar's » menu; back in
one row when there is room. A row starts on the right in RTL (ui.flow_layout); groups on the same
row have a toolbar's thin separator between them, a group that starts a row has none.

    self.toolbar = ToolbarRows(self, "cheques.toolbar")
    self.toolbar.add_group(self.new_action, self.open_action)     # QActions, or QWidgets
    self.toolbar.add_group(self.print_action, self.export_action)
    layout.addWidget(self.toolbar)
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QStyle, QStyleOption, QToolBar, QWidget

from crm_desktop.ui.flow_layout import FlowLayout

GAP = 11  # between two groups on a row: room for the separator line


class ToolbarRows(QWidget):
    def __init__(self, parent: QWidget | None = None, name: str = ""):
        super().__init__(parent)
        self.setObjectName(name)
        self.groups: list[QToolBar] = []
        flow = FlowLayout(self, h_spacing=GAP, v_spacing=0)
        flow.setContentsMargins(0, 0, 0, 0)

    def add_group(self, *items: QAction | QWidget) -> QToolBar:
        """A group of tools (text only, like every tab's toolbar) that stays in one row."""
        bar = QToolBar(self)
        bar.setObjectName(f"{self.objectName()}.{len(self.groups) + 1}")
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        bar.setMovable(False)
        for item in items:
            if isinstance(item, QWidget):
                bar.addWidget(item)
            else:
                bar.addAction(item)
        self.layout().addWidget(bar)
        self.groups.append(bar)
        return bar

    def widget_for(self, action: QAction) -> QWidget | None:
        """The button that shows ``action`` (None when no group holds it)."""
        for bar in self.groups:
            if action in bar.actions():
                return bar.widgetForAction(action)
        return None

    def rows(self) -> list[list[QToolBar]]:
        """The groups as they are laid out, row by row, each row in reading order."""
        rows: list[list[QToolBar]] = []
        for bar in (bar for bar in self.groups if not bar.isHidden()):
            if rows and rows[-1][-1].y() == bar.y():
                rows[-1].append(bar)
            else:
                rows.append([bar])
        return rows

    def separators(self) -> list[QRect]:
        """Where a separator is drawn: in the gap between two groups of the same row."""
        rects = []
        for row in self.rows():
            for before, after in zip(row, row[1:]):
                a, b = before.geometry(), after.geometry()
                left, right = min(a.right(), b.right()) + 1, max(a.left(), b.left()) - 1
                rects.append(QRect(left, min(a.top(), b.top()), right - left + 1, max(a.height(), b.height())))
        return rects

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        option.state |= QStyle.State_Horizontal  # a horizontal toolbar's separator: an upright line
        for rect in self.separators():
            option.rect = rect.adjusted(0, 4, 0, -4)
            self.style().drawPrimitive(QStyle.PE_IndicatorToolBarSeparator, option, painter, self)
        painter.end()
