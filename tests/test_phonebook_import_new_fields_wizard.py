"""The import wizard's «فیلد دلخواه تازه» on real widgets: offered (never chosen) for a column
with data whose header a custom field may take, the columns page naming what fills nothing,
the preview and the result page with the new fields, a vCard's X-CRM-FIELD names on the
settings page, and a refused or cancelled import leaving no field."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from crm_desktop.core.text import isolate
from crm_desktop.office import Office
from crm_desktop.phonebook.import_fields import NEW_FIELD
from crm_desktop.phonebook.model import CustomField
from crm_desktop.phonebook.views import import_wizard
from crm_desktop.phonebook.views.import_wizard import ImportWizard
from crm_desktop.ui import dialogs
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

CSV = """نام,موبایل,نحوه آشنایی,تاریخ تولد همسر,امتیاز باشگاه,موبایل ۲,نام مدير,خالی,نحوه آشنایی
مریم,09121234567,معرفی دوستان,1365/04/12,۱۲۵۰,,رضا,,x
علی,09127654321,تبلیغات,-,17,09351112233,,,y
"""


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: None)


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    office.phonebook.add_field(CustomField("نام مدیر"))
    yield office
    office.close()


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def open_wizard(qtbot, office, path):
    wizard = ImportWizard(office, path=path)
    qtbot.addWidget(wizard)
    wizard.resize(760, 560)
    wizard.show()
    return wizard


def q(name: str) -> str:
    """A name as the wizard's Persian sentences quote it: isolated (bidi) inside «»."""
    return f"«\u2068{name}\u2069»"


def items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def choose_new_field(combo) -> None:
    combo.setCurrentIndex(combo.findData(NEW_FIELD))


def fields(office) -> dict[str, tuple[str, bool]]:
    return {f.name: (f.kind, f.show_in_table) for f in office.phonebook.fields()}


def finish(qtbot, wizard) -> None:
    wizard.next()  # the settings
    wizard.next()  # «ورود»
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)


def test_a_new_field_is_offered_but_never_chosen_and_the_page_says_what_it_keeps(qtbot, office, csv_file):
    wizard = open_wizard(qtbot, office, csv_file)
    wizard.next()
    page = wizard.mapping_page
    combos = page.combos
    assert [c.currentText() for c in combos] == [
        "نام و نام خانوادگی", "تلفن همراه", "نادیده گرفته شود", "نادیده گرفته شود", "نادیده گرفته شود",
        "تلفن همراه", "نام مدیر", "نادیده گرفته شود", "نادیده گرفته شود"]
    offered = {i: items(c)[-1] for i, c in enumerate(combos) if c.findData(NEW_FIELD) >= 0}
    # «نام» and «موبایل ۲»: built-in names; «نام مدير»: the book's «نام مدیر»; «خالی»: no data;
    # the second «نحوه آشنایی»: the first one's field
    assert offered == {2: "فیلد دلخواه تازه", 3: "فیلد دلخواه تازه", 4: "فیلد دلخواه تازه"}
    # the guessed kind is in a picker beside the combo, shown once the new field is chosen
    pickers = page.kind_pickers
    assert {i: p.currentText() for i, p in pickers.items()} == {2: "متن", 3: "تاریخ", 4: "عدد"}
    assert not any(p.isVisible() for p in pickers.values())
    assert combos[3].itemData(combos[3].findData(NEW_FIELD), Qt.ToolTipRole) == (
        f"فیلد دلخواه تازه‌ای به نام {q('تاریخ تولد همسر')} از نوع تاریخ ساخته می‌شود.")
    assert page.unmapped.isVisible()
    assert page.unmapped.text() == (
        f"۳ ستون داده دارد و هیچ فیلدی را پر نمی‌کند ({q('نحوه آشنایی')}، {q('تاریخ تولد همسر')}، {q('امتیاز باشگاه')})؛ "
        f"با «فیلد دلخواه تازه» داده‌شان نگه داشته می‌شود. ستون {q('نحوه آشنایی')} هم داده دارد و وارد نمی‌شود: "
        "ستون دیگری همین فیلد را می‌سازد.")
    choose_new_field(combos[2])
    choose_new_field(combos[3])
    assert pickers[2].isVisible() and pickers[3].isVisible() and not pickers[4].isVisible()
    assert page.unmapped.text() == (
        f"ستون {q('امتیاز باشگاه')} داده دارد و هیچ فیلدی را پر نمی‌کند؛ با «فیلد دلخواه تازه» داده‌اش نگه داشته می‌شود. "
        f"ستون {q('نحوه آشنایی')} هم داده دارد و وارد نمی‌شود: ستون دیگری همین فیلد را می‌سازد.")
    choose_new_field(combos[4])
    combos[8].setCurrentIndex(combos[8].findData(""))
    assert page.unmapped.text() == f"ستون {q('نحوه آشنایی')} داده دارد و وارد نمی‌شود: ستون دیگری همین فیلد را می‌سازد."
    assert page.problems() == ["درست", "درست"]  # the «-» of a date is no date: the row is fine
    assert fields(office) == {"نام مدیر": ("text", False)}  # nothing is made before «ورود»
    finish(qtbot, wizard)
    assert wizard.summary.added == 2
    counts = wizard.summary_page.counts.text().splitlines()
    assert counts[1] == (f"۳ فیلد دلخواه ساخته شد: {q('نحوه آشنایی')} (متن)، {q('تاریخ تولد همسر')} (تاریخ)، "
                         f"{q('امتیاز باشگاه')} (عدد).")
    assert counts[2] == f"ستون {q('نحوه آشنایی')} به هیچ فیلدی نگاشته نشد و وارد نشد."
    assert fields(office) == {"نام مدیر": ("text", False), "نحوه آشنایی": ("text", True),
                              "تاریخ تولد همسر": ("date", True), "امتیاز باشگاه": ("number", True)}
    names = {f.id: f.name for f in office.phonebook.fields()}
    stored = {c.display_name: {names[k]: v for k, v in c.custom.items()} for c in office.phonebook.iter_contacts()}
    assert stored == {"مریم": {"نحوه آشنایی": "معرفی دوستان", "تاریخ تولد همسر": "1986-07-03", "امتیاز باشگاه": "1250",
                               "نام مدیر": "رضا"},
                      "علی": {"نحوه آشنایی": "تبلیغات", "امتیاز باشگاه": "17"}}


