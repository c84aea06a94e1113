"""The printed attendance book: a person's Jalali-month timesheet (each day's row, the totals and
the year's leave balance, worked out by hand below), the office's month summary and both as
XLSX; read back from the PDF with pdftotext (digits and times in reading order, columns from the
right) and from the workbook with openpyxl.

Aban 1404 (2025-10-23 … 2025-11-21): 30 days, five Fridays (2, 9, 16, 23, 30) and the office's
own holiday on the 12th: 24 working days, five of them Thursdays of four hours, so 19 × 8 h +
5 × 4 h = 172:00 expected. Ali works 08:00–16:00 (Thursdays 08:00–12:00) except:
  03 Sat 08:05–16:30  late inside the grace, 8:25 worked, 0:25 overtime
  04 Sun 08:20–16:00  0:20 late, 7:40 worked
  05 Mon 08:00–15:10  0:50 early exit, 7:10 worked
  06 Tue 08:00–11:00 and 14:00–16:00 with entitled leave 11–14 across noon: 5:00 worked, 3:00 leave
  07 Wed nothing: absent 8:00
  08 Thu 08:00–13:00  a half day and an hour of overtime: 5:00 worked
  09 Fri 09:00–12:00  work on a Friday is overtime: 3:00
  10 Sat a day of sick leave (8:00), 11 Sun a day's mission in Isfahan (8:00)
  13 Tue only an entry at 08:00: incomplete, counted absent (8:00)
Worked: 11 plain days × 8 h + 4 plain Thursdays × 4 h = 104:00, plus 8:25 + 7:40 + 7:10 + 5:00 +
5:00 + 3:00 = 140:15. Late 0:20, early 0:50, overtime 0:25 + 1:00 + 3:00 = 4:25, absence 16:00
(2 days), leave 11:00, mission 8:00. Entitled leave used 3:00 of 26 days: 25 days and 5:00 left.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from crm_desktop.attendance.model import Leave, Mission
from crm_desktop.core import jalali
from crm_desktop.files.model import PersonFile
from crm_desktop.phonebook.model import Contact
from tests.pdf_helpers import has_persian, page_count, read_pdf

YEAR, MONTH = 1404, 8
AFTER = date(2025, 12, 1)  # the month is over
OFFICE = "شرکت نمونه پارس"


def day(n: int) -> date:
    return jalali.from_jalali(YEAR, MONTH, n)


def at(n: int, hhmm: str) -> datetime:
    return datetime.combine(day(n), time.fromisoformat(hhmm))


SPECIAL = {
    3: [("08:05", "16:30")], 4: [("08:20", "16:00")], 5: [("08:00", "15:10")],
    6: [("08:00", "11:00"), ("14:00", "16:00")], 7: [], 8: [("08:00", "13:00")], 9: [("09:00", "12:00")],
    10: [], 11: [], 12: [], 13: [("08:00", None)],
}


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: datetime(2025, 12, 1, 9, 0)) as opened:
        yield opened


@pytest.fixture
def ali(office):
    contact = office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
    file_id = office.files.add(PersonFile("personnel", contact, number="P-7"))
    att = office.attendance
    office.reminders.set_holiday(day(12), "تعطیلی اضطراری")
    for n in range(1, 31):
        if n in SPECIAL:
            pairs = SPECIAL[n]
        elif jalali.weekday(day(n)) == 6:
            pairs = []
        elif jalali.weekday(day(n)) == 5:
            pairs = [("08:00", "12:00")]
        else:
            pairs = [("08:00", "16:00")]
        for a, b in pairs:
            att.punch(file_id, "in", at(n, a))
            if b:
                att.punch(file_id, "out", at(n, b))
    att.add_leave(Leave(file_id, day(6), "entitled", time(11), time(14)))
    att.add_leave(Leave(file_id, day(10), "sick"))
    att.add_mission(Mission(file_id, day(11), "اصفهان"))
    return file_id


@pytest.fixture
def sara(office, ali):
    """A second member of staff: every working day 08:00–16:00 (Thursdays to 12:00)."""
    contact = office.phonebook.add(Contact(first_name="سارا", last_name="پاکزاد"))
    file_id = office.files.add(PersonFile("personnel", contact, number="P-8"))
    for n in range(1, 31):
        shifts = office.attendance.schedule_for(file_id).shifts(jalali.weekday(day(n)))
        if shifts and n != 12:
            office.attendance.punch(file_id, "in", datetime.combine(day(n), shifts[0].start))
            office.attendance.punch(file_id, "out", datetime.combine(day(n), shifts[0].end))
    return file_id


def row_of(page, text: str) -> list[str]:
    """The words of the visual line holding ``text`` (the first line of a row), left to right."""
    for line in page.lines():
        if any(w.text == text for w in line):
            return [w.text for w in line]
    raise AssertionError(f"{text} not on the page")


def figures(words: list[str]) -> list[str]:
    """The digits and Latin of a row (its Persian words come back in presentation forms)."""
    return [w for w in words if any(ch.isdigit() or ch.isascii() and ch.isalpha() for ch in w) or w == "—"]


def word(page, text: str):
    found = page.find(text)
    assert found, text
    return found[0]


# -- the figures -----------------------------------------------------------------------------------
def test_the_months_figures_match_the_hand_worked_ones(office, ali):
    from crm_desktop.attendance.report_data import timesheet

    sheet = timesheet(office, ali, YEAR, MONTH, today=AFTER)
    t = sheet.totals
    assert (t.working_days, t.expected) == (24, 172 * 60)
    assert (t.worked, t.late, t.early, t.overtime) == (140 * 60 + 15, 20, 50, 265)
    assert (t.absent, t.absent_days, t.leave, t.mission) == (480, 1, 660, 480)  # the 13th: incomplete, not absent
    assert sheet.leave_by_type == {"entitled": 180, "sick": 480, "unpaid": 0}
    assert (sheet.year_used, sheet.balance, sheet.through) == (180, 26 * 480 - 180, None)
    by_day = {line.day: line for line in sheet.days}
    assert by_day[day(6)].punch_columns() == (["۰۸:۰۰", "۱۴:۰۰"], ["۱۱:۰۰", "۱۶:۰۰"])
    assert by_day[day(13)].punch_columns() == (["۰۸:۰۰"], ["—"])
    assert by_day[day(13)].notes() == ["ناقص: خروج ثبت نشده"]
    assert by_day[day(12)].notes() == ["تعطیلی اضطراری"] and by_day[day(12)].is_day_off
    assert by_day[day(6)].notes() == ["مرخصی استحقاقی ۱۱:۰۰ تا ۱۴:۰۰"]
    assert by_day[day(11)].notes() == ["ماموریت (روزانه): اصفهان"]


def test_the_years_leave_counts_the_months_before_and_not_after(office, ali, sara):
    """A day of entitled leave in Ordibehesht and two hours in Mehr count; Azar's does not yet;
    sick leave never does."""
    from crm_desktop.attendance.report_data import month_summary, timesheet

    earlier = jalali.from_jalali(1404, 2, 13)  # a Saturday
    assert jalali.weekday(earlier) == 0
    office.attendance.add_leave(Leave(ali, earlier, "entitled"))
    office.attendance.add_leave(Leave(ali, jalali.from_jalali(1404, 7, 6), "entitled", time(14), time(17)))  # to 16:00
    office.attendance.add_leave(Leave(ali, jalali.from_jalali(1404, 7, 7), "sick"))
    office.attendance.add_leave(Leave(ali, jalali.from_jalali(1404, 9, 5), "entitled"))  # a Wednesday
    assert jalali.weekday(jalali.from_jalali(1404, 7, 6)) not in (5, 6)
    used = 480 + 120 + 180
    sheet = timesheet(office, ali, YEAR, MONTH, today=AFTER)
    assert (sheet.year_used, sheet.balance) == (used, 26 * 480 - used)
    line = next(x for x in month_summary(office, YEAR, MONTH, today=AFTER).lines if x.file_id == ali)
    assert (line.year_used, line.balance) == (used, 26 * 480 - used)
    assert office.attendance.leave_used(ali, 1404) == used + 480  # the whole year, Azar's day too


def test_a_month_not_over_counts_up_to_today(office, ali):
    """On 1404/08/10 (a Saturday, the sick day) the days to come have no absence and no expected
    minutes; today has no absence yet."""
    from crm_desktop.attendance.report_data import timesheet

    sheet = timesheet(office, ali, YEAR, MONTH, today=day(13))
    t = sheet.totals
    # days 1–13: working days 1, 3–8, 10, 11, 13 = 10 (Thursdays 1 and 8 of 4 hours)
    assert (t.working_days, t.expected, sheet.through) == (10, 8 * 480 + 2 * 240, day(13))
    assert (t.absent, t.absent_days) == (480, 1)  # the 7th; the 13th is today: not yet
    assert all(line.result.absent == 0 for line in sheet.days if line.day >= day(13))


def test_no_absence_before_the_hire_date(office, ali):
    from crm_desktop.attendance.report_data import month_summary

    contact = office.phonebook.add(Contact(first_name="نیما", last_name="کاظمی"))
    newcomer = office.files.add(PersonFile("personnel", contact, data={"hire_date": day(20)}))
    summary = month_summary(office, YEAR, MONTH, today=AFTER)
    line = next(x for x in summary.lines if x.file_id == newcomer)
    # from the 20th: working days 20, 21, 22, 24–29 = 9 (Thursdays 22 and 29), all absent
    assert (line.totals.working_days, line.totals.absent_days, line.totals.absent) == (9, 9, 7 * 480 + 2 * 240)


# -- the timesheet PDF ------------------------------------------------------------------------------
def test_the_timesheet_rows_and_totals_read_back(tmp_path, office, ali):
    from crm_desktop.attendance.report import write_timesheet

    out = tmp_path / "timesheet.pdf"
    result = write_timesheet(office, out, ali, YEAR, MONTH, office_name=OFFICE, today=AFTER)
    assert (result.pages, result.rows) == (1, 30) and page_count(out) == 1
    page = read_pdf(out)[0]
    assert page.width < page.height  # A4 portrait
    for phrase in ("برگه کارکرد ماهانه", OFFICE, "علی رضایی", "آبان ۱۴۰۴", "تعطیلی اضطراری", "مرخصی استعلاجی (روزانه)",
                   "ماموریت (روزانه): اصفهان", "ناقص: خروج ثبت نشده", "جمع ماه", "مانده مرخصی",
                   "امضای کارمند"):
        assert has_persian(page, phrase), phrase
    # a day's row, right to left: date, weekday, entry, exit, worked, late (the grace forgives 5 minutes), overtime
    assert figures(row_of(page, "۱۴۰۴/۰۸/۰۳")) == ["۰:۲۵", "۸:۲۵", "۱۶:۳۰", "۰۸:۰۵", "۱۴۰۴/۰۸/۰۳"]
    assert row_of(page, "۱۴۰۴/۰۸/۰۴")[:4] == ["۰:۲۰", "۷:۴۰", "۱۶:۰۰", "۰۸:۲۰"]
    assert row_of(page, "۱۴۰۴/۰۸/۰۵")[:4] == ["۰:۵۰", "۷:۱۰", "۱۵:۱۰", "۰۸:۰۰"]
    assert row_of(page, "۱۴۰۴/۰۸/۰۹")[:4] == ["۳:۰۰", "۳:۰۰", "۱۲:۰۰", "۰۹:۰۰"]  # Friday: all overtime
    # across noon: two pairs, the leave in the leave column
    assert row_of(page, "۱۴۰۴/۰۸/۰۶")[:4] == ["۳:۰۰", "۵:۰۰", "۱۱:۰۰", "۰۸:۰۰"]
    assert row_of(page, "۱۴۰۴/۰۸/۰۷")[0] == "۸:۰۰"  # absent
    # the month's totals, left to right: mission, leave, absence, overtime, early, late, worked
    totals = row_of(page, "۱۴۰:۱۵")
    assert totals[:7] == ["۸:۰۰", "۱۱:۰۰", "۸:۰۰", "۴:۲۵", "۰:۵۰", "۰:۲۰", "۱۴۰:۱۵"]
    text = page.visual_text()
    assert "۱۷۲:۰۰" in text and "۲۴" in text  # expected, working days
    # columns from the right: the date at the right edge, the mission at the left
    date_word, mission = word(page, "۱۴۰۴/۰۸/۱۱"), page.find("۸:۰۰")
    assert date_word.x1 > page.width - 60 and min(w.x0 for w in mission) < 90
    assert min(w.x0 for w in page.words) >= 39 and max(w.x1 for w in page.words) <= page.width - 39


def test_holidays_and_fridays_are_shaded(tmp_path, office, ali):
    """The row of a Friday and of the office's holiday has the tint; a working day has none."""
    import subprocess

    from crm_desktop.attendance.report import write_timesheet

    out = tmp_path / "t.pdf"
    write_timesheet(office, out, ali, YEAR, MONTH, today=AFTER)
    page = read_pdf(out)[0]
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-singlefile", str(out), str(tmp_path / "t")], check=True)
    from PIL import Image

    image = Image.open(tmp_path / "t.png").convert("RGB")

    def tint(text):
        w = word(page, text)
        return image.getpixel((int(w.x1 + 3), int(w.y0)))  # inside the row, in the date cell's margin

    assert tint("۱۴۰۴/۰۸/۰۹") == tint("۱۴۰۴/۰۸/۱۲") != (255, 255, 255)
    assert tint("۱۴۰۴/۰۸/۰۳") != tint("۱۴۰۴/۰۸/۰۹")


