"""The cheque repository on a real SQLite file: recording, the life of a cheque with undo, search
filters and footer totals (hand-computed), a contact's cheques, due lists, banks, images, the
migration from version 3, and due alerts through the reminder engine with an injected clock."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from crm_desktop.cheques import alerts
from crm_desktop.cheques.model import Cheque, ChequeImage
from crm_desktop.cheques.repo import ChequeFilter, Cheques
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.office import Office
from crm_desktop.phonebook.model import Contact
from crm_desktop.storage import migrations
from crm_desktop.storage.db import open_database, transaction

NOW = datetime(2025, 4, 1, 10, 30)  # 1404/01/12
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


@pytest.fixture
def office(db_path):
    with Office(db_path) as office:
        yield office


@pytest.fixture
def people(office):
    book = office.phonebook
    return {name: book.add(Contact(first_name=first, last_name=last)) for name, first, last in
            (("ali", "علی", "رضایی"), ("sara", "سارا", "احمدی"), ("reza", "رضا", "کریمی"))}


@pytest.fixture
def cheques(office):
    repo = Cheques(office.conn, clock=lambda: NOW)
    repo.changes = []
    repo._notify = repo.changes.append
    return repo


def cheque(n: int, **changes) -> Cheque:
    values = dict(direction="received", sayad_id=f"{1000_0000_0000_0000 + n}", serial=f"{500000 + n}", bank="melli",
                  amount=1_000_000 * n, due_date=date(2025, 4, n), drawer_id=changes.pop("drawer_id", None))
    values.update(changes)
    return Cheque(**values)


def test_add_get_update_delete(cheques, people):
    cheque_id = cheques.add(cheque(1, drawer_id=people["ali"], amount="۱٬۲۵۰٬۰۰۰"))
    assert cheques.changes[-1] == {"cheques", "cheque_events"}
    got = cheques.get(cheque_id)
    assert (got.amount, got.status, got.registered_on, got.status_date) == (1_250_000, "in_hand", NOW.date(), NOW.date())
    assert got.created_at == "2025-04-01T10:30:00" and not got.has_image
    [event] = cheques.history(cheque_id)
    assert (event.from_status, event.to_status, event.on) == ("", "in_hand", NOW.date())

    cheques.update(replace(got, purpose="فروش کالا", status="cleared", amount=2_000_000))
    again = cheques.get(cheque_id)
    assert (again.purpose, again.amount, again.status) == ("فروش کالا", 2_000_000, "in_hand")  # status untouched
    with pytest.raises(ValidationError) as caught:
        cheques.update(replace(got, direction="paid", payee_id=people["sara"]))
    assert caught.value.field == "نوع چک"

    with pytest.raises(ValidationError) as caught:  # the same Sayad ID twice
        cheques.add(cheque(1, drawer_id=people["reza"], serial="1"))
    assert caught.value.field == "شناسه صیادی" and "پیش‌تر ثبت شده" in caught.value.fa
    with pytest.raises(ValidationError) as caught:
        cheques.add(cheque(2, drawer_id=people["ali"], bank="nobank"))
    assert caught.value.fa == "بانک: این بانک در فهرست بانک‌ها نیست."
    with pytest.raises(ValidationError) as caught:
        cheques.add(cheque(2, drawer_id=9999))
    assert caught.value.field == "صادرکننده"

    cheques.delete(cheque_id)
    assert cheques.get(cheque_id) is None and cheques.history(cheque_id) == []


def test_the_life_of_a_received_cheque_with_undo(cheques, people):
    cheque_id = cheques.add(cheque(3, drawer_id=people["ali"]))
    with pytest.raises(ValidationError) as caught:
        cheques.set_status(cheque_id, "deposited")
    assert caught.value.fa.startswith("حساب:")
    cheques.set_status(cheque_id, "deposited", on="۱۴۰۴/۰۱/۲۰", account="ملت ۱۲۳۴", note="واگذاری")
    with pytest.raises(ValidationError) as caught:
        cheques.set_status(cheque_id, "bounced", on=date(2025, 4, 12))
    assert caught.value.field == "علت برگشت"
    cheques.set_status(cheque_id, "bounced", on=date(2025, 4, 12), reason="کسری موجودی")
    with pytest.raises(UserError) as caught:
        cheques.set_status(cheque_id, "spent", contact_id=people["reza"])
    assert caught.value.fa.startswith("چکی که برگشت خورده را نمی‌توان خرج کرد.")
    cheques.set_status(cheque_id, "deposited", on=date(2025, 4, 20), account="ملت ۱۲۳۴")  # presented again
    cheques.set_status(cheque_id, "cleared", on=date(2025, 4, 22))
    with pytest.raises(UserError) as caught:
        cheques.set_status(cheque_id, "deposited", account="x")
    assert caught.value.fa.startswith("چکی که وصول شده را نمی‌توان به بانک واگذار کرد.")

    steps = cheques.history(cheque_id)
    assert [(e.from_status, e.to_status, e.on) for e in steps] == [
        ("", "in_hand", date(2025, 4, 1)), ("in_hand", "deposited", date(2025, 4, 9)),
        ("deposited", "bounced", date(2025, 4, 12)), ("bounced", "deposited", date(2025, 4, 20)),
        ("deposited", "cleared", date(2025, 4, 22))]
    assert steps[1].account == "ملت ۱۲۳۴" and steps[1].note == "واگذاری" and steps[2].reason == "کسری موجودی"
    got = cheques.get(cheque_id)
    assert (got.status, got.status_date) == ("cleared", date(2025, 4, 22))

    undone = cheques.undo_last_step(cheque_id)
    assert (undone.from_status, undone.to_status) == ("deposited", "cleared")
    got = cheques.get(cheque_id)
    assert (got.status, got.status_date) == ("deposited", date(2025, 4, 20)) and len(cheques.history(cheque_id)) == 4
    for _ in range(3):
        cheques.undo_last_step(cheque_id)
    assert (cheques.get(cheque_id).status, cheques.get(cheque_id).status_date) == ("in_hand", date(2025, 4, 1))
    with pytest.raises(UserError) as caught:
        cheques.undo_last_step(cheque_id)
    assert "حذف کنید" in caught.value.fa

    with pytest.raises(ValidationError) as caught:
        cheques.set_status(cheque_id, "spent")
    assert caught.value.field == "گیرنده"
    cheques.set_status(cheque_id, "spent", contact_id=people["reza"])
    assert cheques.history(cheque_id)[-1].contact_name == "رضا کریمی"


def test_returned_goes_to_the_drawer_and_paid_cheques_have_their_own_steps(cheques, people):
    received_id = cheques.add(cheque(4, drawer_id=people["ali"]))
    assert cheques.set_status(received_id, "returned").contact_id == people["ali"]
    paid_id = cheques.add(cheque(5, direction="paid", payee_id=people["sara"]))
    assert cheques.get(paid_id).status == "issued"
    with pytest.raises(ValidationError):
        cheques.set_status(paid_id, "deposited", account="x")  # not a paid cheque's status
    cheques.set_status(paid_id, "bounced", reason="امضا مطابقت ندارد")
    cheques.set_status(paid_id, "cleared")
    assert cheques.get(paid_id).status_label == "پاس شده"


def test_a_refused_step_changes_nothing(cheques, people):
    cheque_id = cheques.add(cheque(6, drawer_id=people["ali"]))
    cheques.changes.clear()
    with pytest.raises(UserError):
        cheques.set_status(cheque_id, "cleared")
    assert len(cheques.history(cheque_id)) == 1 and cheques.get(cheque_id).status == "in_hand"
    assert cheques.changes == []


@pytest.fixture
def filled(cheques, people):
    """Nine cheques (amounts in millions of rials; due 2025-04-n):
    n  direction status     drawer/payee  bank
    1  received  in_hand    ali           melli
    2  received  in_hand    sara          mellat
    3  received  deposited  ali           melli
    4  received  cleared    ali           mellat
    5  received  bounced    reza          melli
    6  paid      issued     sara          melli
    7  paid      issued     reza          mellat
    8  paid      cleared    sara          melli
    9  paid      bounced    ali           melli  (guarantee, no due date)"""
    rows = [(1, "received", [], "ali", "melli"), (2, "received", [], "sara", "mellat"),
            (3, "received", [("deposited", {"account": "A"})], "ali", "melli"),
            (4, "received", [("deposited", {"account": "A"}), ("cleared", {})], "ali", "mellat"),
            (5, "received", [("deposited", {"account": "A"}), ("bounced", {"reason": "R"})], "reza", "melli"),
            (6, "paid", [], "sara", "melli"), (7, "paid", [], "reza", "mellat"),
            (8, "paid", [("cleared", {})], "sara", "melli"), (9, "paid", [("bounced", {"reason": "R"})], "ali", "melli")]
    ids = {}
    for n, direction, steps, who, bank in rows:
        who_id = people[who]
        extra = dict(drawer_id=who_id) if direction == "received" else dict(payee_id=who_id)
        if n == 9:
            extra.update(due_date=None, is_guarantee=True)
        ids[n] = cheques.add(cheque(n, direction=direction, bank=bank, **extra))
        for status, kwargs in steps:
            cheques.set_status(ids[n], status, on=date(2025, 4, n), **kwargs)
    return ids


def test_totals_per_status_on_a_filtered_set(cheques, filled, people):
    m = 1_000_000
    totals = cheques.totals()
    assert (totals.count, totals.amount) == (9, 45 * m)
    assert (totals.get("received", "in_hand").count, totals.get("received", "in_hand").amount) == (2, 3 * m)
    assert totals.direction("received").amount == 15 * m and totals.direction("paid").amount == 30 * m
    assert [(label, t.count, t.amount) for _, _, label, t in totals.lines()] == [
        ("دریافتی – نزد صندوق", 2, 3 * m), ("دریافتی – واگذار شده به بانک", 1, 3 * m),
        ("دریافتی – وصول شده", 1, 4 * m), ("دریافتی – برگشت خورده", 1, 5 * m),
        ("پرداختی – صادر شده", 2, 13 * m), ("پرداختی – پاس شده", 1, 8 * m), ("پرداختی – برگشت خورده", 1, 9 * m)]

    melli = cheques.totals(ChequeFilter(bank="melli"))  # 1, 3, 5, 6, 8, 9
    assert (melli.count, melli.amount) == (6, 32 * m)
    bounced = cheques.totals(ChequeFilter(statuses=["bounced"]))  # 5 and 9
    assert (bounced.count, bounced.amount) == (2, 14 * m)
    ali = cheques.totals(ChequeFilter(contact_id=people["ali"]))  # 1, 3, 4 drawn, 9 paid to him
    assert (ali.count, ali.amount) == (4, 17 * m)
    due = ChequeFilter(due_from=date(2025, 4, 3), due_to=date(2025, 4, 6), direction="received")  # 3, 4, 5
    assert (cheques.totals(due).count, cheques.totals(due).amount) == (3, 12 * m) and cheques.count(due) == 3
    amounts = ChequeFilter(amount_min=2 * m, amount_max=7 * m, statuses=("in_hand", "issued"))  # 2, 6, 7
    assert [r.id for r in cheques.search(amounts, "-amount")] == [filled[7], filled[6], filled[2]]
    assert cheques.totals(amounts).amount == 15 * m
    assert cheques.count(ChequeFilter(guarantee=True)) == 1
    assert cheques.count(ChequeFilter(registered_from=date(2025, 4, 1), registered_to=date(2025, 4, 1))) == 9
    assert cheques.count(ChequeFilter(registered_from=date(2025, 4, 2))) == 0


def test_search_by_sayad_id_or_serial_in_any_digit_script(cheques, filled):
    assert [r.id for r in cheques.search(ChequeFilter(text="۱۰۰۰۰۰۰۰۰۰۰۰۰۰۰۷"))] == [filled[7]]  # Sayad, whole
    assert [r.id for r in cheques.search(ChequeFilter(text="٥٠٠٠٠٤"))] == [filled[4]]  # serial 500004
    assert [r.id for r in cheques.search(ChequeFilter(text="0000000000000 08"))] == [filled[8]]  # a part
    assert cheques.search(ChequeFilter(text="999999")) == []
    rows = cheques.search(ChequeFilter(direction="received"), "due")
    assert [r.id for r in rows] == [filled[n] for n in (1, 2, 3, 4, 5)]
    assert rows[0].drawer_name == "علی رضایی" and rows[0].bank_name == "ملی" and rows[0].status_label == "نزد صندوق"
    assert [r.id for r in cheques.search(None, "due", offset=1, limit=2)] == [filled[1], filled[2]]  # undated first
    assert [r.id for r in cheques.iter_rows(ChequeFilter(bank="mellat"), chunk=2)] == [filled[n] for n in (2, 4, 7)]
    with pytest.raises(ValueError):
        cheques.search(None, "colour")


def test_totals_are_remembered_until_the_next_write(cheques, filled, people):
    first = cheques.totals()
    assert cheques.totals() is first
    cheques.set_status(filled[1], "deposited", account="A")
    assert cheques.totals() is not first and cheques.totals().get("received", "deposited").count == 2


def test_a_contacts_card_and_the_due_lists(cheques, filled, people):
    cheques.set_status(filled[1], "spent", contact_id=people["reza"])
    rows = cheques.for_contact(people["reza"])
    assert {(r.id, r.role) for r in rows} == {(filled[5], "drawer"), (filled[7], "payee"), (filled[1], "holder")}
    assert [r.bounced for r in rows if r.id == filled[5]] == [True]
    cheques.set_status(filled[9], "cleared")  # bounced once, cleared later
    ali = {r.id: r for r in cheques.for_contact(people["ali"])}
    assert ali[filled[9]].ever_bounced and not ali[filled[9]].bounced and not ali[filled[3]].ever_bounced

    # pending now: 2 (in hand, due 04-02), 3 (deposited, 04-03), 6 and 7 (issued, 04-06, 04-07)
    assert [r.id for r in cheques.due_soon(date(2025, 4, 2), 4)] == [filled[2], filled[3], filled[6]]
    assert [r.id for r in cheques.overdue(date(2025, 4, 7))] == [filled[2], filled[3], filled[6]]
    assert cheques.overdue(date(2025, 4, 2)) == []


def test_banks_are_editable(cheques, filled):
    names = [b.name for b in cheques.banks()]
    assert names[:3] == ["ملی", "سپه", "ملت"] and "حکمت ایرانیان" in names
    key = cheques.add_bank("  بانک   نمونه ")
    assert key == "user1" and cheques.bank_name(key) == "بانک نمونه" and cheques.add_bank("دیگر") == "user2"
    with pytest.raises(ValidationError) as caught:
        cheques.add_bank("ملي")  # Arabic yeh: the same name
    assert caught.value.fa == "نام بانک: بانک «ملی» در فهرست هست."
    cheques.rename_bank("melli", "بانک ملی ایران")
    assert cheques.search(ChequeFilter(text="500001"))[0].bank_name == "بانک ملی ایران"
    with pytest.raises(UserError):
        cheques.delete_bank("melli")
    cheques.set_bank_hidden("sepah")
    assert "sepah" not in [b.key for b in cheques.banks()]
    assert {b.key: b.cheques for b in cheques.banks(include_hidden=True, with_counts=True)}["melli"] == 6
    cheques.delete_bank("user2")
    assert cheques.bank_name("user2") == "user2"


def test_scanned_images_live_in_the_database(cheques, people):
    cheque_id = cheques.add(cheque(1, drawer_id=people["ali"]), ChequeImage(PNG))
    assert cheques.get(cheque_id).has_image
    assert cheques.image(cheque_id) == ChequeImage(PNG, "image/png", "front")
    cheques.set_image(cheque_id, ChequeImage(b"\xff\xd8\xff\xe0jpeg", side="back"))
    assert cheques.image(cheque_id, "back").mime == "image/jpeg"
    cheques.remove_image(cheque_id)
    assert cheques.image(cheque_id) is None and cheques.search()[0].has_image  # the back is still there
    with pytest.raises(ValidationError):
        cheques.set_image(cheque_id, ChequeImage(b"not an image"))



def test_a_due_alert_names_the_drawer_as_the_phonebook_now_does(office, people):
    """The alert «… از علي رضائي» kept the old spelling after the contact was corrected, and
    the removed contact's name after a merge."""
    cheque_id = office.cheques.add(cheque(10, drawer_id=people["ali"], amount=12_500_000))
    reminder_id = alerts.sync_due_alert(office, cheque_id)
    ali = office.phonebook.get(people["ali"])
    ali.last_name = "رضایی‌نژاد"
    office.phonebook.update(ali)
    assert office.reminders.get(reminder_id).subject == "سررسید چک دریافتی ۱۲٬۵۰۰٬۰۰۰ ریال از علی رضایی‌نژاد"
    office.phonebook.merge(people["sara"], people["ali"])
    alert = office.reminders.get(reminder_id)
    assert alert.subject == "سررسید چک دریافتی ۱۲٬۵۰۰٬۰۰۰ ریال از سارا احمدی" and alert.contact_id == people["sara"]

