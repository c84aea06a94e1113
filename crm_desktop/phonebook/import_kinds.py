"""The kind of a custom field an import makes (``import_fields``): guessed from the values it
will hold, or chosen by the operator (the wizard's kind picker, ``--mapping``'s
``"new_field:choice"``) and then checked against every value. No Qt.

The guess (``guess``) never makes a row bad and never changes what was written:

* «تاریخ» when every value is a date a date field takes;
* «عدد» when every value is a quantity a number field keeps as written («1,250,000», «2.5»,
  «-7»): not a number with a leading «+» or «0» («+44 20 7946 0958», «0912…», «007»), not digits
  in groups split by spaces («1 250 000», an account or phone number), not more than
  ``NUMBER_DIGITS`` digits (a card number);
* «فهرست انتخابی» when the values are a few short words that repeat (``choices``): 2 to
  ``GUESS_CHOICES`` distinct values (compared normalised), each at most ``CHOICE_CHARS``
  characters on one line with a letter in it, the column filling at least ``REPEATS`` times
  as many cells as it has distinct values; its choices the values in first-seen order;
* else «متن».

Chosen by the operator (``misfit``): a number or a date that some value is not (as above),
or a choice list of more than ``MAX_CHOICES`` distinct values or with a value longer than
``MAX_CHOICE``, is refused, naming the first value that does not fit and its row.
"""

from __future__ import annotations

import re

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.text import isolate, normalise, quoted
from crm_desktop.errors import ValidationError
from crm_desktop.phonebook.model import FIELD_KINDS, CustomField
from crm_desktop.phonebook.repo_groups import custom_value
from crm_desktop.phonebook.textfile import excerpt

TEXT, NUMBER, DATE, CHOICE = "text", "number", "date", "choice"
NUMBER_DIGITS = 15  # more digits than a double keeps: an account, a card or an ID number
GUESS_CHOICES, CHOICE_CHARS, REPEATS = 20, 40, 3
MAX_CHOICES, MAX_CHOICE = 100, 100  # what the operator may ask of a choice list
_DATE, _NUMBER = CustomField("تاریخ", DATE), CustomField("عدد", NUMBER)
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))
_LETTER = re.compile(r"[^\W\d_]")


def island(text) -> str:
    """``text`` from a file as an island in a Persian sentence: cut to 40 letters (``excerpt``,
    which drops control and bidi marks) and isolated (``core.text.isolate``)."""
    return isolate(excerpt(str(text)))


def kind_label(kind: str) -> str:
    """«تاریخ», «عدد», «متن», «فهرست انتخابی»."""
    return FIELD_KINDS.get(kind, kind)


def _takes(field: CustomField, value: str) -> bool:
    try:
        custom_value(field, value)
    except ValidationError:
        return False
    return True


def as_written(value: str) -> bool:
    """Whether a number field would keep ``value`` as the operator wrote it (see the module
    notes): no «+», no zero before its first digit, no spaces between digits, few digits."""
    text = to_latin(str(value)).translate(_MARKS).replace("\u2212", "-").strip()
    if text[:1] == "+" or any(ch.isspace() for ch in text):
        return False
    digits = text.lstrip("-")
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        return False
    return sum(ch.isdigit() for ch in digits) <= NUMBER_DIGITS


def is_number(value: str) -> bool:
    return as_written(value) and _takes(_NUMBER, value)


def is_date(value: str) -> bool:
    return _takes(_DATE, value)


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def choices(values) -> list[str]:
    """The distinct ``values`` (compared normalised, spaces collapsed) in first-seen order."""
    seen: dict[str, str] = {}
    for value in dict.fromkeys(values):
        line = _one_line(value)
        if line:
            seen.setdefault(normalise(line), line)
    return list(seen.values())


def _guessed_choices(values: list[str], distinct: list[str]) -> list[str] | None:
    if len(distinct) > GUESS_CHOICES * 4:  # spellings of a few choices; surely more than a list
        return None
    found = choices(distinct)
    if not 2 <= len(found) <= GUESS_CHOICES or len(values) < REPEATS * len(found):
        return None
    if any(len(v) > CHOICE_CHARS or "\n" in v or "\r" in v or not _LETTER.search(v) for v in distinct):
        return None
    return found


def guess(values) -> tuple[str, list[str]]:
    """(kind, choices) for a field that is to hold ``values`` (the filled cells, in order;
    placeholders already left out where the field reads them as empty); see the module notes."""
    values = [v for v in values if v]
    if not values:
        return TEXT, []
    distinct = list(dict.fromkeys(values))
    if all(map(is_date, distinct)):
        return DATE, []
    if all(map(is_number, distinct)):
        return NUMBER, []
    found = _guessed_choices(values, distinct)
    return (CHOICE, found) if found else (TEXT, [])


def guess_kind(values) -> str:
    return guess(values)[0]


def misfit(kind: str, values) -> tuple[str, str] | None:
    """Why a ``kind`` field cannot hold ``values`` ((value, its place: «ردیف ۴» / "row 4")
    pairs, in order): (English, Persian) naming the first value that does not fit, or None."""
    if kind == TEXT:
        return None
    seen: set[str] = set()
    for value, (place_fa, place_en) in values:
        if not value:
            continue
        shown, said = island(value), quoted(excerpt(str(value)))
        if kind == NUMBER and not is_number(value):
            if _takes(_NUMBER, value):
                return (f"{said} ({place_en}) would not be kept as written in a number field",
                        f"فیلد عدد «{shown}» ({place_fa}) را همان‌گونه که نوشته شده نگه نمی‌دارد")
            return f"{said} ({place_en}) is not a number", f"«{shown}» ({place_fa}) عدد نیست"
        if kind == DATE and not is_date(value):
            return f"{said} ({place_en}) is not a date", f"«{shown}» ({place_fa}) تاریخ درستی نیست"
        if kind == CHOICE:
            line = _one_line(value)
            if len(line) > MAX_CHOICE:
                return (f"{said} ({place_en}) is longer than the {MAX_CHOICE} characters a choice may have",
                        f"«{shown}» ({place_fa}) برای گزینهٔ فهرست بیش از {to_persian(MAX_CHOICE)} نویسه است")
            seen.add(normalise(line))
            if len(seen) > MAX_CHOICES:
                return (f"more than {MAX_CHOICES} different values ({said}, {place_en})",
                        f"بیش از {to_persian(MAX_CHOICES)} مقدار گوناگون دارد («{shown}»، {place_fa})")
    return None
