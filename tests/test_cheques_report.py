"""The printed cheque list: grouped by Jalali due month with a subtotal per month, undated
guarantee cheques in their own group at the end, a grand total and the summary per status;
columns right to left (due date … Sayad ID); digits in reading order. From plain ChequeRow
objects, and through ``report cheques`` as a real process; read back with pdftotext."""

from datetime import date

import pytest

from crm_desktop.cheques import report
from crm_desktop.cheques.repo import ChequeRow
from tests.conftest import run_cli
from crm_desktop.core.text import normalise
from tests.pdf_helpers import has_persian, logical, page_count, read_pdf

TODAY = date(2026, 1, 10)  # 1404/10/20: no month of the list in the header


def cheque(n, due, amount, *, direction="received", status="in_hand", name="علی رضایی", bank="ملت",
           guarantee=False) -> ChequeRow:
    drawer, payee = (name, "") if direction == "received" else ("", name)
    return ChequeRow(n, direction, status, None, f"{1402000012345600 + n}", "", f"{700100 + n}", "mellat", bank, "",
                     amount, None, due, guarantee, None, drawer, None, payee, "", None, None, None, False)


ROWS = [
    cheque(1, date(2025, 9, 25), 12_500_000),  # 1404/07/03
    cheque(2, date(2025, 10, 20), 3_000_000_000, direction="paid", status="issued", name="شرکت آلفا", bank="ملی"),
    cheque(3, date(2025, 10, 22), 7_500_000, status="bounced", name="سارا احمدی"),  # 1404/07/30
    cheque(4, date(2025, 10, 23), 1_000_000, status="cleared", bank="قرض‌الحسنه مهر ایران"),  # 1404/08/01
    cheque(5, None, 50_000_000, guarantee=True, name="شرکت بتا"),
]


def words_of(page, text):
    return [w for w in page.words if w.text == text]


def test_grouped_by_due_month_with_subtotals_and_a_grand_total(tmp_path):
    out = tmp_path / "cheques.pdf"
    undated_first = [ROWS[4], *ROWS[:4]]  # as the repository gives them: undated first
    result = report.write_cheques_list(out, undated_first, scope="همه چک‌ها", count=5, today=TODAY)
    assert (result.pages, result.cheques, result.amount) == (1, 5, 3_071_000_000) and page_count(out) == 1
    page = read_pdf(out)[0]
    assert has_persian(page, "فهرست چک‌ها") and has_persian(page, "همه چک‌ها — ۵ چک")
    for phrase in ("مهر ۱۴۰۴", "آبان ۱۴۰۴", "چک‌های ضمانتی بی‌تاریخ", "جمع ماه", "جمع کل", "خلاصه بر پایه وضعیت",
                   "دریافتی – نزد صندوق", "پرداختی – صادر شده", "جمع چک‌های دریافتی", "قرض‌الحسنه"):
        assert has_persian(page, phrase), phrase
    text = page.visual_text()
    # digits read left to right: dates, amounts with separators, serials and Sayad IDs
    for shown in ("۱۴۰۴/۰۷/۰۳", "۱۴۰۴/۰۷/۳۰", "۱۴۰۴/۰۸/۰۱", "۱۲٬۵۰۰٬۰۰۰", "۳٬۰۰۰٬۰۰۰٬۰۰۰", "۷۰۰۱۰۱", "۱۴۰۲۰۰۰۰۱۲۳۴۵۶۰۱"):
        assert shown in text, shown
    # subtotals: Mehr 1404 has three cheques (3,020,000,000), Aban one, the undated one; the grand total all five
    assert "۳٬۰۲۰٬۰۰۰٬۰۰۰" in text and "۳٬۰۷۱٬۰۰۰٬۰۰۰" in text and "۵۰٬۰۰۰٬۰۰۰" in text
    # the months in due order, the undated group last, the total under them
    tops = {}
    for line in page.lines():
        shown = logical(" ".join(w.text for w in line))
        for phrase in ("مهر ۱۴۰۴", "آبان ۱۴۰۴", "چک‌های ضمانتی بی‌تاریخ"):
            if normalise(phrase) in shown:
                tops.setdefault(phrase, line[0].y0)
    total_y = min(w.y0 for w in words_of(page, "۳٬۰۷۱٬۰۰۰٬۰۰۰"))
    assert tops["مهر ۱۴۰۴"] < tops["آبان ۱۴۰۴"] < tops["چک‌های ضمانتی بی‌تاریخ"] < total_y


