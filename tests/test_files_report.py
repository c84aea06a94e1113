"""Printed files, read back with pdftotext: a kind's list in Persian order with its columns from
the right; a personnel file's summary (every field, the photo, attachments, state history); a
customer's file with stages, interactions, cheques and reminders; the employment application
form blank (every section, one page, right to left) and filled with an applicant's values."""

from __future__ import annotations

import io
import subprocess
from datetime import date, datetime

import pytest

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.errors import Cancelled, UserError
from crm_desktop.files import report
from crm_desktop.files.model import Interaction, PersonFile
from crm_desktop.files.repo_search import FileFilter
from crm_desktop.phonebook.model import Address, Contact, Phone
from tests.pdf_helpers import has_persian, logical, page_count, read_pdf

NOW = datetime(2025, 4, 1, 10, 30)  # 1404/01/12
TODAY = NOW.date()
OFFICE = "شرکت بازرگانی آریا"


def photo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 400), (200, 215, 230))
    ImageDraw.Draw(image).ellipse((90, 60, 210, 200), fill=(120, 90, 70))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def build(office) -> dict:
    """Three personnel, a company customer with its log and cheques, an applicant with rows."""
    from crm_desktop.cheques.model import Cheque

    add = office.phonebook.add
    c = {
        "ali": add(Contact(first_name="علی", last_name="رضایی", phones=[Phone("02188776655", kind="home"),
                                                                       Phone("09121234567")],
                           emails=["ali.rezaei@example.com"],
                           addresses=[Address("تهران", "تهران", "خیابان ولیعصر، کوچه لاله", "1415913344")])),
        "sara": add(Contact(first_name="سارا", last_name="احمدی", phones=[Phone("09351112233")],
                            emails=["sara@example.com"], addresses=[Address("اصفهان", "اصفهان", "خیابان چهارباغ")])),
        "pars": add(Contact(kind="organisation", organisation="شرکت پارس", phones=[Phone("02144556677", kind="work")])),
        "reza": add(Contact(first_name="رضا", last_name="کریمی", phones=[Phone("09127654321")])),
        "gol": add(Contact(first_name="گلناز", last_name="پناهی", phones=[Phone("09198887766")])),
    }
    files = office.files
    ids = {"contacts": c}
    ids["ali"] = files.add(PersonFile(
        "personnel", c["ali"], national_code="0013542419", unit="مالی", referrer_id=c["reza"], photo=photo_png(),
        data={"father_name": "حسن", "birth_date": "1365/04/12", "birth_place": "تبریز", "birth_certificate": "12345",
              "marital": "married", "education_level": "bachelor", "education_field": "حسابداری",
              "job_title": "حسابدار ارشد", "hire_date": "1398/07/01", "employment": "contract",
              "insurance_number": "1234567890", "sheba": "IR820540102680020817909002",
              "emergency_name": "مریم رضایی", "emergency_phone": "09121112233"},
        note="مسئول تسویه‌حساب ماهانه"))
    files.add_attachment(ids["ali"], "کارت ملی.jpg", b"x" * 250_000, "image/jpeg")
    files.end_employment(ids["ali"], date(2025, 3, 1), "استعفا")
    ids["gol"] = files.add(PersonFile("personnel", c["gol"], unit="فروش", data={"job_title": "کارشناس فروش"}))
    ids["reza"] = files.add(PersonFile("personnel", c["reza"], unit="اداری", registered_on=date(2024, 5, 1),
                                       data={"job_title": "مسئول دفتر"}))
    ids["pars"] = files.add(PersonFile("customer", c["pars"], referrer_id=c["ali"], note="خرید عمده در پایان هر فصل",
                                       data={"source": "referral", "interests": "دستگاه کپی"}))
    files.set_state(ids["pars"], "prospect", on=date(2025, 4, 5))
    files.set_state(ids["pars"], "customer", on=date(2025, 5, 1), note="اولین خرید")
    files.add_interaction(Interaction(ids["pars"], "call", "1404/01/12 10:00", "پیش‌فاکتور دستگاه کپی خواست",
                                      outcome="قیمت فرستاده شد", follow_up_on="1404/01/20 09:30"))
    files.add_interaction(Interaction(ids["pars"], "meeting", "1404/01/10 14:00", "جلسه مذاکره قیمت"))
    for n, amount in ((1, 125_000_000), (2, 80_000_000)):
        office.cheques.add(Cheque(direction="received", sayad_id=f"140200001234560{n}", serial=f"70010{n}",
                                  bank="mellat", amount=amount, due_date=date(2025, 5 + n, 1), drawer_id=c["pars"]))
    ids["sara"] = files.add(PersonFile("applicant", c["sara"], national_code="0499370899", photo=photo_png(), data={
        "father_name": "محمود", "birth_date": "1372/11/03", "marital": "single",
        "education_rows": [{"level": "دیپلم", "field": "ریاضی فیزیک", "school": "دبیرستان فرزانگان", "year": "1390"},
                           {"level": "کارشناسی", "field": "مهندسی صنایع", "school": "دانشگاه صنعتی اصفهان",
                            "year": "1395"}],
        "work_rows": [{"employer": "شرکت فولاد مبارکه", "title": "کارشناس برنامه‌ریزی", "start": "1396/02",
                       "end": "1400/06", "reason": "مهاجرت به تهران"}],
        "skills": "Excel پیشرفته، مذاکره", "languages": "انگلیسی (خوب)", "desired_position": "کارشناس بازرگانی",
        "expected_salary": "350000000", "available_from": "1404/02/01", "heard_from": "معرفی آشنایان",
        "interview_at": "1404/01/20 10:00", "score": "85", "interview_notes": "مسلط به اکسل"}))
    files.set_state(ids["sara"], "interview", on=date(2025, 4, 2))
    return ids


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def ids(office):
    return build(office)


