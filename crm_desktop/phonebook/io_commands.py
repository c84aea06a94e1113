"""``import contacts FILE`` and ``export contacts --format … --out FILE``.

    crm-desktop --db PATH import contacts FILE [--format vcf|csv|xlsx] [--duplicates skip|merge]
                [--on-error skip|refuse] [--mapping JSON] [--no-header] [--new-fields] [--json]
    crm-desktop --db PATH export contacts --format vcf|csv|xlsx --out FILE [--group NAME] [--search Q] [--json]

The import prints its summary (what was added, merged, skipped, rejected and why, with line or
row numbers); a refused file, or one from which nothing could be read, exits non-zero with one
error line on stderr naming the line or row. ``--new-fields`` makes a custom field, named like
its header, for every column with data that fills no field (and every X-CRM-FIELD name of a
vCard the book has no field for), its kind guessed from the values (``import_kinds``), and says
why a column or a name made none; in ``--mapping``, ``"new_field"`` asks for one column's and
``"new_field:choice"`` (``text``, ``number``, ``date``) for one of that kind. Google's labelled
pairs («Custom Field 1 - Label» / «- Value») are columns named by their labels
(``import_pairs``), which ``--mapping`` may name too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crm_desktop.cli import db_path, print_json, say_indexing, terminal_progress, what_parsers
from crm_desktop.core.text import counted, quoted
from crm_desktop.errors import UserError


def register(sub) -> None:
    imp_sub = what_parsers(sub, "import")
    contacts = imp_sub.add_parser("contacts", help="import contacts (vCard 2.1/3.0/4.0, CSV, XLSX)")
    contacts.add_argument("file", metavar="FILE")
    contacts.add_argument("--format", choices=("vcf", "csv", "xlsx"), help="file format (default: from the extension)")
    contacts.add_argument("--duplicates", choices=("skip", "merge"), default="skip",
                          help="a contact already saved (the same mobile, or the same name with a shared phone or "
                               "e-mail), or earlier in the file: skip it or merge it (default: %(default)s)")
    contacts.add_argument("--on-error", choices=("skip", "refuse"), default="skip",
                          help="rows that cannot be read: skip them or refuse the whole file (default: %(default)s)")
    contacts.add_argument("--mapping", metavar="JSON",
                          help='CSV/XLSX columns: {"0": "first_name", "Mobile": "mobile", …} (column number or header; '
                               'default: recognised from the headers)')
    header = contacts.add_mutually_exclusive_group()
    header.add_argument("--no-header", dest="header", action="store_false", default=None,
                        help="CSV/XLSX: the first row is data, not headers")
    header.add_argument("--header", dest="header", action="store_true", help="CSV/XLSX: the first row is headers")
    contacts.add_argument("--new-fields", action="store_true",
                          help="make a custom field (named like the header, its kind text, number, date or a choice "
                               "list as the values show) for every column with data that fills no field, and for "
                               "every X-CRM-FIELD of a vCard the book has no field for; in --mapping, "
                               '"new_field:KIND" (text, number, date, choice) makes one of that kind')
    contacts.add_argument("--json", action="store_true", help="print the summary as JSON")
    contacts.set_defaults(func=run_import_command)

    exp_sub = what_parsers(sub, "export")
    out = exp_sub.add_parser("contacts", help="export contacts (all, one group, or a search)")
    out.add_argument("--format", choices=("vcf", "csv", "xlsx"), help="file format (default: from --out)")
    out.add_argument("--out", metavar="FILE", required=True, help="the file to write")
    out.add_argument("--group", metavar="NAME", help="only the contacts of this group")
    out.add_argument("--search", metavar="Q", help="only the contacts this search finds")
    out.add_argument("--json", action="store_true", help="print the result as JSON")
    out.set_defaults(func=run_export_command)


def parse_mapping(text: str | None, headers: list[str]) -> dict[int, str] | None:
    """``--mapping``: a JSON object from column (0-based number, or header text) to field key."""
    if not text:
        return None
    from crm_desktop.phonebook.columns import FIELDS, base, custom_id
    from crm_desktop.phonebook.import_fields import NEW_FIELD, asked_kind
    from crm_desktop.phonebook.model import FIELD_KINDS

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(f"--mapping is not JSON: {error}", "نگاشت ستون‌ها JSON درستی نیست.") from None
    if not isinstance(raw, dict):
        raise UserError("--mapping must be a JSON object {column: field}", "نگاشت ستون‌ها باید یک شیء JSON باشد.")
    mapping = {}
    for column, key in raw.items():
        if str(column).strip().lstrip("-").isdigit():
            index = int(column)
        elif column in headers:
            index = headers.index(column)
        else:
            raise UserError(f"--mapping: no column {quoted(column)}", f"ستون «{column}» در پرونده نیست.")
        kind = asked_kind(key)
        if kind is not None and kind and kind not in FIELD_KINDS:
            raise UserError(f"--mapping: unknown kind {quoted(kind)} for {NEW_FIELD} (kinds: {', '.join(FIELD_KINDS)})",
                            f"نوع «{kind}» برای فیلد دلخواه تازه شناخته نیست.")
        if key and kind is None and base(str(key))[0] not in FIELDS and custom_id(str(key)) is None:
            raise UserError(f"--mapping: unknown field {quoted(key)} (known: {', '.join(FIELDS)}, {NEW_FIELD}, "
                            f"{NEW_FIELD}:KIND)", f"فیلد «{key}» شناخته نیست.")
        if not 0 <= index < max(len(headers), 1):
            raise UserError(f"--mapping: column {index} is out of range (0–{len(headers) - 1})",
                            f"ستون {index} در پرونده نیست.")
        mapping[index] = str(key or "")
    return mapping


def run_import_command(args) -> int:
    from crm_desktop.phonebook.importer import ImportArgs, run_import
    from crm_desktop.phonebook.table import CSV, XLSX, format_of, read_table

    fmt = format_of(args.file, args.format)
    mapping = None
    if args.mapping:
        if fmt not in (CSV, XLSX):
            raise UserError("--mapping is for CSV and XLSX files", "نگاشت ستون‌ها فقط برای CSV و XLSX است.")
        from crm_desktop.phonebook.import_pairs import spread

        table = read_table(args.file, fmt, header=args.header)
        spread(table)  # Google's labels name columns of their own, as the import reads them
        mapping = parse_mapping(args.mapping, table.headers)
    from crm_desktop.storage.db import open_database

    path = db_path(args)
    new = not path.exists()  # an office may start from a phone's contacts; a mistyped --db must show
    conn = open_database(path)
    progress = terminal_progress()
    try:
        summary = run_import(ImportArgs(args.file, conn=conn, format=fmt, mapping=mapping, header=args.header,
                                        duplicates=args.duplicates, on_error=args.on_error,
                                        new_fields=args.new_fields), progress)
    except BaseException:
        conn.close()
        if new:  # a refused import leaves no empty database behind
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
        raise
    finally:
        if progress is not None:
            print("\r     \r", end="", file=sys.stderr, flush=True)
        conn.close()
    if args.json:
        print_json(summary.to_json() | {"new_database": new})
    else:
        print(summary.text_en())
        if new:
            print(f"(a new database was made at {path}: it did not exist)")
    return 0


def run_export_command(args) -> int:
    from crm_desktop.phonebook.exporter import export_contacts, group_query
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.phonebook.table import CSV, format_named, format_of
    from crm_desktop.reports.output import check_output
    from crm_desktop.storage.db import open_database

    if not str(args.out or "").strip():
        raise UserError("no output file given (--out FILE.csv, FILE.xlsx or FILE.vcf)", "پرونده خروجی را مشخص کنید.")
    suffix = Path(args.out).suffix.lower()
    if suffix in (".xls", ".tsv") or (suffix and args.format is None and format_named(args.out) is None):
        raise UserError(f"--out {args.out!r}: name the file .csv, .xlsx or .vcf (or give --format)",
                        "نام پرونده خروجی باید به ‎.csv، ‎.xlsx یا ‎.vcf ختم شود.")
    named = format_named(args.out)
    # the name says the format, never the old file's bytes (an old workbook named .csv made a workbook again)
    fmt = format_of(args.out, args.format) if args.format else named or CSV
    if named is not None and named != fmt:  # a vCard written into «x.csv» opens as garbage
        raise UserError(f"--format {fmt} does not match --out {args.out!r} (a .{named} name)",
                        f"قالب {fmt} با پسوند پرونده خروجی نمی‌خواند.")
    database = db_path(args)
    out = check_output(args.out, [database])  # as the reports: before the database is even opened
    conn = open_database(database, create=False)
    try:
        book = Phonebook(conn)
        query = group_query(book, args.group, args.search)
        book.index_if_stale(query, before=say_indexing)  # contacts inserted by another program
        result = export_contacts(book, query, out, fmt, terminal_progress())
    finally:
        conn.close()
    if args.json:
        print_json(result.to_json())
    else:
        print(f"exported {counted(result.count, 'contact')} to {result.path} ({result.format}) in {result.seconds:.2f} s")
    return 0
