"""Groups and custom fields (part of ``Phonebook``; SQL)."""

from __future__ import annotations

import json
import re
from datetime import date

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.text import isolate, normalise, quoted, sort_key
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook import search_index
from crm_desktop.phonebook.contact_rows import ids_json
from crm_desktop.phonebook.model import FIELD_KINDS, CustomField, Group, now_iso

_COLOUR = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")
_THOUSANDS = dict.fromkeys(map(ord, "٬,'’"))
_MARKS = dict.fromkeys(map(ord, " \u00a0\u202f\u200e\u200f"))  # spaces, and the mark a shown minus has
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))
MAX_NAME = 100
# the kinds a text field with values may become, and what its values must be: (English, Persian)
_FROM_TEXT = {"choice": ("among its choices", "از گزینه‌ها نیست"), "number": ("numbers", "عدد نیست"),
              "date": ("dates", "تاریخ درست نیست")}


def group_named(groups, name: str) -> Group:
    """The group called ``name`` (compared normalised: ي/ی, ZWNJ, digits…), or else the one
    group it names as the search line reads text (آ/ا, «,»/«،», a space after the comma or not),
    when only one does; a UserError that lists the groups there are otherwise (an empty name
    included), each quoted: a group's name may hold a comma of its own."""
    wanted = normalise(name)
    for group in groups:
        if wanted and normalise(group.name) == wanted:
            return group
    if wanted:
        loose = _loose(name)
        close = [group for group in groups if _loose(group.name) == loose]
        if len(close) == 1:
            return close[0]
    names = [g.name for g in groups]
    listed = ", ".join(quoted(n) for n in names) or "none"
    shown = "، ".join(f"«{isolate(n)}»" for n in names) or "هیچ گروهی تعریف نشده است"
    raise UserError(f"no group named {quoted(name)} (groups: {listed})",
                    f"گروهی به نام «{isolate(name)}» نیست. گروه‌ها: {shown}")


_COMMAS = re.compile(r"\s*[,،]\s*")
_SEMICOLONS = re.compile(r"\s*[;؛]\s*")


def _loose(name: str) -> str:
    from crm_desktop.phonebook.search import fold

    return _SEMICOLONS.sub("؛ ", _COMMAS.sub("، ", fold(name))).strip()


def _name(text, what: str) -> str:
    name = " ".join((text or "").split())
    if not normalise(name):  # nothing, or only invisible marks (a half-space alone)
        raise ValidationError(f"the {what} needs a name", f"نام {what_fa(what)} را وارد کنید.", "نام")
    if len(name) > MAX_NAME:
        raise ValidationError(f"the {what} name is longer than {MAX_NAME} characters",
                              f"نام {what_fa(what)} بیش از {to_persian(MAX_NAME)} نویسه است.", "نام")
    return name


def what_fa(what: str) -> str:
    return {"group": "گروه", "field": "فیلد"}[what]


