"""``import contacts`` and ``export contacts`` as real processes: summaries, exit codes, and one
clear stderr line naming the line or row when a file is refused or cannot be read."""

import json
import sqlite3
from pathlib import Path

from tests.conftest import run_cli

DATA = Path(__file__).parent / "data" / "vcards"


def count(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    finally:
        conn.close()


def error_lines(done):
    return [line for line in done.stderr.splitlines() if line.strip()]


def test_import_vcard_prints_the_summary(db_path):
    done = run_cli("import", "contacts", DATA / "android_21_qp.vcf", db=db_path)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("4 added, 0 merged, 1 skipped, 0 rejected (5 read from")
    assert "line 74: skipped: mobile 09121234567 is earlier at line 1" in done.stdout
    assert count(db_path) == 4


def test_import_json_summary_and_merge(db_path):
    done = run_cli("import", "contacts", DATA / "android_21_qp.vcf", "--duplicates", "merge", "--json", db=db_path)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["added"], summary["merged"], summary["skipped"]) == (4, 1, 0)
    assert summary["entries"][0]["outcome"] == "merged" and summary["entries"][0]["number"] == 74


def test_refused_file_exits_non_zero_with_one_line_naming_the_line(db_path):
    run_cli("import", "contacts", DATA / "google_30.vcf", db=db_path)
    before = count(db_path)
    done = run_cli("import", "contacts", DATA / "broken.vcf", "--on-error", "refuse", db=db_path)
    assert done.returncode == 1
    (line,) = error_lines(done)
    assert line.startswith("crm-desktop: error: ") and "line 7:" in line and "nothing was imported" in line
    assert count(db_path) == before


def test_bad_rows_skipped_by_default(db_path):
    done = run_cli("import", "contacts", DATA / "broken.vcf", db=db_path)
    assert done.returncode == 0
    assert "1 added, 0 merged, 0 skipped, 7 rejected" in done.stdout
    assert "line 26: rejected:" in done.stdout


