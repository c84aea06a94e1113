"""The files tab (پرونده‌ها): three pages — پرسنل، مشتریان، متقاضیان استخدام — each with its
toolbar, filters, a lazy table and a count (views/page.py). Hiring an applicant shows the new
personnel file on the personnel page and opens its form. Ctrl+1/2/3 switch pages.

    tab = FilesTab(office, events, parent, clock=datetime.now)
    tab.open_file(file_id)          # a contact card's «پرونده‌ها» line
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from crm_desktop.files.model import APPLICANT, CUSTOMER, KIND_PLURAL, PERSONNEL
from crm_desktop.files.views.page import FilesPage

WATCHED_TABLES = frozenset({"files", "file_states", "file_attachments", "file_interactions", "contacts",
                            "contact_phones", "*"})
KIND_ORDER = (PERSONNEL, CUSTOMER, APPLICANT)


class FilesTab(QWidget):
    TITLE = "پرونده‌ها"

    def __init__(self, office, events, parent=None, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.setObjectName("files")
        self.office = office
        self.events = events
        self.clock = clock
        self.pages = QTabWidget(self)
        self.pages.setObjectName("files.pages")
        self.pages.setDocumentMode(True)
        self.by_kind: dict[str, FilesPage] = {}
        for number, kind in enumerate(KIND_ORDER, start=1):
            page = FilesPage(office, kind, self, clock=clock)
            self.by_kind[kind] = page
            self.pages.addTab(page, KIND_PLURAL[kind])
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda k=kind: self.show_page(k))
        self.by_kind[APPLICANT].hired.connect(self._after_hire)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        self.pages.currentChanged.connect(lambda _i: self._focus_search())
        self.events.changed.connect(self._on_changed)

    def page(self, kind: str) -> FilesPage:
        return self.by_kind[kind]

    def current_page(self) -> FilesPage:
        return self.pages.currentWidget()

    def show_page(self, kind: str) -> FilesPage:
        page = self.by_kind[kind]
        self.pages.setCurrentWidget(page)
        return page

    def open_file(self, file_id: int):
        f = self.office.files.get(file_id)
        if f is None:
            return None
        return self.show_page(f.kind).open_file(file_id)

    def _after_hire(self, personnel_id: int) -> None:
        page = self.show_page(PERSONNEL)
        page.refresh()
        page.open_file(personnel_id)

    def _on_changed(self, tables: frozenset) -> None:
        if tables & WATCHED_TABLES:
            for page in self.by_kind.values():
                page.refresh()

    def _focus_search(self) -> None:
        page = self.current_page()
        if page is not None and page.isVisible():
            page.filters.search.setFocus(Qt.OtherFocusReason)

    def showEvent(self, event) -> None:  # noqa: N802
        """Opening the tab puts the cursor in the page's search (as the other tabs do)."""
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            QTimer.singleShot(0, self._focus_search)
