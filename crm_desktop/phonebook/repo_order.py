"""The phonebook table's orders other than the name (SQL, used by ``SearchMixin``): organisation,
last contact, created date and a custom field, each ascending or descending.

Every order is read from an index in that order (migration m0008); the book is never sorted:

* ``organisation``: contacts with one in Persian order of it, then of their names; those
  without one come after them in name order, in both directions;
* ``last_contact``: the oldest first (descending: newest first), at the same time by name; those
  never contacted come after them in name order, in both directions;
* ``created``: oldest first (descending: newest first);
* ``custom:<field id>``: contacts with a value by the value (numbers as numbers, dates by date,
  text and choices in Persian order), equal values in name order; those without a value come
  after them in name order, in both directions.

An order is one or two *parts* read one after the other. A page of the whole book is a LIMIT /
OFFSET on a part's index (the contacts without a custom value: order_blanks.py); the size of the
first part is one count of an index range. With a search or a group a page comes one of two ways:

* **sorted at once**: the matches FTS5 finds are sorted in one query (≈3 µs a match) and the
  ordered ids are kept until the next write, so further pages cost nothing. Used for a few
  matches, or when a walk would read more rows than there are matches;
* **walked**: the order's index is read in order and each row is tested against the query (its
  stored search documents, as search_index's mixed plans do, and its group) until the page is
  full: few rows a match when the matches are a large share of the book.

A walk that runs ``WALK_BUDGET_S`` longer than the matches' share of the book predicts is
stopped: the matches sit together far down the order («شرکت» or «بانک» by organisation). The
first page then comes from a walk that looks each row up in a set of the matches gathered from
FTS5 first (much cheaper a row than testing its documents), and a later page sorts them at once.

The organisation and custom-field orders sort by a value, then by the name, which is FTS5's rank
order: with more than ``RANKED_FROM`` matches (or any, once built) they use order_ranks.py instead
(a TEMP table of each rank's value ordinal): a page is one pass over FTS5's matches, one lookup each
(≈0.25 µs), unless a walk is expected to read fewer than about an eleventh as many rows as there
are matches (a walk down the TEMP table's index by ordinal, ``ranked_order``, costs ≈1.4 µs a row,
and is tried when it should cost under half the look-up: ``RANKED_WALK_MARGIN``; a
sample of the matches tells how far down the order they start; until the table is built — ≈1.5 s
at a million contacts —, a walk down the contacts' index expected to take up to
``UNBUILT_WALK_S``): the walk is tried within twice its estimate and a few milliseconds (at least
half the look-up's), then the matches are looked up. Pages past the first are cut from all the
matches in order, looked up once and kept until the next write.
"""

from __future__ import annotations

import sqlite3
import time
from array import array
from dataclasses import dataclass, field
from typing import Callable

from crm_desktop.phonebook import order_blanks, order_ranks
from crm_desktop.phonebook.search import ParsedQuery
from crm_desktop.phonebook.search_index import contacts_at

SORT_AT_ONCE_UP_TO = 15_000  # matches; ≈50 ms on a million-contact book (≈3.5 µs a match)
WALK_BUDGET_S = 0.03  # a walk may take this much longer than its estimate …
WALK_SECONDS_PER_ROW = 3e-6  # … of this per row it expects to read
PROGRESS_STEP = 2000  # SQLite instructions between two looks at the clock during a walk
RANKED_FROM = 3000  # matches from which the organisation and custom orders build order_ranks' tables …
RANKED_SECONDS_PER_MATCH = 0.25e-6  # … at this cost a match (a walk: WALK_SECONDS_PER_ROW a row, …
RANKED_WALK_SECONDS_PER_ROW = 1.4e-6  # … this down order_ranks.py's TEMP index once it is built)
RANKED_WALK_MARGIN = 2  # once built, a walk is tried when expected to cost less than 1/2 the look-up
RANKED_WALK_SLACK_S = 0.003  # a walk before a ranked look-up may take twice its estimate and this
# (or half the look-up's estimate, if more: a walk slowed down by a busy machine is not given up early)
RANKED_SAMPLE = 1024  # matches whose place in the order predicts a walk's length …
SAMPLE_FROM_S = 0.003  # … when a walk tried on a guess could waste more than this (the sample: ≈1-2 ms)
POSITION_SORT_UP_TO = 200_000  # matches sorted at once (≈3.5 µs each) to find where one contact is
UNBUILT_WALK_S = 0.025  # a walk expected to take up to this is tried rather than build order_ranks' tables


