"""The inspector: the current record's equation with every number substituted (from
`equations.describe`, never re-derived here), then tables of the layer's values.

If the selected neuron belongs to the step's layer, its computation is the one spelled out.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.equations import describe
from ...core.notation import shape, sup
from .value_table import ValueTable
from .value_text import edge_tooltip, neuron_tooltip

STYLE = {
    "title": "font-size:13pt; font-weight:bold; color:#222; margin-bottom:4px",
    "equation": "font-size:12pt; font-family:'DejaVu Serif',serif; color:#111; margin-top:6px",
    "shapes": "color:#555; font-style:italic",
    "detail": "font-family:'DejaVu Sans Mono',monospace; color:#222",
    "result": "font-weight:bold; color:#5e3c99; background:#f1ecf8",
    "note": "color:#666",
}


class Inspector(QWidget):
    edit_requested = Signal(object)       # the selection whose weight or bias to edit

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setAccessibleName("Inspector: the current step's equations and values")
        self.title = QLabel(self)
        self.title.setObjectName("inspector_title")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold; padding: 2px;")
        self.title.setWordWrap(True)
        self.equations = QTextBrowser(self)
        self.equations.setObjectName("equations")
        self.equations.setAccessibleName("Equations of the current step")
        self.equations.setMinimumHeight(180)
        self.selection = QLabel(self)
        self.selection.setObjectName("selection_info")
        self.selection.setWordWrap(True)
        self.selection.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.selection.setStyleSheet("background:#f6f6f6; padding:4px; border:1px solid #ddd;")
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setObjectName("edit_selected")
        self.edit_button.setAccessibleName("Edit the selected weight or bias")
        self.edit_button.setToolTip("Type a new value for the selected weight or bias (F2)")
        self.edit_button.setShortcut("F2")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.sel))
        self.edit_button.hide()
        self.check = QLabel(self)
        self.check.setObjectName("gradcheck_result")
        self.check.setWordWrap(True)
        self.check.hide()
        self.tables_box = QWidget()
        self.tables_layout = QVBoxLayout(self.tables_box)
        self.tables_layout.setContentsMargins(2, 0, 2, 0)
        self.tables_layout.addStretch(1)
        self.tables: list[ValueTable] = []
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.tables_box)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.title)
        box.addWidget(self.equations, 5)
        row = QHBoxLayout()
        row.addWidget(self.selection, 1)
        row.addWidget(self.edit_button, 0, Qt.AlignTop)
        box.addLayout(row)
        box.addWidget(self.check)
        box.addWidget(scroll, 4)
        self.step, self.sel = None, None

    # -- what to show ------------------------------------------------------------------------
    def show_step(self, step, sel=None) -> None:
        self.step, self.sel = step, sel
        focus = None
        if sel is not None and sel[0] == "neuron" and sel[1] == step.layer and step.phase in (
                "forward", "backward"):
            focus = sel[2]
        lines = describe(step, focus=focus)
        self.title.setText(f"Step {step.index + 1}: {step.title}")
        self.equations.setHtml("".join(
            f'<div style="{STYLE.get(line.kind, "")}">{html.escape(line.text)}</div>'
            for line in lines[1:]))
        self._show_selection(step, sel)
        self._show_tables(step)

    def _show_selection(self, step, sel) -> None:
        editable = sel is not None and (sel[0] == "edge" or (sel[1] > 0 and step.walk.has_biases))
        self.edit_button.setVisible(editable)
        if sel is None:
            self.selection.setText("Click a neuron or an edge to see its values; "
                                   "double-click to edit it.")
            return
        text = (neuron_tooltip(step, sel[1], sel[2]) if sel[0] == "neuron"
                else edge_tooltip(step, *sel[1:]))
        lines = [line for line in text.split("\n") if not line.startswith("double-click")]
        self.selection.setText("Selected: " + " · ".join(lines))

    def show_check(self, text: str) -> None:
        self.check.setText(text)
        self.check.setVisible(bool(text))

    def _table(self, i: int) -> ValueTable:
        while len(self.tables) <= i:
            t = ValueTable(self.tables_box)
            self.tables_layout.insertWidget(len(self.tables), t)
            self.tables.append(t)
        t = self.tables[i]
        t.show()
        return t

    def _show_tables(self, step) -> None:
        walk = step.walk
        used = 0
        if step.phase == "input":
            n = walk.sizes[0]
            self._table(0).show_vectors(f"Layer 0 (input): a⁰ = x {shape(n)}",
                                        [f"x = a⁰ {shape(n)}"], [walk.x], n)
            self._table(1).show_vectors(f"Target y {shape(walk.y.size)}", [f"y {shape(walk.y.size)}"],
                                        [walk.y], walk.y.size)
            used = 2
        elif step.phase == "update":
            for l in range(walk.L, 0, -1):
                n, n_in = walk.sizes[l], walk.sizes[l - 1]
                s = f"{sup(l)} {shape(n, n_in)}"
                self._table(used).show_matrix(f"∂C/∂W{s}", step.grad_w[l - 1])
                self._table(used + 1).show_matrix(f"W{s} after the update",
                                                  step.new_weights[l - 1])
                used += 2
                if walk.has_biases:
                    self._table(used).show_vectors(
                        f"b{sup(l)} {shape(n)}", [f"b{sup(l)} before", f"∂C/∂b{sup(l)}",
                                                 f"b{sup(l)} after"],
                        [walk.biases[l - 1], step.grad_b[l - 1], step.new_biases[l - 1]], n)
                    used += 1
        else:
            l = step.layer
            used = self._layer_tables(step, l)
        for t in self.tables[used:]:
            t.hide()

    def _layer_tables(self, step, l: int) -> int:
        walk = step.walk
        n, n_in = walk.sizes[l], walk.sizes[l - 1]
        s, v = sup(l), shape(n)
        headers = [f"z{s} {v}", f"a{s} {v}", f"σ′(z{s}) {v}", f"δ{s} {v}"]
        columns = [step.z[l - 1], step.a[l], step.sigma_prime[l - 1], step.delta[l - 1]]
        if walk.has_biases:
            headers += [f"b{s} {v}", f"∂C/∂b{s} {v}"]
            columns += [walk.biases[l - 1], step.grad_b[l - 1]]
        if step.phase == "loss":
            headers.append(f"y {v}")
            columns.append(walk.y)
        kind = "output" if l == walk.L else "hidden"
        self._table(0).show_vectors(f"Layer {l} ({kind}, {walk.activation_names[l - 1]})",
                                    headers, columns, n)
        if step.phase == "backward":
            self._table(1).show_matrix(f"∂C/∂W{s} {shape(n, n_in)}", step.grad_w[l - 1])
            self._table(2).show_matrix(f"W{s} {shape(n, n_in)}", walk.weights[l - 1])
            return 3
        self._table(1).show_matrix(f"W{s} {shape(n, n_in)}", walk.weights[l - 1])
        return 2
