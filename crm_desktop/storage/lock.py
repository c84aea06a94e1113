"""The running app's claim on its database: an operating-system lock on ``<db>.lock``.

``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows. The operating system drops the lock
when the holding process ends in any way (kill -9, a crash, a power cut), so a stale lock can
never stop the operator. The lock file itself stays on disk (it holds the holder's process id
for messages); deleting it on release would let two processes lock two different files.

The lock sits on a separate file rather than the database so that restoring a backup, which
replaces the database file, does not drop it. SQLite's own locks are a different thing: they
guard single transactions; this one says "crm_desktop has this database open".
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from crm_desktop.storage.db import DatabaseLocked, DatabaseReadOnly

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _WIN_OFFSET = 1 << 30  # lock a byte far past the pid text, so others can still read the pid

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class DatabaseInUse(DatabaseLocked):
    def __init__(self, path, pid: int | None = None):
        who = f" (process {pid})" if pid else ""
        super(DatabaseLocked, self).__init__(
            f"{path}: the database is open in crm_desktop{who}; close the program first",
            f"پایگاه داده «{path}» در برنامه باز است؛ نخست برنامه را ببندید.",
        )
        self.pid = pid


_held: dict[str, "DatabaseLock"] = {}  # resolved database path -> the lock this process holds
_held_guard = threading.Lock()


def lock_path(db_path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _key(db_path) -> str:
    return os.path.normcase(str(Path(db_path).resolve()))


def held_by_this_process(db_path) -> bool:
    with _held_guard:
        return _key(db_path) in _held


class DatabaseLock:
    """``DatabaseLock(db).acquire()`` ... ``release()``; also a context manager."""

    def __init__(self, db_path):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody has it; False when another process (or lock object) does."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as error:
            raise DatabaseReadOnly(self.db_path) from error
        if not _try_lock(fd):
            os.close(fd)
            return False
        try:  # the holder's pid, for the other side's message; best effort
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except OSError:
            pass
        self._fd = fd
        with _held_guard:
            _held[_key(self.db_path)] = self
        return True

    def acquire(self) -> "DatabaseLock":
        """Take the lock or raise DatabaseInUse (English and Persian message)."""
        if not self.try_acquire():
            raise DatabaseInUse(self.db_path, self.holder_pid())
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with _held_guard:
            if _held.get(_key(self.db_path)) is self:
                del _held[_key(self.db_path)]
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def is_held_by_other(self) -> bool:
        """True when another process (or another lock object here) holds it. Creates nothing."""
        if self._fd is not None:
            return False
        with _held_guard:
            if _key(self.db_path) in _held:
                return _held[_key(self.db_path)] is not self
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return False  # no lock file: nobody has ever locked it here
        try:
            if not _try_lock(fd):
                return True
            _unlock(fd)
            return False
        finally:
            os.close(fd)

    def holder_pid(self) -> int | None:
        try:
            text = self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def __enter__(self) -> "DatabaseLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def __del__(self):
        try:
            self.release()
        except Exception:
            pass
