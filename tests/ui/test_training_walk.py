"""The walk while training: each snapshot shows the current sample's forward pass and loss
(live z and a on the neurons); pausing returns the walk to its start on the trained weights."""

import numpy as np
from PySide6.QtWidgets import QAbstractButton

try:
    from .explorer_helpers import inspector_text
except ImportError:
    from explorer_helpers import inspector_text

from bpviz.app import create_main_window

TIMEOUT = 20_000


def test_snapshots_show_the_forward_pass_and_pause_keeps_it_on_the_trained_weights(qtbot):
    window = create_main_window("xor")
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAbstractButton, "play").click()
    qtbot.waitUntil(lambda: window.training.epoch > 20 and window.walk.step.phase == "loss",
                    timeout=TIMEOUT)
    step = window.walk.step
    net = window.session.network
    # the loss record holds the forward pass of the current sample through the weights the
    # walk started from: check it against the core's one-shot forward pass of those weights
    x = step.walk.x
    z = x @ step.walk.weights[0].T + step.walk.biases[0]
    np.testing.assert_allclose(step.z[0], z, rtol=1e-12)
    np.testing.assert_allclose(step.a[1], np.tanh(z), rtol=1e-12)
    assert "Loss C" in inspector_text(window)
    window.findChild(QAbstractButton, "pause").click()
    qtbot.waitUntil(lambda: not window.training.running, timeout=TIMEOUT)
    # the walk stays at the loss (every z and a still on screen), now on the trained weights
    qtbot.waitUntil(lambda: np.array_equal(window.walk.step.walk.weights[0], net.weights[0]),
                    timeout=TIMEOUT)
    step = window.walk.step
    assert step.phase == "loss" and all(a is not None for a in step.a)
    z = step.walk.x @ net.weights[0].T + net.biases[0]
    np.testing.assert_allclose(step.z[0], z, rtol=1e-12)
    window.close()
