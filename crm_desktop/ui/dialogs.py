"""Persian message boxes: confirm (بله / خیر), error and info (تأیید), right to left.

Each ``build_*`` function returns the ready QMessageBox without showing it; ``confirm``,
``show_error`` and ``show_info`` build one and hand it to ``exec_hook`` (default: ``box.exec()``).
Tests replace the hook (``monkeypatch.setattr(dialogs, "exec_hook", fn)``) with a function that
looks at the box and clicks a button, so no test ever blocks on a modal loop.
"""

from __future__ import annotations

import logging
import traceback
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from crm_desktop.core.text import path_text  # noqa: F401 - the views' way to show a path
from crm_desktop.errors import UserError

log = logging.getLogger(__name__)

YES_TEXT = "بله"
NO_TEXT = "خیر"
OK_TEXT = "تأیید"
CANCEL_TEXT = "انصراف"

CONFIRM_TITLE = "تأیید"
ERROR_TITLE = "خطا"
INFO_TITLE = "پیام"
UNEXPECTED_FA = "خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات را برای پشتیبانی بفرستید."


LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"


def _default_exec(box: QMessageBox) -> None:
    box.exec()


#: Runs a built box modally. Replace it in tests with ``fn(box)`` that clicks a button.
exec_hook: Callable[[QMessageBox], None] = _default_exec


def _base_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("dialog.message")
    box.setLayoutDirection(Qt.RightToLeft)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.PlainText)
    box.setText(text)
    return box


def build_confirm(
    parent: QWidget | None,
    text: str,
    title: str = CONFIRM_TITLE,
    *,
    yes_text: str = YES_TEXT,
    no_text: str = NO_TEXT,
    default_yes: bool = False,
    informative: str | None = None,
) -> QMessageBox:
    """A question with a Yes and a No button (objectNames ``dialog.yes`` / ``dialog.no``).
    Enter presses the default button (No unless ``default_yes``); Esc is always No."""
    box = _base_box(parent, QMessageBox.Question, title, text)
    if informative:
        box.setInformativeText(informative)
    yes = box.addButton(yes_text, QMessageBox.YesRole)
    yes.setObjectName("dialog.yes")
    no = box.addButton(no_text, QMessageBox.NoRole)
    no.setObjectName("dialog.no")
    box.setDefaultButton(yes if default_yes else no)
    box.setEscapeButton(no)
    return box


def confirm(parent: QWidget | None, text: str, title: str = CONFIRM_TITLE, **options) -> bool:
    """Ask a yes/no question; True only when the operator chose Yes."""
    box = build_confirm(parent, text, title, **options)
    exec_hook(box)
    clicked = box.clickedButton()
    return clicked is not None and clicked.objectName() == "dialog.yes"


def error_message(error: BaseException | str) -> tuple[str, str | None]:
    """(Persian text, details or None) for an error: a UserError's ``.fa``; for anything else a
    generic Persian sentence with the traceback as details."""
    if isinstance(error, str):
        return error, None
    if isinstance(error, UserError):
        return error.fa, None
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return UNEXPECTED_FA, details


def build_error(parent: QWidget | None, error: BaseException | str, title: str = ERROR_TITLE) -> QMessageBox:
    text, details = error_message(error)
    box = _base_box(parent, QMessageBox.Critical, title, text)
    if details:
        box.setDetailedText(details)
    ok = box.addButton(OK_TEXT, QMessageBox.AcceptRole)
    ok.setObjectName("dialog.ok")
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    return box


def delete_confirmed(parent: QWidget | None, ids, question: str, title: str, delete_one) -> bool:
    """Ask «حذف / انصراف» about ``ids``; on «حذف», ``delete_one(id)`` for each, showing an error
    (Persian) that stops it. False when nothing was asked or the operator said no."""
    if not ids or not confirm(parent, question, title, yes_text="حذف", no_text="انصراف"):
        return False
    try:
        for record_id in ids:
            delete_one(record_id)
    except Exception as error:  # noqa: BLE001 - the operator sees why
        show_error(parent, error)
    return True


def show_error(parent: QWidget | None, error: BaseException | str, title: str = ERROR_TITLE) -> None:
    """Show an error: a UserError shows its Persian ``.fa``; any other exception is logged and
    shown as a generic Persian message with the traceback under «جزئیات»."""
    if isinstance(error, BaseException) and not isinstance(error, UserError):
        log.error("unexpected error shown to the operator", exc_info=(type(error), error, error.__traceback__))
    exec_hook(build_error(parent, error, title))


def build_info(parent: QWidget | None, text: str, title: str = INFO_TITLE) -> QMessageBox:
    box = _base_box(parent, QMessageBox.Information, title, text)
    ok = box.addButton(OK_TEXT, QMessageBox.AcceptRole)
    ok.setObjectName("dialog.ok")
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    return box


def show_info(parent: QWidget | None, text: str, title: str = INFO_TITLE) -> None:
    exec_hook(build_info(parent, text, title))
