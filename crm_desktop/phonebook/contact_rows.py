"""Reading and writing one contact's rows (SQL): the contact with its phones, e-mails, addresses,
groups and custom values, loaded for many contacts in a few queries, and written back whole."""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from dataclasses import dataclass, field

from crm_desktop.core.digits import to_persian
from crm_desktop.core.phone import format_phone
from crm_desktop.core.text import sort_key
from crm_desktop.phonebook.model import Address, Contact, Phone

CONTACT_COLUMNS = ("kind", "title", "first_name", "last_name", "organisation", "job_title", "unit", "manager",
                   "birthday", "national_code", "website", "note")
PHONE_SEPARATOR = "، "


@dataclass
class ContactRow:
    """One line of the phonebook table."""

    id: int
    display_name: str
    organisation: str = ""
    phones: str = ""  # for display: Persian digits, grouped, «، » between numbers
    last_contact_at: str | None = None
    custom: dict[int, str] = field(default_factory=dict)  # field id -> stored value (shown fields)
    kind: str = "person"
    job_title: str = ""
    email: str = ""  # the first e-mail
    created_at: str = ""


def ids_json(ids) -> str:
    return json.dumps([int(i) for i in ids])


def phone_text(national: str, ext: str = "", typed: str = "") -> str:
    """A stored number as the table shows it: ``۰۹۱۲ ۱۲۳ ۴۵۶۷``, ``۰۲۱ ۸۸۷۷ ۶۶۵۵ داخلی ۱۲``; a
    foreign one in the groups it was ``typed`` with (``+۳۳ ۱ ۴۲ ۶۸ ۵۳ ۰۰``)."""
    text = _shown(national, typed if national.startswith("+") else "")
    return f"{text} داخلی {to_persian(ext)}" if ext else text


@lru_cache(maxsize=4096)
def _shown(national: str, typed: str) -> str:
    return format_phone(national, typed=typed)


def load_contacts(conn: sqlite3.Connection, ids: list[int]) -> list[Contact]:
    """Full contacts for ``ids``, in that order (ids that do not exist are left out)."""
    if not ids:
        return []
    params = {"ids": ids_json(ids)}
    columns = ", ".join(CONTACT_COLUMNS)
    found: dict[int, Contact] = {}
    for row in conn.execute(
        f"SELECT id, {columns}, created_at, updated_at, last_contact_at FROM contacts "
        "WHERE id IN (SELECT value FROM json_each(:ids))", params,
    ):
        values = dict(zip(CONTACT_COLUMNS, row[1:1 + len(CONTACT_COLUMNS)]))
        found[row[0]] = Contact(**values, id=row[0], created_at=row[-3], updated_at=row[-2], last_contact_at=row[-1])
    where = "WHERE contact_id IN (SELECT value FROM json_each(:ids))"
    for contact_id, phone_id, kind, number, national, ext in conn.execute(
        f"SELECT contact_id, id, kind, number, national, ext FROM contact_phones {where} ORDER BY position, id", params
    ):
        found[contact_id].phones.append(Phone(number, kind, ext, national, phone_id))
    for contact_id, email in conn.execute(
        f"SELECT contact_id, email FROM contact_emails {where} ORDER BY position, id", params
    ):
        found[contact_id].emails.append(email)
    for contact_id, address_id, province, city, street, postal in conn.execute(
        f"SELECT contact_id, id, province, city, street, postal_code FROM contact_addresses {where} ORDER BY position, id",
        params,
    ):
        found[contact_id].addresses.append(Address(province, city, street, postal, address_id))
    for contact_id, group_id in conn.execute(
        f"SELECT m.contact_id, m.group_id FROM contact_group_members m JOIN contact_groups g ON g.id = m.group_id "
        f"{where.replace('contact_id', 'm.contact_id', 1)} ORDER BY g.sort_key, g.id", params
    ):
        found[contact_id].group_ids.append(group_id)
    for contact_id, field_id, value in conn.execute(
        f"SELECT contact_id, field_id, value FROM contact_custom_values {where} ORDER BY field_id", params
    ):
        found[contact_id].custom[field_id] = value
    return [found[i] for i in ids if i in found]


