"""The app's inter-process lock on its database: held, seen from another process, and gone when
the holder is killed (kill -9 must not leave a stale lock)."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from crm_desktop.storage.lock import DatabaseInUse, DatabaseLock, held_by_this_process, lock_path
from tests.conftest import ROOT

HOLDER = textwrap.dedent(
    """
    import sys, time
    from crm_desktop.storage.lock import DatabaseLock
    lock = DatabaseLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(120)
    """
)


def spawn_lock_holder(db_path) -> subprocess.Popen:
    """A separate process that takes the DatabaseLock on ``db_path`` (the running app's role)
    and keeps it until killed. Returns once the lock is held."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    line = process.stdout.readline().strip()
    if line != "locked":
        process.kill()
        raise AssertionError(f"lock holder failed: {line!r} {process.stderr.read()}")
    return process


def kill_hard(process: subprocess.Popen) -> None:
    """kill -9 where there is one; the OS must drop the lock with the process."""
    process.send_signal(getattr(signal, "SIGKILL", signal.SIGTERM))
    process.wait(timeout=30)
    process.stdout.close()
    process.stderr.close()


@pytest.fixture
def holder(db_path):
    process = spawn_lock_holder(db_path)
    yield process
    if process.poll() is None:
        kill_hard(process)


def test_acquire_release_and_context_manager(db_path):
    lock = DatabaseLock(db_path)
    assert not lock.held and not lock.is_held_by_other()
    lock.acquire()
    assert lock.held and held_by_this_process(db_path)
    assert lock_path(db_path).read_text().strip() == str(os.getpid())
    lock.release()
    assert not lock.held and not held_by_this_process(db_path)
    lock.release()  # twice is harmless
    with DatabaseLock(db_path) as again:
        assert again.held
    assert not again.held


def test_a_second_lock_object_in_the_same_process_sees_the_first(db_path):
    first = DatabaseLock(db_path).acquire()
    second = DatabaseLock(db_path)
    assert second.is_held_by_other()
    assert not first.is_held_by_other()
    assert not second.try_acquire()
    first.release()
    assert not second.is_held_by_other()
    assert second.try_acquire()
    second.release()


def test_probing_creates_no_lock_file(tmp_path):
    db = tmp_path / "never.sqlite3"
    assert not DatabaseLock(db).is_held_by_other()
    assert not lock_path(db).exists() and not db.exists()


def test_another_process_holds_it_and_kill_9_releases_it(db_path, holder):
    lock = DatabaseLock(db_path)
    assert lock.is_held_by_other()
    with pytest.raises(DatabaseInUse) as caught:
        lock.acquire()
    assert caught.value.pid == holder.pid
    assert "open in crm_desktop" in caught.value.message and f"process {holder.pid}" in caught.value.message
    assert "برنامه" in caught.value.fa
    assert not lock.held

    kill_hard(holder)
    assert not lock.is_held_by_other()  # no stale lock left by a killed process
    lock.acquire()
    assert lock.held
    lock.release()
