"""The notes log of a contact (part of ``Phonebook``; SQL): dated entries, newest first, and
``contacts.last_contact_at`` following the newest one."""

from __future__ import annotations

from datetime import datetime

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_latin
from crm_desktop.core.text import quoted
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook import search_index
from crm_desktop.phonebook.model import NOTE_KINDS, Note, now_iso


FUTURE_TEXT = "زمان سابقه هنوز نرسیده است؛ برای کار پیش رو یادآوری بگذارید."
PAST_TEXT = "تاریخ سابقه پیش از ۱۳۰۰ است؛ سال را دوباره بررسی کنید."
NOTE_TIME = "تاریخ و ساعت"
OLDEST = datetime(1921, 3, 21)  # 1300/01/01: an earlier date in the log is a typo (1200 for 1400)


def past_note_time(at: datetime, now: datetime) -> datetime:
    """``at``, unless it is still to come or before 1300: the log holds what happened (its
    newest entry is the contact's «آخرین تماس»); what lies ahead belongs in a reminder."""
    if at > now.replace(second=59, microsecond=999999):  # this minute is not the future
        raise ValidationError(f"note time {at.isoformat()} is still to come", FUTURE_TEXT, "تاریخ")
    if at < OLDEST:
        raise ValidationError(f"note time {at.isoformat()} is before 1300/01/01", PAST_TEXT, "تاریخ")
    return at


def typed_note_time(text: str, now: datetime) -> datetime:
    """The time the operator typed for a log entry: «۱۴۰۳/۰۷/۱۵ ۰۹:۳۰»; a date alone, which takes
    the clock's time of day (a call logged a few days late: its hour is seldom known); or a time
    alone, today. Never one still to come (``past_note_time``)."""
    words = to_latin(text or "").split()
    if len(words) == 1 and words[0].isdigit() and len(words[0]) <= 2:  # «۹»: nine o'clock today
        words = [f"{words[0]}:00"]
        text = words[0]
    if len(words) == 1 and ":" not in words[0]:
        at = datetime.combine(jalali.parse_date(words[0], NOTE_TIME), now.time().replace(second=0, microsecond=0))
    elif len(words) == 1 and not any(mark in words[0] for mark in "/-."):
        at = datetime.combine(now.date(), jalali.parse_time(words[0], NOTE_TIME))
    else:
        at = jalali.parse_datetime(text, NOTE_TIME)
    return past_note_time(at, now)


def checked_note(note: Note) -> Note:
    text = (note.text or "").strip()
    if not text:
        raise ValidationError("a note needs a text", "متن را بنویسید.", "متن")
    if note.kind not in NOTE_KINDS:
        raise ValidationError(f"unknown note kind {note.kind!r}", "نوع سابقه درست نیست.", "نوع")
    at = (note.at or "").strip()
    if at:
        try:
            when = datetime.fromisoformat(at)
        except ValueError:
            raise ValidationError(f"note time {quoted(at)} is not an ISO date-time", "تاریخ و ساعت درست نیست.",
                                  "تاریخ") from None
        at = jalali.iso_datetime(past_note_time(when, datetime.now()))
    else:
        at = now_iso()
    return Note(note.contact_id, text, note.kind, at, note.id)


class NotesMixin:
    def notes(self, contact_id: int) -> list[Note]:
        """The contact's log, newest first."""
        return [
            Note(contact_id, text, kind, at, note_id)
            for note_id, kind, text, at in self.conn.execute(
                "SELECT id, kind, text, at FROM contact_notes WHERE contact_id = ? ORDER BY at DESC, id DESC",
                (contact_id,),
            )
        ]

    def add_note(self, note: Note) -> int:
        note = checked_note(note)
        with self._writing({"contact_notes", "contacts"}):
            self._contact_exists(note.contact_id)
            cursor = self.conn.execute(
                "INSERT INTO contact_notes (contact_id, kind, text, at, created_at) VALUES (?, ?, ?, ?, ?)",
                (note.contact_id, note.kind, note.text, note.at, now_iso()),
            )
            self._notes_changed(note.contact_id)
            return cursor.lastrowid

    def update_note(self, note: Note) -> None:
        note = checked_note(note)
        with self._writing({"contact_notes", "contacts"}):
            contact_id = self._note_owner(note.id)
            self.conn.execute("UPDATE contact_notes SET kind = ?, text = ?, at = ? WHERE id = ?",
                              (note.kind, note.text, note.at, note.id))
            self._notes_changed(contact_id)

    def delete_note(self, note_id: int) -> None:
        with self._writing({"contact_notes", "contacts"}):
            contact_id = self._note_owner(note_id)
            self.conn.execute("DELETE FROM contact_notes WHERE id = ?", (note_id,))
            self._notes_changed(contact_id)

    def _note_owner(self, note_id) -> int:
        row = self.conn.execute("SELECT contact_id FROM contact_notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise UserError(f"no note with id {note_id}", "این سابقه دیگر وجود ندارد.")
        return row[0]

    def _notes_changed(self, contact_id: int) -> None:
        self.conn.execute(
            "UPDATE contacts SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE contact_id = :id) WHERE id = :id",
            {"id": contact_id},
        )
        search_index.reindex_contacts(self.conn, [contact_id])
