"""`evaluate` on a batch large enough to be split over threads: the same cost and accuracy
as a plain NumPy forward pass written out here."""

import threading

import numpy as np
import pytest

from bpviz.core import metrics
from bpviz.core.network import Network


def plain_forward(net, x):
    a = x.astype(np.float64)
    for l, name in enumerate(net.activation_names):
        z = a @ net.weights[l].astype(np.float64).T + net.biases[l].astype(np.float64)
        if name == "sigmoid":
            a = 1.0 / (1.0 + np.exp(-z))
        elif name == "tanh":
            a = np.tanh(z)
        else:                                               # softmax
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
    return z, a


@pytest.mark.parametrize("dtype, tol", [("float32", 2e-5), ("float64", 1e-12)])
@pytest.mark.parametrize("acts, loss", [(["sigmoid", "sigmoid"], "mse"),
                                        (["tanh", "softmax"], "cross_entropy")])
def test_large_batch_split_over_threads_gives_the_plain_forward_pass(dtype, tol, acts, loss, monkeypatch):
    monkeypatch.setattr(metrics, "usable_cores", lambda: 3)      # three parts, whatever the machine
    rng = np.random.default_rng(1)
    net = Network.create([20, 7, 4], acts, loss, seed=2, dtype=dtype)
    rows = 2 * metrics.MANY_ROWS + 1
    x = rng.random((rows, 20))
    labels = rng.integers(0, 4, rows)
    y = np.eye(4)[labels]
    z_L, a_L = metrics.output_of(net, net.as_batch(x))
    z_ref, a_ref = plain_forward(net, x)
    assert z_L.dtype == np.dtype(dtype) and z_L.shape == (rows, 4)
    np.testing.assert_allclose(z_L, z_ref, rtol=tol, atol=tol)
    np.testing.assert_allclose(a_L, a_ref, rtol=tol, atol=tol)
    cost, acc = metrics.evaluate(net, x, y)
    if loss == "mse":
        expected = 0.5 * np.sum((a_ref - y) ** 2) / rows
    else:
        expected = -np.sum(y * np.log(a_ref)) / rows
    assert cost == pytest.approx(expected, rel=10 * tol)
    assert acc == np.mean(a_ref.argmax(axis=1) == labels)


def test_an_error_in_a_helper_thread_reaches_the_caller(monkeypatch):
    monkeypatch.setattr(metrics, "usable_cores", lambda: 2)
    net = Network.create([3, 2], ["sigmoid"], "mse", seed=0)
    calls = []

    def failing(*args, **kwargs):
        calls.append(threading.get_ident() == threading.main_thread().ident)
        raise MemoryError("no room")

    monkeypatch.setattr(metrics, "layer_forward", failing)
    with pytest.raises(MemoryError):
        metrics.output_of(net, np.zeros((metrics.MANY_ROWS, 3)))
    assert sorted(calls) == [False, True]


def test_accuracy_rules_counted_by_hand():
    a = np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.4, 0.5, 0.1]])
    one_hot = np.eye(3)[[1, 0, 1, 1]]                  # right, right, wrong, right
    assert metrics.accuracy(a, one_hot) == 0.75
    # 0/1 targets that are not one-hot: every output thresholded at 0.5 must match
    multi = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 1], [1, 1, 0]], dtype=float)
    assert metrics.accuracy(a, multi) == 0.75          # row 4: 0.4 < 0.5 but its target is 1
    assert metrics.accuracy(a, np.zeros((4, 3))) == 0.0    # no row has every output < 0.5
    # a single 0/1 output
    assert metrics.accuracy(np.array([[0.2], [0.9], [0.5]]), np.array([[0.0], [1.0], [0.0]])) == 2 / 3
    # not 0/1: no accuracy, whether rows sum to 1 (soft labels) or not (regression)
    assert metrics.accuracy(a, np.full((4, 3), 1 / 3)) is None
    assert metrics.accuracy(a, np.array([[2.0, 0, 0]] * 4)) is None
    assert metrics.accuracy(a, np.array([[1.0, -1.0, 1.0]] * 4)) is None
    assert metrics.accuracy(a, np.array([[np.nan, 1.0, 0.0]] * 4)) is None
    assert metrics.accuracy(np.zeros((0, 3)), np.zeros((0, 3))) is None


def test_one_hot_index_names_the_class_of_a_one_hot_target_only():
    assert metrics.one_hot_index([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]) == 5      # an MNIST "5"
    assert metrics.one_hot_index(np.eye(3)[0]) == 0
    assert metrics.one_hot_index([0, 0.5, 0]) is None                     # not a 1
    assert metrics.one_hot_index([1, 1, 0]) is None                       # two classes
    assert metrics.one_hot_index([0, 0, 0]) is None                       # none
    assert metrics.one_hot_index([1]) is None                             # one output: a 0/1 target
    assert metrics.one_hot_index([60.0, 0]) is None                       # a regression target
