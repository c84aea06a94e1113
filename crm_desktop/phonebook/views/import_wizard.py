"""Importing contacts, step by step:

1. «پرونده» — choose a CSV, XLSX or vCard file;
2. «ستون‌ها» (CSV / XLSX only, ``import_mapping.MappingPage``) — which contact field each column
   fills, with the first 20 rows previewed as contacts and each row's problem beside it; a
   column with data and a header a custom field may take can also fill «فیلد دلخواه تازه», a new
   custom field named like its header, its kind guessed from its values (``import_kinds``) or
   picked beside it; Google's labelled pairs are columns named by their labels (``import_pairs``);
3. «تنظیمات» — what to do with a contact whose mobile is already stored (skip / merge) and with
   a bad row (skip it / refuse the whole file); for a vCard whose X-CRM-FIELD lines name fields
   the book lacks, whether to make them (and which names make none, and why); «ورود» starts the
   import through ui.ops with a progress dialog and «انصراف» (which rolls everything back, new fields too);
4. «نتیجه» — added, merged, skipped and rejected, with each rejected row's number and reason,
   and the custom fields made.

    ImportWizard(office, parent, path=None).exec()

The file picker goes through ``choose_file`` so tests can answer it without a modal dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.phonebook import import_fields, table as tables
from crm_desktop.phonebook.views import import_run
from crm_desktop.phonebook.views.import_mapping import MappingPage
from crm_desktop.ui import dialogs, ops
from crm_desktop.ui.screen import fit
from crm_desktop.ui.validated_field import isolate_numbers

TITLE = "ورود مخاطبان از پرونده"
FILE_FILTER = "مخاطبان (*.csv *.xlsx *.vcf *.txt *.tsv);;همه پرونده‌ها (*)"
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
        self.new_fields.toggled.connect(self._say_new_names)
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
        names = None if found is None else found[0]
        self.new_fields.setVisible(self.wiz.format == tables.VCF and names != [])
        self._say_new_names()

    def _say_new_names(self) -> None:
        """The names under the check box, and whether their values come in as it stands."""
        found = self.wiz.card_fields
        names, refused = (None, []) if found is None else found
        vcard = self.wiz.format == tables.VCF
        text = import_run.new_names_text(names, refused, self.new_fields.isChecked()) if vcard else ""
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
        fields = import_run.custom_fields(self.office)
        if path.stat().st_size < self.READ_AT_ONCE_BYTES:
            self._take_table(import_run.take_table(tables.read_table(path, self.format), fields), fields)
            return True
        self.file_page.info.setText(import_run.READING_TEXT)
        self.button(QWizard.NextButton).setEnabled(False)
        self.operation = ops.run_op(self, TITLE, import_run.read_file, (path, fields),
                                    lambda read: self._read(path, read, fields), self._read_failed,
                                    on_cancel=self._read_cancelled, label=import_run.READING_TEXT)
        return False

    def _take_table(self, read: import_run.ReadTable, fields) -> None:
        self.table, self.fields, self.mapping = read.table, fields, read.mapping
        self.with_data, self.offered, self.guesses = read.with_data, read.offered, read.guesses
        self.asked_kinds = {}

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

    def _read(self, path: Path, read: import_run.ReadTable, fields) -> None:
        cancelled = self.operation is not None and self.operation.is_cancelled()
        self._finish_op()
        self.file_page.info.clear()
        if cancelled:  # «انصراف» came as the last rows were read: the operator stays on this page
            return
        self._take_table(read, fields)
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
