"""A pause stops training at once, inside an epoch as often as not: every label beside a number
computed from those weights says where they are ("epoch 12 of 30 + 76 of 400 steps", "during
epoch 13 (76 of 400 steps)"), and every number said to be epoch N's is that of the weights at
the end of epoch N, as `bpviz train --epochs N --seed 0` computes it.

(A teacher had paused MNIST at "epoch 12 of 30": the toolbar showed test 93.2 % and the
confusion matrix "accuracy 93.2 % · after epoch 12", while Keep run and the command line gave
92.9 % for 12 epochs — the weights were 40 % into epoch 13.)"""

import json
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QSlider, QToolButton

from bpviz.core.notation import percent

try:
    from .window_helpers import opened
except ImportError:
    from window_helpers import opened

TIMEOUT = 120_000


def cli_train(preset: str, epochs: int) -> dict:
    """`bpviz train --preset P --epochs N --seed 0 --json`, as a user runs it."""
    out = subprocess.run([sys.executable, "-m", "bpviz", "train", "--preset", preset, "--epochs",
                          str(epochs), "--seed", "0", "--json"],
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def accuracy_of(net, x, y) -> float:
    """The share of samples whose largest output is the target's class, computed here."""
    a = np.asarray(x, dtype=float)
    for w, b, sigma in zip(net.weights, net.biases or [None] * net.L, net.sigmas):
        a = sigma(a @ w.T + (0 if b is None else b))
    return float(np.mean(a.argmax(axis=1) == np.asarray(y).argmax(axis=1)))


def text(win, name: str) -> str:
    return win.findChild(QLabel, name).text()


@pytest.fixture
def mnist(qtbot):
    yield from opened(qtbot, "mnist", (1366, 768))


def test_a_pause_inside_epoch_13_says_so_and_epoch_12s_numbers_are_the_command_lines(mnist, qtbot):
    win, controller = mnist, mnist.training
    win.digits.confusion_dock.raise_()
    for _ in range(3):                                   # "play from epoch 3"
        win.findChild(QToolButton, "step_epoch").click()
        qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    win.findChild(QToolButton, "play").click()
    qtbot.waitUntil(lambda: controller.epoch >= 5, timeout=TIMEOUT)
    win.findChild(QPushButton, "mnist_next_misclassified").click()
    trainer = controller.trainer
    qtbot.waitUntil(lambda: trainer.epoch == 12 and trainer.step - 12 * 400 >= 40, timeout=TIMEOUT)
    win.findChild(QToolButton, "pause").click()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    qtbot.wait(20)
    into = trainer.step - 12 * 400           # 4 000 training digits, batches of 10: 400 steps
    assert trainer.epoch == 12 and 0 < into < 400, "the pause was meant to fall inside epoch 13"

    # the labels say where the weights are, and their numbers are of those weights
    net, data = win.session.network, win.session.dataset
    assert np.array_equal(net.params, trainer.network.params)
    train_now, test_now = accuracy_of(net, data.x, data.y), accuracy_of(net, data.x_test, data.y_test)
    assert text(win, "epoch_label") == f"epoch 12 of 30 + {into} of 400 steps"
    assert text(win, "accuracy_label") == f"train {percent(train_now)}"
    assert text(win, "test_accuracy_label") == f"test {percent(test_now)}"
    status = text(win, "confusion_status")
    assert status.endswith(f"accuracy {percent(test_now)} · during epoch 13 ({into} of 400 steps)")
    assert "after epoch 12" not in status
    assert "during epoch 13" in win.statusBar().currentMessage()

    # what is said to be epoch 12's is the command line's 12 epochs
    twelve = cli_train("mnist", 12)
    plot = win.docks.loss_plot
    assert plot.test_acc.x[-1] == 12 and plot.test_acc.y[-1] == pytest.approx(twelve["test_accuracy"])
    assert plot.acc.x[-1] == 12 and plot.acc.y[-1] == pytest.approx(twelve["train_accuracy"])
    win.findChild(QPushButton, "loss_keep").click()
    assert plot.readout.text().endswith(f"12 epochs, test {percent(twelve['test_accuracy'])}")

    # Epoch +1 completes epoch 13: every label is epoch 13's, as the command line's 13 epochs
    win.findChild(QToolButton, "step_epoch").click()
    qtbot.waitUntil(lambda: controller.state == "paused" and controller.epoch == 13, timeout=TIMEOUT)
    qtbot.wait(20)
    thirteen = cli_train("mnist", 13)
    assert trainer.step == 13 * 400
    assert text(win, "epoch_label") == "epoch 13 of 30"
    assert text(win, "accuracy_label") == f"train {percent(thirteen['train_accuracy'])}"
    assert text(win, "test_accuracy_label") == f"test {percent(thirteen['test_accuracy'])}"
    assert text(win, "confusion_status").endswith(
        f"accuracy {percent(thirteen['test_accuracy'])} · after epoch 13")


@pytest.fixture
def circle(qtbot):
    yield from opened(qtbot, "circle")


def test_accuracy_plotted_at_epoch_n_is_that_of_epoch_ns_weights_on_short_epochs(circle, qtbot):
    """circle: 160 samples in batches of 10, 16 steps an epoch. At full speed a snapshot falls a
    few steps into an epoch; its accuracy had been plotted (and kept, and shown beside "epoch N")
    as epoch N's."""
    from bpviz.core.presets import get_preset
    from bpviz.training.trainer import Trainer

    win = circle
    controller = win.training
    speed = win.findChild(QSlider, "speed")
    speed.setValue(speed.maximum())                 # as fast as possible
    win.findChild(QToolButton, "play").click()
    qtbot.waitUntil(lambda: controller.epoch >= 60, timeout=TIMEOUT)
    win.findChild(QToolButton, "pause").click()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    plot = win.docks.loss_plot
    points = dict(zip(plot.acc.x.astype(int).tolist(), plot.acc.y.tolist()))
    assert len(points) >= 3

    # the same run, epoch by epoch, headless: each epoch's accuracy at its end
    preset, session = get_preset("circle"), win.session
    data = session.dataset
    trainer = Trainer(preset.network(), data.x, data.y, eta=session.eta,
                      batch_size=session.batch_size, seed=session.seed)
    assert np.array_equal(trainer.network.params, session.initial_params)
    expected = {0: accuracy_of_binary(trainer.network, data.x, data.y)}
    for epoch in range(1, max(points) + 1):
        trainer.run(1)
        expected[epoch] = accuracy_of_binary(trainer.network, data.x, data.y)
    wrong = {e: (a, expected[e]) for e, a in points.items() if a != pytest.approx(expected[e])}
    assert not wrong, f"epoch: (plotted, at the epoch's end): {wrong}"


def accuracy_of_binary(net, x, y) -> float:
    """One sigmoid output: right where it is on the target's side of 0.5."""
    a = np.asarray(x, dtype=float)
    for w, b, sigma in zip(net.weights, net.biases or [None] * net.L, net.sigmas):
        a = sigma(a @ w.T + (0 if b is None else b))
    return float(np.mean((a >= 0.5) == (np.asarray(y) >= 0.5)))
