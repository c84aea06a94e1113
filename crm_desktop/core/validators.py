"""Field validators with the exact Iranian algorithms.

Each one takes what the operator typed (any digit script, spaces and dashes allowed) and returns
the normalised value (ASCII digits; ``IR`` + 24 digits for a Sheba) or raises ValidationError
whose ``.fa`` is a Persian sentence that names the field (``field`` is the label shown in the
form). An empty value raises «… را وارد کنید.»; wrap with ``optional()`` for optional fields.

Rules (test vectors beside them in tests/test_core_validators.py):

* National code (کد ملی): 10 digits; 8 or 9 digits are padded with leading zeros (codes of
  cities such as 001… and 002… lose their zeros in spreadsheets, and the padding is the standard
  practice); all-same digits are refused; check digit: s = Σ dᵢ·(10−i) for the first nine digits,
  r = s mod 11, the 10th digit is r if r < 2, else 11 − r.
* Legal-entity national ID (شناسه ملی اشخاص حقوقی): 11 digits, digits 4–9 not all zero;
  with t = 10th digit + 2, s = Σ (dᵢ + t)·w for the first ten digits with weights 29, 27, 23, 19,
  17, 29, 27, 23, 19, 17; r = s mod 11 (10 counts as 0) must equal the 11th digit.
* Mobile: ``^(\\+98|0098|98|0)?9\\d{9}$`` after folding digits and removing spaces, dashes,
  dots, underscores, half-spaces and brackets (``+98 (0)912…``, the trunk 0 kept after +98 or
  0098, too); returned as ``09…`` (11 digits).
* Landline: 0 + 2-digit area code (first digit 1–8; 09… is a mobile) + 8 digits; +98 / 0098 /
  98 (and +98 (0)) accepted; returned as ``0…`` (11 digits).
* One number (``single_number``): a text that ``phone.split_numbers`` reads as several numbers
  («0912… - 0935…», «66554433-4», «88776655/6», two lines) is refused, «write one number per
  row» (the import stores such a cell as several phones: the same decision).
* Phone number (a home, work or fax number in the contact form): one number and nothing else,
  either a landline as above, a mobile as above, or a foreign number written with ``+`` or
  ``00`` (country code and number: 7 to 15 digits, E.164); returned in ``phone.national_form``
  (``02188776655``, ``09121234567``, ``+4930123456``). Short numbers (110, 1566) are not. A
  spreadsheet's scientific notation («9.12E+09») is refused with its own message: the digits
  after the third are lost.
* Extension (داخلی): digits only, in any script; returned in ASCII digits.
* Postal code: 10 digits, not all the same, and no 0 or 2 among the first five digits (Iran
  Post leaves ۰ and ۲ out of the first five digits because handwritten they look like ۵ and ۳).
  Stricter rules seen in some libraries (the fifth digit never 5, no 2 in the last five) could not
  be confirmed and are not enforced.
* Sheba: ``IR`` + 24 digits, ISO 13616 (IBAN) check: move ``IR`` and the two check digits to
  the end, letters to numbers (I=18, R=27), the number mod 97 must be 1. Spaces, dashes,
  lower-case ``ir`` and Persian digits are accepted; 24 digits without ``IR`` get it added.
* Sayad ID (شناسه صیادی چک): 16 digits (no public check digit).
* E-mail: one ``@``, a dotted domain, no spaces; the domain is lower-cased.
"""

from __future__ import annotations

import re
from typing import Callable

from crm_desktop.core import phone as _phone
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.text import quoted
from crm_desktop.errors import ValidationError

_BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_STRIP = dict.fromkeys(map(ord, _BIDI_MARKS + " \t\u00a0\u2007\u2009\u202f\u200c-\u2010\u2011\u2012\u2013\u2014\u2015"
                                           "\u2212_.()"))
_NO_BIDI_MARKS = dict.fromkeys(map(ord, _BIDI_MARKS))


