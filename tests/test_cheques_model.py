"""Cheque.validate(): each field's Persian message, any digit script, amounts with separators.

Vectors (hand-checked in tests/test_core_validators.py): national code 0076229645 ✓, 1234567890 ✗
(check digit); legal national ID 10380284790 ✓; Sheba IR062960000000100324200001 ✓ (Wikipedia's
Iranian IBAN example), IR062960000000100324200002 ✗ (mod 97)."""

from datetime import date

import pytest

from crm_desktop.cheques.banks import BANKS, NAMES
from crm_desktop.cheques.model import Cheque, ChequeBook, checked_date, image_mime
from crm_desktop.errors import ValidationError


def received(**changes) -> Cheque:
    values = dict(direction="received", sayad_id="1234567890123456", serial="123456", bank="melli",
                  amount=12_500_000, due_date=date(2025, 4, 21), drawer_id=1)
    values.update(changes)
    return Cheque(**values)


def refused(cheque: Cheque) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        cheque.validate()
    return caught.value


def test_a_cheque_typed_in_persian_digits_is_normalised():
    cheque = received(sayad_id="۱۲۳۴ ۵۶۷۸ ۹۰۱۲ ۳۴۵۶", serial="۰۰۱۲۳۴", series="۱۲۳/ب", amount="۱۲٬۵۰۰٬۰۰۰",
                      due_date="۱۴۰۴/۰۲/۰۱", issue_date="1404-01-15", account_number="۰۱۰۱-۲۳۴۵۶۷-۰۰۱",
                      sheba="IR06 2960 0000 0010 0324 2000 01", payee_national_id="۰۰۷۶۲۲۹۶۴۵", purpose=" کالا ").validate()
    assert cheque.sayad_id == "1234567890123456" and cheque.serial == "001234" and cheque.series == "123/ب"
    assert cheque.amount == 12_500_000
    assert cheque.due_date == date(2025, 4, 21)  # 1404/02/01
    assert cheque.issue_date == date(2025, 4, 4)  # 1404/01/15 typed with dashes
    assert cheque.account_number == "0101-234567-001" and cheque.sheba == "IR062960000000100324200001"
    assert cheque.payee_national_id == "0076229645" and cheque.purpose == "کالا"
    assert cheque.status == "in_hand" and cheque.status_label == "نزد صندوق"


@pytest.mark.parametrize("typed,rials", [("۱٬۲۵۰٬۰۰۰", 1_250_000), ("1,250,000", 1_250_000), ("١٢٥٠٠٠٠", 1_250_000),
                                         ("۱۲۵۰۰۰۰", 1_250_000), (" 1 250 000 ", 1_250_000), (7, 7)])
def test_amounts_in_any_digit_script_with_or_without_separators(typed, rials):
    assert received(amount=typed).validate().amount == rials


@pytest.mark.parametrize("typed,message", [
    (0, "مبلغ: باید بیشتر از صفر باشد."),
    ("۰", "مبلغ: باید بیشتر از صفر باشد."),
    ("", "مبلغ را وارد کنید."),
    ("-5000", "مبلغ: نمی‌تواند منفی باشد."),
    ("۱٬۲۵٬۰۰۰", "مبلغ: جداکننده‌های سه‌رقمی جای درستی ندارند؛ مانند ۱٬۲۵۰٬۰۰۰ بنویسید."),
])
def test_bad_amounts(typed, message):
    error = refused(received(amount=typed))
    assert error.fa == message and error.field == "مبلغ"


@pytest.mark.parametrize("typed,message", [
    ("123456789012345", "شناسه صیادی: باید ۱۶ رقم باشد، اما ۱۵ رقم نوشته شده است."),
    ("", "شناسه صیادی را وارد کنید."),
    ("12345678901234ab", "شناسه صیادی: فقط رقم بنویسید."),
])
def test_sayad_id(typed, message):
    error = refused(received(sayad_id=typed))
    assert (error.fa, error.field) == (message, "شناسه صیادی")


def test_sheba_is_optional_but_checked():
    assert received(sheba="").validate().sheba == ""
    assert received(sheba="IR71-0570-0299-7160-1460-6410-01").validate().sheba == "IR710570029971601460641001"
    error = refused(received(sheba="IR062960000000100324200002"))
    assert error.fa == "شماره شبا: رقم‌های کنترل درست نیست؛ شماره شبا را دوباره بررسی کنید."
    assert error.field == "شماره شبا"


@pytest.mark.parametrize("typed,stored", [("0076229645", "0076229645"), ("۱۰۳۸۰۲۸۴۷۹۰", "10380284790"),
                                          ("76229645", "0076229645"), ("", "")])
def test_payee_national_id_person_or_company(typed, stored):
    assert received(payee_national_id=typed).validate().payee_national_id == stored


