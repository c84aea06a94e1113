"""Backups: one consistent, checked, digested copy per call; daily and weekly rotation.

A backup is made with SQLite's backup API in ONE step (``src.backup(dst, pages=-1)`` inside a
read transaction): a step-by-step backup restarts whenever the app writes between steps and may
never finish, while one step copies a single consistent snapshot even while another process
keeps writing (WAL lets readers and the writer go on side by side).

Each copy is written to a hidden temp file, switched from WAL to a plain single-file journal
mode, checked with ``PRAGMA integrity_check``, fsynced and renamed into place; its SHA-256 goes
into a ``<backup>.sha256`` sidecar in ``sha256sum`` format (``sha256sum -c`` verifies it too).

File names sort by time: ``<db stem>-YYYYMMDD-HHMMSS-<kind>.sqlite3``, e.g.
``crm-20261123-194500-daily.sqlite3``. Kinds:

- ``daily`` and ``weekly``: taken by ``auto_backup_if_due``; rotation keeps the newest
  ``keep_daily`` and ``keep_weekly`` of each database's files in the folder.
- ``manual`` (the operator's "back up now"), ``pre-restore`` and ``pre-migration``: never
  deleted by rotation. The operator asked for them or they guard a risky step; they are few,
  and removing them is the operator's decision.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from crm_desktop.storage.db import (
    DatabaseCorrupt,
    StorageError,
    connect,
    ensure_ours,
    register_functions,
    schema_version,
    translate_error,
)
from crm_desktop.storage.files import fsync_dir, fsync_file, remove_quietly

KINDS = ("daily", "weekly", "manual", "pre-restore", "pre-migration")
ROTATED_KINDS = ("daily", "weekly")
SUFFIX = ".sqlite3"
DIGEST_SUFFIX = ".sha256"
STALE_TEMP_AGE = timedelta(days=1)

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>" + "|".join(KINDS) + r")(?:-(?P<seq>\d+))?\.sqlite3$"
)
_HEX = re.compile(r"^[0-9a-f]{64}$")


class BackupFolderError(StorageError):
    def __init__(self, folder, error: OSError):
        super().__init__(
            f"{folder}: cannot write backups there ({error.strerror or error})",
            f"در پوشه پشتیبان «{folder}» نمی‌توان نوشت؛ پوشه دیگری را در تنظیمات انتخاب کنید.",
        )


@dataclass
class BackupInfo:
    path: Path
    created: datetime  # local time, from the file name
    kind: str
    database: str  # the stem of the database file it was taken from
    size: int
    sha256: str | None  # the recorded digest (None: no sidecar)
    digest_ok: bool | None  # True: file matches it; False: it does not; None: not checked / none
    schema_version: int | None = None

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "created": self.created.isoformat(),
            "kind": self.kind,
            "database": self.database,
            "size": self.size,
            "sha256": self.sha256,
            "digest_ok": self.digest_ok,
            "schema_version": self.schema_version,
        }


# --- digests ------------------------------------------------------------------------------------

_digest_cache: dict[tuple, str] = {}  # (path, size, mtime_ns) -> sha256: list_backups runs often


def sha256_file(path) -> str:
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _digest_cache:
        return _digest_cache[key]
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    _digest_cache[key] = digest.hexdigest()
    return _digest_cache[key]


def digest_path(backup) -> Path:
    backup = Path(backup)
    return backup.with_name(backup.name + DIGEST_SUFFIX)


def read_digest(backup) -> str | None:
    """The digest recorded beside ``backup`` (None when there is no readable sidecar)."""
    try:
        text = digest_path(backup).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    first = text.split()[0].lower() if text.split() else ""
    return first if _HEX.match(first) else None


def verify_digest(backup) -> bool | None:
    """True/False: the file matches/does not match its sidecar; None: there is no sidecar."""
    recorded = read_digest(backup)
    return None if recorded is None else sha256_file(backup) == recorded


def _write_digest(backup: Path, digest: str) -> None:
    target = digest_path(backup)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"{digest}  {backup.name}\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, target)


# --- making one -----------------------------------------------------------------------------------


def backup_name(db_path, created: datetime, kind: str, seq: int = 0) -> str:
    tail = f"-{seq}" if seq else ""
    return f"{Path(db_path).stem}-{created:%Y%m%d-%H%M%S}-{kind}{tail}{SUFFIX}"


def backup_database(
    db_path, to_dir=None, *, kind: str = "manual", now: datetime | None = None, conn: sqlite3.Connection | None = None
) -> BackupInfo:
    """Copy the database into ``to_dir`` (default: the ``backups`` folder beside it) and return
    the checked copy. Raises DatabaseMissing / NotOurDatabase / DatabaseLocked / DatabaseCorrupt
    (the copy failed its integrity check: the database itself is damaged) / BackupFolderError.
    Never creates a database. ``conn``: copy through this open connection (not inside a
    transaction) instead of opening a read-only one."""
    from crm_desktop.paths import default_backup_dir

    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    db_path = Path(db_path)
    ensure_ours(db_path)
    folder = Path(to_dir) if to_dir else default_backup_dir(db_path)
    created = (now or datetime.now()).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(folder, db_path, created, kind)
        temp = folder / f".{target.name}.{os.getpid()}.tmp"
        temp.unlink(missing_ok=True)
        temp.touch()  # a folder we cannot write to is named as such, not as a database error
    except OSError as error:
        raise BackupFolderError(folder, error) from error
    try:
        version = copy_database(db_path, temp, source_conn=conn)
        fsync_file(temp)
        digest = sha256_file(temp)
        _write_digest(target, digest)
        os.replace(temp, target)
        fsync_dir(folder)
    except OSError as error:
        raise BackupFolderError(folder, error) from error
    finally:
        remove_quietly(temp)
    return BackupInfo(target, created, kind, db_path.stem, target.stat().st_size, digest, True, version)


def copy_database(source, dest, *, source_conn: sqlite3.Connection | None = None) -> int:
    """One-step SQLite backup of ``source`` into the new file ``dest``, switched to a single-file
    journal and fully integrity-checked. Returns the copy's schema version; raises
    DatabaseCorrupt (naming ``source``) when the copy is not sound."""
    source = Path(source)
    try:
        src = source_conn or connect(source, readonly=True)
        try:
            dst = sqlite3.connect(str(dest), isolation_level=None)
            register_functions(dst)  # integrity_check needs the collations our indexes use
            try:
                # A read transaction pins one snapshot and meets any lock here (with the busy
                # timeout and a clear error), not inside backup(), which would retry forever.
                src.execute("BEGIN")
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                try:
                    src.backup(dst, pages=-1)
                finally:
                    src.execute("COMMIT")
                dst.execute("PRAGMA journal_mode = DELETE").fetchone()
                problems = [row[0] for row in dst.execute("PRAGMA integrity_check(10)")]
                version = schema_version(dst)
            finally:
                dst.close()
        finally:
            if source_conn is None:
                src.close()
    except sqlite3.Error as error:
        raise translate_error(error, source) from error
    if problems != ["ok"]:
        raise DatabaseCorrupt(source, "; ".join(map(str, problems)))
    return version


def _free_name(folder: Path, db_path: Path, created: datetime, kind: str) -> Path:
    seq = 0
    while True:
        target = folder / backup_name(db_path, created, kind, seq)
        if not target.exists():
            return target
        seq += 1


# --- finding, rotating ----------------------------------------------------------------------------


def parse_name(path) -> tuple[str, datetime, str, int] | None:
    """(database stem, created, kind, seq) for one of our backup names, else None."""
    match = _NAME.match(Path(path).name)
    if not match:
        return None
    try:
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return match["stem"], created, match["kind"], int(match["seq"] or 0)


def list_backups(folder, *, verify: bool = True, database: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder``, newest first; ``database`` keeps one database's (its stem).
    With ``verify`` each file's SHA-256 is compared with its sidecar (cached per size+mtime)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = parse_name(path)
        if parsed is None or not path.is_file():
            continue
        stem, created, kind, seq = parsed
        if database is not None and stem != database:
            continue
        try:  # a file may vanish meanwhile (another process rotating): skip it
            recorded = read_digest(path)
            ok = sha256_file(path) == recorded if verify and recorded is not None else None
            info = BackupInfo(path, created, kind, stem, path.stat().st_size, recorded, ok, _header_version(path))
        except OSError:
            continue
        found.append((created, seq, info))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for _, _, info in found]


def latest_good_backup(folder, database: str | None = None) -> BackupInfo | None:
    """The newest backup whose digest still matches (it passed integrity_check when it was
    made): what to offer the operator when the database turns out damaged."""
    for info in list_backups(folder, database=database):
        if info.digest_ok:
            return info
    return None


def _header_version(path: Path) -> int | None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    return int.from_bytes(header[60:64], "big") if len(header) == 100 else None


def rotate_backups(folder, keep_daily: int = 7, keep_weekly: int = 4, *, database: str | None = None) -> list[Path]:
    """Delete all but the newest ``keep_daily`` daily and ``keep_weekly`` weekly backups of each
    database in ``folder`` (with their sidecars), and temp files left by a crash. Manual,
    pre-restore and pre-migration backups are kept. Returns the deleted backup files."""
    if keep_daily < 0 or keep_weekly < 0:
        raise ValueError("keep counts cannot be negative")
    keep = {"daily": keep_daily, "weekly": keep_weekly}
    seen: dict[tuple[str, str], int] = {}
    removed = []
    for info in list_backups(folder, verify=False, database=database):
        if info.kind not in ROTATED_KINDS:
            continue
        count = seen.get((info.database, info.kind), 0)
        seen[(info.database, info.kind)] = count + 1
        if count >= keep[info.kind]:
            remove_quietly(info.path)
            remove_quietly(digest_path(info.path))
            removed.append(info.path)
    _remove_stale_temps(Path(folder))
    return removed


def _remove_stale_temps(folder: Path) -> None:
    if not folder.is_dir():
        return
    limit = time.time() - STALE_TEMP_AGE.total_seconds()
    for path in folder.glob(".*.tmp"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def auto_backup_if_due(
    db_path, folder=None, now: datetime | None = None, keep_daily: int = 7, keep_weekly: int = 4
) -> BackupInfo | None:
    """At start-up and on a timer: one backup per calendar day, and a weekly one when the newest
    weekly is 7 or more days old (that day's backup is then the weekly one). The backup folder
    is the record of what was done, so a new folder, or backups deleted by hand, make one due.
    Returns the new backup, or None when nothing was due."""
    from crm_desktop.paths import default_backup_dir

    db_path = Path(db_path)
    now = now or datetime.now()
    folder = Path(folder) if folder else default_backup_dir(db_path)
    mine = list_backups(folder, verify=False, database=db_path.stem)
    weeklies = [info.created.date() for info in mine if info.kind == "weekly"]
    if not weeklies or (now.date() - max(weeklies)).days >= 7:
        kind = "weekly"
    elif not any(info.kind in ROTATED_KINDS and info.created.date() == now.date() for info in mine):
        kind = "daily"
    else:
        return None
    info = backup_database(db_path, folder, kind=kind, now=now)
    rotate_backups(folder, keep_daily, keep_weekly, database=db_path.stem)
    return info
