"""What the designer's preview prints: sample values, or a real paid cheque from the book (the
most recent ones), read from the stored cheque as printing does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from crm_desktop.cheque_print.values import SAMPLE_AMOUNT, ChequeValues
from crm_desktop.cheques.repo_search import ChequeFilter
from crm_desktop.core import jalali
from crm_desktop.core.money import format_amount

RECENT = 40


class ValuesCombo(QComboBox):
    valuesChanged = Signal(object)  # ChequeValues

    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(parent)
        self.office = office
        self.setObjectName("designer.values")
        self.setAccessibleName("مقادیر پیش‌نمایش")
        self.setToolTip("پیش‌نمایش با مقادیر نمونه یا با یکی از چک‌های پرداختی دفتر")
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(34)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.reload()
        self.currentIndexChanged.connect(lambda _i: self.valuesChanged.emit(self.values()))

    def reload(self) -> None:
        chosen = self.currentData()
        blocked = self.blockSignals(True)
        self.clear()
        self.addItem(f"مقادیر نمونه ({format_amount(SAMPLE_AMOUNT)} ریال)", None)
        for row in self.office.cheques.search(ChequeFilter(direction="paid"), order="-id", limit=RECENT):
            due = jalali.format_date(row.due_date) if row.due_date else "بی‌تاریخ"
            self.addItem(f"{row.payee_name or 'بی‌نام'} — {format_amount(row.amount)} ریال — {due}", row.id)
        index = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(blocked)

    def showPopup(self) -> None:  # noqa: N802 - cheques recorded meanwhile are offered too
        self.reload()
        super().showPopup()

    def values(self) -> ChequeValues:
        cheque_id = self.currentData()
        cheque = self.office.cheques.get(cheque_id) if cheque_id is not None else None
        if cheque is None:
            return ChequeValues.sample()
        _drawer, payee = self.office.cheques.party_names(cheque)
        return ChequeValues.from_cheque(cheque, payee)
