"""What an import stores from the values real files hold: phones checked as the contact form
checks them (several numbers in one cell, a spreadsheet's «9.12E+09»), placeholders, Excel's
date serials, and what a merge keeps, adds and says. Every file is written here byte for byte
and imported through ``run_import`` or the command line."""

import json

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.phonebook import model
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.repo import Phonebook
from tests.conftest import run_cli

LRI, PDI = "\u2066", "\u2069"


@pytest.fixture
def book(conn):
    return Phonebook(conn)


def write(tmp_path, data: bytes, name="contacts.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def crlf(*lines: str, bom=True) -> bytes:
    """A CSV as Excel saves it («CSV UTF-8»): a BOM, CRLF after every line."""
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(line + "\r\n" for line in lines).encode("utf-8")


def imported(conn, path, **kwargs):
    return run_import(ImportArgs(path, conn=conn, **kwargs))


def stored(book):
    """{display name: [(kind, national, ext), …]} of every contact."""
    return {c.display_name: [(p.kind, p.national, p.ext) for p in c.phones] for c in book.iter_contacts()}


def reasons(summary):
    return {e.name: e.reason for e in summary.entries}


# --- 1. phones: the form's rule, several numbers in a cell -------------------------------------

PHONES = crlf(
    "نام,موبایل,تلفن محل کار,فکس",
    "علی,09121234567 - 09351112233,,",
    "رضا,09121234599,021-8877665,",
    "حسن,09121234588,66554433-4,",
    "نیما,09121234577,021 88776655 داخلی 12 و 13,",
    "کاوه,09121234566,0218877,",
    "پویا,09121234555,۲۱۸۸۷۷۶۶۵۵,9.12E+09",
    "سینا,09121234544,,1234567890123456",
    "مینا,09121234533,1566,021 4455 6677",
    bom=False,
)


def test_a_landline_the_form_refuses_is_refused_and_numbers_joined_by_dashes_are_several(conn, book, tmp_path):
    summary = imported(conn, write(tmp_path, PHONES))
    assert (summary.added, summary.rejected) == (4, 4)
    assert stored(book) == {
        "علی": [("mobile", "09121234567", ""), ("mobile", "09351112233", "")],
        # «66554433-4» is two lines of one office: the digits after the dash replace the last ones;
        # a local or service number in a work column is kept as «دیگر», as the form asks
        "حسن": [("mobile", "09121234588", ""), ("other", "66554433", ""), ("other", "66554434", "")],
        "نیما": [("mobile", "09121234577", ""), ("work", "02188776655", "12"), ("work", "02188776655", "13")],
        "مینا": [("mobile", "09121234533", ""), ("other", "1566", ""), ("fax", "02144556677", "")],
    }
    why = reasons(summary)
    assert why["رضا"] == f"تلفن محل کار «{LRI}۰۲۱-۸۸۷۷۶۶۵{PDI}»: شماره تلفن ثابت درست نیست؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید."
    assert why["کاوه"] == f"تلفن محل کار «{LRI}۰۲۱۸۸۷۷{PDI}»: شماره تلفن ثابت درست نیست؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید."
    assert why["پویا"] == ("دورنگار: برنامهٔ صفحه‌گسترده (اکسل) شماره را به «\u20689.12E+09\u2069» تبدیل کرده و "
                           "رقم‌هایش از دست رفته است؛ ستون را «متن» (Text) قالب‌بندی کنید و شماره را دوباره بنویسید.")
    assert why["سینا"].startswith(f"دورنگار «{LRI}۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶{PDI}»: ")


MULTI = crlf(
    "نام و نام خانوادگی,موبایل,تلفن",
    "آقای علی رضایی,09121234567 - 09351112233,",
    "خانم مریم احمدی,09121234568 و 09351112234,",
    "مهندس کاوه,۰۹۱۲۱۲۳۴۵۶۱ ، ۰۹۳۵۱۱۱۲۲۳۱,۸۸۷۷۶۶۵۵-۸۸۷۷۶۶۵۶",
    "نیما,+98 912 123 4562,021 88776655 - 021 88776656",
    "سید رضا موسوی,0912-123-4560 / 0935-111-2230,021-8877-6655",
)


def test_two_numbers_in_one_cell_are_two_phones(conn, book, tmp_path):
    summary = imported(conn, write(tmp_path, MULTI))
    assert (summary.added, summary.rejected) == (5, 0)
    phones = {name: [national for _, national, _ in found] for name, found in stored(book).items()}
    assert phones == {
        "آقای علی رضایی": ["09121234567", "09351112233"],
        "خانم مریم احمدی": ["09121234568", "09351112234"],
        "مهندس کاوه": ["09121234561", "09351112231", "88776655", "88776656"],
        "نیما": ["09121234562", "02188776655", "02188776656"],
        "سید رضا موسوی": ["09121234560", "09351112230", "02188776655"],  # dashes inside one number
    }


@pytest.mark.parametrize("number, kind", [
    ("021-8877665", "work"), ("0218877", "home"), ("1234567890123456", "fax"), ("9.12E+09", "fax"),
    ("9.12E+09", "mobile"), ("0912 123", "mobile"), ("12", "other"), ("021 8877 6655", "work"),
    ("+44 20 7946 0958", "work"), ("110", "other"), ("88776655", "other"), ("0912 123 4567", "home"),
])
def test_the_import_refuses_a_number_exactly_when_the_form_does(conn, book, tmp_path, number, kind):
    """One rule (model.checked_phone, which the form's check_typed_phone is to call): a number
    the import stores in a column of a kind is one the form takes for that kind, and the other
    way round."""
    header = {"mobile": "موبایل", "home": "تلفن منزل", "work": "تلفن محل کار", "fax": "فکس", "other": "تلفن دیگر"}[kind]
    try:
        form = model.checked_phone(number, kind)
    except ValidationError:
        form = None
    summary = imported(conn, write(tmp_path, crlf(f"نام,{header}", "مریم,", f"علی,{number}")))
    assert summary.rejected == (form is None)
    assert [(p.kind, p.national) for c in book.iter_contacts() for p in c.phones] == (
        [] if form is None else [(kind, form)])


def test_a_number_in_scientific_notation_is_refused_by_the_form_too():
    with pytest.raises(ValidationError) as caught:
        model.checked_phone("9.12E+09", "other")
    assert "«\u20689.12E+09\u2069» تبدیل کرده و رقم‌هایش از دست رفته است" in caught.value.fa
    assert "scientific notation" in caught.value.message


def test_a_card_with_a_work_number_the_form_refuses_is_rejected(conn, book, tmp_path):
    data = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:رضا کاظمی\r\nN:کاظمی;رضا;;;\r\nTEL;TYPE=CELL:09121234599\r\n"
            "TEL;TYPE=WORK:021-8877665\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:مینا\r\nN:;مینا;;;\r\nTEL;TYPE=WORK:1566\r\nEND:VCARD\r\n").encode()
    summary = imported(conn, write(tmp_path, data, "phone.vcf"))
    assert (summary.added, summary.rejected) == (1, 1)
    assert reasons(summary)["رضا کاظمی"] == (
        f"تلفن محل کار «{LRI}۰۲۱-۸۸۷۷۶۶۵{PDI}»: شماره تلفن ثابت درست نیست؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید.")
    assert stored(book) == {"مینا": [("other", "1566", "")]}


