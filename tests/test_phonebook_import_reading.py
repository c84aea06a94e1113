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


# --- 1. a title above the header row -----------------------------------------------------------

TITLED = ("فهرست مشتریان 1403;;;\n"
          ";;;\n"
          "نام;نام خانوادگی;تلفن همراه;شرکت\n"
          "مریم;احمدی;09121234567;پارس\n"
          "علی;رضایی;0912;آریا\n")


def test_a_title_line_above_the_csv_header_is_skipped_and_the_rows_keep_their_numbers(tmp_path, db_path):
    path = cp1256_csv(tmp_path / "title.csv", TITLED)
    assert path.read_bytes()[:4] == "فهرس".encode("cp1256") and b"\r\n;;;\r\n" in path.read_bytes()
    table = read_table(path)
    assert table.headers == ["نام", "نام خانوادگی", "تلفن همراه", "شرکت"] and table.header_number == 3
    assert table.numbers == [4, 5]
    summary = run_import(ImportArgs(path, db=db_path))
    assert (summary.added, summary.rejected, summary.ignored_columns) == (1, 1, [])
    assert stored(db_path) == [("مریم", "احمدی", "پارس", None, "", ["09121234567"])]
    # the title is neither imported nor rejected, and the summary says so; the bad row is the one
    # Excel shows as row 5
    title, line = summary.text().splitlines()[1:]
    assert title == "ردیف ۱ (عنوان: «\u2068فهرست مشتریان 1403\u2069») خوانده نشد."
    assert line.startswith("ردیف ۵: «علی رضایی» رد شد — تلفن همراه") and "شماره همراه درست نیست" in line
    assert [r["number"] for r in summary.to_json()["unread_rows"]] == [1]
    assert "row 1 (a title: " in summary.text_en()


