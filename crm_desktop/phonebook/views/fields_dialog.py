"""Managing custom fields (فیلدهای دلخواه): add one (name, kind, the choices of a choice list,
whether the phonebook table shows it), edit its name / choices / column (and its kind while no
contact has a value in it, or from text when every value fits the new kind: a choice list may
take its choices from the values), delete it with a confirmation that says its values go with it.

    FieldsDialog(office, parent).exec()

The small editor is ``FieldEditor``; the manager calls it through ``edit_field`` so tests can
fill it without a modal loop."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import format_number
from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError
from crm_desktop.phonebook import model
from crm_desktop.ui.list_manager import ListManagerDialog
from crm_desktop.ui import dialogs

TITLE = "فیلدهای دلخواه"


def kind_locked_text(holders: int) -> str:
    return f"این فیلد برای {format_number(holders)} مخاطب مقدار دارد؛ نوعش عوض نمی‌شود."


def kind_checked_text(holders: int) -> str:
    return (f"این فیلد برای {format_number(holders)} مخاطب مقدار دارد؛ نوعش تنها وقتی عوض می‌شود "
            "که همهٔ مقدارها با نوع تازه جور باشند.")


FROM_VALUES = "گزینه‌ها را از مقدارهای موجود بساز"


class FieldEditor(QDialog):
    """One field: name, kind, choices, column. While ``holders`` contacts have a value in it the
    kind is fixed (stored values depend on it), except a text field's, which the phonebook
    changes when every value fits the new kind; its choices may then be made from ``values()``
    (the different values stored)."""

    def __init__(self, parent: QWidget | None = None, custom_field: model.CustomField | None = None,
                 taken_names: set[str] | None = None, store: Callable[[model.CustomField], object] | None = None,
                 holders: int = 0, values: Callable[[], list[str]] | None = None):
        super().__init__(parent)
        self.store = store  # saves the field (raises UserError): the editor stays open on a refusal
        self.stored = None  # what ``store`` returned
        self.values = values
        self.holders = 0  # contacts with a value in the field (``lock_kind``)
        self.setObjectName("field_editor")
        self.setWindowTitle("فیلد تازه" if custom_field is None else "ویرایش فیلد")
        self.original = custom_field
        self.taken = taken_names or set()
        self.name = QLineEdit(self)
        self.name.setObjectName("field.name")
        self.kind = QComboBox(self)
        self.kind.setObjectName("field.kind")
        for key, label in model.FIELD_KINDS.items():
            self.kind.addItem(label, key)
        self.choices = QPlainTextEdit(self)
        self.choices.setObjectName("field.choices")
        self.choices.setPlaceholderText("هر گزینه در یک سطر")
        self.choices.setFixedHeight(self.choices.fontMetrics().lineSpacing() * 5 + 12)
        self.choices_label = QLabel("گزینه‌ها:", self)
        self.kind_note = QLabel(self)  # why the kind is fixed or checked, under it, in the normal text colour
        self.kind_note.setObjectName("field.kind_note")
        self.kind_note.setWordWrap(True)
        self.from_values = QPushButton(FROM_VALUES, self)
        self.from_values.setObjectName("field.choices_from_values")
        self.from_values.setAutoDefault(False)
        self.from_values.clicked.connect(self.fill_choices_from_values)
        self.show_in_table = QCheckBox("نمایش به‌صورت ستون در جدول دفتر تلفن", self)
        self.show_in_table.setObjectName("field.show_in_table")
        self.error = QLabel(self)
        self.error.setObjectName("field.error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("نام فیلد:", self.name)
        form.addRow("نوع:", self.kind)
        form.addRow("", self.kind_note)
        form.addRow(self.choices_label, self.choices)
        form.addRow("", self.from_values)
        form.addRow("", self.show_in_table)
        self.form = form
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton("ذخیره", QDialogButtonBox.AcceptRole)
        self.ok_button.setObjectName("field.ok")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        cancel.setObjectName("field.cancel")
        cancel.setAutoDefault(False)
        self.ok_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if custom_field is not None:
            self.name.setText(custom_field.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(custom_field.kind)))
            self.choices.setPlainText("\n".join(custom_field.choices))
            self.show_in_table.setChecked(custom_field.show_in_table)
        self.lock_kind(holders if custom_field is not None else 0)
        self._kind_changed()
        self.setMinimumWidth(420)

    def lock_kind(self, holders: int) -> None:
        """The kind may change while no contact has a value in the field, and a text field's
        when its values fit the new kind (the phonebook checks them on «ذخیره»); otherwise the
        combo is disabled. Either way with values, its tooltip and a line under it say so."""
        self.holders = holders
        checked = holders > 0 and self.original is not None and self.original.kind == "text"
        locked = holders > 0 and not checked
        self.kind.setEnabled(not locked)
        self.kind.setToolTip(kind_locked_text(holders) if locked else kind_checked_text(holders) if checked else "")
        self.kind_note.setText(self.kind.toolTip())
        self.form.setRowVisible(self.kind_note, holders > 0)

    def _kind_changed(self) -> None:
        is_choice = self.kind.currentData() == "choice"
        self.form.setRowVisible(self.choices, is_choice)
        self.form.setRowVisible(self.from_values, is_choice and self.holders > 0 and self.values is not None
                                and self.original is not None and self.original.kind == "text")

    def fill_choices_from_values(self) -> None:
        """The values contacts have in the field added to the choices (those not there yet)."""
        lines = [line.strip() for line in self.choices.toPlainText().splitlines() if line.strip()]
        have = {normalise(line) for line in lines}
        lines += [value for value in self.values() if normalise(value) not in have]
        self.choices.setPlainText("\n".join(lines))

    def result_field(self) -> model.CustomField:
        choices = [line.strip() for line in self.choices.toPlainText().splitlines() if line.strip()]
        choices = list(dict.fromkeys(choices))
        base = self.original
        return model.CustomField(
            name=self.name.text().strip(), kind=self.kind.currentData(),
            choices=choices if self.kind.currentData() == "choice" else [],
            show_in_table=self.show_in_table.isChecked(),
            position=base.position if base else 0, id=base.id if base else None)

    def problem(self) -> str:
        result = self.result_field()
        if not result.name:
            return "نام فیلد را بنویسید."
        if result.name in self.taken:
            return f"فیلدی با نام «{result.name}» هست."
        if result.kind == "choice" and not result.choices:
            return "برای فهرست انتخابی دست‌کم یک گزینه بنویسید."
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if not problem and self.store is not None:
            try:
                self.stored = self.store(self.result_field())
            except UserError as error:  # a choice in use, a name taken in another spelling: typed work stays
                problem = error.fa
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.adjustSize()  # a two-line message grows the editor instead of covering the fields
            return
        super().accept()


def _edit_field(parent: QWidget, custom_field: model.CustomField | None, taken: set[str], store, holders: int = 0,
                values=None):
    """The editor, open until ``store`` takes the field (its result) or the operator cancels (None)."""
    editor = FieldEditor(parent, custom_field, taken, store, holders, values)
    return editor.stored if editor.exec() == QDialog.Accepted else None


class FieldsDialog(ListManagerDialog):
    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(parent, name="fields", title=TITLE, width=480)
        self.office = office
        self.repo = office.phonebook
        # (parent, field or None, taken names, store, holders, values) -> what store returned | None
        self.edit_field = _edit_field
        self.add_button = self._button("فیلد تازه…", "fields.add", self.add)
        self.edit_button = self._button("ویرایش…", "fields.edit", self.edit)
        self.up_button = self._button("بالاتر", "fields.up", lambda: self.move(-1))
        self.down_button = self._button("پایین‌تر", "fields.down", lambda: self.move(1))
        self.delete_button = self._button("حذف", "fields.delete", self.delete)
        QShortcut(QKeySequence("Ctrl+Up"), self.list, lambda: self.move(-1), context=Qt.WidgetShortcut)
        QShortcut(QKeySequence("Ctrl+Down"), self.list, lambda: self.move(1), context=Qt.WidgetShortcut)
        self._lay_out((self.add_button, self.edit_button, self.up_button, self.down_button, self.delete_button),
                      self.edit)

    def reload(self, select_id: int | None = None) -> None:
        current = self.current_field()
        current_id = select_id if select_id is not None else (current.id if current else None)
        self.fields: list[model.CustomField] = list(self.repo.fields())
        self.list.clear()
        for custom_field in self.fields:
            text = f"{custom_field.name}  ({model.FIELD_KINDS.get(custom_field.kind, custom_field.kind)})"
            if custom_field.show_in_table:
                text += "  — ستون جدول"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, custom_field.id)
            self.list.addItem(item)
            if custom_field.id == current_id:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current_field(self) -> model.CustomField | None:
        if not hasattr(self, "fields"):
            return None
        item = self.list.currentItem()
        if item is None:
            return None
        return next((f for f in self.fields if f.id == item.data(Qt.UserRole)), None)

    def select(self, field_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.UserRole) == field_id:
                self.list.setCurrentRow(i)

    def _update_buttons(self, *_args) -> None:
        has = self.current_field() is not None
        row = self.list.currentRow()
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)

    def add(self) -> int | None:
        position = max((f.position for f in self.fields), default=0) + 1

        def store(result: model.CustomField) -> int:
            result.position = position
            return self.repo.add_field(result)

        field_id = self.edit_field(self, None, {f.name for f in self.fields}, store)
        if field_id is None:
            return None
        self.reload(field_id)
        return field_id

    def edit(self) -> bool:
        current = self.current_field()
        if current is None:
            return False
        def store(result: model.CustomField) -> bool:  # a choice's line typed over renames it for its contacts
            self.repo.update_field(result, model.choice_renames(current.choices, result.choices))
            return True

        if not self.edit_field(self, current, {f.name for f in self.fields if f.id != current.id}, store,
                               self.repo.field_value_count(current.id), lambda: self.repo.field_values(current.id)):
            return False
        self.reload(current.id)
        return True

    def move(self, step: int) -> bool:
        """The current field one place up (-1) or down (1): its place in the form, the table's
        columns and the printed card."""
        current = self.current_field()
        if current is None:
            return False
        order = list(self.fields)
        i = order.index(current)
        if not 0 <= i + step < len(order):
            return False
        order[i], order[i + step] = order[i + step], order[i]
        for position, custom_field in enumerate(order, start=1):
            if custom_field.position != position:
                custom_field.position = position
                self.repo.update_field(custom_field)
        self.reload(current.id)
        return True

    def delete(self) -> bool:
        current = self.current_field()
        if current is None:
            return False
        if not dialogs.confirm(self, f"فیلد «{current.name}» حذف شود؟", "حذف فیلد",
                               informative="مقدار این فیلد در همهٔ مخاطبان پاک می‌شود و برنمی‌گردد."):
            return False
        self.repo.delete_field(current.id)
        self.reload()
        return True
