"""vCard ↔ Contact: what each property means for our contact, both ways (no Qt, no SQL).

In: N (family; given; additional; prefix) and FN, ORG (name; unit; …), TITLE / ROLE, TEL with
its TYPEs (or the iPhone ``itemN.X-ABLabel`` of its group), EMAIL, ADR (PO box; extended;
street; city; province; postal code; country), BDAY (with or without a year; a vCard 4.0
``BDAY;VALUE=text:`` that is no date, «circa 1360», goes into the note as «تاریخ تولد: circa
1360» instead of rejecting the card: the phone kept it as free text on purpose), NOTE, URL,
CATEGORIES (group names), X-ABShowAs:COMPANY / KIND:org (an organisation), X-MS-MANAGER,
X-CRM-NATIONAL-CODE, X-CRM-FIELD (a custom field's value). PHOTO, X-ANDROID-CUSTOM and
everything else is ignored.

Out: vCard 3.0 with the same properties, so that exporting and importing again gives the same
contacts (phones are written with Latin digits so that every phone can dial them).

Custom fields: each value is one ``X-CRM-FIELD:<field name>;<value>`` line, an x-name
property (vCard 3.0's extension point; other programs skip it) with a structured text value
like N's, both parts escaped as text (``\\; \\, \\\\ \\n``), e.g.
``X-CRM-FIELD:نام مدیر;رضا کریمی``. The name is in the value rather than in a parameter
because a field name may be a hundred Persian letters: a long line is folded, and a value may
be folded anywhere, while a parameter cut by a fold is lost on many phones (and on our own
reader). The stored value is written (a date as ISO ``2024-03-20``, a number with a dot). On
the way in (also ``X-CRM-FIELD;X-NAME="name":value``, the parameter form, RFC 6868 carets
undone) the name picks the book's custom field of that name (compared as CSV headers are,
``columns.custom_field_named``) and the value is checked as the field's kind (a bad one makes
the card bad, as it makes a CSV row bad); a field the book does not have is skipped.
``card_to_contact`` needs the book's fields for that (``fields``); ``card_custom_values``
gives a card's (name, value) pairs and ``resolve_custom`` turns them into ``Contact.custom``
for a caller that reads cards without the fields.
"""

from __future__ import annotations

import re

from crm_desktop.core.digits import to_latin
from crm_desktop.core.phone import split_extension, split_numbers
from crm_desktop.errors import ValidationError
from crm_desktop.phonebook.columns import custom_field_named
from crm_desktop.phonebook.import_values import kind_from_labels, parse_birthday, phone_kind
from crm_desktop.phonebook.model import ORGANISATION, PERSON, Address, Contact, Phone, split_full_name
from crm_desktop.phonebook.vcard import Card, Property, content_line, escape, unescape

_COUNTRIES_HOME = {"", "iran", "ir", "ایران", "iran, islamic republic of", "جمهوری اسلامی ایران"}
_SYSTEM_GROUPS = {"mycontacts", "starred", "my contacts", "* mycontacts", "* starred"}
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")


