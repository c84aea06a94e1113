"""The import wizard on a small CSV with a bad row and a duplicate: the preview shows the bad row,
the summary says what happened to each row, the database holds exactly the expected contacts;
«انصراف» during the import leaves the database as it was."""

import pytest
from PySide6.QtWidgets import QWizard

from crm_desktop.office import Office
from crm_desktop.phonebook import model
from crm_desktop.phonebook.views import import_wizard
from crm_desktop.phonebook.views.import_wizard import ImportWizard
from crm_desktop.ui import dialogs
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

CSV = """نام,نام خانوادگی,موبایل,ایمیل
مریم,احمدی,۰۹۱۲۱۲۳۴۵۶۷,maryam@example.com
علی,رضایی,0912 765 4321,
بد,ردیف,۰۹۱۲۳,
سارا,کریمی,+98 935 111 2233,
"""


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """A box nobody answers counts as closed (a test that expects one sets its own hook)."""
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    yield office
    office.close()


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def names(office):
    return sorted(row[0].strip() for row in office.conn.execute("SELECT first_name || ' ' || last_name FROM contacts"))


def open_wizard(qtbot, office, path):
    wizard = ImportWizard(office, path=path)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_a_csv_with_a_bad_row_and_a_duplicate(qtbot, office, csv_file):
    existing = office.phonebook.add(model.normalised(model.Contact(first_name="علی", last_name="رضایی‌پور",
                                                                   phones=[model.Phone("09127654321")])))
    wizard = open_wizard(qtbot, office, csv_file)
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_MAPPING
    page = wizard.mapping_page
    assert [c.currentData() for c in page.combos] == ["first_name", "last_name", "mobile", "email"]
    problems = page.problems()
    assert problems[0] == "درست" and problems[3] == "درست"
    # the saved mobile is told before the import, not only in its summary (in amber: not an error)
    assert problems[1] == "تکراری: شماره همراه \u2066۰۹۱۲ ۷۶۵ ۴۳۲۱\u2069 از پیش برای «علی رضایی‌پور» ثبت است"
    assert page.preview.item(1, 4).foreground().color().name() == "#8a5300"
    assert problems[2].startswith("تلفن همراه")
    assert page.preview.item(2, 4).foreground().color().name() == "#c62828"
    assert page.preview.item(2, 0).text() == "۴"  # the spreadsheet's row number
    assert page.summary.text() == ("۴ سطر در پرونده؛ از ۴ سطر اول، ۱ سطر ایراد دارد و "
                                   "۱ سطر تکراری است (در گام بعد بگویید نادیده گرفته شود یا ادغام).")
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_POLICY
    assert wizard.button(QWizard.NextButton).text() == "ورود"
    wizard.next()  # starts the import on a worker
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    summary = wizard.summary
    assert (summary.added, summary.merged, summary.skipped, summary.rejected) == (2, 0, 1, 1)
    counts = wizard.summary_page.counts.text()
    assert "۲ مخاطب افزوده شد" in counts and "۱ تکراری" in counts and "۱ سطر نادرست" in counts
    rows = wizard.summary_page.shown_rows()
    assert [(r[0], r[1]) for r in rows] == [("۳", "تکراری؛ نادیده گرفته شد"), ("۴", "کنار گذاشته شد")]
    assert "تلفن همراه" in rows[1][2]
    assert names(office) == sorted(["علی رضایی‌پور", "مریم احمدی", "سارا کریمی"])
    assert office.phonebook.get(existing).last_name == "رضایی‌پور"


