"""What the command line's exports and reports write to, as real processes: never the database
itself, never a read-only file, one error line for a name too long; text that is not readable,
a search too long for SQLite, and contacts another program inserted."""

import os
import stat

import pytest

from crm_desktop.core.text import sort_key
from crm_desktop.phonebook.model import Contact, Phone
from crm_desktop.phonebook.repo import Phonebook, SearchQuery
from crm_desktop.storage.db import open_database, transaction
from tests.conftest import run_cli


@pytest.fixture
def filled(db_path):
    conn = open_database(db_path)
    book = Phonebook(conn)
    staff = book.add_group("آزمون، ویژه")
    book.add(Contact(first_name="علی", last_name="یزدانی", phones=[Phone("09121234567")], group_ids=[staff]))
    book.add(Contact(first_name="مریم", last_name="بهرامی", phones=[Phone("09127654321")]))
    book.add(Contact(first_name="John", last_name="Smith", organisation="ACME Ltd."))
    conn.close()
    return db_path


def still_a_sound_database(path, expected: int = 3) -> None:
    """The database opens, checks clean and finds its contacts as before."""
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    done = run_cli("check", db=path)
    assert done.returncode == 0, done.stderr
    found = run_cli("search", "", db=path)
    assert found.returncode == 0 and len(found.stdout.splitlines()) == expected, found.stderr


def one_error_line(done, code: int = 2) -> str:
    assert done.returncode == code, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crm-desktop: error: "), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


# --- the database is never an output -------------------------------------------------------------

@pytest.mark.parametrize("side", ["", "-wal", "-shm"])
def test_export_contacts_refuses_to_write_over_the_database_or_its_side_files(filled, side):
    conn = open_database(filled)  # an open connection keeps the -wal / -shm in place
    try:
        target = f"{filled}{side}"
        before = os.path.getsize(filled)
        line = one_error_line(run_cli("export", "contacts", "--out", target, "--format", "csv", db=filled))
        assert "database" in line and "never overwritten" in line
        assert os.path.getsize(filled) == before
    finally:
        conn.close()
    still_a_sound_database(filled)


def test_export_contacts_refuses_the_database_under_another_name(filled, tmp_path):
    link = tmp_path / "contacts.csv"
    link.symlink_to(filled)
    line = one_error_line(run_cli("export", "contacts", "--out", link, db=filled))
    assert "is the database itself" in line
    still_a_sound_database(filled)


def test_export_cheques_and_the_phonebook_report_refuse_the_database(filled, tmp_path):
    named_pdf = tmp_path / "office.pdf"
    named_pdf.write_bytes(filled.read_bytes())
    one_error_line(run_cli("export", "cheques", "--out", filled, "--format", "csv", db=filled))
    line = one_error_line(run_cli("report", "phonebook", "--out", named_pdf, db=named_pdf))
    assert "is the database itself" in line
    still_a_sound_database(filled)
    still_a_sound_database(named_pdf)


def test_another_sqlite_file_is_never_overwritten_either(filled, tmp_path):
    other = tmp_path / "backup.csv"
    other.write_bytes(filled.read_bytes())
    line = one_error_line(run_cli("export", "contacts", "--out", other, db=filled))
    assert "is a database file" in line
    assert other.read_bytes() == filled.read_bytes()


def test_the_app_gets_the_refusal_in_persian(filled):
    from crm_desktop.office import Office
    from crm_desktop.phonebook.exporter import export_contacts
    from crm_desktop.reports.output import OutputError

    with Office(filled) as office:
        with pytest.raises(OutputError) as caught:
            export_contacts(office, None, filled, "csv")
    assert "پایگاه داده" in caught.value.fa and "رونویسی نمی‌شود" in caught.value.fa
    still_a_sound_database(filled)


# --- one check for every output --------------------------------------------------------------------

