"""The kind of a custom field an import makes: a foreign phone, an account number or a number with
a leading zero stays text as written, quantities are numbers, a few repeated words are a choice
list; ``--mapping``'s ``"new_field:KIND"`` asks for a kind, refused (nothing written) naming the
first value that does not fit and its row. Real files, the CLI as a real process."""

import json

import pytest

from crm_desktop.core.text import isolate
from crm_desktop.errors import UserError
from crm_desktop.phonebook.import_kinds import guess
from crm_desktop.phonebook.importer import ImportArgs, run_import
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.storage.db import open_database
from tests.conftest import run_cli

WHATSAPP = ("نام,موبایل,واتساپ\n"
            "مریم,09121234567,+44 20 7946 0958\n"
            "علی,09127654321,+1 202 555 0100\n"
            "سارا,09351234567,\n")


def ok(*args, db):
    done = run_cli(*args, db=db)
    assert done.returncode == 0, done.stderr
    return done


def book_fields(db) -> dict:
    conn = open_database(db)
    try:
        return {f.name: (f.kind, f.choices) for f in Phonebook(conn).fields()}
    finally:
        conn.close()


def stored(db) -> dict:
    """{display name: {field name: stored value}}."""
    conn = open_database(db)
    try:
        book = Phonebook(conn)
        names = {f.id: f.name for f in book.fields()}
        return {c.display_name: {names[k]: v for k, v in c.custom.items()} for c in book.iter_contacts()}
    finally:
        conn.close()


# --- the guess ----------------------------------------------------------------------------------

def test_what_a_number_field_would_not_keep_as_written_is_text():
    for values in (["+44 20 7946 0958", "+1 202 555 0100"],  # a «+» and groups
                   ["+989121234567"],  # a «+» alone
                   ["0912 345 6789"], ["007", "12"],  # a leading zero
                   ["6037 9918 1234 5678"], ["6037-9918-1234-5678"],  # an account or card number
                   ["1 250 000"],  # digits in groups split by spaces
                   ["1234567890123456"]):  # more digits than a number keeps (16)
        assert guess(values) == ("text", []), values
    assert guess(["123456789012345", "12"])[0] == "number"  # 15 digits: still a number
    assert guess(["1,250,000", "2.5", "-7", "۱٬۲۵۰", "\u200e-۷", "0.5", "−3"]) == ("number", [])
    assert guess(["1403/07/15", "۱۳۶۵/۰۴/۱۲"]) == ("date", [])


def test_a_few_short_words_that_repeat_are_a_choice_list_in_first_seen_order():
    sources = ["نمایشگاه", "وب‌سایت", "معرفی دوستان"]
    assert guess(sources * 3) == ("choice", sources)
    # spellings that are one choice (ي/ی, spaces) count once; as many write each: the Persian one
    assert guess(["معرفي  دوستان", "معرفی دوستان", "تبلیغات"] * 3) == ("choice", ["معرفی دوستان", "تبلیغات"])
    twenty = [f"شعبه {n}" for n in range(1, 21)]
    assert guess(twenty * 3) == ("choice", twenty)


@pytest.mark.parametrize("values", [
    ["نمایشگاه", "وب‌سایت", "معرفی دوستان"] * 3 + ["تماس تلفنی"],  # 10 cells, 4 values: fewer than 3 × 4
    [f"شعبه {n}" for n in range(1, 22)] * 3,  # 21 values
    ["دوست"] * 9,  # one value: a list of one is no choice
    ["الف" * 41, "ب"] * 6,  # a value longer than 40 letters
    ["خط اول\nخط دوم", "ب"] * 6,  # a line break
    ["A1", "12-3", "B2"] * 4 + ["12-3"],  # «12-3» has no letter: a code, not a word
])
def test_values_that_are_not_a_short_repeated_list_stay_text(values):
    assert guess(values) == ("text", [])


# --- the command line ----------------------------------------------------------------------------

