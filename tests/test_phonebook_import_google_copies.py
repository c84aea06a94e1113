"""Columns that only repeat others make no custom field: Google's «Address 1 - Formatted» (the
address parts again, «PO Box» and the country too), Outlook's «E-mail Display Name», a column of
placeholders only (Outlook's Gender «Unspecified») — not with ``--new-fields``, not offered by
the wizard. A Google custom-field label that is a built-in field's name fills that field where
one more column adds to it («Notes», «Mobile», «Birthday»), and any other («Website») is told
with the field to map it to. Real files, the CLI as a real process, the wizard on real widgets."""

import csv
import json

import pytest

from crm_desktop.office import Office
from crm_desktop.phonebook.import_fields import NEW_FIELD
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.repo import Phonebook
from crm_desktop.phonebook.views.import_wizard import ImportWizard
from crm_desktop.storage.db import open_database
from crm_desktop.ui import dialogs
from tests.conftest import run_cli
from tests.ui_helpers import persian_app  # noqa: F401

HEADERS = ["First Name", "Last Name", "Notes", "Birthday", "Gender", "E-mail 1 - Value", "E-mail Display Name",
           "Phone 1 - Label", "Phone 1 - Value", "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street",
           "Address 1 - City", "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code",
           "Address 1 - Country", "Custom Field 1 - Label", "Custom Field 1 - Value", "Custom Field 2 - Label",
           "Custom Field 2 - Value", "Custom Field 3 - Label", "Custom Field 3 - Value"]
ROWS = [
    {"First Name": "Sara", "Last Name": "Jafari", "Notes": "دوست قدیمی", "Gender": "Unspecified",
     "E-mail 1 - Value": "sara@example.com", "E-mail Display Name": "Sara Jafari (sara@example.com)",
     "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+98 917 123 4567", "Address 1 - Label": "Home",
     "Address 1 - Formatted": "خیابان زند\nشیراز\nفارس 7134567890\nIran", "Address 1 - Street": "خیابان زند",
     "Address 1 - City": "شیراز", "Address 1 - Region": "فارس", "Address 1 - Postal Code": "7134567890",
     "Address 1 - Country": "Iran", "Custom Field 1 - Label": "Notes", "Custom Field 1 - Value": "مشتری از ۱۴۰۰",
     "Custom Field 2 - Label": "Mobile", "Custom Field 2 - Value": "0912 123 4567",
     "Custom Field 3 - Label": "Website", "Custom Field 3 - Value": "pars.example"},
    {"First Name": "Ali", "Last Name": "Ahmadi", "Gender": "Unspecified", "Address 1 - Formatted": "PO Box 123\nTehran",
     "Address 1 - City": "Tehran", "Address 1 - PO Box": "123", "Custom Field 1 - Label": "Birthday",
     "Custom Field 1 - Value": "1365/04/12"},
]


def q(name: str) -> str:
    return f"«\u2068{name}\u2069»"


@pytest.fixture
def google_csv(tmp_path):
    path = tmp_path / "google.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADERS, *([row.get(h, "") for h in HEADERS] for row in ROWS)])
    return path


def contacts(db) -> dict:
    conn = open_database(db)
    try:
        book = Phonebook(conn)
        return {c.display_name: c for c in book.iter_contacts()}, [f.name for f in book.fields()]
    finally:
        conn.close()


def imported(db, google_csv, *more) -> dict:
    done = run_cli("import", "contacts", google_csv, "--json", *more, db=db)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("new_fields", [False, True])
def test_copies_make_no_field_and_built_in_labels_fill_their_fields(tmp_path, google_csv, new_fields):
    db = tmp_path / "book.sqlite3"
    summary = imported(db, google_csv, *(["--new-fields"] if new_fields else []))
    assert (summary["added"], summary["rejected"]) == (2, 0)
    assert summary["created_fields"] == []  # no «Address 1 - Formatted», «Gender», «E-mail Display Name»
    assert summary["ignored_columns"] == ["Website"]
    assert [(r["name"], r["reason"], r["reason_fa"]) for r in summary["refused_fields"]] == [
        ("Website", "its name is the phonebook's own field 'وب‌سایت': to import its values, map the column "
                    "to that field",
         "«وب‌سایت» از فیلدهای خود دفتر تلفن است؛ برای وارد کردن مقدارهایش، ستون را به «وب‌سایت» بدهید")]
    found, fields = contacts(db)
    assert fields == []
    sara, ali = found["Sara Jafari"], found["Ali Ahmadi"]
    assert sara.note == "دوست قدیمی\nمشتری از ۱۴۰۰"  # the «Notes» label's value: one more line of the note
    assert [(p.kind, p.national) for p in sara.phones] == [("mobile", "09171234567"), ("mobile", "09121234567")]
    assert sara.website == ""  # «Website» is told: a second website column would be joined to the first
    assert ali.birthday == "1986-07-03"  # the «Birthday» label's value
    assert (ali.addresses[0].city, ali.addresses[0].street) == ("Tehran", "123")


