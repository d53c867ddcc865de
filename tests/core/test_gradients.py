"""Backprop against central differences of an independent reference cost, for every
output activation × loss pair on random networks (hypothesis picks sizes and seeds)."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bpviz.core.gradcheck import gradient_check
from bpviz.core.network import Network

from .core_reference import central_differences

HIDDEN = ["linear", "sigmoid", "tanh", "relu", "leaky_relu"]
OUTPUT = HIDDEN + ["softmax"]
LOSSES = ["mse", "binary_cross_entropy", "cross_entropy"]


def valid_targets(rng, loss, m, n):
    if loss == "mse":
        return rng.standard_normal((m, n))
    y = rng.uniform(0.0, 1.0, (m, n))          # BCE: any target in [0, 1]
    if loss == "cross_entropy":
        y /= y.sum(axis=1, keepdims=True)      # CE: each row a distribution
    return y


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("output", OUTPUT)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(seed=st.integers(0, 2**31), sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
       m=st.integers(1, 3), hidden=st.sampled_from(HIDDEN), biases=st.booleans())
def test_backprop_matches_finite_differences(output, loss, seed, sizes, m, hidden, biases):
    rng = np.random.default_rng(seed)
    net = Network.create(sizes, [hidden] * (len(sizes) - 2) + [output], loss,
                         init="xavier", biases=biases, seed=seed)
    if biases:   # xavier starts biases at 0; make them count
        net.set_parameters(net.weights, [rng.uniform(-0.5, 0.5, b.shape) for b in net.biases])
    x = rng.standard_normal((m, sizes[0]))
    y = valid_targets(rng, loss, m, sizes[-1])
    trace = net.backprop(x, y)
    # relu and leaky relu have a kink at z = 0 (a dead unit feeding a bias-free layer puts z
    # exactly there): no derivative to check, so such draws are skipped
    for name, z in zip(net.activation_names, trace.z):
        assume(name not in ("relu", "leaky_relu") or np.abs(z).min() > 1e-4)
    # With an output that can leave (0, 1), BCE and CE clip the log's argument: near that
    # edge ln a bends so sharply (∂C/∂a ~ 1/a) that central differences themselves lose
    # accuracy, so draws within 0.01 of an edge are skipped (beyond it, and exactly on it as
    # a dead relu output is, both sides give 0).
    a_L = trace.a[-1]
    if loss != "mse" and output not in ("sigmoid", "softmax"):
        edges = [0.0] if loss == "cross_entropy" else [0.0, 1.0]
        for edge in edges:
            gap = np.abs(a_L - edge)
            assume(not np.any((gap > 0) & (gap < 1e-2)))
    elif loss != "mse":
        # A sigmoid or softmax output bpviz differentiates exactly from z, but the reference
        # cost here takes ln(1 − a) of a stored a: within ~1e-5 of 0 or 1 that difference has
        # lost most of its digits (a = 0.9999994 keeps ~10), and the central differences of
        # the reference with them. Such draws test the reference, not backprop: skip them.
        assume(not np.any((a_L < 1e-5) | (a_L > 1 - 1e-5)))
    fd_w, fd_b = central_differences(net.weights, net.biases, net.activation_names, loss, x, y)
    for l in range(net.L):
        np.testing.assert_allclose(trace.grad_w[l], fd_w[l], rtol=1e-5, atol=1e-7)
        if biases:
            np.testing.assert_allclose(trace.grad_b[l], fd_b[l], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("output", ["sigmoid", "softmax", "tanh"])
def test_gradient_check_reports_small_errors(output, loss):
    rng = np.random.default_rng(7)
    net = Network.create([3, 4, 3], ["tanh", output], loss, init="xavier", seed=7)
    x = rng.standard_normal((5, 3))
    y = valid_targets(rng, loss, 5, 3)
    check = gradient_check(net, x, y)
    assert check.max_relative_error < 1e-5
    assert [row["layer"] for row in check.layers] == [1, 2]
    assert max(row["max_relative_error"] for row in check.layers) == check.max_relative_error


def test_gradient_check_sees_a_wrong_gradient():
    """The classic bug — σ′ applied to a instead of z — must show up as a large error."""
    net = Network.create([2, 3, 1], "sigmoid", "mse", seed=1)
    x, y = np.array([[0.3, -0.7]]), np.array([[1.0]])
    good = gradient_check(net, x, y)
    sigmoid = net.sigmas[0]
    wrong = type(sigmoid)()
    wrong.prime = lambda z, a: sigmoid.prime(a, sigmoid(a))      # σ′(a): the bug
    net.sigmas = [wrong, wrong]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bad = gradient_check(net, x, y)
    assert good.max_relative_error < 1e-6
    assert bad.max_relative_error > 1e-2


@pytest.mark.parametrize("target", [[1.0, 1.0], [0.0, 0.0], [2.0, 0.0], [0.3, 0.2]])
def test_softmax_cross_entropy_gradient_for_any_target(target):
    net = Network([2, 2], ["softmax"], "cross_entropy", [[[0.3, -0.2], [0.1, 0.4]]], [[0.05, -0.1]])
    x, y = np.array([[1.0, 2.0]]), np.array([target])
    trace = net.backprop(x, y)
    fd_w, fd_b = central_differences(net.weights, net.biases, net.activation_names,
                                     "cross_entropy", x, y)
    np.testing.assert_allclose(trace.grad_w[0], fd_w[0], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(trace.grad_b[0], fd_b[0], rtol=1e-6, atol=1e-9)
