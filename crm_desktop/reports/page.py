"""One PDF report: A4 pages with the office's header and «صفحه x از y» footer, a content box
and a cursor that moves down the page.

    with ReportWriter(path, ReportInfo("دفتر تلفن", office_name=prefs.office_name)) as doc:
        doc.paragraph("…")                     # wrapped RTL text; breaks pages by itself
        Table(columns).draw(doc, rows)          # crm_desktop.reports.table
        draw_card(doc, "…", sections)           # crm_desktop.reports.card
    doc.pages                                   # page count, once the file is in place

The file is written to a temporary file beside ``path`` and renamed over it only when the whole
report is done: an error or a cancellation (``Cancelled`` from a progress callback) leaves no
half-written file and any older file of that name untouched. Pages go to disk as they are
finished (``pdfstream``), so a report of any length needs little memory. The total in
«صفحه x از y» is a form drawn after the last page (no second pass).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape as landscape_size
from reportlab.lib.units import mm

from crm_desktop import __version__
from crm_desktop.core.digits import to_persian
from crm_desktop.core.jalali import format_date_long
from crm_desktop.reports import bidi, fonts
from crm_desktop.reports.output import OutputError, _create_temp, check_output  # noqa: F401 - their old home
from crm_desktop.reports.pdfstream import StreamingCanvas

INK = HexColor("#1a1a1a")
MUTED = HexColor("#5f6368")
RULE = HexColor("#9aa0a6")
ACCENT = HexColor("#1f6f8b")
_TOTAL_FORM = "page_total"


@dataclass
class ReportInfo:
    """What every page's header says."""

    title: str
    office_name: str = ""
    subtitle: str = ""  # e.g. «گروه: مشتریان — ۱۲۳ مخاطب»
    date: date | None = None  # the printed date (default: today), shown in Jalali


@dataclass
class PageSetup:
    landscape: bool = False
    margin_side: float = 14 * mm
    margin_top: float = 11 * mm
    margin_bottom: float = 11 * mm
    header_gap: float = 4 * mm  # between the header rule and the content
    footer_gap: float = 3 * mm

    @property
    def size(self) -> tuple[float, float]:
        return landscape_size(A4) if self.landscape else A4


def draw_line(canvas, text: str, left: float, right: float, baseline: float, align: str, font: str, size: float) -> None:
    """Draw one visual-order line between ``left`` and ``right`` (align: right|center|left)."""
    if not text:
        return
    canvas.setFont(font, size)
    if align == "left":
        canvas.drawString(left, baseline, text)
    elif align == "center":
        canvas.drawCentredString((left + right) / 2, baseline, text)
    else:
        canvas.drawRightString(right, baseline, text)


