"""``cheques``: the cheque book on the command line, and ``export cheques`` (CSV / XLSX).

    crm-desktop --db PATH cheques add --direction received|paid --sayad ID --serial S [--series S]
                --bank NAME_OR_KEY [--branch-name N --branch-code C --account A --sheba IR…] --amount A
                --due D [--issue D] [--guarantee] (--drawer CONTACT_ID | --payee CONTACT_ID)
                [--payee-national-id N] [--purpose P] [--note N] [--book BOOK_ID] [--json]
    crm-desktop --db PATH cheques list [filters] [--due-soon DAYS | --overdue] [--limit N] [--json]
    crm-desktop --db PATH cheques set-status ID STATUS [--on D] [--note N] [--account A] [--reason R] [--contact ID]
    crm-desktop --db PATH cheques undo ID
    crm-desktop --db PATH cheques show ID [--json]
    crm-desktop --db PATH cheques books list|add|show BOOK_ID|void-leaf|lost-leaf|unmark-leaf …
    crm-desktop --db PATH cheques alert-days [N]
    crm-desktop --db PATH export cheques --format xlsx|csv --out FILE [filters]

Dates are Jalali in any digit script and printed Jalali with Latin digits (JSON has ISO dates
too); amounts in any digit script, with or without separators. Statuses by key (``in_hand``) or
Persian label («نزد صندوق»). An error is one line on stderr with its Persian reason — a step
that does not follow from the current status, a bad Sayad ID, Sheba or national ID — exit code
2 (3 for the database), and nothing written.
"""

from __future__ import annotations

import functools

from crm_desktop.cheques.command_input import add_filter_options, whole
from crm_desktop.cli import clear_progress, print_json, terminal_progress, what_parsers
from crm_desktop.errors import UserError


def with_persian_reason(func):
    """Run a command; its UserError keeps its class and exit code but its one line also carries
    the Persian reason the app would show («… — چکی که وصول شده را نمی‌توان …»)."""

    @functools.wraps(func)
    def run(args):
        try:
            return func(args)
        except UserError as error:
            fa = " ".join((error.fa or "").split())
            if fa and fa != error.message and fa not in error.message:
                error.message = f"{error.message} — {fa}"
            raise

    return run


