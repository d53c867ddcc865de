"""How the window writes numbers: a true minus "−" wherever a number is shown (labels on the
network, the inspector, the selection), as the colour legend does; ASCII "-" in what is copied
(the tables' text is data); the loss in full written like every other C (7200, not 7200.0)."""

import re

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from bpviz.app import create_main_window

try:
    from .explorer_helpers import inspector_text, node_labels
except ImportError:
    from explorer_helpers import inspector_text, node_labels

HYPHEN_NUMBER = re.compile(r"(?<![\w.])-\d")      # "-0.9181": a hyphen-minus in front of a number


def open_window(qtbot, preset):
    win = create_main_window(preset)
    qtbot.addWidget(win)
    win.resize(1500, 950)
    win.show()
    return win


def forward(win, times):
    for _ in range(times):
        win.findChild(QAction, "step_forward").trigger()


def test_negative_numbers_in_the_window_use_the_true_minus_and_copies_stay_ascii(qtbot):
    win = open_window(qtbot, "xor")          # XOR's seeded start has negative weights
    forward(win, 1)                          # forward, layer 1: W¹ in the labels and tables
    labels = "\n".join(node_labels(win))
    shown = inspector_text(win)
    assert "−" in labels and not HYPHEN_NUMBER.search(labels)
    assert "−" in shown and not HYPHEN_NUMBER.search(shown)
    copied = win.inspector.tables_text()
    assert HYPHEN_NUMBER.search(copied) and "−" not in copied


def test_delta_w_and_the_loss_line_read_like_the_rest(qtbot):
    """The 40/80 → 60 example: C = ½(180 − 60)² = 7200; Δw¹₁₁ = −η·∂C/∂w = −1e-5·4800 = −0.048."""
    win = open_window(qtbot, "toy-40-80")
    forward(win, 3)                          # forward 1, forward 2, loss
    assert win.walk.step.phase == "loss"
    assert win.findChild(QLabel, "exact_value").text().startswith("C = 7200 (select")
    forward(win, 3)                          # backward 2, backward 1, update
    win.inspector.show_step(win.walk.step, ("edge", 1, 0, 0))        # as a click on w¹₁₁ does
    selected = win.findChild(QLabel, "selection_info").text()
    assert "Δw = −η·∂C/∂w = −0.048" in selected
    assert "C = 7200\n" in win.inspector.tables_text()


def test_the_generic_layer_index_is_an_italic_l_not_a_superscript_one(qtbot):
    """Wˡ ← Wˡ − η ∂C/∂Wˡ: in the serif equation font ˡ reads as ¹; the window writes it as a
    raised italic l, and the per-neuron maps say "layer 1", not "l = 1" (read "1 = 1")."""
    from PySide6.QtGui import QTextCharFormat
    from PySide6.QtWidgets import QTextBrowser

    from bpviz.ui.training.boundary import BoundaryView

    win = open_window(qtbot, "xor")
    forward(win, 6)
    assert win.walk.step.phase == "update"
    doc = win.findChild(QTextBrowser, "equations").document()
    block = doc.firstBlock()
    italic_raised = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            if fmt.fontItalic() and fmt.verticalAlignment() == QTextCharFormat.AlignSuperScript:
                italic_raised.append(frag.text())
            it += 1
        block = block.next()
    assert "ˡ" not in doc.toPlainText() and italic_raised.count("l") >= 3   # W, W, ∂C/∂W
    assert doc.toPlainText().startswith("Wl ← Wl − η ∂C/∂Wl")
    boundary = win.findChild(BoundaryView)
    labels = [item.textItem.toPlainText() for item in boundary.tile_labels]
    assert labels == ["layer 1", "output"]