def lines_of(page) -> list[str]:
    return [logical(line) for line in page.visual_lines()]


def top_of(page, phrase: str) -> float:
    """The y of the first line showing ``phrase`` (Persian, typed order)."""
    wanted = normalise(phrase)
    for row in page.lines():
        if wanted in logical(" ".join(w.text for w in row)):
            return row[0].y0
    raise AssertionError(f"{phrase!r} is not on the page")


# --- the list ------------------------------------------------------------------------------------

def test_the_personnel_list_in_persian_order_with_its_columns_from_the_right(office, ids, tmp_path):
    out = tmp_path / "personnel.pdf"
    result = report.write_file_list(office.files, out, FileFilter("personnel"), office_name=OFFICE, today=TODAY)
    assert (result.pages, result.files) == (1, 3) and page_count(out) == 1
    page = read_pdf(out)[0]
    for phrase in (OFFICE, "فهرست پرونده‌های پرسنلی", "همه پرسنل — ۳ پرونده", "شماره پرونده", "تلفن", "تاریخ ثبت",
                   "وضعیت", "واحد", "سمت", "معرف", "پایان همکاری", "حسابدار ارشد", "رضا کریمی"):
        assert has_persian(page, phrase), phrase
    # پناهی, رضایی, کریمی: the phonebook's Persian order (پ before ر before ک)
    tops = [next(w.y0 for w in page.words if w.text == f"P-۰۰۰{to_persian(n)}") for n in (2, 1, 3)]
    assert tops == sorted(tops) and top_of(page, "گلناز پناهی") == tops[0]
    text = page.visual_text()
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in text  # the mobile, not the home number listed first, digits in reading order
    assert "۱۴۰۴/۰۱/۱۲" in text and "۱۴۰۳/۰۲/۱۲" in text
    # one row, right to left: row number, file number, name, phone, date, state, unit, job, referrer
    number = next(w for w in page.words if w.text == "P-۰۰۰۱")
    phone = next(w for w in page.words if w.text == "۴۵۶۷")
    day = next(w for w in page.words if w.text == "۱۴۰۴/۰۱/۱۲" and abs(w.y0 - number.y0) < 2)
    referrer = [w for w in page.words if abs(w.y0 - number.y0) < 2 and logical(w.text) == "کریمی"]
    assert number.x0 > phone.x1 > day.x1 and referrer and referrer[0].x1 < day.x0
    assert abs(number.y0 - phone.y0) < 2 and phone.x0 >= 39 and number.x1 <= page.width - 39


def test_a_filtered_list_says_what_it_holds(office, ids, tmp_path):
    out = tmp_path / "former.pdf"
    query = FileFilter("personnel", state="former", unit="مالی", registered_from=date(2025, 1, 1), text="علی")
    result = report.write_file_list(office.files, out, query, office_name=OFFICE, today=TODAY)
    page = read_pdf(out)[0]
    assert result.files == 1 and has_persian(page, "پرسنل — پایان همکاری، واحد «مالی»، ثبت از")
    assert "۱۴۰۳/۱۰/۱۲" in page.visual_text() and has_persian(page, "جستجوی «علی»")
    assert not has_persian(page, "گلناز")


