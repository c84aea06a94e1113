"""The cheque tab as the operator meets it, on a real database: the rows and the footer totals
per status follow the filters; the quick views «سررسید این هفته» and «سررسید گذشته»; recording a
cheque through the form (digits typed in Persian, the amount in words, the due alert made); bad
Sayad ID, Sheba and national ID each get their Persian message under their field and nothing is
stored; a status step offers only what follows and asks for what it needs; undo; the cheque
books' leaves; a contact's card with a bounced cheque marked; a due alert's «باز کردن»."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from crm_desktop.cheques.model import Cheque, ChequeBook
from crm_desktop.phonebook.model import Contact
from crm_desktop.ui import dialogs
from tests.ui_helpers import answer_yes as answering, persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2025, 4, 1, 10, 30)  # سه‌شنبه ۱۲ فروردین ۱۴۰۴
TODAY = NOW.date()
SAYAD = "1234567890123456"


@pytest.fixture(autouse=True)
def answer_yes(monkeypatch):
    """Message boxes answered «بله» / «تأیید»; their texts kept."""
    return answering(monkeypatch)


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def people(office):
    add = office.phonebook.add
    return {"ali": add(Contact(first_name="علی", last_name="رضایی")),
            "sara": add(Contact(first_name="سارا", last_name="احمدی", national_code="0013542419")),
            "reza": add(Contact(first_name="رضا", last_name="کریمی"))}


def received(n: int, drawer: int, due: date, amount: int = 10_000_000, **more) -> Cheque:
    return Cheque(direction="received", sayad_id=str(1000_0000_0000_0000 + n), serial=str(700000 + n), bank="melli",
                  amount=amount, due_date=due, drawer_id=drawer, **more)


def paid(n: int, payee: int, due: date, amount: int = 20_000_000) -> Cheque:
    return Cheque(direction="paid", sayad_id=str(2000_0000_0000_0000 + n), serial=str(800000 + n), bank="mellat",
                  amount=amount, due_date=due, payee_id=payee)


@pytest.fixture
def tab(qtbot, office):
    from crm_desktop.cheques.view import ChequesTab
    from crm_desktop.shell.events import OfficeEvents

    widget = ChequesTab(office, OfficeEvents(office), None, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def shown(tab, column: str) -> list[str]:
    index = tab.model.column_index(column)
    return [tab.model.index(row, index).data() for row in range(tab.model.rowCount())]


def settle(qtbot, tab):
    """The filter bar folds a burst of edits into one change on the next turn of the loop."""
    qtbot.waitUntil(lambda: not tab.filters._emit.isActive(), timeout=2000)


def test_rows_and_footer_totals_follow_the_filters(qtbot, office, people, tab):
    repo = office.cheques
    a = repo.add(received(1, people["ali"], TODAY + timedelta(days=3), 12_500_000))
    b = repo.add(received(2, people["sara"], TODAY - timedelta(days=5), 7_000_000))
    repo.add(paid(3, people["reza"], TODAY + timedelta(days=20), 30_000_000))
    repo.set_status(b, "deposited", account="جاری ملت ۱۲۳")
    repo.set_status(b, "bounced", reason="کسری موجودی")
    assert tab.model.rowCount() == 3
    assert shown(tab, "due") == ["۱۴۰۴/۰۱/۰۷", "۱۴۰۴/۰۱/۱۵", "۱۴۰۴/۰۲/۰۱"]  # soonest first
    assert shown(tab, "amount") == ["۷٬۰۰۰٬۰۰۰", "۱۲٬۵۰۰٬۰۰۰", "۳۰٬۰۰۰٬۰۰۰"]
    assert shown(tab, "status") == ["برگشت خورده", "نزد صندوق", "صادر شده"]
    assert shown(tab, "counterparty") == ["سارا احمدی", "علی رضایی", "رضا کریمی"]
    texts = tab.footer.texts()
    assert "۳" in texts["cheques.footer.total"] and "۴۹٬۵۰۰٬۰۰۰" in texts["cheques.footer.total"]
    assert texts["cheques.footer.received.bounced"].startswith("دریافتی – برگشت خورده:")
    assert "۷٬۰۰۰٬۰۰۰" in texts["cheques.footer.received.bounced"]

    tab.filters.direction.setCurrentIndex(tab.filters.direction.findData("received"))
    settle(qtbot, tab)
    assert tab.model.rowCount() == 2
    assert "۱۹٬۵۰۰٬۰۰۰" in tab.footer.texts()["cheques.footer.total"]
    assert "cheques.footer.paid.issued" not in tab.footer.texts()

    type_text(tab.filters.search, "۷۰۰۰۰۱")  # a part of the serial, in Persian digits
    tab.filters.search.flush()
    settle(qtbot, tab)
    assert [r.id for r in tab.rows()] == [a]

    tab.filters.clear()
    settle(qtbot, tab)
    assert tab.model.rowCount() == 3
    tab.filters.amount_min.setValue(10_000_000)
    settle(qtbot, tab)
    assert shown(tab, "amount") == ["۱۲٬۵۰۰٬۰۰۰", "۳۰٬۰۰۰٬۰۰۰"]


def test_quick_views_due_this_week_and_overdue(qtbot, office, people, tab):
    repo = office.cheques
    soon = repo.add(received(1, people["ali"], TODAY + timedelta(days=2)))
    late = repo.add(paid(2, people["sara"], TODAY - timedelta(days=3)))
    cleared = repo.add(received(3, people["reza"], TODAY - timedelta(days=1)))
    repo.set_status(cleared, "deposited", account="A")
    repo.set_status(cleared, "cleared")
    repo.add(received(4, people["ali"], TODAY + timedelta(days=30)))
    tab.filters.week_button.click()
    settle(qtbot, tab)
    assert [r.id for r in tab.rows()] == [soon]
    tab.filters.overdue_button.click()
    settle(qtbot, tab)
    assert [r.id for r in tab.rows()] == [late]  # the cleared one is not waiting any more

    colour = tab.model.index(0, 0).data(Qt.ForegroundRole).color().name()
    assert colour == "#b45309"  # overdue: orange


def open_form(qtbot, office, cheque_id=None, **options):
    from crm_desktop.cheques.views.cheque_dialog import ChequeDialog

    dialog = ChequeDialog(office, cheque_id, None, clock=lambda: NOW, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def typed(field, text):
    edit = getattr(field, "edit", field)
    edit.clear()
    type_text(edit, text)
    edit.editingFinished.emit()


def fill_received(dialog, people):
    typed(dialog.sayad, "۱۲۳۴ ۵۶۷۸ ۹۰۱۲ ۳۴۵۶")
    typed(dialog.serial, "۰۰۱۲۳۴")
    dialog.bank.setCurrentIndex(dialog.bank.findData("melli"))
    typed(dialog.amount, "۱۲۵۰۰۰۰۰")
    typed(dialog.due_date, "۱۴۰۴/۰۲/۰۱")
    dialog.drawer.set_contact_id(people["ali"])
    typed(dialog.purpose, "فروش کالا")


def test_recording_a_received_cheque_through_the_form(qtbot, office, people, tab):
    dialog = open_form(qtbot, office, direction="received")
    assert dialog.windowTitle() == "ثبت چک دریافتی"
    assert dialog.issue_date.text() == "۱۴۰۴/۰۱/۱۲"  # today
    assert not dialog.form.isRowVisible(dialog.book_row)  # cheque books are for paid cheques
    fill_received(dialog, people)
    assert dialog.amount.edit.text() == "۱۲٬۵۰۰٬۰۰۰"
    assert dialog.amount.words() == "دوازده میلیون و پانصد هزار ریال"
    cheque_id = dialog.save()
    assert cheque_id is not None
    stored = office.cheques.get(cheque_id)
    assert (stored.sayad_id, stored.serial, stored.amount, stored.due_date, stored.status) == (
        SAYAD, "001234", 12_500_000, date(2025, 4, 21), "in_hand")
    assert tab.model.rowCount() == 1 and shown(tab, "status") == ["نزد صندوق"]
    reminder = office.reminders.get(office.reminders.find_for_source("cheque", cheque_id))
    assert reminder.subject == "سررسید چک دریافتی ۱۲٬۵۰۰٬۰۰۰ ریال از علی رضایی"


@pytest.mark.parametrize("field, text, fragment", [
    ("sayad", "۱۲۳۴۵", "شناسه صیادی"),
    ("sheba", "IR123", "شبا"),
    ("payee_national_id", "۱۲۳۴۵۶۷۸۹۰", "کد/شناسه ملی گیرنده"),
])
def test_a_bad_number_gets_its_message_under_its_field_and_nothing_is_stored(qtbot, office, people, field, text,
                                                                            fragment):
    dialog = open_form(qtbot, office, direction="received")
    fill_received(dialog, people)
    typed(getattr(dialog, field), text)
    assert dialog.save() is None
    key = {"sayad": "sayad_id", "sheba": "sheba", "payee_national_id": "payee_national_id"}[field]
    label = dialog.errors[key]
    assert label.isVisibleTo(dialog) and fragment in label.text()
    assert dialog.banner.isVisibleTo(dialog)
    assert office.conn.execute("SELECT count(*) FROM cheques").fetchone()[0] == 0


def test_a_received_cheque_needs_its_drawer_and_a_due_date(qtbot, office, people):
    dialog = open_form(qtbot, office, direction="received")
    fill_received(dialog, people)
    dialog.drawer.clear()
    assert dialog.save() is None
    assert "صادرکننده" in dialog.drawer.error_text()
    dialog.drawer.set_contact_id(people["ali"])
    typed(dialog.due_date, "")
    assert dialog.save() is None
    assert dialog.due_date.shown_error()
    dialog.guarantee.setChecked(True)  # a guarantee cheque may have no date
    assert dialog.save() is not None
    assert office.cheques.get(dialog.cheque_id).due_date is None


def test_a_status_step_offers_only_what_follows_and_asks_for_what_it_needs(qtbot, office, people):
    from crm_desktop.cheques.views.status_dialog import StatusDialog

    cheque_id = office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=5)))
    dialog = StatusDialog(office, cheque_id, None, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    assert list(dialog.buttons_by_status) == ["deposited", "spent", "returned"]
    assert dialog.on.text() == "۱۴۰۴/۰۱/۱۲"
    dialog.buttons_by_status["deposited"].setChecked(True)
    assert dialog.form.isRowVisible(dialog.account) and not dialog.form.isRowVisible(dialog.reason)
    dialog.save()
    assert dialog.error.isVisibleTo(dialog) and "حساب" in dialog.error.text()
    assert office.cheques.get(cheque_id).status == "in_hand"
    type_text(dialog.account, "جاری ملت ۱۲۳۴")
    dialog.save()
    assert office.cheques.get(cheque_id).status == "deposited"

    bounce = StatusDialog(office, cheque_id, None, clock=lambda: NOW)
    qtbot.addWidget(bounce)
    assert list(bounce.buttons_by_status) == ["cleared", "bounced"]
    bounce.buttons_by_status["bounced"].setChecked(True)
    bounce.reason.setCurrentText("کسری موجودی")
    bounce.save()
    assert office.cheques.get(cheque_id).status == "bounced"
    assert office.reminders.find_for_source("cheque", cheque_id) is None  # no alert for a bounced cheque


def test_history_shows_each_step_and_undo_takes_back_the_last(qtbot, office, people, answer_yes):
    cheque_id = office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=5)))
    office.cheques.set_status(cheque_id, "deposited", account="جاری ملت 271-810-1234567-1", on=date(2025, 4, 2))
    dialog = open_form(qtbot, office, cheque_id)
    assert dialog.history.lines() == ["\u2068۱۴۰۴/۰۱/۱۲\u2069 — ثبت چک",
                                      "\u2068۱۴۰۴/۰۱/۱۳\u2069 — واگذار شده به بانک / در جریان وصول — حساب جاری ملت "
                                      "\u2066۲۷۱-۸۱۰-۱۲۳۴۵۶۷-۱\u2069"]
    assert dialog.history.status_label.text() == "وضعیت: واگذار شده به بانک / در جریان وصول"
    assert dialog.history.undo_last()
    assert "برگردانده شود" in answer_yes[-1]
    assert office.cheques.get(cheque_id).status == "in_hand"
    assert len(dialog.history.lines()) == 1 and not dialog.history.undo_button.isEnabled()


def test_a_final_status_offers_no_step_and_says_why(qtbot, office, people, tab, answer_yes):
    cheque_id = office.cheques.add(paid(1, people["sara"], TODAY + timedelta(days=5)))
    office.cheques.set_status(cheque_id, "void")
    tab.refresh()
    tab.select_cheque(cheque_id)
    assert tab.step_action.isEnabled() and tab.undo_action.isEnabled()  # taking it says why
    assert tab.take_step() is False
    assert "وضعیت پایانی" in answer_yes[-1]


def test_a_paid_cheque_takes_the_next_unused_leaf_of_a_book(qtbot, office, people, answer_yes):
    from crm_desktop.cheques.views.books_dialog import BooksDialog

    book = office.cheques.add_book(ChequeBook(bank="mellat", account_number="0102-345", first_serial="000101",
                                              leaves=5, first_sayad_id="2000000000000001"))
    office.cheques.mark_leaf(book, 1, "lost")
    dialog = open_form(qtbot, office, direction="paid")
    assert dialog.form.isRowVisible(dialog.book_row)
    dialog.book.setCurrentIndex(dialog.book.findData(book))
    assert dialog.serial.text() == "۰۰۰۱۰۲" and not dialog.serial.isEnabled()  # leaf 1 is lost
    assert dialog.sayad.text() == "۲۰۰۰۰۰۰۰۰۰۰۰۰۰۰۲"
    assert "برگ ۲" in dialog.book_hint.text()
    typed(dialog.amount, "۵۰٬۰۰۰٬۰۰۰")
    typed(dialog.due_date, "۱۴۰۴/۰۳/۰۱")
    dialog.payee.set_contact_id(people["sara"])
    assert dialog.payee_national_id.text() == "۰۰۱۳۵۴۲۴۱۹"  # from the phonebook
    cheque_id = dialog.save()
    stored = office.cheques.get(cheque_id)
    assert (stored.book_id, stored.leaf_no, stored.serial, stored.bank) == (book, 2, "000102", "mellat")

    books = BooksDialog(office, None, clock=lambda: NOW)
    qtbot.addWidget(books)
    states = [books.leaves.item(row, 3).text() for row in range(books.leaves.rowCount())]
    assert states == ["مفقود", "صادر شده", "استفاده‌نشده", "استفاده‌نشده", "استفاده‌نشده"]
    assert "صادر شده: ۱" in books.summary.text() and "مفقود: ۱" in books.summary.text()
    books.select_leaf(3)
    assert books.current_leaf()[:2] == (3, "unused"), books.current_leaf()
    assert books.mark("void"), answer_yes
    assert books.leaves.item(2, 3).text() == "باطل"
    books.select_leaf(2)
    assert not books.void_button.isEnabled()  # an issued leaf is not voided here (void the cheque)
    assert office.cheques.next_leaf(book).leaf_no == 4


def test_a_contacts_card_lists_their_cheques_with_the_bounced_one_marked(qtbot, office, people):
    from crm_desktop.cheques.views.contact_cheques import ContactChequesBox

    good = office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=5), 3_000_000))
    bad = office.cheques.add(received(2, people["ali"], TODAY - timedelta(days=5), 9_000_000))
    office.cheques.set_status(bad, "deposited", account="A")
    office.cheques.set_status(bad, "bounced", reason="کسری موجودی")
    office.cheques.add(received(3, people["sara"], TODAY))
    box = ContactChequesBox(office, people["ali"], clock=lambda: NOW)
    qtbot.addWidget(box)
    assert box.summary.text() == "۲ چک، ۱ چک برگشتی"
    assert box.texts() == [
        "\u2068۱۴۰۴/۰۱/۱۷\u2069 — دریافتی \u2068۳٬۰۰۰٬۰۰۰\u2069 ریال — نزد صندوق (صادرکننده)",
        "\u2068۱۴۰۴/۰۱/۰۷\u2069 — دریافتی \u2068۹٬۰۰۰٬۰۰۰\u2069 ریال — برگشت خورده (صادرکننده)"]
    assert box.list.item(1).foreground().color().name() == "#c62828"
    assert good


def test_the_contact_form_opens_on_the_cheques_tab_in_red_when_one_bounced(qtbot, office, people):
    """The contact form keeps most of its side for the notes log; the reminders, cheques and
    files are tabs under it, and a bounced cheque makes its tab the open one, in red."""
    from crm_desktop.phonebook.views.contact_dialog import ContactDialog

    bad = office.cheques.add(received(2, people["ali"], TODAY - timedelta(days=5), 9_000_000))
    office.cheques.set_status(bad, "deposited", account="A")
    office.cheques.set_status(bad, "bounced", reason="کسری موجودی")
    office.cheques.add(received(3, people["sara"], TODAY))
    shown = {}
    for who in ("ali", "sara"):
        dialog = ContactDialog(office, people[who], clock=lambda: NOW)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        tabs = dialog.related
        assert [tabs.tabText(i) for i in range(tabs.count())] == ["یادآوری\u200cها", "چک‌ها", "پرونده‌ها"]
        shown[who] = (tabs.tabText(tabs.currentIndex()), tabs.tabBar().tabTextColor(tabs.currentIndex()).name())
        assert dialog.notes_widget.height() > tabs.height()  # the log keeps the larger share
    assert shown["ali"] == ("چک‌ها", "#c62828")
    assert shown["sara"][0] == "یادآوری\u200cها"


def test_a_due_alerts_open_goes_to_the_cheque(qtbot, db_path, people, office):
    from crm_desktop.app import setup_application
    from crm_desktop.shell.controller import AppController

    cheque_id = office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=5)))
    reminder_id = office.reminders.find_for_source("cheque", cheque_id)
    office.close()
    app = setup_application()
    controller = AppController(app, db_path, clock=lambda: NOW)
    assert controller.start(single_instance=False)
    try:
        cheques = controller.window.tab("cheques")
        opened = []
        cheques._run_dialog = lambda cheque_id=None, **_: opened.append(cheque_id)
        controller.open_reminder(reminder_id)
        assert opened == [cheque_id]
        assert controller.window.tabs.currentWidget().objectName() == "cheques.page"
    finally:
        controller.shutdown()


def test_settings_move_every_due_alert_to_the_new_number_of_days(qtbot, office, people):
    from crm_desktop.shell.settings_dialog import SettingsDialog

    cheque_id = office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=10)))
    reminder_id = office.reminders.find_for_source("cheque", cheque_id)
    assert office.reminders.get(reminder_id).advance == (3 * 1440,)
    dialog = SettingsDialog(office)
    qtbot.addWidget(dialog)
    assert dialog.cheque_days.value() == 3
    dialog.cheque_days.setValue(7)
    dialog.accept()
    assert office.reminders.get(reminder_id).advance == (7 * 1440,)
    assert office.reminders.next_alarm_time() == datetime(2025, 4, 4, 9, 0)  # 7 days before the 11th, 09:00


def inline_runner(monkeypatch):
    from crm_desktop.phonebook.views import list_actions

    monkeypatch.setattr(list_actions, "runner", lambda parent, title, fn, args, done, **kw: done(fn(args, lambda *a: True)))
    return list_actions


def test_print_writes_the_filtered_cheques_to_a_pdf_and_opens_it(qtbot, office, people, tab, monkeypatch):
    list_actions = inline_runner(monkeypatch)
    opened = []
    monkeypatch.setattr(list_actions, "open_file", lambda path: opened.append(path) or True)
    office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=3), 12_500_000))
    office.cheques.add(paid(2, people["sara"], TODAY + timedelta(days=40)))
    tab.filters.direction.setCurrentIndex(tab.filters.direction.findData("received"))
    settle(qtbot, tab)
    job = tab.print_report()
    assert job.query.direction == "received"
    assert opened == [job.path] and job.path.read_bytes().startswith(b"%PDF")


def test_export_writes_the_filtered_cheques_to_excel(qtbot, office, people, tab, monkeypatch, tmp_path, answer_yes):
    import openpyxl

    list_actions = inline_runner(monkeypatch)
    target = tmp_path / "چک‌ها"
    monkeypatch.setattr(list_actions, "ask_save_path", lambda *a: (str(target), "Excel (*.xlsx)"))
    office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=3), 12_500_000))
    job = tab.export()
    assert job.path == tmp_path / "چک‌ها.xlsx" and job.fmt == "xlsx"
    sheet = openpyxl.load_workbook(job.path).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert 12_500_000 in values and "علی رضایی" in values
    assert answer_yes[-1].startswith("۱ چک در این فایل ذخیره شد")


def test_the_home_tab_shows_cheques_due_this_week_and_overdue(qtbot, office, people):
    from crm_desktop.shell.events import OfficeEvents
    from crm_desktop.shell.home_tab import HomeTab

    events = OfficeEvents(office)
    home = HomeTab(office, events, None, clock=lambda: NOW)
    qtbot.addWidget(home)
    assert home.cheques_soon_label.text() == "ندارد" and home.cheques_overdue_label.text() == "ندارد"
    office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=2), 12_500_000))
    office.cheques.add(paid(2, people["sara"], TODAY + timedelta(days=7), 1_000_000))
    office.cheques.add(paid(3, people["sara"], TODAY + timedelta(days=8)))  # next week
    late = office.cheques.add(received(4, people["reza"], TODAY - timedelta(days=1), 3_000_000))
    assert home.cheques_soon_label.text() == "\u200f۲ چک، جمع ۱۳٬۵۰۰٬۰۰۰ ریال"
    assert home.cheques_overdue_label.text() == "\u200f۱ چک، جمع ۳٬۰۰۰٬۰۰۰ ریال"
    office.cheques.set_status(late, "returned")
    assert home.cheques_overdue_label.text() == "ندارد"


# --- as an operator meets it on a real screen ------------------------------------------------------
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def visual(text: str) -> str:
    """The characters left to right as a right-to-left line lays them out (isolate marks dropped)."""
    from bidi import get_display

    return "".join(ch for ch in get_display(text, base_dir="R") if ch not in (LRI, RLI, FSI, PDI))


@pytest.fixture
def active_tab(qtbot, tab):
    from PySide6.QtWidgets import QApplication

    qtbot.waitExposed(tab)
    tab.activateWindow()  # shortcuts and focus need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    return tab


@pytest.mark.parametrize("cheque_id", [None, "existing"])
def test_the_form_keeps_save_on_a_1366_by_768_screen(qtbot, office, people, monkeypatch, cheque_id):
    """820 px asked on a laptop with 728 px under its taskbar put «ذخیره» below the screen's edge."""
    from crm_desktop.ui import screen

    monkeypatch.setattr(screen, "available_height", lambda parent: 728)
    if cheque_id:
        cheque_id = office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=5)))
    dialog = open_form(qtbot, office, cheque_id)
    assert dialog.height() <= 728 - screen.TITLE_BAR_ROOM
    save = dialog.findChild(QPushButton, "cheque.save")
    assert save.isVisible() and save.mapTo(dialog, save.rect().bottomLeft()).y() < dialog.height()
    monkeypatch.setattr(screen, "available_height", lambda parent: 1040)
    assert open_form(qtbot, office, cheque_id).height() == 820  # a big screen: the whole form


