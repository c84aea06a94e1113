"""``crm-desktop --db PATH cheques …``: recording cheques (amounts and Jalali dates in any digit
script), the list with its footer of count and total per status, filters, the life of a cheque
with refusals that carry the Persian reason, the history, cheque books and their leaves, and the
alert-days setting. Real processes for the main paths; ``cli.main`` in-process for the variants."""

import json
import sqlite3
from datetime import date, timedelta

import pytest

from crm_desktop.cli import main
from crm_desktop.core.jalali import format_date
from tests.conftest import run_cli

SAYAD = "1402000012345678"


def jalali(day: date, persian: bool = False) -> str:
    return format_date(day, digits="persian" if persian else "latin")


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def office_db(db_path):
    """A database with three contacts: 1 علی رضایی, 2 شرکت آلفا, 3 سارا احمدی."""
    from crm_desktop.office import Office
    from crm_desktop.phonebook.model import Contact

    with Office(db_path) as office:
        office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
        office.phonebook.add(Contact(kind="organisation", organisation="شرکت آلفا"))
        office.phonebook.add(Contact(first_name="سارا", last_name="احمدی"))
    return db_path


def cli(db, *args):
    """In-process: (exit code, stdout, stderr)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def ok(result):
    code, out, err = result
    assert code == 0, err
    return out


def refused(result, code=2, *fragments):
    got, out, err = result
    assert got == code, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and out == "", err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def add(db, n, *extra, direction="received", due="1410/07/15", amount="12,500,000", party=("--drawer", 1)):
    return cli(db, "cheques", "add", "--direction", direction, "--sayad", f"{1402000012345600 + n}", "--serial",
               f"{700100 + n}", "--bank", "ملت", "--amount", amount, "--due", due, *party, *extra)


def test_add_in_any_digit_script_prints_and_stores_the_cheque(office_db):
    done = run_cli("cheques", "add", "--direction", "received", "--sayad", "۱۴۰۲۰۰۰۰۱۲۳۴۵۶۷۸", "--serial", "۷۰۰۱۲۳",
                   "--series", "۱۲/ب", "--bank", "بانک ملت", "--branch-name", "ونک", "--amount", "۱۲٬۵۰۰٬۰۰۰",
                   "--due", "۱۴۱۰/۰۷/۱۵", "--issue", "1410/06/01", "--drawer", "1", "--purpose", "فروش کالا",
                   db=office_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("cheque 1 added: دریافتی, نزد صندوق, 12,500,000 rials, due 1410/07/15, "
                                   "serial 700123, Sayad ID 1402000012345678")
    assert rows(office_db, "SELECT sayad_id, serial, series, bank, amount, due_date, issue_date, drawer_id, status "
                           "FROM cheques") == [(SAYAD, "700123", "12/ب", "mellat", 12_500_000, "2031-10-07",
                                                "2031-08-23", 1, "in_hand")]
    for n, amount in enumerate(("12500000", "12,500,000", "١٢٬٥٠٠٬٠٠٠", "12 500 000", "۱۲۵۰۰۰۰۰"), start=2):
        ok(add(office_db, n, amount=amount))
    assert rows(office_db, "SELECT DISTINCT amount FROM cheques") == [(12_500_000,)]


def test_add_json_has_jalali_and_iso_dates_the_amount_in_words_and_history(office_db):
    data = json.loads(ok(add(office_db, 1, "--json", "--guarantee", "--payee-national-id", "۰۰۱۲۳۴۵۶۷۹",
                             party=("--payee", 2), direction="paid")))
    assert (data["direction"], data["status"], data["status_label"]) == ("paid", "issued", "صادر شده")
    assert (data["due_date"], data["due_date_iso"]) == ("1410/07/15", "2031-10-07")
    assert data["amount"] == 12_500_000 and data["amount_words"] == "دوازده میلیون و پانصد هزار ریال"
    assert (data["payee"], data["payee_national_id"], data["guarantee"], data["bank_name"]) == (
        "شرکت آلفا", "0012345679", True, "ملت")
    assert [(h["from"], h["to"], h["to_label"]) for h in data["history"]] == [("", "issued", "صادر شده")]


@pytest.mark.parametrize("args, fragments", [
    (("--due", "1404/12/30"), ("تاریخ سررسید",)),  # 1404 is not a leap year: refused, never changed
    (("--sayad", "123"), ("16 digits", "شناسه صیادی")),
    (("--sheba", "IR000000000000000000000000"), ("شماره شبا",)),
    (("--payee-national-id", "1234567890"), ("کد/شناسه ملی گیرنده",)),
    (("--bank", "بانک ناشناس"), ("no bank", "در فهرست بانک‌ها نیست")),
    (("--amount", "12.5"), ("مبلغ",)),
    (("--drawer", "99"), ("صادرکننده", "در دفتر تلفن نیست")),
])
def test_bad_input_is_one_line_with_the_persian_reason_and_nothing_written(office_db, args, fragments):
    base = {"--direction": "received", "--sayad": SAYAD, "--serial": "700123", "--bank": "ملت", "--amount": "1000000",
            "--due": "1410/07/15", "--drawer": "1"}
    options = dict(base)
    options.update(dict(zip(args[::2], args[1::2])))
    flat = [item for pair in options.items() for item in pair]
    refused(cli(office_db, "cheques", "add", *flat), 2, *fragments)
    assert rows(office_db, "SELECT count(*) FROM cheques") == [(0,)]


def test_a_missing_database_is_exit_3(tmp_path):
    done = run_cli("cheques", "list", db=tmp_path / "none.sqlite3")
    assert done.returncode == 3 and len(done.stderr.strip().splitlines()) == 1 and "no such database" in done.stderr


@pytest.fixture
def filled(office_db):
    """Six cheques: four received from علی (1) and سارا (3), two paid to شرکت آلفا (2)."""
    ok(add(office_db, 1, due="1410/07/15", amount="10,000,000"))
    ok(add(office_db, 2, due="1410/07/20", amount="20,000,000", party=("--drawer", 3)))
    ok(add(office_db, 3, due="1410/08/01", amount="30,000,000"))
    ok(cli(office_db, "cheques", "add", "--direction", "received", "--sayad", "9999000011112222", "--serial", "5",
           "--bank", "melli", "--amount", "40000000", "--due", "1410/08/10", "--drawer", "3"))
    ok(add(office_db, 5, due="1410/07/25", amount="50,000,000", direction="paid", party=("--payee", 2)))
    ok(add(office_db, 6, due="1410/09/01", amount="60,000,000", direction="paid", party=("--payee", 2)))
    ok(cli(office_db, "cheques", "set-status", 2, "deposited", "--account", "جاری ملت"))
    ok(cli(office_db, "cheques", "set-status", 5, "void"))
    return office_db


def test_list_is_a_table_soonest_due_first_with_the_footer_per_status(filled):
    done = run_cli("cheques", "list", db=filled)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split("\t") == ["شناسه", "سررسید", "نوع", "وضعیت", "مبلغ (ریال)", "صادرکننده / در وجه", "بانک",
                                    "سریال", "شناسه صیادی"]
    assert [line.split("\t")[:6] for line in lines[1:7]] == [
        ["1", "1410/07/15", "دریافتی", "نزد صندوق", "10,000,000", "علی رضایی"],
        ["2", "1410/07/20", "دریافتی", "واگذار شده به بانک", "20,000,000", "سارا احمدی"],
        ["5", "1410/07/25", "پرداختی", "باطل", "50,000,000", "شرکت آلفا"],
        ["3", "1410/08/01", "دریافتی", "نزد صندوق", "30,000,000", "علی رضایی"],
        ["4", "1410/08/10", "دریافتی", "نزد صندوق", "40,000,000", "سارا احمدی"],
        ["6", "1410/09/01", "پرداختی", "صادر شده", "60,000,000", "شرکت آلفا"],
    ]
    assert lines[1].split("\t")[6:] == ["ملت", "700101", "1402000012345601"]
    assert lines[7] == "" and lines[8:] == [
        "دریافتی – نزد صندوق\t3 چک\t80,000,000",
        "دریافتی – واگذار شده به بانک\t1 چک\t20,000,000",
        "پرداختی – صادر شده\t1 چک\t60,000,000",
        "پرداختی – باطل\t1 چک\t50,000,000",
        "جمع\t6 چک\t210,000,000",
    ]


@pytest.mark.parametrize("args, ids", [
    (("--direction", "paid"), [5, 6]),
    (("--direction", "دریافتی", "--status", "نزد صندوق"), [1, 3, 4]),
    (("--status", "in-hand,deposited"), [1, 2, 3, 4]),
    (("--bank", "ملی"), [4]),
    (("--bank", "mellat", "--contact", "3"), [2]),
    (("--contact", "2"), [5, 6]),
    (("--due-from", "۱۴۱۰/۰۷/۲۰", "--due-to", "1410/08/01"), [2, 5, 3]),
    (("--amount-min", "۲۰٬۰۰۰٬۰۰۰", "--amount-max", "40,000,000"), [2, 3, 4]),
    (("--search", "2345603"), [3]),
    (("--search", "۷۰۰۱۰۶"), [6]),
    (("--search", SAYAD[:12] + "5601"), [1]),
])
def test_list_filters(filled, args, ids):
    data = json.loads(ok(cli(filled, "cheques", "list", *args, "--json")))
    assert [c["id"] for c in data["cheques"]] == ids
    assert data["count"] == len(ids) and data["amount"] == sum(c["amount"] for c in data["cheques"])


def test_list_json_totals_and_limit(filled):
    data = json.loads(ok(cli(filled, "cheques", "list", "--limit", "2", "--json")))
    assert data["count"] == 6 and len(data["cheques"]) == 2 and data["amount"] == 210_000_000
    first = data["cheques"][0]
    assert (first["due_date"], first["due_date_iso"], first["drawer"], first["bank_name"]) == (
        "1410/07/15", "2031-10-07", "علی رضایی", "ملت")
    assert {(t["direction"], t["status"]): (t["count"], t["amount"]) for t in data["totals"]} == {
        ("received", "in_hand"): (3, 80_000_000), ("received", "deposited"): (1, 20_000_000),
        ("paid", "issued"): (1, 60_000_000), ("paid", "void"): (1, 50_000_000)}
    text = ok(cli(filled, "cheques", "list", "--limit", "1"))
    assert "… 5 more" in text and text.rstrip().endswith("جمع\t6 چک\t210,000,000")


def test_due_soon_and_overdue_list_only_cheques_still_waiting(office_db):
    today = date.today()
    ok(add(office_db, 1, due=jalali(today + timedelta(days=3))))
    ok(add(office_db, 2, due=jalali(today - timedelta(days=5))))
    ok(add(office_db, 3, due=jalali(today + timedelta(days=30))))
    ok(add(office_db, 4, due=jalali(today + timedelta(days=2), persian=True), direction="paid", party=("--payee", 2)))
    ok(add(office_db, 5, due=jalali(today - timedelta(days=1))))
    ok(cli(office_db, "cheques", "set-status", 5, "spent", "--contact", 3))  # no longer waits
    soon = json.loads(ok(cli(office_db, "cheques", "list", "--due-soon", "7", "--json")))
    assert [c["id"] for c in soon["cheques"]] == [4, 1]
    late = json.loads(ok(cli(office_db, "cheques", "list", "--overdue", "--json")))
    assert [c["id"] for c in late["cheques"]] == [2]
    paid = json.loads(ok(cli(office_db, "cheques", "list", "--due-soon", "7", "--direction", "paid", "--json")))
    assert [c["id"] for c in paid["cheques"]] == [4]
    refused(cli(office_db, "cheques", "list", "--overdue", "--due-from", "1404/01/01"), 2, "--due-soon")
    refused(cli(office_db, "cheques", "list", "--direction", "paid", "--status", "in_hand"), 2, "وضعیت")


def test_set_status_and_undo(filled):
    done = run_cli("cheques", "set-status", "1", "واگذار شده به بانک", "--on", "۱۴۱۰/۰۷/۱۴", "--account", "جاری ملی",
                   "--note", "با فیش ۱۲", db=filled)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "cheque 1: 1410/07/14  نزد صندوق → واگذار شده به بانک  حساب: جاری ملی  یادداشت: با فیش ۱۲"
    step = json.loads(ok(cli(filled, "cheques", "set-status", 1, "bounced", "--on", "1410/07/16", "--reason",
                             "کسری موجودی", "--json")))
    assert (step["from"], step["to"], step["on"], step["on_iso"], step["reason"]) == (
        "deposited", "bounced", "1410/07/16", "2031-10-08", "کسری موجودی")
    assert rows(filled, "SELECT status, status_date FROM cheques WHERE id = 1") == [("bounced", "2031-10-08")]
    assert ok(cli(filled, "cheques", "undo", 1)).strip() == \
        "cheque 1: took back «برگشت خورده» of 1410/07/16; now «واگذار شده به بانک»"
    assert rows(filled, "SELECT status, status_date FROM cheques WHERE id = 1") == [("deposited", "2031-10-06")]


def test_a_step_that_does_not_follow_is_refused_with_the_persian_reason(filled):
    ok(cli(filled, "cheques", "set-status", 1, "deposited", "--account", "جاری"))
    ok(cli(filled, "cheques", "set-status", 1, "cleared"))
    before = rows(filled, "SELECT * FROM cheque_events ORDER BY id")
    done = run_cli("cheques", "set-status", "1", "deposited", "--account", "جاری", db=filled)
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("crm-desktop: error: a cleared received cheque cannot become deposited")
    assert "چکی که وصول شده را نمی‌توان به بانک واگذار کرد." in line and "وضعیت پایانی است" in line
    # a paid cheque has no «in hand»; a deposit needs its account; a bounce its reason
    refused(cli(filled, "cheques", "set-status", 6, "in_hand"), 2, "چک پرداختی وضعیت «نزد صندوق» ندارد")
    refused(cli(filled, "cheques", "set-status", 3, "deposited"), 2, "حساب:")
    refused(cli(filled, "cheques", "set-status", 6, "bounced"), 2, "علت برگشت")
    refused(cli(filled, "cheques", "set-status", 6, "پاس شده", "--on", "1410/13/01"), 2, "تاریخ")
    refused(cli(filled, "cheques", "set-status", 6, "nonsense"), 2, "unknown status")
    refused(cli(filled, "cheques", "undo", 3), 2, "جز ثبت آن مرحله‌ای ثبت نشده")
    refused(cli(filled, "cheques", "set-status", 99, "cleared"), 2, "این چک وجود ندارد")
    assert rows(filled, "SELECT * FROM cheque_events ORDER BY id") == before


def test_show_prints_the_fields_and_the_history(filled):
    ok(cli(filled, "cheques", "set-status", 2, "bounced", "--on", "1410/07/21", "--reason", "عدم تطابق امضا"))
    ok(cli(filled, "cheques", "set-status", 2, "returned", "--on", "1410/07/30"))
    text = ok(cli(filled, "cheques", "show", 2))
    assert "وضعیت: عودت به صاحب چک — 1410/07/30" in text
    assert "مبلغ: 20,000,000 ریال (بیست میلیون ریال)" in text and "صادرکننده: سارا احمدی (3)" in text
    history = text.split("سابقه:\n")[1].splitlines()
    assert [line.split("  ")[2] for line in history] == [
        "ثبت: نزد صندوق", "نزد صندوق → واگذار شده به بانک", "واگذار شده به بانک → برگشت خورده",
        "برگشت خورده → عودت به صاحب چک"]
    assert "علت: عدم تطابق امضا" in history[2] and "به: سارا احمدی" in history[3]  # returned to its drawer
    data = json.loads(ok(cli(filled, "cheques", "show", 2, "--json")))
    assert [h["to"] for h in data["history"]] == ["in_hand", "deposited", "bounced", "returned"]
    assert data["history"][3]["contact_id"] == 3 and data["history"][3]["on_iso"] == "2031-10-22"
    refused(cli(filled, "cheques", "show", 77), 2, "no cheque with id 77")


def test_cheque_books_issue_leaves_in_order_and_never_twice(office_db):
    done = run_cli("cheques", "books", "add", "--bank", "ملت", "--account", "۴۵۶۷-۸۹۰-۱۲", "--first-serial", "000998",
                   "--leaves", "4", "--series", "۴۲/ب", "--first-sayad", "1402000000000001", "--json", db=office_db)
    assert done.returncode == 0, done.stderr
    book = json.loads(done.stdout)
    assert (book["id"], book["first_serial"], book["last_serial"], book["unused"], book["next_leaf"]) == (
        1, "000998", "001001", 4, 1)
    issued = json.loads(ok(cli(office_db, "cheques", "add", "--book", 1, "--amount", "۵٬۰۰۰٬۰۰۰", "--due", "1410/07/01",
                               "--payee", 2, "--json")))
    assert (issued["direction"], issued["book_id"], issued["leaf_no"], issued["serial"], issued["sayad_id"],
            issued["bank"], issued["account_number"], issued["series"]) == (
        "paid", 1, 1, "000998", "1402000000000001", "mellat", "4567-890-12", "42/ب")
    ok(cli(office_db, "cheques", "books", "void-leaf", 1, 2, "--note", "مخدوش شد"))
    ok(cli(office_db, "cheques", "books", "lost-leaf", 1, 3, "--on", "1410/06/20"))
    refused(cli(office_db, "cheques", "books", "void-leaf", 1, 1), 2, "پیش‌تر صادر شده")
    text = ok(cli(office_db, "cheques", "add", "--book", 1, "--amount", "1000000", "--due", "1410/07/02", "--payee", 3))
    assert text.startswith("cheque 2 added on leaf 4 of cheque book 1") and "serial 001001" in text
    refused(cli(office_db, "cheques", "add", "--book", 1, "--amount", "1000000", "--due", "1410/07/03",
                "--payee", 3), 2, "همه ۴ برگ این دسته چک")
    refused(cli(office_db, "cheques", "add", "--book", 1, "--bank", "ملی", "--amount", "1", "--due", "1410/07/03",
                "--payee", 3), 2, "--bank")
    shown = ok(cli(office_db, "cheques", "books", "show", 1)).splitlines()
    assert shown[0].split("\t")[:6] == ["1", "ملت", "4567-890-12", "42/ب", "000998–001001", "4 برگ"]
    assert [line.split("\t")[:4] for line in shown[1:]] == [
        ["1", "000998", "صادر شده", "چک 1"], ["2", "000999", "باطل", ""], ["3", "001000", "مفقود", ""],
        ["4", "001001", "صادر شده", "چک 2"]]
    assert shown[3].split("\t")[4] == "1410/06/20"
    listed = json.loads(ok(cli(office_db, "cheques", "books", "list", "--json")))["books"]
    assert [(b["used"], b["unused"], b["void"], b["lost"], b["next_leaf"]) for b in listed] == [(2, 0, 1, 1, None)]
    ok(cli(office_db, "cheques", "books", "unmark-leaf", 1, 3))
    assert json.loads(ok(cli(office_db, "cheques", "books", "list", "--json")))["books"][0]["next_leaf"] == 3


def test_alert_days_shows_and_sets_and_moves_the_alerts(office_db):
    today = date.today()
    ok(add(office_db, 1, due=jalali(today + timedelta(days=40))))
    assert rows(office_db, "SELECT advance FROM reminders WHERE source = 'cheque'") == [("[4320]",)]
    assert ok(cli(office_db, "cheques", "alert-days")).strip() == "3"
    assert "1 cheque alerts updated" in ok(cli(office_db, "cheques", "alert-days", "۷"))
    assert ok(cli(office_db, "cheques", "alert-days")).strip() == "7"
    assert rows(office_db, "SELECT advance FROM reminders WHERE source = 'cheque'") == [("[10080]",)]
    refused(cli(office_db, "cheques", "alert-days", "61"), 2, "۶۰")
