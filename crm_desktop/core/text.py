"""Persian text for search and sorting: one ``normalise()`` and one Persian sort key.

The same ``normalise()`` is used when a search column is written and when a query is read,
so that ي/ی, ك/ک, ZWNJ, diacritics and digit scripts never stop a match.
"""

from __future__ import annotations

import re
import unicodedata

from crm_desktop.core.digits import to_latin

ZWNJ = "\u200c"

_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ـ": None,  # tatweel
        ZWNJ: " ",
        "\u200d": None,  # ZWJ
        "\u200e": None,  # LRM
        "\u200f": None,  # RLM
        "\u200b": None,  # zero-width space (pasted from web pages)
        "\u061c": None,  # Arabic letter mark
        "\u00ad": None,  # soft hyphen
        **{chr(c): None for c in range(0x202A, 0x202F)},  # bidi embeddings and overrides
        **{chr(c): None for c in range(0x2066, 0x206A)},  # bidi isolates
        "\ufeff": None,  # a BOM left inside a text
        "\u00a0": " ",
        **{chr(c): None for c in range(0x064B, 0x0653)},  # harakat, tanwin, shadda, sukun
        "\u0670": None,  # superscript alef
        "\u0654": None,  # hamza above
    }
)

_SPACES = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """Fold ``text`` for search: Arabic letter forms to Persian, no diacritics, ZWNJ to space,
    Latin digits, lower-case Latin, single spaces (after Unicode NFKC, so presentation forms
    such as «ﻛﺘﺎﺏ» fold to «کتاب»)."""
    if not text:
        return ""
    text = str(text)
    if not unicodedata.is_normalized("NFKC", text):
        # Arabic presentation forms (text copied from PDFs), ا + madda, ي + hamza, full-width
        # Latin: fold them to the plain letters first.
        text = unicodedata.normalize("NFKC", text)
    folded = to_latin(text).translate(_FOLD).casefold()
    return _SPACES.sub(" ", folded).strip()


# Persian alphabetical order. آ sorts before ا; every letter gets one code point in a private
# block so that plain binary comparison (Python, SQLite BINARY, an index) gives Persian order.
PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_BASE = 0xE000  # private-use area: above every Latin letter and digit, below nothing we keep
_SORT_MAP = {letter: chr(_BASE + rank) for rank, letter in enumerate(PERSIAN_ALPHABET)}
_SORT_TABLE = str.maketrans(_SORT_MAP)


def sort_key(text: str | None) -> str:
    """A string whose code-point order is Persian alphabetical order (ب پ ت … ژ … ک گ … ی).

    Spaces sort first, then digits, then Latin letters, then Persian letters. Use it for every
    ORDER BY on names (stored in an indexed column, or through the PERSIAN collation)."""
    return normalise(text).translate(_SORT_TABLE)


def persian_collation(a: str | None, b: str | None) -> int:
    """A SQLite collation function (registered as PERSIAN on every connection)."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def quoted(text: str) -> str:
    """``'text'`` for an English (CLI) message. Unlike ``repr()``, a Persian name keeps its
    half-space: repr writes «علی‌پور» as 'علی\\u200cپور'."""
    return f"'{text}'"


_STRONG = frozenset(("L", "R", "AL"))


def isolate(text) -> str:
    """``text`` as an island inside a Persian sentence, its direction taken from its first strong
    letter (U+2068 … U+2069): a value from a file, a typed search, an e-mail; '' for nothing.
    A text with no letter at all (digits, spaces, + - . / ( ) …) is left to right (U+2066 …
    U+2069): a first-strong isolate would take the sentence's right-to-left direction and lay
    its digit groups out backwards («0012 3456 7890» read «7890 3456 0012»)."""
    text = "" if text is None else str(text)
    if not text:
        return ""
    bidirectional = unicodedata.bidirectional
    if any(bidirectional(ch) in _STRONG for ch in text):
        return f"\u2068{text}\u2069"
    return f"\u2066{text}\u2069"


def counted(n: int, noun: str) -> str:
    """A count for an English CLI line: «1 page», «3 pages»."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def path_text(path) -> str:
    """A file path to show inside a Persian message: left to right as a whole, each run of
    Persian words in it isolated right to left. Without the inner isolates the digits after a
    Persian name join its right-to-left run and their groups swap: «چک‌ها 1405-09-10 185546.pdf»
    read «185546 10-09-1405 چک‌ها»."""
    text = str(path)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if unicodedata.bidirectional(text[i]) not in ("R", "AL"):
            out.append(text[i])
            i += 1
            continue
        end = j = i + 1  # the run goes on through marks, ZWNJ and spaces that lead to more letters
        while j < n and (unicodedata.bidirectional(text[j]) in ("R", "AL", "NSM", "BN", "WS")):
            j += 1
            if unicodedata.bidirectional(text[j - 1]) in ("R", "AL", "NSM"):
                end = j
        out.append(f"\u2067{text[i:end]}\u2069")
        i = end
    return f"\u2066{''.join(out)}\u2069"
