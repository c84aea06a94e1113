"""The main window: a tab per feature, menus, today's Jalali date in the status bar.

Closing the window hides it while a tray icon exists, so alarms keep ringing; the tray menu or a
second launch brings it back, and «خروج» quits."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from crm_desktop import APP_TITLE
from crm_desktop.core.jalali import format_date_long
from crm_desktop.core.text import path_text
from crm_desktop.shell.features import FEATURE_TABS, FeatureTab
from crm_desktop.ui.screen import fitted_height, fitted_width

WIDTH, HEIGHT = 1100, 720


class MainWindow(QMainWindow):
    quitRequested = Signal()
    backupRequested = Signal()
    restoreRequested = Signal()
    settingsRequested = Signal()

    def __init__(self, office, events, clock: Callable[[], datetime] = datetime.now, parent=None):
        super().__init__(parent)
        self.office = office
        self.events = events
        self.clock = clock
        self.keep_running_in_tray = False  # set by the app when a tray icon is shown
        self._painted = False
        self.setObjectName("main")
        self.setWindowTitle(self._title())

        self.tabs = QTabWidget()
        self.tabs.setObjectName("main.tabs")
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, QWidget] = {}
        for index, feature in enumerate(FEATURE_TABS):
            page = QWidget()
            page.setObjectName(f"{feature.name}.page")
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            self._pages[feature.name] = page
            self.tabs.addTab(page, feature.title)
            if index == 0:
                self._build_tab(feature)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.setCentralWidget(self.tabs)

        self.date_label = QLabel()
        self.date_label.setObjectName("status.date")
        self.db_label = QLabel(path_text(office.path))  # left to right as a whole: «/tmp/…» not «tmp/…/»
        self.db_label.setLayoutDirection(Qt.LeftToRight)
        self.db_label.setObjectName("status.db")
        self.db_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.date_label)
        self._build_menus()

        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.timeout.connect(self.update_date)
        self.update_date()
        events.changed.connect(self._on_changed)
        # 1100 × 720 where the screen has room; on a 1024 × 600 netbook it opened wider and taller
        # than the screen, its status bar and the tab's lower rows off the edge
        self.resize(fitted_width(self, None, WIDTH), fitted_height(self, None, HEIGHT))

    # --- tabs, built on first use ------------------------------------------------------------------
    def _build_tab(self, feature: FeatureTab) -> QWidget:
        page = self._pages[feature.name]
        if page.layout().count() == 0:
            tab = feature.load()(self.office, self.events, page, clock=self.clock)
            tab.setObjectName(feature.name)
            page.layout().addWidget(tab)
        return page.layout().itemAt(0).widget()

    def _on_tab_changed(self, index: int) -> None:
        if 0 <= index < len(FEATURE_TABS):
            self._build_tab(FEATURE_TABS[index])

    def tab(self, name: str) -> QWidget:
        """The feature tab called ``name`` (built now if it was not yet)."""
        feature = next(f for f in FEATURE_TABS if f.name == name)
        return self._build_tab(feature)

    def show_tab(self, name: str) -> QWidget:
        widget = self.tab(name)
        self.tabs.setCurrentWidget(self._pages[name])
        return widget

    # --- menus ----------------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("پرونده")
        self.backup_action = self._action("پشتیبان‌گیری اکنون", "action.backup", self.backupRequested.emit, "Ctrl+B")
        self.restore_action = self._action("بازگردانی از پشتیبان…", "action.restore", self.restoreRequested.emit)
        self.settings_action = self._action("تنظیمات…", "action.settings", self.settingsRequested.emit, "Ctrl+,")
        self.close_action = self._action("بستن پنجره", "action.close", self.close, "Ctrl+W")
        self.quit_action = self._action("خروج", "action.quit", self.quitRequested.emit, "Ctrl+Q")
        for item in (self.backup_action, self.restore_action, None, self.settings_action, None, self.close_action,
                     self.quit_action):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)
        help_menu = self.menuBar().addMenu("راهنما")
        help_menu.addAction(self._action("درباره برنامه", "action.about", self._about))

    def _about(self) -> None:
        from crm_desktop import __version__
        from crm_desktop.core.digits import to_persian
        from crm_desktop.ui.dialogs import show_info

        show_info(self, f"{APP_TITLE} — نسخه {to_persian(__version__)}\nپایگاه داده: \u2068{self.office.path}\u2069")

    # --- state ----------------------------------------------------------------------------------
    def _title(self) -> str:
        name = self.office.preferences.office_name
        return f"{APP_TITLE} — {name}" if name else APP_TITLE

    def _on_changed(self, tables: frozenset) -> None:
        if "settings" in tables:
            self.setWindowTitle(self._title())

    def update_date(self) -> None:
        """Today's Jalali date, refreshed just after midnight."""
        now = self.clock()
        self.date_label.setText(format_date_long(now.date()))
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
        self._date_timer.start(max(1000, int((midnight - now).total_seconds() * 1000) + 1000))

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    # --- events ---------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self.keep_running_in_tray:
            event.ignore()
            self.hide()
        else:
            event.accept()
            self.quitRequested.emit()

    def event(self, event) -> bool:
        result = super().event(event)
        if event.type() == QEvent.Paint and not self._painted:
            self._painted = True
            self._after_first_paint()
        return result

    def _after_first_paint(self) -> None:
        if os.environ.get("CRM_DESKTOP_EXIT_AFTER_PAINT") == "1":
            print(f"first-paint {time.perf_counter():.4f}", flush=True)
            QTimer.singleShot(0, self.quitRequested.emit)
            return
        shot = os.environ.get("CRM_DESKTOP_SCREENSHOT")
        if shot:
            QTimer.singleShot(300, lambda: (self.grab().save(shot), self.quitRequested.emit()))
        self.firstPainted()

    def firstPainted(self) -> None:
        """Hook for the app: start-up work that must not delay the first paint."""
        callback = getattr(self, "on_first_paint", None)
        if callback:
            callback()
