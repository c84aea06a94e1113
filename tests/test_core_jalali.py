"""core.jalali: conversion, typing and showing Jalali dates.

Every vector here is written by hand from a known reference, never produced by the code under
test:
* 1 Farvardin 1403 = 2024-03-20 and 1 Farvardin 1404 = 2025-03-21: Nowruz starts on the day of
  the March equinox when it falls before noon Tehran time (08:30 UTC), else the next day.
  Equinoxes: 2024-03-20 03:06 UTC (before noon), 2025-03-20 09:01 UTC (after), 2026-03-20 14:46
  UTC (after), 2028-03-20 02:17 UTC (before), 2029-03-20 08:02 UTC (before), 2030-03-20 13:52 UTC
  (after). Hence 1403 is leap (30 Esfand 1403 = 2025-03-20), 1404 is not, 1405/01/01 =
  2026-03-21, 1407/01/01 = 2028-03-20, 1408/01/01 = 2029-03-20 (so 1407 is a common year: the
  33-year cycle has a 5-year gap 1403 → 1408) and 1408 is leap.
* 15 Mehr 1403: six months of 31 days after 2024-03-20 give 1 Mehr = 2024-09-22, +14 = 2024-10-06
  (a Sunday).
* 22 Bahman 1357 = 1979-02-11 (the revolution's anniversary), 12 Farvardin 1358 = 1979-04-01,
  11 Dey 1348 = 1970-01-01 (the Unix epoch), 11 Dey 1378 = 2000-01-01, 23 Farvardin 1395 =
  2016-04-11 (the jalaali-js README example).
* 1436 / 1437 and 1469 / 1470 (where Qt disagrees): after 1408 the leap years go 1412 … 1436
  every 4 years, then 1441 (5-year gap), 1445 … 1469, then 1474. From 2025-03-21 (1404/01/01),
  32 Jalali years with 7 leap years (1408 … 1432) are 11 687 days, and 32 Gregorian years from
  2025-03-21 hold 8 leap days (2028 … 2056), 11 688 days: so 1436/01/01 = 2057-03-20. 1436 is
  leap: 1437/01/01 = 2058-03-21. 33 Jalali years 1436 … 1468 hold 8 leap years (1436, 1441, 1445,
  1449, 1453, 1457, 1461, 1465) = 12 053 days = 33 Gregorian years 2057 … 2089 with 8 leap days
  (2060 … 2088): 1469/01/01 = 2090-03-20; 1469 is leap: 1470/01/01 = 2091-03-21.
"""

from datetime import date, datetime, time

import pytest

from crm_desktop.core.jalali import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    add_jalali_months,
    format_date,
    format_date_long,
    format_datetime,
    format_time,
    from_iso,
    from_iso_datetime,
    from_jalali,
    is_leap,
    iso_date,
    iso_datetime,
    jalali_month_range,
    month_length,
    parse_date,
    parse_datetime,
    parse_time,
    to_jalali,
    weekday,
)
from crm_desktop.errors import ValidationError

KNOWN = [
    ((1403, 1, 1), date(2024, 3, 20)),
    ((1404, 1, 1), date(2025, 3, 21)),
    ((1403, 12, 30), date(2025, 3, 20)),
    ((1403, 7, 15), date(2024, 10, 6)),
    ((1403, 7, 1), date(2024, 9, 22)),
    ((1404, 12, 29), date(2026, 3, 20)),
    ((1405, 1, 1), date(2026, 3, 21)),
    ((1407, 1, 1), date(2028, 3, 20)),
    ((1407, 12, 29), date(2029, 3, 19)),
    ((1408, 1, 1), date(2029, 3, 20)),
    ((1399, 12, 30), date(2021, 3, 20)),
    ((1400, 1, 1), date(2021, 3, 21)),
    ((1357, 11, 22), date(1979, 2, 11)),
    ((1358, 1, 12), date(1979, 4, 1)),
    ((1348, 10, 11), date(1970, 1, 1)),
    ((1378, 10, 11), date(2000, 1, 1)),
    ((1395, 1, 23), date(2016, 4, 11)),
    ((1436, 1, 1), date(2057, 3, 20)),
    ((1436, 12, 30), date(2058, 3, 20)),
    ((1437, 1, 1), date(2058, 3, 21)),
    ((1469, 1, 1), date(2090, 3, 20)),
    ((1469, 12, 30), date(2091, 3, 20)),
    ((1470, 1, 1), date(2091, 3, 21)),
]


