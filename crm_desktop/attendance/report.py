"""The attendance book in print (no Qt): a person's Jalali-month timesheet and the whole office's
month summary, as PDF through ``crm_desktop.reports`` and as XLSX (``report_xlsx``).

    write_timesheet(office, path, file_id, year, month, *, office_name="", today=None)
    write_month_summary(office, path, year, month, *, office_name="", today=None)
    write_timesheet_xlsx(office, path, file_id, year, month)
    write_summary_xlsx(office, path, year, month)

The timesheet has one row a day, columns from the right: date, weekday, what the day was
(holiday, leave and its type, mission and its place, absence, a missing punch), entries,
exits, worked, lateness, early exit, overtime, absence, leave, mission; holidays, Fridays and
days without a shift are shaded. Then the month's totals and the year's entitled leave used
and left, and room for two signatures. A4 portrait (``landscape=True`` for wider columns).
The summary: one row per member of staff with the month's totals and the leave left, A4
landscape. Each writes to a temporary file and renames it into place (no half-written file).

CLI: ``crm-desktop --db PATH report attendance --month 1404/08 [--person ID] --out FILE.pdf``
(the office summary without --person; ``--xlsx`` or an .xlsx --out writes XLSX).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from reportlab.lib.colors import HexColor

from crm_desktop.attendance.compute import hm
from crm_desktop.attendance.model import LEAVE_TYPES, WEEKDAYS
from crm_desktop.attendance.report_data import (FORMER, MEASURES, Summary, Timesheet, duration, minutes,
                                                month_summary, through_text, timesheet)
from crm_desktop.attendance.report_xlsx import write_summary_xlsx, write_timesheet_xlsx
from crm_desktop.core.digits import to_persian
from crm_desktop.core.jalali import MONTH_NAMES, format_date
from crm_desktop.errors import UserError
from crm_desktop.reports import bidi, commands, fonts
from crm_desktop.reports.bidi import isolate
from crm_desktop.reports.page import INK, MUTED, PageSetup, ReportInfo, ReportWriter, draw_line
from crm_desktop.reports.table import BODY, ZEBRA_FILL, Column, Table, TableWriter

__all__ = ["write_timesheet", "write_month_summary", "write_timesheet_xlsx", "write_summary_xlsx", "register_report"]

TIMESHEET_TITLE = "برگه کارکرد ماهانه"
SUMMARY_TITLE = "خلاصه کارکرد ماهانه کارکنان"
DAY_OFF_FILL = HexColor("#f6e3dc")  # holidays, Fridays, days without a shift


@dataclass
class ReportResult:
    path: str
    pages: int
    rows: int  # days of a timesheet, members of staff of a summary
    seconds: float

    def to_json(self) -> dict:
        return {"path": self.path, "pages": self.pages, "rows": self.rows, "seconds": round(self.seconds, 3)}


class ShadedTable(TableWriter):
    """A table whose body rows may carry their own background (``row(cells, fill=…)``); the
    others get the zebra stripes."""

    _fill = None

    def row(self, cells, fill=None) -> None:
        self._fill = fill
        try:
            self._row(cells, BODY)
        finally:
            self._fill = None

    def _draw_row(self, cell_lines, kind: str, line_h: float) -> None:
        fill = self._fill if kind == BODY else None
        if kind == BODY and fill is None and self.body_rows % 2 == 1:
            fill = ZEBRA_FILL
        if fill is not None:
            height = max(len(lines) for lines in cell_lines) * line_h + 2 * self.table.padding
            c = self.canvas
            c.setFillColor(fill)
            c.rect(self.doc.left, self.doc.y - height, self.doc.width, height, stroke=0, fill=1)
            c.setFillColor(INK)
        super()._draw_row(cell_lines, kind, line_h)


def _measure_columns(width: float) -> list[Column]:
    return [Column(title, fixed=width, align="center") for _, title in MEASURES]


# --- the timesheet ---------------------------------------------------------------------------------

def timesheet_columns(landscape: bool = False) -> list[Column]:
    wide = 1.2 if landscape else 1.0
    return [
        Column("تاریخ", fixed=52 * wide, align="center"),
        Column("روز", fixed=42 * wide, align="center"),
        Column("شرح", width=1, size=7.5),
        Column("ورود", fixed=40 * wide, align="center"),
        Column("خروج", fixed=40 * wide, align="center"),
        *_measure_columns(34 * wide),
    ]


def day_cells(line) -> list:
    ins, outs = line.punch_columns()
    r = line.result
    return [format_date(line.day), line.weekday, line.notes(), ins, outs,
            *(minutes(getattr(r, name)) for name, _ in MEASURES)]


def total_cells(sheet: Timesheet) -> list:
    t = sheet.totals
    note = f"{to_persian(t.working_days)} روز کاری، موظف {hm(t.expected)}"
    return ["جمع ماه", "", note, "", "", *(minutes(getattr(t, name), zero="۰:۰۰") for name, _ in MEASURES)]


def facts(sheet: Timesheet) -> list[tuple[str, str]]:
    """The month's figures under the table, label and value, three pairs a row."""
    t = sheet.totals
    absent = f"{to_persian(t.absent_days)} روز ({hm(t.absent)})" if t.absent else "—"
    return [
        ("روزهای کاری", f"{to_persian(t.working_days)} روز"), ("کارکرد موظف", hm(t.expected)),
        ("روزهای تعطیل", f"{to_persian(sheet.holidays)} روز"),
        ("کارکرد", hm(t.worked)), ("اضافه‌کار", hm(t.overtime)), ("ماموریت", hm(t.mission)),
        ("تأخیر", hm(t.late)), ("تعجیل در خروج", hm(t.early)), ("غیبت", absent),
        *((f"مرخصی {label}", duration(sheet.leave_by_type.get(kind, 0))) for kind, label in LEAVE_TYPES.items()),
        (f"مرخصی استحقاقی سال {to_persian(sheet.year)} تا پایان {MONTH_NAMES[sheet.month]}", duration(sheet.year_used)),
        ("مانده مرخصی استحقاقی سال", duration(sheet.balance, "۰")),
    ]


