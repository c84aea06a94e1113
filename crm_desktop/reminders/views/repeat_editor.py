"""The repeat rule editor of the reminder form: the kind (none, daily, weekly on chosen days,
every N days, monthly on a Jalali day, yearly on a Jalali month/day), the end (never, after N
times, on a date), «بدون جمعه‌ها» and «بدون تعطیلات رسمی», and — live — the rule in Persian and
its next three occurrences from now (or why it can never fire).

    editor = RepeatEditor(holidays=is_holiday, today=...)
    editor.set_start(datetime)       # the reminder's first time (from the form)
    editor.set_repeat(Repeat(...)); editor.repeat() -> Repeat
    editor.show_error("…")           # a model ValidationError for «تکرار»
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core import jalali
from crm_desktop.errors import ValidationError
from crm_desktop.reminders.views.common import LRI, PDI
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit

ERROR_STYLE = "color: #c62828;"
PREVIEW_COUNT = 3


def _model():
    from crm_desktop.reminders import model

    return model


class RepeatEditor(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, holidays: Callable[[date], bool] | None = None,
                 today: Callable[[], date] = date.today, now: Callable[[], datetime] | None = None):
        super().__init__("تکرار", parent)
        self._now = now
        self.setObjectName("reminder.repeat")
        self._holidays = holidays
        self._start: datetime | None = None
        self._error = ""
        model = _model()

        self.kind = QComboBox(self)
        self.kind.setObjectName("reminder.repeat.kind")
        self.kind.setAccessibleName("نوع تکرار")
        for kind in model.REPEAT_KINDS:
            self.kind.addItem(model.REPEAT_LABELS[kind], kind)

        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        self.pages["none"] = QWidget()
        self.pages["daily"] = QWidget()
        # weekly
        weekly = QWidget()
        row = QHBoxLayout(weekly)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekday_boxes: list[QCheckBox] = []
        for i, name in enumerate(jalali.WEEKDAY_NAMES):
            box = QCheckBox(name, weekly)
            box.setObjectName(f"reminder.repeat.weekday.{i}")
            box.toggled.connect(self._changed)
            self.weekday_boxes.append(box)
            row.addWidget(box)
        row.addStretch(1)
        self.pages["weekly"] = weekly
        # every N days
        every = QWidget()
        row = QHBoxLayout(every)
        row.setContentsMargins(0, 0, 0, 0)
        self.every = QSpinBox(every)
        self.every.setObjectName("reminder.repeat.every")
        self.every.setRange(1, 3650)
        row.addWidget(QLabel("هر", every))
        row.addWidget(self.every)
        row.addWidget(QLabel("روز یک بار", every))
        row.addStretch(1)
        self.pages["every_n_days"] = every
        # monthly
        monthly = QWidget()
        row = QHBoxLayout(monthly)
        row.setContentsMargins(0, 0, 0, 0)
        self.month_day = QSpinBox(monthly)
        self.month_day.setObjectName("reminder.repeat.month_day")
        self.month_day.setRange(1, 31)
        row.addWidget(QLabel("روز", monthly))
        row.addWidget(self.month_day)
        row.addWidget(QLabel("هر ماه (ماه کوتاه‌تر: روز آخر ماه)", monthly))
        row.addStretch(1)
        self.pages["monthly"] = monthly
        # yearly
        yearly = QWidget()
        row = QHBoxLayout(yearly)
        row.setContentsMargins(0, 0, 0, 0)
        self.year_day = QSpinBox(yearly)
        self.year_day.setObjectName("reminder.repeat.year_day")
        self.year_day.setRange(1, 31)
        self.year_month = QComboBox(yearly)
        self.year_month.setObjectName("reminder.repeat.year_month")
        for m in range(1, 13):
            self.year_month.addItem(jalali.MONTH_NAMES[m], m)
        row.addWidget(QLabel("هر سال", yearly))
        row.addWidget(self.year_day)
        row.addWidget(self.year_month)
        row.addStretch(1)
        self.pages["yearly"] = yearly
        for kind in model.REPEAT_KINDS:
            self.stack.addWidget(self.pages[kind])

        # the end
        self.end_never = QRadioButton("همیشه", self)
        self.end_never.setObjectName("reminder.repeat.end.never")
        self.end_count = QRadioButton("پس از", self)
        self.end_count.setObjectName("reminder.repeat.end.count")
        self.end_until = QRadioButton("تا تاریخ", self)
        self.end_until.setObjectName("reminder.repeat.end.until")
        self.end_group = QButtonGroup(self)
        for button in (self.end_never, self.end_count, self.end_until):
            self.end_group.addButton(button)
            button.toggled.connect(self._changed)
        self.count = QSpinBox(self)
        self.count.setObjectName("reminder.repeat.count")
        self.count.setRange(1, 9999)
        self.count.setValue(10)
        self.until = JalaliDateEdit(self, name="reminder.repeat.until", field_name="پایان تکرار", today=today)
        self.end_row = QWidget(self)
        end = QHBoxLayout(self.end_row)
        end.setContentsMargins(0, 0, 0, 0)
        end.addWidget(QLabel("پایان:", self.end_row))
        end.addWidget(self.end_never)
        end.addWidget(self.end_count)
        end.addWidget(self.count)
        end.addWidget(QLabel("بار", self.end_row))
        end.addSpacing(12)
        end.addWidget(self.end_until)
        end.addWidget(self.until)
        end.addStretch(1)

        self.skip_fridays = QCheckBox("بدون جمعه‌ها", self)
        self.skip_fridays.setObjectName("reminder.repeat.skip_fridays")
        self.skip_holidays = QCheckBox("بدون تعطیلات رسمی", self)
        self.skip_holidays.setObjectName("reminder.repeat.skip_holidays")
        self.skip_row = QWidget(self)
        skip = QHBoxLayout(self.skip_row)
        skip.setContentsMargins(0, 0, 0, 0)
        skip.addWidget(self.skip_fridays)
        skip.addWidget(self.skip_holidays)
        skip.addStretch(1)

        self.description = QLabel(self)
        self.description.setObjectName("reminder.repeat.description")
        self.description.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("reminder.repeat.preview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color: #455a64;")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("reminder.repeat.error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.end_row)
        layout.addWidget(self.skip_row)
        layout.addWidget(self.description)
        layout.addWidget(self.preview)
        layout.addWidget(self.error_label)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        for spin in (self.every, self.month_day, self.year_day, self.count):
            spin.valueChanged.connect(self._changed)
        self.year_month.currentIndexChanged.connect(self._changed)
        self.until.dateChanged.connect(self._changed)
        for box in (self.skip_fridays, self.skip_holidays):
            box.toggled.connect(self._changed)
        self.end_never.setChecked(True)
        self._kind_changed()

    # -- the rule ----------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return self.kind.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def set_start(self, start: datetime | None) -> None:
        """The reminder's first time: the defaults (its weekday, day, month) and the preview."""
        self._start = start
        if start is not None:
            y, m, d = jalali.to_jalali(start.date())
            if not any(b.isChecked() for b in self.weekday_boxes) and self.current_kind() != "weekly":
                self.weekday_boxes[jalali.weekday(start.date())].setChecked(True)
            if self.current_kind() != "monthly":
                self.month_day.setValue(d)
            if self.current_kind() != "yearly":
                self.year_day.setValue(d)
                self.year_month.setCurrentIndex(m - 1)
        self._update_preview()

    def weekdays(self) -> tuple[int, ...]:
        return tuple(i for i, box in enumerate(self.weekday_boxes) if box.isChecked())

    def set_weekdays(self, days) -> None:
        for i, box in enumerate(self.weekday_boxes):
            box.setChecked(i in set(days))

    def repeat(self):
        """The rule as the editor stands (not validated)."""
        model = _model()
        kind = self.current_kind()
        if kind == "none":
            return model.Repeat()
        end = "count" if self.end_count.isChecked() else ("until" if self.end_until.isChecked() else "never")
        return model.Repeat(
            kind=kind,
            every=self.every.value() if kind == "every_n_days" else 1,
            weekdays=self.weekdays() if kind == "weekly" else (),
            month_day=self.month_day.value() if kind == "monthly" else 0,
            month=self.year_month.currentData() if kind == "yearly" else 0,
            day=self.year_day.value() if kind == "yearly" else 0,
            end=end,
            count=self.count.value() if end == "count" else 0,
            until=self.until.date() if end == "until" else None,
            skip_fridays=self.skip_fridays.isChecked(),
            skip_holidays=self.skip_holidays.isChecked(),
        )

    def set_repeat(self, repeat) -> None:
        self.blockSignals(True)
        self.set_kind(repeat.kind)
        self.every.setValue(max(1, repeat.every or 1))
        if repeat.weekdays:
            self.set_weekdays(repeat.weekdays)
        if repeat.month_day:
            self.month_day.setValue(repeat.month_day)
        if repeat.month:
            self.year_month.setCurrentIndex(repeat.month - 1)
        if repeat.day:
            self.year_day.setValue(repeat.day)
        {"count": self.end_count, "until": self.end_until}.get(repeat.end, self.end_never).setChecked(True)
        if repeat.count:
            self.count.setValue(repeat.count)
        self.until.setDate(repeat.until)
        self.skip_fridays.setChecked(repeat.skip_fridays)
        self.skip_holidays.setChecked(repeat.skip_holidays)
        self.blockSignals(False)
        self._kind_changed()

    # -- checking ----------------------------------------------------------------------------------
    def validate_fields(self) -> bool:
        """The end date's own field (a date like 1404/12/30 gets its message there)."""
        if self.current_kind() != "none" and self.end_until.isChecked():
            self.until.set_optional(False)
            return self.until.validate()
        return True

    def show_error(self, message: str) -> None:
        self._error = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def error_text(self) -> str:
        return self._error

    # -- live --------------------------------------------------------------------------------------
    def _kind_changed(self, *_args) -> None:
        kind = self.current_kind()
        self.stack.setCurrentWidget(self.pages[kind])
        repeating = kind != "none"
        self.end_row.setVisible(repeating)
        self.skip_row.setVisible(repeating)
        self.preview.setVisible(repeating)
        self._changed()

    def _changed(self, *_args) -> None:
        self.count.setEnabled(self.end_count.isChecked())
        self.until.setEnabled(self.end_until.isChecked())
        if self._error:
            self.show_error("")
        self._update_preview()
        if not self.signalsBlocked():
            self.changed.emit()

    def _update_preview(self) -> None:
        repeat = self.repeat()
        if repeat.kind == "none":
            self.description.setText("بدون تکرار")
            self.preview.setText("")
            return
        try:
            self.description.setText(repeat.describe(self._start))
        except Exception:  # noqa: BLE001 - half-typed rule: say nothing rather than break the form
            self.description.setText("")
        if self._start is None:
            self.preview.setText("")
            return
        try:
            from crm_desktop.reminders.recurrence import occurrences

            after = max(self._start, self._now()) if self._now is not None else self._start
            upcoming = list(occurrences(self._start, repeat, after=after, holidays=self._holidays,
                                        limit=PREVIEW_COUNT))
        except ValidationError as error:
            self.preview.setText(error.fa)
            return
        except Exception:  # noqa: BLE001
            upcoming = []
        if not upcoming:
            self.preview.setText("این قاعده هیچ‌گاه به موعد نمی‌رسد.")
            return
        shown = "، ".join(f"{LRI}{jalali.format_date(at)}{PDI} ({jalali.WEEKDAY_NAMES[jalali.weekday(at.date())]})"
                          for at in upcoming)
        self.preview.setText(f"نوبت‌های بعدی: {shown}")

    def preview_text(self) -> str:
        return self.preview.text()
