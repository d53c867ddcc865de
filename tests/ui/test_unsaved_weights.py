"""Nothing the user had is lost: every action that replaces trained weights no file holds —
File → Open model, New random weights, Reset (Step menu and the training toolbar's ⟲),
the Network tab's Build and data that rebuilds the network — asks Save / Discard / Cancel
first; Cancel leaves the weights and the controls as they were; untrained weights, or weights
a file holds, are replaced without a question.

Weights are trained here by the walk's Apply update (U): one SGD step on the sample, no
training thread."""

import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QPushButton, QToolButton

from bpviz.core.modelfile import load_model, save_model
from bpviz.core.network import Network

try:
    from .window_helpers import answer_questions, opened, trigger
except ImportError:
    from window_helpers import answer_questions, opened, trigger


@pytest.fixture
def win(qtbot):
    yield from opened(qtbot, "xor")


@pytest.fixture
def asked(monkeypatch):
    """QMessageBox.question answered from `asked.answers`; each question's title is kept."""
    return answer_questions(monkeypatch)


def files(monkeypatch, open_path=None, save_path=None):
    if open_path is not None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(open_path), "")))
    if save_path is not None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(save_path), "")))


def train(win) -> np.ndarray:
    """One applied update: the weights differ from the starting ones and no file holds them."""
    before = win.session.network.params.copy()
    trigger(win, "apply_update")
    after = win.session.network.params.copy()
    assert not np.array_equal(before, after)
    return after


def other_model(tmp_path):
    path = tmp_path / "other.json"
    save_model(Network.create([2, 3, 1], ["tanh", "sigmoid"], "mse", seed=5), path)
    return path


def test_open_model_asks_and_cancel_keeps_the_trained_network(win, asked, monkeypatch, tmp_path):
    files(monkeypatch, open_path=other_model(tmp_path))
    trained, network = train(win), win.session.network
    asked.answers = [QMessageBox.Cancel]
    trigger(win, "open_model")
    assert asked == ["Open other.json?"]
    assert win.session.network is network and np.array_equal(network.params, trained)
    asked.answers = [QMessageBox.Discard]
    trigger(win, "open_model")
    assert len(asked) == 2 and win.session.network.sizes == [2, 3, 1]


def test_new_random_weights_asks(win, asked):
    trained = train(win)
    asked.answers = [QMessageBox.Cancel]
    win.findChild(QToolButton, "new_weights").click()
    assert asked == ["Draw new random weights?"]
    assert np.array_equal(win.session.network.params, trained)
    asked.answers = [QMessageBox.Discard]
    trigger(win, "new_weights")
    assert len(asked) == 2 and not np.array_equal(win.session.network.params, trained)


def test_both_resets_ask(win, asked):
    start = win.session.network.params.copy()
    trained = train(win)
    asked.answers = [QMessageBox.Cancel, QMessageBox.Cancel]
    trigger(win, "reset")                                          # Step → Reset (Ctrl+R)
    win.findChild(QToolButton, "training_reset").click()           # the training toolbar's ⟲
    assert asked == ["Reset to the starting weights?", "Reset training?"]
    assert np.array_equal(win.session.network.params, trained)
    asked.answers = [QMessageBox.Discard]
    win.findChild(QToolButton, "training_reset").click()
    assert np.array_equal(win.session.network.params, start)


def test_build_asks_and_cancel_puts_the_fields_back(win, asked):
    trained = train(win)
    editor = win.architecture
    editor.rows[0][0].setValue(6)
    asked.answers = [QMessageBox.Cancel]
    win.findChild(QPushButton, "build_network").click()
    assert asked == ["Build a new network?"]
    assert win.session.network.sizes == [2, 4, 1]
    assert np.array_equal(win.session.network.params, trained)
    assert editor.rows[0][0].value() == 4                      # the network in use, again
    editor.rows[0][0].setValue(6)
    asked.answers = [QMessageBox.Discard]
    win.findChild(QPushButton, "build_network").click()
    assert win.session.network.sizes == [2, 6, 1]


def test_data_that_rebuilds_the_network_asks_and_cancel_puts_the_box_back(win, asked):
    trained = train(win)
    box = win.findChild(QComboBox, "data_problem")
    box.setCurrentText("not-gate")                         # 2 targets: a rebuild
    asked.answers = [QMessageBox.Cancel]
    win.findChild(QPushButton, "data_apply").click()
    assert asked == ["Rebuild the network?"]
    assert win.session.dataset.name == "xor" and box.currentText() == "xor"
    assert np.array_equal(win.session.network.params, trained)
    box.setCurrentText("not-gate")
    asked.answers = [QMessageBox.Discard]
    win.findChild(QPushButton, "data_apply").click()
    assert win.session.network.sizes == [2, 4, 2]


def test_data_that_fits_keeps_the_network_and_asks_nothing(win, asked):
    trained = train(win)
    win.findChild(QComboBox, "data_problem").setCurrentText("circle")
    win.findChild(QPushButton, "data_apply").click()
    assert asked == [] and win.session.dataset.name == "circle"
    assert np.array_equal(win.session.network.params, trained)


def test_save_answers_the_question_then_the_action_goes_on(win, asked, monkeypatch, tmp_path):
    files(monkeypatch, save_path=tmp_path / "kept.json")
    trained = train(win)
    asked.answers = [QMessageBox.Save]
    trigger(win, "new_weights")
    network, _ = load_model(tmp_path / "kept.json")
    assert np.array_equal(network.params, trained)                 # the file holds them
    assert not np.array_equal(win.session.network.params, trained)  # and new ones are drawn


def test_nothing_is_asked_when_nothing_would_be_lost(win, asked, monkeypatch, tmp_path):
    files(monkeypatch, open_path=other_model(tmp_path), save_path=tmp_path / "saved.json")
    trigger(win, "new_weights")                                    # untrained: replaced at once
    trigger(win, "reset")
    win.findChild(QToolButton, "training_reset").click()
    win.architecture.rows[0][0].setValue(5)
    win.findChild(QPushButton, "build_network").click()
    assert win.session.network.sizes == [2, 5, 1]
    trained = train(win)
    trigger(win, "save_model")                                     # a file holds them now
    trigger(win, "new_weights")
    assert not np.array_equal(win.session.network.params, trained)
    train(win)
    trigger(win, "save_model")
    trigger(win, "open_model")
    assert asked == [] and win.session.network.sizes == [2, 3, 1]


def test_a_run_from_the_bug_labs_equal_weights_asks(win, asked, qtbot):
    """symmetric-init makes the next run start from equal weights: that replaces them too."""
    from PySide6.QtWidgets import QCheckBox

    trained = train(win)
    win.findChild(QCheckBox, "bug_symmetric_init").setChecked(True)
    assert win.session.bugs == ("symmetric-init",)
    asked.answers = [QMessageBox.Cancel]
    win.findChild(QToolButton, "step_epoch").click()
    assert asked == ["Start from equal weights?"] and not win.training.running
    assert np.array_equal(win.session.network.params, trained)
    asked.answers = [QMessageBox.Discard]
    win.findChild(QToolButton, "step_epoch").click()
    qtbot.waitUntil(lambda: win.training.epoch == 1 and not win.training.running, timeout=40_000)
    assert len(asked) == 2
