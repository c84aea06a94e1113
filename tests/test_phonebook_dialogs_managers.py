"""The notes log, the group manager and the custom-field manager on a real database."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from crm_desktop.office import Office
from crm_desktop.phonebook import model
from crm_desktop.phonebook.views.fields_dialog import FieldEditor, FieldsDialog
from crm_desktop.phonebook.views.groups_dialog import GroupsDialog
from crm_desktop.phonebook.views.notes_widget import NotesWidget
from crm_desktop.ui import dialogs
from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


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
def contact_id(office):
    return office.phonebook.add(model.normalised(model.Contact(first_name="علی", last_name="رضایی")))


def clicking(name, seen):
    def hook(box):
        seen.append(box.text() + "\n" + box.informativeText())
        next(b for b in box.buttons() if b.objectName() == name).click()
    return hook


# --- notes -------------------------------------------------------------------------------------------

def test_notes_newest_first_with_jalali_dates(qtbot, office, contact_id):
    pb = office.phonebook
    pb.add_note(model.Note(contact_id, "تماس برای فاکتور", "call", "2024-10-06T09:30:00"))
    pb.add_note(model.Note(contact_id, "جلسه معرفی", "meeting", "2024-10-07T14:00:00"))
    widget = NotesWidget(office, contact_id, clock=lambda: datetime(2024, 10, 8, 10, 15, 42))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.shown_entries() == [
        "جلسه — \u2066۱۴۰۳/۰۷/۱۶\u2069، ساعت \u2066۱۴:۰۰\u2069\nجلسه معرفی",
        "تماس — \u2066۱۴۰۳/۰۷/۱۵\u2069، ساعت \u2066۰۹:۳۰\u2069\nتماس برای فاکتور",
    ]
    # a new entry: the date and time default to the clock's now
    assert widget.when.text() == "۱۴۰۳/۰۷/۱۷ ۱۰:۱۵"
    widget.kind.setCurrentIndex(widget.kind.findData("support"))
    type_text(widget.text, "نصب نرم‌افزار")
    widget.add_button.click()
    assert widget.shown_entries()[0].startswith("گزارش پشتیبانی — \u2066۱۴۰۳/۰۷/۱۷\u2069")
    stored = pb.notes(contact_id)[0]
    assert (stored.kind, stored.text, stored.at) == ("support", "نصب نرم‌افزار", "2024-10-08T10:15:00")
    assert widget.text.toPlainText() == ""


def test_an_empty_note_or_a_bad_date_is_not_added(qtbot, office, contact_id):
    widget = NotesWidget(office, contact_id, clock=lambda: datetime(2024, 10, 8, 10, 15))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.add_entry() is None and widget.text_error.isVisible()
    type_text(widget.text, "یادداشت")
    widget.when.edit.setText("۱۴۰۴/۱۲/۳۰ ۱۰:۰۰")
    assert widget.add_entry() is None
    assert "اسفند ۱۴۰۴ فقط ۲۹ روز دارد" in widget.when.shown_error()
    assert office.phonebook.notes(contact_id) == []


def test_a_note_still_to_come_or_before_1300_is_refused_on_its_field(qtbot, office, contact_id):
    """The log holds what happened and sets «آخرین تماس»: a time still to come (tomorrow, or
    this evening at 10:15) or a year like 1200 (for 1400) gets the message on the field."""
    from crm_desktop.errors import ValidationError

    widget = NotesWidget(office, contact_id, clock=lambda: datetime(2024, 10, 8, 10, 15))
    qtbot.addWidget(widget)
    widget.show()
    type_text(widget.text, "جلسه فروش")
    for text, message in (("۱۴۰۳/۰۷/۱۸ ۰۸:۰۰", "زمان سابقه هنوز نرسیده است؛ برای کار پیش رو یادآوری بگذارید."),
                          ("۱۴۰۳/۰۷/۱۷ ۱۸:۰۰", "زمان سابقه هنوز نرسیده است؛ برای کار پیش رو یادآوری بگذارید."),
                          ("۱۲۰۰/۰۱/۰۱ ۱۰:۰۰", "تاریخ سابقه پیش از ۱۳۰۰ است؛ سال را دوباره بررسی کنید.")):
        widget.when.edit.setText(text)
        assert widget.add_entry() is None
        assert widget.when.shown_error() == message, text
    assert office.phonebook.notes(contact_id) == []
    assert office.phonebook.get(contact_id).last_contact_at is None
    widget.when.edit.setText("۱۴۰۳/۰۷/۱۷ ۱۰:۱۵")  # this minute is not the future
    assert widget.add_entry() is not None
    assert office.phonebook.notes(contact_id)[0].at == "2024-10-08T10:15:00"
    with pytest.raises(ValidationError) as refused:  # the repository refuses it too (the CLI, other callers)
        office.phonebook.add_note(model.Note(contact_id, "فردا", "meeting", "2999-01-01T10:00:00"))
    assert refused.value.fa.startswith("زمان سابقه هنوز نرسیده است")


def test_a_date_alone_or_a_time_alone_is_enough(qtbot, office, contact_id):
    """A call logged days late: its date alone takes the clock's time of day; a time alone is
    today. The field then shows both, as stored."""
    widget = NotesWidget(office, contact_id, clock=lambda: datetime(2024, 10, 8, 10, 15, 42))
    qtbot.addWidget(widget)
    widget.show()
    for typed, shown, stored in (("۱۴۰۳/۰۷/۱۰", "۱۴۰۳/۰۷/۱۰ ۱۰:۱۵", "2024-10-01T10:15:00"),
                                 ("9:05", "۱۴۰۳/۰۷/۱۷ ۰۹:۰۵", "2024-10-08T09:05:00"),
                                 ("۸", "۱۴۰۳/۰۷/۱۷ ۰۸:۰۰", "2024-10-08T08:00:00")):
        type_text(widget.text, "تماس")
        widget.when.edit.setText(typed)
        assert widget.when.validate() and widget.when.text() == shown
        assert widget.add_entry() is not None
        assert stored in [n.at for n in office.phonebook.notes(contact_id)]
    widget.when.edit.setText("۱۱:۰۰")  # later today is still to come
    type_text(widget.text, "تماس")
    assert widget.add_entry() is None
    assert widget.when.shown_error() == "زمان سابقه هنوز نرسیده است؛ برای کار پیش رو یادآوری بگذارید."


def test_an_entry_is_corrected_in_its_place(qtbot, office, contact_id):
    """«ویرایش» (or a double click) puts the entry in the editor; «ذخیره تغییر» saves it where it
    was, «انصراف از ویرایش» leaves it as it was."""
    pb = office.phonebook
    pb.add_note(model.Note(contact_id, "تماس برای فاکتور", "call", "2024-10-06T09:30:00"))
    pb.add_note(model.Note(contact_id, "جلسه معرفی", "meeting", "2024-10-07T14:00:00"))
    widget = NotesWidget(office, contact_id, clock=lambda: datetime(2024, 10, 8, 10, 15))
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.edit_button.isEnabled() and not widget.cancel_edit_button.isVisible()
    widget.list.setCurrentRow(1)  # the call, the older one
    widget.edit_button.click()
    assert (widget.text.toPlainText(), widget.when.text(), widget.kind.currentData()) == (
        "تماس برای فاکتور", "۱۴۰۳/۰۷/۱۵ ۰۹:۳۰", "call")
    assert widget.add_button.text() == "ذخیره تغییر" and widget.cancel_edit_button.isVisible()
    widget.text.setPlainText("تماس برای فاکتور شماره ۱۲")
    widget.add_button.click()
    notes = pb.notes(contact_id)
    assert [(n.kind, n.text, n.at) for n in notes] == [("meeting", "جلسه معرفی", "2024-10-07T14:00:00"),
                                                       ("call", "تماس برای فاکتور شماره ۱۲", "2024-10-06T09:30:00")]
    assert widget.add_button.text() == "افزودن به سوابق" and widget.text.toPlainText() == ""
    widget.list.setCurrentRow(0)
    widget.list.itemDoubleClicked.emit(widget.list.item(0))
    widget.text.setPlainText("عوض نشود")
    widget.cancel_edit_button.click()
    assert [n.text for n in pb.notes(contact_id)][0] == "جلسه معرفی" and widget.text.toPlainText() == ""
    assert len(pb.notes(contact_id)) == 2


def test_deleting_a_note_asks_first(qtbot, office, contact_id, monkeypatch):
    pb = office.phonebook
    pb.add_note(model.Note(contact_id, "قدیمی", "note", "2024-10-01T08:00:00"))
    widget = NotesWidget(office, contact_id)
    qtbot.addWidget(widget)
    widget.list.setCurrentRow(0)
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.no", seen))
    assert not widget.delete_selected() and len(pb.notes(contact_id)) == 1
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.yes", seen))
    assert widget.delete_selected() and pb.notes(contact_id) == []
    assert "حذف شود" in seen[0]
    assert widget.shown_entries() == []


# --- groups ------------------------------------------------------------------------------------------

def test_groups_create_rename_colour_delete(qtbot, office, contact_id, monkeypatch):
    pb = office.phonebook
    dialog = GroupsDialog(office)
    qtbot.addWidget(dialog)
    dialog.ask_name = lambda parent, title, label, text, store, required: store("مشتریان")  # typed, «تأیید»
    group_id = dialog.add()
    assert [g.name for g in pb.groups()] == ["مشتریان"]
    pb.set_contact_groups(contact_id, [group_id])
    dialog.ask_name = lambda parent, title, label, text, store, required: store("مشتریان ویژه")
    dialog.select(group_id)
    assert dialog.rename()
    dialog.pick_colour = lambda parent, current: "#ff0000"
    assert dialog.change_colour()
    group = pb.groups()[0]
    assert (group.name, group.colour) == ("مشتریان ویژه", "#ff0000")
    assert dialog.list.item(0).text().startswith("مشتریان ویژه")
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.yes", seen))
    assert dialog.delete()
    assert pb.groups() == [] and "«مشتریان ویژه»" in seen[0] and "می‌مانند" in seen[0]
    assert pb.get(contact_id) is not None and pb.get(contact_id).group_ids == []


# --- custom fields ------------------------------------------------------------------------------------

def test_fields_add_edit_delete(qtbot, office, contact_id, monkeypatch):
    pb = office.phonebook
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)

    def fill(parent, field, taken, store, holders=0, values=None):
        editor = FieldEditor(parent, field, taken, store, holders, values)
        qtbot.addWidget(editor)
        if field is None:
            editor.name.setText("نوع مشتری")
            editor.kind.setCurrentIndex(editor.kind.findData("choice"))
            editor.choices.setPlainText("عمده\nخرده\n\nعمده")
            editor.show_in_table.setChecked(True)
        else:
            assert not editor.kind.isEnabled()
            editor.name.setText("دستهٔ مشتری")
        assert editor.problem() == ""
        editor.accept()
        return editor.stored

    dialog.edit_field = fill
    field_id = dialog.add()
    stored = pb.fields()[0]
    assert (stored.name, stored.kind, stored.choices, stored.show_in_table) == ("نوع مشتری", "choice", ["عمده", "خرده"], True)
    contact = pb.get(contact_id)
    contact.custom = {field_id: "عمده"}
    pb.update(contact)
    dialog.select(field_id)
    assert dialog.edit()
    assert pb.fields()[0].name == "دستهٔ مشتری"
    seen = []
    monkeypatch.setattr(dialogs, "exec_hook", clicking("dialog.yes", seen))
    assert dialog.delete()
    assert "مقدار این فیلد در همهٔ مخاطبان پاک می‌شود" in seen[0]
    assert pb.fields() == [] and pb.get(contact_id).custom == {}


def editing(qtbot, dialog, change):
    """``dialog.edit_field`` as the operator: the real editor, shown, ``change(editor)``, «ذخیره»;
    the editors opened are returned (the last one stays open on a refusal)."""
    editors = []

    def fill(parent, field, taken, store, holders=0, values=None):
        editor = FieldEditor(parent, field, taken, store, holders, values)
        qtbot.addWidget(editor)
        editors.append(editor)
        editor.show()
        change(editor)
        editor.ok_button.click()
        return editor.stored

    dialog.edit_field = fill
    return editors


def choose_kind(editor, kind):
    editor.kind.setCurrentIndex(editor.kind.findData(kind))


def test_a_field_no_contact_fills_yet_changes_its_kind(qtbot, office, contact_id):
    """«رده» made as text by mistake, still empty everywhere: it becomes a choice list (the choices
    editor appears as for a new field), then a number (it goes again)."""
    pb = office.phonebook
    field_id = pb.add_field(model.CustomField("رده"))
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)
    seen = []

    def to_choice(editor):
        seen.append((editor.kind.isEnabled(), editor.kind.toolTip(), editor.kind_note.isVisible(),
                     editor.choices.isVisible()))
        choose_kind(editor, "choice")
        seen.append(editor.choices.isVisible())
        editor.choices.setPlainText("طلایی\nنقره‌ای")

    editing(qtbot, dialog, to_choice)
    dialog.select(field_id)
    assert dialog.edit()
    assert seen == [(True, "", False, False), True]
    stored = pb.fields()[0]
    assert (stored.kind, stored.choices) == ("choice", ["طلایی", "نقره‌ای"])
    assert dialog.list.currentItem().text().startswith("رده  (فهرست انتخابی)")

    def to_number(editor):
        seen.append(editor.choices.isVisible())
        choose_kind(editor, "number")
        seen.append(editor.choices.isVisible())

    editing(qtbot, dialog, to_number)
    assert dialog.edit()
    assert seen[2:] == [True, False]
    stored = pb.fields()[0]
    assert (stored.kind, stored.choices) == ("number", [])
    contact = pb.get(contact_id)
    contact.custom = {field_id: "۱٬۲۵۰"}
    pb.update(contact)
    assert pb.get(contact_id).custom == {field_id: "1250"}  # read as a number now


def test_a_field_contacts_fill_keeps_its_kind_and_says_why(qtbot, office, contact_id):
    """A number field with values keeps its kind (only a text field's values may change kind:
    test_phonebook_dialogs_field_kinds)."""
    pb = office.phonebook
    field_id = pb.add_field(model.CustomField("رده", kind="number"))
    other = pb.add(model.Contact(first_name="مریم", last_name="احمدی", custom={field_id: "2"}))
    contact = pb.get(contact_id)
    contact.custom = {field_id: "1"}
    pb.update(contact)
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)
    said = "این فیلد برای ۲ مخاطب مقدار دارد؛ نوعش عوض نمی‌شود."
    seen = []
    editing(qtbot, dialog, lambda editor: seen.append(
        (editor.kind.isEnabled(), editor.kind.currentData(), editor.kind.toolTip(), editor.kind_note.isVisible(),
         editor.kind_note.text())))
    dialog.select(field_id)
    assert dialog.edit()
    assert seen == [(False, "number", said, True, said)]
    assert pb.fields()[0].kind == "number" and pb.get(other).custom == {field_id: "2"}


def test_a_value_given_meanwhile_is_told_on_the_editor(qtbot, office, contact_id):
    """The editor opened while «رده» was empty; a value was saved (another window) before «ذخیره»:
    the phonebook's refusal shows in the editor, which stays open with the kind chosen."""
    pb = office.phonebook
    field_id = pb.add_field(model.CustomField("رده"))
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)

    def meanwhile(editor):
        assert editor.kind.isEnabled()
        contact = pb.get(contact_id)
        contact.custom = {field_id: "طلایی"}
        pb.update(contact)
        choose_kind(editor, "date")

    editors = editing(qtbot, dialog, meanwhile)
    dialog.select(field_id)
    assert not dialog.edit()
    editor = editors[-1]
    assert editor.isVisible() and editor.kind.currentData() == "date"
    assert editor.error.text() == "«رده» تاریخ نمی‌شود: مقدار ۱ مخاطب تاریخ درست نیست، مانند «\u2068طلایی\u2069»."
    assert pb.fields()[0].kind == "text" and pb.get(contact_id).custom == {field_id: "طلایی"}


