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


# --- the Tab order -------------------------------------------------------------------------------
PHONE_0 = ["contact.phone.0.kind", "contact.phone.0.number.edit", "contact.phone.0.ext", "✕ contact.phone.0"]
EMAIL_0 = ["contact.email.0.address.edit", "✕ contact.email.0"]
ADDRESS_0 = ["contact.address.0.province", "contact.address.0.city", "contact.address.0.street",
             "contact.address.0.postal_code.edit", "✕ contact.address.0"]
ROWS = (PHONE_0 + ["contact.phones.add"] + EMAIL_0 + ["contact.emails.add"] + ADDRESS_0
        + ["contact.addresses.add"])


def test_tab_visits_each_row_in_its_own_section_and_save_and_cancel_last(qtbot, office):
    office.phonebook.add_group("مشتریان")
    office.phonebook.add_field(model.CustomField("رده", "choice", ["طلایی"]))
    dialog = opened(qtbot, office)
    dialog.website.setFocus()
    assert tabbing(len(ROWS) + 6) == ROWS + ["contact.groups", "contact.custom.1", "contact.note",
                                             "contact.save", "contact.cancel", "contact.kind.person"]
    assert name_of(QApplication.focusWidget()) == "contact.kind.person"  # round to the top, not into a row


def test_shift_tab_walks_the_rows_backwards(qtbot, office):
    dialog = opened(qtbot, office)
    dialog.addresses.add_button.setFocus()
    assert tabbing(len(ROWS) - 1, Qt.Key_Backtab) == list(reversed(ROWS[:-1]))
    assert tabbing(1, Qt.Key_Backtab) == ["contact.website"]


def test_a_stored_contact_tabs_through_the_form_then_its_notes_log_then_save(qtbot, office):
    dialog = opened(qtbot, office, add_person(office, emails=["ali@example.com"]))
    dialog.note.setFocus()
    reached = []
    while not reached or reached[-1] != "contact.cancel" and len(reached) < 30:
        reached += tabbing(1)
    assert reached[:5] == ["notes.list", "notes.kind", "notes.when.edit", "notes.text", "notes.add"]
    assert reached[-2:] == ["contact.save", "contact.cancel"]  # after the log and the boxes under it
    assert not [name for name in reached if name.startswith(("contact.phone", "contact.email", "✕"))]
    dialog.website.setFocus()
    assert tabbing(len(ROWS)) == ROWS


def test_a_phone_row_added_from_the_keyboard_tabs_on_to_its_section_not_to_the_top(qtbot, office):
    dialog = opened(qtbot, office)
    add = dialog.findChild(QPushButton, "contact.phones.add")
    add.setFocus()
    QTest.keyClick(add, Qt.Key_Space)
    assert len(dialog.phones.rows) == 2
    assert name_of(QApplication.focusWidget()) == "contact.phone.1.number.edit"  # the cursor in the new number
    assert tabbing(4) == ["contact.phone.1.ext", "✕ contact.phone.1", "contact.phones.add",
                          "contact.email.0.address.edit"]
    dialog.website.setFocus()
    assert tabbing(10) == PHONE_0 + ["contact.phone.1.kind", "contact.phone.1.number.edit", "contact.phone.1.ext",
                                     "✕ contact.phone.1", "contact.phones.add", "contact.email.0.address.edit"]


def test_removing_a_row_keeps_the_order_of_the_rest(qtbot, office):
    dialog = opened(qtbot, office)
    for _ in range(2):
        dialog.phones.add_button.click()
    dialog.phones.rows[1].remove_button.click()  # the middle one of three
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "contact.phone.1.ext") is None)  # deleted
    dialog.website.setFocus()
    assert tabbing(10) == PHONE_0 + ["contact.phone.2.kind", "contact.phone.2.number.edit", "contact.phone.2.ext",
                                     "✕ contact.phone.2", "contact.phones.add", "contact.email.0.address.edit"]
    dialog.phones.rows[0].remove_button.click()
    dialog.phones.rows[0].remove_button.click()  # the last one: a blank row takes its place
    dialog.website.setFocus()
    assert tabbing(6) == ["contact.phone.3.kind", "contact.phone.3.number.edit", "contact.phone.3.ext",
                          "✕ contact.phone.3", "contact.phones.add", "contact.email.0.address.edit"]
    dialog.cancel_button.setFocus()
    assert tabbing(1) == ["contact.kind.person"]


