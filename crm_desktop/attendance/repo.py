"""The attendance book's SQL (no Qt): ``Attendance(conn, notify, clock, holidays)``, reached as
``office.attendance``. Staff are the personnel files; holidays come from the reminder book's
calendar (official days corrected by the operator's ``holidays`` table).

Every write is one transaction followed by ``notify``. A correction of a punch keeps the old
row (``replaced_at`` / ``replaced_by``). A month is worked out by ``compute.compute_day`` from
one read of the month's punches, leave and missions (each punch counted on its ``work_day``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable

from crm_desktop.attendance.compute import (DayResult, Totals, Window, compute_day, month_days, month_totals, shown,
                                            work_day)
from crm_desktop.attendance.model import LEAVE_TYPES, Leave, Mission, Punch, Schedule
from crm_desktop.core import jalali
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.storage.db import transaction

TABLES = {"attendance_punches"}


@dataclass(frozen=True)
class StaffMember:
    file_id: int
    number: str
    name: str
    state: str


def holiday_names(reminders) -> Callable[[date], str]:
    """``name(d)``: the holiday's name on ``d`` (official, or the operator's correction in the
    reminder book's holidays table), '' on another day; Friday is left to the caller."""
    from crm_desktop.core.holidays import official_holidays

    overrides = reminders.holiday_overrides()
    by_year: dict[int, dict] = {}

    def name(d: date) -> str:
        if d in overrides:
            flag, title = overrides[d]
            return (title or "تعطیل") if flag else ""
        year = jalali.to_jalali(d)[0]
        if year not in by_year:
            by_year[year] = official_holidays(year)
        return by_year[year].get(d, "")

    return name


