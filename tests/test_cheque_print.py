"""Cheque printing checked on the PDF, with pdftotext -bbox: the page is the leaf, the amount in
digits ends at its box's right edge (± 0.5 mm) on its line, a calibration offset moves every field
by exactly (dx, dy) and leaves the template alone, amount words that do not fit go to the second
line or shrink with a warning (never silently clipped), a missing font falls back to Vazirmatn
with a warning, and the template file round-trips (a malformed one gets a Persian message)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from crm_desktop.cheque_print.builtin import sayad_template
from crm_desktop.cheque_print.model import Calibration, Field, Template
from crm_desktop.cheque_print.values import ChequeValues, text_for
from crm_desktop.core.digits import to_latin
from crm_desktop.errors import ValidationError
from tests.pdf_helpers import read_pdf

PT_PER_MM = 72 / 25.4
VALUES = ChequeValues(1_250_000, date(2024, 10, 6), "علی رضایی", "0013542419", "خرید کالا")


@pytest.fixture(autouse=True)
def gui(qapp):
    from crm_desktop.ui.fonts import load_bundled_fonts

    load_bundled_fonts()


def pdf(tmp_path, template, values=VALUES, calibration=None, name="leaf.pdf", **options):
    from crm_desktop.cheque_print.print_pdf import write_pdf

    result = write_pdf(tmp_path / name, template, [values] if isinstance(values, ChequeValues) else values,
                       calibration, **options)
    return result, read_pdf(result.path)


def mm(points: float) -> float:
    return points / PT_PER_MM


def amount_template(right: float, top: float = 50.0, align: str = "right") -> Template:
    return Template("آزمون", 175, 80, [Field("amount", right - 50, top, 50, 8, size=12, align=align)]).validate()


def digits_word(page):
    [word] = [w for w in page.words if "#" in w.text]
    return word


def test_values_as_a_cheque_needs_them():
    fields = {kind: Field(kind, 0, 0, 10) for kind in ("date", "date_words", "amount", "amount_words", "national_id")}
    assert text_for(fields["date"], VALUES) == "۱۴۰۳/۰۷/۱۵"
    assert text_for(fields["date_words"], VALUES) == "پانزدهم مهر یک هزار و چهارصد و سه"
    assert text_for(fields["amount"], VALUES) == "#۱٬۲۵۰٬۰۰۰#"
    assert text_for(fields["amount_words"], VALUES) == "یک میلیون و دویست و پنجاه هزار ریال"
    assert text_for(replace(fields["amount_words"], toman=True), ChequeValues(1000, None)) == (
        "یک هزار ریال (معادل یکصد تومان)")
    assert text_for(fields["national_id"], VALUES) == "۰۰۱۳۵۴۲۴۱۹"
    assert text_for(replace(fields["date"], digits="latin"), VALUES) == "1403/07/15"


@pytest.mark.parametrize("right", [60.0, 120.5, 170.0])
def test_the_amount_ends_at_its_boxs_right_edge_on_its_line(tmp_path, right):
    result, [page] = pdf(tmp_path, amount_template(right))
    assert result.page_mm == (175.0, 80.0)
    assert mm(page.width) == pytest.approx(175, abs=0.15) and mm(page.height) == pytest.approx(80, abs=0.15)  # whole pt
    word = digits_word(page)
    assert to_latin(word.text).replace("٬", ",") == "#1,250,000#"
    assert abs(mm(word.x1) - right) <= 0.5
    assert 50 <= mm(word.y0) and mm(word.y1) <= 58  # inside the box's 8 mm


def test_a_calibration_offset_moves_every_field_by_exactly_that(tmp_path):
    template = sayad_template()
    before = template.to_json()
    _, [plain] = pdf(tmp_path, template, name="a.pdf")
    _, [moved] = pdf(tmp_path, template, calibration=Calibration(dx=2.5, dy=-1.5), name="b.pdf")
    assert template.to_json() == before  # the layout is not touched
    assert len(plain.words) == len(moved.words) > 20
    for a, b in zip(sorted(plain.words, key=lambda w: (w.y0, w.x0)), sorted(moved.words, key=lambda w: (w.y0, w.x0))):
        assert a.text == b.text
        assert mm(b.x0 - a.x0) == pytest.approx(2.5, abs=0.05)
        assert mm(b.y0 - a.y0) == pytest.approx(-1.5, abs=0.05)


def test_a_leaf_fed_in_the_middle_of_a_tray_sits_in_the_middle(tmp_path):
    result, [page] = pdf(tmp_path, amount_template(100), calibration=Calibration(feed="center", tray_width=210))
    assert result.page_mm == (210, 80)
    assert abs(mm(digits_word(page).x1) - (100 + 17.5)) <= 0.5


def test_amount_words_too_long_go_to_the_second_line(tmp_path):
    f = Field("amount_words", 60, 20, 100, 7, size=11, line2=(10, 28, 150))
    values = replace(VALUES, amount=987_654_321_987)
    result, [page] = pdf(tmp_path, Template("t", 175, 80, [f]).validate(), values)
    lines = page.lines()
    assert len(lines) == 2 and result.warnings == []
    first, second = lines
    assert all(mm(w.y0) >= 20 and mm(w.y1) <= 27.5 for w in first)
    assert all(mm(w.y0) >= 28 for w in second)
    assert all(10 - 0.5 <= mm(w.x0) and mm(w.x1) <= 160.5 for w in second)


def test_amount_words_without_a_second_line_shrink_with_a_warning(tmp_path):
    from crm_desktop.cheque_print.print_render import place_field

    f = Field("amount_words", 60, 20, 100, 7, size=11, min_size=6)
    text = text_for(f, replace(VALUES, amount=987_654_321))
    placed = place_field(0, f.validate(), text)
    assert placed.size < 11 and placed.lines == [((60, 20, 100, 7), text)]
    assert placed.warnings and "به جای" in placed.warnings[0]
    tiny = place_field(0, replace(f, w=20, min_size=9).validate(), text)
    assert tiny.size == 9 and "جا نمی‌شود" in tiny.warnings[0]  # said, never clipped silently


def test_a_font_that_is_not_installed_falls_back_to_vazirmatn_with_a_warning(tmp_path):
    template = Template("t", 175, 80, [Field("payee", 20, 20, 100, 8, font="B Nazanin Missing")]).validate()
    result, [page] = pdf(tmp_path, template)
    assert result.warnings == ["قلم «B Nazanin Missing» روی این رایانه نیست؛ به جای آن «Vazirmatn» به کار رفت."]
    assert page.words


def test_nastaliq_is_a_font_the_layout_can_use(tmp_path):
    from PySide6.QtGui import QFontDatabase

    assert "Noto Nastaliq Urdu" in QFontDatabase.families()
    template = Template("t", 175, 80, [Field("amount_words", 20, 20, 150, 12, font="Noto Nastaliq Urdu", size=14)])
    result, _ = pdf(tmp_path, template.validate())
    assert result.warnings == []
    import subprocess

    fonts = subprocess.run(["pdffonts", result.path], capture_output=True, text=True, check=True).stdout
    assert "NotoNastaliqUrdu" in fonts  # embedded: it prints the same on any PC


def test_the_calibration_page_draws_the_grid_and_the_fields(tmp_path):
    result, [page] = pdf(tmp_path, sayad_template(), test_page=True)
    numbers = {to_latin(w.text) for w in page.words}
    assert {"10", "50", "170"} <= numbers  # the mm ruler
    assert any("#" in w.text for w in page.words)


def test_the_template_file_round_trips_and_a_malformed_one_is_refused():
    template = sayad_template()
    template.background = b"\x89PNG fake"
    again = Template.from_json(template.to_json())
    assert again.fields == template.fields and again.background == template.background
    for text, fragment in (("{", "JSON"), ('{"format": "other"}', "نمونه چاپی چک نیست"),
                           ('{"format": "crm_desktop.cheque_template", "version": 99, "fields": []}', "تازه‌تری"),
                           ('{"format": "crm_desktop.cheque_template", "version": 1, "name": "x", "fields": [{"kind": "amount"}]}',
                            "فیلد ۱"),
                           ('{"format": "crm_desktop.cheque_template", "version": 1, "name": "x", "fields": '
                            '[{"kind": "amount", "x": 1, "y": 1, "w": 10, "size": 500}]}', "اندازه قلم")):
        with pytest.raises(ValidationError) as caught:
            Template.from_json(text)
        assert fragment in caught.value.fa


def test_a_field_outside_the_leaf_is_flagged():
    template = sayad_template()
    assert template.problems() == []
    template.fields[0].x = 160
    assert template.problems() == [(0, "«تاریخ (عدد)» از برگ چک بیرون زده است.")]


def test_templates_are_stored_named_duplicated_and_the_last_is_kept(office):
    repo = office.cheque_print
    [builtin] = repo.templates()
    assert builtin.name == "برگ یکسان صیادی" and len(builtin.fields) == 7
    copy_id = repo.duplicate(builtin.id)
    assert repo.get(copy_id).name == "برگ یکسان صیادی (رونوشت)"
    with pytest.raises(ValidationError):
        repo.rename(copy_id, "برگ يکسان صیادی")  # ي/ی alike: taken
    repo.delete(copy_id)
    with pytest.raises(Exception) as caught:
        repo.delete(builtin.id)
    assert "آخرین" in caught.value.fa
    assert repo.import_json(builtin.to_json()) and repo.names()[-1] == "برگ یکسان صیادی (۲)"


@pytest.fixture
def office(db_path):
    from crm_desktop.office import Office

    with Office(db_path) as opened:
        yield opened
