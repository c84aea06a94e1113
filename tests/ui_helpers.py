"""Helpers for the UI tests: the app set up like app.py does (RTL, Persian locale, Vazirmatn),
and typing Persian text without qtbot.keyClicks (which aborts on non-ASCII characters)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


@pytest.fixture
def persian_app(qapp):
    """The QApplication right to left with the Persian (Iran) locale and the bundled fonts,
    as app.py sets it once. Locale and font are restored afterwards; the direction stays right
    to left once set: Qt sends a direction change to every widget still alive, and flipping it
    back and forth for each test crashed PySide6 (SIGSEGV in setLayoutDirection) once enough
    earlier tests' widgets were waiting to be deleted."""
    from crm_desktop.ui.fonts import load_bundled_fonts, ui_font

    old_locale = QLocale()
    old_font = qapp.font()
    if qapp.layoutDirection() != Qt.RightToLeft:
        qapp.setLayoutDirection(Qt.RightToLeft)
    QLocale.setDefault(QLocale(QLocale.Persian, QLocale.Iran))
    load_bundled_fonts()
    qapp.setFont(ui_font(10))
    from crm_desktop.ui import input_manners

    input_manners.install(qapp)  # as app.setup_application does
    yield qapp
    qapp.setFont(old_font)
    QLocale.setDefault(old_locale)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` one character at a time, as a keyboard with a Persian layout would."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QKeyEvent.KeyPress, Qt.Key_unknown, Qt.NoModifier, ch))
        QApplication.sendEvent(widget, QKeyEvent(QKeyEvent.KeyRelease, Qt.Key_unknown, Qt.NoModifier, ch))


def press(widget: QWidget, key, modifiers=Qt.NoModifier, text: str = "") -> None:
    QApplication.sendEvent(widget, QKeyEvent(QKeyEvent.KeyPress, key, modifiers, text))
    QApplication.sendEvent(widget, QKeyEvent(QKeyEvent.KeyRelease, key, modifiers, text))


def finish_editing(line_edit) -> None:
    """What pressing Enter does: editingFinished on a QLineEdit."""
    press(line_edit, Qt.Key_Return)



def answer_yes(monkeypatch) -> list[str]:
    """Answer every Persian message box «بله» / «تأیید» and keep their texts (returned list)."""
    from PySide6.QtWidgets import QMessageBox

    from crm_desktop.ui import dialogs

    seen: list[str] = []

    def hook(box: QMessageBox) -> None:
        seen.append(box.text())
        for button in box.buttons():
            if box.buttonRole(button) in (QMessageBox.YesRole, QMessageBox.AcceptRole):
                button.click()
                return

    monkeypatch.setattr(dialogs, "exec_hook", hook)
    return seen


def answer_name_prompt(monkeypatch, *answers) -> list:
    """The operator at ui.name_prompt: types each answer over what the line holds and presses
    «تأیید»; when the answers run out with the prompt still open, «انصراف». Returns what was seen:
    the line as the prompt opened, then after each «تأیید» (prompt still open, reason shown, line)."""
    from crm_desktop.ui import name_prompt

    seen = []

    def operator(prompt):
        prompt.show()
        seen.append(prompt.edit.text())
        for answer in answers:
            prompt.edit.clear()
            type_text(prompt.edit, answer)
            prompt.ok_button.click()
            seen.append((prompt.isVisible(), prompt.shown_error(), prompt.edit.text()))
            if not prompt.isVisible():
                return
        prompt.cancel_button.click()

    monkeypatch.setattr(name_prompt, "exec_hook", operator)
    return seen


def tools_off_the_window(window: QWidget, root: QWidget | None = None) -> list[str]:
    """The tools on the toolbars under ``root`` (default: the window) that the operator cannot see
    and click inside ``window``: a toolbar's » menu showing, a button hidden or cut by the edge."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    missing = []
    for bar in (root or window).findChildren(QToolBar):
        extension = bar.findChild(QToolButton, "qt_toolbarext_button")
        if extension is not None and extension.isVisible():
            missing.append(f"{bar.objectName()}: »")
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if action.isSeparator() or widget is None or not action.isVisible():
                continue
            corner = widget.mapTo(window, widget.rect().topLeft())
            box = widget.rect().translated(corner)
            if not widget.isVisible() or not window.rect().contains(box):
                missing.append(action.text() or widget.objectName() or type(widget).__name__)
    return missing
