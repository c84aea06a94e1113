"""Print and export for the attendance tab, off the UI thread through the ops runner.

A person's timesheet or the office's month summary, as a PDF opened in the system's viewer to
print, or as an XLSX file the operator names — written by ``attendance.report`` on a worker
with a read-only connection of its own, so the tab stays responsive. ``ask_save_path``,
``open_file`` and ``runner`` are the phonebook's replaceable hooks (tests swap them)."""

from __future__ import annotations

import importlib
import inspect
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crm_desktop.attendance.views.common import month_title
from crm_desktop.phonebook.views import list_actions
from crm_desktop.ui import dialogs

XLSX_FILTER = "Excel (*.xlsx)"
WRITERS = {  # (what, format) -> the report module's function
    ("timesheet", "pdf"): "write_timesheet",
    ("summary", "pdf"): "write_month_summary",
    ("timesheet", "xlsx"): "write_timesheet_xlsx",
    ("summary", "xlsx"): "write_summary_xlsx",
}
TITLES = {"timesheet": "کارکرد", "summary": "خلاصه حضور و غیاب"}


@dataclass
class AttendanceJob:
    db_path: Path
    path: Path
    what: str  # 'timesheet' | 'summary'
    year: int
    month: int
    file_id: int | None = None
    fmt: str = "pdf"
    office_name: str = ""
    today: date | None = None


def write_report(job: AttendanceJob, progress):
    """On the worker: the report through an Office of its own over a read-only connection."""
    from crm_desktop.attendance import report
    from crm_desktop.office import Office
    from crm_desktop.storage.db import connect

    now = datetime.combine(job.today, datetime.now().time()) if job.today else datetime.now()
    office = Office(job.db_path, conn=connect(job.db_path, readonly=True), clock=lambda: now)
    try:
        write = getattr(report, WRITERS[(job.what, job.fmt)])
        args = (job.file_id, job.year, job.month) if job.what == "timesheet" else (job.year, job.month)
        wanted = {"office_name": job.office_name, "today": job.today}
        accepted = inspect.signature(write).parameters
        return write(office, job.path, *args, **{k: v for k, v in wanted.items() if k in accepted})
    finally:
        office.close()


def _report_available(parent) -> bool:
    """The report module is another part of the program; without it say so instead of failing."""
    try:
        importlib.import_module("crm_desktop.attendance.report")
    except ImportError:
        dialogs.show_info(parent, "چاپ و خروجی حضور و غیاب در این نسخه هنوز آماده نیست.")
        return False
    return True


def _stem(what: str, year: int, month: int, person: str = "") -> str:
    """«کارکرد علی رضایی آبان 1404» (Latin digits in a file name)."""
    from crm_desktop.core.digits import to_latin

    title = TITLES[what] + (f" {person}" if person else "")
    return f"{title} {to_latin(month_title(year, month))}".replace("/", "-")


def printout_path(stem: str) -> Path:
    folder = Path(tempfile.gettempdir()) / "crm_desktop-printouts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{stem} {datetime.now().strftime('%H%M%S')}.pdf"


def _check(parent, what: str, file_id: int | None) -> bool:
    if what == "timesheet" and file_id is None:
        dialogs.show_info(parent, "نخست شخص را انتخاب کنید.")
        return False
    return _report_available(parent)


def print_report(parent, office, what: str, year: int, month: int, *, file_id: int | None = None,
                 person: str = "", today: date | None = None) -> AttendanceJob | None:
    """The PDF of a timesheet or the month summary, opened in the viewer to print."""
    if not _check(parent, what, file_id):
        return None
    job = AttendanceJob(office.path, printout_path(_stem(what, year, month, person)), what, year, month, file_id,
                        "pdf", office.preferences.office_name, today)

    def done(_result) -> None:
        if not list_actions.open_file(job.path):
            dialogs.show_info(parent, f"گزارش برای چاپ در این فایل ذخیره شد:\n{dialogs.path_text(job.path)}")

    list_actions.runner(parent, f"چاپ {TITLES[what]}", write_report, job, done, label=month_title(year, month))
    return job


def export_report(parent, office, what: str, year: int, month: int, *, file_id: int | None = None,
                  person: str = "", today: date | None = None) -> AttendanceJob | None:
    """The XLSX of a timesheet or the month summary, where the operator says."""
    if not _check(parent, what, file_id):
        return None
    suggested = list_actions._documents() / f"{_stem(what, year, month, person)}.xlsx"
    path, _chosen = list_actions.ask_save_path(parent, f"خروجی {TITLES[what]}", suggested, [XLSX_FILTER])
    if not path:
        return None
    target = Path(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")
    job = AttendanceJob(office.path, target, what, year, month, file_id, "xlsx", office.preferences.office_name, today)

    def done(_result) -> None:
        dialogs.show_info(parent, f"{TITLES[what]} {month_title(year, month)} در این فایل ذخیره شد:\n"
                                  f"{dialogs.path_text(target)}")

    list_actions.runner(parent, f"خروجی {TITLES[what]}", write_report, job, done, label=month_title(year, month))
    return job
