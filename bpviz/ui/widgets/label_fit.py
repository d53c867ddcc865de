"""How much text fits beside the neurons and on the edges at the view's current zoom.

Neuron labels come in four modes, chosen per layer from the pixels between two neurons of
the column and the pixels to the next column:

- "full":  one line per value (z, a, δ, b), 9.5 pt — toy and XOR size;
- "two":   the same values on two lines, 8.5 pt — e.g. 8 hidden neurons;
- "short": the latest value on one line, 8 pt — e.g. 16 hidden neurons;
- "none":  no labels; hover a neuron for its values, click it to see them in the inspector.

Edge labels are placed greedily along their edges where they cover neither a neuron, a
neuron label nor another edge label, at the spot the fewest other edges run under; the rest
show when their neuron or edge is hovered or selected. All geometry is in pixels (x right,
y down) so it holds at any zoom.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

FONT_PT = {"full": 9.5, "two": 8.5, "short": 8.0}
EDGE_PT = 8.5
EDGE_SMALLEST = 6.0     # edge labels shrink no further in presentation mode
MARGIN = 2.0             # the labels' document margin, in pixels
GAP = 4.0                # pixels between a neuron and its label
# the widest line a mode plans for (4 significant digits, a minus sign, an exponent)
WIDEST = {"full": "b new = −1.576e-5", "two": "δ = −1.576e-5  b = −1.576e-5",
          "short": "a = −1.576e-5"}
WIDEST_INPUT = {"full": "x₁₂ = −1.576e-5", "short": "−1.576e-5"}
WIDEST_OUTPUT = "δ = −1.576e-5"      # an output label's widest line in a net without biases
# where along an edge a label may sit, the usual spots first
EDGE_STOPS = (0.72, 0.58, 0.84, 0.45, 0.32, 0.65, 0.78, 0.52, 0.9, 0.38, 0.25,
              0.68, 0.62, 0.55, 0.48, 0.41, 0.35, 0.28, 0.75, 0.81)


def _metrics(point_size: float) -> QFontMetricsF:
    """Bold metrics at `point_size` (a label writes its fresh values in bold), in the
    application's font family, kept per size."""
    font = QFont()
    key = (point_size, font.family())
    fm = _METRICS.get(key)
    if fm is None:
        font.setPointSizeF(point_size)
        font.setBold(True)
        fm = _METRICS[key] = QFontMetricsF(font)
    return fm


_METRICS: dict = {}


@lru_cache(maxsize=256)
def text_size(text: str, point_size: float, lines: int = 1) -> tuple[float, float]:
    """(width, height) in pixels of `lines` lines as wide as `text` in a label."""
    fm = _metrics(point_size)
    return (fm.horizontalAdvance(text) + 2 * MARGIN + 2,
            lines * fm.lineSpacing() + 2 * MARGIN)


def widest(lines, point_size: float) -> str:
    """The line of `lines` that is widest at `point_size`."""
    return max(lines, key=_metrics(point_size).horizontalAdvance, default="")


def lines_of(mode: str, n_values: int, input_layer: bool) -> int:
    if input_layer or mode == "short":
        return 1
    return n_values if mode == "full" else 2


def fits_high(mode: str, spacing_px: float, n_values: int, input_layer: bool) -> bool:
    """Do `mode`'s lines fit between two neurons `spacing_px` apart?"""
    return text_size("", FONT_PT[mode], lines_of(mode, n_values, input_layer))[1] + 2 <= spacing_px


def choose_mode(spacing_px: float, room_px: float, n_values: int, input_layer: bool,
                lines: dict | None = None) -> str:
    """The richest mode whose label fits `spacing_px` high (the distance between two
    neurons of the column) and `room_px` wide (up to the next column's neurons). `lines`:
    mode → the widest line the labels have in that mode now; without it, the widest they
    could have (`WIDEST`: the mode then holds for any values)."""
    lines = lines or (WIDEST_INPUT if input_layer else WIDEST)
    for mode in ("full", "two", "short"):
        if input_layer and mode == "two":
            continue
        w, h = text_size(lines[mode], FONT_PT[mode], lines_of(mode, n_values, input_layer))
        if h + 2 <= spacing_px and w <= room_px:
            return mode
    return "none"


