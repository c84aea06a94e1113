"""The organisation and custom-field orders through order_ranks.py (a TEMP table of each search
rank's value ordinal): the pages equal the order worked out in Python, whichever way they are
found; every write on the connection keeps the TEMP tables in step through their triggers; a
write by another connection, or a new value with no room left between its neighbours, makes
them be built again; a rebuild of the search index drops them first."""

from __future__ import annotations

import pytest

from crm_desktop.phonebook import order_ranks, repo_order
from crm_desktop.phonebook.model import Contact, CustomField
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.storage.db import open_database, transaction
from tests.test_phonebook_sorting import ORGANISATIONS, expected, ids, random_book

@pytest.fixture
def book(conn):
    return Phonebook(conn)


@pytest.fixture
def ranked(monkeypatch):
    """Every search with a match goes through order_ranks.py (never a walk first)."""
    monkeypatch.setattr(repo_order, "RANKED_FROM", 0)
    monkeypatch.setattr(repo_order, "RANKED_SECONDS_PER_MATCH", 0.0)
    monkeypatch.setattr(repo_order, "UNBUILT_WALK_S", 0.0)


def in_step(conn, key: str) -> None:
    """The TEMP tables of an order are current and hold what a fresh build would."""
    src = order_ranks.source_for(key)
    assert order_ranks.is_ready(conn, src), key
    got = dict(conn.execute(f"SELECT r.rank, v.value FROM temp.{src.ranks} r JOIN temp.{src.ordinals} v "
                            "ON v.ord = r.ord"))
    assert got == dict(conn.execute(f"SELECT rank, value FROM ({src.fill})"))
    assert conn.execute(f"SELECT count(*) FROM temp.{src.ranks}").fetchone()[0] == len(got)
    ordinals = [r[0] for r in conn.execute(f"SELECT ord FROM temp.{src.ordinals} ORDER BY value")]
    assert ordinals == sorted(set(ordinals))  # strictly increasing with the value


@pytest.mark.parametrize("way", ["looked up", "walked first", "walked down the tables", "walk stopped"])
def test_every_way_gives_the_orders_pages(book, conn, monkeypatch, way):
    how, size, groups = random_book(book, conn)
    monkeypatch.setattr(repo_order, "RANKED_FROM", 0)
    walks = way.startswith("walked")
    monkeypatch.setattr(repo_order, "RANKED_SECONDS_PER_MATCH", 0.0 if way == "looked up" else 1.0 if walks else 1e-12)
    monkeypatch.setattr(repo_order, "UNBUILT_WALK_S", 0.0)
    walked_down = []
    real_walk = repo_order.OrderedPages._walk_ranked
    monkeypatch.setattr(repo_order.OrderedPages, "_walk_ranked",
                        lambda self, *a: walked_down.append(a[1].name) or real_walk(self, *a))
    if way == "walked down the tables":  # built before: every walk goes down their index
        for key in ("organisation", f"custom:{how}", f"custom:{size}"):
            order_ranks.ensure(conn, order_ranks.source_for(key))
    if way == "walk stopped":
        monkeypatch.setattr(repo_order, "WALK_SECONDS_PER_ROW", -1.0)
        monkeypatch.setattr(repo_order, "RANKED_WALK_SLACK_S", -1.0)
        monkeypatch.setattr(repo_order, "PROGRESS_STEP", 1)
    looked_up = []
    real = order_ranks.page
    monkeypatch.setattr(order_ranks, "page", lambda *a: looked_up.append(a[1].name) or real(*a))
    orders = ["organisation", f"custom:{how}", f"custom:{size}"]
    for text, group in (("علی", None), ("0912", None), ("", groups[0]), ("احمدی", groups[1]), ("ز", None)):
        for order in orders + [f"-{o}" for o in orders]:
            want = expected(book, conn, order, text, group, how, size)
            assert ids(book, order, text, group) == want, (order, text, group)
            for offset, limit in ((0, 5), (3, 11), (len(want) - 4, 10)):
                start = max(0, offset)
                assert ids(book, order, text, group, start, limit) == want[start:start + limit]
            assert book.count(SearchQuery(text, group, order)) == len(want)
    assert bool(looked_up) == (not walks)
    assert bool(walked_down) == (way == "walked down the tables")