# the English name of a field in the English (CLI, log) message; a label not here is used as it is
FIELD_NAMES_EN = {
    "کد ملی": "national code", "شناسه ملی": "national ID", "تلفن همراه": "mobile", "تلفن ثابت": "landline",
    "شماره تلفن": "phone number", "تلفن": "phone", "داخلی": "extension", "کد پستی": "postal code",
    "شماره شبا": "Sheba number", "شناسه صیادی": "Sayad ID", "ایمیل": "e-mail", "پست الکترونیک": "e-mail",
}


def _error(field: str, en: str, fa: str) -> ValidationError:
    return ValidationError(f"{FIELD_NAMES_EN.get(field, field)}: {en}", f"{field}: {fa}", field)


def _required(field: str) -> ValidationError:
    return ValidationError(f"{FIELD_NAMES_EN.get(field, field)}: a value is required", f"{field} را وارد کنید.", field)


def _compact(text) -> str:
    """Latin digits, no spaces, dashes, dots, brackets or bidi marks."""
    return to_latin(str(text if text is not None else "")).translate(_STRIP)


def _digits(text, field: str) -> str:
    s = _compact(text)
    if not s:
        raise _required(field)
    if not re.fullmatch(r"[0-9]+", s):
        raise _error(field, "write only digits", "فقط رقم بنویسید.")
    return s


def _isolate(text: str) -> str:
    """Bidi-isolate a Latin or numeric run inside a Persian sentence."""
    return f"\u2068{text}\u2069"


def _wrong_length(field: str, what: str, n: int, typed: str) -> ValidationError:
    return _error(field, f"{what} has {n} digits, not {len(typed)}",
                  f"باید {to_persian(n)} رقم باشد، اما {to_persian(len(typed))} رقم نوشته شده است.")


def optional(validator: Callable[..., str], text, **kwargs) -> str:
    """``validator(text)``, or '' when nothing (or only spaces) was typed."""
    if text is None or not str(text).strip():
        return ""
    return validator(text, **kwargs)


