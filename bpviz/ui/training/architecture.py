"""The architecture editor: hidden layers (add, remove, neurons, activation), the output
activation, loss, initialiser and biases. Building replaces the Session's network with new
weights from the window's one seed (only while training is paused, and after asking — Save,
Discard or Cancel — if trained weights no file holds would be lost).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.activations import ACTIVATIONS
from ...core.errors import BpvizError
from ...core.initializers import INITIALIZERS
from ...core.losses import LOSSES
from ...core.network import Network
from ...core.size_check import check_network
from ...model.rules import check_dataset, random_init
from ..widgets.field import error_label
from ..widgets.heavy import ask_large, run_off_gui_thread
from ..widgets.scroll_wheel import wheel_needs_focus

INIT_NOTES = {"normal": QT_TRANSLATE_NOOP("ArchitectureEditor", "N(0, 1) as in network.py"),
              "scaled-normal": QT_TRANSLATE_NOOP("ArchitectureEditor", "N(0, 1)/√n as in network2.py")}

HIDDEN_ACTIVATIONS = [name for name in ACTIVATIONS if name != "softmax"]
MAX_NEURONS = 1024


class ArchitectureEditor(QWidget):
    def __init__(self, session, controller, main, parent=None):
        """`main`: the window, whose `may_discard(title, question)` asks Save / Discard /
        Cancel when trained weights no file holds would be lost (False on Cancel)."""
        super().__init__(parent)
        self.session = session
        self.controller = controller
        self.main = main
        self.rows: list[tuple[QSpinBox, QComboBox, QPushButton]] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.input_label = QLabel()
        add = QPushButton(self.tr("+ hidden layer"))
        add.setObjectName("add_layer")
        add.setAccessibleName(self.tr("Add a hidden layer"))
        add.clicked.connect(lambda: self.add_layer(4, "tanh"))
        self.output_label = QLabel()
        self.output_activation = self._combo("output_activation", self.tr("output activation"),
                                             list(ACTIVATIONS))
        self.loss = self._combo("loss", self.tr("loss"), list(LOSSES))
        self.init = self._combo("initializer", self.tr("initializer"), list(INITIALIZERS))
        for i, note in enumerate(INIT_NOTES.get(name, "") for name in INITIALIZERS):
            if note:                         # what a reader of Nielsen's code knows them as
                self.init.setItemText(i, f"{self.init.itemText(i)} — {self.tr(note)}")
        # the whole name where a narrow column cuts it ("N(0, 1)/√n as i…")
        self.init.currentTextChanged.connect(self.init.setToolTip)
        self.init.setToolTip(self.init.currentText())
        self.biases = QCheckBox(self.tr("biases"))
        self.biases.setObjectName("biases")
        self.build_button = QPushButton(self.tr("Build network"))
        self.build_button.setObjectName("build_network")
        self.build_button.setAccessibleName(self.tr("Build the network"))
        self.build_button.setToolTip(self.tr("New random weights from the toolbar's seed with this "
                                             "architecture (only while training is paused)"))
        self.build_button.clicked.connect(self.build)
        self.error = error_label("architecture_error")

        form = QFormLayout()
        form.addRow(self.tr("output activation"), self.output_activation)
        form.addRow(self.tr("loss"), self.loss)
        form.addRow(self.tr("initialiser"), self.init)
        form.addRow("", self.biases)
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()         # at the top: reachable without scrolling on any screen
        buttons.addWidget(self.build_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.cap_note = QLabel(self.tr("Each hidden layer has at most {0} neurons.")
                               .format(MAX_NEURONS))
        self.cap_note.setObjectName("architecture_cap")
        self.cap_note.setWordWrap(True)
        layout.addWidget(self.cap_note)
        layout.addWidget(self.input_label)
        layout.addLayout(self.grid)
        layout.addWidget(add)
        layout.addWidget(self.output_label)
        layout.addLayout(form)
        layout.addStretch(1)
        session.network_changed.connect(self.load)
        session.dataset_changed.connect(self._show_ends)
        session.busy_changed.connect(lambda busy: self.setEnabled(not busy))
        self.load()

    def _combo(self, name, accessible, items) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.addItems(items)
        return combo

    # -- rows -----------------------------------------------------------------------------
    def add_layer(self, neurons: int, activation: str) -> None:
        spin = QSpinBox()
        spin.setRange(0, MAX_NEURONS)
        spin.setValue(neurons)
        spin.setAccessibleName(self.tr("Neurons in hidden layer {0}").format(len(self.rows) + 1))
        spin.setToolTip(self.tr("Neurons in this layer: at most {0}").format(MAX_NEURONS))
        act = QComboBox()
        act.addItems(HIDDEN_ACTIVATIONS)
        act.setCurrentText(activation)
        remove = QPushButton("✕")
        remove.setToolTip(self.tr("Remove this layer"))
        remove.setMaximumWidth(28)
        row = (spin, act, remove)
        remove.clicked.connect(lambda: self.remove_layer(self.rows.index(row)))
        self.rows.append(row)
        self._relayout()
        wheel_needs_focus(self)             # (rows come and go after the dock was built)

    def remove_layer(self, index: int) -> None:
        for widget in self.rows.pop(index):
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        for i, (spin, act, remove) in enumerate(self.rows):
            label = self.grid.itemAtPosition(i, 0)
            if label is None:
                self.grid.addWidget(QLabel(), i, 0)
            self.grid.itemAtPosition(i, 0).widget().setText(self.tr("layer {0}").format(i + 1))
            self.grid.addWidget(spin, i, 1)
            self.grid.addWidget(act, i, 2)
            self.grid.addWidget(remove, i, 3)
        for i in range(len(self.rows), self.grid.rowCount()):
            item = self.grid.itemAtPosition(i, 0)
            if item is not None:
                widget = item.widget()
                self.grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()

    @Slot()
    def load(self) -> None:
        """Show the Session's network."""
        net = self.session.network
        while self.rows:
            self.remove_layer(0)
        for n, act in zip(net.sizes[1:-1], net.activation_names[:-1]):
            self.add_layer(n, act)
        self.output_activation.setCurrentText(net.activation_names[-1])
        self.loss.setCurrentText(net.loss.name)
        self.init.setCurrentIndex(list(INITIALIZERS).index(random_init(self.session.preset.init)))
        self.biases.setChecked(net.has_biases)
        self.error.clear()
        self._show_ends()

    @Slot()
    def _show_ends(self) -> None:
        data = self.session.dataset
        self.input_label.setText(self.tr("input: {0} (from the data)").format(_neurons(data.n_inputs)))
        self.output_label.setText(self.tr("output: {0} (from the data)").format(_neurons(data.n_targets)))

    # -- building -----------------------------------------------------------------------
    def sizes(self) -> list[int]:
        data = self.session.dataset
        return [data.n_inputs] + [spin.value() for spin, _, _ in self.rows] + [data.n_targets]

    def make_network(self) -> Network:
        """The network the editor describes (BpvizError with one line if it cannot be)."""
        sizes = self.sizes()
        for i, n in enumerate(sizes[1:-1], start=1):
            if n < 1:
                raise BpvizError(self.tr("hidden layer {0} has {1} neurons: every layer needs at least 1")
                                 .format(i, n))
        acts = [act.currentText() for _, act, _ in self.rows]
        acts.append(self.output_activation.currentText())
        network = Network.create(sizes, acts, self.loss.currentText(),
                                 init=self._init_name(), biases=self.biases.isChecked(),
                                 seed=self.session.seed)
        check_dataset(network, self.session.dataset)
        return network

    def _init_name(self) -> str:
        """The chosen initialiser's name (the item's text may carry a note after it)."""
        return self.init.currentText().split(" — ")[0]

    def build(self) -> bool:
        if self.controller.running:
            self.error.setText(self.tr("pause training first: the network changes only while paused"))
            return False
        try:
            big = too_large(self.sizes(), self.session)
            if big and not ask_large(self, self.tr("A large network"), big):
                return False
            if big:                                # built off the GUI thread
                network = run_off_gui_thread(self, self.tr("Building the network …"),
                                             self.make_network)
            else:
                network = self.make_network()
        except BpvizError as e:
            self.error.setText(str(e))
            return False
        if not self.main.may_discard(
                self.tr("Build a new network?"),
                self.tr("Building a new network throws away the trained weights, and they are not "
                        "saved. Save them first?")):
            self.load()                    # the fields show the network in use again
            return False
        self.session.set_network(network, self.session.extra, init=self._init_name())
        self.error.clear()
        return True


def too_large(sizes, session) -> str | None:
    """The size check's one line when a network of `sizes` is above the documented limit
    (core/size_check.py), else None."""
    try:
        check_network(sizes, batch=session.batch_size or len(session.dataset),
                      optimizer=session.optimizer, samples=len(session.dataset))
    except BpvizError as e:
        return str(e).split("; add --force")[0]
    return None


def _neurons(n: int) -> str:
    tr = QCoreApplication.translate
    return (tr("ArchitectureEditor", "{0} neuron") if n == 1
            else tr("ArchitectureEditor", "{0} neurons")).format(n)
