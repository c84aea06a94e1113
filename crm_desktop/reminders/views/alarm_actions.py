"""What the alarm popup and the missed-alarms dialog share: the Persian texts of an alarm, the
snooze menu (5, 10, 30 minutes, 1 hour, «فردا», «دلخواه…»), the custom snooze dialog, and the
done / snooze calls on the office's reminders with the injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import to_persian
from crm_desktop.core.jalali import format_date_long, format_time, parse_time
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.ui import dialogs

TOMORROW = "tomorrow"
CUSTOM = "custom"
TOMORROW_TEXT = "فردا، همین ساعت"
CUSTOM_TEXT = "دلخواه…"
SNOOZE_TEXT = "تعویق"
DEFAULT_SNOOZES = ((5, "۵ دقیقه"), (10, "۱۰ دقیقه"), (30, "۳۰ دقیقه"), (60, "۱ ساعت"))
MAX_CUSTOM_MINUTES = 60 * 24 * 60  # like an advance notice: up to 60 days


def snooze_choices() -> tuple[tuple[int, str], ...]:
    try:
        from crm_desktop.reminders.model import SNOOZE_CHOICES
    except ImportError:
        return DEFAULT_SNOOZES
    return SNOOZE_CHOICES


# --- texts ---------------------------------------------------------------------------------------
def duration_text(minutes: int) -> str:
    """«۱ روز و ۲ ساعت», «۱۵ دقیقه»."""
    days, rest = divmod(max(0, int(minutes)), 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "روز"), (hours, "ساعت"), (mins, "دقیقه")) if n]
    return to_persian(" و ".join(parts) or "0 دقیقه")


def when_text(at: datetime) -> str:
    """«دوشنبه ۲ آذر ۱۴۰۵، ساعت ۱۰:۳۰»"""
    return f"{format_date_long(at.date())}، ساعت {format_time(at)}"


def left_text(alarm) -> str:
    """«۱۵ دقیقه مانده» for an advance notice, '' at the time itself."""
    return f"{duration_text(alarm.advance)} مانده" if alarm.advance else ""


def contact_link(alarm) -> str:
    """Rich text: the contact's name as a link «contact:ID» ('' without a contact)."""
    if alarm.contact_id is None:
        return ""
    name = escape(alarm.contact_name or "مخاطب")
    return f'<a href="contact:{alarm.contact_id}">{name}</a>'


def contact_id_of(link: str) -> int | None:
    kind, _, value = link.partition(":")
    return int(value) if kind == "contact" and value.isdigit() else None


def alarm_key(alarm) -> tuple[int, datetime]:
    return alarm.reminder_id, alarm.occurrence_at


def snooze_target(choice, now: datetime, alarm) -> datetime:
    """When a snooze ``choice`` (minutes or TOMORROW) rings again."""
    now = now.replace(microsecond=0)
    if choice == TOMORROW:
        return datetime.combine(now.date() + timedelta(days=1), alarm.alarm_at.time())
    return now + timedelta(minutes=int(choice))


# --- widgets -------------------------------------------------------------------------------------
def snooze_menu(parent: QWidget, on_choice: Callable[[object], None], name: str = "alarm.snooze") -> QMenu:
    """A menu of snooze choices; ``on_choice`` gets minutes, TOMORROW or CUSTOM."""
    menu = QMenu(parent)
    menu.setObjectName(f"{name}.menu")
    for minutes, label in snooze_choices():
        action = menu.addAction(label)
        action.setObjectName(f"{name}.{minutes}")
        action.triggered.connect(lambda _=False, m=minutes: on_choice(m))
    menu.addSeparator()
    for key, label in ((TOMORROW, TOMORROW_TEXT), (CUSTOM, CUSTOM_TEXT)):
        action = menu.addAction(label)
        action.setObjectName(f"{name}.{key}")
        action.triggered.connect(lambda _=False, k=key: on_choice(k))
    return menu