def test_a_column_of_foreign_numbers_is_made_text_and_kept_with_its_plus(tmp_path):
    path = tmp_path / "whatsapp.csv"
    path.write_text(WHATSAPP, encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    summary = json.loads(ok("import", "contacts", path, "--new-fields", "--json", db=db).stdout)
    assert summary["created_fields"] == [{"name": "واتساپ", "kind": "text"}]
    assert stored(db) == {"مریم": {"واتساپ": "+44 20 7946 0958"}, "علی": {"واتساپ": "+1 202 555 0100"}, "سارا": {}}


def test_a_repeated_word_column_becomes_a_choice_list(tmp_path):
    path = tmp_path / "sources.csv"
    rows = [("مریم", "نمایشگاه"), ("علی", "وب‌سایت"), ("سارا", "-"), ("رضا", "نمایشگاه"), ("مینا", "معرفی دوستان"),
            ("نادر", "وب‌سایت"), ("کاوه", "نمایشگاه"), ("لیلا", "معرفی دوستان"), ("بهرام", "وب‌سایت"),
            ("ژاله", "نمایشگاه")]
    path.write_text("نام,نحوه آشنایی\n" + "".join(f"{n},{v}\n" for n, v in rows), encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    done = ok("import", "contacts", path, "--new-fields", db=db)
    assert done.stdout.splitlines()[1] == "custom field 'نحوه آشنایی' (choice: نمایشگاه, وب‌سایت, معرفی دوستان) created"
    assert book_fields(db) == {"نحوه آشنایی": ("choice", ["نمایشگاه", "وب‌سایت", "معرفی دوستان"])}
    values = stored(db)
    assert values["سارا"] == {}  # «-» in a choice field is nothing
    assert values["مینا"] == {"نحوه آشنایی": "معرفی دوستان"}
    conn = open_database(db)
    try:
        found = [r.display_name for r in Phonebook(conn).rows(SearchQuery("معرفی دوستان"), 0, 10)]
    finally:
        conn.close()
    assert sorted(found) == sorted(["مینا", "لیلا"])


def test_the_mapping_asks_for_a_kind(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("نام,کد شعبه,امتیاز\nمریم,شمال,12\nعلی,جنوب,7\nسارا,مرکز,\n", encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    mapping = {"نام": "full_name", "کد شعبه": "new_field:choice", "امتیاز": "new_field:text"}
    summary = json.loads(ok("import", "contacts", path, "--mapping", json.dumps(mapping), "--json", db=db).stdout)
    assert summary["created_fields"] == [{"name": "کد شعبه", "kind": "choice", "choices": ["شمال", "جنوب", "مرکز"]},
                                         {"name": "امتیاز", "kind": "text"}]  # not the number it would be guessed
    assert stored(db)["علی"] == {"کد شعبه": "جنوب", "امتیاز": "7"}


def test_a_kind_a_value_does_not_fit_is_refused_naming_the_value_and_its_row(tmp_path):
    path = tmp_path / "whatsapp.csv"
    path.write_text(WHATSAPP, encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    done = run_cli("import", "contacts", path, "--mapping", json.dumps({"0": "full_name", "2": "new_field:number"}), db=db)
    assert done.returncode == 2
    assert done.stderr.strip() == ("crm-desktop: error: column 'واتساپ' cannot become a number field: "
                                   "'+44 20 7946 0958' (row 2) would not be kept as written in a number field "
                                   "(it would be 442079460958)")
    assert not db.exists()  # a refused import leaves no database behind
    done = run_cli("import", "contacts", path, "--mapping", json.dumps({"0": "full_name", "2": "new_field:date"}), db=db)
    assert done.returncode == 2 and "'+44 20 7946 0958' (row 2) is not a date" in done.stderr
    done = run_cli("import", "contacts", path, "--mapping", json.dumps({"0": "full_name", "2": "new_field:phone"}), db=db)
    assert done.returncode == 2
    assert "unknown kind 'phone' for new_field (kinds: text, number, date, choice)" in done.stderr
    with pytest.raises(UserError) as raised:
        run_import(ImportArgs(path, db=db, mapping={0: "full_name", 2: "new_field:number"}))
    assert raised.value.fa == (f"ستون «\u2068واتساپ\u2069» فیلد «عدد» نمی‌شود: فیلد عدد «{isolate('+44 20 7946 0958')}» "
                               f"(ردیف ۲) را همان‌گونه که نوشته شده نگه نمی‌دارد ({isolate('۴۴۲۰۷۹۴۶۰۹۵۸')} می‌شود).")
    assert book_fields(db) == {}


def test_a_choice_list_of_more_than_a_hundred_values_is_refused(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("نام,کد\n" + "".join(f"نفر{i},کد{i}\n" for i in range(1, 103)), encoding="utf-8")
    with pytest.raises(UserError) as raised:
        run_import(ImportArgs(path, db=tmp_path / "book.sqlite3", mapping={0: "full_name", 1: "new_field:choice"}))
    assert raised.value.fa == ("ستون «\u2068کد\u2069» فیلد «فهرست انتخابی» نمی‌شود: بیش از ۱۰۰ مقدار گوناگون دارد "
                               "(«\u2068کد101\u2069»، ردیف ۱۰۲).")


def test_a_vcards_repeated_values_make_a_choice_list(tmp_path):
    path = tmp_path / "cards.vcf"
    cards = [("مریم", "نمایشگاه"), ("علی", "وب‌سایت"), ("سارا", "نمایشگاه"), ("رضا", "وب‌سایت"), ("مینا", "نمایشگاه"),
             ("نادر", "نمایشگاه")]
    path.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{n}\r\nN:;{n};;;\r\nX-CRM-FIELD:نحوه آشنایی;{v}\r\n"
                            "X-CRM-FIELD:واتساپ;+44 20 7946 0958\r\nEND:VCARD\r\n" for n, v in cards), encoding="utf-8")
    db = tmp_path / "book.sqlite3"
    ok("import", "contacts", path, "--new-fields", db=db)
    assert book_fields(db) == {"نحوه آشنایی": ("choice", ["نمایشگاه", "وب‌سایت"]), "واتساپ": ("text", [])}
    assert stored(db)["علی"] == {"نحوه آشنایی": "وب‌سایت", "واتساپ": "+44 20 7946 0958"}
