"""``python -m bench [--contacts N] [--reminders N] [--cheques N] [--only NAME] [--runs R] [--clock] [--json] [--db PATH]
[--workdir DIR]``

Runs every benchmark (or only one) and prints a table of figures per benchmark, or all figures
as JSON. The real-clock benchmarks (``reminders-idle``: 20 s of an idle scheduler;
``reminders-lateness``: 50 alarms on the wall clock, about 2 minutes) run when named with
--only, or with --clock. Benchmarks run the program as real processes on real files in a scratch folder that is
removed afterwards unless --workdir is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from bench import (attendance_month, cheque_print, cheques_filters, cheques_gui, demo_data, phonebook_gui, phonebook_import,
                   phonebook_search, reminders_alarm, reminders_idle, reminders_lateness, startup)
from bench.common import BenchResult, child_env, count_contacts, log, print_table, workdir

BENCHMARKS = {
    demo_data.NAME: demo_data.run,
    phonebook_search.NAME: phonebook_search.run,
    startup.NAME: startup.run,
    phonebook_gui.NAME: phonebook_gui.run,
    phonebook_import.NAME: phonebook_import.run,
    reminders_alarm.NAME: reminders_alarm.run,
    reminders_idle.NAME: reminders_idle.run,
    reminders_lateness.NAME: reminders_lateness.run,
    cheques_filters.NAME: cheques_filters.run,
    cheque_print.NAME: cheque_print.run,
    cheques_gui.NAME: cheques_gui.run,
    attendance_month.NAME: attendance_month.run,
}
CLOCK_BENCHMARKS = (reminders_idle.NAME, reminders_lateness.NAME)  # wall-clock bound: only on request


class Context:
    """What the benchmarks share: options, the scratch folder, the demo database once made."""

    def __init__(self, args):
        self.args = args
        self.contacts = args.contacts
        self.reminders = args.reminders
        self.cheques = args.cheques
        self.runs = args.runs
        self.workdir = workdir(args.workdir)
        self.home = self.workdir / "home"  # the programs' data folder (CRM_DESKTOP_HOME)
        self.home.mkdir(exist_ok=True)
        self.database: Path | None = Path(args.db) if args.db else None
        self.database_contacts: int | None = count_contacts(self.database) if self.database else None

    def env(self, **extra) -> dict:
        return child_env(self.home, **extra)

    def timeout_for(self, contacts: int) -> float:
        return 120 + contacts / 2000  # ~10 minutes for a million: a broken run, not a slow one

    def startup_database(self) -> Path:
        """The database the start-up benchmark opens: --db, the one demo-data just made, or a
        new one made now (untimed)."""
        if self.database is not None:
            return self.database
        db = self.workdir / f"demo-{self.contacts}.sqlite3"
        log(f"[startup] preparing {db} ({self.contacts:,} contacts, untimed)…")
        done = demo_data.make_database(self, db, self.contacts)
        if done.returncode != 0:
            raise SystemExit(f"bench: could not make the demo database: {done.stderr.strip()[-500:]}")
        self.database, self.database_contacts = db, self.contacts
        return db


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run the crm_desktop benchmarks.")
    parser.add_argument("--contacts", type=int, default=1_000_000, metavar="N", help="demo contacts (default: %(default)s)")
    parser.add_argument("--reminders", type=int, default=100_000, metavar="N",
                        help="demo reminders for the reminder benchmarks (default: %(default)s)")
    parser.add_argument("--cheques", type=int, default=100_000, metavar="N",
                        help="demo cheques for the cheque benchmark (default: %(default)s)")
    parser.add_argument("--clock", action="store_true",
                        help=f"also run the real-clock benchmarks ({', '.join(CLOCK_BENCHMARKS)}) in a full run")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run one benchmark: {', '.join(BENCHMARKS)}")
    parser.add_argument("--runs", type=int, default=5, metavar="R", help="timed runs for start-up (default: %(default)s)")
    parser.add_argument("--db", metavar="PATH", help="start-up on this existing database instead of the demo one")
    parser.add_argument("--workdir", metavar="DIR", help="keep the scratch files here (default: a temporary folder, removed)")
    parser.add_argument("--json", action="store_true", help="print all figures as JSON")
    args = parser.parse_args(argv)
    if args.contacts < 1 or args.runs < 1 or args.reminders < 1 or args.cheques < 1:
        parser.error("--contacts, --reminders, --cheques and --runs must be at least 1")
    return args


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    ctx = Context(args)
    names = [args.only] if args.only else [n for n in BENCHMARKS if args.clock or n not in CLOCK_BENCHMARKS]
    results: list[BenchResult] = []
    started = time.perf_counter()
    try:
        for name in names:
            result = BENCHMARKS[name](ctx)
            results.append(result)
            if not args.json:
                print_table(result)
    finally:
        if not args.workdir:
            shutil.rmtree(ctx.workdir, ignore_errors=True)
    if args.json:
        report = {
            "contacts": args.contacts,
            "reminders": args.reminders,
            "cheques": args.cheques,
            "runs": args.runs,
            "machine": machine(),
            "seconds": round(time.perf_counter() - started, 1),
            "benchmarks": {r.name.split(":")[0]: {"title": r.name, **r.to_json()} for r in results},
        }
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        info = machine()
        print(f"\n(Python {info['python']}, SQLite {info['sqlite']}, {info['cpus']} CPUs, {info['platform']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
