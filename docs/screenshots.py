"""Make the README's screenshots: a demo office, the main window on each tab, the settings dialog.

    python docs/screenshots.py [--out docs/screenshots]

Runs offscreen (no display needed) with the bundled fonts, on a fresh demo database."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--contacts", type=int, default=3000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="crm-shots-"))
    os.environ["CRM_DESKTOP_HOME"] = str(work / "home")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from crm_desktop.demo.steps import fill_demo
    from crm_desktop.office import Office
    from crm_desktop.preferences import Preferences

    db = work / "office.sqlite3"
    with Office(db) as office:
        fill_demo(office.conn, {"contacts": args.contacts}, seed=7)
        office.save_preferences(Preferences(office_name="بازرگانی نمونه آریا"))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from crm_desktop.app import setup_application
    from crm_desktop.shell.controller import AppController

    app = setup_application()
    clock = lambda: datetime(2025, 11, 23, 10, 30)  # noqa: E731 - a fixed day keeps pictures stable
    controller = AppController(app, db, clock=clock)
    controller.start(single_instance=False)
    window = controller.window
    window.resize(1100, 700)
    shots = []

    def take():
        from crm_desktop.shell.features import FEATURE_TABS

        for index, feature in enumerate(FEATURE_TABS):
            window.show_tab(feature.name)
            QApplication.processEvents()
            name = "main" if index == 0 else feature.name
            path = out / f"{name}.png"
            window.grab().save(str(path))
            shots.append(path)
        phonebook = window.show_tab("phonebook")
        if phonebook is not None:
            search = phonebook.findChild(QWidget, "phonebook.search")
            search.set_query("محمد")
            search.flush()
            QApplication.processEvents()
            path = out / "phonebook-search.png"
            window.grab().save(str(path))
            shots.append(path)
            from crm_desktop.phonebook.views.contact_dialog import ContactDialog

            first_id = controller.office.conn.execute("SELECT id FROM contacts ORDER BY sort_key LIMIT 1").fetchone()[0]
            card = ContactDialog(controller.office, first_id, window, clock=clock)
            card.show()
            QApplication.processEvents()
            path = out / "contact.png"
            card.grab().save(str(path))
            shots.append(path)
            card.close()
        from crm_desktop.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(controller.office, window)
        dialog.show()
        QApplication.processEvents()
        path = out / "settings.png"
        dialog.grab().save(str(path))
        shots.append(path)
        dialog.close()
        controller.quit()

    QTimer.singleShot(500, take)
    app.exec()
    controller.shutdown()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
