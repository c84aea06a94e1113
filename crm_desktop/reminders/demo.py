"""Demo reminders (bulk SQL): ``fill_reminders(conn, n, seed, progress)``, the ``reminders`` step of
``demo-data``.

Persian subjects by group (meetings, calls, payments, follow-ups, birthdays, cheques), times
spread over 60 days either side of today in office hours, about 40 % repeating (every kind:
daily, weekly on chosen days, every N days, Jalali monthly and yearly, some ending after N times
or on a date, some skipping Fridays or holidays), advance notices on about two thirds, a link to one
of the demo contacts on about 30 % (the views show the contact beside the subject, so the subject
does not repeat the name). Rows go in with ``executemany``; ``last_at`` and
``next_alarm_at`` are worked out by the reminder engine's own functions (recurrence.py,
alarms.py). ``fired_through`` is set to now: the past is history, not a storm of missed alarms
the first time the app opens the demo database.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, time, timedelta
from functools import lru_cache

from crm_desktop.core.text import normalise

CHUNK = 5000
SPREAD_DAYS = 60
TEXT_REMINDERS = "ساختن یادآوری‌های نمونه…"

SUBJECTS = {
    "جلسه": ("جلسه هفتگی فروش", "جلسه هیئت مدیره", "بازدید از کارگاه", "جلسه بررسی قرارداد",
             "ارائه محصول جدید", "جلسه با حسابرس", "جلسه برنامه‌ریزی فصل", "جلسه با وکیل شرکت"),
    "تماس": ("تماس برای پیگیری سفارش", "تماس درباره تمدید قرارداد", "تماس با تأمین‌کننده",
             "تماس با بانک درباره تسهیلات", "تماس برای هماهنگی ارسال", "تماس با مشتری تازه"),
    "پرداخت": ("پرداخت اجاره دفتر", "پرداخت قبض برق و گاز", "واریز حقوق کارکنان", "پرداخت قسط وام",
               "پرداخت بیمه تأمین اجتماعی", "پرداخت مالیات فصلی", "پرداخت عوارض شهرداری"),
    "پیگیری": ("پیگیری پیش‌فاکتور", "پیگیری ارسال بار", "پیگیری پرداخت مشتری", "پیگیری تعمیر دستگاه",
               "پیگیری پاسخ استعلام", "پیگیری بازگشت کالا"),
    "تولد": ("تولد همکار", "سالگرد ازدواج", "تبریک تولد مشتری"),
    "چک": ("سررسید چک دریافتی", "سررسید چک پرداختی", "واگذاری چک به بانک"),
}
PLACES = ("", "", "", "دفتر مرکزی", "اتاق جلسات", "کارخانه شهرک صنعتی", "بانک ملت شعبه مرکزی",
          "خیابان ولیعصر، ساختمان آفتاب", "دفتر مشتری", "کافه نادری")
NOTES = ("", "", "", "مدارک قرارداد همراه باشد.", "پیش از جلسه گزارش فروش ماه را آماده کنید.",
         "شماره حساب در پرونده است.", "اگر پاسخ نداد، پیامک بفرستید.",
         "یادآوری به مدیر مالی.\nرسید پرداخت را در پرونده بگذارید.", "با هماهنگی واحد بازرگانی.")
# (kind, weight): about two thirds don't repeat
GROUP_WEIGHTS = {"جلسه": 3, "تماس": 3, "پرداخت": 2, "پیگیری": 3, "تولد": 1, "چک": 1}
KINDS = (("none", 64), ("daily", 4), ("weekly", 10), ("every_n_days", 5), ("monthly", 11), ("yearly", 6))
ADVANCES = ((), (), (), (15,), (30,), (60,), (1440,), (15, 1440), (10, 60))
COLUMNS = ("subject", "group_id", "starts_at", "note", "place", "priority", "contact_id", "repeat", "advance",
           "search_text", "last_at", "fired_through", "next_alarm_at", "created_at", "updated_at")


@dataclass
class RemindersResult:
    reminders: int = 0
    repeating: int = 0
    with_contact: int = 0
    with_advance: int = 0
    kinds: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def _repeat(rnd: random.Random, kind: str, start: datetime):
    from crm_desktop.core.jalali import weekday
    from crm_desktop.reminders.model import Repeat

    fields: dict = {"kind": kind}
    if kind == "weekly":
        days = {weekday(start.date())} | set(rnd.sample(range(6), rnd.choice((0, 0, 1, 2))))
        fields["weekdays"] = tuple(sorted(days))
    elif kind == "every_n_days":
        fields["every"] = rnd.choice((2, 3, 7, 10, 14))
    elif kind == "monthly" and rnd.random() < 0.15:
        fields["month_day"] = rnd.choice((29, 30, 31))
    if kind in ("daily", "weekly", "every_n_days") and rnd.random() < 0.3:
        fields["skip_fridays"] = True
    if kind != "none" and rnd.random() < 0.1:
        fields["skip_holidays"] = True
    end = rnd.random()
    if kind != "none" and end < 0.2:
        fields.update(end="count", count=rnd.randint(3, 24))
    elif kind != "none" and end < 0.35:
        fields.update(end="until", until=(start + timedelta(days=rnd.randint(30, 400))).date())
    repeat = Repeat(**fields)
    if repeat.skip_fridays and repeat.kind == "weekly" and set(repeat.weekdays) <= {6}:
        repeat = Repeat(**{**fields, "skip_fridays": False})  # a rule that could never fire
    return repeat


def _contacts(conn: sqlite3.Connection, rnd: random.Random) -> list[tuple[int, str]]:
    """A sample of the contacts to link (at most 5,000 of them)."""
    (count,) = conn.execute("SELECT count(*) FROM contacts").fetchone()
    if not count:
        return []
    rows = conn.execute("SELECT id, display_name FROM contacts ORDER BY id LIMIT 50000").fetchall()
    return rnd.sample(rows, min(len(rows), 5000))


def fill_reminders(conn: sqlite3.Connection, n: int, seed=1, progress=None, *, now: datetime | None = None,
                   chunk: int = CHUNK) -> RemindersResult:
    """Add ``n`` demo reminders (inside the caller's transaction, if any)."""
    from crm_desktop.core.holidays import is_holiday
    from crm_desktop.core.jalali import iso_datetime
    from crm_desktop.demo.generate import report
    from crm_desktop.reminders.alarms import next_alarm_for
    from crm_desktop.reminders.model import Reminder
    from crm_desktop.reminders.recurrence import last_occurrence

    now = (now or datetime.now()).replace(second=0, microsecond=0)
    stamp = iso_datetime(now)
    (first_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM reminders").fetchone()
    rnd = random.Random(f"{seed}:reminders:{first_id}")
    groups = dict(conn.execute("SELECT name, id FROM reminder_groups").fetchall())
    names = [name for name in SUBJECTS if name in groups] or [None]
    group_weights = [GROUP_WEIGHTS.get(name, 1) for name in names]
    contacts = _contacts(conn, rnd)
    holidays = lru_cache(maxsize=4096)(is_holiday)
    kinds, weights = zip(*KINDS)
    result = RemindersResult()
    sql = f"INSERT INTO reminders ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    report(progress, 0, n, TEXT_REMINDERS)
    rows = []
    for i in range(n):
        group = rnd.choices(names, group_weights)[0]
        kind = "yearly" if group == "تولد" else rnd.choices(kinds, weights)[0]
        day = now.date() + timedelta(days=rnd.randint(-SPREAD_DAYS, SPREAD_DAYS))
        start = datetime.combine(day, time(rnd.randint(8, 18), rnd.choice((0, 0, 15, 30, 30, 45))))
        subject = rnd.choice(SUBJECTS.get(group, SUBJECTS["پیگیری"]))
        contact_id = None
        if contacts and rnd.random() < 0.3:
            contact_id, _name = rnd.choice(contacts)  # shown beside the subject: not repeated in it
        reminder = Reminder(subject=subject, starts_at=start, group_id=groups.get(group), note=rnd.choice(NOTES),
                            place=rnd.choice(PLACES), priority=rnd.choices((0, 1, 2), (2, 6, 2))[0],
                            contact_id=contact_id, repeat=_repeat(rnd, kind, start), advance=rnd.choice(ADVANCES))
        repeat = reminder.repeat
        last = last_occurrence(start, repeat, holidays)
        alarm = next_alarm_for(start, repeat, reminder.advance, now, holidays=holidays)
        rows.append((subject, reminder.group_id, iso_datetime(start), reminder.note, reminder.place, reminder.priority,
                     contact_id, repeat.to_json(), "[" + ",".join(map(str, reminder.advance)) + "]",
                     normalise(f"{subject} {reminder.note} {reminder.place}"),
                     iso_datetime(last) if last else None, stamp, iso_datetime(alarm) if alarm else None, stamp, stamp))
        result.kinds[repeat.kind] = result.kinds.get(repeat.kind, 0) + 1
        result.repeating += repeat.kind != "none"
        result.with_contact += contact_id is not None
        result.with_advance += bool(reminder.advance)
        if len(rows) >= chunk:
            conn.executemany(sql, rows)
            rows.clear()
            report(progress, i + 1, n, TEXT_REMINDERS)
    if rows:
        conn.executemany(sql, rows)
    report(progress, n, n, TEXT_REMINDERS)
    result.reminders = n
    return result
