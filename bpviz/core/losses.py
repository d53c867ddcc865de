"""Cost functions C, each with its gradient ∇ₐC beside it (the names are the model file's
`loss` values, see docs/ARCHITECTURE.md).

Like the cost classes of Nielsen's network2.py, each loss owns `fn` (C of a batch) and
`delta` (δᴸ, BP1), including its exact shortcut with the output activation it pairs with,
the range its targets must lie in, and how the equations write it out: adding a loss means
adding one class here.

Where a was clipped the cost is flat, and `grad_a` says so (0 there), so backprop always
agrees with finite differences of the cost as defined. The cost of a batch is the mean over
its m samples (Nielsen's 1/n). `grad_a` returns the gradient of the *per-sample* cost C_x,
one row per sample; the network averages the weight gradients over the batch. Logs are
taken of a clipped to [EPS, 1 − EPS] (BCE) or [EPS, ∞) (CE), so a saturated output gives a
large finite cost, never inf or NaN. For the two exact pairs (sigmoid + binary
cross-entropy, softmax + cross-entropy) C is computed from z instead (`from_z`): the same
function, exact even where a has saturated.

`grad_a`, `delta` and `shortcut_delta` also take `out` (and `record`, see core/ops.py): the
result goes into that buffer (the trainer's fast path), otherwise into a fresh array.
"""

from __future__ import annotations

import numpy as np

from .notation import Line, num, par, shape, sub, sup
from .ops import call, into

EPS = 1e-12


class Loss:
    name = ""                 # as model files and the command line write it
    title = ""                # what the texts call it
    formula = ""
    grad_formula = ""
    shortcut_activation = ""  # the output activation for which δᴸ = a − y exactly
    target_range: tuple = (None, None)   # (low, high) a target must lie in; None: no bound

    def per_sample(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def grad_a(self, a: np.ndarray, y: np.ndarray, out=None, record=None) -> np.ndarray:
        raise NotImplementedError

    def _grad_a_into(self, a, y, out, record) -> np.ndarray:
        """∇ₐC into `out` for a loss whose gradient has no in-place form."""
        call(record, into, out, self.grad_a, a, y)
        return out

    def __call__(self, a: np.ndarray, y: np.ndarray) -> float:
        """C for the batch: the mean of the per-sample costs."""
        return float(np.add.reduce(self.per_sample(a, y))) / a.shape[0]

    def from_z(self, z: np.ndarray, y: np.ndarray) -> float:
        """C for the batch computed from the output layer's z, for the activation named
        by `shortcut_activation`: exact where a has saturated to 0 or 1, no clipping."""
        raise NotImplementedError

    def fn(self, sigma, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> float:
        """C for the batch whose output layer has activation `sigma`, zᴸ = z, aᴸ = a."""
        if sigma.name == self.shortcut_activation:
            return self.from_z(z, y)
        return self(a, y)

    def delta(self, sigma, z: np.ndarray, a: np.ndarray, y: np.ndarray, out=None,
              record=None, grad_a=None) -> np.ndarray:
        """BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), one row per sample (a fresh array, or `out`); for the
        exact pair the shortcut `shortcut_delta`. With `out`, `grad_a` is the buffer that
        receives ∇ₐC on the way."""
        if sigma.name == self.shortcut_activation:
            return self.shortcut_delta(a, y, out, record)
        if out is None:
            return sigma.delta(z, a, self.grad_a(a, y))
        return sigma.delta(z, a, self.grad_a(a, y, grad_a, record), out, record)

    def shortcut_delta(self, a: np.ndarray, y: np.ndarray, out=None, record=None) -> np.ndarray:
        """δᴸ for the activation named by `shortcut_activation`."""
        if out is None:
            return a - y
        call(record, np.subtract, a, y, out)
        return out

    def fn_and_delta(self, sigma, z, a, y) -> tuple[float, np.ndarray]:
        """(`fn`, `delta`) in one call, for the trainer's hot path; a loss may share work
        between the two (the same numbers as calling them one after the other)."""
        return self.fn(sigma, z, a, y), self.delta(sigma, z, a, y)

    # -- the worked equations (vectors are one sample, 1-D) ------------------------------
    grad_symbol = "∇ₐC"     # how a detail line names ∇ₐC

    def grad_term(self, a_j: float, y_j: float, g_j: float) -> str:
        """∂C/∂aⱼ with the numbers in, as a factor of a product."""
        return par(g_j)

    def worked(self, L: int, a: np.ndarray, y: np.ndarray, value: float,
               max_terms: int) -> tuple[str, str]:
        """(the general formula, C with the numbers in) for one sample."""
        raise NotImplementedError

    def delta_lines(self, sigma, L: int, shown, a, y, delta) -> list[Line] | None:
        """BP1 written out with the exact shortcut, or None when `sigma` has none here."""
        if sigma.name != self.shortcut_activation:
            return None
        n = a.size
        lines = [Line("equation", f"δ{sup(L)} = a{sup(L)} − y   ({sigma.name} with "
                                  f"{self.name}: ∇ₐC ⊙ σ′(z) simplifies exactly)"),
                 Line("shapes", f"a{sup(L)} {shape(n)} − y {shape(n)} → δ{sup(L)} {shape(n)}")]
        for j in shown:
            lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = {num(a[j])} - {par(y[j])} = "
                                        f"{num(delta[j])}"))
        return lines


