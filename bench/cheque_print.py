"""Cheque printing to PDF, in-process on a small demo database: one cheque with the built-in
Sayad layout (what the operator waits for after «چاپ»), and a hundred cheques in one PDF, one
leaf per page — time from the stored cheques to the PDF on disk, including reading the cheques
(``cheque_pages``) and laying out every field. Issue 7's aims: one cheque ≤ 150 ms, 100 ≤ 5 s.

The database is made with ``python -m crm_desktop demo-data --contacts 300 --cheques 400``
(untimed), or reused from --workdir (``cheque-print.sqlite3``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from bench.common import BenchResult, aim, count_rows, last_line, log, median, p95, run_process

NAME = "cheque-print"
ONE_AIM_MS = 150.0
HUNDRED_AIM_S = 5.0
RUNS = 20


def database(ctx, result: BenchResult) -> Path | None:
    db = ctx.workdir / "cheque-print.sqlite3"
    if (count_rows(db, "cheques") or 0) >= 200:
        return db
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    command = [sys.executable, "-m", "crm_desktop", "--db", str(db), "demo-data", "--contacts", "300",
               "--reminders", "0", "--cheques", "400"]
    done = run_process(command, ctx.env(), timeout=600)
    if done.returncode != 0:
        result.available = False
        result.notes.append(f"demo-data failed: {last_line(done.stderr)}")
        return None
    return db


def run(ctx) -> BenchResult:
    result = BenchResult(f"{NAME}: cheques to PDF with the built-in Sayad layout (in-process)")
    db = database(ctx, result)
    if db is None:
        return result
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from crm_desktop.cheque_print.print_pdf import write_pdf
    from crm_desktop.cheque_print.print_render import ensure_gui_application
    from crm_desktop.cheque_print.values import cheque_pages
    from crm_desktop.office import Office

    ensure_gui_application()
    out = ctx.workdir / "print-bench"
    out.mkdir(exist_ok=True)
    with Office(db) as office:
        ids = [row[0] for row in office.conn.execute(
            "SELECT id FROM cheques WHERE direction = 'paid' ORDER BY id LIMIT 100")]
        template = office.cheque_print.named(None)
        log(f"[{NAME}] one cheque × {RUNS}, then {len(ids)} cheques in one PDF…")
        write_pdf(out / "warm.pdf", template, cheque_pages(office, ids[:1]))  # fonts loaded, not timed
        one = []
        for run_no in range(RUNS):
            started = time.perf_counter()
            write_pdf(out / f"one-{run_no}.pdf", template, cheque_pages(office, [ids[run_no % len(ids)]]))
            one.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        printed = write_pdf(out / "hundred.pdf", template, cheque_pages(office, ids))
        hundred = time.perf_counter() - started
    worst = p95(one)
    result.add("one cheque p50", round(median(one), 1), "ms")
    result.add("one cheque p95", round(worst, 1), "ms", aim(worst, ONE_AIM_MS, "ms"))
    result.add(f"{len(ids)} cheques", round(hundred, 2), "s", aim(hundred, HUNDRED_AIM_S, "s"))
    result.add("pages", printed.pages, "", f"{printed.page_mm[0]:g} × {printed.page_mm[1]:g} mm each")
    result.add("PDF size", round(Path(printed.path).stat().st_size / 1024, 1), "KiB", "fonts embedded once")
    return result
