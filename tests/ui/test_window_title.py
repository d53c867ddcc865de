"""The window title names what is open — the preset, or the model file the network was read
from or saved to — and carries Qt's modified mark ("[*]", shown as "*") while trained
weights no file holds would be lost."""

import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QPushButton

from bpviz.core.modelfile import save_model
from bpviz.core.network import Network

try:
    from .window_helpers import opened, trigger
except ImportError:
    from window_helpers import opened, trigger


@pytest.fixture
def win(qtbot):
    yield from opened(qtbot, "xor")


def shown(win) -> str:
    """The title as the window system shows it: "[*]" becomes "*" when modified, else goes."""
    return win.windowTitle().replace("[*]", "*" if win.isWindowModified() else "")


def test_the_title_names_the_preset_and_marks_unsaved_weights(win, monkeypatch, tmp_path):
    assert shown(win) == "bpviz — xor"
    before = win.session.network.params.copy()
    trigger(win, "apply_update")                         # one SGD step: trained, not saved
    assert not np.array_equal(win.session.network.params, before)
    assert shown(win) == "bpviz — xor*"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "trained.json"), "")))
    trigger(win, "save_model")
    assert shown(win) == "bpviz — trained.json"          # saved: what is open is that file
    trigger(win, "apply_update")
    assert shown(win) == "bpviz — trained.json*"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))
    combo = win.findChild(QComboBox, "preset")
    combo.setCurrentText("and")
    combo.activated.emit(combo.currentIndex())
    assert shown(win) == "bpviz — and"


def test_an_opened_file_and_a_built_network_are_named(win, monkeypatch, tmp_path, discard):
    path = tmp_path / "mine.json"
    save_model(Network.create([2, 3, 1], ["tanh", "sigmoid"], "mse", seed=5), path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    trigger(win, "open_model")
    assert shown(win) == "bpviz — mine.json"
    trigger(win, "apply_update")
    assert shown(win) == "bpviz — mine.json*"
    trigger(win, "reset")                                 # the weights in the file again
    assert shown(win) == "bpviz — mine.json"
    trigger(win, "new_weights")                           # no longer the file's network
    assert shown(win) == "bpviz — custom network"
    win.architecture.rows[0][0].setValue(5)
    win.findChild(QPushButton, "build_network").click()
    assert shown(win) == "bpviz — custom network"


def test_reset_after_saving_trained_weights_names_the_preset_again(win, monkeypatch, tmp_path, discard):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "trained.json"), "")))
    trigger(win, "save_model")                            # untrained weights saved
    trigger(win, "apply_update")
    trigger(win, "reset")                                 # the file holds these weights
    assert shown(win) == "bpviz — trained.json"
    trigger(win, "apply_update")
    trigger(win, "save_model")                            # trained weights saved
    assert shown(win) == "bpviz — trained.json"
    trigger(win, "reset")           # the starting weights are back; the file has others
    assert shown(win) == "bpviz — xor"
