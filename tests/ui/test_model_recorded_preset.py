"""A model file whose training.preset the command line refuses (a 2-4-1 network recording
mnist, or a name that is no preset): File → Open model opens the network as any other and says
the command line's line in a dialog (it had opened without a word), and Save model does not
write that preset back (the command line would refuse the saved file too)."""

import json

import pytest
from PySide6.QtWidgets import QFileDialog

from bpviz.core.modelfile import save_model
from bpviz.core.network import Network

try:
    from .window_helpers import open_window, record_warnings, trigger
except ImportError:
    from window_helpers import open_window, record_warnings, trigger


@pytest.fixture
def shown(monkeypatch):
    return record_warnings(monkeypatch)


def model_file(path, preset, sizes=(2, 4, 1), **training):
    net = Network.create(list(sizes), ["tanh", "linear"], "mse", seed=1)
    save_model(net, path, {"training": {"preset": preset, "learning_rate": 0.5, **training}})
    return path


def choose(monkeypatch, path):
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: (str(path), "")))


def test_a_2_4_1_file_recording_mnist_opens_on_the_data_in_use_and_says_why(
        qtbot, monkeypatch, tmp_path, shown):
    path = model_file(tmp_path / "m241.json", "mnist")
    win = open_window(qtbot, "xor")
    data = win.session.dataset
    choose(monkeypatch, path)
    trigger(win, "open_model")
    assert win.session.network.sizes == [2, 4, 1] and win.session.dataset is data
    assert shown == ["m241.json: a 2-4-1 network does not fit the data of preset 'mnist' (784 "
                     "inputs, 10 outputs), which training.preset names; the network is open on "
                     "the data in use instead"]
    out = tmp_path / "saved.json"
    choose(monkeypatch, out)
    trigger(win, "save_model")
    training = json.loads(out.read_text())["training"]
    assert "preset" not in training and training["learning_rate"] == 0.5
    win.close()


def test_on_data_that_does_not_fit_it_opens_on_the_files_own_sample(
        qtbot, monkeypatch, tmp_path, shown):
    path = model_file(tmp_path / "nope.json", "nope", input=[0.25, 0.75], target=[1.0])
    win = open_window(qtbot, "not-gate")                   # 2 outputs: the file's 1 does not fit
    choose(monkeypatch, path)
    trigger(win, "open_model")
    assert win.session.dataset.x.tolist() == [[0.25, 0.75]]
    assert len(shown) == 1 and shown[0].startswith("nope.json: training.preset: unknown preset")
    assert shown[0].endswith("the network is open on the file's own sample instead")
    win.close()


def test_a_file_recording_a_preset_that_fits_opens_without_a_word_and_keeps_it(
        qtbot, monkeypatch, tmp_path, shown):
    path = model_file(tmp_path / "x.json", "xor")
    win = open_window(qtbot, "xor")
    choose(monkeypatch, path)
    trigger(win, "open_model")
    assert shown == [] and win.session.network.sizes == [2, 4, 1]
    out = tmp_path / "saved.json"
    choose(monkeypatch, out)
    trigger(win, "save_model")
    assert json.loads(out.read_text())["training"]["preset"] == "xor"
    win.close()


def test_a_digit_network_recording_mnist_opens_on_mnists_digits(qtbot, monkeypatch, tmp_path, shown):
    """An MNIST model saved by `train --preset mnist --save` had opened, in a window on the
    toy example, on a single sample of zeros: the data in use does not fit a 784-input
    network, and the file holds no sample. It opens on the data its preset names."""
    from bpviz.core.presets import get_preset

    path = tmp_path / "digits.json"
    net = Network.create([784, 30, 10], "sigmoid", "mse", seed=1)
    save_model(net, path, {"training": {"preset": "mnist", "learning_rate": 3.0}})
    win = open_window(qtbot, "toy-40-80")
    choose(monkeypatch, path)
    trigger(win, "open_model")
    data, preset = win.session.dataset, get_preset("mnist")
    assert shown == [] and win.session.network.sizes == [784, 30, 10]
    assert len(data) == len(preset.dataset()) and data.n_inputs == 784
    assert win.session.sample == preset.sample
    assert win.walk.step.walk.x.tolist() == data.x[preset.sample].tolist()
    win.close()


def test_a_recorded_preset_whose_sample_is_not_the_first_starts_on_its_sample(
        qtbot, monkeypatch, tmp_path, shown):
    # the data in use (not-gate: 2 outputs) does not fit a 2-2-1 network recording "and",
    # whose walk starts on its fourth sample
    path = model_file(tmp_path / "and.json", "and", sizes=(2, 2, 1))
    win = open_window(qtbot, "not-gate")
    choose(monkeypatch, path)
    trigger(win, "open_model")
    assert shown == [] and win.session.dataset.name == "and" and win.session.sample == 3
    win.close()


def test_data_the_user_chose_that_fits_stays(qtbot, monkeypatch, tmp_path, shown):
    path = model_file(tmp_path / "and.json", "and", sizes=(2, 2, 1))
    win = open_window(qtbot, "circle")
    circle = win.session.dataset
    choose(monkeypatch, path)
    trigger(win, "open_model")
    assert shown == [] and win.session.dataset is circle
    win.close()


def test_a_recorded_presets_data_that_cannot_be_read_is_said(qtbot, monkeypatch, tmp_path, shown):
    from bpviz.core import presets
    from bpviz.core.errors import BpvizError

    readable = presets.Preset.dataset

    def unreadable(self):
        if self.name == "mnist":
            raise BpvizError("mnist_subset.npz: not a zip file")
        return readable(self)

    monkeypatch.setattr(presets.Preset, "dataset", unreadable)
    path = tmp_path / "digits.json"
    save_model(Network.create([784, 30, 10], "sigmoid", "mse", seed=1), path,
               {"training": {"preset": "mnist"}})
    win = open_window(qtbot, "toy-40-80")
    choose(monkeypatch, path)
    trigger(win, "open_model")
    assert win.session.network.sizes == [784, 30, 10] and win.session.dataset.name == "model file"
    assert shown == ["digits.json: the data of preset 'mnist', which training.preset names: "
                     "mnist_subset.npz: not a zip file; the network is open on a sample of zeros "
                     "(the file holds none) instead"]
    win.close()


def test_a_recorded_presets_targets_the_loss_refuses_are_said_with_the_files_name(
        qtbot, monkeypatch, tmp_path, shown):
    path = tmp_path / "bce.json"
    net = Network.create([2, 3, 1], "sigmoid", "binary_cross_entropy", seed=1)
    save_model(net, path, {"training": {"preset": "toy-40-80"}})      # its target is 60
    win = open_window(qtbot, "not-gate")                               # 2 outputs: no fit
    choose(monkeypatch, path)
    trigger(win, "open_model")
    assert win.session.dataset.name == "model file" and len(shown) == 1
    assert shown[0].startswith("bce.json: the data of preset 'toy-40-80', which training.preset "
                               "names: training targets must lie in [0, 1]")
    win.close()
