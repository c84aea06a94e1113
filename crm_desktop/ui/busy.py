"""The busy (wait) cursor, shown only once a slow step has actually begun."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@contextmanager
def busy_on_demand() -> Iterator[Callable[[], None]]:
    """Yields ``show()``: its first call puts up the wait cursor, which is taken down when the
    block ends (an error included). Hand ``show`` to code that knows when it starts something
    slow, so a quick call never flickers the cursor."""
    shown = False

    def show() -> None:
        nonlocal shown
        if not shown:
            shown = True
            QApplication.setOverrideCursor(Qt.WaitCursor)

    try:
        yield show
    finally:
        if shown:
            QApplication.restoreOverrideCursor()
