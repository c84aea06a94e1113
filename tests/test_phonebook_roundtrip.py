"""Export → import round trips as the operator makes them (``export contacts`` then ``import
contacts`` as real processes, into another book), and what a real XLSX holds, read from its XML:
formula-looking text kept as it is with Excel's quote-prefix style (no visible apostrophe), data
on a later sheet, day-first Jalali birthdays and dates with a time of day, custom fields named
like built-in headers, custom fields in vCards, group names holding «،» or «,»."""

import json
import zipfile
from contextlib import contextmanager
from xml.etree import ElementTree

import pytest

from crm_desktop.phonebook import model
from crm_desktop.phonebook.model import CustomField
from tests.conftest import run_cli

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@contextmanager
def book_at(path):
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import open_database

    conn = open_database(path)
    try:
        yield Phonebook(conn)
    finally:
        conn.close()


def cli(*args, db):
    done = run_cli(*args, db=db)
    assert done.returncode == 0, done.stderr
    return done


def export(db, path, fmt):
    cli("export", "contacts", "--format", fmt, "--out", path, db=db)
    return path


def import_json(db, path):
    return json.loads(cli("import", "contacts", path, "--json", db=db).stdout)


def stored(db):
    """{display name: (contact, its group names, {custom field name: value})} of a book."""
    with book_at(db) as book:
        groups = {g.id: g.name for g in book.groups()}
        names = {f.id: f.name for f in book.fields()}
        return {c.display_name: (c, sorted(groups[g] for g in c.group_ids), {names[k]: v for k, v in c.custom.items()})
                for c in book.iter_contacts()}


def xlsx_cells(path):
    """{(row, header): (text, quote prefix?, wrapped?, cell type)} of a workbook's first sheet,
    read from its XML (not through openpyxl), and whether the sheet has any formula."""
    with zipfile.ZipFile(path) as z:
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    xfs = styles.find(f"{MAIN}cellXfs").findall(f"{MAIN}xf")
    quote = [xf.get("quotePrefix") in ("1", "true") for xf in xfs]
    wrap = [(xf.find(f"{MAIN}alignment") is not None and xf.find(f"{MAIN}alignment").get("wrapText") in ("1", "true"))
            for xf in xfs]
    rows = []
    for row in sheet.iter(f"{MAIN}row"):
        cells = []
        for c in row.findall(f"{MAIN}c"):
            text = "".join(t.text or "" for t in c.iter(f"{MAIN}t"))
            style = int(c.get("s", "0"))
            cells.append((c.get("r"), text, quote[style], wrap[style], c.get("t")))
        rows.append(cells)
    column = lambda ref: "".join(ch for ch in ref if ch.isalpha())  # noqa: E731
    headers = {column(ref): text for ref, text, *_ in rows[0]}
    found = {}
    for number, cells in enumerate(rows[1:], start=2):
        for ref, text, quoted, wrapped, kind in cells:
            found[(number, headers[column(ref)])] = (text, quoted, wrapped, kind)
    has_formula = sheet.find(f".//{MAIN}f") is not None
    return [h for _, h in sorted(headers.items(), key=lambda kv: (len(kv[0]), kv[0]))], found, has_formula


# --- 1. XLSX: formula-looking text as it is, with Excel's quote prefix ----------------------------

def test_xlsx_writes_plus_and_equals_cells_as_they_are_with_the_quote_prefix_style(tmp_path):
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with book_at(source) as book:
        book.add(model.normalised(model.Contact(
            first_name="علی", last_name="@رضایی", manager='=HYPERLINK("http://x")', note="-1 سود",
            phones=[model.Phone("0912 123 4567"), model.Phone("+44 20 7946 0958", "other"),
                    model.Phone("1566", "other")])))
    path = export(source, tmp_path / "book.xlsx", "xlsx")
    headers, cells, has_formula = xlsx_cells(path)
    assert not has_formula
    phone, quoted, _, kind = cells[(2, "تلفن دیگر")]
    assert (phone, quoted, kind) == ("+44 20 7946 0958، 1566", True, "inlineStr")  # no apostrophe to see
    assert cells[(2, "مدیر")][:2] == ('=HYPERLINK("http://x")', True)
    assert cells[(2, "نام خانوادگی")][:2] == ("@رضایی", True)
    assert cells[(2, "یادداشت")][:2] == ("-1 سود", True)
    assert cells[(2, "تلفن همراه")][:2] == ("0912 123 4567", False)  # plain text needs no style
    assert not any(text.startswith("'") for text, *_ in cells.values())

    summary = import_json(target, path)
    assert (summary["added"], summary["rejected"]) == (1, 0)
    (contact, _, _), = stored(target).values()
    assert (contact.last_name, contact.manager, contact.note) == ("@رضایی", '=HYPERLINK("http://x")', "-1 سود")
    assert [(p.kind, p.national) for p in contact.phones] == [
        ("mobile", "09121234567"), ("other", "+442079460958"), ("other", "1566")]


