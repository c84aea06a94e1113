"""A label/value card for one record (a contact, a personnel file, a cheque, an applicant).

    draw_card(doc, "دکتر مریم احمدی", [
        Section("مشخصات", [Field("سازمان", "شرکت پارس"), Field("کد ملی", "۰۰۱۲۳۴۵۶۷۸", ltr=True)]),
        Section("تلفن‌ها", [Field("همراه", "۰۹۱۲ ۱۲۳ ۴۵۶۷", ltr=True)]),
    ], subtitle="شخص")

Labels sit in a column at the right, values wrap to their left; a value may be a list (one
line each: several phones, e-mails). Empty fields and empty sections are left out, so a feature
can list every field it has. A section's title is never left alone at the foot of a page; a
very long value (a note) continues on the next page. Built on ``table.Table`` without a header,
so it breaks pages the same way. After the card, more content (a table of the record's log,
``doc.heading`` + ``Table.draw``) follows at ``doc.y``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from crm_desktop.reports import bidi
from crm_desktop.reports.page import MUTED, ReportWriter
from crm_desktop.reports.table import Column, Row, Table


@dataclass
class Field:
    label: str
    value: object  # text (line breaks allowed), or a list of lines; None / '' = left out
    ltr: bool = False  # the value is a left-to-right island (phone, code, e-mail, web address)

    def is_empty(self) -> bool:
        if isinstance(self.value, (list, tuple)):
            return not any(str(v).strip() for v in self.value if v is not None)
        return self.value is None or str(self.value).strip() == ""

    def text(self):
        values = self.value if isinstance(self.value, (list, tuple)) else [self.value]
        values = [str(v) for v in values if v is not None and str(v).strip()]
        if self.ltr:
            values = ["\n".join(bidi.ltr(line) for line in v.split("\n")) for v in values]
        return values


@dataclass
class Section:
    title: str
    fields: list[Field] = field(default_factory=list)


def draw_card(
    doc: ReportWriter,
    title: str,
    sections: Sequence[Section],
    *,
    subtitle: str = "",
    label_width: float = 105,
    size: float = 10,
) -> None:
    """Draw one record's card at the cursor. ``title`` is a name of any direction («ACME Ltd.»
    keeps its full stop at the end)."""
    doc.heading(bidi.isolate(title), size=15)
    if subtitle:
        doc.paragraph(subtitle, size=10, colour=MUTED, space_after=4)
    table = Table(
        [Column("", fixed=label_width, bold=True, colour=MUTED), Column("", width=1)],
        size=size,
        header=False,
        zebra=False,
        padding=4,
    )
    with table.open(doc) as t:
        for section in sections:
            fields = [f for f in section.fields if not f.is_empty()]
            if not fields:
                continue
            t.add(Row.section(section.title))
            for f in fields:
                t.row([f.label, f.text()])
    doc.y -= 4

