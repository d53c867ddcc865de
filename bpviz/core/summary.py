"""A big vector or matrix in a few words: its shape, min / max / mean and its largest entries
by magnitude (the inspector shows this instead of printing 23 520 numbers)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .notation import count, num


@dataclass(frozen=True)
class Summary:
    shape: tuple
    min: float
    max: float
    mean: float
    top: list            # [(index tuple, 1-based; value)], largest |value| first

    def text(self) -> str:
        dims = "×".join(str(d) for d in self.shape)
        tops = ", ".join(f"[{','.join(map(str, i))}] {num(v, 4)}" for i, v in self.top)
        return (f"{dims} = {count(np.prod(self.shape))} entries · min {num(self.min, 4)}, "
                f"max {num(self.max, 4)}, mean {num(self.mean, 4)} · largest |·|: {tops}")


def summarise(values, top: int = 3) -> Summary:
    a = np.asarray(values, dtype=float)
    if a.ndim == 1:
        a2 = a
    else:
        a2 = a.reshape(a.shape[0], -1)
    flat = a2.ravel()
    k = min(top, flat.size)
    mag = np.abs(flat)
    if flat.size > k and not np.isnan(mag).any():
        # the k largest without sorting them all: every entry at least as large as the k-th
        # largest, in index order, then a stable sort of those few (ties: lower index first).
        # Only the nonzero entries are partitioned when k of them are (the k-th largest is
        # among them): partitioning MNIST's ∂C/∂W¹, four fifths zeros from the blank pixels,
        # had taken ~0.5 ms; its ~4 500 nonzero entries take a tenth of that
        nonzero = mag[mag > 0]
        pool = nonzero if nonzero.size >= k else mag
        kth = np.partition(pool, pool.size - k)[pool.size - k]
        candidates = np.flatnonzero(mag >= kth)
        order = candidates[np.argsort(-mag[candidates], kind="stable")][:k]
    else:
        order = np.argsort(-mag, kind="stable")[:k]
    tops = [(tuple(int(i) + 1 for i in np.unravel_index(p, a2.shape)), float(flat[p])) for p in order]
    return Summary(tuple(a2.shape), float(flat.min()), float(flat.max()), mean(flat), tops)


def mean(flat: np.ndarray) -> float:
    """The mean, finite where the entries are (entries near ±1e308, as a diverged walk's, had
    overflowed the sum to inf with a RuntimeWarning on stderr); inf or nan where they are."""
    with np.errstate(over="ignore", invalid="ignore"):
        m = float(flat.mean()) if flat.size else float("nan")
        if not np.isfinite(m) and np.isfinite(flat).all():
            m = float((flat / flat.size).sum())        # each term ≤ max / n: no overflow
    return m


def shown_columns(m, rows: int, cols: int) -> np.ndarray:
    """Which `cols` columns of a matrix's first `rows` rows a table shows: the first ones,
    unless they are all 0 and there are more — then the columns of largest Σ|·| over those
    rows, in order. The first columns of MNIST's ∂C/∂W¹ are the blank corner pixels of the
    digit, which had told a teacher nothing."""
    m = np.asarray(m)
    if cols >= m.shape[1] or np.any(m[:rows, :cols]):
        return np.arange(cols)
    with np.errstate(over="ignore", invalid="ignore"):
        weight = np.nan_to_num(np.abs(np.asarray(m[:rows], dtype=float)).sum(axis=0))
    return np.sort(np.argsort(-weight, kind="stable")[:cols])
