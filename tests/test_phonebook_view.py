"""The phonebook tab as the operator meets it: rows in Persian order, the footer count, the groups
pane, Persian search, delete with undo, merge, dial, and the keyboard."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from crm_desktop.core.digits import to_persian
from crm_desktop.phonebook import model
from crm_desktop.phonebook.model import Contact, Phone
from crm_desktop.ui import dialogs
from tests.ui_helpers import persian_app, press, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

NOW = datetime(2026, 11, 23, 10, 30)  # 2 Azar 1405
LRI, PDI = "\u2066", "\u2069"

PEOPLE = [  # (first, last, organisation, mobile) — not in Persian order
    ("گلناز", "یزدانی", "", "09127778899"),
    ("علی", "رضایی", "بازرگانی آریا", "09121234567"),
    ("ژاله", "پاکزاد", "", "09351112233"),
    ("بهرام", "گودرزی", "", "09199990000"),
    ("مریم", "احمدی", "کتاب‌فروشی ققنوس", "09124445566"),
    ("کاوه", "ژیان", "", "09140001122"),
]
PERSIAN_ORDER = ["مریم احمدی", "ژاله پاکزاد", "علی رضایی", "کاوه ژیان", "بهرام گودرزی", "گلناز یزدانی"]


class Messages(list):
    """Message boxes shown (recorded, never blocking); ``click`` names the button to press:
    'yes' (the Yes/Accept role), 'no', or an objectName."""

    click = "yes"


@pytest.fixture
def messages(monkeypatch):
    seen = Messages()

    def hook(box: QMessageBox) -> None:
        seen.append(box)
        for button in box.buttons():
            role = box.buttonRole(button)
            if (seen.click == "yes" and role in (QMessageBox.YesRole, QMessageBox.AcceptRole)) \
                    or (seen.click == "no" and role in (QMessageBox.NoRole, QMessageBox.RejectRole)) \
                    or button.objectName() == seen.click:
                button.click()
                return
        box.done(0)

    monkeypatch.setattr(dialogs, "exec_hook", hook)
    return seen


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path) as opened:
        yield opened


def add_people(office, people=PEOPLE) -> dict[str, int]:
    ids = {}
    for first, last, organisation, mobile in people:
        contact = Contact(first_name=first, last_name=last, organisation=organisation,
                          phones=[Phone(mobile, kind="mobile")])
        ids[f"{first} {last}"] = office.phonebook.add(contact)
    return ids


@pytest.fixture
def dialed():
    return []


@pytest.fixture
def make_tab(office, qtbot, dialed):
    from crm_desktop.phonebook.view import PhonebookTab
    from crm_desktop.shell.events import OfficeEvents

    def make(**options):
        events = OfficeEvents(office)
        tab = PhonebookTab(office, events, None, clock=lambda: NOW,
                           opener=lambda url: dialed.append(url.toString()) or True, **options)
        tab.events_ref = events  # keep the bridge alive with the tab
        qtbot.addWidget(tab)
        tab.resize(1100, 650)
        tab.show()
        qtbot.waitExposed(tab)
        tab.activateWindow()  # shortcuts fire only in the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
        return tab

    return make


def names(tab) -> list[str]:
    column = tab.model.column_index("name")
    return [tab.model.data(tab.model.index(row, column)) for row in range(tab.model.rowCount())]


def cell(tab, row: int, key: str) -> str:
    return tab.model.data(tab.model.index(row, tab.model.column_index(key)))


def search(tab, text: str) -> None:
    tab.search.clear()
    type_text(tab.search, text)
    tab.search.flush()  # what the debounce timer does 150 ms later


def add_to_selection(tab, row: int) -> None:
    """Ctrl+click on a row."""
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    tab.table.selectionModel().select(tab.model.index(row, 0), flags)


def row_of(tab, name: str) -> int:
    return names(tab).index(name)


# --- what the table shows -------------------------------------------------------------------------
def test_rows_are_in_persian_order_with_phones_and_the_footer_count(office, make_tab):
    add_people(office)
    tab = make_tab()
    assert tab.table.objectName() == "phonebook.table"
    assert names(tab) == PERSIAN_ORDER
    header = [tab.model.headerData(i, Qt.Horizontal) for i in range(tab.model.columnCount())]
    assert header[:4] == ["نام", "سازمان", "تلفن", "آخرین تماس"]
    row = row_of(tab, "علی رضایی")
    assert cell(tab, row, "organisation") == "بازرگانی آریا"
    assert cell(tab, row, "phones") == f"{LRI}۰۹۱۲ ۱۲۳ ۴۵۶۷{PDI}"  # digit groups keep their order in RTL
    assert cell(tab, row, "last_contact") == ""
    assert tab.count_label.text() == "۶ مخاطب"
    assert tab.window().layoutDirection() == Qt.RightToLeft


def test_footer_groups_thousands_in_persian_digits(office, make_tab):
    from crm_desktop.demo.generate import fill_contacts

    fill_contacts(office.conn, 1234, seed=5)
    office.phonebook.rebuild_search_index()
    tab = make_tab()
    assert tab.count_label.text() == "۱٬۲۳۴ مخاطب"
    assert tab.groups.rows_text()[0] == ("همه مخاطبان", "۱٬۲۳۴")


@pytest.mark.parametrize("typed", [
    "رضايي",          # Arabic yeh
    "علی رضایی",
    "بازرگاني آريا",  # the organisation, Arabic yeh
    "۰۹۱۲۱۲۳",        # Persian digits of the mobile
    "0912 123 45",    # Latin, grouped
    "٠٩١٢١٢٣٤٥٦٧",    # Arabic-Indic digits
])
def test_persian_search_in_any_script_finds_the_row(office, make_tab, typed):
    add_people(office)
    tab = make_tab()
    search(tab, typed)
    assert names(tab) == ["علی رضایی"]
    assert tab.count_label.text() == "۱ مخاطب"


def test_search_folds_kaf_and_zwnj(office, make_tab):
    add_people(office, [("کامران", "عبدالله‌زاده", "", "09121110000"), ("سارا", "نیک‌پور", "", "09121110001")])
    tab = make_tab()
    search(tab, "كامران")  # Arabic kaf
    assert names(tab) == ["کامران عبدالله‌زاده"]
    search(tab, "عبدالله زاده")  # a space where the name has a ZWNJ
    assert names(tab) == ["کامران عبدالله‌زاده"]
    search(tab, "نیک\u200cپور")
    assert names(tab) == ["سارا نیک‌پور"]


def test_no_match_says_so_and_esc_clears_the_search(office, make_tab, qtbot):
    add_people(office)
    tab = make_tab()
    tab.search.setFocus()
    search(tab, "ناموجود")
    assert names(tab) == []
    assert tab.count_label.text() == "مخاطبی با «\u2068ناموجود\u2069» پیدا نشد."
    search(tab, "0912 999 88")  # a number is echoed in Persian digits, its groups left to right
    assert tab.count_label.text() == "مخاطبی با «\u2066۰۹۱۲ ۹۹۹ ۸۸\u2069» پیدا نشد."
    press(tab.search, Qt.Key_Escape)
    assert tab.search.text() == ""
    assert len(names(tab)) == 6
    assert tab.count_label.text() == "۶ مخاطب"


def test_search_is_debounced(office, make_tab, qtbot):
    add_people(office)
    tab = make_tab()
    before = tab.model.pages_fetched
    type_text(tab.search, "علی")
    assert tab.search.is_pending()
    assert tab.model.rowCount() == 6 and tab.model.pages_fetched == before  # nothing asked while typing
    qtbot.waitUntil(lambda: tab.count_label.text() == "۱ مخاطب", timeout=2000)
    assert names(tab) == ["علی رضایی"]


# --- groups -------------------------------------------------------------------------------------------
def test_groups_pane_shows_swatch_and_counts_and_filters_with_the_search(office, make_tab):
    ids = add_people(office)
    book = office.phonebook
    customers = book.add_group("مشتریان", "#c0392b")
    colleagues = book.add_group("همکاران", "#27ae60")
    book.add_to_group([ids["علی رضایی"], ids["مریم احمدی"], ids["گلناز یزدانی"]], customers)
    book.add_to_group([ids["ژاله پاکزاد"]], colleagues)
    tab = make_tab()
    assert tab.groups.objectName() == "phonebook.groups"
    assert tab.groups.rows_text() == [("همه مخاطبان", "۶"), ("مشتریان", "۳"), ("همکاران", "۱")]
    assert not tab.groups.topLevelItem(1).icon(0).isNull()

    tab.groups.choose(customers)
    assert names(tab) == ["مریم احمدی", "علی رضایی", "گلناز یزدانی"]
    assert tab.count_label.text() == "۳ مخاطب"
    search(tab, "علي")
    assert names(tab) == ["علی رضایی"]
    search(tab, "ژاله")  # in another group: the footer says where it looked
    assert tab.count_label.text() == "مخاطبی با «\u2068ژاله\u2069» در گروه «مشتریان» پیدا نشد."
    search(tab, "علي")
    tab.groups.choose(None)
    assert names(tab) == ["علی رضایی"]  # the search stays
    search(tab, "")
    assert len(names(tab)) == 6


def test_group_counts_follow_changes_made_elsewhere(office, make_tab):
    ids = add_people(office)
    group = office.phonebook.add_group("تأمین‌کنندگان", "#2980b9")
    tab = make_tab()
    assert tab.groups.rows_text()[1] == ("تأمین‌کنندگان", "۰")
    office.phonebook.add_to_group([ids["بهرام گودرزی"], ids["کاوه ژیان"]], group)  # e.g. from the contact form
    assert tab.groups.rows_text()[1] == ("تأمین‌کنندگان", "۲")
    tab.groups.choose(group)
    office.phonebook.add(Contact(first_name="نادر", last_name="آذری", group_ids=[group]))
    assert names(tab) == ["نادر آذری", "کاوه ژیان", "بهرام گودرزی"]
    assert tab.count_label.text() == "۳ مخاطب"
    assert tab.groups.rows_text()[0] == ("همه مخاطبان", "۷")


# --- delete and undo ----------------------------------------------------------------------------------
def test_del_asks_by_name_then_undo_brings_the_contact_back(office, make_tab, messages, qtbot):
    ids = add_people(office)
    tab = make_tab()
    tab.table.setFocus()
    tab.select_row(row_of(tab, "علی رضایی"))
    qtbot.keyClick(tab.table, Qt.Key_Delete)  # a shortcut: QTest goes through the shortcut map
    assert len(messages) == 1, [m.text() for m in messages]
    assert messages[0].text() == "مخاطب «علی رضایی» حذف شود؟"
    assert "علی رضایی" not in names(tab)
    assert tab.count_label.text() == "۵ مخاطب"
    assert office.phonebook.get(ids["علی رضایی"]) is None
    assert tab.undo_bar.isVisible()
    assert tab.undo_label.text() == "«علی رضایی» حذف شد."

    tab.undo_button.click()
    assert "علی رضایی" in names(tab)
    assert tab.count_label.text() == "۶ مخاطب"
    assert not tab.undo_bar.isVisible()
    restored = office.phonebook.get(ids["علی رضایی"])
    assert restored.phones[0].national == "09121234567"
    assert names(tab)[tab.table.currentIndex().row()] == "علی رضایی"


def test_saying_no_keeps_the_contact(office, make_tab, messages, qtbot):
    add_people(office)
    tab = make_tab()
    messages.click = "no"
    tab.select_row(0)
    tab.delete_action.trigger()
    assert len(names(tab)) == 6
    assert not tab.undo_bar.isVisible()


def test_deleting_several_names_the_count_and_ctrl_z_undoes(office, make_tab, messages, qtbot):
    add_people(office)
    tab = make_tab()
    tab.select_row(0)
    add_to_selection(tab, 2)
    tab.delete_action.trigger()
    assert messages[0].text() == "۲ مخاطب انتخاب‌شده حذف شوند؟"
    assert names(tab) == [PERSIAN_ORDER[1], *PERSIAN_ORDER[3:]]
    assert tab.undo_label.text() == "۲ مخاطب حذف شدند."
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key_Z, Qt.ControlModifier)
    assert names(tab) == PERSIAN_ORDER
    # both come back marked, the first current: a second Del deletes both again
    assert tab.selected_rows() == [0, 2] and tab.table.currentIndex().row() == 0
    tab.delete_action.trigger()
    assert messages[-1].text() == "۲ مخاطب انتخاب‌شده حذف شوند؟"


def test_deleting_a_contact_on_a_cheque_says_so_before_asking_to_confirm(office, make_tab, messages):
    """No «حذف شود؟» for a delete that cannot happen: the refusal naming the cheque book comes
    at once, and nothing is deleted."""
    from crm_desktop.cheques.repo import Cheques
    from tests.test_cheques_repo import cheque

    ids = add_people(office)
    Cheques(office.conn).add(cheque(1, drawer_id=ids["علی رضایی"]))
    tab = make_tab()
    tab.select_row(row_of(tab, "علی رضایی"))
    messages.click = "yes"
    tab.delete_action.trigger()
    assert [m.text() for m in messages] == ["مخاطب «علی رضایی» در دفتر چک به کار رفته است و حذف نشد."]
    assert office.phonebook.get(ids["علی رضایی"]) is not None and "علی رضایی" in names(tab)
    tab.select_row(row_of(tab, "مریم احمدی"))  # one not in use: asked, then deleted
    tab.delete_action.trigger()
    assert "حذف شود" in messages[-1].text() and office.phonebook.get(ids["مریم احمدی"]) is None


def test_undo_brings_back_a_deleted_contact_that_had_a_reminder(office, make_tab, messages, qtbot):
    """The reminder about the contact outlives the delete (its link set to none); «بازگردانی»
    brings the contact back with its notes and phones and links the reminder to it again. It
    failed on the reminder (already there) and left the contact deleted."""
    from crm_desktop.reminders.model import Reminder

    ids = add_people(office)
    ali = ids["علی رضایی"]
    office.phonebook.add_note(model.Note(ali, "پیش‌فاکتور فرستاده شد", "call", "2025-03-01T10:00:00"))
    reminder = office.reminders.add(Reminder("پیگیری پیش‌فاکتور", datetime(2026, 12, 1, 9), contact_id=ali))
    tab = make_tab()
    tab.select_row(row_of(tab, "علی رضایی"))
    messages.click = "yes"
    tab.delete_action.trigger()
    assert messages[0].informativeText() == (
        "تلفن‌ها، ایمیل‌ها، نشانی‌ها و یادداشت‌های آن هم حذف می‌شوند؛ ۱ یادآوری مربوط به او می‌ماند، "
        "بی‌پیوند به مخاطب؛ تا پیش از حذف بعدی می‌توانید «بازگردانی» را بزنید.")
    assert office.phonebook.get(ali) is None and office.reminders.get(reminder).contact_id is None
    assert tab.undo_bar.isVisible()
    tab.undo_action.trigger()
    assert [m.text() for m in messages[1:]] == []  # no error box
    back = office.phonebook.get(ali)
    assert back is not None and [p.national for p in back.phones] == ["09121234567"]
    assert [n.text for n in office.phonebook.notes(ali)] == ["پیش‌فاکتور فرستاده شد"]
    assert office.reminders.get(reminder).contact_id == ali
    assert "علی رضایی" in names(tab)


def test_selected_contacts_go_into_a_group_and_out_of_it_from_the_menu(office, make_tab, qtbot):
    """Select three, right-click: «افزودن به گروه ▸ مشتریان» puts all three in it at once and
    says so; «برداشتن از گروه» takes them out; the pane's count follows."""
    ids = add_people(office)
    group = office.phonebook.add_group("مشتریان", "#c0392b")
    office.phonebook.add_to_group([ids["علی رضایی"]], group)
    tab = make_tab()
    tab.select_row(row_of(tab, "علی رضایی"))
    add_to_selection(tab, row_of(tab, "مریم احمدی"))
    add_to_selection(tab, row_of(tab, "کاوه ژیان"))
    menu = tab.build_context_menu()
    add = menu.findChild(QMenu, "phonebook.menu.add_to_group")
    assert add is not None and [a.text() for a in add.actions()] == ["مشتریان"]
    add.actions()[0].trigger()
    qtbot.wait(10)
    members = {c.id for c in office.phonebook.iter_contacts(model_query(group))}
    assert members == {ids["علی رضایی"], ids["مریم احمدی"], ids["کاوه ژیان"]}
    assert tab.selection_label.text() == "۲ مخاطب به گروه «مشتریان» افزوده شد."
    assert "۳" in group_count_text(tab, "مشتریان")
    remove = tab.build_context_menu().findChild(QMenu, "phonebook.menu.remove_from_group")
    remove.actions()[0].trigger()
    qtbot.wait(10)
    assert not list(office.phonebook.iter_contacts(model_query(group)))
    assert tab.selection_label.text() == "۳ مخاطب از گروه «مشتریان» برداشته شد."


