"""The printed phonebook read back from the real PDF: Latin values keep their punctuation where it
was typed, a long Latin note keeps its word order, a section heading never ends a page alone and
a long note starts under its heading instead of after a blank page."""

from datetime import date

from crm_desktop.core.text import normalise
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


# --- page breaks ------------------------------------------------------------------------------------

STREET = ("خیابان آیت‌الله طالقانی، نرسیده به چهارراه ولیعصر، کوچه شهید بهشتی‌نژاد، پلاک ۱۲۳۴، ساختمان بزرگ "
          "تجاری اداری نگین پارسیان، طبقه هفتم، واحد ۷۰۲، روبروی بانک ملت شعبه مرکزی")
LONG_NOTE = "این یک یادداشت بسیار طولانی است که باید در چند صفحه ادامه پیدا کند و نباید بریده شود. " * 120


def card(tmp_path, name: str, contact: Contact, notes=()):
    out = tmp_path / f"{name}.pdf"
    report.write_contact_card(out, contact, notes, today=TODAY)
    return read_pdf(out)


def lines_of(page) -> list[str]:
    """The page's lines in reading order (typed text, normalised), header and footer left out."""
    return [line for line in page.logical_text().split("\n")[3:-1] if line]


def lowest_text(page) -> float:
    """How far down the page its content goes (points from the top; the footer left out)."""
    return max(w.y1 for w in page.words if w.y1 < page.height - 60)


def page_of(pages, wanted: str) -> int:
    """The page whose line is exactly ``wanted`` (a section title, a heading)."""
    wanted = normalise(wanted)
    found = [i for i, page in enumerate(pages) if wanted in lines_of(page)]
    assert len(found) == 1, (wanted, [lines_of(p) for p in pages])
    return found[0]


def person_with_phones(count: int, **fields) -> Contact:
    phones = [Phone(f"0912100{i:04d}", national=f"0912100{i:04d}") for i in range(count)]
    return Contact(id=39, first_name="عبدالرحمن", last_name="حسینی‌نژاد", phones=phones, **fields)


def test_a_section_title_is_never_alone_at_the_foot_of_a_page(tmp_path):
    """However far down the addresses start, «نشانی» is on the page of «نشانی ۱» and its street."""
    addresses = [Address("تهران", "تهران", STREET, "1315673811"), Address("آذربایجان شرقی", "تبریز", STREET, "5165613811")]
    moved = 0
    for phones in range(20, 44):
        pages = card(tmp_path, f"p{phones}", person_with_phones(phones, addresses=addresses))
        at = page_of(pages, "نشانی")
        assert "نشانی 1" in " ".join(lines_of(pages[at])), phones  # the first address's label
        assert has_persian(pages[at], "تهران، تهران، خیابان آیت‌الله"), phones  # and its first line
        moved += at == 1
    assert moved  # some of these cards did reach the foot of page 1 with the addresses


def test_a_long_note_starts_under_its_title_and_fills_the_page(tmp_path):
    for phones in (0, 10, 20, 30, 35):
        pages = card(tmp_path, f"n{phones}", person_with_phones(phones, note=LONG_NOTE))
        at = page_of(pages, "توضیحات")
        assert has_persian(pages[at], "این یک یادداشت بسیار طولانی است"), phones  # the note starts under it
        for page in pages[:-1]:  # no page ends mostly blank before the next one (it was 70% blank)
            assert lowest_text(page) > 0.85 * page.height, phones
        assert len(pages) >= 3 and all(has_persian(p, "یادداشت بسیار طولانی") for p in pages[at:-1]), phones
    assert page_of(card(tmp_path, "short", person_with_phones(3, note=LONG_NOTE)), "توضیحات") == 0


def test_the_notes_heading_stays_with_the_first_note(tmp_path):
    notes = [Note(39, ("نخستین " if i == 0 else "") + "تماس تلفنی درباره پیگیری قرارداد و ارسال پیش‌فاکتور؛ " * 3,
                  "call", f"2024-05-{i + 1:02d}T09:00:00") for i in range(6)]
    for phones in range(20, 44):
        pages = card(tmp_path, f"l{phones}", person_with_phones(phones), notes)
        at = page_of(pages, "سوابق تماس و یادداشت‌ها (6)")
        assert has_persian(pages[at], "نخستین تماس تلفنی"), phones  # the first note under it
        assert has_persian(pages[at], "شرح"), phones  # and the table's header


def test_no_notes_is_one_line_that_does_not_take_a_page_of_its_own(tmp_path):
    """Eight phones and three long addresses fill a page: «no notes» still fits under them."""
    street = "بلوار " + "خیابان طولانی نام‌دار " * 15
    contact = Contact(id=7, first_name="هشت", last_name="تلفن",
                      phones=[Phone(f"0912100000{i}", national=f"0912100000{i}") for i in range(8)],
                      addresses=[Address("تهران", "تهران", street), Address("فارس", "شیراز", street),
                                 Address("گیلان", "رشت", street)],
                      created_at="2025-02-01T10:00:00", updated_at="2025-02-02T10:00:00")
    (page,) = card(tmp_path, "seven", contact)
    assert has_persian(page, "سوابق تماس و یادداشت‌ها: یادداشتی ثبت نشده است.")
    for phones in range(20, 44):  # wherever the card ends, the line has a page of its own only
        pages = card(tmp_path, f"e{phones}", person_with_phones(phones))  # when the card left no room
        if len(lines_of(pages[-1])) == 1:
            assert lowest_text(pages[-2]) > pages[-2].height - 11 * 2.83 - 9 * 1.7 - 3 * 2.83 - 15.2, phones