def test_nothing_readable_exits_non_zero(db_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("نام,موبایل\nعلی,0912\n", encoding="utf-8")
    done = run_cli("import", "contacts", path, db=db_path)
    assert done.returncode == 1
    (line,) = error_lines(done)
    assert "row 2:" in line and "no contact could be read" in line
    missing = run_cli("import", "contacts", tmp_path / "nothing.vcf", db=db_path)
    assert missing.returncode == 2 and len(error_lines(missing)) == 1 and "no such file" in missing.stderr


def test_csv_with_a_mapping_and_no_header(db_path, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("علي رضايي;0912 123 4567;آرمان\nسارا کريمي;09351234567;\n", encoding="cp1256")  # Excel's Windows-1256
    mapping = json.dumps({"0": "full_name", "1": "mobile", "2": "organisation"})
    done = run_cli("import", "contacts", path, "--mapping", mapping, "--no-header", "--json", db=db_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == 2
    wrong = run_cli("import", "contacts", path, "--mapping", '{"0": "shoe_size"}', db=db_path)
    assert wrong.returncode == 2 and "unknown field 'shoe_size'" in wrong.stderr and len(error_lines(wrong)) == 1


def test_export_all_a_group_and_a_search(db_path, tmp_path):
    run_cli("import", "contacts", DATA / "google_30.vcf", db=db_path)
    run_cli("import", "contacts", DATA / "iphone_30.vcf", db=db_path)
    out = tmp_path / "all.vcf"
    done = run_cli("export", "contacts", "--format", "vcf", "--out", out, db=db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exported 6 contacts")
    assert out.read_bytes().count(b"BEGIN:VCARD") == 6
    group = run_cli("export", "contacts", "--out", tmp_path / "g.csv", "--group", "همکاران", "--json", db=db_path)
    assert json.loads(group.stdout)["count"] == 2
    search = run_cli("export", "contacts", "--out", tmp_path / "s.xlsx", "--search", "بانک", "--json", db=db_path)
    assert json.loads(search.stdout)["count"] == 1 and json.loads(search.stdout)["format"] == "xlsx"
    nogroup = run_cli("export", "contacts", "--out", tmp_path / "n.csv", "--group", "نیست", db=db_path)
    assert nogroup.returncode != 0 and len(error_lines(nogroup)) == 1


def test_export_round_trip_through_the_command_line(db_path, tmp_path):
    run_cli("import", "contacts", DATA / "android_21_qp.vcf", db=db_path)
    out = tmp_path / "all.vcf"
    run_cli("export", "contacts", "--out", out, db=db_path)
    other = tmp_path / "other.sqlite3"
    done = run_cli("import", "contacts", out, "--json", db=other)
    assert json.loads(done.stdout)["added"] == 4


def test_a_pdf_or_a_picture_is_not_read_as_a_csv(db_path, tmp_path):
    for name, data in (("list.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
                       ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))):
        path = tmp_path / name
        path.write_bytes(data)
        done = run_cli("import", "contacts", path, db=db_path)
        assert done.returncode == 2, done.stderr
        assert error_lines(done) == [f"crm-desktop: error: {path}: not a contacts file (vCard, CSV or Excel .xlsx)"]
    assert not Path(db_path).exists()  # a refused import into a new file leaves no empty database behind


def test_an_import_that_makes_a_new_database_says_so(tmp_path):
    """A mistyped --db must not go unnoticed: the summary says a database was made there."""
    path = tmp_path / "one.csv"
    path.write_text("نام,موبایل\nمریم,09121112233\n", encoding="utf-8")
    db = tmp_path / "typo.sqlite3"
    done = run_cli("import", "contacts", path, db=db)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == f"(a new database was made at {db}: it did not exist)"
    again = run_cli("import", "contacts", path, "--json", db=db)
    assert json.loads(again.stdout)["new_database"] is False


def test_a_name_with_a_half_space_is_printed_as_written(db_path, tmp_path):
    """The summary names a duplicate's owner and an ignored column with their half-spaces
    (ZWNJ), not as Python escapes ('علی\\u200cپور')."""
    first = tmp_path / "first.csv"
    first.write_text("نام,نام خانوادگی,موبایل\nگیتا,علی\u200cپور,09121112233\n", encoding="utf-8")
    assert run_cli("import", "contacts", first, db=db_path).returncode == 0
    again = tmp_path / "again.csv"
    again.write_text("نام,نام خانوادگی,موبایل,شماره\u200cپرونده\nگیتا,علی\u200cپور,09121112233,12\n", encoding="utf-8")
    done = run_cli("import", "contacts", again, db=db_path)
    assert done.returncode == 0, done.stderr
    assert "already saved for 'گیتا علی\u200cپور'" in done.stdout
    assert "column 'شماره\u200cپرونده' matches no field" in done.stdout
    assert "\\u200c" not in done.stdout


def test_export_refuses_a_format_its_file_name_contradicts(db_path, tmp_path):
    """``--format vcf --out x.csv`` would write a vCard that Excel opens as garbage: refused."""
    assert run_cli("import", "contacts", DATA / "android_21_qp.vcf", db=db_path).returncode == 0
    done = run_cli("export", "contacts", "--format", "vcf", "--out", tmp_path / "x.csv", db=db_path)
    assert done.returncode == 2 and "--format vcf does not match --out" in done.stderr
    assert not (tmp_path / "x.csv").exists()
    assert run_cli("export", "contacts", "--format", "csv", "--out", tmp_path / "x.csv", db=db_path).returncode == 0
    assert run_cli("export", "contacts", "--format", "vcf", "--out", tmp_path / "contacts", db=db_path).returncode == 0
    # a name no export format has (Excel's old .xls, a .tsv that would hold commas) or none at all
    for out in ("U.xls", "U.tsv", "U.doc"):
        done = run_cli("export", "contacts", "--out", tmp_path / out, db=db_path)
        assert done.returncode == 2 and "name the file .csv, .xlsx or .vcf" in done.stderr, out
        assert not (tmp_path / out).exists()
    done = run_cli("export", "contacts", "--out", "", db=db_path)
    assert done.returncode == 2 and done.stderr.strip() == (
        "crm-desktop: error: no output file given (--out FILE.csv, FILE.xlsx or FILE.vcf)")


def test_a_mapping_column_or_a_birthday_with_a_half_space_is_quoted_as_written(db_path, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("نام,تاریخ تولد\nعلی,سی\u200cام اسفند\n", encoding="utf-8")
    wrong = run_cli("import", "contacts", path, "--mapping", '{"تلفن\u200cهمراه": "mobile"}', db=db_path)
    assert wrong.returncode == 2 and "no column 'تلفن\u200cهمراه'" in wrong.stderr
    bad = run_cli("import", "contacts", path, db=db_path)
    assert "'سی\u200cام اسفند' is not a date" in bad.stderr + bad.stdout
    assert "\\u200c" not in wrong.stderr + bad.stderr + bad.stdout


def test_a_birthday_before_1300_rejects_its_row_and_an_empty_date_placeholder_is_no_birthday(tmp_path):
    """Read column by column (separate first and last names), a 1910 birthday used to pass the
    reading and stop the whole import in the middle of writing; it is that row's error now, with
    its number. 1900-01-01 and 1899-12-30, what SQL, Access and Excel write for an empty date,
    are no birthday."""
    path = tmp_path / "sql.csv"
    path.write_text("First Name,Last Name,Mobile,Birthday\nAli,Rezaei,09121234567,1986-07-03\n"
                    "Kaveh,Zhian,09140001122,1910-05-05\nSara,Karimi,09351112233,1900-01-01\n"
                    "Nima,Farhadi,09351112244,1899-12-30 00:00:00\n", encoding="utf-8")
    db = tmp_path / "z.sqlite3"
    result = run_cli("import", "contacts", str(path), "--json", db=db)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["added"], summary["rejected"]) == (3, 1)
    (rejected,) = [e for e in summary["entries"] if e["outcome"] == "rejected"]
    assert rejected["number"] == 3 and "before 1300/01/01" in rejected["reason_en"]
    assert rejected["reason"] == "تاریخ تولد: «\u2066۱۹۱۰-۰۵-۰۵\u2069» پیش از ۱۳۰۰ است؛ سال را دوباره بررسی کنید."
