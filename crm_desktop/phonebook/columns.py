"""Spreadsheet columns ↔ contact fields: the fields a column can fill, the mapping suggested from
Persian and English headers (ours, Google Contacts CSV, Outlook CSV, common Persian sheets), and
building a contact from one row with a mapping.

A mapping is ``{column index: field key}``; a key is one of ``FIELDS`` with an optional slot,
``"street#2"``: address parts with the same slot make one address (Outlook's Business / Home /
Other, Google's «Address 1 / 2»), and ``phone_type#1`` gives the kind of ``phone#1`` (Google's
«Phone 1 - Label» / «Phone 1 - Value»). Several columns may fill the same field: phones and
e-mails add up, text fields are joined.

Custom fields against built-in headers: a header that is a custom field's name (normalised)
fills that custom field, before any built-in alias («نام مدیر» is a custom field of the
spec's own example, not the manager), except the headers our own export writes for built-in
fields (``EXPORT_HEADERS``: «مدیر», «نام», «استان 2»…), which always fill those fields; the
export writes a custom field that shares such a name as «مدیر (فیلد دلخواه)», which maps back
to it (``custom_header``).

Groups in a cell (``split_groups``): our export writes one group name per line, since names
often hold the separators other programs use («مشتریان، ویژه»); a cell with a line break is
read a name per line, and a cell without one is split at ``, ، ; ؛`` and Google's ``:::``,
so that «مشتریان، همکاران» typed by hand or written by another program is still two groups. A
lone name with a separator has no line break to tell it apart, so the export wraps it in
guillemets (the whole cell ``«مشتریان، ویژه»``), and a one-line cell wholly inside « » that
holds a separator is one name. Line
breaks are the separator that no group name can hold (names are kept on one line) and that
Excel and the CSV writer keep inside a cell; a cell never begins or ends with one, which
spreadsheets and the reader strip.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.phonebook.import_values import (
    blank_test,
    clean_cell,
    import_phone,
    kind_from_labels,
    parse_birthday,
    split_phones,
    unique_phones,
)
from crm_desktop.phonebook.model import ORGANISATION, Address, Contact, split_full_name
from crm_desktop.phonebook.table import unneutralise
from crm_desktop.phonebook.repo_groups import custom_value

IGNORE = ""
FIELDS = {  # key -> Persian label, in the order a mapping list shows them
    "kind": "نوع (شخص / سازمان)",
    "title": "عنوان (آقای، خانم…)",
    "first_name": "نام",
    "last_name": "نام خانوادگی",
    "full_name": "نام و نام خانوادگی",
    "organisation": "سازمان / شرکت",
    "job_title": "سمت",
    "unit": "واحد",
    "manager": "مدیر",
    "mobile": "تلفن همراه",
    "home_phone": "تلفن منزل",
    "work_phone": "تلفن محل کار",
    "fax": "دورنگار",
    "other_phone": "تلفن دیگر",
    "phone": "تلفن (نوع از روی شماره)",
    "phone_type": "نوع تلفن",
    "email": "ایمیل",
    "province": "استان",
    "city": "شهر",
    "street": "نشانی",
    "postal_code": "کد پستی",
    "national_code": "کد ملی",
    "birthday": "تاریخ تولد",
    "website": "وب‌سایت",
    "note": "یادداشت",
    "groups": "گروه‌ها",
}
PHONE_FIELDS = {"mobile": "mobile", "home_phone": "home", "work_phone": "work", "fax": "fax", "other_phone": "other", "phone": None}
ADDRESS_FIELDS = ("province", "city", "street", "postal_code")
CUSTOM = "custom:"  # a mapping key "custom:<field id>": the column fills that custom field
TEXT_FIELDS = ("title", "first_name", "last_name", "organisation", "job_title", "unit", "manager", "national_code", "website")


def base(key: str) -> tuple[str, str]:
    """``"street#2"`` → ("street", "2")."""
    name, _, slot = (key or "").partition("#")
    return name, slot


def custom_key(field_id: int) -> str:
    return f"{CUSTOM}{int(field_id)}"


def custom_id(key: str) -> int | None:
    """The custom field id of a ``custom:<id>`` key, else None (a negative id: a field an import
    is about to make, ``import_fields``)."""
    name = base(key)[0]
    if name.startswith(CUSTOM) and name[len(CUSTOM):].removeprefix("-").isdigit():
        return int(name[len(CUSTOM):])
    return None


def known_key(key: str, fields=()) -> bool:
    """Whether a mapping key names a field a column can fill (a custom one among ``fields``)."""
    field_id = custom_id(key)
    if field_id is not None:
        return any(f.id == field_id for f in fields or ())
    return base(key)[0] in FIELDS


def field_label(key: str, fields=()) -> str:
    """The Persian label of a mapping key (``street#2`` → «نشانی ۲»); «نادیده» for IGNORE."""
    name, slot = base(key)
    if not name:
        return "نادیده گرفته شود"
    field_id = custom_id(key)
    if field_id is not None:
        found = [f.name for f in fields or () if f.id == field_id]
        return found[0] if found else "فیلد دلخواه"
    label = FIELDS.get(name, name)
    return f"{label} {to_persian(slot)}" if slot and slot != "1" else label


# --- recognising headers ---------------------------------------------------------------------

def _key(header: str) -> str:
    text = normalise(header).replace("_", " ")
    return re.sub(r"[^\w@#]+", " ", text).strip()


_ALIASES = {
    "kind": ["نوع", "نوع مخاطب", "kind", "contact type"],
    "title": ["عنوان", "پیشوند", "title", "name prefix", "prefix", "salutation"],
    "first_name": ["نام", "نام کوچک", "اسم", "first name", "firstname", "given name", "first", "forename",
                   "middle name", "additional name", "نام میانی"],
    "last_name": ["نام خانوادگی", "نام خانوادگي", "فامیل", "فامیلی", "نام فامیل", "last name", "lastname", "surname",
                  "family name", "last"],
    "full_name": ["نام و نام خانوادگی", "نام کامل", "نام مخاطب", "مخاطب", "نام شخص", "name", "full name",
                  "display name", "contact name", "file as"],
    "organisation": ["سازمان", "شرکت", "نام شرکت", "نام سازمان", "موسسه", "company", "organization", "organisation",
                     "organization name", "organization 1 name", "company name", "business"],
    "job_title": ["سمت", "شغل", "عنوان شغلی", "job title", "organization title", "organization 1 title", "position",
                  "role", "occupation"],
    "unit": ["واحد", "بخش", "دپارتمان", "department", "organization department", "organization 1 department"],
    "manager": ["مدیر", "نام مدیر", "manager", "manager s name", "managers name"],
    "mobile": ["موبایل", "همراه", "تلفن همراه", "شماره همراه", "شماره موبایل", "تلفن موبایل", "mobile", "mobile phone",
               "cell", "cell phone", "cellphone", "mobile number"],
    "home_phone": ["تلفن منزل", "منزل", "شماره منزل", "home phone", "home phone 2", "home"],
    "work_phone": ["تلفن محل کار", "تلفن کار", "تلفن شرکت", "تلفن دفتر", "business phone", "business phone 2",
                   "work phone", "company main phone", "office phone"],
    "fax": ["فکس", "فاکس", "دورنگار", "نمابر", "fax", "business fax", "home fax", "other fax"],
    "other_phone": ["تلفن دیگر", "سایر تلفن ها", "other phone", "pager", "callback", "car phone", "radio phone"],
    "phone": ["تلفن", "شماره", "شماره تلفن", "تلفن ثابت", "شماره تماس", "تلفن تماس", "phone", "telephone",
              "phone number", "primary phone", "tel", "assistant s phone"],
    "email": ["ایمیل", "پست الکترونیک", "پست الکترونیکی", "رایانامه", "نشانی ایمیل", "email", "e mail",
              "email address", "e mail address", "e mail 2 address", "e mail 3 address", "mail"],
    "province": ["استان", "province", "state", "region"],
    "city": ["شهر", "city", "town"],
    "street": ["آدرس", "نشانی", "خیابان", "نشانی پستی", "address", "street", "street address"],
    "postal_code": ["کد پستی", "کدپستی", "postal code", "zip", "zip code", "postcode", "post code"],
    "national_code": ["کد ملی", "کدملی", "شماره ملی", "شناسه ملی", "national code", "national id", "melli code"],
    "birthday": ["تاریخ تولد", "تولد", "birthday", "birth date", "date of birth", "birthdate", "dob"],
    "website": ["وب سایت", "وبسایت", "سایت", "تارنما", "website", "web site", "web page", "url", "homepage"],
    "note": ["یادداشت", "توضیحات", "توضیح", "ملاحظات", "شرح", "notes", "note", "comments", "description"],
    "groups": ["گروه", "گروه ها", "دسته", "دسته بندی", "labels", "group membership", "categories", "groups"],
}
_EXACT = {_key(alias): key for key, aliases in _ALIASES.items() for alias in aliases}
# Outlook: "Business Street", "Home City", "Other Postal Code", "Business Street 2"…
_OUTLOOK_PLACES = {"business": "1", "home": "2", "other": "3"}
_OUTLOOK_PARTS = {"street": "street", "street 2": "street", "street 3": "street", "city": "city", "state": "province",
                  "postal code": "postal_code", "po box": "street", "country region": None, "country": None}
# Google: "Phone 1 - Value", "Address 2 - City", "E-mail 1 - Value", "Organization 1 - Name"…
_GOOGLE = re.compile(r"(e mail|email|phone|address|website|organization|organisation) (\d+) (.+)")
_GOOGLE_PARTS = {
    "address": {"street": "street", "city": "city", "region": "province", "postal code": "postal_code",
                "po box": "street", "extended address": "street"},
    "organization": {"name": "organisation", "title": "job_title", "department": "unit"},
}


def suggest_field(header: str) -> str:
    """The field key a header names (see the module notes), or IGNORE."""
    key = _key(header)
    if not key:
        return IGNORE
    match = _GOOGLE.fullmatch(key)
    if match:
        what, slot, part = match.group(1), match.group(2), match.group(3)
        what = {"e mail": "email", "organisation": "organization"}.get(what, what)
        if what in ("email", "phone", "website"):
            if part == "value":
                return {"email": "email", "phone": f"phone#{slot}", "website": "website"}[what]
            if what == "phone" and part in ("type", "label"):
                return f"phone_type#{slot}"
            if part in ("type", "label"):
                return IGNORE
        elif part in _GOOGLE_PARTS[what]:
            found = _GOOGLE_PARTS[what][part]
            return f"{found}#{slot}" if what == "address" else found
        elif part in ("type", "label", "formatted", "country", "symbol", "location", "job description",
                      "phonetic name", "yomi name"):
            return IGNORE
    words = key.split(" ", 1)
    if len(words) == 2 and words[0] in _OUTLOOK_PLACES and words[1] in _OUTLOOK_PARTS:
        part = _OUTLOOK_PARTS[words[1]]
        return f"{part}#{_OUTLOOK_PLACES[words[0]]}" if part else IGNORE
    found = _EXACT.get(key, IGNORE)
    numbered = re.fullmatch(r"(.+?) ?(\d+)", key)
    if not found and numbered:  # «نشانی ۲», «تلفن همراه 2», "Home Phone 2"
        found = _EXACT.get(numbered.group(1), IGNORE)
        if found in ADDRESS_FIELDS:
            found = f"{found}#{numbered.group(2)}"
    return found


# --- our own export's headers (exporter.Columns writes them in this order) ------------------

EXPORT_PHONE_HEADERS = (("mobile", "تلفن همراه"), ("home", "تلفن منزل"), ("work", "تلفن محل کار"),
                        ("fax", "دورنگار"), ("other", "تلفن دیگر"))
EXPORT_ADDRESS_HEADERS = ("استان", "شهر", "نشانی", "کد پستی")  # once per address, «استان 2» for the second
EXPORT_HEAD = ("نوع", "عنوان", "نام", "نام خانوادگی", "سازمان", "سمت", "واحد", "مدیر",
               *(label for _, label in EXPORT_PHONE_HEADERS), "ایمیل")
EXPORT_TAIL = ("کد ملی", "تاریخ تولد", "وب‌سایت", "یادداشت", "گروه‌ها")
EXPORT_HEADERS = EXPORT_HEAD + EXPORT_ADDRESS_HEADERS + EXPORT_TAIL
CUSTOM_MARK = "فیلد دلخواه"  # «مدیر (فیلد دلخواه)»: a custom field named like one of EXPORT_HEADERS
_OWN_KEYS = frozenset(_key(h) for h in EXPORT_HEADERS)
_ADDRESS_KEYS = frozenset(_key(h) for h in EXPORT_ADDRESS_HEADERS)
_MARKED = re.compile(rf"(.+?)\s*\(\s*{CUSTOM_MARK}(?:\s*\d+)?\s*\)")  # «مدیر (فیلد دلخواه)», «… ۲)»

# Names a custom field may not take (``builtin_field_named``): what the form, the table and the
# export call a built-in field (an organisation's labels too), and every header an import reads
# as a phone, an e-mail, a national code, a birthday, a website, a note, a name or the groups
# («موبایل ۲», «کدملی», «توضیحات»). A number kept in a custom field could not be dialled or found
# as a duplicate, and an import's «موبایل» column would fill that field instead of the contact's
# phones. Free: address parts (the table has no address column, and a «شهر» field is how an
# office gets one) and what only names a job, a unit, a manager or a company («نام مدیر»).
_TABLE_ONLY = ("تلفن", "آخرین تماس", "تاریخ ثبت", "تاریخ تأسیس", "شناسه ملی", "نام سازمان", "توضیحات")
_CLAIMED = frozenset((*PHONE_FIELDS, "email", "national_code", "birthday", "website", "note", "groups", "kind",
                      "first_name", "last_name", "full_name"))


def _builtin_names() -> dict[str, str]:
    names = {}
    for key, label in FIELDS.items():
        if key in ADDRESS_FIELDS:
            continue
        plain = label.split(" (")[0]
        names.setdefault(_key(plain), plain)
    for header in (*EXPORT_HEAD, *EXPORT_TAIL, *_TABLE_ONLY):
        names.setdefault(_key(header), header)
    return names


_BUILTIN_NAMES = _builtin_names()


def builtin_field_named(name: str) -> str | None:
    """The label of the built-in field a custom field called ``name`` would duplicate («موبایل ۲»
    → «تلفن همراه»), or None («نام مدیر», «تاریخ تولد همسر», «شهر»: free)."""
    found = _BUILTIN_NAMES.get(_key(name))
    if found:
        return found
    claimed = base(suggest_field(name))[0]
    return FIELDS[claimed].split(" (")[0] if claimed in _CLAIMED else None


def own_header(header: str) -> bool:
    """Whether our export writes ``header`` for a built-in field (address parts numbered too)."""
    key = _key(header)
    if key in _OWN_KEYS:
        return True
    numbered = re.fullmatch(r"(.+?) ?(\d+)", key)
    return bool(numbered) and numbered.group(1) in _ADDRESS_KEYS


def custom_header(name: str, taken: set, names=()) -> str:
    """The header the export writes for the custom field ``name``: the name itself, or
    «name (فیلد دلخواه)» when our export writes that header for a built-in field or another
    column already has it (``taken``: the ``_key``s of the headers so far, updated here;
    ``names``: every custom field's name, which a marked header must not be)."""
    others = {_key(n) for n in names if _key(n) != _key(name)}
    candidates = [name, f"{name} ({CUSTOM_MARK})"]
    candidates += [f"{name} ({CUSTOM_MARK} {to_persian(n)})" for n in range(2, len(taken) + len(others) + 3)]
    for header in candidates:
        key = _key(header)
        if key not in taken and not own_header(header) and (header == name or key not in others):
            taken.add(key)
            return header
    raise AssertionError("unreachable: a numbered header is always free")


def unmarked(header: str) -> str:
    """The custom field's name in a header our export marked («شهر (فیلد دلخواه)» → «شهر»), else
    the header itself."""
    marked = _MARKED.fullmatch(header.strip())
    return marked.group(1) if marked else header


def _custom_match(header: str, fields) -> str:
    """The ``custom:<id>`` key of the custom field whose name (normalised) is ``header``, or
    whose name ``header`` marks as a custom field's («مدیر (فیلد دلخواه)»)."""
    wanted = normalise(header)
    if not wanted:
        return IGNORE
    found = _field_named(wanted, fields)
    if not found:
        marked = _MARKED.fullmatch(wanted)
        found = _field_named(marked.group(1), fields) if marked else IGNORE
    return found


def custom_field_named(name: str, fields):
    """The one of ``fields`` (custom fields) called ``name`` (compared as headers are), or None."""
    field_id = custom_id(_custom_match(name, fields))
    return next((f for f in fields or () if f.id == field_id), None) if field_id is not None else None


def _field_named(wanted: str, fields) -> str:
    """The key of the field whose normalised name is ``wanted``, else of one whose ``_key`` is."""
    fields = [f for f in fields or () if f.id is not None]
    for f in fields:
        if normalise(f.name) == wanted:
            return custom_key(f.id)
    loose = _key(wanted)
    for f in fields:
        if loose and _key(f.name) == loose:
            return custom_key(f.id)
    return IGNORE


def suggest_mapping(headers, fields=()) -> dict[int, str]:
    """{column index: field key} for every header we recognise. «نام» next to «نام خانوادگی» is
    the first name; a lone «نام» (no last-name column) is the whole name. A header that is the
    name of one of ``fields`` (the book's custom fields) maps to it before any built-in alias,
    unless our export writes that header for a built-in field (see the module notes); each
    custom field takes its first such column."""
    mapping = {}
    if fields:
        taken = set()
        for i, header in enumerate(headers):
            if own_header(header):
                continue
            key = _custom_match(header, fields)
            if key and key not in taken:
                mapping[i] = key
                taken.add(key)
    for i, header in enumerate(headers):
        if i not in mapping and (found := suggest_field(header)):
            mapping[i] = found
    mapping = dict(sorted(mapping.items()))
    fields = {base(f)[0] for f in mapping.values()}
    if "first_name" in fields and "last_name" not in fields:
        for i, f in mapping.items():
            if f == "first_name" and _key(headers[i]) in (_key("نام"), "name"):
                mapping[i] = "full_name"
    return mapping


# --- one row → one contact -------------------------------------------------------------------

ORGANISATION_KINDS = {"organisation", "organization", "org", "company", "سازمان", "شرکت", "حقوقی"}


# What a mapped column fills, in RowReader.plan's (column, field, slot, what) entries (import_columns.py
# reads the same plan): PLAN_ONLY is a text field no other column fills.
PLAN_TEXT, PLAN_PHONE, PLAN_PHONE_TYPE, PLAN_ADDRESS, PLAN_EMAIL, PLAN_GROUPS, PLAN_CUSTOM, PLAN_ONLY = range(8)
EMAIL_SPLIT = re.compile(r"[\s,;،؛]+|:::")
GROUP_SPLIT = re.compile(r"\s*(?::::|[,،;؛\n])\s*")

# --- groups in a cell (see the module notes) ----------------------------------------------------

GROUP_LINES = re.compile(r"\s*[\r\n]+\s*")
_SYSTEM_GROUPS = ("mycontacts", "starred")  # Google's «* myContacts ::: * starred»


def split_groups(cell: str) -> list[str]:
    """The group names of a cell (see the module notes): a name per line when it has a line
    break, else the whole cell when it is one «name», else split at Google's ``:::`` when it
    has one, else at ``GROUP_SPLIT``'s separators;
    Google's system groups left out, each name once."""
    cell = cell.strip()
    if "\n" in cell or "\r" in cell:
        parts = GROUP_LINES.split(cell)
    elif cell[:1] == "«" and cell[-1:] == "»" and GROUP_SPLIT.search(cell):
        parts = [cell[1:-1]]
    elif ":::" in cell:  # Google's own separator: a label may hold «،» or «,» («مشتریان، ویژه ::: * myContacts»)
        parts = cell.split(":::")
    else:
        parts = GROUP_SPLIT.split(cell)
    found: list[str] = []
    for name in parts:
        name = name.strip()
        if name and name.lstrip("*").strip().casefold() not in _SYSTEM_GROUPS and name not in found:
            found.append(name)
    return found


def group_cell(names) -> str:
    """The cell our export writes for a contact's groups (``split_groups`` reads it back)."""
    names = list(names)
    if len(names) == 1 and GROUP_SPLIT.search(names[0]):
        return f"«{names[0]}»"
    return "\n".join(names)


class RowReader:
    """``RowReader(mapping)(row) -> (contact, group names)``: the mapping compiled once, for
    reading a hundred thousand rows quickly. ``fields``: the book's custom fields, for the
    ``custom:<id>`` keys (a value the field cannot take is a ValidationError: the row is bad)."""

    def __init__(self, mapping: dict[int, str], fields=()):
        plan = []
        by_id = {f.id: f for f in fields or () if f.id is not None}
        for index, key in sorted(mapping.items()):
            field_id = custom_id(key)
            if field_id is not None:
                if field_id in by_id:
                    plan.append((index, by_id[field_id], "", PLAN_CUSTOM))
                continue
            name, slot = base(key)
            if not name or name not in FIELDS:
                continue
            what = (PLAN_PHONE if name in PHONE_FIELDS else PLAN_PHONE_TYPE if name == "phone_type"
                    else PLAN_ADDRESS if name in ADDRESS_FIELDS else PLAN_EMAIL if name == "email"
                    else PLAN_GROUPS if name == "groups" else PLAN_TEXT)
            plan.append((index, name, slot or ("1" if what == PLAN_ADDRESS else ""), what))
        # a text field only one column fills is set as the cell is read (no list of its values)
        columns_of = Counter(entry[1] for entry in plan if entry[3] == PLAN_TEXT)
        plan = [(index, name, slot, PLAN_ONLY if what == PLAN_TEXT and name in TEXT_FIELDS and columns_of[name] == 1 else what)
                for index, name, slot, what in plan]
        self.plan = plan
        # one entry (or None) per column: itertools.compress then skips the empty cells in C; each
        # with the test of a cell that holds nothing for its field (import_values.blank_test)
        self.by_column = [None] * (max((p[0] for p in plan), default=-1) + 1)
        for index, name, slot, what in plan:
            test = blank_test(None, name) if what == PLAN_CUSTOM else blank_test(name)
            self.by_column[index] = (index, name, slot, what, test)

    def __call__(self, row: list) -> tuple[Contact, list[str]]:
        contact = Contact()
        text: dict[str, list[str]] = {}
        addresses: dict[str, Address] = {}
        phone_types: dict[str, str] = {}
        phone_cells = []
        groups: list[str] = []
        for entry in compress(self.by_column, row):
            if entry is None:
                continue
            index, name, slot, what, blank = entry
            cell = row[index]
            if cell.__class__ is str:
                cell = cell.strip()
                if cell[:1] == "'":  # our own export's apostrophe before a formula mark
                    cell = unneutralise(cell)
            else:
                cell = clean_cell(cell)
            if not cell or (blank is not None and blank(cell)):
                continue  # «-» in a name or a national code, «ندارد» in a job title or an e-mail…: nothing
            if what == PLAN_ONLY:
                setattr(contact, name, cell)
            elif what == PLAN_TEXT:
                if name in text:
                    text[name].append(cell)
                else:
                    text[name] = [cell]
            elif what == PLAN_PHONE:
                phone_cells.append((name, slot, cell))
            elif what == PLAN_PHONE_TYPE:
                phone_types[slot] = cell
            elif what == PLAN_ADDRESS:
                address = addresses.get(slot)
                if address is None:
                    address = addresses[slot] = Address()
                old = getattr(address, name)
                setattr(address, name, f"{old}، {cell}" if old else cell)
            elif what == PLAN_EMAIL:
                contact.emails.extend(e for e in EMAIL_SPLIT.split(cell) if e)
            elif what == PLAN_CUSTOM:
                stored = custom_value(name, cell, kept=True)  # name: the CustomField; «007» is no number of it
                if stored is not None:
                    contact.custom[name.id] = stored[0]
            else:
                for group in split_groups(cell):
                    if group not in groups:
                        groups.append(group)
        if text:
            for name, values in text.items():
                if name in TEXT_FIELDS:
                    setattr(contact, name, values[0] if len(values) == 1 else " ".join(values))
            if "note" in text:
                contact.note = "\n".join(text["note"])
            if "full_name" in text and not (contact.first_name or contact.last_name):
                title, contact.first_name, contact.last_name = split_full_name(" ".join(text["full_name"]))
                contact.title = contact.title or title
            kind = " ".join(text["kind"]).strip().casefold() if "kind" in text else ""
            if "birthday" in text:
                contact.birthday = parse_birthday(text["birthday"][0])
        else:
            kind = ""
        if kind in ORGANISATION_KINDS or (kind == "" and contact.organisation and not (contact.first_name or contact.last_name)):
            contact.kind = ORGANISATION
        for name, slot, cell in phone_cells:
            labelled = PHONE_FIELDS[name]
            if name == "phone" and slot in phone_types:
                labelled = kind_from_labels([phone_types[slot]])
            strict = name == "mobile"
            for number, ext in split_phones(cell):
                contact.phones.append(import_phone(number, ext, labelled, strict))
        if len(contact.phones) > 1:
            contact.phones = unique_phones(contact.phones)
        if addresses:
            contact.addresses = [a for _, a in sorted(addresses.items()) if not a.is_empty()]
        return contact, groups


def row_to_contact(row: list, mapping: dict[int, str], fields=()) -> tuple[Contact, list[str]]:
    """The contact one row describes (not yet validated: pass it through ``normalised``) and its
    group names. Raises ValidationError for a bad birthday or a phone the contact form would
    refuse (``import_values.import_phone``). (Many rows: use ``RowReader``.)"""
    return RowReader(mapping, fields)(row)


def row_name(row: list, mapping: dict[int, str]) -> str:
    """Who a row is about (its name columns), for reporting a row that could not be read."""
    parts = {}
    for index, key in mapping.items():
        name = base(key)[0]
        if name in ("first_name", "last_name", "full_name", "organisation") and index < len(row):
            cell = clean_cell(row[index])
            if cell:
                parts.setdefault(name, []).append(cell)
    person = " ".join(" ".join(parts.get(k, [])) for k in ("first_name", "last_name")).strip()
    return person or " ".join(parts.get("full_name", [])) or " ".join(parts.get("organisation", []))