def test_office_has_the_cheque_book(office, people):
    changes = []
    office.subscribe(changes.append)
    cheque_id = office.cheques.add(cheque(1, drawer_id=people["ali"]))
    assert office.cheques.get(cheque_id).id == cheque_id and "cheques" in changes[-1]
    from crm_desktop.errors import UserError as Refused

    with pytest.raises(Refused):  # a contact with cheques stays
        office.phonebook.delete([people["ali"]])


def test_version_4_applies_on_top_of_version_3(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=3)
    with transaction(conn):
        conn.execute("INSERT INTO contacts (first_name, display_name, created_at, updated_at) "
                     "VALUES ('علی', 'علی', '2024-01-01', '2024-01-01')")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'cheques'").fetchone()
    conn.close()

    conn = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST >= 4
        assert conn.execute("SELECT count(*) FROM banks").fetchone()[0] >= 28
        repo = Cheques(conn)
        cheque_id = repo.add(cheque(1, drawer_id=1))
        assert repo.get(cheque_id).drawer_id == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert list((tmp_path / "backups").glob("*pre-migration*"))  # backed up before migrating


def test_alert_times():
    due = cheque(10, drawer_id=1).validate()  # due 2025-04-10
    assert alerts.alert_times(due, 3) == [datetime(2025, 4, 7, 9, 0), datetime(2025, 4, 10, 9, 0)]
    assert alerts.alert_times(due, 0) == [datetime(2025, 4, 10, 9, 0)]
    assert alerts.alert_times(replace(due, status="cleared"), 3) == []
    assert alerts.alert_times(replace(due, due_date=None, is_guarantee=True), 3) == []
    assert alerts.alert_times(cheque(10, direction="paid", payee_id=1).validate(), 1)[0] == datetime(2025, 4, 9, 9, 0)