@dataclass(frozen=True)
class Part:
    """Rows of one table, in the order of one of its indexes."""

    table: str  # "contacts c" | "contact_custom_values v" | ranked_order's TEMP table joined to contact_search s
    id: str  # the contact id in it
    where: str  # the rows of this part
    terms: tuple  # ORDER BY: (expression, descending) pairs, the order of …
    index: str  # … this index
    probes: bool = False  # each row is tested against another table (a deep OFFSET is slow)

    def order_by(self, flip: bool = False) -> str:
        return ", ".join(f"{expr} {'DESC' if desc != flip else 'ASC'}" for expr, desc in self.terms)


@dataclass(frozen=True)
class Order:
    parts: tuple
    params: dict = field(default_factory=dict)
    join: str = ""  # what sorting matches at once joins to contacts c
    first: str = ""  # in that join: a row of the first part (two parts)

    def sorted_order_by(self) -> str:
        """ORDER BY over contacts c joined with ``join``: the parts one after the other."""
        if len(self.parts) == 1:
            return self.parts[0].order_by()
        first, rest = self.parts
        head = ", ".join(f"CASE WHEN {self.first} THEN {expr} END {'DESC' if desc else 'ASC'}"
                         for expr, desc in first.terms)
        return f"({self.first}) DESC, {head}, {rest.order_by()}"


_BY_NAME = (("c.sort_key", False), ("c.id", False))


def order_for(key: str, descending: bool) -> Order:
    """The parts of an order key (``organisation``, ``last_contact``, ``created``,
    ``custom:<id>``); ValueError for anything else."""
    d = descending
    if key == "last_contact":
        dated = Part("contacts c", "c.id", "c.last_contact_at IS NOT NULL",
                     (("c.last_contact_at", d), ("c.sort_key", d), ("c.id", d)), "contacts_by_last_contact")
        never = Part("contacts c", "c.id", "c.last_contact_at IS NULL", _BY_NAME, "contacts_by_last_contact")
        return Order((dated, never), first="c.last_contact_at IS NOT NULL")
    if key == "created":
        return Order((Part("contacts c", "c.id", "", (("c.created_at", d), ("c.id", d)), "contacts_by_created"),))
    if key == "organisation":
        named = Part("contacts c", "c.id", "c.organisation_key > ''",
                     (("c.organisation_key", d), ("c.sort_key", d), ("c.id", d)), "contacts_by_organisation")
        blank = Part("contacts c", "c.id", "c.organisation_key = ''", _BY_NAME, "contacts_by_organisation")
        return Order((named, blank), first="c.organisation_key > ''")
    if key.startswith("custom:") and key[7:].isdigit():
        valued = Part("contact_custom_values v", "v.contact_id", "v.field_id = :field",
                      (("v.sort_value", d), ("v.name_key", d), ("v.contact_id", d)), "contact_custom_values_by_field")
        blank = Part("contacts c", "c.id", "NOT EXISTS (SELECT 1 FROM contact_custom_values v "
                     "WHERE v.contact_id = c.id AND v.field_id = :field)", _BY_NAME, "contacts_by_sort_key",
                     probes=True)
        return Order((valued, blank), {"field": int(key[7:])},
                     "LEFT JOIN contact_custom_values v ON v.contact_id = c.id AND v.field_id = :field",
                     "v.contact_id IS NOT NULL")
    raise ValueError(f"unknown order {key!r}")


class Interrupted(Exception):
    """A walk ran past its time budget."""


class Budget:
    """Stops the queries run inside it after ``seconds`` (sqlite3's progress handler)."""

    def __init__(self, conn: sqlite3.Connection, seconds: float | None):
        self.conn = conn
        self.deadline = None if seconds is None else time.perf_counter() + seconds

    def __enter__(self):
        if self.deadline is not None:
            deadline = self.deadline
            self.conn.set_progress_handler(lambda: time.perf_counter() > deadline, PROGRESS_STEP)
        return self

    def __exit__(self, kind, error, tb):
        if self.deadline is not None:
            self.conn.set_progress_handler(None, 0)
        if isinstance(error, sqlite3.OperationalError) and "interrupt" in str(error).lower():
            raise Interrupted() from error
        return False


def _part_sql(part: Part, select: str, condition: str = "", tail: str = "", indexed: bool = False) -> str:
    where = " AND ".join(w for w in (part.where, condition) if w)
    table = f"{part.table} INDEXED BY {part.index}" if indexed else part.table
    return f"SELECT {select} FROM {table} {'WHERE ' + where if where else ''} {tail}"


