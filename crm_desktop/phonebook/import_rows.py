"""Reading an import file into rows: each row is a built contact or the reasons it cannot be one,
with its line (vCard) or row (CSV / XLSX) number. No database here: ``preview`` is what the
import wizard shows before anything is written."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable

from crm_desktop.core.digits import to_persian
from crm_desktop.core.phone import national_form
from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.columns import RowReader, known_key, row_name, suggest_mapping
from crm_desktop.phonebook.model import Contact, normalised
from crm_desktop.phonebook.table import VCF, Table, format_of, not_contacts, read_bytes, read_table, refuse_binary
from crm_desktop.phonebook.textfile import UTF16, decode

LINE, ROW = "line", "row"
TEXT_READING = "خواندن پرونده…"
Progress = Callable[[int, int, str], object]


class ImportCancelled(UserError):
    exit_code = 1

    def __init__(self):
        super().__init__("import cancelled; the database was left as it was", "ورود لغو شد؛ پایگاه داده دست نخورد.")


def report(progress: Progress | None, done: int, total: int, text: str) -> None:
    """Call ``progress``; False cancels (ImportCancelled); an exception from it propagates."""
    if progress is not None and progress(done, total, text) is False:
        raise ImportCancelled()


@contextmanager
def gc_paused():
    """No cyclic garbage collection while a big file becomes objects: with a hundred thousand
    contacts alive, Python's collector would rescan them all again and again (it halves the
    time of reading 100,000 rows). Nothing here makes cycles; collection resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class ImportRow:
    number: int  # the vCard's BEGIN line (or the bad line), or the spreadsheet row
    where: str = ROW  # "line" (vCard) or "row" (CSV / XLSX)
    contact: Contact | None = None
    groups: list[str] = field(default_factory=list)  # group names (CATEGORIES, a «گروه» column)
    name: str = ""  # who the row is about, also when it has errors
    errors: list[str] = field(default_factory=list)  # Persian reasons
    errors_en: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.contact is not None and not self.errors

    @property
    def place(self) -> str:
        """«خط ۱۲» / «ردیف ۱۲»."""
        return f"{'خط' if self.where == LINE else 'ردیف'} {to_persian(self.number)}"

    @property
    def place_en(self) -> str:
        return f"{self.where} {self.number}"

    def fail(self, en: str, fa: str) -> None:
        self.contact = None
        self.errors.append(fa)
        self.errors_en.append(en)


def build_row(row: ImportRow, make) -> ImportRow:
    """``row`` with the contact ``make()`` returns (validated by ``normalised``), or its errors."""
    contact = None
    try:
        contact, groups = make()
        row.name = contact.display_name or row.name  # a card without a name keeps its phone
        row.contact, row.groups = normalised(contact), groups
    except ValidationError as error:
        row.fail(error.message, error.fa)
    return row


def _card_name(card) -> str:
    """Who a card is about, for the summary: its FN, N or ORG; for a card without a name (which
    is rejected for that) its first phone number (national form, digits only, which reads the
    same way in a Persian line) or e-mail, so that the operator can find it in the phone."""
    fn = card.first("FN")
    if fn is not None and fn.text.strip():
        return fn.text.strip()
    n = card.first("N")
    name = " ".join(p.strip() for p in reversed(n.parts[:2]) if p.strip()) if n is not None else ""
    org = card.first("ORG")
    if not name and org is not None:
        name = " - ".join(p.strip() for p in org.parts if p.strip())
    for prop in card.all("TEL") if not name else ():
        name = national_form(prop.text)
        if name:
            break
    for prop in card.all("EMAIL") if not name else ():
        name = prop.text.strip()
        if name:
            break
    return name


def rows_from_cards(cards, progress: Progress | None = None, fields=()) -> list[ImportRow]:
    """ImportRows for cards (a list, or ``vcard.iter_cards``: each card is dropped once read);
    an X-CRM-FIELD value fills the book's custom field of that name (``fields``)."""
    from crm_desktop.phonebook.vcard_map import card_to_contact

    rows = []
    total = len(cards) if isinstance(cards, list) else 0
    for i, card in enumerate(cards):
        if total and i % 1000 == 0:
            report(progress, i, total, TEXT_READING)
        if card.errors:
            row = ImportRow(card.errors[0][0], LINE, name=_card_name(card))
            for _, en, fa in card.errors:
                row.fail(en, fa)
            rows.append(row)
            continue
        rows.append(build_row(ImportRow(card.line, LINE, name=_card_name(card)), lambda card=card: card_to_contact(card, fields)))
    return rows


def rows_from_table(table: Table, mapping: dict[int, str], progress: Progress | None = None,
                    limit: int | None = None, fields=()) -> list[ImportRow]:
    """The ImportRows of a table's rows (the first ``limit``). A whole table is read column by
    column (``import_columns``) when its mapping allows; the rows are the same."""
    if limit is None:
        from crm_desktop.phonebook.import_columns import rows_by_columns

        found = rows_by_columns(table, mapping, progress, fields)
        if found is not None:
            return found
    return rows_one_by_one(table, mapping, progress, limit, fields)


