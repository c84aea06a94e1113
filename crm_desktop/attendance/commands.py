"""``attendance``: the attendance book on the command line.

    crm-desktop --db PATH attendance punch --person ID --in|--out [--at "1404/08/12 08:05"]
    crm-desktop --db PATH attendance import FILE [--device-map FILE] [--json]
    crm-desktop --db PATH attendance month [--month 1404/08] [--person ID] [--json]
    crm-desktop --db PATH attendance pin --person ID --pin PIN

ID is a personnel file's number (``P-7``) or id, in any digit script. Dates and times are
Jalali in any digit script, printed Jalali with Latin digits; figures print as h:mm (JSON has
the minutes). An error — an unknown person, a bad date, a bad line of a device file (with its
line numbers; nothing is imported then) — is one line on stderr with its Persian reason, exit
code 2 (3 for the database). The printed reports are ``report attendance`` (report.py).
"""

from __future__ import annotations

import re

from crm_desktop.cheques.commands import with_persian_reason
from crm_desktop.cli import print_json
from crm_desktop.errors import UserError

DIRECTION_NAMES = {"in": "ورود", "out": "خروج"}


# --- shared input --------------------------------------------------------------------------------

def parse_month(text: str | None, today=None) -> tuple[int, int]:
    """«1404/08», «۱۴۰۴-۸» → (1404, 8); None or '' → this Jalali month."""
    from crm_desktop.core import jalali
    from crm_desktop.core.digits import to_latin, to_persian

    if text is None or not str(text).strip():
        from datetime import date

        year, month, _ = jalali.to_jalali(today or date.today())
        return year, month
    value = to_latin(str(text)).strip()
    match = re.fullmatch(r"(\d{4})\s*[/\-؍]\s*(\d{1,2})", value)
    if not match:
        raise UserError(f"--month: {text!r} is not a Jalali month; write it like 1404/08",
                        f"ماه «{to_persian(value)}» درست نیست؛ مانند ۱۴۰۴/۰۸ بنویسید.")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise UserError(f"--month: month {month} is not between 1 and 12", "ماه باید بین ۱ تا ۱۲ باشد.")
    if not jalali.TYPED_MIN_YEAR <= year <= jalali.TYPED_MAX_YEAR:
        raise UserError(f"--month: {year} is not a Jalali year", f"سال {to_persian(year)} سال شمسی نیست.")
    return year, month


def resolve_person(office, text):
    """The StaffMember a personnel file's number (``P-7``, any case and digit script) or id names."""
    from crm_desktop.core.digits import to_latin

    value = " ".join(to_latin(str(text or "")).split())
    staff = office.attendance.staff(include_former=True)
    for member in staff:
        if member.number.casefold() == value.casefold():
            return member
    if value.isascii() and value.isdigit():
        for member in staff:
            if member.file_id == int(value):
                return member
    raise UserError(f"--person: no personnel file with the number or id {value!r}",
                    f"پرونده پرسنلی با شماره یا شناسه «{value}» نیست.")


def _open(args):
    from crm_desktop.reports.commands import open_office

    return open_office(args)  # the database must exist: attendance needs personnel files


def _day(d) -> str:
    from crm_desktop.core.jalali import format_date

    return format_date(d, digits="latin")


def _hm(minutes: int) -> str:
    from crm_desktop.attendance.report_xlsx import hm_latin

    return hm_latin(minutes)


# --- the commands --------------------------------------------------------------------------------