def test_customer_and_applicant_lists_have_their_own_columns(office, ids, tmp_path):
    out = tmp_path / "customers.pdf"
    report.write_file_list(office.files, out, FileFilter("customer"), today=TODAY)
    page = read_pdf(out)[0]
    for phrase in ("فهرست پرونده‌های مشتریان", "مرحله", "منبع آشنایی", "معرفی", "شرکت پارس", "علی رضایی", "مشتری"):
        assert has_persian(page, phrase), phrase
    assert "۰۲۱ ۴۴۵۵ ۶۶۷۷" in page.visual_text()  # a company without a mobile: its first phone
    assert not has_persian(page, "واحد")
    out = tmp_path / "applicants.pdf"
    report.write_file_list(office.files, out, FileFilter("applicant"), today=TODAY)
    page = read_pdf(out)[0]
    assert has_persian(page, "سمت درخواستی") and has_persian(page, "کارشناس بازرگانی") and has_persian(page, "مصاحبه")


def test_an_empty_list_says_so_and_a_cancel_leaves_no_file(office, ids, tmp_path):
    out = tmp_path / "none.pdf"
    result = report.write_file_list(office.files, out, FileFilter("applicant", state="hired"), today=TODAY)
    assert result.files == 0 and has_persian(read_pdf(out)[0], "پرونده‌ای برای چاپ نیست")
    seen = []
    with pytest.raises(Cancelled):
        report.write_file_list(office.files, tmp_path / "cancelled.pdf", FileFilter("personnel"),
                               progress=lambda done, total, text: seen.append((done, total)) is not None)
    assert seen == [(0, 3)] and not (tmp_path / "cancelled.pdf").exists()


def test_the_mobile_column_prefers_a_mobile_number(office, ids):
    [row] = office.files.file_rows(FileFilter("personnel", text="علی"))
    assert row.mobile == "09121234567"  # the contact's home number comes first in its phone list
    [company] = office.files.file_rows(FileFilter("customer"))
    assert company.mobile == "02144556677"


# --- one file ------------------------------------------------------------------------------------

def images_in(path) -> int:
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(out.strip().splitlines()) - 2


def test_a_personnel_summary_shows_every_field_the_photo_attachments_and_history(office, ids, tmp_path):
    out = tmp_path / "ali.pdf"
    result = report.write_file_card(office, out, ids["ali"], office_name=OFFICE, today=TODAY)
    pages = read_pdf(out)
    assert result.pages == len(pages) <= 2 and images_in(out) == 1  # the photo
    text = "\n".join(p.visual_text() for p in pages)
    for shown in ("P-۰۰۰۱", "۰۰۱۳۵۴۲۴۱۹", "۱۳۶۵/۰۴/۱۲", "۱۳۹۸/۰۷/۰۱", "۱۲۳۴۵۶۷۸۹۰", "۰۹۱۲ ۱۱۱ ۲۲۳۳",
                  "IR82 0540 1026 8002 0817 9090 02", "ali.rezaei@example.com", "۱۴۱۵۹۱۳۳۴۴", "۱۴۰۳/۱۲/۱۱",
                  "(۱)", "۲۴۴"):
        assert shown in text, shown
    every = [line for page in pages for line in lines_of(page)]
    for phrase in ("پرونده پرسنلی", "علی رضایی", "شماره پرونده", "وضعیت پایان همکاری", "واحد مالی",
                   "معرف رضا کریمی", "نام پدر حسن", "محل تولد تبریز", "وضعیت تاهل متاهل", "مقطع تحصیلی کارشناسی",
                   "رشته تحصیلی حسابداری", "سمت حسابدار ارشد", "نوع همکاری قراردادی", "تماس اضطراری",
                   "مریم رضایی", "علت استعفا", "یادداشت مسئول تسویه حساب ماهانه", "پیوست‌ها", "کارت ملی",
                   "کیلوبایت", "سابقه وضعیت", "ثبت: شاغل", "از شاغل به پایان همکاری"):
        assert any(normalise(phrase) in line for line in every), phrase


