"""A vCard's X-CRM-FIELD values for fields the book lacks, imported without making fields: each
name is told with how many cards had a value for it (the summary's text, the CLI's text and
``--json``'s ``ignored_fields``, the wizard's result page), never dropped without a word."""

import json

import pytest

from crm_desktop.office import Office
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.model import CustomField
from crm_desktop.phonebook.repo import Phonebook
from crm_desktop.phonebook.views import import_wizard
from crm_desktop.phonebook.views.import_run import IGNORED_SHOWN
from crm_desktop.phonebook.views.import_wizard import ImportWizard
from crm_desktop.storage.db import open_database
from tests.conftest import run_cli
from tests.ui_helpers import persian_app  # noqa: F401


def card(n: int, *custom: str) -> str:
    lines = "".join(f"X-CRM-FIELD:{line}\r\n" for line in custom)
    return (f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:احمدی;مریم{n};;;\r\nTEL;TYPE=CELL:0912123{n:04d}\r\n"
            f"{lines}END:VCARD\r\n")


def q(name: str) -> str:
    return f"«\u2068{name}\u2069»"


@pytest.fixture
def cards(tmp_path):
    """200 cards with «نحوه آشنایی» (one writes it twice, one with an Arabic yeh), 3 with
    «امتیاز», all with «نام مدیر» (a field of the book), 2 X-CRM-FIELD lines without a name."""
    text = []
    for n in range(200):
        custom = ["نحوه آشنايي;معرفی" if n == 7 else "نحوه آشنایی;معرفی دوستان", "نام مدیر;رضا"]
        if n == 0:
            custom.append("نحوه آشنایی;تبلیغات")
        if n < 3:
            custom.append(f"امتیاز;{n}")
        if n in (5, 6):
            custom.append(";بی‌نام")
        text.append(card(n, *custom))
    path = tmp_path / "cards.vcf"
    path.write_text("".join(text), encoding="utf-8")
    return path


def book_with_manager(db) -> None:
    conn = open_database(db)
    try:
        Phonebook(conn).add_field(CustomField("نام مدیر"))
    finally:
        conn.close()


def test_each_field_the_book_lacks_is_told_with_its_count_of_cards(tmp_path, cards):
    db = tmp_path / "book.sqlite3"
    book_with_manager(db)
    summary = run_import(ImportArgs(cards, db=db))
    assert summary.added == 200
    assert [(f.name, f.cards) for f in summary.ignored_fields] == [("نحوه آشنایی", 200), ("امتیاز", 3)]
    assert summary.text().splitlines()[1:] == [
        f"فیلد {q('نحوه آشنایی')} در دفتر نیست؛ مقدار ۲۰۰ کارت وارد نشد.",
        f"فیلد {q('امتیاز')} در دفتر نیست؛ مقدار ۳ کارت وارد نشد.",
        "۲ خط X-CRM-FIELD نام فیلد ندارد و وارد نشد."]
    # the book's own field is filled, as before
    conn = open_database(db)
    try:
        assert {c.custom.get(1) for c in Phonebook(conn).iter_contacts()} == {"رضا"}
    finally:
        conn.close()


def test_one_card_is_said_in_the_singular_in_english(tmp_path):
    path = tmp_path / "one.vcf"
    path.write_text(card(1, "رنگ;آبی"), encoding="utf-8")
    summary = run_import(ImportArgs(path, db=tmp_path / "book.sqlite3"))
    assert summary.text_en().splitlines()[1:] == ["field 'رنگ' is not in the book: the value of 1 card was not imported"]
    assert summary.to_json()["ignored_fields"] == [{"name": "رنگ", "cards": 1}]


def test_the_cli_tells_them_in_text_and_json(tmp_path, cards):
    db = tmp_path / "book.sqlite3"
    book_with_manager(db)
    done = run_cli("import", "contacts", cards, db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:4] == [
        "field 'نحوه آشنایی' is not in the book: the values of 200 cards were not imported",
        "field 'امتیاز' is not in the book: the values of 3 cards were not imported",
        "2 X-CRM-FIELD line(s) without a field name were not imported"]
    again = tmp_path / "again.sqlite3"
    done = run_cli("import", "contacts", cards, "--json", db=again)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    # in the order the cards first write them
    assert summary["ignored_fields"] == [{"name": "نحوه آشنایی", "cards": 200}, {"name": "نام مدیر", "cards": 200},
                                         {"name": "امتیاز", "cards": 3}]
    assert [r["reason"] for r in summary["refused_fields"]] == [
        "2 X-CRM-FIELD line(s) without a field name were not imported"]


def test_with_new_fields_none_is_ignored(tmp_path, cards):
    done = run_cli("import", "contacts", cards, "--new-fields", "--json", db=tmp_path / "book.sqlite3")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["ignored_fields"] == []
    assert [f["name"] for f in summary["created_fields"]] == ["نحوه آشنایی", "نام مدیر", "امتیاز"]


# --- the wizard's result page ------------------------------------------------------------------


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    yield office
    office.close()


def import_in_wizard(qtbot, office, path) -> ImportWizard:
    wizard = ImportWizard(office, path=path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_POLICY and not wizard.policy_page.new_fields.isChecked()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    return wizard


@pytest.mark.usefixtures("persian_app")
def test_the_result_page_names_each_field_left_out(qtbot, office, cards):
    wizard = import_in_wizard(qtbot, office, cards)
    counts = wizard.summary_page.counts
    assert counts.isVisible()
    assert counts.text().splitlines()[1:] == [
        f"فیلد {q('نحوه آشنایی')} در دفتر نیست؛ مقدار ۲۰۰ کارت وارد نشد.",
        f"فیلد {q('نام مدیر')} در دفتر نیست؛ مقدار ۲۰۰ کارت وارد نشد.",
        f"فیلد {q('امتیاز')} در دفتر نیست؛ مقدار ۳ کارت وارد نشد.",
        "۲ خط X-CRM-FIELD نام فیلد ندارد و وارد نشد."]


@pytest.mark.usefixtures("persian_app")
def test_many_fields_left_out_are_listed_then_counted(qtbot, office, tmp_path):
    names = [f"فیلد {n}" for n in range(1, IGNORED_SHOWN + 10)]
    path = tmp_path / "many.vcf"
    path.write_text(card(1, *(f"{name};x" for name in names)) + card(2, f"{names[0]};y"), encoding="utf-8")
    wizard = import_in_wizard(qtbot, office, path)
    lines = wizard.summary_page.counts.text().splitlines()[1:]
    assert lines[0] == f"فیلد {q('فیلد 1')} در دفتر نیست؛ مقدار ۲ کارت وارد نشد."
    assert lines[IGNORED_SHOWN - 1] == f"فیلد {q(names[IGNORED_SHOWN - 1])} در دفتر نیست؛ مقدار ۱ کارت وارد نشد."
    assert lines[IGNORED_SHOWN].startswith(f"۹ فیلد دیگر کارت‌ها هم در دفتر نیست و مقدارشان وارد نشد: {q(names[IGNORED_SHOWN])}، ")
    assert lines[IGNORED_SHOWN].endswith(" و ۳ فیلد دیگر.") and len(lines) == IGNORED_SHOWN + 1