def test_an_older_xlsx_export_with_apostrophes_still_imports_without_them(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "old.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["نام", "نام خانوادگی", "تلفن دیگر", "مدیر", "یادداشت"])
    ws.append(["علی", "'@رضایی", "'+442079460958", "'=SUM(A1)", "'-1 سود"])
    wb.save(path)
    import_json(tmp_path / "b.sqlite3", path)
    (contact, _, _), = stored(tmp_path / "b.sqlite3").values()
    assert (contact.last_name, contact.phones[0].national, contact.manager, contact.note) == (
        "@رضایی", "+442079460958", "=SUM(A1)", "-1 سود")


def test_csv_keeps_its_apostrophe_and_reads_it_back(tmp_path):
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with book_at(source) as book:
        book.add(model.normalised(model.Contact(first_name="علی", manager="=1+2",
                                                phones=[model.Phone("+44 20 7946 0958", "other")])))
    path = export(source, tmp_path / "book.csv", "csv")
    text = path.read_text(encoding="utf-8-sig")
    assert '"\'+44 20 7946 0958"' in text and '"\'=1+2"' in text  # CSV has no styles: neutralised
    import_json(target, path)
    (contact, _, _), = stored(target).values()
    assert (contact.manager, contact.phones[0].national) == ("=1+2", "+442079460958")


# --- 2. XLSX: the first sheet that holds data -----------------------------------------------------

def test_an_xlsx_whose_contacts_are_on_a_later_sheet_imports(tmp_path):
    from openpyxl import Workbook

    from crm_desktop.phonebook.table import read_table

    path = tmp_path / "accounting.xlsx"
    wb = Workbook()
    wb.active.title = "راهنما"
    wb.active["A1"] = "این کارپوشه را نرم‌افزار حسابداری ساخته است"
    wb.create_sheet("خالی")
    lists = wb.create_sheet("فهرست‌ها")  # a hidden sheet of lists (a template's drop-downs): not the contacts
    lists.append(["شهر"])
    lists.append(["تهران"])
    lists.sheet_state = "hidden"
    wb.move_sheet(lists, offset=-2)
    people = wb.create_sheet("مخاطبان")
    people.append(["نام", "نام خانوادگی", "موبایل"])
    people.append(["علی", "رضایی", "09121234567"])
    people.append(["سارا", "کریمی", "09351112233"])
    wb.save(path)
    assert wb.sheetnames == ["فهرست‌ها", "راهنما", "خالی", "مخاطبان"]

    table = read_table(path)
    assert table.sheet == "مخاطبان" and len(table.rows) == 2
    summary = import_json(tmp_path / "b.sqlite3", path)
    assert (summary["added"], summary["rejected"]) == (2, 0)
    assert sorted(stored(tmp_path / "b.sqlite3")) == ["سارا کریمی", "علی رضایی"]
    assert read_table(path, sheet="راهنما").rows == []  # a named sheet is still the one read


def test_an_xlsx_without_data_on_any_sheet_says_it_holds_no_contacts(tmp_path, db_path):
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    wb = Workbook()
    wb.active.append(["نام", "موبایل"])
    wb.create_sheet("دوم")
    wb.save(path)
    done = run_cli("import", "contacts", path, db=db_path)
    assert done.returncode == 1 and "holds no contacts" in done.stderr


# --- 3. birthdays ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("12/04/1365", "1986-07-03"),  # day first, as Iranians write a Jalali date
    ("۱۲/۰۴/۱۳۶۵", "1986-07-03"), ("12-04-1365", "1986-07-03"), ("1/1/1370", "1991-03-21"),
    ("1986-07-03 00:00:00", "1986-07-03"), ("1365/04/12 00:00", "1986-07-03"), ("۱۳۶۵/۰۴/۱۲ ۰۰:۰۰", "1986-07-03"),
    ("7/3/1986 12:00:00 AM", "1986-07-03"), ("1986-07-03T08:30:00+03:30", "1986-07-03"),
    ("1986-07-03 14:05", "1986-07-03"), ("0000-00-00 00:00:00", None), ("25/12/1979", "1979-12-25"),
])
def test_birthdays_day_first_jalali_and_with_a_time(text, expected):
    from crm_desktop.phonebook.import_values import parse_birthday

    assert parse_birthday(text) == expected


