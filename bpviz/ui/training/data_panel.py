"""The data chooser for 2-D problems: the logic gates, circle, two spirals and Gaussian
clusters (with noise, size, seed and a train/test split), or a CSV file of your own.

A data set the network cannot take (other input/target counts) rebuilds the network's
ends, keeping its hidden layers, after asking if trained weights would be lost. Data the
loss cannot accept (BCE with y = 3) and unreadable CSV files are refused with one line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core import datasets
from ...core.errors import BpvizError
from ...core.mnist import data_title
from ...core.notation import count
from ..widgets.export import folder, remember
from ..widgets.field import error_label
from ..widgets.grouped_spin import GroupedSpinBox
from ..widgets.mnemonics import ask as ask_question

PROBLEMS = ["xor", "and", "or", "not-gate", "circle", "spirals", "gaussians"]


class DataPanel(QWidget):
    def __init__(self, session, controller, main, parent=None):
        """`main`: the window, whose `unsaved()` says whether trained weights no file holds
        would be lost and whose `may_discard(title, question)` then asks Save / Discard /
        Cancel (False on Cancel)."""
        super().__init__(parent)
        self.session = session
        self.controller = controller
        self.main = main
        self.problem = QComboBox()
        self.problem.setObjectName("data_problem")
        self.problem.setAccessibleName(self.tr("Data set"))
        self.problem.addItems(PROBLEMS)
        # shown while the data in use is none of these (a preset's own, a CSV file, MNIST)
        self.problem.setPlaceholderText(self.tr("choose a problem"))
        self.problem.currentTextChanged.connect(self._problem_changed)
        self.noise = QSlider(Qt.Horizontal)
        self.noise.setObjectName("data_noise")
        self.noise.setAccessibleName(self.tr("Noise"))
        self.noise.setRange(0, 50)              # hundredths
        self.noise.setValue(10)
        self.noise.setToolTip(self.tr("How far the generated points scatter (circle, spirals, "
                                      "gaussians)"))
        self.noise_label = QLabel()
        self.noise.valueChanged.connect(lambda v: self.noise_label.setText(f"{v / 100:.2f}"))
        self.noise.valueChanged.emit(self.noise.value())
        self.samples = self._spin("data_samples", self.tr("Number of samples"), 10, 5000, 200, True)
        self.test_percent = self._spin("data_test_percent", self.tr("Test share in percent"), 0, 90, 20)
        self.test_percent.setSuffix(" %")
        self.seed = self._spin("data_seed", self.tr("Data seed"), 0, 2**31 - 1, 0)
        self.samples.setToolTip(self.tr("How many points to generate (training and test together)"))
        self.test_percent.setToolTip(self.tr("The share of the points kept apart to measure the test "
                                             "loss and accuracy"))
        self.seed.setToolTip(self.tr("The same seed gives the same points"))
        use = QPushButton(self.tr("Use this data"))
        use.setToolTip(self.tr("Generate the data set and train on it (the network's input and output "
                               "layers adapt if they must)"))
        use.setObjectName("data_apply")
        use.clicked.connect(lambda: self.use_problem(self.problem.currentText()))
        self.use_button = use

        self.targets = QLineEdit()
        self.targets.setObjectName("csv_targets")
        self.targets.setAccessibleName(self.tr("Target columns of the CSV file"))
        self.targets.setPlaceholderText(self.tr("target columns (names or 0-based numbers); "
                                                "empty: the last nᴸ"))
        load = QPushButton(self.tr("Import CSV…"))
        load.setToolTip(self.tr("Numeric columns; the last nᴸ columns (as many as the network "
                                "has outputs), or the columns named above, are the targets; "
                                "the network and its weights stay when the columns fit"))
        load.setObjectName("csv_import")
        load.setAccessibleName(self.tr("Import a CSV file"))
        load.clicked.connect(self._ask_csv)
        self.error = error_label("data_error")
        self.current = QLabel()
        self.current.setObjectName("data_current")
        self.current.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("problem"), self.problem)
        noise_row = QHBoxLayout()
        noise_row.addWidget(self.noise, 1)
        noise_row.addWidget(self.noise_label)
        form.addRow(self.tr("noise"), noise_row)
        form.addRow(self.tr("samples"), self.samples)
        form.addRow(self.tr("test share"), self.test_percent)
        form.addRow(self.tr("data seed"), self.seed)
        form.addRow("", use)
        own = QLabel(self.tr("<b>Your own data</b> (numeric columns, header optional)"))
        own.setWordWrap(True)
        form.addRow(own)
        form.addRow(self.tr("targets"), self.targets)
        form.addRow("", load)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.current)
        layout.addStretch(1)
        session.dataset_changed.connect(self._show_current)
        session.busy_changed.connect(lambda busy: self.setEnabled(not busy))
        self._problem_changed(self.problem.currentText())
        self._show_current()

    def _spin(self, name, accessible, lo, hi, value, grouped=False) -> QSpinBox:
        spin = GroupedSpinBox() if grouped else QSpinBox()
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(lo, hi)
        spin.setValue(value)
        return spin

    def _problem_changed(self, name: str) -> None:
        generated = name in datasets.GENERATORS
        for w in (self.noise, self.samples, self.test_percent, self.seed):
            w.setEnabled(generated)
        if hasattr(self, "use_button"):
            self.use_button.setEnabled(name in PROBLEMS)

    def _show_current(self) -> None:
        """The chooser shows the problem in use, or "choose a problem" for other data."""
        d = self.session.dataset
        name = d.name if d.name in PROBLEMS else ""
        if name != self.problem.currentText():
            self.problem.blockSignals(True)
            self.problem.setCurrentIndex(self.problem.findText(name))     # -1: the placeholder
            self.problem.blockSignals(False)
            self._problem_changed(name)
        test = "" if d.x_test is None else self.tr(" + {0} test").format(count(len(d.x_test)))
        self.current.setText(self.tr("in use: {0}, {1} training samples{2}, {3} inputs → {4} targets")
                             .format(data_title(d), count(len(d)), test, d.n_inputs, d.n_targets))

    # -- choosing data ----------------------------------------------------------------------
    def make_problem(self, name: str) -> datasets.Dataset:
        if name in datasets.GATES:
            return datasets.GATES[name]()
        if name not in datasets.GENERATORS:
            raise BpvizError(self.tr("unknown data set {0}").format(repr(name)))
        data = datasets.GENERATORS[name](self.samples.value(), self.noise.value() / 100,
                                         self.seed.value())
        return data.split(self.test_percent.value() / 100, seed=self.seed.value())

    def use_problem(self, name: str) -> bool:
        try:
            data = self.make_problem(name)
        except BpvizError as e:
            return self._refuse(str(e))
        return self.use(data)

    def load_csv_file(self, path, targets_text: str | None = None) -> bool:
        """Read `path` (targets: the field's text unless given) and use it; False with the
        reason in `data_error` if it cannot be read or used."""
        text = self.targets.text() if targets_text is None else targets_text
        targets = [t.strip() for t in text.split(",") if t.strip()] or None
        try:
            # the command line's rule: without names, the last nᴸ columns are the targets
            data = datasets.load_csv(str(path), targets=targets,
                                     n_targets=self.session.network.sizes[-1])
        except BpvizError as e:
            return self._refuse(f"{Path(str(path)).name}: {e}")
        test = self.test_percent.value() / 100 if len(data) >= 10 else 0.0
        try:
            data = data.split(test, seed=self.seed.value())
        except BpvizError as e:
            return self._refuse(str(e))
        return self.use(data, ask=True)

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CSV"), folder(),
                                              self.tr("CSV files") + " (*.csv);;" + self.tr("All") + " (*)")
        if path and self.load_csv_file(path):
            remember(path)

    def use(self, data, ask: bool = False) -> bool:
        """Make `data` the Session's, rebuilding the network's ends if they do not fit (the
        model's rule, after asking if trained weights would be lost — or always, `ask`)."""
        session = self.session
        if self.controller.running:
            return self._refuse(self.tr("pause training first: the data changes only while paused"))
        try:
            rebuilt = session.plan_data(data)     # None: the network takes the data as it is
            if rebuilt is not None and not self._may_rebuild(data, ask):
                self._show_current()              # the chooser shows the data in use again
                return False
            session.use_data(data, rebuilt)
        except BpvizError as e:
            return self._refuse(str(e))
        self.error.clear()
        return True

    def _may_rebuild(self, data, ask: bool) -> bool:
        """Data the network cannot take rebuilds its ends with new random weights: Save,
        Discard or Cancel when that throws unsaved trained weights away; else, for a file
        (`ask`), Yes or No."""
        sizes = self.session.network.sizes
        why = self.tr("The data has {0} inputs and {1} targets; the network takes {2} and gives "
                      "{3}.").format(data.n_inputs, data.n_targets, sizes[0], sizes[-1])
        title = self.tr("Rebuild the network?")
        if self.main.unsaved():
            return self.main.may_discard(title, why + " " + self.tr(
                "Rebuilding its input and output layers throws away the trained weights, and "
                "they are not saved. Save them first?"))
        if not ask:
            return True
        answer = ask_question(
            self, title, why + " " + self.tr("Rebuild its input and output layers with new random "
                                             "weights?"),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def _refuse(self, text: str) -> bool:
        self.error.setText(text)
        # the panel scrolls in a small dock: bring the message into view, and say it in the
        # status bar too
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            QTimer.singleShot(0, self, lambda: parent.ensureWidgetVisible(self.error))
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Data not changed: {0}").format(text), 10000)
        return False
