"""The explorer window, driven like a learner: press → through seed 004's toy example and read
the numbers from the inspector and the network view.

Expected values are worked by hand from seed 004 (inputs 40 and 80, target 60, W¹ all 0.5,
W² all 1, no biases, linear, ½(y − ŷ)², η = 1e-5):
  z¹ = 0.5·40 + 0.5·80 = 60 (each of 3), ŷ = 60 + 60 + 60 = 180, C = ½·120² = 7200,
  δ² = 180 − 60 = 120, ∂C/∂W² = 120·60 = 7200, δ¹ = 1·120 = 120,
  ∂C/∂W¹ = [120·40, 120·80] = [4800, 9600],
  new W¹ = 0.5 − 1e-5·4800 = 0.452 and 0.5 − 1e-5·9600 = 0.404, new W² = 1 − 0.072 = 0.928,
  after: z¹ = 0.452·40 + 0.404·80 = 50.4, ŷ = 3·0.928·50.4 = 140.3136,
  C = ½(140.3136 − 60)² = 3225.13717248.
"""

import numpy as np
import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

try:
    from .explorer_helpers import action, has_number, inspector_text, node_labels, widget
except ImportError:
    from explorer_helpers import action, has_number, inspector_text, node_labels, widget

from bpviz.app import create_main_window


def forward(win, times=1):
    for _ in range(times):
        act = action(win, "step_forward")
        assert act.isEnabled()
        act.trigger()


def labels_text(win) -> str:
    return "\n".join(node_labels(win))


def test_toy_walk_shows_seed_004_numbers_in_order(window):
    text = inspector_text(window)
    assert "Input" in text and has_number(text, 40) and has_number(text, 80)
    assert "x₁ = 40" in labels_text(window) and "x₂ = 80" in labels_text(window)
    assert "z = ?" in labels_text(window)                  # nothing computed yet

    forward(window)                                         # forward, layer 1
    text = inspector_text(window)
    assert "z¹₁ = 0.5·40 + 0.5·80 = 60" in text
    assert "z¹ (3×1)" in text and "W¹ (3×2)" in text
    assert labels_text(window).count("z = 60") == 3
    assert labels_text(window).count("a = 60") == 3
    assert "z = ?" in labels_text(window)                  # the output is still to come

    forward(window)                                         # forward, layer 2
    text = inspector_text(window)
    assert "z²₁ = 1·60 + 1·60 + 1·60 = 180" in text
    assert "z = 180" in labels_text(window)

    forward(window)                                         # loss
    text = inspector_text(window)
    assert "C = 7200" in text
    assert "loss C = 7200" in labels_text(window)

    forward(window)                                         # backward, layer 2
    text = inspector_text(window)
    assert "δ²₁ = (180 − 60)·1 = 120" in text
    assert "δ² (1×1)" in text and "∂C/∂W² (1×3)" in text
    assert "∂C/∂w²₁₁ = δ²₁·a¹₁ = 120·60 = 7200" in text
    assert "δ = 120" in labels_text(window)
    assert labels_text(window).count("δ = ?") == 3        # hidden layer not reached yet

    forward(window)                                         # backward, layer 1
    text = inspector_text(window)
    assert "δ¹₁ = (1·120)·1 = 120" in text
    assert "∂C/∂w¹₁₁ = δ¹₁·a⁰₁ = 120·40 = 4800" in text
    assert "∂C/∂w¹₁₂ = δ¹₁·a⁰₂ = 120·80 = 9600" in text
    assert "4800 | 9600" in text                            # a row of the ∂C/∂W¹ table
    assert labels_text(window).count("δ = 120") == 4

    forward(window)                                         # update
    text = inspector_text(window)
    assert "w¹₁₁: 0.5 − 1e-5·4800 = 0.452" in text
    assert "w¹₁₂: 0.5 − 1e-5·9600 = 0.404" in text
    assert "w²₁₁: 1 − 1e-5·7200 = 0.928" in text
    assert "0.452 | 0.404" in text                          # W¹ after the update
    assert "ŷ = a² = [140.3136]ᵀ, C = 3225.137" in text
    assert "0.5→0.452" in labels_text(window) and "1→0.928" in labels_text(window)
    assert window.walk.at_end                                # the walk is complete …
    assert "press → or U to apply the update" in window.statusBar().currentMessage()


