"""Printed phonebook (no Qt): the contact list (all, one group or a search result) and one
contact's card with its notes log, as PDF through ``crm_desktop.reports``.

The list is streamed: contacts come from ``Phonebook.iter_contacts`` a chunk at a time and
pages go to the file as they fill, so a million contacts need no more memory than a hundred.
Every function here also takes plain ``model.Contact`` iterables, so it is testable without a
database.

CLI: ``crm-desktop --db PATH report phonebook --out FILE.pdf [--group NAME] [--search Q]
[--contact ID] [--landscape]``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Sequence

from crm_desktop.cli import clear_progress, terminal_progress
from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.core.phone import format_phone
from crm_desktop.core.text import counted
from crm_desktop.errors import UserError
from crm_desktop.phonebook.display import birthday_text, custom_text, date_text
from crm_desktop.phonebook.model import NOTE_KINDS, ORGANISATION, PHONE_KINDS, Contact, CustomField, Note
from crm_desktop.phonebook.repo_groups import group_named
from crm_desktop.phonebook.search import shown_query
from crm_desktop.reports import commands
from crm_desktop.reports.bidi import isolate, isolate_lines, ltr
from crm_desktop.reports.card import Field, Section, draw_card
from crm_desktop.reports.page import MUTED, PageSetup, ReportInfo, ReportWriter
from crm_desktop.reports.table import Column, Table

LIST_TITLE = "دفتر تلفن"
CARD_TITLE = "کارت مخاطب"
PROGRESS_EVERY = 200  # contacts between progress calls

Progress = Callable[..., object]


@dataclass
class ReportResult:
    path: str
    pages: int
    contacts: int
    seconds: float

    def to_json(self) -> dict:
        return {"path": self.path, "pages": self.pages, "contacts": self.contacts, "seconds": round(self.seconds, 3)}


# --- cell text ----------------------------------------------------------------------------------


def phone_line(phone, with_kind: bool = True) -> str:
    """«۰۹۱۲ ۱۲۳ ۴۵۶۷ (همراه)»: the number as an LTR island (its groups never swap)."""
    number = format_phone(phone.national or phone.number, typed=phone.number) or to_persian(phone.number)
    text = ltr(number)
    if phone.ext:
        text += f" داخلی\u00a0{ltr(to_persian(phone.ext))}"
    if with_kind:
        # No-break spaces: «(محل کار)» never splits across lines.
        text += " ({})".format(PHONE_KINDS.get(phone.kind, phone.kind).replace(" ", "\u00a0"))
    return text


# Names, organisations, notes: typed in Persian or Latin. Each is drawn as an isolate of its own
# direction, or a Latin value's punctuation flips in the Persian line («.ACME Ltd», «cmd@»).


def organisation_lines(contact: Contact) -> list[str]:
    lines = []
    if contact.kind != ORGANISATION and contact.organisation:
        lines.append(isolate(contact.organisation))
    role = "، ".join(isolate(part) for part in (contact.job_title, contact.unit) if part)
    if role:
        lines.append(role)
    return lines


def list_row(number: int, contact: Contact) -> list:
    return [
        to_persian(number),
        isolate(contact.display_name),
        organisation_lines(contact),
        [phone_line(p) for p in contact.phones],
        [ltr(e) for e in contact.emails],
    ]


def list_columns(count: int | None = None) -> list[Column]:
    digits = len(str(count or 0))
    return [
        Column("ردیف", fixed=max(30.0, digits * 4.8 + 8), align="center"),  # room for «۱۰۰۰۰۰۰»
        Column("نام", width=1.45, bold=True),
        Column("سازمان / سمت", width=1.3),
        Column("تلفن‌ها", width=1.5),
        Column("پست الکترونیک", width=1.45),
    ]


def scope_text(group: str | None = None, search: str | None = None) -> str:
    parts = []
    if group:
        parts.append(f"گروه «{isolate(group)}»")
    if search:
        parts.append(f"جستجوی «{shown_query(search)}»")
    return "، ".join(parts) if parts else "همه مخاطبان"


# --- the list ----------------------------------------------------------------------------------


def write_phonebook_list(
    path,
    contacts: Iterable[Contact],
    *,
    office_name: str = "",
    scope: str = "همه مخاطبان",
    count: int | None = None,
    today: date | None = None,
    landscape: bool = False,
    progress: Progress | None = None,
) -> ReportResult:
    """The phonebook list in the order given (callers pass Persian order). ``count`` (if known)
    goes into the subtitle and the progress total."""
    started = time.perf_counter()
    # the count one island: «۲ مخاطب» never breaks between the number and its noun
    subtitle = scope if count is None else f"{scope} — {isolate(f'{format_number(count)} مخاطب')}"
    info = ReportInfo(LIST_TITLE, office_name=office_name, subtitle=subtitle, date=today)
    done = 0
    with ReportWriter(path, info, PageSetup(landscape=landscape)) as doc:
        with Table(list_columns(count), size=9, leading=1.45, padding=3).open(doc) as table:
            for contact in contacts:
                done += 1
                table.row(list_row(done, contact))
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, count or 0, "در حال چاپ دفتر تلفن…")
            if done == 0:
                table.row(["", "مخاطبی برای چاپ نیست.", "", "", ""])
    if progress is not None:
        progress(done, count or done, "")
    return ReportResult(str(doc.path), doc.pages, done, time.perf_counter() - started)


# --- one contact's card --------------------------------------------------------------------------


def group_list(names: list[str]) -> str:
    """Group names in a line: «الف، ب»; each in «» when one of them holds a «،» or «,» of its own
    («تهران، کرج»، «همکاران»), so the names can still be told apart."""
    if any(mark in name for name in names for mark in "،,;؛"):
        return "، ".join(f"«{isolate(name)}»" for name in names)
    return "، ".join(isolate(name) for name in names)


def card_sections(
    contact: Contact,
    *,
    group_names: dict[int, str] | None = None,
    fields: Sequence[CustomField] = (),
) -> list[Section]:
    group_names = group_names or {}
    person = contact.kind != ORGANISATION
    about = [
        Field("نوع", "شخص" if person else "سازمان"),
        Field("عنوان", isolate(contact.title) if person else ""),
        Field("نام", isolate(contact.first_name)),
        Field("نام خانوادگی", isolate(contact.last_name)),
        Field("سازمان", isolate(contact.organisation)),
        Field("سمت", isolate(contact.job_title)),
        Field("واحد", isolate(contact.unit)),
        Field("مدیر", isolate(contact.manager)),
        Field("تاریخ تولد" if person else "تاریخ تأسیس", birthday_text(contact.birthday)),
        Field("کد ملی" if person else "شناسه ملی", to_persian(contact.national_code), ltr=True),
        Field("گروه‌ها", group_list([group_names[g] for g in contact.group_ids if g in group_names])),
    ]
    reach = [Field(PHONE_KINDS.get(p.kind, p.kind), phone_line(p, with_kind=False)) for p in contact.phones]
    reach += [Field("پست الکترونیک", e, ltr=True) for e in contact.emails]
    reach.append(Field("وب‌سایت", contact.website, ltr=True))
    addresses = []
    for i, a in enumerate(contact.addresses, 1):
        lines = ["، ".join(isolate_lines(part) for part in (a.province, a.city, a.street) if part)]
        if a.postal_code:
            lines.append(f"کد پستی: {ltr(to_persian(a.postal_code))}")
        label = "نشانی" if len(contact.addresses) == 1 else f"نشانی {to_persian(i)}"
        addresses.append(Field(label, [line for line in lines if line]))
    custom = [
        Field(f.name, isolate_lines(custom_text(f, contact.custom.get(f.id, ""))))
        for f in sorted(fields, key=lambda f: f.position)
        if f.id in contact.custom
    ]
    record = [
        Field("آخرین تماس", date_text(contact.last_contact_at)),
        Field("تاریخ ثبت", date_text(contact.created_at)),
        Field("آخرین ویرایش", date_text(contact.updated_at)),
    ]
    return [
        Section("مشخصات", about),
        Section("راه‌های تماس", reach),
        Section("نشانی", addresses),
        Section("اطلاعات دیگر", custom),
        Section("توضیحات", [Field("یادداشت", isolate_lines(contact.note))]),
        Section("سابقه", record),
    ]


def notes_table() -> Table:
    return Table(
        [
            Column("تاریخ", fixed=92, align="center"),
            Column("نوع", fixed=70, align="center"),
            Column("شرح", width=1),
        ],
        size=9.5,
    )


def write_contact_card(
    path,
    contact: Contact,
    notes: Iterable[Note] = (),
    *,
    office_name: str = "",
    group_names: dict[int, str] | None = None,
    fields: Sequence[CustomField] = (),
    today: date | None = None,
    landscape: bool = False,
) -> ReportResult:
    """One contact's card and its notes log (newest first, as ``Phonebook.notes`` gives it)."""
    started = time.perf_counter()
    info = ReportInfo(CARD_TITLE, office_name=office_name, subtitle=isolate(contact.display_name), date=today)
    with ReportWriter(path, info, PageSetup(landscape=landscape)) as doc:
        draw_card(doc, contact.display_name, card_sections(contact, group_names=group_names, fields=fields))
        notes = list(notes)
        heading = f"سوابق تماس و یادداشت‌ها ({to_persian(len(notes))})"
        if notes:  # the heading stays on the page of the first note
            notes_table().draw(doc, ([date_text(n.at), NOTE_KINDS.get(n.kind, n.kind), isolate_lines(n.text)]
                                     for n in notes), heading=heading)
        else:  # one line, not a heading over one line (that took a page of its own after a full card)
            doc.paragraph("سوابق تماس و یادداشت‌ها: یادداشتی ثبت نشده است.", size=9.5, colour=MUTED)
    return ReportResult(str(doc.path), doc.pages, 1, time.perf_counter() - started)


