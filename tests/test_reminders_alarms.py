"""The alarm engine with an injected clock on a real SQLite file: an alarm is taken once and never
again (also after reopening the database), a snooze rings again, a missed alarm is listed once,
clock jumps forward and back ring nothing twice, done occurrences stay quiet, and the scheduler's
queries go through the partial index."""

from datetime import datetime, timedelta

import pytest

from crm_desktop.reminders.alarms import latest_alarm, next_alarm_for
from crm_desktop.reminders.model import Reminder, Repeat
from crm_desktop.reminders.repo import Reminders
from crm_desktop.storage.db import open_database

T = datetime(2024, 10, 1, 8, 0)  # "now" when the reminders are made (a Tuesday)


class Book:
    """The repository on a file that can be closed and opened again (an app restart)."""

    def __init__(self, path):
        self.path = path
        self.changes = []
        self.open()

    def open(self):
        self.conn = open_database(self.path)
        self.r = Reminders(self.conn, self.changes.append, clock=lambda: T)

    def restart(self):
        self.conn.close()
        self.open()


@pytest.fixture
def book(db_path):
    b = Book(db_path)
    yield b
    b.conn.close()


def log(book, reminder_id):
    return [tuple(row) for row in book.conn.execute(
        "SELECT occurrence_at, action, snooze_until FROM reminder_log WHERE reminder_id = ? ORDER BY id",
        (reminder_id,))]


def taken(alarms):
    return [(a.alarm_at, a.occurrence_at, a.advance, a.missed) for a in alarms]


def test_an_alarm_is_taken_once_and_not_again_after_reopening(book):
    rid = book.r.add(Reminder("جلسه", datetime(2024, 10, 1, 10, 0), advance=(15,)), now=T)
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 9, 45)
    assert book.r.take_due(datetime(2024, 10, 1, 9, 44)) == []
    got = book.r.take_due(datetime(2024, 10, 1, 9, 45))
    assert taken(got) == [(datetime(2024, 10, 1, 9, 45), datetime(2024, 10, 1, 10, 0), 15, False)]
    assert got[0].subject == "جلسه"
    book.restart()
    assert book.r.take_due(datetime(2024, 10, 1, 9, 50)) == []
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 10, 0)
    assert taken(book.r.take_due(datetime(2024, 10, 1, 10, 0))) == [
        (datetime(2024, 10, 1, 10, 0), datetime(2024, 10, 1, 10, 0), 0, False)]
    book.restart()
    assert book.r.take_due(datetime(2024, 10, 1, 12, 0)) == []
    assert book.r.next_alarm_time() is None  # every occurrence past and fired
    assert [a for _, a, _ in log(book, rid)] == ["rang", "rang"]


def test_a_snooze_rings_again_after_the_snooze(book):
    rid = book.r.add(Reminder("تماس", datetime(2024, 10, 1, 10, 0)), now=T)
    [alarm] = book.r.take_due(datetime(2024, 10, 1, 10, 0, 5))
    book.r.snooze(rid, alarm.occurrence_at, datetime(2024, 10, 1, 10, 10), now=datetime(2024, 10, 1, 10, 1))
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 10, 10)
    book.restart()
    assert book.r.take_due(datetime(2024, 10, 1, 10, 9)) == []
    [again] = book.r.take_due(datetime(2024, 10, 1, 10, 10))
    assert (again.alarm_at, again.occurrence_at, again.snoozed, again.missed) == (
        datetime(2024, 10, 1, 10, 10), datetime(2024, 10, 1, 10, 0), True, False)
    assert book.r.take_due(datetime(2024, 10, 1, 11, 0)) == []
    assert book.r.next_alarm_time() is None
    assert log(book, rid) == [("2024-10-01T10:00:00", "rang", None),
                              ("2024-10-01T10:00:00", "snoozed", "2024-10-01T10:10:00"),
                              ("2024-10-01T10:00:00", "rang", None)]


