"""A spreadsheet as the importer sees it: ``read_table(path) -> Table`` for CSV and XLSX, and the
cell neutralising both exporters use.

``Table.headers`` are the header row's cells (or «ستون ۱»… when the file has no header row),
``Table.rows`` the data rows as text, ``Table.numbers`` each row's number as the operator's
spreadsheet program shows it (1-based, counting the header row; blank rows are left out but
keep the numbering).

The header row is the first non-blank row, unless a row among the first few is unmistakably
one below title lines: offices put a title («فهرست مشتریان ۱۴۰۳»), a letterhead, a report date
or a group heading above their headers. ``find_header`` takes such a row only when it names at
least two fields and most of its cells name one (``columns.suggest_field``), holds no phone or
e-mail, and every row above it is title-like (``title_like``: one or two things, fewer than the
header's cells, none of them a bare phone number or e-mail). A headerless file's contact rows
are never skipped that way: a row of three names above a row that happens to name a field or two
stops the search, and the file is read as before (the first row is the header unless it holds
data). A row right under the header that names the same fields again (an English header under
a Persian one) is a second header. Rows skipped so are in ``Table.skipped_rows``, each with the
Persian line that tells the operator («ردیف ۱ (عنوان: «فهرست مشتریان ۱۴۰۳») خوانده نشد.»)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.phone import extra_text, phone_digits
from crm_desktop.core.text import isolate, path_text, quoted
from crm_desktop.errors import UserError
from crm_desktop.phonebook.textfile import excerpt

CSV, XLSX, VCF = "csv", "xlsx", "vcf"
FORMATS = (VCF, CSV, XLSX)
_EXTENSIONS = {".vcf": VCF, ".vcard": VCF, ".csv": CSV, ".txt": CSV, ".tsv": CSV, ".xlsx": XLSX, ".xlsm": XLSX}


TITLE, SECOND_HEADER = "title", "second header"
_NUMBER_RUN = re.compile(r"[0-9۰-۹٠-٩]+(?:[-/.: ][0-9۰-۹٠-٩]+)+")  # a date, a phone number in a title


@dataclass(frozen=True)
class SkippedRow:
    """A row that is neither the header nor a contact: a title above the header row (``TITLE``)
    or a second header row right under it (``SECOND_HEADER``). ``text``: its cells as a message
    quotes them."""

    number: int
    kind: str
    text: str

    @property
    def message(self) -> str:
        """«ردیف ۱ (عنوان: «فهرست مشتریان ۱۴۰۳») خوانده نشد.»"""
        what = "عنوان" if self.kind == TITLE else "سطر دوم سرستون‌ها"
        text = _NUMBER_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069", self.text)  # «1403-01-10» not «10-01-1403»
        return f"ردیف {to_persian(self.number)} ({what}: «{isolate(text)}») خوانده نشد."

    @property
    def message_en(self) -> str:
        what = "a title" if self.kind == TITLE else "a second header row"
        return f"row {self.number} ({what}: {quoted(self.text)}) was not read"

    def to_json(self) -> dict:
        return {"number": self.number, "kind": self.kind, "text": self.text, "reason": self.message,
                "reason_en": self.message_en}


_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")


def _skipped(number: int, kind: str, cells) -> SkippedRow:
    """The SkippedRow for ``cells``: what it says, joined by «، » (by ", " when it is all Latin)."""
    things = _things(cells)
    comma = "، " if any(map(_PERSIAN_LETTER.search, things)) else ", "
    return SkippedRow(number, kind, excerpt(comma.join(things), 60))


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    numbers: list[int] = field(default_factory=list)  # the row number of each row in ``rows``
    has_header: bool = True
    format: str = CSV
    encoding: str = ""  # CSV: utf-8, utf-8-sig, utf-16, cp1256
    delimiter: str = ""  # CSV: , ; \t |
    sheet: str = ""  # XLSX: the sheet read
    header_number: int = 0  # the header row's number (0: no header row)
    skipped_rows: list[SkippedRow] = field(default_factory=list)  # titles above it, a second header under it

    def __post_init__(self):
        if not self.numbers:
            first = 2 if self.has_header else 1
            self.numbers = list(range(first, first + len(self.rows)))


class UnreadableFile(UserError):
    """A file that cannot be imported at all; the Persian message names it isolated (a Latin path
    inside a Persian sentence)."""

    exit_code = 2

    def __init__(self, path, en: str, fa: str):
        super().__init__(f"{path}: {en}", f"پرونده «{path_text(path)}»: {fa}")


def not_contacts(path) -> UnreadableFile:
    """The error for a file that is no contacts file at all (a picture, a PDF, random bytes)."""
    return UnreadableFile(path, "not a contacts file (vCard, CSV or Excel .xlsx)",
                          "پرونده مخاطبان (vCard، CSV یا اکسل xlsx) نیست.")


# the first bytes of files people pick by mistake: PDF, PNG, JPEG, GIF, an old Word or Excel file
_NOT_TEXT = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
# control characters no text file holds (tab, line breaks, form feed and Ctrl-Z aside)
_BINARY = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f]")


def refuse_binary(path, data: bytes, head: str) -> None:
    """Raise ``not_contacts`` when ``data`` (the file's bytes; ``head``: its first 64 KiB decoded)
    is not text: a known binary format, a NUL character, or more than a few control characters."""
    if data.startswith(_NOT_TEXT) or "\x00" in head:
        raise not_contacts(path)
    controls = len(_BINARY.findall(head, 0, 65536))
    if controls > 8 and controls * 100 > min(len(head), 65536):  # over 1 % of the text
        raise not_contacts(path)


def read_bytes(path) -> bytes:
    """The file's bytes; UnreadableFile (Persian: «پیدا نشد», «اجازه خواندن نیست»…) if it cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(path, "no such file", "پیدا نشد.") from None
    except IsADirectoryError:
        raise UnreadableFile(path, "is a folder, not a file", "پوشه است، نه پرونده.") from None
    except PermissionError:
        raise UnreadableFile(path, "permission denied", "اجازه خواندن آن نیست.") from None
    except OSError as error:
        raise UnreadableFile(path, f"cannot read the file ({error.strerror or error})", "خوانده نشد.") from None


def format_named(path) -> str | None:
    """The format a file's name says (``.vcf``, ``.csv``, ``.xlsx``…), or None."""
    return _EXTENSIONS.get(Path(path).suffix.lower())


def format_of(path, given: str | None = None) -> str:
    """vcf, csv or xlsx: ``given``, or from the file's extension (then from its first bytes).
    A file named as text (.csv, .txt, .tsv) that is an Excel workbook or a vCard by its bytes
    (a phone's vCard saved as .txt, a workbook renamed .csv) is taken for what it is."""
    if given:
        given = given.lower().lstrip(".")
        given = {"vcard": VCF, "tsv": CSV, "txt": CSV}.get(given, given)
        if given not in FORMATS:
            raise UserError(f"unknown format {given!r} (use vcf, csv or xlsx)", f"قالب «{given}» شناخته نیست؛ vcf، csv یا xlsx.")
        return given
    path = Path(path)
    found = format_named(path)
    if found in (VCF, XLSX):
        return found
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        head = b""
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if found is None:
        return VCF if b"BEGIN:VCARD" in head.upper() else CSV
    return VCF if _starts_as_vcard(head) else CSV


_VCARD_START = re.compile(r"BEGIN[ \t]*:[ \t]*VCARD\b", re.I)


def _starts_as_vcard(head: bytes) -> bool:
    """Whether the first non-blank line of ``head`` (a file's first bytes) is BEGIN:VCARD."""
    from crm_desktop.phonebook.textfile import decode

    text = decode(head)[0].lstrip("\ufeff \t\r\n")
    return bool(_VCARD_START.match(text))


_LONG_DIGITS = re.compile(r"[0-9۰-۹٠-٩]{7,}")


def looks_like_data(cells: list[str]) -> bool:
    """True when a first row holds data (a phone number, an e-mail) rather than headers."""
    return any(_LONG_DIGITS.search(c.replace(" ", "").replace("-", "")) or "@" in c for c in cells)


HEADER_SEARCH_ROWS = 10  # the non-blank rows ``find_header`` looks at


def recognised_cells(cells) -> int:
    """How many of a row's cells name a field ``columns.suggest_field`` knows."""
    from crm_desktop.phonebook.columns import suggest_field

    return sum(1 for c in cells if c and len(c) <= _LONGEST_HEADER and c.strip() and suggest_field(c))


_LONGEST_HEADER = 200  # a longer cell is a note, not a header (and is not normalised for nothing)


def _filled(cells) -> list[str]:
    """A row's non-empty cells, stripped."""
    return [c.strip() for c in cells if c and c.strip()]


def _things(cells) -> list[str]:
    """What a row says: its non-empty cells, a label («تاریخ گزارش:», «تلفن:») joined with the
    cell after it."""
    things: list[str] = []
    for cell in _filled(cells):
        if things and things[-1].endswith((":", "：")):
            things[-1] += " " + cell
        else:
            things.append(cell)
    return things


_DATE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}(?:[ T][0-9:.]+)?")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


