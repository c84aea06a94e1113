"""The custom fields an import makes for what its file holds and the book has no field for: a
CSV / XLSX column that fills nothing, a vCard's ``X-CRM-FIELD`` name the book lacks. No Qt.

A mapping's ``NEW_FIELD`` key says «this column fills a new custom field named like its header»
(the wizard's «فیلد دلخواه تازه»), its kind guessed; ``"new_field:choice"`` (``new_field_key``)
asks for that kind, which every value must fit (``import_kinds``). ``ImportArgs.new_fields``
asks for one for every column with data that fills nothing (``import_rows.ignored_indices``)
and every X-CRM-FIELD name the book lacks. ``plan_table`` / ``plan_cards`` make them
provisional CustomFields (negative ids, shown as table columns), which the rows are read with
as with the book's own fields; ``create`` makes them inside the import's one transaction
(``import_write.write_rows``) and moves the contacts' values to the real ids. Nothing is written
before: a cancelled, refused or failed import leaves no new field.

The name: the header (our export's «شهر (فیلد دلخواه)» gives «شهر»), if a custom field may take
it (``repo_groups``' rules: not empty, at most 100 characters, not a built-in field's,
``columns.builtin_field_named``; not a field of the book's, compared as headers are,
``columns.custom_field_named``), and no earlier column makes a field of that name. Never a
column without a header (the table names it «ستون ۵»), a photo's, one that only repeats other
columns (Google's «Address 1 - Formatted», Outlook's «E-mail Display Name»:
``import_rows.repeats_others``) or holds only its program's placeholders (Outlook's Gender
«Unspecified»: ``import_rows.only_placeholders``), or a label column of another program
(«Phone 1 - Label»; Google's labelled pairs are spread into columns named by their labels
first, ``import_pairs``). A column named like a built-in field says which one to map it to. Why a column or an X-CRM-FIELD makes none is said in one short
line (``Refusal``, in the summary).

The kind (``import_kinds.guess``): a table column's placeholders («-», «ندارد») are what a
date, number or choice field reads as empty and are left out of the guess; a vCard's values
are all looked at (resolve_custom takes no placeholder for empty).
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.core.text import normalise, quoted
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook import import_kinds
from crm_desktop.phonebook.columns import _key as header_key  # noqa: PLC2701 - headers compared one way
from crm_desktop.phonebook.columns import builtin_field_named, custom_field_named, custom_key, unmarked
from crm_desktop.phonebook.import_kinds import guess_kind, kind_label  # noqa: F401 - the wizard's and tests' names
from crm_desktop.phonebook.import_pairs import pair_part
from crm_desktop.phonebook.import_values import placeholder
from crm_desktop.phonebook.model import FIELD_KINDS, CustomField
from crm_desktop.phonebook.repo_groups import MAX_NAME
from crm_desktop.phonebook.repo_groups import _name as field_name_checked  # noqa: PLC2701 - the one rule

NEW_FIELD = "new_field"  # a mapping key: the column fills a new custom field named like its header
NEW_FIELD_TEXT = "فیلد دلخواه تازه"
_PHOTOS = frozenset(map(header_key, ("photo", "picture", "image", "avatar", "photo url", "عکس", "تصویر", "عکس مخاطب")))


def new_field_key(kind: str = "") -> str:
    """The mapping key of a new field: ``NEW_FIELD``, or ``"new_field:date"`` for that kind."""
    return f"{NEW_FIELD}:{kind}" if kind else NEW_FIELD


def asked_kind(key) -> str | None:
    """'' for ``NEW_FIELD`` (the kind guessed), the kind of ``"new_field:date"``, None for any
    other key. (``"new_field:x"`` of no kind gives «x»: ``--mapping`` refuses it.)"""
    if key == NEW_FIELD:
        return ""
    if isinstance(key, str) and key.startswith(NEW_FIELD + ":"):
        return key[len(NEW_FIELD) + 1:]
    return None


def shown(name: str) -> str:
    """A header or a field name inside a Persian sentence: «…», isolated, at most 40 letters."""
    return f"«{import_kinds.island(name)}»"


@dataclass
class Refusal:
    """Why a column (or a vCard's X-CRM-FIELD name: ``card``) made no custom field."""

    name: str  # the header, the X-CRM-FIELD name ('' for lines without one)
    en: str
    fa: str
    card: bool = False

    def line(self, ahead: bool = False) -> str:
        """The Persian sentence, in the past (the summary) or, ``ahead``, the future (the wizard
        before the import)."""
        if not self.name:
            return f"{self.fa} و {'وارد نمی‌شود' if ahead else 'وارد نشد'}."
        if self.card:
            return f"فیلد {shown(self.name)} کارت‌ها {'ساخته نمی‌شود' if ahead else 'ساخته نشد'}: {self.fa}."
        return f"ستون {shown(self.name)} {'وارد نمی‌شود' if ahead else 'وارد نشد'}: {self.fa}."

    def line_en(self) -> str:
        if not self.name:
            return self.en
        if self.card:
            return f"custom field {quoted(self.name)} of the cards was not made: {self.en}"
        return f"column {quoted(self.name)} was not imported: {self.en}"

    def to_json(self) -> dict:
        return {"name": self.name, "from": "card" if self.card else "column", "reason": self.en, "reason_fa": self.fa}


def _refusal(header: str, fields, made=(), index: int | None = None, card: bool = False) -> tuple[str, str] | None:
    """Why no new custom field can be named after ``header`` (English, Persian), or None.
    ``made``: the provisional fields already planned (a second column of that name); ``index``:
    the column's (a column without a header is named «ستون N» by the table)."""
    header = str(header or "")
    if not card:
        if index is not None and header == f"ستون {to_persian(index + 1)}":
            return "the column has no header", "ستون سرستونی ندارد"
        part = pair_part(header)
        if part == "label":
            return "it labels another column", "برچسب ستون دیگری است"
        if part == "value":
            return "its values have no label to name a field", "مقدارهایش برچسبی ندارند که نام فیلد شود"
        if header_key(header) in _PHOTOS:
            return "the phonebook keeps no photos", "دفتر تلفن عکس نگه نمی‌دارد"
        from crm_desktop.phonebook.import_rows import repeats_others

        repeating = repeats_others(header)
        if repeating:
            return repeating
    try:
        name = field_name_checked(unmarked(header), "field")
    except ValidationError as error:
        if normalise(header) and len(" ".join(unmarked(header).split())) > MAX_NAME:
            if card:
                return error.message, error.fa.removesuffix(".")
            return (f"the header is longer than the {MAX_NAME} characters a field name may have",
                    f"نام ستون برای فیلد بیش از {to_persian(MAX_NAME)} نویسه است")
        return ("the column has no header", "ستون سرستونی ندارد") if not card else (error.message, error.fa.removesuffix("."))
    builtin = builtin_field_named(name)
    if builtin:
        if card:
            return f"{quoted(name)} is a built-in field of the phonebook", f"«{builtin}» از فیلدهای خود دفتر تلفن است"
        return builtin_refusal(builtin)
    found = custom_field_named(name, fields)
    if found is not None:
        return f"the book already has a field named {quoted(found.name)}", f"فیلدی به نام {shown(found.name)} از پیش هست"
    if custom_field_named(name, made) is not None:
        return "an earlier column makes a field of that name", "ستون دیگری همین فیلد را می‌سازد"
    return None


def builtin_refusal(builtin: str) -> tuple[str, str]:
    """Why a column named like the built-in field ``builtin`` (its label) makes no field, and
    where its values could go."""
    return (f"its name is the phonebook's own field {quoted(builtin)}: to import its values, map the column to that field",
            f"«{builtin}» از فیلدهای خود دفتر تلفن است؛ برای وارد کردن مقدارهایش، ستون را به «{builtin}» بدهید")


def new_field_name(header: str, fields, made=(), index: int | None = None) -> str | None:
    """The name of the custom field a column headed ``header`` (or an X-CRM-FIELD so named)
    would make, or None when a field may not take it (see the module notes)."""
    if _refusal(header, fields, made, index) is not None:
        return None
    return field_name_checked(unmarked(str(header)), "field")


# --- CSV / XLSX -------------------------------------------------------------------------------

def column_cells(table, index: int) -> list[str]:
    """A column's cells as the import reads them (stripped, our export's apostrophe off)."""
    from crm_desktop.phonebook.import_columns import cleaned_column
    from crm_desktop.phonebook.table import CSV

    column = [row[index] if index < len(row) else "" for row in table.rows]
    return cleaned_column(column, table.format == CSV and all(c.__class__ is str for c in column))


def _values(table, index: int) -> list[str]:
    """A column's filled cells in row order, its placeholders left out (a date, number or choice
    field reads them as empty; a text field is never guessed from them alone)."""
    return [c for c in column_cells(table, index) if c and not placeholder(c)]


def column_guess(table, index: int) -> tuple[str, list[str]]:
    """(kind, choices) guessed from a column's values and header (``import_kinds.guess``)."""
    header = table.headers[index] if index < len(table.headers) else ""
    return import_kinds.guess(_values(table, index), header)


def column_kind(table, index: int) -> str:
    return column_guess(table, index)[0]


class KindMisfit(UserError):
    def __init__(self, header: str, kind: str, reason: tuple[str, str]):
        super().__init__(f"column {quoted(header)} cannot become a {kind} field: {reason[0]}",
                         f"ستون {shown(header)} فیلد «{kind_label(kind)}» نمی‌شود: {reason[1]}.")


def column_misfit(table, index: int, kind: str) -> KindMisfit | None:
    """The error for a new ``kind`` field of column ``index`` that a value of it does not fit
    (naming the first, with its row), or None."""
    if kind not in FIELD_KINDS:
        raise ValueError(kind)
    cells = column_cells(table, index)
    values = ((c, (f"ردیف {to_persian(n)}", f"row {n}")) for c, n in zip(cells, table.numbers) if c and not placeholder(c))
    reason = import_kinds.misfit(kind, values)
    return None if reason is None else KindMisfit(table.headers[index], kind, reason)


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
    the columns that do, when known) other than its program's placeholders. None without a
    header row."""
    if not getattr(table, "has_header", True):
        return {}
    from crm_desktop.phonebook.import_rows import only_placeholders

    out: dict[int, str] = {}
    made: list[CustomField] = []
    for index, header in enumerate(table.headers):
        name = new_field_name(header, fields, made, index)
        if name is None or not (index in with_data if with_data is not None else has_data(table, index)):
            continue
        if only_placeholders(table, index):  # Outlook's Gender «Unspecified»: nothing to keep
            continue
        made.append(CustomField(name, id=-(index + 1)))
        out[index] = name
    return out


def why_not(table, index: int, fields, choices: dict[int, str]) -> tuple[str, str]:
    """Why column ``index`` (not among ``choices``, ``offered``'s) makes no new field."""
    made = [CustomField(name, id=-(i + 1)) for i, name in choices.items() if i < index]
    header = table.headers[index] if index < len(table.headers) else str(index)
    found = _refusal(header, fields, made, index)
    if found is None and index < len(table.headers):
        example = next((c for c in column_cells(table, index) if c), "")
        if example:  # only placeholders (``offered``): Outlook's Gender «Unspecified»
            return (f"it holds only {quoted(example)}, its program's word for nothing",
                    f"فقط {shown(example)} دارد که برنامهٔ سازنده‌اش برای خالی می‌نویسد")
    return found or ("the column is empty", "ستون خالی است")


def refusals(table, indices, fields) -> list[Refusal]:
    """Why each of the columns ``indices`` (with data, filling nothing) made no new field."""
    indices = list(indices)
    if not indices:
        return []
    choices = offered(table, fields)
    return [Refusal(table.headers[i], *why_not(table, i, fields, choices)) for i in indices]


class CannotMakeField(UserError):
    def __init__(self, header: str, reason: tuple[str, str]):
        super().__init__(f"column {quoted(header)} cannot become a new custom field: {reason[0]}",
                         f"ستون {shown(header)} فیلد دلخواه تازه نمی‌شود: {reason[1]}.")


def planned(table, index: int, asked: str, cache: dict) -> tuple[str, list[str]]:
    """(kind, choices) of column ``index``'s new field: guessed (``asked`` '') or ``asked``
    (KindMisfit when a value does not fit); kept in ``cache``."""
    key = (index, asked)
    if key not in cache:
        if not asked:
            cache[key] = column_guess(table, index)
        else:
            error = column_misfit(table, index, asked)
            if error is not None:
                raise error
            cache[key] = (asked, import_kinds.choices(_values(table, index)) if asked == import_kinds.CHOICE else [])
    return cache[key]


def plan_table(table, mapping: dict[int, str], fields, *, every: bool = False, choices: dict | None = None,
               guesses: dict | None = None) -> tuple[dict[int, str], list[CustomField]]:
    """(the mapping with each new-field key turned into its provisional field's key, the
    provisional fields in column order). ``every``: also one for each column with data that
    fills nothing and may make one. ``choices``: ``offered(table, fields)`` when already made;
    ``guesses``: the kinds already found (updated here). CannotMakeField for a new-field column
    that may not make one (a name from ``--mapping``), KindMisfit for a kind asked that a value
    does not fit."""
    asked = {i: asked_kind(key) for i, key in mapping.items() if asked_kind(key) is not None}
    if not asked and not every:
        return mapping, []
    choices = offered(table, fields) if choices is None else choices
    mapping = dict(mapping)
    if every:
        from crm_desktop.phonebook.import_rows import ignored_indices

        for i in ignored_indices(table, mapping, fields, among=choices):
            asked.setdefault(i, "")
    guesses = {} if guesses is None else guesses
    new: list[CustomField] = []
    for index in sorted(asked):
        name = choices.get(index)
        if name is None:
            header = table.headers[index] if index < len(table.headers) else str(index)
            raise CannotMakeField(header, why_not(table, index, fields, choices))
        kind, listed = planned(table, index, asked[index], guesses)
        field = CustomField(name, kind, list(listed), True, 0, -(len(new) + 1))
        mapping[index] = custom_key(field.id)
        new.append(field)
    return mapping, new


# --- vCard ----------------------------------------------------------------------------------

def _nameless(card) -> int:
    """How many of a card's X-CRM-FIELD lines hold a value but no field name."""
    from crm_desktop.phonebook.vcard_map import CUSTOM_PROPERTY

    count = 0
    for prop in card.all(CUSTOM_PROPERTY):
        if prop.param("X-NAME") or prop.param("NAME"):
            continue
        parts = prop.parts
        if (len(parts) < 2 or not parts[0].strip()) and "".join(parts[1:] or parts).strip():
            count += 1
    return count


def plan_cards(cards, fields, refused: list | None = None) -> list[CustomField]:
    """The provisional fields for the X-CRM-FIELD names of ``cards`` (a list) that the book's
    ``fields`` lack and a field may take, in the order the cards write them (``_card_order``).
    ``refused``: gets a Refusal for each name a field may not take, and one for the lines
    without a name."""
    from crm_desktop.phonebook.vcard_map import card_custom_values

    new: list[CustomField] = []
    values: dict[int, list] = {}
    refusing: dict[str, tuple[str, str, str]] = {}  # normalised name -> (name, en, fa)
    after: dict[int, set] = {}  # field id -> the ids a card wrote right after it
    nameless = 0
    for card in cards:
        last = None
        nameless += _nameless(card)
        for name, value in card_custom_values(card):
            if normalise(name) in refusing or custom_field_named(name, fields) is not None:
                continue
            field = custom_field_named(name, new)
            if field is None:
                reason = _refusal(name, fields, new, card=True)
                if reason is not None:
                    refusing[normalise(name)] = (name, *reason)
                    continue
                field = CustomField(field_name_checked(unmarked(name), "field"), "text", [], True, 0, -(len(new) + 1))
                new.append(field)
            values.setdefault(field.id, []).append(value)
            if last is not None and last != field.id:
                after.setdefault(last, set()).add(field.id)
            last = field.id
    for field in new:
        field.kind, field.choices = import_kinds.guess(values.get(field.id, ()), field.name)
    if refused is not None:
        refused += [Refusal(name, en, fa, card=True) for name, en, fa in refusing.values()]
        refused += _nameless_refusal(nameless)
    return _card_order(new, after)


def _nameless_refusal(count: int) -> list[Refusal]:
    """The Refusal for ``count`` X-CRM-FIELD lines with a value but no field name (none for 0)."""
    if not count:
        return []
    return [Refusal("", f"{count} X-CRM-FIELD line(s) without a field name were not imported",
                    f"{to_persian(count)} خط X-CRM-FIELD نام فیلد ندارد", card=True)]


@dataclass
class IgnoredField:
    """An X-CRM-FIELD name the book has no custom field for, in an import that makes none: how
    many cards had a value for it (their values were not imported)."""

    name: str  # as the first card wrote it
    cards: int = 0

    def line(self) -> str:
        return f"فیلد {shown(self.name)} در دفتر نیست؛ مقدار {format_number(self.cards)} کارت وارد نشد."

    def line_en(self) -> str:
        values = "the value of 1 card was" if self.cards == 1 else f"the values of {self.cards} cards were"
        return f"field {quoted(self.name)} is not in the book: {values} not imported"

    def to_json(self) -> dict:
        return {"name": self.name, "cards": self.cards}


class CardTally:
    """What an import that makes no new field leaves out of the cards, counted as they pass
    (``passing`` keeps a stream of cards a stream): each X-CRM-FIELD name none of the book's
    ``fields`` has (``ignored``, in first-seen order) and the lines without a name (``refused``)."""

    def __init__(self, fields):
        from crm_desktop.phonebook.vcard_map import CUSTOM_PROPERTY, card_custom_values

        self._values = card_custom_values
        self._property = CUSTOM_PROPERTY
        self._fields = list(fields)
        self._keys: dict[str, str] = {}  # a name as written -> its key (compared as headers are), '' for the book's
        self._ignored: dict[str, IgnoredField] = {}  # its key (compared as headers are) -> the tally
        self._nameless = 0

    def passing(self, cards):
        for card in cards:
            self.count(card)
            yield card

    def count(self, card) -> None:
        if not any(p.name == self._property for p in card.properties):  # most cards: one quick look
            return
        self._nameless += _nameless(card)
        seen = set()
        for name, _value in self._values(card):
            key = self._keys.get(name)
            if key is None:
                known = custom_field_named(name, self._fields) is not None
                key = self._keys[name] = "" if known else header_key(name) or normalise(name) or name
            if not key or key in seen:
                continue
            seen.add(key)
            self._ignored.setdefault(key, IgnoredField(name)).cards += 1

    def ignored(self) -> list[IgnoredField]:
        return list(self._ignored.values())

    def refused(self) -> list[Refusal]:
        return _nameless_refusal(self._nameless)


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


def card_field_names(cards, fields) -> tuple[list[str], list[Refusal]]:
    """The names of the fields ``plan_cards`` would make and why the others are not (the wizard
    names both)."""
    refused: list[Refusal] = []
    return [f.name for f in plan_cards(cards, fields, refused)], refused


# --- in the import's transaction ---------------------------------------------------------------

def create(book, new_fields, contacts) -> list[CustomField]:
    """Make the provisional ``new_fields`` in the book (inside the caller's transaction) and give
    the ``contacts`` values of them the real ids; the fields made, with their ids."""
    if not new_fields:
        return []
    ids, made = {}, []
    for field in new_fields:
        real = book.add_field(CustomField(field.name, field.kind, list(field.choices), field.show_in_table))
        ids[field.id] = real
        made.append(CustomField(field.name, field.kind, list(field.choices), field.show_in_table, 0, real))
    for contact in contacts:
        custom = contact.custom
        if custom and any(key in ids for key in custom):
            contact.custom = {ids.get(key, key): value for key, value in custom.items()}
    return made
