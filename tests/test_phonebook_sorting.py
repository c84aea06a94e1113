"""The phonebook's orders other than the name (repo_order.py): organisation in Persian order, last
contact, created date and custom fields, ascending and descending, of the whole book and of a
search or a group; every way a page is found gives the same rows; and every write keeps the
indexed sort keys in step (migration m0008), also for a database migrated from version 7."""

from __future__ import annotations

import random

import pytest

from crm_desktop.core.text import sort_key
from crm_desktop.phonebook import repo_order
from crm_desktop.phonebook.model import Contact, CustomField, Note, Phone
from crm_desktop.phonebook.repo import Phonebook, SearchQuery

# organisations, not in order; Persian order: آریا بهار پارس تابان چکاد زاگرس ژرف کوثر گلستان
ORGANISATIONS = ["گلستان", "پارس", "چکاد", "ژرف", "کوثر", "آریا", "تابان", "زاگرس", "بهار"]
IN_PERSIAN_ORDER = ["آریا", "بهار", "پارس", "تابان", "چکاد", "زاگرس", "ژرف", "کوثر", "گلستان"]


@pytest.fixture
def book(conn):
    return Phonebook(conn)


def ids(book, order, text="", group=None, offset=0, limit=10_000):
    return [r.id for r in book.rows(SearchQuery(text, group, order), offset, limit)]


def organisations(book, order, text="", group=None):
    return [r.organisation for r in book.rows(SearchQuery(text, group, order), 0, 10_000)]


def keys_in_step(conn) -> None:
    """Every stored sort key equals what core.text.sort_key makes of its text now."""
    stale = conn.execute("SELECT id, organisation, organisation_key FROM contacts "
                         "WHERE organisation_key IS NOT sort_key(organisation)").fetchall()
    assert stale == []
    stale = conn.execute("SELECT v.contact_id, v.field_id FROM contact_custom_values v "
                         "JOIN contacts c ON c.id = v.contact_id WHERE v.name_key IS NOT c.sort_key").fetchall()
    assert stale == []


# --- what the operator sees ---------------------------------------------------------------------------
def test_organisation_in_persian_order_names_within_it_and_the_rest_after(book):
    companies = {o: book.add(Contact(kind="organisation", organisation=o)) for o in ORGANISATIONS}
    reza = book.add(Contact(first_name="علی", last_name="رضایی", organisation="پارس"))
    ahmadi = book.add(Contact(first_name="ژاله", last_name="احمدی", organisation="پارس"))
    nobody = [book.add(Contact(first_name="گلناز", last_name="یزدانی")),
              book.add(Contact(first_name="بهرام", last_name="پاکزاد"))]
    shown = organisations(book, "organisation")
    assert shown[:-2] == [o for o in IN_PERSIAN_ORDER for _ in range(3 if o == "پارس" else 1)]
    assert shown[-2:] == ["", ""]
    pars = ids(book, "organisation")[2:5]
    assert pars == [ahmadi, companies["پارس"], reza]  # by name: «احمدی ژاله», «پارس», «رضایی علی»
    assert ids(book, "organisation")[-2:] == [nobody[1], nobody[0]]  # پاکزاد before یزدانی

    reverse = organisations(book, "-organisation")
    assert reverse[:-2] == [o for o in reversed(IN_PERSIAN_ORDER) for _ in range(3 if o == "پارس" else 1)]
    assert ids(book, "-organisation")[-2:] == [nobody[1], nobody[0]]  # without one: still last, by name
    assert ids(book, "-organisation")[6:9] == pars[::-1]


