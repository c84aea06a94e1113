"""Importing contacts: ``run_import(args, progress) -> ImportSummary``, a plain function that the
UI's ops runner runs on a worker thread and the CLI and tests call directly (no Qt).

1. Read the whole file into rows (``import_rows``): each a contact or its errors, with its line
   or row number. Nothing has been written yet.
2. Rows with errors: ``on_error="refuse"`` raises ImportRefused (naming the first bad row) and
   writes nothing; ``"skip"`` reports them as rejected. A file with no readable contact at all
   raises NothingToImport.
3. In ONE transaction: a contact whose mobile (national form) is already in the database or in
   an earlier row — or, failing that, whose normalised name (display or sort name) is there
   with a phone (any kind) or an e-mail it shares — is skipped or merged into it (``duplicates="skip" | "merge"``), the others are
   added (a big import in bulk, with the search index rebuilt after), and group names become
   groups. A cancelled (``progress`` raises, or returns False) or failed import rolls back:
   the database is exactly as it was.

CSV / XLSX columns named like one of the book's custom fields fill it (the value checked as
the field's kind; a bad one makes the row bad); a column with data that fills no field is
named in the summary (``ignored_columns``). A column mapped to ``import_fields.NEW_FIELD``
(and with ``new_fields`` every column with data that fills nothing, every X-CRM-FIELD name
the book lacks) makes a new custom field, in the same transaction (``import_fields``; the
summary's ``created_fields``). Without ``new_fields``, each X-CRM-FIELD name of a vCard that
the book has no field for is named in the summary with how many cards had a value for it
(``ignored_fields``, ``import_fields.IgnoredField``: «فیلد «نحوه آشنایی» در دفتر نیست؛ مقدار
۲۰۰ کارت وارد نشد.»). Why a column or an X-CRM-FIELD name made no field, and a vCard's
X-CRM-FIELD lines without a name, are ``refused_fields`` (``import_fields.Refusal``).

The summary as JSON (``ImportSummary.to_json``, the CLI's ``--json``): ``path``, ``format``,
``rows``, ``added``, ``merged``, ``skipped``, ``rejected``, ``seconds``; ``ignored_columns``
(headers); ``ignored_fields`` ([{"name", "cards"}]); ``created_fields`` ([{"name", "kind",
"choices"?}]); ``refused_fields`` ([{"name", "from": "column" | "card", "reason",
"reason_fa"}]); ``unread_rows``; ``entries`` (the rows merged, skipped or rejected, and why).
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import quoted
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.columns import suggest_mapping
from crm_desktop.phonebook.import_rows import (
    ImportCancelled,
    ImportRow,
    Progress,
    gc_paused,
    ignored_indices,
    read_vcf,
    rows_from_cards,
    rows_from_table,
)
from crm_desktop.phonebook.model import Contact
from crm_desktop.phonebook.table import VCF, format_of, read_table
from crm_desktop.storage.db import open_database

__all__ = ["ImportArgs", "ImportCancelled", "ImportRefused", "ImportSummary", "NothingToImport", "run_import"]

SKIP, MERGE, REFUSE = "skip", "merge", "refuse"
ADDED, MERGED, SKIPPED, REJECTED = "added", "merged", "skipped", "rejected"
_MOBILE = re.compile(r"09[0-9]{9}")


@dataclass
class ImportArgs:
    path: str | Path
    db: str | Path | None = None  # the database file: run_import opens (and closes) its own connection
    conn: sqlite3.Connection | None = None  # or use this one (CLI, tests)
    format: str | None = None  # vcf | csv | xlsx; None: from the file name
    mapping: dict[int, str] | None = None  # CSV / XLSX {column: field}; None: suggest_mapping(headers)
    header: bool | None = None  # CSV / XLSX: first row is headers? None: detect
    duplicates: str = SKIP  # skip | merge
    on_error: str = SKIP  # skip | refuse
    group_id: int | None = None  # also put every imported contact into this group
    notify: Callable | None = None  # called once with the changed tables after a commit
    table: object | None = None  # CSV / XLSX: the file as the wizard has already read it (not read again)
    new_fields: bool = False  # a new custom field for every column (X-CRM-FIELD name) with data that fills nothing


@dataclass
class Entry:
    """One line of the summary: a row that was merged, skipped or rejected, and why."""

    number: int
    where: str  # line | row
    outcome: str  # merged | skipped | rejected
    name: str
    reason: str  # Persian
    reason_en: str
    contact_id: int | None = None  # merged into / duplicate of

    @property
    def place(self) -> str:
        return f"{'خط' if self.where == 'line' else 'ردیف'} {to_persian(self.number)}"

    def to_json(self) -> dict:
        return {"number": self.number, "where": self.where, "outcome": self.outcome, "name": self.name,
                "reason": self.reason, "reason_en": self.reason_en, "contact_id": self.contact_id}


@dataclass
class ImportSummary:
    path: str
    format: str
    rows: int = 0  # contacts (cards / rows) read from the file, good and bad
    added: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: int = 0
    entries: list[Entry] = field(default_factory=list)  # merged, skipped and rejected rows, in file order
    added_ids: list[int] = field(default_factory=list)
    merged_ids: list[int] = field(default_factory=list)  # existing contacts that received merged rows
    seconds: float = 0.0
    ignored_columns: list[str] = field(default_factory=list)  # CSV / XLSX headers that filled no field
    # a vCard's X-CRM-FIELD names the book lacks, in an import that made no field (import_fields.IgnoredField)
    ignored_fields: list = field(default_factory=list)
    # rows not read as contacts: a title above the headers, a second header row (table.SkippedRow)
    unread_rows: list = field(default_factory=list)
    created_fields: list = field(default_factory=list)  # the custom fields the import made (CustomField)
    # with new_fields: the columns / X-CRM-FIELD names that made none, and why; a vCard's X-CRM-FIELD
    # lines without a name (import_fields.Refusal)
    refused_fields: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {"path": self.path, "format": self.format, "rows": self.rows, "added": self.added,
                "merged": self.merged, "skipped": self.skipped, "rejected": self.rejected,
                "seconds": round(self.seconds, 3), "ignored_columns": list(self.ignored_columns),
                "ignored_fields": [f.to_json() for f in self.ignored_fields],
                "created_fields": [{"name": f.name, "kind": f.kind} | ({"choices": list(f.choices)} if f.choices else {})
                                   for f in self.created_fields],
                "refused_fields": [r.to_json() for r in self.refused_fields],
                "unread_rows": [r.to_json() for r in self.unread_rows],
                "entries": [e.to_json() for e in self.entries]}

    def headline(self) -> str:
        """«۱۲ مخاطب افزوده شد، ۲ ادغام شد، ۱ تکراری کنار گذاشته شد، ۳ رد شد.»"""
        n = to_persian
        return (f"{n(self.added)} مخاطب افزوده شد، {n(self.merged)} ادغام شد، "
                f"{n(self.skipped)} تکراری کنار گذاشته شد، {n(self.rejected)} رد شد.")

    def text(self) -> str:
        """The headline and one line per merged, skipped or rejected row (Persian)."""
        lines = [self.headline()]
        lines += [r.message for r in self.unread_rows]
        from crm_desktop.phonebook.import_fields import shown

        lines += [created_line(f) for f in self.created_fields]
        refused = {r.name: r for r in self.refused_fields if not r.card}
        lines += [refused[name].line() if name in refused else f"ستون {shown(name)} به هیچ فیلدی نگاشته نشد و وارد نشد."
                  for name in self.ignored_columns]
        lines += [f.line() for f in self.ignored_fields]
        lines += [r.line() for r in self.refused_fields if r.card]
        for e in self.entries:
            who = f"«{e.name}» " if e.name else ""
            lines.append(f"{e.place}: {who}{_OUTCOME_FA[e.outcome]} — {e.reason}")
        return "\n".join(lines)

    def text_en(self) -> str:
        lines = [f"{self.added} added, {self.merged} merged, {self.skipped} skipped, {self.rejected} rejected "
                 f"({self.rows} read from {self.path} in {self.seconds:.2f} s)"]
        lines += [r.message_en for r in self.unread_rows]
        lines += [f"custom field {quoted(f.name)} ({f.kind}" + (f": {', '.join(f.choices)}" if f.choices else "")
                  + ") created" for f in self.created_fields]
        refused = {r.name: r for r in self.refused_fields if not r.card}
        lines += [refused[name].line_en() if name in refused else f"column {quoted(name)} matches no field and was not imported"
                  for name in self.ignored_columns]
        lines += [f.line_en() for f in self.ignored_fields]
        lines += [r.line_en() for r in self.refused_fields if r.card]
        for e in self.entries:
            lines.append(f"{e.where} {e.number}: {e.outcome}: {e.reason_en}" + (f" ({e.name})" if e.name else ""))
        return "\n".join(lines)


_OUTCOME_FA = {MERGED: "ادغام شد", SKIPPED: "کنار گذاشته شد", REJECTED: "رد شد"}


def created_line(field) -> str:
    """«فیلد دلخواه «نحوه آشنایی» (فهرست انتخابی) ساخته شد.» (the name isolated)"""
    from crm_desktop.phonebook.import_fields import kind_label, shown

    return f"فیلد دلخواه {shown(field.name)} ({kind_label(field.kind)}) ساخته شد."


class ImportRefused(UserError):
    """Some rows have errors and the operator chose to refuse the whole file."""

    exit_code = 1

    def __init__(self, path, bad: list[ImportRow], summary: ImportSummary):
        first = bad[0]
        what_en, what_fa = ("cards", "کارت") if first.where == "line" else ("rows", "ردیف")
        more_en = f" ({len(bad)} {what_en} with errors)" if len(bad) > 1 else ""
        more_fa = f" ({to_persian(len(bad))} {what_fa} ایراد دارد)" if len(bad) > 1 else ""
        super().__init__(
            f"{path}: {first.place_en}: {first.errors_en[0]}{more_en}; nothing was imported",
            f"{first.place}: {_clause(first.errors[0])}{more_fa}؛ هیچ مخاطبی وارد نشد.",
        )
        self.rows = bad
        self.summary = summary


def _clause(sentence: str) -> str:
    """A Persian sentence to go on after «؛»: without its full stop («…بنویسید.؛» read doubled)."""
    return sentence.rstrip().removesuffix(".")


def joined_reasons(reasons: list[str]) -> str:
    """A row's reasons in one Persian sentence: «الف؛ ب.», not «الف.؛ ب.»."""
    return "؛ ".join([*map(_clause, reasons[:-1]), reasons[-1]]) if reasons else ""


