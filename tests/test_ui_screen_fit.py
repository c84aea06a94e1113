"""Every big dialog fits a 1024 × 600 netbook screen (ui.screen.fit): a stored cheque opened
1040 px wide with its close button off the screen, the cheque books 1080. On a roomy screen each
keeps the size it asks for. (The cheque layout designer is fitted the same way; its toolbars, its
roomy-screen size and the crash that once kept it unfitted are tested in
test_cheque_print_designer_fit.py.)"""

from datetime import date

import pytest

from crm_desktop.office import Office
from crm_desktop.ui import dialogs, screen
from tests.conftest import run_cli
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fit") / "office.sqlite3"
    done = run_cli("demo-data", "--contacts", "20", "--cheques", "3", "--files", "3", "--reminders", "0",
                   "--attendance-months", "1", db=path)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def office(demo_db, monkeypatch):
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)
    with Office(demo_db) as opened:
        yield opened


def first(office, sql):
    return office.conn.execute(sql).fetchone()[0]


def windows(office):
    from crm_desktop.attendance.views.day_dialog import DayDialog
    from crm_desktop.cheques.views.books_dialog import BooksDialog
    from crm_desktop.cheques.views.cheque_dialog import ChequeDialog
    from crm_desktop.files.views.file_dialog import FileDialog
    from crm_desktop.phonebook.views.import_wizard import ImportWizard
    from crm_desktop.reminders.views.holidays_dialog import HolidaysDialog

    return {
        "stored cheque": lambda: ChequeDialog(office, first(office, "SELECT min(id) FROM cheques")),
        "cheque books": lambda: BooksDialog(office),
        "holidays": lambda: HolidaysDialog(office),
        "import wizard": lambda: ImportWizard(office),
        "attendance day": lambda: DayDialog(office, first(office, "SELECT min(id) FROM files"), date(2025, 6, 1)),
        "stored file": lambda: FileDialog(office, file_id=first(office, "SELECT min(id) FROM files")),
    }


@pytest.mark.parametrize("name", ["stored cheque", "cheque books", "holidays", "import wizard", "attendance day",
                                  "stored file"])
def test_a_big_window_fits_a_small_screen(qtbot, office, monkeypatch, name):
    monkeypatch.setattr(screen, "available_width", lambda parent: 1024)
    monkeypatch.setattr(screen, "available_height", lambda parent: 600)
    window = windows(office)[name]()
    qtbot.addWidget(window)
    assert window.width() <= 1024 - screen.FRAME_ROOM and window.height() <= 600 - screen.TITLE_BAR_ROOM, (
        name, window.width(), window.height())



def test_on_a_roomy_screen_a_dialog_keeps_its_size(qtbot, office, monkeypatch):
    monkeypatch.setattr(screen, "available_width", lambda parent: 1920)
    monkeypatch.setattr(screen, "available_height", lambda parent: 1040)
    window = windows(office)["cheque books"]()
    qtbot.addWidget(window)
    assert (window.width(), window.height()) == (1080, 560)
