"""The gradient check's verdict where finite differences cannot resolve an entry."""

import numpy as np
import pytest

from bpviz.core.gradcheck import gradient_check
from bpviz.core.network import Network


def _saturated_digit_network():
    """A 784-30-10 sigmoid network with weights 6 × N(0, 1/784) and an input of N(0, 1)
    pixels, as a trained MNIST network on a random input: most units saturate, and many
    gradient entries are ~1e-10, below what finite differences with h = 1e-6 resolve on a
    cost of order 1 (8ε·|C|/2h ≈ 1e-9)."""
    net = Network.create([784, 30, 10], ["sigmoid", "sigmoid"], "mse", seed=0)
    net.set_parameters([w * 6 for w in net.weights], net.biases)
    rng = np.random.default_rng(0)
    return net, rng.standard_normal(784), rng.uniform(0.05, 0.95, 10)


def test_entries_below_what_finite_differences_resolve_do_not_fail_a_correct_backprop():
    """They had counted a relative error of up to 1 (a correct backprop reported as broken)."""
    net, x, y = _saturated_digit_network()
    check = gradient_check(net, x, y)
    assert check.max_relative_error < 1e-5


def test_a_wrong_gradient_still_fails_where_the_entries_are_tiny():
    """The same network with the mean-over-features mistake: backprop = finite differences /
    784 (one sample of 784 inputs), a relative error of (1 − 1/784)/(1 + 1/784) ≈ 0.997 on
    every entry large enough to be resolved."""
    from bpviz.core.bug_backprop import bug_gradient_check

    net, x, y = _saturated_digit_network()
    result = bug_gradient_check(net, x, y, ["mean-over-features"])
    assert all(not row["passed"] for row in result["layers"])
    assert result["max_relative_error"] == pytest.approx(783 / 785, rel=1e-3)


def _deep_chain(depth: int):
    """A 2-4-…-4-1 sigmoid chain `depth` hidden layers deep on four XOR-like samples: its
    first layer's gradient shrinks with depth (~1e-10 at 12, ~1e-11 at 14)."""
    net = Network.create([2] + [4] * depth + [1], ["sigmoid"] * (depth + 1), "mse", seed=1)
    x = np.random.default_rng(0).normal(size=(4, 2))
    return net, x, np.array([[0.], [1.], [1.], [0.]])


def _first_layer_check(net, x, y, k):
    """The relative errors of layer 1 with backprop's gradient there multiplied by k."""
    from bpviz.core.gradcheck import numeric_gradient, relative_error, resolution_floor, unresolved

    bp = net.gradient_vector(net.backprop(x, y))
    n1 = net.weights[0].size + net.biases[0].size
    bp[:n1] *= k
    noise = np.full(bp.size, np.nan)
    fd = numeric_gradient(net, x, y, noise=noise)
    floor = resolution_floor(noise)
    return (float(relative_error(bp[:n1], fd[:n1], floor[:n1]).max()),
            unresolved(bp[:n1], fd[:n1], floor[:n1]))


@pytest.mark.parametrize("k", [0.0, -1.0, 10.0])
def test_a_wrong_gradient_of_1e_10_fails_where_finite_differences_resolve_it(k):
    """Twelve layers deep the first layer's entries are ~2.6e-10, above the differences'
    rounding (~3e-11 here): zeroed, flipped or ten times too large it fails (the first floor,
    8ε·|C|/2h ÷ 1e-6, had let all three pass)."""
    net, x, y = _deep_chain(12)
    right, _ = _first_layer_check(net, x, y, 1.0)
    wrong, _ = _first_layer_check(net, x, y, k)
    assert right < 1e-5 <= wrong


def test_entries_below_the_differences_rounding_are_counted_as_unresolved():
    """Fourteen layers deep (~1e-11) the differences cannot tell: the check says so."""
    net, x, y = _deep_chain(14)
    _, count = _first_layer_check(net, x, y, 1.0)
    assert count > 0
    layers = gradient_check(net, x, y).layers
    assert layers[0]["unresolved"] == count and layers[-1]["unresolved"] == 0
