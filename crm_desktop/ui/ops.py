"""The ops runner: long work off the UI thread, with a Persian progress dialog and «انصراف».

Long work (imports, big reports, backups) is a plain function, testable without Qt::

    def import_contacts(args, progress):
        for i, row in enumerate(rows):
            progress(i, len(rows), "در حال خواندن مخاطبان…")   # raises Cancelled after «انصراف»
            ...
        return summary

and the UI runs it with ``OpsRunner.run(parent, title, import_contacts, args, on_done, on_error)``.
The function runs on a worker thread; ``progress`` reaches the dialog by a queued signal; the
result, the error (a UserError shows its ``.fa``) or the cancellation come back on the UI
thread, after the dialog has closed. The UI thread never waits for the worker.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget

from crm_desktop.errors import Cancelled, UserError

log = logging.getLogger(__name__)

CANCEL_TEXT = "انصراف"
CANCELLING_TEXT = "در حال لغو…"
WORKING_TEXT = "لطفاً صبر کنید…"

Progress = Callable[..., bool]




class Operation(QObject):
    """One run of a function. Public signals fire on the UI thread."""

    progressed = Signal(object, object, str)  # done, total, text
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()  # after any of the three

    _progress_bridge = Signal()
    _end_bridge = Signal(str, object)  # "done" | "error" | "cancelled", payload

    def __init__(self, title: str, fn: Callable[[Any, Progress], Any], args: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.title = title
        self.fn = fn
        self.args = args
        self.result: Any = None
        self.error: BaseException | None = None
        self.state = "pending"  # pending | running | done | error | cancelled
        self._cancel = threading.Event()
        self._ended = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] = (0, 0, "")
        self._poke_pending = False
        self._progress_bridge.connect(self._on_progress)  # queued: self lives on the UI thread
        self._end_bridge.connect(self._on_end)

    # -- any thread ---------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the function to stop: its next ``progress()`` call raises Cancelled."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_finished(self) -> bool:
        return self._ended.is_set() and self.state != "running"

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker has returned (tests, shutdown). Never call it in a slot."""
        return self._ended.wait(timeout)

    # -- the worker thread --------------------------------------------------------------------
    def progress(self, done: int = 0, total: int = 0, text: str = "") -> bool:
        """Report progress (``text`` '' keeps the last one); raises Cancelled once cancelled.
        Returns True to go on. Calls are coalesced: however fast the loop, at most one signal
        is in flight and the UI always ends up showing the latest state."""
        if self._cancel.is_set():
            raise Cancelled()
        with self._lock:
            self._latest = (done, total, text or self._latest[2])
            if self._poke_pending:
                return True
            self._poke_pending = True
        self._progress_bridge.emit()
        return True

    def _execute(self) -> None:
        try:
            result = self.fn(self.args, self.progress)
        except Cancelled:
            self._end("cancelled", None)
        except BaseException as error:  # noqa: BLE001 - every failure must reach the UI
            if not isinstance(error, UserError):
                log.exception("operation %r failed", self.title)
            self._end("error", error)
        else:
            self._end("done", result)

    def _end(self, state: str, payload: Any) -> None:
        self._end_bridge.emit(state, payload)
        self._ended.set()

    # -- the UI thread ------------------------------------------------------------------------
    @Slot()
    def _on_progress(self) -> None:
        with self._lock:
            done, total, text = self._latest
            self._poke_pending = False
        if self.state == "running":
            self.progressed.emit(done, total, text)

    @Slot(str, object)
    def _on_end(self, state: str, payload: Any) -> None:
        self.state = state
        if state == "done":
            self.result = payload
            self.succeeded.emit(payload)
        elif state == "error":
            self.error = payload
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
        self.finished.emit()


class _Task(QRunnable):
    def __init__(self, operation: Operation):
        super().__init__()
        self.setAutoDelete(False)
        self.operation = operation

    def run(self) -> None:
        self.operation._execute()


