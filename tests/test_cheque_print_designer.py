"""The layout designer as the operator meets it, on a real database: a field dragged N mm with the
mouse at the canvas's zoom lands N mm further in the template and in the PDF printed afterwards;
the arrow keys nudge 0.5 mm (Shift: 5 mm); a handle resizes; undo and redo put it back; an edit
in the properties pane changes the template; a field dragged off the leaf is flagged; templates
are made, copied, renamed, deleted (never the last), exported and imported (a malformed file is
refused in Persian and changes nothing); unsaved changes are asked about; the printer's
calibration is saved and moves the test page."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontDatabase, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from crm_desktop.cheque_print.print_pdf import write_pdf
from crm_desktop.cheque_print.values import ChequeValues
from crm_desktop.cheque_print.views import calibration_dialog, properties, template_actions
from crm_desktop.core.digits import to_latin
from crm_desktop.ui import dialogs
from tests.pdf_helpers import read_pdf
from tests.ui_helpers import answer_name_prompt, persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")
NOW = datetime(2025, 4, 1, 10, 30)
PT_PER_MM = 72 / 25.4
AMOUNT = 6  # the built-in leaf's amount-in-digits box: x 12, y 55, w 46, h 8
AMOUNT_WORDS = 2  # x 40, y 26, w 126, h 7, a second line at (14, 33, 152)


@pytest.fixture
def answers(monkeypatch):
    """Message boxes seen; each is answered with the button whose objectName is first in
    ``answers.buttons`` (default: yes / ok)."""

    class Answers(list):
        buttons = ["dialog.yes", "dialog.ok"]

    seen = Answers()

    def hook(box: QMessageBox) -> None:
        seen.append(box.text())
        by_name = {b.objectName(): b for b in box.buttons()}
        for name in seen.buttons:
            if name in by_name:
                by_name[name].click()
                return
        raise AssertionError(f"no button {seen.buttons} in {box.text()!r}")

    monkeypatch.setattr(dialogs, "exec_hook", hook)
    return seen


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def designer(qtbot, office, answers):
    from crm_desktop.cheque_print.views.designer import DesignerWindow

    window = DesignerWindow(office)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.undo.setClean()
    yield window
    if shiboken6.isValid(window):  # a test may have closed it (it deletes itself on closing)
        window.undo.setClean()
        window.close()


def px(canvas, x: float, y: float) -> QPoint:
    return canvas.to_px(x, y).toPoint()


def drag_mouse(canvas, start: QPoint, dx_mm: float, dy_mm: float, steps: int = 4) -> None:
    """Press at ``start``, move by (dx, dy) mm at the canvas's zoom in a few steps, release."""
    k = canvas.k
    QTest.mousePress(canvas, Qt.LeftButton, Qt.NoModifier, start)
    for step in range(1, steps + 1):
        QTest.mouseMove(canvas, start + QPoint(round(dx_mm * k * step / steps), round(dy_mm * k * step / steps)))
    end = start + QPoint(round(dx_mm * k), round(dy_mm * k))
    QTest.mouseRelease(canvas, Qt.LeftButton, Qt.NoModifier, end)


def field(designer, index: int):
    return designer.template.fields[index]


def digits_word(path):
    [page] = read_pdf(path)
    [word] = [w for w in page.words if "#" in w.text]
    return word


def mm(points: float) -> float:
    return points / PT_PER_MM


def test_the_leaf_is_drawn_left_to_right_between_rulers_with_the_builtin_fields(designer):
    canvas = designer.canvas
    assert canvas.layoutDirection() == Qt.LeftToRight
    assert designer.layoutDirection() == Qt.RightToLeft and designer.properties.layoutDirection() == Qt.RightToLeft
    assert designer.templates.currentText() == "برگ یکسان صیادی"
    assert len(designer.template.fields) == 7
    # the leaf's left edge is left of its right edge, and the rulers' zero is the leaf's corner
    assert canvas.to_px(0, 0).x() < canvas.to_px(175, 0).x()
    top, side = designer.view.top, designer.view.side
    assert abs(top.zero() - top.mapFrom(designer, canvas.mapTo(designer, canvas.to_px(0, 0).toPoint())).x()) <= 1
    assert abs(side.zero() - side.mapFrom(designer, canvas.mapTo(designer, canvas.to_px(0, 0).toPoint())).y()) <= 1
    assert designer.warning_texts() == ["هشداری نیست: همه فیلدها درون برگ‌اند و در جای خود جا می‌شوند."]