@pytest.mark.parametrize("jalali_ymd, gregorian", KNOWN)
def test_known_dates_both_ways(jalali_ymd, gregorian):
    assert to_jalali(gregorian) == jalali_ymd
    assert from_jalali(*jalali_ymd) == gregorian


def test_to_jalali_takes_a_datetime():
    assert to_jalali(datetime(2024, 10, 6, 23, 59)) == (1403, 7, 15)


@pytest.mark.parametrize("year", [1375, 1379, 1387, 1391, 1395, 1399, 1403, 1408, 1412, 1436, 1441, 1469])
def test_leap_years(year):
    assert is_leap(year)
    assert month_length(year, 12) == 30


@pytest.mark.parametrize("year", [1394, 1400, 1402, 1404, 1405, 1406, 1407, 1437, 1440, 1470])
def test_common_years(year):
    assert not is_leap(year)
    assert month_length(year, 12) == 29


@pytest.mark.parametrize("month, days", [(1, 31), (6, 31), (7, 30), (11, 30)])
def test_month_lengths(month, days):
    assert month_length(1403, month) == days
    assert month_length(1404, month) == days


@pytest.mark.parametrize("bad", [0, 13])
def test_month_length_refuses_a_month_that_does_not_exist(bad):
    with pytest.raises(ValueError):
        month_length(1403, bad)


def test_names():
    assert len(MONTH_NAMES) == 13
    assert MONTH_NAMES[1] == "فروردین"
    assert MONTH_NAMES[7] == "مهر"
    assert MONTH_NAMES[12] == "اسفند"
    assert WEEKDAY_NAMES == ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")


@pytest.mark.parametrize(
    "d, expected",
    [
        (date(2024, 10, 5), 0),  # Saturday
        (date(2024, 10, 6), 1),  # Sunday
        (date(2024, 3, 20), 4),  # Wednesday, Nowruz 1403
        (date(2025, 3, 21), 6),  # Friday, Nowruz 1404
        (date(2024, 10, 11), 6),  # Friday
    ],
)
def test_weekday_counts_from_saturday(d, expected):
    assert weekday(d) == expected


# --- parse_date ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "1403/07/15",
        "1403/7/15",
        "1403-07-15",
        "1403-7-15",
        " 1403 / 7 / 15 ",
        "۱۴۰۳/۰۷/۱۵",
        "۱۴۰۳/۷/۱۵",
        "١٤٠٣-٠٧-١٥",
        "14030715",
        "۱۴۰۳۰۷۱۵",
        "\u200f۱۴۰۳/۰۷/۱۵\u200f",
        "1403؍07؍15",
        "1403.7.15",  # the dot key of a Persian keyboard, as the import reads it too
        "۱۴۰۳٫۰۷٫۱۵",
    ],
)
def test_parse_date_accepts_every_digit_script_and_separator(text):
    assert parse_date(text) == date(2024, 10, 6)


def test_parse_date_leap_day_of_a_leap_year():
    assert parse_date("1403/12/30") == date(2025, 3, 20)
    assert parse_date("1399/12/30") == date(2021, 3, 20)


@pytest.mark.parametrize(
    "text, field, message",
    [
        ("1404/12/30", "تاریخ سررسید", "تاریخ سررسید: اسفند ۱۴۰۴ فقط ۲۹ روز دارد."),
        ("1404/12/30", "تاریخ", "تاریخ: اسفند ۱۴۰۴ فقط ۲۹ روز دارد."),
        ("1403/07/31", "تاریخ", "تاریخ: مهر ۱۴۰۳ فقط ۳۰ روز دارد."),
        ("1403/13/01", "تاریخ", "تاریخ: ماه باید بین ۱ تا ۱۲ باشد."),
        ("1403/00/10", "تاریخ تولد", "تاریخ تولد: ماه باید بین ۱ تا ۱۲ باشد."),
        ("1403/01/00", "تاریخ", "تاریخ: روز باید بین ۱ تا ۳۱ باشد."),
        ("1403/01/32", "تاریخ", "تاریخ: روز باید بین ۱ تا ۳۱ باشد."),
        ("abc", "تاریخ", "تاریخ: قالب تاریخ درست نیست؛ مانند ۱۴۰۳/۰۷/۱۵ بنویسید."),
        ("1403/07", "تاریخ", "تاریخ: قالب تاریخ درست نیست؛ مانند ۱۴۰۳/۰۷/۱۵ بنویسید."),
        ("1403/07/15/1", "تاریخ", "تاریخ: قالب تاریخ درست نیست؛ مانند ۱۴۰۳/۰۷/۱۵ بنویسید."),
        ("1403/007/15", "تاریخ", "تاریخ: قالب تاریخ درست نیست؛ مانند ۱۴۰۳/۰۷/۱۵ بنویسید."),
        ("03/07/15", "تاریخ", "تاریخ: سال را چهاررقمی بنویسید؛ مانند ۱۴۰۳."),
        ("15/07/1403", "تاریخ", "تاریخ: سال را اول بنویسید؛ مانند ۱۴۰۳/۰۷/۱۵."),
        (
            "2024/10/06",
            "تاریخ",
            "تاریخ: سال ۲۰۲۴ میلادی به نظر می‌رسد؛ تاریخ را خورشیدی بنویسید، مانند ۱۴۰۳/۰۷/۱۵.",
        ),
        ("1100/01/01", "تاریخ", "تاریخ: سال باید بین ۱۲۰۰ تا ۱۵۹۹ باشد."),
        ("", "تاریخ چک", "تاریخ چک را وارد کنید."),
        ("   ", "تاریخ", "تاریخ را وارد کنید."),
    ],
)
def test_parse_date_refuses_with_a_persian_message_naming_the_field(text, field, message):
    with pytest.raises(ValidationError) as caught:
        parse_date(text, field=field)
    assert caught.value.fa == message
    assert caught.value.field == field
    assert str(caught.value)  # an English message for the CLI and the logs


