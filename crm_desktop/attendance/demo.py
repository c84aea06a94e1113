"""Demo attendance: ``fill_attendance(conn, months, seed, progress)``, the ``attendance`` step of
``demo-data`` (``--attendance-months N``).

For the demo staff (the personnel files; when there are none yet, a dozen are made on person
contacts that have no file), from the first day of the Jalali month ``months - 1`` before this
one through today: a second schedule (a night shift, 22:00–06:00, assigned to a few) and a
part-time morning one (for part-time staff, if any); a device PIN each; and each working day
what an office sees: mostly on time (a few minutes either side), some lateness inside the grace
and some past it, some early exits, overtime on some evenings and now and then on a Friday,
hourly leave (out and back in) and whole days of leave of each type, hourly and daily missions
with their places, a few absences and a rare forgotten exit. Holidays and Fridays are days off.
Today only the morning entries of those already in. Staff who left stop at their end date;
nobody punches before being hired.

Punches go in with ``executemany`` (source «دستگاه» mostly, a few by hand), leave and missions
through the repository; everything inside the caller's transaction.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from crm_desktop.attendance.model import Schedule, Shift

TEXT_ATTENDANCE = "ساختن ورود و خروج نمونه…"
NIGHT_SHIFT = "شیفت شب"
PART_TIME = "پاره‌وقت صبح"
STAFF_TO_MAKE = 12
PLACES = ("اداره مالیات منطقه ۶", "بانک ملت شعبه ونک", "کارخانه شرکت در شهرک صنعتی", "دفتر مشتری در اصفهان",
          "نمایشگاه بین‌المللی تهران", "گمرک شهید رجایی", "سازمان تأمین اجتماعی", "دفتر اسناد رسمی", "شعبه کرج")
LEAVE_NOTES = ("", "", "امور شخصی", "مراجعه به پزشک", "امور بانکی", "ثبت‌نام مدرسه فرزند")
PIN_BASE = 100


@dataclass
class AttendanceResult:
    months: int = 0
    staff: int = 0
    staff_made: int = 0
    schedules: int = 0  # made now
    pins: int = 0
    punches: int = 0
    days_worked: int = 0
    absences: int = 0
    late_in_grace: int = 0
    late_past_grace: int = 0
    early_exits: int = 0
    overtime_days: int = 0
    missions: int = 0
    leaves: dict = field(default_factory=dict)  # "hourly:entitled" -> count

    def to_json(self) -> dict:
        return asdict(self)


def _as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _make_staff(office, rnd: random.Random, now: datetime) -> int:
    """A dozen personnel files on person contacts without a file (when the office has no staff)."""
    from crm_desktop.files.model import PersonFile

    rows = office.conn.execute(
        "SELECT c.id FROM contacts c WHERE c.kind = 'person' AND NOT EXISTS "
        "(SELECT 1 FROM files f WHERE f.contact_id = c.id) ORDER BY c.id LIMIT 500").fetchall()
    chosen = rnd.sample([r[0] for r in rows], min(len(rows), STAFF_TO_MAKE))
    for contact_id in chosen:
        hired = now.date() - timedelta(days=rnd.randint(200, 3000))
        office.files.add(PersonFile("personnel", contact_id, registered_on=hired, unit=rnd.choice(("اداری", "مالی", "فروش")),
                                    data={"hire_date": hired, "employment": "full_time"}))
    return len(chosen)


def _schedules(office, staff, rnd: random.Random, result: AttendanceResult) -> None:
    """The night shift for a few, the part-time morning for part-time staff (made once)."""
    att = office.attendance
    names = {s.name: s.id for s in att.schedules()}
    night_days = {d: (Shift(time(22), time(6)),) for d in range(5)}
    night_days[5] = (Shift(time(22), time(2)),)  # Thursday night: 4 hours (44 a week)
    wanted = {NIGHT_SHIFT: Schedule(NIGHT_SHIFT, night_days, 15),
              PART_TIME: Schedule(PART_TIME, {d: (Shift(time(8), time(12)),) for d in range(5)}, 5)}
    for name, schedule in wanted.items():
        if name not in names:
            names[name] = att.save_schedule(schedule)
            result.schedules += 1
    assigned = {fid for (fid,) in office.conn.execute("SELECT file_id FROM staff_schedules")}
    free = [m for m in staff if m.file_id not in assigned]
    part_time = [m for m in free if (office.files.get(m.file_id).data or {}).get("employment") == "part_time"][:3]
    for member in part_time:
        att.assign_schedule(member.file_id, names[PART_TIME])
    others = [m for m in free if m not in part_time]
    for member in rnd.sample(others, min(len(others), max(1, len(staff) // 8))) if len(staff) > 3 else []:
        att.assign_schedule(member.file_id, names[NIGHT_SHIFT])


class _Day:
    """One person's working day: the punches, leave and missions it adds."""

    def __init__(self, rnd: random.Random, person, start: datetime, end: datetime, grace: int):
        self.rnd, self.person, self.start, self.end, self.grace = rnd, person, start, end, grace
        self.punches: list[tuple[datetime, str]] = []

    def entry(self, result: AttendanceResult) -> datetime:
        r, rnd = self.rnd.random(), self.rnd
        if r < self.person["late_past"]:
            result.late_past_grace += 1
            return self.start + timedelta(minutes=rnd.randint(self.grace + 1, self.grace + 55))
        if r < self.person["late_past"] + self.person["late_in"]:
            result.late_in_grace += 1
            return self.start + timedelta(minutes=rnd.randint(1, max(1, self.grace)))
        return self.start - timedelta(minutes=rnd.randint(0, 18))

    def exit(self, result: AttendanceResult, overtime_ok: bool = True) -> datetime:
        r, rnd = self.rnd.random(), self.rnd
        if r < 0.06:
            result.early_exits += 1
            return self.end - timedelta(minutes=rnd.randint(10, 95))
        if overtime_ok and r < 0.06 + self.person["overtime"]:
            result.overtime_days += 1
            return self.end + timedelta(minutes=rnd.choice((30, 45, 60, 90, 120, 150)) + rnd.randint(0, 9))
        return self.end + timedelta(minutes=rnd.randint(0, 14))


