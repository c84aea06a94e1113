"""The cheque tab's footer: how many cheques the filters show and their total, then the count and
total of each status («دریافتی – نزد صندوق: ۱۲ چک، ۳۴۵٬۰۰۰٬۰۰۰ ریال»), from ``Cheques.totals``.

The status lines wrap onto more lines when the window is narrow (a single row of ten of them
would make the window 3,500 pixels wide); there is one label per status, made once, shown while
its status has cheques and given its new text on each filter change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from crm_desktop.cheques import status as st
from crm_desktop.cheques.views.table_model import BOUNCED_COLOUR
from crm_desktop.core.digits import format_number
from crm_desktop.core.money import format_amount
from crm_desktop.ui.flow_layout import FlowLayout

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
        self.lines = FlowLayout(h_spacing=18, v_spacing=2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addWidget(self.total)
        layout.addLayout(self.lines)
        self._labels: dict[tuple[str, str], QLabel] = {}  # (direction, status) → its line, in the lists' order
        for direction, statuses in st.STATUSES.items():
            for status in statuses:
                label = QLabel(self)
                label.setObjectName(f"cheques.footer.{direction}.{status}")
                label.setTextFormat(Qt.PlainText)
                if status == st.BOUNCED:
                    label.setStyleSheet(f"color: {BOUNCED_COLOUR};")
                label.setVisible(False)
                self.lines.addWidget(label)
                self._labels[(direction, status)] = label
        self._shown: list[QLabel] = []

    def show_totals(self, totals, *, filtered: bool) -> None:
        if totals.count == 0:
            self.total.setText("چکی با این فیلترها پیدا نشد." if filtered else "هنوز چکی ثبت نشده است.")
        else:
            self.total.setText(total_text(totals.count, totals.amount))
        shown = []
        for direction, status, text, value in totals.lines():
            label = self._labels[(direction, status)]
            label.setText(f"{text}: {total_text(value.count, value.amount)}")
            shown.append(label)
        for label in self._labels.values():
            label.setVisible(label in shown)
        self._shown = shown

    def texts(self) -> dict[str, str]:
        """What the footer says, by objectName (tests)."""
        found = {self.total.objectName(): self.total.text()}
        found.update({label.objectName(): label.text() for label in self._shown})
        return found
