"""The designer's properties pane (right to left, Persian labels): exact values for the selected
field — kind, x, y, width, height in mm (0.1 mm), font, size, bold, colour, alignment, digits,
letter spacing, free text, guard marks, «معادل تومان», the second line, the smallest size — and
for the template: its name, note, the leaf's width and height and the scanned leaf under it.

The pane never changes the template itself: each edit is emitted (``fieldEdited(index, name,
value)``, ``leafEdited(name, value)``, ``renameRequested(name)``) and the designer makes it an
undoable step, then shows the template again with ``show_template``."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheque_print.model import (
    ALIGNS,
    DEFAULT_FONT,
    DIGITS,
    KINDS,
    MAX_FONT,
    MAX_SIDE,
    MIN_FONT,
    NASTALIQ_FONT,
    Field,
    Template,
)
from crm_desktop.cheque_print.views.mm_spin import MmSpin
from crm_desktop.core.digits import to_persian

TEXT_KINDS = set(KINDS) - {"line"}
DIGIT_KINDS = {"date", "amount", "national_id", "purpose", "text"}
NAMES = {"kind": "نوع", "x": "فاصله از چپ", "y": "فاصله از بالا", "w": "پهنا", "h": "بلندی", "font": "قلم",
         "size": "اندازه قلم", "bold": "پررنگ", "colour": "رنگ", "align": "چینش", "digits": "رقم‌ها",
         "spacing": "فاصله حروف", "text": "متن", "guard": "نشانه دو سر مبلغ", "toman": "معادل تومان",
         "line2": "سطر دوم", "min_size": "کمترین اندازه قلم"}
MISSING = " (روی این رایانه نیست)"


def _pick_colour(parent: QWidget, colour: QColor) -> QColor | None:
    chosen = QColorDialog.getColor(colour, parent, "رنگ فیلد")
    return chosen if chosen.isValid() else None


#: (parent, current QColor) -> the chosen QColor or None. Tests replace it.
pick_colour: Callable[[QWidget, QColor], QColor | None] = _pick_colour


def font_families() -> list[str]:
    """The bundled fonts first, then every installed family."""
    families = list(QFontDatabase.families())
    first = [f for f in (DEFAULT_FONT, NASTALIQ_FONT) if f in families]
    return first + sorted(f for f in families if f not in first)


class PropertiesPane(QScrollArea):
    fieldEdited = Signal(int, str, object)  # index, Field attribute, value
    leafEdited = Signal(str, object)  # "width" | "height" | "note", value
    renameRequested = Signal(str)
    backgroundRequested = Signal(bool)  # True: choose an image, False: remove it
    fieldChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("designer.properties")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self._loading = False
        self.template: Template | None = None
        self.index = -1
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self._build_field_group())
        column.addWidget(self._build_leaf_group())
        column.addStretch(1)
        self.setWidget(body)
        self.setMinimumWidth(body.sizeHint().width() + 16)

    # --- building -------------------------------------------------------------------------------------
    def _spin(self, name: str, minimum: float, maximum: float, **options) -> MmSpin:
        spin = MmSpin(minimum, maximum, self, **options)
        spin.setObjectName(f"designer.{name}")
        spin.valueChanged.connect(lambda value, n=name: self._emit(n, round(value, 3)))
        return spin

    def _combo(self, name: str, choices: dict) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"designer.{name}")
        for key, label in choices.items():
            combo.addItem(label, key)
        combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self._emit(n, c.currentData()))
        return combo

    def _check(self, name: str, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(f"designer.{name}")
        box.toggled.connect(lambda on, n=name: self._emit(n, on))
        return box

    def _build_field_group(self) -> QGroupBox:
        group = QGroupBox("فیلد", self)
        group.setObjectName("designer.field_group")
        form = self.form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fields_combo = QComboBox(self)
        self.fields_combo.setObjectName("designer.field_list")
        self.fields_combo.setAccessibleName("فیلدهای برگ")
        self.fields_combo.currentIndexChanged.connect(self._chosen)
        self.hint = QLabel("فیلدی انتخاب نشده است: روی برگ کلیک کنید یا از فهرست بالا برگزینید.", self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("designer.hint")
        self.kind = self._combo("kind", KINDS)
        self.x = self._spin("x", -MAX_SIDE, MAX_SIDE)
        self.y = self._spin("y", -MAX_SIDE, MAX_SIDE)
        self.w = self._spin("w", 0.5, MAX_SIDE)
        self.h = self._spin("h", 0.5, MAX_SIDE)
        self.font = QComboBox(self)
        self.font.setObjectName("designer.font")
        self.font.setMaxVisibleItems(16)
        self.font.addItems(font_families())
        self.font.currentIndexChanged.connect(lambda _i: self._emit("font", self.font.currentData() or
                                                                    self.font.currentText()))
        self.size = self._spin("size", MIN_FONT, MAX_FONT, step=0.5)
        self.bold = self._check("bold", "پررنگ")
        self.colour = QPushButton(self)
        self.colour.setObjectName("designer.colour")
        self.colour.clicked.connect(self._choose_colour)
        self.align = self._combo("align", ALIGNS)
        self.digits = self._combo("digits", DIGITS)
        self.spacing = self._spin("spacing", 0, 5, step=0.1)
        self.text = QLineEdit(self)
        self.text.setObjectName("designer.text")
        self.text.textEdited.connect(lambda t: self._emit("text", t))
        self.guard = QLineEdit(self)
        self.guard.setObjectName("designer.guard")
        self.guard.setMaxLength(3)
        self.guard.textEdited.connect(lambda t: self._emit("guard", t))
        self.toman = self._check("toman", "«معادل … تومان» هم نوشته شود")
        self.line2_on = QCheckBox("اگر مبلغ در یک سطر جا نشد", self)
        self.line2_on.setObjectName("designer.line2")
        self.line2_on.toggled.connect(self._toggle_line2)
        self.line2_x = MmSpin(-MAX_SIDE, MAX_SIDE, self)
        self.line2_y = MmSpin(-MAX_SIDE, MAX_SIDE, self)
        self.line2_w = MmSpin(0.5, MAX_SIDE, self)
        line2_row = QWidget(self)
        row = QHBoxLayout(line2_row)
        row.setContentsMargins(0, 0, 0, 0)
        for label, spin, name in (("x", self.line2_x, "line2_x"), ("y", self.line2_y, "line2_y"),
                                  ("w", self.line2_w, "line2_w")):
            spin.setObjectName(f"designer.{name}")
            spin.valueChanged.connect(self._line2_changed)
            row.addWidget(QLabel(label, line2_row))
            row.addWidget(spin, 1)
        self.line2_row = line2_row
        self.min_size = self._spin("min_size", MIN_FONT, MAX_FONT, step=0.5)
        size_row = QWidget(self)
        sizes = QHBoxLayout(size_row)
        sizes.setContentsMargins(0, 0, 0, 0)
        sizes.addWidget(self.size, 1)
        sizes.addWidget(self.bold)
        self.size_row = size_row
        form.addRow(self.fields_combo)
        form.addRow(self.hint)
        for label, widget in (("نوع:", self.kind), ("فاصله از چپ (x):", self.x), ("فاصله از بالا (y):", self.y),
                              ("پهنا (w):", self.w), ("بلندی (h):", self.h), ("قلم:", self.font),
                              ("اندازه قلم (pt):", size_row), ("کمترین اندازه:", self.min_size),
                              ("رنگ:", self.colour), ("چینش:", self.align), ("رقم‌ها:", self.digits),
                              ("فاصله حروف (mm):", self.spacing), ("متن:", self.text),
                              ("نشانه دو سر مبلغ:", self.guard), ("تومان:", self.toman),
                              ("سطر دوم:", self.line2_on), ("", line2_row)):
            form.addRow(label, widget)
        self.field_widgets = [self.kind, self.x, self.y, self.w, self.h, self.font, size_row, self.min_size,
                              self.colour, self.align, self.digits, self.spacing, self.text, self.guard, self.toman,
                              self.line2_on, line2_row]
        for spin in (self.x, self.y, self.w, self.h, self.line2_x, self.line2_y, self.line2_w):
            spin.setToolTip("میلی‌متر؛ x از لبه چپ برگ و y از لبه بالای آن")
        return group

    def _build_leaf_group(self) -> QGroupBox:
        group = QGroupBox("نمونه و برگ چک", self)
        group.setObjectName("designer.leaf_group")
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.name = QLineEdit(self)
        self.name.setObjectName("designer.name")
        self.name.editingFinished.connect(self._rename)
        self.note = QLineEdit(self)
        self.note.setObjectName("designer.note")
        self.note.textEdited.connect(lambda t: self._emit_leaf("note", t))
        self.leaf_w = MmSpin(20, MAX_SIDE, self)
        self.leaf_w.setObjectName("designer.leaf_width")
        self.leaf_w.valueChanged.connect(lambda v: self._emit_leaf("width", round(v, 3)))
        self.leaf_h = MmSpin(20, MAX_SIDE, self)
        self.leaf_h.setObjectName("designer.leaf_height")
        self.leaf_h.valueChanged.connect(lambda v: self._emit_leaf("height", round(v, 3)))
        self.background_set = QPushButton("تصویر برگ…", self)
        self.background_set.setObjectName("designer.background_set")
        self.background_set.setToolTip("تصویر اسکن‌شده برگ چک، زیر فیلدها به اندازه برگ؛ چاپ نمی‌شود")
        self.background_set.clicked.connect(lambda: self.backgroundRequested.emit(True))
        self.background_clear = QPushButton("برداشتن", self)
        self.background_clear.setObjectName("designer.background_clear")
        self.background_clear.clicked.connect(lambda: self.backgroundRequested.emit(False))
        buttons = QWidget(self)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.background_set)
        row.addWidget(self.background_clear)
        row.addStretch(1)
        form.addRow("نام:", self.name)
        form.addRow("یادداشت:", self.note)
        form.addRow("پهنای برگ (mm):", self.leaf_w)
        form.addRow("بلندی برگ (mm):", self.leaf_h)
        form.addRow("تصویر زمینه:", buttons)
        return group

    # --- showing ------------------------------------------------------------------------------------
    def show_template(self, template: Template, index: int) -> None:
        """Show ``template`` and its field ``index`` (-1: none) without emitting anything; a
        widget already showing the value is left alone (the operator may be typing in it)."""
        self._loading = True
        try:
            self.template, self.index = template, index
            labels = [f"{to_persian(i + 1)}. {f.label}" for i, f in enumerate(template.fields)]
            if [self.fields_combo.itemText(i) for i in range(self.fields_combo.count())] != labels:
                self.fields_combo.clear()
                self.fields_combo.addItems(labels)
            self.fields_combo.setCurrentIndex(index)
            self._set_text(self.name, template.name)
            self._set_text(self.note, template.note)
            self._set_spin(self.leaf_w, template.width)
            self._set_spin(self.leaf_h, template.height)
            self.background_clear.setEnabled(bool(template.background))
            f = template.fields[index] if 0 <= index < len(template.fields) else None
            self.hint.setVisible(f is None)
            if f is None:
                for widget in self.field_widgets:
                    self.form.setRowVisible(widget, False)
            else:
                self._show_field(f)
        finally:
            self._loading = False

    def _show_field(self, f: Field) -> None:
        self.kind.setCurrentIndex(self.kind.findData(f.kind))
        line = f.kind == "line"
        for spin in (self.w, self.h):
            spin.setMinimum(-MAX_SIDE if line else 0.5)
        for spin, value in ((self.x, f.x), (self.y, f.y), (self.w, f.w), (self.h, f.h), (self.size, f.size),
                            (self.min_size, f.min_size), (self.spacing, f.spacing)):
            self._set_spin(spin, value)
        index = self.font.findText(f.font)
        if index < 0:
            index = self.font.findData(f.font)
        if index < 0:
            self.font.insertItem(0, f.font + MISSING, f.font)
            index = 0
        self.font.setCurrentIndex(index)
        self.bold.setChecked(f.bold)
        self.colour.setText(f.colour)
        self.colour.setStyleSheet(f"QPushButton {{ border-right: 18px solid {f.colour}; padding: 3px 8px; }}")
        self.align.setCurrentIndex(self.align.findData(f.align))
        self.digits.setCurrentIndex(self.digits.findData(f.digits))
        self._set_text(self.text, f.text)
        self._set_text(self.guard, f.guard)
        self.toman.setChecked(f.toman)
        self.line2_on.setChecked(f.line2 is not None)
        if f.line2:
            for spin, value in zip((self.line2_x, self.line2_y, self.line2_w), f.line2):
                self._set_spin(spin, value)
        shown = {"kind", "x", "y", "w", "h", "colour", "size"}
        if not line:
            shown |= {"font", "align", "spacing", "min_size"}
        if f.kind in DIGIT_KINDS:
            shown.add("digits")
        shown |= {"text": {"text"}, "amount": {"guard"}, "amount_words": {"toman", "line2"}}.get(f.kind, set())
        widgets = {"kind": self.kind, "x": self.x, "y": self.y, "w": self.w, "h": self.h, "font": self.font,
                   "size": self.size_row, "min_size": self.min_size, "colour": self.colour, "align": self.align,
                   "digits": self.digits, "spacing": self.spacing, "text": self.text, "guard": self.guard,
                   "toman": self.toman, "line2": self.line2_on}
        for name, widget in widgets.items():
            self.form.setRowVisible(widget, name in shown)
        self.form.setRowVisible(self.line2_row, "line2" in shown and f.line2 is not None)
        self.bold.setVisible(not line)
        self.form.labelForField(self.size_row).setText("ضخامت خط:" if line else "اندازه قلم (pt):")

    @staticmethod
    def _set_spin(spin: MmSpin, value: float) -> None:
        if abs(spin.value() - value) > 1e-9:
            spin.set_quietly(value)

    @staticmethod
    def _set_text(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)

    # --- edits ----------------------------------------------------------------------------------------
    def _emit(self, name: str, value) -> None:
        if not self._loading and self.index >= 0:
            self.fieldEdited.emit(self.index, name, value)

    def _emit_leaf(self, name: str, value) -> None:
        if not self._loading and self.template is not None:
            self.leafEdited.emit(name, value)

    def _chosen(self, index: int) -> None:
        if not self._loading:
            self.fieldChosen.emit(index)

    def _rename(self) -> None:
        if not self._loading and self.template is not None and self.name.text().strip() != self.template.name:
            self.renameRequested.emit(self.name.text())

    def _choose_colour(self) -> None:
        if self.index < 0:
            return
        chosen = pick_colour(self, QColor(self.template.fields[self.index].colour))
        if chosen is not None:
            self._emit("colour", chosen.name())

    def _toggle_line2(self, on: bool) -> None:
        if self._loading or self.index < 0:
            return
        f = self.template.fields[self.index]
        self._emit("line2", (round(f.x, 3), round(f.y + f.h + 1, 3), round(f.w, 3)) if on else None)

    def _line2_changed(self, _value) -> None:
        if not self._loading and self.index >= 0 and self.line2_on.isChecked():
            self._emit("line2", (round(self.line2_x.value(), 3), round(self.line2_y.value(), 3),
                                 round(self.line2_w.value(), 3)))
