"""The contact form's phone rows, as the operator sees them: an extension written after the number
moves into the «داخلی» field, other text after it is refused on the field, home / work / fax
numbers must be whole numbers (short service numbers go under «دیگر»), an extension is digits,
the same number twice on one contact is refused, and an old contact's stored numbers never block
an unrelated edit. Everything is read back through the repo."""

import pytest
from PySide6.QtCore import Qt

from crm_desktop.core import phone, validators
from crm_desktop.errors import ValidationError
from crm_desktop.phonebook import model
from tests.test_phonebook_dialogs import no_modal_boxes, office, open_dialog, typed  # noqa: F401
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

LANDLINE_WRONG = "شماره تلفن: شماره تلفن ثابت درست نیست؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵ بنویسید."
AREA_CODE = "شماره تلفن: پیش‌شماره شهر را هم بنویسید؛ مانند ۰۲۱ ۸۸۷۷ ۶۶۵۵."
SHORT_HINT = "شماره‌های کوتاه (مانند ۱۱۰) را با نوع «دیگر» ثبت کنید."
SAME_NUMBER = "این شماره در ردیف بالاتر هم آمده است."
EXT_DIGITS = "داخلی: فقط رقم بنویسید، مانند ۲۰."
FIX_ERRORS = "لطفاً موارد مشخص‌شده را درست کنید؛ چیزی ذخیره نشد."


def phone_row(dialog, kind, number, index=None, leave=True):
    """Fill a phone row (the first, or a new one) the way the operator does: kind, then number."""
    row = dialog.phones.rows[0] if index == 0 or (index is None and not dialog.phones.rows[0].number.text()) \
        else dialog.phones.add_row()
    row.kind.setCurrentIndex(row.kind.findData(kind))
    if leave:
        typed(row.number.edit, number)
    else:
        row.number.edit.clear()
        type_text(row.number.edit, number)
    return row


def new_named(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.first_name, "مریم")
    return dialog


def contacts(office):
    return office.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]


def stored_phones(office, contact_id):
    return [(p.kind, p.national, p.ext) for p in office.phonebook.get(contact_id).phones]


def assert_refused(dialog, field_widget, message, office, count=0):
    assert dialog.save() is None
    assert contacts(office) == count
    assert dialog.isVisible() and dialog.banner.isVisible() and dialog.banner.text() == FIX_ERRORS
    assert field_widget.error_label.isVisible()
    assert field_widget.shown_error() == message
    assert plain(field_widget.error_label.text()) == plain(message)


def plain(text):
    """Without bidi isolates (the label adds them around numbers)."""
    return "".join(c for c in text if c not in "\u2066\u2067\u2068\u2069")


# --- 1. an extension after the number ------------------------------------------------------------

@pytest.mark.parametrize("typed_text", [
    "021 8877 6655 داخلی ۲۰", "۰۲۱۸۸۷۷۶۶۵۵ داخلي ۲۰", "021-8877 6655 ext. 20", "02188776655 x20",
    "02188776655#20", "02188776655,20", "021 8877 6655 داخلی: 20",
])
def test_an_extension_after_the_number_moves_into_the_extension_field(qtbot, office, typed_text):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, "work", typed_text)
    assert row.number.text() == "۰۲۱ ۸۸۷۷ ۶۶۵۵"
    assert row.ext.text() == "۲۰"
    assert not row.number.error_label.isVisible()
    contact_id = dialog.save()
    assert contact_id is not None
    assert stored_phones(office, contact_id) == [("work", "02188776655", "20")]
    assert office.phonebook.get(contact_id).phones[0].number == "۰۲۱ ۸۸۷۷ ۶۶۵۵"


def test_an_extension_typed_without_leaving_the_field_is_saved_as_the_extension(qtbot, office):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, "work", "021 8877 6655 داخلی ۲۰", leave=False)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.last_name, Qt.Key_S, Qt.ControlModifier)
    assert stored_phones(office, saved.args[0]) == [("work", "02188776655", "20")]
    assert row.ext.text() == "۲۰"


