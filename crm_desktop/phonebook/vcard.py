"""vCard syntax, tolerant on the way in and strict on the way out (no Qt, no contacts here: see
``vcard_map`` for vCard ↔ Contact).

Reading (``read_cards``) takes vCard 2.1, 3.0 and 4.0 the way Android, iPhone, Google and
Outlook write them: CRLF or LF (or CR); folded lines (a line starting with a space or tab
continues the previous one); 2.1 quoted-printable values with soft line breaks (``=`` at the end
of a line) in any CHARSET; base64 PHOTO blocks, indented or not, ended by a blank line or not;
``item1.TEL`` groups (a Windows-1256 line or value, from an old phone or Outlook, gets the
Persian ی and ک for Windows-1256's Arabic ي and ك); parameters in every spelling (``TYPE=CELL``, ``type=cell;type=pref``,
``TYPE=CELL,VOICE``, ``TYPE="cell,voice"``, bare 2.1 ``CELL;PREF``); a UTF-8 BOM; UTF-16.
It never raises on bad input: a card with a broken line, or without ``END:VCARD``, and text
outside any card come back with ``errors`` naming the line, so the importer can report them.

Writing (``Writer``) gives vCard 3.0 in UTF-8 with CRLF, text escaped (``\\\\ \\, \\; \\n``)
and lines folded at 75 octets without splitting a UTF-8 sequence.
"""

from __future__ import annotations

import base64
import codecs
import re
from dataclasses import dataclass, field

from crm_desktop.core.text import quoted
from crm_desktop.core.text import isolate
from crm_desktop.phonebook.textfile import CP1256, UTF16, decode_line, excerpt, from_cp1256, is_cp1256

# --- reading ---------------------------------------------------------------------------------

_PROPERTY = re.compile(r'^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)((?:;(?:"[^"]*"|[^";:])*)*):(.*)$', re.S)
_PARAM_SPLIT = re.compile(r';((?:"[^"]*"|[^";])*)')
_QP_BYTE = re.compile(rb"=([0-9A-Fa-f]{2})")
BINARY_PROPERTIES = {"PHOTO", "LOGO", "SOUND", "KEY"}
# What a bare 2.1 parameter (``TEL;CELL;PREF:``) means.
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_VALUE_KINDS = {"INLINE", "URL", "URI", "CONTENT-ID", "CID"}


@dataclass
class Property:
    name: str  # upper case, without its group
    value: str  # decoded from QP / charset; still escaped (see ``text`` and ``parts``)
    params: dict[str, list[str]] = field(default_factory=dict)  # upper-case names; TYPE values upper case
    group: str = ""  # "item1" for iPhone's item1.TEL
    line: int = 0  # where the property starts (1-based)
    version: str = "3.0"

    @property
    def types(self) -> set[str]:
        return set(self.params.get("TYPE", ()))

    def param(self, name: str, default: str = "") -> str:
        values = self.params.get(name)
        return values[0] if values else default

    @property
    def text(self) -> str:
        """The value as plain text (escapes undone)."""
        return unescape(self.value, self.version).replace("\r\n", "\n").replace("\r", "\n")

    @property
    def parts(self) -> list[str]:
        """A structured value (N, ADR, ORG) split at its unescaped ``;``, each part unescaped."""
        return [unescape(part, self.version) for part in split_structured(self.value)]


@dataclass
class Card:
    line: int  # the BEGIN:VCARD line (or the first stray line)
    end_line: int = 0
    version: str = ""
    properties: list[Property] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, English, Persian)

    def grouped(self) -> dict[str, list[Property]]:
        """{name: [properties]} in file order (one pass, for reading many properties)."""
        index: dict[str, list[Property]] = {}
        for p in self.properties:
            if p.name in index:
                index[p.name].append(p)
            else:
                index[p.name] = [p]
        return index

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        for p in self.properties:
            if p.name == name:
                return p
        return None


