"""Export: vCard 3.0 (escaped, folded, round trip), CSV (BOM, text phones, neutralised cells),
XLSX (right-to-left, bold header, text phones); all contacts, one group, or a search."""

import csv
import io
from pathlib import Path

import pytest

from crm_desktop.phonebook import model
from crm_desktop.phonebook.exporter import export_contacts, group_query
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.table import neutralise, read_table

DATA = Path(__file__).parent / "data" / "vcards"


@pytest.fixture
def book(conn):
    from crm_desktop.phonebook.repo import Phonebook

    return Phonebook(conn)


def rich_contacts(book):
    customers = book.add_group("مشتریان, ویژه", "#1f6f8b")
    staff = book.add_group("همکاران", "#4e9f3d")
    people = [
        model.Contact(
            title="دکتر", first_name="علی", last_name="رضایی", organisation="شرکت آرمان; شعبه ۲", job_title="مدیر",
            unit="فروش, بازاریابی", manager="=HYPERLINK(\"http://x\")", birthday="1986-07-03",
            national_code="0499370899", website="https://arman.ir", note="خط اول\nخط دوم، با ; و , و \\",
            phones=[model.Phone("0912 123 4567"), model.Phone("+98 21 8877 6655", "work", ext="12"),
                    model.Phone("۰۲۱۴۴۵۵۶۶۷۷", "fax"), model.Phone("+44 20 7946 0958", "other"),
                    model.Phone("1566", "other")],  # two «دیگر» in one cell: «+44…، 1566», two numbers again
            emails=["ali@arman.ir", "a.rezaei@gmail.com"],
            addresses=[model.Address("تهران", "تهران", "خیابان ولیعصر، پلاک ۱۲", "1969833111"),
                       model.Address("البرز", "کرج", "گوهردشت", "")],
            group_ids=[customers, staff]),
        model.Contact(kind="organisation", organisation="بانک ملت", unit="شعبه ونک",
                      phones=[model.Phone("021 8866 5544", "work")], note="-1 سود", group_ids=[customers]),
        model.Contact(first_name="سارا", last_name="@کریمی", birthday="--03-15", phones=[model.Phone("09351112233")]),
        model.Contact(first_name="نام‌بسیاربلند" * 8, last_name="خانواده", phones=[model.Phone("09191112233", "home")]),
    ]
    ids = [book.add(model.normalised(c)) for c in people]
    return ids, customers, staff


def comparable(contact):
    return (
        contact.kind, contact.title, contact.first_name, contact.last_name, contact.organisation, contact.job_title,
        contact.unit, contact.manager, contact.birthday, contact.national_code, contact.website, contact.note,
        [(p.kind, p.national, p.ext) for p in contact.phones], contact.emails,
        [(a.province, a.city, a.street, a.postal_code) for a in contact.addresses],
    )


def test_vcard_round_trip_gives_the_same_contacts(conn, book, tmp_path):
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import open_database

    rich_contacts(book)
    out = tmp_path / "all.vcf"
    result = export_contacts(book, None, out)
    assert result.count == 4 and result.format == "vcf"
    other = open_database(tmp_path / "other.sqlite3")
    try:
        summary = run_import(ImportArgs(out, conn=other))
        assert (summary.added, summary.rejected) == (4, 0)
        again = Phonebook(other)
        before = sorted(comparable(c) for c in book.iter_contacts())
        after = sorted(comparable(c) for c in again.iter_contacts())
        assert after == before
        groups = {g.name: g.count for g in again.groups()}
        assert groups == {"مشتریان, ویژه": 2, "همکاران": 1}
        # phones are written with Latin digits (every phone can dial them); the rest as typed
        fax = next(p for c in again.iter_contacts() for p in c.phones if p.kind == "fax")
        assert fax.number == "02144556677"
    finally:
        other.close()


