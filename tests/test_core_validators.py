"""core.validators: the exact Iranian algorithms, with hand-checked vectors.

National code check (weights 10..2 on the first nine digits, r = sum mod 11, check = r if r < 2
else 11 - r), worked by hand:
* 0076229645: 0·10 + 0·9 + 7·8 + 6·7 + 2·6 + 2·5 + 9·4 + 6·3 + 4·2
  = 56 + 42 + 12 + 10 + 36 + 18 + 8 = 182; 182 = 16·11 + 6; check 11 − 6 = 5. ✓
* 1583250689: 10 + 45 + 64 + 21 + 12 + 25 + 0 + 18 + 16 = 211; 211 = 19·11 + 2; check 9. ✓
* 11537027 (8 digits) → 0011537027: 0 + 0 + 8 + 7 + 30 + 15 + 28 + 0 + 4 = 92; 92 = 8·11 + 4;
  check 7. ✓
* 1234567891: 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210; 210 = 19·11 + 1; r < 2 so the
  check is 1. ✓ (1234567890 is therefore wrong.)
* 1000000060: 1·10 + 6·2 = 22; 22 = 2·11 + 0; check 0. ✓
* 1111111111 passes the arithmetic (1·54 = 54; 54 mod 11 = 10; check 1) but is all-same digits.

Legal national ID (t = 10th digit + 2; s = Σ (dᵢ + t)·w, w = 29 27 23 19 17 29 27 23 19 17;
r = s mod 11, 10 → 0; r is the 11th digit):
* 10380284790 (the persian-tools example): t = 9 + 2 = 11; (1+11)·29 = 348, (0+11)·27 = 297,
  (3+11)·23 = 322, (8+11)·19 = 361, (0+11)·17 = 187, (2+11)·29 = 377, (8+11)·27 = 513,
  (4+11)·23 = 345, (7+11)·19 = 342, (9+11)·17 = 340; s = 3432 = 312·11; r = 0. ✓
* 10100543218: t = 1 + 2 = 3; 4·29 = 116, 3·27 = 81, 4·23 = 92, 3·19 = 57, 3·17 = 51,
  8·29 = 232, 7·27 = 189, 6·23 = 138, 5·19 = 95, 4·17 = 68; s = 1119 = 101·11 + 8; r = 8. ✓
* 11111111111: t = 3; 4·(29+27+23+19+17)·2 = 920 = 83·11 + 7; r = 7 ≠ 1. ✗

Sheba (ISO 13616 mod 97), IR062960000000100324200001 (the Iranian example IBAN in Wikipedia's
IBAN article): rearranged 2960000000100324200001 + 18 27 + 06; piecewise: 296000000 mod 97 = 38;
380100324 mod 97 = 4; 420000118 mod 97 = 12; 122706 mod 97 = 1. ✓  IR710570029971601460641001
is the Iran example of the SWIFT IBAN registry.
"""

import pytest

from crm_desktop.core import validators as v
from crm_desktop.errors import ValidationError


def refused(validator, text, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validator(text, **kwargs)
    error = caught.value
    assert error.field == kwargs.get("field", error.field)
    assert str(error)
    return error


# --- national code -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, code",
    [
        ("0076229645", "0076229645"),
        ("1583250689", "1583250689"),
        ("11537027", "0011537027"),
        ("076229645", "0076229645"),
        ("1234567891", "1234567891"),
        ("1000000060", "1000000060"),
        ("۰۰۷۶۲۲۹۶۴۵", "0076229645"),
        ("٠٠٧٦٢٢٩٦٤٥", "0076229645"),
        ("007-622964-5", "0076229645"),
        (" 007 622 9645 ", "0076229645"),
    ],
)
def test_national_code_valid(text, code):
    assert v.national_code(text) == code


@pytest.mark.parametrize(
    "text, message",
    [
        ("1234567890", "کد ملی: رقم کنترل درست نیست؛ کد ملی را دوباره بررسی کنید."),
        ("0076229646", "کد ملی: رقم کنترل درست نیست؛ کد ملی را دوباره بررسی کنید."),
        ("1111111111", "کد ملی: این کد ملی معتبر نیست."),
        ("0000000000", "کد ملی: این کد ملی معتبر نیست."),
        ("12345", "کد ملی: باید ۱۰ رقم باشد، اما ۵ رقم نوشته شده است."),
        ("12345678901", "کد ملی: باید ۱۰ رقم باشد، اما ۱۱ رقم نوشته شده است."),
        ("12345abcde", "کد ملی: فقط رقم بنویسید."),
        ("", "کد ملی را وارد کنید."),
    ],
)
def test_national_code_invalid(text, message):
    assert refused(v.national_code, text).fa == message


