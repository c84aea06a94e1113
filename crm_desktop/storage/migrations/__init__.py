"""Numbered schema migrations, tracked in ``PRAGMA user_version``.

Each migration is a module ``mNNNN_*.py`` with ``VERSION`` and ``migrate(conn)``; it runs in one
transaction together with the version bump. A database that already holds data is backed up
before it is migrated, so a failed migration never costs the operator their data.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from pathlib import Path

from crm_desktop.storage.db import APPLICATION_ID, DatabaseTooNew, schema_version, transaction


def _load():
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    found.sort(key=lambda module: module.VERSION)
    for expected, module in enumerate(found, start=1):
        if module.VERSION != expected:
            raise RuntimeError(f"migration {module.__name__} has VERSION {module.VERSION}, expected {expected}")
    return found


MIGRATIONS = _load()
LATEST = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, db_path=None, *, backup_dir=None, target: int | None = None) -> int:
    """Bring ``conn`` up to ``target`` (default: the latest). Returns the version reached."""
    target = LATEST if target is None else target
    current = schema_version(conn)
    if current > LATEST:
        raise DatabaseTooNew(db_path, current, LATEST)
    if current >= target:
        return current
    if current > 0 and db_path is not None:
        backup_before_migration(conn, db_path, current, backup_dir)
    for module in MIGRATIONS[current:target]:
        with transaction(conn):
            module.migrate(conn)
            conn.execute(f"PRAGMA user_version = {module.VERSION}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return target


def backup_before_migration(conn: sqlite3.Connection, db_path, version: int, backup_dir=None) -> Path:
    """A checked, digested ``pre-migration`` backup (see storage.backup); rotation keeps it."""
    from crm_desktop.storage.backup import backup_database

    return backup_database(db_path, backup_dir, kind="pre-migration", conn=conn).path
