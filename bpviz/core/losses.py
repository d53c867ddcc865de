"""Cost functions C, each with its gradient ∇ₐC beside it (CONTRACT §1).

Where a was clipped the cost is flat, and `grad_a` says so (0 there), so backprop always
agrees with finite differences of the cost as defined. The cost of a batch is the mean over its m samples (Nielsen's 1/n). `grad_a` returns the
gradient of the *per-sample* cost C_x, one row per sample; the network averages the weight
gradients over the batch. Logs are taken of a clipped to [EPS, 1 − EPS] (BCE) or [EPS, ∞) (CE), so a saturated
output gives a large finite cost, never inf or NaN. For the two exact pairs (sigmoid +
binary cross-entropy, softmax + cross-entropy) the network computes C from z instead
(`from_z`): the same function, exact even where a has saturated.
"""

from __future__ import annotations

import numpy as np

EPS = 1e-12


class Loss:
    name = ""
    formula = ""
    grad_formula = ""
    shortcut_activation = ""  # the output activation for which δᴸ = a − y exactly
    target_range: tuple = (None, None)   # (low, high) a target must lie in; None: no bound

    def per_sample(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def grad_a(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, a: np.ndarray, y: np.ndarray) -> float:
        """C for the batch: the mean of the per-sample costs."""
        return float(np.add.reduce(self.per_sample(a, y))) / a.shape[0]


    def from_z(self, z: np.ndarray, y: np.ndarray) -> float:
        """C for the batch computed from the output layer's z, for the activation named
        by `shortcut_activation`: exact where a has saturated to 0 or 1, no clipping."""
        raise NotImplementedError


class MSE(Loss):
    name = "mse"
    formula = "C = (1/m) Σₓ ½‖a − y‖²"
    grad_formula = "∇ₐC = a − y"

    def per_sample(self, a, y):
        d = a - y
        return 0.5 * np.add.reduce(d * d, axis=1)

    def __call__(self, a, y):
        d = (a - y).ravel()
        return 0.5 * float(np.dot(d, d)) / a.shape[0]

    def grad_a(self, a, y):
        return a - y


class BinaryCrossEntropy(Loss):
    name = "binary_cross_entropy"
    formula = "C = (1/m) Σₓ Σⱼ −[yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)]"
    grad_formula = "∇ₐC = (a − y) / (a(1 − a))"
    shortcut_activation = "sigmoid"
    target_range = (0.0, 1.0)

    def per_sample(self, a, y):
        a = np.minimum(np.maximum(a, EPS), 1.0 - EPS)
        log_1_minus_a = np.log(1.0 - a)
        # −[y ln a + (1 − y) ln(1 − a)] = −[ln(1 − a) + y (ln a − ln(1 − a))]: fewer passes
        return -np.add.reduce(log_1_minus_a + y * (np.log(a) - log_1_minus_a), axis=1)

    def from_z(self, z, y):
        # With a = σ(z): −[y ln a + (1 − y) ln(1 − a)] = ln(1 + eᶻ) − y z
        return float(np.add.reduce(np.logaddexp(0.0, z) - y * z, axis=None)) / z.shape[0]

    def grad_a(self, a, y):
        # Where a was clipped the cost is flat in a, so its gradient is 0 there.
        # (Only the log's argument is clipped: BCE needs 0 < a < 1, CE only a > 0.)
        inside = (a > EPS) & (a < 1.0 - EPS)
        a = np.clip(a, EPS, 1.0 - EPS)
        return np.where(inside, (a - y) / (a * (1.0 - a)), 0.0)


class CrossEntropy(Loss):
    name = "cross_entropy"
    formula = "C = (1/m) Σₓ −Σⱼ yⱼ ln aⱼ"
    grad_formula = "∇ₐC = −y / a"
    shortcut_activation = "softmax"
    target_range = (0.0, None)

    def per_sample(self, a, y):
        return -np.add.reduce(y * np.log(np.maximum(a, EPS)), axis=1)

    def from_z(self, z, y):
        # With a = softmax(z): −Σⱼ yⱼ ln aⱼ = (Σⱼ yⱼ) logΣₖ eᶻᵏ − Σⱼ yⱼ zⱼ
        z_max = z.max(axis=1, keepdims=True)
        log_sum = np.log(np.add.reduce(np.exp(z - z_max), axis=1)) + z_max[:, 0]
        return float(np.add.reduce(np.add.reduce(y, axis=1) * log_sum
                                   - np.add.reduce(y * z, axis=1))) / z.shape[0]

    def grad_a(self, a, y):
        inside = a > EPS
        return np.where(inside, -y / np.maximum(a, EPS), 0.0)


LOSSES: dict[str, Loss] = {cls.name: cls() for cls in (MSE, BinaryCrossEntropy, CrossEntropy)}


def get_loss(name: str) -> Loss:
    from .errors import BpvizError

    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise BpvizError(f"unknown loss {name!r}: expected one of {', '.join(LOSSES)}") from None
