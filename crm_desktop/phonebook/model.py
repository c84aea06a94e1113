"""The phonebook's data (no Qt, no SQL): a contact with its phones, emails and addresses, groups,
custom fields and the notes log. Every other feature points at a contact by its id.

Names: lists show ``display_name`` («title first last», or the organisation); they are sorted by
``sort_name`` — last name, then first name, for a person; the name, for an organisation — through
``core.text.sort_key`` so the order is Persian (ب پ ت … ژ … ک گ … ی)."""

# The phonebook's API (no Qt), as the other features and the views use it:
# model.py: Contact, Phone, Address, Group, CustomField, Note dataclasses; display_name(), sort_name(), normalised(contact) (validates, Persian ValidationError naming the field), PHONE_KINDS / NOTE_KINDS / FIELD_KINDS (key -> Persian label); no_year_to_jalali('--MM-DD') -> (month, day) and jalali_to_no_year(month, day) -> '--MM-DD' for every birthday without a year.
# repo.py: class Phonebook(conn, notify=lambda tables: None) — every write is one transaction (storage.db.transaction) and then notify({"contacts", ...}).
#   - add(contact) -> int ; update(contact) ; get(id) -> Contact | None (phones, emails, addresses, group_ids, custom filled)
#   - delete(ids) -> DeletedContacts (a snapshot) ; undo_delete(snapshot)  (same ids come back with everything)
#   - phone_owners(national, exclude_id=None) -> list[tuple[int, str]]  (contact id, display name) for the duplicate-phone warning
#   - merge(keep_id, other_id)  (keeps every phone, email, address, note, group, custom value; other is deleted)
#   - groups: groups() -> list[Group] (with .count, Persian order), add_group(name, colour) -> id, rename_group(id, name), set_group_colour(id, colour), delete_group(id) (contacts stay), set_contact_groups(contact_id, group_ids), add_to_group(contact_ids, group_id)
#   - custom fields: fields() -> list[CustomField], add_field(CustomField) -> id, update_field(CustomField), delete_field(id)
#   - notes log: add_note(Note) -> id, notes(contact_id) -> list[Note] newest first, delete_note(id); contacts.last_contact_at follows the newest note
#   - search: SearchQuery(text: str = "", group_id: int | None = None, order: str = "name"); count(query) -> int; rows(query, offset, limit) -> list[ContactRow]; ContactRow(id, display_name, organisation, phones: str (display, Persian digits), last_contact_at, custom: dict[field_id, str]) in Persian order of sort_name
#   - iter_contacts(query=None, chunk=1000) -> Iterator[Contact] (full contacts, Persian order) for export and reports
#   - rebuild_search_index() (after bulk inserts)
#   - find_by_mobile(national) -> int | None  (for import duplicate detection)
# Office (crm_desktop/office.py) gets `office.phonebook = Phonebook(office.conn, office.notify)`.

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from crm_desktop.core import jalali, validators
from crm_desktop.core.digits import to_persian
from crm_desktop.core.phone import national_form, phone_digits
from crm_desktop.core.text import isolate, quoted
from crm_desktop.errors import ValidationError

PERSON, ORGANISATION = "person", "organisation"
KINDS = (PERSON, ORGANISATION)
TITLES = ("آقای", "خانم", "دکتر", "مهندس", "استاد", "حاج آقا", "سرکار خانم")


def split_full_name(text: str) -> tuple[str, str, str]:
    """(title, first name, last name) of a whole name as one cell or one vCard FN holds it: the
    titles it starts with («آقای دکتر علی رضایی» → «آقای دکتر»), then every word but the last,
    and the last (after a title a lone word is the last name: «خانم رضایی»). A name of titles
    alone («دکتر») is a name."""
    words = text.split()
    title: list[str] = []
    while len(words) > 1:
        for known in _TITLE_WORDS:
            if words[:len(known)] == list(known) and len(words) > len(known):
                title += words[:len(known)]
                words = words[len(known):]
                break
        else:
            break
    if len(words) < 2:  # «خانم رضایی»: after a title a lone word is the family name
        return (" ".join(title), "", words[0]) if title else ("", " ".join(words), "")
    return " ".join(title), " ".join(words[:-1]), words[-1]


# the titles a whole name may start with, longest first («سرکار خانم» before «خانم»)
_TITLE_WORDS = sorted((tuple(t.split()) for t in (*TITLES, "جناب", "آقا")), key=len, reverse=True)