def schedule_text(sheet: Timesheet) -> str:
    """«برنامه کاری: برنامه عادی دفتر (شنبه تا چهارشنبه ۰۸:۰۰ تا ۱۶:۰۰ …)؛ مهلت تأخیر ۱۰ دقیقه»."""
    s = sheet.schedule
    groups: list[tuple[list[int], str]] = []
    for weekday in range(7):
        shifts = s.shifts(weekday)
        if not shifts:
            continue
        text = "، ".join(f"{to_persian(x.start.strftime('%H:%M'))} تا {to_persian(x.end.strftime('%H:%M'))}"
                         for x in shifts)
        if groups and groups[-1][1] == text and groups[-1][0][-1] == weekday - 1:
            groups[-1][0].append(weekday)
        else:
            groups.append(([weekday], text))
    days = "؛ ".join((WEEKDAYS[w[0]] if len(w) == 1 else f"{WEEKDAYS[w[0]]} تا {WEEKDAYS[w[-1]]}") + f" {text}"
                     for w, text in groups)
    grace = f"؛ مهلت تأخیر {to_persian(s.grace)} دقیقه" if s.grace else ""
    return f"برنامه کاری: {s.name} ({days}){grace}"


def _facts_table(doc: ReportWriter, pairs: list[tuple[str, str]], per_row: int = 3) -> None:
    label = doc.width / per_row * 0.5
    table = Table([column for _ in range(per_row) for column in (Column("", fixed=label, bold=True, colour=MUTED),
                                                                   Column("", width=1))],
                  size=8.5, header=False, zebra=False, padding=2.4, leading=1.4)
    with table.open(doc) as t:
        for i in range(0, len(pairs), per_row):
            row = list(pairs[i:i + per_row])
            row += [("", "")] * (per_row - len(row))
            t.row([text for pair in row for text in pair])


