"""Two decision boundaries side by side: the correct network's output and the mistaken
network's, over the same input square, with the training points (2-input networks only)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ..training.boundary import CMAP, POINTS, grid_extent, to_unit
from ..widgets.plot_fit import hide_auto_button

GRID = 48


class TwoBoundaries(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("bug_boundaries")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.plots, self.images, self.points = [], [], []
        for name, title in (("bug_boundary_correct", self.tr("correct")),
                            ("bug_boundary_buggy", self.tr("with the mistakes"))):
            plot = pg.PlotWidget(self, background="w", title=title)
            plot.setObjectName(name)
            plot.setMinimumHeight(self.fontMetrics().height() * 10)
            plot.setMouseEnabled(False, False)
            hide_auto_button(plot)              # nothing to zoom: nothing to fit
            image = pg.ImageItem(axisOrder="row-major")
            image.setColorMap(CMAP)
            points = pg.ScatterPlotItem(size=max(6, self.fontMetrics().height() // 2),
                                        pen=pg.mkPen("k"))
            # parented first: added straight to the plot, pyqtgraph connects each item to the
            # plot widget, then disconnects it again for the view box; that disconnect hung
            # the test run now and then (PySide 6.11), always here
            for item in (image, points):
                item.setParentItem(plot.getViewBox().childGroup)
                plot.addItem(item)
            row.addWidget(plot)
            self.plots.append(plot)
            self.images.append(image)
            self.points.append(points)
        self.outputs: list = [None, None]      # the last maps drawn (for tests and scripts)

    def show(self, networks, x, y) -> None:
        """Draw output 1 of each network over the data's square (2 inputs only)."""
        # (data beyond the plane's limit, as near ±1e308, have no plane to draw either)
        extent = grid_extent(x) if x.shape[1] == 2 else None
        self.setVisible(extent is not None)
        if extent is None:
            return
        x0, x1, y0, y1 = extent
        gx, gy = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
        xx, yy = np.meshgrid(gx, gy)
        grid = np.column_stack([xx.ravel(), yy.ravel()])
        lo, hi = float(y[:, 0].min()), float(y[:, 0].max())
        levels = (lo, hi) if hi > lo else (lo, lo + 1.0)
        colours = [pg.mkBrush(POINTS.map(float((v + 1) / 2), mode="qcolor"))
                   for v in to_unit(y[:, 0], levels)]
        rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        for i, net in enumerate(networks):
            with np.errstate(all="ignore"):
                out = net.feedforward(grid)[:, 0].reshape(GRID, GRID)
            self.outputs[i] = out
            unit = to_unit(out, levels)
            self.images[i].setImage(np.nan_to_num(unit), levels=(-1, 1), autoLevels=False, rect=rect)
            self.points[i].setData(x[:, 0], x[:, 1], brush=colours)
            self.plots[i].setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
