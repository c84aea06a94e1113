"""The habits every window's inputs share (ui.input_manners): multi-line boxes write right to
left, and the wheel over a list the operator has not clicked into scrolls the form instead of
changing the value."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from tests.ui_helpers import persian_app, type_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


def wheel(widget, down=True):
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))), QPoint(0, 0),
                        QPoint(0, -120 if down else 120), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_a_typed_persian_paragraph_starts_on_the_right(qtbot):
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    box.show()
    type_text(box, "تماس گرفت")
    assert box.document().defaultTextOption().textDirection() == Qt.RightToLeft
    block = box.document().firstBlock()
    assert block.layout().lineAt(0).naturalTextRect().right() > box.viewport().width() - 20  # drawn on the right


def test_the_wheel_over_a_list_not_clicked_into_scrolls_the_form(qtbot):
    area = QScrollArea()
    qtbot.addWidget(area)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    combos = []
    for _ in range(30):
        combo = QComboBox()
        combo.addItems(["", "نمایشگاه", "پیامک"])
        layout.addWidget(combo)
        combos.append(combo)
    area.setWidget(inner)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    wheel(combos[2])
    assert combos[2].currentIndex() == 0 and area.verticalScrollBar().value() > 0
    combos[2].setFocus()
    qtbot.waitUntil(combos[2].hasFocus)
    wheel(combos[2])  # once clicked into, the wheel is the list's
    assert combos[2].currentIndex() == 1
