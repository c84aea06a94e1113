"""The «امروز» agenda: today's occurrences in time order (group colour, done ones struck through,
overdue ones in red with «گذشته»), then the next seven days grouped by day.

    agenda = AgendaView(office, clock)
    agenda.refresh()                       # after a change notice or at a new minute
    agenda.activated.connect(tab.open_occurrence)   # double-click / Enter: the occurrence
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from crm_desktop.core.digits import format_number
from crm_desktop.reminders.views.common import (
    DONE_COLOUR,
    HIGH_PRIORITY_COLOUR,
    LRI,
    OVERDUE_COLOUR,
    PDI,
    colour_icon,
    day_bounds,
    day_title,
    occurrence_tooltip,
    time_text,
)

UPCOMING_DAYS = 7
COLUMNS = ("ساعت", "موضوع", "گروه", "مخاطب", "مکان", "وضعیت")
TIME, SUBJECT, GROUP, CONTACT, PLACE, STATE = range(len(COLUMNS))
OVERDUE_TEXT = "گذشته"
DONE_TEXT = "انجام شد"
NOTHING_TODAY = "برای امروز یادآوری‌ای نیست."
NOTHING_AHEAD = "در هفت روز آینده یادآوری‌ای نیست."
OccurrenceRole = Qt.UserRole + 1


class AgendaView(QWidget):
    activated = Signal(object)  # the Occurrence

    def __init__(self, office, clock: Callable[[], datetime] = datetime.now, parent: QWidget | None = None):
        super().__init__(parent)
        self.office = office
        self.clock = clock
        self.summary = QLabel(self)
        self.summary.setObjectName("reminders.agenda.summary")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("reminders.agenda")
        self.tree.setAccessibleName("یادآوری‌های امروز و هفت روز آینده")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(PLACE, QHeaderView.Stretch)
        em = self.tree.fontMetrics().horizontalAdvance("م")
        for column, width in ((TIME, 7), (SUBJECT, 34), (GROUP, 8), (CONTACT, 14), (STATE, 7)):
            self.tree.setColumnWidth(column, em * width)
        self.tree.itemActivated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.today_items: list[QTreeWidgetItem] = []
        self.upcoming_items: list[QTreeWidgetItem] = []

    # -- data --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        now = self.clock()
        today = now.date()
        start, end = day_bounds(today)
        repo = self.office.reminders
        todays = repo.occurrences_between(start, end)
        ahead_end = day_bounds(today + timedelta(days=UPCOMING_DAYS))[1]
        upcoming = repo.occurrences_between(end + timedelta(seconds=1), ahead_end)
        current = self.current_occurrence()
        self.tree.clear()
        self.today_items, self.upcoming_items = [], []

        self._section(day_title(today, today), len(todays))
        for occ in todays:
            self.today_items.append(self._occurrence_item(occ, now))
        if not todays:
            self._placeholder(NOTHING_TODAY)
        self._section("هفت روز آینده", len(upcoming))
        last_day = None
        for occ in upcoming:
            if occ.at.date() != last_day:
                last_day = occ.at.date()
                self._day_header(day_title(last_day, today))
            self.upcoming_items.append(self._occurrence_item(occ, now))
        if not upcoming:
            self._placeholder(NOTHING_AHEAD)

        overdue = sum(1 for o in todays if not o.done and o.at < now)
        done = sum(1 for o in todays if o.done)
        parts = [f"امروز {format_number(len(todays))} یادآوری"]
        if done:
            parts.append(f"{format_number(done)} انجام شده")
        if overdue:
            parts.append(f"{format_number(overdue)} گذشته و انجام‌نشده")
        self.summary.setText("، ".join(parts))
        if current is not None:
            self.select(current.reminder_id, current.at)

    def _section(self, title: str, count: int) -> None:
        item = QTreeWidgetItem(self.tree)
        item.setText(SUBJECT, f"{title}  ({format_number(count)})")
        item.setFirstColumnSpanned(False)
        font = QFont(self.tree.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1 if font.pointSizeF() > 0 else 11)
        for column in range(len(COLUMNS)):
            item.setFont(column, font)
            item.setBackground(column, QBrush(QColor("#e8eef3")))
        item.setFlags(Qt.ItemIsEnabled)

    def _day_header(self, title: str) -> None:
        item = QTreeWidgetItem(self.tree)
        item.setText(SUBJECT, title)
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(SUBJECT, font)
        item.setForeground(SUBJECT, QBrush(QColor("#455a64")))
        item.setFlags(Qt.ItemIsEnabled)

    def _placeholder(self, text: str) -> None:
        item = QTreeWidgetItem(self.tree)
        item.setText(SUBJECT, text)
        item.setForeground(SUBJECT, QBrush(QColor(DONE_COLOUR)))
        item.setFlags(Qt.ItemIsEnabled)

    def _occurrence_item(self, occ, now: datetime) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree)
        item.setData(0, OccurrenceRole, occ)
        item.setText(TIME, f"{LRI}{time_text(occ.at)}{PDI}")
        item.setText(SUBJECT, occ.subject)
        item.setIcon(SUBJECT, colour_icon(occ.colour, 12))
        item.setText(GROUP, occ.group_name or "")
        item.setText(CONTACT, occ.contact_name or "")
        item.setText(PLACE, occ.place or "")
        tooltip = occurrence_tooltip(occ)
        for column in range(len(COLUMNS)):
            item.setToolTip(column, tooltip)
        if occ.priority == 2 and not occ.done:
            font = QFont(self.tree.font())
            font.setBold(True)
            item.setFont(SUBJECT, font)
            item.setForeground(SUBJECT, QBrush(QColor(HIGH_PRIORITY_COLOUR)))
        if occ.done:
            item.setText(STATE, DONE_TEXT)
            for column in range(len(COLUMNS)):
                font = QFont(self.tree.font())
                font.setStrikeOut(column != STATE)
                item.setFont(column, font)
                item.setForeground(column, QBrush(QColor(DONE_COLOUR)))
        elif occ.at < now:
            item.setText(STATE, OVERDUE_TEXT)
            red = QBrush(QColor(OVERDUE_COLOUR))
            for column in (TIME, STATE):
                item.setForeground(column, red)
            font = QFont(self.tree.font())
            font.setBold(True)
            item.setFont(STATE, font)
        return item

    # -- selection ---------------------------------------------------------------------------------
    def occurrence_items(self) -> list[QTreeWidgetItem]:
        return self.today_items + self.upcoming_items

    def current_occurrence(self):
        item = self.tree.currentItem()
        return item.data(0, OccurrenceRole) if item is not None else None

    def select(self, reminder_id: int, at: datetime | None = None) -> bool:
        for item in self.occurrence_items():
            occ = item.data(0, OccurrenceRole)
            if occ.reminder_id == reminder_id and (at is None or occ.at == at):
                self.tree.setCurrentItem(item)
                return True
        return False

    def focus_first(self) -> None:
        self.tree.setFocus(Qt.OtherFocusReason)
        if self.current_occurrence() is None and self.occurrence_items():
            self.tree.setCurrentItem(self.occurrence_items()[0])

    def _on_activated(self, item, _column=0) -> None:
        occ = item.data(0, OccurrenceRole)
        if occ is not None:
            self.activated.emit(occ)
