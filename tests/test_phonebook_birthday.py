"""A birthday without a year (stored Gregorian ``--MM-DD``, as vCards write it) is one Jalali day
everywhere: the contact form, the printed card, the yearly reminder (in every year), the CSV /
XLSX export and its re-import, and ``search --json``; opening and saving the form never rewrites
it."""

import csv
import io
import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from crm_desktop.core import jalali
from crm_desktop.office import Office
from crm_desktop.phonebook import model, report
from crm_desktop.phonebook.exporter import export_contacts
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.repo import Phonebook
from crm_desktop.storage.db import open_database
from tests.conftest import run_cli
from tests.pdf_helpers import read_pdf
from tests.ui_helpers import persian_app, type_text  # noqa: F401

CLOCK = lambda: datetime(2026, 1, 10, 10, 0)  # noqa: E731 - ۱۴۰۴/۱۰/۲۰: read in 2026, --03-15 was 24 Esfand


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3", clock=CLOCK)
    yield office
    office.close()


def add(office, first, birthday):
    count = office.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    contact = model.Contact(first_name=first, last_name="کریمی", birthday=birthday,
                            phones=[model.Phone(f"0935111{count:04d}")])
    return office.phonebook.add(model.normalised(contact))


# --- the pair every place uses ---------------------------------------------------------------

def test_the_pair_goes_both_ways_for_every_day_the_form_offers():
    """Every day offered without a year comes back as chosen. Esfand has 29 of them: its 30th (a
    leap day) falls on 1 Farvardin's Gregorian day in the years around it, so it would have come
    back as 1 Farvardin without a word."""
    for month in range(1, 13):
        for day in range(1, model.no_year_month_length(month) + 1):
            assert model.no_year_to_jalali(model.jalali_to_no_year(month, day)) == (month, day)
    assert model.no_year_month_length(12) == 29 and model.no_year_month_length(1) == 31
    assert model.jalali_to_no_year(12, 25) == "--03-15" and model.jalali_to_no_year(1, 1) == "--03-20"
    assert model.no_year_to_jalali("--02-29") == model.no_year_to_jalali("--02-28") == (12, 10)
    for bad in ("--02-30", "--13-01", "1990-03-15", "--3-15"):
        with pytest.raises(ValueError):
            model.no_year_to_jalali(bad)
    for month, day in ((7, 31), (12, 30)):
        with pytest.raises(ValueError):
            model.jalali_to_no_year(month, day)


# --- the form ----------------------------------------------------------------------------------

def open_form(qtbot, office, contact_id):
    from crm_desktop.phonebook.views.contact_dialog import ContactDialog

    dialog = ContactDialog(office, contact_id, clock=CLOCK)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.usefixtures("persian_app")
@pytest.mark.parametrize("stored, month, day", [("--03-15", "اسفند", "۲۵"), ("--02-29", "اسفند", "۱۰"),
                                                ("--03-20", "فروردین", "۱")])
def test_the_form_shows_the_day_and_saving_another_edit_keeps_the_stored_birthday(qtbot, office, stored, month, day):
    contact_id = add(office, "سارا", stored)
    dialog = open_form(qtbot, office, contact_id)
    birthday = dialog.birthday
    assert birthday.no_year.isChecked() and birthday.month.isVisible() and not birthday.date_edit.isVisible()
    assert birthday.month.currentText() == month and birthday.day.text() == day
    type_text(dialog.job_title, "حسابدار")  # an unrelated edit
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    saved = Phonebook(office.conn).get(contact_id)
    assert saved.job_title == "حسابدار" and saved.birthday == stored


@pytest.mark.usefixtures("persian_app")
def test_a_day_the_operator_changes_is_stored(qtbot, office):
    contact_id = add(office, "سارا", "--02-29")
    dialog = open_form(qtbot, office, contact_id)
    dialog.birthday.day.setValue(11)  # 11 Esfand
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert office.phonebook.get(contact_id).birthday == "--03-01"
    again = open_form(qtbot, office, contact_id)
    assert again.birthday.month.currentText() == "اسفند" and again.birthday.day.text() == "۱۱"
    assert again.birthday.day.maximum() == 29  # Esfand without a year (its 30th read back as 1 Farvardin)
    again.birthday.month.setCurrentIndex(0)
    assert again.birthday.day.maximum() == 31
    again.birthday.month.setCurrentIndex(11)


@pytest.mark.usefixtures("persian_app")
@pytest.mark.parametrize("typed, message", [
    ("۱۲۰۰/۰۱/۰۱", "تاریخ تولد: نباید پیش از ۱۳۰۰/۰۱/۰۱ باشد."),
    ("۱۴۵۰/۰۱/۰۱", "تاریخ تولد: نباید پس از ۱۴۰۴/۱۰/۲۰ باشد."),
])
def test_a_birthday_before_1300_or_still_to_come_is_refused_on_its_field(qtbot, office, typed, message):
    contact_id = add(office, "سارا", None)
    dialog = open_form(qtbot, office, contact_id)
    dialog.birthday.date_edit.edit.setText(typed)
    assert dialog.save() is None
    assert dialog.birthday.date_edit.shown_error() == message
    assert office.phonebook.get(contact_id).birthday is None
    dialog.birthday.date_edit.edit.clear()  # as loaded: closing asks nothing


