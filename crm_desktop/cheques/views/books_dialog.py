"""«دسته چک‌ها»: the office's own cheque books. The list of books (bank, account, serials, leaves
left), «دسته چک تازه…», and for the chosen book every leaf with its state — unused, issued (with
its cheque), void, lost — and the actions «صدور چک روی این برگ…», «باطل کردن برگ», «مفقود»,
«برداشتن علامت». A leaf is never issued twice: the repository refuses it."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheques.model import ChequeBook
from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.core.money import format_amount
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.ui import dialogs
from crm_desktop.ui.screen import fit

LEAF_COLOURS = {"used": "#1f6f8b", "void": "#6b6b6b", "lost": "#c62828"}
LRI, PDI = "\u2066", "\u2069"


def book_title(repo, book, summary) -> str:
    return (f"{repo.bank_name(book.bank)} — حساب {LRI}{to_persian(book.account_number)}{PDI} — سریال "
            f"{LRI}{to_persian(book.serial_of(1))}{PDI} تا {LRI}{to_persian(book.serial_of(book.leaves))}{PDI} "
            f"({to_persian(summary.unused)} از {to_persian(book.leaves)} برگ مانده)")


class NewBookDialog(QDialog):
    """The fields of a new cheque book; «ثبت» saves it (messages under the form)."""

    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(parent)
        self.office = office
        self.book_id = None
        self.setObjectName("cheque_book_new")
        self.setWindowTitle("دسته چک تازه")
        self.bank = QComboBox()
        self.bank.setObjectName("cheque_book.bank")
        self.bank.addItem("— بانک را انتخاب کنید —", "")
        for bank in office.cheques.banks():
            self.bank.addItem(bank.name, bank.key)
        self.fields = {}
        for key, placeholder in (("branch_name", ""), ("branch_code", ""), ("account_number", f"مثلاً {LRI}۱۲۳۴-۵۶۷۸۹{PDI}"),
                                 ("sheba", "اختیاری"), ("series", ""), ("first_serial", "سریال برگ اول"),
                                 ("first_sayad_id", "شناسه صیادی برگ اول (اختیاری)"), ("note", "")):
            edit = QLineEdit()
            edit.setObjectName(f"cheque_book.{key}")
            edit.setPlaceholderText(placeholder)
            if key not in ("branch_name", "note"):
                edit.setLayoutDirection(Qt.LeftToRight)
                edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)
            self.fields[key] = edit
        self.leaves = QSpinBox()
        self.leaves.setObjectName("cheque_book.leaves")
        self.leaves.setRange(1, 500)
        self.leaves.setValue(25)
        self.error = QLabel()
        self.error.setObjectName("cheque_book.error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("بانک:", self.bank)
        labels = {"branch_name": "نام شعبه", "branch_code": "کد شعبه", "account_number": "شماره حساب",
                  "sheba": "شماره شبا", "series": "سری", "first_serial": "سریال برگ اول",
                  "first_sayad_id": "شناسه صیادی برگ اول", "note": "یادداشت"}
        for key, edit in self.fields.items():
            form.addRow(labels[key] + ":", edit)
            if key == "first_serial":
                form.addRow("تعداد برگ:", self.leaves)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("ثبت")
        buttons.button(QDialogButtonBox.Ok).setObjectName("cheque_book.save")
        buttons.button(QDialogButtonBox.Cancel).setText("انصراف")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def book(self) -> ChequeBook:
        values = {key: edit.text() for key, edit in self.fields.items()}
        return ChequeBook(bank=self.bank.currentData() or "", leaves=self.leaves.value(), **values)

    def save(self) -> int | None:
        try:
            self.book_id = self.office.cheques.add_book(self.book())
        except (ValidationError, UserError) as error:
            self.error.setText(error.fa)
            self.error.show()
            return None
        self.accept()
        return self.book_id


def _default_cheque_dialog(office, parent, clock, **options):
    from crm_desktop.cheques.views.cheque_dialog import ChequeDialog

    return ChequeDialog(office, options.pop("cheque_id", None), parent, clock=clock, **options)


class BooksDialog(QDialog):
    openCheque = Signal(int)

    def __init__(self, office, parent: QWidget | None = None, *, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.office = office
        self.repo = office.cheques
        self.clock = clock
        self.new_book_factory = NewBookDialog
        self.cheque_dialog_factory = _default_cheque_dialog
        self.setObjectName("cheque_books")
        self.setWindowTitle("دسته چک‌ها")
        self.books = QListWidget()
        self.books.setObjectName("cheque_books.list")
        self.books.setWordWrap(True)
        self.new_button = QPushButton("دسته چک تازه…")
        self.new_button.setObjectName("cheque_books.new")
        self.new_button.clicked.connect(self.new_book)
        self.delete_button = QPushButton("حذف دسته چک")
        self.delete_button.setObjectName("cheque_books.delete")
        self.delete_button.clicked.connect(self.delete_book)
        self.summary = QLabel()
        self.summary.setObjectName("cheque_books.summary")
        self.leaves = QTableWidget(0, 6)
        self.leaves.setObjectName("cheque_books.leaves")
        self.leaves.setHorizontalHeaderLabels(["برگ", "سریال", "شناسه صیادی", "وضعیت", "تاریخ", "چک"])
        self.leaves.verticalHeader().hide()
        self.leaves.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.leaves.setSelectionMode(QAbstractItemView.SingleSelection)
        self.leaves.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.leaves.horizontalHeader().setStretchLastSection(True)
        self.leaves.doubleClicked.connect(lambda _i: self._open_leaf())
        self.issue_button = QPushButton("صدور چک روی این برگ…")
        self.issue_button.setObjectName("cheque_books.issue")
        self.issue_button.clicked.connect(self.issue_on_leaf)
        self.void_button = QPushButton("باطل کردن برگ")
        self.void_button.setObjectName("cheque_books.void")
        self.void_button.clicked.connect(lambda: self.mark("void"))
        self.lost_button = QPushButton("مفقود")
        self.lost_button.setObjectName("cheque_books.lost")
        self.lost_button.clicked.connect(lambda: self.mark("lost"))
        self.unmark_button = QPushButton("برداشتن علامت")
        self.unmark_button.setObjectName("cheque_books.unmark")
        self.unmark_button.clicked.connect(self.unmark)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.books, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        column.addLayout(row)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.leaves, 1)
        row = QHBoxLayout()
        for button in (self.issue_button, self.void_button, self.lost_button, self.unmark_button):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText("بستن")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        fit(self, parent, 1080, 560)
        self.books.currentRowChanged.connect(lambda _r: self.show_leaves())
        self.leaves.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    # -- books ---------------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_book_id()
        self.books.blockSignals(True)
        self.books.clear()
        for book in self.repo.books():
            item = QListWidgetItem(book_title(self.repo, book, self.repo.book_summary(book.id)))
            item.setData(Qt.UserRole, book.id)
            self.books.addItem(item)
        self.books.blockSignals(False)
        rows = [i for i in range(self.books.count()) if self.books.item(i).data(Qt.UserRole) == current]
        self.books.setCurrentRow(rows[0] if rows else (0 if self.books.count() else -1))
        self.show_leaves()

    def current_book_id(self) -> int | None:
        item = self.books.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def new_book(self) -> int | None:
        dialog = self.new_book_factory(self.office, self)
        if not dialog.exec():
            return None
        self.reload(select=dialog.book_id)
        return dialog.book_id

    def delete_book(self) -> bool:
        book_id = self.current_book_id()
        if book_id is None or not dialogs.confirm(self, "این دسته چک حذف شود؟", "حذف دسته چک"):
            return False
        try:
            self.repo.delete_book(book_id)
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        self.reload()
        return True

    # -- leaves --------------------------------------------------------------------------------------
    def show_leaves(self) -> None:
        book_id = self.current_book_id()
        self.leaves.setRowCount(0)
        if book_id is None:
            self.summary.setText("هنوز دسته چکی ثبت نشده است؛ «دسته چک تازه…» را بزنید.")
            self._update_buttons()
            return
        summary = self.repo.book_summary(book_id)
        self.summary.setText(f"صادر شده: {to_persian(summary.used)} — استفاده‌نشده: {to_persian(summary.unused)} — "
                             f"باطل: {to_persian(summary.void)} — مفقود: {to_persian(summary.lost)}")
        amounts = {}
        ids = [leaf.cheque_id for leaf in summary.leaves if leaf.cheque_id is not None]
        for cheque_id in ids:
            cheque = self.repo.get(cheque_id)
            if cheque is not None:
                amounts[cheque_id] = f"{format_amount(cheque.amount)} ریال — {cheque.status_label}"
        self.leaves.setRowCount(len(summary.leaves))
        for row, leaf in enumerate(summary.leaves):
            values = [to_persian(leaf.leaf_no), f"{LRI}{to_persian(leaf.serial)}{PDI}",
                      f"{LRI}{to_persian(leaf.sayad_id)}{PDI}" if leaf.sayad_id else "", leaf.state_label,
                      jalali.format_date(leaf.on) if leaf.on else "",
                      amounts.get(leaf.cheque_id, leaf.note)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, (leaf.leaf_no, leaf.state, leaf.cheque_id))
                if leaf.state in LEAF_COLOURS:
                    item.setForeground(QBrush(QColor(LEAF_COLOURS[leaf.state])))
                self.leaves.setItem(row, column, item)
        for column in range(self.leaves.columnCount() - 1):  # «چک» stretches over what is left
            self.leaves.resizeColumnToContents(column)
        self._update_buttons()

    def current_leaf(self) -> tuple[int, str, int | None] | None:
        row = self.leaves.currentRow()
        item = self.leaves.item(row, 0) if row >= 0 else None
        return tuple(item.data(Qt.UserRole)) if item is not None else None

    def select_leaf(self, leaf_no: int) -> None:
        self.leaves.selectRow(leaf_no - 1)
        self.leaves.setCurrentCell(leaf_no - 1, 0)

    def _update_buttons(self) -> None:
        leaf = self.current_leaf()
        state = leaf[1] if leaf else None
        self.issue_button.setEnabled(state == "unused")
        self.void_button.setEnabled(state == "unused")
        self.lost_button.setEnabled(state == "unused")
        self.unmark_button.setEnabled(state in ("void", "lost") and leaf[2] is None)
        self.delete_button.setEnabled(self.current_book_id() is not None)

    def issue_on_leaf(self) -> int | None:
        leaf = self.current_leaf()
        if leaf is None or leaf[1] != "unused":
            return None
        dialog = self.cheque_dialog_factory(self.office, self, self.clock, direction="paid",
                                            book_id=self.current_book_id(), leaf_no=leaf[0])
        saved = []
        dialog.saved.connect(saved.append)
        dialog.exec()
        self.reload()
        return saved[-1] if saved else None

    def mark(self, state: str) -> bool:
        leaf = self.current_leaf()
        if leaf is None:
            return False
        what = "باطل" if state == "void" else "مفقود"
        if not dialogs.confirm(self, f"برگ {to_persian(leaf[0])} {what} ثبت شود؟ این برگ دیگر صادر نمی‌شود.", what):
            return False
        try:
            self.repo.mark_leaf(self.current_book_id(), leaf[0], state, now=self.clock())
        except (UserError, ValidationError) as error:
            dialogs.show_error(self, error)
            return False
        self.reload()
        self.select_leaf(leaf[0])
        return True

    def unmark(self) -> bool:
        leaf = self.current_leaf()
        if leaf is None:
            return False
        try:
            self.repo.unmark_leaf(self.current_book_id(), leaf[0])
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        self.reload()
        self.select_leaf(leaf[0])
        return True

    def _open_leaf(self) -> None:
        leaf = self.current_leaf()
        if leaf and leaf[2] is not None:
            self.openCheque.emit(leaf[2])
        elif leaf and leaf[1] == "unused":
            self.issue_on_leaf()
