"""Shared helpers for the benchmarks: running a real process and timing it, summary statistics,
file sizes, and printing a plain table of figures."""

from __future__ import annotations

import os
import queue
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


# -- figures --------------------------------------------------------------------------------------
@dataclass
class Figure:
    name: str  # "wall time"
    value: float | int | str | None
    unit: str = ""  # "s", "MiB", "×", ""
    note: str = ""  # "aim ≤ 1 s: met"

    def shown(self) -> str:
        value = self.value
        if value is None:
            return "—"
        if isinstance(value, float):
            digits = {"s": 3, "MiB": 1, "×": 2}.get(self.unit, 3 if abs(value) < 10 else 1)
            text = f"{value:,.{digits}f}"
        elif isinstance(value, int):
            text = f"{value:,}"
        else:
            text = str(value)
        return f"{text} {self.unit}".rstrip()


@dataclass
class BenchResult:
    name: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    available: bool = True

    def add(self, name, value, unit="", note="") -> Figure:
        figure = Figure(name, value, unit, note)
        self.figures.append(figure)
        return figure

    def to_json(self) -> dict:
        return {
            "available": self.available,
            "figures": {f.name: {"value": f.value, "unit": f.unit, **({"note": f.note} if f.note else {})} for f in self.figures},
            "notes": self.notes,
        }


def print_table(result: BenchResult, out=None) -> None:
    out = out or sys.stdout
    print(f"\n== {result.name} ==", file=out)
    if result.figures:
        width = max(len(f.name) for f in result.figures)
        value_width = max(len(f.shown()) for f in result.figures)
        for f in result.figures:
            line = f"  {f.name:<{width}}  {f.shown():>{value_width}}"
            if f.note:
                line += f"   {f.note}"
            print(line, file=out)
    for note in result.notes:
        print(f"  note: {note}", file=out)
    out.flush()


# -- statistics -----------------------------------------------------------------------------------
def median(values) -> float | None:
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def percentile(values, p: float) -> float | None:
    """Nearest-rank percentile (p in 0–100): p95 of 5 runs is the slowest."""
    values = sorted(values)
    if not values:
        return None
    rank = max(1, -(-len(values) * p // 100))  # ceil
    return values[int(rank) - 1]


def p95(values) -> float | None:
    return percentile(values, 95)


def aim(value, limit, unit="s") -> str:
    if value is None:
        return ""
    return f"aim ≤ {limit:g} {unit}: {'met' if value <= limit else 'MISSED'}".replace(" ×", "×")


# -- files ----------------------------------------------------------------------------------------
def database_bytes(path) -> int:
    """The database with its -wal and -shm files (what the operator's disk holds)."""
    total = 0
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            total += candidate.stat().st_size
    return total


def workdir(keep_in=None) -> Path:
    if keep_in:
        path = Path(keep_in)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="crm-bench-"))


