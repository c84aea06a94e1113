"""The attendance arithmetic against figures worked out by hand: a month with holidays and
Fridays, lateness inside and past the grace, hourly leave across noon, a night shift across
midnight, a Thursday half day, overtime, absence, the leave balance; punches corrected with the
old value kept; a ZKTeco attlog imported twice adds nothing the second time, and a bad line
refuses the whole file."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from crm_desktop.attendance.compute import compute_day, days_hm, hm, work_day
from crm_desktop.attendance.model import Leave, Mission, Punch, Schedule, Shift, default_schedule
from crm_desktop.errors import UserError
from crm_desktop.files.model import PersonFile
from crm_desktop.phonebook.model import Contact

SAT = date(2025, 2, 8)  # شنبه ۲۰ بهمن ۱۴۰۳
THU = date(2025, 2, 13)  # پنجشنبه ۲۵ بهمن
FRI = date(2025, 2, 7)  # جمعه ۱۹ بهمن
SCHEDULE = default_schedule()  # 08–16, Thursday 08–12, grace 10


def punches(day: date, *pairs: str) -> list[Punch]:
    out = []
    for pair in pairs:
        a, b = pair.split("-")
        out.append(Punch(1, datetime.combine(day, time.fromisoformat(a)), "in"))
        out.append(Punch(1, datetime.combine(day, time.fromisoformat(b)), "out"))
    return out


def test_lateness_inside_the_grace_is_forgiven_and_the_extra_half_hour_is_overtime():
    r = compute_day(SAT, SCHEDULE, punches(SAT, "08:05-16:30"))
    assert (r.expected, r.worked, r.late, r.early, r.overtime, r.absent) == (480, 505, 0, 0, 25, 0)


def test_lateness_past_the_grace_counts_from_the_start():
    r = compute_day(SAT, SCHEDULE, punches(SAT, "08:20-16:00"))
    assert (r.worked, r.late, r.early, r.overtime) == (460, 20, 0, 0)
    r = compute_day(SAT, SCHEDULE, punches(SAT, "08:00-15:10"))
    assert (r.late, r.early) == (0, 50)


def test_hourly_leave_across_noon():
    leave = Leave(1, SAT, "entitled", time(11), time(14))
    r = compute_day(SAT, SCHEDULE, punches(SAT, "08:00-11:00", "14:00-16:00"), [leave])
    assert (r.worked, r.leave, r.leave_entitled_minutes, r.late, r.early, r.overtime) == (300, 180, 180, 0, 0, 0)


def test_hourly_leave_at_the_start_is_no_lateness():
    r = compute_day(SAT, SCHEDULE, punches(SAT, "10:00-16:00"), [Leave(1, SAT, "entitled", time(8), time(10))])
    assert (r.late, r.leave) == (0, 120)


def test_a_thursday_half_day():
    r = compute_day(THU, SCHEDULE, punches(THU, "08:00-13:00"))
    assert (r.expected, r.worked, r.overtime) == (240, 300, 60)


def test_friday_is_a_holiday_and_work_on_it_is_overtime():
    r = compute_day(FRI, SCHEDULE, punches(FRI, "09:00-12:00"))
    assert (r.holiday, r.expected, r.overtime, r.absent) == ("جمعه", 0, 180, 0)
    assert compute_day(FRI, SCHEDULE, []).absent == 0


def test_a_working_day_without_a_record_is_absence_unless_on_leave_or_mission():
    assert compute_day(SAT, SCHEDULE, []).absent == 480
    r = compute_day(SAT, SCHEDULE, [], [Leave(1, SAT, "entitled")])
    assert (r.absent, r.leave, r.leave_days) == (0, 480, 1)
    r = compute_day(SAT, SCHEDULE, [], [], [Mission(1, SAT, "اصفهان")])
    assert (r.absent, r.mission, r.late) == (0, 480, 0)


def test_an_entry_without_its_exit_is_incomplete_not_absence():
    r = compute_day(SAT, SCHEDULE, [Punch(1, datetime(2025, 2, 8, 8, 30), "in")])
    assert (r.absent, r.worked, r.incomplete, r.late) == (0, 0, True, 30)


def test_a_night_shift_across_midnight():
    night = Schedule("شب", {0: (Shift(time(22), time(6)),)}, 10)
    out = datetime(2025, 2, 9, 6, 10)
    assert work_day(out, lambda d: night) == SAT  # Sunday 06:10 closes Saturday's shift
    day = [Punch(1, datetime(2025, 2, 8, 21, 55), "in"), Punch(1, out, "out")]
    r = compute_day(SAT, night, day)
    assert (r.expected, r.worked, r.late, r.early, r.overtime) == (480, 495, 0, 0, 15)


def test_minutes_as_hours_and_days():
    assert hm(505) == "۸:۲۵" and hm(-30) == "-۰:۳۰"
    assert days_hm(26 * 480) == "۲۶ روز" and days_hm(480 * 3 + 90) == "۳ روز و ۱:۳۰"


# -- on the database -----------------------------------------------------------------------------------
@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: datetime(2025, 2, 20, 9, 0)) as opened:
        yield opened


@pytest.fixture
def staff(office):
    ali = office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
    return office.files.add(PersonFile("personnel", ali, number="P-7"))


def test_a_month_with_holidays_fridays_an_absence_and_a_day_of_leave(office, staff):
    """Bahman 1403: 30 days; 24 working days (20 full: the Mondays 8 and 22 Bahman are holidays;
    4 Thursdays of 4 hours); expected 20 × 480 + 4 × 240 = 10,560 minutes. Worked every working
    day 08:00–16:00 (Thursdays 08–12) except an absent Wednesday and a Sunday of leave."""
    from crm_desktop.attendance.compute import month_days
    from crm_desktop.core import jalali

    absent, on_leave = date(2025, 1, 22), date(2025, 1, 26)  # چهارشنبه ۳ و یکشنبه ۷ بهمن
    for day in month_days(1403, 11):
        shifts = office.attendance.schedule_for(staff).shifts(jalali.weekday(day))
        if not shifts or day in (absent, on_leave) or day in (date(2025, 1, 27), date(2025, 2, 10)):
            continue
        office.attendance.punch(staff, "in", datetime.combine(day, shifts[0].start))
        office.attendance.punch(staff, "out", datetime.combine(day, shifts[0].end))
    office.attendance.add_leave(Leave(staff, on_leave, "entitled"))
    days, totals = office.attendance.month(staff, 1403, 11)
    assert len(days) == 30
    assert (totals.working_days, totals.expected) == (24, 10_560)
    assert (totals.worked, totals.absent, totals.absent_days, totals.leave, totals.leave_days) == (9_600, 480, 1, 480, 1)
    assert (totals.late, totals.early, totals.overtime) == (0, 0, 0)
    holidays = {d.day: d.holiday for d in days if d.holiday and d.holiday != "جمعه"}
    assert holidays == {date(2025, 1, 27): "مبعث پیامبر اکرم", date(2025, 2, 10): "پیروزی انقلاب اسلامی",
                        date(2025, 2, 14): "ولادت حضرت قائم"}
    assert office.attendance.leave_used(staff, 1403) == 480
    [(member, summary)] = office.attendance.office_month(1403, 11)
    assert member.name == "علی رضایی" and summary.worked == 9_600


def test_the_operators_holiday_corrections_count(office, staff):
    """The holidays the operator adds or removes in the reminder book's calendar count here too."""
    office.reminders.set_holiday(SAT, "تعطیلی اضطراری")
    office.reminders.clear_holiday(date(2025, 2, 10))
    office.reminders.set_holiday(date(2025, 2, 10), "", is_holiday=False)  # a lunar day announced otherwise
    days, totals = office.attendance.month(staff, 1403, 11)
    by_day = {d.day: d for d in days}
    assert by_day[SAT].holiday == "تعطیلی اضطراری" and by_day[SAT].expected == 0
    assert by_day[date(2025, 2, 10)].holiday == "" and by_day[date(2025, 2, 10)].expected == 480


