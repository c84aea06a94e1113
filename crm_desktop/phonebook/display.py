"""A contact's values as the operator reads them (no Qt, no reportlab): Jalali dates, birthdays
with or without a year, custom values, with Persian digits. The printed card, the table, the
merge question and the note a merge writes use these."""

from __future__ import annotations

from crm_desktop.core.digits import persian_decimal, to_persian
from crm_desktop.core.jalali import MONTH_NAMES, format_date, format_datetime, from_iso, from_iso_datetime
from crm_desktop.phonebook.model import no_year_to_jalali


def date_text(iso: str | None) -> str:
    """'2025-03-20' → «۱۴۰۴/۰۱/۰۱», '2025-03-20T08:30:00' → with its time; '' for nothing; a
    value that is no date as it is (Persian digits)."""
    if not iso:
        return ""
    try:
        return format_datetime(from_iso_datetime(iso)) if "T" in iso else format_date(from_iso(iso))
    except ValueError:
        return to_persian(iso)


def birthday_text(birthday: str | None) -> str:
    """«۱۳۶۵/۰۴/۱۲», or «۱۲ تیر» for a birthday stored without a year ('--07-03'): the same Jalali
    day the contact form shows (``model.no_year_to_jalali``)."""
    if not birthday:
        return ""
    if birthday.startswith("--"):
        try:
            month, day = no_year_to_jalali(birthday)
        except ValueError:
            return to_persian(birthday)
        return f"{to_persian(day)} {MONTH_NAMES[month]}"
    return date_text(birthday)


def custom_text(field, value) -> str:
    """A custom field's stored value as the operator reads it: a date in Jalali, a number with
    Persian digits («۲٫۵»), text and choices as they are; '' for none."""
    if value is None or value == "":
        return ""
    kind = getattr(field, "kind", "text")
    if kind == "date":
        return date_text(str(value))
    if kind == "number":
        return persian_decimal(value)
    return str(value)
