"""The loss of a network over a grid of two of its parameters, all others fixed: a 2-D slice
of the cost surface C(w_a, w_b) around the current weights.

Vectorised: the layers before the first changed parameter run once; from there on every grid
point of a chunk is a block of m rows in one batch. Changing the weight Wˡⱼₖ by d changes only
zˡⱼ, by d·aˡ⁻¹ₖ (a bias bˡⱼ by d), so the changed layer adds that to the shared zˡ instead of
multiplying again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .data_check import check_data
from .errors import BpvizError
from .network import Network

MAX_CELLS = 250_000          # grid N × N: at most this many points (N ≤ 499)
CHUNK_VALUES = 2_000_000     # floats per layer per chunk (≈ 16 MB): bounds the memory
PARAM = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*:\s*(\d+|b)\s*$")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def sup(n: int) -> str:
    """Layer 2 → '²', as the equations write it."""
    return str(n).translate(SUPERSCRIPTS)


@dataclass(frozen=True)
class Param:
    """Wˡⱼₖ (k a number) or bˡⱼ (k None), all 1-based as in the window."""

    l: int
    j: int
    k: int | None

    @property
    def key(self) -> str:
        return f"{self.l}:{self.j}:{'b' if self.k is None else self.k}"

    @property
    def label(self) -> str:
        j = str(self.j).translate(SUBSCRIPTS)
        if self.k is None:
            return f"b{sup(self.l)}{j}"
        return f"W{sup(self.l)}{j}{str(self.k).translate(SUBSCRIPTS)}"

    def value(self, network: Network) -> float:
        if self.k is None:
            return float(network.biases[self.l - 1][self.j - 1])
        return float(network.weights[self.l - 1][self.j - 1, self.k - 1])


def parse_param(text: str, network: Network) -> Param:
    """'L:J:K' or 'L:J:b', checked against the network."""
    m = PARAM.match(str(text))
    if not m:
        raise BpvizError(f"parameter {text!r}: expected L:J:K (weight) or L:J:b (bias), "
                         "1-based, e.g. 1:1:2")
    l, j = int(m.group(1)), int(m.group(2))
    k = None if m.group(3) == "b" else int(m.group(3))
    if not 1 <= l <= network.L:
        raise BpvizError(f"parameter {text}: layer must be 1 to {network.L}, found {l}")
    if not 1 <= j <= network.sizes[l]:
        raise BpvizError(f"parameter {text}: layer {l} has neurons 1 to {network.sizes[l]}, found {j}")
    if k is None and not network.has_biases:
        raise BpvizError(f"parameter {text}: this network has no biases")
    if k is not None and not 1 <= k <= network.sizes[l - 1]:
        raise BpvizError(f"parameter {text}: W{sup(l)} has columns 1 to {network.sizes[l - 1]}, "
                         f"found {k}")
    return Param(l, j, k)


def all_params(network: Network) -> list[Param]:
    """Every weight and bias, layer by layer (for choosers)."""
    out = []
    for l in range(1, network.L + 1):
        for j in range(1, network.sizes[l] + 1):
            out += [Param(l, j, k) for k in range(1, network.sizes[l - 1] + 1)]
            if network.has_biases:
                out.append(Param(l, j, None))
    return out


@dataclass(frozen=True)
class Surface:
    """loss[i, j] is the mean cost at P = a[i], Q = b[j]."""

    params: tuple            # (Param, Param)
    centre: tuple            # their current values
    a: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    samples: int

    def document(self) -> dict:
        return {"params": [p.key for p in self.params], "centre": list(self.centre),
                "a": self.a.tolist(), "b": self.b.tolist(), "loss": self.loss.tolist(),
                "samples": self.samples}


def check_grid(n) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 3 or n % 2 == 0:
        raise BpvizError(f"grid: expected an odd whole number ≥ 3 (so the centre is a grid "
                         f"point), found {n!r}")
    if n * n > MAX_CELLS:
        raise BpvizError(f"grid: {n} × {n} = {n * n} points is more than the limit of "
                         f"{MAX_CELLS}; use N ≤ {math.isqrt(MAX_CELLS) // 2 * 2 - 1}")
    return int(n)


MIN_SPAN, MAX_SPAN = 1e-9, 1e6     # a grid narrower or wider than this says nothing more, and
#                                  # past these its coordinates round together or overflow


def check_span(span) -> float:
    try:
        span = float(span)
    except (TypeError, ValueError):
        raise BpvizError(f"span: expected a number, found {span!r}") from None
    if not math.isfinite(span) or span <= 0:
        raise BpvizError(f"span: expected a finite half-width > 0, found {span!r}")
    if not MIN_SPAN <= span <= MAX_SPAN:
        raise BpvizError(f"span: expected a half-width from {MIN_SPAN:g} to {MAX_SPAN:g}, "
                         f"found {span:g}")
    return span


def default_span(value: float) -> float:
    """The half-width when none is given: 1 + |w|."""
    return 1.0 + abs(value)


def loss_surface(network: Network, x, y, p, q, span=None, grid: int = 31,
                 samples: int | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> Surface | None:
    """C over P ∈ centre ± span and Q ∈ centre ± span (each axis 1 + |its value| when span
    is None) on the first `samples` rows of (x, y) (all when None or more than there are).
    `progress(done, total)` is called after each chunk; returns None if `should_stop()`."""
    p = p if isinstance(p, Param) else parse_param(p, network)
    q = q if isinstance(q, Param) else parse_param(q, network)
    if p == q:
        raise BpvizError(f"parameters: {p.key} twice; pick two different parameters")
    grid = check_grid(grid)
    x = network.as_batch(np.asarray(x, dtype=float))
    y = network.as_batch(np.asarray(y, dtype=float))
    x, y = check_data(network, x, y, "the surface's")    # the rule training uses
    if samples is not None:
        if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
            raise BpvizError(f"samples: expected a whole number ≥ 1, found {samples!r}")
        x, y = x[:samples], y[:samples]
    if x.shape[0] == 0:
        raise BpvizError("no training samples")
    if x.shape[1] != network.sizes[0] or y.shape[1] != network.sizes[-1]:
        raise BpvizError(f"data: expected {network.sizes[0]} inputs and {network.sizes[-1]} "
                         f"targets per sample, found {x.shape[1]} and {y.shape[1]}")
    cp, cq = p.value(network), q.value(network)
    sp = default_span(cp) if span is None else check_span(span)
    sq = default_span(cq) if span is None else check_span(span)
    a = cp + sp * np.linspace(-1.0, 1.0, grid)
    b = cq + sq * np.linspace(-1.0, 1.0, grid)
    a[grid // 2], b[grid // 2] = cp, cq        # the centre exactly, not cp + 0.0 · sp rounded
    dp_all = np.repeat(a - cp, grid)           # flat index i·N + j ↔ (a[i], b[j])
    dq_all = np.tile(b - cq, grid)

    m = x.shape[0]
    widest = max(network.sizes[min(p.l, q.l):])     # the layers that change per grid point
    chunk = max(1, CHUNK_VALUES // (m * widest))
    losses = np.empty(grid * grid)
    with np.errstate(all="ignore"):
        first = min(p.l, q.l)
        a_shared = x                            # aˡ⁻¹ before the first changed layer: runs once
        for l in range(1, first):
            a_shared = _layer(network, l, a_shared)
        shared = _Shared(network, first, a_shared)
        for start in range(0, grid * grid, chunk):
            if should_stop is not None and should_stop():
                return None
            stop = min(start + chunk, grid * grid)
            losses[start:stop] = _chunk_costs(network, shared, y, p, q,
                                              dp_all[start:stop], dq_all[start:stop])
            if progress is not None:
                progress(stop, grid * grid)
    return Surface((p, q), (cp, cq), a, b, losses.reshape(grid, grid), m)


def _pre(network: Network, l: int, a_prev: np.ndarray) -> np.ndarray:
    """zˡ = aˡ⁻¹ (Wˡ)ᵀ + bˡ for a batch (rows are samples)."""
    z = a_prev @ network.weights[l - 1].T
    if network.has_biases:
        z += network.biases[l - 1]
    return z


def _layer(network: Network, l: int, a_prev: np.ndarray) -> np.ndarray:
    return network.sigmas[l - 1](_pre(network, l, a_prev))


class _Shared:
    """What every grid point shares: aˡ⁻¹, zˡ and aˡ of the first changed layer l, and zˡ⁺¹
    computed from that unchanged aˡ."""

    def __init__(self, network: Network, l: int, a_prev: np.ndarray):
        self.l, self.a_prev = l, a_prev
        self.z = _pre(network, l, a_prev)
        act = network.sigmas[l - 1]
        self.sparse = l < network.L and act.elementwise
        if self.sparse:
            self.a = act(self.z)
            self.z_next = _pre(network, l + 1, self.a)


def _chunk_costs(network, shared: _Shared, y, p, q, dp, dq) -> np.ndarray:
    """Mean cost of each of G grid points (parameter changes dp[g], dq[g]). Arrays of shape
    (G, m, n) hold block g = grid point g."""
    a_shared = shared.a_prev
    g, m = dp.size, a_shared.shape[0]
    changes = ((p, dp), (q, dq))

    def shift(l, column) -> dict:
        """{j: change of zˡⱼ, shape (G, m)}: Wˡⱼₖ + d adds d·aˡ⁻¹ₖ, bˡⱼ + d adds d."""
        dz = {}
        for param, d in changes:
            if param.l == l:
                step = d[:, None] if param.k is None else d[:, None] * column(param.k - 1)
                dz[param.j - 1] = dz.get(param.j - 1, 0.0) + step
        return dz

    def apply(z, dz):
        for j, step in dz.items():
            z[:, :, j] += step

    l = shared.l
    z0 = shared.z
    act = network.sigmas[l - 1]
    dz = shift(l, lambda k: a_shared[:, k])
    if shared.sparse:
        # Only the changed neurons' aˡⱼ differ between grid points, so zˡ⁺¹ is the shared one
        # plus one rank-one correction (aˡⱼ − aˡⱼ,₀)·Wˡ⁺¹[:, j] per changed neuron.
        a0 = shared.a
        a_new = {j: act(z0[:, j] + step) for j, step in dz.items()}
        l += 1
        w = network.weights[l - 1]
        z = np.broadcast_to(shared.z_next, (g, m, w.shape[0])).copy()
        for j, a_j in a_new.items():
            z += (a_j - a0[:, j])[..., None] * w[:, j]
        apply(z, shift(l, lambda k: a_new[k] if k in a_new else a0[:, k]))
    else:
        z = np.broadcast_to(z0, (g, m, z0.shape[1])).copy()
        apply(z, dz)
    z = z.reshape(g * m, -1)
    a = network.sigmas[l - 1](z)
    for layer in range(l + 1, network.L + 1):
        a_prev = a.reshape(g, m, -1)
        z = _pre(network, layer, a).reshape(g, m, -1)
        apply(z, shift(layer, lambda k, a_prev=a_prev: a_prev[..., k]))
        z = z.reshape(g * m, -1)
        a = network.sigmas[layer - 1](z)
    return _per_sample_cost(network, z, a, np.tile(y, (g, 1))).reshape(g, m).mean(axis=1)


def _per_sample_cost(network: Network, z, a, y) -> np.ndarray:
    """C_x per row. For sigmoid + binary cross-entropy and softmax + cross-entropy the cost is
    taken from z, as the network does (exact where a has saturated)."""
    loss, act = network.loss, network.sigmas[-1].name
    if loss.shortcut_activation == act == "sigmoid":
        return np.add.reduce(np.logaddexp(0.0, z) - y * z, axis=1)
    if loss.shortcut_activation == act == "softmax":
        z_max = z.max(axis=1, keepdims=True)
        log_sum = np.log(np.add.reduce(np.exp(z - z_max), axis=1)) + z_max[:, 0]
        return np.add.reduce(y, axis=1) * log_sum - np.add.reduce(y * z, axis=1)
    return loss.per_sample(a, y)