@pytest.mark.parametrize("text", ["1450/01/01", "01/01/1450", "2030-01-01", "2999-01-01 00:00:00"])
def test_a_birthday_after_today_is_refused_in_persian(text):
    from crm_desktop.errors import ValidationError
    from crm_desktop.phonebook.import_values import parse_birthday

    with pytest.raises(ValidationError) as caught:
        parse_birthday(text)
    assert caught.value.fa.startswith("تاریخ تولد") and "پس از امروز" in caught.value.fa


@pytest.mark.parametrize("text", ["04/25/1365", "1986-07-03 عصر", "1986-07-03 25"])
def test_what_is_still_not_a_birthday(text):
    from crm_desktop.errors import ValidationError
    from crm_desktop.phonebook.import_values import parse_birthday

    with pytest.raises(ValidationError):
        parse_birthday(text)


def test_a_csv_of_birthdays_from_excel_and_access_imports(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("نام,نام خانوادگی,تاریخ تولد\n"
                    "علی,رضایی,12/04/1365\n"
                    "سارا,کریمی,1986-07-03 00:00:00\n"
                    "مریم,احمدی,1365/04/12 00:00\n"
                    "نوزاد,آینده,1450/01/01\n", encoding="utf-8")
    summary = import_json(tmp_path / "b.sqlite3", path)
    assert (summary["added"], summary["rejected"]) == (3, 1)
    assert summary["entries"][0]["number"] == 5 and "پس از امروز" in summary["entries"][0]["reason"]
    assert {name: c.birthday for name, (c, _, _) in stored(tmp_path / "b.sqlite3").items()} == {
        "علی رضایی": "1986-07-03", "سارا کریمی": "1986-07-03", "مریم احمدی": "1986-07-03"}


# --- 4. custom fields named like built-in headers -------------------------------------------------

def test_a_header_named_like_a_custom_field_fills_it_unless_our_export_writes_it_for_a_built_in():
    from crm_desktop.phonebook.columns import custom_key, suggest_mapping

    fields = [CustomField("نام مدیر", id=7), CustomField("مدیر", id=8), CustomField("موبایل", id=9)]
    assert suggest_mapping(["نام", "نام خانوادگی", "مدیر", "نام مدیر", "مدیر (فیلد دلخواه)"], fields) == {
        0: "first_name", 1: "last_name", 2: "manager", 3: custom_key(7), 4: custom_key(8)}
    assert suggest_mapping(["نام", "موبایل", "تلفن همراه"], fields) == {0: "full_name", 1: custom_key(9), 2: "mobile"}
    assert suggest_mapping(["نام", "نام مدیر"]) == {0: "full_name", 1: "manager"}  # without the field: an alias


def legacy_field(book, name: str) -> int:
    """A text field as a book made before built-in names were refused may hold it («مدیر»)."""
    from crm_desktop.core.text import normalise

    position = book.conn.execute("SELECT coalesce(max(position), 0) + 1 FROM custom_fields").fetchone()[0]
    with book.conn:
        return book.conn.execute(
            "INSERT INTO custom_fields (name, name_key, kind, choices, show_in_table, position) "
            "VALUES (?, ?, 'text', '[]', 0, ?)", (name, normalise(name), position)).lastrowid


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_custom_fields_named_like_built_in_headers_survive_a_round_trip(tmp_path, fmt):
    from crm_desktop.phonebook.table import read_table

    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    names = ["نام مدیر", "مدیر", "نام", "شهر 2", "مدیر (فیلد دلخواه)"]  # «مدیر», «نام»: made before the rule
    with book_at(source) as book:
        ids = {name: legacy_field(book, name) for name in names}
        book.add(model.normalised(model.Contact(
            first_name="علی", last_name="رضایی", manager="سعید", phones=[model.Phone("09121234567")],
            custom={ids["نام مدیر"]: "رضا کریمی", ids["مدیر"]: "مهندس", ids["نام"]: "علی‌جان", ids["شهر 2"]: "کرج",
                    ids["مدیر (فیلد دلخواه)"]: "دوم"})))
    with book_at(target) as book:  # the same fields, made in another order (other ids)
        for name in reversed(names):
            legacy_field(book, name)
    path = export(source, tmp_path / f"book.{fmt}", fmt)
    headers = read_table(path).headers
    assert len(headers) == len(set(headers))  # never two columns with one header
    assert headers.count("مدیر") == 1 and "نام مدیر" in headers
    summary = import_json(target, path)
    assert (summary["added"], summary["ignored_columns"]) == (1, [])
    (contact, _, custom), = stored(target).values()
    assert (contact.first_name, contact.last_name, contact.manager) == ("علی", "رضایی", "سعید")
    assert custom == {"نام مدیر": "رضا کریمی", "مدیر": "مهندس", "نام": "علی‌جان", "شهر 2": "کرج",
                      "مدیر (فیلد دلخواه)": "دوم"}
    # «مدیر» is written marked; as «مدیر (فیلد دلخواه)» is a field's own name, with a number
    assert [h for h in headers if h.startswith(("مدیر", "نام", "شهر 2"))] == [
        "نام", "نام خانوادگی", "مدیر", "نام مدیر", "مدیر (فیلد دلخواه ۲)", "نام (فیلد دلخواه)", "شهر 2 (فیلد دلخواه)",
        "مدیر (فیلد دلخواه)"]


# --- 5. custom fields in vCards -------------------------------------------------------------------

LONG_NAME = "توضیح بسیار بلند درباره‌ی چگونگی آشنایی با این مشتری و سابقه‌ی کار"
VCARD_FIELDS = [("نام مدیر", "text", []), ("تاریخ عضویت", "date", []), ("شماره کفش", "number", []),
                ("سطح", "choice", ["طلایی", "نقره‌ای"]), (LONG_NAME, "text", []), ("کد; ویژه, «الف»", "text", [])]
VCARD_VALUES = {"نام مدیر": "رضا کریمی", "تاریخ عضویت": "2024-03-20", "شماره کفش": "42", "سطح": "نقره‌ای",
                LONG_NAME: "از طریق نمایشگاه ۱۴۰۲؛ معرفی آقای «احمدی», با ; و \\", "کد; ویژه, «الف»": "A-12"}


def vcard_books(tmp_path):
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with book_at(source) as book:
        ids = {name: book.add_field(CustomField(name, kind, choices)) for name, kind, choices in VCARD_FIELDS}
        book.add(model.normalised(model.Contact(first_name="علی", last_name="رضایی", manager="سعید",
                                                phones=[model.Phone("09121234567")],
                                                custom={ids[k]: v for k, v in VCARD_VALUES.items()})))
    with book_at(target) as book:
        for name, kind, choices in reversed(VCARD_FIELDS):
            book.add_field(CustomField(name, kind, choices))
    return source, target


def test_vcard_export_writes_every_custom_value_named_by_its_field(tmp_path):
    from crm_desktop.phonebook.vcard import read_cards
    from crm_desktop.phonebook.vcard_map import card_to_contact

    source, target = vcard_books(tmp_path)
    path = export(source, tmp_path / "book.vcf", "vcf")
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    assert "X-CRM-FIELD:نام مدیر;رضا کریمی\r\n" in unfolded
    assert "X-CRM-FIELD:کد\\; ویژه\\, «الف»;A-12\r\n" in unfolded
    assert "X-CRM-FIELD:شماره کفش;42\r\n" in unfolded
    (card,) = read_cards(raw)
    assert card.errors == []
    with book_at(target) as book:
        fields = book.fields()
        contact, _ = card_to_contact(card, fields)
        names = {f.id: f.name for f in fields}
    assert {names[k]: v for k, v in contact.custom.items()} == VCARD_VALUES
    assert contact.manager == "سعید"


def test_a_vcard_custom_value_its_field_cannot_take_makes_the_card_bad():
    from crm_desktop.errors import ValidationError
    from crm_desktop.phonebook.vcard import read_cards
    from crm_desktop.phonebook.vcard_map import card_custom_values, card_to_contact

    (card,) = read_cards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:علی\r\nX-CRM-FIELD:شماره کفش;چهل\r\n"
                         "X-CRM-FIELD;X-NAME=\"رنگ ^'سبز^'\":آبی\r\nX-CRM-FIELD:بی‌مقدار\r\nEND:VCARD\r\n")
    assert card_custom_values(card) == [("شماره کفش", "چهل"), ('رنگ "سبز"', "آبی")]
    assert card_to_contact(card)[0].custom == {}  # no fields: nothing to fill
    assert card_to_contact(card, [CustomField('رنگ "سبز"', id=3)])[0].custom == {3: "آبی"}
    with pytest.raises(ValidationError) as caught:
        card_to_contact(card, [CustomField("شماره کفش", "number", id=1)])
    assert "«شماره کفش» باید عدد باشد" in caught.value.fa


