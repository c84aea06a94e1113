"""Reading back the PDFs the reports write, with poppler's pdftotext -bbox.

Words come back as drawn: in visual order, left to right, each with its box. A Persian word
comes back in presentation forms and reversed (visual); ``logical()`` turns a visual string back
into the text that was typed (reverse + NFKC through core.text.normalise), so Persian can be
checked as well as digits and Latin. Numbers and Latin are checked in *visual* order — that
is what the reader sees: «۰۹۱۲ ۱۲۳ ۴۵۶۷» must read left to right on the page.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
import re

import pytest

from crm_desktop.core.text import normalise

# poppler-utils (pdftotext, pdftoppm) is a test dependency: scripts/test.sh installs it on Debian/Ubuntu.

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass
class Word:
    text: str  # visual order, as drawn
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float

    @property
    def logical(self) -> str:
        return logical(self.text)


@dataclass
class Page:
    width: float
    height: float
    words: list[Word] = field(default_factory=list)

    def lines(self, tolerance: float = 2.0) -> list[list[Word]]:
        """Words grouped by baseline, top to bottom, each line left to right."""
        rows: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (round(w.y1, 1), w.x0)):
            if rows and abs(rows[-1][0].y1 - word.y1) <= tolerance:
                rows[-1].append(word)
            else:
                rows.append([word])
        return [sorted(row, key=lambda w: w.x0) for row in rows]

    def visual_lines(self) -> list[str]:
        return [" ".join(w.text for w in row) for row in self.lines()]

    def visual_text(self) -> str:
        return "\n".join(self.visual_lines())

    def logical_text(self) -> str:
        """Each line reversed into reading order (right for Persian lines)."""
        return "\n".join(logical(line) for line in self.visual_lines())

    def find(self, text: str) -> list[Word]:
        return [w for w in self.words if w.text == text]


_MIRROR = str.maketrans("()[]{}«»<>", ")(][}{»«><")


def _is_ltr_word(word: str) -> bool:
    return any(ch.isdigit() or ("a" <= ch.lower() <= "z") for ch in word) and not any(
        ("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff") and not ch.isdigit() for ch in word
    )


def logical(visual: str) -> str:
    """A visual line of an RTL page back to typed order (normalised: Persian letters, Latin
    digits): the words' order reverses, Persian words reverse (and their brackets mirror back),
    runs of Latin / number words keep their order."""
    groups: list[tuple[bool, list[str]]] = []
    for word in visual.split(" "):
        ltr = _is_ltr_word(word)
        if ltr and groups and groups[-1][0]:
            groups[-1][1].append(word)
        else:
            groups.append((ltr, [word]))
    out = []
    for ltr, words in reversed(groups):
        out.append(" ".join(words) if ltr else words[0][::-1].translate(_MIRROR))
    return normalise(" ".join(out))


def read_pdf(path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for width, height, body in _PAGE.findall(out):
        page = Page(float(width), float(height))
        for x0, y0, x1, y1, text in _WORD.findall(body):
            page.words.append(Word(unescape(text), float(x0), float(y0), float(x1), float(y1)))
        pages.append(page)
    return pages


def page_count(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def has_persian(page: Page, phrase: str) -> bool:
    """Does the page show ``phrase`` (Persian, typed order) on one line?"""
    wanted = normalise(phrase)
    return any(wanted in logical(line) for line in page.visual_lines())


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir())


def check_xref(path) -> int:
    """Every cross-reference entry points at its object (the streaming writer places objects
    out of order); returns the number of objects. Also: poppler reads the file without a
    complaint."""
    data = Path(path).read_bytes()
    start = int(data[data.rindex(b"startxref") + 9 :].split()[0])
    assert data[start : start + 4] == b"xref"
    lines = data[start:].split(b"\n")
    first, count = map(int, lines[1].split())
    assert first == 0
    for number in range(1, count):
        offset = int(lines[2 + number][:10])
        assert data[offset:].startswith(b"%d 0 obj" % number), number
    err = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stderr
    assert err == "", err
    return count - 1
