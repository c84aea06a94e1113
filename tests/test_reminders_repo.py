"""The reminder repository on a real SQLite file: round trip, groups, occurrences in a range
(expanded repeats, filters, done state), the list, the month's days, holidays, birthdays, reminders
owned by another feature, and range queries served by indexes (checked on a big book)."""

import time as clock
from datetime import date, datetime, time

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.office import Office
from crm_desktop.reminders.model import Reminder, Repeat
from crm_desktop.reminders.repo import Reminders
from crm_desktop.storage.db import transaction

T = datetime(2024, 10, 1, 8, 0)  # 1403/07/10, a Tuesday


@pytest.fixture
def changes():
    return []


@pytest.fixture
def book(conn, changes):
    return Reminders(conn, changes.append, clock=lambda: T)


def contact(conn, name, birthday=None):
    return conn.execute("INSERT INTO contacts (display_name, birthday, created_at, updated_at) "
                        "VALUES (?, ?, 'a', 'a')", (name, birthday)).lastrowid


def test_the_migration_seeds_the_groups(book):
    assert [(g.name, g.colour) for g in book.groups()] == [
        ("جلسه", "#1f6f8b"), ("تماس", "#2e7d32"), ("پرداخت", "#c62828"), ("پیگیری", "#ef6c00"),
        ("تولد", "#8e24aa"), ("چک", "#6d4c41")]


def test_a_reminder_round_trips(book, conn, changes):
    ali = contact(conn, "علی رضایی")
    group = book.group_by_name("جلسه").id
    r = Reminder("  جلسه   با علی ", datetime(2024, 10, 2, 10, 30), group_id=group, note="قرارداد", place="دفتر",
                 priority=2, contact_id=ali, repeat=Repeat(kind="weekly", weekdays=(2, 4)), advance=(1440, 15),
                 sound="chime")
    rid = book.add(r)
    got = book.get(rid)
    assert got.subject == "جلسه با علی" and got.advance == (15, 1440) and got.repeat == r.repeat
    assert (got.group_id, got.contact_id, got.priority, got.place, got.note, got.sound) == (
        group, ali, 2, "دفتر", "قرارداد", "chime")
    assert changes == [{"reminders"}]
    got.note = "قرارداد تازه"
    book.update(got)
    assert book.get(rid).note == "قرارداد تازه"
    assert book.delete([rid]) == 1 and book.get(rid) is None


def test_bad_values_are_refused(book):
    with pytest.raises(ValidationError) as info:
        book.add(Reminder("", T))
    assert info.value.field == "موضوع"
    with pytest.raises(ValidationError) as info:
        book.add(Reminder("x", T, group_id=999))
    assert info.value.field == "گروه"


def test_groups_add_rename_and_delete_keep_the_reminders(book, changes):
    gid = book.add_group("مشتریان", "#ABC")
    assert book.group(gid).colour == "#aabbcc"
    with pytest.raises(ValidationError):
        book.add_group("مشتريان", "#123456")  # the same name with an Arabic ye
    book.update_group(gid, "مشتریان ویژه", "#112233")
    rid = book.add(Reminder("تماس", datetime(2024, 10, 2, 9), group_id=gid))
    book.delete_group(gid)
    assert book.get(rid).group_id is None and book.group(gid) is None
    assert {"reminder_groups"} in changes


def test_occurrences_between_expands_repeats_in_order(book):
    monthly = book.add(Reminder("اجاره", datetime(2024, 9, 21, 9), repeat=Repeat(kind="monthly", month_day=31)))
    once = book.add(Reminder("جلسه", datetime(2024, 10, 21, 8)))
    weekly = book.add(Reminder("گزارش", datetime(2024, 10, 1, 17), repeat=Repeat(kind="weekly", weekdays=(0,),
                                                                                   end="count", count=2)))
    got = [(o.reminder_id, o.at) for o in book.occurrences_between(datetime(2024, 10, 1), datetime(2024, 11, 30))]
    assert got == [(weekly, datetime(2024, 10, 5, 17)), (weekly, datetime(2024, 10, 12, 17)),
                   (once, datetime(2024, 10, 21, 8)), (monthly, datetime(2024, 10, 21, 9)),
                   (monthly, datetime(2024, 11, 20, 9))]
    assert [o.at for o in book.occurrences_between(datetime(2024, 10, 1), datetime(2024, 11, 30), limit=2)] == [
        datetime(2024, 10, 5, 17), datetime(2024, 10, 12, 17)]
    first = book.occurrences_between(datetime(2024, 10, 21), datetime(2024, 10, 21, 23, 59))
    assert [(o.subject, o.repeats) for o in first] == [("جلسه", False), ("اجاره", True)]