def test_dragging_a_field_n_mm_moves_it_n_mm_in_the_template_and_in_the_pdf(designer, office, tmp_path):
    canvas = designer.canvas
    before = write_pdf(tmp_path / "before.pdf", designer.template, [ChequeValues.sample()])
    f = field(designer, AMOUNT)
    assert (f.x, f.y) == (12, 55)
    drag_mouse(canvas, px(canvas, f.x + 20, f.y + 4), 10, 5)
    moved = field(designer, AMOUNT)
    assert (moved.x, moved.y, moved.w, moved.h) == (22, 60, 46, 8)
    assert canvas.selected == AMOUNT
    assert designer.is_dirty() and designer.windowTitle().endswith("*")
    designer.save_action.trigger()
    assert not designer.is_dirty()
    stored = office.cheque_print.get(designer.template.id)
    assert (stored.fields[AMOUNT].x, stored.fields[AMOUNT].y) == (22, 60)
    after = write_pdf(tmp_path / "after.pdf", stored, [ChequeValues.sample()])
    a, b = digits_word(before.path), digits_word(after.path)
    assert to_latin(b.text).replace("٬", ",") == "#1,250,000#"
    assert mm(b.x0 - a.x0) == pytest.approx(10, abs=0.05) and mm(b.x1 - a.x1) == pytest.approx(10, abs=0.05)
    assert mm(b.y0 - a.y0) == pytest.approx(5, abs=0.05)


def test_a_drag_snaps_to_the_half_mm_grid_unless_snapping_is_off(designer):
    canvas = designer.canvas
    f = field(designer, AMOUNT)
    drag_mouse(canvas, px(canvas, f.x + 20, f.y + 4), 3.3, 0)
    assert field(designer, AMOUNT).x == 15.5
    designer.snap_action.setChecked(False)
    f = field(designer, AMOUNT)
    drag_mouse(canvas, px(canvas, f.x + 20, f.y + 4), 3.3, 0)
    assert field(designer, AMOUNT).x == pytest.approx(18.8, abs=0.1 + 1 / canvas.k)
    assert round(field(designer, AMOUNT).x, 1) == field(designer, AMOUNT).x  # 0.1 mm, like the pane


def test_a_click_without_a_drag_selects_and_changes_nothing(designer):
    canvas = designer.canvas
    QTest.mouseClick(canvas, Qt.LeftButton, Qt.NoModifier, px(canvas, 30, 58))
    assert canvas.selected == AMOUNT and designer.undo.count() == 0
    assert designer.properties.fields_combo.currentIndex() == AMOUNT
    assert designer.properties.x.value() == 12
    QTest.mouseClick(canvas, Qt.LeftButton, Qt.NoModifier, px(canvas, 2, 2))  # the leaf's empty corner
    assert canvas.selected == -1 and not designer.delete_field_action.isEnabled()


def test_arrow_keys_nudge_half_a_mm_and_five_with_shift(designer):
    canvas = designer.canvas
    canvas.select(AMOUNT)
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key_Right)
    QTest.keyClick(canvas, Qt.Key_Right)
    QTest.keyClick(canvas, Qt.Key_Up)
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).y) == (13, 54.5)
    QTest.keyClick(canvas, Qt.Key_Left, Qt.ShiftModifier)
    QTest.keyClick(canvas, Qt.Key_Down, Qt.ShiftModifier)
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).y) == (8, 59.5)
    assert designer.undo.count() == 5  # each nudge its own step
    words = field(designer, AMOUNT_WORDS)
    canvas.select(AMOUNT_WORDS)
    QTest.keyClick(canvas, Qt.Key_Down)
    assert field(designer, AMOUNT_WORDS).y == words.y + 0.5
    assert field(designer, AMOUNT_WORDS).line2 == (14, 33.5, 152)  # its second line goes with it


