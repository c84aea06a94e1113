"""The search line on a real database: Persian letter forms, ZWNJ, diacritics and digit scripts
fold; a phone number is found from any part of it in any writing; the group filter combines with
text and digits; results come in Persian alphabetical order and page consistently."""

import pytest

from crm_desktop.phonebook.model import Contact, CustomField, Note, Phone
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.phonebook.search import number_fragment, parse


@pytest.fixture
def book(conn):
    return Phonebook(conn)


def names(book, text="", group=None, order="name"):
    return [row.display_name for row in book.rows(SearchQuery(text, group, order), 0, 1000)]


@pytest.fixture
def people(book):
    ids = {}
    ids["ali"] = book.add(Contact(first_name="علي", last_name="علی‌پور", organisation="شرکت فن‌آوران پارس",
                                  phones=[Phone("+98 912 123 4567"), Phone("021-8877 6655", "work", "12")],
                                  emails=["ali.alipour@gmail.com"]))
    ids["kazem"] = book.add(Contact(first_name="كاظم", last_name="كريمي", phones=[Phone("۰۹۳۵ ۱۱۱ ۲۲۳۳")]))
    ids["mohammad"] = book.add(Contact(first_name="مُحَمَّد", last_name="رضایی", phones=[Phone("0098 912 765 4321")],
                                       note="قرارداد ۱۴۰۳ امضا شد"))
    ids["bank"] = book.add(Contact(kind="organisation", organisation="بانک ملت شعبه ونک",
                                   phones=[Phone("(021) 8233 4455", "work")]))
    return ids


@pytest.mark.parametrize("typed, expected", [
    ("علی", ["علي علی‌پور"]),  # ي in the name, ی typed
    ("علي", ["علي علی‌پور"]),  # and the other way round
    ("كاظم", ["كاظم كريمي"]), ("کاظم کریمی", ["كاظم كريمي"]),  # ك/ک
    ("علی‌پور", ["علي علی‌پور"]), ("علیپور", ["علي علی‌پور"]), ("علی پور", ["علي علی‌پور"]),  # ZWNJ
    ("فناوران", ["علي علی‌پور"]), ("فن‌آوران", ["علي علی‌پور"]),  # ZWNJ and آ
    ("محمد", ["مُحَمَّد رضایی"]), ("مُحمّد", ["مُحَمَّد رضایی"]),  # diacritics on either side
    ("رض", ["مُحَمَّد رضایی"]), ("رضايي", ["مُحَمَّد رضایی"]),
    ("بانک ملت", ["بانک ملت شعبه ونک"]), ("ملت ونک", ["بانک ملت شعبه ونک"]),
    ("gmail", ["علي علی‌پور"]), ("ALI.ALIPOUR", ["علي علی‌پور"]),  # e-mails, any case
    ("قرارداد", ["مُحَمَّد رضایی"]), ("۱۴۰۳", ["مُحَمَّد رضایی"]), ("1403", ["مُحَمَّد رضایی"]),  # the note
    ("زهرا", []), ("ملت زهرا", []),
])
def test_words_fold(book, people, typed, expected):
    assert names(book, typed) == expected
    assert book.count(SearchQuery(typed)) == len(expected)


@pytest.mark.parametrize("typed, expected", [
    ("0912 123", ["علي علی‌پور"]), ("09121234567", ["علي علی‌پور"]), ("+98912123", ["علي علی‌پور"]),
    ("+98 912 1", ["علي علی‌پور"]), ("0098 912 123", ["علي علی‌پور"]), ("98912123", ["علي علی‌پور"]),
    ("۰۹۱۲۱۲۳", ["علي علی‌پور"]), ("٠٩١٢١٢٣", ["علي علی‌پور"]),  # Persian and Arabic-Indic digits
    ("123 4567", ["علي علی‌پور"]), ("4567", ["علي علی‌پور"]),  # the end of a number
    ("8877", ["علي علی‌پور"]), ("021 8877 6655", ["علي علی‌پور"]), ("88776655", ["علي علی‌پور"]),  # a landline's middle
    ("8233", ["بانک ملت شعبه ونک"]), ("(021) 82", ["بانک ملت شعبه ونک"]),
    ("0912", ["علي علی‌پور", "مُحَمَّد رضایی"]), ("۰۹۱۲", ["علي علی‌پور", "مُحَمَّد رضایی"]),
    ("+98 912", ["علي علی‌پور", "مُحَمَّد رضایی"]), ("765", ["مُحَمَّد رضایی"]),
    ("0935", ["كاظم كريمي"]), ("09351112233", ["كاظم كريمي"]),
    ("021", ["علي علی‌پور", "بانک ملت شعبه ونک"]),
    ("09", ["علي علی‌پور", "كاظم كريمي", "مُحَمَّد رضایی"]),  # one or two digits: numbers starting so
    ("02", ["علي علی‌پور", "بانک ملت شعبه ونک"]), ("9", ["علي علی‌پور", "كاظم كريمي", "مُحَمَّد رضایی"]),
    ("+", ["علي علی‌پور", "كاظم كريمي", "مُحَمَّد رضایی", "بانک ملت شعبه ونک"]),
    ("0999", []), ("12345678901", []),
])
def test_any_part_of_a_number_in_any_writing(book, people, typed, expected):
    assert names(book, typed) == sorted(expected, key=lambda n: names(book).index(n))
    assert book.count(SearchQuery(typed)) == len(expected)


