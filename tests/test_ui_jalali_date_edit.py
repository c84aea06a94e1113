"""JalaliDateEdit: what the operator sees when typing and picking Jalali dates."""

from datetime import date

import pytest
from PySide6.QtCore import QCalendar, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCalendarWidget, QFormLayout, QTableView, QToolButton, QWidget

from crm_desktop.ui.jalali_calendar import HOLIDAY_COLOR
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit, make_jalali_calendar
from tests.ui_helpers import finish_editing, persian_app, press, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

TODAY = date(2024, 10, 6)  # 1403/07/15, a Sunday


def make_edit(qtbot, **options):
    form = QWidget()
    layout = QFormLayout(form)
    edit = JalaliDateEdit(name="form.due", field_name="تاریخ سررسید", today=lambda: TODAY, **options)
    layout.addRow("سررسید:", edit)
    qtbot.addWidget(form)  # pytest-qt keeps only a weak reference: the edit keeps its form alive
    edit.test_form = form
    form.show()
    return edit


def typed(qtbot, edit, text):
    edit.edit.clear()
    type_text(edit.edit, text)
    finish_editing(edit.edit)


@pytest.mark.parametrize("text", ["۱۴۰۳/۷/۱۵", "1403-07-15", "١٤٠٣/٠٧/١٥", "1403/7/15", " ۱۴۰۳-۰۷-۱۵ "])
def test_any_digit_script_is_shown_back_in_persian(qtbot, text):
    edit = make_edit(qtbot)
    with qtbot.waitSignal(edit.dateChanged) as signal:
        typed(qtbot, edit, text)
    assert signal.args == [TODAY]
    assert edit.edit.text() == "۱۴۰۳/۰۷/۱۵"
    assert edit.date() == TODAY
    assert edit.is_valid() and edit.error_text() == ""
    assert not edit.error_label.isVisible()
    assert edit.edit.property("invalid") is False


@pytest.mark.parametrize(
    "text, words",
    [
        ("1404/12/30", ["اسفند", "۱۴۰۴", "۲۹"]),  # 1404 is not a leap year
        ("۱۴۰۳/۱۳/۰۱", ["ماه"]),
        ("1403/07/32", ["روز"]),
        ("سلام", ["قالب"]),
        ("2024/10/06", ["میلادی"]),
    ],
)
def test_an_impossible_date_is_refused_in_persian_and_never_changed(qtbot, text, words):
    edit = make_edit(qtbot)
    edit.setDate(TODAY)
    with qtbot.waitSignal(edit.dateChanged) as signal:
        typed(qtbot, edit, text)
    assert signal.args == [None]
    assert edit.edit.text() == text  # exactly as typed: no silent correction
    assert edit.date() is None and not edit.is_valid()
    label = edit.findChild(QWidget, "form.due.error")
    assert label is edit.error_label and label.isVisible()
    assert label.text() == edit.error_text() == edit.shown_error()
    assert label.text().startswith("تاریخ سررسید")
    for word in words:
        assert word in label.text()
    assert edit.edit.property("invalid") is True
    assert edit.edit.palette().color(QPalette.Base) != edit.palette().color(QPalette.Base)


def test_a_leap_esfand_30_is_accepted(qtbot):
    edit = make_edit(qtbot)
    typed(qtbot, edit, "1403/12/30")
    assert edit.date() == date(2025, 3, 20)
    assert edit.edit.text() == "۱۴۰۳/۱۲/۳۰"


def test_the_error_goes_away_as_soon_as_the_text_is_right(qtbot):
    edit = make_edit(qtbot)
    typed(qtbot, edit, "1404/12/30")
    assert edit.error_label.isVisible()
    press(edit.edit, Qt.Key_Backspace)
    press(edit.edit, Qt.Key_Backspace)
    type_text(edit.edit, "29")  # 1404/12/29, not yet finished
    assert not edit.error_label.isVisible()
    assert edit.edit.property("invalid") is False
    assert edit.date() == date(2026, 3, 20)
    assert edit.edit.text() == "1404/12/29"  # shown in its normal form only when finished
    finish_editing(edit.edit)
    assert edit.edit.text() == "۱۴۰۴/۱۲/۲۹"


def test_required_and_optional_empty(qtbot):
    optional = make_edit(qtbot)
    typed(qtbot, optional, "")
    assert optional.is_valid() and optional.date() is None and not optional.error_label.isVisible()
    required = make_edit(qtbot, optional=False)
    assert not required.validate()
    assert required.error_label.text() == "تاریخ سررسید را وارد کنید."


def test_set_date_and_clear(qtbot):
    edit = make_edit(qtbot)
    with qtbot.waitSignal(edit.dateChanged) as signal:
        edit.setDate(date(2025, 3, 21))
    assert signal.args == [date(2025, 3, 21)]
    assert edit.edit.text() == "۱۴۰۴/۰۱/۰۱"
    with qtbot.waitSignal(edit.dateChanged) as signal:
        edit.setDate(None)
    assert signal.args == [None] and edit.edit.text() == ""


