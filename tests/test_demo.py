"""demo-data: the command as a real process on a real file, and the generator called directly
(cancelling, display names, valid codes). Small numbers; nothing timed."""

import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import run_cli

N = 500
PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"  # written out here, not taken from core


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def demo(db, *args):
    result = run_cli("demo-data", *args, db=db)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """One database with N contacts, seed 7 (read-only for the tests that use it)."""
    db = tmp_path_factory.mktemp("demo") / "office.sqlite3"
    result = demo(db, "--contacts", N, "--seed", 7, "--json")
    return db, json.loads(result.stdout)


# -- the command ----------------------------------------------------------------------------------
def test_fills_the_requested_number_and_reports_it(filled):
    db, report = filled
    assert rows(db, "SELECT count(*) FROM contacts") == [(N,)]
    made = report["contacts"]
    assert made["contacts"] == N and report["totals"]["contacts"] == N
    assert (made["first_id"], made["last_id"]) == (1, N)
    for table, key in (("contact_phones", "phones"), ("contact_emails", "emails"), ("contact_addresses", "addresses")):
        assert rows(db, f"SELECT count(*) FROM {table}") == [(made[key],)]
    assert report["seed"] == 7 and report["seconds"] >= 0


def test_plain_output_is_one_summary_line(tmp_path):
    result = demo(tmp_path / "a.sqlite3", "--contacts", 30)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("demo-data: 30 contacts") and " s;" in lines[0]


def test_persons_and_organisations(filled):
    db, _ = filled
    kinds = dict(rows(db, "SELECT kind, count(*) FROM contacts GROUP BY kind"))
    assert set(kinds) == {"person", "organisation"}
    assert 0.7 * N < kinds["person"] < 0.9 * N
    # persons have names, organisations an organisation name and no person name
    assert rows(db, "SELECT count(*) FROM contacts WHERE kind = 'person' AND (first_name = '' OR last_name = '')") == [(0,)]
    assert rows(db, "SELECT count(*) FROM contacts WHERE kind = 'organisation' AND (organisation = '' OR first_name != '')") == [(0,)]


def test_every_contact_has_one_to_three_phones_in_national_form(filled):
    from crm_desktop.core.phone import national_form

    db, _ = filled
    per_contact = rows(db, "SELECT c.id, count(p.id) FROM contacts c LEFT JOIN contact_phones p ON p.contact_id = c.id GROUP BY c.id")
    assert {count for _, count in per_contact} <= {1, 2, 3}
    assert {count for _, count in per_contact} == {1, 2, 3}
    phones = rows(db, "SELECT kind, number, national, position FROM contact_phones")
    for kind, number, national, _position in phones:
        assert re.fullmatch(r"0\d{10}", national), national
        assert national_form(number) == national, (number, national)  # typed form and stored form meet
        if kind == "mobile":
            assert national.startswith("09")
        else:
            assert re.fullmatch(r"0[1-8]\d[2-9]\d{7}", national), national  # area code + 8 digits
    typed = [number for _, number, _, _ in phones]
    assert any(n.startswith("+98") for n in typed)
    assert any(re.search("[۰-۹]", n) for n in typed)
    assert any("-" in n for n in typed) and any(" " in n for n in typed)
    assert any(n == national for _, n, national, _ in phones)


def test_names_sort_keys_and_display_names(filled):
    from crm_desktop.core.text import sort_key
    from crm_desktop.phonebook.model import display_name, sort_name

    db, _ = filled
    for kind, title, first, last, org, shown, key in rows(
        db, "SELECT kind, title, first_name, last_name, organisation, display_name, sort_key FROM contacts"
    ):
        assert shown == display_name(kind, title, first, last, org)
        assert key == sort_key(sort_name(kind, first, last, org))
    names = [name for (name,) in rows(db, "SELECT first_name || ' ' || last_name || ' ' || organisation FROM contacts")]
    assert any("\u200c" in name for name in names)  # compound names joined by ZWNJ
    assert any("ي" in name or "ك" in name for name in names)  # typed with an Arabic keyboard layout


