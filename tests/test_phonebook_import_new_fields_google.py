"""Files from other programs make no junk fields: Google's «Custom Field N - Label / Value» (and
«Relation N», «Event N») fill fields named by their labels, a label column, a photo, a column
without a header and an over-long header make none and the summary says why in one line; a
vCard's X-CRM-FIELD names a field may not take are told too. The CLI as a real process, the
wizard on real widgets."""

import json

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.office import Office
from crm_desktop.phonebook.import_fields import NEW_FIELD
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.model import CustomField
from crm_desktop.phonebook.repo import Phonebook
from crm_desktop.phonebook.views import import_wizard
from crm_desktop.phonebook.views.import_wizard import ImportWizard
from crm_desktop.storage.db import open_database
from crm_desktop.ui import dialogs
from tests.conftest import run_cli
from tests.ui_helpers import persian_app  # noqa: F401

LONG = "سرستون" * 40  # 240 letters, no space
GOOGLE_HEADERS = ["First Name", "Last Name", "Nickname", "Photo", "Labels", "Phone 1 - Label", "Phone 1 - Value",
                  "Custom Field 1 - Label", "Custom Field 1 - Value", "Custom Field 2 - Label", "Custom Field 2 - Value",
                  "Relation 1 - Label", "Relation 1 - Value", " ", LONG]
GOOGLE_ROWS = [
    ["Maryam", "Ahmadi", "Mimi", "https://lh3.googleusercontent.com/a.jpg", "* myContacts", "Mobile",
     "+98 912 123 4567", "شماره پرسنلی", "1250", "Blood", "A+", "Spouse", "Reza", "x", "y"],
    ["Ali", "Rezaei", "", "https://lh3.googleusercontent.com/b.jpg", "* myContacts", "Mobile", "+98 912 765 4321",
     "Blood", "O-", "شماره پرسنلی", "1251", "", "", "z", ""],
    ["Sara", "Karimi", "Sasa", "", "* myContacts", "Mobile", "+98 935 123 4567", "", "", "", "", "", "", "", ""],
]


def q(name: str) -> str:
    return f"«\u2068{name}\u2069»"


@pytest.fixture
def google_csv(tmp_path):
    import csv

    path = tmp_path / "google.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([GOOGLE_HEADERS, *GOOGLE_ROWS])
    return path


def stored(db) -> dict:
    conn = open_database(db)
    try:
        book = Phonebook(conn)
        names = {f.id: f.name for f in book.fields()}
        return {c.display_name: {names[k]: v for k, v in c.custom.items()} for c in book.iter_contacts()}
    finally:
        conn.close()


def test_googles_labelled_pairs_make_one_field_per_label_and_the_rest_say_why(tmp_path, google_csv):
    db = tmp_path / "book.sqlite3"
    done = run_cli("import", "contacts", google_csv, "--new-fields", "--json", db=db)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["added"] == 3 and summary["rejected"] == 0
    assert [(f["name"], f["kind"]) for f in summary["created_fields"]] == [
        ("Nickname", "text"), ("شماره پرسنلی", "text"), ("Blood", "text"), ("Spouse", "text")]  # a number names a code
    assert stored(db) == {
        "Maryam Ahmadi": {"Nickname": "Mimi", "شماره پرسنلی": "1250", "Blood": "A+", "Spouse": "Reza"},
        "Ali Rezaei": {"شماره پرسنلی": "1251", "Blood": "O-"},
        "Sara Karimi": {"Nickname": "Sasa"}}
    assert summary["ignored_columns"] == ["Photo", "ستون ۱۴", LONG]  # the pairs' own columns: all moved
    assert [(r["name"], r["reason"]) for r in summary["refused_fields"]] == [
        ("Photo", "the phonebook keeps no photos"), ("ستون ۱۴", "the column has no header"),
        (LONG, "the header is longer than the 100 characters a field name may have")]
    lines = run_cli("import", "contacts", google_csv, "--new-fields", db=tmp_path / "other.sqlite3").stdout.splitlines()
    assert lines[5:8] == ["column 'Photo' was not imported: the phonebook keeps no photos",
                         "column 'ستون ۱۴' was not imported: the column has no header",
                         f"column '{LONG}' was not imported: the header is longer than the 100 characters a field "
                         "name may have"]


