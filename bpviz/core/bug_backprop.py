"""Backpropagation with the bug lab's mistakes in it (the catalogue is core/bugs.py).

`buggy_backprop` is the correct batch backprop with each named mistake swapped in at the one
step it changes, built from the same per-layer functions (core/backprop.py): BP1 without (or
with an extra) σ′(zᴸ), BP2 with σ′ evaluated at a or without the transpose, BP3/BP4 divided
by n⁰ or not at all. With no mistakes named it computes exactly what `Network.backprop` does.
`BuggyNetwork` trains with the mistakes; `bug_gradient_check` compares the mistaken gradient
with finite differences of the (correct) cost, per layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Sigmoid
from .backprop import grad_b, grad_w, hidden_delta, layer_forward, output_delta
from .bugs import TRAINING_ONLY_NOTE, check_bugs, gradient_bugs
from .gradcheck import FAIL_LEVEL, numeric_gradient, relative_error, resolution_floor, subset, unresolved
from .network import Network
from .notation import shape, sup

FAIL = FAIL_LEVEL        # a relative error at or above this fails the check (1e-5)
FACTOR_TOLERANCE = 1e-6
OVERFLOW_Z = -np.log(np.finfo(float).max)     # exp(−z) overflows below this z (≈ −709.78)
SYMMETRIC_WEIGHT = 0.5


class NaiveSigmoid(Sigmoid):
    """The logistic σ written as 1/(1 + exp(−z)): the same numbers where exp(−z) is finite,
    0 where it overflows; `overflows` counts the calls that overflowed (NumPy would warn)."""

    def __init__(self):
        self.overflows = 0
        self.overflowed_entries = 0

    def __call__(self, z):
        bad = int(np.count_nonzero(z < OVERFLOW_Z))
        if bad:
            self.overflows += 1
            self.overflowed_entries += bad
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-z))


@dataclass
class BugTrace:
    """What the mistaken backprop computed on a batch. Lists are indexed l − 1; a layer the
    mistake could not compute (a shape error) has None, and `error` says why."""

    loss: float
    z: list
    a: list
    sigma_prime: list       # the σ′ each hidden layer's BP2 used (σ′(aˡ) with sigma-prime-of-a)
    delta: list
    grad_w: list
    grad_b: list | None
    error: str | None = None
    error_layer: int | None = None    # the highest layer whose δ could not be computed


def sigmas_with(network: Network, bugs) -> list:
    """The network's σ per layer, with naive-sigmoid swapping in NaiveSigmoid."""
    if "naive-sigmoid" not in bugs:
        return list(network.sigmas)
    naive = NaiveSigmoid()
    return [naive if s.name == "sigmoid" else s for s in network.sigmas]


def _sigma_prime(sigma, z, a, bugs):
    if "sigma-prime-of-a" in bugs:
        return sigma.prime(a, sigma(a))          # the derivative evaluated at a, not at z
    return sigma.prime(z, a)


def _divisor(bugs, m: int, n_in: int) -> int:
    if "mean-over-features" in bugs:
        return n_in
    if "sum-not-mean" in bugs:
        return 1
    return m


def buggy_backprop(network: Network, x, y, bugs, sigmas=None) -> BugTrace:
    """One forward and backward pass on a batch with the mistakes `bugs` (already checked
    with `check_bugs`) in it."""
    x, y = network.as_batch(x), network.as_batch(y)
    sigmas = sigmas or sigmas_with(network, bugs)
    weights, L, m = network.weights, network.L, x.shape[0]
    zs, a_s = [], [x]
    for l in range(L):
        z, a = layer_forward(sigmas[l], weights[l], network._bias(l), a_s[-1])
        zs.append(z)
        a_s.append(a)
    loss = network.loss.fn(sigmas[-1], zs[-1], a_s[-1], y)
    out, z_L, a_L = sigmas[-1], zs[-1], a_s[-1]
    if "missing-sigma-prime-output" in bugs:
        delta_L = network.loss.grad_a(a_L, y)                       # BP1 without σ′(zᴸ)
    else:
        delta_L = output_delta(network.loss, out, z_L, a_L, y)      # BP1
        if "extra-sigma-prime-bce" in bugs:
            delta_L *= out.prime(z_L, a_L)                          # … times σ′(zᴸ) again
    delta = [None] * L
    sps = [None] * L
    delta[-1] = delta_L
    error = error_layer = None
    for l in range(L - 2, -1, -1):                                   # BP2, layer l + 1
        sps[l] = _sigma_prime(sigmas[l], zs[l], a_s[l + 1], bugs)
        W_next = weights[l + 1]
        if "no-transpose" in bugs:
            if W_next.shape[0] != W_next.shape[1]:
                error, error_layer = no_transpose_error(l + 1, W_next.shape), l + 1
                break
            delta[l] = hidden_delta(W_next.T, delta[l + 1], sps[l])  # W δ instead of Wᵀ δ
        else:
            delta[l] = hidden_delta(W_next, delta[l + 1], sps[l])
    k = _divisor(bugs, m, network.sizes[0])
    gw = [None if d is None else grad_w(d, a_prev) / k for d, a_prev in zip(delta, a_s[:-1])]
    gb = None
    if network.has_biases:
        gb = [None if d is None else grad_b(d) / k for d in delta]
    return BugTrace(loss, zs, a_s, sps, delta, gw, gb, error, error_layer)