# --- 7. one number once per contact ------------------------------------------------------------

def test_the_same_number_written_twice_is_stored_once(conn, book, tmp_path):
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:علی رضایی\r\nN:رضایی;علی;;;\r\nTEL;CELL:0912 765 4321\r\n"
            "TEL;CELL:09127654321\r\nTEL;WORK:021 8877 6655 داخلی 12\r\nTEL;WORK:02188776655,12\r\n"
            "TEL;WORK:021 8877 6655\r\nEND:VCARD\r\n").encode()
    imported(conn, write(tmp_path, card, "ali.vcf"))
    sheet = crlf("نام,موبایل,تلفن,موبایل 2,تلفن منزل",
                 "سارا,09351112233,+98 935 111 2233,۰۹۳۵۱۱۱۲۲۳۳,021 4455 6677",
                 "نیما,09121110000,0912 111 0000,09121110000 - 09121110000,")
    imported(conn, write(tmp_path, sheet))
    assert stored(book) == {
        "علی رضایی": [("mobile", "09127654321", ""), ("work", "02188776655", "12"), ("work", "02188776655", "")],
        "سارا": [("mobile", "09351112233", ""), ("home", "02144556677", "")],
        "نیما": [("mobile", "09121110000", "")],
    }


# --- 2. a placeholder is an empty cell -----------------------------------------------------------

