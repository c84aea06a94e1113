"""The phonebook tab: a compound name typed joined, apart or with a ZWNJ shows the contacts whose
name is written any of those ways, letter by letter as the operator types, with the footer
count; the first and last name are not read as one word."""

from __future__ import annotations

import pytest

from crm_desktop.phonebook.model import Contact, Phone
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

ZWNJ = "\u200c"
PEOPLE = [("علیرضا", "احمدی"), ("علی رضا", "کریمی"), ("علی" + ZWNJ + "رضا", "نوری"), ("علی", "رضایی"),
          ("مریم", "حسین" + ZWNJ + "زاده"), ("سارا", "حسین زاده"), ("نرگس", "حسینزاده"), ("کاوه", "ژیان")]
ALIREZA = ["علیرضا احمدی", "علی رضا کریمی", "علی‌رضا نوری"]  # in Persian order: احمدی, کریمی, نوری
HOSSEINZADEH = ["مریم حسین‌زاده", "سارا حسین زاده", "نرگس حسینزاده"]


@pytest.fixture
def tab(db_path, qtbot):
    from crm_desktop.office import Office
    from crm_desktop.phonebook.view import PhonebookTab
    from crm_desktop.shell.events import OfficeEvents

    with Office(db_path) as office:
        for i, (first, last) in enumerate(PEOPLE):
            office.phonebook.add(Contact(first_name=first, last_name=last, phones=[Phone(f"0912{i:07d}")]))
        events = OfficeEvents(office)
        shown = PhonebookTab(office, events, None)
        shown.events_ref = events
        qtbot.addWidget(shown)
        shown.resize(900, 420)
        shown.show()
        qtbot.waitExposed(shown)
        yield shown


def names(tab) -> list[str]:
    column = tab.model.column_index("name")
    return [tab.model.data(tab.model.index(row, column)) for row in range(tab.model.rowCount())]


def search(tab, text: str) -> list[str]:
    tab.search.clear()
    type_text(tab.search, text)
    tab.search.flush()  # what the debounce timer does 150 ms later
    return names(tab)


@pytest.mark.parametrize("typed", ["علیرضا", "علیر"])
def test_a_first_name_typed_joined_shows_every_way_it_is_written(tab, typed):
    assert search(tab, typed) == ALIREZA
    assert tab.count_label.text() == "۳ مخاطب"


@pytest.mark.parametrize("typed", ["علی رضا", "علی" + ZWNJ + "رضا", "علی رض", "علی" + ZWNJ + "ر"])
def test_typed_apart_it_also_shows_the_first_and_last_name_that_begin_so(tab, typed):
    """Typed with a ZWNJ too: the joined form or both parts anywhere, in Persian order."""
    # «رضا» may be «رضایی» half typed; the rows in Persian order of the last name, as every result
    assert search(tab, typed) == ["علیرضا احمدی", "علی رضایی", "علی رضا کریمی", "علی‌رضا نوری"]
    assert tab.count_label.text() == "۴ مخاطب"
    assert "علی رضایی" not in search(tab, "علیرضا")  # one name is not two
    assert search(tab, "علیرضایی") == [] and tab.count_label.text() == "مخاطبی با «\u2068علیرضایی\u2069» پیدا نشد."


@pytest.mark.parametrize("typed", ["حسینزاده", "حسین زاده", "حسین" + ZWNJ + "زاده"])
def test_a_surname_typed_any_way_shows_every_way_it_is_written(tab, typed):
    assert sorted(search(tab, typed)) == sorted(HOSSEINZADEH)
    assert tab.count_label.text() == "۳ مخاطب"


def test_the_rows_follow_each_keystroke(tab):
    """Letter by letter, as the table follows the operator's typing."""
    shown = []
    tab.search.clear()
    for letter in "علیرضا":
        type_text(tab.search, letter)
        tab.search.flush()
        shown.append(len(names(tab)))
    assert shown == [4, 4, 4, 3, 3, 3]  # «ع», «عل», «علی»: the four علی…; from «علیر» the three علیرضا
