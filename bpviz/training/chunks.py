"""Consecutive fast steps (a chunk) and what is done when one of them may have diverged.

The fast path (training/fast_path.py) keeps no copy of the parameters per step, only one
snapshot per chunk, and adds up the cost once per chunk. When a step of a chunk may have a
cost that is not finite or above the trainer's limit, or a chunk whose products read windows
of columns ends with a weight that is not finite (`settle`), the weights go back to the
snapshot of the chunk before it and those steps are taken again one at a time by the general
path, which stops at the first such step and puts back the weights from before it, as
training without the fast path does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def _finite(w: np.ndarray) -> bool:
    """No weight is inf or NaN. A window leaves out columns where x is 0, and inf · 0 is NaN:
    the whole rows' numbers are the windows' only while the weights are finite (an infinite
    weight stays infinite or NaN, so finite now means finite at every step before). ~5 µs."""
    return math.isfinite(w.min()) and math.isfinite(w.max())


@dataclass
class Chunk:
    """Consecutive fast steps taken with the same settings, and the weights before them."""
    snapshot: np.ndarray
    order: np.ndarray | None     # the epoch's sample order (None: the whole set each step)
    start: int                   # position of the first row in `order`
    batch_size: int
    eta: float
    epoch: int                   # 1-based epoch the steps belong to
    limit: float                 # a step whose cost is above this diverges (trainer.loss_limit)
    step0: int                   # trainer.step before the first of them
    steps: int = 0
    rows: int = 0                # rows done
    checked: int = 0             # rows whose cost has been added up
    cost: float = 0.0            # Σ per-sample cost over the checked rows
    # the weight matrix whose products read only windows of columns (training/ink_columns.py)
    windowed: np.ndarray | None = None


class ChunkChecks:
    """The chunk part of `FastPath`: its `trainer`, `net`, `params`, `grad`, `x`, `y`, `rows`
    (training/batch_rows.py), the output layer's `_z_out` and `_a_out` of the open chunk,
    `_chunks` (the last two) and `open` (the one being taken, or None)."""

    def forget(self) -> None:
        """The weights are changed from outside or by a general step: no chunk before this
        point can be taken again."""
        self.settle()
        self._chunks.clear()
        self.open = None
        self.trainer._backup_step = -2

    def settle(self) -> bool:
        """Add up the cost of the open chunk's rows done so far; if a step's cost may be
        above the limit (or is not finite), take the steps again carefully (`_again`).
        False after a divergence."""
        ch = self.open
        if ch is None or ch.checked == ch.rows:
            return self.trainer.divergence is None
        with np.errstate(all="ignore"):
            cost = self._cost(ch.checked, ch.rows)
            # every per-sample cost is ≥ 0, so no step's mean exceeds the sum over all the
            # rows divided by its own row count; only near the limit is each step looked at
            smallest = min(ch.batch_size, ch.rows - ch.checked)
            fine = cost <= ch.limit * smallest or all(
                self._cost(r, min(r + ch.batch_size, ch.rows)) <= ch.limit * (
                    min(r + ch.batch_size, ch.rows) - r)
                for r in range(ch.checked, ch.rows, ch.batch_size))
        if fine and math.isfinite(cost) and (ch.windowed is None or _finite(ch.windowed)):
            ch.cost += cost
            ch.checked = ch.rows
            return True
        return self._again()

    def _cost(self, first: int, end: int) -> float:
        """Σ per-sample cost over rows first..end of the open chunk."""
        net, rows = self.net, slice(first, end)
        y = self.y if self.open.order is None else self.rows.chunk_y
        return net.loss.fn(net.sigmas[-1], self._z_out[rows], self._a_out[rows], y[rows]) * (end - first)

    def take_again(self) -> bool:
        """The last chunks' steps taken again by the general path, which leaves the trainer's
        backup of the last step in place (for a weight that became non-finite)."""
        if not self.settle():
            return False
        return self._again() if self._chunks else True

    def _again(self) -> bool:
        """Back to the snapshot before the chunk before the open one, and its steps and the
        open chunk's taken again by the general path (per-step cost check and backup)."""
        tr, net, params, grad = self.trainer, self.net, self.params, self.grad
        chunks = list(self._chunks)
        np.copyto(params, chunks[0].snapshot)
        tr.step = chunks[0].step0
        tr._backup_step = -2
        self.open = None
        with np.errstate(all="ignore"):
            for ch in chunks:
                cost, pos, end = 0.0, ch.start, ch.start + ch.rows
                for _ in range(ch.steps):
                    if ch.order is None:
                        xb, yb = self.x, self.y
                    else:
                        idx = ch.order[pos:min(pos + ch.batch_size, end)]
                        xb, yb = self.x[idx], self.y[idx]
                    loss = net.loss_and_gradient(xb, yb, grad)
                    if not loss <= ch.limit:             # NaN fails this test too
                        tr._diverged(tr._explosion(loss), ch.epoch, tr.step + 1)
                        self._chunks.clear()
                        return False
                    np.copyto(tr._backup, params)
                    tr._backup_step = tr.step
                    params -= ch.eta * grad
                    tr.step += 1
                    cost += loss * xb.shape[0]
                    pos += xb.shape[0]
                ch.cost, ch.checked = cost, ch.rows
        self._chunks.clear()        # these weights came from the general path
        return True
