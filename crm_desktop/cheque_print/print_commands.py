"""``print-cheque`` and ``templates`` on the command line (Qt is loaded only when printing).

    crm-desktop --db PATH print-cheque --id N [--id M ...] [--template NAME] [--printer NAME] --out FILE.pdf
    crm-desktop --db PATH print-cheque --amount 1250000 --date 1403/07/15 --payee "…" [--national-id …]
                [--for "…"] [--template NAME] --out FILE.pdf
    crm-desktop --db PATH print-cheque [--id N | values] --test-page --out FILE.pdf   (the calibration page)
    crm-desktop --db PATH templates list [--json] | export NAME --out FILE | import FILE

The amount and the date printed for ``--id`` always come from the stored cheque (its due date).
``--printer`` applies that printer's stored calibration; ``--dx/--dy/--feed`` override it for
this print. Warnings (a font that is not installed, words shrunk to fit) go to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

from crm_desktop.cheques.commands import open_office, with_persian_reason
from crm_desktop.cli import print_json
from crm_desktop.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("print-cheque", help="print cheques onto their leaves (PDF), or the calibration page",
                       description="Print cheques with a layout template to a PDF, one leaf per page.")
    p.add_argument("--id", type=int, action="append", dest="ids", metavar="N", help="a cheque's id (repeatable)")
    p.add_argument("--amount", metavar="A", help="rials, any digits (without --id)")
    p.add_argument("--date", metavar="DATE", help="Jalali date written on the leaf (without --id)")
    p.add_argument("--payee", default="", metavar="NAME", help="«در وجه» (without --id)")
    p.add_argument("--national-id", default="", metavar="N", help="the payee's national code or ID")
    p.add_argument("--for", dest="purpose", default="", metavar="TEXT", help="«بابت»")
    p.add_argument("--template", metavar="NAME", help="the layout (default: the first one)")
    p.add_argument("--printer", default="", metavar="NAME", help="use this printer's stored calibration")
    p.add_argument("--dx", type=float, metavar="MM", help="move every field right by MM (left if negative)")
    p.add_argument("--dy", type=float, metavar="MM", help="move every field down by MM (up if negative)")
    p.add_argument("--feed", choices=("leaf", "center", "left", "right", "rotated"), help="how the leaf is fed")
    p.add_argument("--test-page", action="store_true", help="the calibration page: outline, mm grid and fields")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=with_persian_reason(run_print))

    t = sub.add_parser("templates", help="cheque print layouts: list, export, import",
                       description="The cheque print layouts (templates) shared as JSON files.")
    actions = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="the layouts")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=with_persian_reason(run_list))
    exp = actions.add_parser("export", help="write a layout to a JSON file")
    exp.add_argument("name", metavar="NAME")
    exp.add_argument("--out", required=True, metavar="FILE")
    exp.set_defaults(func=with_persian_reason(run_export))
    imp = actions.add_parser("import", help="add a layout from a JSON file (a taken name gets a number)")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=with_persian_reason(run_import))


def _values(office, args):
    from crm_desktop.cheque_print.values import ChequeValues, cheque_pages
    from crm_desktop.cheques.model import checked_amount, checked_date

    if args.ids:
        if args.amount or args.date or args.payee:
            raise UserError("--id takes the amount, date and payee from the stored cheque; leave out --amount, "
                            "--date and --payee", "مبلغ، تاریخ و گیرنده از خود چک ثبت‌شده خوانده می‌شود.")
        return cheque_pages(office, args.ids)
    if args.amount is None or args.date is None:
        if args.test_page:
            return [ChequeValues.sample()]
        raise UserError("give --id N, or --amount and --date (and --payee)", "شماره چک یا مبلغ و تاریخ را بدهید.")
    return [ChequeValues(checked_amount(args.amount), checked_date(args.date, "due_date"), args.payee.strip(),
                         args.national_id.strip(), args.purpose.strip())]


def run_print(args) -> int:
    from dataclasses import replace

    from crm_desktop.cheque_print.print_pdf import write_pdf

    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserError(f"no folder {out.parent}", f"پوشه «\u2068{out.parent}\u2069» نیست.")
    with open_office(args) as office:
        pages = _values(office, args)
        template = office.cheque_print.named(args.template)
        calibration = office.cheque_print.calibration(args.printer)
        changes = {k: v for k, v in (("dx", args.dx), ("dy", args.dy), ("feed", args.feed)) if v is not None}
        calibration = replace(calibration, **changes)
        result = write_pdf(out, template, pages, calibration, test_page=args.test_page)
        if args.ids and not args.test_page:
            for cheque_id in args.ids:
                office.cheque_print.record_print(cheque_id, template.name, args.printer or "PDF")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print_json({"path": result.path, "pages": result.pages, "page_mm": list(result.page_mm),
                    "template": template.name, "warnings": result.warnings})
    else:
        print(f"print-cheque: {result.pages} page(s) of {result.page_mm[0]:g} × {result.page_mm[1]:g} mm "
              f"with «{template.name}»: {result.path}")
    return 0


def run_list(args) -> int:
    with open_office(args) as office:
        templates = office.cheque_print.templates()
    if args.json:
        print_json([{"name": t.name, "width": t.width, "height": t.height, "fields": len(t.fields),
                     "background": bool(t.background)} for t in templates])
        return 0
    for t in templates:
        print(f"{t.name}\t{t.width:g} × {t.height:g} mm\t{len(t.fields)} fields")
    return 0


def run_export(args) -> int:
    with open_office(args) as office:
        template = office.cheque_print.named(args.name)
    try:
        Path(args.out).write_text(template.to_json(), encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {args.out}: {error.strerror}", f"پرونده «\u2068{args.out}\u2069» نوشته نمی‌شود.")
    print(f"templates: «{template.name}» written to {args.out}")
    return 0


def run_import(args) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read {args.file}: {error}", f"پرونده «\u2068{args.file}\u2069» خوانده نمی‌شود.")
    with open_office(args) as office:
        template_id = office.cheque_print.import_json(text)
        name = office.cheque_print.get(template_id).name
    print(f"templates: imported «{name}»")
    return 0
