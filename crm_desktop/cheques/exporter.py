"""Exporting cheques: the filtered list, every column, as CSV or XLSX.

``export_cheques(source, query, path, fmt=None, progress=None) -> ExportResult`` is a plain
function (no Qt) that the UI's ops runner can run on a worker thread. ``source`` is a ``Cheques``
repository, a connection or an Office (read through a connection of its own); the rows are read
inside one read transaction, so the app may go on writing and the file still shows one moment.
Cheques come in due-date order (undated guarantee cheques first), as the tab shows them.

Persian headers; dates Jalali (``1404/07/15``, Latin digits, as the phonebook's export);
amounts, ids and leaf numbers are numbers (the XLSX amount column shows thousands separators);
Sayad IDs, serials and account numbers are text, exactly as recorded. CSV is UTF-8 with a BOM
(Excel then reads the Persian), every text cell neutralised against formula injection, the XLSX
sheet right-to-left — the writers of the phonebook's export (csv_io / xlsx_io).
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from functools import lru_cache

from crm_desktop.cheques.model import LABELS
from crm_desktop.core.jalali import format_date
from crm_desktop.core.text import path_text
from crm_desktop.phonebook.exporter import ExportFailed, ExportResult
from crm_desktop.phonebook.import_rows import gc_paused, report
from crm_desktop.phonebook.table import CSV, XLSX, format_of

TEXT_EXPORT = "نوشتن چک‌ها…"
SHEET_TITLE = "چک‌ها"
AMOUNT_FORMAT = "#,##0"
# (header, width in characters, value of a ChequeRecord)
COLUMNS = (
    ("شناسه", 8, lambda r: r.cheque.id),
    (LABELS["direction"], 9, lambda r: r.cheque.direction_label),
    (LABELS["status"], 20, lambda r: r.cheque.status_label),
    ("تاریخ وضعیت", 12, lambda r: _day(r.cheque.status_date)),
    (LABELS["sayad_id"], 19, lambda r: r.cheque.sayad_id),
    (LABELS["series"], 9, lambda r: r.cheque.series),
    (LABELS["serial"], 12, lambda r: r.cheque.serial),
    (LABELS["bank"], 16, lambda r: r.bank_name),
    (LABELS["branch_name"], 14, lambda r: r.cheque.branch_name),
    (LABELS["branch_code"], 9, lambda r: r.cheque.branch_code),
    (LABELS["account_number"], 20, lambda r: r.cheque.account_number),
    (LABELS["sheba"], 29, lambda r: r.cheque.sheba),
    ("مبلغ (ریال)", 18, lambda r: r.cheque.amount),
    (LABELS["issue_date"], 12, lambda r: _day(r.cheque.issue_date)),
    (LABELS["due_date"], 12, lambda r: _day(r.cheque.due_date)),
    (LABELS["is_guarantee"], 8, lambda r: "بله" if r.cheque.is_guarantee else ""),
    (LABELS["drawer_id"], 24, lambda r: r.drawer_name),
    (LABELS["payee_id"], 24, lambda r: r.payee_name),
    (LABELS["payee_national_id"], 14, lambda r: r.cheque.payee_national_id),
    (LABELS["purpose"], 24, lambda r: r.cheque.purpose),
    ("علت برگشت", 20, lambda r: r.bounce_reason),
    (LABELS["note"], 30, lambda r: r.cheque.note),
    (LABELS["book_id"], 9, lambda r: r.cheque.book_id if r.cheque.book_id is not None else ""),
    (LABELS["leaf_no"], 6, lambda r: r.cheque.leaf_no if r.cheque.leaf_no is not None else ""),
    ("تاریخ ثبت", 12, lambda r: _day(r.cheque.registered_on)),
)
HEADERS = [header for header, _, _ in COLUMNS]
AMOUNT_COLUMN = HEADERS.index("مبلغ (ریال)")


@lru_cache(maxsize=8192)  # a few hundred distinct days among a hundred thousand cheques
def _day(day: date | None) -> str:
    return format_date(day, digits="latin") if day else ""


def row_values(record) -> list:
    return [value(record) for _, _, value in COLUMNS]


def _open(source):
    """(Cheques repository, connection to close or None): a repository or a connection as they
    are; an Office through a read-only connection of our own (its own when that cannot open)."""
    from crm_desktop.cheques.repo import Cheques
    from crm_desktop.errors import UserError
    from crm_desktop.storage.db import connect

    if isinstance(source, Cheques):
        return source, None
    if isinstance(source, sqlite3.Connection):
        return Cheques(source), None
    try:
        conn = connect(source.path, readonly=True)
    except UserError:
        return source.cheques, None
    return Cheques(conn), conn


def _records(repo, query, total, progress):
    done = 0
    report(progress, 0, total, TEXT_EXPORT)
    for record in repo.iter_records(query):
        yield record
        done += 1
        if done % 1000 == 0:
            report(progress, done, total, TEXT_EXPORT)
    report(progress, done, total, TEXT_EXPORT)


def export_cheques(source, query=None, path=None, fmt: str | None = None, progress=None) -> ExportResult:
    """Write the cheques ``query`` (a ChequeFilter; None: all) selects to ``path`` as csv or
    xlsx (``fmt`` None: from the file name). Written to a temporary file and renamed at the
    end: a cancelled or failed export leaves no half file behind (nor replaces an older one)."""
    if path is None:
        raise TypeError("export_cheques needs a path")
    from crm_desktop.reports.output import check_output, replaced_at_the_end

    path = check_output(path)  # one clear error for a missing folder, a read-only file …
    fmt = format_of(path, fmt) if fmt else {".xlsx": XLSX, ".csv": CSV, ".txt": CSV}.get(path.suffix.lower())
    if fmt not in (CSV, XLSX):
        raise ExportFailed(f"cheques are exported as csv or xlsx: name the file .xlsx or .csv, or give --format "
                           f"({path.name})", "چک‌ها فقط به CSV یا XLSX صادر می‌شوند.")
    started = time.perf_counter()
    repo, own = _open(source)
    snapshot = not repo.conn.in_transaction  # one read transaction: the file shows one moment
    try:
        with gc_paused():
            if snapshot:
                repo.conn.execute("BEGIN")
            try:
                total = repo.count(query)
                rows = (row_values(r) for r in _records(repo, query, total, progress))
                with replaced_at_the_end(path) as partial:
                    if fmt == CSV:
                        from crm_desktop.phonebook.csv_io import write_csv

                        count = write_csv(partial, HEADERS, rows)
                    else:
                        from crm_desktop.phonebook.xlsx_io import write_xlsx

                        count = write_xlsx(partial, HEADERS, rows, [width for _, width, _ in COLUMNS],
                                           title=SHEET_TITLE, number_formats={AMOUNT_COLUMN: AMOUNT_FORMAT})
            except OSError as error:
                raise ExportFailed(f"{path}: cannot write ({error.strerror or error})",
                                   f"پرونده «{path_text(path)}» نوشته نشد ({error.strerror or error}).") from error
            finally:
                if snapshot and repo.conn.in_transaction:
                    repo.conn.execute("COMMIT")
    finally:
        if own is not None:
            own.close()
    return ExportResult(str(path), fmt, count, time.perf_counter() - started)


# The names the cheque tab may look for: fn(office, query, path, fmt=, progress=).
export = export_cheques
