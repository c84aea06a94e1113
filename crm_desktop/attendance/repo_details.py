"""The attendance book's detail reads for the printed timesheet (no Qt): a person's leave and
missions of a date range as model objects, with their types, times and places (``repo.py``
works them into minutes; the timesheet also says what each one was)."""

from __future__ import annotations

import sqlite3
from datetime import date, time

from crm_desktop.attendance.model import Leave, Mission


def _t(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def leaves(conn: sqlite3.Connection, file_id: int, first: date, last: date) -> list[Leave]:
    """The person's leave from ``first`` to ``last`` (by day, then start time)."""
    rows = conn.execute(
        'SELECT file_id, day, leave_type, start, "end", note, id FROM attendance_leaves '
        "WHERE file_id = ? AND day BETWEEN ? AND ? ORDER BY day, start IS NOT NULL, start, id",
        (file_id, first.isoformat(), last.isoformat()))
    return [Leave(fid, date.fromisoformat(day), kind, _t(a), _t(b), note, lid) for fid, day, kind, a, b, note, lid in rows]


def missions(conn: sqlite3.Connection, file_id: int, first: date, last: date) -> list[Mission]:
    """The person's missions from ``first`` to ``last`` (by day, then start time)."""
    rows = conn.execute(
        'SELECT file_id, day, place, start, "end", id FROM attendance_missions '
        "WHERE file_id = ? AND day BETWEEN ? AND ? ORDER BY day, start IS NOT NULL, start, id",
        (file_id, first.isoformat(), last.isoformat()))
    return [Mission(fid, date.fromisoformat(day), place, _t(a), _t(b), mid) for fid, day, place, a, b, mid in rows]


def entitled_leaves(conn: sqlite3.Connection, first: date, last: date) -> dict[int, list[Leave]]:
    """Everyone's entitled leave from ``first`` to ``last`` (what the year's balance counts)."""
    found: dict[int, list[Leave]] = {}
    for fid, day, kind, a, b, note, lid in conn.execute(
            'SELECT file_id, day, leave_type, start, "end", note, id FROM attendance_leaves '
            "WHERE leave_type = 'entitled' AND day BETWEEN ? AND ? ORDER BY file_id, day, id",
            (first.isoformat(), last.isoformat())):
        found.setdefault(fid, []).append(Leave(fid, date.fromisoformat(day), kind, _t(a), _t(b), note, lid))
    return found
