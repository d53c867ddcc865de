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
