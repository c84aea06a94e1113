"""PySide6-Essentials 6.12.0 on Python 3.11 loses a reference to ``True`` on every ``emit()``
made from Python, and the interpreter aborts after a few hundred («bool_dealloc: deallocating
True or False»). pyproject.toml keeps that release out; this test fails (in a child process, so
the suite survives) if a broken PySide6 comes back."""

import subprocess
import sys

CHILD = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Sender(QObject):
    changed = Signal(object)
sender = Sender()
seen = []
sender.changed.connect(seen.append)
before = sys.getrefcount(True)
for i in range(5000):
    sender.changed.emit(i)
print(len(seen), sys.getrefcount(True) - before)
"""


def test_python_side_emits_neither_leak_nor_crash():
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    received, drift = result.stdout.split()
    assert int(received) == 5000
    assert abs(int(drift)) < 50