def test_due_alerts_go_through_the_reminder_engine(office, people):
    repo = office.cheques
    cheque_id = repo.add(cheque(10, drawer_id=people["ali"], amount=12_500_000))
    assert alerts.alert_days(office.conn) == 3
    reminder_id = alerts.sync_due_alert(office, cheque_id)
    reminder = office.reminders.get(reminder_id)
    assert reminder.subject == "سررسید چک دریافتی ۱۲٬۵۰۰٬۰۰۰ ریال از علی رضایی"
    assert (reminder.starts_at, reminder.advance, reminder.source, reminder.source_id) == (
        datetime(2025, 4, 10, 9, 0), (3 * 1440,), "cheque", cheque_id)
    assert reminder.contact_id == people["ali"]

    alerts.set_alert_days(office.conn, 5)
    repo.update(replace(repo.get(cheque_id), due_date=date(2025, 5, 1)))
    assert alerts.sync_due_alert(office, cheque_id) == reminder_id  # updated in place, not a second one
    reminder = office.reminders.get(reminder_id)
    assert (reminder.starts_at, reminder.advance) == (datetime(2025, 5, 1, 9, 0), (5 * 1440,))

    repo.set_status(cheque_id, "deposited", account="A")
    assert alerts.sync_due_alert(office, cheque_id) == reminder_id  # deposited: still waiting
    repo.set_status(cheque_id, "cleared")
    assert alerts.sync_due_alert(office, cheque_id) is None
    assert office.reminders.find_for_source("cheque", cheque_id) is None

    paid_id = repo.add(cheque(11, direction="paid", payee_id=people["sara"]))
    assert alerts.sync_all_due_alerts(office) == 1
    assert office.reminders.get(office.reminders.find_for_source("cheque", paid_id)).subject == (
        "سررسید چک پرداختی ۱۱٬۰۰۰٬۰۰۰ ریال در وجه سارا احمدی")
    with pytest.raises(ValidationError):
        alerts.set_alert_days(office.conn, 61)