def test_organisation_order_with_a_search_and_a_group(book):
    group = book.add_group("مشتریان", "#123456")
    added = {}
    for organisation in ORGANISATIONS:
        added[organisation] = book.add(Contact(first_name="علی", last_name=f"کارمند {organisation}",
                                               organisation=organisation))
        book.add(Contact(first_name="رضا", last_name="دیگری", organisation=organisation))
    book.add_to_group([added["گلستان"], added["پارس"], added["آریا"]], group)
    assert organisations(book, "organisation", "علی") == IN_PERSIAN_ORDER
    assert organisations(book, "-organisation", "علی") == IN_PERSIAN_ORDER[::-1]
    assert organisations(book, "organisation", group=group) == ["آریا", "پارس", "گلستان"]
    assert organisations(book, "-organisation", "علی", group) == ["گلستان", "پارس", "آریا"]
    assert book.count(SearchQuery("علی", order="organisation")) == 9


def test_custom_values_sort_equal_values_by_name_and_empty_ones_last(book):
    source = book.add_field(CustomField("نحوه آشنایی", "choice", choices=["نمایشگاه", "پیامک", "گوگل"]))
    size = book.add_field(CustomField("تعداد کارکنان", "number"))
    people = {}
    for first, last, how, staff in (("علی", "یزدانی", "پیامک", "12"), ("مریم", "گودرزی", "گوگل", "9"),
                                    ("ژاله", "پاکزاد", "پیامک", "100"), ("کاوه", "چراغی", "", ""),
                                    ("بهرام", "آزادی", "نمایشگاه", "12"), ("نرگس", "ژیان", "", "")):
        custom = {source: how, size: staff} if how else {}
        people[last] = book.add(Contact(first_name=first, last_name=last, custom=custom))
    by = lambda order, text="": [book.get(i).last_name for i in ids(book, order, text)]  # noqa: E731
    # پیامک < گوگل < نمایشگاه in Persian order; two «پیامک»: پاکزاد before یزدانی
    assert by(f"custom:{source}") == ["پاکزاد", "یزدانی", "گودرزی", "آزادی", "چراغی", "ژیان"]
    assert by(f"-custom:{source}") == ["آزادی", "گودرزی", "یزدانی", "پاکزاد", "چراغی", "ژیان"]
    assert by(f"custom:{size}") == ["گودرزی", "آزادی", "یزدانی", "پاکزاد", "چراغی", "ژیان"]  # 9 < 12 < 100
    assert by(f"-custom:{size}") == ["پاکزاد", "یزدانی", "آزادی", "گودرزی", "چراغی", "ژیان"]
    assert by(f"custom:{source}", "پیامک") == ["پاکزاد", "یزدانی"]
    contact = book.get(people["یزدانی"])
    contact.last_name = "اکبری"  # a new name moves it among the equal values
    book.update(contact)
    assert by(f"custom:{source}")[:2] == ["اکبری", "پاکزاد"]


def test_created_and_last_contact_orders(book, conn):
    a = book.add(Contact(first_name="الف"))
    b = book.add(Contact(first_name="ب"))
    c = book.add(Contact(first_name="پ"))
    conn.execute("UPDATE contacts SET created_at = '2024-05-01T10:00:00' WHERE id = ?", (b,))
    assert ids(book, "created")[0] == b and ids(book, "-created")[-1] == b
    book.add_note(Note(c, "جلسه", "meeting", "2025-02-01T10:00:00"))
    book.add_note(Note(a, "تماس", "call", "2025-01-01T10:00:00"))
    d = book.add(Contact(first_name="آ"))
    assert ids(book, "-last_contact") == [c, a, d, b]  # newest first, never contacted last, by name
    assert ids(book, "last_contact") == [a, c, d, b]  # oldest first, never contacted last, by name


def test_pages_cross_from_the_first_part_to_the_second(book):
    for i in range(30):
        book.add(Contact(first_name=f"نفر{i:02d}", last_name="رضایی", organisation=ORGANISATIONS[i % 9] if i % 3 else ""))
    for order in ("organisation", "-organisation"):
        for text in ("", "رضایی"):
            whole = ids(book, order, text)
            assert len(whole) == 30
            paged = []
            for offset in range(0, 30, 7):
                paged += ids(book, order, text, offset=offset, limit=7)
            assert paged == whole
            assert ids(book, order, text, offset=19, limit=3) == whole[19:22]


