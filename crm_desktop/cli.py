"""The command line: ``crm-desktop [--db PATH] [gui|check|backup|restore|demo-data|...]``.

Each group of commands lives next to what it works on and registers itself here through
``COMMAND_MODULES`` (``register(subparsers)`` adds parsers whose ``func(args)`` returns an exit
code), which also names the commands each module adds. Only the modules of the command being run
are imported (all of them for ``--help`` or an unknown command), never any for the GUI's own
start: ``import contacts`` does not load the PDF reports' fonts. Every error is one clear line on
stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from crm_desktop import __version__
from crm_desktop.errors import UserError

# module -> the top-level commands its register() adds (tests check the two agree)
COMMAND_MODULES = {
    "crm_desktop.storage.commands": ("check", "backup", "restore"),
    "crm_desktop.demo.commands": ("demo-data",),
    "crm_desktop.reports.commands": ("report",),
    "crm_desktop.phonebook.io_commands": ("import", "export"),
    "crm_desktop.phonebook.commands": ("search",),
    "crm_desktop.reminders.commands": ("reminders", "export"),
    "crm_desktop.cheques.commands": ("cheques", "export"),
    "crm_desktop.files.commands": ("files",),
    "crm_desktop.cheque_print.print_commands": ("print-cheque", "templates"),
    "crm_desktop.attendance.commands": ("attendance",),
}


def db_path(args) -> Path:
    from crm_desktop.preferences import configured_db_path

    if args.db is None:
        return configured_db_path()
    if not str(args.db).strip():  # «--db ""» (an unset variable in a script) is no default database
        raise UserError("--db is empty: give the database file (or leave --db out for the default one)",
                        "نام پرونده پایگاه داده خالی است.")
    return Path(args.db)


# Arguments that name files: any bytes the file system holds are fine there (surrogate escapes
# give them back as they were). Every other argument is text that is searched or stored.
PATH_ARGUMENTS = frozenset({"db", "out", "file", "device_map", "to"})


def refuse_unreadable_text(args, argv: list[str]) -> None:
    """A text argument that is not valid UTF-8 (cp1256 bytes typed in a legacy terminal) reaches
    Python as lone surrogates: searched it matched everyone or crashed; stored it would fail.
    One clear error instead."""
    for dest, value in vars(args).items():
        values = value if isinstance(value, (list, tuple)) else [value]
        if dest in PATH_ARGUMENTS or not any(isinstance(v, str) and _has_surrogates(v) for v in values):
            continue
        option = "--" + dest.replace("_", "-")
        named = any(a == option or a.startswith(option + "=") for a in argv)
        raise UserError(f"{option if named else dest.upper()}: the text is not readable (it is not UTF-8); "
                        "set the terminal to UTF-8 and type it again",
                        "متن داده‌شده خوانا نیست (UTF-8 نیست)؛ آن را دوباره بنویسید.")


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def say_indexing() -> None:
    """Why a search, an export or a report takes a moment: contacts another program inserted
    are being indexed first (``Phonebook.index_if_stale``)."""
    print("crm-desktop: bringing the search index up to date…", file=sys.stderr, flush=True)


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (and exit 2) like every other error;
    ``crm-desktop COMMAND --help`` still shows the usage."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


SHARED_COMMANDS = {
    "import": ("import data from a file (crm-desktop import --help lists what)",
               "Import data from a file; WHAT says what the file holds."),
    "export": ("export data to a file (crm-desktop export --help lists what)",
               "Export data to a file; WHAT says what to export."),
}


def what_parsers(sub, command: str):
    """The ``WHAT`` sub-parsers of a command several features share (``import``, ``export``):
    created by the first feature that asks, returned as they are to the next ones, so that
    ``export contacts`` and ``export reminders`` live under one ``export``."""
    parser = sub.choices.get(command)
    if parser is None:
        help, description = SHARED_COMMANDS[command]
        parser = sub.add_parser(command, help=help, description=description)
        parser.what_parsers = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    return parser.what_parsers


def terminal_progress():
    """A ``progress(done, total, text="")`` callback printing percentages on stderr when it is a
    terminal (a million contacts or a long report take a while); None otherwise."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def progress(done, total, text=""):
        percent = int(100 * done / total) if total else 100
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r{percent:3d}%", end="", file=sys.stderr, flush=True)
        return True

    return progress


def clear_progress(progress) -> None:
    """Wipe the percentage line before the command prints its result."""
    if progress is not None:
        print("\r    \r", end="", file=sys.stderr, flush=True)


def command_of(argv: list[str]) -> str | None:
    """The command ``argv`` runs (``import`` in ``--db X import contacts F``), or None when it
    names none before ``--help`` / ``--version`` or starts with an unknown option."""
    rest = iter(argv)
    for arg in rest:
        if arg == "--db":
            next(rest, None)
        elif arg.startswith("--db="):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``command``) just the parsers of the modules that add that
    command; an unknown or missing one gets them all, so help and errors list every command."""
    parser = OneLineParser(
        prog="crm-desktop",
        description="crm_desktop: a Persian desktop CRM on one local SQLite file.",
    )
    parser.add_argument("--db", metavar="PATH", help="database file (default: crm.sqlite3 in the user's data folder)")
    parser.add_argument("--version", action="version", version=f"crm-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="start the app (the default)")
    gui.add_argument("--minimized", action="store_true", help="start in the tray (used at log-on)")
    gui.set_defaults(func=run_gui)
    modules = [name for name, commands in COMMAND_MODULES.items() if command in commands]
    if not modules and command != "gui":  # gui is built in; anything else unknown: every command
        modules = list(COMMAND_MODULES)
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def _no_display() -> bool:
    """On Linux without X11 or Wayland (and no QT_QPA_PLATFORM), Qt would abort the process."""
    import os

    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args) -> int:
    from crm_desktop.app import run

    if _no_display():
        raise UserError("no display to show the window on (set DISPLAY, or use the other commands)",
                        "صفحه نمایشی برای نشان دادن پنجره پیدا نشد.")
    return run(db_path(args), argv=[sys.argv[0]], minimized=getattr(args, "minimized", False))


def _fast_gui_args(argv: list[str]):
    """``crm-desktop``, ``crm-desktop gui`` and ``--db PATH [gui]`` start the app without
    importing every command module (start-up time matters)."""
    rest = list(argv)
    db = None
    if len(rest) >= 2 and rest[0] == "--db":
        db, rest = rest[1], rest[2:]
    elif rest and rest[0].startswith("--db="):
        db, rest = rest[0][5:], rest[1:]
    if rest in ([], ["gui"], ["gui", "--minimized"]):
        return argparse.Namespace(db=db, command="gui", func=run_gui, minimized="--minimized" in rest)
    return None


def _print_file_names_as_given() -> None:
    """A file name that is not UTF-8 (it reached us surrogate-escaped) is printed back as the
    bytes it was, not as a traceback after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            try:
                reconfigure(errors="surrogateescape")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _print_file_names_as_given()
    args = _fast_gui_args(argv)
    if args is None:
        parser = build_parser(command_of(argv))
        args = parser.parse_args(argv)
        if args.command is None:
            args.func = run_gui
    try:
        refuse_unreadable_text(args, argv)
        return int(args.func(args) or 0)
    except UserError as error:
        print(f"crm-desktop: error: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("crm-desktop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(sys.argv[1:] or [])
