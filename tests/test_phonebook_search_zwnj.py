"""A word typed with a ZWNJ («حسین‌زاده», «وب‌سایت») matches its joined form or all its parts: it
finds that word however it is written (with a ZWNJ, joined, or apart inside one name field),
typed whole or halfway, and also the contacts that hold its parts apart anywhere (a note's «وب
سایت», a custom value's «نقره ای», a first name «حسین» and an organisation «داروخانه دکتر
ملک‌زاده»): every contact found before the joined forms were indexed is found still; a few
results too many are the lesser evil. Typed joined («حسینزاده»), the word finds its joined,
ZWNJ and one-field-apart spellings only."""

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
WEBSITE = {"نادر صدری", "لیلا فرهادی"}  # notes «خرید از وب سایت» and «خرید از وب‌سایت»
SILVER = "رامین توکلی"  # a custom «رنگ» value «نقره ای», written with a space


@pytest.fixture
def book(conn):
    phonebook = Phonebook(conn)
    referrer = phonebook.add_field(CustomField("معرف", "text"))
    colour = phonebook.add_field(CustomField("رنگ", "text"))
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
        Contact(first_name="نادر", last_name="صدری", note="خرید از وب سایت"),
        Contact(first_name="لیلا", last_name="فرهادی", note="خرید از وب" + ZWNJ + "سایت"),
        Contact(first_name="رامین", last_name="توکلی", custom={colour: "نقره ای"}),
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


@pytest.mark.parametrize("typed", ["حسینزاده", "حسینزا", "حسینز"])
def test_the_word_typed_joined_finds_its_joined_zwnj_and_one_field_spellings(book, typed):
    assert found(book, typed) == HOSSEINZADEH | IN_NOTES
    assert found(book, typed, "organisation") == HOSSEINZADEH | IN_NOTES  # the stored documents, tested in SQL


@pytest.mark.parametrize("typed", ["حسین" + ZWNJ + "زاده", "حسین" + ZWNJ + "زا", "حسین" + ZWNJ + "ز"])
def test_a_word_typed_with_a_zwnj_also_finds_its_parts_anywhere(book, typed):
    """Joined or apart in any fields: every contact the two words find (as before version 12)."""
    everyone = HOSSEINZADEH | IN_NOTES | APART | {IN_A_NOTE_APART}
    assert found(book, typed) == everyone
    assert found(book, typed, "organisation") == everyone
    assert found(book, "حسین زاده") == everyone


@pytest.mark.parametrize("typed", ["وب" + ZWNJ + "سایت", "وب" + ZWNJ + "سا", "وب سایت", "وبسایت", "وبسا"])
def test_a_note_found_however_the_word_is_written_in_it(book, typed):
    """The user test's notes «خرید از وب سایت» and «خرید از وب‌سایت»: «وب‌سایت» found only the
    second; a note is a sentence, whose adjacent words are not indexed joined."""
    expected = WEBSITE if " " in typed or ZWNJ in typed else {"لیلا فرهادی"}  # typed joined: the ZWNJ note
    assert found(book, typed) == expected
    assert found(book, typed, "organisation") == expected


@pytest.mark.parametrize("typed", ["نقره" + ZWNJ + "ای", "نقره ای", "نقره" + ZWNJ + "ا"])
def test_a_custom_value_written_apart_is_found_typed_with_a_zwnj(book, typed):
    assert found(book, typed) == {SILVER}
    assert found(book, typed, "organisation") == {SILVER}


def test_the_first_half_typed_with_its_zwnj_is_the_first_half(book):
    assert found(book, "حسین") >= APART
    assert found(book, "حسین" + ZWNJ) == found(book, "حسین")  # the ZWNJ typed, nothing after it yet


def test_with_other_words_of_the_line(book):
    assert found(book, "سارا حسین" + ZWNJ + "زاده") == {"سارا حسین زاده"}
    assert found(book, "حسین" + ZWNJ + "زاده 0912") == HOSSEINZADEH | IN_NOTES | APART | {IN_A_NOTE_APART}
    # «حسین», «زاده» and «ملک» anywhere: a first name and an organisation, a first and a last name
    assert found(book, "حسین" + ZWNJ + "زاده ملک") == {"حسین احمدی", "حسین ملک‌زاده"}
    assert found(book, "حسینزاده ملک") == set()  # typed joined: one word, that nobody here has with «ملک»


@pytest.mark.parametrize("typed", ["ایران" + ZWNJ + "خودرو" + ZWNJ + "دیزل", "ایران" + ZWNJ + "خودرو" + ZWNJ + "دی",
                                   "ایران" + ZWNJ + "خودرو", "خودرو" + ZWNJ + "دیزل", "مدیر" + ZWNJ + "عامل",
                                   "ایرانخودرو", "مدیرعامل"])
def test_an_organisation_and_a_job_typed_with_zwnj(book, typed):
    assert found(book, typed) == {"کاوه ژیان"}
    assert found(book, typed, "organisation") == {"کاوه ژیان"}


def test_parse_reads_a_zwnj_word_joined_or_as_its_parts():
    assert parse("حسین" + ZWNJ + "زاده").words == ((("حسینزاده",), ("حسین", "زاده")),)
    assert parse("حسینزاده").words == ((("حسینزاده",),),)
    assert parse("ایران" + ZWNJ + "خودرو" + ZWNJ + "دیزل").words == (
        (("ایرانخودرودیزل",), ("ایران", "خودرو", "دیزل")),)
    # among other typed words it is joined with its neighbours too, its parts kept
    assert parse("سید" + ZWNJ + "محمد رضا").words == (
        (("سیدمحمد",), ("سیدمحمدرضا",), ("سید", "محمد")), (("رضا",), ("سیدمحمدرضا",)))
    # with a number among its parts: its letters, or the whole as written (a note's «بلوک‌۴»)
    query = parse("بلوک" + ZWNJ + "۴")
    assert query.words == ((("بلوک",), ("بلوک4",)),) and query.numbers == (("^04", "^^4"),)


def test_a_zwnj_word_in_a_book_indexed_before_version_12(tmp_path, monkeypatch):
    """Migration 12 indexes names written apart joined, so the word typed joined finds a surname
    saved as «حسین زاده» before it; one saved with a ZWNJ was indexed joined already. Typed with a
    ZWNJ it finds the parts as well."""
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
        assert found(book, "حسینزاده") == {"سارا حسین زاده", "مریم حسین‌زاده"}
        assert found(book, "حسینزا") == {"سارا حسین زاده", "مریم حسین‌زاده"}
        assert found(book, "حسین" + ZWNJ + "زا") == {"سارا حسین زاده", "مریم حسین‌زاده", "حسین ملک‌زاده"}
    finally:
        conn.close()
