"""The phonebook's search index (SQL; see search.py for what is indexed and how a line is read).

``contact_search`` holds each contact's two documents and its *rank*: its place in Persian order
(``contacts.sort_key``, then ``id``), with gaps between neighbours. The FTS5 tables
``contact_words`` and ``contact_numbers`` index those documents with the rank as their rowid, so
FTS5 returns matches already in Persian order: a page is ``ORDER BY rowid LIMIT n OFFSET k`` and
stops early, and a count is one pass over compact doclists (no join, no sort).

Gaps: ``rebuild`` spaces ranks ``GAP`` apart from ``BASE`` (a small gap keeps FTS5's rowid
deltas, hence the index, small: 32 costs ~25 % over consecutive rowids, 2^40 costs 3.5×). A new
contact takes a rank between its neighbours; when they have no room left, a window of contacts
around them is spread out again (``_spread``), growing until it finds room or reaches an end of
the list, where there always is room.

Every change goes through this module inside the caller's transaction: the FTS5 tables read
their content from ``contact_search``, and a document is removed with exactly the text it was
indexed with, so the index cannot drift from its content. Bulk loads (demo data, big imports)
insert contacts first and call ``rebuild`` (or ``index_contacts`` for the new ids) after; a big
import hands over the documents it made from the contacts in memory (``contact_documents``).
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import chain
from operator import attrgetter
from typing import Callable, Iterable

from crm_desktop.core import jalali
from crm_desktop.phonebook.search import DocumentBuilder, ParsedQuery
from crm_desktop.storage.db import transaction

BASE = 1 << 40  # ranks start here: room below the first contact too
GAP = 32
MIN_STEP = 4  # a spread window leaves at least this much between neighbours
CHUNK = 5000
TIDY_AFTER = 10_000  # documents changed at once after which the FTS5 segments are merged
# FTS5 flushes the terms it collects to a new segment whenever they exceed its 'hashsize' (1 MiB
# by default). A rebuild indexes a whole table in one statement with a bigger buffer: about
# 200,000 contacts make one segment (instead of dozens that 'optimize' then merges again); the
# default is set back before the index is used.
BUILD_HASHSIZE = 32 << 20
FTS5_HASHSIZE = 1 << 20

Progress = Callable[[int, int], object]

# The fields whose adjacent words are also indexed joined (search.py, ``documents``): each holds
# one name or name-like value, written either way («علی رضا» / «علیرضا», «پارس خودرو»,
# «مدیر عامل»). Not the manager (a whole name, first and last: «علی رضایی» is no «علیرضایی»),
# the website, the note or any longer text (every pair of a paragraph would only grow the index).
NAME_COLUMNS = ("title", "first_name", "last_name")
LABEL_COLUMNS = ("organisation", "job_title", "unit")
TEXT_COLUMNS = (*NAME_COLUMNS, *LABEL_COLUMNS, "manager", "website", "note")
_name_columns = attrgetter(*NAME_COLUMNS)  # a Contact's values of these columns, in this order
_label_columns = attrgetter(*LABEL_COLUMNS)
_other_columns = attrgetter(*TEXT_COLUMNS[len(NAME_COLUMNS) + len(LABEL_COLUMNS):])
_LABELS_AT = 2 + len(NAME_COLUMNS)  # where a _CONTACTS_SQL row's label columns start
_OTHERS_AT = _LABELS_AT + len(LABEL_COLUMNS)
_CONTACT_INDEX = "CREATE UNIQUE INDEX contact_search_by_contact ON contact_search (contact_id)"

# What the documents are made of, per table, in one fixed order (a document built from a full
# scan equals one built for a single contact). ``{where}`` is filled in by the caller.
_CONTACTS_SQL = f"SELECT id, national_code, {', '.join(TEXT_COLUMNS)} FROM contacts {{where}} ORDER BY id"
_PARTS_SQL = {
    "phones": "SELECT contact_id, national FROM contact_phones {where} ORDER BY contact_id, position, id",
    "emails": "SELECT contact_id, email FROM contact_emails {where} ORDER BY contact_id, position, id",
    "notes": "SELECT contact_id, text FROM contact_notes {where} ORDER BY contact_id, at, id",
    "custom": "SELECT v.contact_id, f.kind, v.value FROM contact_custom_values v JOIN custom_fields f "
              "ON f.id = v.field_id {where} ORDER BY v.contact_id, v.field_id",
    "groups": "SELECT contact_id, group_id FROM contact_group_members {where} ORDER BY contact_id, group_id",
}


def _ids_json(ids) -> str:
    return json.dumps([int(i) for i in ids])


def custom_search_texts(kind: str, value: str) -> list[str]:
    """What a custom value adds to the search documents: a date as Jalali (``1403/05/12`` and
    ``14030512``), anything else as stored."""
    if kind == "date":
        try:
            shown = jalali.format_date(date.fromisoformat(value[:10]), digits="latin")
        except ValueError:
            return [value]
        return [shown, shown.replace("/", "")]
    return [value]


class _Part:
    """One table's rows for the documents, read in contact order alongside the contacts."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.rows: list = []
        self.at = 0
        self._more()

    def _more(self) -> None:
        self.rows = self.cursor.fetchmany(2000)
        self.at = 0

    def ready(self, contact_id: int) -> bool:
        """Are there rows for ``contact_id`` (or earlier ones to skip)?"""
        return bool(self.rows) and self.rows[self.at][0] <= contact_id

    def take(self, contact_id: int) -> list:
        found = []
        while self.rows:
            row = self.rows[self.at]
            if row[0] > contact_id:
                break
            if row[0] == contact_id:
                found.append(row)
            self.at += 1
            if self.at == len(self.rows):
                self._more()
        return found