def test_the_persian_summary_isolates_and_cuts_the_names(tmp_path, google_csv, conn):
    summary = run_import(ImportArgs(google_csv, conn=conn, new_fields=True))
    assert summary.text().splitlines()[1:] == [
        f"فیلد دلخواه {q('Nickname')} (متن) ساخته شد.",
        f"فیلد دلخواه {q('شماره پرسنلی')} (متن) ساخته شد.",
        f"فیلد دلخواه {q('Blood')} (متن) ساخته شد.",
        f"فیلد دلخواه {q('Spouse')} (متن) ساخته شد.",
        f"ستون {q('Photo')} وارد نشد: دفتر تلفن عکس نگه نمی‌دارد.",
        f"ستون {q('ستون ۱۴')} وارد نشد: ستون سرستونی ندارد.",
        f"ستون {q(LONG[:39] + '…')} وارد نشد: نام ستون برای فیلد بیش از ۱۰۰ نویسه است."]


def test_a_label_fills_the_books_field_of_that_name_and_never_a_built_in_one(tmp_path, google_csv):
    db = tmp_path / "book.sqlite3"
    conn = open_database(db)
    try:
        Phonebook(conn).add_field(CustomField("شماره پرسنلی", "number"))
    finally:
        conn.close()
    text = google_csv.read_text(encoding="utf-8").replace("Blood", "موبایل")  # a label a built-in field has
    google_csv.write_text(text, encoding="utf-8")
    done = run_cli("import", "contacts", google_csv, "--json", db=db)  # no --new-fields
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["created_fields"] == [] and summary["rejected"] == 0
    assert "موبایل" in summary["ignored_columns"] and "Custom Field 1 - Value" not in summary["ignored_columns"]
    assert stored(db)["Ali Rezaei"] == {"شماره پرسنلی": "1251"}
    conn = open_database(db)
    try:
        ali = next(c for c in Phonebook(conn).iter_contacts() if c.display_name == "Ali Rezaei")
    finally:
        conn.close()
    assert [p.national for p in ali.phones] == ["09127654321"]  # «O-» did not become a phone
    done = run_cli("import", "contacts", google_csv, "--new-fields", "--json", db=tmp_path / "new.sqlite3")
    refused = {r["name"]: r["reason_fa"] for r in json.loads(done.stdout)["refused_fields"]}
    assert refused["موبایل"] == ("«تلفن همراه» از فیلدهای خود دفتر تلفن است؛ برای وارد کردن مقدارهایش، "
                                "ستون را به «تلفن همراه» بدهید")  # «A+», «O-» are no phones