def test_vcard_is_escaped_folded_utf8_crlf(conn, book, tmp_path):
    rich_contacts(book)
    out = tmp_path / "all.vcf"
    export_contacts(book, None, out)
    data = out.read_bytes()
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "VERSION:3.0" in lines
    unfolded = text.replace("\r\n ", "")
    assert "NOTE:خط اول\\nخط دوم، با \\; و \\, و \\\\" in unfolded
    assert "ORG:شرکت آرمان\\; شعبه ۲;فروش\\, بازاریابی" in unfolded
    assert "TEL;TYPE=WORK:+98 21 8877 6655,12" in unfolded
    assert "BDAY:--03-15" in unfolded
    assert "CATEGORIES:مشتریان\\, ویژه,همکاران" in unfolded
    assert "X-ABShowAs:COMPANY" in unfolded
    assert any(line.startswith(" ") for line in lines)  # the long name was folded


def test_csv_has_a_bom_text_phones_and_neutralised_cells(conn, book, tmp_path):
    rich_contacts(book)
    out = tmp_path / "all.csv"
    export_contacts(book, None, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:4] == ["نوع", "عنوان", "نام", "نام خانوادگی"]
    ali = dict(zip(header, next(r for r in rows if r[2] == "علی")))
    assert ali["تلفن همراه"] == "0912 123 4567"  # the leading 0 is there, as text
    assert ali["تلفن محل کار"] == "021 8877 6655 داخلی 12"
    assert ali["تلفن دیگر"] == "'+44 20 7946 0958، 1566"  # grouped as shown; a leading + is neutralised too
    assert ali["مدیر"] == "'=HYPERLINK(\"http://x\")"
    assert ali["تاریخ تولد"] == "1365/04/12"
    assert ali["نشانی 2"] == "گوهردشت" and ali["شهر 2"] == "کرج"
    assert ali["گروه‌ها"] == "مشتریان, ویژه\nهمکاران"  # a name per line: a name may hold «,» or «،»
    bank_groups = next(r for r in rows if r[4] == "بانک ملت")[header.index("گروه‌ها")]
    assert bank_groups == "«مشتریان, ویژه»"  # a lone name with a separator is one name in «»
    sara = dict(zip(header, next(r for r in rows if r[2] == "سارا")))
    assert sara["نام خانوادگی"] == "'@کریمی" and sara["تاریخ تولد"] == "25 اسفند"  # Jalali, as the form shows it
    bank = dict(zip(header, next(r for r in rows if r[4] == "بانک ملت")))
    assert bank["نوع"] == "سازمان" and bank["یادداشت"] == "'-1 سود"
    # every cell is quoted: Excel keeps 0912… as text
    assert '"0912 123 4567"' in data.decode("utf-8-sig")


def test_csv_export_imports_again(conn, book, tmp_path):
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import open_database

    rich_contacts(book)
    out = tmp_path / "all.csv"
    export_contacts(book, None, out)
    table = read_table(out)
    other = open_database(tmp_path / "other.sqlite3")
    try:
        summary = run_import(ImportArgs(out, conn=other))
        assert (summary.added, summary.rejected) == (4, 0), summary.text_en()
        before = sorted(comparable(c) for c in book.iter_contacts())
        after = sorted(comparable(c) for c in Phonebook(other).iter_contacts())
        assert after == before
    finally:
        other.close()
    assert len(table.rows) == 4


def test_xlsx_is_right_to_left_with_a_bold_header_and_text_phones(conn, book, tmp_path):
    from openpyxl import load_workbook

    rich_contacts(book)
    out = tmp_path / "all.xlsx"
    result = export_contacts(book, None, out, "xlsx")
    assert result.count == 4
    wb = load_workbook(out)
    ws = wb.active
    assert ws.sheet_view.rightToLeft is True
    assert ws["A1"].value == "نوع" and ws["A1"].font.b is True
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    column = header.index("تلفن همراه") + 1
    phones = [ws.cell(row=r, column=column) for r in range(2, ws.max_row + 1)]
    assert all(c.data_type == "s" for c in phones if c.value)
    assert "0912 123 4567" in [c.value for c in phones]
    manager = ws.cell(row=next(r for r in range(2, 6) if ws.cell(r, 3).value == "علی"), column=header.index("مدیر") + 1)
    # never a formula: text as it is, kept text by Excel's quote prefix (no apostrophe to see)
    assert manager.data_type == "s" and manager.value == '=HYPERLINK("http://x")' and manager.quotePrefix


