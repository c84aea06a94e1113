"""The app shell as the operator meets it: a right-to-left main window with today's Jalali date,
the tray, the settings dialog, backups from the menu, and a damaged or foreign database."""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from crm_desktop import preferences
from crm_desktop.office import Office
from crm_desktop.ui import dialogs

NOW = datetime(2026, 11, 23, 10, 30)  # Monday, 2 Azar 1405


class MessageRecorder(list):
    """The message boxes shown, in order; ``answer_yes`` says how questions are answered."""

    answer_yes = True


@pytest.fixture
def shown_messages(monkeypatch):
    """Message boxes are recorded and answered instead of blocking the test."""
    seen = MessageRecorder()

    def hook(box: QMessageBox) -> None:
        seen.append(box)
        roles = (QMessageBox.YesRole, QMessageBox.AcceptRole) if seen.answer_yes else (QMessageBox.NoRole,)
        for button in box.buttons():
            if box.buttonRole(button) in roles:
                button.click()
                return
        box.done(0)

    monkeypatch.setattr(dialogs, "exec_hook", hook)
    return seen


@pytest.fixture
def controller(qapp, db_path):
    from crm_desktop.app import setup_application
    from crm_desktop.shell.controller import AppController

    app = setup_application()
    ctl = AppController(app, db_path, clock=lambda: NOW)
    assert ctl.start(single_instance=False)
    yield ctl
    ctl.shutdown()
    app.setLayoutDirection(Qt.LeftToRight)


def test_main_window_is_right_to_left_with_todays_jalali_date(controller, qtbot):
    window = controller.window
    qtbot.waitExposed(window)
    assert QApplication.layoutDirection() == Qt.RightToLeft
    assert window.layoutDirection() == Qt.RightToLeft
    assert window.tabs.tabText(0) == "خانه"
    assert window.date_label.text() == "دوشنبه ۲ آذر ۱۴۰۵"
    assert QApplication.font().family() == "Vazirmatn"
    home = window.findChild(object, "home.today")
    assert home.text() == "دوشنبه ۲ آذر ۱۴۰۵"
    # the database's path reads left to right in the status bar («/tmp/…», not «tmp/…/»)
    assert window.db_label.text() == f"\u2066{controller.office.path}\u2069"


def test_home_tab_counts_contacts_in_persian_digits_and_refreshes(controller, qtbot):
    from crm_desktop.demo.generate import fill_contacts

    label = controller.window.findChild(object, "home.contacts")
    assert label.text() == "۰"
    fill_contacts(controller.office.conn, 1234, seed=3)
    controller.office.notify({"contacts"})
    assert label.text() == "۱٬۲۳۴"


def test_closing_the_window_keeps_the_app_in_the_tray(controller, qtbot):
    from crm_desktop.app import app_icon
    from crm_desktop.shell.tray import Tray

    window = controller.window
    window.keep_running_in_tray = True
    tray = Tray(app_icon())
    tray.showRequested.connect(window.bring_forward)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.assertNotEmitted(window.quitRequested):
        window.close()
    assert not window.isVisible()
    assert controller.office is not None
    tray.show_action.trigger()
    assert window.isVisible()
    with qtbot.waitSignal(tray.quitRequested):
        tray.quit_action.trigger()
    assert [a.text() for a in tray.contextMenu().actions() if a.text()] == ["نمایش پنجره", "خروج"]


def test_without_a_tray_closing_the_window_quits(controller, qtbot):
    window = controller.window
    window.keep_running_in_tray = False
    with qtbot.waitSignal(window.quitRequested):
        window.close()


def test_settings_dialog_saves_preferences_and_retitles_the_window(controller, qtbot, tmp_path):
    from crm_desktop.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(controller.office, controller.window)
    qtbot.addWidget(dialog)
    dialog.office_name.setText("بازرگانی آریا")
    dialog.money_unit.setCurrentIndex(dialog.money_unit.findData("toman"))
    dialog.font_size.setValue(12)
    dialog.keep_daily.setValue(10)
    dialog.backup_dir.setText(str(tmp_path / "پشتیبان‌ها"))
    dialog.save_button.click()
    assert dialog.result() == QDialog.Accepted
    prefs = controller.office.preferences
    assert (prefs.office_name, prefs.money_unit, prefs.font_size, prefs.keep_daily) == ("بازرگانی آریا", "toman", 12, 10)
    assert controller.office.backup_folder() == tmp_path / "پشتیبان‌ها"
    assert (tmp_path / "پشتیبان‌ها").is_dir()
    assert "بازرگانی آریا" in controller.window.windowTitle()
    assert controller.window.findChild(object, "home.office").text() == "بازرگانی آریا"
    # remembered on this PC too, so a damaged database still finds its backups
    assert preferences.remembered_backup_folder(controller.db_path) == tmp_path / "پشتیبان‌ها"


