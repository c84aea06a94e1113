"""The alarms as the operator meets them: one window on top that pops up once per alarm (also
with the main window hidden), snooze that rings again, missed alarms listed once at start, clock
jumps, and a bell that falls back to a beep without a sound card. A fake clock drives it all."""

from __future__ import annotations

import wave
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from crm_desktop.office import Office
from crm_desktop.reminders.model import Reminder
from crm_desktop.reminders.views import alarm_actions
from crm_desktop.reminders.views.bell import SOUNDS, Bell, sound_file
from crm_desktop.reminders.views.scheduler import MAX_SLEEP_MS, AlarmScheduler
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")

NOW = datetime(2026, 11, 23, 9, 0)  # Monday, 2 Azar 1405


class FakeClock:
    """The wall clock and the monotonic clock; ``advance`` moves both (time passes), ``jump`` only
    the wall clock (a sleep, a manual change)."""

    def __init__(self, start: datetime = NOW):
        self.wall = start
        self.mono = 5000.0

    def __call__(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, **delta) -> None:
        step = timedelta(**delta)
        self.wall += step
        self.mono += step.total_seconds()

    def jump(self, **delta) -> None:
        self.wall += timedelta(**delta)


class FakeBell:
    def __init__(self):
        self.rings: list = []

    def ring(self, sound=None) -> str:
        self.rings.append(sound)
        return "sound"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def office(db_path):
    office = Office(db_path)
    yield office
    office.close()


@pytest.fixture
def bell():
    return FakeBell()


@pytest.fixture
def make_scheduler(qtbot, clock, bell):
    made = []

    def make(office, **options):
        scheduler = AlarmScheduler(office, clock, monotonic=clock.monotonic, bell=bell, **options)
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        scheduler.stop()
        for window in (scheduler.popup, scheduler.missed_dialog):
            if window is not None:
                window.deleteLater()


def add(office, subject: str, at: datetime, *, now: datetime = NOW, **fields) -> int:
    """A reminder recorded at ``now`` (one recorded for a time already past never rings)."""
    return office.reminders.add(Reminder(subject=subject, starts_at=at, **fields), now=now)


EARLIER = NOW - timedelta(days=3)  # recorded before the app was closed


def visible(name: str) -> list:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]


def subjects(window) -> list[str]:
    return [a.subject for a in window.alarms()]


def trigger(window, name: str) -> None:
    """Click a menu action (a snooze choice) by its objectName."""
    from PySide6.QtGui import QAction

    actions = [a for a in window.findChildren(QAction) if a.objectName() == name]
    assert actions, name
    actions[0].trigger()


# --- ringing once ---------------------------------------------------------------------------------
def test_a_due_alarm_pops_up_once_and_not_again_after_a_restart(office, db_path, clock, bell, make_scheduler):
    add(office, "جلسه با آقای رضایی", NOW + timedelta(minutes=10), note="قرارداد را ببرید", place="دفتر مرکزی")
    scheduler = make_scheduler(office)
    scheduler.start()
    assert visible("alarm_popup") == [] and visible("missed_dialog") == []
    assert 0 < scheduler.remaining_ms() <= MAX_SLEEP_MS  # a long wait is cut into 30 s naps

    clock.advance(minutes=10)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert subjects(popup) == ["جلسه با آقای رضایی"]
    assert popup.findChild(object, "alarm.subject").text() == "جلسه با آقای رضایی"
    assert "قرارداد را ببرید" in popup.findChild(object, "alarm.note").text()
    assert "دوشنبه ۲ آذر ۱۴۰۵، ساعت ۰۹:۱۰" in popup.findChild(object, "alarm.when").text()
    assert popup.findChild(object, "alarm_popup.hint").text() == "با بستن این پنجره، یادآوری‌ها دیده‌شده به حساب می‌آیند."
    assert bell.rings == [None]

    clock.advance(seconds=30)
    scheduler.check_now()
    assert len(popup.alarms()) == 1 and bell.rings == [None]
    popup.close()
    scheduler.stop()
    office.close()

    again = Office(db_path)
    try:
        clock.advance(minutes=1)
        second = make_scheduler(again)
        second.start()
        assert visible("alarm_popup") == [] and visible("missed_dialog") == []
        assert bell.rings == [None]
    finally:
        second.stop()
        again.close()


