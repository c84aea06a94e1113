"""core.money: Rial amounts shown, typed and guarded. Expected strings written by hand."""

import pytest

from crm_desktop.core.money import (
    MAX_AMOUNT,
    format_amount,
    guarded_amount,
    parse_amount,
    rials_to_toman,
)
from crm_desktop.errors import ValidationError

SEP = "\u066c"  # ٬ ARABIC THOUSANDS SEPARATOR
DEC = "\u066b"  # ٫ ARABIC DECIMAL SEPARATOR


@pytest.mark.parametrize(
    "rials, kwargs, text",
    [
        (1250000, {}, "۱٬۲۵۰٬۰۰۰"),
        (0, {}, "۰"),
        (999, {}, "۹۹۹"),
        (1000, {}, "۱٬۰۰۰"),
        (-1250000, {}, "-۱٬۲۵۰٬۰۰۰"),
        (1250000, {"digits": "latin"}, "1,250,000"),
        (1250000, {"with_unit": True}, "۱٬۲۵۰٬۰۰۰ ریال"),
        (1250000, {"unit": "toman"}, "۱۲۵٬۰۰۰"),
        (1250000, {"unit": "toman", "with_unit": True}, "۱۲۵٬۰۰۰ تومان"),
        (12345, {"unit": "toman"}, "۱٬۲۳۴٫۵"),
        (12345, {"unit": "toman", "digits": "latin"}, "1,234.5"),
        (5, {"unit": "toman"}, "۰٫۵"),
        (-15, {"unit": "toman"}, "-۱٫۵"),
        (10**18 - 1, {"digits": "latin"}, "999,999,999,999,999,999"),
    ],
)
def test_format_amount(rials, kwargs, text):
    assert format_amount(rials, **kwargs) == text


def test_separators_are_the_arabic_ones():
    assert format_amount(1250000) == "۱" + SEP + "۲۵۰" + SEP + "۰۰۰"
    assert format_amount(12345, unit="toman") == "۱" + SEP + "۲۳۴" + DEC + "۵"


@pytest.mark.parametrize("kwargs", [{"unit": "dollar"}, {"digits": "roman"}])
def test_format_amount_refuses_unknown_options(kwargs):
    with pytest.raises(ValueError):
        format_amount(1000, **kwargs)


@pytest.mark.parametrize("bad", [1.5, "1000", None, True])
def test_format_amount_takes_only_ints(bad):
    with pytest.raises(TypeError):
        format_amount(bad)


def test_guarded_amount():
    assert guarded_amount(1250000) == "#۱٬۲۵۰٬۰۰۰#"
    assert guarded_amount(1250000, digits="latin") == "#1,250,000#"
    assert guarded_amount(1250000, unit="toman") == "#۱۲۵٬۰۰۰#"


def test_rials_to_toman():
    assert rials_to_toman(1250005) == (125000, 5)
    assert rials_to_toman(1250000) == (125000, 0)


@pytest.mark.parametrize(
    "text",
    [
        "1250000",
        "۱۲۵۰۰۰۰",
        "١٢٥٠٠٠٠",
        "1,250,000",
        "۱٬۲۵۰٬۰۰۰",
        "۱،۲۵۰،۰۰۰",
        "١٬٢٥٠٬٠٠٠",
        "1 250 000",
        "1\u00a0250\u00a0000",
        "1'250'000",
        "1.250.000",
        " 1,250,000 ",
        "\u200f۱٬۲۵۰٬۰۰۰\u200f",
        "0001250000",
        1250000,
    ],
)
def test_parse_amount_accepts(text):
    assert parse_amount(text) == 1250000


def test_parse_amount_small_values():
    assert parse_amount("0") == 0
    assert parse_amount("۹۹۹") == 999
    assert parse_amount("1,000") == 1000
    assert parse_amount(str(MAX_AMOUNT)) == MAX_AMOUNT