def test_a_landline_typed_in_the_first_row_takes_the_kind_its_number_shows(qtbot, office):
    """The first row starts as «همراه»: an office's landline typed there was refused «شماره همراه
    درست نیست» until the operator changed the kind; a row whose kind nobody picked now follows
    its number («محل کار»; a foreign or short number «دیگر»), with its extension kept."""
    dialog = new_named(qtbot, office)
    row = dialog.phones.rows[0]
    assert row.kind.currentData() == "mobile"
    typed(row.number.edit, "021 8877 6655 داخلی ۲۰")
    assert row.ext.text() == "۲۰" and row.kind.currentData() == "work"
    assert not row.number.error_label.isVisible()
    assert (row.number.text(), row.ext.text()) == ("۰۲۱ ۸۸۷۷ ۶۶۵۵", "۲۰")
    other = phone_row(dialog, "mobile", "+44 20 7946 0958")
    assert other.kind.currentData() == "other" and not other.number.error_label.isVisible()
    contact_id = dialog.save()
    assert stored_phones(office, contact_id) == [("work", "02188776655", "20"), ("other", "+442079460958", "")]


def test_a_kind_the_operator_picked_is_kept_and_a_mobile_typo_stays_a_mobile_error(qtbot, office):
    dialog = new_named(qtbot, office)
    row = dialog.phones.rows[0]
    row.kind.activated.emit(row.kind.currentIndex())  # «همراه» picked on purpose
    typed(row.number.edit, "021 8877 6655")
    assert row.kind.currentData() == "mobile"
    assert row.number.shown_error().startswith("تلفن همراه: شماره همراه درست نیست")
    second = phone_row(dialog, "mobile", "0912 123 456")  # a digit short: still a mobile, and said so
    assert second.kind.currentData() == "mobile" and "همراه" in second.number.shown_error()


def test_the_extension_field_saying_another_extension_is_not_overwritten(qtbot, office):
    dialog = new_named(qtbot, office)
    row = dialog.phones.add_row()
    row.kind.setCurrentIndex(row.kind.findData("work"))
    type_text(row.ext, "۳۰")
    typed(row.number.edit, "021 8877 6655 داخلی ۲۰")
    assert row.number.text() == "021 8877 6655 داخلی ۲۰" and row.ext.text() == "۳۰"
    assert_refused(dialog, row.number,
                   "داخلی هم پس از شماره آمده و هم در خانهٔ «داخلی» با عددی دیگر؛ یکی را پاک کنید.", office)


# --- 1. any other text after the number ------------------------------------------------------------

@pytest.mark.parametrize("kind, text, message", [
    ("work", "021 8877 6655 دفتر مرکزی",
     "شماره تلفن: «\u2068دفتر مرکزی\u2069» جزو شماره نیست؛ فقط شماره و داخلی را بنویسید، مانند "
     "\u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069 داخلی ۲۰."),
    ("other", "1566 پشتیبانی",
     "شماره تلفن: «\u2068پشتیبانی\u2069» جزو شماره نیست؛ فقط شماره و داخلی را بنویسید، مانند "
     "\u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069 داخلی ۲۰."),
    ("mobile", "0912 123 4567, 0935 000 0001",
     "شماره تلفن: در هر ردیف یک شماره بنویسید؛ برای شمارهٔ دیگر «افزودن شماره» را بزنید."),
    ("other", "12", "شماره تلفن: «\u2066۱۲\u2069» کامل نیست؛ دست‌کم سه رقم لازم است."),
    ("other", "09121234567 09351112233",  # two numbers with only a space between them: no phone is that long
     "شماره تلفن: «\u206609121234567 09351112233\u2069» بیش از هر شماره تلفنی رقم دارد؛ اگر دو شماره است، "
     "هر یک را در یک ردیف بنویسید."),
    ("work", "9.12E+09",  # pasted from a sheet: the form says what the import says (one model.checked_phone)
     "شماره تلفن: برنامهٔ صفحه‌گسترده (اکسل) شماره را به «\u20689.12E+09\u2069» تبدیل کرده و رقم‌هایش از دست "
     "رفته است؛ ستون را «متن» (Text) قالب‌بندی کنید و شماره را دوباره بنویسید."),
])
def test_other_text_after_the_number_is_refused_on_the_field(qtbot, office, kind, text, message):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, kind, text)
    assert row.number.text() == text  # kept exactly as typed, nothing dropped
    assert row.number.shown_error() == message  # on leaving the field already
    assert_refused(dialog, row.number, message, office)
    assert row.number.text() == text


