"""Importing contacts, step by step:

1. «پرونده» — choose a CSV, XLSX or vCard file;
2. «ستون‌ها» (CSV / XLSX only) — which contact field each column fills, with the first 20 rows
   previewed as contacts and each row's problem beside it; a column with data and a header a
   custom field may take can also fill «فیلد دلخواه تازه», a new custom field named like its
   header, its kind guessed from its values (``import_kinds``; never chosen by default: a line
   names the columns with data that fill nothing, and why one makes no field); a small kind
   picker beside it changes the kind (متن / عدد / تاریخ / فهرست انتخابی), refused in red under
   the columns, naming the first value that does not fit and its row;
3. «تنظیمات» — what to do with a contact whose mobile is already stored (skip / merge) and with
   a bad row (skip it / refuse the whole file); for a vCard whose X-CRM-FIELD lines name fields
   the book lacks, whether to make them (and which names make none, and why); «ورود» starts the import through ui.ops with a
   progress dialog and «انصراف» (which rolls everything back, new fields too);
4. «نتیجه» — added, merged, skipped and rejected, with each rejected row's number and reason,
   and the custom fields made.

    ImportWizard(office, parent, path=None).exec()

The file picker goes through ``choose_file`` so tests can answer it without a modal dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.errors import UserError
from crm_desktop.phonebook import columns, import_fields, import_pairs, table as tables
from crm_desktop.phonebook.model import FIELD_KINDS
from crm_desktop.phonebook.views import import_run
from crm_desktop.ui import dialogs, ops
from crm_desktop.ui.screen import fit
from crm_desktop.ui.validated_field import isolate_numbers

TITLE = "ورود مخاطبان از پرونده"
PREVIEW_ROWS = 20
FILE_FILTER = "مخاطبان (*.csv *.xlsx *.vcf *.txt *.tsv);;همه پرونده‌ها (*)"
BAD_ROW, BAD_INK = QColor("#fdecea"), QColor("#c62828")
SAME_ROW, SAME_INK = QColor("#fff4e0"), QColor("#8a5300")  # a duplicate: skipped or merged, not an error
PAGE_FILE, PAGE_MAPPING, PAGE_POLICY, PAGE_SUMMARY = range(4)


def _choose_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "انتخاب پرونده مخاطبان", "", FILE_FILTER)
    return path or None


class FilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setObjectName("import.file")
        self.setTitle("پرونده")
        self.setSubTitle("پرونده‌ای را که مخاطبان در آن است انتخاب کنید: CSV، Excel (XLSX) یا vCard (VCF).")
        self.path = QLineEdit(self)
        self.path.setObjectName("import.path")
        self.path.setLayoutDirection(Qt.LeftToRight)
        self.path.textChanged.connect(self._changed)
        browse = QPushButton("انتخاب…", self)
        browse.setObjectName("import.browse")
        browse.clicked.connect(self.browse)
        self.info = QLabel(self)
        self.info.setObjectName("import.file.info")
        self.info.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("import.file.error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def browse(self) -> None:
        chosen = self.wiz.choose_file(self)
        if chosen:
            self.path.setText(chosen)

    def _changed(self) -> None:
        self.error.clear()
        self.info.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path.text().strip())
        if not path.is_file():
            self.error.setText(f"پرونده «{dialogs.path_text(path)}» پیدا نشد.")
            return False
        if self.wiz.loaded == path:  # read in the background: on to the next page
            return True
        try:
            return self.wiz.load(path)
        except UserError as error:
            self.error.setText(error.fa)
            return False
        except Exception as error:  # noqa: BLE001 - a broken file must not close the wizard
            dialogs.show_error(self, error)
            return False

    def nextId(self) -> int:  # noqa: N802
        return PAGE_POLICY if self.wiz.format == tables.VCF else PAGE_MAPPING


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
        self.kind_error.hide()
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
        self._describe_new(self.combos[index], index)
        self._mapping_changed()

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


class PolicyPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setObjectName("import.policy")
        self.setTitle("تنظیمات ورود")
        self.setSubTitle("مخاطبی که پیش‌تر ثبت شده (همان شماره همراه، یا همان نام با تلفن یا ایمیل مشترک)، "
                         "و سطری که ایراد دارد، چه شود؟")
        self.setButtonText(QWizard.NextButton, "ورود")
        self.skip_duplicates = QRadioButton("نادیده گرفته شود (مخاطب موجود دست نمی‌خورد)")
        self.skip_duplicates.setObjectName("import.duplicates.skip")
        self.merge_duplicates = QRadioButton("با مخاطب موجود ادغام شود (شماره‌ها، ایمیل‌ها و نشانی‌های تازه افزوده شود)")
        self.merge_duplicates.setObjectName("import.duplicates.merge")
        self.skip_duplicates.setChecked(True)
        self.skip_bad = QRadioButton("سطرهای نادرست کنار گذاشته شود و بقیه وارد شود")
        self.skip_bad.setObjectName("import.errors.skip")
        self.refuse_bad = QRadioButton("اگر حتی یک سطر نادرست بود، هیچ چیز وارد نشود")
        self.refuse_bad.setObjectName("import.errors.refuse")
        self.skip_bad.setChecked(True)
        duplicates = QGroupBox("مخاطب تکراری")
        d_layout = QVBoxLayout(duplicates)
        d_layout.addWidget(self.skip_duplicates)
        d_layout.addWidget(self.merge_duplicates)
        bad = QGroupBox("سطر نادرست")
        b_layout = QVBoxLayout(bad)
        b_layout.addWidget(self.skip_bad)
        b_layout.addWidget(self.refuse_bad)
        for group_box, buttons in ((duplicates, (self.skip_duplicates, self.merge_duplicates)),
                                   (bad, (self.skip_bad, self.refuse_bad))):
            group = QButtonGroup(group_box)
            for button in buttons:
                group.addButton(button)
        # a vCard's X-CRM-FIELD lines that name fields the book lacks: make them? (a table's columns say so each)
        self.new_fields = QCheckBox("فیلدهای دلخواهی که کارت‌ها دارند و دفتر ندارد ساخته شود", self)
        self.new_fields.setObjectName("import.new_fields")
        self.new_names = QLabel(self)  # which ones (a long list wraps; a check box's text would be cut)
        self.new_names.setObjectName("import.new_fields.names")
        self.new_names.setWordWrap(True)
        self.new_names.setTextFormat(Qt.PlainText)
        self.new_names.setIndent(24)
        self.status = QLabel(self)
        self.status.setObjectName("import.status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(duplicates)
        layout.addWidget(bad)
        layout.addWidget(self.new_fields)
        layout.addWidget(self.new_names)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.status.setText(f"پرونده: \u2068{self.wiz.path.name}\u2069")
        found = self.wiz.card_fields  # None: a big file that may have some (not read here for their names)
        names, refused = (None, []) if found is None else found
        vcard = self.wiz.format == tables.VCF
        offered = vcard and names != []
        self.new_fields.setVisible(offered)
        text = import_run.new_names_text(names, refused) if vcard else ""
        self.new_names.setText(text)
        self.new_names.setVisible(bool(text))

    def make_fields(self) -> bool:
        return not self.new_fields.isHidden() and self.new_fields.isChecked()

    def duplicates(self) -> str:
        return "merge" if self.merge_duplicates.isChecked() else "skip"

    def on_error(self) -> str:
        return "refuse" if self.refuse_bad.isChecked() else "skip"

    def validatePage(self) -> bool:  # noqa: N802
        if self.wiz.summary is not None:
            return True
        self.wiz.start_import()
        return False


class SummaryPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setObjectName("import.summary")
        self.setTitle("نتیجه")
        self.setFinalPage(True)
        self.counts = QLabel(self)
        self.counts.setObjectName("import.summary.counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.PlainText)  # names in it are cut at 40 letters (import_fields.shown)
        self.problems = QTableWidget(self)
        self.problems.setObjectName("import.summary.rows")
        self.problems.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setColumnCount(3)
        self.problems.setHorizontalHeaderLabels(["سطر", "نتیجه", "علت"])
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts, 0, Qt.AlignTop)  # at the top also when no row is listed under it
        layout.addWidget(self.problems, 1)

    def initializePage(self) -> None:  # noqa: N802
        summary = self.wiz.summary
        self.counts.setText(import_run.counts_text(summary))
        rows = import_run.problem_rows(summary)
        self.problems.setRowCount(len(rows))
        for r, (number, outcome, reason) in enumerate(rows):
            for c, value in enumerate((to_persian(number) if number else "", outcome, isolate_numbers(reason))):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.problems.setItem(r, c, item)
        self.problems.setVisible(bool(rows))

    def shown_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.problems.item(r, c).text() for c in range(3)) for r in range(self.problems.rowCount())]


class ImportWizard(QWizard):
    """``imported(summary)`` fires after a finished import."""

    imported = Signal(object)
    READ_AT_ONCE_BYTES = 4 << 20  # a bigger CSV / XLSX is read on a worker (100,000 XLSX rows: ~12 s)

    def __init__(self, office, parent: QWidget | None = None, *, path=None):
        super().__init__(parent)
        self.office = office
        self.fields = []  # the book's custom fields (columns may fill them)
        self.offered: dict[int, str] = {}  # column -> the name of the new custom field it may make
        self.guesses: dict = {}  # (column, kind asked or '') -> (kind, choices) of its new field (as needed)
        self.asked_kinds: dict[int, str] = {}  # column -> the kind the operator picked for its new field
        self.with_data: set[int] = set()  # the columns with a cell that holds anything
        # a vCard: (the fields its X-CRM-FIELD lines may make, why others make none); None: some, unread
        self.card_fields: tuple | None = ([], [])
        self.choose_file = _choose_file
        self.setObjectName("import_wizard")
        self.setWindowTitle(TITLE)
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.BackButton, "قبلی")
        self.setButtonText(QWizard.NextButton, "بعدی")
        self.setButtonText(QWizard.FinishButton, "پایان")
        self.setButtonText(QWizard.CancelButton, "انصراف")
        fit(self, parent, 760, 560)
        self.path: Path | None = None
        self.format = ""
        self.table: tables.Table | None = None
        self.mapping: dict[int, str] = {}
        self.summary = None
        self.operation = None
        self.loaded: Path | None = None  # the file read in the background, until another is chosen
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.policy_page = PolicyPage(self)
        self.summary_page = SummaryPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_MAPPING, self.mapping_page)
        self.setPage(PAGE_POLICY, self.policy_page)
        self.setPage(PAGE_SUMMARY, self.summary_page)
        if path:
            self.file_page.path.setText(str(path))

    def load(self, path: Path) -> bool:
        """Read the file (a table for CSV / XLSX) and suggest a mapping; raises UserError. A file
        of ``READ_AT_ONCE_BYTES`` or more is read on a worker, with progress and «انصراف»: False
        now, and the wizard moves on by itself once it is read."""
        self.format = tables.format_of(path)
        self.path = path
        self.summary = None
        self.loaded = None
        self.card_fields = ([], [])
        if self.format == tables.VCF:  # read on the import; here only whether it is a vCard at all
            from crm_desktop.phonebook.import_rows import check_vcard

            data = tables.read_bytes(path)
            check_vcard(path, data)
            self.table, self.mapping = None, {}
            self.fields = import_run.custom_fields(self.office)
            self.card_fields = import_run.vcard_field_names(data, self.fields)
            return True
        if path.stat().st_size < self.READ_AT_ONCE_BYTES:
            self._take_table(tables.read_table(path, self.format))
            return True
        self.file_page.info.setText(import_run.READING_TEXT)
        self.button(QWizard.NextButton).setEnabled(False)
        self.operation = ops.run_op(self, TITLE, import_run.read_file, path,
                                    lambda table: self._read(path, table), self._read_failed,
                                    on_cancel=self._read_cancelled, label=import_run.READING_TEXT)
        return False

    def _take_table(self, table) -> None:
        if not table.rows:
            raise UserError(f"{self.path}: no rows", "در این پرونده سطری برای ورود نیست.")
        import_pairs.spread(table)  # Google's «Custom Field 1 - Label» names a column of its own
        self.table = table
        self.fields = import_run.custom_fields(self.office)
        self.mapping = import_pairs.custom_only(table, columns.suggest_mapping(self.table.headers, self.fields))
        self.with_data = {i for i in range(len(table.headers)) if import_fields.has_data(table, i)}
        self.offered = import_fields.offered(table, self.fields, self.with_data)
        self.guesses, self.asked_kinds = {}, {}

    def new_field_plan(self, index: int) -> tuple[str, list[str]]:
        """(kind, choices) of the new custom field column ``index`` would make: the kind the
        operator picked, else the one guessed (each found once)."""
        return import_fields.planned(self.table, index, self.asked_kinds.get(index, ""), self.guesses)

    def new_field_kind(self, index: int) -> str:
        return self.new_field_plan(index)[0]

    def ask_kind(self, index: int, kind: str):
        """Make column ``index``'s new field a ``kind`` one; the KindMisfit (kind unchanged)
        when a value of the column does not fit it."""
        if kind == import_fields.planned(self.table, index, "", self.guesses)[0]:
            self.asked_kinds.pop(index, None)
            return None
        try:
            import_fields.planned(self.table, index, kind, self.guesses)
        except import_fields.KindMisfit as error:
            return error
        self.asked_kinds[index] = kind
        return None

    def _read(self, path: Path, table) -> None:
        cancelled = self.operation is not None and self.operation.is_cancelled()
        self._finish_op()
        self.file_page.info.clear()
        if cancelled:  # «انصراف» came as the last rows were read: the operator stays on this page
            return
        try:
            self._take_table(table)
        except UserError as error:
            self.file_page.error.setText(error.fa)
            return
        self.loaded = path
        self.next()

    def _read_failed(self, error: BaseException) -> None:
        self._finish_op()
        self.file_page.info.clear()
        if isinstance(error, UserError):
            self.file_page.error.setText(error.fa)
        else:
            dialogs.show_error(self, error)

    def _read_cancelled(self) -> None:
        self._finish_op()
        self.file_page.info.clear()

    def import_args(self):
        return import_run.make_args(self.office, self.path, self.format, self.table, self.mapping,
                                    self.policy_page.duplicates(), self.policy_page.on_error(),
                                    self.policy_page.make_fields())

    def start_import(self) -> None:
        if self.operation is not None:
            return
        self.policy_page.status.setText("در حال ورود…")
        self.button(QWizard.NextButton).setEnabled(False)
        self.button(QWizard.BackButton).setEnabled(False)
        self.operation = ops.run_op(self, TITLE, import_run.run, self.import_args(), self._done, self._failed,
                                    on_cancel=self._cancelled, label="در حال خواندن مخاطبان…")

    def _finish_op(self) -> None:
        self.operation = None
        self.button(QWizard.NextButton).setEnabled(True)
        self.button(QWizard.BackButton).setEnabled(True)

    def _done(self, summary) -> None:
        self._finish_op()
        self.summary = summary
        self.office.notify({"contacts", "groups", "custom_fields"} if summary.created_fields else {"contacts", "groups"})
        self.imported.emit(summary)
        self.next()

    def _failed(self, error: BaseException) -> None:
        self._finish_op()
        text, _details = dialogs.error_message(error)
        self.policy_page.status.setText(text)
        dialogs.show_error(self, error)

    def _cancelled(self) -> None:
        self._finish_op()
        self.policy_page.status.setText("ورود لغو شد؛ چیزی به دفتر تلفن افزوده نشد.")

    def reject(self) -> None:
        if self.operation is not None:  # the progress dialog's «انصراف» stops the import
            self.operation.cancel()
            return
        super().reject()
