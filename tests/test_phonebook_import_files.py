"""Import files that are damaged or are no contacts file at all, as the operator meets them: the
CLI's exit code and English line, and the Persian message the import wizard shows (the
UnreadableFile that ``run_import`` / ``read_rows`` raise). Nothing is ever half-imported."""

import csv
import random
import sqlite3

import pytest

from crm_desktop.core.text import path_text

from crm_desktop.phonebook.import_rows import read_rows
from crm_desktop.phonebook.importer import ImportArgs, NothingToImport, run_import
from crm_desktop.phonebook.table import UnreadableFile
from tests.conftest import run_cli

FSI, PDI = "\u2068", "\u2069"
NOT_CONTACTS_FA = "پرونده مخاطبان (vCard، CSV یا اکسل xlsx) نیست."


def count(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    finally:
        conn.close()


def one_error_line(done) -> str:
    (line,) = [line for line in done.stderr.splitlines() if line.strip()]
    assert line.startswith("crm-desktop: error: ") and "Traceback" not in done.stderr
    return line


def import_error(path, db_path) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        run_import(ImportArgs(path, db=db_path))
    return caught.value


def with_one_contact(db_path, tmp_path):
    """A book that already holds one contact (to see that a refused file adds nothing)."""
    seed = tmp_path / "seed.csv"
    seed.write_text("نام,موبایل\nسارا,09351112233\n", encoding="utf-8")
    assert run_cli("import", "contacts", seed, db=db_path).returncode == 0
    assert count(db_path) == 1


# --- 1. a quote that is never closed -------------------------------------------------------------

UNCLOSED = "نام,موبایل,یادداشت\nعلی,09121234567,\"نقل قول باز\nمریم,09121234568,ok\nرضا,09121234569,ok\n"


def test_unclosed_quote_is_refused_by_the_cli_naming_its_row(db_path, tmp_path):
    with_one_contact(db_path, tmp_path)
    path = tmp_path / "x.csv"
    path.write_text(UNCLOSED, encoding="utf-8")
    done = run_cli("import", "contacts", path, db=db_path)
    assert done.returncode == 2
    line = one_error_line(done)
    assert f"{path}: row 2: the quote (\") opened on line 2 is never closed" in line
    assert count(db_path) == 1  # nothing imported


def test_unclosed_quote_persian_message_and_nothing_imported(db_path, tmp_path):
    with_one_contact(db_path, tmp_path)
    path = tmp_path / "x.csv"
    path.write_text(UNCLOSED, encoding="utf-8")
    error = import_error(path, db_path)
    assert error.fa == (f"پرونده «{path_text(path)}»: ردیف ۲: علامت نقل‌قول (\") که در خط ۲ باز شده هرگز بسته "
                        "نمی‌شود و همه سطرهای پس از آن در یک خانه خوانده می‌شوند؛ نقل‌قول را ببندید یا بردارید.")
    assert count(db_path) == 1


def test_stray_quote_closed_by_a_later_quoted_cell_is_refused(tmp_path):
    # the quote opened on row 2 is "closed" by the one before «ok» on row 3: csv would read row 3
    # into Ali's note and go on as if nothing happened
    path = tmp_path / "x.csv"
    path.write_text("نام,موبایل,یادداشت\nعلی,09121234567,\"نقل قول باز\nمریم,09121234568,\"ok\"\n"
                    "رضا,09121234569,ok\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_rows(path)
    assert "ردیف ۲: علامت نقل‌قول (\") که در خط ۲ باز شده در خط ۳ وسط یک خانه بسته شده است" in caught.value.fa
    assert "row 2: the quote (\") opened on line 2 is closed only on line 3" in caught.value.message


def test_unclosed_quote_on_the_last_line_names_that_row(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("نام,موبایل,یادداشت\nعلی,09121234567,ok\nرضا,09121234569,\"باز", encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_rows(path)
    assert "ردیف ۳: علامت نقل‌قول (\") که در خط ۳ باز شده هرگز بسته نمی‌شود" in caught.value.fa


def test_unclosed_quote_after_multiline_cells_names_the_file_line(tmp_path):
    # row 3 starts on line 4: the notes of row 2 take two lines
    path = tmp_path / "x.csv"
    path.write_text("نام,موبایل,یادداشت\r\nعلی,09121234567,\"سطر یک\r\nسطر دو\"\r\nرضا,09121234569,\"باز\r\n"
                    "مریم,09121234568,ok\r\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_rows(path)
    assert "row 3: the quote (\") opened on line 4 is never closed" in caught.value.message


def test_excel_notes_with_line_breaks_inside_quotes_still_import(db_path, tmp_path):
    """Excel writes a note typed with Alt+Enter as a quoted cell over several lines (LF inside,
    CRLF between rows), quotes inside doubled; the last row may be such a row too. All of it
    imports, row numbers intact."""
    path = tmp_path / "excel.csv"
    rows = [["نام", "موبایل", "یادداشت"],
            ["علی", "09121234567", "سطر اول\nسطر دوم با «نقل» و \"گیومه\""],
            ["مریم", "09121234568", "بدون سطر تازه"],
            ["رضا", "09121234569", "آخر\n\nپس از سطر خالی"],
            ["", "", ""],
            ["سینا", "09121234560", "پایان,\"با ویرگول\"\nو سطر"]]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    read, _ = read_rows(path)
    assert [r.number for r in read] == [2, 3, 4, 6]  # spreadsheet rows (the blank row 5 left out)
    assert [r.contact.note for r in read] == ["سطر اول\nسطر دوم با «نقل» و \"گیومه\"", "بدون سطر تازه",
                                              "آخر\n\nپس از سطر خالی", "پایان,\"با ویرگول\"\nو سطر"]
    summary = run_import(ImportArgs(path, db=db_path))
    assert (summary.added, summary.rejected) == (4, 0)


def test_quote_closed_on_its_own_line_with_text_after_it_is_read_as_before(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("نام,موبایل\n\"علی\" رضایی,09121234567\nمریم,09121234568\n", encoding="utf-8")
    read, _ = read_rows(path)
    assert [r.contact.display_name for r in read] == ["علی رضایی", "مریم"]


# --- 2. a cell over the csv module's limit ---------------------------------------------------------

BIG = 17 * 1024 * 1024


def big_csv(path, row):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("نام,موبایل,یادداشت\n")
        for i in range(2, row):
            handle.write(f"مخاطب {i},0912{i:07d},-\n")
        handle.write("علی,09121234567," + "x" * BIG + "\n")
        handle.write("رضا,09121234569,ok\n")


@pytest.mark.parametrize("row", [2, 60])  # inside the delimiter's 50-line sample, and after it
def test_cell_over_16_mib_is_one_clean_error_naming_its_row(db_path, tmp_path, row):
    path = tmp_path / "big.csv"
    big_csv(path, row)
    done = run_cli("import", "contacts", path, db=db_path)
    assert done.returncode == 2
    assert one_error_line(done) == f"crm-desktop: error: {path}: row {row}: a cell is larger than 16 MiB"
    error = import_error(path, db_path)
    digits = "۲" if row == 2 else "۶۰"
    assert error.fa == (f"پرونده «{path_text(path)}»: ردیف {digits} خانه‌ای بزرگ‌تر از ۱۶ مگابایت دارد؛ "
                        "پرونده مخاطبان چنین خانه‌ای ندارد.")
    assert count(db_path) == 0


# --- 3. a vCard folded through the middle of a letter ----------------------------------------------

NOTE = "یادداشت بلند: این مشتری هر ماه سفارش می‌دهد؛ پیش از تماس با دفتر مرکزی هماهنگ شود. " * 3


def fold_bytes(line: bytes, width: int = 75) -> bytes:
    """Fold at ``width`` octets regardless of UTF-8 boundaries (as some phones do)."""
    out = [line[:width]]
    rest = line[width:]
    while rest:
        out.append(b" " + rest[: width - 1])
        rest = rest[width - 1 :]
    return b"\r\n".join(out) + b"\r\n"


def folded_vcard() -> bytes:
    return (b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + fold_bytes("FN:علی رضایی".encode()) + b"N:;;;;\r\n"
            + fold_bytes(f"NOTE:{NOTE}".encode()) + b"TEL;TYPE=CELL:09121234567\r\nEND:VCARD\r\n"
            + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + "رضا".encode("cp1256") + b"\r\n"
            + b"TEL;TYPE=CELL:09121234568\r\nEND:VCARD\r\n")


def test_vcard_folded_inside_a_utf8_letter_reads_back_intact(db_path, tmp_path):
    data = folded_vcard()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the folds cut letters: the file is read line by line
    assert any(0x80 <= line[1] < 0xC0 for line in data.split(b"\r\n") if line[:1] == b" ")
    path = tmp_path / "folded.vcf"
    path.write_bytes(data)
    rows, _ = read_rows(path)
    assert [r.errors for r in rows] == [[], []]
    ali, reza = (r.contact for r in rows)
    assert (ali.display_name, ali.note) == ("علی رضایی", NOTE.strip())
    assert reza.display_name == "رضا"  # a Windows-1256 line in the same file still reads
    note_lines = fold_bytes(f"NOTE:{NOTE}".encode()).count(b"\r\n")
    assert [r.number for r in rows] == [1, 7 + note_lines]  # the BEGIN lines: line numbers kept
    summary = run_import(ImportArgs(path, db=db_path))
    assert summary.added == 2
    conn = sqlite3.connect(db_path)
    try:
        notes = [n for (n,) in conn.execute("SELECT note FROM contacts ORDER BY id")]
    finally:
        conn.close()
    assert notes == [NOTE.strip(), ""]


def test_vcard_21_quoted_printable_soft_break_inside_a_raw_utf8_letter(tmp_path):
    raw = "یادداشت فارسی".encode()
    cut = 5  # inside «ا» (two bytes from 4): the soft break falls between them
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:;Ali;;;\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
            + raw[:cut] + b"=\r\n" + raw[cut:] + b"=20=D8=AE\r\nTEL;CELL:09121234567\r\nEND:VCARD\r\n")
    path = tmp_path / "qp.vcf"
    path.write_bytes(data)
    (row,), _ = read_rows(path)
    assert row.ok, row.errors
    assert row.contact.note == "یادداشت فارسی خ"


# --- 4. no contacts file at all ---------------------------------------------------------------------

def junk(seed: int, size: int = 3000, nul: bool = True) -> bytes:
    data = random.Random(seed).randbytes(size)
    return data if nul else data.replace(b"\x00", b"\x01")


@pytest.mark.parametrize("nul", [True, False])
def test_random_bytes_named_vcf_get_the_same_message_as_named_csv(db_path, tmp_path, nul):
    messages = {}
    for suffix in (".vcf", ".csv"):
        path = tmp_path / f"junk{suffix}"
        path.write_bytes(junk(7, nul=nul))
        done = run_cli("import", "contacts", path, db=db_path)
        assert done.returncode == 2
        assert one_error_line(done) == f"crm-desktop: error: {path}: not a contacts file (vCard, CSV or Excel .xlsx)"
        messages[suffix] = import_error(path, db_path).fa
        assert messages[suffix] == f"پرونده «{path_text(path)}»: {NOT_CONTACTS_FA}"


@pytest.mark.parametrize("head", [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0"])
def test_picture_or_pdf_named_vcf_is_not_a_contacts_file(tmp_path, head):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(head + b"BEGIN:VCARD\r\n" + b"a" * 100)
    with pytest.raises(UnreadableFile) as caught:
        read_rows(path)
    assert caught.value.fa.endswith(NOT_CONTACTS_FA)


def test_text_without_any_begin_vcard_is_not_a_contacts_file(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text("نام,موبایل\nعلی,09121234567\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_rows(path)
    assert caught.value.fa.endswith(NOT_CONTACTS_FA)


def test_utf16_vcard_and_empty_vcard_are_still_what_they_were(db_path, tmp_path):
    path = tmp_path / "utf16.vcf"
    path.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:علی\r\nTEL:09121234567\r\nEND:VCARD\r\n".encode("utf-16"))
    (row,), _ = read_rows(path)
    assert row.ok and row.contact.display_name == "علی"
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    with pytest.raises(NothingToImport) as caught:
        run_import(ImportArgs(empty, db=db_path))
    assert caught.value.fa == "پرونده هیچ مخاطبی ندارد."


def test_stray_text_in_a_vcard_is_quoted_without_control_characters_and_shortened(tmp_path):
    stray = "متن\x06اضافه\x1b[31m\u202eپس از کارت که بسیار بسیار بسیار بسیار طولانی است و ادامه دارد"
    path = tmp_path / "stray.vcf"
    path.write_bytes(("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:علی\r\nTEL:09121234567\r\nEND:VCARD\r\n"
                      f"{stray}\r\n").encode())
    rows, _ = read_rows(path)
    (bad,) = [r for r in rows if not r.ok]
    (reason,) = bad.errors
    shown = reason[reason.index("«") + 1 : reason.index("»")]
    assert shown.startswith(FSI) and shown.endswith(PDI)
    inner = shown[1:-1]
    assert inner.endswith("…") and len(inner) <= 40
    assert inner.startswith("متن اضافه [31m پس از کارت")
    assert not any(ord(ch) < 0x20 or ch in "\u202a\u202b\u202c\u202d\u202e" for ch in inner)
    assert "\x06" not in bad.errors_en[0] and "\x1b" not in bad.errors_en[0]


# --- 5. paths inside Persian messages -----------------------------------------------------------------

def test_a_persian_path_is_isolated_in_the_persian_message(tmp_path):
    folder = tmp_path / "اسناد"
    folder.mkdir()
    path = folder / "contacts 2.csv"
    with pytest.raises(UnreadableFile) as caught:
        read_rows(path)
    # left to right as a whole, the Persian folder name right to left inside it
    assert caught.value.fa == f"پرونده «\u2066{tmp_path}/\u2067اسناد\u2069/contacts 2.csv\u2069»: پیدا نشد."
    assert caught.value.message == f"{path}: no such file"