def _persian_order_key(text):
    """This test's own idea of Persian order: fold Arabic letters, then rank by the alphabet."""
    from crm_desktop.core.text import normalise

    key = []
    for ch in normalise(text):
        if ch == " ":
            key.append((0, 0))
        elif ch in PERSIAN_ALPHABET:
            key.append((3, PERSIAN_ALPHABET.index(ch)))
        elif ch.isdigit():
            key.append((1, ord(ch)))
        else:
            key.append((2, ord(ch)))
    return key


def test_sort_key_order_is_persian_order(filled):
    db, _ = filled
    # persons by last name then first name, organisations by name; never by title
    listed = rows(db, "SELECT CASE kind WHEN 'person' THEN trim(last_name || ' ' || first_name) "
                      "ELSE organisation END, id FROM contacts ORDER BY sort_key, id")
    expected = sorted(listed, key=lambda row: (_persian_order_key(row[0]), row[1]))
    assert [name for name, _ in listed] == [name for name, _ in expected]
    titles = [t for (t,) in rows(db, "SELECT title FROM contacts WHERE kind = 'person' ORDER BY sort_key, id LIMIT 40")]
    assert len(set(titles)) > 1, "titles are mixed through the list, not grouped"
    # and that is not code-point order: پ چ ژ گ and the Arabic ي/ك would land elsewhere
    by_code_point = sorted(listed, key=lambda row: (row[0], row[1]))
    assert by_code_point != listed
    # the index serves the list
    plan = " ".join(str(r) for r in rows(db, "EXPLAIN QUERY PLAN SELECT id FROM contacts ORDER BY sort_key, id LIMIT 50"))
    assert "contacts_by_sort_key" in plan