def model_query(group_id):
    from crm_desktop.phonebook.repo import SearchQuery

    return SearchQuery(group_id=group_id)


def group_count_text(tab, name: str) -> str:
    """What the groups pane shows on a group's line (its name and count)."""
    for i in range(tab.groups.topLevelItemCount()):
        item = tab.groups.topLevelItem(i)
        if item.text(0) == name:
            return " ".join(item.text(c) for c in range(tab.groups.columnCount()))
    return ""


# --- merge --------------------------------------------------------------------------------------------
def test_merge_two_selected_keeps_the_chosen_one_with_both_numbers(office, make_tab, messages):
    ids = add_people(office)
    duplicate = office.phonebook.add(Contact(first_name="علی", last_name="رضائی", phones=[Phone("02188776655", kind="work")]))
    tab = make_tab()
    first, second = sorted((row_of(tab, "علی رضایی"), row_of(tab, "علی رضائی")))
    tab.select_row(first)
    add_to_selection(tab, second)
    assert tab.merge_action.isEnabled()
    keep_name = names(tab)[first]
    messages.click = "merge.keep_first"
    tab.merge_action.trigger()
    assert "کدام نگه داشته شود" in messages[0].text()
    assert names(tab).count(keep_name) == 1 and len(names(tab)) == 6
    keep_id = ids["علی رضایی"] if keep_name == "علی رضایی" else duplicate
    kept = office.phonebook.get(keep_id)
    assert sorted(p.national for p in kept.phones) == ["02188776655", "09121234567"]