def contact_value(text: str) -> bool:
    """Whether ``text`` (one cell) is a bare phone number or e-mail, as a contact's row holds
    them; a date («2024-03-29», «1403/01/10») or a number inside words («تلفن 021-88776655») is not."""
    text = to_latin(text).strip()
    if _EMAIL.fullmatch(text):
        return True
    return not _DATE.fullmatch(text) and len(phone_digits(text)) >= 7 and not extra_text(text)


def title_like(cells, width: int) -> bool:
    """Whether a row above a header row of ``width`` non-empty cells may be skipped as a title:
    one or two things (``_things``: a label and its value are one), fewer than the header's
    cells, and neither a bare phone number nor an e-mail (a contact's row)."""
    things = _things(cells)
    return len(things) <= 2 and len(things) < width and not any(map(contact_value, things))


def plain_header(cells) -> int:
    """How many fields a row names if it is unmistakably a header row (at least two, and most of
    its non-empty cells, and no phone or e-mail in it), else 0."""
    filled = _filled(cells)
    count = recognised_cells(filled)
    return count if count >= 2 and count * 2 > len(filled) and not looks_like_data(filled) else 0


def find_header(rows) -> int | None:
    """The index in ``rows`` (non-blank rows of text, the first few are enough) of the header
    row below title lines: of the first ``HEADER_SEARCH_ROWS`` rows, the ``plain_header`` that
    names the most fields (the first of equals) among those whose rows above are all
    ``title_like``; None when there is none (``make_table`` then reads the file as it did
    without titles)."""
    best, best_count = None, 0
    rows = rows[:HEADER_SEARCH_ROWS]
    for index, cells in enumerate(rows):
        count = plain_header(cells)
        if count > best_count:
            width = len(_filled(cells))
            if all(title_like(above, width) for above in rows[:index]):
                best, best_count = index, count
    return best


