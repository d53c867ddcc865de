"""What a person sees at a glance: the empty loss plot's range, labels that never cover each
other, the preset chooser agreeing with the session after a model file, and a loss curve
tall enough to read in the first-launch layout."""

from itertools import combinations
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDockWidget, QFileDialog

from bpviz.app import create_main_window
from bpviz.ui.training.loss_plot import LossPlot


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path):
    """Every test starts as a first launch: no remembered window layout."""
    QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope, str(tmp_path))


def open_window(qtbot, preset, size=(1500, 950)):
    win = create_main_window(preset)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)
    return win


def trigger(win, name, times=1):
    for _ in range(times):
        win.findChild(QAction, name).trigger()


def snapshot(first, losses):
    return SimpleNamespace(first_epoch=first, losses=np.asarray(losses, dtype=float),
                           epoch=first + len(losses) - 1, accuracy=None, test_loss=None,
                           test_accuracy=None)


# -- 1. the empty loss plot ------------------------------------------------------------------
def y_range(plot):
    return plot.plot.getPlotItem().vb.viewRange()[1]


def test_empty_loss_plot_shows_a_plausible_loss_range(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 250)
    plot.show()
    lo, hi = y_range(plot)                      # log y: decades 10⁻³ … 10¹
    assert -3.5 < lo < -2.5 and 0.5 < hi < 1.5
    plot.log_y.setChecked(False)
    lo, hi = y_range(plot)
    assert -1 < lo <= 0 and 5 <= hi <= 11
    plot.log_y.setChecked(True)
    plot.clear()
    lo, hi = y_range(plot)
    assert -3.5 < lo < -2.5 and 0.5 < hi < 1.5


def test_non_finite_losses_never_break_the_range(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.show()
    plot.add(snapshot(1, [np.nan, np.inf, -np.inf]))
    assert all(np.isfinite(y_range(plot)))
    plot.add(snapshot(4, [0.5, np.inf, 0.25, np.nan, 0.0]))
    lo, hi = y_range(plot)
    assert np.isfinite(lo) and np.isfinite(hi) and lo < np.log10(0.25) < hi
    assert np.all(np.isfinite(plot.train.y)) and plot.train.n == 3
    plot.log_y.setChecked(False)
    assert all(np.isfinite(y_range(plot)))


# -- 2 and 3. labels in the network view -------------------------------------------------------
def label_rects(win):
    """Scene rectangles of the visible neuron and edge labels."""
    texts = win.network_view.texts
    items = list(texts.neuron.values()) + list(texts.edge.values())
    return [(key, item.mapRectToScene(item.boundingRect()))
            for key, item in zip(list(texts.neuron) + list(texts.edge), items)
            if item.isVisible()]


def assert_no_overlaps(win):
    rects = label_rects(win)
    assert rects
    for (a, ra), (b, rb) in combinations(rects, 2):
        overlap = ra.intersected(rb)
        assert overlap.width() < 1 or overlap.height() < 1, f"labels {a} and {b} overlap"


@pytest.mark.parametrize("size", [(1500, 950), (1600, 1000)])
@pytest.mark.parametrize("preset", ["circle", "spirals", "xor", "toy-40-80"])
def test_labels_do_not_overlap(qtbot, preset, size):
    win = open_window(qtbot, preset, size)
    for _ in range(win.walk.stepper.length - 1):
        assert_no_overlaps(win)
        trigger(win, "step_forward")
    assert_no_overlaps(win)
    win.close()


def test_eight_hidden_neurons_get_compact_labels_with_every_value(qtbot):
    win = open_window(qtbot, "circle")
    trigger(win, "step_forward", 2)
    texts = win.network_view.texts
    assert texts.modes[1] in ("two", "short")
    if texts.modes[1] == "two":
        text = texts.neuron[(1, 0)].textItem.toPlainText()
        for name in ("z = ", "a = ", "δ = ?", "b = "):
            assert name in text
    win.close()


def test_selected_neuron_shows_its_full_label_and_its_edge_labels(qtbot):
    win = open_window(qtbot, "spirals")
    trigger(win, "step_forward", 2)
    view = win.network_view
    view.select(("neuron", 2, 3))
    label = view.texts.neuron[(2, 3)]
    assert label.isVisible() and "δ = ?" in label.textItem.toPlainText()
    view.select(None)
    win.close()
    win = open_window(qtbot, "xor")
    win.network_view.select(("neuron", 2, 0))
    shown = [k for k, item in win.network_view.texts.edge.items() if item.isVisible()]
    assert {(2, 0, k) for k in range(4)} <= set(shown)
    win.close()


def test_toy_edge_labels_show_every_weight_and_update(qtbot):
    win = open_window(qtbot, "toy-40-80")
    trigger(win, "step_forward", 6)
    texts = [item.textItem.toPlainText() for item in win.network_view.texts.edge.values()
             if item.isVisible()]
    assert texts.count("0.5→0.452") == 3 and texts.count("1→0.928") == 3
    win.close()


# -- 4. a model file makes a custom network -----------------------------------------------------
def test_opened_model_is_a_custom_network_everywhere(qtbot, tmp_path, monkeypatch):
    from bpviz.core.modelfile import save_model
    from bpviz.core.network import Network
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "mse", seed=5)
    path = tmp_path / "model.json"
    save_model(net, path, {"training": {"preset": "xor", "learning_rate": 0.7}})
    win = open_window(qtbot, "xor")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    trigger(win, "open_model")
    combo = win.findChild(QComboBox, "preset")
    s = win.session
    assert combo.currentIndex() == -1 and combo.placeholderText() == "custom network"
    assert s.preset.name == "custom" and tuple(s.preset.sizes) == (2, 3, 1)
    assert s.eta == 0.7
    loaded = s.network.params.copy()
    s.set_weight(1, 0, 0, "3")
    trigger(win, "reset")
    assert np.array_equal(s.network.params, loaded)       # back to the file's weights
    trigger(win, "new_weights")                           # same shape, new values
    assert s.network.sizes == [2, 3, 1] and not np.allclose(s.network.params, loaded)
    assert s.network.activation_names == ["tanh", "sigmoid"]
    assert combo.currentIndex() == -1 and s.preset.name == "custom"
    combo.setCurrentText("xor")
    combo.activated.emit(combo.currentIndex())
    assert s.preset.name == "xor" and combo.currentText() == "xor"
    win.close()


# -- 5. the first-launch layout ---------------------------------------------------------------
@pytest.mark.parametrize("size", [(1500, 950), (1280, 800)])
def test_loss_curve_has_a_useful_height(qtbot, size):
    win = open_window(qtbot, "xor", size)
    qtbot.wait(100)
    loss = win.findChild(QDockWidget, "loss_dock")
    assert win.loss_panel.plot.height() >= (160 if size[0] >= 1500 else 140)
    assert loss.height() < size[1] * 0.3
    assert win.network_view.height() >= 300 and win.inspector.width() >= 340
    win.close()


def test_a_remembered_layout_never_squeezes_the_loss_curve(qtbot):
    win = open_window(qtbot, "xor", (1600, 1000))
    loss = win.findChild(QDockWidget, "loss_dock")
    win.resizeDocks([loss], [70], Qt.Vertical)          # the user squeezed it last time
    qtbot.wait(50)
    win.close()
    win = open_window(qtbot, "xor", (1500, 950))
    qtbot.wait(100)
    assert win.findChild(QDockWidget, "loss_dock").height() >= 160
    win.close()
