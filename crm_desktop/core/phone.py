"""Phone numbers: one national form for storing, searching and comparing, one form for showing.

``national_form`` gives ASCII digits the way a number is dialled inside Iran, so that every way
of writing the same number meets:

* ``+98 912 123 4567``, ``0098 912 123 4567``, ``98 912 123 4567``, ``۰۹۱۲ ۱۲۳ ۴۵۶۷``,
  ``912 123 4567`` → ``09121234567``;
* ``021-8877 6655``, ``+98 21 88776655``, ``+98 (0)21 8877 6655`` → ``02188776655``;
* a 10-digit number without its leading 0 gets it back (Iranian subscriber numbers have at most
  8 digits, so 10 digits can only be a national number with the trunk 0 dropped);
* short numbers (internal extensions, 8-digit local numbers, 1xx service numbers) keep their
  digits; a foreign number keeps its country code as ``+<digits>`` (``001…`` → ``+1…``), without
  the trunk 0 written in brackets after it (``+44 (0)20 7946 0999`` → ``+442079460999``);
* anything after an extension marker («داخلی» / «داخلي», ``ext``, ``x``, ``#``) or a list separator
  («،», ``,``, ``;``) is ignored;
* a star service code keeps its star, which is dialled: ``*4444`` → ``*4444`` (a code such as
  ``*4444`` is only ever dialled so; without its star it would be a short number of its own).

``split_numbers`` is the one decision of how many numbers a written text holds, shared by the
contact form (one number per row: ``validators.single_number``) and the import (a cell may hold
several: ``import_values.split_phones``).
"""

from __future__ import annotations

import re

from crm_desktop.core.digits import to_latin, to_persian

_EXTENSION = re.compile(r"(?i)(داخلی|داخلي|ext\.?|x|#|;|,|،)")
_MOBILE = re.compile(r"09[0-9]{9}")
_DIGIT = re.compile(r"[0-9]")
_NOT_DIGITS = re.compile(r"[^0-9]+")


def phone_digits(text) -> str:
    """Every digit in ``text``, in any script, as ASCII digits (nothing else)."""
    return _NOT_DIGITS.sub("", to_latin(str(text or "")))


def national_form(text) -> str:
    """The number as dialled inside Iran (``09121234567``, ``02188776655``); see module notes."""
    s = to_latin(str(text or ""))
    start = _DIGIT.search(s)
    if start is None:
        return ""
    first_digit = start.start()
    if "*" in s[:first_digit] and s[:first_digit].rstrip().endswith("*"):  # a star code: *4444
        marker = _EXTENSION.search(s, first_digit)
        return "*" + phone_digits(s[: marker.start()] if marker else s)
    marker = _EXTENSION.search(s, first_digit)
    if marker:
        s = s[: marker.start()]
    digits = phone_digits(s)
    international = None
    if "+" in s[:first_digit]:
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("98") and len(digits) == 12 and digits[2] != "0":
        international = digits  # 98 912 123 4567 typed without + or 00
    if international is not None:
        if not international.startswith("98"):
            if "(" in s:  # +44 (0)20 …: the trunk 0, not dialled from abroad
                international = without_trunk_zero(s, international)
            return "+" + international
        rest = international[2:]
        if rest.startswith("0"):  # +98 (0)21 …
            rest = rest[1:]
        return "0" + rest if rest else ""
    if len(digits) == 10 and digits[0] != "0":
        return "0" + digits
    return digits


# one number as written: an optional + (or a star code's *), then digits with what writes them
# apart: spaces (a half-space, ZWNJ, too), dashes, dots, underscores and brackets, «(+98) 912 …» too
_WRITTEN_NUMBER = re.compile(r"[\s(]*[+*]?[\s(]*[0-9][0-9\s().\-_\u200c\u2010-\u2015\u2212]*")
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def extra_text(text) -> str:
    """What ``text`` holds besides one written number (a word, a second number, an extension
    marker without its digits), joined by « … »; '' when it is just a number. Spaces (a ZWNJ
    too), dashes, dots, underscores, brackets and a leading + (or a star code's *) belong to
    the number."""
    s = _BIDI_MARKS.sub("", str(text or ""))
    match = _WRITTEN_NUMBER.search(to_latin(s))  # to_latin keeps every character's place
    if match is None:
        return s.strip()
    parts = (s[: match.start()].strip(), s[match.end():].strip())
    return " … ".join(part for part in parts if part)


