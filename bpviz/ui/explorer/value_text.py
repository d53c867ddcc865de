"""The words and numbers shown on and over the network: neuron labels and tooltips.

Everything is read from a stepper record (`Step`); nothing is computed here except
formatting. A value the walk has not reached yet is written "?" and drawn grey. Numbers carry
the true minus "−", as the colour legend writes them (`notation.shown`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.digit_stats import is_digit_network
from ...core.notation import num, shown, sub, sup

GREY = "#9a9a9a"
FRESH = "#5e3c99"        # the values the current step just computed


def tr(text: str) -> str:
    return QCoreApplication.translate("ValueText", text)


def edit_hints() -> set:
    """The tooltips' last lines that say how to edit (the inspector leaves them out)."""
    return {tr("double-click to edit the bias"), tr("double-click to edit the weight")}


def fmt(v, digits: int = 4) -> str:
    """A value the walk has computed, or "?" for one it has not reached yet."""
    return "?" if v is None else shown(num(v, digits))


def _at(vectors, l_index: int, j: int):
    if vectors is None or vectors[l_index] is None:
        return None
    return float(vectors[l_index][j])


def neuron_values(step, l: int, j: int) -> dict:
    """z, a, δ, b, ∂C/∂b of neuron j (0-based) of layer l ≥ 1, None where not yet known."""
    walk = step.walk
    return {
        "z": _at(step.z, l - 1, j),
        "a": _at(step.a, l, j),
        "δ": _at(step.delta, l - 1, j),
        "b": float(walk.biases[l - 1][j]) if walk.has_biases else None,
        "∂C/∂b": _at(step.grad_b, l - 1, j) if walk.has_biases else None,
        "b new": _at(step.new_biases, l - 1, j) if step.new_biases is not None else None,
    }


def fresh_names(step, l: int) -> set:
    if step.layer != l:
        return set()
    if step.phase == "forward":
        return {"z", "a"}
    if step.phase == "backward":
        return {"δ", "∂C/∂b"}
    return set()


def _line(name: str, value, fresh: bool) -> str:
    if value is None:
        return f'<span style="color:{GREY}">{name} = ?</span>'
    text = f"{name} = {fmt(value)}"
    return f'<b style="color:{FRESH}">{text}</b>' if fresh else text


def neuron_label_html(step, l: int, j: int, kind: str) -> str:
    """The label beside a neuron: 'full' (one line per value), 'two' (the same values on
    two lines) or 'short' (the latest value)."""
    walk = step.walk
    if l == 0:
        x = float(walk.x[j])
        return f"x{sub(j + 1)} = {fmt(x)}" if kind != "short" else fmt(x)
    v = neuron_values(step, l, j)
    fresh = fresh_names(step, l)
    if kind == "short":
        for name in ("δ", "a"):
            if v[name] is not None:
                return _line(name, v[name], name in fresh)
        return _line("z", None, False)
    lines = [_line(name, v[name], name in fresh) for name in ("z", "a", "δ")]
    if walk.has_biases:
        b = v["b"] if v["b new"] is None else v["b new"]
        label = "b" if v["b new"] is None else "b new"
        lines.append(_line(label, b, v["b new"] is not None))
    if kind == "two":
        return "&nbsp; ".join(lines[:2]) + "<br>" + "&nbsp; ".join(lines[2:])
    return "<br>".join(lines)


def neuron_tooltip(step, l: int, j: int) -> str:
    walk = step.walk
    if l == 0:
        return shown(tr("input neuron {0}: {1}").format(
            j + 1, f"a⁰{sub(j + 1)} = x{sub(j + 1)} = {num(walk.x[j])}"))
    v = neuron_values(step, l, j)
    role = tr("output neuron {0} of layer {1} ({2})") if l == walk.L else tr("neuron {0} of layer {1} ({2})")
    rows = [role.format(j + 1, l, walk.activation_names[l - 1])]
    if l == walk.L and is_digit_network(walk.sizes, classes=True):    # labelled 0–9 in the view
        rows[0] = tr("digit {0}: output neuron {1} of layer {2} ({3})").format(
            j, j + 1, l, walk.activation_names[l - 1])
    for name, sym in (("z", "z"), ("a", "a"), ("δ", "δ")):
        rows.append(f"{sym}{sup(l)}{sub(j + 1)} = {fmt(v[name], 7)}")
    if walk.has_biases:
        rows.append(f"b{sup(l)}{sub(j + 1)} = {fmt(v['b'], 7)}")
        rows.append(f"∂C/∂b{sup(l)}{sub(j + 1)} = {fmt(v['∂C/∂b'], 7)}")
        if v["b new"] is not None:
            rows.append(tr("b after the update = {0}").format(fmt(v['b new'], 7)))
    else:
        rows.append(tr("no bias (this network has none)"))
    if l == walk.L:
        rows.append(tr("target y{0} = {1}").format(sub(j + 1), num(walk.y[j])))
    rows.append(tr("double-click to edit the bias") if walk.has_biases else "")
    return shown("\n".join(r for r in rows if r))


def edge_values(step, l: int, j: int, k: int) -> dict:
    walk = step.walk
    old = float(walk.weights[l - 1][j, k])
    grad = None if step.grad_w[l - 1] is None else float(step.grad_w[l - 1][j, k])
    new = None if step.new_weights is None else float(step.new_weights[l - 1][j, k])
    return {"w": old, "∂C/∂w": grad, "w new": new, "Δw": None if new is None else new - old}


def edge_tooltip(step, l: int, j: int, k: int) -> str:
    v = edge_values(step, l, j, k)
    name = f"w{sup(l)}{sub(j + 1, k + 1)}"
    rows = [tr("{0}: from neuron {1} of layer {2} to neuron {3} of layer {4}").format(
                name, k + 1, l - 1, j + 1, l),
            f"{name} = {num(v['w'])}",
            f"∂C/∂{name} = {fmt(v['∂C/∂w'], 7)}",
            f"Δw = −η·∂C/∂w = {fmt(v['Δw'], 7)}"
            + ("" if v["w new"] is None else tr("  →  new {0} = {1}").format(name, num(v['w new']))),
            tr("double-click to edit the weight")]
    return shown("\n".join(rows))


def edge_label_text(step, l: int, j: int, k: int, gradient: bool, compact: bool = False) -> str:
    """The weight (or ∂C/∂w) on an edge; after the update "old→new", or with `compact`
    only "→new" (where the view has no room for both)."""
    v = edge_values(step, l, j, k)
    if gradient:
        return fmt(v["∂C/∂w"])
    if v["w new"] is not None:
        return ("" if compact else fmt(v["w"])) + "→" + fmt(v["w new"])
    return fmt(v["w"])