_NAMES = frozenset({"first_name", "full_name"})  # «نام» over «Name»


def _field_group(key: str) -> str:
    from crm_desktop.phonebook.columns import PHONE_FIELDS, base

    name = base(key)[0]
    return "name" if name in _NAMES else "phone" if name in PHONE_FIELDS else name


def second_header(cells, headers) -> bool:
    """Whether ``cells``, the row under the header row ``headers``, is another header row (an
    English «Name, Family, Phone» under «نام، نام خانوادگی، تلفن»): no phone or e-mail, and at
    least two of its cells, most of them, name the field their column's header names (or repeat
    it); none names another field."""
    from crm_desktop.phonebook.columns import suggest_field

    filled = [(j, c.strip()) for j, c in enumerate(cells) if c and c.strip()]
    if not filled or looks_like_data([c for _, c in filled]):
        return False
    same = 0
    for j, cell in filled:
        header = headers[j] if j < len(headers) else ""
        if cell == header:
            same += 1
            continue
        found = _field_group(suggest_field(cell)) if len(cell) <= _LONGEST_HEADER else ""
        if not found:
            continue
        if not header or _field_group(suggest_field(header)) != found:
            return False
        same += 1
    return same >= 2 and same * 2 > len(filled)


def make_table(raw_rows, numbers, header: bool | None, across=None, **info) -> Table:
    """A Table from rows of text with their numbers: blank rows dropped, rows padded to the
    same width, the header row found (``find_header``), the title rows above it and a second
    header row under it left out (``Table.skipped_rows``).
    ``header`` None: no header row when the first row holds data and no header row is found
    below titles; True: the found header row, else the first row; False: none.
    ``across``: {row number: [(first, last column index)]} of cells merged across columns
    (XLSX): a header cell merged over several columns names each of them."""
    kept = [(n, row) for n, row in zip(numbers, raw_rows) if any(row) and "".join(row).strip()]
    at = None
    if header is not False and kept:
        at = find_header([row for _, row in kept[:HEADER_SEARCH_ROWS]])
        if at is None and (header or not looks_like_data(kept[0][1])):
            at = 0
    width = max((len(row) for _, row in kept), default=0)
    header_number, skipped = 0, []
    if at is not None:
        skipped = [_skipped(n, TITLE, row) for n, row in kept[:at]]
        header_number, first = kept[at]
        del kept[: at + 1]
        headers = [c.strip() for c in first] + [""] * (width - len(first))
        for start, end in (across or {}).get(header_number, ()):
            for i in range(start + 1, min(end + 1, width)):
                headers[i] = headers[i] or headers[start]
        if kept and second_header(kept[0][1], headers):
            n, row = kept.pop(0)
            skipped.append(_skipped(n, SECOND_HEADER, row))
    else:
        headers = [""] * width
    headers = [h or f"ستون {to_persian(i + 1)}" for i, h in enumerate(headers)]
    rows = [row if len(row) == width else row + [""] * (width - len(row)) for _, row in kept]
    return Table(headers, rows, [n for n, _ in kept], at is not None, header_number=header_number,
                 skipped_rows=skipped, **info)


