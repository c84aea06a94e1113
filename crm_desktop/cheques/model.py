"""The cheque book's data (no Qt, no SQL): a cheque, the steps of its life, cheque books and
their leaves, and the validation of what the operator typed.

``Cheque.validate()`` checks every field in form order and raises the first problem as a
ValidationError whose ``.fa`` is a Persian sentence beginning with the field's label and whose
``.field`` is that label (the dialog puts the message under the field). Values may be typed in
any digit script: amounts go through ``core.money.parse_amount`` («۱۲٬۵۰۰٬۰۰۰»), dates may be
``date`` objects, stored ISO text or typed Jalali dates («۱۴۰۴/۰۱/۱۵»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from crm_desktop.core import jalali, validators
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.money import parse_amount
from crm_desktop.cheques import status as st
from crm_desktop.errors import ValidationError

# Persian labels of the fields, as the dialog shows them (ValidationError.field is one of these).
LABELS = {
    "direction": "نوع چک",
    "sayad_id": "شناسه صیادی",
    "series": "سری",
    "serial": "سریال",
    "bank": "بانک",
    "branch_name": "نام شعبه",
    "branch_code": "کد شعبه",
    "account_number": "شماره حساب",
    "sheba": "شماره شبا",
    "amount": "مبلغ",
    "issue_date": "تاریخ صدور",
    "due_date": "تاریخ سررسید",
    "drawer_id": "صادرکننده",
    "payee_id": "در وجه",
    "payee_national_id": "کد/شناسه ملی گیرنده",
    "purpose": "بابت",
    "is_guarantee": "ضمانتی",
    "note": "یادداشت",
    "status": "وضعیت",
    "book_id": "دسته چک",
    "leaf_no": "برگ",
    "on": "تاریخ",
}

LEAF_STATES = {"unused": "استفاده‌نشده", "used": "صادر شده", "void": "باطل", "lost": "مفقود"}
MAX_IMAGE_BYTES = 10 * 1024 * 1024
IMAGE_SIDES = {"front": "روی چک", "back": "پشت چک"}


@dataclass
class Cheque:
    direction: str = st.RECEIVED
    sayad_id: str = ""
    series: str = ""
    serial: str = ""
    bank: str = ""  # a key of the banks table (cheques.banks.BANKS seeds it)
    branch_name: str = ""
    branch_code: str = ""
    account_number: str = ""
    sheba: str = ""  # '' or 'IR' + 24 digits
    amount: int | str = 0  # rials; a typed string is parsed by validate()
    issue_date: date | str | None = None
    due_date: date | str | None = None  # None only for a guarantee cheque
    drawer_id: int | None = None  # contacts.id (صادرکننده); a paid cheque's drawer may be None: the office
    payee_id: int | None = None  # contacts.id (در وجه); a received cheque's payee may be None: the office
    payee_national_id: str = ""  # 10 digits (person) or 11 (company)
    purpose: str = ""  # «بابت»
    is_guarantee: bool = False
    note: str = ""
    status: str = ""  # '' → the initial status of its direction (in_hand / issued)
    book_id: int | None = None  # paid cheques issued from a cheque book
    leaf_no: int | None = None
    id: int | None = None
    registered_on: date | None = None  # the day it was recorded (set by the repository)
    status_date: date | None = None  # the date of its last step
    has_image: bool = False  # a scanned image is stored (Cheques.image())
    created_at: str = ""
    updated_at: str = ""

    @property
    def status_label(self) -> str:
        return st.label(self.direction, self.status)

    @property
    def direction_label(self) -> str:
        return st.DIRECTIONS.get(self.direction, self.direction)

    def validate(self) -> "Cheque":
        """Check and normalise every field in place (ASCII digits, ints, dates); returns self."""
        st.check_direction(self.direction)
        self.sayad_id = validators.sayad_id(self.sayad_id, field=LABELS["sayad_id"])
        self.series = _text(self.series)
        self.serial = _digits(self.serial, "serial", required=True, longest=20)
        self.bank = (self.bank or "").strip()
        if not self.bank:
            raise _error("bank", "choose the bank", "بانک را انتخاب کنید.")
        self.branch_name = _text(self.branch_name)
        self.branch_code = _digits(self.branch_code, "branch_code", longest=10)
        self.account_number = account_number(self.account_number)
        self.sheba = validators.optional(validators.sheba, self.sheba, field=LABELS["sheba"])
        self.amount = checked_amount(self.amount)
        self.is_guarantee = bool(self.is_guarantee)
        self.issue_date = checked_date(self.issue_date, "issue_date")
        self.due_date = checked_date(self.due_date, "due_date")
        if self.due_date is None and not self.is_guarantee:
            raise ValidationError("due date: a value is required (only a guarantee cheque may have none)",
                                  "تاریخ سررسید را وارد کنید (فقط چک ضمانتی می‌تواند تاریخ نداشته باشد).",
                                  LABELS["due_date"])
        if self.issue_date and self.due_date and self.due_date < self.issue_date:
            raise _error("due_date", "the due date is before the issue date",
                         "نمی‌تواند پیش از تاریخ صدور باشد.")
        self.drawer_id = _contact(self.drawer_id, "drawer_id")
        self.payee_id = _contact(self.payee_id, "payee_id")
        if self.direction == st.RECEIVED and self.drawer_id is None:
            raise _error("drawer_id", "choose who drew the cheque",
                         "صادرکننده چک را از دفتر تلفن انتخاب کنید یا بسازید.")
        if self.direction == st.PAID and self.payee_id is None:
            raise _error("payee_id", "choose the payee",
                         "گیرنده چک (در وجه) را از دفتر تلفن انتخاب کنید یا بسازید.")
        self.payee_national_id = payee_national_id(self.payee_national_id)
        self.purpose = _text(self.purpose)
        self.note = (self.note or "").strip()
        self.status = st.check_status(self.direction, self.status or st.INITIAL[self.direction])
        if self.direction == st.RECEIVED and (self.book_id is not None or self.leaf_no is not None):
            raise _error("book_id", "only a paid cheque comes from one of our cheque books",
                         "فقط چک پرداختی از دسته چک‌های خود دفتر صادر می‌شود.")
        return self


def _error(name: str, en: str, fa: str) -> ValidationError:
    label = LABELS[name]
    return ValidationError(f"{label}: {en}", f"{label}: {fa}", label)


def _text(value) -> str:
    """Trimmed text with ASCII digits (series «۱۲۳/ب» → '123/ب')."""
    return to_latin(str(value or "")).strip()


_SEPARATORS = dict.fromkeys(map(ord, " \t\u00a0\u200c\u200e\u200f-_./\u2010\u2013"))


def _digits(value, name: str, *, required: bool = False, longest: int = 30) -> str:
    text = to_latin(str(value if value is not None else "")).translate(_SEPARATORS)
    if not text:
        if required:
            raise ValidationError(f"{LABELS[name]}: a value is required", f"{LABELS[name]} را وارد کنید.", LABELS[name])
        return ""
    if not text.isascii() or not text.isdigit():
        raise _error(name, "write only digits", "فقط رقم بنویسید.")
    if len(text) > longest:
        raise _error(name, f"at most {longest} digits", f"حداکثر {to_persian(longest)} رقم است.")
    return text


def account_number(value) -> str:
    """An account number as printed (digits with «-», «.», «/» or spaces between groups), with
    ASCII digits; '' when empty."""
    text = re.sub(r"\s+", " ", to_latin(str(value or "")).strip())
    if not text:
        return ""
    if not re.fullmatch(r"[0-9]+(?:[ ./-][0-9]+)*", text):
        raise _error("account_number", "write digits, with '-', '.' or '/' between groups",
                     "فقط رقم بنویسید (با «-»، «.» یا «/» میان گروه‌ها).")
    if sum(c.isdigit() for c in text) > 30:
        raise _error("account_number", "more than 30 digits", f"بیش از {to_persian(30)} رقم است.")
    return text


def checked_amount(value) -> int:
    """A positive amount of rials from an int or typed text in any digit script («۱٬۲۵۰٬۰۰۰»)."""
    if isinstance(value, bool):
        raise TypeError("an amount is not a bool")
    amount = value if isinstance(value, int) else parse_amount(value, LABELS["amount"])
    if amount <= 0:
        raise _error("amount", "the amount must be more than zero", "باید بیشتر از صفر باشد.")
    return amount


def checked_date(value, name: str = "due_date") -> date | None:
    """A date from a date, a stored ISO text (``2025-04-04``) or a typed Jalali date
    (``۱۴۰۴/۰۱/۱۵``); None when empty. Invalid Jalali dates get the Persian message of
    ``core.jalali`` naming the field."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = to_latin(str(value)).strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match and int(match.group(1)) >= 1700:  # a stored Gregorian date
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _error(name, f"{text!r} is not a date", "تاریخ درست نیست.") from None
    return jalali.parse_date(text, LABELS[name])


