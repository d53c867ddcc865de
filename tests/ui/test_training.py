"""Interactive training in the real main window: play, pause, step, stop, reset, divergence
and closing the window while the worker runs (pytest-qt, offscreen)."""

import time

import numpy as np
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from bpviz.app import create_main_window
from bpviz.ui.training import worker

TIMEOUT = 20_000      # ms: generous, the machine may be busy


@pytest.fixture
def window(qtbot):
    w = create_main_window("xor")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    return w


def button(window, name) -> QAbstractButton:
    found = window.findChild(QAbstractButton, name)
    assert found is not None, f"no button {name!r}"
    return found


def label(window, name) -> QLabel:
    found = window.findChild(QLabel, name)
    assert found is not None, f"no label {name!r}"
    return found


def test_play_reaches_100_percent_then_pause_shares_the_weights(window, qtbot):
    play, pause = button(window, "play"), button(window, "pause")
    assert window.findChild(object, "loss_plot") is not None
    play.click()
    assert window.session.busy
    qtbot.waitUntil(lambda: "100.0 %" in label(window, "accuracy_label").text(), timeout=TIMEOUT)
    pause.click()
    assert not window.session.busy
    assert not worker.live_threads()
    trainer = window.training.trainer
    # the view's network (the Session's) holds exactly the worker's weights
    assert np.array_equal(window.session.network.params, trainer.network.params)
    epoch = int(label(window, "epoch_label").text().split()[1])
    assert epoch == trainer.epoch > 0
    assert window.loss_panel.train.n == trainer.epoch
    assert "100.0 %" in label(window, "accuracy_label").text()


def test_edits_made_while_paused_are_used_on_resume(window, qtbot):
    controller = window.training
    assert controller.step_epoch()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    assert controller.epoch == 1
    window.session.set_weight(1, 0, 0, "0.25")              # a user edit while paused
    trainer_net = controller.trainer.network
    expected = window.session.network.copy()                # one full-batch SGD step by hand
    data = window.session.dataset
    grad = np.zeros_like(expected.params)
    expected.loss_and_gradient(data.x, data.y, grad)
    expected.params -= window.session.eta * grad
    button(window, "step_epoch").click()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=TIMEOUT)
    assert controller.epoch == 2
    # one SGD step from the edited weights, not from the worker's stale copy
    assert np.array_equal(window.session.network.params, trainer_net.params)
    assert np.allclose(window.session.network.params, expected.params, rtol=1e-12, atol=1e-15)


def test_play_pause_stop_reset_200_times(window, qtbot, discard):
    names = ["play", "pause", "play", "stop", "play", "training_reset"]
    for i in range(200):
        button(window, names[i % len(names)]).click()
        if i % 7 == 0:
            qtbot.wait(1)
    button(window, "pause").click()
    window.training.pause()
    assert not worker.live_threads()
    assert not window.session.busy
    assert np.all(np.isfinite(window.session.network.params))


def test_closing_the_window_while_training(qtbot, capfd):
    w = create_main_window("xor")
    w.show()
    button(w, "play").click()
    qtbot.waitUntil(lambda: w.training.frames > 3, timeout=TIMEOUT)
    assert worker.live_threads()
    w.close()
    assert not worker.live_threads()
    w.deleteLater()
    qtbot.wait(50)
    out, err = capfd.readouterr()
    assert "QThread" not in err and "Traceback" not in err, err


def test_eta_1000_diverges_with_a_message_and_finite_weights(window, qtbot, discard):
    window.session.set_eta("1000")
    button(window, "play").click()
    qtbot.waitUntil(lambda: window.training.state == "paused", timeout=TIMEOUT)
    message = label(window, "training_message").text()
    assert "diverged" in message and "epoch" in message and "smaller learning rate" in message
    assert "diverged" in window.statusBar().currentMessage()
    assert np.all(np.isfinite(window.session.network.params))
    assert window.loss_panel.marker.isVisible()
    assert not window.session.busy
    # the last finite weights of η = 1000 are huge: reset, then a smaller η trains
    button(window, "training_reset").click()
    window.session.set_eta("0.1")
    button(window, "play").click()
    qtbot.waitUntil(lambda: window.training.epoch > 100, timeout=TIMEOUT)
    button(window, "pause").click()
    assert np.all(np.isfinite(window.session.network.params))


