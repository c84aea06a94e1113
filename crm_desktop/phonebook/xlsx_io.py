"""XLSX in and out, with openpyxl.

In: a named sheet, or else the first sheet that holds data rows (visible sheets before hidden
ones; a workbook whose first sheet is a cover page or a note still imports, and
``Table.sheet`` says which sheet was read); values as text: a number cell keeps its digits (a
phone saved as a number lost its leading 0: ``national_form`` gives it back), a date cell
becomes ISO. A merged cell holds its value in its top-left cell only; as Excel shows the value
over the whole range, every row of a range gets it (in the range's first column: «شرکت فولاد»
merged over two people's rows is the company of both), and a header merged across columns names
each of them. The file is read from its bytes, so a workbook without the .xlsx name (a
download's ``.part``, a file with no extension) is read too.

Out: a write-only workbook (100,000 rows in seconds), the sheet right-to-left, the header row
bold and frozen. A text cell is always an inline string, which Excel never evaluates; one that
starts like a formula (``= + - @``, a tab or CR: ``table.neutralise``'s marks) is also given a
cell style with ``quotePrefix="1"``, so that Excel keeps it text when the operator edits it and
shows the value itself (``+442079460958``), not CSV's visible apostrophe. Text that starts with
an apostrophe before such a mark («'=SUM(A1)») gets one more in the cell, as in CSV, since the
import takes one off (``table.unneutralise``). A multi-line text cell wraps. Phones are written
as text (they keep their leading 0); an int or float stays a number (the cheque book's amounts),
with a number format per column when asked.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from crm_desktop.core.text import quoted
from crm_desktop.phonebook.import_values import clean_cell
from crm_desktop.phonebook.table import XLSX, Table, UnreadableFile, make_table, neutralise, read_bytes

SHEET_TITLE = "مخاطبان"
_FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")  # what table.neutralise guards against


def read_xlsx(path, *, header: bool | None = None, sheet: str | None = None, progress=None) -> Table:
    """See ``table.read_table``."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    data = read_bytes(path)  # a missing or unreadable file: the same clear message as for CSV
    try:  # from the bytes: openpyxl refuses a file whose name does not end in .xlsx
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as error:
        raise UnreadableFile(path, f"not an Excel (.xlsx) workbook ({error})", "کارپوشه اکسل (xlsx) نیست یا آسیب دیده است.") from error
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise UnreadableFile(path, f"no sheet named {quoted(sheet)}", f"برگه‌ای به نام «{sheet}» ندارد.")
            return _sheet_table(workbook[sheet], header, progress)
        sheets = workbook.worksheets
        if not sheets:
            raise UnreadableFile(path, "the workbook has no sheet", "کارپوشه هیچ برگه‌ای ندارد.")
        ordered = [ws for ws in sheets if _visible(ws)] + [ws for ws in sheets if not _visible(ws)]
        first = None
        for ws in ordered:
            table = _sheet_table(ws, header, progress)
            if table.rows:
                return table
            first = first or table
        return first  # no sheet holds a data row: the first visible one (the importer says it holds no contacts)
    finally:
        workbook.close()


def _visible(ws) -> bool:
    return getattr(ws, "sheet_state", "visible") == "visible"


PROGRESS_ROWS = 2000  # rows read between two progress reports


def _sheet_table(ws, header: bool | None, progress=None) -> Table:
    raw = []  # raw[k]: row k + 1, as text
    total = (ws.max_row or 0) if progress is not None else 0  # the sheet's own dimension (may be missing)
    next_report = PROGRESS_ROWS
    rows, merged = _sheet_rows(ws)
    for number, row in rows:
        while len(raw) < number - 1:
            raw.append([])  # a row the sheet does not list: blank
        raw.append([clean_cell(v, unquote=False) for v in row])
        if progress is not None and number >= next_report:
            progress(number, max(total, number))
            next_report = number + PROGRESS_ROWS
    across = _fill_merged(raw, merged())
    return make_table(raw, range(1, len(raw) + 1), header, across, format=XLSX, sheet=ws.title)