def all_pages_as_expected(book, conn, how, size, groups) -> None:
    orders = ["organisation", f"custom:{how}", f"custom:{size}"]
    for text, group in (("علی", None), ("0912", None), ("", groups[0]), ("احمدی", groups[1]), ("ز", None)):
        for order in orders + [f"-{o}" for o in orders]:
            want = expected(book, conn, order, text, group, how, size)
            for offset, limit in ((0, len(want) + 1), (0, 5), (3, 11), (max(0, len(want) - 4), 10)):
                assert ids(book, order, text, group, offset, limit) == want[offset:offset + limit], (order, text, group)


def build_all(conn, *keys) -> None:
    for key in keys:
        order_ranks.ensure(conn, order_ranks.source_for(key))


def test_walks_down_the_tables_follow_the_connections_own_writes(book, conn, monkeypatch):
    how, size, groups = random_book(book, conn)
    monkeypatch.setattr(repo_order, "RANKED_FROM", 0)
    monkeypatch.setattr(repo_order, "RANKED_SECONDS_PER_MATCH", 1.0)  # a walk is always worth trying
    walked = []
    real = repo_order.OrderedPages._walk_ranked
    monkeypatch.setattr(repo_order.OrderedPages, "_walk_ranked", lambda self, *a: walked.append(1) or real(self, *a))
    keys = ("organisation", f"custom:{how}", f"custom:{size}")
    build_all(conn, *keys)
    moved = book.get(5)
    moved.organisation, moved.last_name, moved.custom = "آآآ", "ییی", {how: "گوگل", size: "99"}
    book.update(moved)  # a new value, a new place in the name order
    for i in range(30):
        book.add(Contact(first_name="علی", last_name=f"نفر{i}", organisation="آبان", custom={size: str(i)}))
    book.delete([7, 8, 9])
    book.add_to_group([1, 2, 3, 4], groups[0])
    assert all(order_ranks.is_ready(conn, order_ranks.source_for(key)) for key in keys)
    all_pages_as_expected(book, conn, how, size, groups)
    assert walked


def test_a_walk_down_the_tables_stopped_at_its_budget_looks_the_matches_up(book, conn, monkeypatch):
    how, size, groups = random_book(book, conn)
    build_all(conn, "organisation", f"custom:{how}", f"custom:{size}")
    monkeypatch.setattr(repo_order, "RANKED_FROM", 0)
    monkeypatch.setattr(repo_order, "RANKED_SECONDS_PER_MATCH", 1e-12)
    monkeypatch.setattr(repo_order, "RANKED_WALK_SECONDS_PER_ROW", -1.0)  # tried, and out of time at once
    monkeypatch.setattr(repo_order, "RANKED_WALK_SLACK_S", -1.0)
    monkeypatch.setattr(repo_order, "PROGRESS_STEP", 1)
    stopped = []
    real = repo_order.OrderedPages._walk_ranked

    def walk(self, *args):
        try:
            return real(self, *args)
        except Exception as error:
            stopped.append(type(error).__name__)
            raise

    monkeypatch.setattr(repo_order.OrderedPages, "_walk_ranked", walk)
    all_pages_as_expected(book, conn, how, size, groups)
    assert stopped and set(stopped) == {"OperationalError"}  # interrupted, then looked up


