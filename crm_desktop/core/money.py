"""Money: always an ``int`` number of Rials; shown grouped with «٬» and Persian digits.

Choices:

* The Persian thousands separator is U+066C «٬» (ARABIC THOUSANDS SEPARATOR); with Latin digits
  the separator is a plain comma (``1,250,000``), for CSV and logs.
* Toman is shown as rials / 10 and never rounded: when the rials are not a multiple of ten the
  remainder is shown as one decimal with the Persian decimal separator U+066B «٫»
  (12 345 rials → «۱٬۲۳۴٫۵» toman). Parsing toman accepts that one decimal back.
* ``parse_amount`` accepts any digit script, with or without separators («,» «٬» «،», spaces,
  apostrophes, or two or more «.» as in ``1.250.000``). When separators are used the groups must
  be 3 digits (a misplaced separator usually means a missing digit). A single «.», «٫» or «/»
  is a decimal point: rials have no decimals, so ``1.500`` is refused rather than guessed.
  Negative amounts, letters and amounts of 10¹⁸ rials or more are refused with a Persian message
  that names the field.
"""

from __future__ import annotations

import re

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import ValidationError

PERSIAN_THOUSANDS = "\u066c"  # ٬
PERSIAN_DECIMAL = "\u066b"  # ٫
MAX_AMOUNT = 10**18 - 1  # rials; fits SQLite's int64 and the words converter
UNIT_NAMES = {"rial": "ریال", "toman": "تومان"}

_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_GROUP_SEPARATORS = ",\u066c\u060c'\u2019 \u00a0\u2007\u2009\u202f\u200c"  # , ٬ ، ' ’ and spaces
_DECIMAL_MARKS = (PERSIAN_DECIMAL, "/", ".")
_MINUS_SIGNS = "-\u2212\u2010\u2012\u2013\u2014"


def _check_options(unit: str, digits: str) -> None:
    if unit not in UNIT_NAMES:
        raise ValueError(f"unit must be 'rial' or 'toman', not {unit!r}")
    if digits not in ("persian", "latin"):
        raise ValueError(f"digits must be 'persian' or 'latin', not {digits!r}")


def _error(field: str, en: str, fa: str) -> ValidationError:
    return ValidationError(f"{field}: {en}", f"{field}: {fa}", field)


def format_amount(rials: int, *, unit: str = "rial", digits: str = "persian", with_unit: bool = False) -> str:
    """``1250000`` → «۱٬۲۵۰٬۰۰۰» (unit="toman": «۱۲۵٬۰۰۰»; with_unit adds « ریال» / « تومان»)."""
    _check_options(unit, digits)
    if isinstance(rials, bool) or not isinstance(rials, int):
        raise TypeError(f"an amount is an int of rials, not {type(rials).__name__}")
    sign = "-" if rials < 0 else ""
    whole, tenth = divmod(abs(rials), 10) if unit == "toman" else (abs(rials), 0)
    text = f"{whole:,}"
    if tenth:
        text += f".{tenth}"
    if digits == "persian":
        text = to_persian(text.translate({ord(","): PERSIAN_THOUSANDS, ord("."): PERSIAN_DECIMAL}))
    text = sign + text
    return f"{text} {UNIT_NAMES[unit]}" if with_unit else text


def guarded_amount(rials: int, *, unit: str = "rial", digits: str = "persian") -> str:
    """The amount in digits between guards for a cheque: «#۱٬۲۵۰٬۰۰۰#»."""
    return f"#{format_amount(rials, unit=unit, digits=digits)}#"


def rials_to_toman(rials: int) -> tuple[int, int]:
    """(tomans, remaining rials 0..9)."""
    return divmod(rials, 10)


def parse_amount(text, field: str = "مبلغ", *, unit: str = "rial") -> int:
    """A typed amount as an int of rials (unit="toman": the typed number is in toman).

    Raises ValidationError with a Persian message naming ``field``; see the module notes."""
    _check_options(unit, "latin")
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    s = to_latin(str(text if text is not None else "")).translate(_BIDI_MARKS).strip()
    if not s:
        raise ValidationError(f"{field}: an amount is required", f"{field} را وارد کنید.", field)
    if s[0] in _MINUS_SIGNS or s[-1] in _MINUS_SIGNS:
        raise _error(field, "the amount cannot be negative", "نمی‌تواند منفی باشد.")
    if s.count(".") >= 2:  # 1.250.000: dots as thousands separators
        s = s.replace(".", ",")
    marks = [m for m in _DECIMAL_MARKS if m in s]
    if len(marks) > 1 or (marks and s.count(marks[0]) > 1):
        raise _error(field, "not a number", "عدد درستی نیست؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید.")
    whole, fraction = (s.split(marks[0]) if marks else (s, ""))
    whole, fraction = whole.strip(), fraction.strip()
    if marks and unit == "rial":
        raise _error(
            field,
            "rials have no decimals; write the amount without a decimal point",
            "ریال اعشار ندارد؛ بدون ممیز بنویسید و برای جدا کردن سه‌رقمی‌ها از «٬» یا «,» استفاده کنید.",
        )
    if not re.fullmatch(f"[0-9{re.escape(_GROUP_SEPARATORS)}]+", whole) or not re.fullmatch("[0-9]*", fraction):
        raise _error(field, "write only digits", "فقط رقم بنویسید؛ حروف و نشانه‌های دیگر پذیرفته نیست.")
    groups = re.split(f"[{re.escape(_GROUP_SEPARATORS)}]+", whole)
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise _error(field, "the thousands separators are misplaced",
                     "جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید.")
    value = int("".join(groups))
    if unit == "toman":
        fraction = fraction.rstrip("0")
        if len(fraction) > 1:
            raise _error(field, "toman takes at most one decimal (one toman is ten rials)",
                         "تومان حداکثر یک رقم اعشار دارد (هر تومان ده ریال است).")
        value = value * 10 + int(fraction or 0)
    if value > MAX_AMOUNT:
        raise _error(field, "the amount is too large", "بیش از اندازه بزرگ است.")
    return value
