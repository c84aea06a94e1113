"""Every tool of a tab's toolbar is a button on the window on a 1024 × 600 netbook (the main
window opens 1008 × 552 there), none behind a toolbar's » menu: the cheque tab's «نمونه چاپی…»
was reachable only through ». The cheque tab's tools are three groups (ui.toolbar_rows) in one
row where there is room, wrapping onto a second row on a narrower window and joining again when
it is widened. The phonebook's tools (beside its search line) are three groups too: on the
netbook they take two rows, so «فیلدهای دلخواه…» and «یادآوری تولدها» are no longer behind »."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from crm_desktop.ui import dialogs, screen
from tests.conftest import run_cli
from tests.ui_helpers import persian_app  # noqa: F401
from tests.ui_helpers import tools_off_the_window

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2025, 4, 1, 10, 30)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("toolbars") / "office.sqlite3"
    done = run_cli("demo-data", "--contacts", "20", "--cheques", "5", "--files", "3", "--reminders", "3",
                   "--attendance-months", "1", db=path)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def window(qtbot, demo_db, monkeypatch):
    """The main window as it opens on a 1024 × 600 screen."""
    from crm_desktop.office import Office
    from crm_desktop.shell.events import OfficeEvents
    from crm_desktop.shell.main_window import MainWindow

    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)
    monkeypatch.setattr(screen, "available_width", lambda parent: 1024)
    monkeypatch.setattr(screen, "available_height", lambda parent: 600)
    with Office(demo_db, clock=lambda: NOW) as office:
        main = MainWindow(office, OfficeEvents(office), clock=lambda: NOW)
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        yield main
        main.close()


def shown(qtbot, window, name: str, page: int | None = None):
    """The tab ``name`` (and the files tab's page ``page``) in front; the widget whose toolbars show."""
    tab = window.show_tab(name)
    if page is not None:
        tab.pages.setCurrentIndex(page)
        tab = tab.pages.currentWidget()
    qtbot.waitUntil(lambda: tab.isVisible())
    bars = tab.findChildren(QToolBar)
    assert bars and all(bar.isVisible() for bar in bars)
    return tab


@pytest.mark.parametrize("name, page", [("phonebook", None), ("cheques", None), ("reminders", None), ("files", 0), ("files", 1),
                                        ("files", 2), ("attendance", None)])
def test_on_a_1024_by_600_netbook_every_tool_of_the_tab_is_on_the_window(qtbot, window, name, page):
    assert (window.width(), window.height()) == (1024 - screen.FRAME_ROOM, 600 - screen.TITLE_BAR_ROOM)
    tab = shown(qtbot, window, name, page)
    assert tools_off_the_window(window, tab) == []


def test_the_cheque_tab_keeps_one_row_on_the_netbook_and_its_designer_button_opens_the_designer(qtbot, window):
    from crm_desktop.cheque_print.views.designer import DesignerWindow

    tab = shown(qtbot, window, "cheques")
    assert [len(row) for row in tab.toolbar.rows()] == [3]  # one row, three groups
    assert len(tab.toolbar.separators()) == 2
    button = tab.toolbar.widget_for(tab.designer_action)
    assert button.isVisible() and button.text() == "نمونه چاپی"  # Qt drops «…» on a toolbar button
    assert tab.toolbar.widget_for(tab.export_action).toolTip() == "خروجی Excel یا CSV از چک‌های فیلترشده"
    qtbot.mouseClick(button, Qt.LeftButton)
    designer = tab.findChild(DesignerWindow)
    assert designer is not None and designer.isVisible()
    assert designer.width() <= 1024 - screen.FRAME_ROOM and tools_off_the_window(designer) == []
    designer.close()


def test_a_narrower_window_wraps_the_cheque_tools_and_a_wider_one_joins_them(qtbot, window):
    tab = shown(qtbot, window, "cheques")
    window.resize(700, 552)  # as narrow as the window goes (its filters' width)
    qtbot.waitUntil(lambda: len(tab.toolbar.rows()) == 2)
    assert window.width() < 1000 and [len(row) for row in tab.toolbar.rows()] == [2, 1]
    assert len(tab.toolbar.separators()) == 1  # none at the start of the second row
    first, second = tab.toolbar.rows()
    assert second[0].y() >= first[0].geometry().bottom()
    assert second[0].geometry().right() == first[0].geometry().right()  # each row starts on the right
    assert tools_off_the_window(window, tab) == []
    assert tab.table.isVisible() and tab.table.geometry().top() > tab.toolbar.geometry().bottom()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: len(tab.toolbar.rows()) == 1)
    assert tools_off_the_window(window, tab) == []


def test_the_phonebook_tools_take_two_rows_beside_the_search_line_on_the_netbook_and_one_on_a_wide_screen(
        qtbot, window):
    tab = shown(qtbot, window, "phonebook")
    assert [len(row) for row in tab.toolbar.rows()] == [2, 1]
    for action in (tab.fields_action, tab.birthdays_action, tab.import_action):
        button = tab.toolbar.widget_for(action)
        assert button.isVisible() and window.rect().contains(button.mapTo(window, button.rect().bottomLeft()))
    assert tab.search.isVisible() and tab.search.width() >= tab.search.minimumWidth()
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: len(tab.toolbar.rows()) == 1)
    assert tools_off_the_window(window, tab) == []
