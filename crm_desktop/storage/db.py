"""Opening the database: pragmas, our collation and functions, and the checks that keep a file
that is not ours, damaged, read-only or locked from being touched."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.core.text import normalise, persian_collation, sort_key
from crm_desktop.errors import UserError

APPLICATION_ID = 0x43524D44  # "CRMD" in the SQLite header marks a crm_desktop database
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class StorageError(UserError):
    exit_code = 3


class NotOurDatabase(StorageError):
    def __init__(self, path):
        super().__init__(
            f"{path}: not a crm_desktop database",
            f"پرونده «{path}» پایگاه داده این برنامه نیست و دست نخورد.",
        )


class DatabaseMissing(StorageError):
    def __init__(self, path):
        super().__init__(f"{path}: no such database", f"پایگاه داده «{path}» پیدا نشد.")


class DatabaseCorrupt(StorageError):
    def __init__(self, path, detail: str = ""):
        tail = f": {detail}" if detail else ""
        super().__init__(
            f"{path}: the database is damaged{tail}",
            f"پایگاه داده «{path}» آسیب دیده است. آخرین پشتیبان سالم را بازگردانی کنید.",
        )


class DatabaseLocked(StorageError):
    def __init__(self, path):
        super().__init__(
            f"{path}: the database is locked by another program",
            f"پایگاه داده «{path}» در دست برنامه دیگری است. آن را ببندید و دوباره امتحان کنید.",
        )


class DatabaseReadOnly(StorageError):
    def __init__(self, path):
        super().__init__(
            f"{path}: the database file or its folder is read-only",
            f"پایگاه داده «{path}» فقط‌خواندنی است؛ اجازه نوشتن در آن یا پوشه‌اش را بدهید.",
        )


class DatabaseTooNew(StorageError):
    def __init__(self, path, version: int, known: int):
        super().__init__(
            f"{path}: schema version {version} is newer than this program knows ({known}); update the program",
            f"پایگاه داده «{path}» با نسخه تازه‌تری از برنامه ساخته شده است؛ برنامه را به‌روز کنید.",
        )


class DiskFull(StorageError):
    def __init__(self, path):
        super().__init__(
            f"{path}: the disk is full; nothing was saved",
            f"دیسک پر است و چیزی ذخیره نشد؛ جا باز کنید و دوباره امتحان کنید («{path}»).",
        )


class RequestTooLarge(StorageError):
    """A statement SQLite would not run as it is (too deep, too many variables, a value too
    big): the request's fault, not the file's; nothing was read or changed."""

    exit_code = 2

    def __init__(self, path, detail: str = ""):
        tail = f" ({detail})" if detail else ""
        super().__init__(
            f"{path}: the request is too large for the database{tail}; make it shorter (the database is fine)",
            "درخواست برای پایگاه داده بیش از حد بزرگ است (مثلاً جست‌وجویی بسیار بلند)؛ آن را کوتاه‌تر کنید. "
            "پایگاه داده سالم است.",
        )


# SQLite's limits on one statement (sqlite3.c: «Expression tree is too large», «too many SQL
# variables», «LIKE or GLOB pattern too complex», «string or blob too big», «too many terms in
# compound SELECT», «parser stack overflow», «too many arguments on function», «too many columns»)
_STATEMENT_LIMITS = ("expression tree is too large", "too many sql variables", "pattern too complex",
                     "string or blob too big", "too many terms", "parser stack overflow", "too many arguments",
                     "too many columns", "too many from clause terms", "at most 64 tables in a join")


def translate_error(error: sqlite3.Error, path) -> StorageError:
    """The operator-facing error for an sqlite3 error on the database at ``path``. A statement
    beyond SQLite's limits is RequestTooLarge: calling that a damaged database would send the
    operator to restore a backup."""
    text = str(error).lower()
    if any(limit in text for limit in _STATEMENT_LIMITS) or isinstance(error, sqlite3.DataError):
        return RequestTooLarge(path, str(error))
    if "disk is full" in text:
        return DiskFull(path)
    if "locked" in text or "busy" in text:
        return DatabaseLocked(path)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseReadOnly(path)
    if "not a database" in text or "file is encrypted" in text:
        return NotOurDatabase(path)
    return DatabaseCorrupt(path, str(error))


@dataclass(frozen=True)
class Identity:
    """What a file says about itself, read without changing it."""

    application_id: int
    user_version: int
    empty: bool  # no tables at all (a brand-new file)

    @property
    def ours(self) -> bool:
        return self.application_id == APPLICATION_ID


def open_untouched(path) -> sqlite3.Connection:
    """A read-only connection that creates no -wal/-shm files and writes nothing: ``immutable``
    unless a -wal file exists (then its committed pages must be read, so plain ``mode=ro``)."""
    path = Path(path)
    wal = Path(f"{path}-wal")
    query = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, isolation_level=None, check_same_thread=False)
    register_functions(conn)  # indexes may use the PERSIAN collation: checks need it
    return conn


def identify(path) -> Identity:
    """Whose database is ``path``? Raises DatabaseMissing, NotOurDatabase (a folder, a file that
    is not SQLite), DatabaseLocked or DatabaseCorrupt. Never writes to the file: an SQLite file
    of another program must come out of this byte for byte as it went in."""
    path = Path(path)
    if path.is_dir():
        raise NotOurDatabase(path)
    if not path.exists():
        raise DatabaseMissing(path)
    wal = Path(f"{path}-wal")
    if not wal.exists():
        # No -wal: no connection is open on the file (SQLite keeps it while one is), so reading
        # the header with a file of our own cannot hurt anybody's locks.
        try:
            with open(path, "rb") as handle:
                header = handle.read(100)
        except FileNotFoundError:
            raise DatabaseMissing(path) from None
        except PermissionError as error:
            raise StorageError(f"{path}: permission denied", f"اجازه خواندن پرونده «{path}» نیست.") from error
        except OSError as error:
            raise NotOurDatabase(path) from error
        if len(header) < 100 or header[:16] != SQLITE_MAGIC:
            raise NotOurDatabase(path)
        app_id = int.from_bytes(header[68:72], "big")
        version = int.from_bytes(header[60:64], "big")
        if app_id == APPLICATION_ID:
            return Identity(app_id, version, False)
    # With a -wal the header may be stale while committed pages still sit in the WAL, and this
    # very process may hold the file open: closing a descriptor of our own would drop SQLite's
    # POSIX locks on it (all of the process's locks go with any close), another program would
    # then take the file for unused and delete its WAL, and what this process writes next would
    # be lost. So only SQLite reads it (it defers its own closes while locks are held).
    try:
        conn = open_untouched(path)
        try:
            app_id = application_id(conn)
            version = schema_version(conn)
            empty = is_empty(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise translate_error(error, path) from error
    return Identity(app_id, version, empty)


def ensure_ours(path) -> Identity:
    """``identify`` and refuse anything that is not a crm_desktop database."""
    identity = identify(path)
    if not identity.ours:
        raise NotOurDatabase(path)
    return identity


def looks_like_sqlite(path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def register_functions(conn: sqlite3.Connection) -> None:
    """Our collation and SQL functions, on every connection."""
    conn.create_collation("PERSIAN", persian_collation)
    conn.create_function("normalise", 1, normalise, deterministic=True)
    conn.create_function("sort_key", 1, sort_key, deterministic=True)


def connect(path, *, readonly: bool = False) -> sqlite3.Connection:
    """A raw connection with our pragmas. Autocommit mode: use ``transaction()`` for writes."""
    path = Path(path)
    if readonly:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise DatabaseLocked(path)
        conn.execute("PRAGMA synchronous = FULL")
        register_functions(conn)
    except sqlite3.Error as error:
        conn.close()
        raise translate_error(error, path) from error
    except StorageError:
        conn.close()
        raise
    return conn


def application_id(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA application_id").fetchone()[0]


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def open_database(path, *, create: bool = True, migrate: bool = True, backup_dir=None) -> sqlite3.Connection:
    """Open (or create) a crm_desktop database and bring its schema up to date.

    Raises a StorageError (with English and Persian messages) for a file that is not ours, is
    damaged, read-only, locked or too new. Nothing is written to a file that is not ours."""
    from crm_desktop.storage import migrations

    path = Path(path)
    if path.is_dir():
        raise NotOurDatabase(path)
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        # Decide before connecting: connect() switches the file to WAL, which writes to it.
        identity = identify(path)
        if not identity.ours and not (identity.application_id == 0 and identity.empty):
            raise NotOurDatabase(path)
        if not os.access(path, os.W_OK) or not os.access(path.resolve().parent, os.W_OK):
            raise DatabaseReadOnly(path)
    else:
        if not create:
            raise DatabaseMissing(path)
        parent = path.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        if not os.access(parent, os.W_OK):
            raise DatabaseReadOnly(path)

    conn = connect(path)
    try:
        app_id = application_id(conn)
        if app_id != APPLICATION_ID and not (app_id == 0 and is_empty(conn)):
            raise NotOurDatabase(path)
        if migrate:
            migrations.migrate(conn, path, backup_dir=backup_dir)
    except sqlite3.Error as error:
        conn.close()
        raise translate_error(error, path) from error
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection):
    """One user action = one transaction. Nested calls become savepoints.

    If SQLite has already rolled the transaction back itself (it does on some errors, e.g. a
    full disk), the original error is raised, not "no transaction is active"; a failed COMMIT
    is rolled back, so the connection is never left inside a dead transaction."""
    if conn.in_transaction:
        name = f"sp_{id(conn)}_{os.urandom(4).hex()}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextmanager
def page_cache(conn: sqlite3.Connection, mib: int):
    """A page cache of up to ``mib`` MiB for this connection while the block runs (SQLite keeps
    2 MiB by default). A bulk write of a hundred thousand rows otherwise spills its pages to
    the WAL and reads them back as it builds the indexes; the cache grows only as far as pages
    are used and is set back after."""
    was = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-int(mib) * 1024}")
    try:
        yield conn
    finally:
        conn.execute(f"PRAGMA cache_size = {int(was)}")