def _stream(conn: sqlite3.Connection, where: str = "", params=None):
    """(contact id, (words, numbers)) for the contacts ``where`` selects (all: in id order)."""
    params = params or {}
    contact_where = where.replace("{column}", "id")
    part_where = where.replace("{column}", "contact_id")
    parts = {}
    for name, sql in _PARTS_SQL.items():
        column_where = part_where.replace("contact_id", "v.contact_id") if name == "custom" else part_where
        parts[name] = _Part(conn.execute(sql.format(where=column_where), params))
    builder = DocumentBuilder()
    contacts = conn.execute(_CONTACTS_SQL.format(where=contact_where), params)
    phones, emails, notes, custom, groups = (parts[name] for name in ("phones", "emails", "notes", "custom", "groups"))
    while True:
        batch = contacts.fetchmany(2000)
        if not batch:
            return
        for row in batch:
            contact_id = row[0]
            texts = list(row[_OTHERS_AT:])
            if emails.ready(contact_id):
                texts.extend(r[1] for r in emails.take(contact_id))
            if notes.ready(contact_id):
                texts.extend(r[1] for r in notes.take(contact_id))
            if custom.ready(contact_id):
                for _, kind, value in custom.take(contact_id):
                    texts.extend(custom_search_texts(kind, value))
            nationals = [r[1] for r in phones.take(contact_id)] if phones.ready(contact_id) else ()
            group_ids = [r[1] for r in groups.take(contact_id)] if groups.ready(contact_id) else ()
            yield contact_id, builder.documents(texts, nationals, row[1], group_ids, row[2:_LABELS_AT],
                                                row[_LABELS_AT:_OTHERS_AT])


def contact_documents(builder: DocumentBuilder, contact, custom: Iterable[tuple[str, str]] = ()) -> tuple[str, str]:
    """(words, numbers) of a contact held in memory, exactly as ``_stream`` makes them from its
    stored rows (a bulk insert indexes what it has just written without reading it back): the
    contact as stored (``model.normalised``), its ``custom`` values as (field kind, stored value)
    in field id order. For a contact without notes-log entries (a new one)."""
    texts = [*_other_columns(contact), *contact.emails]
    for kind, value in custom:
        texts.extend(custom_search_texts(kind, value))
    return builder.documents(texts, [p.national for p in contact.phones], contact.national_code, contact.group_ids,
                             _name_columns(contact), _label_columns(contact))


def documents(conn: sqlite3.Connection, ids) -> dict[int, tuple[str, str]]:
    """(words, numbers) of the given contacts (missing ids are left out)."""
    ids = list(ids)
    if not ids:
        return {}
    where = "WHERE {column} IN (SELECT value FROM json_each(:ids))"
    return dict(_stream(conn, where, {"ids": _ids_json(ids)}))


# -- writing the FTS tables ---------------------------------------------------------------------
def _fts_add(conn, rows: Iterable[tuple[int, str, str]]) -> None:
    rows = sorted(rows)  # FTS5 flushes its buffer whenever a rowid is not above the last one
    conn.executemany("INSERT INTO contact_words (rowid, words) VALUES (?, ?)", [(r, w) for r, w, _ in rows])
    conn.executemany("INSERT INTO contact_numbers (rowid, numbers) VALUES (?, ?)", [(r, n) for r, _, n in rows])


