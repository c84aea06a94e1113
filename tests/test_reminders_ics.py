"""iCalendar export: RRULE for what Gregorian rules can say, one VEVENT per occurrence for Jalali
months and years, VALARMs, floating times — read back with ``icalendar`` and expanded with
``dateutil`` to the very occurrences ``reminders list`` shows."""

import json
from datetime import datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from crm_desktop.reminders.ics import Entry, build_calendar
from crm_desktop.reminders.model import Reminder, Repeat
from tests.conftest import run_cli

STAMP = datetime(2031, 1, 1, 12, 0)


def reminder(rid, repeat=Repeat(), *, advance=(), start=datetime(2031, 10, 7, 9, 30), **fields):
    return Reminder(subject=fields.pop("subject", f"یادآوری {rid}"), starts_at=start, repeat=repeat, advance=advance,
                    id=rid, **fields)


def events_of(cal):
    return [c for c in Calendar.from_ical(cal.to_ical()).walk("VEVENT")]


def expand(event) -> list[datetime]:
    start = event.decoded("dtstart")
    if "RRULE" not in event:
        return [start]
    rule = event["RRULE"].to_ical().decode()
    return list(rrulestr(rule, dtstart=start))


def test_daily_is_one_event_with_an_rrule_bounded_to_the_range():
    start = datetime(2031, 10, 7, 9, 30)
    occs = [start + timedelta(days=i) for i in range(5)]
    r = reminder(1, Repeat("daily"), note="متن یادداشت", place="اتاق جلسات", priority=2)
    cal, reminders, events = build_calendar([Entry(r, occs, "جلسه", "مریم احمدی")], now=STAMP)
    assert (reminders, events) == (1, 1)
    (event,) = events_of(cal)
    assert str(event["UID"]) == "reminder-1@crm-desktop"
    assert event["RRULE"].to_ical() == b"FREQ=DAILY;UNTIL=20311011T093000"
    assert expand(event) == occs
    assert str(event["SUMMARY"]) == "یادآوری 1" and str(event["DESCRIPTION"]) == "متن یادداشت"
    assert str(event["LOCATION"]) == "اتاق جلسات" and event["CATEGORIES"].cats == ["جلسه"]
    assert str(event["CONTACT"]) == "مریم احمدی" and int(event["PRIORITY"]) == 1
    # floating local time: no zone, no TZID
    assert event.decoded("dtstart").tzinfo is None and "TZID" not in event["DTSTART"].params
    assert b"DTSTART:20311007T093000" in cal.to_ical()