def test_an_unknown_order_is_refused(book):
    book.add(Contact(first_name="علی"))
    with pytest.raises(ValueError):
        book.rows(SearchQuery(order="phones"), 0, 10)


# --- every way of finding a page gives the same rows -----------------------------------------------------
def random_book(book, conn, n=160, seed=4):
    rnd = random.Random(seed)
    firsts = ["علی", "مریم", "ژاله", "گلناز", "پرویز", "چنگیز", "کاوه", "بهرام"]
    lasts = ["احمدی", "پاکزاد", "چراغی", "ژیان", "گودرزی", "یزدانی", "کاظمی", "زارعی"]
    how = book.add_field(CustomField("نحوه آشنایی", "choice", choices=["پیامک", "گوگل", "نمایشگاه"]))
    size = book.add_field(CustomField("تعداد", "number"))
    groups = [book.add_group(name, "#123456") for name in ("مشتریان", "همکاران")]
    for i in range(n):
        custom = {}
        if rnd.random() < 0.5:
            custom[how] = rnd.choice(["پیامک", "گوگل", "نمایشگاه"])
        if rnd.random() < 0.4:
            custom[size] = str(rnd.randrange(1, 30))
        contact_id = book.add(Contact(
            first_name=rnd.choice(firsts), last_name=rnd.choice(lasts),
            organisation=rnd.choice(ORGANISATIONS + ["", "", ""]),
            phones=[Phone(f"0912{rnd.randrange(10**7):07d}")], custom=custom,
            group_ids=[g for g in groups if rnd.random() < 0.3]))
        if rnd.random() < 0.3:
            book.add_note(Note(contact_id, "تماس", "call", f"2025-0{rnd.randrange(1, 10)}-1{rnd.randrange(10)}T10:00:00"))
    for contact_id in range(1, n + 1):
        conn.execute("UPDATE contacts SET created_at = ? WHERE id = ?",
                     (f"2024-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}T09:00:00", contact_id))
    return how, size, groups


def expected(book, conn, order, text, group, how, size):
    """The order worked out in Python from the name order (the tested FTS5 path)."""
    by_name = ids(book, "name", text, group)
    rank = {contact_id: i for i, contact_id in enumerate(by_name)}
    rows = {r[0]: r[1:] for r in conn.execute("SELECT id, organisation, last_contact_at, created_at FROM contacts")}
    values = {(r[0], r[1]): r[2] for r in conn.execute("SELECT contact_id, field_id, value FROM contact_custom_values")}
    descending = order.startswith("-")
    key = order.lstrip("-")
    if key == "created":
        return sorted(by_name, key=lambda i: (rows[i][2] or "", i), reverse=descending)
    if key == "last_contact":  # by the time, then the name; the never contacted after them, by name
        dated = [i for i in by_name if rows[i][1] is not None]
        dated.sort(key=lambda i: (rows[i][1], rank[i]), reverse=descending)
        return dated + [i for i in by_name if rows[i][1] is None]
    if key == "organisation":
        has = [i for i in by_name if rows[i][0]]
        has.sort(key=lambda i: (sort_key(rows[i][0]), rank[i]), reverse=descending)
        return has + [i for i in by_name if not rows[i][0]]
    field = int(key.split(":")[1])
    value = (lambda v: int(v)) if field == size else sort_key
    has = [i for i in by_name if (i, field) in values]
    has.sort(key=lambda i: (value(values[(i, field)]), rank[i]), reverse=descending)
    return has + [i for i in by_name if (i, field) not in values]


