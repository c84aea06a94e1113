"""Reading the ``cheques`` / ``report cheques`` / ``export cheques`` options (no Qt): directions
and statuses by key or Persian label, banks by key or name, Jalali dates and amounts in any digit
script, and the filter they add up to. Every error is a UserError naming the option, in English
and Persian; nothing here opens the database except ``resolve_bank``."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date, timedelta

from crm_desktop.errors import UserError

DIRECTION_WORDS = {"received": "received", "paid": "paid", "دریافتی": "received", "پرداختی": "paid"}


def whole(text: str) -> int:
    """An argparse type: a whole number ≥ 0 in any digit script."""
    from crm_desktop.core.digits import to_latin

    value = to_latin(str(text)).strip()
    if not value.isascii() or not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(value)


def _key(text: str) -> str:
    from crm_desktop.core.text import normalise

    return normalise(text).replace("-", "_").replace(" ", "")


def parse_direction(text: str | None) -> str | None:
    if text is None:
        return None
    found = {_key(word): key for word, key in DIRECTION_WORDS.items()}.get(_key(text))
    if found is None:
        raise UserError(f"--direction must be received or paid (دریافتی / پرداختی), not {text!r}",
                        "نوع چک باید دریافتی یا پرداختی باشد.")
    return found


def parse_status(text: str, option: str = "STATUS") -> str:
    """A status by key (``in_hand``, ``in-hand``) or Persian label («نزد صندوق», «پاس شده»)."""
    from crm_desktop.cheques import status as st

    names = {}
    for direction, labels in st.LABELS.items():
        for key, label in labels.items():
            names[_key(key)] = key
            names[_key(label)] = key
    for (_, key), label in st.LONG_LABELS.items():
        names[_key(label)] = key
    found = names.get(_key(text))
    if found is None:
        raise UserError(f"{option}: unknown status {text!r} (one of: {', '.join(st.ALL_STATUSES)})",
                        f"وضعیت «{text}» شناخته نیست.")
    return found


def parse_statuses(values) -> tuple[str, ...]:
    """``--status`` given once or more, each possibly a comma-separated list."""
    out = []
    for value in values or ():
        for part in str(value).replace("،", ",").split(","):
            if part.strip():
                status = parse_status(part.strip(), "--status")
                if status not in out:
                    out.append(status)
    return tuple(out)


def parse_day(text: str | None, option: str) -> date | None:
    from crm_desktop.core.jalali import parse_date

    return parse_date(text, option) if text else None


def parse_money(text: str | None, option: str) -> int | None:
    from crm_desktop.core.money import parse_amount

    return parse_amount(text, option) if text else None


def resolve_bank(repo, text: str | None) -> str | None:
    """A bank's key from its key or name («ملت», «بانک ملت», «mellat»), hidden banks included."""
    from crm_desktop.core.text import normalise

    if not text:
        return None
    wanted = normalise(text).replace("\u200c", " ")
    if wanted.startswith("بانک "):
        wanted = wanted[len("بانک "):]
    banks = repo.banks(include_hidden=True)
    for bank in banks:
        if bank.key == text.strip().lower() or normalise(bank.name).replace("\u200c", " ") == wanted:
            return bank.key
    shown = ", ".join(f"{b.key} ({b.name})" for b in banks[:8])
    raise UserError(f"no bank {text!r} in the list of banks (e.g. {shown}, …)", f"بانک «{text}» در فهرست بانک‌ها نیست.")


# --- the filter options (list, report, export) ---------------------------------------------------

def add_filter_options(parser, *, due_lists: bool = True) -> None:
    """The cheque tab's filters as options; ``due_lists`` adds --due-soon DAYS / --overdue."""
    parser.add_argument("--direction", metavar="D", help="received or paid (دریافتی / پرداختی)")
    parser.add_argument("--status", action="append", metavar="S",
                        help="only this status (key or Persian label; repeat or separate with commas)")
    parser.add_argument("--bank", metavar="NAME", help="a bank by name or key (ملت, mellat)")
    parser.add_argument("--contact", type=whole, metavar="ID", help="the counterparty: drawer or payee")
    parser.add_argument("--due-from", metavar="DATE", help="due on or after this Jalali date")
    parser.add_argument("--due-to", metavar="DATE", help="due on or before this Jalali date")
    parser.add_argument("--registered-from", metavar="DATE", help="recorded on or after this Jalali date")
    parser.add_argument("--registered-to", metavar="DATE", help="recorded on or before this Jalali date")
    parser.add_argument("--amount-min", metavar="A", help="at least this many rials (۱۲٬۵۰۰٬۰۰۰, 12500000 …)")
    parser.add_argument("--amount-max", metavar="A", help="at most this many rials")
    parser.add_argument("--search", metavar="TEXT", help="a Sayad ID or serial, or a part of one")
    parser.add_argument("--guarantee", action="store_true", default=None, help="only guarantee cheques")
    if due_lists:
        due = parser.add_mutually_exclusive_group()
        due.add_argument("--due-soon", type=whole, metavar="DAYS",
                         help="cheques still waiting for their due date, due from today to today + DAYS")
        due.add_argument("--overdue", action="store_true", help="cheques still waiting whose due date has passed")