def test_settings_dialog_refuses_a_backup_folder_it_cannot_make(controller, qtbot, tmp_path):
    from crm_desktop.shell.settings_dialog import SettingsDialog

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog = SettingsDialog(controller.office, controller.window)
    qtbot.addWidget(dialog)
    dialog.office_name.setText("نباید ذخیره شود")
    dialog.backup_dir.setText(str(blocker / "backups"))
    dialog.save_button.click()
    assert dialog.result() != QDialog.Accepted
    assert "پوشه پشتیبان" in dialog.error_label.text()
    assert controller.office.preferences.office_name == ""


def test_settings_dialog_turns_start_with_the_system_on_and_off(controller, qtbot, tmp_path, monkeypatch):
    from crm_desktop import autostart
    from crm_desktop.shell.settings_dialog import SettingsDialog

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    dialog = SettingsDialog(controller.office, controller.window)
    qtbot.addWidget(dialog)
    assert not dialog.autostart.isChecked()
    dialog.autostart.setChecked(True)
    dialog.save_button.click()
    entry = tmp_path / "xdg" / "autostart" / "crm-desktop.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "-m crm_desktop" in text and "gui --minimized" in text
    assert str(controller.db_path.resolve()) in text  # the app runs on a --db file, not the default
    assert autostart.is_enabled()
    again = SettingsDialog(controller.office, controller.window)
    qtbot.addWidget(again)
    assert again.autostart.isChecked()
    again.autostart.setChecked(False)
    again.save_button.click()
    assert not entry.exists()


def test_backup_now_from_the_menu_writes_a_checked_backup(controller, qtbot, shown_messages):
    from crm_desktop.storage.backup import list_backups

    controller.window.backup_action.trigger()
    folder = controller.office.backup_folder()
    qtbot.waitUntil(lambda: any(m.icon() == QMessageBox.Information for m in shown_messages), timeout=15000)
    backups = list_backups(folder)
    assert len(backups) == 1 and backups[0].digest_ok
    assert "پشتیبان گرفته شد" in shown_messages[-1].text()
    assert controller.window.findChild(object, "home.last_backup").text().endswith(f"{backups[0].path.name}\u2069")


def test_a_foreign_file_is_refused_in_persian_and_left_untouched(qapp, tmp_path, shown_messages):
    from crm_desktop.shell.startup import open_office

    foreign = tmp_path / "letter.sqlite3"
    foreign.write_bytes("نامه اداری، نه پایگاه داده".encode("utf-8") * 50)
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    assert open_office(foreign) is None
    assert "پایگاه داده این برنامه نیست" in shown_messages[-1].text()
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before


def test_a_damaged_database_offers_the_latest_good_backup(qapp, tmp_path, shown_messages):
    from crm_desktop.demo.generate import fill_contacts
    from crm_desktop.shell.startup import open_office
    from crm_desktop.storage.backup import backup_database

    db = tmp_path / "office.sqlite3"
    with Office(db) as office:
        fill_contacts(office.conn, 300, seed=5)
        office.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup_database(db, kind="daily")
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # wreck the schema page
    db.write_bytes(bytes(data))
    shown_messages.answer_yes = True
    office = open_office(db)
    assert office is not None, [m.text() for m in shown_messages]
    assert "آسیب دیده" in shown_messages[0].text()
    assert office.contact_count() == 300
    office.close()
    assert list(tmp_path.glob("office.sqlite3.replaced-*")), "the damaged file is kept beside it"


def test_a_damaged_database_without_backups_is_explained(qapp, tmp_path, shown_messages):
    from crm_desktop.shell.startup import open_office

    db = tmp_path / "office.sqlite3"
    Office(db).close()
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\x00\xff" * ((4096 - 100) // 2)
    db.write_bytes(bytes(data))
    assert open_office(db) is None
    assert "پشتیبان سالمی" in shown_messages[-1].text() or "این برنامه نیست" in shown_messages[-1].text()


