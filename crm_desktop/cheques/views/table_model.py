"""The cheque table's rows: a lazy source over ``Cheques.totals`` (the count) and ``search`` (a
page), its columns, and a model that marks bounced cheques red and overdue ones orange.

    source = ChequeSource(office.cheques, ChequeFilter(direction="received"), today=date.today)
    model = ChequeTableModel(cheque_columns(), source)
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from crm_desktop.cheques import status as st
from crm_desktop.cheques.repo_search import ChequeFilter
from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.core.money import format_amount
from crm_desktop.ui.lazy_table import FONT_ROLE, FOREGROUND_ROLE, NUMBER_ALIGN, Column, LazyTableModel

BOUNCED_COLOUR = "#c62828"
OVERDUE_COLOUR = "#b45309"
FINAL_COLOUR = "#6b6b6b"
GUARANTEE_TEXT = "ضمانتی"
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"

# column key → the repository's order key (the table sorts in SQL, never in memory)
SORT_ORDERS = {"due": "due", "amount": "amount", "serial": "serial", "sayad": "sayad",
               "registered": "registered", "status": "status", "bank": "bank", "direction": "status"}


def is_overdue(row, today: date) -> bool:
    return row.due_date is not None and row.due_date < today and st.is_pending(row.direction, row.status)


class ChequeSource:
    """count() from the cached footer totals (no second query), rows() one page of ``search``."""

    def __init__(self, cheques, query: ChequeFilter, order: str = "due"):
        self.cheques = cheques
        self.query = query
        self.order = order

    def count(self) -> int:
        return self.cheques.totals(self.query).count

    def rows(self, offset: int, limit: int) -> list:
        return self.cheques.search(self.query, self.order, offset, limit)

    def set_order(self, key: str, descending: bool) -> None:
        order = SORT_ORDERS.get(key, "due")
        if descending and f"-{order}" in _DESCENDING:
            order = f"-{order}"
        self.order = order


_DESCENDING = {"-due", "-registered", "-amount", "-serial", "-sayad"}


def due_text(row) -> str:
    if row.due_date is None:
        return GUARANTEE_TEXT if row.is_guarantee else ""
    return jalali.format_date(row.due_date)


def serial_text(row) -> str:
    """«۵۵۵۱۲۳ (۴۵/ب)»: the serial, then the series in brackets, each isolated. Joined with a «/»
    in one left-to-right run the series' letter jumped past the serial («۴۵/۵۵۵۱۲۳/ب»)."""
    text = f"{LRI}{to_persian(row.serial)}{PDI}"
    if row.series:
        text += f" ({FSI}{to_persian(row.series)}{PDI})"
    return text


def counterparty(row) -> str:
    """The other side of the cheque: who drew a received one, whom a paid one is payable to."""
    return row.drawer_name if row.direction == st.RECEIVED else row.payee_name


def cheque_columns() -> list[Column]:
    return [
        Column("due", "سررسید", due_text, align=NUMBER_ALIGN),
        Column("direction", "نوع", lambda r: r.direction_label),
        Column("status", "وضعیت", lambda r: r.status_label,
               tooltip=lambda r: st.label(r.direction, r.status, long=True)),
        Column("amount", "مبلغ (ریال)", lambda r: format_amount(r.amount), align=NUMBER_ALIGN),
        Column("counterparty", "طرف حساب", counterparty,
               tooltip=lambda r: f"صادرکننده: {r.drawer_name or '—'}\nدر وجه: {r.payee_name or '—'}"),
        Column("bank", "بانک", lambda r: r.bank_name),
        Column("serial", "سریال (سری)", serial_text, align=NUMBER_ALIGN),
        Column("sayad", "شناسه صیادی", lambda r: f"{LRI}{to_persian(r.sayad_id)}{PDI}", align=NUMBER_ALIGN),
        Column("purpose", "بابت", lambda r: to_persian(r.purpose)),  # stored with ASCII digits
        Column("registered", "ثبت", lambda r: jalali.format_date(r.registered_on) if r.registered_on else "",
               align=NUMBER_ALIGN),
    ]


class ChequeTableModel(LazyTableModel):
    """Bounced cheques in red, overdue pending ones in orange and bold, finished ones grey."""

    def __init__(self, columns, source=None, parent=None, *, today: Callable[[], date] = date.today):
        super().__init__(columns, source, parent)
        self.today = today

    def data(self, index, role=Qt.DisplayRole):
        if (role == FOREGROUND_ROLE or role == FONT_ROLE) and index.isValid():  # ints: see lazy_table
            row = self.row_object(index.row())
            if row is None:
                return None
            if role == FOREGROUND_ROLE:
                if row.status == st.BOUNCED:
                    return QBrush(QColor(BOUNCED_COLOUR))
                if is_overdue(row, self.today()):
                    return QBrush(QColor(OVERDUE_COLOUR))
                if st.is_final(row.direction, row.status):
                    return QBrush(QColor(FINAL_COLOUR))
                return None
            if is_overdue(row, self.today()) or row.status == st.BOUNCED:
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)
