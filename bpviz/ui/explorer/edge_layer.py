"""All the edges of the network view as one batched item.

The edges are sorted into (sign, strength) bins plus one for "not computed yet" (dotted);
each bin is one QPainter.drawLines call with its pen, so 23 550 MNIST edges cost the same
number of items as the toy's nine (one), and the item keeps its picture between repaints.
The bins, colours and widths come from ColourScale; this module only sorts edges into them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from ..widgets.colour_scale import N_BINS, ColourScale
from .network_layout import Layout

MANY_EDGES = 2000        # beyond this: thin opaque lines, no antialiasing
TOP_K = 1500             # a weight matrix bigger than MANY_EDGES shows its top k entries by |value|


class EdgePicture(pg.GraphicsObject):
    """Every edge in one item, drawn bin by bin (each with its pen) with QPainter.drawLines,
    and kept as one picture (DeviceCoordinateCache): a repaint of the view copies one pixmap
    instead of drawing, or blending, a layer per bin. Qt draws it again when the edges change
    (`set_bins`) or the zoom does."""

    def __init__(self, max_width: float):
        super().__init__()
        self.pad = max_width / 2 + 1     # pixels
        self.bins = []                   # [(pen, segments, antialias)] in drawing order
        self.rect = QRectF()             # the edges' ends, in view units
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)

    def set_bins(self, bins, rect: QRectF) -> None:
        """`bins`: [(pen, x, y, antialias)] with x, y as for connect='pairs'."""
        self.prepareGeometryChange()
        self.bins = [(pen, arrayToLineSegments(x, y, connect="pairs", finiteCheck=False), aa)
                     for pen, x, y, aa in bins if len(x)]
        self.rect = rect
        self.update()

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()     # the pen's pixels are other view units now

    def boundingRect(self) -> QRectF:
        if self.rect.isNull():
            return QRectF()
        vx, vy = self.pixelVectors()
        if vx is None:
            return QRectF(self.rect)
        px, py = abs(vx.x()) + abs(vy.x()), abs(vx.y()) + abs(vy.y())
        return self.rect.adjusted(-self.pad * px, -self.pad * py, self.pad * px, self.pad * py)

    def paint(self, painter, *args) -> None:
        for pen, segments, antialias in self.bins:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
            painter.setPen(pen)
            painter.drawLines(*segments.drawargs())


class EdgeLayer:
    def __init__(self, plot: pg.PlotWidget, layout: Layout, scale: ColourScale):
        self.layout, self.scale = layout, scale
        many = self.many = layout.n_edges > MANY_EDGES
        self.max_width = 1.5 if many else 9.0 if layout.n_edges <= 60 else 5.0
        self.pens = []
        for b in range(2 * N_BINS):
            t, sign = ColourScale.bin_strength(b), ColourScale.bin_sign(b)
            self.pens.append(pg.mkPen(ColourScale.colour(sign, t, many),
                                      width=ColourScale.width(t, self.max_width)))
        # edges not computed yet: dotted, drawn first (under the others)
        self.pending_pen = pg.mkPen(200, 200, 200, width=1, style=Qt.DotLine)
        self.antialias = not many        # thousands of lines: thin, opaque, not antialiased
        self.picture = EdgePicture(max_width=self.max_width)
        self.picture.setZValue(-10)
        plot.addItem(self.picture)
        x0, x1, y0, y1 = (min(layout.edge_x0.min(), layout.edge_x1.min()),
                          max(layout.edge_x0.max(), layout.edge_x1.max()),
                          min(layout.edge_y0.min(), layout.edge_y1.min()),
                          max(layout.edge_y0.max(), layout.edge_y1.max())) \
            if layout.n_edges else (0, 0, 0, 0)
        self.rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        self._key = None
        self.top_k = TOP_K
        self.hidden = 0                   # edges left out by the top-k rule in the last draw

    def set_cached(self, on: bool) -> None:
        """Keep the edges as a picture (on: repaints that do not change them are cheap) or
        draw them directly (off, while training changes them at every redraw: a picture
        rebuilt every time made the MNIST view's repaint ~2× slower)."""
        self.picture.setCacheMode(QGraphicsItem.DeviceCoordinateCache if on
                                  else QGraphicsItem.NoCache)

    def set_top_k(self, k: int) -> None:
        if k != self.top_k:
            self.top_k = int(k)
            self._key = None

    def draw(self, values: list, mode_key=()) -> bool:
        """`values[l - 1]` is the matrix drawn for Wˡ's edges, or None (not computed yet).
        Returns False when nothing changed since the last call (nothing redrawn)."""
        key = (tuple(id(v) for v in values), self.scale.mode, self.scale.fixed_max) + mode_key
        if key == self._key:
            return False
        self._key = key
        lay = self.layout
        flat = np.concatenate([np.full(lay.sizes[l + 1] * lay.sizes[l], np.nan) if v is None
                               else np.asarray(v, dtype=float).ravel()
                               for l, v in enumerate(values)])
        known = np.isfinite(flat)
        self.scale.fit(flat[known])
        bins = np.full(flat.size, 2 * N_BINS)
        bins[known] = self.scale.bins(flat[known])
        self.hidden = 0
        for l in range(len(values)):             # big matrices: only their strongest entries
            lo, hi = int(lay.edge_offsets[l]), int(lay.edge_offsets[l + 1])
            if hi - lo > MANY_EDGES and self.top_k < hi - lo:
                part = np.abs(np.nan_to_num(flat[lo:hi], nan=0.0))
                weak = np.argpartition(part, hi - lo - self.top_k)[: hi - lo - self.top_k]
                bins[lo + weak] = -1
                self.hidden += weak.size
        drawn = [(self.pending_pen, *lay.edge_segments(bins == 2 * N_BINS), False)]
        drawn += [(pen, *lay.edge_segments(bins == b), self.antialias)
                  for b, pen in enumerate(self.pens)]
        self.picture.set_bins(drawn, self.rect)
        return True

    def invalidate(self) -> None:
        self._key = None
