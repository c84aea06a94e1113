"""The core, storage and each feature's model/repo never import Qt: the CLI, the benchmarks and
most tests use them without a QApplication, and a shared server backend can reuse them."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "crm_desktop"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# Qt belongs only to the app shell, the shared widgets and the features' view/report files.
QT_ALLOWED_DIRS = {"ui", "shell"}
QT_ALLOWED_FILES = {"app.py"}
QT_ALLOWED_PREFIXES = ("view", "report", "print")


def qt_allowed(path: Path) -> bool:
    relative = path.relative_to(PACKAGE)
    if relative.parts[0] in QT_ALLOWED_DIRS or str(relative) in QT_ALLOWED_FILES:
        return True
    # a feature's view.py / report.py / print*.py, or anything in its views/ folder
    return len(relative.parts) >= 2 and any(part.startswith(QT_ALLOWED_PREFIXES) for part in relative.parts[1:])


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def test_no_qt_outside_ui_shell_views_and_reports():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if qt_allowed(path):
            continue
        for line, module in imported_modules(path):
            if module.split(".")[0] in QT_MODULES:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert offenders == []


def test_the_rule_itself_catches_a_qt_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport os\n", encoding="utf-8")
    assert [m for _, m in imported_modules(sample)] == ["PySide6.QtCore", "os"]
    assert not qt_allowed(PACKAGE / "phonebook" / "repo.py")
    assert qt_allowed(PACKAGE / "phonebook" / "view.py")
    assert qt_allowed(PACKAGE / "phonebook" / "views" / "contact_dialog.py")
    assert not qt_allowed(PACKAGE / "storage" / "db.py")


def test_core_storage_office_and_cli_load_without_qt():
    code = (
        "import sys, crm_desktop.core.text, crm_desktop.core.jalali, crm_desktop.storage.db, "
        "crm_desktop.storage.migrations, crm_desktop.office, crm_desktop.cli\n"
        "crm_desktop.cli.build_parser()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
