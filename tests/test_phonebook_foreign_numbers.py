"""A foreign number as the operator sees it: grouped («+۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸») in the contact form's
row, the phonebook table, the printed card and the exported sheet, while it is stored and
searched as one run of digits («+442079460958») as before."""

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


def add_foreign(office) -> int:
    return office.phonebook.add(model.normalised(model.Contact(
        first_name="جان", last_name="اسمیت", phones=[model.Phone("+4420794609 58", "other"),
                                                     model.Phone("+971501234567", "work")])))


def test_the_form_shows_a_typed_foreign_number_grouped_and_stores_its_digits(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "جان")
    row = dialog.phones.rows[0]
    row.kind.setCurrentIndex(row.kind.findData("other"))
    typed(row.number.edit, "+4420794609 58")
    assert row.number.edit.text() == LONDON and row.number.shown_error() == ""
    contact_id = dialog.save()
    assert [p.national for p in office.phonebook.get(contact_id).phones] == ["+442079460958"]

    again = open_dialog(qtbot, office, contact_id)  # a stored one opens grouped too
    assert again.phones.rows[0].number.edit.text() == LONDON


def test_the_table_shows_it_grouped_and_the_search_finds_it_typed_either_way(office, make_tab):
    add_foreign(office)
    tab = make_tab()
    assert cell(tab, 0, "phones") == f"{LRI}{LONDON}{PDI}، {LRI}+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷{PDI}"
    for typed_text in ("+44 20 7946 0958", "+442079460958", "۷۹۴۶۰۹۵۸"):
        search(tab, typed_text)
        assert names(tab) == ["جان اسمیت"], typed_text


def test_the_card_prints_it_grouped_left_to_right(office, tmp_path):
    contact = office.phonebook.get(add_foreign(office))
    out = tmp_path / "card.pdf"
    report.write_contact_card(out, contact, [])
    text = read_pdf(out)[0].visual_text()
    assert LONDON in text and "+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷" in text


def test_the_exported_sheet_shows_it_grouped(office, tmp_path):
    add_foreign(office)
    out = tmp_path / "book.csv"
    export_contacts(office.phonebook, None, out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    row = dict(zip(rows[0], rows[1]))
    assert (row["تلفن دیگر"], row["تلفن محل کار"]) == ("'+44 20 7946 0958", "'+971 50 123 4567")
