"""The custom fields an import makes for what its file holds and the book has no field for: a
CSV / XLSX column that fills nothing, a vCard's ``X-CRM-FIELD`` name the book lacks. No Qt.

A mapping's ``NEW_FIELD`` key says «this column fills a new custom field named like its header»
(the wizard's «فیلد دلخواه تازه»); ``ImportArgs.new_fields`` asks for one for every column with
data that fills nothing (``import_rows.ignored_indices``) and every X-CRM-FIELD name the book
lacks. ``plan_table`` / ``plan_cards`` make them provisional CustomFields (negative ids, shown as
table columns), which the rows are read with as with the book's own fields; ``create`` makes
them inside the import's one transaction (``import_write.write_rows``) and moves the contacts'
values to the real ids. Nothing is written before: a cancelled, refused or failed import leaves
no new field.

The name: the header (our export's «شهر (فیلد دلخواه)» gives «شهر»), if a custom field may take
it (``repo_groups``' rules: not empty, not too long, not a built-in field's,
``columns.builtin_field_named``; not a field of the book's, compared as headers are,
``columns.custom_field_named``), and no earlier column makes a field of that name.

The kind (``guess_kind``): date when every value is a date a date field takes, else number
when every value is a number a number field takes and keeps as written («0912…», «007» would
lose their zeros: text), else text. So the guess never makes a row bad: a table column's
placeholders («-», «ندارد») are what a date or number field reads as empty and are left out of
the guess; a vCard's values are all checked (resolve_custom takes no placeholder for empty).
"""

from __future__ import annotations

from crm_desktop.core.digits import to_latin
from crm_desktop.core.text import quoted
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.columns import builtin_field_named, custom_field_named, custom_key, unmarked
from crm_desktop.phonebook.import_values import placeholder
from crm_desktop.phonebook.model import FIELD_KINDS, CustomField
from crm_desktop.phonebook.repo_groups import _name as field_name_checked  # noqa: PLC2701 - the one rule
from crm_desktop.phonebook.repo_groups import custom_value

NEW_FIELD = "new_field"  # a mapping key: the column fills a new custom field named like its header
NEW_FIELD_TEXT = "فیلد دلخواه تازه"
_DATE, _NUMBER = CustomField("تاریخ", "date"), CustomField("عدد", "number")


def _refusal(header: str, fields, made=()) -> tuple[str, str] | None:
    """Why no new custom field can be named after ``header`` (English, Persian), or None.
    ``made``: the provisional fields already planned (a second column of that name)."""
    try:
        name = field_name_checked(unmarked(str(header or "")), "field")
    except ValidationError as error:
        return error.message, error.fa.removesuffix(".")
    builtin = builtin_field_named(name)
    if builtin:
        return f"{quoted(name)} is a built-in field of the phonebook", f"«{builtin}» از فیلدهای خود دفتر تلفن است"
    found = custom_field_named(name, fields)
    if found is not None:
        return f"the book already has a field named {quoted(found.name)}", f"فیلدی به نام «{found.name}» از پیش هست"
    if custom_field_named(name, made) is not None:
        return "an earlier column makes a field of that name", "ستون دیگری همین فیلد را می‌سازد"
    return None


def new_field_name(header: str, fields, made=()) -> str | None:
    """The name of the custom field a column headed ``header`` (or an X-CRM-FIELD so named)
    would make, or None when a field may not take it (see the module notes)."""
    if _refusal(header, fields, made) is not None:
        return None
    return field_name_checked(unmarked(str(header)), "field")


def _takes(field: CustomField, value: str) -> bool:
    try:
        custom_value(field, value)
    except ValidationError:
        return False
    return True


def _as_written(value: str) -> bool:
    """Whether a number keeps its digits when stored: no zero before its first digit («0912…»)."""
    digits = to_latin(value).strip().lstrip("+-\u2212\u200e ")
    return not (len(digits) > 1 and digits[0] == "0" and digits[1].isdigit())


def guess_kind(values) -> str:
    """«date», «number» or «text»: the kind whose check takes every one of ``values`` (see
    the module notes); text for none."""
    values = {v for v in values if v}
    if not values:
        return "text"
    if all(_takes(_DATE, v) for v in values):
        return "date"
    if all(_as_written(v) and _takes(_NUMBER, v) for v in values):
        return "number"
    return "text"


def kind_label(kind: str) -> str:
    """«تاریخ», «عدد», «متن»."""
    return FIELD_KINDS.get(kind, kind)


# --- CSV / XLSX -------------------------------------------------------------------------------

def column_cells(table, index: int) -> list[str]:
    """A column's cells as the import reads them (stripped, our export's apostrophe off)."""
    from crm_desktop.phonebook.import_columns import cleaned_column
    from crm_desktop.phonebook.table import CSV

    column = [row[index] if index < len(row) else "" for row in table.rows]
    return cleaned_column(column, table.format == CSV and all(c.__class__ is str for c in column))


def column_kind(table, index: int) -> str:
    """The kind guessed from a column's values (its placeholders read as empty)."""
    return guess_kind(c for c in set(column_cells(table, index)) if c and not placeholder(c))


def has_data(table, index: int) -> bool:
    """Whether any cell of a column holds something (stops at the first that does)."""
    from crm_desktop.phonebook.import_values import clean_cell

    for row in table.rows:
        if index < len(row):
            cell = row[index]
            if cell.strip() if cell.__class__ is str else clean_cell(cell):
                return True
    return False