def shown_outputs(y, max_terms: int) -> list[int]:
    """The outputs j the worked equations write out: all of them, or `max_terms`, the first
    ones and always those whose target is not 0 (MNIST's digit 8 is output 9 of 10)."""
    n = len(y)
    if n <= max_terms:
        return list(range(n))
    hot = [int(j) for j in np.flatnonzero(np.asarray(y) != 0)][:max_terms]
    rest = [j for j in range(n) if j not in hot][:max_terms - len(hot)]
    return sorted(hot + rest)


def _terms(term, y, max_terms: int) -> str:
    """term(j) for the outputs `shown_outputs` picks, "…" where some are left out."""
    parts, last = [], -1
    for j in shown_outputs(y, max_terms):
        if j != last + 1:
            parts.append("…")
        parts.append(term(j))
        last = j
    if last < len(y) - 1:
        parts.append("…")
    return " + ".join(parts)


class MSE(Loss):
    name = "mse"
    title = "quadratic cost"  # ½‖a − y‖² per sample: "mse" is its name in files
    formula = "C = (1/m) Σₓ ½‖a − y‖²"
    grad_formula = "∇ₐC = a − y"

    def per_sample(self, a, y):
        d = a - y
        return 0.5 * np.add.reduce(d * d, axis=1)

    def __call__(self, a, y):
        d = a - y
        return 0.5 * float(np.vdot(d, d)) / a.shape[0]     # vdot: Σ d², flattened

    def grad_a(self, a, y, out=None, record=None):
        if out is None:
            return a - y
        call(record, np.subtract, a, y, out)
        return out

    def fn_and_delta(self, sigma, z, a, y):
        d = a - y                                  # both C and ∇ₐC = a − y start from it
        return 0.5 * float(np.vdot(d, d)) / a.shape[0], sigma.delta(z, a, d)

    grad_symbol = "(a − y)"

    def grad_term(self, a_j, y_j, g_j):
        return f"({num(a_j)} - {par(y_j)})"

    def worked(self, L, a, y, value, max_terms):
        inner = _terms(lambda j: f"({num(a[j])} - {par(y[j])})²", y, max_terms)
        sq = float(np.sum((a - y) ** 2))
        return f"C = ½‖a{sup(L)} − y‖²", f"C = ½({inner}) = ½·{num(sq)} = {num(value)}"


class BinaryCrossEntropy(Loss):
    name = "binary_cross_entropy"
    title = "binary cross-entropy"
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

    def grad_a(self, a, y, out=None, record=None):
        if out is not None:
            return self._grad_a_into(a, y, out, record)
        # Where a was clipped the cost is flat in a, so its gradient is 0 there.
        # (Only the log's argument is clipped: BCE needs 0 < a < 1, CE only a > 0.)
        inside = (a > EPS) & (a < 1.0 - EPS)
        a = np.clip(a, EPS, 1.0 - EPS)
        return np.where(inside, (a - y) / (a * (1.0 - a)), 0.0)

    def worked(self, L, a, y, value, max_terms):
        inner = _terms(lambda j: f"{par(y[j])}·ln({num(a[j])}) + {par(1 - y[j])}·ln({num(1 - a[j])})",
                       y, max_terms)
        return (f"C = −Σⱼ [yⱼ ln a{sup(L)}ⱼ + (1 − yⱼ) ln(1 − a{sup(L)}ⱼ)]",
                f"C = −[{inner}] = {num(value)}")


class CrossEntropy(Loss):
    name = "cross_entropy"
    title = "cross-entropy"
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

    def grad_a(self, a, y, out=None, record=None):
        if out is not None:
            return self._grad_a_into(a, y, out, record)
        inside = a > EPS
        return np.where(inside, -y / np.maximum(a, EPS), 0.0)

    def shortcut_delta(self, a, y, out=None, record=None):
        if out is not None:
            call(record, into, out, self.shortcut_delta, a, y)
            return out
        # softmax + CE: δ = a Σⱼyⱼ − y, which is a − y when each target row sums to 1
        return a * y.sum(axis=1, keepdims=True) - y

    def worked(self, L, a, y, value, max_terms):
        inner = _terms(lambda j: f"{par(y[j])}·ln({num(a[j])})", y, max_terms)
        return f"C = −Σⱼ yⱼ ln a{sup(L)}ⱼ", f"C = −({inner}) = {num(value)}"

    def delta_lines(self, sigma, L, shown, a, y, delta):
        total = float(np.sum(y))
        if sigma.name != self.shortcut_activation or total == 1.0:
            return super().delta_lines(sigma, L, shown, a, y, delta)
        n = a.size
        lines = [Line("equation", f"δ{sup(L)} = a{sup(L)} Σⱼyⱼ − y   (softmax with "
                                  f"cross-entropy; a − y when the target sums to 1)"),
                 Line("shapes", f"a{sup(L)} {shape(n)} · Σy (1×1) − y {shape(n)} → "
                                f"δ{sup(L)} {shape(n)}")]
        for j in shown:
            lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = {num(a[j])}·{par(total)} - "
                                        f"{par(y[j])} = {num(delta[j])}"))
        return lines


LOSSES: dict[str, Loss] = {cls.name: cls() for cls in (MSE, BinaryCrossEntropy, CrossEntropy)}


def get_loss(name: str) -> Loss:
    from .errors import BpvizError

    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise BpvizError(f"unknown loss {name!r}: expected one of {', '.join(LOSSES)}") from None
