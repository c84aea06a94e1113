"""The reminders tab as the operator meets it: today's agenda with Persian times, the Jalali month
(Friday and holidays red, days with reminders marked, a click lists a day), the full list and its
filters (any digit script, ي/ی alike, group, date range), done, delete, print, birthdays and the
phonebook's «یادآوری تازه»."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from crm_desktop.core import jalali
from crm_desktop.phonebook.model import Contact, Phone
from crm_desktop.reminders.model import Reminder, Repeat
from crm_desktop.ui import dialogs
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

NOW = datetime(2026, 11, 23, 10, 30)  # دوشنبه ۲ آذر ۱۴۰۵
TODAY = NOW.date()
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"


@pytest.fixture
def messages(monkeypatch):
    seen = []

    def hook(box: QMessageBox) -> None:
        seen.append(box.text())
        for button in box.buttons():
            if box.buttonRole(button) in (QMessageBox.YesRole, QMessageBox.AcceptRole):
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


def group_id(office, name):
    return next(g.id for g in office.reminders.groups() if g.name == name)


def add(office, subject, at, **options):
    return office.reminders.add(Reminder(subject=subject, starts_at=at, **options), now=NOW)


@pytest.fixture
def make_tab(office, qtbot):
    from crm_desktop.reminders.view import RemindersTab
    from crm_desktop.shell.events import OfficeEvents

    def make():
        events = OfficeEvents(office)
        tab = RemindersTab(office, events, None, clock=lambda: NOW)
        tab.events_ref = events
        qtbot.addWidget(tab)
        tab.resize(1200, 700)
        tab.show()
        qtbot.waitExposed(tab)
        tab.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
        return tab

    return make


def agenda_rows(tab):
    return [(item.text(0), item.text(1), item.text(5), item.font(1).strikeOut()) for item in tab.agenda.today_items]


# --- the agenda ----------------------------------------------------------------------------------

def test_the_agenda_lists_today_in_time_order_with_persian_times(office, make_tab):
    meeting = group_id(office, "جلسه")
    add(office, "تماس با بانک", datetime(2026, 11, 23, 14, 0), group_id=group_id(office, "تماس"))
    early = add(office, "جلسه با مشتری", datetime(2026, 11, 23, 9, 0), group_id=meeting)
    add(office, "پرداخت قسط", datetime(2026, 11, 25, 8, 30))
    add(office, "دیروز", datetime(2026, 11, 22, 8, 30))
    office.reminders.mark_done(early, datetime(2026, 11, 23, 9, 0), NOW)
    tab = make_tab()
    assert tab.pages.tabText(0) == "امروز"
    assert agenda_rows(tab) == [
        (f"{LRI}۰۹:۰۰{PDI}", "جلسه با مشتری", "انجام شد", True),
        (f"{LRI}۱۴:۰۰{PDI}", "تماس با بانک", "", False),
    ]
    upcoming = [(i.text(0), i.text(1)) for i in tab.agenda.upcoming_items]
    assert upcoming == [(f"{LRI}۰۸:۳۰{PDI}", "پرداخت قسط")]
    headers = [tab.agenda.tree.topLevelItem(i).text(1) for i in range(tab.agenda.tree.topLevelItemCount())]
    assert headers[0].startswith("امروز، دوشنبه ۲ آذر")
    assert "چهارشنبه ۴ آذر" in headers


def test_an_overdue_reminder_is_marked_and_done_strikes_it_through(office, make_tab, qtbot):
    rid = add(office, "تماس با بیمه", datetime(2026, 11, 23, 10, 0))
    tab = make_tab()
    assert agenda_rows(tab) == [(f"{LRI}۱۰:۰۰{PDI}", "تماس با بیمه", "گذشته", False)]
    assert "گذشته" in tab.agenda.summary.text()
    tab.agenda.select(rid)
    assert tab.toggle_done() is True
    assert agenda_rows(tab)[0][2:] == ("انجام شد", True)
    assert tab.toggle_done() is False  # again: not done after all
    assert agenda_rows(tab)[0][2] == "گذشته"


def test_a_reminder_added_elsewhere_appears_at_once(office, make_tab):
    tab = make_tab()
    assert tab.agenda.today_items == []
    add(office, "جلسهٔ هیئت مدیره", datetime(2026, 11, 23, 16, 0))  # the repo's notice refreshes the tab
    assert [r[1] for r in agenda_rows(tab)] == ["جلسهٔ هیئت مدیره"]
    assert tab.list.model.rowCount() == 1


# --- the month ------------------------------------------------------------------------------------

def test_the_month_marks_days_fridays_and_holidays_and_a_click_lists_the_day(office, make_tab, qtbot):
    add(office, "جلسه", datetime(2026, 11, 23, 9, 0))
    add(office, "ورزش", datetime(2026, 11, 28, 7, 0), repeat=Repeat(kind="weekly", weekdays=(0, 2)))  # Sat, Mon
    office.reminders.set_holiday(date(2026, 11, 25), "تعطیلی آلودگی هوا")
    tab = make_tab()
    tab.show_page(2 - 1)
    grid = tab.month.grid
    assert tab.month.title.text() == "آذر ۱۴۰۵"
    assert grid.counts[date(2026, 11, 23)] == 1
    assert grid.counts[date(2026, 11, 28)] == 1 and grid.counts[date(2026, 11, 30)] == 1
    assert date(2026, 11, 24) not in grid.counts
    friday = jalali.from_jalali(1405, 9, 6)
    assert jalali.weekday(friday) == 6 and grid.is_red(friday)
    assert grid.is_red(date(2026, 11, 25)) and grid.holidays[date(2026, 11, 25)] == "تعطیلی آلودگی هوا"
    assert not grid.is_red(date(2026, 11, 28))  # Saturday is a working day
    # Saturday sits on the right in a right-to-left window
    first = grid.first_day()
    saturday = first + __import__("datetime").timedelta(days=(7 - jalali.weekday(first)) % 7)
    assert grid.cell_rect(saturday).right() > grid.width() - grid.cell_rect(saturday).width() - 1

    qtbot.mouseClick(grid, Qt.LeftButton, pos=grid.cell_rect(date(2026, 11, 30)).center().toPoint())
    assert tab.month.selected_day() == date(2026, 11, 30)
    assert [o.subject for o in tab.month.day_occurrences()] == ["ورزش"]
    assert tab.month.day_label.text().startswith("دوشنبه ۹ آذر")
    qtbot.mouseClick(grid, Qt.LeftButton, pos=grid.cell_rect(date(2026, 11, 25)).center().toPoint())
    assert tab.month.holiday_label.text() == "تعطیل رسمی: تعطیلی آلودگی هوا"
    assert tab.month.day_occurrences() == []


def test_a_long_line_in_the_days_list_wraps_instead_of_running_off_the_pane(office, make_tab, qtbot):
    """The chosen day's list beside the month: subject — contact، place on one line used to run
    off the pane's left edge behind a horizontal scroll bar."""
    add(office, "تماس برای پیگیری سفارش و هماهنگی ارسال بار به انبار شهرک صنعتی", datetime(2026, 11, 23, 11, 0),
        place="خیابان ولیعصر، ساختمان آفتاب، طبقه سوم")
    tab = make_tab()
    tab.show_page(1)
    tab.month.splitter.setSizes([900, 260])
    day_list = tab.month.day_list
    qtbot.waitUntil(lambda: day_list.viewport().width() < 300)
    item = day_list.item(0)
    assert "ساختمان آفتاب، طبقه سوم" in item.text()
    rect = day_list.visualItemRect(item)
    assert rect.width() <= day_list.viewport().width()
    assert rect.height() >= 2 * day_list.fontMetrics().height()  # two lines or more: all of it shows
    assert not day_list.horizontalScrollBar().isVisible()


