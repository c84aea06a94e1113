"""ToolbarRows on its own: groups of actions and widgets (a menu button) side by side, a separator
between groups of one row and none where a row starts, wrapping when the width runs out."""

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from crm_desktop.ui.toolbar_rows import ToolbarRows
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


def test_groups_wrap_and_join_with_separators_only_between_neighbours(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    rows = ToolbarRows(window, "demo.toolbar")
    actions = [QAction(text, window) for text in ("تازه", "باز کردن", "حذف", "چاپ")]
    menu_button = QToolButton()
    menu_button.setText("خروجی ▾")
    rows.add_group(*actions[:3])
    rows.add_group(actions[3], menu_button)
    QVBoxLayout(window).addWidget(rows)
    window.resize(800, 120)
    window.show()
    qtbot.waitExposed(window)
    assert [bar.objectName() for bar in rows.groups] == ["demo.toolbar.1", "demo.toolbar.2"]
    assert [len(row) for row in rows.rows()] == [2] and len(rows.separators()) == 1
    first, second = rows.groups
    assert second.geometry().right() < first.geometry().left()  # right to left: the first group on the right
    assert rows.widget_for(actions[3]).text() == "چاپ" and rows.widget_for(QAction("دیگر", window)) is None
    assert second.widgetForAction(second.actions()[1]) is menu_button
    window.resize(first.sizeHint().width() + 40, 120)
    qtbot.waitUntil(lambda: len(rows.rows()) == 2)
    assert rows.separators() == [] and second.geometry().right() == first.geometry().right()
    assert rows.height() >= first.height() + second.height()
    window.resize(800, 120)
    qtbot.waitUntil(lambda: len(rows.rows()) == 1)
