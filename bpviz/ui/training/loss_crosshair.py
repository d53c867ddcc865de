"""The loss curve's crosshair: the mouse over the plot area reads the nearest trained epoch's
losses and accuracies into a line under the plot; leaving the plot (or its axes) takes the
lines and the numbers away again, so no stale read-out outlives the data or the mouse."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from ...core.notation import num, percent


class Crosshair(QObject):
    def __init__(self, owner):
        """`owner`: the LossPlot (its `plot` and its series train, test, acc, test_acc)."""
        super().__init__(owner)
        self.owner = owner
        item = owner.plot.getPlotItem()
        self.v = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888", width=1))
        self.h = pg.InfiniteLine(angle=0, pen=pg.mkPen("#888", width=1))
        for line in (self.v, self.h):
            line.hide()
            item.addItem(line, ignoreBounds=True)
        self._proxy = pg.SignalProxy(item.scene().sigMouseMoved, rateLimit=30, slot=self._moved)
        owner.plot.installEventFilter(self)
        self._idle = self._hint()       # the idle line as last written
        self.readout = QLabel(self._idle, owner)
        self.readout.setObjectName("loss_readout")
        self.readout.setToolTip(self.tr("move the mouse over the plot to read values"))
        # never wider than the dock gives it: a long key (kept runs join it) had widened the
        # window past its screen; what does not fit is cut at the right
        self.readout.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.readout.setMinimumWidth(1)

    def _hint(self) -> str:
        """What the line under the plot says while no epoch is read: the colour key where the
        plot is too short for its legend (in presentation mode at 1920×1080 the legend had
        been hidden and nothing said which line was which), else how to read values."""
        legend = getattr(self.owner, "legend", None)
        if legend is not None and legend.items and not legend.isVisible():
            return colour_key(legend)
        return self.tr("move the mouse over the plot to read values")

    def refresh_hint(self) -> None:
        """The legend was shown or hidden: the idle line follows (not while it reads an
        epoch or says something else, such as what Keep run kept)."""
        if not self.v.isVisible() and self.readout.text() == self._idle:
            self._set_hint()

    def _set_hint(self) -> None:
        self._idle = self._hint()
        self.readout.setText(self._idle)

    def _series(self):
        o = self.owner
        return o.train, o.test, o.acc, o.test_acc

    def _moved(self, event) -> None:
        pos = event[0]
        vb = self.owner.plot.getPlotItem().vb
        train = self.owner.train
        if not vb.sceneBoundingRect().contains(pos) or train.n == 0:
            self.hide()                           # over an axis, or nothing to read
            return
        point = vb.mapSceneToView(pos)
        # the nearest epoch that was trained: past the last one, the last (it had named
        # epoch 8 of a one-epoch run, with epoch 1's values)
        first = min(s.x[0] for s in self._series() if s.n)
        epoch = min(max(int(round(point.x())), int(first)), int(train.x[-1]))
        self.v.setValue(point.x())
        self.h.setValue(point.y())
        self.v.show()
        self.h.show()
        self.readout.setText(self.describe(epoch))

    def hide(self) -> None:
        self.v.hide()
        self.h.hide()
        self._set_hint()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.hide()
        return False

    def describe(self, epoch: int) -> str:
        parts = [self.tr("epoch {0}").format(epoch)]
        train, test, acc, test_acc = self._series()
        for label, series, pct in ((self.tr("loss"), train, False),
                                   (self.tr("test loss"), test, False),
                                   (self.tr("training accuracy"), acc, True),
                                   (self.tr("test accuracy"), test_acc, True)):
            # only what was measured at this epoch: at full speed accuracy and test loss are
            # measured now and then, and epoch 1 had read epoch 0's 10 % as its own
            value = series.at(epoch, exact=series is not train)
            if value is not None:       # (a percentage floored as the toolbar's)
                parts.append(f"{label} {percent(value)}" if pct else f"{label} {num(value, 4)}")
        return " · ".join(parts)


def colour_key(legend) -> str:
    """A legend's entries as one line of rich text: each name after a stroke in its curve's
    colour, dashed for a dashed curve."""
    parts = []
    for sample, label in legend.items:
        pen = pg.mkPen(sample.item.opts.get("pen"))
        stroke = "╍╍" if pen.style() != Qt.SolidLine else "━━"
        parts.append(f'<span style="color:{pen.color().name()}">{stroke}</span>&nbsp;'
                     f'{html.escape(label.text)}')
    return "&nbsp;&nbsp; ".join(parts)
