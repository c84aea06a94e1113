"""A foreign number as the operator sees it: in the groups it was typed with («+۳۳ ۱ ۴۲ ۶۸ ۵۳ ۰۰»),
or, typed as one run of digits, grouped by its country («+۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸»), in the contact
form's row, the phonebook table, the printed card and the exported sheets, while it is stored and
searched as one run of digits («+33142685300»). A trunk 0 written in brackets after the country
code («+44 (0) 20 7946 0999») is no part of what is stored, searched or shown; a book saved
before that rule is brought up to it when it is opened (migration 13)."""

import csv
import io

import pytest

from crm_desktop.phonebook import model, report
from crm_desktop.phonebook.exporter import export_contacts
from tests.pdf_helpers import read_pdf
from tests.test_phonebook_dialogs import no_modal_boxes, open_dialog, typed  # noqa: F401
from tests.test_phonebook_view import LRI, PDI, cell, dialed, make_tab, names, office, search  # noqa: F401
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

LONDON = "+۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸"
PARIS = "+۳۳ ۱ ۴۲ ۶۸ ۵۳ ۰۰"
SYDNEY = "+۶۱ ۲ ۹۳۷۴ ۴۰۰۰"
LONDON_ZERO = "+۴۴ ۲۰ ۷۹۴۶ ۰۹۹۹"  # typed «+44 (0) 20 7946 0999»


def add_foreign(office) -> int:
    """Typed with groups of their own (Paris, Sydney, London with its «(0)») and as runs of
    digits (London, Dubai)."""
    return office.phonebook.add(model.normalised(model.Contact(
        first_name="جان", last_name="اسمیت", phones=[
            model.Phone("+33 1 42 68 53 00", "work"), model.Phone("+61-2-9374-4000", "other"),
            model.Phone("+44 (0) 20 7946 0999", "home"), model.Phone("+442079460958", "other"),
            model.Phone("+971501234567", "work")])))


@pytest.mark.parametrize("kind", ["other", "work"])  # «دیگر» and a fixed line take it by two rules
@pytest.mark.parametrize("text, shown, national", [
    ("+33 1 42 68 53 00", PARIS, "+33142685300"),
    ("+61 2 9374 4000", SYDNEY, "+61293744000"),
    ("0033-1-42-68-53-00", PARIS, "+33142685300"),
    ("+44 (0) 20 7946 0999", LONDON_ZERO, "+442079460999"),
    ("+442079460958", LONDON, "+442079460958"),  # no groups typed: the country's
    ("+33142685300", "+۳۳ ۱۴ ۲۶۸ ۵۳۰۰", "+33142685300"),  # no groups typed, no line of its own
])
def test_the_form_shows_a_foreign_number_as_typed_and_stores_its_digits(qtbot, office, kind, text, shown, national):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "جان")
    row = dialog.phones.rows[0]
    row.kind.setCurrentIndex(row.kind.findData(kind))
    typed(row.number.edit, text)
    assert row.number.edit.text() == shown and row.number.shown_error() == ""
    contact_id = dialog.save()
    assert [p.national for p in office.phonebook.get(contact_id).phones] == [national]

    again = open_dialog(qtbot, office, contact_id)  # a stored one opens as it was shown
    assert again.phones.rows[0].number.edit.text() == shown
    again.phones.rows[0].number.validate()  # and leaving the field changes nothing
    assert again.phones.rows[0].number.edit.text() == shown


def test_the_table_shows_them_as_typed_and_the_search_finds_them_typed_any_way(office, make_tab):
    add_foreign(office)
    tab = make_tab()
    shown = [PARIS, SYDNEY, LONDON_ZERO, LONDON, "+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷"]
    assert cell(tab, 0, "phones") == "، ".join(f"{LRI}{number}{PDI}" for number in shown)
    for typed_text in ("+33 1 42 68 53 00", "+33142685300", "+33 14 268 5300", "+61 2 9374 4000",
                       "+44 20 7946 0999", "+442079460999", "+44 20 7946 0958", "۷۹۴۶۰۹۵۸",
                       "+44 (0) 20 7946 0999", "0044 (0)20 7946", "+۴۴ (۰) ۲۰ ۷۹۴۶ ۰۹۹۹"):  # «(0)» typed as written
        search(tab, typed_text)
        assert names(tab) == ["جان اسمیت"], typed_text
    search(tab, "+4402079460999")  # the «(0)» is no part of the number
    assert names(tab) == []


