"""The leaf on screen: the template drawn to scale by print_render (the printout's own drawing
code) with live values, over the optional scanned leaf and a mm grid; dashed boxes with their
labels, a field outside the leaf in red; the selected field with handles.

The mouse selects, drags and resizes (snapped to the grid, ``snap_step`` mm, None for 0.1 mm);
the arrow keys nudge 0.5 mm (Shift: 5 mm); Delete asks to remove the field; Ctrl+wheel asks to
zoom. Nothing is changed here for good: a finished drag or a nudge is emitted as
``fieldEdited(index, field, what)`` and the designer makes it an undoable step.

The canvas is left to right whatever the app's direction: its coordinates are the leaf's own,
x from the leaf's left edge, as printed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from crm_desktop.cheque_print.model import Field, Template
from crm_desktop.cheque_print.print_render import (
    GUIDE_COLOUR,
    draw_background,
    draw_boxes,
    draw_grid,
    draw_outline,
    draw_template,
)
from crm_desktop.cheque_print.values import ChequeValues
from crm_desktop.cheque_print.views import drag

MARGIN_MM = 8.0  # around the leaf (and around fields that stick out of it)
HANDLE_PX = 7
DRAG_START_PX = 3
NUDGE, NUDGE_BIG = 0.5, 5.0
BACKDROP = QColor("#d9dee3")
CURSORS = {"tl": Qt.SizeFDiagCursor, "br": Qt.SizeFDiagCursor, "tr": Qt.SizeBDiagCursor, "bl": Qt.SizeBDiagCursor,
           "l": Qt.SizeHorCursor, "r": Qt.SizeHorCursor, "l2l": Qt.SizeHorCursor, "l2r": Qt.SizeHorCursor,
           "t": Qt.SizeVerCursor, "b": Qt.SizeVerCursor, "start": Qt.CrossCursor, "end": Qt.CrossCursor,
           "box": Qt.SizeAllCursor, "line2": Qt.SizeAllCursor}


class LeafCanvas(QWidget):
    selectionChanged = Signal(int)  # the selected field's index, -1 for none
    fieldEdited = Signal(int, object, str)  # index, the field as it should now be, the undo text
    deleteRequested = Signal()
    zoomRequested = Signal(float, QPointF)  # factor, the point (canvas px) to keep under the mouse
    viewChanged = Signal()  # zoom, origin or the selection's extent: the rulers repaint

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("designer.canvas")
        self.setAccessibleName("برگ چک")
        self.setLayoutDirection(Qt.LeftToRight)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.template = Template("")
        self.values = ChequeValues.sample()
        self.k = 4.0  # px per mm
        self.selected = -1
        self.snap_step: float | None = drag.SNAP
        self.show_grid = True
        self.show_background = True
        self.warnings: list[str] = []
        self._extent = (0.0, 0.0, 0.0, 0.0)
        self._drag = None

    # --- what is shown ------------------------------------------------------------------------------
    def set_template(self, template: Template, selected: int | None = None) -> None:
        self.template = template
        if selected is not None:
            self.selected = selected
        if not 0 <= self.selected < len(template.fields):
            self.selected = -1
        self._drag = None
        self.refresh_geometry()

    def set_values(self, values: ChequeValues) -> None:
        self.values = values
        self.update()

    def set_zoom(self, k: float) -> None:
        self.k = k
        self.refresh_geometry()

    def select(self, index: int) -> None:
        index = index if 0 <= index < len(self.template.fields) else -1
        if index != self.selected:
            self.selected = index
            self.update()
            self.viewChanged.emit()
            self.selectionChanged.emit(index)

    def selected_field(self) -> Field | None:
        return self.template.fields[self.selected] if self.selected >= 0 else None

    # --- geometry -----------------------------------------------------------------------------------
    def extent(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) mm of the leaf and every field box, margins included."""
        t = self.template
        left, top, right, bottom = 0.0, 0.0, t.width, t.height
        for f in t.fields:
            for x, y, w, h in f.boxes():
                left, top = min(left, x), min(top, y)
                right, bottom = max(right, x + w), max(bottom, y + h)
        return left - MARGIN_MM, top - MARGIN_MM, right + MARGIN_MM, bottom + MARGIN_MM

    def refresh_geometry(self) -> None:
        self._extent = self.extent()
        self.setMinimumSize(self.content_size())
        self.updateGeometry()
        self.update()
        self.viewChanged.emit()

    def content_size(self, k: float | None = None) -> QSize:
        left, top, right, bottom = self._extent
        k = k or self.k
        return QSize(int((right - left) * k) + 1, int((bottom - top) * k) + 1)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.content_size()

    def origin(self) -> QPointF:
        """The leaf's top-left corner in widget pixels (the content centred when there is room)."""
        left, top, _, _ = self._extent
        size = self.content_size()
        return QPointF(max(0, (self.width() - size.width()) // 2) - left * self.k,
                       max(0, (self.height() - size.height()) // 2) - top * self.k)

    def to_px(self, x: float, y: float) -> QPointF:
        o = self.origin()
        return QPointF(o.x() + x * self.k, o.y() + y * self.k)

    def to_mm(self, point) -> tuple[float, float]:
        o = self.origin()
        return (point.x() - o.x()) / self.k, (point.y() - o.y()) / self.k

    # --- painting -----------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKDROP)
        t, k, o = self.template, self.k, self.origin()
        leaf = QRectF(o.x(), o.y(), t.width * k, t.height * k)
        painter.fillRect(leaf.translated(3, 3), QColor(0, 0, 0, 45))
        painter.fillRect(leaf, Qt.white)
        if self.show_background:
            draw_background(painter, t, k, o)
        if self.show_grid:
            draw_grid(painter, t, k, o, 1.0 if k >= 3 else 5.0)
        draw_outline(painter, t, k, o)
        self.warnings = draw_template(painter, t, self.values, k=k, origin=o)
        draw_boxes(painter, t, k, o, selected=self.selected if self.selected >= 0 else None)
        field = self.selected_field()
        if field is not None:
            painter.setPen(QPen(GUIDE_COLOUR, 1))
            painter.setBrush(Qt.white)
            half = HANDLE_PX / 2
            for x, y in drag.handles(field).values():
                p = self.to_px(x, y)
                painter.drawRect(QRectF(p.x() - half, p.y() - half, HANDLE_PX, HANDLE_PX))
        painter.end()

    # --- the mouse ----------------------------------------------------------------------------------
    def hit(self, point) -> tuple[int, str | None]:
        """(field index, part or handle) under a widget point; the selected field's handles
        first, then the topmost field."""
        x, y = self.to_mm(point)
        tolerance = (HANDLE_PX / 2 + 1) / self.k
        field = self.selected_field()
        if field is not None:
            handle = drag.handle_at(field, x, y, tolerance)
            if handle:
                return self.selected, handle
        for index in range(len(self.template.fields) - 1, -1, -1):
            part = drag.part_at(self.template.fields[index], x, y, tolerance)
            if part:
                return index, part
        return -1, None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.setFocus(Qt.MouseFocusReason)
        if event.button() != Qt.LeftButton:
            return super().mousePressEvent(event)
        index, part = self.hit(event.position())
        self.select(index)
        if index >= 0:
            self._drag = {"index": index, "part": part, "start": self.to_mm(event.position()),
                          "press": event.position(), "original": replace(self.template.fields[index]), "moved": False}
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        state = self._drag
        if state is None:
            _, part = self.hit(event.position())
            self.setCursor(CURSORS.get(part, Qt.ArrowCursor))
            return
        travel = event.position() - state["press"]
        if not state["moved"] and abs(travel.x()) + abs(travel.y()) < DRAG_START_PX:
            return
        state["moved"] = True
        x, y = self.to_mm(event.position())
        sx, sy = state["start"]
        self.template.fields[state["index"]] = drag.dragged(state["original"], state["part"], x - sx, y - sy,
                                                            self.snap_step)
        self.update()
        self.viewChanged.emit()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        state, self._drag = self._drag, None
        if state is None or event.button() != Qt.LeftButton:
            return super().mouseReleaseEvent(event)
        index, original = state["index"], state["original"]
        if not state["moved"] or index >= len(self.template.fields):
            return
        moved = self.template.fields[index]
        self.template.fields[index] = original  # the designer makes it an undoable step
        if moved != original:
            verb = "جابه‌جایی" if state["part"] in ("box", "line2") else "تغییر اندازه"
            self.fieldEdited.emit(index, moved, f"{verb} «{original.label}»")
        else:
            self.update()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoomRequested.emit(1.25 ** steps, event.position())
            event.accept()
            return
        event.ignore()  # the scroll area scrolls

    # --- the keyboard -------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        field = self.selected_field()
        arrows = {Qt.Key_Left: (-1, 0), Qt.Key_Right: (1, 0), Qt.Key_Up: (0, -1), Qt.Key_Down: (0, 1)}
        if key in arrows and field is not None:
            step = NUDGE_BIG if event.modifiers() & Qt.ShiftModifier else NUDGE
            dx, dy = arrows[key]
            moved = field.moved(dx * step, dy * step)
            moved = replace(moved, x=round(moved.x, 3), y=round(moved.y, 3),
                            line2=tuple(round(v, 3) for v in moved.line2) if moved.line2 else None)
            self.fieldEdited.emit(self.selected, moved, f"جابه‌جایی «{field.label}»")
            event.accept()
            return
        if key in (Qt.Key_Delete, Qt.Key_Backspace) and field is not None:
            self.deleteRequested.emit()
            event.accept()
            return
        if key == Qt.Key_Escape and field is not None:
            self.select(-1)
            event.accept()
            return
        super().keyPressEvent(event)
