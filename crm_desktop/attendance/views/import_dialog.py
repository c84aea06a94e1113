"""«ورود از دستگاه حضور و غیاب»: punches from a fingerprint device's USB export (ZKTeco attlog).

The operator picks the attlog file and, if the device's PINs are not yet stored, a map file of
``PIN,file number`` lines (``ask_open_path`` — the file dialog, replaced in tests); the table
beside holds each member of staff's device PIN, editable in place. «ورود» reads the whole file
first: the result says how many punches were added and how many were already there; a bad line
or an unknown PIN refuses the file with its line numbers, and nothing is added — fix the PIN in
the table and press «ورود» again.

    ImportDialog(office, parent).exec()
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.attendance.repo_records import normal_pin, pins_by_person, set_person_pin
from crm_desktop.attendance.views.common import LRI, OK_COLOUR, PDI, WARN_COLOUR
from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs
from crm_desktop.ui.screen import fitted_height

ATTLOG_FILTER = "فایل حضور و غیاب دستگاه (*.dat *.txt *.log *.csv);;همهٔ فایل‌ها (*)"
MAP_FILTER = "نگاشت شناسه‌ها (*.csv *.txt);;همهٔ فایل‌ها (*)"
FileIdRole = Qt.UserRole + 1


def _ask_open_path(parent: QWidget, title: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, "", filters)[0]


#: (parent, title, filters) -> a path or ''. Tests replace it.
ask_open_path: Callable[[QWidget, str, str], str] = _ask_open_path


def read_text(path: Path) -> str:
    """A device's export: UTF-8 (with or without BOM), else Windows Persian."""
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "cp1256"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResult

    def __init__(self, office, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attendance.import")
        self.setWindowTitle("ورود از دستگاه حضور و غیاب")
        self.setLayoutDirection(Qt.RightToLeft)
        self.office = office
        self.att = office.attendance
        self.attlog = self._path_field("attendance.import.attlog", "مسیر فایل attlog دستگاه")
        self.map_file = self._path_field("attendance.import.map", "اختیاری: فایل «شناسه دستگاه، شماره پرونده»")
        pick_attlog = self._button("انتخاب…", "attendance.import.pick_attlog",
                                   lambda: self._pick(self.attlog, "فایل دستگاه حضور و غیاب", ATTLOG_FILTER))
        pick_map = self._button("انتخاب…", "attendance.import.pick_map",
                                lambda: self._pick(self.map_file, "فایل نگاشت شناسه‌ها", MAP_FILTER))
        self.import_button = self._button("ورود", "attendance.import.run", self.run)
        self.result = QLabel(self)
        self.result.setObjectName("attendance.import.result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.PlainText)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.pins = QTableWidget(0, 3, self)
        self.pins.setObjectName("attendance.import.pins")
        self.pins.setHorizontalHeaderLabels(["نام", "شماره پرونده", "شناسه دستگاه"])
        self.pins.verticalHeader().hide()
        header = self.pins.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        close = self._button("بستن", "attendance.import.close", self.accept)

        files = QGridLayout()
        files.addWidget(QLabel("فایل دستگاه:", self), 0, 0)
        files.addWidget(self.attlog, 0, 1)
        files.addWidget(pick_attlog, 0, 2)
        files.addWidget(QLabel("نگاشت شناسه‌ها:", self), 1, 0)
        files.addWidget(self.map_file, 1, 1)
        files.addWidget(pick_map, 1, 2)
        files.setColumnStretch(1, 1)
        run_row = QHBoxLayout()
        run_row.addWidget(self.result, 1)
        run_row.addWidget(self.import_button, 0, Qt.AlignTop)
        pins_title = QLabel("شناسهٔ هر نفر در دستگاه (برای تغییر، روی خانه دوبار کلیک کنید):", self)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(files)
        layout.addLayout(run_row)
        layout.addWidget(pins_title)
        layout.addWidget(self.pins, 1)
        layout.addLayout(bottom)
        self.fill_pins()
        self.pins.itemChanged.connect(self._pin_edited)
        self.resize(720, fitted_height(self, parent, 560))

    def _path_field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        field.setLayoutDirection(Qt.LeftToRight)
        field.setClearButtonEnabled(True)
        return field

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _pick(self, field: QLineEdit, title: str, filters: str) -> None:
        path = ask_open_path(self, title, filters)
        if path:
            field.setText(path)

    # -- the PINs ----------------------------------------------------------------------------------
    def fill_pins(self) -> None:
        self.pins.blockSignals(True)
        staff = self.att.staff()
        pins = pins_by_person(self.att)
        self.pins.setRowCount(len(staff))
        for row, member in enumerate(staff):
            name = QTableWidgetItem(member.name)
            name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            name.setData(FileIdRole, member.file_id)
            number = QTableWidgetItem(f"{LRI}{member.number}{PDI}")
            number.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            number.setTextAlignment(Qt.AlignCenter)
            pin = QTableWidgetItem(to_persian(pins.get(member.file_id, "")))
            pin.setTextAlignment(Qt.AlignCenter)
            pin.setData(FileIdRole, member.file_id)
            self.pins.setItem(row, 0, name)
            self.pins.setItem(row, 1, number)
            self.pins.setItem(row, 2, pin)
        self.pins.blockSignals(False)

    def set_pin(self, file_id: int, pin: str) -> bool:
        try:
            set_person_pin(self.att, file_id, pin)
        except UserError as error:
            dialogs.show_error(self, error)
            self.fill_pins()
            return False
        self.fill_pins()
        return True

    def _pin_edited(self, item: QTableWidgetItem) -> None:
        if item.column() == 2:
            self.set_pin(item.data(FileIdRole), normal_pin(item.text()))

    # -- the import --------------------------------------------------------------------------------
    def say(self, text: str, colour: str) -> None:
        self.result.setStyleSheet(f"color: {colour};")
        self.result.setText(text)

    def run(self):
        """Import the chosen file; the ImportResult, or None when it was refused."""
        from crm_desktop.attendance.zk_import import import_attlog, parse_map

        path = self.attlog.text().strip()
        if not path:
            self.say("فایل دستگاه را انتخاب کنید.", WARN_COLOUR)
            return None
        try:
            text = read_text(Path(path))
            extra = None
            if self.map_file.text().strip():
                numbers = {m.number: m.file_id for m in self.att.staff(include_former=True)}
                extra = parse_map(read_text(Path(self.map_file.text().strip())), numbers)
            result = import_attlog(self.att, text, extra)
        except OSError as error:
            self.say(f"فایل خوانده نشد: {dialogs.path_text(error.filename or path)}", WARN_COLOUR)
            return None
        except UserError as error:
            self.say(error.fa, WARN_COLOUR)
            return None
        text = f"{format_number(result.added)} ورود و خروج افزوده شد"
        if result.people:
            text += f" (برای {format_number(len(result.people))} نفر)"
        text += "؛ " + (f"{format_number(result.repeated)} ثبت تکراری بود و دوباره ثبت نشد."
                       if result.repeated else "ثبت تکراری نبود.")
        self.say(text, OK_COLOUR)
        self.imported.emit(result)
        return result