def test_typing_through_a_new_contact_with_tab_stores_what_was_typed(qtbot, office):
    """Name, then Tab down to the mobile (past the fields of a person left empty) and «ذخیره»."""
    dialog = opened(qtbot, office)
    type_text(QApplication.focusWidget(), "نادر")
    dialog.website.setFocus()
    QTest.keyClick(dialog.website, Qt.Key_Tab)  # the kind: «همراه»
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    type_text(QApplication.focusWidget(), "۰۹۱۲۱۲۳۴۵۶۷")
    assert dialog.save() is not None
    stored = office.phonebook.get(dialog.contact_id)
    assert stored.first_name == "نادر" and [p.national for p in stored.phones] == ["09121234567"]


# --- the size on a small screen ------------------------------------------------------------------
def small_screen(monkeypatch):
    """A 1024 × 600 netbook: the whole screen free for windows."""
    monkeypatch.setattr(screen, "available_width", lambda parent: 1024)
    monkeypatch.setattr(screen, "available_height", lambda parent: 600)


def save_is_inside(dialog) -> bool:
    corner = dialog.save_button.mapTo(dialog, QPoint(dialog.save_button.width(), dialog.save_button.height()))
    return dialog.save_button.isVisible() and 0 < corner.x() <= dialog.width() and 0 < corner.y() <= dialog.height()


@pytest.mark.parametrize("stored", [False, True], ids=["new", "stored"])
def test_the_form_fits_a_1024_by_600_screen_with_save_on_it(qtbot, office, monkeypatch, stored):
    small_screen(monkeypatch)
    dialog = opened(qtbot, office, add_person(office) if stored else None)
    assert dialog.width() <= 1024 - screen.FRAME_ROOM and dialog.height() <= 600 - screen.TITLE_BAR_ROOM
    assert save_is_inside(dialog) and dialog.save_button.text() == "ذخیره"
    assert dialog.scroll.verticalScrollBar().maximum() > 0  # the rest of the form: by scrolling
    province = dialog.addresses.rows[0].province
    assert province.mapTo(dialog.scroll.viewport(), QPoint(0, 0)).y() > dialog.scroll.viewport().height()
    dialog.emails.add_button.setFocus()  # Tab to a field below the fold scrolls it into view
    QTest.keyClick(dialog.emails.add_button, Qt.Key_Tab)
    assert QApplication.focusWidget() is province
    top = province.mapTo(dialog.scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + province.height() <= dialog.scroll.viewport().height()


@pytest.mark.parametrize("stored, size", [(False, (660, 720)), (True, (1080, 720))], ids=["new", "stored"])
def test_on_a_roomy_screen_the_form_keeps_its_size(qtbot, office, roomy_screen, stored, size):
    dialog = opened(qtbot, office, add_person(office) if stored else None)
    assert (dialog.width(), dialog.height()) == size


def test_the_main_window_fits_a_1024_by_600_screen_and_keeps_its_size_on_a_roomy_one(qtbot, office, monkeypatch):
    from crm_desktop.shell.events import OfficeEvents
    from crm_desktop.shell.main_window import MainWindow

    small_screen(monkeypatch)
    events = OfficeEvents(office)
    window = MainWindow(office, events, clock=CLOCK)
    qtbot.addWidget(window)
    assert window.width() <= 1024 - screen.FRAME_ROOM and window.height() <= 600 - screen.TITLE_BAR_ROOM
    window.show()
    qtbot.waitExposed(window)
    date = window.findChild(type(window.date_label), "status.date")
    assert date.isVisible() and date.mapTo(window, QPoint(0, date.height())).y() <= window.height()

    monkeypatch.setattr(screen, "available_width", lambda parent: 1920)
    monkeypatch.setattr(screen, "available_height", lambda parent: 1040)
    roomy = MainWindow(office, events, clock=CLOCK)
    qtbot.addWidget(roomy)
    assert (roomy.width(), roomy.height()) == (1100, 720)
