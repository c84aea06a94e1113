"""What each field of a cheque layout prints (no Qt): the values of one cheque — always read from
the stored cheque, never typed again — or sample values for the designer's preview.

    values = ChequeValues.from_cheque(cheque, payee_name="علی رضایی")
    text_for(field, values)        # «#۱٬۲۵۰٬۰۰۰#», «پانزدهم مهر یک هزار و چهارصد و سه» …
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crm_desktop.core import jalali, words
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.money import format_amount
from crm_desktop.errors import UserError

SAMPLE_AMOUNT = 1_250_000
SAMPLE_DATE = date(2024, 10, 6)  # ۱۴۰۳/۰۷/۱۵


@dataclass(frozen=True)
class ChequeValues:
    amount: int
    date: date | None
    payee: str = ""
    national_id: str = ""
    purpose: str = ""
    cheque_id: int | None = None

    @classmethod
    def from_cheque(cls, cheque, payee_name: str = "") -> "ChequeValues":
        """The values of a stored cheque: its amount, its due date (the date written on the leaf),
        the payee's name and national ID, «بابت»."""
        return cls(cheque.amount, cheque.due_date, payee_name, cheque.payee_national_id or "", cheque.purpose or "",
                   cheque.id)

    @classmethod
    def sample(cls) -> "ChequeValues":
        return cls(SAMPLE_AMOUNT, SAMPLE_DATE, "شرکت بازرگانی نمونه آریا", "10101234567", "خرید کالا طبق فاکتور ۱۲۳")


def _digits(text: str, style: str) -> str:
    return to_persian(text) if style == "persian" else to_latin(text)


def text_for(f, values: ChequeValues) -> str:
    """The text a field prints for ``values`` ('' for a line, or a value the cheque lacks)."""
    kind = f.kind
    if kind == "date":
        return jalali.format_date(values.date, f.digits) if values.date else ""
    if kind == "date_words":
        return words.date_in_words(values.date) if values.date else ""
    if kind == "amount":
        return f"{f.guard}{format_amount(values.amount, digits=f.digits)}{f.guard}"
    if kind == "amount_words":
        text = words.amount_in_words(values.amount)
        if f.toman:
            text += f" ({words.toman_equivalent_words(values.amount)})"
        return text
    if kind == "payee":
        return values.payee
    if kind == "national_id":
        return _digits(values.national_id, f.digits)
    if kind == "purpose":
        return _digits(values.purpose, f.digits) if f.digits == "persian" else values.purpose
    if kind == "text":
        return _digits(f.text, f.digits) if f.digits == "persian" else f.text
    return ""


def cheque_pages(office, cheque_ids: list[int]) -> list[ChequeValues]:
    """The values printed for each cheque, read from the stored cheques; a Persian UserError for
    a cheque that is gone or is not one the office writes (a received cheque)."""
    pages = []
    for cheque_id in cheque_ids:
        cheque = office.cheques.get(cheque_id)
        if cheque is None:
            raise UserError(f"cheque {cheque_id} no longer exists", "این چک دیگر وجود ندارد.")
        if cheque.direction != "paid":
            raise UserError("only paid cheques are printed onto leaves",
                            "فقط چک‌های پرداختی دفتر روی برگ چک چاپ می‌شوند؛ چک دریافتی را صادرکننده‌اش نوشته است.")
        _drawer, payee = office.cheques.party_names(cheque)
        pages.append(ChequeValues.from_cheque(cheque, payee))
    return pages
