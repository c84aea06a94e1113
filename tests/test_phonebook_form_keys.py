"""The contact form from the keyboard and on a small screen: it opens with the cursor in «نام»
(«نام سازمان» for an organisation), Tab walks the form in reading order — each phone, e-mail
and address row inside its own section, rows added or removed later too — with «ذخیره» and
«انصراف» last, and the form (and the main window) fit a 1024 × 600 screen with «ذخیره» on it."""

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from crm_desktop.office import Office
from crm_desktop.phonebook import model
from crm_desktop.phonebook.views.contact_dialog import ContactDialog
from crm_desktop.ui import dialogs, screen
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
CLOCK = lambda: datetime(2026, 11, 23, 10, 30)  # noqa: E731


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: print("UNANSWERED BOX:", box.text()))


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    yield office
    office.close()


@pytest.fixture
def roomy_screen(monkeypatch):
    """A 1920 × 1040 desktop (whatever screen the tests run on)."""
    monkeypatch.setattr(screen, "available_width", lambda parent: 1920)
    monkeypatch.setattr(screen, "available_height", lambda parent: 1040)


def opened(qtbot, office, contact_id=None, **options) -> ContactDialog:
    """The form shown and active, as after Ctrl+N or Enter on a row."""
    dialog = ContactDialog(office, contact_id, clock=CLOCK, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def name_of(widget) -> str:
    """A Tab stop as the tests name it: its objectName, «✕ <row>» for a row's remove button."""
    if widget.objectName():
        return widget.objectName()
    if widget.toolTip() == "حذف این ردیف":
        return f"✕ {widget.parentWidget().objectName()}"
    return type(widget).__name__


def tabbing(count: int, key=Qt.Key_Tab) -> list[str]:
    """Press Tab ``count`` times from where the cursor is; the names of the widgets reached."""
    reached = []
    for _ in range(count):
        QTest.keyClick(QApplication.focusWidget(), key)
        reached.append(name_of(QApplication.focusWidget()))
    return reached


def add_person(office, **values) -> int:
    contact = model.normalised(model.Contact(first_name="علی", last_name="رضایی",
                                             phones=[model.Phone("09121234567")], **values))
    return office.phonebook.add(contact)


# --- where the cursor starts ---------------------------------------------------------------------
def test_a_new_contact_opens_with_the_cursor_in_first_name_and_typing_goes_there(qtbot, office):
    dialog = opened(qtbot, office)
    assert QApplication.focusWidget() is dialog.first_name
    type_text(QApplication.focusWidget(), "نادر")
    assert dialog.first_name.text() == "نادر"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    type_text(QApplication.focusWidget(), "آذری")
    assert dialog.last_name.text() == "آذری"


def test_a_new_organisation_opens_with_the_cursor_in_its_name(qtbot, office):
    dialog = opened(qtbot, office, prefill=model.Contact(kind=model.ORGANISATION))
    assert dialog.form.labelForField(dialog.organisation).text() == "نام سازمان:"
    assert QApplication.focusWidget() is dialog.organisation
    type_text(QApplication.focusWidget(), "داروخانه نظری")
    assert dialog.organisation.text() == "داروخانه نظری"


def test_a_stored_contact_opens_in_first_name_with_the_cursor_after_it_not_over_it(qtbot, office):
    """Selected whole (as Tab selects), one key typed by mistake would have replaced the name."""
    dialog = opened(qtbot, office, add_person(office))
    assert QApplication.focusWidget() is dialog.first_name
    assert not dialog.first_name.hasSelectedText()
    assert dialog.first_name.cursorPosition() == len("علی")


def test_a_stored_organisation_opens_in_its_name(qtbot, office):
    contact_id = office.phonebook.add(model.normalised(model.Contact(kind=model.ORGANISATION,
                                                                     organisation="بیمه پارسیان")))
    dialog = opened(qtbot, office, contact_id)
    assert QApplication.focusWidget() is dialog.organisation
    assert not dialog.organisation.hasSelectedText()
