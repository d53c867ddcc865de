"""Whether one walked update diverged, by the training loop's rule: shared by `bpviz trace`
and the window, which refuses to apply such an update."""

from __future__ import annotations

import math

from ..core.notation import amount, num
from ..core.stepper import Step
from .divergence_floor import reference_floor
from .trainer import DIVERGENCE_FACTOR


def update_divergence(last: Step, factor: float = DIVERGENCE_FACTOR) -> str | None:
    """The same rule as training: the update diverged when the loss after it is not finite
    or more than `factor` × the loss before it, or when the loss before it already was not
    finite. A sentence saying so, else None."""
    before, after = float(last.loss), float(last.loss_after)
    if not math.isfinite(before):     # as training's rule: nothing is trained from there
        return (f"the loss before the update is already {before}: the input, target or weights "
                "are too large for it, and the update means nothing — scale them down")
    if math.isfinite(after) and after <= factor * max(before, reference_floor(last.walk.y[None, :])):
        return None
    grew = "is not finite" if not math.isfinite(after) else f"is more than {amount(factor)} × C before it"
    return (f"the update diverged: C went from {num(before)} to {num(after)}, which {grew}; "
            f"try a smaller learning rate (η = {amount(last.walk.eta)})")
