"""The Digits dock: which MNIST data is in use, and a chooser of the digit to walk — a held-out
test digit by number, or the next one the network gets wrong (core/evaluation.report)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.digit_stats import is_digit_network
from ...core.errors import BpvizError
from ...core.evaluation import report
from ...core.mnist import FULL_TEST, FULL_TRAIN, VALIDATION_SIZE, load_mnist
from ...core.notation import count
from ..explorer.edge_layer import TOP_K
from ..explorer.step_controls import walked_input


class DigitsPanel(QWidget):
    walked = Signal()                 # a test digit became the explorer's walked input

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("digits_panel")
        self.session = session
        self.data_label = QLabel(self)
        self.data_label.setObjectName("mnist_data_label")
        self.data_label.setWordWrap(True)
        self.index = QSpinBox(self)
        self.index.setObjectName("mnist_test_index")
        self.index.setAccessibleName(self.tr("Test digit number"))
        self.walk_button = QPushButton(self.tr("Walk this test digit"), self)
        self.walk_button.setObjectName("mnist_walk_test")
        self.walk_button.clicked.connect(lambda: self.walk_test(self.index.value() - 1))
        self.next_wrong = QPushButton(self.tr("Next misclassified"), self)
        self.next_wrong.setObjectName("mnist_next_misclassified")
        self.next_wrong.setToolTip(self.tr("Walk the next test digit the network gets wrong"))
        self.next_wrong.clicked.connect(self.walk_next_misclassified)
        self.top_k = QSlider(Qt.Horizontal, self)
        self.top_k.setObjectName("edges_top_k")
        self.top_k.setAccessibleName(self.tr("Input-to-hidden edges shown, strongest first"))
        self.top_k.setRange(100, 784 * 30)
        self.top_k.setSingleStep(100)
        self.top_k.setPageStep(1000)
        self.top_k.setValue(TOP_K)
        self.top_k.setToolTip(self.tr("How many of the input→hidden edges the network view draws, "
                                      "strongest |w| first"))
        self.top_k_value = QLabel(self)          # the slider's count, in words a person reads
        self.top_k_value.setObjectName("edges_top_k_value")
        self.top_k_value.setAccessibleName(self.tr("Input-to-hidden edges shown"))
        self.top_k_value.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.top_k_value.setMinimumWidth(self.fontMetrics().horizontalAdvance(count(88_888)))
        self.top_k.valueChanged.connect(lambda k: self.top_k_value.setText(count(k)))
        self.top_k_value.setText(count(self.top_k.value()))
        self.info = QLabel(self)
        self.info.setObjectName("mnist_sample_info")
        self.info.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("test digit"), self.index)
        edges = QHBoxLayout()
        edges.addWidget(self.top_k, 1)
        edges.addWidget(self.top_k_value)
        form.addRow(self.tr("edges shown"), edges)
        buttons = QHBoxLayout()
        buttons.addWidget(self.walk_button)
        buttons.addWidget(self.next_wrong)
        box = QVBoxLayout(self)
        box.addWidget(self.data_label)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addWidget(self.info)
        box.addStretch(1)
        self._evaluation = None          # (weights id, report) of the test part
        self._walking = None             # (test index, the probe handed to the model)
        self.refresh()

    def event(self, e) -> bool:
        if e.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self._hold_height()
        return super().event(e)

    def _hold_height(self) -> None:
        """At least the height the wrapped lines need at this width: the splitter it sits in
        knows nothing of wrapping, and after "Next misclassified" had written a longer line
        at 1366×768 the test digit box was squeezed to 13 px and both lines cut."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        need = layout.totalMinimumHeightForWidth(self.width())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)

    def applies(self) -> bool:
        d = self.session.dataset
        return is_digit_network(self.session.network.sizes) and d.x_test is not None

    def refresh(self) -> None:
        """After a change of network, weights or data."""
        self._evaluation = None
        on = self.applies()
        for w in (self.index, self.walk_button, self.next_wrong):
            w.setEnabled(on)
        key = id(self.session.dataset)
        if key != getattr(self, "_described", None):     # reading the files: only for new data
            self._described = key
            self.data_label.setText(self._describe())
        if on:
            self.index.setRange(1, len(self.session.dataset.y_test))
        self._show_info()

    def _describe(self) -> str:
        if not self.session.dataset.name.startswith("mnist"):
            return self.tr("The digit chooser works with the mnist preset (784 inputs, 10 outputs).")
        try:
            data = load_mnist()
        except BpvizError as e:
            return str(e)
        if data.source == "full":
            return data.describe()
        # the split said as the README says it (a teacher had read "60 000 training" here
        # and "50 000 train / 10 000 validation" there)
        return self.tr("{what} — File → Download full MNIST: {n} digits ({train} training, "
                       "of which {valid} for validation, + {test} test)").format(
            what=data.describe(), n=count(FULL_TRAIN + FULL_TEST), train=count(FULL_TRAIN),
            valid=count(VALIDATION_SIZE), test=count(FULL_TEST))

    def _report(self):
        net = self.session.network
        with np.errstate(over="ignore", invalid="ignore"):     # (diverged weights: inf, nan)
            key = id(net), float(np.sum(net.params))      # new weights: a new report
        if self._evaluation is None or self._evaluation[0] != key:
            d = self.session.dataset
            self._evaluation = (key, report(net, d.x_test, d.y_test))
        return self._evaluation[1]

    @property
    def test_sample(self) -> int | None:
        """The held-out digit being walked (0-based), None while the walk is on other input."""
        if self._walking is None or self.session.probe is not self._walking[1]:
            return None
        return self._walking[0]

    def walk_test(self, index: int) -> None:
        d = self.session.dataset
        try:
            if d.x_test is None or not 0 <= index < len(d.y_test):
                raise BpvizError(self.tr("test digit must be between 1 and {0}").format(
                                 0 if d.y_test is None else count(len(d.y_test))))
            self.session.use_input(d.x_test[index], d.y_test[index], ("test", int(index)))
        except BpvizError as e:
            self.info.setText(str(e))
            return
        self._walking = (int(index), self.session.probe)
        self.index.setValue(index + 1)
        self._show_info()
        self.walked.emit()

    def walk_next_misclassified(self) -> None:
        wrong = self._report().misclassified
        if wrong is None or wrong.size == 0:
            self.info.setText(self.tr("The network gets every test digit right."))
            return
        current = self.test_sample
        later = wrong[wrong > (-1 if current is None else current)]
        self.walk_test(int(later[0] if later.size else wrong[0]))

    def _show_info(self) -> None:
        t = self.test_sample if self.applies() else None
        if t is None:
            other = walked_input(self.session)           # a drawn digit, a gallery's digit
            self.info.setText("" if not self.applies() else
                              self.tr("Walking {0}.").format(other) if other else
                              self.tr("Walking training sample {n}.").format(n=self.session.sample + 1))
            return
        ev = self._report()
        label = int(np.argmax(self.session.dataset.y_test[t]))
        guess = int(ev.predicted[t])
        verdict = self.tr("right") if guess == label else self.tr("misclassified")
        self.info.setText(self.tr("Walking test digit {n} of {m}: label {label}, the network says "
                                  "{guess} ({verdict}). {k} of {m} test digits misclassified.")
                          .format(n=t + 1, m=count(len(ev.predicted)), label=label, guess=guess,
                                  verdict=verdict, k=count(len(ev.misclassified))))