def test_vcard_round_trip_through_the_cli_keeps_custom_values(tmp_path):
    source, target = vcard_books(tmp_path)
    path = export(source, tmp_path / "book.vcf", "vcf")
    import_json(target, path)
    (contact, _, custom), = stored(target).values()
    assert custom == VCARD_VALUES


# --- 6. group names with «،», «,», «;», «؛» ------------------------------------------------------

@pytest.mark.parametrize("cell, expected", [
    ("مشتریان، همکاران", ["مشتریان", "همکاران"]),  # by hand or from another program: two groups
    ("مشتریان, همکاران;دوستان؛ خانواده", ["مشتریان", "همکاران", "دوستان", "خانواده"]),
    ("*starred ::: دوستان", ["دوستان"]),
    ("مشتریان، ویژه ::: * myContacts ::: Tehran, North", ["مشتریان، ویژه", "Tehran, North"]),  # Google: only :::
    ("«مشتریان، ویژه»", ["مشتریان، ویژه"]),  # our export's lone name with a separator
    ("«ویژه»", ["«ویژه»"]),  # guillemets around a plain name stay part of it
    ("مشتریان، ویژه\nهمکاران", ["مشتریان، ویژه", "همکاران"]),  # a line break: a name per line
    ("الف; ب\r\n\r\nهمکاران\nالف; ب", ["الف; ب", "همکاران"]),
])
def test_group_cells(cell, expected):
    from crm_desktop.phonebook.columns import group_cell, split_groups

    assert split_groups(cell) == expected
    assert split_groups(group_cell(expected)) == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_group_names_with_separators_survive_a_round_trip(tmp_path, fmt):
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with book_at(source) as book:
        special, staff, odd = (book.add_group(name) for name in ("مشتریان، ویژه", "همکاران", "الف; ب؛ ج, د"))
        for first, groups in (("علی", [special]), ("سارا", [special, staff]), ("مریم", [odd, staff]),
                              ("رضا", [odd]), ("نیما", [])):
            book.add(model.normalised(model.Contact(first_name=first, last_name="رضایی", group_ids=groups)))
    path = export(source, tmp_path / f"book.{fmt}", fmt)
    if fmt == "xlsx":
        _, cells, _ = xlsx_cells(path)
        by_name = {cells[(r, "نام")][0]: cells.get((r, "گروه‌ها")) for r in range(2, 7)}
        assert by_name["سارا"][0] == "مشتریان، ویژه\nهمکاران" and by_name["سارا"][2]  # one name a line, wrapped
        assert by_name["علی"][0] == "«مشتریان، ویژه»" and by_name["نیما"] is None
    summary = import_json(target, path)
    assert (summary["added"], summary["rejected"]) == (5, 0)
    assert {name: groups for name, (_, groups, _) in stored(target).items()} == {
        name: groups for name, (_, groups, _) in stored(source).items()}
    with book_at(target) as book:
        assert sorted(g.name for g in book.groups()) == sorted(["مشتریان، ویژه", "همکاران", "الف; ب؛ ج, د"])


