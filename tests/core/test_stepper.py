"""The stepper does the same computation as one-shot backprop, and stepping back returns
exactly the earlier records."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bpviz.core.network import Network
from bpviz.core.stepper import Stepper

HIDDEN = ["linear", "sigmoid", "tanh", "relu", "leaky_relu"]
OUTPUT = HIDDEN + ["softmax"]
LOSSES = ["mse", "binary_cross_entropy", "cross_entropy"]


def random_case(seed, sizes, hidden, output, loss, biases):
    rng = np.random.default_rng(seed)
    net = Network.create(sizes, [hidden] * (len(sizes) - 2) + [output], loss,
                         init="normal", biases=biases, seed=seed)
    x = rng.standard_normal(sizes[0])
    y = rng.uniform(0.1, 0.9, sizes[-1])
    if loss == "cross_entropy":
        y /= y.sum()
    return net, x, y


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31), sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4),
       hidden=st.sampled_from(HIDDEN), output=st.sampled_from(OUTPUT),
       loss=st.sampled_from(LOSSES), biases=st.booleans(), eta=st.floats(1e-4, 1.0))
def test_stepper_equals_one_shot_backprop(seed, sizes, hidden, output, loss, biases, eta):
    net, x, y = random_case(seed, sizes, hidden, output, loss, biases)
    trace = net.backprop(x, y)
    last = Stepper(net, x, y, eta).run_to_end()
    L = net.L
    assert last.phase == "update"
    assert last.loss == pytest.approx(trace.loss, rel=1e-12, abs=1e-300)
    for l in range(L):
        np.testing.assert_allclose(last.z[l], trace.z[l][0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(last.a[l + 1], trace.a[l + 1][0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(last.delta[l], trace.delta[l][0], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(last.grad_w[l], trace.grad_w[l], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(last.new_weights[l], net.weights[l] - eta * trace.grad_w[l],
                                   rtol=1e-12, atol=1e-12)
        if biases:
            np.testing.assert_allclose(last.grad_b[l], trace.grad_b[l], rtol=1e-10, atol=1e-12)


def test_step_back_returns_exactly_the_earlier_records():
    net, x, y = random_case(3, [3, 4, 2], "tanh", "softmax", "cross_entropy", True)
    stepper = Stepper(net, x, y, 0.5)
    seen = [stepper.current]
    while not stepper.at_end:
        seen.append(stepper.step_forward())
    assert len(seen) == 2 * net.L + 3
    for expected in reversed(seen[:-1]):
        assert stepper.step_back() is expected
    assert stepper.at_start and stepper.step_back() is seen[0]
    # going forward again reuses the same immutable records
    for expected in seen[1:]:
        assert stepper.step_forward() is expected
    assert stepper.go_to(2) is seen[2]


def test_records_are_immutable_and_independent_of_the_network():
    net, x, y = random_case(5, [2, 3, 1], "sigmoid", "sigmoid", "mse", True)
    stepper = Stepper(net, x, y, 0.1)
    first = stepper.step_forward()
    z_before = first.z[0].copy()
    with pytest.raises(ValueError):
        first.z[0][0] = 99.0
    net.weights[0][...] = 0.0                  # editing the network does not change the walk
    stepper.run_to_end()
    stepper.go_to(1)
    np.testing.assert_array_equal(stepper.current.z[0], z_before)
