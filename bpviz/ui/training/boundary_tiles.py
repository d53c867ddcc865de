"""The decision boundary's grid and small maps: their sizes, and pointing at them (the neuron
under the mouse drawn in the big map, outlined among the small ones; the output chosen for
the big map). A part of `BoundaryView` (boundary.py), which holds the maps."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF

GRID = 60                 # grid points per axis for the big map
TILE_STEP = 3             # the small maps take every 3rd grid point: 20×20
GAP = 3                   # transparent pixels between small maps in a column
ROW_PITCH = GRID // TILE_STEP + 8    # from one layer's row of small maps to the next


class BoundaryHover:
    def show_neuron(self, neuron) -> None:
        """Show neuron (l, j) (l 1-based, j 0-based) in the big map; None: the output."""
        if neuron == self.hovered or not self.usable:
            return
        self.hovered = neuron
        self.highlight.setVisible(neuron is not None)
        if neuron is not None:
            l, j = neuron
            c = next((i for i, (ll, _) in enumerate(self._columns) if ll == l), None)
            if c is not None:
                tile = self._tile
                self.highlight.setRect(QRectF(j * (tile + GAP) - 1, c * ROW_PITCH - 1,
                                              tile + 2, tile + 2))
        if getattr(self, "_maps", None) is not None:
            self._draw_big()

    def _tiles_hover(self, pos) -> None:
        p = self.tiles_box.mapSceneToView(pos)
        tile = self._tile
        j, cx = divmod(int(np.floor(p.x())), tile + GAP)
        c, ry = divmod(int(np.floor(p.y())), ROW_PITCH)
        if (0 <= c < len(self._columns) and cx < tile and ry < tile and p.x() >= 0
                and p.y() >= 0 and j < self._columns[c][1]):
            self.show_neuron((self._columns[c][0], j))
        else:
            self.show_neuron(None)

    def _choose_output(self, index: int) -> None:
        self.output_index = max(index, 0)
        self.rebuild()

    def fit_tile_labels(self, *_) -> None:
        """Every row's label where the rows are far enough apart on screen; where they are
        not (ten layers in a low dock: the labels had piled up on each other), every k-th
        row's, the output's always."""
        labels = getattr(self, "tile_labels", [])
        if not labels:
            return
        per_unit = self.tiles_box.viewPixelSize()[1]     # view units per screen pixel
        if not per_unit or not math.isfinite(per_unit):
            return
        row_px = ROW_PITCH / per_unit
        need = max(label.textItem.boundingRect().height() for label in labels)
        every = max(1, math.ceil(need / row_px)) if row_px > 0 else len(labels)
        last = len(labels) - 1
        for r, label in enumerate(labels):
            label.setVisible(r == last or (r % every == 0 and last - r >= every))
