"""Demo cheques (bulk SQL): ``fill_cheques(conn, n, seed, progress)``, the ``cheques`` step of
``demo-data``.

About 60 % received and 40 % paid, drawn on the banks of the list, with due dates from eighteen
months ago to nine months ahead. Every cheque is in a status that fits its due date (cleared
or bounced only once due; still in hand, deposited or issued mostly when not yet due, a few
overdue) and has the history steps that led there, with dates in order: deposits name the
office's account, bounces their reason, spent cheques the contact they went to, returned ones
their drawer. A few bounced cheques were presented again and cleared; about 3 % are guarantee
cheques, half of them without a date. Drawers of received cheques and payees of paid ones are
the demo contacts (a paid cheque carries its payee's national code from the phonebook).

Two cheque books of the office (only when it has none yet): the most recent paid cheques are
written on their leaves in order, and a few leaves are void or lost. Rows go in with ``executemany`` inside the caller's
transaction; due alerts are written once at the end for the cheques that still wait for their
due date, through the same reminder engine as every other write (``alerts.sync_due_alerts``).
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from crm_desktop.errors import UserError

CHUNK = 5000
TEXT_CHEQUES = "ساختن چک‌های نمونه…"
PAST_DAYS, FUTURE_DAYS = 540, 270
RECEIVED_SHARE = 0.6
GUARANTEE_SHARE = 0.03

BANK_WEIGHTS = {"melli": 10, "mellat": 12, "tejarat": 8, "saderat": 8, "sepah": 7, "keshavarzi": 4, "maskan": 3,
                "refah": 3, "pasargad": 7, "parsian": 6, "saman": 6, "eghtesad_novin": 4, "postbank": 2, "sina": 2,
                "karafarin": 2, "shahr": 3, "day": 1, "ayandeh": 3, "resalat": 2, "mehr_iran": 2}
BRANCHES = ("مرکزی", "ونک", "میدان انقلاب", "بازار", "شهرک غرب", "جردن", "تجریش", "میرداماد", "ستارخان",
            "نارمک", "پیروزی", "صادقیه", "امام خمینی", "سعادت‌آباد", "آزادی", "فاطمی")
SERIES_LETTERS = "ابپتجچدرسصطعفقکگلمنوهی"
PURPOSES = ("", "", "فروش کالا طبق فاکتور", "خرید مواد اولیه", "اجاره دفتر", "پیش‌پرداخت قرارداد", "تسویه حساب",
            "قسط قرارداد خدمات", "خرید تجهیزات اداری", "هزینه حمل", "ودیعه", "حق‌الزحمه پیمانکار",
            "بازپرداخت قرض", "خرید نرم‌افزار", "تعمیرات ساختمان")
GUARANTEE_PURPOSES = ("ضمانت حسن انجام کار", "ضمانت قرارداد اجاره", "ضمانت پیش‌پرداخت", "تضمین تعهدات همکاری")
NOTES = ("", "", "", "", "", "اصل فاکتور پیوست شد.", "با هماهنگی مدیر مالی.", "پیگیری تلفنی انجام شد.",
         "چک جایگزین چک برگشتی قبلی است.")
BOUNCE_REASONS = ("کسری موجودی", "کسری موجودی", "کسری موجودی", "عدم تطابق امضا", "دستور عدم پرداخت",
                  "مسدودی حساب", "مخدوش بودن چک", "عدم ثبت در سامانه صیاد", "عدم مطابقت مبلغ عددی و حروفی")
OFFICE_ACCOUNTS = ("جاری ملت ۴۵۶۷۸۹۰۱۲۳", "جاری ملی ۰۱۰۷۸۲۳۴۵۶۰۰۱", "جاری پاسارگاد ۲۷۱-۸۱۰-۱۲۳۴۵۶۷-۱")
# The office's own cheque books: (bank, account, branch, first serial, leaves, first Sayad ID or '').
BOOKS = (("mellat", "4567890123", "ونک", "824101", 50, "1402000045678001"),
         ("melli", "0107823456001", "مرکزی", "310251", 25, ""))
BOOK_MARKS = {1: {7: "void", 19: "lost", 33: "void"}, 2: {4: "void"}}  # book number -> {leaf: state}

CHEQUE_COLUMNS = ("id", "direction", "status", "status_date", "sayad_id", "series", "serial", "bank", "branch_name",
                  "branch_code", "account_number", "sheba", "amount", "issue_date", "due_date", "is_guarantee",
                  "drawer_id", "payee_id", "payee_national_id", "purpose", "note", "book_id", "leaf_no",
                  "registered_on", "created_at", "updated_at")
EVENT_COLUMNS = ("cheque_id", "from_status", "to_status", "on_date", "note", "contact_id", "account", "reason",
                 "created_at")


@dataclass
class ChequesResult:
    cheques: int = 0
    received: int = 0
    paid: int = 0
    guarantee: int = 0
    steps: int = 0
    books: int = 0
    leaves_used: int = 0
    leaves_void: int = 0
    leaves_lost: int = 0
    alerts: int = 0
    statuses: dict = field(default_factory=dict)  # "received:in_hand" -> count

    def to_json(self) -> dict:
        return asdict(self)


def _sql(table: str, columns) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def sheba_for(bank_code: str, account: str) -> str:
    """A Sheba with correct check digits: IR, 2 check digits, 3-digit bank code, 0, 18-digit account."""
    bban = f"{bank_code:0>3}0{account[-18:]:0>18}"
    check = 98 - int(bban + "182700") % 97
    return f"IR{check:02d}{bban}"


class _Maker:
    """Draws one cheque at a time: its row and the steps of its life."""

    def __init__(self, rnd: random.Random, today: date, banks: list[str], contacts: list[tuple[int, str]]):
        self.rnd = rnd
        self.today = today
        self.banks = banks
        self.bank_weights = [BANK_WEIGHTS.get(b, 1) for b in banks]
        self.contacts = contacts
        self.sayad_used: set[str] = set()

    def sayad(self) -> str:
        while True:
            value = f"{self.rnd.randrange(10**15, 10**16)}"
            if value not in self.sayad_used:
                self.sayad_used.add(value)
                return value

    def amount(self) -> int:
        rials = 10 ** self.rnd.uniform(6.7, 9.7)  # 5 million to 5 billion rials, most in between
        step = 1_000_000 if rials >= 50_000_000 else 100_000
        return max(step, int(rials // step) * step)

    def final_status(self, direction: str, due: date | None) -> list[str]:
        """The statuses a cheque went through, first to last (the first is its registration)."""
        r = self.rnd.random()
        if due is not None and due <= self.today and (self.today - due).days > 45 and r >= 0.92:
            r = 0.0  # long overdue cheques were settled by now: only recent ones still wait
        if direction == "received":
            if due is None:  # an undated guarantee cheque: kept, or given back when the contract ended
                return ["in_hand"] if r < 0.7 else ["in_hand", "returned"]
            if due > self.today:
                if r < 0.72:
                    return ["in_hand"]
                if r < 0.84:  # deposited for collection only in the last week before it falls due
                    return ["in_hand", "deposited"] if (due - self.today).days <= 7 else ["in_hand"]
                if r < 0.96:
                    return ["in_hand", "spent"]
                return ["in_hand", "returned"]
            if r < 0.70:
                return ["in_hand", "deposited", "cleared"]
            if r < 0.76:
                return ["in_hand", "deposited", "bounced"]
            if r < 0.79:
                return ["in_hand", "deposited", "bounced", "deposited", "cleared"]
            if r < 0.81:
                return ["in_hand", "deposited", "bounced", "returned"]
            if r < 0.90:
                return ["in_hand", "spent"]
            if r < 0.92:
                return ["in_hand", "returned"]
            if r < 0.96:  # overdue: nobody deposited it yet
                return ["in_hand"]
            return ["in_hand", "deposited"]
        if due is None:
            return ["issued"] if r < 0.7 else ["issued", "void"]
        if due > self.today:
            return ["issued"] if r < 0.95 else ["issued", "void"]
        if r < 0.84:
            return ["issued", "cleared"]
        if r < 0.89:
            return ["issued", "bounced"]
        if r < 0.92:
            return ["issued", "bounced", "cleared"]
        if r < 0.94:
            return ["issued", "bounced", "void"]
        if r < 0.96:
            return ["issued", "void"]
        return ["issued"]  # overdue: not yet presented

    def step_dates(self, registered: date, due: date | None, statuses: list[str]) -> list[date]:
        """A date for each status in order, never after today: the registration, then steps
        around the due date (a deposit a few days before it, clearing or bouncing after)."""
        days = [registered]
        for status in statuses[1:]:
            last = days[-1]
            if due is None:
                day = last + timedelta(days=self.rnd.randint(30, 300))
            elif status == "deposited":
                day = max(last, due - timedelta(days=self.rnd.randint(0, 5)))
            elif status in ("cleared", "bounced"):
                day = max(last, due) + timedelta(days=self.rnd.randint(0, 3))
            else:  # spent, returned, void: some time after the last step
                day = last + timedelta(days=self.rnd.randint(1, 40))
                if due is not None and status == "spent":
                    day = min(day, max(last, due - timedelta(days=1)))
            days.append(min(day, self.today))
        return days

    def contact(self, besides: int | None = None) -> tuple[int, str]:
        while True:
            chosen = self.contacts[int(self.rnd.random() * len(self.contacts))]
            if chosen[0] != besides or len(self.contacts) == 1:
                return chosen


def _sample_contacts(conn: sqlite3.Connection, rnd: random.Random) -> list[tuple[int, str]]:
    """Up to 3,000 contacts to draw cheques from (id, national code)."""
    rows = conn.execute("SELECT id, national_code FROM contacts ORDER BY id LIMIT 50000").fetchall()
    return rnd.sample(rows, min(len(rows), 3000))


def _books(conn: sqlite3.Connection, stamp: str, known_banks: set[str]) -> list[dict]:
    """The office's demo cheque books, inserted now; each as a dict with its id and leaves."""
    from crm_desktop.cheques.model import ChequeBook

    made = []
    for number, (bank, account, branch, first_serial, leaves, first_sayad) in enumerate(BOOKS, start=1):
        if bank not in known_banks:
            continue
        book = ChequeBook(bank, account, first_serial, leaves, series=f"{number + 41}/ب", branch_name=branch,
                          branch_code=f"{1000 + 37 * number}", sheba=sheba_for(f"0{12 + number}", account),
                          first_sayad_id=first_sayad, note="دسته چک نمونه").validate()
        book.id = conn.execute(
            "INSERT INTO cheque_books (bank, branch_name, branch_code, account_number, sheba, series, first_serial, "
            "leaves, first_sayad_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (book.bank, book.branch_name, book.branch_code, book.account_number, book.sheba, book.series,
             book.first_serial, book.leaves, book.first_sayad_id, book.note, stamp)).lastrowid
        made.append({"book": book, "marks": BOOK_MARKS.get(number, {})})
    return made


