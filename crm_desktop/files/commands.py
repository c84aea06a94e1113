"""``files``: personnel, customer and applicant files on the command line.

    crm-desktop --db PATH files list --kind personnel|customer|applicant [--search Q] [--state S]
                [--unit U] [--referrer CONTACT_ID] [--from D] [--to D] [--limit N] [--json]

The list is in Persian order of the names, one file a line, tab-separated, columns in the
order the printed list has them from the right: file number, name, mobile, registration date,
state (stage / status), unit (personnel), the kind's own field, referrer. Dates are Jalali in
any digit script going in and Jalali with Latin digits coming out (JSON has the ISO dates too).
A kind or state by key (``customer``, ``loyal``) or Persian label («مشتری», «مشتری وفادار»).
Bad input — an unknown kind or state, a bad date, a missing file — is one line on stderr with
its Persian reason and exit code 2 (3 for the database). The same filters serve
``report files`` (report.py).
"""

from __future__ import annotations

from crm_desktop.cheques.command_input import whole
from crm_desktop.cheques.commands import with_persian_reason
from crm_desktop.cli import print_json
from crm_desktop.errors import UserError

__all__ = ["with_persian_reason", "register", "add_filter_options", "filter_from_args", "file_id"]

KIND_WORDS = {
    "personnel": "personnel", "staff": "personnel", "پرسنل": "personnel", "پرسنلی": "personnel",
    "پرونده پرسنلی": "personnel", "کارکنان": "personnel",
    "customer": "customer", "customers": "customer", "مشتری": "customer", "مشتریان": "customer",
    "پرونده مشتری": "customer",
    "applicant": "applicant", "applicants": "applicant", "متقاضی": "applicant", "متقاضیان": "applicant",
    "متقاضی استخدام": "applicant", "متقاضیان استخدام": "applicant",
}


def _key(text: str) -> str:
    from crm_desktop.core.text import normalise

    return " ".join(normalise(str(text)).replace("-", " ").replace("_", " ").split())


def parse_kind(text: str | None) -> str:
    found = {_key(word): kind for word, kind in KIND_WORDS.items()}.get(_key(text or ""))
    if found is None:
        raise UserError(f"--kind must be personnel, customer or applicant, not {text!r}",
                        "نوع پرونده باید پرسنلی، مشتری یا متقاضی استخدام باشد.")
    return found


def parse_state(kind: str, text: str | None) -> str | None:
    """A state of ``kind`` by key («former», «in-hand» style) or Persian label («پایان همکاری»)."""
    from crm_desktop.files.model import KINDS, STATES

    if text is None or not str(text).strip():
        return None
    names = {}
    for key, label in STATES[kind].items():
        names[_key(key)] = key
        names[_key(label)] = key
    found = names.get(_key(text))
    if found is None:
        known = "، ".join(STATES[kind].values())
        raise UserError(f"--state: {text!r} is not a state of a {kind} file (one of: {', '.join(STATES[kind])})",
                        f"وضعیت «{text}» برای {KINDS[kind]} نیست؛ یکی از: {known}")
    return found


def file_id(text) -> int:
    """A file id in any digit script."""
    from crm_desktop.core.digits import to_latin

    value = to_latin(str(text if text is not None else "")).strip()
    if not value.isascii() or not value.isdigit() or int(value) == 0:
        raise UserError(f"--id must be a file id (a whole number), not {text!r}", "شناسه پرونده باید عدد باشد.")
    return int(value)


def add_filter_options(parser) -> None:
    """The list's filters (``files list`` and ``report files``)."""
    parser.add_argument("--kind", required=True, metavar="K",
                        help="personnel, customer or applicant (or the Persian: پرسنلی، مشتری، متقاضی)")
    parser.add_argument("--search", default="", metavar="Q",
                        help="file number, name, phone, national code or referrer (any digit script)")
    parser.add_argument("--state", metavar="S", help="the state, a customer's stage or an applicant's status "
                                                     "(key or Persian label)")
    parser.add_argument("--unit", metavar="U", help="personnel only: the unit (واحد)")
    parser.add_argument("--referrer", metavar="CONTACT_ID", help="only files this contact referred")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="registered on or after this Jalali date")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="registered on or before this Jalali date")


