"""The phonebook search line at N contacts: for every keystroke of realistic typed queries (name
prefixes growing letter by letter, phone fragments in every writing, organisation words, a group
filter), the time from the new text to the table's data — ``count`` plus the first page of 200
rows, in-process, the way the table asks for them. Also the search index's build time and size.

The database is made with ``python -m crm_desktop demo-data`` (a real process), or reused: the one
the demo-data benchmark just made, or ``phonebook-search-N.sqlite3`` in --workdir from an earlier
run. If demo-data left the search index behind (contacts added after it), it is rebuilt here and
timed. A group holding every tenth contact is added once for the group-filter queries.
"""

from __future__ import annotations

import sys
import time

from bench.common import MIB, BenchResult, aim, database_bytes, log, median, p95
from bench import demo_data

NAME = "phonebook-search"
PAGE = 200
AIM_MS = 30
GROUP_NAME = "بنچمارک"

# What an operator types, one keystroke at a time (each string is typed from its first letter).
TYPED = (
    "محمد رضایی", "علی‌پور", "علي", "ژیان", "یزدانی", "پورمحمدی", "اکبری م",
    "شرکت مهندسی", "بانک ملت", "داروخانه", "کارشناس فروش",
    "0912 123 4567", "+98 935 1", "۰۹۱۲۷", "00989", "021 8877", "4567", "98912",
    "gmail", "info@", "رضایی 0912",
)
IN_GROUP = ("", "ع", "علی", "0912", "شرکت")


def keystrokes(typed=TYPED) -> list[str]:
    """Every prefix of every typed string (spaces included, as the search line sees them)."""
    out = []
    for text in typed:
        out.extend(text[:i] for i in range(1, len(text) + 1) if not text[:i].endswith(" "))
    return out


def index_bytes(conn) -> int:
    return conn.execute(
        "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'contact_search%' "
        "OR name LIKE 'contact_words%' OR name LIKE 'contact_numbers%'"
    ).fetchone()[0]


def run(ctx) -> BenchResult:
    n = ctx.contacts
    result = BenchResult(f"{NAME}: {n:,} contacts (count + first {PAGE} rows per keystroke, in-process)")
    db, fresh = demo_data.demo_database(ctx, n, result, NAME, (f"phonebook-search-{n}.sqlite3",))
    if db is None:
        return result
    from crm_desktop.phonebook import search_index
    from crm_desktop.phonebook.repo import Phonebook, SearchQuery
    from crm_desktop.storage.db import open_database

    conn = open_database(db)
    try:
        book = Phonebook(conn)
        if fresh or search_index.is_stale(conn):
            log(f"[{NAME}] timing a rebuild of the search index…")
            started = time.perf_counter()
            book.rebuild_search_index()
            result.add("index build", time.perf_counter() - started, "s", "rebuild_search_index, all contacts")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        index = index_bytes(conn)
        size = database_bytes(db)
        result.add("database size without index", round((size - index) / MIB, 1), "MiB")
        result.add("database size with index", round(size / MIB, 1), "MiB")
        result.add("search index size", round(index / MIB, 1), "MiB",
                   "contact_search + contact_words + contact_numbers (dbstat)")
        groups = [g for g in book.groups() if g.name == GROUP_NAME]
        if groups:
            group_id = groups[0].id
        else:
            log(f"[{NAME}] adding every tenth contact to a group…")
            started = time.perf_counter()
            group_id = book.add_group(GROUP_NAME, "#1f6f8b")
            ids = [r[0] for r in conn.execute("SELECT id FROM contacts WHERE id % 10 = 0")]
            book.add_to_group(ids, group_id)
            result.add("add to group", time.perf_counter() - started, "s", f"{len(ids):,} contacts, re-indexed")

        sequence = [(text, None) for text in keystrokes()] + [(text, group_id) for text in IN_GROUP]
        timings: list[tuple[float, str, int | None, int]] = []
        first_pass: list[float] = []
        for run_index in range(max(1, ctx.runs)):
            book = Phonebook(conn)  # a fresh one: no counts remembered from the run before
            for text, group in sequence:
                query = SearchQuery(text, group)
                started = time.perf_counter()
                total = book.count(query)
                book.rows(query, 0, PAGE)
                ms = (time.perf_counter() - started) * 1000
                timings.append((ms, text, group, total))
                if run_index == 0:
                    first_pass.append(ms)
        values = [t[0] for t in timings]
        worst = p95(values)
        result.add("keystrokes", len(sequence), "", f"× {max(1, ctx.runs)} runs")
        result.add("p50", round(median(values), 2), "ms")
        result.add("p95", round(worst, 2), "ms", aim(worst, AIM_MS, "ms"))
        result.add("max", round(max(values), 2), "ms")
        result.add("first run p95", round(p95(first_pass), 2), "ms", "cold caches")
        for offset in (10_000, 100_000):
            if offset < n:
                query = SearchQuery("م")
                started = time.perf_counter()
                book.rows(query, offset, PAGE)
                result.add(f"page at {offset:,} («م»)", round((time.perf_counter() - started) * 1000, 2), "ms",
                           "a scroll far down the list")
        slowest = sorted(timings, reverse=True)[:5]
        result.notes.append("slowest: " + "; ".join(
            f"{text!r}{' +group' if group else ''} {ms:.1f} ms ({total:,})" for ms, text, group, total in slowest))
    finally:
        conn.close()
    return result


if __name__ == "__main__":  # python -m bench.phonebook_search [--contacts N] [--workdir DIR]
    from bench.__main__ import Context, parse_args
    from bench.common import print_table

    import shutil

    args = parse_args(sys.argv[1:])
    context = Context(args)
    try:
        print_table(run(context))
    finally:
        if not args.workdir:
            shutil.rmtree(context.workdir, ignore_errors=True)