def titled_workbook(path):
    """A sheet as offices make it: a title merged over A1:F1, row 2 empty, the headers in row 3
    (with a «ردیف» column), a blank row 6 and a bad mobile in row 7."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "فهرست مشتریان شرکت پارس - ۱۴۰۳"
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["ردیف", "نام", "نام خانوادگی", "تلفن همراه", "شرکت", "تاریخ تولد"])
    ws.append([1, "مریم", "احمدی", 9121234567, "پارس", "1365/04/12"])
    ws.append([2, "علی", "رضایی", "09127654321", "آریا", None])
    ws.append([])
    ws.append([3, "سارا", "کریمی", "0935", None, None])
    wb.save(path)
    return path


def test_a_title_merged_over_an_xlsx_header_is_skipped(tmp_path, db_path):
    path = titled_workbook(tmp_path / "title_row.xlsx")
    table = read_table(path)
    assert table.headers == ["ردیف", "نام", "نام خانوادگی", "تلفن همراه", "شرکت", "تاریخ تولد"]
    assert (table.header_number, table.numbers) == (3, [4, 5, 7])
    summary = run_import(ImportArgs(path, db=db_path))
    assert (summary.added, summary.rejected) == (2, 1)
    assert stored(db_path) == [("مریم", "احمدی", "پارس", "1986-07-03", "", ["09121234567"]),
                               ("علی", "رضایی", "آریا", None, "", ["09127654321"])]
    assert [(e.place, e.name) for e in summary.entries] == [("ردیف ۷", "سارا کریمی")]
    assert summary.ignored_columns == ["ردیف"]


def test_the_wizard_maps_the_columns_under_a_title(qtbot, tmp_path, persian_app):
    from crm_desktop.phonebook.views import import_wizard
    from crm_desktop.phonebook.views.import_wizard import ImportWizard

    office = Office(tmp_path / "office.sqlite3")
    try:
        wizard = ImportWizard(office, path=titled_workbook(tmp_path / "title_row.xlsx"))
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        assert wizard.currentId() == import_wizard.PAGE_MAPPING
        page = wizard.mapping_page
        assert [c.currentData() for c in page.combos] == ["", "first_name", "last_name", "mobile", "organisation",
                                                          "birthday"]
        assert [c.currentText() for c in page.combos] == ["نادیده گرفته شود", "نام", "نام خانوادگی", "تلفن همراه",
                                                          "سازمان / شرکت", "تاریخ تولد"]
        assert [page.preview.item(r, 0).text() for r in range(page.preview.rowCount())] == ["۴", "۵", "۷"]
        assert page.preview.item(0, 1).text() == "مریم احمدی"
        assert page.problems()[:2] == ["درست", "درست"] and page.problems()[2].startswith("تلفن همراه")
        wizard.next()
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
        assert (wizard.summary.added, wizard.summary.rejected) == (2, 1)
        assert [r[0] for r in wizard.summary_page.shown_rows()] == ["۷"]
    finally:
        office.close()


def test_files_without_a_header_row_and_our_own_export_still_read(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_bytes("علی رضایی,09121234567\r\nسارا نوری,09351234567\r\n".encode("utf-8"))
    table = read_table(plain)
    assert not table.has_header and table.numbers == [1, 2] and table.headers == ["ستون ۱", "ستون ۲"]
    own = tmp_path / "own.csv"
    own.write_bytes('\ufeff"نوع","نام","نام خانوادگی","تلفن همراه"\r\n"شخص","مریم","احمدی","09121234567"\r\n'
                    .encode("utf-8"))
    table = read_table(own)
    assert table.headers == ["نوع", "نام", "نام خانوادگی", "تلفن همراه"] and table.numbers == [2]
    # a group heading over the headers («اطلاعات تماس») is skipped too: the row below names more fields
    grouped = tmp_path / "grouped.csv"
    grouped.write_bytes("نام,,اطلاعات تماس,\r\nنام,نام خانوادگی,موبایل,ایمیل\r\nمریم,احمدی,09121234567,\r\n"
                        .encode("utf-8"))
    table = read_table(grouped)
    assert table.headers == ["نام", "نام خانوادگی", "موبایل", "ایمیل"] and table.numbers == [3]
    # --no-header: every row is data, the title too
    assert read_table(cp1256_csv(tmp_path / "t.csv", TITLED), header=False).numbers == [1, 3, 4, 5]


# --- 2. merged cells ---------------------------------------------------------------------------

def test_a_company_merged_over_two_rows_is_the_company_of_both(tmp_path, db_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["نام", "نام خانوادگی", "تلفن", None, "شرکت"])
    ws.merge_cells("C1:D1")  # «تلفن» over the mobile and the office line
    ws.append(["حسن", "نوری", "09121234567", "02188776655", "شرکت فولاد"])
    ws.append(["حسین", "نوری", "09121234568", None, None])
    ws.append(["کامران", "شریفی", "09120001111", None, "پارس"])
    ws.merge_cells("E2:E3")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.headers == ["نام", "نام خانوادگی", "تلفن", "تلفن", "شرکت"]
    assert [row[4] for row in table.rows] == ["شرکت فولاد", "شرکت فولاد", "پارس"]
    summary = run_import(ImportArgs(path, db=db_path))
    assert (summary.added, summary.rejected, summary.ignored_columns) == (3, 0, [])
    assert stored(db_path) == [("حسن", "نوری", "شرکت فولاد", None, "", ["09121234567", "02188776655"]),
                               ("حسین", "نوری", "شرکت فولاد", None, "", ["09121234568"]),
                               ("کامران", "شریفی", "پارس", None, "", ["09120001111"])]


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


# --- 4. Excel's separators ---------------------------------------------------------------------

def test_an_arabic_semicolon_separates_the_columns(tmp_path, db_path):
    path = cp1256_csv(tmp_path / "excel.csv", "نام؛نام خانوادگی؛تلفن همراه؛شرکت\n"
                                              "مریم؛احمدی؛09121234567؛پارس\n"
                                              "علی؛رضایی؛0912؛\n")
    assert "؛".encode("cp1256") == b"\xba" and path.read_bytes().count(b"\xba") == 9
    table = read_table(path)
    assert table.delimiter == "؛" and table.headers == ["نام", "نام خانوادگی", "تلفن همراه", "شرکت"]
    summary = run_import(ImportArgs(path, db=db_path))
    assert stored(db_path) == [("مریم", "احمدی", "پارس", None, "", ["09121234567"])]
    assert [(e.place, e.name) for e in summary.entries] == [("ردیف ۳", "علی رضایی")]
    # a comma file whose notes hold «؛» stays a comma file
    notes = tmp_path / "notes.csv"
    notes.write_bytes("نام,موبایل,یادداشت\r\nمریم,09121234567,الف؛ ب\r\nعلی,09121234568,ج؛ د\r\n".encode("utf-8"))
    assert read_table(notes).delimiter == "," and read_table(notes).rows[0][2] == "الف؛ ب"


def test_rows_after_excels_hidden_sep_line_are_numbered_as_excel_shows_them(tmp_path, db_path):
    path = cp1256_csv(tmp_path / "sep.csv", "sep=;\nنام;موبایل\nعلی;09121234567\nبد;0912\n")
    assert path.read_bytes().startswith(b"sep=;\r\n")
    summary = run_import(ImportArgs(path, db=db_path))
    assert summary.added == 1
    (line,) = summary.text().splitlines()[1:]
    assert line.startswith("ردیف ۳: «بد» رد شد — تلفن همراه") and "شماره همراه درست نیست" in line


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


# --- 6. vCard: a text birthday, a card with only a phone ---------------------------------------

def test_a_text_birthday_goes_to_the_note_and_a_nameless_card_is_named_by_its_phone(tmp_path, db_path):
    path = tmp_path / "phone.vcf"
    path.write_bytes((
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:کاوه\r\nTEL:09121234502\r\nBDAY;VALUE=text:circa 1360\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nFN:\r\nTEL;CELL:+98 935 111 2233\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:sara@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:نیما\r\nBDAY:circa 1360\r\nEND:VCARD\r\n").encode("utf-8"))
    summary = run_import(ImportArgs(path, db=db_path))
    assert (summary.added, summary.rejected) == (1, 3)
    assert stored(db_path) == [("کاوه", "", "", None, "تاریخ تولد: circa 1360", ["09121234502"])]
    lines = summary.text().splitlines()[1:]
    assert lines[0] == "خط ۷: «09351112233» رد شد — نام، نام خانوادگی یا نام سازمان را وارد کنید."
    assert lines[1] == "خط ۱۳: «sara@example.com» رد شد — نام، نام خانوادگی یا نام سازمان را وارد کنید."
    # a BDAY that says it is a date and is none still rejects its card, with the reason
    assert lines[2].startswith("خط ۱۷: «نیما» رد شد — تاریخ تولد: «")


def test_a_windows_1256_card_is_stored_with_persian_letters(tmp_path, db_path):
    """Windows-1256 has no Persian ی and ک: an old phone's card (quoted-printable, or raw bytes)
    holds the Arabic ي and ك, which would show with two dots under the ی. They come in Persian."""
    path = tmp_path / "old.vcf"
    qp = "".join(f"={b:02X}" for b in "احمدی;مریم".replace("ی", "ي").encode("cp1256"))
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=WINDOWS-1256;ENCODING=QUOTED-PRINTABLE:" + qp.encode()
                     + b"\r\nTEL;CELL:09121234567\r\nEND:VCARD\r\n"
                     + b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=windows-1256:" + "کاظمی;علی".replace("ی", "ي")
                     .replace("ک", "ك").encode("cp1256") + b"\r\nTEL;CELL:09121234568\r\nEND:VCARD\r\n")
    assert b"=ED" in path.read_bytes() and b"\xdf" in path.read_bytes()  # ي quoted, ك raw
    assert run_import(ImportArgs(path, db=db_path)).added == 2
    assert [(first, last) for first, last, *_ in stored(db_path)] == [("مریم", "احمدی"), ("علی", "کاظمی")]


# --- 7. Outlook's placeholder columns ----------------------------------------------------------

OUTLOOK = ('"First Name","Last Name","Mobile Phone","E-mail Address","E-mail Type","E-mail Display Name",'
           '"Business City","Business Country/Region","Anniversary","Gender","Priority","Private","Sensitivity",'
           '"Spouse"\r\n'
           '"مهدی","اکبری","+98 912 123 4567","mahdi@aria.ir","SMTP","مهدی اکبری (mahdi@aria.ir)","تهران","Iran",'
           '"0/0/00","Unspecified","Normal","False","Normal",""\r\n'
           '"Nasrin","Jafari","09357778899","","","","","","0/0/00","Unspecified","Normal","False","Normal",'
           '"Reza"\r\n')


def test_outlooks_placeholder_columns_are_not_listed_as_lost(tmp_path, db_path):
    path = tmp_path / "outlook.csv"
    path.write_bytes(OUTLOOK.encode("utf-8"))
    summary = run_import(ImportArgs(path, db=db_path))
    assert summary.added == 2
    assert summary.ignored_columns == ["Spouse"]  # the only column that holds something of the operator's
    assert summary.text().splitlines()[1:] == ["ستون «\u2068Spouse\u2069» به هیچ فیلدی نگاشته نشد و وارد نشد."]
    # the same columns with real values are named
    real = OUTLOOK.replace('"Unspecified","Normal","False","Normal",""', '"Female","High","True","Normal",""')
    real = real.replace('"Iran"', '"Germany"')
    path.write_bytes(real.encode("utf-8"))
    rows, table = read_rows(path)
    from crm_desktop.phonebook.columns import suggest_mapping
    from crm_desktop.phonebook.import_rows import ignored_columns

    assert ignored_columns(table, suggest_mapping(table.headers)) == [
        "Business Country/Region", "Gender", "Priority", "Private", "Spouse"]



GOOGLE_CSV = ("First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
              "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - Region,"
              "Address 1 - Postal Code,Address 1 - Country\r\n"
              'مریم,احمدی,* myContacts,* Home,maryam@example.com,Mobile,+98 912 123 4567,Home,'
              '"خیابان ولیعصر، پلاک ۱۲\nتهران، تهران ۱۹۶۹۸۳۳۱۱۱\nIran",خیابان ولیعصر، پلاک ۱۲,تهران,تهران,1969833111,Iran\r\n'
              "Sara,Jafari,* myContacts,Work ::: * Home,sara@example.com,,,Work,\"Shiraz\nIR\",,Shiraz,,,IR\r\n")


def test_googles_label_formatted_and_country_columns_are_not_listed_as_lost(tmp_path, db_path):
    path = tmp_path / "google.csv"
    path.write_bytes(GOOGLE_CSV.encode("utf-8"))
    summary = run_import(ImportArgs(path, db=db_path))
    assert (summary.added, summary.ignored_columns) == (2, [])
    assert summary.text().splitlines()[1:] == []
    # a label of the operator's own, a country abroad, an address line the parts do not hold: named
    real = (GOOGLE_CSV.replace("* Home,maryam", "حسابداری,maryam").replace(",Iran\r\n", ",Germany\r\n")
            .replace("پلاک ۱۲\nتهران،", "پلاک ۱۲، واحد ۳\nتهران،"))
    path.write_bytes(real.encode("utf-8"))
    rows, table = read_rows(path)
    from crm_desktop.phonebook.columns import suggest_mapping
    from crm_desktop.phonebook.import_rows import ignored_columns

    assert ignored_columns(table, suggest_mapping(table.headers)) == [
        "E-mail 1 - Label", "Address 1 - Formatted", "Address 1 - Country"]

# --- 8. which row is the header: a title is skipped and said, a contact row never -------------

def cli_summary(path, db_path, *extra):
    """``import contacts PATH --json`` as a real process: (exit code, the JSON summary or None, stderr)."""
    import json

    from tests.conftest import run_cli

    done = run_cli("import", "contacts", path, "--json", *extra, db=db_path)
    return done.returncode, (json.loads(done.stdout) if done.returncode == 0 else None), done.stderr


HEADERLESS = {  # the QA files: a cell that names a field («شرکت», the surname «مدیر») in a headerless file
    "h5.csv": "شخص,علی رضایی,تهران\nشخص,رضا کریمی,کرج\nشرکت,ایران خودرو,تهران\n"
              "شخص,سارا محمدی,شیراز,09121234567\nشخص,مینا نوری,تبریز,09351112233\n",
    "h1.csv": "رضا,کریمی,تهران\nمریم,مدیر,کرج\nعلی,رضایی,تهران,09121234567\nسارا,محمدی,شیراز,09351112233\n",
}


@pytest.mark.parametrize("name", sorted(HEADERLESS))
def test_a_headerless_file_loses_no_row_to_a_cell_that_names_a_field(tmp_path, db_path, name):
    path = tmp_path / name
    path.write_bytes(HEADERLESS[name].encode("utf-8"))
    table = read_table(path)
    # read as before the title rule: the first row is the header (no row named the fields), nothing skipped
    assert (table.header_number, table.skipped_rows) == (1, [])
    assert table.numbers == list(range(2, HEADERLESS[name].count("\n") + 1))
    code, summary, stderr = cli_summary(path, db_path)
    # no column is recognised: the file is refused as a whole, as before, rather than two rows imported
    assert code != 0 and "no contact could be read; row 2: a contact needs a name" in stderr
    assert stored(db_path) == []
    # the operator maps the columns and says there is no header row: every row comes in
    code, summary, _ = cli_summary(path, db_path, "--no-header", "--mapping",
                                   '{"0": "first_name", "1": "last_name", "2": "city", "3": "mobile"}')
    rows = HEADERLESS[name].count("\n")
    assert code == 0 and (summary["rows"], summary["added"], summary["rejected"]) == (rows, rows, 0)


def test_a_contact_row_that_names_two_fields_is_not_taken_for_the_header(tmp_path):
    """«شرکت» and «همراه» (a company called Hamrah) name two fields of three; the rows around it
    are contacts, so it is a contact too."""
    path = tmp_path / "hamrah.csv"
    path.write_bytes("شخص,علی رضایی,تهران,09121234567\r\nشرکت,همراه,تهران,\r\nشخص,سارا محمدی,شیراز,09351112233\r\n"
                     .encode("utf-8"))
    table = read_table(path)
    assert not table.has_header and table.numbers == [1, 2, 3] and table.skipped_rows == []
    sparse = tmp_path / "sparse.csv"  # a row of three names above it: not a title, so no header below it
    sparse.write_bytes("علی رضایی,مدیر,تهران\r\nشرکت,همراه,تهران\r\nسارا محمدی,,شیراز\r\n".encode("utf-8"))
    table = read_table(sparse)
    assert table.header_number == 1 and table.numbers == [2, 3] and table.skipped_rows == []


TITLES = {  # the title rows the header search was for, above «نام,نام خانوادگی,موبایل»
    "date.csv": "فهرست مشتریان 1403-01-10",
    "persian_date.csv": "فهرست مشتریان ۱۴۰۳/۰۱/۱۰",
    "letterhead.csv": "شرکت آریا - تلفن 021-88776655",
    "mail.csv": "شرکت آریا - info@aria.ir",
    "label.csv": "فهرست مشتریان,تاریخ گزارش:,1403/01/10",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_a_title_with_digits_or_an_email_is_skipped_and_said(tmp_path, db_path, name):
    path = tmp_path / name
    path.write_bytes(f"{TITLES[name]}\nنام,نام خانوادگی,موبایل\nعلی,رضایی,09121234567\nسارا,محمدی,0935\n"
                     .encode("utf-8"))
    table = read_table(path)
    assert table.headers == ["نام", "نام خانوادگی", "موبایل"] and table.numbers == [3, 4]
    (skipped,) = table.skipped_rows
    title = TITLES[name].replace(",", "، ").replace(":، ", ": ")  # cells joined as a sentence
    assert (skipped.number, skipped.kind, skipped.text) == (1, "title", title)
    assert skipped.message.startswith("ردیف ۱ (عنوان: «") and skipped.message.endswith("») خوانده نشد.")
    assert skipped.message_en == f"row 1 (a title: '{title}') was not read"
    code, summary, _ = cli_summary(path, db_path)
    assert code == 0 and (summary["rows"], summary["added"], summary["rejected"]) == (2, 1, 1)
    assert [(e["number"], e["name"]) for e in summary["entries"]] == [(4, "سارا محمدی")]
    assert stored(db_path) == [("علی", "رضایی", "", None, "", ["09121234567"])]


def test_an_xlsx_title_row_with_a_date_cell_is_skipped(tmp_path, db_path):
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    for row in (["فهرست مشتریان", "تاریخ گزارش:", datetime(2024, 3, 29)], ["نام", "نام خانوادگی", "موبایل"],
                ["علی", "رضایی", "09121234567"], ["سارا", "محمدی", "09351112233"]):
        wb.active.append(row)
    path = tmp_path / "d5.xlsx"
    wb.save(path)
    table = read_table(path)
    assert (table.header_number, table.numbers) == (2, [3, 4])
    assert [s.text for s in table.skipped_rows] == ["فهرست مشتریان، تاریخ گزارش: 2024-03-29"]
    # the date keeps its order inside the Persian sentence (isolated left to right)
    assert "\u20662024-03-29\u2069" in table.skipped_rows[0].message
    code, summary, _ = cli_summary(path, db_path)
    assert code == 0 and (summary["rows"], summary["added"], summary["rejected"]) == (2, 2, 0)
    assert [first for first, *_ in stored(db_path)] == ["علی", "سارا"]


def test_a_letterhead_of_a_name_phone_and_email_is_not_skipped(tmp_path):
    """Three cells, a bare phone and e-mail among them: a contact's row as much as a letterhead.
    It is not skipped; the file reads as without the title rule (its first row is data)."""
    path = tmp_path / "card.csv"
    path.write_bytes("شرکت آریا,021-88776655,info@aria.ir\nنام,نام خانوادگی,موبایل\nعلی,رضایی,09121234567\n"
                     .encode("utf-8"))
    table = read_table(path)
    assert not table.has_header and table.numbers == [1, 2, 3] and table.skipped_rows == []
    two = tmp_path / "two.csv"  # a name and a mobile above a two-column header: a contact, not a title
    two.write_bytes("علی رضایی,09121234567\nنام,موبایل\nسارا محمدی,09351112233\n".encode("utf-8"))
    assert read_table(two).skipped_rows == [] and read_table(two).numbers == [1, 2, 3]


def test_a_second_header_row_in_english_is_skipped_and_said(tmp_path, db_path):
    path = tmp_path / "two_headers.csv"
    path.write_bytes("نام,نام خانوادگی,تلفن\r\nName,Family,Phone\r\nعلی,رضایی,09121234567\r\n".encode("utf-8"))
    table = read_table(path)
    assert table.headers == ["نام", "نام خانوادگی", "تلفن"] and table.numbers == [3]
    (skipped,) = table.skipped_rows
    assert (skipped.number, skipped.kind, skipped.text) == (2, "second header", "Name, Family, Phone")
    assert skipped.message == "ردیف ۲ (سطر دوم سرستون‌ها: «\u2068Name, Family, Phone\u2069») خوانده نشد."
    code, summary, _ = cli_summary(path, db_path)
    assert code == 0 and (summary["rows"], summary["added"], summary["rejected"]) == (1, 1, 0)
    assert stored(db_path) == [("علی", "رضایی", "", None, "", ["09121234567"])]  # no contact «Name Family»
    # a title above both: both said, in file order
    titled = tmp_path / "titled.csv"
    titled.write_bytes("فهرست مشتریان\r\n" .encode("utf-8") + path.read_bytes())
    assert [(s.number, s.kind) for s in read_table(titled).skipped_rows] == [(1, "title"), (3, "second header")]


def test_a_first_contact_with_field_words_is_not_a_second_header(tmp_path):
    path = tmp_path / "kinds.csv"  # «شرکت» names the organisation, not the kind its column holds
    path.write_bytes("نوع,نام,شهر,موبایل\r\nشرکت,همراه,تهران,\r\nشخص,علی رضایی,تهران,09121234567\r\n".encode("utf-8"))
    table = read_table(path)
    assert table.numbers == [2, 3] and table.skipped_rows == []


# --- 9. a value that starts with an apostrophe before a formula mark ---------------------------

@pytest.mark.parametrize("value, written", [
    ("'=SUM(A1)", "''=SUM(A1)"), ("''=x", "'''=x"), ("'-1", "''-1"),  # one more apostrophe: given back exactly
    ("=SUM(A1)", "'=SUM(A1)"), ("+98 912 123 4567", "'+98 912 123 4567"), ("@کریمی", "'@کریمی"),  # as before
    ("'", "'"), ("''", "''"), ("'علی", "'علی"), ("O'Brien", "O'Brien"), ("علی", "علی"), ("", ""),
])
def test_neutralise_and_unneutralise_give_every_value_back(value, written):
    from crm_desktop.phonebook.table import neutralise, unneutralise

    assert neutralise(value) == written and unneutralise(written) == value


def test_our_csv_and_xlsx_write_an_apostrophe_before_a_formula_mark_so_that_it_reads_back(tmp_path):
    from openpyxl import load_workbook

    from crm_desktop.phonebook.csv_io import write_csv
    from crm_desktop.phonebook.table import unneutralise
    from crm_desktop.phonebook.xlsx_io import write_xlsx

    values = ["علی", "'=SUM(A1)", "=SUM(A1)", "'علی"]
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    write_csv(csv_path, ["نام", "نام خانوادگی", "سمت", "یادداشت"], [values])
    assert csv_path.read_bytes() == ('\ufeff"نام","نام خانوادگی","سمت","یادداشت"\r\n'
                                     '"علی","\'\'=SUM(A1)","\'=SUM(A1)","\'علی"\r\n').encode("utf-8")
    write_xlsx(xlsx_path, ["نام", "نام خانوادگی", "سمت", "یادداشت"], [values])
    ws = load_workbook(xlsx_path).active
    cells = [ws.cell(2, c) for c in range(1, 5)]
    # Excel shows «=SUM(A1)» itself (quote-prefix style, no apostrophe in the cell), as before
    assert [c.value for c in cells] == ["علی", "''=SUM(A1)", "=SUM(A1)", "'علی"]
    assert [c.quotePrefix for c in cells] == [False, False, True, False]
    for path in (csv_path, xlsx_path):
        (row,) = read_table(path).rows
        assert [unneutralise(cell) for cell in row] == values
