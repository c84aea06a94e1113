"""The built-in layout for the unified Sayad cheque leaf (برگ یکسان صیادی), about 175 × 80 mm.

Positions follow the common leaf: the date top left, the date in words and the amount in words
across the middle (with a second line), the payee and the payee's national ID below them, «بابت»,
and the box of the amount in digits bottom left. Leaves differ a little between banks: the note
asks the operator to measure theirs, and the printer's offset is calibrated apart."""

from __future__ import annotations

from crm_desktop.cheque_print.model import SAYAD_HEIGHT, SAYAD_WIDTH, Field, Template

NAME = "برگ یکسان صیادی"
NOTE = "اندازه برگ چک خود را با خط‌کش بسنجید و در صورت نیاز پهنا، بلندی و جای فیلدها را اصلاح کنید."


def sayad_template() -> Template:
    return Template(NAME, SAYAD_WIDTH, SAYAD_HEIGHT, [
        Field("date", 14, 9, 38, 7, size=12, bold=True, align="center"),
        Field("date_words", 62, 17, 104, 7, size=10),
        Field("amount_words", 40, 26, 126, 7, size=11, line2=(14, 33, 152)),
        Field("payee", 62, 41, 104, 7, size=11, bold=True),
        Field("national_id", 14, 41, 40, 7, size=10, align="center"),
        Field("purpose", 62, 49, 104, 6, size=9),
        Field("amount", 12, 55, 46, 8, size=12, bold=True, align="center"),
    ], NOTE).validate()