def test_merging_two_contacts_of_the_same_name_tells_them_apart(office, make_tab, messages):
    """Two «علی رضایی»: the question shows each one's organisation and phone, the buttons say
    which is which, and the fields where they differ (the kept one's value stays) are named."""
    how = office.phonebook.add_field(model.CustomField("نحوه آشنایی"))
    a = office.phonebook.add(Contact(first_name="علی", last_name="رضایی", organisation="پارس",
                                     national_code="0012345679", phones=[Phone("09121234567")],
                                     custom={how: "نمایشگاه"}))
    b = office.phonebook.add(Contact(first_name="علی", last_name="رضایی", organisation="آرمان",
                                     national_code="1234567891", phones=[Phone("09351112233")],
                                     custom={how: "وب‌سایت"}))
    tab = make_tab()
    tab.select_row(0)
    add_to_selection(tab, 1)
    first_id, second_id = tab.selected_ids()
    first_org = office.phonebook.get(first_id).organisation
    second_org = office.phonebook.get(second_id).organisation
    first_code, second_code = (office.phonebook.get(i).national_code for i in (first_id, second_id))
    messages.click = "merge.keep_second"
    tab.merge_action.trigger()
    box = messages[0]
    details = box.informativeText()
    assert f"\u200f۱. \u2068علی رضایی\u2069 — \u2068{first_org}\u2069" in details
    assert f"\u200f۲. \u2068علی رضایی\u2069 — \u2068{second_org}\u2069" in details
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in details and "۰۹۳۵ ۱۱۱ ۲۲۳۳" in details
    assert "این موارد در دو مخاطب فرق دارد؛ مقدار مخاطبِ نگه‌داشته می‌ماند و مقدار دیگری در توضیحات او نوشته می‌شود:" \
        in details
    assert f"\u200f• کد ملی: ۱. \u2066{to_persian(first_code)}\u2069 — ۲. \u2066{to_persian(second_code)}\u2069" in details
    assert f"\u200f• سازمان: ۱. \u2068{first_org}\u2069 — ۲. \u2068{second_org}\u2069" in details
    buttons = {b.objectName(): b.text() for b in box.buttons()}
    assert buttons["merge.keep_first"] == f"نگه‌داشتن «\u2068علی رضایی\u2069» (\u2068{first_org}\u2069)"
    assert buttons["merge.keep_second"] == f"نگه‌داشتن «\u2068علی رضایی\u2069» (\u2068{second_org}\u2069)"
    assert office.phonebook.get(first_id) is None
    kept = office.phonebook.get(second_id)
    assert kept.organisation == second_org and {a, b} == {first_id, second_id}
    assert sorted(p.national for p in kept.phones) == ["09121234567", "09351112233"]


