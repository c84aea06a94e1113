"""«تعامل تازه…» on a customer's file: its kind (تماس، جلسه، ایمیل، پیامک، درخواست پشتیبانی),
date and time (now by default), what it was about, its outcome, and an optional next follow-up
(date and time) that becomes a reminder in the reminder book. Problems show in Persian under
their field; nothing is stored until they are fixed.

    dialog = InteractionDialog(office, file_id, parent, clock=...); dialog.exec()  # dialog.interaction_id
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QVBoxLayout, QWidget

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.files.model import INTERACTIONS, Interaction
from crm_desktop.files.views.common import error_label, line
from crm_desktop.files.views.datetime_edit import DateTimeEdit
from crm_desktop.ui import dialogs


class InteractionDialog(QDialog):
    def __init__(self, office, file_id: int, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.setObjectName("file.interaction_dialog")
        self.setWindowTitle("تعامل تازه با مشتری")
        self.office = office
        self.file_id = file_id
        self.clock = clock
        self.interaction_id: int | None = None
        today = lambda: self.clock().date()  # noqa: E731
        self.kind = QComboBox()
        self.kind.setObjectName("interaction.kind")
        for key, text in INTERACTIONS.items():
            self.kind.addItem(text, key)
        self.at = DateTimeEdit(name="interaction.at", field_name="زمان تعامل", today=today)
        self.at.setValue(self.clock().replace(second=0, microsecond=0))
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("interaction.summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.summary.fontMetrics().lineSpacing() * 3 + 16)
        self.summary.setPlaceholderText("مثلاً پیش‌فاکتور دستگاه کپی خواست")
        self.summary_error = error_label("interaction.summary.error")
        self.outcome = line("interaction.outcome", placeholder="مثلاً قیمت فرستاده شد؛ منتظر پاسخ")
        self.follow_up = DateTimeEdit(name="interaction.follow_up", field_name="پیگیری بعدی", today=today)
        self.follow_up.setToolTip("برای این زمان یک یادآوری ساخته می‌شود.")
        form = QFormLayout()
        form.addRow("نوع:", self.kind)
        form.addRow("زمان:", self.at)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.summary)
        column.addWidget(self.summary_error)
        form.addRow("شرح:", column)
        form.addRow("نتیجه:", self.outcome)
        form.addRow("پیگیری بعدی:", self.follow_up)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("ثبت", QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("interaction.save")
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        cancel.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self.summary.textChanged.connect(self.summary_error.hide)

    def interaction(self) -> Interaction:
        return Interaction(self.file_id, self.kind.currentData(), self.at.value() or "", self.summary.toPlainText(),
                           outcome=self.outcome.text(), follow_up_on=self.follow_up.value())

    def save(self) -> int | None:
        self.summary_error.hide()
        bad = [w for w in (self.at, self.follow_up) if not w.validate()]
        if not self.at.text():
            self.at.set_external_error("زمان تعامل را بنویسید.")
            bad.insert(0, self.at)
        if not self.summary.toPlainText().strip():
            self.summary_error.setText("شرح تعامل را بنویسید.")
            self.summary_error.show()
            bad.append(self.summary)
        if bad:
            bad[0].setFocus(Qt.OtherFocusReason)
            return None
        try:
            self.interaction_id = self.office.files.add_interaction(self.interaction())
        except ValidationError as error:
            target = {"زمان": self.at, "شرح": self.summary}.get(error.field)
            if target is self.at:
                self.at.set_external_error(error.fa)
            else:
                self.summary_error.setText(error.fa)
                self.summary_error.show()
            return None
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        self.accept()
        return self.interaction_id
