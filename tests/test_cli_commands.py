"""The command line loads only the modules of the command it runs (start-up time of every CLI
command), and still knows every command for help and errors."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop import cli

ROOT = Path(__file__).resolve().parent.parent


def test_each_module_adds_exactly_the_commands_it_is_listed_with():
    for name, commands in cli.COMMAND_MODULES.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(name).register(sub)
        assert sorted(sub.choices) == sorted(commands), name


@pytest.mark.parametrize("argv, command", [
    (["--db", "x.sqlite3", "import", "contacts", "f.csv"], "import"),
    (["--db=x.sqlite3", "search", "علی"], "search"),
    (["report", "phonebook", "--out", "a.pdf"], "report"),
    (["--db", "import", "search", "q"], "search"),  # a database file may be called anything
    (["--help"], None),
    (["--version"], None),
    ([], None),
])
def test_the_command_is_found_after_the_global_options(argv, command):
    assert cli.command_of(argv) == command


def test_a_shared_command_gets_every_feature_that_adds_to_it():
    parser = cli.build_parser("export")
    args = parser.parse_args(["export", "reminders", "--format", "ics", "--out", "r.ics"])
    assert args.what == "reminders"
    export = parser._subparsers._group_actions[0].choices["export"]  # noqa: SLF001
    assert {"contacts", "reminders", "cheques"} <= set(export.what_parsers.choices)


def test_an_unknown_command_is_refused_with_every_command_named(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--db", "x.sqlite3", "imprt", "contacts", "f.csv"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'imprt'" in error
    for command in ("import", "report", "cheques", "attendance", "demo-data"):
        assert f"'{command}'" in error


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for commands in cli.COMMAND_MODULES.values():
        for command in commands:
            assert command in out


def modules_loaded_parsing(argv: list[str]) -> list[str]:
    """The modules a fresh process has loaded after parsing ``argv`` as ``main`` does: Qt, the
    PDF stack, and crm_desktop's demo, reports and command modules."""
    code = (
        "import sys\n"
        "from crm_desktop import cli\n"
        f"args = cli.build_parser(cli.command_of({argv!r})).parse_args({argv!r})\n"
        "assert args.func is not None\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'arabic_reshaper', 'PySide6')"
        " or m.startswith(('crm_desktop.demo', 'crm_desktop.reports')) or m.endswith('commands'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_importing_contacts_does_not_load_the_pdf_reports_or_the_demo():
    assert modules_loaded_parsing(["import", "contacts", "f.csv"]) == ["crm_desktop.phonebook.io_commands"]


def test_gui_help_loads_no_command_module(capsys):
    assert cli.command_of(["gui", "--help"]) == "gui"
    assert modules_loaded_parsing(["gui"]) == []  # what «gui --help» builds, short of printing it
    with pytest.raises(SystemExit):
        cli.main(["gui", "--help"])
    assert "--minimized" in capsys.readouterr().out
