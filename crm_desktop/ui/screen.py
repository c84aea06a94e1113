"""How tall a window may be on the screen it opens on, so that its buttons stay reachable.

A 1366 × 768 laptop leaves about 720 px for a window under its taskbar and title bar; a form
asked to open 820 px tall puts «ذخیره» below the edge. ``fitted_height`` gives the wanted
height where the screen has room and less where it has not (the form's scroll area takes the
difference), never less than what the dialog needs to show its buttons.

    dialog.resize(640, fitted_height(dialog, parent, 820))
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR_ROOM = 48  # the window's title bar and a little air


def available_height(parent: QWidget | None) -> int | None:
    """The height free for windows on the screen ``parent`` is on (the taskbar left out)."""
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry().height() if screen is not None else None


def fitted_height(dialog: QWidget, parent: QWidget | None, wanted: int) -> int:
    room = available_height(parent)
    if room is None:
        return wanted
    return max(dialog.minimumSizeHint().height(), min(wanted, room - TITLE_BAR_ROOM))