def test_the_timer_rings_on_its_own_within_a_second(office, qtbot, bell):
    """Real clocks: an alarm two seconds ahead pops up when the precise timer fires."""
    at = (datetime.now() + timedelta(seconds=2)).replace(microsecond=0)
    office.reminders.add(Reminder(subject="تماس با بانک", starts_at=at), now=datetime.now())
    scheduler = AlarmScheduler(office, bell=bell)
    try:
        scheduler.start()
        assert visible("alarm_popup") == []
        qtbot.waitUntil(lambda: bool(visible("alarm_popup")), timeout=5000)
        late = (datetime.now() - at).total_seconds()
        assert 0 <= late < 1.0
        assert subjects(scheduler.popup) == ["تماس با بانک"]
    finally:
        scheduler.stop()
        if scheduler.popup is not None:
            scheduler.popup.deleteLater()


def test_a_quiet_wake_reads_nothing_from_the_database(office, clock, make_scheduler):
    add(office, "پرداخت قسط", NOW + timedelta(hours=3))
    scheduler = make_scheduler(office)
    scheduler.start()
    queries = scheduler.queries
    for _ in range(5):
        clock.advance(seconds=30)
        scheduler.check_now()
    assert scheduler.queries == queries
    assert scheduler.next_alarm == NOW + timedelta(hours=3)


# --- snooze ---------------------------------------------------------------------------------------
def test_snooze_rings_again_after_the_snooze(office, clock, bell, make_scheduler):
    reminder = add(office, "پیگیری پیش‌فاکتور", NOW + timedelta(minutes=1))
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=1)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    trigger(popup, "alarm.snooze.5")
    assert visible("alarm_popup") == []  # the last alarm handled: the window closes
    scheduler.check_now()
    assert scheduler.next_alarm == NOW + timedelta(minutes=6)

    clock.advance(minutes=4)
    scheduler.check_now()
    assert visible("alarm_popup") == []
    clock.advance(minutes=1)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert [a.reminder_id for a in popup.alarms()] == [reminder]
    assert len(bell.rings) == 2

    trigger(popup, "alarm.snooze.tomorrow")  # same time tomorrow
    scheduler.check_now()
    assert scheduler.next_alarm == NOW + timedelta(days=1, minutes=1)


def test_done_closes_the_window_and_it_does_not_ring_again(office, clock, bell, make_scheduler):
    add(office, "تماس با خانم احمدی", NOW + timedelta(minutes=1), repeat=_daily())
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=1)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    popup.findChild(object, "alarm.done").click()
    assert visible("alarm_popup") == []
    clock.advance(hours=1)
    scheduler.check_now()
    assert visible("alarm_popup") == [] and len(bell.rings) == 1
    assert scheduler.next_alarm == NOW + timedelta(days=1, minutes=1)  # tomorrow's occurrence


def _daily():
    from crm_desktop.reminders.model import Repeat

    return Repeat(kind="daily")


def test_custom_snooze_takes_minutes_or_a_jalali_date_and_time(office, clock, make_scheduler, monkeypatch):
    add(office, "ارسال چک", NOW + timedelta(minutes=1))
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=1)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    seen = []

    def answer(dialog):
        seen.append(dialog)
        dialog.at_time.setChecked(True)
        dialog.date.setDate(NOW.date() - timedelta(days=1))
        dialog.accept()  # yesterday: refused, the dialog stays
        assert dialog.error.text() == "زمان تعویق باید پس از اکنون باشد."
        dialog.date.edit.setText("۱۴۰۵/۰۹/۰۳")
        dialog.time.edit.setText("۱۴:۳۰")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(alarm_actions, "exec_custom_snooze", answer)
    trigger(popup, "alarm.snooze.custom")
    assert len(seen) == 1 and visible("alarm_popup") == []
    scheduler.check_now()
    assert scheduler.next_alarm == datetime(2026, 11, 24, 14, 30)


