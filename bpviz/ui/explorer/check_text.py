"""The gradient check's sentence for the window (Step → Gradient check, Ctrl+G): backprop on
the walked sample against central differences — with the bug lab's ticked mistakes when there
are any, so the check says what the bug lab's table says."""

from __future__ import annotations

import numpy as np

from ...core.notation import num
from .step_controls import walked_input


def check_text(tr, session) -> str:
    """One sentence; `tr` translates (the window's `tr`)."""
    if session.bugs:
        return _mistaken(tr, session)
    from ...core.gradcheck import gradient_check
    # weights a huge η made overflow: the check's inf and nan are its answer ("check this!"),
    # not a RuntimeWarning per finite difference on stderr
    with np.errstate(all="ignore"):
        result = gradient_check(session.network, *session.current_sample())
    layers = ", ".join(tr("layer {0}: {1}").format(d["layer"], num(d["max_relative_error"], 2))
                       for d in result.layers)
    verdict = tr("backprop agrees") if result.max_relative_error < 1e-5 else tr("check this!")
    return tr("Gradient check ({0}): max relative error {1} ({2}) — {3}").format(
        _walked(tr, session), num(result.max_relative_error, 3), layers, verdict)


def _mistaken(tr, session) -> str:
    from ...core.bug_backprop import bug_gradient_check
    with np.errstate(all="ignore"):
        doc = bug_gradient_check(session.network, *session.current_sample(), session.bugs)
    parts = []
    for row in doc["layers"]:
        if "error" in row:
            parts.append(tr("layer {0}: shape error").format(row["layer"]))
        elif row["passed"]:
            parts.append(tr("layer {0}: passes").format(row["layer"]))
        elif "factor" in row:
            parts.append(tr("layer {0}: fails (backprop = {1} × finite differences)").format(
                row["layer"], num(row["factor"])))
        else:
            parts.append(tr("layer {0}: fails ({1})").format(
                row["layer"], num(row["max_relative_error"], 2)))
    verdict = (tr("backprop agrees") if all(r["passed"] for r in doc["layers"])
               else tr("backprop disagrees: that is the mistake"))
    text = tr("Gradient check with the mistakes {0} ({1}): {2} — {3}").format(
        ", ".join(session.bugs), _walked(tr, session), "; ".join(parts), verdict)
    return text + (f" ({doc['note']})" if "note" in doc else "")


def _walked(tr, session) -> str:
    """What the check ran on, named as the Sample box names it."""
    return walked_input(session) or tr("sample {0}").format(session.sample + 1)
