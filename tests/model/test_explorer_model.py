"""The explorer's model on its own (no Qt): changes arrive whole and once, refused changes
leave everything as it was, and the rules (custom preset, constant → Xavier, rebuilding the
network's ends for new data, batch size within the data) hold."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bpviz.core.datasets import Dataset
from bpviz.core.errors import BpvizError
from bpviz.core.network import Network
from bpviz.model import CUSTOM, ExplorerModel

ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    """Records every notification and checks, at that moment, that the state is whole."""

    def __init__(self, model: ExplorerModel):
        self.model = model
        self.calls: list[frozenset] = []
        model.subscribe(self)

    def __call__(self, names: frozenset) -> None:
        m = self.model
        assert m.network.sizes[0] == m.dataset.n_inputs
        assert m.network.sizes[-1] == m.dataset.n_targets
        assert 0 <= m.sample < len(m.dataset)
        assert m.batch_size is None or m.batch_size <= len(m.dataset)
        assert m.initial_params.shape == m.network.params.shape
        self.calls.append(names)


def three_in_two_out(n: int = 6) -> Dataset:
    x = np.arange(3 * n, dtype=float).reshape(n, 3) / 10
    y = np.tile([[1.0, 0.0]], (n, 1))
    return Dataset("three-two", x, y)


def test_the_model_imports_no_qt():
    code = ("import sys, bpviz.model; m = bpviz.model.ExplorerModel('xor'); "
            "bad = [k for k in sys.modules if k.startswith(('PySide6', 'pyqtgraph'))]; "
            "assert not bad, bad")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_network_that_does_not_fit_the_data_arrives_with_its_data_in_one_change():
    model = ExplorerModel("xor")
    seen = Recorder(model)
    net = Network.create([3, 5, 2], ["tanh", "sigmoid"], "mse", seed=1)
    model.set_network(net, {"training": {"input": [0.1, 0.2, 0.3], "target": [1, 0]}})
    assert len(seen.calls) == 1
    assert {"network", "dataset", "sample", "preset"} <= seen.calls[0]
    assert model.dataset.x.tolist() == [[0.1, 0.2, 0.3]]
    assert model.preset.name == CUSTOM and model.preset.sizes == (3, 5, 2)


def test_new_data_with_other_ends_rebuilds_the_network_once():
    model = ExplorerModel("xor")            # 2-4-1, tanh hidden, linear output
    model.set_batch_size(4)
    seen = Recorder(model)
    data = three_in_two_out(3)
    rebuilt = model.plan_data(data)
    assert seen.calls == []                 # planning changes nothing
    assert rebuilt.sizes == [3, 4, 2] and rebuilt.activation_names == ["tanh", "linear"]
    model.use_data(data, rebuilt)
    assert len(seen.calls) == 1
    assert {"network", "dataset", "batch_size"} <= seen.calls[0]
    assert model.network is rebuilt and model.dataset is data
    assert model.batch_size is None         # 4 > 3 samples: the whole set
    assert model.sample == 0


def test_data_the_loss_cannot_take_is_refused_before_anything_changes():
    model = ExplorerModel("and")            # binary cross-entropy: targets in [0, 1]
    seen = Recorder(model)
    bad = Dataset("bad", np.array([[0.0, 1.0]]), np.array([[3.0]]))
    with pytest.raises(BpvizError, match="targets"):
        model.plan_data(bad)
    with pytest.raises(BpvizError):
        model.set_dataset(Dataset("wide", np.zeros((2, 3)), np.zeros((2, 1))))
    assert seen.calls == [] and model.dataset.name == "and"


def test_constant_initialiser_gives_xavier_random_weights():
    model = ExplorerModel("toy-40-80")      # hand-written ("constant") weights, 2-3-1, no b
    model.new_random_weights(7)
    rng = np.random.default_rng(7)           # Xavier uniform drawn here, layer by layer
    for got, (n_in, n_out) in zip(model.network.weights, [(2, 3), (3, 1)]):
        r = np.sqrt(6 / (n_in + n_out))
        np.testing.assert_allclose(got, rng.uniform(-r, r, (n_out, n_in)), rtol=1e-12)
    assert model.seed == 7
    np.testing.assert_array_equal(model.initial_params, model.network.params)


def test_weights_and_biases_are_checked_and_announced():
    model = ExplorerModel("xor")
    seen = Recorder(model)
    assert model.set_weight(1, 0, 1, " 0.25 ") == 0.25
    assert model.weight(1, 0, 1) == 0.25 and model.network.weights[0][0, 1] == 0.25
    assert model.set_bias(2, 0, "-1.5") == -1.5 and model.bias(2, 0) == -1.5
    assert seen.calls == [frozenset({"weights"})] * 2
    for bad in ("abc", "nan", "inf", "2e6"):
        with pytest.raises(BpvizError):
            model.set_weight(1, 0, 1, bad)
    assert model.weight(1, 0, 1) == 0.25 and len(seen.calls) == 2
    toy = ExplorerModel("toy-40-80")
    with pytest.raises(BpvizError, match="no biases"):
        toy.set_bias(1, 0, "1")


def test_each_setting_is_announced_by_its_own_name_and_refusals_change_nothing():
    model = ExplorerModel("xor")
    seen = Recorder(model)
    model.set_eta("0.5")
    model.set_batch_size("2")
    model.set_optimizer("adam")
    model.set_l2("0.01")
    model.set_seed("3")
    model.set_sample(2)
    assert seen.calls == [frozenset({n}) for n in
                          ("eta", "batch_size", "optimizer", "l2", "seed", "sample")]
    model.set_eta(0.5)                      # the same value: nothing to announce
    for call in (lambda: model.set_eta("0"), lambda: model.set_batch_size("5"),
                 lambda: model.set_optimizer("rmsprop"), lambda: model.set_l2("-1"),
                 lambda: model.set_seed("-1"), lambda: model.set_sample(4)):
        with pytest.raises(BpvizError):
            call()
    assert len(seen.calls) == 6
    assert (model.eta, model.batch_size, model.optimizer, model.l2, model.seed,
            model.sample) == (0.5, 2, "adam", 0.01, 3, 2)


def test_accuracy_counts_right_answers():
    # one sigmoid neuron a = σ(w x): with w = 1, x = ±10 gives a ≈ 0 and ≈ 1
    model = ExplorerModel("xor")
    net = Network.create([1, 1], ["sigmoid"], "mse", biases=False)
    net.set_parameters([np.array([[1.0]])])
    model.set_network(net)
    x = np.array([[-10.0], [10.0], [-10.0], [10.0]])
    model.set_dataset(Dataset("d", x, np.array([[0.0], [1.0], [1.0], [1.0]]),
                              x[:2], np.array([[1.0], [0.0]])))
    assert model.accuracy() == (0.75, 0.0)


def test_reset_and_weights_trained():
    model = ExplorerModel("xor")
    start = model.network.params.copy()
    assert not model.weights_trained()
    model.set_weight(1, 0, 0, "3")
    assert model.weights_trained()
    model.reset()
    np.testing.assert_array_equal(model.network.params, start)
    assert not model.weights_trained()
