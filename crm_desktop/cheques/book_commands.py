"""``cheques books``: the office's cheque books (دسته چک) on the command line.

    crm-desktop --db PATH cheques books list [--json]
    crm-desktop --db PATH cheques books add --bank NAME_OR_KEY --account A --first-serial S [--leaves N]
                [--series S] [--branch-name N] [--branch-code C] [--sheba IR…] [--first-sayad ID] [--note N] [--json]
    crm-desktop --db PATH cheques books show BOOK_ID [--json]
    crm-desktop --db PATH cheques books void-leaf|lost-leaf BOOK_ID LEAF [--on D] [--note N]
    crm-desktop --db PATH cheques books unmark-leaf BOOK_ID LEAF

A cheque is issued from a book with ``cheques add --book BOOK_ID`` (the next unused leaf).
"""

from __future__ import annotations

from crm_desktop.cheques.command_input import whole
from crm_desktop.cli import print_json


def register_books(actions, wrap) -> None:
    books = actions.add_parser("books", help="the office's cheque books and their leaves")
    what = books.add_subparsers(dest="books_action", metavar="ACTION", required=True)

    lst = what.add_parser("list", help="every cheque book with its used, unused, void and lost leaves")
    lst.add_argument("--json", action="store_true", help="print the result as JSON")
    lst.set_defaults(func=wrap(run_list))

    add = what.add_parser("add", help="register a cheque book")
    add.add_argument("--bank", required=True, metavar="NAME_OR_KEY")
    add.add_argument("--account", required=True, metavar="A", help="the account number")
    add.add_argument("--first-serial", required=True, metavar="S", help="the first leaf's serial (its width is kept)")
    add.add_argument("--leaves", type=whole, default=25, metavar="N", help="number of leaves (default: %(default)s)")
    add.add_argument("--series", default="", metavar="S")
    add.add_argument("--branch-name", default="", metavar="N")
    add.add_argument("--branch-code", default="", metavar="C")
    add.add_argument("--sheba", default="", metavar="IR…")
    add.add_argument("--first-sayad", default="", metavar="ID", help="the first leaf's Sayad ID, when known")
    add.add_argument("--note", default="", metavar="N")
    add.add_argument("--json", action="store_true", help="print the book as JSON")
    add.set_defaults(func=wrap(run_add))

    show = what.add_parser("show", help="one cheque book, leaf by leaf")
    show.add_argument("book_id", type=whole, metavar="BOOK_ID")
    show.add_argument("--json", action="store_true", help="print the book as JSON")
    show.set_defaults(func=wrap(run_show))

    for name, state, text in (("void-leaf", "void", "record an unused leaf as void (باطل)"),
                              ("lost-leaf", "lost", "record an unused leaf as lost (مفقود)")):
        mark = what.add_parser(name, help=text)
        mark.add_argument("book_id", type=whole, metavar="BOOK_ID")
        mark.add_argument("leaf", type=whole, metavar="LEAF", help="the leaf number (1 = the first leaf)")
        mark.add_argument("--on", metavar="DATE", help="Jalali date (default: today)")
        mark.add_argument("--note", default="", metavar="N")
        mark.set_defaults(func=wrap(run_mark), state=state)

    unmark = what.add_parser("unmark-leaf", help="take back a void or lost mark (the leaf is unused again)")
    unmark.add_argument("book_id", type=whole, metavar="BOOK_ID")
    unmark.add_argument("leaf", type=whole, metavar="LEAF")
    unmark.set_defaults(func=wrap(run_unmark))


def _open(args):
    from crm_desktop.cheques.commands import open_office

    return open_office(args)


def book_json(repo, summary, leaves: bool = False) -> dict:
    from crm_desktop.cheques.commands import dated

    book = summary.book
    data = {"id": book.id, "bank": book.bank, "bank_name": repo.bank_name(book.bank), "account_number": book.account_number,
            "branch_name": book.branch_name, "branch_code": book.branch_code, "sheba": book.sheba, "series": book.series,
            "first_serial": book.first_serial, "last_serial": book.serial_of(book.leaves), "leaves": book.leaves,
            "first_sayad_id": book.first_sayad_id, "note": book.note, "used": summary.used, "unused": summary.unused,
            "void": summary.void, "lost": summary.lost,
            "next_leaf": summary.next_leaf.leaf_no if summary.next_leaf else None}
    if leaves:
        data["leaf_list"] = [{"leaf_no": leaf.leaf_no, "serial": leaf.serial, "sayad_id": leaf.sayad_id,
                              "state": leaf.state, "state_label": leaf.state_label, "cheque_id": leaf.cheque_id,
                              **dated("on", leaf.on), "note": leaf.note} for leaf in summary.leaves]
    return data


def _line(data: dict) -> str:
    return "\t".join([str(data["id"]), data["bank_name"], data["account_number"], data["series"],
                      f"{data['first_serial']}–{data['last_serial']}", f"{data['leaves']} برگ",
                      f"صادر شده {data['used']}", f"استفاده‌نشده {data['unused']}", f"باطل {data['void']}",
                      f"مفقود {data['lost']}"])


def run_list(args) -> int:
    with _open(args) as office:
        repo = office.cheques
        books = [book_json(repo, repo.book_summary(book.id)) for book in repo.books()]
    if args.json:
        print_json({"books": books})
    elif not books:
        print("no cheque book is registered")
    else:
        print("\n".join(_line(b) for b in books))
    return 0


def run_add(args) -> int:
    from crm_desktop.cheques.command_input import resolve_bank
    from crm_desktop.cheques.model import ChequeBook

    book = ChequeBook(bank=args.bank, account_number=args.account, first_serial=args.first_serial, leaves=args.leaves,
                      series=args.series, branch_name=args.branch_name, branch_code=args.branch_code, sheba=args.sheba,
                      first_sayad_id=args.first_sayad, note=args.note).validate()  # before the database is opened
    with _open(args) as office:
        repo = office.cheques
        book.bank = resolve_bank(repo, args.bank)
        book_id = repo.add_book(book)
        data = book_json(repo, repo.book_summary(book_id))
    if args.json:
        print_json(data)
    else:
        print(f"cheque book {book_id} added: {data['bank_name']}, account {data['account_number']}, "
              f"serials {data['first_serial']}–{data['last_serial']} ({data['leaves']} leaves)")
    return 0


def run_show(args) -> int:
    with _open(args) as office:
        repo = office.cheques
        data = book_json(repo, repo.book_summary(args.book_id), leaves=True)
    if args.json:
        print_json(data)
        return 0
    print(_line(data))
    for leaf in data["leaf_list"]:
        cheque = f"چک {leaf['cheque_id']}" if leaf["cheque_id"] else ""
        print("\t".join([str(leaf["leaf_no"]), leaf["serial"], leaf["state_label"], cheque, leaf["on"],
                         leaf["note"]]).rstrip("\t"))
    return 0


def run_mark(args) -> int:
    from crm_desktop.cheques.model import LEAF_STATES, checked_date

    on = checked_date(args.on, "on") if args.on else None
    with _open(args) as office:
        office.cheques.mark_leaf(args.book_id, args.leaf, args.state, on=on, note=args.note)
    print(f"cheque book {args.book_id}, leaf {args.leaf}: {args.state} ({LEAF_STATES[args.state]})")
    return 0


def run_unmark(args) -> int:
    with _open(args) as office:
        office.cheques.unmark_leaf(args.book_id, args.leaf)
    print(f"cheque book {args.book_id}, leaf {args.leaf}: unused again")
    return 0