def test_export_refuses_a_read_only_file_as_the_report_does(filled, tmp_path):
    for name, command in (("contacts.csv", ("export", "contacts")), ("list.pdf", ("report", "phonebook"))):
        target = tmp_path / name
        target.write_text("kept")
        target.chmod(0o444)
        line = one_error_line(run_cli(*command, "--out", target, db=filled))
        assert line.endswith(f"{target} is read-only")
        assert target.read_text() == "kept" and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_export_expands_the_home_folder_as_the_report_does(filled, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    done = run_cli("export", "contacts", "--out", "~/contacts.csv", db=filled, env={"HOME": str(home)})
    assert done.returncode == 0, done.stderr
    assert (home / "contacts.csv").read_text(encoding="utf-8-sig").count("\n") == 4
    assert done.stdout.startswith("exported 3 contacts to ")
    one = run_cli("export", "contacts", "--search", "مریم", "--out", tmp_path / "one.csv", db=filled)
    assert one.stdout.startswith("exported 1 contact to "), one.stdout  # not «1 contacts»


def test_a_file_name_too_long_is_one_error_line(filled, tmp_path):
    (tmp_path / "pdf").mkdir()
    line = one_error_line(run_cli("report", "phonebook", "--out", tmp_path / "pdf" / ("a" * 300 + ".pdf"), db=filled))
    assert "file name is too long" in line
    line = one_error_line(run_cli("export", "contacts", "--out", tmp_path / ("ب" * 130 + ".csv"), db=filled))
    assert "file name is too long" in line
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == []


def test_a_long_legal_name_is_written_through_a_short_temporary_name(filled, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    name = "ب" * 124 + ".csv"  # 252 bytes: legal, but «.NAME.part» would not be
    done = run_cli("export", "contacts", "--out", out / name, db=filled)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] == [name]
    assert "John" in (out / name).read_text(encoding="utf-8-sig")



def test_the_cheque_export_writes_a_long_name_through_a_short_temporary_name_too(tmp_path):
    """The cheque book's export (and the attendance sheet) wrote «.NAME.part» and failed with a
    traceback on a legal 252-byte name; one helper (reports.output.replaced_at_the_end) now
    writes every export."""
    db = tmp_path / "office.sqlite3"
    assert run_cli("demo-data", "--contacts", "5", "--cheques", "3", "--reminders", "0", "--files", "0",
                   "--attendance-months", "0", db=db).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    name = "ب" * 124 + ".xlsx"
    done = run_cli("export", "cheques", "--out", out / name, db=db)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] == [name]

# --- contacts another program inserted -------------------------------------------------------------

def insert_behind_the_index(path, names) -> None:
    """Rows written straight into the contacts table, as another program (or an old import) does."""
    conn = open_database(path)
    with transaction(conn):
        for name in names:
            conn.execute("INSERT INTO contacts (first_name, display_name, sort_key, created_at, updated_at) "
                         "VALUES (?, ?, ?, 'x', 'x')", (name, name, sort_key(name)))
    assert Phonebook(conn).search_index_is_stale()
    conn.close()


def test_export_search_finds_what_search_finds_when_the_index_is_stale(filled, tmp_path):
    insert_behind_the_index(filled, ["رضا یکم", "رضا دوم"])
    out = tmp_path / "found.csv"
    done = run_cli("export", "contacts", "--search", "رضا", "--out", out, db=filled)
    assert done.returncode == 0, done.stderr
    assert "bringing the search index up to date" in done.stderr
    assert done.stdout.startswith("exported 2 contacts to ")
    text = out.read_text(encoding="utf-8-sig")
    assert "رضا یکم" in text and "رضا دوم" in text
    found = run_cli("search", "رضا", db=filled)
    assert len(found.stdout.splitlines()) == 2  # the same two as the search
    conn = open_database(filled)
    assert not Phonebook(conn).search_index_is_stale() and Phonebook(conn).count(SearchQuery("رضا")) == 2
    conn.close()


def test_export_of_a_group_and_the_report_of_a_group_index_first_too(filled, tmp_path):
    insert_behind_the_index(filled, ["رضا سوم"])
    done = run_cli("export", "contacts", "--group", "آزمون، ویژه", "--out", tmp_path / "g.csv", db=filled)
    assert done.returncode == 0 and "bringing the search index up to date" in done.stderr, done.stderr
    assert done.stdout.startswith("exported 1 contact to ")
    insert_behind_the_index(filled, ["رضا چهارم"])
    done = run_cli("report", "phonebook", "--search", "رضا", "--out", tmp_path / "r.pdf", db=filled)
    assert done.returncode == 0, done.stderr
    assert "bringing the search index up to date" in done.stderr and ", 2 contacts in" in done.stdout


# --- text that is not readable ---------------------------------------------------------------------

@pytest.mark.parametrize("args, named", [
    (("search", "\udcff"), "QUERY"),  # b"\xff" on the command line
    (("search", "\udce1\udcec\udcdd"), "QUERY"),  # «علی» typed in cp1256
    (("export", "contacts", "--out", "{tmp}/x.csv", "--search", "\udcff"), "--search"),
    (("report", "phonebook", "--out", "{tmp}/x.pdf", "--search", "\udcff"), "--search"),
    (("export", "contacts", "--out", "{tmp}/x.csv", "--group=\udcff"), "--group"),
])
def test_a_query_that_is_not_utf8_is_refused_not_read_as_everyone(filled, tmp_path, args, named):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    line = one_error_line(run_cli(*args, db=filled))
    assert line == (f"crm-desktop: error: {named}: the text is not readable (it is not UTF-8); "
                    "set the terminal to UTF-8 and type it again")
    assert not list(tmp_path.glob("x.*"))


