"""core.words: numbers, amounts, ordinals and dates in Persian words, as a cheque needs them.

All expected strings are written by hand. Choices under test: «یکصد» (never bare «صد») and
«یک هزار» (never bare «هزار»); amounts of 10¹² and more are counted in «میلیارد»
(«یک هزار میلیارد»), not «تریلیون»; 30th is «سی‌ام» with a ZWNJ.
"""

from datetime import date

import pytest

from crm_desktop.core.words import (
    MAX_NUMBER,
    amount_in_words,
    date_in_words,
    number_to_words,
    ordinal_words,
    toman_equivalent_words,
)

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "صفر"),
        (1, "یک"),
        (2, "دو"),
        (3, "سه"),
        (5, "پنج"),
        (9, "نه"),
        (10, "ده"),
        (11, "یازده"),
        (12, "دوازده"),
        (13, "سیزده"),
        (14, "چهارده"),
        (15, "پانزده"),
        (16, "شانزده"),
        (17, "هفده"),
        (18, "هجده"),
        (19, "نوزده"),
        (20, "بیست"),
        (21, "بیست و یک"),
        (30, "سی"),
        (40, "چهل"),
        (55, "پنجاه و پنج"),
        (60, "شصت"),
        (77, "هفتاد و هفت"),
        (80, "هشتاد"),
        (99, "نود و نه"),
        (100, "یکصد"),
        (101, "یکصد و یک"),
        (110, "یکصد و ده"),
        (115, "یکصد و پانزده"),
        (200, "دویست"),
        (250, "دویست و پنجاه"),
        (300, "سیصد"),
        (405, "چهارصد و پنج"),
        (500, "پانصد"),
        (600, "ششصد"),
        (700, "هفتصد"),
        (800, "هشتصد"),
        (999, "نهصد و نود و نه"),
        (1000, "یک هزار"),
        (1001, "یک هزار و یک"),
        (1100, "یک هزار و یکصد"),
        (1403, "یک هزار و چهارصد و سه"),
        (2000, "دو هزار"),
        (10000, "ده هزار"),
        (12500, "دوازده هزار و پانصد"),
        (100000, "یکصد هزار"),
        (125000, "یکصد و بیست و پنج هزار"),
        (999999, "نهصد و نود و نه هزار و نهصد و نود و نه"),
        (1000000, "یک میلیون"),
        (1000001, "یک میلیون و یک"),
        (1001000, "یک میلیون و یک هزار"),
        (1250000, "یک میلیون و دویست و پنجاه هزار"),
        (15000000, "پانزده میلیون"),
        (100000000, "یکصد میلیون"),
        (1000000000, "یک میلیارد"),
        (1000000001, "یک میلیارد و یک"),
        (2500000000, "دو میلیارد و پانصد میلیون"),
        (1000000000000, "یک هزار میلیارد"),
        (2500000000000, "دو هزار و پانصد میلیارد"),
        (
            1234567890123,
            "یک هزار و دویست و سی و چهار میلیارد و پانصد و شصت و هفت میلیون و هشتصد و نود هزار"
            " و یکصد و بیست و سه",
        ),
        (1000000000000000, "یک میلیون میلیارد"),
        (
            10**18 - 1,
            "نهصد و نود و نه میلیون و نهصد و نود و نه هزار و نهصد و نود و نه میلیارد"
            " و نهصد و نود و نه میلیون و نهصد و نود و نه هزار و نهصد و نود و نه",
        ),
        (-1250, "منفی یک هزار و دویست و پنجاه"),
    ],
)
def test_number_to_words(n, words):
    assert number_to_words(n) == words


def test_never_a_bare_hundred_or_thousand():
    for n in (100, 1000, 100000, 1100, 1001000, 101000000):
        words = number_to_words(n).split(" ")
        assert "صد" not in words
        for i, word in enumerate(words):
            if word == "هزار":
                assert i > 0 and words[i - 1] != "و", n