def test_text_after_the_number_survives_a_change_of_kind(qtbot, office):
    dialog = new_named(qtbot, office)
    row = dialog.phones.rows[0]
    typed(row.number.edit, "021 8877 6655 دفتر مرکزی")
    row.kind.setCurrentIndex(row.kind.findData("work"))
    assert row.number.text() == "021 8877 6655 دفتر مرکزی"
    assert "«\u2068دفتر مرکزی\u2069» جزو شماره نیست" in row.number.shown_error()
    assert dialog.save() is None and contacts(office) == 0


def test_the_message_goes_away_as_the_operator_corrects_the_number(qtbot, office):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, "work", "021 8877 6655 دفتر")
    assert row.number.error_label.isVisible()
    for _ in range(len(" دفتر")):
        qtbot.keyClick(row.number.edit, Qt.Key_Backspace)
    assert not row.number.error_label.isVisible()
    assert dialog.save() is not None


# --- 2. home, work and fax numbers are whole numbers -----------------------------------------------

@pytest.mark.parametrize("kind, text, message", [
    ("home", "0212345", LANDLINE_WRONG),
    ("home", "123", f"{LANDLINE_WRONG} {SHORT_HINT}"),
    ("work", "۸۸۷۷ ۶۶۵۵", AREA_CODE),
    ("fax", "021 8877 665", LANDLINE_WRONG),
    ("work", "0912 123", "شماره تلفن: شماره همراه درست نیست؛ مانند ۰۹۱۲ ۱۲۳ ۴۵۶۷ بنویسید."),
    ("home", "+12", "شماره تلفن: شمارهٔ خارجی درست نیست؛ کد کشور و شماره را پس از + بنویسید، مانند "
                    "\u2068+49 30 1234 5678\u2069."),
])
def test_a_home_work_or_fax_number_must_be_whole(qtbot, office, kind, text, message):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, kind, text)
    assert row.number.shown_error() == message
    assert_refused(dialog, row.number, message, office)
    assert row.number.text() == text
    typed(row.number.edit, "021 8877 6655")
    assert not row.number.error_label.isVisible()
    contact_id = dialog.save()
    assert stored_phones(office, contact_id) == [(kind, "02188776655", "")]


@pytest.mark.parametrize("kind, text, national", [
    ("home", "۰۲۱-۸۸۷۷۶۶۵۵", "02188776655"),
    ("home", "+98 (0)21 8877 6655", "02188776655"),
    ("work", "0912 123 4567", "09121234567"),
    ("fax", "+49 30 1234 5678", "+493012345678"),
    ("work", "0044 20 7946 0958", "+442079460958"),
    ("other", "110", "110"),
    ("other", "۱۵۶۶", "1566"),
])
def test_whole_numbers_and_short_numbers_under_other_are_saved(qtbot, office, kind, text, national):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, kind, text)
    assert not row.number.error_label.isVisible(), row.number.shown_error()
    contact_id = dialog.save()
    assert stored_phones(office, contact_id) == [(kind, national, "")]


def stored_old_contact(office, phones):
    """A contact as an import stores it (the importer's rules, not the form's)."""
    return office.phonebook.add(model.normalised(model.Contact(first_name="علی", last_name="قدیمی", phones=phones)))


def test_an_old_short_home_number_does_not_block_an_unrelated_edit(qtbot, office):
    contact_id = stored_old_contact(office, [model.Phone("123", "home"), model.Phone("0212345", "work", "ab")])
    dialog = open_dialog(qtbot, office, contact_id)
    type_text(dialog.job_title, "حسابدار")
    assert dialog.save() == contact_id
    stored = office.phonebook.get(contact_id)
    assert stored.job_title == "حسابدار"
    assert [(p.kind, p.national, p.ext) for p in stored.phones] == [("home", "123", ""), ("work", "0212345", "ab")]


