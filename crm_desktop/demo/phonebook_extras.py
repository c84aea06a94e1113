"""Demo groups, custom fields and notes-log entries for the contacts already made (bulk SQL).

Runs inside ``fill_demo``'s transaction after the contacts step and before the search index is
built, so the index covers group names, custom values and notes too."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta

from crm_desktop.core.text import normalise, sort_key

GROUPS = (
    ("مشتریان", "#1f6f8b"), ("تأمین‌کنندگان", "#8b5e1f"), ("همکاران", "#2e7d32"), ("بانک‌ها", "#6a1b9a"),
    ("پیمانکاران", "#c62828"), ("مشتریان ویژه", "#f2b134"), ("خانواده", "#00838f"), ("اداره‌ها", "#455a64"),
)
SOURCES = ("وب‌سایت", "نمایشگاه", "معرفی دوستان", "تماس تلفنی", "مراجعه حضوری")
NOTE_TEXTS = {
    "call": ("تماس گرفت و پیش‌فاکتور خواست.", "پیگیری پرداخت؛ قرار شد تا آخر هفته واریز کند.",
             "برای تمدید قرارداد تماس گرفتیم.", "شماره جدید دفترشان را داد."),
    "meeting": ("جلسه معرفی محصولات در دفتر ما.", "بازدید از کارگاه و بررسی نمونه‌ها.",
                "جلسه مذاکره درباره تخفیف سالانه."),
    "support": ("گزارش خرابی دستگاه؛ کارشناس اعزام شد.", "مشکل نرم‌افزار با راه‌اندازی دوباره حل شد."),
    "note": ("فقط صبح‌ها در دسترس است.", "ترجیح می‌دهد با پیامک خبر داده شود.", "کارت ویزیت در پرونده است."),
}


def fill_phonebook_extras(conn: sqlite3.Connection, first_id: int, last_id: int, seed, now: datetime | None = None) -> dict:
    """Groups for ~35% of the contacts in [first_id, last_id], a choice and a date custom field,
    and 1–3 notes for ~15%; ``contacts.last_contact_at`` follows the newest note."""
    rnd = random.Random(f"{seed}:phonebook-extras:{first_id}")
    now = (now or datetime.now()).replace(microsecond=0)
    stamp = now.isoformat()
    group_ids = []
    for name, colour in GROUPS:
        row = conn.execute("SELECT id FROM contact_groups WHERE name_key = ?", (normalise(name),)).fetchone()
        if row is None:
            row = conn.execute(
                "INSERT INTO contact_groups (name, name_key, sort_key, colour, created_at) VALUES (?, ?, ?, ?, ?) "
                "RETURNING id", (name, normalise(name), sort_key(name), colour, stamp)).fetchone()
        group_ids.append(row[0])
    fields = {}
    for name, kind, choices, show in (("نحوه آشنایی", "choice", list(SOURCES), 1),
                                      ("تاریخ تولد همسر", "date", [], 0)):
        row = conn.execute("SELECT id FROM custom_fields WHERE name_key = ?", (normalise(name),)).fetchone()
        if row is None:
            row = conn.execute(
                "INSERT INTO custom_fields (name, name_key, kind, choices, show_in_table, position) "
                "VALUES (?, ?, ?, ?, ?, (SELECT count(*) FROM custom_fields)) RETURNING id",
                (name, normalise(name), kind, json.dumps(choices, ensure_ascii=False), show)).fetchone()
        fields[kind] = row[0]

    members, values, notes, last_contact = [], [], [], []
    ids = range(first_id, last_id + 1)
    n = len(ids)
    # each kind of extra goes to a random sample of the contacts (cheaper than a draw per contact)
    for contact_id in rnd.sample(ids, int(n * 0.28)):
        members.append((rnd.choice(group_ids), contact_id))
    for contact_id in rnd.sample(ids, int(n * 0.07)):
        for group_id in rnd.sample(group_ids, 2):
            members.append((group_id, contact_id))
    sources = [(source, sort_key(source)) for source in SOURCES]
    for contact_id in rnd.sample(ids, int(n * 0.2)):
        source, key = rnd.choice(sources)
        values.append((contact_id, fields["choice"], source, key))
    for contact_id in rnd.sample(ids, int(n * 0.05)):
        day = (now - timedelta(days=rnd.randrange(9000, 20000))).date().isoformat()
        values.append((contact_id, fields["date"], day, day))
    kinds = tuple(NOTE_TEXTS)
    for contact_id in sorted(rnd.sample(ids, int(n * 0.15))):
        newest = None
        for _ in range(rnd.randint(1, 3)):
            kind = rnd.choice(kinds)
            at = (now - timedelta(minutes=rnd.randrange(10, 60 * 24 * 400))).replace(second=0).isoformat()
            notes.append((contact_id, kind, rnd.choice(NOTE_TEXTS[kind]), at, at))
            newest = max(newest or at, at)
        last_contact.append((newest, contact_id))
    conn.executemany("INSERT OR IGNORE INTO contact_group_members (group_id, contact_id) VALUES (?, ?)", members)
    conn.executemany(
        "INSERT OR REPLACE INTO contact_custom_values (contact_id, field_id, value, sort_value) VALUES (?, ?, ?, ?)",
        values)
    conn.executemany("INSERT INTO contact_notes (contact_id, kind, text, at, created_at) VALUES (?, ?, ?, ?, ?)", notes)
    conn.executemany("UPDATE contacts SET last_contact_at = ? WHERE id = ?", last_contact)
    return {"groups": len(group_ids), "group_members": len(members), "custom_values": len(values), "notes": len(notes)}