def register(sub) -> None:
    cheques = sub.add_parser("cheques", help="the cheque book: add, list, change status, cheque books, alerts",
                             description="The cheque book. Dates are Jalali (1404/07/15), amounts in rials, "
                                         "both in any digit script.")
    actions = cheques.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="record a cheque", description="Record a received or paid cheque; "
                             "prints its id. With --book a paid cheque is written on the book's next unused leaf.")
    add.add_argument("--direction", metavar="D", help="received or paid (دریافتی / پرداختی); --book implies paid")
    add.add_argument("--sayad", metavar="ID", help="the 16-digit Sayad ID (with --book: from the book if it knows it)")
    add.add_argument("--serial", metavar="S", help="the serial number (not with --book)")
    add.add_argument("--series", default="", metavar="S")
    add.add_argument("--bank", metavar="NAME_OR_KEY", help="ملت, mellat … (not with --book)")
    add.add_argument("--branch-name", default="", metavar="N")
    add.add_argument("--branch-code", default="", metavar="C")
    add.add_argument("--account", default="", metavar="A", help="the account number")
    add.add_argument("--sheba", default="", metavar="IR…")
    add.add_argument("--amount", required=True, metavar="A", help="rials: 12500000, 12,500,000, ۱۲٬۵۰۰٬۰۰۰ …")
    add.add_argument("--due", metavar="DATE", help="Jalali due date (only a guarantee cheque may have none)")
    add.add_argument("--issue", metavar="DATE", help="Jalali issue date")
    add.add_argument("--guarantee", action="store_true", help="a guarantee cheque (ضمانتی)")
    add.add_argument("--drawer", type=whole, metavar="CONTACT_ID", help="who drew it (a received cheque)")
    add.add_argument("--payee", type=whole, metavar="CONTACT_ID", help="to whom it is payable (a paid cheque)")
    add.add_argument("--payee-national-id", default="", metavar="N", help="10 digits (a person) or 11 (a company)")
    add.add_argument("--purpose", default="", metavar="P", help="«بابت»")
    add.add_argument("--note", default="", metavar="N")
    add.add_argument("--book", type=whole, metavar="BOOK_ID", help="issue a paid cheque from this cheque book's next leaf")
    add.add_argument("--json", action="store_true", help="print the cheque as JSON")
    add.set_defaults(func=with_persian_reason(run_add))

    lst = actions.add_parser("list", help="the filtered cheques with count and total per status",
                             description="Print the cheques the filters select (soonest due first) and a footer "
                                         "with the count and total amount per status.")
    add_filter_options(lst)
    lst.add_argument("--limit", type=whole, metavar="N", help="print at most N cheques (the footer counts them all)")
    lst.add_argument("--json", action="store_true", help="print the result as JSON")
    lst.set_defaults(func=with_persian_reason(run_list))

    step = actions.add_parser("set-status", help="take the next step of a cheque's life",
                              description="Take one step: only the steps that follow from the current status are "
                                          "accepted (deposited needs --account, bounced --reason, spent --contact).")
    step.add_argument("id", type=whole, metavar="ID")
    step.add_argument("status", metavar="STATUS", help="e.g. deposited, cleared, bounced, spent, returned, void "
                                                       "(or the Persian label)")
    step.add_argument("--on", metavar="DATE", help="the Jalali date of the step (default: today)")
    step.add_argument("--note", default="", metavar="N")
    step.add_argument("--account", default="", metavar="A", help="deposited: into which account")
    step.add_argument("--reason", default="", metavar="R", help="bounced: why")
    step.add_argument("--contact", type=whole, metavar="ID", help="spent: to whom; returned: to whom (default: the drawer)")
    step.add_argument("--json", action="store_true", help="print the step as JSON")
    step.set_defaults(func=with_persian_reason(run_set_status))

    undo = actions.add_parser("undo", help="take back a cheque's last step")
    undo.add_argument("id", type=whole, metavar="ID")
    undo.set_defaults(func=with_persian_reason(run_undo))

    show = actions.add_parser("show", help="one cheque with its history")
    show.add_argument("id", type=whole, metavar="ID")
    show.add_argument("--json", action="store_true", help="print the cheque as JSON")
    show.set_defaults(func=with_persian_reason(run_show))

    from crm_desktop.cheques.book_commands import register_books

    register_books(actions, with_persian_reason)

    days = actions.add_parser("alert-days", help="show or set how many days before the due date alerts ring",
                              description="Without N: print the setting. With N (0–60): set it and move every "
                                          "pending cheque's alert.")
    days.add_argument("days", type=whole, nargs="?", metavar="N")
    days.set_defaults(func=with_persian_reason(run_alert_days))

    exp = what_parsers(sub, "export").add_parser(
        "cheques", help="export cheques (CSV or XLSX, every column)",
        description="Write the cheques the filters select to a CSV (UTF-8 with BOM) or XLSX file, every column "
                    "with Persian headers, Jalali dates and amounts as numbers.")
    exp.add_argument("--format", choices=("xlsx", "csv"), help="file format (default: from --out)")
    exp.add_argument("--out", required=True, metavar="FILE", help="the file to write (replaced if it exists)")
    add_filter_options(exp)
    exp.add_argument("--json", action="store_true", help="print the result as JSON")
    exp.set_defaults(func=with_persian_reason(run_export))


# --- shared pieces -------------------------------------------------------------------------------

def open_office(args):
    from crm_desktop.reports.commands import open_office as open_existing

    return open_existing(args)  # the database must exist: cheques need contacts to draw on


def jalali(day) -> str:
    from crm_desktop.core.jalali import format_date

    return format_date(day, digits="latin") if day else ""


def rials(amount: int) -> str:
    from crm_desktop.core.money import format_amount

    return format_amount(amount, digits="latin")


def dated(prefix: str, day) -> dict:
    """{prefix: Jalali, prefix_iso: ISO} for JSON."""
    return {prefix: jalali(day), f"{prefix}_iso": day.isoformat() if day else None}


