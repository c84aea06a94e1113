"""What the import wizard needs from the importer, in one place (no Qt): the preview rows of the
mapping step, the arguments of ``importer.run_import(args, progress)`` and the words of its
summary."""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.core.phone import format_phone
from crm_desktop.phonebook.import_fields import NEW_FIELD_TEXT, shown as _shown


READING_TEXT = "در حال خواندن پرونده…"


@dataclass
class PreviewRow:
    number: int  # the row number in the operator's spreadsheet
    name: str
    phones: str
    emails: str
    problem: str  # '' when the row would be imported
    duplicate: str = ""  # why a good row would be skipped or merged ('' when it is new)


def custom_fields(office) -> list:
    """The office's custom fields (CSV / XLSX columns may fill them); none if they cannot be read."""
    try:
        return office.phonebook.fields()
    except Exception:  # noqa: BLE001 - the wizard still works without them
        return []


def preview(table, mapping: dict[int, str], limit: int = 20, fields=(), book=None, *, choices=None,
            guesses=None) -> list[PreviewRow]:
    """The first ``limit`` rows as contacts, each with its Persian problem ('' when fine), as
    ``import_rows.preview`` builds them (the same code the import itself runs). With the office's
    ``book``, a good row whose mobile is already saved, or was on an earlier row, says so. A
    column mapped to a new custom field fills it as the import will (``import_fields.plan_table``
    with its ``choices`` and ``guesses``)."""
    from crm_desktop.phonebook import import_rows
    from crm_desktop.phonebook.import_fields import plan_table
    from crm_desktop.phonebook.importer import joined_reasons

    mapping, new_fields = plan_table(table, mapping, fields, choices=choices, guesses=guesses)
    out: list[PreviewRow] = []
    seen: dict[str, str] = {}  # mobile -> «ردیف ۳», the first preview row that has it
    for row in import_rows.preview(table, mapping, limit, [*fields, *new_fields]):
        contact = row.contact
        phones = emails = duplicate = ""
        if contact is not None:
            phones = " ، ".join(f"\u2066{format_phone(p.national or p.number, typed=p.number)}\u2069"
                                + (f" داخلی {to_persian(p.ext)}" if p.ext else "") for p in contact.phones)
            emails = " ، ".join(f"\u2066{e}\u2069" for e in contact.emails)
        if row.ok:
            duplicate = _duplicate(contact, row.place, seen, book)
        out.append(PreviewRow(row.number, row.name or (contact.display_name if contact else ""), phones, emails,
                              joined_reasons(row.errors), duplicate))
    return out


def _duplicate(contact, place: str, seen: dict[str, str], book) -> str:
    """The import's first test for a duplicate (the same mobile, see ``import_write.write_rows``),
    worded as its summary words it; '' for a new contact. Remembers the row's mobiles."""
    from crm_desktop.phonebook.importer import mobiles

    found = ""
    for mobile in mobiles(contact):
        where = seen.get(mobile)
        if where is None and book is not None:
            owner = book.find_by_mobile(mobile)
            if owner is not None:
                saved = book.get(owner)
                where = f"از پیش برای «{saved.display_name if saved else ''}»"
        if where is not None:
            found = f"تکراری: شماره همراه {format_phone(mobile)} {where} ثبت است"
            break
    for mobile in mobiles(contact):
        seen.setdefault(mobile, f"پیش‌تر در {place}")
    return found


def make_args(office, path, fmt: str, table, mapping, duplicates: str, on_error: str, new_fields: bool = False):
    """``importer.ImportArgs``: the worker opens its own connection to the office's file and
    imports the table the wizard has read (a 100,000-row XLSX is not read twice). A table's new
    custom fields are in its mapping; ``new_fields``: a vCard's X-CRM-FIELD names the book lacks
    make fields."""
    from crm_desktop.phonebook.importer import ImportArgs

    return ImportArgs(path=path, db=office.path, format=fmt, mapping=dict(mapping) if table is not None else None,
                      duplicates=duplicates, on_error=on_error, table=table, new_fields=new_fields and table is None)


def vcard_field_names(data: bytes, fields) -> tuple[list[str], list] | None:
    """(the names of the custom fields a vCard's X-CRM-FIELD lines would make (the book lacks
    them), why the others would not: ``import_fields.Refusal``s); None when the file is too
    big to read for that here but may have some (the wizard then offers them unnamed)."""
    import re

    if b"\x00" not in data[:4096] and not re.search(rb"X-CRM-FIELD", data, re.I):  # UTF-16 is read to know
        return [], []
    if len(data) > VCARD_NAMES_BYTES:
        return None
    from crm_desktop.phonebook.import_fields import card_field_names
    from crm_desktop.phonebook.vcard import read_cards

    return card_field_names(read_cards(data), fields)


