"""A plot's legend where it covers least of its curves, on a light backing.

The loss plot's legend sat in the top-right corner whatever the curves did: in presentation
mode at 1366×768 a trained XOR's loss line ran through "training loss (epoch mean)". Like
matplotlib's "best" location, each corner and the middles of the top and bottom edges are
tried, and the legend goes where the curves run under it for the shortest stretch, measured
on the curves as drawn (after the log axis and the downsampling). It moves only for a clear
gain (`MARGIN`), so it does not hop while training, and a legend the user dragged stays where
it was put (until the plot's "Fit the view"). Where every spot is crossed, the backing
(`BACKING`) keeps the names readable over the line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt

# where the legend may stand, as fractions of the plot's width and height (0: left, top):
# the corners, top right first (where it starts), then the middles of the top and bottom edges
SPOTS = ((1, 0), (0, 0), (1, 1), (0, 1), (0.5, 0), (0.5, 1))
SAMPLES = 64           # points per curve along the legend's width
MARGIN = 0.05          # a spot must cover this much less (of the legend's width) to move to
BACKING = (255, 255, 255, 215)


def give_backing(legend) -> None:
    """A nearly opaque white box behind the names, and a drag that pins the legend."""
    legend.setBrush(pg.mkBrush(*BACKING))
    drag = legend.mouseDragEvent

    def dragged(event):
        if event.button() == Qt.MouseButton.LeftButton:    # (the only drag that moves it)
            legend.user_placed = True
        drag(event)
    legend.mouseDragEvent = dragged


def coverage(box, vb, left: float, top: float, width: float, height: float, x, y) -> float:
    """The fraction of the rectangle's width (in `vb`'s pixels) along which the curve (x, y),
    in the view coordinates of `box`, runs inside the rectangle."""
    if x is None or len(x) == 0:
        return 0.0
    a = box.mapSceneToView(vb.mapToScene(QPointF(left, top)))
    b = box.mapSceneToView(vb.mapToScene(QPointF(left + width, top + height)))
    x0, x1 = sorted((a.x(), b.x()))
    y0, y1 = sorted((a.y(), b.y()))
    lo, hi = max(x0, float(x[0])), min(x1, float(x[-1]))
    if hi < lo or x1 <= x0:
        return 0.0
    xs = np.linspace(lo, hi, SAMPLES)
    ys = np.interp(xs, x, y)
    inside = np.count_nonzero((ys >= y0) & (ys <= y1)) / SAMPLES
    return inside * (hi - lo) / (x1 - x0)


def place_legend(legend, vb, curves, margin: float = 8) -> None:
    """Anchor `legend` (a child of `vb`, the plot's ViewBox) `margin` pixels inside the spot
    where `curves` ((ViewBox the curve lives in, PlotDataItem), ...) cover it least."""
    if legend is None or not legend.isVisible() or getattr(legend, "user_placed", False):
        return
    rect = legend.boundingRect()
    width, height = rect.width(), rect.height()
    if vb.width() < width + 2 * margin:
        return
    drawn = [(box, *curve.getData()) for box, curve in curves if curve.isVisible()]
    costs = []
    for fx, fy in SPOTS:
        left = min(max(margin, fx * vb.width() - fx * width + (1 - 2 * fx) * margin),
                   vb.width() - margin - width)
        top = max(margin, vb.height() - margin - height) if fy else margin
        costs.append(sum(coverage(box, vb, left, top, width, height, x, y)
                         for box, x, y in drawn))
    now = getattr(legend, "spot", 0)
    best = min(range(len(SPOTS)), key=costs.__getitem__)     # (the first of equals)
    if costs[best] < costs[now] - MARGIN:
        legend.spot = best
        fx, fy = SPOTS[best]
        legend.anchor(itemPos=(fx, fy), parentPos=(fx, fy),
                      offset=((1 - 2 * fx) * margin, (1 - 2 * fy) * margin))