def _sheet_rows(ws):
    """(the sheet's rows as (row number, values), a function that gives its merged ranges as
    (min row, min column, max row, max column), 1-based, once the rows are read). A read-only
    sheet does not keep its merged ranges, which its XML lists after the rows: the rows are read
    with openpyxl's own sheet parser, which collects them on the way (no second pass over the
    file). A sheet without that parser gives its rows and no ranges."""
    try:
        from openpyxl.worksheet._reader import WorkSheetParser

        book = ws.parent
        source = ws._get_source()
        parser = WorkSheetParser(source, ws._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    except (ImportError, AttributeError, TypeError):
        return enumerate(ws.iter_rows(values_only=True), start=1), lambda: ()

    def rows():
        with source:
            for number, cells in parser.parse():
                values = [None] * max((cell["column"] for cell in cells), default=0)
                for cell in cells:
                    values[cell["column"] - 1] = cell["value"]
                yield number, values

    def merged():
        found = parser.merged_cells
        return [(r.min_row, r.min_col, r.max_row, r.max_col) for r in found.mergeCell] if found else ()

    return rows(), merged


def _fill_merged(raw: list[list[str]], ranges) -> dict[int, list[tuple[int, int]]]:
    """Give every row of each merged range its top-left value, in the range's first column (a
    row of ``raw`` is the sheet row one above its index); returns the ranges' column spans by
    row, {row number: [(first, last column index)]}, for a header cell merged across columns."""
    across: dict[int, list[tuple[int, int]]] = {}
    for top, left, bottom, right in ranges:
        if top > len(raw):
            continue
        first = raw[top - 1]
        value = first[left - 1] if left <= len(first) else ""
        for number in range(top, min(bottom, len(raw)) + 1):
            if right > left:
                across.setdefault(number, []).append((left - 1, right - 1))
            if number == top or not value:
                continue
            row = raw[number - 1]
            if len(row) < left:
                row.extend([""] * (left - len(row)))
            if not row[left - 1]:
                row[left - 1] = value
    return across


def write_xlsx(path, headers, rows, widths=None, *, title: str = SHEET_TITLE, number_formats=None) -> int:
    """Write ``headers`` (bold, frozen) and ``rows`` into a right-to-left sheet named ``title``;
    returns the rows written. ``widths``: column widths in characters; ``number_formats``:
    {column index: Excel format} for the numbers in that column (e.g. ``"#,##0"``). Text that
    looks like a formula is written as it is, with Excel's quote-prefix style (module notes)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(title)
    ws.sheet_view.rightToLeft = True
    ws.freeze_panes = "A2"
    for index, width in enumerate(widths or [], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")

    def text_cell(text: str):
        """A text cell: a plain str when it needs no style (the fast path), else a WriteOnlyCell."""
        if text[:1] == "'":
            text = neutralise(text)  # «'=x» is written «''=x», as in CSV: the import takes one «'» off
        quote = text[:1] in _FORMULA_MARKS
        if not quote and "\n" not in text:
            return text
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # openpyxl would take a str starting with = for a formula
        if quote:
            cell.quotePrefix = True
        if "\n" in text:
            cell.alignment = wrap
        return cell

    header_cells = []
    for text in headers:
        text = "" if text is None else str(text)
        if text[:1] == "'":
            text = neutralise(text)
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"
        cell.quotePrefix = text[:1] in _FORMULA_MARKS
        cell.font, cell.alignment = bold, centre
        header_cells.append(cell)
    ws.append(header_cells)
    formats = dict(number_formats or {})

    def cell(index, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if index not in formats:
                return value
            number = WriteOnlyCell(ws, value=value)
            number.number_format = formats[index]
            return number
        text = "" if value is None else str(value)
        return text_cell(text) if text else None  # an empty cell is not written at all

    count = 0
    try:
        for row in rows:
            ws.append([cell(i, c) for i, c in enumerate(row)])
            count += 1
        workbook.save(Path(path))
    except BaseException:  # a cancel, or a file that cannot be written: close the sheet's temporary file
        _abandon(ws)
        raise
    return count


def _abandon(ws) -> None:
    """Close a write-only sheet's temporary file after a failure or a cancel (else openpyxl
    complains when the half-written sheet is garbage collected)."""
    try:
        ws.close()  # ends the row generator and closes the sheet's temporary file
        ws._writer.cleanup()  # and removes it
    except Exception:  # noqa: BLE001 - cleaning up after an error already being raised
        pass
