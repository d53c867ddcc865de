"""The least initial loss a divergence is measured from: training stops as diverged when a
step's loss passes the divergence factor (10⁴) times the initial loss, or times this floor
where the initial loss is smaller.

A network that starts (nearly) right would otherwise count any later step as an explosion:
a trained XOR model at a loss of 4e-13 had "exploded" at 0.4 on the first Adam step of
further training. The floor follows the targets' own size: 1 % of ½·mean ‖y‖² (the loss of
predicting 0; 2.5e-3 for XOR), at most 1e-2, so that targets of 1e-3 (a loss of 5e-7 for
predicting 0) keep a floor far below their losses."""

from __future__ import annotations

import numpy as np

REFERENCE_FLOOR = 1e-2
MIN_FLOOR = 1e-12


def reference_floor(y) -> float:
    """The least initial loss a divergence is measured from, for targets `y` (rows)."""
    y = np.asarray(y, dtype=float)
    if not y.size:
        return MIN_FLOOR
    with np.errstate(over="ignore", invalid="ignore"):   # (targets of 1e200: inf, then min)
        zero_loss = 0.5 * float(np.mean(np.sum(y.reshape(len(y), -1) ** 2, axis=1)))
    if not np.isfinite(zero_loss):
        return REFERENCE_FLOOR
    return max(MIN_FLOOR, min(REFERENCE_FLOOR, 0.01 * zero_loss))