class NothingToImport(UserError):
    exit_code = 1

    def __init__(self, path, bad: list[ImportRow]):
        if bad:
            first = bad[0]
            en = f"{path}: no contact could be read; {first.place_en}: {first.errors_en[0]}"
            fa = f"هیچ مخاطبی از پرونده خوانده نشد؛ {first.place}: {first.errors[0]}"
        else:
            en, fa = f"{path}: the file holds no contacts", "پرونده هیچ مخاطبی ندارد."
        super().__init__(en, fa)
        self.rows = bad


def mobiles(contact: Contact) -> list[str]:
    """The contact's Iranian mobile numbers (national form), the key for duplicates."""
    return [p.national for p in contact.phones if _MOBILE.fullmatch(p.national or "")]


def _check_card_phones(rows: list[ImportRow]) -> None:
    """Each good card's phones checked as a table's are (``import_values.checked_phones``: the
    contact form's rule, each number once); a card with a phone the form would refuse is bad.
    (``vcard_map`` chooses their kinds with ``import_values.phone_kind``.)"""
    from crm_desktop.phonebook.import_values import checked_phones

    for row in rows:
        contact = row.contact
        if contact is None or not contact.phones or row.errors:
            continue
        try:
            contact.phones = checked_phones(contact.phones)
        except ValidationError as error:
            row.fail(error.message, error.fa)