def test_every_write_keeps_the_tables_in_step(book, conn, tmp_path, ranked):
    from crm_desktop.phonebook.importer import ImportArgs, run_import

    field = book.add_field(CustomField("شهر", "text"))
    size = book.add_field(CustomField("تعداد", "number"))
    a = book.add(Contact(first_name="علی", last_name="رضایی", organisation="گلستان", custom={field: "تبریز"}))
    b = book.add(Contact(first_name="مریم", last_name="احمدی", organisation="پارس",
                         custom={field: "اصفهان", size: "7"}))
    keys = ("organisation", f"custom:{field}", f"custom:{size}")
    for key in keys:
        assert ids(book, key, "علی") == [a]  # builds the tables
    state = book._version()

    def check():
        for key in keys:
            in_step(conn, key)

    check()
    assert book._version() == state  # building them wrote no data
    contact = book.get(a)
    contact.organisation, contact.last_name, contact.custom = "چکاد", "یزدانی", {field: "کرج", size: "12"}
    book.update(contact)  # a new organisation and a new rank
    check()
    contact.organisation, contact.custom = "", {}
    book.update(contact)
    check()
    assert ids(book, "organisation", "علی") == [a]
    many = book.add_many([Contact(first_name="علی", last_name=f"نفر{i}", organisation=ORGANISATIONS[i % 9],
                                  custom={field: ["ری", "کرج", "آمل"][i % 3], size: str(i)}) for i in range(60)])
    check()
    for i in range(40):  # squeezed between the same two neighbours: their ranks are spread out again
        book.add(Contact(first_name="علی", last_name=f"نفر{i}ب", organisation="آبان"))
    check()
    book.merge(b, many[0])
    check()
    snapshot = book.delete([b, many[1]])
    check()
    book.undo_delete(snapshot)
    check()
    book.delete_field(size)
    check()
    lines = ["نام,نام خانوادگی,سازمان,موبایل,شهر"]
    lines += [f"علی{i},واردشده,{ORGANISATIONS[i % 9]} نو,0912{i:07d},کرج" for i in range(300)]
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert run_import(ImportArgs(path, conn=conn)).added == 300  # the bulk path, on this connection
    check()
    for key in keys:
        want = expected(book, conn, key, "علی", None, field, size)
        assert ids(book, key, "علی") == want
        assert ids(book, f"-{key}", "علی") == expected(book, conn, f"-{key}", "علی", None, field, size)


def test_another_connections_write_builds_them_again(book, conn, db_path, ranked):
    first = book.add(Contact(first_name="علی", last_name="یزدانی", organisation="کوثر"))
    assert ids(book, "organisation", "علی") == [first]
    other = open_database(db_path)
    try:
        Phonebook(other).add(Contact(first_name="علی", last_name="احمدی", organisation="آریا"))
    finally:
        other.close()
    src = order_ranks.source_for("organisation")
    assert not order_ranks.is_ready(conn, src)
    assert [book.get(i).organisation for i in ids(book, "organisation", "علی")] == ["آریا", "کوثر"]
    in_step(conn, "organisation")


def test_a_value_with_no_room_left_builds_them_again(book, conn, monkeypatch, ranked):
    monkeypatch.setattr(order_ranks, "SPACING", 1)  # neighbours one apart: no room between them
    for organisation in ("آریا", "بهار"):
        book.add(Contact(first_name="علی", organisation=organisation))
    assert len(ids(book, "organisation", "علی")) == 2
    src = order_ranks.source_for("organisation")
    book.add(Contact(first_name="علی", organisation="بیشه"))  # after the last: room above it
    assert order_ranks.is_ready(conn, src)
    book.add(Contact(first_name="علی", organisation="ب"))  # between آریا and بهار: none
    assert not order_ranks.is_ready(conn, src)
    shown = ["آریا", "ب", "بهار", "بیشه"]
    assert [book.get(i).organisation for i in ids(book, "organisation", "علی")] == shown
    in_step(conn, "organisation")
    book.add(Contact(first_name="علی", organisation="آ"))  # before the first: room below it
    assert order_ranks.is_ready(conn, src)
    assert [book.get(i).organisation for i in ids(book, "organisation", "علی")] == ["آ"] + shown
    in_step(conn, "organisation")


def test_a_rebuild_of_the_search_index_drops_them(book, conn, ranked):
    book.add(Contact(first_name="علی", organisation="آریا"))
    ids(book, "organisation", "علی")
    assert conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'").fetchone()[0] > 0
    book.rebuild_search_index()
    assert conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE type IN ('trigger', 'table') "
                        "AND name <> 'order_ranks_meta'").fetchone()[0] == 0
    assert [book.get(i).organisation for i in ids(book, "organisation", "علی")] == ["آریا"]


def test_at_most_a_few_orders_are_kept(book, conn, ranked):
    fields = [book.add_field(CustomField(f"فیلد {i}", "number")) for i in range(order_ranks.MAX_BUILT + 1)]
    book.add(Contact(first_name="علی", organisation="آریا", custom={f: "1" for f in fields}))
    for f in fields:
        ids(book, f"custom:{f}", "علی")
    kept = [r[0] for r in conn.execute("SELECT name FROM temp.order_ranks_meta ORDER BY built")]
    assert kept == [f"custom_{f}" for f in fields[-order_ranks.MAX_BUILT:]]
    with transaction(conn):
        conn.execute("UPDATE contacts SET organisation = 'x'")  # the dropped ones left no trigger behind


