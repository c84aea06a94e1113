"""Small pieces the file widgets share: Persian text for numbers and dates inside a sentence,
line edits for digits, red message labels, the Persian title of a file."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.files.model import KINDS, STATES

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
ERROR_STYLE = "color: #c62828;"
BANNER_STYLE = "background: #fdecea; color: #c62828; padding: 6px; border-radius: 4px;"
FORMER_COLOUR = "#6b6b6b"

#: what the state is called on each kind's page: personnel «وضعیت»، customer «مرحله»، applicant «وضعیت»
STATE_TITLE = {"personnel": "وضعیت", "customer": "مرحله", "applicant": "وضعیت"}


def isolate(text: str) -> str:
    """A number, a file number or a date inside a Persian line keeps its own order."""
    return f"{FSI}{text}{PDI}" if text else ""


def number_text(number: str) -> str:
    """A file number as shown: Persian digits, isolated («‏C-۰۰۱۲» / «پ-۰۰۱۲»)."""
    return isolate(to_persian(number or ""))


def date_text(value) -> str:
    """A stored ISO date, a date or a datetime as «۱۴۰۴/۰۱/۱۲» ('' for none)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return jalali.format_datetime(value)
    if isinstance(value, date):
        return jalali.format_date(value)
    text = str(value)
    if "T" in text:
        return jalali.format_datetime(datetime.fromisoformat(text))
    return jalali.format_date(date.fromisoformat(text))


def file_title(f, name: str = "") -> str:
    """«پرونده مشتری C-۰۰۰۱ — علی رضایی»"""
    text = f"{KINDS[f.kind]} {number_text(f.number)}"
    return f"{text} — {name}" if name else text


def state_label(kind: str, state: str) -> str:
    return STATES[kind].get(state, state)


def line(name: str, *, ltr: bool = False, placeholder: str = "") -> QLineEdit:
    """A line edit; ``ltr`` for digits (a code reads left to right inside a right-to-left form)."""
    edit = QLineEdit()
    edit.setObjectName(name)
    if ltr:
        edit.setLayoutDirection(Qt.LeftToRight)
        edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter | Qt.AlignAbsolute)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    label.hide()
    return label
