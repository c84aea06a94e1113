"""core.phone: every written form of a number meets in one national form."""

import pytest

from crm_desktop.core.phone import extra_text, format_phone, is_mobile, national_form, phone_digits, split_numbers


@pytest.mark.parametrize(
    "text",
    [
        "+98 912 123 4567",
        "+989121234567",
        "0098 912 123 4567",
        "00989121234567",
        "98 912 123 4567",
        "989121234567",
        "09121234567",
        "0912-123-4567",
        "(0912) 123 4567",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷",
        "912 123 4567",
        "9121234567",
        "\u200e+98 912 123 4567\u200e",
        "+98 (0)912 123 4567",
    ],
)
def test_mobile_forms_meet(text):
    assert national_form(text) == "09121234567"


@pytest.mark.parametrize(
    "text",
    [
        "021-8877 6655",
        "02188776655",
        "+98 21 88776655",
        "+98 (0)21 8877 6655",
        "0098 21 8877 6655",
        "98 21 8877 6655",
        "۰۲۱-۸۸۷۷۶۶۵۵",
        "21 8877 6655",
        "021 8877 6655 داخلی 214",
        "021-88776655 ext. 12",
        "Tel: 021 8877 6655",
        "fax: 021 8877 6655",
        "021 8877 6655، 021 8877 6656",
    ],
)
def test_landline_forms_meet(text):
    assert national_form(text) == "02188776655"


@pytest.mark.parametrize(
    "text, national",
    [
        ("110", "110"),  # police
        ("125", "125"),
        ("۲۱۴", "214"),  # an internal extension
        ("8877 6655", "88776655"),  # a local number without its area code
        ("+1 555 123 4567", "+15551234567"),
        ("001 555 123 4567", "+15551234567"),
        ("+44 20 7946 0958", "+442079460958"),
        # a trunk 0 in brackets after the country code is not dialled from abroad: any country
        ("+44 (0) 20 7946 0999", "+442079460999"),
        ("+44(0)20 7946 0999", "+442079460999"),
        ("0044 (0)20 7946 0999", "+442079460999"),
        ("(+49) (0)30 1234 5678", "+493012345678"),
        ("+33 (0)1 42 68 53 00", "+33142685300"),
        ("+44 20 (0) 7946 0999", "+4420079460999"),  # not after the country code: a digit of its own
        ("+4 (0) 20 7946", "+40207946"),  # +4 is no country code
        ("*4444", "*4444"),  # a star service code: its star is dialled
        ("* ۴۴۴۴", "*4444"),
        ("", ""),
        (None, ""),
        ("بدون شماره", ""),
    ],
)
def test_other_numbers(text, national):
    assert national_form(text) == national


def test_phone_digits():
    assert phone_digits("+98 (912) 123-4567") == "989121234567"
    assert phone_digits("۰۹۱۲ ۱۲۳") == "0912123"
    assert phone_digits("٠٢١") == "021"
    assert phone_digits(None) == ""
    assert phone_digits("تلفن") == ""


@pytest.mark.parametrize(
    "text, shown",
    [
        ("09121234567", "۰۹۱۲ ۱۲۳ ۴۵۶۷"),
        ("+98 912 123 4567", "۰۹۱۲ ۱۲۳ ۴۵۶۷"),
        ("02188776655", "۰۲۱ ۸۸۷۷ ۶۶۵۵"),
        ("03132345678", "۰۳۱ ۳۲۳۴ ۵۶۷۸"),
        ("88776655", "۸۸۷۷ ۶۶۵۵"),
        ("110", "۱۱۰"),
        ("+15551234567", "+۱ ۵۵۵ ۱۲۳ ۴۵۶۷"),
        ("*4444", "*۴۴۴۴"),
        ("", ""),
    ],
)
def test_format_phone(text, shown):
    assert format_phone(text) == shown


@pytest.mark.parametrize(
    "text, shown",
    [
        # as typed, and as stored (one run of digits): the country code, then that country's groups
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("+442079460958", "+44 20 7946 0958"),
        ("0044-20-7946-0958", "+44 20 7946 0958"),
        ("+447700900123", "+44 7700 900123"),
        ("+441214960000", "+44 121 496 0000"),
        ("+1 (202) 555-0100", "+1 202 555 0100"),
        ("001 555 123 4567", "+1 555 123 4567"),
        ("00493012345678", "+49 30 12345678"),
        ("+4915123456789", "+49 151 23456789"),
        ("+971501234567", "+971 50 123 4567"),
        ("+97141234567", "+971 4 123 4567"),
        ("+902125551234", "+90 212 555 12 34"),
        ("+74951234567", "+7 495 123 45 67"),
        ("+8613800138000", "+86 138 0013 8000"),
        # countries without a line of their own: groups of three, four at the end
        ("+93701234567", "+93 70 123 4567"),
        ("+9647701234567", "+964 770 123 4567"),
        ("+3212345678", "+32 1234 5678"),
        ("+35312345", "+353 12345"),
        ("+123", "+1 23"),
    ],
)
def test_a_foreign_number_is_shown_grouped(text, shown):
    assert format_phone(text, digits="latin") == shown
    assert format_phone(text) == shown.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    # only the showing changes: what is shown reads back as the same stored, searched number,
    # and as one number
    assert national_form(format_phone(text)) == national_form(text)
    assert split_numbers(format_phone(text)) == [(format_phone(text), "")]


