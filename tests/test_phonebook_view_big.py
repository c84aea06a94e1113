"""The phonebook tab over a big book: it reads only the pages it shows, never the whole table."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from crm_desktop.core.digits import format_number, to_persian
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

N = 100_000


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    from crm_desktop.demo.generate import fill_contacts
    from crm_desktop.office import Office

    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    with Office(path) as office:
        fill_contacts(office.conn, N, seed=7)
        rebuild = getattr(office.phonebook, "rebuild_search_index", None)
        if rebuild is not None:
            rebuild()
    return path


def test_a_100k_book_is_read_a_few_pages_at_a_time(big_db, qtbot):
    from crm_desktop.office import Office
    from crm_desktop.phonebook.view import PhonebookTab
    from crm_desktop.shell.events import OfficeEvents

    with Office(big_db) as office:
        tab = PhonebookTab(office, OfficeEvents(office), None)
        qtbot.addWidget(tab)
        tab.resize(1100, 650)
        tab.show()
        qtbot.waitExposed(tab)
        assert tab.count_label.text() == "۱۰۰٬۰۰۰ مخاطب"
        assert tab.model.pages_fetched <= 2
        scroll = tab.table.verticalScrollBar()
        for value in (scroll.maximum() // 2, scroll.maximum()):
            scroll.setValue(value)
            tab.table.viewport().repaint()
        assert tab.model.pages_fetched <= 5
        assert tab.model.row_object(N - 1) is not None

        wanted = tab.model.row_object(N // 2)  # somebody in the middle of the book
        number = office.phonebook.get(wanted.id).phones[0].national
        started = time.perf_counter()
        type_text(tab.search, to_persian(number[:8]))
        typing = time.perf_counter() - started
        assert typing < 0.2  # typing never waits for the database (the search runs after the pause)
        assert tab.search.is_pending()
        before = tab.model.pages_fetched
        tab.search.flush()
        tab.table.viewport().repaint()
        assert 0 < tab.model.rowCount() < N
        assert tab.model.pages_fetched - before <= 2
        tab.search.clear()
        type_text(tab.search, number)
        tab.search.flush()
        assert tab.model.row_object(0).id == wanted.id
        assert tab.count_label.text() == f"{format_number(tab.model.rowCount())} مخاطب"