def row_json(row) -> dict:
    """A ChequeRow (repo_search.py) as JSON."""
    return {
        "id": row.id, "direction": row.direction, "direction_label": row.direction_label, "status": row.status,
        "status_label": row.status_label, **dated("status_date", row.status_date), "sayad_id": row.sayad_id,
        "series": row.series, "serial": row.serial, "bank": row.bank, "bank_name": row.bank_name,
        "branch_name": row.branch_name, "amount": row.amount, **dated("issue_date", row.issue_date),
        **dated("due_date", row.due_date), "guarantee": row.is_guarantee, "drawer_id": row.drawer_id,
        "drawer": row.drawer_name, "payee_id": row.payee_id, "payee": row.payee_name, "purpose": row.purpose,
        **dated("registered_on", row.registered_on), "book_id": row.book_id, "leaf_no": row.leaf_no,
    }


def counterparty(row) -> str:
    """The other side: the drawer of a received cheque, the payee of a paid one."""
    return row.drawer_name if row.direction == "received" else row.payee_name


def totals_json(totals) -> list[dict]:
    return [{"direction": d, "status": s, "label": label, "count": t.count, "amount": t.amount}
            for d, s, label, t in totals.lines()]


def footer_lines(totals) -> list[str]:
    """The app's footer: count and total per status, then the whole."""
    lines = [f"{label}\t{t.count:,} چک\t{rials(t.amount)}" for _, _, label, t in totals.lines()]
    lines.append(f"جمع\t{totals.count:,} چک\t{rials(totals.amount)}")
    return lines


LIST_HEADER = ("شناسه", "سررسید", "نوع", "وضعیت", "مبلغ (ریال)", "صادرکننده / در وجه", "بانک", "سریال", "شناسه صیادی")


# --- the commands --------------------------------------------------------------------------------

def _new_cheque(args):
    """The Cheque the options describe, checked as far as it can be without the database."""
    from crm_desktop.cheques.command_input import parse_direction
    from crm_desktop.cheques.model import Cheque, checked_amount, checked_date

    direction = parse_direction(args.direction)
    if args.book is not None:
        if direction not in (None, "paid"):
            raise UserError("--book issues a paid cheque; leave out --direction or say paid",
                            "از دسته چک فقط چک پرداختی صادر می‌شود.")
        given = [f"--{name.replace('_', '-')}" for name in ("serial", "series", "bank", "branch_name", "branch_code",
                                                            "account", "sheba") if getattr(args, name)]
        if given:
            raise UserError(f"{', '.join(given)}: these come from the cheque book with --book",
                            "بانک، حساب، سری و سریال از دسته چک برداشته می‌شود.")
        direction = "paid"
    elif direction is None:
        raise UserError("--direction is required (received or paid) unless --book is given",
                        "نوع چک (دریافتی یا پرداختی) را بدهید.")
    cheque = Cheque(direction=direction, sayad_id=args.sayad or "", series=args.series, serial=args.serial or "",
                    bank=args.bank or "", branch_name=args.branch_name, branch_code=args.branch_code,
                    account_number=args.account, sheba=args.sheba, amount=args.amount, issue_date=args.issue,
                    due_date=args.due, is_guarantee=args.guarantee, drawer_id=args.drawer, payee_id=args.payee,
                    payee_national_id=args.payee_national_id, purpose=args.purpose, note=args.note)
    if args.book is None:
        cheque.validate()  # with the bank as typed: only its key is looked up later
    else:
        cheque.amount = checked_amount(cheque.amount)
        cheque.issue_date = checked_date(cheque.issue_date, "issue_date")
        cheque.due_date = checked_date(cheque.due_date, "due_date")
    return cheque


