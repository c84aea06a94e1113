"""Qt's own strings in Persian: the line-edit context menu (برش، رونوشت، چسباندن…), «نمایش
جزئیات…» in message boxes, file dialogs. PySide6 ships qtbase_fa.qm; app.py installs it once."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []  # the application does not own its translators


def install_qt_translations(locale: QLocale | None = None) -> list[str]:
    """Load Qt's translations for ``locale`` (default: Persian, Iran); returns the catalogues
    loaded (none is an error: the app still works, in English for Qt's own strings)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_qt_translations() needs a QApplication")
    locale = locale or QLocale(QLocale.Persian, QLocale.Iran)
    directory = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    loaded = []
    for catalogue in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", directory):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(catalogue)
        else:
            log.info("no Qt translation %s for %s in %s", catalogue, locale.name(), directory)
    return loaded
