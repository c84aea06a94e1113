"""The phonebook tab: a search line, the groups pane, the contacts table (read a page at a time,
never the whole book), a footer with the count, and the actions an office needs on a contact —
new, open, delete with undo, merge, dial, print, export and import.

Keyboard first: Ctrl+F search, Down into the table, Esc clears the search, Ctrl+N new,
Enter open, Del delete, Ctrl+Z undo the last delete, Ctrl+P print.

Each action is a method (``new_contact``, ``open_contact``, ``delete_selected``, ``undo_delete``,
``merge_selected``, ``dial``, ``print_list``, ``export_list``, ``import_contacts``) that tests call
directly or through the keyboard; the dialogs it opens come through small factories that tests
replace."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import format_number
from crm_desktop.errors import UserError
from crm_desktop.phonebook.search import shown_query
from crm_desktop.phonebook.views.contact_actions import ContactActions
from crm_desktop.phonebook.views.groups_pane import GroupsPane
from crm_desktop.phonebook.views.table_model import LRI, NAME, ORGANISATION, PDI, ContactSource, contact_columns
from crm_desktop.ui import dialogs
from crm_desktop.ui.actions import make_action
from crm_desktop.ui.lazy_table import LazyTableModel, setup_table_view
from crm_desktop.ui.search_line import SearchLine
from crm_desktop.ui.toolbar_rows import ToolbarRows

# a change to any of these tables may change what the tab shows
WATCHED_TABLES = frozenset({
    "contacts", "contact_phones", "contact_emails", "contact_addresses", "contact_groups",
    "contact_group_members", "custom_fields", "contact_custom_values", "contact_notes", "contact_search",
})
FIELD_TABLES = frozenset({"custom_fields"})
# Rows read from the database at a time: a screenful or three. Every keystroke reads the first
# page again (and a search sorted by organisation walks until it fills it), so a small page keeps
# typing fast; scrolling reads the next one as it comes into view.
PAGE_SIZE = 100
MAX_PAGES = 16

UNDO_TEXT = "بازگردانی"


PHONES_SAMPLE = "۰۹۱۲ ۱۲۳ ۴۵۶۷، ۰۲۱ ۸۸"  # what the phones column should show at least


def _level_down(widths: dict[int, int], columns: list[int], floor: int, need: int) -> int:
    """Narrow ``columns`` by up to ``need`` pixels in all, the widest first and down to a common
    width (never below ``floor``), so they end up alike rather than one crushed; returns the
    pixels taken."""
    taken = 0
    while taken < need:
        wider = [i for i in columns if widths[i] > floor]
        if not wider:
            break
        top = max(widths[i] for i in wider)
        below = max([widths[i] for i in wider if widths[i] < top] + [floor])
        tops = [i for i in wider if widths[i] == top]
        step = min(top - below, -(-(need - taken) // len(tops)))  # ceil: the last pixels too
        for i in tops:
            widths[i] -= step
        taken += step * len(tops)
    return min(taken, need) if taken else 0


def count_text(n: int) -> str:
    """«۱٬۲۳۴ مخاطب»"""
    return f"{format_number(n)} مخاطب"


def search_query(text: str = "", group_id=None):
    from crm_desktop.phonebook.repo import SearchQuery

    return SearchQuery(text=text, group_id=group_id)


def _open_url(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


def _default_contact_dialog(office, contact_id, parent):
    """The contact form; a new contact made while a group is chosen starts in that group."""
    from crm_desktop.phonebook.model import Contact
    from crm_desktop.phonebook.views.contact_dialog import ContactDialog

    group_id = getattr(parent, "_group_id", None)
    prefill = Contact(group_ids=[group_id]) if contact_id is None and group_id is not None else None
    return ContactDialog(office, contact_id=contact_id, parent=parent, clock=parent.clock, prefill=prefill)


def _default_import_wizard(office, parent):
    from crm_desktop.phonebook.views.import_wizard import ImportWizard

    return ImportWizard(office, parent)


def rebuild_index(path, progress) -> int:
    """On a worker thread, through a connection of its own: the phonebook's search index."""
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import connect

    conn = connect(path)
    try:
        return Phonebook(conn).rebuild_search_index(lambda done, total: progress(done, total))
    finally:
        conn.close()


