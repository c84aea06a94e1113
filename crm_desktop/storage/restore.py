"""Restoring a backup over the database, safely.

1. The backup is checked first: an SQLite file, ours (application_id), its digest matches the
   ``.sha256`` sidecar when there is one, not newer than this program, and a copy of it passes
   ``integrity_check`` and ``foreign_key_check``. Anything else is refused and nothing changes.
2. Refused while another process holds the DatabaseLock (the app has the database open) or
   SQLite reports the database busy. The app itself restores while holding its own lock, after
   closing its connection.
3. The current database is checkpointed into one file (journal_mode=DELETE, which also proves
   nobody else has it open) and kept beside it as ``<name>.replaced-YYYYMMDD-HHMMSS``; any
   -wal, -shm or -journal file left (a damaged database cannot be checkpointed) moves with it,
   so the restored file is never read together with the old file's journal.
4. The checked copy, already in the database's folder and fsynced, replaces the database with
   one atomic ``os.replace``; then the database is opened and migrated as usual.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crm_desktop.storage import db as _db
from crm_desktop.storage import migrations
from crm_desktop.storage.backup import copy_database, verify_digest
from crm_desktop.storage.db import (
    APPLICATION_ID,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotOurDatabase,
    StorageError,
    ensure_ours,
    identify,
    open_database,
    open_untouched,
    register_functions,
    schema_version,
)
from crm_desktop.storage.check import foreign_key_problems
from crm_desktop.storage.files import fsync_dir, fsync_file, remove_quietly
from crm_desktop.storage.lock import DatabaseLock, held_by_this_process

SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupDigestMismatch(StorageError):
    def __init__(self, path):
        super().__init__(
            f"{path}: the backup does not match its recorded SHA-256 digest (changed or damaged); not restored",
            f"پشتیبان «{path}» با اثر انگشت ثبت‌شده‌اش نمی‌خواند (تغییر کرده یا آسیب دیده)؛ بازگردانی نشد.",
        )


@dataclass
class RestoreInfo:
    db_path: Path
    backup_file: Path
    replaced: Path | None  # where the previous database now is (None: there was none)
    backup_schema_version: int
    schema_version: int  # after opening and migrating
    digest_checked: bool  # a sidecar digest existed and matched

    def to_json(self) -> dict:
        return {
            "db_path": str(self.db_path),
            "backup_file": str(self.backup_file),
            "replaced": str(self.replaced) if self.replaced else None,
            "backup_schema_version": self.backup_schema_version,
            "schema_version": self.schema_version,
            "digest_checked": self.digest_checked,
        }


def verify_backup_file(backup_file) -> tuple[int, bool]:
    """The cheap checks on a backup before anything else: (schema version, digest checked).
    Raises DatabaseMissing, NotOurDatabase, BackupDigestMismatch or DatabaseTooNew."""
    backup_file = Path(backup_file)
    identity = ensure_ours(backup_file)
    digest_ok = verify_digest(backup_file)
    if digest_ok is False:
        raise BackupDigestMismatch(backup_file)
    if identity.user_version > migrations.LATEST:
        raise DatabaseTooNew(backup_file, identity.user_version, migrations.LATEST)
    return identity.user_version, digest_ok is True


def restore_database(db_path, backup_file, *, now: datetime | None = None, backup_dir=None) -> RestoreInfo:
    """Replace the database at ``db_path`` with ``backup_file`` (see the module notes). Returns
    where the replaced database was kept. ``backup_dir``: where migrating takes its backup."""
    db_path, backup_file = Path(db_path), Path(backup_file)
    version, digest_checked = verify_backup_file(backup_file)
    if db_path.is_dir():
        raise NotOurDatabase(db_path)
    folder = db_path.resolve().parent
    if not folder.is_dir():
        raise DatabaseMissing(db_path)
    if not os.access(folder, os.W_OK):
        raise DatabaseReadOnly(db_path)

    temp = folder / f".{db_path.name}.restore-{os.getpid()}.tmp"
    lock = None
    try:
        remove_quietly(temp)
        copied = _checked_copy(backup_file, temp)
        if copied != version:
            raise DatabaseCorrupt(backup_file, "its schema version changed while it was read")
        fsync_file(temp)
        lock = None if held_by_this_process(db_path) else DatabaseLock(db_path).acquire()
        replaced = _set_aside(db_path, now or datetime.now())
        os.replace(temp, db_path)
    except PermissionError as error:  # Windows: another program still has the file open
        raise DatabaseLocked(db_path) from error
    except OSError as error:
        raise StorageError(
            f"{db_path}: restore failed, nothing was replaced ({error.strerror or error})",
            f"بازگردانی انجام نشد و پایگاه داده «{db_path}» دست نخورد ({error.strerror or error}).",
        ) from error
    finally:
        remove_quietly(temp)
        if lock is not None:
            lock.release()

    try:
        fsync_dir(folder)
    except OSError:
        pass  # the restore is done; only its durability across a power cut is less certain

    conn = open_database(db_path, create=False, backup_dir=backup_dir)
    try:
        reached = schema_version(conn)
    finally:
        conn.close()
    return RestoreInfo(db_path, backup_file, replaced, version, reached, digest_checked)


def _checked_copy(backup_file: Path, temp: Path) -> int:
    """Copy the backup through SQLite (so a backup that still has a -wal is read whole) into
    ``temp``; integrity is checked by copy_database, links between tables here."""
    source = open_untouched(backup_file)
    try:
        version = copy_database(backup_file, temp, source_conn=source)
    finally:
        source.close()
    check = sqlite3.connect(str(temp), isolation_level=None)
    register_functions(check)
    try:
        if check.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotOurDatabase(backup_file)
        broken = foreign_key_problems(check)
    finally:
        check.close()
    if broken:
        raise DatabaseCorrupt(backup_file, f"{len(broken)} broken link(s) between tables, e.g. {broken[0]}")
    return version


def _set_aside(db_path: Path, now: datetime) -> Path | None:
    """Fold the current database into one file and keep it (with any journal files that could
    not be folded in) as ``<name>.replaced-<stamp>``. Returns that path, or None if no file."""
    if not db_path.exists():
        for suffix in SIDE_FILES:  # journals without their database: never let them meet the new one
            remove_quietly(Path(f"{db_path}{suffix}"))
        return None
    if _recognised(db_path):
        _checkpoint(db_path)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    replaced = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
    seq = 1
    while replaced.exists():
        seq += 1
        replaced = db_path.with_name(f"{db_path.name}.replaced-{stamp}-{seq}")
    try:
        os.link(db_path, replaced)  # instant, and the database path is never empty
    except OSError:
        shutil.copy2(db_path, replaced)
        fsync_file(replaced)
    for suffix in SIDE_FILES:
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{replaced}{suffix}"))
    return replaced


def _recognised(db_path: Path) -> bool:
    """True for our database (to be checkpointed); False for a file too damaged to recognise,
    which SQLite must not open: closing a connection to it can checkpoint the old WAL into the
    wreck and delete the WAL. Another program's SQLite database is refused."""
    try:
        identity = identify(db_path)
    except DatabaseLocked:
        raise
    except StorageError:
        return False  # kept as .replaced-… (with its journal files) but never opened
    if not identity.ours and not (identity.application_id == 0 and identity.empty):
        raise NotOurDatabase(db_path)
    return True


def _checkpoint(db_path: Path) -> None:
    """Checkpoint the WAL into the file and leave WAL mode. SQLite allows that only to the sole
    connection, so "locked" here means someone still uses the database: refuse."""
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        conn.execute(f"PRAGMA busy_timeout = {_db.BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise DatabaseLocked(db_path)
    except sqlite3.DatabaseError as error:
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseLocked(db_path) from error
        # damaged: it cannot be checkpointed; its journal files are set aside with it
    finally:
        conn.close()