PHONE_KINDS = {"mobile": "همراه", "home": "منزل", "work": "محل کار", "fax": "دورنگار", "other": "دیگر"}
NOTE_KINDS = {"note": "یادداشت", "call": "تماس", "meeting": "جلسه", "support": "گزارش پشتیبانی"}
FIELD_KINDS = {"text": "متن", "number": "عدد", "date": "تاریخ", "choice": "فهرست انتخابی"}


@dataclass
class Phone:
    number: str  # as the operator typed it
    kind: str = "mobile"
    ext: str = ""
    national: str = ""  # filled by normalised(): ASCII national form, 09121234567 / 02188776655
    id: int | None = None


@dataclass
class Address:
    province: str = ""
    city: str = ""
    street: str = ""
    postal_code: str = ""
    id: int | None = None

    def is_empty(self) -> bool:
        return not (self.province or self.city or self.street or self.postal_code)


@dataclass
class Contact:
    kind: str = PERSON
    title: str = ""
    first_name: str = ""
    last_name: str = ""
    organisation: str = ""
    job_title: str = ""
    unit: str = ""
    manager: str = ""
    birthday: str | None = None  # ISO 'YYYY-MM-DD', or '--MM-DD' (Gregorian) without a year
    national_code: str = ""
    website: str = ""
    note: str = ""
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)
    custom: dict[int, str] = field(default_factory=dict)  # custom field id -> stored value
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    last_contact_at: str | None = None  # newest notes-log entry (ISO), for the table column

    @property
    def display_name(self) -> str:
        return display_name(self.kind, self.title, self.first_name, self.last_name, self.organisation)

    @property
    def sort_name(self) -> str:
        return sort_name(self.kind, self.first_name, self.last_name, self.organisation)


@dataclass
class Group:
    name: str
    colour: str = "#1f6f8b"  # '#rrggbb'
    id: int | None = None
    count: int = 0  # contacts in the group (filled by queries)


@dataclass
class CustomField:
    name: str
    kind: str = "text"  # text | number | date | choice
    choices: list[str] = field(default_factory=list)
    show_in_table: bool = False
    position: int = 0
    id: int | None = None


def _paired(olds: list[str], news: list[str]) -> list[tuple[str, str]]:
    """Old lines with the new lines typed over them: as many as the shorter run, the likest pairs
    first (a line dropped beside one edited must not take its rename), in order when none is
    alike (a line typed over whole)."""
    from difflib import SequenceMatcher

    likeness = sorted(((SequenceMatcher(None, a, b).ratio(), i, j) for i, a in enumerate(olds)
                       for j, b in enumerate(news)), reverse=True)
    pairs, used_old, used_new = [], set(), set()
    for ratio, i, j in likeness:
        if ratio >= 0.5 and i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    rest_old = [i for i in range(len(olds)) if i not in used_old]
    rest_new = [j for j in range(len(news)) if j not in used_new]
    if not pairs:  # nothing alike: typed over in order
        pairs = list(zip(rest_old, rest_new))
    return [(olds[i], news[j]) for i, j in sorted(pairs)]


def choice_renames(old: list[str], new: list[str]) -> dict[str, str]:
    """{old choice: new choice} for the lines of a choice list edited in place: a run of lines
    replaced by other lines, matched in order («طلایی» typed over as «زرین»; the extra lines of
    the longer run are added or dropped); a line dropped or added elsewhere is no rename."""
    from difflib import SequenceMatcher

    renames = {}
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "replace":
            renames.update(_paired(old[a1:a2], new[b1:b2]))
    return {a: b for a, b in renames.items() if a not in new and b not in old}


@dataclass
class Note:
    contact_id: int
    text: str
    kind: str = "note"  # note | call | meeting | support
    at: str = ""  # ISO datetime, local time
    id: int | None = None


def display_name(kind: str, title: str = "", first: str = "", last: str = "", organisation: str = "") -> str:
    """What lists show: «title first last» for a person (its organisation when it has no name),
    the organisation's name for an organisation (its person's name when empty)."""
    title, first, last = _stripped(title), _stripped(first), _stripped(last)
    person = " ".join([part for part in (title, first, last) if part])
    organisation = _stripped(organisation)
    if kind == ORGANISATION:
        return organisation or person
    return person if first or last else (organisation or person)


def _stripped(text: str | None) -> str:
    return text.strip() if text else ""


