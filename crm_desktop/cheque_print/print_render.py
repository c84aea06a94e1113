"""One drawing code for the designer, the PDF and the printer: a template's fields filled with
one cheque's values, drawn with a QPainter at ``k`` device pixels per millimetre from an origin.

Nothing is scaled on the painter (Qt's fonts misbehave under ``painter.scale``): each box is
turned into device pixels and each font gets a pixel size from its point size. Fitting is
measured at a fixed reference scale, so the designer at any zoom and the 1200 dpi PDF break the
amount in words at the same word. A text that does not fit is moved to the field's second line
(amount in words), else shrunk down to the field's ``min_size``, with a Persian warning either
way when it was shrunk or still does not fit — never clipped silently.

    warnings = draw_template(painter, template, values, k=1200 / 25.4)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication, QPainter, QPen, QPixmap, QTextOption

from crm_desktop.cheque_print.model import DEFAULT_FONT, Field, Template
from crm_desktop.cheque_print.values import ChequeValues, text_for
from crm_desktop.core.digits import to_persian

PT_MM = 25.4 / 72  # one point in millimetres
REFERENCE_K = 40.0  # px per mm at which every fit is measured
SHRINK_STEP = 0.5  # pt
DIGIT_KINDS = {"date", "amount", "national_id"}
GUIDE_COLOUR = QColor("#1f6f8b")
GRID_COLOUR = QColor(31, 111, 139, 40)
PROBLEM_COLOUR = QColor("#c62828")


def ensure_gui_application() -> None:
    """Printing needs a QGuiApplication: the CLI gets an offscreen one of its own."""
    if QGuiApplication.instance() is None:
        import os
        import sys

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication._crm_instance = QGuiApplication(sys.argv[:1])  # kept alive for the process
    from crm_desktop.ui.fonts import load_bundled_fonts

    load_bundled_fonts()


def font_family(family: str) -> tuple[str, str]:
    """(the family to use, a Persian warning or ''): a font not installed falls back to Vazirmatn."""
    if family in QFontDatabase.families():
        return family, ""
    return DEFAULT_FONT, f"قلم «{family}» روی این رایانه نیست؛ به جای آن «{DEFAULT_FONT}» به کار رفت."


@dataclass
class Placed:
    """How one field is laid out: its lines (box in mm, text), the point size used, warnings."""

    index: int
    kind: str
    lines: list[tuple[tuple[float, float, float, float], str]] = field(default_factory=list)
    size: float = 0.0
    family: str = DEFAULT_FONT
    warnings: list[str] = field(default_factory=list)


def make_font(f: Field, family: str, size: float, k: float) -> QFont:
    font = QFont(family)
    font.setPixelSize(max(1, round(size * PT_MM * k)))
    font.setBold(f.bold)
    font.setKerning(True)
    if f.spacing:
        font.setLetterSpacing(QFont.AbsoluteSpacing, f.spacing * k)
    return font


def _width_mm(font_of_size, size: float, text: str) -> float:
    return QFontMetricsF(font_of_size(size)).horizontalAdvance(text) / REFERENCE_K


def _split(words: list[str], fits) -> tuple[str, str]:
    """As many words as fit on the first line (at least one), the rest for the second."""
    first = 1
    while first < len(words) and fits(" ".join(words[:first + 1])):
        first += 1
    return " ".join(words[:first]), " ".join(words[first:])


def place_field(index: int, f: Field, text: str) -> Placed:
    """Where the field's text goes and at what size (see the module notes)."""
    family, missing = font_family(f.font)
    placed = Placed(index, f.kind, size=f.size, family=family)
    if missing:
        placed.warnings.append(missing)
    if f.kind == "line" or not text:
        return placed
    font_of_size = lambda size: make_font(f, family, size, REFERENCE_K)  # noqa: E731
    boxes = f.boxes()
    size = f.size
    while True:
        def fits(t, width, s=size):
            return _width_mm(font_of_size, s, t) <= width + 0.05

        if fits(text, f.w):
            placed.lines = [(boxes[0], text)]
            break
        if len(boxes) > 1:
            first, rest = _split(text.split(), lambda t: fits(t, f.w))
            if rest and fits(first, f.w) and fits(rest, boxes[1][2]):
                placed.lines = [(boxes[0], first), (boxes[1], rest)]
                break
        if size - SHRINK_STEP < f.min_size - 1e-9:
            if len(boxes) > 1:
                first, rest = _split(text.split(), lambda t: fits(t, f.w))
                placed.lines = [(boxes[0], first)] + ([(boxes[1], rest)] if rest else [])
            else:
                placed.lines = [(boxes[0], text)]
            placed.warnings.append(f"«{f.label}» حتی با قلم {to_persian(f'{size:g}')} در جای خود جا نمی‌شود؛ "
                                   "کادر آن را بزرگ‌تر کنید.")
            break
        size -= SHRINK_STEP
    if size < f.size and len(placed.warnings) == (1 if missing else 0):
        placed.warnings.append(f"«{f.label}» برای جا شدن با قلم {to_persian(f'{size:g}')} به جای "
                               f"{to_persian(f'{f.size:g}')} چاپ شد.")
    placed.size = size
    return placed


def place_template(template: Template, values: ChequeValues) -> list[Placed]:
    return [place_field(i, f, text_for(f, values)) for i, f in enumerate(template.fields)]


def _flags(f: Field) -> Qt.AlignmentFlag:
    horizontal = {"right": Qt.AlignRight | Qt.AlignAbsolute, "left": Qt.AlignLeft | Qt.AlignAbsolute,
                  "center": Qt.AlignHCenter}[f.align]
    return horizontal | Qt.AlignVCenter


