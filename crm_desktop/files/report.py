"""Printed files (no Qt): a kind's list, one file's card, and the employment application form
(فرم استخدام), blank or filled, as PDF through ``crm_desktop.reports``.

    write_file_list(office.files, path, FileFilter("personnel", state="active"), office_name=…)
    write_file_card(office, path, file_id)       # personnel: summary; customer: file + log; applicant: the form
    write_application_form(path)                  # the blank form to hand to someone at the door

The list streams its rows from ``Files.iter_file_rows`` in Persian order of the names; its
columns run from the right: row, file number, name, mobile, registration date, state
(stage / status), then the kind's own (unit and job title; source; desired position) and the
referrer. The card lives in report_card.py, the form in report_form.py.

CLI: ``crm-desktop --db PATH report files --kind K --out FILE.pdf [filters]``,
``report file --id N --out FILE.pdf``, ``report application-form (--blank | --id N) --out FILE.pdf``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Callable

from crm_desktop.cli import clear_progress, terminal_progress
from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import counted
from crm_desktop.errors import Cancelled, UserError
from crm_desktop.files.model import APPLICANT, PERSONNEL
from crm_desktop.files.report_text import (
    LIST_TITLES,
    STATE_TITLES,
    choice_text,
    count_text,
    day_text,
    kind_column,
    number_text,
    phone_text,
    scope_text,
)
from crm_desktop.reports import commands
from crm_desktop.reports.page import PageSetup, ReportInfo, ReportWriter
from crm_desktop.reports.table import Column, Table

PROGRESS_EVERY = 200
TEXT_PRINTING = "در حال چاپ پرونده‌ها…"
EMPTY = "پرونده‌ای برای چاپ نیست."

Progress = Callable[..., object]


@dataclass
class ReportResult:
    path: str
    pages: int
    files: int
    seconds: float

    def to_json(self) -> dict:
        return {"path": self.path, "pages": self.pages, "files": self.files, "seconds": round(self.seconds, 3)}


# --- the list ------------------------------------------------------------------------------------

def list_columns(kind: str, count: int | None = None) -> list[Column]:
    digits = len(str(count or 0))
    columns = [
        Column("ردیف", fixed=max(24.0, digits * 4.8 + 8), align="center"),
        Column("شماره پرونده", fixed=54, align="center"),
        Column("نام", width=1.3, bold=True),
        Column("تلفن", fixed=66, align="center"),
        Column("تاریخ ثبت", fixed=50, align="center"),
        Column(STATE_TITLES[kind], fixed=58, align="center"),
    ]
    if kind == PERSONNEL:
        columns.append(Column("واحد", width=0.8))
    columns.append(Column(kind_column(kind)[0], width=1.0))
    columns.append(Column("معرف", width=1.0))
    return columns


def list_row(number: int, row) -> list:
    kind = row.kind
    cells = [to_persian(number), number_text(row.number), row.name, phone_text(row.mobile),
             day_text(row.registered_on), row.state_label]
    if kind == PERSONNEL:
        cells.append(row.unit)
    key = kind_column(kind)[1]
    cells.append(choice_text(key, row.data.get(key, "")))
    cells.append(row.referrer_name)
    return cells


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total, TEXT_PRINTING) is False:
        raise Cancelled()


def _referrer_name(files_repo, referrer_id) -> str:
    if referrer_id is None:
        return ""
    from crm_desktop.phonebook.repo import Phonebook

    contact = Phonebook(files_repo.conn).get(referrer_id)
    return contact.display_name if contact is not None else ""


def write_file_list(files_repo, path, query, *, office_name: str = "", today: date | None = None,
                    progress: Progress | None = None, landscape: bool = False) -> ReportResult:
    """The files ``query`` (a FileFilter) selects from ``files_repo`` (``office.files``), in
    Persian order of the names. ``progress(done, total, text)`` returning False cancels
    (Cancelled; no file is left)."""
    from crm_desktop.files.model import check_kind

    check_kind(query.kind)
    started = time.perf_counter()
    count = files_repo.count_files(query)
    scope = scope_text(query, _referrer_name(files_repo, query.referrer_id))
    info = ReportInfo(LIST_TITLES[query.kind], office_name=office_name, subtitle=f"{scope} — {count_text(count)}",
                      date=today)
    done = 0
    with ReportWriter(path, info, PageSetup(landscape=landscape)) as doc:
        _report(progress, 0, count)
        columns = list_columns(query.kind, count)
        with Table(columns, size=8.5, leading=1.45, padding=2.8).open(doc) as table:
            for row in files_repo.iter_file_rows(query):
                done += 1
                table.row(list_row(done, row))
                if done % PROGRESS_EVERY == 0:
                    _report(progress, done, count)
            if done == 0:
                table.row(["", "", EMPTY])
    if progress is not None:
        progress(done, done, "")
    return ReportResult(str(doc.path), doc.pages, done, time.perf_counter() - started)


# --- one file ------------------------------------------------------------------------------------

def require_file(files_repo, file_id):
    f = files_repo.get(file_id) if file_id is not None else None
    if f is None:
        raise UserError(f"no file with id {file_id}", f"پرونده‌ای با شناسه {to_persian(file_id)} نیست.")
    return f


def write_file_card(office, path, file_id: int, *, office_name: str = "", today: date | None = None) -> ReportResult:
    """One file on paper: a personnel file's summary (every field, the photo, the attachments,
    the state history); a customer's file with its stages, interaction log, cheques and
    reminders; an applicant's filled employment application form."""
    f = require_file(office.files, file_id)
    if f.kind == APPLICANT:
        return write_application_form(path, office_name=office_name, today=today, office=office, file_id=file_id)
    from crm_desktop.files.report_card import draw_file_card

    started = time.perf_counter()
    contact = office.phonebook.get(f.contact_id)
    subtitle = f"{contact.display_name if contact else ''} — شماره {number_text(f.number)}"
    info = ReportInfo(f.kind_label, office_name=office_name, subtitle=subtitle, date=today)
    with ReportWriter(path, info) as doc:
        draw_file_card(doc, office, f, contact)
    return ReportResult(str(doc.path), doc.pages, 1, time.perf_counter() - started)