@pytest.mark.parametrize("typed,message", [
    ("1234567890", "کد/شناسه ملی گیرنده: رقم کنترل درست نیست؛ کد ملی را دوباره بررسی کنید."),
    ("10380284791", "کد/شناسه ملی گیرنده: رقم کنترل درست نیست؛ شناسه ملی را دوباره بررسی کنید."),
    ("123456789012", "کد/شناسه ملی گیرنده: باید ۱۰ رقم (کد ملی شخص) یا ۱۱ رقم (شناسه ملی شرکت) باشد، "
                     "اما ۱۲ رقم نوشته شده است."),
    ("12a", "کد/شناسه ملی گیرنده: فقط رقم بنویسید."),
])
def test_bad_payee_national_ids(typed, message):
    error = refused(received(payee_national_id=typed))
    assert error.field == "کد/شناسه ملی گیرنده"
    assert error.fa.split("؛")[0] == message.split("؛")[0]


def test_dates_guarantee_and_counterparties():
    error = refused(received(due_date=None))
    assert error.field == "تاریخ سررسید" and error.fa.startswith("تاریخ سررسید را وارد کنید")
    assert received(due_date=None, is_guarantee=True).validate().due_date is None
    error = refused(received(due_date="1404/12/30"))  # 1404 is not a leap year
    assert error.field == "تاریخ سررسید" and error.fa == "تاریخ سررسید: اسفند ۱۴۰۴ فقط ۲۹ روز دارد."
    assert received(due_date="۱۴۰۳/۱۲/۳۰").validate().due_date == date(2025, 3, 20)
    error = refused(received(issue_date=date(2025, 5, 1), due_date=date(2025, 4, 1)))
    assert error.fa == "تاریخ سررسید: نمی‌تواند پیش از تاریخ صدور باشد."
    error = refused(received(drawer_id=None))
    assert error.field == "صادرکننده"
    error = refused(received(direction="paid", drawer_id=None, payee_id=None))
    assert error.field == "در وجه"
    assert received(direction="paid", drawer_id=None, payee_id=3).validate().status == "issued"
    error = refused(received(direction="sideways"))
    assert error.field == "نوع چک"
    error = refused(received(book_id=1, leaf_no=1))
    assert error.field == "دسته چک"
    error = refused(received(status="issued"))
    assert error.field == "وضعیت"


def test_other_fields():
    error = refused(received(bank=""))
    assert (error.field, error.fa) == ("بانک", "بانک: بانک را انتخاب کنید.")
    error = refused(received(serial=""))
    assert (error.field, error.fa) == ("سریال", "سریال را وارد کنید.")
    error = refused(received(serial="12ب"))
    assert error.fa == "سریال: فقط رقم بنویسید."
    error = refused(received(account_number="حساب جاری"))
    assert error.field == "شماره حساب"
    error = refused(received(branch_code="12a"))
    assert error.field == "کد شعبه"
    assert checked_date("2025-04-21") == date(2025, 4, 21) and checked_date("  ") is None


def test_cheque_book_leaves_and_serials():
    book = ChequeBook(bank="mellat", account_number="۱۲۳-۴۵", first_serial="۰۰۰۰۹۸", leaves="۲۵",
                      first_sayad_id="1111222233334444").validate()
    assert (book.first_serial, book.leaves, book.account_number) == ("000098", 25, "123-45")
    assert [book.serial_of(n) for n in (1, 2, 3)] == ["000098", "000099", "000100"]
    assert book.sayad_of(3) == "1111222233334446"
    with pytest.raises(ValidationError) as caught:
        ChequeBook(bank="mellat", account_number="1", first_serial="1", leaves=0).validate()
    assert caught.value.fa == "تعداد برگ: باید بین ۱ تا ۵۰۰ باشد."
    with pytest.raises(ValidationError) as caught:
        ChequeBook(bank="mellat", account_number="", first_serial="1").validate()
    assert caught.value.field == "شماره حساب"


def test_banks_list_and_image_types():
    names = [name for _, name in BANKS]
    for name in ("ملی", "سپه", "ملت", "تجارت", "صادرات", "کشاورزی", "مسکن", "رفاه کارگران", "پست بانک",
                 "توسعه صادرات", "صنعت و معدن", "اقتصاد نوین", "پارسیان", "پاسارگاد", "سامان", "سینا",
                 "کارآفرین", "خاورمیانه", "شهر", "دی", "آینده", "گردشگری", "ایران زمین", "سرمایه",
                 "قرض‌الحسنه مهر ایران", "قرض‌الحسنه رسالت", "توسعه تعاون", "حکمت ایرانیان"):
        assert name in names
    assert len(set(NAMES)) == len(BANKS) and all(key.isascii() for key in NAMES)
    assert image_mime(b"\x89PNG\r\n\x1a\n....") == "image/png" and image_mime(b"\xff\xd8\xff\xe0") == "image/jpeg"
    with pytest.raises(ValidationError):
        image_mime(b"hello")
