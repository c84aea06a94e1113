"""«چاپ روی برگ چک»: the chosen paid cheques printed onto their leaves, one leaf per page, with a
layout and the chosen printer's calibration; through the system print dialog or to a PDF.

The amount, the date and the payee always come from the stored cheques. A preview shows the
first leaf as it will print, with the layout's warnings (a font missing, words shrunk). After
printing the operator is asked whether the leaves came out right; every print is recorded
(reprints too), so the cheque's form can tell it was printed.

    dialog = PrintChequesDialog(office, [cheque_id, ...], parent, clock=datetime.now)
    dialog.exec()
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheque_print.model import FEEDS
from crm_desktop.cheque_print.print_render import draw_outline, draw_template, place_template
from crm_desktop.cheque_print.values import cheque_pages
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs

PDF_PRINTER = "PDF"
PREVIEW_K = 4.0  # px per mm in the preview
FSI, PDI = "\u2068", "\u2069"


def printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())
    except ImportError:  # pragma: no cover - a build without QtPrintSupport
        return []


def _ask_pdf_path(parent, suggested: str) -> str:
    return QFileDialog.getSaveFileName(parent, "ذخیره PDF چک", suggested, "PDF (*.pdf)")[0]


def _open_file(path: Path) -> bool:
    from crm_desktop.phonebook.views import list_actions

    return list_actions.open_file(path)


def _system_print_dialog(parent, printer_name: str):
    """A QPrinter set up by the system print dialog for ``printer_name``; None when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.HighResolution)
    printer.setPrinterName(printer_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("چاپ روی برگ چک")
    return printer if dialog.exec() == QDialog.Accepted else None


#: replaceable in tests: (parent, suggested path) -> path or ''
ask_pdf_path: Callable[[QWidget, str], str] = _ask_pdf_path
#: replaceable in tests: opens a written PDF in the system's viewer
open_file: Callable[[Path], bool] = _open_file
#: replaceable in tests: (parent, printer name) -> a ready QPrinter or None
system_print_dialog = _system_print_dialog


class PrintChequesDialog(QDialog):
    def __init__(self, office, cheque_ids: list[int], parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.office = office
        self.repo = office.cheque_print
        self.cheque_ids = list(cheque_ids)
        self.clock = clock
        self.pages = cheque_pages(office, self.cheque_ids)
        if not self.pages:
            raise UserError("no cheque chosen", "چکی برای چاپ انتخاب نشده است.")
        self.result = None
        self.setObjectName("cheque_print")
        self.setWindowTitle("چاپ روی برگ چک")

        self.template = QComboBox()
        self.template.setObjectName("cheque_print.template")
        for t in self.repo.templates():
            self.template.addItem(t.name, t.id)
        self.printer = QComboBox()
        self.printer.setObjectName("cheque_print.printer")
        for name in printer_names():
            self.printer.addItem(name, name)
        self.printer.addItem("ذخیره به صورت PDF", PDF_PRINTER)
        self.calibration_label = QLabel()
        self.calibration_label.setObjectName("cheque_print.calibration")
        self.calibration_label.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("cheque_print.preview")
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setLayoutDirection(Qt.LeftToRight)  # the leaf as printed, not mirrored
        self.warnings = QLabel()
        self.warnings.setObjectName("cheque_print.warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b45309;")
        self.history = QLabel()
        self.history.setObjectName("cheque_print.history")
        self.history.setWordWrap(True)

        form = QFormLayout()
        form.addRow("چک‌ها:", QLabel(self._summary()))
        form.addRow("نمونه چاپی:", self.template)
        form.addRow("چاپگر:", self.printer)
        form.addRow("", self.calibration_label)
        self.buttons = QDialogButtonBox()
        self.print_button = QPushButton("چاپ…")
        self.print_button.setObjectName("cheque_print.print")
        self.print_button.setDefault(True)
        self.buttons.addButton(self.print_button, QDialogButtonBox.AcceptRole)
        close = self.buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        close.setObjectName("cheque_print.cancel")
        self.print_button.clicked.connect(self.print_now)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.warnings)
        layout.addWidget(self.history)
        layout.addWidget(self.buttons)
        self.template.currentIndexChanged.connect(lambda _i: self.refresh())
        self.printer.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def _summary(self) -> str:
        if len(self.pages) == 1:
            values = self.pages[0]
            from crm_desktop.core.money import format_amount

            return f"{FSI}{format_amount(values.amount)}{PDI} ریال در وجه {values.payee or '—'}"
        return f"{to_persian(len(self.pages))} چک، هر کدام روی یک برگ"

    # -- what will print -----------------------------------------------------------------------------
    def current_template(self):
        return self.repo.get(self.template.currentData())

    def printer_name(self) -> str:
        return self.printer.currentData() or PDF_PRINTER

    def calibration(self):
        return self.repo.calibration(self.printer_name())

    def refresh(self) -> None:
        template = self.current_template()
        c = self.calibration()
        self.calibration_label.setText(
            f"تنظیم این چاپگر: {FEEDS[c.feed]}، جابه‌جایی افقی {FSI}{to_persian(f'{c.dx:g}')}{PDI} و عمودی "
            f"{FSI}{to_persian(f'{c.dy:g}')}{PDI} میلی‌متر")
        warnings = []
        for values in self.pages:
            for placed in place_template(template, values):
                warnings.extend(w for w in placed.warnings if w not in warnings)
        warnings.extend(message for _i, message in template.problems())
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self.preview.setPixmap(self.render_preview(template, self.pages[0]))
        printed = [p for cheque_id in self.cheque_ids for p in self.repo.prints(cheque_id)]
        self.history.setText(f"این چک{'‌ها' if len(self.cheque_ids) > 1 else ''} پیش‌تر "
                             f"{to_persian(len(printed))} بار چاپ شده است؛ چاپ دوباره هم ثبت می‌شود."
                             if printed else "")
        self.history.setVisible(bool(printed))

    @staticmethod
    def render_preview(template, values) -> QPixmap:
        k = PREVIEW_K
        image = QImage(round(template.width * k) + 2, round(template.height * k) + 2, QImage.Format_ARGB32)
        image.fill(QColor("#fffdf6"))
        painter = QPainter(image)
        origin = QPointF(1, 1)
        draw_template(painter, template, values, k=k, origin=origin)
        draw_outline(painter, template, k, origin)
        painter.end()
        return QPixmap.fromImage(image)

    # -- printing ------------------------------------------------------------------------------------
    def print_now(self):
        """Print (or write the PDF), then ask whether the leaves came out right and record it."""
        from crm_desktop.cheque_print.print_pdf import print_pages, write_pdf

        template, calibration, name = self.current_template(), self.calibration(), self.printer_name()
        try:
            if name == PDF_PRINTER:
                stamp = self.clock().strftime("%Y%m%d-%H%M%S")
                path = ask_pdf_path(self, str(Path.home() / f"cheques-{stamp}.pdf"))
                if not path:
                    return None
                path = path if path.lower().endswith(".pdf") else f"{path}.pdf"
                self.result = write_pdf(path, template, self.pages, calibration)
                open_file(Path(path))
            else:
                printer = system_print_dialog(self, name)
                if printer is None:
                    return None
                self.result = print_pages(printer, template, self.pages, calibration)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        ok = dialogs.confirm(self, "آیا چک روی برگ درست چاپ شد؟\n(اگر جابه‌جا چاپ شده، از «نمونه چاپی ← تنظیم "
                                   "چاپگر» جابه‌جایی را اصلاح کنید.)", "چاپ چک", yes_text="بله، درست است",
                             no_text="خیر")
        for cheque_id in self.cheque_ids:
            self.repo.record_print(cheque_id, template.name, name, ok)
        self.accept()
        return self.result
