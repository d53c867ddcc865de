"""Small dialogs: edit one weight or bias, and the "how to read this window" page.

Both open non-modally (`open()` / `show()`), so the window and tests keep running.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QTextBrowser, QVBoxLayout

from ...core.errors import BpvizError
from .field import error_label
from .layer_index import italic_layer_index


class EditValueDialog(QDialog):
    """Type a new value; `apply(text)` validates and stores it or raises BpvizError, whose
    one-line message is shown under the field while the old value stays."""

    def __init__(self, parent, title: str, what: str, current: float,
                 apply: Callable[[str], float]):
        super().__init__(parent)
        self.setObjectName("edit_value")
        self.setWindowTitle(title)
        self.apply = apply
        self.field = QLineEdit(repr(float(current)), self)
        self.field.setObjectName("edit_value_field")
        self.field.setAccessibleName(title)
        self.field.selectAll()
        self.error = error_label("edit_value_error", self)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(what, self))
        box.addWidget(self.field)
        box.addWidget(self.error)
        box.addWidget(QLabel(self.tr("The walk restarts from the forward pass with the new value."), self))
        box.addWidget(buttons)

    def try_accept(self) -> None:
        try:
            self.apply(self.field.text())
        except BpvizError as e:
            self.error.setText(str(e))
            self.error.show()
            return
        self.accept()


HELP = QT_TRANSLATE_NOOP("HelpDialog", """
<h2>How to read this window</h2>
<p><b>The walk.</b> One example (the <i>sample</i>) goes through the network one step at a time:
the input a⁰ = x, then the <b>forward pass</b> layer by layer (zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = σ(zˡ)),
the <b>loss</b> C, the <b>backward pass</b> from the output layer back to layer 1
(δˡ = ∂C/∂zˡ and ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ), and finally the <b>update</b>
W ← W − η ∂C/∂W. Press <b>→</b> to take a step and <b>←</b> to go back exactly one.</p>
<p><b>The network.</b> Columns are layers (input on the left). The shaded column is the layer the
current step works on. Each neuron's label shows the values computed so far: z, a, δ (and b if the
network has biases); a value the walk has not reached yet is written <i>?</i> in grey, and the values
just computed are purple. Hover a neuron or an edge for all its numbers; click to select it (the
inspector then spells out that neuron); double-click to edit a weight or a bias.</p>
<p><b>Edges.</b> Colour is the sign (blue positive, orange negative), width the magnitude on the scale
the legend states: <i>auto</i> (relative to the largest value shown), <i>fixed</i> (relative to a maximum
you type; larger values are drawn at full width) or <i>log</i>. View → "Edges show ∂C/∂w" draws the
gradient instead of the weight once the backward pass has computed it; edges not yet computed are dotted.
At the update step the edges show the new weights.</p>
<p><b>The inspector</b> (right) writes the current step's equation in general form, the shapes of every
matrix and vector, each neuron's computation with the real numbers in it, and the result; below are
tables of the layer's z, a, σ′(z), δ and ∂C/∂W, each headed with its shape.</p>
<p><b>Apply update</b> makes the new weights the network's weights and starts a new walk on them;
← from the start of that walk goes back into the previous one. <b>Reset</b> returns to the initial
weights. <b>Gradient check</b> compares backprop's gradient with finite differences.</p>
<p><b>Training.</b> <b>Play</b> (Space) trains in a background thread; the loss curve, the
accuracy, the decision boundary (output over the input plane, data on top) and the small map
of each hidden neuron follow live, and the network shows the sample's forward pass through the
current weights. <b>Pause</b> (Space) to walk any sample with → and ←, then play on.
<b>Epoch +1</b> (E) trains one epoch. η, batch size, optimiser and L2 may change while
training; the Data and Network tabs change the problem and the architecture while paused.
If the loss or a weight stops being finite, training pauses and keeps the last weights whose
loss was finite. The <b>Train</b> menu lists every training key: S stops the run, Ctrl+Shift+R
resets it, [ and ] make it slower and faster.</p>
<p><b>Gradient descent pictures.</b> View → <i>Descent explorer</i> opens a panel as a tab beside
the loss curve (Ctrl+Shift+D puts it over the whole window, and back). <i>Textbook
functions</i>: gradient descent on x², a bowl, a ravine, the Rosenbrock valley and a saddle,
one step at a time (Step, or → while the panel has focus), with SGD, momentum or Adam; each
function starts with an η that shows it well, and <i>Keep run</i> overlays runs to compare.
<i>Your network</i>: the cost over two of the network's weights or biases, the others held
fixed; Ctrl+click two edges (or neurons, for biases) to choose them. Apply update and training
draw the path the two take.</p>
<p><b>The bug lab</b> (a tab beside Training) puts the mistakes people make when they write
backpropagation into the walk and into training, one tick box each: the gradient check turns red
where a mistake changes the gradient, and <i>Train side by side</i> trains the correct and the
mistaken network from the same start.</p>
<p><b>For a lecture.</b> View → <i>Presentation mode</i> (Ctrl+Shift+P) makes everything larger
and hides the side panels (View → Panels shows any of them); Ctrl+= and Ctrl+− zoom, Ctrl+0 goes
back. View → <i>Network view only</i> (Ctrl+Shift+N) gives the network the whole window, and
the same key brings back the inspector and the panels. Every plot's <i>PNG…</i> button saves it
at twice the screen's resolution or more, and <i>CSV…</i> saves its numbers.</p>
""")


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("help")
        self.setWindowTitle(self.tr("How to read this window"))
        text = QTextBrowser(self)
        text.setHtml(italic_layer_index(self.tr(HELP)))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.close)
        box = QVBoxLayout(self)
        box.addWidget(text)
        box.addWidget(buttons)
        em = self.fontMetrics().height()        # follows the font, and so the zoom,
        width, height = 46 * em, 40 * em        # but never past 90 % of the screen
        screen = (parent.screen() if parent is not None else self.screen())
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, int(0.9 * room.width())), min(height, int(0.9 * room.height()))
        self.resize(width, height)
