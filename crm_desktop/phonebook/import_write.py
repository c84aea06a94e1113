"""The database half of an import: duplicates, merges, groups and inserts, all inside the one
transaction ``importer.run_import`` opens. Small imports go through ``Phonebook.add`` (one
savepoint each); a big one is inserted in bulk with executemany and the search index is
rebuilt once at the end (``Phonebook.rebuild_search_index``), which is what makes 100,000
contacts fit in a few seconds."""

from __future__ import annotations

import sqlite3

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError
from crm_desktop.phonebook.import_rows import ImportRow, report
from crm_desktop.phonebook.model import Contact
from crm_desktop.storage.db import transaction

BULK_MIN = 500  # new contacts from which the bulk path is used
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

    def resolve(self, names) -> list[int]:
        out = []
        for name in names:
            key = normalise(name)
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


def _mobiles(contact: Contact) -> list[str]:
    from crm_desktop.phonebook.importer import mobiles

    return mobiles(contact)


def _owner_name(book, national: str, contact_id: int) -> str:
    try:
        for owner_id, name in book.phone_owners(national):
            if owner_id == contact_id:
                return name
    except (AttributeError, sqlite3.Error):
        pass
    found = book.get(contact_id)
    return found.display_name if found is not None else ""


def write_rows(conn, rows: list[ImportRow], args, summary, progress) -> None:
    """Add, merge or skip every good row, in one transaction (see the module notes)."""
    from crm_desktop.phonebook.importer import MERGE, MERGED, SKIPPED, Entry, merge_into
    from crm_desktop.phonebook.repo import Phonebook

    book = Phonebook(conn)  # no notify: the caller tells the app once, after the commit
    total = len(rows)
    with transaction(conn):
        groups = Groups(book)
        if args.group_id is not None and args.group_id not in groups.ids.values():
            raise UserError(f"no group with id {args.group_id}", "گروه انتخاب‌شده دیگر وجود ندارد.")
        db_empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM contacts)").fetchone()[0]
        new: list[Contact] = []
        new_rows: list[ImportRow] = []
        seen: dict[str, tuple] = {}  # mobile -> ("new", index in new) | ("db", contact id)
        existing: dict[int, Contact] = {}  # database contacts that receive merged rows
        for i, row in enumerate(rows):
            if i % 2000 == 0:
                report(progress, i, total, TEXT_CHECKING)
            contact = row.contact
            contact.group_ids = groups.resolve(row.groups)
            if args.group_id is not None and args.group_id not in contact.group_ids:
                contact.group_ids.append(args.group_id)
            keys = _mobiles(contact)
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
            if target is None:
                for key in keys:
                    seen.setdefault(key, ("new", len(new)))
                new.append(contact)
                new_rows.append(row)
                continue
            shown = to_persian(mobile)
            if target[0] == "new":
                earlier = new_rows[target[1]]
                where_fa, where_en = f"پیش‌تر در {earlier.place}", f"earlier at {earlier.place_en}"
                owner, contact_id = new[target[1]], None
            else:
                contact_id = target[1]
                if contact_id not in existing and args.duplicates == MERGE:
                    existing[contact_id] = book.get(contact_id)
                owner = existing.get(contact_id)
                name = owner.display_name if owner is not None else _owner_name(book, mobile, contact_id)
                where_fa, where_en = f"از پیش برای «{name}»", f"already saved for {name!r}"
            if args.duplicates == MERGE:
                merge_into(owner, contact)
                for key in _mobiles(owner):
                    seen.setdefault(key, target)
                summary.entries.append(Entry(
                    row.number, row.where, MERGED, row.name,
                    f"شماره همراه {shown} {where_fa} ثبت است؛ اطلاعات تازه به آن افزوده شد",
                    f"mobile {mobile} is {where_en}; merged into it", contact_id))
                summary.merged += 1
            else:
                summary.entries.append(Entry(
                    row.number, row.where, SKIPPED, row.name,
                    f"شماره همراه {shown} {where_fa} ثبت است",
                    f"mobile {mobile} is {where_en}; skipped", contact_id))
                summary.skipped += 1
        report(progress, total, total, TEXT_CHECKING)
        for contact_id, contact in existing.items():
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