def _custom_fields(conn: sqlite3.Connection) -> list:
    """The book's custom fields (what CSV / XLSX columns may also fill)."""
    from crm_desktop.phonebook.repo import Phonebook

    return Phonebook(conn).fields()


def run_import(args: ImportArgs, progress: Progress | None = None) -> ImportSummary:
    """Import ``args.path`` (see the module notes). Raises ImportRefused, NothingToImport,
    UnreadableFile, ImportCancelled (progress returned False) or whatever ``progress`` raised;
    in every such case the database is unchanged."""
    with gc_paused():
        return _run_import(args, progress)


def _run_import(args: ImportArgs, progress: Progress | None) -> ImportSummary:
    if args.duplicates not in (SKIP, MERGE):
        raise UserError(f"duplicates must be skip or merge, not {args.duplicates!r}", "روش تکراری‌ها نامعتبر است.")
    if args.on_error not in (SKIP, REFUSE):
        raise UserError(f"on_error must be skip or refuse, not {args.on_error!r}", "روش ردیف‌های نادرست نامعتبر است.")
    if args.conn is None and args.db is None:
        raise TypeError("ImportArgs needs db (a database file) or conn")
    started = time.perf_counter()
    conn = args.conn if args.conn is not None else open_database(args.db)
    try:
        fields = _custom_fields(conn)
        summary = ImportSummary(str(args.path), format_of(args.path, args.format))
        rows, table, mapping, new_fields, refused = _read(args, fields, progress, summary)
        book_fields, fields = fields, fields + new_fields
        if table is None:  # a vCard's cards: their phones by the form's rule, as a table's rows are read
            _check_card_phones(rows)
        summary.rows = len(rows)
        if table is not None:
            ignored = ignored_indices(table, mapping, fields)
            summary.ignored_columns = [table.headers[i] for i in ignored]
            summary.unread_rows = list(table.skipped_rows)
            from crm_desktop.phonebook.columns import builtin_field_named
            from crm_desktop.phonebook.import_fields import refusals

            told = ignored if args.new_fields else [  # a Google label named like a built-in field: which to map it to
                i for i in ignored if i in (table.spread_from or ()) and builtin_field_named(table.headers[i])]
            refused = refusals(table, told, book_fields)
        summary.refused_fields = refused
        bad = [r for r in rows if not r.ok]
        for row in bad:
            summary.entries.append(Entry(row.number, row.where, REJECTED, row.name, joined_reasons(row.errors),
                                         "; ".join(row.errors_en)))
        summary.rejected = len(bad)
        if bad and args.on_error == REFUSE:
            raise ImportRefused(args.path, bad, summary)
        good = [r for r in rows if r.ok]
        if not good:
            raise NothingToImport(args.path, bad)
        from crm_desktop.phonebook.import_write import write_rows

        write_rows(conn, good, args, summary, progress, new_fields)
    finally:
        if args.conn is None:
            conn.close()
    summary.entries.sort(key=lambda e: e.number)
    summary.seconds = time.perf_counter() - started
    if args.notify is not None:
        args.notify({"contacts", "groups", "custom_fields"} if summary.created_fields else {"contacts", "groups"})
    return summary


