"""تنظیمات: the database file, backups, money unit, font size, office name, start with the system,
and «زنگ یادآوری» (the alarm's sound, volume, silent, with «آزمایش» to hear it)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop import autostart, preferences
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.reminders.views.bell import DEFAULT_SOUND, SOUNDS, Bell

UNIT_LABELS = {"rial": "ریال", "toman": "تومان"}


def _path_row(line: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(line, 1)
    layout.addWidget(button)
    return row


class SettingsDialog(QDialog):
    """Edits a copy of the preferences; nothing is stored until «ذخیره» and validation pass.
    ``bell_factory`` makes the bell «آزمایش» rings (tests pass a fake: no sound card needed)."""

    def __init__(self, office, parent=None, *, bell_factory=Bell):
        super().__init__(parent)
        self.office = office
        self._bell_factory = bell_factory
        self.bell = None
        self.setWindowTitle("تنظیمات")
        self.setObjectName("settings")
        self.setMinimumWidth(620)
        prefs = office.preferences
        self.restart_needed = False

        self.office_name = QLineEdit(prefs.office_name)
        self.office_name.setObjectName("settings.office_name")
        self.office_name.setPlaceholderText("نامی که بالای گزارش‌ها چاپ می‌شود")

        self.db_path = QLineEdit(str(office.path))
        self.db_path.setObjectName("settings.db_path")
        self.db_path.setLayoutDirection(Qt.LeftToRight)
        db_button = QPushButton("انتخاب…")
        db_button.setObjectName("settings.db_browse")
        db_button.clicked.connect(self._choose_db)

        self.backup_dir = QLineEdit(str(office.backup_folder()))
        self.backup_dir.setObjectName("settings.backup_dir")
        self.backup_dir.setLayoutDirection(Qt.LeftToRight)
        backup_button = QPushButton("انتخاب…")
        backup_button.setObjectName("settings.backup_browse")
        backup_button.clicked.connect(self._choose_backup_dir)

        self.auto_backup = QCheckBox("هر روز خودکار پشتیبان بگیر")
        self.auto_backup.setObjectName("settings.auto_backup")
        self.auto_backup.setChecked(prefs.auto_backup)
        self.keep_daily = self._spin("settings.keep_daily", 1, 365, prefs.keep_daily)
        self.keep_weekly = self._spin("settings.keep_weekly", 1, 365, prefs.keep_weekly)

        self.money_unit = QComboBox()
        self.money_unit.setObjectName("settings.money_unit")
        for key, label in UNIT_LABELS.items():
            self.money_unit.addItem(label, key)
        self.money_unit.setCurrentIndex(max(0, self.money_unit.findData(prefs.money_unit)))

        self.font_size = self._spin("settings.font_size", 8, 20, prefs.font_size)

        self.autostart = QCheckBox("اجرای برنامه همراه با روشن شدن رایانه")
        self.autostart.setObjectName("settings.autostart")
        self.autostart.setToolTip("تا یادآوری‌ها و هشدار سررسید چک‌ها پس از روشن شدن رایانه هم به موقع زنگ بزنند.")
        self.autostart.setChecked(autostart.is_enabled())

        self.error_label = QLabel()
        self.error_label.setObjectName("settings.error")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("نام دفتر:", self.office_name)
        form.addRow("پرونده پایگاه داده:", _path_row(self.db_path, db_button))
        form.addRow("پوشه پشتیبان:", _path_row(self.backup_dir, backup_button))
        form.addRow("", self.auto_backup)
        form.addRow("نگهداری پشتیبان روزانه:", self.keep_daily)
        form.addRow("نگهداری پشتیبان هفتگی:", self.keep_weekly)
        form.addRow("نمایش مبلغ به:", self.money_unit)
        form.addRow("اندازه قلم:", self.font_size)
        form.addRow("", self.autostart)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("ذخیره", QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("settings.save")
        cancel = buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        cancel.setObjectName("settings.cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._alarm_box(prefs))
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def _alarm_box(self, prefs) -> QGroupBox:
        """«زنگ یادآوری»: which bundled sound, how loud, or silent; «آزمایش» rings it as set."""
        box = QGroupBox("زنگ یادآوری")
        box.setObjectName("settings.alarm")
        self.alarm_sound = QComboBox()
        self.alarm_sound.setObjectName("settings.alarm_sound")
        for key, label in SOUNDS.items():
            self.alarm_sound.addItem(label, key)
        self.alarm_sound.setCurrentIndex(max(0, self.alarm_sound.findData(getattr(prefs, "alarm_sound", DEFAULT_SOUND))))
        self.alarm_test = QPushButton("آزمایش")
        self.alarm_test.setObjectName("settings.alarm_test")
        self.alarm_test.setToolTip("زنگ را همان‌گونه که تنظیم شده بشنوید")
        self.alarm_test.clicked.connect(self.test_alarm)
        self.alarm_volume = QSlider(Qt.Horizontal)
        self.alarm_volume.setObjectName("settings.alarm_volume")
        self.alarm_volume.setRange(0, 100)
        self.alarm_volume.setSingleStep(5)
        self.alarm_volume.setPageStep(10)
        self.alarm_volume.setValue(int(getattr(prefs, "alarm_volume", 80)))
        self.alarm_volume_label = QLabel()
        self.alarm_volume_label.setObjectName("settings.alarm_volume_label")
        self.alarm_volume_label.setMinimumWidth(self.alarm_volume_label.fontMetrics().horizontalAdvance("۱۰۰٪") + 8)
        self.alarm_volume.valueChanged.connect(self._show_volume)
        self._show_volume(self.alarm_volume.value())
        self.alarm_silent = QCheckBox("بی‌صدا (پنجره یادآوری بدون زنگ باز می‌شود)")
        self.alarm_silent.setObjectName("settings.alarm_silent")
        self.alarm_silent.toggled.connect(self._on_silent)
        self.alarm_silent.setChecked(bool(getattr(prefs, "alarm_silent", False)))
        self._on_silent(self.alarm_silent.isChecked())
        sound_row = QWidget()
        row = QHBoxLayout(sound_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.alarm_sound, 1)
        row.addWidget(self.alarm_test)
        volume_row = QWidget()
        row = QHBoxLayout(volume_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.alarm_volume, 1)
        row.addWidget(self.alarm_volume_label)
        form = QFormLayout(box)
        form.addRow("صدای زنگ:", sound_row)
        form.addRow("بلندی صدا:", volume_row)
        form.addRow("", self.alarm_silent)
        from crm_desktop.cheques.alerts import MAX_DAYS, alert_days

        self.cheque_days = self._spin("settings.cheque_alert_days", 0, MAX_DAYS, alert_days(self.office.conn))
        self.cheque_days.setSuffix(" روز پیش از سررسید، و روز سررسید")
        self.cheque_days.setToolTip("هشدار چک‌های دریافتی نزد صندوق یا در جریان وصول و چک‌های پرداختی صادرشده؛ "
                                    "۰ یعنی فقط روز سررسید")
        form.addRow("هشدار سررسید چک:", self.cheque_days)
        return box

    def _show_volume(self, value: int) -> None:
        self.alarm_volume_label.setText(f"{to_persian(value)}٪")

    def _on_silent(self, silent: bool) -> None:
        for widget in (self.alarm_sound, self.alarm_volume, self.alarm_volume_label, self.alarm_test):
            widget.setEnabled(not silent)

    def _save_cheque_days(self) -> None:
        from crm_desktop.cheques.alerts import alert_days, change_alert_days

        if self.cheque_days.value() != alert_days(self.office.conn):
            change_alert_days(self.office, self.cheque_days.value())

    def test_alarm(self) -> str:
        """Ring the bell as the fields say now (saved or not); returns what the bell did."""
        if self.bell is None:
            self.bell = self._bell_factory()
        self.bell.configure(volume=self.alarm_volume.value(), sound=self.alarm_sound.currentData(),
                            silent=self.alarm_silent.isChecked())
        return self.bell.ring()

    @staticmethod
    def _spin(name: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def _choose_db(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "پرونده پایگاه داده", self.db_path.text(), "پایگاه داده (*.sqlite3 *.db);;همه پرونده‌ها (*)",
            options=QFileDialog.DontConfirmOverwrite,
        )
        if path:
            self.db_path.setText(path)

    def _choose_backup_dir(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "پوشه پشتیبان", self.backup_dir.text())
        if path:
            self.backup_dir.setText(path)

    def collected(self) -> preferences.Preferences:
        backup_dir = self.backup_dir.text().strip()
        default_dir = str(preferences.backup_folder(preferences.Preferences(), self.office.path))
        alarm = {"alarm_sound": self.alarm_sound.currentData(), "alarm_volume": self.alarm_volume.value(),
                 "alarm_silent": self.alarm_silent.isChecked()}
        prefs = replace(self.office.preferences, **{k: v for k, v in alarm.items() if hasattr(self.office.preferences, k)})
        return replace(
            prefs,
            office_name=self.office_name.text().strip(),
            money_unit=self.money_unit.currentData(),
            font_size=self.font_size.value(),
            backup_dir="" if backup_dir in ("", default_dir) else backup_dir,
            keep_daily=self.keep_daily.value(),
            keep_weekly=self.keep_weekly.value(),
            auto_backup=self.auto_backup.isChecked(),
        )

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def accept(self) -> None:
        prefs = self.collected()
        if prefs.backup_dir:
            folder = Path(prefs.backup_dir)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                self._show_error(f"پوشه پشتیبان «\u2068{folder}\u2069» ساخته نمی‌شود؛ پوشه دیگری انتخاب کنید.")
                return
        try:
            self.office.save_preferences(prefs)
            self._save_cheque_days()
        except UserError as error:
            self._show_error(error.fa)
            return
        new_db = self.db_path.text().strip()
        if new_db and Path(new_db).resolve() != self.office.path.resolve():
            preferences.set_configured_db_path(new_db)
            self.restart_needed = True
        try:
            if self.autostart.isChecked() != autostart.is_enabled():
                own_db = self.office.path.resolve() != preferences.configured_db_path().resolve()
                autostart.set_enabled(self.autostart.isChecked(), self.office.path if own_db else None)
        except OSError:
            self._show_error("تنظیم اجرای خودکار همراه با سیستم ممکن نشد.")
            return
        super().accept()