def test_resizing_by_a_handle_and_undo_redo_put_it_back(designer):
    canvas = designer.canvas
    canvas.select(AMOUNT)
    f = field(designer, AMOUNT)
    drag_mouse(canvas, px(canvas, f.x + f.w, f.y + f.h), 6, 2)  # the bottom-right corner
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).y, field(designer, AMOUNT).w,
            field(designer, AMOUNT).h) == (12, 55, 52, 10)
    drag_mouse(canvas, px(canvas, f.x, f.y + 5), 4, 0)  # the left edge's handle: x moves, the right edge stays
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).w) == (16, 48)
    drag_mouse(canvas, px(canvas, 30, 60), -6, 3)  # the box: moved
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).y) == (10, 58)
    assert designer.undo.count() == 3
    designer.undo_action.trigger()
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).y, field(designer, AMOUNT).w) == (16, 55, 48)
    designer.undo_action.trigger()
    designer.undo_action.trigger()
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).y, field(designer, AMOUNT).w,
            field(designer, AMOUNT).h) == (12, 55, 46, 8)
    assert not designer.is_dirty() and not designer.undo_action.isEnabled()
    designer.redo_action.trigger()
    designer.redo_action.trigger()
    assert (field(designer, AMOUNT).x, field(designer, AMOUNT).w, field(designer, AMOUNT).h) == (16, 48, 10)
    assert designer.properties.w.value() == 48  # the pane follows
    keys = [s.toString() for s in designer.undo_action.shortcuts() + designer.redo_action.shortcuts()]
    assert "Ctrl+Z" in keys and "Ctrl+Shift+Z" in keys


def test_the_second_line_of_the_amount_in_words_is_dragged_on_its_own(designer):
    canvas = designer.canvas
    canvas.select(AMOUNT_WORDS)
    drag_mouse(canvas, px(canvas, 100, 36), 0, 2)  # inside the second line's box
    f = field(designer, AMOUNT_WORDS)
    assert (f.x, f.y) == (40, 26) and f.line2 == (14, 35, 152)
    drag_mouse(canvas, px(canvas, 14, 38.5), 6, 0)  # its left handle
    assert field(designer, AMOUNT_WORDS).line2 == (20, 35, 146)


def test_a_line_is_drawn_longer_by_its_end_and_turned_into_a_text_field(designer):
    canvas, pane = designer.canvas, designer.properties
    designer.add_field("line")
    index = canvas.selected
    line = field(designer, index)
    assert (line.kind, line.w, line.h) == ("line", 40, 0) and pane.font.isHidden()
    assert pane.form.labelForField(pane.size_row).text() == "ضخامت خط:"
    drag_mouse(canvas, px(canvas, line.x + line.w, line.y), 10, 3)  # its end
    assert (field(designer, index).x, field(designer, index).w, field(designer, index).h) == (line.x, 50, 3)
    drag_mouse(canvas, px(canvas, line.x, line.y), -2, 0)  # its start: the end stays
    assert (field(designer, index).x, field(designer, index).w) == (line.x - 2, 52)
    pane.kind.setCurrentIndex(pane.kind.findData("text"))
    turned = field(designer, index)
    assert turned.kind == "text" and turned.w > 0 and turned.h == 7 and not pane.font.isHidden()


def test_a_property_edit_changes_the_template_live_as_one_undo_step(designer):
    canvas, pane = designer.canvas, designer.properties
    canvas.select(AMOUNT)
    pane.x.lineEdit().selectAll()
    type_text(pane.x.lineEdit(), "24.5")  # a Latin point on a Persian locale
    assert field(designer, AMOUNT).x == 24.5
    assert designer.undo.count() == 1
    pane.font.setCurrentIndex(pane.font.findText("Noto Nastaliq Urdu"))
    pane.bold.setChecked(False)  # the built-in amount is bold
    pane.align.setCurrentIndex(pane.align.findData("left"))
    pane.digits.setCurrentIndex(pane.digits.findData("latin"))
    pane.guard.selectAll()
    type_text(pane.guard, "*")
    f = field(designer, AMOUNT)
    assert (f.font, f.bold, f.align, f.digits, f.guard) == ("Noto Nastaliq Urdu", False, "left", "latin", "*")
    assert designer.undo.count() == 6
    designer.undo_action.trigger()
    assert field(designer, AMOUNT).guard == "#" and pane.guard.text() == "#"


