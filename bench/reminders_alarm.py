"""The alarm engine on a demo database of N reminders (default 100,000), in-process:

- ``next_alarm_time()`` (what the scheduler asks each time it re-arms) — median / p95 over runs,
  and the same ``min(next_alarm_at)`` with the index forbidden (``NOT INDEXED``), for scale;
- ``take_due(now)`` stepping through the next alarms one due time after another (each run takes
  the alarms of one moment: what happens when the timer fires) — median / p95;
- ``take_due`` after the PC slept an hour (every alarm of that hour taken at once, as missed);
- the query plans of both, which must use ``reminders_by_next_alarm``.

The database is made by ``python -m crm_desktop demo-data --contacts 1000 --reminders N`` (a
real process, timed: the bulk fill computes every ``next_alarm_at`` through the engine), or
reused from --workdir (``reminders-N.sqlite3``). Runs that take alarms work on a copy.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import BenchResult, aim, last_line, log, median, p95, run_process

NAME = "reminders-alarm"
CONTACTS = 1000
NEXT_RUNS = 500
TAKE_RUNS = 60
NEXT_AIM_MS = 1.0
TAKE_AIM_MS = 20.0
INDEX = "reminders_by_next_alarm"


def count_reminders(path: Path) -> int | None:
    if not Path(path).exists():
        return None
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM reminders").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def reminders_database(ctx, result: BenchResult, name: str) -> Path | None:
    """``reminders-N.sqlite3`` in the work folder: reused, or made now with demo-data (timed)."""
    n = ctx.reminders
    db = ctx.workdir / f"reminders-{n}.sqlite3"
    if count_reminders(db) == n:
        result.notes.append(f"database: reused {db.name}")
        return db
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    log(f"[{name}] making {db} ({n:,} reminders, {CONTACTS:,} contacts)…")
    command = [sys.executable, "-m", "crm_desktop", "--db", str(db), "demo-data", "--contacts", str(CONTACTS),
               "--reminders", str(n), "--json"]
    done = run_process(command, ctx.env(), timeout=ctx.timeout_for(n))
    if done.returncode != 0:
        result.available = False
        reason = "timed out" if done.timed_out else last_line(done.stderr) or f"exit code {done.returncode}"
        result.notes.append(f"demo-data failed: {reason}")
        return None
    report = json.loads(done.stdout)
    result.add("demo-data wall time", done.wall, "s",
               f"{n:,} reminders + {CONTACTS:,} contacts, a real process; aim: seconds, not minutes")
    result.add("repeating reminders", report["reminders"]["repeating"])
    return db


def working_copy(db: Path, name: str) -> Path:
    copy = db.with_name(f"{name}-{db.name}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(db)
    dst = sqlite3.connect(copy)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return copy


def query_plan(conn, sql: str, params=()) -> str:
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return "; ".join(row[-1] for row in rows)


def _timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def run(ctx) -> BenchResult:
    n = ctx.reminders
    result = BenchResult(f"{NAME}: {n:,} reminders (next_alarm_time / take_due, in-process)")
    db = reminders_database(ctx, result, NAME)
    if db is None:
        return result
    from crm_desktop.reminders.repo import Reminders
    from crm_desktop.reminders.repo_rows import SELECT
    from crm_desktop.storage.db import open_database

    copy = working_copy(db, NAME)
    conn = open_database(copy)
    try:
        repo = Reminders(conn)
        (pending,) = conn.execute("SELECT count(*) FROM reminders WHERE next_alarm_at IS NOT NULL").fetchone()
        result.add("reminders with an alarm to come", pending)
        next_sql = "SELECT min(next_alarm_at) FROM reminders WHERE next_alarm_at IS NOT NULL"
        due_sql = SELECT + " WHERE r.next_alarm_at IS NOT NULL AND r.next_alarm_at <= ? ORDER BY r.next_alarm_at"
        plan_next = query_plan(conn, next_sql)
        plan_due = query_plan(conn, due_sql, ("2000-01-01T00:00:00",))
        log(f"[{NAME}] next_alarm_time × {NEXT_RUNS}…")
        times = _timed(repo.next_alarm_time, NEXT_RUNS)
        result.add("next_alarm_time: median", round(median(times), 4), "ms")
        result.add("next_alarm_time: p95", round(p95(times), 4), "ms", aim(p95(times), NEXT_AIM_MS, "ms"))
        scan = _timed(lambda: conn.execute(next_sql.replace("FROM reminders", "FROM reminders NOT INDEXED")).fetchone(),
                      20)
        result.add("same without the index: median", round(median(scan), 2), "ms", "NOT INDEXED: a table scan")
        for label, plan in (("next_alarm_time", plan_next), ("take_due", plan_due)):
            result.add(f"{label} uses {INDEX}", "yes" if INDEX in plan else "NO", "", "EXPLAIN QUERY PLAN")
            result.notes.append(f"plan of {label}: {plan}")

        log(f"[{NAME}] take_due × {TAKE_RUNS} (one due moment each)…")
        take, taken = [], []
        for _ in range(TAKE_RUNS):
            now = repo.next_alarm_time()
            if now is None:
                break
            started = time.perf_counter()
            alarms = repo.take_due(now, missed_before=now - timedelta(seconds=60))
            take.append((time.perf_counter() - started) * 1000)
            taken.append(len(alarms))
        if take:
            result.add("take_due: median", round(median(take), 3), "ms",
                       f"{sum(taken) / len(taken):.1f} alarms per call (demo times fall on quarter hours)")
            result.add("take_due: p95", round(p95(take), 3), "ms", aim(p95(take), TAKE_AIM_MS, "ms"))
        nothing = _timed(lambda: repo.take_due(datetime(2000, 1, 1)), 50)
        result.add("take_due with nothing due: median", round(median(nothing), 3), "ms")
        start = repo.next_alarm_time()
        if start is not None:
            hour_later = start + timedelta(hours=1)
            started = time.perf_counter()
            alarms = repo.take_due(hour_later, missed_before=hour_later - timedelta(seconds=60))
            took = time.perf_counter() - started
            result.add("take_due after an hour asleep", round(took * 1000, 1), "ms",
                       f"{len(alarms)} alarms taken at once ({sum(a.missed for a in alarms)} missed), one transaction")
        result.notes.append(f"on a copy of {db.name} (taking alarms writes)")
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return result
