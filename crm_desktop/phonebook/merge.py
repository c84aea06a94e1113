"""Two contacts made one (no Qt, no SQL): what the merge question shows and what the kept
contact becomes.

The kept contact's own values win. Its empty fields are filled from the other, and every phone,
e-mail, address, group and custom value it lacks is added. Nothing the other held is lost: a
value that differs from the kept one («کد ملی», «سمت», a custom field) is written into the kept
contact's note, in one line «از ادغام با «نام»: سمت: مدیر فروش؛ …», where the search finds it.
A national code and a birthday do not cross kinds: an organisation's national ID is no person's
code and its founding date no birthday, so those go into the note too.

One merge for both callers: ``merge_into`` fills a contact from another in place (an import with
merge, a row into the saved contact), and ``merged`` is the phonebook's «ادغام» of two saved
contacts through it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise, quoted
from crm_desktop.phonebook.display import birthday_text, custom_text
from crm_desktop.phonebook.model import ORGANISATION, Address, Contact

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
    for custom in fields:
        a, b = first.custom.get(custom.id), second.custom.get(custom.id)
        if a not in (None, "") and b not in (None, "") and not _same(a, b):
            found.append((custom.name, custom_text(custom, a), custom_text(custom, b)))
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


SCALARS = ("title", "first_name", "last_name", "organisation", "job_title", "unit", "manager", "birthday",
           "national_code", "website")


def merged(keep: Contact, other: Contact, fields=()) -> Contact:
    """``keep`` with everything of ``other`` (see the module notes): a copy of ``keep`` that
    ``merge_into`` fills, the one merge the phonebook and an import with merge share."""
    result = replace(keep, phones=[replace(p) for p in keep.phones], emails=list(keep.emails),
                     addresses=[replace(a) for a in keep.addresses], group_ids=list(keep.group_ids),
                     custom=dict(keep.custom))
    copied = replace(other, phones=[replace(p, id=None) for p in other.phones],
                     addresses=[replace(a, id=None) for a in other.addresses])
    merge_into(result, copied, fields)
    return result


@dataclass
class Merged:
    """What ``merge_into`` did: truthy when it changed the saved contact."""

    changed: bool = False  # something was written into the saved contact
    added: bool = False  # … a value, phone, e-mail, address, group or note it lacked
    differed: list[tuple[str, str]] = field(default_factory=list)  # (Persian, English) labels of fields that differ
    noted: bool = False  # the file's differing values were written into the saved contact's note

    def __bool__(self) -> bool:
        return self.changed


# merge.FIELDS' labels in English, for the CLI line (a custom field is named as it is)
_LABELS_EN = {"عنوان": "title", "نام": "first name", "نام خانوادگی": "last name", "سازمان": "organisation",
              "سمت": "job title", "واحد": "unit", "مدیر": "manager", "کد ملی": "national code",
              "شناسه ملی": "national ID", "تاریخ تولد": "birthday", "تاریخ تأسیس": "founding date",
              "وب‌سایت": "website"}


def merge_into(target: Contact, other: Contact, fields=()) -> Merged:
    """Merge a file's row ``other`` into ``target`` (a saved contact, or an earlier row): the saved
    values win and none is overwritten. Its empty fields are filled, and the phones (number and
    extension), e-mails, addresses, groups and custom values it lacks are added; a note it does
    not hold is appended. Addresses and notes are compared as the search reads them
    (``core.text.normalise``: digit scripts, ي/ی, spaces and line breaks; for an address also
    punctuation, and an address whose every part the saved one has is no new one). A field both
    fill differently (``differences``: not the names, which are why rows meet) keeps the
    saved value and the file's goes into the note, in the line the phonebook's own merge writes
    («از ادغام با «نام»: سمت: مدیر فروش؛ …»), once: an entry («سمت: مدیر») one of the note's
    merge lines already holds whole is not written again, so a re-import adds nothing (and
    «سمت: مدیر» is noted after «سمت: مدیر فروش»). A saved value that holds nothing («-», or
    «ندارد» in a job title: ``import_values.blank_test``, which an older import stored) is empty:
    the file's value fills it. A national code and a birthday do not cross from an organisation
    to a person or back (into the note too)."""
    from crm_desktop.phonebook.import_values import blank_test

    done = Merged()
    for attr in SCALARS:  # a saved «-» or «ندارد» (an older import stored them) holds nothing
        mine, theirs = getattr(target, attr), getattr(other, attr)
        if mine and theirs and attr != "birthday" and (test := blank_test(attr)) is not None and test(mine) \
                and not test(theirs) and not (attr in KIND_BOUND and target.kind != other.kind):
            setattr(target, attr, theirs)
            done.added = True
    if other.birthday and target.birthday and target.kind == other.kind:
        mine, theirs = target.birthday, other.birthday
        if theirs.startswith("--") and mine.endswith(theirs[1:]):  # the same day, without its year
            other.birthday = mine
        elif mine.startswith("--") and theirs.endswith(mine[1:]):  # the year the saved one lacked
            target.birthday = theirs
            done.added = True
    found = differences(target, other, fields)
    done.differed = [(name, _LABELS_EN.get(name, quoted(name))) for name, _mine, _theirs in found]
    lost = dropped(target, other, fields)
    for attr in SCALARS:
        if attr in KIND_BOUND and target.kind != other.kind:
            continue
        if not getattr(target, attr) and getattr(other, attr):
            setattr(target, attr, getattr(other, attr))
            done.added = True
    if other.note and normalise(other.note) not in normalise(target.note):
        target.note = f"{target.note}\n{other.note}" if target.note else other.note
        done.added = True
    have = {(p.national, p.ext) for p in target.phones}
    for phone in other.phones:
        if (phone.national, phone.ext) not in have:
            phone.id = None
            target.phones.append(phone)
            have.add((phone.national, phone.ext))
            done.added = True
    emails = {e.casefold() for e in target.emails}
    for email in other.emails:
        if email.casefold() not in emails:
            target.emails.append(email)
            emails.add(email.casefold())
            done.added = True
    places = [place_key(a) for a in target.addresses]
    for address in other.addresses:
        key = place_key(address)
        if not any(all(not part or part == saved for part, saved in zip(key, place)) for place in places):
            address.id = None
            target.addresses.append(address)
            places.append(key)
            done.added = True
    for group_id in other.group_ids:
        if group_id not in target.group_ids:
            target.group_ids.append(group_id)
            done.added = True
    for field_id, value in other.custom.items():
        if value not in (None, "") and target.custom.get(field_id) in (None, ""):
            target.custom[field_id] = value
            done.added = True
    lost = [entry for entry in lost if not _noted(entry, target.note)]
    if lost:
        line = f"{MERGE_LINE}«{other.display_name}»: {'؛ '.join(lost)}"
        target.note = f"{target.note}\n{line}" if target.note else line
        done.noted = True
    done.changed = done.added or done.noted
    return done


MERGE_LINE = "از ادغام با "  # the start of the line a merge writes into the note («از ادغام با «نام»: سمت: …؛ …»)


def _noted(entry: str, note: str) -> bool:
    """Whether a «label: value» entry is one of those a merge line of ``note`` holds, whole
    («سمت: مدیر» is not in «سمت: مدیر فروش»), compared normalised (digits, ي / ی, spaces)."""
    if MERGE_LINE not in note:
        return False
    wanted = [normalise(part) for part in entry.split("؛")]
    for line in note.splitlines():
        line = line.strip()
        if not line.startswith(MERGE_LINE):
            continue
        _name, colon, rest = line.partition("»: ")
        if not colon:
            continue
        parts = [normalise(part) for part in rest.split("؛")]
        if any(parts[i:i + len(wanted)] == wanted for i in range(len(parts) - len(wanted) + 1)):
            return True
    return False


_PUNCTUATION = re.compile(r"[\s،,.؛;:\-–—_/()«»\"']+")


def place_key(address: Address) -> tuple:
    """An address compared as the search reads it (digit scripts, ي/ی, ZWNJ, spaces, line breaks)
    and without its punctuation: «پلاک ۱۲، طبقه ۲» is «پلاک 12 طبقه 2» (a merge and an import
    with merge add an address only when no saved one reads so)."""
    return tuple(_PUNCTUATION.sub(" ", normalise(part or "")).strip()
                 for part in (address.province, address.city, address.street, address.postal_code))