VCARD_NAMES_BYTES = 4 << 20  # a bigger vCard is not read on the UI thread for its field names


@dataclass
class ReadTable:
    """A CSV / XLSX file as the columns page takes it: the table (Google's labelled pairs spread
    into columns of their own), the suggested mapping, the columns that hold anything, those that
    may make a new custom field and the kind guessed for each (``import_fields.planned``'s cache)."""

    table: object
    mapping: dict
    with_data: set
    offered: dict
    guesses: dict


def take_table(table, fields) -> ReadTable:
    """``table`` read for the columns page (UserError for a file without rows). Every column
    of a big file is walked here, so a big file is taken on the worker that read it."""
    from crm_desktop.errors import UserError
    from crm_desktop.phonebook import columns, import_fields, import_pairs

    if not table.rows:
        raise UserError("the file has no rows", "در این پرونده سطری برای ورود نیست.")
    import_pairs.spread(table)  # Google's «Custom Field 1 - Label» names a column of its own
    mapping = import_pairs.labels_mapped(table, columns.suggest_mapping(table.headers, fields))
    with_data = {i for i in range(len(table.headers)) if import_fields.has_data(table, i)}
    offered = import_fields.offered(table, fields, with_data)
    guesses: dict = {}
    for index in offered:  # the kind pickers show them; a guess walks the whole column
        import_fields.planned(table, index, "", guesses)
    return ReadTable(table, mapping, with_data, offered, guesses)


def read_file(args, progress) -> ReadTable:
    """On a worker thread: a CSV or XLSX file (``args``: its path and the book's custom fields)
    read as a table and taken for the columns page (UserError when it cannot be)."""
    from crm_desktop.phonebook import table as tables

    path, fields = args
    progress(0, 0, READING_TEXT)
    table = tables.read_table(path, tables.format_of(path), progress=lambda done, total: progress(done, total))
    return take_table(table, fields)


def run(args, progress):
    """On the worker thread: one transaction; «انصراف» (progress raises Cancelled) rolls back."""
    from crm_desktop.phonebook.importer import run_import

    return run_import(args, progress)


# --- the summary -------------------------------------------------------------------------------

OUTCOMES = {"merged": "ادغام شد", "skipped": "تکراری؛ نادیده گرفته شد", "rejected": "کنار گذاشته شد"}


def counts_text(summary) -> str:
    return "؛ ".join([
        f"{format_number(summary.added)} مخاطب افزوده شد",
        f"{format_number(summary.merged)} مخاطب ادغام شد",
        f"{format_number(summary.skipped)} تکراری نادیده گرفته شد",
        f"{format_number(summary.rejected)} {'کارت' if summary.format == 'vcf' else 'سطر'} نادرست کنار گذاشته شد",
    ]) + "." + "".join(f"\n{r.message}" for r in getattr(summary, "unread_rows", ())) \
        + created_text(getattr(summary, "created_fields", ())) \
        + ignored_text(getattr(summary, "ignored_columns", ()), getattr(summary, "refused_fields", ()),
                       getattr(summary, "ignored_fields", ()))


IGNORED_SHOWN = 6  # column names the result page lists; the rest are counted (a sheet may have hundreds)


def _listed(names: list, noun: str = "ستون", shown=_shown, between: str = "، ") -> str:
    """«الف»، «ب»، … (each as ``shown`` writes it: by default isolated, a long one cut with «…») and,
    past ``IGNORED_SHOWN``, «و ۱۹۴ ستون دیگر»."""
    more = f" و {format_number(len(names) - IGNORED_SHOWN)} {noun} دیگر" if len(names) > IGNORED_SHOWN else ""
    return between.join(map(shown, names[:IGNORED_SHOWN])) + more


def ignored_text(names, refused=(), fields=()) -> str:
    """The line about the columns that filled no field, on the wizard's result page: one named,
    a few listed, many counted; each with why it made no new field when it was to
    (``refused``: ``import_fields.Refusal``s; those of a vCard's names on lines of their own,
    after the vCard's names the book lacks, ``fields``: ``ignored_fields_text``)."""
    names, refused = list(names), list(refused)
    why = {r.name: r.fa for r in refused if not r.card}
    cards = ignored_fields_text(fields) + "".join(f"\n{r.line()}" for r in refused if r.card)
    if not names:
        return cards
    if len(names) == 1:
        if names[0] in why:
            return f"\nستون {_shown(names[0])} وارد نشد: {why[names[0]]}.{cards}"
        return f"\nستون {_shown(names[0])} به هیچ فیلدی نگاشته نشد و وارد نشد.{cards}"
    listed = _listed(names, shown=lambda name: _shown(name) + (f" ({why[name]})" if name in why else ""))
    return f"\n{format_number(len(names))} ستون به هیچ فیلدی نگاشته نشد و وارد نشد: {listed}.{cards}"


