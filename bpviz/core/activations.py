"""Activation functions σ, each with its derivative σ′ right beside it.

Every activation works on a batch Z of shape (m, n): one row per sample. `prime(z, a)` gets
both z and a = σ(z) because some derivatives are cheapest from a (sigmoid, tanh); it is always
the derivative with respect to z (a classic bug applies σ′ to a instead; a test keeps it out).
Softmax couples the neurons of a layer, so it has a Jacobian-vector product instead of an
element-wise σ′ and may only be used on the output layer.

Each activation also owns how backprop meets it at the output (`delta`: ∇ₐC → δᴸ, the
general form of BP1) and how the equations write it out (`value_text`, `output_delta_lines`),
so adding an activation means adding one class here.
"""

from __future__ import annotations

import numpy as np

from .notation import Line, num, par, shape, sub, sup

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

    def delta(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """BP1 in general: δᴸ = ∇ₐC ⊙ σ′(zᴸ), one row per sample (a fresh array)."""
        return grad_a * self.prime(z, a)

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

    def __call__(self, z):
        return z.copy()

    def prime(self, z, a):
        return np.ones_like(z)

    def delta(self, z, a, grad_a):
        return grad_a                       # σ′ = 1 (grad_a is a fresh array)


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

    def delta(self, z, a, grad_a):
        """Jᵀ·∇ₐC per sample: δⱼ = aⱼ (gⱼ − Σₖ gₖ aₖ)."""
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