def table_rows(conn: sqlite3.Connection, ids: list[int], shown_fields: list[int]) -> list[ContactRow]:
    """The table lines for ``ids``, in that order."""
    if not ids:
        return []
    params = {"ids": ids_json(ids)}
    found: dict[int, ContactRow] = {}
    for contact_id, kind, name, organisation, job, last, created in conn.execute(
        "SELECT id, kind, display_name, organisation, job_title, last_contact_at, created_at FROM contacts "
        "WHERE id IN (SELECT value FROM json_each(:ids))", params,
    ):
        found[contact_id] = ContactRow(contact_id, name, organisation, "", last, {}, kind, job, created_at=created)
    phones: dict[int, list[str]] = {}
    for contact_id, national, number, ext in conn.execute(
        "SELECT contact_id, national, number, ext FROM contact_phones WHERE contact_id IN (SELECT value FROM json_each(:ids)) "
        "ORDER BY contact_id, position, id", params,
    ):
        phones.setdefault(contact_id, []).append(phone_text(national, ext, number))
    for contact_id, shown in phones.items():
        found[contact_id].phones = PHONE_SEPARATOR.join(shown)
    for contact_id, email in conn.execute(
        "SELECT contact_id, email FROM contact_emails WHERE contact_id IN (SELECT value FROM json_each(:ids)) "
        "ORDER BY contact_id, position DESC, id DESC", params,
    ):
        found[contact_id].email = email  # the last one written is the first in order
    if shown_fields:
        params["fields"] = ids_json(shown_fields)
        for contact_id, field_id, value in conn.execute(
            "SELECT contact_id, field_id, value FROM contact_custom_values "
            "WHERE contact_id IN (SELECT value FROM json_each(:ids)) AND field_id IN (SELECT value FROM json_each(:fields))",
            params,
        ):
            found[contact_id].custom[field_id] = value
    return [found[i] for i in ids if i in found]


def insert_contact(conn: sqlite3.Connection, contact: Contact, contact_id: int, custom: dict, now: str) -> None:
    """The contacts row and all its child rows (``custom``: field id -> (value, sort value))."""
    values = {name: getattr(contact, name) for name in CONTACT_COLUMNS}
    values.update(id=contact_id, display_name=contact.display_name, sort_key=sort_key(contact.sort_name),
                  organisation_key=sort_key(contact.organisation), created_at=contact.created_at or now,
                  updated_at=now, last_contact_at=contact.last_contact_at)
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(f"INSERT INTO contacts ({names}) VALUES ({marks})", values)
    write_children(conn, contact, contact_id, custom)


def update_contact(conn: sqlite3.Connection, contact: Contact, custom: dict, now: str) -> None:
    values = {name: getattr(contact, name) for name in CONTACT_COLUMNS}
    values.update(id=contact.id, display_name=contact.display_name, sort_key=sort_key(contact.sort_name),
                  organisation_key=sort_key(contact.organisation), updated_at=now)
    assignments = ", ".join(f"{name} = :{name}" for name in values if name != "id")
    conn.execute(f"UPDATE contacts SET {assignments} WHERE id = :id", values)
    for table in ("contact_phones", "contact_emails", "contact_addresses", "contact_group_members", "contact_custom_values"):
        conn.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact.id,))
    write_children(conn, contact, contact.id, custom)


def write_children(conn: sqlite3.Connection, contact: Contact, contact_id: int, custom: dict) -> None:
    conn.executemany(
        "INSERT INTO contact_phones (id, contact_id, kind, number, national, ext, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(p.id, contact_id, p.kind, p.number, p.national, p.ext or "", i) for i, p in enumerate(contact.phones)],
    )
    conn.executemany(
        "INSERT INTO contact_emails (contact_id, email, position) VALUES (?, ?, ?)",
        [(contact_id, e, i) for i, e in enumerate(contact.emails)],
    )
    conn.executemany(
        "INSERT INTO contact_addresses (id, contact_id, province, city, street, postal_code, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(a.id, contact_id, a.province, a.city, a.street, a.postal_code, i) for i, a in enumerate(contact.addresses)],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO contact_group_members (group_id, contact_id) VALUES (?, ?)",
        [(g, contact_id) for g in contact.group_ids],
    )
    conn.executemany(
        "INSERT INTO contact_custom_values (contact_id, field_id, value, sort_value) VALUES (?, ?, ?, ?)",
        [(contact_id, f, value, order) for f, (value, order) in custom.items()],
    )
