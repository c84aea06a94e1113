"""StaffCombo: the members of staff (personnel files in Persian order) in a combo the operator
can type into: «رضا» offers every name containing it; Enter or a click chooses one. Text that
names nobody is put back to the person chosen before.

    combo = StaffCombo(office.attendance.staff())
    combo.personChanged.connect(...)   # file id or None
    combo.set_person(file_id)
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from crm_desktop.core.text import normalise

FileIdRole = Qt.UserRole + 1


class StaffCombo(QComboBox):
    personChanged = Signal(object)  # file id or None

    def __init__(self, staff=(), parent: QWidget | None = None, *, name: str = "attendance.person"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName("شخص")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self.setMaxVisibleItems(20)
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText("نام شخص را بنویسید…")
        self.lineEdit().editingFinished.connect(self._settle_text)
        self._last: int | None = None
        self.currentIndexChanged.connect(self._on_index)
        self.set_staff(staff)

    def set_staff(self, staff) -> None:
        """Fill with ``StaffMember``s, keeping the chosen person if still there."""
        keep = self.person_id()
        self.blockSignals(True)
        self.clear()
        names = [m.name for m in staff]
        for member in staff:
            text = member.name if names.count(member.name) == 1 else f"{member.name} ({member.number})"
            self.addItem(text, member.file_id)
            self.setItemData(self.count() - 1, f"شماره پرونده {member.number}", Qt.ToolTipRole)
        index = self.findData(keep) if keep is not None else (0 if self.count() else -1)
        self.setCurrentIndex(index if index >= 0 else (0 if self.count() else -1))
        self.blockSignals(False)
        self._on_index(self.currentIndex())

    def person_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def person_name(self) -> str:
        return self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else ""

    def set_person(self, file_id: int | None) -> bool:
        index = self.findData(file_id) if file_id is not None else -1
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True

    def _on_index(self, _index: int) -> None:
        current = self.person_id()
        if current != self._last:
            self._last = current
            self.personChanged.emit(current)

    def _settle_text(self) -> None:
        """Typed text becomes the one person it names (ignoring ی/ي and the like), or goes back."""
        typed = normalise(self.lineEdit().text())
        if typed:
            exact = [i for i in range(self.count()) if normalise(self.itemText(i)) == typed]
            matches = exact or [i for i in range(self.count()) if typed in normalise(self.itemText(i))]
            if len(matches) == 1:
                self.setCurrentIndex(matches[0])
        if self.currentIndex() >= 0:
            self.lineEdit().setText(self.itemText(self.currentIndex()))
