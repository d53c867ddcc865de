"""An independent reference for the tests: the forward pass and the costs (as
docs/ARCHITECTURE.md defines them) written out from their definitions (no bpviz code), and
central differences on them.
"""

from __future__ import annotations

import math

import numpy as np

EPS = 1e-12   # the documented clipping of the log's argument (bpviz.core.losses)


def sigma(name: str, z: np.ndarray) -> np.ndarray:
    if name == "linear":
        return z
    if name == "sigmoid":
        return np.array([[1.0 / (1.0 + math.exp(-v)) if v > -700 else 0.0 for v in row]
                         for row in z])
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise AssertionError(name)


def cost(loss: str, a: np.ndarray, y: np.ndarray) -> float:
    """(1/m) Σₓ C_x, as the docs write each loss."""
    m = a.shape[0]
    if loss == "mse":
        return sum(0.5 * float(np.sum((a[i] - y[i]) ** 2)) for i in range(m)) / m
    if loss == "binary_cross_entropy":
        a = np.clip(a, EPS, 1 - EPS)
        return sum(-float(np.sum(y[i] * np.log(a[i]) + (1 - y[i]) * np.log(1 - a[i])))
                   for i in range(m)) / m
    if loss == "cross_entropy":
        a = np.maximum(a, EPS)
        return sum(-float(np.sum(y[i] * np.log(a[i]))) for i in range(m)) / m
    raise AssertionError(loss)


def forward(weights, biases, activations, x):
    a = np.atleast_2d(np.asarray(x, dtype=float))
    for l, w in enumerate(weights):
        z = np.array([[sum(w[j, k] * row[k] for k in range(w.shape[1])) for j in range(w.shape[0])]
                      for row in a])
        if biases is not None:
            z = z + biases[l]
        a = sigma(activations[l], z)
    return a


def reference_cost(weights, biases, activations, loss, x, y) -> float:
    return cost(loss, forward(weights, biases, activations, x), np.atleast_2d(y))


def central_differences(weights, biases, activations, loss, x, y, h=1e-6):
    """∂C/∂Wˡ and ∂C/∂bˡ by (C(θ + h) − C(θ − h)) / 2h on the reference cost."""
    weights = [np.array(w, dtype=float) for w in weights]
    biases = None if biases is None else [np.array(b, dtype=float) for b in biases]
    params = weights + (biases or [])
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            c_plus = reference_cost(weights, biases, activations, loss, x, y)
            p[idx] = old - h
            c_minus = reference_cost(weights, biases, activations, loss, x, y)
            p[idx] = old
            g[idx] = (c_plus - c_minus) / (2 * h)
        grads.append(g)
    L = len(weights)
    return grads[:L], (grads[L:] if biases is not None else None)