def test_a_snooze_comes_before_a_later_alarm_of_a_repeating_reminder(book):
    rid = book.r.add(Reminder("روزانه", datetime(2024, 10, 1, 9, 0), repeat=Repeat(kind="daily")), now=T)
    book.r.take_due(datetime(2024, 10, 1, 9, 0))
    assert book.r.next_alarm_time() == datetime(2024, 10, 2, 9, 0)
    book.r.snooze(rid, datetime(2024, 10, 1, 9, 0), datetime(2024, 10, 1, 9, 30), now=datetime(2024, 10, 1, 9, 0))
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 9, 30)
    assert [a.snoozed for a in book.r.take_due(datetime(2024, 10, 1, 9, 30))] == [True]
    assert book.r.next_alarm_time() == datetime(2024, 10, 2, 9, 0)


def test_a_missed_alarm_is_listed_once(book):
    rid = book.r.add(Reminder("پرداخت", datetime(2024, 10, 1, 9, 0)), now=T)
    # the app was closed from 08:30 to 12:00; at start-up the scheduler asks with a 60 s grace
    start = datetime(2024, 10, 1, 12, 0)
    got = book.r.take_due(start, missed_before=start - timedelta(seconds=60))
    assert taken(got) == [(datetime(2024, 10, 1, 9, 0), datetime(2024, 10, 1, 9, 0), 0, True)]
    book.restart()
    assert book.r.take_due(start + timedelta(seconds=1), missed_before=start - timedelta(seconds=60)) == []
    assert [a for _, a, _ in log(book, rid)] == ["missed"]


def test_a_clock_jump_forward_takes_everything_between_once(book):
    rid = book.r.add(Reminder("روزانه", datetime(2024, 10, 1, 9, 0), repeat=Repeat(kind="daily"), advance=(10,)),
                     now=T)
    book.r.add(Reminder("یک‌باره", datetime(2024, 10, 2, 15, 0)), now=T)
    jumped = datetime(2024, 10, 4, 9, 5)  # three days later
    got = book.r.take_due(jumped)
    # the daily one's alarms of four days collapse into the latest: 2024-10-04 09:00
    assert sorted(taken(got)) == [(datetime(2024, 10, 2, 15, 0), datetime(2024, 10, 2, 15, 0), 0, False),
                                  (datetime(2024, 10, 4, 9, 0), datetime(2024, 10, 4, 9, 0), 0, False)]
    assert book.r.take_due(jumped) == []
    assert book.r.next_alarm_time() == datetime(2024, 10, 5, 8, 50)
    assert len(log(book, rid)) == 1


def test_a_clock_jump_back_rings_nothing_twice(book):
    book.r.add(Reminder("روزانه", datetime(2024, 10, 1, 9, 0), repeat=Repeat(kind="daily")), now=T)
    assert len(book.r.take_due(datetime(2024, 10, 3, 9, 0))) == 1
    # the clock goes back a day and comes forward again
    for moment in (datetime(2024, 10, 2, 8, 0), datetime(2024, 10, 2, 9, 0), datetime(2024, 10, 3, 9, 0)):
        assert book.r.take_due(moment) == []
    assert taken(book.r.take_due(datetime(2024, 10, 4, 9, 0))) == [
        (datetime(2024, 10, 4, 9, 0), datetime(2024, 10, 4, 9, 0), 0, False)]


def test_a_done_occurrence_does_not_ring_and_undo_brings_it_back(book):
    rid = book.r.add(Reminder("پیگیری", datetime(2024, 10, 1, 9, 0), repeat=Repeat(kind="daily"), advance=(30,)),
                     now=T)
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 8, 30)
    book.r.mark_done(rid, datetime(2024, 10, 1, 9, 0), now=T)
    assert book.r.next_alarm_time() == datetime(2024, 10, 2, 8, 30)
    book.r.undo_done(rid, datetime(2024, 10, 1, 9, 0))
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 8, 30)
    book.r.mark_done(rid, datetime(2024, 10, 1, 9, 0), now=T)
    assert book.r.take_due(datetime(2024, 10, 1, 9, 0)) == []


