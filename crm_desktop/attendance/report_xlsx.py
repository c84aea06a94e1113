"""The attendance reports as XLSX (no Qt): a person's month one row a day, and the office's
month one row per member of staff, through the phonebook's ``write_xlsx`` (a right-to-left
sheet, bold frozen header, text neutralised against formula injection).

Every figure is there twice: minutes as a number (to add up in Excel) and «8:05» as text (to
read). Dates are Jalali with Latin digits (``1404/08/01``), as in the cheque export. Written
to a temporary file and renamed into place: a failure leaves no half file (nor replaces an
older one).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from crm_desktop.attendance.compute import hm
from crm_desktop.attendance.model import LEAVE_TYPES
from crm_desktop.attendance.report_data import FORMER, MEASURES, duration, month_summary, timesheet
from crm_desktop.core import jalali
from crm_desktop.core.digits import to_latin
from crm_desktop.core.text import path_text
from crm_desktop.errors import UserError


@dataclass
class XlsxResult:
    path: str
    rows: int
    seconds: float
    pages: int = 0

    def to_json(self) -> dict:
        return {"path": self.path, "rows": self.rows, "seconds": round(self.seconds, 3)}


def hm_latin(minutes: int) -> str:
    """«8:05» (Latin digits: a spreadsheet reads it as text that looks like a time)."""
    return to_latin(hm(minutes))


def _pair(title: str) -> list[str]:
    return [f"{title} (دقیقه)", f"{title} (ساعت)"]


def _figures(totals_or_day) -> list:
    out = []
    for name, _ in MEASURES:
        value = getattr(totals_or_day, name)
        out += [value, hm_latin(value)]
    return out


def _write(path, headers, rows, widths, title: str) -> int:
    from crm_desktop.phonebook.xlsx_io import write_xlsx
    from crm_desktop.reports.output import check_output, replaced_at_the_end

    path = check_output(path)
    try:
        with replaced_at_the_end(path) as partial:
            count = write_xlsx(partial, headers, rows, widths, title=title)
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror or error})",
                        f"پرونده «{path_text(path)}» نوشته نشد ({error.strerror or error}).") from error
    return count


def _sheet_title(year: int, month: int) -> str:
    return f"{jalali.MONTH_NAMES[month]} {year}"


TIMESHEET_HEADERS = ["تاریخ", "روز", "شرح", "ورود", "خروج"] + [h for _, title in MEASURES for h in _pair(title)]
TIMESHEET_WIDTHS = [12, 10, 40, 14, 14] + [11] * (2 * len(MEASURES))


def timesheet_rows(sheet) -> list[list]:
    rows = []
    for line in sheet.days:
        ins, outs = line.punch_columns()
        rows.append([jalali.format_date(line.day, digits="latin"), line.weekday, "؛ ".join(line.notes()),
                     to_latin("، ".join(ins)), to_latin("، ".join(outs)), *_figures(line.result)])
    t = sheet.totals
    rows.append(["جمع ماه", "", f"{t.working_days} روز کاری، موظف {hm_latin(t.expected)}", "", "", *_figures(t)])
    rows.append([])
    rows.append(["روزهای کاری", "", t.working_days])
    rows.append(["روزهای غیبت", "", t.absent_days])
    rows.append(["کارکرد موظف", "", hm_latin(t.expected), "", "", t.expected, hm_latin(t.expected)])
    leave = [*((f"مرخصی {label}", sheet.leave_by_type.get(kind, 0)) for kind, label in LEAVE_TYPES.items()),
             (f"مرخصی استحقاقی سال {sheet.year} تا پایان ماه", sheet.year_used), ("مانده مرخصی استحقاقی سال", sheet.balance)]
    for label, value in leave:
        rows.append([label, "", to_latin(duration(value, "0")), "", "", value, hm_latin(value)])
    return rows


def write_timesheet_xlsx(office, path, file_id: int, year: int, month: int) -> XlsxResult:
    """A person's Jalali-month timesheet as XLSX at ``path``."""
    started = time.perf_counter()
    sheet = timesheet(office, file_id, year, month)
    _write(path, TIMESHEET_HEADERS, timesheet_rows(sheet), TIMESHEET_WIDTHS,
           f"{_sheet_title(year, month)} - {sheet.number}"[:31])
    return XlsxResult(str(path), len(sheet.days), time.perf_counter() - started)


SUMMARY_HEADERS = (["شماره پرونده", "نام", "وضعیت", "روزهای کاری", *_pair("موظف")]
                   + [h for _, title in MEASURES for h in _pair(title)]
                   + ["روزهای غیبت", *_pair("مرخصی استحقاقی سال"), *_pair("مانده مرخصی سال"), "مانده مرخصی (روز)"])
SUMMARY_WIDTHS = [12, 24, 12, 10, 11, 11] + [11] * (2 * len(MEASURES)) + [10, 12, 12, 12, 12, 18]


def summary_rows(summary) -> list[list]:
    rows = []
    for line in summary.lines:
        t = line.totals
        rows.append([line.number, line.name, "شاغل" if line.state == "active" else FORMER, t.working_days,
                     t.expected, hm_latin(t.expected), *_figures(t), t.absent_days, line.year_used,
                     hm_latin(line.year_used), line.balance, hm_latin(line.balance), to_latin(duration(line.balance, "0"))])
    t = summary.totals
    if summary.lines:
        rows.append(["", f"جمع ({len(summary.lines)} نفر)", "", "", t.expected, hm_latin(t.expected), *_figures(t),
                     t.absent_days])
    return rows


def write_summary_xlsx(office, path, year: int, month: int) -> XlsxResult:
    """Every member of staff's totals for the Jalali month as XLSX at ``path``."""
    started = time.perf_counter()
    summary = month_summary(office, year, month)
    _write(path, SUMMARY_HEADERS, summary_rows(summary), SUMMARY_WIDTHS, _sheet_title(year, month))
    return XlsxResult(str(path), len(summary.lines), time.perf_counter() - started)
