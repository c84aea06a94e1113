"""The kind of a custom field an import makes (``import_fields``): guessed from the values it
will hold, or chosen by the operator (the wizard's kind picker, ``--mapping``'s
``"new_field:choice"``) and then checked against every value. No Qt.

A value fits a number or a date field when the field would keep it as written: the one rule
of the field editor's kind change, ``repo_groups.kind_value`` (a number without a leading «+»
or «0», digits in groups split by spaces, nor more than ``repo_groups.NUMBER_DIGITS`` digits: not «007»,
«+44 20 7946 0958», «1 250 000», a card number; a date with separators, not «14020105»).

The guess (``guess``) never makes a row bad and never changes what was written:

* «تاریخ» when every value is a date a date field keeps;
* «عدد» when every value is a quantity a number field keeps («1,250,000», «2.5», «-7»), unless
  the column is an identifier (``identifiers``): its values are bare runs of digits (no sign,
  point or separator) and its header names a code or a number («کد مشتری», «شماره پرسنلی»,
  «شناسه», «Customer ID», «No.», «#»: ``ID_WORDS``, whole words; not «Number of …»), or
  they are all of one length, ``ID_DIGITS`` digits or more (not all round: «150000»,
  «250000» are amounts) — a later «0012345678» of it would lose its zeros in a number field;
* «فهرست انتخابی» when the values are a few short words that repeat (``choices``): 2 to
  ``GUESS_CHOICES`` distinct values (compared normalised), each at most ``CHOICE_CHARS``
  characters on one line with a letter in it, the column filling at least ``REPEATS`` times
  as many cells as it has distinct values; its choices the values in first-seen order, each
  spelled as most cells spell it (on a tie, ``repo_groups.spelling_rank``'s, then the first);
* else «متن».

Chosen by the operator (``misfit``): a number or a date that some value is not (as above),
or a choice list of more than ``MAX_CHOICES`` distinct values or with a value longer than
``MAX_CHOICE``, is refused, naming the first value that does not fit and its row.
"""

from __future__ import annotations

import re
from collections import Counter

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.text import isolate, normalise, quoted
from crm_desktop.errors import ValidationError
from crm_desktop.phonebook.model import FIELD_KINDS, CustomField
from crm_desktop.phonebook.repo_groups import NotKept, kind_value, spelling_rank
from crm_desktop.phonebook.textfile import excerpt

TEXT, NUMBER, DATE, CHOICE = "text", "number", "date", "choice"
GUESS_CHOICES, CHOICE_CHARS, REPEATS = 20, 40, 3
MAX_CHOICES, MAX_CHOICE = 100, 100  # what the operator may ask of a choice list
ID_DIGITS = 5
ID_WORDS = frozenset({"کد", "شماره", "شناسه", "code", "id", "no", "nr", "num", "number", "#"})
_DATE, _NUMBER = CustomField("تاریخ", DATE), CustomField("عدد", NUMBER)
_LETTER = re.compile(r"[^\W\d_]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # «CustomerID» → «Customer ID»
_HEADER_WORDS = re.compile(r"#|[^\W_]+")
_ID_VALUE = re.compile(r"[0-9]+")


def island(text) -> str:
    """``text`` from a file as an island in a Persian sentence: cut to 40 letters (``excerpt``,
    which drops control and bidi marks) and isolated (``core.text.isolate``)."""
    return isolate(excerpt(str(text)))


def kind_label(kind: str) -> str:
    """«تاریخ», «عدد», «متن», «فهرست انتخابی»."""
    return FIELD_KINDS.get(kind, kind)


def _takes(field: CustomField, value: str) -> bool:
    try:
        kind_value(field, value)
    except ValidationError:
        return False
    return True


def is_number(value: str) -> bool:
    """Whether a number field keeps ``value`` as written (``repo_groups.kind_value``)."""
    return _takes(_NUMBER, value)


def is_date(value: str) -> bool:
    return _takes(_DATE, value)


def names_identifier(name) -> bool:
    """Whether a header names a code or a number (``ID_WORDS`` as whole words, not «… of»)."""
    words = _HEADER_WORDS.findall(normalise(_CAMEL.sub(" ", str(name or ""))))
    return any(word in ID_WORDS and words[i + 1:i + 2] != ["of"] for i, word in enumerate(words))


def identifiers(distinct, name="") -> bool:
    """Whether the column named ``name`` with the ``distinct`` values holds identifiers, not
    quantities (see the module notes)."""
    if names_identifier(name) and all(_ID_VALUE.fullmatch(to_latin(str(v)).strip()) for v in distinct):
        return True  # «2.5», «-7», «1,250» under «شماره …» are still quantities
    lengths = set()
    round_ = True
    for value in distinct:
        text = to_latin(str(value)).strip()
        if len(text) < ID_DIGITS or not _ID_VALUE.fullmatch(text):
            return False
        lengths.add(len(text))
        round_ = round_ and text.endswith("00")
        if len(lengths) > 1:
            return False
    return bool(lengths) and not round_


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def choices(values) -> list[str]:
    """The distinct ``values`` (compared normalised, spaces collapsed) in first-seen order, each
    as most of them spell it; on a tie the spelling ``repo_groups.spelling_rank`` prefers, then
    the first seen."""
    spellings: dict[str, dict[str, int]] = {}  # normalised -> {spelling: cells}, both in first-seen order
    for value, count in Counter(values).items():
        line = _one_line(value)
        if line:
            found = spellings.setdefault(normalise(line), {})
            found[line] = found.get(line, 0) + count
    out = []
    for found in spellings.values():
        order = {spelling: i for i, spelling in enumerate(found)}
        out.append(min(found, key=lambda s: (-found[s], *spelling_rank(s), order[s])))
    return out


def _guessed_choices(values: list[str], distinct: list[str]) -> list[str] | None:
    if len(distinct) > GUESS_CHOICES * 4:  # spellings of a few choices; surely more than a list
        return None
    if any(len(v) > CHOICE_CHARS or "\n" in v or "\r" in v or not _LETTER.search(v) for v in distinct):
        return None
    found = choices(values)
    if not 2 <= len(found) <= GUESS_CHOICES or len(values) < REPEATS * len(found):
        return None
    return found


def guess(values, name: str = "") -> tuple[str, list[str]]:
    """(kind, choices) for a field named ``name`` (a header, an X-CRM-FIELD name) that is to
    hold ``values`` (the filled cells, in order; placeholders already left out where the field
    reads them as empty); see the module notes."""
    values = [v for v in values if v]
    if not values:
        return TEXT, []
    distinct = list(dict.fromkeys(values))
    if all(map(is_date, distinct)):
        return DATE, []
    if all(map(is_number, distinct)) and not identifiers(distinct, name):
        return NUMBER, []
    found = _guessed_choices(values, distinct)
    return (CHOICE, found) if found else (TEXT, [])


def guess_kind(values, name: str = "") -> str:
    return guess(values, name)[0]


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
        if kind in (NUMBER, DATE):
            try:
                kind_value(_NUMBER if kind == NUMBER else _DATE, value)
            except NotKept as error:
                label = kind_label(kind)
                return (f"{said} ({place_en}) would not be kept as written in a {kind} field ({error.why_en})",
                        f"فیلد {label} «{shown}» ({place_fa}) را همان‌گونه که نوشته شده نگه نمی‌دارد ({error.why})")
            except ValidationError:
                if kind == NUMBER:
                    return f"{said} ({place_en}) is not a number", f"«{shown}» ({place_fa}) عدد نیست"
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
