"""FlowLayout: widgets side by side that wrap onto another line when the width runs out, like words
(a line starts on the right in RTL). Its minimum width is its widest item's, not the sum of all of
them, so a row of a dozen labels never makes the window wider than the screen; its height follows
its width (``heightForWidth``). Hidden widgets take no place.

    lines = FlowLayout(h_spacing=18, v_spacing=2)
    for text in texts:
        lines.addWidget(QLabel(text))
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QStyle


class FlowLayout(QLayout):
    def __init__(self, parent=None, *, h_spacing: int = 6, v_spacing: int = 4):
        super().__init__(parent)
        self._items = []
        self._h_spacing = h_spacing
        self._v_spacing = v_spacing

    # -- QLayout ----------------------------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- placing ----------------------------------------------------------------------------------
    def _shown(self):
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` line by line (when ``move``); the height they need."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        direction = self.parentWidget().layoutDirection() if self.parentWidget() else Qt.LeftToRight
        x, y, line_height = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:  # no room left on this line
                x, y, line_height = area.x(), y + line_height + self._v_spacing, 0
            if move:
                place = QRect(QPoint(x, y), QSize(min(hint.width(), area.width()), hint.height()))
                item.setGeometry(QStyle.visualRect(direction, area, place))
            x += hint.width() + self._h_spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()