def _part_page(conn, part: Part, params: dict, offset: int, limit: int, size: int | None,
               condition: str = "", indexed: bool = False) -> list[int]:
    """``limit`` ids of a part from ``offset``; read backwards from the end when that is nearer
    and the part probes another table for each row (``size``: the part's exact size, if known)."""
    if size is not None and part.probes and not condition:  # the whole book: no test of its own
        return order_blanks.blank_page(conn, params["field"], offset, limit, size)
    if size is not None and part.probes and offset > size // 2:
        take = min(limit, size - offset)
        if take <= 0:
            return []
        sql = _part_sql(part, part.id, condition, f"ORDER BY {part.order_by(flip=True)} LIMIT :limit OFFSET :offset")
        rows = [r[0] for r in conn.execute(sql, {**params, "limit": take, "offset": max(0, size - offset - take)})]
        return rows[::-1]
    sql = _part_sql(part, part.id, condition, f"ORDER BY {part.order_by()} LIMIT :limit OFFSET :offset", indexed)
    return [r[0] for r in conn.execute(sql, {**params, "limit": limit, "offset": offset})]


def _parts_page(conn, order: Order, params: dict, offset: int, limit: int, size_of, conditions=None,
                exact: bool = True, indexed: bool = False) -> list[int]:
    """A page across the parts. ``size_of(i)``: part i's size, asked only when the page starts
    past its end (or, with ``exact`` sizes, to read a probing last part from its end)."""
    ids: list[int] = []
    last = len(order.parts) - 1
    for i, part in enumerate(order.parts):
        condition = conditions[i] if conditions else ""
        size = size_of(i) if exact and part.probes and i == last else None
        got = _part_page(conn, part, params, offset, limit, size, condition, indexed)
        ids.extend(got)
        if len(got) == limit or i == last:
            break
        offset = 0 if got else offset - size_of(i)
        limit -= len(got)
    return ids


def _document_tests(parsed: ParsedQuery, params: dict) -> str:
    """An SQL condition on a contact_search row ``s``: its stored documents hold every word
    prefix and number fragment of the query ('' for a query of none)."""
    inner = [parsed.words_test("s.words", params) if parsed.words else "",
             parsed.numbers_test("s.numbers", params) if parsed.numbers else ""]
    return " AND ".join(t for t in inner if t)


def _group_test(parsed: ParsedQuery, contact_id: str, params: dict) -> str:
    if parsed.group_id is None:
        return ""
    params["group"] = parsed.group_id
    return f"EXISTS (SELECT 1 FROM contact_group_members m WHERE m.group_id = :group AND m.contact_id = {contact_id})"


def match_condition(parsed: ParsedQuery, contact_id: str, params: dict) -> str:
    """An SQL condition on a contact id: the contact matches the query (its stored documents
    hold every word prefix and number fragment; it is in the group)."""
    tests = []
    documents = _document_tests(parsed, params)
    if documents:
        tests.append(f"EXISTS (SELECT 1 FROM contact_search s WHERE s.contact_id = {contact_id} AND {documents})")
    group = _group_test(parsed, contact_id, params)
    if group:
        tests.append(group)
    return " AND ".join(tests)


def ranked_order(source, descending: bool) -> Order:
    """An order of order_ranks.py's as two parts of ``contact_search s`` rows: the valued ones
    down the TEMP index by (ordinal, rank), then the others in rank order (name order, in both
    directions). A walk reads the first with one lookup of ``s`` a row instead of two."""
    d = descending
    valued = Part(f"temp.{source.ranks} o INDEXED BY {source.by_ordinal} JOIN contact_search s ON s.rank = o.rank",
                  "s.contact_id", "", (("o.ord", d), ("o.rank", d)), "")  # its index is named in the table
    blank = Part("contact_search s", "s.contact_id", f"NOT EXISTS (SELECT 1 FROM temp.{source.ranks} o "
                 "WHERE o.rank = s.rank)", (("s.rank", False),), "")
    return Order((valued, blank))