def test_national_code_message_names_the_given_field():
    error = refused(v.national_code, "1234567890", field="کد ملی مشتری")
    assert error.fa == "کد ملی مشتری: رقم کنترل درست نیست؛ کد ملی را دوباره بررسی کنید."


# --- legal national ID -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, code",
    [
        ("10380284790", "10380284790"),
        ("۱۰۳۸۰۲۸۴۷۹۰", "10380284790"),
        ("103-8028479-0", "10380284790"),
        ("10100543218", "10100543218"),
    ],
)
def test_legal_national_id_valid(text, code):
    assert v.legal_national_id(text) == code


@pytest.mark.parametrize(
    "text, message",
    [
        ("10380284791", "شناسه ملی: رقم کنترل درست نیست؛ شناسه ملی را دوباره بررسی کنید."),
        ("11111111111", "شناسه ملی: رقم کنترل درست نیست؛ شناسه ملی را دوباره بررسی کنید."),
        ("10300000000", "شناسه ملی: این شناسه ملی معتبر نیست."),
        ("1038028479", "شناسه ملی: باید ۱۱ رقم باشد، اما ۱۰ رقم نوشته شده است."),
        ("", "شناسه ملی را وارد کنید."),
    ],
)
def test_legal_national_id_invalid(text, message):
    assert refused(v.legal_national_id, text).fa == message


# --- mobile and landline -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "+989121234567",
        "00989121234567",
        "989121234567",
        "9121234567",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "0912-123-4567",
        "(0912) 123 4567",
        "+98 912 123 4567",
        "+98 (0)912 123 4567",  # the trunk 0 after the country code, as cards write it (national_form reads it so)
        "+9809121234567",
        "0098 0912 123 4567",
        "(+98) 912 123 4567",
        "0912_123_4567",
        "۰۹۱۲\u200c۱۲۳\u200c۴۵۶۷",  # digits apart by half-spaces
        "0912\u2014123\u2014456\u20127",
    ],
)
def test_mobile_valid(text):
    assert v.mobile(text) == "09121234567"


def test_mobile_other_operators():
    assert v.mobile("0990 123 4567") == "09901234567"
    assert v.mobile("+98 935 000 1122") == "09350001122"


@pytest.mark.parametrize("text", ["02188776655", "091212345678", "0912123456", "0812345678", "+98009121234567", "0912abc4567"])
def test_mobile_invalid(text):
    error = refused(v.mobile, text)
    assert error.fa == "تلفن همراه: شماره همراه درست نیست؛ مانند ۰۹۱۲ ۱۲۳ ۴۵۶۷ بنویسید."


def test_mobile_empty_and_field_name():
    assert refused(v.mobile, "").fa == "تلفن همراه را وارد کنید."
    error = refused(v.mobile, "123", field="همراه مدیر")
    assert error.fa.startswith("همراه مدیر: ")


@pytest.mark.parametrize(
    "text, number",
    [
        ("021-8877 6655", "02188776655"),
        ("02188776655", "02188776655"),
        ("+98 21 88776655", "02188776655"),
        ("00982188776655", "02188776655"),
        ("982188776655", "02188776655"),
        ("۰۲۱۸۸۷۷۶۶۵۵", "02188776655"),
        ("031-3234 5678", "03132345678"),
        ("(051) 3876 5432", "05138765432"),
    ],
)
def test_landline_valid(text, number):
    assert v.landline(text) == number


@pytest.mark.parametrize(
    "text, message",
    [
        ("88776655", "تلفن ثابت: پیش‌شماره شهر را هم بنویسید؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵."),
        ("09121234567", "تلفن ثابت: این شماره همراه است؛ شماره تلفن ثابت را با پیش‌شماره بنویسید."),
        ("0218877665", "تلفن ثابت: شماره تلفن ثابت درست نیست؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید."),
        ("00188776655", "تلفن ثابت: شماره تلفن ثابت درست نیست؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید."),
        ("", "تلفن ثابت را وارد کنید."),
    ],
)
def test_landline_invalid(text, message):
    assert refused(v.landline, text).fa == message


# --- postal code -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, code",
    [
        ("1458889694", "1458889694"),
        ("14588-89694", "1458889694"),
        ("۱۴۵۸۸-۸۹۶۹۴", "1458889694"),
        ("1314567890", "1314567890"),  # 0 and 2 are fine in the last five digits
        ("9991635222", "9991635222"),
    ],
)
def test_postal_code_valid(text, code):
    assert v.postal_code(text) == code