def test_month_navigation_shows_jalali_month_names_and_official_holidays(office, make_tab, qtbot):
    tab = make_tab()
    tab.show_page(1)
    for _ in range(2):
        qtbot.mouseClick(tab.month.next_button, Qt.LeftButton)
    assert tab.month.title.text() == "بهمن ۱۴۰۵"
    bahman_22 = jalali.from_jalali(1405, 11, 22)
    assert "انقلاب" in tab.month.grid.holidays[bahman_22]
    qtbot.mouseClick(tab.month.today_button, Qt.LeftButton)
    assert tab.month.title.text() == "آذر ۱۴۰۵" and tab.month.selected_day() == TODAY


# --- the full list -----------------------------------------------------------------------------------

def subjects(tab):
    return sorted(r.subject for r in tab.list.rows())


def search(tab, text):
    tab.list.search.clear()
    type_text(tab.list.search, text)
    tab.list.search.flush()


def test_the_list_filters_by_text_in_any_digit_script_and_yeh_and_by_group_and_dates(office, make_tab):
    pay = group_id(office, "پرداخت")
    add(office, "پرداخت قسط ۳", datetime(2026, 11, 24, 9, 0), group_id=pay)
    add(office, "پیگیری سفارش", datetime(2026, 12, 10, 11, 0), note="مشتری تهران")
    add(office, "جلسه", datetime(2027, 1, 5, 10, 0), place="دفتر کرج")
    tab = make_tab()
    tab.show_page(2)
    assert tab.list.model.rowCount() == 3
    search(tab, "قسط 3")
    assert subjects(tab) == ["پرداخت قسط ۳"]
    search(tab, "پيگيري")  # Arabic yeh
    assert subjects(tab) == ["پیگیری سفارش"]
    search(tab, "تهران")  # the note
    assert subjects(tab) == ["پیگیری سفارش"]
    search(tab, "کرج")  # the place
    assert subjects(tab) == ["جلسه"]
    search(tab, "")
    tab.list.group.setCurrentIndex(tab.list.group.findData(pay))
    assert subjects(tab) == ["پرداخت قسط ۳"]
    tab.list.group.setCurrentIndex(0)
    tab.list.date_from.setDate(jalali.parse_date("۱۴۰۵/۰۹/۱۵"))
    tab.list.date_to.setDate(jalali.parse_date("1405/09/30"))
    assert subjects(tab) == ["پیگیری سفارش"]
    search(tab, "چیزی نیست")
    assert tab.list.count_label.text() == "یادآوری‌ای با این فیلترها پیدا نشد."
    tab.list.clear_filters()
    assert tab.list.model.rowCount() == 3


