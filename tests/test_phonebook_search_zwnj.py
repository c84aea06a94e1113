"""A word typed with a ZWNJ («حسین‌زاده») is one word: it finds that word however it is written
(with a ZWNJ, joined, or apart inside one name field; in a note or a custom value with a ZWNJ or
joined), typed whole or halfway, and never the first part in one field and the second in another
(a first name «حسین» and an organisation «داروخانه دکتر ملک‌زاده»), which is what the demo
book's 28 contacts for «حسین‌زاده» were. Two words typed with a space still match in any fields."""

import pytest

from crm_desktop.phonebook.model import Contact, CustomField, Note, Phone
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.phonebook.search import parse

ZWNJ = "\u200c"
HOSSEINZADEH = {"مریم حسین‌زاده", "سارا حسین زاده", "نرگس حسینزاده"}  # the surname, written three ways
IN_NOTES = {"بهرام نوری", "کیوان راد"}  # «حسین‌زاده» in a notes-log entry, in a custom text value
# «حسین» in one field and «… زاده» in another: an organisation, a last name, a manager, a note
APART = {"حسین احمدی", "حسین ملک‌زاده", "آرمان گودرزی", "حسین کریمی"}
IN_A_NOTE_APART = "پرویز شریفی"  # the note writes «حسین زاده» with a space: two words of a sentence


@pytest.fixture
def book(conn):
    phonebook = Phonebook(conn)
    referrer = phonebook.add_field(CustomField("معرف", "text"))
    people = [
        Contact(first_name="مریم", last_name="حسین" + ZWNJ + "زاده"),
        Contact(first_name="سارا", last_name="حسین زاده"),
        Contact(first_name="نرگس", last_name="حسینزاده"),
        Contact(first_name="بهرام", last_name="نوری"),
        Contact(first_name="کیوان", last_name="راد", custom={referrer: "دکتر حسین" + ZWNJ + "زاده"}),
        Contact(first_name="حسین", last_name="احمدی", organisation="داروخانه دکتر ملک" + ZWNJ + "زاده"),
        Contact(first_name="حسین", last_name="ملک" + ZWNJ + "زاده"),
        Contact(first_name="آرمان", last_name="گودرزی", manager="حسین قلی" + ZWNJ + "زاده"),
        Contact(first_name="حسین", last_name="کریمی", note="همکار آقای رضا زاده"),
        Contact(first_name="پرویز", last_name="شریفی", note="از طرف آقای حسین زاده آمد"),
        Contact(first_name="کاوه", last_name="ژیان", organisation="ایران خودرو دیزل", job_title="مدیر عامل"),
    ]
    ids = []
    for i, contact in enumerate(people):
        contact.phones = [Phone(f"0912{i:07d}")]
        ids.append(phonebook.add(contact))
    phonebook.add_note(Note(ids[3], "قرار با آقای حسین" + ZWNJ + "زاده برای شنبه", "meeting", "2025-01-04T10:00:00"))
    return phonebook


def found(book, typed: str, order: str = "name") -> set[str]:
    shown = [row.display_name for row in book.rows(SearchQuery(typed, order=order), 0, 100)]
    assert book.count(SearchQuery(typed)) == len(shown)
    return set(shown)


@pytest.mark.parametrize("typed", [
    "حسین" + ZWNJ + "زاده", "حسین" + ZWNJ + "زا", "حسین" + ZWNJ + "ز",  # whole, and halfway
    "حسینزاده", "حسینز",  # typed joined: the same
])
def test_a_word_typed_with_a_zwnj_finds_that_word_only(book, typed):
    assert found(book, typed) == HOSSEINZADEH | IN_NOTES
    assert found(book, typed, "organisation") == HOSSEINZADEH | IN_NOTES  # the stored documents, tested in SQL


def test_two_words_typed_apart_still_match_in_any_fields(book):
    """«حسین زاده» may be a first name and a surname: as before, both words anywhere, or joined."""
    assert found(book, "حسین زاده") == HOSSEINZADEH | IN_NOTES | APART | {IN_A_NOTE_APART}
    assert found(book, "حسین") >= APART  # the first half of the word, typed before the ZWNJ…
    assert found(book, "حسین" + ZWNJ) == found(book, "حسین")  # …and with it: nothing to join yet