def test_speed_limit_and_changes_while_running(window, qtbot):
    panel, controller = window.training_panel, window.training
    panel.speed.setValue(3)
    assert controller.epochs_per_second == 10
    start = time.perf_counter()
    button(window, "play").click()
    qtbot.waitUntil(lambda: controller.epoch >= 3, timeout=TIMEOUT)
    panel.batch.edit.setText("2")
    panel.batch.edit.editingFinished.emit()
    panel.optimizer.setCurrentText("momentum")
    window.session.set_eta("0.05")
    changed_at = controller.epoch
    qtbot.waitUntil(lambda: controller.epoch >= changed_at + 2, timeout=TIMEOUT)
    button(window, "pause").click()
    elapsed = time.perf_counter() - start
    trainer = controller.trainer
    # never faster than 10 epochs a second (a busy machine can only make it slower)
    assert trainer.epoch <= 10 * elapsed + 2, (trainer.epoch, elapsed)
    assert trainer.batch_size == 2 and trainer.optimizer.name == "momentum"
    assert trainer.eta == 0.05


def test_stop_keeps_weights_and_reset_restores_them(window, qtbot, discard):
    start = window.session.network.params.copy()
    button(window, "play").click()
    qtbot.waitUntil(lambda: window.training.epoch > 50, timeout=TIMEOUT)
    button(window, "stop").click()
    trained = window.session.network.params.copy()
    assert not np.array_equal(trained, start)
    assert window.training.state == "idle"
    button(window, "training_reset").click()
    assert np.array_equal(window.session.network.params, start)
    assert window.loss_panel.train.n == 0
    assert discard == ["Reset training?"]                 # the trained weights were not saved
    assert label(window, "epoch_label").text() == "epoch 0 of 1\u00a0000"


def test_destroying_the_window_without_closing_it(qtbot, capfd):
    w = create_main_window("xor")
    w.show()
    button(w, "play").click()
    qtbot.waitUntil(lambda: w.training.frames > 1, timeout=TIMEOUT)
    w.deleteLater()
    qtbot.waitUntil(lambda: not worker.live_threads(), timeout=5000)
    qtbot.wait(50)
    out, err = capfd.readouterr()
    assert "Traceback" not in err and "QThread" not in err, err


def test_eta_changes_while_running_through_the_one_eta_field(window, qtbot):
    assert len(window.findChildren(QLineEdit, "learning_rate")) == 1
    field = window.findChild(QLineEdit, "learning_rate")
    button(window, "play").click()
    field.setText("0")
    field.editingFinished.emit()
    assert "must be > 0" in window.findChild(QLabel, "learning_rate_error").text()
    assert window.session.eta == 0.2
    field.setText("0.05")
    field.editingFinished.emit()
    button(window, "pause").click()          # at once: the worker still gets the change
    assert window.training.trainer.eta == 0.05


def test_at_most_about_30_snapshots_a_second(window, qtbot):
    controller = window.training
    frames = controller.frames
    start = time.perf_counter()
    button(window, "play").click()
    qtbot.waitUntil(lambda: controller.frames - frames >= 3, timeout=TIMEOUT)
    qtbot.wait(1000)                     # XOR trains thousands of epochs a second meanwhile
    button(window, "pause").click()
    elapsed = time.perf_counter() - start
    sent = controller.frames - frames
    # one snapshot at the start, at most one per SNAPSHOT_INTERVAL, and the final one
    assert 3 <= sent <= elapsed / worker.SNAPSHOT_INTERVAL + 2, (sent, elapsed)
