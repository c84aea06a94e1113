"""The bundled fonts are registered with Qt and the UI font is Vazirmatn."""

import shutil

from PySide6.QtGui import QFontDatabase, QFontInfo

from crm_desktop import paths
from crm_desktop.ui.fonts import font_files, load_bundled_fonts, ui_font


def test_every_bundled_ttf_is_registered(qapp):
    files = font_files()
    assert files and all(p.suffix.lower() in (".ttf", ".otf") for p in files)
    assert paths.resource("fonts", "Vazirmatn-Regular.ttf") in files
    families = load_bundled_fonts()
    assert "Vazirmatn" in families
    assert len(families) == len(set(families))
    assert "Vazirmatn" in QFontDatabase.families()
    assert load_bundled_fonts() == families  # a second call registers nothing new


def test_ui_font_is_vazirmatn(qapp):
    font = ui_font(12)
    assert font.family() == "Vazirmatn"
    assert font.pointSizeF() == 12
    assert QFontInfo(font).family() == "Vazirmatn"  # really resolved, not a fallback
    assert ui_font(bold=True).bold()


def test_a_broken_font_file_is_skipped(qapp, tmp_path):
    shutil.copy(paths.resource("fonts", "Vazirmatn-Bold.ttf"), tmp_path / "Good.ttf")
    (tmp_path / "Broken.ttf").write_bytes(b"not a font")
    (tmp_path / "readme.txt").write_text("x")
    assert load_bundled_fonts(tmp_path) == ["Vazirmatn"]
