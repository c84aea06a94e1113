"""How big a window may be on the screen it opens on, so that its buttons stay reachable.

A 1366 × 768 laptop leaves about 720 px for a window under its taskbar and title bar; a form
asked to open 820 px tall puts «ذخیره» below the edge, and a 1024 × 600 netbook has no room for
a form 1080 px wide either. ``fitted_height`` and ``fitted_width`` give the wanted size where the
screen has room and less where it has not (the form's scroll area takes the difference), never
less than what the window needs to show its buttons.

    dialog.resize(fitted_width(dialog, parent, 1080), fitted_height(dialog, parent, 820))
    fit(dialog, parent, 1080, 820)   # the same in one call
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

TITLE_BAR_ROOM = 48  # the window's title bar and a little air
FRAME_ROOM = 16  # the window's side borders and a little air


def _screen(parent: QWidget | None) -> QScreen | None:
    """The screen ``parent``'s middle is on (the primary screen without a parent or off every
    screen). Never ``parent.screen()``: PySide makes the returned QScreen's Python wrapper a
    child of ``parent``'s wrapper, and when the garbage collector later clears such a wrapper
    before its parent it hands the wrapper ownership and deletes the application's QScreen
    (every window after it crashed in QScreen::virtualSiblings). The static look-ups create no
    such tie."""
    screen = QGuiApplication.screenAt(parent.mapToGlobal(parent.rect().center())) if parent is not None else None
    return screen or QGuiApplication.primaryScreen()


def available_height(parent: QWidget | None) -> int | None:
    """The height free for windows on the screen ``parent`` is on (the taskbar left out)."""
    screen = _screen(parent)
    return screen.availableGeometry().height() if screen is not None else None


def available_width(parent: QWidget | None) -> int | None:
    """The width free for windows on the screen ``parent`` is on (a side taskbar left out)."""
    screen = _screen(parent)
    return screen.availableGeometry().width() if screen is not None else None


def fitted_height(dialog: QWidget, parent: QWidget | None, wanted: int) -> int:
    room = available_height(parent)
    if room is None:
        return wanted
    return max(dialog.minimumSizeHint().height(), min(wanted, room - TITLE_BAR_ROOM))


def fitted_width(dialog: QWidget, parent: QWidget | None, wanted: int) -> int:
    room = available_width(parent)
    if room is None:
        return wanted
    return max(dialog.minimumSizeHint().width(), min(wanted, room - FRAME_ROOM))


def fit(dialog: QWidget, parent: QWidget | None, width: int, height: int) -> None:
    """Resize ``dialog`` to ``width`` × ``height``, or less where the screen has not the room."""
    dialog.resize(fitted_width(dialog, parent, width), fitted_height(dialog, parent, height))