def test_a_correction_keeps_the_old_value(office, staff):
    punch = office.attendance.punch(staff, "in", datetime(2025, 2, 8, 8, 25))
    new = office.attendance.correct_punch(punch, datetime(2025, 2, 8, 8, 5), note="کارت فراموش شد")
    [(old_at, old_dir, changed, new_at)] = office.attendance.corrections(staff)
    assert (old_at, old_dir, new_at) == ("2025-02-08T08:25:00", "in", "2025-02-08T08:05:00") and changed
    assert [p.id for p in office.attendance.punches(staff, datetime(2025, 2, 8), datetime(2025, 2, 9))] == [new]
    assert office.attendance.punch(staff, "in", datetime(2025, 2, 8, 8, 5)) is None  # already there


ATTLOG = "     7\t2025-02-08 07:58:12\t1\t0\t0\t0\n     7\t2025-02-08 16:03:40\t1\t1\t0\t0\n"


def test_an_attlog_imported_twice_adds_nothing_the_second_time(office, staff):
    from crm_desktop.attendance.zk_import import import_attlog

    office.attendance.set_pin("7", staff)
    first = import_attlog(office.attendance, ATTLOG)
    assert (first.added, first.repeated) == (2, 0)
    again = import_attlog(office.attendance, ATTLOG)
    assert (again.added, again.repeated) == (0, 2)
    r = compute_day(SAT, SCHEDULE, office.attendance.punches(staff, datetime(2025, 2, 8), datetime(2025, 2, 9)))
    assert (r.worked, r.late) == (485, 0)


def test_a_bad_line_refuses_the_whole_file_and_names_its_line(office, staff):
    from crm_desktop.attendance.zk_import import import_attlog, parse_map

    bad = ATTLOG + "     7\t2025-02-31 08:00:00\t1\t0\t0\t0\n     9\t2025-02-09 08:00:00\t1\t0\t0\t0\n"
    with pytest.raises(UserError) as caught:
        import_attlog(office.attendance, bad, parse_map("PIN,شماره\n7,P-7\n", {"P-7": staff}))
    assert "سطر ۳: تاریخ و ساعت درست نیست" in caught.value.fa and "سطر ۴" in caught.value.fa
    assert office.conn.execute("SELECT count(*) FROM attendance_punches").fetchone()[0] == 0