def _rect(box, k: float, origin: QPointF) -> QRectF:
    x, y, w, h = box
    return QRectF(origin.x() + x * k, origin.y() + y * k, w * k, h * k)


def draw_field(painter: QPainter, f: Field, placed: Placed, k: float, origin: QPointF) -> None:
    colour = QColor(f.colour)
    if f.kind == "line":
        pen = QPen(colour, max(1.0, f.size * PT_MM * k / 4))
        painter.setPen(pen)
        painter.drawLine(QPointF(origin.x() + f.x * k, origin.y() + f.y * k),
                         QPointF(origin.x() + (f.x + f.w) * k, origin.y() + (f.y + f.h) * k))
        return
    painter.setPen(colour)
    painter.setFont(make_font(f, placed.family, placed.size, k))
    option = QTextOption(_flags(f))
    option.setWrapMode(QTextOption.NoWrap)
    option.setTextDirection(Qt.LeftToRight if f.kind in DIGIT_KINDS else Qt.RightToLeft)
    for box, text in placed.lines:
        painter.drawText(_rect(box, k, origin), text, option)


def draw_template(painter: QPainter, template: Template, values: ChequeValues, *, k: float,
                  origin: QPointF | None = None, skip: set[int] | None = None) -> list[str]:
    """Draw every field (``skip``: indexes the designer draws itself, e.g. while dragging);
    returns the warnings (each once)."""
    origin = origin or QPointF(0, 0)
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    warnings: list[str] = []
    for placed in place_template(template, values):
        if skip and placed.index in skip:
            continue
        draw_field(painter, template.fields[placed.index], placed, k, origin)
        warnings.extend(w for w in placed.warnings if w not in warnings)
    painter.restore()
    return warnings


# -- guides: the designer and the calibration page -------------------------------------------------
def draw_outline(painter: QPainter, template: Template, k: float, origin: QPointF, *, colour=GUIDE_COLOUR) -> None:
    painter.save()
    painter.setPen(QPen(colour, max(1.0, 0.3 * k)))
    painter.setBrush(Qt.NoBrush)
    painter.drawRect(QRectF(origin.x(), origin.y(), template.width * k, template.height * k))
    painter.restore()


def draw_grid(painter: QPainter, template: Template, k: float, origin: QPointF, step: float = 1.0,
              *, labels: bool = False) -> None:
    """A mm grid over the leaf (darker every 5 and 10 mm); ``labels`` numbers every 10 mm."""
    painter.save()
    width, height = template.width, template.height
    n = 0
    while n * step <= width + 1e-6:
        x = n * step
        strong = abs(x % 10) < 1e-6
        painter.setPen(QPen(QColor(31, 111, 139, 110 if strong else 45 if abs(x % 5) < 1e-6 else 22), max(1.0, 0.1 * k)))
        painter.drawLine(QPointF(origin.x() + x * k, origin.y()), QPointF(origin.x() + x * k, origin.y() + height * k))
        n += 1
    n = 0
    while n * step <= height + 1e-6:
        y = n * step
        strong = abs(y % 10) < 1e-6
        painter.setPen(QPen(QColor(31, 111, 139, 110 if strong else 45 if abs(y % 5) < 1e-6 else 22), max(1.0, 0.1 * k)))
        painter.drawLine(QPointF(origin.x(), origin.y() + y * k), QPointF(origin.x() + width * k, origin.y() + y * k))
        n += 1
    if labels:
        font = QFont(DEFAULT_FONT)
        font.setPixelSize(max(1, round(2.2 * k)))
        painter.setFont(font)
        painter.setPen(GUIDE_COLOUR)
        for x in range(10, int(width) + 1, 10):
            painter.drawText(QPointF(origin.x() + (x + 0.4) * k, origin.y() + 2.6 * k), to_persian(x))
        for y in range(10, int(height) + 1, 10):
            painter.drawText(QPointF(origin.x() + 0.4 * k, origin.y() + (y - 0.4) * k), to_persian(y))
    painter.restore()


def draw_boxes(painter: QPainter, template: Template, k: float, origin: QPointF, *,
               selected: int | None = None, labels: bool = True) -> None:
    """Each field's box (and second line), dashed; problems in red, the selected one bold."""
    painter.save()
    bad = {index for index, _ in template.problems()}
    font = QFont(DEFAULT_FONT)
    font.setPixelSize(max(1, round(2.0 * k)))
    for index, f in enumerate(template.fields):
        colour = PROBLEM_COLOUR if index in bad else GUIDE_COLOUR
        pen = QPen(colour, max(1.0, (0.35 if index == selected else 0.15) * k))
        pen.setStyle(Qt.SolidLine if index == selected else Qt.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        for box in f.boxes():
            painter.drawRect(_rect(box, k, origin))
        if labels:
            painter.setFont(font)
            x, y, w, _ = f.boxes()[0]
            option = QTextOption(Qt.AlignRight | Qt.AlignAbsolute | Qt.AlignBottom)
            painter.drawText(QRectF(origin.x() + x * k, origin.y() + (y - 2.6) * k, w * k, 2.5 * k), f.label, option)
    painter.restore()


def draw_background(painter: QPainter, template: Template, k: float, origin: QPointF, opacity: float = 0.55) -> bool:
    """The scanned leaf under the fields, scaled to the leaf (designer only; never printed)."""
    if not template.background:
        return False
    pixmap = QPixmap()
    if not pixmap.loadFromData(template.background):
        return False
    painter.save()
    painter.setOpacity(opacity)
    painter.drawPixmap(QRectF(origin.x(), origin.y(), template.width * k, template.height * k), pixmap,
                       QRectF(pixmap.rect()))
    painter.restore()
    return True
