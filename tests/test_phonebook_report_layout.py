"""The printed phonebook read back from the real PDF: Latin values keep their punctuation where it
was typed, a long Latin note keeps its word order, a section heading never ends a page alone and
a long note starts under its heading instead of after a blank page."""

from datetime import date

from crm_desktop.phonebook import report
from crm_desktop.phonebook.model import Address, Contact, Note, Phone
from tests.pdf_helpers import has_persian, read_pdf

TODAY = date(2025, 3, 1)
LATIN = Contact(id=42, first_name="John", last_name="Smith", organisation="ACME Ltd.", job_title="@cmd",
                unit="-2+3", phones=[Phone("09190001122", national="09190001122")])
FOX = "The quick brown fox jumps over the lazy dog."


def line_with(page, word: str) -> str:
    """The visual line (left to right, as printed) holding ``word``."""
    for line in page.visual_lines():
        if word in line.split(" "):
            return line
    raise AssertionError(f"{word!r} is not on the page: {page.visual_lines()}")


# --- values of either direction ------------------------------------------------------------------

def test_latin_values_keep_their_punctuation_on_the_card(tmp_path):
    out = tmp_path / "card.pdf"
    report.write_contact_card(out, LATIN, [Note(42, "Call @ 10: see ACME Ltd.", "call", "2025-02-01T10:00:00")],
                              office_name="Pars Co.", today=TODAY)
    (page,) = read_pdf(out)
    assert "ACME Ltd." in line_with(page, "ACME")  # it printed «.ACME Ltd»
    assert ".ACME" not in page.visual_text()
    assert page.find("@cmd") and "cmd@" not in page.visual_text()  # it printed «cmd@»
    assert "-2+3" in page.visual_text() and "2+3-" not in page.visual_text()  # it printed «2+3-»
    assert line_with(page, "Smith").count("John Smith") >= 1  # the title, the subtitle
    assert "Call @ 10: see ACME Ltd." in page.visual_text()  # the notes log too
    assert "Pars Co." in page.visual_text()  # the office's name in the header


def test_latin_values_keep_their_punctuation_in_the_list(tmp_path):
    out = tmp_path / "list.pdf"
    report.write_phonebook_list(out, [LATIN], today=TODAY)
    (page,) = read_pdf(out)
    row = line_with(page, "Smith")
    assert "John Smith" in row and "ACME Ltd." in row and ".ACME" not in row
    assert "@cmd" in page.visual_text() and "-2+3" in page.visual_text()


def test_a_long_latin_note_keeps_its_word_order_on_every_line(tmp_path):
    out = tmp_path / "card.pdf"
    contact = Contact(id=1, first_name="علی", last_name="یزدانی", note=" ".join([FOX] * 12))
    report.write_contact_card(out, contact, today=TODAY)
    (page,) = read_pdf(out)
    lines = [line for line in page.visual_lines() if "fox" in line or "lazy" in line]
    assert len(lines) >= 3  # the note wraps
    words = [word for word in " ".join(lines).split(" ") if word.isascii()]  # not the label «یادداشت»
    assert " ".join(words) == " ".join([FOX] * 12)  # left to right, line after line, as typed
    # a Persian note is still right to left
    assert has_persian(page, "علی یزدانی")
