"""CSV and XLSX files → a table, a suggested column mapping and a preview (no database)."""

import pytest

from crm_desktop.core.digits import to_latin
from crm_desktop.phonebook.columns import field_label, row_to_contact, suggest_mapping
from crm_desktop.phonebook.import_rows import preview, read_rows
from crm_desktop.phonebook.import_values import parse_birthday, split_phones
from crm_desktop.phonebook.table import looks_like_data, read_table

PERSIAN_SHEET = [
    ["نام", "نام خانوادگی", "موبایل", "تلفن", "ایمیل", "شرکت", "آدرس", "کد پستی", "کد ملی", "تاریخ تولد"],
    ["علی", "رضایی", "0912 123 4567", "021-88776655", "ali@example.com", "آرمان", "تهران، ولیعصر", "1969833111",
     "0499370899", "1365/04/12"],
    ["فاطمه", "کریمی", "۰۹۳۵۱۱۱۲۲۳۳", "", "", "", "", "", "", "--03-15"],
    ["", "", "", "", "", "", "", "", "", ""],
    ["کاوه", "موسوی", "0912123", "", "kaveh@", "", "", "", "", ""],
]


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "utf-16"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    table = read_table(write_csv(tmp_path / "a.csv", PERSIAN_SHEET, encoding))
    assert table.headers == PERSIAN_SHEET[0]  # no BOM left in the first header
    assert table.rows[0][:2] == ["علی", "رضایی"]
    assert table.numbers == [2, 3, 5]  # the blank row 4 is left out, the numbering is kept


def test_csv_in_windows_1256_from_excel(tmp_path):
    # Excel in Iran saves «CSV» as Windows-1256, which has no Persian ی: it writes Arabic ي.
    # Windows-1256 has no Persian digits either: the sheet was typed with Latin ones.
    rows = [[to_latin(cell).replace("ی", "ي") for cell in row] for row in PERSIAN_SHEET]
    table = read_table(write_csv(tmp_path / "excel.csv", rows, "cp1256"))
    assert table.encoding == "cp1256"
    assert table.headers[1] == "نام خانوادگی"  # back to Persian ی
    assert table.rows[0][:2] == ["علی", "رضایی"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, delimiter):
    table = read_table(write_csv(tmp_path / "a.csv", PERSIAN_SHEET, delimiter=delimiter))
    assert table.delimiter == delimiter
    assert len(table.headers) == 10 and table.rows[0][4] == "ali@example.com"


def test_excel_sep_line_is_honoured(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sep=;\r\nنام;موبایل\r\nعلی;09121234567\r\n", encoding="utf-8")
    table = read_table(path)
    # Excel hides the sep= line: the header is its row 1, «علی» its row 2
    assert table.headers == ["نام", "موبایل"] and table.rows == [["علی", "09121234567"]] and table.numbers == [2]


def test_file_without_header_row(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["علی رضایی", "09121234567"], ["سارا نوری", "09351234567"]])
    table = read_table(path)
    assert not table.has_header and table.headers == ["ستون ۱", "ستون ۲"] and len(table.rows) == 2
    assert looks_like_data(["علی", "0912 123 4567"]) and not looks_like_data(["نام", "موبایل"])


def test_persian_headers_are_recognised():
    mapping = suggest_mapping(PERSIAN_SHEET[0])
    assert [mapping.get(i) for i in range(10)] == [
        "first_name", "last_name", "mobile", "phone", "email", "organisation", "street", "postal_code",
        "national_code", "birthday"]
    assert suggest_mapping(["ردیف", "نام و نام خانوادگی", "همراه", "سمت", "کدپستی", "توضیحات"]) == {
        1: "full_name", 2: "mobile", 3: "job_title", 4: "postal_code", 5: "note"}
    assert suggest_mapping(["نام", "موبایل"]) == {0: "full_name", 1: "mobile"}  # «نام» alone is the whole name
    assert field_label("street#2") == "نشانی ۲" and field_label("") == "نادیده گرفته شود"


GOOGLE = ("First Name,Middle Name,Last Name,Name Prefix,Nickname,File As,Organization Name,Organization Title,"
          "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,"
          "Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
          "Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Website 1 - Value").split(",")