def is_mobile(number) -> bool:
    """True for an Iranian mobile number (``09`` + 9 digits) in any written form."""
    return bool(_MOBILE.fullmatch(national_form(number)))


def format_phone(number, digits: str = "persian", typed: str = "") -> str:
    """For display: ``۰۹۱۲ ۱۲۳ ۴۵۶۷``, ``۰۲۱ ۸۸۷۷ ۶۶۵۵``, ``۸۸۷۷ ۶۶۵۵``; a foreign number in the
    groups it was typed with (``typed_groups``: «+33 1 42 68 53 00»), or else by
    ``foreign_groups`` (``+۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸``); short numbers and star codes ungrouped.

    Accepts any written form (it is passed through ``national_form`` first). ``typed`` is the
    number as the operator typed it, when ``number`` is its stored national form: only a
    foreign number's groups are read from it. Only what is shown changes: the stored and
    searched form stays ``national_form``."""
    if digits not in ("persian", "latin"):
        raise ValueError(f"digits must be 'persian' or 'latin', not {digits!r}")
    n = national_form(number)
    if _MOBILE.fullmatch(n):
        text = f"{n[:4]} {n[4:7]} {n[7:]}"
    elif len(n) == 11 and n.startswith("0"):
        text = f"{n[:3]} {n[3:7]} {n[7:]}"
    elif len(n) == 8:
        text = f"{n[:4]} {n[4:]}"
    elif n.startswith("+"):
        text = typed_groups(typed or number, n) or foreign_groups(n)
    else:
        text = n
    return to_persian(text) if digits == "persian" else text


# --- a foreign number, grouped for reading ----------------------------------------------------------

# Country codes are prefix-free (ITU-T E.164): 1 and 7 have one digit, these two, the rest three.
_TWO_DIGIT_CODES = frozenset(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 "
    "81 82 84 86 90 91 92 93 94 95 98".split())


def country_code(digits: str) -> str:
    """The country code an international number's digits (after + or 00) start with."""
    size = 1 if digits[:1] in ("1", "7") else 2 if digits[:2] in _TWO_DIGIT_CODES else 3
    return digits[:size]


# Countries whose numbers are dialled at home without a trunk 0 (the North American 1 and Russia's
# 8 are trunk prefixes of their own; Italy keeps a landline's 0 in the number itself): their local
# form is the number after the code, already part of the stored form.
_NO_TRUNK_ZERO = frozenset(
    "1 7 30 34 39 45 47 65 298 299 350 351 352 354 356 357 370 371 372 376 378 420 423 852 853 "
    "965 968 973 974".split())


def local_form(national: str) -> str:
    """A foreign number as it is dialled in its own country, with its trunk 0: ``+442079460999``
    → ``02079460999``, ``+33612345678`` → ``0612345678``; '' for an Iranian number (its
    national form is its local form), a country that dials no trunk 0 (``+1…``, ``+39 06…``)
    or a bare country code."""
    if national[:1] != "+":
        return ""
    digits = national[1:]
    code = country_code(digits)
    rest = digits[len(code):]
    if not rest or rest[0] == "0" or code in _NO_TRUNK_ZERO:
        return ""
    return "0" + rest


# «+44 (0)20 …», «0044 (0) 20 …», «(+49) (0)30 …»: the country code, then the trunk 0 in brackets
_TRUNK_ZERO = re.compile(r"[^0-9+]*(?:\+|00)\s*([1-9][0-9]{0,2})\s*\)?[\s\-.]*(\(\s*0\s*\))")
_RUNS = re.compile(r"[0-9]+")


def _trunk_zero(text: str) -> re.Match | None:
    """Where ``text`` (ASCII digits) writes the trunk 0 in brackets right after its country code."""
    match = _TRUNK_ZERO.match(text)
    code = match.group(1) if match else ""
    if code and country_code(code + "00") == code:  # the whole code (+4 is none: 4 starts +44, +420 …)
        return match
    return None


def without_trunk_zero(text: str, international: str) -> str:
    """``international`` (the digits after + or 00) without the 0 ``text`` writes as «(0)»
    after the country code."""
    match = _trunk_zero(text)
    if match is None:
        return international
    size = len(match.group(1))
    if international[:size] != match.group(1) or international[size:size + 1] != "0":
        return international
    return international[:size] + international[size + 1:]