def run_add(args) -> int:
    from crm_desktop.cheques.command_input import resolve_bank

    cheque = _new_cheque(args)  # bad input fails before the database is opened
    with open_office(args) as office:
        repo = office.cheques
        if args.book is None:
            cheque.bank = resolve_bank(repo, cheque.bank)
            new_id = repo.add(cheque)
        else:
            new_id = repo.issue_from_book(args.book, cheque)
        saved = repo.get(new_id)
        if args.json:
            print_json(cheque_json(repo, saved))
            return 0
        where = ""
        if saved.book_id is not None:
            where = f" on leaf {saved.leaf_no} of cheque book {saved.book_id}"
        print(f"cheque {new_id} added{where}: {saved.direction_label}, {saved.status_label}, "
              f"{rials(saved.amount)} rials, due {jalali(saved.due_date) or '—'}, serial {saved.serial}, "
              f"Sayad ID {saved.sayad_id}")
    return 0


def run_list(args) -> int:
    from crm_desktop.cheques.command_input import filter_from_args, with_bank

    query = filter_from_args(args)
    with open_office(args) as office:
        repo = office.cheques
        query = with_bank(repo, query)
        totals = repo.totals(query)
        rows = repo.search(query, "due", 0, args.limit) if args.limit is not None else repo.iter_rows(query)
        if args.json:
            print_json({"count": totals.count, "amount": totals.amount, "totals": totals_json(totals),
                        "cheques": [row_json(r) for r in rows]})
            return 0
        print("\t".join(LIST_HEADER))
        shown = 0
        for r in rows:  # streamed: a hundred thousand cheques need no more memory than a page
            due = jalali(r.due_date) or ("ضمانتی" if r.is_guarantee else "")
            print("\t".join([str(r.id), due, r.direction_label, r.status_label, rials(r.amount), counterparty(r),
                             r.bank_name, r.serial, r.sayad_id]))
            shown += 1
    if shown < totals.count:
        print(f"… {totals.count - shown} more (the footer counts them all)")
    print()
    print("\n".join(footer_lines(totals)))
    return 0


def event_json(event, direction: str) -> dict:
    from crm_desktop.cheques import status as st

    return {"id": event.id, "from": event.from_status, "from_label": st.label(direction, event.from_status),
            "to": event.to_status, "to_label": st.label(direction, event.to_status), **dated("on", event.on),
            "note": event.note, "account": event.account, "reason": event.reason, "contact_id": event.contact_id,
            "contact": event.contact_name}


def cheque_json(repo, cheque) -> dict:
    from crm_desktop.core.words import amount_in_words

    drawer, payee = repo.party_names(cheque)
    return {
        "id": cheque.id, "direction": cheque.direction, "direction_label": cheque.direction_label,
        "status": cheque.status, "status_label": cheque.status_label, **dated("status_date", cheque.status_date),
        "sayad_id": cheque.sayad_id, "series": cheque.series, "serial": cheque.serial, "bank": cheque.bank,
        "bank_name": repo.bank_name(cheque.bank), "branch_name": cheque.branch_name,
        "branch_code": cheque.branch_code, "account_number": cheque.account_number, "sheba": cheque.sheba,
        "amount": cheque.amount, "amount_words": amount_in_words(cheque.amount),
        **dated("issue_date", cheque.issue_date), **dated("due_date", cheque.due_date),
        "guarantee": cheque.is_guarantee, "drawer_id": cheque.drawer_id, "drawer": drawer,
        "payee_id": cheque.payee_id, "payee": payee, "payee_national_id": cheque.payee_national_id,
        "purpose": cheque.purpose, "note": cheque.note, "book_id": cheque.book_id, "leaf_no": cheque.leaf_no,
        **dated("registered_on", cheque.registered_on), "has_image": cheque.has_image,
        "history": [event_json(e, cheque.direction) for e in repo.history(cheque.id)],
    }


def step_text(step: dict) -> str:
    """«1404/07/10  نزد صندوق → واگذار شده به بانک  حساب: …» (the registration: «ثبت: نزد صندوق»)."""
    text = f"ثبت: {step['to_label']}" if not step["from"] else f"{step['from_label']} → {step['to_label']}"
    extras = [f"{label}: {step[key]}" for key, label in (("account", "حساب"), ("reason", "علت"), ("contact", "به"),
                                                         ("note", "یادداشت")) if step[key]]
    return "  ".join([step["on"], text, *extras])


