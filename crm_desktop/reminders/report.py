"""Printed reminder book (no Qt): the list of occurrences in a date range (or a search result)
and the detailed report with each occurrence's full note, as PDF through ``crm_desktop.reports``.

Both take plain ``model.Occurrence`` iterables (what ``Reminders.occurrences_between`` gives), so
they are testable without a database; ``write_reminders_report`` is what the app's tab calls.

CLI: ``crm-desktop --db PATH report reminders --out FILE.pdf [--detailed] [--from D] [--to D]
[--group G] [--search Q] [--landscape]`` (default range: today and the next 30 days).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Iterable, Sequence

from crm_desktop.cli import clear_progress, terminal_progress
from crm_desktop.core.digits import to_persian
from crm_desktop.core.jalali import WEEKDAY_NAMES, format_date, format_date_long, format_time, weekday
from crm_desktop.core.text import counted
from crm_desktop.errors import Cancelled
from crm_desktop.reports import commands
from crm_desktop.reports.bidi import isolate
from crm_desktop.reports.page import ACCENT, PageSetup, ReportInfo, ReportWriter
from crm_desktop.reports.table import Column, Row, Table

LIST_TITLE = "فهرست یادآوری‌ها"
DETAILED_TITLE = "گزارش کامل یادآوری‌ها"
PRIORITY_NAMES = {0: "کم", 1: "عادی", 2: "زیاد"}  # model.PRIORITIES (kept here: no engine import at load)
PROGRESS_EVERY = 100
DEFAULT_DAYS = 30

Progress = Callable[..., object]


@dataclass
class ReportResult:
    path: str
    pages: int
    occurrences: int
    seconds: float

    def to_json(self) -> dict:
        return {"path": self.path, "pages": self.pages, "occurrences": self.occurrences,
                "seconds": round(self.seconds, 3)}


# --- cell text ----------------------------------------------------------------------------------


def day_cell(at: datetime) -> list[str]:
    """[«۱۴۰۳/۰۷/۱۵», «یکشنبه»]: the Jalali date over its weekday."""
    return [format_date(at), WEEKDAY_NAMES[weekday(at.date())]]


def priority_text(priority: int) -> str:
    return PRIORITY_NAMES.get(priority, "")


def list_columns(count: int | None = None) -> list[Column]:
    digits = len(str(count or 0))
    return [
        Column("ردیف", fixed=max(28.0, digits * 4.8 + 8), align="center"),
        Column("تاریخ", fixed=62, align="center"),
        Column("ساعت", fixed=34, align="center"),
        Column("موضوع", width=1.6, bold=True),
        Column("گروه", width=0.65),
        Column("مخاطب", width=0.95),
        Column("محل", width=0.95),
        Column("اولویت", fixed=38, align="center"),
    ]


def list_row(number: int, o) -> list:
    subject = o.subject + ("\n(انجام شد)" if getattr(o, "done", False) else "")
    return [to_persian(number), day_cell(o.at), format_time(o.at), subject, o.group_name, o.contact_name,
            o.place, priority_text(o.priority)]


def range_text(start: date | None, end: date | None) -> str:
    if start and end:
        if start == end:
            return f"روز {format_date(start)}"
        return f"از {format_date(start)} تا {format_date(end)}"
    if start:
        return f"از {format_date(start)}"
    if end:
        return f"تا {format_date(end)}"
    return ""


def scope_text(start: date | None = None, end: date | None = None, group: str | None = None,
               search: str | None = None) -> str:
    parts = [p for p in (range_text(start, end),) if p]
    if group:
        parts.append(f"گروه «{group}»")
    if search:
        parts.append(f"جستجوی «{isolate(to_persian(search))}»")
    return "، ".join(parts) if parts else "همه یادآوری‌ها"


def _report(progress: Progress | None, done: int, total: int, text: str) -> None:
    if progress is not None and progress(done, total, text) is False:
        raise Cancelled()


# --- the two reports ------------------------------------------------------------------------------


def write_list(doc: ReportWriter, occurrences: Sequence, progress: Progress | None = None) -> int:
    done = 0
    with Table(list_columns(len(occurrences)), size=9, leading=1.45, padding=3).open(doc) as table:
        for o in occurrences:
            done += 1
            table.row(list_row(done, o))
            if done % PROGRESS_EVERY == 0:
                _report(progress, done, len(occurrences), "در حال چاپ یادآوری‌ها…")
        if done == 0:
            table.row(["", "", "", "یادآوری‌ای برای چاپ نیست."])
    return done


def detail_title(o) -> str:
    return f"{format_date_long(o.at.date())}، ساعت {format_time(o.at)} — {o.subject}"


def detail_rows(o) -> list[list]:
    """«گروه: جلسه | مخاطب: … | محل: … | اولویت: زیاد» on one row, then the note in full."""
    facts = [("گروه", o.group_name), ("مخاطب", o.contact_name), ("محل", o.place),
             ("اولویت", priority_text(o.priority))]
    line = "  |  ".join(f"{label}: {value}" for label, value in facts if value and str(value).strip())
    if getattr(o, "done", False):
        line += "  |  انجام شد"
    rows = [["مشخصات", line]] if line else []
    if o.note and o.note.strip():
        rows.append(["یادداشت", o.note])
    return rows


def write_detailed(doc: ReportWriter, occurrences: Sequence, progress: Progress | None = None) -> int:
    """Each occurrence: a heading row (date, time, subject) and its fields; the note in full,
    wrapped (a note longer than a page continues on the next one)."""
    table = Table([Column("", fixed=70, bold=True, colour=ACCENT), Column("", width=1)],
                  size=9.5, header=False, zebra=False, padding=3.5)
    done = 0
    with table.open(doc) as t:
        for o in occurrences:
            done += 1
            t.add(Row.section(f"{to_persian(done)}. {detail_title(o)}"))
            for cells in detail_rows(o):
                t.row(cells)
            if done % PROGRESS_EVERY == 0:
                _report(progress, done, len(occurrences), "در حال چاپ یادآوری‌ها…")
    if done == 0:
        doc.paragraph("یادآوری‌ای برای چاپ نیست.", size=10)
    return done


def write_reminders_report(office, path, occurrences: Iterable, *, detailed: bool = False, title: str | None = None,
                           subtitle: str = "", progress: Progress | None = None, landscape: bool = False,
                           today: date | None = None) -> ReportResult:
    """The list (``detailed=False``) or the detailed report of ``occurrences`` (model.Occurrence,
    in the order given) to ``path``. ``office`` gives the office's name for the header (None: no
    name). ``progress(done, total, text)`` returning False cancels (Cancelled; no file left)."""
    started = time.perf_counter()
    occurrences = list(occurrences)
    office_name = office.preferences.office_name if office is not None else ""
    count = f"{to_persian(len(occurrences))} نوبت"
    info = ReportInfo(title or (DETAILED_TITLE if detailed else LIST_TITLE), office_name=office_name,
                      subtitle=f"{subtitle} — {count}" if subtitle else count, date=today)
    with ReportWriter(path, info, PageSetup(landscape=landscape)) as doc:
        _report(progress, 0, len(occurrences), "در حال چاپ یادآوری‌ها…")
        done = (write_detailed if detailed else write_list)(doc, occurrences, progress)
    if progress is not None:
        progress(done, done, "")
    return ReportResult(str(doc.path), doc.pages, done, time.perf_counter() - started)


# --- the command line ------------------------------------------------------------------------------


def register_report(kinds) -> None:
    parser = commands.add_report_parser(
        kinds, "reminders", help="the reminders of a date range: a list, or in detail with the full notes")
    parser.add_argument("--detailed", action="store_true", help="each occurrence with its full note")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first Jalali day (default: today)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help=f"last Jalali day (default: today + {DEFAULT_DAYS} days)")
    parser.add_argument("--group", metavar="G", help="only this reminder group")
    parser.add_argument("--search", metavar="Q", help="only reminders whose subject, note or place match")
    parser.set_defaults(func=run_reminders_report)


def run_reminders_report(args) -> int:
    from crm_desktop.reminders.command_input import date_range, find_group_id
    from crm_desktop.reports.page import check_output

    check_output(args.out)  # a bad --out or date fails before the database is even opened
    start, end = date_range(args, DEFAULT_DAYS)
    progress = terminal_progress()
    with commands.open_office(args) as office:
        repo = office.reminders
        group_id = find_group_id(repo, args.group)
        group = next((g.name for g in repo.groups() if g.id == group_id), None)
        found = repo.occurrences_between(start, end, group_id=group_id, text=args.search or "")
        try:
            result = write_reminders_report(office, args.out, found, detailed=args.detailed,
                                            subtitle=scope_text(start.date(), end.date(), group, args.search),
                                            progress=progress, landscape=args.landscape)
        finally:
            clear_progress(progress)
    if not args.quiet:
        print(f"report: {counted(result.pages, 'page')}, {counted(result.occurrences, 'occurrence')} in {result.seconds:.2f} s: {result.path}")
    return 0
