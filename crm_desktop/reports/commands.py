"""``crm-desktop report KIND --out FILE.pdf [...]``: print a report to a PDF file.

Each feature adds its report kinds by naming its report module in ``REPORT_MODULES`` (one line);
the module defines ``register_report(kinds)``, which adds one parser per kind to ``kinds`` (an
argparse sub-parsers object) — use ``add_report_parser`` for the common options — and sets
``func(args) -> int``. ``open_office(args)`` opens the database named by ``--db`` read-write
(reports only read; the app may be running). Errors are UserErrors: one clear line, non-zero
exit, and no half-written output file (``ReportWriter`` writes to a temporary file).
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from crm_desktop.cli import db_path

REPORT_MODULES = [
    "crm_desktop.phonebook.report",
    "crm_desktop.reminders.report",
    "crm_desktop.cheques.report",
    "crm_desktop.files.report",
    "crm_desktop.attendance.report",
]


def register(sub) -> None:
    report = sub.add_parser(
        "report",
        help="print a report to a PDF file",
        description="Print a report (Persian, right to left, A4) to a PDF file.",
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    for name in REPORT_MODULES:
        importlib.import_module(name).register_report(kinds)


def add_report_parser(kinds, name: str, help: str, description: str | None = None,
                      suffixes: tuple[str, ...] = (".pdf",)) -> argparse.ArgumentParser:
    """A parser for one report kind with the options every report has (--out, --landscape).
    ``--out`` must end in one of ``suffixes`` (none: the command checks it): a PDF is never
    written into «report.txt»."""
    parser = kinds.add_parser(name, help=help, description=description or help)
    parser.add_argument("--out", required=True, metavar="FILE.pdf", type=_output_file(suffixes) if suffixes else str,
                        help="the PDF file to write (replaced if it exists)")
    parser.add_argument("--landscape", action="store_true", help="A4 landscape instead of portrait")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    return parser


def _output_file(suffixes: tuple[str, ...]):
    def checked(text: str) -> str:
        if not text.lower().endswith(suffixes) and not Path(text).is_dir():  # a folder: said later, plainly
            raise argparse.ArgumentTypeError(f"{text!r} must end in {' or '.join(suffixes)}")
        return text

    checked.__name__ = "output file"  # what argparse names in its error
    return checked


def open_office(args):
    """The database of ``--db`` (it must exist: a report never creates a database)."""
    from crm_desktop.office import Office
    from crm_desktop.storage.db import ensure_ours

    path = db_path(args)
    ensure_ours(path)  # a clear error for a missing file or one that is not ours
    return Office(path)
