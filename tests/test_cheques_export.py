"""Exporting cheques, read back as a user's spreadsheet would: every column under a Persian
header, Jalali dates, amounts as numbers in XLSX (with separators shown), text IDs exactly as
recorded, a right-to-left sheet, CSV in UTF-8 with a BOM, formula-looking text neutralised,
filters applied, and ``iter_records`` (the repository's full rows) with the bounce reason."""

import csv
from datetime import date, datetime

import pytest

from crm_desktop.cheques.exporter import AMOUNT_COLUMN, HEADERS, export_cheques
from crm_desktop.cheques.model import Cheque
from crm_desktop.cheques.repo import ChequeFilter
from crm_desktop.office import Office
from crm_desktop.phonebook.model import Contact
from tests.conftest import run_cli

NOW = datetime(2025, 4, 1, 10, 0)


@pytest.fixture
def office(db_path):
    with Office(db_path, clock=lambda: NOW) as office:
        book = office.phonebook
        ali = book.add(Contact(first_name="علی", last_name="رضایی"))
        alpha = book.add(Contact(kind="organisation", organisation="شرکت آلفا"))
        repo = office.cheques
        repo.add(Cheque("received", "1402000012345678", "12/ب", "000123", "mellat", "ونک", "1234", "0101-22-333",
                        "IR062960000000100324200001", 12_500_000, date(2025, 3, 25), date(2025, 4, 6),
                        drawer_id=ali, purpose="=SUM(A1)", note="خط اول\nخط دوم"))
        repo.add(Cheque("paid", "1402000012345679", serial="000456", bank="melli", amount=3_000_000_000,
                        due_date=date(2025, 5, 1), payee_id=alpha, payee_national_id="10100543218"))
        repo.add(Cheque("received", "1402000012345680", serial="789", bank="saman", amount=1_000_000,
                        is_guarantee=True, drawer_id=ali))
        repo.set_status(1, "deposited", on=date(2025, 4, 5), account="جاری")
        repo.set_status(1, "bounced", on=date(2025, 4, 7), reason="کسری موجودی")
        yield office


def test_iter_records_gives_every_field_and_the_names(office):
    records = list(office.cheques.iter_records(chunk=2))
    assert [r.cheque.id for r in records] == [3, 1, 2]  # due order: the undated guarantee cheque first
    first = records[1]
    assert (first.bank_name, first.drawer_name, first.payee_name, first.bounce_reason) == ("ملت", "علی رضایی", "", "کسری موجودی")
    assert (first.cheque.account_number, first.cheque.sheba, first.cheque.status) == (
        "0101-22-333", "IR062960000000100324200001", "bounced")
    assert [r.cheque.id for r in office.cheques.iter_records(ChequeFilter(direction="paid"))] == [2]


def test_xlsx_has_persian_headers_jalali_dates_numbers_and_a_rtl_sheet(office, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "cheques.xlsx"
    result = export_cheques(office, None, out)
    assert (result.count, result.format) == (3, "xlsx") and not list(tmp_path.glob(".*.part"))
    workbook = load_workbook(out)
    ws = workbook.active
    assert ws.title == "چک‌ها" and ws.sheet_view.rightToLeft and ws.freeze_panes == "A2"
    table = [list(row) for row in ws.iter_rows(values_only=True)]
    assert table[0] == HEADERS
    assert HEADERS[:8] == ["شناسه", "نوع چک", "وضعیت", "تاریخ وضعیت", "شناسه صیادی", "سری", "سریال", "بانک"]
    row = dict(zip(HEADERS, table[2]))
    assert row["شناسه"] == 1 and row["مبلغ (ریال)"] == 12_500_000  # numbers, not text
    assert ws.cell(3, AMOUNT_COLUMN + 1).number_format == "#,##0"
    assert (row["نوع چک"], row["وضعیت"], row["تاریخ وضعیت"]) == ("دریافتی", "برگشت خورده", "1404/01/18")
    assert (row["تاریخ صدور"], row["تاریخ سررسید"], row["تاریخ ثبت"]) == ("1404/01/05", "1404/01/17", "1404/01/12")
    assert (row["شناسه صیادی"], row["سریال"], row["سری"], row["شماره حساب"]) == (
        "1402000012345678", "000123", "12/ب", "0101-22-333")  # text: the leading zeros stay
    assert (row["بانک"], row["نام شعبه"], row["کد شعبه"], row["شماره شبا"]) == (
        "ملت", "ونک", "1234", "IR062960000000100324200001")
    assert (row["صادرکننده"], row["در وجه"], row["علت برگشت"]) == ("علی رضایی", None, "کسری موجودی")
    assert row["بابت"] == "=SUM(A1)" and row["یادداشت"] == "خط اول\nخط دوم"  # text, shown as written:
    purpose = ws.cell(3, HEADERS.index("بابت") + 1)
    assert purpose.data_type == "s" and purpose.quotePrefix  # Excel's quote prefix: never a formula
    guarantee = dict(zip(HEADERS, table[1]))
    assert (guarantee["ضمانتی"], guarantee["تاریخ سررسید"]) == ("بله", None)
    paid = dict(zip(HEADERS, table[3]))
    assert (paid["مبلغ (ریال)"], paid["در وجه"], paid["کد/شناسه ملی گیرنده"], paid["وضعیت"]) == (
        3_000_000_000, "شرکت آلفا", "10100543218", "صادر شده")


def test_csv_is_utf8_with_a_bom_and_reads_back(office, tmp_path):
    out = tmp_path / "cheques.csv"
    result = export_cheques(office, ChequeFilter(direction="received"), out, "csv")
    assert result.count == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert table[0] == HEADERS and len(table) == 3
    row = dict(zip(HEADERS, table[2]))
    assert (row["مبلغ (ریال)"], row["تاریخ سررسید"], row["شناسه صیادی"], row["سریال"]) == (
        "12500000", "1404/01/17", "1402000012345678", "000123")
    assert row["بابت"] == "'=SUM(A1)" and row["یادداشت"] == "خط اول\nخط دوم"


def test_a_failed_export_leaves_no_file(office, tmp_path):
    from crm_desktop.errors import UserError

    with pytest.raises(UserError):
        export_cheques(office, None, tmp_path / "missing" / "x.xlsx")
    with pytest.raises(UserError):
        export_cheques(office, None, tmp_path / "x.pdf")
    assert not list(tmp_path.glob("x*")) and not list(tmp_path.glob(".x*")) and not (tmp_path / "missing").exists()


def test_export_command_with_filters(office, db_path, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "bounced.xlsx"
    done = run_cli("export", "cheques", "--out", out, "--status", "برگشت خورده", "--amount-min", "۱۰٬۰۰۰٬۰۰۰",
                   db=db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"exported 1 cheques to {out} (xlsx)")
    ws = load_workbook(out).active
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == [1]
    done = run_cli("export", "cheques", "--format", "csv", "--out", tmp_path / "paid.txt", "--direction", "paid",
                   "--json", db=db_path)
    assert done.returncode == 0, done.stderr
    assert '"count": 1' in done.stdout and '"format": "csv"' in done.stdout
    done = run_cli("export", "cheques", "--out", tmp_path / "x.xlsx", "--due-from", "1404/12/30", db=db_path)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "--due-from" in done.stderr
