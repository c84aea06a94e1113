"""The layout designer on a small screen, and the crash that kept it from being fitted.

Sized by the screen (ui.screen.fit), the designer made PySide6 crash in a later test of the full
suite, every time. The cause was in ui.screen: ``parent.screen()`` makes the QScreen's Python
wrapper a child of the parent's wrapper; when the garbage collector cleared that wrapper before
its parent, it handed the wrapper ownership and deleted the application's only QScreen, and the
next window that asked for its screen crashed in QScreen::virtualSiblings. The designer opened
from the main window was simply the first parent collected in that order.

On a 1024 × 600 netbook the designer now fits, every tool on its toolbars is on the window (the
preview values and «تنظیم چاپگر» move to a second row), and the whole leaf is scaled into view;
on a roomy screen it keeps 1280 × 740 in one toolbar row."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime

import pytest
import shiboken6

from crm_desktop.ui import screen
from tests.conftest import ROOT
from tests.ui_helpers import persian_app  # noqa: F401
from tests.ui_helpers import tools_off_the_window as off_the_window

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2025, 4, 1, 10, 30)

# An older wrapper of the screen is held while a parent widget (kept only by a reference cycle)
# is asked for its screen; both are then collected, the screen's wrapper first, as in the suite.
COLLECTED_PARENT = textwrap.dedent("""
    import gc
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QLabel, QWidget
    from crm_desktop.ui import screen

    app = QApplication([])
    held = QGuiApplication.primaryScreen()
    gc.collect()
    parent = QWidget()
    parent.cycle = parent
    screen.fit(QWidget(), parent, 1280, 740)
    del held, parent
    gc.collect()
    label = QLabel("برگ چک")
    label.show()
    app.processEvents()
    geometry = label.screen().geometry()
    print(geometry.width(), geometry.height())
""")


def test_a_collected_parent_does_not_take_the_screen_with_it():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-X", "faulthandler", "-c", COLLECTED_PARENT], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["800", "800"]  # the offscreen screen, still there


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as opened:
        yield opened


def open_on(qtbot, office, monkeypatch, width: int, height: int):
    from crm_desktop.cheque_print.views.designer import DesignerWindow

    monkeypatch.setattr(screen, "available_width", lambda parent: width)
    monkeypatch.setattr(screen, "available_height", lambda parent: height)
    window = DesignerWindow(office)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_on_a_1024_by_600_netbook_every_tool_is_on_the_window(qtbot, office, monkeypatch):
    window = open_on(qtbot, office, monkeypatch, 1024, 600)
    assert window.width() <= 1024 - screen.FRAME_ROOM and window.height() <= 600 - screen.TITLE_BAR_ROOM
    assert off_the_window(window) == []
    assert window.values.isVisible() and window.calibrate_action.isEnabled()
    assert window.toolBarBreak(window.preview_bar)  # the preview and the printer on a second row
    # the whole leaf is scaled into the view, no scrolling needed; the warnings stay in sight
    scroll = window.view.scroll
    assert scroll.horizontalScrollBar().maximum() == 0 and scroll.verticalScrollBar().maximum() == 0
    assert window.view.fitting and window.warnings.isVisible() and window.warnings.height() >= 40
    assert window.zoom_label.text().startswith("بزرگ‌نمایی")


def test_on_a_roomy_screen_the_designer_keeps_its_size_and_one_toolbar_row(qtbot, office, monkeypatch):
    window = open_on(qtbot, office, monkeypatch, 1920, 1040)
    assert (window.width(), window.height()) == (1280, 740)
    assert off_the_window(window) == []
    assert not window.toolBarBreak(window.preview_bar)
    assert window.preview_bar.y() == window.toolbar.y()


def test_a_1366_laptop_keeps_the_width_and_fits_the_height(qtbot, office, monkeypatch):
    window = open_on(qtbot, office, monkeypatch, 1366, 728)  # 768 less a 40 px taskbar
    assert (window.width(), window.height()) == (1280, 728 - screen.TITLE_BAR_ROOM)
    assert off_the_window(window) == []


def test_narrowing_the_window_wraps_the_toolbars_and_widening_joins_them(qtbot, office, monkeypatch):
    window = open_on(qtbot, office, monkeypatch, 1920, 1040)
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.toolBarBreak(window.preview_bar))
    qtbot.waitUntil(lambda: off_the_window(window) == [])
    window.resize(1280, 740)
    qtbot.waitUntil(lambda: not window.toolBarBreak(window.preview_bar))
    qtbot.waitUntil(lambda: window.preview_bar.y() == window.toolbar.y())
    assert shiboken6.isValid(window.values)