def test_one_new_field_is_told_in_one_line(qtbot, office, csv_file):
    wizard = open_wizard(qtbot, office, csv_file)
    wizard.next()
    choose_new_field(wizard.mapping_page.combos[3])
    finish(qtbot, wizard)
    assert f"فیلد دلخواه {q('تاریخ تولد همسر')} (تاریخ) ساخته شد." in wizard.summary_page.counts.text().splitlines()


def test_a_refused_import_makes_no_field(qtbot, office, tmp_path, monkeypatch):
    path = tmp_path / "bad.csv"
    path.write_text("نام,موبایل,نحوه آشنایی\nمریم,09121234567,دوست\nعلی,0912,همکار\n", encoding="utf-8")
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: seen.append(box.text()))
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    choose_new_field(wizard.mapping_page.combos[2])
    wizard.next()
    wizard.policy_page.refuse_bad.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.operation is None, timeout=10_000)
    assert wizard.currentId() == import_wizard.PAGE_POLICY and "هیچ مخاطبی وارد نشد" in seen[0]
    assert fields(office) == {"نام مدیر": ("text", False)}


def test_a_cancelled_import_makes_no_field(qtbot, office, tmp_path, monkeypatch):
    path = tmp_path / "many.csv"
    path.write_text("نام,موبایل,نحوه آشنایی\n" + "".join(f"نفر{i},0912{i:07d},دوست\n" for i in range(3000)),
                    encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    choose_new_field(wizard.mapping_page.combos[2])
    wizard.next()
    from crm_desktop.phonebook.importer import run_import
    from crm_desktop.phonebook.views import import_run

    adding = []

    def run_until_adding(args, progress):
        def stop_when_adding(done, total, text=""):
            if text == "افزودن مخاطبان…":  # the fields are made by now, in the transaction
                adding.append(done)
                wizard.operation.cancel()
            return progress(done, total, text)
        return run_import(args, stop_when_adding)

    monkeypatch.setattr(import_run, "run", run_until_adding)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.operation is None, timeout=20_000)
    assert adding and wizard.currentId() == import_wizard.PAGE_POLICY
    assert "لغو" in wizard.policy_page.status.text()
    assert fields(office) == {"نام مدیر": ("text", False)}
    assert office.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0


VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:احمدی;مریم;;;\r\nTEL;TYPE=CELL:09121234567\r\n"
         "X-CRM-FIELD:نحوه آشنایی;معرفی دوستان\r\nX-CRM-FIELD:نام مدیر;رضا\r\nX-CRM-FIELD:تاریخ عضویت;2024-03-20\r\n"
         "END:VCARD\r\n")


@pytest.mark.parametrize("make", [True, False])
def test_a_vcards_fields_the_book_lacks_are_made_when_asked(qtbot, office, tmp_path, make):
    path = tmp_path / "cards.vcf"
    path.write_text(VCARD, encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_POLICY
    box = wizard.policy_page.new_fields
    assert box.isVisible() and not box.isChecked()
    assert box.text() == "فیلدهای دلخواهی که کارت‌ها دارند و دفتر ندارد ساخته شود"
    names = f"فیلدها: {q('نحوه آشنایی')}، {q('تاریخ عضویت')}"
    # off, the page says what becomes of their values; on, only which fields
    assert wizard.policy_page.new_names.text() == f"{names}؛ اگر ساخته نشوند، مقدارشان وارد نمی‌شود."
    box.setChecked(True)
    assert wizard.policy_page.new_names.text() == names
    box.setChecked(make)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    made = {"نحوه آشنایی": ("text", True), "تاریخ عضویت": ("date", True)} if make else {}
    assert fields(office) == {"نام مدیر": ("text", False), **made}
    counts = wizard.summary_page.counts.text()
    assert (f"۲ فیلد دلخواه ساخته شد: {q('نحوه آشنایی')} (متن)، {q('تاریخ عضویت')} (تاریخ)." in counts) is make
    left_out = [f"فیلد {q('نحوه آشنایی')} در دفتر نیست؛ مقدار ۱ کارت وارد نشد.",
                f"فیلد {q('تاریخ عضویت')} در دفتر نیست؛ مقدار ۱ کارت وارد نشد."]
    if make:
        assert "در دفتر نیست" not in counts
    else:  # the result page names each field left out, with how many cards had a value for it
        assert counts.splitlines()[1:] == left_out


def test_a_vcard_without_new_fields_asks_nothing(qtbot, office, tmp_path):
    path = tmp_path / "cards.vcf"
    path.write_text(VCARD.replace("X-CRM-FIELD:نحوه آشنایی;معرفی دوستان\r\n", "")
                    .replace("X-CRM-FIELD:تاریخ عضویت;2024-03-20\r\n", ""), encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_POLICY and not wizard.policy_page.new_fields.isVisible()
    assert wizard.button(QWizard.NextButton).text() == "ورود"


def test_a_big_vcard_offers_its_new_fields_without_reading_their_names_first(qtbot, office, tmp_path, monkeypatch):
    from crm_desktop.phonebook.views import import_run

    monkeypatch.setattr(import_run, "VCARD_NAMES_BYTES", 100)
    path = tmp_path / "cards.vcf"
    path.write_text(VCARD, encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    page = wizard.policy_page
    assert page.new_fields.isVisible() and page.new_names.text() == "(نام فیلدها از خطوط X-CRM-FIELD کارت‌ها خوانده می‌شود.)"
    page.new_fields.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_SUMMARY, timeout=10_000)
    assert fields(office) == {"نام مدیر": ("text", False), "نحوه آشنایی": ("text", True), "تاریخ عضویت": ("date", True)}


# --- the kind picker ----------------------------------------------------------------------------------

KINDS_CSV = ("نام,موبایل,واتساپ,شعبه,امتیاز\n"
             "مریم,09121234567,+44 20 7946 0958,شمال,12\n"
             "علی,09127654321,+1 202 555 0100,جنوب,7\n"
             "سارا,09351234567,,شمال,\n")


def pick(page, index: int, kind: str) -> None:
    picker = page.kind_pickers[index]
    picker.setCurrentIndex(picker.findData(kind))


def test_a_kind_a_value_does_not_fit_is_refused_in_red_and_the_picker_goes_back(qtbot, office, tmp_path):
    path = tmp_path / "kinds.csv"
    path.write_text(KINDS_CSV, encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    page = wizard.mapping_page
    choose_new_field(page.combos[2])
    picker = page.kind_pickers[2]
    assert picker.isVisible() and picker.currentText() == "متن"  # «+44…» would lose its «+» as a number
    assert [picker.itemText(i) for i in range(picker.count())] == ["متن", "عدد", "تاریخ", "فهرست انتخابی"]
    pick(page, 2, "number")
    assert page.kind_error.isVisible()
    assert page.kind_error.text() == (f"ستون {q('واتساپ')} فیلد «عدد» نمی‌شود: فیلد عدد «{isolate('+44 20 7946 0958')}» "
                                      f"(ردیف ۲) را همان‌گونه که نوشته شده نگه نمی‌دارد ({isolate('۴۴۲۰۷۹۴۶۰۹۵۸')} می‌شود).")
    assert picker.currentText() == "متن" and wizard.mapping[2] == NEW_FIELD
    pick(page, 2, "date")
    assert f"«{isolate('+44 20 7946 0958')}» (ردیف ۲) تاریخ درستی نیست" in page.kind_error.text()
    assert picker.currentText() == "متن"
    choose_new_field(page.combos[4])
    assert page.kind_pickers[4].currentText() == "عدد"
    pick(page, 4, "text")  # every value fits text: taken, the red line goes
    assert not page.kind_error.isVisible() and wizard.mapping[4] == "new_field:text"
    finish(qtbot, wizard)
    assert fields(office) == {"نام مدیر": ("text", False), "واتساپ": ("text", True), "امتیاز": ("text", True)}
    names = {f.id: f.name for f in office.phonebook.fields()}
    stored = {c.display_name: {names[k]: v for k, v in c.custom.items()} for c in office.phonebook.iter_contacts()}
    assert stored["مریم"] == {"واتساپ": "+44 20 7946 0958", "امتیاز": "12"}


def test_the_red_kind_error_goes_once_its_column_makes_no_new_field(qtbot, office, tmp_path):
    """It stayed on screen after «واتساپ» was switched to «نادیده گرفته شود»."""
    path = tmp_path / "kinds.csv"
    path.write_text(KINDS_CSV, encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    page = wizard.mapping_page
    choose_new_field(page.combos[2])
    pick(page, 2, "number")
    assert page.kind_error.isVisible() and "واتساپ" in page.kind_error.text()
    choose_new_field(page.combos[4])  # another column: the refusal still stands for «واتساپ»
    assert page.kind_error.isVisible() and "واتساپ" in page.kind_error.text()
    page.combos[2].setCurrentIndex(page.combos[2].findData(""))
    assert not page.kind_error.isVisible() and page.kind_error.text() == ""
    assert not page.kind_pickers[2].isVisible() and 2 not in wizard.mapping
    choose_new_field(page.combos[2])  # chosen again: the kind it kept, and no old refusal
    assert page.kind_pickers[2].currentText() == "متن" and not page.kind_error.isVisible()
    pick(page, 2, "date")
    assert page.kind_error.isVisible()
    page.combos[2].setCurrentIndex(page.combos[2].findData("other_phone"))  # a built-in field: no new one either
    assert not page.kind_error.isVisible()


def test_a_choice_list_picked_takes_the_columns_values_as_its_choices(qtbot, office, tmp_path):
    path = tmp_path / "kinds.csv"
    path.write_text(KINDS_CSV, encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    page = wizard.mapping_page
    combo = page.combos[3]
    choose_new_field(combo)
    assert page.kind_pickers[3].currentText() == "متن"  # 3 cells of 2 values: too few to guess a list
    pick(page, 3, "choice")
    assert not page.kind_error.isVisible() and wizard.mapping[3] == "new_field:choice"
    assert page.kind_pickers[3].toolTip() == (f"فیلد دلخواه تازه‌ای به نام {q('شعبه')} از نوع فهرست انتخابی ساخته می‌شود.\n"
                                              f"گزینه‌ها: {q('شمال')}، {q('جنوب')}")
    assert page.problems() == ["درست", "درست", "درست"]
    combo.setCurrentIndex(combo.findData(""))  # ignored again: the picker hides, the kind is kept for later
    assert not page.kind_pickers[3].isVisible() and 3 not in wizard.mapping
    choose_new_field(combo)
    assert page.kind_pickers[3].currentText() == "فهرست انتخابی"
    finish(qtbot, wizard)
    made = {f.name: (f.kind, f.choices) for f in office.phonebook.fields()}
    assert made["شعبه"] == ("choice", ["شمال", "جنوب"])
    assert f"فیلد دلخواه {q('شعبه')} (فهرست انتخابی) ساخته شد." in wizard.summary_page.counts.text().splitlines()


def test_a_240_letter_header_keeps_the_wizard_on_a_1024_by_600_screen(qtbot, office, tmp_path, monkeypatch):
    from crm_desktop.ui import screen

    monkeypatch.setattr(screen, "available_width", lambda parent: 1024)
    monkeypatch.setattr(screen, "available_height", lambda parent: 600)
    long = "ستون" * 60
    path = tmp_path / "long.csv"
    path.write_text(f"نام,موبایل,{long},ضمیمه\nمریم,09121234567,x,y\n", encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.resize(1008, 552)
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: page.unmapped.isVisible())
    assert page.unmapped.text() == (f"ستون {q('ضمیمه')} داده دارد و هیچ فیلدی را پر نمی‌کند؛ با «فیلد دلخواه تازه» "
                                    f"داده‌اش نگه داشته می‌شود. ستون {q(long[:39] + '…')} هم داده دارد و وارد نمی‌شود: "
                                    "نام ستون برای فیلد بیش از ۱۰۰ نویسه است.")
    assert wizard.width() <= 1024 - screen.FRAME_ROOM and wizard.height() <= 600 - screen.TITLE_BAR_ROOM
    # nor would the whole header, were it not cut: the line's width is the page's (it made the
    # wizard 1,575 px wide)
    from crm_desktop.phonebook.views import import_run

    monkeypatch.setattr(import_run, "_shown", lambda name: f"«{name}»")
    wizard.back()
    wizard.next()
    qtbot.wait(50)
    assert long in page.unmapped.text()
    assert wizard.width() <= 1024 - screen.FRAME_ROOM and page.unmapped.width() < page.width()


def test_a_big_files_new_field_kinds_are_guessed_on_the_worker_that_read_it(qtbot, office, tmp_path, monkeypatch):
    """Each kind guess walks its whole column (about 0.6 s for the ten such columns of a 100,000-row
    export): for a file over READ_AT_ONCE_BYTES they are made with the read, off the UI thread,
    and the columns page only shows them."""
    import threading

    from crm_desktop.phonebook import import_fields

    path = tmp_path / "big.csv"
    path.write_text("نام,موبایل,تاریخ تولد همسر\n"
                    + "".join(f"نفر{i},0912{i:07d},1370/01/{i % 28 + 1:02d}\n" for i in range(600)), encoding="utf-8")
    monkeypatch.setattr(import_wizard.ImportWizard, "READ_AT_ONCE_BYTES", 1000)
    threads = []
    planned = import_fields.planned
    monkeypatch.setattr(import_fields, "planned",
                        lambda *a, **k: threads.append(threading.current_thread()) or planned(*a, **k))
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == import_wizard.PAGE_MAPPING, timeout=10_000)
    page = wizard.mapping_page
    assert page.kind_pickers[2].currentText() == "تاریخ"
    guessed = [t for t in threads if t is not threading.main_thread()]
    assert guessed and len(guessed) == 1  # one guess, on the worker; the page read it from there
    choose_new_field(page.combos[2])
    assert page.kind_pickers[2].isVisible() and wizard.mapping[2] == NEW_FIELD


def test_a_file_without_rows_is_refused_on_the_file_page(qtbot, office, tmp_path, monkeypatch):
    path = tmp_path / "empty.csv"
    path.write_text("نام,موبایل\n", encoding="utf-8")
    wizard = open_wizard(qtbot, office, path)
    wizard.next()
    assert wizard.currentId() == import_wizard.PAGE_FILE
    assert wizard.file_page.error.text() == "در این پرونده سطری برای ورود نیست."
