"""The contact form on a real database: what the operator types is stored (read back through the
repo), wrong values get their Persian message on the field and nothing is stored, a phone that
belongs to someone else asks once, Esc asks before throwing away changes."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from crm_desktop.office import Office
from crm_desktop.phonebook import model
from crm_desktop.phonebook.model import jalali_to_no_year, no_year_to_jalali
from crm_desktop.phonebook.views.contact_dialog import ContactDialog
from crm_desktop.ui import dialogs
from tests.ui_helpers import persian_app, press, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
CLOCK = lambda: datetime(2024, 10, 8, 10, 15)  # noqa: E731 - ۱۴۰۳/۰۷/۱۷ ۱۰:۱۵


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """A box nobody answers counts as closed (a test that expects one sets its own hook)."""
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: print("UNANSWERED BOX:", box.text(), box.detailedText()[-600:]))


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    yield office
    office.close()


def open_dialog(qtbot, office, contact_id=None, **options):
    dialog = ContactDialog(office, contact_id, clock=CLOCK, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def typed(line_edit, text):
    """Type and leave the field (Enter would also press «ذخیره»: see test_enter_saves)."""
    line_edit.clear()
    type_text(line_edit, text)
    line_edit.editingFinished.emit()


def answering(object_name, seen):
    """An exec_hook that records the box and clicks the button with ``object_name``."""
    def hook(box):
        seen.append((box.objectName(), box.text()))
        for button in box.buttons():
            if button.objectName() == object_name:
                button.click()
                return
        # another box (e.g. «unsaved changes?» when the test closes the form): left unanswered
    return hook


def ids(office):
    return [row[0] for row in office.conn.execute("SELECT id FROM contacts ORDER BY id")]


def add_contact(office, first, last, mobile):
    contact = model.normalised(model.Contact(first_name=first, last_name=last, phones=[model.Phone(mobile)]))
    return office.phonebook.add(contact)


# --- new contact -------------------------------------------------------------------------------

def test_a_persian_name_and_a_mobile_in_persian_digits_are_stored(qtbot, office):
    dialog = open_dialog(qtbot, office)
    assert dialog.windowTitle() == "مخاطب تازه"
    type_text(dialog.first_name, "مریم")
    type_text(dialog.last_name, "احمدی")
    phone = dialog.phones.rows[0].number
    typed(phone.edit, "۰۹۱۲۱۲۳۴۵۶۷")
    assert phone.edit.text() == "۰۹۱۲ ۱۲۳ ۴۵۶۷"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.last_name, Qt.Key_S, Qt.ControlModifier)
    contact = office.phonebook.get(saved.args[0])
    assert (contact.first_name, contact.last_name) == ("مریم", "احمدی")
    assert [(p.national, p.kind) for p in contact.phones] == [("09121234567", "mobile")]
    assert dialog.result() == QDialog.Accepted


def test_enter_saves(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "رضا")
    with qtbot.waitSignal(dialog.saved):
        press(dialog.first_name, Qt.Key_Return)
    assert len(ids(office)) == 1


def test_everything_round_trips(qtbot, office, monkeypatch):
    pb = office.phonebook
    customers = pb.add_group("مشتریان", "#2e7d32")
    pb.add_group("همکاران", "#1565c0")
    number = pb.add_field(model.CustomField("شماره پرونده", "number"))
    signed = pb.add_field(model.CustomField("تاریخ قرارداد", "date"))
    level = pb.add_field(model.CustomField("نوع مشتری", "choice", ["عمده", "خرده"]))
    dialog = open_dialog(qtbot, office)
    dialog.title.setCurrentText("دکتر")
    type_text(dialog.first_name, "علی")
    type_text(dialog.last_name, "رضایی")
    type_text(dialog.organisation, "شرکت پارس")
    type_text(dialog.job_title, "مدیر فروش")
    typed(dialog.national_code.edit, "۰۰۸۴۵۷۵۹۴۸")
    typed(dialog.birthday.date_edit.edit, "۱۳۶۴/۰۳/۱۱")
    row = dialog.phones.rows[0]
    typed(row.number.edit, "+98 912 123 4567")
    second = dialog.phones.add_row()
    second.kind.setCurrentIndex(second.kind.findData("work"))
    typed(second.number.edit, "021-8877 6655")
    type_text(second.ext, "۱۲")
    typed(dialog.emails.rows[0].email.edit, "Ali@Example.COM")
    address = dialog.addresses.rows[0]
    type_text(address.province, "تهران")
    type_text(address.city, "تهران")
    type_text(address.street, "خیابان ولیعصر، پلاک ۴")
    typed(address.postal_code.edit, "۱۳۱۱۱۱۱۱۱۱")
    dialog.groups.item(0).setCheckState(Qt.Checked)  # groups come in Persian order: مشتریان first? check by id
    checked = dialog.checked_group_ids()
    typed(dialog.custom_editors[number].widget.edit, "۱۲۳۴٫۵")  # the Persian decimal separator
    typed(dialog.custom_editors[signed].widget.edit, "۱۴۰۳/۰۷/۱۵")
    dialog.custom_editors[level].widget.setCurrentText("عمده")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    contact = pb.get(saved.args[0])
    assert contact.title == "دکتر" and contact.organisation == "شرکت پارس" and contact.job_title == "مدیر فروش"
    assert contact.national_code == "0084575948"
    assert contact.birthday == "1985-06-01"
    assert [(p.kind, p.national, p.ext) for p in contact.phones] == [
        ("mobile", "09121234567", ""), ("work", "02188776655", "12")]
    assert contact.emails == ["Ali@example.com"]
    assert [(a.province, a.city, a.postal_code) for a in contact.addresses] == [("تهران", "تهران", "1311111111")]
    assert contact.group_ids == checked and len(checked) == 1
    assert contact.custom == {number: "1234.5", signed: "2024-10-06", level: "عمده"}

    # and opening it again shows it all
    again = open_dialog(qtbot, office, contact.id)
    assert again.windowTitle() == "ویرایش مخاطب"
    assert again.first_name.text() == "علی" and again.title.currentText() == "دکتر"
    assert again.national_code.text() == "۰۰۸۴۵۷۵۹۴۸"
    assert again.birthday.date_edit.text() == "۱۳۶۴/۰۳/۱۱"
    assert [r.number.text() for r in again.phones.rows] == ["۰۹۱۲ ۱۲۳ ۴۵۶۷", "۰۲۱ ۸۸۷۷ ۶۶۵۵"]
    assert [r.kind.currentText() for r in again.phones.rows] == ["همراه", "محل کار"]
    assert again.emails.rows[0].email.text() == "Ali@example.com"
    assert again.addresses.rows[0].postal_code.text() == "۱۳۱۱۱۱۱۱۱۱"
    assert again.checked_group_ids() == checked
    assert again.custom_editors[number].widget.text() == "۱۲۳۴٫۵"
    assert again.custom_editors[signed].widget.text() == "۱۴۰۳/۰۷/۱۵"
    assert again.custom_editors[level].widget.currentText() == "عمده"
    assert not again.is_dirty()
    typed(again.custom_editors[number].widget.edit, "\u200e-۷")  # a negative number as the table shows it
    assert again.custom_editors[number].widget.value() == "-7"
    # unchecking the group and saving leaves the contact in no group
    for i in range(again.groups.count()):
        again.groups.item(i).setCheckState(Qt.Unchecked)
    assert again.save() == contact.id
    assert pb.get(contact.id).group_ids == []
    assert customers in [g.id for g in pb.groups()]


def test_an_organisation(qtbot, office):
    dialog = open_dialog(qtbot, office)
    dialog.organisation_radio.setChecked(True)
    assert not dialog.first_name.isVisible() and dialog.organisation_label.text() == "نام سازمان:"
    type_text(dialog.organisation, "بانک ملت")
    contact_id = dialog.save()
    contact = office.phonebook.get(contact_id)
    assert contact.kind == model.ORGANISATION and contact.display_name == "بانک ملت"


def test_a_birthday_without_a_year(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "سارا")
    dialog.birthday.no_year.setChecked(True)
    assert dialog.birthday.month.isVisible() and not dialog.birthday.date_edit.isVisible()
    dialog.birthday.month.setCurrentIndex(6)  # مهر
    dialog.birthday.day.setValue(15)
    contact_id = dialog.save()
    stored = office.phonebook.get(contact_id).birthday
    assert stored == "--10-06"  # 15 Mehr is 6 October (in 1403)
    again = open_dialog(qtbot, office, contact_id)
    assert again.birthday.no_year.isChecked()
    assert again.birthday.month.currentText() == "مهر" and again.birthday.day.value() == 15


def test_birthday_without_a_year_round_trips_every_day():
    for month in range(1, 13):
        for day in range(1, 31 if month > 6 else 32):
            if (month, day) == (12, 30):
                continue
            assert no_year_to_jalali(jalali_to_no_year(month, day)) == (month, day)


# --- wrong values --------------------------------------------------------------------------------

@pytest.mark.parametrize("field, text, message", [
    ("national_code", "1234567890", "کد ملی: رقم کنترل درست نیست"),
    ("mobile", "۰۹۱۲۱۲۳", "تلفن همراه: شماره همراه درست نیست"),
    ("postal_code", "۱۲۳", "کد پستی: باید ۱۰ رقم باشد"),
    ("email", "ali@", "پست الکترونیک: نشانی ایمیل درست نیست"),
])
def test_a_wrong_value_shows_its_message_on_the_field_and_nothing_is_saved(qtbot, office, field, text, message):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "مریم")
    widget = {
        "national_code": dialog.national_code,
        "mobile": dialog.phones.rows[0].number,
        "postal_code": dialog.addresses.rows[0].postal_code,
        "email": dialog.emails.rows[0].email,
    }[field]
    widget.edit.setText(text)  # typed, without leaving the field
    assert dialog.save() is None
    assert ids(office) == []
    assert widget.error_label.isVisible() and widget.shown_error().startswith(message)
    assert widget.edit.text() == text  # what was typed is kept
    assert dialog.first_name.text() == "مریم"
    assert dialog.banner.isVisible()
    assert dialog.isVisible()
    # fixing it lets the save through
    good = {"national_code": "0084575948", "mobile": "09121234567", "postal_code": "1311111111",
            "email": "a@b.ir"}[field]
    typed(widget.edit, good)
    assert not widget.error_label.isVisible()
    result = dialog.save()
    assert result is not None, (dialog.banner.text(), dialog.name_error.text(), widget.shown_error())
    assert len(ids(office)) == 1


def test_a_contact_needs_a_name(qtbot, office):
    dialog = open_dialog(qtbot, office)
    typed(dialog.phones.rows[0].number.edit, "09121234567")
    assert dialog.save() is None
    assert dialog.name_error.isVisible() and "نام" in dialog.name_error.text()
    assert ids(office) == []
    type_text(dialog.last_name, "کریمی")  # the red line went only with the next «ذخیره»
    assert not dialog.name_error.isVisible()


def test_a_bad_number_in_the_second_phone_row_is_marked_there(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "مریم")
    typed(dialog.phones.rows[0].number.edit, "09121234567")
    second = dialog.phones.add_row()
    second.number.edit.setText("۰۹۱۲")
    assert dialog.save() is None
    assert not dialog.phones.rows[0].number.error_label.isVisible()
    assert second.number.error_label.isVisible()


# --- duplicate phones ------------------------------------------------------------------------------

def fill_new_with_phone(qtbot, office, number="۰۹۱۲ ۱۲۳ ۴۵۶۷"):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "مریم")
    typed(dialog.phones.rows[0].number.edit, number)
    return dialog


def test_duplicate_phone_save_anyway(qtbot, office, monkeypatch):
    other = add_contact(office, "علی", "رضایی", "09121234567")
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", answering("contact.duplicate.save", seen))
    dialog = fill_new_with_phone(qtbot, office)
    new_id = dialog.save()
    assert len(seen) == 1 and seen[0][0] == "contact.duplicate"
    assert "علی رضایی" in seen[0][1] and "۰۹۱۲ ۱۲۳ ۴۵۶۷" in seen[0][1]
    assert new_id is not None and ids(office) == [other, new_id]


def test_duplicate_phone_cancel_keeps_the_form(qtbot, office, monkeypatch):
    add_contact(office, "علی", "رضایی", "09121234567")
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", answering("contact.duplicate.cancel", seen))
    dialog = fill_new_with_phone(qtbot, office, "+989121234567")
    assert dialog.save() is None
    assert len(seen) == 1 and len(ids(office)) == 1
    assert dialog.isVisible() and dialog.first_name.text() == "مریم"


def test_duplicate_phone_open_that_contact(qtbot, office, monkeypatch):
    other = add_contact(office, "علی", "رضایی", "09121234567")
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", answering("contact.duplicate.open", seen))
    dialog = fill_new_with_phone(qtbot, office)
    with qtbot.waitSignal(dialog.openContactRequested) as requested:
        assert dialog.save() is None
    assert requested.args == [other]
    assert len(seen) == 1 and len(ids(office)) == 1
    assert dialog.other_dialog is not None and dialog.other_dialog.contact_id == other
    assert dialog.other_dialog.first_name.text() == "علی"
    assert dialog.isVisible() and dialog.first_name.text() == "مریم"
    dialog.other_dialog.close()


def test_editing_a_contact_does_not_warn_about_its_own_phone(qtbot, office, monkeypatch):
    own = add_contact(office, "علی", "رضایی", "09121234567")
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: pytest.fail(f"unexpected box: {box.text()}"))
    dialog = open_dialog(qtbot, office, own)
    typed(dialog.last_name, "رضایی‌نژاد")
    assert dialog.save() == own
    assert office.phonebook.get(own).last_name == "رضایی‌نژاد"


def test_saved_numbers_are_not_asked_about_again_and_colleagues_on_one_switchboard_are_not_duplicates(
        qtbot, office, monkeypatch):
    """Saved anyway once: a later edit of something else asks nothing. A switchboard number with
    another extension is another person's line; with the same extension it is asked about, named
    with its extension."""
    add_contact(office, "علی", "رضایی", "09121234567")
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", answering("contact.duplicate.save", seen))
    maryam = fill_new_with_phone(qtbot, office).save()
    assert len(seen) == 1
    dialog = open_dialog(qtbot, office, maryam)
    typed(dialog.job_title, "حسابدار")
    assert dialog.save() == maryam and len(seen) == 1
    office.phonebook.add(model.normalised(model.Contact(
        first_name="سارا", last_name="کریمی", phones=[model.Phone("021 8877 6655", "work", "12")])))
    for ext, asked in (("14", 1), ("12", 2)):
        dialog = open_dialog(qtbot, office)
        type_text(dialog.first_name, {"14": "رضا", "12": "نیما"}[ext])
        row = dialog.phones.rows[0]
        row.kind.setCurrentIndex(row.kind.findData("work"))
        typed(row.number.edit, "۰۲۱ ۸۸۷۷ ۶۶۵۵")
        typed(row.ext, ext)
        assert dialog.save() is not None
        assert len(seen) == asked, ext
    assert "شمارهٔ \u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069 داخلی ۱۲ پیش‌تر برای «سارا کریمی» ثبت شده است." in seen[-1][1]


def test_an_organisation_shows_every_person_field_that_holds_something(qtbot, office):
    """Nothing an organisation holds is hidden: switched from «شخص» with a name typed, or stored
    with a contact person's name (an iPhone "company" card, a merge), the name rows stay in the
    form, where they can be seen and cleared; the empty ones go. The birthday is its founding
    date, as the printed card calls it."""
    dialog = open_dialog(qtbot, office)
    dialog.title.setCurrentText("دکتر")
    type_text(dialog.first_name, "علی")
    type_text(dialog.last_name, "رضایی")
    dialog.organisation_radio.setChecked(True)
    assert [dialog.form.isRowVisible(w) for w in (dialog.title, dialog.first_name, dialog.last_name,
                                                  dialog.job_title, dialog.manager)] == [True, True, True, False, False]
    assert dialog.form.labelForField(dialog.birthday).text() == "تاریخ تأسیس:"
    dialog.last_name.clear()
    dialog.title.setCurrentText("")
    type_text(dialog.organisation, "بانک ملت")
    contact_id = dialog.save()
    stored = office.phonebook.get(contact_id)
    assert (stored.kind, stored.organisation, stored.title, stored.first_name, stored.last_name) == (
        model.ORGANISATION, "بانک ملت", "", "علی", "")
    again = open_dialog(qtbot, office, contact_id)
    assert again.form.isRowVisible(again.first_name) and again.first_name.text() == "علی"
    assert not again.form.isRowVisible(again.last_name) and not again.form.isRowVisible(again.title)
    again.birthday.date_edit.edit.setText("۱۲۹۰/۰۱/۰۱")  # its messages name it as its label does
    assert again.save() is None
    assert again.birthday.date_edit.shown_error() == "تاریخ تأسیس: نباید پیش از ۱۳۰۰/۰۱/۰۱ باشد."
    again.birthday.date_edit.edit.clear()


def test_an_entry_typed_in_the_notes_log_is_saved_with_the_form(qtbot, office):
    """Enter in the entry's time adds it (it used to press «ذخیره»); «ذخیره» with an entry still
    in the editor stores it too, or stops on its bad time."""
    own = add_contact(office, "علی", "رضایی", "09121234567")
    dialog = open_dialog(qtbot, office, own)
    log = dialog.notes_widget
    log.text.setPlainText("قول داد فردا زنگ بزند")
    log.when.edit.setFocus()
    press(log.when.edit, Qt.Key_Return)
    assert dialog.isVisible()
    assert [n.text for n in office.phonebook.notes(own)] == ["قول داد فردا زنگ بزند"]
    log.text.setPlainText("پیش‌فاکتور فرستاده شد")
    log.when.edit.setText("۱۴۰۳/۰۷/۱۸ ۰۹:۰۰")  # tomorrow
    assert dialog.save() is None and dialog.isVisible()
    assert log.when.shown_error().startswith("زمان سابقه هنوز نرسیده است")
    log.when.edit.setText("۱۴۰۳/۰۷/۱۶ ۰۹:۰۰")
    assert dialog.save() == own
    assert [n.text for n in office.phonebook.notes(own)] == ["قول داد فردا زنگ بزند", "پیش‌فاکتور فرستاده شد"]


@pytest.mark.parametrize("text, stored, message", [
    ("1e5", None, "«امتیاز» باید عدد باشد، مانند ۱۲۵ یا ۲٫۵."),
    ("1_000", None, "«امتیاز» باید عدد باشد، مانند ۱۲۵ یا ۲٫۵."),
    ("2,5", None, "«امتیاز» باید عدد باشد؛ اعشار را با «٫» یا «.» بنویسید، مانند ۲٫۵."),
    ("٫۵", "0.5", ""),
    ("۱٬۲۵۰", "1250", ""),
])
def test_a_number_field_takes_what_saving_takes_and_says_why_on_the_field(qtbot, office, text, stored, message):
    """The form reads a number by the rule the repository and imports keep: what it shows as
    fine is saved, and what saving would refuse is marked on the field («2,5» became 25)."""
    score = office.phonebook.add_field(model.CustomField("امتیاز", "number"))
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "مریم")
    editor = dialog.custom_editors[score].widget
    typed(editor.edit, text)
    assert editor.shown_error() == message
    contact_id = dialog.save()
    if stored is None:
        assert contact_id is None and editor.shown_error() == message and ids(office) == []
        editor.edit.clear()  # as opened: closing asks nothing
        dialog.first_name.clear()
    else:
        assert office.phonebook.get(contact_id).custom == {score: stored}


# --- closing -----------------------------------------------------------------------------------------

def test_escape_with_changes_asks_and_can_keep_editing(qtbot, office, monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", answering("dialog.no", seen))
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "مریم")
    press(dialog, Qt.Key_Escape)
    assert len(seen) == 1 and "ذخیره نشده" in seen[0][1]
    assert dialog.isVisible()
    monkeypatch.setattr(dialogs, "exec_hook", answering("dialog.yes", seen))
    press(dialog, Qt.Key_Escape)
    assert not dialog.isVisible() and ids(office) == []


def test_escape_without_changes_closes_at_once(qtbot, office, monkeypatch):
    own = add_contact(office, "علی", "رضایی", "09121234567")
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: pytest.fail("asked without changes"))
    dialog = open_dialog(qtbot, office, own)
    press(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()


def test_prefill(qtbot, office):
    dialog = open_dialog(qtbot, office, prefill=model.Contact(phones=[model.Phone("09121234567")]))
    assert dialog.phones.rows[0].number.text() == "۰۹۱۲ ۱۲۳ ۴۵۶۷"
    type_text(dialog.first_name, "ناشناس")
    assert office.phonebook.get(dialog.save()).phones[0].national == "09121234567"


# --- an organisation's national ID ---------------------------------------------------------------

def test_an_organisation_keeps_its_national_id_and_can_be_edited_and_saved(qtbot, office):
    """An organisation's code is its 11-digit legal national ID («شناسه ملی»): shown, checked as
    such, and an edit of another field saves (a hidden field checked as a 10-digit code used to
    block every save of such an organisation)."""
    pb = office.phonebook
    org = pb.add(model.Contact(model.ORGANISATION, organisation="رستوران راهبرد", national_code="10100001805"))
    dialog = open_dialog(qtbot, office, org)
    assert dialog.national_code.isVisible()
    assert dialog.form.labelForField(dialog.national_code).text() == "شناسه ملی:"
    assert dialog.national_code.text() == "۱۰۱۰۰۰۰۱۸۰۵"
    type_text(dialog.unit, "فروش")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    saved = pb.get(org)
    assert (saved.unit, saved.national_code) == ("فروش", "10100001805")


def test_a_code_is_checked_as_the_kind_of_contact_needs(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "مریم")
    typed(dialog.national_code.edit, "۰۰۸۴۵۷۵۹۴۸")  # a person's 10-digit code
    assert dialog.form.labelForField(dialog.national_code).text() == "کد ملی:"
    assert not dialog.national_code.error_label.isVisible()
    dialog.organisation_radio.setChecked(True)  # now an organisation: 11 digits are needed
    type_text(dialog.organisation, "شرکت پارس")
    assert dialog.form.labelForField(dialog.national_code).text() == "شناسه ملی:"
    assert dialog.national_code.error_label.isVisible()
    assert dialog.national_code.shown_error().startswith("شناسه ملی: باید ۱۱ رقم باشد")
    assert dialog.save() is None and ids(office) == []
    typed(dialog.national_code.edit, "۱۰۱۰۰۰۰۱۸۰۵")
    assert dialog.save() is not None
    assert office.phonebook.get(ids(office)[0]).national_code == "10100001805"
