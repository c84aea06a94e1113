"""CSV in and out.

In: UTF-8 with or without a BOM, UTF-16 (Excel's "Unicode text"), or Windows-1256 (what Excel
in Iran saves by default; its Arabic ي and ك become Persian ی and ک); the delimiter ``,`` ``;``
tab or ``|`` is sniffed (Excel's ``sep=;`` first line is honoured).

Out: UTF-8 with a BOM (so Excel shows Persian), CRLF, every cell quoted (a phone number stays
text), cells neutralised against formula injection (``table.neutralise``).
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from crm_desktop.phonebook.table import Table, UnreadableFile, make_table, neutralise, read_bytes
from crm_desktop.phonebook.textfile import CP1256, decode

DELIMITERS = (",", ";", "\t", "|")
_ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
csv.field_size_limit(16 * 1024 * 1024)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of fields."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(row)]
        if not counts:
            continue
        width, agreeing = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (agreeing * 100 // len(counts), width, -DELIMITERS.index(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


# the first bytes of files people pick by mistake: PDF, PNG, JPEG, GIF, an old Word or Excel file
_NOT_TEXT = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")


def read_csv(path, *, header: bool | None = None, encoding: str | None = None) -> Table:
    data = read_bytes(path)
    text, used = decode(data, encoding)
    if data.startswith(_NOT_TEXT) or "\x00" in text[:65536]:  # no text file holds NUL characters
        raise UnreadableFile(path, "not a contacts file (vCard, CSV or Excel .xlsx)",
                             "پرونده مخاطبان (vCard، CSV یا اکسل xlsx) نیست.")
    text = text.lstrip("\ufeff")
    if used == CP1256:
        text = text.translate(_ARABIC_TO_PERSIAN)
    first_line, _, rest = text.partition("\n")
    offset = 0
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        delimiter = first_line.strip()[4]
        text, offset = rest, 1
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    raw, numbers = [], []
    try:
        for row in reader:
            raw.append(row)
            numbers.append(len(raw) + offset)
    except csv.Error as error:
        raise UnreadableFile(path, f"row {len(raw) + offset + 1}: {error}",
                             f"ردیف {len(raw) + offset + 1} خوانده نشد ({error}).") from error
    return make_table(raw, numbers, header, encoding=used, delimiter=delimiter)


def csv_writer(handle):
    """A writer for our CSV (open the file with ``newline=''`` and encoding ``utf-8-sig``)."""
    return csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def write_csv(path, headers, rows) -> int:
    """Write ``headers`` and ``rows`` (iterables of cell values); returns the rows written."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow([neutralise(h) for h in headers])
        for row in rows:
            writer.writerow([neutralise(c) for c in row])
            count += 1
    return count
