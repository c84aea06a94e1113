"""Reading text files that come from phones and spreadsheets: which encoding, and the bytes as
text.

Phones write vCards in UTF-8; Windows Excel in Iran saves "CSV" in Windows-1256 (Arabic) unless
told "CSV UTF-8", which adds a BOM; "Unicode text" is UTF-16 with a BOM. ``decode`` tries them in
that order and never fails: a file that is neither UTF-8 nor UTF-16 is read as Windows-1256,
which maps every byte. Windows-1256 has no Persian ی and ک: what a Persian Windows saves in it
comes back with the Arabic ي ى ك, which ``from_cp1256`` turns into the Persian letters (the
operator typed those; the Arabic ي shows with two dots under it).

For messages: ``excerpt`` shortens text quoted from a file and drops its control characters
(``core.text.isolate`` then puts it inside a Persian sentence).
"""

from __future__ import annotations

import codecs
import re

UTF8, UTF8_BOM, UTF16, CP1256 = "utf-8", "utf-8-sig", "utf-16", "cp1256"


def detect(data: bytes) -> str:
    """The encoding of ``data``: utf-8-sig, utf-16, utf-8 or cp1256."""
    if data.startswith(codecs.BOM_UTF8):
        return UTF8_BOM
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    try:
        data.decode(UTF8)
    except UnicodeDecodeError as error:
        # A file cut in the middle of a character is still UTF-8.
        if error.start < len(data) - 3 or not _utf8_prefix(data[error.start:]):
            return CP1256
    return UTF8


def _utf8_prefix(tail: bytes) -> bool:
    return bool(tail) and tail[0] >= 0xC0


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding) for ``data``; ``encoding`` forces one. Undecodable bytes become U+FFFD."""
    encoding = encoding or detect(data)
    return data.decode(encoding, errors="replace"), encoding


def decode_line(raw: bytes, fallback: str = CP1256) -> str:
    """One line of a file that may mix encodings (a vCard with a Windows-1256 property)."""
    try:
        return raw.decode(UTF8)
    except UnicodeDecodeError:
        text = raw.decode(fallback, errors="replace")
        return from_cp1256(text) if is_cp1256(fallback) else text


_ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def from_cp1256(text: str) -> str:
    """Text decoded from Windows-1256 with its Arabic ي ى ك as the Persian ی and ک."""
    return text.translate(_ARABIC_TO_PERSIAN)


def is_cp1256(encoding: str) -> bool:
    """Whether ``encoding`` (any spelling: WINDOWS-1256, cp1256) is Windows-1256."""
    try:
        return codecs.lookup(encoding).name == CP1256
    except LookupError:
        return False


# C0 / C1 controls, and the bidi embeddings / overrides / isolates / marks that would reorder the
# message around them (ZWNJ and ZWJ stay: Persian words need them)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")


def excerpt(text: str, limit: int = 40) -> str:
    """Text from a file as a message may quote it: control characters dropped (a run of them
    becomes one space), spaces trimmed, at most ``limit`` characters (then «…»)."""
    text = " ".join(_CONTROLS.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
