"""The ops runner: work on a worker thread, Persian progress dialog, «انصراف», errors back."""

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from crm_desktop.errors import ValidationError
from crm_desktop.ui import dialogs
from crm_desktop.ui.ops import Cancelled, OpsRunner, ProgressDialog
from tests.ui_helpers import persian_app, press  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    widget.resize(400, 300)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def runner():
    runner = OpsRunner()
    yield runner
    runner.cancel_all()
    assert runner.wait(10_000)


class Calls:
    def __init__(self):
        self.done, self.errors, self.cancelled, self.threads = [], [], [], []

    def on_done(self, result):
        self.threads.append(threading.current_thread())
        self.done.append(result)

    def on_error(self, error):
        self.threads.append(threading.current_thread())
        self.errors.append(error)

    def on_cancel(self):
        self.threads.append(threading.current_thread())
        self.cancelled.append(True)


def progress_dialog(window):
    return window.findChild(ProgressDialog, "ops.progress")


def test_progress_reaches_the_dialog_and_the_result_comes_back_on_the_ui_thread(qtbot, window, runner):
    go_on = threading.Event()
    worker_threads = []

    def work(args, progress):
        worker_threads.append(threading.current_thread())
        progress(0, args["n"], "در حال خواندن پرونده…")
        progress(5, args["n"], "در حال خواندن پرونده…")
        assert go_on.wait(10)
        progress(args["n"], args["n"], "تمام")
        return "۱۰ مخاطب وارد شد"

    calls = Calls()
    operation = runner.run(window, "ورود مخاطبان", work, {"n": 10}, calls.on_done, calls.on_error, show_delay_ms=0)
    qtbot.waitUntil(lambda: progress_dialog(window) is not None and progress_dialog(window).isVisible())
    dialog = progress_dialog(window)
    bar = dialog.findChild(QProgressBar)
    qtbot.waitUntil(lambda: bar.value() == 5)
    assert bar.maximum() == 10
    assert dialog.windowTitle() == "ورود مخاطبان"
    assert dialog.layoutDirection() == Qt.RightToLeft
    assert any(label.text() == "در حال خواندن پرونده…" for label in dialog.findChildren(QLabel))
    assert [b.text() for b in dialog.findChildren(QPushButton)] == ["انصراف"]
    assert dialog.isModal()
    go_on.set()
    qtbot.waitUntil(lambda: bool(calls.done), timeout=5000)
    assert calls.done == ["۱۰ مخاطب وارد شد"] and calls.errors == []
    assert calls.threads == [threading.main_thread()]
    assert worker_threads[0] is not threading.main_thread()
    assert progress_dialog(window) is None or not progress_dialog(window).isVisible()
    assert operation.state == "done"
    assert runner.running() == []


def test_cancel_stops_the_function(qtbot, window, runner):
    steps = []

    def work(args, progress):
        for i in range(100_000):
            progress(i, 100_000, "در حال پشتیبان‌گیری…")
            steps.append(i)
            time.sleep(0.002)
        return "finished"

    calls = Calls()
    runner.run(window, "پشتیبان", work, None, calls.on_done, calls.on_error, on_cancel=calls.on_cancel,
               show_delay_ms=0)
    qtbot.waitUntil(lambda: progress_dialog(window) is not None and progress_dialog(window).isVisible())
    dialog = progress_dialog(window)
    qtbot.waitUntil(lambda: len(steps) > 5)
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "انصراف"
    qtbot.mouseClick(cancel, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(calls.cancelled), timeout=5000)
    stopped_at = len(steps)
    qtbot.wait(100)
    assert len(steps) == stopped_at < 100_000  # the function really stopped
    assert calls.done == [] and calls.errors == []
    assert calls.threads == [threading.main_thread()]
    assert progress_dialog(window) is None or not progress_dialog(window).isVisible()


def test_escape_on_the_dialog_cancels_too(qtbot, window, runner):
    def work(args, progress):
        while True:
            progress(0, 0, "")
            time.sleep(0.005)

    calls = Calls()
    runner.run(window, "کار", work, None, calls.on_done, calls.on_error, on_cancel=calls.on_cancel, show_delay_ms=0)
    qtbot.waitUntil(lambda: progress_dialog(window) is not None and progress_dialog(window).isVisible())
    press(progress_dialog(window), Qt.Key_Escape)
    qtbot.waitUntil(lambda: bool(calls.cancelled), timeout=5000)


@pytest.mark.parametrize("error", [ValidationError("bad row 3", "ردیف ۳: تلفن همراه درست نیست.", "تلفن"),
                                   RuntimeError("disk on fire")])
