"""MoneyEdit: amounts grouped as typed, in Persian digits, with the amount in words beneath."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from crm_desktop.ui.money_edit import MoneyEdit, group_as_typed
from tests.ui_helpers import finish_editing, persian_app, press, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

WORDS_1250000 = "یک میلیون و دویست و پنجاه هزار ریال"


def make_edit(qtbot, **options):
    form = QWidget()
    layout = QFormLayout(form)
    edit = MoneyEdit(name="cheque.amount", **options)
    layout.addRow("مبلغ:", edit)
    qtbot.addWidget(form)
    edit.test_form = form  # pytest-qt keeps only a weak reference
    form.show()
    return edit


@pytest.mark.parametrize("text", ["1250000", "۱۲۵۰۰۰۰", "١٢٥٠٠٠٠", "1,250,000", "۱٬۲۵۰٬۰۰۰", "0001250000"])
def test_typing_groups_the_digits_and_says_the_amount_in_words(qtbot, text):
    edit = make_edit(qtbot)
    type_text(edit.edit, text)
    assert edit.edit.text() == "۱٬۲۵۰٬۰۰۰"
    assert edit.edit.cursorPosition() == len("۱٬۲۵۰٬۰۰۰")
    assert edit.value() == 1_250_000
    words = edit.findChild(QLabel, "cheque.amount.words")
    assert words.isVisible() and words.text() == WORDS_1250000
    finish_editing(edit.edit)
    assert edit.edit.text() == "۱٬۲۵۰٬۰۰۰" and not edit.error_label.isVisible()


def test_value_changed_fires_as_the_amount_changes(qtbot):
    edit = make_edit(qtbot)
    seen = []
    edit.valueChanged.connect(seen.append)
    type_text(edit.edit, "1200")
    assert seen == [1, 12, 120, 1200]
    assert edit.edit.text() == "۱٬۲۰۰"
    assert edit.words() == "یک هزار و دویست ریال"


def test_a_digit_typed_in_the_middle_keeps_the_cursor_after_it(qtbot):
    edit = make_edit(qtbot)
    edit.setValue(1_250_000)
    edit.edit.setCursorPosition(len("۱٬۲۵۰"))
    type_text(edit.edit, "5")
    assert edit.edit.text() == "۱۲٬۵۰۵٬۰۰۰"
    assert edit.edit.cursorPosition() == len("۱۲٬۵۰۵")
    type_text(edit.edit, "7")
    assert edit.edit.text() == "۱۲۵٬۰۵۷٬۰۰۰"
    assert edit.edit.text()[: edit.edit.cursorPosition()] == "۱۲۵٬۰۵۷"


def test_backspace_regroups(qtbot):
    edit = make_edit(qtbot)
    edit.setValue(1_250_000)
    edit.edit.end(False)
    press(edit.edit, Qt.Key_Backspace)
    assert edit.edit.text() == "۱۲۵٬۰۰۰"
    assert edit.value() == 125_000
    assert edit.words() == "یکصد و بیست و پنج هزار ریال"


def test_letters_are_refused_with_a_persian_message_and_left_as_typed(qtbot):
    edit = make_edit(qtbot)
    edit.setValue(5000)
    edit.edit.clear()
    type_text(edit.edit, "12ab")
    assert edit.value() is None
    assert not edit.words_label.isVisible()
    finish_editing(edit.edit)
    assert edit.edit.text() == "۱۲ab"
    label = edit.findChild(QLabel, "cheque.amount.error")
    assert label.isVisible() and "رقم" in label.text() and label.text().startswith("مبلغ")
    assert edit.edit.property("invalid") is True
    # fixing it clears the message as soon as the text is right
    press(edit.edit, Qt.Key_Backspace)
    press(edit.edit, Qt.Key_Backspace)
    assert not label.isVisible() and edit.value() == 12


def test_decimals_are_refused_for_rials(qtbot):
    edit = make_edit(qtbot)
    type_text(edit.edit, "1.5")
    finish_editing(edit.edit)
    assert edit.value() is None and "اعشار" in edit.error_label.text()


def test_required_and_too_large(qtbot):
    edit = make_edit(qtbot, optional=False, field_name="مبلغ چک")
    assert not edit.validate()
    assert edit.error_label.text() == "مبلغ چک را وارد کنید."
    type_text(edit.edit, "1" + "0" * 18)
    finish_editing(edit.edit)
    assert edit.value() is None and "بزرگ" in edit.error_label.text()


def test_set_value_and_clear(qtbot):
    edit = make_edit(qtbot)
    with qtbot.waitSignal(edit.valueChanged) as signal:
        edit.setValue(1000)
    assert signal.args == [1000]
    assert edit.edit.text() == "۱٬۰۰۰" and edit.words() == "یک هزار ریال"
    edit.setValue(None)
    assert edit.edit.text() == "" and edit.value() is None and not edit.words_label.isVisible()
    edit.setValue(0)
    assert edit.edit.text() == "۰" and edit.words() == "صفر ریال"


def test_toman(qtbot):
    edit = make_edit(qtbot, unit="toman")
    assert edit.unit_label.text() == "تومان"
    type_text(edit.edit, "125000")
    assert edit.edit.text() == "۱۲۵٬۰۰۰"
    assert edit.value() == 1_250_000  # always rials
    assert edit.words() == "یکصد و بیست و پنج هزار تومان"
    type_text(edit.edit, ".5")
    assert edit.edit.text() == "۱۲۵٬۰۰۰٫۵"
    assert edit.value() == 1_250_005
    assert edit.words() == "یکصد و بیست و پنج هزار تومان و پنج ریال"
    edit.setValue(1_250_000)
    assert edit.edit.text() == "۱۲۵٬۰۰۰"


def test_amount_reads_left_to_right_aligned_right_in_an_rtl_form(qtbot):
    edit = make_edit(qtbot)
    assert edit.layoutDirection() == Qt.RightToLeft
    assert edit.edit.layoutDirection() == Qt.LeftToRight
    assert edit.edit.alignment() & Qt.AlignRight
    # the unit label follows the field in reading order: on its left
    assert edit.unit_label.mapTo(edit, edit.unit_label.rect().center()).x() < edit.edit.mapTo(edit, edit.edit.rect().center()).x()


def test_group_as_typed():
    assert group_as_typed("1250000", 7, decimals=False) == ("۱٬۲۵۰٬۰۰۰", 9)
    assert group_as_typed("۱٬۲۵۰5٬۰۰۰", 6, decimals=False) == ("۱۲٬۵۰۵٬۰۰۰", 6)
    assert group_as_typed("0012", 3, decimals=False) == ("۱۲", 1)
    assert group_as_typed("", 0, decimals=False) == ("", 0)
    assert group_as_typed("12a", 3, decimals=False) is None
    assert group_as_typed("1.2.3", 5, decimals=True) is None
    assert group_as_typed("12345.", 6, decimals=True) == ("۱۲٬۳۴۵٫", 7)
