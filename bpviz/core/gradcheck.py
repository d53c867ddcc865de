"""Gradient check: backprop's ∂C/∂W, ∂C/∂b against central finite differences.

relative error = |g_bp − g_fd| / max(|g_bp| + |g_fd|, tiny), per parameter; we report the
maximum per layer and overall.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network


@dataclass
class GradCheck:
    max_relative_error: float
    layers: list          # [{"layer": l, "max_relative_error": e}, ...]
    backprop: np.ndarray  # flat, laid out like params
    numeric: np.ndarray

    def as_dict(self) -> dict:
        return {"max_relative_error": self.max_relative_error, "layers": self.layers}


def relative_error(g_bp, g_fd, floor=1e-12):
    return np.abs(g_bp - g_fd) / np.maximum(np.abs(g_bp) + np.abs(g_fd), floor)


def numeric_gradient(network: Network, x, y, h: float | None = None) -> np.ndarray:
    """∂C/∂θ ≈ (C(θ + h) − C(θ − h)) / 2h for every parameter θ (network left unchanged)."""
    net = network.copy()
    if net.dtype != np.float64:
        net = Network(net.sizes, net.activation_names, net.loss.name,
                      [w.astype(float) for w in net.weights],
                      [b.astype(float) for b in net.biases] if net.has_biases else None)
    params = net.params
    grad = np.zeros_like(params)
    for i in range(params.size):
        old = params[i]
        step = h if h is not None else 1e-6 * max(1.0, abs(old))
        params[i] = old + step
        c_plus = net.cost(x, y)
        params[i] = old - step
        c_minus = net.cost(x, y)
        params[i] = old
        grad[i] = (c_plus - c_minus) / (2 * step)
    return grad


def gradient_check(network: Network, x, y) -> GradCheck:
    trace = network.backprop(x, y)
    g_bp = network.gradient_vector(trace).astype(float)
    g_fd = numeric_gradient(network, x, y)
    err = relative_error(g_bp, g_fd)
    layers, start = [], 0
    for l in range(1, network.L + 1):
        size = network.weights[l - 1].size + (network.biases[l - 1].size if network.has_biases else 0)
        # params are laid out W¹, b¹, W², b², …, so a layer's entries are contiguous
        layers.append({"layer": l, "max_relative_error": float(err[start:start + size].max())})
        start += size
    return GradCheck(float(err.max()), layers, g_bp, g_fd)
