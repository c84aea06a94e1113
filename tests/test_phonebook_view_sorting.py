"""Sorting the phonebook tab by a click on a column's header, as the operator does: Persian order
of the organisation, descending on a second click, dates newest first, custom columns, the phones
column left alone, and the order kept through a search, a group and an edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from crm_desktop.phonebook import model
from crm_desktop.phonebook.model import Contact, Note, Phone
from tests.test_phonebook_view import dialed, make_tab, names, office, search  # noqa: F401
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

PEOPLE = [  # (first, last, organisation) — not in any order
    ("گلناز", "یزدانی", "گلستان"),
    ("علی", "رضایی", "پارس"),
    ("ژاله", "پاکزاد", ""),
    ("بهرام", "گودرزی", "چکاد"),
    ("مریم", "احمدی", "ژرف"),
    ("کاوه", "ژیان", ""),
    ("نرگس", "تهرانی", "آریا"),
    ("پرویز", "کاظمی", "پارس"),
]
BY_ORGANISATION = ["نرگس تهرانی", "علی رضایی", "پرویز کاظمی", "بهرام گودرزی", "مریم احمدی", "گلناز یزدانی",
                   "ژاله پاکزاد", "کاوه ژیان"]  # آریا, پارس ×2 (by name), چکاد, ژرف, گلستان; then none, by name
BY_NAME = ["مریم احمدی", "ژاله پاکزاد", "نرگس تهرانی", "علی رضایی", "کاوه ژیان", "پرویز کاظمی", "بهرام گودرزی",
           "گلناز یزدانی"]


def add(office) -> dict[str, int]:
    ids = {}
    for i, (first, last, organisation) in enumerate(PEOPLE):
        ids[f"{first} {last}"] = office.phonebook.add(Contact(
            first_name=first, last_name=last, organisation=organisation, phones=[Phone(f"0912000000{i}")]))
    return ids


def click_header(qtbot, tab, key: str) -> None:
    header = tab.table.horizontalHeader()
    section = tab.model.column_index(key)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    assert header.logicalIndexAt(x) == section
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))


def indicator(tab) -> tuple[str, str]:
    header = tab.table.horizontalHeader()
    assert header.isSortIndicatorShown()
    order = "descending" if header.sortIndicatorOrder() == Qt.DescendingOrder else "ascending"
    return tab.model.columns[header.sortIndicatorSection()].key, order


def test_the_table_starts_in_name_order_and_shows_it(office, make_tab):
    add(office)
    tab = make_tab()
    assert names(tab) == BY_NAME
    assert indicator(tab) == ("name", "ascending") and tab.sort_order() == ("name", False)


def test_a_click_on_organisation_sorts_in_persian_order_and_a_second_reverses(office, make_tab, qtbot):
    add(office)
    tab = make_tab()
    tab.select_row(3)
    click_header(qtbot, tab, "organisation")
    assert names(tab) == BY_ORGANISATION
    assert indicator(tab) == ("organisation", "ascending")
    assert not tab.table.selectionModel().hasSelection() and tab.table.verticalScrollBar().value() == 0
    click_header(qtbot, tab, "organisation")
    assert indicator(tab) == ("organisation", "descending")
    assert names(tab) == ["گلناز یزدانی", "مریم احمدی", "بهرام گودرزی", "پرویز کاظمی", "علی رضایی", "نرگس تهرانی",
                          "ژاله پاکزاد", "کاوه ژیان"]  # those without one stay last
    click_header(qtbot, tab, "name")
    assert names(tab) == BY_NAME and indicator(tab) == ("name", "ascending")
    click_header(qtbot, tab, "name")
    assert names(tab) == BY_NAME[::-1] and indicator(tab) == ("name", "descending")


def test_the_order_holds_through_a_search_a_group_and_an_edit(office, make_tab, qtbot):
    ids = add(office)
    group = office.phonebook.add_group("مشتریان", "#c0392b")
    office.phonebook.add_to_group([ids["گلناز یزدانی"], ids["پرویز کاظمی"], ids["کاوه ژیان"], ids["نرگس تهرانی"]], group)
    tab = make_tab()
    click_header(qtbot, tab, "organisation")
    click_header(qtbot, tab, "organisation")  # descending
    search(tab, "0912")
    assert names(tab) == ["گلناز یزدانی", "مریم احمدی", "بهرام گودرزی", "پرویز کاظمی", "علی رضایی", "نرگس تهرانی",
                          "ژاله پاکزاد", "کاوه ژیان"]
    tab.groups.choose(group)
    assert names(tab) == ["گلناز یزدانی", "پرویز کاظمی", "نرگس تهرانی", "کاوه ژیان"]
    assert indicator(tab) == ("organisation", "descending")
    search(tab, "پرویز")
    assert names(tab) == ["پرویز کاظمی"]
    search(tab, "")
    contact = office.phonebook.get(ids["کاوه ژیان"])
    contact.organisation = "هما"  # edited elsewhere (the contact form): the table re-reads in its order
    office.phonebook.update(contact)
    office.notify({"contacts"})
    assert names(tab)[:2] == ["کاوه ژیان", "گلناز یزدانی"]


def test_phones_do_not_sort_and_dates_start_newest_first(office, make_tab, qtbot):
    ids = add(office)
    office.phonebook.add_note(Note(ids["علی رضایی"], "تماس", "call", "2025-01-01T10:00:00"))
    office.phonebook.add_note(Note(ids["ژاله پاکزاد"], "جلسه", "meeting", "2025-03-01T10:00:00"))
    office.conn.execute("UPDATE contacts SET created_at = '2020-01-01T08:00:00' WHERE id = ?", (ids["کاوه ژیان"],))
    tab = make_tab()
    click_header(qtbot, tab, "organisation")
    click_header(qtbot, tab, "phones")
    assert indicator(tab) == ("organisation", "ascending") and names(tab) == BY_ORGANISATION
    click_header(qtbot, tab, "last_contact")
    assert indicator(tab) == ("last_contact", "descending")
    assert names(tab)[:2] == ["ژاله پاکزاد", "علی رضایی"]
    click_header(qtbot, tab, "created")
    assert indicator(tab) == ("created", "descending") and names(tab)[-1] == "کاوه ژیان"
    assert tab.model.data(tab.model.index(7, tab.model.column_index("created"))) == "۱۳۹۸/۱۰/۱۱"
    click_header(qtbot, tab, "created")
    assert names(tab)[0] == "کاوه ژیان"


def test_a_custom_column_sorts_by_its_values_and_keeps_its_order_when_columns_change(office, make_tab, qtbot):
    ids = add(office)
    book = office.phonebook
    staff = book.add_field(model.CustomField("تعداد کارکنان", "number", show_in_table=True))
    for name, value in (("علی رضایی", "120"), ("مریم احمدی", "9"), ("گلناز یزدانی", "45")):
        contact = book.get(ids[name])
        contact.custom[staff] = value
        book.update(contact)
    tab = make_tab()
    click_header(qtbot, tab, f"custom.{staff}")
    assert names(tab)[:3] == ["مریم احمدی", "گلناز یزدانی", "علی رضایی"]  # 9, 45, 120: as numbers
    click_header(qtbot, tab, f"custom.{staff}")
    assert names(tab)[:3] == ["علی رضایی", "گلناز یزدانی", "مریم احمدی"]
    assert names(tab)[3:] == ["ژاله پاکزاد", "نرگس تهرانی", "کاوه ژیان", "پرویز کاظمی", "بهرام گودرزی"]
    book.add_field(model.CustomField("شهر", "text", show_in_table=True))  # the columns are built again
    assert indicator(tab) == (f"custom.{staff}", "descending")
    assert names(tab)[:3] == ["علی رضایی", "گلناز یزدانی", "مریم احمدی"]
    book.delete_field(staff)  # the sorted column goes: back to name order
    assert indicator(tab) == ("name", "ascending") and names(tab) == BY_NAME


def test_the_wait_cursor_shows_only_while_a_sorted_search_builds_its_lookup_tables(office, make_tab, qtbot,
                                                                                      monkeypatch):
    """Sorted by organisation, the first search of a big book builds order_ranks' tables (≈1.5 s
    at a million contacts): the operator sees the wait cursor for that, and only for that."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.phonebook import order_ranks, repo_order

    add(office)
    monkeypatch.setattr(repo_order, "RANKED_FROM", 0)  # any search takes order_ranks' way (a big book's)
    monkeypatch.setattr(repo_order, "RANKED_SECONDS_PER_MATCH", 0.0)  # and builds rather than walks
    monkeypatch.setattr(repo_order, "UNBUILT_WALK_S", 0.0)
    cursors = []  # the override cursor's shape while the tables are built
    build = order_ranks._build

    def watched(conn, src):
        shown = QApplication.overrideCursor()
        cursors.append(shown.shape() if shown is not None else None)
        return build(conn, src)

    monkeypatch.setattr(order_ranks, "_build", watched)
    tab = make_tab()
    click_header(qtbot, tab, "organisation")
    assert cursors == []  # sorting the whole book builds nothing
    search(tab, "0912")
    assert names(tab) == BY_ORGANISATION
    assert cursors == [Qt.WaitCursor]
    assert QApplication.overrideCursor() is None  # taken down once the page is read
    search(tab, "0912000000")  # built already: no wait cursor, no build
    assert names(tab) == BY_ORGANISATION
    assert cursors == [Qt.WaitCursor] and QApplication.overrideCursor() is None
