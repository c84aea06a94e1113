"""An import makes the custom fields its file's columns need: ``import contacts --new-fields`` as a
real process (its text and JSON summaries, a vCard's X-CRM-FIELD names), the kind guessed from
the values, names a field may not take never made, and a refused, cancelled or failed import
leaving no new field behind."""

import json

import pytest

from crm_desktop.errors import UserError
from crm_desktop.phonebook import import_fields
from crm_desktop.phonebook.import_fields import NEW_FIELD, guess_kind
from crm_desktop.phonebook.importer import ImportArgs, ImportCancelled, ImportRefused, NothingToImport, run_import
from crm_desktop.phonebook.model import Contact, CustomField, Phone, normalised
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.phonebook.table import read_table
from crm_desktop.storage.db import open_database
from tests.conftest import run_cli

CSV = """نام,نام خانوادگی,موبایل,نحوه آشنایی,تاریخ تولد همسر,امتیاز باشگاه,موبایل ۲,ستون خالی
مریم,احمدی,09121234567,معرفی دوستان,1365/04/12,۱۲۵۰,,
علی,رضایی,09127654321,تبلیغات,۱۳۷۰/۰۱/۰۱,-,09351112233,
سارا,کریمی,09351234567,-,-,2.5,,
"""


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def fields_of(db) -> dict[str, tuple[str, bool]]:
    conn = open_database(db)
    try:
        return {f.name: (f.kind, f.show_in_table) for f in Phonebook(conn).fields()}
    finally:
        conn.close()


def custom_by_name(db) -> dict[str, dict[str, str]]:
    """{display name: {field name: stored value}}."""
    conn = open_database(db)
    try:
        book = Phonebook(conn)
        names = {f.id: f.name for f in book.fields()}
        return {c.display_name: {names[k]: v for k, v in c.custom.items()} for c in book.iter_contacts()}
    finally:
        conn.close()


def ok(*args, db):
    done = run_cli(*args, db=db)
    assert done.returncode == 0, done.stderr
    return done


# --- the kind -------------------------------------------------------------------------------------

def test_the_kind_is_the_one_whose_check_takes_every_value():
    assert guess_kind(["1403/07/15", "۱۳۶۵/۰۴/۱۲", "1403-1-5", "2024-03-20"]) == "date"
    assert guess_kind(["1403/07/15", "14030715"]) == "text"  # a bare 14030715 may be a code: a date would show 1403/07/15
    assert guess_kind(["۱٬۲۵۰", "2.5", "-7", "0.5", "1,250,000"]) == "number"
    assert guess_kind(["1403/07/15", "tomorrow"]) == "text"
    assert guess_kind(["12", "1403/07/15"]) == "text"  # neither check takes both
    assert guess_kind(["0912", "12"]) == "text"  # a number field would drop the zero of «0912»
    assert guess_kind(["007"]) == "text" and guess_kind(["2,5"]) == "text"
    assert guess_kind(["1404/12/30"]) == "text"  # no such day: the date field would refuse the row
    assert guess_kind([]) == "text"


def test_a_jalali_date_written_with_dashes_in_a_date_field_is_the_jalali_day():
    """«1403-01-05» was read as the Gregorian year 1403 (an ISO date) by every date field."""
    from crm_desktop.phonebook.repo_groups import custom_value

    field = CustomField("تاریخ عضویت", "date")
    assert custom_value(field, "1403-01-05") == ("2024-03-24", "2024-03-24")
    assert custom_value(field, "2024-03-24")[0] == "2024-03-24"  # a stored (ISO) value stays itself
    assert custom_value(field, "1871-03-21")[0] == "1871-03-21"  # the oldest a Jalali 1250 is


# --- which columns may make one ---------------------------------------------------------------

def test_only_a_header_a_field_may_take_on_a_column_with_data_is_offered(tmp_path, conn):
    book = Phonebook(conn)
    book.add_field(CustomField("نام مدیر"))
    path = tmp_path / "x.csv"
    path.write_text("نام,موبایل ۲,کدملی,نام مدير,نحوه آشنایی,نحوه‌ آشنايي,خالی,شهر (فیلد دلخواه)\n"
                    "علی,09121234567,0012345678,رضا,دوست,همکار,,بالا\n", encoding="utf-8")
    table = read_table(path)
    # «موبایل ۲», «کدملی»: built-in; «نام مدير»: the book's «نام مدیر»; the second «نحوه آشنایی»:
    # the first one's name; «خالی»: no data; our export's «شهر (فیلد دلخواه)» makes «شهر»
    assert import_fields.offered(table, book.fields()) == {4: "نحوه آشنایی", 7: "شهر"}


