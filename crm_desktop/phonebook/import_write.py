"""The database half of an import: duplicates, merges, groups and inserts, all inside the one
transaction ``importer.run_import`` opens. Small imports go through ``Phonebook.add`` (one
savepoint each); a big one is inserted in bulk with executemany and the search index is
rebuilt once at the end (``Phonebook.rebuild_search_index``), which is what makes 100,000
contacts fit in a few seconds."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import nullcontext
from itertools import chain
from operator import attrgetter
from functools import lru_cache

from crm_desktop.core.phone import format_phone
from crm_desktop.core.text import normalise, quoted
from crm_desktop.errors import UserError
from crm_desktop.phonebook.import_rows import ImportRow, report
from crm_desktop.phonebook.model import Contact
from crm_desktop.storage.db import page_cache, transaction

BULK_MIN = 500  # new contacts from which the bulk path is used
BULK_CACHE_MIB = 128  # the page cache of a big import (100,000 contacts write about 90 MiB)
TEXT_CHECKING = "بررسی تکراری‌ها…"
TEXT_ADDING = "افزودن مخاطبان…"
TEXT_MERGING = "ادغام با مخاطبان موجود…"
TEXT_INDEX = "به‌روزرسانی نمایه جستجو…"
GROUP_COLOURS = ("#1f6f8b", "#99a8b2", "#e6a400", "#4e9f3d", "#b33030", "#6a4c93", "#d96098", "#2d4059")


class Groups:
    """Group names → ids, creating the groups a file names that do not exist yet."""

    def __init__(self, book):
        self.book = book
        self.ids = {normalise(g.name): g.id for g in book.groups()}
        self.created = 0
        self._keys: dict[str, str] = {}  # name as written -> normalise(name) (a file repeats them)

    def resolve(self, names) -> list[int]:
        out = []
        for name in names:
            key = self._keys.get(name)
            if key is None:
                key = self._keys[name] = normalise(name)
            if not key:
                continue
            if key not in self.ids:
                colour = GROUP_COLOURS[(len(self.ids)) % len(GROUP_COLOURS)]
                try:
                    self.ids[key] = self.book.add_group(name.strip(), colour)
                except UserError:  # a name the phonebook cannot take (too long…): no group
                    self.ids[key] = None
                    continue
                self.created += 1
            if self.ids[key] is None:
                continue
            if self.ids[key] not in out:
                out.append(self.ids[key])
        return out


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return normalise(text)


def _name_keys(kind: str, title: str, first: str, last: str, organisation: str) -> tuple:
    """The keys a contact's name gives: its normalised display name and sort name (built from
    the normalised parts, each remembered: a big file repeats its first and last names)."""
    from crm_desktop.phonebook.model import display_name, sort_name

    title, first, last = _folded(title or ""), _folded(first or ""), _folded(last or "")
    organisation = _folded(organisation or "")
    out = ()
    key = display_name(kind, title, first, last, organisation)
    if key:
        out += (("d", key),)
    key = sort_name(kind, first, last, organisation)
    if key:
        out += (("s", key),)
    return out


def contact_name_keys(contact: Contact) -> tuple:
    return _name_keys(contact.kind, contact.title, contact.first_name, contact.last_name, contact.organisation)


SHARED = 16  # holders of one phone or e-mail from which they are looked up by name


class SameNameIndex:
    """The second test for a duplicate, for a contact whose mobile matched nothing: the same
    normalised display name (or sort name) and a shared phone (any kind, national form) or
    e-mail (case-insensitive). A dict from ("p", phone) / ("e", e-mail) to the contacts that
    have it — ("db", id) or ("new", index in the file's new contacts) — so each row costs a few
    lookups, and names are normalised only for the rows that share a phone or an e-mail with
    someone. The database's phones and e-mails are read into it once, when a row first needs
    them (never for an empty book)."""

    def __init__(self, conn: sqlite3.Connection, db_empty: bool):
        self.conn = conn
        self.holders: dict[tuple, list] = {}  # ("p" | "e", value) -> [where, …] (database first)
        self.sources: dict[tuple, object] = {}  # where -> Contact, or the database name columns
        self.names: dict[tuple, tuple] = {}  # where -> its name keys (as needed)
        self.grouped: dict[tuple, tuple[int, dict]] = {}  # a much-shared phone: (holders seen, {name: where})
        self.loaded = bool(db_empty)

    def load(self) -> None:
        self.loaded = True
        pending, self.holders = self.holders, {}
        holders, sources = self.holders, self.sources
        for row in self.conn.execute(
                "SELECT id, kind, title, first_name, last_name, organisation, display_name FROM contacts"):
            sources.setdefault(("db", row[0]), row)
        for sql, what in (("SELECT contact_id, national FROM contact_phones ORDER BY contact_id, position, id", "p"),
                          ("SELECT contact_id, email FROM contact_emails ORDER BY contact_id, position, id", "e")):
            for contact_id, value in self.conn.execute(sql):
                if not value:
                    continue
                key = (what, value.casefold() if what == "e" else value)
                where = ("db", contact_id)
                found = holders.get(key)
                if found is None:
                    holders[key] = [where]
                elif found[-1] != where:  # rows come by contact: a repeat is the last one
                    found.append(where)
        for key, wheres in pending.items():  # the file's earlier rows after the database's contacts
            holders.setdefault(key, []).extend(wheres)

    def _names_of(self, where: tuple) -> tuple:
        names = self.names.get(where)
        if names is None:
            source = self.sources.get(where)
            if source is None:
                names = ()
            elif isinstance(source, Contact):
                names = contact_name_keys(source)
            else:
                names = _name_keys(*source[1:6])
            self.names[where] = names
        return names

    @staticmethod
    def keys_of(contact: Contact) -> list[tuple]:
        """The contact's ("p", phone) keys, then its ("e", e-mail) keys."""
        keys = [("p", p.national) for p in contact.phones if p.national]
        if contact.emails:
            keys += [("e", e.casefold()) for e in contact.emails]
        return keys

    def find(self, contact: Contact, keys: list[tuple] | None = None) -> tuple[tuple | None, tuple | None]:
        """(where, ("phone" | "email", the shared value)) or (None, None). ``keys``: its
        ``keys_of`` when already made."""
        if not (contact.phones or contact.emails):
            return None, None
        if not self.loaded:
            self.load()
        if keys is None:
            keys = self.keys_of(contact)
        names = None
        holders_of = self.holders.get
        for i, key in enumerate(keys):
            holders = holders_of(key)
            if not holders:
                continue
            if key[0] == "p":
                shared = ("phone", key[1])
            else:  # the e-mails come last: the shared one as the row wrote it
                shared = ("email", contact.emails[i - len(keys) + len(contact.emails)])
            if names is None:
                names = set(contact_name_keys(contact))
                if not names:
                    return None, None
            if len(holders) > SHARED:
                where = self._by_name(key, holders, names)
                if where is not None:
                    return where, shared
                continue
            for where in holders:
                if not names.isdisjoint(self._names_of(where)):
                    return where, shared
        return None, None

    def _by_name(self, key: tuple, holders: list, names: set) -> tuple | None:
        """For a phone or e-mail many contacts share (a switchboard): {name key: where}, kept
        up to date as holders are added, so a row costs a lookup, not a walk over them all."""
        seen, by_name = self.grouped.get(key, (0, {}))
        for where in holders[seen:]:
            for name in self._names_of(where):
                by_name.setdefault(name, where)
        self.grouped[key] = (len(holders), by_name)
        for name in names:
            where = by_name.get(name)
            if where is not None:
                return where
        return None

    def remember(self, contact: Contact, where: tuple, keys: list[tuple] | None = None) -> None:
        """``contact`` is at ``where`` now (a new row, or a contact that received a merge);
        ``keys``: its ``keys_of`` when already made."""
        self.sources[where] = contact
        old = self.names.pop(where, None)
        if old is not None and self._names_of(where) != old:  # a merge gave it another name
            self.grouped.clear()
        holders = self.holders
        for key in self.keys_of(contact) if keys is None else keys:
            found = holders.get(key)
            if found is None:
                holders[key] = [where]
            elif found[-1] != where:
                found.append(where)

    def name_of(self, contact_id: int) -> str:
        source = self.sources.get(("db", contact_id))
        if isinstance(source, Contact):
            return source.display_name
        return source[6] if source is not None else ""


def shared_keys(row_keys: list[list[tuple]], same_name: SameNameIndex) -> set[tuple]:
    """The ("p", phone) / ("e", e-mail) keys that two rows of the file share, or a row shares
    with the database. A row with none of them is no duplicate and has none: it is added without
    the row-by-row checks (nothing it holds can make a later row a duplicate either)."""
    counts = Counter(chain.from_iterable(row_keys))
    shared = {key for key, n in counts.items() if n > 1}
    if not same_name.loaded:  # a book with contacts: its phones and e-mails
        same_name.load()
    if same_name.holders:
        shared.update(key for key in counts if key in same_name.holders)
    return shared


def _owner_name(book, national: str, contact_id: int) -> str:
    try:
        for owner_id, name in book.phone_owners(national):
            if owner_id == contact_id:
                return name
    except (AttributeError, sqlite3.Error):
        pass
    found = book.get(contact_id)
    return found.display_name if found is not None else ""


def shown_phone(national: str) -> str:
    """A number inside a Persian sentence as the table shows it: «⁦۰۹۱۲ ۱۲۳ ۴۵۶۷⁩», left to right."""
    return f"\u2066{format_phone(national)}\u2069"


def and_list(items: list[str]) -> str:
    """«الف»، «الف و ب»، «الف، ب و ج»."""
    return items[0] if len(items) == 1 else f"{'، '.join(items[:-1])} و {items[-1]}"


def merge_outcome(merged) -> tuple[str, str]:
    """(Persian, English) of what a merge did (``merge.Merged``), after «… ثبت است؛»: the new
    details added, and the fields the file had otherwise, whose saved values were kept; ('', '')
    when it did nothing."""
    fa, en = [], []
    if merged.added:
        fa.append("اطلاعات تازه به آن افزوده شد")
        en.append("the new details were added to it")
    if merged.differed:
        names_fa = and_list([name for name, _ in merged.differed])
        names_en = " and ".join([", ".join(name for _, name in merged.differed[:-1]), merged.differed[-1][1]]
                                if len(merged.differed) > 1 else [merged.differed[0][1]])
        fa.append(f"{names_fa} فرق داشت و مقدار ثبت‌شده ماند"
                  + ("؛ مقدار پرونده در یادداشت آن آمد" if merged.noted else ""))
        en.append(f"the file's {names_en} differed and the saved value was kept"
                  + (" (the file's went into its note)" if merged.noted else ""))
    return "؛ ".join(fa), "; ".join(en)


def write_rows(conn, rows: list[ImportRow], args, summary, progress, new_fields=()) -> None:
    """Add, merge or skip every good row, in one transaction (see the module notes). The
    provisional ``new_fields`` (``import_fields``) the rows were read with are made first."""
    from crm_desktop.phonebook.importer import MERGE, MERGED, SKIPPED, Entry, mobiles
    from crm_desktop.phonebook.merge import merge_into
    from crm_desktop.phonebook.repo import Phonebook

    book = Phonebook(conn)  # no notify: the caller tells the app once, after the commit
    total = len(rows)
    cache = page_cache(conn, BULK_CACHE_MIB) if total >= BULK_MIN else nullcontext()
    with cache, transaction(conn):
        if new_fields:
            from crm_desktop.phonebook.import_fields import create

            summary.created_fields = create(book, new_fields, (row.contact for row in rows))
        groups = Groups(book)
        if args.group_id is not None and args.group_id not in groups.ids.values():
            raise UserError(f"no group with id {args.group_id}", "گروه انتخاب‌شده دیگر وجود ندارد.")
        db_empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM contacts)").fetchone()[0]
        new: list[Contact] = []
        new_rows: list[ImportRow] = []
        seen: dict[str, tuple] = {}  # mobile -> ("new", index in new) | ("db", contact id)
        existing: dict[int, Contact] = {}  # database contacts that receive merged rows
        changed: set[int] = set()  # … and those a row added something to
        same_name = SameNameIndex(conn, db_empty)
        fields = book.fields() if args.duplicates == MERGE else ()  # custom values compared in a merge
        row_keys = [same_name.keys_of(row.contact) for row in rows]
        shared = shared_keys(row_keys, same_name)
        for i, row in enumerate(rows):
            if i % 2000 == 0:
                report(progress, i, total, TEXT_CHECKING)
            contact = row.contact
            contact.group_ids = groups.resolve(row.groups) if row.groups else []
            if args.group_id is not None and args.group_id not in contact.group_ids:
                contact.group_ids.append(args.group_id)
            shared_keys_row = row_keys[i]
            if shared.isdisjoint(shared_keys_row):  # no phone or e-mail of it is anywhere else
                new.append(contact)
                new_rows.append(row)
                continue
            keys = mobiles(contact)
            target = mobile = None
            for mobile in keys:
                target = seen.get(mobile)
                if target is not None:
                    break
            if target is None and not db_empty:
                for mobile in keys:
                    found = book.find_by_mobile(mobile)
                    if found is not None:
                        target = ("db", found)
                        break
            by_name = None  # ("phone" | "email", value): a duplicate by its name and that
            if target is None:
                target, by_name = same_name.find(contact, shared_keys_row)
            if target is None:
                here = ("new", len(new))
                for key in keys:
                    seen.setdefault(key, here)
                same_name.remember(contact, here, shared_keys_row)
                new.append(contact)
                new_rows.append(row)
                continue
            if target[0] == "new":
                earlier = new_rows[target[1]]
                where_fa, where_en = f"پیش‌تر در {earlier.place}", f"earlier at {earlier.place_en}"
                owner, contact_id = new[target[1]], None
            else:
                contact_id = target[1]
                if contact_id not in existing and args.duplicates == MERGE:
                    existing[contact_id] = book.get(contact_id)
                owner = existing.get(contact_id)
                if owner is not None:
                    name = owner.display_name
                elif by_name is None:
                    name = _owner_name(book, mobile, contact_id)
                else:
                    name = same_name.name_of(contact_id) or _owner_name(book, "", contact_id)
                where_fa, where_en = f"از پیش برای «{name}»", f"already saved for {quoted(name)}"
            if by_name is None:
                what_fa, what_en = f"شماره همراه {shown_phone(mobile)}", f"mobile {mobile}"
            elif by_name[0] == "phone":
                what_fa, what_en = f"همین نام و تلفن {shown_phone(by_name[1])}", f"the same name and phone {by_name[1]}"
            else:
                what_fa, what_en = f"همین نام و ایمیل {by_name[1]}", f"the same name and e-mail {by_name[1]}"
            merged = merge_into(owner, contact, fields) if args.duplicates == MERGE else None
            if merged:
                if contact_id is not None:
                    changed.add(contact_id)
                for key in mobiles(owner):
                    seen.setdefault(key, target)
                same_name.remember(owner, target)
                fa, en = merge_outcome(merged)
                summary.entries.append(Entry(row.number, row.where, MERGED, row.name, f"{what_fa} {where_fa} ثبت است؛ {fa}",
                                             f"{what_en} is {where_en}; {en}", contact_id))
                summary.merged += 1
            elif merged is not None:  # the row holds nothing the contact lacks: nothing is written
                fa, en = merge_outcome(merged)
                summary.entries.append(Entry(
                    row.number, row.where, SKIPPED, row.name,
                    f"{what_fa} {where_fa} ثبت است؛ {fa}" if fa else f"{what_fa} {where_fa} ثبت است و چیز تازه‌ای نداشت",
                    f"{what_en} is {where_en}; {en}" if en else f"{what_en} is {where_en}, with nothing new", contact_id))
                summary.skipped += 1
            else:
                summary.entries.append(Entry(
                    row.number, row.where, SKIPPED, row.name,
                    f"{what_fa} {where_fa} ثبت است",
                    f"{what_en} is {where_en}", contact_id))
                summary.skipped += 1
        report(progress, total, total, TEXT_CHECKING)
        for contact_id, contact in existing.items():
            if contact_id in changed:
                book.update(contact)
                summary.merged_ids.append(contact_id)
        if len(new) >= BULK_MIN:
            summary.added_ids = bulk_add(book, conn, new, progress)
        else:
            summary.added_ids = []
            for i, contact in enumerate(new):
                if i % 100 == 0:
                    report(progress, i, len(new), TEXT_ADDING)
                summary.added_ids.append(book.add(contact))
        summary.added = len(new)
        report(progress, len(new), len(new), TEXT_ADDING)


