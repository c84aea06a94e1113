"""The reminders tab: three pages — «امروز» (today's agenda and the next seven days), «ماه» (a
Jalali month, Friday and holidays red, days with reminders marked, a click lists a day) and
«همه» (every reminder, with search, group and date-range filters) — and a toolbar: new, edit,
delete, done, groups, holidays, print (list / detailed), ICS export, birthdays.

Keyboard: Ctrl+N new, Ctrl+F search (on «همه»), Enter open, Del delete (asks first), Ctrl+D
done / not done, Ctrl+P print, Ctrl+1/2/3 the pages, Esc clears the search.

    tab = RemindersTab(office, events, parent, clock=datetime.now)
    tab.open_reminder(reminder_id)        # the alarm popup's «باز کردن»
    tab.new_reminder(day=None, prefill=None)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTabWidget, QToolBar, QToolButton, QVBoxLayout, QWidget

from crm_desktop.core.digits import format_number
from crm_desktop.errors import UserError
from crm_desktop.reminders.views import tab_actions
from crm_desktop.reminders.views.agenda import UPCOMING_DAYS, AgendaView
from crm_desktop.reminders.views.list_view import ListView
from crm_desktop.reminders.views.month_view import MonthView
from crm_desktop.ui import dialogs
from crm_desktop.ui.actions import make_action

WATCHED_TABLES = frozenset({"reminders", "reminder_groups", "contacts", "holidays", "reminder_log", "*"})
AGENDA, MONTH, LIST = range(3)


def _default_reminder_dialog(office, reminder_id, parent, **options):
    from crm_desktop.reminders.views.reminder_dialog import ReminderDialog

    return ReminderDialog(office, reminder_id, parent, clock=parent.clock, **options)


class RemindersTab(QWidget):
    TITLE = "یادآوری‌ها"

    def __init__(self, office, events, parent=None, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.setObjectName("reminders")
        self.office = office
        self.events = events
        self.clock = clock
        self.reminder_dialog_factory = _default_reminder_dialog
        self._day = clock().date()

        self.agenda = AgendaView(office, clock, self)
        self.month = MonthView(office, clock, self)
        self.list = ListView(office, clock, self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("reminders.pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.agenda, "امروز")
        self.pages.addTab(self.month, "ماه")
        self.pages.addTab(self.list, "همه")
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)

        self.agenda.activated.connect(lambda occ: self.open_reminder(occ.reminder_id))
        self.month.activated.connect(lambda occ: self.open_reminder(occ.reminder_id))
        self.month.newRequested.connect(lambda d: self.new_reminder(day=d))
        self.list.activated.connect(lambda row: self.open_reminder(row.id))
        self.list.search.install_shortcut(self)
        self.list.search.installEventFilter(self)
        self.pages.currentChanged.connect(self._page_changed)
        self.events.changed.connect(self._on_changed)
        self._minute = QTimer(self)
        self._minute.setInterval(60_000)
        self._minute.timeout.connect(self._tick)
        self._minute.start()
        self.refresh()

    # --- building ---------------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot, shortcuts=(), tip: str = "", *, context=Qt.WindowShortcut,
                hosts=()) -> QAction:
        return make_action(self, text, name, slot, shortcuts, tip, context=context, hosts=hosts)

    def _build_actions(self) -> None:
        self.new_action = self._action("یادآوری تازه", "reminders.new", self.new_reminder, ["Ctrl+N"])
        self.open_action = self._action("باز کردن", "reminders.open", self.open_current, tip="باز کردن (Enter)")
        self.delete_action = self._action("حذف", "reminders.delete", self.delete_selected, [QKeySequence.Delete],
                                          context=Qt.WidgetShortcut, hosts=(self.agenda.tree, self.month.day_list, self.list.table))
        self.done_action = self._action("انجام شد", "reminders.done", self.toggle_done, ["Ctrl+D"],
                                        "این نوبت انجام شد / انجام نشده")
        self.groups_action = self._action("گروه‌ها…", "reminders.groups", self.manage_groups)
        self.holidays_action = self._action("تعطیلات…", "reminders.holidays", self.manage_holidays)
        self.print_action = self._action("چاپ", "reminders.print", lambda: self.print_report(False), ["Ctrl+P"])
        self.print_detailed_action = self._action("چاپ با جزئیات", "reminders.print_detailed",
                                                  lambda: self.print_report(True))
        self.export_action = self._action("خروجی تقویم (ICS)…", "reminders.export", self.export_ics)
        self.birthdays_action = self._action("یادآوری تولدها", "reminders.birthdays", self.birthday_reminders,
                                             tip="یادآوری سالانه برای تولد مخاطبان دفتر تلفن")
        for index, key in enumerate(("Ctrl+1", "Ctrl+2", "Ctrl+3")):
            self._action(self.pages.tabText(index), f"reminders.page{index + 1}",
                         lambda i=index: self.show_page(i), [key])
        for action in (self.open_action, self.delete_action):
            action.setShortcutVisibleInContextMenu(False)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("reminders.toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        for action in (self.new_action, self.open_action, self.delete_action, self.done_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("reminders.print_button")
        self.print_button.setDefaultAction(self.print_action)
        self.print_button.setPopupMode(QToolButton.MenuButtonPopup)
        menu = QMenu(self.print_button)
        menu.addAction(self.print_action)
        menu.addAction(self.print_detailed_action)
        self.print_button.setMenu(menu)
        self.toolbar.addWidget(self.print_button)
        self.toolbar.addAction(self.export_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.groups_action)
        self.toolbar.addAction(self.holidays_action)
        self.toolbar.addAction(self.birthdays_action)

    # --- what is shown ----------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if index == LIST:
            self.list.search.focus_search()
        elif index == MONTH:
            self.month.grid.setFocus(Qt.OtherFocusReason)
        else:
            self.agenda.focus_first()

    def _page_changed(self, index: int) -> None:
        self._update_actions()

    def refresh(self) -> None:
        self.agenda.refresh()
        self.month.refresh()
        self.list.refresh()
        self._update_actions()

    def _on_changed(self, tables: frozenset) -> None:
        if tables & WATCHED_TABLES:
            if tables & {"reminder_groups", "*"}:
                self.list.reload_groups()
            self.refresh()

    def _tick(self) -> None:
        """Each minute: a new day moves the agenda on; overdue marks follow the clock."""
        today = self.clock().date()
        if today != self._day:
            self._day = today
            self.month.refresh()
        if self.isVisible():
            self.agenda.refresh()

    def _update_actions(self) -> None:
        has = self.current_reminder_id() is not None
        for action in (self.open_action, self.delete_action):
            action.setEnabled(True)  # they say why when nothing is chosen
        self.done_action.setEnabled(has or self.pages.currentIndex() != LIST)

    # --- the current reminder ---------------------------------------------------------------------
    def current_occurrence(self):
        """(reminder id, occurrence time) of what is chosen on the current page, or None."""
        page = self.pages.currentIndex()
        if page == AGENDA:
            occ = self.agenda.current_occurrence()
            return (occ.reminder_id, occ.at) if occ is not None else None
        if page == MONTH:
            occ = self.month.current_occurrence()
            return (occ.reminder_id, occ.at) if occ is not None else None
        row = self.list.current_row()
        return (row.id, row.next_at) if row is not None else None

    def current_reminder_id(self) -> int | None:
        current = self.current_occurrence()
        return current[0] if current else None

    def selected_ids(self) -> list[int]:
        if self.pages.currentIndex() == LIST:
            return [row.id for row in self.list.selected_rows()]
        current = self.current_reminder_id()
        return [current] if current is not None else []

    def select_reminder(self, reminder_id: int) -> None:
        page = self.pages.currentIndex()
        if page == AGENDA:
            self.agenda.select(reminder_id)
        elif page == LIST:
            self.list.select_reminder(reminder_id)

    # --- actions ----------------------------------------------------------------------------------
    def _run_dialog(self, reminder_id=None, **options) -> int | None:
        try:
            dialog = self.reminder_dialog_factory(self.office, reminder_id, self, **options)
        except UserError as error:
            dialogs.show_error(self, error)
            return None
        saved: list[int] = []
        dialog.saved.connect(saved.append)
        dialog.exec()
        dialog.deleteLater()
        if saved:
            self.refresh()
            if self.pages.currentIndex() == LIST and not self.list.select_reminder(saved[-1]):
                self.list.clear_filters()  # saved outside the filters: shown, not hidden
            self.select_reminder(saved[-1])
            return saved[-1]
        return None

    def new_reminder(self, day: date | None = None, prefill=None) -> int | None:
        if day is None and prefill is None and self.pages.currentIndex() == MONTH:
            day = self.month.selected_day()
        return self._run_dialog(None, day=day, prefill=prefill)

    def open_reminder(self, reminder_id: int) -> int | None:
        """Open the form of a reminder (the alarm popup's «باز کردن» comes here)."""
        return self._run_dialog(reminder_id)

    def open_current(self) -> None:
        reminder_id = self.current_reminder_id()
        if reminder_id is not None:
            self.open_reminder(reminder_id)

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        if len(ids) == 1:
            reminder = self.office.reminders.get(ids[0])
            question = f"یادآوری «{reminder.subject if reminder else ''}» حذف شود؟"
        else:
            question = f"{format_number(len(ids))} یادآوری انتخاب‌شده حذف شوند؟"
        if not dialogs.confirm(self, question, "حذف یادآوری",
                               informative="همهٔ نوبت‌های تکرارشونده آن هم حذف می‌شوند."):
            return 0
        try:
            deleted = self.office.reminders.delete(ids)
        except Exception as error:  # noqa: BLE001
            dialogs.show_error(self, error)
            return 0
        self.refresh()
        return deleted

    def toggle_done(self) -> bool | None:
        """Mark the chosen occurrence done (or not done again); True when it is now done."""
        current = self.current_occurrence()
        if current is None or current[1] is None:
            return None
        reminder_id, at = current
        occ = self.agenda.current_occurrence() if self.pages.currentIndex() == AGENDA else (
            self.month.current_occurrence() if self.pages.currentIndex() == MONTH else None)
        repo = self.office.reminders
        try:
            if occ is not None and occ.done:
                repo.undo_done(reminder_id, at)
                done = False
            else:
                repo.mark_done(reminder_id, at, self.clock())
                done = True
        except Exception as error:  # noqa: BLE001
            dialogs.show_error(self, error)
            return None
        self.refresh()
        if self.pages.currentIndex() == AGENDA:
            self.agenda.select(reminder_id, at)
        return done

    def manage_groups(self) -> None:
        from crm_desktop.reminders.views.groups_dialog import ReminderGroupsDialog

        ReminderGroupsDialog(self.office, self).exec()

    def manage_holidays(self) -> None:
        from crm_desktop.core import jalali
        from crm_desktop.reminders.views.holidays_dialog import HolidaysDialog

        HolidaysDialog(self.office, self, year=self.month.shown_month()[0] or jalali.to_jalali(self._day)[0]).exec()

    def report_scope(self) -> tab_actions.Scope:
        """What print and export cover: the list's filters and range (default: the next 30
        days), the month shown, or today and the next seven days."""
        today = self.clock().date()
        page = self.pages.currentIndex()
        if page == MONTH:
            return tab_actions.month_scope(*self.month.shown_month())
        if page == AGENDA:
            return tab_actions.Scope(today, today + timedelta(days=UPCOMING_DAYS))
        query = self.list.query()
        start = query.date_from or today
        end = query.date_to or max(start, today) + timedelta(days=30)
        return tab_actions.Scope(start, end, query.group_id,
                                 self.list.group.currentText() if query.group_id is not None else None, query.text)

    def print_report(self, detailed: bool = False):
        return tab_actions.print_occurrences(self, self.office, self.report_scope(), detailed=detailed,
                                             today=self.clock().date())

    def export_ics(self):
        return tab_actions.export_ics(self, self.office, self.report_scope(), self.clock())

    def birthday_reminders(self, contact_ids=None):
        made = tab_actions.birthdays(self, self.office, contact_ids, now=self.clock())
        if made:
            self.refresh()
        return made

    # --- keyboard / lifecycle ---------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape and self.list.search.text():
            self.list.search.set_query("")
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._day != self.clock().date():
            self._tick()
        QTimer.singleShot(0, lambda: self.agenda.focus_first() if self.pages.currentIndex() == AGENDA else None)