def test_emails_addresses_birthdays_and_codes_are_valid(filled):
    from crm_desktop.core import validators

    db, _ = filled
    emails = [e for (e,) in rows(db, "SELECT email FROM contact_emails")]
    assert emails and all(re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}", e) for e in emails)
    addresses = rows(db, "SELECT province, city, street, postal_code FROM contact_addresses")
    assert addresses
    for province, city, street, postal in addresses:
        assert province and city and street
        assert validators.postal_code(postal) == postal
    birthdays = [b for (b,) in rows(db, "SELECT birthday FROM contacts WHERE birthday IS NOT NULL")]
    assert birthdays
    for birthday in birthdays:
        if birthday.startswith("--"):  # month and day only, as from a phone's vCard
            date.fromisoformat("2000" + birthday[1:])
        else:
            assert 1950 <= date.fromisoformat(birthday).year <= 2006
    codes = rows(db, "SELECT kind, national_code FROM contacts WHERE national_code != ''")
    assert {kind for kind, _ in codes} == {"person", "organisation"}
    for kind, code in codes:
        if kind == "person":
            assert validators.national_code(code) == code
        else:
            assert validators.legal_national_id(code) == code
    for created, updated in rows(db, "SELECT created_at, updated_at FROM contacts"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", created) and created <= updated


def test_same_seed_same_people_other_seed_other_people(tmp_path, filled):
    db, _ = filled
    again = tmp_path / "again.sqlite3"
    other = tmp_path / "other.sqlite3"
    demo(again, "--contacts", N, "--seed", 7)
    demo(other, "--contacts", N, "--seed", 8)
    query = ("SELECT c.display_name, group_concat(p.national, ',') FROM contacts c "
             "JOIN contact_phones p ON p.contact_id = c.id GROUP BY c.id ORDER BY c.id")
    assert rows(again, query) == rows(db, query)
    assert rows(other, query) != rows(db, query)


def test_refuses_a_database_with_contacts_unless_append(tmp_path):
    db = tmp_path / "office.sqlite3"
    demo(db, "--contacts", 40)
    refused = run_cli("demo-data", "--contacts", 40, db=db)
    assert refused.returncode != 0
    assert refused.stdout == ""
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "--append" in lines[0] and "40 contacts" in lines[0]
    assert rows(db, "SELECT count(*) FROM contacts") == [(40,)]

    appended = json.loads(demo(db, "--contacts", 40, "--append", "--json").stdout)
    assert appended["contacts"]["first_id"] == 41 and appended["totals"]["contacts"] == 80
    # an appended batch is new people, not the first batch again
    first = rows(db, "SELECT display_name FROM contacts WHERE id <= 40 ORDER BY id")
    second = rows(db, "SELECT display_name FROM contacts WHERE id > 40 ORDER BY id")
    assert first != second


def test_bad_counts_are_refused_before_touching_anything(tmp_path):
    db = tmp_path / "office.sqlite3"
    for bad in ("-1", "many"):
        result = run_cli("demo-data", "--contacts", bad, db=db)
        assert result.returncode != 0 and "--contacts" in result.stderr
    assert not db.exists()


def test_the_filled_database_passes_the_integrity_check(filled):
    db, _ = filled
    result = run_cli("check", "--json", db=db)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["integrity"] == "ok" and report["foreign_key_problems"] == []


# -- the generator, in process ------------------------------------------------------------------
def snapshot(conn):
    """Everything a fill could change: schema (with indexes), every row of the contact tables."""
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    data = {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("contacts", "contact_phones", "contact_emails", "contact_addresses")
    }
    return schema, data


CANCEL_POINTS = [(bulk, stop) for bulk in (False, True) for stop in ("first", "middle", "last")] + [(True, "indexes")]


@pytest.mark.parametrize("bulk, stop", CANCEL_POINTS, ids=[f"{'bulk' if b else 'small'}-{s}" for b, s in CANCEL_POINTS])
def test_a_cancelled_fill_leaves_the_database_as_it_was(conn, db_path, monkeypatch, bulk, stop):
    """bulk: the fill drops and rebuilds the indexes (cancelled in the middle of that too)."""
    from crm_desktop.demo import generate
    from crm_desktop.storage.check import check_database

    generate.fill_contacts(conn, 30, seed=3)
    before = snapshot(conn)
    monkeypatch.setattr(generate, "BULK_MIN", 50 if bulk else 10**9)
    calls = []

    def progress(done, total, text):
        calls.append((done, total, text))
        if stop == "first":
            return False
        if stop == "middle":
            return done < 120
        if stop == "last":  # every row inserted, nothing committed yet
            return done < total
        return text != generate.TEXT_INDEXES  # while the indexes are rebuilt

    with pytest.raises(generate.Cancelled):
        generate.fill_contacts(conn, 200, seed=4, progress=progress, chunk_size=40)
    assert not conn.in_transaction
    assert snapshot(conn) == before
    if stop == "middle":
        assert any(0 < done < 200 for done, _, _ in calls)
    if stop == "indexes":
        assert calls[-1][2] == generate.TEXT_INDEXES
    if bulk:  # the rolled-back pages do not linger in a big -wal file
        assert Path(f"{db_path}-wal").stat().st_size == 0
    assert check_database(db_path).ok


def test_fill_demo_refuses_a_filled_database_and_rolls_back_every_step(conn, db_path):
    from crm_desktop.demo import generate, steps

    generate.fill_contacts(conn, 5)
    with pytest.raises(steps.AlreadyFilled):
        steps.fill_demo(conn, {"contacts": 5}, path=db_path)
    before = snapshot(conn)
    with pytest.raises(generate.Cancelled):
        steps.fill_demo(conn, {"contacts": 100}, progress=lambda done, total, text: done < 50, append=True)
    assert snapshot(conn) == before
    result = steps.fill_demo(conn, {"contacts": 10}, seed=2, append=True, path=db_path)
    assert result.steps["contacts"]["contacts"] == 10 and result.totals == {"contacts": 15}


def test_a_progress_that_raises_rolls_back_and_the_error_comes_through(conn):
    from crm_desktop.demo import generate

    before = snapshot(conn)

    def progress(done, total, text):
        if done >= 80:
            raise RuntimeError("operator closed the window")

    with pytest.raises(RuntimeError, match="operator closed"):
        generate.fill_contacts(conn, 200, seed=5, progress=progress, chunk_size=40)
    assert snapshot(conn) == before


def test_bulk_fill_rebuilds_every_index_and_reports_progress(conn, monkeypatch):
    from crm_desktop.demo import generate

    indexes_before = generate.secondary_indexes(conn)
    assert len(indexes_before) >= 5
    monkeypatch.setattr(generate, "BULK_MIN", 50)
    calls = []
    result = generate.fill_contacts(conn, 120, seed=6, progress=lambda *a: calls.append(a), chunk_size=50)
    assert result.contacts == 120
    assert generate.secondary_indexes(conn) == indexes_before
    assert [c[0] for c in calls if c[2] == generate.TEXT_CONTACTS] == [0, 50, 100, 120]
    assert sum(1 for c in calls if c[2] == generate.TEXT_INDEXES) == len(indexes_before)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_chunk_size_does_not_change_the_data(tmp_path):
    from crm_desktop.demo.factory import ContactFactory

    today = date(2025, 3, 20)
    whole = ContactFactory("s", today).rows(1, 90)
    factory = ContactFactory("s", today)
    parts = [factory.rows(1, 40), factory.rows(41, 50)]
    assert whole == tuple(a + b for a, b in zip(*parts))


def test_display_name():
    from crm_desktop.demo.generate import display_name

    assert display_name("person", "خانم", "مریم", "علی‌پور") == "خانم مریم علی‌پور"
    assert display_name("person", "", " رضا ", "احمدی") == "رضا احمدی"
    assert display_name("person", "دکتر", "", "", "بانک ملت") == "بانک ملت"  # no name: its organisation
    assert display_name("organisation", "", "", "", "شرکت آریا") == "شرکت آریا"
    assert display_name("organisation", "", "علی", "رضایی", "") == "علی رضایی"


def test_groups_custom_fields_and_notes_come_with_the_contacts(filled):
    db, _ = filled
    groups = rows(db, "SELECT g.name, count(m.contact_id) FROM contact_groups g "
                      "LEFT JOIN contact_group_members m ON m.group_id = g.id GROUP BY g.id")
    assert len(groups) == 8 and all(count > 0 for _, count in groups)
    assert {name for name, _ in groups} >= {"مشتریان", "همکاران"}
    fields = rows(db, "SELECT name, kind FROM custom_fields ORDER BY position")
    assert fields == [("نحوه آشنایی", "choice"), ("تاریخ تولد همسر", "date")]
    (valued,) = rows(db, "SELECT count(*) FROM contact_custom_values")[0]
    assert valued > 0
    mismatched = rows(db, "SELECT c.id FROM contacts c WHERE c.last_contact_at IS NOT "
                          "(SELECT max(n.at) FROM contact_notes n WHERE n.contact_id = c.id)")
    assert mismatched == []
    (with_notes,) = rows(db, "SELECT count(DISTINCT contact_id) FROM contact_notes")[0]
    assert 0.08 * N < with_notes < 0.25 * N


def test_a_demo_database_is_searchable_at_once(filled):
    from tests.conftest import run_cli

    db, _ = filled
    (last_name,) = rows(db, "SELECT last_name FROM contacts WHERE kind = 'person' ORDER BY id LIMIT 1")[0]
    found = run_cli("search", last_name, "--json", db=db)
    assert found.returncode == 0, found.stderr
    assert last_name in found.stdout
