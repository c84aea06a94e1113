"""Make the README's screenshots: a demo office, the main window on each tab, the settings dialog,
the reminder book (today's agenda, the Jalali month) and the alarm window with two alarms, the
cheque book (the tab, one cheque's form with its life, the next status step), the cheque
layout designer, the files (the customers' page and one customer's file with its
interactions), and the attendance book (a person's last month with today's punches beside).

    python docs/screenshots.py [--out docs/screenshots]

Runs offscreen (no display needed) with the bundled fonts, on a fresh demo database, with a fixed
clock (Sunday 2 Azar 1404, 10:30) and a fixed work folder so the pictures come out the same every time."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLOCK = datetime(2025, 11, 23, 10, 30)  # یکشنبه ۲ آذر ۱۴۰۴, 10:30: a fixed day keeps pictures stable
DEMO_REMINDERS = 160
SPECIAL_TABS = {"reminders", "cheques", "files", "attendance"}  # pictured page by page below
DEMO_CHEQUES = 240
DEMO_FILES = 30  # of each kind
DEMO_ATTENDANCE_MONTHS = 3


def add_alarm_reminders(office) -> None:
    """Two reminders that ring together at the clock's minute: a meeting in 15 minutes (an
    advance notice, with its contact as a link) and a call due now, with a note."""
    from crm_desktop.reminders.model import Reminder

    repo = office.reminders
    groups = {g.name: g.id for g in repo.groups()}
    contact = office.conn.execute("SELECT id FROM contacts ORDER BY sort_key LIMIT 1 OFFSET 3").fetchone()[0]
    recorded = CLOCK - timedelta(days=1)
    repo.add(Reminder(subject="جلسه بررسی قرارداد پشتیبانی", starts_at=CLOCK + timedelta(minutes=15),
                      group_id=groups.get("جلسه"), place="اتاق جلسات", priority=2, contact_id=contact,
                      advance=(15,)), now=recorded)
    repo.add(Reminder(subject="تماس با بانک ملت درباره تسهیلات", starts_at=CLOCK, group_id=groups.get("تماس"),
                      note="شماره پرونده وام در پوشه مالی است."), now=recorded)


def reminder_shots(window, controller, out: Path) -> list[Path]:
    """The reminders tab on «امروز» and on «ماه», and the alarm window with its two alarms."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.reminders.view import AGENDA, MONTH

    made = []
    tab = window.show_tab("reminders")
    for page, name in ((AGENDA, "reminders-agenda"), (MONTH, "reminders-month")):
        tab.show_page(page)
        QApplication.processEvents()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        made.append(path)
    tab.show_page(AGENDA)
    if controller.scheduler is None:
        controller.start_alarms()
    controller.scheduler.check_now()
    popup = controller.scheduler.popup
    if popup is not None and popup.alarms():
        QApplication.processEvents()
        path = out / "alarm-popup.png"
        popup.grab().save(str(path))
        made.append(path)
        popup.hide()
    return made


def cheque_shots(window, controller, clock, out: Path) -> list[Path]:
    """The cheque tab, one cheque's form with its life, and the status step offered next."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.cheques.views.cheque_dialog import ChequeDialog
    from crm_desktop.cheques.views.status_dialog import StatusDialog

    made = []
    tab = window.show_tab("cheques")
    QApplication.processEvents()
    path = out / "cheques.png"
    window.grab().save(str(path))
    made.append(path)
    deposited = next((r for r in tab.rows() if r is not None and r.status == "deposited"), None)
    if deposited is not None:
        form = ChequeDialog(controller.office, deposited.id, window, clock=clock)
        form.resize(1040, 760)
        form.show()
        QApplication.processEvents()
        path = out / "cheque-form.png"
        form.grab().save(str(path))
        made.append(path)
        step = StatusDialog(controller.office, deposited.id, form, clock=clock, preset="bounced")
        step.reason.setCurrentText("کسری موجودی")
        step.show()
        QApplication.processEvents()
        path = out / "cheque-status.png"
        step.grab().save(str(path))
        made.append(path)
        step.close()
        form.close()
    return made


def file_shots(window, controller, clock, out: Path) -> list[Path]:
    """The files tab on the customers' page, and the file of a customer with interactions (its
    log beside the fields)."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.files.views.file_dialog import FileDialog

    made = []
    tab = window.show_tab("files")
    page = tab.show_page("customer")
    QApplication.processEvents()
    path = out / "files.png"
    window.grab().save(str(path))
    made.append(path)
    office = controller.office
    busiest = max((r for r in page.rows() if r is not None),
                  key=lambda r: (len(office.files.interactions(r.id)), -r.id), default=None)
    if busiest is not None:
        form = FileDialog(office, None, busiest.id, window, clock=clock)
        form.resize(1240, 720)
        form.show()
        QApplication.processEvents()
        path = out / "file-form.png"
        form.grab().save(str(path))
        made.append(path)
        form.close()
    return made