def test_single_instance_second_claim_activates_the_first(qapp, qtbot, tmp_path):
    from crm_desktop.shell.single_instance import SingleInstance

    first = SingleInstance(tmp_path / "a.sqlite3")
    assert first.claim()
    other_db = SingleInstance(tmp_path / "b.sqlite3")
    assert other_db.claim(), "another database is another instance"
    second = SingleInstance(tmp_path / "a.sqlite3")
    with qtbot.waitSignal(first.activationRequested, timeout=5000):
        assert not second.claim()
    first.close()
    other_db.close()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_damage_found_by_the_start_up_check_leads_to_a_restore(qapp, qtbot, tmp_path, shown_messages):
    """Data pages wrecked behind an intact schema: the file opens, the check after the first
    paint finds the damage, and the operator is offered the latest good backup."""
    from crm_desktop.app import setup_application
    from crm_desktop.demo.generate import fill_contacts
    from crm_desktop.shell.controller import AppController
    from crm_desktop.storage.backup import backup_database

    db = tmp_path / "office.sqlite3"
    with Office(db) as office:
        fill_contacts(office.conn, 2000, seed=5)
        office.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup_database(db, kind="daily")
    data = bytearray(db.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle:middle + 4096 * 4] = b"\xde\xad\xbe\xef" * 4096
    db.write_bytes(bytes(data))

    ctl = AppController(setup_application(), db, clock=lambda: NOW)
    assert ctl.start(single_instance=False)
    try:
        qtbot.waitUntil(lambda: any("بازگردانی انجام شد" in m.text() for m in shown_messages), timeout=20000)
        assert "آسیب دیده" in shown_messages[0].text()
        assert ctl.office.contact_count() == 2000
        assert ctl.window.findChild(object, "home.contacts").text() == "۲٬۰۰۰"
        from crm_desktop.storage.check import check_database

        assert check_database(db).ok
    finally:
        ctl.shutdown()


def test_choosing_another_database_file_takes_effect_at_next_start(controller, qtbot, tmp_path):
    from crm_desktop.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(controller.office, controller.window)
    qtbot.addWidget(dialog)
    assert dialog.db_path.text() == str(controller.db_path), "shows the file the app is running on"
    dialog.db_path.setText(str(tmp_path / "دفتر دوم.sqlite3"))
    dialog.save_button.click()
    assert dialog.restart_needed
    assert preferences.configured_db_path() == (tmp_path / "دفتر دوم.sqlite3").resolve()


def test_the_app_backs_up_by_itself_once_a_day(controller, qtbot):
    from crm_desktop.storage.backup import list_backups

    controller.auto_backup()
    folder = controller.office.backup_folder()
    qtbot.waitUntil(lambda: len(list_backups(folder, verify=False)) == 1, timeout=15000)
    controller.auto_backup()  # the same day: nothing more
    from crm_desktop.ui.ops import default_runner

    default_runner().wait(15000)
    backups = list_backups(folder)
    assert len(backups) == 1 and backups[0].kind in ("daily", "weekly") and backups[0].digest_ok


def test_a_read_only_database_gets_a_persian_message(qapp, tmp_path, shown_messages, monkeypatch):
    import os

    from crm_desktop.shell.startup import open_office

    db = tmp_path / "office.sqlite3"
    Office(db).close()
    before = db.read_bytes()
    real_access = os.access
    # the tests may run as root, where chmod does not stop writes: deny through os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode & os.W_OK else real_access(p, mode))
    assert open_office(db) is None
    assert "فقط‌خواندنی" in shown_messages[-1].text()
    assert db.read_bytes() == before


def test_windows_start_with_the_system_uses_the_run_key(monkeypatch, tmp_path):
    """On Windows the Run key holds the launch command; checked here with a stand-in registry."""
    import sys
    import types

    from crm_desktop import autostart

    values: dict = {}

    class Key:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    fake = types.SimpleNamespace(
        HKEY_CURRENT_USER="HKCU", REG_SZ=1, KEY_SET_VALUE=2,
        OpenKey=lambda root, path, *a: Key(),
        CreateKey=lambda root, path: Key(),
        SetValueEx=lambda key, name, reserved, kind, value: values.__setitem__(name, value),
        QueryValueEx=lambda key, name: (values[name], 1) if name in values else (_ for _ in ()).throw(OSError()),
        DeleteValue=lambda key, name: values.pop(name),
    )
    monkeypatch.setitem(sys.modules, "winreg", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    assert not autostart.is_enabled()
    autostart.enable(tmp_path / "office.sqlite3")
    command = values[autostart.VALUE_NAME]
    assert "-m crm_desktop" in command and "--minimized" in command and "office.sqlite3" in command
    assert autostart.is_enabled()
    autostart.disable()
    assert not autostart.is_enabled()


def test_tabs_other_than_the_first_are_built_when_first_opened(controller, qtbot):
    window = controller.window
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())][:2] == ["خانه", "دفتر تلفن"]
    assert window.findChild(QWidget, "phonebook") is None, "not built before the operator opens it"
    window.tabs.setCurrentIndex(1)
    assert window.findChild(QWidget, "phonebook") is not None
    assert window.tab("phonebook") is window.findChild(QWidget, "phonebook")