def rows_one_by_one(table: Table, mapping: dict[int, str], progress: Progress | None = None,
                    limit: int | None = None, fields=()) -> list[ImportRow]:
    """``rows_from_table`` a row at a time: ``RowReader`` and ``normalised`` for each."""
    rows = []
    total = len(table.rows) if limit is None else min(limit, len(table.rows))
    reader = RowReader(mapping, fields)
    for i in range(total):
        if i % 1000 == 0:
            report(progress, i, total, TEXT_READING)
        cells = table.rows[i]
        row = ImportRow(table.numbers[i], ROW)
        rows.append(build_row(row, lambda cells=cells: reader(cells)))
        if not row.ok and not row.name:
            row.name = row_name(cells, mapping)
    return rows


def preview(table: Table, mapping: dict[int, str] | None = None, n: int = 20, fields=()) -> list[ImportRow]:
    """The first ``n`` rows of a table as they would be imported with ``mapping`` (default: the
    suggested one, with the custom ``fields``): each with its contact, or its errors."""
    mapping = suggest_mapping(table.headers, fields) if mapping is None else mapping
    return rows_from_table(table, mapping, limit=n, fields=fields)


def ignored_columns(table: Table, mapping: dict[int, str], fields=()) -> list[str]:
    """The headers of the columns that hold something but fill no field (no mapping, IGNORE,
    or a custom field the book does not have), in column order; none for a file without a
    header row. A column that holds only what a program writes for «nothing» (``placeholder``:
    Outlook's Gender «Unspecified», Priority «Normal», Anniversary «0/0/00»…, Google's
    «E-mail 1 - Label» «* Home», «Address 1 - Country» «Iran») or only copies of the imported
    cells of its row (Outlook's «E-mail Display Name»: «Name (name@x.ir)»; Google's
    «Address 1 - Formatted», the address parts again on a few lines) loses nothing and is not
    named."""
    return [table.headers[i] for i in ignored_indices(table, mapping, fields)]


def ignored_indices(table: Table, mapping: dict[int, str], fields=(), among=None) -> list[int]:
    """``ignored_columns`` as column indices; ``among``: only these columns are looked at (the
    wizard's columns that hold anything, found once for a big file)."""
    if not table.has_header:
        return []
    imported = [i for i, key in mapping.items() if key and known_key(key, fields)]
    out = []
    for i, header in enumerate(table.headers):
        if among is not None and i not in among:
            continue
        key = mapping.get(i, "")
        if key and known_key(key, fields):
            continue
        key = _header_key(header)
        empty = _PLACEHOLDERS.get(key, ())
        composed = key in _COMPOSED
        if any(_holds_data(cells, i, empty, imported, composed) for cells in table.rows):
            out.append(i)
    return out


def _header_key(header: str) -> str:
    """A header as ``_PLACEHOLDERS`` names it: folded, punctuation to spaces, a number dropped
    («E-mail 2 Type» → «e mail type»)."""
    return " ".join(re.sub(r"[^\w]+|\d+", " ", normalise(header)).split())


_NO_DATE = frozenset({"0/0/00", "0/0/0000", "00/00/00", "00/00/0000", "1/0/00"})
_HOME_COUNTRIES = frozenset({"iran", "ir", "ایران", "iran islamic republic of", "جمهوری اسلامی ایران"})
# Google's labels of an e-mail or an address (the phonebook keeps neither), «* » marking the first
_GOOGLE_LABELS = frozenset({"home", "work", "other", "منزل", "خانه", "کار", "محل کار", "سایر", "دیگر"})
_WEBSITE_LABELS = _GOOGLE_LABELS | {"home page", "homepage", "blog", "profile", "ftp"}
# What Outlook (and Outlook.com, which copies it) and Google Contacts write in a column nobody
# filled in, or a label the phonebook has no place for.
_PLACEHOLDERS = {
    "gender": frozenset({"unspecified"}),
    "priority": frozenset({"normal"}),
    "sensitivity": frozenset({"normal"}),
    "private": frozenset({"false"}),
    "anniversary": _NO_DATE,
    "birthday": _NO_DATE,
    "e mail type": frozenset({"smtp", "ex"}) | _GOOGLE_LABELS,
    "e mail label": _GOOGLE_LABELS,
    "address type": _GOOGLE_LABELS,
    "address label": _GOOGLE_LABELS,
    "website type": _WEBSITE_LABELS,
    "website label": _WEBSITE_LABELS,
    **{f"{place} country region": _HOME_COUNTRIES for place in ("business", "home", "other")},
    "country": _HOME_COUNTRIES,
    "country region": _HOME_COUNTRIES,
    "address country": _HOME_COUNTRIES,
}
# Columns that repeat other cells of their row in one text: Google's whole address
_COMPOSED = frozenset({"address formatted"})
# ... and what such a column, or Outlook's «E-mail Display Name» («Name (name@x.ir)»), is: never
# a custom field (``repeats_others``), (English, Persian)
_REPEATING = {"address formatted": ("it is the whole address the address columns hold",
                                    "نشانی کاملی است که ستون‌های نشانی دارند"),
              "e mail display name": ("it repeats the name and the e-mail", "نام و ایمیل را تکرار می‌کند")}