def typed_groups(typed, national: str) -> str | None:
    """A foreign number in the groups the operator typed it with, single spaces between them:
    ``+33-1-42-68-53-00`` / ``0033 1.42.68.53.00`` → ``+33 1 42 68 53 00``, ``+44 (0) 20 7946
    0999`` → ``+44 20 7946 0999``, ``+4420 7946 0958`` → ``+44 20 7946 0958`` (the country code
    stands apart). None when ``typed`` has no groups after its country code (``+33142685300``,
    ``+33 142685300``) or does not write the digits of ``national`` (``+<digits>``)."""
    s = to_latin(str(typed or ""))
    start = _DIGIT.search(s)
    if start is None:
        return None
    marker = _EXTENSION.search(s, start.start())
    if marker:
        s = s[: marker.start()]
    zero = _trunk_zero(s) if "(" in s else None
    if zero:
        s = s[: zero.start(2)] + " " + s[zero.end(2):]
    runs = _RUNS.findall(s)
    if "+" not in s[: start.start()] and runs[0].startswith("00"):
        runs[0] = runs[0][2:]
        if not runs[0]:
            del runs[0]
    digits = national[1:]
    if not runs or "".join(runs) != digits:
        return None
    code = country_code(digits)
    if len(runs[0]) < len(code):
        return None
    if len(runs[0]) > len(code):
        runs[:1] = [code, runs[0][len(code):]]
    if len(runs) < 3:
        return None
    return "+" + " ".join(runs)


# How a few countries group the number after their code: (pattern of the rest, group sizes; 0 is
# «the rest»). A number no line fits is grouped the general way (``_plain_groups``).
_COUNTRY_GROUPS: dict[str, tuple[tuple[re.Pattern, tuple[int, ...]], ...]] = {
    "1": ((re.compile(r"[2-9][0-9]{2}[2-9][0-9]{6}"), (3, 3, 4)),),  # +1 212 555 0123
    "44": ((re.compile(r"2[0-9]{9}"), (2, 4, 4)),  # London …: +44 20 7946 0958
           (re.compile(r"1[0-9]1[0-9]{7}|11[0-9]{8}|[389][0-9]{9}"), (3, 3, 4)),  # +44 121 …, +44 800 …
           (re.compile(r"[17][0-9]{9}"), (4, 6))),  # +44 7700 900123, +44 1632 960983
    "49": ((re.compile(r"1[5-7][0-9]{8,9}"), (3, 0)),  # mobiles: +49 151 23456789
           (re.compile(r"(?:30|40|69|89)[0-9]{5,9}"), (2, 0))),  # Berlin, Hamburg, Frankfurt, Munich
    "7": ((re.compile(r"[0-9]{10}"), (3, 3, 2, 2)),),  # +7 495 123 45 67
    "86": ((re.compile(r"1[0-9]{10}"), (3, 4, 4)),),  # mobiles: +86 138 0013 8000
    "90": ((re.compile(r"[0-9]{10}"), (3, 3, 2, 2)),),  # +90 212 555 12 34
    "971": ((re.compile(r"5[0-9]{8}"), (2, 3, 4)),  # +971 50 123 4567
            (re.compile(r"[2-9][0-9]{7}"), (1, 3, 4))),  # +971 4 123 4567
}


def foreign_groups(national: str) -> str:
    """``+442079460958`` → ``+44 20 7946 0958``: the country code, then the number the way that
    country writes it (``_COUNTRY_GROUPS``), or else in groups of three ending with four (for a
    number typed without groups of its own: ``typed_groups`` goes first)."""
    digits = national[1:]
    code = country_code(digits)
    rest = digits[len(code):]
    if not rest:
        return national
    for pattern, sizes in _COUNTRY_GROUPS.get(code, ()):
        if pattern.fullmatch(rest):
            groups, start = [], 0
            for length in sizes:
                end = start + length if length else len(rest)
                groups.append(rest[start:end])
                start = end
            return " ".join(["+" + code, *groups])
    return " ".join(["+" + code, *_plain_groups(rest)])


def _plain_groups(rest: str) -> list[str]:
    """``9460958`` → [``946``, ``0958``]: four digits last, threes before them, a lone digit at
    the front joined to its neighbour (``12345678`` → ``1234 5678``)."""
    if len(rest) <= 5:
        return [rest]
    groups, end = [rest[-4:]], len(rest) - 4
    while end > 0:
        start = max(0, end - 3)
        groups.insert(0, rest[start:end])
        end = start
    if len(groups[0]) == 1:
        groups[:2] = [groups[0] + groups[1]]
    return groups