def no_transpose_error(l: int, w_shape) -> str:
    """The shape error of δˡ = Wˡ⁺¹ δˡ⁺¹ for a non-square Wˡ⁺¹ of shape (nˡ⁺¹, nˡ)."""
    n_next, n = w_shape
    return (f"δ{sup(l)} = W{sup(l + 1)} δ{sup(l + 1)} does not fit: W{sup(l + 1)} "
            f"{shape(n_next, n)} · δ{sup(l + 1)} {shape(n_next)} needs {n} = {n_next} "
            f"(the correct (W{sup(l + 1)})ᵀ {shape(n, n_next)} · δ{sup(l + 1)} gives δ{sup(l)} "
            f"{shape(n)})")


class BuggyNetwork(Network):
    """A copy of a network that trains with mistakes: its `loss_and_gradient` (the call the
    Trainer makes every step) runs `buggy_backprop`; no-bias-update zeroes ∂C/∂b there, so
    the optimiser leaves the biases alone; symmetric-init sets the starting weights."""

    standard_backprop = False

    def __init__(self, network: Network, bugs):
        super().__init__(network.sizes, network.activation_names, network.loss.name,
                         [w.copy() for w in network.weights],
                         [b.copy() for b in network.biases] if network.has_biases else None,
                         dtype=network.dtype_name)
        self.bugs = check_bugs(bugs, network)
        self.sigmas = sigmas_with(self, self.bugs)
        if "symmetric-init" in self.bugs:
            for W in self.weights:
                W[...] = SYMMETRIC_WEIGHT
            for b in self.biases or ():
                b[...] = 0.0

    @property
    def naive_sigmoid(self) -> NaiveSigmoid | None:
        return next((s for s in self.sigmas if isinstance(s, NaiveSigmoid)), None)

    def loss_and_gradient(self, x, y, grad):
        t = buggy_backprop(self, x, y, self.bugs, self.sigmas)
        if t.error:
            from .errors import BpvizError
            raise BpvizError(f"mistake no-transpose: {t.error}")
        views = self._grad_views(grad)
        step = 2 if self.has_biases else 1
        for l in range(self.L):
            views[step * l][...] = t.grad_w[l]
            if self.has_biases:
                views[2 * l + 1][...] = 0.0 if "no-bias-update" in self.bugs else t.grad_b[l]
        return t.loss


def bug_gradient_check(network: Network, x, y, bugs) -> dict:
    """Backprop with the mistakes against central differences of the correct cost, per layer:
    {"max_relative_error", "layers": [{"layer", "max_relative_error", "passed", ["factor"],
    ["error"]}], "bugs", "samples", ["note"]}. A failed check is a result, not an error."""
    bugs = check_bugs(bugs, network)
    x, y = network.as_batch(x), network.as_batch(y)
    t = buggy_backprop(network, x, y, bugs)
    indices = subset(network, 0)          # every parameter, or a random subset of a large net
    noise = np.full(network.params.size, np.nan)
    g_fd = numeric_gradient(network, x, y, indices=indices, noise=noise)
    layers, start, worst = [], 0, 0.0
    for l in range(1, network.L + 1):
        parts = [network.weights[l - 1].size] + ([network.biases[l - 1].size] if network.has_biases else [])
        fd = g_fd[start:start + sum(parts)]
        floor = resolution_floor(noise[start:start + sum(parts)])
        start += sum(parts)
        if t.grad_w[l - 1] is None:
            layers.append({"layer": l, "max_relative_error": None, "passed": False, "error": t.error})
            worst = float("inf")
            continue
        bp = np.concatenate([t.grad_w[l - 1].ravel()]
                            + ([t.grad_b[l - 1].ravel()] if network.has_biases else []))
        checked = ~np.isnan(fd)                  # the parameters the subset left out are NaN
        bp, fd = bp[checked], fd[checked]
        err = float(relative_error(bp, fd, floor[checked]).max())
        row = {"layer": l, "max_relative_error": err, "passed": err < FAIL,
               "unresolved": unresolved(bp, fd, floor[checked])}
        factor = constant_factor(bp, fd)
        if not row["passed"] and factor is not None:
            row["factor"] = factor
        layers.append(row)
        worst = max(worst, err)
    doc = {"max_relative_error": worst, "layers": layers, "bugs": list(bugs), "samples": x.shape[0],
           "parameters": int(g_fd.size),
           "parameters_checked": int(g_fd.size if indices is None else len(indices))}
    m, n_in = x.shape[0], network.sizes[0]
    if bugs and not gradient_bugs(bugs):
        doc["note"] = TRAINING_ONLY_NOTE
    elif gradient_bugs(bugs) == ("sum-not-mean",) and m == 1:
        doc["note"] = "sum-not-mean changes nothing on one sample (m = 1): check a batch"
    elif gradient_bugs(bugs) == ("mean-over-features",) and m == n_in:
        doc["note"] = (f"mean-over-features changes nothing when the batch has as many samples as "
                       f"inputs (m = n⁰ = {m}): check another batch size")
    return doc


def constant_factor(bp: np.ndarray, fd: np.ndarray) -> float | None:
    """backprop ÷ finite differences when that ratio is the same for every entry (to
    FACTOR_TOLERANCE, over the entries whose gradient is not negligible), else None."""
    scale = np.abs(fd).max() if fd.size else 0.0
    keep = np.abs(fd) > 1e-4 * scale
    if scale == 0.0 or not keep.any() or np.any(np.abs(bp[~keep]) > 1e-4 * np.abs(bp).max()):
        return None
    ratio = bp[keep] / fd[keep]
    r = float(np.median(ratio))
    if r == 0.0 or np.abs(ratio - r).max() > FACTOR_TOLERANCE * abs(r):
        return None
    return float(f"{r:.7g}")       # 2.0000000278 → 2.0: the finite differences' own noise