class PhonebookTab(ContactActions, QWidget):
    TITLE = "دفتر تلفن"

    def __init__(self, office, events, parent=None, clock: Callable[[], datetime] = datetime.now, *,
                 opener: Callable[[QUrl], bool] | None = None):
        super().__init__(parent)
        self.setObjectName("phonebook")
        self.office = office
        self.events = events
        self.clock = clock
        self.opener = opener or _open_url  # QDesktopServices.openUrl; tests pass their own
        self.contact_dialog_factory = _default_contact_dialog
        self.import_wizard_factory = _default_import_wizard
        self._text = ""
        self._group_id = None
        self._undo_snapshot = None
        self._fields_signature = None
        self._index_checked = False

        self.search = SearchLine(self, name="phonebook.search")
        self.search.setPlaceholderText("جستجو در نام، سازمان، تلفن… (Ctrl+F)")
        self.search.setAccessibleName("جستجوی مخاطبان")
        self.groups = GroupsPane(self)
        self.table = QTableView(self)
        self.table.setObjectName("phonebook.table")
        self.table.setAccessibleName("مخاطبان")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("phonebook.count")
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("phonebook.selection")

        self._order = (NAME, False)  # the column the table is sorted by (its key), descending
        self.model = LazyTableModel(contact_columns(self._fields()), ContactSource(self.office, search_query()),
                                    self, page_size=PAGE_SIZE, max_pages=MAX_PAGES)
        setup_table_view(self.table, self.model, sorted_by=self._order)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.setTabKeyNavigation(False)
        self._size_columns()

        self._build_actions()
        self._build_undo_bar()
        self._layout()
        self._connect()
        self._refresh_groups()
        self._update_footer()

    # --- the repo ---------------------------------------------------------------------------------
    @property
    def phonebook(self):
        return self.office.phonebook

    def _fields(self) -> list:
        try:
            fields = list(self.phonebook.fields())
        except AttributeError:
            fields = []
        self._fields_signature = tuple((f.id, f.name, f.kind, f.show_in_table) for f in fields)
        return fields

    # --- building ---------------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot, shortcuts=(), tip: str = "", *, context=Qt.WindowShortcut,
                host: QWidget | None = None) -> QAction:
        return make_action(self, text, name, slot, shortcuts, tip, context=context, hosts=(host or self,))

    def _build_actions(self) -> None:
        table = self.table
        self.new_action = self._action("مخاطب جدید", "phonebook.new", self.new_contact, ["Ctrl+N"])
        self.open_action = self._action("باز کردن", "phonebook.open", self.open_contact,
                                        [QKeySequence(Qt.Key_Return), QKeySequence(Qt.Key_Enter)],
                                        context=Qt.WidgetShortcut, host=table)
        self.delete_action = self._action("حذف", "phonebook.delete", self.delete_selected,
                                          [QKeySequence(QKeySequence.Delete)], context=Qt.WidgetShortcut, host=table)
        self.undo_action = self._action(UNDO_TEXT, "phonebook.undo_action", self.undo_delete, ["Ctrl+Z"],
                                        "بازگردانی آخرین حذف")
        self.merge_action = self._action("ادغام دو مخاطب", "phonebook.merge", self.merge_selected,
                                         tip="دو مخاطب انتخاب‌شده را یکی کنید")
        self.dial_action = self._action("تماس", "phonebook.dial", self.dial_current, tip="شماره‌گیری مخاطب")
        self.print_action = self._action("چاپ", "phonebook.print", self.print_list, ["Ctrl+P"],
                                         "چاپ فهرست همین گروه و جستجو")
        self.print_action.setIconText("چاپ")  # the button's text; the menu item says what it prints
        self.print_action.setText("چاپ فهرست")
        self.print_card_action = self._action("چاپ کارت مخاطب", "phonebook.print_card", self.print_card,
                                              ["Ctrl+Shift+P"], "چاپ همه مشخصات و یادداشت‌های این مخاطب")
        self.export_action = self._action("خروجی…", "phonebook.export", self.export_list,
                                          tip="vCard، CSV یا Excel از همین فهرست")
        self.import_action = self._action("ورود از فایل…", "phonebook.import", self.import_contacts,
                                          tip="ورود مخاطبان از vCard، CSV یا Excel")
        self.groups_action = self._action("مدیریت گروه‌ها…", "phonebook.manage_groups", self.manage_groups)
        self.fields_action = self._action("فیلدهای دلخواه…", "phonebook.manage_fields", self.manage_fields)
        self.reminder_action = self._action("یادآوری تازه…", "phonebook.new_reminder", self.new_reminder,
                                            tip="یادآوری تازه برای این مخاطب (مثلاً پیگیری تماس)")
        self.birthdays_action = self._action("یادآوری تولدها", "phonebook.birthdays", self.birthday_reminders,
                                             tip="یادآوری سالانه برای تولد مخاطبان انتخاب‌شده (یا همه)")
        self.undo_action.setEnabled(False)
        for action in (self.open_action, self.delete_action):  # «بازگشت», «حذف»: Qt's names of the keys
            action.setShortcutVisibleInContextMenu(False)

        self.dial_button = QToolButton(self)
        self.dial_button.setObjectName("phonebook.dial_button")
        self.dial_button.setDefaultAction(self.dial_action)
        self.dial_button.setPopupMode(QToolButton.MenuButtonPopup)
        self.dial_menu = QMenu(self.dial_button)
        self.dial_menu.aboutToShow.connect(lambda: self._fill_dial_menu(self.dial_menu, self.current_id()))
        self.dial_button.setMenu(self.dial_menu)
        # «چاپ» prints the list; its arrow also offers the chosen contact's card
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("phonebook.print_button")
        self.print_button.setDefaultAction(self.print_action)
        self.print_button.setPopupMode(QToolButton.MenuButtonPopup)
        self.print_menu = QMenu(self.print_button)
        self.print_menu.setObjectName("phonebook.print_menu")
        self.print_menu.addAction(self.print_action)
        self.print_menu.addAction(self.print_card_action)
        self.print_button.setMenu(self.print_menu)
        # three groups that wrap onto a second row on a narrow window (a 1024 px netbook) instead of
        # hiding «فیلدهای دلخواه…» and «یادآوری تولدها» behind a toolbar's » menu
        self.toolbar = ToolbarRows(self, "phonebook.toolbar")
        self.toolbar.add_group(self.new_action, self.open_action, self.delete_action, self.dial_button,
                               self.merge_action)
        self.toolbar.add_group(self.print_button, self.export_action, self.import_action)
        self.toolbar.add_group(self.groups_action, self.fields_action, self.birthdays_action)

    def _build_undo_bar(self) -> None:
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("phonebook.undo_bar")
        self.undo_bar.setFrameShape(QFrame.StyledPanel)
        self.undo_bar.setStyleSheet("#phonebook\\.undo_bar { background: #fff4d6; border: 1px solid #e0c56e;"
                                    " border-radius: 4px; }")
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setObjectName("phonebook.undo_text")
        self.undo_button = QPushButton(UNDO_TEXT, self.undo_bar)
        self.undo_button.setObjectName("phonebook.undo")
        self.undo_button.setToolTip(f"بازگردانی ({LRI}Ctrl+Z{PDI})")
        self.undo_button.clicked.connect(self.undo_delete)
        close = QToolButton(self.undo_bar)
        close.setObjectName("phonebook.undo_close")
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("بستن")
        close.clicked.connect(self._forget_undo)
        row = QHBoxLayout(self.undo_bar)
        row.setContentsMargins(8, 2, 4, 2)
        row.addWidget(self.undo_label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(close)
        self.undo_bar.hide()

    def _layout(self) -> None:
        top = QHBoxLayout()
        # the search line keeps room for its hint; on a narrow window the toolbar's groups wrap
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 24)
        self.toolbar.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        top.addWidget(self.search, 1)
        top.addWidget(self.toolbar, 3)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        groups_title = QLabel("گروه‌ها", right)
        groups_title.setBuddy(self.groups)
        right_layout.addWidget(groups_title)
        right_layout.addWidget(self.groups, 1)

        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setObjectName("phonebook.splitter")
        self.splitter.addWidget(right)  # first = the right-hand side in a right-to-left window
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 900])
        self.splitter.setChildrenCollapsible(False)

        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.selection_label)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(footer)

    def _size_columns(self) -> None:
        """Name, organisation, last contact and custom fields start at a useful width (the
        operator may drag them); the phones column takes what is left, so nothing needs a
        horizontal scroll bar at the default window size."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setMinimumSectionSize(60)
        em = self.table.fontMetrics().horizontalAdvance("م")
        widths = {"name": 200, "organisation": 170, "last_contact": 100, "created": 100}
        self._preferred_widths = {}
        self._fitting = True
        for i, column in enumerate(self.model.columns):
            if column.key == "phones":
                header.setSectionResizeMode(i, QHeaderView.Stretch)
            else:
                self._preferred_widths[i] = widths.get(column.key, max(90, em * (len(column.title) + 2)))
                self.table.setColumnWidth(i, self._preferred_widths[i])
        self._fitting = False
        self._fit_phones()

    def _fit_phones(self) -> None:
        """Keep the phones column wide enough for a mobile and the start of a second number:
        when the other columns (custom ones shown in the table, or columns the operator
        widened) leave it less, the widest of them give way, down to a floor, and take their
        width back when the window grows; only past the floors does the table scroll sideways."""
        if not self.table.isVisible() or not hasattr(self, "_preferred_widths"):
            return
        header = self.table.horizontalHeader()
        phones = self.model.column_index("phones")
        metrics = self.table.fontMetrics()
        want = metrics.horizontalAdvance(PHONES_SAMPLE) + 2 * metrics.horizontalAdvance("م")
        em = metrics.horizontalAdvance("م")
        widths = {i: self._preferred_widths.get(i, header.sectionSize(i))
                  for i in range(self.model.columnCount()) if i != phones and not header.isSectionHidden(i)}
        need = want - (self.table.viewport().width() - sum(widths.values()))
        keys = {i: self.model.columns[i].key for i in widths}
        # the custom columns give way first, then the organisation, the name last
        custom = [i for i in widths if keys[i] not in (NAME, ORGANISATION, "last_contact", "created")]
        # floors that still read: a custom column a Jalali date (its widest value kind), the
        # organisation and the name a few words; past them the table scrolls sideways
        custom_floor = metrics.horizontalAdvance("۱۴۰۴/۰۱/۰۱") + em * 2
        for group, floor in ((custom, custom_floor), ([i for i in widths if keys[i] == ORGANISATION], em * 10),
                             ([i for i in widths if keys[i] == NAME], em * 12)):
            if need <= 0:
                break
            need -= _level_down(widths, group, max(floor, header.minimumSectionSize()), need)
        self._fitting = True
        try:
            for i, width in widths.items():
                if header.sectionSize(i) != width:
                    header.resizeSection(i, width)
            if need > 0:  # still too narrow: a sideways scroll rather than a clipped number
                header.setSectionResizeMode(phones, QHeaderView.Interactive)
                header.resizeSection(phones, want)
            else:
                header.setSectionResizeMode(phones, QHeaderView.Stretch)
        finally:
            self._fitting = False

    def _remember_width(self, section: int, _old: int, new: int) -> None:
        """A column the operator dragged keeps that width as the one it returns to."""
        if not self._fitting and self.model.columns[section].key != "phones":
            self._preferred_widths[section] = new

    def _connect(self) -> None:
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sorted)
        self.table.horizontalHeader().sectionResized.connect(self._remember_width)
        self.table.viewport().installEventFilter(self)  # its width decides the phones column's
        self.search.searchChanged.connect(self._on_search)
        self.search.navigateDown.connect(self.focus_table)
        self.search.returnPressed.connect(self._search_entered)  # after the line's own flush
        self.search.install_shortcut(self)
        self.groups.groupChosen.connect(self._on_group)
        self.table.doubleClicked.connect(lambda index: self.open_contact(self._row_id(index.row())))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._connect_selection()
        self.events.changed.connect(self._on_changed)

    def _connect_selection(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.selectionModel().currentChanged.connect(self._update_actions)
        self._update_actions()

    # --- what is shown ------------------------------------------------------------------------------
    def query(self):
        return search_query(self._text, self._group_id)

    def _on_search(self, text: str) -> None:
        self._text = text
        self._show_query()

    def _on_group(self, group_id) -> None:
        self._group_id = group_id
        self._show_query()

    def _show_query(self) -> None:
        self.model.reset(ContactSource(self.office, self.query()))
        self.table.scrollToTop()
        self._update_footer()
        self._update_actions()

    def _on_sorted(self, section: int, order) -> None:
        """A click on a header sorted the table (the model asked the phonebook): show its top."""
        columns = self.model.columns  # read from the click, not the model: once the columns were
        # made again, the view's own sort slot runs after this one
        if not 0 <= section < len(columns) or not columns[section].sortable:  # a column that does not sort
            return
        self._order = (columns[section].key, order == Qt.DescendingOrder)
        self.table.scrollToTop()
        self._update_actions()

    def sort_by(self, key: str, descending: bool = False) -> None:
        """Sort the table by a column (its key) as a click on its header does."""
        self.table.horizontalHeader().setSortIndicator(self.model.column_index(key),
                                                       Qt.DescendingOrder if descending else Qt.AscendingOrder)

    def sort_order(self) -> tuple[str, bool]:
        """(column key, descending) the table is sorted by."""
        return self._order

    def _update_footer(self) -> None:
        n = self.model.rowCount()
        text = count_text(n)
        if n == 0 and self._text:
            group = self.group_name()
            where = f" در گروه «{group}»" if group else ""  # it may be in another group: say where it looked
            text = f"مخاطبی با «{shown_query(self._text)}»{where} پیدا نشد."
        self.count_label.setText(text)

    def _on_changed(self, tables: frozenset) -> None:
        if "*" in tables:  # everything (a restored database): start again from the top
            self._forget_undo()
            self._rebuild_columns_if_needed()
            self._show_query()
            self._refresh_groups()
            return
        if not tables & WATCHED_TABLES and not any(t.startswith("contact") for t in tables):
            return
        if tables & FIELD_TABLES:
            self._rebuild_columns_if_needed()
        self.refresh()

    def refresh(self) -> None:
        """Re-read after a write: the rows (keeping the scroll position), counts and groups."""
        self.model.refresh()
        self._refresh_groups()
        self._update_footer()
        self._update_actions()

    def _refresh_groups(self) -> None:
        try:
            groups = list(self.phonebook.groups())
        except AttributeError:
            groups = []
        total = self.phonebook.count(search_query())
        self.groups.set_groups(groups, total)

    def _rebuild_columns_if_needed(self) -> None:
        old = self._fields_signature
        fields = self._fields()
        if self._fields_signature == old:
            return
        columns = contact_columns(fields)
        if self._order[0] not in {c.key for c in columns}:  # its custom column went away
            self._order = (NAME, False)
        self.model = LazyTableModel(columns, ContactSource(self.office, self.query()), self, page_size=PAGE_SIZE,
                                    max_pages=MAX_PAGES)
        setup_table_view(self.table, self.model, sorted_by=self._order)
        self._size_columns()
        self._connect_selection()

    # --- selection ----------------------------------------------------------------------------------
    def _row_id(self, row: int):
        item = self.model.row_object(row)
        return getattr(item, "id", None) if item is not None else None

    def selected_rows(self) -> list[int]:
        rows: list[int] = []
        for selected in self.table.selectionModel().selection():
            rows.extend(range(selected.top(), selected.bottom() + 1))
        return sorted(set(rows))

    def selected_count(self) -> int:
        return len(self.selected_rows())

    def selected_ids(self) -> list[int]:
        ids = [self._row_id(row) for row in self.selected_rows()]
        if not ids and self.table.currentIndex().isValid():
            ids = [self._row_id(self.table.currentIndex().row())]
        return [i for i in ids if i is not None]

    def current_id(self):
        index = self.table.currentIndex()
        if index.isValid():
            return self._row_id(index.row())
        ids = self.selected_ids()
        return ids[0] if ids else None

    def _name_of(self, contact_id) -> str:
        for row in self.selected_rows() or [self.table.currentIndex().row()]:
            item = self.model.row_object(row)
            if item is not None and item.id == contact_id:
                return item.display_name
        contact = self.phonebook.get(contact_id)
        return contact.display_name if contact is not None else ""

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.scrollTo(index)

    def select_contact(self, contact_id, *, search_rows: int = 2000) -> bool:
        """Select ``contact_id`` (scrolled to) wherever it is among the rows shown (``row_of``)."""
        row = self.row_of(contact_id, search_rows=search_rows)
        if row >= 0:
            self.select_row(row)
            return True
        return False

    def row_of(self, contact_id, *, search_rows: int = 2000) -> int:
        """The row showing ``contact_id``: on a page already read, else at the place the
        phonebook counts for it, else (a search with very many matches in another order) if it
        is among the first ``search_rows`` rows; -1 when it is not shown."""
        is_it = lambda r: r is not None and r.id == contact_id  # noqa: E731
        row = self.model.find_row(is_it)
        if row < 0:
            row = self.phonebook.position(self.model.source().query, contact_id)
            if row is None or not 0 <= row < self.model.rowCount() or not is_it(self.model.row_object(row)):
                row = self.model.find_row(is_it, limit=min(search_rows, self.model.rowCount()))
        return row

    SELECT_AT_MOST = 200  # contacts an undo marks again (each may cost the phonebook a count)

    def select_contacts(self, contact_ids) -> int:
        """Select the shown rows of ``contact_ids`` (the first ``SELECT_AT_MOST``): the topmost is
        current and scrolled to. Returns how many were selected."""
        rows = sorted({row for row in (self.row_of(i, search_rows=200) for i in list(contact_ids)[:self.SELECT_AT_MOST])
                       if row >= 0})
        if not rows:
            return 0
        self.select_row(rows[0])
        selection = self.table.selectionModel()
        for row in rows[1:]:
            selection.select(self.model.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
        return len(rows)

    def _search_entered(self) -> None:
        """Enter in the search line: the only match opens; with more, the table takes the keys."""
        if self.model.rowCount() == 1:
            self.select_row(0)
            self.open_contact()
        elif self.model.rowCount():
            self.focus_table()

    def focus_table(self) -> None:
        """Into the table, with the row the keys will act on selected (after a new search the
        current index survives without its selection: Enter or Del would act on an unmarked row)."""
        self.table.setFocus(Qt.OtherFocusReason)
        if self.model.rowCount() and not self.selected_rows():
            current = self.table.currentIndex()
            self.select_row(current.row() if current.isValid() else 0)

    def _update_actions(self, *_args) -> None:
        n = self.selected_count()
        has = n > 0 or self.table.currentIndex().isValid()
        for action in (self.open_action, self.delete_action, self.dial_action, self.reminder_action):
            action.setEnabled(has)
        self.dial_button.setEnabled(has)
        self.merge_action.setEnabled(n == 2)
        self.print_card_action.setEnabled(has and n <= 1)
        self.selection_label.setText(f"{format_number(n)} مورد انتخاب شده" if n > 1 else "")

    # --- keyboard --------------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.search.text():
            self.search.set_query("")
            self.search.focus_search()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- actions ---------------------------------------------------------------------------------------
    def new_contact(self) -> None:
        self._run_contact_dialog(None)

    def open_contact(self, contact_id=None) -> None:
        contact_id = contact_id if contact_id is not None else self.current_id()
        if contact_id is None:
            return
        self._run_contact_dialog(contact_id)

    def _run_contact_dialog(self, contact_id) -> None:
        try:
            dialog = self.contact_dialog_factory(self.office, contact_id, self)
        except ImportError:
            dialogs.show_info(self, "فرم مخاطب هنوز در این نسخه نیست.")
            return
        except UserError as error:  # e.g. the contact was deleted meanwhile
            dialogs.show_error(self, error)
            return
        new_id, other = [], []
        if getattr(dialog, "saved", None) is not None:
            dialog.saved.connect(new_id.append)
        if getattr(dialog, "openContactRequested", None) is not None:
            dialog.openContactRequested.connect(other.append)  # «open the contact that has this phone»
        dialog.exec()
        if hasattr(dialog, "deleteLater"):
            dialog.deleteLater()
        if new_id:
            if not self.select_contact(new_id[-1]) and (self._text.strip() or self._group_id is not None):
                self.count_label.setText(f"«{self._name_of(new_id[-1])}» ذخیره شد، ولی با این جستجو یا گروه "
                                         f"در فهرست نیست. ({count_text(self.model.rowCount())})")
        elif other:  # the form opened that contact over itself already: here it is only selected
            self.select_contact(other[-1])

    # the rest of the book ------------------------------------------------------------------------------
    def print_list(self) -> None:
        from crm_desktop.phonebook.views import list_actions

        list_actions.print_list(self, self.office, self.query(), self.model.rowCount(), self.group_name())

    def print_card(self, contact_id=None) -> None:
        """The current contact's card with its notes, to print."""
        from crm_desktop.phonebook.views import list_actions

        contact_id = contact_id if contact_id is not None else self.current_id()
        if contact_id is not None:
            list_actions.print_card(self, self.office, contact_id, self._name_of(contact_id))

    def export_list(self) -> None:
        from crm_desktop.phonebook.views import list_actions

        list_actions.export_list(self, self.office, self.query(), self.model.rowCount())

    def import_contacts(self) -> None:
        try:
            wizard = self.import_wizard_factory(self.office, self)
        except ImportError:
            dialogs.show_info(self, "ورود از فایل هنوز در این نسخه نیست.")
            return
        wizard.exec()

    def manage_groups(self) -> None:
        self._run_manager("groups_dialog", "GroupsDialog")

    def manage_fields(self) -> None:
        self._run_manager("fields_dialog", "FieldsDialog")

    def _run_manager(self, module: str, name: str) -> None:
        import importlib

        try:
            cls = getattr(importlib.import_module(f"crm_desktop.phonebook.views.{module}"), name)
        except (ImportError, AttributeError):
            dialogs.show_info(self, "این بخش هنوز در این نسخه نیست.")
            return
        cls(self.office, self).exec()

    # the reminder book ----------------------------------------------------------------------------------
    def new_reminder(self, contact_id=None):
        """The reminder form with the current contact chosen («پیگیری تماس با …»)."""
        from crm_desktop.reminders.views.contact_reminders import new_reminder_for_contact

        contact_id = contact_id if contact_id is not None else self.current_id()
        return new_reminder_for_contact(self.office, contact_id, self, self.clock) if contact_id is not None else None

    def birthday_reminders(self):
        """Yearly reminders from the birthdays of the selected contacts (all when one or none is chosen)."""
        from crm_desktop.reminders.views.tab_actions import birthdays

        ids = self.selected_ids() if self.selected_count() > 1 else None
        return birthdays(self, self.office, ids, now=self.clock())

    def group_name(self) -> str | None:
        """The chosen group's name (None for all contacts)."""
        item = self.groups.currentItem()
        return item.text(0) if item is not None and self._group_id is not None else None

    # --- context menu ------------------------------------------------------------------------------------
    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.select_row(index.row())
        menu = self.build_context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def build_context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("phonebook.menu")
        menu.addAction(self.open_action)
        contact_id = self.current_id()
        if contact_id is not None and self.selected_count() <= 1:
            dial = menu.addMenu("تماس")
            dial.setObjectName("phonebook.menu.dial")
            self._fill_dial_menu(dial, contact_id)
        menu.addAction(self.delete_action)
        menu.addAction(self.merge_action)
        if self.selected_ids():
            self._add_group_menus(menu)
        menu.addSeparator()
        menu.addAction(self.reminder_action)
        menu.addAction(self.birthdays_action)
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.print_action)
        if contact_id is not None and self.selected_count() <= 1:
            menu.addAction(self.print_card_action)
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)
        return menu

    def _add_group_menus(self, menu: QMenu) -> None:
        """«افزودن به گروه» / «برداشتن از گروه» ▸ each group: for every selected contact at once."""
        groups = self.phonebook.groups()
        for title, name, add in (("افزودن به گروه", "phonebook.menu.add_to_group", True),
                                 ("برداشتن از گروه", "phonebook.menu.remove_from_group", False)):
            sub = menu.addMenu(title)
            sub.setObjectName(name)
            sub.setEnabled(bool(groups))
            for group in groups:
                action = sub.addAction(group.name)
                action.setObjectName(f"{name}.{group.id}")
                action.triggered.connect(lambda _=False, g=group, a=add: self.change_group(g.id, g.name, a))

    def change_group(self, group_id: int, group_name: str, add: bool) -> int:
        """Put the selected contacts into a group (or take them out); says how many changed."""
        ids = self.selected_ids()
        if not ids:
            return 0
        try:
            changed = (self.phonebook.add_to_group if add else self.phonebook.remove_from_group)(ids, group_id)
        except Exception as error:  # noqa: BLE001 - the operator sees the Persian message
            dialogs.show_error(self, error)
            return 0
        self.refresh()
        n = format_number(changed)
        if add:
            text = f"{n} مخاطب به گروه «{group_name}» افزوده شد." if changed else f"همه در گروه «{group_name}» بودند."
        else:
            text = f"{n} مخاطب از گروه «{group_name}» برداشته شد." if changed else f"هیچ‌یک در گروه «{group_name}» نبود."
        self.selection_label.setText(text)
        return changed

    # --- the search index -----------------------------------------------------------------------------------
    def check_search_index(self) -> bool:
        """Contacts added behind the index's back (a bulk demo fill, an old import) are not found
        by a search: index them on a worker, with a progress dialog, then search again. True when
        a rebuild was started."""
        if self._index_checked:
            return False
        self._index_checked = True
        try:
            stale = self.phonebook.search_index_is_stale()
        except Exception:  # noqa: BLE001 - a damaged file is the start-up check's business
            return False
        if not stale:
            return False
        from crm_desktop.ui.ops import run_op

        def done(_count) -> None:
            import shiboken6

            if shiboken6.isValid(self):  # the window may have closed meanwhile
                self._show_query()

        run_op(self.window(), "ساختن نمایه جستجو", rebuild_index, self.office.path, done,
               label="مخاطبان تازه برای جستجو نمایه می‌شوند…", cancellable=False)
        return True

    # --- lifecycle ------------------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Resize and watched is self.table.viewport():
            self._fit_phones()
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.check_search_index)
        if not self.table.hasFocus() and not self.search.hasFocus():
            QTimer.singleShot(0, self.search.setFocus)