def test_a_customer_file_shows_stages_interactions_cheques_and_reminders(office, ids, tmp_path):
    out = tmp_path / "pars.pdf"
    report.write_file_card(office, out, ids["pars"], office_name=OFFICE, today=TODAY)
    pages = read_pdf(out)
    every = [line for page in pages for line in lines_of(page)]
    for phrase in ("پرونده مشتری", "شماره مشتری", "مرحله مشتری", "منبع آشنایی معرفی",
                   "معرف علی رضایی", "علاقه‌مندی‌ها دستگاه کپی", "شرکت / سازمان", "مراحل پرونده",
                   "از سرنخ به مشتری بالقوه", "از مشتری بالقوه به مشتری", "اولین خرید", "تعاملات",
                   "پیش‌فاکتور دستگاه کپی خواست", "قیمت فرستاده شد", "جلسه مذاکره قیمت", "چک‌ها",
                   "جمع دریافتی", "نزد صندوق", "ملت", "یادآوری‌های پیش رو", "پیگیری شرکت پارس"):
        assert any(normalise(phrase) in line for line in every), phrase
    text = "\n".join(p.visual_text() for p in pages)
    for shown in ("C-۰۰۰۱", "۱۲۵٬۰۰۰٬۰۰۰", "۸۰٬۰۰۰٬۰۰۰", "۲۰۵٬۰۰۰٬۰۰۰", "۰۲۱ ۴۴۵۵ ۶۶۷۷", "۱۴۰۴/۰۱/۲۰",
                  "۱۴۰۴/۰۲/۱۱", "(۲)"):
        assert shown in text, shown
    # the log newest first: the call of 1404/01/12 above the meeting of 1404/01/10
    page = next(p for p in pages if has_persian(p, "جلسه مذاکره قیمت"))
    assert top_of(page, "پیش‌فاکتور دستگاه کپی خواست") < top_of(page, "جلسه مذاکره قیمت")


def test_an_applicants_file_is_the_filled_form_and_a_missing_file_is_refused(office, ids, tmp_path):
    out = tmp_path / "sara.pdf"
    result = report.write_file_card(office, out, ids["sara"], office_name=OFFICE, today=TODAY)
    assert result.pages == 1 and has_persian(read_pdf(out)[0], "فرم استخدام")
    with pytest.raises(UserError) as caught:
        report.write_file_card(office, tmp_path / "x.pdf", 999)
    assert caught.value.fa == "پرونده‌ای با شناسه ۹۹۹ نیست."
    assert not (tmp_path / "x.pdf").exists()


# --- the application form --------------------------------------------------------------------------

SECTIONS = ("مشخصات فردی", "سوابق تحصیلی", "سوابق کاری", "مهارت‌ها و زبان‌ها", "درخواست شغلی", "تعهد متقاضی",
            "ویژه دفتر")
LABELS = ("نام و نام خانوادگی", "نام پدر", "کد ملی", "تاریخ تولد", "محل تولد", "وضعیت تأهل", "مجرد", "متأهل",
          "تلفن همراه", "تلفن ثابت", "پست الکترونیک", "نشانی محل سکونت", "محل الصاق عکس", "مقطع تحصیلی",
          "رشته تحصیلی", "سال فارغ‌التحصیلی", "نام کارفرما / شرکت", "علت ترک کار", "از تاریخ", "تا تاریخ",
          "زبان‌های خارجی و میزان تسلط", "سمت درخواستی", "حقوق درخواستی (ریال)", "آماده به کار از تاریخ",
          "نحوه آشنایی با آگهی", "معرفی آشنایان", "سایر", "امضای متقاضی", "تاریخ", "زمان مصاحبه",
          "امتیاز مصاحبه", "نظر مصاحبه‌کننده")


def test_the_blank_form_has_every_section_on_one_page_right_to_left(tmp_path):
    out = tmp_path / "blank.pdf"
    result = report.write_application_form(out, office_name=OFFICE, today=TODAY)
    assert result.pages == 1 and page_count(out) == 1
    page = read_pdf(out)[0]
    for phrase in ("فرم استخدام", OFFICE) + SECTIONS + LABELS:
        assert has_persian(page, phrase), phrase
    # sections top to bottom; in a row the first box is at the right
    tops = [top_of(page, s) for s in SECTIONS]
    assert tops == sorted(tops)
    row = [w for w in page.words if abs(w.y0 - top_of(page, "نام پدر")) < 2]
    name_x = max(w.x0 for w in row if logical(w.text) == "خانوادگی")
    father_x = max(w.x0 for w in row if logical(w.text) == "پدر")
    assert name_x > father_x
    # the education table's empty rows are numbered ۱ to ۴ at the right edge
    numbers = [w for w in page.words if w.text in "۱۲۳۴" and w.x0 > page.width - 70]
    assert len(numbers) >= 8  # education and work history
    assert not any(w.text == "۵" for w in numbers)