OUTLOOK = ("Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business City,"
           "Business State,Business Postal Code,Home Street,Home City,Business Fax,Business Phone,Home Phone,"
           "Mobile Phone,Other Phone,E-mail Address,E-mail 2 Address,Notes,Web Page,Birthday,Manager's Name,"
           "Categories").split(",")


def test_google_contacts_csv():
    mapping = suggest_mapping(GOOGLE)
    named = {GOOGLE[i]: f for i, f in mapping.items()}
    assert named["Phone 1 - Value"] == "phone#1" and named["Phone 1 - Label"] == "phone_type#1"
    assert named["Address 1 - City"] == "city#1" and "Address 1 - Formatted" not in named
    row = [""] * len(GOOGLE)
    values = {"First Name": "Sara", "Last Name": "Jafari", "Phone 1 - Label": "Mobile",
              "Phone 1 - Value": "+98 917 123 4567 ::: +98 917 123 4568", "Phone 2 - Label": "Work",
              "Phone 2 - Value": "071-36281234", "E-mail 1 - Value": "sara@example.com", "Labels": "* myContacts ::: Friends",
              "Address 1 - City": "شیراز", "Birthday": "--06-30", "Organization Name": "فارس"}
    for key, value in values.items():
        row[GOOGLE.index(key)] = value
    contact, groups = row_to_contact(row, mapping)
    assert [(p.kind, p.number) for p in contact.phones] == [
        ("mobile", "+98 917 123 4567"), ("mobile", "+98 917 123 4568"), ("work", "071-36281234")]
    assert groups == ["Friends"] and contact.birthday == "--06-30" and contact.addresses[0].city == "شیراز"


def test_outlook_csv_with_business_and_home_addresses():
    mapping = suggest_mapping(OUTLOOK)
    row = [""] * len(OUTLOOK)
    values = {"First Name": "Reza", "Last Name": "Karimi", "Company": "Pars", "Business Street": "Vanak Sq.",
              "Business City": "Tehran", "Home Street": "Niavaran", "Home City": "Tehran", "Mobile Phone": "09121234567",
              "Business Phone": "+98 21 8877 6655", "Business Fax": "021-88776656", "Birthday": "7/3/1986",
              "Manager's Name": "Dr. Nouri", "E-mail Address": "reza@pars.ir", "E-mail 2 Address": "reza@gmail.com"}
    for key, value in values.items():
        row[OUTLOOK.index(key)] = value
    contact, _ = row_to_contact(row, mapping)
    assert [(a.street, a.city) for a in contact.addresses] == [("Vanak Sq.", "Tehran"), ("Niavaran", "Tehran")]
    assert [(p.kind, p.number) for p in contact.phones] == [
        ("fax", "021-88776656"), ("work", "+98 21 8877 6655"), ("mobile", "09121234567")]
    assert contact.birthday == "1986-07-03" and contact.manager == "Dr. Nouri"
    assert contact.emails == ["reza@pars.ir", "reza@gmail.com"]


def test_preview_builds_contacts_or_reports_errors_by_row_number(tmp_path):
    table = read_table(write_csv(tmp_path / "a.csv", PERSIAN_SHEET, "utf-8-sig"))
    rows = preview(table, suggest_mapping(table.headers))
    assert [r.number for r in rows] == [2, 3, 5]
    ali, fatemeh, kaveh = rows
    assert ali.ok and ali.contact.birthday == "1986-07-03"  # Jalali 1365/04/12
    assert [(p.kind, p.national) for p in ali.contact.phones] == [("mobile", "09121234567"), ("other", "02188776655")]
    assert ali.contact.national_code == "0499370899" and ali.contact.addresses[0].postal_code == "1969833111"
    assert fatemeh.ok and fatemeh.contact.phones[0].national == "09351112233" and fatemeh.contact.birthday == "--03-15"
    assert not kaveh.ok and kaveh.place == "ردیف ۵" and "همراه" in kaveh.errors[0]
    assert len(preview(table, n=1)) == 1