def sort_name(kind: str, first: str = "", last: str = "", organisation: str = "") -> str:
    """What lists sort by (before core.text.sort_key): «last first» for a person, the organisation's
    name for an organisation; the title never counts."""
    last, first = _stripped(last), _stripped(first)
    person = f"{last} {first}" if last and first else last or first
    organisation = _stripped(organisation)
    if kind == ORGANISATION:
        return organisation or person
    return person or organisation


def too_short(number: str, field: str = "شماره تلفن") -> ValidationError:
    """A number of fewer than three digits (110 and 1566 are numbers; 12 is not)."""
    shown = to_persian((number or "").strip())
    return ValidationError(f"phone number {quoted(number)} is too short",
                           f"{field}: «\u2066{shown}\u2069» کامل نیست؛ دست‌کم سه رقم لازم است.", field)


FIXED_LINE_KINDS = ("home", "work", "fax")
SHORT_NUMBER_HINT = "شماره‌های کوتاه (مانند ۱۱۰) را با نوع «دیگر» ثبت کنید."


LONGEST_NUMBER = 15  # digits of the longest phone number anywhere (ITU E.164)


def checked_phone(number: str, kind: str, field: str = "شماره تلفن") -> str:
    """The national form of one phone of ``kind`` by the contact form's rule, which every import
    follows too (``import_values.import_phone``): one number and nothing else (what an import
    reads as several numbers, «66554433-4» or «0912… - 0935…», is refused as «one number per
    row», by the one decision ``core.phone.split_numbers``; a spreadsheet's «9.12E+09» is
    refused as such); a mobile is an Iranian mobile; a home, work or fax number is
    a whole landline with its area code, a mobile, or a foreign number written with + or 00
    (``validators.phone_number``); «دیگر» may be any number of three digits or more (110, 1566,
    an 8-digit local number). ValidationError otherwise, worded for the form.

    ``normalised`` (what the repository stores) keeps the older, looser rule, so that a
    contact saved before it can still be edited and saved."""
    validators.single_number(number, field)
    if kind == "mobile":
        return validators.mobile(number, field="تلفن همراه")
    if kind not in FIXED_LINE_KINDS:
        national = national_form(number)
        if len(national) < 3 or not phone_digits(number):
            raise too_short(number, field)
        if len(phone_digits(number)) > LONGEST_NUMBER:  # two numbers with only a space between them
            raise ValidationError(f"{field}: {quoted(number)} has more digits than any phone number",
                                  f"{field}: «{isolate(number)}» بیش از هر شماره تلفنی رقم دارد؛ اگر دو شماره "
                                  "است، هر یک را در یک ردیف بنویسید.", field)
        return national
    try:
        return validators.phone_number(number, field)
    except ValidationError as error:
        if len(phone_digits(number)) <= 5 and not national_form(number).startswith("+"):
            raise ValidationError(error.message, f"{error.fa} {SHORT_NUMBER_HINT}", error.field) from None
        raise


def normalised(contact: Contact) -> Contact:
    """Check every field; return the contact with phones in national form and codes in ASCII.

    Raises ValidationError (Persian message naming the field) for the first bad field. A contact
    needs a name: a first or last name for a person, or an organisation."""
    if contact.kind not in KINDS:
        raise ValidationError(f"unknown contact kind {contact.kind!r}", "نوع مخاطب باید شخص یا سازمان باشد.", "نوع")
    for attr in ("title", "first_name", "last_name", "organisation", "job_title", "unit", "manager", "website", "note"):
        setattr(contact, attr, (getattr(contact, attr) or "").strip())
    if "\r" in contact.note:
        contact.note = note_text(contact.note)
    if not (contact.first_name or contact.last_name or contact.organisation):
        raise ValidationError("a contact needs a name", "نام، نام خانوادگی یا نام سازمان را وارد کنید.", "نام")
    if contact.national_code:  # a person's national code, or a company's legal national ID
        if contact.kind == ORGANISATION:
            contact.national_code = validators.legal_national_id(contact.national_code)
        else:
            contact.national_code = validators.national_code(contact.national_code)
    phones = []
    for phone in contact.phones:
        if not (phone.number or "").strip():
            continue
        if phone.kind not in PHONE_KINDS:
            raise ValidationError(f"unknown phone kind {phone.kind!r}", "نوع شماره تلفن درست نیست.", "نوع تلفن")
        if phone.kind == "mobile":
            phone.national = validators.mobile(phone.number, field="تلفن همراه")
        else:
            phone.national = national_form(phone.number)
            if len(phone.national) < 3:
                raise too_short(phone.number)
        phone.number = phone.number.strip()
        phones.append(phone)
    contact.phones = phones
    contact.emails = [validators.email(e, field="پست الکترونیک") for e in contact.emails if (e or "").strip()]
    addresses = []
    for address in contact.addresses:
        if address.is_empty():
            continue
        if address.postal_code:
            address.postal_code = validators.postal_code(address.postal_code)
        addresses.append(address)
    contact.addresses = addresses
    contact.birthday = _checked_birthday(contact.birthday)
    return contact