def designer_shots(window, controller, out: Path) -> list[Path]:
    """The layout designer from the cheque tab: the built-in Sayad leaf previewed with the latest
    paid cheque, the amount in words selected in the properties pane."""
    from PySide6.QtWidgets import QApplication

    tab = window.show_tab("cheques")
    designer = tab.open_designer()
    designer.resize(1280, 720)
    if designer.values.count() > 1:
        designer.values.setCurrentIndex(1)
    designer.view.fit()
    designer.canvas.select(2)
    QApplication.processEvents()
    path = out / "designer.png"
    designer.grab().save(str(path))
    designer.close()
    return [path]


def attendance_shots(window, controller, out: Path) -> list[Path]:
    """The attendance tab on last month (a whole one) of the member of staff whose month has the
    most kinds of figures (lateness, early exits, overtime, leave, missions, absence), a day in
    its middle chosen; today's punches beside."""
    from PySide6.QtWidgets import QApplication

    tab = window.show_tab("attendance")
    tab.chooser.step(-1)
    year, month = tab.month()
    office = controller.office

    def variety(file_id: int) -> int:
        _days, t = office.attendance.month(file_id, year, month)
        return sum(1 for v in (t.late, t.early, t.overtime, t.leave, t.mission, t.absent) if v)

    staff = office.attendance.staff()
    if staff:
        tab.show_person(max(staff, key=lambda m: (variety(m.file_id), -m.file_id)).file_id)
        rows = tab.month_page.rows()
        tab.month_page.select_day(rows[len(rows) // 2].day)
    QApplication.processEvents()
    path = out / "attendance.png"
    window.grab().save(str(path))
    return [path]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--contacts", type=int, default=3000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.gettempdir()) / "crm-shots"  # its path shows in the status bar: keep it the same
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.environ["CRM_DESKTOP_HOME"] = str(work / "home")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from crm_desktop.office import Office
    from crm_desktop.preferences import Preferences

    db = work / "office.sqlite3"
    with Office(db) as office:
        from crm_desktop.demo.generate import fill_contacts
        from crm_desktop.demo.phonebook_extras import fill_phonebook_extras
        from crm_desktop.phonebook.repo import update_search_index
        from crm_desktop.reminders.demo import fill_reminders
        from crm_desktop.storage.db import transaction

        with transaction(office.conn):  # the contacts fill_demo makes, dated by the clock (their «تاریخ ثبت»)
            made = fill_contacts(office.conn, args.contacts, seed=7, today=CLOCK.date())
            fill_phonebook_extras(office.conn, made.first_id, made.last_id, 7, now=CLOCK)
            update_search_index(office.conn)

        with transaction(office.conn):
            fill_reminders(office.conn, DEMO_REMINDERS, seed=7, now=CLOCK)
            from crm_desktop.cheques.demo import fill_cheques

            fill_cheques(office.conn, DEMO_CHEQUES, seed=7, now=CLOCK)
            from crm_desktop.files.demo import fill_files

            fill_files(office.conn, DEMO_FILES, seed=7, now=CLOCK)
            from crm_desktop.attendance.demo import fill_attendance

            fill_attendance(office.conn, DEMO_ATTENDANCE_MONTHS, seed=7, now=CLOCK)
        add_alarm_reminders(office)
        office.save_preferences(Preferences(office_name="بازرگانی نمونه آریا"))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from crm_desktop.app import setup_application
    from crm_desktop.shell.controller import AppController

    app = setup_application()
    clock = lambda: CLOCK  # noqa: E731
    controller = AppController(app, db, clock=clock)
    controller.start(single_instance=False)
    window = controller.window
    window.resize(1100, 700)
    shots = []

    def take():
        from crm_desktop.shell.features import FEATURE_TABS

        for index, feature in enumerate(FEATURE_TABS):
            if index and feature.name in SPECIAL_TABS:
                continue
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
        shots.extend(reminder_shots(window, controller, out))
        shots.extend(cheque_shots(window, controller, clock, out))
        shots.extend(designer_shots(window, controller, out))
        shots.extend(file_shots(window, controller, clock, out))
        shots.extend(attendance_shots(window, controller, out))
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
