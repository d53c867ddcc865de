"""Activation functions σ, each with its derivative σ′ right beside it.

Every activation works on a batch Z of shape (m, n): one row per sample. `prime(z, a)` gets
both z and a = σ(z) because some derivatives are cheapest from a (sigmoid, tanh); it is always
the derivative with respect to z (seed 003's bug was applying σ′ to a instead).
Softmax couples the neurons of a layer, so it has a Jacobian-vector product instead of an
element-wise σ′ and may only be used on the output layer.
"""

from __future__ import annotations

import numpy as np

LEAKY_SLOPE = 0.01


class Activation:
    name = ""
    elementwise = True
    formula = ""          # σ(z) written out, for the inspector
    prime_formula = ""    # σ′(z) written out

    def __call__(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def prime(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        """σ′(z), element-wise; `a` must equal σ(z)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Linear(Activation):
    name = "linear"
    formula = "σ(z) = z"
    prime_formula = "σ′(z) = 1"

    def __call__(self, z):
        return z.copy()

    def prime(self, z, a):
        return np.ones_like(z)


class Sigmoid(Activation):
    name = "sigmoid"
    formula = "σ(z) = 1 / (1 + e⁻ᶻ)"
    prime_formula = "σ′(z) = σ(z)(1 − σ(z))"

    def __call__(self, z):
        # 1/(1 + e⁻ᶻ) = exp(−ln(1 + e⁻ᶻ)), and logaddexp computes ln(eᵃ + eᵇ) without
        # overflow: no RuntimeWarning, and z = ±1000 gives exactly 1 and 0.
        out = np.logaddexp(0.0, -z)
        np.negative(out, out=out)
        return np.exp(out, out=out)

    def prime(self, z, a):
        return a * (1.0 - a)


class Tanh(Activation):
    name = "tanh"
    formula = "σ(z) = tanh z"
    prime_formula = "σ′(z) = 1 − tanh² z"

    def __call__(self, z):
        return np.tanh(z)

    def prime(self, z, a):
        return 1.0 - a * a


class ReLU(Activation):
    name = "relu"
    formula = "σ(z) = max(0, z)"
    prime_formula = "σ′(z) = 1 if z > 0 else 0"

    def __call__(self, z):
        return np.maximum(z, 0.0)

    def prime(self, z, a):
        return (z > 0).astype(z.dtype)


class LeakyReLU(Activation):
    name = "leaky_relu"
    formula = f"σ(z) = z if z > 0 else {LEAKY_SLOPE}·z"
    prime_formula = f"σ′(z) = 1 if z > 0 else {LEAKY_SLOPE}"

    def __call__(self, z):
        return np.where(z > 0, z, LEAKY_SLOPE * z)

    def prime(self, z, a):
        return np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype)


class Softmax(Activation):
    name = "softmax"
    elementwise = False
    formula = "σ(z)ⱼ = e^zⱼ / Σₖ e^zₖ"
    prime_formula = "∂aⱼ/∂zₖ = aⱼ(1[j=k] − aₖ)"

    def __call__(self, z):
        # Subtracting the row maximum keeps every exponent ≤ 0: never overflows.
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def prime(self, z, a):
        """The diagonal of the Jacobian, aⱼ(1 − aⱼ) (for display only)."""
        return a * (1.0 - a)

    def backward(self, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """Jᵀ·∇ₐC per sample: δⱼ = aⱼ (gⱼ − Σₖ gₖ aₖ)."""
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    cls.name: cls() for cls in (Linear, Sigmoid, Tanh, ReLU, LeakyReLU, Softmax)
}


def get_activation(name: str) -> Activation:
    from .errors import BpvizError

    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise BpvizError(
            f"unknown activation {name!r}: expected one of {', '.join(ACTIVATIONS)}"
        ) from None