def test_number_fragments():
    assert number_fragment("+98 (0)21 8877") == "0218877"
    assert number_fragment("0098 935") == "0935" and number_fragment("+1 212 555") == "+1212555"
    assert number_fragment("989121234567") == "09121234567" and number_fragment("00") == "0"
    assert number_fragment("۰۹۱۲-۱۲۳") == "0912123" and number_fragment("علی 12") is None


def test_words_and_digits_together(book, people):
    assert names(book, "علی 0912") == ["علي علی‌پور"]
    assert names(book, "رضایی 765") == ["مُحَمَّد رضایی"]
    assert names(book, "رضایی 8877") == []
    assert book.count(SearchQuery("علی 4567")) == 1


def test_the_group_filter_combines_with_text_and_digits(book, people):
    customers = book.add_group("مشتریان")
    book.add_to_group([people["ali"], people["bank"]], customers)
    assert names(book, "", customers) == ["بانک ملت شعبه ونک", "علي علی‌پور"]  # ب before ع (علی‌پور علي)
    assert names(book, "بانک", customers) == ["بانک ملت شعبه ونک"]
    assert names(book, "021", customers) == ["بانک ملت شعبه ونک", "علي علی‌پور"]
    assert names(book, "0912", customers) == ["علي علی‌پور"]
    assert names(book, "علی 0912", customers) == ["علي علی‌پور"]
    assert names(book, "رضایی", customers) == [] and book.count(SearchQuery("0935", customers)) == 0
    assert book.count(SearchQuery("", customers)) == 2


def test_custom_fields_are_searched_and_sorted_like_built_in_fields(book):
    city = book.add_field(CustomField("شهر", "text"))
    signed = book.add_field(CustomField("تاریخ قرارداد", "date"))
    amount = book.add_field(CustomField("مبلغ", "number"))
    a = book.add(Contact(first_name="الف", custom={city: "اصفهان", signed: "1403/07/15", amount: "900"}))
    b = book.add(Contact(first_name="ب", custom={city: "تبریز", signed: "1402/01/01", amount: "10000"}))
    c = book.add(Contact(first_name="پ"))
    assert names(book, "اصف") == ["الف"] and names(book, "1403/07") == ["الف"] and names(book, "۱۴۰۲") == ["ب"]
    assert names(book, "10000") == ["ب"]
    # a date typed without the zeros the field shows («۱۴۰۳/۰۷/۱۵») found nothing
    assert names(book, "1403/7/15") == ["الف"] and names(book, "۱۴۰۲/۱/۱") == ["ب"] and names(book, "1402-1-1") == ["ب"]
    by = lambda order: [r.id for r in book.rows(SearchQuery(order=order), 0, 10)]  # noqa: E731
    assert by(f"custom:{amount}") == [a, b, c]  # numbers by value, empty last
    assert by(f"-custom:{amount}") == [b, a, c]
    assert by(f"custom:{signed}") == [b, a, c] and by(f"custom:{city}") == [a, b, c]


