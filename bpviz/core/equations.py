"""The equation of each walk step, written out with the real numbers in it.

`describe(step)` returns `Line`s: the general equation (notation: docs/ARCHITECTURE.md), the shapes of
every matrix and vector in it, each neuron's (or weight's) computation with the numbers
substituted, and the result. The CLI prints them; the window's inspector shows them.
Numbers are written with up to 7 significant digits and an ASCII minus, so a script can
read them back with float().
"""

from __future__ import annotations

import numpy as np

from .activations import get_activation
from .digit_stats import is_digit_network
from .losses import get_loss, shown_outputs
from .notation import Line, mat, num, par, shape, sub, sup, vec
from .stepper import Step


def _neurons(n: int, focus: int | None, limit: int, step=None, l: int = 0) -> list[int]:
    """The neurons spelled out: `focus`, else the first `limit` — at the output layer (with
    `step` and `l`) always with those whose target is not 0 (MNIST's digit 8 is output 9)."""
    if focus is not None and 0 <= focus < n:
        return [focus]
    if step is not None and l == step.walk.L:
        return shown_outputs(step.walk.y, limit)
    return list(range(min(n, limit)))


LARGEST = 6      # a long sum shows this many of its largest terms


def _sum_terms(w, a, max_terms: int, symbol: str = "a") -> list[str]:
    """The terms wₖ·aₖ of Σₖ wₖ aₖ: all of them when there are at most `max_terms`, else the
    LARGEST largest |wₖ·aₖ| in index order, each with its k (1-based), and what the others add
    up to (a 28×28 image's first terms are its zero border pixels, which say nothing).
    `symbol`: what the second factor is called in that note (a, or δ in BP2's sums)."""
    n = len(w)
    if n <= max_terms:
        return [f"{par(w[k])}·{par(a[k])}" for k in range(n)]
    products = np.asarray(w, dtype=float) * np.asarray(a, dtype=float)
    shown = np.sort(np.argsort(-np.abs(products), kind="stable")[:LARGEST])
    others = np.ones(n, dtype=bool)
    others[shown] = False
    with np.errstate(over="ignore", invalid="ignore"):     # a diverged walk's sum: inf, shown
        rest = float(products[others].sum())     # summed on their own: all-zero others give 0
    terms = [f"{par(w[k])}·{par(a[k])} (k={k + 1})" for k in shown]
    terms.append(f"… ({n} terms, the {len(shown)} largest |wₖ·{symbol}ₖ| shown; the other {n - len(shown)} "
                 f"add up to {num(rest)})")
    return terms


def _more(n: int, shown: int, what: str) -> list[Line]:
    return [Line("note", f"… and {n - shown} more {what}")] if n > shown else []


def describe(step: Step, focus: int | None = None, max_neurons: int = 6,
             max_terms: int = 8) -> list[Line]:
    """The lines for one step. `focus` (0-based neuron of the step's layer) spells out just
    that neuron; otherwise the first `max_neurons` are spelled out."""
    lines = {"input": _input, "forward": _forward, "loss": _loss, "backward": _backward,
             "update": _update}[step.phase](step, focus, max_neurons, max_terms)
    walk = step.walk
    if (is_digit_network(walk.sizes, classes=True) and step.phase != "input"
            and (step.layer == walk.L or step.phase in ("loss", "update"))):
        L = walk.L         # the view labels the outputs by digit: say how the indices meet them
        first, last = f"a{sup(L)}{sub(1)}", f"a{sup(L)}{sub(10)}"
        lines.insert(1, Line("note", f"j counts from 1 here, the view's outputs from 0: "
                                     f"{first} is output 0 (digit 0), {last} output 9."))
    return lines


def _input(step, focus, max_neurons, max_terms):
    walk = step.walk
    return [
        Line("title", step.title),
        Line("equation", f"a⁰ = x = {vec(walk.x)}ᵀ"),
        Line("shapes", f"a⁰ {shape(walk.x.size)}, target y {shape(walk.y.size)}"),
        Line("detail", f"y = {vec(walk.y)}ᵀ"),
        Line("note", f"Next: the forward pass computes z¹ and a¹ from a⁰ (η = {num(walk.eta)})."),
    ]