def test_sync_does_nothing_without_a_reminder_book(office, people):
    class NoReminders:
        conn = office.conn
        cheques = office.cheques

    cheque_id = office.cheques.add(cheque(12, drawer_id=people["ali"]))
    assert alerts.sync_due_alert(NoReminders(), cheque_id) is None
    assert alerts.sync_all_due_alerts(NoReminders()) == 0


def test_every_write_keeps_the_due_alert_in_step_and_it_rings_on_time(office, people):
    """No one calls sync: recording, editing, a step, undo and delete move the alert with the
    cheque, and the alarm engine rings it 3 days before at 09:00 and on the day."""
    office.clock = lambda: NOW
    repo = office.cheques
    cheque_id = repo.add(cheque(10, drawer_id=people["ali"], amount=12_500_000), now=NOW)
    reminder_id = office.reminders.find_for_source("cheque", cheque_id)
    assert reminder_id is not None
    assert office.reminders.next_alarm_time() == datetime(2025, 4, 7, 9, 0)  # 3 days before, 09:00

    assert office.reminders.take_due(datetime(2025, 4, 7, 8, 59)) == []
    [alarm] = office.reminders.take_due(datetime(2025, 4, 7, 9, 0, 20))
    assert alarm.subject == "سررسید چک دریافتی ۱۲٬۵۰۰٬۰۰۰ ریال از علی رضایی" and alarm.advance == 3 * 1440
    assert office.reminders.take_due(datetime(2025, 4, 7, 9, 5)) == []  # once
    assert office.reminders.next_alarm_time() == datetime(2025, 4, 10, 9, 0)  # and on the day

    repo.set_status(cheque_id, "deposited", account="۰۱۰۰-۱۲۳")
    assert office.reminders.find_for_source("cheque", cheque_id) == reminder_id  # still waiting
    repo.set_status(cheque_id, "bounced", reason="کسری موجودی")
    assert office.reminders.find_for_source("cheque", cheque_id) is None
    assert office.reminders.next_alarm_time() is None
    repo.undo_last_step(cheque_id)  # the bounce was a mistake: the alert comes back
    assert office.reminders.find_for_source("cheque", cheque_id) is not None

    repo.update(replace(repo.get(cheque_id), due_date=date(2025, 5, 1)))
    assert office.reminders.next_alarm_time() == datetime(2025, 4, 28, 9, 0)
    repo.delete(cheque_id)
    assert office.reminders.find_for_source("cheque", cheque_id) is None


