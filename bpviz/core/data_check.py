"""The one check of data against a network: shapes, finite values, and targets in the range
the network's loss is defined on. The trainer, `bpviz trace`, `bpviz gradcheck` and the
window all call `check_data`, so a data set is refused by the same rule wherever it is used.
"""

from __future__ import annotations

import numpy as np

from .errors import BpvizError
from .notation import num


def check_data(network, x, y, what: str = "training") -> tuple[np.ndarray, np.ndarray]:
    """(x, y) as matrices of the network's dtype, one row per sample; `what` names the data
    in the error ("training", "test", "sample"). Raises BpvizError with one line."""
    x = np.asarray(x, dtype=network.dtype)
    y = np.asarray(y, dtype=network.dtype)
    if x.ndim != 2:
        raise BpvizError(f"{what} data must be a matrix with one row per sample, "
                         f"found shape {x.shape}")
    if x.shape[0] == 0:
        raise BpvizError(f"{what} data is empty")
    if x.shape[1] != network.sizes[0]:
        raise BpvizError(f"{what} data has {x.shape[1]} input columns, the network takes "
                         f"{network.sizes[0]}")
    if y.ndim != 2 or y.shape != (x.shape[0], network.sizes[-1]):
        raise BpvizError(f"{what} targets: expected shape ({x.shape[0]}, "
                         f"{network.sizes[-1]}), found {y.shape}")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise BpvizError(f"{what} data contains NaN or inf")
    check_targets(network.loss, y, what)
    return x, y


def check_targets(loss, y: np.ndarray, what: str = "training") -> None:
    """Targets inside the range `loss.target_range` on which the loss is defined."""
    low, high = loss.target_range
    if low is not None and high is not None and (y.min() < low or y.max() > high):
        raise BpvizError(f"{what} targets must lie in [{num(low)}, {num(high)}] for {loss.name}, "
                         f"found values from {num(y.min())} to {num(y.max())}")
    if low is not None and y.min() < low:
        raise BpvizError(f"{what} targets must be ≥ {num(low)} for {loss.name}, found {num(y.min())}")
    if high is not None and y.max() > high:
        raise BpvizError(f"{what} targets must be ≤ {num(high)} for {loss.name}, found {num(y.max())}")
