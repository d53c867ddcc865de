"""The Bug lab's side-by-side training: the correct network and the mistaken one, trained
from the same initial weights, data and settings; two loss curves on one plot, two decision
boundaries, the final losses and accuracies, PNG/CSV export.

Training runs on the GUI thread in small chunks from a QTimer (the lab's networks are small
and train fast), so no thread has to be stopped when the window closes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.bug_backprop import BuggyNetwork
from ...core.errors import BpvizError
from ...core.files import write_atomic
from ...core.notation import num, percent
from ...training.trainer import Trainer
from ..widgets.epoch_axis import EpochAxis
from ..widgets.export import save_png, save_with_dialog, suggested
from ..widgets.grouped_spin import GroupedSpinBox
from ..widgets.legend_place import give_backing, place_legend
from ..widgets.plot_fit import fit_by_menu
from ..widgets.scroll_wheel import wheel_scrolls_panel
from .boundaries import TwoBoundaries

STEPS_PER_TICK = 400
CORRECT_PEN, BUGGY_PEN = pg.mkPen((40, 90, 200), width=2), pg.mkPen((210, 50, 40), width=2)


class SideBySide(QWidget):
    """`bugs()` gives the mistakes ticked in the lab when training starts."""

    def __init__(self, session, bugs, parent=None):
        super().__init__(parent)
        self.setObjectName("bug_side_by_side")
        self.session, self.bugs = session, bugs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._training_row())
        self.plot = pg.PlotWidget(self, background="w", axisItems={"bottom": EpochAxis()})
        self.plot.setObjectName("bug_loss_plot")
        fit_by_menu(self.plot)                # no "A" button; right-click → Fit the view
        wheel_scrolls_panel(self.plot)        # the lab scrolls: the wheel scrolls it here too
        self.plot.setLabel("bottom", self.tr("epoch"))
        self.plot.setLabel("left", self.tr("loss"))
        give_backing(self.plot.addLegend(offset=(-10, 10)))
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

    def _training_row(self) -> QVBoxLayout:
        """Train; epochs; PNG, CSV: one under the other, so that the lab is narrow enough for
        its dock in presentation mode at 1366×768 (Train and epochs side by side had made it
        46 px wider than the dock, whose lines were cut: "gradient chec")."""
        rows, row, exports = QVBoxLayout(), QHBoxLayout(), QHBoxLayout()
        self.train = QPushButton(self.tr("Train side by side"), self)
        self.train.setObjectName("bug_train")
        self.train.setToolTip(self.tr("Train the correct network and the one with the mistakes "
                                      "from the same initial weights and data"))
        self.train.clicked.connect(self.start_training)
        self.epochs = GroupedSpinBox(self)
        self.epochs.setObjectName("bug_epochs")
        self.epochs.setAccessibleName(self.tr("Epochs to train side by side"))
        self.epochs.setRange(1, 1_000_000)
        png = QPushButton(self.tr("PNG…"), self)
        png.setObjectName("bug_export_png")
        png.clicked.connect(lambda: self._ask(self.tr("PNG image (*.png)"), self.export_png))
        csv = QPushButton(self.tr("CSV…"), self)
        csv.setObjectName("bug_export_csv")
        csv.clicked.connect(lambda: self._ask(self.tr("CSV file (*.csv)"), self.export_csv))
        for w in (QLabel(self.tr("epochs"), self), self.epochs):
            row.addWidget(w)
        row.addStretch(1)
        exports.addWidget(png)
        exports.addWidget(csv)
        exports.addStretch(1)
        rows.addWidget(self.train, 0, Qt.AlignLeft)
        rows.addLayout(row)
        rows.addLayout(exports)
        return rows

    # -- side-by-side training -----------------------------------------------------------------
    def start_training(self) -> None:
        """Train a copy of the network without and with the mistakes, same start and data."""
        net, data, session = self.session.network, self.session.dataset, self.session
        settings = dict(eta=session.eta, batch_size=session.batch_size,
                        optimizer=session.optimizer, seed=session.seed)
        try:
            trainers = [Trainer(net.copy(), data.x, data.y, **settings),
                        Trainer(BuggyNetwork(net, self.bugs()), data.x, data.y, **settings)]
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
                    except BpvizError as e:         # a shape mistake cannot train
                        run["done"], run["error"] = True, str(e)
                        break
                    if event is not None:
                        run["loss"].append(run["trainer"].losses[-1])
                        run["done"] = len(run["loss"]) >= self.target
        for run, curve in zip(self.runs, (self.correct_curve, self.buggy_curve)):
            curve.setData(np.arange(1, len(run["loss"]) + 1), np.asarray(run["loss"]))
        vb = self.plot.getPlotItem().vb
        place_legend(self.plot.getPlotItem().legend, vb,
                     [(vb, self.correct_curve), (vb, self.buggy_curve)], margin=10)
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
            if run.get("error"):
                text += " — " + run["error"]
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
        save_with_dialog(self, self.tr("Export"), kind, save, suggested("bug-lab", kind))

    def export_png(self, path) -> None:
        save_png(self.plot, path)               # atomic; a failure is a BpvizError

    def export_csv(self, path) -> None:
        """epoch, correct loss, loss with the mistakes (empty where a run stopped early)."""
        losses = [run["loss"] for run in self.runs] or [[], []]
        n = max(len(v) for v in losses)
        rows = ["epoch,correct_loss,buggy_loss"]
        for i in range(n):
            cells = [f"{v[i]:.10g}" if i < len(v) else "" for v in losses]
            rows.append(f"{i + 1}," + ",".join(cells))
        write_atomic(path, "\n".join(rows) + "\n")
