"""The canvas in a scroll area between a top and a side ruler in millimetres (Persian digits,
reading left to right like the leaf), with the zoom: in, out, fit the window (kept while the
window is resized, until the operator zooms), Ctrl+wheel about the mouse.

The whole view is left to right so neither the rulers nor the leaf are mirrored."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QWidget

from crm_desktop.cheque_print.views.canvas import LeafCanvas
from crm_desktop.core.digits import to_persian
from crm_desktop.ui.fonts import ui_font

RULER_PX = 26
LRI, PDI = "\u2066", "\u2069"
MIN_K, MAX_K = 1.0, 40.0  # px per mm
ZOOM_STEP = 1.25
RULER_BACK = QColor("#f4f6f8")
RULER_INK = QColor("#37474f")
RULER_MARK = QColor(31, 111, 139, 60)


def _steps(k: float) -> tuple[float, float]:
    """(a tick every … mm, a number every … mm) readable at ``k`` px per mm."""
    minor = next((s for s in (1, 2, 5, 10, 20) if s * k >= 5), 50)
    label = next((s for s in (5, 10, 20, 50, 100) if s * k >= 34), 200)
    return minor, label


class Ruler(QWidget):
    def __init__(self, canvas: LeafCanvas, horizontal: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = canvas
        self.horizontal = horizontal
        self.setObjectName("designer.ruler_top" if horizontal else "designer.ruler_side")
        self.setLayoutDirection(Qt.LeftToRight)
        if horizontal:
            self.setFixedHeight(RULER_PX)
        else:
            self.setFixedWidth(RULER_PX)
        font = ui_font()
        font.setPixelSize(10)
        self.setFont(font)

    def zero(self) -> float:
        """Where the leaf's 0 mm is, in this ruler's pixels."""
        at = self.mapFromGlobal(self.canvas.mapToGlobal(QPoint(0, 0)))
        origin = self.canvas.origin()
        return at.x() + origin.x() if self.horizontal else at.y() + origin.y()

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setLayoutDirection(Qt.LeftToRight)  # else Persian digits alone read as right to left
        painter.fillRect(self.rect(), RULER_BACK)
        k, zero = self.canvas.k, self.zero()
        length = self.width() if self.horizontal else self.height()
        field = self.canvas.selected_field()
        if field is not None:  # the selected field's extent
            x, y, w, h = field.boxes()[0]
            start, size = (x, w) if self.horizontal else (y, h)
            band = QRectF(zero + start * k, 0, size * k, RULER_PX) if self.horizontal else \
                QRectF(0, zero + start * k, RULER_PX, size * k)
            painter.fillRect(band, RULER_MARK)
        minor, label = _steps(k)
        first = math.floor(-zero / k / minor) * minor
        last = (length - zero) / k
        painter.setPen(QPen(RULER_INK, 1))
        mm = first
        while mm <= last:
            at = zero + mm * k
            numbered = abs(mm % label) < 1e-6
            tick = 9 if numbered else 6 if abs(mm % (minor * 5)) < 1e-6 else 3
            if self.horizontal:
                painter.drawLine(QPointF(at, RULER_PX), QPointF(at, RULER_PX - tick))
            else:
                painter.drawLine(QPointF(RULER_PX, at), QPointF(RULER_PX - tick, at))
            if numbered:
                text = LRI + ("-" if mm < 0 else "") + to_persian(f"{abs(mm):g}") + PDI
                if self.horizontal:
                    painter.drawText(QRectF(at + 2, 1, 40, 13), Qt.AlignLeft | Qt.AlignTop, text)
                else:
                    painter.drawText(QRectF(2, at + 1, RULER_PX - 4, 13), Qt.AlignLeft | Qt.AlignTop, text)
            mm += minor
        painter.setPen(QColor("#b0bec5"))
        if self.horizontal:
            painter.drawLine(0, RULER_PX - 1, self.width(), RULER_PX - 1)
        else:
            painter.drawLine(RULER_PX - 1, 0, RULER_PX - 1, self.height())
        painter.end()


class LeafView(QWidget):
    zoomChanged = Signal(int)  # percent of the leaf's true size on this screen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("designer.leaf_view")
        self.setLayoutDirection(Qt.LeftToRight)
        self.canvas = LeafCanvas()
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("designer.scroll")
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.top = Ruler(self.canvas, True, self)
        self.side = Ruler(self.canvas, False, self)
        corner = QLabel("mm", self)
        corner.setAlignment(Qt.AlignCenter)
        corner.setStyleSheet(f"background: {RULER_BACK.name()}; color: #78909c; font-size: 9px;")
        corner.setToolTip("میلی‌متر، از گوشه بالا-چپ برگ")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(corner, 0, 0)
        layout.addWidget(self.top, 0, 1)
        layout.addWidget(self.side, 1, 0)
        layout.addWidget(self.scroll, 1, 1)
        self.fitting = True
        self.scroll.horizontalScrollBar().valueChanged.connect(self.top.update)
        self.scroll.verticalScrollBar().valueChanged.connect(self.side.update)
        self.canvas.viewChanged.connect(self._rulers)
        self.canvas.zoomRequested.connect(lambda factor, at: self.zoom_by(factor, at))
        self.scroll.viewport().installEventFilter(self)

    def _rulers(self) -> None:
        self.top.update()
        self.side.update()

    def percent(self) -> int:
        return round(self.canvas.k / (self.logicalDpiX() / 25.4) * 100)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.scroll.viewport() and event.type() == QEvent.Resize:
            if self.fitting:
                self.fit()
            self._rulers()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        """The whole leaf (and any field outside it) in the window; kept on resizing."""
        self.fitting = True
        left, top, right, bottom = self.canvas.extent()
        viewport = self.scroll.viewport().size()
        k = min((viewport.width() - 2) / (right - left), (viewport.height() - 2) / (bottom - top))
        self._apply(max(MIN_K, min(MAX_K, math.floor(k * 100) / 100)))

    def zoom_by(self, factor: float, at: QPointF | None = None) -> None:
        """Zoom by ``factor``, keeping the millimetre under ``at`` (canvas px) where it is."""
        self.fitting = False
        k = max(MIN_K, min(MAX_K, self.canvas.k * factor))
        if at is None:
            centre = self.scroll.viewport().rect().center()
            at = QPointF(self.canvas.mapFrom(self.scroll.viewport(), centre))
        mm = self.canvas.to_mm(at)
        on_screen = self.scroll.viewport().mapFrom(self.canvas, at.toPoint())
        self._apply(k)
        self.scroll.widget().resize(self.scroll.widget().size().expandedTo(self.canvas.minimumSize()))
        now = self.canvas.to_px(*mm)
        self.scroll.horizontalScrollBar().setValue(round(now.x() - on_screen.x()))
        self.scroll.verticalScrollBar().setValue(round(now.y() - on_screen.y()))

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def _apply(self, k: float) -> None:
        if abs(k - self.canvas.k) > 1e-9:
            self.canvas.set_zoom(k)
            self.zoomChanged.emit(self.percent())
        self._rulers()
