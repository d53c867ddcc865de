"""Backpropagation's four equations (BP1–BP4) and the forward step, as functions of one layer.

Everything works on a batch, one row per sample (docs/ARCHITECTURE.md, "Notation"):
Zˡ = Aˡ⁻¹ Wˡᵀ + bˡ. The batch backprop (`Network.backprop`), the trainer's general step
(`Network.loss_and_gradient`), its fast path (training/fast_path.py) and the one-sample walk
(core/stepper.py) all call these, so backpropagation is written once. The loss and the
activation own what differs between them (`loss.delta`, `sigma.delta`, `sigma.prime`).

With `out`, each function writes into the caller's buffers instead of allocating, and with
`record` (a list, see core/ops.py) it appends its NumPy calls instead of running them: the
fast path records one step once and replays it for every batch.
"""

from __future__ import annotations

import numpy as np

from .ops import call, ones

__all__ = ["layer_forward", "output_delta", "hidden_delta", "grad_b", "grad_w", "BLOCK_ROWS",
           "block_rows"]


# A product with more rows than this is done in row blocks: OpenBLAS multiplies a few dozen
# rows by a small weight matrix with its small-matrix kernel, measured 1.2–1.6× faster per
# row here than one call on 100 or 10 000 rows (the results agree to rounding).
BLOCK_ROWS = 32
SMALL_SIZE = 4096   # a layer's z this small is dominated by NumPy's cost per call


def block_rows(m: int) -> int:
    """Rows per block when m rows go through a product in equal blocks of at most BLOCK_ROWS
    (100 rows → 4 × 25)."""
    return max(1, -(-m // max(1, -(-m // BLOCK_ROWS))))


def layer_forward(sigma, W: np.ndarray, b: np.ndarray | None, a_prev: np.ndarray,
                  out=None, record=None, product=None) -> tuple[np.ndarray, np.ndarray]:
    """(zˡ, aˡ): zˡ = Wˡ aˡ⁻¹ + bˡ, written for rows as samples Zˡ = Aˡ⁻¹ Wˡᵀ + bˡ;
    aˡ = σ(zˡ). `b` None: no biases. `out`: the pair of buffers (z, a) to write into.
    `product(a rows, W, z rows, block)`, with `record`: a function of no arguments that
    computes those rows of Aˡ⁻¹ Wˡᵀ (or None: NumPy's)."""
    if out is None:
        z = np.dot(a_prev, W.T)
        if b is not None:
            z += b
        return z, sigma(z)
    z, a = out
    m = a_prev.shape[0]
    size = block_rows(m)
    for r in range(0, m, size):
        f = product and product(a_prev[r:r + size], W, z[r:r + size], r // size)
        if f:
            record.append(f)
        else:
            call(record, np.dot, a_prev[r:r + size], W.T, z[r:r + size])
    if b is not None and 1 < m and z.size <= SMALL_SIZE and a is not z:
        # bˡ is copied into every row of a first (σ writes a afterwards): NumPy adds two
        # arrays of one shape in its quick case, not a row to every row (0.36 + 0.45 µs
        # instead of 1.08 µs at 10 × 30 here). The same sum to the last bit.
        call(record, a.__setitem__, Ellipsis, b)
        call(record, np.add, z, a, z)
    elif b is not None:
        call(record, np.add, z, b, z)
    sigma(z, a, record)
    return z, a


def output_delta(loss, sigma, z: np.ndarray, a: np.ndarray, y: np.ndarray, out=None,
                 record=None, grad_a=None) -> np.ndarray:
    """BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), with the loss's exact shortcut where it pairs with σ
    (δᴸ = a − y for sigmoid + binary cross-entropy, a Σⱼyⱼ − y for softmax +
    cross-entropy) and Jᵀ∇ₐC for softmax with another loss. Returns a fresh array, or
    `out` (then `grad_a` is the buffer for ∇ₐC on the way)."""
    return loss.delta(sigma, z, a, y, out, record, grad_a)


def hidden_delta(W_next: np.ndarray, delta_next: np.ndarray, sigma_prime: np.ndarray,
                 out=None, record=None) -> np.ndarray:
    """BP2: δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ′(zˡ); with rows as samples the product is δˡ⁺¹ Wˡ⁺¹."""
    if out is None:
        delta = np.dot(delta_next, W_next)
        delta *= sigma_prime
        return delta
    call(record, np.dot, delta_next, W_next, out)
    call(record, np.multiply, out, sigma_prime, out)
    return out


def grad_b(delta: np.ndarray, out: np.ndarray | None = None, record=None) -> np.ndarray:
    """BP3: ∂C/∂bˡ = δˡ, summed over the batch's rows (divide by m, or pass δ/m, for the
    mean). `out`: write into this array (the trainer's buffer). Without `out`, one sample
    gives δ itself, a zero keeping its sign as a hand calculation writes it."""
    if out is None:
        if delta.shape[0] == 1:
            return delta[0].copy()
        return np.add.reduce(delta, axis=0)
    call(record, np.dot, ones(delta.shape[0], delta.dtype), delta, out)   # 1ᵀΔ: half the time
    return out


def grad_w(delta: np.ndarray, a_prev: np.ndarray, out: np.ndarray | None = None,
           record=None) -> np.ndarray:
    """BP4: ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, summed over the batch's rows: Σₓ δˡₓ (aˡ⁻¹ₓ)ᵀ = (Δˡ)ᵀ Aˡ⁻¹,
    shape (nˡ, nˡ⁻¹). `out`: write into this array (the trainer's buffer). Without `out`,
    one sample gives the outer product δ aᵀ, every entry one product (so −0.0 stays −0.0,
    as a hand calculation writes it)."""
    if out is None:
        if delta.shape[0] == 1:
            return np.multiply(delta.T, a_prev)
        return np.dot(delta.T, a_prev)
    call(record, np.dot, delta.T, a_prev, out)
    return out