def test_xlsx_export_imports_again(conn, book, tmp_path):
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import open_database

    rich_contacts(book)
    out = tmp_path / "all.xlsx"
    export_contacts(book, None, out)
    other = open_database(tmp_path / "other.sqlite3")
    try:
        summary = run_import(ImportArgs(out, conn=other))
        assert (summary.added, summary.rejected) == (4, 0), summary.text_en()
        assert sorted(comparable(c) for c in Phonebook(other).iter_contacts()) == sorted(
            comparable(c) for c in book.iter_contacts())
    finally:
        other.close()


def test_one_group_or_a_search(conn, book, tmp_path):
    ids, customers, staff = rich_contacts(book)
    out = tmp_path / "group.vcf"
    assert export_contacts(book, group_query(book, "همکاران"), out).count == 1
    assert export_contacts(book, group_query(book, "مشتریان, ویژه"), out).count == 2
    assert export_contacts(book, group_query(book, search="سارا"), out).count == 1
    assert "سارا" in out.read_text(encoding="utf-8")
    from crm_desktop.errors import UserError

    with pytest.raises(UserError):
        group_query(book, "نیست")


def test_an_office_is_read_through_its_own_connection(db_path, tmp_path):
    from crm_desktop.office import Office

    with Office(db_path) as office:
        from crm_desktop.phonebook.repo import Phonebook

        rich_contacts(Phonebook(office.conn))
        result = export_contacts(office, None, tmp_path / "x.csv", fmt="csv")
        assert result.count == 4


def test_a_cancelled_export_leaves_no_file(conn, book, tmp_path):
    rich_contacts(book)
    out = tmp_path / "all.xlsx"
    out.write_bytes(b"older export")

    class Stop(Exception):
        pass

    def progress(done, total, text):
        if done >= 1 or done == total:
            raise Stop()

    with pytest.raises(Stop):
        export_contacts(book, None, out, progress=progress)
    assert out.read_bytes() == b"older export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("value, expected", [
    ("=1+2", "'=1+2"), ("+98912", "'+98912"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("علی", "علی"), ("0912", "0912"), ("", ""), (None, ""),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_custom_fields_become_columns(conn, book, tmp_path):
    from crm_desktop.phonebook.model import CustomField

    since = book.add_field(CustomField("مشتری از", "date"))
    code = book.add_field(CustomField("کد اشتراک", "text"))
    book.add(model.normalised(model.Contact(first_name="علی", last_name="رضایی", phones=[model.Phone("09121234567")],
                                            custom={since: "2024-03-20", code: "=A1"})))
    out = tmp_path / "custom.csv"
    export_contacts(book, None, out)
    table = read_table(out)
    row = dict(zip(table.headers, table.rows[0]))
    assert row["مشتری از"] == "1403/01/01" and row["کد اشتراک"] == "'=A1"


def test_a_number_field_goes_into_xlsx_as_numbers_excel_can_add_up_and_comes_back(conn, book, tmp_path):
    from openpyxl import load_workbook

    from crm_desktop.phonebook.model import Contact, CustomField, normalised
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import open_database

    weight = book.add_field(CustomField("وزن", kind="number"))
    for first, value in (("علی", "2.5"), ("سارا", "-7"), ("نیما", "1200")):
        book.add(normalised(Contact(first_name=first, custom={weight: value})))
    out = tmp_path / "numbers.xlsx"
    export_contacts(book, None, out, "xlsx")
    ws = load_workbook(out).active
    column = [c.value for c in ws[1]].index("وزن") + 1
    cells = {ws.cell(r, 3).value: ws.cell(r, column) for r in range(2, ws.max_row + 1)}
    assert {name: (cell.data_type, cell.value) for name, cell in cells.items()} == {
        "علی": ("n", 2.5), "سارا": ("n", -7), "نیما": ("n", 1200)}
    other = open_database(tmp_path / "other.sqlite3")
    try:
        other_book = Phonebook(other)
        other_book.add_field(CustomField("وزن", kind="number"))
        run_import(ImportArgs(out, conn=other))
        field_id = other_book.fields()[0].id
        assert sorted(c.custom[field_id] for c in other_book.iter_contacts()) == ["-7", "1200", "2.5"]
    finally:
        other.close()
