"""Importing into a real database: duplicates skipped or merged, bad rows reported or the whole
file refused, groups, and a cancelled or failed import that leaves the file exactly as it was."""

import hashlib
from pathlib import Path

import pytest

from crm_desktop.phonebook import model
from crm_desktop.phonebook.importer import (
    ImportArgs,
    ImportCancelled,
    ImportRefused,
    NothingToImport,
    run_import,
)

DATA = Path(__file__).parent / "data" / "vcards"


@pytest.fixture
def book(conn):
    from crm_desktop.phonebook.repo import Phonebook

    return Phonebook(conn)


def add(book, first, last, *mobiles, **fields):
    phones = [model.Phone(m) for m in mobiles]
    return book.add(model.normalised(model.Contact(first_name=first, last_name=last, phones=phones, **fields)))


def all_contacts(book):
    return list(book.iter_contacts())


def names(book):
    return sorted(c.display_name for c in all_contacts(book))


def snapshot(conn):
    """Every row of every table: what "exactly as it was" means."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    digest = hashlib.sha256()
    for table in tables:
        for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"')):
            digest.update(row.encode())
    return digest.hexdigest()


def write_csv(tmp_path, text, name="contacts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


CSV = """نام,نام خانوادگی,موبایل,ایمیل,گروه
مریم,احمدی,۰۹۱۲۱۲۳۴۵۶۷,maryam@example.com,مشتریان
علی,رضایی,0912 765 4321,,
بد,ردیف,۰۹۱۲۳,,
سارا,کریمی,+98 935 111 2233,,مشتریان، همکاران
مریم,احمدی,+989121234567,m.ahmadi@work.ir,همکاران
"""


def test_android_file_imports_with_a_duplicate_inside_it_skipped(conn, book):
    summary = run_import(ImportArgs(DATA / "android_21_qp.vcf", conn=conn))
    assert (summary.rows, summary.added, summary.merged, summary.skipped, summary.rejected) == (5, 4, 0, 1, 0)
    (entry,) = summary.entries
    assert (entry.number, entry.where, entry.outcome) == (74, "line", "skipped")
    assert "\u2066۰۹۱۲ ۱۲۳ ۴۵۶۷\u2069" in entry.reason and "خط ۱" in entry.reason  # as the table shows it
    ali = book.get(summary.added_ids[0])
    assert [p.national for p in ali.phones] == ["09121234567", "02188776655", "09351234567"]
    assert ali.emails == ["ali.rezaei@example.com"]


def test_merge_fills_the_earlier_row_instead(conn, book):
    summary = run_import(ImportArgs(DATA / "android_21_qp.vcf", conn=conn, duplicates="merge"))
    assert (summary.added, summary.merged, summary.skipped) == (4, 1, 0)
    ali = book.get(summary.added_ids[0])
    assert [p.national for p in ali.phones] == ["09121234567", "02188776655", "09351234567", "02144332211"]
    assert ali.emails == ["ali.rezaei@example.com", "a.rezaei@arman-co.ir"]
    assert summary.entries[0].outcome == "merged"


def test_duplicates_of_contacts_already_in_the_database(conn, book, tmp_path):
    existing = add(book, "مریم", "احمدی‌فر", "0912 123 4567", note="از قبل")
    path = write_csv(tmp_path, CSV)
    summary = run_import(ImportArgs(path, conn=conn))
    assert (summary.added, summary.merged, summary.skipped, summary.rejected) == (2, 0, 2, 1)
    assert [(e.number, e.outcome) for e in summary.entries] == [(2, "skipped"), (4, "rejected"), (6, "skipped")]
    assert "مریم احمدی‌فر" in summary.entries[0].reason
    assert summary.entries[1].reason.startswith("تلفن همراه")
    assert names(book) == sorted(["مریم احمدی‌فر", "علی رضایی", "سارا کریمی"])
    assert book.get(existing).emails == []


def test_merge_into_the_database_contact(conn, book, tmp_path):
    existing = add(book, "مریم", "احمدی‌فر", "0912 123 4567", note="از قبل")
    summary = run_import(ImportArgs(write_csv(tmp_path, CSV), conn=conn, duplicates="merge"))
    assert (summary.added, summary.merged, summary.skipped, summary.rejected) == (2, 2, 0, 1)
    assert summary.merged_ids == [existing]
    maryam = book.get(existing)
    assert maryam.last_name == "احمدی‌فر" and maryam.note == "از قبل"  # what was there stays
    assert maryam.emails == ["maryam@example.com", "m.ahmadi@work.ir"]
    assert [p.national for p in maryam.phones] == ["09121234567"]
    group_names = {g.id: g.name for g in book.groups()}
    assert sorted(group_names[g] for g in maryam.group_ids) == sorted(["همکاران", "مشتریان"])


def test_groups_are_created_once_and_counted(conn, book, tmp_path):
    run_import(ImportArgs(write_csv(tmp_path, CSV), conn=conn))
    counts = {g.name: g.count for g in book.groups()}
    assert counts == {"مشتریان": 2, "همکاران": 1}


def test_refuse_leaves_the_database_unchanged(conn, book, tmp_path):
    add(book, "مریم", "احمدی", "09121234567")
    before = snapshot(conn)
    with pytest.raises(ImportRefused) as caught:
        run_import(ImportArgs(write_csv(tmp_path, CSV), conn=conn, on_error="refuse"))
    assert caught.value.message.startswith(f"{tmp_path / 'contacts.csv'}: row 4:")
    assert caught.value.fa.startswith("ردیف ۴:") and "هیچ مخاطبی وارد نشد" in caught.value.fa
    assert caught.value.summary.rejected == 1
    assert snapshot(conn) == before


def test_refusing_a_broken_vcard_names_the_first_bad_line(conn, book):
    with pytest.raises(ImportRefused) as caught:
        run_import(ImportArgs(DATA / "broken.vcf", conn=conn, on_error="refuse"))
    assert "line 7:" in caught.value.message and "(7 cards with errors)" in caught.value.message
    assert all_contacts(book) == []


def test_broken_vcard_skipping_its_bad_cards(conn, book):
    summary = run_import(ImportArgs(DATA / "broken.vcf", conn=conn))
    assert (summary.added, summary.rejected) == (1, 7)
    assert [e.number for e in summary.entries] == [7, 8, 18, 20, 26, 32, 38]
    text = summary.text()
    assert "خط ۸: «کاوه موسوی» رد شد" in text
    assert names(book) == ["نرگس صالحی"]


def test_nothing_readable_is_an_error(conn, tmp_path):
    path = write_csv(tmp_path, "نام,موبایل\n,0912\n")
    with pytest.raises(NothingToImport) as caught:
        run_import(ImportArgs(path, conn=conn))
    assert "row 2" in caught.value.message
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    with pytest.raises(NothingToImport):
        run_import(ImportArgs(empty, conn=conn))


@pytest.mark.parametrize("rows", [10, 1200])  # the one-by-one path and the bulk path
def test_cancel_leaves_the_database_unchanged(conn, book, tmp_path, rows):
    add(book, "مریم", "احمدی", "09121234567")
    path = write_csv(tmp_path, "نام,موبایل\n" + "".join(f"نفر{i},0935{i:07d}\n" for i in range(rows)))
    before = snapshot(conn)
    calls = []

    class Stop(Exception):
        pass

    def progress(done, total, text):
        calls.append(text)
        if text.startswith("افزودن") and done > 0 or (text.startswith("افزودن") and len(calls) > 3):
            raise Stop()

    with pytest.raises(Stop):
        run_import(ImportArgs(path, conn=conn), progress)
    assert snapshot(conn) == before
    assert not conn.in_transaction
    with pytest.raises(ImportCancelled):  # False from progress cancels too
        run_import(ImportArgs(path, conn=conn), lambda done, total, text: not text.startswith("افزودن"))
    assert snapshot(conn) == before


def test_a_failure_half_way_rolls_everything_back(conn, book, tmp_path, monkeypatch):
    from crm_desktop.phonebook.repo import Phonebook

    add(book, "مریم", "احمدی", "09121234567")
    before = snapshot(conn)
    original = Phonebook.add
    count = [0]

    def failing_add(self, contact):
        count[0] += 1
        if count[0] == 5:
            raise OSError("disk trouble")
        return original(self, contact)

    monkeypatch.setattr(Phonebook, "add", failing_add)
    path = write_csv(tmp_path, "نام,موبایل\n" + "".join(f"نفر{i},0935{i:07d}\n" for i in range(10)))
    with pytest.raises(OSError):
        run_import(ImportArgs(path, conn=conn))
    assert snapshot(conn) == before


def test_import_opens_its_own_connection_and_notifies_once(db_path, conn, book, tmp_path):
    changed = []
    summary = run_import(ImportArgs(DATA / "iphone_30.vcf", db=db_path, notify=changed.append))
    assert summary.added == 3 and changed == [{"contacts", "groups"}]
    assert len(all_contacts(book)) == 3


def test_every_sample_file_imports(conn, book):
    for name in ("android_21_qp.vcf", "iphone_30.vcf", "google_30.vcf", "v40.vcf"):
        run_import(ImportArgs(DATA / name, conn=conn, duplicates="merge"))
    shown = names(book)
    assert "خانم مریم احمدی" in shown and "بانک ملت" in shown and "زهرا حسینی" in shown
    zahra = next(c for c in all_contacts(book) if c.first_name == "زهرا")
    assert zahra.birthday == "--03-15" and zahra.phones[1].ext == "204"


def test_bulk_import_of_a_big_csv(conn, book, tmp_path):
    lines = ["نام,نام خانوادگی,موبایل,تلفن,ایمیل,شهر,گروه"]
    for i in range(3000):
        lines.append(f"نام{i},خانواده{i % 50},0912{i:07d},021{i:08d},p{i}@example.com,تهران,{'ویژه' if i % 3 == 0 else ''}")
    lines.append("تکراری,یک,09120000005,,,,")  # a duplicate of row 7
    summary = run_import(ImportArgs(write_csv(tmp_path, "\n".join(lines)), conn=conn))
    assert (summary.added, summary.skipped) == (3000, 1)
    assert book.count(__import__("crm_desktop.phonebook.repo", fromlist=["SearchQuery"]).SearchQuery()) == 3000
    someone = book.get(summary.added_ids[7])
    assert someone.first_name == "نام7" and [p.national for p in someone.phones] == ["09120000007", "02100000007"]
    assert someone.emails == ["p7@example.com"] and someone.addresses[0].city == "تهران"
    assert {g.name: g.count for g in book.groups()} == {"ویژه": 1000}


@pytest.mark.parametrize("limit", [999, 40])  # SQLite's old default; two contacts per INSERT
def test_the_bulk_insert_splits_its_statements_at_the_parameter_limit(conn, book, tmp_path, monkeypatch, limit):
    from crm_desktop.phonebook import import_write

    monkeypatch.setattr(import_write, "_parameter_limit", lambda _conn: limit)
    lines = ["نام,نام خانوادگی,موبایل,تلفن,ایمیل,شهر"]
    lines += [f"نام{i},خانواده{i % 7},0912{i:07d},021{i:08d},p{i}@example.com,{'قم' if i % 2 else ''}" for i in range(601)]
    summary = run_import(ImportArgs(write_csv(tmp_path, "\n".join(lines)), conn=conn))
    assert summary.added == 601
    counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("contacts", "contact_phones", "contact_emails", "contact_addresses")]
    assert counts == [601, 1202, 601, 300]
    last = book.get(summary.added_ids[-1])
    assert [p.national for p in last.phones] == ["09120000600", "02100000600"] and last.emails == ["p600@example.com"]