@pytest.mark.parametrize("n", [10**18, -(10**18), 10**30])
def test_beyond_range_raises(n):
    with pytest.raises(ValueError):
        number_to_words(n)


@pytest.mark.parametrize("n", [1.5, "12", None, True])
def test_only_ints(n):
    with pytest.raises(TypeError):
        number_to_words(n)


def test_max_number():
    assert MAX_NUMBER == 999_999_999_999_999_999


@pytest.mark.parametrize(
    "n, words",
    [
        (1, "یکم"),
        (2, "دوم"),
        (3, "سوم"),
        (4, "چهارم"),
        (5, "پنجم"),
        (9, "نهم"),
        (10, "دهم"),
        (11, "یازدهم"),
        (13, "سیزدهم"),
        (15, "پانزدهم"),
        (20, "بیستم"),
        (21, "بیست و یکم"),
        (23, "بیست و سوم"),
        (29, "بیست و نهم"),
        (30, "سی" + ZWNJ + "ام"),
        (31, "سی و یکم"),
        (33, "سی و سوم"),
        (100, "یکصدم"),
        (130, "یکصد و سی" + ZWNJ + "ام"),
        (1000, "یک هزارم"),
    ],
)
def test_ordinal_words(n, words):
    assert ordinal_words(n) == words


def test_thirtieth_is_never_siyom():
    assert ordinal_words(30) != "سیم"
    assert "سیم" not in ordinal_words(30)


@pytest.mark.parametrize("n", [0, -1])
def test_ordinals_start_at_one(n):
    with pytest.raises(ValueError):
        ordinal_words(n)


@pytest.mark.parametrize(
    "rials, unit, words",
    [
        (1250000, "ریال", "یک میلیون و دویست و پنجاه هزار ریال"),
        (1000, "ریال", "یک هزار ریال"),
        (0, "ریال", "صفر ریال"),
        (100000, "ریال", "یکصد هزار ریال"),
        (125000, "تومان", "یکصد و بیست و پنج هزار تومان"),
        (1250000, "", "یک میلیون و دویست و پنجاه هزار"),
    ],
)
def test_amount_in_words(rials, unit, words):
    assert amount_in_words(rials, unit=unit) == words


def test_amount_in_words_default_unit_is_rial():
    assert amount_in_words(1001000) == "یک میلیون و یک هزار ریال"


@pytest.mark.parametrize(
    "rials, words",
    [
        (1250000, "معادل یکصد و بیست و پنج هزار تومان"),
        (10000, "معادل یک هزار تومان"),
        (1250005, "معادل یکصد و بیست و پنج هزار تومان و پنج ریال"),
        (15, "معادل یک تومان و پنج ریال"),
        (5, "معادل پنج ریال"),
        (0, "معادل صفر تومان"),
    ],
)
def test_toman_equivalent_words_never_rounds(rials, words):
    assert toman_equivalent_words(rials) == words


@pytest.mark.parametrize(
    "d, words",
    [
        (date(2024, 10, 6), "پانزدهم مهر یک هزار و چهارصد و سه"),
        (date(2025, 3, 20), "سی" + ZWNJ + "ام اسفند یک هزار و چهارصد و سه"),
        (date(2025, 3, 21), "یکم فروردین یک هزار و چهارصد و چهار"),
        (date(2024, 3, 22), "سوم فروردین یک هزار و چهارصد و سه"),
        (date(2024, 4, 11), "بیست و سوم فروردین یک هزار و چهارصد و سه"),
        (date(1979, 2, 11), "بیست و دوم بهمن یک هزار و سیصد و پنجاه و هفت"),
    ],
)
def test_date_in_words(d, words):
    assert date_in_words(d) == words


def test_date_in_words_with_weekday():
    assert date_in_words(date(2024, 10, 6), with_weekday=True) == "یکشنبه پانزدهم مهر یک هزار و چهارصد و سه"