def _forward(step, focus, max_neurons, max_terms):
    walk, l = step.walk, step.layer
    L, n, n_in = walk.L, walk.sizes[step.layer], walk.sizes[step.layer - 1]
    W, a_prev, z, a = walk.weights[l - 1], step.a[l - 1], step.z[l - 1], step.a[l]
    sigma = get_activation(walk.activation_names[l - 1])
    bias = f" + b{sup(l)}" if walk.has_biases else ""
    lines = [
        Line("title", step.title),
        Line("equation", f"z{sup(l)} = W{sup(l)} a{sup(l - 1)}{bias}"),
        Line("shapes", f"W{sup(l)} {shape(n, n_in)} · a{sup(l - 1)} {shape(n_in)}"
                       + (f" + b{sup(l)} {shape(n)}" if walk.has_biases else "")
                       + f" → z{sup(l)} {shape(n)}"),
    ]
    shown = _neurons(n, focus, max_neurons, step, l)
    for j in shown:
        terms = _sum_terms(W[j], a_prev, max_terms)
        if walk.has_biases:
            terms.append(par(walk.biases[l - 1][j]))
        lines.append(Line("detail", f"z{sup(l)}{sub(j + 1)} = " + " + ".join(terms)
                          + f" = {num(z[j])}"))
    lines += _more(n, len(shown), "neurons") if focus is None else []
    lines.append(Line("equation", f"a{sup(l)} = σ(z{sup(l)}), σ = {sigma.name}: {sigma.formula}"))
    for j in shown:
        lines.append(Line("detail", sigma.value_text(l, j, z, a)))
    lines.append(Line("result", f"z{sup(l)} = {vec(z)}ᵀ, a{sup(l)} = {vec(a)}ᵀ {shape(n)}"))
    if l == L:
        lines.append(Line("note", f"Output ŷ = a{sup(L)} = {vec(a)}ᵀ; next: the loss."))
    return lines


def _loss(step, focus, max_neurons, max_terms):
    walk = step.walk
    L, a, y = walk.L, step.a[walk.L], walk.y
    loss = get_loss(walk.loss)
    n = a.size
    with np.errstate(all="ignore"):          # a diverged walk's inf is written as it is
        general, work = loss.worked(L, a, y, step.loss, max_terms)
    return [
        Line("title", step.title),
        Line("equation", f"{general}   ({loss.title}, “{loss.name}”; for a batch, {loss.formula})"),
        Line("shapes", f"a{sup(L)} {shape(n)}, y {shape(n)} → C (1×1)"),
        Line("detail", work),
        Line("result", f"C = {num(step.loss)}"),
    ]


def _grad_lines(step, l, focus, max_neurons, max_terms) -> list[Line]:
    walk = step.walk
    n, n_in = walk.sizes[l], walk.sizes[l - 1]
    delta, a_prev, gw = step.delta[l - 1], step.a[l - 1], step.grad_w[l - 1]
    # the bug lab's mean-over-features mistake divides by n⁰, the inputs, where the mean
    # over the m = 1 sample divides by 1: the text writes the division it made
    n0 = walk.sizes[0]
    over = f" / {n0}" if "mean-over-features" in walk.mistakes and n0 != 1 else ""
    lines = [
        Line("equation", f"∂C/∂W{sup(l)} = δ{sup(l)} (a{sup(l - 1)})ᵀ{over}"),
        Line("shapes", f"δ{sup(l)} {shape(n)} · (a{sup(l - 1)})ᵀ {shape(1, n_in)} → "
                       f"∂C/∂W{sup(l)} {shape(n, n_in)}"),
    ]
    if over:
        lines.append(Line("note", f"mistake: divided by n⁰ = {n0}, the number of inputs, "
                                  f"instead of m = 1, the number of samples"))
    count = 0
    for j in _neurons(n, focus, max_neurons):
        for k in range(min(n_in, max_terms)):
            lines.append(Line("detail", f"∂C/∂w{sup(l)}{sub(j + 1, k + 1)} = δ{sup(l)}{sub(j + 1)}"
                                        f"·a{sup(l - 1)}{sub(k + 1)}{over} = {par(delta[j])}·"
                                        f"{par(a_prev[k])}{over} = {num(gw[j, k])}"))
            count += 1
    lines += _more(n * n_in, count, "weights") if focus is None else []
    if walk.has_biases:
        lines.append(Line("equation", f"∂C/∂b{sup(l)} = δ{sup(l)}{over} = "
                                      f"{vec(step.grad_b[l - 1])}ᵀ {shape(n)}"))
    lines.append(Line("result", f"∂C/∂W{sup(l)} = {mat(gw)} {shape(n, n_in)}"))
    return lines


