"""A foreign number keeps the groups it was typed with («+۳۳ ۱ ۴۲ ۶۸ ۵۳ ۰۰», not the general
«+۳۳ ۱۴ ۲۶۸ ۵۳۰۰») wherever the typed number is at hand, as in the table and the card: the
contact form's duplicate-number warning, the contact picker of the cheque and reminder forms,
the import wizard's preview and the CLI's text search."""

import pytest

from crm_desktop.phonebook import model
from crm_desktop.phonebook.views.contact_picker import ContactPicker
from crm_desktop.ui import dialogs
from tests.conftest import run_cli
from tests.test_phonebook_dialogs import answering, no_modal_boxes, office, open_dialog, typed  # noqa: F401
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

PARIS = "+۳۳ ۱ ۴۲ ۶۸ ۵۳ ۰۰"
LRI, PDI = "\u2066", "\u2069"


def add_paris(office) -> int:
    return office.phonebook.add(model.normalised(model.Contact(
        first_name="ژولی", last_name="مارتن", phones=[model.Phone("+33 1 42 68 53 00", "work")])))


def test_the_duplicate_warning_shows_the_number_as_typed(qtbot, office, monkeypatch):
    add_paris(office)
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", answering("contact.duplicate.cancel", seen))
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "ژان")
    row = dialog.phones.rows[0]
    row.kind.setCurrentIndex(row.kind.findData("work"))
    typed(row.number.edit, "+33-1-42-68-53-00")
    assert row.number.edit.text() == PARIS
    assert dialog.save() is None
    (name, text), = seen
    assert name == "contact.duplicate"
    assert text.splitlines()[0] == f"شمارهٔ {LRI}{PARIS}{PDI} پیش‌تر برای «ژولی مارتن» ثبت شده است."


def test_the_contact_picker_shows_the_number_as_typed(qtbot, office):
    contact_id = add_paris(office)
    picker = ContactPicker(office)
    qtbot.addWidget(picker)
    picker.set_contact_id(contact_id)
    assert picker.edit.text() == f"ژولی مارتن — {LRI}{PARIS}{PDI}"
    picker.clear()
    assert picker.search("مارتن") == [(contact_id, f"ژولی مارتن — {LRI}{PARIS}{PDI}")]
    assert picker.choose(0) == contact_id and picker.edit.text() == f"ژولی مارتن — {LRI}{PARIS}{PDI}"


def test_the_import_preview_shows_the_number_as_the_file_writes_it(tmp_path):
    from crm_desktop.phonebook.columns import suggest_mapping
    from crm_desktop.phonebook.table import read_table
    from crm_desktop.phonebook.views import import_run

    path = tmp_path / "contacts.csv"
    path.write_text("نام,نام خانوادگی,تلفن محل کار\nژولی,مارتن,+33 1 42 68 53 00\nجان,اسمیت,+442079460958\n",
                    encoding="utf-8-sig")
    table = read_table(path)
    rows = import_run.preview(table, suggest_mapping(table.headers), 5)
    assert [row.phones for row in rows] == [f"{LRI}{PARIS}{PDI}", f"{LRI}+۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸{PDI}"]  # no groups: the country's


def test_the_cli_search_prints_the_number_as_typed(office, db_path):
    add_paris(office)
    office.phonebook.add(model.normalised(model.Contact(first_name="سارا", phones=[model.Phone("0912 123 4567")])))
    office.close()  # the office of tmp_path / "office.sqlite3", the db_path a process opens
    done = run_cli("search", "+33", db=db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["ژولی مارتن\t\t+33 1 42 68 53 00"]
