"""The Bug lab panel: tick mistakes from the catalogue (core/bugs.py) for the current network
and see at once the gradient check per layer (red where it fails), the records of the walk
that the mistakes change (both numbers), and, on request, the correct network and the
mistaken one trained side by side from the same initial weights: two loss curves.

Training runs on the GUI thread in small chunks from a QTimer (the two tiny networks of the
lab train fast), so no thread has to be stopped when the window closes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.bug_backprop import BuggyNetwork, bug_gradient_check
from ...core.bug_walk import bug_walk
from ...core.bugs import BUGS, CATALOGUE, check_bugs, refusal
from ...core.errors import BpvizError
from ...core.files import write_atomic
from ...core.notation import num, percent
from ...training.trainer import Trainer
from .boundaries import TwoBoundaries

FAILED = QColor(255, 205, 205)
PASSED = QColor(210, 240, 210)
CHECK_SAMPLES = 64           # the gradient check uses at most this many samples
STEPS_PER_TICK = 400
CORRECT_PEN, BUGGY_PEN = pg.mkPen((40, 90, 200), width=2), pg.mkPen((210, 50, 40), width=2)


class BugLab(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("bug_lab")
        self.setAccessibleName(self.tr("Bug lab"))
        self.session = session
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Tick a mistake to put it into backpropagation. The gradient "
                               "check and the walk show what it changes."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for bug in CATALOGUE:
            box = QCheckBox(bug.name, self)
            box.setObjectName("bug_" + bug.name.replace("-", "_"))
            box.setAccessibleName(self.tr("Mistake: %1").replace("%1", bug.name))
            box.toggled.connect(self._bugs_changed)
            layout.addWidget(box)
            self.boxes[bug.name] = box
        self.fix = QPushButton(self.tr("Apply the answer's fixes"), self)
        self.fix.setObjectName("bug_apply_fix")
        self.fix.setToolTip(self.tr("Turn off the preset's mistakes, one per click"))
        self.fix.clicked.connect(self.apply_next_fix)
        layout.addWidget(self.fix)
        self.explanation = QLabel(self)
        self.explanation.setObjectName("bug_explanation")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("bug_gradcheck")
        self.table.setHorizontalHeaderLabels([self.tr("Layer"), self.tr("Max relative error"),
                                              self.tr("Result")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(self.fontMetrics().height() * 8)
        layout.addWidget(self.table)
        self.note = QLabel(self)
        self.note.setObjectName("bug_gradcheck_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.walk_changes = QLabel(self)
        self.walk_changes.setObjectName("bug_walk_changes")
        self.walk_changes.setWordWrap(True)
        layout.addWidget(self.walk_changes)
        layout.addLayout(self._training_row())
        self.plot = pg.PlotWidget(self, background="w")
        self.plot.setObjectName("bug_loss_plot")
        self.plot.setLabel("bottom", self.tr("epoch"))
        self.plot.setLabel("left", self.tr("loss"))
        self.plot.addLegend(offset=(-10, 10))
        self.plot.setMinimumHeight(self.fontMetrics().height() * 12)
        self.correct_curve = self.plot.plot([], [], pen=CORRECT_PEN, name=self.tr("correct"))
        self.buggy_curve = self.plot.plot([], [], pen=BUGGY_PEN, name=self.tr("with the mistakes"))
        layout.addWidget(self.plot, 1)
        self.boundaries = TwoBoundaries(self)
        self.boundaries.setVisible(False)
        layout.addWidget(self.boundaries)
        self.train_status = QLabel(self)
        self.train_status.setObjectName("bug_train_status")
        self.train_status.setWordWrap(True)
        layout.addWidget(self.train_status)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.runs: list = []
        session.changed.connect(self._session_changed)
        self._session_changed(frozenset({"network"}))

    def _training_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.train = QPushButton(self.tr("Train side by side"), self)
        self.train.setObjectName("bug_train")
        self.train.setToolTip(self.tr("Train the correct network and the one with the mistakes "
                                      "from the same initial weights and data"))
        self.train.clicked.connect(self.start_training)
        self.epochs = QSpinBox(self)
        self.epochs.setObjectName("bug_epochs")
        self.epochs.setAccessibleName(self.tr("Epochs to train side by side"))
        self.epochs.setRange(1, 1_000_000)
        png = QPushButton(self.tr("PNG…"), self)
        png.setObjectName("bug_export_png")
        png.clicked.connect(lambda: self._ask(self.tr("PNG image (*.png)"), self.export_png))
        csv = QPushButton(self.tr("CSV…"), self)
        csv.setObjectName("bug_export_csv")
        csv.clicked.connect(lambda: self._ask(self.tr("CSV file (*.csv)"), self.export_csv))
        for w in (self.train, QLabel(self.tr("epochs"), self), self.epochs, png, csv):
            row.addWidget(w)
        return row

    # -- the mistakes ------------------------------------------------------------------------
    @property
    def bugs(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def _session_changed(self, names) -> None:
        if not names & {"network", "preset", "dataset", "weights", "sample"}:
            return
        net = self.session.network
        preset = self.session.preset
        for name, box in self.boxes.items():
            reason = refusal(name, net)
            box.blockSignals(True)
            box.setEnabled(reason is None)
            box.setToolTip(self.tr("Cannot show here: %1").replace("%1", reason) if reason
                           else BUGS[name].explanation)
            if reason:
                box.setChecked(False)
            if "preset" in names or "network" in names:
                box.setChecked(reason is None and name in getattr(preset, "bugs", ()))
            box.blockSignals(False)
        if "preset" in names or "network" in names:
            self.epochs.setValue(min(int(getattr(preset, "epochs", 500)), 100_000))
        self._bugs_changed()

    def apply_next_fix(self) -> None:
        """Turn off the next of the preset's own mistakes that is still on."""
        for name in getattr(self.session.preset, "bugs", ()):
            if self.boxes[name].isChecked():
                self.boxes[name].setChecked(False)
                return

    def _bugs_changed(self, *_) -> None:
        bugs = self.bugs
        self.fix.setEnabled(any(self.boxes[n].isChecked()
                                for n in getattr(self.session.preset, "bugs", ())))
        self.explanation.setText("\n\n".join(f"{n}: {BUGS[n].explanation}" for n in bugs)
                                 or self.tr("No mistake ticked: backpropagation is correct."))
        self._check(bugs)

    def _check(self, bugs) -> None:
        net, data = self.session.network, self.session.dataset
        self.table.setRowCount(0)
        self.note.clear()
        self.walk_changes.clear()
        if not bugs:
            return
        try:
            check_bugs(bugs, net)
            x, y = data.x[:CHECK_SAMPLES], data.y[:CHECK_SAMPLES]
            with np.errstate(all="ignore"):
                doc = bug_gradient_check(net, x, y, bugs)
                s = self.session.sample
                walk = bug_walk(net, data.x[s], data.y[s], self.session.eta, bugs)
        except BpvizError as e:
            self.note.setText(str(e))
            return
        self.table.setRowCount(len(doc["layers"]))
        for i, row in enumerate(doc["layers"]):
            if "error" in row:
                result, err = self.tr("shape error: %1").replace("%1", row["error"]), "—"
            else:
                err = num(row["max_relative_error"], 3)
                result = self.tr("passes") if row["passed"] else self.tr("fails")
                if "factor" in row:
                    result += self.tr(" (backprop = %1 × finite differences)").replace(
                        "%1", num(row["factor"]))
            for col, text in enumerate((str(row["layer"]), err, result)):
                item = QTableWidgetItem(text)
                item.setBackground(PASSED if row["passed"] else FAILED)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.note.setText(self.tr("Gradient check on %1 sample(s).").replace("%1", str(doc["samples"]))
                          + (" " + doc["note"] if "note" in doc else ""))
        lines = [self.tr("The walk of sample %1 with the mistakes:").replace("%1", str(s + 1))]
        for change in walk.changed:
            step = walk.records[change.index]
            lines.append(f"• {step.title}")
            lines += [f"    {text}" for text in change.lines]
        if walk.error:
            lines.append("• " + walk.error)
        if len(lines) == 1:
            lines.append(self.tr("no record changes on this one sample"))
        self.walk_changes.setText("\n".join(lines))

    # -- side-by-side training -----------------------------------------------------------------
    def start_training(self) -> None:
        """Train a copy of the network without and with the mistakes, same start and data."""
        net, data, session = self.session.network, self.session.dataset, self.session
        settings = dict(eta=session.eta, batch_size=session.batch_size,
                        optimizer=session.optimizer, seed=session.seed)
        try:
            trainers = [Trainer(net.copy(), data.x, data.y, **settings),
                        Trainer(BuggyNetwork(net, self.bugs), data.x, data.y, **settings)]
        except BpvizError as e:
            self.train_status.setText(str(e))
            return
        self.target = self.epochs.value()
        self.runs = [{"trainer": t, "steps": t.steps(), "loss": [], "done": False} for t in trainers]
        self.correct_curve.setData([], [])
        self.buggy_curve.setData([], [])
        self.train.setEnabled(False)
        self.timer.start(0)

    def _tick(self) -> None:
        with np.errstate(all="ignore"):
            for run in self.runs:
                for _ in range(STEPS_PER_TICK):
                    if run["done"]:
                        break
                    try:
                        event = next(run["steps"])
                    except StopIteration:           # diverged
                        run["done"] = True
                        break
                    if event is not None:
                        run["loss"].append(run["trainer"].losses[-1])
                        run["done"] = len(run["loss"]) >= self.target
        for run, curve in zip(self.runs, (self.correct_curve, self.buggy_curve)):
            curve.setData(np.arange(1, len(run["loss"]) + 1), np.asarray(run["loss"]))
        if all(run["done"] for run in self.runs):
            self.timer.stop()
            self.train.setEnabled(True)
            self._report()
            data = self.session.dataset
            self.boundaries.show([run["trainer"].network for run in self.runs], data.x, data.y)

    def _report(self) -> None:
        parts = []
        for label, run in zip((self.tr("correct"), self.tr("with the mistakes")), self.runs):
            t = run["trainer"]
            _, acc = t.evaluate()
            text = self.tr("%1: final loss %2, accuracy %3").replace("%1", label).replace(
                "%2", num(run["loss"][-1] if run["loss"] else None, 4)).replace("%3", percent(acc))
            if t.divergence is not None:
                text += " — " + t.divergence.message
            naive = getattr(t.network, "naive_sigmoid", None)
            if naive is not None and naive.overflows:
                text += self.tr("; exp(−z) overflowed %1 times").replace("%1", str(naive.overflows))
            parts.append(text)
        self.train_status.setText("\n".join(parts))

    def wait_for_training(self) -> None:
        """Finish the side-by-side run now (for scripts and tests)."""
        while self.timer.isActive():
            self._tick()

    # -- export ---------------------------------------------------------------------------------
    def _ask(self, kind: str, save) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), "", kind)
        if path:
            save(path)

    def export_png(self, path) -> None:
        self.plot.grab().save(str(path), "PNG")

    def export_csv(self, path) -> None:
        """epoch, correct loss, loss with the mistakes (empty where a run stopped early)."""
        losses = [run["loss"] for run in self.runs] or [[], []]
        n = max(len(v) for v in losses)
        rows = ["epoch,correct_loss,buggy_loss"]
        for i in range(n):
            cells = [f"{v[i]:.10g}" if i < len(v) else "" for v in losses]
            rows.append(f"{i + 1}," + ",".join(cells))
        write_atomic(path, "\n".join(rows) + "\n")