# --- the printed card --------------------------------------------------------------------------

@pytest.mark.parametrize("stored, shown", [("--03-15", "تاریخ تولد 25 اسفند"), ("--02-29", "تاریخ تولد 10 اسفند")])
@pytest.mark.parametrize("today", [date(2025, 1, 10), date(2026, 1, 10)])
def test_the_card_prints_the_day_the_form_shows_whatever_the_year(tmp_path, stored, shown, today):
    out = tmp_path / "card.pdf"
    contact = model.Contact(first_name="سارا", last_name="کریمی", birthday=stored)
    report.write_contact_card(out, contact, [], today=today)
    lines = read_pdf(out)[0].logical_text().splitlines()
    assert [line for line in lines if line.startswith("تاریخ تولد")] == [shown]  # logical(): Latin digits


# --- the reminders -----------------------------------------------------------------------------

def jalali_days(office, contact_id, years):
    """The Jalali (year, month, day) of each time the contact's birthday reminder rings in ``years``."""
    start, end = jalali.from_jalali(years[0], 1, 1), jalali.from_jalali(years[-1], 12, 29)
    return [jalali.to_jalali(o.at) for o in office.reminders.occurrences_between(start, end, contact_id=contact_id)]


@pytest.mark.parametrize("now", [datetime(2025, 6, 1, 8), datetime(2026, 6, 1, 8)])  # made in 1404, or in 1405
def test_birthday_reminders_ring_on_the_same_jalali_day_every_year(tmp_path, now):
    with Office(tmp_path / "office.sqlite3", clock=lambda: now) as office:
        sara = add(office, "سارا", "--03-15")
        leap = add(office, "لیلا", "--02-29")
        assert office.reminders.birthday_reminders(now=now) == 2
        assert jalali_days(office, sara, [1405, 1406]) == [(1405, 12, 25), (1406, 12, 25)]
        assert jalali_days(office, leap, [1405, 1406]) == [(1405, 12, 10), (1406, 12, 10)]



def birthday_reminders(office):
    """(subject, contact id, Jalali month/day it repeats on) of every birthday reminder."""
    found = [office.reminders.get(row.id) for row in office.reminders.search(source="birthday")]
    return sorted((r.subject, r.contact_id, (r.repeat.month, r.repeat.day)) for r in found)


def test_a_birthday_reminder_follows_its_contacts_name_and_birthday(tmp_path):
    """«تولد علي رضائي» on 21 Bahman stayed as it was after the name and birthday were
    corrected in the phonebook; now it follows them, and goes when the birthday is cleared."""
    now = datetime(2025, 6, 1, 8)
    with Office(tmp_path / "office.sqlite3", clock=lambda: now) as office:
        ali = add(office, "علي رضائي", "1985-02-10")
        kept = add(office, "سارا", "1990-05-01")
        office.reminders.birthday_reminders(now=now)
        sara_reminder = [r for r in office.reminders.search(source="birthday") if r.contact_id == kept][0]
        office.reminders.update(replace(office.reminders.get(sara_reminder.id), subject="خرید هدیه برای سارا"))
        contact = office.phonebook.get(ali)
        contact.first_name, contact.birthday = "علی رضایی", "1990-05-01"  # 11 Ordibehesht 1369
        office.phonebook.update(contact)
        sara = office.phonebook.get(kept)
        sara.first_name = "سارا جان"
        office.phonebook.update(sara)
        assert birthday_reminders(office) == [("تولد علی رضایی کریمی", ali, (2, 11)),
                                              ("خرید هدیه برای سارا", kept, (2, 11))]
        assert jalali_days(office, ali, [1405]) == [(1405, 2, 11)]
        contact = office.phonebook.get(ali)
        contact.birthday = None
        office.phonebook.update(contact)
        assert birthday_reminders(office) == [("خرید هدیه برای سارا", kept, (2, 11))]


def test_a_merge_leaves_one_birthday_reminder_and_a_delete_takes_it_along_until_undone(tmp_path):
    now = datetime(2025, 6, 1, 8)
    with Office(tmp_path / "office.sqlite3", clock=lambda: now) as office:
        keep, other = add(office, "علی رضایی", "1990-05-01"), add(office, "علي رضائي", "1985-02-10")
        only_other = add(office, "مریم", None)
        third = add(office, "مريم", "1980-03-21")
        office.reminders.birthday_reminders(now=now)
        office.phonebook.merge(keep, other)  # both had one: the kept one's stays
        office.phonebook.merge(only_other, third)  # only the removed one had one: it moves over
        assert birthday_reminders(office) == [("تولد علی رضایی کریمی", keep, (2, 11)),
                                              ("تولد مریم کریمی", only_other, (1, 1))]
        assert office.reminders.birthday_reminders(now=now) == 0  # made once, not again
        assert office.phonebook.delete_effects([keep]) == ["۱ یادآوری تولد هم حذف می‌شود"]
        snapshot = office.phonebook.delete([keep])
        assert birthday_reminders(office) == [("تولد مریم کریمی", only_other, (1, 1))]
        office.phonebook.undo_delete(snapshot)
        assert birthday_reminders(office) == [("تولد علی رضایی کریمی", keep, (2, 11)),
                                              ("تولد مریم کریمی", only_other, (1, 1))]