def test_a_refused_field_edit_keeps_the_editor_open_with_what_was_typed(qtbot, office, contact_id):
    """The repository's own checks (a choice contacts use, a name saved in another spelling) are
    told in the editor, which stays open with the operator's typing, not after it has closed."""
    pb = office.phonebook
    field_id = pb.add_field(model.CustomField("رده", kind="choice", choices=["طلایی", "نقره‌ای"]))
    pb.add_field(model.CustomField("نام مدیر"))
    contact = pb.get(contact_id)
    contact.custom = {field_id: "طلایی"}
    pb.update(contact)
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)
    editors = []

    def fill(parent, field, taken, store, holders=0, values=None):
        editor = FieldEditor(parent, field, taken, store, holders, values)
        qtbot.addWidget(editor)
        editors.append(editor)
        if field is None:
            editor.name.setText("نام مدير")  # Arabic ي: the same name as saved
        else:
            editor.choices.setPlainText("نقره‌ای\nبرنزی")  # «طلایی» dropped while a contact has it
        editor.show()
        editor.accept()
        return editor.stored

    dialog.edit_field = fill
    dialog.select(field_id)
    assert not dialog.edit()
    editor = editors[-1]
    assert editor.isVisible() and editor.error.text() == (
        "گزینه «طلایی» را مخاطبانی دارند و حذف نمی‌شود؛ برای نام تازه، همان سطر را ویرایش کنید.")
    assert editor.choices.toPlainText() == "نقره‌ای\nبرنزی"
    assert pb.fields()[0].choices == ["طلایی", "نقره‌ای"]
    assert dialog.add() is None
    assert editors[-1].isVisible() and editors[-1].error.text() == "فیلدی به نام «نام مدیر» از پیش هست."




