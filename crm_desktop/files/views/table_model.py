"""A kind's list: a lazy source over ``Files.count_files`` / ``file_rows`` (the repository's
Persian order of names), the columns each kind shows, and a model that greys former staff,
rejected applicants and inactive customers.

    model = FileTableModel("customer", FileSource(office.files, FileFilter("customer")))
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.core.phone import format_phone
from crm_desktop.files.model import SOURCES
from crm_desktop.files.repo_search import FileFilter
from crm_desktop.files.views.common import FORMER_COLOUR, LRI, PDI, STATE_TITLE, number_text
from crm_desktop.ui.lazy_table import FOREGROUND_ROLE, NUMBER_ALIGN, Column, LazyTableModel

#: states shown grey: the file is kept but no longer current
FADED_STATES = frozenset({"former", "inactive", "rejected", "hired"})


class FileSource:
    def __init__(self, files, query: FileFilter):
        self.files = files
        self.query = query
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.files.count_files(self.query)
        return self._count

    def rows(self, offset: int, limit: int) -> list:
        return self.files.file_rows(self.query, offset, limit)


def _mobile(row) -> str:
    return f"{LRI}{format_phone(row.mobile)}{PDI}" if row.mobile else ""


def _interview(row) -> str:
    at = row.data.get("interview_at")
    return jalali.format_datetime(datetime.fromisoformat(at)) if at else ""


def _text(key: str):
    return lambda row: to_persian(row.data.get(key, "") or "")


def file_columns(kind: str) -> list[Column]:
    """The columns of a kind's list, in reading order (right to left)."""
    columns = [
        Column("number", "شماره", lambda r: number_text(r.number), align=NUMBER_ALIGN),
        Column("name", "نام", lambda r: r.name),
        Column("mobile", "تلفن", _mobile, align=NUMBER_ALIGN),
        Column("registered", "تاریخ ثبت", lambda r: jalali.format_date(r.registered_on), align=NUMBER_ALIGN),
        Column("state", STATE_TITLE[kind], lambda r: r.state_label,
               tooltip=lambda r: f"از {jalali.format_date(r.state_on)}"),
    ]
    if kind == "personnel":
        columns += [Column("unit", "واحد", lambda r: to_persian(r.unit)),
                    Column("job_title", "سمت", _text("job_title"))]
    elif kind == "customer":
        columns += [Column("source", "منبع آشنایی", lambda r: SOURCES.get(r.data.get("source", ""), "")),
                    Column("interests", "علاقه‌مندی‌ها", _text("interests"))]
    else:
        columns += [Column("desired_position", "سمت درخواستی", _text("desired_position")),
                    Column("interview_at", "زمان مصاحبه", _interview, align=NUMBER_ALIGN)]
    columns.append(Column("referrer", "معرف", lambda r: r.referrer_name))
    return columns


COLUMN_WIDTHS = {"number": 90, "name": 180, "mobile": 120, "registered": 90, "state": 110, "unit": 110,
                 "job_title": 130, "source": 110, "interests": 160, "desired_position": 140, "interview_at": 130}


class FileTableModel(LazyTableModel):
    def __init__(self, kind: str, source=None, parent=None):
        super().__init__(file_columns(kind), source, parent)
        self.kind = kind

    def data(self, index, role=Qt.DisplayRole):
        if role == FOREGROUND_ROLE and index.isValid():  # an int: see lazy_table
            row = self.row_object(index.row())
            if row is not None and row.state in FADED_STATES:
                return QBrush(QColor(FORMER_COLOUR))
            return None
        return super().data(index, role)
