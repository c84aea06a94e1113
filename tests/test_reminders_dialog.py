"""The reminder form on a real database: a weekly rule on Saturday and Monday is stored and shows
in the tab, a date or time that does not exist gets its Persian message on the field and nothing
is stored, a rule that can never fire is refused with the reason, the contact picker, advance
notices, the live description of the rule, and the group and holiday managers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crm_desktop.phonebook.model import Contact, Phone
from crm_desktop.reminders.model import Reminder, Repeat
from tests.ui_helpers import answer_yes, persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2026, 11, 23, 10, 30)  # دوشنبه ۲ آذر ۱۴۰۵
LRI, PDI = "\u2066", "\u2069"


@pytest.fixture(autouse=True)
def answer_boxes(monkeypatch):
    """Message boxes answered «بله» / «تأیید»; their texts kept."""
    return answer_yes(monkeypatch)


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path) as opened:
        yield opened


def open_dialog(qtbot, office, reminder_id=None, **options):
    from crm_desktop.reminders.views.reminder_dialog import ReminderDialog

    dialog = ReminderDialog(office, reminder_id, clock=lambda: NOW, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def typed(field, text):
    """Type into a line edit (or a validated field's edit) and leave it."""
    edit = getattr(field, "edit", field)
    edit.clear()
    type_text(edit, text)
    edit.editingFinished.emit()


def count(office):
    return office.conn.execute("SELECT count(*) FROM reminders").fetchone()[0]


def test_a_new_form_starts_at_the_next_whole_hour_today(qtbot, office):
    dialog = open_dialog(qtbot, office)
    assert dialog.windowTitle() == "یادآوری تازه"
    assert dialog.date.text() == "۱۴۰۵/۰۹/۰۲" and dialog.time.text() == "۱۱:۰۰"
    assert dialog.repeat.current_kind() == "none"


def test_a_weekly_reminder_on_saturday_and_monday_is_stored_and_listed(qtbot, office):
    from crm_desktop.reminders.view import RemindersTab
    from crm_desktop.shell.events import OfficeEvents

    tab = RemindersTab(office, OfficeEvents(office), None, clock=lambda: NOW)
    qtbot.addWidget(tab)
    dialog = open_dialog(qtbot, office)
    type_text(dialog.subject, "جلسهٔ هفتگی فروش")
    dialog.group.setCurrentIndex(dialog.group.findText("جلسه"))
    typed(dialog.date, "۱۴۰۵/۰۹/۰۷")
    typed(dialog.time, "٠٨:٣٠")  # Arabic-Indic digits
    assert dialog.time.text() == "۰۸:۳۰"
    dialog.repeat.set_kind("weekly")
    dialog.repeat.set_weekdays((0, 2))
    assert dialog.repeat.description.text() == "هر هفته: شنبه، دوشنبه"
    assert dialog.repeat.preview_text() == (
        f"نوبت‌های بعدی: {LRI}۱۴۰۵/۰۹/۰۷{PDI} (شنبه)، {LRI}۱۴۰۵/۰۹/۰۹{PDI} (دوشنبه)، {LRI}۱۴۰۵/۰۹/۱۴{PDI} (شنبه)")
    dialog.advance.amount.setValue(15)
    dialog.advance.add_current()
    dialog.advance.amount.setValue(1)
    dialog.advance.unit.setCurrentIndex(2)  # روز
    dialog.advance.add_current()
    assert dialog.advance.labels() == ["۱۵ دقیقه پیش از موعد", "۱ روز پیش از موعد"]
    new_id = dialog.save()
    assert new_id is not None
    stored = office.reminders.get(new_id)
    assert stored.subject == "جلسهٔ هفتگی فروش"
    assert stored.starts_at == datetime(2026, 11, 28, 8, 30)
    assert stored.repeat.kind == "weekly" and stored.repeat.weekdays == (0, 2)
    assert stored.advance == (15, 1440)
    assert [r.subject for r in tab.list.rows()] == ["جلسهٔ هفتگی فروش"]
    assert tab.month.grid.counts[date(2026, 11, 30)] == 1


@pytest.mark.parametrize("field, text, message", [
    ("date", "1404/12/30", "اسفند ۱۴۰۴ فقط ۲۹ روز دارد."),
    ("time", "25:00", "ساعت باید بین ۰ تا ۲۳ باشد."),
])
def test_a_date_or_time_that_does_not_exist_is_refused_on_its_field(qtbot, office, field, text, message):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.subject, "تماس")
    typed(getattr(dialog, field), text)
    assert dialog.save() is None
    widget = getattr(dialog, field)
    assert message in widget.shown_error()
    assert widget.error_label.isVisible()
    assert widget.text() == text  # never changed or guessed
    assert dialog.banner.text() == "لطفاً موارد مشخص‌شده را درست کنید؛ چیزی ذخیره نشد."
    assert count(office) == 0


