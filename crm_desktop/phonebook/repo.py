"""The phonebook's repository (no Qt): ``Phonebook(conn, notify)``.

Every write is one transaction (a savepoint inside the caller's) and is followed by
``notify(tables)``. The search index (search_index.py) is kept in step inside the same
transaction; after a bulk insert that bypassed this class, call ``rebuild_search_index``.

Search: ``count(query)`` and ``rows(query, offset, limit)`` for the table (Persian order of the
sort name, or another ``order``), ``iter_contacts(query)`` for exports and reports.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable

from crm_desktop.core.digits import format_number
from crm_desktop.core.phone import national_form
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook import search_index
from crm_desktop.phonebook.contact_rows import (
    ContactRow,
    ids_json,
    insert_contact,
    load_contacts,
    update_contact,
)
from crm_desktop.phonebook.merge import merged
from crm_desktop.phonebook.model import Contact, normalised, now_iso
from crm_desktop.phonebook.repo_groups import GroupsMixin
from crm_desktop.phonebook.repo_notes import NotesMixin
from crm_desktop.phonebook.repo_order import OrderedPages
from crm_desktop.phonebook.repo_search import NoMatch, SearchMixin, SearchQuery
from crm_desktop.storage import settings
from crm_desktop.storage.db import transaction, translate_error

__all__ = ["ContactRow", "DeletedContacts", "Phonebook", "SearchQuery", "rebuild_search_index",
           "update_search_index"]

HIGHEST_DELETED = "phonebook.highest_deleted_id"  # settings key: ids are never handed out twice
OWN_TABLES = ("contact_phones", "contact_emails", "contact_addresses", "contact_group_members",
              "contact_custom_values", "contact_notes")


@dataclass
class DeletedContacts:
    """What ``delete`` took away, to put back with ``undo_delete`` (same ids)."""

    ids: list[int]
    tables: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)  # table -> (columns, rows)
    # (table, column) -> (key columns, [(contact id, key values)]): other features' rows whose link
    # the delete set to NULL (a reminder about the contact); undo links them again
    unlinked: dict[tuple[str, str], tuple[list[str], list[tuple]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


def rebuild_search_index(conn: sqlite3.Connection, progress: Callable[[int, int], object] | None = None) -> int:
    """Index every contact again (after bulk inserts); returns how many. ``progress(done, total)``."""
    return search_index.rebuild(conn, progress)


def update_search_index(conn: sqlite3.Connection, progress: Callable[[int, int], object] | None = None) -> int:
    """Index only what a bulk insert or delete left out (a full rebuild when that is a quarter
    or more); returns how many contacts were added or dropped. ``progress(done, total)``."""
    return search_index.update(conn, progress)


# Rows of other features that exist only for one contact, with no foreign key to it: a yearly
# «تولد …» reminder made from its birthday. A delete takes them along (undo puts them back); a
# merge gives the removed contact's to the kept one, unless it has its own; when the two are of
# different kinds (a person's birthday is no organisation's founding date) the removed one's
# rows are detached instead: the reminder stays, as the operator's own, on the kept contact.
# (table, column holding the contact id, condition, what detaches a row)
OWNED_ELSEWHERE = (("reminders", "source_id", "source = 'birthday'", "source = '', source_id = NULL"),)


def _owned_elsewhere(conn) -> list[tuple[str, str, str, str]]:
    """``OWNED_ELSEWHERE`` of the tables this database has."""
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [entry for entry in OWNED_ELSEWHERE if entry[0] in have]


def _referencing_links(conn) -> list[tuple[str, str, str]]:
    """(table, column, ON DELETE action in capitals) of other features' foreign keys to contacts(id)."""
    found = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"):
        if table in OWN_TABLES or table == "contacts" or table.startswith("sqlite_"):
            continue
        for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
            if row[2] == "contacts" and row[4] in (None, "id"):
                found.append((table, row[3], row[6].upper()))
    return found


def _referencing_tables(conn, blocking: bool = False) -> list[tuple[str, str]]:
    """(table, column) of other features' foreign keys to contacts(id); ``blocking``: only those
    that forbid deleting a contact they name (not SET NULL or CASCADE)."""
    return [(table, column) for table, column, action in _referencing_links(conn)
            if not blocking or action in ("NO ACTION", "RESTRICT")]