def test_editing_the_time_reschedules_and_other_edits_keep_the_alarms(book):
    rid = book.r.add(Reminder("جلسه", datetime(2024, 10, 1, 10, 0)), now=T)
    r = book.r.get(rid)
    r.starts_at = datetime(2024, 10, 1, 11, 0)
    book.r.update(r, now=T)
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 11, 0)
    book.r.take_due(datetime(2024, 10, 1, 11, 0))
    r = book.r.get(rid)
    r.subject = "جلسهٔ هیئت مدیره"
    book.r.update(r, now=datetime(2024, 10, 1, 11, 5))
    assert book.r.next_alarm_time() is None
    assert book.r.take_due(datetime(2024, 10, 1, 12, 0)) == []


def test_alarms_before_adding_do_not_ring(book):
    book.r.add(Reminder("دیروز", datetime(2024, 9, 30, 10, 0)), now=T)
    book.r.add(Reminder("سر موعد فقط", datetime(2024, 10, 1, 8, 5), advance=(15,)), now=T)
    assert book.r.next_alarm_time() == datetime(2024, 10, 1, 8, 5)


def test_take_due_and_next_alarm_time_use_the_partial_index(book):
    def plan(sql, params=()):
        return " ".join(row[-1] for row in book.conn.execute("EXPLAIN QUERY PLAN " + sql, params))

    assert "reminders_by_next_alarm" in plan(
        "SELECT min(next_alarm_at) FROM reminders WHERE next_alarm_at IS NOT NULL")
    from crm_desktop.reminders.repo_rows import SELECT

    due = plan(SELECT + " WHERE r.next_alarm_at IS NOT NULL AND r.next_alarm_at <= ? ORDER BY r.next_alarm_at",
               ("2024-10-01T10:00:00",))
    assert "reminders_by_next_alarm" in due and "SCAN r " not in due + " "


def test_notify_after_writes(book):
    rid = book.r.add(Reminder("جلسه", datetime(2024, 10, 1, 10, 0)), now=T)
    book.r.take_due(datetime(2024, 10, 1, 10, 0))
    book.r.snooze(rid, datetime(2024, 10, 1, 10, 0), datetime(2024, 10, 1, 10, 5), now=T)
    assert book.changes == [{"reminders"}] * 3
    book.r.take_due(datetime(2024, 10, 1, 10, 1))  # nothing due: no notification
    assert len(book.changes) == 3


def test_next_alarm_for_and_latest_alarm_are_pure():
    start = datetime(2024, 10, 1, 9, 0)
    daily = Repeat(kind="daily")
    assert next_alarm_for(start, daily, (60, 10), datetime(2024, 10, 1, 8, 0)) == datetime(2024, 10, 1, 8, 50)
    assert next_alarm_for(start, daily, (60, 10), datetime(2024, 10, 1, 9, 0)) == datetime(2024, 10, 2, 8, 0)
    assert next_alarm_for(start, daily, (), datetime(2024, 10, 1, 9, 0),
                          snoozed_until=datetime(2024, 10, 1, 9, 5)) == datetime(2024, 10, 1, 9, 5)
    assert next_alarm_for(start, daily, (), datetime(2024, 10, 1, 9, 0),
                          done={datetime(2024, 10, 2, 9, 0)}) == datetime(2024, 10, 3, 9, 0)
    assert next_alarm_for(start, Repeat(), (), datetime(2024, 10, 1, 9, 0)) is None
    # an advance reaching back before the previous occurrence (2 days before, daily)
    assert next_alarm_for(start, daily, (2880,), datetime(2024, 10, 1, 9, 0)) == datetime(2024, 10, 2, 9, 0)
    assert latest_alarm(start, daily, (10,), datetime(2024, 10, 1, 8, 0), datetime(2024, 10, 3, 8, 55)) == (
        datetime(2024, 10, 3, 8, 50), datetime(2024, 10, 3, 9, 0), 10)