def test_1404_12_30_says_why(qtbot, office):
    dialog = open_dialog(qtbot, office)
    typed(dialog.date, "۱۴۰۴/۱۲/۳۰")
    assert dialog.date.shown_error()
    assert all("\u0600" <= ch <= "\u06ff" or not ch.isalpha() for ch in dialog.date.shown_error())  # Persian


def test_a_rule_that_can_never_fire_is_refused_with_the_reason(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.subject, "جمعه‌ها")
    dialog.repeat.set_kind("weekly")
    dialog.repeat.set_weekdays((6,))
    dialog.repeat.skip_fridays.setChecked(True)
    assert dialog.repeat.preview_text() == "این قاعده هیچ‌گاه به موعد نمی‌رسد."
    assert dialog.save() is None
    assert "جمعه" in dialog.repeat.error_text() and "هیچ‌گاه" in dialog.repeat.error_text()
    assert dialog.repeat.error_label.isVisible()
    assert count(office) == 0


def test_weekly_without_a_day_and_an_empty_subject_get_their_messages(qtbot, office):
    dialog = open_dialog(qtbot, office)
    assert dialog.save() is None
    assert dialog.subject_error.text() == "موضوع یادآوری را وارد کنید."
    type_text(dialog.subject, "هفتگی")
    dialog.repeat.set_kind("weekly")
    dialog.repeat.set_weekdays(())
    assert dialog.save() is None
    assert dialog.repeat.error_text() == "برای تکرار هفتگی دست‌کم یک روز هفته را برگزینید."
    assert count(office) == 0


def test_an_end_date_that_does_not_exist_is_shown_on_the_end_field(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.subject, "قسط")
    dialog.repeat.set_kind("monthly")
    dialog.repeat.end_until.setChecked(True)
    typed(dialog.repeat.until, "1404/12/30")
    assert dialog.save() is None
    assert dialog.repeat.until.shown_error()
    assert count(office) == 0


def test_monthly_on_the_31st_describes_the_short_months(qtbot, office):
    dialog = open_dialog(qtbot, office)
    typed(dialog.date, "1406/06/31")
    dialog.repeat.set_kind("monthly")
    dialog.repeat.month_day.setValue(31)
    assert "روز ۳۱ام" in dialog.repeat.description.text()
    assert f"{LRI}۱۴۰۶/۰۷/۳۰{PDI}" in dialog.repeat.preview_text()  # Mehr has 30 days


def test_the_contact_picker_finds_a_contact_as_you_type(qtbot, office):
    contact_id = office.phonebook.add(Contact(first_name="علی", last_name="رضایی",
                                              phones=[Phone("09121234567", kind="mobile")]))
    office.phonebook.add(Contact(first_name="مریم", last_name="احمدی"))
    dialog = open_dialog(qtbot, office)
    type_text(dialog.subject, "تماس")
    found = dialog.contact.search("رضايي")  # Arabic yeh
    assert found == [(contact_id, f"علی رضایی — {LRI}۰۹۱۲ ۱۲۳ ۴۵۶۷{PDI}")]
    assert dialog.contact.search("۰۹۱۲۱۲۳")[0][0] == contact_id
    dialog.contact.choose(0)
    assert dialog.contact.contact_id() == contact_id
    new_id = dialog.save()
    assert office.reminders.get(new_id).contact_id == contact_id


def test_typed_text_that_is_not_a_contact_is_refused(qtbot, office):
    dialog = open_dialog(qtbot, office)
    type_text(dialog.subject, "تماس")
    type_text(dialog.contact.edit, "کسی")
    assert dialog.save() is None
    assert dialog.contact.error_text().startswith("مخاطب را از فهرست برگزینید")
    assert count(office) == 0


def test_new_contact_on_the_spot(qtbot, office):
    dialog = open_dialog(qtbot, office)
    dialog.contact.new_contact = lambda office_, parent, text: office_.phonebook.add(Contact(first_name=text))
    type_text(dialog.contact.edit, "نادر")
    new_contact = dialog.contact.create_contact()
    assert dialog.contact.contact_id() == new_contact
    assert dialog.contact.edit.text() == "نادر"


def test_editing_keeps_what_was_stored_and_saves_changes(qtbot, office):
    rid = office.reminders.add(Reminder("قسط وام", datetime(2026, 12, 1, 9, 0), place="بانک ملت", priority=2,
                                        repeat=Repeat(kind="monthly", month_day=10, end="count", count=12),
                                        advance=(60,), sound="silent"), now=NOW)
    dialog = open_dialog(qtbot, office, rid)
    assert dialog.windowTitle() == "ویرایش یادآوری"
    assert dialog.place.text() == "بانک ملت" and dialog.priority.currentData() == 2
    assert dialog.repeat.current_kind() == "monthly" and dialog.repeat.month_day.value() == 10
    assert dialog.repeat.end_count.isChecked() and dialog.repeat.count.value() == 12
    assert dialog.advance.labels() == ["۱ ساعت پیش از موعد"]
    assert dialog.sound.currentData() == "silent"
    assert not dialog.is_dirty()
    dialog.place.setText("بانک ملی")
    assert dialog.save() == rid
    stored = office.reminders.get(rid)
    assert stored.place == "بانک ملی" and stored.repeat.count == 12 and stored.advance == (60,)


