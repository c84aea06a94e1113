"""Reading a table column by column (import_columns) gives exactly the rows RowReader and
normalised give one at a time: the same contacts, the same errors, the same row numbers."""

import datetime

import pytest

from crm_desktop.phonebook.columns import suggest_mapping
from crm_desktop.phonebook.import_columns import rows_by_columns
from crm_desktop.phonebook.import_rows import rows_one_by_one
from crm_desktop.phonebook.model import CustomField
from crm_desktop.phonebook.table import CSV, XLSX, Table

HEADERS = ["نوع", "عنوان", "نام", "نام خانوادگی", "سازمان", "سمت", "تلفن همراه", "تلفن منزل", "تلفن محل کار",
           "دورنگار", "ایمیل", "ایمیل 2", "استان", "شهر", "نشانی", "کد پستی", "شهر 2", "نشانی 2", "کد پستی 2",
           "کد ملی", "تاریخ تولد", "وب‌سایت", "یادداشت", "گروه‌ها", "تعداد فرزند", "تاریخ استخدام", "رده"]

# every row is one way a cell can be written (good or bad); the columns as in HEADERS
ROWS = [
    ["شخص", "آقای", "علی", "رضایی", "آرمان", "مدیر", "0912 123 4567", "021 8877 6655", "", "", "ali@example.com",
     "", "تهران", "تهران", "ولیعصر", "1969833111", "", "", "", "0499370899", "1365/04/12", "www.a.ir", "یادداشت",
     "مشتریان، همکاران", "2", "1400/01/15", "طلایی"],
    ["", "", "  فاطمه ", "کریمی", "", "", "۰۹۳۵۱۱۱۲۲۳۳", "", "", "", "F@Example.COM; g@x.org", "h@y.ir", "", "", "", "",
     "اصفهان", "چهارباغ", "8134893574", "", "--03-15", "", "", "*starred ::: دوستان", "", "", ""],
    ["سازمان", "", "", "", "شرکت آلفا", "", "", "", "021 8877 6655 داخلی 12", "021-66554433", "", "", "", "", "",
     "", "", "", "", "10100387046", "", "", "", "", "", "", ""],
    ["", "", "", "", "بانک ملت", "", "0912 123 4567، 0935 111 2233", "", "+98 21 8877 6655, 12", "", "", "", "",
     "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["person", "", "کاوه", "موسوی", "", "", "0912123", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
     "", "", "", "", ""],
    ["", "", "مریم", "", "", "", "", "", "", "", "maryam@", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
     "", ""],
    ["", "", "", "", "", "", "09121234567", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
     "", ""],
    ["", "", "رضا", "", "", "", "", "", "", "", "", "", "", "", "", "1234567890", "", "", "", "1234567890", "", "",
     "", "", "", "", ""],
    ["", "", "سارا", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "1365/13/40", "", "", "",
     "دو", "", ""],
    ["", "", "پرستو", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
     "برنزی"],
    ["", "", "نیما", "", "", "", "'+98 912 555 6677", "'+98 21 2222 3333", "", "", "", "", "", "", "", "", "", "", "", "",
     "1986-07-03", "", "'@note", "", "", "1399/12/30", "نقره‌ای"],
    ["", "", "امید", "", "", "", "0098 912 555 6677", "88776655", "0912 555 6677 / 0912 555 6678", "1566", "", "", "",
     "", "", "", "", "", "", "", "7/3/1986", "", "", "گروه الف;گروه ب;گروه الف", "", "", "طلایی"],
    ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["شرکت", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["", "خانم", "زهرا", "احمدی", "", "", "+1 650 253 0000", "", "", "", "", "", "", "", "", "", "", "", "",
     "0499370899", "", "", "", "", "", "", ""],
    ["", "", "حسن", "", "", "", "0912 123 4567 ", "021  8877 6655", "", "", "", "", "", "", "", "", "", "", "", "",
     "", "", "", "", "۱۲٬۵۰۰", "", ""],
    ["", "", "حسین", "", "", "", "", "", "021-8877665", "021 2", "", "", "", "", "", "", "", "", "", "", "", "", "",
     "", "", "", ""],
]

FIELDS = [CustomField("تعداد فرزند", "number", id=1), CustomField("تاریخ استخدام", "date", id=2),
          CustomField("رده", "choice", ["طلایی", "نقره‌ای"], id=3)]


def both(table, fields=FIELDS):
    mapping = suggest_mapping(table.headers, fields)
    return rows_by_columns(table, mapping, fields=fields), rows_one_by_one(table, mapping, fields=fields)


def test_every_way_of_writing_a_cell_reads_the_same_by_columns():
    table = Table(HEADERS, [list(r) for r in ROWS], format=CSV)
    by_columns, one_by_one = both(table)
    assert by_columns is not None
    assert [r.number for r in by_columns] == [r.number for r in one_by_one] == list(range(2, 2 + len(ROWS)))
    for a, b in zip(by_columns, one_by_one):
        assert a == b
    # the rows hold good contacts and every kind of bad one, with the row reader's reasons
    assert [r.ok for r in by_columns] == [True, True, True, True, False, False, False, False, False, False, True,
                                          True, False, False, True, True, False]
    assert {e.split(":")[0] for r in by_columns for e in r.errors_en} == {
        "mobile '0912123'", "e-mail", "a contact needs a name", "national code", "تعداد فرزند", "رده",
        "work phone '021-8877665'"}
    alpha, bank, nima, omid, zahra = (by_columns[i].contact for i in (2, 3, 10, 11, 14))
    assert alpha.kind == "organisation" and alpha.national_code == "10100387046"
    assert [(p.national, p.kind, p.ext) for p in bank.phones] == [
        ("09121234567", "mobile", ""), ("09351112233", "mobile", ""), ("02188776655", "work", "12")]
    assert nima.note == "@note" and nima.phones[1].national == "02122223333" and nima.custom == {2: "2021-03-20", 3: "نقره‌ای"}
    assert by_columns[11].groups == ["گروه الف", "گروه ب"] and omid.custom == {3: "طلایی"}
    # a local or service number in a home or fax column is kept as «دیگر», as the form asks; the
    # work column's first number is the mobile's, kept once
    assert [(p.national, p.kind) for p in omid.phones] == [
        ("09125556677", "mobile"), ("88776655", "other"), ("09125556678", "work"), ("1566", "other")]
    assert zahra.phones[0].kind == "other" and zahra.phones[0].national == "+16502530000"


def test_typed_spreadsheet_cells_read_the_same_by_columns():
    rows = [list(r) for r in ROWS]
    rows[0][15] = 1969833111  # a postal code Excel keeps as a number
    rows[0][20] = datetime.datetime(1986, 7, 3)  # a date cell
    rows[0][24] = 2.0  # a whole number as a float
    rows[1][6] = 9351112233  # the leading 0 lost in Excel
    rows[2][19] = None  # an empty cell
    rows[3][22] = True
    table = Table(HEADERS, rows, format=XLSX)
    by_columns, one_by_one = both(table)
    assert by_columns == one_by_one
    assert by_columns[0].contact.birthday == "1986-07-03" and by_columns[0].contact.addresses[0].postal_code == "1969833111"


def test_a_book_without_the_custom_fields_reads_the_same():
    table = Table(HEADERS, [list(r) for r in ROWS], format=CSV)
    by_columns, one_by_one = both(table, fields=())
    assert by_columns == one_by_one


@pytest.mark.parametrize("headers", [
    ["نام و نام خانوادگی", "موبایل"],  # a full name is split into first and last
    ["Phone 1 - Type", "Phone 1 - Value", "نام"],  # a label column names the phone's kind
    ["نام", "نام", "موبایل"],  # two columns fill one text field
])
def test_mappings_it_does_not_read_are_left_to_the_row_reader(headers):
    table = Table(headers, [["علی رضایی" if "نام" in h else "09121234567" for h in headers]], format=CSV)
    assert rows_by_columns(table, suggest_mapping(table.headers)) is None


@pytest.mark.parametrize("fmt", [CSV, XLSX])
def test_the_office_demo_book_exported_reads_the_same_by_columns(conn, tmp_path, fmt):
    """A thousand demo contacts (custom fields, groups, two addresses, lists of phones) through
    our own export, read back both ways."""
    from crm_desktop.demo import steps
    from crm_desktop.phonebook.exporter import export_contacts
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.phonebook.table import read_table

    steps.fill_contacts_and_extras(conn, 1000, 11, None)
    path = tmp_path / f"book.{fmt}"
    export_contacts(conn, path=path)
    table = read_table(path)
    fields = Phonebook(conn).fields()
    by_columns, one_by_one = both(table, fields)
    assert len(by_columns) == 1000 and all(r.ok for r in by_columns)
    assert by_columns == one_by_one
    assert any(r.contact.custom for r in by_columns) and any(len(r.contact.addresses) == 2 for r in by_columns)