@pytest.mark.parametrize(
    "text, rials",
    [
        ("125,000", 1250000),
        ("۱۲۵٬۰۰۰", 1250000),
        ("1,234.5", 12345),
        ("۱٬۲۳۴٫۵", 12345),
        ("12.50", 125),
        ("1.250.000", 12500000),
        ("0/5", 5),
    ],
)
def test_parse_amount_in_toman(text, rials):
    assert parse_amount(text, unit="toman") == rials


@pytest.mark.parametrize(
    "text, field, message",
    [
        ("", "مبلغ", "مبلغ را وارد کنید."),
        (None, "مبلغ چک", "مبلغ چک را وارد کنید."),
        ("-1000", "مبلغ", "مبلغ: نمی‌تواند منفی باشد."),
        ("-1000", "مبلغ چک", "مبلغ چک: نمی‌تواند منفی باشد."),
        ("1000-", "مبلغ", "مبلغ: نمی‌تواند منفی باشد."),
        ("−۱۰۰۰", "مبلغ", "مبلغ: نمی‌تواند منفی باشد."),
        (
            "1.5",
            "مبلغ",
            "مبلغ: ریال اعشار ندارد؛ بدون ممیز بنویسید و برای جدا کردن سه‌رقمی‌ها از «٬» یا «,» استفاده کنید.",
        ),
        (
            "1.500",
            "مبلغ",
            "مبلغ: ریال اعشار ندارد؛ بدون ممیز بنویسید و برای جدا کردن سه‌رقمی‌ها از «٬» یا «,» استفاده کنید.",
        ),
        (
            "۱۲٫۵",
            "مبلغ",
            "مبلغ: ریال اعشار ندارد؛ بدون ممیز بنویسید و برای جدا کردن سه‌رقمی‌ها از «٬» یا «,» استفاده کنید.",
        ),
        ("12abc", "مبلغ", "مبلغ: فقط رقم بنویسید؛ حروف و نشانه‌های دیگر پذیرفته نیست."),
        ("یک میلیون", "مبلغ", "مبلغ: فقط رقم بنویسید؛ حروف و نشانه‌های دیگر پذیرفته نیست."),
        ("1,250,000 ریال", "مبلغ", "مبلغ: فقط رقم بنویسید؛ حروف و نشانه‌های دیگر پذیرفته نیست."),
        ("+1000", "مبلغ", "مبلغ: فقط رقم بنویسید؛ حروف و نشانه‌های دیگر پذیرفته نیست."),
        ("1,25,000", "مبلغ", "مبلغ: جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
        ("12,50000", "مبلغ", "مبلغ: جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
        ("1,250,00", "مبلغ", "مبلغ: جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
        ("1250 000", "مبلغ", "مبلغ: جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
        ("1.2.3", "مبلغ", "مبلغ: جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
        (",250", "مبلغ", "مبلغ: جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
        ("1/2/3", "مبلغ", "مبلغ: عدد درستی نیست؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
        ("1,000,000,000,000,000,000", "مبلغ", "مبلغ: بیش از اندازه بزرگ است."),
    ],
)
def test_parse_amount_refuses_with_a_persian_message_naming_the_field(text, field, message):
    with pytest.raises(ValidationError) as caught:
        parse_amount(text, field=field)
    assert caught.value.fa == message
    assert caught.value.field == field


def test_parse_amount_toman_takes_one_decimal_only():
    with pytest.raises(ValidationError) as caught:
        parse_amount("1.25", unit="toman")
    assert caught.value.fa == "مبلغ: تومان حداکثر یک رقم اعشار دارد (هر تومان ده ریال است)."


@pytest.mark.parametrize("rials", [0, 5, 999, 1000, 1250000, 1250005, 10**17 + 3])
def test_format_then_parse_gives_the_same_amount(rials):
    assert parse_amount(format_amount(rials)) == rials
    assert parse_amount(format_amount(rials, digits="latin")) == rials
    assert parse_amount(format_amount(rials, unit="toman"), unit="toman") == rials
    assert parse_amount(format_amount(rials, unit="toman", digits="latin"), unit="toman") == rials
