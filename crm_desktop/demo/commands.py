"""``demo-data``: create (or migrate) the database and fill it with Persian demo data.

One ``--<step> N`` option per step in ``demo.steps.STEPS`` (``--contacts``, ``--reminders``, ``--cheques``), ``--seed``,
``--append`` (a database that already has contacts is refused without it) and ``--json``.
"""

from __future__ import annotations

import argparse
import sys

from crm_desktop.cli import db_path, print_json, terminal_progress


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"cannot be negative: {value}")
    return value


def register(sub) -> None:
    from crm_desktop.demo.steps import STEPS

    demo = sub.add_parser(
        "demo-data",
        help="fill the database with Persian demo data (creates it if needed)",
        description="Fill the database with realistic Persian demo data; the same --seed gives the same data.",
    )
    for step in STEPS:
        demo.add_argument(f"--{step.option or step.name}", dest=step.name, type=count, default=step.default, metavar="N",
                          help=step.help)
    demo.add_argument("--seed", type=int, default=1, help="random seed (default: %(default)s)")
    demo.add_argument("--append", action="store_true", help="add to a database that already has contacts")
    demo.add_argument("--json", action="store_true", help="print the result as JSON")
    demo.set_defaults(func=run_demo_data)


def run_demo_data(args) -> int:
    from crm_desktop.demo.steps import STEPS, fill_demo_file

    path = db_path(args)
    counts = {step.name: getattr(args, step.name) for step in STEPS}
    progress = terminal_progress()
    try:
        result = fill_demo_file(path, counts, args.seed, progress, append=args.append)
    finally:
        if progress is not None:
            print("\r    \r", end="", file=sys.stderr, flush=True)
    if args.json:
        print_json(result.to_json())
        return 0
    made = result.steps.get("contacts", {})
    attendance = result.steps.get("attendance", {})
    extras = []
    reminders = result.steps.get("reminders", {})
    if reminders.get("reminders"):
        extras.append(f"{reminders['reminders']} reminders")
    cheques = result.steps.get("cheques", {})
    if cheques.get("cheques"):
        extras.append(f"{cheques['cheques']} cheques ({cheques.get('books', 0)} cheque books, "
                      f"{cheques.get('alerts', 0)} due alerts)")
    files = result.steps.get("files", {})
    if any(files.get(k) for k in ("personnel", "customers", "applicants")):
        extras.append(f"{files.get('personnel', 0)} personnel, {files.get('customers', 0)} customer and "
                      f"{files.get('applicants', 0)} applicant files")
    print(
        f"demo-data: {made.get('contacts', 0)} contacts ({made.get('phones', 0)} phones, {made.get('emails', 0)} e-mails, "
        f"{made.get('addresses', 0)} addresses){''.join(', ' + e for e in extras)}"
        f"{_attendance_text(attendance)} in {result.seconds:.2f} s; "
        f"{result.totals.get('contacts', 0)} contacts in {path}"
    )
    return 0


def _attendance_text(made: dict) -> str:
    """«, 3 months of attendance for 25 staff (4,210 punches)» or ''."""
    if not made.get("staff"):
        return ""
    months = made["months"]
    return f", {months} month{'s' if months != 1 else ''} of attendance for {made['staff']} staff ({made['punches']:,} punches)"
