"""A millimetre spin box that takes what the operator types: Persian or Latin digits, and «.» or
«/» as well as «٫» for the decimal point (the Persian locale knows only «٫», so «24.5» typed on a
Latin keyboard would become 245)."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QWidget


class MmSpin(QDoubleSpinBox):
    def __init__(self, minimum: float, maximum: float, parent: QWidget | None = None, *, step: float = 0.5,
                 decimals: int = 1, suffix: str = ""):
        super().__init__(parent)
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setGroupSeparatorShown(False)
        self.setAccelerated(True)
        if suffix:
            self.setSuffix(suffix)

    def _normal(self, text: str) -> str:
        point = self.locale().decimalPoint()
        return text.replace(".", point).replace("/", point)

    def validate(self, text: str, pos: int):  # noqa: D102 - Qt's
        return super().validate(self._normal(text), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802
        return super().valueFromText(self._normal(text))

    def set_quietly(self, value: float) -> None:
        """Show ``value`` without emitting valueChanged (the pane follows the template)."""
        blocked = self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(blocked)
