"""The office's cheque books (دسته چک) and their leaves (mixed into ``Cheques``).

A book has leaves 1..n; a leaf is unused until it is issued (a paid cheque), voided or lost.
``cheque_leaves`` holds a row for every leaf that is not unused, with the primary key
(book_id, leaf_no), and cheques has a unique (book_id, leaf_no): inside the one transaction of
``issue_from_book`` the leaf is claimed and the cheque written, so a leaf is never issued twice.
A leaf whose cheque was later voided counts as void in ``book_summary``. Deleting a cheque frees
its leaf.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime

from crm_desktop.cheques import status as st
from crm_desktop.cheques.model import BookSummary, Cheque, ChequeBook, ChequeImage, Leaf, checked_date
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError, ValidationError

_BOOK_COLUMNS = ("bank", "account_number", "first_serial", "leaves", "series", "branch_name", "branch_code",
                 "sheba", "first_sayad_id", "note", "id", "created_at")
BOOK_TABLES = frozenset({"cheque_books", "cheque_leaves"})


class BooksMixin:
    conn = None

    # -- books ------------------------------------------------------------------------------------
    def add_book(self, book: ChequeBook, *, now: datetime | None = None) -> int:
        book = replace(book).validate()
        with self._writing(BOOK_TABLES):
            if not self.conn.execute("SELECT 1 FROM banks WHERE key = ?", (book.bank,)).fetchone():
                raise ValidationError(f"bank {book.bank!r} is not in the list of banks",
                                      "بانک: این بانک در فهرست بانک‌ها نیست.", "بانک")
            book.created_at = self._now(now).isoformat()
            names = [n for n in _BOOK_COLUMNS if n != "id"]
            return self.conn.execute(
                f"INSERT INTO cheque_books ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})",
                {n: getattr(book, n) for n in names}).lastrowid

    def get_book(self, book_id: int) -> ChequeBook | None:
        row = self.conn.execute(f"SELECT {', '.join(_BOOK_COLUMNS)} FROM cheque_books WHERE id = ?", (book_id,)).fetchone()
        return ChequeBook(*row) if row else None

    def books(self, bank: str | None = None) -> list[ChequeBook]:
        sql = f"SELECT {', '.join(_BOOK_COLUMNS)} FROM cheque_books"
        rows = self.conn.execute(sql + (" WHERE bank = ?" if bank else "") + " ORDER BY id", (bank,) if bank else ())
        return [ChequeBook(*row) for row in rows]

    def delete_book(self, book_id: int) -> None:
        """Delete a book none of whose leaves was issued (void / lost marks go with it)."""
        with self._writing(BOOK_TABLES):
            if self.conn.execute("SELECT 1 FROM cheques WHERE book_id = ?", (book_id,)).fetchone():
                raise UserError("cheques were issued from this book; it cannot be deleted",
                                "از این دسته چک، چک صادر شده است و حذف نمی‌شود.")
            self.conn.execute("DELETE FROM cheque_books WHERE id = ?", (book_id,))

    def _require_book(self, book_id: int) -> ChequeBook:
        book = self.get_book(book_id)
        if book is None:
            raise UserError(f"cheque book {book_id} does not exist", "این دسته چک وجود ندارد.")
        return book

    # -- leaves -----------------------------------------------------------------------------------
    def book_summary(self, book_id: int) -> BookSummary:
        """Every leaf of the book with its state, and the counts used / unused / void / lost."""
        book = self._require_book(book_id)
        marked = {}
        rows = self.conn.execute(
            "SELECT l.leaf_no, l.state, l.cheque_id, l.on_date, l.note, c.status, c.sayad_id FROM cheque_leaves l "
            "LEFT JOIN cheques c ON c.id = l.cheque_id WHERE l.book_id = ?", (book_id,))
        for leaf_no, state, cheque_id, on, note, cheque_status, sayad in rows:
            if state == "used" and cheque_status == st.VOID:
                state = "void"
            marked[leaf_no] = (state, cheque_id, date.fromisoformat(on), note, sayad or "")
        summary = BookSummary(book)
        for leaf_no in range(1, book.leaves + 1):
            state, cheque_id, on, note, sayad = marked.get(leaf_no, ("unused", None, None, "", ""))
            summary.leaves.append(Leaf(book_id, leaf_no, book.serial_of(leaf_no), state, cheque_id, on, note,
                                       sayad or book.sayad_of(leaf_no)))
            setattr(summary, state, getattr(summary, state) + 1)
        return summary

    def next_leaf(self, book_id: int) -> Leaf | None:
        """The first unused leaf, or None when the book is used up."""
        return self.book_summary(book_id).next_leaf

    def _claimable(self, book: ChequeBook, leaf_no: int | None) -> int:
        taken = {n for (n,) in self.conn.execute("SELECT leaf_no FROM cheque_leaves WHERE book_id = ?", (book.id,))}
        if leaf_no is None:
            free = next((n for n in range(1, book.leaves + 1) if n not in taken), None)
            if free is None:
                raise UserError(f"every leaf of cheque book {book.id} is used, void or lost",
                                f"همه {to_persian(book.leaves)} برگ این دسته چک مصرف، باطل یا مفقود شده است؛ "
                                "دسته چک تازه‌ای ثبت کنید.")
            return free
        if not 1 <= leaf_no <= book.leaves:
            raise UserError(f"the book has leaves 1 to {book.leaves}, not {leaf_no}",
                            f"این دسته چک برگ‌های ۱ تا {to_persian(book.leaves)} را دارد.")
        if leaf_no in taken:
            state = self.conn.execute("SELECT state FROM cheque_leaves WHERE book_id = ? AND leaf_no = ?",
                                      (book.id, leaf_no)).fetchone()[0]
            what = {"used": "پیش‌تر صادر شده", "void": "باطل شده", "lost": "مفقود شده"}[state]
            raise UserError(f"leaf {leaf_no} (serial {book.serial_of(leaf_no)}) is already {state}",
                            f"برگ {to_persian(leaf_no)} (سریال {to_persian(book.serial_of(leaf_no))}) {what} است.")
        return leaf_no

    def issue_from_book(self, book_id: int, cheque: Cheque, *, leaf_no: int | None = None,
                        image: ChequeImage | None = None, now: datetime | None = None) -> int:
        """Write a paid cheque on the next unused leaf of the book (or on ``leaf_no``): bank,
        account, branch, Sheba, series and serial come from the book, and the Sayad ID too when
        the cheque has none and the book knows its first one. Returns the cheque's id."""
        with self._writing(BOOK_TABLES | {"cheques", "cheque_events", "cheque_images"}):
            book = self._require_book(book_id)
            leaf = self._claimable(book, leaf_no)
            cheque = replace(cheque, direction=st.PAID, book_id=book.id, leaf_no=leaf, bank=book.bank,
                             account_number=book.account_number, branch_name=book.branch_name,
                             branch_code=book.branch_code, sheba=book.sheba, series=book.series,
                             serial=book.serial_of(leaf), sayad_id=cheque.sayad_id or book.sayad_of(leaf))
            cheque.validate()
            cheque_id = self._insert(cheque, image, now)
            try:
                self.conn.execute("INSERT INTO cheque_leaves (book_id, leaf_no, state, cheque_id, on_date) "
                                  "VALUES (?, ?, 'used', ?, ?)", (book.id, leaf, cheque_id, cheque.registered_on.isoformat()))
            except sqlite3.IntegrityError as error:  # only if another writer got between (cannot with BEGIN IMMEDIATE)
                raise UserError(f"leaf {leaf} was just taken", "این برگ همین حالا صادر شد؛ دوباره تلاش کنید.") from error
        return cheque_id

    def mark_leaf(self, book_id: int, leaf_no: int, state: str, *, on: date | str | None = None, note: str = "",
                  now: datetime | None = None) -> None:
        """Record an unused leaf as void («باطل») or lost («مفقود»). An issued cheque is voided
        with set_status(..., 'void') instead."""
        if state not in ("void", "lost"):
            raise ValueError(f"a leaf is marked 'void' or 'lost', not {state!r}")
        with self._writing(BOOK_TABLES):
            book = self._require_book(book_id)
            self._claimable(book, leaf_no)
            day = checked_date(on, "on") if on not in (None, "") else self._now(now).date()
            self.conn.execute("INSERT INTO cheque_leaves (book_id, leaf_no, state, on_date, note) VALUES (?, ?, ?, ?, ?)",
                              (book_id, leaf_no, state, day.isoformat(), (note or "").strip()))

    def unmark_leaf(self, book_id: int, leaf_no: int) -> None:
        """Take back a void or lost mark (recorded by mistake, or the lost leaf was found)."""
        with self._writing(BOOK_TABLES):
            deleted = self.conn.execute("DELETE FROM cheque_leaves WHERE book_id = ? AND leaf_no = ? AND state != 'used'",
                                        (book_id, leaf_no)).rowcount
            if not deleted:
                raise UserError(f"leaf {leaf_no} is not marked void or lost",
                                "این برگ باطل یا مفقود ثبت نشده است.")
