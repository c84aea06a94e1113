"""A tiny key-value store over the ``settings`` table; values are JSON.

What belongs to the office's data (office name, money unit, backup folder and rotation, font
size) lives here and so travels with every backup. ``crm_desktop.preferences`` gives it shape
and validation; the keys below are the ones storage itself reads (the backup command).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from crm_desktop.storage.db import transaction

# Keys written by crm_desktop.preferences (``pref.<field>``) that storage reads.
BACKUP_DIR = "pref.backup_dir"
KEEP_DAILY = "pref.keep_daily"
KEEP_WEEKLY = "pref.keep_weekly"
AUTO_BACKUP = "pref.auto_backup"

def get(conn: sqlite3.Connection, key: str, default: Any = None) -> Any:
    """The stored value, or ``default`` when the key is absent or its text is not valid JSON."""
    row = conn.execute("SELECT value FROM settings WHERE key = :key", {"key": key}).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        return default


def set(conn: sqlite3.Connection, key: str, value: Any) -> None:  # noqa: A001 - the natural name
    """Store ``value`` (anything ``json.dumps`` takes). Joins the caller's transaction if any."""
    text = json.dumps(value, ensure_ascii=False)
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (:key, :value) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {"key": key, "value": text},
        )


def delete(conn: sqlite3.Connection, key: str) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM settings WHERE key = :key", {"key": key})


def get_all(conn: sqlite3.Connection, prefix: str = "") -> dict[str, Any]:
    """Every setting whose key starts with ``prefix`` (values that are not JSON are left out)."""
    result = {}
    rows = conn.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, length(:prefix)) = :prefix ORDER BY key",
        {"prefix": prefix},
    )
    for key, text in rows:
        try:
            result[key] = json.loads(text)
        except ValueError:
            continue
    return result