def test_weekly_skipping_fridays_every_n_days_and_count():
    start = datetime(2031, 10, 7, 8, 0)  # a Tuesday
    weekly = reminder(2, Repeat("weekly", weekdays=(0, 3, 6), skip_fridays=True), start=start)
    occs = [datetime(2031, 10, 7, 8), datetime(2031, 10, 11, 8), datetime(2031, 10, 14, 8)]
    every = reminder(3, Repeat("every_n_days", every=3, end="count", count=4, skip_fridays=True), start=start)
    every_occs = [start + timedelta(days=3 * i) for i in range(5)]
    every_occs = [d for d in every_occs if d.weekday() != 4][:4]
    cal, _, _ = build_calendar([Entry(weekly, occs), Entry(every, every_occs)], now=STAMP,
                               bounds={3: (every_occs[0], every_occs[-1])})
    first, second = events_of(cal)
    assert first["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20311014T080000;BYDAY=SA,TU;WKST=SA"
    assert expand(first) == occs
    # the whole series lies in the range: its own COUNT (Fridays don't count, as in the app)
    assert second["RRULE"].to_ical() == b"FREQ=DAILY;COUNT=4;INTERVAL=3;BYDAY=SA,SU,MO,TU,WE,TH"
    assert expand(second) == every_occs


def test_jalali_monthly_and_yearly_are_one_event_per_occurrence():
    monthly = reminder(4, Repeat("monthly", month_day=31), start=datetime(2031, 9, 22, 10))  # 1410/06/31
    occs = [datetime(2031, 9, 22, 10), datetime(2031, 10, 22, 10), datetime(2031, 11, 21, 10)]  # 31 → 30 Mehr, Aban
    holiday = reminder(5, Repeat("daily", skip_holidays=True))
    cal, reminders, events = build_calendar([Entry(monthly, occs), Entry(holiday, [datetime(2031, 10, 7, 9, 30)])],
                                            now=STAMP)
    assert (reminders, events) == (2, 4)
    found = events_of(cal)
    assert [str(e["UID"]) for e in found[:3]] == [
        "reminder-4-20310922T1000@crm-desktop", "reminder-4-20311022T1000@crm-desktop",
        "reminder-4-20311121T1000@crm-desktop"]
    assert all("RRULE" not in e for e in found)
    assert [e.decoded("dtstart") for e in found[:3]] == occs
    assert str(found[3]["UID"]) == "reminder-5-20311007T0930@crm-desktop"


def test_valarms_at_the_time_and_for_each_advance_notice():
    r = reminder(6, advance=(15, 1440))
    cal, _, _ = build_calendar([Entry(r, [r.starts_at])], now=STAMP)
    (event,) = events_of(cal)
    alarms = event.walk("VALARM")
    assert sorted(a.decoded("trigger") for a in alarms) == [timedelta(days=-1), timedelta(minutes=-15), timedelta(0)]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert str(event["UID"]) == "reminder-6@crm-desktop"


# -- through the command line, against the repository's own expansion ----------------------------


@pytest.fixture
def book(db_path):
    adds = [
        ("جلسه هفتگی", "1410/07/01 09:00", "--weekdays", "شنبه,سه‌شنبه,جمعه", "--skip-fridays", "--advance", "15m"),
        ("اجاره", "1410/06/31 10:00", "--repeat", "monthly", "--group", "پرداخت", "--note", "خط اول\nخط دوم"),
        ("هر سه روز", "1410/07/02 07:30", "--every", "3", "--count", "6", "--skip-fridays"),
        ("روزانه", "1410/06/25 18:00", "--repeat", "daily", "--until", "1410/07/10", "--skip-holidays"),
        ("یک‌بار", "1410/07/20 11:15", "--place", "دفتر مرکزی", "--group", "جلسه"),
        ("سالانه", "1409/07/12 08:00", "--repeat", "yearly"),
        ("بیرون از بازه", "1410/09/01 08:00"),
    ]
    for subject, at, *options in adds:
        done = run_cli("reminders", "add", "--subject", subject, "--at", at, *options, db=db_path)
        assert done.returncode == 0, done.stderr
    return db_path


def test_the_exported_file_expands_to_the_listed_occurrences(book, tmp_path):
    out = tmp_path / "book.ics"
    done = run_cli("export", "reminders", "--format", "ics", "--out", out, "--from", "1410/07/01", "--to", "1410/07/30",
                   "--json", db=book)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["reminders"] == 6 and result["path"] == str(out)
    listed = json.loads(run_cli("reminders", "list", "--from", "1410/07/01", "--to", "1410/07/30", "--json",
                                db=book).stdout)["occurrences"]
    cal = Calendar.from_ical(out.read_bytes())
    assert str(cal["VERSION"]) == "2.0" and "crm_desktop" in str(cal["PRODID"])
    seen = sorted((at.isoformat(), str(e["SUMMARY"])) for e in cal.walk("VEVENT") for at in expand(e))
    assert seen == sorted((o["at_iso"], o["subject"]) for o in listed)
    assert len(cal.walk("VEVENT")) == result["events"]
    by_subject = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert "RRULE" in by_subject["جلسه هفتگی"] and "RRULE" in by_subject["هر سه روز"]
    assert "RRULE" not in by_subject["اجاره"]  # Jalali monthly: one event per occurrence
    assert str(by_subject["اجاره"]["DESCRIPTION"]) == "خط اول\nخط دوم"
    assert str(by_subject["یک‌بار"]["LOCATION"]) == "دفتر مرکزی"
    assert by_subject["یک‌بار"]["CATEGORIES"].cats == ["جلسه"]
    assert "بیرون از بازه" not in by_subject


def test_plain_output_and_a_bad_target(book, tmp_path):
    out = tmp_path / "a.ics"
    done = run_cli("export", "reminders", "--out", out, "--from", "1410/07/01", "--to", "1410/07/30", db=book)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exported 6 reminders (") and str(out) in done.stdout
    done = run_cli("export", "reminders", "--out", tmp_path / "no" / "a.ics", db=book)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "does not exist" in done.stderr
    done = run_cli("export", "reminders", "--out", tmp_path / "b.ics", "--from", "1404/12/30", db=book)
    assert done.returncode == 2 and "Esfand 1404 has only 29 days" in done.stderr
    assert not (tmp_path / "b.ics").exists()
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())