def payee_national_id(value) -> str:
    """The payee's national code (10 digits, a person) or legal national ID (11, a company); ''."""
    label = LABELS["payee_national_id"]
    text = to_latin(str(value or "")).translate(_SEPARATORS)
    if not text:
        return ""
    if text.isascii() and text.isdigit():
        if len(text) == 11:
            return validators.legal_national_id(text, field=label)
        if len(text) in (8, 9, 10):  # 8 or 9: a national code that lost its leading zeros
            return validators.national_code(text, field=label)
        raise _error("payee_national_id", f"10 digits (a person) or 11 (a company), not {len(text)}",
                     f"باید ۱۰ رقم (کد ملی شخص) یا ۱۱ رقم (شناسه ملی شرکت) باشد، اما "
                     f"{to_persian(len(text))} رقم نوشته شده است.")
    raise _error("payee_national_id", "write only digits", "فقط رقم بنویسید.")


def _contact(value, name: str) -> int | None:
    if value in (None, "", 0):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _error(name, f"{value!r} is not a contact", "مخاطب درستی انتخاب نشده است.") from None


@dataclass
class ChequeEvent:
    """One step of a cheque's life (the first one is its registration, from '' to its initial status)."""

    cheque_id: int
    from_status: str
    to_status: str
    on: date
    note: str = ""
    contact_id: int | None = None  # spent to / returned to
    account: str = ""  # deposited into
    reason: str = ""  # why it bounced
    id: int | None = None
    created_at: str = ""
    contact_name: str = ""  # filled by history()


