"""What the import wizard needs from the importer, in one place (no Qt): the preview rows of the
mapping step, the arguments of ``importer.run_import(args, progress)`` and the words of its
summary."""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.core.phone import format_phone


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


def preview(table, mapping: dict[int, str], limit: int = 20, fields=(), book=None) -> list[PreviewRow]:
    """The first ``limit`` rows as contacts, each with its Persian problem ('' when fine), as
    ``import_rows.preview`` builds them (the same code the import itself runs). With the office's
    ``book``, a good row whose mobile is already saved, or was on an earlier row, says so."""
    from crm_desktop.phonebook import import_rows
    from crm_desktop.phonebook.importer import joined_reasons

    out: list[PreviewRow] = []
    seen: dict[str, str] = {}  # mobile -> «ردیف ۳», the first preview row that has it
    for row in import_rows.preview(table, mapping, limit, fields):
        contact = row.contact
        phones = emails = duplicate = ""
        if contact is not None:
            phones = " ، ".join(f"\u2066{format_phone(p.national or p.number)}\u2069"
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


def make_args(office, path, fmt: str, table, mapping, duplicates: str, on_error: str):
    """``importer.ImportArgs``: the worker opens its own connection to the office's file and
    imports the table the wizard has read (a 100,000-row XLSX is not read twice)."""
    from crm_desktop.phonebook.importer import ImportArgs

    return ImportArgs(path=path, db=office.path, format=fmt, mapping=dict(mapping) if table is not None else None,
                      duplicates=duplicates, on_error=on_error, table=table)


def read_file(path, progress):
    """On a worker thread: a CSV or XLSX file read as a table (UserError when it cannot be)."""
    from crm_desktop.phonebook import table as tables

    progress(0, 0, READING_TEXT)
    return tables.read_table(path, tables.format_of(path), progress=lambda done, total: progress(done, total))


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
        + ignored_text(getattr(summary, "ignored_columns", ()))


IGNORED_SHOWN = 6  # column names the result page lists; the rest are counted (a sheet may have hundreds)


def ignored_text(names) -> str:
    """The line about the columns that filled no field, on the wizard's result page: one named,
    a few listed, many counted."""
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return f"\nستون «{names[0]}» به هیچ فیلدی نگاشته نشد و وارد نشد."
    shown = "، ".join(f"«{name}»" for name in names[:IGNORED_SHOWN])
    more = f" و {format_number(len(names) - IGNORED_SHOWN)} ستون دیگر" if len(names) > IGNORED_SHOWN else ""
    return f"\n{format_number(len(names))} ستون به هیچ فیلدی نگاشته نشد و وارد نشد: {shown}{more}."


def problem_rows(summary) -> list[tuple[int | None, str, str]]:
    """(row number, outcome, reason) for every row not simply added, in file order."""
    rows = []
    for entry in summary.entries:
        reason = entry.reason
        if entry.name and entry.name not in reason:
            reason = f"{entry.name}: {reason}"
        rows.append((entry.number, OUTCOMES.get(entry.outcome, entry.outcome), reason))
    return rows
