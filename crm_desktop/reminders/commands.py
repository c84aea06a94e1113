"""``reminders``: the reminder book on the command line, and ``export reminders`` (iCalendar).

    crm-desktop --db PATH reminders add --subject S --at "1403/07/15 09:30" [--group G]
                [--repeat none|daily|weekly|every-n-days|monthly|yearly] [--weekdays شنبه,دوشنبه | 0,2]
                [--every N] [--month-day D] [--count N | --until D] [--skip-fridays] [--skip-holidays]
                [--advance 15m,1d] [--note N] [--place P] [--priority low|normal|high] [--contact ID] [--json]
    crm-desktop --db PATH reminders list [--from D] [--to D] [--group G] [--search Q] [--json]
    crm-desktop --db PATH reminders done ID --at "1403/07/15 09:30"
    crm-desktop --db PATH reminders delete ID [ID …]
    crm-desktop --db PATH reminders birthdays [--time 09:00] [--json]
    crm-desktop --db PATH export reminders --format ics --out FILE [--from D] [--to D] [--group G] [--search Q]

Dates and times are Jalali, typed in any digit script, and printed Jalali with Latin digits (as
the phonebook's ``search`` does). A bad date or time, or a repeat that can never fire, is one
English line on stderr, exit code 2, and nothing written. The reminder package's modules are
imported when a command runs, never while the command line is parsed.
"""

from __future__ import annotations

import sys
from datetime import datetime

from crm_desktop.cli import db_path, print_json, what_parsers
from crm_desktop.errors import UserError
from crm_desktop.reminders.command_input import (build_repeat, date_range, find_group_id, parse_advances, parse_at,
                                                 parse_priority)

DEFAULT_DAYS = 30  # ``list`` without --to: today .. today + 30 days
EXPORT_DAYS = 365  # ``export reminders`` without --to: a year from --from
REPEAT_CHOICES = ("none", "daily", "weekly", "every-n-days", "monthly", "yearly")


def register(sub) -> None:
    rem = sub.add_parser("reminders", help="the reminder book: add, list, mark done, delete",
                         description="The reminder book. Dates are Jalali (1403/07/15), in any digit script.")
    actions = rem.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="record a reminder", description="Record a reminder; prints its id and next time.")
    add.add_argument("--subject", required=True, metavar="S")
    add.add_argument("--at", required=True, metavar="DATETIME", help='Jalali date and time, e.g. "1403/07/15 09:30"')
    add.add_argument("--group", metavar="G", help="a reminder group by name (e.g. جلسه)")
    add.add_argument("--repeat", choices=REPEAT_CHOICES, help="how it repeats (default: none; implied by "
                     "--weekdays / --every / --month-day)")
    add.add_argument("--weekdays", metavar="DAYS", help="weekly: شنبه,دوشنبه or 0,2 (0 = Saturday; default: the day of --at)")
    add.add_argument("--every", type=_whole, metavar="N", help="every-n-days: the number of days")
    add.add_argument("--month-day", type=_whole, metavar="D", help="monthly: the Jalali day 1–31 (default: the day of --at)")
    end = add.add_mutually_exclusive_group()
    end.add_argument("--count", type=_whole, metavar="N", help="stop after N times")
    end.add_argument("--until", metavar="DATE", help="stop after this Jalali date")
    add.add_argument("--skip-fridays", action="store_true", help="leave out occurrences on Fridays")
    add.add_argument("--skip-holidays", action="store_true", help="leave out occurrences on official holidays")
    add.add_argument("--advance", metavar="LIST", help="advance notices, e.g. 15m,2h,1d (or «۱۵ دقیقه»)")
    add.add_argument("--note", default="", metavar="N")
    add.add_argument("--place", default="", metavar="P")
    add.add_argument("--priority", default="normal", metavar="P", help="low, normal (default) or high")
    add.add_argument("--contact", type=_whole, metavar="ID", help="the phonebook contact it is about")
    add.add_argument("--json", action="store_true", help="print the result as JSON")
    add.set_defaults(func=run_add)

    lst = actions.add_parser("list", help="the occurrences in a date range",
                             description="Print the occurrences (repeats expanded) in a Jalali date range.")
    _range_options(lst, f"today + {DEFAULT_DAYS} days")
    lst.add_argument("--json", action="store_true", help="print the result as JSON")
    lst.set_defaults(func=run_list)

    done = actions.add_parser("done", help="mark one occurrence done")
    done.add_argument("id", type=_whole, metavar="ID")
    done.add_argument("--at", metavar="DATETIME", help="the occurrence (Jalali date and time); optional without repeats")
    done.set_defaults(func=run_done)

    delete = actions.add_parser("delete", help="delete reminders")
    delete.add_argument("ids", type=_whole, nargs="+", metavar="ID")
    delete.set_defaults(func=run_delete)

    birthdays = actions.add_parser("birthdays", help="yearly reminders from the phonebook's birthdays (never twice)")
    birthdays.add_argument("--time", default="09:00", metavar="HH:MM", help="the time of day (default: %(default)s)")
    birthdays.add_argument("--json", action="store_true", help="print the result as JSON")
    birthdays.set_defaults(func=run_birthdays)

    exp = what_parsers(sub, "export").add_parser(
        "reminders", help="export reminders to an iCalendar (.ics) file",
        description="Write the reminders of a date range to an iCalendar file other calendars can read.")
    exp.add_argument("--format", choices=("ics",), default="ics", help="file format (default: %(default)s)")
    exp.add_argument("--out", required=True, metavar="FILE", help="the file to write (replaced if it exists)")
    _range_options(exp, f"--from + {EXPORT_DAYS} days")
    exp.add_argument("--json", action="store_true", help="print the result as JSON")
    exp.set_defaults(func=run_export)


