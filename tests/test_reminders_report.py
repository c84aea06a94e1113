"""The printed reminder book: the list (Jalali date with weekday, time, subject, group, contact,
place, priority) and the detailed report with the full notes, from plain Occurrence objects and
through ``report reminders`` as a real process; read back with pdftotext."""

from datetime import date, datetime, timedelta

import pytest

from crm_desktop.errors import Cancelled
from crm_desktop.reminders import report
from crm_desktop.reminders.model import Occurrence
from tests.conftest import run_cli
from tests.pdf_helpers import has_persian, page_count, read_pdf

TODAY = date(2031, 10, 1)


def occ(rid, at, subject, *, group="جلسه", note="", place="", priority=1, contact="", done=False):
    return Occurrence(rid, at, subject, 1, "#1f6f8b", group, note, place, priority, None, contact, done, "", None)


OCCURRENCES = [
    occ(1, datetime(2031, 10, 7, 9, 30), "جلسه هیئت مدیره", place="اتاق جلسات", priority=2, contact="مریم احمدی"),
    occ(2, datetime(2031, 10, 7, 14, 5), "نصب CRM نسخه 2.5", group="پیگیری", note="کد رهگیری TX-4521"),
    occ(3, datetime(2031, 10, 22, 10, 0), "پرداخت اجاره", group="پرداخت", priority=0, done=True),
]


def test_list_rows_in_order_with_jalali_dates_weekdays_and_digits(tmp_path):
    out = tmp_path / "list.pdf"
    result = report.write_reminders_report(None, out, OCCURRENCES, detailed=False, subtitle="مهر ۱۴۱۰", today=TODAY)
    assert (result.pages, result.occurrences) == (1, 3) and page_count(out) == 1
    page = read_pdf(out)[0]
    assert has_persian(page, "فهرست یادآوری‌ها") and has_persian(page, "۳ نوبت")
    text = page.visual_text()
    assert "۱۴۱۰/۰۷/۱۵" in text and "۱۴۱۰/۰۷/۳۰" in text  # 2031-10-07 and -22
    assert "۰۹:۳۰" in text and "۱۴:۰۵" in text and "۱۰:۰۰" in text
    assert has_persian(page, "سه‌شنبه") and has_persian(page, "چهارشنبه")
    assert "CRM" in text and "2.5" in text  # Latin and Latin digits kept as typed, left to right
    assert has_persian(page, "جلسه هیئت مدیره") and has_persian(page, "مریم احمدی") and has_persian(page, "اتاق جلسات")
    assert has_persian(page, "زیاد") and has_persian(page, "کم") and has_persian(page, "انجام شد")
    # rows top to bottom in the order given; the date column sits right of the subject (RTL)
    rows = [min(w.y0 for w in page.words if w.text == t and w.x0 > 530) for t in ("۱", "۲", "۳")]  # «ردیف»
    assert rows == sorted(rows)
    date_word = [w for w in page.words if w.text == "۱۴۱۰/۰۷/۱۵"][0]
    crm = [w for w in page.words if w.text == "CRM"][0]
    assert date_word.x0 > crm.x1


def test_detailed_report_prints_the_whole_note_wrapped(tmp_path):
    long_note = " ".join(f"بند {i} قرارداد شماره A{i:03d} بررسی شود." for i in range(1, 60)) + " پایان یادداشت"
    items = [occ(1, datetime(2031, 10, 7, 9, 30), "جلسه بررسی قرارداد", note=long_note, place="دفتر مرکزی",
                 contact="مریم احمدی"), OCCURRENCES[1]]
    out = tmp_path / "detailed.pdf"
    result = report.write_reminders_report(None, out, items, detailed=True, today=TODAY)
    pages = read_pdf(out)
    assert result.pages == len(pages) == page_count(out)
    first = pages[0]
    assert has_persian(first, "گزارش کامل یادآوری‌ها")
    heading = [line for line in first.visual_lines() if "۰۹:۳۰" in line]
    assert len(heading) == 1 and "۱۴۱۰" in heading[0] and has_persian(first, "سه‌شنبه ۱۵ مهر")
    assert has_persian(first, "جلسه بررسی قرارداد")
    all_text = "\n".join(p.visual_text() for p in pages)
    for i in (1, 30, 59):
        assert f"A{i:03d}" in all_text  # nothing of the note is lost
    assert any(has_persian(p, "پایان یادداشت") for p in pages)
    note_lines = [line for line in first.visual_lines() if "A0" in line]
    assert len(note_lines) > 5  # wrapped over many lines
    assert "TX-4521" in all_text