def test_list_columns_show_the_jalali_time_and_the_rule(office, make_tab):
    add(office, "ورزش", datetime(2026, 11, 28, 7, 0), repeat=Repeat(kind="weekly", weekdays=(0, 2)))
    tab = make_tab()
    model = tab.list.model
    row = {c.key: model.data(model.index(0, i)) for i, c in enumerate(model.columns)}
    assert row["subject"] == "ورزش"
    assert row["starts_at"] == f"{RLI}۱۴۰۵/۰۹/۰۷ ۰۷:۰۰{PDI}"
    assert row["next_at"] == f"{RLI}۱۴۰۵/۰۹/۰۷ ۰۷:۰۰{PDI}"
    assert row["repeat"] == "هر هفته: شنبه، دوشنبه"


def test_delete_asks_first_and_removes_the_reminder(office, make_tab, messages):
    add(office, "جلسه با مشتری", datetime(2026, 11, 23, 15, 0))
    tab = make_tab()
    tab.show_page(2)
    tab.list.focus_table()
    assert tab.delete_selected() == 1
    assert messages[0] == "یادآوری «جلسه با مشتری» حذف شود؟"
    assert tab.list.model.rowCount() == 0 and tab.agenda.today_items == []


# --- dialogs from the tab --------------------------------------------------------------------------

class FakeDialog:
    def __init__(self, opened, args, options):
        from PySide6.QtCore import QObject, Signal

        class Saved(QObject):
            saved = Signal(int)

        self._holder = Saved()
        self.saved = self._holder.saved
        opened.append((args, options))

    def exec(self):
        return 0

    def deleteLater(self):
        pass


def test_open_reminder_and_enter_open_the_form(office, make_tab):
    rid = add(office, "جلسه", datetime(2026, 11, 23, 15, 0))
    tab = make_tab()
    opened = []
    tab.reminder_dialog_factory = lambda office, reminder_id, parent, **options: FakeDialog(opened, reminder_id, options)
    tab.open_reminder(rid)
    assert opened[-1][0] == rid
    tab.agenda.focus_first()
    tab.agenda.tree.activated.emit(tab.agenda.tree.currentIndex())  # what Enter does
    assert opened[-1][0] == rid
    tab.show_page(1)
    tab.month.grid.select_day(date(2026, 11, 30))
    tab.new_reminder()
    assert opened[-1] == (None, {"day": date(2026, 11, 30), "prefill": None})


def test_birthdays_become_yearly_reminders(office, make_tab, messages):
    office.phonebook.add(Contact(first_name="مریم", last_name="احمدی", birthday="1990-03-25",
                                 phones=[Phone("09121234567", kind="mobile")]))
    office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
    tab = make_tab()
    assert tab.birthday_reminders() == 1
    assert messages[-1].startswith("۱ یادآوری تولد ساخته شد")
    rows = tab.list.rows()
    assert len(rows) == 1 and "مریم احمدی" in rows[0].subject and rows[0].source == "birthday"
    assert tab.birthday_reminders() == 0  # never twice