def filter_from_args(args):
    """A FileFilter from the options, checked without the database."""
    from crm_desktop.core.jalali import parse_date
    from crm_desktop.files.repo_search import FileFilter

    kind = parse_kind(args.kind)
    state = parse_state(kind, args.state)
    start = parse_date(args.date_from, "--from") if args.date_from else None
    end = parse_date(args.date_to, "--to") if args.date_to else None
    if start and end and start > end:
        raise UserError("--from is after --to", "تاریخ آغاز بازه پس از تاریخ پایان آن است.")
    unit = " ".join((args.unit or "").split()) or None
    if unit and kind != "personnel":
        raise UserError("--unit is for personnel files", "واحد فقط برای پرونده‌های پرسنلی است.")
    referrer = None
    if args.referrer is not None:
        try:
            referrer = file_id(args.referrer)
        except UserError:
            raise UserError(f"--referrer must be a contact id, not {args.referrer!r}",
                            "شناسه معرف باید عدد باشد.") from None
    return FileFilter(kind, text=args.search or "", state=state, unit=unit, registered_from=start,
                      registered_to=end, referrer_id=referrer)


def register(sub) -> None:
    files = sub.add_parser("files", help="personnel, customer and job-applicant files",
                           description="Personnel, customer and job-applicant files. Dates are Jalali "
                                       "(1404/01/15) in any digit script.")
    actions = files.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="the files of one kind, in Persian order of the names",
                             description="Print the files the filters select, in Persian order of the names.")
    add_filter_options(lst)
    lst.add_argument("--limit", type=whole, metavar="N", help="print at most N files (the count is of them all)")
    lst.add_argument("--json", action="store_true", help="print the result as JSON")
    lst.set_defaults(func=with_persian_reason(run_list))


# --- the list --------------------------------------------------------------------------------------

def jalali(day) -> str:
    from crm_desktop.core.jalali import format_date

    return format_date(day, digits="latin") if day else ""


def _iso_day(text) -> tuple[str, str | None]:
    """(Jalali, ISO) of a stored date or datetime ('' / None when empty)."""
    from datetime import date, datetime

    from crm_desktop.core.jalali import format_datetime

    if not text:
        return "", None
    if "T" in str(text):
        return format_datetime(datetime.fromisoformat(text), digits="latin"), text
    return jalali(date.fromisoformat(text)), text


def row_json(row) -> dict:
    """A FileRow as JSON: the kind's own fields with Jalali dates beside the ISO ones."""
    from crm_desktop.files.model import KIND_FIELDS
    from crm_desktop.files.report_text import choice_text

    data = {}
    for name, value in row.data.items():
        kind_of = KIND_FIELDS[row.kind].get(name)
        if kind_of in ("date", "datetime"):
            data[name], data[f"{name}_iso"] = _iso_day(value)
        else:
            data[name] = value
            label = choice_text(name, value) if isinstance(kind_of, tuple) else None
            if label is not None:
                data[f"{name}_label"] = label
    return {
        "id": row.id, "kind": row.kind, "number": row.number, "contact_id": row.contact_id, "name": row.name,
        "mobile": row.mobile, "national_code": row.national_code,
        "registered_on": jalali(row.registered_on), "registered_on_iso": row.registered_on.isoformat(),
        "state": row.state, "state_label": row.state_label,
        "state_on": jalali(row.state_on), "state_on_iso": row.state_on.isoformat(),
        "unit": row.unit, "referrer": row.referrer_name, "data": data,
    }


def header(kind: str) -> list[str]:
    from crm_desktop.files.report_text import STATE_TITLES, kind_column

    columns = ["شماره پرونده", "نام", "تلفن", "تاریخ ثبت", STATE_TITLES[kind]]
    if kind == "personnel":
        columns.append("واحد")
    return columns + [kind_column(kind)[0], "معرف"]


def line(row) -> list[str]:
    from crm_desktop.core.phone import format_phone
    from crm_desktop.files.report_text import choice_text, kind_column

    cells = [row.number, row.name, format_phone(row.mobile, digits="latin") if row.mobile else "",
             jalali(row.registered_on), row.state_label]
    if row.kind == "personnel":
        cells.append(row.unit)
    key = kind_column(row.kind)[1]
    return cells + [str(choice_text(key, row.data.get(key, ""))), row.referrer_name]


def run_list(args) -> int:
    from crm_desktop.reports.commands import open_office

    query = filter_from_args(args)  # bad options fail before the database is opened
    limit = args.limit
    with open_office(args) as office:
        repo = office.files
        total = repo.count_files(query)
        rows = repo.file_rows(query, 0, limit) if limit is not None else repo.iter_file_rows(query)
        if args.json:
            print_json({"kind": query.kind, "count": total, "files": [row_json(r) for r in rows]})
            return 0
        print("\t".join(header(query.kind)))
        shown = 0
        for row in rows:
            print("\t".join(line(row)))
            shown += 1
    if shown < total:
        print(f"… {total - shown} more")
    print(f"{total} files")
    return 0
