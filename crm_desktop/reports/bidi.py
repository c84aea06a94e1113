"""Persian text for a PDF page: shape (join the letters), wrap, then reorder each line.

reportlab draws glyphs left to right in the order it is given and joins nothing without
uharfbuzz. So every string goes through three steps here, in this order:

1. **wrap** the logical text (the order it was typed) into lines that fit a width, measuring
   the shaped words;
2. **shape** each line with arabic-reshaper (Arabic presentation forms: joined letters, لا);
3. **reorder** each line with python-bidi (Unicode bidi algorithm, base direction RTL) into the
   visual order reportlab draws, then drop the invisible bidi controls.

Reordering a whole paragraph and then wrapping would put the paragraph's last line first, so
never do that: ``wrap_and_reorder`` is the one entry point for multi-line text.

Numbers and Latin inside Persian: a phone «۰۹۱۲ ۱۲۳ ۴۵۶۷» written straight into an RTL line
comes out as «۴۵۶۷ ۱۲۳ ۰۹۱۲» (the bidi algorithm treats the spaces between the digit groups as
RTL). Wrap such values in ``ltr()`` (U+2066 … U+2069, a left-to-right isolate) — phones, codes,
e-mails, web addresses, account numbers. ``isolate()`` (first-strong isolate) is for a value of
unknown direction (a name typed in Latin or Persian). An isolate is never broken across lines
unless it is wider than the whole line; then the part on each line is one isolate of the whole
value's direction (a long Latin note keeps its word order on every line).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import arabic_reshaper
from arabic_reshaper.letters import LETTERS_ARABIC, connects_with_letter_after, connects_with_letter_before
from bidi import get_display
from bidi.mirror import MIRRORED

from crm_desktop.core.text import isolate  # noqa: F401 - the reports' way to isolate a value

from crm_desktop.reports import fonts

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
_OPENERS = (LRI, RLI, FSI)
ZWJ = "\u200d"
_CONTROLS = "\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_STRIP = dict.fromkeys(map(ord, _CONTROLS))
_SPACES = dict.fromkeys(map(ord, "\t\u2028\u2029\u000b\u000c"), " ")
RTL, LTR = "R", "L"
_BREAK_AFTER = frozenset(".@-_/\\,;:،")


def ltr(text) -> str:
    """``text`` as a left-to-right island inside a Persian line (phones, e-mails, codes)."""
    text = "" if text is None else str(text)
    return f"{LRI}{text}{PDI}" if text else ""


def isolate_lines(text) -> str:
    """``isolate`` for a value that may hold line breaks (a note, an address): each line its own
    first-strong isolate (an isolate never spans a line break)."""
    text = "" if text is None else str(text)
    return "\n".join(isolate(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def strip_controls(text: str) -> str:
    return text.translate(_STRIP)


class _Settings:
    """A plain snapshot of the reshaper's settings: arabic-reshaper reads its ConfigParser
    section five times per call, which was half the time of a large report."""

    def __init__(self, section):
        self._values = {}
        for key in section:
            try:
                self._values[key.lower()] = section.getboolean(key)
            except ValueError:
                self._values[key.lower()] = section.get(key)

    def getboolean(self, key):
        return bool(self._values.get(key.lower(), False))

    def get(self, key, default=None):
        return self._values.get(key.lower(), default)


@lru_cache(maxsize=1)
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    # Only the lam-alef ligatures: the font has them, and words like «عبدالله» must stay
    # letters (the default config would print the single ﷲ glyph).
    config = {
        "delete_harakat": True,  # no mark positioning without a shaper: marks would collide
        "support_ligatures": True,
        "support_zwj": True,
        "ARABIC LIGATURE ALLAH": False,
    }
    reshaper = arabic_reshaper.ArabicReshaper(configuration=config)
    reshaper.configuration = _Settings(reshaper.configuration)
    return reshaper


@lru_cache(maxsize=16384)
def _shape_word(word: str) -> str:
    return _reshaper().reshape(word)


def shape(text: str) -> str:
    """Joined letter forms for ``text`` (logical order, controls kept). Letters never join
    across a space, so words are shaped one by one (and cached: names and labels repeat)."""
    if not text:
        return ""
    if " " not in text:
        return _shape_word(text)
    return " ".join(_shape_word(word) if word else "" for word in text.split(" "))


def _replace_missing(text: str, font: str) -> str:
    missing = set(text) - fonts.charset(font)
    if not missing:
        return text
    missing -= {" "}
    return "".join("?" if ch in missing else ch for ch in text)


def visual(line: str, font: str = fonts.REGULAR, base: str = RTL) -> str:
    """One logical line (no line breaks) → the visual string to draw left to right."""
    if not line:
        return ""
    if base == LTR and line.isascii():
        return _replace_missing(strip_controls(line), font)
    shaped = shape(line)
    if _MIRRORABLE.isdisjoint(shaped):
        out = get_display(shaped, base_dir=base)
    else:
        out = _display_mirrored(shaped, base)
    return _replace_missing(strip_controls(out), font)


# --- mirroring -----------------------------------------------------------------------------------
# python-bidi's Rust get_display reorders but does not mirror: «(خاص)» would print as «)خاص(».
# For the few lines with a mirrorable character, take the resolved levels the same algorithm
# computed (its debug output), reorder them here (rules L1, L2) and mirror (L4).

_MIRRORABLE = frozenset(MIRRORED)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_L1_RESET = frozenset(("WS", "LRI", "RLI", "FSI", "PDI", "BN", "S", "B"))


def resolved_levels(text: str, base: str = RTL) -> list[int] | None:
    """The embedding level of each character (None if python-bidi's debug output is not in
    the expected form: then the caller falls back to its pure-Python algorithm)."""
    info = get_display(text, base_dir=base, debug=True)
    try:
        section = info[info.rindex("levels: [") : info.rindex("paragraphs: [")]
    except (ValueError, AttributeError):
        return None
    per_byte = [int(n) for n in _LEVEL.findall(section)]
    levels, i = [], 0
    for ch in text:
        if i >= len(per_byte):
            return None
        levels.append(per_byte[i])
        i += len(ch.encode("utf-8"))
    return levels if i == len(per_byte) else None


def reorder(text: str, levels: list[int], base: str = RTL, mirror: bool = True) -> str:
    """Rules L1, L2 and L4 of the bidi algorithm for one line with known levels."""
    paragraph = 1 if base == RTL else 0
    levels = list(levels)
    # L1: trailing whitespace and isolate controls go back to the paragraph level.
    i = len(text) - 1
    while i >= 0 and unicodedata.bidirectional(text[i]) in _L1_RESET:
        levels[i] = paragraph
        i -= 1
    chars = [MIRRORED.get(ch, ch) if mirror and level % 2 else ch for ch, level in zip(text, levels)]
    order = list(range(len(chars)))
    highest = max(levels, default=0)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(chars[k] for k in order)


def _display_mirrored(text: str, base: str) -> str:
    levels = resolved_levels(text, base)
    if levels is None:  # pragma: no cover - only with an unexpected python-bidi version
        from bidi.algorithm import get_display as python_display

        embed = str.maketrans({LRI: "\u202a", RLI: "\u202b", FSI: "\u202a", PDI: "\u202c"})
        return python_display(text.translate(embed), base_dir=base)
    return reorder(text, levels, base)


@lru_cache(maxsize=16384)
def token_width(token: str, font: str, size: float) -> float:
    """Width of one space-free token once shaped (joining never crosses a space)."""
    return fonts.width(strip_controls(shape(token)), font, size)


def _tokens(paragraph: str) -> list[str]:
    """Split a paragraph at spaces, keeping each isolate (with its spaces) as one token."""
    tokens: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in paragraph:
        if ch in _OPENERS:
            depth += 1
        elif ch == PDI and depth:
            depth -= 1
        if ch == " " and depth == 0:
            if current:
                tokens.append("".join(current))
                current = []
            continue
        current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def _split_isolate(token: str) -> tuple[str, list[str], str] | None:
    """A token that is one isolate with spaces inside: (opener, inner words, closer)."""
    if len(token) >= 2 and token[0] in _OPENERS and token[-1] == PDI and " " in token:
        inner = token[1:-1]
        if not any(ch in _OPENERS or ch == PDI for ch in inner):
            return token[0], [w for w in inner.split(" ") if w], PDI
    return None


def _break_chars(token: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the line: cut it between characters (never lose a character)."""
    opener = closer = ""
    body = token
    if len(token) >= 2 and token[0] in _OPENERS and token[-1] == PDI:
        opener, body, closer = token[0], token[1:-1], PDI
    pieces: list[str] = []
    start = 0
    for end in range(1, len(body) + 1):
        if end - start > 1 and token_width(body[start:end], font, size) > width:
            cut = end - 1
            # Prefer a cut after punctuation (e-mails, web addresses, codes) when the line
            # stays at least a third full.
            for k in range(end - 2, start, -1):
                if body[k] in _BREAK_AFTER and token_width(body[start : k + 1], font, size) >= width / 3:
                    cut = k + 1
                    break
            pieces.append(body[start:cut])
            start = cut
    pieces.append(body[start:])
    pieces = [p for p in pieces if p]
    # Keep the letters on both sides of a cut in their joined forms (a zero-width joiner each
    # side, dropped after shaping).
    for i in range(len(pieces) - 1):
        if _joins(pieces[i][-1], pieces[i + 1][0]):
            pieces[i] += ZWJ
            pieces[i + 1] = ZWJ + pieces[i + 1]
    return [f"{opener}{p}{closer}" for p in pieces]


