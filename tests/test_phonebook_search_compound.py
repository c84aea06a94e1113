"""Compound names are found however they are written: «علیرضا», «علی رضا» and «علی‌رضا» (joined,
apart, with a ZWNJ) find each other, typed whole or halfway; so do surnames («حسین‌زاده»),
organisations and jobs («مدیر عامل»). Words of two different fields are never joined: a first
name «علی» and a last name «رضایی» are no «علیرضایی». A book indexed before version 12 is
indexed again when it is opened."""

import pytest

from crm_desktop.phonebook.model import Contact, Phone
from crm_desktop.phonebook.repo import Phonebook, SearchQuery, rebuild_search_index
from crm_desktop.phonebook.search import joins, tokens

ZWNJ = "\u200c"

PEOPLE = [  # (first, last, organisation, job, manager)
    ("علیرضا", "احمدی", "", "", ""),
    ("علی رضا", "کریمی", "", "", ""),
    ("علی" + ZWNJ + "رضا", "نوری", "", "", ""),
    ("علی", "رضایی", "", "", ""),  # first + last would read «علیرضایی»: never joined
    ("بهروز", "کامرانی", "", "", "علی رضایی"),  # the manager, a whole name: its words are not joined either
    ("مریم", "حسین" + ZWNJ + "زاده", "", "", ""),
    ("سارا", "حسین زاده", "", "", ""),
    ("نرگس", "حسینزاده", "", "", ""),
    ("فاطمه زهرا", "صادقی", "", "", ""),
    ("فاطمه" + ZWNJ + "زهرا", "امیری", "", "", ""),
    ("عبد الله", "نوروزی", "", "", ""),
    ("سید محمد رضا", "هاشمی", "", "", ""),
    ("سیدمحمدرضا", "موسوی", "", "", ""),
    ("کاوه", "ژیان", "پارس خودرو", "مدیر عامل", ""),
    ("ژاله", "پاکزاد", "پارسخودرو", "مدیرعامل", ""),
]
ALIREZA = {"علیرضا احمدی", "علی رضا کریمی", "علی‌رضا نوری"}
ALI_REZAEI = {"علی رضایی", "بهروز کامرانی"}  # «علی» and «رضایی» as two words: a first and a last name, a manager
HOSSEINZADEH = {"مریم حسین‌زاده", "سارا حسین زاده", "نرگس حسینزاده"}
FATEMEH_ZAHRA = {"فاطمه زهرا صادقی", "فاطمه‌زهرا امیری"}
SEYYED = {"سید محمد رضا هاشمی", "سیدمحمدرضا موسوی"}
PARS = {"کاوه ژیان", "ژاله پاکزاد"}


@pytest.fixture
def book(conn):
    phonebook = Phonebook(conn)
    for i, (first, last, organisation, job, manager) in enumerate(PEOPLE):
        phonebook.add(Contact(first_name=first, last_name=last, organisation=organisation, job_title=job,
                              manager=manager, phones=[Phone(f"0912{i:07d}")]))
    return phonebook


def found(book, typed, order="name") -> set[str]:
    shown = [row.display_name for row in book.rows(SearchQuery(typed, order=order), 0, 100)]
    assert book.count(SearchQuery(typed)) == len(shown)
    return set(shown)


@pytest.mark.parametrize("typed, expected", [
    # a first name, in each writing, finds all three writings
    ("علیرضا", ALIREZA), ("علی رضا", ALIREZA | ALI_REZAEI),
    # typed with a ZWNJ: joined, or both parts anywhere (a first name «علی» and a last «رضایی»
    # too, as before the joined forms were indexed: a few more rows rather than one missed)
    ("علی" + ZWNJ + "رضا", ALIREZA | ALI_REZAEI), ("علی" + ZWNJ + "ر", ALIREZA | ALI_REZAEI),
    # typed halfway: joined, or apart with the second word begun («رض» may still be «رضایی»)
    ("علیر", ALIREZA), ("علیرض", ALIREZA), ("علی رض", ALIREZA | ALI_REZAEI),
    # the first name «علی» and the last name «رضایی» are two names, not «علیرضایی»; so are the
    # two words of a manager's whole name
    ("علیرضای", set()), ("علیرضایی", set()), ("علی رضایی", ALI_REZAEI),
    # a surname
    ("حسینزاده", HOSSEINZADEH), ("حسین زاده", HOSSEINZADEH), ("حسین" + ZWNJ + "زاده", HOSSEINZADEH),
    ("حسینز", HOSSEINZADEH), ("سارا حسینزاده", {"سارا حسین زاده"}), ("نرگس حسین زاده", {"نرگس حسینزاده"}),
    ("فاطمهزهرا", FATEMEH_ZAHRA), ("فاطمه زهرا", FATEMEH_ZAHRA), ("فاطمه" + ZWNJ + "زهرا", FATEMEH_ZAHRA),
    ("عبدالله", {"عبد الله نوروزی"}), ("عبد الله", {"عبد الله نوروزی"}),
    # three words: each typed way finds both written ways
    ("سیدمحمدرضا", SEYYED), ("سید محمد رضا", SEYYED), ("سید محمدرضا", SEYYED), ("سیدمحمد رضا", SEYYED),
    ("سید محمد رضا هاشمی", {"سید محمد رضا هاشمی"}), ("سیدمحمدرضا موسوی", {"سیدمحمدرضا موسوی"}),
    # an organisation and a job, written either way
    ("پارسخودرو", PARS), ("پارس خودرو", PARS), ("مدیرعامل", PARS), ("مدیر عامل", PARS), ("مدیر عا", PARS),
    # a name and a number together
    ("علیرضا 0912", ALIREZA), ("علی رضا ۰۹۱۲۰۰۰۰۰۰۰", {"علیرضا احمدی"}),
])
def test_a_compound_name_is_found_however_it_is_written(book, typed, expected):
    assert found(book, typed) == expected
    assert found(book, typed, "organisation") == expected  # the other orders test the stored documents


