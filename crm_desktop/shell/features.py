"""The feature tabs the main window shows, in order. A feature package adds its line here;
tabs are imported only when the main window is built."""

from __future__ import annotations

import importlib

# (module, class, object name). Each class is a QWidget built as cls(office, events, parent, clock=...)
# with a TITLE; the clock (a callable giving the local datetime) is injected for tests.
FEATURE_TABS: list[tuple[str, str, str]] = [
    ("crm_desktop.shell.home_tab", "HomeTab", "home"),
    ("crm_desktop.phonebook.view", "PhonebookTab", "phonebook"),
]


def load_tabs():
    for module_name, class_name, name in FEATURE_TABS:
        yield name, getattr(importlib.import_module(module_name), class_name)
