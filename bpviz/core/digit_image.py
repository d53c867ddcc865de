"""A drawing turned into an MNIST-like digit, the way the MNIST digits were made: the ink's
bounding box scaled to fit a 20×20 box keeping its aspect ratio (area-averaged, so the edges come
out anti-aliased grey), then placed in a 28×28 field so that its centre of mass sits at the
field's centre.

Coordinates are pixel indices (row i, column j), as in MNIST, whose digits have their centre of
mass near pixel (14, 14). Images are float arrays in [0, 1], ink bright (as MNIST stores them
once divided by 255).
"""

from __future__ import annotations

import numpy as np

from .errors import BpvizError

SIDE = 28            # the field
BOX = 20             # the box the digit is scaled to fit
INK = 0.05           # a pixel brighter than this (of the brightest) counts as ink for the box


def ink_box(image: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right), bottom and right exclusive, of the pixels that carry ink;
    None for a blank image."""
    image = np.asarray(image, dtype=float)
    peak = float(image.max(initial=0.0))
    if peak <= 0.0:
        return None
    ink = image > INK * peak
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def area_matrix(n_in: int, n_out: int) -> np.ndarray:
    """R (n_out, n_in): output pixel i is the mean of the input over [i·s, (i + 1)·s) with
    s = n_in / n_out, each input pixel weighted by how much of it falls inside (box filter)."""
    s = n_in / n_out
    lo = np.arange(n_out)[:, None] * s
    k = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(lo + s, k + 1) - np.maximum(lo, k), 0.0, None)
    return overlap / s


def fit_box(crop: np.ndarray, box: int = BOX) -> np.ndarray:
    """`crop` scaled so its longer side is `box` pixels, keeping the aspect ratio."""
    h, w = crop.shape
    scale = box / max(h, w)
    out_h, out_w = max(1, round(h * scale)), max(1, round(w * scale))
    return area_matrix(h, out_h) @ crop @ area_matrix(w, out_w).T


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the brightness-weighted mean of the pixel indices."""
    image = np.asarray(image, dtype=float)
    total = image.sum()
    if total <= 0:
        raise BpvizError("the image is blank: it has no centre of mass")
    rows = np.arange(image.shape[0])
    cols = np.arange(image.shape[1])
    return float(rows @ image.sum(axis=1) / total), float(cols @ image.sum(axis=0) / total)


def to_mnist(image: np.ndarray) -> np.ndarray:
    """A drawing (any size, greyscale in [0, 1], ink bright) → a 28×28 float image in [0, 1]
    made like an MNIST digit. A blank drawing is a BpvizError."""
    image = np.asarray(image, dtype=float)
    if image.ndim != 2:
        raise BpvizError(f"a drawing is a 2-d greyscale image, not shape {image.shape}")
    box = ink_box(image)
    if box is None:
        raise BpvizError("the drawing is empty: draw a digit")
    top, bottom, left, right = box
    digit = np.clip(fit_box(image[top:bottom, left:right]), 0.0, 1.0)
    h, w = digit.shape
    r, c = centre_of_mass(digit)
    # where the digit's top-left goes so its centre of mass lands on (14, 14), kept inside
    top = int(np.clip(np.floor(SIDE / 2 - r + 0.5), 0, SIDE - h))
    left = int(np.clip(np.floor(SIDE / 2 - c + 0.5), 0, SIDE - w))
    field = np.zeros((SIDE, SIDE))
    field[top:top + h, left:left + w] = digit
    return field


def to_input(image: np.ndarray) -> np.ndarray:
    """The 784-vector a network reads: `to_mnist(image)` row by row."""
    return to_mnist(image).reshape(-1)