def test_filters_text_in_any_digit_script_group_and_contact(book, conn):
    ali = contact(conn, "علی")
    gid = book.group_by_name("تماس").id
    a = book.add(Reminder("تماس با دفتر ۳", datetime(2024, 10, 2, 9), group_id=gid, contact_id=ali))
    b = book.add(Reminder("خرید كاغذ", datetime(2024, 10, 3, 9), note="100 برگ"))
    span = (datetime(2024, 10, 1), datetime(2024, 10, 31))
    assert [o.reminder_id for o in book.occurrences_between(*span, text="3")] == [a]
    assert [o.reminder_id for o in book.occurrences_between(*span, text="کاغذ ۱۰۰")] == [b]
    assert [o.reminder_id for o in book.occurrences_between(*span, text="%")] == []
    assert [o.reminder_id for o in book.occurrences_between(*span, group_id=gid)] == [a]
    [o] = book.occurrences_between(*span, contact_id=ali)
    assert (o.reminder_id, o.contact_name, o.group_name, o.colour) == (a, "علی", "تماس", "#2e7d32")
    assert [row.id for row in book.for_contact(ali)] == [a]


def test_done_state_per_occurrence(book):
    rid = book.add(Reminder("روزانه", datetime(2024, 10, 1, 9), repeat=Repeat(kind="daily")))
    book.mark_done(rid, datetime(2024, 10, 2, 9))
    got = [(o.at.day, o.done) for o in book.occurrences_between(datetime(2024, 10, 1), datetime(2024, 10, 3, 23))]
    assert got == [(1, False), (2, True), (3, False)]


def test_days_with_reminders_in_a_jalali_month(book):
    # Mehr 1403 runs 2024-09-22 .. 2024-10-21
    book.add(Reminder("الف", datetime(2024, 9, 22, 9)))
    book.add(Reminder("ب", datetime(2024, 9, 22, 10)))
    book.add(Reminder("پ", datetime(2024, 10, 22, 9)))  # 1 Aban: not in Mehr
    book.add(Reminder("ت", datetime(2024, 10, 8, 9), repeat=Repeat(kind="every_n_days", every=7)))
    assert book.days_with_reminders(1403, 7) == {date(2024, 9, 22): 2, date(2024, 10, 8): 1, date(2024, 10, 15): 1}


def test_the_list_search_and_count(book):
    a = book.add(Reminder("تمدید بیمه", datetime(2024, 9, 1, 9), repeat=Repeat(kind="yearly")))
    b = book.add(Reminder("جلسه", datetime(2024, 10, 5, 9)))
    c = book.add(Reminder("جلسه قدیمی", datetime(2024, 1, 5, 9)))
    rows = book.search()
    assert [r.id for r in rows] == [c, a, b]
    by_id = {r.id: r for r in rows}
    assert by_id[a].next_at == datetime(2025, 9, 2, 9)  # 1404/06/11
    assert by_id[a].repeat_text == "هر سال ۱۱ شهریور"
    assert by_id[c].next_at is None
    assert book.count_search("جلسه") == 2
    assert [r.id for r in book.search(date_from=date(2024, 10, 1))] == [a, b]
    assert [r.id for r in book.search(date_to=date(2024, 9, 30))] == [c, a]
    assert [r.id for r in book.search(offset=1, limit=1)] == [a]


def test_holidays_between_with_the_operators_corrections(book, changes):
    # Nowruz 1404: 2025-03-21..24; 2025-03-19 is 29 Esfand 1403 (oil nationalisation)
    span = (date(2025, 3, 19), date(2025, 3, 25))
    assert set(book.holidays_between(*span)) == {date(2025, 3, 19), date(2025, 3, 21), date(2025, 3, 22),
                                                 date(2025, 3, 23), date(2025, 3, 24)}
    book.set_holiday(date(2025, 3, 20), "تعطیلی دفتر", True)
    book.set_holiday(date(2025, 3, 19), "", False)
    got = book.holidays_between(*span)
    assert got[date(2025, 3, 20)] == "تعطیلی دفتر" and date(2025, 3, 19) not in got
    assert {"holidays", "reminders"} in changes
    book.clear_holiday(date(2025, 3, 19))
    assert date(2025, 3, 19) in book.holidays_between(*span)


def test_a_new_holiday_moves_a_reminder_that_skips_holidays(book):
    rid = book.add(Reminder("گزارش", datetime(2024, 10, 1, 9), repeat=Repeat(kind="daily", skip_holidays=True,
                                                                             end="count", count=2)))
    assert book.next_alarm_time() == datetime(2024, 10, 1, 9)
    book.set_holiday(date(2024, 10, 1), "تعطیلی", True)
    assert book.next_alarm_time() == datetime(2024, 10, 2, 9)
    assert [o.at.day for o in book.occurrences_between(datetime(2024, 10, 1), datetime(2024, 10, 10))] == [2, 3]
    assert book.conn.execute("SELECT last_at FROM reminders WHERE id = ?", (rid,)).fetchone()[0] == \
        "2024-10-03T09:00:00"


