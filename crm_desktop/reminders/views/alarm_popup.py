"""«یادآوری»: the one window that pops up on top of the others when alarms ring.

Several alarms make rows in the same window (never a pile of windows); alarms that ring while it
is open are added to it. Each row shows the subject in its group's colour, the Jalali date and
time («۱۵ دقیقه مانده» for an advance notice), the note, the place, the contact as a link and the
priority, with «انجام شد», «تعویق ▾» and «باز کردن»; «همه» does the same for every row. A handled
row leaves; the window closes with the last one. Closing it without acting leaves the alarms as
rung (the scheduler took them), which the window says (SEEN_HINT).

It is a top-level window without a parent, so it shows while the main window is hidden in the
tray; the app does not quit when it closes (app.py: quitOnLastWindowClosed is False)."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.core.digits import to_persian
from crm_desktop.reminders.views.alarm_actions import (
    AlarmActions,
    alarm_key,
    contact_id_of,
    contact_link,
    left_text,
    snooze_button,
    when_text,
)
from crm_desktop.ui import screen as ui_screen

TITLE = "یادآوری"
SEEN_HINT = "با بستن این پنجره، یادآوری‌ها دیده‌شده به حساب می‌آیند."
PRIORITY_BADGES = {2: ("اولویت زیاد", "#c62828"), 0: ("اولویت کم", "#757575")}
MISSED_BADGE = ("از دست رفته", "#ef6c00")
WIDTH = 440


def _badge(text: str, colour: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: white; background: {colour}; border-radius: 3px; padding: 1px 6px;")
    return label


class AlarmRow(QFrame):
    """One alarm: what it is about and its three actions."""

    doneRequested = Signal(object)  # the row
    snoozeRequested = Signal(object, object)  # the row, the menu choice
    openRequested = Signal(int)
    contactRequested = Signal(int)

    def __init__(self, alarm, parent: QWidget | None = None):
        super().__init__(parent)
        self.alarm = alarm
        self.setObjectName(f"alarm.row.{alarm.reminder_id}")
        self.setFrameShape(QFrame.StyledPanel)
        colour = alarm.colour or "#1f6f8b"
        strip = QFrame()
        strip.setFixedWidth(6)
        strip.setStyleSheet(f"background: {colour}; border-radius: 2px;")

        self.subject = QLabel(escape(alarm.subject))
        self.subject.setObjectName("alarm.subject")
        self.subject.setTextFormat(Qt.RichText)
        self.subject.setWordWrap(True)
        self.subject.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 12pt;")
        head = QHBoxLayout()
        head.addWidget(self.subject, 1)
        if alarm.group_name:
            group = QLabel(alarm.group_name)
            group.setStyleSheet(f"color: {colour};")
            head.addWidget(group)
        if alarm.missed:
            head.addWidget(_badge(*MISSED_BADGE))
        if alarm.priority in PRIORITY_BADGES:
            self.priority = _badge(*PRIORITY_BADGES[alarm.priority])
            self.priority.setObjectName("alarm.priority")
            head.addWidget(self.priority)

        when = when_text(alarm.occurrence_at)
        left = left_text(alarm)
        self.when = QLabel(f"{when} — <b>{left}</b>" if left else when)
        self.when.setObjectName("alarm.when")
        details = QVBoxLayout()
        details.setSpacing(3)
        details.addLayout(head)
        details.addWidget(self.when)
        self.note = self._line(details, "alarm.note", escape(alarm.note).replace("\n", "<br>"))
        self.place = self._line(details, "alarm.place", f"مکان: {escape(alarm.place)}" if alarm.place else "")
        link = contact_link(alarm)
        self.contact = self._line(details, "alarm.contact", f"مخاطب: {link}" if link else "")
        if self.contact is not None:
            self.contact.linkActivated.connect(self._on_link)

        self.done_button = QPushButton("انجام شد")
        self.done_button.setObjectName("alarm.done")
        self.done_button.clicked.connect(lambda: self.doneRequested.emit(self))
        self.snooze_button = snooze_button(self, lambda choice: self.snoozeRequested.emit(self, choice))
        self.open_button = QPushButton("باز کردن")
        self.open_button.setObjectName("alarm.open")
        self.open_button.clicked.connect(lambda: self.openRequested.emit(alarm.reminder_id))
        buttons = QHBoxLayout()
        for button in (self.done_button, self.snooze_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        details.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 8, 6)
        layout.addWidget(strip)
        layout.addLayout(details, 1)

    @staticmethod
    def _line(layout: QVBoxLayout, name: str, html: str) -> QLabel | None:
        if not html:
            return None
        label = QLabel(html)
        label.setObjectName(name)
        label.setTextFormat(Qt.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextBrowserInteraction)
        layout.addWidget(label)
        return label

    def _on_link(self, link: str) -> None:
        contact_id = contact_id_of(link)
        if contact_id is not None:
            self.contactRequested.emit(contact_id)


class AlarmPopup(QWidget):
    """The alarm window (objectName ``alarm_popup``); ``add_alarms`` shows it on top."""

    openReminder = Signal(int)
    openContact = Signal(int)
    acted = Signal()  # done or snoozed: the schedule may have changed

    def __init__(self, office, clock: Callable[[], datetime] = datetime.now, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window | Qt.WindowStaysOnTopHint)
        self.setObjectName("alarm_popup")
        self.setWindowTitle(TITLE)
        self.setLayoutDirection(Qt.RightToLeft)
        self.setAttribute(Qt.WA_QuitOnClose, False)
        self.actions = AlarmActions(office, clock, self)
        self.actions.acted.connect(self.acted)
        self.rows: list[AlarmRow] = []
        self._placed = False

        self.title = QLabel(TITLE)
        self.title.setObjectName("alarm_popup.title")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("alarm_popup.list")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.list)

        self.all_bar = QWidget()
        bar = QHBoxLayout(self.all_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel("همه:"))
        self.all_done = QPushButton("انجام شد")
        self.all_done.setObjectName("alarm_popup.all_done")
        self.all_done.clicked.connect(self.done_all)
        self.all_snooze = snooze_button(self, self.snooze_all, "alarm_popup.all_snooze")
        bar.addWidget(self.all_done)
        bar.addWidget(self.all_snooze)
        bar.addStretch(1)
        self.hint = QLabel(SEEN_HINT)
        self.hint.setObjectName("alarm_popup.hint")
        self.hint.setStyleSheet("color: #666;")
        self.close_button = QPushButton("بستن")
        self.close_button.setObjectName("alarm_popup.close")
        self.close_button.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.hint, 1)
        footer.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.all_bar)
        layout.addLayout(footer)
        self.setMinimumWidth(WIDTH)

    # --- contents --------------------------------------------------------------------------------
    def alarms(self) -> list:
        return [row.alarm for row in self.rows]

    def add_alarms(self, alarms: list) -> None:
        """List ``alarms`` (one that is already listed is refreshed, not doubled) and come forward."""
        for alarm in alarms:
            old = next((row for row in self.rows if alarm_key(row.alarm) == alarm_key(alarm)), None)
            row = AlarmRow(alarm, self.list)
            row.doneRequested.connect(self._done_row)
            row.snoozeRequested.connect(self._snooze_row)
            row.openRequested.connect(self.openReminder)
            row.contactRequested.connect(self.openContact)
            if old is not None:
                index = self.rows.index(old)
                self.rows[index] = row
                self.list_layout.replaceWidget(old, row)
                old.deleteLater()
            else:
                self.rows.append(row)
                self.list_layout.insertWidget(self.list_layout.count() - 1, row)
        self._refresh()
        if self.rows:
            self.come_forward()

    def _refresh(self) -> None:
        count = len(self.rows)
        self.title.setText(TITLE if count < 2 else f"{TITLE} — {to_persian(count)} مورد")
        self.all_bar.setVisible(count > 1)
        if self.isVisible() and self.rows:
            self._fit(keep_bottom=True)

    def _fit(self, *, keep_bottom: bool = False) -> None:
        """As tall as the rows need (up to four, then the list scrolls; at most 60 % of the
        screen), measured at the window's width; the scroll area's own size hint is not used: it
        remembers the first rows it held, so a window that once listed two alarms kept that
        height for one."""
        self.ensurePolished()
        width = max(self.width(), WIDTH) if self._placed else WIDTH  # unshown: Qt's 640 × 480
        margins = self.layout().contentsMargins()
        inner = width - margins.left() - margins.right()
        spacing = max(0, self.list_layout.spacing())

        def row_height(row: AlarmRow) -> int:
            return row.heightForWidth(inner) if row.hasHeightForWidth() else row.sizeHint().height()

        height = sum(row_height(row) + spacing for row in self.rows[:4])
        room = ui_screen.available_height(self)  # never self.screen(): see ui.screen
        limit = int(room * 0.6) if room else 600
        self.scroll.setMinimumHeight(min(height, limit))
        self.layout().activate()
        bottom = self.geometry().bottom()
        self.resize(width, self.minimumSizeHint().height())
        if keep_bottom:
            self.move(self.x(), max(0, bottom - self.height() + 1))

    def _remove(self, rows: list[AlarmRow]) -> None:
        for row in rows:
            if row in self.rows:
                self.rows.remove(row)
                self.list_layout.removeWidget(row)
                row.deleteLater()
        self._refresh()
        if not self.rows:
            self.close()

    # --- actions ---------------------------------------------------------------------------------
    def _done_row(self, row: AlarmRow) -> None:
        if self.actions.done([row.alarm]):
            self._remove([row])

    def _snooze_row(self, row: AlarmRow, choice) -> None:
        if self.actions.snooze([row.alarm], choice):
            self._remove([row])

    def done_all(self) -> None:
        rows = list(self.rows)
        if self.actions.done([row.alarm for row in rows]):
            self._remove(rows)

    def snooze_all(self, choice) -> None:
        rows = list(self.rows)
        if self.actions.snooze([row.alarm for row in rows], choice):
            self._remove(rows)

    # --- window ------------------------------------------------------------------------------------
    def come_forward(self) -> None:
        """Show the window on top, sized to its rows; a window that pops up afresh goes back to
        its corner, one already open keeps its place (its bottom edge)."""
        showing = self.isVisible()
        self._fit(keep_bottom=showing)
        if not showing or not self._placed:
            self._place()
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        QApplication.alert(self)

    def _place(self) -> None:
        """Near the corner where the tray usually is (bottom right), away from the centre where
        dialogs open."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        size = self.size()
        self.move(area.right() - size.width() - 24, max(area.top(), area.bottom() - size.height() - 48))
        self._placed = True

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        """Closing means «seen»: the rows go (they were taken and stay rung)."""
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self._refresh()
        event.accept()