def test_an_unrelated_edit_saves_the_stored_numbers_as_they_were(qtbot, office):
    """The field shows a stored number grouped and leaves out what it does not read («پشتیبانی»
    after «1566», a «/ 8» extension the old file gave); saving another field must not rewrite
    them as shown."""
    phones = [model.Phone("1566 پشتیبانی", "other"), model.Phone("+98 (21) 4455-6677", "work", "8")]
    contact_id = stored_old_contact(office, phones)
    before = [(p.kind, p.number, p.national, p.ext) for p in office.phonebook.get(contact_id).phones]
    dialog = open_dialog(qtbot, office, contact_id)
    type_text(dialog.job_title, "حسابدار")
    assert dialog.save() == contact_id
    after = [(p.kind, p.number, p.national, p.ext) for p in office.phonebook.get(contact_id).phones]
    assert after == before and after[0][1] == "1566 پشتیبانی"


@pytest.mark.parametrize("change", ["number", "kind"])
def test_an_old_number_is_checked_once_the_operator_changes_it(qtbot, office, change):
    contact_id = stored_old_contact(office, [model.Phone("123", "home")])
    dialog = open_dialog(qtbot, office, contact_id)
    row = dialog.phones.rows[0]
    if change == "number":
        typed(row.number.edit, "1234")
    else:
        row.kind.setCurrentIndex(row.kind.findData("work"))
    message = f"{LANDLINE_WRONG} {SHORT_HINT}"
    assert row.number.shown_error() == message
    assert_refused(dialog, row.number, message, office, count=1)
    assert stored_phones(office, contact_id) == [("home", "123", "")]
    row.kind.setCurrentIndex(row.kind.findData("other"))  # where short numbers belong
    assert not row.number.error_label.isVisible()
    assert dialog.save() == contact_id
    assert stored_phones(office, contact_id)[0][0] == "other"


# --- 3. the extension is digits --------------------------------------------------------------------

def test_an_extension_that_is_not_digits_is_refused_on_the_extension_field(qtbot, office):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, "work", "021 8877 6655")
    typed(row.ext, "abc-!!")
    label = row.guard.ext_error
    assert label.objectName() == "contact.phone.0.ext.error"
    assert label.isVisible() and label.text() == EXT_DIGITS
    assert row.ext.property("invalid") is True and row.ext.toolTip() == EXT_DIGITS
    assert not row.number.error_label.isVisible()  # the number itself is fine
    dialog.first_name.setFocus()
    assert dialog.save() is None and contacts(office) == 0
    assert row.ext.text() == "abc-!!" and label.isVisible() and dialog.banner.isVisible()
    assert dialog.focusWidget() is row.ext  # the cursor goes where the mistake is
    typed(row.ext, "٢٠")  # Arabic-Indic digits are digits too
    assert not label.isVisible() and row.ext.property("invalid") is False
    assert row.ext.text() == "۲۰"
    contact_id = dialog.save()
    assert stored_phones(office, contact_id) == [("work", "02188776655", "20")]


def test_a_wrong_extension_on_a_stored_contact_leaves_the_stored_one(qtbot, office):
    contact_id = stored_old_contact(office, [model.Phone("021 8877 6655", "work", "12")])
    dialog = open_dialog(qtbot, office, contact_id)
    row = dialog.phones.rows[0]
    assert row.ext.text() == "۱۲"
    typed(row.ext, "۱۲ الف")
    assert dialog.save() is None
    assert row.guard.ext_error.text() == EXT_DIGITS
    assert stored_phones(office, contact_id) == [("work", "02188776655", "12")]


def test_an_extension_without_a_number_is_not_dropped_silently(qtbot, office):
    dialog = new_named(qtbot, office)
    row = dialog.phones.rows[0]
    typed(row.ext, "۲۰")
    assert dialog.save() is None and contacts(office) == 0
    assert row.guard.ext_error.text() == "داخلی: شماره‌ای کنار این داخلی نیست؛ شماره را هم بنویسید."


# --- 4. the same number twice ----------------------------------------------------------------------

