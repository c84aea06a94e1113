"""QApplication set-up, once: right-to-left, Persian locale, bundled fonts, single instance,
then the controller that owns the office, the main window and the tray."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from crm_desktop import APP_NAME, APP_TITLE
from crm_desktop.paths import resource


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("app.svg", "app.png"):
        path = resource("icons", name)
        if path.exists():
            icon.addFile(str(path))
    return icon


def setup_application(argv=None) -> QApplication:
    """The one QApplication, set up the way every window expects it (idempotent for tests)."""
    app = QApplication.instance() or QApplication(list(argv or [sys.argv[0]]))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    app.setLayoutDirection(Qt.RightToLeft)
    QLocale.setDefault(QLocale(QLocale.Persian, QLocale.Iran))
    from crm_desktop.ui.fonts import load_bundled_fonts
    from crm_desktop.ui.qt_translations import install_qt_translations

    load_bundled_fonts()
    install_qt_translations()
    apply_font_size(app, 10)
    from crm_desktop.ui import input_manners

    input_manners.install(app)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    return app


def apply_font_size(app: QApplication, points: int) -> None:
    from crm_desktop.ui.fonts import ui_font

    app.setFont(ui_font(points))


def run(db_path: Path, argv=None, *, minimized: bool = False) -> int:
    app = setup_application(argv)
    from crm_desktop.shell.controller import AppController

    controller = AppController(app, Path(db_path))
    if not controller.start(minimized=minimized):
        return controller.exit_code
    code = app.exec()
    controller.shutdown()
    return code or controller.exit_code