def _fts_remove(conn, rows: Iterable[tuple[int, str, str]]) -> None:
    rows = sorted(rows)
    conn.executemany("INSERT INTO contact_words (contact_words, rowid, words) VALUES ('delete', ?, ?)",
                     [(r, w) for r, w, _ in rows])
    conn.executemany("INSERT INTO contact_numbers (contact_numbers, rowid, numbers) VALUES ('delete', ?, ?)",
                     [(r, n) for r, _, n in rows])


def rebuild(conn: sqlite3.Connection, progress: Progress | None = None,
            known: dict[int, tuple[str, str]] | None = None) -> int:
    """Index every contact from scratch (after a bulk insert); returns how many. One transaction
    (a savepoint inside the caller's). ``progress(done, total)`` now and then. ``known``: the
    documents (``contact_documents``) of contacts a bulk insert has just added, ids above every
    other contact's; only the others are read back from the tables."""
    with transaction(conn):
        total, top = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM contacts").fetchone()
        if known:
            first = min(known)
            if conn.execute("SELECT count(*) FROM contacts WHERE id >= ?", (first,)).fetchone()[0] != len(known):
                known, first = None, None  # not the newest contacts after all: read everything back
        else:
            known, first = None, None
        if known is not None and len(known) == total:  # nothing else to read: straight in rank order
            rows = [(BASE + GAP * i, contact_id, *known[contact_id]) for i, (contact_id,) in
                    enumerate(conn.execute("SELECT id FROM contacts ORDER BY sort_key, id"))]
            conn.execute("DROP INDEX IF EXISTS contact_search_by_contact")
            conn.execute("DELETE FROM contact_search")
            conn.executemany("INSERT INTO contact_search (rank, contact_id, words, numbers) VALUES (?, ?, ?, ?)", rows)
        else:
            _rebuild_through_temp(conn, progress, total, top, known, first)
        conn.execute(_CONTACT_INDEX)
        for table, column in (("contact_words", "words"), ("contact_numbers", "numbers")):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {BUILD_HASHSIZE})")
            conn.execute(f"INSERT INTO {table} (rowid, {column}) SELECT rank, {column} FROM contact_search ORDER BY rank")
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {FTS5_HASHSIZE})")
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        if progress is not None:
            progress(total, total)
        return total


def _rebuild_through_temp(conn, progress, total: int, top: int, known, first) -> None:
    """``rebuild``'s contact_search for a book read (at least partly) from the tables: documents
    are made in contact id order (one pass over each table) and stored in rank order (sorted
    through a temporary table), so that both writes are sequential."""
    ranks: array | dict = array("q", bytes(8 * (top + 1))) if top <= 4 * total + 1000 else {}
    rank = BASE
    for (contact_id,) in conn.execute("SELECT id FROM contacts ORDER BY sort_key, id"):
        ranks[contact_id] = rank
        rank += GAP
    conn.execute("DROP TABLE IF EXISTS temp.rebuilt_documents")
    conn.execute("CREATE TEMP TABLE rebuilt_documents (rank INTEGER, contact_id INTEGER, words TEXT, numbers TEXT)")
    insert = "INSERT INTO temp.rebuilt_documents VALUES (?, ?, ?, ?)"
    stream = _stream(conn) if known is None else _stream(conn, "WHERE {column} < :first", {"first": first})
    if known is not None:
        stream = chain(stream, known.items())
    batch, done = [], 0
    for contact_id, (words, numbers) in stream:
        batch.append((ranks[contact_id], contact_id, words, numbers))
        if len(batch) == CHUNK:
            conn.executemany(insert, batch)
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done, total)
    conn.executemany(insert, batch)
    conn.execute("DROP INDEX IF EXISTS contact_search_by_contact")
    conn.execute("DELETE FROM contact_search")
    conn.execute("INSERT INTO contact_search (rank, contact_id, words, numbers) "
                 "SELECT rank, contact_id, words, numbers FROM temp.rebuilt_documents ORDER BY rank")
    conn.execute("DROP TABLE temp.rebuilt_documents")