def test_the_pane_shows_what_each_kind_has_and_edits_the_leaf(designer, monkeypatch):
    canvas, pane = designer.canvas, designer.properties
    canvas.select(AMOUNT_WORDS)
    assert not pane.toman.isHidden() and not pane.line2_row.isHidden() and pane.guard.isHidden()
    pane.toman.setChecked(True)
    assert field(designer, AMOUNT_WORDS).toman
    pane.line2_on.setChecked(False)
    assert field(designer, AMOUNT_WORDS).line2 is None and pane.line2_row.isHidden()
    monkeypatch.setattr(properties, "pick_colour", lambda parent, colour: QColor("#1a237e"))
    pane.colour.click()
    assert field(designer, AMOUNT_WORDS).colour == "#1a237e"
    designer.add_field("text")
    assert canvas.selected == 7 and field(designer, 7).text == "متن آزاد"
    assert not pane.text.isHidden() and not pane.digits.isHidden()
    pane.text.selectAll()
    type_text(pane.text, "پرداخت شود")
    assert field(designer, 7).text == "پرداخت شود"
    pane.leaf_w.setValue(180)
    assert designer.template.width == 180
    fonts = [pane.font.itemText(i) for i in range(pane.font.count())]
    assert fonts[:2] == ["Vazirmatn", "Noto Nastaliq Urdu"] and len(fonts) == len(QFontDatabase.families())


def test_adding_every_kind_and_deleting_is_undoable(designer):
    from crm_desktop.cheque_print.model import KINDS

    for kind in KINDS:
        designer.findChild(type(designer.delete_field_action), f"designer.add.{kind}").trigger()
        assert field(designer, designer.canvas.selected).kind == kind
    assert len(designer.template.fields) == 7 + len(KINDS)
    designer.canvas.select(AMOUNT)
    designer.canvas.setFocus()
    QTest.keyClick(designer.canvas, Qt.Key_Delete)
    assert len(designer.template.fields) == 6 + len(KINDS) and designer.canvas.selected == -1
    assert "حذف شد" in designer.statusBar().currentMessage()
    designer.undo_action.trigger()
    assert field(designer, AMOUNT).kind == "amount" and designer.canvas.selected == AMOUNT


def test_a_field_dragged_off_the_leaf_is_flagged(designer):
    canvas = designer.canvas
    f = field(designer, AMOUNT)
    drag_mouse(canvas, px(canvas, f.x + 20, f.y + 4), -15, 0)
    assert field(designer, AMOUNT).x == -3
    assert designer.template.problems() == [(AMOUNT, "«مبلغ (عدد)» از برگ چک بیرون زده است.")]
    assert designer.warning_texts()[0] == "⚠ «مبلغ (عدد)» از برگ چک بیرون زده است."
    designer.warnings.itemClicked.emit(designer.warnings.item(0))
    assert canvas.selected == AMOUNT
    assert canvas.extent()[0] < -3  # still on the canvas, to be dragged back


def test_placing_warnings_are_shown(designer):
    canvas, pane = designer.canvas, designer.properties
    canvas.select(AMOUNT_WORDS)
    pane.line2_on.setChecked(False)
    pane.w.setValue(40)
    assert any("به جای" in text or "جا نمی‌شود" in text for text in designer.warning_texts())
    designer.change(lambda t: setattr(t.fields[0], "font", "B Nazanin Missing"), "قلم")
    assert "قلم «B Nazanin Missing» روی این رایانه نیست؛ به جای آن «Vazirmatn» به کار رفت." in designer.warning_texts()
    canvas.select(0)
    assert pane.font.currentText() == "B Nazanin Missing (روی این رایانه نیست)"


