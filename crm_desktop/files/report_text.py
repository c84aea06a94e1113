"""The printed text of a file's values (no Qt, no SQL): Jalali dates, Persian digits, file
numbers and phones as isolated islands, the kind's choices by their Persian labels, and the
line that says what a filtered list holds. Shared by the list, the card and the application
form (report.py, report_card.py, report_form.py)."""

from __future__ import annotations

from datetime import date, datetime

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.core.jalali import format_date, format_datetime
from crm_desktop.core.money import format_amount
from crm_desktop.core.phone import format_phone
from crm_desktop.files.model import (
    APPLICANT,
    CUSTOMER,
    EDUCATION,
    EMPLOYMENT,
    KIND_PLURAL,
    MARITAL,
    PERSONNEL,
    SOURCES,
    STATES,
)
from crm_desktop.reports.bidi import isolate, ltr

LIST_TITLES = {PERSONNEL: "فهرست پرونده‌های پرسنلی", CUSTOMER: "فهرست پرونده‌های مشتریان",
               APPLICANT: "فهرست متقاضیان استخدام"}
STATE_TITLES = {PERSONNEL: "وضعیت", CUSTOMER: "مرحله", APPLICANT: "وضعیت"}
CHOICES = {"marital": MARITAL, "education_level": EDUCATION, "employment": EMPLOYMENT, "source": SOURCES}


def day_text(value) -> str:
    """«۱۴۰۴/۰۱/۱۲» from a date or a stored ISO date ('' for nothing; a datetime with its time)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    text = str(value)
    try:
        return format_datetime(datetime.fromisoformat(text)) if "T" in text else format_date(date.fromisoformat(text))
    except ValueError:
        return to_persian(text)


def number_text(number: str) -> str:
    """A file number («P-0012», «پ-0012») in Persian digits, isolated in its own direction."""
    return isolate(to_persian(number)) if number else ""


def phone_text(number: str) -> str:
    """«۰۹۱۲ ۱۲۳ ۴۵۶۷» as a left-to-right island (its groups never swap)."""
    return ltr(format_phone(number) or to_persian(number)) if number else ""


def code_text(code: str) -> str:
    """A national code, insurance or certificate number: Persian digits, left to right."""
    return ltr(to_persian(code)) if code else ""


def sheba_text(sheba: str) -> str:
    """«IR12 3456 …» in groups of four, left to right."""
    if not sheba:
        return ""
    return ltr(" ".join(sheba[i:i + 4] for i in range(0, len(sheba), 4)))


def money_text(rials) -> str:
    return f"{format_amount(int(rials))} ریال" if rials not in (None, "") else ""


def choice_text(name: str, value) -> str:
    return CHOICES.get(name, {}).get(value or "", value or "")


def state_text(kind: str, state: str) -> str:
    return STATES[kind].get(state, state)


def kind_column(kind: str) -> tuple[str, str]:
    """The kind's own column in a list: (title, data key)."""
    return {PERSONNEL: ("سمت", "job_title"), CUSTOMER: ("منبع آشنایی", "source"),
            APPLICANT: ("سمت درخواستی", "desired_position")}[kind]


def count_text(n: int) -> str:
    return f"{format_number(n)} پرونده"


def scope_text(query, referrer_name: str = "") -> str:
    """«پرسنل — شاغل، واحد «مالی»، ثبت از ۱۴۰۳/۰۱/۰۱ تا …، جستجوی «…»»: what a list holds."""
    parts = []
    if query.state:
        parts.append(state_text(query.kind, query.state))
    if query.unit:
        parts.append(f"واحد «{query.unit}»")
    start, end = query.registered_from, query.registered_to
    if start and end:
        parts.append(f"ثبت از {format_date(start)} تا {format_date(end)}")
    elif start:
        parts.append(f"ثبت از {format_date(start)}")
    elif end:
        parts.append(f"ثبت تا {format_date(end)}")
    if query.referrer_id is not None:
        parts.append(f"معرف: {referrer_name or to_persian(query.referrer_id)}")
    if query.text and query.text.strip():
        parts.append(f"جستجوی «{isolate(to_persian(query.text.strip()))}»")
    scope = KIND_PLURAL[query.kind]
    return f"{scope} — {'، '.join(parts)}" if parts else f"همه {scope}"