def checked_colour(colour) -> str:
    match = _COLOUR.fullmatch((colour or "").strip())
    if not match:
        raise ValidationError(f"colour {colour!r} is not #rrggbb", "رنگ گروه درست نیست.", "رنگ")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:[,٬'’][0-9]{3})+(?:[.٫][0-9]+)?")  # 1,250,000 / ۱٬۲۵۰٬۰۰۰٫۵


def number_text(text, field_name: str) -> str:
    """A number typed into a number field (any digit script; «٫» or «.» for the decimals; a
    minus as the table shows it) as the field stores it, ASCII: «۱٬۲۵۰» → «1250», «‎-۷» → «-7»,
    «٫۵» → «0.5». The contact form and every import read numbers through this one rule.
    ValidationError for anything else: «2,5» (a comma that groups no thousands), «1e5», «1_000»."""
    s = to_latin(str(text)).translate(_MARKS).replace("\u2212", "-").strip()
    if any(mark in s for mark in ",٬'’"):
        if not _GROUPED.fullmatch(s):
            raise ValidationError(f"{field_name}: {quoted(str(text))} is not a number (a comma groups thousands)",
                                  f"«{field_name}» باید عدد باشد؛ اعشار را با «٫» یا «.» بنویسید، مانند ۲٫۵.",
                                  field_name)
        s = s.translate(_THOUSANDS)
    s = s.replace("٫", ".")
    if s.startswith((".", "-.", "+.")):
        s = s.replace(".", "0.", 1)
    if s.endswith("."):
        s = s[:-1]
    if not _NUMBER.fullmatch(s):
        raise ValidationError(f"{field_name}: {quoted(str(text))} is not a number",
                              f"«{field_name}» باید عدد باشد، مانند ۱۲۵ یا ۲٫۵.", field_name)
    return str(int(s)) if "." not in s else s.lstrip("+")


NUMBER_DIGITS = 15  # more digits than a double keeps: an account, a card or an ID number
_BARE_DATE = re.compile(r"[0-9]{8}")


def number_as_written(value) -> bool:
    """Whether a number field keeps ``value`` as it was written (shown back the same, its digits
    grouped or not): no «+», no zero before its first digit («007», «0912…»), no spaces between
    digits («1 250 000», an account or a phone number), at most ``NUMBER_DIGITS`` digits (a card
    number). «1,250,000», «2.5», «-7», «۰٫۵» are."""
    text = to_latin(str(value)).translate(_BIDI).replace("\u2212", "-").strip()
    if text[:1] == "+" or any(ch.isspace() for ch in text):
        return False
    digits = text.lstrip("-")
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        return False
    return sum(ch.isdigit() for ch in digits) <= NUMBER_DIGITS


def date_as_written(value) -> bool:
    """Whether a date field shows ``value`` back as the same day unambiguously: not a bare run of
    eight digits (a date field reads «14020105» as 1402/01/05: a personnel code that starts with
    the year it was given). A date with separators («1403/7/15», «2024-10-06») is."""
    return not _BARE_DATE.fullmatch(to_latin(str(value)).translate(_BIDI).strip())


class NotKept(ValidationError):
    """A value a number or date field would take but not keep as written (``becomes``: what it
    would show instead)."""

    def __init__(self, field: CustomField, text: str, stored: str):
        from crm_desktop.phonebook.display import custom_text

        self.value, self.becomes = text, custom_text(field, stored)
        kind_en, kind_fa = ("number", "عدد") if field.kind == "number" else ("date", "تاریخ")
        self.why = self.why_en = ""  # what would become of it: shown, or its digits too many
        if field.kind == "number" and sum(map(str.isdigit, stored)) > NUMBER_DIGITS:
            self.why_en, self.why = (f"more than {NUMBER_DIGITS} digits",
                                     f"بیش از {to_persian(NUMBER_DIGITS)} رقم دارد")
        else:
            self.why_en, self.why = f"it would be {to_latin(self.becomes)}", f"{isolate(self.becomes)} می‌شود"
        super().__init__(f"{field.name}: {quoted(text)} would not be kept as written in a {kind_en} field ({self.why_en})",
                         f"فیلد «{field.name}» {kind_fa} است و «{isolate(text)}» را همان‌گونه نگه نمی‌دارد ({self.why}).",
                         field.name)


def custom_value(field: CustomField, value, kept: bool = False) -> tuple[str, object] | None:
    """(stored value, sort value) of what was typed into a custom field, or None when empty.
    Raises ValidationError (Persian, naming the field) for a value the field cannot take, and
    with ``kept`` (an import's value) NotKept for a number it would not keep as written
    (``number_as_written``: «0012345678» would be 12345678)."""
    text = " ".join(str(value if value is not None else "").split())
    if not text:
        return None
    if field.kind == "number":
        stored = number_text(text, field.name)
        if kept and not number_as_written(text):
            raise NotKept(field, text, stored)
        if "." in stored or len(stored) > 18:  # SQLite's integers end at 2**63: a float sorts beyond
            return stored, float(stored)
        return stored, int(stored)
    if field.kind == "date":
        try:
            # a stored ISO date (Gregorian 1600 or later); «1403-01-05» is a Jalali date typed with dashes
            iso = date.fromisoformat(text).isoformat() if re.fullmatch(r"(?:1[6-9]|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}", text) \
                else jalali.parse_date(text, field=field.name).isoformat()
        except ValueError:
            raise ValidationError(f"{field.name}: not a date", f"«{field.name}»: تاریخ درست نیست.", field.name) from None
        return iso, iso
    if field.kind == "choice":
        for choice in field.choices:
            if normalise(choice) == normalise(text):
                return choice, sort_key(choice)
        raise ValidationError(f"{field.name}: {quoted(text)} is not one of its choices",
                              f"«{text}» از گزینه‌های «{field.name}» نیست.", field.name)
    return text, sort_key(text)


def kind_value(field: CustomField, value) -> tuple[str, object] | None:
    """``custom_value`` of a text value that is to hold ``field``'s kind (a text field changed to
    it, a column an import makes such a field of): a number or a date it would not keep as
    written does not fit (NotKept; ``number_as_written``, ``date_as_written``). The one rule
    of the field editor and the import's kind guess."""
    stored = custom_value(field, value, kept=True)
    if field.kind == "date" and stored is not None and not date_as_written(value):
        raise NotKept(field, " ".join(str(value).split()), stored[0])
    return stored


def spelling_rank(value: str) -> tuple[int, int]:
    """Which of the spellings that read the same (``normalise``) to prefer, lower first, when as
    many write each: the one with Persian letters («طلایی», not «طلايي» with Arabic ي / ك),
    then the one with a half-space where another has a space («نقره‌ای», not «نقره ای»)."""
    return sum(map(value.count, "يكى")), value.count(" ")


def _misfits(name: str, kind: str, misfits: list[str], changed: dict) -> ValidationError:
    """The refusal of a text field «name» becoming ``kind``: how many values do not fit and the
    first of them; ``changed``: those the kind would take but not keep as written, with their
    NotKept (what each would become: «007» → «۷»)."""
    english, fa = _FROM_TEXT[kind]
    english = f"are not {english}"
    if len(changed) == len(misfits):
        english, fa = "would not be kept as written", "همان‌گونه که نوشته شده نمی‌ماند"
    elif changed:
        english, fa = f"{english} or would not be kept as written", f"{fa} یا همان‌گونه که نوشته شده نمی‌ماند"
    first = misfits[0]
    why = changed.get(first)
    en_becomes = f" ({why.why_en})" if why is not None else ""
    fa_becomes = f" ({why.why})" if why is not None else ""
    return ValidationError(
        f"{len(misfits)} values of {quoted(name)} {english}, e.g. {quoted(first)}{en_becomes}",
        f"«{name}» {FIELD_KINDS[kind]} نمی‌شود: مقدار {to_persian(len(misfits))} مخاطب "
        f"{fa}، مانند «{isolate(first)}»{fa_becomes}.", "نوع")


class GroupsMixin:
    # -- groups ---------------------------------------------------------------------------------
    def groups(self) -> list[Group]:
        """Every group with its number of contacts, in Persian order of the names."""
        return [
            Group(name, colour, group_id, count)
            for group_id, name, colour, count in self.conn.execute(
                "SELECT g.id, g.name, g.colour, (SELECT count(*) FROM contact_group_members m WHERE m.group_id = g.id) "
                "FROM contact_groups g ORDER BY g.sort_key, g.id"
            )
        ]

    def _unique_group_name(self, name: str, group_id=None) -> None:
        row = self.conn.execute("SELECT id, name FROM contact_groups WHERE name_key = ?", (normalise(name),)).fetchone()
        if row and row[0] != group_id:  # named as it is saved: «مشتریان ویژه» for a typed «مشتریان‌ویژه»
            raise ValidationError(f"a group named {quoted(row[1])} exists", f"گروهی به نام «{row[1]}» از پیش هست.", "نام")

    def add_group(self, name: str, colour: str = "#1f6f8b") -> int:
        name, colour = _name(name, "group"), checked_colour(colour)
        with self._writing({"contact_groups"}):
            self._unique_group_name(name)
            cursor = self.conn.execute(
                "INSERT INTO contact_groups (name, name_key, sort_key, colour, created_at) VALUES (?, ?, ?, ?, ?)",
                (name, normalise(name), sort_key(name), colour, now_iso()),
            )
            return cursor.lastrowid

    def _group_exists(self, group_id) -> None:
        if self.conn.execute("SELECT 1 FROM contact_groups WHERE id = ?", (group_id,)).fetchone() is None:
            raise UserError(f"no group with id {group_id}", "این گروه دیگر وجود ندارد.")

    def rename_group(self, group_id: int, name: str) -> None:
        name = _name(name, "group")
        with self._writing({"contact_groups"}):
            self._group_exists(group_id)
            self._unique_group_name(name, group_id)
            self.conn.execute("UPDATE contact_groups SET name = ?, name_key = ?, sort_key = ? WHERE id = ?",
                              (name, normalise(name), sort_key(name), group_id))

    def set_group_colour(self, group_id: int, colour: str) -> None:
        colour = checked_colour(colour)
        with self._writing({"contact_groups"}):
            self._group_exists(group_id)
            self.conn.execute("UPDATE contact_groups SET colour = ? WHERE id = ?", (colour, group_id))

    def delete_group(self, group_id: int) -> None:
        """The group goes; its contacts stay. (Their search documents keep the group's token
        until they are next re-indexed: harmless, a group id is never used again.)"""
        with self._writing({"contact_groups", "contact_group_members", "contacts"}):
            self.conn.execute("DELETE FROM contact_groups WHERE id = ?", (group_id,))

    def set_contact_groups(self, contact_id: int, group_ids) -> None:
        group_ids = sorted(set(int(g) for g in group_ids))
        with self._writing({"contact_group_members", "contacts"}):
            self._contact_exists(contact_id)
            for group_id in group_ids:
                self._group_exists(group_id)
            self.conn.execute("DELETE FROM contact_group_members WHERE contact_id = ?", (contact_id,))
            self.conn.executemany("INSERT INTO contact_group_members (group_id, contact_id) VALUES (?, ?)",
                                  [(g, contact_id) for g in group_ids])
            search_index.reindex_contacts(self.conn, [contact_id])

    def add_to_group(self, contact_ids, group_id: int) -> int:
        """Put contacts into a group; returns how many were not in it yet."""
        return self._membership(contact_ids, group_id, add=True)

    def remove_from_group(self, contact_ids, group_id: int) -> int:
        """Take contacts out of a group; returns how many were in it."""
        return self._membership(contact_ids, group_id, add=False)

    def _membership(self, contact_ids, group_id: int, *, add: bool) -> int:
        ids = sorted(set(int(i) for i in contact_ids))
        with self._writing({"contact_group_members", "contacts"}):
            self._group_exists(group_id)
            params = {"ids": ids_json(ids), "group": group_id}
            if add:
                changed = [r[0] for r in self.conn.execute(
                    "SELECT c.id FROM contacts c WHERE c.id IN (SELECT value FROM json_each(:ids)) AND NOT EXISTS "
                    "(SELECT 1 FROM contact_group_members m WHERE m.group_id = :group AND m.contact_id = c.id)", params)]
                self.conn.executemany("INSERT INTO contact_group_members (group_id, contact_id) VALUES (?, ?)",
                                      [(group_id, i) for i in changed])
            else:
                changed = [r[0] for r in self.conn.execute(
                    "SELECT contact_id FROM contact_group_members WHERE group_id = :group "
                    "AND contact_id IN (SELECT value FROM json_each(:ids))", params)]
                self.conn.execute("DELETE FROM contact_group_members WHERE group_id = :group "
                                  "AND contact_id IN (SELECT value FROM json_each(:ids))", params)
            search_index.reindex_contacts(self.conn, changed)
            return len(changed)

    # -- custom fields --------------------------------------------------------------------------
    def fields(self) -> list[CustomField]:
        return [
            CustomField(name, kind, json.loads(choices), bool(shown), position, field_id)
            for field_id, name, kind, choices, shown, position in self.conn.execute(
                "SELECT id, name, kind, choices, show_in_table, position FROM custom_fields ORDER BY position, id"
            )
        ]

    def _field(self, field_id) -> CustomField:
        for field in self.fields():
            if field.id == field_id:
                return field
        raise ValidationError(f"no custom field with id {field_id}", "این فیلد دلخواه دیگر وجود ندارد.", "فیلد")

    def _checked_field(self, field: CustomField, old_name: str = "") -> CustomField:
        """``field`` tidied, or ValidationError. A name a built-in field has is refused unless the
        field already had it (a book made before the rule keeps its field)."""
        from crm_desktop.phonebook.columns import builtin_field_named

        name = _name(field.name, "field")
        builtin = builtin_field_named(name) if normalise(name) != normalise(old_name) else None
        if builtin:
            said = f"«{builtin}»" if normalise(builtin) == normalise(name) else f"«{name}» («{builtin}»)"
            raise ValidationError(f"{quoted(name)} is a built-in field of the phonebook",
                                  f"{said} از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید.", "نام")
        if field.kind not in FIELD_KINDS:
            raise ValidationError(f"unknown field kind {field.kind!r}", "نوع فیلد درست نیست.", "نوع")
        choices = []
        for choice in field.choices or []:
            choice = " ".join(str(choice).split())
            if choice and normalise(choice) not in {normalise(c) for c in choices}:
                choices.append(choice)
        if field.kind == "choice" and not choices:
            raise ValidationError("a choice list needs choices", "دست‌کم یک گزینه برای فهرست بنویسید.", "گزینه‌ها")
        row = self.conn.execute("SELECT id, name FROM custom_fields WHERE name_key = ?", (normalise(name),)).fetchone()
        if row and row[0] != field.id:  # named as it is saved («نام مدیر» for a typed «نام مدير»)
            raise ValidationError(f"a field named {quoted(row[1])} exists", f"فیلدی به نام «{row[1]}» از پیش هست.", "نام")
        return CustomField(name, field.kind, choices, bool(field.show_in_table), int(field.position or 0), field.id)

    def add_field(self, field: CustomField) -> int:
        with self._writing({"custom_fields"}):
            field = self._checked_field(CustomField(field.name, field.kind, list(field.choices or []),
                                                    field.show_in_table, field.position))
            position = field.position or self.conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM custom_fields").fetchone()[0]
            cursor = self.conn.execute(
                "INSERT INTO custom_fields (name, name_key, kind, choices, show_in_table, position) VALUES (?, ?, ?, ?, ?, ?)",
                (field.name, normalise(field.name), field.kind, json.dumps(field.choices, ensure_ascii=False),
                 int(field.show_in_table), position),
            )
            return cursor.lastrowid

    def update_field(self, field: CustomField, renamed: dict[str, str] | None = None) -> None:
        """Rename, change choices, position or «show in table». The kind can change while no
        contact has a value in the field, and from text to a choice list, a number or a date
        when every value fits the new kind (``_values_in_kind``). ``renamed`` ({old choice: new
        choice}) renames choices: the contacts holding an old one get the new one (searched and
        sorted by it); a choice in use that is dropped without a new name is refused."""
        renamed = {normalise(a): b for a, b in (renamed or {}).items()}
        with self._writing({"custom_fields", "contacts"}):
            old = self._field(field.id)
            field = self._checked_field(field, old.name)
            holders = self._values_in_kind(old, field) if field.kind != old.kind else []
            if field.kind == "choice":
                kept = {normalise(c): c for c in field.choices}
                moved = []  # contact ids whose value is renamed
                for (value,) in self.conn.execute("SELECT DISTINCT value FROM contact_custom_values WHERE field_id = ?",
                                                  (field.id,)).fetchall():
                    if normalise(value) in kept:
                        continue
                    new = kept.get(normalise(renamed.get(normalise(value), "")))
                    if new is None:
                        raise ValidationError(f"choice {quoted(value)} is in use",
                                              f"گزینه «{value}» را مخاطبانی دارند و حذف نمی‌شود؛ "
                                              "برای نام تازه، همان سطر را ویرایش کنید.", "گزینه‌ها")
                    moved += [r[0] for r in self.conn.execute(
                        "SELECT contact_id FROM contact_custom_values WHERE field_id = ? AND value = ?", (field.id, value))]
                    self.conn.execute("UPDATE contact_custom_values SET value = ?, sort_value = ? "
                                      "WHERE field_id = ? AND value = ?", (new, sort_key(new), field.id, value))
                search_index.reindex_contacts(self.conn, moved)
            self.conn.execute(
                "UPDATE custom_fields SET name = ?, name_key = ?, kind = ?, choices = ?, show_in_table = ?, position = ? "
                "WHERE id = ?",
                (field.name, normalise(field.name), field.kind, json.dumps(field.choices, ensure_ascii=False),
                 int(field.show_in_table), field.position, field.id),
            )
            search_index.reindex_contacts(self.conn, holders)  # a date is searched in Jalali, a number as one

    def _values_in_kind(self, old: CustomField, field: CustomField) -> list[int]:
        """The values of ``old`` stored in ``field``'s new kind (a number in ASCII digits, a date
        ISO, a choice as the list writes it), sorted by it; the contacts holding one. Only a text
        field's values change kind, and only when every one fits (``kind_value``: a number or a
        date the field would not keep as written does not): ValidationError naming how many do
        not and one of them otherwise."""
        rows = self.conn.execute("SELECT contact_id, value FROM contact_custom_values WHERE field_id = ? "
                                 "ORDER BY sort_value, contact_id", (field.id,)).fetchall()
        if rows and (old.kind != "text" or field.kind not in _FROM_TEXT):
            raise ValidationError("the kind of a field with values cannot change",
                                  f"نوع «{old.name}» عوض نمی‌شود، چون مخاطبانی در آن مقدار دارند.", "نوع")
        stored, misfits, changed = {}, [], []  # changed: (value, what it would become)
        for contact_id, value in rows:
            try:
                stored[contact_id] = kind_value(field, value)
            except NotKept as error:
                changed.append((value, error))
                misfits.append(value)
            except ValidationError:
                misfits.append(value)
        if misfits:
            raise _misfits(old.name, field.kind, misfits, dict(changed))
        self.conn.executemany(
            "UPDATE contact_custom_values SET value = ?, sort_value = ? WHERE contact_id = ? AND field_id = ?",
            [(value, sort_value, contact_id, field.id) for contact_id, (value, sort_value) in stored.items()])
        return list(stored)

    def field_values(self, field_id: int) -> list[str]:
        """The different values contacts have in the field, in Persian order: the choices a
        text field's values make. Spellings that read the same («وب‌سایت», «وب سایت») are one,
        written as most contacts write it; on a tie, the one ``spelling_rank`` prefers, then
        the first saved."""
        chosen: dict[str, tuple] = {}
        for value, count, first in self.conn.execute(
                "SELECT value, count(*), min(contact_id) FROM contact_custom_values WHERE field_id = ? "
                "GROUP BY value", (field_id,)):
            rank = (-count, *spelling_rank(value), first)
            key = normalise(value)
            if key not in chosen or rank < chosen[key][0]:
                chosen[key] = (rank, value)
        return sorted((value for _rank, value in chosen.values()), key=sort_key)

    def field_value_count(self, field_id: int) -> int:
        """How many contacts have a value in the field (its kind may change only while none has,
        or from text when every value fits the new kind)."""
        return self.conn.execute("SELECT count(*) FROM contact_custom_values WHERE field_id = ?",
                                 (field_id,)).fetchone()[0]

    def delete_field(self, field_id: int) -> None:
        """The field and its values go (the contacts' other data stays); the search forgets them."""
        with self._writing({"custom_fields", "contact_custom_values", "contacts"}):
            holders = [r[0] for r in self.conn.execute(
                "SELECT contact_id FROM contact_custom_values WHERE field_id = ?", (field_id,))]
            self.conn.execute("DELETE FROM custom_fields WHERE id = ?", (field_id,))
            search_index.reindex_contacts(self.conn, holders)

    def _checked_custom(self, values: dict) -> dict:
        """{field id: (stored value, sort value)} for a contact's custom values."""
        if not values:
            return {}
        fields = {f.id: f for f in self.fields()}
        checked = {}
        for field_id, value in values.items():
            field = fields.get(int(field_id))
            if field is None:
                raise ValidationError(f"no custom field with id {field_id}", "این فیلد دلخواه دیگر وجود ندارد.", "فیلد")
            stored = custom_value(field, value)
            if stored is not None:
                checked[field.id] = stored
        return checked
