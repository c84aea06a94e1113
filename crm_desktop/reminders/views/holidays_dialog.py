"""A Jalali year's official holidays, with the operator's corrections: a day the government
added («افزودن روز تعطیل»), a lunar holiday that fell a day off («حذف از تعطیلات» + adding the
right day), and «بازگرداندن» to forget a correction. Reminders that skip holidays follow.

    HolidaysDialog(office, parent, year=1405).exec()
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.reminders.views.common import LRI, PDI
from crm_desktop.ui import dialogs
from crm_desktop.ui.jalali_date_edit import JalaliDateEdit
from crm_desktop.ui.screen import fit

TITLE = "تعطیلات رسمی"
OFFICIAL, ADDED, REMOVED = "رسمی", "افزودهٔ شما", "حذف‌شده توسط شما"
COLUMNS = ("تاریخ", "روز", "عنوان", "وضعیت")
DateRole = Qt.UserRole + 1


class HolidaysDialog(QDialog):
    def __init__(self, office, parent: QWidget | None = None, *, year: int | None = None):
        super().__init__(parent)
        self.setObjectName("holidays_dialog")
        self.setWindowTitle(TITLE)
        self.setLayoutDirection(Qt.RightToLeft)
        self.office = office
        self.repo = office.reminders
        self.year = QSpinBox(self)
        self.year.setObjectName("holidays.year")
        self.year.setRange(1300, 1430)
        self.year.setValue(year or jalali.to_jalali(date.today())[0])
        self.year.setLayoutDirection(Qt.LeftToRight)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("holidays.table")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 90)
        self.table.setColumnWidth(3, 130)
        hint = QLabel("تعطیلات قمری از تقویم محاسبه می‌شوند و ممکن است با اعلام رسمی یک روز فرق کنند؛ "
                      "روز نادرست را حذف و روز درست را اضافه کنید.", self)
        hint.setWordWrap(True)
        hint.setEnabled(False)

        self.new_date = JalaliDateEdit(self, name="holidays.new_date", field_name="تاریخ")
        self.new_title = QLineEdit(self)
        self.new_title.setObjectName("holidays.new_title")
        self.new_title.setPlaceholderText("عنوان، مثلاً تعطیلی به دلیل آلودگی هوا")
        self.add_button = QPushButton("افزودن روز تعطیل", self)
        self.add_button.setObjectName("holidays.add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_from_fields)
        self.remove_button = QPushButton("حذف از تعطیلات", self)
        self.remove_button.setObjectName("holidays.remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self.restore_button = QPushButton("بازگرداندن به تقویم رسمی", self)
        self.restore_button.setObjectName("holidays.restore")
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore_current)

        top = QHBoxLayout()
        top.addWidget(QLabel("سال:", self))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        top.addWidget(self.restore_button)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("روز تازه:", self), 0, Qt.AlignTop)
        add_row.addWidget(self.new_date, 0, Qt.AlignTop)
        add_row.addWidget(self.new_title, 1, Qt.AlignTop)
        add_row.addWidget(self.add_button, 0, Qt.AlignTop)
        close = QDialogButtonBox(self)
        close_button = close.addButton("بستن", QDialogButtonBox.RejectRole)
        close_button.setObjectName("holidays.close")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(add_row)
        layout.addWidget(close)
        fit(self, parent, 640, 560)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    # -- showing -----------------------------------------------------------------------------------
    def rows(self) -> list[tuple[date, str, str]]:
        """(day, title, state) of the year: official days, the operator's additions and removals."""
        from crm_desktop.core.holidays import official_holidays

        year = self.year.value()
        official = official_holidays(year)
        overrides = self.repo.holiday_overrides()
        start = jalali.from_jalali(year, 1, 1)
        end = jalali.from_jalali(year, 12, jalali.month_length(year, 12))
        found: dict[date, tuple[str, str]] = {d: (title, OFFICIAL) for d, title in official.items()}
        for d, (flag, title) in overrides.items():
            if not start <= d <= end:
                continue
            if flag:
                found[d] = (title or official.get(d, "") or "تعطیل", ADDED if d not in official else OFFICIAL)
            elif d in found:
                found[d] = (found[d][0], REMOVED)
        return [(d, title, state) for d, (title, state) in sorted(found.items())]

    def reload(self, select: date | None = None) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for i, (d, title, state) in enumerate(rows):
            cells = (f"{LRI}{jalali.format_date(d)}{PDI}", jalali.WEEKDAY_NAMES[jalali.weekday(d)], title, state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(DateRole, d)
                if state == REMOVED:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(QBrush(QColor("#8a8a8a")))
                elif state == ADDED:
                    item.setForeground(QBrush(QColor("#1f6f8b")))
                self.table.setItem(i, column, item)
            if d == select:
                self.table.setCurrentCell(i, 0)
        self._update_buttons()

    def current_day(self) -> tuple[date, str, str] | None:
        row = self.table.currentRow()
        rows = self.rows()
        return rows[row] if 0 <= row < len(rows) else None

    def _update_buttons(self) -> None:
        current = self.current_day()
        overrides = self.repo.holiday_overrides()
        self.remove_button.setEnabled(current is not None and current[2] != REMOVED)
        self.restore_button.setEnabled(current is not None and current[0] in overrides)

    # -- editing -----------------------------------------------------------------------------------
    def add_holiday(self, d: date, title: str) -> bool:
        try:
            self.repo.set_holiday(d, title.strip() or "تعطیل", True)
        except UserError as error:
            dialogs.show_error(self, error)
            return False
        if jalali.to_jalali(d)[0] != self.year.value():
            self.year.setValue(jalali.to_jalali(d)[0])
        self.reload(d)
        return True

    def add_from_fields(self) -> bool:
        self.new_date.set_optional(False)
        ok = self.new_date.validate()
        self.new_date.set_optional(True)
        if not ok or self.new_date.date() is None:
            self.new_date.setFocus()
            return False
        if self.add_holiday(self.new_date.date(), self.new_title.text()):
            self.new_date.setDate(None)
            self.new_title.clear()
            return True
        return False

    def remove_current(self) -> bool:
        current = self.current_day()
        if current is None:
            return False
        d, title, _state = current
        if not dialogs.confirm(self, f"{LRI}{jalali.format_date(d)}{PDI} («{title}») از تعطیلات حذف شود؟", "حذف تعطیلی"):
            return False
        self.repo.set_holiday(d, title, False)
        self.reload(d)
        return True

    def restore_current(self) -> bool:
        current = self.current_day()
        if current is None:
            return False
        self.repo.clear_holiday(current[0])
        self.reload(current[0])
        return True

    def year_text(self) -> str:
        return to_persian(self.year.value())
