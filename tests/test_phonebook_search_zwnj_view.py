"""The phonebook tab: «حسین‌زاده» typed with a ZWNJ shows the Hosseinzadehs however their name is
written and also the contacts with «حسین» in one field and «… زاده» in another (a first name and
a pharmacy «داروخانه دکتر ملک‌زاده»), all in Persian order; typed joined, «حسینزاده» shows the
Hosseinzadehs only. A note that writes «وب سایت» apart is found by «وب‌سایت», keystroke by
keystroke, as the user test expected."""

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


def test_typed_with_a_zwnj_it_shows_the_word_and_its_parts_in_persian_order(tab):
    shown = search(tab, "حسین" + ZWNJ + "زاده")
    assert shown == ["حسین احمدی", "سارا حسین زاده", "مریم حسین‌زاده", "نرگس حسینزاده", "آرمان گودرزی",
                     "حسین ملک‌زاده"]  # by last name: احمدی, حسین زاده, حسین‌زاده, حسینزاده, گودرزی, ملک‌زاده
    assert tab.count_label.text() == "۶ مخاطب"
    assert tab.search.text() == "حسین" + ZWNJ + "زاده"  # what the operator typed stays as typed


def test_typed_joined_it_shows_the_surname_only(tab):
    assert search(tab, "حسینزاده") == ["سارا حسین زاده", "مریم حسین‌زاده", "نرگس حسینزاده"]
    assert tab.count_label.text() == "۳ مخاطب"


def test_typed_with_a_space_the_two_words_match_anywhere(tab):
    """«حسین زاده» may be a first name and a surname: the contacts with both words in any fields."""
    assert len(search(tab, "حسین زاده")) == 6
    assert tab.count_label.text() == "۶ مخاطب"


def test_a_note_written_apart_follows_each_keystroke(db_path, qtbot):
    """The notes «خرید از وب سایت» and «خرید از وب‌سایت»: «وب‌» «وب‌س» … «وب‌سایت» show both."""
    office, tab = make_tab(db_path, qtbot, [dict(first_name="نادر", last_name="صدری", note="خرید از وب سایت"),
                                            dict(first_name="لیلا", last_name="فرهادی",
                                                 note="خرید از وب" + ZWNJ + "سایت"),
                                            dict(first_name="وحید", last_name="بابایی", note="خرید حضوری")])
    with office:
        shown = []
        tab.search.clear()
        for letter in "وب" + ZWNJ + "سایت":
            type_text(tab.search, letter)
            tab.search.flush()
            shown.append(names(tab))
        assert shown[0] == ["وحید بابایی", "نادر صدری", "لیلا فرهادی"]  # «و»: وحید too
        assert shown[1:] == [["نادر صدری", "لیلا فرهادی"]] * 6  # وب، وب‌، وب‌س … وب‌سایت: both notes
        assert tab.count_label.text() == "۲ مخاطب"


def test_a_book_without_the_surname(db_path, qtbot):
    """Typed with a ZWNJ, the contacts that hold both parts apart are shown (the lesser evil);
    typed joined, the footer says nothing was found."""
    office, tab = make_tab(db_path, qtbot, APART)
    with office:
        assert len(search(tab, "حسین" + ZWNJ + "زاده")) == 3
        assert search(tab, "حسینزاده") == []
        assert tab.count_label.text() == "مخاطبی با «\u2068حسینزاده\u2069» پیدا نشد."
        assert len(search(tab, "حسین")) == 3