def test_a_dash_or_a_word_for_nothing_in_an_optional_field_is_an_empty_cell(conn, book, tmp_path):
    book.add_field(model.CustomField("تعداد فرزند", "number"))
    data = crlf(
        "نام,موبایل,ایمیل,کد ملی,کد پستی,تلفن منزل,تاریخ تولد,وب‌سایت,تعداد فرزند",
        "a1,09121234561,-,,,,,,",
        "a2,09121234562,,-,,,,,",
        "a3,09121234563,,,-,,,,",
        "a4,09121234564,,,,-,,,",
        "a5,09121234565,,,,,---,,",
        "a6,09121234566,,,,0,0,,",
        "a7,09121234567,,,—,,,—,",
        "a8,09121234568,ندارد,---,.,/,…,N/A,-",
        "a9,09121234569,nan,؟,–,,-,none,0",
        bom=False,
    )
    summary = imported(conn, write(tmp_path, data))
    assert (summary.added, summary.rejected) == (9, 0), summary.text()
    for c in book.iter_contacts():
        assert (c.emails, c.national_code, c.addresses, c.birthday, c.website) == ([], "", [], None, ""), c
        assert [p.national for p in c.phones] == [f"0912123456{c.first_name[1]}"]
    assert {c.first_name: c.custom for c in book.iter_contacts()}["a9"] == {1: "0"}  # a number field's 0 is a value


def test_a_placeholder_is_empty_in_the_row_by_row_reader_too(conn, book, tmp_path):
    """A full-name column makes the import read row by row: the same placeholders are empty."""
    data = crlf("نام و نام خانوادگی,موبایل,ایمیل,کد ملی,کد پستی", "علی رضایی,09121234567,-,-,-",
                "سارا کریمی,09351234567,ندارد,---,…")
    summary = imported(conn, write(tmp_path, data))
    assert (summary.added, summary.rejected) == (2, 0)
    assert [(c.display_name, c.emails, c.national_code, c.addresses) for c in book.iter_contacts()] == [
        ("علی رضایی", [], "", []), ("سارا کریمی", [], "", [])]


# --- 3. Excel's date serials, a day and a month by name with a year ------------------------------

def test_an_excel_date_serial_and_a_named_month_with_a_year_are_birthdays(conn, book, tmp_path):
    data = crlf("نام,موبایل,تاریخ تولد", "علی,09121234561,31596", "رضا,09121234562,۳۱۵۹۶",
                "مریم,09121234563,۱۲ تیر ۱۳۶۵", "سارا,09121234564,12 تیر ماه 1365", "نیما,09121234565,3 ژوئیه 1986",
                "کاوه,09121234566,7751", "مینا,09121234567,7750", "حسن,09121234568,1986", "پویا,09121234569,60000",
                "سینا,09121234570,12 تیر 1986")
    summary = imported(conn, write(tmp_path, data))
    assert {c.first_name: c.birthday for c in book.iter_contacts()} == {
        "علی": "1986-07-03", "رضا": "1986-07-03", "مریم": "1986-07-03", "سارا": "1986-07-03",
        "نیما": "1986-07-03", "کاوه": "1921-03-21"}  # 7751, 1300/01/01: the first day count read as one
    why = reasons(summary)
    assert why["مینا"] == ("تاریخ تولد: «\u2066۷۷۵۰\u2069» تاریخ نیست؛ مانند ۱۳۶۵/۰۴/۱۲، ۱۲ تیر یا "
                           "\u20681986-07-03\u2069 بنویسید.")
    assert why["حسن"].startswith("تاریخ تولد: «\u2066۱۹۸۶\u2069» تاریخ نیست")  # a year alone is no day
    assert why["پویا"] == "تاریخ تولد: «\u2066۶۰۰۰۰\u2069» پس از امروز است؛ تاریخ تولد نمی‌تواند در آینده باشد."
    assert why["سینا"].startswith("تاریخ تولد: «\u2068۱۲ تیر ۱۹۸۶\u2069» تاریخ نیست")  # a Jalali month, no Jalali year


