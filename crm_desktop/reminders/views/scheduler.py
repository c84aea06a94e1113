"""AlarmScheduler: rings each alarm at its minute, once, with or without the main window.

- One precise single-shot QTimer armed for the next alarm time (``office.reminders.
  next_alarm_time()``, one indexed query), never longer than ``MAX_SLEEP_MS`` so a sleep or a
  clock change is noticed quickly. A wake that finds nothing due and no clock jump only re-arms
  the timer from the cached next time: no database query, no table scan.
- A clock jump (sleep, hibernate, manual change) shows as the wall clock and ``time.monotonic``
  disagreeing about the time since the last wake; the schedule is then read again.
- An alarm taken more than ``GRACE`` after its time (the app was closed, the PC slept, the clock
  jumped forward over it) is missed: it is listed in the missed dialog, quietly, not popped up.
- A change to the "reminders" table (``office.subscribe``) re-reads the next time. A change
  made by another program (``reminders add`` on the command line while the app runs) is seen at
  the next wake through ``PRAGMA data_version`` (one cheap pragma, no table read): the schedule is
  read again and the tabs are told, so such an alarm rings on time instead of being found late
  and listed as missed.
- ``start()`` first takes the alarms missed while the app was closed (time passed more than
  ``GRACE`` ago) and lists them once in the missed dialog, not as popups.
- Due alarms are taken in one transaction (``take_due``: after a restart they never ring again)
  and handed to the one popup window (added to it when open), with one ring of the bell per batch.

The clock (``clock() -> datetime``, naive local) and ``monotonic`` are injected; tests drive it
with a fake clock and ``check_now()``.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

log = logging.getLogger(__name__)

GRACE = timedelta(seconds=60)  # an alarm later than this when taken counts as missed
MAX_SLEEP_MS = 30_000  # the longest the timer sleeps: the watchdog period
JUMP_TOLERANCE_S = 2.0  # wall clock vs monotonic disagreement that counts as a jump
EARLY_MARGIN_MS = 5  # wake just after the alarm second, never just before it


def _default_popup(office, clock):
    from crm_desktop.reminders.views.alarm_popup import AlarmPopup

    return AlarmPopup(office, clock)


def _default_missed(office, clock):
    from crm_desktop.reminders.views.missed_dialog import MissedDialog

    return MissedDialog(office, clock)


def _default_bell():
    from crm_desktop.reminders.views.bell import Bell

    return Bell()


class AlarmScheduler(QObject):
    openReminder = Signal(int)
    openContact = Signal(int)
    nextAlarmChanged = Signal(object)  # datetime | None: the tray's tooltip
    rang = Signal(list)  # the alarms just handed to the popup
    missedListed = Signal(list)  # the alarms just listed in the missed dialog

    def __init__(self, office, clock: Callable[[], datetime] = datetime.now, parent: QObject | None = None, *,
                 popup_factory=None, missed_factory=None, bell=None,
                 monotonic: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.office = office
        self.clock = clock
        self.monotonic = monotonic
        self._popup_factory = popup_factory or _default_popup
        self._missed_factory = missed_factory or _default_missed
        self._bell = bell
        self.popup = None
        self.missed_dialog = None
        self.queries = 0  # next-alarm queries made (tests and the bench read it)
        self._next: datetime | None = None
        self._shown_next: object = False  # what nextAlarmChanged last said
        self._dirty = True
        self._running = False
        self._mark: tuple[datetime, float] | None = None
        self._outside: int | None = None  # the database's data_version at the last wake
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.timeout.connect(self.check_now)
        self._kick = QTimer(self)  # coalesces a burst of change notices into one re-arm
        self._kick.setSingleShot(True)
        self._kick.setInterval(0)
        self._kick.timeout.connect(self.check_now)
        office.subscribe(self._on_changed)

    # --- life ------------------------------------------------------------------------------------
    @property
    def bell(self):
        if self._bell is None:
            self._bell = _default_bell()
        return self._bell

    @property
    def next_alarm(self) -> datetime | None:
        return self._next

    def is_running(self) -> bool:
        return self._running

    def start(self) -> None:
        """List what was missed while the app was closed, ring what is due now, arm the timer."""
        self._running = True
        self._changed_outside()
        now = self.clock()
        self._mark = (now, self.monotonic())
        try:
            self._take_and_deliver(now, missed_before=now - GRACE)
        except Exception:
            log.exception("taking the missed alarms failed")
        self.check_now()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._kick.stop()
        for window in (self.popup, self.missed_dialog):
            if window is not None:
                window.close()

    def remaining_ms(self) -> int:
        """How long the timer sleeps now (-1 when stopped)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def _on_changed(self, tables: frozenset) -> None:
        if self._running and ("reminders" in tables or "*" in tables):
            self._dirty = True
            self._kick.start()

    # --- the heart -------------------------------------------------------------------------------
    def check_now(self) -> None:
        """Look at the clock: re-read the schedule after a change or a jump, ring what is due,
        arm the timer again. Cheap when nothing is due (no query)."""
        if not self._running:
            return
        self._kick.stop()
        now, mono = self.clock(), self.monotonic()
        try:
            jump = self._jump(now, mono)
            if jump:
                log.info("clock jumped by %.0f s: re-arming the alarms", jump)
                self._dirty = True
            if self._changed_outside():
                log.info("another program changed the database: re-reading the alarms")
                self._dirty = True
                self.office.notify({"reminders"})  # the tabs show it too
            if self._dirty:
                self._read_next()
            if self._next is not None and self._next <= now:
                self._take_and_deliver(now, missed_before=now - GRACE)
        except Exception:  # a database hiccup must not stop the alarms for good
            log.exception("checking the alarms failed")
        self._arm(now, mono)

    def _jump(self, now: datetime, mono: float) -> float:
        """Seconds the wall clock moved beyond (or, negative, behind) the monotonic clock since the
        last wake; 0 when they agree."""
        if self._mark is None:
            return 0.0
        wall = (now - self._mark[0]).total_seconds()
        steady = mono - self._mark[1]
        drift = wall - steady
        return drift if abs(drift) > JUMP_TOLERANCE_S else 0.0

    def _changed_outside(self) -> bool:
        """True when another connection committed since the last look (the first look only
        remembers where the database stands)."""
        version = self.office.reminders.outside_changes()
        changed = self._outside is not None and version != self._outside
        self._outside = version
        return changed

    def _read_next(self) -> None:
        self._dirty = False
        self.queries += 1
        self._next = self.office.reminders.next_alarm_time()

    def _arm(self, now: datetime, mono: float) -> None:
        self._mark = (now, mono)
        if self._next is None:
            delay = MAX_SLEEP_MS
        else:
            delay = int((self._next - now).total_seconds() * 1000) + EARLY_MARGIN_MS
            delay = max(0, min(MAX_SLEEP_MS, delay))
        self._timer.start(delay)
        if self._next != self._shown_next:
            self._shown_next = self._next
            self.nextAlarmChanged.emit(self._next)

    def _take_and_deliver(self, now: datetime, missed_before: datetime | None) -> None:
        alarms = self.office.reminders.take_due(now, missed_before=missed_before)
        self._read_next()  # take_due moved next_alarm_at on
        missed = [a for a in alarms if a.missed]
        ringing = [a for a in alarms if not a.missed]
        if missed:
            log.info("%d alarms missed while closed or asleep", len(missed))
            self._show_missed(missed)
        if ringing:
            log.info("%d alarms ring", len(ringing))
            self._show_popup(ringing)

    # --- windows and the bell ------------------------------------------------------------------
    def _connect(self, window) -> None:
        window.openReminder.connect(self.openReminder)
        window.openContact.connect(self.openContact)
        window.acted.connect(self._on_acted)

    def _on_acted(self) -> None:
        self._dirty = True
        if self._running:
            self._kick.start()

    def _show_popup(self, alarms: list) -> None:
        if self.popup is None:
            self.popup = self._popup_factory(self.office, self.clock)
            self._connect(self.popup)
        self.popup.add_alarms(alarms)
        self._ring(alarms)
        self.rang.emit(alarms)

    def _show_missed(self, alarms: list) -> None:
        if self.missed_dialog is None:
            self.missed_dialog = self._missed_factory(self.office, self.clock)
            self._connect(self.missed_dialog)
        self.missed_dialog.add_alarms(alarms)
        self.missedListed.emit(alarms)

    def _ring(self, alarms: list) -> None:
        """One ring per batch: the first alarm's own sound, else the office's; none when every
        alarm in the batch is silent."""
        sounds = [a.sound for a in alarms]
        if sounds and all(s == "silent" for s in sounds):
            return
        own = next((s for s in sounds if s and s != "silent"), None)
        try:
            bell = self.bell
            if hasattr(bell, "configure_from"):
                bell.configure_from(self.office.preferences)
            bell.ring(own)
        except Exception:  # the popup matters more than the sound
            log.exception("the alarm bell failed")
