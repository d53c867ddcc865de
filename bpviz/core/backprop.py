"""Backpropagation's four equations (BP1–BP4) and the forward step, as functions of one layer.

Everything works on a batch, one row per sample (docs/ARCHITECTURE.md, "Notation"):
Zˡ = Aˡ⁻¹ Wˡᵀ + bˡ. The batch backprop (`Network.backprop`), the trainer's fast path
(`Network.loss_and_gradient`) and the one-sample walk (core/stepper.py) all call these, so
backpropagation is written once. The loss and the activation own what differs between them
(`loss.delta`, `sigma.delta`, `sigma.prime`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["layer_forward", "output_delta", "hidden_delta", "grad_b", "grad_w"]


def layer_forward(sigma, W: np.ndarray, b: np.ndarray | None,
                  a_prev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(zˡ, aˡ): zˡ = Wˡ aˡ⁻¹ + bˡ, written for rows as samples Zˡ = Aˡ⁻¹ Wˡᵀ + bˡ;
    aˡ = σ(zˡ). `b` None: no biases."""
    z = np.dot(a_prev, W.T)
    if b is not None:
        z += b
    return z, sigma(z)


def output_delta(loss, sigma, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), with the loss's exact shortcut where it pairs with σ
    (δᴸ = a − y for sigmoid + binary cross-entropy, a Σⱼyⱼ − y for softmax +
    cross-entropy) and Jᵀ∇ₐC for softmax with another loss. Returns a fresh array."""
    return loss.delta(sigma, z, a, y)


def hidden_delta(W_next: np.ndarray, delta_next: np.ndarray,
                 sigma_prime: np.ndarray) -> np.ndarray:
    """BP2: δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ′(zˡ); with rows as samples the product is δˡ⁺¹ Wˡ⁺¹."""
    delta = np.dot(delta_next, W_next)
    delta *= sigma_prime
    return delta


def grad_b(delta: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """BP3: ∂C/∂bˡ = δˡ, summed over the batch's rows (divide by m, or pass δ/m, for the
    mean). `out`: write into this array (the trainer's buffer). Without `out`, one sample
    gives δ itself, a zero keeping its sign as a hand calculation writes it."""
    if out is None and delta.shape[0] == 1:
        return delta[0].copy()
    return np.add.reduce(delta, axis=0, out=out)


def grad_w(delta: np.ndarray, a_prev: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """BP4: ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, summed over the batch's rows: Σₓ δˡₓ (aˡ⁻¹ₓ)ᵀ = (Δˡ)ᵀ Aˡ⁻¹,
    shape (nˡ, nˡ⁻¹). `out`: write into this array (the trainer's buffer). Without `out`,
    one sample gives the outer product δ aᵀ, every entry one product (so −0.0 stays −0.0,
    as a hand calculation writes it)."""
    if out is None and delta.shape[0] == 1:
        return np.multiply(delta.T, a_prev)
    return np.dot(delta.T, a_prev, out=out)