# --- how many numbers a text holds ----------------------------------------------------------------

_ANY_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
# «داخلی ۱۲», «ext. 12», «x12», «,12», «;ext=12», a phone's pause or wait before it («;12», «p12»,
# «w12»: how Android and iPhone keep a number's extension), also in brackets: «(داخلی ۱۲)»
_EXT = re.compile(r"(?i)\s*\(?\s*(?:;\s*ext\s*=|[,;pw]|ext\.?|extension|x|#|داخلی|داخلي)\s*:?\s*([0-9۰-۹٠-٩]{1,6})\s*\)?\s*$")
PLAIN_NUMBER = re.compile(r"[+(]?[0-9۰-۹٠-٩][0-9۰-۹٠-٩ ()\-]*")
"""Digits with spaces, dashes and brackets (and a leading +): no separator, word or extension."""
# between two numbers: Google's «:::», a line break, «،», «؛», «;», «|», «/», a comma not
# followed by a short number (that is an extension: «02188776655,12»), and « و » between digits
_SEPARATORS = re.compile(r"\s*(?::::|[\n\r،؛;|/]|,(?!\s*[0-9۰-۹٠-٩]{1,6}\s*(?:$|[\n\r،؛;|/]))"
                         r"|(?<=[0-9۰-۹٠-٩])\s+و(?=\s+[0-9۰-۹٠-٩]))\s*")
_SEPARATORS_KEPT = re.compile(f"({_SEPARATORS.pattern})")
_NEXT_LINE_MARKS = ("/", "و")  # «88776655/6», «021-88776655 و 56»: the next lines (as a dash: «88776655-6»)
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH = re.compile(rf"\s*[{_DASHES}]\s*")
_HAS_DASH = re.compile(f"[{_DASHES}]").search
# the national form of a whole Iranian number: 0 and ten digits (a mobile, or a landline with its
# area code), or an 8-digit local number
_WHOLE = re.compile(r"0[1-9][0-9]{9}|[1-9][0-9]{7}").fullmatch
is_landline = re.compile(r"0[1-8][0-9]{9}").fullmatch  # a national form: a landline with its area code


def split_extension(number: str) -> tuple[str, str]:
    """``021 8877 6655 داخلی 12`` / ``02188776655,12`` / ``tel:+98-21-88776655;ext=12`` →
    (number, ext in ASCII digits)."""
    s = (number or "").strip()
    if s[:4].lower() == "tel:":
        s = s[4:]
    match = _EXT.search(s)
    if match and match.start() > 0 and len(phone_digits(s[: match.start()])) >= 3:
        return s[: match.start()].strip(), to_latin(match.group(1))
    return s, ""


def split_numbers(text) -> list[tuple[str, str]]:
    """The numbers ``text`` holds, as [(number, ext)]: the one reading of a text with several
    numbers, which the import stores as several phones and the contact form refuses («one number
    per row»).

    * Numbers apart at a separator: «0912…، 021…», Google's ``a ::: b``, one per line, «a / b»,
      «a و b», «a; b», «a | b».
    * Numbers written with dashes (``dashed_numbers``): «021 88776655 - 021 88776656» is two,
      «021-8877-6655» one.
    * The next lines of an office: after a whole number, a bare (not starting with 0 or +) number
      of up to four digits after «-», «/» or « و » gives its last digits: «66554433-4»,
      «88776655/6» and «021-88776655 و 56» are two numbers each (66554433 and 66554434; 88776655
      and 88776656; 02188776655 and 02188776656), as Iranian office lists write their lines; and
      after a number with its area code, a bare eight-digit number there is a number of the same
      city: «021-66554433 / 66554434» is 02166554433 and 02166554434. (After «،» or a new line,
      our export's list, a number is its own: «021 8877 6655، 8877 6656» keeps a local number.)
    * An extension is one only when marked: «داخلی 56», «ext 56», «x56», «#56», «,56», «(داخلی
      56)»; and after «،» or «;» a bare number of one or two digits («021 8877 6655، 12»).
      After an extension, another short number is another extension of the same number
      («داخلی 12 و 13»: two phones).
    """
    text = str(text if text is not None else "").strip()
    if not text:
        return []
    if PLAIN_NUMBER.fullmatch(text):  # the common case: one number, no extension
        if "-" not in text:
            return [(text, "")]
        return [(number, "") for number in dashed_numbers(text)]
    found: list[tuple[str, str]] = []
    parts = _SEPARATORS_KEPT.split(text)  # piece, separator, piece, …
    for piece, before in zip(parts[0::2], ["", *parts[1::2]]):
        piece = piece.strip()
        if not piece or not _ANY_DIGIT.search(piece):
            continue
        number, ext = split_extension(piece)
        if found and not ext:
            previous, previous_ext = found[-1]
            mark = before.strip()
            bare = number.lstrip()[:1] not in ("0", "۰", "٠", "+", "(")
            digits = phone_digits(number)
            if previous_ext and bare and len(digits) <= (5 if mark in _NEXT_LINE_MARKS else 2):
                found.append((previous, digits))  # «داخلی 12 و 13»: the same number, another extension
                continue
            if mark in _NEXT_LINE_MARKS:
                following = next_line(previous, number)
                if following:
                    found.append((following, ""))
                    continue
            elif bare and len(digits) <= 2:  # «021 8877 6655، 12»: its extension
                found[-1] = (previous, digits)
                continue
        if _HAS_DASH(number):
            found += [(one, ext) for one in dashed_numbers(number)]
        else:
            found.append((number, ext))
    return found