def test_a_column_that_may_not_make_a_field_asked_by_mapping_is_a_clear_error(tmp_path, csv_file):
    db = tmp_path / "book.sqlite3"
    done = run_cli("import", "contacts", csv_file, "--mapping", json.dumps({"موبایل ۲": NEW_FIELD}), db=db)
    assert done.returncode == 2
    (line,) = [line for line in done.stderr.splitlines() if line.strip()]
    assert line == ("crm-desktop: error: column 'موبایل ۲' cannot become a new custom field: its name is the "
                    "phonebook's own field 'تلفن همراه': to import its values, map the column to that field")
    with pytest.raises(UserError) as raised:
        run_import(ImportArgs(csv_file, db=db, mapping={0: "first_name", 6: NEW_FIELD}))
    assert raised.value.fa == ("ستون «\u2068موبایل ۲\u2069» فیلد دلخواه تازه نمی‌شود: "
                               "«تلفن همراه» از فیلدهای خود دفتر تلفن است؛ برای وارد کردن مقدارهایش، "
                               "ستون را به «تلفن همراه» بدهید.")
    assert fields_of(db) == {}


# --- the command line -----------------------------------------------------------------------------

def test_new_fields_makes_a_field_for_each_column_with_data_that_fills_nothing(tmp_path, csv_file):
    db = tmp_path / "book.sqlite3"
    summary = json.loads(ok("import", "contacts", csv_file, "--new-fields", "--json", db=db).stdout)
    assert summary["added"] == 3 and summary["rejected"] == 0
    assert summary["created_fields"] == [{"name": "نحوه آشنایی", "kind": "text"},
                                         {"name": "تاریخ تولد همسر", "kind": "date"},
                                         {"name": "امتیاز باشگاه", "kind": "number"}]
    assert summary["ignored_columns"] == []  # «موبایل ۲» fills the phones, «ستون خالی» holds nothing
    assert fields_of(db) == {"نحوه آشنایی": ("text", True), "تاریخ تولد همسر": ("date", True),
                             "امتیاز باشگاه": ("number", True)}
    assert custom_by_name(db) == {
        "مریم احمدی": {"نحوه آشنایی": "معرفی دوستان", "تاریخ تولد همسر": "1986-07-03", "امتیاز باشگاه": "1250"},
        "علی رضایی": {"نحوه آشنایی": "تبلیغات", "تاریخ تولد همسر": "1991-03-21"},  # «-»: no number
        "سارا کریمی": {"نحوه آشنایی": "-", "امتیاز باشگاه": "2.5"},  # a text field keeps what was written
    }


def test_the_text_summary_says_which_fields_were_made(tmp_path, csv_file):
    db = tmp_path / "book.sqlite3"
    lines = ok("import", "contacts", csv_file, "--new-fields", db=db).stdout.splitlines()
    assert lines[1:4] == ["custom field 'نحوه آشنایی' (text) created", "custom field 'تاریخ تولد همسر' (date) created",
                          "custom field 'امتیاز باشگاه' (number) created"]
    assert not any("matches no field" in line for line in lines)
    conn = open_database(tmp_path / "other.sqlite3")
    try:
        summary = run_import(ImportArgs(csv_file, conn=conn, new_fields=True))
    finally:
        conn.close()
    assert summary.text().splitlines()[1:4] == ["فیلد دلخواه «\u2068نحوه آشنایی\u2069» (متن) ساخته شد.",
                                                "فیلد دلخواه «\u2068تاریخ تولد همسر\u2069» (تاریخ) ساخته شد.",
                                                "فیلد دلخواه «\u2068امتیاز باشگاه\u2069» (عدد) ساخته شد."]


def test_without_new_fields_nothing_changes(tmp_path, csv_file):
    db = tmp_path / "book.sqlite3"
    summary = json.loads(ok("import", "contacts", csv_file, "--json", db=db).stdout)
    assert summary["created_fields"] == []
    assert summary["ignored_columns"] == ["نحوه آشنایی", "تاریخ تولد همسر", "امتیاز باشگاه"]
    assert fields_of(db) == {}


def test_one_column_by_mapping_and_the_values_are_searched(tmp_path, csv_file):
    db = tmp_path / "book.sqlite3"
    mapping = {"نام": "first_name", "نام خانوادگی": "last_name", "موبایل": "mobile", "امتیاز باشگاه": NEW_FIELD}
    summary = json.loads(ok("import", "contacts", csv_file, "--mapping", json.dumps(mapping), "--json", db=db).stdout)
    assert summary["created_fields"] == [{"name": "امتیاز باشگاه", "kind": "number"}]
    assert "نحوه آشنایی" in summary["ignored_columns"] and "امتیاز باشگاه" not in summary["ignored_columns"]
    conn = open_database(db)
    try:
        found = Phonebook(conn).rows(SearchQuery("1250"), 0, 10)
    finally:
        conn.close()
    assert [r.display_name for r in found] == ["مریم احمدی"]


