"""The running app: owns the office, the main window, the tray, the database lock and the
single-instance server, and carries out the maintenance actions (backup, restore, settings)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QSystemTrayIcon

from crm_desktop.storage.lock import DatabaseLock
from crm_desktop.ui.dialogs import confirm, show_error, show_info

AUTO_BACKUP_CHECK_MS = 60 * 60 * 1000  # look once an hour whether the daily backup is due


class AppController(QObject):
    def __init__(self, app: QApplication, db_path: Path, clock: Callable[[], datetime] = datetime.now):
        super().__init__()
        self.app = app
        self.db_path = Path(db_path)
        self.clock = clock
        self.exit_code = 0
        self.office = None
        self.window = None
        self.tray = None
        self.events = None
        self.lock = None
        self.instance = None
        self.scheduler = None
        self._backup_timer = QTimer(self)
        self._backup_timer.timeout.connect(self.auto_backup)

    # --- start and stop -------------------------------------------------------------------------
    def start(self, minimized: bool = False, single_instance: bool = True) -> bool:
        from crm_desktop.logs import setup_logging
        from crm_desktop.shell.single_instance import SingleInstance

        self.log = setup_logging()
        if single_instance:
            self.instance = SingleInstance(self.db_path, self)
            if not self.instance.claim():
                self.log.info("already running on %s: asked it to come forward", self.db_path)
                return False  # the running app was asked to come forward
        self.lock = DatabaseLock(self.db_path)
        if not self.lock.try_acquire():
            show_error(None, "این پایگاه داده هم‌اکنون در برنامه دیگری باز است؛ همان را به کار ببرید.")
            self.exit_code = 3
            return False
        if not self._open_office():
            self.exit_code = 3
            self.lock.release()
            return False
        self._build_window()
        if self.instance is not None:
            self.instance.activationRequested.connect(self._on_activation)
        self.log.info("started on %s", self.db_path)
        if not (minimized and self.tray is not None):
            self.window.show()
        else:
            self._after_first_paint()
        self._backup_timer.start(AUTO_BACKUP_CHECK_MS)
        return True

    def _on_activation(self) -> None:
        self.log.info("a second launch asked for the window")
        self.window.bring_forward()

    def _open_office(self) -> bool:
        from crm_desktop.shell.startup import open_office

        self.office = open_office(self.db_path)
        if self.office is not None:
            self.office.clock = self.clock  # before any repository is built: they take it
        return self.office is not None

    def _build_window(self) -> None:
        from crm_desktop.app import apply_font_size, app_icon
        from crm_desktop.shell.events import OfficeEvents
        from crm_desktop.shell.main_window import MainWindow
        from crm_desktop.shell.tray import Tray

        apply_font_size(self.app, self.office.preferences.font_size)
        self.events = OfficeEvents(self.office, self)
        self.window = MainWindow(self.office, self.events, self.clock)
        self.window.on_first_paint = self._after_first_paint
        self.window.quitRequested.connect(self.quit)
        self.window.backupRequested.connect(self.backup_now)
        self.window.restoreRequested.connect(self.restore_from_file)
        self.window.settingsRequested.connect(self.open_settings)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = Tray(app_icon(), self)
            self.tray.showRequested.connect(self.window.bring_forward)
            self.tray.quitRequested.connect(self.quit)
            self.tray.show()
            self.window.keep_running_in_tray = True

    def _after_first_paint(self) -> None:
        """Work that must not delay the first paint: the start-up check, the daily backup."""
        from crm_desktop.storage.check import check_database
        from crm_desktop.ui.ops import run_op

        run_op(self.window, "بررسی پایگاه داده", lambda path, _progress: check_database(path, quick=True),
               self.db_path, self._on_checked, self._log_failure, show_dialog=False)
        QTimer.singleShot(3000, self.auto_backup)
        self.start_alarms()

    # --- alarms ---------------------------------------------------------------------------------
    def start_alarms(self) -> None:
        """The reminder alarms: what was missed while closed is listed once, what is due pops up,
        then they ring on time, with the main window shown or hidden in the tray."""
        from crm_desktop.reminders.views.scheduler import AlarmScheduler

        if self.scheduler is not None or self.office is None:
            return
        self.scheduler = AlarmScheduler(self.office, self.clock, self)
        self.scheduler.openReminder.connect(self.open_reminder)
        self.scheduler.openContact.connect(self.open_contact)
        if self.tray is not None:
            self.scheduler.nextAlarmChanged.connect(self.tray.set_next_alarm)
        self.scheduler.start()

    def open_reminder(self, reminder_id: int) -> None:
        """«باز کردن» in an alarm window: the reminder in its tab; one made by another record opens
        that record — a cheque's due alert the cheque, a follow-up or an interview the file."""
        from crm_desktop.cheques.alerts import SOURCE as CHEQUE_SOURCE

        self.window.bring_forward()
        reminder = self.office.reminders.get(reminder_id)
        source, source_id = (reminder.source, reminder.source_id) if reminder is not None else ("", None)
        if source == CHEQUE_SOURCE and source_id is not None:
            self.window.show_tab("cheques").open_cheque(source_id)
            return
        if source in ("follow_up", "interview") and source_id is not None:
            file_id = self.office.files.file_of_interaction(source_id) if source == "follow_up" else source_id
            if file_id is not None and self.office.files.get(file_id) is not None:
                self.window.show_tab("files").open_file(file_id)
                return
        self.window.show_tab("reminders").open_reminder(reminder_id)

    def open_contact(self, contact_id: int) -> None:
        """A contact's link in an alarm window: the phonebook's contact card."""
        self.window.bring_forward()
        self.window.tab("phonebook").open_contact(contact_id)

    def _on_checked(self, report) -> None:
        """A failed start-up check leads the operator to the latest good backup."""
        from crm_desktop.shell.startup import ask_to_restore

        if report.ok:
            return
        self.log.error("start-up check failed: %s", report.message)
        problem = "بررسی پایگاه داده هنگام شروع نشان داد که پرونده آسیب دیده است."
        backup = ask_to_restore(self.db_path, problem, self.window)
        if backup is not None:
            self.restore(backup)

    def quit(self) -> bool:
        """«خروج»: the main window's other open windows are closed first and may refuse (the
        layout designer asks about unsaved changes); if one stays open, the app keeps running.
        (The main window's own children only: QApplication.topLevelWidgets() can hand back a
        widget Qt is deleting, and touching it crashes PySide6.)"""
        from PySide6.QtWidgets import QWidget
        from shiboken6 import isValid

        if self.window is not None:
            windows = [w for w in self.window.findChildren(QWidget) if w.isWindow() and w.isVisible()]
            for widget in windows:
                if isValid(widget) and widget.isVisible() and not widget.close():  # an earlier close may delete it
                    return False
        self.app.quit()
        return True

    def shutdown(self) -> None:
        from crm_desktop.ui.ops import default_runner

        self._backup_timer.stop()
        if self.scheduler is not None:
            self.scheduler.stop()
        default_runner().wait(30_000)  # a backup under way finishes before the database closes
        if getattr(self, "log", None):
            self.log.info("stopped")
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.keep_running_in_tray = False
            self.window.close()
        if self.office is not None:
            self.office.close()
            self.office = None
        if self.lock is not None:
            self.lock.release()
        if self.instance is not None:
            self.instance.close()

    # --- maintenance ----------------------------------------------------------------------------
    def auto_backup(self) -> None:
        from crm_desktop.storage.backup import auto_backup_if_due
        from crm_desktop.ui.ops import run_op

        if self.office is None:
            return
        prefs = self.office.preferences
        if not prefs.auto_backup:
            return
        folder, path, now = self.office.backup_folder(), self.db_path, self.clock()
        run_op(
            self.window, "پشتیبان خودکار",
            lambda _args, _progress: auto_backup_if_due(path, folder, now, prefs.keep_daily, prefs.keep_weekly),
            None,
            lambda info: info is not None and self.office is not None and self.office.notify({"backups"}),
            self._log_failure, show_dialog=False,
        )

    def _log_failure(self, error: BaseException) -> None:
        self.log.warning("background work failed: %s", error)

    def backup_now(self) -> None:
        from crm_desktop.storage.backup import backup_database, rotate_backups
        from crm_desktop.ui.ops import run_op

        prefs = self.office.preferences
        folder = self.office.backup_folder()

        def work(args, progress):
            progress(0, 1, "در حال پشتیبان‌گیری…")
            info = backup_database(args["path"], args["folder"], kind="manual")
            rotate_backups(args["folder"], prefs.keep_daily, prefs.keep_weekly, database=Path(args["path"]).stem)
            progress(1, 1, "پشتیبان آماده شد")
            return info

        def done(info):
            self.office.notify({"backups"})
            show_info(self.window, f"پشتیبان گرفته شد:\n\u2068{info.path}\u2069")

        run_op(self.window, "پشتیبان‌گیری", work, {"path": self.db_path, "folder": folder}, done,
                      lambda error: show_error(self.window, error))

    def restore_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "بازگردانی از پشتیبان", str(self.office.backup_folder()),
            "پشتیبان (*.sqlite3 *.db);;همه پرونده‌ها (*)",
        )
        if path and confirm(self.window, "اطلاعات کنونی با این پشتیبان جایگزین شود؟ پرونده کنونی کنار آن نگه داشته می‌شود."):
            self.restore(Path(path))

    def restore(self, backup: Path) -> bool:
        """Replace the open database with ``backup`` (checked first; the old file is kept)."""
        from crm_desktop.storage.db import StorageError
        from crm_desktop.storage.restore import restore_database

        if self.scheduler is not None:
            self.scheduler.stop()  # no alarm reads the database while it is replaced
        self.office.close()
        self.lock.release()
        try:
            restore_database(self.db_path, Path(backup))
            ok = True
        except StorageError as error:
            ok = False
            show_error(self.window, error)
        finally:
            self.lock.try_acquire()
            self._reopen()
            if self.scheduler is not None:
                self.scheduler.start()
        if ok:
            self.log.info("restored %s from %s", self.db_path, backup)
            show_info(self.window, "بازگردانی انجام شد.")
        return ok

    def _reopen(self) -> None:
        from crm_desktop.office import Office

        fresh = Office(self.db_path)
        self.office.conn = fresh.conn  # tabs keep their reference to the same Office object
        self.office.notify({"*", "contacts", "settings", "backups"})

    def open_settings(self) -> None:
        from crm_desktop.app import apply_font_size
        from crm_desktop.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.office, self.window)
        if dialog.exec():
            apply_font_size(self.app, self.office.preferences.font_size)
            if dialog.restart_needed:
                show_info(self.window, "پایگاه داده تازه پس از بستن و باز کردن دوباره برنامه به کار می‌رود.")