def update(conn: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Index the contacts missing from the index and drop the entries of contacts that are gone
    (after a bulk insert or delete that bypassed the repository); rebuilds everything instead
    when a quarter or more is missing. Returns how many contacts were added or dropped."""
    with transaction(conn):
        gone = [r[0] for r in conn.execute(
            "SELECT contact_id FROM contact_search s WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = s.contact_id)")]
        unindex_contacts(conn, gone)
        missing = [r[0] for r in conn.execute(
            "SELECT id FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM contact_search s WHERE s.contact_id = c.id)")]
        total = conn.execute("SELECT count(*) FROM contact_search").fetchone()[0] + len(missing)
        if missing and len(missing) * 4 >= total:
            rebuild(conn, progress)
        else:
            index_contacts(conn, missing, progress)
        return len(missing) + len(gone)


def check(conn: sqlite3.Connection) -> list[str]:
    """Problems of the search index ([] when sound): FTS5's own check of both tables against
    their content, and contacts left out. Needs a writable connection (FTS5 runs its check as
    an INSERT); takes a few seconds for a million contacts."""
    problems = []
    for table in ("contact_words", "contact_numbers"):
        try:
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as error:
            problems.append(f"{table}: {error}")
    missing = conn.execute(
        "SELECT count(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM contact_search s WHERE s.contact_id = c.id)"
    ).fetchone()[0]
    if missing:
        problems.append(f"{missing} contacts are not in the search index")
    return problems


def is_stale(conn: sqlite3.Connection) -> bool:
    """True when contacts were added behind the index's back (a bulk insert without a rebuild).
    Cheap (two index look-ups): compares the highest contact id with the highest indexed one."""
    newest = conn.execute("SELECT max(id) FROM contacts").fetchone()[0]
    indexed = conn.execute("SELECT max(contact_id) FROM contact_search").fetchone()[0]
    return newest is not None and (indexed is None or newest > indexed)


# -- ranks ----------------------------------------------------------------------------------------
_PRED = """
SELECT s.rank FROM contacts c JOIN contact_search s ON s.contact_id = c.id
WHERE (c.sort_key, c.id) < (:key, :id) ORDER BY c.sort_key DESC, c.id DESC LIMIT 1
"""
_SUCC = """
SELECT s.rank FROM contacts c JOIN contact_search s ON s.contact_id = c.id
WHERE (c.sort_key, c.id) > (:key, :id) ORDER BY c.sort_key, c.id LIMIT 1
"""


def _neighbours(conn, key: str, contact_id: int) -> tuple[int | None, int | None]:
    """Ranks of the indexed contacts just before and after (key, id) (None at an end)."""
    params = {"key": key, "id": contact_id}
    before = conn.execute(_PRED, params).fetchone()
    after = conn.execute(_SUCC, params).fetchone()
    return (before[0] if before else None), (after[0] if after else None)


def _slots(conn, lo: int | None, hi: int | None, k: int) -> list[int] | None:
    """``k`` free ranks between ``lo`` and ``hi`` (None: an end of the list), evenly spaced and
    at most GAP apart, or None when there is no room."""
    if lo is None and hi is None:
        return [BASE + GAP * i for i in range(k)]
    if hi is None:
        return [lo + GAP * (i + 1) for i in range(k)]
    if lo is None:
        return [hi - GAP * (k - i) for i in range(k)]
    step = min(GAP, (hi - lo) // (k + 1))
    if step < 1 or conn.execute("SELECT 1 FROM contact_search WHERE rank > ? AND rank < ?", (lo, hi)).fetchone():
        return None  # full, or (after a direct change to a sort key) not really neighbours
    return [lo + step * (i + 1) for i in range(k)]


def _spread(conn, lo: int, k: int) -> list[int]:
    """Make room for ``k`` new ranks right after rank ``lo`` by spreading out the ranks of a
    window of contacts around it; returns the ``k`` new ranks."""
    radius = 32
    while True:
        below = conn.execute("SELECT rank, words, numbers FROM contact_search WHERE rank <= ? ORDER BY rank DESC LIMIT ?",
                             (lo, radius + 1)).fetchall()
        above = conn.execute("SELECT rank, words, numbers FROM contact_search WHERE rank > ? ORDER BY rank LIMIT ?",
                             (lo, radius + 1)).fetchall()
        floor = below.pop()[0] if len(below) > radius else None
        ceiling = above.pop()[0] if len(above) > radius else None
        below.reverse()
        count = len(below) + k + len(above)
        if floor is None or ceiling is None:
            if ceiling is None:  # room above the last contact
                start = floor if floor is not None else (below[0][0] if below else BASE) - GAP
                new_ranks = [start + GAP * (i + 1) for i in range(count)]
            else:  # room below the first contact
                new_ranks = [ceiling - GAP * (count - i) for i in range(count)]
            break
        step = min(GAP, (ceiling - floor) // (count + 1))
        if step >= MIN_STEP:
            new_ranks = [floor + step * (i + 1) for i in range(count)]
            break
        radius *= 4
    olds = below + above
    targets = new_ranks[: len(below)] + new_ranks[len(below) + k:]
    moved = [(old, new, words, numbers) for (old, words, numbers), new in zip(olds, targets) if old != new]
    _fts_remove(conn, [(old, words, numbers) for old, _, words, numbers in moved])
    conn.executemany("UPDATE contact_search SET rank = ? WHERE rank = ?", [(-new, old) for old, new, _, _ in moved])
    conn.execute("UPDATE contact_search SET rank = -rank WHERE rank < 0")
    _fts_add(conn, [(new, words, numbers) for _, new, words, numbers in moved])
    return new_ranks[len(below): len(below) + k]


def tidy(conn: sqlite3.Connection, changed: int) -> None:
    """After many documents changed at once, merge the FTS5 segments their writes left (a big
    re-index leaves many small segments and delete markers: queries read them all)."""
    if changed >= TIDY_AFTER:
        for table in ("contact_words", "contact_numbers"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


def index_contacts(conn: sqlite3.Connection, ids: Iterable[int], progress: Progress | None = None, *,
                   tidy_up: bool = True, known: dict[int, tuple[str, str]] | None = None) -> None:
    """Add contacts that are not in the index yet (new, restored, or bulk-inserted). ``known``:
    their documents already made (``contact_documents``), instead of reading them back."""
    ids = sorted(set(int(i) for i in ids))
    if not ids:
        return
    with transaction(conn):
        done = 0
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            keys = conn.execute(
                "SELECT id, sort_key FROM contacts WHERE id IN (SELECT value FROM json_each(:ids)) "
                "AND NOT EXISTS (SELECT 1 FROM contact_search s WHERE s.contact_id = contacts.id) ORDER BY sort_key, id",
                {"ids": _ids_json(chunk)},
            ).fetchall()
            docs = documents(conn, [k[0] for k in keys]) if known is None else known
            # new contacts between the same two indexed neighbours share that gap evenly
            runs: dict[tuple, list[int]] = defaultdict(list)
            for contact_id, key in keys:
                runs[_neighbours(conn, key, contact_id)].append(contact_id)
            rows = []
            for (lo, hi), members in runs.items():
                ranks = _slots(conn, lo, hi, len(members))
                if ranks is None:
                    ranks = _spread(conn, lo, len(members))
                for rank, contact_id in zip(ranks, members):
                    words, numbers = docs[contact_id]
                    rows.append((rank, words, numbers))
                    conn.execute("INSERT INTO contact_search (contact_id, rank, words, numbers) VALUES (?, ?, ?, ?)",
                                 (contact_id, rank, words, numbers))
            _fts_add(conn, rows)
            done += len(chunk)
            if progress is not None:
                progress(done, len(ids))
        if tidy_up:
            tidy(conn, len(ids))


def unindex_contacts(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Take contacts out of the index (before they are deleted, or to re-rank them)."""
    ids = list(ids)
    if not ids:
        return
    with transaction(conn):
        params = {"ids": _ids_json(ids)}
        rows = conn.execute(
            "SELECT rank, words, numbers FROM contact_search WHERE contact_id IN (SELECT value FROM json_each(:ids))", params
        ).fetchall()
        _fts_remove(conn, rows)
        conn.execute("DELETE FROM contact_search WHERE contact_id IN (SELECT value FROM json_each(:ids))", params)


def reindex_contacts(conn: sqlite3.Connection, ids: Iterable[int], *, moved: Iterable[int] = ()) -> None:
    """Bring the documents of ``ids`` up to date; ``moved`` are those whose sort key changed
    (they get a new rank). Contacts missing from the index are added."""
    ids = sorted(set(int(i) for i in ids))
    moved = set(int(i) for i in moved)
    if not ids:
        return
    with transaction(conn):
        if moved:
            unindex_contacts(conn, moved)
        stay = [i for i in ids if i not in moved]
        current = {}
        if stay:
            current = {row[0]: row[1:] for row in conn.execute(
                "SELECT contact_id, rank, words, numbers FROM contact_search "
                "WHERE contact_id IN (SELECT value FROM json_each(:ids))", {"ids": _ids_json(stay)})}
        docs = documents(conn, list(current))
        old_rows, new_rows = [], []
        for contact_id, (rank, words, numbers) in current.items():
            new_words, new_numbers = docs.get(contact_id, ("", ""))
            if (new_words, new_numbers) != (words, numbers):
                old_rows.append((rank, words, numbers))
                new_rows.append((rank, new_words, new_numbers))
        _fts_remove(conn, old_rows)
        conn.executemany("UPDATE contact_search SET words = ?, numbers = ? WHERE rank = ?",
                         [(w, n, r) for r, w, n in new_rows])
        _fts_add(conn, new_rows)
        missing = [i for i in ids if i not in current]
        index_contacts(conn, missing, tidy_up=False)
        tidy(conn, len(new_rows) + len(missing))


# -- matching -------------------------------------------------------------------------------------
DRIVE_LIMIT = 20_000  # a words side with at most this many matches drives a mixed query


@dataclass(frozen=True)
class Plan:
    """How to find a query's matches: one FTS5 table gives them in rank order (``driver``), and
    the other half of a mixed query (words and digits) is tested on the stored document of each."""

    table: str  # contact_words | contact_numbers
    match: str
    test: str = ""  # SQL condition on contact_search s, or ''
    params: tuple = ()  # (name, value) pairs for ``test``

    def sql(self, select: str, tail: str = "") -> tuple[str, dict]:
        params = dict(self.params, match=self.match)
        if not self.test:
            return f"SELECT {select} FROM {self.table} WHERE {self.table} MATCH :match {tail}", params
        return (f"SELECT {select} FROM {self.table} JOIN contact_search s ON s.rank = {self.table}.rowid "
                f"WHERE {self.table} MATCH :match AND {self.test} {tail}", params)


def _count(conn, table: str, match: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,)).fetchone()[0]


