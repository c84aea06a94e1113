"""Personnel, customer and applicant files (no Qt): ``Files(conn, notify, clock, reminders)``,
reached as ``office.files``.

Every write is one transaction followed by ``notify``. A file's number is unique per kind; an
empty number takes the next one with the kind's prefix (the setting ``files.prefix.<kind>``).
A national code given with a file is written to its contact (one person, one code). A customer
interaction's follow-up and an applicant's interview become reminders (``reminders()`` gives the
reminder book) in the same transaction. Search and lists live in repo_search.py.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Callable

from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.files.model import (
    APPLICANT,
    DEFAULT_PREFIX,
    LABELS,
    MAX_ATTACHMENT,
    PERSONNEL,
    STATES,
    Attachment,
    Interaction,
    PersonFile,
    check_kind,
)
from crm_desktop.files.repo_search import FileSearchMixin
from crm_desktop.storage import settings
from crm_desktop.storage.db import transaction, translate_error

TABLES = frozenset({"files"})
_COLUMNS = ("id", "kind", "number", "contact_id", "registered_on", "state", "state_on", "unit", "referrer_id", "data",
            "note", "photo", "hired_from", "created_at", "updated_at")


def _row_to_file(row) -> PersonFile:
    v = dict(zip(_COLUMNS, row))
    return PersonFile(kind=v["kind"], contact_id=v["contact_id"], number=v["number"],
                      registered_on=date.fromisoformat(v["registered_on"]), state=v["state"], unit=v["unit"],
                      referrer_id=v["referrer_id"], data=json.loads(v["data"] or "{}"), note=v["note"],
                      photo=bytes(v["photo"]) if v["photo"] is not None else None, id=v["id"],
                      state_on=date.fromisoformat(v["state_on"]), hired_from=v["hired_from"],
                      created_at=v["created_at"], updated_at=v["updated_at"])


class Files(FileSearchMixin):
    def __init__(self, conn: sqlite3.Connection, notify: Callable[[set], object] | None = None,
                 clock: Callable[[], datetime] = datetime.now, reminders: Callable[[], object] | None = None):
        self.conn = conn
        self._notify = notify or (lambda tables: None)
        self._clock = clock
        self._reminders = reminders

    # -- plumbing -------------------------------------------------------------------------------------
    def _now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    @contextmanager
    def _writing(self, tables=TABLES):
        try:
            with transaction(self.conn):
                yield
        except sqlite3.DatabaseError as error:
            if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
                raise
            raise translate_error(error, "?") from error
        self._notify(set(tables))

    # -- numbers --------------------------------------------------------------------------------------
    def prefix(self, kind: str) -> str:
        value = settings.get(self.conn, f"files.prefix.{check_kind(kind)}", DEFAULT_PREFIX[kind])
        return value if isinstance(value, str) else DEFAULT_PREFIX[kind]

    def set_prefix(self, kind: str, prefix: str) -> None:
        prefix = "".join(str(prefix or "").split())
        if len(prefix) > 10:
            raise ValidationError("the prefix is longer than 10 characters", "پیشوند شماره پرونده حداکثر ۱۰ نویسه است.",
                                  "پیشوند")
        with self._writing({"settings"}):
            settings.set(self.conn, f"files.prefix.{check_kind(kind)}", prefix)

    def next_number(self, kind: str) -> str:
        """The kind's prefix and one more than the largest number already used with it."""
        prefix = self.prefix(kind)
        highest = 0
        for (number,) in self.conn.execute("SELECT number FROM files WHERE kind = ? AND number LIKE ? || '%'",
                                           (kind, prefix)):
            tail = number[len(prefix):]
            if re.fullmatch(r"\d+", tail):
                highest = max(highest, int(tail))
        return f"{prefix}{highest + 1:04d}"

    # -- files ----------------------------------------------------------------------------------------
    def _check(self, f: PersonFile) -> None:
        for name in ("contact_id", "referrer_id"):
            contact_id = getattr(f, name)
            if contact_id is not None and not self.conn.execute("SELECT 1 FROM contacts WHERE id = ?",
                                                                (contact_id,)).fetchone():
                raise ValidationError(f"{name}: contact {contact_id} does not exist",
                                      f"{LABELS[name]}: این مخاطب در دفتر تلفن نیست.", LABELS[name])
        other = self.conn.execute("SELECT id FROM files WHERE kind = ? AND number = ? AND id IS NOT ?",
                                  (f.kind, f.number, f.id)).fetchone()
        if other:
            raise ValidationError(f"file number {f.number} is taken", f"شماره پرونده: «{f.number}» پیش‌تر به پرونده "
                                  "دیگری داده شده است.", LABELS["number"])

    def _write_national_code(self, f: PersonFile) -> None:
        if f.national_code is None:
            return
        from crm_desktop.phonebook.repo import Phonebook

        book = Phonebook(self.conn)
        contact = book.get(f.contact_id)
        if contact is not None and contact.national_code != f.national_code:
            contact.national_code = f.national_code
            book.update(contact)

    def add(self, f: PersonFile) -> int:
        f = replace(f, data=dict(f.data)).validate()
        now = self._now()
        with self._writing(TABLES | {"file_states", "contacts"}):
            f.number = f.number or self.next_number(f.kind)
            f.registered_on = f.registered_on or now.date().isoformat()
            self._check(f)
            self._write_national_code(f)
            stamp = now.isoformat()
            file_id = self.conn.execute(
                "INSERT INTO files (kind, number, contact_id, registered_on, state, state_on, unit, referrer_id, data, "
                "note, photo, hired_from, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f.kind, f.number, f.contact_id, f.registered_on, f.state, f.registered_on, f.unit, f.referrer_id,
                 json.dumps(f.data, ensure_ascii=False, sort_keys=True), f.note, f.photo, f.hired_from, stamp,
                 stamp)).lastrowid
            self.conn.execute("INSERT INTO file_states (file_id, from_state, to_state, on_date, created_at) "
                              "VALUES (?, '', ?, ?, ?)", (file_id, f.state, f.registered_on, stamp))
            self._sync_interview(file_id, f)
        return file_id

    def update(self, f: PersonFile) -> None:
        """Save edited fields; the state changes only through ``set_state`` (its log)."""
        old = self.get(f.id) if f.id is not None else None
        if old is None:
            raise UserError(f"file {f.id} no longer exists", "این پرونده دیگر وجود ندارد.")
        f = replace(f, kind=old.kind, state=old.state, data=dict(f.data)).validate()
        f.number = f.number or old.number
        f.registered_on = f.registered_on or old.registered_on.isoformat()
        with self._writing(TABLES | {"contacts"}):
            self._check(f)
            self._write_national_code(f)
            self.conn.execute(
                "UPDATE files SET number = ?, contact_id = ?, registered_on = ?, unit = ?, referrer_id = ?, data = ?, "
                "note = ?, photo = ?, updated_at = ? WHERE id = ?",
                (f.number, f.contact_id, f.registered_on, f.unit, f.referrer_id,
                 json.dumps(f.data, ensure_ascii=False, sort_keys=True), f.note, f.photo, self._now().isoformat(), f.id))
            self._sync_interview(f.id, f)

    def get(self, file_id: int) -> PersonFile | None:
        row = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM files WHERE id = ?", (file_id,)).fetchone()
        return _row_to_file(row) if row else None

    def require(self, file_id: int) -> PersonFile:
        f = self.get(file_id)
        if f is None:
            raise UserError(f"file {file_id} does not exist", "این پرونده وجود ندارد.")
        return f

    def for_contact(self, contact_id: int) -> list[PersonFile]:
        rows = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM files WHERE contact_id = ? ORDER BY id",
                                 (contact_id,))
        return [_row_to_file(row) for row in rows]

    def delete(self, file_id: int) -> None:
        with self._writing(TABLES | {"file_attachments", "file_interactions", "reminders"}):
            for (interaction_id,) in self.conn.execute("SELECT id FROM file_interactions WHERE file_id = ?", (file_id,)):
                self._reminder_book_delete("follow_up", interaction_id)
            self._reminder_book_delete("interview", file_id)
            self.conn.execute("DELETE FROM files WHERE id = ?", (file_id,))

    # -- state ----------------------------------------------------------------------------------------
    def set_state(self, file_id: int, state: str, *, on: date | None = None, note: str = "") -> None:
        """Move a file to another state (a customer's stage, an applicant's status, former staff),
        logged with its date."""
        f = self.require(file_id)
        if state not in STATES[f.kind]:
            raise ValidationError(f"{state!r} is not a state of a {f.kind} file", "وضعیت: وضعیت درست نیست.", "وضعیت")
        if state == f.state:
            return
        day = (on or self._now().date()).isoformat()
        with self._writing(TABLES | {"file_states"}):
            self.conn.execute("UPDATE files SET state = ?, state_on = ?, updated_at = ? WHERE id = ?",
                              (state, day, self._now().isoformat(), file_id))
            self.conn.execute("INSERT INTO file_states (file_id, from_state, to_state, on_date, note, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?)", (file_id, f.state, state, day, note.strip(), self._now().isoformat()))

    def states(self, file_id: int) -> list[tuple[str, str, date, str]]:
        """(from, to, date, note) of every state the file went through, oldest first."""
        rows = self.conn.execute("SELECT from_state, to_state, on_date, note FROM file_states WHERE file_id = ? ORDER BY id",
                                 (file_id,))
        return [(a, b, date.fromisoformat(d), n) for a, b, d, n in rows]

    def end_employment(self, file_id: int, on: date, reason: str = "") -> None:
        """A member of staff leaves: the file stays, as former staff, with the date and reason."""
        f = self.require(file_id)
        if f.kind != PERSONNEL:
            raise UserError("only a personnel file ends employment", "پایان همکاری فقط برای پرونده پرسنلی است.")
        data = dict(f.data, end_date=on.isoformat(), **({"end_reason": reason.strip()} if reason.strip() else {}))
        with self._writing(TABLES | {"file_states"}):
            self.update(replace(f, data=data, national_code=None))
            self.set_state(file_id, "former", on=on, note=reason)

    def hire(self, applicant_id: int, *, on: date | None = None, unit: str = "", number: str = "") -> int:
        """Turn an applicant into a personnel file with every detail kept (the applicant's rows,
        attachments and photo come along); the applicant's status becomes «استخدام شده»."""
        applicant = self.require(applicant_id)
        if applicant.kind != APPLICANT:
            raise UserError("only an applicant is hired", "فقط متقاضی استخدام را می‌توان استخدام کرد.")
        if applicant.state == "hired":
            raise UserError("already hired", "این متقاضی پیش‌تر استخدام شده است.")
        day = on or self._now().date()
        a = applicant.data
        education = (a.get("education_rows") or [{}])[-1]
        data = {k: a[k] for k in ("father_name", "birth_date", "birth_place", "marital") if a.get(k)}
        from crm_desktop.files.model import EDUCATION

        level = next((key for key, label in EDUCATION.items() if label and label == education.get("level")), "")
        data.update({k: v for k, v in (("education_level", level), ("education_field", education.get("field", "")),
                                       ("job_title", a.get("desired_position", "")), ("hire_date", day.isoformat()),
                                       ("employment", "full_time")) if v})
        with self._writing(TABLES | {"file_states", "file_attachments"}):
            personnel_id = self.add(PersonFile(PERSONNEL, applicant.contact_id, number=number, registered_on=day,
                                               unit=unit, referrer_id=applicant.referrer_id, data=data,
                                               note=applicant.note, photo=applicant.photo, hired_from=applicant_id))
            self.conn.execute("INSERT INTO file_attachments (file_id, name, mime, size, data, added_at) "
                              "SELECT ?, name, mime, size, data, added_at FROM file_attachments WHERE file_id = ? "
                              "ORDER BY id", (personnel_id, applicant_id))
            self.set_state(applicant_id, "hired", on=day)
        return personnel_id

    # -- interactions and follow-ups -------------------------------------------------------------------
    def _reminder_book(self):
        return self._reminders() if self._reminders is not None else None

    def _reminder_book_delete(self, source: str, source_id: int) -> None:
        book = self._reminder_book()
        if book is not None:
            book.delete_for_source(source, source_id)

    def _sync_interview(self, file_id: int, f: PersonFile) -> None:
        """An applicant's interview time is a reminder (an hour's notice); none once it is gone."""
        book = self._reminder_book()
        if book is None or f.kind != APPLICANT:
            return
        at = f.data.get("interview_at")
        if not at or f.state in ("rejected", "hired"):
            book.delete_for_source("interview", file_id)
            return
        from crm_desktop.reminders.model import Reminder

        name = self._contact_name(f.contact_id)
        book.upsert_for_source("interview", file_id, Reminder(
            subject=f"مصاحبه استخدام با {name}".strip(), starts_at=datetime.fromisoformat(at), contact_id=f.contact_id,
            note=f"سمت درخواستی: {f.data.get('desired_position', '')}".strip(), advance=(60,)), now=self._now())

    def _contact_name(self, contact_id) -> str:
        row = self.conn.execute("SELECT display_name FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        return row[0] if row else ""

    def add_interaction(self, i: Interaction) -> int:
        i = replace(i).validate()
        f = self.require(i.file_id)
        with self._writing({"file_interactions", "reminders"}):
            interaction_id = self.conn.execute(
                "INSERT INTO file_interactions (file_id, kind, at, summary, outcome, follow_up_on, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (i.file_id, i.kind, i.at, i.summary, i.outcome, i.follow_up_on,
                                                 self._now().isoformat())).lastrowid
            book = self._reminder_book()
            if i.follow_up_on and book is not None:
                from crm_desktop.reminders.model import Reminder

                book.upsert_for_source("follow_up", interaction_id, Reminder(
                    subject=f"پیگیری {self._contact_name(f.contact_id)}".strip(),
                    starts_at=datetime.fromisoformat(i.follow_up_on), contact_id=f.contact_id,
                    note=f"{i.kind_label}: {i.summary}" + (f"\nنتیجه: {i.outcome}" if i.outcome else "")), now=self._now())
        return interaction_id

    def interactions(self, file_id: int) -> list[Interaction]:
        rows = self.conn.execute("SELECT file_id, kind, at, summary, outcome, follow_up_on, id FROM file_interactions "
                                 "WHERE file_id = ? ORDER BY at DESC, id DESC", (file_id,))
        found = []
        for r in rows:
            reminder = self._reminder_book().find_for_source("follow_up", r[6]) if self._reminder_book() else None
            found.append(Interaction(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4],
                                     datetime.fromisoformat(r[5]) if r[5] else None, r[6], reminder))
        return found

    def file_of_interaction(self, interaction_id: int) -> int | None:
        """The file an interaction (a follow-up reminder's source) belongs to."""
        row = self.conn.execute("SELECT file_id FROM file_interactions WHERE id = ?", (interaction_id,)).fetchone()
        return row[0] if row else None

    def delete_interaction(self, interaction_id: int) -> None:
        with self._writing({"file_interactions", "reminders"}):
            self._reminder_book_delete("follow_up", interaction_id)
            self.conn.execute("DELETE FROM file_interactions WHERE id = ?", (interaction_id,))

    # -- attachments ----------------------------------------------------------------------------------
    def add_attachment(self, file_id: int, name: str, data: bytes, mime: str = "") -> int:
        """Store a document in the database (so backups carry it); refused over 20 MiB."""
        self.require(file_id)
        data = bytes(data)
        if not data:
            raise ValidationError("the attachment is empty", "پیوست خالی است یا خوانده نشد.", "پیوست")
        if len(data) > MAX_ATTACHMENT:
            raise ValidationError("the attachment is larger than 20 MiB",
                                  f"پیوست «{name}» بیش از ۲۰ مگابایت است؛ با کیفیت کمتری اسکن کنید.", "پیوست")
        with self._writing({"file_attachments"}):
            return self.conn.execute(
                "INSERT INTO file_attachments (file_id, name, mime, size, data, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (file_id, name.strip() or "پیوست", mime, len(data), sqlite3.Binary(data), self._now().isoformat())).lastrowid

    def attachments(self, file_id: int) -> list[Attachment]:
        """The file's attachments without their bytes (``attachment_data`` reads one)."""
        rows = self.conn.execute("SELECT file_id, name, mime, size, id, added_at FROM file_attachments WHERE file_id = ? "
                                 "ORDER BY id", (file_id,))
        return [Attachment(r[0], r[1], b"", r[2], r[3], r[4], r[5]) for r in rows]

    def attachment_data(self, attachment_id: int) -> bytes:
        row = self.conn.execute("SELECT data FROM file_attachments WHERE id = ?", (attachment_id,)).fetchone()
        if row is None:
            raise UserError("the attachment no longer exists", "این پیوست دیگر وجود ندارد.")
        return bytes(row[0])

    def delete_attachment(self, attachment_id: int) -> None:
        with self._writing({"file_attachments"}):
            self.conn.execute("DELETE FROM file_attachments WHERE id = ?", (attachment_id,))


def size_warning(size: int) -> str:
    """A Persian warning for a large attachment ('' under 5 MiB)."""
    from crm_desktop.files.model import WARN_ATTACHMENT

    if size < WARN_ATTACHMENT:
        return ""
    return (f"این پیوست {to_persian(f'{size / 1024 / 1024:.1f}')} مگابایت است و پایگاه داده و پشتیبان‌ها را "
            "بزرگ‌تر می‌کند.")