def _row_keys(conn, table: str, column: str) -> list[str]:
    """The columns that name one row of ``table``: its primary key, else every other column."""
    info = list(conn.execute(f'PRAGMA table_info("{table}")'))
    key = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
    return key or [r[1] for r in info if r[1] != column]


_PLACES = {"cheques": "دفتر چک", "cheque_events": "دفتر چک", "reminders": "یادآورها", "files": "پرونده‌ها"}
# what the delete question says of the rows a delete takes along (OWNED_ELSEWHERE) and of those
# it only unlinks (ON DELETE SET NULL): «یادآوری تولد» / «یادآوری»
_OWNED_NAMES = {"reminders": "یادآوری تولد"}
_UNLINKED_NAMES = {"reminders": "یادآوری"}


class Phonebook(SearchMixin, GroupsMixin, NotesMixin):
    def __init__(self, conn: sqlite3.Connection, notify: Callable[[set], object] | None = None,
                 on_written: Callable[[list[int], dict], object] | None = None):
        self.conn = conn
        self._notify = notify or (lambda tables: None)
        # called inside the transaction that edited or merged contacts: (their ids, {id: (display
        # name, birthday) before}) so that other features keep what they made from a contact in
        # step with what changed (Office: the birthday reminders, the cheques' due alerts)
        self._on_written = on_written or (lambda ids, before: None)
        self._page = None  # (key, next offset, last rank): continue a page run without OFFSET
        self._plans: dict = {}  # (parsed query, data version) -> search_index.Plan
        self._counts: dict = {}  # (parsed query, data version) -> count (typing back and forth)
        self._ordered = OrderedPages()  # pages in other orders than the name (repo_order.py)

    # -- plumbing ---------------------------------------------------------------------------------
    def _path(self):
        try:
            return self.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
        except sqlite3.Error:
            return "?"

    @contextmanager
    def _writing(self, tables):
        """One transaction (a savepoint inside the caller's); then forget what was remembered
        about earlier data and say which tables changed. A full disk, a lock or a damaged file
        becomes the StorageError with its Persian message."""
        try:
            with transaction(self.conn):
                yield
        except sqlite3.DatabaseError as error:
            if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
                raise
            raise translate_error(error, self._path()) from error
        finally:
            self._page = None
            self._plans.clear()
            self._counts.clear()
        self._notify(set(tables))

    @contextmanager
    def _reading(self):
        try:
            yield
        except sqlite3.OperationalError as error:
            if "fts5" in str(error).lower():  # a query FTS5 cannot read: no match
                raise NoMatch() from error
            raise translate_error(error, self._path()) from error
        except sqlite3.DatabaseError as error:
            if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
                raise
            raise translate_error(error, self._path()) from error

    def _contact_exists(self, contact_id) -> None:
        if contact_id is None or self.conn.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is None:
            raise UserError(f"no contact with id {contact_id}", "این مخاطب دیگر در دفترچه نیست؛ شاید حذف شده است.")

    def _next_id(self) -> int:
        highest = self.conn.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchone()[0]
        deleted = settings.get(self.conn, HIGHEST_DELETED, 0)
        return max(highest, deleted if isinstance(deleted, int) else 0) + 1

    def _checked(self, contact: Contact) -> tuple[Contact, dict]:
        contact = normalised(replace(contact, phones=[replace(p) for p in contact.phones],
                                     addresses=[replace(a) for a in contact.addresses],
                                     emails=list(contact.emails), group_ids=list(contact.group_ids),
                                     custom=dict(contact.custom)))
        group_ids = []
        for group_id in contact.group_ids:
            if int(group_id) not in group_ids:
                group_ids.append(int(group_id))
        if group_ids:
            known = {r[0] for r in self.conn.execute(
                "SELECT id FROM contact_groups WHERE id IN (SELECT value FROM json_each(?))", (ids_json(group_ids),))}
            if set(group_ids) - known:
                raise ValidationError("a chosen group no longer exists", "گروه انتخاب‌شده دیگر وجود ندارد.", "گروه")
        contact.group_ids = group_ids
        return contact, self._checked_custom(contact.custom)

    # -- contacts ---------------------------------------------------------------------------------
    def add(self, contact: Contact) -> int:
        """Save a new contact (validated: ValidationError with a Persian message); its id."""
        contact, custom = self._checked(contact)
        for item in (*contact.phones, *contact.addresses):
            item.id = None
        with self._writing({"contacts"}):
            contact_id = self._next_id()
            contact.created_at = ""
            insert_contact(self.conn, contact, contact_id, custom, now_iso())
            search_index.index_contacts(self.conn, [contact_id])
        return contact_id

    def add_many(self, contacts, progress: Callable[[int, int], object] | None = None) -> list[int]:
        """Save many new contacts at once (an import); their ids. All are checked before any is
        written. A big batch re-indexes everything once instead of contact by contact."""
        checked = [self._checked(c) for c in contacts]
        ids = []
        with self._writing({"contacts"}):
            first = self._next_id()
            now = now_iso()
            for i, (contact, custom) in enumerate(checked):
                for item in (*contact.phones, *contact.addresses):
                    item.id = None
                contact.created_at = ""
                insert_contact(self.conn, contact, first + i, custom, now)
                ids.append(first + i)
            total = self.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
            if len(ids) * 4 >= total:
                search_index.rebuild(self.conn, progress)
            else:
                search_index.index_contacts(self.conn, ids, progress)
        return ids

    def update(self, contact: Contact) -> None:
        """Save an existing contact whole: phones, e-mails, addresses, groups and custom values
        are replaced by the contact's (the notes log is not touched)."""
        contact, custom = self._checked(contact)
        with self._writing({"contacts"}):
            row = self.conn.execute("SELECT sort_key, display_name, birthday FROM contacts WHERE id = ?",
                                    (contact.id,)).fetchone()
            if row is None:
                self._contact_exists(contact.id)
            update_contact(self.conn, contact, custom, now_iso())
            new_key = self.conn.execute("SELECT sort_key FROM contacts WHERE id = ?", (contact.id,)).fetchone()[0]
            search_index.reindex_contacts(self.conn, [contact.id], moved=[contact.id] if new_key != row[0] else [])
            self._on_written([contact.id], {contact.id: (row[1], row[2] or "")})

    def get(self, contact_id: int) -> Contact | None:
        with self._reading():
            found = load_contacts(self.conn, [contact_id])
        return found[0] if found else None

    def get_many(self, ids) -> list[Contact]:
        with self._reading():
            return load_contacts(self.conn, list(ids))

    def phone_owners(self, national: str, exclude_id: int | None = None,
                     ext: str | None = None) -> list[tuple[int, str]]:
        """(id, display name) of the contacts that have this number (any written form); with
        ``ext``, only with that extension ('' : none), so colleagues on one switchboard are not
        each other's duplicates."""
        number = national_form(national)
        if not number:
            return []
        same_ext = "" if ext is None else " AND ext = :ext"
        rows = self.conn.execute(
            "SELECT c.id, c.display_name FROM contacts c "
            f"WHERE c.id IN (SELECT contact_id FROM contact_phones WHERE national = :number{same_ext}) "
            "ORDER BY c.sort_key, c.id",
            {"number": number, "ext": ext or ""},
        ).fetchall()
        return [(contact_id, name) for contact_id, name in rows if contact_id != exclude_id]

    def find_by_mobile(self, national: str) -> int | None:
        """The first contact (lowest id) with this mobile number, or None."""
        number = national_form(national)
        row = self.conn.execute("SELECT min(contact_id) FROM contact_phones WHERE national = ?", (number,)).fetchone()
        return row[0] if row and row[0] is not None else None

    # -- delete, undo, merge ----------------------------------------------------------------------
    def delete(self, ids) -> DeletedContacts:
        """Delete contacts with everything that is theirs; the snapshot puts them back."""
        ids = sorted(set(int(i) for i in ids))
        snapshot = DeletedContacts(ids)
        with self._writing({"contacts", *OWN_TABLES}):
            params = {"ids": ids_json(ids)}
            links = _referencing_links(self.conn)
            for table, column in ((t, c) for t, c, action in links if action == "SET NULL"):
                keys = _row_keys(self.conn, table, column)
                listed = ", ".join(f'"{k}"' for k in (column, *keys))
                rows = self.conn.execute(f'SELECT {listed} FROM "{table}" WHERE "{column}" IN '
                                         "(SELECT value FROM json_each(:ids))", params).fetchall()
                if rows:
                    snapshot.unlinked[(table, column)] = (keys, [(r[0], r[1:]) for r in rows])
            places = [("contacts", "id", ""), *((t, "contact_id", "") for t in OWN_TABLES),
                      *((t, c, "") for t, c, action in links if action == "CASCADE")]  # rows the delete takes along
            owned = _owned_elsewhere(self.conn)
            for table, column, condition in [*places, *(entry[:3] for entry in owned)]:
                where = f'{condition + " AND " if condition else ""}"{column}" IN (SELECT value FROM json_each(:ids))'
                cursor = self.conn.execute(f'SELECT * FROM "{table}" WHERE {where}', params)
                rows = cursor.fetchall()
                if rows:
                    snapshot.tables[table] = ([d[0] for d in cursor.description], rows)
                    if condition:
                        self.conn.execute(f'DELETE FROM "{table}" WHERE {where}', params)
            search_index.unindex_contacts(self.conn, ids)
            try:
                self.conn.execute("DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(:ids))", params)
            except sqlite3.IntegrityError as error:
                raise (self._still_used(ids, len(ids) > 1)
                       or UserError(f"contacts {ids} are still used elsewhere", "این مخاطب جای دیگری به کار رفته است و حذف نشد.")
                       ) from error
            if ids:
                highest = settings.get(self.conn, HIGHEST_DELETED, 0)
                settings.set(self.conn, HIGHEST_DELETED, max(ids[-1], highest if isinstance(highest, int) else 0))
        snapshot.ids = [row[0] for row in snapshot.tables.get("contacts", ([], []))[1]]
        return snapshot

    def delete_effects(self, ids) -> list[str]:
        """Persian clauses for the delete question about other features' rows: those the delete
        takes along («۱ یادآوری تولد هم حذف می‌شود») and those that stay unlinked («۲ یادآوری
        مربوط به او می‌ماند، بی‌پیوند به مخاطب»)."""
        params = {"ids": ids_json(sorted(set(int(i) for i in ids)))}
        said, owned_rows = [], {}
        for table, column, condition, _detach in _owned_elsewhere(self.conn):
            rows = {r[0] for r in self.conn.execute(
                f'SELECT rowid FROM "{table}" WHERE {condition} AND "{column}" IN (SELECT value FROM json_each(:ids))',
                params)}
            owned_rows[table] = rows
            if rows:
                said.append(f"{format_number(len(rows))} {_OWNED_NAMES.get(table, 'مورد دیگر')} هم حذف می‌شود")
        for table, column, action in _referencing_links(self.conn):
            if action != "SET NULL":
                continue
            rows = {r[0] for r in self.conn.execute(
                f'SELECT rowid FROM "{table}" WHERE "{column}" IN (SELECT value FROM json_each(:ids))', params)}
            rows -= owned_rows.get(table, set())
            if rows:
                whom = "آن‌ها" if len(set(int(i) for i in ids)) > 1 else "او"
                said.append(f"{format_number(len(rows))} {_UNLINKED_NAMES.get(table, 'مورد')} مربوط به {whom} "
                            "می‌ماند، بی‌پیوند به مخاطب")
        return said

    def delete_blocker(self, ids) -> UserError | None:
        """The refusal ``delete(ids)`` would meet (a contact a cheque, reminder or file still
        points at), or None: the tab asks before the operator is asked to confirm."""
        ids = sorted(set(int(i) for i in ids))
        return self._still_used(ids, len(ids) > 1)

    def _still_used(self, ids: list[int], several: bool) -> UserError | None:
        """The error for a delete another feature's rows forbid: who is used, and where (None:
        nothing forbids it)."""
        params = {"ids": ids_json(ids)}
        used: dict[int, list[str]] = {}
        for table, column in _referencing_tables(self.conn, blocking=True):
            place = _PLACES.get(table, "بخش دیگری از برنامه")
            for (contact_id,) in self.conn.execute(
                    f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IN (SELECT value FROM json_each(:ids))',
                    params):
                if place not in used.setdefault(contact_id, []):
                    used[contact_id].append(place)

        def name(contact_id: int) -> str:
            row = self.conn.execute("SELECT display_name FROM contacts WHERE id = ?", (contact_id,)).fetchone()
            return row[0] if row else str(contact_id)

        if not used:
            return None
        en = f"contacts {sorted(used)} are still used elsewhere; nothing was deleted"
        if len(used) == 1:
            (contact_id, places), = used.items()
            done = "؛ هیچ‌یک از مخاطبان انتخاب‌شده حذف نشد." if several else " و حذف نشد."
            return UserError(en, f"مخاطب «{name(contact_id)}» در {' و '.join(places)} به کار رفته است{done}")
        shown = [f"«{name(i)}» ({' و '.join(places)})" for i, places in sorted(used.items())[:5]]
        more = " و …" if len(used) > 5 else ""
        return UserError(en, f"این مخاطبان در بخش‌های دیگر به کار رفته‌اند: {'، '.join(shown)}{more}؛ "
                             "هیچ‌یک از مخاطبان انتخاب‌شده حذف نشد.")

    def undo_delete(self, snapshot: DeletedContacts) -> None:
        """Put deleted contacts back with the same ids, phones, notes, groups and values."""
        with self._writing({"contacts", *OWN_TABLES}):
            params = {"ids": ids_json(snapshot.ids)}
            if self.conn.execute("SELECT 1 FROM contacts WHERE id IN (SELECT value FROM json_each(:ids))", params).fetchone():
                raise UserError("a deleted contact's id is in use again; nothing was restored",
                                "بازگردانی ممکن نیست: شناسه مخاطب حذف‌شده دوباره به کار رفته است.")
            groups = {r[0] for r in self.conn.execute("SELECT id FROM contact_groups")}
            fields = {r[0] for r in self.conn.execute("SELECT id FROM custom_fields")}
            order = ["contacts", *OWN_TABLES] + [t for t in snapshot.tables if t != "contacts" and t not in OWN_TABLES]
            for table in order:
                if table not in snapshot.tables:
                    continue
                columns, rows = snapshot.tables[table]
                if table == "contact_group_members":
                    rows = [r for r in rows if r[columns.index("group_id")] in groups]
                elif table == "contact_custom_values":
                    rows = [r for r in rows if r[columns.index("field_id")] in fields]
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                self.conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
            for (table, column), (keys, links) in snapshot.unlinked.items():  # still there: link them again
                where = " AND ".join(f'"{k}" IS ?' for k in keys)
                self.conn.executemany(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" IS NULL AND {where}',
                                      [(contact_id, *key) for contact_id, key in links])
            search_index.index_contacts(self.conn, snapshot.ids)

    def merge(self, keep_id: int, other_id: int) -> None:
        """Make one contact of two (``merge.merged``): ``keep_id`` gets every phone, e-mail,
        address, note, group and custom value of ``other_id`` (its own values win where both have
        one, the other's are written into its note; empty fields are filled in) and whatever else
        pointed at the other; the other is deleted."""
        if keep_id == other_id:
            raise UserError("a contact cannot be merged with itself", "یک مخاطب را نمی‌توان با خودش ادغام کرد.")
        with self._writing({"contacts", *OWN_TABLES}):
            keep, other = self.get(keep_id), self.get(other_id)
            if keep is None or other is None:
                self._contact_exists(None)
            contact, custom = self._checked(merged(keep, other, self.fields()))
            update_contact(self.conn, contact, custom, now_iso())
            self.conn.execute("UPDATE contact_notes SET contact_id = ? WHERE contact_id = ?", (keep_id, other_id))
            for table, column in _referencing_tables(self.conn):
                self.conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', (keep_id, other_id))
            before = (keep.display_name, keep.birthday or "")  # what the kept one's own rows were made from
            for table, column, condition, detach in _owned_elsewhere(self.conn):
                where = f'{condition} AND "{column}" = ?'
                if keep.kind != other.kind:
                    self.conn.execute(f'UPDATE "{table}" SET {detach} WHERE {where}', (other_id,))
                elif self.conn.execute(f'SELECT 1 FROM "{table}" WHERE {where}', (keep_id,)).fetchone():
                    self.conn.execute(f'DELETE FROM "{table}" WHERE {where}', (other_id,))
                elif self.conn.execute(f'SELECT 1 FROM "{table}" WHERE {where}', (other_id,)).fetchone():
                    self.conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE {where}', (keep_id, other_id))
                    before = (other.display_name, other.birthday or "")  # the rows now the kept one's
            search_index.unindex_contacts(self.conn, [other_id])
            self.conn.execute("DELETE FROM contacts WHERE id = ?", (other_id,))
            self.conn.execute(
                "UPDATE contacts SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE contact_id = :id) "
                "WHERE id = :id", {"id": keep_id})
            search_index.reindex_contacts(self.conn, [keep_id], moved=[keep_id])
            self._on_written([keep_id], {keep_id: before})

