"""print-cheque and templates as real processes: a stored cheque to a PDF at the leaf's size
with its stored values, typed values, the calibration page, --dx/--dy moving the fields, the
print recorded; every error one line with its Persian reason and exit code 2."""

from __future__ import annotations

from datetime import date

import pytest

from crm_desktop.cheques.model import Cheque
from crm_desktop.core.digits import to_latin
from crm_desktop.phonebook.model import Contact
from tests.conftest import run_cli
from tests.pdf_helpers import read_pdf

PT_PER_MM = 72 / 25.4


@pytest.fixture
def db(db_path):
    from crm_desktop.office import Office

    with Office(db_path) as office:
        payee = office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
        drawer = office.phonebook.add(Contact(first_name="سارا", last_name="احمدی"))
        office.cheques.add(Cheque(direction="paid", sayad_id="2000000000000001", serial="101", bank="mellat",
                                  amount=1_250_000, due_date=date(2024, 10, 6), payee_id=payee))
        office.cheques.add(Cheque(direction="received", sayad_id="1000000000000001", serial="9", bank="melli",
                                  amount=5, due_date=date(2025, 1, 1), drawer_id=drawer))
    return db_path


def amount_x1(path) -> float:
    [page] = read_pdf(path)
    [word] = [w for w in page.words if "#" in w.text]
    assert to_latin(word.text).replace("٬", ",") == "#1,250,000#"
    return word.x1 / PT_PER_MM


def test_a_stored_cheque_prints_with_its_own_values_and_is_recorded(db, tmp_path):
    out = tmp_path / "c.pdf"
    done = run_cli("print-cheque", "--id", 1, "--out", out, db=db)
    assert done.returncode == 0, done.stderr
    assert "1 page(s) of 175 × 80 mm" in done.stdout
    x = amount_x1(out)
    moved = tmp_path / "m.pdf"
    assert run_cli("print-cheque", "--id", 1, "--dx", "3", "--out", moved, db=db).returncode == 0
    assert amount_x1(moved) - x == pytest.approx(3, abs=0.05)
    from crm_desktop.office import Office

    with Office(db) as office:
        assert len(office.cheque_print.prints(1)) == 2


def test_typed_values_and_the_calibration_page(db, tmp_path):
    out = tmp_path / "t.pdf"
    done = run_cli("print-cheque", "--amount", "۱٬۲۵۰٬۰۰۰", "--date", "۱۴۰۳/۰۷/۱۵", "--payee", "علی رضایی", "--out", out,
                   db=db)
    assert done.returncode == 0, done.stderr
    amount_x1(out)
    test = tmp_path / "test.pdf"
    assert run_cli("print-cheque", "--test-page", "--out", test, db=db).returncode == 0
    [page] = read_pdf(test)
    assert {"10", "170"} <= {to_latin(w.text) for w in page.words}


@pytest.mark.parametrize("args, fragment", [
    (("--id", 2), "فقط چک‌های پرداختی"),
    (("--id", 99), "این چک دیگر وجود ندارد"),
    (("--amount", "100", "--date", "1404/12/30"), "۲۹ روز"),
    (("--amount", "100"), "مبلغ و تاریخ"),
    (("--id", 1, "--template", "ناموجود"), "نمونه چاپی «ناموجود» نیست"),
    (("--id", 1, "--dx", "80"), "۵۰"),
])
def test_bad_input_is_one_line_with_its_persian_reason(db, tmp_path, args, fragment):
    out = tmp_path / "x.pdf"
    done = run_cli("print-cheque", *args, "--out", out, db=db)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert not out.exists()


def test_templates_export_import_and_a_malformed_file(db, tmp_path):
    assert "برگ یکسان صیادی" in run_cli("templates", "list", db=db).stdout
    out = tmp_path / "t.json"
    assert run_cli("templates", "export", "برگ یکسان صیادی", "--out", out, db=db).returncode == 0
    assert '"format": "crm_desktop.cheque_template"' in out.read_text(encoding="utf-8")
    done = run_cli("templates", "import", out, db=db)
    assert done.returncode == 0 and "برگ یکسان صیادی (۲)" in done.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "crm_desktop.cheque_template", "version": 1, "name": "x", "fields": 3}', encoding="utf-8")
    done = run_cli("templates", "import", bad, db=db)
    assert done.returncode == 2 and "فهرست فیلدهای پرونده درست نیست" in done.stderr
    assert run_cli("templates", "list", "--json", db=db).stdout.count('"name"') == 2