def test_a_hand_written_group_list_still_means_several_groups(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("نام,نام خانوادگی,گروه‌ها\nعلی,رضایی,\"مشتریان، همکاران\"\n", encoding="utf-8")
    import_json(tmp_path / "b.sqlite3", path)
    (_, groups, _), = stored(tmp_path / "b.sqlite3").values()
    assert groups == sorted(["مشتریان", "همکاران"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_values_that_start_with_apostrophes_and_formula_marks_come_back_exactly(tmp_path, fmt):
    """The export neutralises «=SUM(A1)» as «'=SUM(A1)»; a last name that already was «'=SUM(A1)»
    came back as «=SUM(A1)», or with one apostrophe too many once the export doubled it and the
    readers still stripped one by their own rule (one table.unneutralise now)."""
    from crm_desktop.phonebook import model

    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    names = {"=SUM(A1)": "علی", "'=SUM(A1)": "رضا", "''+98": "مینا", "'plain": "سارا", "-": "نادر"}
    with book_at(source) as book:
        for last, first in names.items():
            book.add(model.Contact(first_name=first, last_name=last))
    with book_at(target):
        pass
    path = export(source, tmp_path / f"book.{fmt}", fmt)
    import_json(target, path)
    got = {c.first_name: c.last_name for c, _, _ in stored(target).values()}
    assert got == {first: last for last, first in names.items() if last != "-"} | {"نادر": ""}  # «-»: nothing
