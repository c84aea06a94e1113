"""Google Contacts' labelled pairs in a CSV: «Custom Field 1 - Label» names what «Custom Field 1 -
Value» holds («شماره پرسنلی» / «۱۲۳۴»), and so do «Relation N» («Spouse» / «مریم») and «Event N»
(«Anniversary» / «1990-05-03»); an «IM N - Service» («Telegram») names its «IM N - Value». No Qt.

``spread(table)`` gives the table one more column per distinct label (compared normalised, in
first-seen order), headed by the label and holding each row's value of it (two of a row
joined with «، »), and empties the pair's cells that it moved: the import then treats such a
column as any other — a column named like a book's custom field fills it, and a new custom
field may be made for it (``import_fields``) — while the pair's own columns hold only what
had no label, which is named as not imported. A label column is never a field itself
(``pair_part``). An added column named like a built-in field fills it where one more column
of it adds, through the readers every column goes through (``labels_mapped``): a «Mobile»
or «Phone» label's value is one more phone (when each has a digit), «E-mail» one more address, «Notes» one more
line of the note, «Birthday» the birthday when the row has none; a label naming any other
built-in field («Company», «First Name») fills nothing, and the summary says which field to
map it to (``import_fields.builtin_refusal``). A table without such pairs is left as it is,
unread.
"""

from __future__ import annotations

import re

from crm_desktop.core.text import normalise
from crm_desktop.phonebook.columns import _key as header_key  # noqa: PLC2701 - headers compared one way
from crm_desktop.phonebook.columns import PHONE_FIELDS, base, custom_id
from crm_desktop.phonebook.import_values import clean_cell

_PAIR = re.compile(r"(custom field|relation|event|im) (\d+) (label|type|service|value)")
_NAMING = ("service", "label", "type")  # the part that names the value, best first
# any other program's numbered label column: «Phone 1 - Label», «E-mail 2 - Type», «IM 1 - Service»
_LABEL = re.compile(r".+ \d+ (label|type|service)")


def pair_part(header: str) -> str | None:
    """«label» for a label column («Phone 1 - Type», «Custom Field 1 - Label», «IM 1 - Service»),
    «value» for the value column of a labelled pair («Custom Field 1 - Value»), else None:
    neither may name a field."""
    key = header_key(str(header or ""))
    pair = _PAIR.fullmatch(key)
    if pair:
        return "value" if pair.group(3) == "value" else "label"
    return "label" if _LABEL.fullmatch(key) else None


def _pairs(headers) -> list[tuple[int, list[int]]]:
    """(value column, its naming columns best first) of each labelled pair."""
    found: dict[tuple[str, str], dict[str, int]] = {}
    for index, header in enumerate(headers):
        match = _PAIR.fullmatch(header_key(str(header or "")))
        if match:
            found.setdefault((match.group(1), match.group(2)), {}).setdefault(match.group(3), index)
    return [(parts["value"], [parts[p] for p in _NAMING if p in parts])
            for parts in found.values() if "value" in parts and len(parts) > 1]


def _text(cell) -> str:
    return cell.strip() if cell.__class__ is str else clean_cell(cell)


def spread(table) -> None:
    """Add a column for each label of the table's labelled pairs (see the module notes); once
    (``table.spread_from``: {added column: the value column's header}, set here)."""
    if getattr(table, "spread_from", None) is not None:
        return
    table.spread_from = {}
    pairs = _pairs(table.headers) if table.has_header else []
    if not pairs:
        return
    named: dict[str, int] = {}  # normalised label -> its added column (0-based among the added)
    labels: list[tuple[str, str]] = []  # (label, the value column's header)
    moved = []  # per row: ({added column: value}, the cells moved) or None
    for row in table.rows:
        extra, cells = {}, []
        for value_at, naming in pairs:
            value = row[value_at] if value_at < len(row) else ""
            if not _text(value):
                continue
            label = next((t for t in (_text(row[i]).lstrip("*").strip() for i in naming if i < len(row)) if t), "")
            if not normalise(label):
                continue
            column = named.setdefault(normalise(label), len(labels))
            if column == len(labels):
                labels.append((label, table.headers[value_at]))
            extra[column] = f"{_text(extra[column])}، {_text(value)}" if column in extra else value
            cells += [value_at, *naming]
        moved.append((extra, cells) if extra else None)
    if not labels:
        return
    width = len(table.headers)
    table.headers = [*table.headers, *(label for label, _ in labels)]
    table.spread_from = {width + i: header for i, (_, header) in enumerate(labels)}
    blank = [""] * len(labels)
    rows = []
    for row, done in zip(table.rows, moved):
        if done is None:
            rows.append([*row, *blank])
            continue
        extra, cells = done
        row = list(row)
        for i in cells:
            if i < len(row):
                row[i] = ""
        rows.append([*row, *(extra.get(c, "") for c in range(len(labels)))])
    table.rows = rows


_ADDING = frozenset((*PHONE_FIELDS, "email", "note", "birthday"))  # what one more column adds to


def labels_mapped(table, mapping: dict[int, str]) -> dict[int, str]:
    """``mapping`` without the built-in fields it gives the columns ``spread`` added, except
    those one more column adds to (``_ADDING``: phones, e-mail, note, birthday); a phone's only
    while each of its values has a digit (a phone column reads «O-» as no number, silently)."""
    added = getattr(table, "spread_from", None)
    if not added:
        return mapping
    return {i: key for i, key in mapping.items()
            if i not in added or not key or custom_id(key) is not None
            or (base(key)[0] in _ADDING and (base(key)[0] not in PHONE_FIELDS or _dialled(table, i)))}


def _dialled(table, index: int) -> bool:
    """Whether every filled cell of a column has a digit in it."""
    cells = (_text(row[index]) for row in table.rows if index < len(row))
    return all(any(ch.isdigit() for ch in cell) for cell in cells if cell)
