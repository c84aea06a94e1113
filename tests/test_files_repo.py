"""Personnel, customer and applicant files on a real SQLite file: numbers (automatic, unique per
kind, editable prefix), the national code written to the contact, Persian messages for bad
national code / legal ID / Sheba / dates, the search (number, name and phone in any digit
script, referrer, state, dates) in Persian order, customer stages with dates, interactions whose
follow-up becomes a reminder, an applicant's interview reminder, hiring an applicant keeps every
detail, attachments inside the database so a backup and a restore carry them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.files.model import Interaction, PersonFile
from crm_desktop.files.repo_search import FileFilter
from crm_desktop.phonebook.model import Contact, Phone

NOW = datetime(2025, 4, 1, 10, 30)  # 1404/01/12


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def people(office):
    add = office.phonebook.add
    return {
        "ali": add(Contact(first_name="علی", last_name="رضایی", phones=[Phone("09121234567")])),
        "sara": add(Contact(first_name="سارا", last_name="احمدی", phones=[Phone("09351112233")])),
        "pars": add(Contact(kind="organisation", organisation="شرکت پارس")),
        "reza": add(Contact(first_name="رضا", last_name="کریمی")),
    }


def test_numbers_are_automatic_unique_per_kind_and_the_prefix_is_editable(office, people):
    files = office.files
    a = files.add(PersonFile("personnel", people["ali"]))
    b = files.add(PersonFile("personnel", people["sara"]))
    c = files.add(PersonFile("customer", people["ali"]))
    assert [files.get(i).number for i in (a, b, c)] == ["P-0001", "P-0002", "C-0001"]
    with pytest.raises(ValidationError) as caught:
        files.add(PersonFile("personnel", people["reza"], number="P-0001"))
    assert caught.value.fa == "شماره پرونده: «P-0001» پیش‌تر به پرونده دیگری داده شده است."
    files.set_prefix("personnel", "پ-")
    assert files.get(files.add(PersonFile("personnel", people["reza"]))).number == "پ-0001"
    assert files.get(a).registered_on == NOW.date() and files.get(a).state == "active"


@pytest.mark.parametrize("changes, field, fragment", [
    ({"national_code": "1234567890"}, "کد ملی", "کد ملی"),
    ({"data": {"sheba": "IR12"}}, "شبای حقوق", "شبا"),
    ({"data": {"birth_date": "۱۴۰۴/۱۲/۳۰"}}, "تاریخ تولد", "۲۹ روز"),
    ({"data": {"hire_date": "1404/02/01", "end_date": "1404/01/01"}}, "تاریخ پایان همکاری", "پیش از تاریخ استخدام"),
])
def test_bad_values_get_a_persian_message_naming_the_field_and_nothing_is_saved(office, people, changes, field,
                                                                             fragment):
    with pytest.raises(ValidationError) as caught:
        office.files.add(PersonFile("personnel", people["ali"], **changes))
    assert caught.value.field == field and fragment in caught.value.fa
    assert office.conn.execute("SELECT count(*) FROM files").fetchone()[0] == 0


def test_the_national_code_lives_on_the_contact(office, people):
    office.files.add(PersonFile("personnel", people["ali"], national_code="۰۰۱۳۵۴۲۴۱۹"))
    assert office.phonebook.get(people["ali"]).national_code == "0013542419"
    with pytest.raises(ValidationError) as caught:
        office.files.add(PersonFile("customer", people["pars"], national_code="10101234560"))
    assert "شناسه ملی" in caught.value.fa or "کد ملی" in caught.value.fa


def test_search_by_number_name_phone_referrer_and_state_in_persian_order(office, people):
    files = office.files
    f_ali = files.add(PersonFile("customer", people["ali"], referrer_id=people["reza"]))
    f_sara = files.add(PersonFile("customer", people["sara"], registered_on=date(2025, 3, 1)))
    f_pars = files.add(PersonFile("customer", people["pars"], state="prospect"))
    ids = lambda **q: [r.id for r in files.file_rows(FileFilter("customer", **q))]  # noqa: E731
    assert ids() == [f_sara, f_ali, f_pars]  # احمدی، رضایی، شرکت پارس: the phonebook's Persian order
    assert ids(text="۰۹۱۲۱۲۳") == [f_ali] and ids(text="0935 111") == [f_sara]
    assert ids(text="C-0002") == [f_sara]
    assert ids(text="كريمي") == [f_ali]  # the referrer, typed with Arabic kaf and yeh
    assert ids(state="prospect") == [f_pars]
    assert ids(registered_from=date(2025, 3, 15)) == [f_ali, f_pars]
    row = files.file_rows(FileFilter("customer", text="علی"))[0]
    assert (row.name, row.referrer_name, row.mobile, row.state_label) == ("علی رضایی", "رضا کریمی", "09121234567",
                                                                           "سرنخ")
    assert files.count_files(FileFilter("customer")) == 3 and files.count_files(FileFilter("personnel")) == 0


def test_customer_stages_are_logged_with_their_dates(office, people):
    files = office.files
    f = files.add(PersonFile("customer", people["ali"]))
    files.set_state(f, "prospect", on=date(2025, 4, 5))
    files.set_state(f, "customer", on=date(2025, 5, 1), note="اولین خرید")
    assert [(a, b, d) for a, b, d, _ in files.states(f)] == [
        ("", "lead", date(2025, 4, 1)), ("lead", "prospect", date(2025, 4, 5)), ("prospect", "customer", date(2025, 5, 1))]
    assert files.get(f).state_on == date(2025, 5, 1)
    with pytest.raises(ValidationError):
        files.set_state(f, "hired")


def test_an_interactions_follow_up_becomes_a_reminder(office, people):
    files = office.files
    f = files.add(PersonFile("customer", people["ali"]))
    interaction = files.add_interaction(Interaction(f, "call", "1404/01/12 10:00", "پیش‌فاکتور خواست",
                                                    outcome="قیمت فرستاده شد", follow_up_on="۱۴۰۴/۰۱/۱۵ ۰۹:۳۰"))
    [logged] = files.interactions(f)
    assert (logged.kind_label, logged.follow_up_on) == ("تماس", datetime(2025, 4, 4, 9, 30))
    reminder = office.reminders.get(logged.reminder_id)
    assert reminder.subject == "پیگیری علی رضایی" and reminder.contact_id == people["ali"]
    assert office.reminders.next_alarm_time() == datetime(2025, 4, 4, 9, 30)
    files.delete_interaction(interaction)
    assert office.reminders.find_for_source("follow_up", interaction) is None
    with pytest.raises(ValidationError):
        files.add_interaction(Interaction(f, "call", "1404/01/12 10:00", ""))


def test_an_applicants_interview_is_a_reminder_and_hiring_keeps_every_detail(office, people):
    files = office.files
    data = {"father_name": "حسن", "birth_date": "1370/05/01", "birth_place": "تهران", "marital": "married",
            "desired_position": "حسابدار",
            "education_rows": [{"level": "کارشناسی", "field": "حسابداری", "school": "دانشگاه تهران", "year": "۱۳۹۲"}],
            "work_rows": [{"employer": "شرکت الف", "title": "کمک‌حسابدار", "start": "1393", "end": "1400"}],
            "expected_salary": "۲۵۰٬۰۰۰٬۰۰۰", "interview_at": "1404/01/20 10:00", "score": "۸۵"}
    applicant = files.add(PersonFile("applicant", people["sara"], data=data))
    stored = files.get(applicant)
    assert stored.data["expected_salary"] == 250_000_000 and stored.data["score"] == 85
    assert stored.data["education_rows"][0]["year"] == "1392"
    reminder = office.reminders.get(office.reminders.find_for_source("interview", applicant))
    assert reminder.subject == "مصاحبه استخدام با سارا احمدی" and reminder.advance == (60,)
    files.add_attachment(applicant, "رزومه.pdf", b"%PDF-1.4 cv", "application/pdf")

    personnel = files.hire(applicant, on=date(2025, 5, 1), unit="مالی")
    hired = files.get(personnel)
    assert (hired.kind, hired.number, hired.unit, hired.hired_from) == ("personnel", "P-0001", "مالی", applicant)
    assert hired.data == {"father_name": "حسن", "birth_date": "1991-07-23", "birth_place": "تهران", "marital": "married",
                          "education_level": "bachelor", "education_field": "حسابداری", "job_title": "حسابدار",
                          "hire_date": "2025-05-01", "employment": "full_time"}
    assert [a.name for a in files.attachments(personnel)] == ["رزومه.pdf"]
    assert files.get(applicant).state == "hired"
    assert office.reminders.find_for_source("interview", applicant) is not None  # updated only on the next edit
    with pytest.raises(UserError):
        files.hire(applicant)


def test_ending_employment_keeps_the_file_as_former_staff(office, people):
    files = office.files
    f = files.add(PersonFile("personnel", people["ali"], data={"hire_date": "1400/01/01"}))
    files.end_employment(f, date(2025, 3, 1), "استعفا")
    stored = files.get(f)
    assert (stored.state, stored.data["end_date"], stored.data["end_reason"]) == ("former", "2025-03-01", "استعفا")
    assert [r.id for r in files.file_rows(FileFilter("personnel", state="former"))] == [f]


def test_attachments_are_inside_the_database_and_a_restore_brings_them_back(office, people, db_path, tmp_path):
    from crm_desktop.storage.backup import backup_database
    from crm_desktop.storage.restore import restore_database

    f = office.files.add(PersonFile("personnel", people["ali"]))
    scan = bytes(range(256)) * 40
    attachment = office.files.add_attachment(f, "کارت ملی.jpg", scan, "image/jpeg")
    info = backup_database(db_path, tmp_path / "backups", conn=office.conn)
    office.files.delete_attachment(attachment)
    assert office.files.attachments(f) == []
    office.close()
    restore_database(db_path, info.path)
    from crm_desktop.office import Office

    with Office(db_path) as again:
        [back] = again.files.attachments(f)
        assert back.name == "کارت ملی.jpg" and again.files.attachment_data(back.id) == scan


def test_a_contact_with_a_file_is_not_deleted_and_merging_moves_the_file(office, people):
    f = office.files.add(PersonFile("customer", people["ali"]))
    with pytest.raises(UserError):
        office.phonebook.delete([people["ali"]])
    office.phonebook.merge(people["reza"], people["ali"])
    assert office.files.get(f).contact_id == people["reza"]
