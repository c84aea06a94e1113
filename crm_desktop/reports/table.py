"""A right-to-left table for list reports: the first column sits at the right edge.

    columns = [
        Column("ردیف", fixed=28, align="center"),
        Column("نام", width=2, bold=True),
        Column("تلفن", width=1.4, ltr=True),          # each line is a left-to-right island
        Column("مبلغ (ریال)", width=1.2, align="left"),
    ]
    table = Table(columns)
    table.draw(doc, rows)                               # rows: any iterable, consumed lazily

or row by row, for reports that add group headings and subtotals as they go::

    with table.open(doc) as t:
        t.section("فروردین ۱۴۰۴")
        t.row(["۱", "…", "…", "۱۲٬۰۰۰٬۰۰۰"])
        t.subtotal(["", "جمع فروردین", "", "۱۲٬۰۰۰٬۰۰۰"])
        t.total(["", "جمع کل", "", "…"])

A cell is text (line breaks allowed) or a list of lines; long cells wrap, never clip. The
header row repeats at the top of every page. A row that does not fit moves to the next page
whole, unless it is taller than a page or moving it would leave a quarter of the page blank:
then it starts here and continues on the next page (a long note). The heading (``draw(doc, rows,
heading=…)``), the header row and a section row are drawn with the first lines of the row after
them, never alone at the foot of a page. Zebra stripes on body rows; subtotal and total rows
are bold on a tinted background.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from reportlab.lib.colors import Color, HexColor, white

from crm_desktop.reports import bidi, fonts
from crm_desktop.reports.page import ACCENT, INK, ReportWriter, draw_line

BODY, SUBTOTAL, TOTAL, SECTION = "body", "subtotal", "total", "section"
HEADER_FILL = HexColor("#1f6f8b")
ZEBRA_FILL = HexColor("#f1f5f7")
SUBTOTAL_FILL = HexColor("#e3edf1")
TOTAL_FILL = HexColor("#c9dde5")
SECTION_FILL = HexColor("#f7f1e3")
GRID = HexColor("#c4cbd0")


@dataclass
class Column:
    title: str
    width: float = 1.0  # share of the free width (after fixed columns)
    fixed: float | None = None  # or an exact width in points
    align: str = "right"  # right | center | left
    ltr: bool = False  # each line of a cell is a left-to-right island (phones, codes, e-mails)
    bold: bool = False
    size: float | None = None  # font size (default: the table's)
    colour: Color | None = None  # text colour (default: ink)


@dataclass
class Row:
    cells: Sequence = ()
    kind: str = BODY  # body | subtotal | total | section (one text across the whole table)

    @staticmethod
    def section(text: str) -> Row:
        return Row([text], SECTION)


@dataclass
class Table:
    columns: list[Column]
    size: float = 9.0
    header_size: float | None = None
    padding: float = 3.5
    leading: float = 1.55
    zebra: bool = True
    header: bool = True  # False: no header row (e.g. a card's label/value rows)
    header_fill: Color = HEADER_FILL
    header_ink: Color = white
    widths: list[float] = field(default_factory=list, init=False)

    def layout(self, total_width: float) -> list[tuple[float, float]]:
        """(left, right) of each column, measured from the table's right edge = 0 leftwards
        as negative offsets; column 0 is the rightmost."""
        fixed = sum(c.fixed for c in self.columns if c.fixed)
        weights = sum(c.width for c in self.columns if not c.fixed) or 1.0
        free = max(total_width - fixed, 0.0)
        self.widths = [c.fixed if c.fixed else free * c.width / weights for c in self.columns]
        spans, right = [], 0.0
        for w in self.widths:
            spans.append((right - w, right))
            right -= w
        return spans

    def open(self, doc: ReportWriter, heading: str = "") -> TableWriter:
        """Row by row; ``heading``: a title above the table (as ``doc.heading`` draws it) kept on
        the page of the first row."""
        return TableWriter(self, doc, heading)

    def draw(self, doc: ReportWriter, rows: Iterable, heading: str = "") -> int:
        """Draw every row (a ``Row`` or a plain sequence of cells); returns the body row count."""
        with self.open(doc, heading) as t:
            for row in rows:
                t.add(row)
        return t.body_rows


# A row taller than the room left is split across pages (a long note starts under its heading)
# when it could not fit on the next page either, or when moving it would leave more than this
# share of a page blank; otherwise it moves to the next page whole. A split leaves at least
# KEEP_LINES lines on each page.
SPLIT_ROOM = 0.25
KEEP_LINES = 2
HEADING_SIZE = 12.5


class TableWriter:
    """Draws a table row by row. What only introduces rows (the heading, the header row, a
    section row) waits until the next row is drawn, and goes on that row's page: it is never
    left alone at the foot of a page."""

    def __init__(self, table: Table, doc: ReportWriter, heading: str = ""):
        self.table = table
        self.doc = doc
        self.canvas = doc.canvas
        spans = table.layout(doc.width)
        self.spans = [(doc.right + a, doc.right + b) for a, b in spans]
        self.body_rows = 0
        self._segment_top: float | None = None
        if table.header:
            self._header_lines = [
                self._wrap(col.title, i, fonts.BOLD, self._header_size, False) for i, col in enumerate(table.columns)
            ]
            self._header_height = self._height(self._header_lines, self._header_size)
        else:
            self._header_lines, self._header_height = [], 0.0
        self._heading = heading
        self._header_due = False  # the header row waits for the first row (or a section)
        self._section: tuple[list[str], float] | None = None  # a section row waiting for its first row
        self._started = False

    # --- context ------------------------------------------------------------------------------
    def __enter__(self) -> TableWriter:
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.finish()

    @property
    def _header_size(self) -> float:
        return self.table.header_size or self.table.size

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._header_due = True

    def finish(self) -> None:
        if not self._started:
            self.start()
        if self._pending_height():  # a heading or section with no row after it: still shown
            self.doc.ensure(self._pending_height())
            self._flush_pending()
        self._close_segment()
        self.doc.y -= 6

    # --- rows ---------------------------------------------------------------------------------
    def add(self, row) -> None:
        if isinstance(row, Row):
            if row.kind == SECTION:
                self.section(row.cells[0] if row.cells else "")
            else:
                self._row(row.cells, row.kind)
        else:
            self._row(row, BODY)

    def row(self, cells: Sequence) -> None:
        self._row(cells, BODY)

    def subtotal(self, cells: Sequence) -> None:
        self._row(cells, SUBTOTAL)

    def total(self, cells: Sequence) -> None:
        self._row(cells, TOTAL)

    def section(self, text: str) -> None:
        """A heading row across the whole table (e.g. a month, a group), drawn with the first
        lines of the row after it."""
        if not self._started:
            self.start()
        if self._section is not None:  # an empty section: shown before the next one
            self.doc.ensure(self._pending_height())
            self._flush_pending()
        size = self.table.size
        pad = self.table.padding
        lines = bidi.wrap_and_reorder(text, fonts.BOLD, size, self.doc.width - 2 * pad)
        self._section = (lines, len(lines) * self._line_height(size) + 2 * pad)

    def _row(self, cells: Sequence, kind: str) -> None:
        if not self._started:
            self.start()
        bold_row = kind in (SUBTOTAL, TOTAL)
        cell_lines = []
        sizes = []
        for i, col in enumerate(self.table.columns):
            value = cells[i] if i < len(cells) else ""
            font = fonts.BOLD if (col.bold or bold_row) else fonts.REGULAR
            size = col.size or self.table.size
            sizes.append(size)
            cell_lines.append(self._wrap(value, i, font, size, col.ltr))
        size = max(sizes)
        line_h = self._line_height(size)
        pad = self.table.padding
        while True:
            need = max(len(lines) for lines in cell_lines)
            room = self.doc.space() - self._pending_height() - 2 * pad
            take = self._lines_here(need, line_h, room, self._fresh())
            if take == 0:
                self._page_break()
                continue
            self._flush_pending()
            if take >= need:
                self._draw_row(cell_lines, kind, line_h)
                break
            # Split: what fits here, the rest on the next page (under the header again).
            self._draw_row([lines[:take] for lines in cell_lines], kind, line_h)
            cell_lines = [lines[take:] for lines in cell_lines]
            self._page_break()
        if kind == BODY:
            self.body_rows += 1

    def _lines_here(self, need: int, line_h: float, room: float, fresh: bool) -> int:
        """How many of a row's ``need`` lines to draw on this page: all, some (a split), or 0
        (start a new page first)."""
        fit = max(int((room + 0.01) // line_h), 0)
        if need <= fit:
            return need
        if fresh:  # taller than a whole page: what fits, at least one line
            return max(fit, 1)
        page = self._content_top() - self.doc.bottom - self._pending_height(after_break=True)
        if need * line_h + 2 * self.table.padding <= page and room < SPLIT_ROOM * page:
            return 0  # it fits on the next page whole, and little is left blank here
        take = min(fit, need - KEEP_LINES)
        return take if take >= KEEP_LINES else 0

    # --- what waits for the next row ---------------------------------------------------------------
    def _heading_lines(self) -> list[str]:
        return bidi.wrap_and_reorder(self._heading, fonts.BOLD, HEADING_SIZE, self.doc.width) if self._heading else []

    def _pending_height(self, after_break: bool = False) -> float:
        """The height of what waits for the next row: the heading, the header row (``after_break``:
        as it will be on a new page, where the header is drawn anyway)."""
        height = 0.0
        if self._heading:
            height += len(self._heading_lines()) * HEADING_SIZE * 1.6 + 2 + (6 if self.doc.y < self.doc.top else 0)
        if self._header_due and not after_break:
            height += self._header_height
        if self._section is not None:
            height += self._section[1]
        return height

    def _flush_pending(self) -> None:
        """Draw the heading, the header row and the section row that wait, at the cursor."""
        if self._heading:
            heading, self._heading = self._heading, ""
            if self.doc.y < self.doc.top:
                self.doc.y -= 6
            self.doc.paragraph(heading, font=fonts.BOLD, size=HEADING_SIZE, colour=ACCENT, space_after=2)
        if self._header_due:
            self._header_due = False
            self._draw_header()
        if self._section is not None:
            lines, height = self._section
            self._section = None
            self._draw_section(lines, height)

    def _draw_section(self, lines: list[str], height: float) -> None:
        size = self.table.size
        self._close_segment()
        c = self.canvas
        top = self.doc.y
        c.setFillColor(SECTION_FILL)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.7)
        c.rect(self.doc.left, top - height, self.doc.width, height, stroke=1, fill=1)
        c.setFillColor(INK)
        self._draw_cell([(line, fonts.BOLD, size) for line in lines], self.doc.left, self.doc.right, top, "right",
                        self._line_height(size))
        self.doc.y = top - height
        self._segment_top = self.doc.y

    # --- drawing ------------------------------------------------------------------------------
    def _wrap(self, value, index: int, font: str, size: float, ltr: bool) -> list[tuple[str, str, float]]:
        """Visual lines of one cell, each with its font and size."""
        left, right = self.spans[index]
        width = right - left - 2 * self.table.padding
        if value is None:
            value = ""
        parts = value if isinstance(value, (list, tuple)) else [value]
        lines = []
        for part in parts:
            text = str(part if part is not None else "")
            if ltr:
                text = "\n".join(bidi.ltr(p) for p in text.split("\n"))
            lines.extend((line, font, size) for line in bidi.wrap_and_reorder(text, font, size, width))
        return lines or [("", font, size)]

    def _line_height(self, size: float) -> float:
        return size * self.table.leading

    def _height(self, cell_lines, size: float) -> float:
        return max(len(lines) for lines in cell_lines) * self._line_height(size) + 2 * self.table.padding

    def _content_top(self) -> float:
        return self.doc.top - self._header_height

    def _fresh(self) -> bool:
        """Nothing but the header row (or nothing at all) on this page yet."""
        return self.doc.y >= self._content_top() - 0.01

    def _page_break(self) -> None:
        self._close_segment()
        self.doc.new_page()
        if not self._header_due:  # the header waits with the heading otherwise
            self._draw_header()

    def _draw_header(self) -> None:
        c = self.canvas
        top = self.doc.y
        if not self.table.header:
            self._segment_top = top
            return
        h = self._header_height
        c.setFillColor(self.table.header_fill)
        c.rect(self.doc.left, top - h, self.doc.width, h, stroke=0, fill=1)
        c.setFillColor(self.table.header_ink)
        line_h = self._line_height(self._header_size)
        for (left, right), col, lines in zip(self.spans, self.table.columns, self._header_lines):
            align = "center" if col.align == "center" else "right"
            self._draw_cell(lines, left, right, top, align, line_h)
        c.setFillColor(INK)
        self.doc.y = top - h
        self._segment_top = top

    def _draw_row(self, cell_lines, kind: str, line_h: float) -> None:
        c = self.canvas
        pad = self.table.padding
        height = max(len(lines) for lines in cell_lines) * line_h + 2 * pad
        top = self.doc.y
        fill = None
        if kind == BODY and self.table.zebra and self.body_rows % 2 == 1:
            fill = ZEBRA_FILL
        elif kind == SUBTOTAL:
            fill = SUBTOTAL_FILL
        elif kind == TOTAL:
            fill = TOTAL_FILL
        if fill is not None:
            c.setFillColor(fill)
            c.rect(self.doc.left, top - height, self.doc.width, height, stroke=0, fill=1)
            c.setFillColor(INK)
        for (left, right), col, lines in zip(self.spans, self.table.columns, cell_lines):
            if col.colour is not None:
                c.setFillColor(col.colour)
            self._draw_cell(lines, left, right, top, col.align, line_h)
            if col.colour is not None:
                c.setFillColor(INK)
        if kind == TOTAL:
            c.setStrokeColor(INK)
            c.setLineWidth(0.8)
            c.line(self.doc.left, top, self.doc.right, top)
            c.line(self.doc.left, top - 1.6, self.doc.right, top - 1.6)
        self._rule(top - height)
        self.doc.y = top - height

    def _draw_cell(self, lines, left: float, right: float, top: float, align: str, line_h: float) -> None:
        pad = self.table.padding
        y = top - pad
        for text, font, size in lines:
            baseline = y - (line_h + fonts.ascent(font, size) - fonts.descent(font, size)) / 2
            draw_line(self.canvas, text, left + pad, right - pad, baseline, align, font, size)
            y -= line_h

    def _rule(self, y: float) -> None:
        c = self.canvas
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        c.line(self.doc.left, y, self.doc.right, y)

    def _close_segment(self) -> None:
        """Column lines and the outer frame for the part of the table drawn since the header
        (or the last section row) on this page."""
        if self._segment_top is None:
            return
        c = self.canvas
        top, bottom = self._segment_top, self.doc.y
        if top - bottom > 0.01:
            c.setStrokeColor(GRID)
            c.setLineWidth(0.4)
            for left, _right in self.spans[:-1]:
                c.line(left, top, left, bottom)
            c.setLineWidth(0.7)
            c.rect(self.doc.left, bottom, self.doc.width, top - bottom, stroke=1, fill=0)
        self._segment_top = None
