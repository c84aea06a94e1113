"""Two contacts made one (no Qt, no SQL): what the merge question shows and what the kept
contact becomes.

The kept contact's own values win. Its empty fields are filled from the other, and every phone,
e-mail, address, group and custom value it lacks is added. Nothing the other held is lost: a
value that differs from the kept one («کد ملی», «سمت», a custom field) is written into the kept
contact's note, in one line «از ادغام با «نام»: سمت: مدیر فروش؛ …», where the search finds it.
A national code and a birthday do not cross kinds: an organisation's national ID is no person's
code and its founding date no birthday, so those go into the note too."""

from __future__ import annotations

import re
from dataclasses import replace

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.phonebook.display import birthday_text, custom_text
from crm_desktop.phonebook.model import ORGANISATION, Address, Contact, Phone

# the one-value fields compared and filled, with their labels (a person's; ORGANISATION_LABELS)
FIELDS = (("title", "عنوان"), ("first_name", "نام"), ("last_name", "نام خانوادگی"), ("organisation", "سازمان"),
          ("job_title", "سمت"), ("unit", "واحد"), ("manager", "مدیر"), ("national_code", "کد ملی"),
          ("birthday", "تاریخ تولد"), ("website", "وب‌سایت"))
ORGANISATION_LABELS = {"national_code": "شناسه ملی", "birthday": "تاریخ تأسیس"}
KIND_BOUND = ("national_code", "birthday")  # what a person's and an organisation's do not share
NAMES = ("first_name", "last_name")  # two spellings of one name are why contacts are merged: not told


def label(attr: str, kind: str) -> str:
    """The Persian label of a field of a contact of ``kind``: «تاریخ تأسیس» for an organisation."""
    if kind == ORGANISATION and attr in ORGANISATION_LABELS:
        return ORGANISATION_LABELS[attr]
    return dict(FIELDS)[attr]


def value_text(attr: str, value: str) -> str:
    """A field's value as the operator reads it (a birthday in Jalali, codes in Persian digits)."""
    if attr == "birthday":
        return birthday_text(value)
    if attr == "national_code":
        return to_persian(value)
    return value


def _same(a: str, b: str) -> bool:
    return normalise(str(a)) == normalise(str(b))


def differences(first: Contact, second: Contact, fields=()) -> list[tuple[str, str, str]]:
    """(label, first's value, second's value) of every one-value field both fill differently,
    the custom ``fields`` (the book's CustomFields) included; names and kind-bound fields of
    contacts of two kinds aside (``kind_bound``)."""
    found = []
    for attr, _ in FIELDS:
        a, b = getattr(first, attr), getattr(second, attr)
        if attr in NAMES or not (a and b) or _same(a, b):
            continue
        if attr in KIND_BOUND and first.kind != second.kind:
            continue
        found.append((label(attr, first.kind), value_text(attr, a), value_text(attr, b)))
    for field in fields:
        a, b = first.custom.get(field.id), second.custom.get(field.id)
        if a not in (None, "") and b not in (None, "") and not _same(a, b):
            found.append((field.name, custom_text(field, a), custom_text(field, b)))
    return found


def kind_bound(first: Contact, second: Contact) -> list[tuple[str, str, str]]:
    """(field, label, value) of the national code and birthday each of two contacts of different
    kinds holds: they would not mean the same in the other («کد ملی» / «شناسه ملی»)."""
    if first.kind == second.kind:
        return []
    return [(attr, label(attr, c.kind), value_text(attr, getattr(c, attr)))
            for c in (first, second) for attr in KIND_BOUND if getattr(c, attr)]


def dropped(keep: Contact, other: Contact, fields=()) -> list[str]:
    """«label: value» of what ``other`` holds that the merged contact will not (see the notes)."""
    lines = [f"{name}: {b}" for name, _a, b in differences(keep, other, fields)]
    if keep.kind != other.kind:
        lines += [f"{label(attr, other.kind)}: {value_text(attr, getattr(other, attr))}"
                  for attr in KIND_BOUND if getattr(other, attr)]
    return lines


def merged(keep: Contact, other: Contact, fields=()) -> Contact:
    """``keep`` with everything of ``other`` (see the module notes)."""
    result = replace(keep)
    for attr, _ in FIELDS:
        if attr in KIND_BOUND and keep.kind != other.kind:
            continue
        if not getattr(result, attr):
            setattr(result, attr, getattr(other, attr))
    notes = [n for n in (keep.note, other.note) if n]
    lost = dropped(keep, other, fields)
    if lost:
        notes.append(f"از ادغام با «{other.display_name}»: {'؛ '.join(lost)}")
    result.note = "\n".join(dict.fromkeys(notes))
    numbers = {(p.national, p.ext) for p in keep.phones}
    result.phones = [*keep.phones, *(Phone(p.number, p.kind, p.ext, p.national) for p in other.phones
                                     if (p.national, p.ext) not in numbers)]
    emails = {e.casefold() for e in keep.emails}
    result.emails = [*keep.emails, *(e for e in other.emails if e.casefold() not in emails)]
    places = {place_key(a) for a in keep.addresses}
    result.addresses = [*keep.addresses, *(Address(a.province, a.city, a.street, a.postal_code) for a in other.addresses
                                           if place_key(a) not in places)]
    result.group_ids = list(dict.fromkeys([*keep.group_ids, *other.group_ids]))
    result.custom = {**other.custom, **{k: v for k, v in keep.custom.items() if v not in (None, "")}}
    return result


_PUNCTUATION = re.compile(r"[\s،,.؛;:\-–—_/()«»\"']+")


def place_key(address: Address) -> tuple:
    """An address compared as the search reads it (digit scripts, ي/ی, ZWNJ, spaces, line breaks)
    and without its punctuation: «پلاک ۱۲، طبقه ۲» is «پلاک 12 طبقه 2» (a merge and an import
    with merge add an address only when no saved one reads so)."""
    return tuple(_PUNCTUATION.sub(" ", normalise(part or "")).strip()
                 for part in (address.province, address.city, address.street, address.postal_code))