def split_lines(data: bytes) -> list[str]:
    """The lines of a file, decoded: UTF-16 as a whole; UTF-8 as a whole when it is; otherwise
    line by line, UTF-8 falling back to Windows-1256 for a logical line that is not UTF-8 (a line
    with its folded continuations and QP soft breaks, joined as bytes so that a letter folded
    through its middle comes back whole). The physical lines are kept (line numbers)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _LINES.split(data.decode(UTF16, errors="replace"))
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return _LINES.split(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    raw = _LINE_BREAK.split(data)
    out: list[str] = []
    k, n, done = 0, len(raw), 0  # done: the lines before it are decoded for good
    while k < n:
        try:
            out.append(raw[k].decode("utf-8"))
            k += 1
            continue
        except UnicodeDecodeError:
            pass
        line = raw[k]
        if (k + 1 == n or raw[k + 1][:1] not in _FOLD) and not line.endswith(b"=") and (
                k == done or line[:1] not in _FOLD and not raw[k - 1].endswith(b"=")):
            out.append(from_cp1256(line.decode(CP1256, errors="replace")))  # a line on its own (the usual case)
            k = done = k + 1
            continue
        start = k  # the logical line that holds line k: back to a line that cannot continue another
        while start > done and (raw[start][:1] in _FOLD or raw[start - 1].endswith(b"=")):
            start -= 1
        while True:
            end, qp = _logical_line(raw, start)
            if end > k:
                break
            start = end
        del out[start:]
        out.extend([decode_line(raw[start])] if end == start + 1 else _decode_logical(raw[start:end], qp))
        k = done = end
    return out


_LINES = re.compile(r"\r\n|\n|\r")
_LINE_BREAK = re.compile(rb"\r\n|\n|\r")
_FOLD = (b" ", b"\t")


def _logical_line(raw: list[bytes], i: int) -> tuple[int, bool]:
    """(the line after the logical line that starts at ``raw[i]``, whether it is
    quoted-printable): the lines that continue it, as ``_Reader`` joins them."""
    j, qp, n = i + 1, False, len(raw)
    if j < n and (raw[j][:1] in _FOLD or raw[i].endswith(b"=")):
        qp = b"QUOTED-PRINTABLE" in raw[i].partition(b":")[0].upper()
        while j < n and (qp and raw[j - 1].endswith(b"=") or raw[j][:1] in _FOLD) and raw[j].strip():
            j += 1
    return j, qp


def _is_continuation_byte(byte: int) -> bool:
    return 0x80 <= byte < 0xC0


def _decode_logical(lines: list[bytes], qp: bool) -> list[str]:
    """The physical ``lines`` of one logical line, decoded together: their content joined (a
    fold's leading space and a soft break's ``=`` left out) is decoded as UTF-8 when it is, and
    cut back into the lines at letter boundaries (a letter cut by the fold goes to the later
    line). Content that is not UTF-8 as a whole is decoded line by line, as before."""
    heads, cores, tails = [], [], []
    for k, line in enumerate(lines):
        head = tail = b""
        if k and not (qp and lines[k - 1].endswith(b"=")):
            head = line[:1]  # the fold's space or tab
        if k + 1 < len(lines) and qp and line.endswith(b"="):
            tail = b"="
        heads.append(head)
        tails.append(tail)
        cores.append(line[len(head): len(line) - len(tail)])
    joined = b"".join(cores)
    try:
        joined.decode("utf-8")
    except UnicodeDecodeError:
        return [decode_line(line) for line in lines]
    cuts, at = [0], 0
    for core in cores[:-1]:
        at += len(core)
        cut = at
        if cut < len(joined) and _is_continuation_byte(joined[cut]):
            lead = cut - 1
            while _is_continuation_byte(joined[lead]):
                lead -= 1
            if joined[cuts[-1]: lead].strip():
                cut = lead  # the letter moves to the later line
            else:  # ... unless this line would be left blank: then to the earlier one
                while cut < len(joined) and _is_continuation_byte(joined[cut]):
                    cut += 1
        cuts.append(max(cut, cuts[-1]))
    cuts.append(len(joined))
    return [heads[k].decode("latin-1") + joined[cuts[k]: cuts[k + 1]].decode("utf-8") + tails[k].decode("latin-1")
            for k in range(len(lines))]


def parse_params(text: str, version: str) -> dict[str, list[str]]:
    """``;TYPE=CELL;type=pref;CHARSET=UTF-8`` → {"TYPE": ["CELL", "PREF"], "CHARSET": ["UTF-8"]}."""
    params: dict[str, list[str]] = {}
    if not text:
        return params
    for raw in _PARAM_SPLIT.findall(text):
        raw = raw.strip()
        if not raw:
            continue
        if "=" in raw:
            name, _, value = raw.partition("=")
            name = name.strip().upper()
        else:  # 2.1 bare parameter
            name, value = "", raw
            upper = raw.upper()
            name = "ENCODING" if upper in _ENCODINGS else "VALUE" if upper in _VALUE_KINDS else "TYPE"
        values = []
        for item in re.findall(r'"[^"]*"|[^,]+', value):
            item = item.strip().strip('"').strip()
            for piece in item.split(",") if name == "TYPE" else [item]:
                if piece.strip():
                    values.append(piece.strip().upper() if name in ("TYPE", "ENCODING", "VALUE") else piece.strip())
        params.setdefault(name, []).extend(values)
    return params


def _is_qp(params: dict) -> bool:
    return "ENCODING" in params and any(v in ("QUOTED-PRINTABLE", "QP") for v in params.get("ENCODING", ()))


def _is_base64(params: dict) -> bool:
    return "ENCODING" in params and any(v in ("B", "BASE64") for v in params.get("ENCODING", ()))


def decode_qp(value: str, charset: str = "utf-8") -> str:
    """Quoted-printable text (soft breaks already joined) in ``charset``."""
    raw = _QP_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), value.encode("utf-8", "surrogateescape"))
    for encoding in (charset or "utf-8", "utf-8", "cp1256"):
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return from_cp1256(text) if is_cp1256(encoding) else text
    return raw.decode("utf-8", errors="replace")


def unescape(value: str, version: str = "3.0") -> str:
    """Undo vCard escapes: ``\\n`` → newline, ``\\,`` ``\\;`` ``\\\\`` → the character. In 2.1 a
    backslash before anything else stays (Windows paths)."""
    if "\\" not in value:
        return value
    out = []
    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        if ch == "\\" and i + 1 < n:
            nxt = value[i + 1]
            if nxt in "nN":
                out.append("\n")
            elif nxt in ",;\\:" or version != "2.1":
                out.append(nxt)
            else:
                out.append("\\" + nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def split_structured(value: str) -> list[str]:
    """Split at every ``;`` that is not escaped (the parts keep their escapes)."""
    if "\\" not in value:
        return value.split(";")
    parts, current = [], []
    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        if ch == "\\" and i + 1 < n:
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _looks_like_property(line: str) -> bool:
    match = _PROPERTY.match(line)
    return bool(match) and match.group(2).upper() in _KNOWN_NAMES


_KNOWN_NAMES = {
    "BEGIN", "END", "VERSION", "N", "FN", "TEL", "EMAIL", "ADR", "ORG", "TITLE", "ROLE", "NOTE", "BDAY", "URL", "PHOTO",
    "CATEGORIES", "NICKNAME", "UID", "REV", "LABEL", "PRODID", "KIND", "GENDER", "ANNIVERSARY", "IMPP", "GEO", "TZ",
    "LOGO", "SOUND", "KEY", "SORT-STRING", "SOURCE", "NAME", "MAILER", "CLASS", "AGENT", "RELATED", "LANG", "XML",
}


class _Reader:
    """One pass over the lines, building cards."""

    def __init__(self, lines: list[str], progress=None):
        self.lines = lines
        self.progress = progress  # progress(done lines, total lines): may raise to stop
        self.cards: list[Card] = []
        self.card: Card | None = None
        self.stray: Card | None = None  # lines outside any card, reported as one error per run

    def run(self):
        """Yield the cards as they are completed (the caller may drop each one after use)."""
        lines, i, n = self.lines, 0, len(self.lines)
        next_report = 0
        while i < n:
            if self.cards:
                yield from self.cards
                self.cards.clear()
            if i >= next_report and self.progress is not None:
                self.progress(i, n)
                next_report = i + 20_000
            start = i
            line = lines[i]
            i += 1
            if not line.strip():
                self._end_stray()
                continue
            match = _PROPERTY.match(line)
            if match is None:
                self._garbage(start + 1, line)
                continue
            group, name, param_text, value = match.groups()
            name = name.upper()
            version = self.card.version if self.card and self.card.version else "3.0"
            params = parse_params(param_text, version)
            qp, b64 = _is_qp(params), _is_base64(params) or (name in BINARY_PROPERTIES and version == "2.1")
            # continuation lines: folding, QP soft breaks, unindented base64
            pieces = [value]
            while i < n:
                nxt = lines[i]
                if qp and pieces[-1].endswith("=") and nxt and not _looks_like_property(nxt):
                    pieces[-1] = pieces[-1][:-1]
                    pieces.append(nxt.lstrip(" \t") if version != "2.1" else nxt)
                    i += 1
                elif nxt[:1] in (" ", "\t") and nxt.strip():
                    pieces.append(nxt[1:] if version != "2.1" or qp else nxt)
                    i += 1
                elif b64 and nxt.strip() and ":" not in nxt and not _looks_like_property(nxt):
                    pieces.append(nxt)
                    i += 1
                else:
                    break
            if b64 and i < n and not lines[i].strip():
                i += 1  # the blank line that ends a 2.1 base64 block
            self._property(start + 1, group or "", name, params, "".join(pieces), qp, b64)
        if self.card is not None:
            self._unterminated(self.card)
        self._end_stray()
        yield from self.cards
        self.cards.clear()

    def _property(self, line_no, group, name, params, value, qp, b64) -> None:
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            self._end_stray()
            if self.card is not None:
                self._unterminated(self.card)
            self.card = Card(line=line_no)
            return
        if self.card is None:
            self._garbage(line_no, f"{name}:{value}"[:60])
            return
        card = self.card
        if name == "END":
            card.end_line = line_no
            self.cards.append(card)
            self.card = None
            return
        if name == "VERSION":
            card.version = value.strip()
            return
        if b64 and name in BINARY_PROPERTIES:
            return  # photos and logos: not kept
        if qp:
            value = decode_qp(value, (params.get("CHARSET") or ["utf-8"])[0])
        elif b64:
            try:
                value = base64.b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                return
        card.properties.append(Property(name, value, params, group, line_no, card.version or "3.0"))

    def _garbage(self, line_no: int, text: str) -> None:
        shown = excerpt(text)  # no control characters, at most 40 letters
        if self.card is not None:
            start = self.card.line
            self.card.errors.append((
                line_no,
                f"not a vCard line: {quoted(shown)} (in the card that starts at line {start})",
                f"سطر نامفهوم «{isolate(shown)}» در کارتی که از خط {_fa(start)} آغاز می‌شود",
            ))
            return
        if self.stray is None:
            self.stray = Card(line=line_no, end_line=line_no)
            self.stray.errors.append((line_no, f"text outside BEGIN:VCARD … END:VCARD: {quoted(shown)}",
                                      f"متن «{isolate(shown)}» بیرون از کارت‌های vCard است"))
        self.stray.end_line = line_no

    def _end_stray(self) -> None:
        if self.stray is not None:
            self.cards.append(self.stray)
            self.stray = None

    def _unterminated(self, card: Card) -> None:
        card.errors.append((card.line, "the card has no END:VCARD (the file is cut or damaged)",
                            "کارت با END:VCARD بسته نشده است (پرونده ناقص یا آسیب‌دیده است)"))
        self.cards.append(card)
        self.card = None


def _fa(n: int) -> str:
    from crm_desktop.core.digits import to_persian

    return to_persian(n)


def iter_cards(data: bytes | str, progress=None):
    """Every card in a .vcf file (bytes), in order, one at a time; see the module notes.
    ``progress(done lines, total lines)`` is called every 20,000 lines (an exception from it
    stops the reading)."""
    lines = split_lines(data) if isinstance(data, bytes) else re.split(r"\r\n|\n|\r", data.lstrip("\ufeff"))
    return _Reader(lines, progress).run()


def read_cards(data: bytes | str, progress=None) -> list[Card]:
    """``iter_cards`` as a list."""
    return list(iter_cards(data, progress))


# --- writing ---------------------------------------------------------------------------------

_ESCAPE = str.maketrans({"\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n"})


def escape(text: str) -> str:
    """A text value for vCard 3.0: ``\\``, ``,``, ``;`` and newlines escaped (CR dropped)."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").translate(_ESCAPE)


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (continuation lines start with a space, which
    counts), never inside a UTF-8 sequence. Returns the line with CRLFs, ending in CRLF."""
    if len(line) <= limit // 4 or len(line.encode("utf-8")) <= limit:
        return line + "\r\n"
    out, current, size = [], [], 0
    room = limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > room:
            out.append("".join(current))
            current, size, room = [], 0, limit - 1
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out) + "\r\n"


def content_line(name: str, value: str, params: str = "") -> str:
    """``NAME;params:value`` folded, with CRLF; ``value`` already escaped."""
    return fold(f"{name}{params}:{value}")