def filter_from_args(args, today: date | None = None):
    """A ChequeFilter from the options, checked without the database (``bank`` still as typed:
    ``resolve_bank`` it once the database is open)."""
    from crm_desktop.cheques import status as st
    from crm_desktop.cheques.repo_search import ChequeFilter

    today = today or date.today()
    direction = parse_direction(args.direction)
    statuses = parse_statuses(args.status)
    if direction:
        for status in statuses:
            st.check_status(direction, status)
    due_from, due_to = parse_day(args.due_from, "--due-from"), parse_day(args.due_to, "--due-to")
    soon, overdue = getattr(args, "due_soon", None), getattr(args, "overdue", False)
    if (soon is not None or overdue) and (due_from or due_to):
        raise UserError("--due-soon and --overdue set the due range themselves; leave out --due-from / --due-to",
                        "سررسید نزدیک یا گذشته را با بازه سررسید با هم نمی‌توان داد.")
    if soon is not None or overdue:
        pending = tuple(s for d, ss in st.PENDING.items() if direction in (None, d) for s in ss)
        if statuses:
            statuses = tuple(s for s in statuses if s in pending)
            if not statuses:
                raise UserError("--due-soon / --overdue list cheques still waiting (in hand, deposited, issued); "
                                "the --status given is none of those", "وضعیت داده‌شده از چک‌های در انتظار سررسید نیست.")
        else:
            statuses = pending
        due_from, due_to = (today, today + timedelta(days=soon)) if soon is not None else (None, today - timedelta(days=1))
    registered_from = parse_day(args.registered_from, "--registered-from")
    registered_to = parse_day(args.registered_to, "--registered-to")
    amount_min, amount_max = parse_money(args.amount_min, "--amount-min"), parse_money(args.amount_max, "--amount-max")
    for low, high, names in ((due_from, due_to, "--due-from / --due-to"),
                             (registered_from, registered_to, "--registered-from / --registered-to"),
                             (amount_min, amount_max, "--amount-min / --amount-max")):
        if low is not None and high is not None and high < low:
            raise UserError(f"{names}: the end is before the start", "پایان بازه پیش از آغاز آن است.")
    return ChequeFilter(direction=direction, statuses=statuses, bank=args.bank or None, contact_id=args.contact,
                        registered_from=registered_from, registered_to=registered_to, due_from=due_from,
                        due_to=due_to, amount_min=amount_min, amount_max=amount_max, text=args.search or "",
                        guarantee=args.guarantee)


def with_bank(repo, query):
    """The filter with its bank resolved to a key (UserError for an unknown bank)."""
    return replace(query, bank=resolve_bank(repo, query.bank)) if query.bank else query


def describe_filter(query, bank_name: str = "", contact_name: str = "") -> str:
    """The filter in Persian for a report's subtitle («دریافتی، نزد صندوق، سررسید از … تا …»)."""
    from crm_desktop.cheques import status as st
    from crm_desktop.core.digits import to_persian
    from crm_desktop.core.jalali import format_date
    from crm_desktop.core.money import format_amount

    def span(low, high, show):
        if low is not None and high is not None:
            return f"از {show(low)} تا {show(high)}"
        return f"از {show(low)}" if low is not None else f"تا {show(high)}" if high is not None else ""

    parts = []
    if query.direction:
        parts.append(f"چک‌های {st.DIRECTIONS[query.direction]}")
    if query.statuses:
        labels = [st.label(query.direction, s) if query.direction else
                  " / ".join(dict.fromkeys(st.label(d, s) for d in st.LABELS if s in st.LABELS[d]))
                  for s in query.statuses]
        parts.append("وضعیت " + "، ".join(f"«{label}»" for label in labels))
    if query.bank:
        parts.append(f"بانک {bank_name or query.bank}")
    if query.contact_id is not None:
        parts.append(f"طرف حساب {contact_name or to_persian(query.contact_id)}")
    due = span(query.due_from, query.due_to, format_date)
    if due:
        parts.append(f"سررسید {due}")
    registered = span(query.registered_from, query.registered_to, format_date)
    if registered:
        parts.append(f"ثبت {registered}")
    amount = span(query.amount_min, query.amount_max, format_amount)
    if amount:
        parts.append(f"مبلغ {amount} ریال")
    if query.text:
        parts.append(f"جستجوی «\u2068{to_persian(query.text)}\u2069»")
    if query.guarantee:
        parts.append("فقط ضمانتی")
    return "، ".join(parts) if parts else "همه چک‌ها"
