"""The points of a live curve: arrays that grow by doubling, thinned past a budget (no Qt)."""

from __future__ import annotations

import numpy as np


class Series:
    """x and y in arrays that grow by doubling; `x`/`y` are views of the filled part.

    Bounded: past `budget` points every other point is dropped and from then on only every
    `stride`-th point offered is kept, so a run of 10⁸ epochs holds at most `budget` points
    (16 bytes each, 32 MB) — far more than a screen has pixels; the plot downsamples anyway."""

    def __init__(self, capacity: int = 4096, budget: int = 2_000_000):
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self.n = 0
        self.budget = max(budget, 2)
        self.stride = 1
        self._offered = 0               # points offered since the last clear

    def append(self, x, y) -> None:
        x, y = np.atleast_1d(x), np.atleast_1d(y)
        if self.stride > 1:
            keep = (self._offered + np.arange(len(x))) % self.stride == 0
            self._offered += len(x)
            x, y = x[keep], y[keep]
        else:
            self._offered += len(x)
        need = self.n + len(x)
        if need > len(self._x):
            size = min(max(need, 2 * len(self._x)), max(need, self.budget))
            for name in ("_x", "_y"):
                grown = np.empty(size)
                grown[:self.n] = getattr(self, name)[:self.n]
                setattr(self, name, grown)
        self._x[self.n:need] = x
        self._y[self.n:need] = y
        self.n = need
        while self.n > self.budget:
            half = (self.n + 1) // 2
            self._x[:half] = self._x[:self.n:2]
            self._y[:half] = self._y[:self.n:2]
            self.n = half
            self.stride *= 2
            self._offered = 1           # the next point offered is not one to keep

    def clear(self) -> None:
        self.n = 0
        self.stride = 1
        self._offered = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[:self.n]

    @property
    def y(self) -> np.ndarray:
        return self._y[:self.n]

    def at(self, x: float, exact: bool = False) -> float | None:
        """y at the largest recorded x ≤ `x` (None before the first point); with `exact`,
        only a point recorded at x itself."""
        i = int(np.searchsorted(self.x, x, side="right")) - 1
        if i < 0 or (exact and self._x[i] != x):
            return None
        return float(self._y[i])


def loss_csv(train: Series, test: Series, acc: Series, test_acc: Series) -> str:
    """One row per epoch any series has a point at: epoch, training loss, then test loss and
    accuracies, each where it was measured (empty elsewhere). Epoch 0, before training, has
    the test loss and accuracies the plot draws there, and no training loss."""
    epochs = np.unique(np.concatenate([s.x for s in (train, test, acc, test_acc)]))
    table = np.full((len(epochs), 5), np.nan)
    table[:, 0] = epochs
    for col, s in ((1, train), (2, test), (3, acc), (4, test_acc)):
        idx = np.searchsorted(epochs, s.x)
        ok = (idx < len(epochs)) & (epochs[np.minimum(idx, len(epochs) - 1)] == s.x)
        table[idx[ok], col] = s.y[ok]
    lines = ["epoch,train_loss,test_loss,train_accuracy,test_accuracy\n"]
    lines += [f"{int(row[0])}," + ",".join("" if np.isnan(v) else f"{v:.10g}"
                                          for v in row[1:]) + "\n" for row in table]
    return "".join(lines)