def register(sub) -> None:
    attendance = sub.add_parser(
        "attendance", help="the attendance book: punches, device imports, a month's figures",
        description="The attendance book. ID is a personnel file's number (P-7) or id; dates are Jalali "
                    "(1404/08/12 08:05), in any digit script.")
    actions = attendance.add_subparsers(dest="action", metavar="ACTION", required=True)

    punch = actions.add_parser("punch", help="record an entry or an exit",
                               description="Record an entry (--in) or exit (--out) of a member of staff, now or --at.")
    punch.add_argument("--person", required=True, metavar="ID", help="a personnel file's number or id")
    way = punch.add_mutually_exclusive_group(required=True)
    way.add_argument("--in", dest="direction", action="store_const", const="in", help="an entry (ورود)")
    way.add_argument("--out", dest="direction", action="store_const", const="out", help="an exit (خروج)")
    punch.add_argument("--at", metavar="DATETIME", help='Jalali date and time, e.g. "1404/08/12 08:05" (default: now)')
    punch.add_argument("--note", default="", metavar="N")
    punch.add_argument("--json", action="store_true", help="print the result as JSON")
    punch.set_defaults(func=with_persian_reason(run_punch))

    imp = actions.add_parser("import", help="import punches from a fingerprint device's attlog file",
                             description="Import a ZKTeco attlog export (PIN, date-time, verify, state …). PINs map "
                                         "to staff by the stored device PINs or --device-map. A bad line refuses the "
                                         "whole file; a punch already recorded is skipped.")
    imp.add_argument("file", metavar="FILE", help="the attlog file (e.g. 1_attlog.dat)")
    imp.add_argument("--device-map", metavar="FILE", help="a CSV of «PIN,personnel file number» lines")
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.set_defaults(func=with_persian_reason(run_import))

    month = actions.add_parser("month", help="a Jalali month's figures: the office's, or one person's day by day",
                               description="Print the month's figures (h:mm): every member of staff's totals, or "
                                           "with --person each day and the totals.")
    month.add_argument("--month", metavar="YYYY/MM", help="the Jalali month, e.g. 1404/08 (default: this month)")
    month.add_argument("--person", metavar="ID", help="one personnel file's number or id")
    month.add_argument("--json", action="store_true", help="print the figures as JSON (minutes)")
    month.set_defaults(func=with_persian_reason(run_month))

    pin = actions.add_parser("pin", help="set a member of staff's fingerprint device PIN")
    pin.add_argument("--person", required=True, metavar="ID", help="a personnel file's number or id")
    pin.add_argument("--pin", required=True, metavar="PIN", help="the user number on the device")
    pin.set_defaults(func=with_persian_reason(run_pin))


def run_punch(args) -> int:
    from crm_desktop.core.jalali import format_datetime, parse_datetime

    at = parse_datetime(args.at, "زمان") if args.at else None  # a bad time fails before the database opens
    with _open(args) as office:
        member = resolve_person(office, args.person)
        at = (at or office.clock()).replace(second=0, microsecond=0)
        added = office.attendance.punch(member.file_id, args.direction, at, note=args.note)
    shown = format_datetime(at, digits="latin")
    if args.json:
        print_json({"person_id": member.file_id, "number": member.number, "name": member.name,
                    "direction": args.direction, "at": shown, "at_iso": at.isoformat(), "id": added,
                    "added": added is not None})
        return 0
    what = f"{DIRECTION_NAMES[args.direction]} {member.name} ({member.number}) {shown}"
    print(f"recorded: {what}" if added is not None else f"already recorded, nothing added: {what}")
    return 0