# --- dial ---------------------------------------------------------------------------------------------
def test_dial_opens_tel_and_logs_a_call_note(office, make_tab, dialed, messages):
    ids = add_people(office)
    contact_id = ids["مریم احمدی"]
    office.phonebook.update(_with_extra_phone(office.phonebook.get(contact_id), "021-8877 6655", "work", "123"))
    tab = make_tab()
    tab.select_row(row_of(tab, "مریم احمدی"))
    tab.dial_action.trigger()
    assert dialed == ["tel:09124445566"]  # the mobile first
    notes = office.phonebook.notes(contact_id)
    assert [(n.kind, n.at) for n in notes] == [("call", "2026-11-23T10:30:00")]
    assert "۰۹۱۲ ۴۴۴ ۵۵۶۶" in notes[0].text
    assert cell(tab, row_of(tab, "مریم احمدی"), "last_contact") == "۱۴۰۵/۰۹/۰۲"

    menu = tab.build_context_menu()
    dial_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    texts = [a.text() for a in dial_menu.actions()]
    # the extension is shown (the operator dials it once the switchboard answers; tel: carries the number)
    assert texts == [f"همراه: {LRI}۰۹۱۲ ۴۴۴ ۵۵۶۶{PDI}", f"محل کار: {LRI}۰۲۱ ۸۸۷۷ ۶۶۵۵{PDI} داخلی {LRI}۱۲۳{PDI}"]
    dial_menu.actions()[1].trigger()
    assert dialed[-1] == "tel:02188776655"
    notes = office.phonebook.notes(contact_id)
    assert len(notes) == 2 and notes[0].text == f"تماس با شماره {LRI}۰۲۱ ۸۸۷۷ ۶۶۵۵{PDI} داخلی {LRI}۱۲۳{PDI}"


