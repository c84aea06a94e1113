"""Opening the office at start: a file that is not ours, damaged, read-only or locked gets a
clear Persian message (and, when damaged, the offer to restore the latest good backup); nothing
is overwritten."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from crm_desktop.core.jalali import format_datetime
from crm_desktop.office import Office
from crm_desktop.paths import default_backup_dir
from crm_desktop.preferences import remembered_backup_folder
from crm_desktop.storage.backup import latest_good_backup
from crm_desktop.storage.db import DatabaseCorrupt, StorageError
from crm_desktop.storage.restore import restore_database
from crm_desktop.ui.dialogs import confirm, show_error


def newest_good_backup(db_path):
    """The newest backup that passes its checks, from the folder the settings named (remembered
    on this PC) or the default folder beside the database."""
    found = []
    for folder in (remembered_backup_folder(db_path), default_backup_dir(db_path)):
        if folder is not None and folder.is_dir():
            info = latest_good_backup(folder, database=Path(db_path).stem)
            if info is not None:
                found.append(info)
    return max(found, key=lambda info: info.created) if found else None


def open_office(db_path, parent: QWidget | None = None) -> Office | None:
    """The Office, or None after telling the operator why it cannot be opened."""
    try:
        return Office(db_path)
    except DatabaseCorrupt as error:
        return _offer_restore(db_path, error, parent)
    except StorageError as error:
        show_error(parent, error)
        return None


def ask_to_restore(db_path, problem_fa: str, parent) -> Path | None:
    """Tell the operator the database is damaged; the backup file to restore if they agree."""
    backup = newest_good_backup(db_path)
    if backup is None:
        show_error(parent, problem_fa + "\nپشتیبان سالمی در پوشه پشتیبان پیدا نشد؛ با پشتیبانی تماس بگیرید.")
        return None
    question = (
        f"{problem_fa}\n\nآخرین پشتیبان سالم: {format_datetime(backup.created)}\n"
        "بازگردانی شود؟ پرونده آسیب‌دیده کنار آن نگه داشته می‌شود."
    )
    if not confirm(parent, question, title="پایگاه داده آسیب دیده است"):
        return None
    return backup.path


def _offer_restore(db_path, error: StorageError, parent) -> Office | None:
    backup = ask_to_restore(db_path, error.fa, parent)
    if backup is None:
        return None
    try:
        restore_database(db_path, backup)
        return Office(db_path)
    except StorageError as second:
        show_error(parent, second)
        return None