def test_step_back_returns_exactly_the_previous_numbers(window):
    seen = [(inspector_text(window), labels_text(window))]
    for _ in range(6):
        forward(window)
        seen.append((inspector_text(window), labels_text(window)))
    back = action(window, "step_back")
    for expected in reversed(seen[:-1]):
        back.trigger()
        assert (inspector_text(window), labels_text(window)) == expected
    assert not back.isEnabled()                             # at the very start


def test_apply_update_starts_a_new_walk_and_back_returns_to_the_old_one(window):
    forward(window, 6)
    action(window, "apply_update").trigger()
    assert window.session.network.weights[0][0, 0] == pytest.approx(0.452)
    forward(window)
    text = inspector_text(window)
    assert "z¹₁ = 0.452·40 + 0.404·80 = 50.4" in text
    forward(window)
    assert has_number(inspector_text(window), 140.3136)
    back = action(window, "step_back")
    back.trigger()
    back.trigger()
    back.trigger()                      # from the start of walk 2 into walk 1's update
    text = inspector_text(window)
    assert "3225.137" in text and "Update" in text
    assert window.session.network.weights[0][0, 0] == 0.5
    back.trigger()
    assert "∂C/∂w¹₁₂ = δ¹₁·a⁰₂ = 120·80 = 9600" in inspector_text(window)


def test_run_pass_and_reset(window, discard):
    action(window, "run_pass").trigger()
    assert "C = 7200" in inspector_text(window)
    action(window, "run_pass").trigger()
    assert "Backward, layer 1" in inspector_text(window)
    action(window, "run_pass").trigger()
    assert "Update" in inspector_text(window)
    action(window, "apply_update").trigger()
    assert window.session.network.weights[1][0, 0] == pytest.approx(0.928)
    action(window, "reset").trigger()
    assert discard == ["Reset to the starting weights?"]       # the applied update is not saved
    assert window.session.network.weights[1][0, 0] == 1.0
    forward(window)
    assert "z¹₁ = 0.5·40 + 0.5·80 = 60" in inspector_text(window)


def test_clicking_a_neuron_spells_it_out(window, qtbot):
    forward(window)
    view = widget(window, "network_view")
    view.select(("neuron", 1, 1))           # what a click on hidden neuron 2 does
    text = inspector_text(window)
    assert "z¹₂ = 0.5·40 + 0.5·80 = 60" in text
    assert "z¹₁ =" not in text.split("Selected")[0]      # only the selected neuron
    assert "Selected: neuron 2 of layer 1" in text
    tip = view.tooltip_for(("edge", 1, 0, 1))
    assert "w¹₁₂ = 0.5" in tip and "∂C/∂w¹₁₂ = ?" in tip


def test_busy_session_locks_stepping(window):
    window.session.set_busy(True)
    for name in ("step_forward", "step_back", "run_pass", "apply_update", "reset"):
        assert not action(window, name).isEnabled(), name
    window.session.set_busy(False)
    assert action(window, "step_forward").isEnabled()


def test_weights_changed_restarts_the_walk(window):
    forward(window, 3)
    params = window.session.network.params.copy()
    params[0] = 1.0                     # w¹₁₁, as a training snapshot would send it
    window.session.set_params(params)
    assert "Input" in inspector_text(window)
    forward(window)
    assert "z¹₁ = 1·40 + 0.5·80 = 80" in inspector_text(window)


def test_preset_switch_to_xor(window):
    combo = widget(window, "preset")
    combo.setCurrentText("xor")
    combo.activated.emit(combo.currentIndex())
    assert window.session.preset.name == "xor"
    forward(window)
    text = inspector_text(window)
    assert "z¹ (4×1)" in text and "W¹ (4×2)" in text
    hidden = [t for t in node_labels(window) if t.startswith("z = ")]
    assert len(hidden) == 5             # 4 hidden neurons and the output
    assert widget(window, "sample").isEnabled()             # xor has four samples
    for name in ("not-gate", "and", "or", "toy-40-80"):
        combo.setCurrentText(name)
        combo.activated.emit(combo.currentIndex())
        assert window.session.preset.name == name
        forward(window)
        assert "Forward, layer 1" in inspector_text(window)


def test_documented_object_names_have_accessible_names(window):
    for name in ("step_forward", "step_back", "run_pass", "apply_update", "reset"):
        act = action(window, name)
        button = [w for w in act.associatedObjects() if hasattr(w, "accessibleName")
                  and w.objectName() == name]
        assert button and button[0].accessibleName(), name
        assert act.toolTip() and "(" in act.toolTip()       # the shortcut is shown
    for name in ("preset", "network_view", "inspector", "learning_rate", "loss_plot", "epoch_label",
                 "accuracy_label", "descent_view", "bug_lab", "confusion_matrix", "draw_canvas",
                 "prediction_label"):      # (descent_view's had been empty)
        assert widget(window, name).accessibleName(), name
    assert window.windowTitle() == "bpviz — toy-40-80[*]"        # the program, then what is open