def write_application_form(path, *, office_name: str = "", today: date | None = None, office=None,
                           file_id: int | None = None) -> ReportResult:
    """The employment application form: blank (to fill in by hand), or with ``office`` and
    ``file_id`` filled in with that applicant's values — the same layout either way."""
    from crm_desktop.files.report_form import FORM_TITLE, draw_application_form, form_values

    started = time.perf_counter()
    values = None
    if file_id is not None:
        if office is None:
            raise ValueError("a filled form needs the office")
        f = require_file(office.files, file_id)
        if f.kind != APPLICANT:
            raise UserError(f"file {file_id} is not a job applicant's",
                            "فرم استخدام فقط برای پرونده متقاضی استخدام است.")
        values = form_values(office, f)
    info = ReportInfo(FORM_TITLE, office_name=office_name, date=today)
    with ReportWriter(path, info, form_setup()) as doc:
        draw_application_form(doc, values)
    return ReportResult(str(doc.path), doc.pages, 0 if values is None else 1, time.perf_counter() - started)


def form_setup() -> PageSetup:
    from reportlab.lib.units import mm

    return PageSetup(margin_side=12 * mm, margin_top=9 * mm, margin_bottom=8 * mm, header_gap=3 * mm,
                     footer_gap=2 * mm)


# --- the command line ------------------------------------------------------------------------------

def register_report(kinds) -> None:
    from crm_desktop.files.commands import add_filter_options, with_persian_reason

    parser = commands.add_report_parser(
        kinds, "files", help="the list of one kind of file (personnel, customers, applicants) with filters")
    add_filter_options(parser)
    parser.set_defaults(func=with_persian_reason(run_files_report))

    card = commands.add_report_parser(
        kinds, "file", help="one file: a personnel summary, a customer file with its log, an applicant's form")
    card.add_argument("--id", required=True, dest="file_id", metavar="N", help="the file's id")
    card.set_defaults(func=with_persian_reason(run_file_report))

    form = commands.add_report_parser(
        kinds, "application-form", help="the employment application form (فرم استخدام), blank or filled")
    which = form.add_mutually_exclusive_group(required=True)
    which.add_argument("--blank", action="store_true", help="the blank form, to fill in by hand")
    which.add_argument("--id", dest="file_id", metavar="N", help="filled with this applicant's values")
    form.set_defaults(func=with_persian_reason(run_form_report))


def _done(args, result: ReportResult, what: str) -> int:
    if not args.quiet:
        print(f"report: {counted(result.pages, 'page')}, {what} in {result.seconds:.2f} s: {result.path}")
    return 0


def run_files_report(args) -> int:
    from crm_desktop.files.commands import filter_from_args
    from crm_desktop.reports.page import check_output

    check_output(args.out)  # a bad --out or filter fails before the database is even opened
    query = filter_from_args(args)
    progress = terminal_progress()
    with commands.open_office(args) as office:
        try:
            result = write_file_list(office.files, args.out, query, office_name=office.preferences.office_name,
                                     progress=progress, landscape=args.landscape)
        finally:
            clear_progress(progress)
    return _done(args, result, counted(result.files, "file"))


def run_file_report(args) -> int:
    from crm_desktop.files.commands import file_id
    from crm_desktop.reports.page import check_output

    check_output(args.out)
    wanted = file_id(args.file_id)
    with commands.open_office(args) as office:
        result = write_file_card(office, args.out, wanted, office_name=office.preferences.office_name)
    return _done(args, result, f"file {wanted}")


def run_form_report(args) -> int:
    from crm_desktop.cli import db_path
    from crm_desktop.files.commands import file_id
    from crm_desktop.reports.page import check_output

    check_output(args.out)
    if args.blank:
        # The blank form needs no database; the office's name comes from it when there is one.
        name = ""
        if db_path(args).exists():
            with commands.open_office(args) as office:
                name = office.preferences.office_name
        result = write_application_form(args.out, office_name=name)
        return _done(args, result, "blank application form")
    wanted = file_id(args.file_id)
    with commands.open_office(args) as office:
        result = write_application_form(args.out, office_name=office.preferences.office_name, office=office,
                                        file_id=wanted)
    return _done(args, result, f"application form of file {wanted}")