def test_a_general_format_date_cell_of_a_spreadsheet_is_its_day(conn, book, tmp_path):
    from openpyxl import Workbook

    sheet = Workbook()
    page = sheet.active
    page.append(["نام", "تلفن همراه", "تاریخ تولد"])
    page.append(["علی", "09121234567", 31596])  # a date cell Excel shows as a number in General format
    page.append(["رضا", "09121234568", 31596.75])
    path = tmp_path / "people.xlsx"
    sheet.save(path)
    summary = imported(conn, path)
    assert (summary.added, summary.rejected) == (2, 0)
    assert [c.birthday for c in book.iter_contacts()] == ["1986-07-03", "1986-07-03"]


# --- 4, 5, 6. what a merge adds, keeps and says ----------------------------------------------------

def snapshot(conn):
    """Every contact row as stored (what «changes nothing» means)."""
    return [conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("contacts", "contact_phones", "contact_emails", "contact_addresses",
                          "contact_group_members", "contact_custom_values")]


def test_an_address_or_a_note_written_in_other_digits_or_letters_is_not_added_again(conn, book, tmp_path):
    first = crlf("نام,موبایل,استان,شهر,نشانی,یادداشت",
                 'علی,09121234567,تهران,تهران,"خیابان آزادی، پلاک ۱۲","مشتری قدیمی\r\nبدهی ندارد"')
    again = crlf("نام,موبایل,استان,شهر,نشانی,یادداشت",
                 'علي,09121234567,تهران,تهران,"خيابان آزادی پلاک 12","مشتري قديمي\nبدهي ندارد"',
                 "علی,09121234567,,تهران,,",  # only a part the saved address has
                 "علی,09121234567,,اصفهان,خیابان چهارباغ,")  # a new one
    imported(conn, write(tmp_path, first, "first.csv"))
    summary = imported(conn, write(tmp_path, again, "again.csv"), duplicates="merge")
    (ali,) = book.iter_contacts()
    assert ali.note == "مشتری قدیمی\nبدهی ندارد"  # CRLF in the cell is stored as a line break
    assert [(a.province, a.city, a.street) for a in ali.addresses] == [
        ("تهران", "تهران", "خیابان آزادی، پلاک ۱۲"), ("", "اصفهان", "خیابان چهارباغ")]
    assert [(e.number, e.outcome) for e in summary.entries] == [(2, "skipped"), (3, "skipped"), (4, "merged")]
    assert summary.entries[0].reason == (
        f"شماره همراه {LRI}۰۹۱۲ ۱۲۳ ۴۵۶۷{PDI} از پیش برای «علی» ثبت است و چیز تازه‌ای نداشت")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_importing_our_own_export_again_with_merge_changes_nothing(conn, book, tmp_path, fmt):
    from crm_desktop.phonebook.exporter import export_contacts

    field_id = book.add_field(model.CustomField("رده", "choice", ["طلایی", "نقره‌ای"]))
    data = crlf("نام,نام خانوادگی,موبایل,تلفن محل کار,ایمیل,نشانی,کد پستی,تاریخ تولد,یادداشت,گروه‌ها,رده",
                'سارا,کریمی,09351112233,021 8877 6655 داخلی 12,sara@x.ir,"پلاک ۱۲، طبقه ۲",1969833111,'
                '۱۲ تیر,"تماس گرفت\r\nپیگیری شود",مشتریان،همکاران,طلایی',
                "شرکت آلفا,,,021 4455 6677,,,,,,,")
    imported(conn, write(tmp_path, data))
    before = snapshot(conn)
    out = tmp_path / f"all.{fmt}"
    export_contacts(conn, None, out)
    summary = imported(conn, out, duplicates="merge")
    assert (summary.added, summary.merged, summary.rejected) == (0, 0, 0), summary.text()
    assert all(e.reason.endswith("ثبت است و چیز تازه‌ای نداشت") for e in summary.entries), summary.text()
    assert snapshot(conn) == before
    assert book.get(1).note == "تماس گرفت\nپیگیری شود" and book.get(1).custom == {field_id: "طلایی"}


DUP = crlf("نام,نام خانوادگی,موبایل,تلفن منزل,ایمیل,سمت,تاریخ تولد",
           "سارا,کریمی,09351112233,021 2233 4455,,کارشناس,1370/05/05")
DUP_AGAIN = crlf("نام,نام خانوادگی,موبایل,تلفن منزل,ایمیل,سمت,تاریخ تولد",
                 "سارا,کریمی,+98 935 111 2233,,sara@x.ir,مدیر فروش,1365/01/01",
                 "سارا,کريمی,09351112233,,,,--07-27")  # a day without a year: the saved one's


