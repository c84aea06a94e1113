"""``search``: the phonebook's search line on the command line.

``crm-desktop --db PATH search QUERY [--group NAME] [--limit N] [--json]`` prints the matching
contacts in Persian order of their names, one per line (name, organisation, phones, last contact
as a Jalali date), or as JSON. The query reads exactly as in the app (ي/ی, ZWNJ, digit scripts,
any part of a phone number in any writing). The JSON holds each contact's every field but its
notes log (``contact_json``); a birthday is Jalali: ``1369/01/01``, or ``12/25`` (month/day) for
one stored without a year."""

from __future__ import annotations

import sys
from datetime import date, datetime

from crm_desktop.cli import db_path, print_json
from crm_desktop.errors import UserError


def register(sub) -> None:
    search = sub.add_parser(
        "search",
        help="search the phonebook (names, organisation, phones, e-mails, notes, custom fields)",
        description="Print the contacts matching QUERY in Persian order, as the app's search line finds them.",
    )
    search.add_argument("query", metavar="QUERY", nargs="?", default="", help="what to look for (empty: everyone)")
    search.add_argument("--group", metavar="NAME", help="only the contacts in this group")
    search.add_argument("--limit", type=int, default=0, metavar="N", help="at most N contacts (default: all)")
    search.add_argument("--json", action="store_true",
                        help="print the result as JSON (birthdays are Jalali: YYYY/MM/DD, or MM/DD without a year)")
    search.set_defaults(func=run_search)


def jalali_text(iso: str | None) -> str:
    """'2025-03-20T08:30:00' → '1404/01/01 08:30' (a bare date: no time); '' for None."""
    from crm_desktop.core import jalali

    if not iso:
        return ""
    try:
        if len(iso) > 10:
            return jalali.format_datetime(datetime.fromisoformat(iso), digits="latin")
        return jalali.format_date(date.fromisoformat(iso), digits="latin")
    except ValueError:
        return iso


def birthday_text(stored: str | None) -> str:
    """A birthday as a Jalali date ('1369/01/01'), or without a year as the Jalali 'MM/DD' the
    contact form shows ('--03-15' → '12/25'); '' for none."""
    if not stored:
        return ""
    if stored.startswith("--"):
        from crm_desktop.phonebook.model import no_year_to_jalali

        try:
            month, day = no_year_to_jalali(stored)
        except ValueError:
            return stored
        return f"{month:02d}/{day:02d}"
    return jalali_text(stored)


def contact_json(contact, group_names: dict, fields) -> dict:
    """One contact of ``search --json``: everything the search line looks in and the card
    prints but the notes log; dates Jalali, custom values under their fields' names (a date
    Jalali, a number as stored)."""
    custom = {}
    for field in fields:
        value = contact.custom.get(field.id)
        if value not in (None, ""):
            custom[field.name] = jalali_text(value) if field.kind == "date" else value
    return {
        "id": contact.id,
        "name": contact.display_name,
        "kind": contact.kind,
        "title": contact.title,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "organisation": contact.organisation,
        "job_title": contact.job_title,
        "unit": contact.unit,
        "manager": contact.manager,
        "phones": [{"number": p.national, "kind": p.kind, "ext": p.ext} for p in contact.phones],
        "emails": contact.emails,
        "addresses": [{"province": a.province, "city": a.city, "street": a.street, "postal_code": a.postal_code}
                      for a in contact.addresses],
        "groups": [group_names[g] for g in contact.group_ids if g in group_names],
        "birthday": birthday_text(contact.birthday),
        "national_code": contact.national_code,
        "website": contact.website,
        "note": contact.note,
        "custom": custom,
        "last_contact": jalali_text(contact.last_contact_at),
        "last_contact_at": contact.last_contact_at,
    }


def run_search(args) -> int:
    from crm_desktop.core.phone import format_phone
    from crm_desktop.phonebook.model import ORGANISATION
    from crm_desktop.phonebook.repo import Phonebook, SearchQuery
    from crm_desktop.phonebook.repo_groups import group_named
    from crm_desktop.storage.db import open_database

    if args.limit < 0:
        raise UserError("--limit cannot be negative", "--limit نمی‌تواند منفی باشد.")
    conn = open_database(db_path(args), create=False)
    try:
        book = Phonebook(conn)
        groups = book.groups()
        group_id = group_named(groups, args.group).id if args.group is not None else None
        names = {g.id: g.name for g in groups}
        fields = book.fields()
        query = SearchQuery(args.query, group_id)
        book.index_if_stale(query, before=lambda: print(  # contacts bulk-inserted by another program
            "crm-desktop: bringing the search index up to date…", file=sys.stderr))
        total = book.count(query)
        out = []
        for i, contact in enumerate(book.iter_contacts(query, chunk=500)):
            if args.limit and i >= args.limit:
                break
            phones = [format_phone(p.national, digits="latin", typed=p.number) + (f" x{p.ext}" if p.ext else "")
                      for p in contact.phones]
            if args.json:
                out.append(contact_json(contact, names, fields))
            else:
                last = jalali_text(contact.last_contact_at)
                organisation = contact.organisation if contact.kind != ORGANISATION else ""  # its name already
                print("\t".join([contact.display_name, organisation, ", ".join(phones), last]).rstrip("\t"))
        if args.json:
            print_json({"query": args.query, "group": args.group, "count": total, "contacts": out})
        elif total == 0:
            print("crm-desktop: no contact matches", file=sys.stderr)
        return 0
    finally:
        conn.close()