@pytest.mark.parametrize(
    "text, message",
    [
        ("1234567890", "کد پستی: پنج رقم اول کد پستی رقم ۰ یا ۲ ندارد؛ کد را دوباره بررسی کنید."),
        ("0134567890", "کد پستی: پنج رقم اول کد پستی رقم ۰ یا ۲ ندارد؛ کد را دوباره بررسی کنید."),
        ("1111111111", "کد پستی: این کد پستی معتبر نیست."),
        ("145888969", "کد پستی: باید ۱۰ رقم باشد، اما ۹ رقم نوشته شده است."),
        ("14588-8969a", "کد پستی: فقط رقم بنویسید."),
        ("", "کد پستی را وارد کنید."),
    ],
)
def test_postal_code_invalid(text, message):
    assert refused(v.postal_code, text).fa == message


# --- Sheba -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, sheba",
    [
        ("IR062960000000100324200001", "IR062960000000100324200001"),
        ("IR06 2960 0000 0010 0324 2000 01", "IR062960000000100324200001"),
        ("ir062960000000100324200001", "IR062960000000100324200001"),
        ("IR۰۶۲۹۶۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱", "IR062960000000100324200001"),
        ("062960000000100324200001", "IR062960000000100324200001"),
        ("IR71-0570-0299-7160-1460-6410-01", "IR710570029971601460641001"),
    ],
)
def test_sheba_valid(text, sheba):
    assert v.sheba(text) == sheba


@pytest.mark.parametrize(
    "text, message",
    [
        ("IR062960000000100324200002", "شماره شبا: رقم‌های کنترل درست نیست؛ شماره شبا را دوباره بررسی کنید."),
        ("IR072960000000100324200001", "شماره شبا: رقم‌های کنترل درست نیست؛ شماره شبا را دوباره بررسی کنید."),
        ("IR06296000000010032420000", "شماره شبا: باید \u2068IR\u2069 و ۲۴ رقم باشد."),
        ("DE89370400440532013000", "شماره شبا: باید \u2068IR\u2069 و ۲۴ رقم باشد."),
        ("", "شماره شبا را وارد کنید."),
    ],
)
def test_sheba_invalid(text, message):
    assert refused(v.sheba, text).fa == message


def test_format_sheba():
    assert v.format_sheba("IR062960000000100324200001") == "IR06 2960 0000 0010 0324 2000 01"


# --- Sayad ID, e-mail --------------------------------------------------------------------------

def test_sayad_id():
    assert v.sayad_id("1234567890123456") == "1234567890123456"
    assert v.sayad_id("۱۲۳۴ ۵۶۷۸ ۹۰۱۲ ۳۴۵۶") == "1234567890123456"
    assert refused(v.sayad_id, "123456789012345").fa == "شناسه صیادی: باید ۱۶ رقم باشد، اما ۱۵ رقم نوشته شده است."
    assert refused(v.sayad_id, "").fa == "شناسه صیادی را وارد کنید."


@pytest.mark.parametrize(
    "text, address",
    [
        ("info@shop.ir", "info@shop.ir"),
        (" Ali.Rezaei@Example.COM ", "Ali.Rezaei@example.com"),
        ("a+b@mail.co.ir", "a+b@mail.co.ir"),
        ("\u200eoffice@my-company.com\u200e", "office@my-company.com"),
    ],
)
def test_email_valid(text, address):
    assert v.email(text) == address


@pytest.mark.parametrize(
    "text", ["ali@", "ali.example.com", "ali @example.com", "علی@example.com", "ali@example", "a@b..com", "a@@b.com"]
)
def test_email_invalid(text):
    error = refused(v.email, text)
    assert error.fa == "ایمیل: نشانی ایمیل درست نیست؛ مانند \u2068name@example.com\u2069 بنویسید."


# --- optional ----------------------------------------------------------------------------------

def test_optional():
    assert v.optional(v.mobile, "") == ""
    assert v.optional(v.mobile, "   ") == ""
    assert v.optional(v.mobile, None) == ""
    assert v.optional(v.mobile, "0912 123 4567") == "09121234567"
    error = refused(lambda t, **kw: v.optional(v.national_code, t, **kw), "123", field="کد ملی همسر")
    assert error.fa == "کد ملی همسر: باید ۱۰ رقم باشد، اما ۳ رقم نوشته شده است."