def _joins(left: str, right: str) -> bool:
    """Would ``left`` join ``right`` when written next to each other?"""
    return connects_with_letter_after(left, LETTERS_ARABIC) and connects_with_letter_before(right, LETTERS_ARABIC)


def first_strong(text: str) -> str | None:
    """LTR or RTL: the direction of the first strong letter in ``text`` (what a first-strong
    isolate takes), skipping nested isolates; None when it has none (digits, punctuation)."""
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch == PDI and depth:
            depth -= 1
        elif not depth:
            kind = unicodedata.bidirectional(ch)
            if kind == "L":
                return LTR
            if kind in ("R", "AL"):
                return RTL
    return None


def _resolved_opener(opener: str, inner: str) -> str:
    """An isolate cut into pieces keeps the direction of the whole: a first-strong isolate
    becomes left-to-right or right-to-left by the whole value's first letter (a piece that
    starts with a Persian word of a Latin sentence is still left to right)."""
    if opener != FSI:
        return opener
    direction = first_strong(inner)
    return LRI if direction == LTR else RLI if direction == RTL else FSI


def _expand(token: str, font: str, size: float, width: float) -> list[str]:
    """Tokens that each fit in ``width`` (an over-wide isolate is opened at its spaces)."""
    if token_width(token, font, size) <= width:
        return [token]
    parts = _split_isolate(token)
    if parts is not None:
        opener, words, closer = parts
        opener = _resolved_opener(opener, " ".join(words))
        return [piece for word in words for piece in _expand(f"{opener}{word}{closer}", font, size, width)]
    if len(token) >= 2 and token[0] == FSI and token[-1] == PDI:
        token = _resolved_opener(FSI, token[1:-1]) + token[1:]
    return _break_chars(token, font, size, width)


