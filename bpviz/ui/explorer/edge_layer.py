"""All the edges of the network view as a few batched pyqtgraph curves.

One PlotCurveItem per (sign, strength) bin plus one for "not computed yet" (dotted), each
drawn with connect='pairs', so 23 550 MNIST edges cost the same number of items as the toy's
nine. The bins, colours and widths come from ColourScale; this module only sorts edges into
them and hands the segments to pyqtgraph.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

from ..widgets.colour_scale import N_BINS, ColourScale
from .network_layout import Layout

MANY_EDGES = 2000        # beyond this: thin opaque lines, no antialiasing
TOP_K = 1500             # a weight matrix bigger than MANY_EDGES shows its top k entries by |value|


class EdgeLayer:
    def __init__(self, plot: pg.PlotWidget, layout: Layout, scale: ColourScale):
        self.layout, self.scale = layout, scale
        many = layout.n_edges > MANY_EDGES
        self.max_width = 1.5 if many else 9.0 if layout.n_edges <= 60 else 5.0
        self.items = []
        for b in range(2 * N_BINS):
            t, sign = ColourScale.bin_strength(b), ColourScale.bin_sign(b)
            pen = pg.mkPen(ColourScale.colour(sign, t, many),
                           width=ColourScale.width(t, self.max_width))
            item = pg.PlotCurveItem(pen=pen, connect="pairs", antialias=not many)
            item.setSegmentedLineMode("on")       # drawLines: far faster than one long path
            item.setZValue(-10)
            if many:            # thousands of lines: paint them once per change, then a pixmap
                item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
            self.items.append(item)
        pending = pg.PlotCurveItem(pen=pg.mkPen(200, 200, 200, width=1, style=Qt.DotLine),
                                   connect="pairs")
        pending.setZValue(-11)
        self.items.append(pending)
        for item in self.items:
            plot.addItem(item)
        self._key = None
        self.top_k = TOP_K
        self.hidden = 0                   # edges left out by the top-k rule in the last draw

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
        for b, item in enumerate(self.items):
            xs, ys = lay.edge_segments(bins == b)
            item.setData(x=xs, y=ys, connect="pairs")
            item.setVisible(len(xs) > 0)      # an empty bin costs a paint call all the same
        return True

    def invalidate(self) -> None:
        self._key = None