def note_text(text: str) -> str:
    """A note with its line breaks as ``\\n``: a CSV cell saved on Windows brings ``\\r\\n`` (or
    a lone ``\\r``), which the note would keep and a comparison would count as a difference."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


OLDEST_BIRTHDAY = date(1921, 3, 21)  # 1300/01/01: an earlier year is a typo (1200 for 1400)


def _checked_birthday(value) -> str | None:
    """The stored form of a birthday ('YYYY-MM-DD' or '--MM-DD'), or None."""
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value)
    if not text:
        return None
    try:
        if text.startswith("--") and len(text) == 7 and text[4] == "-":
            date(2000, int(text[2:4]), int(text[5:7]))  # 2000: a leap year, so --02-29 is fine
            return text
        born = date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"birthday {quoted(text)} is not a date", "تاریخ تولد درست نیست.", "تاریخ تولد") from None
    if born > date.today():
        raise ValidationError(f"birthday {text} is still to come", "تاریخ تولد: این روز هنوز نرسیده است.", "تاریخ تولد")
    if born < OLDEST_BIRTHDAY:
        raise ValidationError(f"birthday {text} is before 1300/01/01",
                              "تاریخ تولد: پیش از ۱۳۰۰ است؛ سال را دوباره بررسی کنید.", "تاریخ تولد")
    return born.isoformat()


def now_iso() -> str:
    return datetime.now().replace(microsecond=0).isoformat()


def birthday_date(contact: Contact) -> date | None:
    """The birthday as a date when it has a year."""
    if contact.birthday and not contact.birthday.startswith("--"):
        return date.fromisoformat(contact.birthday)
    return None


# --- birthdays without a year ----------------------------------------------------------------
# Stored the way vCards write them, Gregorian '--MM-DD'; shown, typed, printed, exported and
# reminded as one fixed Jalali day and month: the day that '--MM-DD' falls on in the Jalali year
# 1403 (20 March 2024 to 20 March 2025, a year with 30 Esfand). The same contact thus shows the
# same Jalali day everywhere and every year. 1403 has 366 days and no 29 February, so two values
# do not go both ways: 30 Esfand is stored as --03-20, which reads back as 1 Farvardin, and
# --02-29 reads as 10 Esfand, like --02-28.

NO_YEAR_REFERENCE = 1403


def no_year_to_jalali(stored: str) -> tuple[int, int]:
    """The Jalali (month, day) of a birthday stored without a year ('--03-15' → (12, 25)).
    ValueError for text that is not '--MM-DD' or a day that no year has."""
    if len(stored) != 7 or not stored.startswith("--") or stored[4] != "-" or not stored[2:4].isdigit() \
            or not stored[5:].isdigit():
        raise ValueError(f"not a birthday without a year: {stored!r}")
    month, day = int(stored[2:4]), int(stored[5:7])
    date(2000, month, day)  # a leap year: --02-29 exists, --02-30 does not
    if (month, day) == (2, 29):
        day = 28
    # 1403 runs from 20 March 2024 to 20 March 2025: 20 March itself is read as 1 Farvardin.
    _, j_month, j_day = jalali.to_jalali(date(2024 if (month, day) >= (3, 20) else 2025, month, day))
    return j_month, j_day


def no_year_month_length(month: int) -> int:
    """The days a month has in a birthday without a year: Esfand 29, as in most years (its 30th,
    a leap day, would be 1 Farvardin's Gregorian day in the years around it)."""
    return 29 if month == 12 else jalali.month_length(NO_YEAR_REFERENCE, month)


def jalali_to_no_year(month: int, day: int) -> str:
    """The stored form ('--MM-DD') of a Jalali day and month without a year ((12, 25) →
    '--03-15'). ValueError for a day the month never has (31 Mehr), and 30 Esfand."""
    if not 1 <= month <= 12 or not 1 <= day <= no_year_month_length(month):
        raise ValueError(f"no Jalali day {day} in month {month} without a year")
    g = jalali.from_jalali(NO_YEAR_REFERENCE, month, day)
    return f"--{g.month:02d}-{g.day:02d}"