def test_parse_date_none_is_required():
    with pytest.raises(ValidationError) as caught:
        parse_date(None)
    assert caught.value.fa == "تاریخ را وارد کنید."


def test_from_jalali_refuses_a_date_that_does_not_exist():
    with pytest.raises(ValidationError) as caught:
        from_jalali(1437, 12, 30, field="تاریخ سررسید")
    assert caught.value.fa == "تاریخ سررسید: اسفند ۱۴۳۷ فقط ۲۹ روز دارد."
    with pytest.raises(ValidationError):
        from_jalali(1403, 13, 1)


# --- showing dates ---------------------------------------------------------------------------

def test_format_date():
    assert format_date(date(2024, 10, 6)) == "۱۴۰۳/۰۷/۱۵"
    assert format_date(date(2024, 10, 6), digits="latin") == "1403/07/15"
    assert format_date(date(2025, 3, 20)) == "۱۴۰۳/۱۲/۳۰"
    assert format_date(datetime(2024, 10, 6, 9, 30)) == "۱۴۰۳/۰۷/۱۵"
    assert format_date(None) == ""
    with pytest.raises(ValueError):
        format_date(date(2024, 10, 6), digits="roman")


def test_format_date_long():
    assert format_date_long(date(2024, 10, 6)) == "یکشنبه ۱۵ مهر ۱۴۰۳"
    assert format_date_long(date(2025, 3, 21)) == "جمعه ۱ فروردین ۱۴۰۴"
    assert format_date_long(date(2024, 3, 20)) == "چهارشنبه ۱ فروردین ۱۴۰۳"
    assert format_date_long(date(2024, 10, 6), digits="latin") == "یکشنبه 15 مهر 1403"


@pytest.mark.parametrize("d", [k[1] for k in KNOWN])
def test_format_then_parse_gives_the_same_date(d):
    assert parse_date(format_date(d)) == d
    assert parse_date(format_date(d, digits="latin")) == d


# --- times -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("۰۹:۳۰", time(9, 30)),
        ("٠٩:٣٠", time(9, 30)),
        (" 9 : 5 ", time(9, 5)),
        ("23:59:59", time(23, 59, 59)),
        ("0:00", time(0, 0)),
        ("9", time(9, 0)),
        ("۱۸", time(18, 0)),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text, field, message",
    [
        ("25:00", "ساعت", "ساعت: ساعت باید بین ۰ تا ۲۳ باشد."),
        ("24:00", "ساعت یادآوری", "ساعت یادآوری: ساعت باید بین ۰ تا ۲۳ باشد."),
        ("9:60", "ساعت", "ساعت: دقیقه باید بین ۰ تا ۵۹ باشد."),
        ("9:30:60", "ساعت", "ساعت: ثانیه باید بین ۰ تا ۵۹ باشد."),
        ("9.30", "ساعت", "ساعت: قالب ساعت درست نیست؛ مانند ۰۹:۳۰ بنویسید."),
        ("ساعت نه", "ساعت", "ساعت: قالب ساعت درست نیست؛ مانند ۰۹:۳۰ بنویسید."),
        ("", "ساعت ورود", "ساعت ورود را وارد کنید."),
    ],
)
def test_parse_time_refuses(text, field, message):
    with pytest.raises(ValidationError) as caught:
        parse_time(text, field=field)
    assert caught.value.fa == message
    assert caught.value.field == field