def snooze_button(parent: QWidget, on_choice: Callable[[object], None], name: str = "alarm.snooze") -> QPushButton:
    """«تعویق ▾»: a push button that opens the snooze menu. A push button keeps room for its
    menu arrow beside the text (a tool button drew the arrow over «تعویق» in a right-to-left
    window)."""
    button = QPushButton(SNOOZE_TEXT, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.setMenu(snooze_menu(button, on_choice, name))
    return button


class CustomSnoozeDialog(QDialog):
    """«تعویق دلخواه»: after N minutes, or at a Jalali date and time."""

    def __init__(self, now: datetime, parent: QWidget | None = None):
        from crm_desktop.reminders.views.time_edit import TimeEdit
        from crm_desktop.ui.jalali_date_edit import JalaliDateEdit

        super().__init__(parent)
        self.setObjectName("snooze_dialog")
        self.setWindowTitle("تعویق دلخواه")
        self.setLayoutDirection(Qt.RightToLeft)
        self.now = now
        self.by_minutes = QRadioButton("پس از")
        self.by_minutes.setObjectName("snooze_dialog.by_minutes")
        self.by_minutes.setChecked(True)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("snooze_dialog.minutes")
        self.minutes.setRange(1, MAX_CUSTOM_MINUTES)
        self.minutes.setValue(15)
        self.minutes.setSuffix(" دقیقه")
        self.at_time = QRadioButton("در تاریخ")
        self.at_time.setObjectName("snooze_dialog.by_date")
        self.date = JalaliDateEdit(name="snooze_dialog.date", optional=False, today=lambda: now.date())
        self.date.setDate(now.date())
        self.time = TimeEdit(name="snooze_dialog.time", field_name="ساعت")
        self.time.setTime((now + timedelta(hours=1)).time().replace(second=0, microsecond=0))
        for widget in (self.date.edit, self.time.edit):
            widget.textEdited.connect(lambda _t: self.at_time.setChecked(True))
        self.minutes.valueChanged.connect(lambda _v: self.by_minutes.setChecked(True))
        self.error = QLabel()
        self.error.setObjectName("snooze_dialog.error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        grid = QGridLayout()
        grid.addWidget(self.by_minutes, 0, 0)
        grid.addWidget(self.minutes, 0, 1)
        grid.addWidget(self.at_time, 1, 0)
        grid.addWidget(self.date, 1, 1)
        grid.addWidget(QLabel("ساعت"), 1, 2)
        grid.addWidget(self.time, 1, 3)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("تعویق", QDialogButtonBox.AcceptRole)
        ok.setObjectName("snooze_dialog.ok")
        cancel = buttons.addButton("انصراف", QDialogButtonBox.RejectRole)
        cancel.setObjectName("snooze_dialog.cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.until: datetime | None = None

    def chosen(self) -> datetime:
        """The chosen time; ValidationError (Persian) when it is missing, invalid or not ahead."""
        if self.by_minutes.isChecked():
            return self.now.replace(microsecond=0) + timedelta(minutes=self.minutes.value())
        day = self.date.date()
        if day is None:
            raise ValidationError("snooze date invalid", self.date.error_text() or "تاریخ درست نیست.", "تاریخ")
        until = datetime.combine(day, parse_time(self.time.text()))
        if until <= self.now:
            raise ValidationError("snooze time not ahead", "زمان تعویق باید پس از اکنون باشد.", "ساعت")
        return until

    def accept(self) -> None:
        try:
            self.until = self.chosen()
        except ValidationError as error:
            self.error.setText(error.fa)
            self.error.show()
            return
        super().accept()


def _default_exec(dialog: QDialog) -> int:
    return dialog.exec()


#: runs the custom snooze dialog modally; tests replace it (like ui.dialogs.exec_hook)
exec_custom_snooze: Callable[[QDialog], int] = _default_exec


class AlarmActions(QObject):
    """Done and snooze through ``office.reminders``; a failure is shown in Persian, never raised.
    ``acted`` fires after each successful action (the scheduler re-arms on it)."""

    acted = Signal()

    def __init__(self, office, clock: Callable[[], datetime], parent: QWidget):
        super().__init__(parent)
        self.office = office
        self.clock = clock
        self.widget = parent

    def done(self, alarms: Iterable) -> bool:
        return self._each(alarms, lambda repo, a, now: repo.mark_done(a.reminder_id, a.occurrence_at, now))

    def snooze(self, alarms: list, choice) -> bool:
        """Snooze by a menu choice; CUSTOM asks for the time first (False when cancelled)."""
        if not alarms:
            return False
        now = self.clock()
        if choice == CUSTOM:
            dialog = CustomSnoozeDialog(now, self.widget)
            accepted = exec_custom_snooze(dialog) and dialog.until is not None
            until = dialog.until
            dialog.deleteLater()
            if not accepted:
                return False
            return self._each(alarms, lambda repo, a, at: repo.snooze(a.reminder_id, a.occurrence_at, until, at))
        return self._each(alarms, lambda repo, a, at: repo.snooze(
            a.reminder_id, a.occurrence_at, snooze_target(choice, at, a), at))

    def _each(self, alarms: Iterable, call) -> bool:
        now = self.clock()
        try:
            repo = self.office.reminders
            for alarm in alarms:
                call(repo, alarm, now)
        except UserError as error:
            dialogs.show_error(self.widget, error)
            return False
        except Exception as error:  # noqa: BLE001 - shown with details, the alarm window stays
            dialogs.show_error(self.widget, error)
            return False
        finally:
            self.acted.emit()
        return True
