"""``attendance`` and ``report attendance`` on the command line, as real processes: a punch by
number or id in any digit script (the same punch again adds nothing), a ZKTeco attlog imported
twice (the second time everything is «repeated»), a bad line refusing the whole file with one
Persian line on stderr and exit 2, a month's figures as text and JSON, the timesheet and the
office summary as PDF and XLSX."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from tests.conftest import run_cli


def count(db, sql="SELECT count(*) FROM attendance_punches WHERE replaced_at IS NULL"):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path):
    """Two members of staff (P-7 علی رضایی, P-8 سارا پاکزاد), Ali with device PIN 7."""
    from crm_desktop.files.model import PersonFile
    from crm_desktop.office import Office
    from crm_desktop.phonebook.model import Contact

    path = tmp_path / "office.sqlite3"
    with Office(path) as office:
        ali = office.files.add(PersonFile("personnel", office.phonebook.add(Contact(first_name="علی", last_name="رضایی")),
                                          number="P-7"))
        office.files.add(PersonFile("personnel", office.phonebook.add(Contact(first_name="سارا", last_name="پاکزاد")),
                                    number="P-8"))
        office.attendance.set_pin("7", ali)
    return path


def one_line_error(done, *phrases):
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crm-desktop"), done.stderr
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])


def test_punch_in_and_out_by_number_or_id(db):
    done = run_cli("attendance", "punch", "--person", "p-7", "--in", "--at", "۱۴۰۴/۰۸/۰۳ ۰۸:۰۵", db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "recorded: ورود علی رضایی (P-7) 1404/08/03 08:05"
    done = run_cli("attendance", "punch", "--person", "1", "--out", "--at", "1404/08/03 16:30", "--json", db=db)
    data = json.loads(done.stdout)
    assert (data["added"], data["direction"], data["at_iso"], data["number"]) == (True, "out", "2025-10-25T16:30:00", "P-7")
    again = run_cli("attendance", "punch", "--person", "P-7", "--in", "--at", "1404/08/03 08:05", db=db)
    assert again.returncode == 0 and again.stdout.startswith("already recorded, nothing added")
    assert count(db) == 2


def test_punch_errors_are_one_persian_line(db):
    one_line_error(run_cli("attendance", "punch", "--person", "P-99", "--in", db=db), "P-99", "پرونده پرسنلی")
    one_line_error(run_cli("attendance", "punch", "--person", "P-7", "--in", "--at", "1404/12/30 08:00", db=db), "۱۴۰۴")
    one_line_error(run_cli("attendance", "punch", "--person", "P-7", db=db), "--in")  # neither --in nor --out
    assert count(db) == 0


ATTLOG = ("     7\t2025-10-25 07:58:12\t1\t0\t0\t0\n"
          "     7\t2025-10-25 16:03:40\t1\t1\t0\t0\n"
          "     8\t2025-10-25 08:12:00\t1\t0\t0\t0\n"
          "     8\t2025-10-25 16:00:05\t1\t1\t0\t0\n")


def test_an_attlog_imported_twice_adds_nothing_the_second_time(db, tmp_path):
    log = tmp_path / "1_attlog.dat"
    log.write_text(ATTLOG, encoding="ascii")
    device_map = tmp_path / "map.csv"
    device_map.write_text("PIN,شماره پرونده\n8,P-8\n", encoding="utf-8")
    first = run_cli("attendance", "import", log, "--device-map", device_map, db=db)
    assert first.returncode == 0, first.stderr
    assert "4 added, 0 repeated" in first.stdout and "2 people" in first.stdout
    again = run_cli("attendance", "import", log, "--device-map", device_map, "--json", db=db)
    assert json.loads(again.stdout) == {"lines": 4, "added": 0, "repeated": 4, "people": 0}
    assert count(db) == 4


def test_a_bad_line_imports_nothing_and_names_its_lines(db, tmp_path):
    log = tmp_path / "bad.dat"
    log.write_text(ATTLOG + "     7\t2025-02-31 08:00:00\t1\t0\t0\t0\n     9\t2025-10-26 08:00:00\t1\t0\t0\t0\n")
    done = run_cli("attendance", "import", log, db=db)
    # PIN 8 is unknown without the map: lines 3 and 4 too; the first three are named
    one_line_error(done, "سطر ۳", "سطر ۴", "سطر ۵: تاریخ و ساعت درست نیست", "و ۱ سطر دیگر", "هیچ ورود و خروجی وارد نشد")
    assert count(db) == 0
    one_line_error(run_cli("attendance", "import", tmp_path / "missing.dat", db=db), "missing.dat")


def _punch_month(db):
    from crm_desktop.office import Office

    with Office(db) as office:
        for day in (25, 26, 27):  # 1404/08/03–05
            office.attendance.punch(1, "in", datetime(2025, 10, day, 8, 20 if day == 26 else 0))
            office.attendance.punch(1, "out", datetime(2025, 10, day, 16, 0))


def test_the_months_figures_on_the_terminal(db):
    _punch_month(db)
    done = run_cli("attendance", "month", "--month", "1404/08", db=db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "آبان ۱۴۰۴: 2 staff"
    ali = next(line.split("\t") for line in lines if line.startswith("P-7\t"))
    # 25 working days (180:00 expected, five Thursdays of 4 h), 3 days worked, 0:20 late, 22 absent
    assert ali[:6] == ["P-7", "علی رضایی", "25", "180:00", "23:40", "0:20"] and ali[9] == "22"
    data = json.loads(run_cli("attendance", "month", "--month", "1404/8", "--person", "P-7", "--json", db=db).stdout)
    assert (data["name"], data["year"], data["month"], len(data["days"])) == ("علی رضایی", 1404, 8, 30)
    third = data["days"][2]
    assert (third["date"], third["worked"], third["punches"]) == ("1404/08/03", 480, [["2025-10-25T08:00:00",
                                                                                      "2025-10-25T16:00:00"]])
    assert (data["totals"]["late"], data["totals"]["worked"], data["leave_balance"]) == (20, 1420, 26 * 480)
    text = run_cli("attendance", "month", "--month", "1404/08", "--person", "P-7", db=db).stdout.splitlines()
    assert text[0] == "علی رضایی (P-7) — آبان ۱۴۰۴ — برنامه عادی دفتر"
    assert text[5].split("\t")[:6] == ["1404/08/04", "یکشنبه", "08:20", "16:00", "7:40", "0:20"]
    one_line_error(run_cli("attendance", "month", "--month", "1404/13", db=db), "ماه")
    one_line_error(run_cli("attendance", "month", "--month", "08/1404", db=db), "۱۴۰۴/۰۸")


def test_report_attendance_writes_the_timesheet_and_the_summary(db, tmp_path):
    from tests.pdf_helpers import has_persian, read_pdf

    _punch_month(db)
    out = tmp_path / "timesheet.pdf"
    done = run_cli("report", "attendance", "--month", "1404/08", "--person", "P-7", "--out", out, db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("report: 1 page, timesheet of علی رضایی (P-7), 1404/08")
    page = read_pdf(out)[0]
    assert has_persian(page, "برگه کارکرد ماهانه") and "۲۳:۴۰" in page.visual_text()
    summary = tmp_path / "summary.pdf"
    done = run_cli("report", "attendance", "--month", "1404/08", "--out", summary, db=db)
    assert done.returncode == 0 and "office summary, 2 staff" in done.stdout
    page = read_pdf(summary)[0]
    assert has_persian(page, "خلاصه کارکرد ماهانه کارکنان") and page.find("P-7") and page.find("P-8")


def test_report_attendance_as_xlsx(db, tmp_path):
    from openpyxl import load_workbook

    _punch_month(db)
    by_name = tmp_path / "summary.xlsx"
    assert run_cli("report", "attendance", "--month", "1404/08", "--out", by_name, db=db).returncode == 0
    rows = list(load_workbook(by_name).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("شماره پرونده", "نام") and [r[0] for r in rows[1:3]] == ["P-8", "P-7"]
    flagged = tmp_path / "timesheet.data"
    done = run_cli("report", "attendance", "--month", "1404/08", "--person", "P-7", "--xlsx", "--out", flagged, db=db)
    assert done.returncode == 0, done.stderr
    import shutil

    shutil.copy(flagged, tmp_path / "copy.xlsx")  # openpyxl reads only names ending .xlsx
    rows = list(load_workbook(tmp_path / "copy.xlsx").worksheets[0].iter_rows(values_only=True))
    assert rows[4][:7] == ("1404/08/04", "یکشنبه", None, "08:20", "16:00", 460, "7:40")


def test_report_attendance_errors(db, tmp_path):
    one_line_error(run_cli("report", "attendance", "--month", "1404/08", "--person", "X", "--out", tmp_path / "a.pdf",
                           db=db), "پرونده پرسنلی")
    one_line_error(run_cli("report", "attendance", "--month", "14040", "--out", tmp_path / "a.pdf", db=db), "ماه")
    one_line_error(run_cli("report", "attendance", "--out", tmp_path / "no" / "a.pdf", db=db), "پوشه")
    assert not (tmp_path / "a.pdf").exists()
    missing = run_cli("report", "attendance", "--out", tmp_path / "b.pdf", db=tmp_path / "none.sqlite3")
    assert missing.returncode != 0 and len(missing.stderr.strip().splitlines()) == 1


def test_a_device_pin(db, tmp_path):
    done = run_cli("attendance", "pin", "--person", "P-8", "--pin", "۰۰۸", db=db)
    assert done.returncode == 0 and done.stdout.strip() == "device PIN 8: سارا پاکزاد (P-8)"
    log = tmp_path / "a.dat"
    log.write_text(ATTLOG, encoding="ascii")
    assert "4 added" in run_cli("attendance", "import", log, db=db).stdout