@pytest.mark.parametrize(
    "text",
    ["1403/07/15 09:30", "۱۴۰۳/۰۷/۱۵ ۰۹:۳۰", "1403-7-15  9:30", "09:30 1403/07/15", "۱۴۰۳۰۷۱۵ ۹:۳۰"],
)
def test_parse_datetime(text):
    assert parse_datetime(text) == datetime(2024, 10, 6, 9, 30)


@pytest.mark.parametrize(
    "text, message",
    [
        ("1403/07/15", "تاریخ و ساعت: تاریخ و ساعت را بنویسید؛ مانند ۱۴۰۳/۰۷/۱۵ ۰۹:۳۰."),
        ("09:30", "تاریخ و ساعت: تاریخ و ساعت را بنویسید؛ مانند ۱۴۰۳/۰۷/۱۵ ۰۹:۳۰."),
        ("1404/12/30 10:00", "تاریخ و ساعت: اسفند ۱۴۰۴ فقط ۲۹ روز دارد."),
        ("1403/07/15 24:00", "تاریخ و ساعت: ساعت باید بین ۰ تا ۲۳ باشد."),
        ("", "تاریخ و ساعت را وارد کنید."),
    ],
)
def test_parse_datetime_refuses(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_datetime(text)
    assert caught.value.fa == message


def test_format_time_and_datetime():
    assert format_time(time(9, 5)) == "۰۹:۰۵"
    assert format_time(time(9, 5, 7), seconds=True) == "۰۹:۰۵:۰۷"
    assert format_time(time(21, 30), digits="latin") == "21:30"
    assert format_time(None) == ""
    assert format_datetime(datetime(2024, 10, 6, 9, 30)) == "۱۴۰۳/۰۷/۱۵ ۰۹:۳۰"
    assert format_datetime(datetime(2024, 10, 6, 9, 30), digits="latin") == "1403/07/15 09:30"
    assert format_datetime(None) == ""


# --- storage form ----------------------------------------------------------------------------

def test_iso_forms():
    assert iso_date(date(2024, 10, 6)) == "2024-10-06"
    assert iso_date(datetime(2024, 10, 6, 9, 30)) == "2024-10-06"
    assert from_iso("2024-10-06") == date(2024, 10, 6)
    assert from_iso(" 2025-03-20T08:30:00 ") == date(2025, 3, 20)
    assert iso_datetime(datetime(2025, 3, 20, 8, 30, 0, 123456)) == "2025-03-20T08:30:00"
    assert from_iso_datetime("2025-03-20T08:30:00") == datetime(2025, 3, 20, 8, 30)
    assert from_iso_datetime("2025-03-20") == datetime(2025, 3, 20)


@pytest.mark.parametrize("bad", ["2025-02-30", "1403/07/15", "", "yesterday"])
def test_from_iso_refuses_malformed_storage_text(bad):
    with pytest.raises(ValueError):
        from_iso(bad)


def test_iso_datetime_makes_an_aware_value_local_and_naive():
    from datetime import timezone

    aware = datetime(2025, 3, 20, 5, 0, tzinfo=timezone.utc)
    text = iso_datetime(aware)
    assert "+" not in text and len(text) == 19
    assert from_iso_datetime(text) == aware.astimezone().replace(tzinfo=None)


# --- month arithmetic ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "year, month, first, last",
    [
        (1403, 12, date(2025, 2, 19), date(2025, 3, 20)),  # 30 days: 1403 is leap
        (1404, 12, date(2026, 2, 20), date(2026, 3, 20)),  # 29 days
        (1403, 7, date(2024, 9, 22), date(2024, 10, 21)),
        (1403, 1, date(2024, 3, 20), date(2024, 4, 19)),
    ],
)
def test_jalali_month_range(year, month, first, last):
    assert jalali_month_range(year, month) == (first, last)


@pytest.mark.parametrize(
    "year, month, n, expected",
    [
        (1403, 12, 1, (1404, 1)),
        (1403, 1, -1, (1402, 12)),
        (1403, 7, 18, (1405, 1)),
        (1403, 7, 0, (1403, 7)),
        (1403, 1, -13, (1401, 12)),
        (1403, 5, 12, (1404, 5)),
    ],
)
def test_add_jalali_months(year, month, n, expected):
    assert add_jalali_months(year, month, n) == expected
