"""The search index itself: ranks follow Persian order whatever the order contacts arrive in (room
is made between neighbours), the FTS5 tables always agree with their content, an index kept up to
date change by change equals one rebuilt from scratch, bulk inserts are detected and indexed, and
a version-1 database with contacts is migrated and searchable."""

import random
import sqlite3

import pytest

from crm_desktop.core.text import sort_key
from crm_desktop.phonebook import search_index
from crm_desktop.phonebook.model import Contact, CustomField, Note, Phone
from crm_desktop.phonebook.repo import Phonebook, SearchQuery, rebuild_search_index
from crm_desktop.storage import migrations
from crm_desktop.storage.db import open_database, transaction


@pytest.fixture
def book(conn):
    return Phonebook(conn)


def assert_sound(conn):
    """Ranks in (sort_key, id) order, one per contact, and both FTS tables equal to their content."""
    by_name = [r[0] for r in conn.execute("SELECT id FROM contacts ORDER BY sort_key, id")]
    by_rank = [r[0] for r in conn.execute("SELECT contact_id FROM contact_search ORDER BY rank")]
    assert by_rank == by_name
    for table in ("contact_words", "contact_numbers"):
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")


def documents(conn):
    return {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")}


@pytest.mark.parametrize("pattern", ["ascending", "descending", "random", "same name"])
def test_ranks_follow_persian_order_however_contacts_arrive(book, conn, pattern):
    book.add(Contact(first_name="آرش", last_name="آزادی"))
    book.add(Contact(first_name="یاسر", last_name="یزدانی"))
    names = [f"رضا{i:03d}" for i in range(150)]
    if pattern == "descending":
        names.reverse()
    elif pattern == "random":
        random.Random(7).shuffle(names)
    elif pattern == "same name":
        names = ["رضایی"] * 150
    for name in names:
        book.add(Contact(first_name="علی", last_name=name, phones=[Phone("0912 000 0000")]))
    for first in ("ا", "ب"):  # before the first and after the last, many times
        for _ in range(40):
            book.add(Contact(first_name=first, last_name="آ" if first == "ا" else "یییی"))
    assert_sound(conn)
    assert book.count(SearchQuery("علی")) == 150 and book.count(SearchQuery("0912")) == 150
    shown = [r.id for r in book.rows(SearchQuery("علی"), 0, 1000)]
    assert shown == [r[0] for r in conn.execute(
        "SELECT id FROM contacts WHERE first_name = 'علی' ORDER BY sort_key, id")]


def test_a_window_is_spread_when_neighbours_have_no_room(book, conn):
    first = book.add(Contact(first_name="الف"))
    last = book.add(Contact(first_name="ت"))
    gap = conn.execute("SELECT max(rank) - min(rank) FROM contact_search").fetchone()[0]
    for i in range(gap + 5):  # more contacts than free ranks between the two
        book.add(Contact(first_name=f"ب{i:04d}"))
    assert_sound(conn)
    assert [r.id for r in book.rows(SearchQuery(), 0, 1)] == [first]
    assert book.rows(SearchQuery(), gap + 6, 1)[0].id == last


def test_an_index_kept_up_to_date_equals_a_rebuilt_one(book, conn):
    group = book.add_group("مشتریان")
    field = book.add_field(CustomField("تاریخ", "date"))
    ids = [book.add(Contact(first_name=f"نفر {i}", last_name="کریمی", phones=[Phone(f"0912{i:07d}")],
                            emails=[f"p{i}@example.ir"])) for i in range(30)]
    book.add_to_group(ids[::3], group)
    book.add_note(Note(ids[4], "گزارش پشتیبانی ۱۲۳"))
    contact = book.get(ids[7])
    contact.last_name, contact.custom = "احمدی", {field: "1403/01/01"}
    book.update(contact)
    book.merge(ids[1], ids[2])
    snapshot = book.delete(ids[10:12])
    book.undo_delete(snapshot)
    book.delete([ids[20]])
    assert_sound(conn)
    kept = documents(conn)
    assert rebuild_search_index(conn) == 28
    assert documents(conn) == kept
    assert_sound(conn)


def test_bulk_inserts_are_detected_and_indexed(book, conn):
    book.add(Contact(first_name="علی"))
    assert not search_index.is_stale(conn)
    with transaction(conn):
        for i in range(20):
            conn.execute("INSERT INTO contacts (first_name, display_name, sort_key, created_at, updated_at) "
                         "VALUES (?, ?, ?, 'x', 'x')", (f"رضا {i}", f"رضا {i}", sort_key(f"رضا {i}")))
            conn.execute("INSERT INTO contact_phones (contact_id, number, national) VALUES (last_insert_rowid(), ?, ?)",
                         (f"0935{i:07d}", f"0935{i:07d}"))
    assert search_index.is_stale(conn) and book.search_index_is_stale()
    assert book.count(SearchQuery("رضا")) == 0
    calls = []
    book.rebuild_search_index(lambda done, total: calls.append((done, total)))
    assert not book.search_index_is_stale() and calls[-1] == (21, 21)
    assert book.count(SearchQuery("رضا")) == 20 and book.count(SearchQuery("0935")) == 20
    assert_sound(conn)


def test_a_version_1_database_with_contacts_is_migrated_and_searchable(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=1)
    rows = [("person", "آقای", "علی", "یزدانی", ""), ("person", "", "مریم", "بهرامی", ""),
            ("organisation", "", "", "", "بانک ملت"), ("person", "خانم", "ژاله", "پاکزاد", "شرکت پارس")]
    with transaction(conn):
        for kind, title, first, last, org in rows:
            display = " ".join(p for p in (title, first, last) if p) or org
            conn.execute("INSERT INTO contacts (kind, title, first_name, last_name, organisation, display_name, sort_key, "
                         "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2024-01-01', '2024-01-01')",
                         (kind, title, first, last, org, display, sort_key(display)))  # v1: by the shown name
        conn.execute("INSERT INTO contact_phones (contact_id, kind, number, national) VALUES (1, 'mobile', "
                     "'+98 912 123 4567', '09121234567')")
    conn.close()

    conn = open_database(path)
    try:
        book = Phonebook(conn)
        assert [r.display_name for r in book.rows(SearchQuery(), 0, 10)] == [
            "بانک ملت", "مریم بهرامی", "خانم ژاله پاکزاد", "آقای علی یزدانی"]  # last name first: ب ب پ ی
        assert [r.display_name for r in book.rows(SearchQuery("0912 123"), 0, 10)] == ["آقای علی یزدانی"]
        assert book.count(SearchQuery("پارس")) == 1 and book.groups() == [] and book.fields() == []
        assert_sound(conn)
    finally:
        conn.close()


def test_contacts_without_search_rows_do_not_break_neighbour_lookups(book, conn):
    a = book.add(Contact(first_name="الف"))
    c = book.add(Contact(first_name="پ"))
    conn.execute("DELETE FROM contact_search WHERE contact_id = ?", (a,))  # as if damaged
    conn.execute("INSERT INTO contact_words (contact_words) VALUES ('rebuild')")
    conn.execute("INSERT INTO contact_numbers (contact_numbers) VALUES ('rebuild')")
    b = book.add(Contact(first_name="ب"))
    book.update(book.get(a))  # re-indexes the missing one
    assert [r.id for r in book.rows(SearchQuery(), 0, 5)] == [a, b, c]
    assert_sound(conn)


def test_integrity_check_would_catch_a_drift(book, conn):
    book.add(Contact(first_name="علی"))
    conn.execute("UPDATE contact_search SET words = 'چیز دیگری'")
    with pytest.raises(sqlite3.DatabaseError):
        assert_sound(conn)


def test_update_indexes_only_what_is_missing_and_drops_what_is_gone(book, conn):
    ids = [book.add(Contact(first_name=f"نفر {i}")) for i in range(12)]
    with transaction(conn):
        conn.execute("INSERT INTO contacts (first_name, display_name, sort_key, created_at, updated_at) "
                     "VALUES ('ژیلا', 'ژیلا', ?, 'x', 'x')", (sort_key("ژیلا"),))
        conn.execute("DELETE FROM contacts WHERE id = ?", (ids[0],))
    assert search_index.check(conn) == ["1 contacts are not in the search index"]
    kept = {k: v for k, v in documents(conn).items() if k != ids[0]}
    assert book.update_search_index() == 2
    assert book.count(SearchQuery("ژیلا")) == 1 and book.count(SearchQuery("نفر")) == 11
    assert {k: v for k, v in documents(conn).items() if k in kept} == kept  # the others untouched
    assert search_index.check(conn) == [] and book.update_search_index() == 0
    assert_sound(conn)
