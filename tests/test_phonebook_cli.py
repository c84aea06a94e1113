"""``crm-desktop --db PATH search QUERY [--group NAME] [--json]`` as a real process: matching
contacts in Persian order, Jalali dates, errors as one line and a non-zero exit."""

import json

import pytest

from crm_desktop.phonebook.model import Contact, Note, Phone
from crm_desktop.phonebook.repo import Phonebook
from crm_desktop.storage.db import open_database
from tests.conftest import run_cli


@pytest.fixture
def filled(db_path):
    conn = open_database(db_path)
    book = Phonebook(conn)
    customers = book.add_group("مشتریان ویژه")
    ali = book.add(Contact(title="آقای", first_name="علي", last_name="یزدانی", organisation="شرکت پارس",
                           phones=[Phone("+98 912 123 4567"), Phone("021 8877 6655", "work", "12")],
                           emails=["ali@example.ir"], birthday="1990-03-21", group_ids=[customers]))
    book.add(Contact(first_name="مریم", last_name="بهرامی", phones=[Phone("۰۹۱۲ ۷۶۵ ۴۳۲۱")]))
    book.add(Contact(first_name="ژاله", last_name="پاکزاد", phones=[Phone("0935 111 2233")], group_ids=[customers]))
    book.add_note(Note(ali, "تماس درباره قرارداد", "call", "2025-03-20T08:30:00"))
    conn.close()
    return db_path


def test_text_output_in_persian_order_with_jalali_dates(filled):
    done = run_cli("search", "0912", db=filled)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "مریم بهرامی\t\t0912 765 4321",
        "آقای علي یزدانی\tشرکت پارس\t0912 123 4567, 021 8877 6655 x12\t1403/12/30 08:30",
    ]


def test_json_output(filled):
    done = run_cli("search", "علی", "--json", db=filled)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["count"] == 1 and report["query"] == "علی"
    (found,) = report["contacts"]
    assert found["name"] == "آقای علي یزدانی" and found["organisation"] == "شرکت پارس"
    assert found["phones"] == [{"number": "09121234567", "kind": "mobile", "ext": ""},
                               {"number": "02188776655", "kind": "work", "ext": "12"}]
    assert found["groups"] == ["مشتریان ویژه"] and found["emails"] == ["ali@example.ir"]
    assert found["birthday"] == "1369/01/01" and found["last_contact"] == "1403/12/30 08:30"
    assert found["last_contact_at"] == "2025-03-20T08:30:00"



def test_json_holds_every_field_the_search_looks_in(db_path):
    """A contact found by its street, note or custom value shows that value in the JSON."""
    from crm_desktop.phonebook.model import Address, CustomField

    conn = open_database(db_path)
    book = Phonebook(conn)
    since = book.add_field(CustomField("تاریخ عضویت", "date"))
    staff = book.add_field(CustomField("تعداد کارکنان", "number"))
    level = book.add_field(CustomField("سطح", "choice", ["طلایی", "نقره‌ای"]))
    book.add(Contact(kind="organisation", organisation="شرکت نوآوران", unit="فروش", manager="سعید کریمی",
                     national_code="10100543218", website="www.noavaran.ir", note="مشتری قدیمی خیابان ولیعصر",
                     addresses=[Address("تهران", "تهران", "خیابان ولیعصر، پلاک ۱۲", "1439813118")],
                     custom={since: "2024-03-20", staff: "2.5", level: "طلایی"}))
    conn.close()
    done = run_cli("search", "ولیعصر", "--json", db=db_path)
    assert done.returncode == 0, done.stderr
    (found,) = json.loads(done.stdout)["contacts"]
    assert (found["unit"], found["manager"], found["national_code"], found["website"]) == (
        "فروش", "سعید کریمی", "10100543218", "www.noavaran.ir")
    assert found["note"] == "مشتری قدیمی خیابان ولیعصر"
    assert found["addresses"] == [{"province": "تهران", "city": "تهران", "street": "خیابان ولیعصر، پلاک ۱۲",
                                   "postal_code": "1439813118"}]
    assert found["custom"] == {"تاریخ عضویت": "1403/01/01", "تعداد کارکنان": "2.5", "سطح": "طلایی"}


def test_an_organisation_is_named_once_in_the_text_output(db_path):
    conn = open_database(db_path)
    Phonebook(conn).add(Contact(kind="organisation", organisation="شرکت پارس", phones=[Phone("021 8877 6655", "work")]))
    conn.close()
    done = run_cli("search", "پارس", db=db_path)
    assert done.stdout.splitlines() == ["شرکت پارس\t\t021 8877 6655"]  # not «شرکت پارس\tشرکت پارس\t…»

def test_group_filter_and_limit(filled):
    done = run_cli("search", "--group", "مشتريان ويژه", "--json", db=filled)  # Arabic yeh typed
    assert [c["name"] for c in json.loads(done.stdout)["contacts"]] == ["ژاله پاکزاد", "آقای علي یزدانی"]
    done = run_cli("search", "09", "--group", "مشتریان ویژه", "--limit", "1", db=filled)
    assert done.stdout.splitlines() == ["ژاله پاکزاد\t\t0935 111 2233"]
    done = run_cli("search", "", db=filled)
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == [
        "مریم بهرامی", "ژاله پاکزاد", "آقای علي یزدانی"]


def test_no_match_is_not_an_error(filled):
    done = run_cli("search", "زهرا", db=filled)
    assert done.returncode == 0 and done.stdout == "" and "no contact matches" in done.stderr


@pytest.mark.parametrize("args, words, code", [
    (("search", "x", "--group", "همکاران"), "no group named 'همکاران'", 2),
    (("search", "x", "--limit", "-1"), "--limit cannot be negative", 2),
])
def test_errors_are_one_line(filled, args, words, code):
    done = run_cli(*args, db=filled)
    assert done.returncode == code and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr


def test_a_missing_database_is_not_created(tmp_path):
    path = tmp_path / "none.sqlite3"
    done = run_cli("search", "x", db=path)
    assert done.returncode == 3 and "no such database" in done.stderr and not path.exists()


def test_an_empty_or_unknown_group_is_refused_alike_by_search_export_and_report(db_path, tmp_path):
    """``--group ""`` is no group name: search, export and report all refuse it (export used to
    export the whole book), naming the groups there are, with exit code 2."""
    from tests.conftest import run_cli

    assert run_cli("demo-data", "--contacts", "20", db=db_path).returncode == 0
    for args in (("search", "علی"), ("export", "contacts", "--format", "csv", "--out", tmp_path / "x.csv"),
                 ("report", "phonebook", "--out", tmp_path / "x.pdf")):
        for name in ("", "گروه ناموجود"):
            done = run_cli(*args, "--group", name, db=db_path)
            assert done.returncode == 2, (args, name, done.stdout)
            assert f"no group named '{name}' (groups: " in done.stderr
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.pdf").exists()