# --- many at once ---------------------------------------------------------------------------------
def test_two_alarms_at_once_make_one_window_with_two_rows(office, clock, bell, make_scheduler):
    add(office, "جلسه هیئت مدیره", NOW + timedelta(minutes=5), priority=2)
    add(office, "تماس با حسابدار", NOW + timedelta(minutes=5))
    add(office, "خرید لوازم", NOW + timedelta(minutes=7))
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=5)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert sorted(subjects(popup)) == sorted(["جلسه هیئت مدیره", "تماس با حسابدار"])
    assert popup.findChild(object, "alarm_popup.all_done").isVisibleTo(popup)
    assert popup.findChild(object, "alarm.priority").text() == "اولویت زیاد"
    assert len(bell.rings) == 1  # one ring per batch

    clock.advance(minutes=2)  # a third rings while the window is open: added, not a new window
    scheduler.check_now()
    assert visible("alarm_popup") == [popup]
    assert len(popup.alarms()) == 3 and len(bell.rings) == 2

    popup.findChild(object, "alarm_popup.all_done").click()
    assert visible("alarm_popup") == []


def test_the_snooze_buttons_keep_room_for_their_menu_arrow(office, clock, make_scheduler):
    """«تعویق» opens the snooze menu; its arrow sits beside the word, not drawn over it (a tool
    button drew it on top of «تعویق» in the right-to-left window)."""
    from PySide6.QtWidgets import QPushButton

    add(office, "جلسه با مشتری", NOW + timedelta(minutes=1))
    add(office, "تماس با بانک", NOW + timedelta(minutes=1))
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=1)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    buttons = [b for b in popup.findChildren(QPushButton) if b.objectName() in ("alarm.snooze", "alarm_popup.all_snooze")]
    assert len(buttons) == 3  # one a row and one for all
    for button in buttons:
        assert button.text() == "تعویق"
        assert [a.objectName().rsplit(".", 1)[1] for a in button.menu().actions() if a.objectName()] == [
            "5", "10", "30", "60", "tomorrow", "custom"]
        assert button.width() >= button.fontMetrics().horizontalAdvance("تعویق") + 30


def test_the_window_fits_what_it_lists_each_time_it_pops_up(office, clock, make_scheduler, qtbot):
    """Two alarms, the window closed, then one alarm: the window is as small as for one alarm
    (it kept the two-alarm height, with an empty half under the row)."""
    add(office, "جلسه با مشتری", NOW + timedelta(minutes=1), note="قرارداد را ببرید")
    add(office, "تماس با بانک", NOW + timedelta(minutes=1))
    long = "ارسال پیش‌فاکتور تجهیزات آزمایشگاه برای شرکت مهندسی فن‌آوران و پیگیری تأیید مدیر خرید آن"
    add(office, long, NOW + timedelta(minutes=5), note="نسخه امضاشده را هم بفرستید.", place="دفتر مرکزی")
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=1)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    qtbot.waitUntil(lambda: popup.isVisible())
    two, two_width, bottom = popup.height(), popup.width(), popup.geometry().bottom()
    popup.close()
    clock.advance(minutes=4)
    scheduler.check_now()
    [again] = visible("alarm_popup")
    assert subjects(again) == [long]
    QApplication.processEvents()
    assert again.height() < two
    assert again.height() <= again.minimumSizeHint().height() + 1  # no empty half under the row
    assert again.width() == two_width
    row = again.rows[0]
    assert again.scroll.verticalScrollBar().maximum() == 0  # the whole row shows, wrapped subject and all
    assert row.height() >= row.heightForWidth(row.width())
    assert again.geometry().bottom() == bottom  # back in its corner