def _read(args: ImportArgs, fields: list, progress: Progress | None, summary: ImportSummary):
    """(rows, the table or None for a vCard, the mapping, the provisional new custom fields, why
    a vCard's X-CRM-FIELD names or lines made none) of ``args``' file, read with the book's
    ``fields`` and the new ones (``import_fields``). A vCard read without ``new_fields`` gives
    ``summary`` the X-CRM-FIELD names the book lacks (``ignored_fields``). A table's labelled
    pairs are spread first (``import_pairs``)."""
    from crm_desktop.phonebook import import_fields, import_pairs

    fmt = format_of(args.path, args.format)
    if args.table is None and fmt == VCF:
        if not args.new_fields:  # the cards stay a stream, tallied as they pass
            tally = import_fields.CardTally(fields)
            rows = rows_from_cards(tally.passing(read_vcf(args.path, progress)), fields=fields)
            summary.ignored_fields = tally.ignored()
            return rows, None, None, [], tally.refused()
        cards = list(read_vcf(args.path, progress))
        refused: list = []
        new_fields = import_fields.plan_cards(cards, fields, refused)
        return rows_from_cards(cards, progress, fields + new_fields), None, None, new_fields, refused
    table = args.table if args.table is not None else read_table(args.path, fmt, header=args.header)
    import_pairs.spread(table)
    mapping = args.mapping if args.mapping is not None else import_pairs.labels_mapped(
        table, suggest_mapping(table.headers, fields))
    mapping, new_fields = import_fields.plan_table(table, mapping, fields, every=args.new_fields)
    return rows_from_table(table, mapping, progress, fields=fields + new_fields), table, mapping, new_fields, []