CONTACT_SQL = (
    "INSERT INTO contacts (id, kind, title, first_name, last_name, organisation, job_title, unit, manager, birthday, "
    "national_code, website, note, display_name, sort_key, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
PHONE_SQL = "INSERT INTO contact_phones (contact_id, kind, number, national, ext, position) VALUES (?, ?, ?, ?, ?, ?)"
EMAIL_SQL = "INSERT INTO contact_emails (contact_id, email, position) VALUES (?, ?, ?)"
ADDRESS_SQL = ("INSERT INTO contact_addresses (contact_id, province, city, street, postal_code, position) "
               "VALUES (?, ?, ?, ?, ?, ?)")
MEMBER_SQL = "INSERT OR IGNORE INTO contact_group_members (group_id, contact_id) VALUES (?, ?)"
CHUNK = 10_000
DROP_INDEXES_MIN = 20_000
CONTACT_TABLES = ("contacts", "contact_phones", "contact_emails", "contact_addresses", "contact_group_members")


def secondary_indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the explicit indexes on the contact tables, in creation order."""
    marks = ", ".join("?" * len(CONTACT_TABLES))
    return conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) "
        "ORDER BY rowid", CONTACT_TABLES).fetchall()


def bulk_add(book, conn, contacts: list[Contact], progress) -> list[int]:
    """Insert many validated contacts with executemany (the same rows ``Phonebook.add`` writes,
    see contact_rows.insert_contact), then index them for search in one go: a rebuild of the
    whole index when they are at least a quarter of the book, else ``index_contacts``. Runs
    inside the caller's transaction; returns the new ids in order."""
    from crm_desktop.core.text import sort_key
    from crm_desktop.phonebook import search_index
    from crm_desktop.phonebook.model import now_iso

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
    for start in range(0, total, CHUNK):
        report(progress, start, total, TEXT_ADDING)
        rows, phones, emails, addresses, members = [], [], [], [], []
        for contact_id, c in zip(ids[start:start + CHUNK], contacts[start:start + CHUNK]):
            rows.append((contact_id, c.kind, c.title, c.first_name, c.last_name, c.organisation, c.job_title, c.unit,
                         c.manager, c.birthday, c.national_code, c.website, c.note, c.display_name,
                         sort_key(c.sort_name), now, now))
            for position, p in enumerate(c.phones):
                phones.append((contact_id, p.kind, p.number, p.national, p.ext or "", position))
            for position, e in enumerate(c.emails):
                emails.append((contact_id, e, position))
            for position, a in enumerate(c.addresses):
                addresses.append((contact_id, a.province, a.city, a.street, a.postal_code, position))
            for group_id in c.group_ids:
                members.append((group_id, contact_id))
        conn.executemany(CONTACT_SQL, rows)
        conn.executemany(PHONE_SQL, phones)
        conn.executemany(EMAIL_SQL, emails)
        conn.executemany(ADDRESS_SQL, addresses)
        conn.executemany(MEMBER_SQL, members)
    for _name, create in dropped:
        conn.execute(create)
    report(progress, total, total, TEXT_ADDING)

    def indexed(done, count):
        report(progress, done, count, TEXT_INDEX)

    in_book += total
    if total * 4 >= in_book:
        search_index.rebuild(conn, indexed)
    else:
        search_index.index_contacts(conn, ids, indexed)
    return ids


def max_addresses(conn: sqlite3.Connection) -> int:
    """The most addresses one contact has (export: how many address column groups)."""
    row = conn.execute(
        "SELECT coalesce(max(n), 1) FROM (SELECT count(*) AS n FROM contact_addresses GROUP BY contact_id)"
    ).fetchone()
    return int(row[0] or 1)
