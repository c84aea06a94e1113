"""Names and texts that are too long say their limit (Persian digits in Persian, the number in
English), and a name of invisible characters only (a half-space, ZWSP, bidi marks) is no name:
a cheque template (its model, a layout file, the CLI), a reminder group and a bank are refused
with the message the name prompt shows, and nothing is saved."""

from datetime import date, datetime

import pytest

from crm_desktop.cheque_print.model import Template
from crm_desktop.cheques.model import account_number
from crm_desktop.errors import ValidationError
from crm_desktop.office import Office
from crm_desktop.preferences import Preferences
from crm_desktop.reminders.model import Reminder
from tests.conftest import run_cli

INVISIBLE = ["\u200c", "\u200b", "\u200e\u200f", "\u2066\u2069", "\u202b\u202c", " \u200c \u200b ", "\ufeff"]


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    yield office
    office.close()


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


# --- invisible-only names ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", INVISIBLE)
def test_a_template_named_with_invisible_marks_only_is_refused_as_the_prompt_refuses_it(office, name):
    from crm_desktop.cheque_print.views.template_actions import REQUIRED

    error = refusal(lambda: Template(name).validate())
    assert error.fa == REQUIRED == "نام نمونه چاپی را بنویسید." and error.message == "a template needs a name"
    before = office.cheque_print.names()
    refusal(lambda: office.cheque_print.import_json(Template("برگ ملت").validate().to_json().replace("برگ ملت", name)))
    assert office.cheque_print.names() == before


def test_a_template_with_a_half_space_inside_a_name_is_kept(office):
    assert Template(" بانک\u200cملت ").validate().name == "بانک\u200cملت"


def test_the_cli_refuses_a_layout_file_named_with_a_half_space(office, tmp_path):
    path = tmp_path / "layout.json"
    path.write_text(Template("برگ ملت").validate().to_json().replace("برگ ملت", "\u200c"), encoding="utf-8")
    before = office.cheque_print.names()
    done = run_cli("templates", "import", path, db=office.path)
    assert done.returncode != 0 and done.stdout == ""
    assert "a template needs a name" in done.stderr and "نام نمونه چاپی را بنویسید." in done.stderr
    assert office.cheque_print.names() == before


@pytest.mark.parametrize("name", INVISIBLE)
def test_a_reminder_group_named_with_invisible_marks_only_is_refused(office, name):
    book = office.reminders
    before = [g.name for g in book.groups()]
    assert refusal(lambda: book.add_group(name)).fa == "نام گروه را وارد کنید."
    gid = book.add_group("جلسه‌ها")
    assert refusal(lambda: book.update_group(gid, name, "#112233")).fa == "نام گروه را وارد کنید."
    assert [g.name for g in book.groups()] == [*before, "جلسه‌ها"]


@pytest.mark.parametrize("name", INVISIBLE)
def test_a_bank_named_with_invisible_marks_only_is_refused(office, name):
    from crm_desktop.cheques.views.banks_dialog import REQUIRED

    cheques = office.cheques
    before = [b.name for b in cheques.banks(include_hidden=True)]
    error = refusal(lambda: cheques.add_bank(name))
    assert error.fa == REQUIRED == "نام بانک را وارد کنید."
    assert refusal(lambda: cheques.rename_bank("melli", name)).fa == REQUIRED
    assert [b.name for b in cheques.banks(include_hidden=True)] == before


# --- too long: the limit said -----------------------------------------------------------------------

def test_a_too_long_template_name_says_its_limit():
    Template("ن" * 100).validate()
    error = refusal(lambda: Template("ن" * 101).validate())
    assert (error.fa, error.message) == ("نام نمونه چاپی بیش از ۱۰۰ نویسه است.",
                                         "the template name is longer than 100 characters")


def test_a_too_long_reminder_group_name_says_its_limit(office):
    book = office.reminders
    book.add_group("گ" * 100)
    error = refusal(lambda: book.add_group("گ" * 101))
    assert (error.fa, error.message) == ("نام گروه بیش از ۱۰۰ نویسه است.", "the group name is longer than 100 characters")


def test_a_too_long_holiday_title_says_its_limit(office):
    book = office.reminders
    error = refusal(lambda: book.set_holiday(date(2025, 3, 20), "ت" * 201))
    assert (error.fa, error.message) == ("عنوان تعطیلی بیش از ۲۰۰ نویسه است.",
                                         "the holiday title is longer than 200 characters")
    book.set_holiday(date(2025, 3, 20), "ت" * 200)
    assert book.holidays_between(date(2025, 3, 20), date(2025, 3, 20)) == {date(2025, 3, 20): "ت" * 200}


def test_a_too_long_office_name_says_its_limit():
    Preferences(office_name="د" * 200).validate()
    error = refusal(lambda: Preferences(office_name="د" * 201).validate())
    assert (error.fa, error.message) == ("نام دفتر بیش از ۲۰۰ نویسه است.", "the office name is longer than 200 characters")


def test_a_too_long_bank_name_says_its_limit(office):
    office.cheques.add_bank("ب" * 100)
    error = refusal(lambda: office.cheques.add_bank("ب" * 101))
    assert (error.fa, error.message) == ("نام بانک بیش از ۱۰۰ نویسه است.", "the bank name is longer than 100 characters")


@pytest.mark.parametrize("field, fa, en", [
    ("subject", "موضوع بیش از ۲۰۰ نویسه است.", "the subject is longer than 200 characters"),
    ("place", "مکان بیش از ۲۰۰ نویسه است.", "the place is longer than 200 characters"),
    ("note", "یادداشت بیش از ۴۰۰۰ نویسه است.", "the note is longer than 4000 characters"),
])
def test_a_too_long_reminder_text_says_its_limit(field, fa, en):
    size = 4001 if field == "note" else 201
    values = {"subject": "جلسه", field: "م" * size}
    error = refusal(lambda: Reminder(starts_at=datetime(2025, 3, 20, 9), **values).validate())
    assert (error.fa, error.message) == (fa, en)


def test_a_too_long_account_number_says_its_limit():
    assert account_number("1" * 30) == "1" * 30
    error = refusal(lambda: account_number("1" * 31))
    assert (error.fa, error.message) == ("شماره حساب: بیش از ۳۰ رقم است.", "شماره حساب: more than 30 digits")


def test_a_too_long_file_number_or_prefix_says_its_limit_in_english_too(office):
    from crm_desktop.files.model import PersonFile

    error = refusal(lambda: PersonFile("personnel", 1, number="1" * 31).validate())
    assert (error.fa, error.message) == ("شماره پرونده: حداکثر ۳۰ نویسه است.", "شماره پرونده: longer than 30 characters")
    error = refusal(lambda: office.files.set_prefix("personnel", "پ" * 11))
    assert (error.fa, error.message) == ("پیشوند شماره پرونده حداکثر ۱۰ نویسه است.", "the prefix is longer than 10 characters")
