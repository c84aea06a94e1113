"""demo-data also makes reminders: every repeat kind, links to the demo contacts, times around
today, and next_alarm_at exactly as the alarm engine would work it out (nothing due, no storm of
missed alarms when the app first opens the database)."""

import json
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from tests.conftest import run_cli


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "office.sqlite3"
    done = run_cli("demo-data", "--contacts", 200, "--reminders", 600, "--cheques", 0, "--files", 0, "--seed", 3, "--json", db=db)
    assert done.returncode == 0, done.stderr
    return db, json.loads(done.stdout)


def test_reminders_are_made_with_every_kind_of_repeat(filled):
    db, report = filled
    made = report["reminders"]
    assert made["reminders"] == 600 and report["totals"]["reminders"] == 600
    assert rows(db, "SELECT count(*) FROM reminders") == [(600,)]
    assert set(made["kinds"]) == {"none", "daily", "weekly", "every_n_days", "monthly", "yearly"}
    assert 150 < made["repeating"] < 400 and made["with_advance"] > 200
    kinds = {json.loads(r)["kind"] if r != "{}" else "none" for (r,) in rows(db, "SELECT repeat FROM reminders")}
    assert kinds == set(made["kinds"])
    subjects = [s for (s,) in rows(db, "SELECT subject FROM reminders")]
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in s) for s in subjects)
    assert len(set(subjects)) > 30
    assert rows(db, "SELECT count(DISTINCT group_id) FROM reminders") == [(6,)]


def test_links_to_demo_contacts_and_times_around_today(filled):
    db, report = filled
    linked = rows(db, "SELECT r.contact_id, c.id FROM reminders r LEFT JOIN contacts c ON c.id = r.contact_id "
                      "WHERE r.contact_id IS NOT NULL")
    assert len(linked) == report["reminders"]["with_contact"] > 100
    assert all(contact == found for contact, found in linked)
    named = rows(db, "SELECT r.subject, c.display_name FROM reminders r JOIN contacts c ON c.id = r.contact_id")
    assert not [subject for subject, name in named if name in subject]  # the list shows the contact beside it
    starts = [datetime.fromisoformat(s) for (s,) in rows(db, "SELECT starts_at FROM reminders")]
    today = date.today()
    assert all(abs((s.date() - today).days) <= 61 for s in starts)
    assert all(8 <= s.hour <= 18 for s in starts)
    assert min(starts).date() < today < max(starts).date()


def test_next_alarms_are_the_engines_and_nothing_is_due(filled, tmp_path):
    import shutil

    from crm_desktop.reminders.repo import Reminders
    from crm_desktop.storage.db import open_database

    db, _ = filled
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(db, copy)
    conn = open_database(copy)
    try:
        before = dict(conn.execute("SELECT id, next_alarm_at FROM reminders"))
        (fired,) = {f for (f,) in conn.execute("SELECT DISTINCT fired_through FROM reminders")}
        assert all(n is None or n > fired for n in before.values())
        assert sum(n is not None for n in before.values()) > 300
        repo = Reminders(conn)
        repo.refresh_alarms(datetime.fromisoformat(fired))
        assert dict(conn.execute("SELECT id, next_alarm_at FROM reminders")) == before
        assert repo.next_alarm_time() == datetime.fromisoformat(min(n for n in before.values() if n))
        # opening the demo database a moment later: no pile of missed alarms
        due = repo.take_due(datetime.fromisoformat(fired), missed_before=datetime.fromisoformat(fired))
        assert due == []
    finally:
        conn.close()


def test_the_same_seed_makes_the_same_subjects(filled, tmp_path):
    db, _ = filled
    again = tmp_path / "again.sqlite3"
    done = run_cli("demo-data", "--contacts", 200, "--reminders", 600, "--cheques", 0, "--files", 0, "--seed", 3, db=again)
    assert done.returncode == 0, done.stderr
    sql = "SELECT subject, repeat, advance, contact_id FROM reminders ORDER BY id"
    assert rows(again, sql) == rows(db, sql)


def test_the_list_command_shows_the_demo_book(filled):
    db, _ = filled
    done = run_cli("reminders", "list", "--json", db=db)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["count"] > 100
    first = datetime.fromisoformat(report["occurrences"][0]["at_iso"])
    assert first.date() >= date.today() and first.date() <= date.today() + timedelta(days=30)