def test_a_choice_typed_over_in_its_line_is_renamed_for_its_contacts(qtbot, office, contact_id):
    """«طلایی» edited to «زرین» in its own line: the contact holding it now holds «زرین», is
    found by it and no longer by «طلایی»; another contact's «نقره‌ای» is untouched."""
    from crm_desktop.phonebook.repo import SearchQuery

    pb = office.phonebook
    field_id = pb.add_field(model.CustomField("رده", kind="choice", choices=["طلایی", "نقره‌ای"]))
    contact = pb.get(contact_id)
    contact.custom = {field_id: "طلایی"}
    pb.update(contact)
    other = pb.add(model.Contact(first_name="مریم", last_name="احمدی", custom={field_id: "نقره‌ای"}))
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)

    def fill(parent, field, taken, store, holders=0, values=None):
        editor = FieldEditor(parent, field, taken, store, holders, values)
        qtbot.addWidget(editor)
        editor.choices.setPlainText("زرین\nنقره‌ای\nبرنزی")
        editor.accept()
        return editor.stored

    dialog.edit_field = fill
    dialog.select(field_id)
    assert dialog.edit()
    assert pb.fields()[0].choices == ["زرین", "نقره‌ای", "برنزی"]
    assert pb.get(contact_id).custom == {field_id: "زرین"} and pb.get(other).custom == {field_id: "نقره‌ای"}
    assert [r.id for r in pb.rows(SearchQuery("زرین"))] == [contact_id]
    assert pb.rows(SearchQuery("طلایی")) == []