def test_a_refused_write_leaves_no_alert_behind(office, people):
    """The alert is written in the cheque's transaction: a cheque refused late (a Sayad ID
    already recorded) leaves neither a cheque nor an alert."""
    office.cheques.add(cheque(10, drawer_id=people["ali"]))
    before = office.conn.execute("SELECT count(*) FROM reminders").fetchone()[0]
    with pytest.raises(ValidationError):
        office.cheques.add(cheque(10, drawer_id=people["sara"], serial="999"))
    assert office.conn.execute("SELECT count(*) FROM reminders").fetchone()[0] == before == 1


def test_a_contact_on_a_cheque_is_not_deleted_and_the_message_names_it(office, cheques, people):
    cheques.add(cheque(1, drawer_id=people["ali"]))
    book = office.phonebook
    with pytest.raises(UserError) as one:
        book.delete([people["ali"]])
    assert one.value.fa == "مخاطب «علی رضایی» در دفتر چک به کار رفته است و حذف نشد."
    with pytest.raises(UserError) as several:  # with others selected: none of them goes
        book.delete([people["sara"], people["ali"], people["reza"]])
    assert several.value.fa == "مخاطب «علی رضایی» در دفتر چک به کار رفته است؛ هیچ‌یک از مخاطبان انتخاب‌شده حذف نشد."
    cheques.add(cheque(2, direction="paid", payee_id=people["sara"]))
    with pytest.raises(UserError) as two:
        book.delete([people["sara"], people["ali"], people["reza"]])
    assert two.value.fa == ("این مخاطبان در بخش‌های دیگر به کار رفته‌اند: «علی رضایی» (دفتر چک)، «سارا احمدی» (دفتر چک)؛ "
                            "هیچ‌یک از مخاطبان انتخاب‌شده حذف نشد.")
    assert all(book.get(i) is not None for i in people.values())
