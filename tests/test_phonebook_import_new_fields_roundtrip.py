"""The demo book exported as CSV, XLSX and vCard (real processes) and imported into an empty book
with ``--new-fields``: the custom values (choice, date, number) all come back, in fields of the
kinds they had (the choice list with the choices its contacts hold), found by the search line
and shown as the phonebook table's columns."""

import json
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from crm_desktop.demo.phonebook_extras import SOURCES
from crm_desktop.office import Office
from crm_desktop.phonebook.model import CustomField
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.storage.db import open_database
from tests.conftest import run_cli
from tests.ui_helpers import persian_app  # noqa: F401

NUMBERS = ["1250", "2.5", "-7", "90017", "3"]  # the values the test gives «شماره پرونده»


def cli(*args, db):
    done = run_cli(*args, db=db)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The demo book (with a number field added) and its three exports."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.sqlite3"
    cli("demo-data", "--contacts", "120", "--reminders", "0", "--cheques", "0", "--files", "0",
        "--attendance-months", "0", db=db)
    conn = open_database(db)
    try:
        book = Phonebook(conn)
        number = book.add_field(CustomField("شماره پرونده", "number"))
        for value, contact in zip(NUMBERS, book.iter_contacts()):
            contact.custom[number] = value
            book.update(contact)
    finally:
        conn.close()
    files = {}
    for fmt in ("csv", "xlsx", "vcf"):
        files[fmt] = folder / f"contacts.{fmt}"
        cli("export", "contacts", "--format", fmt, "--out", files[fmt], db=db)
    return db, files


def custom_values(db) -> Counter:
    """(display name, ((field name, value), …)) of every contact with custom values."""
    conn = open_database(db)
    try:
        book = Phonebook(conn)
        names = {f.id: f.name for f in book.fields()}
        return Counter((c.display_name, tuple(sorted((names[k], v) for k, v in c.custom.items())))
                       for c in book.iter_contacts() if c.custom)
    finally:
        conn.close()


@pytest.fixture
def office_of():
    opened = []

    def open_office(path):
        opened.append(Office(path))
        return opened[-1]
    yield open_office
    for office in opened:
        office.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_an_export_imported_into_an_empty_book_keeps_every_custom_value(exported, tmp_path, fmt, qtbot, office_of):
    source, files = exported
    before = custom_values(source)
    kinds = {name for _, values in before for name, _ in values}
    assert kinds == {"نحوه آشنایی", "تاریخ تولد همسر", "شماره پرونده"}  # the demo has all three
    db = tmp_path / "empty.sqlite3"
    summary = json.loads(cli("import", "contacts", files[fmt], "--new-fields", "--json", db=db).stdout)
    assert summary["rejected"] == 0 and summary["ignored_columns"] == []
    assert {f["name"]: f["kind"] for f in summary["created_fields"]} == {
        "نحوه آشنایی": "choice", "تاریخ تولد همسر": "date", "شماره پرونده": "number"}
    assert custom_values(db) == before
    held = {value for _, values in before for name, value in values if name == "نحوه آشنایی"}
    assert len(held) >= 2 and set(SOURCES) >= held  # the demo's choices its contacts hold, no other
    made = next(f for f in summary["created_fields"] if f["kind"] == "choice")["choices"]
    assert sorted(made) == sorted(held)

    office = office_of(db)
    book = office.phonebook
    fields = {f.name: f for f in book.fields()}
    contact = next(c for c in book.iter_contacts() if c.custom.get(fields["شماره پرونده"].id) == "90017")
    dated = next(c for c in book.iter_contacts() if c.custom.get(fields["تاریخ تولد همسر"].id))
    found = lambda text: [r.id for r in book.rows(SearchQuery(text), 0, 500)]  # noqa: E731
    assert found("90017") == [contact.id]
    from crm_desktop.core.jalali import format_date
    from datetime import date

    day = format_date(date.fromisoformat(dated.custom[fields["تاریخ تولد همسر"].id]))  # «۱۳۶۵/۰۴/۱۲»
    assert dated.id in found(day)
    source_of = next(c for c in book.iter_contacts() if c.custom.get(fields["نحوه آشنایی"].id))
    assert source_of.id in found(source_of.custom[fields["نحوه آشنایی"].id])

    from crm_desktop.phonebook.view import PhonebookTab
    from crm_desktop.shell.events import OfficeEvents

    events = OfficeEvents(office)
    tab = PhonebookTab(office, events, None)
    tab.events_ref = events
    qtbot.addWidget(tab)
    model = tab.model
    header = [model.headerData(i, Qt.Horizontal) for i in range(model.columnCount())]
    assert header[-3:] == ["نحوه آشنایی", "تاریخ تولد همسر", "شماره پرونده"]
    tab.search.setText("90017")
    tab.search.flush()
    assert model.rowCount() == 1
    assert model.data(model.index(0, model.column_index(f"custom.{fields['شماره پرونده'].id}"))) == "۹۰۰۱۷"
    tab.search.setText(day)
    tab.search.flush()
    shown = [model.data(model.index(r, model.column_index(f"custom.{fields['تاریخ تولد همسر'].id}")))
             for r in range(model.rowCount())]
    assert day in shown