def _with_extra_phone(contact, number, kind, ext=""):
    contact.phones.append(Phone(number, kind=kind, ext=ext))
    return contact


def test_dial_without_a_phone_app_says_so_and_logs_nothing(office, make_tab, messages):
    from crm_desktop.phonebook.view import PhonebookTab  # noqa: F401

    ids = add_people(office)
    tab = make_tab()
    tab.opener = lambda url: False
    tab.select_row(row_of(tab, "علی رضایی"))
    tab.dial_action.trigger()
    assert "شماره‌گیری" in messages[0].text()
    assert office.phonebook.notes(ids["علی رضایی"]) == []


# --- keyboard -----------------------------------------------------------------------------------------
def test_keyboard_ctrl_f_down_enter_and_ctrl_n(office, make_tab, qtbot):
    add_people(office)
    tab = make_tab()
    opened = []

    class FakeDialog:
        def __init__(self, office_, contact_id, parent):
            opened.append(contact_id)

        def exec(self):
            return 0

    tab.contact_dialog_factory = FakeDialog
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key_F, Qt.ControlModifier)
    assert tab.search.hasFocus()
    type_text(tab.search, "ژ")
    press(tab.search, Qt.Key_Down)  # flushes the search and moves into the table
    assert tab.table.hasFocus()
    assert names(tab) == ["ژاله پاکزاد", "کاوه ژیان"]
    assert tab.table.currentIndex().row() == 0
    qtbot.keyClick(tab.table, Qt.Key_Return)
    assert opened == [tab.model.row_object(0).id]
    qtbot.keyClick(tab.table, Qt.Key_N, Qt.ControlModifier)
    assert opened[-1] is None
    qtbot.keyClick(tab.table, Qt.Key_Escape)  # Esc from the table clears the search too
    assert tab.search.text() == "" and len(names(tab)) == 6
    type_text(tab.search, "گودرز")
    press(tab.search, Qt.Key_Return)  # Enter on the only match opens it
    assert opened[-1] == tab.model.row_object(0).id and names(tab) == ["بهرام گودرزی"]
    tab.search.setFocus()
    tab.search.clear()
    type_text(tab.search, "ژ")
    press(tab.search, Qt.Key_Return)  # with more, the table takes the keys, on a row it shows selected
    assert tab.table.hasFocus() and len(opened) == 3
    assert tab.selected_rows() == [0] and tab.table.currentIndex().row() == 0