def test_the_form_keeps_its_warning_in_sight_while_it_scrolls_to_the_field(qtbot, office, people, monkeypatch):
    from crm_desktop.ui import screen

    monkeypatch.setattr(screen, "available_height", lambda parent: 560)
    dialog = open_form(qtbot, office, direction="received")
    fill_received(dialog, people)
    typed(dialog.payee_national_id, "۱۲۳۴۵۶۷۸۹۰")  # a bad code, low in the form
    assert dialog.save() is None
    assert dialog.scroll.verticalScrollBar().value() > 0  # scrolled down to the field
    assert dialog.banner.visibleRegion().boundingRect().height() == dialog.banner.height()  # not half hidden


def test_the_serial_reads_whole_beside_its_series_and_purposes_have_persian_digits(qtbot, office, people, tab):
    cheque = received(1, people["ali"], TODAY + timedelta(days=5), series="۴۵/ب", purpose="فروش طبق فاکتور ۴۵۶")
    cheque.serial = "555123"
    cheque_id = office.cheques.add(cheque)
    assert tab.model.headerData(tab.model.column_index("serial"), Qt.Horizontal) == "سریال (سری)"
    [cell] = shown(tab, "serial")
    assert "۵۵۵۱۲۳" in visual(cell) and "ب/۴۵" in visual(cell)  # was «۴۵/۵۵۵۱۲۳/ب»: the serial inside the series
    assert shown(tab, "purpose") == ["فروش طبق فاکتور ۴۵۶"]  # stored with 456, never shown so
    assert open_form(qtbot, office, cheque_id).purpose.text() == "فروش طبق فاکتور ۴۵۶"