@pytest.mark.parametrize("old, new, renames", [
    (["الف", "ب", "پ"], ["الف", "بب", "پ"], {"ب": "بب"}),
    (["الف", "ب"], ["ت", "الف", "ب"], {}),  # a line added: nothing renamed
    (["الف", "ب"], ["ب"], {}),  # a line dropped
    (["الف", "ب"], ["ب", "الف"], {}),  # moved, not renamed
    (["الف", "ب", "پ"], ["الف۱", "ب", "پ۱", "ت"], {"الف": "الف۱", "پ": "پ۱"}),  # typed over, one added after
    (["الف", "ب", "پ"], ["الف", "ت"], {"ب": "ت"}),  # two lines became one, none alike: the first is renamed
    # a line dropped beside one edited: the edited one is renamed, by likeness, not by place
    (["نمایشگاه تهران", "پیامک", "معرفی دوستان"], ["نمایشگاه تهران", "معرفی دوست"], {"معرفی دوستان": "معرفی دوست"}),
    (["نمایشگاه تهران", "پیامک", "معرفی دوستان"], ["نمایشگاه تهران", "پیام کوتاه", "معرفی دوست"],
     {"پیامک": "پیام کوتاه", "معرفی دوستان": "معرفی دوست"}),
])
def test_choice_renames_are_lines_typed_over(old, new, renames):
    assert model.choice_renames(old, new) == renames

