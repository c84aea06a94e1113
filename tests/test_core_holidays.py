"""Official holidays: the fixed solar dates exactly, the lunar ones from the tabular Hijri calendar
within a day of Iran's announcement; Friday is not a holiday here; the operator's corrections win."""

from datetime import date, timedelta

from crm_desktop.core.holidays import hijri_to_date, hijri_year_of, is_holiday, official_holidays


def test_the_solar_holidays_of_1403_are_fixed_jalali_days():
    found = official_holidays(1403)
    expected = {
        date(2024, 3, 20): "نوروز", date(2024, 3, 21): "نوروز", date(2024, 3, 22): "نوروز",
        date(2024, 3, 23): "نوروز",                      # 1-4 Farvardin 1403
        date(2024, 3, 31): "جمهوری اسلامی",              # 12 Farvardin
        date(2024, 4, 1): "سیزده",                       # 13 Farvardin
        date(2024, 6, 3): "امام خمینی",                  # 14 Khordad
        date(2024, 6, 4): "۱۵ خرداد",                    # 15 Khordad
        date(2025, 2, 10): "انقلاب",                     # 22 Bahman
        date(2025, 3, 19): "نفت",                        # 29 Esfand
    }
    for day, word in expected.items():
        assert word in found[day], (day, found.get(day))
    assert all(date(2024, 3, 20) <= d <= date(2025, 3, 20) for d in found)  # only inside 1403
    assert date(2025, 3, 20) not in found  # 30 Esfand 1403 is an ordinary day


def test_the_solar_holidays_of_1404():
    found = official_holidays(1404)
    assert {date(2025, 3, 21), date(2025, 3, 24), date(2025, 4, 1), date(2025, 4, 2), date(2026, 3, 20)} <= set(found)


def _near(found: dict, announced: date, word: str) -> bool:
    return any(word in found.get(announced + timedelta(days=k), "") for k in (-1, 0, 1))


def test_lunar_holidays_are_within_a_day_of_the_announcement():
    found = {**official_holidays(1403), **official_holidays(1404)}
    assert _near(found, date(2024, 4, 10), "فطر")       # Eid al-Fitr 1445: 22 Farvardin 1403
    assert _near(found, date(2024, 6, 17), "قربان")     # Eid al-Adha 1445: 28 Khordad 1403
    assert _near(found, date(2024, 7, 15), "تاسوعا")    # Tasua 1446: 25 Tir 1403
    assert _near(found, date(2024, 7, 16), "عاشورا")    # Ashura 1446: 26 Tir 1403
    assert _near(found, date(2025, 3, 31), "فطر")       # Eid al-Fitr 1446: 11 Farvardin 1404
    lunar_titles = ("تاسوعا", "عاشورا", "اربعین", "امام رضا", "غدیر", "مبعث", "فاطمه")
    for title in lunar_titles:
        assert sum(title in t for t in official_holidays(1403).values()) == 1, title


def test_the_tabular_hijri_calendar():
    assert hijri_to_date(1, 1, 1) == date(622, 7, 19)  # 16 July 622 (Julian calendar)
    assert hijri_to_date(1446, 1, 1) == date(2024, 7, 8)     # Iran announced 7 July 2024 (±1)
    assert hijri_year_of(date(2024, 7, 8)) == 1446
    assert hijri_year_of(date(2024, 7, 7)) == 1445


def test_friday_is_not_a_holiday_and_overrides_win():
    assert not is_holiday(date(2024, 10, 4))                 # a Friday
    assert is_holiday(date(2024, 3, 20))                     # Nowruz
    assert not is_holiday(date(2024, 10, 5))
    assert is_holiday(date(2024, 10, 5), {date(2024, 10, 5): True})
    assert not is_holiday(date(2024, 3, 20), {date(2024, 3, 20): False})