def test_errors_reach_on_error(qtbot, window, runner, error):
    def work(args, progress):
        progress(1, 2, "")
        raise error

    calls = Calls()
    runner.run(window, "ورود", work, None, calls.on_done, calls.on_error, show_delay_ms=0)
    qtbot.waitUntil(lambda: bool(calls.errors), timeout=5000)
    assert calls.errors == [error] and calls.done == []
    assert calls.threads == [threading.main_thread()]


def test_without_on_error_the_persian_error_box_shows(qtbot, window, runner, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "exec_hook", lambda box: shown.append(box.text()))

    def work(args, progress):
        raise ValidationError("bad", "پرونده خوانا نیست.")

    runner.run(window, "ورود", work)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["پرونده خوانا نیست."]


def test_the_ui_thread_is_never_blocked(qtbot, window, runner):
    release = threading.Event()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)

    def work(args, progress):
        progress(0, 0, "در حال کار…")
        release.wait(10)  # a long blocking job
        return 42

    calls = Calls()
    started = time.monotonic()
    runner.run(window, "کار طولانی", work, None, calls.on_done, calls.on_error, show_delay_ms=0)
    assert time.monotonic() - started < 0.5  # run() returns at once
    qtbot.wait(300)
    assert len(ticks) >= 10  # the event loop kept turning while the job ran
    assert calls.done == []
    release.set()
    qtbot.waitUntil(lambda: calls.done == [42], timeout=5000)
    timer.stop()


def test_quick_work_shows_no_dialog_and_progress_is_throttled(qtbot, window, runner):
    seen = []

    def work(args, progress):
        for i in range(20_000):
            progress(i + 1, 20_000)
        return "ok"

    calls = Calls()
    operation = runner.run(window, "سریع", work, None, calls.on_done, calls.on_error, show_delay_ms=2000)
    operation.progressed.connect(lambda done, total, text: seen.append(done))
    qtbot.waitUntil(lambda: bool(calls.done), timeout=5000)
    assert len(seen) < 10_000  # coalesced: not one signal per call
    assert seen[-1] == 20_000  # and the last state always arrives
    assert progress_dialog(window) is None or not progress_dialog(window).isVisible()


def test_a_function_can_be_called_directly_without_qt():
    def work(args, progress):
        progress(1, 1, "")
        return args * 2

    assert work(21, lambda *a: True) == 42


def test_not_cancellable_has_no_cancel_button(qtbot, window, runner):
    release = threading.Event()
    calls = Calls()
    runner.run(window, "بازگردانی", lambda args, progress: release.wait(10), None, calls.on_done, calls.on_error,
               show_delay_ms=0, cancellable=False)
    qtbot.waitUntil(lambda: progress_dialog(window) is not None and progress_dialog(window).isVisible())
    assert progress_dialog(window).findChildren(QPushButton) == [] or not any(
        b.isVisible() for b in progress_dialog(window).findChildren(QPushButton))
    press(progress_dialog(window), Qt.Key_Escape)
    assert progress_dialog(window).isVisible()
    release.set()
    qtbot.waitUntil(lambda: calls.done == [True], timeout=5000)


def test_cancelled_is_a_user_error_in_persian():
    assert Cancelled().fa == "عملیات لغو شد؛ چیزی تغییر نکرد."


def test_a_window_closed_while_its_job_runs_does_not_break_the_end(qtbot, runner):
    """The tab that started the job is gone (its progress dialog with it) when the job ends."""
    parent = QWidget()
    parent.show()
    release = threading.Event()
    results = []

    def work(args, progress):
        release.wait(10)
        return "ok"

    operation = runner.run(parent, "کار طولانی", work, None, results.append, show_delay_ms=0)
    qtbot.wait(50)
    parent.deleteLater()
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: results == ["ok"], timeout=10_000)
    assert operation is not None


def test_the_progress_dialog_never_comes_back_after_the_work_ended(qtbot, runner, window):
    """Quick work, then a message box in on_done: the dialog's delayed-show timer must not pop
    the finished dialog up inside that message box's event loop."""
    shown_after_end = []

    def on_done(result):
        qtbot.wait(600)  # longer than the show delay: the timer would have fired by now
        shown_after_end.append(any(shiboken6.isValid(d) and d.isVisible() for d in window.findChildren(ProgressDialog)))

    runner.run(window, "پشتیبان‌گیری", lambda args, progress: progress(1, 1, "آماده") or "ok", None, on_done,
               show_delay_ms=300)
    qtbot.waitUntil(lambda: bool(shown_after_end), timeout=10_000)
    assert shown_after_end == [False]
    qtbot.wait(400)
    assert not any(d.isVisible() for d in window.findChildren(ProgressDialog))
