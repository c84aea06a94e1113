"""The import wizard's «ستون‌ها» page (``import_wizard``): which contact field each CSV / XLSX
column fills, a combo per column (two to a row, the header cut at ``LABEL_WIDTH_EM``), and the
first ``PREVIEW_ROWS`` rows previewed as contacts with each row's problem beside it. A column
with data whose header a custom field may take also offers «فیلد دلخواه تازه» (never chosen by
itself), with a kind picker beside it once chosen (متن / عدد / تاریخ / فهرست انتخابی: a kind a
value does not fit is refused in red, naming the value and its row, until that column makes no
new field or a kind that fits is picked); a line names the columns
with data that fill nothing and why one makes no field. The lines under the columns never
widen the page (a 240-letter header) and get the height their wrapped text needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.phonebook import columns, import_fields
from crm_desktop.phonebook.model import FIELD_KINDS
from crm_desktop.phonebook.views import import_run
from crm_desktop.ui.validated_field import isolate_numbers

if TYPE_CHECKING:
    from crm_desktop.phonebook.views.import_wizard import ImportWizard

PREVIEW_ROWS = 20
BAD_ROW, BAD_INK = QColor("#fdecea"), QColor("#c62828")
SAME_ROW, SAME_INK = QColor("#fff4e0"), QColor("#8a5300")  # a duplicate: skipped or merged, not an error
LABEL_WIDTH_EM = 22  # a header longer than this is cut with «…» (the whole of it in its tooltip)


class MappingPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setObjectName("import.mapping")
        self.setTitle("ستون‌ها")
        self.setSubTitle("برای هر ستون بگویید کدام مشخصهٔ مخاطب را پر می‌کند. "
                         f"{to_persian(PREVIEW_ROWS)} سطر اول پرونده در پایین آمده است.")
        self.combos: list[QComboBox] = []
        self.combo_host = QWidget()
        self.combo_grid = QGridLayout(self.combo_host)
        self.combo_grid.setColumnStretch(1, 1)
        self.combo_grid.setColumnStretch(3, 1)
        self.combo_grid.setHorizontalSpacing(10)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.combo_host)
        scroll.setObjectName("import.mapping.columns")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # the pairs narrow to fit instead
        self.scroll = scroll
        self.preview = QTableWidget(self)
        self.preview.setObjectName("import.preview")
        self.preview.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setWordWrap(False)
        self.summary = QLabel(self)
        self.summary.setObjectName("import.preview.summary")
        self.skipped = QLabel(self)  # the title rows above the headers, a second header row: not read
        self.skipped.setObjectName("import.preview.skipped")
        self.skipped.setWordWrap(True)
        self.skipped.setTextFormat(Qt.PlainText)
        self.unmapped = QLabel(self)  # the columns with data that fill nothing (a new custom field keeps them)
        self.unmapped.setObjectName("import.mapping.unmapped")
        self.kind_error = QLabel(self)  # a kind picked that a value of the column does not fit
        self.kind_error.setObjectName("import.mapping.kind_error")
        self.kind_error.setStyleSheet("color: #c62828;")
        for label in (self.skipped, self.unmapped, self.kind_error):
            label.setWordWrap(True)
            label.setTextFormat(Qt.PlainText)
            # a word it cannot break (a 240-letter header) must not widen the page
            label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.kind_error.hide()
        self.kind_error_column: int | None = None  # the column whose kind the red line refuses
        self.kind_pickers: dict[int, QComboBox] = {}
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.summary)
        below_layout.addWidget(self.skipped)
        below_layout.addWidget(self.kind_error)
        below_layout.addWidget(self.unmapped)
        below_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Vertical, self)  # a file with 30 columns: the operator drags
        self.splitter.setObjectName("import.mapping.splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def initializePage(self) -> None:  # noqa: N802
        while self.combo_grid.count():
            item = self.combo_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = []
        self.kind_pickers = {}
        self._clear_kind_error()
        table = self.wiz.table
        label_metrics = self.fontMetrics()
        spread_from = getattr(table, "spread_from", None) or {}
        for index, header in enumerate(table.headers):
            combo = QComboBox()
            combo.setObjectName(f"import.column.{index}")
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)  # narrows with the page
            combo.setMinimumContentsLength(8)
            combo.addItem(columns.field_label(columns.IGNORE), columns.IGNORE)
            for key in columns.FIELDS:
                combo.addItem(columns.field_label(key), key)
            for field in self.wiz.fields:  # the book's custom fields
                combo.addItem(field.name, columns.custom_key(field.id))
            if index in self.wiz.offered:  # a new custom field named like the header (its kind: a picker)
                combo.addItem(import_fields.NEW_FIELD_TEXT, import_fields.NEW_FIELD)
            chosen = self.wiz.mapping.get(index, columns.IGNORE)
            if import_fields.asked_kind(chosen) is not None:
                chosen = import_fields.NEW_FIELD
            if combo.findData(chosen) < 0:
                combo.addItem(columns.field_label(chosen, self.wiz.fields), chosen)
            combo.setCurrentIndex(combo.findData(chosen))
            combo.currentIndexChanged.connect(self._mapping_changed)
            sample = next((row[index] for row in table.rows if index < len(row) and row[index].strip()), "")
            label = QLabel(label_metrics.elidedText(f"{header}:", Qt.ElideMiddle,
                                                    LABEL_WIDTH_EM * label_metrics.averageCharWidth()))
            tip = header if index not in spread_from else f"{header}\n(برچسبی در ستون «{spread_from[index]}»)"
            label.setToolTip(f"{tip}\nمثلاً «{sample}»" if sample else tip)
            row, pair = divmod(index, 2)
            self.combo_grid.addWidget(label, row, pair * 2)
            self.combo_grid.addWidget(self._with_kind_picker(combo, index), row, pair * 2 + 1)
            self.combos.append(combo)
        skipped = getattr(table, "skipped_rows", ())
        self.skipped.setText("\n".join(row.message for row in skipped))
        self.skipped.setVisible(bool(skipped))
        rows = (len(table.headers) + 1) // 2
        line = self.combos[0].sizeHint().height() + self.combo_grid.verticalSpacing() if self.combos else 0
        self.scroll.setMinimumHeight(min(rows, 2) * line + 12)
        self.splitter.setSizes([min(rows, 6) * line + 12, max(200, self.height() - min(rows, 6) * line)])
        self.refresh_preview()

    def _with_kind_picker(self, combo: QComboBox, index: int) -> QWidget:
        """``combo`` and, for a column that may make a new field, its kind picker (shown while
        the combo says «فیلد دلخواه تازه»)."""
        if index not in self.wiz.offered:
            return combo
        picker = QComboBox()
        picker.setObjectName(f"import.column.{index}.kind")
        for kind, label in FIELD_KINDS.items():
            picker.addItem(label, kind)
        picker.setCurrentIndex(picker.findData(self.wiz.new_field_kind(index)))
        picker.currentIndexChanged.connect(lambda _=0, index=index: self._kind_chosen(index))
        picker.setVisible(combo.currentData() == import_fields.NEW_FIELD)
        self.kind_pickers[index] = picker
        self._describe_new(combo, index)
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(combo, 1)
        row.addWidget(picker)
        return host

    def _describe_new(self, combo: QComboBox, index: int) -> None:
        """The tooltip of the «فیلد دلخواه تازه» item and of the kind picker beside it: the new
        field's name and kind (and a choice list's choices)."""
        kind, choices = self.wiz.new_field_plan(index)
        at = combo.findData(import_fields.NEW_FIELD)
        tip = (f"فیلد دلخواه تازه‌ای به نام {import_fields.shown(self.wiz.offered[index])} "
               f"از نوع {import_fields.kind_label(kind)} ساخته می‌شود.")
        if choices:
            tip += "\nگزینه‌ها: " + "، ".join(map(import_fields.shown, choices))
        combo.setItemData(at, tip, Qt.ToolTipRole)
        self.kind_pickers[index].setToolTip(tip)

    def _kind_chosen(self, index: int) -> None:
        """The operator picked a kind for column ``index``'s new field: taken when every value
        fits it, else refused in red (naming the value and its row) and the picker put back."""
        picker = self.kind_pickers[index]
        error = self.wiz.ask_kind(index, picker.currentData())
        if error is not None:
            picker.blockSignals(True)
            picker.setCurrentIndex(picker.findData(self.wiz.new_field_kind(index)))
            picker.blockSignals(False)
        self.kind_error.setText(error.fa if error is not None else "")
        self.kind_error.setVisible(error is not None)
        self.kind_error_column = index if error is not None else None
        self._describe_new(self.combos[index], index)
        self._mapping_changed()

    def _clear_kind_error(self) -> None:
        self.kind_error.clear()
        self.kind_error.hide()
        self.kind_error_column = None

    def _mapping_changed(self) -> None:
        wiz = self.wiz
        wiz.mapping = {}
        for i, combo in enumerate(self.combos):
            key = combo.currentData()
            if key == import_fields.NEW_FIELD:
                key = import_fields.new_field_key(wiz.asked_kinds.get(i, ""))
            if key:
                wiz.mapping[i] = key
            if i in self.kind_pickers:
                self.kind_pickers[i].setVisible(combo.currentData() == import_fields.NEW_FIELD)
        column = self.kind_error_column  # its refusal goes once that column makes no new field
        if column is not None and self.combos[column].currentData() != import_fields.NEW_FIELD:
            self._clear_kind_error()
        self.refresh_preview()
        self.completeChanged.emit()

    def refresh_preview(self) -> None:
        wiz = self.wiz
        rows = import_run.preview(wiz.table, wiz.mapping, PREVIEW_ROWS, wiz.fields, wiz.office.phonebook,
                                  choices=wiz.offered, guesses=wiz.guesses)
        self._show_unmapped()
        headers = ["سطر", "نام", "تلفن‌ها", "ایمیل", "وضعیت"]
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setRowCount(len(rows))
        bad = same = 0
        for r, row in enumerate(rows):
            status = isolate_numbers(row.problem or row.duplicate) or "درست"
            values = [to_persian(row.number), row.name, row.phones, row.emails, status]
            shade, ink = (BAD_ROW, BAD_INK) if row.problem else (SAME_ROW, SAME_INK) if row.duplicate else (None, None)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if shade is not None:
                    item.setBackground(QBrush(shade))
                    if c == len(values) - 1:
                        item.setForeground(QBrush(ink))
                self.preview.setItem(r, c, item)
            bad += bool(row.problem)
            same += bool(row.duplicate)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.Stretch)
        total = len(self.wiz.table.rows)
        found = [f"{format_number(bad)} سطر ایراد دارد"] if bad else []
        if same:
            found.append(f"{format_number(same)} سطر تکراری است (در گام بعد بگویید نادیده گرفته شود یا ادغام)")
        self.summary.setText(
            f"{format_number(total)} سطر در پرونده؛ از {format_number(len(rows))} سطر اول، {' و '.join(found)}."
            if found else f"{format_number(total)} سطر در پرونده؛ {format_number(len(rows))} سطر اول درست است.")

    def _show_unmapped(self) -> None:
        from crm_desktop.phonebook.import_rows import ignored_indices

        wiz = self.wiz
        new = {i for i, key in wiz.mapping.items() if import_fields.asked_kind(key) is not None}
        mapping = {i: key for i, key in wiz.mapping.items() if i not in new}
        unmapped = [i for i in ignored_indices(wiz.table, mapping, wiz.fields, among=wiz.with_data) if i not in new]
        headers = wiz.table.headers
        text = import_run.unmapped_text(
            [headers[i] for i in unmapped if i in wiz.offered],
            [(headers[i], import_fields.why_not(wiz.table, i, wiz.fields, wiz.offered)[1])
             for i in unmapped if i not in wiz.offered])
        self.unmapped.setText(text)
        self.unmapped.setVisible(bool(text))
        self._fit_notes()

    def _fit_notes(self) -> None:
        """Give the lines under the columns the height their wrapped text needs at the page's
        width: the splitter lays its panes out by their minimum heights only (no height for
        width), and squeezed lines were drawn over one another."""
        width = self.splitter.width() if self.splitter.isVisible() else 0
        for label in (self.skipped, self.kind_error, self.unmapped):
            label.setMinimumHeight(label.heightForWidth(width) if label.text() and width > 200 else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_notes()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.wiz.mapping)

    def problems(self) -> list[str]:
        """The status column as shown (tests)."""
        return [self.preview.item(r, 4).text() for r in range(self.preview.rowCount())]
