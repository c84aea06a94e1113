"""FlowLayout: items wrap onto more lines as the width runs out, starting on the right in RTL;
its minimum width is its widest item's; hidden widgets take no place. The cheque tab's footer
uses it, so ten status totals never make the window wider than the screen."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from crm_desktop.ui.flow_layout import FlowLayout
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


def make(qtbot, count=6, width=100, direction=Qt.RightToLeft):
    box = QWidget()
    box.setLayoutDirection(direction)
    flow = FlowLayout(box, h_spacing=10, v_spacing=5)
    flow.setContentsMargins(0, 0, 0, 0)
    labels = []
    for i in range(count):
        label = QLabel(f"برچسب {i}", box)
        label.setFixedSize(width, 20)
        flow.addWidget(label)
        labels.append(label)
    qtbot.addWidget(box)
    return box, flow, labels


def test_wraps_to_the_width_starting_on_the_right(qtbot):
    box, flow, labels = make(qtbot)
    assert flow.minimumSize().width() == 100  # the widest item, not the sum of six
    assert flow.heightForWidth(1000) == 20 and flow.heightForWidth(330) == 45 and flow.heightForWidth(100) == 145
    box.resize(330, flow.heightForWidth(330))
    box.show()
    qtbot.waitUntil(lambda: labels[3].y() == 25)
    assert [label.y() for label in labels] == [0, 0, 0, 25, 25, 25]  # three a line
    assert [label.x() for label in labels[:3]] == [230, 120, 10]  # RTL: the first on the right
    assert labels[3].x() == 230


def test_left_to_right_and_hidden_widgets(qtbot):
    box, flow, labels = make(qtbot, count=4, direction=Qt.LeftToRight)
    labels[1].setVisible(False)
    box.resize(400, 100)
    box.show()
    qtbot.waitUntil(lambda: labels[2].x() == 110)
    assert [labels[i].x() for i in (0, 2, 3)] == [0, 110, 220]  # the hidden one leaves no gap
    assert flow.count() == 4 and flow.itemAt(1).widget() is labels[1] and flow.itemAt(9) is None


def test_the_cheque_footer_never_widens_the_window(qtbot):
    from crm_desktop.cheques import status as st
    from crm_desktop.cheques.repo_search import StatusTotal, Totals
    from crm_desktop.cheques.views.footer import ChequeFooter

    totals = Totals()
    for direction, statuses in st.STATUSES.items():
        for status in statuses:
            totals.by_status[(direction, status)] = StatusTotal(12_345, 9_876_543_210_000)
            totals.count += 12_345
    footer = ChequeFooter()
    qtbot.addWidget(footer)
    footer.show_totals(totals, filtered=False)
    assert len(footer.texts()) == 1 + sum(len(s) for s in st.STATUSES.values())
    assert footer.minimumSizeHint().width() < 600  # one row of them all: ~3,500 px
    footer.resize(900, footer.heightForWidth(900))
    footer.show()
    qtbot.waitUntil(lambda: footer.findChild(QLabel, "cheques.footer.paid.void").isVisible())
    lines = {label.y() for label in footer.findChildren(QLabel) if label.isVisible()}
    assert len(lines) >= 3  # the total, then the statuses over two lines or more
    assert all(label.geometry().right() <= footer.width() for label in footer.findChildren(QLabel))
