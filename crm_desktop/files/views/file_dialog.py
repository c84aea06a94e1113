"""The file form (پرونده پرسنلی / مشتری / متقاضی استخدام), one class for the three kinds: the
person chosen from the phonebook (or made on the spot), the national code (written to the
contact), the file number (the next one offered, editable), the registration date, the referrer,
the kind's own fields (kind_fields.py), the photo, notes, and beside them the attachments and —
for a saved file — its state history with the kind's way on and, for a customer, the
interaction log and the customer's cheques and reminders.

Every problem shows in Persian under its own field and nothing is stored; the file and its new
attachments are saved in one transaction. Closing with unsaved changes asks first.

    dialog = FileDialog(office, "customer", None, parent, clock=datetime.now)
    dialog.saved.connect(...)        # the file's id
    dialog.exec()
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.files.model import APPLICANT, CUSTOMER, KINDS, LABELS, PERSONNEL, STATES, PersonFile
from crm_desktop.files.views.attachments_box import AttachmentsBox
from crm_desktop.files.views.common import BANNER_STYLE, FSI, PDI, error_label, file_title, line
from crm_desktop.files.views.kind_fields import KindFields
from crm_desktop.files.views.photo_box import PhotoBox
from crm_desktop.phonebook.views.contact_picker import UNPICKED_FA, ContactPicker
from crm_desktop.ui import dialogs
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.screen import fit

NO_PERSON = "شخص را از دفتر تلفن برگزینید یا «مخاطب تازه…» را بزنید."
FIX_ERRORS = "چند مورد نیاز به اصلاح دارد؛ پیام زیر هر فیلد را ببینید."
UNSAVED_TEXT = "تغییرات این پرونده ذخیره نشده است. بدون ذخیره بسته شود؟"
NEW_TITLES = {PERSONNEL: "پرونده پرسنلی تازه", CUSTOMER: "پرونده مشتری تازه", APPLICANT: "متقاضی استخدام تازه"}
FORM_HEIGHT = 860  # where the screen has room; a 1366 × 768 laptop gets less and the fields scroll
CODE_HINT = {PERSONNEL: "۱۰ رقم", APPLICANT: "۱۰ رقم", CUSTOMER: "کد ملی ۱۰ رقمی یا شناسه ملی ۱۱ رقمی شرکت"}
CODE_LABEL = {PERSONNEL: "کد ملی", APPLICANT: "کد ملی", CUSTOMER: "کد / شناسه ملی"}


class FileDialog(QDialog):
    saved = Signal(int)

    def __init__(self, office, kind: str | None = None, file_id: int | None = None, parent: QWidget | None = None,
                 *, clock: Callable[[], datetime] = datetime.now, contact_id: int | None = None):
        super().__init__(parent)
        self.office = office
        self.files = office.files
        self.file_id = file_id
        self.clock = clock
        self.setObjectName("file_dialog")
        self.setSizeGripEnabled(True)
        self.original: PersonFile | None = None
        if file_id is not None:
            self.original = self.files.get(file_id)
            if self.original is None:
                raise UserError(f"file {file_id} no longer exists", "این پرونده دیگر وجود ندارد.")
            kind = self.original.kind
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.kind = kind
        self._code_from_contact = ""
        self._build()
        self._load(self.original or PersonFile(kind, contact_id, number=self.files.next_number(kind),
                                               registered_on=clock().date()))
        self._baseline = self.state()

    # == building =====================================================================================
    def _build(self) -> None:
        today = lambda: self.clock().date()  # noqa: E731
        self.banner = QLabel()
        self.banner.setObjectName("file.banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.errors: dict[str, QLabel] = {}

        self.contact = ContactPicker(self.office, name="file.contact")
        self.national_code = line("file.national_code", ltr=True, placeholder=CODE_HINT[self.kind])
        self.national_code.setMaxLength(20)
        self.number = line("file.number", placeholder="خودکار")
        self.number.setMaxLength(30)
        self.registered_on = JalaliDateEdit(name="file.registered_on", field_name=LABELS["registered_on"],
                                            today=today)
        self.referrer = ContactPicker(self.office, name="file.referrer")
        self.referrer.edit.setPlaceholderText("چه کسی معرفی کرده؟ (اختیاری)")
        self.state_box = None
        if self.original is None:
            self.state_box = QComboBox()
            self.state_box.setObjectName("file.state")
            for key, text in STATES[self.kind].items():
                if key not in ("former", "hired"):
                    self.state_box.addItem(text, key)
        self.photo = PhotoBox() if self.kind != CUSTOMER else None
        self.fields = KindFields(self.kind, units=self.files.units(), today=today)
        self.note = QPlainTextEdit()
        self.note.setObjectName("file.note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 16)

        host = QWidget()
        column = QVBoxLayout(host)
        identity = QGroupBox("مشخصات پرونده")
        form = QFormLayout(identity)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(LABELS["contact_id"] + ":", self.contact)
        form.addRow(CODE_LABEL[self.kind] + ":", self._field(self.national_code, "national_code"))
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._field(self.number, "number"), 1)
        date_label = QLabel(LABELS["registered_on"] + ":")
        date_label.setBuddy(self.registered_on)
        date_label.setContentsMargins(0, 4, 0, 0)  # level with the fields' text, above their message lines
        row.addWidget(date_label, 0, Qt.AlignTop)
        row.addWidget(self.registered_on, 1)
        form.addRow(LABELS["number"] + ":", pair)
        form.addRow(LABELS["referrer_id"] + ":", self.referrer)
        if self.state_box is not None:
            form.addRow(LABELS["state"] + ":", self._field(self.state_box, "state"))
        if self.photo is not None:
            form.addRow("عکس:", self.photo)
        column.addWidget(identity)
        self.section_forms: dict[QWidget, QFormLayout] = {}  # a field's box → the form it is a row of
        for title, rows in self.fields.sections():
            box = QGroupBox(title)
            if len(rows) == 1 and title.startswith("سوابق"):
                inner = QVBoxLayout(box)
                inner.addWidget(rows[0][1])
            else:
                section = QFormLayout(box)
                section.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
                for label, widget in rows:
                    section.addRow(label + ":", widget)
                    self.section_forms[widget] = section
            column.addWidget(box)
        notes = QGroupBox(LABELS["note"])
        QVBoxLayout(notes).addWidget(self.note)
        column.addWidget(notes)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("file.scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.NoFocus)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll.setWidget(host)

        self.attachments = AttachmentsBox(self.office, self.file_id)
        self.side = QTabWidget()
        self.side.setObjectName("file.side")
        self.state_pane = self.interactions = self.cheques_box = self.reminders_box = None
        if self.original is not None:
            from crm_desktop.files.views.state_pane import StatePane

            self.state_pane = StatePane(self.office, self.file_id, clock=self.clock)
            self.state_pane.stateChanged.connect(self._after_state)
            if self.kind == CUSTOMER:
                from crm_desktop.files.views.interactions_pane import InteractionsPane

                self.interactions = InteractionsPane(self.office, self.file_id, clock=self.clock)
                self.interactions.changed.connect(self._after_interaction)
                self.side.addTab(self.interactions, "تعاملات")
            self.side.addTab(self.state_pane, "سیر " + ("مرحله" if self.kind == CUSTOMER else "وضعیت"))
            if self.kind == CUSTOMER:
                self.side.addTab(self._customer_links(), "چک‌ها و یادآوری‌ها")
        self.side.addTab(self.attachments, "پیوست‌ها")
        for index in range(self.side.count()):  # the tab names the pane: no second title inside
            pane = self.side.widget(index)
            if isinstance(pane, QGroupBox):
                pane.setTitle("")
                pane.setFlat(True)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("ذخیره", QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("file.save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("ذخیره (Ctrl+S)")
        self.cancel_button = self.buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        self.cancel_button.setObjectName("file.cancel")
        self.cancel_button.setAutoDefault(False)
        self.print_button = None
        if self.original is not None:
            self.print_button = self.buttons.addButton("چاپ پرونده", QDialogButtonBox.ActionRole)
            self.print_button.setObjectName("file.print")
            self.print_button.setAutoDefault(False)
            self.print_button.clicked.connect(self.print_file)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.Save, self, self.save)

        splitter = QSplitter(Qt.Horizontal)
        splitter.setObjectName("file.splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)  # above the scrolling fields: never scrolled out of sight
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        # a saved customer's side holds the interaction log: it gets half of a wider window
        width, side = ((1240, 1 / 2) if self.kind == CUSTOMER else (1180, 2 / 5)) if self.original is not None \
            else (1040, 1 / 3)
        fit(self, self.parentWidget(), width, FORM_HEIGHT)
        splitter.setSizes([int(width * (1 - side)), int(width * side)])

        self.contact.contactChanged.connect(self._contact_changed)
        self.national_code.textEdited.connect(lambda _t: self._hide_error("national_code"))
        self.number.textEdited.connect(lambda _t: self._hide_error("number"))
        for edit in (self.national_code, self.number):  # typed digits shown back in Persian
            edit.editingFinished.connect(lambda e=edit: e.setText(to_persian(e.text())))

    def _field(self, widget: QWidget, key: str) -> QWidget:
        """``widget`` with its red message line beneath (``file.<key>.error``)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        label = error_label(f"file.{key}.error")
        column.addWidget(label)
        self.errors[key] = label
        return box

    def _customer_links(self) -> QWidget:
        """The customer's cheques and reminders (the phonebook card's own boxes)."""
        from crm_desktop.cheques.views.contact_cheques import ContactChequesBox
        from crm_desktop.reminders.views.contact_reminders import ContactRemindersBox

        self.reminders_box = ContactRemindersBox(self.office, self.original.contact_id, clock=self.clock)
        self.cheques_box = ContactChequesBox(self.office, self.original.contact_id, clock=self.clock)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.reminders_box)
        column.addWidget(self.cheques_box)
        column.addStretch(1)
        return page

    # == state ========================================================================================
    def _load(self, f: PersonFile) -> None:
        self.contact.set_contact_id(f.contact_id)
        self._contact_changed(f.contact_id)
        self.number.setText(to_persian(f.number))
        self.registered_on.setDate(f.registered_on if not isinstance(f.registered_on, str) else None)
        self.referrer.set_contact_id(f.referrer_id)
        if self.state_box is not None:
            self.state_box.setCurrentIndex(max(0, self.state_box.findData(f.state or "")))
        if self.photo is not None:
            self.photo.set_photo(f.photo)
        self.fields.load(f.data, unit=f.unit)
        self.note.setPlainText(f.note)
        self._show_end_fields()
        if self.original is None:
            self.setWindowTitle(NEW_TITLES[self.kind])
        else:  # a window title draws bidi isolates as boxes on some systems: plain text there
            person = self.office.phonebook.get(f.contact_id)
            title = file_title(f, person.display_name if person else "")
            self.setWindowTitle(title.replace(FSI, "").replace(PDI, ""))

    def _show_end_fields(self) -> None:
        """The end of employment shows only for former staff (it is set by «پایان همکاری»)."""
        if self.kind != PERSONNEL:
            return
        former = self.original is not None and self.original.state == "former"
        for name in ("end_date", "end_reason"):
            box = self.fields.boxes[name]
            self.section_forms[box].setRowVisible(box, former)

    def _contact_changed(self, contact_id) -> None:
        """The chosen person's national code, unless the operator typed another one."""
        contact = self.office.phonebook.get(contact_id) if contact_id is not None else None
        code = contact.national_code if contact is not None else ""
        typed = to_latin(self.national_code.text()).strip()
        if not typed or typed == self._code_from_contact:
            self.national_code.setText(to_persian(code))
        self._code_from_contact = code

    def person_file(self) -> PersonFile:
        """The file as the form stands (not validated)."""
        base = self.original or PersonFile(self.kind, None)
        code = to_latin(self.national_code.text()).strip()
        return replace(
            base, contact_id=self.contact.contact_id(), number=to_latin(self.number.text()),
            registered_on=self.registered_on.date(), referrer_id=self.referrer.contact_id(),
            state=self.state_box.currentData() if self.state_box is not None else base.state,
            unit=self.fields.unit_text(), data=self.fields.values(), note=self.note.toPlainText(),
            photo=self.photo.photo() if self.photo is not None else base.photo,
            national_code=code if code or self._code_from_contact else None)

    def state(self) -> tuple:
        f = self.person_file()
        new_state = self.state_box.currentData() if self.state_box is not None else None
        return (f.contact_id, self.national_code.text(), self.number.text(), self.registered_on.text(),
                f.referrer_id, new_state, self.fields.state(), f.note, hash(f.photo), self.attachments.is_dirty(),
                self.contact.edit.text(), self.referrer.edit.text())

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    # == checking and saving ==========================================================================
    def _hide_error(self, key: str) -> None:
        if key in self.errors:
            self.errors[key].hide()

    def _clear_errors(self) -> None:
        self.banner.hide()
        for label in self.errors.values():
            label.hide()
        self.fields.hide_errors()
        self.attachments.error.hide()
        for picker in (self.contact, self.referrer):
            picker.show_error("")

    def _focus(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 40, 40)
        widget.setFocus(Qt.OtherFocusReason)

    def _place_error(self, error: ValidationError) -> None:
        """The message under the field it names (ValidationError.field is a Persian label)."""
        self.banner.setText(FIX_ERRORS)
        self.banner.show()
        field = error.field or ""
        by_label = {label: key for key, label in LABELS.items()}
        key = by_label.get(field, "")
        target: QWidget | None = None
        if key == "contact_id":
            self.contact.show_error(error.fa)
            target = self.contact
        elif key == "referrer_id":
            self.referrer.show_error(error.fa)
            target = self.referrer
        elif key == "registered_on":
            self.registered_on.set_external_error(error.fa)
            target = self.registered_on
        elif key in ("national_code", "number", "state", "note") and key in self.errors:
            self.errors[key].setText(error.fa)
            self.errors[key].show()
            target = {"national_code": self.national_code, "number": self.number, "state": self.state_box,
                      "note": self.note}[key]
        elif field in ("photo",) and self.photo is not None:
            self.photo.show_error(error.fa)
            target = self.photo
        elif field == "پیوست":
            self.attachments.error.setText(error.fa)
            self.attachments.error.show()
            self.side.setCurrentWidget(self.attachments)
            target = self.attachments
        else:
            name = self.fields.field_for_label(field)
            if name is not None:
                target = self.fields.show_error(name, error.fa)
            else:
                self.banner.setText(f"{FIX_ERRORS}\n{error.fa}")
        if target is not None:
            self._focus(target)

    def check(self) -> PersonFile | None:
        """The validated file, or None after showing the problems under their fields."""
        self._clear_errors()
        bad = [w for w in (self.registered_on,) if not w.validate()] + self.fields.validate_widgets()
        for picker, required in ((self.contact, True), (self.referrer, False)):
            if picker.has_unpicked_text():
                picker.show_error(UNPICKED_FA)
                bad.append(picker)
            elif required and picker.contact_id() is None:
                picker.show_error(NO_PERSON)
                bad.append(picker)
        if bad:
            self.banner.setText(FIX_ERRORS)
            self.banner.show()
            self._focus(bad[0])
            return None
        try:
            return replace(self.person_file(), data=dict(self.fields.values())).validate()
        except ValidationError as error:
            self._place_error(error)
            return None

    def save(self) -> int | None:
        f = self.check()
        if f is None:
            return None
        from crm_desktop.storage.db import transaction

        try:
            with transaction(self.office.conn):
                if self.original is None:
                    file_id = self.files.add(f)
                else:
                    self.files.update(f)
                    file_id = self.file_id
                self.attachments.apply(file_id)
        except ValidationError as error:
            self.office.notify({"files"})  # a tab that refreshed inside the rolled-back write reads again
            self._place_error(error)
            return None
        except UserError as error:
            self.office.notify({"files"})
            self.banner.setText(error.fa)
            self.banner.show()
            return None
        except Exception as error:  # noqa: BLE001 - the operator sees why; the form keeps what was typed
            self.office.notify({"files"})
            dialogs.show_error(self, error)
            return None
        self.file_id = file_id
        self.attachments.saved(file_id)
        self._baseline = self.state()
        self.saved.emit(file_id)
        self.accept()
        return file_id

    # == the side panes ===============================================================================
    def _after_state(self) -> None:
        fresh = self.files.get(self.file_id)
        if fresh is not None:
            self.original = replace(self.original, state=fresh.state, state_on=fresh.state_on,
                                    data=fresh.data if self.kind == PERSONNEL else self.original.data)
            if self.kind == PERSONNEL and fresh.state == "former":  # the end date and reason came with it
                self._reload_end_fields(fresh)
            self._show_end_fields()

    def _reload_end_fields(self, fresh: PersonFile) -> None:
        """Shown as stored, and not counted as the operator's unsaved change."""
        end = fresh.data.get("end_date")
        self.fields.widgets["end_date"].setDate(date.fromisoformat(end) if end else None)
        self.fields.widgets["end_reason"].setText(fresh.data.get("end_reason", ""))
        self._baseline = self._baseline[:6] + (self.fields.state(),) + self._baseline[7:]

    def _after_interaction(self) -> None:
        if self.reminders_box is not None:
            self.reminders_box.reload()

    def print_file(self):
        from crm_desktop.files.views import print_actions

        return print_actions.print_card(self, self.office, self.file_id, today=self.clock().date())

    def reject(self) -> None:
        if self.is_dirty() and not dialogs.confirm(self, UNSAVED_TEXT, "تغییرات ذخیره نشده",
                                                   yes_text="بستن بدون ذخیره", no_text="ادامهٔ ویرایش"):
            return
        super().reject()
