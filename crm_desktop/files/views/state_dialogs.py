"""The small dialogs that move a file on: «تغییر مرحله…» / «تغییر وضعیت…» (a customer's stage, an
applicant's status, with the date and a note, logged), «پایان همکاری…» (date and reason; the
file stays as former staff) and «استخدام…» (an applicant becomes a personnel file: the unit and
the new file number are asked, the hire date defaults to today). Each writes on «ثبت» and shows
a problem in Persian under its field, keeping the dialog open.

    StateDialog(office, file_id, parent, clock=...).exec()
    EndEmploymentDialog(office, file_id, parent, clock=...).exec()
    dialog = HireDialog(office, applicant_id, parent, clock=...); dialog.exec(); dialog.personnel_id
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.files.model import PERSONNEL, STATES
from crm_desktop.files.views.common import STATE_TITLE, error_label, file_title, line
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit

#: states set by their own action, not offered in «تغییر وضعیت»
OWN_ACTION = {"hired"}


class _StepDialog(QDialog):
    """A form with a title line, fields, one red message line and «ثبت» / «انصراف»."""

    def __init__(self, office, file_id: int, parent: QWidget | None, clock: Callable[[], datetime], title: str):
        super().__init__(parent)
        self.office = office
        self.file_id = file_id
        self.clock = clock
        self.file = office.files.require(file_id)
        self.setWindowTitle(title)
        contact = office.phonebook.get(self.file.contact_id)
        self.heading = QLabel(file_title(self.file, contact.display_name if contact else ""))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.form = QFormLayout()
        self.error = error_label("file.step.error")
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("ثبت", QDialogButtonBox.AcceptRole)
        self.ok_button.setObjectName("file.step.ok")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        cancel.setAutoDefault(False)
        self.ok_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.on = JalaliDateEdit(name="file.step.on", field_name="تاریخ", optional=False,
                                 today=lambda: self.clock().date())
        self.on.setDate(self.clock().date())

    def _fail(self, error: Exception) -> bool:
        self.error.setText(error.fa if isinstance(error, UserError) else str(error))
        self.error.show()
        return False

    def save(self) -> bool:
        self.error.hide()
        if not self.on.validate():
            return False
        try:
            self.write()
        except (UserError, ValidationError) as error:
            return self._fail(error)
        self.accept()
        return True

    def write(self) -> None:  # pragma: no cover - each dialog's own
        raise NotImplementedError


class StateDialog(_StepDialog):
    def __init__(self, office, file_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now, preset: str | None = None):
        f = office.files.require(file_id)
        word = STATE_TITLE[f.kind]
        super().__init__(office, file_id, parent, clock, f"تغییر {word}")
        self.setObjectName("file.state_dialog")
        self.state = QComboBox()
        self.state.setObjectName("file.step.state")
        for key, text in STATES[f.kind].items():
            if key != f.state and key not in OWN_ACTION and not (f.kind == PERSONNEL and key == "former"):
                self.state.addItem(text, key)
        if preset is not None:
            self.state.setCurrentIndex(max(0, self.state.findData(preset)))
        self.note = line("file.step.note", placeholder="مثلاً اولین خرید، پیش‌فاکتور پذیرفته شد")
        self.form.addRow(f"{word} کنونی:", QLabel(STATES[f.kind].get(f.state, f.state)))
        self.form.addRow(f"{word} تازه:", self.state)
        self.form.addRow("از تاریخ:", self.on)
        self.form.addRow("توضیح:", self.note)
        self.resize(440, self.sizeHint().height())

    def write(self) -> None:
        if self.state.currentData() is None:
            raise UserError("no other state", "وضعیت دیگری برای انتخاب نیست.")
        self.office.files.set_state(self.file_id, self.state.currentData(), on=self.on.date(),
                                    note=self.note.text())


class EndEmploymentDialog(_StepDialog):
    def __init__(self, office, file_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(office, file_id, parent, clock, "پایان همکاری")
        self.setObjectName("file.end_dialog")
        self.on.field_name = "تاریخ پایان همکاری"
        self.reason = QComboBox()
        self.reason.setObjectName("file.step.reason")
        self.reason.setEditable(True)
        self.reason.addItems(["", "استعفا", "پایان قرارداد", "بازنشستگی", "اخراج", "انتقال"])
        self.form.addRow("تاریخ پایان:", self.on)
        self.form.addRow("علت:", self.reason)
        note = QLabel("پرونده حذف نمی‌شود و در فهرست «پایان همکاری» می‌ماند.")
        note.setEnabled(False)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.resize(440, self.sizeHint().height())

    def write(self) -> None:
        self.office.files.end_employment(self.file_id, self.on.date(), self.reason.currentText())


class HireDialog(_StepDialog):
    """An applicant hired: the unit and the personnel file number are asked."""

    def __init__(self, office, file_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(office, file_id, parent, clock, "استخدام متقاضی")
        self.setObjectName("file.hire_dialog")
        self.personnel_id: int | None = None
        self.on.field_name = "تاریخ استخدام"
        self.unit = QComboBox()
        self.unit.setObjectName("file.hire.unit")
        self.unit.setEditable(True)
        self.unit.addItems([""] + office.files.units())
        self.unit.lineEdit().setPlaceholderText("مثلاً مالی")
        self.number = QLineEdit()
        self.number.setObjectName("file.hire.number")
        self.number.setText(to_persian(office.files.next_number(PERSONNEL)))
        position = self.file.data.get("desired_position", "")
        self.form.addRow("واحد:", self.unit)
        self.form.addRow("شماره پرونده پرسنلی:", self.number)
        self.form.addRow("تاریخ استخدام:", self.on)
        if position:
            self.form.addRow("سمت:", QLabel(position))
        note = QLabel("پرونده پرسنلی با همهٔ مشخصات، سوابق، عکس و پیوست‌های متقاضی ساخته می‌شود.")
        note.setWordWrap(True)
        note.setEnabled(False)
        self.form.addRow(note)
        self.resize(460, self.sizeHint().height())

    def write(self) -> None:
        self.personnel_id = self.office.files.hire(self.file_id, on=self.on.date(), unit=self.unit.currentText(),
                                                   number=self.number.text())

