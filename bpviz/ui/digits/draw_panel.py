"""The draw dock's contents: the canvas with its pen controls, the 28 × 28 digit the network
reads, the ten output bars and the predicted digit, and "Walk this digit".

Every pen move runs the forward pass on the current weights (one 784-input sample: well under a
millisecond of maths); when the pen lifts, the digit also becomes the explorer's walked input
(`Session.use_input`), so the network view shows its forward pass. Training is never touched:
the weights are read as the training snapshots leave them in the session."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ...core.digit_image import to_input
from ...core.digit_stats import digit_problem, output_of
from ...core.errors import BpvizError
from .bars import OutputBars
from .canvas import DrawCanvas
from .images import digit_pixmap


class DrawPanel(QWidget):
    walked = Signal()                 # a digit became the explorer's sample

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("draw_panel")
        self.session = session
        self.x: np.ndarray | None = None          # the 784-vector of the drawing
        self.output: np.ndarray | None = None
        self.canvas = DrawCanvas(self)
        self.preview = QLabel(self)
        self.preview.setObjectName("digit_preview")
        self.preview.setAccessibleName(self.tr("The 28 × 28 digit the network reads"))
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setToolTip(self.tr("What the network sees: the drawing scaled into a 20 × 20 "
                                        "box and centred by its centre of mass in 28 × 28"))
        self.bars = OutputBars(self)
        self.prediction = QLabel("–", self)
        self.prediction.setObjectName("prediction_label")
        self.prediction.setAccessibleName(self.tr("Predicted digit"))
        self.prediction.setAlignment(Qt.AlignCenter)
        self.hint = QLabel(self)
        self.hint.setObjectName("draw_hint")
        self.hint.setWordWrap(True)

        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("draw_clear")
        self.clear_button.setToolTip(self.tr("Clear the canvas (or right-click it)"))
        self.undo_button = QPushButton(self.tr("Undo stroke"), self)
        self.undo_button.setObjectName("draw_undo")
        self.undo_button.setToolTip(self.tr("Undo the last stroke (Ctrl+Z)"))
        self.width_slider = _slider(self, "draw_pen_width", 8, 40, int(self.canvas.pen_width),
                                    self.tr("Pen width"))
        self.soft_slider = _slider(self, "draw_pen_softness", 0, 100,
                                   int(self.canvas.softness * 100), self.tr("Pen softness"))
        self.follow = QCheckBox(self.tr("Show in the network view"), self)
        self.follow.setObjectName("draw_follow")
        self.follow.setChecked(True)
        self.follow.setToolTip(self.tr("When the pen lifts, walk the drawing in the explorer"))
        self.target = QComboBox(self)
        self.target.setObjectName("walk_target")
        self.target.setAccessibleName(self.tr("Target digit of the walk"))
        self.walk_button = QPushButton(self.tr("Walk this digit"), self)
        self.walk_button.setObjectName("walk_digit")
        self.walk_button.setToolTip(self.tr("Make the drawing the explorer's sample, with this "
                                            "target, to step its forward and backward pass"))
        self._lay_out()

        self.canvas.changed.connect(self.refresh)
        self.canvas.stroke_finished.connect(self._stroke_finished)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.width_slider.valueChanged.connect(lambda v: self.canvas.set_pen(width=v))
        self.soft_slider.valueChanged.connect(lambda v: self.canvas.set_pen(softness=v / 100))
        self.walk_button.clicked.connect(self.walk_digit)
        session.network_changed.connect(self.network_changed)
        session.weights_changed.connect(self.refresh)
        self.network_changed()

    def _lay_out(self) -> None:
        self._fit_font()
        pens = QGridLayout()
        pens.addWidget(QLabel(self.tr("width"), self), 0, 0)
        pens.addWidget(self.width_slider, 0, 1)
        pens.addWidget(QLabel(self.tr("softness"), self), 1, 0)
        pens.addWidget(self.soft_slider, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(buttons)
        left.addLayout(pens)
        sees = QLabel(self.tr("The network sees"), self)
        right = QVBoxLayout()
        right.addWidget(sees)
        right.addWidget(self.preview)
        predicted = QHBoxLayout()            # beside its caption: a line less of height
        predicted.addWidget(QLabel(self.tr("Prediction"), self))
        predicted.addWidget(self.prediction, 1)
        right.addLayout(predicted)
        right.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(right, 1)
        walk = QHBoxLayout()
        walk.addWidget(QLabel(self.tr("target"), self))
        walk.addWidget(self.target)
        walk.addWidget(self.walk_button)
        walk.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 3)
        outer.addWidget(self.hint)
        outer.addWidget(self.bars, 1)
        outer.addWidget(self.follow)
        outer.addLayout(walk)

    def _fit_font(self) -> None:
        """The predicted digit four times the panel's font (which the presentation zoom sets)."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 4)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setMinimumWidth(int(3 * self.fontMetrics().height()))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fit_font()
            self.refresh()

    # -- state ------------------------------------------------------------------------------
    def problem(self) -> str | None:
        return digit_problem(self.session.network)

    def network_changed(self) -> None:
        n_out = self.session.network.sizes[-1]
        self.target.clear()
        self.target.addItem(self.tr("as predicted"), None)
        for d in range(n_out):
            self.target.addItem(str(d), d)
        problem = self.problem()
        for w in (self.canvas, self.clear_button, self.undo_button, self.walk_button,
                  self.target, self.follow, self.width_slider, self.soft_slider):
            w.setEnabled(problem is None)
        self.refresh()

    def refresh(self) -> None:
        """Convert the drawing and run the forward pass on the current weights."""
        problem = self.problem()
        side = int(self.fontMetrics().height() * 5.6)
        if problem is not None or self.canvas.is_empty():
            self.x = self.output = None
            self.bars.set_values(None)
            self.prediction.setText("–")
            self.preview.setPixmap(digit_pixmap(np.zeros(784), side))
            self.hint.setText(self.tr("The canvas is off: {0}.").format(problem) if problem else
                              self.tr("Draw a digit on the canvas with the mouse or a pen: the "
                                      "network's answer appears as you draw."))
            self.walk_button.setEnabled(False)
            self.hint.show()
            return
        try:
            self.x = to_input(self.canvas.array())
        except BpvizError:                       # strokes too faint to count as ink
            self.x = None
            return
        self.output = output_of(self.session.network, self.x)
        self.bars.set_values(self.output)
        self.prediction.setText(str(int(np.argmax(self.output))))
        self.preview.setPixmap(digit_pixmap(self.x, side))
        self.hint.setText("")
        self.hint.hide()                     # (its empty line had taken the bars' room)
        self.walk_button.setEnabled(True)

    def target_digit(self) -> int | None:
        d = self.target.currentData()
        if d is None and self.output is not None:
            return int(np.argmax(self.output))
        return d

    def walk_digit(self) -> bool:
        """Make the drawing the explorer's walked sample; False when there is nothing to walk."""
        if self.x is None or self.problem() is not None:
            return False
        y = np.zeros(self.session.network.sizes[-1])
        y[self.target_digit()] = 1.0
        self.session.use_input(self.x, y, ("drawn", None))
        self.walked.emit()
        return True

    def _stroke_finished(self) -> None:
        if self.follow.isChecked() and self.x is not None:
            self.walk_digit()


def _slider(parent, name: str, lo: int, hi: int, value: int, accessible: str) -> QSlider:
    s = QSlider(Qt.Horizontal, parent)
    s.setObjectName(name)
    s.setAccessibleName(accessible)
    s.setRange(lo, hi)
    s.setValue(value)
    return s
