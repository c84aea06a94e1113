"""The cheque tab's footer: how many cheques the filters show and their total, then the count and
total of each status («دریافتی – نزد صندوق: ۱۲ چک، ۳۴۵٬۰۰۰٬۰۰۰ ریال»), from ``Cheques.totals``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crm_desktop.cheques.views.table_model import BOUNCED_COLOUR
from crm_desktop.core.digits import format_number
from crm_desktop.core.money import format_amount

RLM, FSI, PDI = "\u200f", "\u2068", "\u2069"


def total_text(count: int, amount: int) -> str:
    """«۱۲ چک، جمع ۳۴۵٬۰۰۰٬۰۰۰ ریال»"""
    return f"{RLM}{FSI}{format_number(count)}{PDI} چک، جمع {FSI}{format_amount(amount)}{PDI} ریال"


class ChequeFooter(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cheques.footer")
        self.setFrameShape(QFrame.StyledPanel)
        self.total = QLabel(self)
        self.total.setObjectName("cheques.footer.total")
        font = self.total.font()
        font.setBold(True)
        self.total.setFont(font)
        self.lines = QHBoxLayout()
        self.lines.setSpacing(18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addWidget(self.total)
        layout.addLayout(self.lines)
        self._labels: list[QLabel] = []

    def show_totals(self, totals, *, filtered: bool) -> None:
        if totals.count == 0:
            self.total.setText("چکی با این فیلترها پیدا نشد." if filtered else "هنوز چکی ثبت نشده است.")
        else:
            self.total.setText(total_text(totals.count, totals.amount))
        for label in self._labels:
            self.lines.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for direction, status, text, value in totals.lines():
            label = QLabel(f"{text}: {total_text(value.count, value.amount)}", self)
            label.setObjectName(f"cheques.footer.{direction}.{status}")
            label.setTextFormat(Qt.PlainText)
            if status == "bounced":
                label.setStyleSheet(f"color: {BOUNCED_COLOUR};")
            self.lines.addWidget(label)
            self._labels.append(label)
        self.lines.addStretch(1)
        self._labels_stretch_fix()

    def _labels_stretch_fix(self) -> None:
        """Keep a single stretch at the end (show_totals adds one each time)."""
        stretches = [i for i in range(self.lines.count()) if self.lines.itemAt(i).spacerItem() is not None]
        for i in reversed(stretches[:-1]):
            self.lines.takeAt(i)

    def texts(self) -> dict[str, str]:
        """What the footer says, by objectName (tests)."""
        found = {self.total.objectName(): self.total.text()}
        found.update({label.objectName(): label.text() for label in self._labels})
        return found