def test_xlsx_numbers_dates_and_lost_leading_zeros(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["نام", "نام خانوادگی", "تلفن همراه", "کد ملی", "تاریخ تولد", "کد پستی"])
    ws.append(["مینا", "رحیمی", 9121234567, 499370899, datetime(1990, 3, 21), 1969833111])
    ws.append(["امید", "قاسمی", "09351234567", "0499370899", "1369/01/01", None])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    rows, table = read_rows(path)
    assert table.format == "xlsx" and table.numbers == [2, 3]
    mina, omid = (r.contact for r in rows)
    assert mina.phones[0].national == "09121234567"  # the number cell lost its 0
    assert mina.national_code == "0499370899" and mina.birthday == "1990-03-21"
    assert mina.addresses[0].postal_code == "1969833111"
    assert omid.birthday == "1990-03-21"  # Jalali 1369/01/01


def test_broken_xlsx_is_one_clear_error(tmp_path):
    from crm_desktop.phonebook.table import UnreadableFile

    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableFile) as caught:
        read_table(path)
    assert "xlsx" in caught.value.fa


@pytest.mark.parametrize("text, expected", [
    ("1986-07-03", "1986-07-03"), ("19860703", "1986-07-03"), ("1986-07-03T00:00:00Z", "1986-07-03"),
    ("--0703", "--07-03"), ("--07-03", "--07-03"), ("1604-07-03", "--07-03"), ("1365/04/12", "1986-07-03"),
    ("۱۳۶۵/۰۴/۱۲", "1986-07-03"), ("7/3/1986", "1986-07-03"), ("25/12/1979", "1979-12-25"), ("0/0/00", None),
    ("", None), ("--02-29", "--02-29"),
])
def test_birthday_formats(text, expected):
    assert parse_birthday(text) == expected


@pytest.mark.parametrize("text", ["1404/12/30", "2025-02-30", "--13-01", "tomorrow", "1370/13/01"])
def test_bad_birthdays_raise_a_persian_error(text):
    from crm_desktop.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        parse_birthday(text)
    assert caught.value.fa.startswith("تاریخ تولد")


@pytest.mark.parametrize("cell, expected", [
    ("0912 123 4567", [("0912 123 4567", "")]),
    ("09121234567، 09351234567", [("09121234567", ""), ("09351234567", "")]),
    ("0912 123 4567 ::: 021 8877 6655", [("0912 123 4567", ""), ("021 8877 6655", "")]),
    ("021 8877 6655 داخلی ۱۲", [("021 8877 6655", "12")]),
    ("02188776655,12", [("02188776655", "12")]),
    ("02188776655 - 09121234567", [("02188776655", ""), ("09121234567", "")]),  # two whole numbers
    ("09121234567\n09351234567", [("09121234567", ""), ("09351234567", "")]),
])
def test_cells_with_several_numbers(cell, expected):
    assert split_phones(cell) == expected


def test_an_extension_in_brackets_after_the_number_is_read_as_the_extension(tmp_path):
    """«021-4455 6677 (داخلی 12)», as many office lists write it: the number and extension 12."""
    from crm_desktop.phonebook.import_rows import read_rows

    path = tmp_path / "list.csv"
    path.write_text("نام,نام خانوادگی,تلفن محل کار\nعلی,رضایی,021-4455 6677 (داخلی 12)\n", encoding="utf-8")
    rows, _ = read_rows(path)
    assert [(p.kind, p.national, p.ext) for p in rows[0].contact.phones] == [("work", "02144556677", "12")]


@pytest.mark.parametrize("cells, width, title", [
    (["فهرست مشتریان 1403-01-10"], 3, True),
    (["شرکت آریا - تلفن 021-88776655"], 3, True),  # a number inside words: a letterhead
    (["فهرست مشتریان", "تاریخ گزارش:", "2024-03-29"], 3, True),  # a label and its value are one thing
    (["نام", "", "اطلاعات تماس", ""], 4, True),  # a group heading
    (["09121234567"], 3, False),  # a bare mobile, an e-mail: a contact's data
    (["علی رضایی", "info@aria.ir"], 3, False),
    (["علی", "رضایی", "تهران"], 4, False),  # three things: a contact's row
    (["علی رضایی", "تهران"], 2, False),  # as many things as the header has cells
])
def test_a_title_row_is_told_from_a_contact_row(cells, width, title):
    from crm_desktop.phonebook.table import title_like

    assert title_like(cells, width) is title
