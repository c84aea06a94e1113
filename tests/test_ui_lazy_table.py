"""LazyTableModel: a million rows through a QTableView, only a few pages ever fetched."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QTableView

from crm_desktop.ui.lazy_table import (
    NUMBER_ALIGN,
    Column,
    LazyTableModel,
    ListSource,
    ObjectRole,
    SortRole,
    setup_table_view,
)
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

MILLION = 1_000_000


@dataclass
class Row:
    id: int
    name: str
    balance: int | None


class FakeSource:
    """A million rows that exist only when asked for; it counts every question."""

    def __init__(self, n=MILLION, prefix="مخاطب"):
        self.n = n
        self.prefix = prefix
        self.calls: list[tuple[int, int]] = []
        self.count_calls = 0
        self.order = None

    def count(self):
        self.count_calls += 1
        return self.n

    def rows(self, offset, limit):
        self.calls.append((offset, limit))
        end = min(offset + limit, self.n)
        sign = -1 if self.order and self.order[1] else 1
        return [Row(i if sign > 0 else self.n - 1 - i, f"{self.prefix} {i}", i * 10 if i % 2 else None)
                for i in range(offset, end)]


class SortableSource(FakeSource):
    def set_order(self, key, descending):
        self.order = (key, descending)


COLUMNS = [
    Column("id", "شناسه", align=NUMBER_ALIGN),
    Column("name", "نام", lambda r: r.name, sort_key=lambda r: r.name.casefold()),
    Column("balance", "مانده"),
]


def make_view(qtbot, source, **options):
    model = LazyTableModel(COLUMNS, source, **options)
    view = QTableView()
    view.resize(600, 400)
    setup_table_view(view, model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.model_for_test = model  # pytest-qt keeps only weak references
    return view, model


def test_scrolling_a_million_rows_fetches_only_a_few_pages(qtbot):
    source = FakeSource()
    view, model = make_view(qtbot, source, page_size=200, max_pages=6)
    assert model.rowCount() == MILLION
    bar = view.verticalScrollBar()
    for value in (0, bar.maximum() // 3, bar.maximum() // 2, bar.maximum() - 10, bar.maximum()):
        bar.setValue(value)
        view.viewport().repaint()
        top = view.indexAt(QPoint(view.viewport().width() // 2, 2))  # the first row painted
        assert top.isValid()
        assert model.data(top.siblingAtColumn(0)) == str(top.row()).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    view.scrollToBottom()
    view.viewport().repaint()
    last = model.index(MILLION - 1, 1)
    assert model.data(last) == "مخاطب 999999"
    assert all(limit == 200 for _, limit in source.calls)
    assert all(offset % 200 == 0 for offset, _ in source.calls)
    assert len(source.calls) <= 12, source.calls  # a handful of pages, not a million rows
    assert len(model.cached_pages()) <= 6
    assert sum(len(model._page(p)) for p in model.cached_pages()) <= 6 * 200
    assert source.count_calls == 1


def test_the_same_page_is_not_fetched_twice_while_cached(qtbot):
    source = FakeSource(n=1000)
    model = LazyTableModel(COLUMNS, source, page_size=100, max_pages=2)
    for row in (0, 50, 99, 150, 10, 199):
        model.data(model.index(row, 0))
    assert source.calls == [(0, 100), (100, 100)]
    model.data(model.index(250, 0))  # a third page pushes out the least recently used (page 1)
    model.data(model.index(5, 0))
    assert source.calls[-2:] == [(200, 100), (0, 100)] and model.cached_pages() == [2, 0]
    assert model.pages_fetched == 4


def test_roles(qtbot):
    model = LazyTableModel(COLUMNS, FakeSource(n=10))
    index = model.index(3, 0)
    obj = model.data(index, ObjectRole)
    assert isinstance(obj, Row) and obj.id == 3 and model.row_object(3) is obj
    assert model.data(index) == "۳"  # numbers shown in Persian digits
    assert model.data(model.index(2, 2)) == ""  # None shows empty
    assert model.data(model.index(3, 2)) == "۳۰"
    assert model.data(model.index(3, 1), SortRole) == "مخاطب 3"
    assert model.data(model.index(3, 0), SortRole) == 3
    assert model.data(index, Qt.TextAlignmentRole) == NUMBER_ALIGN
    assert model.data(model.index(3, 1), Qt.TextAlignmentRole) is None
    assert model.headerData(1, Qt.Horizontal) == "نام"
    assert model.headerData(0, Qt.Vertical) == "۱"
    assert model.column_index("balance") == 2
    assert model.row_object(10) is None and model.row_object(-1) is None
    assert model.data(QModelIndex()) is None


def test_roles_from_dicts():
    model = LazyTableModel([Column("name", "نام")], ListSource([{"name": "پریا"}]))
    assert model.data(model.index(0, 0)) == "پریا"


def test_reset_swaps_the_query_in_one_reset(qtbot):
    view, model = make_view(qtbot, FakeSource())
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    narrow = FakeSource(n=3, prefix="رضا")
    model.reset(narrow)
    view.viewport().repaint()
    assert resets == [True]
    assert model.rowCount() == 3
    assert model.data(model.index(0, 1)) == "رضا 0"
    assert narrow.calls == [(0, 200)]
    assert model.cached_pages() == [0]


def test_refresh_after_a_write_keeps_the_source(qtbot):
    source = FakeSource(n=5)
    model = LazyTableModel(COLUMNS, source)
    model.data(model.index(0, 0))
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    source.n = 7
    model.refresh()
    assert inserted == [(5, 6)] and model.rowCount() == 7
    assert model.cached_pages() == []
    removed = []
    model.rowsRemoved.connect(lambda parent, first, last: removed.append((first, last)))
    source.n = 2
    model.refresh()
    assert removed == [(2, 6)] and model.rowCount() == 2


def test_clicking_a_header_asks_the_source_to_sort(qtbot):
    source = SortableSource()
    view, model = make_view(qtbot, source)
    assert source.order is None  # set-up does not sort
    header = view.horizontalHeader()
    name_section = QPoint(header.sectionViewportPosition(1) + header.sectionSize(1) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=name_section)
    assert source.order == ("name", False)
    model.sort(0, Qt.DescendingOrder)
    assert source.order == ("id", True)
    view.viewport().repaint()
    assert model.data(model.index(0, 0)) == "۹۹۹۹۹۹"


def test_a_table_sorted_from_the_start_with_a_column_that_does_not_sort(qtbot):
    columns = [Column("name", "نام"), Column("phone", "تلفن", sortable=False),
               Column("due", "سررسید", descending_first=True)]
    source = SortableSource()
    model = LazyTableModel(columns, source)
    view = QTableView()
    view.resize(600, 400)
    setup_table_view(view, model, sorted_by=("name", False))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert source.order == ("name", False) and header.sortIndicatorSection() == 0

    def click(section):
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))

    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    click(1)  # the phone column: nothing happens
    assert source.order == ("name", False) and resets == []
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.AscendingOrder)
    click(2)  # a date: newest first on the first click
    assert source.order == ("due", True) and header.sortIndicatorOrder() == Qt.DescendingOrder
    click(2)
    click(2)  # never cleared: back and forth
    assert source.order == ("due", True) and header.sortIndicatorSection() == 2
    assert len(resets) == 3


def test_a_source_without_set_order_is_left_alone():
    source = FakeSource(n=5)
    model = LazyTableModel(COLUMNS, source)
    assert not model.can_sort()
    model.sort(0, Qt.DescendingOrder)
    assert model.data(model.index(0, 0)) == "۰"


def test_find_row():
    model = LazyTableModel(COLUMNS, FakeSource(n=1000), page_size=100)
    assert model.find_row(lambda r: r.id == 42) == -1  # nothing cached yet
    assert model.find_row(lambda r: r.id == 42, limit=100) == 42
    assert model.find_row(lambda r: r.id == 42) == 42