# --- from the database -----------------------------------------------------------------------------


def phonebook_report(
    phonebook,
    path,
    *,
    office_name: str = "",
    group: str | None = None,
    search: str | None = None,
    contact_id: int | None = None,
    today: date | None = None,
    landscape: bool = False,
    progress: Progress | None = None,
    announce: Callable[[], object] | None = None,
) -> ReportResult:
    """The phonebook report from a ``Phonebook`` (repo.py): one contact's card with
    ``contact_id``, else the list of all contacts, one group and/or a search result.
    ``announce()`` is called before a stale search index is brought up to date."""
    if contact_id is not None:
        if group is not None or search:
            raise UserError("--contact prints one contact; it cannot be combined with --group or --search",
                            "چاپ کارت یک مخاطب با گروه یا جستجو با هم ممکن نیست.")
        contact = phonebook.get(contact_id)
        if contact is None:
            raise UserError(f"no contact with id {contact_id}", f"مخاطبی با شناسه {to_persian(contact_id)} نیست.")
        return write_contact_card(
            path,
            contact,
            phonebook.notes(contact_id),
            office_name=office_name,
            group_names={g.id: g.name for g in phonebook.groups()},
            fields=phonebook.fields(),
            today=today,
            landscape=landscape,
        )
    from crm_desktop.phonebook.repo import SearchQuery

    group_obj = group_named(phonebook.groups(), group) if group is not None else None
    query = SearchQuery(text=search or "", group_id=group_obj.id if group_obj else None)
    # Contacts added in bulk (demo data, another program) are not found by a search or a group
    # until they are indexed; the phonebook tab does the same when it opens.
    phonebook.index_if_stale(query, before=announce)
    count = phonebook.count(query)
    return write_phonebook_list(
        path,
        phonebook.iter_contacts(query, chunk=1000),
        office_name=office_name,
        scope=scope_text(group_obj.name if group_obj else None, search),
        count=count,
        today=today,
        landscape=landscape,
        progress=progress,
    )