def test_groups_dialog_adds_renames_and_colours(qtbot, office):
    from crm_desktop.reminders.views.groups_dialog import ReminderGroupsDialog

    dialog = ReminderGroupsDialog(office)
    qtbot.addWidget(dialog)
    dialog.ask_name = lambda parent, title, label, text, store, required: store("بیمه")  # typed, «تأیید»
    dialog.pick_colour = lambda *a: "#123456"
    group_id = dialog.add()
    assert "بیمه" in dialog.names()
    dialog.select(group_id)
    assert dialog.change_colour()
    assert office.reminders.group(group_id).colour == "#123456"
    dialog.ask_name = lambda parent, title, label, text, store, required: store("بیمهٔ خودرو")
    assert dialog.rename()
    assert office.reminders.group(group_id).name == "بیمهٔ خودرو"
    assert dialog.delete()
    assert office.reminders.group(group_id) is None


def test_groups_dialog_moves_a_group_and_refuses_a_name_taken(qtbot, office, monkeypatch):
    from crm_desktop.reminders.views.groups_dialog import ReminderGroupsDialog
    from crm_desktop.ui import name_prompt

    dialog = ReminderGroupsDialog(office)
    qtbot.addWidget(dialog)
    names = dialog.names()
    assert len(names) >= 3
    dialog.list.setCurrentRow(0)
    assert not dialog.up_button.isEnabled() and dialog.down_button.isEnabled() and dialog.rename_button.isEnabled()
    dialog.down_button.click()
    assert dialog.names()[:2] == [names[1], names[0]] and dialog.list.currentRow() == 1
    assert dialog.up_button.isEnabled()
    dialog.up_button.click()
    assert dialog.names() == names
    dialog.list.setCurrentRow(len(names) - 1)
    assert not dialog.down_button.isEnabled()
    refused = []

    def operator(prompt):  # types a taken name, reads the refusal in the prompt, cancels
        prompt.edit.setText(names[0])
        prompt.ok_button.click()
        refused.append(prompt.shown_error())
        prompt.cancel_button.click()

    monkeypatch.setattr(name_prompt, "exec_hook", operator)
    assert dialog.add() is None and refused == [f"گروهی به نام «{names[0]}» از پیش هست."]
    assert dialog.names() == names


def test_holidays_dialog_lists_the_year_and_takes_corrections(qtbot, office):
    from crm_desktop.core import jalali
    from crm_desktop.reminders.views.holidays_dialog import ADDED, OFFICIAL, REMOVED, HolidaysDialog

    dialog = HolidaysDialog(office, year=1405)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert rows[0][0] == jalali.from_jalali(1405, 1, 1) and rows[0][1].startswith("عید نوروز") and rows[0][2] == OFFICIAL
    assert dialog.add_holiday(jalali.from_jalali(1405, 9, 4), "آلودگی هوا")
    assert (jalali.from_jalali(1405, 9, 4), "آلودگی هوا", ADDED) in dialog.rows()
    dialog.table.setCurrentCell(0, 0)
    assert dialog.remove_current()
    assert dialog.rows()[0][2] == REMOVED
    assert jalali.from_jalali(1405, 1, 1) not in office.reminders.holidays_between(
        jalali.from_jalali(1405, 1, 1), jalali.from_jalali(1405, 1, 1))
    assert dialog.restore_current()
    assert dialog.rows()[0][2] == OFFICIAL


def test_the_form_fits_a_laptop_screen_and_save_stays_on_it(qtbot, office, monkeypatch):
    """On a 1366 × 768 laptop (728 px above the taskbar) the 800 px form put «ذخیره» below the
    screen's edge; now it is shorter and its contents scroll."""
    from crm_desktop.ui import screen

    monkeypatch.setattr(screen, "available_height", lambda parent: 728)
    dialog = open_dialog(qtbot, office)
    assert dialog.height() <= 728 - 40
    assert dialog.save_button.isVisible() and dialog.save_button.text() == "ذخیره"
    bottom = dialog.save_button.mapTo(dialog, dialog.save_button.rect().bottomLeft()).y()
    assert bottom < dialog.height()
    dialog.repeat.set_kind("weekly")
    dialog.advance.set_minutes([15, 60])
    qtbot.waitUntil(lambda: dialog.scroll.verticalScrollBar().maximum() > 0)  # the rest: by scrolling

    monkeypatch.setattr(screen, "available_height", lambda parent: 1040)
    roomy = open_dialog(qtbot, office)
    assert roomy.height() == 800
