"""The attendance book's month, in-process, for an office of 200 staff with a whole Jalali month of
punches (Aban 1404, made by the demo generator: lateness, overtime, leave, missions, absences):
the office's month summary (``office_month``, what the attendance tab's summary page reads; issue
9's aim ≤ 2 s), one person's month (``month``), the reports' own reads (the office summary with
each one's leave balance, one timesheet) and writing the summary PDF, a timesheet PDF and the
summary XLSX.

The database is made once in the work folder (``attendance-200.sqlite3``, untimed): 300 demo
contacts, 200 personnel files on them, then ``attendance.demo.fill_attendance`` for one month.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from bench.common import BenchResult, aim, log, median

NAME = "attendance-month"
STAFF = 200
YEAR, MONTH = 1404, 8
MONTH_END = datetime(2025, 11, 21, 22, 0)  # 1404/08/30, after everyone's day
AIM_S = 2.0
RUNS = 5


def _staff_count(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT (SELECT count(*) FROM files WHERE kind = 'personnel') * "
                            "(SELECT count(*) > 0 FROM attendance_punches)").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def database(ctx) -> Path:
    db = ctx.workdir / "attendance-200.sqlite3"
    if _staff_count(db) >= STAFF:
        return db
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    from crm_desktop.attendance.demo import fill_attendance
    from crm_desktop.demo.generate import fill_contacts
    from crm_desktop.files.model import PersonFile
    from crm_desktop.office import Office
    from crm_desktop.storage.db import open_database, transaction

    log(f"[{NAME}] making {STAFF} staff with a month of punches (untimed)…")
    conn = open_database(db)
    try:
        with transaction(conn):
            fill_contacts(conn, 300, 9, None)
            office = Office(db, conn=conn, clock=lambda: MONTH_END)
            people = [cid for (cid,) in conn.execute("SELECT id FROM contacts WHERE kind = 'person' ORDER BY id")]
            for contact_id in people[:STAFF]:
                office.files.add(PersonFile("personnel", contact_id, registered_on="2020-01-01",
                                            data={"hire_date": "2020-01-01", "employment": "full_time"}))
            fill_attendance(conn, 1, seed=9, now=MONTH_END)
    finally:
        conn.close()
    return db


def _timed(fn, runs: int) -> tuple[list[float], object]:
    times, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - started)
    return times, value


def run(ctx) -> BenchResult:
    result = BenchResult(f"{NAME}: a Jalali month of {STAFF} staff (in-process)")
    db = database(ctx)
    from crm_desktop.attendance import report
    from crm_desktop.attendance.report_data import month_summary, timesheet
    from crm_desktop.office import Office

    out = ctx.workdir / "attendance-bench"
    out.mkdir(exist_ok=True)
    with Office(db) as office:
        att = office.attendance
        (punches,) = office.conn.execute("SELECT count(*) FROM attendance_punches").fetchone()
        staff = att.staff()
        person = staff[len(staff) // 2].file_id
        log(f"[{NAME}] office_month × {RUNS}, one person's month × 20, the reports…")
        att.office_month(YEAR, MONTH)  # warm: modules, the holiday calendar
        month_times, found = _timed(lambda: att.office_month(YEAR, MONTH), RUNS)
        person_times, _ = _timed(lambda: att.month(person, YEAR, MONTH), 20)
        summary_times, summary = _timed(lambda: month_summary(office, YEAR, MONTH), 3)
        sheet_times, _ = _timed(lambda: timesheet(office, person, YEAR, MONTH), 10)
        report.write_month_summary(office, out / "warm.pdf", YEAR, MONTH)  # fonts loaded, not timed
        pdf_times, written = _timed(lambda: report.write_month_summary(office, out / "summary.pdf", YEAR, MONTH), 3)
        ts_times, sheet_pdf = _timed(lambda: report.write_timesheet(office, out / "timesheet.pdf", person, YEAR, MONTH), 5)
        xlsx_times, _ = _timed(lambda: report.write_summary_xlsx(office, out / "summary.xlsx", YEAR, MONTH), 3)
    worked = sum(t.worked for _, t in found)
    best = median(month_times)
    result.add("staff", len(found), "", f"{punches:,} punches in the month")
    result.add("office_month median", round(best, 3), "s", aim(best, AIM_S))
    result.add("office_month max", round(max(month_times), 3), "s", aim(max(month_times), AIM_S))
    result.add("one person's month", round(median(person_times) * 1000, 1), "ms", "att.month, median of 20")
    result.add("summary with leave balances", round(median(summary_times), 3), "s", "report_data.month_summary")
    result.add("timesheet data", round(median(sheet_times) * 1000, 1), "ms", "report_data.timesheet")
    result.add("summary PDF", round(median(pdf_times), 3), "s", f"{written.pages} pages, {written.rows} rows")
    result.add("timesheet PDF", round(median(ts_times) * 1000, 1), "ms", f"{sheet_pdf.pages} page")
    result.add("summary XLSX", round(median(xlsx_times), 3), "s")
    result.add("hours worked", round(worked / 60), "h", f"{summary.totals.absent_days} days of absence")
    return result
