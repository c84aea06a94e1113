"""«یادآوری‌های از دست رفته»: alarms whose time passed while the app was closed or the PC slept,
listed once in one quiet dialog (no bell, no storm of popups) with the popup's actions.

Non-modal (``show()``): the app and its other alarms go on while it is open; alarms missed later
(after the next sleep) are added to the same dialog. Handled rows leave; it closes with the last."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import to_persian
from crm_desktop.core.jalali import format_date_long, format_time
from crm_desktop.reminders.views.alarm_actions import (
    AlarmActions,
    alarm_key,
    contact_id_of,
    contact_link,
    snooze_button,
)

TITLE = "یادآوری‌های از دست رفته"
INTRO = "زمان این یادآوری‌ها گذشت، وقتی برنامه بسته بود یا رایانه خاموش یا در خواب بود:"
COLUMNS = ("زمان", "موضوع", "مخاطب")
WHEN, SUBJECT, CONTACT = range(3)


class MissedDialog(QDialog):
    openReminder = Signal(int)
    openContact = Signal(int)
    acted = Signal()

    def __init__(self, office, clock: Callable[[], datetime] = datetime.now, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window | Qt.WindowStaysOnTopHint)
        self.setObjectName("missed_dialog")
        self.setWindowTitle(TITLE)
        self.setLayoutDirection(Qt.RightToLeft)
        self.setAttribute(Qt.WA_QuitOnClose, False)
        self.setModal(False)
        self.actions = AlarmActions(office, clock, self)
        self.actions.acted.connect(self.acted)
        self._alarms: list = []

        self.title = QLabel(TITLE)
        self.title.setObjectName("missed_dialog.title")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("missed_dialog.table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(SUBJECT, QHeaderView.Stretch)
        header.setSectionResizeMode(CONTACT, QHeaderView.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open_row(row))

        self.done_button = QPushButton("انجام شد")
        self.done_button.setObjectName("missed_dialog.done")
        self.done_button.clicked.connect(self.done_selected)
        self.snooze_button = snooze_button(self, self.snooze_selected, "missed_dialog.snooze")
        self.open_button = QPushButton("باز کردن")
        self.open_button.setObjectName("missed_dialog.open")
        self.open_button.clicked.connect(self.open_selected)
        self.all_done = QPushButton("همه انجام شد")
        self.all_done.setObjectName("missed_dialog.all_done")
        self.all_done.clicked.connect(self.done_all)
        self.close_button = QPushButton("بستن")
        self.close_button.setObjectName("missed_dialog.close")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.done_button, self.snooze_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.all_done)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(640, 360)

    # --- contents --------------------------------------------------------------------------------
    def alarms(self) -> list:
        return list(self._alarms)

    def add_alarms(self, alarms: list) -> None:
        """Add ``alarms`` (oldest first; one already listed is not doubled) and come forward."""
        keys = {alarm_key(a) for a in self._alarms}
        self._alarms += [a for a in alarms if alarm_key(a) not in keys]
        self._alarms.sort(key=lambda a: a.alarm_at)
        self._fill()
        if self._alarms:
            self.show()
            self.raise_()
            self.activateWindow()

    def _fill(self) -> None:
        self.table.setRowCount(len(self._alarms))
        for row, alarm in enumerate(self._alarms):
            when = QTableWidgetItem(f"{format_date_long(alarm.occurrence_at.date())}، {format_time(alarm.occurrence_at)}")
            subject = QTableWidgetItem(alarm.subject)
            if alarm.colour:
                subject.setForeground(QColor(alarm.colour))
            if alarm.priority == 2:
                subject.setText(f"❗ {alarm.subject}")
            subject.setToolTip("\n".join(x for x in (alarm.subject, alarm.note, alarm.place) if x))
            self.table.setItem(row, WHEN, when)
            self.table.setItem(row, SUBJECT, subject)
            self.table.setItem(row, CONTACT, QTableWidgetItem(""))
            link = contact_link(alarm)
            if link:
                label = QLabel(link)
                label.setObjectName("missed_dialog.contact")
                label.setContentsMargins(6, 0, 6, 0)
                label.linkActivated.connect(self._on_link)
                self.table.setCellWidget(row, CONTACT, label)
            else:
                self.table.removeCellWidget(row, CONTACT)
        self.table.resizeColumnsToContents()
        count = len(self._alarms)
        self.title.setText(f"{TITLE} — {to_persian(count)} مورد" if count > 1 else TITLE)
        if count and not self.table.selectedItems():
            self.select_row(0)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        """Select one row (QTableView.selectRow misses in a right-to-left table whose columns do
        not fill the viewport: it looks for the column at the viewport's far edge)."""
        self.table.setCurrentCell(row, 0, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def _update_buttons(self) -> None:
        has = bool(self.selected_rows())
        for button in (self.done_button, self.snooze_button, self.open_button):
            button.setEnabled(has)

    def _remove(self, alarms: list) -> None:
        keys = {alarm_key(a) for a in alarms}
        self._alarms = [a for a in self._alarms if alarm_key(a) not in keys]
        self.table.clearSelection()
        self._fill()
        if not self._alarms:
            self.close()

    # --- actions ---------------------------------------------------------------------------------
    def _selected_alarms(self) -> list:
        return [self._alarms[row] for row in self.selected_rows() if row < len(self._alarms)]

    def done_selected(self) -> None:
        alarms = self._selected_alarms()
        if alarms and self.actions.done(alarms):
            self._remove(alarms)

    def snooze_selected(self, choice) -> None:
        alarms = self._selected_alarms()
        if alarms and self.actions.snooze(alarms, choice):
            self._remove(alarms)

    def done_all(self) -> None:
        alarms = list(self._alarms)
        if alarms and self.actions.done(alarms):
            self._remove(alarms)

    def open_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self._open_row(rows[0])

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self._alarms):
            self.openReminder.emit(self._alarms[row].reminder_id)

    def _on_link(self, link: str) -> None:
        contact_id = contact_id_of(link)
        if contact_id is not None:
            self.openContact.emit(contact_id)

    def closeEvent(self, event) -> None:
        """Closing means «seen»: they were listed once and are not listed again."""
        self._alarms = []
        self.table.setRowCount(0)
        event.accept()

    def reject(self) -> None:  # Esc
        self.close()