def test_print_writes_the_pdf_of_the_month_and_opens_it(office, make_tab, monkeypatch, messages):
    from crm_desktop.phonebook.views import list_actions

    add(office, "جلسه", datetime(2026, 11, 23, 15, 0), note="یادداشت بلند")
    opened = []
    monkeypatch.setattr(list_actions, "open_file", lambda path: opened.append(path) or True)
    monkeypatch.setattr(list_actions, "runner",
                        lambda parent, title, fn, args, done, **kw: done(fn(args, lambda *a: True)))
    tab = make_tab()
    tab.show_page(1)
    args = tab.print_report(detailed=True)
    assert args.subtitle == "از ۱۴۰۵/۰۹/۰۱ تا ۱۴۰۵/۰۹/۳۰"
    assert opened == [args.path] and args.path.read_bytes().startswith(b"%PDF")


def test_export_ics_writes_the_shown_range(office, make_tab, monkeypatch, tmp_path, messages):
    from crm_desktop.phonebook.views import list_actions

    add(office, "جلسه", datetime(2026, 11, 23, 15, 0))
    target = tmp_path / "out.ics"
    monkeypatch.setattr(list_actions, "ask_save_path", lambda *a: (str(target), ""))
    monkeypatch.setattr(list_actions, "runner",
                        lambda parent, title, fn, args, done, **kw: done(fn(args, lambda *a: True)))
    tab = make_tab()
    tab.export_ics()
    assert "SUMMARY:جلسه" in target.read_text(encoding="utf-8")
    assert messages[-1].startswith("۱ رویداد")


# --- the phonebook's links ---------------------------------------------------------------------------

def test_new_reminder_from_a_contact_prefills_the_contact(office, qtbot, monkeypatch):
    from crm_desktop.phonebook.views.contact_dialog import ContactDialog
    from crm_desktop.reminders.views import contact_reminders

    contact_id = office.phonebook.add(Contact(first_name="علی", last_name="رضایی",
                                              phones=[Phone("09121234567", kind="mobile")]))
    made = []

    def factory(office_, parent, prefill, clock):
        from crm_desktop.reminders.views.reminder_dialog import ReminderDialog

        dialog = ReminderDialog(office_, None, parent, prefill=prefill, clock=clock)
        made.append(dialog)
        dialog.exec = dialog.save  # «ذخیره» at once
        return dialog

    monkeypatch.setattr(contact_reminders, "dialog_factory", factory)
    card = ContactDialog(office, contact_id, clock=lambda: NOW)
    qtbot.addWidget(card)
    box = card.reminders_box
    assert box.texts() == [] and box.empty.isVisibleTo(card)
    new_id = box.new_reminder()
    dialog = made[0]
    assert dialog.subject.text() == "پیگیری تماس با علی رضایی"
    assert dialog.contact.contact_id() == contact_id
    assert dialog.contact.edit.text() == f"علی رضایی — {LRI}۰۹۱۲ ۱۲۳ ۴۵۶۷{PDI}"
    assert dialog.time.text() == "۱۱:۰۰" and dialog.date.text() == "۱۴۰۵/۰۹/۰۲"
    stored = office.reminders.get(new_id)
    assert stored.contact_id == contact_id and stored.starts_at == datetime(2026, 11, 23, 11, 0)
    assert box.texts() == [f"{RLI}۱۴۰۵/۰۹/۰۲ ۱۱:۰۰{PDI}  پیگیری تماس با علی رضایی"]


def test_the_phonebook_tab_makes_birthday_reminders_for_the_chosen_contacts(office, qtbot, messages):
    from crm_desktop.phonebook.view import PhonebookTab
    from crm_desktop.shell.events import OfficeEvents

    ids = [office.phonebook.add(Contact(first_name=n, birthday=b)) for n, b in
           (("مریم", "1990-03-25"), ("سارا", "--05-12"), ("نادر", "1980-01-02"))]
    events = OfficeEvents(office)
    tab = PhonebookTab(office, events, None, clock=lambda: NOW)
    qtbot.addWidget(tab)
    assert tab.birthdays_action.text() == "یادآوری تولدها"
    tab.select_contact(ids[0])
    assert tab.birthday_reminders() == 3  # one chosen: all contacts
    assert len(office.reminders.search(source="birthday")) == 3


def test_a_reminder_saved_outside_the_lists_filters_is_shown_not_hidden(office, make_tab):
    add(office, "جلسه فروش", datetime(2026, 11, 23, 15, 0))
    tab = make_tab()
    tab.show_page(2)
    tab.list.search.set_query("فروش")
    assert len(tab.list.rows()) == 1

    class SavingDialog(FakeDialog):
        def exec(self):
            new_id = add(office, "تماس با بانک", datetime(2026, 11, 24, 10, 0))
            self.saved.emit(new_id)
            return 1

    tab.reminder_dialog_factory = lambda office, reminder_id, parent, **options: SavingDialog([], reminder_id, options)
    new_id = tab.new_reminder()
    assert tab.list.search.text() == "" and tab.list.current_row().id == new_id
