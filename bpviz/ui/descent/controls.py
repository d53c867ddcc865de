"""Small controls shared by the descent view: η on a log-scale slider with its exact value
beside it, a labelled widget, a named button."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QWidget,
)

from ...core.descent import num
from ...core.errors import BpvizError
from ...core.settings import check_eta

DECADE = 100                 # slider positions per factor of 10
LOW, HIGH = -4, 1            # η from 10⁻⁴ to 10¹


def button(parent, name: str, text: str, slot, tip: str = "") -> QPushButton:
    b = QPushButton(text, parent)
    b.setObjectName(name)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(slot)
    return b


def labelled(parent, text: str, widget: QWidget) -> QWidget:
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(max(2, parent.fontMetrics().horizontalAdvance(" ")))
    label = QLabel(text, box)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget)
    return box


class EtaControl(QWidget):
    """η: a slider on a log scale (10⁻⁴ … 10) and a field with the exact value."""

    changed = Signal(float)
    message = Signal(str)        # why a typed η was refused; "" once it no longer applies

    def __init__(self, parent=None, eta: float = 0.1):
        super().__init__(parent)
        self.setObjectName("descent_eta_control")
        self._eta = eta
        self.slider = QSlider(Qt.Horizontal, self)
        self.slider.setObjectName("descent_eta_slider")
        self.slider.setRange(LOW * DECADE, HIGH * DECADE)
        self.slider.setToolTip(self.tr("Learning rate η (log scale)"))
        self.slider.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.field = QLineEdit(self)
        self.field.setObjectName("descent_eta")
        self.field.setToolTip(self.tr("Learning rate η"))
        self.field.setMaximumWidth(self.fontMetrics().horizontalAdvance("0.00000") * 2)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider)
        row.addWidget(self.field)
        self._show(eta)
        self.slider.valueChanged.connect(self._slid)
        self.field.editingFinished.connect(self._typed)
        self.field.textEdited.connect(lambda _text: self.message.emit(""))

    def value(self) -> float:
        return self._eta

    def set_value(self, eta: float) -> None:
        self.message.emit("")
        self._eta = check_eta(eta)
        self._show(self._eta)
        self.changed.emit(self._eta)

    def _show(self, eta: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(math.log10(eta) * DECADE))
        self.slider.blockSignals(False)
        self.field.setText(num(eta, 4))

    def _slid(self, position: int) -> None:
        # round to 2 significant figures so the slider lands on 0.1, 0.15, 1.5 …
        eta = float(f"{10 ** (position / DECADE):.2g}")
        self._eta = eta
        self.field.setText(num(eta, 4))
        self.changed.emit(eta)

    def _typed(self) -> None:
        try:
            eta = check_eta(self.field.text().replace("−", "-"))
        except BpvizError as e:
            self._show(self._eta)            # back to the last good value, and why
            self.message.emit(str(e))
            return
        if eta != self._eta:
            self.set_value(eta)
