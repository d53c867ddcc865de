"""The batch average made visible: each sample's δ and ∂C/∂W, and the mean the update uses.

For a batch of m samples, backprop gives every sample x its own δˡₓ and its own gradient
∂Cₓ/∂Wˡ = δˡₓ (aˡ⁻¹ₓ)ᵀ; the update uses their mean, ∂C/∂Wˡ = (1/m) Σₓ δˡₓ (aˡ⁻¹ₓ)ᵀ. On
XOR's four corners this shows the samples pulling a weight in different directions.
`backward_records` computes them layer by layer, L down to 1 (the order of the walk's backward
steps), with the same per-layer functions as `Network.backprop` (core/backprop.py); `describe`
writes a record's equations with the numbers in, as core/equations.py does for the walk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .backprop import grad_b, grad_w, hidden_delta, layer_forward, output_delta
from .errors import BpvizError
from .network import Network
from .notation import Line, num, par, shape, sub, sup, vec


@dataclass(frozen=True)
class BatchBackward:
    """Layer l's backward step on a batch: one row (or matrix) per sample, and the mean."""

    layer: int
    delta: np.ndarray        # (m, nˡ): δˡₓ, one row per sample
    a_prev: np.ndarray       # (m, nˡ⁻¹): aˡ⁻¹ₓ
    grad_w: np.ndarray       # (m, nˡ, nˡ⁻¹): ∂Cₓ/∂Wˡ = δˡₓ (aˡ⁻¹ₓ)ᵀ
    grad_b: np.ndarray | None  # (m, nˡ): ∂Cₓ/∂bˡ = δˡₓ; None without biases
    mean_w: np.ndarray       # (nˡ, nˡ⁻¹): (1/m) Σₓ δˡₓ (aˡ⁻¹ₓ)ᵀ, what the update uses
    mean_b: np.ndarray | None

    @property
    def m(self) -> int:
        return self.delta.shape[0]


def backward_records(network: Network, x, y) -> list[BatchBackward]:
    """The backward steps L, L−1, …, 1 of a batch (x, y), each with every sample's δ and
    gradient and the batch mean."""
    x, y = network.as_batch(x), network.as_batch(y)
    if x.shape[1] != network.sizes[0] or y.shape != (x.shape[0], network.sizes[-1]):
        raise BpvizError(f"batch: expected inputs (m, {network.sizes[0]}) and targets "
                         f"(m, {network.sizes[-1]}), found {x.shape} and {y.shape}")
    m, sigmas = x.shape[0], network.sigmas
    zs, a_s = [], [x]
    for l in range(network.L):
        z, a = layer_forward(sigmas[l], network.weights[l], network._bias(l), a_s[-1])
        zs.append(z)
        a_s.append(a)
    records = []
    delta = output_delta(network.loss, sigmas[-1], zs[-1], a_s[-1], y)          # BP1
    for l in range(network.L, 0, -1):
        if l < network.L:                                                         # BP2
            delta = hidden_delta(network.weights[l], delta, sigmas[l - 1].prime(zs[l - 1], a_s[l]))
        a_prev = a_s[l - 1]
        each_w = np.stack([grad_w(delta[i:i + 1], a_prev[i:i + 1]) for i in range(m)])   # BP4
        each_b = np.stack([grad_b(delta[i:i + 1]) for i in range(m)]) if network.has_biases else None
        mean_w = grad_w(delta, a_prev) / m if m > 1 else each_w[0].copy()
        mean_b = None
        if network.has_biases:
            mean_b = grad_b(delta) / m if m > 1 else each_b[0].copy()                     # BP3
        records.append(BatchBackward(l, delta.copy(), a_prev.copy(), each_w, each_b, mean_w, mean_b))
    return records


def describe(record: BatchBackward, j: int = 0, k: int = 0, max_samples: int = 8) -> list[Line]:
    """The record's equations with the numbers in: each sample's δ and ∂Cₓ/∂W, then the mean
    ∂C/∂W = (1/m) Σₓ δₓ aₓᵀ written out for the weight w_jk (0-based j, k)."""
    l, m = record.layer, record.m
    n, n_in = record.mean_w.shape
    if not (0 <= j < n and 0 <= k < n_in):
        raise BpvizError(f"weight w{sup(l)}{sub(j + 1, k + 1)} does not exist in W{sup(l)} "
                         f"{shape(n, n_in)}")
    w = f"w{sup(l)}{sub(j + 1, k + 1)}"
    lines = [Line("title", f"Backward, layer {l}, on a batch of {m} samples: each sample's "
                           f"δ{sup(l)} and ∂Cₓ/∂W{sup(l)}, then their mean"),
             Line("equation", f"∂C/∂W{sup(l)} = (1/m) Σₓ δ{sup(l)}ₓ (a{sup(l - 1)}ₓ)ᵀ,  m = {m}"),
             Line("shapes", f"each δ{sup(l)}ₓ {shape(n)} · (a{sup(l - 1)}ₓ)ᵀ {shape(1, n_in)} → "
                            f"∂Cₓ/∂W{sup(l)} {shape(n, n_in)}; the mean {shape(n, n_in)}")]
    shown = min(m, max_samples)
    for i in range(shown):
        lines.append(Line("detail", f"sample {i + 1}: δ{sup(l)} = {vec(record.delta[i])}ᵀ, "
                                    f"∂Cₓ/∂{w} = {par(record.delta[i, j])}·"
                                    f"{par(record.a_prev[i, k])} = {num(record.grad_w[i, j, k])}"))
    if m > shown:
        lines.append(Line("note", f"… and {m - shown} more samples"))
    terms = " + ".join(par(v) for v in record.grad_w[:shown, j, k])
    more = " + …" if m > shown else ""
    lines.append(Line("result", f"∂C/∂{w} = (1/{m})({terms}{more}) = {num(record.mean_w[j, k])}"))
    if record.mean_b is not None:
        terms_b = " + ".join(par(v) for v in record.grad_b[:shown, j])
        lines.append(Line("result", f"∂C/∂b{sup(l)}{sub(j + 1)} = (1/{m})({terms_b}{more}) = "
                                    f"{num(record.mean_b[j])}"))
    signs = np.sign(record.grad_w[:, j, k])
    if np.any(signs > 0) and np.any(signs < 0):
        lines.append(Line("note", f"the samples pull {w} in different directions: "
                                  f"{int(np.sum(signs > 0))} would lower it (∂Cₓ/∂w > 0), "
                                  f"{int(np.sum(signs < 0))} would raise it; the update "
                                  f"follows their mean"))
    return lines
