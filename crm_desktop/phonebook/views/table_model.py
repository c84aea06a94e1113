"""The phonebook table: a row source over ``Phonebook.count/rows`` for one SearchQuery, and the
columns (name, organisation, phones, last contact, then the custom fields shown in the table).

The source never loads the whole book: the LazyTableModel asks ``rows(offset, limit)`` only for
the pages the view paints, and ``count()`` once per search."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from crm_desktop.core import jalali
from crm_desktop.phonebook.display import custom_text
from crm_desktop.ui.busy import busy_on_demand
from crm_desktop.ui.lazy_table import NUMBER_ALIGN, Column

LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate: a phone number's digit groups keep their order

# a phone number as shown: digits (any script) with inner spaces, dashes, brackets or a leading +
_NUMBER = re.compile(r"\+?[0-9۰-۹٠-٩][0-9۰-۹٠-٩ \-()]*[0-9۰-۹٠-٩]|[0-9۰-۹٠-٩]")


def isolate_numbers(text: str) -> str:
    """Wrap every phone number in ``text`` in a left-to-right isolate. In a right-to-left cell
    «۰۹۱۲ ۱۲۳ ۴۵۶۷» would otherwise show its digit groups in reverse (۴۵۶۷ ۱۲۳ ۰۹۱۲), while the
    numbers of a list still read from right to left."""
    if not text:
        return ""
    return _NUMBER.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def jalali_date_text(iso: str | None) -> str:
    """'2025-03-20' or '2025-03-20T08:30:00' → «۱۴۰۴/۰۱/۰۱»; '' for nothing or a bad value."""
    if not iso:
        return ""
    try:
        return jalali.format_date(date.fromisoformat(str(iso)[:10]))
    except ValueError:
        return str(iso)


class ContactSource:
    """``count()`` / ``rows(offset, limit)`` of the phonebook for one query, and ``set_order``
    (the LazyTableModel protocol). ``page_queries`` counts the page queries, for tests and the
    benchmark."""

    def __init__(self, office, query):
        self.office = office  # office.phonebook is read at each call: a restore replaces it
        self.query = query
        self.page_queries = 0

    def set_order(self, key: str, descending: bool) -> None:
        """Order by a column (its key); the phonebook sorts in SQL, on its indexes."""
        order = order_of(key)
        if order is not None:
            self.query = replace(self.query, order=f"-{order}" if descending else order)

    @property
    def phonebook(self):
        return self.office.phonebook

    def count(self) -> int:
        return self.phonebook.count(self.query)

    def rows(self, offset: int, limit: int) -> list:
        """A page; a wait cursor while the phonebook builds an order's lookup tables for it."""
        self.page_queries += 1
        with busy_on_demand() as show_busy, self.phonebook.on_long_step(show_busy):
            return self.phonebook.rows(self.query, offset, limit)


def _phones(row) -> str:
    return isolate_numbers(getattr(row, "phones", "") or "")


def _custom_getter(field):
    field_id = field.id

    def get(row):
        custom = getattr(row, "custom", None) or {}
        value = custom.get(field_id)
        if value is None:
            value = custom.get(str(field_id))
        return custom_text(field, value)

    return get


NAME, ORGANISATION, PHONES, LAST_CONTACT, CREATED = "name", "organisation", "phones", "last_contact", "created"
CUSTOM = "custom."  # + the field's id


def order_of(column_key: str) -> str | None:
    """The phonebook's order (SearchQuery.order) for a column, or None for one it cannot sort."""
    if column_key in (NAME, ORGANISATION, LAST_CONTACT, CREATED):
        return column_key
    if column_key.startswith(CUSTOM) and column_key[len(CUSTOM):].isdigit():
        return f"custom:{column_key[len(CUSTOM):]}"
    return None


def contact_columns(fields=()) -> list[Column]:
    """The table's columns in reading order (the first is the rightmost in the RTL view). Every
    one sorts by a click on its header but the phones; the dates start newest first."""
    columns = [
        Column(NAME, "نام", lambda r: r.display_name),
        Column(ORGANISATION, "سازمان", lambda r: getattr(r, "organisation", "") or ""),
        Column(PHONES, "تلفن", _phones, tooltip=lambda r: _phones(r).replace("، ", "\n"), sortable=False),
        Column(LAST_CONTACT, "آخرین تماس", lambda r: jalali_date_text(getattr(r, "last_contact_at", None)),
               align=NUMBER_ALIGN, descending_first=True),
        Column(CREATED, "تاریخ ثبت", lambda r: jalali_date_text(getattr(r, "created_at", None)),
               align=NUMBER_ALIGN, descending_first=True),
    ]
    for field in fields:
        if getattr(field, "show_in_table", False):
            align = NUMBER_ALIGN if getattr(field, "kind", "") in ("number", "date") else None
            columns.append(Column(f"{CUSTOM}{field.id}", field.name, _custom_getter(field), align=align))
    return columns
