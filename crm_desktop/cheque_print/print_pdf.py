"""Cheques onto paper: one leaf per page, the page exactly the size the calibration asks for (the
leaf itself, a tray-wide strip, or the leaf turned a quarter), no margins, no scaling; to a PDF
(QPdfWriter, 1200 dpi) or a printer (QPrinter, full page). The calibration page draws the leaf's
outline, a mm grid and the fields on plain paper, to hold against a real leaf.

    result = write_pdf(path, template, [values, ...], calibration)
    result = print_pages(printer, template, [values, ...], calibration)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from crm_desktop.cheque_print.model import Calibration, Template
from crm_desktop.cheque_print.print_render import (
    draw_boxes,
    draw_grid,
    draw_outline,
    draw_template,
    ensure_gui_application,
)
from crm_desktop.cheque_print.values import ChequeValues
from crm_desktop.errors import UserError
from crm_desktop.core.text import path_text

PDF_DPI = 1200


@dataclass
class PrintResult:
    path: str
    pages: int
    page_mm: tuple[float, float]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def page_layout(template: Template, calibration: Calibration) -> QPageLayout:
    width, height = calibration.page_size(template)
    orientation = QPageLayout.Landscape if width > height else QPageLayout.Portrait
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Millimeter, "", QPageSize.ExactMatch)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)


def _paint_pages(device, painter: QPainter, template: Template, pages: list[ChequeValues], calibration: Calibration,
                 k: float, *, test_page: bool, new_page) -> list[str]:
    warnings: list[str] = []
    page_w, _ = calibration.page_size(template)
    x, y = calibration.leaf_origin(template)
    for number, values in enumerate(pages):
        if number:
            new_page()
        painter.save()
        if calibration.feed == "rotated":  # the leaf goes in turned a quarter clockwise
            painter.translate(page_w * k, 0)
            painter.rotate(90)
        origin = QPointF(x * k, y * k)
        if test_page:
            draw_grid(painter, template, k, origin, labels=True)
            draw_outline(painter, template, k, origin)
            draw_boxes(painter, template, k, origin, labels=True)
        for warning in draw_template(painter, template, values, k=k, origin=origin):
            if warning not in warnings:
                warnings.append(warning)
        painter.restore()
    return warnings


def write_pdf(path, template: Template, pages: list[ChequeValues], calibration: Calibration | None = None, *,
              test_page: bool = False) -> PrintResult:
    """The leaves as a PDF, written to a temporary file and renamed at the end."""
    if not pages:
        raise UserError("nothing to print", "چکی برای چاپ نیست.")
    ensure_gui_application()
    started = time.perf_counter()
    calibration = (calibration or Calibration()).validate()
    path = Path(path)
    partial = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(partial))
    writer.setResolution(PDF_DPI)
    writer.setCreator("crm_desktop")
    writer.setTitle(template.name)
    writer.setPageLayout(page_layout(template, calibration))
    painter = QPainter()
    if not painter.begin(writer):
        raise UserError(f"cannot write {path}", f"پرونده «{path_text(path)}» نوشته نمی‌شود.")
    try:
        warnings = _paint_pages(writer, painter, template, pages, calibration, PDF_DPI / 25.4, test_page=test_page,
                                new_page=writer.newPage)
    finally:
        painter.end()
    del writer
    try:
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {error}", f"پرونده «{path_text(path)}» نوشته نمی‌شود.") from error
    return PrintResult(str(path), len(pages), calibration.page_size(template), warnings, time.perf_counter() - started)


def print_pages(printer, template: Template, pages: list[ChequeValues], calibration: Calibration | None = None, *,
                test_page: bool = False) -> PrintResult:
    """The leaves on a QPrinter (the system print dialog chose it): full page, no margins, the
    page size the calibration asks for, no scaling."""
    from PySide6.QtPrintSupport import QPrinter

    if not pages:
        raise UserError("nothing to print", "چکی برای چاپ نیست.")
    started = time.perf_counter()
    calibration = (calibration or Calibration()).validate()
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(template, calibration))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)
    if hasattr(QPrinter, "setFontEmbeddingEnabled"):
        printer.setFontEmbeddingEnabled(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("the printer did not start", "چاپگر آماده نیست؛ روشن بودن و اتصال آن را بررسی کنید.")
    try:
        warnings = _paint_pages(printer, painter, template, pages, calibration, printer.resolution() / 25.4,
                                test_page=test_page, new_page=printer.newPage)
    finally:
        painter.end()
    return PrintResult(printer.printerName(), len(pages), calibration.page_size(template), warnings,
                       time.perf_counter() - started)