def test_the_same_number_in_two_rows_is_refused_on_the_second(qtbot, office):
    dialog = new_named(qtbot, office)
    first = phone_row(dialog, "mobile", "09350000001")
    second = phone_row(dialog, "mobile", "0935 000 0001")
    assert dialog.save() is None and contacts(office) == 0
    assert second.number.shown_error() == SAME_NUMBER and second.number.error_label.isVisible()
    assert second.number.error_label.text() == SAME_NUMBER
    assert not first.number.error_label.isVisible()
    assert dialog.banner.text() == FIX_ERRORS
    second.remove_button.click()
    contact_id = dialog.save()
    assert stored_phones(office, contact_id) == [("mobile", "09350000001", "")]


def test_the_same_number_written_as_home_and_international_is_refused(qtbot, office):
    dialog = new_named(qtbot, office)
    phone_row(dialog, "work", "021 8877 6655")
    second = phone_row(dialog, "fax", "+98 21 8877 6655")
    assert dialog.save() is None and contacts(office) == 0
    assert second.number.shown_error() == SAME_NUMBER


def test_one_number_with_two_extensions_is_two_phones(qtbot, office):
    dialog = new_named(qtbot, office)
    phone_row(dialog, "work", "021 8877 6655 داخلی ۲۰")
    phone_row(dialog, "work", "021 8877 6655 داخلی ۳۰")
    contact_id = dialog.save()
    assert stored_phones(office, contact_id) == [("work", "02188776655", "20"), ("work", "02188776655", "30")]


def test_a_repeated_number_stored_long_ago_does_not_block_an_unrelated_edit(qtbot, office):
    contact_id = stored_old_contact(office, [model.Phone("09350000001"), model.Phone("0935 000 0001")])
    dialog = open_dialog(qtbot, office, contact_id)
    type_text(dialog.job_title, "راننده")
    assert dialog.save() == contact_id
    assert office.phonebook.get(contact_id).job_title == "راننده"


def test_typing_a_number_the_contact_already_has_is_refused(qtbot, office):
    contact_id = stored_old_contact(office, [model.Phone("09350000001")])
    dialog = open_dialog(qtbot, office, contact_id)
    second = phone_row(dialog, "mobile", "۰۹۳۵ ۰۰۰ ۰۰۰۱")
    assert dialog.save() is None
    assert second.number.shown_error() == SAME_NUMBER
    assert stored_phones(office, contact_id) == [("mobile", "09350000001", "")]


# --- the core rules behind the form ----------------------------------------------------------------

@pytest.mark.parametrize("text, extra", [
    ("021 8877 6655", ""), ("+98 (0)21 8877-6655", ""), ("\u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069", ""),
    ("021 8877 6655 دفتر", "دفتر"), ("تلفن: 021 8877 6655", "تلفن:"), ("0912, 0935", ", 0935"),
    ("تماس", "تماس"), ("", ""),
])
def test_extra_text(text, extra):
    assert phone.extra_text(text) == extra


def test_national_form_stops_at_the_arabic_spelling_of_dakheli():
    assert phone.national_form("۰۲۱ ۸۸۷۷ ۶۶۵۵ داخلي ۲۰") == "02188776655"


@pytest.mark.parametrize("text, expected", [
    ("021 8877 6655", "02188776655"), ("2188776655", "02188776655"), ("0098 912 123 4567", "09121234567"),
    ("+1 202 555 0100", "+12025550100"), ("00493012345678", "+493012345678"),
])
def test_phone_number_accepts(text, expected):
    assert validators.phone_number(text) == expected


@pytest.mark.parametrize("text", ["110", "0212345", "88776655", "+1 23", "0912 123 4567 x", "", "0098 21 1234"])
def test_phone_number_refuses(text):
    with pytest.raises(ValidationError) as error:
        validators.phone_number(text)
    assert error.value.field == "شماره تلفن" and error.value.fa.startswith("شماره تلفن")


@pytest.mark.parametrize("text, expected", [("۲۰", "20"), (" 123 ", "123"), ("٤٥", "45"), ("", "")])
def test_extension_accepts_digits(text, expected):
    assert validators.extension(text) == expected