# a contact's stored columns in CONTACT_SQL's order, from kind to note (the first five: what
# display_name takes)
stored_fields = attrgetter("kind", "title", "first_name", "last_name", "organisation", "job_title", "unit", "manager",
                           "birthday", "national_code", "website", "note")
CONTACT_SQL = (
    "INSERT INTO contacts (id, kind, title, first_name, last_name, organisation, job_title, unit, manager, birthday, "
    "national_code, website, note, display_name, sort_key, created_at, updated_at, organisation_key) VALUES "
)
PHONE_SQL = "INSERT INTO contact_phones (contact_id, kind, number, national, ext, position) VALUES "
EMAIL_SQL = "INSERT INTO contact_emails (contact_id, email, position) VALUES "
ADDRESS_SQL = "INSERT INTO contact_addresses (contact_id, province, city, street, postal_code, position) VALUES "
MEMBER_SQL = "INSERT OR IGNORE INTO contact_group_members (group_id, contact_id) VALUES "
# name_key written here (the contact's sort key) spares the trigger of migration 8 one UPDATE per value
CUSTOM_SQL = "INSERT INTO contact_custom_values (contact_id, field_id, value, sort_value, name_key) VALUES "
ROWS_PER_INSERT = 500  # rows in one multi-row INSERT (bounded by SQLite's limit on parameters)
CHUNK = 10_000
DROP_INDEXES_MIN = 20_000
CONTACT_TABLES = ("contacts", "contact_phones", "contact_emails", "contact_addresses", "contact_group_members")


