"""Importing again what was exported: contacts without a mobile are duplicates by their name and
a shared phone or e-mail; custom fields travel in CSV / XLSX columns (or are named as ignored)."""

import json

import pytest

from crm_desktop.phonebook import model
from crm_desktop.phonebook.columns import custom_key, suggest_mapping
from crm_desktop.phonebook.exporter import export_contacts
from crm_desktop.phonebook.importer import ImportArgs, ImportRefused, run_import
from crm_desktop.phonebook.repo import Phonebook
from crm_desktop.storage.db import open_database


@pytest.fixture
def book(conn):
    return Phonebook(conn)


def fresh(tmp_path, name):
    return open_database(tmp_path / f"{name}.sqlite3")


def write_csv(tmp_path, text, name="contacts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def contact(first, last, *phones, emails=(), **fields):
    phones = [model.Phone(p, "mobile" if p.startswith("09") else "home") for p in phones]
    return model.normalised(model.Contact(first_name=first, last_name=last, phones=phones,
                                          emails=list(emails), **fields))


# --- duplicates without a mobile ---------------------------------------------------------------

def test_an_exported_demo_database_imports_twice_without_adding_anything(conn, tmp_path):
    from crm_desktop.demo.generate import fill_contacts

    fill_contacts(conn, 600, seed=3)
    book = Phonebook(conn)
    book.add(contact("رضا", "کاظمی", "021 8877 6655"))  # only a landline
    book.add(contact("نسرین", "صادقی", emails=["Nasrin@Example.com"]))  # only an e-mail
    book.add(model.normalised(model.Contact(kind=model.ORGANISATION, organisation="بازرگانی آریا",
                                            phones=[model.Phone("031 3222 1100", "work")])))
    count = len(list(book.iter_contacts()))
    path = tmp_path / "all.csv"
    export_contacts(conn, None, path)

    target = fresh(tmp_path, "target")
    try:
        first = run_import(ImportArgs(path, conn=target))
        assert first.added + first.skipped == count and first.rejected == 0
        added = first.added
        second = run_import(ImportArgs(path, conn=target))
        assert (second.added, second.merged, second.rejected) == (0, 0, 0)
        assert second.skipped == count  # every row, also the one the first import skipped
        assert target.execute("SELECT count(*) FROM contacts").fetchone()[0] == added
        merged = run_import(ImportArgs(path, conn=target, duplicates="merge"))
        assert (merged.added, merged.rejected) == (0, 0) and merged.merged + merged.skipped == count
        # only a row the first import skipped (a duplicate inside the file) can bring something new
        assert merged.merged <= first.skipped
        assert all(e.reason.endswith("ثبت است و چیز تازه‌ای نداشت") for e in merged.entries if e.outcome == "skipped")
        assert target.execute("SELECT count(*) FROM contacts").fetchone()[0] == added
    finally:
        target.close()


CSV = """نام,نام خانوادگی,تلفن منزل,ایمیل
رضا,کاظمی,021 8877 6655,
نسرین,صادقی,,nasrin@example.com
رضا,کاظمی,۰۲۱۸۸۷۷۶۶۵۵,reza@example.com
مهدی,کاظمی,021 8877 6655,
نسرين,صادقي,,NASRIN@example.com
"""


def test_same_name_and_a_shared_landline_or_email_is_a_duplicate(conn, book, tmp_path):
    path = write_csv(tmp_path, CSV)
    summary = run_import(ImportArgs(path, conn=conn))
    # row 4: the same name and landline as row 2; row 6: the same name (Arabic letters) and e-mail as row 3;
    # row 5 shares the landline but not the name: a different person
    assert (summary.added, summary.skipped) == (3, 2)
    assert [(e.number, e.outcome) for e in summary.entries] == [(4, "skipped"), (6, "skipped")]
    assert "همین نام و تلفن \u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069" in summary.entries[0].reason and "ردیف ۲" in summary.entries[0].reason
    assert "همین نام و ایمیل" in summary.entries[1].reason
    again = run_import(ImportArgs(path, conn=conn))
    assert (again.added, again.skipped) == (0, 5)
    assert "از پیش برای «رضا کاظمی»" in again.entries[0].reason
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 3


def test_merge_by_name_and_landline_fills_the_existing_contact(conn, book, tmp_path):
    reza = book.add(contact("رضا", "کاظمی", "021 8877 6655"))
    summary = run_import(ImportArgs(write_csv(tmp_path, CSV), conn=conn, duplicates="merge"))
    assert summary.merged_ids == [reza]
    assert book.get(reza).emails == ["reza@example.com"]
    # row 4 brings the e-mail; rows 2 and 6 hold nothing their contacts lack
    assert (summary.added, summary.merged, summary.skipped) == (2, 1, 2)


def test_the_same_name_alone_is_not_a_duplicate(conn, book, tmp_path):
    book.add(contact("رضا", "کاظمی", "021 8877 6655"))
    path = write_csv(tmp_path, "نام,نام خانوادگی,تلفن منزل\nرضا,کاظمی,021 6655 4433\nرضا,کاظمی,\n")
    summary = run_import(ImportArgs(path, conn=conn))
    assert (summary.added, summary.skipped) == (2, 0)


# --- custom fields -----------------------------------------------------------------------------

def add_fields(book):
    return {
        "size": book.add_field(model.CustomField("شماره کفش", "number")),
        "since": book.add_field(model.CustomField("تاریخ عضویت", "date")),
        "level": book.add_field(model.CustomField("سطح", "choice", ["طلایی", "نقره‌ای"])),
        "ref": book.add_field(model.CustomField("معرف", "text")),
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_custom_values_come_back_from_an_export(conn, book, tmp_path, fmt):
    ids = add_fields(book)
    values = {ids["size"]: "42", ids["since"]: "2024-10-06", ids["level"]: "طلایی", ids["ref"]: "آقای نادری"}
    book.add(model.Contact(first_name="علی", last_name="رضایی", phones=[model.Phone("09121234567")], custom=values))
    book.add(model.Contact(first_name="سارا", last_name="کریمی", phones=[model.Phone("021 4455 6677", "home")],
                           custom={ids["level"]: "نقره‌ای"}))
    path = tmp_path / f"out.{fmt}"
    export_contacts(conn, None, path)

    same = fresh(tmp_path, "same")
    try:
        other = Phonebook(same)
        other.add_field(model.CustomField("معرف", "text"))  # other ids, other order: matched by name
        new_ids = add_fields_missing(other)
        summary = run_import(ImportArgs(path, conn=same))
        assert (summary.added, summary.rejected, summary.ignored_columns) == (2, 0, [])
        by_name = {c.display_name: c for c in other.iter_contacts()}
        ali = by_name["علی رضایی"].custom
        assert ali == {new_ids["شماره کفش"]: "42", new_ids["تاریخ عضویت"]: "2024-10-06", new_ids["سطح"]: "طلایی",
                       new_ids["معرف"]: "آقای نادری"}
        assert by_name["سارا کریمی"].custom == {new_ids["سطح"]: "نقره‌ای"}
    finally:
        same.close()

    bare = fresh(tmp_path, "bare")
    try:
        summary = run_import(ImportArgs(path, conn=bare))
        assert summary.added == 2
        assert summary.ignored_columns == ["شماره کفش", "تاریخ عضویت", "سطح", "معرف"]
        assert "ستون «\u2068سطح\u2069» به هیچ فیلدی نگاشته نشد و وارد نشد." in summary.text()
        assert summary.to_json()["ignored_columns"] == summary.ignored_columns
        assert bare.execute("SELECT count(*) FROM contact_custom_values").fetchone()[0] == 0
    finally:
        bare.close()


def add_fields_missing(book):
    have = {f.name for f in book.fields()}
    for name, kind, choices in (("سطح", "choice", ["نقره‌ای", "طلایی"]), ("تاریخ عضویت", "date", []),
                                ("شماره کفش", "number", [])):
        if name not in have:
            book.add_field(model.CustomField(name, kind, choices))
    return {f.name: f.id for f in book.fields()}


def test_suggest_mapping_proposes_custom_fields_by_name(book):
    ids = add_fields(book)
    mapping = suggest_mapping(["نام", "سطح", "شماره  كفش", "رنگ", "موبایل"], book.fields())
    assert mapping == {0: "full_name", 1: custom_key(ids["level"]), 2: custom_key(ids["size"]), 4: "mobile"}


def test_bad_custom_values_reject_their_rows_in_persian(conn, book, tmp_path):
    ids = add_fields(book)
    path = write_csv(tmp_path, "نام,نام خانوادگی,سطح,شماره کفش,تاریخ عضویت\n"
                               "علی,رضایی,برنزی,42,1403/07/15\n"
                               "سارا,کریمی,طلايی,۴۳,1403/07/15\n"
                               "مریم,احمدی,,چهل,\n")
    summary = run_import(ImportArgs(path, conn=conn))
    assert (summary.added, summary.rejected) == (1, 2)
    assert [(e.number, e.outcome) for e in summary.entries] == [(2, "rejected"), (4, "rejected")]
    assert "«برنزی» از گزینه‌های «سطح» نیست" in summary.entries[0].reason
    assert "ردیف ۲" in summary.text()
    (sara,) = book.iter_contacts()
    assert sara.custom == {ids["level"]: "طلایی", ids["size"]: "43", ids["since"]: "2024-10-06"}
    with pytest.raises(ImportRefused) as caught:
        run_import(ImportArgs(path, conn=conn, on_error="refuse"))
    assert "ردیف ۲" in caught.value.fa


def test_many_rows_with_custom_values_go_through_the_bulk_path(conn, book, tmp_path):
    ids = add_fields(book)
    lines = ["نام,نام خانوادگی,موبایل,شماره کفش"] + [f"نفر,{i},0912{i:07d},{i % 50}" for i in range(1, 701)]
    summary = run_import(ImportArgs(write_csv(tmp_path, "\n".join(lines) + "\n"), conn=conn))
    assert summary.added == 700
    assert conn.execute("SELECT count(*) FROM contact_custom_values WHERE field_id = ?", (ids["size"],)).fetchone()[0] == 700
    assert book.count(__import__("crm_desktop.phonebook.repo", fromlist=["SearchQuery"]).SearchQuery(text="نفر")) == 700


def test_cli_json_names_ignored_columns(conn, tmp_path, db_path):
    from tests.conftest import run_cli

    conn.close()
    path = write_csv(tmp_path, "نام,نام خانوادگی,موبایل,رنگ دلخواه\nعلی,رضایی,09121234567,آبی\n")
    done = run_cli("import", "contacts", path, "--json", db=db_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ignored_columns"] == ["رنگ دلخواه"]


def test_the_wizard_helpers_know_custom_fields(conn, book, tmp_path):
    from types import SimpleNamespace

    from crm_desktop.phonebook.table import read_table
    from crm_desktop.phonebook.views import import_run

    ids = add_fields(book)
    fields = import_run.custom_fields(SimpleNamespace(phonebook=book))
    table = read_table(write_csv(tmp_path, "نام,نام خانوادگی,سطح,رنگ\nعلی,رضایی,برنزی,آبی\n"))
    mapping = suggest_mapping(table.headers, fields)
    assert mapping[2] == custom_key(ids["level"]) and 3 not in mapping
    (row,) = import_run.preview(table, mapping, 5, fields)
    assert "«برنزی» از گزینه‌های «سطح» نیست" in row.problem
    summary = run_import(ImportArgs(write_csv(tmp_path, "نام,موبایل,رنگ\nعلی,09121234567,آبی\n", "b.csv"), conn=conn))
    assert import_run.counts_text(summary).endswith("ستون «\u2068رنگ\u2069» به هیچ فیلدی نگاشته نشد و وارد نشد.")


def test_a_switchboard_number_many_share_still_matches_by_name(conn, book, tmp_path):
    lines = ["نام,نام خانوادگی,تلفن محل کار"] + [f"کارمند,{i},021 8877 0000" for i in range(60)]
    path = write_csv(tmp_path, "\n".join(lines) + "\n")
    first = run_import(ImportArgs(path, conn=conn))
    assert (first.added, first.skipped) == (60, 0)
    again = run_import(ImportArgs(path, conn=conn, duplicates="merge"))
    assert (again.added, again.merged, again.skipped) == (0, 0, 60)
    assert [e.contact_id for e in again.entries] == first.added_ids


@pytest.mark.parametrize("already", [0, 300, 5000])  # an empty book, a rebuild, new contacts ranked in
def test_a_bulk_import_indexes_exactly_what_a_rebuild_from_the_tables_would(conn, book, tmp_path, already):
    from crm_desktop.demo.generate import fill_contacts
    from crm_desktop.phonebook import search_index

    if already:
        fill_contacts(conn, already, seed=5)
        search_index.rebuild(conn)
    add_fields(book)
    lines = ["نام,نام خانوادگی,سازمان,موبایل,تلفن منزل,تلفن محل کار,ایمیل,کد ملی,یادداشت,گروه‌ها,"
             "شماره کفش,تاریخ عضویت,سطح,معرف"]
    for i in range(1, 801):
        lines.append(f"علی‌{i % 37},رضايي {i % 11},شرکت {i % 5} ك,0912{i:07d},021 {i:08d},"
                     f"{'031 3222 1100' if i % 4 == 0 else ''},p{i}@Example.com;q{i % 9}@x.ir,"
                     f"{'0013542419' if i == 7 else ''},یادداشت {i} تلفن ۰۲۱۸۸۷۷,"
                     f"{'ویژه، مشتری' if i % 3 == 0 else 'ویژه' if i % 3 == 1 else ''},"
                     f"{i % 50 if i % 2 else ''},{'1403/07/15' if i % 5 == 0 else ''},"
                     f"{'طلایی' if i % 7 == 0 else ''},{'آقای نادری' if i % 6 == 0 else ''}")
    summary = run_import(ImportArgs(write_csv(tmp_path, "\n".join(lines) + "\n"), conn=conn))
    assert (summary.added, summary.rejected) == (800, 0)
    indexed = {r[0]: r[1:] for r in conn.execute("SELECT contact_id, rank, words, numbers FROM contact_search")}
    assert any("14030715" in numbers for _, _, numbers in indexed.values())  # a custom date, as Jalali
    search_index.rebuild(conn)
    rebuilt = {r[0]: r[1:] for r in conn.execute("SELECT contact_id, rank, words, numbers FROM contact_search")}
    assert {k: v[1:] for k, v in indexed.items()} == {k: v[1:] for k, v in rebuilt.items()}
    by_name = [r[0] for r in conn.execute("SELECT id FROM contacts ORDER BY sort_key, id")]
    assert sorted(indexed, key=lambda k: indexed[k][0]) == by_name  # ranks in Persian order
    assert search_index.check(conn) == []
    assert conn.execute("SELECT count(*) FROM contact_custom_values v JOIN contacts c ON c.id = v.contact_id "
                        "WHERE v.name_key <> c.sort_key").fetchone()[0] == 0  # as the triggers would set it


@pytest.mark.parametrize("duplicates", ["skip", "merge"])
def test_rows_that_share_nothing_skip_the_row_by_row_check_with_the_same_outcome(conn, tmp_path, monkeypatch,
                                                                                  duplicates):
    """import_write adds the rows whose phones and e-mails appear nowhere else without the
    row-by-row duplicate checks. Forcing every row through those checks gives the same summary
    and the same book: the shortcut changes nothing but the time."""
    from crm_desktop.demo.generate import fill_contacts
    from crm_desktop.phonebook import import_write

    fill_contacts(conn, 700, seed=5)
    path = tmp_path / "all.csv"
    export_contacts(conn, None, path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    # the file again with its own duplicates: rows 2–101 repeated at the end
    path.write_text("\n".join(lines + lines[1:101]) + "\n", encoding="utf-8-sig")

    def outcome(name, force):
        target = fresh(tmp_path, name)
        try:
            book = Phonebook(target)
            for row in (contact("علی", "رضایی", "0912 000 1111"), contact("نسرین", "صادقی", emails=["a@b.ir"])):
                book.add(row)  # a book that is not empty
            if force:
                monkeypatch.setattr(import_write, "shared_keys", lambda keys, index: _Everything())
            summary = run_import(ImportArgs(path, conn=target, duplicates=duplicates))
            monkeypatch.undo()
            rows = target.execute(
                "SELECT c.id, c.display_name, group_concat(p.national) FROM contacts c "
                "LEFT JOIN contact_phones p ON p.contact_id = c.id GROUP BY c.id ORDER BY c.id").fetchall()
            return summary.to_json() | {"seconds": 0, "path": ""}, rows
        finally:
            target.close()

    shortcut, checked = outcome("shortcut", False), outcome("checked", True)
    assert shortcut == checked
    summary = shortcut[0]
    assert summary["added"] >= 600 and summary["skipped"] >= 100  # the repeated rows bring nothing new


class _Everything(set):
    """Shared keys that every row has a part in (even a row without phones or e-mails)."""

    def isdisjoint(self, other):
        return False
