"""The attendance tab as the operator meets it, on a real database with the clock injected: a
quick punch in and out shows in today's list and in the month's row with its worked minutes, and
a repeated punch says so; the month's totals are compute's (lateness past the grace counted,
inside it forgiven); a correction keeps the old value in «سابقه اصلاح»; a day of leave removes
the absence; a holiday's row shows its name in red; an attlog imported through the tab adds its
punches, a bad one is refused with its line numbers and adds nothing; editing a schedule changes
the expected minutes; print and export go through the attendance reports."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from crm_desktop.attendance.compute import hm
from crm_desktop.files.model import PersonFile
from crm_desktop.phonebook.model import Contact
from tests.ui_helpers import answer_yes, finish_editing, persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2025, 2, 8, 8, 5)  # شنبه ۲۰ بهمن ۱۴۰۳, 08:05
DEY_SAT, DEY_SUN = date(2024, 12, 21), date(2024, 12, 22)  # شنبه و یکشنبه ۱ و ۲ دی ۱۴۰۳
MABATH = date(2025, 1, 27)  # دوشنبه ۸ بهمن ۱۴۰۳: مبعث


@pytest.fixture
def clock():
    now = [NOW]
    return now


@pytest.fixture
def office(db_path, clock):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: clock[0]) as opened:
        yield opened


@pytest.fixture
def staff(office):
    ali = office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
    sara = office.phonebook.add(Contact(first_name="سارا", last_name="احمدی"))
    return {"ali": office.files.add(PersonFile("personnel", ali, number="P-7")),
            "sara": office.files.add(PersonFile("personnel", sara, number="P-8"))}


@pytest.fixture
def answers(monkeypatch):
    """Message boxes answered «بله» / «تأیید»; their texts kept."""
    return answer_yes(monkeypatch)


@pytest.fixture
def tab(qtbot, office, staff, clock):
    from crm_desktop.attendance.view import AttendanceTab
    from crm_desktop.shell.events import OfficeEvents

    widget = AttendanceTab(office, OfficeEvents(office), None, clock=lambda: clock[0])
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.person.set_person(staff["ali"])
    return widget


def cell(tab, day: date, key: str) -> str:
    model = tab.month_page.model
    row = next(i for i, r in enumerate(tab.month_page.rows()) if r.day == day)
    return model.index(row, model.column_index(key)).data() or ""


def worked_day(office, file_id: int, day: date, start: str, end: str) -> None:
    office.attendance.punch(file_id, "in", datetime.combine(day, time.fromisoformat(start)))
    office.attendance.punch(file_id, "out", datetime.combine(day, time.fromisoformat(end)))


def double_click(qtbot, table, index) -> None:
    pos = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=pos)  # (the first press after a show goes astray)
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=pos)


def plain(text: str) -> str:
    return "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069")


# -- the quick punch ----------------------------------------------------------------------------------
def test_a_quick_punch_in_and_out_shows_today_and_in_the_month(qtbot, tab, office, staff, clock):
    assert tab.month() == (1403, 11)  # this month by default
    assert tab.person.person_name() == "علی رضایی"
    qtbot.mouseClick(tab.punch_bar.in_button, Qt.LeftButton)
    assert "ورود علی رضایی ساعت" in tab.punch_bar.status.text() and "ثبت شد" in tab.punch_bar.status.text()
    qtbot.mouseClick(tab.punch_bar.in_button, Qt.LeftButton)  # the same minute again
    assert "پیش‌تر ثبت شده بود" in tab.punch_bar.status.text()
    clock[0] = datetime(2025, 2, 8, 16, 35)
    qtbot.mouseClick(tab.punch_bar.out_button, Qt.LeftButton)
    today = [plain(t) for t in tab.today_list.texts()]
    assert today == ["۱۶:۳۵  خروج — علی رضایی", "۰۸:۰۵  ورود — علی رضایی"]
    assert plain(cell(tab, NOW.date(), "punches")) == "۰۸:۰۵–۱۶:۳۵"
    assert cell(tab, NOW.date(), "worked") == hm(510) == "۸:۳۰"
    assert cell(tab, NOW.date(), "overtime") == "۰:۳۰" and cell(tab, NOW.date(), "absent") == ""
    assert len(office.attendance.punches(staff["ali"], datetime(2025, 2, 8), datetime(2025, 2, 9))) == 2


def test_a_second_entry_without_an_exit_is_pointed_out(qtbot, tab, clock):
    qtbot.mouseClick(tab.punch_bar.in_button, Qt.LeftButton)
    clock[0] = datetime(2025, 2, 8, 9, 0)
    qtbot.mouseClick(tab.punch_bar.in_button, Qt.LeftButton)
    assert "ثبت پیشین او امروز هم ورود بود" in tab.punch_bar.status.text()
    assert plain(cell(tab, NOW.date(), "punches")).startswith("۰۸:۰۵–؟")


def test_the_person_is_found_by_typing_part_of_the_name(qtbot, tab, staff):
    tab.person.lineEdit().clear()
    type_text(tab.person.lineEdit(), "سارا")
    finish_editing(tab.person.lineEdit())
    assert tab.person.person_id() == staff["sara"]
    assert tab.person_title.text() == "کارکرد سارا احمدی — برنامه «برنامه عادی دفتر»"


# -- the month ------------------------------------------------------------------------------------------
def test_the_months_totals_are_computes(tab, office, staff):
    """Dey 1403 (closed): late 20 minutes past the grace counted, 5 minutes inside it forgiven."""
    worked_day(office, staff["ali"], DEY_SAT, "08:20", "16:00")
    worked_day(office, staff["ali"], DEY_SUN, "08:05", "16:30")
    tab.chooser.step(-1)
    assert tab.month() == (1403, 10)
    assert cell(tab, DEY_SAT, "late") == "۰:۲۰" and cell(tab, DEY_SUN, "late") == ""
    assert cell(tab, DEY_SUN, "overtime") == "۰:۲۵"
    _days, totals = office.attendance.month(staff["ali"], 1403, 10)
    assert totals.late == 20
    labels = {key: label.text() for key, label in tab.month_page.total_labels.items()}
    for key in ("expected", "worked", "late", "early", "overtime", "absent", "leave", "mission"):
        assert f"<b>{hm(getattr(totals, key))}" in labels[key], key
    assert f"({totals.absent_days:d} روز)".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in labels["absent"]
    assert "۲۶ روز" in tab.month_page.balance.text()


def test_a_holidays_row_shows_its_name_in_red(tab):
    assert cell(tab, MABATH, "holiday") == "مبعث پیامبر اکرم"
    model = tab.month_page.model
    row = next(i for i, r in enumerate(tab.month_page.rows()) if r.day == MABATH)
    assert model.index(row, model.column_index("holiday")).data(Qt.ForegroundRole).color().name() == "#c62828"
    assert model.index(row, 0).data(Qt.BackgroundRole) is not None  # the row shaded
    assert cell(tab, MABATH, "absent") == ""  # no work expected on a holiday


def test_days_still_to_come_are_no_absence(tab):
    assert cell(tab, date(2025, 2, 9), "absent") == ""  # tomorrow
    assert cell(tab, date(2025, 2, 5), "absent") == "۸:۰۰"  # last Wednesday, nothing recorded
    assert tab.month_page.totals_title.text() == "جمع ماه تا امروز:"


def test_a_double_click_on_a_day_opens_that_day(qtbot, tab):
    opened = []

    class Stub:
        def exec(self):
            return 0

        def deleteLater(self):
            pass

    tab.day_dialog_factory = lambda office, file_id, day, parent, name="": opened.append((file_id, day, name)) or Stub()
    table = tab.month_page.table
    row = next(i for i, r in enumerate(tab.month_page.rows()) if r.day == DEY_SAT.replace(year=2025, month=1, day=22))
    index = tab.month_page.model.index(row, 1)
    double_click(qtbot, table, index)
    assert opened == [(tab.person_id(), date(2025, 1, 22), "علی رضایی")]


# -- editing a day --------------------------------------------------------------------------------------
@pytest.fixture
def day_dialog(qtbot, office, staff):
    from crm_desktop.attendance.views.day_dialog import DayDialog

    def make(day: date):
        dialog = DayDialog(office, staff["ali"], day, None, person_name="علی رضایی")
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def test_a_correction_keeps_the_old_value_in_the_history(qtbot, tab, office, staff, day_dialog, clock):
    worked_day(office, staff["ali"], DEY_SAT, "08:25", "16:00")
    clock[0] = datetime(2025, 2, 8, 9, 30)
    dialog = day_dialog(DEY_SAT)
    assert dialog.history.lines() == []
    dialog.punches.list.setCurrentRow(0)
    assert dialog.punches.time.text() == "۰۸:۲۵"
    dialog.punches.time.edit.clear()
    type_text(dialog.punches.time.edit, "۸:۰۵")
    type_text(dialog.punches.note, "کارت فراموش شد")
    qtbot.mouseClick(dialog.punches.correct_button, Qt.LeftButton)
    [line] = [plain(t) for t in dialog.history.lines()]
    assert line == "ورود ۰۸:۲۵ ← ۰۸:۰۵ — اصلاح در ۱۴۰۳/۱۱/۲۰ ۰۹:۳۰"
    assert plain(dialog.history.list.item(0).text()) == line
    assert [plain(dialog.punches.list.item(i).text()) for i in range(dialog.punches.list.count())] == \
        ["۰۸:۰۵  ورود  (اصلاح)", "۱۶:۰۰  خروج  (دستی)"]
    assert "تأخیر: <b>—</b>" in dialog.result.text()
    tab.chooser.step(-1)
    assert cell(tab, DEY_SAT, "late") == "" and plain(cell(tab, DEY_SAT, "punches")) == "۰۸:۰۵–۱۶:۰۰"


def test_removing_a_punch_asks_and_keeps_it_in_the_history(qtbot, office, staff, day_dialog, answers):
    worked_day(office, staff["ali"], DEY_SAT, "08:00", "16:00")
    dialog = day_dialog(DEY_SAT)
    dialog.punches.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.punches.remove_button, Qt.LeftButton)
    assert "حذف شود؟" in plain(answers[-1])
    assert dialog.punches.list.count() == 1
    assert plain(dialog.history.lines()[0]).startswith("خروج ۱۶:۰۰ حذف شد")
    assert "ورود یا خروجی بی‌جفت است" in dialog.result.text()


def test_a_day_of_leave_removes_the_absence(qtbot, tab, day_dialog):
    absent_day = date(2025, 2, 5)  # چهارشنبه ۱۷ بهمن, nothing recorded
    assert cell(tab, absent_day, "absent") == "۸:۰۰"
    before = tab.month_page.data.totals.absent
    dialog = day_dialog(absent_day)
    dialog.leaves.leave_type.setCurrentIndex(dialog.leaves.leave_type.findData("entitled"))
    assert dialog.leaves.daily.isChecked()
    qtbot.mouseClick(dialog.leaves.add_button, Qt.LeftButton)
    assert [dialog.leaves.list.item(i).text() for i in range(dialog.leaves.list.count())] == ["استحقاقی، روزانه"]
    assert cell(tab, absent_day, "absent") == ""
    assert cell(tab, absent_day, "leave") == "روزانه (استحقاقی)"
    assert tab.month_page.data.totals.absent == before - 480
    assert "۲۵ روز" in tab.month_page.balance.text()


def test_hourly_leave_and_a_mission_with_its_place(qtbot, tab, office, staff, day_dialog):
    worked_day(office, staff["ali"], DEY_SAT, "10:00", "14:00")
    dialog = day_dialog(DEY_SAT)
    dialog.leaves.hourly.setChecked(True)
    type_text(dialog.leaves.start.edit, "۸")
    type_text(dialog.leaves.end.edit, "۱۰")
    qtbot.mouseClick(dialog.leaves.add_button, Qt.LeftButton)
    dialog.missions.hourly.setChecked(True)
    type_text(dialog.missions.start.edit, "14:00")
    type_text(dialog.missions.end.edit, "16:00")
    type_text(dialog.missions.place, "بانک ملت")
    qtbot.mouseClick(dialog.missions.add_button, Qt.LeftButton)
    assert plain(dialog.missions.list.item(0).text()) == "۱۴:۰۰ تا ۱۶:۰۰ — بانک ملت"
    tab.chooser.step(-1)
    assert (cell(tab, DEY_SAT, "late"), cell(tab, DEY_SAT, "early")) == ("", "")
    assert (cell(tab, DEY_SAT, "leave"), cell(tab, DEY_SAT, "mission")) == ("۲:۰۰", "۲:۰۰")


def test_a_wrong_time_is_refused_under_its_field(qtbot, office, staff, day_dialog):
    dialog = day_dialog(DEY_SAT)
    type_text(dialog.punches.time.edit, "25:00")
    qtbot.mouseClick(dialog.punches.add_button, Qt.LeftButton)
    assert dialog.punches.time.shown_error() and dialog.punches.list.count() == 0


# -- the fingerprint device -----------------------------------------------------------------------------
ATTLOG = "     7\t2025-02-05 07:58:12\t1\t0\t0\t0\n     7\t2025-02-05 16:03:40\t1\t1\t0\t0\n"


def test_an_attlog_imported_through_the_tab(qtbot, monkeypatch, tab, office, staff, tmp_path):
    from crm_desktop.attendance.views import import_dialog
    from crm_desktop.attendance.views.import_dialog import ImportDialog

    good = tmp_path / "attlog.dat"
    good.write_text(ATTLOG, encoding="utf-8")
    bad = tmp_path / "bad.dat"
    bad.write_text(ATTLOG + "     7\t2025-02-31 08:00:00\t1\t0\t0\t0\n     9\t2025-02-06 08:00:00\t1\t0\t0\t0\n",
                   encoding="utf-8")
    picks = iter([str(good), str(bad)])
    monkeypatch.setattr(import_dialog, "ask_open_path", lambda parent, title, filters: next(picks))
    seen = {}

    def factory(office_, parent):
        dialog = ImportDialog(office_, parent)
        qtbot.addWidget(dialog)

        def run_it():
            row = next(r for r in range(dialog.pins.rowCount()) if dialog.pins.item(r, 0).text() == "علی رضایی")
            dialog.pins.item(row, 2).setText("۰۰۷")  # typed in the table
            pick = dialog.findChild(QPushButton, "attendance.import.pick_attlog")
            qtbot.mouseClick(pick, Qt.LeftButton)
            qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
            seen["good"] = dialog.result.text()
            qtbot.mouseClick(pick, Qt.LeftButton)
            qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
            seen["bad"] = dialog.result.text()
            return 0

        dialog.exec = run_it
        return dialog

    tab.import_dialog_factory = factory
    count = lambda: office.conn.execute("SELECT count(*) FROM attendance_punches").fetchone()[0]  # noqa: E731
    tab.import_device()
    assert office.attendance.pins() == {"7": staff["ali"]}
    assert seen["good"] == "۲ ورود و خروج افزوده شد (برای ۱ نفر)؛ ثبت تکراری نبود."
    assert "هیچ ورود و خروجی وارد نشد" in seen["bad"] and "سطر ۳: تاریخ و ساعت درست نیست" in seen["bad"]
    assert "سطر ۴" in seen["bad"] and "«9»" in seen["bad"]
    assert count() == 2
    assert plain(cell(tab, date(2025, 2, 5), "punches")) == "۰۷:۵۸–۱۶:۰۳"
    assert cell(tab, date(2025, 2, 5), "absent") == ""


def test_the_same_file_twice_says_the_punches_were_there(qtbot, office, staff, tmp_path):
    from crm_desktop.attendance.views.import_dialog import ImportDialog

    office.attendance.set_pin("7", staff["ali"])
    path = tmp_path / "attlog.dat"
    path.write_text(ATTLOG, encoding="utf-8")
    dialog = ImportDialog(office, None)
    qtbot.addWidget(dialog)
    dialog.attlog.setText(str(path))
    dialog.run()
    result = dialog.run()
    assert (result.added, result.repeated) == (0, 2)
    assert dialog.result.text() == "۰ ورود و خروج افزوده شد؛ ۲ ثبت تکراری بود و دوباره ثبت نشد."


def test_a_device_pin_someone_else_has_is_refused(qtbot, office, staff, answers):
    from crm_desktop.attendance.views.import_dialog import ImportDialog

    office.attendance.set_pin("7", staff["ali"])
    dialog = ImportDialog(office, None)
    qtbot.addWidget(dialog)
    assert dialog.set_pin(staff["sara"], "7") is False
    assert "پیش‌تر برای «علی رضایی» ثبت شده است" in answers[-1]
    assert office.attendance.pins() == {"7": staff["ali"]}


# -- work schedules -------------------------------------------------------------------------------------
def test_a_schedule_edit_changes_the_expected_minutes(qtbot, tab, office, staff):
    from crm_desktop.attendance.views.schedules_dialog import SchedulesDialog

    tab.chooser.step(-1)  # Dey 1403: 5 Saturdays, none a holiday
    before = tab.month_page.data.totals.expected
    dialog = SchedulesDialog(office, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    saturday = dialog.week.day_rows[0].fields[0]
    saturday.end.edit.clear()
    type_text(saturday.end.edit, "۱۴:۰۰")
    finish_editing(saturday.end.edit)
    assert dialog.is_dirty()
    assert plain(dialog.week.total.text()) == "جمع ساعت‌های هفته: ۴۲:۰۰"
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.is_dirty() and dialog.error.text() == ""
    assert office.attendance.schedule_for(staff["ali"]).shifts(0)[0].end == time(14)
    assert tab.month_page.data.totals.expected == before - 5 * 120


def test_a_night_shift_schedule_assigned_to_a_person(qtbot, office, staff, answers):
    from crm_desktop.attendance.views.schedules_dialog import SchedulesDialog

    dialog = SchedulesDialog(office, None, file_id=staff["sara"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pages.currentIndex() == 0
    assert dialog.staff_table.currentRow() == 0 and dialog.staff_table.item(0, 0).text() == "سارا احمدی"
    qtbot.mouseClick(dialog.new_button, Qt.LeftButton)
    type_text(dialog.name, "شیفت شب")
    for weekday, row in enumerate(dialog.week.day_rows):
        row.off.setChecked(weekday != 0)
    first = dialog.week.day_rows[0].fields[0]
    for field, text in ((first.start, "22:00"), (first.end, "06:00")):
        field.edit.clear()
        type_text(field.edit, text)
        finish_editing(field.edit)
    assert first.night.isVisibleTo(dialog)  # «(فردا)»
    assert dialog.save()
    night = next(s for s in office.attendance.schedules() if s.name == "شیفت شب")
    assert night.shifts(0)[0].overnight and not night.shifts(1)
    box = dialog.assign_boxes[staff["sara"]]
    box.setCurrentIndex(box.findData(night.id))
    assert office.attendance.schedule_for(staff["sara"]).id == night.id
    assert office.attendance.schedule_for(staff["ali"]).id != night.id


def test_a_schedule_without_a_name_is_not_saved(qtbot, office):
    from crm_desktop.attendance.views.schedules_dialog import SchedulesDialog

    dialog = SchedulesDialog(office, None)
    qtbot.addWidget(dialog)
    dialog.name.clear()
    assert dialog.save() is False
    assert dialog.error.text() == "نام برنامه کاری را بنویسید."


# -- the office's month, print and export ---------------------------------------------------------------
def test_the_office_summary_and_a_double_click_back_to_the_person(qtbot, tab, office, staff):
    worked_day(office, staff["sara"], DEY_SAT, "08:00", "16:00")
    tab.chooser.step(-1)
    tab.pages.setCurrentIndex(1)
    names = [line.name for line in tab.summary_page.rows()]
    assert names == ["سارا احمدی", "علی رضایی"]  # Persian order
    table = tab.summary_page.table
    index = tab.summary_page.model.index(0, 0)
    double_click(qtbot, table, index)
    assert tab.pages.currentIndex() == 0 and tab.person_id() == staff["sara"]
    assert cell(tab, DEY_SAT, "worked") == "۸:۰۰"


def inline_runner(monkeypatch):
    from crm_desktop.phonebook.views import list_actions

    monkeypatch.setattr(list_actions, "runner",
                        lambda parent, title, fn, args, done, **kw: done(fn(args, lambda *a: True)))
    return list_actions


def test_print_the_timesheet_and_the_summary(monkeypatch, tab, office, staff):
    worked_day(office, staff["ali"], DEY_SAT, "08:00", "16:00")
    list_actions = inline_runner(monkeypatch)
    opened = []
    monkeypatch.setattr(list_actions, "open_file", lambda path: opened.append(path) or True)
    tab.chooser.step(-1)
    job = tab.print_report()
    assert job.what == "timesheet" and job.file_id == staff["ali"] and (job.year, job.month) == (1403, 10)
    tab.pages.setCurrentIndex(1)
    summary = tab.print_report()
    assert summary.what == "summary"
    assert opened == [job.path, summary.path]
    for path in opened:
        assert path.read_bytes().startswith(b"%PDF")
    assert "کارکرد علی رضایی دی 1403" in job.path.name


def test_export_the_month_to_excel(monkeypatch, tab, office, staff, tmp_path, answers):
    import openpyxl

    worked_day(office, staff["ali"], DEY_SAT, "08:00", "16:00")
    list_actions = inline_runner(monkeypatch)
    target = tmp_path / "کارکرد"
    monkeypatch.setattr(list_actions, "ask_save_path", lambda *a: (str(target), "Excel (*.xlsx)"))
    tab.chooser.step(-1)
    job = tab.export("timesheet")
    assert job.path == tmp_path / "کارکرد.xlsx"
    cells = [str(c) for row in openpyxl.load_workbook(job.path).active.iter_rows(values_only=True) for c in row if c]
    assert cells[cells.index("1403/10/01"):][:5] == ["1403/10/01", "شنبه", "08:00", "16:00", "480"]
    assert "ذخیره شد" in answers[-1]
    job = tab.export("summary")
    cells = [str(c) for row in openpyxl.load_workbook(job.path).active.iter_rows(values_only=True) for c in row if c]
    assert "علی رضایی" in cells and "سارا احمدی" in cells


def test_the_timesheet_needs_a_person(monkeypatch, qtbot, office, answers):
    from crm_desktop.attendance.view import AttendanceTab
    from crm_desktop.shell.events import OfficeEvents

    empty = AttendanceTab(office, OfficeEvents(office), None, clock=lambda: NOW)
    qtbot.addWidget(empty)
    assert empty.person_id() is None and empty.month_page.rows() == []
    assert empty.print_report("timesheet") is None
    assert answers == ["نخست شخص را انتخاب کنید."]


def test_the_tab_is_registered_after_the_files_tab():
    from crm_desktop.shell.features import FEATURE_TABS

    names = [f.name for f in FEATURE_TABS]
    assert names.index("attendance") == names.index("files" if "files" in names else "cheques") + 1
    feature = FEATURE_TABS[names.index("attendance")]
    assert feature.title == "حضور و غیاب" and feature.load().__name__ == "AttendanceTab"
