"""Where the designer puts a field the operator adds (no Qt): on the leaf where it overlaps no
other field, top first and from the right (where a right-to-left eye starts), on whole mm."""

from __future__ import annotations

from crm_desktop.cheque_print.model import Field, Template
from crm_desktop.cheque_print.views.drag import snap


def free_spot(template: Template, w: float, h: float) -> tuple[float, float]:
    """The top-most, then right-most place on the leaf (whole mm) where a w × h box overlaps no
    field (1 mm apart); the middle of the leaf when there is none."""
    taken = [box for f in template.fields for box in f.boxes()]

    def free(x: float, y: float) -> bool:
        return all(x + w + 1 <= bx or bx + bw + 1 <= x or y + h + 1 <= by or by + bh + 1 <= y
                   for bx, by, bw, bh in taken)

    y = 3.0
    while y + h <= template.height - 3:
        x = float(int(template.width - w - 3))
        while x >= 3:
            if free(x, y):
                return x, y
            x -= 1
        y += 1
    return snap((template.width - w) / 2, 1), snap((template.height - h) / 2, 1)


def new_field(kind: str, template: Template) -> Field:
    """A field of ``kind`` where the leaf has room for it, on the grid."""
    if kind == "line":
        x, y = free_spot(template, 40, 1)
        return Field("line", x, y + 0.5, 40, 0, size=4)
    w = 60.0 if kind in ("amount_words", "date_words", "payee", "purpose", "text") else 40.0
    x, y = free_spot(template, w, 7)
    return Field(kind, x, y, w, 7, text="متن آزاد" if kind == "text" else "")
