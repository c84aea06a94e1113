"""Ordinals by search rank for the orders that sort by a value, then by the name (SQL, used by
repo_order.py): the organisation, a custom field.

FTS5 gives a search's matches as *ranks* (search_index.py: places in name order). Within one
organisation (one custom value) those orders are the name order, so a match's place is
(ordinal of its value, rank); contacts without a value come after, in rank order. A TEMP table
``order_ranks_<name>`` holds (rank, ordinal) for every indexed contact with a value, so the first
page of a search in such an order is one pass over FTS5's matches with one lookup each in a
small table (≈0.25 µs a match, instead of ≈3.5 µs joining contacts and sorting), kept to the
page by SQLite's sorter. Its index on the ordinal (SQLite adds the rank: the rowid) is the order
itself: a walk down it that tests each contact's search documents (repo_order.py) reads a row
in ≈1.4 µs, half what a walk down the contacts' own index costs.

``order_values_<name>`` gives each distinct value an ordinal with room between neighbours
(``SPACING`` times its first contact's place at build time, so an ordinal also tells roughly how
far down the order it is). Nothing is written to the database file: the tables live in this
connection's TEMP schema, are built on first use (≈1.5 s for the organisations of a million
contacts) and kept in step by TEMP triggers on contact_search, contacts and contact_custom_values
for this connection's writes. Another connection's commit (PRAGMA data_version changes), or a new
value finding no room between its neighbours, makes the next use build them again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable

SPACING = 1 << 20
MAX_BUILT = 3  # orders kept at once (each ≈40 bytes a valued contact in TEMP pages: table, index, values)
SAMPLE_RUNS = 8  # places along the ranks a sample of matches is taken from
TEMP_CACHE_KIB = 32 * 1024  # TEMP page cache (a million contacts' organisations: 21 MiB); more spills to a temp file
META = "order_ranks_meta"  # unqualified: a trigger may not name a schema in what it writes


@dataclass(frozen=True)
class Source:
    """Where an order's values come from. ``value`` is an SQL expression of ``{cid}``, a contact
    id: its value, NULL when it has none."""

    name: str
    values: str  # (value, contacts with it), by value
    fill: str  # (rank, value) of every indexed contact with a value
    value: str
    triggers: tuple  # (event, WHEN or '', contact id expressions whose value may have changed)

    @property
    def ranks(self) -> str:
        return f"order_ranks_{self.name}"

    @property
    def ordinals(self) -> str:
        return f"order_values_{self.name}"

    @property
    def by_ordinal(self) -> str:
        """The index of ``ranks`` by (ordinal, rank): the valued contacts in the order."""
        return f"order_ranks_{self.name}_by_ord"


def source_for(key: str) -> Source | None:
    """The source of an order key (``organisation``, ``custom:<id>``); None for the others."""
    if key == "organisation":
        return Source(
            "organisation",
            "SELECT organisation_key, count(*) FROM contacts WHERE organisation_key > '' "
            "GROUP BY organisation_key ORDER BY organisation_key",
            "SELECT s.rank AS rank, c.organisation_key AS value FROM contacts c INDEXED BY contacts_by_organisation "
            "JOIN contact_search s ON s.contact_id = c.id WHERE c.organisation_key > ''",
            "(SELECT organisation_key FROM main.contacts WHERE id = {cid} AND organisation_key > '')",
            (("INSERT ON main.contacts", "", ("NEW.id",)),
             ("DELETE ON main.contacts", "", ("OLD.id",)),
             ("UPDATE OF organisation_key ON main.contacts", "NEW.organisation_key IS NOT OLD.organisation_key",
              ("NEW.id",))))
    if key.startswith("custom:") and key[7:].isdigit():
        field = int(key[7:])
        # a NULL sort value (none is written) sorts first, as -Inf does: the table holds no NULLs
        value = "coalesce(sort_value, -9e999)"
        return Source(
            f"custom_{field}",
            f"SELECT {value} AS x, count(*) FROM contact_custom_values WHERE field_id = {field} GROUP BY x ORDER BY x",
            f"SELECT s.rank AS rank, {value.replace('sort_value', 'v.sort_value')} AS value "
            "FROM contact_custom_values v "
            f"JOIN contact_search s ON s.contact_id = v.contact_id WHERE v.field_id = {field}",
            f"(SELECT {value} FROM main.contact_custom_values WHERE contact_id = {{cid}} AND field_id = {field})",
            (("INSERT ON main.contact_custom_values", f"NEW.field_id = {field}", ("NEW.contact_id",)),
             ("DELETE ON main.contact_custom_values", f"OLD.field_id = {field}", ("OLD.contact_id",)),
             ("UPDATE OF contact_id, field_id, sort_value ON main.contact_custom_values",
              f"OLD.field_id = {field} OR NEW.field_id = {field}", ("OLD.contact_id", "NEW.contact_id"))))
    return None


# -- keeping them in step ------------------------------------------------------------------------
def _add(src: Source, cid: str, rank: str) -> str:
    """Statements giving contact ``cid`` at ``rank`` its row. A new value first gets an ordinal
    halfway between its neighbours'; with no room left, the order is marked stale."""
    value = src.value.format(cid=cid)
    v, room = src.ordinals, 2 * SPACING
    below = f"(SELECT ord FROM {v} WHERE value < x ORDER BY value DESC LIMIT 1)"
    above = f"(SELECT ord FROM {v} WHERE value > x ORDER BY value LIMIT 1)"
    return f"""
INSERT INTO {v} (value, ord)
SELECT x, CASE WHEN hi - lo >= 2 THEN (lo + hi) / 2 ELSE lo END FROM (
    SELECT x, coalesce(lo0, hi0 - {room}, 0) AS lo, coalesce(hi0, lo0 + {room}, {room}) AS hi FROM (
        SELECT x, {below} AS lo0, {above} AS hi0
        FROM (SELECT {value} AS x) WHERE x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {v} WHERE value = x)));
UPDATE {META} SET stale = 1 WHERE name = '{src.name}' AND EXISTS (
    SELECT 1 FROM (SELECT x, (SELECT ord FROM {v} WHERE value = x) AS mine
                   FROM (SELECT {value} AS x) WHERE x IS NOT NULL)
    WHERE mine <= {below} OR mine >= {above});
INSERT OR REPLACE INTO {src.ranks} (rank, ord)
SELECT r, (SELECT ord FROM {v} WHERE value = x) FROM (SELECT {rank} AS r, {value} AS x)
WHERE r IS NOT NULL AND x IS NOT NULL;"""


