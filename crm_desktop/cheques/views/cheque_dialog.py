"""The cheque form (ثبت / ویرایش چک): every field of a cheque, each problem shown in Persian under
its own field, drawer and payee chosen from the phonebook (or made on the spot), a paid cheque
written on the next leaf of one of the office's cheque books, and a scanned image. An existing
cheque also shows its life (ChequeHistory) with «تغییر وضعیت…» and «برگرداندن آخرین مرحله».

    dialog = ChequeDialog(office, None, parent, direction="received", clock=datetime.now)
    dialog.saved.connect(...)        # the cheque's id
    dialog.exec()
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheques import status as st
from crm_desktop.cheques.model import LABELS, Cheque, ChequeImage, image_mime
from crm_desktop.cheques.views.books_dialog import book_title
from crm_desktop.cheques.views.history import ChequeHistory
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.views.contact_picker import UNPICKED_FA, ContactPicker
from crm_desktop.ui import dialogs
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.money_edit import MoneyEdit
from crm_desktop.ui.screen import fit

ERROR_STYLE = "color: #c62828;"
FIX_ERRORS = "چند مورد نیاز به اصلاح دارد؛ پیام زیر هر فیلد را ببینید."
UNSAVED_TEXT = "تغییرات این چک ذخیره نشده است. بدون ذخیره بسته شود؟"
NO_BOOK = "بدون دسته چک"
FORM_HEIGHT = 820  # where the screen has room; a 1366 × 768 laptop gets less and the form scrolls
TITLES = {(None, st.RECEIVED): "ثبت چک دریافتی", (None, st.PAID): "ثبت چک پرداختی"}
IMAGE_FILTER = "تصویر چک (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp *.pdf)"


def _line(name: str, *, ltr: bool = False, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    if ltr:  # numbers read left to right inside a right-to-left form
        edit.setLayoutDirection(Qt.LeftToRight)
        edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def _ltr(text: str) -> str:
    return to_persian(text) if text else ""


class ChequeDialog(QDialog):
    saved = Signal(int)

    def __init__(self, office, cheque_id: int | None = None, parent: QWidget | None = None, *,
                 direction: str = st.RECEIVED, book_id: int | None = None, leaf_no: int | None = None,
                 prefill: Cheque | None = None, clock: Callable[[], datetime] = datetime.now,
                 pick_image: Callable[[QWidget], str] | None = None):
        super().__init__(parent)
        self.office = office
        self.repo = office.cheques
        self.cheque_id = cheque_id
        self.clock = clock
        self.pick_image = pick_image or (lambda parent: QFileDialog.getOpenFileName(parent, "تصویر چک", "", IMAGE_FILTER)[0])
        self.setObjectName("cheque_dialog")
        self.setSizeGripEnabled(True)
        self.original = None
        if cheque_id is not None:
            self.original = self.repo.get(cheque_id)
            if self.original is None:
                raise UserError(f"cheque {cheque_id} no longer exists", "این چک دیگر وجود ندارد.")
            direction = self.original.direction
        self.direction = direction
        self._image: ChequeImage | None = None  # picked, not saved yet
        self._image_removed = False
        self._leaf_no = leaf_no
        self._build()
        cheque = self.original or prefill or Cheque(direction=direction, issue_date=clock().date())
        self._load(cheque)
        if book_id is not None:
            self.book.setCurrentIndex(max(0, self.book.findData(book_id)))
        elif self.original is None and prefill is None and self.book.count() == 2:
            # a new cheque, and one cheque book with leaves left: a paid one is written on it
            # («بدون دسته چک» stays a click away)
            self.book.setCurrentIndex(1)
        self._baseline = self.state()
        self._update_title()

    # == building =====================================================================================
    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("cheque.banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #c62828; padding: 6px; border-radius: 4px;")
        self.banner.hide()
        self.errors: dict[str, QLabel] = {}

        self.direction_box = QComboBox()
        self.direction_box.setObjectName("cheque.direction")
        for key, text in st.DIRECTIONS.items():
            self.direction_box.addItem(text, key)
        self.direction_box.setEnabled(self.original is None)
        self.book = QComboBox()
        self.book.setObjectName("cheque.book")
        self.book.addItem(NO_BOOK, None)
        for book in self.repo.books():
            summary = self.repo.book_summary(book.id)
            if summary.unused or (self.original is not None and self.original.book_id == book.id):
                self.book.addItem(book_title(self.repo, book, summary), book.id)
        self.book_hint = QLabel()
        self.book_hint.setObjectName("cheque.book_hint")
        self.sayad = _line("cheque.sayad_id", ltr=True, placeholder="۱۶ رقم")
        self.sayad.setMaxLength(40)
        self.series = _line("cheque.series", ltr=True)
        self.serial = _line("cheque.serial", ltr=True)
        self.bank = QComboBox()
        self.bank.setObjectName("cheque.bank")
        self.bank.addItem("— بانک را انتخاب کنید —", "")
        for bank in self.repo.banks():
            self.bank.addItem(bank.name, bank.key)
        self.branch_name = _line("cheque.branch_name")
        self.branch_code = _line("cheque.branch_code", ltr=True)
        self.account = _line("cheque.account_number", ltr=True)
        self.sheba = _line("cheque.sheba", ltr=True, placeholder="IR + ۲۴ رقم (اختیاری)")
        self.sheba.setMaxLength(40)
        self.amount = MoneyEdit(name="cheque.amount", field_name=LABELS["amount"], optional=False)
        self.issue_date = JalaliDateEdit(name="cheque.issue_date", field_name=LABELS["issue_date"],
                                         today=lambda: self.clock().date())
        self.due_date = JalaliDateEdit(name="cheque.due_date", field_name=LABELS["due_date"],
                                       today=lambda: self.clock().date())
        self.guarantee = QCheckBox("چک ضمانتی (می‌تواند تاریخ سررسید نداشته باشد)")
        self.guarantee.setObjectName("cheque.is_guarantee")
        self.drawer = ContactPicker(self.office, name="cheque.drawer")
        self.payee = ContactPicker(self.office, name="cheque.payee")
        self.payee_national_id = _line("cheque.payee_national_id", ltr=True,
                                       placeholder="کد ملی ۱۰ رقمی یا شناسه ملی ۱۱ رقمی")
        self.purpose = _line("cheque.purpose", placeholder="مثلاً فروش کالا طبق فاکتور ۱۲۳")
        self.note = QPlainTextEdit()
        self.note.setObjectName("cheque.note")
        self.note.setFixedHeight(self.note.fontMetrics().height() * 4)
        self.note.setTabChangesFocus(True)
        self.image_label = QLabel("تصویری نیست")
        self.image_label.setObjectName("cheque.image")
        self.image_label.setAlignment(Qt.AlignCenter)
        self.image_label.setMinimumHeight(90)
        self.image_label.setStyleSheet("border: 1px dashed #9e9e9e; color: #757575;")
        self.image_button = QPushButton("افزودن تصویر…")
        self.image_button.setObjectName("cheque.image_add")
        self.image_button.clicked.connect(self.choose_image)
        self.image_remove = QPushButton("حذف تصویر")
        self.image_remove.setObjectName("cheque.image_remove")
        self.image_remove.clicked.connect(self.remove_image)

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(LABELS["direction"] + ":", self.direction_box)
        self.book_row = self._field(self.book, "book_id", self.book_hint)
        form.addRow(LABELS["book_id"] + ":", self.book_row)
        form.addRow(LABELS["sayad_id"] + ":", self._field(self.sayad, "sayad_id"))
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(LABELS["series"] + ":"))
        row.addWidget(self.series, 1)
        row.addWidget(QLabel(LABELS["serial"] + ":"))
        row.addWidget(self.serial, 2)
        form.addRow("سری و سریال:", self._field(pair, "serial"))
        form.addRow(LABELS["bank"] + ":", self._field(self.bank, "bank"))
        branch = QWidget()
        row = QHBoxLayout(branch)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.branch_name, 2)
        row.addWidget(QLabel(LABELS["branch_code"] + ":"))
        row.addWidget(self.branch_code, 1)
        form.addRow(LABELS["branch_name"] + ":", self._field(branch, "branch_code"))
        form.addRow(LABELS["account_number"] + ":", self._field(self.account, "account_number"))
        form.addRow(LABELS["sheba"] + ":", self._field(self.sheba, "sheba"))
        form.addRow(LABELS["amount"] + ":", self.amount)
        form.addRow(LABELS["issue_date"] + ":", self.issue_date)
        form.addRow(LABELS["due_date"] + ":", self.due_date)
        form.addRow("", self.guarantee)
        form.addRow(LABELS["drawer_id"] + ":", self.drawer)
        form.addRow(LABELS["payee_id"] + ":", self.payee)
        form.addRow(LABELS["payee_national_id"] + ":", self._field(self.payee_national_id, "payee_national_id"))
        form.addRow(LABELS["purpose"] + ":", self._field(self.purpose, "purpose"))
        form.addRow(LABELS["note"] + ":", self.note)
        images = QWidget()
        column = QVBoxLayout(images)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.image_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.image_button)
        buttons.addWidget(self.image_remove)
        buttons.addStretch(1)
        column.addLayout(buttons)
        form.addRow("تصویر چک:", self._field(images, "image"))

        host = QWidget()
        host_layout = QVBoxLayout(host)
        host_layout.addLayout(form)
        host_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes from field to field, not to the frame
        self.scroll.setWidget(host)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText("ذخیره")
        self.buttons.button(QDialogButtonBox.Save).setObjectName("cheque.save")
        self.buttons.button(QDialogButtonBox.Cancel).setText("انصراف")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.scroll, 3)
        self.history = None
        if self.original is not None:
            self.history = ChequeHistory(self.office, self.cheque_id, self, clock=self.clock)
            self.history.stepTaken.connect(self._after_step)
            body.addWidget(self.history, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)  # above the scrolling fields: never scrolled half out of sight
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        fit(self, self.parentWidget(), 1040 if self.original is not None else 640, FORM_HEIGHT)

        self.direction_box.currentIndexChanged.connect(lambda _i: self._direction_changed())
        self.book.currentIndexChanged.connect(lambda _i: self._book_changed())
        self.guarantee.toggled.connect(self._guarantee_changed)
        self.drawer.contactChanged.connect(lambda _c: self._fill_national_id())
        self.payee.contactChanged.connect(lambda _c: self._fill_national_id())
        for edit in (self.sayad, self.series, self.serial, self.branch_name, self.branch_code, self.account,
                     self.sheba, self.payee_national_id, self.purpose):
            edit.textEdited.connect(lambda _t, e=edit: self._clear_error(e))
        self.bank.currentIndexChanged.connect(lambda _i: self._hide_error("bank"))

    def _field(self, widget: QWidget, key: str, *extra: QWidget) -> QWidget:
        """``widget`` with its red message line beneath (``cheque.<key>.error``)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        for item in extra:
            column.addWidget(item)
        label = QLabel()
        label.setObjectName(f"cheque.{key}.error")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        column.addWidget(label)
        self.errors[key] = label
        widget.setProperty("error_key", key)
        return box

    # == state ========================================================================================
    def _load(self, c: Cheque) -> None:
        self.direction_box.setCurrentIndex(max(0, self.direction_box.findData(c.direction)))
        self.sayad.setText(_ltr(c.sayad_id))
        self.series.setText(_ltr(c.series))
        self.serial.setText(_ltr(c.serial))
        self.bank.setCurrentIndex(max(0, self.bank.findData(c.bank)))
        if c.bank and self.bank.findData(c.bank) < 0:  # a hidden bank the cheque still names
            self.bank.addItem(self.repo.bank_name(c.bank), c.bank)
            self.bank.setCurrentIndex(self.bank.count() - 1)
        self.branch_name.setText(_ltr(c.branch_name))
        self.branch_code.setText(_ltr(c.branch_code))
        self.account.setText(_ltr(c.account_number))
        self.sheba.setText(c.sheba)
        self.amount.setValue(c.amount if isinstance(c.amount, int) and c.amount > 0 else None)
        self.issue_date.setDate(c.issue_date if not isinstance(c.issue_date, str) else None)
        self.due_date.setDate(c.due_date if not isinstance(c.due_date, str) else None)
        self.guarantee.setChecked(bool(c.is_guarantee))
        self.drawer.set_contact_id(c.drawer_id)
        self.payee.set_contact_id(c.payee_id)
        self.payee_national_id.setText(_ltr(c.payee_national_id))
        self.purpose.setText(_ltr(c.purpose))  # stored with ASCII digits, shown in Persian
        self.note.setPlainText(c.note)
        if c.book_id is not None:
            index = self.book.findData(c.book_id)
            self.book.setCurrentIndex(max(0, index))
        self._direction_changed()
        self._guarantee_changed(self.guarantee.isChecked())
        self._show_image()

    def cheque(self) -> Cheque:
        """The cheque as the form stands (not validated)."""
        base = self.original or Cheque()
        return replace(
            base, direction=self.direction_box.currentData(), sayad_id=self.sayad.text(), series=self.series.text(),
            serial=self.serial.text(), bank=self.bank.currentData() or "", branch_name=self.branch_name.text(),
            branch_code=self.branch_code.text(), account_number=self.account.text(), sheba=self.sheba.text(),
            amount=self.amount.value() or 0, issue_date=self.issue_date.date(), due_date=self.due_date.date(),
            is_guarantee=self.guarantee.isChecked(), drawer_id=self.drawer.contact_id(),
            payee_id=self.payee.contact_id(), payee_national_id=self.payee_national_id.text(),
            purpose=self.purpose.text(), note=self.note.toPlainText())

    def state(self) -> tuple:
        c = self.cheque()
        return (c.direction, c.sayad_id, c.series, c.serial, c.bank, c.branch_name, c.branch_code, c.account_number,
                c.sheba, self.amount.text(), self.issue_date.text(), self.due_date.text(), c.is_guarantee,
                c.drawer_id, c.payee_id, c.payee_national_id, c.purpose, c.note, self.book.currentData(),
                self._image is not None, self._image_removed)

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    def _update_title(self) -> None:
        if self.original is None:
            self.setWindowTitle(TITLES[(None, self.direction_box.currentData())])
        else:
            self.setWindowTitle(f"چک {self.original.direction_label} — {to_persian(self.original.serial)}")

    # == reactions ====================================================================================
    def _direction_changed(self) -> None:
        paid = self.direction_box.currentData() == st.PAID
        self.form.setRowVisible(self.book_row, paid and (self.original is None or self.original.book_id is not None))
        self.book.setEnabled(self.original is None)
        self._update_title()
        self._book_changed()

    def _book_changed(self) -> None:
        """A paid cheque written on a leaf of one of our books: the book gives bank, account,
        branch, series and serial (and the Sayad ID when the book knows its first one)."""
        book_id = self.book.currentData() if self.direction_box.currentData() == st.PAID else None
        from_book = book_id is not None
        for widget in (self.series, self.serial, self.bank, self.branch_name, self.branch_code, self.account, self.sheba):
            widget.setEnabled(not from_book)
        if not from_book:
            self.book_hint.setText("")
            return
        if self.original is not None:
            self.book_hint.setText(f"برگ {to_persian(self.original.leaf_no)} این دسته چک")
            return
        book = self.repo.get_book(book_id)
        summary = self.repo.book_summary(book_id)
        leaf = next((l for l in summary.leaves if l.leaf_no == self._leaf_no and l.state == "unused"), None) \
            or summary.next_leaf
        if leaf is None:
            self.book_hint.setText("همهٔ برگ‌های این دسته چک مصرف شده است.")
            return
        self.series.setText(_ltr(book.series))
        self.serial.setText(_ltr(leaf.serial))
        self.bank.setCurrentIndex(max(0, self.bank.findData(book.bank)))
        self.branch_name.setText(_ltr(book.branch_name))
        self.branch_code.setText(_ltr(book.branch_code))
        self.account.setText(_ltr(book.account_number))
        self.sheba.setText(book.sheba)
        if leaf.sayad_id and not self.sayad.text().strip():
            self.sayad.setText(_ltr(leaf.sayad_id))
        self._leaf_no = leaf.leaf_no
        self.book_hint.setText(f"این چک روی برگ {to_persian(leaf.leaf_no)} (سریال {to_persian(leaf.serial)}) "
                               "نوشته می‌شود.")

    def _guarantee_changed(self, on: bool) -> None:
        self.due_date.set_optional(on)

    def _fill_national_id(self) -> None:
        """The payee's national code or ID from the phonebook, when the field is empty."""
        if self.payee_national_id.text().strip():
            return
        payee = self.payee.contact_id()
        if payee is None:
            return
        contact = self.office.phonebook.get(payee)
        code = getattr(contact, "national_code", "") if contact else ""
        if code:
            self.payee_national_id.setText(_ltr(code))

    # == the image ====================================================================================
    def choose_image(self) -> bool:
        path = self.pick_image(self)
        if not path:
            return False
        try:
            data = Path(path).read_bytes()
            image = ChequeImage(data, image_mime(data))
        except ValidationError as error:
            self._show_error("image", error.fa)
            return False
        except OSError as error:
            self._show_error("image", f"تصویر خوانده نشد: {error.strerror or error}")
            return False
        self._hide_error("image")
        self._image, self._image_removed = image, False
        self._show_image()
        return True

    def remove_image(self) -> None:
        self._image = None
        self._image_removed = self.original is not None and self.original.has_image
        self._show_image()

    def _current_image(self) -> ChequeImage | None:
        if self._image is not None:
            return self._image
        if self._image_removed or self.original is None or not self.original.has_image:
            return None
        return self.repo.image(self.cheque_id)

    def _show_image(self) -> None:
        image = self._current_image()
        self.image_remove.setEnabled(image is not None)
        self.image_button.setText("تعویض تصویر…" if image is not None else "افزودن تصویر…")
        if image is None:
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText("تصویری نیست")
            return
        pixmap = QPixmap()
        if image.mime.startswith("image/") and pixmap.loadFromData(image.data):
            self.image_label.setPixmap(pixmap.scaled(360, 160, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        else:
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText(f"پرونده {image.mime.split('/')[-1].upper()} پیوست است")

    # == checking and saving ==========================================================================
    def _show_error(self, key: str, message: str) -> None:
        label = self.errors.get(key)
        if label is None:
            self.banner.setText(f"{FIX_ERRORS}\n{message}")
            self.banner.show()
            return
        label.setText(message)
        label.show()

    def _hide_error(self, key: str) -> None:
        if key in self.errors:
            self.errors[key].hide()

    def _clear_error(self, widget: QWidget) -> None:
        key = widget.property("error_key")
        if key is None:
            key = {self.series: "serial", self.serial: "serial", self.branch_name: "branch_code",
                   self.branch_code: "branch_code"}.get(widget)
        if key:
            self._hide_error(key)

    def _place_error(self, error: ValidationError) -> None:
        """The message under the field it names (ValidationError.field is a Persian label)."""
        self.banner.setText(FIX_ERRORS)
        self.banner.show()
        by_label = {label: key for key, label in LABELS.items()}
        key = by_label.get(error.field or "", "")
        widgets = {"amount": self.amount, "issue_date": self.issue_date, "due_date": self.due_date}
        pickers = {"drawer_id": self.drawer, "payee_id": self.payee}
        if key in widgets:
            widgets[key].set_external_error(error.fa)
            target = widgets[key]
        elif key in pickers:
            pickers[key].show_error(error.fa)
            target = pickers[key]
        else:
            key = {"series": "serial", "branch_name": "branch_code", "direction": "book_id"}.get(key, key)
            if error.field == "تصویر چک":
                key = "image"
            self._show_error(key, error.fa)
            target = {"sayad_id": self.sayad, "serial": self.serial, "bank": self.bank, "branch_code": self.branch_code,
                      "account_number": self.account, "sheba": self.sheba, "payee_national_id": self.payee_national_id,
                      "purpose": self.purpose}.get(key, self.sayad)
        self.scroll.ensureWidgetVisible(target, 40, 40)
        target.setFocus(Qt.OtherFocusReason)

    def check(self) -> Cheque | None:
        """The validated cheque, or None after showing the first problem under its field."""
        self.banner.hide()
        for label in self.errors.values():
            label.hide()
        bad = [w for w in (self.amount, self.issue_date, self.due_date) if not w.validate()]
        for picker in (self.drawer, self.payee):
            if picker.has_unpicked_text():
                picker.show_error(UNPICKED_FA)
                bad.append(picker)
        if bad:
            self.banner.setText(FIX_ERRORS)
            self.banner.show()
            self.scroll.ensureWidgetVisible(bad[0], 40, 40)
            bad[0].setFocus(Qt.OtherFocusReason)
            return None
        try:
            cheque = self.cheque()
            if self.book.currentData() is None or self.original is not None:
                cheque.validate()  # from a book, the repository fills the leaf's fields first
        except ValidationError as error:
            self._place_error(error)
            return None
        return cheque

    def save(self) -> int | None:
        cheque = self.check()
        if cheque is None:
            return None
        now = self.clock()
        try:
            if self.original is not None:
                self.repo.update(cheque, now=now)
                cheque_id = self.cheque_id
                if self._image is not None:
                    self.repo.set_image(cheque_id, self._image, now=now)
                elif self._image_removed:
                    self.repo.remove_image(cheque_id)
            elif self.book.currentData() is not None and cheque.direction == st.PAID:
                cheque_id = self.repo.issue_from_book(self.book.currentData(), cheque, leaf_no=self._leaf_no,
                                                      image=self._image, now=now)
            else:
                cheque_id = self.repo.add(cheque, self._image, now=now)
        except ValidationError as error:
            self._place_error(error)
            return None
        except UserError as error:
            self.banner.setText(error.fa)
            self.banner.show()
            return None
        except Exception as error:  # noqa: BLE001 - the operator sees why; the form keeps what was typed
            dialogs.show_error(self, error)
            return None
        self.cheque_id = cheque_id
        self._baseline = self.state()
        self.saved.emit(cheque_id)
        self.accept()
        return cheque_id

    def _after_step(self) -> None:
        """A status step or undo in the history pane: the form's copy follows the stored status."""
        fresh = self.repo.get(self.cheque_id)
        if fresh is not None:
            self.original = replace(self.original, status=fresh.status, status_date=fresh.status_date,
                                    updated_at=fresh.updated_at)

    def reject(self) -> None:
        if self.is_dirty() and not dialogs.confirm(self, UNSAVED_TEXT, "تغییرات ذخیره نشده",
                                                   yes_text="بستن بدون ذخیره", no_text="ادامهٔ ویرایش"):
            return
        super().reject()