def plan(conn: sqlite3.Connection, parsed: ParsedQuery) -> Plan:
    """How to find the matches of a non-empty query. A mixed query is driven by its words when
    they match at most DRIVE_LIMIT contacts or fewer than its digits do (two counts decide)."""
    if not parsed.numbers:
        return Plan("contact_words", parsed.words_match())
    if not parsed.words:
        return Plan("contact_numbers", parsed.numbers_match())
    words = _count(conn, "contact_words", parsed.words_match())
    numbers = _count(conn, "contact_numbers", parsed.numbers_match()) if words > DRIVE_LIMIT else None
    params: dict = {}
    if numbers is None or words <= numbers:
        test = parsed.numbers_test("s.numbers", params)
        return Plan("contact_words", parsed.words_match(), test, tuple(params.items()))
    test = parsed.words_test("s.words", params)
    return Plan("contact_numbers", parsed.numbers_match(), test, tuple(params.items()))


def count_matches(conn: sqlite3.Connection, query: Plan) -> int:
    sql, params = query.sql("count(*)")
    return conn.execute(sql, params).fetchone()[0]


def matching_ranks(conn: sqlite3.Connection, query: Plan, offset: int, limit: int, *,
                   descending: bool = False, after: int | None = None) -> list[int]:
    """Ranks of a page of matches in Persian order (``after``: continue past this rank)."""
    rowid = f"{query.table}.rowid"
    tail = ""
    if after is not None:
        tail = f"AND {rowid} {'<' if descending else '>'} :after "
    tail += f"ORDER BY {rowid} {'DESC' if descending else ''} LIMIT :limit OFFSET :offset"
    sql, params = query.sql(rowid, tail)
    params.update(limit=int(limit), offset=int(offset))
    if after is not None:
        params["after"] = after
    return [row[0] for row in conn.execute(sql, params)]


def contacts_at(conn: sqlite3.Connection, ranks: list[int]) -> list[int]:
    """The contact ids at these ranks, in the same order."""
    if not ranks:
        return []
    by_rank = dict(conn.execute(
        "SELECT rank, contact_id FROM contact_search WHERE rank IN (SELECT value FROM json_each(?))", (_ids_json(ranks),)))
    return [by_rank[r] for r in ranks if r in by_rank]


def match_subquery(query: Plan) -> tuple[str, dict]:
    """``SELECT contact_id …`` of every match (for orders the ranks do not give)."""
    sql, params = query.sql(f"{query.table}.rowid")
    return f"SELECT contact_id FROM contact_search WHERE rank IN ({sql})", params