def test_the_popup_opens_on_the_screen_and_its_list_scrolls_past_the_screens_room(office, clock, make_scheduler,
                                                                                 qtbot, monkeypatch):
    """Eight alarms on a 1024 × 600 netbook: the window stays inside the screen's free area, its
    list at most 60 % of the screen's height and scrolling. The room is found the safe way
    (ui.screen), never by the widget's own screen(), which could take the app's screen with it
    when the garbage collector later cleared the popup (ui.screen's docstring)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from crm_desktop.ui import screen

    asked = []
    monkeypatch.setattr(screen, "available_height", lambda parent: asked.append(parent) or 600)
    monkeypatch.setattr(QWidget, "screen", lambda self: pytest.fail("the popup asked QWidget.screen()"))
    for n in range(8):
        add(office, f"تماس با مشتری شماره {n + 1}", NOW + timedelta(minutes=1), note="پیش‌فاکتور را بفرستید.")
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=1)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    qtbot.waitUntil(lambda: popup.isVisible())
    assert len(popup.rows) == 8 and asked and asked[-1] is popup
    assert popup.scroll.height() <= 360 and popup.scroll.verticalScrollBar().maximum() > 0
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(popup.frameGeometry()), (area, popup.frameGeometry())


def test_an_advance_notice_says_how_long_is_left_and_the_contact_is_a_link(office, clock, make_scheduler):
    from crm_desktop.phonebook.model import Contact

    contact = office.phonebook.add(Contact(first_name="مریم", last_name="احمدی"))
    add(office, "جلسه فروش", NOW + timedelta(minutes=30), advance=(15,), contact_id=contact)
    scheduler = make_scheduler(office)
    opened = []
    scheduler.openContact.connect(opened.append)
    scheduler.openReminder.connect(lambda rid: opened.append(("reminder", rid)))
    scheduler.start()
    clock.advance(minutes=15)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert "۱۵ دقیقه مانده" in popup.findChild(object, "alarm.when").text()
    link = popup.findChild(object, "alarm.contact")
    assert "مریم احمدی" in link.text() and f'href="contact:{contact}"' in link.text()
    link.linkActivated.emit(f"contact:{contact}")
    popup.findChild(object, "alarm.open").click()
    assert opened == [contact, ("reminder", popup.alarms()[0].reminder_id)]


# --- missed ---------------------------------------------------------------------------------------
def test_alarms_missed_while_closed_are_listed_once_at_start(office, db_path, clock, bell, make_scheduler):
    add(office, "تولد آقای کریمی", NOW - timedelta(hours=5), now=EARLIER)
    add(office, "پرداخت اجاره", NOW - timedelta(days=1), now=EARLIER)
    add(office, "جلسه آینده", NOW + timedelta(hours=2), now=EARLIER)
    scheduler = make_scheduler(office)
    scheduler.start()
    assert visible("alarm_popup") == []  # no storm of popups
    [missed] = visible("missed_dialog")
    assert missed.windowTitle() == "یادآوری‌های از دست رفته"
    assert subjects(missed) == ["پرداخت اجاره", "تولد آقای کریمی"]  # oldest first
    assert missed.table.rowCount() == 2
    assert missed.table.item(0, 0).text() == "یکشنبه ۱ آذر ۱۴۰۵، ۰۹:۰۰"
    assert bell.rings == []  # listed quietly
    missed.close()
    scheduler.stop()
    office.close()

    again = Office(db_path)
    try:
        second = make_scheduler(again)
        clock.advance(minutes=5)
        second.start()
        assert visible("missed_dialog") == [] and visible("alarm_popup") == []
        assert second.next_alarm == NOW + timedelta(hours=2)
    finally:
        second.stop()
        again.close()


def test_the_missed_dialog_has_done_snooze_and_open(office, clock, make_scheduler):
    first = add(office, "پیگیری سفارش", NOW - timedelta(hours=2), now=EARLIER)
    add(office, "تماس با مشتری", NOW - timedelta(hours=1), now=EARLIER)
    scheduler = make_scheduler(office)
    opened = []
    scheduler.openReminder.connect(opened.append)
    scheduler.start()
    [missed] = visible("missed_dialog")
    assert missed.selected_rows() == [0]  # the first is selected, ready for Enter / a button
    missed.select_row(0)
    missed.findChild(object, "missed_dialog.open").click()
    assert opened == [first]
    trigger(missed, "missed_dialog.snooze.10")
    assert subjects(missed) == ["تماس با مشتری"]
    missed.findChild(object, "missed_dialog.all_done").click()
    assert visible("missed_dialog") == []
    clock.advance(minutes=10)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert subjects(popup) == ["پیگیری سفارش"]


# --- clock jumps ----------------------------------------------------------------------------------
def test_a_clock_jump_forward_takes_what_it_passed_over_once(office, clock, bell, make_scheduler):
    add(office, "جلسه ساعت ده", NOW + timedelta(hours=1))
    add(office, "جلسه ساعت یازده", NOW + timedelta(hours=2))
    add(office, "جلسه ساعت دوازده", NOW + timedelta(hours=3, minutes=30))
    scheduler = make_scheduler(office)
    scheduler.start()
    queries = scheduler.queries
    clock.jump(hours=3)  # the PC slept three hours
    scheduler.check_now()
    assert scheduler.queries > queries  # the jump re-read the schedule
    [missed] = visible("missed_dialog")
    assert subjects(missed) == ["جلسه ساعت ده", "جلسه ساعت یازده"]
    assert visible("alarm_popup") == [] and bell.rings == []
    scheduler.check_now()
    assert len(missed.alarms()) == 2
    clock.advance(minutes=30)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert subjects(popup) == ["جلسه ساعت دوازده"]


def test_a_clock_jump_back_rings_nothing_twice(office, clock, bell, make_scheduler):
    add(office, "جلسه صبح", NOW + timedelta(minutes=10))
    add(office, "جلسه ظهر", NOW + timedelta(hours=3))
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=10)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    popup.close()
    clock.jump(hours=-1)  # someone set the clock back an hour
    scheduler.check_now()
    assert scheduler.next_alarm == NOW + timedelta(hours=3)
    clock.advance(hours=1, minutes=10)  # past the first alarm's time again
    scheduler.check_now()
    assert visible("alarm_popup") == [] and len(bell.rings) == 1
    clock.advance(hours=2, minutes=40)  # 12:00
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert subjects(popup) == ["جلسه ظهر"]


def test_a_new_reminder_rearms_the_timer(office, clock, make_scheduler, qtbot):
    scheduler = make_scheduler(office)
    scheduler.start()
    assert scheduler.next_alarm is None
    add(office, "یادآوری تازه", NOW + timedelta(seconds=20))
    qtbot.waitUntil(lambda: scheduler.next_alarm == NOW + timedelta(seconds=20), timeout=1000)
    assert 19_000 <= scheduler.remaining_ms() <= 20_100


def test_a_reminder_added_by_another_program_rings_on_time_not_as_missed(office, db_path, clock, bell,
                                                                         make_scheduler):
    """``reminders add`` on the command line while the app runs: another connection writes the
    reminder; the next watchdog wake sees it and the alarm pops up at its minute."""
    add(office, "جلسه عصر", NOW + timedelta(hours=3))
    scheduler = make_scheduler(office)
    scheduler.start()
    told = []
    office.subscribe(told.append)

    other = Office(db_path)  # the command line's own connection
    try:
        add(other, "تماس با آقای رضایی", NOW + timedelta(minutes=2), now=clock())
    finally:
        other.close()
    clock.advance(seconds=30)  # the watchdog's wake
    scheduler.check_now()
    assert scheduler.next_alarm == NOW + timedelta(minutes=2)
    assert {"reminders"} in told  # the tabs are told to show it

    clock.advance(seconds=90)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert subjects(popup) == ["تماس با آقای رضایی"]
    assert visible("missed_dialog") == []
    assert bell.rings == [None]


# --- the bell -------------------------------------------------------------------------------------
def test_the_bundled_sounds_are_short_wav_files():
    for key in SOUNDS:
        path = sound_file(key)
        assert path is not None and path.stat().st_size < 100_000, key
        with wave.open(str(path)) as sound:
            assert sound.getnchannels() == 1 and 0.5 < sound.getnframes() / sound.getframerate() < 2.5


def test_the_bell_falls_back_to_a_beep_without_a_sound_device():
    beeps = []
    bell = Bell(volume=70, sound="chime", beep=lambda: beeps.append(1), multimedia=lambda: None)
    assert bell.ring() == "beep" and beeps == [1]

    class NoOutputs:  # QtMultimedia present, no audio output
        class QMediaDevices:
            @staticmethod
            def audioOutputs():
                return []

    bell = Bell(beep=lambda: beeps.append(2), multimedia=lambda: NoOutputs)
    assert bell.ring() == "beep" and beeps == [1, 2]

    def broken():
        raise RuntimeError("no backend")

    bell = Bell(beep=lambda: beeps.append(3), multimedia=broken)
    assert bell.ring() == "beep" and beeps == [1, 2, 3]
    assert Bell(silent=True, beep=lambda: beeps.append(4)).ring() == "silent"
    assert Bell(beep=lambda: beeps.append(5)).ring("silent") == "silent"
    assert beeps == [1, 2, 3]


def test_the_real_bell_never_raises_on_this_machine():
    beeps = []
    result = Bell(beep=lambda: beeps.append(1)).ring()  # real QtMultimedia if it loads
    assert result in ("sound", "beep")
    assert (result == "beep") == (beeps == [1])


def test_silent_reminders_do_not_ring(office, clock, bell, make_scheduler):
    add(office, "بی‌صدا", NOW + timedelta(minutes=1), sound="silent")
    scheduler = make_scheduler(office)
    scheduler.start()
    clock.advance(minutes=1)
    scheduler.check_now()
    assert len(visible("alarm_popup")) == 1 and bell.rings == []


# --- the app ----------------------------------------------------------------------------------------
@pytest.fixture
def controller(qapp, db_path, clock):
    from PySide6.QtCore import Qt

    from crm_desktop.app import setup_application
    from crm_desktop.shell.controller import AppController

    app = setup_application()
    ctl = AppController(app, db_path, clock=clock)
    assert ctl.start(single_instance=False)
    yield ctl
    ctl.shutdown()
    app.setLayoutDirection(Qt.LeftToRight)


def test_the_popup_shows_with_the_main_window_hidden(controller, qtbot, clock, monkeypatch):
    window = controller.window
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: controller.scheduler is not None and controller.scheduler.is_running(), timeout=3000)
    scheduler = controller.scheduler
    monkeypatch.setattr(scheduler, "_bell", FakeBell())
    window.hide()
    add(controller.office, "جلسه با مدیر", NOW + timedelta(minutes=2))
    clock.advance(minutes=2)
    scheduler.check_now()
    [popup] = visible("alarm_popup")
    assert not window.isVisible()
    assert QApplication.quitOnLastWindowClosed() is False
    quits = []
    QApplication.instance().aboutToQuit.connect(lambda: quits.append(1))
    popup.close()
    qtbot.wait(50)
    assert quits == [] and scheduler.is_running()


def test_the_controller_routes_a_contact_link_to_the_contact_card(controller, qtbot):
    from crm_desktop.phonebook.model import Contact

    qtbot.waitUntil(lambda: controller.scheduler is not None, timeout=3000)
    contact = controller.office.phonebook.add(Contact(first_name="رضا", last_name="کریمی"))
    phonebook = controller.window.tab("phonebook")
    opened = []

    class FakeDialog:
        def exec(self):
            return 0

    phonebook.contact_dialog_factory = lambda office, contact_id, parent: opened.append(contact_id) or FakeDialog()
    controller.window.hide()
    controller.scheduler.openContact.emit(contact)
    assert opened == [contact] and controller.window.isVisible()

    reminder = add(controller.office, "تماس با رضا", NOW + timedelta(hours=1), contact_id=contact)
    reminders = controller.window.tab("reminders")
    forms = []

    class FakeForm(QObject):
        saved = Signal(int)

        def exec(self):
            return 0

    def fake_form(office, reminder_id, parent, **options):
        forms.append(reminder_id)
        return FakeForm()

    reminders.reminder_dialog_factory = fake_form
    controller.window.hide()
    controller.scheduler.openReminder.emit(reminder)  # «باز کردن» in the alarm window
    assert forms == [reminder] and controller.window.isVisible()
    assert controller.window.tabs.currentWidget().objectName() == "reminders.page"


def test_settings_choose_the_alarm_sound_volume_and_silence(controller, qtbot):
    from crm_desktop.shell.settings_dialog import SettingsDialog

    rung = []

    class RecordingBell(Bell):
        def ring(self, sound=None):
            rung.append((self.sound, self.volume, self.silent))
            return "sound"

    dialog = SettingsDialog(controller.office, controller.window, bell_factory=RecordingBell)
    qtbot.addWidget(dialog)
    box = dialog.findChild(object, "settings.alarm")
    assert box.title() == "زنگ یادآوری"
    assert [dialog.alarm_sound.itemText(i) for i in range(dialog.alarm_sound.count())] == list(SOUNDS.values())
    dialog.alarm_sound.setCurrentIndex(dialog.alarm_sound.findData("chime"))
    dialog.alarm_volume.setValue(45)
    assert dialog.alarm_volume_label.text() == "۴۵٪"
    dialog.findChild(object, "settings.alarm_test").click()
    assert rung == [("chime", 45, False)]
    dialog.alarm_silent.setChecked(True)
    assert not dialog.alarm_test.isEnabled()
    dialog.accept()
    prefs = controller.office.preferences
    if hasattr(prefs, "alarm_sound"):
        assert (prefs.alarm_sound, prefs.alarm_volume, prefs.alarm_silent) == ("chime", 45, True)