def test_what_the_operator_changed_in_a_birthday_reminder_stays(tmp_path):
    """Any save of the contact (a new job title) put back «تولد <name>» over the subject the
    operator wrote, and the birthday's day over the day they moved it to; only a change of the
    name or the birthday moves what was still as it was made."""
    now = datetime(2025, 6, 1, 8)
    with Office(tmp_path / "office.sqlite3", clock=lambda: now) as office:
        amin = add(office, "امین", "1990-05-01")  # 11 Ordibehesht
        office.reminders.birthday_reminders(now=now)
        (row,) = office.reminders.search(source="birthday")
        made = office.reminders.get(row.id)
        office.reminders.update(replace(made, subject="تولد امین - کیک سفارش بده",
                                        repeat=replace(made.repeat, day=10)))
        contact = office.phonebook.get(amin)
        contact.job_title = "حسابدار"
        office.phonebook.update(contact)
        assert birthday_reminders(office) == [("تولد امین - کیک سفارش بده", amin, (2, 10))]
        contact = office.phonebook.get(amin)
        contact.first_name, contact.birthday = "امین‌الله", "1990-05-02"
        office.phonebook.update(contact)
        assert birthday_reminders(office) == [("تولد امین - کیک سفارش بده", amin, (2, 10))]


def test_a_person_merged_into_an_organisation_keeps_a_plain_reminder_of_their_birthday(tmp_path):
    """The person's «تولد …» reminder was moved to the organisation and then to its founding
    day; now it stays on the person's day, as the operator's own reminder on the kept contact.
    An organisation's founding date makes no «تولد» reminder."""
    now = datetime(2025, 6, 1, 8)
    with Office(tmp_path / "office.sqlite3", clock=lambda: now) as office:
        person = add(office, "میلاد", "2005-02-07")  # 19 Bahman 1383
        shop = office.phonebook.add(model.normalised(model.Contact(
            kind="organisation", organisation="داروخانه دکتر علی‌پور", birthday="2001-07-23")))
        assert office.reminders.birthday_reminders(now=now) == 1
        (row,) = office.reminders.search(source="birthday")
        office.phonebook.merge(shop, person)
        kept = office.reminders.get(row.id)
        assert (kept.subject, kept.contact_id, kept.source, (kept.repeat.month, kept.repeat.day)) == (
            "تولد میلاد کریمی", shop, "", (11, 19))
        assert office.reminders.birthday_reminders(now=now) == 0

# --- export and import -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_writes_the_jalali_day_and_imports_back_to_the_same_value(office, tmp_path, fmt):
    stored = {"سارا": "--03-15", "لیلا": "--02-29", "نادر": "--03-20", "مینا": "1981-08-03"}
    for name, birthday in stored.items():
        add(office, name, birthday)
    out = tmp_path / f"all.{fmt}"
    export_contacts(office.phonebook, None, out)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    else:
        from openpyxl import load_workbook

        rows = [[c.value or "" for c in row] for row in load_workbook(out).active.iter_rows()]
    column, name = rows[0].index("تاریخ تولد"), rows[0].index("نام")
    cells = {row[name]: row[column] for row in rows[1:]}
    assert cells == {"سارا": "25 اسفند", "لیلا": "29 فوریه", "نادر": "1 فروردین", "مینا": "1360/05/12"}
    other = open_database(tmp_path / "other.sqlite3")
    try:
        summary = run_import(ImportArgs(out, conn=other))
        assert (summary.added, summary.rejected) == (4, 0), summary.text_en()
        assert {c.first_name: c.birthday for c in Phonebook(other).iter_contacts()} == stored
    finally:
        other.close()


def test_search_json_gives_the_jalali_month_and_day(db_path):
    conn = open_database(db_path)
    book = Phonebook(conn)
    book.add(model.Contact(first_name="سارا", birthday="--03-15"))
    book.add(model.Contact(first_name="مینا", birthday="1990-03-21"))
    conn.close()
    done = run_cli("search", "--json", db=db_path)
    assert done.returncode == 0, done.stderr
    found = {c["name"]: c["birthday"] for c in json.loads(done.stdout)["contacts"]}
    assert found == {"سارا": "12/25", "مینا": "1369/01/01"}
    help_text = run_cli("search", "--help").stdout
    assert "MM/DD without a year" in help_text