def test_a_real_paid_cheque_is_the_preview(designer, office):
    from crm_desktop.cheques.model import Cheque
    from crm_desktop.phonebook.model import Contact

    payee = office.phonebook.add(Contact(first_name="سارا", last_name="احمدی"))
    cheque_id = office.cheques.add(Cheque(direction="paid", sayad_id="2000000000000001", serial="800001",
                                          bank="mellat", amount=98_000_000, due_date=date(2025, 5, 1),
                                          payee_id=payee, purpose="اجاره"))
    designer.values.reload()
    designer.values.setCurrentIndex(designer.values.findData(cheque_id))
    values = designer.canvas.values
    assert (values.amount, values.payee, values.purpose, values.cheque_id) == (98_000_000, "سارا احمدی", "اجاره",
                                                                              cheque_id)
    designer.values.setCurrentIndex(0)
    assert designer.canvas.values == ChequeValues.sample()


def test_templates_new_duplicate_rename_and_delete(designer, office, answers, monkeypatch):
    repo = office.cheque_print
    answer_name_prompt(monkeypatch, "بانک ملت")
    designer.new_action.trigger()
    assert designer.template.name == "بانک ملت" and designer.templates.currentText() == "بانک ملت"
    assert len(designer.template.fields) == 7 and repo.names() == ["برگ یکسان صیادی", "بانک ملت"]
    designer.duplicate_action.trigger()
    assert designer.template.name == "بانک ملت (رونوشت)"
    name_edit = designer.properties.name
    name_edit.selectAll()
    type_text(name_edit, "بانک ملی")
    name_edit.editingFinished.emit()
    assert repo.names() == ["برگ یکسان صیادی", "بانک ملت", "بانک ملی"]
    name_edit.selectAll()
    type_text(name_edit, "بانک ملت")  # taken: refused in Persian, the old name shown again
    name_edit.editingFinished.emit()
    assert answers[-1] == "نمونه چاپی دیگری به نام «بانک ملت» هست." and name_edit.text() == "بانک ملی"
    designer.delete_template_action.trigger()
    assert answers[-1] == "نمونه چاپی «بانک ملی» برای همیشه حذف شود؟"
    assert repo.names() == ["برگ یکسان صیادی", "بانک ملت"] and designer.template.name == "برگ یکسان صیادی"
    designer.delete_template_action.trigger()
    assert repo.names() == ["بانک ملت"] and designer.template.name == "بانک ملت"
    designer.delete_template_action.trigger()
    assert answers[-1] == "آخرین نمونه چاپی حذف نمی‌شود؛ برای چاپ دست‌کم یک نمونه لازم است."
    assert repo.names() == ["بانک ملت"]


def test_a_refused_template_name_is_told_in_the_prompt_which_stays_open(designer, office, answers, monkeypatch):
    repo = office.cheque_print
    seen = answer_name_prompt(monkeypatch, "\u200c", "برگ يكسان صيادي", "نمونه " * 20, "بانک ملت")
    designer.new_action.trigger()
    assert seen == ["نمونه تازه",
                    (True, "نام نمونه چاپی را بنویسید.", "\u200c"),
                    (True, "نمونه چاپی دیگری به نام «برگ يكسان صيادي» هست.", "برگ يكسان صيادي"),  # ي/ك: the same name
                    (True, "نام نمونه چاپی بیش از ۱۰۰ نویسه است.", "نمونه " * 20),
                    (False, "", "بانک ملت")]
    assert repo.names() == ["برگ یکسان صیادی", "بانک ملت"] and designer.template.name == "بانک ملت"
    assert answers == []  # no message box: the refusals were under the line
    seen = answer_name_prompt(monkeypatch, "برگ یکسان صیادی", "بانک ملت مرکزی")
    designer.rename_action.trigger()
    assert seen == ["بانک ملت", (True, "نمونه چاپی دیگری به نام «برگ یکسان صیادی» هست.", "برگ یکسان صیادی"),
                    (False, "", "بانک ملت مرکزی")]
    assert repo.names() == ["برگ یکسان صیادی", "بانک ملت مرکزی"]
    assert designer.templates.currentText() == "بانک ملت مرکزی" and designer.windowTitle().endswith("بانک ملت مرکزی")
    seen = answer_name_prompt(monkeypatch, "برگ یکسان صیادی")  # then «انصراف»: nothing changes
    designer.rename_action.trigger()
    assert seen[1] == (True, "نمونه چاپی دیگری به نام «برگ یکسان صیادی» هست.", "برگ یکسان صیادی")
    seen = answer_name_prompt(monkeypatch)  # a new template's prompt, «انصراف» at once
    designer.new_action.trigger()
    assert seen == ["نمونه تازه"]
    assert repo.names() == ["برگ یکسان صیادی", "بانک ملت مرکزی"] and designer.template.name == "بانک ملت مرکزی"
    assert answers == []


