"""The operator's preferences (no Qt).

Two homes: what belongs to the office's data (office name, money unit, backup folder and
rotation, font size) lives in the database's ``settings`` table and travels with backups; what
belongs to this PC (which database file to open) lives in ``config.json`` in the config folder.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from crm_desktop.core.digits import to_persian
from crm_desktop.errors import ValidationError
from crm_desktop.paths import config_dir, default_db_path
from crm_desktop.storage import settings as store

MONEY_UNITS = ("rial", "toman")
FONT_SIZES = range(8, 21)
MAX_OFFICE_NAME = 200
_SOUND_KEY = re.compile(r"[a-z0-9_\-]{1,40}")


@dataclass
class Preferences:
    office_name: str = ""
    money_unit: str = "rial"
    font_size: int = 10
    backup_dir: str = ""  # empty: the "backups" folder beside the database
    keep_daily: int = 7
    keep_weekly: int = 4
    auto_backup: bool = True
    alarm_sound: str = "bell"  # a bundled sound's key (resources/sounds/<key>.wav)
    alarm_volume: int = 80  # 0-100
    alarm_silent: bool = False  # alarms pop up without a sound

    def validate(self) -> None:
        if self.money_unit not in MONEY_UNITS:
            raise ValidationError(f"unknown money unit {self.money_unit!r}", "واحد پول باید ریال یا تومان باشد.", "واحد پول")
        if self.font_size not in FONT_SIZES:
            raise ValidationError(
                f"font size must be 8 to 20, not {self.font_size}", "اندازه قلم باید بین ۸ تا ۲۰ باشد.", "اندازه قلم"
            )
        for name, label in (("keep_daily", "تعداد پشتیبان روزانه"), ("keep_weekly", "تعداد پشتیبان هفتگی")):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 365:
                raise ValidationError(f"{name} must be 1 to 365", f"{label} باید بین ۱ تا ۳۶۵ باشد.", label)
        if not isinstance(self.alarm_sound, str) or not _SOUND_KEY.fullmatch(self.alarm_sound):
            raise ValidationError(f"unknown alarm sound {self.alarm_sound!r}", "صدای هشدار شناخته نیست.", "صدای هشدار")
        if isinstance(self.alarm_volume, bool) or not isinstance(self.alarm_volume, int) \
                or not 0 <= self.alarm_volume <= 100:
            raise ValidationError("alarm volume must be 0 to 100", "بلندی صدای هشدار باید بین ۰ تا ۱۰۰ باشد.",
                                  "بلندی صدا")
        if not isinstance(self.alarm_silent, bool):
            raise ValidationError("alarm_silent must be true or false", "بی‌صدا بودن هشدار درست نیست.", "بی‌صدا")
        if len(self.office_name) > MAX_OFFICE_NAME:
            raise ValidationError(f"the office name is longer than {MAX_OFFICE_NAME} characters",
                                  f"نام دفتر بیش از {to_persian(MAX_OFFICE_NAME)} نویسه است.", "نام دفتر")


def load(conn) -> Preferences:
    prefs = Preferences()
    for field in fields(Preferences):
        value = store.get(conn, f"pref.{field.name}", getattr(prefs, field.name))
        setattr(prefs, field.name, value)
    return prefs


def save(conn, prefs: Preferences) -> None:
    """Validate and store every preference in one transaction."""
    from crm_desktop.storage.db import transaction

    prefs.validate()
    with transaction(conn):
        for key, value in asdict(prefs).items():
            store.set(conn, f"pref.{key}", value)


def remember_backup_folder(db_path, folder) -> None:
    """Keep each database's backup folder on this PC too: when the database itself is damaged,
    its settings cannot be read, and the start-up check must still find the backups."""
    config = read_config()
    folders = config.setdefault("backup_dirs", {})
    folders[str(Path(db_path).resolve())] = str(folder)
    write_config(config)


def remembered_backup_folder(db_path) -> Path | None:
    folder = read_config().get("backup_dirs", {}).get(str(Path(db_path).resolve()))
    return Path(folder) if folder else None


def backup_folder(prefs: Preferences, db_path) -> Path:
    from crm_desktop.paths import default_backup_dir

    return Path(prefs.backup_dir) if prefs.backup_dir else default_backup_dir(Path(db_path))


# --- this PC's config -------------------------------------------------------------------------


def _config_file() -> Path:
    return config_dir() / "config.json"


def read_config() -> dict:
    try:
        return json.loads(_config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_config(config: dict) -> None:
    """Atomic write, so a crash never leaves a half-written config."""
    target = _config_file()
    temp = target.with_suffix(".tmp")
    temp.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temp, target)


def configured_db_path() -> Path:
    """The database this PC opens when no --db is given."""
    path = read_config().get("db_path")
    return Path(path) if path else default_db_path()


def set_configured_db_path(path) -> None:
    config = read_config()
    config["db_path"] = str(Path(path).resolve())
    write_config(config)
