"""The live loss curve: training and test loss against epoch, accuracy on a second axis.

It stays smooth to 10⁶ epochs: the points go into preallocated buffers that double when
full, the curve items are created once and only get `setData`, and pyqtgraph draws them
with peak downsampling and clip-to-view. A divergence shows as a red marker line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from ..widgets.epoch_axis import EpochAxis
from ..widgets.export import save_png, save_text, save_with_dialog, suggested
from ..widgets.legend_place import give_backing, place_legend
from ..widgets.plot_fit import fit_by_menu, fit_legend, fit_titles, mark_lone_point, nice_ceiling
from .kept_runs import KeptRuns
from .loss_buttons import row_buttons
from .loss_crosshair import Crosshair
from .plot_series import Series, loss_csv

# two pixels wide, and the accuracy a light green, so that on a projector the dark blue loss
# and the accuracy are not taken for one another; a held-out split's curves dashed, each in a
# colour of its own (dashes alone were hard to tell apart from the back of a classroom)
TRAIN_PEN = pg.mkPen("#2166ac", width=2)
TEST_PEN = pg.mkPen("#e66101", width=2, style=Qt.DashLine)
EMPTY_RANGE = (1e-3, 10.0)      # the loss axis before any data: 10⁻³ … 10
ACC_PEN = pg.mkPen("#4dac26", width=2)
TEST_ACC_PEN = pg.mkPen("#7b3294", width=2, style=Qt.DashLine)


class LossPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(self, background="w")
        self.plot.setObjectName("loss_plot")
        self.plot.setAccessibleName(self.tr("Loss curve"))
        item = self.plot.getPlotItem()
        item.setAxisItems({"bottom": EpochAxis()})         # whole epochs only
        item.setLabel("bottom", self.tr("epoch"))
        item.setLabel("left", self.tr("loss C"))
        item.showGrid(x=False, y=False)
        item.showAxis("right")
        item.setLabel("right", self.tr("accuracy"))
        for side in ("left", "bottom", "right"):        # no "(x1e+27)" scale factors
            item.getAxis(side).enableAutoSIPrefix(False)
        self.legend = item.addLegend(offset=(-8, 8), labelTextColor="#222")
        give_backing(self.legend)              # (and the corner the curves leave free)
        # The view follows the data in steps (1-2-5 epochs, whole decades), so the axes
        # are redrawn only when a step is crossed, not on every frame.
        item.disableAutoRange()
        item.vb.sigRangeChangedManually.connect(lambda *_: self.follow.setChecked(False))
        fit_by_menu(item, self.fit_view)       # no "A" button; right-click → Fit the view
        self.kept = KeptRuns(self)             # runs kept to compare (+ "Forget kept runs")
        self.run_label = None                  # what a kept run is called (the window sets it)
        self._label = None                     # … as the run being shown started
        self._y_min, self._y_max = np.inf, -np.inf
        self._view = None
        self.train = Series()
        self.test = Series()
        self.acc = Series()
        self.test_acc = Series()
        # (the training loss is the mean over the epoch's steps, while the weights still moved;
        # the test loss is measured once the epoch is over: it can lie below the training loss)
        self.train_curve = self._curve(item, TRAIN_PEN, self.tr("training loss (epoch mean)"))
        self.test_curve = self._curve(item, TEST_PEN, self.tr("test loss (end of epoch)"))
        # Accuracy lives in its own ViewBox (0…1), tied to the right axis and to our x.
        self.acc_box = pg.ViewBox()
        item.scene().addItem(self.acc_box)
        item.getAxis("right").linkToView(self.acc_box)
        self.acc_box.setXLink(item)
        self.acc_box.setYRange(-0.02, 1.08, padding=0)
        self.acc_box.setMouseEnabled(x=False, y=False)
        self.acc_curve = pg.PlotDataItem(pen=ACC_PEN)
        self.test_acc_curve = pg.PlotDataItem(pen=TEST_ACC_PEN)
        for curve, name in ((self.acc_curve, self.tr("training accuracy")),
                            (self.test_acc_curve, self.tr("test accuracy"))):
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            self.acc_box.addItem(curve)
            self.legend.addItem(curve, name)
        item.vb.sigResized.connect(self._sync_boxes)
        item.vb.sigResized.connect(self._fit_legend)
        self._legend_has_test = True
        self._sync_legend()
        self.marker = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen("#c0392b", width=2, style=Qt.DashLine),
                                      label=self.tr("diverged (epoch {value:.0f})"),
                                      labelOpts={"color": "#c0392b", "position": 0.9})
        self.marker.hide()
        item.addItem(self.marker, ignoreBounds=True)
        self.crosshair = Crosshair(self)
        self.readout = self.crosshair.readout
        self.log_y = QCheckBox(self.tr("log y"), self)
        self.log_y.setObjectName("loss_log_y")
        self.log_y.setAccessibleName(self.tr("Logarithmic loss axis"))
        self.log_y.toggled.connect(self._log_toggled)
        self.follow = QCheckBox(self.tr("follow"), self)
        self.follow.setObjectName("loss_follow")
        self.follow.setToolTip(self.tr("Keep all the data in view (unticked when you zoom or pan; "
                                       "right-click the plot → Fit the view ticks it again)"))
        self.follow.setChecked(True)
        self.follow.toggled.connect(lambda on: on and self._fit(force=True))
        self.log_y.setChecked(True)           # losses span decades: log by default
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.readout, 1)
        row.addWidget(self.follow)
        row.addWidget(self.log_y)
        for button in row_buttons(self):         # Keep run, PNG…, CSV…
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot, 1)
        layout.addLayout(row)

    @staticmethod
    def _curve(item, pen, name):
        curve = item.plot(pen=pen, name=name)
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        return curve

    def _sync_boxes(self):
        vb = self.plot.getPlotItem().vb
        self.acc_box.setGeometry(vb.sceneBoundingRect())
        self.acc_box.linkedViewChanged(vb, self.acc_box.XAxis)

    # -- data -------------------------------------------------------------------------------
    @Slot()
    def clear(self) -> None:
        for series in (self.train, self.test, self.acc, self.test_acc):
            series.clear()
        self.marker.hide()
        self.crosshair.hide()
        self._label = self.run_label() if self.run_label is not None else None    # this run's
        self.kept.new_run()
        self._redraw(True)
        self.kept_changed()              # the view: the kept runs, if any

    def kept_changed(self) -> None:
        low, high = self.kept.y_span()
        if self.train.n:
            low, high = min(low, float(self.train.y.min())), max(high, float(self.train.y.max()))
        if self.test.n:
            low, high = min(low, float(self.test.y.min())), max(high, float(self.test.y.max()))
        self._y_min, self._y_max = low, high
        self._fit(force=True)
        self._fit_legend()

    def add(self, snap) -> None:
        """The loss points of a snapshot, and its accuracy/test-loss point."""
        losses = np.asarray(snap.losses, dtype=float)
        if len(losses):
            # a non-finite loss is the divergence marker's business, not the curve's: the
            # buffers (and so the view's range) hold finite values only
            epochs = np.arange(snap.first_epoch, snap.first_epoch + len(losses))
            finite = np.isfinite(losses)
            self.train.append(epochs[finite], losses[finite])
            if finite.any():
                self._y_min = min(self._y_min, float(losses[finite].min()))
                self._y_max = max(self._y_max, float(losses[finite].max()))
        measured = list(getattr(snap, "epoch_stats", ()))    # at each epoch's end, if taken
        if not getattr(snap, "into_epoch", 0):     # (inside an epoch: not epoch N's weights)
            measured.append((max(snap.epoch, 0), snap.accuracy, snap.test_loss, snap.test_accuracy))
        for x, accuracy, test_loss, test_accuracy in measured:
            for series, value in ((self.acc, accuracy), (self.test, test_loss),
                                  (self.test_acc, test_accuracy)):
                # (one point per epoch: a stop inside an epoch measures it again)
                if value is not None and np.isfinite(value) and not (series.n and series.x[-1] >= x):
                    series.append(x, value)
            if test_loss is not None and np.isfinite(test_loss):
                self._y_min, self._y_max = min(self._y_min, test_loss), max(self._y_max, test_loss)
        self._redraw(len(losses) > 0 or bool(getattr(snap, "epoch_stats", ()))
                     or snap.accuracy is not None)
        self._fit()

    def fit_view(self, *_) -> None:
        """Show all the data again and follow it (the right-click menu's Fit the view)."""
        self.legend.user_placed = False           # a dragged legend is placed again, too
        if self.follow.isChecked():
            self._fit(force=True)
        else:
            self.follow.setChecked(True)          # which fits

    def _log_toggled(self, on: bool) -> None:
        item = self.plot.getPlotItem()
        item.setLogMode(y=on)
        item.getAxis("right").setLogMode(False, False)      # accuracy stays linear
        self._fit(force=True)

    def _fit(self, force: bool = False) -> None:
        """Show all the data, the x axis rounded up to 1-2-5 × 10ⁿ epochs, y to whole
        decades (log) or to 1-2-5 steps (linear): the range changes only now and then."""
        if not self.follow.isChecked():
            return
        x_max = max(self.train.x[-1] if self.train.n else 0, self.acc.x[-1] if self.acc.n else 0,
                    self.kept.x_max())
        x_hi = nice_ceiling(max(x_max, 10))
        if np.isfinite(self._y_min) and np.isfinite(self._y_max):
            lo, hi = self._y_min, self._y_max
        else:
            lo, hi = EMPTY_RANGE             # no data yet: a plausible span of losses
        if self.log_y.isChecked():
            if hi <= 0:                      # only zero losses so far
                lo, hi = EMPTY_RANGE
            # a loss of exactly 0 has no logarithm: show down to 1e-12 below the largest
            lo = lo if lo > 0 else max(hi * 1e-12, 1e-300)
            top = np.ceil(np.log10(hi))
            # at least three decades: fewer make pyqtgraph label every minor tick
            # a little headroom so the top decade's tick label is not cut in half
            y_range = (min(np.floor(np.log10(lo)), top - 3) - 0.04, top + 0.12)
        else:
            y_range = (min(0.0, lo), nice_ceiling(hi) if hi > 0 else 1.0)
        view = (x_hi, y_range)
        if force or view != self._view:
            self._view = view
            vb = self.plot.getPlotItem().vb
            vb.setRange(xRange=(0, x_hi), yRange=y_range, padding=0.02)
        self._place_legend()             # on the axes as they are now (a step of the range
                                         # had left the legend where it was placed before)

    def mark_divergence(self, epoch: int) -> None:
        self.marker.show()                # (a hidden line's label does not follow its value)
        self.marker.setValue(epoch)
        self.marker.label.valueChanged()

    def _redraw(self, changed: bool) -> None:
        if not changed:
            return
        self._sync_legend()
        # Buffers only ever hold finite values: skip pyqtgraph's finiteness scan.
        for curve, s in ((self.train_curve, self.train), (self.test_curve, self.test),
                         (self.acc_curve, self.acc), (self.test_acc_curve, self.test_acc)):
            mark_lone_point(curve, s.n == 1, self.fontMetrics().height())
            curve.setData(s.x, s.y, skipFiniteCheck=True)

    def _place_legend(self) -> None:
        vb = self.plot.getPlotItem().vb
        curves = [(vb, self.train_curve), (vb, self.test_curve), (self.acc_box, self.acc_curve),
                  (self.acc_box, self.test_acc_curve)] + self.kept.curves()
        place_legend(self.legend, vb, curves)

    def _sync_legend(self) -> None:
        """Name the test curves in the legend only when there is test data."""
        has_test = self.test.n > 0 or self.test_acc.n > 0
        if has_test != self._legend_has_test:
            self._legend_has_test = has_test
            for curve, name in ((self.test_curve, self.tr("test loss (end of epoch)")),
                                (self.test_acc_curve, self.tr("test accuracy"))):
                if has_test:
                    self.legend.addItem(curve, name)
                else:
                    self.legend.removeItem(curve)
            self.kept.to_end()
            self._fit_legend()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:      # the zoom: the legend's rows too
            QTimer.singleShot(0, self, self._fit_legend)

    def _fit_legend(self, *_) -> None:
        """Titles and legend where the plot has room for them (widgets/plot_fit.py)."""
        line = self.fontMetrics().height()
        fit_titles(self.plot.getPlotItem(), self.legend, self.plot.height(), line)
        if self.plot.height() >= 5 * line:
            fit_legend(self.legend, self.plot.getPlotItem().vb.height())
            self._place_legend()
        if getattr(self, "crosshair", None) is not None:   # (built after the legend)
            self.crosshair.refresh_hint()       # the key under the plot where it is hidden

    def describe(self, epoch: int) -> str:
        """The crosshair's read-out at `epoch` (training/loss_crosshair.py)."""
        return self.crosshair.describe(epoch)

    # -- export ----------------------------------------------------------------------------
    def _ask_path(self, kind: str, save) -> None:
        save_with_dialog(self, self.tr("Export"), kind, save, suggested("loss", kind))

    def export_png(self, path) -> None:
        self.crosshair.hide()                     # the mouse's lines are not the data's
        save_png(self.plot, path)

    def export_csv(self, path) -> None:
        """One row per epoch (training/plot_series.py loss_csv)."""
        save_text(path, loss_csv(self.train, self.test, self.acc, self.test_acc))
