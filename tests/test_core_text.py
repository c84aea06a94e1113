"""core.text and core.digits: one normalise() for search, Persian alphabetical order."""

import sqlite3

import pytest

from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.text import isolate, normalise, persian_collation, sort_key

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("علي", "علی"),  # Arabic yeh
        ("موسى", "موسی"),  # alef maksura
        ("كاوه", "کاوه"),  # Arabic kaf
        ("خانۀ", "خانه"),  # heh with yeh above
        ("خانهٔ", "خانه"),  # heh + hamza above
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("أحمد", "احمد"),
        ("إیران", "ایران"),
        ("مؤسسه", "موسسه"),
        ("کـتـاب", "کتاب"),  # tatweel
        ("مُحَمَّد", "محمد"),  # harakat and shadda
        ("کتابٌ", "کتاب"),  # tanwin
        ("رحمٰن", "رحمن"),  # superscript alef
        ("می" + ZWNJ + "رود", "می رود"),  # ZWNJ becomes a space
        ("۰۹۱۲ ۱۲۳", "0912 123"),
        ("٠٩١٢", "0912"),
        ("ALI Rezaei", "ali rezaei"),
        ("  علی   \t رضا  ", "علی رضا"),
        ("ﻛﺘﺎﺏ", "کتاب"),  # Arabic presentation forms, as copied from a PDF
        ("ا\u0653ب", "آب"),  # alef + madda composes to آ
        ("\u200fعلی\u200e", "علی"),  # bidi marks
        ("عل\u200bی", "علی"),  # a zero-width space pasted from a web page
        ("\u2068علی\u2069 \u061c\u202bرضا\u202c", "علی رضا"),  # isolates, embeddings, the Arabic letter mark
        ("رضا\u00adیی\ufeff", "رضایی"),  # a soft hyphen, a stray BOM
        ("\u200b\u2066\u00ad", ""),  # nothing one can see: no name (a group «named» so is refused)
        ("", ""),
        (None, ""),
    ],
)
def test_normalise(raw, folded):
    assert normalise(raw) == folded


def test_normalise_keeps_alef_madda_apart_from_alef():
    # آ sorts before ا, so normalise must not fold them together.
    assert normalise("آرش") == "آرش"


def test_normalise_is_idempotent():
    for text in ("علي‌رضا ۱۲", "ﻛﺘﺎﺏ", "مُحَمَّد"):
        assert normalise(normalise(text)) == normalise(text)


def test_persian_letters_sort_in_alphabetical_order():
    letters = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    shuffled = sorted(letters, reverse=True)
    assert "".join(sorted(shuffled, key=sort_key)) == letters


def test_code_point_order_is_wrong_and_sort_key_fixes_it():
    names = ["یاسر", "پرویز", "بهرام", "ژاله", "گلاره", "کاوه", "آرش", "احمد", "چنگیز", "زهرا", "تینا"]
    expected = ["آرش", "احمد", "بهرام", "پرویز", "تینا", "چنگیز", "زهرا", "ژاله", "کاوه", "گلاره", "یاسر"]
    assert sorted(names) != expected  # پ چ ژ گ come after ی in code-point order
    assert sorted(names, key=sort_key) == expected


def test_arabic_letter_forms_sort_with_their_persian_letters():
    names = ["گلاره", "كاوه", "زهرا", "علي"]  # Arabic kaf and yeh
    assert sorted(names, key=sort_key) == ["زهرا", "علي", "كاوه", "گلاره"]
    assert sort_key("علي") == sort_key("علی")


def test_space_sorts_before_letters():
    assert sorted(["علیرضا", "علی اکبر", "علی"], key=sort_key) == ["علی", "علی اکبر", "علیرضا"]
    assert sort_key("علی" + ZWNJ + "اکبر") == sort_key("علی اکبر")


def test_digits_in_any_script_sort_the_same_and_before_letters():
    assert sort_key("۱۲") == sort_key("12") == sort_key("١٢")
    assert sorted(["ب", "a", "۲", "1"], key=sort_key) == ["1", "۲", "a", "ب"]


def test_persian_collation_in_sqlite():
    con = sqlite3.connect(":memory:")
    con.create_collation("PERSIAN", persian_collation)
    con.execute("CREATE TABLE t (name TEXT)")
    names = ["یاسر", "پرویز", "آرش", "احمد", "گلاره", "كاوه", "ژاله"]
    con.executemany("INSERT INTO t VALUES (?)", [(n,) for n in names])
    rows = [r[0] for r in con.execute("SELECT name FROM t ORDER BY name COLLATE PERSIAN")]
    assert rows == ["آرش", "احمد", "پرویز", "ژاله", "كاوه", "گلاره", "یاسر"]
    con.close()


def test_persian_collation_values():
    assert persian_collation("علي", "علی") == 0
    assert persian_collation("ب", "پ") == -1
    assert persian_collation("ی", "گ") == 1
    assert persian_collation(None, "") == 0


def test_digits_module():
    assert to_latin("۱۲۳٤٥٦ abc") == "123456 abc"
    assert to_persian(1250) == "۱۲۵۰"
    assert to_persian("٣ و 4") == "۳ و ۴"
    assert to_latin(to_persian("0123456789")) == "0123456789"


@pytest.mark.parametrize("value, shown", [
    # no letter at all: left to right, or a right-to-left sentence lays the groups out backwards
    ("0012 3456 7890", "\u20660012 3456 7890\u2069"),
    ("۰۲۱ ۸۸۷۷ ۶۶۵۵", "\u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069"),
    ("+44 (0) 20 7946 0999", "\u2066+44 (0) 20 7946 0999\u2069"),
    ("1404/12/30", "\u20661404/12/30\u2069"), ("-2.5", "\u2066-2.5\u2069"), (12, "\u206612\u2069"),
    # a letter: the direction of the first one
    ("علی رضایی", "\u2068علی رضایی\u2069"), ("ali@example.com", "\u2068ali@example.com\u2069"),
    ("۱۲ تیر", "\u2068۱۲ تیر\u2069"), ("9.12E+09", "\u20689.12E+09\u2069"),
    ("", ""), (None, ""),
])
def test_isolate_reads_a_value_without_letters_left_to_right(value, shown):
    assert isolate(value) == shown