def test_unsaved_changes_are_asked_about_on_switching_and_closing(designer, office, answers, monkeypatch):
    repo = office.cheque_print
    other = repo.duplicate(designer.template.id, "دوم")
    designer.refresh_list()
    designer.canvas.select(AMOUNT)
    designer.canvas.setFocus()
    QTest.keyClick(designer.canvas, Qt.Key_Right)
    answers.buttons = ["dialog.cancel"]
    designer.templates.setCurrentIndex(designer.templates.findData(other))
    designer.templates.activated.emit(designer.templates.findData(other))
    assert answers[-1] == "تغییرات نمونه چاپی «برگ یکسان صیادی» ذخیره نشده است. ذخیره شود؟"
    assert designer.template.name == "برگ یکسان صیادی" and field(designer, AMOUNT).x == 12.5
    assert designer.templates.currentText() == "برگ یکسان صیادی"
    answers.buttons = ["dialog.no"]
    designer.templates.activated.emit(designer.templates.findData(other))
    assert designer.template.name == "دوم" and repo.named("برگ یکسان صیادی").fields[AMOUNT].x == 12
    designer.canvas.select(AMOUNT)
    QTest.keyClick(designer.canvas, Qt.Key_Right)
    answers.buttons = ["dialog.yes"]
    assert designer.close()
    assert repo.named("دوم").fields[AMOUNT].x == 12.5


def test_export_then_import_round_trips(designer, office, tmp_path, monkeypatch):
    path = tmp_path / "ملت"
    monkeypatch.setattr(template_actions, "ask_save_path", lambda parent, title, suggested, filters: str(path))
    image = QImage(40, 20, QImage.Format_RGB32)
    image.fill(QColor("#e0f0ff"))
    image.save(str(tmp_path / "leaf.png"))
    monkeypatch.setattr(template_actions, "ask_open_path", lambda parent, title, filters: str(tmp_path / "leaf.png"))
    designer.properties.background_set.click()
    assert designer.template.background and designer.properties.background_clear.isEnabled()
    designer.canvas.select(AMOUNT)
    QTest.keyClick(designer.canvas, Qt.Key_Down, Qt.ShiftModifier)
    designer.export_action.trigger()
    written = tmp_path / "ملت.json"
    assert written.exists() and "نوشته شد" in designer.statusBar().currentMessage()
    designer.save_action.trigger()
    exported = designer.template
    monkeypatch.setattr(template_actions, "ask_open_path", lambda parent, title, filters: str(written))
    designer.import_action.trigger()
    assert office.cheque_print.names() == ["برگ یکسان صیادی", "برگ یکسان صیادی (۲)"]
    imported = designer.template
    assert imported.name == "برگ یکسان صیادی (۲)" and imported.id != exported.id
    assert imported.fields == exported.fields and imported.background == exported.background
    assert imported.fields[AMOUNT].y == 60
    designer.properties.background_clear.click()
    assert designer.template.background is None