class FakeForm(QObject):
    saved = Signal(int)

    def __init__(self, save=None):
        super().__init__()
        self._save = save

    def exec(self):
        if self._save is not None:
            self.saved.emit(self._save())
        return 0


def test_after_saving_a_cheque_enter_ctrl_t_and_del_act_on_it(qtbot, office, people, active_tab):
    tab = active_tab
    assert QApplication.focusWidget() is tab.filters.search  # the tab opens in its search line
    office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=9)))
    opened = []
    tab.cheque_dialog_factory = lambda office_, cheque_id, parent, **options: (
        opened.append(cheque_id) or FakeForm(None if cheque_id else
                                             lambda: office.cheques.add(received(2, people["sara"], TODAY))))
    new_id = tab.new_cheque()
    assert tab.current_id() == new_id
    assert QApplication.focusWidget() is tab.table  # so the keys below reach the cheque just saved
    qtbot.keyClick(tab.table, Qt.Key_Return)
    assert opened[-1] == new_id
    qtbot.keyClick(tab.table, Qt.Key_Delete)
    assert office.cheques.get(new_id) is None


def test_ctrl_t_on_a_finished_cheque_says_why_there_is_no_next_step(qtbot, office, people, active_tab, answer_yes):
    tab = active_tab
    cheque_id = office.cheques.add(received(1, people["ali"], TODAY))
    office.cheques.set_status(cheque_id, "deposited", account="A")
    office.cheques.set_status(cheque_id, "cleared")
    tab.refresh()
    tab.select_cheque(cheque_id)
    tab.focus_table()
    qtbot.keyClick(tab.table, Qt.Key_T, Qt.ControlModifier)  # used to do nothing at all
    assert answer_yes and "«وصول شده» وضعیت پایانی چک است" in answer_yes[-1]
    assert "برگرداندن آخرین مرحله" in answer_yes[-1]