def test_a_file_name_that_is_not_utf8_is_still_a_file_name(filled, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = os.fsencode(tmp_path) + b"/\xff.csv"
    done = subprocess.run([sys.executable, "-m", "crm_desktop", "--db", str(filled), "export", "contacts", "--out", out],
                          capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    assert b"\xff.csv" in os.listdir(os.fsencode(tmp_path))
    assert done.stdout.startswith(b"exported 3 contacts to " + out + b" (csv)")  # the name as it was given


def test_an_empty_db_option_is_refused_not_the_default_database(tmp_path):
    for args in (("search", "علی"), ("export", "contacts", "--out", tmp_path / "x.csv")):
        done = run_cli("--db", "", *args)
        assert one_error_line(done) == ("crm-desktop: error: --db is empty: give the database file "
                                        "(or leave --db out for the default one)")
        assert done.stdout == ""


# --- a search too long for SQLite ------------------------------------------------------------------

LONG_NUMBERS = "علی " + " ".join(str(n) for n in range(1000))  # «Expression tree is too large» in SQLite


def test_a_very_long_search_is_not_called_a_damaged_database(filled, tmp_path):
    done = run_cli("search", LONG_NUMBERS, db=filled)
    assert done.returncode == 0, done.stderr
    assert "damaged" not in done.stderr and done.stderr.strip() == "crm-desktop: no contact matches"
    found = run_cli("search", "یزدانی " + "علی " * 1000, db=filled)  # its first words are the search
    assert found.returncode == 0 and found.stdout.splitlines() == ["علی یزدانی\t\t0912 123 4567"], found.stderr
    for args in (("export", "contacts", "--out", tmp_path / "x.csv"), ("report", "phonebook", "--out", tmp_path / "x.pdf")):
        done = run_cli(*args, "--search", LONG_NUMBERS, db=filled)
        assert done.returncode == 0 and "damaged" not in done.stderr, done.stderr
    still_a_sound_database(filled)


def test_the_phonebook_tab_shows_a_very_long_search_as_any_other(filled, qtbot, monkeypatch):
    from crm_desktop.office import Office
    from crm_desktop.phonebook.view import PhonebookTab
    from crm_desktop.shell.events import OfficeEvents
    from crm_desktop.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: shown.append(box.text()) or box.done(0))
    with Office(filled) as office:
        events = OfficeEvents(office)
        tab = PhonebookTab(office, events, None)
        qtbot.addWidget(tab)
        tab.show()
        tab.search.set_query("یزدانی " + "علی " * 1000)
        tab.search.flush()
        column = tab.model.column_index("name")
        assert [tab.model.data(tab.model.index(r, column)) for r in range(tab.model.rowCount())] == ["علی یزدانی"]
        assert tab.count_label.text() == "۱ مخاطب"
        tab.search.set_query(LONG_NUMBERS)
        tab.search.flush()
        assert tab.model.rowCount() == 0 and "آسیب" not in tab.count_label.text()
        assert tab.count_label.text().startswith("مخاطبی با «") and tab.count_label.text().endswith("» پیدا نشد.")
        assert shown == []  # no message box, least of all «the database is damaged»
        tab.hide()  # nothing repaints from the closed database after this


# --- a group named as the search reads it ------------------------------------------------------------

@pytest.mark.parametrize("typed", ["ازمون، ويژه", "آزمون, ویژه", "آزمون ،ویژه"])
def test_a_group_is_found_as_the_search_line_would_read_its_name(filled, tmp_path, typed):
    done = run_cli("export", "contacts", "--group", typed, "--out", tmp_path / "g.csv", db=filled)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exported 1 contact to ")
    found = run_cli("search", "--group", typed, db=filled)
    assert found.stdout.splitlines() == ["علی یزدانی\t\t0912 123 4567"], found.stderr


def test_a_group_name_two_groups_could_mean_is_refused_listing_each_name_quoted(filled, tmp_path):
    conn = open_database(filled)
    Phonebook(conn).add_group("آزمون, ویژه")  # a Latin comma: apart from «آزمون، ویژه» only by it
    conn.close()
    line = one_error_line(run_cli("search", "--group", "ازمون، ویژه", db=filled))
    assert line == ("crm-desktop: error: no group named 'ازمون، ویژه' (groups: 'آزمون, ویژه', 'آزمون، ویژه')")
    exact = run_cli("search", "--group", "آزمون, ویژه", db=filled)  # the exact name still picks its group
    assert exact.returncode == 0 and exact.stdout == "" and "no contact matches" in exact.stderr


def test_the_old_files_bytes_never_choose_the_format_written_over_it(filled, tmp_path):
    """«contacts.csv» that once held a workbook (or a pipe that would never end) is written as
    CSV from its name: its old bytes were read to guess the format."""
    old = tmp_path / "contacts.csv"
    old.write_bytes(b"PK\x03\x04 an old workbook renamed .csv")
    done = run_cli("export", "contacts", "--out", old, db=filled)
    assert done.returncode == 0 and "(csv)" in done.stdout, done.stderr
    assert old.read_text(encoding="utf-8-sig").startswith('"نوع"')
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    done = run_cli("export", "contacts", "--out", pipe, db=filled, timeout=30)
    assert done.returncode == 0, done.stderr