def _t(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


class Attendance:
    def __init__(self, conn: sqlite3.Connection, notify: Callable[[set], object] | None = None,
                 clock: Callable[[], datetime] = datetime.now, holidays: Callable[[], Callable[[date], str]] | None = None):
        self.conn = conn
        self._notify = notify or (lambda tables: None)
        self._clock = clock
        self._holidays = holidays  # () -> (date -> holiday name or '')

    def _now(self) -> datetime:
        return self._clock().replace(second=0, microsecond=0)

    def _write(self, tables, action):
        with transaction(self.conn):
            result = action()
        self._notify(set(tables))
        return result

    # -- staff and schedules --------------------------------------------------------------------------
    def staff(self, *, include_former: bool = False) -> list[StaffMember]:
        """The personnel files in Persian order of their names."""
        rows = self.conn.execute(
            "SELECT f.id, f.number, c.display_name, f.state FROM files f JOIN contacts c ON c.id = f.contact_id "
            f"WHERE f.kind = 'personnel' {'' if include_former else 'AND f.state = ' + repr('active')} "
            "ORDER BY c.sort_key, f.id")
        return [StaffMember(*row) for row in rows]

    def _require_staff(self, file_id: int) -> None:
        if not self.conn.execute("SELECT 1 FROM files WHERE id = ? AND kind = 'personnel'", (file_id,)).fetchone():
            raise UserError(f"no personnel file {file_id}", "این شخص پرونده پرسنلی ندارد.")

    def schedules(self) -> list[Schedule]:
        return [Schedule.from_json(name, json.loads(data), sid)
                for sid, name, data in self.conn.execute("SELECT id, name, data FROM work_schedules ORDER BY id")]

    def save_schedule(self, schedule: Schedule) -> int:
        s = schedule.validate()

        def write():
            if s.id is None:
                return self.conn.execute("INSERT INTO work_schedules (name, data) VALUES (?, ?)",
                                         (s.name, json.dumps(s.to_json()))).lastrowid
            self.conn.execute("UPDATE work_schedules SET name = ?, data = ? WHERE id = ?",
                              (s.name, json.dumps(s.to_json()), s.id))
            return s.id

        try:
            return self._write({"work_schedules"}, write)
        except sqlite3.IntegrityError:
            raise ValidationError("a schedule with that name exists", "برنامه کاری دیگری به این نام هست.", "نام") from None

    def assign_schedule(self, file_id: int, schedule_id: int | None) -> None:
        self._require_staff(file_id)

        def write():
            self.conn.execute("DELETE FROM staff_schedules WHERE file_id = ?", (file_id,))
            if schedule_id is not None:
                self.conn.execute("INSERT INTO staff_schedules (file_id, schedule_id) VALUES (?, ?)", (file_id, schedule_id))

        self._write({"staff_schedules"}, write)

    def schedule_for(self, file_id: int) -> Schedule:
        row = self.conn.execute(
            "SELECT w.id, w.name, w.data FROM work_schedules w WHERE w.id = coalesce("
            "(SELECT schedule_id FROM staff_schedules WHERE file_id = ?), (SELECT min(id) FROM work_schedules))",
            (file_id,)).fetchone()
        return Schedule.from_json(row[1], json.loads(row[2]), row[0])

    # -- punches --------------------------------------------------------------------------------------
    def punch(self, file_id: int, direction: str, at: datetime | None = None, *, source: str = "manual",
              note: str = "") -> int | None:
        """Record an entry or exit (now by default); None when the same one is already there."""
        if direction not in ("in", "out"):
            raise ValueError("direction is 'in' or 'out'")
        self._require_staff(file_id)
        at = (at or self._now()).replace(second=0, microsecond=0)

        def write():
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO attendance_punches (file_id, at, direction, source, note, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", (file_id, at.isoformat(), direction, source, note.strip(),
                                              self._clock().replace(microsecond=0).isoformat()))
            return cursor.lastrowid if cursor.rowcount else None

        return self._write(TABLES, write)

    def correct_punch(self, punch_id: int, at: datetime | None = None, direction: str | None = None,
                      note: str = "") -> int | None:
        """Change a punch's time or direction (or remove it: both None and ``remove``): the old row
        stays, marked replaced, with when it was changed."""
        row = self.conn.execute("SELECT file_id, at, direction FROM attendance_punches WHERE id = ? AND replaced_at IS NULL",
                                (punch_id,)).fetchone()
        if row is None:
            raise UserError("that punch no longer exists", "این ورود/خروج دیگر وجود ندارد.")
        stamp = self._clock().replace(microsecond=0).isoformat()

        def write():
            new_id = None
            self.conn.execute("UPDATE attendance_punches SET replaced_at = ? WHERE id = ?", (stamp, punch_id))
            if at is not None or direction is not None:
                new_at = (at or datetime.fromisoformat(row[1])).replace(second=0, microsecond=0)
                new_id = self.conn.execute(
                    "INSERT INTO attendance_punches (file_id, at, direction, source, note, created_at) "
                    "VALUES (?, ?, ?, 'correction', ?, ?)", (row[0], new_at.isoformat(), direction or row[2], note.strip(),
                                                            stamp)).lastrowid
                self.conn.execute("UPDATE attendance_punches SET replaced_by = ? WHERE id = ?", (new_id, punch_id))
            return new_id

        try:
            return self._write(TABLES, write)
        except sqlite3.IntegrityError:
            raise UserError("the same punch is already there", "همین ورود/خروج پیش‌تر ثبت شده است.") from None

    def remove_punch(self, punch_id: int) -> None:
        self.correct_punch(punch_id)

    def corrections(self, file_id: int) -> list[tuple[str, str, str, str | None]]:
        """(old time, old direction, changed at, new time or None) of every corrected punch."""
        rows = self.conn.execute(
            "SELECT o.at, o.direction, o.replaced_at, n.at FROM attendance_punches o LEFT JOIN attendance_punches n "
            "ON n.id = o.replaced_by WHERE o.file_id = ? AND o.replaced_at IS NOT NULL ORDER BY o.replaced_at, o.id",
            (file_id,))
        return [tuple(r) for r in rows]

    def punches(self, file_id: int, start: datetime, end: datetime) -> list[Punch]:
        rows = self.conn.execute(
            "SELECT file_id, at, direction, source, id FROM attendance_punches WHERE file_id = ? AND replaced_at IS NULL "
            "AND at >= ? AND at < ? ORDER BY at", (file_id, start.isoformat(), end.isoformat()))
        return [Punch(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4]) for r in rows]

    # -- leave and missions ---------------------------------------------------------------------------
    def add_leave(self, leave: Leave) -> int:
        self._require_staff(leave.person_id)
        if leave.leave_type not in LEAVE_TYPES:
            raise ValidationError("unknown leave type", "نوع مرخصی شناخته نیست.", "نوع مرخصی")
        if (leave.start is None) != (leave.end is None) or (leave.start is not None and leave.end <= leave.start):
            raise ValidationError("hourly leave needs a start before its end",
                                  "مرخصی ساعتی: ساعت پایان باید پس از ساعت آغاز باشد.", "ساعت")
        return self._write({"attendance_leaves"}, lambda: self.conn.execute(
            'INSERT INTO attendance_leaves (file_id, day, leave_type, start, "end", note) VALUES (?, ?, ?, ?, ?, ?)',
            (leave.person_id, leave.day.isoformat(), leave.leave_type, leave.start and leave.start.isoformat("minutes"),
             leave.end and leave.end.isoformat("minutes"), leave.note.strip())).lastrowid)

    def add_mission(self, mission: Mission) -> int:
        self._require_staff(mission.person_id)
        if (mission.start is None) != (mission.end is None):
            raise ValidationError("an hourly mission needs both times", "ماموریت ساعتی: ساعت آغاز و پایان را بنویسید.",
                                  "ساعت")
        return self._write({"attendance_missions"}, lambda: self.conn.execute(
            'INSERT INTO attendance_missions (file_id, day, place, start, "end") VALUES (?, ?, ?, ?, ?)',
            (mission.person_id, mission.day.isoformat(), mission.place.strip(),
             mission.start and mission.start.isoformat("minutes"), mission.end and mission.end.isoformat("minutes"))).lastrowid)

    def delete_leave(self, leave_id: int) -> None:
        self._write({"attendance_leaves"}, lambda: self.conn.execute("DELETE FROM attendance_leaves WHERE id = ?", (leave_id,)))

    def delete_mission(self, mission_id: int) -> None:
        self._write({"attendance_missions"},
                    lambda: self.conn.execute("DELETE FROM attendance_missions WHERE id = ?", (mission_id,)))

    # -- the month ------------------------------------------------------------------------------------
    def _holiday_name(self) -> Callable[[date], str]:
        if self._holidays is not None:
            return self._holidays()
        from crm_desktop.core.holidays import official_holidays

        return lambda d: official_holidays(jalali.to_jalali(d)[0]).get(d, "")

    def days(self, file_ids: list[int], first: date, last: date) -> dict[int, list[DayResult]]:
        """Each person's days from ``first`` to ``last``, from one read of each table."""
        if not file_ids:
            return {}
        marks = ",".join("?" * len(file_ids))
        start = datetime.combine(first, time.min)
        end = datetime.combine(last + timedelta(days=2), time.min)
        punches, leaves, missions = defaultdict(list), defaultdict(list), defaultdict(list)
        schedules = {fid: self.schedule_for(fid) for fid in file_ids}
        for fid, at, direction, source, pid in self.conn.execute(
                f"SELECT file_id, at, direction, source, id FROM attendance_punches WHERE replaced_at IS NULL AND at >= ? "
                f"AND at < ? AND file_id IN ({marks})", (start.isoformat(), end.isoformat(), *file_ids)):
            p = Punch(fid, datetime.fromisoformat(at), direction, source, pid)
            punches[(fid, work_day(p.at, lambda _d, s=schedules[fid]: s))].append(p)
        for fid, day, kind, a, b, note, lid in self.conn.execute(
                f'SELECT file_id, day, leave_type, start, "end", note, id FROM attendance_leaves WHERE day BETWEEN ? AND ? '
                f"AND file_id IN ({marks})", (first.isoformat(), last.isoformat(), *file_ids)):
            leaves[(fid, date.fromisoformat(day))].append(Leave(fid, date.fromisoformat(day), kind, _t(a), _t(b), note, lid))
        for fid, day, place, a, b, mid in self.conn.execute(
                f'SELECT file_id, day, place, start, "end", id FROM attendance_missions WHERE day BETWEEN ? AND ? '
                f"AND file_id IN ({marks})", (first.isoformat(), last.isoformat(), *file_ids)):
            missions[(fid, date.fromisoformat(day))].append(Mission(fid, date.fromisoformat(day), place, _t(a), _t(b), mid))
        holiday = self._holiday_name()
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        names = {d: holiday(d) for d in days}
        return {fid: [compute_day(d, schedules[fid], punches[(fid, d)], leaves[(fid, d)], missions[(fid, d)], names[d])
                      for d in days] for fid in file_ids}

    def employment(self, file_id: int, today: date | None = None) -> Window:
        """The days that count for a person: from the hire date to the end of employment (when
        the personnel file has them) and not after today (the office's clock)."""
        row = self.conn.execute("SELECT data FROM files WHERE id = ?", (file_id,)).fetchone()
        data = json.loads(row[0] or "{}") if row else {}

        def day(key):
            try:
                return date.fromisoformat(data[key][:10]) if data.get(key) else None
            except (TypeError, ValueError):
                return None

        return Window(today or self._clock().date(), day("hire_date"), day("end_date"))

    def month(self, file_id: int, year: int, month: int) -> tuple[list[DayResult], Totals]:
        """A person's Jalali month: each day (no absence on a day to come or outside the
        employment) and the totals over the days that count."""
        self._require_staff(file_id)
        days = month_days(year, month)
        w = self.employment(file_id)
        results = [shown(r, w) for r in self.days([file_id], days[0], days[-1])[file_id]]
        return results, month_totals(results, w)

    def office_month(self, year: int, month: int) -> list[tuple[StaffMember, Totals]]:
        """Every member of staff's totals for the Jalali month (Persian order)."""
        staff = self.staff(include_former=True)
        days = month_days(year, month)
        found = self.days([s.file_id for s in staff], days[0], days[-1])
        out = []
        for member in staff:
            totals = month_totals(found.get(member.file_id, []), self.employment(member.file_id))
            if member.state == "active" or totals.worked or totals.leave:
                out.append((member, totals))
        return out

    def leave_used(self, file_id: int, year: int) -> int:
        """Minutes of entitled leave used in the Jalali year (a day counts 8 hours)."""
        first, _ = jalali.jalali_month_range(year, 1)
        _, last = jalali.jalali_month_range(year, 12)
        totals = Totals()
        for r in self.days([file_id], first, last)[file_id]:
            totals.add(r)
        return totals.entitled_used

    # -- the fingerprint device -----------------------------------------------------------------------
    def set_pin(self, pin: str, file_id: int) -> None:
        self._require_staff(file_id)
        self._write({"device_pins"}, lambda: self.conn.execute(
            "INSERT INTO device_pins (pin, file_id) VALUES (?, ?) ON CONFLICT (pin) DO UPDATE SET file_id = excluded.file_id",
            (str(pin).strip(), file_id)))

    def pins(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT pin, file_id FROM device_pins"))