def _whole(text: str) -> int:
    import argparse

    from crm_desktop.core.digits import to_latin

    try:
        return int(to_latin(text.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _range_options(parser, to_default: str) -> None:
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first Jalali day (default: today)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help=f"last Jalali day (default: {to_default})")
    parser.add_argument("--group", metavar="G", help="only this group")
    parser.add_argument("--search", metavar="Q", help="only reminders whose subject, note or place match")


# --- the commands -----------------------------------------------------------------------------


def open_office(args, create: bool = True):
    from crm_desktop.office import Office
    from crm_desktop.storage.db import ensure_ours

    path = db_path(args)
    if not create or path.exists():
        ensure_ours(path)
    return Office(path)


def jalali(dt: datetime | None) -> str:
    from crm_desktop.core.jalali import format_datetime

    return format_datetime(dt, digits="latin") if dt else ""


def run_add(args) -> int:
    from crm_desktop.reminders.model import Reminder

    starts_at = parse_at(args.at)  # every option is checked before the database is opened
    repeat = build_repeat(args, starts_at)
    advance = parse_advances(args.advance)
    priority = parse_priority(args.priority)
    with open_office(args) as office:
        repo = office.reminders
        if args.contact is not None and office.phonebook.get(args.contact) is None:
            raise UserError(f"no contact with id {args.contact}", "مخاطبی با این شناسه نیست.")
        reminder = Reminder(subject=args.subject.strip(), starts_at=starts_at, group_id=find_group_id(repo, args.group),
                            note=args.note, place=args.place, priority=priority, contact_id=args.contact,
                            repeat=repeat, advance=advance)
        reminder.validate()
        new_id = repo.add(reminder)
        following = next_occurrence(repo, new_id, datetime.now())
    if args.json:
        print_json({"id": new_id, "next": jalali(following), "next_at": following.isoformat() if following else None,
                    "repeat": repeat.describe()})
    else:
        shown = jalali(following) if following else "none (its time has passed)"
        print(f"reminder {new_id} added; next: {shown}")
    return 0


def next_occurrence(repo, reminder_id: int, now: datetime) -> datetime | None:
    """The reminder's first occurrence at or after ``now`` (holidays as the repo knows them)."""
    from crm_desktop.reminders import recurrence

    reminder = repo.get(reminder_id)
    return recurrence.next_occurrence(reminder.starts_at, reminder.repeat, now.replace(microsecond=0),
                                      holiday_test(repo))


def holiday_test(repo):
    """``date -> bool``: official holidays with the operator's changes (what the engine skips)."""
    make = getattr(repo, "holiday_test", None)
    if callable(make):
        return make()
    from crm_desktop.core.holidays import is_holiday

    return is_holiday


def occurrence_json(o) -> dict:
    from crm_desktop.core.jalali import WEEKDAY_NAMES, weekday
    from crm_desktop.reminders.model import PRIORITIES

    return {
        "reminder_id": o.reminder_id, "at": jalali(o.at), "at_iso": o.at.isoformat(),
        "weekday": WEEKDAY_NAMES[weekday(o.at.date())], "subject": o.subject, "group": o.group_name,
        "note": o.note, "place": o.place, "priority": PRIORITIES.get(o.priority, ""), "contact_id": o.contact_id,
        "contact": o.contact_name, "done": o.done, "source": o.source,
    }


def select_occurrences(office, args, days: int):
    start, end = date_range(args, days)
    repo = office.reminders
    found = repo.occurrences_between(start, end, group_id=find_group_id(repo, args.group), text=args.search or "")
    return start, end, found


def run_list(args) -> int:
    date_range(args, DEFAULT_DAYS)  # bad dates fail before the database is opened
    with open_office(args, create=False) as office:
        start, end, found = select_occurrences(office, args, DEFAULT_DAYS)
    if args.json:
        print_json({"from": jalali(start)[:10], "to": jalali(end)[:10], "count": len(found),
                    "occurrences": [occurrence_json(o) for o in found]})
        return 0
    for o in found:
        cells = [jalali(o.at), str(o.reminder_id), o.subject, o.group_name, o.contact_name, o.place,
                 "done" if o.done else ""]
        print("\t".join(cells).rstrip("\t"))
    if not found:
        print("crm-desktop: no reminder in this range", file=sys.stderr)
    return 0


def run_done(args) -> int:
    from crm_desktop.reminders.recurrence import occurrences

    at = parse_at(args.at) if args.at else None
    with open_office(args, create=False) as office:
        repo = office.reminders
        reminder = repo.get(args.id)
        if reminder is None:
            raise UserError(f"no reminder with id {args.id}", "یادآوری با این شناسه نیست.")
        if at is None:
            if reminder.repeat.kind != "none":
                raise UserError("this reminder repeats: say which time with --at", "زمان این نوبت را بدهید.")
            at = reminder.starts_at
        found = list(occurrences(reminder.starts_at, reminder.repeat, after=at, until=at, holidays=holiday_test(repo)))
        if not found:
            raise UserError(f"reminder {args.id} has no occurrence at {jalali(at)}", "یادآوری در این زمان نوبتی ندارد.")
        repo.mark_done(args.id, at, datetime.now())
    print(f"reminder {args.id} at {jalali(at)}: done")
    return 0


def run_delete(args) -> int:
    with open_office(args, create=False) as office:
        deleted = office.reminders.delete(list(args.ids))
    if not deleted:
        raise UserError(f"no reminder with id {', '.join(map(str, args.ids))}", "یادآوری با این شناسه نیست.")
    print(f"deleted {deleted} reminder{'s' if deleted != 1 else ''}")
    return 0


def run_birthdays(args) -> int:
    from crm_desktop.core.jalali import parse_time

    at_time = parse_time(args.time, "--time")
    with open_office(args, create=False) as office:
        made = office.reminders.birthday_reminders(at_time=at_time)
    if args.json:
        print_json({"made": made})
    else:
        print(f"made {made} birthday reminder{'s' if made != 1 else ''}")
    return 0


def run_export(args) -> int:
    from crm_desktop.reminders.ics import export_ics

    date_range(args, EXPORT_DAYS)
    with open_office(args, create=False) as office:
        start, end = date_range(args, EXPORT_DAYS)
        repo = office.reminders
        result = export_ics(repo, args.out, start, end, group_id=find_group_id(repo, args.group), text=args.search or "")
    if args.json:
        print_json(result.to_json())
    else:
        print(f"exported {result.reminders} reminders ({result.events} events) to {result.path} in {result.seconds:.2f} s")
    return 0