def test_a_new_contact_made_in_a_chosen_group_starts_in_it(office, make_tab, monkeypatch):
    """With «مشتریان» chosen in the groups pane, Ctrl+N opens the form with that group ticked
    (and with «همه مخاطبان», with none)."""
    from crm_desktop.phonebook import view

    add_people(office)
    group = office.phonebook.add_group("مشتریان", "#c0392b")
    office.phonebook.add_group("همکاران", "#2d4059")
    tab = make_tab()
    forms = []

    def build(office_, contact_id, parent):
        forms.append(view._default_contact_dialog(office_, contact_id, parent))
        forms[-1].exec = lambda: 0
        return forms[-1]

    tab.contact_dialog_factory = build
    tab.groups.choose(group)
    tab.new_action.trigger()
    assert forms[-1].checked_group_ids() == [group]
    assert not forms[-1].is_dirty()  # closing it untouched asks nothing
    tab.groups.choose(None)
    tab.new_action.trigger()
    assert forms[-1].checked_group_ids() == []


def test_double_click_opens_and_a_saved_new_contact_is_selected(office, make_tab, qtbot):
    from PySide6.QtCore import QObject, Signal

    add_people(office)
    tab = make_tab()

    class FakeDialog(QObject):
        saved = Signal(int)

        def __init__(self, office_, contact_id, parent):
            super().__init__(parent)
            self.office = office_

        def exec(self):
            new_id = self.office.phonebook.add(Contact(first_name="آرش", last_name="بهادری"))
            self.saved.emit(new_id)
            return 1

    tab.contact_dialog_factory = FakeDialog
    tab.new_action.trigger()
    assert names(tab)[tab.table.currentIndex().row()] == "آرش بهادری"
    assert tab.count_label.text() == "۷ مخاطب"
    search(tab, "ژ")  # a new contact the search leaves out is saved: the footer says where it went
    tab.new_action.trigger()
    assert names(tab) == ["ژاله پاکزاد", "کاوه ژیان"]
    assert tab.count_label.text() == "«آرش بهادری» ذخیره شد، ولی با این جستجو یا گروه در فهرست نیست. (۲ مخاطب)"


def test_the_contact_that_has_the_phone_opens_once_and_is_then_selected(office, make_tab):
    """«باز کردن آن مخاطب» in the form opens it over the form; once the form is closed the tab
    selects it (it used to open it a second time)."""
    from PySide6.QtCore import QObject, Signal

    ids = add_people(office)
    tab = make_tab()
    opened = []

    class FakeDialog(QObject):
        saved = Signal(int)
        openContactRequested = Signal(int)

        def __init__(self, office_, contact_id, parent):
            super().__init__(parent)
            opened.append(contact_id)

        def exec(self):
            self.openContactRequested.emit(ids["علی رضایی"])
            return 0

    tab.contact_dialog_factory = FakeDialog
    tab.new_action.trigger()
    assert opened == [None]
    assert names(tab)[tab.table.currentIndex().row()] == "علی رضایی"


# --- custom fields ------------------------------------------------------------------------------------
def test_a_header_click_after_a_new_column_is_kept_when_another_field_comes(office, make_tab, qtbot):
    """The columns are made again when a field is added: a click on «سازمان» after that must still
    be the order the next rebuild keeps (it went back to the name order)."""
    add_people(office)
    tab = make_tab()
    book = office.phonebook
    book.add_field(model.CustomField("نحوه آشنایی", show_in_table=True))
    header = tab.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(1) + header.sectionSize(1) // 2, 5))
    assert tab.sort_order() == ("organisation", False)
    organised = names(tab)
    book.add_field(model.CustomField("شماره پرونده", show_in_table=True))
    assert tab.sort_order() == ("organisation", False) and names(tab) == organised
    assert organised != PERSIAN_ORDER


