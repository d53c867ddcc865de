"""The descent view's plots: paths as points joined by arrows over either a curve f(x) with
its tangent (CurvePlot) or a filled contour map, f as an image (pyqtgraph ImageItem) with
contour lines (IsocurveItem) and the step arrow at the current point (ContourPlot)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

from ..widgets.plot_fit import fit_by_menu

COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
LEVELS = 12


def shade(values: np.ndarray) -> np.ndarray:
    """What the colours show: log(1 + (f − min f)/(2 % of the range)), so a deep valley and its
    steep walls both show, whatever the units of f."""
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros_like(values)
    low, high = values[finite].min(), values[finite].max()
    unit = 0.02 * (high - low) or 1.0
    out = np.log1p(np.where(finite, values - low, 0.0) / unit)
    return np.where(finite, out, out[finite].max())


class PathPlot(pg.PlotWidget):
    """A white plot with a legend, paths with arrow heads, a current-point marker and a step arrow."""

    def __init__(self, x_label: str, y_label: str, parent=None):
        super().__init__(parent)
        self.setBackground("w")
        fit_by_menu(self)                     # no "A" button; right-click → Fit the view
        self.setLabel("bottom", x_label)
        self.setLabel("left", y_label)
        self.legend = self.addLegend(offset=(-10, 10), labelTextColor="#202020",
                                     brush=pg.mkBrush(255, 255, 255, 200))
        for side in ("bottom", "left"):
            self.getAxis(side).enableAutoSIPrefix(False)
        self.paths: list[pg.PlotDataItem] = []
        self.heads: list[pg.ArrowItem] = []
        self.marker = pg.ScatterPlotItem(size=12, brush=pg.mkBrush("#ffffff"),
                                         pen=pg.mkPen("#000000", width=1.5))
        self.marker.setZValue(10)
        self.addItem(self.marker)
        self.gradient = pg.PlotDataItem(pen=pg.mkPen("#ff00ff", width=2))
        self.gradient_head = pg.ArrowItem(headLen=14, brush="#ff00ff", pen=None)
        self.addItem(self.gradient)
        self.addItem(self.gradient_head)
        self.gradient_head.hide()
        self.getViewBox().sigRangeChanged.connect(self.refresh_arrows)
        self.getViewBox().sigResized.connect(self.refresh_arrows)
        self.getViewBox().sigTransformChanged.connect(self.refresh_arrows)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if "heads" in self.__dict__:            # not during construction
            self.refresh_arrows()

    def showEvent(self, event):
        super().showEvent(event)
        if "heads" in self.__dict__:
            self.refresh_arrows()

    def refresh_arrows(self, *_) -> None:
        """Arrow heads point in screen directions: re-aim them when the axes change."""
        for head in self.heads:
            place_arrow(self.getViewBox(), head, *head.ends)
        if self.gradient_head.isVisible():
            place_arrow(self.getViewBox(), self.gradient_head, *self.gradient_head.ends)

    def clear_paths(self) -> None:
        for item in self.paths + self.heads:
            self.removeItem(item)
        self.paths, self.heads = [], []
        self.legend.clear()
        self.legend.hide()                    # an empty legend would still draw its box
        self.marker.setData([], [])
        self.gradient.setData([], [])
        self.gradient_head.hide()

    def add_path(self, xs, ys, colour: str, name: str | None, max_heads: int = 200) -> None:
        """A path as points joined by lines, with an arrow head on each of its last steps."""
        item = pg.PlotDataItem(xs, ys, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=6,
                               symbolBrush=colour, symbolPen=None, name=name)
        self.addItem(item)
        self.paths.append(item)
        if name:
            self.legend.show()
        for i in range(max(1, len(xs) - max_heads), len(xs)):
            ends = (xs[i - 1], ys[i - 1], xs[i], ys[i])
            if np.isfinite(ends).all() and ends[:2] != ends[2:]:
                head = pg.ArrowItem(headLen=16, tipAngle=40, brush=colour, pen=pg.mkPen("#222222", width=1))
                head.middle = True
                head.ends = ends
                self.addItem(head)
                place_arrow(self.getViewBox(), head, *ends)
                self.heads.append(head)

    def set_current(self, x: float, y: float, step: tuple | None = None) -> None:
        """The current point, and an arrow along the step it is about to take."""
        self.marker.setData([x], [y])
        if step is None or not np.all(np.isfinite(step)) or not np.any(step):
            self.gradient.setData([], [])
            self.gradient_head.hide()
            return
        x1, y1 = x + step[0], y + step[1]
        self.gradient.setData([x, x1], [y, y1])
        self.gradient_head.ends = (x, y, x1, y1)
        place_arrow(self.getViewBox(), self.gradient_head, x, y, x1, y1)
        self.gradient_head.show()


class ContourPlot(PathPlot):
    """f(a, b) as colours and contour lines; `values[i, j]` is at (xs[i], ys[j])."""

    def __init__(self, x_label: str, y_label: str, parent=None):
        super().__init__(x_label, y_label, parent)
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.image.setZValue(-10)
        self.addItem(self.image)
        self.isocurves = []
        for _ in range(LEVELS):
            iso = pg.IsocurveItem(pen=pg.mkPen((255, 255, 255, 150), width=1))
            iso.setParentItem(self.image)       # drawn in the image's grid coordinates
            self.isocurves.append(iso)
        self.grid_values = None

    def clear_surface(self) -> None:
        """No surface (its network has gone)."""
        self.grid_values = None
        self.image.clear()
        for iso in self.isocurves:
            iso.setData(None)

    def set_surface(self, xs: np.ndarray, ys: np.ndarray, values: np.ndarray) -> None:
        self.grid_values = (xs, ys, values)
        shaded = shade(values)
        self.image.setImage(shaded, autoLevels=True)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys)))
        # contour levels at quantiles of the shown values: evenly spread over the picture
        # (over the part below the top, where values were clipped to it: a wide Rosenbrock's
        # walls would otherwise take every level)
        below = shaded[shaded < np.nanmax(shaded)]
        spread = below if below.size > 0.1 * shaded.size else shaded
        levels = np.quantile(spread, np.linspace(0, 1, LEVELS + 2)[1:-1])
        for level, iso in zip(levels, self.isocurves):
            iso.setData(shaded, level=float(level))
        self.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0)


def place_arrow(vb, head: pg.ArrowItem, x0, y0, x1, y1) -> None:
    """Point `head` at (x1, y1), coming from (x0, y0). ArrowItem angles are in screen degrees,
    measured from the arrow pointing left, so the data direction is mapped through the view."""
    if getattr(head, "middle", False):        # path heads sit half-way along their step
        head.setPos((x0 + x1) / 2, (y0 + y1) / 2)
    else:
        head.setPos(x1, y1)
    dx, dy = x1 - x0, -(y1 - y0)         # screen y points down
    if vb is not None:
        p0, p1 = vb.mapViewToScene(pg.Point(x0, y0)), vb.mapViewToScene(pg.Point(x1, y1))
        if abs(p1.x() - p0.x()) + abs(p1.y() - p0.y()) > 1e-9:   # a laid-out view
            dx, dy = p1.x() - p0.x(), p1.y() - p0.y()
            if getattr(head, "middle", False):
                # a step shorter than two heads on screen shows no head: no clutter at the end
                head.setVisible(bool(np.hypot(dx, dy) >= 2 * head.opts["headLen"]))
    head.setStyle(angle=180.0 + np.degrees(np.arctan2(dy, dx)))


class CurvePlot(PathPlot):
    """f(x) as a curve, with the tangent at the current point."""

    def __init__(self, x_label: str, y_label: str, parent=None):
        super().__init__(x_label, y_label, parent)
        self.curve = pg.PlotDataItem(pen=pg.mkPen("#444444", width=2))
        self.tangent = pg.PlotDataItem(pen=pg.mkPen("#ff7f0e", width=1.5, style=Qt.DashLine))
        self.curve.setZValue(-5)
        self.addItem(self.curve)
        self.addItem(self.tangent)
        # the legend at the top's middle, over the valley: in a corner it hid the curve's arms
        self.legend.anchor(itemPos=(0.5, 0), parentPos=(0.5, 0), offset=(0, 10))

    def set_curve(self, xs, fs) -> None:
        self.curve.setData(xs, fs)

    def set_tangent(self, x: float, f: float, slope: float, half_width: float) -> None:
        if not np.isfinite([x, f, slope]).all():
            self.tangent.setData([], [])
            return
        xs = np.array([x - half_width, x + half_width])
        self.tangent.setData(xs, f + slope * (xs - x))
