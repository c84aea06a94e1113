"""The real Qt ``AlarmScheduler`` idling on a database of N reminders (default 100,000) whose next
alarm is an hour away, offscreen, in a child process: the process CPU time over 20 s of idle
(``time.process_time``, all threads), its voluntary context switches (wake-ups), and how many
next-alarm queries the scheduler made meanwhile. The aim: no measurable CPU between alarms.

The database: ``reminders-N.sqlite3`` (see reminders_alarm), copied; on the copy every reminder
counts as fired through an hour from now, and one more reminder rings exactly then.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import BenchResult, last_line, log, run_process
from bench.reminders_alarm import reminders_database, working_copy

NAME = "reminders-idle"
IDLE_SECONDS = 20.0
SETTLE_SECONDS = 2.0
RESULT_MARKER = "reminders-idle-result "
CPU_AIM_S = 0.05  # 0.25 % of one core over 20 s: "no measurable CPU"


def quiet_for_an_hour(db: Path, name: str) -> Path:
    """A copy of ``db`` on which the next alarm is an hour (or more) away."""
    from crm_desktop.reminders.model import Reminder
    from crm_desktop.reminders.repo import Reminders
    from crm_desktop.storage.db import open_database

    copy = working_copy(db, name)
    conn = open_database(copy)
    try:
        later = (datetime.now() + timedelta(hours=1)).replace(microsecond=0)
        with conn:
            conn.execute("UPDATE reminders SET fired_through = ?, snoozed_until = NULL", (later.isoformat(),))
        repo = Reminders(conn)
        repo.refresh_alarms(later)
        repo.add(Reminder(subject="یک ساعت دیگر", starts_at=later))  # the next alarm: exactly an hour away
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()
    return copy


def remove(copy: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)


def run(ctx) -> BenchResult:
    n = ctx.reminders
    result = BenchResult(f"{NAME}: {n:,} reminders, next alarm an hour away (AlarmScheduler offscreen, a child)")
    db = reminders_database(ctx, result, NAME)
    if db is None:
        return result
    log(f"[{NAME}] preparing a copy with the next alarm an hour away (untimed)…")
    copy = quiet_for_an_hour(db, NAME)
    try:
        log(f"[{NAME}] {IDLE_SECONDS:g} s of idle…")
        done = run_process([sys.executable, "-m", "bench.reminders_idle", "--child", str(copy)],
                           ctx.env(QT_QPA_PLATFORM="offscreen"), marker=RESULT_MARKER, timeout=IDLE_SECONDS + 120)
    finally:
        remove(copy)
    if not done.marker_line:
        result.available = False
        reason = "timed out" if done.timed_out else last_line(done.stderr) or f"exit code {done.returncode}"
        result.notes.append(f"the scheduler child failed: {reason}")
        return result
    data = json.loads(done.marker_line[len(RESULT_MARKER):])
    cpu = data["cpu_s"]
    result.add("idle wall time", round(data["wall_s"], 2), "s")
    result.add("CPU time while idle", round(cpu * 1000, 2), "ms",
               f"{100 * cpu / data['wall_s']:.3f} % of one core; aim ≤ {CPU_AIM_S * 1000:g} ms: {'met' if cpu <= CPU_AIM_S else 'MISSED'}; process_time, all threads")
    result.add("voluntary context switches", data["wakeups"], "", "wake-ups of the process while idle")
    result.add("next-alarm queries while idle", data["queries"], "", "the scheduler's own count")
    result.add("timer sleeps", round(data["remaining_s"], 1), "s", "the armed timer's remaining time (≤ 30 s watchdog)")
    result.add("next alarm in", round(data["next_in_s"] / 60, 1), "min")
    result.add("start-up: take missed + arm", round(data["start_ms"], 1), "ms", "AlarmScheduler.start()")
    return result


# -- the child -------------------------------------------------------------------------------------
def child(db: Path) -> int:
    import resource

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.office import Office
    from crm_desktop.reminders.views.scheduler import AlarmScheduler

    app = QApplication([sys.argv[0]])
    office = Office(db)
    scheduler = AlarmScheduler(office)
    started = time.perf_counter()
    scheduler.start()
    start_ms = (time.perf_counter() - started) * 1000
    marks = {}

    def begin():
        marks["cpu"] = time.process_time()
        marks["wall"] = time.monotonic()
        marks["queries"] = scheduler.queries
        marks["ctx"] = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw
        QTimer.singleShot(int(IDLE_SECONDS * 1000), end)

    def end():
        cpu = time.process_time() - marks["cpu"]
        wall = time.monotonic() - marks["wall"]
        report = {
            "cpu_s": cpu, "wall_s": wall, "queries": scheduler.queries - marks["queries"],
            "wakeups": resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw - marks["ctx"],
            "remaining_s": scheduler.remaining_ms() / 1000,
            "next_in_s": (scheduler.next_alarm - datetime.now()).total_seconds() if scheduler.next_alarm else -1,
            "start_ms": start_ms,
        }
        print(RESULT_MARKER + json.dumps(report), flush=True)
        scheduler.stop()
        app.quit()

    QTimer.singleShot(int(SETTLE_SECONDS * 1000), begin)
    app.exec()
    office.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(child(Path(sys.argv[2])))
    sys.exit("usage: python -m bench.reminders_idle --child DB (run through python -m bench)")