@pytest.mark.parametrize("way", ["sorted at once", "walked", "walk stopped"])
def test_every_way_gives_the_same_pages(book, conn, monkeypatch, way):
    how, size, groups = random_book(book, conn)
    monkeypatch.setattr(repo_order, "should_walk", lambda *_: way != "sorted at once")
    if way == "walk stopped":
        monkeypatch.setattr(repo_order, "WALK_BUDGET_S", -1.0)
        monkeypatch.setattr(repo_order, "PROGRESS_STEP", 1)
    sorted_at_once = []
    real = repo_order.sorted_matches
    monkeypatch.setattr(repo_order, "sorted_matches", lambda *a: sorted_at_once.append(a[1]) or real(*a))
    orders = ["organisation", "last_contact", "created", f"custom:{how}", f"custom:{size}"]
    for text, group in (("", None), ("علی", None), ("0912", None), ("", groups[0]), ("احمدی", groups[1]), ("ز", None)):
        for order in orders + [f"-{o}" for o in orders]:
            want = expected(book, conn, order, text, group, how, size)
            assert ids(book, order, text, group) == want, (order, text, group)
            for offset, limit in ((0, 5), (3, 11), (len(want) - 4, 10)):
                assert ids(book, order, text, group, max(0, offset), limit) == want[max(0, offset):max(0, offset) + limit]
            assert book.count(SearchQuery(text, group, order)) == len(want)
    assert bool(sorted_at_once) == (way != "walked")


def test_a_stopped_walk_looks_up_the_first_page_and_sorts_the_matches_once(book, conn, monkeypatch):
    random_book(book, conn, n=60)
    monkeypatch.setattr(repo_order, "should_walk", lambda *_: True)
    monkeypatch.setattr(repo_order, "WALK_BUDGET_S", -1.0)
    monkeypatch.setattr(repo_order, "PROGRESS_STEP", 1)
    calls = []
    real = repo_order.sorted_matches
    monkeypatch.setattr(repo_order, "sorted_matches", lambda *a: calls.append(a[1]) or real(*a))
    first = ids(book, "organisation", "علی", offset=0, limit=5)  # looked up in the set of matches
    assert calls == []
    second = ids(book, "organisation", "علی", offset=5, limit=5)  # sorted at once …
    assert ids(book, "organisation", "علی", offset=0, limit=10) == first + second and len(calls) == 1  # … and kept
    added = book.add(Contact(first_name="علی", last_name="آزادی", organisation="آریا"))  # a write: sorted again
    assert ids(book, "organisation", "علی", offset=0, limit=5)[0] == added and len(calls) == 1
    assert ids(book, "organisation", "علی", offset=4, limit=2)[1] == first[4] and len(calls) == 2


# --- writes keep the keys in step -------------------------------------------------------------------------
def test_every_write_keeps_the_sort_keys_in_step(book, conn, tmp_path):
    from crm_desktop.phonebook.importer import ImportArgs, run_import

    field = book.add_field(CustomField("شهر", "text"))
    a = book.add(Contact(first_name="علی", last_name="رضایی", organisation="گلستان", custom={field: "تبریز"}))
    b = book.add(Contact(first_name="مریم", last_name="احمدی", organisation="پارس", custom={field: "اصفهان"}))
    keys_in_step(conn)
    contact = book.get(a)
    contact.organisation, contact.last_name = "چکاد", "یزدانی"
    book.update(contact)
    keys_in_step(conn)
    contact.organisation = ""
    book.update(contact)
    keys_in_step(conn)
    assert organisations(book, "organisation") == ["پارس", ""]
    book.merge(b, a)
    keys_in_step(conn)
    snapshot = book.delete([b])
    book.undo_delete(snapshot)
    keys_in_step(conn)
    assert organisations(book, "organisation") == ["پارس"]
    book.add_many([Contact(first_name=f"نفر{i}", organisation=ORGANISATIONS[i % 9], custom={field: "ری"})
                   for i in range(40)])
    keys_in_step(conn)
    lines = ["نام,نام خانوادگی,سازمان,موبایل,شهر"]
    lines += [f"نفر{i},واردشده,{ORGANISATIONS[i % 9]},0912{i:07d},کرج" for i in range(600)]  # the bulk path
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    summary = run_import(ImportArgs(path, conn=conn))
    assert summary.added == 600
    keys_in_step(conn)
    shown = organisations(book, "organisation")
    assert shown == sorted(shown, key=lambda o: (o == "", sort_key(o)))
    assert shown.index("پارس") < shown.index("ژرف") < shown.index("گلستان")