def test_a_cheap_walk_builds_nothing_and_a_stopped_one_builds(book, conn, monkeypatch):
    monkeypatch.setattr(repo_order, "RANKED_FROM", 0)
    for i, organisation in enumerate(ORGANISATIONS):
        book.add(Contact(first_name="علی", last_name=f"نفر{i}", organisation=organisation))
    src = order_ranks.source_for("organisation")
    assert len(ids(book, "organisation", "علی", None, 0, 5)) == 5  # walked: cheaper than building the tables
    assert not order_ranks.is_ready(conn, src)
    monkeypatch.setattr(repo_order, "WALK_SECONDS_PER_ROW", -1.0)  # every walk runs out of time at once
    monkeypatch.setattr(repo_order, "RANKED_WALK_SLACK_S", -1.0)
    monkeypatch.setattr(repo_order, "PROGRESS_STEP", 1)
    assert [book.get(i).organisation for i in ids(book, "organisation", "نفر", None, 0, 3)] == ["آریا", "بهار", "پارس"]
    assert order_ranks.is_ready(conn, src)


@pytest.mark.parametrize("share", [0.05, 0.5, 0.95])
def test_pages_without_a_value_at_every_offset(book, conn, share):
    """order_blanks.py: the whole book sorted by a custom field, every page of the contacts
    without a value (after those with one), in both directions, as worked out in Python."""
    import random

    rnd = random.Random(7)
    field = book.add_field(CustomField("تعداد", "number"))
    names = ["علی", "مریم", "ژاله", "گلناز", "پرویز", "چنگیز"]
    book.add_many([Contact(first_name=rnd.choice(names), last_name=rnd.choice(names),
                           custom={field: str(rnd.randrange(5))} if rnd.random() < share else {})
                   for _ in range(150)])
    for order in (f"custom:{field}", f"-custom:{field}"):
        want = expected(book, conn, order, "", None, None, field)
        for offset in range(0, len(want), 7):
            for limit in (1, 5, 30):
                assert ids(book, order, "", None, offset, limit) == want[offset:offset + limit], (order, offset, limit)


def test_a_version_8_book_gets_the_index_of_values_by_name(tmp_path):
    from crm_desktop.storage import migrations

    path = tmp_path / "v8.sqlite3"
    old = open_database(path, migrate=False)
    migrations.migrate(old, target=8)
    book = Phonebook(old)
    field = book.add_field(CustomField("تعداد", "number"))
    book.add_many([Contact(first_name=f"نفر{i}", custom={field: "1"} if i % 3 == 0 else {}) for i in range(30)])
    old.close()
    conn = open_database(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        plan = " ".join(r[3] for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM contact_custom_values WHERE field_id = 1 AND name_key < 'x'"))
        assert "contact_custom_values_by_name" in plan
        book = Phonebook(conn)
        want = expected(book, conn, f"custom:{field}", "", None, None, field)
        assert ids(book, f"custom:{field}", "", None, 15, 10) == want[15:25]
    finally:
        conn.close()


def test_a_statement_still_reading_leaves_the_old_tables_and_sorts_at_once(book, conn, db_path, monkeypatch, ranked):
    sorted_at_once = []
    real = repo_order.sorted_matches
    monkeypatch.setattr(repo_order, "sorted_matches", lambda *a: sorted_at_once.append(a[1]) or real(*a))
    for i, organisation in enumerate(ORGANISATIONS):
        book.add(Contact(first_name="علی", last_name=f"نفر{i}", organisation=organisation))
    assert len(ids(book, "organisation", "علی")) == 9
    other = open_database(db_path)
    try:
        Phonebook(other).add(Contact(first_name="علی", organisation="آبان"))  # the tables must be built again …
    finally:
        other.close()
    reading = conn.execute("SELECT id FROM contacts")
    reading.fetchone()  # … but this statement is not finished: SQLite refuses to drop them
    shown = [book.get(i).organisation for i in ids(book, "organisation", "علی", None, 0, 3)]
    assert shown == ["آبان", "آریا", "بهار"] and sorted_at_once == ["organisation"]
    reading.close()
    book.rebuild_search_index()
    assert [book.get(i).organisation for i in ids(book, "organisation", "علی", None, 0, 3)] == shown
    in_step(conn, "organisation")
