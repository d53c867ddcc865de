"""The least initial loss a divergence is measured from: training stops as diverged when a
step's loss passes the divergence factor (10⁴) times the initial loss, or times this floor
where the initial loss is smaller.

A network that starts (nearly) right would otherwise count any later step as an explosion:
a trained XOR model at a loss of 4e-13 had "exploded" at 0.4 on the first Adam step of
further training. The floor follows the targets' own size: 1 % of ½·mean ‖y‖² (the loss of
predicting 0; 2.5e-3 for XOR), at most 1e-2, so that targets of 1e-3 (a loss of 5e-7 for
predicting 0) keep a floor far below their losses.

Here too: the check of the factor itself, and the messages a divergence is reported with."""

from __future__ import annotations

import math

import numpy as np

from ..core.errors import BpvizError
from ..core.notation import amount, num
from ..core.settings import parse_number

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


def check_divergence_factor(value, source: str | None = None) -> float:
    """The explosion factor: a loss above factor × the initial loss is a divergence (> 1)."""
    factor = parse_number(value, "divergence factor", max_magnitude=None, source=source)
    if factor <= 1:
        raise BpvizError(f"divergence factor: must be > 1 (the loss may grow that many times "
                         f"its initial value), found {num(factor)}")
    return factor


def unmeasurable(initial: float, x, y) -> str:
    """Why training did not start: the loss before the first step is not finite."""
    big = max(float(np.max(np.abs(x), initial=0)), float(np.max(np.abs(y), initial=0)))
    return (f"the loss before the first step is already {initial}: the training data (largest "
            f"|value| {num(big, 3)}) or the weights are too large for it; nothing was trained "
            f"— scale them down")


def explosion(loss: float, reference: float, floor: float, factor: float) -> str:
    """What a diverging step did to the loss, measured against the initial loss `reference`
    (or the `floor`, where the initial loss is below it)."""
    if not math.isfinite(loss):
        return f"the loss became {loss}"
    start = f"the initial loss {num(reference, 3)}"
    if reference < floor:                        # the floor was the measure
        start = (f"{num(floor, 3)} ({start}, counted as at least 1 % of the "
                 f"loss of predicting 0)")
    return f"the loss exploded to {num(loss, 3)}, more than {amount(factor)} × {start}"
