"""The report fonts: the bundled Vazirmatn Regular and Bold, registered once with reportlab.

``register()`` is idempotent and thread-safe; every drawing helper in ``crm_desktop.reports``
calls it, so a feature never has to. ``REGULAR`` / ``BOLD`` are the reportlab font names.
A character the font has no glyph for (an emoji in a note, a CJK name) is printed as «?» by
``bidi.visual`` instead of an empty box."""

from __future__ import annotations

import threading
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from crm_desktop import paths
from crm_desktop.errors import UserError

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
FILES = {REGULAR: "Vazirmatn-Regular.ttf", BOLD: "Vazirmatn-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def register() -> None:
    """Register Vazirmatn Regular and Bold with reportlab (once). A missing or unreadable font
    file is a UserError: a report without its Persian font would print empty boxes."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FILES.items():
            path = paths.resource("fonts", filename)
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as error:  # noqa: BLE001 - reportlab raises plain Exceptions / TTFError
                raise UserError(
                    f"cannot load the report font {path}: {error}",
                    f"قلم گزارش («{path.name}») پیدا نشد یا خراب است؛ برنامه را دوباره نصب کنید.",
                ) from error
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
        _registered = True


def font_path(name: str = REGULAR):
    return paths.resource("fonts", FILES[name])


@lru_cache(maxsize=None)
def charset(name: str) -> frozenset[str]:
    """Every character ``name`` has a glyph for."""
    register()
    face = pdfmetrics.getFont(name).face
    return frozenset(chr(code) for code in face.charToGlyph)


def width(text: str, name: str, size: float) -> float:
    """Width in points of an already shaped, visual-order string."""
    if not _registered:
        register()
    return pdfmetrics.stringWidth(text, name, size)


def ascent(name: str, size: float) -> float:
    register()
    return pdfmetrics.getFont(name).face.ascent * size / 1000.0


def descent(name: str, size: float) -> float:
    """Positive: how far glyphs reach below the baseline."""
    register()
    return -pdfmetrics.getFont(name).face.descent * size / 1000.0
