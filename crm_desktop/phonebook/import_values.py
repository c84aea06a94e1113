"""Values as other programs write them, turned into ours: birthdays in every format phones and
spreadsheets use, cells with several phone numbers, phone numbers with an extension, the kind
of a phone from its label. Shared by the vCard and the table (CSV / XLSX) importers."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.jalali import MONTH_NAMES, TYPED_MAX_YEAR, TYPED_MIN_YEAR, from_jalali
from crm_desktop.core.phone import PLAIN_NUMBER as _PLAIN_NUMBER
from crm_desktop.core.phone import national_form, phone_digits, split_numbers
from crm_desktop.core.text import isolate, normalise, quoted
from crm_desktop.core.validators import FIELD_NAMES_EN
from crm_desktop.errors import ValidationError
from crm_desktop.phonebook.model import FIXED_LINE_KINDS, OLDEST_BIRTHDAY, Phone, checked_phone, jalali_to_no_year

BIRTHDAY = "تاریخ تولد"
APPLE_NO_YEAR = 1604  # iPhone writes a birthday without a year as 1604-MM-DD

_NO_YEAR = re.compile(r"--\s*(\d{1,2})\s*-?\s*(\d{1,2})")
# between a date's numbers: «-», «/», «.», the Arabic date separator «؍» and the Persian decimal
# separator «٫» («۱۳۶۵٫۰۴٫۱۲», as a Persian keyboard's dot key types it)
_YMD = re.compile(r"(\d{4})\s*[-/.؍٫]\s*(\d{1,2})\s*[-/.؍٫]\s*(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})\s*[-/.؍٫]\s*(\d{1,2})\s*[-/.؍٫]\s*(\d{4})")
# A time of day after a date, as Excel, Access and SQL write one («1986-07-03 00:00:00»,
# «7/3/1986 12:00:00 AM», «1365/04/12 00:00», ISO's «T00:00:00Z»): dropped, a birthday is a day.
_TIME = re.compile(r"(?:\s*T\s*|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                   r"(?:\s*(?:[AaPp]\.?\s*[Mm]\.?|ق\.?\s*ظ\.?|ب\.?\s*ظ\.?))?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?")
_DATE_HEAD = re.compile(r"\d{1,4}\s*[-/.؍٫]\s*\d{1,2}\s*[-/.؍٫]\s*\d{1,4}|\d{8}")
_EMPTY_DATES = {"", "0", "0/0/00", "0/0/0000", "00/00/0000", "0000-00-00", "--", "-",
                "1899-12-30", "1900-01-01"}  # what Excel, Access and SQL write for an empty date
_MOBILE = re.compile(r"09[0-9]{9}")
# A day and a month by name, either way round: «25 اسفند», «۲۵ اسفند ماه», «اسفند ۲۵» (after normalise).
_DAY_NAME = re.compile(r"(\d{1,2}) ?([^\d ]+(?: [^\d ]+)?)")
_NAME_DAY = re.compile(r"([^\d ]+(?: [^\d ]+)?) ?(\d{1,2})")
# … and a year after them: «۱۲ تیر ۱۳۶۵», «۱۲ تیر ماه ۱۳۶۵», «3 ژوئیه 1986»
_DAY_NAME_YEAR = re.compile(r"(\d{1,2}) ?([^\d ]+(?: [^\d ]+)?) ?(\d{4})")
# Excel's day count (a date cell in General format, or saved so in a CSV): «31596» is 1986-07-03.
# Taken as one from 7751 (1921-03-21, 1300/01/01: no birthday is older) on, a five-digit number
# or four from 7751 (a year, 1365 or 1986, is far below); a fraction is a time of day.
_EXCEL_SERIAL = re.compile(r"(\d{4,5})(?:\.\d+)?")
EXCEL_SERIAL_MIN = 7751
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's count (it counts a 29 Feb 1900 that never was)
GREGORIAN_MONTH_NAMES = ("", "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
                         "نوامبر", "دسامبر")
"""Gregorian month names in Persian, index 1..12: the export writes a year-less 29 February as «29 فوریه»."""
_JALALI_BY_NAME = {normalise(name): i for i, name in enumerate(MONTH_NAMES) if name}
_JALALI_BY_NAME[normalise("امرداد")] = 5
_GREGORIAN_BY_NAME = {normalise(name): i for i, name in enumerate(GREGORIAN_MONTH_NAMES) if name}
_GREGORIAN_BY_NAME.update({normalise(name): i for name, i in (("می", 5), ("جولای", 7), ("آگوست", 8), ("اگوست", 8))})


def _bad_birthday(text: str) -> ValidationError:
    return ValidationError(
        f"birthday: {quoted(text)} is not a date (write 1365/04/12, 1986-07-03, --07-03 or 12 Tir)",
        f"{BIRTHDAY}: «{_shown(text)}» تاریخ نیست؛ مانند {to_persian('1365/04/12')}، {to_persian(12)} تیر"
        f" یا \u20681986-07-03\u2069 بنویسید.",
        BIRTHDAY,
    )


def _future_birthday(text: str) -> ValidationError:
    return ValidationError(
        f"birthday: {quoted(text)} is after today",
        f"{BIRTHDAY}: «{_shown(text)}» پس از امروز است؛ تاریخ تولد نمی‌تواند در آینده باشد.",
        BIRTHDAY,
    )


def _old_birthday(text: str) -> ValidationError:
    return ValidationError(
        f"birthday: {quoted(text)} is before 1300/01/01 (1921-03-21)",
        f"{BIRTHDAY}: «{_shown(text)}» پیش از ۱۳۰۰ است؛ سال را دوباره بررسی کنید.",
        BIRTHDAY,
    )


def _shown(text: str) -> str:
    """A date as written in the file, inside a Persian message: Persian digits, isolated."""
    return isolate(to_persian(text))


def _month_day(month: int, day: int, text: str) -> str:
    try:
        date(2000, month, day)  # a leap year: 29 February is a birthday too
    except ValueError:
        raise _bad_birthday(text) from None
    return f"--{month:02d}-{day:02d}"


def _full(year: int, month: int, day: int, text: str) -> str:
    if year == APPLE_NO_YEAR:
        return _month_day(month, day, text)
    if TYPED_MIN_YEAR <= year <= TYPED_MAX_YEAR:  # a Jalali date (1365/04/12)
        try:
            born = from_jalali(year, month, day, BIRTHDAY)
        except ValidationError as error:  # «تاریخ تولد: مهر ۱۳۶۵ فقط ۳۰ روز دارد.», named in English too
            raise ValidationError(f"birthday: {quoted(text)}: {error.message.removeprefix(f'{BIRTHDAY}: ')}",
                                  error.fa, BIRTHDAY) from None
    else:
        if not 1800 <= year <= 9999:
            raise _bad_birthday(text)
        try:
            born = date(year, month, day)
        except ValueError:
            raise _bad_birthday(text) from None
    if born > date.today():
        raise _future_birthday(text)
    if born < OLDEST_BIRTHDAY:  # the rule model.normalised keeps: this row is refused with its number
        raise _old_birthday(text)
    return born.isoformat()


def _named_month_day(text: str) -> str | None:
    """'--MM-DD' from a day and a month by name: a Jalali month through the contact form's rule
    (``model.jalali_to_no_year``: «25 اسفند» → '--03-15'), or a Gregorian month in Persian
    («29 فوریه» → '--02-29'); None if ``text`` is not a day and a month name."""
    s = normalise(text)
    match = _DAY_NAME_YEAR.fullmatch(s)
    if match:
        return _named_full_date(match.group(2), int(match.group(1)), int(match.group(3)), text)
    match = _DAY_NAME.fullmatch(s)
    if match:
        day, name = match.groups()
    else:
        match = _NAME_DAY.fullmatch(s)
        if not match:
            return None
        name, day = match.groups()
    name = name.removesuffix(" ماه")
    if name not in _JALALI_BY_NAME and name not in _GREGORIAN_BY_NAME:
        name = name.removesuffix("ماه")  # «۱۲ تیرماه»
    if name in _JALALI_BY_NAME:
        try:
            return jalali_to_no_year(_JALALI_BY_NAME[name], int(day))
        except ValueError:
            raise _bad_birthday(text) from None
    if name in _GREGORIAN_BY_NAME:
        return _month_day(_GREGORIAN_BY_NAME[name], int(day), text)
    return None


def _named_full_date(name: str, day: int, year: int, text: str) -> str | None:
    """A day, a month by name and a year («۱۲ تیر ۱۳۶۵» → '1986-07-03'): a Jalali month with a
    Jalali year, a Gregorian one with a Gregorian year; None if ``name`` is no month."""
    name = name.removesuffix(" ماه")
    if name not in _JALALI_BY_NAME and name not in _GREGORIAN_BY_NAME:
        name = name.removesuffix("ماه")  # «تیرماه»
    jalali_year = TYPED_MIN_YEAR <= year <= TYPED_MAX_YEAR
    if name in _JALALI_BY_NAME:
        if not jalali_year:
            raise _bad_birthday(text)
        return _full(year, _JALALI_BY_NAME[name], day, text)
    if name in _GREGORIAN_BY_NAME:
        if jalali_year:
            raise _bad_birthday(text)
        return _full(year, _GREGORIAN_BY_NAME[name], day, text)
    return None


def _excel_serial(serial: int, text: str) -> str:
    """The birthday of an Excel day count (see ``_EXCEL_SERIAL``)."""
    try:
        born = _EXCEL_EPOCH + timedelta(days=serial)
    except OverflowError:
        raise _bad_birthday(text) from None
    return _full(born.year, born.month, born.day, text)


def parse_birthday(value) -> str | None:
    """See ``_parse_birthday``; text answers are remembered (a big file repeats its dates, and
    a Jalali date costs jdatetime tens of microseconds)."""
    if isinstance(value, str):
        return _parse_birthday_text(value)
    return _parse_birthday(value)


@lru_cache(maxsize=65536)
def _parse_birthday_text(value: str) -> str | None:
    return _parse_birthday(value)


def _parse_birthday(value) -> str | None:
    """A birthday as we store it ('YYYY-MM-DD' or '--MM-DD'), from anything other programs
    write: ``1986-07-03``, ``19860703``, ``1986-07-03T00:00:00Z``, ``--0703``, ``--07-03``,
    ``1604-07-03`` (iPhone: no year), a Jalali ``1365/04/12`` or, day first as Iranians write
    it, ``12/04/1365`` (a 13xx / 14xx year last is always day / month / year: no program writes
    a Jalali date month first), Outlook's ``7/3/1986`` (month first unless the first number is
    over 12), any of these with a time of day after it (``1986-07-03 00:00:00``: dropped), a
    spreadsheet date, Excel's day count (``31596``, a date cell in General format: from
    ``EXCEL_SERIAL_MIN`` = 7751, 1921-03-21, on), a day and month without a year as our export
    writes it (``25 اسفند``, Jalali; ``29 فوریه``) or with one (``12 تیر 1365``). '' and ``0/0/00`` → None, as are 1899-12-30 and 1900-01-01 (an
    empty date in Excel, Access or SQL). A date after today or before 1300 is refused."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _full(value.year, value.month, value.day, value.isoformat())
    text = str(value).strip()
    s = to_latin(text).strip()
    head = _DATE_HEAD.match(s)
    if head and _TIME.fullmatch(s, head.end()):
        s = s[: head.end()]
    if s in _EMPTY_DATES:
        return None
    match = _NO_YEAR.fullmatch(s)
    if match:
        return _month_day(int(match.group(1)), int(match.group(2)), text)
    if re.fullmatch(r"\d{8}", s):
        return _full(int(s[:4]), int(s[4:6]), int(s[6:]), text)
    match = _EXCEL_SERIAL.fullmatch(s)
    if match and int(match.group(1)) >= EXCEL_SERIAL_MIN:
        return _excel_serial(int(match.group(1)), text)
    match = _YMD.fullmatch(s)
    if match:
        return _full(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
    match = _DMY.fullmatch(s)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        jalali = TYPED_MIN_YEAR <= year <= TYPED_MAX_YEAR  # 12/04/1365: the 12th of Tir
        month, day = (b, a) if jalali or a > 12 else (a, b)
        return _full(year, month, day, text)
    named = _named_month_day(text)
    if named is not None:
        return named
    raise _bad_birthday(text)


# --- phones ----------------------------------------------------------------------------------

def split_phones(cell) -> list[tuple[str, str]]:
    """A spreadsheet cell with one or more numbers → [(number, ext)], read by the one rule of
    how many numbers a text holds (``core.phone.split_numbers``, which the contact form follows
    too: see there for «66554433-4», «88776655/6», «021-66554433 / 66554434» and extensions).
    What only a cell holds is read first: a leading apostrophe (Excel's mark of a number kept
    as text, «'02188776655») is no part of it, and «0» (a sheet's empty number cell) is no
    number."""
    text = str(cell if cell is not None else "").strip()
    if text[:1] == "'":
        text = text[1:].lstrip()
    if not text.strip("0۰٠"):
        return []
    return split_numbers(text)


def is_mobile_number(number: str) -> bool:
    return bool(_MOBILE.fullmatch(national_form(number)))


_KIND_WORDS = (
    ("fax", ("FAX", "فکس", "فاکس", "نمابر", "دورنگار")),
    ("mobile", ("CELL", "MOBILE", "IPHONE", "همراه", "موبایل", "موبايل", "سیار")),
    ("home", ("HOME", "منزل", "خانه")),
    ("work", ("WORK", "BUSINESS", "OFFICE", "COMPANY", "MAIN", "کار", "شرکت", "دفتر", "اداره")),
    ("other", ("OTHER", "دیگر", "سایر")),
)


def kind_from_labels(labels) -> str | None:
    """The phone kind a set of labels names (vCard TYPEs, iPhone's ``_$!<Mobile>!$_``, Google's
    «Mobile», a Persian «همراه»), or None when they say nothing about it."""
    text = " ".join(str(label).upper() for label in labels if label)
    if not text:
        return None
    for kind, words in _KIND_WORDS:
        if any(word in text for word in words):
            return kind
    return None


def phone_kind(number: str, labelled: str | None, strict: bool = False) -> str:
    """The kind to store: the label's, except that a «mobile» that is not an Iranian mobile
    number becomes «other» (a foreign number always; a landline too unless ``strict``; a number
    that starts 09 never: it stays «mobile» so that validation reports the typo), a home, work
    or fax number that is a short one (three to eight digits, not starting 0 or +: 1566, a local
    88776655, or a star code: «*4444») becomes «other» as the form asks them to be kept, and a
    number without a label is «mobile» when it is one, else «other»."""
    if labelled is None:
        return "mobile" if is_mobile_number(number) else "other"
    if labelled != "mobile":
        if labelled in FIXED_LINE_KINDS and _short_number(number):
            return "other"
        return labelled
    if strict:  # only a foreign number is not kept as a mobile (a typo is left to validation)
        foreign = "+" in number or number.lstrip()[:2] in ("00", "۰۰", "٠٠")
        return "other" if foreign and national_form(number).startswith("+") else "mobile"
    if is_mobile_number(number):
        return "mobile"
    # 09… that is not a mobile is a typo (a digit short, one too many): kept a «mobile» so that
    # the card is rejected with its line, as in a CSV's mobile column; a landline or a foreign
    # number labelled «mobile» by the phone's default is kept as «other»
    return "mobile" if national_form(number).startswith("09") else "other"


_STAR_CODE = re.compile(r"\*[0-9۰-۹٠-٩][0-9۰-۹٠-٩ ]*").fullmatch


def _short_number(number: str) -> bool:
    """A service or local number (110, 1566, 88776655): three to eight digits, not after a 0 or +;
    or a star service code («*4444»: its national form keeps the star, ``core.phone``)."""
    s = number.lstrip()
    if s[:1] == "*":
        return bool(_STAR_CODE(s.rstrip()))
    if s[:1] in ("0", "۰", "٠", "+", "(") or not _PLAIN_NUMBER.fullmatch(s):
        return False
    return 3 <= len(phone_digits(s)) <= 8


# --- a phone as an import stores it -----------------------------------------------------------

PHONE_LABELS = {"mobile": "تلفن همراه", "home": "تلفن منزل", "work": "تلفن محل کار", "fax": "دورنگار",
                "other": "تلفن دیگر"}
_PHONE_LABELS_EN = {"mobile": "mobile", "home": "home phone", "work": "work phone", "fax": "fax",
                    "other": "other phone"}
_SIMPLE_PHONE = re.compile(r"0[1-9](?: ?[0-9])*").fullmatch  # «0912 345 6789», «021 8877 6655»
_WHOLE_NATIONAL = re.compile(r"0[1-9][0-9]{9}").fullmatch  # a mobile, or a landline with its area code


def import_phone(number: str, ext: str = "", labelled: str | None = None, strict: bool = False) -> Phone:
    """One number of a file as a Phone: its kind from ``phone_kind``, checked by the contact
    form's rule (``model.checked_phone``), with its national form. ValidationError naming the
    kind and the number («تلفن محل کار «۰۲۱-۸۸۷۷۶۶۵»: شماره تلفن ثابت درست نیست…»)."""
    number = number.strip()
    kind = phone_kind(number, labelled, strict)
    return Phone(number, kind, ext, checked_national(number, kind))


def checked_national(number: str, kind: str) -> str:
    """``model.checked_phone`` for an import: the message names the kind and the number."""
    if _SIMPLE_PHONE(number):  # ASCII digits after a 0: the rule is about their count alone
        national = number.replace(" ", "")
        if kind == "mobile":
            fine = len(national) == 11 and national[1] == "9"
        else:
            fine = len(national) == 11 or (kind not in FIXED_LINE_KINDS and len(national) >= 3)
        if fine:
            return national
    label = PHONE_LABELS.get(kind, PHONE_LABELS["other"])
    try:
        return checked_phone(number, kind, label)
    except ValidationError as error:
        raise _phone_error(number, kind, label, error) from None


def _phone_error(number: str, kind: str, label: str, error: ValidationError) -> ValidationError:
    fa = error.fa.removeprefix(f"{label}: ")
    en = error.message.removeprefix(f"{FIELD_NAMES_EN.get(label, label)}: ").removeprefix(f"{label}: ")
    shown = to_persian(number)
    label_en = _PHONE_LABELS_EN.get(kind, "phone")
    named = f"{shown}\u2069" in fa or f"{number}\u2069" in fa  # the message already shows the number
    return ValidationError(
        f"{label_en}: {en}" if quoted(number) in en else f"{label_en} {quoted(number)}: {en}",
        f"{label}: {fa}" if named else f"{label} «\u2066{shown}\u2069»: {fa}",
        label,
    )


def unique_phones(phones: list[Phone]) -> list[Phone]:
    """``phones`` with each (national number, extension) once, the first kept: one contact with
    «موبایل», «تلفن» and «موبایل 2» all the same number, or a vCard's TEL twice, has it once."""
    if len(phones) < 2:
        return phones
    if len(phones) == 2:
        a, b = phones
        return phones if a.national != b.national or a.ext != b.ext else [a]
    seen, out = set(), []
    for phone in phones:
        key = (phone.national, phone.ext)
        if key not in seen:
            seen.add(key)
            out.append(phone)
    return out


def checked_phones(phones: list[Phone]) -> list[Phone]:
    """Phones whose kinds are chosen and that ``model.normalised`` has seen (a vCard's) checked as
    ``import_phone`` checks one, each number once (``unique_phones``). ValidationError for the
    first bad one."""
    plain, whole = _PLAIN_NUMBER.fullmatch, _WHOLE_NATIONAL
    for phone in phones:
        national = phone.national
        if national and plain(phone.number) and (
                whole(national) or (phone.kind not in FIXED_LINE_KINDS and "-" not in phone.number)):
            continue  # one written number that model.normalised has checked as the form would (a
            # dash may join two: «66554433-4», which the form refuses as such)
        phone.national = checked_national(phone.number.strip(), phone.kind)
    return unique_phones(phones) if len(phones) > 1 else phones


# --- a cell that says «nothing» ------------------------------------------------------------------

_PLACEHOLDER_MARKS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_.…/\\*?؟ـ "
_MARK_SET = frozenset(_PLACEHOLDER_MARKS)
_PLACEHOLDER_WORDS = frozenset(normalise(word) for word in (
    "ندارد", "ندارم", "نداره", "نامشخص", "نامعلوم", "ن.د", "n/a", "na", "none", "null", "nil", "nan"))
FORMATTED_FIELDS = frozenset({"national_code", "postal_code", "email", "birthday", "website"})
"""Fields with a format, whose check would otherwise refuse the row for «-» with a wrong reason
(«کد ملی را وارد کنید.»): a placeholder in them is an empty cell (``blank_test``)."""
WORDED_FIELDS = frozenset({"title", "organisation", "job_title", "unit", "manager"})
"""Built-in text fields no real value of which is «ندارد» or «N/A»: a placeholder is empty there."""
ZERO_FIELDS = frozenset({"national_code", "postal_code"})
"""Codes whose all-zero cell («0», «0000000000»: a sheet's empty number cell) is empty."""


def punctuation_only(cell: str) -> bool:
    """Whether a (stripped) cell is only dashes, dots, slashes and the like («-», «—», «.», «/»,
    «…»): no name, title, note, address or group is."""
    return bool(cell) and cell[0] in _MARK_SET and not cell.strip(_PLACEHOLDER_MARKS)


def placeholder(cell: str) -> bool:
    """Whether a (stripped) cell only says «nothing»: dashes, dots, slashes, «؟» and the like
    («-», «---», «—», «.», «/», «…») or a word for it («ندارد», «نامشخص», «N/A», «None»,
    pandas' «nan»). Which fields read it as empty: ``blank_test``."""
    if not cell:
        return False
    if cell[0] in _MARK_SET:
        return not cell.strip(_PLACEHOLDER_MARKS)
    return len(cell) <= 8 and normalise(cell) in _PLACEHOLDER_WORDS


def _placeholder_or_zeros(cell: str) -> bool:
    return placeholder(cell) or not cell.strip("0۰٠ ")


def blank_test(name, field=None):
    """The test of a (stripped, non-empty) cell of the field ``name`` (a mapping's field key; for
    a custom field ``field``, the CustomField) that reads it as an empty cell, or None when every
    cell is a value:

    * a placeholder (``placeholder``: «-», «ندارد», «N/A», «nan») in a field with a format
      (``FORMATTED_FIELDS``: national code, postal code, e-mail, birthday, website; a national
      or postal code of zeros too, «0», «0000000000»), in a number or date custom field, and in
      the built-in text fields ``WORDED_FIELDS`` (title, organisation, job title, unit, manager);
      in a choice custom field unless it is one of its choices («ندارد» of «دارد / ندارد»);
    * punctuation alone (``punctuation_only``: «-», «—», «.», «/», «…») in the names, the note,
      an address's province, city and street, the kind and the groups;
    * never in a text custom field, whose «-» or «ندارد» is what the operator wrote (phones read
      a cell without digits as no number themselves: ``split_phones``)."""
    if field is not None:
        if field.kind in ("number", "date"):
            return placeholder
        if field.kind == "choice":
            choices = frozenset(normalise(choice) for choice in field.choices)
            return lambda cell: placeholder(cell) and normalise(cell) not in choices
        return None
    if name in ZERO_FIELDS:
        return _placeholder_or_zeros
    if name in FORMATTED_FIELDS or name in WORDED_FIELDS:
        return placeholder
    if name in ("first_name", "last_name", "full_name", "note", "province", "city", "street", "kind", "groups"):
        return punctuation_only
    return None


_MARKS_TO_FIND = tuple(_PLACEHOLDER_MARKS.replace(" ", ""))
# what a placeholder word is found by in a column's text before ``normalise``: the start of each
# Persian word, an «n» or «N» of a Latin one (n/a, none, nan…); and what normalise folds into
# them (harakat, Arabic presentation forms, full-width Latin)
_WORD_PARTS = ("ندار", "نامشخص", "نامعلوم", "n", "N")
_FOLDED_INTO_WORDS = re.compile("[\u064b-\u0652\u0670\ufb50-\uffef]").search


def blanked(cells: list[str], test, joined: str | None = None) -> list[str]:
    """A column's (stripped) cells with those ``test`` (``blank_test``'s) reads as empty made ''
    (the column itself when none is). ``joined``: ``"".join(cells)`` when the caller has it. A
    column with no dash, dot or the like anywhere (nor, for ``placeholder``, a word for
    «nothing») is seen so at once; else each distinct value is tested once."""
    if test is None:
        return cells
    if test is punctuation_only or test is placeholder:
        if joined is None:
            joined = "".join(cells)
        if not any(mark in joined for mark in _MARKS_TO_FIND) and (test is punctuation_only or not (
                any(part in joined for part in _WORD_PARTS) or _FOLDED_INTO_WORDS(joined))):
            return cells
        if test is punctuation_only and _MARK_SET.isdisjoint({c[:1] for c in cells}):
            return cells
    empty = {c for c in set(cells) if c and test(c)}
    return ["" if c in empty else c for c in cells] if empty else cells


def clean_cell(value, unquote: bool = True) -> str:
    """A cell as text: spreadsheet numbers without '.0', dates as ISO, spaces trimmed, and
    (``unquote``) our own export's neutralising apostrophe removed (``'=…`` → ``=…``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    text = str(value).strip()
    if unquote and text[:1] == "'":
        from crm_desktop.phonebook.table import unneutralise

        text = unneutralise(text)
    return text
