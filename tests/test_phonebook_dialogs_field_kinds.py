"""A custom field made as text whose values are really a short list, numbers or dates changes its
kind with its values in it: to a choice list when every value is one of the choices (the
editor can make the choices from the values), to a number or a date when every value reads as
one that the new kind keeps as written (then stored, sorted and searched as one): «007», a phone
or «1 250 000» is no number, «14020105» no date. Otherwise the editor says how many values do
not fit and shows one, and nothing changes; any other change of kind with values stays locked.
The choices made from the values take the Persian spelling of a word written both ways as often."""

import pytest

from crm_desktop.core.text import isolate
from crm_desktop.phonebook import model
from crm_desktop.phonebook.repo import SearchQuery
from crm_desktop.phonebook.views.fields_dialog import FROM_VALUES, FieldEditor, FieldsDialog
from tests.test_phonebook_dialogs_managers import choose_kind, editing, no_modal_boxes, office  # noqa: F401
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

SOURCES = ["معرفی دوستان", "وب‌سایت", "مراجعه حضوری", "وب سایت", "وب‌سایت"]  # «وب سایت»: a rarer spelling
CHECKED = "این فیلد برای ۵ مخاطب مقدار دارد؛ نوعش تنها وقتی عوض می‌شود که همهٔ مقدارها با نوع تازه جور باشند."


def book_with(office, name, values) -> tuple[int, list[int]]:
    """A text field ``name`` and a contact holding each of ``values``."""
    pb = office.phonebook
    field_id = pb.add_field(model.CustomField(name))
    ids = [pb.add(model.Contact(first_name=f"مخاطب{i}", custom={field_id: value})) for i, value in enumerate(values)]
    return field_id, ids


def values_of(office, field_id, ids) -> list[str]:
    return [office.phonebook.get(i).custom.get(field_id) for i in ids]


def edit(qtbot, office, field_id, change):
    """The manager's «ویرایش…» on ``field_id`` with the real editor; (saved, the last editor)."""
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)
    editors = editing(qtbot, dialog, change)
    dialog.select(field_id)
    return dialog.edit(), editors[-1]


def test_a_text_field_becomes_a_choice_list_made_from_its_values(qtbot, office):
    field_id, ids = book_with(office, "نحوه آشنایی", SOURCES)
    seen = []

    def to_choice(editor):
        seen.append((editor.kind.isEnabled(), editor.kind_note.isVisible(), editor.kind_note.text(),
                     editor.kind.toolTip(), editor.from_values.isVisible()))
        choose_kind(editor, "choice")
        seen.append((editor.choices.isVisible(), editor.from_values.isVisible(), editor.from_values.text()))
        editor.choices.setPlainText("تبلیغات")  # a choice of the operator's own stays
        editor.from_values.click()
        seen.append(editor.choices.toPlainText())

    saved, editor = edit(qtbot, office, field_id, to_choice)
    assert seen == [(True, True, CHECKED, CHECKED, False), (True, True, FROM_VALUES),
                    "تبلیغات\nمراجعه حضوری\nمعرفی دوستان\nوب‌سایت"]  # Persian order, each spelling once
    assert saved and not editor.isVisible()
    stored = office.phonebook.fields()[0]
    assert (stored.kind, stored.choices) == ("choice", ["تبلیغات", "مراجعه حضوری", "معرفی دوستان", "وب‌سایت"])
    assert values_of(office, field_id, ids) == [
        "معرفی دوستان", "وب‌سایت", "مراجعه حضوری", "وب‌سایت", "وب‌سایت"]  # as the list writes it
    found = [row.id for row in office.phonebook.rows(SearchQuery("وب سایت"))]
    assert sorted(found) == [ids[1], ids[3], ids[4]]


def test_a_value_the_choices_lack_is_told_and_nothing_changes(qtbot, office):
    field_id, ids = book_with(office, "نحوه آشنایی", [*SOURCES, "تلویزیون", "تلویزیون"])

    def to_choice(editor):
        choose_kind(editor, "choice")
        editor.choices.setPlainText("معرفی دوستان\nوب‌سایت\nمراجعه حضوری")

    saved, editor = edit(qtbot, office, field_id, to_choice)
    assert not saved and editor.isVisible() and editor.error.isVisible()
    assert editor.error.text() == ("«نحوه آشنایی» فهرست انتخابی نمی‌شود: مقدار ۲ مخاطب از گزینه‌ها نیست، "
                                   "مانند «\u2068تلویزیون\u2069».")
    assert editor.kind.currentData() == "choice"  # what was chosen and typed stays to be corrected
    assert editor.choices.toPlainText() == "معرفی دوستان\nوب‌سایت\nمراجعه حضوری"
    assert office.phonebook.fields()[0].kind == "text"
    assert values_of(office, field_id, ids) == [*SOURCES, "تلویزیون", "تلویزیون"]


