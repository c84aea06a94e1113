"""Reading the ``reminders`` command line's options (no Qt): Jalali dates and times in any digit
script, weekdays by Persian or English name or number, advance notices, priorities, and the
repeat rule they add up to. Every error is a UserError naming the option, in English and Persian.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from crm_desktop.errors import UserError

PRIORITY_CHOICES = {"low": 0, "normal": 1, "high": 2}
WEEKDAY_ALIASES = (  # 0 = Saturday … 6 = Friday, as core.jalali.weekday
    ("sa", "sat", "saturday"), ("su", "sun", "sunday"), ("mo", "mon", "monday"), ("tu", "tue", "tuesday"),
    ("we", "wed", "wednesday"), ("th", "thu", "thursday"), ("fr", "fri", "friday"),
)


def parse_day(text: str, option: str) -> date:
    from crm_desktop.core.jalali import parse_date

    return parse_date(text, option)


def parse_at(text: str, option: str = "--at") -> datetime:
    from crm_desktop.core.jalali import parse_datetime

    return parse_datetime(text, option)


def date_range(args, days: int) -> tuple[datetime, datetime]:
    """--from/--to as [start of the first day, end of the last day]."""
    first = parse_day(args.date_from, "--from") if args.date_from else date.today()
    last = parse_day(args.date_to, "--to") if args.date_to else first + timedelta(days=days)
    if last < first:
        raise UserError("--to is before --from", "تاریخ پایان پیش از تاریخ شروع است.")
    return datetime.combine(first, time()), datetime.combine(last, time(23, 59, 59))


def parse_weekdays(text: str) -> tuple[int, ...]:
    """«شنبه,دوشنبه», «0,2», «sat,mon» (any digit script, any ی/ي, with or without ZWNJ)."""
    from crm_desktop.core.digits import to_latin
    from crm_desktop.core.jalali import WEEKDAY_NAMES
    from crm_desktop.core.text import normalise

    def key(name: str) -> str:
        return "".join(normalise(name).split()).replace("\u200c", "")

    names = {key(name): i for i, name in enumerate(WEEKDAY_NAMES)}
    for i, aliases in enumerate(WEEKDAY_ALIASES):
        names.update(dict.fromkeys(aliases, i))
    days = set()
    for part in to_latin(text).replace("،", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if part.isdigit() and int(part) <= 6:
            days.add(int(part))
        elif key(part).lower() in names:
            days.add(names[key(part).lower()])
        else:
            raise UserError(f"--weekdays: {part!r} is not a weekday (write شنبه…جمعه or 0–6, 0 = Saturday)",
                            f"«{part}» روز هفته نیست.")
    if not days:
        raise UserError("--weekdays: no weekday given", "روزی از هفته انتخاب نشده است.")
    return tuple(sorted(days))


def parse_advances(text: str | None) -> tuple[int, ...]:
    from crm_desktop.reminders.model import parse_advance

    if not text:
        return ()
    out = []
    for part in text.replace("،", ",").split(","):
        if part.strip():
            try:
                out.append(parse_advance(part.strip()))
            except UserError as error:
                raise UserError(f"--advance: {part.strip()!r}: {error.message}", error.fa) from None
    return tuple(sorted(set(out)))


def parse_priority(text: str) -> int:
    from crm_desktop.core.digits import to_latin

    value = to_latin(text.strip()).lower()
    persian = {"کم": 0, "عادی": 1, "زیاد": 2}
    if value in PRIORITY_CHOICES:
        return PRIORITY_CHOICES[value]
    if value in persian:
        return persian[value]
    if value in ("0", "1", "2"):
        return int(value)
    raise UserError(f"--priority must be low, normal or high, not {text!r}", "اولویت باید کم، عادی یا زیاد باشد.")


def build_repeat(args, starts_at: datetime):
    """model.Repeat from the options; the kind is implied by --weekdays / --every / --month-day."""
    from crm_desktop.core.jalali import weekday
    from crm_desktop.reminders.model import Repeat

    implied = [kind for kind, given in (("weekly", args.weekdays), ("every-n-days", args.every is not None),
                                        ("monthly", args.month_day is not None)) if given]
    kind = args.repeat
    if kind is None:
        if len(implied) > 1:
            raise UserError("--weekdays, --every and --month-day belong to different repeats; give one",
                            "فقط یکی از روزهای هفته، هر چند روز یا روز ماه را بدهید.")
        kind = implied[0] if implied else "none"
    for other in implied:
        if other != kind:
            option = {"weekly": "--weekdays", "every-n-days": "--every", "monthly": "--month-day"}[other]
            raise UserError(f"{option} is for --repeat {other}, not {kind}", f"گزینه {option} با این نوع تکرار نمی‌خواند.")
    if kind == "none" and (args.count is not None or args.until or args.skip_fridays or args.skip_holidays):
        raise UserError("--count, --until, --skip-fridays and --skip-holidays need a --repeat",
                        "پایان تکرار و رد کردن روزها فقط برای یادآوری تکرارشونده است.")
    fields = {"kind": kind.replace("-", "_"), "skip_fridays": args.skip_fridays, "skip_holidays": args.skip_holidays}
    if kind == "weekly":
        fields["weekdays"] = parse_weekdays(args.weekdays) if args.weekdays else (weekday(starts_at.date()),)
    elif kind == "every-n-days":
        fields["every"] = args.every if args.every is not None else 1
    elif kind == "monthly":
        fields["month_day"] = args.month_day or 0
    if args.count is not None:
        fields.update(end="count", count=args.count)
    elif args.until:
        fields.update(end="until", until=parse_day(args.until, "--until"))
    return Repeat(**fields)


def find_group_id(repo, name: str | None) -> int | None:
    from crm_desktop.core.text import normalise

    if name is None:
        return None
    groups = repo.groups()
    for group in groups:
        if normalise(group.name) == normalise(name):
            return group.id
    known = ", ".join(g.name for g in groups) or "none"
    raise UserError(f"no reminder group named {name!r} (groups: {known})", f"گروه یادآوری «{name}» نیست.")