def _refresh(src: Source, cid: str) -> str:
    rank = f"(SELECT rank FROM main.contact_search WHERE contact_id = {cid})"
    return f"DELETE FROM {src.ranks} WHERE rank = {rank};" + _add(src, cid, rank)


def _trigger_sql(src: Source) -> list[str]:
    name = f"order_ranks_{src.name}"
    out = [
        f"CREATE TEMP TRIGGER {name}_t1 AFTER INSERT ON main.contact_search BEGIN"
        f"{_add(src, 'NEW.contact_id', 'NEW.rank')}\nEND",
        f"CREATE TEMP TRIGGER {name}_t2 AFTER DELETE ON main.contact_search BEGIN "
        f"DELETE FROM {src.ranks} WHERE rank = OLD.rank; END",
        f"CREATE TEMP TRIGGER {name}_t3 AFTER UPDATE OF rank, contact_id ON main.contact_search "
        f"WHEN NEW.rank IS NOT OLD.rank OR NEW.contact_id IS NOT OLD.contact_id BEGIN "
        f"DELETE FROM {src.ranks} WHERE rank = OLD.rank;{_add(src, 'NEW.contact_id', 'NEW.rank')}\nEND",
    ]
    for i, (event, when, cids) in enumerate(src.triggers, start=4):
        body = "".join(_refresh(src, cid) for cid in cids)
        out.append(f"CREATE TEMP TRIGGER {name}_t{i} AFTER {event} {'WHEN ' + when if when else ''} "
                   f"BEGIN {body}\nEND")
    return out


