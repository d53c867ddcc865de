"""The bottom axis of a plot against epochs: ticks at whole epochs only. On a short range
pyqtgraph would put labelled ticks at 0.5, 1.5, … between them, epochs that never happen."""

from __future__ import annotations

import pyqtgraph as pg


class EpochAxis(pg.AxisItem):
    def __init__(self, orientation: str = "bottom", **kwargs):
        super().__init__(orientation, **kwargs)
        self.setObjectName("epoch_axis")

    def tickSpacing(self, minVal, maxVal, size):
        """pyqtgraph's levels (major, minor, …) without those finer than one epoch; one tick
        per epoch when even the major level is finer (a range of a few epochs)."""
        levels = super().tickSpacing(minVal, maxVal, size)
        whole = [(float(round(spacing)), offset) for spacing, offset in levels if spacing >= 1 - 1e-9]
        return whole or [(1.0, 0.0)]