def test_a_vcards_custom_fields_the_book_lacks(tmp_path):
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:احمدی;مریم;;;\r\nTEL;TYPE=CELL:09121234567\r\n"
        "X-CRM-FIELD:نحوه آشنایی;معرفی دوستان\r\nX-CRM-FIELD:تاریخ عضویت;2024-03-20\r\n"
        "X-CRM-FIELD:موبایل ۲;09351112233\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:رضایی;علی;;;\r\nTEL;TYPE=CELL:09127654321\r\n"
        "X-CRM-FIELD:تاریخ عضویت;2023-01-01\r\nX-CRM-FIELD:امتیاز;12\r\nEND:VCARD\r\n", encoding="utf-8")
    plain = tmp_path / "plain.sqlite3"
    assert json.loads(ok("import", "contacts", path, "--json", db=plain).stdout)["created_fields"] == []
    assert fields_of(plain) == {}
    db = tmp_path / "book.sqlite3"
    summary = json.loads(ok("import", "contacts", path, "--new-fields", "--json", db=db).stdout)
    # «موبایل ۲» is a built-in field's name: no field, as before
    assert summary["created_fields"] == [{"name": "نحوه آشنایی", "kind": "text"},
                                         {"name": "تاریخ عضویت", "kind": "date"}, {"name": "امتیاز", "kind": "number"}]
    assert custom_by_name(db) == {"مریم احمدی": {"نحوه آشنایی": "معرفی دوستان", "تاریخ عضویت": "2024-03-20"},
                                  "علی رضایی": {"تاریخ عضویت": "2023-01-01", "امتیاز": "12"}}


def test_a_merged_contact_receives_the_new_fields_value(tmp_path, csv_file, conn):
    book = Phonebook(conn)
    saved = book.add(normalised(Contact(first_name="مریم", last_name="احمدی", phones=[Phone("09121234567")])))
    summary = run_import(ImportArgs(csv_file, conn=conn, duplicates="merge", new_fields=True))
    assert (summary.added, summary.merged) == (2, 1)
    names = {f.id: f.name for f in book.fields()}
    assert {names[k]: v for k, v in book.get(saved).custom.items()} == {
        "نحوه آشنایی": "معرفی دوستان", "تاریخ تولد همسر": "1986-07-03", "امتیاز باشگاه": "1250"}


# --- nothing half-made ------------------------------------------------------------------------------

def test_a_refused_import_makes_no_field(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("نام,موبایل,نحوه آشنایی\nمریم,09121234567,دوست\nعلی,0912,همکار\n", encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    done = run_cli("import", "contacts", path, "--new-fields", "--on-error", "refuse", db=db)
    assert done.returncode == 1 and "row 3:" in done.stderr
    nothing = tmp_path / "nothing.csv"
    nothing.write_text("نام,موبایل,نحوه آشنایی\nعلی,0912,همکار\n", encoding="utf-8")
    conn = open_database(db)
    try:
        with pytest.raises(NothingToImport):
            run_import(ImportArgs(nothing, conn=conn, new_fields=True))
        with pytest.raises(ImportRefused):
            run_import(ImportArgs(path, conn=conn, new_fields=True, on_error="refuse"))
        assert Phonebook(conn).fields() == []
    finally:
        conn.close()


@pytest.mark.parametrize("rows", [3, 600])  # one by one, and in bulk
def test_a_cancelled_or_failed_import_makes_no_field(tmp_path, conn, rows):
    path = tmp_path / "many.csv"
    path.write_text("نام,موبایل,نحوه آشنایی,تاریخ عضویت\n"
                    + "".join(f"نفر{i},0912{i:07d},دوست,1403/01/{i % 28 + 1:02d}\n" for i in range(rows)), encoding="utf-8")
    seen = []

    def cancel_while_adding(done, total, text):
        seen.append(text)
        return text != "افزودن مخاطبان…"

    with pytest.raises(ImportCancelled):
        run_import(ImportArgs(path, conn=conn, new_fields=True), cancel_while_adding)
    assert "افزودن مخاطبان…" in seen  # cancelled after the fields were made, in the transaction
    with pytest.raises(UserError):  # fails inside the transaction: the group is not there
        run_import(ImportArgs(path, conn=conn, new_fields=True, group_id=99))
    book = Phonebook(conn)
    assert book.fields() == [] and book.count(SearchQuery()) == 0
    summary = run_import(ImportArgs(path, conn=conn, new_fields=True))
    assert [(f.name, f.kind) for f in summary.created_fields] == [("نحوه آشنایی", "text"), ("تاریخ عضویت", "date")]
    assert summary.added == rows and [f.name for f in book.fields()] == ["نحوه آشنایی", "تاریخ عضویت"]
