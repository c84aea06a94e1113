"""What the phonebook's search line matches, without SQL: the two texts indexed per contact and
how a typed line is read (``parse``), as FTS5 queries and as equivalent SQL tests.

Two documents per contact (stored in ``contact_search``, indexed by two FTS5 tables):

* **words** — every word of the names, title, organisation, job, unit, manager, website, note,
  e-mails, notes log and custom values, after ``core.text.normalise`` (ي/ی, ك/ک, ZWNJ,
  diacritics, digit scripts) and with آ folded to ا; a word written with a ZWNJ («علی‌پور») is
  indexed as its parts and joined («علی», «پور», «علیپور»). In the fields that hold a name,
  runs of adjacent words are also indexed joined, as Persian writes a compound name either way:
  up to three words in the title and the first and last name («علی رضا» also as «علیرضا»,
  «حسین زاده» as «حسینزاده», «سید محمد رضا» as «سیدمحمدرضا»), two in the organisation, job
  and unit («پارس خودرو», «مدیر عامل»); never across two fields (a first name «علی» and a last
  name «رضایی» are no «علیرضایی»).
  Words made only of digits go to the numbers document instead. Each group the contact is in
  adds a token no typed word can produce. Indexed by unicode61 with prefix indexes: every query
  word is a word prefix.
* **numbers** — every phone in its national form (``09121234567``; a foreign one also in its
  country's local form, ``+442079460999`` as ``02079460999``), the national code and
  every run of digits in the words fields (a Jalali date value also without its slashes), each
  behind a ``^^`` start mark; the group marks again. Indexed by the trigram tokenizer: a query
  of digits matches any part of any of them (``0912 123``, ``8877`` inside ``021 8877 6655``).

A line of digits (spaces, dashes, dots, slashes, brackets, a leading + or 00 allowed; any digit
script) is a number query (a Jalali date among them, ``1403/1/5``, also as ``14030105``): ``+98 912`` and ``0098 912`` are read as ``0912``, ``98912…`` also
as ``0912…``; one or two digits match the numbers that start with them (``0`` → ``^^0``; ``9``
is read as ``09``). A line with letters is a words query, its digit-only words are number
fragments; its first ``MAX_TERMS`` words and fragments are searched for, the rest of a very long
line is left out. A typed word also matches joined with its neighbours (up to ``COMPOUND_SPAN``
words in all): «علی رضا» finds «علیرضا» too, and «علی رض», typed halfway, both. A word typed
with a ZWNJ matches its joined form or all its parts: «حسین‌زاده» finds «حسین‌زاده»,
«حسینزاده» and «حسین زاده» in one name field, and «وب‌سایت» a note's «وب سایت» (also «حسین»
in one field and «… زاده» in another: a few results too many, never one missed). The group
filter is one more token.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.phone import local_form, without_trunk_zero
from crm_desktop.core.text import ZWNJ, isolate, normalise

_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"[0-9]+")
# a decimal number as written in any digit script with «.» or the Persian «٫» (a number custom
# field, «نسخه ۲٫۵» in a note): the numbers document also holds it whole, «2.5»
_DECIMAL = re.compile(r"[0-9۰-۹٠-٩]+[.٫][0-9۰-۹٠-٩]+")
# a negative number on its own (a number custom field's «-7»), kept whole too: «-7», «-2.5»
_NEGATIVE = re.compile(r"[-−]\s*([0-9۰-۹٠-٩]+(?:[.٫][0-9۰-۹٠-٩]+)?)")
_SEARCH_FOLD = str.maketrans({"آ": "ا"})
GROUP_TOKEN = "\ue000"  # private use: unicode61 keeps it in a token, a typed query never has it
NUMBER_MARK = "^^"
_GROUP_LETTERS = str.maketrans("0123456789", "abcdefghij")
_SEPARATORS = re.compile(r"[\s()\-./]")
_COMPACT_NUMBER = re.compile(r"\+?[0-9]+")
_INTERNATIONAL_PREFIXES = ("+", "+9", "00", "009")  # typed on the way to +98… / 0098…
# «+44 (», «0044 (0», «(+49) (0»: a trunk «(0)» being typed after a country code
_OPEN_TRUNK = re.compile(r"\(\s*0?\s*$")
_TYPED_CODE = re.compile(r"\(?\s*(?:\+|00)\s*[0-9]{1,3}\s*\)?\s*")
# The words and number fragments of a line that are searched for: the first 32 (a name, an
# organisation, a street and a phone take a dozen); a longer line (a pasted paragraph, «علی 0 1
# 2 … 999») is read up to there, as SQLite cannot run a query a thousand clauses deep.
MAX_TERMS = 32
# Persian writes a compound name joined, apart or with a ZWNJ («علیرضا», «علی رضا», «علی‌رضا»):
# runs of up to this many adjacent words of a person's name are also indexed joined (three:
# «سید محمد رضا» / «سیدمحمدرضا»), and a typed word also matches joined with its typed
# neighbours, up to this many words in all. An organisation, job or unit is indexed with its
# pairs only (LABEL_SPAN): its values are longer, and triples cost the demo book's index a
# further quarter of words for little («شرکت فنی و» is nobody's spelling).
COMPOUND_SPAN = 3
LABEL_SPAN = 2
# a Jalali date typed with one-digit month or day (1403/1/5, 1403-1-15): also found as the
# date fields hold it, padded (14030105)
_JALALI_DAY = re.compile(r"(1[2-4][0-9]{2})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})")


def fold(text: str | None) -> str:
    """The search form of a text: ``normalise`` plus آ → ا."""
    return normalise(text).translate(_SEARCH_FOLD)


def tokens(text: str | None, span: int = 1) -> list[str]:
    """The words of ``text`` as the index holds them (a ZWNJ-joined word also whole); with a
    ``span`` above 1 (a name field) also its runs of up to ``span`` adjacent words joined."""
    if not text:
        return []
    if text.isascii():  # e-mails, websites: normalise() would only lower-case them
        found = _TOKEN.findall(text.casefold())
        return found + [j for j in joins(found, span) if j not in found] if span > 1 else found
    found = _TOKEN.findall(fold(text))
    extra = joins(found, span) if span > 1 else []
    if ZWNJ in text:
        extra += _TOKEN.findall(fold(text.replace(ZWNJ, "")))
    for joined in extra:
        if joined not in found:
            found.append(joined)
    return found


def joins(words: list[str], span: int = COMPOUND_SPAN) -> list[str]:
    """Every run of two to ``span`` adjacent ``words`` written as one word («علی رضا» →
    «علیرضا»); a word of digits only is part of no run (a number is no part of a name)."""
    found = []
    for start in range(len(words) - 1):
        for end in range(start + 2, min(start + span, len(words)) + 1):
            if words[end - 1].isdigit() or words[start].isdigit():
                break
            found.append("".join(words[start:end]))
    return found


def group_token(group_id: int) -> str:
    return f"{GROUP_TOKEN}{int(group_id)}"


def group_mark(group_id: int) -> str:
    """The group in the numbers document: letters, so that no digit query can match it."""
    return "{" + str(int(group_id)).translate(_GROUP_LETTERS) + "}"


class DocumentBuilder:
    """Builds the two documents; remembers the tokens of repeated values (names repeat a lot)
    and the marks of each group."""

    def __init__(self, memo_size: int = 50_000):
        # a value -> its split (``_split``), one memo per span (other values, labels, names)
        self._memos: defaultdict[int, dict[str, tuple[tuple, tuple]]] = defaultdict(dict)
        self._memo_size = memo_size
        self._groups: dict[int, tuple[str, str]] = {}  # group id -> (group_token, group_mark)

    def _split(self, text: str, span: int = 1) -> tuple[tuple, tuple]:
        """(word tokens, digit runs) of one field value, each without repeats, in order;
        ``span``: as ``tokens`` joins its adjacent words."""
        words: dict[str, None] = {}
        numbers: dict[str, None] = {}
        for token in tokens(text, span):
            if token.isdigit():
                numbers[token] = None
            else:
                words[token] = None
                for run in _DIGITS.findall(token):
                    numbers[run] = None
        if "." in text or "٫" in text:
            for run in _DECIMAL.findall(text):
                numbers[decimal_text(run)] = None
        if text[:1] in "-−":
            negative = _NEGATIVE.fullmatch(text)
            if negative:
                numbers["-" + decimal_text(negative.group(1))] = None
        split = tuple(words), tuple(numbers)
        if self._memo_size:
            memo = self._memos[span]
            if len(memo) >= self._memo_size:
                memo.clear()
            memo[text] = split
        return split

    def documents(self, texts: Iterable[str | None], nationals: Iterable[str] = (), national_code: str = "",
                  group_ids: Iterable[int] = (), names: Iterable[str | None] = (),
                  labels: Iterable[str | None] = ()) -> tuple[str, str]:
        """(words, numbers) for a contact: ``names`` are its title and first and last name
        (runs of up to COMPOUND_SPAN adjacent words also joined), ``labels`` its organisation,
        job and unit (pairs also joined), ``texts`` its other searchable values, ``nationals``
        its phone numbers in national form. Each token once, where it first appears (names,
        labels, texts). A foreign number is also held in its own country's local form
        (``core.phone.local_form``: «+44 20 7946 0999» as «02079460999»)."""
        words: list[str] = []
        numbers = list(nationals)
        if any(national[:1] == "+" for national in numbers):  # foreign: also as dialled in its country
            numbers += [local for local in map(local_form, numbers) if local]
        if national_code:
            numbers.append(national_code)
        for span, values in ((COMPOUND_SPAN, names), (LABEL_SPAN, labels), (1, texts)):
            memo = self._memos[span]
            for text in values:
                if text:
                    split = memo.get(text)
                    if split is None:
                        split = self._split(text, span)
                    words += split[0]
                    numbers += split[1]
        words_doc = " ".join(dict.fromkeys(words)) if words else ""
        if numbers:
            unique = dict.fromkeys(numbers)
            unique.pop("", None)
            numbers_doc = (NUMBER_MARK + (" " + NUMBER_MARK).join(unique)) if unique else ""
        else:
            numbers_doc = ""
        if group_ids:
            marks = self._groups
            groups = [marks.get(g) or marks.setdefault(g, (group_token(g), group_mark(g))) for g in sorted(set(group_ids))]
            words_doc = " ".join([words_doc, *(token for token, _ in groups)]).lstrip()
            numbers_doc = " ".join([numbers_doc, *(mark for _, mark in groups)]).lstrip()
        return words_doc, numbers_doc


# -- queries ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ParsedQuery:
    """A typed line, read: every clause must match.

    ``words``: clauses of the words document; a clause is a tuple of alternatives, an
    alternative a tuple of word prefixes that must all be there. ``numbers``: clauses of the
    numbers document; a clause is a tuple of alternative substrings. ``group_id``: the group."""

    words: tuple = ()
    numbers: tuple = ()
    group_id: int | None = None

    @property
    def empty(self) -> bool:
        return not self.words and not self.numbers and self.group_id is None

    def words_match(self, group: bool = True) -> str | None:
        """The FTS5 query for contact_words (None: nothing to ask it)."""
        clauses = []
        for alternatives in self.words:
            shown = [" AND ".join(f'"{t}"*' for t in alternative) for alternative in alternatives]
            clauses.append(shown[0] if len(shown) == 1 else "(" + " OR ".join(f"({a})" for a in shown) + ")")
        if group and self.group_id is not None:
            clauses.append(f'"{group_token(self.group_id)}"')
        return " AND ".join(clauses) or None

    def numbers_match(self, group: bool = True) -> str | None:
        """The FTS5 query for contact_numbers (None: nothing to ask it)."""
        clauses = []
        for alternatives in self.numbers:
            shown = [f'"{a}"' for a in alternatives]
            clauses.append(shown[0] if len(shown) == 1 else "(" + " OR ".join(shown) + ")")
        if group and self.group_id is not None:
            clauses.append(f'"{group_mark(self.group_id)}"')
        return " AND ".join(clauses) or None

    def words_test(self, column: str, params: dict) -> str:
        """An SQL condition on a stored words document equal to the FTS5 word-prefix match
        (documents hold whole tokens separated by single spaces)."""
        clauses = []
        for alternatives in self.words:
            shown = []
            for alternative in alternatives:
                tests = []
                for token in alternative:
                    name = f"w{len(params)}"
                    params[name] = " " + token
                    tests.append(f"instr(' ' || {column}, :{name}) > 0")
                shown.append("(" + " AND ".join(tests) + ")")
            clauses.append("(" + " OR ".join(shown) + ")")
        return " AND ".join(clauses) or "1"

    def numbers_test(self, column: str, params: dict) -> str:
        """An SQL condition on a stored numbers document equal to the FTS5 trigram match."""
        clauses = []
        for alternatives in self.numbers:
            tests = []
            for alternative in alternatives:
                name = f"n{len(params)}"
                params[name] = alternative
                tests.append(f"instr({column}, :{name}) > 0")
            clauses.append("(" + " OR ".join(tests) + ")")
        return " AND ".join(clauses) or "1"


def number_fragment(text: str) -> str | None:
    """The digits of a typed number query as the numbers document holds them, or None when
    ``text`` is not a number query (it has letters). ``+98 912`` and ``0098 912`` become
    ``0912``; ``+1 212`` stays ``+1212``; ``+``, ``+9``, ``00``, ``009`` (an international
    prefix being typed) mean «starts with 0». A bracket opened after the country code and not
    closed yet (``+44 (``, ``+44 (0``: the trunk «(0)» half typed) is nothing yet."""
    text = normalise(text)
    if "(" in text:
        opened = _OPEN_TRUNK.search(text)
        if opened and _TYPED_CODE.fullmatch(text[:opened.start()]):
            text = text[:opened.start()]
    compact = _SEPARATORS.sub("", text)
    if compact in _INTERNATIONAL_PREFIXES:
        return "0"
    if not _COMPACT_NUMBER.fullmatch(compact):
        return None
    plus = compact.startswith("+")
    digits = compact.lstrip("+")
    if plus or digits.startswith("00"):
        rest = digits if plus else digits[2:]
        if "(" in text:  # +44 (0) 20 …: the trunk 0 is no part of a stored foreign number
            rest = without_trunk_zero(text, rest)
        if rest.startswith("98"):
            rest = rest[2:]
            if rest.startswith("0"):  # +98 (0)21 …
                rest = rest[1:]
            return "0" + rest
        return "+" + rest
    if digits.startswith("98") and len(digits) == 12 and digits[2] != "0":
        return "0" + digits[2:]  # 98 912 123 4567 typed without + or 00
    return digits


def decimal_text(run: str) -> str:
    """«۲٫۵» → «2.5»: a decimal as the numbers document holds it."""
    return to_latin(run).replace("٫", ".")


def shown_query(text: str) -> str:
    """A typed search as a Persian sentence quotes it: a number in Persian digits, read left to
    right («۰۹۱۲ ۹۹۹ ۸۸», not «۸۸ ۹۹۹ ۰۹۱۲»); anything else as typed, in the direction of its
    first letter (an e-mail left to right)."""
    text = (text or "").strip()
    return isolate(to_persian(text) if number_fragment(text) is not None else text)


def number_clause(fragment: str) -> tuple[str, ...]:
    """The alternative substrings a number fragment matches: any part of a number; one or two
    characters match the numbers that start with them (``9`` and ``21`` are read as ``09…``
    and ``021…``, a number typed without its leading 0, and as the numbers that start with
    them as typed: a custom field's 9 or 21); ``98…`` also matches ``0…`` (``98 912`` typed
    without the + or 00)."""
    if len(fragment) < 3 and fragment[0] not in "0+":  # also a short number as written (a custom «10»)
        return (*number_clause("0" + fragment), NUMBER_MARK + fragment)
    if len(fragment) < 3:
        return ((NUMBER_MARK + fragment)[-3:],)
    if fragment.startswith("98") and len(fragment) > 3 and fragment[2] != "0":
        return (fragment, *number_clause("0" + fragment[2:]))
    return (fragment,)


def _word_clause(chunk: str, numbers: list, budget: int = MAX_TERMS) -> tuple[tuple | None, str | None]:
    """One typed word (no spaces) as a words clause, and the word that may be joined with its
    typed neighbours (``_join_runs``; None: it is joined with none); its digit-only tokens go
    to ``numbers``. At most ``budget`` of its tokens are read.

    A word typed with a ZWNJ («حسین‌زاده», «وب‌سایت») matches its joined form («حسینزاده», a
    prefix: the index holds it for the word written with a ZWNJ in any field, and joined or
    apart inside one name field) or all its parts, each anywhere («حسین» … «زاده»): a note's
    «وب سایت» or a custom value's «نقره ای» is written apart, in a field whose words are not
    indexed joined. A few more results (a first name «حسین» and a last name «ملک‌زاده») are
    the lesser evil; a missed contact is not. With a number among its parts («بلوک‌۴») the word
    matches its letters or the whole, as a word written so."""
    found = _TOKEN.findall(fold(chunk))[:budget]
    parts = []
    for token in found:
        if token.isdigit():
            numbers.append(number_clause(token))
        else:
            parts.append(token)
    if not parts:
        return None, None
    if ZWNJ not in chunk or len(found) < 2:
        return (tuple(parts),), parts[0] if len(parts) == 1 else None
    joined = tuple(t for t in _TOKEN.findall(fold(chunk.replace(ZWNJ, ""))) if not t.isdigit())
    if len(parts) < len(found):  # a number among the parts: the letters or the whole
        return (tuple(dict.fromkeys((tuple(parts), joined))) if joined else (tuple(parts),)), None
    return tuple(dict.fromkeys((joined, tuple(parts)))), joined[0] if len(joined) == 1 else None


def parse(text: str | None, group_id: int | None = None) -> ParsedQuery:
    """What a typed line (and a group filter) asks for."""
    text = text or ""
    words: list = []
    numbers: list = []
    fragment = number_fragment(text)
    negative = _NEGATIVE.fullmatch(text.strip().lstrip("\u200e"))  # «-7», «‎-۷» as the table shows it
    if negative:
        numbers.append((NUMBER_MARK + "-" + decimal_text(negative.group(1)),))
    elif _DECIMAL.fullmatch(text.strip()):  # «2.5», «۱۲۳۴٫۷۵»: the decimal whole, or a number typed with dots
        numbers.append(_decimal_clause(text.strip()))
    elif fragment is not None:
        day = _JALALI_DAY.fullmatch(normalise(text))
        if day is not None:  # «1403/1/15» is the date a custom field shows as «۱۴۰۳/۰۱/۱۵»
            year, month, dom = day.groups()
            numbers.append((f"{year}{int(month):02d}{int(dom):02d}", *number_clause(fragment)))
        else:
            numbers.append(number_clause(fragment))
    else:
        budget = MAX_TERMS
        for chunk in text.split():
            if budget <= 0:  # a pasted paragraph: its first words are a search, the rest would
                break  # only make the SQL too deep for SQLite («Expression tree is too large»)
            if _DECIMAL.fullmatch(chunk):
                numbers.append(_decimal_clause(chunk))
                budget -= 1
                continue
            clause, word = _word_clause(chunk, numbers, budget)
            budget -= max(1, len(_TOKEN.findall(fold(chunk))[:budget]))
            if clause is not None:
                words.append((clause, word))
        words = _join_runs(words)
    return ParsedQuery(tuple(words), tuple(numbers), None if group_id is None else int(group_id))


def _decimal_clause(typed: str) -> tuple[str, ...]:
    """A typed decimal matches itself (as ``decimal_text``) or, read as a number written with a
    dot between its groups (021.8877), what that number matches."""
    whole = decimal_text(typed)
    return (whole, *number_clause(whole.replace(".", "")))


def _join_runs(clauses: list) -> list:
    """Typed words may be one written word: «محمد رضا» also finds «محمدرضا», «عبد الله» also
    «عبدالله» (Persian writes many compound names either way). ``clauses``: (clause, its word
    that may be joined, or None) as ``_word_clause`` reads each typed word. Each such word (a
    plain word, or a word typed with a ZWNJ read joined) matches as itself or as the start,
    middle or end of its run with up to ``COMPOUND_SPAN`` - 1 such neighbours joined (a prefix:
    the last word may be half typed), or as its clause's other alternatives (a ZWNJ word's
    parts). Two plain words alone are one clause, both words or the two joined (the same
    condition, shorter). A typed number between two words leaves them neighbours (it is
    searched for on its own)."""
    joined: list = []
    run: list[tuple[str, tuple]] = []  # (word, the other alternatives of its clause)

    def end_run() -> None:
        if len(run) == 2 and not run[0][1] and not run[1][1]:
            (first, _), (second, _) = run
            joined.append(((first, second), (first + second,)))
        else:
            words = [word for word, _ in run]
            for at, (word, others) in enumerate(run):
                alternatives = [(word,)]
                for start in range(max(0, at - COMPOUND_SPAN + 1), at + 1):
                    for end in range(max(at + 1, start + 2), min(len(words), start + COMPOUND_SPAN) + 1):
                        alternatives.append(("".join(words[start:end]),))
                joined.append(tuple(dict.fromkeys((*alternatives, *others))))
        run.clear()

    for clause, word in clauses:
        if word is not None:
            run.append((word, tuple(a for a in clause if a != (word,))))
        else:
            end_run()
            joined.append(clause)
    end_run()
    return list(dict.fromkeys(joined))  # a word typed twice asks once
