"""Searching the phonebook (part of ``Phonebook``; SQL through search_index): ``count`` and
``rows`` for the table, ``iter_contacts`` for exports and reports.

In Persian order (the default) a page comes straight from FTS5 in rank order; the next page of
the same query continues after the last rank instead of counting an OFFSET again. Other orders
(organisation, last contact, created, a custom field) read their own indexes: see repo_order.py;
a search by organisation or a custom field looks its matches up in order_ranks.py's TEMP tables,
which a rebuild of the search index drops first (their triggers would fire for every contact)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from crm_desktop.phonebook import order_ranks, search_index
from crm_desktop.phonebook.contact_rows import ContactRow, load_contacts, table_rows
from crm_desktop.phonebook.model import Contact
from crm_desktop.phonebook.repo_order import book_position, name_place, order_for
from crm_desktop.phonebook.search import ParsedQuery, parse


class NoMatch(Exception):
    """A query that can match nothing (a deleted group, a line FTS5 cannot read)."""


@dataclass(frozen=True)
class SearchQuery:
    """What the table shows: a typed search line, a group, an order (``name``, ``last_contact``,
    ``organisation``, ``created``, ``custom:<field id>``; a leading ``-`` reverses it)."""

    text: str = ""
    group_id: int | None = None
    order: str = "name"


class SearchMixin:
    """Part of ``Phonebook``: uses its ``conn``, ``_reading`` and the ``_page`` / ``_plans`` /
    ``_counts`` memories that ``_writing`` clears."""

    def count(self, query: SearchQuery | None = None) -> int:
        """How many contacts the query shows."""
        query = query or SearchQuery()
        return self._count_parsed(parse(query.text, query.group_id))

    def _count_parsed(self, parsed: ParsedQuery) -> int:
        try:
            with self._reading():
                key = (parsed, self._version())
                found = self._counts.get(key)
                if found is None:
                    self._group_known(parsed)
                    if parsed.empty:
                        found = self.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
                    else:
                        found = search_index.count_matches(self.conn, self._plan(parsed))
                    if len(self._counts) > 64:
                        self._counts.clear()
                    self._counts[key] = found
                return found
        except NoMatch:
            return 0

    @contextmanager
    def on_long_step(self, callback: Callable[[], object]):
        """While the block runs, ``callback()`` is called before a step that takes long: building
        the lookup tables of a search sorted by organisation or a custom field (≈1.5 s at a
        million contacts), so that the UI can show a busy cursor only then."""
        was, self._ordered.before_build = self._ordered.before_build, callback
        try:
            yield
        finally:
            self._ordered.before_build = was

    def rows(self, query: SearchQuery | None, offset: int = 0, limit: int = 200) -> list[ContactRow]:
        """A page of the table: ``limit`` lines from ``offset``, in the query's order."""
        query = query or SearchQuery()
        try:
            with self._reading():
                ids = self._page_ids(query, max(0, int(offset)), max(0, int(limit)))
                shown = [r[0] for r in self.conn.execute("SELECT id FROM custom_fields WHERE show_in_table")]
                return table_rows(self.conn, ids, shown)
        except NoMatch:
            return []

    def position(self, query: SearchQuery | None, contact_id: int) -> int | None:
        """The row ``contact_id`` is on among those the query shows (``rows``' offset), found by
        counting, not by reading pages; None when the query does not show it (or, for a search
        with very many matches in an order other than the name, when finding it would cost more)."""
        query = query or SearchQuery()
        parsed = parse(query.text, query.group_id)
        order = query.order or "name"
        descending, key = order.startswith("-"), order.lstrip("-")
        try:
            with self._reading():
                self._group_known(parsed)
                if key == "name":
                    return self._name_position(parsed, descending, contact_id)
                ordered = order_for(key, descending)  # an unknown order: ValueError
                if parsed.empty:
                    return book_position(self.conn, ordered, contact_id)
                return self._ordered.position(self.conn, self._version(), key, descending, parsed,
                                              lambda: self._plan(parsed), contact_id, self._count_parsed(parsed))
        except NoMatch:
            return None

    def _name_position(self, parsed: ParsedQuery, descending: bool, contact_id: int) -> int | None:
        if parsed.empty:
            return name_place(self.conn, contact_id, descending)
        before = ">" if descending else "<"
        found = self.conn.execute("SELECT rank FROM contact_search WHERE contact_id = ?", (contact_id,)).fetchone()
        if found is None:
            return None
        plan = self._plan(parsed)
        rowid = f"{plan.table}.rowid"
        sql, params = plan.sql("1", f"AND {rowid} = :at")
        if self.conn.execute(sql, {**params, "at": found[0]}).fetchone() is None:
            return None  # not a match
        sql, params = plan.sql("count(*)", f"AND {rowid} {before} :at")
        return self.conn.execute(sql, {**params, "at": found[0]}).fetchone()[0]

    def iter_contacts(self, query: SearchQuery | None = None, chunk: int = 1000) -> Iterator[Contact]:
        """Full contacts in the query's order (Persian order by default), a chunk at a time."""
        query = query or SearchQuery()
        parsed = parse(query.text, query.group_id)
        try:
            self._group_known(parsed)
        except NoMatch:
            return
        by_name = (query.order or "name") == "name"
        offset, last = 0, None
        while True:
            try:
                with self._reading():
                    if not by_name:
                        ids = self._page_ids(query, offset, chunk)
                        got = len(ids)
                    elif parsed.empty:
                        rows = self.conn.execute(
                            "SELECT id, sort_key FROM contacts WHERE (sort_key, id) > (:key, :id) "
                            "ORDER BY sort_key, id LIMIT :limit",
                            {"key": last[0] if last else "", "id": last[1] if last else -1, "limit": chunk},
                        ).fetchall()
                        ids = [r[0] for r in rows]
                        last = rows[-1][::-1] if rows else None
                        got = len(rows)
                    else:
                        ranks = search_index.matching_ranks(self.conn, self._plan(parsed), 0, chunk, after=last)
                        ids = search_index.contacts_at(self.conn, ranks)
                        last = ranks[-1] if ranks else None
                        got = len(ranks)
                    contacts = load_contacts(self.conn, ids)
            except NoMatch:
                return
            yield from contacts
            if got < chunk:
                return
            offset += got

    def _group_known(self, parsed: ParsedQuery) -> None:
        """A deleted group matches nothing (its token stays in documents until re-indexed)."""
        if parsed.group_id is not None and self.conn.execute(
                "SELECT 1 FROM contact_groups WHERE id = ?", (parsed.group_id,)).fetchone() is None:
            raise NoMatch()

    def _page_ids(self, query: SearchQuery, offset: int, limit: int) -> list[int]:
        if limit == 0:
            return []
        parsed = parse(query.text, query.group_id)
        self._group_known(parsed)
        order = query.order or "name"
        descending = order.startswith("-")
        key = order.lstrip("-")
        if key != "name":
            return self._ordered_ids(parsed, key, descending, offset, limit)
        if parsed.empty:
            direction = "DESC" if descending else ""
            return [r[0] for r in self.conn.execute(
                f"SELECT id FROM contacts ORDER BY sort_key {direction}, id {direction} LIMIT ? OFFSET ?", (limit, offset))]
        page_key = (parsed, descending, self._version())
        after = None
        if self._page is not None and self._page[0] == page_key and self._page[1] == offset:
            after, skip = self._page[2], 0
        else:
            skip = offset
        ranks = search_index.matching_ranks(self.conn, self._plan(parsed), skip, limit, descending=descending, after=after)
        self._page = (page_key, offset + len(ranks), ranks[-1]) if ranks else None
        return search_index.contacts_at(self.conn, ranks)

    def _version(self) -> tuple[int, int]:
        """Changes when anything was written (by this connection or another); building the
        TEMP tables of order_ranks.py writes no data."""
        data = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return data, self.conn.total_changes - self._ordered.own_changes

    def _plan(self, parsed: ParsedQuery) -> search_index.Plan:
        key = (parsed, self._version())
        found = self._plans.get(key)
        if found is None:
            if len(self._plans) > 16:
                self._plans.clear()
            found = self._plans[key] = search_index.plan(self.conn, parsed)
        return found

    def _ordered_ids(self, parsed: ParsedQuery, key: str, descending: bool, offset: int, limit: int) -> list[int]:
        """Orders other than the name, from their indexes (repo_order.py)."""
        order_for(key, descending)  # an unknown order is a ValueError before anything is read
        version = self._version()
        total = self._count_parsed(parse(""))
        if parsed.empty:
            return self._ordered.book(self.conn, version, key, descending, offset, limit, total)
        return self._ordered.matches(self.conn, version, key, descending, parsed, lambda: self._plan(parsed),
                                     offset, limit, self._count_parsed(parsed), total)

    def rebuild_search_index(self, progress: Callable[[int, int], object] | None = None) -> int:
        order_ranks.drop_all(self.conn)  # their triggers would fire for every contact
        with self._writing({"contact_search"}):
            return search_index.rebuild(self.conn, progress)

    def update_search_index(self, progress: Callable[[int, int], object] | None = None) -> int:
        order_ranks.drop_all(self.conn)
        with self._writing({"contact_search"}):
            return search_index.update(self.conn, progress)

    def search_index_is_stale(self) -> bool:
        return search_index.is_stale(self.conn)

    def index_if_stale(self, query: SearchQuery | None = None, before: Callable[[], object] | None = None,
                       progress: Callable[[int, int], object] | None = None) -> bool:
        """Before a search or a group's contacts are read (the CLI's search, export, report):
        index the contacts another program inserted behind the index's back, or the query would
        miss them. ``before()`` is called first (to say why it takes a moment). Nothing to do
        for an empty query (it reads the contacts table) or a fresh index; True if it indexed."""
        if query is not None and parse(query.text, query.group_id).empty:
            return False
        if not self.search_index_is_stale():
            return False
        if before is not None:
            before()
        self.update_search_index(progress)
        return True