def test_a_night_shift_exit_says_next_day(tmp_path, office):
    """Saturday 22:00–06:00 (grace 15): in at 22:05, out on Sunday at 06:10 — 8:05 worked, 0:05 overtime."""
    from crm_desktop.attendance.model import Schedule, Shift
    from crm_desktop.attendance.report import write_timesheet

    guard = office.files.add(PersonFile("personnel", office.phonebook.add(Contact(first_name="رضا", last_name="نگهبان"))))
    night = office.attendance.save_schedule(Schedule("شیفت شب", {0: (Shift(time(22), time(6)),)}, 15))
    office.attendance.assign_schedule(guard, night)
    office.attendance.punch(guard, "in", at(17, "22:05"))
    office.attendance.punch(guard, "out", datetime.combine(day(18), time(6, 10)))
    out = tmp_path / "night.pdf"
    write_timesheet(office, out, guard, YEAR, MONTH, today=AFTER, landscape=True)
    page = read_pdf(out)[0]
    assert page.width > page.height
    assert figures(row_of(page, "۱۴۰۴/۰۸/۱۷")) == ["۰:۰۵", "۸:۰۵", "۰۶:۱۰", "۲۲:۰۵", "۱۴۰۴/۰۸/۱۷"]
    assert has_persian(page, "فردا") and has_persian(page, "شیفت شب")
    assert "۰۶:۱۰" not in figures(row_of(page, "۱۴۰۴/۰۸/۱۸"))  # Sunday: the exit belongs to Saturday