def test_a_text_field_of_numbers_becomes_a_number_field_sorted_as_numbers(qtbot, office):
    field_id, ids = book_with(office, "تعداد کارکنان", ["۱۲", "۱٬۲۵۰", "9", "۷"])
    saved, _editor = edit(qtbot, office, field_id, lambda editor: choose_kind(editor, "number"))
    assert saved and office.phonebook.fields()[0].kind == "number"
    assert values_of(office, field_id, ids) == ["12", "1250", "9", "7"]
    ordered = [row.id for row in office.phonebook.rows(SearchQuery(order=f"custom:{field_id}"))]
    assert ordered == [ids[3], ids[2], ids[0], ids[1]]  # 7, 9, 12, 1250 (as text: «12» came before «9»)
    assert [row.id for row in office.phonebook.rows(SearchQuery("1250"))] == [ids[1]]


def test_a_value_that_is_no_number_is_told(qtbot, office):
    field_id, ids = book_with(office, "تعداد کارکنان", ["۱۲", "حدود ده", "9"])
    saved, editor = edit(qtbot, office, field_id, lambda editor: choose_kind(editor, "number"))
    assert not saved and editor.isVisible()
    assert editor.error.text() == "«تعداد کارکنان» عدد نمی‌شود: مقدار ۱ مخاطب عدد نیست، مانند «\u2068حدود ده\u2069»."
    assert office.phonebook.fields()[0].kind == "text" and values_of(office, field_id, ids) == ["۱۲", "حدود ده", "9"]


def test_a_text_field_of_dates_becomes_a_date_field_searched_in_jalali(qtbot, office):
    field_id, ids = book_with(office, "تاریخ قرارداد", ["۱۴۰۳/۰۷/۱۵", "1403-01-05", "1402.12.29"])
    saved, _editor = edit(qtbot, office, field_id, lambda editor: choose_kind(editor, "date"))
    assert saved and office.phonebook.fields()[0].kind == "date"
    assert values_of(office, field_id, ids) == ["2024-10-06", "2024-03-24", "2024-03-19"]
    assert [row.id for row in office.phonebook.rows(SearchQuery("1403/07/15"))] == [ids[0]]


def test_a_value_that_is_no_date_is_told(qtbot, office):
    field_id, ids = book_with(office, "تاریخ قرارداد", ["۱۴۰۳/۰۷/۱۵", "اول مهر", "1404/12/30", "فردا"])
    saved, editor = edit(qtbot, office, field_id, lambda editor: choose_kind(editor, "date"))
    assert not saved
    assert editor.error.text() == ("«تاریخ قرارداد» تاریخ نمی‌شود: مقدار ۳ مخاطب تاریخ درست نیست، "
                                   f"مانند «{isolate('1404/12/30')}».")
    assert office.phonebook.fields()[0].kind == "text"
    assert values_of(office, field_id, ids) == ["۱۴۰۳/۰۷/۱۵", "اول مهر", "1404/12/30", "فردا"]


def test_numbers_a_number_field_would_not_keep_as_written_are_told_and_kept(qtbot, office):
    """«کد اشتراک» became a number field and its values 7, 9121234567, 442079460958, 1250000:
    no warning, no way back."""
    written = ["007", "0912 123 4567", "+44 20 7946 0958", "1 250 000"]
    field_id, ids = book_with(office, "کد اشتراک", written)
    saved, editor = edit(qtbot, office, field_id, lambda editor: choose_kind(editor, "number"))
    assert not saved and editor.isVisible() and editor.error.isVisible()
    assert editor.error.text() == ("«کد اشتراک» عدد نمی‌شود: مقدار ۴ مخاطب همان‌گونه که نوشته شده نمی‌ماند، "
                                   f"مانند «{isolate('+44 20 7946 0958')}» ({isolate('۴۴۲۰۷۹۴۶۰۹۵۸')} می‌شود).")
    assert office.phonebook.fields()[0].kind == "text" and values_of(office, field_id, ids) == written
    editor.close()
    # one that is no number at all among them: both said
    other_id, _ = book_with(office, "کد قدیمی", ["حدود ده", "007"])
    saved, editor = edit(qtbot, office, other_id, lambda editor: choose_kind(editor, "number"))
    assert not saved and editor.error.text().startswith(
        "«کد قدیمی» عدد نمی‌شود: مقدار ۲ مخاطب عدد نیست یا همان‌گونه که نوشته شده نمی‌ماند، مانند ")