def _same_isolate(previous: str, piece: str) -> bool:
    """Two pieces of one opened isolate, next to each other on a line: they are drawn as one
    isolate again (each piece alone would be a neutral in the Persian line and the words of a
    Latin sentence would come out right to left). Never the two halves of a word cut apart."""
    return (len(previous) >= 2 and len(piece) >= 2 and previous[0] == piece[0] and previous[0] in _OPENERS
            and previous[-1] == PDI and piece[-1] == PDI and previous[-2] != ZWJ and piece[1] != ZWJ)


def wrap(text, font: str, size: float, width: float) -> list[str]:
    """Logical lines of ``text`` that each fit ``width`` points. Line breaks in the text are
    kept; runs of spaces become one; nothing is ever cut off (an over-long word is split)."""
    text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    space = fonts.width(" ", font, size)
    width = max(width, size)  # always room for at least one character
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        current_width = 0.0
        for token in _tokens(paragraph):
            # Keep a balanced isolate on one line; open it only when it cannot fit any line.
            pieces = _expand(token, font, size, width) if token_width(token, font, size) > width else [token]
            for k, piece in enumerate(pieces):
                w = token_width(piece, font, size)
                if current and current_width + space + w <= width:
                    # the line's last token is this isolate's previous piece (maybe joined already)
                    if k and _same_isolate(current[-1], piece) and current[-1].endswith(pieces[k - 1][1:]):
                        current[-1] = f"{current[-1][:-1]} {piece[1:]}"
                    else:
                        current.append(piece)
                    current_width += space + w
                else:
                    if current:
                        lines.append(" ".join(current))
                    current, current_width = [piece], w
        lines.append(" ".join(current))
    # No trailing empty lines from a final newline; an empty text is one empty line.
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def wrap_and_reorder(text, font: str, size: float, width: float, base: str = RTL) -> list[str]:
    """``text`` wrapped to ``width`` points, each line shaped and in visual order (first line
    first). Draw each returned string with ``canvas.drawString`` — no further processing."""
    return [visual(line, font, base) for line in wrap(text, font, size, width)]


def line_width(visual_line: str, font: str, size: float) -> float:
    return fonts.width(visual_line, font, size)