# -- the office summary ---------------------------------------------------------------------------
def test_the_summary_has_a_row_per_member_of_staff_and_the_totals(tmp_path, office, ali, sara):
    from crm_desktop.attendance.report import write_month_summary

    out = tmp_path / "summary.pdf"
    result = write_month_summary(office, out, YEAR, MONTH, office_name=OFFICE, today=AFTER)
    assert (result.pages, result.rows) == (1, 2)
    page = read_pdf(out)[0]
    assert page.width > page.height  # landscape
    assert has_persian(page, "خلاصه کارکرد ماهانه کارکنان") and has_persian(page, "آبان ۱۴۰۴ — ۲ نفر")
    assert has_persian(page, "جمع") and has_persian(page, "مانده مرخصی")
    # Persian order: پاکزاد before رضایی
    assert word(page, "P-8").y0 < word(page, "P-7").y0
    # left to right: leave left («۲۵ روز و ۵:۰۰»), the year's leave, absent days, mission, leave,
    # absence, overtime, early exit, lateness, worked, expected, working days, number, row
    assert figures(row_of(page, "P-7")) == ["۵:۰۰", "۲۵", "۳:۰۰", "۱", "۸:۰۰", "۱۱:۰۰", "۸:۰۰", "۴:۲۵", "۰:۵۰",
                                             "۰:۲۰", "۱۴۰:۱۵", "۱۷۲:۰۰", "۲۴", "P-7", "۲"]
    assert figures(row_of(page, "P-8")) == ["۲۶", "—", "۱۷۲:۰۰", "۱۷۲:۰۰", "۲۴", "P-8", "۱"]
    total = row_of(page, "۳۱۲:۱۵")  # 140:15 + 172:00, two people's 172:00 expected
    assert figures(total) == ["۱", "۸:۰۰", "۱۱:۰۰", "۸:۰۰", "۴:۲۵", "۰:۵۰", "۰:۲۰", "۳۱۲:۱۵", "۳۴۴:۰۰", "۲)"]


