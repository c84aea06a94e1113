"""Numbers, amounts and dates in Persian words, written the way a cheque needs them.

Choices (each one is tested in tests/test_core_words.py):

* **«یکصد», not «صد».** A hundred is always written «یکصد»: 100 «یکصد», 110 «یکصد و ده»,
  100 000 «یکصد هزار», 1 100 «یک هزار و یکصد». This is the form Iranian banks and cheque-writing
  programs print: with an explicit «یک» in front of every scale word nothing can be written
  before it to raise the amount. For the same reason 1 000 is «یک هزار» (never bare «هزار»),
  1 001 000 «یک میلیون و یک هزار». The other hundreds are the usual دویست، سیصد، چهارصد، پانصد،
  ششصد، هفتصد، هشتصد، نهصد; 18 is «هجده» (the Academy spelling, not «هیجده»).
* **Scales: هزار (10³), میلیون (10⁶), میلیارد (10⁹); above that «هزار میلیارد», not
  «تریلیون».** Amounts of 10¹² and more are read as a count of میلیارد, the way the Central Bank,
  the budget law and bank statements write them: 2 500 000 000 000 «دو هزار و پانصد میلیارد»,
  10¹⁵ «یک میلیون میلیارد». «تریلیون» is avoided: it is rare on bank papers and readers confuse
  the short and long scales. The converter works up to 10¹⁸ − 1 and raises ValueError beyond.
* Parts are joined with « و »; zero is «صفر»; negative numbers start with «منفی».
* Ordinals: «یکم، دوم، سوم … سی‌ام» (with a ZWNJ, never «سیم»), «بیست و سوم», «یکصدم».
* Toman: ``toman_equivalent_words`` never rounds. 1 250 000 rials is «معادل یکصد و بیست و پنج
  هزار تومان»; a remainder under ten rials is written out: 1 250 005 rials is «معادل یکصد و بیست و
  پنج هزار تومان و پنج ریال».
"""

from __future__ import annotations

from datetime import date

from crm_desktop.core.jalali import MONTH_NAMES, WEEKDAY_NAMES, to_jalali, weekday

ZWNJ = "\u200c"
AND = " و "
MAX_NUMBER = 10**18 - 1

_ONES = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
_TEENS = ("ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده")
_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
_HUNDREDS = ("", "یکصد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد")
_SCALES = ((10**6, "میلیون"), (10**3, "هزار"))
_BILLION = 10**9


def _below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    parts = [_HUNDREDS[hundreds]] if hundreds else []
    if 10 <= rest < 20:
        parts.append(_TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            parts.append(_TENS[tens])
        if ones:
            parts.append(_ONES[ones])
    return parts


def _positive(n: int) -> str:
    """Words for 1 <= n <= MAX_NUMBER."""
    if n >= _BILLION:
        billions, rest = divmod(n, _BILLION)
        head = f"{_positive(billions)} میلیارد"
        return head + AND + _positive(rest) if rest else head
    parts = []
    for size, name in _SCALES:
        count, n = divmod(n, size)
        if count:
            parts.append(f"{AND.join(_below_thousand(count))} {name}")
    parts.extend(_below_thousand(n))
    return AND.join(parts)


def number_to_words(n: int) -> str:
    """``1250000`` → «یک میلیون و دویست و پنجاه هزار» (see the module notes for the choices)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"number_to_words needs an int, not {type(n).__name__}")
    if n == 0:
        return "صفر"
    if abs(n) > MAX_NUMBER:
        raise ValueError(f"{n} is beyond what can be written in words (up to {MAX_NUMBER})")
    if n < 0:
        return "منفی " + _positive(-n)
    return _positive(n)


def ordinal_words(n: int) -> str:
    """``1`` «یکم», ``3`` «سوم», ``23`` «بیست و سوم», ``30`` «سی‌ام», ``100`` «یکصدم»."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"ordinal_words needs an int, not {type(n).__name__}")
    if n < 1:
        raise ValueError(f"ordinals start at 1, not {n}")
    words = number_to_words(n)
    head, _, last = words.rpartition(" ")
    if last == "سه":
        last = "سوم"
    elif last.endswith("ی"):
        last += ZWNJ + "ام"
    else:
        last += "م"
    return f"{head} {last}" if head else last


def amount_in_words(rials: int, unit: str = "ریال") -> str:
    """``1250000`` → «یک میلیون و دویست و پنجاه هزار ریال» (unit='' gives just the number)."""
    words = number_to_words(rials)
    return f"{words} {unit}" if unit else words


def toman_equivalent_words(rials: int) -> str:
    """``1250000`` → «معادل یکصد و بیست و پنج هزار تومان»; never rounded: a remainder under ten
    rials is added as «… تومان و پنج ریال»."""
    if isinstance(rials, bool) or not isinstance(rials, int):
        raise TypeError(f"toman_equivalent_words needs an int, not {type(rials).__name__}")
    sign = "منفی " if rials < 0 else ""
    tomans, rest = divmod(abs(rials), 10)
    if tomans == 0 and rest:
        return f"معادل {sign}{number_to_words(rest)} ریال"
    text = f"معادل {sign}{number_to_words(tomans)} تومان"
    return text + f" و {number_to_words(rest)} ریال" if rest else text


def date_in_words(d: date, with_weekday: bool = False) -> str:
    """The Jalali date in words: «پانزدهم مهر یک هزار و چهارصد و سه» (with_weekday=True puts
    «یکشنبه» in front)."""
    year, month, day = to_jalali(d)
    text = f"{ordinal_words(day)} {MONTH_NAMES[month]} {number_to_words(year)}"
    return f"{WEEKDAY_NAMES[weekday(d)]} {text}" if with_weekday else text
