"""The reminder model: the repeat rule's JSON, its Persian description, validation with Persian
messages naming the field and the reason, and the advance («پیش از موعد») parser."""

from datetime import date, datetime

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.reminders.model import Reminder, Repeat, advance_label, parse_advance

START = datetime(2024, 10, 1, 9, 0)  # 1403/07/10, a Tuesday


def refused(field: str, **changes) -> ValidationError:
    values = dict(subject="جلسه", starts_at=START)
    values.update(changes)
    with pytest.raises(ValidationError) as info:
        Reminder(**values).validate()
    assert info.value.field == field
    return info.value


def test_repeat_json_round_trips_and_none_is_empty():
    assert Repeat().to_json() == "{}"
    assert Repeat(kind="none", skip_fridays=True).to_json() == "{}"
    assert Repeat.from_json("{}") == Repeat()
    rules = [
        Repeat(kind="weekly", weekdays=(2, 0), skip_fridays=True),
        Repeat(kind="every_n_days", every=3, end="count", count=5),
        Repeat(kind="monthly", month_day=31, end="until", until=date(2025, 3, 20), skip_holidays=True),
        Repeat(kind="yearly", month=12, day=30),
        Repeat(kind="daily"),
    ]
    for rule in rules:
        again = Repeat.from_json(rule.to_json())
        assert again == Repeat(**{**rule.__dict__, "weekdays": tuple(sorted(rule.weekdays))})
    assert '"skip_holidays":true' in rules[2].to_json()


def test_describe_in_persian():
    assert Repeat().describe() == "بدون تکرار"
    assert Repeat(kind="daily").describe() == "هر روز"
    assert Repeat(kind="every_n_days", every=3).describe() == "هر ۳ روز یک بار"
    assert Repeat(kind="weekly", weekdays=(2, 0)).describe() == "هر هفته: شنبه، دوشنبه"
    assert Repeat(kind="monthly", month_day=31, skip_fridays=True).describe() == \
        "هر ماه روز ۳۱ام (ماه‌های کوتاه‌تر: روز آخر)، بدون جمعه‌ها"
    assert Repeat(kind="monthly").describe(START) == "هر ماه روز ۱۰ام"
    assert Repeat(kind="yearly", month=7, day=15, end="count", count=3).describe() == "هر سال ۱۵ مهر، ۳ بار"
    assert Repeat(kind="daily", end="until", until=date(2025, 3, 20)).describe() == "هر روز، تا ۱۴۰۳/۱۲/۳۰"


def test_a_sound_reminder_validates():
    Reminder("جلسه", START, advance=(15, 1440), repeat=Repeat(kind="weekly", weekdays=(0,))).validate()


def test_subject_priority_and_advance_are_checked():
    refused("موضوع", subject="  ")
    refused("موضوع", subject="الف" * 201)
    refused("اولویت", priority=3)
    refused("یادآوری پیش از موعد", advance=(0,))
    refused("یادآوری پیش از موعد", advance=(60 * 24 * 60 + 1,))
    Reminder("جلسه", START, advance=(60 * 24 * 60,)).validate()


@pytest.mark.parametrize("repeat, words", [
    (Repeat(kind="weekly"), "روز هفته"),
    (Repeat(kind="every_n_days", every=0), "فاصله"),
    (Repeat(kind="monthly", month_day=32), "روز ماه"),
    (Repeat(kind="daily", end="count", count=0), "تعداد"),
    (Repeat(kind="daily", end="until", until=date(2024, 9, 30)), "پیش از تاریخ شروع"),
    (Repeat(kind="yearly", month=7, day=31), "هیچ‌گاه رخ نمی‌دهد"),
    (Repeat(kind="weekly", weekdays=(6,), skip_fridays=True), "هیچ‌گاه رخ نمی‌دهد: تنها روز برگزیده جمعه"),
    # every 7 days from a Friday: always a Friday
    (Repeat(kind="every_n_days", every=7, skip_fridays=True), "هیچ‌گاه رخ نمی‌دهد"),
    (Repeat(kind="sometimes"), "نوع تکرار"),
])
def test_bad_repeat_rules_name_the_reason(repeat, words):
    starts = datetime(2024, 10, 4, 9, 0) if repeat.every == 7 else START  # 2024-10-04 is a Friday
    error = refused("تکرار", repeat=repeat, starts_at=starts)
    assert words in error.fa


def test_a_rule_that_ends_before_a_non_friday_never_fires():
    # daily from Friday 2024-10-04, Fridays skipped, until that same Friday: nothing is left
    error = refused("تکرار", starts_at=datetime(2024, 10, 4, 9), repeat=Repeat(
        kind="daily", end="until", until=date(2024, 10, 4), skip_fridays=True))
    assert "هیچ‌گاه رخ نمی‌دهد" in error.fa


@pytest.mark.parametrize("text, minutes", [
    ("15 دقیقه", 15), ("2 ساعت", 120), ("1 روز", 1440), ("15m", 15), ("2h", 120), ("1d", 1440),
    ("۱ ساعت و ۳۰ دقیقه", 90), ("۴۵", 45), ("2 روز پیش از موعد", 2880), (" ۳ ساعت ", 180),
])
def test_parse_advance(text, minutes):
    assert parse_advance(text) == minutes


@pytest.mark.parametrize("text", ["", "abc", "0", "۱۵ سال", "61 روز", "-5"])
def test_parse_advance_refuses(text):
    with pytest.raises(ValidationError) as info:
        parse_advance(text)
    assert info.value.field == "یادآوری پیش از موعد"


def test_advance_label():
    assert advance_label(90) == "۱ ساعت و ۳۰ دقیقه پیش از موعد"
    assert advance_label(1440) == "۱ روز پیش از موعد"
    assert advance_label(15) == "۱۵ دقیقه پیش از موعد"
    assert advance_label(1500) == "۱ روز و ۱ ساعت پیش از موعد"
