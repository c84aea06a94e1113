"""«تنظیم چاپگر»: one printer's calibration, apart from the layout — how far it shifts the leaf
(x / y in mm) and how the leaf goes in (FEEDS, with the tray's width) — and the test page: the
leaf's outline, a mm grid and the fields on plain paper, to hold against a real leaf. The test
page goes to a PDF that is opened in the system's viewer (printer «PDF»), or to the printer.

    CalibrationDialog(office, template, values, parent).exec()
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheque_print.model import FEEDS, MAX_SIDE, Calibration, Template
from crm_desktop.cheque_print.values import ChequeValues
from crm_desktop.cheque_print.views.mm_spin import MmSpin
from crm_desktop.cheque_print.views.print_dialog import printer_names
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs

PDF_PRINTER = "PDF"  # the calibration of PDFs written for printing elsewhere
TRAY_FEEDS = {"center", "left", "right"}
HELP = ("صفحه آزمایشی را روی کاغذ ساده چاپ کنید و آن را روی یک برگ چک واقعی بگذارید. اگر فیلدها باید "
        "۲ میلی‌متر به راست بروند، جابه‌جایی افقی را ۲ کنید (به چپ: منفی)؛ اگر باید پایین‌تر بیایند، "
        "جابه‌جایی عمودی را مثبت کنید. این تنظیم برای هر چاپگر جداست و به نمونه چاپی دست نمی‌زند.")


def _default_printer() -> str:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo

        return QPrinterInfo.defaultPrinterName()
    except ImportError:  # pragma: no cover
        return ""


def _open_file(path: Path) -> bool:
    from crm_desktop.phonebook.views import list_actions

    return list_actions.open_file(path)


def _make_printer(name: str):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.HighResolution)
    printer.setPrinterName(name)
    return printer


#: opens the test page's PDF in the system's viewer. Tests replace it.
open_file: Callable[[Path], bool] = _open_file
#: a QPrinter for the printer called ``name``. Tests replace it.
make_printer: Callable[[str], object] = _make_printer


def test_page_path() -> Path:
    folder = Path(tempfile.gettempdir()) / "crm_desktop-printouts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"صفحه آزمایشی چک {datetime.now():%H%M%S}.pdf"


class CalibrationDialog(QDialog):
    def __init__(self, office, template: Template, values: ChequeValues | None = None,
                 parent: QWidget | None = None, printer: str | None = None):
        super().__init__(parent)
        self.setObjectName("calibration")
        self.setWindowTitle("تنظیم چاپگر برای چاپ چک")
        self.repo = office.cheque_print
        self.template = template
        self.values = values or ChequeValues.sample()
        self.last_result = None
        self._stored = Calibration()

        self.printer = QComboBox(self)
        self.printer.setObjectName("calibration.printer")
        for name in printer_names():
            self.printer.addItem(name, name)
        self.printer.addItem("PDF (پرونده برای چاپ در جای دیگر)", PDF_PRINTER)
        self.dx = MmSpin(-50, 50, self, step=0.5)
        self.dx.setObjectName("calibration.dx")
        self.dy = MmSpin(-50, 50, self, step=0.5)
        self.dy.setObjectName("calibration.dy")
        self.feed = QComboBox(self)
        self.feed.setObjectName("calibration.feed")
        for key, label in FEEDS.items():
            self.feed.addItem(label, key)
        self.tray = MmSpin(50, MAX_SIDE, self, step=1)
        self.tray.setObjectName("calibration.tray_width")
        self.feed.currentIndexChanged.connect(self._feed_changed)
        self.message = QLabel(self)
        self.message.setObjectName("calibration.message")
        self.message.setWordWrap(True)
        help_label = QLabel(HELP, self)
        help_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow("چاپگر:", self.printer)
        form.addRow("جابه‌جایی افقی (mm، به راست +):", self.dx)
        form.addRow("جابه‌جایی عمودی (mm، به پایین +):", self.dy)
        form.addRow("شیوه گذاشتن برگ:", self.feed)
        form.addRow("پهنای سینی (mm):", self.tray)
        self.test_button = QPushButton("چاپ صفحه آزمایشی", self)
        self.test_button.setObjectName("calibration.test_page")
        self.test_button.clicked.connect(self.print_test_page)
        self.save_button = QPushButton("ذخیره", self)
        self.save_button.setObjectName("calibration.save")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton("بستن", self)
        self.close_button.setObjectName("calibration.close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

        wanted = printer if printer is not None else (_default_printer() or PDF_PRINTER)
        self.printer.setCurrentIndex(max(0, self.printer.findData(wanted)))
        self.printer.currentIndexChanged.connect(self._printer_changed)
        self.load()

    def printer_name(self) -> str:
        return self.printer.currentData() or PDF_PRINTER

    def calibration(self, printer: str | None = None) -> Calibration:
        """The calibration as the dialog shows it (saved or not)."""
        return Calibration(printer or self.printer_name(), round(self.dx.value(), 3), round(self.dy.value(), 3),
                           self.feed.currentData(), round(self.tray.value(), 3))

    def load(self) -> None:
        c = self._stored = self.repo.calibration(self.printer_name())
        self._shown_printer = c.printer
        self.dx.setValue(c.dx)
        self.dy.setValue(c.dy)
        self.feed.setCurrentIndex(max(0, self.feed.findData(c.feed)))
        self.tray.setValue(c.tray_width)
        self._feed_changed()
        self.message.clear()

    def is_dirty(self) -> bool:
        """Do the values shown differ from those stored for the printer they belong to?"""
        return self.calibration(self._shown_printer) != self._stored

    def _feed_changed(self, _index=None) -> None:
        self.tray.setEnabled(self.feed.currentData() in TRAY_FEEDS)

    def _leave(self) -> bool:
        """Unsaved values of the printer shown: saved if the operator says so (False: saving failed)."""
        if not self.is_dirty():
            return True
        text = f"تنظیم چاپگر «{self._shown_printer}» تغییر کرده است. ذخیره شود؟"
        if dialogs.confirm(self, text, "تنظیم ذخیره نشده", yes_text="ذخیره", no_text="ذخیره نشود", default_yes=True):
            return self.save(self._shown_printer)
        return True

    def _printer_changed(self, _index: int) -> None:
        if not self._leave():
            blocked = self.printer.blockSignals(True)
            self.printer.setCurrentIndex(self.printer.findData(self._shown_printer))
            self.printer.blockSignals(blocked)
            return
        self.load()

    def save(self, printer: str | None = None) -> bool:
        calibration = self.calibration(printer)
        try:
            self.repo.save_calibration(calibration)
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        if calibration.printer == self.printer_name():
            self._stored = self.repo.calibration(calibration.printer)
        self.message.setText(f"تنظیم چاپگر «{calibration.printer}» ذخیره شد.")
        return True

    def print_test_page(self):
        """The test page with the values shown (saved or not): a PDF opened, or the printer."""
        from crm_desktop.cheque_print.print_pdf import print_pages, write_pdf

        calibration = self.calibration()
        try:
            if calibration.printer == PDF_PRINTER:
                self.last_result = write_pdf(test_page_path(), self.template, [self.values], calibration,
                                             test_page=True)
                open_file(Path(self.last_result.path))
            else:
                self.last_result = print_pages(make_printer(calibration.printer), self.template, [self.values],
                                               calibration, test_page=True)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        self.message.setText("صفحه آزمایشی فرستاده شد؛ آن را روی برگ چک بگذارید و جابه‌جایی را اصلاح کنید.")
        return self.last_result

    def done(self, result: int) -> None:
        if not self._leave():
            return
        super().done(result)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Enter must not close with unsaved values
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
