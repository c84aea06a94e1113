"""The cheque book tab (دفتر چک): filters, a lazy table of the filtered cheques (100k rows never
load at once), and a footer with the count and total per status; a toolbar to record received
and paid cheques, open one, take the next step of its life or undo the last, delete, manage the
office's cheque books and banks, print the filtered list and export it.

Keyboard: Ctrl+N a received cheque, Ctrl+Shift+N a paid one, Ctrl+F the Sayad/serial search,
Enter open, Ctrl+T the next step, Del delete (asks first), Ctrl+P print, Esc clears the search.

    tab = ChequesTab(office, events, parent, clock=datetime.now)
    tab.open_cheque(cheque_id)            # a due alert's «باز کردن», a contact card's row
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheques import status as st
from crm_desktop.cheques.views import tab_actions
from crm_desktop.cheques.views.filter_bar import ChequeFilterBar
from crm_desktop.cheques.views.footer import ChequeFooter
from crm_desktop.cheques.views.table_model import ChequeSource, ChequeTableModel, cheque_columns
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs
from crm_desktop.ui.actions import make_action
from crm_desktop.ui.lazy_table import current_object, select_object, selected_objects, setup_table_view
from crm_desktop.ui.toolbar_rows import ToolbarRows

WATCHED_TABLES = frozenset({"cheques", "cheque_events", "cheque_images", "cheque_leaves", "cheque_books", "banks",
                            "contacts", "*"})


def _default_cheque_dialog(office, cheque_id, parent, **options):
    from crm_desktop.cheques.views.cheque_dialog import ChequeDialog

    return ChequeDialog(office, cheque_id, parent, clock=parent.clock, **options)


def _default_status_dialog(office, cheque_id, parent, clock):
    from crm_desktop.cheques.views.status_dialog import StatusDialog

    return StatusDialog(office, cheque_id, parent, clock=clock)


def _default_books_dialog(office, parent, clock):
    from crm_desktop.cheques.views.books_dialog import BooksDialog

    return BooksDialog(office, parent, clock=clock)


def _default_print_dialog(office, ids, parent, clock):
    from crm_desktop.cheque_print.views.print_dialog import PrintChequesDialog

    return PrintChequesDialog(office, ids, parent, clock=clock)


class ChequesTab(QWidget):
    TITLE = "دفتر چک"

    def __init__(self, office, events, parent=None, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.setObjectName("cheques")
        self.office = office
        self.events = events
        self.clock = clock
        self.cheque_dialog_factory = _default_cheque_dialog
        self.status_dialog_factory = _default_status_dialog
        self.books_dialog_factory = _default_books_dialog
        self.print_dialog_factory = _default_print_dialog

        self.filters = ChequeFilterBar(office, self, today=self.today)
        self.table = QTableView(self)
        self.table.setObjectName("cheques.table")
        self.table.setAccessibleName("چک‌ها")
        self.model = ChequeTableModel(cheque_columns(), ChequeSource(office.cheques, self.filters.query()), self,
                                      today=self.today)
        setup_table_view(self.table, self.model)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._size_columns()
        self.footer = ChequeFooter(self)
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)

        self.filters.changed.connect(self.apply_filters)
        self.filters.search.install_shortcut(self)
        self.filters.search.navigateDown.connect(self.focus_table)
        self.table.activated.connect(lambda _i: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.events.changed.connect(self._on_changed)
        self._update_footer()
        self._update_actions()

    def today(self):
        return self.clock().date()

    # --- building ---------------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot, shortcuts=(), tip: str = "", *, context=Qt.WindowShortcut,
                hosts=()) -> QAction:
        return make_action(self, text, name, slot, shortcuts, tip, context=context, hosts=hosts)

    def _build_actions(self) -> None:
        self.new_received_action = self._action("چک دریافتی تازه", "cheques.new_received",
                                                lambda: self.new_cheque(st.RECEIVED), ["Ctrl+N"])
        self.new_paid_action = self._action("چک پرداختی تازه", "cheques.new_paid",
                                            lambda: self.new_cheque(st.PAID), ["Ctrl+Shift+N"])
        self.open_action = self._action("باز کردن", "cheques.open", self.open_current, tip="باز کردن (Enter)")
        self.step_action = self._action("تغییر وضعیت…", "cheques.step", self.take_step, ["Ctrl+T"],
                                        "مرحلهٔ بعد چک: واگذاری به بانک، وصول، برگشت، خرج، عودت…")
        self.undo_action = self._action("برگرداندن آخرین مرحله", "cheques.undo_step", self.undo_step)
        self.delete_action = self._action("حذف", "cheques.delete", self.delete_selected, [QKeySequence.Delete],
                                          context=Qt.WidgetShortcut, hosts=(self.table,))
        self.books_action = self._action("دسته چک‌ها…", "cheques.books", self.manage_books,
                                         tip="دسته چک‌های دفتر: برگ‌های صادر شده، باطل، مفقود و استفاده‌نشده")
        self.banks_action = self._action("بانک‌ها…", "cheques.banks", self.manage_banks)
        self.designer_action = self._action("نمونه چاپی…", "cheques.designer", self.open_designer,
                                            tip="طراحی نمونه چاپی برگ چک: جای فیلدها، قلم‌ها و تنظیم چاپگر")
        self.print_action = self._action("چاپ", "cheques.print", self.print_report, ["Ctrl+P"],
                                         "چاپ فهرست چک‌های فیلترشده، به تفکیک ماه سررسید")
        self.export_action = self._action("خروجی…", "cheques.export", self.export,
                                          tip="خروجی Excel یا CSV از چک‌های فیلترشده")
        self.print_leaf_action = self._action("چاپ روی برگ چک…", "cheques.print_leaf", self.print_on_leaves,
                                              ["Ctrl+Shift+P"], "چاپ چک‌های پرداختی انتخاب‌شده روی برگ چک")
        for action in (self.open_action, self.delete_action):
            action.setShortcutVisibleInContextMenu(False)
        # three groups in one row where the window has room, wrapping onto a second row where it has
        # not: on a 1024 px netbook «نمونه چاپی…» was only behind the toolbar's » menu
        self.toolbar = ToolbarRows(self, "cheques.toolbar")
        self.toolbar.add_group(self.new_received_action, self.new_paid_action, self.open_action, self.step_action,
                               self.undo_action, self.delete_action)
        self.toolbar.add_group(self.print_leaf_action, self.print_action, self.export_action)
        self.toolbar.add_group(self.books_action, self.banks_action, self.designer_action)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        widths = {"due": 95, "direction": 70, "status": 130, "amount": 130, "counterparty": 170, "bank": 110,
                  "serial": 140, "sayad": 150, "purpose": 160, "registered": 90}
        for i, column in enumerate(self.model.columns):
            if column.key in widths:
                self.table.setColumnWidth(i, widths[column.key])

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for action in (self.open_action, self.step_action, self.undo_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.new_received_action, self.new_paid_action, self.print_action):
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- what is shown ----------------------------------------------------------------------------
    def apply_filters(self) -> None:
        self.model.reset(ChequeSource(self.office.cheques, self.filters.query(), self.model.source().order))
        self.table.scrollToTop()
        self._update_footer()
        self._update_actions()

    def refresh(self) -> None:
        """After a write: the same filters and order, rows and totals read again."""
        current = self.current_id()
        self.model.reset(ChequeSource(self.office.cheques, self.filters.query(), self.model.source().order))
        self._update_footer()
        if current is not None:
            self.select_cheque(current)
        self._update_actions()

    def _on_changed(self, tables: frozenset) -> None:
        if tables & WATCHED_TABLES:
            if tables & {"banks", "*"}:
                self.filters.reload_banks()
            self.refresh()

    def _update_footer(self) -> None:
        self.footer.show_totals(self.office.cheques.totals(self.filters.query()), filtered=not self.filters.is_empty())

    def _update_actions(self) -> None:
        row = self.current_row()
        has = row is not None
        self.open_action.setEnabled(has)
        self.delete_action.setEnabled(has)
        # a finished cheque keeps «تغییر وضعیت» (and Ctrl+T): taking it says why there is no next step
        self.step_action.setEnabled(has)
        self.print_leaf_action.setEnabled(has and row.direction == st.PAID)
        self.undo_action.setEnabled(has and row.status_date is not None and
                                    row.status != st.INITIAL.get(row.direction))

    # --- the current cheque -----------------------------------------------------------------------
    def current_row(self):
        return current_object(self.table)

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def selected_ids(self) -> list[int]:
        return [r.id for r in selected_objects(self.table)]

    def rows(self) -> list:
        return [self.model.row_object(i) for i in range(self.model.rowCount())]

    def select_cheque(self, cheque_id: int) -> bool:
        return select_object(self.table, cheque_id)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    # --- actions ----------------------------------------------------------------------------------
    def _run_dialog(self, cheque_id=None, **options) -> int | None:
        try:
            dialog = self.cheque_dialog_factory(self.office, cheque_id, self, **options)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        saved: list[int] = []
        dialog.saved.connect(saved.append)
        dialog.exec()
        dialog.deleteLater()
        self.refresh()  # a step taken in the form's history counts too
        if saved:
            if not self.select_cheque(saved[-1]):
                self.filters.clear()  # the new cheque is outside the filters: show it anyway
                self.apply_filters()
                self.select_cheque(saved[-1])
        self.focus_table()  # Enter, Ctrl+T and Del go on with the cheque just saved or looked at
        return saved[-1] if saved else None

    def new_cheque(self, direction: str = st.RECEIVED) -> int | None:
        return self._run_dialog(None, direction=direction)

    def open_cheque(self, cheque_id: int) -> int | None:
        """The form of a cheque (a due alert's «باز کردن», a contact card's row)."""
        if not self.select_cheque(cheque_id):
            self.filters.clear()
            self.apply_filters()
            self.select_cheque(cheque_id)
        return self._run_dialog(cheque_id)

    def open_current(self) -> None:
        cheque_id = self.current_id()
        if cheque_id is not None:
            self.open_cheque(cheque_id)

    def take_step(self) -> bool:
        cheque_id = self.current_id()
        if cheque_id is None:
            return False
        try:
            dialog = self.status_dialog_factory(self.office, cheque_id, self, self.clock)
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        done = bool(dialog.exec())
        self.refresh()
        self.focus_table()
        return done

    def undo_step(self) -> bool:
        from crm_desktop.cheques.views.history import ChequeHistory

        cheque_id = self.current_id()
        if cheque_id is None:
            return False
        history = ChequeHistory(self.office, cheque_id, self, clock=self.clock)  # its question opens over the tab
        history.hide()
        try:
            return history.undo_last()
        finally:
            history.deleteLater()
            self.refresh()
            self.focus_table()

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        text = ("این چک و همهٔ مراحل و تصویر آن حذف شود؟" if len(ids) == 1 else
                f"{to_persian(len(ids))} چک با همهٔ مراحل و تصویرهایشان حذف شوند؟")
        text += "\nاگر چک از دسته چک دفتر صادر شده، برگ آن دوباره استفاده‌نشده می‌شود."
        if not dialogs.delete_confirmed(self, ids, text, "حذف چک", self.office.cheques.delete):
            return False
        self.refresh()
        return True

    def manage_books(self) -> None:
        dialog = self.books_dialog_factory(self.office, self, self.clock)
        dialog.openCheque.connect(self.open_cheque)
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def manage_banks(self) -> None:
        from crm_desktop.cheques.views.banks_dialog import BanksDialog

        BanksDialog(self.office, self).exec()
        self.filters.reload_banks()

    def print_on_leaves(self):
        """The chosen paid cheques onto their leaves (cheque_print/views/print_dialog.py)."""
        ids = self.selected_ids()
        if not ids:
            dialogs.show_info(self, "چک پرداختی‌ای را که می‌خواهید چاپ شود انتخاب کنید.")
            return None
        try:
            dialog = self.print_dialog_factory(self.office, ids, self, clock=self.clock)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        dialog.exec()
        return dialog

    def open_designer(self):
        from crm_desktop.cheque_print.views.designer import open_designer

        return open_designer(self.office, self)

    def print_report(self):
        return tab_actions.print_cheques(self, self.office, self.filters.query(), today=self.today())

    def export(self):
        return tab_actions.export_cheques(self, self.office, self.filters.query(), today=self.today())

    # --- keyboard ---------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        """Opening the tab puts the cursor in the search (as the phonebook does); ↓ goes to the table."""
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            QTimer.singleShot(0, lambda: self.filters.search.setFocus(Qt.OtherFocusReason) if self.isVisible() else None)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape and self.filters.search.text():
            self.filters.search.set_query("")
            event.accept()
            return
        super().keyPressEvent(event)