def test_the_blank_form_stays_on_one_page_under_a_long_office_name(tmp_path):
    out = tmp_path / "long.pdf"
    name = "شرکت بازرگانی و مهندسی پارس‌گستر نوین‌اندیشان خلیج فارس (سهامی خاص) شعبه مرکزی تهران، دفتر فروش"
    assert report.write_application_form(out, office_name=name, today=TODAY).pages == 1
    assert has_persian(read_pdf(out)[0], "نظر مصاحبه‌کننده")


def test_the_filled_form_has_the_applicants_values(office, ids, tmp_path):
    out = tmp_path / "filled.pdf"
    result = report.write_application_form(out, office_name=OFFICE, today=TODAY, office=office, file_id=ids["sara"])
    assert result.pages == 1 and images_in(out) == 1
    page = read_pdf(out)[0]
    for phrase in SECTIONS + ("سارا احمدی", "نام پدر محمود", "اصفهان، اصفهان، خیابان چهارباغ", "دیپلم",
                              "ریاضی فیزیک", "دبیرستان فرزانگان", "دانشگاه صنعتی اصفهان", "شرکت فولاد مبارکه",
                              "کارشناس برنامه‌ریزی", "مهاجرت به تهران", "پیشرفته، مذاکره", "انگلیسی (خوب)",
                              "کارشناس بازرگانی", "مسلط به اکسل", "اینجانب سارا احمدی"):
        assert has_persian(page, phrase), phrase
    text = page.visual_text()
    for shown in ("۰۴۹۹۳۷۰۸۹۹", "۱۳۷۲/۱۱/۰۳", "۰۹۳۵ ۱۱۱ ۲۲۳۳", "sara@example.com", "۱۳۹۰", "۱۳۹۵", "۱۳۹۶/۰۲",
                  "۱۴۰۰/۰۶", "Excel", "۳۵۰٬۰۰۰٬۰۰۰", "۱۴۰۴/۰۲/۰۱", "A-۰۰۰۱", "۱۴۰۴/۰۱/۲۰", "۸۵"):
        assert shown in text, shown
    # the education rows in their order, under their headers
    assert top_of(page, "دبیرستان فرزانگان") < top_of(page, "دانشگاه صنعتی اصفهان")


def test_a_filled_form_grows_when_the_applicant_has_more_rows(office, ids, tmp_path):
    from dataclasses import replace

    f = office.files.get(ids["sara"])
    rows = [{"employer": f"شرکت شماره {i}", "title": "کارمند", "start": "1390", "end": "1391"} for i in range(1, 8)]
    office.files.update(replace(f, data=dict(f.data, work_rows=rows), national_code=None))
    out = tmp_path / "long.pdf"
    result = report.write_application_form(out, office=office, file_id=ids["sara"], today=TODAY)
    pages = read_pdf(out)
    every = [line for page in pages for line in lines_of(page)]
    assert all(any(f"شرکت شماره {i}" in line for line in every) for i in range(1, 8))
    assert result.pages == len(pages) and any(has_persian(p, "نظر مصاحبه‌کننده") for p in pages)


def test_only_an_applicant_has_an_application_form(office, ids, tmp_path):
    with pytest.raises(UserError) as caught:
        report.write_application_form(tmp_path / "x.pdf", office=office, file_id=ids["ali"])
    assert "متقاضی" in caught.value.fa


def test_everything_prints_through_a_read_only_connection(office, ids, db_path, tmp_path):
    """The files tab prints on a worker with a read-only connection of its own."""
    from crm_desktop.office import Office
    from crm_desktop.storage.db import connect

    reading = Office(db_path, conn=connect(db_path, readonly=True), clock=lambda: NOW)
    try:
        for name in ("ali", "pars", "sara"):
            assert report.write_file_card(reading, tmp_path / f"{name}.pdf", ids[name], today=TODAY).pages >= 1
        query = FileFilter("customer", referrer_id=ids["contacts"]["ali"])
        assert report.write_file_list(reading.files, tmp_path / "list.pdf", query, today=TODAY).files == 1
        assert has_persian(read_pdf(tmp_path / "list.pdf")[0], "معرف: علی رضایی")
    finally:
        reading.conn.close()