def test_a_merge_keeps_the_saved_values_says_which_differed_and_notes_the_files_once(conn, book, tmp_path):
    imported(conn, write(tmp_path, DUP, "first.csv"))
    summary = imported(conn, write(tmp_path, DUP_AGAIN, "again.csv"), duplicates="merge")
    sara = book.get(1)
    assert (sara.job_title, sara.birthday, sara.emails) == ("کارشناس", "1991-07-27", ["sara@x.ir"])
    assert sara.note == "از ادغام با «سارا کریمی»: سمت: مدیر فروش؛ تاریخ تولد: ۱۳۶۵/۰۱/۰۱"
    said = f"شماره همراه {LRI}۰۹۳۵ ۱۱۱ ۲۲۳۳{PDI} از پیش برای «سارا کریمی» ثبت است؛ "
    assert [(e.outcome, e.reason) for e in summary.entries] == [
        ("merged", said + "اطلاعات تازه به آن افزوده شد؛ سمت و تاریخ تولد فرق داشت و مقدار ثبت‌شده ماند؛ "
                          "مقدار پرونده در یادداشت آن آمد"),
        ("skipped", said[:-2] + " و چیز تازه‌ای نداشت")]
    assert summary.entries[0].reason_en == (
        "mobile 09351112233 is already saved for 'سارا کریمی'; the new details were added to it; the file's job "
        "title and birthday differed and the saved value was kept (the file's went into its note)")

    again = imported(conn, write(tmp_path, DUP_AGAIN, "again.csv"), duplicates="merge")  # the same file twice
    assert book.get(1).note == sara.note
    assert [(e.outcome, e.reason) for e in again.entries] == [
        ("skipped", said + "سمت و تاریخ تولد فرق داشت و مقدار ثبت‌شده ماند"),
        ("skipped", said[:-2] + " و چیز تازه‌ای نداشت")]


# --- 8. how the messages read ---------------------------------------------------------------------

def test_a_refused_file_reads_as_one_sentence(conn, tmp_path):
    from crm_desktop.phonebook.importer import ImportRefused

    data = crlf("نام,موبایل,تلفن محل کار,ایمیل", "علی,09121234567,021 8877 6655,", "رضا,09121234568,021-8877665,",
                "سارا,09121234569,,sara@")
    with pytest.raises(ImportRefused) as caught:
        imported(conn, write(tmp_path, data), on_error="refuse")
    assert caught.value.fa == (f"ردیف ۳: تلفن محل کار «{LRI}۰۲۱-۸۸۷۷۶۶۵{PDI}»: شماره تلفن ثابت درست نیست؛ مانند "
                               "۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید (۲ ردیف ایراد دارد)؛ هیچ مخاطبی وارد نشد.")
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0


def test_a_card_with_several_faults_lists_them_in_one_sentence(conn, tmp_path):
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:علی\r\nTEL;CELL:0912\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:رضا\r\nN:;رضا;;;\r\nTEL;CELL:09121234567\r\nEND:VCARD\r\n").encode()
    summary = imported(conn, write(tmp_path, cards, "two.vcf"))
    for entry in summary.entries:
        assert ".؛" not in entry.reason and entry.reason.endswith(".")