def test_a_former_member_of_staff_without_records_is_left_out(office, ali, sara):
    from crm_desktop.attendance.report_data import month_summary

    office.files.end_employment(sara, date(2025, 9, 1), "استعفا")
    office.conn.execute("DELETE FROM attendance_punches WHERE file_id = ?", (sara,))
    office.conn.commit()
    assert [line.number for line in month_summary(office, YEAR, MONTH, today=AFTER).lines] == ["P-7"]


# -- XLSX -----------------------------------------------------------------------------------------
def test_the_timesheet_as_xlsx_has_minutes_as_numbers_and_hm_text(tmp_path, office, ali):
    from openpyxl import load_workbook

    from crm_desktop.attendance.report import write_timesheet_xlsx

    out = tmp_path / "t.xlsx"
    result = write_timesheet_xlsx(office, out, ali, YEAR, MONTH)
    assert result.rows == 30
    ws = load_workbook(out).worksheets[0]
    assert ws.sheet_view.rightToLeft
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert header[:7] == ("تاریخ", "روز", "شرح", "ورود", "خروج", "کارکرد (دقیقه)", "کارکرد (ساعت)")
    third = rows[3]
    assert third[:9] == ("1404/08/03", "شنبه", None, "08:05", "16:30", 505, "8:25", 0, "0:00")
    assert rows[6][2] == "مرخصی استحقاقی ۱۱:۰۰ تا ۱۴:۰۰" and rows[6][3:5] == ("08:00، 14:00", "11:00، 16:00")
    total = next(r for r in rows if r[0] == "جمع ماه")
    figures = dict(zip(header[5::2], total[5::2]))
    assert figures == {"کارکرد (دقیقه)": 8415, "تأخیر (دقیقه)": 20, "تعجیل (دقیقه)": 50, "اضافه\u200cکار (دقیقه)": 265,
                       "غیبت (دقیقه)": 480, "مرخصی (دقیقه)": 660, "ماموریت (دقیقه)": 480}
    assert total[6] == "140:15"
    balance = next(r for r in rows if r[0] == "مانده مرخصی استحقاقی سال")
    assert balance[2] == "25 روز و 5:00" and balance[5:7] == (12300, "205:00")


