"""The contact form: a person or an organisation with its phones, e-mails, addresses, birthday,
groups and custom fields, and — for a contact that exists — its notes log beside the form.

    dialog = ContactDialog(office, contact_id=None, parent=tab, prefill=None)
    dialog.saved.connect(tab.select_contact)      # the id, after it is stored
    dialog.exec()                                 # Accepted after a save

«ذخیره» (Enter, Ctrl+S) checks every field first: a wrong value gets its Persian message under
the field itself and nothing is stored or lost. A phone already stored for another contact asks
once: «باز کردن آن مخاطب» (opens it over this form, which keeps what was typed), «ذخیره با این
حال», «انصراف». Esc closes, asking first when something was changed.

The form opens with the cursor in «نام» («نام سازمان» for an organisation); Tab follows it in
reading order, each phone, e-mail and address row inside its own section, the notes log after
the form, «ذخیره» and «انصراف» last. It opens as big as the screen has room for.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core import phone as phone_core
from crm_desktop.core.phone import split_extension
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook import model
from crm_desktop.phonebook.views.birthday import BirthdayEdit
from crm_desktop.phonebook.views.fields import CustomFieldEditor, national_code_edit
from crm_desktop.phonebook.views.notes_widget import NotesWidget
from crm_desktop.phonebook.views.rows import AddressRow, EmailRow, PhoneRow, RowList
from crm_desktop.ui import dialogs
from crm_desktop.ui.screen import fitted_height, fitted_width
from crm_desktop.ui.validated_field import ValidatedField

NEW_TITLE = "مخاطب تازه"
EDIT_TITLE = "ویرایش مخاطب"
SAVE_TEXT = "ذخیره"
CANCEL_TEXT = "انصراف"
FIX_ERRORS = "لطفاً موارد مشخص‌شده را درست کنید؛ چیزی ذخیره نشد."
DUPLICATE_TITLE = "شماره تکراری"
DUPLICATE_OPEN = "باز کردن آن مخاطب"
DUPLICATE_SAVE = "ذخیره با این حال"
DUPLICATE_CANCEL = "انصراف"
UNSAVED_TEXT = "تغییرات ذخیره نشده‌اند. فرم بدون ذخیره بسته شود؟"
UNSAVED_YES = "بستن بدون ذخیره"
UNSAVED_NO = "ادامهٔ ویرایش"
SAME_NUMBER = "این شماره در ردیف بالاتر هم آمده است."
NEW_WIDTH, EDIT_WIDTH, FORM_HEIGHT = 660, 1080, 720  # on a screen with room; less where there is none


def colour_icon(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour or "#888888"))
    return QIcon(pixmap)


def _isolate(text: str) -> str:
    return f"\u2066{text}\u2069"


def _holds(widget: QWidget) -> bool:
    """Whether a form field holds something (a line edit's or a combo's text)."""
    text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
    return bool(text.strip())


def check_typed_phone(text: str, kind: str) -> str:
    """The form's rule for a phone the operator typed, which every import follows too
    (``model.checked_phone``): one number and nothing else; a mobile is an Iranian mobile; a
    home, work or fax number is a whole landline, a mobile or a foreign number (+ / 00);
    «دیگر» may be short (110, 1566)."""
    return model.checked_phone(text, kind)


def duplicate_message(found: list[tuple[model.Phone, int, str]]) -> str:
    lines = []
    for phone, _owner, name in found:
        shown = _isolate(phone_core.format_phone(phone.national, typed=phone.number))  # left to right, as typed
        if phone.ext:
            shown += f" داخلی {to_persian(phone.ext)}"
        lines.append(f"شمارهٔ {shown} پیش‌تر برای «{name}» ثبت شده است.")
    return "\n".join(lines) + "\nچه کنیم؟"


class ContactDialog(QDialog):
    """``saved(int)`` fires with the contact's id once it is stored; ``openContactRequested(int)``
    when the operator chose to open the contact that already has a phone."""

    saved = Signal(int)
    openContactRequested = Signal(int)

    def __init__(self, office, contact_id: int | None = None, parent: QWidget | None = None, *,
                 prefill: model.Contact | None = None, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.office = office
        self.repo = office.phonebook
        self.contact_id = contact_id
        self.clock = clock
        self.other_dialog: ContactDialog | None = None
        self.setObjectName("contact_dialog")
        self.setWindowTitle(EDIT_TITLE if contact_id else NEW_TITLE)
        self.setSizeGripEnabled(True)

        self.original: model.Contact | None = None
        if contact_id is not None:
            self.original = self.repo.get(contact_id)
            if self.original is None:
                raise UserError(f"contact {contact_id} no longer exists", "این مخاطب دیگر وجود ندارد.")

        self._build()
        contact = self.original or prefill or model.Contact()
        self._load(contact)
        self._baseline = self.state()
        self.first_field().setFocus(Qt.OtherFocusReason)  # the cursor waits there when the form opens

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt naming
        super().setVisible(visible)
        field = self.first_field()
        if visible and self.focusWidget() is field:
            # QDialog gives the first field focus as if Tab reached it, which selects a stored name
            # whole: one key typed by mistake would replace it; the cursor waits after the text
            field.deselect()
            field.end(False)

    def first_field(self) -> QLineEdit:
        """Where the cursor starts: «نام» for a person, «نام سازمان» for an organisation."""
        return self.first_name if self.kind() == model.PERSON else self.organisation

    # == building =====================================================================================
    def _build(self) -> None:
        form_host = QWidget()
        form_host.setObjectName("contact.form")
        column = QVBoxLayout(form_host)
        # the scroll area sizes the form by height-for-width (wrapped labels), which comes out
        # too small with hidden rows: make the layout's minimum the form's minimum
        column.setSizeConstraint(QVBoxLayout.SetMinimumSize)

        self.banner = QLabel()
        self.banner.setObjectName("contact.banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #c62828; padding: 6px; border-radius: 4px;")
        self.banner.hide()
        column.addWidget(self.banner)

        column.addWidget(self._identity_box())
        self.phones = RowList("contact.phones", self._phone_row, "افزودن شماره")
        column.addWidget(self._boxed("تلفن‌ها", self.phones))
        self.emails = RowList("contact.emails", lambda i, p: EmailRow(i, p), "افزودن ایمیل")
        column.addWidget(self._boxed("پست الکترونیک", self.emails))
        self.addresses = RowList("contact.addresses", lambda i, p: AddressRow(i, p), "افزودن نشانی")
        column.addWidget(self._boxed("نشانی", self.addresses))
        column.addWidget(self._groups_box())
        custom_box = self._custom_box()
        if custom_box is not None:
            column.addWidget(custom_box)
        self.note = QPlainTextEdit()
        self.note.setObjectName("contact.note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 16)
        column.addWidget(self._boxed("توضیحات", self.note))
        column.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("contact.scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(form_host)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        # not a Tab stop of its own: the form opened with the cursor nowhere and took three Tabs to
        # reach «نام»; Tab still scrolls the field it reaches into view (QScrollArea does)
        self.scroll.setFocusPolicy(Qt.NoFocus)

        self.notes_widget: NotesWidget | None = None
        if self.contact_id is not None:
            splitter = QSplitter(Qt.Horizontal)
            splitter.setObjectName("contact.splitter")
            splitter.setChildrenCollapsible(False)
            splitter.addWidget(self.scroll)
            self.notes_widget = NotesWidget(self.office, self.contact_id, clock=self.clock)
            splitter.addWidget(self._side(self.notes_widget))
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            body: QWidget = splitter
        else:
            body = self.scroll

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(SAVE_TEXT, QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("contact.save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("ذخیره (Ctrl+S)")
        self.cancel_button = self.buttons.addButton(CANCEL_TEXT, QDialogButtonBox.RejectRole)
        self.cancel_button.setObjectName("contact.cancel")
        self.cancel_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.Save, self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        layout.addWidget(self.buttons)
        # as big as the screen has room for (a 1024 × 600 netbook put «ذخیره» below its edge): the
        # form's scroll area takes the difference
        parent = self.parentWidget()
        self.resize(fitted_width(self, parent, EDIT_WIDTH if self.contact_id is not None else NEW_WIDTH),
                    fitted_height(self, parent, FORM_HEIGHT))

    def _phone_row(self, index: int, parent: QWidget) -> PhoneRow:
        return PhoneRow(index, parent, split=split_extension, check=check_typed_phone)

    def _side(self, notes: QWidget) -> QWidget:
        """The notes log, and under it the contact's reminders with «یادآوری تازه» (the reminder
        book), the cheques they drew or received, bounced ones marked (the cheque book), and
        their personnel / customer / applicant files (the files)."""
        from crm_desktop.cheques.views.contact_cheques import BOUNCED_COLOUR, ContactChequesBox
        from crm_desktop.files.views.contact_files import ContactFilesBox
        from crm_desktop.reminders.views.contact_reminders import ContactRemindersBox

        self.reminders_box = ContactRemindersBox(self.office, self.contact_id, clock=self.clock)
        self.cheques_box = ContactChequesBox(self.office, self.contact_id, clock=self.clock)
        self.files_box = ContactFilesBox(self.office, self.contact_id, clock=self.clock)
        # one tab each under the notes log, which keeps most of the height (stacked, the three
        # boxes left the log a line and a half at the dialog's size); bounced cheques make theirs
        # the open tab, in red
        self.related = QTabWidget()
        self.related.setObjectName("contact.related")
        for box in (self.reminders_box, self.cheques_box, self.files_box):
            title = box.title()
            box.setTitle("")
            box.setFlat(True)
            self.related.addTab(box, title)
        if getattr(self.cheques_box, "bounced", 0):
            index = self.related.indexOf(self.cheques_box)
            self.related.tabBar().setTabTextColor(index, QColor(BOUNCED_COLOUR))
            self.related.setCurrentIndex(index)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.related.setMaximumHeight(self.fontMetrics().height() * 10)  # a few lines each; the log gets the rest
        column.addWidget(notes, 1)
        column.addWidget(self.related)
        return side

    def _boxed(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(widget)
        return box

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox("مشخصات")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form = form

        self.person_radio = QRadioButton("شخص")
        self.person_radio.setObjectName("contact.kind.person")
        self.organisation_radio = QRadioButton("سازمان")
        self.organisation_radio.setObjectName("contact.kind.organisation")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.person_radio)
        self.kind_group.addButton(self.organisation_radio)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.person_radio)
        kind_row.addWidget(self.organisation_radio)
        kind_row.addStretch(1)
        form.addRow("نوع:", kind_row)

        self.title = QComboBox()
        self.title.setObjectName("contact.title")
        self.title.setEditable(True)
        self.title.addItem("")
        self.title.addItems(model.TITLES)
        self.title.setMinimumContentsLength(10)
        self.first_name = QLineEdit()
        self.first_name.setObjectName("contact.first_name")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("contact.last_name")
        self.name_error = QLabel()
        self.name_error.setObjectName("contact.name.error")
        self.name_error.setStyleSheet("color: #c62828;")
        self.name_error.setWordWrap(True)
        self.name_error.hide()
        self.organisation = QLineEdit()
        self.organisation.setObjectName("contact.organisation")
        self.job_title = QLineEdit()
        self.job_title.setObjectName("contact.job_title")
        self.unit = QLineEdit()
        self.unit.setObjectName("contact.unit")
        self.manager = QLineEdit()
        self.manager.setObjectName("contact.manager")
        self.birthday = BirthdayEdit(today=lambda: self.clock().date())
        self.national_code = national_code_edit(name="contact.national_code",
                                                organisation=lambda: self.kind() == model.ORGANISATION)
        self.website = QLineEdit()
        self.website.setObjectName("contact.website")
        self.website.setLayoutDirection(Qt.LeftToRight)
        self.website.setPlaceholderText("www.example.ir")

        self.organisation_label = QLabel("سازمان:")
        self._person_rows = []
        for label, widget in (("عنوان:", self.title), ("نام:", self.first_name),
                              ("نام خانوادگی:", self.last_name)):
            form.addRow(label, widget)
            self._person_rows.append(widget)
        form.addRow("", self.name_error)
        for name_field in (self.first_name, self.last_name, self.organisation):  # a name typed answers it
            name_field.textEdited.connect(self._name_typed)
        form.addRow(self.organisation_label, self.organisation)
        for label, widget in (("سمت:", self.job_title), ("واحد:", self.unit), ("مدیر:", self.manager),
                              ("تاریخ تولد:", self.birthday), ("کد ملی:", self.national_code)):
            form.addRow(label, widget)
            if widget not in (self.unit, self.national_code):  # an organisation has a unit and a national ID
                self._person_rows.append(widget)
        form.addRow("وب‌سایت:", self.website)

        self.person_radio.toggled.connect(self._kind_changed)
        return box

    def _groups_box(self) -> QGroupBox:
        box = QGroupBox("گروه‌ها")
        inner = QVBoxLayout(box)
        self.groups = QListWidget()
        self.groups.setObjectName("contact.groups")
        self.groups.setFlow(QListWidget.LeftToRight)
        self.groups.setWrapping(True)
        self.groups.setResizeMode(QListWidget.Adjust)
        self.groups.setSpacing(4)
        all_groups = list(self.repo.groups())
        for group in all_groups:
            item = QListWidgetItem(colour_icon(group.colour), group.name)
            item.setData(Qt.UserRole, group.id)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.groups.addItem(item)
        rows = max(1, min(3, (len(all_groups) + 3) // 4))
        self.groups.setFixedHeight(rows * (self.groups.fontMetrics().height() + 14) + 8)
        if all_groups:
            inner.addWidget(self.groups)
        else:
            self.groups.hide()
            empty = QLabel("هنوز گروهی ساخته نشده است (مدیریت گروه‌ها در دفتر تلفن).")
            empty.setObjectName("contact.groups.empty")
            empty.setEnabled(False)
            inner.addWidget(empty)
        return box

    def _custom_box(self) -> QGroupBox | None:
        self.custom_editors: dict[int, CustomFieldEditor] = {}
        fields = list(self.repo.fields())
        if not fields:
            return None
        box = QGroupBox("اطلاعات دیگر")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for custom_field in fields:
            editor = CustomFieldEditor(custom_field)
            self.custom_editors[custom_field.id] = editor
            form.addRow(f"{custom_field.name}:", editor.widget)
        return box

    # == state ========================================================================================
    def _kind_changed(self) -> None:
        person = self.person_radio.isChecked()
        for widget in self._person_rows:  # an organisation's are shown when they hold something: never hidden data
            self.form.setRowVisible(widget, person or widget is self.birthday or _holds(widget))
        born = "تاریخ تولد" if person else "تاریخ تأسیس"  # as the card says
        self.form.labelForField(self.birthday).setText(f"{born}:")
        self.birthday.date_edit.field_name = born  # its messages name it as its label does
        if self.birthday.date_edit.text().strip():
            self.birthday.date_edit.validate()
        self.organisation_label.setText("سازمان:" if person else "نام سازمان:")
        code_name = "کد ملی" if person else "شناسه ملی"
        self.form.labelForField(self.national_code).setText(f"{code_name}:")
        self.national_code.field_name = code_name
        if self.national_code.text().strip():  # 10 digits for a person, 11 for an organisation
            self.national_code.validate()
        if not person:
            self.name_error.hide()

    def _name_typed(self, text: str) -> None:
        """«نام … را وارد کنید» goes once a name is typed (as a field's own message does)."""
        if text.strip():
            self.name_error.hide()

    def kind(self) -> str:
        return model.PERSON if self.person_radio.isChecked() else model.ORGANISATION

    def _load(self, contact: model.Contact) -> None:
        (self.organisation_radio if contact.kind == model.ORGANISATION else self.person_radio).setChecked(True)
        self.title.setCurrentText(contact.title)
        self.first_name.setText(contact.first_name)
        self.last_name.setText(contact.last_name)
        self.organisation.setText(contact.organisation)
        self.job_title.setText(contact.job_title)
        self.unit.setText(contact.unit)
        self.manager.setText(contact.manager)
        self.birthday.set_value(contact.birthday)
        self.national_code.setText(to_persian(contact.national_code) if contact.national_code else "")
        self.website.setText(contact.website)
        self.note.setPlainText(contact.note)
        self._kind_changed()  # with the values in: which of an organisation's person fields hold one
        self.phones.clear()
        for phone in contact.phones:
            self.phones.add_row().set_phone(phone)
        if not contact.phones:
            self.phones.add_row()
        if self.original is not None:  # stored phones are judged again only once changed
            for row in self.phones.rows:
                row.guard.mark_loaded()
        self.emails.clear()
        for email in contact.emails:
            self.emails.add_row().set_email(email)
        if not contact.emails:
            self.emails.add_row()
        self.addresses.clear()
        for address in contact.addresses:
            self.addresses.add_row().set_address(address)
        if not contact.addresses:
            self.addresses.add_row()
        for i in range(self.groups.count()):
            item = self.groups.item(i)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in contact.group_ids else Qt.Unchecked)
        for field_id, editor in self.custom_editors.items():
            editor.set_value(contact.custom.get(field_id, ""))

    def state(self) -> tuple:
        """Everything the operator can change, as shown (for «unsaved changes?»)."""
        return (
            self.kind(), self.title.currentText(), self.first_name.text(), self.last_name.text(),
            self.organisation.text(), self.job_title.text(), self.unit.text(), self.manager.text(),
            self.birthday.state(), self.national_code.text(), self.website.text(), self.note.toPlainText(),
            self.phones.state(), self.emails.state(), self.addresses.state(), tuple(self.checked_group_ids()),
            tuple((fid, e.state()) for fid, e in self.custom_editors.items()),
        )

    def is_dirty(self) -> bool:
        return self.state() != self._baseline or bool(self.notes_widget and self.notes_widget.has_draft())

    def checked_group_ids(self) -> list[int]:
        return [self.groups.item(i).data(Qt.UserRole) for i in range(self.groups.count())
                if self.groups.item(i).checkState() == Qt.Checked]

    def contact(self) -> model.Contact:
        """The contact as the form stands (not yet normalised)."""
        base = copy.deepcopy(self.original) if self.original is not None else model.Contact()
        base.id = self.contact_id
        base.kind = self.kind()
        base.title = self.title.currentText().strip()
        base.first_name = self.first_name.text()
        base.last_name = self.last_name.text()
        base.organisation = self.organisation.text()
        base.job_title = self.job_title.text()
        base.unit = self.unit.text()
        base.manager = self.manager.text()
        base.birthday = self.birthday.value()
        base.national_code = self.national_code.value() or self.national_code.text().strip()
        base.website = self.website.text()
        base.note = self.note.toPlainText()
        base.phones = [row.phone() for row in self.phones.filled()]
        base.emails = [row.value() for row in self.emails.filled()]
        base.addresses = [row.address() for row in self.addresses.filled()]
        base.group_ids = self.checked_group_ids()
        base.custom = {fid: e.value() for fid, e in self.custom_editors.items()}
        base.custom = {fid: value for fid, value in base.custom.items() if value}
        return base

    # == checking =====================================================================================
    def _field_widgets(self) -> list[tuple[object, QWidget]]:
        """(validator-like, widget to focus) in form order."""
        items: list[tuple[object, QWidget]] = []
        items.append((self.birthday, self.birthday.date_edit))
        items.append((self.national_code, self.national_code))
        for row in self.phones.rows:
            items.append((row.guard, row))
        for rows in (self.emails, self.addresses):
            for row in rows.rows:
                items.append((row, row))
        for editor in self.custom_editors.values():
            items.append((editor, editor.widget))
        return items

    def _mark_repeated_phones(self) -> QWidget | None:
        """«این شماره در ردیف بالاتر هم آمده است.» under a phone that an earlier row has too
        (same national form and extension), when either row is new or changed; the first such row."""
        first, seen = None, {}
        for row in self.phones.rows:
            if row.is_empty() or row.number.shown_error():
                continue
            key = (phone_core.national_form(row.number.text()), to_latin(row.ext.text().strip()))
            earlier = seen.setdefault(key, row)
            if earlier is not row and any(r.guard.number_touched() or r.guard.ext_touched() for r in (row, earlier)):
                row.number.set_external_error(SAME_NUMBER)
                first = first or row
        return first

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _focus(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 40, 40)
        if isinstance(widget, PhoneRow) and widget.guard.shown_ext_error() and not widget.number.shown_error():
            widget.ext.setFocus(Qt.OtherFocusReason)  # the extension is what is wrong in this row
            return
        target = widget.focusProxy() or widget
        for edit in [target] + widget.findChildren(QLineEdit):
            if isinstance(edit, QLineEdit) and edit.isVisible():
                edit.setFocus(Qt.OtherFocusReason)
                return
        widget.setFocus(Qt.OtherFocusReason)

    def check(self) -> model.Contact | None:
        """The normalised contact, or None after showing every problem on its field."""
        self.name_error.hide()
        first_bad: QWidget | None = None
        for checker, widget in self._field_widgets():
            if not checker.validate() and first_bad is None:
                first_bad = widget
        repeated = self._mark_repeated_phones()
        first_bad = first_bad or repeated
        if first_bad is not None:
            self._show_banner(FIX_ERRORS)
            self._focus(first_bad)
            return None
        try:
            contact = model.normalised(self.contact())
        except ValidationError as error:
            self._place_error(error)
            return None
        self._show_banner("")
        return contact

    def _place_error(self, error: ValidationError) -> None:
        """Show a model error on the field it names (the banner when it names none we know)."""
        self._show_banner(FIX_ERRORS)
        field = error.field or ""
        if field == "نام":
            self.name_error.setText(error.fa)
            self.name_error.show()
            self._focus(self.first_name if self.kind() == model.PERSON else self.organisation)
            return
        targets: dict[str, list[ValidatedField]] = {
            "کد ملی": [self.national_code],
            "شناسه ملی": [self.national_code],
            "تلفن همراه": [row.number for row in self.phones.rows],
            "شماره تلفن": [row.number for row in self.phones.rows],
            "پست الکترونیک": [row.email for row in self.emails.rows],
            "کد پستی": [row.postal_code for row in self.addresses.rows],
            "تاریخ تولد": [self.birthday.date_edit],
        }
        for editor in self.custom_editors.values():  # a custom field's error under its own editor
            if isinstance(editor.widget, ValidatedField):
                targets.setdefault(editor.field.name, []).append(editor.widget)
        for widget in targets.get(field, []):
            if widget.text().strip() and not widget.is_valid():
                widget.set_external_error(error.fa)
                self._focus(widget)
                return
        if field in targets and targets[field]:
            targets[field][0].set_external_error(error.fa)
            self._focus(targets[field][0])
            return
        self._show_banner(error.fa)

    # == saving =======================================================================================
    def duplicates(self, contact: model.Contact) -> list[tuple[model.Phone, int, str]]:
        """The other contacts that have a number (with the same extension) this edit adds; the
        numbers the contact had are not asked about again on every save."""
        stored = {(p.national, p.ext or "") for p in self.original.phones} if self.original is not None else set()
        found, seen = [], set(stored)
        for phone in contact.phones:
            key = (phone.national, phone.ext or "")
            if not phone.national or key in seen:
                continue
            seen.add(key)
            for owner_id, name in self.repo.phone_owners(phone.national, exclude_id=self.contact_id, ext=key[1]):
                found.append((phone, owner_id, name))
        return found

    def ask_duplicate(self, found) -> str:
        """«open» | «save» | «cancel»."""
        box = QMessageBox(self)
        box.setObjectName("contact.duplicate")
        box.setLayoutDirection(Qt.RightToLeft)
        box.setIcon(QMessageBox.Warning)
        box.setWindowTitle(DUPLICATE_TITLE)
        box.setTextFormat(Qt.PlainText)
        box.setText(duplicate_message(found))
        open_button = box.addButton(DUPLICATE_OPEN, QMessageBox.ActionRole)
        open_button.setObjectName("contact.duplicate.open")
        save_button = box.addButton(DUPLICATE_SAVE, QMessageBox.AcceptRole)
        save_button.setObjectName("contact.duplicate.save")
        cancel_button = box.addButton(DUPLICATE_CANCEL, QMessageBox.RejectRole)
        cancel_button.setObjectName("contact.duplicate.cancel")
        box.setDefaultButton(cancel_button)
        box.setEscapeButton(cancel_button)
        dialogs.exec_hook(box)
        clicked = box.clickedButton()
        if clicked is open_button:
            return "open"
        if clicked is save_button:
            return "save"
        return "cancel"

    def save(self) -> int | None:
        """Check, ask about duplicate phones, store; returns the id (None when not stored)."""
        if not self.save_button.isEnabled():
            return None
        contact = self.check()
        if contact is None:
            return None
        draft = self.notes_widget is not None and self.notes_widget.has_draft()
        if draft and not self.notes_widget.draft_ready():  # the entry typed in the log is saved too
            return None
        found = self.duplicates(contact)
        if found:
            answer = self.ask_duplicate(found)
            if answer == "open":
                self.open_other(found[0][1])
                return None
            if answer == "cancel":
                return None
        try:
            if self.contact_id is None:
                contact_id = self.repo.add(contact)
            else:
                self.repo.update(contact)
                contact_id = self.contact_id
        except ValidationError as error:
            self._place_error(error)
            return None
        except Exception as error:  # noqa: BLE001 - the operator sees why; the form keeps its text
            dialogs.show_error(self, error)
            return None
        self.contact_id = contact_id
        if draft:
            self.notes_widget.add_entry()
        self._baseline = self.state()
        self.saved.emit(contact_id)
        self.accept()
        return contact_id

    def open_other(self, contact_id: int) -> None:
        """Open the contact that already has the phone, over this form (which keeps its text)."""
        self.openContactRequested.emit(contact_id)
        self.other_dialog = ContactDialog(self.office, contact_id, self, clock=self.clock)
        self.other_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.other_dialog.open()

    # == closing ======================================================================================
    def reject(self) -> None:
        if self.is_dirty() and not dialogs.confirm(self, UNSAVED_TEXT, "تغییرات ذخیره نشده",
                                                   yes_text=UNSAVED_YES, no_text=UNSAVED_NO):
            return
        super().reject()