def book_position(conn, order: Order, contact_id: int) -> int | None:
    """Where ``contact_id`` is in an order of the whole book: the rows of the parts before its
    own, and the rows before it in its part (a NULL sorts first, as in the index). None when no
    part holds it."""
    before = 0
    for part in order.parts:
        directions = {descending for _, descending in part.terms}
        if len(directions) != 1:
            return None
        if part.probes:  # the contacts without a custom value, in name order (always the last part)
            return _blank_position(conn, order.params["field"], contact_id, before)
        exprs = ", ".join(f"coalesce({expr}, -9e999)" for expr, _ in part.terms)
        params = {**order.params, "cid": contact_id}
        found = conn.execute(_part_sql(part, exprs, f"{part.id} = :cid"), params).fetchone()
        if found is None:
            before += conn.execute(_part_sql(part, "count(*)"), order.params).fetchone()[0]
            continue
        marks = ", ".join(f":k{i}" for i in range(len(found)))
        params.update({f"k{i}": value for i, value in enumerate(found)})
        earlier = f"({exprs}) {'>' if directions.pop() else '<'} ({marks})"
        return before + conn.execute(_part_sql(part, "count(*)", earlier), params).fetchone()[0]
    return None


def _blank_position(conn, field: int, contact_id: int, valued: int) -> int | None:
    """Where a contact without a value of custom field ``field`` is, after the ``valued`` ones:
    the contacts before it in name order less those of them with a value (counted on the index
    of values by name key; testing each contact for a value would take seconds at a million)."""
    found = conn.execute("SELECT sort_key FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if found is None:
        return None
    valued_before = conn.execute("SELECT count(*) FROM contact_custom_values WHERE field_id = ? AND "
                                 "(name_key, contact_id) < (?, ?)", (field, found[0], contact_id)).fetchone()[0]
    return valued + name_place(conn, contact_id) - valued_before


def name_place(conn, contact_id: int, descending: bool = False) -> int | None:
    """Where ``contact_id`` is in the whole book in name order (None: no such contact)."""
    found = conn.execute("SELECT sort_key FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if found is None:
        return None
    return conn.execute(f"SELECT count(*) FROM contacts WHERE (sort_key, id) {'>' if descending else '<'} (?, ?)",
                        (found[0], contact_id)).fetchone()[0]


def _matching_ids_sql(plan) -> str:
    """``SELECT contact_id`` of every match of a search plan (search_index.Plan)."""
    fts = plan.table
    return (f"SELECT s.contact_id FROM {fts} CROSS JOIN contact_search s ON s.rank = {fts}.rowid "
            f"WHERE {fts} MATCH :match {'AND ' + plan.test if plan.test else ''}")


def sorted_matches(conn, key: str, descending: bool, plan) -> array:
    """Every match of a search plan (search_index.Plan) in the order, in one query."""
    order = order_for(key, descending)
    fts = plan.table
    sql = (f"SELECT c.id FROM {fts} CROSS JOIN contact_search s ON s.rank = {fts}.rowid "
           f"CROSS JOIN contacts c ON c.id = s.contact_id {order.join} "
           f"WHERE {fts} MATCH :match {'AND ' + plan.test if plan.test else ''} ORDER BY {order.sorted_order_by()}")
    params = {**dict(plan.params), **order.params, "match": plan.match}
    return array("q", (r[0] for r in conn.execute(sql, params)))


def walk_estimate(offset: int, limit: int, matches: int, total: int) -> float:
    """Rows a walk reads to fill a page when the matches are spread evenly through the order."""
    return (offset + limit) * total / max(1, matches)


def should_walk(offset: int, limit: int, matches: int, total: int) -> bool:
    """Walk the order's index rather than sort the matches: many matches, and a walk would read
    fewer rows than there are matches."""
    return matches > SORT_AT_ONCE_UP_TO and walk_estimate(offset, limit, matches, total) < matches


class OrderedPages:
    """Pages in an order, with what they learnt remembered for one state of the data (``version``):
    the size of the book's first part per order, and for the latest search its ids sorted at
    once or the part sizes its walk counted."""

    def __init__(self):
        self.version = None
        self.book_sizes: dict[str, int] = {}
        self.search = None  # (parsed, key, descending)
        self.sorted: array | None = None
        self.sizes: dict = {}  # part -> its matches (a walk's parts, or ('ranked', part))
        self.clustered = False  # the search's walk ran past its estimate
        self.ranked: array | None = None  # the search's ranks in its order (order_ranks.py)
        self.own_changes = 0  # rows written to TEMP tables by building order_ranks (not data)
        self.before_build: Callable[[], object] | None = None  # called before order_ranks builds its tables

    def _forget_older(self, version) -> None:
        if version != self.version:
            self.version, self.book_sizes, self.search, self.sorted, self.sizes = version, {}, None, None, {}
            self.clustered, self.ranked = False, None

    def book(self, conn, version, key: str, descending: bool, offset: int, limit: int, total: int) -> list[int]:
        """A page of the whole book."""
        self._forget_older(version)
        order = order_for(key, descending)

        def size_of(i: int) -> int:
            if len(order.parts) == 1:
                return total
            first = key.lstrip("-")
            if first not in self.book_sizes:
                self.book_sizes[first] = conn.execute(_part_sql(order.parts[0], "count(*)"), order.params).fetchone()[0]
            return self.book_sizes[first] if i == 0 else total - self.book_sizes[first]

        return _parts_page(conn, order, order.params, offset, limit, size_of)

    def matches(self, conn, version, key: str, descending: bool, parsed: ParsedQuery, plan, offset: int, limit: int,
                matches: int, total: int) -> list[int]:
        """A page of a search's matches (``plan()`` gives its search_index.Plan; ``matches``
        is their count, ``total`` the book's)."""
        self._forget_older(version)
        if self.search != (parsed, key, descending):
            self.search, self.sorted, self.sizes, self.clustered = (parsed, key, descending), None, {}, False
            self.ranked = None
        source = order_ranks.source_for(key)
        if source is not None and (matches > RANKED_FROM or order_ranks.is_ready(conn, source)):
            return self._ranked(conn, source, key, descending, parsed, plan, offset, limit, matches, total)
        if self.sorted is None:
            if not self.clustered and should_walk(offset, limit, matches, total):
                budget = WALK_BUDGET_S + walk_estimate(offset, limit, matches, total) * WALK_SECONDS_PER_ROW
                try:
                    with Budget(conn, budget):
                        return self._walk(conn, key, descending, parsed, offset, limit)
                except Interrupted:
                    self.clustered = True  # the matches sit together somewhere down the order
            if self.clustered and offset == 0:
                return self._walk_matches(conn, key, descending, plan(), limit)
            self.sorted = sorted_matches(conn, key, descending, plan())
        return self.sorted[offset: offset + limit].tolist()

    def position(self, conn, version, key: str, descending: bool, parsed: ParsedQuery, plan, contact_id: int,
                 matches: int) -> int | None:
        """Where ``contact_id`` is among a search's matches in the order: from the matches in order
        when they are known, else sorted at once (and kept for the pages) up to
        ``POSITION_SORT_UP_TO`` matches; None when it is not among them, or there are more."""
        self._forget_older(version)
        if self.search != (parsed, key, descending):
            self.search, self.sorted, self.sizes, self.clustered = (parsed, key, descending), None, {}, False
            self.ranked = None
        if self.sorted is None and self.ranked is not None:
            found = conn.execute("SELECT rank FROM contact_search WHERE contact_id = ?", (contact_id,)).fetchone()
            try:
                return self.ranked.index(found[0]) if found is not None else None
            except ValueError:
                return None
        if self.sorted is None:
            if matches > POSITION_SORT_UP_TO:
                return None
            self.sorted = sorted_matches(conn, key, descending, plan())
        try:
            return self.sorted.index(contact_id)
        except ValueError:
            return None

    def _ranked(self, conn, source, key, descending, parsed, plan, offset, limit, matches, total) -> list[int]:
        """A page through order_ranks.py, after a walk when that looks much cheaper."""
        if self.sorted is not None:  # sorted at once: the tables could not be built
            return self.sorted[offset: offset + limit].tolist()
        if self.ranked is None:
            looked_up = matches * RANKED_SECONDS_PER_MATCH
            ready = order_ranks.is_ready(conn, source)
            per_row = RANKED_WALK_SECONDS_PER_ROW if ready else WALK_SECONDS_PER_ROW  # down the TEMP index: less
            estimate = walk_estimate(offset, limit, matches, total) * per_row
            if (estimate * RANKED_WALK_MARGIN < looked_up and SAMPLE_FROM_S < max(estimate, looked_up / 2)
                    and not self.clustered and ready):
                # a walk may be worth it (a sample only ever finds it longer), and a wrong guess (a walk
                # stopped at its budget) costs more than a sample
                rows = self._walk_rows(conn, source, descending, plan(), offset + limit, matches, total)
                estimate = max(estimate, rows * per_row)
            if ready:  # a walk stopped at its budget costs that and the look-up: tried when clearly cheaper
                worth = estimate * RANKED_WALK_MARGIN < looked_up
            else:
                worth = estimate < max(looked_up, UNBUILT_WALK_S)
            if not self.clustered and worth:
                try:
                    with Budget(conn, max(2 * estimate + RANKED_WALK_SLACK_S, looked_up / 2)):
                        if ready:
                            return self._walk_ranked(conn, source, descending, parsed, offset, limit)
                        return self._walk(conn, key, descending, parsed, offset, limit)
                except Interrupted:
                    self.clustered = True
            before = conn.total_changes
            try:
                order_ranks.ensure(conn, source, self.before_build)
            except sqlite3.OperationalError:  # a statement of this connection still reading: no DROP TABLE
                self.sorted = sorted_matches(conn, key, descending, plan())
                return self.sorted[offset: offset + limit].tolist()
            finally:
                self.own_changes += conn.total_changes - before
            if offset == 0:
                return contacts_at(conn, order_ranks.page(conn, source, plan(), descending, offset, limit))
            self.ranked = array("q", order_ranks.all_ranks(conn, source, plan(), descending))
        return contacts_at(conn, self.ranked[offset: offset + limit].tolist())

    def _walk_rows(self, conn, source, descending, plan, wanted: int, matches: int, total: int) -> float:
        """Rows a walk would read to find ``wanted`` matches, from where a sample of them lies in
        the order (ordinals tell roughly how far down; without a value: the second part, spread
        like their ranks)."""
        sizes = self.book_sizes
        if f"valued {source.name}" not in sizes:
            sizes[f"valued {source.name}"] = order_ranks.valued(conn, source)
        if "ranks" not in sizes:
            sizes["ranks"] = tuple(conn.execute(f"SELECT {end}(rank) FROM contact_search").fetchone()[0] or 0
                                   for end in ("min", "max"))
        valued, (low, high) = sizes[f"valued {source.name}"], sizes["ranks"]
        got = order_ranks.sample(conn, source, plan, RANKED_SAMPLE, low, high)
        if not got:
            return 0.0
        places = []
        for rank, ordinal in got:
            if ordinal is None:
                places.append(valued + (total - valued) * (rank - low) / max(1, high - low))
            else:
                place = ordinal // order_ranks.SPACING
                places.append(valued - place if descending else place)
        places.sort()
        k = max(1, round(wanted * len(got) / max(1, matches)))
        return places[k - 1] if k <= len(places) else float(total)

    def _walk(self, conn, key, descending, parsed, offset, limit) -> list[int]:
        """Down the order's index, each row tested on its stored search documents and group."""
        order = order_for(key, descending)
        params = dict(order.params)
        conditions = [match_condition(parsed, part.id, params) for part in order.parts]

        def size_of(i: int) -> int:
            if i not in self.sizes:
                self.sizes[i] = conn.execute(_part_sql(order.parts[i], "count(*)", conditions[i]), params).fetchone()[0]
            return self.sizes[i]

        return _parts_page(conn, order, params, offset, limit, size_of, conditions, exact=False)

    def _walk_ranked(self, conn, source, descending, parsed, offset, limit) -> list[int]:
        """``_walk`` down order_ranks.py's TEMP index (``ranked_order``): the same page."""
        order = ranked_order(source, descending)
        params: dict = {}
        condition = " AND ".join(t for t in (_document_tests(parsed, params),
                                             _group_test(parsed, "s.contact_id", params)) if t)

        def size_of(i: int) -> int:
            if ("ranked", i) not in self.sizes:
                sql = _part_sql(order.parts[i], "count(*)", condition)
                self.sizes[("ranked", i)] = conn.execute(sql, params).fetchone()[0]
            return self.sizes[("ranked", i)]

        return _parts_page(conn, order, params, offset, limit, size_of, [condition, condition], exact=False)

    def _walk_matches(self, conn, key, descending, plan, limit) -> list[int]:
        """The first page of matches clustered down the order: FTS5's matches gathered into a
        set once (≈0.6 µs a match), then the order's index read down to them, each row looked
        up in that set (≈0.3 µs a row) — cheaper than testing each row's documents (≈3 µs)."""
        order = order_for(key, descending)
        params = {**dict(plan.params), **order.params, "match": plan.match}
        condition = f"IN ({_matching_ids_sql(plan)})"
        conditions = [f"{part.id} {condition}" for part in order.parts]

        def size_of(i: int) -> int:
            if i not in self.sizes:
                sql = _part_sql(order.parts[i], "count(*)", conditions[i], indexed=True)
                self.sizes[i] = conn.execute(sql, params).fetchone()[0]
            return self.sizes[i]

        return _parts_page(conn, order, params, 0, limit, size_of, conditions, exact=False, indexed=True)
