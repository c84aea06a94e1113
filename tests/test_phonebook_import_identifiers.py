"""An identifier column is no number: a «کد مشتری» of 10-digit values made a number field, and a
later «0012345678» lost its zeros. The import guesses text for a header that names a code or a
number and for same-length runs of digits, and a value an existing number field would not keep
as written («0012345678», «+98 21 1234») is its row's error, named with the field and the value
(CSV column by column and row by row, a vCard, the wizard's preview). Real files, the CLI as a
real process."""

import json

import pytest

from crm_desktop.core.text import isolate
from crm_desktop.phonebook import import_kinds
from crm_desktop.phonebook.columns import suggest_mapping
from crm_desktop.phonebook.import_columns import rows_by_columns
from crm_desktop.phonebook.import_kinds import guess, names_identifier
from crm_desktop.phonebook.importer import ImportArgs, ImportRefused, run_import
from crm_desktop.phonebook.model import Contact, CustomField
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.phonebook.table import read_table
from crm_desktop.storage.db import open_database
from tests.conftest import run_cli
from tests.ui_helpers import persian_app  # noqa: F401


def ok(*args, db):
    done = run_cli(*args, db=db)
    assert done.returncode == 0, done.stderr
    return done


def stored(db) -> dict:
    """{display name: {field name: stored value}}."""
    conn = open_database(db)
    try:
        book = Phonebook(conn)
        names = {f.id: f.name for f in book.fields()}
        return {c.display_name: {names[k]: v for k, v in c.custom.items()} for c in book.iter_contacts()}
    finally:
        conn.close()


def kept_error(field: str, value: str, becomes: str) -> str:
    return f"فیلد «{field}» عدد است و «{isolate(value)}» را همان‌گونه نگه نمی‌دارد ({isolate(becomes)} می‌شود)."


# --- the guess -----------------------------------------------------------------------------------

def test_a_header_that_names_a_code_or_a_number_is_text():
    for header in ("کد مشتری", "كد مشتري", "شماره پرسنلی", "شماره‌حساب", "شناسه", "Customer ID", "CustomerID",
                   "customer_id", "Invoice No.", "Order #", "Member number", "code"):
        assert names_identifier(header), header
        assert guess(["12", "7", "1250"], header) == ("text", []), header
    for header in ("تعداد کارکنان", "مبلغ", "Number of employees", "No. of children", "Idea", "Notes", "کدو", ""):
        assert not names_identifier(header), header
    # quantities under such a header are still numbers: a sign, a point or a separator
    assert guess(["2.5", "-7", "1,250,000"], "شماره پرونده") == ("number", [])


def test_same_length_runs_of_digits_are_identifiers_and_quantities_stay_numbers():
    codes = ["1234567890", "2233445566", "9988776655"]
    assert guess(codes, "مشترک") == ("text", [])
    assert guess(["14020105", "14010203"], "ثبت") == ("text", [])  # neither a number nor (bare) a date
    assert guess(["150000", "250000", "1200000"], "حقوق") == ("number", [])  # lengths differ
    assert guess(["150000", "250000", "350000"], "حقوق") == ("number", [])  # round: amounts
    assert guess(["1,250,000", "2.5", "12"], "مبلغ") == ("number", [])
    assert guess(["1234", "5678"], "سال") == ("number", [])  # fewer than ID_DIGITS digits
    assert import_kinds.ID_DIGITS == 5


