"""Reading a big CSV / XLSX table column by column: the same ImportRows as
``import_rows.rows_from_table`` (``RowReader`` then ``model.normalised`` for each row), made
with a fraction of the Python work.

Each column is cleaned once (``str.strip`` over the whole column), a value that repeats (a
title, a city, a group list, a birthday) is read and checked once, and the commonest phone
cell — one number of ASCII digits and spaces that starts with a single 0 — is put in its
national form by removing its spaces, which is what ``split_phones``, ``phone_kind`` and the
validators give for such a cell. Everything else is read with those same functions.

A row this way cannot vouch for (a check failed, no name) is read again by ``RowReader`` and
``normalised``, so a bad row gets exactly their errors. A mapping with what this way does not
read (a full-name column, a phone-label column, two columns for one text field or address
part) makes ``rows_by_columns`` return None: the caller reads row by row."""

from __future__ import annotations

import re
from itertools import repeat

from crm_desktop.core import validators
from crm_desktop.errors import ValidationError
from crm_desktop.phonebook.columns import (
    EMAIL_SPLIT,
    ORGANISATION_KINDS,
    PHONE_FIELDS,
    PLAN_ADDRESS,
    PLAN_CUSTOM,
    PLAN_EMAIL,
    PLAN_ONLY,
    PLAN_PHONE,
    PLAN_TEXT,
    RowReader,
    row_name,
    split_groups,
)
from crm_desktop.phonebook.import_rows import ROW, TEXT_READING, ImportRow, Progress, build_row, report
from crm_desktop.phonebook.import_values import (
    blank_test,
    blanked,
    clean_cell,
    import_phone,
    parse_birthday,
    placeholder,
    split_phones,
    unique_phones,
)
from crm_desktop.phonebook.model import FIXED_LINE_KINDS, ORGANISATION, PERSON, Address, Contact, Phone, note_text
from crm_desktop.phonebook.table import unneutralise
from crm_desktop.phonebook.repo_groups import custom_value
from crm_desktop.phonebook.table import CSV

_SIMPLE_PHONE = re.compile(r"0[1-9](?: ?[0-9])*").fullmatch  # «0912 345 6789», «021 8877 6655»
_LIST = "، "  # between the numbers of one cell, as our export writes them
_SIMPLE_MOBILE = re.compile(r"09[0-9]{9}").fullmatch
_TEXT_READ = ("kind", "birthday", "note")  # text fields this way reads from one column each
_ONLY_FIELDS = ("title", "first_name", "last_name", "organisation", "job_title", "unit", "manager", "national_code",
                "website")
_CHUNK = 5000  # rows between two progress reports
_BAD = object()  # a cached value whose check failed: the row is read again by RowReader
_UNREAD = object()


class _Unsupported(Exception):
    pass


def cleaned_column(column, text: bool, name: str | None = None) -> list[str]:
    """The cells of one column as RowReader sees them: stripped, our export's apostrophe off,
    and what holds nothing for the field ``name`` fills '' (``import_values.blank_test``; a
    national or postal code and a website are judged in ``_row``, a national code only when its
    check fails, and a birthday as it is read: ``_birthday``).
    ``text``: every cell is a str (CSV)."""
    if text or set(map(type, column)) == {str}:
        cells = list(map(str.strip, column))
    else:
        cells = [c.strip() if c.__class__ is str else clean_cell(c, unquote=False) for c in column]
    joined = "".join(cells)
    if "'" in joined and any(map(str.startswith, cells, repeat("'"))):
        cells = [unneutralise(c) if c[:1] == "'" else c for c in cells]  # our export's apostrophe
    if name and name not in _JUDGED_ELSEWHERE:
        cells = blanked(cells, blank_test(name), joined)
    return cells


_JUDGED_ELSEWHERE = ("national_code", "postal_code", "website", "birthday")
_EMPTY_CODE = blank_test("national_code")  # «-», «ندارد», «0», «0000000000»


def _code(check, cell: str) -> str:
    """``check(cell)`` (a validator), or '' for a cell that holds nothing (ValidationError else)."""
    try:
        return check(cell)
    except ValidationError:
        if _EMPTY_CODE(cell):
            return ""
        raise