def _signatures(doc: ReportWriter) -> None:
    size = 9
    doc.ensure(34)
    doc.skip(24)
    c = doc.canvas
    c.setFillColor(MUTED)
    half = doc.width / 2
    for label, right in (("امضای کارمند", doc.right), ("امضای مسئول اداری", doc.right - half)):
        draw_line(c, bidi.visual(label), right - half + 20, right, doc.y, "right", fonts.REGULAR, size)
    c.setFillColor(INK)
    doc.skip(10)


def draw_timesheet(doc: ReportWriter, sheet: Timesheet, landscape: bool = False) -> None:
    doc.paragraph(schedule_text(sheet), size=8.5, colour=MUTED, space_after=3)
    table = Table(timesheet_columns(landscape), size=8, header_size=8, leading=1.36, padding=1.9, zebra=False)
    with ShadedTable(table, doc) as t:
        for line in sheet.days:
            t.row(day_cells(line), fill=DAY_OFF_FILL if line.is_day_off else None)
        t.total(total_cells(sheet))
    doc.heading(f"جمع کارکرد {sheet.title}", size=10.5, space_before=2)
    _facts_table(doc, facts(sheet))
    _signatures(doc)


def timesheet_info(sheet: Timesheet, office_name: str = "", today: date | None = None) -> ReportInfo:
    who = f"{sheet.name} — پرونده {isolate(sheet.number)}" if sheet.number else sheet.name
    if sheet.state != "active":
        who += f" ({FORMER})"
    return ReportInfo(TIMESHEET_TITLE, office_name=office_name, subtitle=f"{who} — {sheet.title}{through_text(sheet)}",
                      date=today)


def write_timesheet(office, path, file_id: int, year: int, month: int, *, office_name: str = "",
                    today: date | None = None, landscape: bool = False) -> ReportResult:
    """A person's Jalali-month timesheet as PDF at ``path``."""
    started = time.perf_counter()
    sheet = timesheet(office, file_id, year, month, today=today)
    with ReportWriter(path, timesheet_info(sheet, office_name, today), PageSetup(landscape=landscape)) as doc:
        draw_timesheet(doc, sheet, landscape)
    return ReportResult(str(doc.path), doc.pages, len(sheet.days), time.perf_counter() - started)


# --- the office's month --------------------------------------------------------------------------

def summary_columns() -> list[Column]:
    return [
        Column("ردیف", fixed=26, align="center"),
        Column("شماره پرونده", fixed=52, align="center", ltr=True),
        Column("نام", width=1, bold=True),
        Column("روز کاری", fixed=36, align="center"),
        Column("موظف", fixed=44, align="center"),
        *_measure_columns(42),
        Column("روز غیبت", fixed=34, align="center"),
        Column("مرخصی سال", fixed=62, align="center"),
        Column("مانده مرخصی", fixed=66, align="center"),
    ]


def _figures(totals, zero: str = "") -> list[str]:
    return [minutes(getattr(totals, name), zero=zero) for name, _ in MEASURES]


def summary_cells(number: int, line) -> list:
    name = f"{line.name} ({FORMER})" if line.state != "active" else line.name
    t = line.totals
    return [to_persian(number), line.number, name, to_persian(t.working_days), hm(t.expected), *_figures(t),
            to_persian(t.absent_days) if t.absent_days else "", duration(line.year_used), duration(line.balance, "۰")]


def summary_total(summary: Summary) -> list:
    t = summary.totals
    return ["", "", f"جمع ({to_persian(len(summary.lines))} نفر)", "", hm(t.expected), *_figures(t, "۰:۰۰"),
            to_persian(t.absent_days), "", ""]