def test_numbers_read_left_to_right_inside_a_right_to_left_form(qtbot):
    edit = make_edit(qtbot)
    edit.setDate(TODAY)
    assert edit.layoutDirection() == Qt.RightToLeft
    assert edit.edit.layoutDirection() == Qt.LeftToRight
    # the calendar button sits after the field in reading order: left of it on screen
    button = edit.findChild(QToolButton, "form.due.calendar")
    assert button.mapTo(edit, button.rect().center()).x() < edit.edit.mapTo(edit, edit.edit.rect().center()).x()


def test_keys_step_days_and_months(qtbot):
    edit = make_edit(qtbot)
    edit.setDate(date(2024, 9, 21))  # 1403/06/31
    press(edit.edit, Qt.Key_Up)
    assert edit.edit.text() == "۱۴۰۳/۰۷/۰۱"
    press(edit.edit, Qt.Key_Down)
    press(edit.edit, Qt.Key_PageUp)  # Mehr has 30 days: 06/31 + 1 month = 07/30
    assert edit.edit.text() == "۱۴۰۳/۰۷/۳۰"
    edit.setDate(None)
    press(edit.edit, Qt.Key_Up)  # an empty field starts from today
    assert edit.date() == date(2024, 10, 7)
    typed(qtbot, edit, "1404/12/30")
    press(edit.edit, Qt.Key_Up)  # an invalid date is never moved
    assert edit.edit.text() == "1404/12/30" and edit.error_label.isVisible()


def test_range(qtbot):
    edit = make_edit(qtbot)
    edit.set_range(maximum=TODAY)
    typed(qtbot, edit, "1403/07/16")
    assert not edit.is_valid()
    assert "۱۴۰۳/۰۷/۱۵" in edit.error_label.text()


def test_the_jalali_calendar_set_up_the_iranian_way(qtbot):
    calendar = make_jalali_calendar(today=TODAY)
    qtbot.addWidget(calendar)
    calendar.setSelectedDate(TODAY)
    calendar.show()
    assert calendar.calendar().name() == QCalendar(QCalendar.System.Jalali).name()
    assert calendar.firstDayOfWeek() == Qt.Saturday
    assert calendar.verticalHeaderFormat() == QCalendarWidget.NoVerticalHeader
    assert calendar.weekdayTextFormat(Qt.Friday).foreground().color() == HOLIDAY_COLOR
    text_color = calendar.palette().color(QPalette.Text)
    for day in (Qt.Saturday, Qt.Sunday):
        assert calendar.weekdayTextFormat(day).foreground().color() == text_color
    month_button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month_button.text() == "مهر"
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    model = view.model()
    headers = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert headers == ["ش", "ی", "د", "س", "چ", "پ", "ج"]
    cell = find_day(view, 6)  # 1403/07/06 is a Friday
    assert model.data(cell, Qt.ForegroundRole) == HOLIDAY_COLOR
    saturday = find_day(view, 7)
    assert model.data(saturday, Qt.ForegroundRole) != HOLIDAY_COLOR
    # right to left: Saturday is the rightmost column, Friday the leftmost
    assert view.visualRect(saturday).x() > view.visualRect(cell).x()


def find_day(view, day):
    """The cell of ``day`` in the month shown (small numbers also appear for the next month)."""
    model = view.model()
    found = [
        model.index(r, c)
        for r in range(1, model.rowCount())
        for c in range(model.columnCount())
        if model.data(model.index(r, c)) == day
    ]
    assert found, day
    return found[0] if day < 15 else found[-1]


def test_picking_a_day_in_the_popup(qtbot):
    edit = make_edit(qtbot)
    edit.setDate(TODAY)
    qtbot.mouseClick(edit.button, Qt.LeftButton)
    popup = edit.popup()
    qtbot.waitUntil(popup.isVisible)
    view = popup.calendar.findChild(QTableView, "qt_calendar_calendarview")
    cell = find_day(view, 20)
    with qtbot.waitSignal(edit.dateChanged) as signal:
        QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(cell).center())
    assert signal.args == [date(2024, 10, 11)]
    assert edit.edit.text() == "۱۴۰۳/۰۷/۲۰"
    assert not popup.isVisible()


def test_popup_today_and_clear_buttons(qtbot):
    edit = make_edit(qtbot)
    press(edit.edit, Qt.Key_F4)
    popup = edit.popup()
    assert popup.isVisible()
    assert popup.today_button.text() == "امروز"
    qtbot.mouseClick(popup.today_button, Qt.LeftButton)
    assert edit.date() == TODAY and not popup.isVisible()
    edit.open_calendar()
    assert popup.clear_button.text() == "پاک کردن"
    qtbot.mouseClick(popup.clear_button, Qt.LeftButton)
    assert edit.edit.text() == "" and edit.date() is None


def test_required_field_has_no_clear_button(qtbot):
    edit = make_edit(qtbot, optional=False)
    edit.open_calendar()
    assert edit.popup().clear_button is None
    edit.popup().hide()


def test_object_names(qtbot):
    edit = make_edit(qtbot)
    assert edit.objectName() == "form.due"
    assert edit.edit.objectName() == "form.due.edit"
    assert edit.error_label.objectName() == "form.due.error"
    assert edit.button.objectName() == "form.due.calendar"
