"""What the attendance tab reads beside a month's figures (no Qt): a day's punches as records (to
correct and remove them), today's punches of the whole office, and the device PIN of each member
of staff (one PIN a person, set or cleared).

Functions over ``office.attendance`` (an ``Attendance``), in the manner of the cheque book's
``repo_*`` modules; a write is one transaction followed by the usual notice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from crm_desktop.attendance.compute import work_day
from crm_desktop.attendance.model import Punch
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import UserError


def punches_by_day(att, file_id: int, first: date, last: date) -> dict[date, list[Punch]]:
    """The person's live punches from ``first`` to ``last``, each on the day it counts for (a
    night shift's exit after midnight on the day the shift began), as ``Attendance.days`` counts."""
    schedule = att.schedule_for(file_id)
    found: dict[date, list[Punch]] = defaultdict(list)
    start, end = datetime.combine(first, time.min), datetime.combine(last + timedelta(days=2), time.min)
    for p in att.punches(file_id, start, end):
        day = work_day(p.at, lambda _d: schedule)
        if first <= day <= last:
            found[day].append(p)
    return found


def office_punches(att, start: datetime, end: datetime, limit: int = 200) -> list[tuple[Punch, str]]:
    """The live punches of every member of staff in [start, end), the latest first, with names."""
    rows = att.conn.execute(
        "SELECT p.file_id, p.at, p.direction, p.source, p.id, c.display_name FROM attendance_punches p "
        "JOIN files f ON f.id = p.file_id JOIN contacts c ON c.id = f.contact_id "
        "WHERE p.replaced_at IS NULL AND p.at >= ? AND p.at < ? ORDER BY p.at DESC, p.id DESC LIMIT ?",
        (start.isoformat(), end.isoformat(), limit))
    return [(Punch(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4]), r[5]) for r in rows]


def normal_pin(pin) -> str:
    """A device PIN as the attlog import looks it up: Latin digits, no padding zeros."""
    text = to_latin(str(pin or "")).strip()
    return (text.lstrip("0") or "0") if text else ""


def pins_by_person(att) -> dict[int, str]:
    """{file id: its device PIN} (the first, if a person was given several)."""
    found: dict[int, str] = {}
    for pin, file_id in sorted(att.pins().items(), key=lambda item: (len(item[0]), item[0])):
        found.setdefault(file_id, pin)
    return found


def set_person_pin(att, file_id: int, pin: str) -> None:
    """The person's one device PIN ('' clears it); a PIN another person has is refused."""
    pin = normal_pin(pin)
    if pin and not pin.isdigit():
        raise UserError(f"device PIN {pin!r} is not a number", f"شناسه دستگاه «{pin}» باید عدد باشد.")
    att._require_staff(file_id)
    if pin:
        holder = att.conn.execute(
            "SELECT c.display_name FROM device_pins d JOIN files f ON f.id = d.file_id "
            "JOIN contacts c ON c.id = f.contact_id WHERE d.pin = ? AND d.file_id != ?", (pin, file_id)).fetchone()
        if holder:
            raise UserError(f"device PIN {pin} belongs to someone else",
                            f"شناسه دستگاه {to_persian(pin)} پیش‌تر برای «{holder[0]}» ثبت شده است.")

    def write():
        att.conn.execute("DELETE FROM device_pins WHERE file_id = ?", (file_id,))
        if pin:
            att.conn.execute("INSERT INTO device_pins (pin, file_id) VALUES (?, ?)", (pin, file_id))

    att._write({"device_pins"}, write)