@pytest.mark.parametrize(
    "text, shown",
    [
        # typed with groups of its own: those groups, single spaces between them
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00"),
        ("+61 2 9374 4000", "+61 2 9374 4000"),
        ("+33-1-42-68-53-00", "+33 1 42 68 53 00"),
        ("0033 1.42.68.53.00", "+33 1 42 68 53 00"),
        ("00 33  1 42 68 53 00", "+33 1 42 68 53 00"),
        ("+۳۳ ۱ ۴۲ ۶۸ ۵۳ ۰۰", "+33 1 42 68 53 00"),
        ("+3314 268 5300", "+33 14 268 5300"),  # the country code always stands apart
        ("+44 (0) 20 7946 0999", "+44 20 7946 0999"),  # without the trunk 0
        ("+44 (0)207 946 0999", "+44 207 946 0999"),
        ("+44 20 7946 0958 داخلی 12", "+44 20 7946 0958"),  # the extension is shown beside it
        # no groups after the country code: the country's, or threes ending with four
        ("+33 142685300", "+33 14 268 5300"),
        ("+61293744000", "+61 29 374 4000"),
        ("+9 71 50 123 4567", "+971 50 123 4567"),  # the country code written apart: not its groups
    ],
)
def test_a_foreign_number_is_shown_as_it_was_typed(text, shown):
    assert format_phone(text, digits="latin") == shown
    national = national_form(text)
    assert format_phone(national, digits="latin", typed=text) == shown  # stored: national + as typed
    assert national_form(format_phone(text)) == national
    assert split_numbers(format_phone(text)) == [(format_phone(text), "")]


def test_the_typed_form_only_groups_the_foreign_number_it_writes():
    assert format_phone("+33142685300", typed="+33 1 42 68 53 00") == "+۳۳ ۱ ۴۲ ۶۸ ۵۳ ۰۰"
    assert format_phone("+33142685300", typed="+33 1 42 68 53 01") == "+۳۳ ۱۴ ۲۶۸ ۵۳۰۰"  # another number
    assert format_phone("+33142685300", typed="") == "+۳۳ ۱۴ ۲۶۸ ۵۳۰۰"
    assert format_phone("09121234567", typed="09 12 12 34 567") == "۰۹۱۲ ۱۲۳ ۴۵۶۷"  # Iran: always its groups
    assert format_phone("02188776655", digits="latin", typed="021-88-77-66-55") == "021 8877 6655"


def test_format_phone_latin():
    assert format_phone("09121234567", digits="latin") == "0912 123 4567"
    assert format_phone("02188776655", digits="latin") == "021 8877 6655"
    with pytest.raises(ValueError):
        format_phone("09121234567", digits="arabic")


@pytest.mark.parametrize(
    "text, mobile",
    [
        ("09121234567", True),
        ("+98 935 123 4567", True),
        ("۰۹۹۰ ۱۲۳ ۴۵۶۷", True),
        ("02188776655", False),
        ("0912123456", False),
        ("110", False),
        ("", False),
    ],
)
def test_is_mobile(text, mobile):
    assert is_mobile(text) is mobile


@pytest.mark.parametrize("text", [
    "۰۹۱۲\u200c۱۲۳\u200c۴۵۶۷", "(+98) 912 123 4567", "0912_123_4567", "+98 (0)912 123 4567", "*4444",
    "0912\u2014123\u20144567", "021 8877 6655",
])
def test_one_number_written_apart_has_no_extra_text(text):
    assert extra_text(text) == ""


@pytest.mark.parametrize("text, numbers", [
    ("0912 123 4567", [("0912 123 4567", "")]),
    ("021-8877-6655", [("021-8877-6655", "")]),  # groups of one number
    ("66554433-4", [("66554433", ""), ("66554434", "")]),
    ("88776655/6", [("88776655", ""), ("88776656", "")]),  # the next line, as with a dash
    ("021-88776655 و 56", [("021-88776655", ""), ("021-88776656", "")]),
    ("021-66554433 / 66554434", [("021-66554433", ""), ("021-66554434", "")]),  # the same city's line
    ("021-66554433 - 66554434", [("021-66554433", ""), ("021-66554434", "")]),
    ("88776655 - 66554433", [("88776655", ""), ("66554433", "")]),  # no area code to share
    ("09121234567 / 66554433", [("09121234567", ""), ("66554433", "")]),  # a mobile has none
    ("021 8877 6655، 8877 6656", [("021 8877 6655", ""), ("8877 6656", "")]),  # a list: each its own
    ("021 8877 6655، 12", [("021 8877 6655", "12")]),
    ("021-88776655 داخلی 56", [("021-88776655", "56")]),
    ("021-88776655 x56", [("021-88776655", "56")]),
    ("021 88776655 داخلی 12 و 13", [("021 88776655", "12"), ("021 88776655", "13")]),
    ("*4444", [("*4444", "")]),
    ("", []),
])
def test_split_numbers(text, numbers):
    assert split_numbers(text) == numbers
