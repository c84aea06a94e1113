"""The shared report pieces on real PDFs: pages, header and footer, the RTL table, the card,
streaming, and what happens with a bad output path or an error half way."""

import os
import tracemalloc
from datetime import date

import pytest
from reportlab.lib.units import mm

from crm_desktop.core.digits import to_latin
from crm_desktop.errors import Cancelled, UserError
from crm_desktop.reports.bidi import ltr
from crm_desktop.reports.card import Field, Section, draw_card
from crm_desktop.reports.page import OutputError, PageSetup, ReportInfo, ReportWriter
from crm_desktop.reports.table import Column, Row, Table
from tests.pdf_helpers import check_xref, files_in, has_persian, logical, page_count, read_pdf


INFO = ReportInfo("فهرست آزمایشی", office_name="دفتر فنی پارس", subtitle="همه ردیف‌ها", date=date(2024, 10, 6))
A4_W, A4_H = 595.28, 841.89


def latin_table():
    return Table(
        [
            Column("ردیف", fixed=40, align="center"),
            Column("Name", width=2),
            Column("Phone", width=1.5, ltr=True),
            Column("Note", width=2),
        ]
    )


def rows(n):
    for i in range(1, n + 1):
        yield [f"R{i:04d}", f"name{i:04d}", "۰۹۱۲ ۱۲۳ ۴۵۶۷", f"note{i:04d}"]


def write(path, n=120, setup=None, table=None):
    with ReportWriter(path, INFO, setup) as doc:
        (table or latin_table()).draw(doc, rows(n))
    return doc


def test_pages_have_header_footer_and_page_x_of_y(tmp_path):
    out = tmp_path / "list.pdf"
    doc = write(out, n=150)
    pages = read_pdf(out)
    assert doc.pages == len(pages) == page_count(out) > 2
    assert check_xref(out) >= 2 * doc.pages  # a page and its content stream each, then fonts
    for number, page in enumerate(pages, 1):
        assert (round(page.width, 1), round(page.height, 1)) == (595.3, 841.9)  # A4 portrait
        assert has_persian(page, "دفتر فنی پارس")
        assert has_persian(page, "فهرست آزمایشی")
        assert has_persian(page, "یکشنبه ۱۵ مهر ۱۴۰۳")  # the Jalali date of 2024-10-06
        # Footer: «صفحه x از y», read right to left, on the page's last line.
        footer = page.lines()[-1]
        words = [logical(w.text) for w in sorted(footer, key=lambda w: -w.x0)]
        at = words.index("صفحه")
        assert words[at : at + 4] == ["صفحه", str(number), "از", str(len(pages))], words
        assert footer[0].y0 > page.height - 20 * mm
        # The table header row repeats on every page.
        assert page.find("Name") and page.find("Phone")


def test_first_column_is_at_the_right_edge_and_rows_keep_their_order(tmp_path):
    out = tmp_path / "list.pdf"
    write(out, n=120)
    seen = []
    setup = PageSetup()
    right, left = A4_W - setup.margin_side, setup.margin_side
    for page in read_pdf(out):
        for word in page.words:
            if word.text.startswith("R0"):
                seen.append(word.text)
                # centred in the first (rightmost, 40 pt) column
                assert right - 40 < word.x0 < word.x1 < right
            if word.text.startswith("note"):
                last_column = (A4_W - 2 * setup.margin_side - 40) * 2 / 5.5
                assert left <= word.x0 < word.x1 <= left + last_column  # the last column is at the left
    assert seen == [f"R{i:04d}" for i in range(1, 121)]


def test_phone_digits_read_left_to_right_in_an_ltr_column(tmp_path):
    out = tmp_path / "list.pdf"
    write(out, n=3)
    text = read_pdf(out)[0].visual_text()
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in text
    assert "0912 123 4567" in to_latin(text)


def test_landscape(tmp_path):
    out = tmp_path / "wide.pdf"
    write(out, n=10, setup=PageSetup(landscape=True))
    page = read_pdf(out)[0]
    assert (round(page.width), round(page.height)) == (842, 595)


def test_long_cells_wrap_inside_their_column_and_lose_nothing(tmp_path):
    out = tmp_path / "long.pdf"
    words = [f"w{i:04d}" for i in range(1200)]  # about two pages of one cell
    table = Table([Column("A", width=1), Column("B", width=1)])
    with ReportWriter(out, INFO) as doc:
        table.draw(doc, [["first", " ".join(words)], ["last", "end"]])
    pages = read_pdf(out)
    assert len(pages) >= 2  # a row taller than a page continues on the next one
    found = [w for page in pages for w in page.words if w.text.startswith("w")]
    assert [w.text for w in found] == words
    middle = A4_W / 2
    assert all(w.x1 <= middle + 1 for w in found)  # column B is the left half: nothing spills
    assert all(page.find("A") for page in pages)  # header repeated


