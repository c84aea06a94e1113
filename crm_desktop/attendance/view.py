"""The attendance tab (حضور و غیاب): a quick punch (a person, «ورود» / «خروج», now) with
today's punches beside; a Jalali month (this month by default) shown for the chosen person — a
row for each day with its figures, the month's totals and the year's leave balance — or, on the
second page, for the whole office; a toolbar to edit the chosen day (Enter, a double-click),
manage work schedules, import a fingerprint device's file, edit holidays, print and export.

Keyboard: Ctrl+F the person, Enter the chosen day, Ctrl+P print (the timesheet, or the summary
on its page), Ctrl+1 / Ctrl+2 the pages.

    tab = AttendanceTab(office, events, parent, clock=datetime.now)
    tab.show_person(file_id)
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.attendance.views import tab_actions
from crm_desktop.attendance.views.month_chooser import MonthChooser
from crm_desktop.attendance.views.month_page import MonthPage
from crm_desktop.attendance.views.punch_bar import PunchBar, TodayList
from crm_desktop.attendance.views.summary_page import SummaryPage
from crm_desktop.core import jalali
from crm_desktop.ui.actions import make_action

WATCHED_TABLES = frozenset({"attendance_punches", "attendance_leaves", "attendance_missions", "work_schedules",
                            "staff_schedules", "device_pins", "files", "file_states", "contacts", "holidays", "*"})
STAFF_TABLES = frozenset({"files", "file_states", "contacts", "*"})
PERSON, OFFICE = range(2)


def _default_day_dialog(office, file_id, day, parent, person_name=""):
    from crm_desktop.attendance.views.day_dialog import DayDialog

    return DayDialog(office, file_id, day, parent, person_name=person_name)


def _default_schedules_dialog(office, parent, file_id=None):
    from crm_desktop.attendance.views.schedules_dialog import SchedulesDialog

    return SchedulesDialog(office, parent, file_id=file_id)


def _default_import_dialog(office, parent):
    from crm_desktop.attendance.views.import_dialog import ImportDialog

    return ImportDialog(office, parent)


class AttendanceTab(QWidget):
    TITLE = "حضور و غیاب"

    def __init__(self, office, events, parent=None, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.setObjectName("attendance")
        self.office = office
        self.events = events
        self.clock = clock
        self.day_dialog_factory = _default_day_dialog
        self.schedules_dialog_factory = _default_schedules_dialog
        self.import_dialog_factory = _default_import_dialog
        self._today = clock().date()
        self._stale = {PERSON: True, OFFICE: True}

        self.punch_bar = PunchBar(office, clock, self)
        self.person = self.punch_bar.person
        self.chooser = MonthChooser(self._today, self)
        self.person_title = QLabel(self)
        self.person_title.setObjectName("attendance.person_title")
        font = self.person_title.font()
        font.setBold(True)
        self.person_title.setFont(font)
        self.month_page = MonthPage(self)
        self.summary_page = SummaryPage(self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("attendance.pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.month_page, "کارکرد ماه")
        self.pages.addTab(self.summary_page, "خلاصه ماه دفتر")
        self.today_list = TodayList(office, clock, self)
        self._build_actions()

        month_row = QHBoxLayout()
        month_row.addWidget(self.chooser)
        month_row.addSpacing(16)
        month_row.addWidget(self.person_title, 1)
        main = QWidget(self)
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addLayout(month_row)
        main_layout.addWidget(self.pages, 1)
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(main)  # first: on the right in a right-to-left window
        self.splitter.addWidget(self.today_list)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([1000, 230])
        self._side_moved = False  # once the operator drags the splitter, their width stays
        self.splitter.splitterMoved.connect(lambda *_a: setattr(self, "_side_moved", True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.punch_bar)
        layout.addWidget(self.splitter, 1)

        self.person.personChanged.connect(lambda _id: self._person_changed())
        self.chooser.monthChanged.connect(lambda _y, _m: self._month_changed())
        self.pages.currentChanged.connect(lambda _i: self._page_changed())
        self.month_page.dayActivated.connect(self.edit_day)
        self.summary_page.personActivated.connect(self.show_person)
        self.today_list.personActivated.connect(self.person.set_person)
        self.events.changed.connect(self._on_changed)
        self._minute = QTimer(self)
        self._minute.setInterval(60_000)
        self._minute.timeout.connect(self._tick)
        self._minute.start()
        self.refresh()

    # --- building ---------------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot, shortcuts=(), tip: str = "") -> QAction:
        return make_action(self, text, name, slot, shortcuts, tip, context=Qt.WidgetWithChildrenShortcut)

    def _menu_button(self, name: str, default: QAction, actions) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setDefaultAction(default)
        button.setPopupMode(QToolButton.MenuButtonPopup)
        menu = QMenu(button)
        for action in actions:
            menu.addAction(action)
        button.setMenu(menu)
        return button

    def _build_actions(self) -> None:
        self.edit_day_action = self._action("ویرایش روز…", "attendance.edit_day", self.edit_current_day,
                                            tip="ورود و خروج، مرخصی و ماموریت روز انتخاب‌شده (Enter)")
        self.schedules_action = self._action("برنامه‌های کاری…", "attendance.schedules", self.manage_schedules,
                                             tip="ساعت‌های کار هر روز هفته، مهلت تأخیر و برنامه هر نفر")
        self.import_action = self._action("ورود از دستگاه…", "attendance.import", self.import_device,
                                          tip="ورود و خروج‌ها از فایل دستگاه حضور و غیاب (attlog)")
        self.holidays_action = self._action("تعطیلات…", "attendance.holidays", self.manage_holidays,
                                            tip="تعطیلات رسمی سال و اصلاح آن‌ها (همان تقویم یادآوری‌ها)")
        self.print_timesheet_action = self._action("چاپ کارکرد ماه", "attendance.print_timesheet",
                                                   lambda: self.print_report("timesheet"))
        self.print_summary_action = self._action("چاپ خلاصه ماه دفتر", "attendance.print_summary",
                                                 lambda: self.print_report("summary"))
        self.print_action = self._action("چاپ", "attendance.print", self.print_report, ["Ctrl+P"],
                                         "چاپ کارکرد ماه شخص، یا خلاصه ماه دفتر در صفحهٔ خود")
        self.export_timesheet_action = self._action("خروجی Excel کارکرد ماه", "attendance.export_timesheet",
                                                    lambda: self.export("timesheet"))
        self.export_summary_action = self._action("خروجی Excel خلاصه ماه دفتر", "attendance.export_summary",
                                                  lambda: self.export("summary"))
        self.export_action = self._action("خروجی Excel…", "attendance.export", self.export)
        self._action("شخص", "attendance.find_person", self.focus_person, ["Ctrl+F"])
        for index, key in enumerate(("Ctrl+1", "Ctrl+2")):
            self._action(self.pages.tabText(index), f"attendance.page{index + 1}",
                         lambda i=index: self.pages.setCurrentIndex(i), [key])

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("attendance.toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.edit_day_action)
        self.toolbar.addSeparator()
        self.print_button = self._menu_button("attendance.print_button", self.print_action,
                                              (self.print_timesheet_action, self.print_summary_action))
        self.export_button = self._menu_button("attendance.export_button", self.export_action,
                                               (self.export_timesheet_action, self.export_summary_action))
        self.toolbar.addWidget(self.print_button)
        self.toolbar.addWidget(self.export_button)
        self.toolbar.addSeparator()
        for action in (self.schedules_action, self.import_action, self.holidays_action):
            self.toolbar.addAction(action)

    # --- what is shown ----------------------------------------------------------------------------
    def today(self) -> date:
        return self.clock().date()

    def month(self) -> tuple[int, int]:
        return self.chooser.month()

    def person_id(self) -> int | None:
        return self.person.person_id()

    def refresh(self) -> None:
        """Read again what shows (the other page when it is next opened)."""
        self._stale = {PERSON: True, OFFICE: True}
        self.today_list.refresh()
        self._refresh_page()

    def _refresh_page(self) -> None:
        page = self.pages.currentIndex()
        if not self._stale.get(page):
            return
        self._stale[page] = False
        year, month = self.month()
        if page == PERSON:
            file_id = self.person_id()
            self.month_page.load(self.office, file_id, year, month, self.today())
            data = self.month_page.data
            self.person_title.setText(f"کارکرد {data.name} — برنامه «{data.schedule.name}»" if data is not None
                                      else "پرونده پرسنلی‌ای نیست.")
            if file_id is not None and self.month_page.current_day() is None:
                self.month_page.select_day(self.today())
        else:
            self.summary_page.load(self.office, year, month, self.today())
            self.person_title.setText("خلاصه ماه همهٔ پرسنل")
        self._update_actions()

    def _person_changed(self) -> None:
        self._stale[PERSON] = True
        if self.pages.currentIndex() == PERSON:
            self._refresh_page()

    def _month_changed(self) -> None:
        self._stale = {PERSON: True, OFFICE: True}
        self._refresh_page()

    def _page_changed(self) -> None:
        self._refresh_page()
        self._update_actions()

    def _on_changed(self, tables: frozenset) -> None:
        if tables & WATCHED_TABLES:
            if tables & STAFF_TABLES:
                self.person.set_staff(self.office.attendance.staff())
            self.refresh()

    def _tick(self) -> None:
        """A new day moves «این ماه» and today's list on."""
        today = self.today()
        if today != self._today:
            self._today = today
            self.chooser.set_today(today)
            self.refresh()

    def _update_actions(self) -> None:
        has_person = self.person_id() is not None
        self.edit_day_action.setEnabled(has_person and self.pages.currentIndex() == PERSON)
        for action in (self.print_timesheet_action, self.export_timesheet_action):
            action.setEnabled(has_person)

    def show_person(self, file_id: int) -> None:
        """That person's month (the summary's double-click, another tab's link)."""
        self.person.set_person(file_id)
        self.pages.setCurrentIndex(PERSON)
        self._refresh_page()
        self.month_page.table.setFocus(Qt.OtherFocusReason)

    def focus_person(self) -> None:
        self.person.setFocus(Qt.ShortcutFocusReason)
        self.person.lineEdit().selectAll()

    # --- actions ----------------------------------------------------------------------------------
    def edit_current_day(self) -> None:
        day = self.month_page.current_day()
        if day is not None:
            self.edit_day(day)

    def edit_day(self, day: date) -> None:
        file_id = self.person_id()
        if file_id is None:
            return
        dialog = self.day_dialog_factory(self.office, file_id, day, self, self.person.person_name())
        dialog.exec()
        dialog.deleteLater()
        self.refresh()
        self.month_page.select_day(day)
        self.month_page.table.setFocus(Qt.OtherFocusReason)

    def manage_schedules(self) -> None:
        dialog = self.schedules_dialog_factory(self.office, self, self.person_id())
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def import_device(self) -> None:
        dialog = self.import_dialog_factory(self.office, self)
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def manage_holidays(self) -> None:
        from crm_desktop.reminders.views.holidays_dialog import HolidaysDialog

        HolidaysDialog(self.office, self, year=self.month()[0] or jalali.to_jalali(self.today())[0]).exec()
        self.refresh()

    def _report_what(self, what: str | None) -> str:
        return what or ("summary" if self.pages.currentIndex() == OFFICE else "timesheet")

    def print_report(self, what: str | None = None):
        return tab_actions.print_report(self, self.office, self._report_what(what), *self.month(),
                                        file_id=self.person_id(), person=self.person.person_name(), today=self.today())

    def export(self, what: str | None = None):
        return tab_actions.export_report(self, self.office, self._report_what(what), *self.month(),
                                         file_id=self.person_id(), person=self.person.person_name(), today=self.today())

    # --- keyboard and size -------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802
        """Today's list takes a sixth of the width (170–240 px): a narrow window keeps the month's
        columns readable."""
        super().resizeEvent(event)
        if not self._side_moved:
            total = sum(self.splitter.sizes()) or self.width()
            side = max(170, min(240, total // 6))
            self.splitter.blockSignals(True)
            self.splitter.setSizes([total - side, side])
            self.splitter.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802
        """Opening the tab puts the cursor in the person's field, ready for a quick punch."""
        super().showEvent(event)
        if self.today() != self._today:
            self._tick()
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            QTimer.singleShot(0, lambda: self.person.setFocus(Qt.OtherFocusReason) if self.isVisible() else None)
