"""Activation functions σ, each with its derivative σ′ right beside it.

Every activation works on a batch Z of shape (m, n): one row per sample. `prime(z, a)` gets
both z and a = σ(z) because some derivatives are cheapest from a (sigmoid, tanh); it is always
the derivative with respect to z (a classic bug applies σ′ to a instead; a test keeps it out).
Softmax couples the neurons of a layer, so it has a Jacobian-vector product instead of an
element-wise σ′ and may only be used on the output layer.

Each activation also owns how backprop meets it at the output (`delta`: ∇ₐC → δᴸ, the
general form of BP1) and how the equations write it out (`value_text`, `output_delta_lines`),
so adding an activation means adding one class here.

An element-wise activation also takes `out` (and `record`, see core/ops.py) in `__call__`,
`prime` and `delta`: the result goes into that buffer, which is how the trainer's fast path
runs the same functions without allocating. Without `out` they return a fresh array.
"""

from __future__ import annotations

import numpy as np

from .notation import Line, num, par, shape, sub, sup
from .ops import call, const, fresh_like, into

LEAKY_SLOPE = 0.01


class Activation:
    name = ""
    elementwise = True
    formula = ""          # σ(z) written out, for the inspector
    prime_formula = ""    # σ′(z) written out

    def __call__(self, z: np.ndarray, out=None, record=None) -> np.ndarray:
        raise NotImplementedError

    def prime(self, z: np.ndarray, a: np.ndarray, out=None, record=None) -> np.ndarray:
        """σ′(z), element-wise; `a` must equal σ(z)."""
        raise NotImplementedError

    def delta(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray, out=None,
              record=None) -> np.ndarray:
        """BP1 in general: δᴸ = ∇ₐC ⊙ σ′(zᴸ), one row per sample (a fresh array, or `out`)."""
        if out is None:
            return grad_a * self.prime(z, a)
        self.prime(z, a, out, record)
        call(record, np.multiply, out, grad_a, out)
        return out

    # -- the worked equations (vectors are one sample, 1-D; j is 0-based) -------------------
    def value_text(self, l: int, j: int, z: np.ndarray, a: np.ndarray) -> str:
        """aˡⱼ = σ(zˡⱼ) with the numbers in."""
        return f"a{sup(l)}{sub(j + 1)} = σ({num(z[j])}) = {num(a[j])}"

    def output_delta_lines(self, loss, L: int, shown, a, y, grad_a, sigma_prime,
                           delta) -> list[Line]:
        """BP1 written out when the loss has no exact shortcut for this activation."""
        n = a.size
        lines = [Line("equation", f"δ{sup(L)} = ∇ₐC ⊙ σ′(z{sup(L)}), ∇ₐC = "
                                  f"{loss.grad_formula.split('= ')[-1]}, {self.prime_formula}"),
                 Line("shapes", f"∇ₐC {shape(n)} ⊙ σ′(z{sup(L)}) {shape(n)} → "
                                f"δ{sup(L)} {shape(n)}")]
        for j in shown:
            first = loss.grad_term(a[j], y[j], grad_a[j])
            lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = {first}·{par(sigma_prime[j])} = "
                                        f"{num(delta[j])}   [{loss.grad_symbol}·σ′(z)]"))
        return lines

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Linear(Activation):
    name = "linear"
    formula = "σ(z) = z"
    prime_formula = "σ′(z) = 1"

    def __call__(self, z, out=None, record=None):
        if out is None:
            return z.copy()
        call(record, np.copyto, out, z)
        return out

    def prime(self, z, a, out=None, record=None):
        if out is None:
            return np.ones_like(z)
        call(record, np.copyto, out, const(1.0, out.dtype))
        return out

    def delta(self, z, a, grad_a, out=None, record=None):
        if out is None:
            return grad_a                   # σ′ = 1 (grad_a is a fresh array)
        call(record, np.copyto, out, grad_a)
        return out


class Sigmoid(Activation):
    name = "sigmoid"
    formula = "σ(z) = 1 / (1 + e⁻ᶻ)"
    prime_formula = "σ′(z) = σ(z)(1 − σ(z))"

    def __call__(self, z, out=None, record=None):
        # 1/(1 + e⁻ᶻ) in four passes, no clipping: where e⁻ᶻ overflows (z < −88 in float32,
        # z < −709 in float64) it is inf and 1/(1 + inf) is exactly 0, so z = ±1000 gives
        # exactly 1 and 0. Without `out` the overflow is silenced here; with `out` (the
        # trainer) the caller runs under np.errstate(over="ignore").
        if out is None:
            out = fresh_like(z)
            with np.errstate(over="ignore"):
                return self(z, out)
        call(record, np.negative, z, out)
        call(record, np.exp, out, out)
        call(record, np.add, out, const(1.0, out.dtype), out)
        call(record, np.reciprocal, out, out)
        return out

    def prime(self, z, a, out=None, record=None):
        if out is None:
            out = fresh_like(a)
        call(record, np.subtract, const(1.0, out.dtype), a, out)      # σ′ = a(1 − a)
        call(record, np.multiply, out, a, out)
        return out


