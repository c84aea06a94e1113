"""Printing from the cheque book: the chosen paid cheques go onto their leaves with the values
stored on the cheque (never typed again), one leaf per page; the preview and the layout's
warnings show first; after printing the operator is asked whether it came out right and the
print is recorded (reprints too); a received cheque is refused with the reason."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from crm_desktop.cheques.model import Cheque
from crm_desktop.core.digits import to_latin
from crm_desktop.phonebook.model import Contact
from crm_desktop.ui import dialogs
from crm_desktop.core.text import normalise
from tests.pdf_helpers import read_pdf
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2025, 4, 1, 10, 30)


@pytest.fixture
def answers(monkeypatch):
    seen, replies = [], []

    def hook(box: QMessageBox) -> None:
        seen.append(box.text())
        wanted = replies.pop(0) if replies else QMessageBox.YesRole
        for button in box.buttons():
            if box.buttonRole(button) in (wanted, QMessageBox.AcceptRole):
                button.click()
                return

    monkeypatch.setattr(dialogs, "exec_hook", hook)
    return seen, replies


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def cheques(office):
    payee = office.phonebook.add(Contact(first_name="علی", last_name="رضایی"))
    drawer = office.phonebook.add(Contact(first_name="سارا", last_name="احمدی"))
    paid = office.cheques.add(Cheque(direction="paid", sayad_id="2000000000000001", serial="101", bank="mellat",
                                     amount=1_250_000, due_date=date(2024, 10, 6), payee_id=payee,
                                     payee_national_id="0013542419", purpose="خرید کالا"))
    paid2 = office.cheques.add(Cheque(direction="paid", sayad_id="2000000000000002", serial="102", bank="mellat",
                                      amount=3_000_000, due_date=date(2024, 10, 7), payee_id=payee))
    received = office.cheques.add(Cheque(direction="received", sayad_id="1000000000000001", serial="9",
                                         bank="melli", amount=5, due_date=date(2025, 1, 1), drawer_id=drawer))
    return paid, paid2, received


def glyph_lines(page) -> list[str]:
    """Each line's glyphs joined in reading order (right to left), spaces dropped."""
    return [normalise("".join(w.text for w in row)[::-1]).replace(" ", "") for row in page.lines()]


def make(qtbot, office, ids):
    from crm_desktop.cheque_print.views.print_dialog import PrintChequesDialog

    dialog = PrintChequesDialog(office, ids, None, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    return dialog


def test_printing_to_pdf_takes_the_stored_values_and_records_the_print(qtbot, office, cheques, answers, monkeypatch,
                                                                      tmp_path):
    from crm_desktop.cheque_print.views import print_dialog

    seen, _ = answers
    opened = []
    monkeypatch.setattr(print_dialog, "ask_pdf_path", lambda parent, suggested: str(tmp_path / "out"))
    monkeypatch.setattr(print_dialog, "open_file", lambda path: opened.append(path) or True)
    paid, paid2, _ = cheques
    dialog = make(qtbot, office, [paid, paid2])
    dialog.printer.setCurrentIndex(dialog.printer.findData("PDF"))
    assert not dialog.preview.pixmap().isNull()
    result = dialog.print_now()
    assert opened == [tmp_path / "out.pdf"] and result.pages == 2
    first, second = read_pdf(result.path)
    assert any(to_latin(w.text).replace("٬", ",") == "#1,250,000#" for w in first.words)
    assert any(to_latin(w.text).replace("٬", ",") == "#3,000,000#" for w in second.words)
    assert any(to_latin(w.text) == "1403/07/15" for w in first.words)
    assert any("علیرضا" in line for line in glyph_lines(first))  # Qt places Persian glyph by glyph
    assert seen[-1].startswith("آیا چک روی برگ درست چاپ شد؟")
    assert [p[2:] for p in office.cheque_print.prints(paid)] == [("برگ یکسان صیادی", "PDF", True)]

    again = make(qtbot, office, [paid])
    assert again.history.text() == "این چک پیش‌تر ۱ بار چاپ شده است؛ چاپ دوباره هم ثبت می‌شود."


def test_a_leaf_that_came_out_wrong_is_recorded_so(qtbot, office, cheques, answers, monkeypatch, tmp_path):
    from crm_desktop.cheque_print.views import print_dialog

    _, replies = answers
    replies.append(QMessageBox.NoRole)
    monkeypatch.setattr(print_dialog, "ask_pdf_path", lambda parent, suggested: str(tmp_path / "x.pdf"))
    monkeypatch.setattr(print_dialog, "open_file", lambda path: True)
    paid = cheques[0]
    dialog = make(qtbot, office, [paid])
    dialog.printer.setCurrentIndex(dialog.printer.findData("PDF"))
    dialog.print_now()
    assert office.cheque_print.prints(paid)[-1][4] is False


def test_a_received_cheque_is_not_printed(qtbot, office, cheques):
    from crm_desktop.cheque_print.views.print_dialog import PrintChequesDialog
    from crm_desktop.errors import UserError

    with pytest.raises(UserError) as caught:
        PrintChequesDialog(office, [cheques[2]], None)
    assert "فقط چک‌های پرداختی" in caught.value.fa


def test_the_layouts_warnings_show_before_printing(qtbot, office, cheques):
    repo = office.cheque_print
    template = repo.templates()[0]
    template.fields[3].font = "Font That Is Not Here"
    template.fields[0].x = 170  # sticks out of the leaf
    repo.save(template)
    dialog = make(qtbot, office, [cheques[0]])
    text = dialog.warnings.text()
    assert "قلم «Font That Is Not Here» روی این رایانه نیست" in text
    assert "از برگ چک بیرون زده است" in text


def test_the_cheque_tab_prints_the_chosen_paid_cheque(qtbot, office, cheques, answers):
    from crm_desktop.cheques.view import ChequesTab
    from crm_desktop.shell.events import OfficeEvents

    events = OfficeEvents(office)
    tab = ChequesTab(office, events, None, clock=lambda: NOW)
    qtbot.addWidget(tab)
    shown = []

    class Fake:
        def exec(self):
            return 0

    tab.print_dialog_factory = lambda office, ids, parent, clock: shown.append(ids) or Fake()
    tab.select_cheque(cheques[0])
    assert tab.print_leaf_action.isEnabled()
    tab.print_leaf_action.trigger()
    assert shown == [[cheques[0]]]
    tab.select_cheque(cheques[2])
    assert not tab.print_leaf_action.isEnabled()  # a received cheque


def test_the_cheques_history_lists_its_prints(qtbot, office, cheques):
    from crm_desktop.cheques.views.history import ChequeHistory

    paid = cheques[0]
    office.cheque_print.record_print(paid, "برگ یکسان صیادی", "PDF", True)
    history = ChequeHistory(office, paid, clock=lambda: NOW)
    qtbot.addWidget(history)
    assert history.lines()[-1] == "\u2068۱۴۰۴/۰۱/۱۲ ۱۰:۳۰\u2069 — چاپ روی برگ (برگ یکسان صیادی، PDF) — درست چاپ شد"