def dashed_numbers(text: str) -> list[str]:
    """The numbers of ``text`` written with dashes, as an Iranian office list writes several
    lines: whole numbers one after another («021 88776655 - 021 88776656»,
    «۸۸۷۷۶۶۵۵-۸۸۷۷۶۶۵۶», «09121234567 - 09351112233»), or a whole number and the next lines
    (``next_line``: «66554433-4» is 66554433 and 66554434; «66554433-45», 66554445;
    «021-66554433-66554434», 02166554434). Groups that together make one number
    («021-8877-6655», «0912-123-4567») are that number; a foreign number (+44-20-…) and a
    text whose groups make no whole number («021-8877665», a digit short) are left whole, for
    the phone's check to judge. Whole: ``_WHOLE`` (0 and ten digits, or eight)."""
    pieces = _DASH.split(text.strip())
    if len(pieces) < 2:
        return [text]
    head = to_latin(pieces[0]).lstrip(" (")
    if (head.startswith("+") and not head[1:].lstrip(" (").startswith("98")) or (
            head.startswith("00") and not head.startswith("0098")):
        return [text]
    numbers: list[str] = []
    run: list[str] = []  # the groups of the number being read
    for piece in pieces:
        if not _ANY_DIGIT.search(piece):
            continue
        if not run and numbers:
            following = next_line(numbers[-1], piece)
            if following:
                numbers.append(following)
                continue
        run.append(piece.strip())
        if _WHOLE(national_form("-".join(run))):
            numbers.append("-".join(run))
            run = []
    if run:
        if not numbers:
            return [text]
        numbers.append("-".join(run))
    return numbers if len(numbers) > 1 else [text]


def next_line(previous: str, tail: str) -> str | None:
    """The number ``tail`` stands for after the whole number ``previous`` in an office's list of
    its lines, or None when it is a number of its own: a bare (not starting with 0 or +) one of
    up to four digits is the last digits of the next line («66554433» then «4»: 66554434), and
    a bare eight-digit one after a landline with its area code is a line of that city
    («021-66554433» then «66554434»: 021-66554434). Written as ``previous`` is."""
    tail = tail.strip()
    if tail[:1] in ("0", "۰", "٠", "+", "("):
        digits = phone_digits(tail)
        if len(digits) > 2:  # «66554433-05» still reads as the last two digits
            return None
    else:
        digits = phone_digits(tail)
    if not digits or len(tail.replace(" ", "")) != len(digits):  # digits only: «12 دفتر» is no line
        return None
    whole = national_form(previous)
    if not _WHOLE(whole):
        return None
    if len(digits) <= 4 or (len(digits) == 8 and is_landline(whole)):
        return _last_digits_replaced(previous, tail)
    return None


def _last_digits_replaced(number: str, tail: str) -> str:
    """«66554433» with its last digits replaced by those of «4»: «66554434» (in ``number``'s
    writing: its spaces and dashes stay)."""
    chars = list(number)
    i = len(chars) - 1
    for digit in reversed([c for c in tail if c.isdigit()]):
        while i >= 0 and not chars[i].isdigit():
            i -= 1
        if i < 0:
            break
        chars[i] = digit
        i -= 1
    return "".join(chars)
