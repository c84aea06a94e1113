"""Finding files (part of ``Files``): one search line over the file number, the person's name,
phones and national code, and the referrer — with the phonebook's own search (any digit
script, ي/ی and ك/ک alike, ZWNJ and spaces alike, parts of a phone number) — plus a state, a
unit and a registration date range; results in Persian order of the person's name.

    query = FileFilter(kind="personnel", text="۰۹۱۲", state="active")
    files.count_files(query); files.file_rows(query, offset=0, limit=200)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from crm_desktop.core.digits import to_latin
from crm_desktop.files.model import STATES


@dataclass(frozen=True)
class FileFilter:
    kind: str
    text: str = ""
    state: str | None = None
    unit: str | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    referrer_id: int | None = None

    def is_empty(self) -> bool:
        return self == FileFilter(self.kind)


@dataclass
class FileRow:
    """One line of a list (and of the printed list)."""

    id: int
    kind: str
    number: str
    contact_id: int
    name: str
    registered_on: date
    state: str
    state_on: date
    unit: str
    referrer_name: str
    national_code: str
    mobile: str  # the first mobile number (national form); without one, the first phone
    data: dict

    @property
    def state_label(self) -> str:
        return STATES[self.kind].get(self.state, self.state)


_ROW_SQL = ("f.id, f.kind, f.number, f.contact_id, c.display_name, f.registered_on, f.state, f.state_on, f.unit, "
            "coalesce(r.display_name, ''), c.national_code, "
            "coalesce((SELECT p.national FROM contact_phones p WHERE p.contact_id = c.id "
            "ORDER BY p.kind <> 'mobile', p.position, p.id LIMIT 1), ''), f.data")
_JOINS = "JOIN contacts c ON c.id = f.contact_id LEFT JOIN contacts r ON r.id = f.referrer_id"


def _row(values) -> FileRow:
    v = list(values)
    v[5], v[7] = date.fromisoformat(v[5]), date.fromisoformat(v[7])
    v[12] = json.loads(v[12] or "{}")
    return FileRow(*v)


class FileSearchMixin:
    conn = None

    def _where(self, q: FileFilter) -> tuple[str, dict] | None:
        """SQL condition on ``files f`` / ``contacts c``; None when the search can match nothing."""
        terms, params = ["f.kind = :kind"], {"kind": q.kind}
        if q.state:
            terms.append("f.state = :state")
            params["state"] = q.state
        if q.unit:
            terms.append("f.unit = :unit")
            params["unit"] = q.unit
        if q.registered_from:
            terms.append("f.registered_on >= :reg_from")
            params["reg_from"] = q.registered_from.isoformat()
        if q.registered_to:
            terms.append("f.registered_on <= :reg_to")
            params["reg_to"] = q.registered_to.isoformat()
        if q.referrer_id is not None:
            terms.append("f.referrer_id = :referrer")
            params["referrer"] = q.referrer_id
        text = " ".join((q.text or "").split())
        if text:
            ors = ["instr(upper(f.number), upper(:number)) > 0"]
            params["number"] = to_latin(text)
            match = self._contact_match(text)
            if match is not None:
                sql, match_params = match
                params.update(match_params)
                ors.append(f"f.contact_id IN ({sql})")
                ors.append(f"f.referrer_id IN ({sql})")
            terms.append("(" + " OR ".join(ors) + ")")
        return " AND ".join(terms), params

    def _contact_match(self, text: str):
        """The phonebook's search as a subquery of contact ids (None: it matches nothing)."""
        from crm_desktop.phonebook import search_index
        from crm_desktop.phonebook.search import parse

        parsed = parse(text)
        if parsed.empty:
            return None
        try:
            return search_index.match_subquery(search_index.plan(self.conn, parsed))
        except Exception:  # noqa: BLE001 - a line FTS5 cannot read matches no name; the number may still match
            return None

    def count_files(self, q: FileFilter) -> int:
        where, params = self._where(q)
        return self.conn.execute(f"SELECT count(*) FROM files f {_JOINS} WHERE {where}", params).fetchone()[0]

    def file_rows(self, q: FileFilter, offset: int = 0, limit: int = 200) -> list[FileRow]:
        """A page of the list in Persian order of the person's name."""
        where, params = self._where(q)
        params.update(limit=int(limit), offset=int(offset))
        sql = (f"SELECT {_ROW_SQL} FROM files f {_JOINS} WHERE {where} ORDER BY c.sort_key, f.id "
               "LIMIT :limit OFFSET :offset")
        return [_row(values) for values in self.conn.execute(sql, params)]

    def iter_file_rows(self, q: FileFilter, chunk: int = 1000):
        offset = 0
        while True:
            rows = self.file_rows(q, offset, chunk)
            yield from rows
            if len(rows) < chunk:
                return
            offset += chunk

    def units(self) -> list[str]:
        """The personnel units in use, in Persian order (the unit filter's list)."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT unit FROM files WHERE kind = 'personnel' AND unit <> '' ORDER BY unit COLLATE PERSIAN")]
