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
