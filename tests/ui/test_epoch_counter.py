"""The epoch counter says "epoch n of N" (N: the preset's epoch count) whichever button
trained — Play, Epoch +1 — and before training."""

import re

import pytest
from PySide6.QtWidgets import QLabel, QToolButton

try:
    from .window_helpers import opened
except ImportError:
    from window_helpers import opened

TIMEOUT = 40_000
NB = "\u00a0"                  # the thousands separator of counts


@pytest.fixture
def win(qtbot):
    yield from opened(qtbot, "xor")


def test_the_epoch_counter_says_of_n_after_play_and_after_epoch_plus_one(win, qtbot):
    label = win.findChild(QLabel, "epoch_label")
    controller = win.training
    assert label.text() == f"epoch 0 of 1{NB}000"
    win.findChild(QToolButton, "step_epoch").click()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    assert label.text() == f"epoch 1 of 1{NB}000"
    win.findChild(QToolButton, "play").click()
    qtbot.waitUntil(lambda: controller.epoch >= 3, timeout=TIMEOUT)
    win.findChild(QToolButton, "pause").click()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    played = controller.epoch
    assert label.text() == f"epoch {played} of 1{NB}000"
    win.findChild(QToolButton, "step_epoch").click()
    qtbot.waitUntil(lambda: controller.state == "paused" and controller.epoch == played + 1,
                    timeout=TIMEOUT)
    assert re.fullmatch(rf"epoch {played + 1} of 1{NB}000", label.text())


@pytest.mark.parametrize("action", ["reset", "new_weights"])
def test_new_starting_weights_start_the_count_and_the_curves_again(win, qtbot, discard, action):
    from PySide6.QtGui import QAction

    label = win.findChild(QLabel, "epoch_label")
    controller = win.training
    for _ in range(2):
        win.findChild(QToolButton, "step_epoch").click()
        qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    plot = win.docks.loss_plot
    assert controller.epoch == 2 and plot.train.n == 2
    win.findChild(QAction, action).trigger()              # Ctrl+R or Ctrl+N, then Discard
    assert discard and label.text() == f"epoch 0 of 1{NB}000" and controller.epoch == 0
    assert plot.train.n == 0                              # the old run's curve is gone
    win.findChild(QToolButton, "step_epoch").click()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    assert label.text() == f"epoch 1 of 1{NB}000"
