"""Punches from a fingerprint device's USB export (ZKTeco ``attlog``, no Qt).

Each line: ``PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>verify<TAB>state<TAB>workcode…`` (spaces may stand
for tabs; the PIN may be padded). The state says the direction: 0 check-in, 1 check-out,
2 break-out, 3 break-in, 4 overtime-in, 5 overtime-out. PINs are mapped to personnel files by the
stored device PINs, or a map file of ``PIN,file number`` lines. Every line is read and checked
first; a bad line (its number and why) or an unknown PIN refuses the whole file, so nothing is
half-imported. A punch already recorded (the same person, minute and direction) is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.errors import UserError
from crm_desktop.storage.db import transaction

DIRECTIONS = {"0": "in", "1": "out", "2": "out", "3": "in", "4": "in", "5": "out"}
_LINE = re.compile(r"\s*(\S+)\s+(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)\s+(\S+)\s+(\S+)(?:\s.*)?")


@dataclass
class ImportResult:
    lines: int = 0
    added: int = 0
    repeated: int = 0
    people: set = field(default_factory=set)


def parse_map(text: str, numbers: dict[str, int]) -> dict[str, int]:
    """``PIN,file number`` lines (a header line is allowed) → {PIN: file id}."""
    found, bad = {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in re.split(r"[,\t;]", to_latin(line))]
        if len(parts) < 2:
            bad.append(number)
            continue
        pin, file_number = parts[0], parts[1]
        if number == 1 and not pin.isdigit():
            continue  # a header
        if file_number not in numbers:
            raise UserError(f"device map line {number}: no personnel file {file_number!r}",
                            f"فایل نگاشت دستگاه، سطر {to_persian(number)}: پرونده پرسنلی «{file_number}» نیست.")
        found[pin.lstrip("0") or "0"] = numbers[file_number]
    if bad:
        raise UserError(f"device map: bad lines {bad[:5]}", f"فایل نگاشت دستگاه: سطر {to_persian(bad[0])} درست نیست.")
    return found


def parse_attlog(text: str, pins: dict[str, int]) -> list[tuple[int, datetime, str]]:
    """(file id, time, direction) of every line; UserError naming the first bad lines."""
    punches, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.fullmatch(to_latin(line.rstrip("\r")))
        if not match:
            problems.append((number, "خوانا نیست"))
            continue
        pin, stamp, _verify, state = match.groups()
        try:
            at = datetime.fromisoformat(stamp.replace("T", " "))
        except ValueError:
            problems.append((number, "تاریخ و ساعت درست نیست"))
            continue
        if state not in DIRECTIONS:
            problems.append((number, f"وضعیت «{state}» شناخته نیست"))
            continue
        key = pin.lstrip("0") or "0"
        if key not in pins:
            problems.append((number, f"شناسه دستگاه «{pin}» به هیچ پرونده پرسنلی وصل نیست"))
            continue
        punches.append((pins[key], at.replace(second=0, microsecond=0), DIRECTIONS[state]))
    if problems:
        first = "؛ ".join(f"سطر {to_persian(n)}: {why}" for n, why in problems[:3])
        more = f" (و {to_persian(len(problems) - 3)} سطر دیگر)" if len(problems) > 3 else ""
        raise UserError(f"attlog: {len(problems)} bad lines, first at line {problems[0][0]}; nothing imported",
                        f"هیچ ورود و خروجی وارد نشد. {first}{more}.")
    return punches


def import_attlog(attendance, text: str, extra_pins: dict[str, int] | None = None) -> ImportResult:
    """Check the whole file, then add its punches in one transaction."""
    pins = {**attendance.pins(), **(extra_pins or {})}
    punches = parse_attlog(text, pins)
    result = ImportResult(lines=len(punches))
    stamp = datetime.now().replace(microsecond=0).isoformat()
    with transaction(attendance.conn):
        for file_id, at, direction in punches:
            cursor = attendance.conn.execute(
                "INSERT OR IGNORE INTO attendance_punches (file_id, at, direction, source, created_at) "
                "VALUES (?, ?, ?, 'device', ?)", (file_id, at.isoformat(), direction, stamp))
            if cursor.rowcount:
                result.added += 1
                result.people.add(file_id)
            else:
                result.repeated += 1
    attendance._notify({"attendance_punches"})
    return result