@dataclass
class ChequeBook:
    """A cheque book (دسته چک) of one of the office's accounts; its leaves are numbered 1..leaves
    and leaf n has serial ``first_serial + n - 1`` (keeping the printed width: 000123 → 000124)."""

    bank: str
    account_number: str
    first_serial: str
    leaves: int = 25
    series: str = ""
    branch_name: str = ""
    branch_code: str = ""
    sheba: str = ""
    first_sayad_id: str = ""  # the first leaf's Sayad ID when known; later leaves count up from it
    note: str = ""
    id: int | None = None
    created_at: str = ""

    def validate(self) -> "ChequeBook":
        self.bank = (self.bank or "").strip()
        if not self.bank:
            raise _error("bank", "choose the bank", "بانک را انتخاب کنید.")
        self.account_number = account_number(self.account_number)
        if not self.account_number:
            raise ValidationError("account number: a value is required", "شماره حساب را وارد کنید.", LABELS["account_number"])
        self.first_serial = _digits(self.first_serial, "serial", required=True, longest=20)
        try:
            self.leaves = int(to_latin(str(self.leaves)).strip())
        except ValueError:
            raise ValidationError("leaves: write a number", "تعداد برگ: عدد بنویسید.", "تعداد برگ") from None
        if not 1 <= self.leaves <= 500:
            raise ValidationError("leaves: between 1 and 500", "تعداد برگ: باید بین ۱ تا ۵۰۰ باشد.", "تعداد برگ")
        self.series = _text(self.series)
        self.branch_name = _text(self.branch_name)
        self.branch_code = _digits(self.branch_code, "branch_code", longest=10)
        self.sheba = validators.optional(validators.sheba, self.sheba, field=LABELS["sheba"])
        self.first_sayad_id = validators.optional(validators.sayad_id, self.first_sayad_id, field=LABELS["sayad_id"])
        if self.first_sayad_id and int(self.first_sayad_id) + self.leaves - 1 >= 10**16:
            raise _error("sayad_id", "the leaves' Sayad IDs would pass 16 digits", "با این تعداد برگ از ۱۶ رقم بیشتر می‌شود.")
        self.note = (self.note or "").strip()
        return self

    def serial_of(self, leaf_no: int) -> str:
        return str(int(self.first_serial) + leaf_no - 1).zfill(len(self.first_serial))

    def sayad_of(self, leaf_no: int) -> str:
        """The leaf's Sayad ID when the book's first one is known, else ''."""
        if not self.first_sayad_id:
            return ""
        return str(int(self.first_sayad_id) + leaf_no - 1).zfill(16)


@dataclass
class Leaf:
    book_id: int
    leaf_no: int
    serial: str
    state: str = "unused"  # unused | used | void | lost
    cheque_id: int | None = None
    on: date | None = None  # when it was used, voided or lost
    note: str = ""
    sayad_id: str = ""

    @property
    def state_label(self) -> str:
        return LEAF_STATES[self.state]


@dataclass
class BookSummary:
    book: ChequeBook
    used: int = 0
    unused: int = 0
    void: int = 0
    lost: int = 0
    leaves: list[Leaf] = field(default_factory=list)

    @property
    def next_leaf(self) -> Leaf | None:
        return next((leaf for leaf in self.leaves if leaf.state == "unused"), None)


@dataclass
class ChequeImage:
    data: bytes
    mime: str = ""  # filled from the bytes when empty
    side: str = "front"


def image_mime(data: bytes) -> str:
    """The type of a scanned image from its first bytes; ValidationError for anything else."""
    signatures = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
                  (b"BM", "image/bmp"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"),
                  (b"%PDF", "application/pdf"))
    for magic, mime in signatures:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    raise ValidationError("the scanned image is not a PNG, JPEG, GIF, BMP, TIFF, WebP or PDF file",
                          "تصویر چک: فقط پرونده‌های PNG، JPEG، GIF، BMP، TIFF، WebP یا PDF پذیرفته می‌شود.", "تصویر چک")
