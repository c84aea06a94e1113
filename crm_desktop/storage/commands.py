"""Command-line commands: ``check``, ``backup`` and ``restore``. None of them creates a database."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.cli import db_path, print_json


def register(sub) -> None:
    check = sub.add_parser("check", help="check that the database is sound (read-only)")
    check.add_argument("--quick", action="store_true", help="quick check only (what the app runs at start)")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(func=run_check)

    backup = sub.add_parser("backup", help="take a checked backup now and rotate the backup folder")
    backup.add_argument("--to", metavar="DIR", help="backup folder (default: the one in the settings)")
    backup.add_argument("--auto", action="store_true", help="only if the daily/weekly backup is due (for schedulers)")
    backup.add_argument("--list", action="store_true", help="list the backups in the folder, verifying digests")
    backup.add_argument("--json", action="store_true", help="print the result as JSON")
    backup.set_defaults(func=run_backup)

    restore = sub.add_parser("restore", help="replace the database with a backup (the app must be closed)")
    restore.add_argument("file", metavar="FILE", help="the backup file")
    restore.add_argument("--json", action="store_true", help="print the result as JSON")
    restore.set_defaults(func=run_restore)


def run_check(args) -> int:
    from crm_desktop.storage.check import check_database

    report = check_database(db_path(args), quick=args.quick)
    if args.json:
        print_json(report.to_json())
    if not report.ok:
        raise report.error
    if not args.json:
        print(report.message)
    return 0


def _backup_settings(path: Path) -> tuple[Path | None, int, int]:
    """(backup folder, keep daily, keep weekly) from the database's settings; defaults when the
    file cannot tell (backup_database then reports why it cannot be copied)."""
    from crm_desktop.storage import settings
    from crm_desktop.storage.db import connect, ensure_ours

    try:
        ensure_ours(path)
        conn = connect(path, readonly=True)
        try:
            folder = settings.get(conn, settings.BACKUP_DIR, "") or None
            daily = settings.get(conn, settings.KEEP_DAILY, 7)
            weekly = settings.get(conn, settings.KEEP_WEEKLY, 4)
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 - any trouble: defaults, and the backup itself explains
        return None, 7, 4
    daily = daily if isinstance(daily, int) and daily >= 1 else 7
    weekly = weekly if isinstance(weekly, int) and weekly >= 1 else 4
    return (Path(folder) if folder else None), daily, weekly


def run_backup(args) -> int:
    from crm_desktop.paths import default_backup_dir
    from crm_desktop.storage.backup import auto_backup_if_due, backup_database, list_backups, rotate_backups

    path = db_path(args)
    stored_folder, keep_daily, keep_weekly = _backup_settings(path)
    folder = Path(args.to) if args.to else (stored_folder or default_backup_dir(path))

    if args.list:
        backups = list_backups(folder, database=path.stem)
        if args.json:
            print_json([info.to_json() for info in backups])
        for info in [] if args.json else backups:
            status = {True: "digest ok", False: "DIGEST MISMATCH", None: "no digest"}[info.digest_ok]
            print(f"{info.path}\t{info.kind}\t{info.size}\t{status}")
        return 0 if all(info.digest_ok is not False for info in backups) else 1

    if args.auto:
        info = auto_backup_if_due(path, folder, None, keep_daily, keep_weekly)
    else:
        info = backup_database(path, folder, kind="manual")
        rotate_backups(folder, keep_daily, keep_weekly, database=path.stem)
    if args.json:
        print_json(info.to_json() if info else None)
    elif info is None:
        print("no backup due")
    else:
        print(info.path)
        print(f"sha256: {info.sha256}")
    return 0


def run_restore(args) -> int:
    from crm_desktop.storage.restore import restore_database

    path = db_path(args)
    stored_folder, _, _ = _backup_settings(path)
    info = restore_database(path, Path(args.file), backup_dir=stored_folder)
    if args.json:
        print_json(info.to_json())
    else:
        print(f"restored {info.backup_file} into {info.db_path} (schema version {info.schema_version})")
        if info.replaced:
            print(f"the replaced database is kept as {info.replaced}")
    return 0
