"""Persian message boxes: texts, buttons, direction, and the hook that keeps tests unblocked."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.ui import dialogs
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


def button_texts(box):
    return sorted(b.text() for b in box.buttons())


def clicking(object_name, seen):
    def hook(box):
        seen.append(box)
        box.findChild(QPushButton, object_name).click()

    return hook


def test_confirm_yes_and_no(monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.yes", seen))
    assert dialogs.confirm(None, "این مخاطب حذف شود؟", title="حذف") is True
    box = seen[0]
    assert box.text() == "این مخاطب حذف شود؟" and box.windowTitle() == "حذف"
    assert button_texts(box) == sorted(["بله", "خیر"])
    assert box.layoutDirection() == Qt.RightToLeft
    assert box.defaultButton().text() == "خیر"  # Enter never deletes by accident
    assert box.escapeButton().text() == "خیر"
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.no", seen))
    assert dialogs.confirm(None, "ادامه می‌دهید؟") is False


def test_confirm_closed_without_a_button_is_no(monkeypatch):
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)
    assert dialogs.confirm(None, "؟") is False


def test_confirm_with_other_texts():
    box = dialogs.build_confirm(None, "ذخیره نشده است.", yes_text="تأیید", no_text="انصراف", default_yes=True)
    assert button_texts(box) == sorted(["تأیید", "انصراف"])
    assert box.defaultButton().text() == "تأیید"
    box.deleteLater()


def test_show_error_shows_the_persian_message(monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.ok", seen))
    dialogs.show_error(None, ValidationError("bad date", "تاریخ: اسفند ۱۴۰۴ فقط ۲۹ روز دارد.", "تاریخ"))
    box = seen[0]
    assert box.text() == "تاریخ: اسفند ۱۴۰۴ فقط ۲۹ روز دارد."
    assert box.windowTitle() == "خطا" and box.icon() == QMessageBox.Critical
    assert button_texts(box) == ["تأیید"]
    assert box.detailedText() == ""
    dialogs.show_error(None, "پرونده باز نشد.")
    assert seen[1].text() == "پرونده باز نشد."


def test_an_unexpected_error_gets_a_generic_persian_message_with_details(monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.ok", seen))
    try:
        {}["missing"]
    except KeyError as error:
        dialogs.show_error(None, error)
    box = seen[0]
    assert box.text() == dialogs.UNEXPECTED_FA
    assert "KeyError" in box.detailedText()


def test_show_info(monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.ok", seen))
    dialogs.show_info(None, "پشتیبان گرفته شد.", title="پشتیبان")
    assert seen[0].text() == "پشتیبان گرفته شد." and seen[0].windowTitle() == "پشتیبان"
    assert seen[0].icon() == QMessageBox.Information


def test_the_real_modal_loop_answers_to_a_click(qtbot, monkeypatch):
    """Without the hook: the box really runs modally and a click on «بله» ends it."""
    monkeypatch.setattr(dialogs, "exec_hook", dialogs._default_exec)

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.findChild(QPushButton, "dialog.yes").click()

    QTimer.singleShot(50, answer)
    assert dialogs.confirm(None, "خروج؟") is True


def test_user_error_keeps_its_persian_text():
    assert dialogs.error_message(UserError("disk full", "دیسک پر است.")) == ("دیسک پر است.", None)


def test_a_path_in_a_persian_message_keeps_its_parts_in_order():
    """«/tmp/crm_desktop-printouts/چک‌ها 1405-09-10 185546.pdf» in a right-to-left message: with one
    isolate around it the date's groups were laid out «10-09-1405» and moved before the name."""
    from bidi import get_display

    marks = {"\u2066", "\u2067", "\u2068", "\u2069"}

    def visual(text):
        return "".join(ch for ch in get_display(text, base_dir="R") if ch not in marks)

    name = "/tmp/crm_desktop-printouts/چک‌ها 1405-09-10 185546.pdf"
    shown = visual(f"گزارش در این فایل ذخیره شد: {dialogs.path_text(name)}")
    assert "/tmp/crm_desktop-printouts/" in shown and " 1405-09-10 185546.pdf" in shown
    assert shown.index("/tmp/") < shown.index("1405-09-10")  # the folder first, left to right
    assert dialogs.path_text("/home/a/b.xlsx") == "\u2066/home/a/b.xlsx\u2069"
