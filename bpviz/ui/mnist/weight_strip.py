"""A strip of 28×28 images beside the first hidden layer of a digit network: unit j's 784
incoming weights W¹ⱼ drawn level with its neuron, on the incoming side (neighbouring units in
staggered columns, so each image is as tall as two neurons' spacing, or three or four when the
neurons sit close, as in presentation mode), on one diverging
colour scale shared by all units (orange −, white 0, blue +, full colour at the largest |w|
of W¹). The unit under the mouse, on the strip or at its neuron, is drawn large beside it.

What a unit has learned is in these images: after training on digits, strokes and blobs.
Drawn from the weights the walk shows (no maths); the MNIST dock has the same images bigger.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsRectItem

from ...core.notation import num
from .weight_images import SIDE, diverging_lut

COLUMNS = 2             # neighbours alternate between two columns: each image is two
GAP = 4                 # neurons' spacing tall, less this many image pixels between two
MAX_COLUMNS = 4         # where two columns give images under MIN_IMAGE_PX, up to this many
MIN_IMAGE_PX = 24       # screen pixels an image should have (28: one a weight)
ROOM = 0.7              # the strip takes at most this part of the gap from the input image
MAX_UNITS = 64          # more units than this leave too few pixels an image: no strip
LARGE_LEAST = 2.5       # view units: the large image at least (a fifth of the tallest column)
# the gaps on screen, in ems of the view's font (its line height), so they follow the font and
# the presentation zoom (which magnifies the view's scene, font included)
COLUMN_GAP_EM = 0.15    # between two columns
NEURON_GAP_EM = 0.2     # between the strip and the neurons' markers
LARGE_GAP_EM = 0.3      # between the large image and the strip


def tr(text: str) -> str:
    return QCoreApplication.translate("WeightStrip", text)


def has_strip(sizes) -> bool:
    return len(sizes) > 2 and int(sizes[0]) == SIDE * SIDE and 1 <= int(sizes[1]) <= MAX_UNITS


class WeightStrip:
    """Owns the strip, the large image and its frame in one network view."""

    def __init__(self, view: pg.PlotWidget, layout):
        self.view, self.lay = view, layout
        self.n = layout.sizes[1]
        ys = layout.y[1]
        self.spacing = float(abs(ys[0] - ys[1])) if self.n > 1 else 1.0
        self._pool = [pg.ImageItem(axisOrder="row-major") for _ in range(min(MAX_COLUMNS, self.n))]
        self.columns = self._pool[:COLUMNS]   # the columns in use (place() may take more)
        self.strip = self.columns[0]          # units 1, 3, 5, … (next to the neurons)
        self.strip.setObjectName("hidden_weight_strip")
        for c, item in enumerate(self._pool[1:], start=1):
            item.setObjectName(f"hidden_weight_strip_{c + 1}")      # units 2, 4, 6, …
        self.large = pg.ImageItem(axisOrder="row-major")
        self.large.setObjectName("hidden_weight_strip_large")
        for item in self._pool + [self.large]:
            item.setLookupTable(diverging_lut())
            item.setZValue(-3)               # above the edges that reach the neurons
        self.large.setZValue(8)              # above everything while it is shown
        self.caption = pg.TextItem(anchor=(0.5, 1), color=(30, 30, 30), fill=pg.mkBrush(255, 255, 255, 225))
        self.caption.setObjectName("hidden_weight_strip_caption")
        self.caption.setZValue(8.2)
        self.frame = QGraphicsRectItem()
        self.frame.setPen(pg.mkPen(60, 60, 60, width=1))
        self.frame.setZValue(8.1)              # its line over the image's edge
        for item in self._pool + [self.large, self.frame, self.caption]:
            view.addItem(item)
        for item in self._pool[len(self.columns):] + [self.large, self.frame, self.caption]:
            item.hide()
        self.weights = None                   # W¹ on show (nˡ × 784)
        self.limit = 1.0
        self.rect = None                      # (x0, y0, w, h) of the strip, view units
        self.width = 0.0                      # of one column, view units
        self._rects = [None] * len(self.columns)      # each column in use: its QRectF, view units
        self.unit = None                      # the unit shown large, or None
        self._px = self._py = 1.0

    # -- where ---------------------------------------------------------------------------------
    def em(self) -> float:
        """The line height of the view's font in scene pixels (the unit of the gaps)."""
        return QFontMetricsF(self.view.scene().font()).height()

    def place(self, px: float, py: float, radius_px: float) -> None:
        """Square images on screen (px, py: view units per scene pixel), ending a fifth of an
        em left of the neurons (radius_px: their radius in pixels)."""
        self._px, self._py = px, py
        self._use_columns(self._columns_for(px, py, radius_px))
        k = len(self.columns)
        em = self.em()
        side_y = k * self.spacing * SIDE / (SIDE + GAP)
        self.width = width = side_y / py * px if py > 0 else 0.1
        gap_x = COLUMN_GAP_EM * em * px
        x1 = float(self.lay.x[1][0]) - (radius_px + NEURON_GAP_EM * em) * px
        top = float(self.lay.y[1][0]) + side_y / 2
        height = (self.n - 1) * self.spacing + side_y
        self.rect = (x1 - k * width - (k - 1) * gap_x, top - height, k * width + (k - 1) * gap_x,
                     height)
        for c, item in enumerate(self.columns):
            units = len(range(c, self.n, k))
            h = (units - 1) * k * self.spacing + side_y
            self._rects[c] = QRectF(x1 - (c + 1) * width - c * gap_x, top - c * self.spacing - h,
                                    width, h)
            if item.image is not None:
                item.setRect(self._rects[c])
        if self.unit is not None:
            self._place_large(self.unit)

    def _columns_for(self, px: float, py: float, radius_px: float) -> int:
        """Two columns, or more (up to four) while two would leave an image fewer than
        MIN_IMAGE_PX screen pixels tall and the strip still fits in ROOM of the gap between the
        input image and the neurons."""
        most = len(self._pool)
        if py <= 0 or most <= COLUMNS:
            return min(COLUMNS, most)
        spacing_px = self.spacing / py * SIDE / (SIDE + GAP)     # an image's height per column
        least = MIN_IMAGE_PX / (abs(self.view.transform().m11()) or 1.0)    # the zoom magnifies
        gap_px = COLUMN_GAP_EM * self.em()
        x1 = float(self.lay.x[1][0]) - (radius_px + NEURON_GAP_EM * self.em()) * px
        image = self.lay.image_rect
        room = (x1 - (image[0] + image[2])) / px if image is not None else float("inf")

        def width(k):                                    # k square images side by side
            return k * k * spacing_px + (k - 1) * gap_px

        k = COLUMNS
        while k < most and k * spacing_px < least and width(k + 1) <= ROOM * room:
            k += 1
        return k

    def _use_columns(self, k: int) -> None:
        if k == len(self.columns):
            return
        self.columns = self._pool[:k]
        self._rects = [None] * k
        for c, item in enumerate(self._pool):
            item.setVisible(c < k)
        if self.weights is not None:
            self._draw()

    def unit_at(self, x: float, y: float):
        """The unit whose image is at view point (x, y), or None."""
        if self.rect is None or self.weights is None:
            return None
        for c, r in enumerate(self._rects):
            if r is not None and r.left() <= x <= r.right() and r.top() <= y <= r.bottom():
                k = len(self.columns)
                i, below = divmod(r.bottom() - y, k * self.spacing)    # image i, below its top
                if below > k * self.spacing * SIDE / (SIDE + GAP):     # the gap under image i
                    return None
                j = c + k * int(i)
                return j if 0 <= j < self.n else None
        return None

    # -- what ----------------------------------------------------------------------------------
    def show(self, w1) -> None:
        w1 = np.asarray(w1, dtype=float)
        if w1.shape != (self.n, SIDE * SIDE):
            return
        if self.weights is not None and np.array_equal(w1, self.weights):
            return
        self.weights = w1.copy()
        self.limit = float(np.max(np.abs(w1))) if np.isfinite(w1).all() else 1.0
        self.limit = self.limit or 1.0
        self._draw()
        if self.unit is not None:
            self.hover(self.unit, force=True)

    def _draw(self) -> None:
        """Each column in use: the mosaic of its units' images, top unit first."""
        w1, cell, k = self.weights, SIDE + GAP, len(self.columns)
        for c, item in enumerate(self.columns):
            units = range(c, self.n, k)
            mosaic = np.zeros((len(units) * cell - GAP, SIDE))
            for i, j in enumerate(units):
                mosaic[i * cell:i * cell + SIDE] = w1[j].reshape(SIDE, SIDE)
            # row 0 of an image is drawn at the bottom of its rect: the top unit's rows last
            item.setImage(mosaic[::-1], levels=(-self.limit, self.limit), autoLevels=False)
            if self._rects[c] is not None:
                item.setRect(self._rects[c])

    def hover(self, j, force: bool = False) -> None:
        """Show unit j large (None: hide it)."""
        if j == self.unit and not force:
            return
        self.unit = j
        shown = j is not None and self.weights is not None
        for item in (self.large, self.frame, self.caption):
            item.setVisible(shown)
        if not shown:
            return
        self.caption.setText(tr("hidden unit {0}").format(j + 1))
        img = self.weights[j].reshape(SIDE, SIDE)[::-1]
        self.large.setImage(img, levels=(-self.limit, self.limit), autoLevels=False)
        self._place_large(j)

    def _place_large(self, j: int) -> None:
        """Unit j's image as large as the input image (the same for 1 unit or 64), left of the
        strip and level with the unit as far as the strip's height allows; smaller only where
        the view has no room left of the strip. (A fifth of the column, ~28 px on a 1366×768
        screen, had been too small to see what a unit learned.)"""
        if self.rect is None:
            return
        x0, y0, w, h = self.rect
        gap = LARGE_GAP_EM * self.em() * self._px
        image = self.lay.image_rect
        side_y = image[3] if image is not None else LARGE_LEAST
        if self._py > 0 and self._px > 0:
            left = self.view.getViewBox().viewRange()[0][0]
            room_y = (x0 - gap - left) / self._px * self._py        # the width left, as height
            side_y = max(LARGE_LEAST, min(side_y, room_y))
        side_x = side_y / self._py * self._px if self._py > 0 else w
        cy = float(self.lay.y[1][j])
        bottom = min(max(cy - side_y / 2, y0), y0 + h - side_y) if h > side_y else cy - side_y / 2
        rect = QRectF(x0 - side_x - gap, bottom, side_x, side_y)
        self.large.setRect(rect)
        self.frame.setRect(rect)
        # above it (y grows upwards), or under it where it stands at the strip's top (the
        # caption would sit on the layer's header)
        under = h > side_y and bottom >= y0 + h - side_y - 1e-9
        self.caption.setAnchor((0.5, 0) if under else (0.5, 1))
        self.caption.setPos(rect.center().x(), rect.top() if under else rect.bottom())

    def tooltip(self, j: int) -> str:
        return tr("Hidden unit {j}: its 784 incoming weights W¹ as a 28×28 image (blue +, "
                  "orange −, white 0; one scale for all units, full colour at |w| = {m})").format(
                      j=j + 1, m=num(self.limit, 3))