def offered(table, fields, with_data=None) -> dict[int, str]:
    """{column: new field name} of the columns that may make a new custom field: a header a
    field may take, the first column of that name, cells that hold something (``with_data``:
    the columns that do, when known). None without a header row."""
    if not getattr(table, "has_header", True):
        return {}
    out: dict[int, str] = {}
    made: list[CustomField] = []
    for index, header in enumerate(table.headers):
        name = new_field_name(header, fields, made)
        if name is None or not (index in with_data if with_data is not None else has_data(table, index)):
            continue
        made.append(CustomField(name, id=-(index + 1)))
        out[index] = name
    return out


class CannotMakeField(UserError):
    def __init__(self, header: str, reason: tuple[str, str]):
        super().__init__(f"column {quoted(header)} cannot become a new custom field: {reason[0]}",
                         f"ستون «{header}» فیلد دلخواه تازه نمی‌شود: {reason[1]}.")


def plan_table(table, mapping: dict[int, str], fields, *, every: bool = False, choices: dict | None = None,
               kinds: dict | None = None) -> tuple[dict[int, str], list[CustomField]]:
    """(the mapping with each ``NEW_FIELD`` key turned into its provisional field's key, the
    provisional fields in column order). ``every``: also one for each column with data that
    fills nothing and may make one. ``choices``: ``offered(table, fields)`` when already made;
    ``kinds``: {column: kind} already guessed (updated here). CannotMakeField for a NEW_FIELD
    column that may not make one (a name from ``--mapping``)."""
    asked = sorted(i for i, key in mapping.items() if key == NEW_FIELD)
    if not asked and not every:
        return mapping, []
    choices = offered(table, fields) if choices is None else choices
    mapping = dict(mapping)
    if every:
        from crm_desktop.phonebook.import_rows import ignored_indices

        asked = sorted({*asked, *(i for i in ignored_indices(table, mapping, fields, among=choices))})
    kinds = {} if kinds is None else kinds
    new: list[CustomField] = []
    for index in asked:
        name = choices.get(index)
        if name is None:
            header = table.headers[index] if index < len(table.headers) else str(index)
            reason = _refusal(header, fields, new) or ("the column is empty", "ستون خالی است")
            raise CannotMakeField(header, reason)
        if index not in kinds:
            kinds[index] = column_kind(table, index)
        field = CustomField(name, kinds[index], [], True, 0, -(len(new) + 1))
        mapping[index] = custom_key(field.id)
        new.append(field)
    return mapping, new


# --- vCard ----------------------------------------------------------------------------------

def plan_cards(cards, fields) -> list[CustomField]:
    """The provisional fields for the X-CRM-FIELD names of ``cards`` (a list) that the book's
    ``fields`` lack and a field may take, in the order the cards write them (``_card_order``)."""
    from crm_desktop.phonebook.vcard_map import card_custom_values

    new: list[CustomField] = []
    values: dict[int, set] = {}
    refused: set[str] = set()
    after: dict[int, set] = {}  # field id -> the ids a card wrote right after it
    for card in cards:
        last = None
        for name, value in card_custom_values(card):
            if name in refused or custom_field_named(name, fields) is not None:
                continue
            field = custom_field_named(name, new)
            if field is None:
                made = new_field_name(name, fields, new)
                if made is None:
                    refused.add(name)
                    continue
                field = CustomField(made, "text", [], True, 0, -(len(new) + 1))
                new.append(field)
            values.setdefault(field.id, set()).add(value)
            if last is not None and last != field.id:
                after.setdefault(last, set()).add(field.id)
            last = field.id
    for field in new:
        field.kind = guess_kind(values.get(field.id, ()))
    return _card_order(new, after)


def _card_order(new: list[CustomField], after: dict[int, set]) -> list[CustomField]:
    """``new`` in an order that keeps every «b came right after a» of the cards (our export
    writes a card's fields in the book's order, and a card without the first field names the
    second first), the earliest named first where the cards do not say; first named order
    where they contradict themselves."""
    before = {f.id: 0 for f in new}
    for targets in after.values():
        for target in targets:
            before[target] += 1
    out, left = [], list(new)
    while left:
        ready = next((f for f in left if before[f.id] == 0), left[0])
        left.remove(ready)
        out.append(ready)
        for target in after.get(ready.id, ()):
            before[target] -= 1
    return out


def card_field_names(cards, fields) -> list[str]:
    """The names of the fields ``plan_cards`` would make (the wizard names them)."""
    return [f.name for f in plan_cards(cards, fields)]


# --- in the import's transaction ---------------------------------------------------------------

def create(book, new_fields, contacts) -> list[CustomField]:
    """Make the provisional ``new_fields`` in the book (inside the caller's transaction) and give
    the ``contacts`` values of them the real ids; the fields made, with their ids."""
    if not new_fields:
        return []
    ids, made = {}, []
    for field in new_fields:
        real = book.add_field(CustomField(field.name, field.kind, [], field.show_in_table))
        ids[field.id] = real
        made.append(CustomField(field.name, field.kind, [], field.show_in_table, 0, real))
    for contact in contacts:
        custom = contact.custom
        if custom and any(key in ids for key in custom):
            contact.custom = {ids.get(key, key): value for key, value in custom.items()}
    return made