# -- processes ------------------------------------------------------------------------------------
def child_env(home, **extra) -> dict:
    """The environment for a benchmarked process: this checkout importable, UTF-8 output, its
    own data folder (never the developer's), no screen."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONIOENCODING"] = "utf-8"
    env["CRM_DESKTOP_HOME"] = str(home)
    env.update({key: str(value) for key, value in extra.items()})
    return env


@dataclass
class Run:
    returncode: int | None
    wall: float  # spawn until exit (or until killed)
    stdout: str
    stderr: str
    marker_at: float | None = None  # spawn until the marker line was read
    marker_line: str = ""
    max_rss_mib: float | None = None
    timed_out: bool = False


def run_process(command, env, *, marker: str | None = None, timeout: float = 600, cwd=ROOT) -> Run:
    """Run ``command``; time it from just before spawn until it exits, and until a stdout line
    starting with ``marker`` is read (if given). Past ``timeout`` the process is killed.
    stderr goes to a file (a chatty child can never block on a full pipe)."""
    with tempfile.TemporaryFile() as err:
        lines: queue.Queue = queue.Queue()
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=err)

        def read() -> None:
            for raw in process.stdout:
                lines.put((time.perf_counter(), raw.decode("utf-8", "replace")))
            lines.put((time.perf_counter(), None))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        out: list[str] = []
        marker_at = None
        marker_line = ""
        timed_out = False
        deadline = started + timeout
        while True:
            try:
                at, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                timed_out = True
                process.kill()
                break
            if line is None:
                break
            out.append(line)
            if marker and marker_at is None and line.startswith(marker):
                marker_at, marker_line = at - started, line.strip()
        rss = None
        if hasattr(os, "wait4"):  # reap it ourselves: its own peak memory comes with it
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    process.returncode = os.waitstatus_to_exitcode(status)
                    rss = usage.ru_maxrss / 1024  # KiB on Linux
                    break
                if time.perf_counter() > deadline:
                    timed_out = True
                    process.kill()
                    deadline = float("inf")
                time.sleep(0.002)
        else:
            try:
                process.wait(timeout=max(0.0, deadline - time.perf_counter()))
            except subprocess.TimeoutExpired:
                timed_out = True
                process.kill()
                process.wait()
        wall = time.perf_counter() - started
        reader.join(timeout=5)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(process.returncode, wall, "".join(out), stderr, marker_at, marker_line, rss, timed_out)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def log(message: str) -> None:
    """Progress chatter: stderr, so ``--json`` output stays clean."""
    print(message, file=sys.stderr, flush=True)


def count_rows(path: Path, table: str) -> int | None:
    """Rows of ``table`` in a database file (None when it is missing, not a database, or has no
    such table): whether a cached demo database can be reused."""
    if not Path(path).exists():
        return None
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def count_contacts(path: Path) -> int | None:
    """Contacts in a database file (None when it is missing or not a database)."""
    return count_rows(path, "contacts")


# -- the app window in a benchmark child (Qt imported only when used) ------------------------------
PAINT_TIMEOUT_S = 10


def status_mib(field: str) -> float:
    """``VmRSS`` / ``VmHWM`` of this process from /proc/self/status, in MiB (elsewhere: the peak
    RSS from getrusage)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_until(app, done, timeout: float = PAINT_TIMEOUT_S) -> bool:
    """Process Qt events until ``done()`` is true (False if ``timeout`` seconds pass first)."""
    deadline = time.perf_counter() + timeout
    while not done():
        app.processEvents()
        if time.perf_counter() > deadline:
            return False
    return True


class PaintWatch:
    """Counts a widget's paint events; ``wait()`` processes events until one has been handled."""

    def __init__(self, app, widget):
        from PySide6.QtCore import QEvent, QObject

        watch = self

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() == QEvent.Paint:
                    watch.paints += 1
                return False

        self.app = app
        self.widget = widget
        self.paints = 0
        self.filter = Filter()
        widget.installEventFilter(self.filter)

    def wait(self, since: int) -> bool:
        """Process events until a paint after ``since`` has run (its handler returned); past
        PAINT_TIMEOUT_S the widget is repainted by hand and False returned."""
        if process_until(self.app, lambda: self.paints > since):
            return True
        self.widget.repaint()
        return False


def start_app_window(db):
    """The real app window on ``db`` the way ``python -m crm_desktop gui`` builds it
    (setup_application + AppController.start, no single-instance server, the daily auto-backup
    left out), once it has painted and its start-up check has finished: (app, controller, window).
    Exits the child with code 1 if the app does not start."""
    from crm_desktop.app import setup_application
    from crm_desktop.shell.controller import AppController

    app = setup_application([sys.argv[0]])
    controller = AppController(app, db)
    controller.auto_backup = lambda: None  # the daily backup: not what is measured here
    if not controller.start(single_instance=False):
        print(f"the app did not start (exit code {controller.exit_code})", file=sys.stderr)
        raise SystemExit(1)
    window = controller.window
    deadline = time.perf_counter() + 120
    while not getattr(window, "_painted", True) and time.perf_counter() < deadline:  # the first paint
        app.processEvents()
    wait_for_workers(app, deadline)  # the start-up check
    return app, controller, window


def wait_for_workers(app, deadline: float) -> None:
    """Process events until the app's background jobs are done (or ``deadline``), then settle."""
    from crm_desktop.ui.ops import default_runner

    while default_runner().running() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)
    for _ in range(20):
        app.processEvents()
