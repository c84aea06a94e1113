"""Exporting contacts: all of them, one group, or a search result, as vCard 3.0, CSV or XLSX.

``export_contacts(source, query, path, fmt=None, progress=None) -> ExportResult`` is a plain
function (no Qt) that the UI's ops runner runs on a worker thread. ``source`` is an Office (the
export then reads through its own connection to the file, so the app may go on writing), a
Phonebook, a connection or a database path. Contacts come in Persian order of their names.

The CSV / XLSX columns carry our Persian headers (``columns.EXPORT_HEADERS``), which
``columns.suggest_mapping`` recognises, so an exported sheet imports again as it is: a custom
field is a column under its own name, or «name (فیلد دلخواه)» when one of our headers has that
name (no two columns ever share a header); a contact's groups are one name per line of their
cell (``columns.group_cell``: a name may hold «،» or «,»). In XLSX a value that starts like a
formula (``+44…``, ``=…``) is written as it is with Excel's quote-prefix style; CSV has no
styles and gives it an apostrophe (``'+44…``), which the importer takes off again. Phones are
text (``0912 123 4567``: the leading 0 survives); birthdays are Jalali (``1365/04/12``), or
without a year the Jalali day and month the contact form shows (``25 اسفند``: Latin digits like
the dates; ``--02-29``, which has no Jalali day of its own, is ``29 فوریه``), which the importer
reads back to the same stored value. vCards keep ``BDAY:--MM-DD``, the standard's form, and a
custom value as an ``X-CRM-FIELD`` named by its field (``vcard_map``).
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass

from crm_desktop.core.jalali import MONTH_NAMES, format_date
from crm_desktop.core.phone import format_phone
from crm_desktop.core.text import path_text
from crm_desktop.errors import UserError
from crm_desktop.phonebook.columns import (
    EXPORT_ADDRESS_HEADERS,
    EXPORT_HEAD,
    EXPORT_PHONE_HEADERS,
    EXPORT_TAIL,
    custom_header,
    group_cell,
)
from crm_desktop.phonebook.import_rows import Progress, gc_paused, report
from crm_desktop.phonebook.import_values import GREGORIAN_MONTH_NAMES
from crm_desktop.phonebook.model import Contact, jalali_to_no_year, no_year_to_jalali
from crm_desktop.phonebook.table import CSV, VCF, XLSX, format_named, format_of

TEXT_EXPORT = "نوشتن مخاطبان…"
PHONE_COLUMNS = EXPORT_PHONE_HEADERS
ADDRESS_HEADERS = EXPORT_ADDRESS_HEADERS
KIND_TEXT = {"person": "شخص", "organisation": "سازمان"}


@dataclass
class ExportResult:
    path: str
    format: str
    count: int
    seconds: float

    def to_json(self) -> dict:
        return {"path": self.path, "format": self.format, "count": self.count, "seconds": round(self.seconds, 3)}


class ExportFailed(UserError):
    exit_code = 2


# --- where the contacts come from ------------------------------------------------------------

def _open(source):
    """(phonebook, connection to close or None) for any kind of ``source``."""
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import connect, ensure_ours, open_database

    if isinstance(source, Phonebook):
        return source, None
    if isinstance(source, sqlite3.Connection):
        return Phonebook(source), None
    path = getattr(source, "path", None)
    if path is not None and hasattr(source, "conn"):  # an Office: read through our own connection
        try:
            conn = connect(path, readonly=True)
            return Phonebook(conn), conn
        except UserError:
            return getattr(source, "phonebook", None) or Phonebook(source.conn), None
    if isinstance(source, (str, os.PathLike)):
        ensure_ours(source)
        conn = open_database(source, create=False)
        return Phonebook(conn), conn
    raise TypeError(f"cannot export from {source!r}")


def group_query(phonebook, group: str | None = None, search: str | None = None):
    """The SearchQuery for a group name (UserError if there is none) and / or a search text."""
    from crm_desktop.phonebook.repo import SearchQuery
    from crm_desktop.phonebook.repo_groups import group_named

    group_id = group_named(phonebook.groups(), group).id if group is not None else None
    return SearchQuery(text=search or "", group_id=group_id)


# --- the columns -------------------------------------------------------------------------------

def _phone_text(phone) -> str:
    """``0912 123 4567``: grouped, so that Excel opening the CSV sees text, not a number that
    loses its leading 0 (an odd-length number is grouped too)."""
    shown = format_phone(phone.national, digits="latin", typed=phone.number) if phone.national else phone.number
    if shown.isdigit() and shown.startswith("0") and len(shown) > 4:
        shown = f"{shown[:4]} {shown[4:]}"
    return f"{shown} داخلی {phone.ext}" if phone.ext else shown


def _birthday_text(birthday: str | None) -> str:
    if not birthday:
        return ""
    if birthday.startswith("--"):
        month, day = no_year_to_jalali(birthday)
        if jalali_to_no_year(month, day) != birthday:  # --02-29: «10 اسفند» would import as --02-28
            return f"{int(birthday[5:7])} {GREGORIAN_MONTH_NAMES[int(birthday[2:4])]}"
        return f"{day} {MONTH_NAMES[month]}"
    from datetime import date

    return format_date(date.fromisoformat(birthday), digits="latin")


class Columns:
    """The header row and one row per contact for CSV / XLSX."""

    def __init__(self, address_slots: int, group_names: dict[int, str], fields=(), numbers: bool = False):
        self.numbers = numbers  # XLSX: a number field's values as numbers, which Excel can add up
        self.slots = max(1, address_slots)
        self.group_names = group_names
        self.fields = list(fields)
        self.headers = list(EXPORT_HEAD)
        for slot in range(1, self.slots + 1):
            suffix = "" if slot == 1 else f" {slot}"
            self.headers += [h + suffix for h in ADDRESS_HEADERS]
        self.headers += EXPORT_TAIL
        taken = set()  # the headers so far, as suggest_mapping compares them
        names = [f.name for f in self.fields]
        self.headers += [custom_header(name, taken, names) for name in names]
        self.widths = [8, 8, 14, 18, 22, 16, 14, 14] + [16] * 5 + [26] + [10, 12, 36, 12] * self.slots
        self.widths += [12, 12, 22, 40, 18] + [14] * len(self.fields)

    def row(self, c: Contact) -> list[str]:
        by_kind: dict[str, list[str]] = {}
        for phone in c.phones:
            by_kind.setdefault(phone.kind, []).append(_phone_text(phone))
        out = [KIND_TEXT.get(c.kind, c.kind), c.title, c.first_name, c.last_name, c.organisation, c.job_title, c.unit,
               c.manager]
        out += ["، ".join(by_kind.get(kind, ())) for kind, _ in PHONE_COLUMNS]
        out.append(", ".join(c.emails))
        for slot in range(self.slots):
            a = c.addresses[slot] if slot < len(c.addresses) else None
            out += [a.province, a.city, a.street, a.postal_code] if a else ["", "", "", ""]
        if len(c.addresses) > self.slots:  # only when the slot count was a guess: keep every address
            out[-1] += "".join(f" | {a.province} {a.city} {a.street} {a.postal_code}" for a in c.addresses[self.slots:])
        groups = [self.group_names[g] for g in c.group_ids if g in self.group_names]
        out += [c.national_code, _birthday_text(c.birthday), c.website, c.note, group_cell(groups)]
        out += [_custom_cell(f, c.custom.get(f.id, ""), self.numbers) for f in self.fields]
        return out


def _custom_cell(field, value, numbers: bool = False):
    """A custom value as the sheet shows it: a date in Jalali; with ``numbers``, a number field's
    value as an int or a float (stored as ASCII digits, e.g. «2.5»)."""
    if numbers and value and getattr(field, "kind", "") == "number":
        try:
            return float(value) if "." in str(value) else int(value)
        except ValueError:
            return str(value)
    if value and getattr(field, "kind", "") == "date":
        try:
            from datetime import date

            return format_date(date.fromisoformat(str(value)), digits="latin")
        except ValueError:
            return str(value)
    return "" if value is None else str(value)


def _address_slots(phonebook) -> int:
    """The most addresses any contact has (so every address gets its columns)."""
    conn = getattr(phonebook, "conn", None)
    if conn is None:
        return 1
    try:
        from crm_desktop.phonebook.import_write import max_addresses

        return max_addresses(conn)
    except sqlite3.Error:
        return 1


# --- the writers -------------------------------------------------------------------------------

def _contacts(phonebook, query, total, progress):
    done = 0
    report(progress, 0, total, TEXT_EXPORT)
    for contact in phonebook.iter_contacts(query):
        yield contact
        done += 1
        if done % 1000 == 0:
            report(progress, done, total, TEXT_EXPORT)
    report(progress, done, total, TEXT_EXPORT)


def _write_vcf(path, contacts, group_names, fields=()) -> int:
    from crm_desktop.phonebook.vcard_map import contact_to_vcard

    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for contact in contacts:
            names = [group_names[g] for g in contact.group_ids if g in group_names]
            handle.write(contact_to_vcard(contact, names, fields))
            count += 1
    return count


def export_contacts(source, query=None, path=None, fmt: str | None = None, progress: Progress | None = None) -> ExportResult:
    """Write the contacts ``query`` selects (None: all) to ``path`` as vcf, csv or xlsx (``fmt``
    None: from the file name). Written to a temporary file first and renamed at the end: a
    cancelled or failed export leaves no half file behind (nor replaces an older one)."""
    if path is None:
        raise TypeError("export_contacts needs a path")
    with gc_paused():
        return _export(source, query, path, fmt, progress)


def _export(source, query, path, fmt, progress) -> ExportResult:
    from crm_desktop.reports.output import check_output, replaced_at_the_end

    # One check with the reports: no folder, a folder, a read-only file, a name too long, the
    # database itself (or its -wal / -shm) are refused before anything is written.
    path = check_output(path, _database_files(source))
    # from the name (a file's old bytes never decide what is written over it), vCard without one
    fmt = format_of(path, fmt) if fmt else format_named(path) or (VCF if not path.suffix else CSV)
    started = time.perf_counter()
    phonebook, own = _open(source)
    try:
        if query is None:
            from crm_desktop.phonebook.repo import SearchQuery

            query = SearchQuery()
        total = phonebook.count(query)
        group_names = {g.id: g.name for g in phonebook.groups()}
        contacts = _contacts(phonebook, query, total, progress)
        try:
            with replaced_at_the_end(path) as partial:  # a short temporary name when the file's is long
                if fmt == VCF:
                    count = _write_vcf(partial, contacts, group_names, _fields(phonebook))
                else:
                    columns = Columns(_address_slots(phonebook), group_names, _fields(phonebook), numbers=fmt == XLSX)
                    rows = (columns.row(c) for c in contacts)
                    if fmt == CSV:
                        from crm_desktop.phonebook.csv_io import write_csv

                        count = write_csv(partial, columns.headers, rows)
                    elif fmt == XLSX:
                        from crm_desktop.phonebook.xlsx_io import write_xlsx

                        count = write_xlsx(partial, columns.headers, rows, columns.widths)
                    else:
                        raise UserError(f"unknown format {fmt!r}", f"قالب «{fmt}» شناخته نیست.")
        except OSError as error:
            raise ExportFailed(f"{path}: cannot write ({error.strerror or error})",
                               f"پرونده «{path_text(path)}» نوشته نشد ({error.strerror or error}).") from error
    finally:
        if own is not None:
            own.close()
    return ExportResult(str(path), fmt, count, time.perf_counter() - started)


def _database_files(source) -> list:
    """The database file(s) ``source`` reads: an export never writes over them."""
    if isinstance(source, (str, os.PathLike)):
        return [source]
    found = [getattr(source, "path", None)]
    conn = source if isinstance(source, sqlite3.Connection) else getattr(source, "conn", None)
    if isinstance(conn, sqlite3.Connection):
        try:
            found += [row[2] for row in conn.execute("PRAGMA database_list")]
        except sqlite3.Error:
            pass
    return [f for f in found if f]


def _fields(phonebook) -> list:
    fields = getattr(phonebook, "fields", None)
    return list(fields()) if callable(fields) else []


# The names the phonebook tab looks for (views/list_actions.py): fn(office, query, path, fmt=, progress=).
export = export_contacts
export_vcf = export_csv = export_xlsx = export_contacts
