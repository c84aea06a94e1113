"""One kind's page of the files tab (پرسنل، مشتریان، متقاضیان استخدام): a toolbar, the filters,
a lazy table in Persian order of names and a count. Keyboard: Ctrl+N a new file, Ctrl+F the
search, Enter open, Del delete (asks first), Ctrl+P print the list, Esc clears the search.
Personnel add «پایان همکاری…»; applicants «استخدام…» (the new personnel file opens next) and
«فرم خالی استخدام» (the blank form to hand to someone at the door).

    page = FilesPage(office, "customer", parent, clock=datetime.now)
    page.open_file(file_id); page.new_file()
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import format_number
from crm_desktop.errors import UserError
from crm_desktop.files.model import APPLICANT, KINDS, PERSONNEL
from crm_desktop.files.views import print_actions
from crm_desktop.files.views.filter_bar import FileFilterBar
from crm_desktop.files.views.table_model import COLUMN_WIDTHS, FileSource, FileTableModel
from crm_desktop.ui import dialogs
from crm_desktop.ui.actions import make_action
from crm_desktop.ui.lazy_table import current_object, select_object, selected_objects, setup_table_view

NEW_TEXT = {PERSONNEL: "پرونده پرسنلی تازه", "customer": "مشتری تازه", APPLICANT: "متقاضی تازه"}
EMPTY_TEXT = {PERSONNEL: "هنوز پرونده پرسنلی‌ای ثبت نشده است.", "customer": "هنوز پرونده مشتری‌ای ثبت نشده است.",
              APPLICANT: "هنوز متقاضی استخدامی ثبت نشده است."}


def _default_file_dialog(office, kind, file_id, parent, clock):
    from crm_desktop.files.views.file_dialog import FileDialog

    return FileDialog(office, kind, file_id, parent, clock=clock)


def _default_step_dialog(name, office, file_id, parent, clock):
    from crm_desktop.files.views import state_dialogs

    return getattr(state_dialogs, name)(office, file_id, parent, clock=clock)


class FilesPage(QWidget):
    hired = Signal(int)  # a new personnel file made from an applicant

    def __init__(self, office, kind: str, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.office = office
        self.kind = kind
        self.clock = clock
        self.setObjectName(f"files.{kind}")
        self.file_dialog_factory = _default_file_dialog
        self.step_dialog_factory = _default_step_dialog

        self.filters = FileFilterBar(office, kind, self, today=self.today)
        self.table = QTableView(self)
        self.table.setObjectName(f"files.{kind}.table")
        self.table.setAccessibleName(KINDS[kind])
        self.model = FileTableModel(kind, FileSource(office.files, self.filters.query()), self)
        setup_table_view(self.table, self.model, sortable=False)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        for i, column in enumerate(self.model.columns):
            if column.key in COLUMN_WIDTHS:
                self.table.setColumnWidth(i, COLUMN_WIDTHS[column.key])
        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"files.{kind}.count")
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.filters.changed.connect(self.apply_filters)
        self.filters.search.install_shortcut(self)
        self.filters.search.navigateDown.connect(self.focus_table)
        self.table.activated.connect(lambda _i: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self._update_footer()
        self._update_actions()

    def today(self):
        return self.clock().date()

    # --- building ---------------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot, shortcuts=(), tip: str = "", *, hosts=()) -> QAction:
        # a page's keys work while it shows (Qt ignores a hidden widget's shortcuts)
        return make_action(self, text, f"files.{self.kind}.{name}", slot, shortcuts, tip,
                           context=Qt.WindowShortcut if not hosts else Qt.WidgetShortcut, hosts=hosts)

    def _build_actions(self) -> None:
        self.new_action = self._action(NEW_TEXT[self.kind], "new", self.new_file, ["Ctrl+N"])
        self.open_action = self._action("باز کردن", "open", self.open_current, tip="باز کردن (Enter)")
        self.delete_action = self._action("حذف", "delete", self.delete_selected, [QKeySequence.Delete],
                                          hosts=(self.table,))
        self.print_action = self._action("چاپ فهرست", "print", self.print_list, ["Ctrl+P"],
                                         "چاپ فهرست پرونده‌های فیلترشده")
        self.print_file_action = self._action("چاپ پرونده", "print_file", self.print_file,
                                              tip="چاپ پرونده انتخاب‌شده")
        kind_actions = []
        if self.kind == PERSONNEL:
            self.end_action = self._action("پایان همکاری…", "end", self.end_employment,
                                           tip="پایان همکاری: پرونده با تاریخ و علت در «پایان همکاری» می‌ماند")
            kind_actions.append(self.end_action)
        if self.kind == APPLICANT:
            self.hire_action = self._action("استخدام…", "hire", self.hire,
                                            tip="ساختن پرونده پرسنلی از این متقاضی با همهٔ مشخصات و پیوست‌ها")
            self.blank_action = self._action("فرم خالی استخدام", "blank_form", self.print_blank_form,
                                             tip="فرم خالی درخواست استخدام برای پر کردن با دست")
            kind_actions += [self.hire_action, self.blank_action]
        for action in (self.open_action, self.delete_action):
            action.setShortcutVisibleInContextMenu(False)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName(f"files.{self.kind}.toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        for action in (self.new_action, self.open_action, self.delete_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in kind_actions:
            self.toolbar.addAction(action)
        if kind_actions:
            self.toolbar.addSeparator()
        self.toolbar.addAction(self.print_file_action)
        self.toolbar.addAction(self.print_action)
        self.kind_actions = kind_actions

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for action in (self.open_action, *[a for a in self.kind_actions if a.isEnabled()], self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.new_action, self.print_file_action):
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- what is shown ----------------------------------------------------------------------------
    def _source(self) -> FileSource:
        return FileSource(self.office.files, self.filters.query())

    def apply_filters(self) -> None:
        self.model.reset(self._source())
        self.table.scrollToTop()
        self._update_footer()
        self._update_actions()

    def refresh(self) -> None:
        """After a write: the same filters, rows read again, the same file selected."""
        current = self.current_id()
        self.filters.reload_units()
        self.model.reset(self._source())
        self._update_footer()
        if current is not None:
            self.select_file(current)
        self._update_actions()

    def _update_footer(self) -> None:
        n = self.model.rowCount()
        if n:
            text = f"{format_number(n)} پرونده"
        elif self.filters.is_empty():
            text = EMPTY_TEXT[self.kind]
        else:
            text = "پرونده‌ای با این فیلترها پیدا نشد."
        self.count_label.setText(text)

    def _update_actions(self) -> None:
        row = self.current_row()
        has = row is not None
        for action in (self.open_action, self.delete_action, self.print_file_action):
            action.setEnabled(has)
        if self.kind == PERSONNEL:
            self.end_action.setEnabled(has and row.state == "active")
        if self.kind == APPLICANT:
            self.hire_action.setEnabled(has and row.state != "hired")

    # --- the current file -------------------------------------------------------------------------
    def current_row(self):
        return current_object(self.table)

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def selected_ids(self) -> list[int]:
        return [r.id for r in selected_objects(self.table)]

    def rows(self) -> list:
        return [self.model.row_object(i) for i in range(self.model.rowCount())]

    def select_file(self, file_id: int) -> bool:
        return select_object(self.table, file_id, limit=5000)

    def show_file(self, file_id: int) -> None:
        """Select the file, clearing the filters if they hide it."""
        if not self.select_file(file_id):
            self.filters.clear()
            self.filters._emit.stop()
            self.apply_filters()
            self.select_file(file_id)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    # --- actions ----------------------------------------------------------------------------------
    def _run_dialog(self, file_id: int | None) -> int | None:
        try:
            dialog = self.file_dialog_factory(self.office, self.kind, file_id, self, self.clock)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        saved: list[int] = []
        dialog.saved.connect(saved.append)
        dialog.exec()
        dialog.deleteLater()
        self.refresh()  # a state step or an interaction taken in the form counts too
        if saved:
            self.show_file(saved[-1])
        self.focus_table()
        return saved[-1] if saved else None

    def new_file(self) -> int | None:
        return self._run_dialog(None)

    def open_file(self, file_id: int) -> int | None:
        self.show_file(file_id)
        return self._run_dialog(file_id)

    def open_current(self) -> None:
        file_id = self.current_id()
        if file_id is not None:
            self.open_file(file_id)

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        text = ("این پرونده با همهٔ پیوست‌ها و سوابقش حذف شود؟" if len(ids) == 1 else
                f"{format_number(len(ids))} پرونده با همهٔ پیوست‌ها و سوابقشان حذف شوند؟")
        text += "\nمخاطب در دفتر تلفن می‌ماند."
        if not dialogs.delete_confirmed(self, ids, text, "حذف پرونده", self.office.files.delete):
            return False
        self.refresh()
        return True

    def _step(self, name: str):
        file_id = self.current_id()
        if file_id is None:
            return None
        try:
            dialog = self.step_dialog_factory(name, self.office, file_id, self, self.clock)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        done = bool(dialog.exec())
        dialog.deleteLater()
        self.refresh()
        self.focus_table()
        return dialog if done else None

    def end_employment(self) -> bool:
        return self._step("EndEmploymentDialog") is not None

    def hire(self) -> int | None:
        """The applicant becomes a personnel file; the tab shows it and opens its form."""
        dialog = self._step("HireDialog")
        if dialog is None or not dialog.personnel_id:
            return None
        self.hired.emit(dialog.personnel_id)
        return dialog.personnel_id

    def print_list(self):
        return print_actions.print_list(self, self.office, self.filters.query(), today=self.today())

    def print_file(self):
        file_id = self.current_id()
        if file_id is None:
            return None
        return print_actions.print_card(self, self.office, file_id, today=self.today())

    def print_blank_form(self):
        return print_actions.print_blank_form(self, self.office, today=self.today())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape and self.filters.search.text():
            self.filters.search.set_query("")
            event.accept()
            return
        super().keyPressEvent(event)
