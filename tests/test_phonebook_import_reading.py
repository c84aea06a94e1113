"""Import files as offices have them, written byte for byte: a title above the header row (CSV
in Windows-1256 with CRLF, an XLSX with the title merged over the columns), merged company cells,
a workbook without the .xlsx name, Excel's «؛» separator and hidden ``sep=`` line, a vCard saved
as .txt, a vCard 4.0 text birthday and a card with only a phone, Outlook's placeholder columns.
Each checks what the operator sees: the contacts stored, the summary's row numbers and Persian
reasons, the wizard's column mapping."""

import pytest

from crm_desktop.office import Office
from crm_desktop.phonebook.import_rows import read_rows
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.table import CSV, VCF, XLSX, format_of, read_table
from tests.ui_helpers import persian_app  # noqa: F401


def stored(db_path) -> list[tuple]:
    """(first name, last name, organisation, birthday, note, national phones) of each contact, as
    the phonebook gives them back."""
    office = Office(db_path)
    try:
        ids = [cid for (cid,) in office.conn.execute("SELECT id FROM contacts ORDER BY id")]
        contacts = [office.phonebook.get(cid) for cid in ids]
        return [(c.first_name, c.last_name, c.organisation, c.birthday, c.note, [p.national for p in c.phones])
                for c in contacts]
    finally:
        office.close()


def cp1256_csv(path, text: str):
    """``text`` (LF line ends) as Excel in Iran saves it: CRLF, Windows-1256, so Arabic ي and ك."""
    path.write_bytes(text.replace("\n", "\r\n").replace("ی", "ي").replace("ک", "ك").encode("cp1256"))
    return path


# --- 3. a workbook without the .xlsx name ------------------------------------------------------

@pytest.mark.parametrize("name", ["contacts", "telegram.xlsx.part", "renamed.csv"])
def test_a_workbook_is_read_by_its_bytes_whatever_its_name(tmp_path, db_path, name):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["نام", "موبایل"])
    wb.active.append(["مریم احمدی", "09121234567"])
    wb.save(tmp_path / "book.xlsx")
    path = tmp_path / name
    path.write_bytes((tmp_path / "book.xlsx").read_bytes())
    assert format_of(path) == XLSX
    summary = run_import(ImportArgs(path, db=db_path))
    assert summary.added == 1 and stored(db_path) == [("مریم", "احمدی", "", None, "", ["09121234567"])]


# --- 5. a vCard named .txt ---------------------------------------------------------------------

CARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:رضایی;علی;;;\r\nFN:علی رضایی\r\nTEL;TYPE=CELL:0912 123 4567\r\n"
        "END:VCARD\r\n")


def test_a_vcard_saved_as_txt_is_read_as_a_vcard(tmp_path, db_path):
    path = tmp_path / "iphone.txt"
    path.write_bytes(b"\xef\xbb\xbf\r\n" + CARD.encode("utf-8"))
    assert format_of(path) == VCF
    summary = run_import(ImportArgs(path, db=db_path))
    assert (summary.format, summary.added) == (VCF, 1)
    assert stored(db_path) == [("علی", "رضایی", "", None, "", ["09121234567"])]
    text = tmp_path / "list.txt"  # a table that mentions a vCard is still a table
    text.write_bytes("نام,یادداشت\r\nعلی,BEGIN:VCARD\r\n".encode("utf-8"))
    assert format_of(text) == CSV
