"""Gradient check: backprop's ∂C/∂W, ∂C/∂b against central finite differences.

relative error = |g_bp − g_fd| / max(|g_bp| + |g_fd|, floor), per parameter; we report the
maximum per layer and overall. The floor is set by what finite differences can resolve: C is
computed to about 2ε·|C| (ε the float64 rounding), so a difference quotient with step h is
uncertain by noise = 2ε·|C|/2h. floor = 4·noise / 1e-5: an entry's relative error reaches the
1e-5 that fails a check exactly when backprop and the differences disagree by more than both
1e-5 of their size and 4 × that noise. An entry smaller than the floor is counted in a
layer's `unresolved`: there the check catches a disagreement larger than 4 × the noise, but
not one of 1e-5 of the entry's size. (Entries of 1e-10, read as 0 by the differences, had shown a
relative error of 1 on a trained MNIST network whose backprop was right.)

Finite differences cost two forward passes per parameter, so a large network is checked on a
random subset: about SUBSET parameters spread over the layers in proportion to their size, at
least SUBSET_PER_LAYER from each (or all of a smaller layer).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network

FULL_CHECK_LIMIT = 5000      # up to this many parameters, every one is checked
SUBSET = 1000
SUBSET_PER_LAYER = 50


@dataclass
class GradCheck:
    max_relative_error: float
    layers: list          # [{"layer": l, "max_relative_error": e}, ...]
    backprop: np.ndarray  # flat, laid out like params
    numeric: np.ndarray   # NaN where a parameter was not checked
    parameters: int = 0
    checked: int = 0      # how many parameters were compared

    def as_dict(self) -> dict:
        return {"max_relative_error": self.max_relative_error, "layers": self.layers,
                "parameters": self.parameters, "parameters_checked": self.checked}


ROUNDING = 2 * np.finfo(np.float64).eps     # how far a computed C may be off, relatively
FAIL_LEVEL = 1e-5                             # a relative error from here fails a check
NOISE_MARGIN = 4                              # disagreements within 4 × the noise are noise


def relative_error(g_bp, g_fd, floor=1e-12):
    return np.abs(g_bp - g_fd) / np.maximum(np.abs(g_bp) + np.abs(g_fd), floor)


def resolution_floor(noise) -> np.ndarray:
    """The floor of `relative_error` for finite differences uncertain by `noise`: the size
    below which an entry's relative error is not measurable to FAIL_LEVEL."""
    return np.maximum(1e-12, NOISE_MARGIN * np.asarray(noise) / FAIL_LEVEL)


def unresolved(g_bp, g_fd, floor) -> int:
    """How many entries are smaller than `floor`: finite differences cannot judge them (an
    entry both put at exactly 0, a blank pixel's weight, is agreement, not counted)."""
    size = np.abs(g_bp) + np.abs(g_fd)
    with np.errstate(invalid="ignore"):
        return int(np.sum((size < floor) & (size > 0)))


def numeric_gradient(network: Network, x, y, h: float | None = None, indices=None,
                     progress=None, noise: np.ndarray | None = None) -> np.ndarray:
    """∂C/∂θ ≈ (C(θ + h) − C(θ − h)) / 2h for every parameter θ, or those in `indices`
    (the others NaN); the network is left unchanged. `progress(done, total)` is called as
    it goes. `noise` (an array like the parameters), if given, receives each quotient's
    uncertainty from rounding, ROUNDING·max(|C(θ ± h)|)/2h."""
    net = network.copy()
    if net.dtype != np.float64:
        net = Network(net.sizes, net.activation_names, net.loss.name,
                      [w.astype(float) for w in net.weights],
                      [b.astype(float) for b in net.biases] if net.has_biases else None)
    params = net.params
    grad = np.zeros_like(params) if indices is None else np.full_like(params, np.nan)
    todo = range(params.size) if indices is None else indices
    for done, i in enumerate(todo):
        if progress is not None and done % 16 == 0:
            progress(done, len(todo))
        old = params[i]
        step = h if h is not None else 1e-6 * max(1.0, abs(old))
        params[i] = old + step
        c_plus = net.cost(x, y)
        params[i] = old - step
        c_minus = net.cost(x, y)
        params[i] = old
        grad[i] = (c_plus - c_minus) / (2 * step)
        if noise is not None:
            noise[i] = ROUNDING * max(abs(c_plus), abs(c_minus)) / (2 * step)
    if progress is not None:
        progress(len(todo), len(todo))
    return grad


def layer_ranges(network: Network) -> list[tuple[int, int]]:
    """(start, stop) of each layer's entries in the flat parameters: W¹, b¹, W², b², …"""
    ranges, start = [], 0
    for l in range(1, network.L + 1):
        size = network.weights[l - 1].size + (network.biases[l - 1].size if network.has_biases else 0)
        ranges.append((start, start + size))
        start += size
    return ranges


def subset(network: Network, seed: int = 0) -> np.ndarray | None:
    """The parameters a large network is checked on (None: check them all)."""
    ranges = layer_ranges(network)
    total = ranges[-1][1]
    if total <= FULL_CHECK_LIMIT:
        return None
    rng = np.random.default_rng(seed)
    picked = []
    for start, stop in ranges:
        n = stop - start
        k = min(n, max(SUBSET_PER_LAYER, round(SUBSET * n / total)))
        picked.append(start + np.sort(rng.choice(n, size=k, replace=False)))
    return np.concatenate(picked)


def gradient_check(network: Network, x, y, progress=None, seed: int = 0) -> GradCheck:
    """Compare every parameter (a random subset for a network over FULL_CHECK_LIMIT
    parameters, see `subset`); `progress(done, total)` reports the finite differences."""
    trace = network.backprop(x, y)
    g_bp = network.gradient_vector(trace).astype(float)
    indices = subset(network, seed)
    noise = np.full(g_bp.size, np.nan)
    g_fd = numeric_gradient(network, x, y, indices=indices, progress=progress, noise=noise)
    floor = resolution_floor(noise)
    with np.errstate(invalid="ignore"):
        err = relative_error(g_bp, g_fd, floor)
    if indices is not None:                 # parameters not checked do not count
        unchecked = np.ones(err.size, dtype=bool)
        unchecked[indices] = False
        err[unchecked] = 0.0
    # params are laid out W¹, b¹, W², b², …, so a layer's entries are contiguous
    layers = [{"layer": l, "max_relative_error": float(err[start:stop].max()),
               "unresolved": unresolved(g_bp[start:stop], g_fd[start:stop], floor[start:stop])}
              for l, (start, stop) in enumerate(layer_ranges(network), start=1)]
    checked = g_bp.size if indices is None else len(indices)
    return GradCheck(float(err.max()), layers, g_bp, g_fd, g_bp.size, checked)
