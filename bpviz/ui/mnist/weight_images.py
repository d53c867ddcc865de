"""Each hidden unit's incoming weights W¹ⱼ drawn as a 28×28 image: what a learner looks at to
see what a unit learned. One shared diverging colour scale for all units (the network view's
map: orange negative, white 0, blue positive, full colour at the largest |w|); the unit under
the mouse is shown large beside the grid."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.notation import num
from ..widgets.colour_scale import NEGATIVE, POSITIVE

SIDE = 28
GAP = 3                  # pixels of the digit between two units' images
PAPER = np.array([255, 255, 255])      # zero: the page the digit is written on


def diverging_lut() -> np.ndarray:
    """256 colours from orange (−max) through white (0) to blue (+max)."""
    t = np.linspace(-1, 1, 256)[:, None]
    neg = PAPER + (NEGATIVE - PAPER) * np.clip(-t, 0, 1)
    pos = PAPER + (POSITIVE - PAPER) * np.clip(t, 0, 1)
    return np.where(t < 0, neg, pos).astype(np.uint8)


class WeightImages(QWidget):
    """`show_weights(W1)` draws row j of W¹ (nˡ × 784) as unit j's image."""

    unit_hovered = Signal(object)      # j (0-based) or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("hidden_weight_images")
        self.plot = pg.GraphicsLayoutWidget(self)
        self.plot.setObjectName("hidden_weight_plot")
        self.plot.setBackground("#fcfcfc")
        self.grid = self.plot.addViewBox(row=0, col=0, lockAspect=True, invertY=True,
                                         enableMouse=False)
        self.large = self.plot.addViewBox(row=0, col=1, lockAspect=True, invertY=True,
                                          enableMouse=False)
        self.plot.ci.layout.setColumnStretchFactor(0, 3)
        self.plot.ci.layout.setColumnStretchFactor(1, 2)
        self.mosaic = pg.ImageItem(axisOrder="row-major")
        self.mosaic.setObjectName("hidden_weight_mosaic")
        self.zoomed = pg.ImageItem(axisOrder="row-major")
        self.zoomed.setObjectName("hidden_weight_large")
        for item, box in ((self.mosaic, self.grid), (self.zoomed, self.large)):
            item.setLookupTable(diverging_lut())
            box.addItem(item)
        self.caption = QLabel(self)
        self.caption.setObjectName("hidden_weight_caption")
        self.caption.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.plot, 1)
        box.addWidget(self.caption)
        self.weights = None
        self.limit = 1.0
        self.columns = 1
        self.unit = 0
        self.plot.scene().sigMouseMoved.connect(self._hover)

    def show_weights(self, w1) -> None:
        w1 = np.asarray(w1, dtype=float)
        if self.weights is not None and np.array_equal(w1, self.weights):
            return
        self.weights = w1.copy()
        n = len(w1)
        self.limit = float(np.max(np.abs(w1))) or 1.0
        self.columns = cols = max(1, math.ceil(math.sqrt(n * 1.5)))
        rows = math.ceil(n / cols)
        cell = SIDE + GAP
        mosaic = np.full((rows * cell - GAP, cols * cell - GAP), np.nan)
        for j in range(n):
            r, c = divmod(j, cols)
            mosaic[r * cell:r * cell + SIDE, c * cell:c * cell + SIDE] = w1[j].reshape(SIDE, SIDE)
        shown = np.nan_to_num(mosaic, nan=0.0)
        self.mosaic.setImage(shown, levels=(-self.limit, self.limit), autoLevels=False)
        self.mosaic.setRect(QRectF(0, 0, shown.shape[1], shown.shape[0]))
        self.grid.autoRange(padding=0.01)
        self.show_unit(min(self.unit, n - 1))

    def show_unit(self, j: int) -> None:
        self.unit = j
        img = self.weights[j].reshape(SIDE, SIDE)
        self.zoomed.setImage(img, levels=(-self.limit, self.limit), autoLevels=False)
        self.large.autoRange(padding=0.02)
        self.caption.setText(self.tr("Hidden unit {j}: its 784 incoming weights W¹ as an image "
                                     "(blue +, orange −, white 0; one scale for all units, full "
                                     "colour at |w| = {m}). Hover over a unit to see it large.")
                             .format(j=j + 1, m=num(self.limit, 3)))

    def unit_at(self, scene_pos):
        if self.weights is None or not self.grid.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.grid.mapSceneToView(scene_pos)
        cell = SIDE + GAP
        c, r = int(p.x() // cell), int(p.y() // cell)
        j = r * self.columns + c
        inside = 0 <= c < self.columns and p.x() >= 0 and p.y() >= 0
        return j if inside and j < len(self.weights) else None

    def _hover(self, scene_pos) -> None:
        j = self.unit_at(scene_pos)
        if j is not None and j != self.unit:
            self.show_unit(j)
        self.unit_hovered.emit(j)
