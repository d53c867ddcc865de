"""Nothing the user had is lost: every action that replaces trained weights no file holds —
File → Open model, New random weights, Reset (Step menu and the training toolbar's ⟲),
the Network tab's Build and data that rebuilds the network — asks Save / Discard / Cancel
first; Cancel leaves the weights and the controls as they were; untrained weights, or weights
a file holds, are replaced without a question.

Weights are trained here by the walk's Apply update (U): one SGD step on the sample, no
training thread."""

import numpy as np
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QPushButton, QToolButton

from bpviz.core.modelfile import load_model, save_model
from bpviz.core.network import Network

try:
    from .window_helpers import asked_fixture, trigger, xor_win_fixture  # noqa: F401
except ImportError:
    from window_helpers import asked_fixture, trigger, xor_win_fixture  # noqa: F401


def files(monkeypatch, open_path=None, save_path=None):
    if open_path is not None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(open_path), "")))
    if save_path is not None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(save_path), "")))


def train(xor_win) -> np.ndarray:
    """One applied update: the weights differ from the starting ones and no file holds them."""
    before = xor_win.session.network.params.copy()
    trigger(xor_win, "apply_update")
    after = xor_win.session.network.params.copy()
    assert not np.array_equal(before, after)
    return after


def other_model(tmp_path):
    path = tmp_path / "other.json"
    save_model(Network.create([2, 3, 1], ["tanh", "sigmoid"], "mse", seed=5), path)
    return path


def test_open_model_asks_and_cancel_keeps_the_trained_network(xor_win, asked, monkeypatch, tmp_path):
    files(monkeypatch, open_path=other_model(tmp_path))
    trained, network = train(xor_win), xor_win.session.network
    asked.answers = [QMessageBox.Cancel]
    trigger(xor_win, "open_model")
    assert asked == ["Open other.json?"]
    assert xor_win.session.network is network and np.array_equal(network.params, trained)
    asked.answers = [QMessageBox.Discard]
    trigger(xor_win, "open_model")
    assert len(asked) == 2 and xor_win.session.network.sizes == [2, 3, 1]


def test_new_random_weights_asks(xor_win, asked):
    trained = train(xor_win)
    asked.answers = [QMessageBox.Cancel]
    xor_win.findChild(QToolButton, "new_weights").click()
    assert asked == ["Draw new random weights?"]
    assert np.array_equal(xor_win.session.network.params, trained)
    asked.answers = [QMessageBox.Discard]
    trigger(xor_win, "new_weights")
    assert len(asked) == 2 and not np.array_equal(xor_win.session.network.params, trained)


def test_both_resets_ask(xor_win, asked):
    start = xor_win.session.network.params.copy()
    trained = train(xor_win)
    asked.answers = [QMessageBox.Cancel, QMessageBox.Cancel]
    trigger(xor_win, "reset")                                          # Step → Reset (Ctrl+R)
    xor_win.findChild(QToolButton, "training_reset").click()           # the training toolbar's ⟲
    assert asked == ["Reset to the starting weights?", "Reset training?"]
    assert np.array_equal(xor_win.session.network.params, trained)
    asked.answers = [QMessageBox.Discard]
    xor_win.findChild(QToolButton, "training_reset").click()
    assert np.array_equal(xor_win.session.network.params, start)


def test_build_asks_and_cancel_puts_the_fields_back(xor_win, asked):
    trained = train(xor_win)
    editor = xor_win.architecture
    editor.rows[0][0].setValue(6)
    asked.answers = [QMessageBox.Cancel]
    xor_win.findChild(QPushButton, "build_network").click()
    assert asked == ["Build a new network?"]
    assert xor_win.session.network.sizes == [2, 4, 1]
    assert np.array_equal(xor_win.session.network.params, trained)
    assert editor.rows[0][0].value() == 4                      # the network in use, again
    editor.rows[0][0].setValue(6)
    asked.answers = [QMessageBox.Discard]
    xor_win.findChild(QPushButton, "build_network").click()
    assert xor_win.session.network.sizes == [2, 6, 1]


def test_data_that_rebuilds_the_network_asks_and_cancel_puts_the_box_back(xor_win, asked):
    trained = train(xor_win)
    box = xor_win.findChild(QComboBox, "data_problem")
    box.setCurrentText("not-gate")                         # 2 targets: a rebuild
    asked.answers = [QMessageBox.Cancel]
    xor_win.findChild(QPushButton, "data_apply").click()
    assert asked == ["Rebuild the network?"]
    assert xor_win.session.dataset.name == "xor" and box.currentText() == "xor"
    assert np.array_equal(xor_win.session.network.params, trained)
    box.setCurrentText("not-gate")
    asked.answers = [QMessageBox.Discard]
    xor_win.findChild(QPushButton, "data_apply").click()
    assert xor_win.session.network.sizes == [2, 4, 2]


def test_data_that_fits_keeps_the_network_and_asks_nothing(xor_win, asked):
    trained = train(xor_win)
    xor_win.findChild(QComboBox, "data_problem").setCurrentText("circle")
    xor_win.findChild(QPushButton, "data_apply").click()
    assert asked == [] and xor_win.session.dataset.name == "circle"
    assert np.array_equal(xor_win.session.network.params, trained)


def test_save_answers_the_question_then_the_action_goes_on(xor_win, asked, monkeypatch, tmp_path):
    files(monkeypatch, save_path=tmp_path / "kept.json")
    trained = train(xor_win)
    asked.answers = [QMessageBox.Save]
    trigger(xor_win, "new_weights")
    network, _ = load_model(tmp_path / "kept.json")
    assert np.array_equal(network.params, trained)                 # the file holds them
    assert not np.array_equal(xor_win.session.network.params, trained)  # and new ones are drawn


def test_nothing_is_asked_when_nothing_would_be_lost(xor_win, asked, monkeypatch, tmp_path):
    files(monkeypatch, open_path=other_model(tmp_path), save_path=tmp_path / "saved.json")
    trigger(xor_win, "new_weights")                                    # untrained: replaced at once
    trigger(xor_win, "reset")
    xor_win.findChild(QToolButton, "training_reset").click()
    xor_win.architecture.rows[0][0].setValue(5)
    xor_win.findChild(QPushButton, "build_network").click()
    assert xor_win.session.network.sizes == [2, 5, 1]
    trained = train(xor_win)
    trigger(xor_win, "save_model")                                     # a file holds them now
    trigger(xor_win, "new_weights")
    assert not np.array_equal(xor_win.session.network.params, trained)
    train(xor_win)
    trigger(xor_win, "save_model")
    trigger(xor_win, "open_model")
    assert asked == [] and xor_win.session.network.sizes == [2, 3, 1]


def test_a_run_from_the_bug_labs_equal_weights_asks(xor_win, asked, qtbot):
    """symmetric-init makes the next run start from equal weights: that replaces them too."""
    from PySide6.QtWidgets import QCheckBox

    trained = train(xor_win)
    xor_win.findChild(QCheckBox, "bug_symmetric_init").setChecked(True)
    assert xor_win.session.bugs == ("symmetric-init",)
    asked.answers = [QMessageBox.Cancel]
    xor_win.findChild(QToolButton, "step_epoch").click()
    assert asked == ["Start from equal weights?"] and not xor_win.training.running
    assert np.array_equal(xor_win.session.network.params, trained)
    asked.answers = [QMessageBox.Discard]
    xor_win.findChild(QToolButton, "step_epoch").click()
    qtbot.waitUntil(lambda: xor_win.training.epoch == 1 and not xor_win.training.running, timeout=40_000)
    assert len(asked) == 2