def test_a_note_that_writes_the_word_apart_is_two_words(book):
    """A note is a sentence: its adjacent words are not indexed joined (as «علیرضا» does not
    find a note's «علی رضا»), so the word typed whole does not find «حسین زاده» there."""
    assert IN_A_NOTE_APART not in found(book, "حسین" + ZWNJ + "زاده")
    assert IN_A_NOTE_APART in found(book, "حسین زاده")


def test_with_other_words_of_the_line(book):
    assert found(book, "سارا حسین" + ZWNJ + "زاده") == {"سارا حسین زاده"}
    assert found(book, "حسین" + ZWNJ + "زاده 0912") == HOSSEINZADEH | IN_NOTES
    assert found(book, "حسین" + ZWNJ + "زاده ملک") == set()  # «حسین» + «ملک‌زاده» hold no «حسین‌زاده»


@pytest.mark.parametrize("typed", ["ایران" + ZWNJ + "خودرو" + ZWNJ + "دیزل", "ایران" + ZWNJ + "خودرو" + ZWNJ + "دی",
                                   "ایران" + ZWNJ + "خودرو", "خودرو" + ZWNJ + "دیزل", "مدیر" + ZWNJ + "عامل"])
def test_an_organisation_and_a_job_typed_with_zwnj(book, typed):
    """An organisation is indexed with its pairs of words joined, not its triples: a word typed
    in three parts matches its pairs too."""
    assert found(book, typed) == {"کاوه ژیان"}
    assert found(book, typed, "organisation") == {"کاوه ژیان"}


def test_parse_reads_a_zwnj_word_joined():
    assert parse("حسین" + ZWNJ + "زاده").words == parse("حسینزاده").words == ((("حسینزاده",),),)
    assert parse("ایران" + ZWNJ + "خودرو" + ZWNJ + "دیزل").words == (
        (("ایرانخودرودیزل",), ("ایرانخودرو", "خودرودیزل")),)
    # a ZWNJ word is one word among the typed ones: joined with its neighbours as a typed joined word
    assert parse("سارا حسین" + ZWNJ + "زاده").words == parse("سارا حسینزاده").words
    # with a number among its parts: its letters, or the whole as written (a note's «بلوک‌۴»)
    query = parse("بلوک" + ZWNJ + "۴")
    assert query.words == ((("بلوک",), ("بلوک4",)),) and query.numbers == (("^04", "^^4"),)


def test_a_zwnj_word_in_a_book_indexed_before_version_12(tmp_path, monkeypatch):
    """Migration 12 indexes names written apart joined, so the word typed with a ZWNJ finds a
    surname saved as «حسین زاده» before it; one saved with a ZWNJ was indexed joined already."""
    from crm_desktop.phonebook import search as search_module
    from crm_desktop.storage import migrations
    from crm_desktop.storage.db import open_database

    path = tmp_path / "v11.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=11)
    monkeypatch.setattr(search_module, "COMPOUND_SPAN", 1)  # the documents as version 11 made them
    monkeypatch.setattr(search_module, "LABEL_SPAN", 1)
    old = Phonebook(conn)
    old.add(Contact(first_name="سارا", last_name="حسین زاده"))
    old.add(Contact(first_name="مریم", last_name="حسین" + ZWNJ + "زاده"))
    old.add(Contact(first_name="حسین", last_name="ملک" + ZWNJ + "زاده"))
    monkeypatch.undo()
    conn.close()

    conn = open_database(path)
    try:
        book = Phonebook(conn)
        assert found(book, "حسین" + ZWNJ + "زاده") == {"سارا حسین زاده", "مریم حسین‌زاده"}
        assert found(book, "حسین" + ZWNJ + "زا") == {"سارا حسین زاده", "مریم حسین‌زاده"}
    finally:
        conn.close()
