"""Print and export for the cheque tab, off the UI thread through the ops runner.

Print writes the filtered cheques, grouped by Jalali due month with subtotals
(``cheques.report``), to a PDF and opens it in the system's viewer, as the other tabs do; export
asks for a file (XLSX or CSV) and writes it (``cheques.exporter``). Both read through a
read-only connection of their own, so the tab stays responsive. ``ask_save_path``,
``open_file`` and ``runner`` are the phonebook's replaceable hooks (tests swap them)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crm_desktop.cheques.repo_search import ChequeFilter
from crm_desktop.core.digits import format_number
from crm_desktop.phonebook.views import list_actions
from crm_desktop.ui import dialogs

FORMATS = {"xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)"}


@dataclass
class ChequesJob:
    db_path: Path
    path: Path
    query: ChequeFilter
    office_name: str = ""
    fmt: str = "pdf"
    today: date | None = None


def _read_only(db_path: Path):
    from crm_desktop.cheques.repo import Cheques
    from crm_desktop.storage.db import connect

    conn = connect(db_path, readonly=True)
    return conn, Cheques(conn)


def write_pdf(job: ChequesJob, progress):
    """On the worker: the PDF report of the filtered cheques."""
    from crm_desktop.cheques.report import cheques_report

    conn, cheques = _read_only(job.db_path)
    try:
        return cheques_report(cheques, job.path, job.query, office_name=job.office_name, today=job.today,
                              progress=progress)
    finally:
        conn.close()


def write_export(job: ChequesJob, progress):
    """On the worker: the XLSX or CSV file of the filtered cheques."""
    from crm_desktop.cheques.exporter import export_cheques

    conn, cheques = _read_only(job.db_path)
    try:
        return export_cheques(cheques, job.query, job.path, job.fmt, progress=progress)
    finally:
        conn.close()


def printout_path(today: date | None = None) -> Path:
    folder = Path(tempfile.gettempdir()) / "crm_desktop-printouts"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%H%M%S")
    return folder / list_actions.default_name("چک‌ها", f" {stamp}.pdf", today)


def print_cheques(parent, office, query: ChequeFilter, *, today: date | None = None) -> ChequesJob | None:
    count = office.cheques.totals(query).count
    if not count:
        dialogs.show_info(parent, "چکی با این فیلترها برای چاپ نیست.")
        return None
    job = ChequesJob(office.path, printout_path(today), query, office.preferences.office_name, "pdf", today)

    def done(_result) -> None:
        if not list_actions.open_file(job.path):
            dialogs.show_info(parent, f"گزارش برای چاپ در این فایل ذخیره شد:\n{dialogs.path_text(job.path)}")

    list_actions.runner(parent, "چاپ چک‌ها", write_pdf, job, done, label=f"{format_number(count)} چک")
    return job


def export_cheques(parent, office, query: ChequeFilter, *, today: date | None = None) -> ChequesJob | None:
    count = office.cheques.totals(query).count
    if not count:
        dialogs.show_info(parent, "چکی با این فیلترها برای خروجی نیست.")
        return None
    suggested = list_actions._documents() / list_actions.default_name("چک‌ها", ".xlsx", today)
    path, chosen = list_actions.ask_save_path(parent, "خروجی چک‌ها", suggested, list(FORMATS.values()))
    if not path:
        return None
    fmt = "csv" if path.lower().endswith(".csv") or (chosen == FORMATS["csv"] and not path.lower().endswith(".xlsx")) \
        else "xlsx"
    target = Path(path if path.lower().endswith(f".{fmt}") else f"{path}.{fmt}")
    job = ChequesJob(office.path, target, query, fmt=fmt, today=today)

    def done(_result) -> None:
        dialogs.show_info(parent, f"{format_number(count)} چک در این فایل ذخیره شد:\n{dialogs.path_text(target)}")

    list_actions.runner(parent, "خروجی چک‌ها", write_export, job, done, label=f"{format_number(count)} چک")
    return job
