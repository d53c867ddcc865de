"""How well a network does on data: `evaluate` gives (cost, accuracy); accuracy is what
fraction of samples the network gets right:

- one-hot targets (every row sums to 1, more than one output): right when argmax a = argmax y;
- 0/1 targets otherwise: right when every output, thresholded at 0.5, equals its target;
- anything else (regression, like the toy example): accuracy is not defined (None).
"""

from __future__ import annotations

from contextlib import nullcontext

import numpy as np

from .threads import blas_threads, usable_cores

MANY_ROWS = 2000     # an evaluation of at least this many samples uses every core


def accuracy(a: np.ndarray, y: np.ndarray) -> float | None:
    if y.size == 0:
        return None
    binary = np.all((y == 0) | (y == 1))
    if not binary:
        return None
    if y.shape[1] > 1 and np.all(y.sum(axis=1) == 1):
        return float(np.mean(a.argmax(axis=1) == y.argmax(axis=1)))
    return float(np.mean(np.all((a >= 0.5) == (y == 1), axis=1)))


def evaluate(network, x, y) -> tuple[float, float | None]:
    """(C, accuracy) of `network` on the batch (x, y), one forward pass. Overflow in a
    diverging network gives inf or NaN quietly: the caller reports it, not NumPy."""
    x, y = network.as_batch(x), network.as_batch(y)
    # one large product is faster on every core; small ones are not (core/threads.py)
    threads = blas_threads(usable_cores()) if x.shape[0] >= MANY_ROWS else nullcontext()
    with np.errstate(all="ignore"), threads:
        z, a = network.forward(x)
        return network.loss_of(z[-1], a[-1], y), accuracy(a[-1], y)
