"""PhoneEdit: any digit script, +98 / 0098, mobile or landline, Persian messages."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from crm_desktop.ui.phone_edit import PhoneEdit
from tests.ui_helpers import finish_editing, persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


def make_edit(qtbot, **options):
    form = QWidget()
    layout = QFormLayout(form)
    edit = PhoneEdit(name="contact.phone", **options)
    layout.addRow("تلفن:", edit)
    qtbot.addWidget(form)
    edit.test_form = form  # pytest-qt keeps only a weak reference
    form.show()
    return edit


def typed(edit, text):
    edit.edit.clear()
    type_text(edit.edit, text)
    finish_editing(edit.edit)


@pytest.mark.parametrize(
    "text", ["09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "+98 912 123 4567", "0098-912-123-4567", "9121234567"]
)
def test_mobile_in_any_form(qtbot, text):
    edit = make_edit(qtbot, kind="mobile")
    with qtbot.waitSignal(edit.numberChanged) as signal:
        typed(edit, text)
    assert signal.args == ["09121234567"]
    assert edit.national() == "09121234567"
    assert edit.edit.text() == "۰۹۱۲ ۱۲۳ ۴۵۶۷"
    assert edit.is_valid() and not edit.error_label.isVisible() and edit.is_mobile()


@pytest.mark.parametrize("text", ["021-88776655", "+98 21 8877 6655", "۰۲۱۸۸۷۷۶۶۵۵", "0098 21 88776655"])
def test_landline_in_any_form(qtbot, text):
    edit = make_edit(qtbot, kind="landline")
    typed(edit, text)
    assert edit.national() == "02188776655"
    assert edit.edit.text() == "۰۲۱ ۸۸۷۷ ۶۶۵۵"
    assert not edit.is_mobile()


def test_any_kind_takes_both(qtbot):
    edit = make_edit(qtbot)
    typed(edit, "+989121234567")
    assert edit.national() == "09121234567"
    typed(edit, "02188776655")
    assert edit.national() == "02188776655"


@pytest.mark.parametrize(
    "kind, text, words",
    [
        ("mobile", "0912123456", ["همراه"]),
        ("mobile", "02188776655", ["همراه"]),
        ("landline", "09121234567", ["همراه است"]),
        ("landline", "88776655", ["پیش‌شماره"]),
        ("any", "88776655", ["پیش‌شماره"]),
        ("any", "0912", ["همراه"]),
        ("any", "12345", ["تلفن درست نیست"]),
        ("any", "تلفن ندارد", ["تلفن"]),
    ],
)
def test_a_wrong_number_gets_a_persian_message_and_stays_as_typed(qtbot, kind, text, words):
    edit = make_edit(qtbot, kind=kind)
    typed(edit, text)
    assert edit.national() is None and not edit.is_valid()
    assert edit.edit.text() == text
    label = edit.findChild(QLabel, "contact.phone.error")
    assert label.isVisible()
    for word in words:
        assert word in label.text()
    assert edit.edit.property("invalid") is True


def test_required_and_field_names(qtbot):
    edit = make_edit(qtbot, kind="mobile", optional=False)
    assert edit.field_name == "تلفن همراه"
    assert not edit.validate()
    assert edit.error_label.text() == "تلفن همراه را وارد کنید."
    optional = make_edit(qtbot, kind="landline", field_name="تلفن محل کار")
    assert optional.validate() and optional.national() is None
    typed(optional, "123")
    assert optional.error_label.text().startswith("تلفن محل کار")


def test_set_number_and_kind(qtbot):
    edit = make_edit(qtbot, kind="landline")
    edit.setNumber("09121234567")  # a stored value that does not fit: shown with the error
    assert edit.edit.text() == "09121234567" and edit.error_label.isVisible()
    edit.set_kind("mobile")
    assert edit.edit.text() == "۰۹۱۲ ۱۲۳ ۴۵۶۷" and not edit.error_label.isVisible()
    edit.setNumber(None)
    assert edit.edit.text() == "" and edit.national() is None


def test_number_reads_left_to_right(qtbot):
    edit = make_edit(qtbot)
    assert edit.layoutDirection() == Qt.RightToLeft
    assert edit.edit.layoutDirection() == Qt.LeftToRight