def _backward(step, focus, max_neurons, max_terms):
    walk, l = step.walk, step.layer
    L, n = walk.L, walk.sizes[l]
    sigma = get_activation(walk.activation_names[l - 1])
    a, delta, sp = step.a[l], step.delta[l - 1], step.sigma_prime[l - 1]
    lines = [Line("title", step.title)]
    shown = _neurons(n, focus, max_neurons, step, l)
    if l == L:
        loss = get_loss(walk.loss)
        lines += (loss.delta_lines(sigma, L, shown, a, walk.y, delta)
                  or sigma.output_delta_lines(loss, L, shown, a, walk.y, step.grad_a, sp, delta))
    else:
        W_next, d_next = walk.weights[l], step.delta[l]
        n_next = walk.sizes[l + 1]
        # the bug lab's sigma-prime-of-a mistake evaluates σ′ at a: the text says what was used
        at = "a" if "sigma-prime-of-a" in walk.mistakes else "z"
        lines.append(Line("equation", f"δ{sup(l)} = (W{sup(l + 1)})ᵀ δ{sup(l + 1)} ⊙ σ′({at}{sup(l)}), "
                                      f"{sigma.prime_formula}"))
        if at == "a":
            lines.append(Line("note", f"mistake: σ′ evaluated at a{sup(l)} instead of z{sup(l)}"))
        lines.append(Line("shapes", f"(W{sup(l + 1)})ᵀ {shape(n, n_next)} · δ{sup(l + 1)} "
                                    f"{shape(n_next)} ⊙ σ′({at}{sup(l)}) {shape(n)} → δ{sup(l)} {shape(n)}"))
        for j in shown:
            terms = _sum_terms(W_next[:, j], d_next, max_terms, "δ")
            lines.append(Line("detail", f"δ{sup(l)}{sub(j + 1)} = (" + " + ".join(terms)
                                        + f")·{par(sp[j])} = {num(delta[j])}"))
    lines += _more(n, len(shown), "neurons") if focus is None else []
    lines.append(Line("result", f"δ{sup(l)} = {vec(delta)}ᵀ {shape(n)}"))
    return lines + _grad_lines(step, l, focus, max_neurons, max_terms)


def _update(step, focus, max_neurons, max_terms):
    walk = step.walk
    eta = walk.eta
    lines = [Line("title", step.title),
             Line("equation", "Wˡ ← Wˡ − η ∂C/∂Wˡ" + (", bˡ ← bˡ − η ∂C/∂bˡ" if walk.has_biases else "")
                  + f",   η = {num(eta)}")]
    for l in range(walk.L, 0, -1):
        W, gw, new = walk.weights[l - 1], step.grad_w[l - 1], step.new_weights[l - 1]
        n, n_in = W.shape
        lines.append(Line("shapes", f"W{sup(l)} {shape(n, n_in)} − η·∂C/∂W{sup(l)} {shape(n, n_in)}"
                                    f" → W{sup(l)} {shape(n, n_in)}"))
        count = 0
        for j in _neurons(n, None, max_neurons):
            for k in range(min(n_in, max_terms)):
                lines.append(Line("detail", f"w{sup(l)}{sub(j + 1, k + 1)}: {num(W[j, k])} - "
                                            f"{num(eta)}·{par(gw[j, k])} = {num(new[j, k])}   "
                                            f"(Δw = {num(new[j, k] - W[j, k])})"))
                count += 1
        lines += _more(n * n_in, count, f"weights in W{sup(l)}")
        if walk.has_biases:
            b, gb, nb = walk.biases[l - 1], step.grad_b[l - 1], step.new_biases[l - 1]
            for j in _neurons(n, None, max_neurons):
                lines.append(Line("detail", f"b{sup(l)}{sub(j + 1)}: {num(b[j])} - {num(eta)}·"
                                            f"{par(gb[j])} = {num(nb[j])}"))
    L = walk.L
    lines.append(Line("result", f"after the update: ŷ = a{sup(L)} = {vec(step.output_after)}ᵀ, "
                                f"C = {num(step.loss_after)}   (before: ŷ = {vec(step.a[L])}ᵀ, "
                                f"C = {num(step.loss)})"))
    return lines
