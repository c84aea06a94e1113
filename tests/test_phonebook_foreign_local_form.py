"""A foreign number typed as it is written in its own country, with the trunk 0 («020 7946 0999»
in Britain, «06 12 34 56 78» in France), finds its contact, as it did before version 13 dropped
that 0 from the stored form: the numbers document also holds the local form. A country that
dials no trunk 0 (+1, Spain, Italy, Kuwait…) gets none, so that no Iranian search («0912…»)
meets a Madrid number; Iranian numbers' documents are unchanged. The trunk «(0)» being typed
(«+44 (», «+44 (0») keeps the rows of «+44» until its bracket closes. Books indexed before are
indexed again (migration 14)."""

import pytest

from crm_desktop.core.phone import local_form
from crm_desktop.phonebook import model
from crm_desktop.phonebook.repo import Phonebook, SearchQuery, rebuild_search_index
from crm_desktop.phonebook.search import DocumentBuilder, number_fragment
from tests.test_phonebook_view import dialed, make_tab, names, office, search  # noqa: F401
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


@pytest.mark.parametrize("national, local", [
    ("+442079460999", "02079460999"), ("+33612345678", "0612345678"), ("+4930123456", "030123456"),
    ("+971501234567", "0501234567"), ("+905321234567", "05321234567"),
    # no trunk 0 at home: the North American 1, Russia's 8, Spain, Italy (its 0 is in the number), Kuwait
    ("+12025550100", ""), ("+74951234567", ""), ("+34912345678", ""), ("+390612345678", ""), ("+96522345678", ""),
    ("09121234567", ""), ("02188776655", ""), ("+44", ""), ("", ""),  # Iranian, a bare code, nothing
])
def test_local_form(national, local):
    assert local_form(national) == local


def test_only_a_foreign_number_adds_to_the_numbers_document():
    builder = DocumentBuilder()
    assert builder.documents([], ["09121234567", "02188776655"]) == ("", "^^09121234567 ^^02188776655")
    assert builder.documents([], ["09121234567", "+442079460999"])[1] == "^^09121234567 ^^+442079460999 ^^02079460999"


@pytest.mark.parametrize("typed, fragment", [
    ("+44 (", "+44"), ("+44 (0", "+44"), ("+۴۴ (۰", "+44"), ("0044 (0", "+44"), ("(+49) (0", "+49"),
    ("+44 (0)", "+44"), ("+44 (0) 2", "+442"),
    ("+1 (2", "+12"), ("(0", "0"), ("(021", "021"), ("+98 (0", "0"),  # an area code's bracket is no trunk
])
def test_a_trunk_bracket_being_typed_is_nothing_yet(typed, fragment):
    assert number_fragment(typed) == fragment


@pytest.fixture
def people(office):
    book = office.phonebook
    add = lambda name, number: book.add(model.normalised(model.Contact(  # noqa: E731
        first_name=name, phones=[model.Phone(number, "work")])))
    return {"london": add("جان", "+44 (0) 20 7946 0999"), "paris": add("ژولی", "+33 6 12 34 56 78"),
            "madrid": add("کارلوس", "+34 912 345 678"), "tehran": add("سارا", "0912 345 6789"),
            "office": add("دفتر", "021 2079 4609")}


def test_the_tab_finds_a_foreign_number_typed_in_its_local_form(office, make_tab, people):
    tab = make_tab()
    for typed in ("020 7946 0999", "۰۲۰ ۷۹۴۶ ۰۹۹۹", "020-7946-0999", "7946 0999", "+44 20 7946 0999"):
        search(tab, typed)
        assert names(tab) == ["جان"], typed
    for typed in ("06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78"):
        search(tab, typed)
        assert names(tab) == ["ژولی"], typed
    search(tab, "0912 345")  # an Iranian mobile search: not the Madrid number (+34 912 345 678)
    assert names(tab) == ["سارا"] and tab.count_label.text() == "۱ مخاطب"
    search(tab, "+34 912 345")
    assert names(tab) == ["کارلوس"]


def test_the_rows_stay_while_the_trunk_zero_is_typed(office, make_tab, people):
    """«+44 (0) 20 7946 0999» keystroke by keystroke: the London contact never leaves the table."""
    tab = make_tab()
    tab.search.clear()
    shown = []
    for ch in "+44 (0) 20 7946 0999":
        type_text(tab.search, ch)
        tab.search.flush()
        shown.append((tab.search.text(), names(tab)))
    assert [text for text, rows in shown if "جان" not in rows] == []
    assert shown[-1][1] == ["جان"]


def found(book, typed) -> list[int]:
    return [row.id for row in book.rows(SearchQuery(typed), 0, 100)]


def test_a_book_indexed_at_version_13_finds_the_local_form(tmp_path, monkeypatch):
    from crm_desktop.phonebook import search as search_module
    from crm_desktop.phonebook import search_index
    from crm_desktop.storage import migrations
    from crm_desktop.storage.db import open_database

    path = tmp_path / "v13.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=13)
    monkeypatch.setattr(search_module, "local_form", lambda national: "")  # the documents as version 13 made them
    book = Phonebook(conn)
    london = book.add(model.normalised(model.Contact(first_name="جان", phones=[model.Phone("+44 20 7946 0999", "work")])))
    tehran = book.add(model.normalised(model.Contact(first_name="سارا", phones=[model.Phone("0912 345 6789")])))
    rebuild_search_index(conn)
    assert found(book, "020 7946 0999") == []
    before = conn.execute("SELECT numbers FROM contact_search WHERE contact_id = ?", (tehran,)).fetchone()
    monkeypatch.undo()
    conn.close()

    conn = open_database(path)  # migrates to the latest version
    try:
        book = Phonebook(conn)
        assert found(book, "020 7946 0999") == [london] and found(book, "0912 345 6789") == [tehran]
        assert conn.execute("SELECT numbers FROM contact_search WHERE contact_id = ?", (tehran,)).fetchone() == before
        assert search_index.check(conn) == []
        indexed = {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")}
        rebuild_search_index(conn)  # what the migration left equals a fresh index
        assert {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")} == indexed
    finally:
        conn.close()
