"""``files list`` and the files reports on the command line: a table in Persian order, JSON with
ISO and Jalali dates, filters by state (key or Persian label), unit, referrer and Jalali dates;
``report files / file / application-form`` write their PDFs; bad input (an unknown kind or
state, a bad date, a missing file) is one line on stderr with its Persian reason and exit 2."""

from __future__ import annotations

import json

import pytest

from crm_desktop import cli
from crm_desktop.reports import commands as report_commands
from tests.conftest import run_cli
from tests.pdf_helpers import has_persian, page_count, read_pdf
from tests.test_files_report import NOW, build


@pytest.fixture
def filled(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as office:
        ids = build(office)
    return db_path, ids


def run(capsys, db, *args) -> tuple[int, str, list[str]]:
    code = cli.main(["--db", str(db), *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.strip().splitlines()


def test_the_commands_are_registered():
    assert "crm_desktop.files.commands" in cli.COMMAND_MODULES
    assert "crm_desktop.files.report" in report_commands.REPORT_MODULES
    args = cli.build_parser().parse_args(["files", "list", "--kind", "customer", "--state", "loyal", "--json"])
    assert (args.kind, args.state, args.json) == ("customer", "loyal", True)


def test_list_is_a_table_in_persian_order(filled, capsys):
    db, _ = filled
    code, out, err = run(capsys, db, "files", "list", "--kind", "personnel")
    lines = out.strip().splitlines()
    assert code == 0 and err == []
    assert lines[0].split("\t") == ["شماره پرونده", "نام", "تلفن", "تاریخ ثبت", "وضعیت", "واحد", "سمت", "معرف"]
    assert [line.split("\t")[1] for line in lines[1:4]] == ["گلناز پناهی", "علی رضایی", "رضا کریمی"]
    assert lines[2].split("\t") == ["P-0001", "علی رضایی", "0912 123 4567", "1404/01/12", "پایان همکاری", "مالی",
                                    "حسابدار ارشد", "رضا کریمی"]
    assert lines[-1] == "3 files"


def test_list_as_json_with_iso_and_jalali_dates(filled, capsys):
    db, ids = filled
    code, out, _ = run(capsys, db, "files", "list", "--kind", "متقاضی", "--json")
    data = json.loads(out)
    assert code == 0 and (data["kind"], data["count"]) == ("applicant", 1)
    [sara] = data["files"]
    assert (sara["id"], sara["number"], sara["name"], sara["mobile"]) == (ids["sara"], "A-0001", "سارا احمدی",
                                                                          "09351112233")
    assert (sara["registered_on"], sara["registered_on_iso"]) == ("1404/01/12", "2025-04-01")
    assert (sara["state"], sara["state_label"], sara["state_on"]) == ("interview", "مصاحبه", "1404/01/13")
    d = sara["data"]
    assert (d["birth_date"], d["birth_date_iso"]) == ("1372/11/03", "1994-01-23")
    assert (d["interview_at"], d["interview_at_iso"]) == ("1404/01/20 10:00", "2025-04-09T10:00:00")
    assert (d["marital"], d["marital_label"], d["expected_salary"], d["score"]) == ("single", "مجرد", 350_000_000, 85)
    assert d["education_rows"][1]["school"] == "دانشگاه صنعتی اصفهان"


@pytest.mark.parametrize("args, numbers", [
    (("--state", "پایان همکاری"), ["P-0001"]),
    (("--state", "active"), ["P-0002", "P-0003"]),
    (("--unit", "فروش"), ["P-0002"]),
    (("--from", "۱۴۰۴/۰۱/۰۱"), ["P-0002", "P-0001"]),
    (("--to", "1403-12-29"), ["P-0003"]),
    (("--search", "۰۹۱۹ ۸۸۸"), ["P-0002"]),
    (("--search", "كريمي"), ["P-0001", "P-0003"]),  # the referrer of one, the person of the other
    (("--search", "P-0002"), ["P-0002"]),
])
def test_list_filters(filled, capsys, args, numbers):
    db, _ = filled
    code, out, _ = run(capsys, db, "files", "list", "--kind", "personnel", *args)
    assert code == 0 and [line.split("\t")[0] for line in out.strip().splitlines()[1:-1]] == numbers


def test_list_by_referrer_and_limit(filled, capsys):
    db, ids = filled
    code, out, _ = run(capsys, db, "files", "list", "--kind", "customer", "--referrer", ids["contacts"]["ali"])
    assert code == 0 and out.strip().splitlines()[1].split("\t")[:2] == ["C-0001", "شرکت پارس"]
    code, out, _ = run(capsys, db, "files", "list", "--kind", "personnel", "--limit", 1)
    assert out.strip().splitlines()[-2:] == ["… 2 more", "3 files"]


@pytest.mark.parametrize("args, reason", [
    (("--kind", "staffers"), "نوع پرونده باید پرسنلی، مشتری یا متقاضی استخدام باشد."),
    (("--kind", "customer", "--state", "hired"), "وضعیت «hired» برای پرونده مشتری نیست"),
    (("--kind", "personnel", "--from", "1404/12/30"), "اسفند ۱۴۰۴ فقط ۲۹ روز دارد"),
    (("--kind", "personnel", "--to", "2025/01/01"), "میلادی"),
    (("--kind", "personnel", "--from", "1404/02/01", "--to", "1404/01/01"), "پس از تاریخ پایان"),
    (("--kind", "applicant", "--unit", "مالی"), "واحد فقط برای پرونده‌های پرسنلی است."),
    (("--kind", "customer", "--referrer", "x"), "شناسه معرف باید عدد باشد."),
])
def test_bad_input_is_one_persian_line_and_exit_2(filled, capsys, args, reason):
    db, _ = filled
    code, out, err = run(capsys, db, "files", "list", *args)
    assert code == 2 and out == "" and len(err) == 1
    assert err[0].startswith("crm-desktop: error: ") and reason in err[0]


def test_a_missing_database_is_exit_3_and_not_created(tmp_path, capsys):
    db = tmp_path / "none.sqlite3"
    code, _, err = run(capsys, db, "files", "list", "--kind", "personnel")
    assert code == 3 and len(err) == 1 and not db.exists()


# --- reports -------------------------------------------------------------------------------------

def test_report_files_card_and_forms_as_real_processes(filled, tmp_path):
    db, ids = filled
    out = tmp_path / "customers.pdf"
    done = run_cli("report", "files", "--kind", "customer", "--state", "مشتری", "--out", out, db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("report: 1 page, 1 file in ")
    page = read_pdf(out)[0]
    assert has_persian(page, "فهرست پرونده‌های مشتریان") and has_persian(page, "مشتریان — مشتری — ۱ پرونده")

    card = tmp_path / "card.pdf"
    done = run_cli("report", "file", "--id", ids["ali"], "--out", card, db=db)
    assert done.returncode == 0, done.stderr
    assert has_persian(read_pdf(card)[0], "حسابدار ارشد")

    blank = tmp_path / "blank.pdf"
    done = run_cli("report", "application-form", "--blank", "--out", blank, db=tmp_path / "no-database.sqlite3")
    assert done.returncode == 0, done.stderr
    assert page_count(blank) == 1 and has_persian(read_pdf(blank)[0], "سوابق تحصیلی")
    assert not (tmp_path / "no-database.sqlite3").exists()  # the blank form needs no database


def test_report_application_form_filled_and_file_reports_in_process(filled, tmp_path, capsys):
    db, ids = filled
    out = tmp_path / "sara.pdf"
    code, stdout, _ = run(capsys, db, "report", "application-form", "--id", ids["sara"], "--out", out)
    assert code == 0 and "application form of file" in stdout
    assert has_persian(read_pdf(out)[0], "دانشگاه صنعتی اصفهان")
    code, _, _ = run(capsys, db, "report", "file", "--id", ids["sara"], "--out", tmp_path / "same.pdf")
    assert code == 0 and has_persian(read_pdf(tmp_path / "same.pdf")[0], "دانشگاه صنعتی اصفهان")
    code, _, _ = run(capsys, db, "report", "files", "--kind", "personnel", "--landscape", "--out", tmp_path / "l.pdf")
    page = read_pdf(tmp_path / "l.pdf")[0]
    assert code == 0 and page.width > page.height


@pytest.mark.parametrize("args, reason", [
    (("file", "--id", "999"), "پرونده‌ای با شناسه ۹۹۹ نیست."),
    (("file", "--id", "x"), "شناسه پرونده باید عدد باشد."),
    (("application-form", "--id", "1"), "فرم استخدام فقط برای پرونده متقاضی استخدام است."),
    (("files", "--kind", "nobody"), "نوع پرونده باید"),
    (("files", "--kind", "personnel", "--from", "1403/13/01"), "ماه"),
])
def test_report_bad_input_is_one_line_exit_2_and_no_file(filled, tmp_path, capsys, args, reason):
    db, _ = filled
    out = tmp_path / "out.pdf"
    code, _, err = run(capsys, db, "report", *args, "--out", out)
    assert code == 2 and len(err) == 1 and reason in err[0], err
    assert not out.exists()


def test_application_form_needs_blank_or_an_id(filled, tmp_path, capsys):
    db, _ = filled
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--db", str(db), "report", "application-form", "--out", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2 and "--blank" in capsys.readouterr().err
