"""Start-up to the first painted main window on the demo database, against a bare PySide6
window started the same way, both under QT_QPA_PLATFORM=offscreen.

The app (``python -m crm_desktop --db X gui``) and bench/bare_window.py print a line
``first-paint …`` after their window's first paint when CRM_DESKTOP_EXIT_AFTER_PAINT=1, then
quit. The figure is the wall time from just before spawning the process until that line is read.
One warm-up run of each (bytecode caches, the OS file cache) is reported apart and left out of
the median and max."""

from __future__ import annotations

import sys

from bench.common import BenchResult, aim, last_line, log, median, run_process

NAME = "startup"
MARKER = "first-paint"
APP_AIM_S = 1.0
RATIO_AIM = 2.5
TIMEOUT_S = 60


def app_command(db) -> list[str]:
    return [sys.executable, "-m", "crm_desktop", "--db", str(db), "gui"]


def bare_command() -> list[str]:
    return [sys.executable, "-m", "bench.bare_window"]


def measure(ctx, command, runs: int):
    """(warm-up seconds, [seconds…], None) or (None, [], why it failed)."""
    env = ctx.env(QT_QPA_PLATFORM="offscreen", CRM_DESKTOP_EXIT_AFTER_PAINT="1")
    times = []
    warm_up = None
    for i in range(runs + 1):
        done = run_process(command, env, marker=MARKER, timeout=TIMEOUT_S)
        if done.marker_at is None:
            if done.timed_out:
                why = f"no '{MARKER}' line within {TIMEOUT_S} s (killed)"
            else:
                why = last_line(done.stderr) or f"exited with code {done.returncode} without a '{MARKER}' line"
            return None, [], why
        if done.returncode not in (0, None):
            return None, [], f"painted, then exited with code {done.returncode}: {last_line(done.stderr)}"
        if i == 0:
            warm_up = done.marker_at
        else:
            times.append(done.marker_at)
    return warm_up, times, None


def run(ctx) -> BenchResult:
    db = ctx.startup_database()
    n = ctx.database_contacts
    label = f"{n:,}-contact database" if n is not None else str(db)
    result = BenchResult(f"{NAME}: spawn → first painted window, {ctx.runs} runs each, offscreen, {label}")
    log(f"[{NAME}] bare PySide6 window ×{ctx.runs + 1}…")
    bare_warm, bare, bare_error = measure(ctx, bare_command(), ctx.runs)
    log(f"[{NAME}] the app ×{ctx.runs + 1}…")
    app_warm, app, app_error = measure(ctx, app_command(db), ctx.runs)

    if app_error is None:
        result.add("app: median", median(app), "s", aim(median(app), APP_AIM_S))
        result.add("app: max", max(app), "s")
        result.add("app: warm-up run", app_warm, "s", "not counted")
    else:
        result.available = False
        result.add("app", "app not available", "", app_error)
    if bare_error is None:
        result.add("bare window: median", median(bare), "s")
        result.add("bare window: max", max(bare), "s")
        result.add("bare window: warm-up run", bare_warm, "s", "not counted")
    else:
        result.add("bare window", "not available", "", bare_error)
    if app_error is None and bare_error is None:
        ratio = median(app) / median(bare)
        result.add("ratio app / bare (medians)", round(ratio, 2), "×", aim(ratio, RATIO_AIM, "×"))
    result.notes.append("figure = wall time from spawn until the 'first-paint' line is read on the pipe")
    return result
