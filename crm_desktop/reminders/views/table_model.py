"""The full list's rows: a lazy source over ``Reminders.count_search`` / ``search`` (one row per
reminder, not per occurrence), its columns, and a model that adds the group's colour dot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QBrush, QColor

from crm_desktop.core import jalali
from crm_desktop.reminders.views.common import DONE_COLOUR, HIGH_PRIORITY_COLOUR, colour_icon, datetime_text
from crm_desktop.ui.lazy_table import (DECORATION_ROLE, DISPLAY_ROLE, FOREGROUND_ROLE, NUMBER_ALIGN, Column,
                                       LazyTableModel)

PRIORITY_TEXT = {0: "کم", 1: "عادی", 2: "زیاد"}
SOURCE_TEXT = {"": "", "birthday": "تولد", "cheque": "چک", "follow_up": "پیگیری مشتری", "interview": "مصاحبه"}


@dataclass(frozen=True)
class ReminderFilter:
    text: str = ""
    group_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def kwargs(self) -> dict:
        return {"text": self.text, "group_id": self.group_id, "date_from": self.date_from, "date_to": self.date_to}

    def is_empty(self) -> bool:
        return self == ReminderFilter()


class ReminderSource:
    def __init__(self, office, query: ReminderFilter, now=None):
        self.office = office
        self.query = query
        self.now = now  # () -> datetime: «نوبت بعد» is counted from it
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.office.reminders.count_search(**self.query.kwargs())
        return self._count

    def rows(self, offset: int, limit: int) -> list:
        now = self.now() if self.now is not None else None
        return list(self.office.reminders.search(**self.query.kwargs(), offset=offset, limit=limit, now=now))


def _when(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = jalali.from_iso_datetime(value)
    return datetime_text(value)


def reminder_columns() -> list[Column]:
    return [
        Column("subject", "موضوع", lambda r: r.subject, tooltip=lambda r: r.note or r.subject),
        Column("group", "گروه", lambda r: r.group_name or ""),
        Column("next_at", "نوبت بعد", lambda r: _when(r.next_at) or "—", align=NUMBER_ALIGN),
        Column("starts_at", "شروع", lambda r: _when(r.starts_at), align=NUMBER_ALIGN),
        Column("repeat", "تکرار", lambda r: r.repeat_text or ""),
        Column("contact", "مخاطب", lambda r: r.contact_name or ""),
        Column("place", "مکان", lambda r: r.place or ""),
        Column("priority", "اولویت", lambda r: PRIORITY_TEXT.get(r.priority, "")),
        Column("note", "یادداشت", lambda r: (r.note or "").replace("\n", " ")),
    ]


class ReminderTableModel(LazyTableModel):
    """LazyTableModel + the group's colour dot beside the subject and a grey row for a reminder
    that will not come again."""

    def data(self, index, role=DISPLAY_ROLE):
        if role in (DECORATION_ROLE, FOREGROUND_ROLE) and index.isValid():  # plain ints: see lazy_table
            row = self.row_object(index.row())
            if row is None:
                return None
            key = self.columns[index.column()].key
            if role == DECORATION_ROLE:
                return colour_icon(row.colour, 12) if key == "subject" else None
            if role == FOREGROUND_ROLE:
                if row.next_at is None:
                    return QBrush(QColor(DONE_COLOUR))
                return QBrush(QColor(HIGH_PRIORITY_COLOUR)) if key == "priority" and row.priority == 2 else None
        return super().data(index, role)