# --- the command line ------------------------------------------------------------------------------


def register_report(kinds) -> None:
    parser = commands.add_report_parser(
        kinds,
        "phonebook",
        help="the phonebook list (all, one group or a search), or one contact's card",
    )
    parser.add_argument("--group", metavar="NAME", help="only the contacts of this group")
    parser.add_argument("--search", metavar="Q", help="only the contacts this search finds")
    parser.add_argument("--contact", metavar="ID", type=int, help="one contact's card with its notes log")
    parser.set_defaults(func=run_phonebook_report)


def run_phonebook_report(args) -> int:
    from crm_desktop.cli import db_path, say_indexing
    from crm_desktop.reports.output import check_output

    check_output(args.out, [db_path(args)])  # a bad --out (the database itself) fails before it is opened
    progress = terminal_progress()
    with commands.open_office(args) as office:
        phonebook = getattr(office, "phonebook", None)
        if phonebook is None:
            from crm_desktop.phonebook.repo import Phonebook

            phonebook = Phonebook(office.conn)
        try:
            result = phonebook_report(
                phonebook,
                args.out,
                office_name=office.preferences.office_name,
                group=args.group,
                search=args.search,
                contact_id=args.contact,
                landscape=args.landscape,
                progress=progress,
                announce=say_indexing,
            )
        finally:
            clear_progress(progress)
    if not args.quiet:
        print(f"report: {counted(result.pages, 'page')}, {counted(result.contacts, 'contact')} in {result.seconds:.2f} s: "
              f"{result.path}")
    return 0