def test_an_identifier_column_made_into_a_field_keeps_a_later_leading_zero(tmp_path):
    """The user test: «کد مشتری» of 10-digit values was guessed «عدد»; a later import of
    «0012345678» into it stored «12345678»."""
    first, later = tmp_path / "first.csv", tmp_path / "later.csv"
    first.write_text("نام,کد مشتری\nمریم,1234567890\nعلی,2233445566\n", encoding="utf-8")
    later.write_text("نام,کد مشتری\nسارا,0012345678\n", encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    summary = json.loads(ok("import", "contacts", first, "--new-fields", "--json", db=db).stdout)
    assert summary["created_fields"] == [{"name": "کد مشتری", "kind": "text"}]
    summary = json.loads(ok("import", "contacts", later, "--json", db=db).stdout)
    assert summary["added"] == 1 and summary["rejected"] == 0
    assert stored(db)["سارا"] == {"کد مشتری": "0012345678"}


# --- an existing number field -------------------------------------------------------------------

ROWS = [("مریم", "0012345678"), ("علی", "+98 21 1234"), ("سارا", "1,250"), ("رضا", "۱۲"), ("نادر", "-")]
SURNAME = "کاظمی"


@pytest.fixture
def scored(tmp_path):
    """A book with a number field «امتیاز» and a CSV with a value for it in each row."""
    db = tmp_path / "book.sqlite3"
    conn = open_database(db)
    try:
        Phonebook(conn).add_field(CustomField("امتیاز", "number"))
    finally:
        conn.close()
    path = tmp_path / "scores.csv"
    path.write_text("نام,نام خانوادگی,امتیاز\n" + "".join(f"{n},{SURNAME},\"{v}\"\n" for n, v in ROWS), encoding="utf-8")
    return db, path


def test_a_value_a_number_field_would_not_keep_is_the_rows_error(scored):
    """Read column by column (``import_columns``: the CLI's way for a whole file)."""
    db, path = scored
    conn = open_database(db)
    try:
        fields = Phonebook(conn).fields()
    finally:
        conn.close()
    table = read_table(path)
    assert rows_by_columns(table, suggest_mapping(table.headers, fields), fields=fields) is not None
    summary = json.loads(ok("import", "contacts", path, "--json", db=db).stdout)
    assert (summary["added"], summary["rejected"]) == (3, 2)
    rejected = {e["number"]: (e["name"], e["reason"], e["reason_en"]) for e in summary["entries"]}
    assert rejected == {
        2: (f"مریم {SURNAME}", kept_error("امتیاز", "0012345678", "۱۲۳۴۵۶۷۸"),
            "امتیاز: '0012345678' would not be kept as written in a number field (it would be 12345678)"),
        3: (f"علی {SURNAME}", kept_error("امتیاز", "+98 21 1234", "۹۸۲۱۱۲۳۴"),
            "امتیاز: '+98 21 1234' would not be kept as written in a number field (it would be 98211234)")}
    assert stored(db) == {f"سارا {SURNAME}": {"امتیاز": "1250"}, f"رضا {SURNAME}": {"امتیاز": "12"},
                          f"نادر {SURNAME}": {}}  # «-»: nothing


def test_refusing_the_file_names_the_first_such_row_and_writes_nothing(scored):
    db, path = scored
    done = run_cli("import", "contacts", path, "--on-error", "refuse", db=db)
    assert done.returncode == 1
    assert ("row 2: امتیاز: '0012345678' would not be kept as written in a number field (it would be 12345678) "
            "(2 rows with errors); nothing was imported") in done.stderr
    assert stored(db) == {}
    with pytest.raises(ImportRefused) as refused:
        run_import(ImportArgs(path, db=db, on_error="refuse"))
    assert refused.value.fa.startswith("ردیف ۲: " + kept_error("امتیاز", "0012345678", "۱۲۳۴۵۶۷۸").removesuffix("."))


def test_read_row_by_row_the_error_is_the_same(scored):
    """A mapping the column reader does not take (a full-name column) reads each row by itself."""
    db, path = scored
    conn = open_database(db)
    try:
        field = Phonebook(conn).fields()[0]
        summary = run_import(ImportArgs(path, conn=conn, mapping={0: "full_name", 2: f"custom:{field.id}"}))
    finally:
        conn.close()
    assert [(e.number, e.reason) for e in summary.entries] == [
        (2, kept_error("امتیاز", "0012345678", "۱۲۳۴۵۶۷۸")), (3, kept_error("امتیاز", "+98 21 1234", "۹۸۲۱۱۲۳۴"))]


def test_a_cards_value_a_number_field_would_not_keep_is_its_error(scored, tmp_path):
    db, _ = scored
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:مریم\r\nN:;مریم;;;\r\nX-CRM-FIELD:امتیاز;007\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:علی\r\nN:;علی;;;\r\nX-CRM-FIELD:امتیاز;7\r\nEND:VCARD\r\n",
                    encoding="utf-8")
    summary = json.loads(ok("import", "contacts", path, "--json", db=db).stdout)
    assert (summary["added"], summary["rejected"]) == (1, 1)
    assert summary["entries"][0]["reason"] == kept_error("امتیاز", "007", "۷")
    assert stored(db) == {"علی": {"امتیاز": "7"}}


def test_the_wizard_preview_shows_the_rows_error(qtbot, scored, monkeypatch, persian_app):  # noqa: F811
    from crm_desktop.office import Office
    from crm_desktop.phonebook.views.import_wizard import ImportWizard
    from crm_desktop.ui import dialogs

    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)
    db, path = scored
    office = Office(db)
    try:
        wizard = ImportWizard(office, path=path)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        page = wizard.mapping_page
        assert page.combos[2].currentText() == "امتیاز"
        problems = page.problems()
        assert problems[0] == kept_error("امتیاز", "0012345678", "۱۲۳۴۵۶۷۸")
        assert problems[2:] == ["درست", "درست", "درست"]
        assert page.summary.text() == "۵ سطر در پرونده؛ از ۵ سطر اول، ۲ سطر ایراد دارد."
        wizard.close()
    finally:
        office.close()


def test_a_number_longer_than_sqlites_integers_is_saved_not_a_crash(conn):
    """The form takes a 20-digit number in a number field (only an import asks for it as
    written); its sort value overflowed SQLite's integers (OverflowError on «ذخیره»)."""
    book = Phonebook(conn)
    field_id = book.add_field(CustomField("امتیاز", "number"))
    big = book.add(Contact(first_name="مریم", custom={field_id: "1" * 20}))
    small = book.add(Contact(first_name="علی", custom={field_id: "7"}))
    assert book.get(big).custom == {field_id: "1" * 20}
    assert [r.id for r in book.rows(SearchQuery(order=f"custom:{field_id}"))] == [small, big]
