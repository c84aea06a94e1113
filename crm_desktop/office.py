"""The facade every front end uses: ``Office(path)`` opens the database and holds each feature's
repository (no Qt). After each write a feature calls ``notify(tables)``; the GUI turns that into
a Qt signal so each tab refreshes what it shows, and no tab reaches into another's widgets."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from crm_desktop import preferences
from crm_desktop.storage.db import open_database, translate_error

Listener = Callable[[frozenset], None]


class Office:
    def __init__(self, path, *, backup_dir=None, conn: sqlite3.Connection | None = None,
                 clock: Callable[[], datetime] = datetime.now):
        self.path = Path(path)
        self.clock = clock  # the office's "now" (tests and the app's controller inject one)
        self.conn = conn if conn is not None else open_database(self.path, backup_dir=backup_dir)
        self._listeners: list[Listener] = []

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    @conn.setter
    def conn(self, value: sqlite3.Connection) -> None:
        """A new connection (after a restore) gives every repository the new connection too."""
        self._conn = value
        self._phonebook = None
        self._reminders = None
        self._cheques = None
        self._cheque_print = None
        self._files = None
        self._attendance = None

    @property
    def phonebook(self):
        """The phonebook's repository (imported on first use: start-up does not pay for it)."""
        if self._phonebook is None:
            from crm_desktop.phonebook.repo import Phonebook

            self._phonebook = Phonebook(self._conn, self.notify, on_written=self._contacts_written)
        return self._phonebook

    def _contacts_written(self, contact_ids, before: dict) -> None:
        """After contacts were edited or merged (in that transaction; ``before``: {id: (display
        name, birthday) before}): the reminders made from them follow what changed — their
        birthday reminders, and the due alerts of their cheques, whose subjects name them
        («… از علی رضایی»)."""
        if self.read_one("SELECT EXISTS (SELECT 1 FROM reminders WHERE source = 'birthday')")[0]:
            self.reminders.follow_birthdays(contact_ids, before)
        ids = json.dumps([int(i) for i in contact_ids])
        alerted = self.conn.execute(
            "SELECT DISTINCT r.source_id FROM reminders r JOIN cheques c ON c.id = r.source_id "
            "WHERE r.source = 'cheque' AND (c.drawer_id IN (SELECT value FROM json_each(:ids)) "
            "OR c.payee_id IN (SELECT value FROM json_each(:ids)))", {"ids": ids}).fetchall()
        if alerted:
            from crm_desktop.cheques.alerts import sync_due_alert

            for (cheque_id,) in alerted:
                sync_due_alert(self, cheque_id)

    @property
    def reminders(self):
        """The reminder book's repository (imported on first use)."""
        if self._reminders is None:
            from crm_desktop.reminders.repo import Reminders

            self._reminders = Reminders(self._conn, self.notify, clock=self.clock)
        return self._reminders

    @property
    def cheques(self):
        """The cheque book's repository (imported on first use)."""
        if self._cheques is None:
            from crm_desktop.cheques.alerts import sync_due_alert
            from crm_desktop.cheques.repo import Cheques

            self._cheques = Cheques(self._conn, self.notify, clock=self.clock,
                                    on_written=lambda cheque_id: sync_due_alert(self, cheque_id))
        return self._cheques

    @property
    def cheque_print(self):
        """Cheque print layouts, printer calibrations and the print log (imported on first use)."""
        if self._cheque_print is None:
            from crm_desktop.cheque_print.repo import ChequePrint

            self._cheque_print = ChequePrint(self._conn, self.notify, clock=self.clock)
        return self._cheque_print

    @property
    def files(self):
        """Personnel, customer and applicant files (imported on first use); follow-ups and
        interviews go into the reminder book."""
        if self._files is None:
            from crm_desktop.files.repo import Files

            self._files = Files(self._conn, self.notify, clock=self.clock, reminders=lambda: self.reminders)
        return self._files

    @property
    def attendance(self):
        """The attendance book (imported on first use); holidays from the reminder book's calendar."""
        if self._attendance is None:
            from crm_desktop.attendance.repo import Attendance, holiday_names

            self._attendance = Attendance(self._conn, self.notify, clock=self.clock,
                                          holidays=lambda: holiday_names(self.reminders))
        return self._attendance

    # --- change notification ------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def notify(self, tables: Iterable[str]) -> None:
        changed = frozenset(tables)
        for listener in list(self._listeners):
            listener(changed)

    # --- preferences ----------------------------------------------------------------------------
    @property
    def preferences(self) -> preferences.Preferences:
        return preferences.load(self.conn)

    def save_preferences(self, prefs: preferences.Preferences) -> None:
        preferences.save(self.conn, prefs)
        preferences.remember_backup_folder(self.path, preferences.backup_folder(prefs, self.path))
        self.notify({"settings"})

    def backup_folder(self) -> Path:
        return preferences.backup_folder(self.preferences, self.path)

    def contact_count(self) -> int:
        return self.read_one("SELECT count(*) FROM contacts")[0]

    def read_one(self, sql: str, params=()):
        """One row; a damaged page becomes a StorageError (with its Persian message)."""
        try:
            return self.conn.execute(sql, params).fetchone()
        except sqlite3.DatabaseError as error:
            raise translate_error(error, self.path) from error

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
