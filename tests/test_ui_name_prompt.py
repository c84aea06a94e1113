"""The name prompt the managers share (phonebook groups, reminder groups, banks): a name the book
refuses is told under the line and the prompt stays open with what was typed, until a name is
taken or the operator cancels; nothing is saved before that, and no message box closes it."""

import pytest
from PySide6.QtCore import Qt

from crm_desktop.errors import ValidationError
from crm_desktop.office import Office
from crm_desktop.phonebook.views.groups_dialog import GroupsDialog
from crm_desktop.ui import dialogs, name_prompt
from tests.ui_helpers import answer_name_prompt as naming
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

NEEDS_A_NAME = "نام گروه را وارد کنید."


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    """Every message box shown (none should be: the refusal is in the prompt)."""
    shown = []
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: shown.append(box.text()))
    return shown


@pytest.fixture
def office(tmp_path):
    office = Office(tmp_path / "office.sqlite3")
    yield office
    office.close()


def group_names(office):
    return [g.name for g in office.phonebook.groups()]


@pytest.mark.parametrize("typed", ["", "   ", "\u200c", "\u064e"])  # nothing, spaces, a half-space, a diacritic
def test_a_name_one_cannot_see_is_refused_in_the_prompt_which_stays(qtbot, office, monkeypatch, boxes, typed):
    dialog = GroupsDialog(office)
    qtbot.addWidget(dialog)
    seen = naming(monkeypatch, typed, "همکاران")
    group_id = dialog.add()
    assert seen == ["", (True, NEEDS_A_NAME, typed), (False, "", "همکاران")]
    assert group_names(office) == ["همکاران"] and dialog.current_group().id == group_id
    assert boxes == []
    with pytest.raises(ValidationError):  # the phonebook refuses it too (the CLI, an import)
        office.phonebook.add_group(typed)


def test_a_taken_or_too_long_name_is_told_until_a_good_one_is_given(qtbot, office, monkeypatch, boxes):
    office.phonebook.add_group("همکاران")
    office.phonebook.add_group("مشتریان ویژه")
    dialog = GroupsDialog(office)
    qtbot.addWidget(dialog)
    long_name = "گروه " * 30
    seen = naming(monkeypatch, "همکاران", "مشتريان\u200cويژه", long_name, "تأمین‌کنندگان")
    assert dialog.add() is not None
    assert seen[1:] == [
        (True, "گروهی به نام «همکاران» از پیش هست.", "همکاران"),
        (True, "گروهی به نام «مشتریان ویژه» از پیش هست.", "مشتريان\u200cويژه"),  # named as it is saved
        (True, "نام گروه بیش از ۱۰۰ نویسه است.", long_name),
        (False, "", "تأمین‌کنندگان"),
    ]
    assert sorted(group_names(office)) == sorted(["همکاران", "مشتریان ویژه", "تأمین‌کنندگان"])
    assert boxes == []


def test_cancel_after_a_refusal_saves_nothing_and_says_nothing_more(qtbot, office, monkeypatch, boxes):
    office.phonebook.add_group("همکاران")
    dialog = GroupsDialog(office)
    qtbot.addWidget(dialog)
    seen = naming(monkeypatch, "همکاران")  # then «انصراف»
    assert dialog.add() is None
    assert seen[1] == (True, "گروهی به نام «همکاران» از پیش هست.", "همکاران")
    assert group_names(office) == ["همکاران"] and boxes == []


def test_rename_opens_with_the_name_and_stays_on_a_refusal(qtbot, office, monkeypatch, boxes):
    office.phonebook.add_group("همکاران")
    renamed = office.phonebook.add_group("مشتریان")
    dialog = GroupsDialog(office)
    qtbot.addWidget(dialog)
    dialog.select(renamed)
    seen = naming(monkeypatch, "همكاران", "\u200c", "مشتریان ویژه")  # Arabic ک: another group's name
    assert dialog.rename()
    assert seen == ["مشتریان", (True, "گروهی به نام «همکاران» از پیش هست.", "همكاران"),
                    (True, NEEDS_A_NAME, "\u200c"), (False, "", "مشتریان ویژه")]
    assert sorted(group_names(office)) == ["مشتریان ویژه", "همکاران"]
    assert dialog.list.currentItem().text().startswith("مشتریان ویژه")
    assert boxes == []


def test_the_reminder_groups_use_the_same_prompt(qtbot, office, monkeypatch, boxes):
    from crm_desktop.reminders.views.groups_dialog import ReminderGroupsDialog

    dialog = ReminderGroupsDialog(office)
    qtbot.addWidget(dialog)
    taken = dialog.names()[0]
    seen = naming(monkeypatch, "\u200c", taken, "بیمه")
    group_id = dialog.add()
    assert seen[1:] == [(True, NEEDS_A_NAME, "\u200c"), (True, f"گروهی به نام «{taken}» از پیش هست.", taken),
                        (False, "", "بیمه")]
    assert office.reminders.group(group_id).name == "بیمه" and boxes == []


def test_the_banks_use_the_same_prompt(qtbot, office, monkeypatch, boxes):
    from crm_desktop.cheques.views.banks_dialog import BanksDialog

    dialog = BanksDialog(office)
    qtbot.addWidget(dialog)
    before = office.cheques.banks(include_hidden=True)
    seen = naming(monkeypatch, "\u200c", "ملي", "بانک محله")  # «ملی» typed with Arabic ي
    key = dialog.add()
    assert seen[1:] == [(True, "نام بانک را وارد کنید.", "\u200c"), (True, "نام بانک: بانک «ملی» در فهرست هست.", "ملي"),
                        (False, "", "بانک محله")]
    assert office.cheques.bank_name(key) == "بانک محله"
    assert len(office.cheques.banks(include_hidden=True)) == len(before) + 1 and boxes == []
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if dialog.list.item(i).data(Qt.UserRole) == key))
    seen = naming(monkeypatch, "", "صندوق محله")
    assert dialog.rename()
    assert seen == ["بانک محله", (True, "نام بانک را وارد کنید.", ""), (False, "", "صندوق محله")]
    assert office.cheques.bank_name(key) == "صندوق محله"


def test_the_refusal_is_right_to_left_under_the_line(qtbot):
    prompt = name_prompt.NamePrompt(None, "گروه تازه", "نام گروه:", "", lambda name: 1, NEEDS_A_NAME)
    qtbot.addWidget(prompt)
    prompt.show()
    assert prompt.error.isHidden()
    prompt.ok_button.click()
    assert prompt.isVisible() and prompt.shown_error() == NEEDS_A_NAME
    assert prompt.layoutDirection().name == "RightToLeft" and prompt.edit.property("invalid")
    assert prompt.error.geometry().top() >= prompt.edit.geometry().bottom()