@pytest.mark.parametrize("text", ["abc-!!", "12-3", "x12"])
def test_extension_refuses_other_text(text):
    with pytest.raises(ValidationError) as error:
        validators.extension(text)
    assert error.value.fa == EXT_DIGITS


def test_the_importer_keeps_its_own_rules():
    """model.normalised (the file import) still stores short home numbers and two equal rows."""
    contact = model.normalised(model.Contact(first_name="x", phones=[
        model.Phone("123", "home"), model.Phone("0212345", "work"), model.Phone("0212345", "work")]))
    assert [p.national for p in contact.phones] == ["123", "0212345", "0212345"]


# --- 5. the form and the import read a number by one rule ---------------------------------------------

ONE_PER_ROW = "شماره تلفن: در هر ردیف یک شماره بنویسید؛ برای شمارهٔ دیگر «افزودن شماره» را بزنید."


@pytest.mark.parametrize("kind, text, national", [
    ("mobile", "۰۹۱۲\u200c۱۲۳\u200c۴۵۶۷", "09121234567"),  # a half-space between the groups
    ("mobile", "(+98) 912 123 4568", "09121234568"),
    ("mobile", "+98 (0)912 123 4569", "09121234569"),
    ("mobile", "0912_123_4560", "09121234560"),
    ("home", "۰۲۱\u200c۸۸۷۷\u200c۶۶۵۵", "02188776655"),
    ("other", "*4444", "*4444"),  # a star service code keeps its star: it is dialled so
])
def test_numbers_written_apart_by_half_spaces_brackets_or_underscores_are_saved(qtbot, office, kind, text, national):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, kind, text)
    assert not row.number.error_label.isVisible(), row.number.shown_error()
    contact_id = dialog.save()
    assert stored_phones(office, contact_id) == [(kind, national, "")]


def test_a_star_code_under_work_is_sent_to_other_as_a_short_number(qtbot, office):
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, "work", "*4444")
    assert_refused(dialog, row.number, f"{LANDLINE_WRONG} {SHORT_HINT}", office)
    row.kind.setCurrentIndex(row.kind.findData("other"))
    contact_id = dialog.save()
    assert contact_id is not None
    stored = office.phonebook.get(contact_id).phones[0]
    assert (stored.kind, stored.national) == ("other", "*4444") and "*" in stored.number


@pytest.mark.parametrize("kind", ["other", "work", "home", "mobile"])
@pytest.mark.parametrize("text", [
    "09121234567 - 09351112233", "66554433-4", "021-88776655-12", "88776655/6", "021-88776655 و 56",
    "021-66554433 / 66554434",
])
def test_a_number_the_import_reads_as_two_is_refused_as_two(qtbot, office, kind, text):
    """«دیگر» saved «09121234567 - 09351112233» as one 22-digit number and «66554433-4» as
    665544334, and «محل کار» called them a wrong landline: the import stores such a cell as two
    phones, so the form asks for one number per row."""
    dialog = new_named(qtbot, office)
    row = phone_row(dialog, kind, text)
    assert row.number.shown_error() == ONE_PER_ROW
    assert_refused(dialog, row.number, ONE_PER_ROW, office)
    assert row.number.text() == text


@pytest.mark.parametrize("text", [
    "09121234567 - 09351112233", "66554433-4", "021-88776655-12", "09121234567\n09351112233", "88776655/6",
    "021-66554433 و 66554434", "021 88776655 داخلی 12 و 13", "0912 123 4567, 0935 000 0001",
    "021-8877-6655", "0912-123-4567", "۰۲۱-۸۸۷۷۶۶۵۵", "+98 (0)21 8877-6655", "021-8877665", "*4444", "1566",
])
def test_the_form_refuses_as_two_exactly_what_the_import_splits(text):
    from crm_desktop.phonebook.import_values import split_phones

    two = len(split_phones(text)) > 1
    try:
        model.checked_phone(text, "other")
        said = ""
    except ValidationError as error:
        said = error.fa
    assert (said == ONE_PER_ROW) == two, (text, said)