def test_the_stored_documents_are_tested_as_the_index_matches(book, conn):
    """A search in another order walks the contacts and tests their stored documents in SQL
    (ParsedQuery.words_test): it must pick the same contacts as the FTS5 match."""
    from crm_desktop.phonebook.search import parse

    for typed in ("علیرضا", "علی رضا", "علی رض", "علی" + ZWNJ + "رضا", "حسین زاده", "سید محمد رضا", "سیدمحمد رضا",
                  "مدیر عا", "علیرضایی", "فاطمه زهرا صادقی"):
        parsed, params = parse(typed), {}
        tested = {r[0] for r in conn.execute(
            f"SELECT contact_id FROM contact_search s WHERE {parsed.words_test('s.words', params)}", params)}
        matched = {r[0] for r in conn.execute(
            "SELECT s.contact_id FROM contact_words JOIN contact_search s ON s.rank = contact_words.rowid "
            "WHERE contact_words MATCH ?", (parsed.words_match(),))}
        assert tested == matched, typed


def test_a_name_written_either_way_is_found_after_it_is_changed(book):
    contact = next(c for c in book.iter_contacts(SearchQuery("کریمی")))
    contact.first_name = "امیر حسین"
    book.update(contact)
    assert found(book, "امیرحسین") == {"امیر حسین کریمی"}
    assert "علی رضا کریمی" not in found(book, "علیرضا")


def test_joins_are_bounded_to_one_field_value():
    """Runs of two or three adjacent words of a name; pairs in an organisation; none across a
    number; none in any other text (a note's every pair would only grow the index)."""
    assert tokens("سید محمد رضا", 3) == ["سید", "محمد", "رضا", "سیدمحمد", "سیدمحمدرضا", "محمدرضا"]
    assert tokens("بانک ملت شعبه ونک", 2) == ["بانک", "ملت", "شعبه", "ونک", "بانکملت", "ملتشعبه", "شعبهونک"]
    assert joins(["شعبه", "12", "ونک"]) == []
    assert tokens("علی رضا") == ["علی", "رضا"]
    assert tokens("Ali Reza", 3) == ["ali", "reza", "alireza"]


def test_words_in_a_note_are_not_joined(conn):
    book = Phonebook(conn)
    book.add(Contact(first_name="بهرام", note="تماس با علی رضا فردا"))
    assert found(book, "علی رضا") == {"بهرام"}  # as typed
    assert found(book, "علیرضا") == set()  # a note is a sentence, not a name


def test_a_rebuilt_index_equals_the_one_kept_up_to_date(book, conn):
    kept = {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")}
    rebuild_search_index(conn)
    assert {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")} == kept


# --- a book indexed before version 12 ------------------------------------------------------------

@pytest.mark.parametrize("others", [0, 40])  # most contacts re-indexed (a rebuild), or a few one by one
def test_a_book_indexed_before_version_12_is_indexed_again(tmp_path, monkeypatch, others):
    from crm_desktop.phonebook import search as search_module, search_index
    from crm_desktop.storage import migrations
    from crm_desktop.storage.db import open_database

    path = tmp_path / "v11.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=11)
    monkeypatch.setattr(search_module, "COMPOUND_SPAN", 1)  # the documents as version 11 made them
    monkeypatch.setattr(search_module, "LABEL_SPAN", 1)
    book = Phonebook(conn)
    ids = {}
    for first, last, organisation in (("علی رضا", "کریمی", ""), ("نرگس", "حسین زاده", ""),
                                      ("کاوه", "ژیان", "پارس خودرو"), ("علیرضا", "احمدی", "")):
        ids[first] = book.add(Contact(first_name=first, last_name=last, organisation=organisation))
    for i in range(others):
        book.add(Contact(first_name=f"نفر{i}", last_name="تهرانی"))
    assert found(book, "علیرضا") == {"علیرضا احمدی"} and found(book, "حسینزاده") == set()
    monkeypatch.undo()
    conn.close()

    conn = open_database(path)  # migrates to the latest version
    try:
        book = Phonebook(conn)
        assert found(book, "علیرضا") == {"علیرضا احمدی", "علی رضا کریمی"}
        assert found(book, "حسینزاده") == {"نرگس حسین زاده"} and found(book, "پارسخودرو") == {"کاوه ژیان"}
        assert found(book, "تهرانی") == {f"نفر{i} تهرانی" for i in range(others)}
        assert search_index.check(conn) == []
        kept = {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")}
        rebuild_search_index(conn)  # what the migration left equals a fresh index
        assert {r[0]: r[1:] for r in conn.execute("SELECT contact_id, words, numbers FROM contact_search")} == kept
    finally:
        conn.close()
