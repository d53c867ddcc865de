"""Weight initialisers: each returns Wˡ of shape (nˡ, nˡ⁻¹) from a seeded Generator.

`normal` is N(0, 1) for weights and biases, as in Nielsen's network.py; `scaled-normal` is his
improved network2.py's N(0, 1)/√nˡ⁻¹ for weights with N(0, 1) biases (it keeps a sigmoid unit's
z near 0 when a layer has many inputs, as MNIST's 784). The others start biases at zero.
"""

from __future__ import annotations

import numpy as np

from .errors import BpvizError


def normal(rng: np.random.Generator, n_out: int, n_in: int, value: float = 0.0) -> np.ndarray:
    return rng.standard_normal((n_out, n_in))


def scaled_normal(rng: np.random.Generator, n_out: int, n_in: int, value: float = 0.0) -> np.ndarray:
    """N(0, 1/nˡ⁻¹): standard normal divided by the square root of the layer's fan-in."""
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)


def xavier(rng, n_out, n_in, value=0.0):
    """Glorot/Xavier uniform: U(−r, r) with r = √(6 / (n_in + n_out))."""
    r = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-r, r, (n_out, n_in))


def he(rng, n_out, n_in, value=0.0):
    """He/Kaiming normal: N(0, 2 / n_in), made for ReLU layers."""
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)


def uniform(rng, n_out, n_in, value=0.0):
    return rng.uniform(-1.0, 1.0, (n_out, n_in))


def constant(rng, n_out, n_in, value=0.5):
    return np.full((n_out, n_in), float(value))


INITIALIZERS = {f.__name__.replace("_", "-"): f
                for f in (normal, scaled_normal, xavier, he, uniform, constant)}
NORMAL_BIASES = ("normal", "scaled-normal")


def get_initializer(name: str):
    try:
        return INITIALIZERS[name]
    except (KeyError, TypeError):
        raise BpvizError(
            f"unknown initialiser {name!r}: expected one of {', '.join(INITIALIZERS)}"
        ) from None


def init_bias(rng: np.random.Generator, name: str, n_out: int, value: float = 0.0) -> np.ndarray:
    if name in NORMAL_BIASES:
        return rng.standard_normal(n_out)
    if name == "constant":
        return np.full(n_out, float(value))
    return np.zeros(n_out)
