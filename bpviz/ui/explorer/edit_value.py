"""What a double-click edits: a neuron's bias or an edge's weight, in a small dialog that
checks the typed value (ui/widgets/dialogs.EditValueDialog) and gives it to the session."""

from __future__ import annotations

from ...core.notation import sub, sup
from ..widgets.dialogs import EditValueDialog


def edit_dialog(window, session, sel) -> EditValueDialog | None:
    """The dialog that edits what `sel` names (("edge", l, j, k) or ("neuron", l, j)), or None
    (nothing to edit: training runs, an input neuron, a network without biases — the status
    bar says why)."""
    tr = window.tr
    if session.busy or sel is None:
        return None
    if sel[0] == "edge":
        l, j, k = sel[1:]
        name = f"w{sup(l)}{sub(j + 1, k + 1)}"
        what = tr("Weight {0}: from neuron {1} of layer {2} to neuron {3} of layer {4}").format(
            name, k + 1, l - 1, j + 1, l)
        current = session.weight(l, j, k)
        apply = lambda text: session.set_weight(l, j, k, text)  # noqa: E731
    else:
        l, j = sel[1:]
        if l == 0:
            window.statusBar().showMessage(tr("Input neurons have no bias: edit x in the "
                                              "toolbar's x = field"), 6000)
            return None
        if not session.network.has_biases:
            window.statusBar().showMessage(tr("This network has no biases"), 6000)
            return None
        name = f"b{sup(l)}{sub(j + 1)}"
        what = tr("Bias {0} of neuron {1} in layer {2}").format(name, j + 1, l)
        current = session.bias(l, j)
        apply = lambda text: session.set_bias(l, j, text)  # noqa: E731
    return EditValueDialog(window, tr("Edit {0}").format(name), what, current, apply)