def _trigger_names(src: Source) -> list[str]:
    return [f"order_ranks_{src.name}_t{i}" for i in range(1, 4 + len(src.triggers))]


# -- building and dropping -------------------------------------------------------------------------
def _data_version(conn) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]


class _TempWrites:
    """A transaction (or savepoint) for writes to TEMP only: a deferred BEGIN takes no lock on
    the database file, unlike storage.db.transaction's BEGIN IMMEDIATE."""

    def __init__(self, conn):
        self.conn = conn
        self.savepoint = conn.in_transaction

    def __enter__(self):
        self.conn.execute("SAVEPOINT order_ranks" if self.savepoint else "BEGIN")

    def __exit__(self, kind, error, tb):
        if error is None:
            self.conn.execute("RELEASE order_ranks" if self.savepoint else "COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK TO order_ranks" if self.savepoint else "ROLLBACK")
            if self.savepoint:
                self.conn.execute("RELEASE order_ranks")
        return False


def _meta(conn) -> dict[str, tuple]:
    try:
        return {r[0]: r[1:] for r in conn.execute(f"SELECT name, data_version, stale, built FROM {META}")}
    except sqlite3.OperationalError:  # not made on this connection yet
        return {}


def _source_named(name: str) -> Source:
    return source_for("organisation" if name == "organisation" else f"custom:{name[len('custom_'):]}")


def _drop(conn, src: Source) -> None:
    for trigger in _trigger_names(src):
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{trigger}")
    conn.execute(f"DROP TABLE IF EXISTS temp.{src.ranks}")
    conn.execute(f"DROP TABLE IF EXISTS temp.{src.ordinals}")
    conn.execute(f"DELETE FROM {META} WHERE name = ?", (src.name,))


def drop_all(conn) -> None:
    """Forget every order's tables and triggers (before a bulk rewrite of the search index on
    this connection: triggers firing for a million rows would slow it down)."""
    names = list(_meta(conn))
    if not names:
        return
    try:
        with _TempWrites(conn):
            for name in names:
                _drop(conn, _source_named(name))
    except sqlite3.OperationalError:  # a statement of this connection still reading: the triggers stay
        pass


def _build(conn, src: Source) -> None:
    version = _data_version(conn)  # read first: a commit in between only means one more build
    conn.execute(f"PRAGMA temp.cache_size = -{TEMP_CACHE_KIB}")
    with _TempWrites(conn):
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {META} (name TEXT PRIMARY KEY, data_version INTEGER, "
                     "stale INTEGER, built INTEGER)")
        _drop(conn, src)
        older = sorted(_meta(conn).items(), key=lambda item: item[1][2])
        for name, _ in older[: max(0, len(older) - MAX_BUILT + 1)]:
            _drop(conn, _source_named(name))
        conn.execute(f"CREATE TEMP TABLE {src.ordinals} (value PRIMARY KEY, ord INTEGER) WITHOUT ROWID")
        conn.execute(f"CREATE TEMP TABLE {src.ranks} (rank INTEGER PRIMARY KEY, ord INTEGER)")
        ordinals, place = [], 0
        for value, count in conn.execute(src.values):
            ordinals.append((value, place * SPACING))
            place += count
        conn.executemany(f"INSERT INTO {src.ordinals} (value, ord) VALUES (?, ?)", ordinals)
        conn.execute(f"INSERT INTO {src.ranks} (rank, ord) SELECT f.rank, o.ord FROM ({src.fill}) AS f "
                     f"JOIN {src.ordinals} o ON o.value = f.value ORDER BY f.rank")
        conn.execute(f"CREATE INDEX temp.{src.by_ordinal} ON {src.ranks} (ord)")  # (ord, rank): rank is the rowid
        for statement in _trigger_sql(src):
            conn.execute(statement)
        built = conn.execute(f"SELECT coalesce(max(built), 0) + 1 FROM {META}").fetchone()[0]
        conn.execute(f"INSERT INTO {META} (name, data_version, stale, built) VALUES (?, ?, 0, ?)",
                     (src.name, version, built))