class ProgressDialog(QProgressDialog):
    """A right-to-left progress dialog whose «انصراف» asks the operation to stop and waits for it
    (saying «در حال لغو…») instead of vanishing while the work goes on."""

    def __init__(self, operation: Operation, parent: QWidget | None, *, label: str, show_delay_ms: int,
                 cancellable: bool):
        super().__init__(parent)
        self.setObjectName("ops.progress")
        self.setLayoutDirection(Qt.RightToLeft)
        self.setWindowTitle(operation.title)
        # our own bar: QProgressDialog.setValue() on a modal dialog spins the event loop
        self.bar = QProgressBar(self)
        self.bar.setObjectName("ops.progress.bar")
        self.bar.setRange(0, 0)
        self.bar.setValue(0)  # at its minimum, so setMinimumDuration() below restarts the show timer
        self.bar.setFormat("%p٪")
        self.setBar(self.bar)
        self.setLabelText(label or WORKING_TEXT)
        self.setCancelButtonText(CANCEL_TEXT if cancellable else None)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModal if parent is not None else Qt.ApplicationModal)
        self.setMinimumWidth(360)
        self.operation = operation
        self.cancellable = cancellable
        self.canceled.disconnect(self.cancel)  # keep showing until the worker has stopped
        self.canceled.connect(self._ask_cancel)
        operation.progressed.connect(self._on_progress)
        self.setMinimumDuration(max(0, show_delay_ms))

    def finish(self) -> None:
        """The work has ended: hide for good. QProgressDialog's delayed-show timer would otherwise
        pop the dialog up again later (e.g. inside the «done» message box's event loop) with an
        «انصراف» that can no longer do anything."""
        self._finished = True
        self.reset()  # stops the show timer
        self.hide()

    def setVisible(self, visible: bool) -> None:
        if visible and getattr(self, "_finished", False):
            return
        super().setVisible(visible)

    def _ask_cancel(self) -> None:
        if not self.cancellable or self.operation.is_cancelled():
            return
        self.operation.cancel()
        self.setLabelText(CANCELLING_TEXT)
        for button in self.findChildren(QPushButton):
            button.setEnabled(False)

    def _on_progress(self, done, total, text) -> None:
        if self.operation.is_cancelled():
            return
        if text:
            self.setLabelText(text)
        if total and total > 0:
            scale = max(1, (int(total) + 2**31 - 2) // (2**31 - 1))  # QProgressBar holds an int
            self.bar.setRange(0, int(total) // scale)
            self.bar.setValue(max(0, min(int(done), int(total))) // scale)
        else:
            self.bar.setRange(0, 0)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and not self.cancellable:
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if not self.operation.is_finished():
            event.ignore()
            self._ask_cancel()
            return
        super().closeEvent(event)


class OpsRunner(QObject):
    """Runs operations on its own small thread pool."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: dict[Operation, tuple[_Task, ProgressDialog | None]] = {}

    def run(self, parent: QWidget | None, title: str, fn: Callable[[Any, Progress], Any], args: Any = None,
            on_done: Callable[[Any], None] | None = None, on_error: Callable[[BaseException], None] | None = None,
            *, on_cancel: Callable[[], None] | None = None, label: str = "", show_delay_ms: int = 400,
            cancellable: bool = True, show_dialog: bool = True) -> Operation:
        """Start ``fn(args, progress)`` on a worker thread and return its Operation at once.

        A progress dialog titled ``title`` appears after ``show_delay_ms`` (quick work shows
        none). When the function returns, ``on_done(result)``; when it raises, ``on_error(error)``
        (default: the Persian error box); after «انصراف», ``on_cancel()``. All on the UI thread,
        after the dialog has closed."""
        operation = Operation(title, fn, args, self)
        dialog = None
        if show_dialog:
            dialog = ProgressDialog(operation, parent, label=label, show_delay_ms=show_delay_ms,
                                    cancellable=cancellable)

        def finish() -> None:
            task_dialog = self._running.pop(operation, (None, None))[1]
            if task_dialog is not None and shiboken6.isValid(task_dialog):  # its parent may be gone
                task_dialog.finish()
                task_dialog.deleteLater()
            if operation.state == "done":
                if on_done is not None:
                    on_done(operation.result)
            elif operation.state == "error":
                if on_error is not None:
                    on_error(operation.error)
                else:
                    from crm_desktop.ui import dialogs

                    dialogs.show_error(parent, operation.error)
            elif on_cancel is not None:
                on_cancel()
            operation.deleteLater()

        operation.finished.connect(finish)
        task = _Task(operation)
        self._running[operation] = (task, dialog)
        operation.state = "running"
        self.pool.start(task)
        return operation

    def running(self) -> list[Operation]:
        return list(self._running)

    def cancel_all(self) -> None:
        for operation in list(self._running):
            operation.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every worker has returned (at shutdown, after ``cancel_all()``)."""
        return self.pool.waitForDone(msecs)


_default: OpsRunner | None = None


def default_runner() -> OpsRunner:
    """The app's runner (created on first use, owned by the QApplication)."""
    global _default
    if _default is None:
        from PySide6.QtCore import QCoreApplication

        _default = OpsRunner(QCoreApplication.instance())
    return _default


def run_op(parent, title, fn, args=None, on_done=None, on_error=None, **options) -> Operation:
    return default_runner().run(parent, title, fn, args, on_done, on_error, **options)


__all__ = ["Cancelled", "Operation", "OpsRunner", "ProgressDialog", "Progress", "default_runner", "run_op"]