def test_the_command_line_names_fields_in_english(db_path, tmp_path):
    path = write(tmp_path, crlf("نام,موبایل,کد ملی,تاریخ تولد,ایمیل,تلفن منزل",
                                "علی,09121234567,0499370890,,,", "رضا,09121234568,,31 مهر 1365,,",
                                "سارا,09121234569,,1365/13/40,,", "نیما,09121234570,,,nima@,",
                                "کاوه,09121234571,,,,0218877", "مینا,09121234572,,,,"))
    done = run_cli("import", "contacts", path, db=db_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "row 2: rejected: national code: the check digit is wrong (علی)" in lines
    assert "row 3: rejected: birthday: '31 مهر 1365': Mehr 1365 has only 30 days (رضا)" in lines
    assert "row 4: rejected: birthday: '1365/13/40': month must be between 1 and 12 (سارا)" in lines
    assert any(line.startswith("row 5: rejected: e-mail: not an e-mail address") for line in lines)
    assert "row 6: rejected: home phone '0218877': not a landline number; write it like 021 8877 6655 (کاوه)" in lines
    summary = json.loads(run_cli("import", "contacts", path, "--json", db=tmp_path / "other.sqlite3").stdout)
    assert summary["entries"][0]["reason"] == "کد ملی: رقم کنترل درست نیست؛ کد ملی را دوباره بررسی کنید."


def test_a_title_at_the_start_of_a_whole_name_goes_into_the_title(conn, book, tmp_path):
    """«آقای علی رضایی» in one name column was first name «آقای علی»: the form, the card and
    the Persian order then read «آقای» as part of the name. vCard's FN alone is split the same way."""
    summary = imported(conn, write(tmp_path, crlf("نام و نام خانوادگی,موبایل", "آقای علی رضایی,09121234567",
                                                   "سرکار خانم مریم احمدی,09121234568", "خانم کریمی,09121234569",
                                                   "دکتر,09121234560")))
    assert summary.added == 4
    got = sorted((c.title, c.first_name, c.last_name) for c in book.iter_contacts())
    assert got == [("", "دکتر", ""), ("آقای", "علی", "رضایی"), ("خانم", "", "کریمی"), ("سرکار خانم", "مریم", "احمدی")]
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:مهندس کامران شریفی\r\nTEL;TYPE=CELL:09351112233\r\nEND:VCARD\r\n"
    imported(conn, write(tmp_path, card.encode(), "one.vcf"))
    (found,) = [c for c in book.iter_contacts() if c.last_name == "شریفی"]
    assert (found.title, found.first_name) == ("مهندس", "کامران")


# --- 9. cells written as offices write them (a half-space, brackets, Excel's apostrophe) --------------

def test_numbers_written_apart_by_half_spaces_brackets_underscores_or_an_apostrophe_are_read(conn, book, tmp_path):
    """Each of these was taken before the import checked phones by the form's rule, and then
    refused by both («write one number per row», «'(' is not part of a phone number»)."""
    data = crlf("نام,موبایل,تلفن محل کار",
                "a1,۰۹۱۲\u200c۱۲۳\u200c۴۵۶۷,",  # ZWNJ between the groups: one number
                "a2,(+98) 912 123 4568,021\u200c8877\u200c6655",
                "a3,'09121234569,'02144556677",  # Excel's mark of a number kept as text
                "a4,+98 (0)912 123 4560,*4444",  # a star service code
                "a5,0912_123_4561,(+98) 21 2233 4455")
    summary = imported(conn, write(tmp_path, data))
    assert (summary.added, summary.rejected) == (5, 0), summary.text()
    assert stored(book) == {
        "a1": [("mobile", "09121234567", "")],
        "a2": [("mobile", "09121234568", ""), ("work", "02188776655", "")],
        "a3": [("mobile", "09121234569", ""), ("work", "02144556677", "")],
        "a4": [("mobile", "09121234560", ""), ("other", "*4444", "")],  # kept under «دیگر», as the form asks
        "a5": [("mobile", "09121234561", ""), ("work", "02122334455", "")],
    }
    numbers = {c.first_name: [p.number for p in c.phones] for c in book.iter_contacts()}
    assert numbers["a3"] == ["09121234569", "02144556677"]  # the apostrophe is no part of the number
    assert numbers["a4"][1] == "*4444"  # the star as typed: it is dialled


# --- 10. a second number in a cell: the next line of the same office ------------------------------------

NEXT_LINES = crlf(
    "نام,تلفن محل کار",
    "a1,021-66554433 و 66554434",
    "a2,021-66554433 / 66554434",
    "a3,021-66554433 - 66554434",
    "a4,021-66554433-4",
    "a5,88776655/6",
    "a6,021-88776655 و 56",
    "a7,88776655-6",
    "a8,021-88776655 داخلی 56",
    "a9,021-88776655 ext 56",
    "b1,021-88776655 x56",
    "b2,021 88776655 داخلی 12 و 13",
    "b3,\"021 8877 6655، 8877 6656\"",  # after «،» (our export's list) a local number is its own
    bom=False,
)


def test_a_number_after_one_with_its_area_code_is_a_line_of_the_same_office(conn, book, tmp_path):
    """«021-66554433 و 66554434» stored work 02166554433 and other 66554434 (its area code and
    kind lost), while «021-66554433-4» was two work numbers; «88776655/6» and «021-88776655 و 56»
    were read as extensions 6 and 56 while «88776655-6» was two numbers. Now «/», « و » and «-»
    read alike: the next line(s); an extension is one when marked («داخلی», ext, x)."""
    summary = imported(conn, write(tmp_path, NEXT_LINES))
    assert (summary.added, summary.rejected) == (12, 0), summary.text()
    two_lines = [("work", "02166554433", ""), ("work", "02166554434", "")]
    assert stored(book) == {
        "a1": two_lines, "a2": two_lines, "a3": two_lines, "a4": two_lines,
        "a5": [("other", "88776655", ""), ("other", "88776656", "")],  # local numbers: «دیگر», as the form asks
        "a6": [("work", "02188776655", ""), ("work", "02188776656", "")],
        "a7": [("other", "88776655", ""), ("other", "88776656", "")],
        "a8": [("work", "02188776655", "56")],
        "a9": [("work", "02188776655", "56")],
        "b1": [("work", "02188776655", "56")],
        "b2": [("work", "02188776655", "12"), ("work", "02188776655", "13")],
        "b3": [("work", "02188776655", ""), ("other", "88776656", "")],
    }
    assert [p.number for p in book.get(1).phones] == ["021-66554433", "021-66554434"]  # written as the first


# --- 11. a placeholder only where no real value reads so ---------------------------------------------

def test_a_choice_or_text_custom_field_keeps_a_value_that_looks_like_a_placeholder(conn, book, tmp_path):
    insurance = book.add_field(model.CustomField("بیمه", "choice", ["دارد", "ندارد", "نامشخص"]))
    debt = book.add_field(model.CustomField("بدهی", "text"))
    children = book.add_field(model.CustomField("تعداد فرزند", "number"))
    data = crlf("نام,موبایل,بیمه,بدهی,تعداد فرزند",
                "علی,09121234561,ندارد,ندارد,-",
                "رضا,09121234562,نامشخص,-,ندارد",
                "سارا,09121234563,-,—,N/A",  # «-» is no choice of «بیمه»: nothing
                "مینا,09121234564,دارد,۲ میلیون,2")
    summary = imported(conn, write(tmp_path, data))
    assert (summary.added, summary.rejected) == (4, 0), summary.text()
    assert {c.first_name: c.custom for c in book.iter_contacts()} == {
        "علی": {insurance: "ندارد", debt: "ندارد"},
        "رضا": {insurance: "نامشخص", debt: "-"},
        "سارا": {debt: "—"},
        "مینا": {insurance: "دارد", debt: "۲ میلیون", children: "2"},
    }


PLACEHOLDER_TEXTS = crlf(
    "عنوان,نام,نام خانوادگی,موبایل,سازمان,سمت,واحد,مدیر,کد ملی,کد پستی,شهر",
    "-,علی,-,09121234561,—,.,/,…,0,0,تهران",
    "…,سارا,رضایی,09121234562,ندارد,ندارد,N/A,-,0000000000,0000000000,-",
    ".,-,-,09121234563,-,-,-,-,,,",  # no name at all
    bom=False,
)


@pytest.mark.parametrize("reader", ["columns", "rows"])
def test_a_dash_in_a_text_field_or_a_zero_code_is_an_empty_cell(conn, book, tmp_path, reader):
    """«-» in a title, organisation, job, unit or manager was stored (and later merged as a
    difference «سازمان: -»); a national or postal code «0» or «0000000000» (a sheet's empty
    number cell) refused the whole row. A full-name column makes the import read row by row:
    the same there."""
    data = PLACEHOLDER_TEXTS
    if reader == "rows":
        data = data.replace("نام,نام خانوادگی".encode(), "نام و نام خانوادگی,نام مستعار".encode())
    summary = imported(conn, write(tmp_path, data))
    assert (summary.added, summary.rejected) == (2, 1), summary.text()
    assert summary.entries[0].reason == "نام، نام خانوادگی یا نام سازمان را وارد کنید."
    got = [(c.title, c.first_name, c.last_name, c.organisation, c.job_title, c.unit, c.manager, c.national_code,
            [(a.city, a.postal_code) for a in c.addresses]) for c in book.iter_contacts()]
    last = "رضایی" if reader == "columns" else ""
    assert sorted(got) == sorted([
        ("", "علی", "", "", "", "", "", "", [("تهران", "")]),
        ("", "سارا", last, "", "", "", "", "", []),
    ])


def test_a_saved_placeholder_is_filled_by_the_files_value_on_merge(conn, book, tmp_path):
    """An older import stored «-» and «ندارد»: a merge recorded the file's real values as
    differences («سازمان: ایران خودرو» in the note) and never filled them."""
    book.add(model.normalised(model.Contact(first_name="سارا", last_name="محمدی", organisation="-", job_title="ندارد",
                                            unit="…", manager="حسینی", phones=[model.Phone("09351112233")])))
    data = crlf("نام,نام خانوادگی,موبایل,سازمان,سمت,واحد,مدیر", "سارا,محمدی,09351112233,ایران خودرو,مدیر مالی,مالی,-")
    summary = imported(conn, write(tmp_path, data), duplicates="merge")
    sara = book.get(1)
    assert (sara.organisation, sara.job_title, sara.unit, sara.manager, sara.note) == (
        "ایران خودرو", "مدیر مالی", "مالی", "حسینی", "")
    assert [(e.outcome, e.reason) for e in summary.entries] == [
        ("merged", f"شماره همراه {LRI}۰۹۳۵ ۱۱۱ ۲۲۳۳{PDI} از پیش برای «سارا محمدی» ثبت است؛ اطلاعات تازه به آن افزوده شد")]


# --- 12. the note's merge lines are compared entry by entry ------------------------------------------

def test_a_value_inside_a_noted_one_is_noted_too_and_a_reimport_adds_nothing(conn, book, tmp_path):
    """After «سمت: مدیر فروش» was noted, a file's «سمت: مدیر» was recorded nowhere (it is inside
    the note's text) though the summary said the job differed."""
    header = "نام,نام خانوادگی,موبایل,سمت"
    imported(conn, write(tmp_path, crlf(header, "علی,رضایی,09121234567,حسابدار"), "1.csv"))
    imported(conn, write(tmp_path, crlf(header, "علی,رضایی,09121234567,مدیر فروش"), "2.csv"), duplicates="merge")
    third = write(tmp_path, crlf(header, "علی,رضایی,09121234567,مدیر"), "3.csv")
    summary = imported(conn, third, duplicates="merge")
    assert (summary.merged, summary.skipped) == (1, 0)
    assert book.get(1).note == "از ادغام با «علی رضایی»: سمت: مدیر فروش\nاز ادغام با «علی رضایی»: سمت: مدیر"
    assert summary.entries[0].reason.endswith("سمت فرق داشت و مقدار ثبت‌شده ماند؛ مقدار پرونده در یادداشت آن آمد")
    again = imported(conn, third, duplicates="merge")
    assert (again.merged, again.skipped) == (0, 1)
    assert book.get(1).note.count("سمت: مدیر") == 2  # «مدیر فروش» and «مدیر», each once


# --- 13. a birthday written with the Persian decimal separator ------------------------------------------

def test_a_birthday_with_the_persian_decimal_separator_is_a_date(conn, book, tmp_path):
    data = crlf("نام,موبایل,تاریخ تولد", "علی,09121234561,۱۳۶۵٫۰۴٫۱۲", "رضا,09121234562,12٫04٫1365")
    summary = imported(conn, write(tmp_path, data))
    assert (summary.added, summary.rejected) == (2, 0), summary.text()
    assert [c.birthday for c in book.iter_contacts()] == ["1986-07-03", "1986-07-03"]


def test_a_vcard_tel_holding_two_numbers_is_two_phones(conn, book, tmp_path):
    """«TEL;TYPE=WORK:021-66554433-4» was refused as «one number per row» once the rule became
    the form's; a vCard line is read as a sheet's cell is."""
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:شرکت پارس\r\nORG:شرکت پارس\r\nTEL;TYPE=WORK:021-66554433-4\r\n"
            "TEL;TYPE=CELL:0912 123 4567;456\r\nEND:VCARD\r\n")
    summary = imported(conn, write(tmp_path, card.encode(), "pars.vcf"))
    assert (summary.added, summary.rejected) == (1, 0), summary.text_en()
    (contact,) = book.iter_contacts()
    assert [(p.kind, p.national, p.ext) for p in contact.phones] == [
        ("work", "02166554433", ""), ("work", "02166554434", ""), ("mobile", "09121234567", "456")]
