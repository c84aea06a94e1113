"""The bundled fonts: register every TTF/OTF under resources/fonts with Qt, pick the UI font.

Needs a QGuiApplication. Registering twice is harmless (we remember what was loaded).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from crm_desktop import paths

log = logging.getLogger(__name__)

UI_FAMILY = "Vazirmatn"
FONT_SUFFIXES = (".ttf", ".otf")

_registered: dict[Path, list[str]] = {}


def font_files(directory: Path | None = None) -> list[Path]:
    directory = Path(directory) if directory is not None else paths.resource("fonts")
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def load_bundled_fonts(directory: Path | None = None) -> list[str]:
    """Register every font file in ``directory`` (default: the bundled resources/fonts) and
    return the family names, each once, in file order. A file Qt cannot read is logged and
    skipped, never fatal: the app then falls back to the system font."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("load_bundled_fonts() needs a QGuiApplication")
    families: list[str] = []
    for path in font_files(directory):
        key = path.resolve()
        if key not in _registered:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("Qt could not load the font %s", path)
                _registered[key] = []
            else:
                _registered[key] = list(QFontDatabase.applicationFontFamilies(font_id))
        for family in _registered[key]:
            if family not in families:
                families.append(family)
    return families


def ui_font(size: float | None = None, *, bold: bool = False) -> QFont:
    """The app's UI font (Vazirmatn), optionally at ``size`` points. Loads the bundled fonts on
    first use; if Vazirmatn is missing the returned font falls back to the system's choice."""
    if UI_FAMILY not in QFontDatabase.families():
        load_bundled_fonts()
    font = QFont(UI_FAMILY)
    if size is not None:
        font.setPointSizeF(float(size))
    else:
        app_font = QGuiApplication.font()
        if app_font.pointSizeF() > 0:
            font.setPointSizeF(app_font.pointSizeF())
    font.setBold(bold)
    return font
