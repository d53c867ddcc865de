"""The inspector: the current record's equation with every number substituted (from
`equations.describe`, never re-derived here), then tables of the layer's values.

If the selected neuron belongs to the step's layer, its computation is the one spelled out.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.digit_stats import is_digit_network
from ...core.equations import describe
from ...core.notation import full, num, shape, shown, sub, sup
from ..lecture.zoom import factor
from ..widgets.layer_index import italic_layer_index
from .table_pool import TablePool
from .value_table import ValueTable
from .value_text import edge_tooltip, edge_values, edit_hints, neuron_tooltip, neuron_values

STYLE = {       # font sizes in points at zoom 1 (the presentation zoom multiplies them)
    "title": "font-size:13pt; font-weight:bold; color:#222; margin-bottom:4px",
    "equation": "font-size:12pt; font-family:'DejaVu Serif',serif; color:#111; margin-top:6px",
    "shapes": "color:#555; font-style:italic",
    "detail": "font-family:'DejaVu Sans Mono',monospace; color:#222",
    "result": "font-weight:bold; color:#5e3c99; background:#f1ecf8",
    "note": "color:#666",
}


def zoomed(points: float) -> float:
    return round(points * factor(), 2)


def _style(kind: str) -> str:
    """The CSS of a line kind, its font size zoomed."""
    style = STYLE.get(kind, "")
    return re.sub(r"font-size:([\d.]+)pt", lambda m: f"font-size:{zoomed(float(m[1]))}pt", style)


def unbroken(title: str) -> str:
    """A step's title whose symbols after the last ": " wrap as one word: the title had
    wrapped inside "∂C/∂W²" (a line may break after a slash) at presentation size."""
    head, sep, tail = title.rpartition(": ")
    if not sep:                                  # ("Loss C": words only)
        return title.replace("/", "/\u2060")
    return head + sep + tail.replace(" ", "\u00a0").replace("/", "/\u2060")


class Inspector(QWidget):
    edit_requested = Signal(object)       # the selection whose weight or bias to edit

    def __init__(self, parent=None, session=None):
        super().__init__(parent)
        self.session = session      # the window's settings and data (the update step's batch note)
        self.setObjectName("inspector")
        self.setAccessibleName(self.tr("Inspector: the current step's equations and values"))
        self.title = QLabel(self)
        self.title.setObjectName("inspector_title")
        self.title.setStyleSheet(f"font-size: {zoomed(14)}pt; font-weight: bold; padding: 2px;")
        self.title.setWordWrap(True)
        self.equations = QTextBrowser(self)
        self.equations.setObjectName("equations")
        self.equations.setAccessibleName(self.tr("Equations of the current step"))
        self.equations.setMinimumHeight(180)
        self.selection = QLabel(self)
        self.selection.setObjectName("selection_info")
        self.selection.setWordWrap(True)
        self.selection.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.selection.setStyleSheet("background:#f6f6f6; padding:4px; border:1px solid #ddd;")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("edit_selected")
        self.edit_button.setAccessibleName(self.tr("Edit the selected weight or bias"))
        self.edit_button.setToolTip(self.tr("Type a new value for the selected weight or bias (F2)"))
        self.edit_button.setShortcut("F2")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.sel))
        self.edit_button.hide()
        self.check = QLabel(self)
        self.check.setObjectName("gradcheck_result")
        self.check.setWordWrap(True)
        self.check.hide()
        self.mistakes = QLabel(self)              # what the bug lab's mistakes change here
        self.mistakes.setObjectName("bug_marks")
        self.mistakes.setWordWrap(True)
        self.mistakes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.mistakes.setStyleSheet("color:#b00000; background:#fff0f0; padding:4px;")
        self.mistakes.hide()
        self.tables_box = QWidget()
        self.exact = QLabel(self)
        self.exact.setObjectName("exact_value")
        # wrapped: a long value must not widen the inspector (the splitter would take the
        # width from the network view at every such step, and give it back at the next)
        self.exact.setWordWrap(True)
        self.exact.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.exact.setToolTip(self.tr("The selected value in full (hover a cell, too)"))
        self.pool = TablePool(self.tables_box, self.exact.setText)
        self.tables: list[ValueTable] = self.pool.tables      # the shown ones first, in order
        self.tables_layout = self.pool.layout      # (others add their parts under the tables)
        self.copy_button = QPushButton(self.tr("Copy tables"), self)
        self.copy_button.setObjectName("copy_tables")
        self.copy_button.setToolTip(self.tr("Copy this step's tables as text, every number in "
                                            "full (Ctrl+C copies one table)"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.tables_text()))
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
        box.addWidget(self.mistakes)
        exact_row = QHBoxLayout()
        exact_row.addWidget(self.exact, 1)
        exact_row.addWidget(self.copy_button)
        box.addLayout(exact_row)
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
        css = f"font-size: {zoomed(14)}pt; font-weight: bold; padding: 2px;"
        if self.title.styleSheet() != css:          # (a new style sheet re-polishes the label)
            self.title.setStyleSheet(css)
        self.title.setText(self.tr("Step {0}: {1}").format(step.index + 1, unbroken(step.title)))
        self.exact.setText(self._exact_loss(step))
        body = "".join(
            f'<div style="{_style(line.kind)}">{italic_layer_index(html.escape(shown(line.text)))}</div>'
            for line in lines[1:])
        note = self._batch_note(step)
        if note:
            body += f'<div style="{_style("note")}">{html.escape(shown(note))}</div>'
        self._set_equations(body)
        self._show_selection(step, sel)
        self._show_tables(step)

    def _batch_note(self, step) -> str:
        """At the update step of a one-sample walk, how training's step differs: it moves the
        weights by the mean gradient of a batch. A teacher had read "C = 0.894 → 0.0127" as
        what one step of MNIST's training does (batches of 10)."""
        session = self.session
        # plain SGD and no bug-lab mistake only: Adam does not scale its step by 1/m, and
        # mean-over-features or sum-not-mean divide by something else
        if (step.phase != "update" or session is None or session.optimizer != "sgd"
                or session.bugs):
            return ""
        n = len(session.dataset)
        m = min(session.batch_size or n, n)
        if m <= 1:
            return ""
        return self.tr("This walk moves the weights by one sample's gradient at η = {0}; training "
                       "moves them by the mean over a batch of {1} samples, about 1/{1} as far "
                       "for this one.").format(num(step.walk.eta), m)

    def _set_equations(self, text: str) -> None:
        """setHtml, laid out once: setHtml empties the document first, which hides the
        scroll bar, widens the page and lays everything out a second time when the bar comes
        back. The bar stays while the text is replaced; it goes if the new text fits."""
        bar = self.equations.verticalScrollBar()
        if bar.isVisible():
            self.equations.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.equations.setHtml(text)
        self.equations.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)

    def _exact_loss(self, step) -> str:
        if step.loss_after is not None:
            return self.tr("C after the update = {0} (select a cell to see it in full)").format(
                shown(full(step.loss_after)))
        if step.loss is not None:
            return self.tr("C = {0} (select a cell to see it in full)").format(shown(full(step.loss)))
        return self.tr("Select a cell to see its value in full")

    def _show_selection(self, step, sel) -> None:
        editable = sel is not None and (sel[0] == "edge" or (sel[1] > 0 and step.walk.has_biases))
        self.edit_button.setVisible(editable)
        if sel is None:
            self.selection.setText(self.tr("Click a neuron or an edge to see its values; "
                                           "double-click to edit it."))
            return
        text = (neuron_tooltip(step, sel[1], sel[2]) if sel[0] == "neuron"
                else edge_tooltip(step, *sel[1:]))
        lines = [line for line in text.split("\n") if line not in edit_hints()]
        self.selection.setText(shown(self.tr("Selected: ") + " · ".join(lines)))
        self.exact.setText(self._exact_selection(step, sel))

    @staticmethod
    def _exact_selection(step, sel) -> str:
        """The selected neuron's or edge's values in full (shortest float64 text)."""
        if sel[0] == "neuron" and sel[1] == 0:
            return shown(f"x{sub(sel[2] + 1)} = {full(step.walk.x[sel[2]])}")
        if sel[0] == "neuron":
            values = neuron_values(step, sel[1], sel[2])
            keys = ("z", "a", "δ", "b", "∂C/∂b", "b new")
        else:
            values = edge_values(step, *sel[1:])
            keys = ("w", "∂C/∂w", "Δw", "w new")
        return shown(QCoreApplication.translate("Inspector", "in full: ") + ", ".join(
            f"{k} = {full(values[k])}" for k in keys if values.get(k) is not None))

    def tables_text(self) -> str:
        """The step's losses and every shown table as text, every number in full."""
        step, parts = self.step, []
        if step is not None and step.loss is not None:
            parts.append(f"C = {full(step.loss)}\n")
        if step is not None and step.loss_after is not None:
            parts.append(self.tr("C after the update = {0}").format(full(step.loss_after)) + "\n")
        parts += [t.as_text() for t in self.tables if not t.isHidden()]
        return "\n".join(parts)

    def show_check(self, text: str) -> None:
        self.check.setText(text)
        self.check.setVisible(bool(text))

    def show_mistakes(self, lines) -> None:
        """Mark the record the ticked mistakes change: each changed quantity with the
        mistaken number and the correct one (from core/bug_walk.py's `changes`)."""
        text = "\n".join(lines)
        # sigma-prime-of-a: the layer table's σ′ column holds σ′(aˡ); say so in its header
        self._sigma_of_a = any(line.startswith("σ′ used") for line in lines)
        if text:
            text = self.tr("The ticked mistakes change this step:") + "\n" + text
        self.mistakes.setText(text)
        self.mistakes.setVisible(bool(text))

    def _show_tables(self, step) -> None:
        walk = step.walk
        calls = []
        if step.phase == "input":
            n = walk.sizes[0]
            calls = [("show_vectors", self.tr("Layer 0 (input): a⁰ = x {0}").format(shape(n)),
                      [f"x = a⁰ {shape(n)}"], [walk.x], n),
                     ("show_vectors", self.tr("Target y {0}").format(shape(walk.y.size)),
                      [f"y {shape(walk.y.size)}"], [walk.y], walk.y.size)]
        elif step.phase == "update":
            for l in range(walk.L, 0, -1):
                n, n_in = walk.sizes[l], walk.sizes[l - 1]
                s = f"{sup(l)} {shape(n, n_in)}"
                calls.append(("show_matrix", f"∂C/∂W{s}", step.grad_w[l - 1]))
                calls.append(("show_matrix", self.tr("W{0} after the update").format(s),
                              step.new_weights[l - 1]))
                if walk.has_biases:
                    calls.append(("show_vectors", f"b{sup(l)} {shape(n)}",
                                  [self.tr("b{0} before").format(sup(l)), f"∂C/∂b{sup(l)}",
                                   self.tr("b{0} after").format(sup(l))],
                                  [walk.biases[l - 1], step.grad_b[l - 1], step.new_biases[l - 1]],
                                  n))
        else:
            calls = self._layer_tables(step, step.layer)
        self.pool.show(calls)

    def _layer_tables(self, step, l: int) -> list:
        walk = step.walk
        n, n_in = walk.sizes[l], walk.sizes[l - 1]
        s, v = sup(l), shape(n)
        sp = (self.tr("σ′(a{0}) {1}: the mistake").format(s, v) if getattr(self, "_sigma_of_a", False)
              else f"σ′(z{s}) {v}")
        headers = [f"z{s} {v}", f"a{s} {v}", sp, f"δ{s} {v}"]
        columns = [step.z[l - 1], step.a[l], step.sigma_prime[l - 1], step.delta[l - 1]]
        if walk.has_biases:
            headers += [f"b{s} {v}", f"∂C/∂b{s} {v}"]
            columns += [walk.biases[l - 1], step.grad_b[l - 1]]
        if step.phase == "loss":
            headers.append(f"y {v}")
            columns.append(walk.y)
        kind = self.tr("output") if l == walk.L else self.tr("hidden")
        title = self.tr("Layer {0} ({1}, {2})").format(l, kind, walk.activation_names[l - 1])
        side = None
        if l == walk.L and is_digit_network(walk.sizes, classes=True):     # as the view: by digit
            side = [self.tr("{0} · digit {1}").format(j + 1, j) for j in range(n)]
        calls = [("show_vectors", title, headers, columns, n, side)]
        if step.phase == "backward":
            calls.append(("show_matrix", f"∂C/∂W{s} {shape(n, n_in)}", step.grad_w[l - 1]))
        calls.append(("show_matrix", f"W{s} {shape(n, n_in)}", walk.weights[l - 1]))
        return calls