def read_table(path, format: str | None = None, *, header: bool | None = None, encoding: str | None = None,
               sheet: str | None = None, progress=None) -> Table:
    """The table in a CSV or XLSX file. ``header`` None: a header row is found (``make_table``)
    unless the first row holds a phone number or an e-mail and no row names a field. Raises UnreadableFile (Persian message) for a file that
    cannot be read. ``progress(rows read, rows)`` now and then while an XLSX is read (seconds
    for 100,000 rows; it may raise to stop the read)."""
    fmt = format_of(path, format)
    if fmt == XLSX:
        from crm_desktop.phonebook.xlsx_io import read_xlsx

        return read_xlsx(path, header=header, sheet=sheet, progress=progress)
    if fmt == CSV:
        from crm_desktop.phonebook.csv_io import read_csv

        return read_csv(path, header=header, encoding=encoding)
    raise UserError(f"{path}: a vCard file is not a table", "پرونده vCard جدول نیست.")


# --- writing ---------------------------------------------------------------------------------

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """A cell that a spreadsheet would take for a formula (``= + - @``, tab, CR at its start)
    gets an apostrophe in front; so does one that starts with apostrophes before such a mark
    («'=SUM(A1)» → «''=SUM(A1)»), so that ``unneutralise`` gives every value back exactly.
    Anything else is returned as text."""
    text = "" if value is None else str(value)
    if text and (text[0] in _DANGEROUS or (text[0] == "'" and text.lstrip("'")[:1] in _DANGEROUS)):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """A cell as it was before ``neutralise``: one apostrophe off the front of apostrophes before
    ``= + - @``, tab or CR («'=x» → «=x», «''=x» → «'=x»); anything else as it is. The import reads
    every CSV / XLSX cell so (what Excel shows of a CSV that says «'=x» is the value «=x»)."""
    if text[:1] == "'" and text.lstrip("'")[:1] in _DANGEROUS:
        return text[1:]
    return text
