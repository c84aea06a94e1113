"""The files tab as the operator meets it, on a real database: a new personnel, customer and
applicant file through its form shows up as a row on its page; a bad national code, Sheba or
date gets its Persian message under its field and nothing is stored; a duplicate file number is
refused; a phone typed in Persian digits finds the file; an interaction with a follow-up makes a
reminder; hiring from the applicant page makes the personnel file and opens it; attachments are
added, read back, saved elsewhere and an unreadable one reported; a contact's card lists the
person's files; unsaved changes are asked about; a customer's stage is logged with its date."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QPushButton

from crm_desktop.files.model import Interaction, PersonFile
from crm_desktop.phonebook.model import Contact, Phone
from crm_desktop.ui import dialogs
from tests.ui_helpers import answer_yes, persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2025, 4, 1, 10, 30)  # سه‌شنبه ۱۲ فروردین ۱۴۰۴
TODAY = NOW.date()
GOOD_CODE = "0013542419"
GOOD_SHEBA = "IR820540102680020817909002"


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    """Message boxes answered «بله» / «تأیید»; their texts kept."""
    return answer_yes(monkeypatch)


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def people(office):
    add = office.phonebook.add
    return {"ali": add(Contact(first_name="علی", last_name="رضایی", phones=[Phone("09121234567")])),
            "sara": add(Contact(first_name="سارا", last_name="احمدی", phones=[Phone("09351112233")])),
            "reza": add(Contact(first_name="رضا", last_name="کریمی")),
            "pars": add(Contact(kind="organisation", organisation="شرکت پارس"))}


@pytest.fixture
def tab(qtbot, office):
    from crm_desktop.files.view import FilesTab
    from crm_desktop.shell.events import OfficeEvents

    widget = FilesTab(office, OfficeEvents(office), None, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


def open_form(qtbot, office, kind=None, file_id=None, parent=None):
    from crm_desktop.files.views.file_dialog import FileDialog

    dialog = FileDialog(office, kind, file_id, parent, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def typed(field, text):
    edit = getattr(field, "edit", field)
    edit.clear()
    type_text(edit, text)
    edit.editingFinished.emit()


def shown(page, column: str) -> list[str]:
    index = page.model.column_index(column)
    return [page.model.index(row, index).data() for row in range(page.model.rowCount())]


def settle(qtbot, page):
    qtbot.waitUntil(lambda: not page.filters._emit.isActive(), timeout=2000)


def count_files(office) -> int:
    return office.conn.execute("SELECT count(*) FROM files").fetchone()[0]


def fill_personnel(dialog, people):
    dialog.contact.set_contact_id(people["ali"])
    typed(dialog.national_code, "۰۰۱۳۵۴۲۴۱۹")
    typed(dialog.fields.widgets["father_name"], "حسن")
    typed(dialog.fields.widgets["birth_date"], "۱۳۷۰/۰۵/۰۱")
    dialog.fields.widgets["marital"].setCurrentIndex(dialog.fields.widgets["marital"].findData("married"))
    typed(dialog.fields.widgets["job_title"], "حسابدار")
    dialog.fields.unit.setCurrentText("مالی")
    typed(dialog.fields.widgets["hire_date"], "۱۴۰۴/۰۱/۰۵")
    typed(dialog.fields.widgets["sheba"], GOOD_SHEBA)


def test_a_new_personnel_file_through_its_form_is_a_row_on_its_page(qtbot, office, people, tab):
    page = tab.page("personnel")
    assert page.count_label.text() == "هنوز پرونده پرسنلی‌ای ثبت نشده است."
    dialog = open_form(qtbot, office, "personnel", parent=page)
    assert dialog.windowTitle() == "پرونده پرسنلی تازه"
    assert dialog.number.text() == "P-۰۰۰۱" and dialog.registered_on.text() == "۱۴۰۴/۰۱/۱۲"
    fill_personnel(dialog, people)
    file_id = dialog.save()
    stored = office.files.get(file_id)
    assert (stored.number, stored.unit, stored.state) == ("P-0001", "مالی", "active")
    assert stored.data == {"father_name": "حسن", "birth_date": "1991-07-23", "marital": "married",
                           "job_title": "حسابدار", "hire_date": "2025-03-25", "sheba": GOOD_SHEBA}
    assert office.phonebook.get(people["ali"]).national_code == GOOD_CODE  # written to the contact
    assert shown(page, "name") == ["علی رضایی"] and shown(page, "unit") == ["مالی"]
    assert shown(page, "number") == ["\u2068P-۰۰۰۱\u2069"] and shown(page, "state") == ["شاغل"]
    assert shown(page, "registered") == ["۱۴۰۴/۰۱/۱۲"] and shown(page, "job_title") == ["حسابدار"]
    assert page.count_label.text() == "۱ پرونده"
    assert page.filters.unit.findData("مالی") > 0  # the unit filter offers it now


def test_a_new_customer_with_source_and_referrer_is_a_row_on_its_page(qtbot, office, people, tab):
    page = tab.page("customer")
    dialog = open_form(qtbot, office, "customer", parent=page)
    dialog.contact.set_contact_id(people["pars"])
    typed(dialog.national_code, "۱۰۱۰۰۳۸۷۶۵۴")  # a company's 11-digit national ID
    dialog.referrer.set_contact_id(people["reza"])
    dialog.fields.widgets["source"].setCurrentIndex(dialog.fields.widgets["source"].findData("referral"))
    dialog.state_box.setCurrentIndex(dialog.state_box.findData("prospect"))
    typed(dialog.fields.widgets["interests"], "دستگاه کپی")
    assert dialog.save() is not None
    assert shown(page, "name") == ["شرکت پارس"] and shown(page, "referrer") == ["رضا کریمی"]
    assert shown(page, "state") == ["مشتری بالقوه"] and shown(page, "source") == ["معرفی"]
    assert page.model.headerData(page.model.column_index("state"), Qt.Horizontal) == "مرحله"


def test_a_new_applicant_with_education_and_work_rows_is_a_row_on_its_page(qtbot, office, people, tab):
    page = tab.page("applicant")
    dialog = open_form(qtbot, office, "applicant", parent=page)
    dialog.contact.set_contact_id(people["sara"])
    education = dialog.fields.widgets["education_rows"]
    row = education.add_row({"level": "کارشناسی", "field": "حسابداری", "school": "دانشگاه تهران", "year": "1392"})
    assert education.table.item(row, 3).text() == "۱۳۹۲"
    work = dialog.fields.widgets["work_rows"]
    work.add_row({"employer": "شرکت الف", "title": "کمک‌حسابدار"})
    work.add_row({"employer": "حذف‌شدنی"})
    work.table.setCurrentCell(1, 0)
    work.remove_current()
    typed(dialog.fields.widgets["desired_position"], "حسابدار")
    typed(dialog.fields.widgets["expected_salary"], "۲۵۰۰۰۰۰۰۰")
    typed(dialog.fields.widgets["interview_at"].date, "۱۴۰۴/۰۱/۲۰")
    typed(dialog.fields.widgets["interview_at"].time, "۱۰:۰۰")
    dialog.fields.widgets["score"].setValue(85)
    file_id = dialog.save()
    data = office.files.get(file_id).data
    assert data["education_rows"] == [{"level": "کارشناسی", "field": "حسابداری", "school": "دانشگاه تهران",
                                       "year": "1392"}]
    assert [r["employer"] for r in data["work_rows"]] == ["شرکت الف"]
    assert (data["expected_salary"], data["score"], data["interview_at"]) == (250_000_000, 85, "2025-04-09T10:00:00")
    assert office.reminders.find_for_source("interview", file_id) is not None  # the interview is a reminder
    assert shown(page, "desired_position") == ["حسابدار"] and shown(page, "interview_at") == ["۱۴۰۴/۰۱/۲۰ ۱۰:۰۰"]
    assert shown(page, "state") == ["دریافت شده"]


@pytest.mark.parametrize("where, text, error, fragment", [
    ("national_code", "۱۲۳۴۵۶۷۸۹۰", "file.national_code.error", "کد ملی"),
    ("sheba", "IR12", "file.sheba.error", "شبای حقوق"),
    ("birth_date", "۱۳۷۰/۰۲/۳۲", "file.birth_date.error", "تاریخ تولد"),
    ("hire_date", "۱۴۰۴/۱۳/۰۱", "file.hire_date.error", "تاریخ استخدام"),
    ("registered_on", "۱۴۰۴/۱۲/۳۰", "file.registered_on.error", "تاریخ ثبت"),
])
def test_a_bad_value_gets_its_persian_message_under_its_field_and_nothing_is_saved(qtbot, office, people, where,
                                                                                  text, error, fragment):
    from PySide6.QtWidgets import QLabel

    dialog = open_form(qtbot, office, "personnel")
    fill_personnel(dialog, people)
    widget = {"national_code": dialog.national_code, "registered_on": dialog.registered_on}.get(where) or \
        dialog.fields.widgets[where]
    typed(widget, text)
    assert dialog.save() is None
    label = dialog.findChild(QLabel, error)
    assert label.isVisibleTo(dialog) and fragment in label.text(), label.text()
    assert dialog.banner.isVisibleTo(dialog)
    assert count_files(office) == 0
    assert office.phonebook.get(people["ali"]).national_code == ""  # nothing half-saved on the contact


def test_a_person_must_be_chosen_and_typed_text_is_not_a_contact(qtbot, office, people):
    dialog = open_form(qtbot, office, "customer")
    assert dialog.save() is None
    assert "شخص" in dialog.contact.error_text()
    type_text(dialog.contact.edit, "کسی که نیست")
    assert dialog.save() is None
    assert "برگزینید" in dialog.contact.error_text()
    dialog.contact.set_contact_id(people["ali"])
    dialog.referrer.set_contact_id(people["ali"])
    assert dialog.save() is None
    assert "معرف خودش" in dialog.referrer.error_text()
    assert count_files(office) == 0


def test_a_duplicate_number_is_refused_under_the_number(qtbot, office, people, tab):
    office.files.add(PersonFile("customer", people["ali"]))
    dialog = open_form(qtbot, office, "customer", parent=tab.page("customer"))
    assert dialog.number.text() == "C-۰۰۰۲"
    dialog.contact.set_contact_id(people["sara"])
    typed(dialog.number, "C-۰۰۰۱")
    assert dialog.save() is None
    assert dialog.errors["number"].isVisibleTo(dialog)
    assert dialog.errors["number"].text() == "شماره پرونده: «C-0001» پیش‌تر به پرونده دیگری داده شده است."
    assert count_files(office) == 1 and tab.page("customer").model.rowCount() == 1
    typed(dialog.number, "C-۰۰۰۷")
    assert dialog.save() is not None
    assert office.files.get(dialog.file_id).number == "C-0007"


def test_search_by_a_phone_in_persian_digits_finds_the_file(qtbot, office, people, tab):
    page = tab.page("customer")
    ali = office.files.add(PersonFile("customer", people["ali"]))
    office.files.add(PersonFile("customer", people["sara"], registered_on=date(2025, 3, 1)))
    office.files.add(PersonFile("customer", people["pars"], state="prospect"))
    page.refresh()
    assert shown(page, "name") == ["سارا احمدی", "علی رضایی", "شرکت پارس"]  # Persian order
    type_text(page.filters.search, "۰۹۱۲۱۲۳")
    page.filters.search.flush()
    settle(qtbot, page)
    assert [r.id for r in page.rows()] == [ali]
    assert shown(page, "mobile") == ["\u2066۰۹۱۲ ۱۲۳ ۴۵۶۷\u2069"]
    page.filters.search.set_query("")
    page.filters.state.setCurrentIndex(page.filters.state.findData("prospect"))
    settle(qtbot, page)
    assert shown(page, "name") == ["شرکت پارس"]
    page.filters.clear()
    page.filters.registered_from.setDate(date(2025, 3, 15))
    settle(qtbot, page)
    assert shown(page, "name") == ["علی رضایی", "شرکت پارس"]
    page.filters.search.set_query("چیزی که نیست")
    settle(qtbot, page)
    assert page.count_label.text() == "پرونده‌ای با این فیلترها پیدا نشد."


def test_an_interaction_with_a_follow_up_makes_a_reminder(qtbot, office, people):
    from crm_desktop.files.views.interaction_dialog import InteractionDialog

    file_id = office.files.add(PersonFile("customer", people["ali"]))
    dialog = open_form(qtbot, office, file_id=file_id)
    pane = dialog.interactions
    assert dialog.side.tabText(0) == "تعاملات" and pane.empty.isVisibleTo(dialog)
    made = []

    def factory(office_, file_id_, parent, clock):
        form = InteractionDialog(office_, file_id_, parent, clock=clock)
        qtbot.addWidget(form)
        assert form.at.text() == "۱۴۰۴/۰۱/۱۲ ۱۰:۳۰"  # now
        form.kind.setCurrentIndex(form.kind.findData("call"))
        form.exec = lambda: made.append(form.save()) or 1
        assert form.save() is None  # no summary yet
        assert form.summary_error.text() == "شرح تعامل را بنویسید."
        type_text(form.summary, "پیش‌فاکتور خواست")
        typed(form.outcome, "قیمت فرستاده شد")
        typed(form.follow_up.date, "۱۴۰۴/۰۱/۱۵")
        assert form.save() is None  # a date without a time is not guessed
        assert form.follow_up.time.shown_error() == "ساعت پیگیری بعدی را بنویسید."
        typed(form.follow_up.time, "۹:۳۰")
        return form

    pane.dialog_factory = factory
    interaction_id = pane.add()
    assert interaction_id and made == [interaction_id]
    [logged] = office.files.interactions(file_id)
    reminder = office.reminders.get(logged.reminder_id)
    assert reminder.starts_at == datetime(2025, 4, 4, 9, 30) and reminder.contact_id == people["ali"]
    assert pane.lines() == [("۱۴۰۴/۰۱/۱۲ ۱۰:۳۰", "تماس", "پیش‌فاکتور خواست", "قیمت فرستاده شد", "۱۴۰۴/۰۱/۱۵ ۰۹:۳۰")]
    assert any("پیگیری علی رضایی" in line for line in dialog.reminders_box.texts())  # the customer's reminders
    pane.table.setCurrentCell(0, 0)
    assert pane.delete_current()
    assert office.reminders.find_for_source("follow_up", interaction_id) is None
    assert pane.lines() == []


def test_interactions_are_listed_newest_first_with_the_customers_cheques(qtbot, office, people):
    from crm_desktop.cheques.model import Cheque

    file_id = office.files.add(PersonFile("customer", people["ali"]))
    office.files.add_interaction(Interaction(file_id, "meeting", "1404/01/05 10:00", "جلسه اول"))
    office.files.add_interaction(Interaction(file_id, "email", "1404/01/10 10:00", "ارسال کاتالوگ"))
    office.cheques.add(Cheque(direction="received", sayad_id="1000000000000001", serial="700001", bank="melli",
                              amount=3_000_000, due_date=date(2025, 4, 20), drawer_id=people["ali"]))
    dialog = open_form(qtbot, office, file_id=file_id)
    assert [line[2] for line in dialog.interactions.lines()] == ["ارسال کاتالوگ", "جلسه اول"]
    assert dialog.cheques_box.summary.text() == "۱ چک"


def test_a_customers_stage_change_is_logged_with_its_date(qtbot, office, people):
    from crm_desktop.files.views.state_dialogs import StateDialog

    file_id = office.files.add(PersonFile("customer", people["ali"]))
    dialog = open_form(qtbot, office, file_id=file_id)
    pane = dialog.state_pane

    def factory(office_, file_id_, parent, clock):
        step = StateDialog(office_, file_id_, parent, clock=clock)
        qtbot.addWidget(step)
        assert step.state.findData("lead") < 0  # the stage it is at is not offered
        step.state.setCurrentIndex(step.state.findData("customer"))
        typed(step.on, "۱۴۰۴/۰۱/۲۰")
        type_text(step.note, "اولین خرید")
        step.exec = lambda: 1 if step.save() else 0
        return step

    pane.dialog_factory = factory
    assert pane.take_step()
    assert pane.lines() == ["\u2068۱۴۰۴/۰۱/۱۲\u2069 — ثبت پرونده: سرنخ",
                            "\u2068۱۴۰۴/۰۱/۲۰\u2069 — مشتری — اولین خرید"]
    assert office.files.get(file_id).state == "customer"
    assert not dialog.is_dirty()  # a logged step is no unsaved change of the form


def test_ending_employment_from_the_page_keeps_the_file_as_former_staff(qtbot, office, people, tab):
    from crm_desktop.files.views.state_dialogs import EndEmploymentDialog

    file_id = office.files.add(PersonFile("personnel", people["ali"], data={"hire_date": "1400/01/01"}))
    page = tab.page("personnel")
    page.refresh()
    page.select_file(file_id)
    assert page.end_action.isEnabled()

    def factory(name, office_, file_id_, parent, clock):
        step = EndEmploymentDialog(office_, file_id_, parent, clock=clock)
        qtbot.addWidget(step)
        step.reason.setCurrentText("استعفا")
        step.exec = lambda: 1 if step.save() else 0
        return step

    page.step_dialog_factory = factory
    assert page.end_employment()
    stored = office.files.get(file_id)
    assert (stored.state, stored.data["end_date"], stored.data["end_reason"]) == ("former", "2025-04-01", "استعفا")
    assert shown(page, "state") == ["پایان همکاری"] and not page.end_action.isEnabled()
    assert page.model.index(0, 0).data(Qt.ForegroundRole).color().name() == "#6b6b6b"
    dialog = open_form(qtbot, office, file_id=file_id)
    assert dialog.fields.widgets["end_date"].text() == "۱۴۰۴/۰۱/۱۲"
    assert dialog.fields.boxes["end_reason"].isVisibleTo(dialog)


class FakeForm(QObject):
    saved = Signal(int)

    def exec(self):
        return 0

    def deleteLater(self):  # noqa: N802
        pass


def test_hire_from_the_applicant_page_makes_the_personnel_file_and_opens_it(qtbot, office, people, tab):
    from crm_desktop.files.views.state_dialogs import HireDialog

    applicant = office.files.add(PersonFile("applicant", people["sara"], data={"desired_position": "حسابدار"}))
    office.files.add_attachment(applicant, "رزومه.pdf", b"%PDF-1.4 cv", "application/pdf")
    page = tab.show_page("applicant")
    page.refresh()
    page.select_file(applicant)
    assert page.hire_action.isEnabled()

    def factory(name, office_, file_id, parent, clock):
        assert name == "HireDialog"
        step = HireDialog(office_, file_id, parent, clock=clock)
        qtbot.addWidget(step)
        assert step.number.text() == "P-۰۰۰۱"
        step.unit.setCurrentText("مالی")
        step.exec = lambda: 1 if step.save() else 0
        return step

    page.step_dialog_factory = factory
    opened = []
    personnel_page = tab.page("personnel")
    personnel_page.file_dialog_factory = lambda office_, kind, file_id, parent, clock: (opened.append(file_id)
                                                                                        or FakeForm())
    personnel_id = page.hire()
    hired = office.files.get(personnel_id)
    assert (hired.kind, hired.number, hired.unit, hired.data["job_title"]) == ("personnel", "P-0001", "مالی", "حسابدار")
    assert [a.name for a in office.files.attachments(personnel_id)] == ["رزومه.pdf"]
    assert tab.current_page() is personnel_page and opened == [personnel_id]
    assert personnel_page.current_id() == personnel_id
    assert shown(page, "state") == ["استخدام شده"] and not page.hire_action.isEnabled()


def test_attachments_are_added_read_back_saved_elsewhere_and_an_unreadable_one_reported(qtbot, office, people,
                                                                                         tmp_path, monkeypatch):
    from crm_desktop.phonebook.views import list_actions

    scan = tmp_path / "کارت ملی.jpg"
    scan.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 10)
    contract = tmp_path / "قرارداد.pdf"
    contract.write_bytes(b"%PDF-1.4 contract")
    dialog = open_form(qtbot, office, "personnel")
    fill_personnel(dialog, people)
    box = dialog.attachments
    box.pick_files = lambda parent: [str(scan), str(tmp_path / "گم‌شده.pdf"), str(contract)]
    assert box.add_files() == 2
    assert box.error.isVisibleTo(dialog) and "«گم‌شده.pdf» خوانده نشد" in box.error.text()
    assert box.names() == ["کارت ملی.jpg", "قرارداد.pdf"]
    assert count_files(office) == 0  # nothing stored before «ذخیره»
    file_id = dialog.save()
    stored = office.files.attachments(file_id)
    assert [a.name for a in stored] == ["کارت ملی.jpg", "قرارداد.pdf"]
    assert office.files.attachment_data(stored[0].id) == scan.read_bytes()

    again = open_form(qtbot, office, file_id=file_id)
    box = again.attachments
    assert box.select("قرارداد.pdf")
    opened = []
    monkeypatch.setattr(list_actions, "open_file", lambda path: opened.append(path) or True)
    path = box.open_current()
    assert opened == [path] and path.name == "قرارداد.pdf" and path.read_bytes() == b"%PDF-1.4 contract"
    target = tmp_path / "out" / "نسخه.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(list_actions, "ask_save_path", lambda *a: (str(target), ""))
    assert box.save_current() == target and target.read_bytes() == b"%PDF-1.4 contract"
    assert box.delete_current()
    assert len(office.files.attachments(file_id)) == 2  # deleted on «ذخیره», not before
    assert again.is_dirty()
    again.save()
    assert [a.name for a in office.files.attachments(file_id)] == ["کارت ملی.jpg"]


def test_a_large_attachment_is_added_with_a_warning(qtbot, office, people, tmp_path):
    big = tmp_path / "اسکن.tif"
    big.write_bytes(b"\0" * (6 * 1024 * 1024))
    dialog = open_form(qtbot, office, "customer")
    assert dialog.attachments.add_files([str(big)]) == 1
    assert dialog.attachments.warning.isVisibleTo(dialog)
    assert "۶٫۰ مگابایت" in dialog.attachments.warning.text() or "۶.۰ مگابایت" in dialog.attachments.warning.text()


def test_a_photo_is_chosen_shown_and_a_file_that_is_no_picture_refused(qtbot, office, people, tmp_path):
    from PySide6.QtGui import QColor, QImage

    picture = tmp_path / "عکس.png"
    image = QImage(300, 400, QImage.Format_RGB32)
    image.fill(QColor("#1f6f8b"))
    image.save(str(picture))
    text = tmp_path / "نامه.txt"
    text.write_text("سلام", encoding="utf-8")
    dialog = open_form(qtbot, office, "personnel")
    fill_personnel(dialog, people)
    dialog.photo.pick = lambda parent: str(text)
    assert not dialog.photo.choose()
    assert dialog.photo.error.isVisibleTo(dialog) and "عکس نیست" in dialog.photo.error.text()
    dialog.photo.pick = lambda parent: str(picture)
    assert dialog.photo.choose()
    assert not dialog.photo.frame.pixmap().isNull() and dialog.photo.remove_button.isEnabled()
    file_id = dialog.save()
    assert office.files.get(file_id).photo == picture.read_bytes()


def test_closing_with_unsaved_changes_asks_first(qtbot, office, people, answers, monkeypatch):
    file_id = office.files.add(PersonFile("customer", people["ali"]))
    dialog = open_form(qtbot, office, file_id=file_id)
    assert not dialog.is_dirty()
    typed(dialog.fields.widgets["interests"], "چاپگر")
    assert dialog.is_dirty()
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: (answers.append(box.text()),
                                                           box.findChild(QPushButton, "dialog.no").click()))
    dialog.reject()
    assert dialog.isVisible() and answers[-1] == "تغییرات این پرونده ذخیره نشده است. بدون ذخیره بسته شود؟"


def test_the_form_keeps_save_on_a_1366_by_768_screen(qtbot, office, people, monkeypatch):
    from crm_desktop.ui import screen

    monkeypatch.setattr(screen, "available_height", lambda parent: 728)
    file_id = office.files.add(PersonFile("applicant", people["sara"]))
    for dialog in (open_form(qtbot, office, "personnel"), open_form(qtbot, office, file_id=file_id)):
        assert dialog.height() <= 728 - screen.TITLE_BAR_ROOM and dialog.width() <= 1366
        save = dialog.findChild(QPushButton, "file.save")
        assert save.isVisible() and save.mapTo(dialog, save.rect().bottomLeft()).y() < dialog.height()


def test_delete_asks_and_removes_the_file_but_keeps_the_contact(qtbot, office, people, tab, answers):
    file_id = office.files.add(PersonFile("customer", people["ali"]))
    page = tab.page("customer")
    page.refresh()
    page.select_file(file_id)
    assert page.delete_selected()
    assert "حذف شود" in answers[-1] and office.files.get(file_id) is None
    assert office.phonebook.get(people["ali"]) is not None and page.model.rowCount() == 0


def test_a_contacts_card_lists_the_persons_files(qtbot, office, people):
    from crm_desktop.phonebook.views.contact_dialog import ContactDialog

    office.files.add(PersonFile("customer", people["ali"]))
    office.files.add(PersonFile("applicant", people["ali"]))
    card = ContactDialog(office, people["ali"], None, clock=lambda: NOW)
    qtbot.addWidget(card)
    assert card.files_box.texts() == ["پرونده مشتری \u2068C-۰۰۰۱\u2069 — سرنخ (از \u2068۱۴۰۴/۰۱/۱۲\u2069)",
                                      "متقاضی استخدام \u2068A-۰۰۰۱\u2069 — دریافت شده (از \u2068۱۴۰۴/۰۱/۱۲\u2069)"]
    opened = []
    card.files_box.open_file = lambda office_, file_id, parent, clock: opened.append(file_id)
    card.files_box.list.itemActivated.emit(card.files_box.list.item(1))
    assert opened == [office.files.for_contact(people["ali"])[1].id]
    empty = ContactDialog(office, people["reza"], None, clock=lambda: NOW)
    qtbot.addWidget(empty)
    assert empty.files_box.texts() == [] and not empty.files_box.empty.isHidden()


def test_the_files_tab_is_a_feature_tab_and_its_shortcuts_work(qtbot, office, people, tab):
    from crm_desktop.shell.features import FEATURE_TABS

    assert [(f.name, f.title) for f in FEATURE_TABS if f.module == "crm_desktop.files.view"] == [("files", "پرونده‌ها")]
    assert [tab.pages.tabText(i) for i in range(tab.pages.count())] == ["پرسنل", "مشتریان", "متقاضیان استخدام"]
    opened = []
    for page in tab.by_kind.values():
        page.file_dialog_factory = lambda office_, kind, file_id, parent, clock: opened.append(kind) or FakeForm()
    tab.activateWindow()
    qtbot.waitUntil(lambda: tab.isActiveWindow())
    tab.show_page("customer")
    qtbot.keyClick(tab.page("customer").table, Qt.Key_N, Qt.ControlModifier)
    assert opened == ["customer"]  # only the page showing answers Ctrl+N


def inline_runner(monkeypatch):
    from crm_desktop.phonebook.views import list_actions

    monkeypatch.setattr(list_actions, "runner",
                        lambda parent, title, fn, args, done, **kw: done(fn(args, lambda *a: True)))
    opened = []
    monkeypatch.setattr(list_actions, "open_file", lambda path: opened.append(path) or True)
    return opened


def test_print_the_filtered_list_a_file_and_the_blank_form_as_pdfs(qtbot, office, people, tab, monkeypatch):
    opened = inline_runner(monkeypatch)
    customer = office.files.add(PersonFile("customer", people["ali"]))
    office.files.add_interaction(Interaction(customer, "call", "1404/01/10 10:00", "پیش‌فاکتور خواست"))
    office.files.add(PersonFile("customer", people["sara"], state="prospect"))
    page = tab.page("customer")
    page.refresh()
    page.filters.state.setCurrentIndex(page.filters.state.findData("prospect"))
    settle(qtbot, page)
    job = page.print_list()
    assert job.query.state == "prospect" and job.query.kind == "customer"
    assert opened == [job.path] and job.path.read_bytes().startswith(b"%PDF")
    page.filters.clear()
    settle(qtbot, page)
    page.select_file(customer)
    card = page.print_file()
    assert card.file_id == customer and opened[-1] == card.path and card.path.read_bytes().startswith(b"%PDF")
    blank = tab.page("applicant").print_blank_form()
    assert opened[-1] == blank.path and blank.path.read_bytes().startswith(b"%PDF")
    assert "فرم خالی استخدام" in blank.path.name


def test_printing_an_empty_list_says_so_and_writes_nothing(qtbot, office, people, tab, monkeypatch, answers):
    opened = inline_runner(monkeypatch)
    assert tab.page("personnel").print_list() is None
    assert answers[-1] == "پرونده‌ای با این فیلترها برای چاپ نیست." and opened == []


def test_the_form_prints_its_file(qtbot, office, people, monkeypatch):
    opened = inline_runner(monkeypatch)
    file_id = office.files.add(PersonFile("applicant", people["sara"], data={"desired_position": "حسابدار"}))
    dialog = open_form(qtbot, office, file_id=file_id)
    job = dialog.print_file()
    assert job.file_id == file_id and opened == [job.path] and job.path.read_bytes().startswith(b"%PDF")


def test_a_follow_up_or_interview_alarms_open_goes_to_the_file(qtbot, db_path):
    """«باز کردن» in the alarm window on a customer's follow-up or an applicant's interview opens
    the file, not the bare reminder."""
    from datetime import datetime

    from crm_desktop.app import setup_application
    from crm_desktop.files.model import Interaction, PersonFile
    from crm_desktop.office import Office
    from crm_desktop.phonebook.model import Contact
    from crm_desktop.shell.controller import AppController

    now = datetime(2025, 4, 1, 10, 30)
    with Office(db_path, clock=lambda: now) as office:
        person = office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
        customer = office.files.add(PersonFile("customer", person))
        interaction = office.files.add_interaction(
            Interaction(customer, "call", "1404/01/12 10:00", "پیش‌فاکتور", follow_up_on="1404/01/15 09:00"))
        applicant = office.files.add(PersonFile("applicant", person, data={"interview_at": "1404/01/20 10:00"}))
        follow_up = office.reminders.find_for_source("follow_up", interaction)
        interview = office.reminders.find_for_source("interview", applicant)
    app = setup_application()
    controller = AppController(app, db_path, clock=lambda: now)
    assert controller.start(single_instance=False)
    try:
        files = controller.window.tab("files")
        opened = []
        files.open_file = lambda file_id: opened.append(file_id)
        controller.open_reminder(follow_up)
        controller.open_reminder(interview)
        assert opened == [customer, applicant]
        assert controller.window.tabs.currentWidget().objectName() == "files.page"
    finally:
        controller.shutdown()