def test_custom_fields_marked_for_the_table_become_columns(office, make_tab):
    ids = add_people(office)
    tab = make_tab()
    book = office.phonebook
    field_id = book.add_field(model.CustomField("تاریخ عضویت", kind="date", show_in_table=True))
    book.add_field(model.CustomField("یادداشت پنهان", show_in_table=False))
    contact = book.get(ids["علی رضایی"])
    contact.custom[field_id] = "2025-03-21"
    book.update(contact)
    header = [tab.model.headerData(i, Qt.Horizontal) for i in range(tab.model.columnCount())]
    assert header == ["نام", "سازمان", "تلفن", "آخرین تماس", "تاریخ ثبت", "تاریخ عضویت"]
    assert tab.model.headerData(5, Qt.Horizontal, Qt.ToolTipRole) == "تاریخ عضویت"  # whole, when narrowed
    assert tab.table.horizontalHeader().textElideMode() == Qt.ElideRight
    assert cell(tab, row_of(tab, "علی رضایی"), f"custom.{field_id}") == "۱۴۰۴/۰۱/۰۱"
    weight = book.add_field(model.CustomField("وزن بسته", kind="number", show_in_table=True))
    contact = book.get(ids["علی رضایی"])
    contact.custom[weight] = "2.5"
    book.update(contact)
    assert cell(tab, row_of(tab, "علی رضایی"), f"custom.{weight}") == "۲٫۵"  # the Persian decimal separator
    contact.custom[weight] = "-7"
    book.update(contact)  # a negative number keeps its minus on the left (a left-to-right mark first)
    assert cell(tab, row_of(tab, "علی رضایی"), f"custom.{weight}") == "\u200e-۷"


def test_custom_columns_leave_the_phones_column_room_for_a_number(office, make_tab, qtbot):
    """Four custom fields shown in the table: the widest columns give way so the phones column
    still shows a whole mobile number; a narrower window scrolls sideways rather than clip it."""
    book = office.phonebook
    for name in ("نحوه آشنایی با دفتر", "تاریخ تولد همسر", "شماره پرونده قدیمی", "نام کارشناس پیگیری"):
        book.add_field(model.CustomField(name, show_in_table=True))
    add_people(office)
    tab = make_tab()
    header = tab.table.horizontalHeader()
    phones = tab.model.column_index("phones")
    number = tab.table.fontMetrics().horizontalAdvance("۰۹۱۲ ۱۲۳ ۴۵۶۷")
    assert header.sectionSize(phones) > number
    assert header.sectionSize(tab.model.column_index("name")) >= 100  # the others still read
    tab.resize(700, 650)
    qtbot.waitUntil(lambda: tab.table.viewport().width() < 700)
    assert header.sectionSize(phones) > number
    assert tab.table.horizontalScrollBar().maximum() > 0  # the rest is a sideways scroll away
    tab.resize(1600, 650)
    qtbot.waitUntil(lambda: tab.table.viewport().width() > 1100)
    visible = sum(header.sectionSize(i) for i in range(tab.model.columnCount()))
    assert visible <= tab.table.viewport().width() + 1  # wide again: no scroll, phones take the rest


# --- print, export, import ----------------------------------------------------------------------------
@pytest.fixture
def inline_runs(monkeypatch):
    """The ops runner runs the work at once on this thread; files 'opened' are recorded."""
    from crm_desktop.phonebook.views import list_actions

    opened = []

    def run(parent, title, fn, args=None, on_done=None, on_error=None, **options):
        result = fn(args, lambda *a, **k: True)
        if on_done is not None:
            on_done(result)

    monkeypatch.setattr(list_actions, "runner", run)
    monkeypatch.setattr(list_actions, "open_file", lambda path: opened.append(path) or True)
    return opened


def test_ctrl_p_prints_the_group_and_search_shown(office, make_tab, inline_runs, qtbot):
    ids = add_people(office)
    group = office.phonebook.add_group("مشتریان", "#c0392b")
    office.phonebook.add_to_group([ids["علی رضایی"], ids["مریم احمدی"]], group)
    tab = make_tab()
    tab.groups.choose(group)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key_P, Qt.ControlModifier)
    assert len(inline_runs) == 1
    pdf = inline_runs[0]
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")


