"""The search line every tab has: clear button, «جستجو…», a debounced ``searchChanged``."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

PLACEHOLDER = "جستجو…"
DEFAULT_DELAY_MS = 150


class SearchLine(QLineEdit):
    """A QLineEdit for search as you type.

    ``searchChanged(str)`` fires ``delay_ms`` after the last keystroke (stripped text), at once on
    Enter, and never twice in a row for the same text. Esc clears a non-empty line; Down asks
    the tab to move into its table (``navigateDown``). ``install_shortcut(host)`` makes Ctrl+F
    focus the line while ``host`` (the tab) is showing.
    """

    searchChanged = Signal(str)
    navigateDown = Signal()

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None, delay_ms: int = DEFAULT_DELAY_MS):
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self._last_emitted: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._on_text_changed)
        self.returnPressed.connect(self.flush)
        self._align_to_layout()

    # -- alignment ---------------------------------------------------------------------------
    def _align_to_layout(self) -> None:
        """Text starts at the layout's start edge whatever it is: Qt lays a line of only digits
        or Latin letters («0912») out left to right, which in a right-to-left window would put
        it at the far left of the box, away from where the typing began. Decided once, when
        the line is made (the app's direction never changes while it runs); no event handler
        is overridden in Python for it, since Qt sends direction changes to every widget,
        also to ones whose Python side is already gone."""
        edge = Qt.AlignRight if self.layoutDirection() == Qt.RightToLeft else Qt.AlignLeft
        self.setAlignment(edge | Qt.AlignVCenter | Qt.AlignAbsolute)

    # -- debounce ---------------------------------------------------------------------------
    def delay_ms(self) -> int:
        return self._timer.interval()

    def set_delay_ms(self, delay_ms: int) -> None:
        self._timer.setInterval(delay_ms)

    def query(self) -> str:
        return self.text().strip()

    def is_pending(self) -> bool:
        return self._timer.isActive()

    def _on_text_changed(self, _text: str) -> None:
        if self._timer.interval() <= 0:
            self.flush()
        else:
            self._timer.start()

    def flush(self) -> None:
        """Emit the current query now (if it differs from the last one emitted)."""
        self._timer.stop()
        query = self.query()
        if query != self._last_emitted:
            self._last_emitted = query
            self.searchChanged.emit(query)

    def set_query(self, text: str, *, emit: bool = True) -> None:
        """Set the text programmatically; emits at once (no debounce) unless ``emit`` is False."""
        self.blockSignals(not emit)
        try:
            self.setText(text)
        finally:
            self.blockSignals(False)
        if emit:
            self.flush()
        else:
            self._timer.stop()
            self._last_emitted = self.query()

    # -- keyboard ---------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.text():
            self.clear()
            self.flush()
            event.accept()
            return
        if event.key() == Qt.Key_Down and not event.modifiers():
            self.flush()
            self.navigateDown.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focus_search(self) -> None:
        """Put the cursor in the line with its text selected, ready to type over."""
        self.setFocus(Qt.ShortcutFocusReason)
        self.selectAll()

    def install_shortcut(
        self, host: QWidget | None = None, sequence: QKeySequence | str | None = None
    ) -> QShortcut:
        """Ctrl+F (or ``sequence``) on ``host`` (default: this line's window) focuses the line.
        A shortcut on a tab page is active only while that page is showing, so every tab can
        install its own."""
        host = host or self.window()
        key = QKeySequence(sequence) if sequence is not None else QKeySequence(QKeySequence.Find)
        shortcut = QShortcut(key, host)
        shortcut.setContext(Qt.WindowShortcut)  # Qt ignores shortcuts of hidden widgets
        shortcut.activated.connect(self.focus_search)
        return shortcut