def repeats_others(header: str) -> tuple[str, str] | None:
    """Why a column headed ``header`` only repeats other columns of its row (English, Persian),
    or None: Google's «Address 1 - Formatted», Outlook's «E-mail 2 Display Name»."""
    return _REPEATING.get(_header_key(header))


def only_placeholders(table: Table, index: int) -> bool:
    """Whether a column holds only what its program writes for «nothing» (``_PLACEHOLDERS``:
    Outlook's Gender «Unspecified», Google's «Address 1 - Country» «Iran»…); only such headers
    are looked at."""
    empty = _PLACEHOLDERS.get(_header_key(table.headers[index]))
    return bool(empty) and not any(_holds_data(cells, index, empty, ()) for cells in table.rows)
_HOME_WORDS = frozenset(word for name in _HOME_COUNTRIES for word in name.split()) | {"po", "box", "صندوق", "پستی"}
_WORD = re.compile(r"\w+")


def _holds_data(cells, i: int, empty, imported, composed: bool = False) -> bool:
    """Whether cell ``i`` of a row holds something that would be lost: not blank, not one of
    the ``empty`` placeholders (each of Google's «a ::: b» values), not a copy of (or «text
    (copy)» around) one of the row's ``imported`` cells; ``composed``: not made only of the
    words of the row's imported cells (and the home country's name, «PO Box»)."""
    if i >= len(cells):
        return False
    cell = str(cells[i] if cells[i] is not None else "").strip()
    if not cell:
        return False
    if empty and all(" ".join(re.sub(r"[^\w/]+", " ", normalise(part)).split()) in empty
                     for part in cell.split(":::")):
        return False
    copied = _COPY.fullmatch(cell)
    inner = copied.group(1).strip() if copied else cell
    if any(j < len(cells) and cells[j] and str(cells[j]).strip() in (cell, inner) for j in imported):
        return False
    if composed:
        words = set(_WORD.findall(normalise(" ".join(str(cells[j]) for j in imported if j < len(cells) and cells[j]))))
        return not set(_WORD.findall(normalise(cell))) <= words | _HOME_WORDS
    return True


_COPY = re.compile(r".*\(([^()@]+@[^()]+)\)\s*")  # «مهدی اکبری (mahdi@aria.ir)»: Outlook's display name


def read_vcf(path, progress: Progress | None = None):
    """The cards of a .vcf file, one at a time (progress: the lines read). UnreadableFile, as
    for a CSV file, when the file is no vCard at all (binary, or not one BEGIN:VCARD in it)."""
    from crm_desktop.phonebook.vcard import iter_cards

    data = read_bytes(path)
    check_vcard(path, data)
    return iter_cards(data, None if progress is None else lambda done, total: report(
        progress, done, total, TEXT_READING))


_BEGIN = re.compile(r"BEGIN[ \t]*:[ \t]*VCARD", re.I)
_BEGIN_BYTES = re.compile(_BEGIN.pattern.encode(), re.I)


def check_vcard(path, data: bytes) -> None:
    """Raise UnreadableFile («… پرونده مخاطبان (vCard، CSV یا اکسل xlsx) نیست.») unless ``data``
    is text with at least one BEGIN:VCARD (an empty file passes: it holds no contacts)."""
    head, encoding = decode(data[:65536])
    refuse_binary(path, data, head)
    if _BEGIN.search(head) or (len(data) <= 65536 and not head.lstrip("\ufeff").strip()):
        return
    found = _BEGIN.search(decode(data)[0]) if encoding == UTF16 else _BEGIN_BYTES.search(data)
    if not found:
        raise not_contacts(path)


def read_rows(path, fmt: str | None = None, mapping: dict[int, str] | None = None, *, header: bool | None = None,
              progress: Progress | None = None, limit: int | None = None,
              fields=()) -> tuple[list[ImportRow], Table | None]:
    """Every row of an import file (or the first ``limit``), and the table for CSV / XLSX.
    ``mapping`` None: suggested from the headers (and the names of the custom ``fields``)."""
    fmt = format_of(path, fmt)
    if fmt == VCF:
        cards = read_vcf(path, progress)
        if limit is not None:
            cards = islice(cards, limit)
        return rows_from_cards(cards, fields=fields), None
    table = read_table(path, fmt, header=header)
    if mapping is None:
        mapping = suggest_mapping(table.headers, fields)
    return rows_from_table(table, mapping, progress, limit, fields), table


def preview_file(path, fmt: str | None = None, mapping: dict[int, str] | None = None, n: int = 20,
                 header: bool | None = None, fields=()) -> list[ImportRow]:
    """``preview`` for any import file (a vCard has no mapping)."""
    return read_rows(path, fmt, mapping, header=header, limit=n, fields=fields)[0]