def test_demo_data_fills_the_keys(conn):
    from crm_desktop.demo.generate import fill_contacts

    fill_contacts(conn, 300, seed=3)
    keys_in_step(conn)
    assert conn.execute("SELECT count(*) FROM contacts WHERE organisation_key <> ''").fetchone()[0] > 50


# --- the migration from version 7 -------------------------------------------------------------------------
def test_a_version_7_book_gets_its_sort_keys(tmp_path):
    from crm_desktop.storage import migrations
    from crm_desktop.storage.db import open_database, transaction

    path = tmp_path / "v7.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=7)
    with transaction(conn):
        conn.execute("INSERT INTO custom_fields (id, name, name_key, kind, show_in_table) VALUES (1, 'شهر', 'شهر', 'text', 1)")
        for i, (organisation, last) in enumerate(zip(ORGANISATIONS + ["", ""], ["یزدانی", "احمدی", "پاکزاد", "ژیان",
                                                                                 "گودرزی", "چراغی", "کاظمی", "زارعی",
                                                                                 "آزادی", "بهرامی", "تهرانی"])):
            conn.execute("INSERT INTO contacts (id, first_name, last_name, organisation, display_name, sort_key, "
                         "created_at, updated_at) VALUES (?, 'علی', ?, ?, ?, ?, '2025-01-01', '2025-01-01')",
                         (i + 1, last, organisation, f"علی {last}", sort_key(f"{last} علی")))
            conn.execute("INSERT INTO contact_custom_values (contact_id, field_id, value, sort_value) VALUES (?, 1, ?, ?)",
                         (i + 1, "تهران", sort_key("تهران")))
    conn.close()

    conn = open_database(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        keys_in_step(conn)
        book = Phonebook(conn)
        assert organisations(book, "organisation") == IN_PERSIAN_ORDER + ["", ""]
        assert [book.get(i).last_name for i in ids(book, "custom:1")][:4] == ["آزادی", "احمدی", "بهرامی", "پاکزاد"]
        contact = book.get(1)  # the triggers work on the migrated file
        contact.organisation = "آبان"
        book.update(contact)
        keys_in_step(conn)
        assert organisations(book, "organisation")[0] == "آبان"
    finally:
        conn.close()


@pytest.mark.parametrize("way", ["as they come", "looked up in order_ranks"])
def test_a_contacts_position_is_its_row_in_every_order_search_and_group(book, conn, monkeypatch, way):
    """``position`` (where the table selects a contact after an edit, however far down) equals
    its row among those listed; None for a contact the query does not show."""
    how, size, groups = random_book(book, conn)
    if way == "looked up in order_ranks":  # the listing leaves every match's rank in order behind
        monkeypatch.setattr(repo_order, "RANKED_FROM", 0)
        monkeypatch.setattr(repo_order, "RANKED_SECONDS_PER_MATCH", 0.0)
    keys = ["name", "organisation", "last_contact", "created", f"custom:{how}", f"custom:{size}"]
    everyone = ids(book, "name")
    for text, group in (("", None), ("علی", None), ("0912", None), ("", groups[0]), ("احمدی", groups[1])):
        for order in keys + [f"-{k}" for k in keys]:
            listed = ids(book, order, text, group, 0, 3) + ids(book, order, text, group, 3)
            query = SearchQuery(text, group, order)
            for contact_id in everyone[::7]:
                want = listed.index(contact_id) if contact_id in listed else None
                assert book.position(query, contact_id) == want, (order, text, group, contact_id)
    assert book.position(SearchQuery(), 10**9) is None
