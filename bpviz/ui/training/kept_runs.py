"""Runs kept on the loss curve to compare with the next: "Keep run" copies the run's training
loss and its accuracy (the test accuracy where there is one) into grey curves that stay through
a new network and new runs — N(0, 1) against the scaled initialisation, one η against another.
Up to MAX runs, the oldest goes first; the plot's right-click menu forgets them."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from ...core.notation import percent

MAX = 3
SHADES = ("#7f7f7f", "#a6a6a6", "#c8c8c8")      # the newest darkest


class KeptRuns(QObject):
    def __init__(self, owner):
        """`owner`: the LossPlot (its plot, acc_box, legend and series)."""
        super().__init__(owner)
        self.owner = owner
        self.runs: list[dict] = []          # {"name", "loss", "acc", "x_max", "y"}
        self._last = None                   # (points, last epoch) of the run kept last
        vb = owner.plot.getPlotItem().getViewBox()
        self.forget_action = QAction(self.tr("Forget kept runs"), owner)     # (found by name)
        self.forget_action.setObjectName("loss_forget_kept")
        self.forget_action.triggered.connect(self.forget)
        self.forget_action.setEnabled(False)
        vb.menu.addAction(self.forget_action)

    def new_run(self) -> None:
        """The plot was cleared for a new run: whatever it draws next may be kept."""
        self._last = None

    def keep_run(self, label: str | None) -> None:
        """The Keep run button: keep the run shown, and say so under the plot."""
        name = self.keep_current(label)
        readout = self.owner.readout
        if name is None:
            readout.setText(self.tr("Nothing new to keep: train a run first"))
            return
        readout.setText(self.tr("Kept in grey: {0}").format(name))
        self.owner.kept_changed()

    def keep_current(self, label: str | None) -> str | None:
        """Keep the run being shown, named "label: N epochs, test X %" (the label as the run
        started); its name, or None when there is nothing new to keep."""
        o = self.owner
        if o.train.n == 0 or self._last == (o.train.n, float(o.train.x[-1])):
            return None                         # (the same run twice had pushed out another)
        epochs = int(o.train.x[-1])
        name = self.tr("{0}: {1} epochs").format(label or self.tr("run"), epochs)
        if o.test_acc.n:
            name += ", " + self.tr("test {0}").format(percent(float(o.test_acc.y[-1])))
        elif o.acc.n:
            name += ", " + self.tr("accuracy {0}").format(percent(float(o.acc.y[-1])))
        if not self.keep(name):
            return None
        self._last = (o.train.n, float(o.train.x[-1]))
        return name

    def keep(self, name: str) -> bool:
        """The current run's curves kept as `name`; False when there is nothing to keep."""
        o = self.owner
        if o.train.n == 0:
            return False
        if len(self.runs) == MAX:
            self._remove(self.runs.pop(0))
        loss = pg.PlotDataItem(o.train.x.copy(), o.train.y.copy())
        o.plot.getPlotItem().addItem(loss)
        acc_series = o.test_acc if o.test_acc.n else o.acc
        acc = None
        if acc_series.n:
            acc = pg.PlotDataItem(acc_series.x.copy(), acc_series.y.copy())
            o.acc_box.addItem(acc)
        o.legend.addItem(loss, name)
        self.runs.append({"name": name, "loss": loss, "acc": acc, "x_max": float(o.train.x[-1]),
                          "y": (float(o.train.y.min()), float(o.train.y.max()))})
        self._shade()
        self.forget_action.setEnabled(True)
        return True

    def _shade(self) -> None:
        for run, shade in zip(reversed(self.runs), SHADES):
            for curve, style in ((run["loss"], Qt.PenStyle.SolidLine), (run["acc"], Qt.PenStyle.DashLine)):
                if curve is not None:
                    curve.setPen(pg.mkPen(shade, width=2, style=style))
                    curve.setZValue(-1)          # under the run being trained

    def curves(self) -> list:
        """(ViewBox, curve) of every kept run's curves."""
        o = self.owner
        return [(o.plot.getPlotItem().vb, run["loss"]) for run in self.runs] + [
            (o.acc_box, run["acc"]) for run in self.runs if run["acc"] is not None]

    def to_end(self) -> None:
        """The kept runs' names after the run's own in the legend (once the test curves'
        names have come back)."""
        for run in self.runs:
            self.owner.legend.removeItem(run["loss"])
            self.owner.legend.addItem(run["loss"], run["name"])

    def _remove(self, run: dict) -> None:
        o = self.owner
        o.legend.removeItem(run["loss"])
        o.plot.getPlotItem().removeItem(run["loss"])
        if run["acc"] is not None:
            o.acc_box.removeItem(run["acc"])

    def forget(self) -> None:
        for run in self.runs:
            self._remove(run)
        self.runs = []
        self.forget_action.setEnabled(False)
        self.owner.kept_changed()

    def x_max(self) -> float:
        return max((r["x_max"] for r in self.runs), default=0.0)

    def y_span(self) -> tuple[float, float]:
        """The kept losses' (least, largest), or (inf, −inf) for none."""
        lows = [r["y"][0] for r in self.runs if np.isfinite(r["y"][0])]
        highs = [r["y"][1] for r in self.runs if np.isfinite(r["y"][1])]
        return min(lows, default=np.inf), max(highs, default=-np.inf)