class Tanh(Activation):
    name = "tanh"
    formula = "σ(z) = tanh z"
    prime_formula = "σ′(z) = 1 − tanh² z"

    def __call__(self, z, out=None, record=None):
        if out is None:
            return np.tanh(z)
        call(record, np.tanh, z, out)
        return out

    def prime(self, z, a, out=None, record=None):
        if out is None:
            out = fresh_like(a)
        call(record, np.multiply, a, a, out)                          # σ′ = 1 − a²
        call(record, np.subtract, const(1.0, out.dtype), out, out)
        return out


class ReLU(Activation):
    name = "relu"
    formula = "σ(z) = max(0, z)"
    prime_formula = "σ′(z) = 1 if z > 0 else 0"

    def __call__(self, z, out=None, record=None):
        if out is None:
            return np.maximum(z, 0.0)
        call(record, np.maximum, z, const(0.0, out.dtype), out=out)
        return out

    def prime(self, z, a, out=None, record=None):
        if out is None:
            return (z > 0).astype(z.dtype)
        call(record, np.greater, z, const(0.0, out.dtype), out)       # True → 1.0
        return out


class LeakyReLU(Activation):
    name = "leaky_relu"
    slope = LEAKY_SLOPE
    formula = f"σ(z) = z if z > 0 else {LEAKY_SLOPE}·z"
    prime_formula = f"σ′(z) = 1 if z > 0 else {LEAKY_SLOPE}"

    def __call__(self, z, out=None, record=None):
        if out is None:
            return np.where(z > 0, z, self.slope * z)
        # max(z, s·z) with 0 < s < 1 is z where z > 0 and s·z elsewhere
        call(record, np.multiply, z, const(self.slope, out.dtype), out)
        call(record, np.maximum, z, out, out=out)
        return out

    def prime(self, z, a, out=None, record=None):
        if out is None:
            return np.where(z > 0, 1.0, self.slope).astype(z.dtype)
        call(record, into, out, self.prime, z, a)
        return out


class LeakyReLU01(LeakyReLU):
    """Leaky ReLU with slope 0.1: the output activation of the answer to the failing-XOR
    question (its hidden layer ReLU), whose printed outputs a test reproduces."""

    name = "leaky_relu_0.1"
    slope = 0.1
    formula = "σ(z) = z if z > 0 else 0.1·z"
    prime_formula = "σ′(z) = 1 if z > 0 else 0.1"


class Softmax(Activation):
    name = "softmax"
    elementwise = False
    formula = "σ(z)ⱼ = e^zⱼ / Σₖ e^zₖ"
    prime_formula = "∂aⱼ/∂zₖ = aⱼ(1[j=k] − aₖ)"

    def __call__(self, z, out=None, record=None):
        if out is not None:
            call(record, into, out, self, z)
            return out
        # Subtracting the row maximum keeps every exponent ≤ 0: never overflows.
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def prime(self, z, a, out=None, record=None):
        """The diagonal of the Jacobian, aⱼ(1 − aⱼ) (for display only)."""
        if out is not None:
            call(record, into, out, self.prime, z, a)
            return out
        return a * (1.0 - a)

    def delta(self, z, a, grad_a, out=None, record=None):
        """Jᵀ·∇ₐC per sample: δⱼ = aⱼ (gⱼ − Σₖ gₖ aₖ)."""
        if out is not None:
            call(record, into, out, self.delta, z, a, grad_a)
            return out
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))

    def value_text(self, l, j, z, a):
        total = float(np.sum(np.exp(z - z.max())))
        return f"a{sup(l)}{sub(j + 1)} = e^{par(z[j] - z.max())} / {num(total)} = {num(a[j])}"

    def output_delta_lines(self, loss, L, shown, a, y, grad_a, sigma_prime, delta):
        n = a.size
        lines = [Line("equation", f"δ{sup(L)} = J(z{sup(L)})ᵀ ∇ₐC, Jⱼₖ = aⱼ(1[j=k] − aₖ) "
                                  f"(softmax couples the outputs)"),
                 Line("shapes", f"J {shape(n, n)} · ∇ₐC {shape(n)} → δ{sup(L)} {shape(n)}")]
        dot = float(np.dot(grad_a, a))
        for j in shown:
            lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = a{sub(j + 1)}(gⱼ − Σₖ gₖaₖ) = "
                                        f"{num(a[j])}·({num(grad_a[j])} - {par(dot)}) = "
                                        f"{num(delta[j])}"))
        return lines


ACTIVATIONS: dict[str, Activation] = {
    cls.name: cls() for cls in (Linear, Sigmoid, Tanh, ReLU, LeakyReLU, LeakyReLU01, Softmax)
}


def get_activation(name: str) -> Activation:
    from .errors import BpvizError

    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise BpvizError(
            f"unknown activation {name!r}: expected one of {', '.join(ACTIVATIONS)}"
        ) from None
