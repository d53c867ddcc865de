"""The equation of each walk step, written out with the real numbers in it.

`describe(step)` returns `Line`s: the general equation in DESIGN §3 notation, the shapes of
every matrix and vector in it, each neuron's (or weight's) computation with the numbers
substituted, and the result. The CLI prints them; the window's inspector shows them.
Numbers are written with up to 7 significant digits and an ASCII minus, so a script can
read them back with float().
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .losses import get_loss
from .notation import mat, num, par, shape, sub, sup, vec
from .stepper import Step


@dataclass(frozen=True)
class Line:
    kind: str     # "title", "equation", "shapes", "detail", "result", "note"
    text: str


def _neurons(n: int, focus: int | None, limit: int) -> list[int]:
    if focus is not None and 0 <= focus < n:
        return [focus]
    return list(range(min(n, limit)))


def _more(n: int, shown: int, what: str) -> list[Line]:
    return [Line("note", f"… and {n - shown} more {what}")] if n > shown else []


def describe(step: Step, focus: int | None = None, max_neurons: int = 6,
             max_terms: int = 8) -> list[Line]:
    """The lines for one step. `focus` (0-based neuron of the step's layer) spells out just
    that neuron; otherwise the first `max_neurons` are spelled out."""
    return {"input": _input, "forward": _forward, "loss": _loss, "backward": _backward,
            "update": _update}[step.phase](step, focus, max_neurons, max_terms)


def _input(step, focus, max_neurons, max_terms):
    w = step.walk
    return [
        Line("title", step.title),
        Line("equation", f"a⁰ = x = {vec(w.x)}ᵀ"),
        Line("shapes", f"a⁰ {shape(w.x.size)}, target y {shape(w.y.size)}"),
        Line("detail", f"y = {vec(w.y)}ᵀ"),
        Line("note", f"Next: the forward pass computes z¹ and a¹ from a⁰ (η = {num(w.eta)})."),
    ]


def _forward(step, focus, max_neurons, max_terms):
    w, l = step.walk, step.layer
    L, n, n_in = w.L, w.sizes[step.layer], w.sizes[step.layer - 1]
    W, a_prev, z, a = w.weights[l - 1], step.a[l - 1], step.z[l - 1], step.a[l]
    act = get_activation(w.activations[l - 1])
    bias = f" + b{sup(l)}" if w.has_biases else ""
    lines = [
        Line("title", step.title),
        Line("equation", f"z{sup(l)} = W{sup(l)} a{sup(l - 1)}{bias}"),
        Line("shapes", f"W{sup(l)} {shape(n, n_in)} · a{sup(l - 1)} {shape(n_in)}"
                       + (f" + b{sup(l)} {shape(n)}" if w.has_biases else "")
                       + f" → z{sup(l)} {shape(n)}"),
    ]
    shown = _neurons(n, focus, max_neurons)
    for j in shown:
        terms = [f"{par(W[j, k])}·{par(a_prev[k])}" for k in range(min(n_in, max_terms))]
        if n_in > max_terms:
            terms.append(f"… ({n_in} terms)")
        if w.has_biases:
            terms.append(par(w.biases[l - 1][j]))
        lines.append(Line("detail", f"z{sup(l)}{sub(j + 1)} = " + " + ".join(terms)
                          + f" = {num(z[j])}"))
    lines += _more(n, len(shown), "neurons") if focus is None else []
    lines.append(Line("equation", f"a{sup(l)} = σ(z{sup(l)}), σ = {act.name}: {act.formula}"))
    if act.elementwise:
        for j in shown:
            lines.append(Line("detail", f"a{sup(l)}{sub(j + 1)} = σ({num(z[j])}) = {num(a[j])}"))
    else:
        total = float(np.sum(np.exp(z - z.max())))
        for j in shown:
            lines.append(Line("detail", f"a{sup(l)}{sub(j + 1)} = e^{par(z[j] - z.max())} / "
                                        f"{num(total)} = {num(a[j])}"))
    lines.append(Line("result", f"z{sup(l)} = {vec(z)}ᵀ, a{sup(l)} = {vec(a)}ᵀ {shape(n)}"))
    if l == L:
        lines.append(Line("note", f"Output ŷ = a{sup(L)} = {vec(a)}ᵀ; next: the loss."))
    return lines


def _loss(step, focus, max_neurons, max_terms):
    w = step.walk
    L, a, y = w.L, step.a[w.L], w.y
    loss = get_loss(w.loss)
    n = a.size
    idx = range(min(n, max_terms))
    tail = " + …" if n > max_terms else ""
    if w.loss == "mse":
        inner = " + ".join(f"({num(a[j])} - {par(y[j])})²" for j in idx) + tail
        sq = float(np.sum((a - y) ** 2))
        work = f"C = ½({inner}) = ½·{num(sq)} = {num(step.loss)}"
        general = f"C = ½‖a{sup(L)} − y‖²"
    elif w.loss == "binary_cross_entropy":
        inner = " + ".join(f"{par(y[j])}·ln({num(a[j])}) + {par(1 - y[j])}·ln({num(1 - a[j])})"
                           for j in idx) + tail
        work = f"C = −[{inner}] = {num(step.loss)}"
        general = f"C = −Σⱼ [yⱼ ln a{sup(L)}ⱼ + (1 − yⱼ) ln(1 − a{sup(L)}ⱼ)]"
    else:
        inner = " + ".join(f"{par(y[j])}·ln({num(a[j])})" for j in idx) + tail
        work = f"C = −({inner}) = {num(step.loss)}"
        general = f"C = −Σⱼ yⱼ ln a{sup(L)}ⱼ"
    return [
        Line("title", step.title),
        Line("equation", f"{general}   ({loss.name}; for a batch, {loss.formula})"),
        Line("shapes", f"a{sup(L)} {shape(n)}, y {shape(n)} → C (1×1)"),
        Line("detail", work),
        Line("result", f"C = {num(step.loss)}"),
    ]


def _grad_lines(step, l, focus, max_neurons, max_terms) -> list[Line]:
    w = step.walk
    n, n_in = w.sizes[l], w.sizes[l - 1]
    delta, a_prev, gw = step.delta[l - 1], step.a[l - 1], step.grad_w[l - 1]
    lines = [
        Line("equation", f"∂C/∂W{sup(l)} = δ{sup(l)} (a{sup(l - 1)})ᵀ"),
        Line("shapes", f"δ{sup(l)} {shape(n)} · (a{sup(l - 1)})ᵀ {shape(1, n_in)} → "
                       f"∂C/∂W{sup(l)} {shape(n, n_in)}"),
    ]
    count = 0
    for j in _neurons(n, focus, max_neurons):
        for k in range(min(n_in, max_terms)):
            lines.append(Line("detail", f"∂C/∂w{sup(l)}{sub(j + 1, k + 1)} = δ{sup(l)}{sub(j + 1)}"
                                        f"·a{sup(l - 1)}{sub(k + 1)} = {par(delta[j])}·"
                                        f"{par(a_prev[k])} = {num(gw[j, k])}"))
            count += 1
    lines += _more(n * n_in, count, "weights") if focus is None else []
    if w.has_biases:
        lines.append(Line("equation", f"∂C/∂b{sup(l)} = δ{sup(l)} = {vec(step.grad_b[l - 1])}ᵀ "
                                      f"{shape(n)}"))
    lines.append(Line("result", f"∂C/∂W{sup(l)} = {mat(gw)} {shape(n, n_in)}"))
    return lines


def _backward(step, focus, max_neurons, max_terms):
    w, l = step.walk, step.layer
    L, n = w.L, w.sizes[l]
    act = get_activation(w.activations[l - 1])
    z, a, delta, sp = step.z[l - 1], step.a[l], step.delta[l - 1], step.sigma_prime[l - 1]
    lines = [Line("title", step.title)]
    shown = _neurons(n, focus, max_neurons)
    if l == L:
        loss = get_loss(w.loss)
        y, g = w.y, step.grad_a
        total = float(np.sum(y))
        if loss.shortcut_activation == act.name and (act.elementwise or total == 1.0):
            lines.append(Line("equation", f"δ{sup(L)} = a{sup(L)} − y   ({act.name} with "
                                          f"{loss.name}: ∇ₐC ⊙ σ′(z) simplifies exactly)"))
            lines.append(Line("shapes", f"a{sup(L)} {shape(n)} − y {shape(n)} → δ{sup(L)} {shape(n)}"))
            for j in shown:
                lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = {num(a[j])} - {par(y[j])} = "
                                            f"{num(delta[j])}"))
        elif loss.shortcut_activation == act.name:
            lines.append(Line("equation", f"δ{sup(L)} = a{sup(L)} Σⱼyⱼ − y   (softmax with "
                                          f"cross-entropy; a − y when the target sums to 1)"))
            lines.append(Line("shapes", f"a{sup(L)} {shape(n)} · Σy (1×1) − y {shape(n)} → "
                                        f"δ{sup(L)} {shape(n)}"))
            for j in shown:
                lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = {num(a[j])}·{par(total)} - "
                                            f"{par(y[j])} = {num(delta[j])}"))
        elif not act.elementwise:
            lines.append(Line("equation", f"δ{sup(L)} = J(z{sup(L)})ᵀ ∇ₐC, Jⱼₖ = aⱼ(1[j=k] − aₖ) "
                                          f"(softmax couples the outputs)"))
            lines.append(Line("shapes", f"J {shape(n, n)} · ∇ₐC {shape(n)} → δ{sup(L)} {shape(n)}"))
            dot = float(np.dot(g, a))
            for j in shown:
                lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = a{sub(j + 1)}(gⱼ − Σₖ gₖaₖ) = "
                                            f"{num(a[j])}·({num(g[j])} - {par(dot)}) = {num(delta[j])}"))
        else:
            grad = "(a − y)" if w.loss == "mse" else "∇ₐC"
            lines.append(Line("equation", f"δ{sup(L)} = ∇ₐC ⊙ σ′(z{sup(L)}), ∇ₐC = "
                                          f"{loss.grad_formula.split('= ')[-1]}, {act.prime_formula}"))
            lines.append(Line("shapes", f"∇ₐC {shape(n)} ⊙ σ′(z{sup(L)}) {shape(n)} → "
                                        f"δ{sup(L)} {shape(n)}"))
            for j in shown:
                first = (f"({num(a[j])} - {par(y[j])})" if w.loss == "mse" else par(g[j]))
                lines.append(Line("detail", f"δ{sup(L)}{sub(j + 1)} = {first}·{par(sp[j])} = "
                                            f"{num(delta[j])}   [{grad}·σ′(z)]"))
    else:
        W_next, d_next = w.weights[l], step.delta[l]
        n_next = w.sizes[l + 1]
        lines.append(Line("equation", f"δ{sup(l)} = (W{sup(l + 1)})ᵀ δ{sup(l + 1)} ⊙ σ′(z{sup(l)}), "
                                      f"{act.prime_formula}"))
        lines.append(Line("shapes", f"(W{sup(l + 1)})ᵀ {shape(n, n_next)} · δ{sup(l + 1)} "
                                    f"{shape(n_next)} ⊙ σ′(z{sup(l)}) {shape(n)} → δ{sup(l)} {shape(n)}"))
        for j in shown:
            terms = [f"{par(W_next[k, j])}·{par(d_next[k])}" for k in range(min(n_next, max_terms))]
            if n_next > max_terms:
                terms.append(f"… ({n_next} terms)")
            lines.append(Line("detail", f"δ{sup(l)}{sub(j + 1)} = (" + " + ".join(terms)
                                        + f")·{par(sp[j])} = {num(delta[j])}"))
    lines += _more(n, len(shown), "neurons") if focus is None else []
    lines.append(Line("result", f"δ{sup(l)} = {vec(delta)}ᵀ {shape(n)}"))
    return lines + _grad_lines(step, l, focus, max_neurons, max_terms)


def _update(step, focus, max_neurons, max_terms):
    w = step.walk
    eta = w.eta
    lines = [Line("title", step.title),
             Line("equation", f"Wˡ ← Wˡ − η ∂C/∂Wˡ" + (", bˡ ← bˡ − η ∂C/∂bˡ" if w.has_biases else "")
                  + f",   η = {num(eta)}")]
    for l in range(w.L, 0, -1):
        W, gw, new = w.weights[l - 1], step.grad_w[l - 1], step.new_weights[l - 1]
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
        if w.has_biases:
            b, gb, nb = w.biases[l - 1], step.grad_b[l - 1], step.new_biases[l - 1]
            for j in _neurons(n, None, max_neurons):
                lines.append(Line("detail", f"b{sup(l)}{sub(j + 1)}: {num(b[j])} - {num(eta)}·"
                                            f"{par(gb[j])} = {num(nb[j])}"))
    L = w.L
    lines.append(Line("result", f"after the update: ŷ = a{sup(L)} = {vec(step.output_after)}ᵀ, "
                                f"C = {num(step.loss_after)}   (before: ŷ = {vec(step.a[L])}ᵀ, "
                                f"C = {num(step.loss)})"))
    return lines
