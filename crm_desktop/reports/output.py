"""Where a report or an export writes: ``check_output(path, databases)`` says plainly why a
target cannot be written (before any work is done), ``create_temp(folder, name)`` makes the
temporary file beside it that is renamed over it once complete. No reportlab here: the CSV /
XLSX / vCard exports use it too.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path

from crm_desktop.core.text import path_text
from crm_desktop.errors import UserError


class OutputError(UserError):
    pass


def check_output(path, databases=()) -> Path:
    """The target file of a report or an export (``~`` expanded), or one clear error: a folder
    that doesn't exist or can't be written, a path that is a folder, a read-only file (no write
    permission, or no write bit at all: root may write anything, but a file someone made
    read-only is kept), a name too long for the file system, and a database: one of
    ``databases`` (the file the command works on) or its -wal / -shm / -journal, or any SQLite
    file (the export would replace the office's data with a sheet)."""
    if path is None or str(path).strip() == "":
        raise OutputError("no output file given (--out FILE.pdf)", "پرونده خروجی گزارش را مشخص کنید.")
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    status = _stat(path)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{path} is a folder, not a file", f"«{path_text(path)}» یک پوشه است، نه پرونده.")
    folder_status = _stat(folder)
    if folder_status is None:
        raise OutputError(f"the folder {folder} does not exist", f"پوشه «{path_text(folder)}» وجود ندارد.")
    if not stat.S_ISDIR(folder_status.st_mode):
        raise OutputError(f"{folder} is not a folder", f"«{path_text(folder)}» پوشه نیست.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in the folder {folder} (permission denied)",
                          f"اجازه نوشتن در پوشه «{path_text(folder)}» نیست.")
    _not_a_database(path, status, databases)
    if status is not None and (not os.access(path, os.W_OK) or not status.st_mode & 0o222):
        raise OutputError(f"{path} is read-only", f"پرونده «{path_text(path)}» فقط‌خواندنی است.")
    return path


def _stat(path: Path):
    """``os.stat`` of ``path``, None when there is nothing there; a name the file system cannot
    take (too long, or a part of the path that is a file) is one clear error."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise OutputError(f"the file name is too long for the file system: {path}",
                              "نام پرونده خروجی بیش از حد بلند است؛ نام کوتاه‌تری بدهید.") from None
        raise OutputError(f"{path}: {error.strerror or error}",
                          f"پرونده «{path_text(path)}» در دسترس نیست ({error.strerror or error}).") from None


_DATABASE_SIDES = ("", "-wal", "-shm", "-journal")


def _not_a_database(path: Path, status, databases) -> None:
    """Refuse ``path`` when it is a database (or one of its side files): one of ``databases``
    by its resolved path (the same file by another name too), or an existing SQLite file."""
    def refuse(own: bool):
        if own:
            raise OutputError(f"{path} is the database itself (--db): it is never overwritten; give another file name",
                              f"«{path_text(path)}» خود پرونده پایگاه داده است و رونویسی نمی‌شود؛ نام دیگری بدهید.")
        raise OutputError(f"{path} is a database file: it is never overwritten; give another file name",
                          f"«{path_text(path)}» یک پرونده پایگاه داده است و رونویسی نمی‌شود؛ نام دیگری بدهید.")

    target = _resolved(path)
    for database in databases:
        if database is None or str(database) in ("", ":memory:"):
            continue
        for side in _DATABASE_SIDES:
            other = Path(f"{Path(database).expanduser()}{side}")
            if target == _resolved(other):
                refuse(True)
            if status is not None and other.exists():
                try:
                    same = os.path.samefile(path, other)
                except OSError:
                    same = False
                if same:
                    refuse(True)
    name = path.name
    bases = [name] + [name[: -len(side)] for side in _DATABASE_SIDES[1:] if name.endswith(side) and name != side]
    if any(_is_sqlite(path.with_name(base)) for base in bases):
        refuse(False)


def _resolved(path: Path) -> str:
    try:
        return os.path.normcase(os.path.realpath(path))
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))


def _is_sqlite(path: Path) -> bool:
    """Does the regular file ``path`` start as an SQLite database does? (A device or a pipe is
    never read: that could wait forever.)"""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new hidden file beside the target (``.NAME.1a2b3c4d.part``, or ``.crm-1a2b3c4d.part``
    when that would be too long a name for the file system), with the usual permissions
    (umask applies; ``mkstemp`` would make it private to the user)."""
    for _ in range(100):
        token = secrets.token_hex(4)
        temp_name = f".{name}.{token}.part"
        if len(os.fsencode(temp_name)) > 240:
            temp_name = f".crm-{token}.part"
        temp = folder / temp_name
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


@contextmanager
def replaced_at_the_end(path: Path):
    """A temporary path beside ``path`` (``create_temp``) to write the whole file into: it
    replaces ``path`` when the block ends well and is removed when it fails, so a failed or
    cancelled write leaves no half file (nor replaces an older one). OSError passes through."""
    handle, temp = create_temp(path.parent, path.name)
    os.close(handle)
    try:
        yield temp
        os.replace(temp, path)
        temp = None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


_create_temp = create_temp  # the name the reports and the ICS export import