def test_columns_run_right_to_left(tmp_path):
    out = tmp_path / "columns.pdf"
    report.write_cheques_list(out, ROWS[:1], today=TODAY)
    page = read_pdf(out)[0]
    due, amount = words_of(page, "۱۴۰۴/۰۷/۰۳")[0], words_of(page, "۱۲٬۵۰۰٬۰۰۰")[0]
    serial, sayad = words_of(page, "۷۰۰۱۰۱")[0], words_of(page, "۱۴۰۲۰۰۰۰۱۲۳۴۵۶۰۱")[0]
    assert due.x0 > amount.x1 > serial.x1 and serial.x0 > sayad.x1  # due date at the right, Sayad ID at the left
    assert abs(due.y0 - sayad.y0) < 2  # one row
    assert sayad.x0 >= 39 and due.x1 <= page.width - 39  # inside the margins: nothing clipped


def test_an_empty_list_says_so(tmp_path):
    out = tmp_path / "empty.pdf"
    result = report.write_cheques_list(out, [], scope="چک‌های پرداختی", count=0, today=TODAY)
    page = read_pdf(out)[0]
    assert result.cheques == 0 and has_persian(page, "چکی برای چاپ نیست.")


@pytest.fixture
def office_db(db_path):
    from crm_desktop.cheques.model import Cheque
    from crm_desktop.office import Office
    from crm_desktop.phonebook.model import Contact

    with Office(db_path) as office:
        ali = office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
        alpha = office.phonebook.add(Contact(kind="organisation", organisation="شرکت آلفا"))
        repo = office.cheques
        for n, (direction, due, amount) in enumerate([("received", date(2031, 10, 7), 10_000_000),
                                                      ("received", date(2031, 11, 7), 20_000_000),
                                                      ("paid", date(2031, 10, 9), 40_000_000)], start=1):
            repo.add(Cheque(direction, f"{1402000000000000 + n}", serial=f"{n}", bank="mellat", amount=amount,
                            due_date=due, drawer_id=ali if direction == "received" else None,
                            payee_id=alpha if direction == "paid" else None))
    return db_path


def test_report_command_with_filters(office_db, tmp_path):
    out = tmp_path / "received.pdf"
    done = run_cli("report", "cheques", "--out", out, "--direction", "received", "--due-from", "۱۴۱۰/۰۷/۰۱",
                   "--due-to", "1410/07/30", db=office_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("report: 1 page, 1 cheque in ") and done.stdout.strip().endswith(str(out))
    page = read_pdf(out)[0]
    assert has_persian(page, "چک‌های دریافتی، سررسید از ۱۴۱۰/۰۷/۰۱ تا ۱۴۱۰/۰۷/۳۰ — ۱ چک")
    assert has_persian(page, "مهر ۱۴۱۰") and "۱۰٬۰۰۰٬۰۰۰" in page.visual_text()
    assert "۲۰٬۰۰۰٬۰۰۰" not in page.visual_text() and "۴۰٬۰۰۰٬۰۰۰" not in page.visual_text()
    done = run_cli("report", "cheques", "--out", tmp_path / "issued.pdf", "--status", "صادر شده", "--quiet",
                   db=office_db)
    assert done.returncode == 0 and done.stdout == ""
    assert has_persian(read_pdf(tmp_path / "issued.pdf")[0], "وضعیت «صادر شده» — ۱ چک")
    done = run_cli("report", "cheques", "--out", tmp_path / "bad.pdf", "--status", "lost", db=office_db)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "unknown status" in done.stderr
    assert not (tmp_path / "bad.pdf").exists()


def test_counts_and_amounts_have_thousands_separators():
    assert report.count_text(100_000) == "۱۰۰٬۰۰۰ چک" and report.count_text(7) == "۷ چک"
    cells = report.row_cells(ROWS[1])
    assert cells[:4] == ["۱۴۰۴/۰۷/۲۸", "پرداختی", "صادر شده", "۳٬۰۰۰٬۰۰۰٬۰۰۰"] and cells[4] == "شرکت آلفا"
    assert report.row_cells(ROWS[4])[:2] == ["بی‌تاریخ", "دریافتی\nضمانتی"]