def ignored_fields_text(ignored) -> str:
    """The lines about a vCard's X-CRM-FIELD names the book lacks, in an import that made no
    field (``import_fields.IgnoredField``): one each, past ``IGNORED_SHOWN`` the rest counted."""
    ignored = list(ignored)
    lines = [f.line() for f in ignored[:IGNORED_SHOWN]]
    rest = ignored[IGNORED_SHOWN:]
    if rest:
        lines.append(f"{format_number(len(rest))} فیلد دیگر کارت‌ها هم در دفتر نیست و مقدارشان وارد نشد: "
                     f"{_listed([f.name for f in rest], 'فیلد')}.")
    return "".join(f"\n{line}" for line in lines)


def created_text(fields) -> str:
    """The line about the custom fields the import made: «فیلد دلخواه «الف» (تاریخ) ساخته شد.»,
    or several listed with their kinds."""
    from crm_desktop.phonebook.import_fields import kind_label
    from crm_desktop.phonebook.importer import created_line

    fields = list(fields)
    if not fields:
        return ""
    if len(fields) == 1:
        return f"\n{created_line(fields[0])}"
    listed = _listed(fields, "فیلد", lambda f: f"{_shown(f.name)} ({kind_label(f.kind)})")
    return f"\n{format_number(len(fields))} فیلد دلخواه ساخته شد: {listed}."


def new_names_text(names, refused=(), making: bool = True) -> str:
    """Under the settings page's «make a vCard's new fields»: which ones (``names`` None: a
    file too big to read for them here) and, not ``making`` them, that their values are left
    out; which names make none and why (``refused``)."""
    if names is None:
        return "(نام فیلدها از خطوط X-CRM-FIELD کارت‌ها خوانده می‌شود.)"
    lines = []
    if names:
        one = len(names) == 1
        lines.append(f"{'فیلد' if one else 'فیلدها'}: {_listed(list(names), 'فیلد')}" + (
            "" if making else f"؛ اگر ساخته {'نشود' if one else 'نشوند'}، {'مقدارش' if one else 'مقدارشان'} وارد نمی‌شود."))
    lines += [r.line(ahead=True) for r in refused]
    return "\n".join(lines)


def unmapped_text(keepable, others) -> str:
    """The columns page's line about the columns with data that fill nothing: ``keepable`` (their
    headers) may fill a new custom field, ``others`` ((header, why not in Persian)) may not.
    '' when there are none."""
    keepable, others = list(keepable), list(others)
    parts = []
    if len(keepable) == 1:
        parts.append(f"ستون {_shown(keepable[0])} داده دارد و هیچ فیلدی را پر نمی‌کند؛ "
                     f"با «{NEW_FIELD_TEXT}» داده‌اش نگه داشته می‌شود.")
    elif keepable:
        parts.append(f"{format_number(len(keepable))} ستون داده دارد و هیچ فیلدی را پر نمی‌کند ({_listed(keepable)})؛ "
                     f"با «{NEW_FIELD_TEXT}» داده‌شان نگه داشته می‌شود.")
    if len(others) == 1:
        header, why = others[0]
        parts.append(f"ستون {_shown(header)} {'هم ' if keepable else ''}داده دارد و وارد نمی‌شود: {why}.")
    elif others:
        listed = _listed(others, shown=lambda other: f"{_shown(other[0])}: {other[1]}", between="؛ ")
        parts.append(f"{format_number(len(others))} ستون {'دیگر ' if keepable else ''}داده دارد و وارد نمی‌شود "
                     f"({listed}).")
    return " ".join(parts)


def problem_rows(summary) -> list[tuple[int | None, str, str]]:
    """(row number, outcome, reason) for every row not simply added, in file order."""
    rows = []
    for entry in summary.entries:
        reason = entry.reason
        if entry.name and entry.name not in reason:
            reason = f"{entry.name}: {reason}"
        rows.append((entry.number, OUTCOMES.get(entry.outcome, entry.outcome), reason))
    return rows