def _read_text(path, what: str) -> str:
    from pathlib import Path

    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UserError(f"{path}: cannot read ({error.strerror or error})",
                        f"پرونده {what} «{path}» خوانده نشد.") from error
    for encoding in ("utf-8-sig", "cp1256"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def run_import(args) -> int:
    from crm_desktop.attendance.zk_import import import_attlog, parse_map

    text = _read_text(args.file, "دستگاه")
    map_text = _read_text(args.device_map, "نگاشت دستگاه") if args.device_map else None
    with _open(args) as office:
        extra = None
        if map_text is not None:
            numbers = {m.number: m.file_id for m in office.attendance.staff(include_former=True)}
            extra = parse_map(map_text, numbers)
        result = import_attlog(office.attendance, text, extra)
    if args.json:
        print_json({"lines": result.lines, "added": result.added, "repeated": result.repeated,
                    "people": len(result.people)})
    else:
        print(f"imported {args.file}: {result.added} added, {result.repeated} repeated (already recorded) "
              f"of {result.lines} punches; {len(result.people)} people")
    return 0


MONTH_HEADER = ("شماره", "نام", "روز کاری", "موظف", "کارکرد", "تأخیر", "تعجیل", "اضافه‌کار", "غیبت", "روز غیبت",
                "مرخصی", "ماموریت", "مانده مرخصی سال")
DAY_HEADER = ("تاریخ", "روز", "ورود", "خروج", "کارکرد", "تأخیر", "تعجیل", "اضافه‌کار", "غیبت", "مرخصی", "ماموریت", "شرح")
FIGURES = ("worked", "late", "early", "overtime", "absent", "leave", "mission")


def totals_json(t) -> dict:
    return {"working_days": t.working_days, "expected": t.expected, **{n: getattr(t, n) for n in FIGURES},
            "absent_days": t.absent_days, "leave_days": t.leave_days}


def run_month(args) -> int:
    from crm_desktop.attendance.report_data import month_summary, timesheet

    year, month = parse_month(args.month)
    with _open(args) as office:
        if args.person:
            member = resolve_person(office, args.person)
            sheet = timesheet(office, member.file_id, year, month)
            return _print_timesheet(sheet, args.json)
        summary = month_summary(office, year, month)
    if args.json:
        print_json({"year": year, "month": month, "staff": [
            {"person_id": line.file_id, "number": line.number, "name": line.name, "state": line.state,
             **totals_json(line.totals), "year_leave_used": line.year_used, "leave_balance": line.balance}
            for line in summary.lines], "totals": totals_json(summary.totals)})
        return 0
    print(f"{summary.title}: {len(summary.lines)} staff")
    print("\t".join(MONTH_HEADER))
    for line in summary.lines:
        t = line.totals
        print("\t".join([line.number, line.name, str(t.working_days), _hm(t.expected),
                         *(_hm(getattr(t, n)) for n in FIGURES[:5]), str(t.absent_days),
                         *(_hm(getattr(t, n)) for n in FIGURES[5:]), _hm(line.balance)]))
    t = summary.totals
    print("\t".join(["", "جمع", "", _hm(t.expected), *(_hm(getattr(t, n)) for n in FIGURES[:5]), str(t.absent_days),
                     *(_hm(getattr(t, n)) for n in FIGURES[5:]), ""]))
    return 0


def _print_timesheet(sheet, as_json: bool) -> int:
    from crm_desktop.core.digits import to_latin

    if as_json:
        days = []
        for line in sheet.days:
            r = line.result
            days.append({"date": _day(line.day), "date_iso": line.day.isoformat(), "weekday": line.weekday,
                         "holiday": r.holiday, "expected": r.expected, **{n: getattr(r, n) for n in FIGURES},
                         "punches": [[a.isoformat() if a else None, b.isoformat() if b else None]
                                     for a, b in line.pairs()], "notes": line.notes()})
        print_json({"person_id": sheet.file_id, "number": sheet.number, "name": sheet.name, "year": sheet.year,
                    "month": sheet.month, "schedule": sheet.schedule.name, "days": days,
                    "totals": totals_json(sheet.totals), "leave_by_type": sheet.leave_by_type,
                    "year_leave_used": sheet.year_used, "leave_balance": sheet.balance})
        return 0
    print(f"{sheet.name} ({sheet.number}) — {sheet.title} — {sheet.schedule.name}")
    print("\t".join(DAY_HEADER))
    for line in sheet.days:
        ins, outs = line.punch_columns()
        r = line.result
        print("\t".join([_day(line.day), line.weekday, to_latin(" ".join(ins)), to_latin(" ".join(outs)),
                         *(_hm(getattr(r, n)) if getattr(r, n) else "" for n in FIGURES), "؛ ".join(line.notes())]))
    t = sheet.totals
    print("\t".join(["جمع", "", "", "", *(_hm(getattr(t, n)) for n in FIGURES), f"{t.working_days} روز کاری"]))
    print(f"موظف: {_hm(t.expected)}\tروز غیبت: {t.absent_days}\tمرخصی استحقاقی سال: {_hm(sheet.year_used)}\t"
          f"مانده مرخصی سال: {_hm(sheet.balance)}")
    return 0


def run_pin(args) -> int:
    from crm_desktop.core.digits import to_latin

    pin = to_latin(str(args.pin)).strip()
    if not pin.isascii() or not pin.isdigit():
        raise UserError(f"--pin must be the device's user number, not {args.pin!r}", "شناسه دستگاه باید عدد باشد.")
    pin = pin.lstrip("0") or "0"  # the device pads its PINs with zeros or spaces
    with _open(args) as office:
        member = resolve_person(office, args.person)
        office.attendance.set_pin(pin, member.file_id)
    print(f"device PIN {pin}: {member.name} ({member.number})")
    return 0
