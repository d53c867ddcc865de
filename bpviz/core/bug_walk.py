"""The one-sample walk with the bug lab's mistakes in it, beside the correct walk.

`BuggyStepper` is a `Stepper` whose backward steps use the mistaken BP1/BP2 and the
mistaken scale of BP3/BP4 (one sample: m = 1, so mean-over-features divides by n⁰ and
sum-not-mean changes nothing). `bug_walk` runs it and the correct walk side by side and says
which records the mistakes change, with both numbers (`Change`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .backprop import hidden_delta, output_delta
from .bug_backprop import _divisor, no_transpose_error
from .bugs import check_bugs
from .errors import BpvizError
from .network import Network
from .notation import mat, num, shape, sup, vec
from .stepper import Step, Stepper, _frozen, _set


class BugShapeError(BpvizError):
    """A mistake that makes a product not fit (no-transpose on a non-square W): a result of
    the lab, reported with the shapes, not a user error."""


class BuggyStepper(Stepper):
    def __init__(self, network: Network, x, y, eta: float, bugs):
        self.bugs = check_bugs(bugs, network)
        super().__init__(network, x, y, eta)
        self.walk = replace(self.walk, mistakes=tuple(self.bugs))
        self.records[0] = replace(self.records[0], walk=self.walk)

    def _next(self, prev: Step) -> Step:
        net, L, bugs = self.network, self.network.L, self.bugs
        if prev.phase == "loss":
            z_L, a_L, y = prev.z[L - 1][None, :], prev.a[L][None, :], self.walk.y[None, :]
            sigma = net.sigmas[-1]
            if "missing-sigma-prime-output" in bugs:
                delta_L = net.loss.grad_a(a_L, y)
            else:
                delta_L = output_delta(net.loss, sigma, z_L, a_L, y)
                if "extra-sigma-prime-bce" in bugs:
                    delta_L = delta_L * sigma.prime(z_L, a_L)
            return self._scaled(self._backward(prev, prev.index + 1, L, delta_L[0],
                                               grad_a=_frozen(net.loss.grad_a(a_L, y)[0])))
        if prev.phase == "backward" and prev.layer > 1:
            l = prev.layer - 1
            sigma, a = net.sigmas[l - 1], prev.a[l][None, :]
            sp = prev.sigma_prime[l - 1][None, :]
            if "sigma-prime-of-a" in bugs:
                sp = sigma.prime(a, sigma(a))
            W_next = self.walk.weights[l]
            if "no-transpose" in bugs:
                if W_next.shape[0] != W_next.shape[1]:
                    raise BugShapeError(no_transpose_error(l, W_next.shape))
                delta = hidden_delta(W_next.T, prev.delta[l][None, :], sp)
            else:
                delta = hidden_delta(W_next, prev.delta[l][None, :], sp)
            step = self._backward(prev, prev.index + 1, l, delta[0])
            step = replace(step, sigma_prime=_set(step.sigma_prime, l - 1, sp[0]))
            return self._scaled(step)
        return super()._next(prev)

    def changes_at(self, step: Step) -> tuple:
        """What the mistakes change in `step` (one of this walk's records): the lines of
        `changes`, against the same record of the correct walk (computed once, on demand)."""
        if getattr(self, "_plain", None) is None:
            w = self.walk
            self._plain = Stepper(self.network, w.x, w.y, w.eta)
        plain = self._plain
        if step.index >= plain.length:
            return ()
        return changes(step, plain.go_to(step.index))

    def _scaled(self, step: Step) -> Step:
        """BP3/BP4 with the mistaken divisor (one sample: the correct one is m = 1)."""
        k = _divisor(self.bugs, 1, self.network.sizes[0])
        if k == 1:
            return step
        i = step.layer - 1
        gb = _set(step.grad_b, i, step.grad_b[i] / k) if self.walk.has_biases else step.grad_b
        return replace(step, grad_w=_set(step.grad_w, i, step.grad_w[i] / k), grad_b=gb)


@dataclass(frozen=True)
class Change:
    """A record that a mistake changes: which quantities, with the mistaken and the correct
    numbers."""

    index: int
    lines: tuple           # ("σ′ used: [..]   correct σ′(z¹): [..]", …)


QUANTITIES = (("sigma_prime", "σ′"), ("delta", "δ"), ("grad_w", "∂C/∂W"), ("grad_b", "∂C/∂b"))


def _differ(a, b) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return a.shape != b.shape or not np.array_equal(a, b)


def changes(buggy: Step, correct: Step) -> tuple:
    """What `buggy` holds that `correct` (the same record of the correct walk) does not."""
    lines = []
    if buggy.phase == "backward":
        i = buggy.layer - 1
        for key, symbol in QUANTITIES:
            b_val, c_val = getattr(buggy, key), getattr(correct, key)
            if b_val is None or c_val is None:
                continue
            if _differ(b_val[i], c_val[i]):
                l = sup(buggy.layer)
                if key == "sigma_prime":      # only sigma-prime-of-a changes the σ′ BP2 uses
                    lines.append(f"σ′ used in δ{l}: σ′(a{l}) = {_text(b_val[i])} with the mistake, "
                                 f"σ′(z{l}) = {_text(c_val[i])} correct")
                    continue
                lines.append(f"{symbol}{l}: {_text(b_val[i])} with the mistake, {_text(c_val[i])} "
                             f"correct")
    elif buggy.phase == "update":
        for l in range(1, buggy.walk.L + 1):
            if _differ(buggy.new_weights[l - 1], correct.new_weights[l - 1]):
                lines.append(f"W{sup(l)} new: {_text(buggy.new_weights[l - 1])} with the mistake, "
                             f"{_text(correct.new_weights[l - 1])} correct")
        if buggy.loss_after != correct.loss_after:
            lines.append(f"C after the update: {num(buggy.loss_after)} with the mistake, "
                         f"{num(correct.loss_after)} correct")
    return tuple(lines)


def _text(v) -> str:
    v = np.asarray(v)
    return f"{vec(v)}ᵀ" if v.ndim == 1 else f"{mat(v)} {shape(v)}"


@dataclass(frozen=True)
class BugWalk:
    records: tuple          # the mistaken walk's records (to the shape error, if any)
    correct: tuple          # the correct walk's records
    changed: tuple          # Change for every record the mistakes change
    error: str | None       # a shape mistake's message; then `records` stop before it
    bugs: tuple


def bug_walk(network: Network, x, y, eta: float, bugs) -> BugWalk:
    stepper = BuggyStepper(network, x, y, eta, bugs)
    plain = Stepper(network, x, y, eta)
    records, correct = [stepper.current], [plain.current]
    error = None
    while not plain.at_end:
        correct.append(plain.step_forward())
    while not stepper.at_end:
        try:
            records.append(stepper.step_forward())
        except BugShapeError as e:
            error = str(e)
            break
    changed = []
    for b, c in zip(records, correct):
        lines = changes(b, c)
        if lines:
            changed.append(Change(b.index, lines))
    return BugWalk(tuple(records), tuple(correct), tuple(changed), error, stepper.bugs)
