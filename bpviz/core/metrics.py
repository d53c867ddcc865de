"""Accuracy: what fraction of samples the network gets right.

- one-hot targets (every row sums to 1, more than one output): right when argmax a = argmax y;
- 0/1 targets otherwise: right when every output, thresholded at 0.5, equals its target;
- anything else (regression, like the toy example): accuracy is not defined (None).
"""

from __future__ import annotations

import numpy as np


def accuracy(a: np.ndarray, y: np.ndarray) -> float | None:
    if y.size == 0:
        return None
    binary = np.all((y == 0) | (y == 1))
    if not binary:
        return None
    if y.shape[1] > 1 and np.all(y.sum(axis=1) == 1):
        return float(np.mean(a.argmax(axis=1) == y.argmax(axis=1)))
    return float(np.mean(np.all((a >= 0.5) == (y == 1), axis=1)))
