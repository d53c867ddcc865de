"""The bug lab's mistakes in the explorer's walk and in Play, and the walk of the whole batch
with each sample's gradient, driven through the real window."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QComboBox, QLabel, QTableWidget

from bpviz.core.bug_backprop import BuggyNetwork
from bpviz.training.trainer import Trainer

try:
    from .explorer_helpers import widget
    from .window_helpers import open_window, trigger
except ImportError:
    from explorer_helpers import widget
    from window_helpers import open_window, trigger

TIMEOUT = 60_000


def test_sigma_prime_of_a_is_marked_at_delta_1_with_both_numbers(qtbot):
    win = open_window(qtbot, "xor")
    box = widget(win, "bug_sigma_prime_of_a", QCheckBox)
    win.bug_lab_dock.raise_()
    box.click()
    assert win.session.bugs == ("sigma-prime-of-a",)
    assert "mistakes on: sigma-prime-of-a" in widget(win, "status_step", QLabel).text()
    net = win.session.network
    trigger(win, "step_forward", net.L + 3)      # input, forward ×2, loss, δ², δ¹
    assert win.walk.step.layer == 1 and win.walk.step.phase == "backward"
    marks = widget(win, "bug_marks", QLabel)
    assert marks.isVisible()
    text = marks.text()
    x = win.session.dataset.x[win.session.sample]
    z1 = net.weights[0] @ x + net.biases[0]
    a1 = np.tanh(z1)
    wrong, right = 1 - np.tanh(a1) ** 2, 1 - np.tanh(z1) ** 2
    assert "σ′(a¹)" in text and "σ′(z¹)" in text
    part_a, part_z = text.split("σ′(z¹)")[0], text.split("σ′(z¹)")[1]
    assert all(f"{v:.7g}" in part_a for v in wrong)
    assert all(f"{v:.7g}" in part_z.split("\n")[0] for v in right)
    assert not np.allclose(wrong, right)
    header = win.inspector.tables[0].as_text()
    assert "σ′(a¹) (4×1): the mistake" in header
    box.click()                                   # off again: no marks
    assert win.session.bugs == () and not marks.isVisible()
    win.close()


def test_seed_003_play_trains_with_its_mistakes(qtbot):
    win = open_window(qtbot, "seed-003")
    session = win.session
    assert session.bugs == ("sigma-prime-of-a", "mean-over-features")
    start = session.network.copy()
    play, pause = widget(win, "play", QAbstractButton), widget(win, "pause", QAbstractButton)
    play.click()
    qtbot.waitUntil(lambda: win.training.epoch > 300, timeout=TIMEOUT)
    pause.click()
    epochs = win.training.epoch
    shown = np.asarray(win.loss_panel.train.y)
    data = session.dataset
    buggy = Trainer(BuggyNetwork(start, session.bugs), data.x, data.y, eta=session.eta,
                    batch_size=len(data.x), optimizer=session.optimizer, seed=session.seed)
    expected = np.asarray(buggy.run(epochs).loss)
    correct = Trainer(start.copy(), data.x, data.y, eta=session.eta, batch_size=len(data.x),
                      optimizer=session.optimizer, seed=session.seed)
    right = np.asarray(correct.run(epochs).loss)
    assert len(shown) == epochs
    np.testing.assert_allclose(shown, expected, rtol=1e-12, atol=0)
    assert not np.allclose(shown, right)
    assert np.array_equal(session.network.params, win.training.trainer.network.params)
    win.close()


def test_walking_xors_whole_batch_shows_each_samples_gradient_and_their_mean(qtbot):
    win = open_window(qtbot, "xor")
    win.findChild(QAction, "walk_batch").setChecked(True)
    net = win.session.network
    table = widget(win, "per_sample_table", QTableWidget)
    trigger(win, "step_forward", net.L + 2)                      # δ² and ∂C/∂W², the output
    out = np.array([[table.item(r, c).data(Qt.UserRole) for c in range(1, table.columnCount())]
                    for r in range(4)])
    # at the start the four corners pull the output weights in different directions
    assert np.any((out > 1e-9).any(axis=0) & (out < -1e-9).any(axis=0))
    trigger(win, "step_forward")                                 # δ¹ and ∂C/∂W¹
    assert table.isVisible() and table.rowCount() == 5       # four corners and the mean
    data = win.session.dataset
    x, y = data.x, data.y
    g = np.zeros_like(net.params)
    net.loss_and_gradient(x, y, g)
    grad_w1 = g[:net.weights[0].size].reshape(net.weights[0].shape)   # the batch ∂C/∂W¹
    n = net.sizes[1]

    def row(r):
        return np.array([table.item(r, c).data(Qt.UserRole) for c in range(n, table.columnCount())])

    samples = np.array([row(r) for r in range(4)])
    mean = row(4)
    np.testing.assert_allclose(samples.mean(axis=0), mean, rtol=0, atol=1e-12)
    np.testing.assert_allclose(mean, grad_w1.ravel(), rtol=0, atol=1e-12)
    text = widget(win, "per_sample_equation", QLabel).text()
    assert "(1/m) Σₓ" in text and "(1/4)(" in text
    chooser = widget(win, "gradient_sample", QComboBox)
    chooser.setCurrentIndex(2 + 3)                                # sample 4's ∂Cₓ/∂w
    assert win.findChild(QAction, "edges_gradient").isChecked()
    np.testing.assert_allclose(win.network_view.step.grad_w[0].ravel(), samples[3], atol=1e-12)
    win.close()
