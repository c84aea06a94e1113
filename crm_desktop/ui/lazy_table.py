"""LazyTableModel: a table model over a data source that is read a page at a time.

No widget ever holds 100k rows: the source answers ``count()`` and ``rows(offset, limit)``
(e.g. one SQL query with LIMIT/OFFSET or keyset paging), the model keeps a few pages of rows in a
small LRU cache and asks for a page only when the view paints a row in it.

    class ContactSource:
        def count(self) -> int: ...
        def rows(self, offset: int, limit: int) -> list[Contact]: ...
        def set_order(self, key: str, descending: bool) -> None: ...   # optional: sorting

    COLUMNS = [Column("name", "نام", lambda c: c.name),
               Column("mobile", "همراه", lambda c: format_phone(c.mobile), align=LTR_NUMBER)]
    model = LazyTableModel(COLUMNS, ContactSource(db, query=""))
    model.reset(ContactSource(db, query="رضا"))        # a new search: one reset, no row churn

Columns are addressed by key (``model.column_index("name")``) so a view never hard-codes numbers.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Protocol, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from crm_desktop.core.digits import to_persian

ObjectRole = Qt.UserRole + 1
SortRole = Qt.UserRole + 2

# Roles as plain ints, looked up once: PySide6 takes ~3 µs for each ``Qt.DisplayRole`` it is asked
# for, and painting a screenful of a table calls data() ~800 times (7 roles a cell), so comparing
# against the Qt names in data() alone cost a 100k-cheque table ~12 ms per repaint.
DISPLAY_ROLE, DECORATION_ROLE, TOOLTIP_ROLE, FONT_ROLE, ALIGNMENT_ROLE, FOREGROUND_ROLE, ACCESSIBLE_TEXT_ROLE = (
    int(role) for role in (Qt.DisplayRole, Qt.DecorationRole, Qt.ToolTipRole, Qt.FontRole, Qt.TextAlignmentRole,
                           Qt.ForegroundRole, Qt.AccessibleTextRole))
INITIAL_SORT_ORDER_ROLE = int(Qt.InitialSortOrderRole)
_ROW_ROLES = frozenset({DISPLAY_ROLE, TOOLTIP_ROLE, ObjectRole, SortRole, ACCESSIBLE_TEXT_ROLE})

#: numbers, dates and phones in an RTL table: right-aligned like the text around them
NUMBER_ALIGN = Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute
CENTER_ALIGN = Qt.AlignCenter

DEFAULT_PAGE_SIZE = 200
DEFAULT_MAX_PAGES = 8


class RowSource(Protocol):
    def count(self) -> int: ...

    def rows(self, offset: int, limit: int) -> list: ...


class EmptySource:
    def count(self) -> int:
        return 0

    def rows(self, offset: int, limit: int) -> list:
        return []


class ListSource:
    """A source over a list already in memory (small tables, tests)."""

    def __init__(self, items: Sequence):
        self.items = list(items)

    def count(self) -> int:
        return len(self.items)

    def rows(self, offset: int, limit: int) -> list:
        return self.items[offset: offset + limit]


def _default_getter(key: str) -> Callable[[Any], Any]:
    def get(row):
        if isinstance(row, dict):
            return row.get(key)
        return getattr(row, key, None)

    return get


@dataclass(frozen=True)
class Column:
    """One column: ``getter(row)`` gives what is shown (default: ``row[key]`` / ``row.key``);
    ``sort_key(row)`` what SortRole returns (default: the getter's value); ``align`` a
    Qt.Alignment (default: the view's, i.e. the start of an RTL row). ``sortable``: a click on
    its header may sort by it; ``descending_first``: the first click sorts it descending (dates:
    newest first)."""

    key: str
    title: str
    getter: Callable[[Any], Any] | None = None
    align: Any = None
    sort_key: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | None = None
    sortable: bool = True
    descending_first: bool = False

    def value(self, row) -> Any:
        return (self.getter or _default_getter(self.key))(row)

    def sort_value(self, row) -> Any:
        return self.sort_key(row) if self.sort_key else self.value(row)


def display_text(value: Any) -> str:
    """What a cell shows for a value: '' for None, Persian digits for numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, (int, float)):
        return to_persian(value)
    return str(value)


class LazyTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], source: RowSource | None = None, parent=None, *,
                 page_size: int = DEFAULT_PAGE_SIZE, max_pages: int = DEFAULT_MAX_PAGES):
        super().__init__(parent)
        if page_size < 1 or max_pages < 1:
            raise ValueError("page_size and max_pages must be positive")
        self.columns = list(columns)
        self._keys = {column.key: i for i, column in enumerate(self.columns)}
        self.page_size = page_size
        self.max_pages = max_pages
        self._source: RowSource = source if source is not None else EmptySource()
        self._count = self._source.count()
        self._pages: OrderedDict[int, list] = OrderedDict()
        self.pages_fetched = 0  # how many times the source was asked for a page (for tests)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- the source ---------------------------------------------------------------------------
    def source(self) -> RowSource:
        return self._source

    def reset(self, source: RowSource | None = None) -> None:
        """Show ``source`` instead (a new search or filter), or re-read the same one (after a
        write). One model reset: selection and scroll position go, nothing is fetched yet."""
        self.beginResetModel()
        if source is not None:
            self._source = source
            if self._sort is not None:
                self._apply_order(*self._sort)
        self._pages.clear()
        self._count = self._source.count()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the source keeping the view's scroll position where possible (after a write):
        rows may have been added or removed, so the cache is dropped and the count re-asked."""
        old = self._count
        new = self._source.count()
        self._pages.clear()
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._count = new
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._count = new
            self.endRemoveRows()
        if new:
            self.dataChanged.emit(self.index(0, 0), self.index(new - 1, len(self.columns) - 1))

    def _page(self, number: int) -> list:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = list(self._source.rows(number * self.page_size, self.page_size))
        self.pages_fetched += 1
        self._pages[number] = page
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return page

    def cached_pages(self) -> list[int]:
        return list(self._pages)

    def row_object(self, row: int) -> Any:
        """The row object at ``row`` (None out of range or if the source came back short)."""
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def column_index(self, key: str) -> int:
        return self._keys[key]

    def find_row(self, predicate: Callable[[Any], bool], *, limit: int | None = None) -> int:
        """The first row whose object satisfies ``predicate`` among the first ``limit`` rows
        (default: the cached pages only); -1 when none. Use it to re-select a row after a reset."""
        if limit is None:
            for number, page in list(self._pages.items()):
                for offset, item in enumerate(page):
                    if predicate(item):
                        return number * self.page_size + offset
            return -1
        for row in range(min(limit, self._count)):
            if predicate(self.row_object(row)):
                return row
        return -1

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == ALIGNMENT_ROLE:
            return column.align
        if role not in _ROW_ROLES:
            return None
        row = self.row_object(index.row())
        if row is None:
            return None
        if role == ObjectRole:
            return row
        if role == SortRole:
            return column.sort_value(row)
        if role == TOOLTIP_ROLE:
            return column.tooltip(row) if column.tooltip else None
        return display_text(column.value(row))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == INITIAL_SORT_ORDER_ROLE and orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            return int(Qt.DescendingOrder.value if self.columns[section].descending_first else Qt.AscendingOrder.value)
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if orientation == Qt.Horizontal:  # the tooltip: the whole title of a narrowed column
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return to_persian(section + 1) if role == Qt.DisplayRole else None

    def roleNames(self) -> dict:  # noqa: N802
        names = dict(super().roleNames())
        names[ObjectRole] = b"object"
        names[SortRole] = b"sort"
        return names

    # -- sorting is the source's job (it may hold 100k rows) ----------------------------------
    def can_sort(self) -> bool:
        return hasattr(self._source, "set_order")

    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        """(column, order) of the last sort asked for, or None (the source's own order)."""
        return self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Ask the source to order by the column's key (``source.set_order(key, descending)``);
        a source without ``set_order`` keeps its order, and so does a column that is not
        ``sortable``."""
        if not self.can_sort() or not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        if self._sort == (column, order):
            return  # already (the view asks again when it is set up or its header is set)
        self._sort = (column, order)
        self.beginResetModel()  # a reset, not layoutChanged: selected row numbers mean other rows now
        self._apply_order(column, order)
        self._pages.clear()
        self._count = self._source.count()
        self.endResetModel()

    def _apply_order(self, column: int, order: Qt.SortOrder) -> None:
        if hasattr(self._source, "set_order"):
            self._source.set_order(self.columns[column].key, order == Qt.DescendingOrder)


def setup_table_view(view, model: LazyTableModel, *, sortable: bool | None = None,
                     sorted_by: tuple[str, bool] | None = None) -> None:
    """The usual set-up for a table over a LazyTableModel: whole-row selection, fixed row height
    (a view over 100k rows must never measure rows), no row-number header, last column
    stretched, sorting by clicking a header when the source can sort. ``sorted_by``: (column
    key, descending) the table is sorted by from the start, its header showing it (a click
    then only changes the order, never clears it); otherwise no header shows an order until
    one is clicked. A click on a column that is not ``sortable`` changes nothing."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    vertical.hide()
    horizontal = view.horizontalHeader()
    horizontal.setStretchLastSection(True)
    horizontal.setHighlightSections(False)
    horizontal.setTextElideMode(Qt.ElideRight)  # a narrowed column's title ends in «…» (whole in its tooltip)
    if sortable is None:
        sortable = model.can_sort()
    if sortable:
        if sorted_by is not None and sorted_by[0] in model._keys:
            order = Qt.DescendingOrder if sorted_by[1] else Qt.AscendingOrder
            horizontal.setSortIndicator(model.column_index(sorted_by[0]), order)
            horizontal.setSortIndicatorClearable(False)
        else:
            horizontal.setSortIndicator(-1, Qt.AscendingOrder)  # the source's own order until a click
            horizontal.setSortIndicatorClearable(True)
        view.setSortingEnabled(True)  # sorts by the indicator at once (nothing for -1)
        if not horizontal.property("lazy_table.keeps_unsortable"):
            horizontal.setProperty("lazy_table.keeps_unsortable", True)
            horizontal.sortIndicatorChanged.connect(lambda section, _order: _unsortable_clicked(view, section))


def _unsortable_clicked(view, section: int) -> None:
    """A click on a column that does not sort: the header shows the order the table still has
    (runs after the view has asked the model, which ignored it)."""
    model = view.model()
    columns = getattr(model, "columns", None)
    if columns is None or not 0 <= section < len(columns) or columns[section].sortable:
        return
    state = model.sort_state()
    header = view.horizontalHeader()
    header.blockSignals(True)
    try:
        header.setSortIndicator(*(state if state is not None else (-1, Qt.AscendingOrder)))
    finally:
        header.blockSignals(False)
    header.viewport().update()


# -- the rows a view over a LazyTableModel shows -----------------------------------------------------
def current_object(view):
    """The object of the view's current row, or None."""
    index = view.currentIndex()
    return view.model().row_object(index.row()) if index.isValid() else None


def selected_objects(view) -> list:
    """The objects of the selected rows in table order (the current row when none is selected)."""
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().row()]
    model = view.model()
    return [r for r in (model.row_object(i) for i in rows) if r is not None]


def select_object(view, object_id, *, limit: int = 2000) -> bool:
    """Make the row whose object has ``id == object_id`` current and selected, scrolled into
    view (searching at most ``limit`` rows); False when it is not among them."""
    from PySide6.QtCore import QItemSelectionModel

    model = view.model()
    row = model.find_row(lambda r: r is not None and r.id == object_id, limit=limit)
    if row < 0:
        return False
    index = model.index(row, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    view.scrollTo(index)
    return True
