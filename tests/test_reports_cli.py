"""``crm-desktop report``: bad input gives one clear line and no file; the phonebook report from a
real database (demo data) when the phonebook repository is there."""


import pytest

from crm_desktop import cli
from crm_desktop.reports import commands
from tests.conftest import run_cli
from tests.pdf_helpers import has_persian, page_count, read_pdf



def error_lines(capsys):
    err = capsys.readouterr().err.strip().splitlines()
    return err


@pytest.fixture
def demo_db(tmp_path):
    from crm_desktop.demo.steps import fill_demo_file

    path = tmp_path / "office.sqlite3"
    fill_demo_file(path, {"contacts": 300}, seed=3)
    return path


def test_report_is_a_registered_command_with_kinds():
    assert "crm_desktop.reports.commands" in cli.COMMAND_MODULES
    assert "crm_desktop.phonebook.report" in commands.REPORT_MODULES
    args = cli.build_parser().parse_args(["report", "phonebook", "--out", "x.pdf", "--group", "مشتریان"])
    assert (args.report_kind, args.out, args.group, args.search, args.contact) == ("phonebook", "x.pdf", "مشتریان", None, None)


def test_a_missing_output_folder_is_one_line_and_no_file(tmp_path, capsys):
    db = tmp_path / "none.sqlite3"
    code = cli.main(["--db", str(db), "report", "phonebook", "--out", str(tmp_path / "no" / "such" / "x.pdf")])
    assert code == 2
    assert error_lines(capsys) == [f"crm-desktop: error: the folder {tmp_path / 'no' / 'such'} does not exist"]
    assert not db.exists()  # checked before the database was even opened
    assert list(tmp_path.iterdir()) == []


def test_an_output_path_that_is_a_folder(tmp_path, capsys):
    assert cli.main(["--db", str(tmp_path / "x.sqlite3"), "report", "phonebook", "--out", str(tmp_path)]) == 2
    assert error_lines(capsys) == [f"crm-desktop: error: {tmp_path} is a folder, not a file"]


def test_a_missing_database_is_not_created(tmp_path, capsys):
    db = tmp_path / "none.sqlite3"
    code = cli.main(["--db", str(db), "report", "phonebook", "--out", str(tmp_path / "x.pdf")])
    assert code != 0
    lines = error_lines(capsys)
    assert len(lines) == 1 and lines[0].startswith("crm-desktop: error:")
    assert list(tmp_path.iterdir()) == []


def test_report_needs_a_kind(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["report"])
    assert exit_.value.code == 2


def test_phonebook_list_from_the_database(demo_db, tmp_path):
    out = tmp_path / "phonebook.pdf"
    result = run_cli("report", "phonebook", "--out", out, db=demo_db)
    assert result.returncode == 0, result.stderr
    assert "report:" in result.stdout and "300 contacts" in result.stdout
    pages = read_pdf(out)
    assert len(pages) == page_count(out) > 5
    assert all(has_persian(p, "دفتر تلفن") for p in pages)
    assert has_persian(pages[0], "همه مخاطبان — ۳۰۰ مخاطب")


def test_phonebook_search_group_and_card_from_the_database(demo_db, tmp_path, capsys):
    from crm_desktop.office import Office
    from crm_desktop.phonebook.repo import Phonebook, SearchQuery

    with Office(demo_db) as office:
        book = Phonebook(office.conn)
        first = book.rows(SearchQuery(), 0, 1)[0]
        group_id = book.add_group("مشتریان نمایشگاه", "#1f6f8b")
        book.add_to_group([first.id], group_id)

    out = tmp_path / "group.pdf"
    assert cli.main(["--db", str(demo_db), "report", "phonebook", "--out", str(out), "--group", "مشتريان نمايشگاه"]) == 0
    assert has_persian(read_pdf(out)[0], "گروه «مشتریان نمایشگاه» — ۱ مخاطب")

    out = tmp_path / "search.pdf"
    name = first.display_name.split()[-1]
    assert cli.main(["--db", str(demo_db), "report", "phonebook", "--out", str(out), "--search", name]) == 0
    with Office(demo_db) as office:  # the report rebuilt the index demo-data had left stale
        found = Phonebook(office.conn).count(SearchQuery(text=name))
    assert found >= 1
    assert has_persian(read_pdf(out)[0], f"جستجوی «{name}»")
    assert has_persian(read_pdf(out)[0], first.display_name)

    out = tmp_path / "card.pdf"
    assert cli.main(["--db", str(demo_db), "report", "phonebook", "--out", str(out), "--contact", str(first.id)]) == 0
    assert has_persian(read_pdf(out)[0], "کارت مخاطب")

    capsys.readouterr()
    assert cli.main(["--db", str(demo_db), "report", "phonebook", "--out", str(tmp_path / "x.pdf"), "--group", "ناموجود"]) == 2
    assert error_lines(capsys)[0].startswith("crm-desktop: error: no group named 'ناموجود'")
    assert not (tmp_path / "x.pdf").exists()


def test_a_report_is_not_written_into_a_file_named_for_something_else(tmp_path):
    """``--out r.txt`` is refused (exit 2) rather than a PDF written into a .txt; the attendance
    report, which also writes XLSX, takes .xlsx too."""
    from tests.conftest import run_cli

    db = tmp_path / "x.sqlite3"
    done = run_cli("report", "phonebook", "--out", tmp_path / "r.txt", db=db)
    assert done.returncode == 2 and f"'{tmp_path / 'r.txt'}' must end in .pdf" in done.stderr
    done = run_cli("report", "attendance", "--out", tmp_path / "r.doc", db=db)
    assert done.returncode == 2 and "must end in .pdf or .xlsx" in done.stderr
    assert list(tmp_path.iterdir()) == []