def test_sections_subtotals_and_totals(tmp_path):
    out = tmp_path / "totals.pdf"
    table = Table([Column("Item", width=2), Column("Amount", width=1, align="left")])
    with ReportWriter(out, INFO) as doc:
        with table.open(doc) as t:
            t.section("فروردین ۱۴۰۴")
            t.row(["a1", "1,000"])
            t.row(["a2", "2,000"])
            t.subtotal(["sub1", "3,000"])
            t.add(Row.section("اردیبهشت ۱۴۰۴"))
            t.add(Row(["b1", "4,000"]))
            t.add(Row(["sub2", "4,000"], "subtotal"))
            t.total(["total", "7,000"])
    page = read_pdf(out)[0]
    order = [w.text for w in sorted(page.words, key=lambda w: w.y0) if w.text in ("a1", "sub1", "b1", "sub2", "total")]
    assert order == ["a1", "sub1", "b1", "sub2", "total"]
    assert has_persian(page, "فروردین") and has_persian(page, "اردیبهشت")
    amount = page.find("7,000")[0]
    assert amount.x0 < doc.left + 10  # align="left": at the left edge of its column


def test_card_shows_labels_at_the_right_and_values_beside_them(tmp_path):
    out = tmp_path / "card.pdf"
    with ReportWriter(out, INFO) as doc:
        draw_card(
            doc,
            "مریم احمدی",
            [
                Section("مشخصات", [Field("سازمان", "شرکت پارس"), Field("کد ملی", "۰۰۱۲۳۴۵۶۷۸", ltr=True), Field("خالی", "")]),
                Section("تماس", [Field("همراه", ["۰۹۱۲ ۱۲۳ ۴۵۶۷", "۰۹۳۵ ۱۱۱ ۲۲۲۲"], ltr=True), Field("ایمیل", "m.ahmadi@example.com", ltr=True)]),
                Section("بی‌فیلد", [Field("x", None)]),
            ],
        )
    page = read_pdf(out)[0]
    assert has_persian(page, "مریم احمدی") and has_persian(page, "شرکت پارس")
    assert not has_persian(page, "خالی") and not has_persian(page, "بی‌فیلد")  # empty: left out
    text = page.visual_text()
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in text and "۰۹۳۵ ۱۱۱ ۲۲۲۲" in text
    email = page.find("m.ahmadi@example.com")[0]
    label = [w for w in page.words if logical(w.text) == "ایمیل"][0]
    assert label.x0 > email.x1  # the label is to the right of its value


def test_a_missing_folder_a_folder_or_no_name_is_one_clear_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        ReportWriter(tmp_path / "nope" / "x.pdf", INFO)
    with pytest.raises(OutputError, match="is a folder"):
        ReportWriter(tmp_path, INFO)
    with pytest.raises(OutputError, match="no output file"):
        ReportWriter("", INFO)


def test_an_unwritable_folder_even_for_root(tmp_path, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if str(path) == str(tmp_path) else real_access(path, mode))
    with pytest.raises(OutputError, match=f"cannot write in the folder {tmp_path}"):
        ReportWriter(tmp_path / "x.pdf", INFO)


def test_an_error_half_way_leaves_no_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "list.pdf"
    out.write_bytes(b"old report")

    def failing_rows():
        yield from rows(200)
        raise Cancelled()

    with pytest.raises(Cancelled):
        with ReportWriter(out, INFO) as doc:
            latin_table().draw(doc, failing_rows())
    assert out.read_bytes() == b"old report"
    assert files_in(tmp_path) == ["list.pdf"]  # no temporary file left behind


def test_the_finished_file_replaces_the_old_one_with_normal_permissions(tmp_path):
    out = tmp_path / "list.pdf"
    out.write_bytes(b"old report")
    write(out, n=5)
    assert out.read_bytes().startswith(b"%PDF-")
    assert files_in(tmp_path) == ["list.pdf"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_pages_are_streamed_to_disk_while_drawing(tmp_path):
    out = tmp_path / "big.pdf"
    with ReportWriter(out, INFO) as doc:
        latin_table().draw(doc, rows(600))
        assert doc.pages > 10
        assert doc._temp.stat().st_size > 15_000  # the pages are in the file already
        assert not out.exists()  # …but not under the final name yet
    assert out.exists()


def _peak_memory(path, n):
    def repeating_rows():  # few distinct texts: the bounded text caches stay put
        for i in range(n):
            yield [f"R{i % 50}", f"name{i % 50}", "۰۹۱۲ ۱۲۳ ۴۵۶۷", f"note{i % 50}"]

    tracemalloc.start()
    try:
        with ReportWriter(path, INFO) as doc:
            latin_table().draw(doc, repeating_rows())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_rows(tmp_path):
    _peak_memory(tmp_path / "warm.pdf", 50)  # fonts, caches
    small = _peak_memory(tmp_path / "small.pdf", 300)
    big = _peak_memory(tmp_path / "big.pdf", 3000)  # 10 × the rows, about 10 × the pages
    assert big < small * 1.5 + 200_000, (small, big)


def test_text_caches_are_bounded():
    from crm_desktop.reports import bidi

    assert bidi.token_width.cache_info().maxsize <= 20_000
    assert bidi._shape_word.cache_info().maxsize <= 20_000


def test_user_error_carries_a_persian_message(tmp_path):
    with pytest.raises(UserError) as caught:
        ReportWriter(tmp_path / "nope" / "x.pdf", INFO)
    assert "وجود ندارد" in caught.value.fa