def test_the_summary_says_where_a_built_in_label_could_go(tmp_path, google_csv):
    conn = open_database(tmp_path / "book.sqlite3")
    try:
        summary = run_import(ImportArgs(google_csv, conn=conn))
    finally:
        conn.close()
    assert summary.text().splitlines()[1:] == [
        f"ستون {q('Website')} وارد نشد: «وب‌سایت» از فیلدهای خود دفتر تلفن است؛ برای وارد کردن مقدارهایش، "
        "ستون را به «وب‌سایت» بدهید."]
    assert summary.text_en().splitlines()[1:] == [
        "column 'Website' was not imported: its name is the phonebook's own field 'وب‌سایت': to import its "
        "values, map the column to that field"]


def test_a_formatted_address_with_words_of_its_own_is_told_never_made(tmp_path, google_csv):
    """«واحد ۵» only in the whole address: it is named as not imported, and still makes no field
    (the address parts make theirs), nor when a mapping asks for one."""
    text = google_csv.read_text(encoding="utf-8").replace("خیابان زند\nشیراز", "خیابان زند، واحد ۵\nشیراز")
    google_csv.write_text(text, encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    summary = imported(db, google_csv, "--new-fields")
    assert "Address 1 - Formatted" in summary["ignored_columns"]
    assert summary["created_fields"] == []
    refused = {r["name"]: r["reason"] for r in summary["refused_fields"]}
    assert refused["Address 1 - Formatted"] == "it is the whole address the address columns hold"
    mapping = {"First Name": "first_name", "Last Name": "last_name", "E-mail Display Name": NEW_FIELD}
    done = run_cli("import", "contacts", google_csv, "--mapping", json.dumps(mapping), db=tmp_path / "other.sqlite3")
    assert done.returncode == 2
    assert "column 'E-mail Display Name' cannot become a new custom field: it repeats the name and the e-mail" in done.stderr
    mapping = {"First Name": "first_name", "Gender": NEW_FIELD}
    done = run_cli("import", "contacts", google_csv, "--mapping", json.dumps(mapping), db=tmp_path / "other.sqlite3")
    assert done.returncode == 2
    assert ("column 'Gender' cannot become a new custom field: it holds only 'Unspecified', its program's word for "
            "nothing") in done.stderr


def test_the_wizard_offers_no_field_for_a_copy_or_placeholders(qtbot, tmp_path, google_csv, monkeypatch,
                                                               persian_app):  # noqa: F811
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)
    office = Office(tmp_path / "office.sqlite3")
    try:
        wizard = ImportWizard(office, path=google_csv)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        page, headers = wizard.mapping_page, wizard.table.headers
        offered = {headers[i] for i, combo in enumerate(page.combos) if combo.findData(NEW_FIELD) >= 0}
        assert offered.isdisjoint({"Address 1 - Formatted", "E-mail Display Name", "Gender", "Website"})
        assert "Address 1 - Street" in offered  # a part: a field may take its name («شهر» is how an office has one)
        named = {headers[i]: page.combos[i].currentText() for i in range(len(HEADERS), len(headers))}
        assert named == {"Notes": "یادداشت", "Mobile": "تلفن همراه", "Website": "نادیده گرفته شود",
                         "Birthday": "تاریخ تولد"}
        assert page.unmapped.text() == (
            f"ستون {q('Website')} داده دارد و وارد نمی‌شود: «وب‌سایت» از فیلدهای خود دفتر تلفن است؛ "
            "برای وارد کردن مقدارهایش، ستون را به «وب‌سایت» بدهید.")
        wizard.close()
    finally:
        office.close()