def test_a_number_typed_with_its_trunk_zero_meets_the_same_number_typed_without(office):
    contact_id = add_foreign(office)
    assert [owner for owner, _name in office.phonebook.phone_owners("+44 20 7946 0999")] == [contact_id]
    assert [owner for owner, _name in office.phonebook.phone_owners("0044 (0)20 7946 0999")] == [contact_id]
    stored = office.phonebook.get(contact_id).phones[2]
    assert (stored.number, stored.national) == ("+44 (0) 20 7946 0999", "+442079460999")  # typed: kept


def test_the_card_prints_them_as_typed_left_to_right(office, tmp_path):
    contact = office.phonebook.get(add_foreign(office))
    out = tmp_path / "card.pdf"
    report.write_contact_card(out, contact, [])
    text = read_pdf(out)[0].visual_text()
    for number in (PARIS, SYDNEY, LONDON_ZERO, LONDON, "+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷"):
        assert number in text, number


def test_the_exported_sheets_show_them_as_typed(office, tmp_path):
    from openpyxl import load_workbook

    add_foreign(office)
    out = tmp_path / "book.csv"
    export_contacts(office.phonebook, None, out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    row = dict(zip(rows[0], rows[1]))
    assert row["تلفن محل کار"] == "'+33 1 42 68 53 00، +971 50 123 4567"
    assert row["تلفن دیگر"] == "'+61 2 9374 4000، +44 20 7946 0958"
    assert row["تلفن منزل"] == "'+44 20 7946 0999"

    out = tmp_path / "book.xlsx"
    export_contacts(office.phonebook, None, out)
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]]))
    assert values["تلفن محل کار"] == "+33 1 42 68 53 00، +971 50 123 4567"
    assert values["تلفن منزل"] == "+44 20 7946 0999"


def found(book, typed) -> list[int]:
    from crm_desktop.phonebook.repo import SearchQuery

    return [row.id for row in book.rows(SearchQuery(typed), 0, 100)]


def test_a_book_saved_before_version_13_finds_a_number_typed_with_its_trunk_zero(tmp_path):
    from crm_desktop.phonebook import search_index
    from crm_desktop.phonebook.repo import Phonebook, rebuild_search_index
    from crm_desktop.storage import migrations
    from crm_desktop.storage.db import open_database

    path = tmp_path / "v12.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=12)
    book = Phonebook(conn)
    kept = book.add(model.normalised(model.Contact(first_name="جان", phones=[
        model.Phone("+44 (0) 20 7946 0999", "work"), model.Phone("+49 (0)30 1234 5678", "other")])))
    other = book.add(model.normalised(model.Contact(first_name="سارا", phones=[
        model.Phone("+44 20 7946 0958", "work"), model.Phone("+1 (202) 555-0100", "other")])))
    with conn:  # as version 12 stored them: the bracketed 0 in the national form
        conn.execute("UPDATE contact_phones SET national = '+4402079460999' WHERE national = '+442079460999'")
        conn.execute("UPDATE contact_phones SET national = '+4903012345678' WHERE national = '+493012345678'")
    rebuild_search_index(conn)
    assert found(book, "+44 20 7946 0999") == []
    conn.close()

    conn = open_database(path)  # migrates to the latest version
    try:
        book = Phonebook(conn)
        assert [p.national for p in book.get(kept).phones] == ["+442079460999", "+493012345678"]
        assert [p.number for p in book.get(kept).phones] == ["+44 (0) 20 7946 0999", "+49 (0)30 1234 5678"]
        assert [p.national for p in book.get(other).phones] == ["+442079460958", "+12025550100"]  # untouched
        assert found(book, "+44 20 7946 0999") == [kept]
        assert found(book, "+49 30 1234 5678") == [kept]
        assert search_index.check(conn) == []
        indexed = {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")}
        rebuild_search_index(conn)  # what the migration left equals a fresh index
        assert {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")} == indexed
    finally:
        conn.close()
