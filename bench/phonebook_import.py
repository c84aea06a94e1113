"""Contacts export and import, as real processes on real files.

A demo database of N contacts (default 100,000; ``--contacts`` smaller lowers it) is made
untimed, then exported with ``export contacts`` to CSV, vCard and XLSX (each timed), and each
file is imported with ``import contacts`` into a fresh, already created database (timed). The
import aim is CSV ≤ 4 s at 100,000; the others are measured. Figures: wall time (spawn → exit),
the command's own time (its --json ``seconds``), contacts per second, file size.

    python -m bench --only phonebook-import [--contacts N] [--workdir DIR]
    python -m bench.phonebook_import [--contacts N] [--workdir DIR]     (this one alone)
"""

from __future__ import annotations

import json
import sys

from bench.common import MIB, BenchResult, aim, last_line, log, run_process

NAME = "phonebook-import"
CONTACTS = 100_000
CSV_AIM_S = 4.0
FORMATS = ("csv", "vcf", "xlsx")


def _cli(db, *args) -> list[str]:
    return [sys.executable, "-m", "crm_desktop", "--db", str(db), *map(str, args)]


def _fresh(ctx, path):
    for suffix in ("", "-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.unlink()
    # an empty book: no demo contacts, and none of the demo records that would need them
    empty = ("--contacts", "0", "--reminders", "0", "--cheques", "0", "--files", "0", "--attendance-months", "0")
    return run_process(_cli(path, "demo-data", *empty, "--json"), ctx.env(), timeout=120)


def _json(run) -> dict:
    try:
        return json.loads(run.stdout)
    except ValueError:
        return {}


def _failed(run) -> str:
    return "timed out" if run.timed_out else last_line(run.stderr) or f"exit code {run.returncode}"


def run(ctx) -> BenchResult:
    from bench import demo_data

    n = min(ctx.contacts, CONTACTS)
    result = BenchResult(f"{NAME}: export and import of {n:,} contacts (python -m crm_desktop, real processes)")
    source = ctx.workdir / f"phonebook-source-{n}.sqlite3"
    log(f"[{NAME}] preparing {source} ({n:,} demo contacts, untimed)…")
    made = demo_data.make_database(ctx, source, n)
    if made.returncode != 0:
        result.available = False
        result.notes.append(f"demo-data failed: {_failed(made)}")
        return result
    timeout = ctx.timeout_for(n) * 2
    files = {}
    for fmt in FORMATS:
        out = ctx.workdir / f"contacts-{n}.{fmt}"
        log(f"[{NAME}] export {fmt}…")
        done = run_process(_cli(source, "export", "contacts", "--format", fmt, "--out", out, "--json"), ctx.env(),
                           timeout=timeout)
        if done.returncode != 0:
            result.notes.append(f"export {fmt} failed: {_failed(done)}")
            continue
        files[fmt] = out
        seconds = _json(done).get("seconds")
        result.add(f"export {fmt}: wall time", done.wall, "s", "spawn → exit")
        result.add(f"export {fmt}: in-process", seconds, "s")
        result.add(f"export {fmt}: file size", round(out.stat().st_size / MIB, 1), "MiB")
    for fmt, path in files.items():
        target = ctx.workdir / f"imported-{fmt}.sqlite3"
        prepared = _fresh(ctx, target)
        if prepared.returncode != 0:
            result.notes.append(f"could not create {target}: {_failed(prepared)}")
            continue
        log(f"[{NAME}] import {fmt}…")
        done = run_process(_cli(target, "import", "contacts", path, "--json"), ctx.env(), timeout=timeout)
        if done.returncode != 0:
            result.notes.append(f"import {fmt} failed: {_failed(done)}")
            continue
        summary = _json(done)
        note = aim(done.wall, CSV_AIM_S) if fmt == "csv" else "measured"
        result.add(f"import {fmt}: wall time", done.wall, "s", note)
        result.add(f"import {fmt}: in-process", summary.get("seconds"), "s", "read, check, insert, index, commit")
        result.add(f"import {fmt}: contacts per second", round(n / done.wall) if done.wall else None)
        if done.max_rss_mib is not None:
            result.add(f"import {fmt}: peak memory", round(done.max_rss_mib, 1), "MiB")
        added, skipped, rejected = summary.get("added"), summary.get("skipped"), summary.get("rejected")
        result.add(f"import {fmt}: added / skipped / rejected", f"{added:,} / {skipped:,} / {rejected:,}"
                   if None not in (added, skipped, rejected) else None)
    result.notes.append("skipped rows are demo contacts that drew the same random mobile number")
    return result


def main(argv=None) -> int:
    import argparse
    import shutil

    from bench.__main__ import Context
    from bench.common import print_table

    parser = argparse.ArgumentParser(prog="python -m bench.phonebook_import")
    parser.add_argument("--contacts", type=int, default=CONTACTS)
    parser.add_argument("--workdir")
    args = parser.parse_args(argv)
    ctx = Context(argparse.Namespace(contacts=args.contacts, runs=1, workdir=args.workdir, db=None))
    try:
        print_table(run(ctx))
    finally:
        if not args.workdir:
            shutil.rmtree(ctx.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