def _groups_of(cell: str) -> tuple[str, ...]:
    return tuple(split_groups(cell))


def _emails_of(cell: str):
    if placeholder(cell):
        return ()
    try:
        return tuple(validators.email(e, field="پست الکترونیک") for e in EMAIL_SPLIT.split(cell) if e)
    except ValidationError:
        return _BAD


def _phones_of(cell: str, labelled: str | None, strict: bool) -> list[Phone]:
    """The phones of one cell as RowReader and normalised make them (ValidationError if bad)."""
    if _SIMPLE_PHONE(cell):
        return [_simple_phone(cell, labelled)]
    if _LIST in cell:
        numbers = cell.split(_LIST)
        if all(map(_SIMPLE_PHONE, numbers)):
            return [_simple_phone(number, labelled) for number in numbers]
    return [import_phone(number, ext, labelled, strict) for number, ext in split_phones(cell) if number.strip()]


def _simple_phone(number: str, labelled: str | None) -> Phone:
    """A number of ASCII digits and single spaces that starts with one 0: its national form is
    its digits; it is a mobile when they are 09 and nine more, and a whole number (what the form
    asks of a mobile, home, work or fax number) when they are eleven."""
    national = number.replace(" ", "")
    kind = labelled if labelled is not None else "mobile" if _SIMPLE_MOBILE(national) else "other"
    if kind == "mobile":
        if not _SIMPLE_MOBILE(national):
            raise ValidationError("not a phone number", "", "")  # the row is read again
    elif len(national) != 11 and (kind in FIXED_LINE_KINDS or len(national) < 3):
        raise ValidationError("not a phone number", "", "")
    return Phone(number, kind, "", national)


class _Plan:
    """What each mapped column fills, checked against what this way reads."""

    def __init__(self, reader: RowReader):
        self.text: dict[str, int] = {}  # field -> its column (PLAN_ONLY fields and _TEXT_READ)
        self.phones: list[tuple[int, str | None, bool]] = []  # (column, label, strict)
        self.addresses: dict[str, dict[str, int]] = {}  # slot -> {part: column}
        self.emails: list[int] = []
        self.groups: list[int] = []
        self.custom: list[tuple[int, object]] = []  # (column, CustomField)
        for index, name, slot, what in reader.plan:
            if what == PLAN_ONLY or (what == PLAN_TEXT and name in _TEXT_READ):
                if name in self.text:
                    raise _Unsupported(name)
                self.text[name] = index
            elif what == PLAN_PHONE:
                if name == "phone" and slot:  # a label column may name its kind
                    raise _Unsupported(name)
                self.phones.append((index, PHONE_FIELDS[name], name == "mobile"))
            elif what == PLAN_ADDRESS:
                parts = self.addresses.setdefault(slot, {})
                if name in parts:
                    raise _Unsupported(name)
                parts[name] = index
            elif what == PLAN_EMAIL:
                self.emails.append(index)
            elif what == PLAN_CUSTOM:
                self.custom.append((index, name))
            elif name == "groups":
                self.groups.append(index)
            else:  # full_name, phone_type, two columns for one text field
                raise _Unsupported(name)
        self.addresses = dict(sorted(self.addresses.items()))


