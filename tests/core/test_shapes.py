"""Property tests: every array has the shape the notation gives it (docs/ARCHITECTURE.md), for
any sizes and batch; and network arguments that cannot make a network are refused."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bpviz.core.errors import BpvizError
from bpviz.core.network import Network
from bpviz.core.stepper import Stepper

sizes_st = st.lists(st.integers(1, 6), min_size=2, max_size=5)


@settings(max_examples=50, deadline=None)
@given(sizes=sizes_st, m=st.integers(1, 7), biases=st.booleans(), seed=st.integers(0, 999),
       init=st.sampled_from(["normal", "xavier", "he", "uniform", "constant"]),
       dtype=st.sampled_from(["float64", "float32"]))
def test_trace_shapes(sizes, m, biases, seed, init, dtype):
    net = Network.create(sizes, "tanh", "mse", init=init, biases=biases, seed=seed, dtype=dtype)
    rng = np.random.default_rng(seed)
    x, y = rng.standard_normal((m, sizes[0])), rng.standard_normal((m, sizes[-1]))
    trace = net.backprop(x, y)
    assert net.L == len(sizes) - 1
    assert net.params.dtype == np.dtype(dtype)
    assert trace.a[0].shape == (m, sizes[0])
    for l in range(1, net.L + 1):
        assert net.weights[l - 1].shape == (sizes[l], sizes[l - 1])          # Wˡ is (nˡ, nˡ⁻¹)
        assert trace.z[l - 1].shape == trace.a[l].shape == trace.delta[l - 1].shape == (m, sizes[l])
        assert trace.grad_w[l - 1].shape == (sizes[l], sizes[l - 1])
        if biases:
            assert net.biases[l - 1].shape == trace.grad_b[l - 1].shape == (sizes[l],)
    assert net.feedforward(x).shape == (m, sizes[-1])
    assert net.gradient_vector(trace).shape == net.params.shape
    assert isinstance(trace.loss, float)


@settings(max_examples=30, deadline=None)
@given(sizes=sizes_st, biases=st.booleans(), seed=st.integers(0, 999))
def test_stepper_record_shapes(sizes, biases, seed):
    net = Network.create(sizes, "sigmoid", "mse", biases=biases, seed=seed)
    stepper = Stepper(net, np.ones(sizes[0]), np.zeros(sizes[-1]), 0.1)
    last = stepper.run_to_end()
    assert stepper.length == 2 * net.L + 3 and last.index == stepper.length - 1
    for l in range(1, net.L + 1):
        assert last.z[l - 1].shape == last.delta[l - 1].shape == (sizes[l],)
        assert last.grad_w[l - 1].shape == last.new_weights[l - 1].shape == (sizes[l], sizes[l - 1])
    assert last.output_after.shape == (sizes[-1],)


@settings(max_examples=30, deadline=None)
@given(sizes=sizes_st, wrong=st.integers(1, 8))
def test_wrong_input_width_is_a_user_error(sizes, wrong):
    net = Network.create(sizes, "relu", "mse", seed=0)
    if wrong == sizes[0]:
        wrong += 1
    with pytest.raises(BpvizError, match="input: expected"):
        net.backprop(np.zeros((2, wrong)), np.zeros((2, sizes[-1])))
    with pytest.raises(BpvizError, match="input: expected"):
        Stepper(net, np.zeros(wrong), np.zeros(sizes[-1]), 0.1)


@pytest.mark.parametrize("sizes", [[3], [2, 0, 1], [0, 1]])
def test_sizes_below_one_are_rejected(sizes):
    with pytest.raises(BpvizError, match="sizes"):
        Network.create(sizes, "tanh", "mse")


def test_softmax_on_a_hidden_layer_is_rejected():
    with pytest.raises(BpvizError, match="softmax"):
        Network.create([2, 3, 2], ["softmax", "softmax"], "cross_entropy")


@pytest.mark.parametrize("sizes, weights", [
    ([2, 2.7, 1], None),
    ([2, 2, 1], [[[1, 2], [3]], [[1, 2]]]),        # a ragged W¹
])
def test_bad_network_arguments_are_user_errors(sizes, weights):
    with pytest.raises(BpvizError):
        if weights is None:
            Network.create(sizes, "tanh")
        else:
            Network(sizes, ["tanh", "tanh"], "mse", weights, None)
