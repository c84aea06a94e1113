"""Persian text for PDF pages: shaping, wrapping, per-line reordering, isolates, mirroring."""

import random
import unicodedata

import pytest
from bidi import get_display

from crm_desktop.core.text import normalise
from crm_desktop.reports import bidi, fonts
from crm_desktop.reports.bidi import LRI, PDI, ltr, visual, wrap, wrap_and_reorder

F = fonts.REGULAR


def back(visual_text: str) -> str:
    """A visual Persian string back to what was typed (for pure RTL text)."""
    return unicodedata.normalize("NFKC", visual_text[::-1])


def test_letters_are_joined_and_right_to_left():
    out = visual("سلام")
    # Presentation forms (final meem first: the string is drawn left to right).
    assert out == "\ufee1\ufefc\ufeb3"  # ﻡ ﻼ ﺳ  (lam-alef is one ligature)
    assert back(out) == "سلام"
    assert back(visual("پژوهشگاه گچ")) == "پژوهشگاه گچ"  # Persian-only letters join too


def test_a_phone_in_persian_text_keeps_its_digit_groups_in_order():
    plain = visual("تلفن: ۰۹۱۲ ۱۲۳ ۴۵۶۷")
    assert "۴۵۶۷ ۱۲۳ ۰۹۱۲" in plain  # the trap: without isolation the groups swap
    isolated = visual(f"تلفن: {ltr('۰۹۱۲ ۱۲۳ ۴۵۶۷')}")
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in isolated
    assert isolated.endswith(visual("تلفن:"))  # the label stays at the right


def test_latin_inside_persian_stays_readable():
    out = visual(f"نشانی {ltr('ali.rezaei@example.com')} است.")
    assert "ali.rezaei@example.com" in out
    assert out.startswith(".")  # the full stop ends the RTL sentence, at its left


def test_dates_and_numbers_keep_digit_order():
    assert "۱۴۰۳/۰۷/۱۵" in visual("تاریخ ۱۴۰۳/۰۷/۱۵")
    assert "۱۲٬۵۰۰٬۰۰۰" in visual("مبلغ ۱۲٬۵۰۰٬۰۰۰ ریال")


def test_no_controls_reach_the_page():
    out = visual(f"الف {ltr('۰۹۱۲ ۱۲۳')} \u200fب\u200e")
    assert not set(out) & set("\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c")


def test_brackets_are_mirrored_in_rtl_runs_only():
    out = visual("شرکت آسمان (سهامی خاص)")
    assert out[0] == "(" and out[-1] != "("  # drawn: «(» at the far left closes the RTL bracket
    assert back(out.replace("(", "\0").replace(")", "(").replace("\0", ")")) == "شرکت آسمان (سهامی خاص)"
    assert "Pars (Ltd)" in visual("شرکت Pars (Ltd)")
    assert visual("«نقل»")[0] == "«"


def test_own_reordering_matches_python_bidi_on_random_mixed_text():
    pool = list("ابپ تث (x) [] «» ab12۱۲ .,:-/@ ") + [LRI, PDI, "\u2068"]
    rnd = random.Random(7)
    for _ in range(1500):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 30)))
        for base in ("R", "L"):
            levels = bidi.resolved_levels(text, base)
            assert levels is not None
            mine = bidi.reorder(text, levels, base, mirror=False)
            assert bidi.strip_controls(mine) == bidi.strip_controls(get_display(text, base_dir=base)), text


def test_wrap_keeps_word_order_and_fits_the_width():
    text = "این مخاطب از طریق نمایشگاه بین‌المللی تهران معرفی شد و برای قرارداد پشتیبانی سالانه تماس گرفت"
    lines = wrap(text, F, 10, 120)
    assert len(lines) > 2
    assert " ".join(lines) == text  # wrapping in typed order: first words on the first line
    for line in wrap_and_reorder(text, F, 10, 120):
        assert fonts.width(line, F, 10) <= 120 + 0.01
    # Each visual line is its own logical line reordered: the first line holds the first words.
    assert normalise(back(wrap_and_reorder(text, F, 10, 120)[0])) == normalise(lines[0])


def test_reordering_before_wrapping_would_invert_the_lines():
    text = "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده چهارده"
    good = wrap_and_reorder(text, F, 10, 80)
    assert normalise(back(good[0])).startswith("یک")
    wrong_first = back(wrap(get_display(bidi.shape(text), base_dir="R"), F, 10, 80)[0])
    assert not normalise(wrong_first).startswith("یک")


def test_an_isolate_moves_whole_to_the_next_line():
    text = f"شماره تماس دفتر مرکزی {ltr('۰۲۱ ۸۸۷۷ ۶۶۵۵')}"
    lines = wrap(text, F, 10, fonts.width(visual("شماره تماس دفتر مرکزی ۰۲۱"), F, 10) + 2)
    assert lines[-1] == ltr("۰۲۱ ۸۸۷۷ ۶۶۵۵")
    assert all(line.count(LRI) == line.count(PDI) for line in lines)


def test_an_isolate_wider_than_the_line_opens_at_its_spaces():
    lines = wrap(ltr("۰۹۱۲ ۱۲۳ ۴۵۶۷"), F, 10, 30)
    assert lines == [ltr("۰۹۱۲"), ltr("۱۲۳"), ltr("۴۵۶۷")]


def test_a_word_wider_than_the_line_is_cut_never_lost():
    email = "kiarash_amirkhani83@gmail.com"
    lines = wrap(ltr(email), F, 9, 60)
    assert len(lines) > 1
    assert "".join(bidi.strip_controls(line) for line in lines) == email
    assert bidi.strip_controls(lines[0]).endswith(("_", "@", "."))  # cut after punctuation
    word = "پژوهشگاه‌های‌بین‌المللی"
    pieces = wrap(word, F, 9, 25)
    assert "".join(bidi.strip_controls(p) for p in pieces) == word
    # The letters on both sides of a cut keep their joined forms.
    assert all(fonts.width(visual(p), F, 9) <= 25 + 0.01 for p in pieces)


def test_line_breaks_and_empty_text():
    assert wrap("الف\nب\n\nپ\n", F, 10, 200) == ["الف", "ب", "", "پ"]
    assert wrap("", F, 10, 200) == [""]
    assert wrap(None, F, 10, 200) == [""]
    assert wrap_and_reorder("", F, 10, 200) == [""]


def test_characters_without_a_glyph_print_as_question_marks():
    assert visual("سلام 😀").count("?") == 1
    assert "?" not in visual("سلام، «دنیا»؛ ۱۲٬۳۰۰")


@pytest.mark.parametrize("text", ["عبدالله", "لا"])
def test_only_lam_alef_ligatures(text):
    out = visual(text)
    assert "\ufdf2" not in out  # no single «ﷲ» glyph inside names
    assert back(out) == text
