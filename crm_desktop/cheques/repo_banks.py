"""The editable list of banks (mixed into ``Cheques``): seeded by migration 4 from
cheques/banks.py; the operator renames, hides or adds banks. A bank that cheques or cheque books
name can be hidden but not deleted."""

from __future__ import annotations

from crm_desktop.cheques.banks import Bank
from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError, ValidationError

_FIELD = "نام بانک"
MAX_NAME = 100  # characters of a bank's name


class BanksMixin:
    conn = None

    def banks(self, *, include_hidden: bool = False, with_counts: bool = False) -> list[Bank]:
        """The banks in list order (hidden ones only when asked); ``cheques`` counted when asked."""
        counts = {}
        if with_counts:
            counts = dict(self.conn.execute("SELECT bank, count(*) FROM cheques GROUP BY bank"))
        rows = self.conn.execute("SELECT key, name, position, hidden FROM banks "
                                 f"{'' if include_hidden else 'WHERE NOT hidden '}ORDER BY position, key")
        return [Bank(key, name, position, bool(hidden), counts.get(key, 0)) for key, name, position, hidden in rows]

    def bank_name(self, key: str) -> str:
        row = self.conn.execute("SELECT name FROM banks WHERE key = ?", (key,)).fetchone()
        return row[0] if row else key

    def _bank_name_checked(self, name: str, key: str | None = None) -> str:
        name = " ".join((name or "").split())
        if not normalise(name):  # nothing, or only invisible marks (a half-space, ZWSP, bidi marks)
            raise ValidationError("a bank needs a name", f"{_FIELD} را وارد کنید.", _FIELD)
        if len(name) > MAX_NAME:
            raise ValidationError(f"the bank name is longer than {MAX_NAME} characters",
                                  f"{_FIELD} بیش از {to_persian(MAX_NAME)} نویسه است.", _FIELD)
        for other_key, other in self.conn.execute("SELECT key, name FROM banks"):
            if other_key != key and normalise(other) == normalise(name):
                raise ValidationError(f"bank {name!r} is already in the list",
                                      f"{_FIELD}: بانک «{other}» در فهرست هست.", _FIELD)
        return name

    def add_bank(self, name: str) -> str:
        """Add a bank at the end of the list; returns its key (``user1``, ``user2``, …)."""
        with self._writing({"banks"}):
            name = self._bank_name_checked(name)
            keys = [k for (k,) in self.conn.execute("SELECT key FROM banks WHERE key GLOB 'user[0-9]*'")]
            number = max((int(k[4:]) for k in keys if k[4:].isdigit()), default=0) + 1
            position = self.conn.execute("SELECT coalesce(max(position), 0) + 1 FROM banks").fetchone()[0]
            key = f"user{number}"
            self.conn.execute("INSERT INTO banks (key, name, position) VALUES (?, ?, ?)", (key, name, position))
        return key

    def rename_bank(self, key: str, name: str) -> None:
        with self._writing({"banks"}):
            name = self._bank_name_checked(name, key)
            if self.conn.execute("UPDATE banks SET name = ? WHERE key = ?", (name, key)).rowcount == 0:
                raise UserError(f"bank {key!r} does not exist", "این بانک در فهرست نیست.")

    def set_bank_hidden(self, key: str, hidden: bool = True) -> None:
        """Hide a bank from the lists offered for new cheques (its cheques keep it)."""
        with self._writing({"banks"}):
            self.conn.execute("UPDATE banks SET hidden = ? WHERE key = ?", (int(hidden), key))

    def delete_bank(self, key: str) -> None:
        """Delete a bank no cheque or cheque book names; otherwise refused (hide it instead)."""
        with self._writing({"banks"}):
            used = self.conn.execute("SELECT (SELECT count(*) FROM cheques WHERE bank = :k) + "
                                     "(SELECT count(*) FROM cheque_books WHERE bank = :k)", {"k": key}).fetchone()[0]
            if used:
                raise UserError(f"bank {key!r} is used by {used} cheques or cheque books; hide it instead",
                                "این بانک در چک‌ها یا دسته‌چک‌های ثبت‌شده آمده است و حذف نمی‌شود؛ می‌توانید آن را پنهان کنید.")
            self.conn.execute("DELETE FROM banks WHERE key = ?", (key,))
