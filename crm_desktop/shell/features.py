"""The feature tabs the main window shows, in order. A feature package adds its line here.

Only the first tab is built at start; every other tab's module is imported and its widget built
the first time the operator opens it, so a big phonebook never delays the first paint."""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class FeatureTab:
    module: str
    cls: str  # a QWidget built as cls(office, events, parent, clock=...)
    name: str  # its objectName
    title: str  # the tab's Persian title

    def load(self):
        return getattr(importlib.import_module(self.module), self.cls)


FEATURE_TABS: list[FeatureTab] = [
    FeatureTab("crm_desktop.shell.home_tab", "HomeTab", "home", "خانه"),
    FeatureTab("crm_desktop.phonebook.view", "PhonebookTab", "phonebook", "دفتر تلفن"),
    FeatureTab("crm_desktop.reminders.view", "RemindersTab", "reminders", "یادآوری‌ها"),
    FeatureTab("crm_desktop.cheques.view", "ChequesTab", "cheques", "دفتر چک"),
    FeatureTab("crm_desktop.files.view", "FilesTab", "files", "پرونده‌ها"),
    FeatureTab("crm_desktop.attendance.view", "AttendanceTab", "attendance", "حضور و غیاب"),
]