@pytest.mark.parametrize("content", ["{not json", '{"format": "something else"}', b"\xff\xfe\x00bin"])
def test_a_malformed_import_gets_a_persian_message_and_changes_nothing(designer, office, tmp_path, answers,
                                                                       monkeypatch, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    monkeypatch.setattr(template_actions, "ask_open_path", lambda parent, title, filters: str(bad))
    before = (office.cheque_print.names(), designer.template.name, list(designer.template.fields))
    designer.import_action.trigger()
    assert answers and answers[-1] in ("پرونده نمونه چاپی خوانا نیست (JSON درست نیست).",
                                       "این پرونده نمونه چاپی چک نیست.",
                                       f"پرونده «{dialogs.path_text(bad)}» خوانده نشد؛ پرونده نمونه چاپی (JSON) نیست.")
    assert (office.cheque_print.names(), designer.template.name, list(designer.template.fields)) == before


def test_the_calibration_is_saved_and_moves_the_test_page(qtbot, designer, office, answers, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(calibration_dialog, "open_file", opened.append)
    monkeypatch.setattr(calibration_dialog, "test_page_path", lambda: tmp_path / "test.pdf")
    dialog = calibration_dialog.CalibrationDialog(office, designer.template, ChequeValues.sample(), designer,
                                                  printer="PDF")
    qtbot.addWidget(dialog)
    assert dialog.printer_name() == "PDF" and dialog.dx.value() == 0
    dialog.test_button.click()
    plain = digits_word(opened[-1])
    dialog.dx.lineEdit().selectAll()
    type_text(dialog.dx.lineEdit(), "3.5")
    dialog.dy.setValue(-2)
    dialog.feed.setCurrentIndex(dialog.feed.findData("center"))
    assert dialog.tray.isEnabled()
    assert dialog.is_dirty()
    dialog.save_button.click()
    stored = office.cheque_print.calibration("PDF")
    assert (stored.dx, stored.dy, stored.feed, stored.tray_width) == (3.5, -2, "center", 210)
    assert "ذخیره شد" in dialog.message.text() and not dialog.is_dirty()
    dialog.test_button.click()
    moved = digits_word(opened[-1])
    assert dialog.last_result.page_mm == (210, 80)
    assert mm(moved.x1 - plain.x1) == pytest.approx(3.5 + 17.5, abs=0.05)  # the offset and the centred leaf
    assert mm(moved.y0 - plain.y0) == pytest.approx(-2, abs=0.05)
    assert designer.template.fields[AMOUNT].x == 12  # the layout is not touched
    again = calibration_dialog.CalibrationDialog(office, designer.template, None, designer, printer="PDF")
    qtbot.addWidget(again)
    assert (again.dx.value(), again.dy.value(), again.feed.currentData()) == (3.5, -2, "center")
    again.dx.setValue(1)
    answers.buttons = ["dialog.no"]
    again.close_button.click()
    assert answers[-1] == "تنظیم چاپگر «PDF» تغییر کرده است. ذخیره شود؟"
    assert office.cheque_print.calibration("PDF").dx == 3.5


def test_the_cheque_tab_opens_the_designer(qtbot, office):
    from PySide6.QtGui import QAction

    from crm_desktop.cheque_print.views.designer import DesignerWindow
    from crm_desktop.cheques.view import ChequesTab
    from crm_desktop.shell.events import OfficeEvents

    tab = ChequesTab(office, OfficeEvents(office), None, clock=lambda: NOW)
    qtbot.addWidget(tab)
    action = tab.findChild(QAction, "cheques.designer")
    assert action.text() == "نمونه چاپی…" and tab.toolbar.widget_for(action) is not None
    action.trigger()
    [window] = tab.findChildren(DesignerWindow)
    assert window.isVisible() and window.template.name == "برگ یکسان صیادی"
    action.trigger()
    assert tab.findChildren(DesignerWindow) == [window]  # raised, not a second one
    window.close()


def test_quitting_the_app_asks_about_unsaved_layout_changes_first(qtbot, db_path, answers):
    """«خروج» closes the designer first: with unsaved changes it asks, and «انصراف» keeps the
    app running and the edit in place."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.app import setup_application
    from crm_desktop.cheque_print.views.designer import open_designer
    from crm_desktop.shell.controller import AppController

    app = setup_application()
    controller = AppController(app, db_path, clock=lambda: NOW)
    assert controller.start(single_instance=False)
    quits = []
    QApplication.instance().aboutToQuit.connect(lambda: quits.append(1))
    try:
        designer = open_designer(controller.office, controller.window)
        designer.canvas.select(AMOUNT)
        designer.canvas.setFocus()
        QTest.keyClick(designer.canvas, Qt.Key_Right)
        answers.buttons = ["dialog.cancel"]
        assert controller.quit() is False
        assert designer.isVisible() and answers[-1].startswith("تغییرات نمونه چاپی")
        answers.buttons = ["dialog.no"]
        assert controller.quit() is True and not designer.isVisible()
    finally:
        controller.shutdown()
