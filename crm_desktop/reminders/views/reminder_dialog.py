"""The reminder form: subject, group (colour swatches), Jalali date and time, priority, contact
(search-as-you-type, or a new one on the spot), place, note, the repeat rule with its live
description and next occurrences, advance notices and the sound.

    dialog = ReminderDialog(office, reminder_id=None, parent=tab, prefill=Reminder | None, clock=..., day=date | None)
    dialog.saved.connect(tab.select_reminder)    # the id, after it is stored
    dialog.exec()

«ذخیره» (Ctrl+S) checks everything first: a date like ۱۴۰۴/۱۲/۳۰, a time like ۲۵:۰۰ or a rule that
can never fire gets its Persian message on its own field, and nothing is stored. Esc closes,
asking first when something was changed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.views.contact_picker import UNPICKED_FA, ContactPicker
from crm_desktop.reminders.views.advance_editor import AdvanceEditor
from crm_desktop.reminders.views.common import colour_icon
from crm_desktop.reminders.views.repeat_editor import RepeatEditor
from crm_desktop.reminders.views.time_edit import TimeEdit
from crm_desktop.ui import dialogs
from crm_desktop.ui.screen import fitted_height
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit

NEW_TITLE = "یادآوری تازه"
EDIT_TITLE = "ویرایش یادآوری"
FIX_ERRORS = "لطفاً موارد مشخص‌شده را درست کنید؛ چیزی ذخیره نشد."
UNSAVED_TEXT = "تغییرات ذخیره نشده‌اند. فرم بدون ذخیره بسته شود؟"
NO_GROUP = "بدون گروه"
SOUND_NAMES = {"bell": "زنگ", "chime": "آوای ملایم", "beep": "بوق", "digital": "دیجیتال", "soft": "نرم",
               "alarm": "هشدار", "ding": "دینگ", "classic": "کلاسیک"}
ERROR_STYLE = "color: #c62828;"


def bundled_sounds() -> list[str]:
    """The keys of the sounds under resources/sounds (bell.wav → «bell»)."""
    from crm_desktop.paths import resource

    folder = resource("sounds")
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix.lower() in (".wav", ".ogg", ".mp3"))


def sound_label(key: str) -> str:
    return SOUND_NAMES.get(key, key)


def default_start(clock_now: datetime, day: date | None = None) -> datetime:
    """The next whole hour today, or 09:00 on another day."""
    if day is None or day == clock_now.date():
        start = clock_now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        return start
    return datetime.combine(day, time(9, 0))


FORM_HEIGHT = 800
class HolidayCache:
    """``is_holiday(d)`` over the repository's holidays (official + the operator's), a Jalali year
    at a time, for the repeat preview."""

    def __init__(self, repo):
        self.repo = repo
        self._years: dict[int, set[date]] = {}

    def __call__(self, d: date) -> bool:
        from crm_desktop.core import jalali

        year = jalali.to_jalali(d)[0]
        if year not in self._years:
            start = jalali.from_jalali(year, 1, 1)
            end = jalali.from_jalali(year, 12, jalali.month_length(year, 12))
            try:
                self._years[year] = set(self.repo.holidays_between(start, end))
            except Exception:  # noqa: BLE001 - a preview never breaks the form
                self._years[year] = set()
        return d in self._years[year]


class ReminderDialog(QDialog):
    saved = Signal(int)

    def __init__(self, office, reminder_id: int | None = None, parent: QWidget | None = None, *,
                 prefill=None, clock: Callable[[], datetime] = datetime.now, day: date | None = None):
        super().__init__(parent)
        from crm_desktop.reminders import model

        self.model = model
        self.office = office
        self.repo = office.reminders
        self.reminder_id = reminder_id
        self.clock = clock
        self.setObjectName("reminder_dialog")
        self.setWindowTitle(EDIT_TITLE if reminder_id else NEW_TITLE)
        self.setSizeGripEnabled(True)
        self.original = None
        if reminder_id is not None:
            self.original = self.repo.get(reminder_id)
            if self.original is None:
                raise UserError(f"reminder {reminder_id} no longer exists", "این یادآوری دیگر وجود ندارد.")
        self._build()
        reminder = self.original or prefill or model.Reminder(subject="", starts_at=default_start(clock(), day))
        self._load(reminder)
        self._baseline = self.state()

    # == building =====================================================================================
    def _build(self) -> None:
        host = QWidget()
        column = QVBoxLayout(host)
        column.setSizeConstraint(QVBoxLayout.SetMinimumSize)
        self.banner = QLabel()
        self.banner.setObjectName("reminder.banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #c62828; padding: 6px; border-radius: 4px;")
        self.banner.hide()
        column.addWidget(self.banner)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.subject = QLineEdit()
        self.subject.setObjectName("reminder.subject")
        self.subject.setMaxLength(self.model.MAX_SUBJECT)
        self.subject.setPlaceholderText("مثلاً جلسه با مشتری، تماس با بانک…")
        self.subject_error = self._error_label("reminder.subject.error")
        subject_box = QVBoxLayout()
        subject_box.setSpacing(2)
        subject_box.addWidget(self.subject)
        subject_box.addWidget(self.subject_error)
        form.addRow("موضوع:", subject_box)

        self.group = QComboBox()
        self.group.setObjectName("reminder.group")
        self.group.addItem(NO_GROUP, None)
        for group in self.repo.groups():
            self.group.addItem(colour_icon(group.colour, 14), group.name, group.id)
        self.priority = QComboBox()
        self.priority.setObjectName("reminder.priority")
        for value, text in self.model.PRIORITIES.items():
            self.priority.addItem(text, value)
        row = QHBoxLayout()
        row.addWidget(self.group, 1)
        row.addSpacing(12)
        row.addWidget(QLabel("اولویت:"))
        row.addWidget(self.priority)
        form.addRow("گروه:", row)

        today = lambda: self.clock().date()  # noqa: E731
        self.date = JalaliDateEdit(name="reminder.date", field_name="تاریخ", optional=False, today=today)
        self.time = TimeEdit(name="reminder.time", field_name="ساعت")
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addSpacing(12)
        time_label = QLabel("ساعت:")
        time_label.setBuddy(self.time)
        row.addWidget(time_label)
        row.addWidget(self.time)
        row.addStretch(1)
        form.addRow("تاریخ:", row)

        self.contact = ContactPicker(self.office, name="reminder.contact")
        form.addRow("مخاطب:", self.contact)
        self.place = QLineEdit()
        self.place.setObjectName("reminder.place")
        form.addRow("مکان:", self.place)
        self.note = QPlainTextEdit()
        self.note.setObjectName("reminder.note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 16)
        form.addRow("یادداشت:", self.note)
        column.addLayout(form)

        holidays = self.repo.holiday_test() if hasattr(self.repo, "holiday_test") else HolidayCache(self.repo)
        self.repeat = RepeatEditor(holidays=holidays, today=today, now=self.clock)
        column.addWidget(self.repeat)
        self.advance = AdvanceEditor()
        column.addWidget(self.advance)

        self.sound = QComboBox()
        self.sound.setObjectName("reminder.sound")
        self.sound.addItem("صدای پیش‌فرض برنامه", "")
        self.sound.addItem("بی‌صدا (فقط پنجره)", "silent")
        for key in bundled_sounds():
            self.sound.addItem(sound_label(key), key)
        sound_row = QHBoxLayout()
        sound_row.addWidget(QLabel("صدای هشدار:"))
        sound_row.addWidget(self.sound)
        sound_row.addStretch(1)
        column.addLayout(sound_row)
        column.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("reminder.scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll.setWidget(host)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("ذخیره", QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("reminder.save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("ذخیره (Ctrl+S)")
        self.cancel_button = self.buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        self.cancel_button.setObjectName("reminder.cancel")
        self.cancel_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(720, fitted_height(self, self.parentWidget(), FORM_HEIGHT))  # «ذخیره» stays on a laptop screen

        self.date.dateChanged.connect(lambda _d: self._start_changed())
        self.time.timeChanged.connect(lambda _t: self._start_changed())
        self.subject.textEdited.connect(lambda _t: self.subject_error.hide())

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    # == state ========================================================================================
    def _load(self, r) -> None:
        self.subject.setText(r.subject)
        self.group.setCurrentIndex(max(0, self.group.findData(r.group_id)) if r.group_id is not None else 0)
        self.priority.setCurrentIndex(max(0, self.priority.findData(r.priority)))
        self.date.setDate(r.starts_at.date())
        self.time.setTime(r.starts_at.time().replace(microsecond=0))
        self.contact.set_contact_id(r.contact_id)
        self.place.setText(r.place)
        self.note.setPlainText(r.note)
        self.repeat.set_start(r.starts_at)
        self.repeat.set_repeat(r.repeat)
        self.advance.set_minutes(r.advance)
        index = self.sound.findData(r.sound)
        if index < 0 and r.sound:
            self.sound.addItem(sound_label(r.sound), r.sound)
            index = self.sound.count() - 1
        self.sound.setCurrentIndex(max(0, index))
        self._source = (r.source, r.source_id)

    def starts_at(self) -> datetime | None:
        d, t = self.date.date(), self.time.time()
        return datetime.combine(d, t) if d is not None and t is not None else None

    def _start_changed(self) -> None:
        start = self.starts_at()
        if start is not None:
            self.repeat.set_start(start)

    def reminder(self):
        """The reminder as the form stands (not validated); None while the date or time is bad."""
        start = self.starts_at()
        if start is None:
            return None
        source, source_id = self._source
        return self.model.Reminder(
            subject=self.subject.text(), starts_at=start, group_id=self.group.currentData(),
            note=self.note.toPlainText(), place=self.place.text(), priority=self.priority.currentData(),
            contact_id=self.contact.contact_id(), repeat=self.repeat.repeat(), advance=self.advance.minutes(),
            sound=self.sound.currentData() or "", source=source, source_id=source_id, id=self.reminder_id)

    def state(self) -> tuple:
        return (self.subject.text(), self.group.currentData(), self.priority.currentData(), self.date.text(),
                self.time.text(), self.contact.contact_id(), self.contact.edit.text(), self.place.text(),
                self.note.toPlainText(), self.repeat.repeat(), self.advance.minutes(), self.sound.currentData())

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    # == checking =====================================================================================
    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _focus(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 40, 40)
        widget.setFocus(Qt.OtherFocusReason)

    def check(self):
        """The normalised reminder, or None after showing every problem on its field."""
        self.subject_error.hide()
        self.repeat.show_error("")
        self.advance.show_error("")
        first_bad = None
        for field, widget in ((self.date, self.date), (self.time, self.time)):
            if not field.validate() and first_bad is None:
                first_bad = widget
        if not self.repeat.validate_fields() and first_bad is None:
            first_bad = self.repeat.until
        if self.contact.has_unpicked_text():
            self.contact.show_error(UNPICKED_FA)
            first_bad = first_bad or self.contact
        if first_bad is not None:
            self._show_banner(FIX_ERRORS)
            self._focus(first_bad)
            return None
        reminder = self.reminder()
        try:
            reminder.validate()
        except ValidationError as error:
            self._place_error(error)
            return None
        self._show_banner("")
        return reminder.normalised()

    def _place_error(self, error: ValidationError) -> None:
        self._show_banner(FIX_ERRORS)
        field = error.field or ""
        if field == self.model.SUBJECT_FIELD:
            self.subject_error.setText(error.fa)
            self.subject_error.show()
            self._focus(self.subject)
        elif field == self.model.REPEAT_FIELD:
            self.repeat.show_error(error.fa)
            self._focus(self.repeat.kind)
        elif field == self.model.ADVANCE_FIELD:
            self.advance.show_error(error.fa)
            self._focus(self.advance.amount)
        elif field in ("تاریخ", "تاریخ و ساعت"):
            self.date.set_external_error(error.fa)
            self._focus(self.date)
        elif field == "ساعت":
            self.time.set_external_error(error.fa)
            self._focus(self.time)
        else:
            self._show_banner(f"{FIX_ERRORS}\n{error.fa}")

    # == saving =======================================================================================
    def save(self) -> int | None:
        reminder = self.check()
        if reminder is None:
            return None
        try:
            if self.reminder_id is None:
                reminder_id = self.repo.add(reminder, now=self.clock())
            else:
                self.repo.update(reminder, now=self.clock())
                reminder_id = self.reminder_id
        except ValidationError as error:
            self._place_error(error)
            return None
        except Exception as error:  # noqa: BLE001 - the operator sees why; the form keeps its text
            dialogs.show_error(self, error)
            return None
        self.reminder_id = reminder_id
        self._baseline = self.state()
        self.saved.emit(reminder_id)
        self.accept()
        return reminder_id

    def reject(self) -> None:
        if self.is_dirty() and not dialogs.confirm(self, UNSAVED_TEXT, "تغییرات ذخیره نشده",
                                                   yes_text="بستن بدون ذخیره", no_text="ادامهٔ ویرایش"):
            return
        super().reject()