class ReportWriter:
    """Pages with header and footer, and a cursor ``y`` in the content box (left..right,
    bottom..top, in points from the page's lower left corner)."""

    def __init__(self, path, info: ReportInfo, setup: PageSetup | None = None, *, invariant: bool = False):
        self.path = check_output(path)
        self.info = info
        self.setup = setup or PageSetup()
        self.invariant = invariant
        self.pages = 0
        self.canvas: StreamingCanvas | None = None
        self._file = None
        self._temp: Path | None = None
        self.page_width, self.page_height = self.setup.size
        self.left = self.setup.margin_side
        self.right = self.page_width - self.setup.margin_side
        self.width = self.right - self.left
        self._date_text = format_date_long(info.date or date.today())
        self._layout_header()
        self.top = self.page_height - self.setup.margin_top - self._header_height() - self.setup.header_gap
        self.bottom = self.setup.margin_bottom + self._footer_height() + self.setup.footer_gap
        self.y = self.top
        self.page_started = False

    # --- context ------------------------------------------------------------------------------
    def __enter__(self) -> ReportWriter:
        self.open()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def open(self) -> None:
        fonts.register()
        folder = self.path.parent if str(self.path.parent) else Path(".")
        try:
            handle, self._temp = _create_temp(folder, self.path.name)
        except OSError as error:
            raise OutputError(
                f"cannot write in the folder {folder}: {error.strerror or error}", f"نوشتن در پوشه «{folder}» ممکن نیست."
            ) from error
        try:
            self._file = os.fdopen(handle, "wb")
            self.canvas = StreamingCanvas(self._file, pagesize=self.setup.size, invariant=int(self.invariant))
            self.canvas.setTitle(self.info.title)
            self.canvas.setAuthor(self.info.office_name or "crm_desktop")
            self.canvas.setCreator(f"crm_desktop {__version__}")
            self.canvas.setSubject(self.info.subtitle or self.info.title)
            self.canvas.reserve_form(_TOTAL_FORM)
            self._start_page()
        except BaseException:
            self.abort()
            raise

    def close(self) -> None:
        """Finish the last page, write the total page count, put the file in place."""
        try:
            self._end_page()
            self._draw_total()
            self.canvas.save()
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None
            try:
                os.replace(self._temp, self.path)
            except OSError as error:
                raise OutputError(
                    f"cannot replace {self.path}: {error.strerror or error} (is it open in another program?)",
                    f"پرونده «{self.path}» جایگزین نشد؛ شاید در برنامه دیگری باز است.",
                ) from error
            self._temp = None
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop the half-written file (the target file, if any, is untouched)."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass
            self._file = None
        if self._temp is not None:
            try:
                self._temp.unlink()
            except OSError:
                pass
            self._temp = None

    # --- pages --------------------------------------------------------------------------------
    def space(self) -> float:
        """Room left on this page below the cursor."""
        return self.y - self.bottom

    def new_page(self) -> None:
        self._end_page()
        self._start_page()

    def ensure(self, height: float) -> bool:
        """Start a new page unless ``height`` fits below the cursor; True if a page was started.
        On a fresh page nothing moves (a block taller than a page must split itself)."""
        if height <= self.space() or self.y >= self.top:
            return False
        self.new_page()
        return True

    def skip(self, height: float) -> None:
        self.y -= height

    def _start_page(self) -> None:
        self.pages += 1
        self.y = self.top
        self._draw_header()
        self._draw_footer()

    def _end_page(self) -> None:
        self.canvas.showPage()

    # --- header and footer --------------------------------------------------------------------
    # Header: the office name (right) and the Jalali date (left) on the first line, the title
    # centred below, then the subtitle. Long texts wrap onto more lines (never cut off); the
    # header's height is worked out once, so every page has the same content box.
    OFFICE_SIZE, DATE_SIZE, TITLE_SIZE, SUBTITLE_SIZE = 11.0, 9.5, 15.0, 10.0

    def _layout_header(self) -> None:
        self._date_visual = bidi.visual(self._date_text)
        date_width = fonts.width(self._date_visual, fonts.REGULAR, self.DATE_SIZE)
        office_width = max(self.width - date_width - 12 * mm, self.width / 3)
        # the office's name is typed in Persian or Latin («ACME Co.» keeps its full stop at the end)
        self._office_lines = bidi.wrap_and_reorder(bidi.isolate(self.info.office_name), fonts.BOLD, self.OFFICE_SIZE,
                                                   office_width)
        self._title_lines = bidi.wrap_and_reorder(self.info.title, fonts.BOLD, self.TITLE_SIZE, self.width * 0.8)
        self._subtitle_lines = (
            bidi.wrap_and_reorder(self.info.subtitle, fonts.REGULAR, self.SUBTITLE_SIZE, self.width * 0.85)
            if self.info.subtitle
            else []
        )
        footer_title = bidi.wrap(self.info.title, fonts.REGULAR, 7.5, self.width * 0.3)
        self._footer_title = bidi.visual(footer_title[0] + ("…" if len(footer_title) > 1 else ""))

    def _header_height(self) -> float:
        return (
            max(len(self._office_lines), 1) * self.OFFICE_SIZE * 1.5
            + len(self._title_lines) * self.TITLE_SIZE * 1.55
            + len(self._subtitle_lines) * self.SUBTITLE_SIZE * 1.6
            + 2
        )

    def _footer_height(self) -> float:
        return 9 * 1.7

    def _draw_header(self) -> None:
        c = self.canvas
        top = self.page_height - self.setup.margin_top
        baseline = top - fonts.ascent(fonts.BOLD, self.OFFICE_SIZE) * 0.8
        c.setFillColor(MUTED)
        draw_line(c, self._date_visual, self.left, self.right, baseline, "left", fonts.REGULAR, self.DATE_SIZE)
        c.setFillColor(INK)
        for i, line in enumerate(self._office_lines or [""]):
            if i:
                baseline -= self.OFFICE_SIZE * 1.5
            draw_line(c, line, self.left, self.right, baseline, "right", fonts.BOLD, self.OFFICE_SIZE)
        c.setFillColor(ACCENT)
        for line in self._title_lines:
            baseline -= self.TITLE_SIZE * 1.55
            draw_line(c, line, self.left, self.right, baseline, "center", fonts.BOLD, self.TITLE_SIZE)
        c.setFillColor(MUTED)
        for line in self._subtitle_lines:
            baseline -= self.SUBTITLE_SIZE * 1.6
            draw_line(c, line, self.left, self.right, baseline, "center", fonts.REGULAR, self.SUBTITLE_SIZE)
        rule = self.page_height - self.setup.margin_top - self._header_height()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        c.line(self.left, rule, self.right, rule)
        c.setFillColor(INK)

    def _draw_footer(self) -> None:
        c = self.canvas
        rule = self.setup.margin_bottom + self._footer_height()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(self.left, rule, self.right, rule)
        baseline = self.setup.margin_bottom + 3
        size = 9
        c.setFillColor(MUTED)
        # «صفحه x از y», right to left; y is a form filled in after the last page.
        known = bidi.visual(f"صفحه {to_persian(self.pages)} از")
        known_width = fonts.width(known, fonts.REGULAR, size)
        gap = fonts.width(" ", fonts.REGULAR, size)
        guess = fonts.width(to_persian(self.pages), fonts.REGULAR, size)
        right = (self.left + self.right) / 2 + (known_width + gap + guess) / 2
        draw_line(c, known, self.left, right, baseline, "right", fonts.REGULAR, size)
        c.saveState()
        c.translate(right - known_width - gap, baseline)
        c.doForm(_TOTAL_FORM)
        c.restoreState()
        draw_line(c, self._footer_title, self.left, self.right, baseline, "right", fonts.REGULAR, 7.5)
        c.setFillColor(INK)

    def _draw_total(self) -> None:
        c = self.canvas
        c.beginForm(_TOTAL_FORM, -200, -10, 10, 30)
        c.setFillColor(MUTED)
        c.setFont(fonts.REGULAR, 9)
        c.drawRightString(0, 0, to_persian(self.pages))
        c.endForm()

    # --- text ---------------------------------------------------------------------------------
    def paragraph(
        self,
        text: str,
        *,
        font: str = fonts.REGULAR,
        size: float = 10,
        align: str = "right",
        colour: Color = INK,
        leading: float = 1.6,
        space_after: float = 4,
        indent: float = 0,
    ) -> None:
        """Wrapped RTL text at the cursor, across pages if it must."""
        line_height = size * leading
        c = self.canvas
        for line in bidi.wrap_and_reorder(text, font, size, self.width - indent):
            self.ensure(line_height)
            baseline = self.y - size * 1.15
            c.setFillColor(colour)
            draw_line(c, line, self.left, self.right - indent, baseline, align, font, size)
            self.y -= line_height
        c.setFillColor(INK)
        self.y -= space_after

    def heading(self, text: str, *, size: float = 12.5, colour: Color = ACCENT, space_before: float = 6) -> None:
        """A bold heading that is never left alone at the foot of a page."""
        if self.y < self.top:
            self.y -= space_before
        self.ensure(size * 1.6 + 40)
        self.paragraph(text, font=fonts.BOLD, size=size, colour=colour, space_after=2)