def is_ready(conn, src: Source) -> bool:
    """The order's tables exist and hold the current data."""
    found = _meta(conn).get(src.name)
    return found is not None and not found[1] and found[0] == _data_version(conn)


def ensure(conn, src: Source, before_build: Callable[[], object] | None = None) -> None:
    """Build the order's tables unless they hold the current data; ``before_build()`` is called
    first when they are built (the UI shows a busy cursor: ≈1.5 s at a million contacts)."""
    if not is_ready(conn, src):
        if before_build is not None:
            before_build()
        _build(conn, src)


# -- reading --------------------------------------------------------------------------------------
def _matches_sql(src: Source, plan, select: str, descending: bool, tail: str = "") -> tuple[str, dict]:
    fts = plan.table
    join = f"CROSS JOIN contact_search s ON s.rank = {fts}.rowid " if plan.test else ""
    if descending:
        order = f"o.ord IS NULL, o.ord DESC, CASE WHEN o.ord IS NULL THEN {fts}.rowid ELSE -{fts}.rowid END"
    else:
        order = f"o.ord IS NULL, o.ord, {fts}.rowid"
    sql = (f"SELECT {select} FROM {fts} {join}LEFT JOIN {src.ranks} o ON o.rank = {fts}.rowid "
           f"WHERE {fts} MATCH :match {'AND ' + plan.test if plan.test else ''} ORDER BY {order} {tail}")
    return sql, {**dict(plan.params), "match": plan.match}


def page(conn, src: Source, plan, descending: bool, offset: int, limit: int) -> list[int]:
    """Ranks of a page of a search plan's matches (search_index.Plan) in the order."""
    sql, params = _matches_sql(src, plan, f"{plan.table}.rowid", descending, "LIMIT :limit OFFSET :offset")
    return [r[0] for r in conn.execute(sql, {**params, "limit": limit, "offset": offset})]


def all_ranks(conn, src: Source, plan, descending: bool) -> list[int]:
    """Ranks of every match of a search plan in the order."""
    sql, params = _matches_sql(src, plan, f"{plan.table}.rowid", descending)
    return [r[0] for r in conn.execute(sql, params)]


def sample(conn, src: Source, plan, n: int, low: int, high: int) -> list[tuple[int, int | None]]:
    """(rank, ordinal or None) of about ``n`` of a search plan's matches, taken in runs from
    ``SAMPLE_RUNS`` places spread over the ranks ``low`` … ``high``: the name says little of the
    organisation or a custom value (an organisation's own contact is named after it: a run of
    neighbours in name order is not a fair sample, many runs are)."""
    fts = plan.table
    join = f"CROSS JOIN contact_search s ON s.rank = {fts}.rowid " if plan.test else ""
    sql = (f"SELECT {fts}.rowid, o.ord FROM {fts} {join}LEFT JOIN {src.ranks} o ON o.rank = {fts}.rowid "
           f"WHERE {fts} MATCH :match AND {fts}.rowid >= :start {'AND ' + plan.test if plan.test else ''} "
           f"ORDER BY {fts}.rowid LIMIT :n")
    params = {**dict(plan.params), "match": plan.match, "n": max(1, n // SAMPLE_RUNS)}
    got: dict[int, int | None] = {}
    step = max(1, (high - low) // SAMPLE_RUNS)
    for start in range(low, high + 1, step):
        got.update(conn.execute(sql, {**params, "start": start}).fetchall())
    return list(got.items())


def valued(conn, src: Source) -> int:
    """How many indexed contacts have a value (the first part of the order)."""
    return conn.execute(f"SELECT count(*) FROM {src.ranks}").fetchone()[0]
