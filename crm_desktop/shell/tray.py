"""The tray icon keeps the app alive (and its alarms ringing) while the window is closed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from crm_desktop import APP_TITLE


class Tray(QSystemTrayIcon):
    showRequested = Signal()
    quitRequested = Signal()

    def __init__(self, icon: QIcon, parent=None):
        super().__init__(icon, parent)
        self.setToolTip(APP_TITLE)
        menu = QMenu()
        menu.setObjectName("tray.menu")
        self.show_action = QAction("نمایش پنجره", menu)
        self.show_action.setObjectName("tray.show")
        self.show_action.triggered.connect(self.showRequested)
        self.quit_action = QAction("خروج", menu)
        self.quit_action.setObjectName("tray.quit")
        self.quit_action.triggered.connect(self.quitRequested)
        menu.addAction(self.show_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self._menu = menu  # keep a reference: the tray does not own its menu
        self.setContextMenu(menu)
        self.activated.connect(self._on_activated)

    def set_next_alarm(self, at: datetime | None) -> None:
        """The tooltip tells when the next alarm rings (the scheduler says when it changes)."""
        from crm_desktop.core.jalali import format_date_long, format_time

        if at is None:
            self.setToolTip(APP_TITLE)
        else:
            self.setToolTip(f"{APP_TITLE}\nزنگ بعدی: {format_date_long(at.date())}، ساعت {format_time(at)}")

    def _on_activated(self, reason) -> None:
        if reason in (QSystemTrayIcon.Trigger, QSystemTrayIcon.DoubleClick):
            self.showRequested.emit()
