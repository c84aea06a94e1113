"""The cheque book's repository (no Qt): ``Cheques(conn, notify=None, clock=datetime.now)``.

Every write is one transaction (a savepoint inside the caller's) followed by
``notify({"cheques", ...})``. ``on_written(cheque_id)`` (the office sets it to keep each cheque's
due alert in the reminder book in step, cheques/alerts.py) runs inside that same transaction
for every cheque a write touched, so a cheque and its alert never disagree. Status changes go only through ``set_status`` (checked against
cheques/status.py, recorded in cheque_events) and ``undo_last_step``. Search, totals and the due
lists live in repo_search.py; cheque books and leaves in repo_books.py; banks in repo_banks.py.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Callable, Iterator

from crm_desktop.cheques import status as st
from crm_desktop.cheques.model import (
    LABELS,
    MAX_IMAGE_BYTES,
    Cheque,
    ChequeEvent,
    ChequeImage,
    checked_date,
    image_mime,
)
from crm_desktop.cheques.repo_banks import BanksMixin
from crm_desktop.cheques.repo_books import BooksMixin
from crm_desktop.cheques.repo_search import ORDERS, ROW_JOINS, ChequeFilter, ChequeRow, SearchMixin, StatusTotal, Totals
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.storage.db import transaction, translate_error

__all__ = ["ChequeFilter", "ChequeRecord", "ChequeRow", "Cheques", "StatusTotal", "Totals"]

TABLES = frozenset({"cheques", "cheque_events"})
_COLUMNS = ("id", "direction", "status", "status_date", "sayad_id", "series", "serial", "bank", "branch_name",
            "branch_code", "account_number", "sheba", "amount", "issue_date", "due_date", "is_guarantee",
            "drawer_id", "payee_id", "payee_national_id", "purpose", "note", "book_id", "leaf_no",
            "registered_on", "created_at", "updated_at")
_WRITTEN = _COLUMNS[1:]
_SELECT = ", ".join(f"c.{name}" for name in _COLUMNS)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def cheque_from_row(row) -> Cheque:
    """A Cheque from a row of ``_SELECT`` plus has_image."""
    values = dict(zip(_COLUMNS, row))
    values["is_guarantee"] = bool(values["is_guarantee"])
    for name in ("status_date", "issue_date", "due_date", "registered_on"):
        values[name] = _date(values[name])
    values["has_image"] = bool(row[len(_COLUMNS)])
    return Cheque(**values)


@dataclass
class ChequeRecord:
    """A cheque in full with the names it points at (exports): ``iter_records``."""

    cheque: Cheque
    bank_name: str = ""
    drawer_name: str = ""
    payee_name: str = ""
    bounce_reason: str = ""  # the reason of its last bounce; '' if it never bounced


class Cheques(SearchMixin, BooksMixin, BanksMixin):
    def __init__(self, conn: sqlite3.Connection, notify: Callable[[set], object] | None = None,
                 clock: Callable[[], datetime] = datetime.now, on_written: Callable[[int], object] | None = None):
        self.conn = conn
        self._notify = notify or (lambda tables: None)
        self._clock = clock
        self._on_written = on_written
        self._touched: set[int] | None = None  # cheques written in the open outermost write
        self._totals_cache: dict = {}

    # -- plumbing ---------------------------------------------------------------------------------
    def _path(self):
        try:
            return self.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
        except sqlite3.Error:
            return "?"

    def _now(self, now: datetime | None = None) -> datetime:
        return (now or self._clock()).replace(microsecond=0)

    def _touch(self, cheque_id: int) -> None:
        """Say that this write changed ``cheque_id`` (its due alert follows before the commit)."""
        if self._touched is not None:
            self._touched.add(cheque_id)

    @contextmanager
    def _writing(self, tables=TABLES):
        """One transaction (a savepoint inside the caller's), then ``notify(tables)``. A full
        disk, a lock or a damaged file becomes a StorageError with its Persian message. The
        outermost write runs ``on_written`` for each touched cheque before it commits."""
        outermost = self._touched is None
        if outermost:
            self._touched = set()
        try:
            with transaction(self.conn):
                yield
                if outermost and self._on_written is not None:
                    for cheque_id in sorted(self._touched):
                        self._on_written(cheque_id)
        except sqlite3.DatabaseError as error:
            if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
                raise
            raise translate_error(error, self._path()) from error
        finally:
            self._totals_cache.clear()
            if outermost:
                self._touched = None
        self._notify(set(tables))

    def _check_references(self, cheque: Cheque) -> None:
        """Persian messages for a bank or contact that is not there (rather than a bare
        FOREIGN KEY failure), and for a Sayad ID that is already recorded."""
        if not self.conn.execute("SELECT 1 FROM banks WHERE key = ?", (cheque.bank,)).fetchone():
            raise ValidationError(f"bank {cheque.bank!r} is not in the list of banks",
                                  "بانک: این بانک در فهرست بانک‌ها نیست.", LABELS["bank"])
        for name in ("drawer_id", "payee_id"):
            contact_id = getattr(cheque, name)
            if contact_id is not None and not self.conn.execute(
                    "SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone():
                raise ValidationError(f"{name}: contact {contact_id} does not exist",
                                      f"{LABELS[name]}: این مخاطب در دفتر تلفن نیست.", LABELS[name])
        other = self.conn.execute("SELECT id FROM cheques WHERE sayad_id = ? AND id IS NOT ?",
                                  (cheque.sayad_id, cheque.id)).fetchone()
        if other:
            raise ValidationError(f"Sayad ID {cheque.sayad_id} is already recorded (cheque {other[0]})",
                                  f"شناسه صیادی: چکی با این شناسه پیش‌تر ثبت شده است (چک شماره {to_persian(other[0])}).",
                                  LABELS["sayad_id"])

    # -- cheques ----------------------------------------------------------------------------------
    def add(self, cheque: Cheque, image: ChequeImage | None = None, *, now: datetime | None = None) -> int:
        """Record a cheque (validated; its status is the initial one of its direction unless
        given) and its registration step; returns its id."""
        cheque = replace(cheque).validate()
        with self._writing(TABLES | ({"cheque_images"} if image else set())):
            return self._insert(cheque, image, now)

    def _insert(self, cheque: Cheque, image: ChequeImage | None, now: datetime | None) -> int:
        """Insert inside the caller's transaction (add, issue_from_book)."""
        self._check_references(cheque)
        moment = self._now(now)
        cheque.registered_on = cheque.registered_on or moment.date()
        cheque.status_date = cheque.status_date or cheque.registered_on
        cheque.created_at = cheque.updated_at = moment.isoformat()
        values = self._values(cheque)
        names = ", ".join(_WRITTEN)
        places = ", ".join(f":{name}" for name in _WRITTEN)
        cheque_id = self.conn.execute(f"INSERT INTO cheques ({names}) VALUES ({places})", values).lastrowid
        self.conn.execute(
            "INSERT INTO cheque_events (cheque_id, from_status, to_status, on_date, note, created_at) "
            "VALUES (?, '', ?, ?, '', ?)", (cheque_id, cheque.status, _iso(cheque.registered_on), cheque.created_at))
        if image is not None:
            self._store_image(cheque_id, image, moment)
        self._touch(cheque_id)
        return cheque_id

    @staticmethod
    def _values(cheque: Cheque) -> dict:
        values = {name: getattr(cheque, name) for name in _WRITTEN}
        for name in ("status_date", "issue_date", "due_date", "registered_on"):
            values[name] = _iso(values[name])
        values["is_guarantee"] = int(cheque.is_guarantee)
        return values

    def update(self, cheque: Cheque, *, now: datetime | None = None) -> None:
        """Save edited fields. The status, its date, the registration date and the cheque-book
        leaf are not changed here (status: set_status / undo_last_step)."""
        if cheque.id is None:
            raise ValueError("update() needs a cheque with an id")
        old = self.get(cheque.id)
        if old is None:
            raise UserError(f"cheque {cheque.id} no longer exists", "این چک دیگر وجود ندارد.")
        cheque = replace(cheque, status=old.status, book_id=old.book_id, leaf_no=old.leaf_no)
        if cheque.direction != old.direction:
            raise ValidationError("the direction of a recorded cheque cannot change",
                                  "نوع چک: نوع چک ثبت‌شده (دریافتی / پرداختی) را نمی‌توان عوض کرد.", LABELS["direction"])
        cheque.validate()
        cheque.status_date, cheque.registered_on, cheque.created_at = old.status_date, old.registered_on, old.created_at
        cheque.updated_at = self._now(now).isoformat()
        with self._writing():
            self._check_references(cheque)
            sets = ", ".join(f"{name} = :{name}" for name in _WRITTEN)
            self.conn.execute(f"UPDATE cheques SET {sets} WHERE id = :id", {**self._values(cheque), "id": cheque.id})
            self._touch(cheque.id)

    def get(self, cheque_id: int) -> Cheque | None:
        row = self.conn.execute(
            f"SELECT {_SELECT}, EXISTS (SELECT 1 FROM cheque_images i WHERE i.cheque_id = c.id) "
            "FROM cheques c WHERE c.id = ?", (cheque_id,)).fetchone()
        return cheque_from_row(row) if row else None

    def _require(self, cheque_id: int) -> Cheque:
        cheque = self.get(cheque_id)
        if cheque is None:
            raise UserError(f"cheque {cheque_id} does not exist", "این چک وجود ندارد.")
        return cheque

    def iter_records(self, query: ChequeFilter | None = None, order: str = "due",
                     chunk: int = 1000) -> Iterator[ChequeRecord]:
        """Every filtered cheque in full, in ``order``, a chunk at a time (exports)."""
        query = query or ChequeFilter()
        where, params = query.where()
        sql = (f"SELECT {_SELECT}, EXISTS (SELECT 1 FROM cheque_images i WHERE i.cheque_id = c.id), "
               "coalesce(b.name, c.bank), coalesce(d.display_name, ''), coalesce(p.display_name, ''), "
               "coalesce((SELECT e.reason FROM cheque_events e WHERE e.cheque_id = c.id AND e.to_status = 'bounced' "
               "ORDER BY e.id DESC LIMIT 1), '') "
               f"FROM (SELECT c.id FROM cheques c WHERE {where} ORDER BY {ORDERS[order]} LIMIT :limit OFFSET :offset) "
               f"AS page JOIN cheques c ON c.id = page.id {ROW_JOINS} ORDER BY {ORDERS[order]}")
        offset = 0
        width = len(_COLUMNS) + 1
        while True:
            rows = self.conn.execute(sql, {**params, "limit": chunk, "offset": offset}).fetchall()
            for row in rows:
                yield ChequeRecord(cheque_from_row(row[:width]), *row[width:])
            if len(rows) < chunk:
                return
            offset += chunk

    def party_names(self, cheque: Cheque) -> tuple[str, str]:
        """The display names of the cheque's drawer and payee ('' where there is none)."""
        def name(contact_id):
            row = self.conn.execute("SELECT display_name FROM contacts WHERE id = ?", (contact_id,)).fetchone() \
                if contact_id is not None else None
            return row[0] if row else ""

        return name(cheque.drawer_id), name(cheque.payee_id)

    def pending_ids(self) -> list[int]:
        """The cheques that still wait for their due date and have one (the ones with due alerts)."""
        return [row[0] for row in self.conn.execute(
            "SELECT id FROM cheques WHERE due_date IS NOT NULL AND ((direction = 'received' AND status IN "
            "('in_hand', 'deposited')) OR (direction = 'paid' AND status = 'issued')) ORDER BY id")]

    def find_by_sayad(self, sayad_id: str) -> int | None:
        row = self.conn.execute("SELECT id FROM cheques WHERE sayad_id = ?", (sayad_id,)).fetchone()
        return row[0] if row else None

    def delete(self, cheque_id: int) -> None:
        """Delete a cheque with its steps and images; a cheque-book leaf it used becomes unused
        (deleting says the record was a mistake)."""
        with self._writing(TABLES | {"cheque_images", "cheque_leaves"}):
            self.conn.execute("DELETE FROM cheques WHERE id = ?", (cheque_id,))
            self._touch(cheque_id)

    # -- the life of a cheque ---------------------------------------------------------------------
    def set_status(self, cheque_id: int, status: str, *, on: date | str | None = None, note: str = "",
                   contact_id: int | None = None, account: str = "", reason: str = "",
                   now: datetime | None = None) -> ChequeEvent:
        """Take one step of the cheque's life; refused with the Persian reason unless it follows
        from the current status (status.check_transition) and has what it needs (the account
        for a deposit, the reason for a bounce, the contact for a cheque spent)."""
        moment = self._now(now)
        with self._writing():
            cheque = self._require(cheque_id)
            st.check_transition(cheque.direction, cheque.status, status)
            day = checked_date(on, "on") if on not in (None, "") else moment.date()
            account, reason, note = (account or "").strip(), (reason or "").strip(), (note or "").strip()
            needed = st.needs(cheque.direction, status)
            if "account" in needed and not account:
                raise ValidationError("which account was the cheque deposited into?",
                                      "حساب: شماره یا نام حسابی را که چک به آن واگذار شده بنویسید.", "حساب")
            if "reason" in needed and not reason:
                raise ValidationError("why did the cheque bounce?",
                                      "علت برگشت: علت برگشت خوردن چک را بنویسید.", "علت برگشت")
            if "contact" in needed and contact_id is None:
                raise ValidationError("whom was the cheque given to?",
                                      "گیرنده: شخصی را که چک به او داده شده از دفتر تلفن انتخاب کنید.", "گیرنده")
            if status == st.RETURNED and contact_id is None:
                contact_id = cheque.drawer_id
            if contact_id is not None and not self.conn.execute(
                    "SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone():
                raise ValidationError(f"contact {contact_id} does not exist", "گیرنده: این مخاطب در دفتر تلفن نیست.", "گیرنده")
            event = ChequeEvent(cheque_id, cheque.status, status, day, note, contact_id, account, reason,
                                created_at=moment.isoformat())
            event.id = self.conn.execute(
                "INSERT INTO cheque_events (cheque_id, from_status, to_status, on_date, note, contact_id, account, "
                "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cheque_id, event.from_status, status, day.isoformat(), note, contact_id, account, reason,
                 event.created_at)).lastrowid
            self.conn.execute("UPDATE cheques SET status = ?, status_date = ?, updated_at = ? WHERE id = ?",
                              (status, day.isoformat(), event.created_at, cheque_id))
            self._touch(cheque_id)
        return event

    def undo_last_step(self, cheque_id: int, *, now: datetime | None = None) -> ChequeEvent:
        """Take back the last step: the previous status and its date come back and the step's
        record is deleted, in one transaction. Returns the step taken back. The registration
        cannot be undone (delete the cheque instead)."""
        with self._writing():
            self._require(cheque_id)
            events = self.history(cheque_id)
            if len(events) < 2:
                raise UserError("only the registration is recorded; delete the cheque instead",
                                "برای این چک جز ثبت آن مرحله‌ای ثبت نشده است؛ اگر چک اشتباه ثبت شده، آن را حذف کنید.")
            last, previous = events[-1], events[-2]
            self.conn.execute("DELETE FROM cheque_events WHERE id = ?", (last.id,))
            self.conn.execute("UPDATE cheques SET status = ?, status_date = ?, updated_at = ? WHERE id = ?",
                              (last.from_status, previous.on.isoformat(), self._now(now).isoformat(), cheque_id))
            self._touch(cheque_id)
        return last

    def history(self, cheque_id: int) -> list[ChequeEvent]:
        """Every step, oldest first (the first is the registration); contact names filled."""
        rows = self.conn.execute(
            "SELECT e.cheque_id, e.from_status, e.to_status, e.on_date, e.note, e.contact_id, e.account, e.reason, "
            "e.id, e.created_at, coalesce(k.display_name, '') FROM cheque_events e "
            "LEFT JOIN contacts k ON k.id = e.contact_id WHERE e.cheque_id = ? ORDER BY e.id", (cheque_id,))
        return [ChequeEvent(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], r[5], r[6], r[7], r[8], r[9], r[10])
                for r in rows]

    # -- scanned images ---------------------------------------------------------------------------
    def set_image(self, cheque_id: int, image: ChequeImage, *, now: datetime | None = None) -> None:
        """Store (or replace) the scanned image of one side of a cheque, in the database."""
        with self._writing({"cheque_images"}):
            self._require(cheque_id)
            self._store_image(cheque_id, image, self._now(now))

    def _store_image(self, cheque_id: int, image: ChequeImage, moment: datetime) -> None:
        data = bytes(image.data)
        if len(data) > MAX_IMAGE_BYTES:
            raise ValidationError("the scanned image is larger than 10 MiB",
                                  "تصویر چک: حجم تصویر بیش از ۱۰ مگابایت است؛ با کیفیت کمتری اسکن کنید.", "تصویر چک")
        mime = image.mime or image_mime(data)
        if image.side not in ("front", "back"):
            raise ValueError(f"side must be 'front' or 'back', not {image.side!r}")
        self.conn.execute(
            "INSERT INTO cheque_images (cheque_id, side, mime, data, added_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (cheque_id, side) DO UPDATE SET mime = excluded.mime, data = excluded.data, "
            "added_at = excluded.added_at", (cheque_id, image.side, mime, sqlite3.Binary(data), moment.isoformat()))

    def image(self, cheque_id: int, side: str = "front") -> ChequeImage | None:
        row = self.conn.execute("SELECT data, mime, side FROM cheque_images WHERE cheque_id = ? AND side = ?",
                                (cheque_id, side)).fetchone()
        return ChequeImage(bytes(row[0]), row[1], row[2]) if row else None

    def remove_image(self, cheque_id: int, side: str = "front") -> None:
        with self._writing({"cheque_images"}):
            self.conn.execute("DELETE FROM cheque_images WHERE cheque_id = ? AND side = ?", (cheque_id, side))
