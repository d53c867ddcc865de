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
    assert check.max_relative_error < 1e-6


def test_a_wrong_gradient_still_fails_where_the_entries_are_tiny():
    """The same network with the mean-over-features mistake: backprop = finite differences /
    784 (one sample of 784 inputs), a relative error of (1 − 1/784)/(1 + 1/784) ≈ 0.997 on
    every entry large enough to be resolved."""
    from bpviz.core.bug_backprop import bug_gradient_check

    net, x, y = _saturated_digit_network()
    result = bug_gradient_check(net, x, y, ["mean-over-features"])
    assert all(not row["passed"] for row in result["layers"])
    assert result["max_relative_error"] == pytest.approx(783 / 785, rel=1e-3)