def rows_by_columns(table, mapping: dict[int, str], progress: Progress | None = None,
                    fields=()) -> list[ImportRow] | None:
    """The ImportRows of every row of ``table`` (exactly ``rows_from_table``'s), or None when
    the mapping needs the row-by-row reader."""
    reader = RowReader(mapping, fields)
    try:
        plan = _Plan(reader)
    except _Unsupported:
        return None
    rows, numbers = table.rows, table.numbers
    total = len(rows)
    if not total:
        return []
    report(progress, 0, total, TEXT_READING)
    columns = list(zip(*rows))
    all_text = table.format == CSV
    blank = [""] * total

    def column(index, name=None):
        return cleaned_column(columns[index], all_text, name)

    text = {name: column(index, name) for name, index in plan.text.items()}
    kinds = _cached(text.get("kind"), lambda v: v.casefold())
    birthdays = _cached(text.get("birthday"), _birthday)
    phone_columns = [(column(i), label, strict) for i, label, strict in plan.phones]
    email_columns = [_cached(column(i), _emails_of) for i in plan.emails]
    group_columns = [_cached(column(i, "groups"), _groups_of) for i in plan.groups]
    address_columns = [(slot, {part: column(i, part) for part, i in parts.items()})
                       for slot, parts in plan.addresses.items()]
    custom_columns = [(field, _cached(column(i), lambda v, f=field, t=blank_test(None, field): _custom(f, t, v)))
                      for i, field in plan.custom]
    singles = [text.get(name, blank) for name in _ONLY_FIELDS]
    notes = text.get("note", blank)
    out: list[ImportRow] = []
    for i, (title, first, last, organisation, job, unit, manager, code, website) in enumerate(zip(*singles)):
        if i % _CHUNK == 0 and i:
            report(progress, i, total, TEXT_READING)
        row = _row(i, title, first, last, organisation, job, unit, manager, code, website, notes, kinds, birthdays,
                   phone_columns, email_columns, address_columns, group_columns, custom_columns)
        if row is None:  # read again, row by row, for its errors
            cells = rows[i]
            row = build_row(ImportRow(numbers[i], ROW), lambda cells=cells: reader(cells))
            if not row.ok and not row.name:
                row.name = row_name(cells, mapping)
        else:
            row.number = numbers[i]
        out.append(row)
    report(progress, total, total, TEXT_READING)
    return out


def _cached(cells, read) -> list:
    """``read`` of every non-empty cell, each distinct value read once ('' stays '')."""
    if cells is None:
        return None
    seen: dict[str, object] = {"": ""}
    out = []
    for cell in cells:
        value = seen.get(cell, _UNREAD)
        if value is _UNREAD:
            value = seen[cell] = read(cell)
        out.append(value)
    return out


def _birthday(cell: str):
    if placeholder(cell):
        return None
    try:
        return parse_birthday(cell)
    except ValidationError:
        return _BAD


def _custom(field, blank, cell: str):
    if blank is not None and blank(cell):
        return None
    try:
        stored = custom_value(field, cell, kept=True)
    except ValidationError:
        return _BAD
    return None if stored is None else stored[0]


def _row(i, title, first, last, organisation, job, unit, manager, code, website, notes, kinds, birthdays,
         phone_columns, email_columns, address_columns, group_columns, custom_columns) -> ImportRow | None:
    """One row's ImportRow, or None when it must be read again row by row."""
    if not (first or last or organisation):
        return None
    if website and placeholder(website):
        website = ""
    kind = kinds[i] if kinds is not None else ""
    kind = ORGANISATION if kind in ORGANISATION_KINDS or (kind == "" and organisation and not (first or last)) else PERSON
    birthday = None
    if birthdays is not None:
        birthday = birthdays[i]
        if birthday is _BAD:
            return None
        birthday = birthday or None
    try:
        if code:
            code = _code(validators.legal_national_id if kind == ORGANISATION else validators.national_code, code)
        phones = []
        for cells, label, strict in phone_columns:
            cell = cells[i]
            if cell:
                phones += _phones_of(cell, label, strict)
        if len(phones) > 1:
            phones = unique_phones(phones)
        addresses = []
        for _slot, parts in address_columns:
            province, city, street, postal = (parts[p][i] if p in parts else "" for p in
                                              ("province", "city", "street", "postal_code"))
            if province or city or street or postal:
                if postal:
                    postal = _code(validators.postal_code, postal)
                    if not (province or city or street or postal):
                        continue
                addresses.append(Address(province, city, street, postal))
    except ValidationError:
        return None
    emails = []
    for cells in email_columns:
        found = cells[i]
        if found is _BAD:
            return None
        if found:
            emails += found
    custom = {}
    for field, values in custom_columns:
        value = values[i]
        if value is _BAD:
            return None
        if value:
            custom[field.id] = value
    groups: list[str] = []
    for cells in group_columns:
        for group in cells[i]:
            if group not in groups:
                groups.append(group)
    note = notes[i]
    if "\r" in note:  # a line break saved on Windows: as model.normalised stores it
        note = note_text(note)
    contact = Contact(kind, title, first, last, organisation, job, unit, manager, birthday, code, website,
                      note, phones, emails, addresses, custom=custom)
    return ImportRow(0, ROW, contact, groups, contact.display_name)