def fill_attendance(conn: sqlite3.Connection, months: int, seed=1, progress=None, *,
                    now: datetime | None = None) -> AttendanceResult:
    """Add ``months`` Jalali months of demo attendance (inside the caller's transaction, if any)."""
    from crm_desktop.attendance.compute import shift_spans
    from crm_desktop.attendance.model import Leave, Mission
    from crm_desktop.attendance.repo import holiday_names
    from crm_desktop.core import jalali
    from crm_desktop.demo.generate import report
    from crm_desktop.office import Office

    if months <= 0:
        return AttendanceResult()
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    today = now.date()
    rnd = random.Random(f"{seed}:attendance")
    path = conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    office = Office(path, conn=conn, clock=lambda: now)
    att = office.attendance
    result = AttendanceResult(months=months)
    if not att.staff(include_former=True):
        result.staff_made = _make_staff(office, rnd, now)
    year, month, _ = jalali.to_jalali(today)
    first = jalali.jalali_month_range(*jalali.add_jalali_months(year, month, -(months - 1)))[0]
    with_punches = {fid for (fid,) in conn.execute(
        "SELECT DISTINCT file_id FROM attendance_punches WHERE at >= ?", (first.isoformat(),))}
    staff = []
    for member in att.staff(include_former=True):
        f = office.files.get(member.file_id)
        hired, ended = _as_date((f.data or {}).get("hire_date")), _as_date((f.data or {}).get("end_date"))
        if member.file_id in with_punches or (member.state != "active" and (ended is None or ended < first)):
            continue
        staff.append((member, max(first, hired or first), ended if member.state != "active" else None))
    if not staff:
        return result
    result.staff = len(staff)
    _schedules(office, [m for m, _, _ in staff if m.state == "active"], rnd, result)
    pins = att.pins()
    taken = {int(p) for p in pins if p.isdigit()}
    has_pin = set(pins.values())
    for member, _, _ in staff:
        if member.file_id not in has_pin:
            pin = PIN_BASE + member.file_id
            while pin in taken:
                pin += 1
            taken.add(pin)
            att.set_pin(str(pin), member.file_id)
            result.pins += 1
    holiday = holiday_names(office.reminders)
    days = [first + timedelta(days=i) for i in range((today - first).days + 1)]
    names = {d: holiday(d) for d in days}
    sql = ("INSERT OR IGNORE INTO attendance_punches (file_id, at, direction, source, note, created_at) "
           "VALUES (?, ?, ?, ?, '', ?)")
    report(progress, 0, len(staff), TEXT_ATTENDANCE)
    for done, (member, start_day, end_day) in enumerate(staff, start=1):
        schedule = att.schedule_for(member.file_id)
        night = any(s.overnight for shifts in schedule.days.values() for s in shifts)
        person = {"late_in": rnd.uniform(0.05, 0.2), "late_past": rnd.uniform(0.01, 0.08),
                  "overtime": rnd.uniform(0.04, 0.2), "manual": rnd.uniform(0.0, 0.06)}
        rows = []
        for day in days:
            if day < start_day or (end_day is not None and day > end_day):
                continue
            spans = [] if names[day] or jalali.weekday(day) == 6 else shift_spans(day, schedule)
            if not spans:
                if day < today and jalali.weekday(day) == 6 and not night and rnd.random() < 0.015:  # Friday overtime
                    a = datetime.combine(day, time(9)) + timedelta(minutes=rnd.randint(0, 20))
                    rows += [(a, "in"), (a + timedelta(minutes=rnd.randint(150, 270)), "out")]
                    result.overtime_days += 1
                continue
            start, end = spans[0][0], spans[-1][1]
            shape = _Day(rnd, person, start, end, schedule.grace)
            if now < end + timedelta(hours=3):  # at work now (today, or last night's shift): the entries so far
                if start <= now and rnd.random() < 0.9:
                    rows.append((min(shape.entry(result), now), "in"))
                continue
            r = rnd.random()
            if r < 0.02:
                result.absences += 1
                continue
            if r < 0.06:  # a whole day of leave
                kind = rnd.choices(("entitled", "sick", "unpaid"), (14, 5, 1))[0]
                att.add_leave(Leave(member.file_id, day, kind, note=rnd.choice(LEAVE_NOTES)))
                result.leaves[f"daily:{kind}"] = result.leaves.get(f"daily:{kind}", 0) + 1
                continue
            if r < 0.075:  # a whole day on a mission
                att.add_mission(Mission(member.file_id, day, rnd.choice(PLACES)))
                result.missions += 1
                continue
            result.days_worked += 1
            length = int((end - start).total_seconds() // 60)
            r = rnd.random()
            if r < 0.05 and length >= 240 and not start.date() < end.date():  # hourly leave: out and back in
                kind = rnd.choices(("entitled", "sick", "unpaid"), (12, 3, 1))[0]
                a = start + timedelta(minutes=rnd.randrange(60, length - 120, 15))
                b = a + timedelta(minutes=rnd.choice((60, 90, 120)))
                att.add_leave(Leave(member.file_id, day, kind, a.time(), b.time(), rnd.choice(LEAVE_NOTES)))
                result.leaves[f"hourly:{kind}"] = result.leaves.get(f"hourly:{kind}", 0) + 1
                rows += [(shape.entry(result), "in"), (a + timedelta(minutes=rnd.randint(-3, 2)), "out"),
                         (b + timedelta(minutes=rnd.randint(-4, 6)), "in"), (shape.exit(result), "out")]
            elif r < 0.08 and length >= 240 and not start.date() < end.date():  # an hourly mission
                a = start + timedelta(minutes=rnd.randrange(60, length - 120, 30))
                b = a + timedelta(minutes=rnd.choice((90, 120, 150)))
                att.add_mission(Mission(member.file_id, day, rnd.choice(PLACES), a.time(), b.time()))
                result.missions += 1
                rows += [(shape.entry(result), "in"), (a, "out"), (b + timedelta(minutes=rnd.randint(0, 10)), "in"),
                         (shape.exit(result, overtime_ok=False), "out")]
            elif r < 0.09:  # a forgotten exit
                rows.append((shape.entry(result), "in"))
            else:
                rows += [(shape.entry(result), "in"), (shape.exit(result), "out")]
        rows = [(at, direction) for at, direction in rows if at <= now]  # nothing in the future
        stamp = now.isoformat()
        values = [(member.file_id, at.replace(second=0).isoformat(), direction,
                   "manual" if rnd.random() < person["manual"] else "device", stamp) for at, direction in rows]
        before = conn.total_changes
        conn.executemany(sql, values)
        result.punches += conn.total_changes - before
        report(progress, done, len(staff), TEXT_ATTENDANCE)
    return result