def test_the_summary_as_xlsx(tmp_path, office, ali, sara):
    from openpyxl import load_workbook

    from crm_desktop.attendance.report import write_summary_xlsx

    out = tmp_path / "s.xlsx"
    assert write_summary_xlsx(office, out, YEAR, MONTH).rows == 2
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    by_number = {r[0]: dict(zip(header, r)) for r in rows[1:3]}
    ali_row = by_number["P-7"]
    assert ali_row["نام"] == "علی رضایی" and ali_row["روزهای کاری"] == 24
    assert (ali_row["کارکرد (دقیقه)"], ali_row["کارکرد (ساعت)"], ali_row["روزهای غیبت"]) == (8415, "140:15", 1)
    assert ali_row["مانده مرخصی سال (دقیقه)"] == 12300 and ali_row["مانده مرخصی (روز)"] == "25 روز و 5:00"
    assert by_number["P-8"]["کارکرد (دقیقه)"] == 172 * 60
    assert rows[3][1] == "جمع (2 نفر)" and rows[3][header.index("کارکرد (دقیقه)")] == 8415 + 172 * 60


def test_a_bad_output_folder_is_one_clear_error_and_leaves_nothing(tmp_path, office, ali):
    from crm_desktop.attendance.report import write_summary_xlsx, write_timesheet
    from crm_desktop.errors import UserError

    with pytest.raises(UserError):
        write_timesheet(office, tmp_path / "missing" / "t.pdf", ali, YEAR, MONTH)
    with pytest.raises(UserError):
        write_summary_xlsx(office, tmp_path / "missing" / "s.xlsx", YEAR, MONTH)
    assert all(p.name.startswith("office.sqlite3") for p in tmp_path.iterdir())
