"""When repeats happen (hand-computed Jalali/Gregorian vectors): month-end clamping, 30 Esfand in
leap and common years, skipped Fridays and holidays not counting toward the count, end rules."""

from datetime import date, datetime

from crm_desktop.reminders.model import Repeat
from crm_desktop.reminders.recurrence import first_occurrence, last_occurrence, next_occurrence, occurrences


def days(starts_at, repeat, **kw):
    return [o.date() for o in occurrences(starts_at, repeat, **kw)]


def test_no_repeat_is_one_occurrence():
    at = datetime(2024, 10, 1, 9)
    assert list(occurrences(at, Repeat())) == [at]
    assert list(occurrences(at, Repeat(), after=datetime(2024, 10, 1, 9, 1))) == []
    assert last_occurrence(at, Repeat()) == at


def test_monthly_on_31_clamps_to_the_months_last_day():
    # 1403/06/31 (2024-09-21); Mehr..Bahman have 30 days, Esfand 1403 (leap) 30, Farvardin 31
    start = datetime(2024, 9, 21, 9, 30)
    assert days(start, Repeat(kind="monthly", month_day=31), limit=8) == [
        date(2024, 9, 21), date(2024, 10, 21), date(2024, 11, 20), date(2024, 12, 20),
        date(2025, 1, 19), date(2025, 2, 18), date(2025, 3, 20), date(2025, 4, 20)]
    assert all(o.time().hour == 9 and o.minute == 30 for o in occurrences(start, Repeat(kind="monthly"), limit=3))


def test_monthly_on_31_starting_in_mehr_gives_30_mehr():
    # started on 1403/07/05 (2024-09-26) for day 31: first is 30 Mehr = 2024-10-21
    assert days(datetime(2024, 9, 26, 8), Repeat(kind="monthly", month_day=31), limit=2) == [
        date(2024, 10, 21), date(2024, 11, 20)]


def test_yearly_30_esfand_in_leap_and_common_years():
    # 1403/12/30 = 2025-03-20 (1403 leap); 1404 and 1405 common: 29 Esfand = 2026-03-20, 2027-03-20
    assert days(datetime(2025, 3, 20, 9), Repeat(kind="yearly"), limit=3) == [
        date(2025, 3, 20), date(2026, 3, 20), date(2027, 3, 20)]
    # asked for 30 Esfand from 1404: 29 Esfand 1404 (2026-03-20)
    assert days(datetime(2025, 3, 21, 9), Repeat(kind="yearly", month=12, day=30), limit=1) == [date(2026, 3, 20)]


def test_weekly_skipping_fridays():
    # from Tuesday 2024-10-01, on Saturday (0), Monday (2) and Friday (6) with Fridays skipped
    rule = Repeat(kind="weekly", weekdays=(0, 2, 6), skip_fridays=True)
    assert days(datetime(2024, 10, 1, 9), rule, limit=4) == [
        date(2024, 10, 5), date(2024, 10, 7), date(2024, 10, 12), date(2024, 10, 14)]


def test_skipped_days_do_not_count_toward_the_count():
    # daily from Wednesday 2024-10-02, 4 times, no Fridays: Wed, Thu, (Fri 10-04 skipped), Sat, Sun
    rule = Repeat(kind="daily", end="count", count=4, skip_fridays=True)
    start = datetime(2024, 10, 2, 9)
    assert days(start, rule) == [date(2024, 10, 2), date(2024, 10, 3), date(2024, 10, 5), date(2024, 10, 6)]
    assert last_occurrence(start, rule) == datetime(2024, 10, 6, 9)
    assert days(start, rule, after=datetime(2024, 10, 4)) == [date(2024, 10, 5), date(2024, 10, 6)]


def test_skipping_official_holidays_around_nowruz():
    # from Tuesday 1403/12/28 (2025-03-18): 29 Esfand is a holiday, 1 Farvardin a Friday and
    # Nowruz, 2-4 Farvardin Nowruz
    rule = Repeat(kind="daily", end="count", count=5, skip_fridays=True, skip_holidays=True)
    assert days(datetime(2025, 3, 18, 9), rule) == [
        date(2025, 3, 18), date(2025, 3, 20), date(2025, 3, 25), date(2025, 3, 26), date(2025, 3, 27)]


def test_a_custom_holiday_test():
    rule = Repeat(kind="daily", end="count", count=2, skip_holidays=True)
    assert days(datetime(2024, 10, 1, 9), rule, holidays=lambda d: d == date(2024, 10, 1)) == [
        date(2024, 10, 2), date(2024, 10, 3)]


def test_every_n_days_and_after_jumps_ahead():
    rule = Repeat(kind="every_n_days", every=3)
    start = datetime(2024, 10, 1, 9)
    assert days(start, rule, limit=3) == [date(2024, 10, 1), date(2024, 10, 4), date(2024, 10, 7)]
    assert days(start, rule, after=datetime(2024, 10, 5), limit=2) == [date(2024, 10, 7), date(2024, 10, 10)]
    # after on the day itself, before / after the time
    assert next_occurrence(start, rule, datetime(2024, 10, 7, 8)) == datetime(2024, 10, 7, 9)
    assert next_occurrence(start, rule, datetime(2024, 10, 7, 10)) == datetime(2024, 10, 10, 9)
    # far ahead: 3000 days later, still on the 3-day grid
    far = next_occurrence(start, rule, datetime(2032, 12, 17))
    assert (far.date() - start.date()).days % 3 == 0 and far >= datetime(2032, 12, 17)


def test_until_is_inclusive_and_the_range_end_too():
    rule = Repeat(kind="daily", end="until", until=date(2024, 10, 3))
    start = datetime(2024, 10, 1, 9)
    assert days(start, rule) == [date(2024, 10, 1), date(2024, 10, 2), date(2024, 10, 3)]
    assert last_occurrence(start, rule) == datetime(2024, 10, 3, 9)
    assert days(start, Repeat(kind="daily"), until=datetime(2024, 10, 2, 9)) == [date(2024, 10, 1), date(2024, 10, 2)]
    assert last_occurrence(start, Repeat(kind="daily")) is None


def test_yearly_on_a_given_day_and_monthly_on_an_earlier_day():
    # yearly 15 Mehr from 1403/07/20 (2024-10-11): 15 Mehr 1404 = 2025-10-07
    assert days(datetime(2024, 10, 11, 9), Repeat(kind="yearly", month=7, day=15), limit=1) == [date(2025, 10, 7)]
    # monthly on the 5th from 1403/07/10 (2024-10-01): 5 Aban = 2024-10-26
    assert days(datetime(2024, 10, 1, 9), Repeat(kind="monthly", month_day=5), limit=1) == [date(2024, 10, 26)]
    # the previous year's date after `after` is not lost: yearly 1 Dey from 1403/10/01 (2024-12-21)
    assert next_occurrence(datetime(2024, 12, 21, 9), Repeat(kind="yearly"), datetime(2025, 3, 25)) == \
        datetime(2025, 12, 22, 9)  # 1404/10/01


def test_a_rule_that_never_fires():
    assert first_occurrence(datetime(2024, 10, 4, 9), Repeat(kind="weekly", weekdays=(6,), skip_fridays=True)) is None
