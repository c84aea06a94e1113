"""The phonebook tab: «حسین‌زاده» typed with a ZWNJ shows the Hosseinzadehs however their name is
written, keystroke by keystroke, and not the contacts with «حسین» in one field and «… زاده» in
another (a first name and a pharmacy «داروخانه دکتر ملک‌زاده», a manager «حسین قلی‌زاده»); in a
book with no Hosseinzadeh the footer says nothing was found, as the tester expected of the demo
book. Typed with a space, the two words still match in any fields."""

from __future__ import annotations

import pytest

from crm_desktop.phonebook.model import Contact, Phone
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

ZWNJ = "\u200c"
HOSSEINZADEH = [dict(first_name="مریم", last_name="حسین" + ZWNJ + "زاده"),
                dict(first_name="سارا", last_name="حسین زاده"),
                dict(first_name="نرگس", last_name="حسینزاده")]
APART = [dict(first_name="حسین", last_name="احمدی", organisation="داروخانه دکتر ملک" + ZWNJ + "زاده"),
         dict(first_name="حسین", last_name="ملک" + ZWNJ + "زاده"),
         dict(first_name="آرمان", last_name="گودرزی", manager="حسین قلی" + ZWNJ + "زاده")]


def make_tab(db_path, qtbot, people):
    from crm_desktop.office import Office
    from crm_desktop.phonebook.view import PhonebookTab
    from crm_desktop.shell.events import OfficeEvents

    office = Office(db_path)
    for i, person in enumerate(people):
        office.phonebook.add(Contact(**person, phones=[Phone(f"0912{i:07d}")]))
    events = OfficeEvents(office)
    shown = PhonebookTab(office, events, None)
    shown.events_ref = events
    qtbot.addWidget(shown)
    shown.resize(900, 420)
    shown.show()
    qtbot.waitExposed(shown)
    return office, shown


@pytest.fixture
def tab(db_path, qtbot):
    office, shown = make_tab(db_path, qtbot, [*HOSSEINZADEH, *APART])
    with office:
        yield shown


def names(tab) -> list[str]:
    column = tab.model.column_index("name")
    return [tab.model.data(tab.model.index(row, column)) for row in range(tab.model.rowCount())]


def search(tab, text: str) -> list[str]:
    tab.search.clear()
    type_text(tab.search, text)
    tab.search.flush()  # what the debounce timer does 150 ms later
    return names(tab)


def test_typed_with_a_zwnj_it_shows_the_surname_only(tab):
    shown = search(tab, "حسین" + ZWNJ + "زاده")
    assert sorted(shown) == sorted(["مریم حسین‌زاده", "سارا حسین زاده", "نرگس حسینزاده"])
    assert tab.count_label.text() == "۳ مخاطب"
    assert tab.search.text() == "حسین" + ZWNJ + "زاده"  # what the operator typed stays as typed


def test_the_rows_follow_each_keystroke(tab):
    """«حسین» and «حسین‌» (the ZWNJ typed, nothing after it yet) show every «حسین…»; from «حسین‌ز»
    on, only the one word."""
    counts = []
    tab.search.clear()
    for letter in "حسین" + ZWNJ + "زاده":
        type_text(tab.search, letter)
        tab.search.flush()
        counts.append(len(names(tab)))
    assert counts == [6, 6, 6, 6, 6, 3, 3, 3, 3]


def test_typed_with_a_space_the_two_words_match_anywhere(tab):
    """«حسین زاده» may be a first name and a surname: the contacts with both words in any fields."""
    assert len(search(tab, "حسین زاده")) == 6
    assert tab.count_label.text() == "۶ مخاطب"


def test_a_book_without_the_surname_says_so(db_path, qtbot):
    office, tab = make_tab(db_path, qtbot, APART)
    with office:
        assert search(tab, "حسین" + ZWNJ + "زاده") == []
        assert tab.count_label.text() == "مخاطبی با «\u2068حسین\u200cزاده\u2069» پیدا نشد."
        assert len(search(tab, "حسین")) == 3
