"""Where things live: the data folder, the default database, bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from crm_desktop import APP_NAME

_APP_AUTHOR = False  # no vendor folder level on Windows


def data_dir() -> Path:
    """The user's data folder (created on demand). CRM_DESKTOP_HOME overrides it (tests, portable use)."""
    override = os.environ.get("CRM_DESKTOP_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    override = os.environ.get("CRM_DESKTOP_HOME")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "crm.sqlite3"


def default_backup_dir(db_path: Path) -> Path:
    """Backups sit in a folder next to the database unless the settings say otherwise."""
    return Path(db_path).resolve().parent / "backups"


def resources_dir() -> Path:
    """The bundled resources: from a PyInstaller build, a checkout, or an installed wheel."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    candidates.append(Path(sys.prefix) / "share" / "crm_desktop")
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    return candidates[-1]


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
