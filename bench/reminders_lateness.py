"""Alarm lateness on the wall clock: 50 reminders 2 s apart (the first 3 s from now) on a copy of
the N-reminder demo database (default 100,000; every other alarm an hour away), with the real
``AlarmScheduler`` and the real popup offscreen, in a child process. For each alarm: when the
popup got it (the scheduler's ``rang`` signal, emitted once the popup holds it) minus its
time. The aim: at most 1 s late, every one. The bell is a silent stand-in (no sound device).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import BenchResult, aim, last_line, log, median, p95, run_process
from bench.reminders_alarm import reminders_database
from bench.reminders_idle import quiet_for_an_hour, remove

NAME = "reminders-lateness"
ALARMS = 50
SPACING_S = 2
FIRST_IN_S = 3
AIM_S = 1.0
RESULT_MARKER = "reminders-lateness-result "


def run(ctx) -> BenchResult:
    n = ctx.reminders
    result = BenchResult(f"{NAME}: {ALARMS} alarms {SPACING_S} s apart on {n:,} reminders (real clock, offscreen child)")
    db = reminders_database(ctx, result, NAME)
    if db is None:
        return result
    log(f"[{NAME}] preparing a copy with every other alarm an hour away (untimed)…")
    copy = quiet_for_an_hour(db, NAME)
    try:
        log(f"[{NAME}] {ALARMS} alarms, about {FIRST_IN_S + ALARMS * SPACING_S} s…")
        done = run_process([sys.executable, "-m", "bench.reminders_lateness", "--child", str(copy)],
                           ctx.env(QT_QPA_PLATFORM="offscreen"), marker=RESULT_MARKER,
                           timeout=FIRST_IN_S + ALARMS * SPACING_S + 120)
    finally:
        remove(copy)
    if not done.marker_line:
        result.available = False
        reason = "timed out" if done.timed_out else last_line(done.stderr) or f"exit code {done.returncode}"
        result.notes.append(f"the scheduler child failed: {reason}")
        return result
    data = json.loads(done.marker_line[len(RESULT_MARKER):])
    late = data["lateness_s"]
    result.add("alarms rung", len(late), "", f"of {ALARMS}; {data['missed']} listed as missed, {data['batches']} batches")
    if late:
        result.add("lateness: median", round(median(late), 3), "s")
        result.add("lateness: p95", round(p95(late), 3), "s", aim(p95(late), AIM_S))
        result.add("lateness: max", round(max(late), 3), "s", aim(max(late), AIM_S))
        result.add("lateness: min", round(min(late), 3), "s", "negative would be early")
    result.add("popup windows", data["popups"], "", "one window collects them all")
    result.add("next-alarm queries", data["queries"], "", "the scheduler's own count")
    return result


# -- the child -------------------------------------------------------------------------------------
class SilentBell:
    def ring(self, sound=None) -> None:
        pass


def child(db: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.office import Office
    from crm_desktop.reminders.model import Reminder
    from crm_desktop.reminders.views import scheduler as scheduler_module

    app = QApplication([sys.argv[0]])
    office = Office(db)
    popups = []

    def popup_factory(office, clock):
        popup = scheduler_module._default_popup(office, clock)
        popups.append(popup)
        return popup

    scheduler = scheduler_module.AlarmScheduler(office, popup_factory=popup_factory, bell=SilentBell())
    first = datetime.now().replace(microsecond=0) + timedelta(seconds=FIRST_IN_S)
    for i in range(ALARMS):
        office.reminders.add(Reminder(subject=f"هشدار آزمایشی {i + 1}", starts_at=first + timedelta(seconds=i * SPACING_S)))
    lateness, missed, batches = [], [0], [0]

    def rang(alarms):
        now = datetime.now()
        batches[0] += 1
        lateness.extend((now - a.alarm_at).total_seconds() for a in alarms)
        if len(lateness) >= ALARMS:
            finish()

    def listed(alarms):
        missed[0] += len(alarms)

    def finish():
        report = {"lateness_s": lateness, "missed": missed[0], "batches": batches[0], "popups": len(popups),
                  "queries": scheduler.queries}
        print(RESULT_MARKER + json.dumps(report), flush=True)
        scheduler.stop()
        app.quit()

    scheduler.rang.connect(rang)
    scheduler.missedListed.connect(listed)
    scheduler.start()
    QTimer.singleShot((FIRST_IN_S + ALARMS * SPACING_S + 15) * 1000, finish)  # a stuck timer still reports
    app.exec()
    office.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(child(Path(sys.argv[2])))
    sys.exit("usage: python -m bench.reminders_lateness --child DB (run through python -m bench)")