def test_a_bare_run_of_digits_is_no_date(qtbot, office):
    """A date field would show «14020105» (a personnel code that starts with its year) as
    ۱۴۰۲/۰۱/۰۵; «12/5» and a bare year are no date at all."""
    field_id, ids = book_with(office, "کد استخدام", ["1403/07/15", "14020105"])
    saved, editor = edit(qtbot, office, field_id, lambda editor: choose_kind(editor, "date"))
    assert not saved
    assert editor.error.text() == ("«کد استخدام» تاریخ نمی‌شود: مقدار ۱ مخاطب همان‌گونه که نوشته شده نمی‌ماند، "
                                   f"مانند «{isolate('14020105')}» ({isolate('۱۴۰۲/۰۱/۰۵')} می‌شود).")
    assert values_of(office, field_id, ids) == ["1403/07/15", "14020105"]
    editor.close()
    other_id, _ = book_with(office, "روز", ["12/5", "1403"])
    saved, editor = edit(qtbot, office, other_id, lambda editor: choose_kind(editor, "date"))
    assert not saved and editor.error.text().startswith("«روز» تاریخ نمی‌شود: مقدار ۲ مخاطب تاریخ درست نیست، مانند ")


def test_choices_from_values_take_the_persian_spelling_on_a_tie(qtbot, office):
    """«طلايي» (Arabic ي, saved first) and «طلایی» once each gave «طلايي»; «نقره ای» and «نقره‌ای»
    gave «نقره ای». The spelling most contacts write still wins («برنزي» twice)."""
    field_id, ids = book_with(office, "رده", ["طلايي", "طلایی", "نقره ای", "نقره‌ای", "برنزي", "برنزي", "برنزی"])
    made = []

    def from_values(editor):
        choose_kind(editor, "choice")
        editor.from_values.click()
        made.append(editor.choices.toPlainText())

    saved, _editor = edit(qtbot, office, field_id, from_values)
    assert made == ["برنزي\nطلایی\nنقره‌ای"] and saved
    assert values_of(office, field_id, ids) == ["طلایی", "طلایی", "نقره‌ای", "نقره‌ای", "برنزي", "برنزي", "برنزي"]


def test_other_changes_of_kind_with_values_stay_locked(qtbot, office):
    pb = office.phonebook
    field_id = pb.add_field(model.CustomField("رده", kind="choice", choices=["12", "طلایی"]))
    contact = pb.add(model.Contact(first_name="علی", custom={field_id: "12"}))
    seen = []
    saved, editor = edit(qtbot, office, field_id, lambda editor: seen.append(
        (editor.kind.isEnabled(), editor.kind_note.text(), editor.from_values.isVisible())))
    assert saved and seen == [(False, "این فیلد برای ۱ مخاطب مقدار دارد؛ نوعش عوض نمی‌شود.", False)]
    for kind in ("text", "number"):  # the phonebook refuses too (the editor only mirrors it)
        with pytest.raises(model.ValidationError) as refused:
            pb.update_field(model.CustomField("رده", kind=kind, id=field_id))
        assert refused.value.fa == "نوع «رده» عوض نمی‌شود، چون مخاطبانی در آن مقدار دارند."
    assert pb.fields()[0].kind == "choice" and pb.get(contact).custom == {field_id: "12"}


def test_the_note_under_the_kind_reads_in_the_normal_text_colour(qtbot, office):
    field_id, _ids = book_with(office, "نحوه آشنایی", SOURCES)
    editor = FieldEditor(None, office.phonebook.fields()[0], set(), None, 5, lambda: SOURCES)
    qtbot.addWidget(editor)
    editor.show()
    note = editor.kind_note
    assert note.isVisible() and note.isEnabled() and note.text() == CHECKED
    assert note.palette().color(note.foregroundRole()) == editor.name.palette().color(editor.name.foregroundRole())
    assert note.height() >= 2 * note.fontMetrics().height()  # wrapped on two lines, none cut off
