"""The yardstick for start-up: a bare QApplication + QMainWindow, started the way the app is
(``python -m bench.bare_window``), that prints ``first-paint <perf_counter>`` after its first
paint and quits, like the app does under CRM_DESKTOP_EXIT_AFTER_PAINT=1."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint and not self.done:
            self.done = True
            print(f"first-paint {time.perf_counter():.4f}", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 720)  # the size of the app's main window
    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