def test_the_preview_marks_a_mobile_written_again_further_down(qtbot, office, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("نام,موبایل\nمریم,09121234567\nمریم,۰۹۱۲ ۱۲۳ ۴۵۶۷\n", encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    page = wizard.mapping_page
    assert page.problems() == ["درست", "تکراری: شماره همراه \u2066۰۹۱۲ ۱۲۳ ۴۵۶۷\u2069 پیش‌تر در ردیف ۲ ثبت است"]


def test_the_preview_shows_an_extension_with_its_number(qtbot, office, tmp_path):
    path = tmp_path / "work.csv"
    path.write_text("نام,تلفن محل کار\nمریم,021 8877 6655 داخلی 12\n", encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    assert wizard.mapping_page.preview.item(0, 2).text() == "\u2066۰۲۱ ۸۸۷۷ ۶۶۵۵\u2069 داخلی ۱۲"


def test_the_columns_page_says_which_rows_above_and_under_the_headers_are_not_read(qtbot, office, tmp_path):
    path = tmp_path / "titled.csv"
    path.write_bytes("فهرست مشتریان 1403-01-10\r\nنام,نام خانوادگی,تلفن\r\nName,Family,Phone\r\n"
                     "علی,رضایی,09121234567\r\nسارا,محمدی,0935\r\n".encode("utf-8"))
    wizard = open_wizard(qtbot, office, path)
    wizard.resize(760, 560)
    wizard.next()
    page = wizard.mapping_page
    assert page.skipped.isVisible()
    assert page.skipped.text().splitlines() == [
        "ردیف ۱ (عنوان: «\u2068فهرست مشتریان \u20661403-01-10\u2069\u2069») خوانده نشد.",
        "ردیف ۳ (سطر دوم سرستون‌ها: «\u2068Name, Family, Phone\u2069») خوانده نشد."]
    assert [page.preview.item(r, 0).text() for r in range(page.preview.rowCount())] == ["۴", "۵"]
    assert page.preview.item(0, 1).text() == "علی رضایی"
    # the whole of each line is on the page (word wrap, not cut)
    assert page.skipped.width() >= page.skipped.fontMetrics().horizontalAdvance(page.skipped.text().splitlines()[0])
    wizard.grab().save(str(tmp_path / "columns_page.png"))
    # a file without such rows shows no line for them
    plain = tmp_path / "plain.csv"
    plain.write_bytes("نام,موبایل\r\nمریم,09121234567\r\n".encode("utf-8"))
    other = open_wizard(qtbot, office, plain)
    other.next()
    assert not other.mapping_page.skipped.isVisible() and other.mapping_page.skipped.text() == ""


def test_merge_and_refuse(qtbot, office, csv_file, monkeypatch):
    office.phonebook.add(model.normalised(model.Contact(first_name="علی", phones=[model.Phone("09127654321")])))
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: seen.append(box.text()))
    wizard = open_wizard(qtbot, office, csv_file)
    wizard.next()
    wizard.next()
    wizard.policy_page.merge_duplicates.setChecked(True)
    wizard.policy_page.refuse_bad.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.operation is None, timeout=10_000)
    assert wizard.currentId() == import_wizard.PAGE_POLICY
    assert seen and "هیچ مخاطبی وارد نشد" in seen[0]
    assert names(office) == ["علی"]
    # skip the bad row instead: the duplicate is merged (it brings the last name)
    wizard.policy_page.skip_bad.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    assert (wizard.summary.added, wizard.summary.merged, wizard.summary.rejected) == (2, 1, 1)
    assert names(office) == sorted(["علی رضایی", "مریم احمدی", "سارا کریمی"])


def test_a_big_file_is_read_off_the_ui_thread_and_imported_without_reading_it_again(qtbot, office, tmp_path,
                                                                                   monkeypatch):
    """A file over READ_AT_ONCE_BYTES is read on a worker (the window keeps painting; a 100,000-row
    XLSX took 12 s on the UI thread); the wizard moves to the columns once it is read, and the
    import uses that table."""
    from crm_desktop.phonebook import importer, table as tables

    path = tmp_path / "big.csv"
    path.write_text("نام,موبایل\n" + "".join(f"نفر{i},0912{i:07d}\n" for i in range(600)), encoding="utf-8")
    monkeypatch.setattr(ImportWizard, "READ_AT_ONCE_BYTES", 1000)
    reads = []
    read_table = tables.read_table
    monkeypatch.setattr(tables, "read_table", lambda *a, **k: reads.append(a[0]) or read_table(*a, **k))
    monkeypatch.setattr(importer, "read_table", lambda *a, **k: pytest.fail("the file was read again"))
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_FILE and wizard.operation is not None
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_MAPPING, timeout=10_000)
    assert wizard.mapping_page.problems()[:2] == ["درست", "درست"]
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    assert wizard.summary.added == 600 and reads == [path]
    assert office.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 600


@pytest.mark.parametrize("heeds_progress", [True, False])
def test_cancel_while_a_big_file_is_read_stays_on_the_file_page(qtbot, office, tmp_path, monkeypatch, heeds_progress):
    """«انصراف» stops the read at its next progress report (an XLSX reports every 2,000 rows); a
    read that ends after the click is thrown away all the same: the wizard stays on «پرونده»."""
    import threading

    from crm_desktop.phonebook import table as tables

    path = tmp_path / "big.csv"
    path.write_text("نام,موبایل\n" + "".join(f"نفر{i},0912{i:07d}\n" for i in range(600)), encoding="utf-8")
    monkeypatch.setattr(ImportWizard, "READ_AT_ONCE_BYTES", 1000)
    clicked, started = threading.Event(), threading.Event()
    read_table = tables.read_table

    def slow_read(*args, progress=None, **kwargs):
        started.set()
        for i in range(500):  # a long read, reporting as it goes (or not)
            if clicked.is_set() and i > 5:
                break
            if heeds_progress:
                progress(i, 500)
            clicked.wait(0.01)
        return read_table(*args, **kwargs)

    monkeypatch.setattr(tables, "read_table", slow_read)
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    operation = wizard.operation
    qtbot.waitUntil(started.is_set, timeout=10_000)
    operation.cancel()
    clicked.set()
    qtbot.waitUntil(lambda: wizard.operation is None, timeout=10_000)
    qtbot.wait(50)
    assert operation.state == ("cancelled" if heeds_progress else "done")
    assert wizard.currentId() == import_wizard.PAGE_FILE and wizard.loaded is None