def test_birthday_reminders_are_made_once(book, conn):
    ali = contact(conn, "علی", "1985-03-21")      # 1 Farvardin 1364
    sara = contact(conn, "سارا", "--10-07")       # 16 Mehr (read in 2024)
    contact(conn, "بی‌تاریخ")
    assert book.birthday_reminders(now=T) == 2
    assert book.birthday_reminders(now=T) == 0
    rows = {r.contact_id: r for r in book.search(source="birthday")}
    assert set(rows) == {ali, sara}
    assert rows[ali].subject == "تولد علی" and rows[ali].group_name == "تولد"
    assert rows[ali].next_at == datetime(2025, 3, 21, 9)          # 1 Farvardin 1404, 09:00
    assert rows[sara].next_at == datetime(2024, 10, 7, 9)          # 16 Mehr 1403
    assert book.get(rows[sara].id).repeat == Repeat(kind="yearly", month=7, day=16)


def test_reminders_of_another_feature(book):
    cheque = 42
    rid = book.upsert_for_source("cheque", cheque, Reminder("سررسید چک", datetime(2024, 11, 1, 9), advance=(1440,)))
    again = book.upsert_for_source("cheque", cheque, Reminder("سررسید چک ۱۲۳", datetime(2024, 11, 2, 9)))
    assert again == rid and book.get(rid).subject == "سررسید چک ۱۲۳" and book.get(rid).source_id == cheque
    assert book.next_alarm_time() == datetime(2024, 11, 2, 9)
    assert book.delete_for_source("cheque", cheque) == 1 and book.count() == 0


def test_office_has_a_lazy_reminders_repository(db_path):
    with Office(db_path) as office:
        seen = []
        office.subscribe(seen.append)
        office.reminders.add(Reminder("جلسه", datetime(2030, 1, 1, 9)))
        assert seen == [frozenset({"reminders"})]
        assert office.reminders is office.reminders


def _plan(conn, sql, params):
    return " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_a_big_book_is_read_through_indexes(book, conn):
    """100,000 reminders, 2% repeating: a month is read through the indexes, quickly."""
    rows = []
    for i in range(100_000):
        at = datetime(2020 + i % 10, 1 + i % 12, 1 + i % 28, 9)
        repeat = Repeat(kind="weekly", weekdays=(i % 7,)).to_json() if i % 50 == 0 else "{}"
        last = None if repeat != "{}" else at.isoformat()
        rows.append((f"کار {i}", at.isoformat(), repeat, last, f"کار {i}"))
    with transaction(conn):
        conn.executemany("INSERT INTO reminders (subject, starts_at, repeat, last_at, search_text, created_at, "
                         "updated_at) VALUES (?, ?, ?, ?, ?, 'a', 'a')", rows)
    conn.execute("ANALYZE")
    from crm_desktop.reminders.repo_query import ONE_OFF, REPEATING
    from crm_desktop.reminders.repo_rows import SELECT

    one_off = _plan(conn, SELECT + f" WHERE {ONE_OFF} AND r.starts_at >= ? AND r.starts_at <= ?", ("a", "b"))
    assert "reminders_by_start" in one_off
    repeating = _plan(conn, SELECT + f" WHERE {REPEATING} AND r.starts_at <= ? AND (r.last_at IS NULL OR r.last_at >= ?)",
                      ("b", "a"))
    assert "reminders_repeating" in repeating
    began = clock.perf_counter()
    month = book.occurrences_between(datetime(2024, 3, 1), datetime(2024, 3, 31, 23, 59))
    elapsed = clock.perf_counter() - began
    one_offs = sum(not o.repeats for o in month)
    assert one_offs == sum(1 for i in range(100_000) if i % 50 and 2020 + i % 10 == 2024 and 1 + i % 12 == 3)
    assert sum(o.repeats for o in month) > 0
    assert elapsed < 1.0, elapsed


def test_alarm_preferences_round_trip_and_are_checked(conn):
    from crm_desktop import preferences

    prefs = preferences.load(conn)
    assert (prefs.alarm_sound, prefs.alarm_volume, prefs.alarm_silent) == ("bell", 80, False)
    prefs.alarm_sound, prefs.alarm_volume, prefs.alarm_silent = "chime", 35, True
    preferences.save(conn, prefs)
    again = preferences.load(conn)
    assert (again.alarm_sound, again.alarm_volume, again.alarm_silent) == ("chime", 35, True)
    for name, value, field in (("alarm_volume", 101, "بلندی صدا"), ("alarm_volume", -1, "بلندی صدا"),
                               ("alarm_sound", "../x", "صدای هشدار")):
        bad = preferences.load(conn)
        setattr(bad, name, value)
        with pytest.raises(ValidationError) as info:
            bad.validate()
        assert info.value.field == field
