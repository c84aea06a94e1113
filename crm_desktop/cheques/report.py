"""The printed cheque list (no Qt): the filtered cheques as PDF through ``crm_desktop.reports``,
grouped by the Jalali month they fall due in («مهر ۱۴۰۴») with a subtotal per month (count and
amount, and the split between received and paid when a month has both), undated guarantee
cheques in a group of their own at the end, a grand total, and a summary per status (the tab's
footer).

Columns, right to left: due date, direction, status, amount, drawer / payee (the other side:
the drawer of a received cheque, the payee of a paid one), bank, serial, Sayad ID.
``write_cheques_list`` takes plain ``ChequeRow`` objects in due-date order (testable without a
database); ``cheques_report`` reads them from a ``Cheques`` repository.

CLI: ``crm-desktop --db PATH report cheques --out FILE.pdf [--status S] [--direction D]
[--due-from D --due-to D] [the other filters of ``cheques list``] [--landscape]``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable, Iterable

from crm_desktop.cli import clear_progress, terminal_progress
from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.core.jalali import MONTH_NAMES, format_date, to_jalali
from crm_desktop.core.money import format_amount
from crm_desktop.core.text import counted
from crm_desktop.errors import Cancelled
from crm_desktop.reports import commands
from crm_desktop.reports.page import PageSetup, ReportInfo, ReportWriter
from crm_desktop.reports.table import Column, Table

TITLE = "فهرست چک‌ها"
UNDATED = "چک‌های ضمانتی بی‌تاریخ"
PROGRESS_EVERY = 200
TEXT_PRINTING = "در حال چاپ چک‌ها…"
DIRECTION_NAMES = {"received": "دریافتی", "paid": "پرداختی"}

Progress = Callable[..., object]


@dataclass
class ReportResult:
    path: str
    pages: int
    cheques: int
    amount: int
    seconds: float

    def to_json(self) -> dict:
        return {"path": self.path, "pages": self.pages, "cheques": self.cheques, "amount": self.amount,
                "seconds": round(self.seconds, 3)}


@dataclass
class Sum:
    """Count and amount of a group of cheques."""

    count: int = 0
    amount: int = 0

    def add(self, row) -> None:
        self.count += 1
        self.amount += row.amount


# --- cell text ----------------------------------------------------------------------------------

def columns() -> list[Column]:
    return [
        Column("سررسید", fixed=50, align="center"),
        Column("نوع", fixed=38, align="center"),
        Column("وضعیت", fixed=62, align="center"),
        Column("مبلغ (ریال)", fixed=84, align="right"),  # room for a grand total in the trillions
        Column("صادرکننده / در وجه", width=1),
        Column("بانک", width=0.55),  # portrait: ≈ 56 pt, «قرض‌الحسنه» whole on its line
        Column("سریال", fixed=46, align="center", ltr=True),
        Column("شناسه صیادی", fixed=82, align="center", ltr=True, size=8),  # sixteen of the widest digit
    ]


@lru_cache(maxsize=8192)  # a few hundred distinct due dates among thousands of cheques
def _jalali(day: date) -> tuple[tuple[int, int], str]:
    """((Jalali year, month), «۱۴۰۴/۰۷/۱۵») of a day."""
    year, month, _ = to_jalali(day)
    return (year, month), format_date(day)


def month_of(row) -> tuple[int, int] | None:
    """(Jalali year, month) the cheque falls due in; None for an undated guarantee cheque."""
    return _jalali(row.due_date)[0] if row.due_date is not None else None


def month_title(key: tuple[int, int] | None) -> str:
    return UNDATED if key is None else f"{MONTH_NAMES[key[1]]} {to_persian(key[0])}"


def counterparty(row) -> str:
    return row.drawer_name if row.direction == "received" else row.payee_name


def row_cells(row) -> list:
    due = _jalali(row.due_date)[1] if row.due_date else "بی‌تاریخ"
    direction = row.direction_label + ("\nضمانتی" if row.is_guarantee else "")
    return [due, direction, row.status_label, format_amount(row.amount), counterparty(row), row.bank_name,
            to_persian(row.serial), to_persian(row.sayad_id)]


def count_text(n: int) -> str:
    return f"{format_number(n)} چک"  # «۱۰۰٬۰۰۰ چک»


def sum_cells(label: str, title: str, total: Sum) -> list:
    """A subtotal / total row: «جمع ماه» under the dates, the count under the statuses, the
    amount under the amounts, what it sums up under the names."""
    return [label, "", count_text(total.count), format_amount(total.amount), title]


# --- the report --------------------------------------------------------------------------------

def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total, TEXT_PRINTING) is False:
        raise Cancelled()


def _summary(doc: ReportWriter, by_status: dict, grand: Sum) -> None:
    """Count and amount per status (the tab's footer), each direction's sum, and the whole."""
    from crm_desktop.cheques import status as st

    if not grand.count:
        return
    rows = len(by_status) + len(st.STATUSES) + 2
    doc.ensure(40 + rows * 9 * 1.55 + rows * 7)  # heading and table together, when they fit on a page
    doc.heading("خلاصه بر پایه وضعیت", size=11)
    table = Table([Column("نوع و وضعیت", width=1.6), Column("تعداد", fixed=70, align="center"),
                   Column("جمع مبلغ (ریال)", width=1, align="right")], size=9)
    with table.open(doc) as t:
        directions = [d for d in st.STATUSES if any(key[0] == d for key in by_status)]
        for direction in directions:
            total = Sum()
            for status in st.STATUSES[direction]:
                part = by_status.get((direction, status))
                if part:
                    t.row([f"{DIRECTION_NAMES[direction]} – {st.label(direction, status)}", count_text(part.count),
                           format_amount(part.amount)])
                    total.count, total.amount = total.count + part.count, total.amount + part.amount
            if len(directions) > 1:
                t.subtotal([f"جمع چک‌های {DIRECTION_NAMES[direction]}", count_text(total.count),
                            format_amount(total.amount)])
        t.total(["جمع کل", count_text(grand.count), format_amount(grand.amount)])


def write_cheques_list(path, rows: Iterable, *, office_name: str = "", scope: str = "همه چک‌ها",
                       count: int | None = None, today: date | None = None, landscape: bool = False,
                       progress: Progress | None = None) -> ReportResult:
    """The cheques of ``rows`` (ChequeRow, in due-date order; undated ones may come anywhere)
    grouped by due month. ``count`` (if known) goes into the subtitle and the progress total."""
    started = time.perf_counter()
    subtitle = scope if count is None else f"{scope} — {count_text(count)}"
    info = ReportInfo(TITLE, office_name=office_name, subtitle=subtitle, date=today)
    grand, undated, by_status = Sum(), [], {}
    with ReportWriter(path, info, PageSetup(landscape=landscape)) as doc:
        _report(progress, 0, count or 0)
        with Table(columns(), size=8.5, leading=1.45, padding=2.8).open(doc) as table:
            current, group = (), Sum()

            def close_group():
                if current != ():
                    table.subtotal(sum_cells("جمع ماه" if current else "جمع", month_title(current), group))

            def add(row):
                nonlocal current, group
                key = month_of(row)
                if key != current:
                    close_group()
                    current, group = key, Sum()
                    table.section(month_title(key))
                table.row(row_cells(row))
                group.add(row)
                grand.add(row)
                by_status.setdefault((row.direction, row.status), Sum()).add(row)
                if grand.count % PROGRESS_EVERY == 0:
                    _report(progress, grand.count, count or 0)

            for row in rows:
                if row.due_date is None:
                    undated.append(row)  # printed after the dated months
                else:
                    add(row)
            for row in undated:
                add(row)
            close_group()
            if grand.count:
                table.total(sum_cells("جمع کل", "همه چک‌های این فهرست", grand))
            else:
                table.row(["", "", "", "", "چکی برای چاپ نیست."])
        _summary(doc, by_status, grand)
    if progress is not None:
        progress(grand.count, grand.count, "")
    return ReportResult(str(doc.path), doc.pages, grand.count, grand.amount, time.perf_counter() - started)


def cheques_report(repo, path, query=None, *, office_name: str = "", today: date | None = None,
                   landscape: bool = False, progress: Progress | None = None) -> ReportResult:
    """The report of the cheques ``query`` (a ChequeFilter; None: all) selects, from a
    ``Cheques`` repository; the subtitle describes the filter."""
    from crm_desktop.cheques.command_input import describe_filter
    from crm_desktop.cheques.repo_search import ChequeFilter

    query = query or ChequeFilter()
    contact = ""
    if query.contact_id is not None:
        row = repo.conn.execute("SELECT display_name FROM contacts WHERE id = ?", (query.contact_id,)).fetchone()
        contact = row[0] if row else ""
    scope = describe_filter(query, repo.bank_name(query.bank) if query.bank else "", contact)
    return write_cheques_list(path, repo.iter_rows(query, "due"), office_name=office_name, scope=scope,
                              count=repo.count(query), today=today, landscape=landscape, progress=progress)


# --- the command line ------------------------------------------------------------------------------

def register_report(kinds) -> None:
    from crm_desktop.cheques.command_input import add_filter_options

    parser = commands.add_report_parser(
        kinds, "cheques", help="the filtered cheque list, grouped by due month with subtotals and a grand total")
    add_filter_options(parser)
    parser.set_defaults(func=run_cheques_report)


def run_cheques_report(args) -> int:
    from crm_desktop.cheques.command_input import filter_from_args, with_bank
    from crm_desktop.cheques.commands import with_persian_reason
    from crm_desktop.reports.page import check_output

    @with_persian_reason
    def run(args):
        check_output(args.out)  # a bad --out or filter fails before the database is even opened
        query = filter_from_args(args)
        progress = terminal_progress()
        with commands.open_office(args) as office:
            repo = office.cheques
            query = with_bank(repo, query)
            try:
                result = cheques_report(repo, args.out, query, office_name=office.preferences.office_name,
                                        landscape=args.landscape, progress=progress)
            finally:
                clear_progress(progress)
        if not args.quiet:
            print(f"report: {counted(result.pages, 'page')}, {counted(result.cheques, 'cheque')} in {result.seconds:.2f} s: {result.path}")
        return 0

    return run(args)
