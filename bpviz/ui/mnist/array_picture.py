"""A 784-vector as its 28×28 image, and an n×784 matrix (W¹, ∂C/∂W¹) as one 28×28 image per
row, for the inspector: signed values on the window's diverging map (orange −, white 0,
blue +) with one scale, full colour at the largest |value|."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

from .weight_images import GAP, SIDE, diverging_lut


def shows_as_picture(values) -> bool:
    a = np.asarray(values)
    return a.shape[-1] == SIDE * SIDE and a.ndim in (1, 2)


def picture(values, height: int) -> QPixmap:
    """The array's image, scaled (no smoothing: the pixels stay pixels) to `height` pixels."""
    a = np.atleast_2d(np.asarray(values, dtype=float))
    n = len(a)
    cols = max(1, math.ceil(math.sqrt(n * 2)))
    rows = math.ceil(n / cols)
    cell = SIDE + GAP
    mosaic = np.full((rows * cell - GAP, cols * cell - GAP), 0.0)
    for j in range(n):
        r, c = divmod(j, cols)
        mosaic[r * cell:r * cell + SIDE, c * cell:c * cell + SIDE] = a[j].reshape(SIDE, SIDE)
    limit = float(np.max(np.abs(a))) or 1.0
    index = np.clip(np.round((mosaic / limit + 1) * 127.5), 0, 255).astype(np.intp)
    rgb = diverging_lut().take(index, axis=0)      # (4× faster than indexing with it)
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888).copy()
    return QPixmap.fromImage(image).scaledToHeight(height, Qt.FastTransformation)
