"""``crm-desktop --db PATH reminders add|list|done|delete|birthdays`` as a real process: Jalali in
(any digit script) and out, JSON output, and bad input as one English line with exit code 2 and
nothing written."""

import json
import sqlite3

import pytest

from tests.conftest import run_cli


def reminders(db, *args):
    return run_cli("reminders", *args, db=db)


def ok(done):
    assert done.returncode == 0, done.stderr
    return done


def count(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM reminders").fetchone()[0]
    finally:
        conn.close()


def one_error_line(done, *fragments):
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def book(db_path):
    """Three reminders in Mehr 1410 (the future: «next» does not depend on today)."""
    ok(reminders(db_path, "add", "--subject", "جلسه هیئت مدیره", "--at", "۱۴۱۰/۰۷/۱۵ ۰۹:۳۰", "--group", "جلسه",
                 "--note", "گزارش فروش همراه باشد", "--place", "اتاق جلسات", "--priority", "high"))
    ok(reminders(db_path, "add", "--subject", "پرداخت اجاره", "--at", "1410/06/31 10:00", "--repeat", "monthly",
                 "--group", "پرداخت", "--count", "3", "--advance", "1d"))
    ok(reminders(db_path, "add", "--subject", "تماس با بانک", "--at", "1410/07/01 08:00", "--weekdays", "شنبه,دوشنبه",
                 "--skip-fridays", "--until", "1410/07/20", "--group", "تماس"))
    return db_path


def test_add_prints_the_id_and_the_next_occurrence(db_path):
    done = ok(reminders(db_path, "add", "--subject", "جلسه", "--at", "۱۴۱۰/۰۷/۱۵ ۰۹:۳۰"))
    assert done.stdout.strip() == "reminder 1 added; next: 1410/07/15 09:30"
    done = ok(reminders(db_path, "add", "--subject", "جلسه هفتگی", "--at", "1410/07/15 09:30", "--repeat", "weekly",
                        "--weekdays", "0,2", "--advance", "15m,1d", "--json"))
    report = json.loads(done.stdout)
    # 1410/07/15 is a Tuesday: the first of Saturday/Monday on or after it is Saturday the 19th
    assert report["id"] == 2 and report["next"] == "1410/07/19 09:30"
    assert report["next_at"] == "2031-10-11T09:30:00"
    assert "شنبه" in report["repeat"] and "دوشنبه" in report["repeat"]
    assert count(db_path) == 2


def test_list_expands_repeats_in_a_jalali_range(book):
    done = ok(reminders(book, "list", "--from", "1410/07/01", "--to", "۱۴۱۰/۰۷/۳۰"))
    lines = done.stdout.splitlines()
    assert lines == [
        "1410/07/05 08:00\t3\tتماس با بانک\tتماس",  # Saturday (1 Mehr 1410 is a Tuesday)
        "1410/07/07 08:00\t3\tتماس با بانک\tتماس",  # Monday
        "1410/07/12 08:00\t3\tتماس با بانک\tتماس",
        "1410/07/14 08:00\t3\tتماس با بانک\tتماس",
        "1410/07/15 09:30\t1\tجلسه هیئت مدیره\tجلسه\t\tاتاق جلسات",
        "1410/07/19 08:00\t3\tتماس با بانک\tتماس",  # until the 20th
        "1410/07/30 10:00\t2\tپرداخت اجاره\tپرداخت",  # monthly on the 31st: Mehr has 30 days
    ]


def test_list_json_group_and_search(book):
    report = json.loads(ok(reminders(book, "list", "--from", "1410/07/01", "--to", "1410/09/30", "--group", "پرداخت",
                                     "--json")).stdout)
    assert report["from"] == "1410/07/01" and report["to"] == "1410/09/30"
    assert [o["at"] for o in report["occurrences"]] == ["1410/07/30 10:00", "1410/08/30 10:00"]  # count 3: Shahrivar 31 was the first
    first = report["occurrences"][0]
    assert first["reminder_id"] == 2 and first["subject"] == "پرداخت اجاره" and first["group"] == "پرداخت"
    assert first["at_iso"] == "2031-10-22T10:00:00" and first["weekday"] == "چهارشنبه" and first["done"] is False
    found = json.loads(ok(reminders(book, "list", "--from", "1410/07/01", "--to", "1410/07/30", "--search", "گزارش فروش",
                                    "--json")).stdout)
    assert [(o["reminder_id"], o["place"], o["priority"]) for o in found["occurrences"]] == [(1, "اتاق جلسات", "زیاد")]


def test_the_default_range_is_today_and_thirty_days(db_path):
    ok(reminders(db_path, "add", "--subject", "هر روز", "--at", "1400/01/01 23:00", "--repeat", "daily"))
    report = json.loads(ok(reminders(db_path, "list", "--json")).stdout)
    assert report["count"] == 31


def test_done_and_delete(book):
    ok(reminders(book, "done", "2", "--at", "1410/07/30 10:00"))
    report = json.loads(ok(reminders(book, "list", "--from", "1410/07/30", "--to", "1410/07/30", "--json")).stdout)
    assert [o["done"] for o in report["occurrences"]] == [True]
    one_error_line(reminders(book, "done", "2", "--at", "1410/07/29 10:00"), "no occurrence")
    one_error_line(reminders(book, "done", "3"), "--at")
    assert ok(reminders(book, "delete", "1", "3")).stdout.strip() == "deleted 2 reminders"
    assert count(book) == 1
    one_error_line(reminders(book, "delete", "99"), "no reminder with id 99")


@pytest.mark.parametrize(
    "at, fragment",
    [
        ("1404/12/30 09:00", "Esfand 1404 has only 29 days"),
        ("1403/07/15 25:00", "hour must be between 0 and 23"),
        ("1403/07/15", "write the date and the time"),
        ("2024/10/06 09:00", "Gregorian year"),
    ],
)
def test_a_bad_date_or_time_is_one_line_and_nothing_is_written(db_path, at, fragment):
    ok(reminders(db_path, "add", "--subject", "قبلی", "--at", "1410/01/01 09:00"))
    line = one_error_line(reminders(db_path, "add", "--subject", "x", "--at", at), fragment)
    assert line.startswith("crm-desktop: error: --at:")
    assert count(db_path) == 1


@pytest.mark.parametrize(
    "options, fragment",
    [
        (("--repeat", "weekly", "--weekdays", "جمعه", "--skip-fridays"), "never"),
        (("--repeat", "monthly", "--until", "1410/01/01"), "until"),
        (("--repeat", "daily", "--count", "0"), "count"),
        (("--weekdays", "شنبه", "--every", "3"), "--weekdays"),
        (("--weekdays", "یکشنبه,فلان"), "not a weekday"),
        (("--count", "3"), "--repeat"),
        (("--advance", "0m"), "--advance"),
        (("--priority", "urgent"), "--priority"),
        (("--group", "ناموجود"), "no reminder group named"),
        (("--contact", "42"), "no contact with id 42"),
    ],
)
def test_refused_options_are_one_line_and_nothing_is_written(db_path, options, fragment):
    ok(reminders(db_path, "add", "--subject", "قبلی", "--at", "1410/01/01 09:00"))
    one_error_line(reminders(db_path, "add", "--subject", "x", "--at", "1410/02/01 09:00", *options), fragment)
    assert count(db_path) == 1


def test_list_needs_an_existing_database_and_good_dates(tmp_path, db_path):
    done = reminders(tmp_path / "missing.sqlite3", "list")
    assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing.sqlite3").exists()
    ok(reminders(db_path, "add", "--subject", "x", "--at", "1410/01/01 09:00"))
    one_error_line(reminders(db_path, "list", "--from", "1410/02/01", "--to", "1410/01/01"), "--to is before --from")
    one_error_line(reminders(db_path, "list", "--from", "1410/13/01"), "--from")


def test_birthdays_become_yearly_reminders_once(db_path):
    from crm_desktop.phonebook.model import Contact
    from crm_desktop.phonebook.repo import Phonebook
    from crm_desktop.storage.db import open_database

    conn = open_database(db_path)
    Phonebook(conn).add(Contact(first_name="مریم", last_name="احمدی", birthday="1990-03-21"))
    Phonebook(conn).add(Contact(first_name="علی", last_name="رضایی"))
    conn.close()
    assert ok(reminders(db_path, "birthdays")).stdout.strip() == "made 1 birthday reminder"
    assert json.loads(ok(reminders(db_path, "birthdays", "--json")).stdout) == {"made": 0}
    report = json.loads(ok(reminders(db_path, "list", "--from", "1410/01/01", "--to", "1410/01/02", "--json")).stdout)
    assert [(o["at"], o["source"]) for o in report["occurrences"]] == [("1410/01/01 09:00", "birthday")]
