"""Activations at the extremes, their derivatives, and the losses by hand."""

import math
import warnings

import numpy as np
import pytest

from bpviz.core.activations import ACTIVATIONS, get_activation
from bpviz.core.errors import BpvizError
from bpviz.core.losses import get_loss
from bpviz.core.network import Network


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_sigmoid_saturates_exactly_without_overflow():
    a = get_activation("sigmoid")(np.array([[-1000.0, 0.0, 1000.0]]))
    assert a.tolist() == [[0.0, 0.5, 1.0]]


def test_softmax_saturates_exactly_without_overflow():
    a = get_activation("softmax")(np.array([[1000.0, -1000.0], [-1000.0, 1000.0]]))
    assert a.tolist() == [[1.0, 0.0], [0.0, 1.0]]
    a = get_activation("softmax")(np.array([[1000.0, 1000.0]]))
    assert a.tolist() == [[0.5, 0.5]]


@pytest.mark.parametrize("loss, expected", [
    # BCE, from z: ln(1 + e¹⁰⁰⁰) − 0·1000 + ln(1 + e⁻¹⁰⁰⁰) + 1000 = 2000 (to double precision)
    ("binary_cross_entropy", 2000.0),
    # CE, from z: log(e¹⁰⁰⁰ + e⁻¹⁰⁰⁰) − (−1000) = 2000
    ("cross_entropy", 2000.0),
    ("mse", 1.0),                         # ½((1 − 0)² + (0 − 1)²)
])
def test_saturated_outputs_give_a_finite_loss_and_gradient(loss, expected):
    output = "softmax" if loss == "cross_entropy" else "sigmoid"
    net = Network([1, 2], [output], loss, [np.array([[1000.0], [-1000.0]])], [np.zeros(2)])
    y = np.array([[0.0, 1.0]])           # the wrong answer, with full confidence
    trace = net.backprop([1.0], y)
    assert trace.loss == expected
    assert all(np.isfinite(g).all() for g in trace.grad_w)


def test_activation_values_by_hand():
    z = np.array([[-2.0, 0.0, 3.0]])
    assert get_activation("linear")(z).tolist() == [[-2.0, 0.0, 3.0]]
    assert get_activation("relu")(z).tolist() == [[0.0, 0.0, 3.0]]
    assert get_activation("leaky_relu")(z).tolist() == [[-0.02, 0.0, 3.0]]
    np.testing.assert_allclose(get_activation("sigmoid")(z),
                               [[1 / (1 + math.e ** 2), 0.5, 1 / (1 + math.e ** -3)]], rtol=1e-15)
    np.testing.assert_allclose(get_activation("tanh")(z), [[math.tanh(-2), 0.0, math.tanh(3)]])
    e = [math.exp(-2), 1.0, math.exp(3)]
    np.testing.assert_allclose(get_activation("softmax")(z), [[v / sum(e) for v in e]], rtol=1e-14)


@pytest.mark.parametrize("name", [n for n in ACTIVATIONS if n != "softmax"])
def test_derivative_is_taken_at_z(name):
    act = get_activation(name)
    z = np.array([[-1.7, -0.3, 0.4, 2.2]])       # away from relu's kink
    h = 1e-6
    numeric = (act(z + h) - act(z - h)) / (2 * h)
    np.testing.assert_allclose(act.prime(z, act(z)), numeric, rtol=1e-7, atol=1e-9)


def test_unknown_activation_and_loss_are_user_errors():
    with pytest.raises(BpvizError, match="unknown activation 'swish'"):
        get_activation("swish")
    with pytest.raises(BpvizError, match="unknown loss 'hinge'"):
        get_loss("hinge")


def test_mse_by_hand():
    # per sample ½‖a − y‖²: ½(1² + 2²) = 2.5 and ½(2² + 4²) = 10; mean 6.25
    a = np.array([[1.0, 2.0], [3.0, 5.0]])
    y = np.array([[0.0, 0.0], [1.0, 1.0]])
    assert get_loss("mse")(a, y) == 6.25
    np.testing.assert_array_equal(get_loss("mse").grad_a(a, y), a - y)


def test_binary_cross_entropy_by_hand():
    a = np.array([[0.8, 0.3], [0.6, 0.9]])
    y = np.array([[1.0, 0.0], [0.0, 0.5]])
    by_hand = (-(math.log(0.8) + math.log(0.7))
               - (math.log(0.4) + 0.5 * math.log(0.9) + 0.5 * math.log(0.1))) / 2
    assert get_loss("binary_cross_entropy")(a, y) == pytest.approx(by_hand, rel=1e-14)
    grad = get_loss("binary_cross_entropy").grad_a(a, y)
    np.testing.assert_allclose(grad[0], [(0.8 - 1) / (0.8 * 0.2), 0.3 / (0.3 * 0.7)])


def test_cross_entropy_by_hand():
    a = np.array([[0.7, 0.2, 0.1], [0.25, 0.25, 0.5]])
    y = np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])
    by_hand = (-math.log(0.7) - (0.5 * math.log(0.25) + 0.5 * math.log(0.5))) / 2
    assert get_loss("cross_entropy")(a, y) == pytest.approx(by_hand, rel=1e-14)


def test_exact_pairs_compute_the_loss_from_z():
    # sigmoid + BCE at z = 0: a = ½, C = ln 2 for either target; softmax + CE on equal z: ln n
    bce = Network([1, 1], ["sigmoid"], "binary_cross_entropy", [np.zeros((1, 1))], [np.zeros(1)])
    assert bce.cost([[1.0]], [[1.0]]) == pytest.approx(math.log(2), rel=1e-15)
    ce = Network([1, 3], ["softmax"], "cross_entropy", [np.zeros((3, 1))], None)
    assert ce.cost([[2.0]], [[0.0, 1.0, 0.0]]) == pytest.approx(math.log(3), rel=1e-15)
    # and δᴸ = a − y exactly for both
    trace = ce.backprop([[2.0]], [[0.0, 1.0, 0.0]])
    np.testing.assert_allclose(trace.delta[0], [[1 / 3, 1 / 3 - 1, 1 / 3]], rtol=1e-15)
