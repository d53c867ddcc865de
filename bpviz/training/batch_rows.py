"""The training rows the fast path's steps read, gathered a chunk at a time.

A chunk's rows (training/fast_path.py, `CHUNK_ROWS`) are copied with `np.take(...,
mode="clip")` into buffers that stay in the cache: faster than `x[idx]` per batch, or than a
shuffled copy of the whole epoch (which writes and then reads back 157 MB of float32 MNIST).
Data made from 8-bit pixels (MNIST: x = pixels / 255, a `Dataset`'s `pixels`) are gathered
from the pixels — a quarter of float32's bytes, an eighth of float64's — and made into
x = pixels / 255 in the network's dtype (`pixels_to_x_calls`): the same numbers, checked on
every row before they are used. That is done a piece of the chunk at a time (`PIECE_BYTES`),
by calls recorded into the step that reads the piece first, so the float rows are still in
the core's cache when the products read them. The pixels stay in memory beside x (39 MB for
the full MNIST training set, a quarter of x in float32).
"""

from __future__ import annotations

from functools import partial

import numpy as np

from ..core.errors import BpvizError
from ..core.ops import const

# About this many bytes of float rows are made from a chunk's pixels at a time: a 2 MB chunk of
# float64 MNIST rows made at once had left the core's 1 MB cache before the last steps read
# it; in pieces of 256 kB a float64 epoch at batch 10 is 2–3 % shorter, float32's the same
# (measured side by side).
PIECE_BYTES = 256 * 1024
CHECK_ROWS = 256     # rows at a time whose pixels / 255 are compared with x
# In float64, k / 255 for a pixel k in 0…255 is two multiplications instead of a division
# (which this core does at a fraction of a multiplication's rate): 1/255 = Σⱼ 2⁻⁸ʲ, so k / 255
# is k's eight bits repeated for ever; k · 0x01010101 repeats them four times (an integer,
# exact) and · (2⁻³² + 2⁻⁶⁴) eight times, rounded once. That rounding is the division's for
# every k (a test compares all 256; `usable_pixels` compares every row anyway). A chunk of
# 320 MNIST rows: ~105 instead of ~132 µs, measured in the trainer's loop.
_REPEAT, _SCALE = np.float64(0x01010101), np.float64(2.0 ** -32 + 2.0 ** -64)


def check_pixels(pixels, x: np.ndarray) -> np.ndarray | None:
    """`pixels` as given (None, or uint8 values shaped like x), else BpvizError."""
    if pixels is None:
        return None
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8 or pixels.shape != x.shape:
        raise BpvizError(f"pixels: expected 8-bit values shaped {x.shape}, found "
                         f"{pixels.dtype} {pixels.shape}")
    return pixels


def pixels_to_x_calls(pixels: np.ndarray, out: np.ndarray) -> list:
    """The calls that do out ← pixels / 255 in out's dtype, to the last bit (float64 by two
    multiplications)."""
    if out.dtype == np.float64:
        return [partial(np.copyto, out, pixels), partial(np.multiply, out, _REPEAT, out),
                partial(np.multiply, out, _SCALE, out)]
    return [partial(np.divide, pixels, const(255.0, out.dtype), out=out)]


def pixels_to_x(pixels: np.ndarray, out: np.ndarray) -> None:
    """out ← pixels / 255 in out's dtype, to the last bit."""
    for f in pixels_to_x_calls(pixels, out):
        f()


def usable_pixels(pixels, x: np.ndarray) -> np.ndarray | None:
    """`pixels` when pixels / 255 gives every row of x to the last bit (in x's dtype, compared
    as bits, so −0 is not 0), else None. For 50 000 MNIST rows the check takes ~20 ms in
    float32 and ~38 ms in float64, once per trainer; an epoch at batch 10 is ~1–5 ms
    (float32) and ~7–12 ms (float64) shorter for it (measured side by side, several runs)."""
    if pixels is None:
        return None
    pixels = np.ascontiguousarray(pixels)
    bits = np.dtype(f"u{x.dtype.itemsize}")
    block = np.empty((min(len(x), CHECK_ROWS), x.shape[1]), x.dtype)
    for start in range(0, len(x), len(block)):
        end = min(start + len(block), len(x))
        pixels_to_x(pixels[start:end], block[:end - start])
        if not np.array_equal(block[:end - start].view(bits), x[start:end].view(bits)):
            return None
    return pixels


class BatchRows:
    """x and y (and their pixels when usable), and the buffers a chunk's rows go into."""

    def __init__(self, x, y, pixels, dtype):
        self.x = np.ascontiguousarray(x)
        self.y = np.ascontiguousarray(y)
        self.pixels = usable_pixels(pixels, self.x)
        self.dtype = dtype
        self.chunk_x = self.chunk_y = self._chunk_pixels = None

    def piece_rows(self, batch_size: int) -> int | None:
        """Rows of x made from the pixels at a time (whole batches, about PIECE_BYTES), or
        None: x is gathered whole with the chunk."""
        if self.pixels is None:
            return None
        row_bytes = self.x.shape[1] * np.dtype(self.dtype).itemsize
        return max(1, PIECE_BYTES // max(1, row_bytes * batch_size)) * batch_size

    def gather(self, idx: np.ndarray, piece: int | None) -> bool:
        """Rows `idx` of y into chunk_y, and of x into chunk_x — or, with a `piece`, of the
        pixels, which `piece_calls` turn into x a piece at a time. True when a buffer is new
        (steps recorded on the old ones must be recorded again)."""
        rows, new, width = len(idx), False, self.x.shape[1]
        if self.chunk_y is None or self.chunk_y.shape[0] < rows:
            self.chunk_y = np.empty((rows, self.y.shape[1]), self.dtype)
            new = True
        x_rows = rows if piece is None else min(piece, rows)
        if self.chunk_x is None or self.chunk_x.shape[0] < x_rows:
            self.chunk_x = np.empty((x_rows, width), self.dtype)
            new = True
        if piece is None:
            np.take(self.x, idx, 0, self.chunk_x[:rows], "clip")
        else:
            if self._chunk_pixels is None or self._chunk_pixels.shape[0] < rows:
                self._chunk_pixels = np.empty((rows, width), np.uint8)
            np.take(self.pixels, idx, 0, self._chunk_pixels[:rows], "clip")
        np.take(self.y, idx, 0, self.chunk_y[:rows], "clip")
        return new

    def piece_calls(self, start: int, rows: int) -> list:
        """The calls that make x of the chunk's rows start..start+rows from their pixels, in
        chunk_x's first rows. They are recorded once and replayed for every chunk, so in an
        epoch's last, shorter chunk they also convert rows past its end, left from the chunk
        before, that no step reads (at most one piece an epoch)."""
        n = min(rows, len(self.chunk_x), len(self._chunk_pixels) - start)
        return pixels_to_x_calls(self._chunk_pixels[start:start + n], self.chunk_x[:n])