def draw_summary(doc: ReportWriter, summary: Summary) -> None:
    table = Table(summary_columns(), size=8, header_size=8, leading=1.32, padding=1.9, zebra=False)
    with ShadedTable(table, doc) as t:
        for number, line in enumerate(summary.lines, start=1):
            t.row(summary_cells(number, line))
        if summary.lines:
            t.total(summary_total(summary))
        else:
            t.row(["", "", "کارمندی برای این ماه نیست."])
    doc.paragraph("زمان‌ها به ساعت:دقیقه. «مرخصی سال»: مرخصی استحقاقی از ابتدای سال تا پایان همین ماه؛ «مانده مرخصی»: "
                  "مانده مرخصی استحقاقی سال؛ هر روز مرخصی هشت ساعت.", size=8, colour=MUTED)


def write_month_summary(office, path, year: int, month: int, *, office_name: str = "", today: date | None = None,
                        landscape: bool = True) -> ReportResult:
    """Every member of staff's totals for the Jalali month as PDF at ``path``."""
    started = time.perf_counter()
    summary = month_summary(office, year, month, today=today)
    subtitle = f"{summary.title}{through_text(summary)} — {to_persian(len(summary.lines))} نفر"
    info = ReportInfo(SUMMARY_TITLE, office_name=office_name, subtitle=subtitle, date=today)
    with ReportWriter(path, info, PageSetup(landscape=landscape)) as doc:
        draw_summary(doc, summary)
    return ReportResult(str(doc.path), doc.pages, len(summary.lines), time.perf_counter() - started)


# --- the command line ------------------------------------------------------------------------------

def register_report(kinds) -> None:
    parser = commands.add_report_parser(
        kinds, "attendance", help="a person's Jalali-month timesheet, or the office's month summary (PDF or XLSX)",
        suffixes=())  # checked with --xlsx in mind (below)
    parser.add_argument("--month", metavar="YYYY/MM", help="the Jalali month, e.g. 1404/08 (default: this month)")
    parser.add_argument("--person", metavar="ID", help="a personnel file's id or number (default: the whole office)")
    parser.add_argument("--xlsx", action="store_true", help="write XLSX instead of PDF (also when --out ends in .xlsx)")
    parser.set_defaults(func=run_attendance_report)


def run_attendance_report(args) -> int:
    from crm_desktop.attendance.commands import parse_month, resolve_person
    from crm_desktop.cheques.commands import with_persian_reason
    from crm_desktop.reports.page import check_output

    @with_persian_reason
    def run(args):
        out = check_output(args.out)  # a bad --out or month fails before the database is opened
        year, month = parse_month(args.month)
        as_xlsx = args.xlsx or out.suffix.lower() == ".xlsx"
        if not as_xlsx and out.suffix.lower() != ".pdf":
            raise UserError(f"'{out}' must end in .pdf or .xlsx (or give --xlsx)",
                            "نام فایل خروجی باید به ‎.pdf یا ‎.xlsx ختم شود.")
        with commands.open_office(args) as office:
            name = office.preferences.office_name
            if args.person:
                member = resolve_person(office, args.person)
                if as_xlsx:
                    result = write_timesheet_xlsx(office, out, member.file_id, year, month)
                else:
                    result = write_timesheet(office, out, member.file_id, year, month, office_name=name,
                                             landscape=args.landscape)
                what = f"timesheet of {member.name} ({member.number})"
            else:
                if as_xlsx:
                    result = write_summary_xlsx(office, out, year, month)
                else:
                    result = write_month_summary(office, out, year, month, office_name=name)
                what = f"office summary, {result.rows} staff"
        if not args.quiet:
            count = getattr(result, "pages", 0)
            pages = f"{count} page{'s' if count != 1 else ''}, " if count else ""
            print(f"report: {pages}{what}, {year}/{month:02d}, in {result.seconds:.2f} s: {result.path}")
        return 0

    return run(args)
