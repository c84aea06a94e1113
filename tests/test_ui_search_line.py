"""SearchLine: placeholder, clear button, debounced search, Enter, Esc, Ctrl+F."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QTabWidget, QTableView, QToolButton, QVBoxLayout, QWidget

from crm_desktop.ui.search_line import SearchLine
from tests.ui_helpers import persian_app, press, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


def make_line(qtbot, **options):
    line = SearchLine(name="phonebook.search", **options)
    qtbot.addWidget(line)
    line.show()
    return line


def test_looks(qtbot):
    line = make_line(qtbot)
    assert line.objectName() == "phonebook.search"
    assert line.placeholderText() == "جستجو…"
    assert line.isClearButtonEnabled()
    assert line.layoutDirection() == Qt.RightToLeft


def test_typing_emits_once_after_the_pause(qtbot):
    line = make_line(qtbot, delay_ms=150)
    seen = []
    line.searchChanged.connect(seen.append)
    type_text(line, "رضایی")
    assert seen == []  # nothing while typing
    assert line.is_pending()
    qtbot.waitUntil(lambda: seen == ["رضایی"], timeout=2000)
    qtbot.wait(250)
    assert seen == ["رضایی"]  # once, not once per letter


def test_enter_searches_at_once(qtbot):
    line = make_line(qtbot, delay_ms=10_000)
    seen = []
    line.searchChanged.connect(seen.append)
    type_text(line, "۰۹۱۲ ")
    press(line, Qt.Key_Return)
    assert seen == ["۰۹۱۲"]  # stripped
    press(line, Qt.Key_Return)
    assert seen == ["۰۹۱۲"]  # the same query is not sent twice
    assert not line.is_pending()


def test_esc_clears_and_the_clear_button_clears(qtbot):
    line = make_line(qtbot, delay_ms=0)
    seen = []
    line.searchChanged.connect(seen.append)
    type_text(line, "علی")
    assert seen[-1] == "علی"
    press(line, Qt.Key_Escape)
    assert line.text() == "" and seen[-1] == ""
    line.set_query("محمد")
    assert seen[-1] == "محمد"
    clear = line.findChild(QToolButton)  # the clear button Qt draws inside the line
    qtbot.mouseClick(clear, Qt.LeftButton)
    qtbot.waitUntil(lambda: seen[-1] == "")


def test_set_query_without_emitting(qtbot):
    line = make_line(qtbot)
    seen = []
    line.searchChanged.connect(seen.append)
    line.set_query("ثبت", emit=False)
    qtbot.wait(250)
    assert seen == [] and line.query() == "ثبت"


def test_down_moves_to_the_table(qtbot):
    line = make_line(qtbot, delay_ms=10_000)
    with qtbot.waitSignal(line.navigateDown):
        type_text(line, "x")
        press(line, Qt.Key_Down)
    assert not line.is_pending()


def test_ctrl_f_focuses_the_search_line_of_the_tab_showing(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    lines = []
    for name in ("phonebook", "cheques"):
        page = QWidget()
        layout = QVBoxLayout(page)
        line = SearchLine(name=f"{name}.search")
        table = QTableView()
        layout.addWidget(line)
        layout.addWidget(table)
        line.install_shortcut(page)
        tabs.addTab(page, name)
        lines.append((line, table))
    tabs.show()
    tabs.activateWindow()
    qtbot.waitExposed(tabs)
    for index in (1, 0):
        tabs.setCurrentIndex(index)
        line, table = lines[index]
        line.setText("قبلی")
        table.setFocus()
        qtbot.waitUntil(table.hasFocus)
        QTest.keySequence(tabs.window().windowHandle(), QKeySequence(QKeySequence.Find))
        qtbot.waitUntil(line.hasFocus)
        assert line.selectedText() == "قبلی"  # ready to type over
    assert isinstance(QTabWidget.focusWidget(tabs), QLineEdit)


@pytest.mark.parametrize("text", ["0912", "۰۹۱۲ ۱۲۳", "ali@", "علی"])
def test_typed_text_starts_at_the_right_edge_even_digits_alone(qtbot, text):
    """Qt lays «0912» out left to right; in this right-to-left box it must still sit at the
    right, where the operator started typing, not jump to the far left."""
    line = make_line(qtbot)
    line.resize(300, line.sizeHint().height())
    qtbot.waitExposed(line)
    type_text(line, text)
    line.setCursorPosition(0)  # no caret drawn beside the text
    line.clearFocus()
    image = line.grab().toImage()
    inked = [x for x in range(20, image.width() - 4)  # (the clear button sits at the left)
             if any(image.pixelColor(x, y).lightness() < 100 for y in range(4, image.height() - 4))]
    assert inked and min(inked) > image.width() / 2  # the text in the right half of a 300 px box
    assert max(inked) > image.width() - 30