def secondary_indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the explicit indexes on the contact tables, in creation order."""
    marks = ", ".join("?" * len(CONTACT_TABLES))
    return conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) "
        "ORDER BY rowid", CONTACT_TABLES).fetchall()


def _parameter_limit(conn: sqlite3.Connection) -> int:
    """The most ``?`` one statement may hold."""
    try:
        return conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python 3.10 has no Connection.getlimit
        return 999  # SQLite's default before 3.32 (32766 since)


def insert_rows(conn: sqlite3.Connection, head: str, width: int, values: list) -> None:
    """Insert the rows whose ``width`` values follow each other in ``values`` with ``head``
    («INSERT INTO t (…) VALUES »), many rows per statement: one statement step per few hundred
    rows instead of one per row (a phone row costs half as much as through executemany)."""
    if not values:
        return
    per = max(1, min(ROWS_PER_INSERT, _parameter_limit(conn) // width))
    one = "(" + ", ".join("?" * width) + ")"
    full = head + ", ".join([one] * per)
    step = per * width
    for start in range(0, len(values), step):
        part = values[start:start + step]
        conn.execute(full if len(part) == step else head + ", ".join([one] * (len(part) // width)), part)


def bulk_add(book, conn, contacts: list[Contact], progress) -> list[int]:
    """Insert many validated contacts in multi-row INSERTs (the same rows ``Phonebook.add`` writes,
    see contact_rows.insert_contact), then index them for search in one go: a rebuild of the
    whole index when they are at least a quarter of the book, else ``index_contacts``; their
    search documents are made here from the contacts in memory, not read back. Runs inside the
    caller's transaction; returns the new ids in order."""
    from crm_desktop.core.text import sort_key
    from crm_desktop.phonebook import search_index
    from crm_desktop.phonebook.model import display_name, now_iso, sort_name
    from crm_desktop.phonebook.repo_groups import custom_value
    from crm_desktop.phonebook.search import DocumentBuilder

    fields = {f.id: f for f in book.fields()} if any(c.custom for c in contacts) else {}
    first = book._next_id()  # noqa: SLF001 - ids are never handed out twice (deleted ones count)
    now = now_iso()
    total = len(contacts)
    ids = list(range(first, first + total))
    in_book = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    # Into a book no bigger than the file: drop the secondary indexes and build them once at the
    # end (in this transaction) rather than update them row by row.
    dropped = secondary_indexes(conn) if total >= DROP_INDEXES_MIN and total >= in_book else []
    for name, _sql in dropped:
        conn.execute(f'DROP INDEX "{name}"')
    builder, documents, document_of = DocumentBuilder(), {}, search_index.contact_documents
    keys: dict[str, str] = {}  # sort name or organisation -> its sort key (names repeat)
    stored_custom: dict[tuple, tuple] = {}  # (field id, value) -> (field, custom_value(field, value))
    for start in range(0, total, CHUNK):
        report(progress, start, total, TEXT_ADDING)
        rows, phones, emails, addresses, members, custom = [], [], [], [], [], []
        for contact_id, c in zip(ids[start:start + CHUNK], contacts[start:start + CHUNK]):
            values = stored_fields(c)  # kind, title, first_name, last_name, organisation, …
            name = sort_name(values[0], values[2], values[3], values[4])
            name_key = keys.get(name)
            if name_key is None:
                name_key = keys[name] = sort_key(name)
            organisation_key = keys.get(values[4])
            if organisation_key is None:
                organisation_key = keys[values[4]] = sort_key(values[4])
            rows += (contact_id, *values, display_name(*values[:5]), name_key, now, now, organisation_key)
            for position, p in enumerate(c.phones):
                phones += (contact_id, p.kind, p.number, p.national, p.ext or "", position)
            for position, e in enumerate(c.emails):
                emails += (contact_id, e, position)
            for position, a in enumerate(c.addresses):
                addresses += (contact_id, a.province, a.city, a.street, a.postal_code, position)
            for group_id in c.group_ids:
                members += (group_id, contact_id)
            if not c.custom:
                documents[contact_id] = document_of(builder, c)
                continue
            searched = []  # (kind, stored value) in field id order, as the index reads them back
            for field_id, value in c.custom.items():
                stored = stored_custom.get((field_id, value))
                if stored is None:
                    field = fields.get(int(field_id))
                    if field is None:
                        raise UserError(f"no custom field with id {field_id}", "این فیلد دلخواه دیگر وجود ندارد.")
                    stored = stored_custom[(field_id, value)] = (field, custom_value(field, value))
                field, stored = stored
                if stored is not None:
                    custom += (contact_id, field.id, stored[0], stored[1], name_key)
                    searched.append((field.id, field.kind, stored[0]))
            if len(searched) > 1:
                searched.sort()
            documents[contact_id] = document_of(builder, c, [(kind, value) for _, kind, value in searched])
        insert_rows(conn, CONTACT_SQL, 18, rows)
        insert_rows(conn, PHONE_SQL, 6, phones)
        insert_rows(conn, EMAIL_SQL, 3, emails)
        insert_rows(conn, ADDRESS_SQL, 6, addresses)
        insert_rows(conn, MEMBER_SQL, 2, members)
        insert_rows(conn, CUSTOM_SQL, 5, custom)
    for _name, create in dropped:
        conn.execute(create)
    report(progress, total, total, TEXT_ADDING)

    def indexed(done, count):
        report(progress, done, count, TEXT_INDEX)

    in_book += total
    if total * 4 >= in_book:
        search_index.rebuild(conn, indexed, known=documents)
    else:
        search_index.index_contacts(conn, ids, indexed, known=documents)
    return ids


def max_addresses(conn: sqlite3.Connection) -> int:
    """The most addresses one contact has (export: how many address column groups)."""
    row = conn.execute(
        "SELECT coalesce(max(n), 1) FROM (SELECT count(*) AS n FROM contact_addresses GROUP BY contact_id)"
    ).fetchone()
    return int(row[0] or 1)
