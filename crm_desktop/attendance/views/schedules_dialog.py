"""«برنامه‌های کاری»: the office's work schedules and who works on which.

Page «برنامه‌ها»: the schedules (the first is the office's default, for everyone not given
another); the chosen one's name, minutes of grace for lateness and its week (``WeekEditor``);
«ذخیره» writes it, «برنامه تازه» starts a new one from the one shown. Leaving a changed schedule
asks whether to save it. Page «برنامه هر نفر»: each member of staff with a schedule to choose,
written at once.

    SchedulesDialog(office, parent, file_id=None).exec()   # file_id: that person's row chosen
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.attendance.model import Schedule
from crm_desktop.attendance.views.common import WARN_COLOUR
from crm_desktop.attendance.views.week_editor import WeekEditor
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs
from crm_desktop.ui.screen import fitted_height

DEFAULT_MARK = " (پیش‌فرض دفتر)"
IdRole = Qt.UserRole + 1


class SchedulesDialog(QDialog):
    def __init__(self, office, parent: QWidget | None = None, *, file_id: int | None = None):
        super().__init__(parent)
        self.setObjectName("attendance.schedules")
        self.setWindowTitle("برنامه‌های کاری")
        self.setLayoutDirection(Qt.RightToLeft)
        self.office = office
        self.att = office.attendance
        self.schedule: Schedule | None = None  # the one in the editor (id None: not saved yet)
        self._dirty = False
        self._loading = False

        self.pages = QTabWidget(self)
        self.pages.setObjectName("attendance.schedules.pages")
        self.pages.addTab(self._build_schedules_page(), "برنامه‌ها")
        self.pages.addTab(self._build_staff_page(), "برنامه هر نفر")
        close = QPushButton("بستن", self)
        close.setObjectName("attendance.schedules.close")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.reload()
        if file_id is not None:
            self.show_person(file_id, switch=False)  # the person's row ready on «برنامه هر نفر»
        self.resize(860, fitted_height(self, parent, 560))

    # -- building ----------------------------------------------------------------------------------
    def _build_schedules_page(self) -> QWidget:
        page = QWidget(self)
        self.list = QListWidget(page)
        self.list.setObjectName("attendance.schedules.list")
        self.list.setAccessibleName("برنامه‌های کاری")
        self.list.setMaximumWidth(240)
        self.new_button = QPushButton("برنامه تازه", page)
        self.new_button.setObjectName("attendance.schedules.new")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_schedule)
        self.name = QLineEdit(page)
        self.name.setObjectName("attendance.schedules.name")
        self.grace = QSpinBox(page)
        self.grace.setObjectName("attendance.schedules.grace")
        self.grace.setRange(0, 120)
        self.grace.setSuffix(" دقیقه")
        self.grace.setToolTip("ورود تا این چند دقیقه پس از آغاز شیفت تأخیر شمرده نمی‌شود")
        self.grace.setMaximumWidth(self.grace.fontMetrics().horizontalAdvance("۱۲۰ دقیقه") + 48)
        self.name.setMaximumWidth(380)
        self.week = WeekEditor(page)
        self.error = QLabel(page)
        self.error.setObjectName("attendance.schedules.error")
        self.error.setStyleSheet(f"color: {WARN_COLOUR};")
        self.error.setWordWrap(True)
        self.save_button = QPushButton("ذخیره", page)
        self.save_button.setObjectName("attendance.schedules.save")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow("نام برنامه:", self.name)
        form.addRow("مهلت تأخیر:", self.grace)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.week)
        editor.addWidget(self.error)
        editor.addStretch(1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        editor.addLayout(save_row)
        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        side.addWidget(self.new_button)
        row = QHBoxLayout(page)
        row.addLayout(side)
        row.addLayout(editor, 1)
        self.list.currentItemChanged.connect(self._chosen)
        self.name.textEdited.connect(lambda _t: self._mark_dirty())
        self.grace.valueChanged.connect(lambda _v: self._mark_dirty())
        self.week.changed.connect(self._mark_dirty)
        return page

    def _build_staff_page(self) -> QWidget:
        page = QWidget(self)
        self.staff_table = QTableWidget(0, 3, page)
        self.staff_table.setObjectName("attendance.schedules.staff")
        self.staff_table.setHorizontalHeaderLabels(["نام", "شماره پرونده", "برنامه کاری"])
        self.staff_table.verticalHeader().hide()
        self.staff_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.staff_table.setSelectionBehavior(QTableWidget.SelectRows)
        header = self.staff_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        note = QLabel("هر کس برنامه‌ای جدا نداشته باشد با برنامهٔ پیش‌فرض دفتر (نخستین برنامه) حساب می‌شود.", page)
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.staff_table, 1)
        layout.addWidget(note)
        return page

    # -- schedules ---------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        schedules = self.att.schedules()
        keep = select_id if select_id is not None else (self.schedule.id if self.schedule else None)
        self._loading = True
        self.list.clear()
        for i, s in enumerate(schedules):
            item = QListWidgetItem(s.name + (DEFAULT_MARK if i == 0 else ""))
            item.setData(IdRole, s.id)
            self.list.addItem(item)
        self._loading = False
        index = next((i for i, s in enumerate(schedules) if s.id == keep), 0)
        if self.list.count():
            self.list.setCurrentRow(index)
        self._fill_staff(schedules)

    def _chosen(self, current, previous) -> None:
        if self._loading or current is None:
            return
        if self._dirty and not self._settle():
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        schedule = next((s for s in self.att.schedules() if s.id == current.data(IdRole)), None)
        if schedule is not None:
            self.show_schedule(schedule)

    def show_schedule(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self._loading = True
        self.name.setText(schedule.name)
        self.grace.setValue(schedule.grace)
        self.week.set_days(schedule.days)
        self._loading = False
        self.error.clear()
        self._dirty = False

    def new_schedule(self) -> None:
        if self._dirty and not self._settle():
            return
        base = self.schedule or Schedule("", {}, 10)
        self.show_schedule(Schedule("", dict(base.days), base.grace))
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.list.blockSignals(False)
        self._dirty = True
        self.name.setFocus()

    def _mark_dirty(self) -> None:
        if not self._loading:
            self._dirty = True

    def is_dirty(self) -> bool:
        return self._dirty

    def _settle(self) -> bool:
        """A changed schedule is about to be left: save it, or forget the change. False: stay."""
        name = self.name.text().strip() or "تازه"
        if dialogs.confirm(self, f"تغییرات برنامه «{name}» ذخیره شود؟", "برنامه کاری", yes_text="ذخیره",
                           no_text="ذخیره نشود"):
            return self.save()
        self._dirty = False
        return True

    def save(self) -> bool:
        try:
            days = self.week.days()
            schedule = Schedule(self.name.text(), days, self.grace.value(),
                                self.schedule.id if self.schedule else None)
            schedule_id = self.att.save_schedule(schedule)
        except UserError as error:
            self.error.setText(error.fa)
            return False
        self._dirty = False
        self.error.clear()
        self.schedule = None
        self.reload(select_id=schedule_id)
        return True

    # -- who works on which ------------------------------------------------------------------------
    def _fill_staff(self, schedules) -> None:
        staff = self.att.staff()
        self.staff_table.setRowCount(len(staff))
        self.assign_boxes: dict[int, QComboBox] = {}
        for row, member in enumerate(staff):
            name = QTableWidgetItem(member.name)
            name.setData(IdRole, member.file_id)
            self.staff_table.setItem(row, 0, name)
            number = QTableWidgetItem(f"\u2066{member.number}\u2069")
            number.setTextAlignment(Qt.AlignCenter)
            self.staff_table.setItem(row, 1, number)
            box = QComboBox(self.staff_table)
            box.setObjectName(f"attendance.schedules.assign.{member.file_id}")
            for i, s in enumerate(schedules):
                box.addItem(s.name + (DEFAULT_MARK if i == 0 else ""), s.id)
            box.setCurrentIndex(max(0, box.findData(self.att.schedule_for(member.file_id).id)))
            box.currentIndexChanged.connect(lambda _i, fid=member.file_id, b=box: self.assign(fid, b.currentData()))
            self.staff_table.setCellWidget(row, 2, box)
            self.assign_boxes[member.file_id] = box

    def assign(self, file_id: int, schedule_id: int) -> None:
        try:
            self.att.assign_schedule(file_id, schedule_id)
        except UserError as error:
            dialogs.show_error(self, error)

    def show_person(self, file_id: int, *, switch: bool = True) -> None:
        if switch:
            self.pages.setCurrentIndex(1)
        for row in range(self.staff_table.rowCount()):
            if self.staff_table.item(row, 0).data(IdRole) == file_id:
                self.staff_table.setCurrentCell(row, 0)
                if switch:
                    self.assign_boxes[file_id].setFocus()
                return

    # -- closing -----------------------------------------------------------------------------------
    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        if self._dirty and not self._settle():
            return
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._dirty and not self._settle():
            event.ignore()
            return
        super().closeEvent(event)
