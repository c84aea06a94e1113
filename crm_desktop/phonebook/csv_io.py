"""CSV in and out.

In: UTF-8 with or without a BOM, UTF-16 (Excel's "Unicode text"), or Windows-1256 (what Excel
in Iran saves by default; its Arabic ي and ك become Persian ی and ک); the delimiter ``,`` ``;``
tab, ``|`` or the Arabic semicolon ``؛`` (a Persian Windows' list separator) is sniffed. Excel's
``sep=;`` first line is honoured and, as Excel hides it, not counted in the row numbers (it is
in the line numbers a broken quote is reported by, as a text editor shows them).

Out: UTF-8 with a BOM (so Excel shows Persian), CRLF, every cell quoted (a phone number stays
text), cells neutralised against formula injection (``table.neutralise``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from itertools import islice

from crm_desktop.core.digits import to_persian
from crm_desktop.phonebook.table import Table, UnreadableFile, make_table, neutralise, read_bytes, refuse_binary
from crm_desktop.phonebook.textfile import CP1256, decode, from_cp1256

DELIMITERS = (",", ";", "\t", "|", "؛")  # on a tie, the earlier wins
_LIMIT_MIB = 16  # the largest cell read
csv.field_size_limit(_LIMIT_MIB * 1024 * 1024)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of fields. A line
    the csv module cannot read (a cell over the size limit) ends the sample: ``read_csv`` then
    reports that row."""
    sample = "".join(islice(io.StringIO(text, newline=""), 50))
    best, best_score = ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        counts = []
        try:
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(row):
                    counts.append(len(row))
        except csv.Error:
            pass
        if not counts:
            continue
        width, agreeing = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (agreeing * 100 // len(counts), width, -DELIMITERS.index(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path, *, header: bool | None = None, encoding: str | None = None) -> Table:
    """The table in a CSV file. UnreadableFile for a file that is not text, a cell the csv module
    cannot hold, or a quote that is never closed (which would swallow the rows after it)."""
    data = read_bytes(path)
    text, used = decode(data, encoding)
    refuse_binary(path, data, text[:65536])
    text = text.lstrip("\ufeff")
    if used == CP1256:
        text = from_cp1256(text)
    first_line, _, rest = text.partition("\n")
    offset = 0  # the lines before the text read (Excel's hidden sep= line)
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        delimiter = first_line.strip()[4]
        text, offset = rest, 1
    else:
        delimiter = sniff_delimiter(text)
    handle = io.StringIO(text, newline="")
    reader = csv.reader(handle, delimiter=delimiter, strict=False)
    raw, numbers = [], []
    start = line = 0  # the next record: its first character, and the lines read before it
    last_start = last_line = 0
    try:
        for row in reader:
            raw.append(row)
            numbers.append(len(raw))
            end = handle.tell()
            if reader.line_num - line > 1:  # a quoted cell over several lines (Excel writes notes so)
                _check_quotes(path, text[start:end], delimiter, len(raw), line + 1 + offset)
            last_start, last_line = start, line
            start, line = end, reader.line_num
    except csv.Error as error:
        number = len(raw) + 1
        if "field larger than field limit" in str(error):
            raise UnreadableFile(path, f"row {number}: a cell is larger than {_LIMIT_MIB} MiB",
                                 f"ردیف {to_persian(number)} خانه‌ای بزرگ‌تر از {to_persian(_LIMIT_MIB)} مگابایت دارد؛ "
                                 "پرونده مخاطبان چنین خانه‌ای ندارد.") from error
        raise UnreadableFile(path, f"row {number}: {error}",
                             f"ردیف {to_persian(number)} خوانده نشد؛ پرونده CSV آسیب دیده است.") from error
    if raw and line - last_line == 1:  # a last record of one line: its quote may run to the end of the file
        _check_quotes(path, text[last_start:], delimiter, len(raw), line + offset)
    return make_table(raw, numbers, header, encoding=used, delimiter=delimiter)


def _check_quotes(path, record: str, delimiter: str, row: int, line: int) -> None:
    """UnreadableFile when a quoted cell of ``record`` (row ``row``, starting on line ``line``) is
    never closed, or is closed on a later line with more text after the quote: a stray quote
    that made the csv module read the following rows into one cell."""
    found = _stray_quote(record, delimiter)
    if found is None:
        return
    opened, closed = found
    at = line + len(_LINE_BREAK.findall(record, 0, opened))
    row_fa, at_fa = to_persian(row), to_persian(at)
    if closed < 0:
        en = f'the quote (") opened on line {at} is never closed, so every line after it would be read into one cell'
        fa = (f"علامت نقل‌قول (\") که در خط {at_fa} باز شده هرگز بسته نمی‌شود و همه سطرهای پس از آن "
              "در یک خانه خوانده می‌شوند")
    else:
        to = line + len(_LINE_BREAK.findall(record, 0, closed))
        en = (f'the quote (") opened on line {at} is closed only on line {to}, in the middle of a cell, so the '
              "lines between would be read into one cell")
        fa = (f"علامت نقل‌قول (\") که در خط {at_fa} باز شده در خط {to_persian(to)} وسط یک خانه بسته شده است "
              "و سطرهای میان این دو در یک خانه خوانده می‌شوند")
    raise UnreadableFile(path, f"row {row}: {en}; close the quote or remove it",
                         f"ردیف {row_fa}: {fa}؛ نقل‌قول را ببندید یا بردارید.")


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _stray_quote(record: str, delimiter: str) -> tuple[int, int] | None:
    """(where it opens, where it closes or -1) for a quoted cell in ``record`` (one CSV record,
    as the csv module split it) that is never closed, or that is closed on a later line than it
    opens with text after its closing quote; None when every quoted cell is sound. (A quote
    closed on its own line and followed by text, ``"a"b``, is read as the csv module reads it
    and is no error.)"""
    i, n = 0, len(record)
    while i < n:
        if record[i] == '"':  # a quoted cell
            opened, j = i, i + 1
            while True:
                j = record.find('"', j)
                if j < 0:
                    return opened, -1  # never closed
                if record.startswith('""', j):
                    j += 2  # a doubled quote inside the cell
                    continue
                break
            after = record[j + 1 : j + 2]
            if after not in ("", delimiter, "\r", "\n") and _LINE_BREAK.search(record, opened, j):
                return opened, j
            i = j + 1
        cut = record.find(delimiter, i)  # the rest of the cell (quotes in it are plain text)
        if cut < 0:
            return None
        i = cut + 1
    return None


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