def test_ctrl_shift_p_prints_the_selected_contacts_card_with_its_notes(office, make_tab, inline_runs, qtbot):
    from tests.pdf_helpers import has_persian, read_pdf

    ids = add_people(office)
    office.phonebook.add_note(model.Note(ids["علی رضایی"], "پیش‌فاکتور فرستاده شد", kind="call",
                                         at="2025-03-01T10:00:00"))
    tab = make_tab()
    assert tab.select_contact(ids["علی رضایی"])
    tab.table.setFocus()
    menu = tab.build_context_menu()
    assert tab.print_card_action in menu.actions() and tab.print_card_action.isEnabled()
    qtbot.keyClick(tab.table, Qt.Key_P, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(inline_runs) == 1
    pdf = inline_runs[0]
    assert pdf.suffix == ".pdf" and "علی رضایی" in pdf.name
    pages = read_pdf(pdf)
    assert len(pages) == 1
    for phrase in ("کارت مخاطب", "علی رضایی", "پیش‌فاکتور فرستاده شد", "سوابق تماس و یادداشت‌ها (۱)"):
        assert has_persian(pages[0], phrase), phrase
    assert not has_persian(pages[0], "مریم احمدی")  # only the chosen contact
    tab.print_card_action.trigger()  # again within the second: a file of its own, the first left alone
    assert len(inline_runs) == 2 and inline_runs[1] != pdf and pdf.exists()
    add_to_selection(tab, row_of(tab, "مریم احمدی"))  # two selected: a card is for one contact
    assert not tab.print_card_action.isEnabled()
    assert tab.print_card_action not in tab.build_context_menu().actions()


def test_export_writes_the_current_view(office, make_tab, inline_runs, messages, monkeypatch, tmp_path):
    from crm_desktop.phonebook.views import list_actions

    add_people(office)
    tab = make_tab()
    search(tab, "رضایی")
    target = tmp_path / "خروجی"
    monkeypatch.setattr(list_actions, "ask_save_path", lambda *a: (str(target), "CSV (*.csv)"))
    tab.export_action.trigger()
    written = (tmp_path / "خروجی.csv").read_text(encoding="utf-8-sig")
    assert "رضایی" in written and "یزدانی" not in written
    assert messages[-1].text().startswith("۱ مخاطب در این فایل ذخیره شد")


def test_import_opens_the_wizard(office, make_tab):
    tab = make_tab()
    shown = []

    class FakeWizard:
        def __init__(self, office_, parent):
            shown.append(parent)

        def exec(self):
            return 0

    tab.import_wizard_factory = FakeWizard
    tab.import_action.trigger()
    assert shown == [tab]


def test_contacts_added_behind_the_index_are_indexed_when_the_tab_shows(office, make_tab, qtbot):
    from crm_desktop.demo.generate import fill_contacts

    add_people(office)
    fill_contacts(office.conn, 300, seed=9)  # a bulk insert: not in the search index yet
    assert office.phonebook.search_index_is_stale()
    tab = make_tab()
    qtbot.waitUntil(lambda: not office.phonebook.search_index_is_stale(), timeout=10_000)
    last = office.conn.execute("SELECT id, display_name FROM contacts ORDER BY id DESC LIMIT 1").fetchone()
    number = office.phonebook.get(last[0]).phones[0].national
    search(tab, number)
    assert names(tab) == [last[1]]


def test_the_real_contact_dialog_and_wizards_open_from_the_tab(office, make_tab, monkeypatch):
    """The other engineers' dialogs, built the way the tab builds them (exec replaced)."""
    from PySide6.QtWidgets import QDialog

    ids = add_people(office)
    tab = make_tab()
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append((type(self).__name__, self)) or 0)
    tab.select_row(row_of(tab, "علی رضایی"))
    press(tab.table, Qt.Key_Return)  # (no shortcut map here) — the action does the same
    tab.open_action.trigger()
    tab.new_action.trigger()
    tab.import_action.trigger()
    tab.groups_action.trigger()
    tab.fields_action.trigger()
    kinds = [name for name, _ in shown]
    assert kinds == ["ContactDialog", "ContactDialog", "ImportWizard", "GroupsDialog", "FieldsDialog"]
    assert shown[0][1].contact_id == ids["علی رضایی"] and shown[1][1].contact_id is None


def test_an_edited_contact_is_selected_wherever_it_lands(make_tab, office):
    """After an edit moves a contact far down the list (past every page read and past the rows
    a scan would look at), the table scrolls to it and selects it; the same sorted by date added
    (newest first) for a contact brought back by undo at the bottom."""
    book = office.phonebook
    book.add_many([Contact(first_name="علی", last_name=f"احمدی {i:03d}") for i in range(450)])
    tab = make_tab()
    moved_id = book.add(Contact(first_name="آرش", last_name="آبادی"))
    tab.refresh()
    assert tab.select_contact(moved_id) and tab.current_id() == moved_id  # row 0
    moved = book.get(moved_id)
    moved.last_name = "یزدانی"  # to the end of the Persian order
    book.update(moved)
    tab.refresh()
    assert (tab.model.rowCount() - 1) // tab.model.page_size not in tab.model.cached_pages()  # not read yet
    assert tab.select_contact(moved_id, search_rows=10)
    assert tab.current_id() == moved_id and tab.table.currentIndex().row() == tab.model.rowCount() - 1
    assert tab.table.rowAt(tab.table.viewport().height() - 5) >= 440  # scrolled down to it

    tab.sort_by("created", descending=True)
    oldest = tab.model.row_object(tab.model.rowCount() - 1).id
    tab.select_contact(oldest)
    tab.table.scrollToTop()
    assert tab.select_contact(oldest, search_rows=10) and tab.current_id() == oldest