def test_an_xlsx_read_reports_its_rows_and_stops_when_asked(tmp_path):
    from crm_desktop.errors import Cancelled
    from crm_desktop.phonebook.table import read_table
    from crm_desktop.phonebook.xlsx_io import write_xlsx

    path = tmp_path / "many.xlsx"
    write_xlsx(path, ["نام", "موبایل"], ([f"نفر{i}", f"0912{i:07d}"] for i in range(4500)))
    seen = []
    assert len(read_table(path, progress=lambda done, total: seen.append((done, total))).rows) == 4500
    assert [done for done, _total in seen] == [2000, 4000] and all(total >= done for done, total in seen)

    def stop(done, total):
        raise Cancelled()

    with pytest.raises(Cancelled):
        read_table(path, progress=stop)


def test_a_path_that_is_not_there_is_named_as_an_island(qtbot, office, tmp_path):
    wizard = open_wizard(qtbot, office, tmp_path / "اسناد" / "contacts 2.csv")
    wizard.next()
    assert wizard.file_page.error.text() == f"پرونده «\u2066{tmp_path}/\u2067اسناد\u2069/contacts 2.csv\u2069» پیدا نشد."


def test_a_vcard_is_imported_without_the_columns_step_and_counts_cards(qtbot, office, tmp_path):
    path = tmp_path / "phone.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:احمدی;مریم;;;\r\nTEL;TYPE=CELL:09121234567\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:رضایی;علی;;;\r\nTEL;TYPE=CELL:0912555\r\nEND:VCARD\r\n",
                    encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_POLICY
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    counts = wizard.summary_page.counts.text()
    assert "۱ مخاطب افزوده شد" in counts and "۱ کارت نادرست کنار گذاشته شد" in counts


def test_a_file_named_vcf_that_is_no_vcard_is_refused_on_the_file_page(qtbot, office, tmp_path):
    path = tmp_path / "junk.vcf"
    path.write_bytes(bytes(range(256)) * 40)
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_FILE
    assert wizard.file_page.error.text().endswith("پرونده مخاطبان (vCard، CSV یا اکسل xlsx) نیست.")


def test_cancel_leaves_the_database_unchanged(qtbot, office, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("نام,موبایل\n" + "".join(f"نفر{i},0912{i:07d}\n" for i in range(3000)), encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    wizard.next()
    started = []

    def slow_run(args, progress):
        from crm_desktop.phonebook.importer import run_import

        def slow_progress(done, total, text=""):
            started.append(done)
            import time
            time.sleep(0.002)
            return progress(done, total, text)
        return run_import(args, slow_progress)

    import crm_desktop.phonebook.views.import_run as import_run
    original = import_run.run
    import_run.run = slow_run
    try:
        wizard.next()
        qtbot.waitUntil(lambda: bool(started), timeout=10_000)
        wizard.operation.cancel()
        qtbot.waitUntil(lambda: wizard.operation is None, timeout=20_000)
    finally:
        import_run.run = original
    assert wizard.currentId() == import_wizard.PAGE_POLICY
    assert "لغو" in wizard.policy_page.status.text()
    assert names(office) == []


def test_a_missing_file_is_said_on_the_first_page(qtbot, office, tmp_path):
    wizard = open_wizard(qtbot, office, tmp_path / "nothing.csv")
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_FILE
    assert "پیدا نشد" in wizard.file_page.error.text()


def test_a_sheet_with_hundreds_of_unknown_columns_keeps_the_result_page_on_the_screen(qtbot, office, tmp_path):
    """Each column that filled no field was a line of its own: 200 of them made the result page
    4,000 px tall, «پایان» far below any screen. A few are named, the rest counted."""
    extra = [f"ستون اضافه {i}" for i in range(1, 201)]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(["نام", "موبایل", *extra]) + "\n" + ",".join(["علی", "09121234567", *"x" * 200]) + "\n",
                    encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    counts = wizard.summary_page.counts.text()
    named = "، ".join(f"«\u2068ستون اضافه {i}\u2069»" for i in range(1, 7))  # each isolated: «…1» stays in its «»
    assert counts.splitlines()[1] == f"۲۰۰ ستون به هیچ فیلدی نگاشته نشد و وارد نشد: {named} و ۱۹۴ ستون دیگر."
    assert wizard.sizeHint().height() < 700 and wizard.height() < 700