def national_code(text, field: str = "کد ملی") -> str:
    """A 10-digit Iranian national code (8 or 9 digits are padded with zeros)."""
    code = _digits(text, field)
    if len(code) in (8, 9):
        code = code.zfill(10)
    if len(code) != 10:
        raise _wrong_length(field, "a national code", 10, code)
    if len(set(code)) == 1:
        raise _error(field, "not a valid national code", "این کد ملی معتبر نیست.")
    total = sum(int(code[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    check = remainder if remainder < 2 else 11 - remainder
    if int(code[9]) != check:
        raise _error(field, "the check digit is wrong", "رقم کنترل درست نیست؛ کد ملی را دوباره بررسی کنید.")
    return code


_LEGAL_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def legal_national_id(text, field: str = "شناسه ملی") -> str:
    """An 11-digit national ID of a legal entity (company, institution)."""
    code = _digits(text, field)
    if len(code) != 11:
        raise _wrong_length(field, "a legal national ID", 11, code)
    if code[3:9] == "000000":
        raise _error(field, "not a valid legal national ID", "این شناسه ملی معتبر نیست.")
    tens = int(code[9]) + 2
    remainder = sum((int(code[i]) + tens) * _LEGAL_WEIGHTS[i] for i in range(10)) % 11
    if remainder == 10:
        remainder = 0
    if int(code[10]) != remainder:
        raise _error(field, "the check digit is wrong", "رقم کنترل درست نیست؛ شناسه ملی را دوباره بررسی کنید.")
    return code


# «+98 (0)912 …», «0098 0912 …»: the trunk 0 kept after the country code, as many cards write it
_MOBILE_RE = re.compile(r"(?:(?:\+98|0098)0?|98|0)?(9[0-9]{9})")
_LANDLINE_RE = re.compile(r"(?:(?:\+98|0098)0?|98|0)([1-8][0-9])([0-9]{8})")


def mobile(text, field: str = "تلفن همراه") -> str:
    """An Iranian mobile number as ``09xxxxxxxxx``."""
    s = _compact(text)
    if not s:
        raise _required(field)
    match = _MOBILE_RE.fullmatch(s)
    if not match:
        raise _error(field, "not a mobile number; write it like 0912 123 4567",
                     "شماره همراه درست نیست؛ مانند ۰۹۱۲ ۱۲۳ ۴۵۶۷ بنویسید.")
    return "0" + match.group(1)


def landline(text, field: str = "تلفن ثابت") -> str:
    """A landline with its area code as ``0xx`` + 8 digits (``02188776655``)."""
    s = _compact(text)
    if not s:
        raise _required(field)
    match = _LANDLINE_RE.fullmatch(s)
    if match:
        return "0" + match.group(1) + match.group(2)
    if _MOBILE_RE.fullmatch(s):
        raise _error(field, "this is a mobile number, not a landline",
                     "این شماره همراه است؛ شماره تلفن ثابت را با پیش‌شماره بنویسید.")
    if re.fullmatch(r"[0-9]{8}", s):
        raise _error(field, "add the area code, like 021 8877 6655",
                     "پیش‌شماره شهر را هم بنویسید؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵.")
    raise _error(field, "not a landline number; write it like 021 8877 6655",
                 "شماره تلفن ثابت درست نیست؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید.")


# «9.12E+09», «9,12E+9»: what Excel shows (and saves in a CSV) for a long number in a General
# column; the digits after the first three are gone for good
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,\u066b][0-9]+)?[eE][+-]?[0-9]{1,3}")


def _one_per_row(field: str) -> ValidationError:
    return _error(field, "write one number per row",
                  "در هر ردیف یک شماره بنویسید؛ برای شمارهٔ دیگر «افزودن شماره» را بزنید.")


def single_number(text, field: str = "شماره تلفن") -> str:
    """``text`` stripped, when it is one written number and nothing else (an extension should
    have been taken off first: ``phone.split_extension``). What ``phone.split_numbers`` reads as
    several numbers is refused as such («write one number per row»), as is a number in a
    spreadsheet's scientific notation («9.12E+09»: its digits are lost)."""
    typed = str(text if text is not None else "").strip()
    if ("E" in typed or "e" in typed) and _SCIENTIFIC.fullmatch(_compact(typed)):
        raise _error(field, f"{quoted(typed)} is a number a spreadsheet wrote in scientific notation and its digits "
                            "are lost; format the column as text and type the numbers again",
                     f"برنامهٔ صفحه‌گسترده (اکسل) شماره را به «{_isolate(typed)}» تبدیل کرده و رقم‌هایش از دست "
                     "رفته است؛ ستون را «متن» (Text) قالب‌بندی کنید و شماره را دوباره بنویسید.")
    if len(_phone.split_numbers(typed)) > 1:
        raise _one_per_row(field)
    extra = _phone.extra_text(text)
    if not extra:
        return str(text if text is not None else "").strip()
    if any(c.isdigit() for c in to_latin(extra)):
        raise _one_per_row(field)
    raise _error(field, f"{quoted(extra)} is not part of a phone number",
                 f"«{_isolate(extra)}» جزو شماره نیست؛ فقط شماره و داخلی را بنویسید، "
                 f"مانند \u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069 داخلی ۲۰.")


def phone_number(text, field: str = "شماره تلفن") -> str:
    """A whole number to dial from Iran: a landline with its area code, a mobile, or a foreign
    number written with + or 00; in ``phone.national_form`` (``02188776655``, ``+4930123456``)."""
    s = _compact(single_number(text, field))
    if not s:
        raise _required(field)
    foreign = None
    if s.startswith("+"):
        foreign = s[1:]
    elif s.startswith("00"):
        foreign = s[2:]
    if foreign is not None and not foreign.startswith("98"):
        if not re.fullmatch(r"[1-9][0-9]{6,14}", foreign):
            example = _isolate("+49 30 1234 5678")
            raise _error(field, "not a foreign number; write the country code and the number after +",
                         f"شمارهٔ خارجی درست نیست؛ کد کشور و شماره را پس از + بنویسید، مانند {example}.")
        return "+" + _phone.without_trunk_zero(to_latin(str(text)), foreign)  # +44 (0)20 …: no trunk 0
    national = _phone.national_form(s)  # +98 (0)21 …, 98 912 …, 912 … all become 0…
    if _MOBILE_RE.fullmatch(national):
        return mobile(national, field)
    if national.startswith("09"):
        raise _error(field, "not a mobile number; write it like 0912 123 4567",
                     "شماره همراه درست نیست؛ مانند ۰۹۱۲ ۱۲۳ ۴۵۶۷ بنویسید.")
    return landline(national, field)


def extension(text, field: str = "داخلی") -> str:
    """An extension (داخلی): digits only, returned in ASCII digits; '' for nothing."""
    s = to_latin(str(text if text is not None else "")).translate(_NO_BIDI_MARKS).strip()
    if not s:
        return ""
    if not re.fullmatch(r"[0-9]+", s):
        raise _error(field, "an extension is digits only", "فقط رقم بنویسید، مانند ۲۰.")
    return s


def postal_code(text, field: str = "کد پستی") -> str:
    """A 10-digit Iranian postal code."""
    code = _digits(text, field)
    if len(code) != 10:
        raise _wrong_length(field, "a postal code", 10, code)
    if len(set(code)) == 1:
        raise _error(field, "not a valid postal code", "این کد پستی معتبر نیست.")
    if "0" in code[:5] or "2" in code[:5]:
        raise _error(field, "the first five digits of a postal code contain no 0 or 2",
                     "پنج رقم اول کد پستی رقم ۰ یا ۲ ندارد؛ کد را دوباره بررسی کنید.")
    return code


def sheba(text, field: str = "شماره شبا") -> str:
    """An Iranian Sheba (IBAN) as ``IR`` + 24 digits."""
    s = _compact(text).upper()
    if not s:
        raise _required(field)
    if re.fullmatch(r"[0-9]{24}", s):
        s = "IR" + s
    if not re.fullmatch(r"IR[0-9]{24}", s):
        raise _error(field, "a Sheba number is IR and 24 digits", f"باید {_isolate('IR')} و ۲۴ رقم باشد.")
    rearranged = s[4:] + "1827" + s[2:4]  # I = 18, R = 27
    if int(rearranged) % 97 != 1:
        raise _error(field, "the check digits are wrong", "رقم‌های کنترل درست نیست؛ شماره شبا را دوباره بررسی کنید.")
    return s


def format_sheba(value: str) -> str:
    """``IR06 2960 0000 0010 0324 2000 01`` for display (Latin: an IBAN is printed in Latin)."""
    s = _compact(value).upper()
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def sayad_id(text, field: str = "شناسه صیادی") -> str:
    """The 16-digit Sayad ID of a cheque leaf."""
    code = _digits(text, field)
    if len(code) != 16:
        raise _wrong_length(field, "a Sayad ID", 16, code)
    return code


_EMAIL_RE = re.compile(r"([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
                       r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})")


def email(text, field: str = "ایمیل") -> str:
    """An e-mail address, trimmed, with its domain in lower case."""
    s = str(text if text is not None else "").translate(_NO_BIDI_MARKS).strip()
    if not s:
        raise _required(field)
    match = _EMAIL_RE.fullmatch(s)
    if not match:
        raise _error(field, "not an e-mail address; write it like name@example.com",
                     f"نشانی ایمیل درست نیست؛ مانند {_isolate('name@example.com')} بنویسید.")
    return f"{match.group(1)}@{match.group(2).lower()}"
