"""The first layer's two large products over only the pixel columns where a batch has ink.

A batch of ten MNIST digits has no ink in its first and last rows of pixels: x is 0 there
(the pixels say so exactly), so those columns add nothing to Z¹ = X W¹ᵀ and nothing to the
update W¹ ← W¹ − Δᵀ X. The fast path (training/fast_path.py) gives both products the run of
columns from the batch's first ink to its last, starting at a multiple of 8 columns
(core/blas.py: `product`, `subtract_product`, `Columns`, `column_align`) — about 650 of the
784 columns at batch 10 — in float64 (`DTYPES`), and only where the library gives the numbers
of the whole row to the last bit for that shape (`columns_agree`: blocks of 2 to 32 rows here,
not a single row): the answer never changes, only the time. That holds while the weights are
finite (inf · 0 is NaN over whole rows); a chunk that ends with a weight that is not goes to
the general path (training/chunks.py). A step's window is set for a whole chunk at once, in
`Columns.move`, from each row's first and last ink found once per trainer (`ink_spans`).
"""

from __future__ import annotations

import numpy as np

from ..core.backprop import block_rows
from ..core.blas import Columns, columns_agree

SPAN_ROWS = 1024     # rows at a time whose ink is looked for
# Measured side by side (one process, interleaved rounds, MNIST-shaped epochs): float64 epochs
# ~5 % shorter (batch 10: 0.188 → 0.179 s; batch 100: 0.142 → 0.135 s), float32 ones not
# shorter (batch 10: 0.124 → 0.125–0.130 s). Float32's products take half as long, and what
# the windows cost — setting them, ~10 µs a chunk, and a ctypes call for the product instead
# of NumPy's — takes what they save.
DTYPES = (np.dtype(np.float64),)


def ink_spans(pixels: np.ndarray, align: int) -> np.ndarray:
    """(2, n): for every row of `pixels` (n, k) the first column of its window and minus the
    end (one past its last ink, both widened to multiples of `align`, the end at most k), so
    that one minimum over a batch's rows gives both ends of its window; a blank row has the
    whole row."""
    n, k = pixels.shape
    spans = np.empty((2, n), np.int64)
    for start in range(0, n, SPAN_ROWS):
        ink = pixels[start:start + SPAN_ROWS] != 0
        some = ink.any(axis=1)
        first = np.where(some, ink.argmax(axis=1), 0) // align * align
        end = np.where(some, k - ink[:, ::-1].argmax(axis=1), k)
        spans[0, start:start + len(ink)] = first
        spans[1, start:start + len(ink)] = -np.minimum(-(-end // align) * align, k)
    return spans


def blocks_agree(w: np.ndarray, m: int) -> bool:
    """Are windows worth it for w's dtype, and do they give the whole rows' numbers for every
    block of a batch of m rows?"""
    size, offset = block_rows(m), w.ctypes.data % 64
    return w.dtype in DTYPES and all(
        columns_agree(w.dtype, min(size, m - r), w.shape[0], w.shape[1], offset)
        for r in range(0, m, size))


class InkColumns:
    """The windows of the first layer's steps of one batch size in a chunk, step j of the
    chunk in row j of a `Columns` table."""

    def __init__(self, w: np.ndarray, size: int, steps: int, spans: np.ndarray):
        self.size, self.spans = size, spans
        self.table = Columns(w, steps, -(-size // block_rows(size)))
        self._rows = np.empty((2, steps * size), np.int64)

    def product_args(self, j: int):
        """For layer_forward and the fused update: block, rows → the (width, start of the
        rows, start of W¹) arguments of step j's calls on that block."""
        return lambda block, a: self.table.at(j, block, a)

    def move(self, idx: np.ndarray) -> None:
        """The chunk's rows are training rows `idx`: every step reads its batch's columns
        (~8 µs a chunk of 32 steps)."""
        n, size = len(idx), self.size
        rows = np.take(self.spans, idx, 1, self._rows[:, :n], "clip")
        if n % size == 0:
            ends = rows.reshape(2, n // size, size).min(axis=2)
        else:
            ends = np.minimum.reduceat(rows, np.arange(0, n, size), axis=1)
        self.table.move(ends[0], ends[1])