def test_many_occurrences_make_many_pages_and_an_empty_range_says_so(tmp_path):
    start = datetime(2031, 10, 1, 8, 0)
    many = [occ(i, start + timedelta(hours=3 * i), f"یادآوری شماره {i}") for i in range(1, 201)]
    out = tmp_path / "many.pdf"
    result = report.write_reminders_report(None, out, many, detailed=False, today=TODAY)
    assert result.pages > 3 and page_count(out) == result.pages
    assert has_persian(read_pdf(out)[-1], f"صفحه {result.pages} از {result.pages}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    empty = tmp_path / "empty.pdf"
    report.write_reminders_report(None, empty, [], detailed=False, today=TODAY)
    assert has_persian(read_pdf(empty)[0], "یادآوری‌ای برای چاپ نیست")


def test_a_failure_midway_leaves_no_half_written_file(tmp_path):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the old report")
    calls = []

    def progress(done, total, text=""):
        calls.append(done)
        if done >= 200:
            raise Cancelled()

    many = [occ(i, datetime(2031, 10, 1, 8) + timedelta(hours=i), "x") for i in range(500)]
    with pytest.raises(Cancelled):
        report.write_reminders_report(None, out, many, detailed=True, progress=progress, today=TODAY)
    assert calls[:3] == [0, 100, 200]
    assert out.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


# -- report reminders (a real process) -------------------------------------------------------------


@pytest.fixture
def book(db_path):
    for subject, at, *options in [
        ("جلسه هیئت مدیره", "1410/07/15 09:30", "--group", "جلسه", "--place", "اتاق جلسات", "--note", "گزارش فصل"),
        ("پرداخت اجاره", "1410/06/31 10:00", "--repeat", "monthly", "--group", "پرداخت"),
        ("تماس با بانک", "1410/07/03 08:00", "--repeat", "weekly", "--group", "تماس"),
    ]:
        done = run_cli("reminders", "add", "--subject", subject, "--at", at, *options, db=db_path)
        assert done.returncode == 0, done.stderr
    return db_path


def test_report_command_list_and_detailed(book, tmp_path):
    out = tmp_path / "mehr.pdf"
    done = run_cli("report", "reminders", "--out", out, "--from", "1410/07/01", "--to", "1410/07/30", db=book)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("report: 1 page, 6 occurrences")  # 4 weekly calls + 1 meeting + 1 rent
    page = read_pdf(out)[0]
    assert has_persian(page, "از ۱۴۱۰/۰۷/۰۱ تا ۱۴۱۰/۰۷/۳۰")
    assert "۱۴۱۰/۰۷/۳۰" in page.visual_text()  # the monthly 31st falls on 30 Mehr
    detailed = tmp_path / "detailed.pdf"
    done = run_cli("report", "reminders", "--out", detailed, "--detailed", "--from", "1410/07/01", "--to", "1410/07/30",
                   "--group", "جلسه", "--quiet", db=book)
    assert done.returncode == 0 and done.stdout == "", done.stderr
    page = read_pdf(detailed)[0]
    assert has_persian(page, "گروه «جلسه»") and has_persian(page, "گزارش فصل") and has_persian(page, "۱ نوبت")


def test_report_command_errors_write_nothing(book, tmp_path):
    for args, fragment in [
        (("--out", tmp_path / "a.pdf", "--from", "1404/12/30"), "Esfand 1404 has only 29 days"),
        (("--out", tmp_path / "a.pdf", "--group", "ناموجود"), "no reminder group named"),
        (("--out", tmp_path / "missing" / "a.pdf"), "does not exist"),
    ]:
        done = run_cli("report", "reminders", *args, db=book)
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and fragment in done.stderr
    assert not any(p.suffix in (".pdf", ".part") for p in tmp_path.iterdir())
