"""demo-data for N contacts, as a real process: wall time, file size, peak memory."""

from __future__ import annotations

import json
import sys

from pathlib import Path

from bench.common import MIB, BenchResult, count_contacts, database_bytes, last_line, log, run_process

NAME = "demo-data"


def command(db, contacts: int) -> list[str]:
    return [sys.executable, "-m", "crm_desktop", "--db", str(db), "demo-data", "--contacts", str(contacts), "--json"]


def make_database(ctx, db, contacts: int):
    """Fill a fresh database at ``db``; returns the Run."""
    for suffix in ("", "-wal", "-shm"):
        stale = db.with_name(db.name + suffix)
        if stale.exists():
            stale.unlink()
    return run_process(command(db, contacts), ctx.env(), timeout=ctx.timeout_for(contacts))


def run(ctx) -> BenchResult:
    n = ctx.contacts
    result = BenchResult(f"{NAME}: {n:,} contacts (python -m crm_desktop demo-data, a real process)")
    db = ctx.workdir / f"demo-{n}.sqlite3"
    log(f"[{NAME}] filling {db} with {n:,} contacts…")
    done = make_database(ctx, db, n)
    if done.returncode != 0:
        result.available = False
        reason = "timed out" if done.timed_out else last_line(done.stderr) or f"exit code {done.returncode}"
        result.notes.append(f"demo-data failed: {reason}")
        return result
    report = json.loads(done.stdout)
    made = report.get("contacts", {})
    size = database_bytes(db)
    result.add("wall time", done.wall, "s", "spawn → exit; aim: well under 60 s at 1,000,000")
    result.add("in-process time", report.get("seconds"), "s", "fill_demo, as the command reports it")
    result.add("contacts per second", round(n / done.wall) if done.wall else None)
    result.add("database size", round(size / MIB, 1), "MiB", "file + -wal + -shm after exit")
    result.add("bytes per contact", round(size / n) if n else None, "B")
    if done.max_rss_mib is not None:
        result.add("peak memory", round(done.max_rss_mib, 1), "MiB", "max RSS of the process")
    for key in ("phones", "emails", "addresses"):
        result.add(key, made.get(key))
    ctx.database = db
    ctx.database_contacts = n
    return result


def demo_database(ctx, n: int, result: BenchResult, name: str, cached: tuple[str, ...]) -> tuple[Path | None, bool]:
    """The N-contact database a benchmark works on, and whether it was made just now: this run's
    demo database, one cached in the work folder under a name in ``cached``, or a new one (only
    files in the work folder: a --db is never written to)."""
    made = getattr(ctx, "database", None)
    if made is not None and Path(made).resolve().parent == ctx.workdir.resolve() and ctx.database_contacts == n:
        result.notes.append(f"database: this run's demo database ({Path(made).name})")
        return Path(made), False
    for cached_name in cached:
        db = ctx.workdir / cached_name
        if count_contacts(db) == n:
            result.notes.append(f"database: reused {db}")
            return db, False
    db = ctx.workdir / cached[0]
    log(f"[{name}] making {db} ({n:,} contacts, untimed)…")
    done = make_database(ctx, db, n)
    if done.returncode != 0:
        reason = "timed out" if done.timed_out else last_line(done.stderr) or f"exit code {done.returncode}"
        result.available = False
        result.notes.append(f"demo-data failed: {reason}")
        return None, False
    return db, True