def test_undo_asks_over_the_tab_not_in_a_corner_of_the_screen(qtbot, office, people, tab, monkeypatch):
    parents = []

    def hook(box):
        parents.append(box.parentWidget().window() if box.parentWidget() else None)
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.YesRole).click()

    monkeypatch.setattr(dialogs, "exec_hook", hook)
    cheque_id = office.cheques.add(received(1, people["ali"], TODAY))
    office.cheques.set_status(cheque_id, "deposited", account="A")
    tab.refresh()
    tab.select_cheque(cheque_id)
    assert tab.undo_step()
    assert parents == [tab.window()]
    assert office.cheques.get(cheque_id).status == "in_hand"


def test_the_saved_files_name_keeps_its_date_in_order(qtbot, office, people, tab, monkeypatch, answer_yes):
    list_actions = inline_runner(monkeypatch)
    monkeypatch.setattr(list_actions, "open_file", lambda path: False)  # no PDF viewer: the path is shown
    office.cheques.add(received(1, people["ali"], TODAY + timedelta(days=3)))
    job = tab.print_report()
    path_line = answer_yes[-1].splitlines()[-1]
    assert visual(path_line).startswith(str(job.path.parent))
    assert visual(path_line).endswith(" 1404-01-12 " + job.path.name.split(" ")[-1])  # not «12-01-1404»