def place_edge_labels(edges, sizes, obstacles, forced=()) -> dict:
    """Pick a spot for each edge label, in pixels.

    `edges` maps a key to (x0, y0, x1, y1) (the edge's ends), `sizes` a key to the label's
    (width, height); `obstacles` are QRectF that no label may cover; keys in `forced` get a
    spot even when every stop is taken. Of the stops a label may take, it takes the one that
    the fewest other edges run under (a label over another edge hides a piece of it and reads
    as that edge's weight), the first in `EDGE_STOPS` of equals. Returns key → (x, y) of the
    label's centre; a key without a free spot is left out."""
    keys = list(edges)
    if not keys:
        return {}
    under, corners, centres = _stops(tuple(edges[k] for k in keys), tuple(sizes[k] for k in keys))
    index = {k: i for i, k in enumerate(keys)}
    first = [k for k in forced if k in edges]
    rest = [k for k in keys if k not in forced]
    spots = _place(first + rest, index, under, corners, centres, obstacles, set(first))
    # placed greedily, an early label can take the one spot a later one had: place the ones
    # left out first and keep whichever placing shows more (three edges converging on the
    # toy's output had shown two labels where all three fit)
    for _ in range(3):
        missing = [k for k in rest if k not in spots]
        if not missing:
            break
        again = _place(first + missing + [k for k in rest if k in spots], index, under,
                       corners, centres, obstacles, set(first))
        if len(again) <= len(spots):
            break
        spots = again
    return spots


def _place(order, index, under, corners, centres, obstacles, forced) -> dict:
    """`place_edge_labels` in one order: each label at its clearest free stop."""
    taken = list(obstacles)
    spots = {}
    for key in order:
        i = index[key]
        for s in sorted(range(len(EDGE_STOPS)), key=lambda s: (under[i][s], s)):   # clearest first
            left, top, right, bottom = corners[i][s]
            box = QRectF(left, top, right - left, bottom - top)
            if not any(box.intersects(r) for r in taken):
                break
        else:
            if key not in forced:
                continue
            s = 0
            left, top, right, bottom = corners[i][s]
            box = QRectF(left, top, right - left, bottom - top)
        taken.append(box)
        spots[key] = tuple(centres[i][s])
    return spots


@lru_cache(maxsize=8)      # a walk step rarely moves an edge or changes a label's size
def _stops(ends: tuple, sizes: tuple) -> tuple[list, list, list]:
    """For each edge (ends: x0, y0, x1, y1) and label size, at each stop of EDGE_STOPS: how many
    other edges run under the label, its corners (left, top, right, bottom) and its centre."""
    ends_a = np.array(ends, dtype=float)                                     # E × 4
    t = np.array(EDGE_STOPS)
    cx = ends_a[:, None, 0] + t[None, :] * (ends_a[:, None, 2] - ends_a[:, None, 0])   # E × stops
    cy = ends_a[:, None, 1] + t[None, :] * (ends_a[:, None, 3] - ends_a[:, None, 1])
    half = np.array(sizes, dtype=float)[:, None, :] / 2                      # E × 1 × 2
    rects = np.stack([cx - half[..., 0], cy - half[..., 1], cx + half[..., 0], cy + half[..., 1]],
                     axis=-1)                                                # E × stops × 4
    # each label's own edge runs under all of its stops
    under = crossings(rects.reshape(-1, 4), ends_a).reshape(len(ends), len(t)) - 1
    return under.tolist(), rects.tolist(), np.stack([cx, cy], axis=-1).tolist()


def crossings(rects: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """For each rectangle (R × 4: left, top, right, bottom), how many of the segments (S × 4:
    x0, y0, x1, y1) pass through it: each segment clipped to each rectangle (Liang–Barsky)."""
    x0, y0, x1, y1 = (segments[None, :, i] for i in range(4))
    lo, hi = np.zeros((len(rects), len(segments))), np.ones((len(rects), len(segments)))
    for a, d, near, far in ((x0, x1 - x0, rects[:, None, 0], rects[:, None, 2]),
                            (y0, y1 - y0, rects[:, None, 1], rects[:, None, 3])):
        with np.errstate(divide="ignore", invalid="ignore"):
            t0, t1 = (near - a) / d, (far - a) / d
        flat = d == 0                          # parallel to this axis: inside for all t or none
        inside = (near <= a) & (a <= far)
        lo = np.maximum(lo, np.where(flat, np.where(inside, 0.0, np.inf), np.minimum(t0, t1)))
        hi = np.minimum(hi, np.where(flat, np.where(inside, 1.0, -np.inf), np.maximum(t0, t1)))
    return (lo <= hi).sum(axis=1)