def _split_list(value: str) -> list[str]:
    """A comma list (CATEGORIES) split at unescaped commas, each part unescaped."""
    parts, current, i = [], [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if value[i] == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(value[i])
        i += 1
    parts.append("".join(current))
    return [unescape(p).strip() for p in parts if p.strip()]


def _labels(props: dict[str, list[Property]]) -> dict[str, str]:
    """iPhone's group labels: {"item1": "Mobile"}."""
    labels = {}
    for prop in props.get("X-ABLABEL", ()):
        if prop.group:
            text = prop.text.strip()
            match = _APPLE_LABEL.fullmatch(text)
            labels[prop.group.lower()] = match.group(1) if match else text
    return labels


def _phones(prop: Property, label: str) -> list[Phone]:
    """The phones of one TEL line: usually one; two when it holds two numbers the way a sheet's
    cell may («021-66554433-4»: core.phone.split_numbers, the form's and the import's one rule)."""
    number, ext = split_extension(prop.text)
    if not re.search(r"[0-9۰-۹٠-٩]", number):
        return []
    labelled = kind_from_labels(prop.types - {"PREF", "VOICE", "INTERNET"}) or kind_from_labels([label])
    parts = split_numbers(number) or [(number, "")]
    if len(parts) == 1:
        parts = [(parts[0][0], parts[0][1] or ext)]
    return [Phone(number=n.strip(), kind=phone_kind(n, labelled), ext=e) for n, e in parts]


def _address(prop: Property) -> Address:
    parts = (prop.parts + [""] * 7)[:7]
    pobox, extended, street, city, province, postal, country = (p.strip() for p in parts)
    lines = [p for p in (street, extended, pobox) if p]
    if country.casefold() not in _COUNTRIES_HOME:
        lines.append(country)
    return Address(province=province, city=city, street="، ".join(lines), postal_code=postal)


CUSTOM_PROPERTY = "X-CRM-FIELD"
BIRTHDAY_NOTE = "تاریخ تولد"  # the label of a text birthday kept in the note
_CARET_IN = re.compile(r"\^([\^'nN])")


def _param_text(value: str) -> str:
    """A parameter value with RFC 6868's ``^^ ^' ^n`` undone."""
    return _CARET_IN.sub(lambda m: {"^": "^", "'": '"'}.get(m.group(1), "\n"), value)


def card_custom_values(card: Card) -> list[tuple[str, str]]:
    """The (field name, value) of every ``X-CRM-FIELD`` of a card, in card order."""
    pairs = []
    for prop in card.all(CUSTOM_PROPERTY):
        named = prop.param("X-NAME") or prop.param("NAME")
        if named:
            name, value = _param_text(named), prop.text
        else:
            parts = prop.parts
            if len(parts) < 2:
                continue
            name, value = parts[0], ";".join(parts[1:])  # a «;» some writer left unescaped
        name, value = name.strip(), value.strip()
        if name and value:
            pairs.append((name, value))
    return pairs


def resolve_custom(pairs, fields) -> dict[int, str]:
    """{field id: stored value} of (name, value) pairs for the book's custom ``fields``; a
    name the book has no field for is left out. Raises ValidationError (Persian, naming the
    field) for a value its field cannot take, as a CSV column's does."""
    from crm_desktop.phonebook.repo_groups import custom_value

    custom = {}
    for name, value in pairs:
        field = custom_field_named(name, fields)
        if field is None or field.id in custom:
            continue
        stored = custom_value(field, value, kept=True)  # a number it would not keep as written makes the card bad
        if stored is not None:
            custom[field.id] = stored[0]
    return custom


def card_to_contact(card: Card, fields=()) -> tuple[Contact, list[str]]:
    """The contact a card describes (not yet validated: pass it through ``normalised``) and the
    names of its groups (CATEGORIES). ``fields``: the book's custom fields, which the card's
    X-CRM-FIELD values fill. Raises ValidationError for a bad birthday or custom value."""
    contact = Contact()
    props = card.grouped()

    def first(name: str) -> Property | None:
        found = props.get(name)
        return found[0] if found else None

    n = first("N")
    if n is not None:
        parts = (n.parts + [""] * 5)[:5]
        family, given, additional, prefix, _suffix = (p.strip() for p in parts)
        contact.first_name = " ".join(p for p in (given, additional) if p)
        contact.last_name = family
        contact.title = prefix
    org = first("ORG")
    if org is not None:
        parts = [p.strip() for p in org.parts]
        contact.organisation = parts[0] if parts else ""
        contact.unit = " - ".join(p for p in parts[1:] if p)
    fn = first("FN")
    full_name = fn.text.strip() if fn is not None else ""
    show_as = (first("X-ABSHOWAS") or first("X-CRM-KIND") or first("KIND"))
    shown = show_as.text.strip().lower() if show_as is not None else ""
    if shown in ("company", "org", "organization", "organisation"):
        contact.kind = ORGANISATION
    elif not (contact.first_name or contact.last_name) and shown not in ("person", "individual"):
        if contact.organisation and (not full_name or full_name == contact.organisation):
            contact.kind = ORGANISATION
        elif full_name:
            title, contact.first_name, contact.last_name = split_full_name(full_name)
            contact.title = contact.title or title
    if contact.kind == ORGANISATION and not (contact.organisation or contact.first_name or contact.last_name):
        contact.organisation = full_name
    for name, attr in (("TITLE", "job_title"), ("ROLE", "job_title"), ("URL", "website"),
                       ("X-MS-MANAGER", "manager"), ("X-MANAGER", "manager"),
                       ("X-CRM-NATIONAL-CODE", "national_code")):
        prop = first(name)
        if prop is not None and not getattr(contact, attr):
            setattr(contact, attr, prop.text.strip())
    labels = _labels(props)
    for prop in props.get("TEL", ()):
        contact.phones += _phones(prop, labels.get(prop.group.lower(), "") if prop.group else "")
    contact.emails = [e.text.strip() for e in props.get("EMAIL", ()) if e.text.strip()]
    contact.addresses = [a for a in map(_address, props.get("ADR", ())) if not a.is_empty()]
    contact.note = "\n".join(p.text.strip() for p in props.get("NOTE", ()) if p.text.strip())
    bday = first("BDAY")
    if bday is not None and bday.text.strip():
        text = bday.text.strip()
        if bday.param("X-APPLE-OMIT-YEAR") and text[:4] == bday.param("X-APPLE-OMIT-YEAR"):
            text = "--" + text[5:]
        try:
            contact.birthday = parse_birthday(text)
        except ValidationError:
            if bday.param("VALUE").upper() != "TEXT":
                raise
            contact.note = "\n".join(filter(None, (contact.note, f"{BIRTHDAY_NOTE}: {text}")))
    if fields and CUSTOM_PROPERTY in props:
        contact.custom = resolve_custom(card_custom_values(card), fields)
    groups = []
    for prop in props.get("CATEGORIES", ()):
        for name in _split_list(prop.value):
            if name.casefold() not in _SYSTEM_GROUPS and name not in groups:
                groups.append(name)
    return contact, groups


# --- writing ---------------------------------------------------------------------------------

_TEL_TYPES = {"mobile": "CELL", "home": "HOME", "work": "WORK", "fax": "FAX", "other": "OTHER"}


def contact_to_vcard(contact: Contact, groups=(), fields=()) -> str:
    """One vCard 3.0 (CRLF line ends, folded, escaped) for ``contact``; ``groups`` are the names
    of its groups (written as CATEGORIES), ``fields`` the book's custom fields (each value the
    contact has for one is an X-CRM-FIELD named by the field)."""
    out = ["BEGIN:VCARD\r\n", "VERSION:3.0\r\n"]
    name = ";".join(escape(p) for p in (contact.last_name, contact.first_name, "", contact.title, ""))
    out.append(content_line("N", name))
    out.append(content_line("FN", escape(contact.display_name)))
    if contact.kind == ORGANISATION:
        out.append("X-ABShowAs:COMPANY\r\n")
    elif contact.kind == PERSON and not (contact.first_name or contact.last_name):
        out.append("X-CRM-KIND:person\r\n")
    if contact.organisation or contact.unit:
        org = escape(contact.organisation) + (";" + escape(contact.unit) if contact.unit else "")
        out.append(content_line("ORG", org))
    if contact.job_title:
        out.append(content_line("TITLE", escape(contact.job_title)))
    for phone in contact.phones:
        number = to_latin(phone.number.strip()) + (f",{to_latin(phone.ext)}" if phone.ext else "")
        out.append(content_line("TEL", number, f";TYPE={_TEL_TYPES.get(phone.kind, 'VOICE')}"))
    for email in contact.emails:
        out.append(content_line("EMAIL", escape(email), ";TYPE=INTERNET"))
    for a in contact.addresses:
        adr = ";".join(escape(p) for p in ("", "", a.street, a.city, a.province, a.postal_code, ""))
        out.append(content_line("ADR", adr))
    if contact.birthday:
        out.append(f"BDAY:{contact.birthday}\r\n")
    if contact.website:
        out.append(content_line("URL", escape(contact.website)))
    if contact.manager:
        out.append(content_line("X-MS-MANAGER", escape(contact.manager)))
    if contact.national_code:
        out.append(f"X-CRM-NATIONAL-CODE:{contact.national_code}\r\n")
    if contact.note:
        out.append(content_line("NOTE", escape(contact.note)))
    if groups:
        out.append(content_line("CATEGORIES", ",".join(escape(g) for g in groups)))
    if contact.custom:
        for field in fields:
            value = contact.custom.get(field.id)
            if value not in (None, ""):
                out.append(content_line(CUSTOM_PROPERTY, f"{escape(field.name)};{escape(str(value))}"))
    out.append("END:VCARD\r\n")
    return "".join(out)