def test_persian_alphabetical_order(book):
    last_names = ["یزدانی", "گودرزی", "کاظمی", "ژیان", "زارعی", "چراغی", "جعفری", "پاکزاد", "بهرامی", "آزادی",
                  "احمدی", "تهرانی", "ثابتی", "حسینی", "خسروی", "داوری", "ذاکری", "رحیمی", "سلیمانی", "شریفی",
                  "صادقی", "ضیایی", "طاهری", "ظریف", "عباسی", "غفاری", "فرهادی", "قاسمی", "لطفی", "موسوی",
                  "نوری", "وحیدی", "هاشمی"]
    for last in last_names:
        book.add(Contact(first_name="علی", last_name=last))
    book.add(Contact(kind="organisation", organisation="پارس‌خودرو"))
    expected = ["آزادی", "احمدی", "بهرامی", "پارس", "پاکزاد", "تهرانی", "ثابتی", "جعفری", "چراغی", "حسینی", "خسروی",
                "داوری", "ذاکری", "رحیمی", "زارعی", "ژیان", "سلیمانی", "شریفی", "صادقی", "ضیایی", "طاهری", "ظریف",
                "عباسی", "غفاری", "فرهادی", "قاسمی", "کاظمی", "گودرزی", "لطفی", "موسوی", "نوری", "وحیدی", "هاشمی",
                "یزدانی"]
    shown = [n.split()[-1] if n.startswith("علی") else n[:4] for n in names(book)]
    assert shown == expected
    assert [n.split()[-1] for n in names(book, "علی")] == [e for e in expected if e != "پارس"]
    reverse = [r.display_name for r in book.rows(SearchQuery(order="-name"), 0, 3)]
    assert reverse == ["علی یزدانی", "علی هاشمی", "علی وحیدی"]
    reverse = [r.display_name for r in book.rows(SearchQuery("علی", order="-name"), 0, 2)]
    assert reverse == ["علی یزدانی", "علی هاشمی"]


def test_pages_are_consistent_and_follow_renames(book):
    ids = [book.add(Contact(first_name=f"نفر{i:03d}", last_name="رضایی", phones=[Phone(f"0912{i:07d}")]))
           for i in range(250)]
    whole = [r.id for r in book.rows(SearchQuery("رضایی"), 0, 1000)]
    paged = []
    for offset in range(0, 250, 40):
        paged += [r.id for r in book.rows(SearchQuery("رضایی"), offset, 40)]
    assert paged == whole == ids
    assert [r.id for r in book.rows(SearchQuery("رضایی"), 100, 5)] == ids[100:105]  # a jump, then
    assert [r.id for r in book.rows(SearchQuery("رضایی"), 200, 5)] == ids[200:205]  # another
    assert [c.id for c in book.iter_contacts(SearchQuery("0912"), chunk=7)] == ids
    contact = book.get(ids[0])
    contact.first_name = "نفر999"
    book.update(contact)
    assert [r.id for r in book.rows(SearchQuery("رضایی"), 0, 1000)] == ids[1:] + ids[:1]
    assert names(book, "نفر999") == ["نفر999 رضایی"] and names(book, "نفر000") == []


def test_last_contact_order(book):
    a = book.add(Contact(first_name="الف"))
    b = book.add(Contact(first_name="ب"))
    c = book.add(Contact(first_name="پ"))
    book.add_note(Note(b, "تماس", "call", "2025-01-01T10:00:00"))
    book.add_note(Note(c, "جلسه", "meeting", "2025-02-01T10:00:00"))
    assert [r.id for r in book.rows(SearchQuery(order="-last_contact"), 0, 10)] == [c, b, a]
    assert [r.id for r in book.rows(SearchQuery(order="last_contact"), 0, 10)] == [b, c, a]  # oldest, never last
    assert [r.id for r in book.rows(SearchQuery("جلسه", order="-last_contact"), 0, 10)] == [c]


def test_a_query_fts5_cannot_read_matches_nothing(book, people):
    for typed in ('"', "*", "AND", "(", "NEAR", "-", "^", "'"):
        assert book.count(SearchQuery(typed)) in (0, 4) and isinstance(book.rows(SearchQuery(typed), 0, 10), list)


def test_parse_reads_a_line():
    assert parse("") .empty and not parse("", 3).empty
    query = parse("علی‌پور 0912", 5)
    assert query.words == ((("علیپور",), ("علی", "پور")),)  # joined, or both parts
    assert query.numbers == (("0912",),) and query.group_id == 5