def xavier_weights(seed: int, sizes) -> list:
    """Xavier-uniform Wˡ for `sizes`, drawn here from NumPy with `seed`: U(−r, r), r = √(6 / (nˡ⁻¹ + nˡ)),
    layer by layer in one Generator (the networks here have no biases, so nothing else is drawn)."""
    rng = np.random.default_rng(seed)
    return [rng.uniform(-np.sqrt(6 / (n_in + n_out)), np.sqrt(6 / (n_in + n_out)), (n_out, n_in))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def test_new_random_weights_from_the_seed(window, qtbot):
    assert len(window.findChildren(QWidget, "seed")) == 1          # one seed control
    seed = widget(window, "seed")
    seed.setValue(7)
    forward(window, 2)
    action(window, "new_weights").trigger()
    net = window.session.network
    # the toy's hand-written weights are "constant": new random ones are Xavier's
    expected = xavier_weights(7, [2, 3, 1])
    for got, want in zip(net.weights, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    assert not np.allclose(net.weights[0], xavier_weights(8, [2, 3, 1])[0])
    assert "Input" in inspector_text(window)          # a new walk on the new weights
    first = net.params.copy()
    action(window, "new_weights").trigger()
    assert (window.session.network.params == first).all()    # same seed, same weights


def test_sample_chooser_walks_the_chosen_sample(qtbot):
    win = create_main_window("xor")
    qtbot.addWidget(win)
    win.show()
    combo = widget(win, "sample")
    assert combo.count() == 4
    combo.setCurrentIndex(3)
    combo.activated.emit(3)
    assert win.session.sample == 3
    assert widget(win, "input_values").text() == "1, 1"
    assert "a⁰ = x = [1, 1]ᵀ" in inspector_text(win)
    win.close()


def test_edge_scale_modes_state_their_scale(window):
    forward(window, 6)
    legend = widget(window, "legend_text")
    assert "auto scale" in legend.text() and "full at 0.928" in legend.text()
    mode = widget(window, "scale_mode")
    mode.setCurrentText("log")
    assert "log scale" in legend.text()
    mode.setCurrentText("fixed")
    assert "fixed scale: full width at |w| ≥ 1" in legend.text()
    action(window, "edges_gradient").trigger()            # ∂C/∂w in the thousands
    assert "|∂C/∂w| ≥ 1" in legend.text() and "9 above it" in legend.text()
    mode.setCurrentText("auto")
    assert "full at 9600" in legend.text()


def test_help_page_opens(window):
    window.findChild(QAction, "help_how_to_read").trigger()
    help_dialog = window.findChild(QDialog, "help")
    assert help_dialog is not None and help_dialog.isVisible()
    from PySide6.QtWidgets import QTextBrowser
    text = help_dialog.findChild(QTextBrowser).toPlainText()
    # every part a lesson uses is explained, with the keys that reach it
    for words in ("Descent explorer", "Ctrl+click two edges", "bug lab", "Train side by side",
                  "Presentation mode", "Ctrl+Shift+P", "PNG…", "Train menu"):
        assert words in text, words
    help_dialog.close()
    from bpviz.ui.lecture.zoom import zoom
    try:
        zoom().set_factor(2.0)                    # 46 × 40 lines at 2× is 1 288 × 1 120 px …
        window.findChild(QAction, "help_how_to_read").trigger()
        help_dialog = next(d for d in window.findChildren(QDialog, "help") if d.isVisible())
        room = help_dialog.screen().availableGeometry()       # … never larger than the screen
        assert help_dialog.width() <= room.width() and help_dialog.height() <= room.height()
        help_dialog.close()
    finally:
        zoom().set_factor(1.0)


def test_hovering_a_neuron_shows_its_values(window, qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QToolTip
    forward(window, 4)                   # δ² known
    view = widget(window, "network_view")
    point = view.mapFromScene(view.getViewBox().mapViewToScene(QPointF(2.0, 0.0)))
    qtbot.mouseMove(view.viewport(), point)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    text = QToolTip.text()
    assert "output neuron 1 of layer 2" in text
    assert "z²₁ = 180" in text and "a²₁ = 180" in text and "δ²₁ = 120" in text
    assert "target y₁ = 60" in text
    QToolTip.hideText()
