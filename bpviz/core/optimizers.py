"""Optimisers: each turns the flat gradient vector into a change of the flat parameters.

`step(params, grad)` updates `params` in place. L2 regularisation (λ) adds λ·w to the
gradient of every weight (not the biases), i.e. the cost gains (λ/2)‖w‖².
"""

from __future__ import annotations

import numpy as np


class Optimizer:
    name = ""

    def __init__(self, eta: float = 0.1, l2: float = 0.0, weight_mask=None):
        self.eta = eta
        self.l2 = l2
        self.weight_mask = weight_mask   # 1 for weights, 0 for biases, laid out like params

    def regularised(self, params, grad):
        if self.l2 and self.weight_mask is not None:
            return grad + self.l2 * self.weight_mask * params
        return grad

    def step(self, params: np.ndarray, grad: np.ndarray) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget any state (velocity, moments)."""


class SGD(Optimizer):
    """Nielsen's rule: w ← w − η ∂C/∂w (∂C/∂w already the mean over the mini-batch)."""

    name = "sgd"

    def step(self, params, grad):
        if self.l2:
            grad = self.regularised(params, grad)
        params -= self.eta * grad


class Momentum(Optimizer):
    """v ← μv − η∂C/∂w; w ← w + v."""

    name = "momentum"

    def __init__(self, eta=0.1, l2=0.0, weight_mask=None, mu: float = 0.9):
        super().__init__(eta, l2, weight_mask)
        self.mu = mu
        self.velocity = None

    def reset(self):
        self.velocity = None

    def step(self, params, grad):
        if self.velocity is None or self.velocity.shape != params.shape:
            self.velocity = np.zeros_like(params)
        self.velocity *= self.mu
        self.velocity -= self.eta * self.regularised(params, grad)
        params += self.velocity


class Adam(Optimizer):
    """Adam (Kingma & Ba): bias-corrected first and second moments of the gradient."""

    name = "adam"

    def __init__(self, eta=0.01, l2=0.0, weight_mask=None, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(eta, l2, weight_mask)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.reset()

    def reset(self):
        self.m = self.v = None
        self.t = 0

    def step(self, params, grad):
        if self.m is None or self.m.shape != params.shape:
            self.m = np.zeros_like(params)
            self.v = np.zeros_like(params)
            self.t = 0
        g = self.regularised(params, grad)
        self.t += 1
        self.m *= self.beta1
        self.m += (1 - self.beta1) * g
        self.v *= self.beta2
        self.v += (1 - self.beta2) * g * g
        m_hat = self.m / (1 - self.beta1 ** self.t)
        v_hat = self.v / (1 - self.beta2 ** self.t)
        params -= self.eta * m_hat / (np.sqrt(v_hat) + self.eps)


OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, Adam)}


def make_optimizer(name: str, eta: float, l2: float = 0.0, weight_mask=None) -> Optimizer:
    """The optimiser called `name`; the name, η and λ are validated by the caller with
    `bpviz.core.settings` (check_optimizer, check_eta, check_l2), the one place those rules live."""
    return OPTIMIZERS[name](eta=eta, l2=l2, weight_mask=weight_mask)


def weight_mask(network) -> np.ndarray:
    """1 where `network.params` holds a weight, 0 where it holds a bias."""
    mask = np.zeros_like(network.params)
    start = 0
    for view in network.views:
        if view.ndim == 2:
            mask[start:start + view.size] = 1.0
        start += view.size
    return mask
