"""Print and export of the list the phonebook tab shows (its group and search), and the printed
card of one contact, off the UI thread.

Both ask for a file name (``ask_save_path``, replaced in tests), then run the report or exporter
function through the ops runner (a progress dialog with «انصراف» for a big book) and, for a
printout, open the PDF in the system's viewer to print (``open_file``, replaced in tests)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from crm_desktop.core import jalali
from crm_desktop.core.digits import format_number
from crm_desktop.ui import dialogs
from crm_desktop.ui.ops import run_op

EXPORT_FORMATS = {  # format key -> (file filter, suffix)
    "vcf": ("vCard (*.vcf)", ".vcf"),
    "csv": ("CSV (*.csv)", ".csv"),
    "xlsx": ("Excel (*.xlsx)", ".xlsx"),
}
PDF_FILTER = "PDF (*.pdf)"


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
    return Path(folder)


def default_name(stem: str, suffix: str, today: date | None = None) -> str:
    """«دفتر تلفن ۱۴۰۵-۰۹-۰۲.pdf» (no «/» in a file name)."""
    day = jalali.format_date(today or date.today(), digits="latin").replace("/", "-")
    return f"{stem} {day}{suffix}"


def _ask_save_path(parent, title: str, suggested: Path, filters: list[str]) -> tuple[str, str]:
    return QFileDialog.getSaveFileName(parent, title, str(suggested), ";;".join(filters))


#: (parent, title, suggested path, filters) -> (path or '', chosen filter). Tests replace it.
ask_save_path: Callable[..., tuple[str, str]] = _ask_save_path


def _open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


#: opens a written file in the system's viewer (where the operator prints it). Tests replace it.
open_file: Callable[[Path], bool] = _open_file

#: run_op(parent, title, fn, args, on_done, on_error=None, **options); tests may run inline.
runner: Callable = run_op


# --- the other engineers' functions, found where they live ---------------------------------------
def _reading_phonebook(office):
    """A read-only connection of its own for a worker thread, and the Phonebook over it."""
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import connect

    conn = connect(office.path, readonly=True)
    return conn, Phonebook(conn)


def printout_path(today: date | None = None, stem: str = "دفتر تلفن") -> Path:
    folder = Path(tempfile.gettempdir()) / "crm_desktop-printouts"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%H%M%S")
    path = folder / default_name(stem, f" {stamp}.pdf", today)
    n = 1
    while path.exists():  # two printouts in one second: the first may still be open in the viewer
        n += 1
        path = folder / default_name(stem, f" {stamp}-{n}.pdf", today)
    return path


@dataclass
class PrintArgs:
    office: object
    query: object
    path: Path
    scope: str
    count: int
    office_name: str = ""


def write_list_pdf(args: PrintArgs, progress):
    """On the worker: the phonebook list PDF (``phonebook.report.write_phonebook_list``) of the
    query's contacts, streamed from a connection of its own."""
    from crm_desktop.phonebook.report import write_phonebook_list

    conn, book = _reading_phonebook(args.office)
    try:
        return write_phonebook_list(args.path, book.iter_contacts(args.query, chunk=1000),
                                    office_name=args.office_name, scope=args.scope, count=args.count,
                                    progress=progress)
    finally:
        conn.close()


# --- the actions ------------------------------------------------------------------------------------
def print_list(parent, office, query, count: int, group_name: str | None) -> None:
    """Write the list the tab shows to a PDF and open it in the system's viewer to print."""
    if count == 0:
        dialogs.show_info(parent, "فهرست خالی است؛ چیزی برای چاپ نیست.")
        return
    from crm_desktop.phonebook.report import scope_text

    args = PrintArgs(office, query, printout_path(), scope_text(group_name, getattr(query, "text", "") or None),
                     count, office.preferences.office_name)

    runner(parent, "چاپ دفتر تلفن", write_list_pdf, args, _opener(parent, args.path, "فهرست"), label=f"{format_number(count)} مخاطب — {args.scope}")


@dataclass
class CardArgs:
    office: object
    contact_id: int
    path: Path
    office_name: str = ""


def write_card_pdf(args: CardArgs, _progress):
    """On the worker: one contact's card and notes log (``phonebook.report.phonebook_report``)."""
    from crm_desktop.phonebook.report import phonebook_report

    conn, book = _reading_phonebook(args.office)
    try:
        return phonebook_report(book, args.path, office_name=args.office_name, contact_id=args.contact_id)
    finally:
        conn.close()


def print_card(parent, office, contact_id: int, name: str) -> None:
    """Write one contact's card (its details and notes log) to a PDF and open it to print."""
    args = CardArgs(office, contact_id, printout_path(stem=f"کارت {_file_safe(name)}" if name else "کارت مخاطب"),
                    office.preferences.office_name)

    runner(parent, "چاپ کارت مخاطب", write_card_pdf, args, _opener(parent, args.path, "کارت"), label=name)


def _opener(parent, path: Path, what: str):
    """What a printout does once written: open in the system's viewer, or say where it is."""
    def done(_result) -> None:
        if not open_file(path):
            dialogs.show_info(parent, f"{what} برای چاپ در این فایل ذخیره شد:\n{dialogs.path_text(path)}")

    return done


def _file_safe(name: str) -> str:
    """A name as part of a file name: no path or reserved characters, not too long."""
    kept = "".join("-" if c in '\\/:*?"<>|' else c for c in name).strip()
    return kept[:60]


@dataclass
class ExportArgs:
    office: object
    query: object
    path: Path
    fmt: str


def write_export(args: ExportArgs, progress):
    """On the worker: ``phonebook.exporter.export_contacts`` (it reads through its own connection)."""
    from crm_desktop.phonebook.exporter import export_contacts

    return export_contacts(args.office, args.query, args.path, fmt=args.fmt, progress=progress)


def export_list(parent, office, query, count: int) -> None:
    """vCard, CSV or Excel of the list the tab shows, to a file the operator chooses."""
    if count == 0:
        dialogs.show_info(parent, "فهرست خالی است؛ چیزی برای خروجی نیست.")
        return
    filters = [f for f, _ in EXPORT_FORMATS.values()]
    path, chosen = ask_save_path(parent, "خروجی مخاطبان", _documents() / default_name("مخاطبان", ".vcf"), filters)
    if not path:
        return
    by_suffix = next((key for key, (_, suffix) in EXPORT_FORMATS.items() if path.lower().endswith(suffix)), None)
    by_filter = next((key for key, (f, _) in EXPORT_FORMATS.items() if f == chosen), None)
    fmt = by_suffix or by_filter or "vcf"
    target = Path(path) if by_suffix else Path(path + EXPORT_FORMATS[fmt][1])
    args = ExportArgs(office, query, target, fmt)

    def done(result) -> None:
        written = getattr(result, "count", count)
        dialogs.show_info(parent, f"{format_number(written)} مخاطب در این فایل ذخیره شد:\n{dialogs.path_text(target)}")

    runner(parent, "خروجی مخاطبان", write_export, args, done, label=f"{format_number(count)} مخاطب")
