"""What a hidden unit sees: the held-out digits that excite a chosen hidden neuron most and
least (top 8 and bottom 8 by its activation aˡⱼ). Computed on demand on the GUI thread: on the
1 000 held-out digits it is one 784-long dot product per digit, a millisecond or two."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...core.digit_stats import unit_extremes
from ...core.errors import BpvizError
from ...core.notation import count
from .confusion_panel import held_out
from .gallery import DigitGallery
from .images import weight_pixmap

SHOWN = 8


class UnitView(QWidget):
    walked = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("unit_view")
        self.session = session
        self.x = self.y = None
        self.split = "test"
        self.seconds: float | None = None        # how long the last computation took
        self.layer = QSpinBox(self)
        self.layer.setObjectName("unit_layer")
        self.layer.setAccessibleName(self.tr("Hidden layer"))
        self.unit = QSpinBox(self)
        self.unit.setObjectName("hidden_unit")
        self.unit.setAccessibleName(self.tr("Hidden neuron"))
        self.show_button = QPushButton(self.tr("Show"), self)
        self.show_button.setObjectName("unit_show")
        self.show_button.setToolTip(self.tr("Find the held-out digits that excite this neuron "
                                            "most and least, with the current weights"))
        self.status = QLabel(self)
        self.status.setObjectName("unit_status")
        self.status.setWordWrap(True)
        self.weights = QLabel(self)
        self.weights.setObjectName("unit_weights")
        self.weights.setAccessibleName(self.tr("The neuron's incoming weights as a 28 × 28 image"))
        self.weights.setToolTip(self.tr("Incoming weights of this neuron, one per pixel: blue "
                                        "w > 0, orange w < 0"))
        self.top = DigitGallery("unit_top", self)
        self.bottom = DigitGallery("unit_bottom", self)
        for g in (self.top, self.bottom):
            g.setAccessibleName(self.tr("Digits exciting the neuron most") if g is self.top
                                else self.tr("Digits exciting the neuron least"))
            g.chosen.connect(self.walk_row)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("layer"), self))
        row.addWidget(self.layer)
        row.addWidget(QLabel(self.tr("neuron"), self))
        row.addWidget(self.unit)
        row.addWidget(self.show_button)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addLayout(row)
        middle = QHBoxLayout()
        middle.addWidget(self.weights)
        middle.addWidget(self.status, 1)
        outer.addLayout(middle)
        outer.addWidget(QLabel(self.tr("Excite it most"), self))
        outer.addWidget(self.top, 1)
        outer.addWidget(QLabel(self.tr("Excite it least"), self))
        outer.addWidget(self.bottom, 1)
        self.layer.valueChanged.connect(self._layer_changed)
        self.show_button.clicked.connect(self.compute)
        self.unit.valueChanged.connect(lambda _: self.compute())
        session.network_changed.connect(self.network_changed)
        self.network_changed()

    def network_changed(self) -> None:
        sizes = self.session.network.sizes
        hidden = len(sizes) - 2
        self.layer.setRange(1, max(1, hidden))
        self.setEnabled(hidden >= 1)
        self._layer_changed()
        self.top.clear()
        self.bottom.clear()
        self.status.setText(self.tr("Choose a hidden neuron.") if hidden >= 1 else
                            self.tr("This network has no hidden layer."))

    def _layer_changed(self) -> None:
        sizes = self.session.network.sizes
        if len(sizes) > 2:
            self.unit.setRange(1, sizes[self.layer.value()])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.top.count() == 0:
            self.compute()

    def compute(self) -> None:
        net = self.session.network
        if len(net.sizes) < 3 or not self.isVisible() and self.sender() is not self.show_button:
            return
        self.split, self.x, self.y = held_out(self.session.dataset)
        l, j = self.layer.value(), self.unit.value()
        start = time.perf_counter()
        try:
            found = unit_extremes(net, self.x, l, j - 1, SHOWN)
        except BpvizError as e:
            self.status.setText(str(e))
            return
        self.seconds = time.perf_counter() - start
        side = int(4 * self.fontMetrics().height())
        if l == 1 and net.sizes[0] == 784:
            self.weights.setPixmap(weight_pixmap(net.weights[0][j - 1], side))
        else:
            self.weights.clear()
        for gallery, rows in ((self.top, found.top), (self.bottom, found.bottom)):
            labels = np.asarray(self.y).argmax(axis=1) if self.y.shape[1] > 1 else self.y[:, 0]
            gallery.show_digits(self.x, rows,
                                [f"{int(labels[r])}\n{found.a[r]:.2f}" for r in rows])
        self.status.setText(self.tr("Neuron {0} of layer {1} on {2} held-out samples: a from "
                                    "{3:.2f} to {4:.2f} (caption: digit, activation)").format(
            j, l, count(len(found.a)), float(found.a.min()), float(found.a.max())))

    def walk_row(self, row: int) -> None:
        try:
            self.session.use_input(self.x[row], self.y[row], (self.split, int(row)))
        except BpvizError as e:
            self.status.setText(str(e))
            return
        self.walked.emit()
