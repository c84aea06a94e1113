"""Phone numbers: one national form for storing, searching and comparing, one form for showing.

``national_form`` gives ASCII digits the way a number is dialled inside Iran, so that every way
of writing the same number meets:

* ``+98 912 123 4567``, ``0098 912 123 4567``, ``98 912 123 4567``, ``۰۹۱۲ ۱۲۳ ۴۵۶۷``,
  ``912 123 4567`` → ``09121234567``;
* ``021-8877 6655``, ``+98 21 88776655``, ``+98 (0)21 8877 6655`` → ``02188776655``;
* a 10-digit number without its leading 0 gets it back (Iranian subscriber numbers have at most
  8 digits, so 10 digits can only be a national number with the trunk 0 dropped);
* short numbers (internal extensions, 8-digit local numbers, 1xx service numbers) keep their
  digits; a foreign number keeps its country code as ``+<digits>`` (``001…`` → ``+1…``);
* anything after an extension marker («داخلی» / «داخلي», ``ext``, ``x``, ``#``) or a list separator
  («،», ``,``, ``;``) is ignored;
* a star service code keeps its star, which is dialled: ``*4444`` → ``*4444`` (a code such as
  ``*4444`` is only ever dialled so; without its star it would be a short number of its own).
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


def format_phone(number, digits: str = "persian") -> str:
    """For display: ``۰۹۱۲ ۱۲۳ ۴۵۶۷``, ``۰۲۱ ۸۸۷۷ ۶۶۵۵``, ``۸۸۷۷ ۶۶۵۵``; others ungrouped.

    Accepts any written form (it is passed through ``national_form`` first)."""
    if digits not in ("persian", "latin"):
        raise ValueError(f"digits must be 'persian' or 'latin', not {digits!r}")
    n = national_form(number)
    if _MOBILE.fullmatch(n):
        text = f"{n[:4]} {n[4:7]} {n[7:]}"
    elif len(n) == 11 and n.startswith("0"):
        text = f"{n[:3]} {n[3:7]} {n[7:]}"
    elif len(n) == 8:
        text = f"{n[:4]} {n[4:]}"
    else:
        text = n
    return to_persian(text) if digits == "persian" else text
