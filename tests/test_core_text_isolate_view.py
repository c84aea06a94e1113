"""A number quoted inside a Persian sentence (``core.text.isolate``) reads left to right on the
screen: its first group at the left, as the operator wrote it, in a right-to-left label; the
field editor's refusal quotes a value so."""

import pytest
from PySide6.QtWidgets import QLabel

from crm_desktop.core.text import isolate
from crm_desktop.errors import ValidationError
from crm_desktop.phonebook import model
from tests.ui_helpers import persian_app  # noqa: F401

pytestmark = pytest.mark.usefixtures("persian_app")


def x_of(label: QLabel, position: int) -> float:
    """Where the caret before ``position`` of the label's text stands, as its layout draws it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setTextDirection(Qt.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    return line.cursorToX(position)[0]


@pytest.mark.parametrize("number, first, last", [("021 8877 6655", "021", "6655"),
                                                 ("۰۰۱۲ ۳۴۵۶ ۷۸۹۰", "۰۰۱۲", "۷۸۹۰"),
                                                 ("+33 1 42 68 53 00", "33", "00")])
def test_a_quoted_number_reads_left_to_right_in_a_persian_sentence(qtbot, number, first, last):
    label = QLabel(f"مقدار ۱ مخاطب تاریخ درست نیست، مانند «{isolate(number)}».")
    qtbot.addWidget(label)
    text = label.text()
    assert x_of(label, text.index(first) + 1) < x_of(label, text.rindex(last) + 1)


def test_the_field_editors_refusal_quotes_a_number_left_to_right(tmp_path):
    from crm_desktop.office import Office

    with Office(tmp_path / "office.sqlite3") as office:
        book = office.phonebook
        field_id = book.add_field(model.CustomField("تاریخ قرارداد"))
        book.add(model.Contact(first_name="سارا", custom={field_id: "021 8877 6655"}))
        field = book.fields()[0]
        with pytest.raises(ValidationError) as refused:
            book.update_field(model.CustomField(field.name, "date", id=field.id))
        assert "«\u2066021 8877 6655\u2069»" in refused.value.fa