def test_two_typed_words_also_find_the_name_written_as_one(book):
    from crm_desktop.phonebook.search import parse

    book.add(Contact(first_name="محمدرضا", last_name="احمدی"))
    book.add(Contact(first_name="محمد", last_name="رضایی"))
    book.add(Contact(first_name="عبدالله", last_name="نوری"))
    book.add(Contact(first_name="رضا", last_name="محمدی"))
    assert names(book, "محمد رضا") == ["محمدرضا احمدی", "محمد رضایی", "رضا محمدی"]
    assert names(book, "محمدرضا") == ["محمدرضا احمدی"]
    assert names(book, "عبد الله نوری") == ["عبدالله نوری"]
    assert parse("محمد رضا").words == (((("محمد", "رضا"), ("محمدرضا",))),)


# --- decimals ------------------------------------------------------------------------------------

def test_a_decimal_is_found_as_the_table_shows_it_also_in_a_book_indexed_before_version_10(tmp_path, monkeypatch):
    """«۱٫۵» in a number field (and «نسخه ۲٫۵» in a note) is found by typing it in any digit
    script, with «.» or «٫»; a book indexed before decimals were kept whole is indexed again by
    migration 10 (only its contacts with a decimal)."""
    import re

    from crm_desktop.phonebook import model, search as search_module, search_index
    from crm_desktop.storage import migrations
    from crm_desktop.storage.db import open_database

    path = tmp_path / "v9.sqlite3"
    conn = open_database(path, migrate=False)
    migrations.migrate(conn, target=9)
    book = Phonebook(conn)
    weight = book.add_field(model.CustomField("وزن", kind="number", show_in_table=True))
    monkeypatch.setattr(search_module, "_DECIMAL", re.compile(r"(?!)"))  # the documents as version 9 made them
    monkeypatch.setattr(search_module, "_NEGATIVE", re.compile(r"(?!)"))
    jaleh = book.add(model.normalised(model.Contact(first_name="ژاله", last_name="پاکزاد", custom={weight: "1.5"},
                                                    phones=[model.Phone("09121112233")])))
    ali = book.add(model.normalised(model.Contact(first_name="علی", last_name="رضایی", note="نسخه ۲٫۵ نصب شد")))
    sara = book.add(model.normalised(model.Contact(first_name="سارا", custom={weight: "-3"})))
    assert [r.id for r in book.rows(SearchQuery(text="1.5"), 0, 10)] == []
    monkeypatch.undo()
    conn.close()

    conn = open_database(path)  # migrates to the latest version
    book = Phonebook(conn)
    for typed, found in (("1.5", [jaleh]), ("۱٫۵", [jaleh]), ("١.٥", [jaleh]), ("ژاله ۱٫۵", [jaleh]),
                         ("۲٫۵", [ali]), ("1.6", []), ("۰۹۱۲ ۱۱۱", [jaleh]), ("-3", [sara])):
        assert [r.id for r in book.rows(SearchQuery(text=typed), 0, 10)] == found, typed
    assert search_index.check(conn) == []
    conn.close()


def test_short_and_negative_custom_numbers_are_found_as_written(tmp_path):
    """A number field's 2, 10 or -7 is found by typing it (alone or after a name); a short
    number still finds the phones it starts after a 0 (9 → 09…, 21 → 021…)."""
    from crm_desktop.phonebook import model
    from crm_desktop.storage.db import open_database

    conn = open_database(tmp_path / "book.sqlite3")
    book = Phonebook(conn)
    children = book.add_field(model.CustomField("تعداد فرزند", kind="number"))
    people = {}
    for first, value, phone in (("آزاده", "2", "09121112233"), ("بهار", "10", "02188776655"),
                                ("پویا", "-7", "09351112233"), ("تینا", "25", "09131112233")):
        people[first] = book.add(model.normalised(model.Contact(
            first_name=first, last_name="آزمون", custom={children: value},
            phones=[model.Phone(phone, "mobile" if phone.startswith("09") else "work")])))

    def found(typed):
        return {r.display_name.split()[0] for r in book.rows(SearchQuery(text=typed), 0, 50)}

    assert found("۲") == {"آزاده", "بهار", "تینا"}  # 2, and 021… (a number typed without its 0), and 25
    assert found("10") == {"بهار"}
    assert found("آزمون ۱۰") == {"بهار"}
    assert found("-7") == {"پویا"} and found("\u200e-۷") == {"پویا"}  # as the table shows it
    assert found("9") == {"آزاده", "پویا", "تینا"}  # 09…: the phones
    assert found("21") == {"بهار"}
    conn.close()