def test_a_re_deposit_after_a_bounce_offers_the_same_account_and_says_which_cheque(qtbot, office, people):
    from crm_desktop.cheques.views.status_dialog import StatusDialog

    cheque_id = office.cheques.add(received(1, people["ali"], TODAY, 12_500_000))
    office.cheques.set_status(cheque_id, "deposited", account="جاری ملت ۷۷۸۸")
    office.cheques.set_status(cheque_id, "bounced", reason="کسری موجودی")
    dialog = StatusDialog(office, cheque_id, None, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    assert dialog.status() == "deposited" and dialog.account.text() == "جاری ملت ۷۷۸۸"
    heading = dialog.findChild(QLabel, "cheque_status.heading").text()
    assert "۱۲٬۵۰۰٬۰۰۰" in heading and "از علی رضایی" in heading

    fresh = office.cheques.add(received(2, people["ali"], TODAY))
    office.cheques.set_status(fresh, "deposited", account="A")
    bounce = StatusDialog(office, fresh, None, clock=lambda: NOW, preset="bounced")
    qtbot.addWidget(bounce)
    assert bounce.reason.currentText() == "" and bounce.reason.itemText(0) == "کسری موجودی"  # no blank entry
    assert bounce.reason.lineEdit().placeholderText()


def test_the_book_form_and_the_cheque_forms_book_list_read_in_persian(qtbot, office, people):
    from crm_desktop.cheques.views.books_dialog import NewBookDialog

    book_form = NewBookDialog(office)
    qtbot.addWidget(book_form)
    assert "۱۲۳۴-۵۶۷۸۹" in visual(book_form.fields["account_number"].placeholderText())  # was «۵۶۷۸۹-۱۲۳۴»
    book = office.cheques.add_book(ChequeBook(bank="tejarat", account_number="9876543210", first_serial="400100",
                                              leaves=10))
    dialog = open_form(qtbot, office, direction="paid")
    text = dialog.book.itemText(dialog.book.findData(book))
    assert text.startswith("تجارت — حساب") and "۹۸۷۶۵۴۳۲۱۰" in text and "9" not in text


def test_the_leaves_table_fills_its_width_after_a_cheque_is_issued(qtbot, office, people):
    from crm_desktop.cheques.views.books_dialog import BooksDialog

    book = office.cheques.add_book(ChequeBook(bank="mellat", account_number="0102-345", first_serial="000101", leaves=5))
    books = BooksDialog(office, None, clock=lambda: NOW)
    qtbot.addWidget(books)
    books.show()
    qtbot.waitExposed(books)
    office.cheques.issue_from_book(book, paid(1, people["sara"], TODAY + timedelta(days=9)))
    books.reload()
    header = books.leaves.horizontalHeader()
    assert header.length() >= books.leaves.viewport().width() - 1  # no empty band beside «چک»


def test_a_contacts_card_wraps_a_cheque_line_instead_of_hiding_its_end(qtbot, office, people):
    from crm_desktop.cheques.views.contact_cheques import ContactChequesBox

    settled = office.cheques.add(received(1, people["ali"], TODAY, 12_500_000_000))
    for status, more in (("deposited", {"account": "A"}), ("bounced", {"reason": "کسری موجودی"}),
                         ("deposited", {"account": "A"})):
        office.cheques.set_status(settled, status, **more)
    box = ContactChequesBox(office, people["ali"], clock=lambda: NOW)
    qtbot.addWidget(box)
    box.resize(360, 300)
    box.show()
    qtbot.waitExposed(box)
    assert box.texts()[0].endswith("— سابقهٔ برگشت")
    assert box.list.horizontalScrollBar().maximum() == 0  # the whole line is in sight
    assert box.list.visualItemRect(box.list.item(0)).width() <= box.list.viewport().width()


def test_a_company_made_on_the_spot_from_the_cheque_form_is_an_organisation(qtbot, office):
    from crm_desktop.phonebook.views.contact_dialog import ContactDialog
    from crm_desktop.phonebook.views.contact_picker import new_contact_prefill

    dialog = ContactDialog(office, None, None, prefill=new_contact_prefill("شرکت نوآوران  پارسه"))
    qtbot.addWidget(dialog)
    assert dialog.organisation_radio.isChecked() and dialog.organisation.text() == "شرکت نوآوران پارسه"
    person = new_contact_prefill("علی رضایی")
    assert (person.kind, person.first_name, person.last_name) == ("person", "علی", "رضایی")


def test_a_bank_named_on_cheques_is_not_offered_for_deletion_first(qtbot, office, people, monkeypatch):
    from crm_desktop.cheques.views.banks_dialog import BanksDialog

    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: seen.append((box.icon(), box.text())))
    office.cheques.add(received(1, people["ali"], TODAY))  # bank «ملی»
    banks = BanksDialog(office)
    qtbot.addWidget(banks)
    banks.list.setCurrentRow(next(i for i in range(banks.list.count())
                                  if banks.list.item(i).data(Qt.UserRole) == "melli"))
    assert banks.delete() is False
    assert len(seen) == 1 and seen[0][0] == QMessageBox.Critical  # no «حذف شود؟» before the refusal
    assert "۱ چک" in seen[0][1] and "پنهان کردن" in seen[0][1]


def test_a_new_paid_cheque_is_written_on_the_only_book_with_leaves_left(qtbot, office, people):
    used_up = office.cheques.add_book(ChequeBook(bank="melli", account_number="1111", first_serial="000001", leaves=1))
    office.cheques.issue_from_book(used_up, paid(1, people["sara"], TODAY + timedelta(days=3)))
    book = office.cheques.add_book(ChequeBook(bank="mellat", account_number="0102-345", first_serial="000101", leaves=5))
    dialog = open_form(qtbot, office, direction="paid")
    assert dialog.book.currentData() == book  # the used-up book is not offered at all
    assert dialog.serial.text() == "۰۰۰۱۰۱" and "برگ ۱" in dialog.book_hint.text()
    assert not dialog.is_dirty()  # closing it untouched asks nothing
    received_form = open_form(qtbot, office, direction="received")
    assert not received_form.form.isRowVisible(received_form.book_row) and received_form.serial.isEnabled()

    office.cheques.add_book(ChequeBook(bank="tejarat", account_number="2222", first_serial="500", leaves=5))
    dialog = open_form(qtbot, office, direction="paid")
    assert dialog.book.currentData() is None and dialog.serial.text() == ""  # two books: the operator picks