def fill_cheques(conn: sqlite3.Connection, n: int, seed=1, progress=None, *, now: datetime | None = None,
                 chunk: int = CHUNK, alerts: bool = True) -> ChequesResult:
    """Add ``n`` demo cheques and two cheque books (inside the caller's transaction, if any).
    ``alerts``: write the due alerts of the pending cheques at the end (default)."""
    from crm_desktop.demo.generate import report

    if n <= 0:
        return ChequesResult()
    now = (now or datetime.now()).replace(second=0, microsecond=0)  # as the demo reminders' fired_through
    today = now.date()
    stamp = now.isoformat()
    (first_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM cheques").fetchone()
    rnd = random.Random(f"{seed}:cheques:{first_id}")
    contacts = _sample_contacts(conn, rnd)
    if not contacts:
        raise UserError("demo cheques need contacts to draw them from: add --contacts N",
                        "برای چک‌های نمونه باید مخاطبانی در دفتر تلفن باشند.")
    banks = [key for (key,) in conn.execute("SELECT key FROM banks WHERE NOT hidden ORDER BY position")]
    maker = _Maker(rnd, today, banks, contacts)
    maker.sayad_used.update(s for (s,) in conn.execute("SELECT sayad_id FROM cheques"))
    has_books = conn.execute("SELECT 1 FROM cheque_books LIMIT 1").fetchone()
    books = [] if has_books else _books(conn, stamp, set(banks))  # an appended batch adds no books
    result = ChequesResult(books=len(books))
    cheques_sql, events_sql = _sql("cheques", CHEQUE_COLUMNS), _sql("cheque_events", EVENT_COLUMNS)
    leaves_sql = "INSERT INTO cheque_leaves (book_id, leaf_no, state, cheque_id, on_date, note) VALUES (?, ?, ?, ?, ?, ?)"
    plan = []  # (direction, guarantee, registered, due) for every cheque, in registration order
    for _ in range(n):
        direction = "received" if rnd.random() < RECEIVED_SHARE else "paid"
        guarantee = rnd.random() < GUARANTEE_SHARE
        due = today + timedelta(days=rnd.randint(-PAST_DAYS, FUTURE_DAYS))
        if guarantee and rnd.random() < 0.5:
            due = None
        registered = (due or today) - timedelta(days=rnd.randint(5, 120))
        plan.append((direction, guarantee, min(registered, today), due))
    plan.sort(key=lambda p: p[2])
    slots = [(entry["book"], leaf) for entry in books for leaf in range(1, entry["book"].leaves + 1)
             if leaf not in entry["marks"]]
    slots = slots[:len(slots) * 3 // 4]  # a quarter of the free leaves stays unused
    recent_paid = [i for i in range(len(plan) - 1, -1, -1) if plan[i][0] == "paid" and not plan[i][1]][:len(slots)]
    slot_of = dict(zip(sorted(recent_paid), slots))
    maker.sayad_used.update(book.sayad_of(leaf) for book, leaf in slot_of.values() if book.first_sayad_id)
    report(progress, 0, n, TEXT_CHEQUES)
    cheques, events, leaves = [], [], []
    for index, (direction, guarantee, registered, due) in enumerate(plan):
        cheque_id = first_id + index
        statuses = maker.final_status(direction, due)
        days = maker.step_dates(registered, due, statuses)
        counterparty, national_code = maker.contact()
        drawer_id = counterparty if direction == "received" else None
        payee_id = counterparty if direction == "paid" else None
        bank = rnd.choices(banks, maker.bank_weights)[0]
        serial, series = f"{rnd.randrange(100000, 999999)}", f"{rnd.randint(10, 99)}/{rnd.choice(SERIES_LETTERS)}"
        branch_name, branch_code = rnd.choice(BRANCHES), f"{rnd.randint(100, 9999)}"
        account = f"{rnd.randrange(10**9, 10**10)}"
        sheba = sheba_for(f"0{rnd.randint(10, 99)}", account) if rnd.random() < 0.3 else ""
        book_id = leaf_no = None
        sayad = ""
        if index in slot_of:  # the books' leaves in order, oldest paid cheque first
            book, leaf_no = slot_of[index]
            book_id, bank, account, sheba = book.id, book.bank, book.account_number, book.sheba
            branch_name, branch_code, series, serial = book.branch_name, book.branch_code, book.series, book.serial_of(leaf_no)
            sayad = book.sayad_of(leaf_no)
            leaves.append((book_id, leaf_no, "used", cheque_id, registered.isoformat(), ""))
        sayad = sayad or maker.sayad()
        purpose = rnd.choice(GUARANTEE_PURPOSES if guarantee else PURPOSES)
        issue = registered - timedelta(days=rnd.randint(0, 10)) if direction == "received" else registered
        created = f"{registered.isoformat()}T{rnd.randint(8, 17):02d}:{rnd.randint(0, 59):02d}:00"
        cheques.append((cheque_id, direction, statuses[-1], days[-1].isoformat(), sayad, series, serial, bank,
                        branch_name, branch_code, account, sheba, maker.amount(), issue.isoformat(),
                        due.isoformat() if due else None, int(guarantee), drawer_id, payee_id,
                        national_code if direction == "paid" and rnd.random() < 0.8 else "", purpose,
                        rnd.choice(NOTES), book_id, leaf_no, registered.isoformat(), created, stamp))
        previous = ""
        for status, day in zip(statuses, days):
            contact = account_text = reason = None
            if status == "spent":
                contact = maker.contact(besides=counterparty)[0]
            elif status == "returned":
                contact = drawer_id
            elif status == "deposited":
                account_text = rnd.choice(OFFICE_ACCOUNTS)
            elif status == "bounced":
                reason = rnd.choice(BOUNCE_REASONS)
            events.append((cheque_id, previous, status, day.isoformat(), "", contact, account_text or "", reason or "",
                           created if not previous else f"{day.isoformat()}T10:00:00"))
            previous = status
        key = f"{direction}:{statuses[-1]}"
        result.statuses[key] = result.statuses.get(key, 0) + 1
        result.received += direction == "received"
        result.guarantee += guarantee
        result.steps += len(statuses) - 1
        if len(cheques) >= chunk:
            _flush(conn, cheques_sql, cheques, events_sql, events, leaves_sql, leaves)
            report(progress, index + 1, n, TEXT_CHEQUES)
    _flush(conn, cheques_sql, cheques, events_sql, events, leaves_sql, leaves)
    result.leaves_used = len(slot_of)
    for entry in books:
        for leaf_no, state in entry["marks"].items():
            leaves_day = (today - timedelta(days=20 + leaf_no)).isoformat()
            conn.execute(leaves_sql, (entry["book"].id, leaf_no, state, None, leaves_day,
                                      "مخدوش شد" if state == "void" else "گم شد"))
            setattr(result, f"leaves_{state}", getattr(result, f"leaves_{state}") + 1)
    result.cheques, result.paid = n, n - result.received
    report(progress, n, n, TEXT_CHEQUES)
    if alerts:
        result.alerts = write_due_alerts(conn, now)
    return result


def _flush(conn, cheques_sql, cheques, events_sql, events, leaves_sql, leaves) -> None:
    conn.executemany(cheques_sql, cheques)
    conn.executemany(events_sql, events)
    conn.executemany(leaves_sql, leaves)
    cheques.clear(), events.clear(), leaves.clear()


def write_due_alerts(conn: sqlite3.Connection, now: datetime) -> int:
    """The due alerts of every cheque that waits for its due date, through the office's cheque
    repository (alerts.sync_all_due_alerts); returns how many cheques were looked at."""
    from crm_desktop.cheques.alerts import sync_all_due_alerts
    from crm_desktop.office import Office

    path = conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    office = Office(path, conn=conn, clock=lambda: now)
    return sync_all_due_alerts(office)