def test_a_value_without_a_label_is_named_as_not_imported(tmp_path):
    path = tmp_path / "google.csv"
    path.write_text("First Name,Custom Field 1 - Label,Custom Field 1 - Value\nMaryam,,1250\nAli,کد,7\n", encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    summary = json.loads(run_cli("import", "contacts", path, "--new-fields", "--json", db=db).stdout)
    assert [f["name"] for f in summary["created_fields"]] == ["کد"]
    assert [(r["name"], r["reason"]) for r in summary["refused_fields"]] == [
        ("Custom Field 1 - Value", "its values have no label to name a field")]


def test_a_vcards_names_a_field_may_not_take_are_told(tmp_path):
    long_name = "ن" * 101
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:مریم\r\nN:;مریم;;;\r\n"
                    "X-CRM-FIELD:موبایل;09121234567\r\nX-CRM-FIELD:Birthday 2;1990-01-01\r\n"
                    "X-CRM-FIELD:;بی‌نام\r\nX-CRM-FIELD:فقط یک بخش\r\n"
                    f"X-CRM-FIELD:{long_name};x\r\nX-CRM-FIELD:رنگ;آبی\r\nEND:VCARD\r\n", encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    done = run_cli("import", "contacts", path, "--new-fields", "--json", db=db)
    summary = json.loads(done.stdout)
    assert [f["name"] for f in summary["created_fields"]] == ["رنگ"]
    assert [(r["name"], r["from"], r["reason"]) for r in summary["refused_fields"]] == [
        ("موبایل", "card", "'موبایل' is a built-in field of the phonebook"),
        ("Birthday 2", "card", "'Birthday 2' is a built-in field of the phonebook"),
        (long_name, "card", "the field name is longer than 100 characters"),
        ("", "card", "2 X-CRM-FIELD line(s) without a field name were not imported")]
    conn = open_database(tmp_path / "other.sqlite3")
    try:
        lines = run_import(ImportArgs(path, conn=conn, new_fields=True)).text().splitlines()
    finally:
        conn.close()
    assert lines[2:] == [f"فیلد {q('موبایل')} کارت‌ها ساخته نشد: «تلفن همراه» از فیلدهای خود دفتر تلفن است.",
                         f"فیلد {q('Birthday 2')} کارت‌ها ساخته نشد: «تاریخ تولد» از فیلدهای خود دفتر تلفن است.",
                         f"فیلد {q('ن' * 39 + '…')} کارت‌ها ساخته نشد: نام فیلد بیش از ۱۰۰ نویسه است.",
                         "۲ خط X-CRM-FIELD نام فیلد ندارد و وارد نشد."]


def test_a_name_too_long_says_the_limit(conn):
    book = Phonebook(conn)
    for add, what in ((lambda name: book.add_field(CustomField(name)), "فیلد"), (book.add_group, "گروه")):
        with pytest.raises(ValidationError) as raised:
            add("ن" * 101)
        assert raised.value.fa == f"نام {what} بیش از ۱۰۰ نویسه است."
    assert book.add_group("ن" * 100) > 0


# --- the wizard ------------------------------------------------------------------------------------

@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    yield office
    office.close()


@pytest.fixture
def wizard_of(qtbot, office, monkeypatch, persian_app):  # noqa: F811
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)

    def open_wizard(path):
        wizard = ImportWizard(office, path=path)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        return wizard
    return open_wizard


def test_the_wizard_offers_a_field_per_label_and_says_why_other_columns_make_none(qtbot, office, google_csv, wizard_of):
    wizard = wizard_of(google_csv)
    page = wizard.mapping_page
    headers = wizard.table.headers
    offered = [headers[i] for i, combo in enumerate(page.combos) if combo.findData(NEW_FIELD) >= 0]
    assert offered == ["Nickname", "شماره پرسنلی", "Blood", "Spouse"]  # no label, value, photo or nameless column
    assert page.combos[headers.index("شماره پرسنلی")].currentData() == ""  # never chosen by itself
    assert page.unmapped.text() == (
        f"۴ ستون داده دارد و هیچ فیلدی را پر نمی‌کند ({q('Nickname')}، {q('شماره پرسنلی')}، {q('Blood')}، "
        f"{q('Spouse')})؛ با «فیلد دلخواه تازه» داده‌شان نگه داشته می‌شود. ۳ ستون دیگر داده دارد و وارد نمی‌شود "
        f"({q('Photo')}: دفتر تلفن عکس نگه نمی‌دارد؛ {q('ستون ۱۴')}: ستون سرستونی ندارد؛ "
        f"{q(LONG[:39] + '…')}: نام ستون برای فیلد بیش از ۱۰۰ نویسه است).")
    for name in ("شماره پرسنلی", "Blood"):
        combo = page.combos[headers.index(name)]
        combo.setCurrentIndex(combo.findData(NEW_FIELD))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    assert {f.name: f.kind for f in office.phonebook.fields()} == {"شماره پرسنلی": "text", "Blood": "text"}


def test_the_settings_page_names_the_vcard_fields_that_are_not_made(tmp_path, wizard_of):
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:مریم\r\nN:;مریم;;;\r\nX-CRM-FIELD:موبایل;0912\r\n"
                    "X-CRM-FIELD:رنگ;آبی\r\nEND:VCARD\r\n", encoding="utf-8")
    wizard = wizard_of(path)
    page = wizard.policy_page
    assert page.new_fields.isVisible()
    assert page.new_names.text() == (f"فیلد: {q('رنگ')}؛ اگر ساخته نشود، مقدارش وارد نمی‌شود.\n"
                                     f"فیلد {q('موبایل')} کارت‌ها ساخته نمی‌شود: «تلفن همراه» از فیلدهای خود دفتر تلفن است.")