def run_show(args) -> int:
    with open_office(args) as office:
        repo = office.cheques
        cheque = repo.get(args.id)
        if cheque is None:
            raise UserError(f"no cheque with id {args.id}", "چکی با این شناسه نیست.")
        data = cheque_json(repo, cheque)
    if args.json:
        print_json(data)
        return 0
    from crm_desktop.cheques.model import LABELS

    bank = data["bank_name"] + (f"، شعبه {data['branch_name']}" if data["branch_name"] else "") + (
        f" (کد {data['branch_code']})" if data["branch_code"] else "")
    lines = [
        ("چک", f"{data['id']} ({data['direction_label']})"),
        (LABELS["status"], f"{data['status_label']} — {data['status_date']}"),
        (LABELS["sayad_id"], data["sayad_id"]), (LABELS["series"], data["series"]), (LABELS["serial"], data["serial"]),
        (LABELS["bank"], bank), (LABELS["account_number"], data["account_number"]), (LABELS["sheba"], data["sheba"]),
        (LABELS["amount"], f"{rials(data['amount'])} ریال ({data['amount_words']})"),
        (LABELS["issue_date"], data["issue_date"]), (LABELS["due_date"], data["due_date"]),
        (LABELS["is_guarantee"], "بله" if data["guarantee"] else ""),
        (LABELS["drawer_id"], _party(data["drawer"], data["drawer_id"])),
        (LABELS["payee_id"], _party(data["payee"], data["payee_id"])),
        (LABELS["payee_national_id"], data["payee_national_id"]), (LABELS["purpose"], data["purpose"]),
        (LABELS["note"], data["note"].replace("\n", " / ")),
        (LABELS["book_id"], f"{data['book_id']}، برگ {data['leaf_no']}" if data["book_id"] else ""),
        ("تاریخ ثبت", data["registered_on"]),
    ]
    for label, value in lines:
        if value:
            print(f"{label}: {value}")
    print("سابقه:")
    for step in data["history"]:
        print(f"  {step_text(step)}")
    return 0


def _party(name: str, contact_id) -> str:
    return f"{name} ({contact_id})" if contact_id is not None else ""


def run_set_status(args) -> int:
    from crm_desktop.cheques.command_input import parse_status
    from crm_desktop.cheques.model import checked_date

    status = parse_status(args.status)
    on = checked_date(args.on, "on") if args.on else None
    with open_office(args) as office:
        repo = office.cheques
        repo.set_status(args.id, status, on=on, note=args.note, contact_id=args.contact,
                        account=args.account, reason=args.reason)
        direction = repo.get(args.id).direction
        step = event_json(repo.history(args.id)[-1], direction)
    if args.json:
        print_json({"cheque_id": args.id, **step})
    else:
        print(f"cheque {args.id}: {step_text(step)}")
    return 0


def run_undo(args) -> int:
    from crm_desktop.cheques import status as st

    with open_office(args) as office:
        repo = office.cheques
        event = repo.undo_last_step(args.id)
        cheque = repo.get(args.id)
    print(f"cheque {args.id}: took back «{st.label(cheque.direction, event.to_status)}» of {jalali(event.on)}; "
          f"now «{cheque.status_label}»")
    return 0


def run_alert_days(args) -> int:
    from crm_desktop.cheques import alerts

    with open_office(args) as office:
        if args.days is None:
            print(alerts.alert_days(office.conn))
            return 0
        moved = alerts.change_alert_days(office, args.days)
    print(f"due alerts ring {args.days} days before the due date and on the day; {moved} cheque alerts updated")
    return 0


def run_export(args) -> int:
    from crm_desktop.cheques.command_input import filter_from_args, with_bank
    from crm_desktop.cheques.exporter import export_cheques

    query = filter_from_args(args)  # bad options fail before the database is opened
    progress = terminal_progress()
    with open_office(args) as office:
        query = with_bank(office.cheques, query)
        try:
            result = export_cheques(office, query, args.out, args.format, progress)
        finally:
            clear_progress(progress)
    if args.json:
        print_json(result.to_json())
    else:
        print(f"exported {result.count} cheques to {result.path} ({result.format}) in {result.seconds:.2f} s")
    return 0
