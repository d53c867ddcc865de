"""The numbers behind the digit views, checked against a plain NumPy forward pass."""

import numpy as np
import pytest

from bpviz.core.digit_stats import cell_digits, digit_problem, output_of, unit_extremes
from bpviz.core.errors import BpvizError
from bpviz.core.evaluation import report
from bpviz.core.network import Network


def _net(sizes=(784, 5, 10)):
    return Network.create(list(sizes), ["sigmoid", "sigmoid"], "mse", seed=3)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_unit_extremes_match_a_plain_forward_pass():
    net = _net()
    x = np.random.default_rng(0).random((50, 784))
    a1 = _sigmoid(x @ net.weights[0].T + net.biases[0])        # by hand
    got = unit_extremes(net, x, 1, 3, k=8)
    assert np.allclose(got.a, a1[:, 3])
    assert list(got.top) == list(np.argsort(-a1[:, 3])[:8])
    assert list(got.bottom) == list(np.argsort(a1[:, 3])[:8])
    with pytest.raises(BpvizError, match="hidden layer"):
        unit_extremes(net, x, 2, 0)
    with pytest.raises(BpvizError, match="neurons 1 to 5"):
        unit_extremes(net, x, 1, 5)


def test_output_and_cell_digits():
    net = _net()
    x = np.random.default_rng(1).random((30, 784))
    y = np.eye(10)[np.arange(30) % 10]
    a = _sigmoid(_sigmoid(x @ net.weights[0].T + net.biases[0]) @ net.weights[1].T + net.biases[1])
    assert np.allclose(output_of(net, x[4]), a[4])
    ev = report(net, x, y)
    true = np.arange(30) % 10
    p = int(a[0].argmax())
    cell = cell_digits(ev, a, 0, p, true)
    expected = [i for i in range(30) if i % 10 == 0 and a[i].argmax() == p]
    assert list(cell.rows) == expected and np.allclose(cell.confidence, a[expected, p])


def test_digit_problem_names_the_input_size():
    assert digit_problem(_net()) is None
    assert "takes 2 inputs" in digit_problem(Network.create([2, 2, 1], ["sigmoid", "sigmoid"]))


def test_is_digit_network_asks_for_28x28_inputs_and_with_classes_ten_outputs():
    from bpviz.core.digit_stats import is_digit_network
    assert is_digit_network([784, 30, 10]) and is_digit_network((784, 10), classes=True)
    assert is_digit_network([784, 2]) and not is_digit_network([784, 2], classes=True)
    assert not is_digit_network([2, 2, 1]) and not is_digit_network((10, 784), classes=True)
    assert not is_digit_network([783, 10], classes=True)