@pytest.mark.parametrize("typed, said", [
    ("موبایل", "«موبایل» («تلفن همراه») از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
    ("کد ملي", "«کد ملی» از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),  # named as the form does
    ("E-mail", "«E-mail» («ایمیل») از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
    ("آخرین تماس", "«آخرین تماس» از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
    # numbered and other aliases an import reads as built-in fields, an organisation's own labels
    ("موبایل ۲", "«موبایل ۲» («تلفن همراه») از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
    ("ایمیل 2", "«ایمیل 2» («ایمیل») از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
    ("کدملی", "«کدملی» («کد ملی») از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
    ("شناسه ملی", "«شناسه ملی» از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
    ("توضیحات", "«توضیحات» از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."),
])
def test_a_field_named_like_a_built_in_one_is_refused_in_its_editor(qtbot, office, typed, said):
    """A custom «موبایل» would hold numbers that are never dialled nor found as duplicates, and
    would take the mobile column of every later import: the editor says so and stays open."""
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)
    editors = []

    def fill(parent, field, taken, store, holders=0, values=None):
        editor = FieldEditor(parent, field, taken, store, holders, values)
        qtbot.addWidget(editor)
        editors.append(editor)
        editor.name.setText(typed)
        editor.show()
        editor.accept()
        return editor.stored

    dialog.edit_field = fill
    assert dialog.add() is None
    assert editors[-1].isVisible() and editors[-1].error.text() == said
    assert editors[-1].name.text() == typed and office.phonebook.fields() == []


def test_free_names_and_a_field_made_before_the_rule_keep_working(office):
    """«نام مدیر» (the spec's example), «تاریخ تولد همسر» and an address part («شهر», the way an
    office puts a city in the table) are free; a «موبایل» made before the rule can still be
    edited, and renamed to a free name, but not to another built-in one."""
    pb = office.phonebook
    for name in ("نام مدیر", "تاریخ تولد همسر", "شهر"):
        pb.add_field(model.CustomField(name))
    with pb.conn:
        legacy = pb.conn.execute("INSERT INTO custom_fields (name, name_key, kind, choices, show_in_table, position) "
                                 "VALUES ('موبایل', 'موبایل', 'text', '[]', 0, 9)").lastrowid
    pb.update_field(model.CustomField("موبایل", show_in_table=True, position=9, id=legacy))
    with pytest.raises(model.ValidationError) as refused:
        pb.update_field(model.CustomField("ایمیل", position=9, id=legacy))
    assert refused.value.fa == "«ایمیل» از فیلدهای خود دفتر تلفن است؛ نام دیگری بنویسید."
    pb.update_field(model.CustomField("موبایل دوم", position=9, id=legacy))
    assert [f.name for f in pb.fields()] == ["نام مدیر", "تاریخ تولد همسر", "شهر", "موبایل دوم"]

def test_fields_move_up_and_down(qtbot, office):
    pb = office.phonebook
    ids = [pb.add_field(model.CustomField(name)) for name in ("الف", "ب", "پ")]
    dialog = FieldsDialog(office)
    qtbot.addWidget(dialog)
    dialog.select(ids[2])
    assert not dialog.down_button.isEnabled() and dialog.up_button.isEnabled()
    dialog.up_button.click()
    assert [f.name for f in pb.fields()] == ["الف", "پ", "ب"]
    assert dialog.current_field().name == "پ"
    dialog.up_button.click()
    assert [f.name for f in pb.fields()] == ["پ", "الف", "ب"] and not dialog.up_button.isEnabled()
    dialog.down_button.click()
    assert [f.name for f in pb.fields()] == ["الف", "پ", "ب"]


def test_field_editor_says_what_is_missing(qtbot):
    editor = FieldEditor(None, None, {"شماره پرونده"})
    qtbot.addWidget(editor)
    editor.accept()
    assert editor.error.text() == "نام فیلد را بنویسید."
    editor.name.setText("شماره پرونده")
    editor.accept()
    assert "هست" in editor.error.text()
    editor.name.setText("نوع")
    editor.kind.setCurrentIndex(editor.kind.findData("choice"))
    editor.accept()
    assert "دست‌کم یک گزینه" in editor.error.text()
