"""Printing from the files tab, off the UI thread through the ops runner: a kind's list as the
filters show it, one file (a personnel summary, a customer file with its interactions, an
applicant's filled employment form) and the blank employment application form. Each is written
to a PDF by ``crm_desktop.files.report`` through a read-only connection of its own and opened in
the system's viewer to print; ``runner`` and ``open_file`` are the phonebook's replaceable hooks
(tests swap them)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crm_desktop.core.digits import format_number
from crm_desktop.files.model import KIND_PLURAL, KINDS
from crm_desktop.files.repo_search import FileFilter
from crm_desktop.phonebook.views import list_actions
from crm_desktop.ui import dialogs

NOT_READY = "چاپ پرونده‌ها در این نسخه هنوز آماده نیست."
BLANK_FORM = "فرم خالی استخدام"


@dataclass
class PrintJob:
    db_path: Path
    path: Path
    office_name: str = ""
    today: date | None = None
    query: FileFilter | None = None
    file_id: int | None = None


def report_module():
    """``crm_desktop.files.report``, or None in a build without it."""
    try:
        from crm_desktop.files import report
    except ImportError:
        return None
    return report


def printout_path(stem: str, today: date | None = None) -> Path:
    folder = Path(tempfile.gettempdir()) / "crm_desktop-printouts"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%H%M%S")
    return folder / list_actions.default_name(stem, f" {stamp}.pdf", today)


def _reading_office(db_path: Path):
    from crm_desktop.office import Office
    from crm_desktop.storage.db import connect

    return Office(db_path, conn=connect(db_path, readonly=True))


# --- on the worker ----------------------------------------------------------------------------------
def write_list(job: PrintJob, progress):
    office = _reading_office(job.db_path)
    try:
        return report_module().write_file_list(office.files, job.path, job.query, office_name=job.office_name,
                                               today=job.today, progress=progress)
    finally:
        office.conn.close()


def write_card(job: PrintJob, _progress):
    office = _reading_office(job.db_path)
    try:
        return report_module().write_file_card(office, job.path, job.file_id, office_name=job.office_name,
                                               today=job.today)
    finally:
        office.conn.close()


def write_blank(job: PrintJob, _progress):
    return report_module().write_application_form(job.path, office_name=job.office_name, today=job.today)


# --- the actions ------------------------------------------------------------------------------------
def _run(parent, title: str, fn, job: PrintJob, label: str) -> PrintJob | None:
    if report_module() is None:
        dialogs.show_info(parent, NOT_READY)
        return None

    def done(_result) -> None:
        if not list_actions.open_file(job.path):
            dialogs.show_info(parent, f"برای چاپ در این فایل ذخیره شد:\n{dialogs.path_text(job.path)}")

    list_actions.runner(parent, title, fn, job, done, label=label)
    return job


def print_list(parent, office, query: FileFilter, *, today: date | None = None) -> PrintJob | None:
    count = office.files.count_files(query)
    if not count:
        dialogs.show_info(parent, "پرونده‌ای با این فیلترها برای چاپ نیست.")
        return None
    plural = KIND_PLURAL[query.kind]
    job = PrintJob(office.path, printout_path(plural, today), office.preferences.office_name, today, query=query)
    return _run(parent, f"چاپ فهرست {plural}", write_list, job, f"{format_number(count)} پرونده")


def print_card(parent, office, file_id: int, *, today: date | None = None) -> PrintJob | None:
    f = office.files.get(file_id)
    if f is None:
        dialogs.show_info(parent, "این پرونده دیگر وجود ندارد.")
        return None
    stem = f"{KINDS[f.kind]} {f.number}".replace("/", "-").replace("\\", "-")
    job = PrintJob(office.path, printout_path(stem, today), office.preferences.office_name, today, file_id=file_id)
    return _run(parent, f"چاپ {KINDS[f.kind]}", write_card, job, stem)


def print_blank_form(parent, office, *, today: date | None = None) -> PrintJob | None:
    job = PrintJob(office.path, printout_path(BLANK_FORM, today), office.preferences.office_name, today)
    return _run(parent, BLANK_FORM, write_blank, job, BLANK_FORM)
