"""The widgets of a kind's own fields (KIND_FIELDS), grouped in sections: a Jalali date field
for a date, a date and a time for the interview, a list for a choice, an amount field for the
salary, a spin box for the score, editable tables for the education and work rows, a line for
the rest (digits left to right). Each has its red message line beneath it, named
``file.<field>.error`` (the date, time and amount fields carry their own).

    fields = KindFields("personnel", today=...)
    fields.load(file.data, unit=file.unit); fields.values() -> dict; fields.unit_text()
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.files.model import (
    APPLICANT,
    CUSTOMER,
    DATE,
    DATETIME,
    KIND_FIELDS,
    LABELS,
    MONEY,
    NUMBER,
    PERSONNEL,
    ROWS,
)
from crm_desktop.files.views.common import error_label, line
from crm_desktop.files.views.datetime_edit import DateTimeEdit
from crm_desktop.files.views.rows_table import RowsTable
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.money_edit import MoneyEdit
from crm_desktop.ui.validated_field import ValidatedField

#: (section title, field names) per kind; "unit" is the file's own unit (personnel)
SECTIONS = {
    PERSONNEL: (
        ("مشخصات فردی", ("father_name", "birth_date", "birth_place", "birth_certificate", "marital",
                         "education_level", "education_field")),
        ("استخدام", ("job_title", "unit", "hire_date", "employment", "insurance_number", "sheba",
                     "end_date", "end_reason")),
        ("تماس اضطراری", ("emergency_name", "emergency_phone")),
    ),
    CUSTOMER: (("مشخصات مشتری", ("source", "interests")),),
    APPLICANT: (
        ("مشخصات فردی", ("father_name", "birth_date", "birth_place", "marital")),
        ("سوابق تحصیلی", ("education_rows",)),
        ("سوابق کاری", ("work_rows",)),
        ("درخواست", ("desired_position", "expected_salary", "available_from", "heard_from", "skills",
                     "languages")),
        ("مصاحبه", ("interview_at", "score", "interview_notes")),
    ),
}
LTR_FIELDS = {"birth_certificate", "insurance_number", "emergency_phone", "sheba"}
PLACEHOLDERS = {"sheba": "IR + ۲۴ رقم", "emergency_phone": "۰۹۱۲…", "skills": "مثلاً حسابداری، اکسل، نرم‌افزار سپیدار",
                "languages": "مثلاً انگلیسی (خوب)", "interests": "مثلاً چاپگر، پشتیبانی سالانه"}
NO_SCORE = "—"
#: a row's label where the section's title already says the rest («تماس اضطراری» › «نام»)
ROW_LABELS = {"emergency_name": "نام", "emergency_phone": "تلفن"}


class KindFields:
    def __init__(self, kind: str, *, units: list[str] = (), today: Callable[[], date] = date.today):
        self.kind = kind
        self.spec = KIND_FIELDS[kind]
        self.widgets: dict[str, QWidget] = {}
        self.boxes: dict[str, QWidget] = {}  # the widget with its message line: what a form row shows
        self.errors: dict[str, object] = {}
        for name, kind_of in self.spec.items():
            widget = self._make(name, kind_of, today)
            self.widgets[name] = widget
            self.boxes[name] = self._boxed(name, widget)
        if kind == PERSONNEL:
            self.unit = QComboBox()
            self.unit.setObjectName("file.unit")
            self.unit.setEditable(True)
            self.unit.addItems([""] + list(units))
            self.unit.lineEdit().setPlaceholderText("مثلاً مالی، فروش")
            self.widgets["unit"] = self.unit
            self.boxes["unit"] = self._boxed("unit", self.unit)

    # -- building -----------------------------------------------------------------------------------
    def _make(self, name: str, kind_of, today) -> QWidget:
        label = LABELS[name]
        object_name = f"file.{name}"
        if isinstance(kind_of, tuple):
            combo = QComboBox()
            combo.setObjectName(object_name)
            combo.addItem(NO_SCORE, "")
            for key, text in kind_of[1].items():
                if key:
                    combo.addItem(text, key)
            return combo
        if kind_of == DATE:
            edit = JalaliDateEdit(name=object_name, field_name=label, today=today)
            if name == "birth_date":
                edit.set_range(date(1900, 1, 1), today())
            return edit
        if kind_of == DATETIME:
            return DateTimeEdit(name=object_name, field_name=label, today=today)
        if kind_of == MONEY:
            return MoneyEdit(name=object_name, field_name=label)
        if kind_of == NUMBER:
            spin = QSpinBox()
            spin.setObjectName(object_name)
            spin.setRange(-1, 100)
            spin.setSpecialValueText(NO_SCORE)
            spin.setValue(-1)
            spin.setSuffix(" از ۱۰۰")
            spin.setAlignment(Qt.AlignCenter)
            spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance("۱۰۰ از ۱۰۰") + 48)
            return spin
        if kind_of == ROWS:
            return RowsTable(name, object_name=object_name)
        if name == "interview_notes":
            edit = QPlainTextEdit()
            edit.setObjectName(object_name)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 16)
            return edit
        edit = line(object_name, ltr=name in LTR_FIELDS, placeholder=PLACEHOLDERS.get(name, ""))
        edit.setMaxLength(200)
        if name in LTR_FIELDS and name != "sheba":  # typed digits shown back in Persian
            edit.editingFinished.connect(lambda e=edit: e.setText(to_persian(e.text())))
        return edit

    def _boxed(self, name: str, widget: QWidget) -> QWidget:
        if isinstance(widget, (ValidatedField, DateTimeEdit)):
            self.errors[name] = widget
            return widget
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        label = error_label(f"file.{name}.error")
        column.addWidget(label)
        self.errors[name] = label
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, lbl=label: lbl.hide())
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i, lbl=label: lbl.hide())
        return box

    def sections(self):
        """(title, [(label, box)]) for each section, in order."""
        for title, names in SECTIONS[self.kind]:
            rows = [(ROW_LABELS.get(name, LABELS[name]), self.boxes[name]) for name in names if name in self.boxes]
            yield title, rows

    # -- values -------------------------------------------------------------------------------------
    def load(self, data: dict, *, unit: str = "") -> None:
        for name, widget in self.widgets.items():
            if name == "unit":
                self.unit.setCurrentText(unit)
                continue
            value = data.get(name)
            kind_of = self.spec[name]
            if isinstance(kind_of, tuple):
                widget.setCurrentIndex(max(0, widget.findData(value or "")))
            elif kind_of == DATE:
                widget.setDate(date.fromisoformat(value) if value else None)
            elif kind_of == DATETIME:
                widget.setValue(datetime.fromisoformat(value) if value else None)
            elif kind_of == MONEY:
                widget.setValue(value if isinstance(value, int) else None)
            elif kind_of == NUMBER:
                widget.setValue(value if isinstance(value, int) else -1)
            elif kind_of == ROWS:
                widget.set_rows(value or [])
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            else:
                text = str(value or "")
                widget.setText(to_persian(text) if name in LTR_FIELDS and name != "sheba" else text)

    def values(self) -> dict:
        """The kind's fields as typed (empty ones left out); the model checks them."""
        out: dict = {}
        for name, widget in self.widgets.items():
            if name == "unit":
                continue
            kind_of = self.spec[name]
            if isinstance(kind_of, tuple):
                value = widget.currentData() or ""
            elif kind_of == DATE:
                value = widget.date().isoformat() if widget.date() else widget.text().strip()
            elif kind_of == DATETIME:
                value = widget.value().isoformat() if widget.value() else ""
            elif kind_of == MONEY:
                value = widget.value()
            elif kind_of == NUMBER:
                value = widget.value() if widget.value() >= 0 else None
            elif kind_of == ROWS:
                value = widget.rows()
            elif isinstance(widget, QPlainTextEdit):
                value = widget.toPlainText()
            else:
                value = widget.text()
                if name == "sheba":
                    value = to_latin(value)
            if value not in ("", None, []):
                out[name] = value
        return out

    def unit_text(self) -> str:
        return self.unit.currentText().strip() if self.kind == PERSONNEL else ""

    def state(self) -> tuple:
        return tuple(sorted((k, repr(v)) for k, v in self.values().items())) + (self.unit_text(),)

    # -- checking -----------------------------------------------------------------------------------
    def validate_widgets(self) -> list[QWidget]:
        """The typed fields (dates, times, amounts) checked on their own; the bad ones."""
        bad = []
        for widget in self.widgets.values():
            if isinstance(widget, (ValidatedField, DateTimeEdit)) and not widget.validate():
                bad.append(widget)
        return bad

    def hide_errors(self) -> None:
        for target in self.errors.values():
            if not isinstance(target, (ValidatedField, DateTimeEdit)):
                target.hide()

    def field_for_label(self, label: str) -> str | None:
        return next((name for name in self.widgets if LABELS.get(name) == label), None)

    def show_error(self, name: str, message: str) -> QWidget:
        """The message under the field; the widget to scroll to and focus."""
        target = self.errors[name]
        if isinstance(target, (ValidatedField, DateTimeEdit)):
            target.set_external_error(message)
        else:
            target.setText(message)
            target.show()
        return self.widgets[name]
