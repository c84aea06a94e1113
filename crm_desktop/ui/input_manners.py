"""Habits every window's inputs share, set once for the whole application
(``install(app)``, from ``app.setup_application``):

* a multi-line text box (QPlainTextEdit, QTextEdit) writes right to left: Qt aligned a typed
  Persian paragraph to the left in an empty box, and the box's placeholder to the right;
* the mouse wheel over a closed list or a spin box that the operator has not clicked into
  scrolls the form around it instead of changing the value: scrolling a long contact form
  used to change «نحوه آشنایی» or a phone's kind under the pointer, unnoticed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def right_to_left(box: QPlainTextEdit | QTextEdit) -> None:
    """In a right-to-left window the box's paragraphs start on the right, as a line edit's do
    (Qt's plain-text layout reads its default «left» literally, whatever the text's direction)."""
    if box.layoutDirection() != Qt.RightToLeft:
        return
    document = box.document()
    option = document.defaultTextOption()
    option.setTextDirection(Qt.RightToLeft)
    option.setAlignment(Qt.AlignRight)
    document.setDefaultTextOption(option)


def _value_picker(widget) -> QWidget | None:
    """The list or spin box ``widget`` is (or is the line edit of), else None."""
    for candidate in (widget, widget.parent() if isinstance(widget, QWidget) else None):
        if isinstance(candidate, (QComboBox, QAbstractSpinBox)):
            return candidate
    return None


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, (QPlainTextEdit, QTextEdit)):
            return parent
        parent = parent.parentWidget()
    return None


class InputManners(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Wheel:
            picker = _value_picker(watched)
            if picker is not None and not picker.hasFocus():
                area = _scroll_area(picker)
                if area is not None:  # the form scrolls; the value stays
                    QApplication.sendEvent(area.verticalScrollBar(), event)
                    return True
        elif kind == QEvent.Polish:
            if isinstance(watched, (QPlainTextEdit, QTextEdit)):
                right_to_left(watched)
            elif isinstance(watched, (QComboBox, QAbstractSpinBox)):
                no_wheel_focus(watched)  # Qt gives the focus before any filter sees the wheel
        return False


def install(app: QApplication) -> InputManners:
    """Install the habits on ``app`` once (again: the same filter)."""
    manners = getattr(app, "_input_manners", None)
    if manners is None:
        manners = InputManners(app)
        app.installEventFilter(manners)
        app._input_manners = manners  # noqa: SLF001 - kept alive with the application
    return manners


def no_wheel_focus(widget: QWidget) -> None:
    """A list or spin box takes the focus by a click or Tab, not by the wheel passing over it."""
    if widget.focusPolicy() == Qt.WheelFocus:
        widget.setFocusPolicy(Qt.StrongFocus)
