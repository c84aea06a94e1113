"""Import files that are damaged or are no contacts file at all, as the operator meets them: the
CLI's exit code and English line, and the Persian message the import wizard shows (the
UnreadableFile that ``run_import`` / ``read_rows`` raise). Nothing is ever half-imported."""

import csv
import random
import sqlite3

import pytest

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


# --- 5. paths inside Persian messages -----------------------------------------------------------------

def test_a_persian_path_is_isolated_in_the_persian_message(tmp_path):
    folder = tmp_path / "اسناد"
    folder.mkdir()
    path = folder / "contacts 2.csv"
    with pytest.raises(UnreadableFile) as caught:
        read_rows(path)
    assert caught.value.fa == f"پرونده «{FSI}{path}{PDI}»: پیدا نشد."
    assert caught.value.message == f"{path}: no such file"
