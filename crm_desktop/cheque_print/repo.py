"""Cheque print layouts, printer calibrations and the print log (no Qt):
``ChequePrint(conn, notify)``, reached as ``office.cheque_print``.

Templates are stored as the same JSON their shared files hold (model.Template.to_json), the
scanned leaf apart in a BLOB. Every write is one transaction followed by ``notify``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from typing import Callable

from crm_desktop.cheque_print.model import Calibration, Template
from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.storage.db import transaction

TABLES = {"cheque_templates"}


class ChequePrint:
    def __init__(self, conn: sqlite3.Connection, notify: Callable[[set], object] | None = None,
                 clock: Callable[[], datetime] = datetime.now):
        self.conn = conn
        self._notify = notify or (lambda tables: None)
        self._clock = clock

    def _now(self) -> str:
        return self._clock().replace(microsecond=0).isoformat()

    # -- templates ------------------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        rows = self.conn.execute("SELECT id, data, background FROM cheque_templates ORDER BY id")
        return [self._template(row) for row in rows]

    def names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM cheque_templates ORDER BY id")]

    @staticmethod
    def _template(row) -> Template:
        template = Template.from_json(row[1])
        template.id = row[0]
        template.background = bytes(row[2]) if row[2] is not None else None
        return template

    def get(self, template_id: int) -> Template | None:
        row = self.conn.execute("SELECT id, data, background FROM cheque_templates WHERE id = ?",
                                (template_id,)).fetchone()
        return self._template(row) if row else None

    def by_name(self, name: str) -> Template | None:
        row = self.conn.execute("SELECT id, data, background FROM cheque_templates WHERE name_key = ?",
                                (normalise(" ".join(name.split())),)).fetchone()
        return self._template(row) if row else None

    def named(self, name: str | None) -> Template:
        """The template called ``name`` (the first one when None); a Persian UserError if none."""
        template = self.by_name(name) if name else (self.templates() or [None])[0]
        if template is None:
            known = "، ".join(f"«{n}»" for n in self.names()) or "هیچ"
            raise UserError(f"no cheque template named {name!r}; there are: {', '.join(self.names())}",
                            f"نمونه چاپی «{name}» نیست. نمونه‌های موجود: {known}.")
        return template

    def save(self, template: Template) -> int:
        """Add (no id) or replace (with an id) a template; names are unique (ي/ی alike)."""
        template = replace(template, fields=[replace(f) for f in template.fields]).validate()
        key = normalise(template.name)
        with transaction(self.conn):
            other = self.conn.execute("SELECT id FROM cheque_templates WHERE name_key = ? AND id IS NOT ?",
                                      (key, template.id)).fetchone()
            if other:
                raise ValidationError(f"a template named {template.name!r} exists",
                                      f"نمونه چاپی دیگری به نام «{template.name}» هست.", "نام")
            data = template.to_json(with_background=False)
            if template.id is None:
                template_id = self.conn.execute(
                    "INSERT INTO cheque_templates (name, name_key, data, background, updated_at) VALUES (?, ?, ?, ?, ?)",
                    (template.name, key, data, template.background, self._now())).lastrowid
            else:
                changed = self.conn.execute(
                    "UPDATE cheque_templates SET name = ?, name_key = ?, data = ?, background = ?, updated_at = ? "
                    "WHERE id = ?", (template.name, key, data, template.background, self._now(), template.id)).rowcount
                if not changed:
                    raise UserError(f"template {template.id} no longer exists", "این نمونه چاپی دیگر وجود ندارد.")
                template_id = template.id
        self._notify(set(TABLES))
        return template_id

    def duplicate(self, template_id: int, name: str | None = None) -> int:
        original = self.get(template_id)
        if original is None:
            raise UserError(f"template {template_id} does not exist", "این نمونه چاپی وجود ندارد.")
        base = name or f"{original.name} (رونوشت)"
        candidate, n = base, 2
        while name is None and self.by_name(candidate) is not None:
            candidate, n = f"{base} {n}", n + 1
        return self.save(replace(original, id=None, name=candidate))

    def rename(self, template_id: int, name: str) -> None:
        template = self.get(template_id)
        if template is None:
            raise UserError(f"template {template_id} does not exist", "این نمونه چاپی وجود ندارد.")
        self.save(replace(template, name=name))

    def delete(self, template_id: int) -> None:
        with transaction(self.conn):
            if self.conn.execute("SELECT count(*) FROM cheque_templates").fetchone()[0] <= 1:
                raise UserError("the last template cannot be deleted", "آخرین نمونه چاپی حذف نمی‌شود.")
            self.conn.execute("DELETE FROM cheque_templates WHERE id = ?", (template_id,))
        self._notify(set(TABLES))

    def import_json(self, text: str, *, rename: bool = True) -> int:
        """A shared template file; with ``rename`` a name already taken gets « (۲)» and so on."""
        template = Template.from_json(text)
        if rename:
            base, n = template.name, 2
            while self.by_name(template.name) is not None:
                template.name = f"{base} ({to_persian(n)})"
                n += 1
        return self.save(template)

    # -- calibration ----------------------------------------------------------------------------------
    def calibration(self, printer: str = "") -> Calibration:
        row = self.conn.execute("SELECT printer, dx, dy, feed, tray_width FROM print_calibrations WHERE printer = ?",
                                (printer or "",)).fetchone()
        return Calibration(*row) if row else Calibration(printer or "")

    def save_calibration(self, calibration: Calibration) -> None:
        c = replace(calibration).validate()
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO print_calibrations (printer, dx, dy, feed, tray_width) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (printer) DO UPDATE SET dx = excluded.dx, dy = excluded.dy, feed = excluded.feed, "
                "tray_width = excluded.tray_width", (c.printer or "", c.dx, c.dy, c.feed, c.tray_width))
        self._notify({"print_calibrations"})

    # -- the print log --------------------------------------------------------------------------------
    def record_print(self, cheque_id: int, template: str, printer: str = "", ok: bool | None = None) -> int:
        with transaction(self.conn):
            print_id = self.conn.execute(
                "INSERT INTO cheque_prints (cheque_id, template, printer, printed_at, ok) VALUES (?, ?, ?, ?, ?)",
                (cheque_id, template, printer, self._now(), None if ok is None else int(ok))).lastrowid
        self._notify({"cheque_prints"})
        return print_id

    def set_print_ok(self, print_id: int, ok: bool) -> None:
        with transaction(self.conn):
            self.conn.execute("UPDATE cheque_prints SET ok = ? WHERE id = ?", (int(ok), print_id))
        self._notify({"cheque_prints"})

    def prints(self, cheque_id: int) -> list[tuple[int, str, str, str, bool | None]]:
        """(id, printed_at ISO, template, printer, ok) of every print of the cheque, oldest first."""
        rows = self.conn.execute("SELECT id, printed_at, template, printer, ok FROM cheque_prints WHERE cheque_id = ? "
                                 "ORDER BY id", (cheque_id,))
        return [(r[0], r[1], r[2], r[3], None if r[4] is None else bool(r[4])) for r in rows]
