"""BP1–BP4 as per-layer functions (core/backprop.py, also importable from core/network.py),
each loss owning its δᴸ and its worked text, and the names of what a forward pass returns.

Hand numbers: the 40/80 → 60 toy (W¹ all 0.5, W² all 1, linear, MSE, no biases) gives
z¹ = 60, ŷ = 180, δ² = 180 − 60 = 120, δ¹ = W²ᵀ·120 ⊙ 1 = 120, ∂C/∂W² = 120·60 = 7200,
∂C/∂W¹ = 120·[40, 80] = [4800, 9600].
"""

import numpy as np
import pytest

from bpviz.core import backprop, network
from bpviz.core.activations import ACTIVATIONS
from bpviz.core.backprop import grad_b, grad_w, hidden_delta, layer_forward, output_delta
from bpviz.core.equations import describe
from bpviz.core.gradcheck import gradient_check
from bpviz.core.losses import LOSSES, Loss
from bpviz.core.network import Forward, Network
from bpviz.core.stepper import Stepper

X, Y = np.array([[40.0, 80.0]]), np.array([[60.0]])


def toy() -> Network:
    return Network([2, 3, 1], ["linear", "linear"], "mse",
                   [np.full((3, 2), 0.5), np.ones((1, 3))], None)


def test_each_equation_on_the_hand_worked_example():
    net = toy()
    lin = net.sigmas[0]
    z1, a1 = layer_forward(lin, net.weights[0], None, X)
    np.testing.assert_array_equal(z1, [[60, 60, 60]])
    z2, a2 = layer_forward(lin, net.weights[1], None, a1)
    assert a2[0, 0] == 180
    d2 = output_delta(net.loss, lin, z2, a2, Y)
    np.testing.assert_array_equal(d2, [[120]])
    d1 = hidden_delta(net.weights[1], d2, lin.prime(z1, a1))
    np.testing.assert_array_equal(d1, [[120, 120, 120]])
    np.testing.assert_array_equal(grad_w(d2, a1), [[7200, 7200, 7200]])
    np.testing.assert_array_equal(grad_w(d1, X), [[4800, 9600]] * 3)
    np.testing.assert_array_equal(grad_b(d1), [120, 120, 120])


def test_bias_and_batch_sums():
    # z = a W^T + b with W = [[1, 2]], b = [3]: rows (1, 1) → 6, (2, 0) → 5
    z, a = layer_forward(ACTIVATIONS["relu"], np.array([[1.0, 2.0]]), np.array([3.0]),
                         np.array([[1.0, 1.0], [2.0, 0.0]]))
    np.testing.assert_array_equal(z, [[6], [5]])
    delta = np.array([[1.0], [-2.0]])
    np.testing.assert_array_equal(grad_b(delta), [-1])
    # Σ rows δ aᵀ: 1·[1, 1] + (−2)·[2, 0] = [−3, 1]
    np.testing.assert_array_equal(grad_w(delta, np.array([[1.0, 1.0], [2.0, 0.0]])), [[-3, 1]])
    out = np.zeros((1, 2))
    assert grad_w(delta, np.array([[1.0, 1.0], [2.0, 0.0]]), out=out) is out


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(1, 7, 5), (10, 7, 5), (100, 7, 5), (10, 784, 30), (100, 784, 30),
                                   (1000, 7, 5)])
@pytest.mark.parametrize("act", sorted(ACTIVATIONS))
def test_the_forward_step_into_buffers_adds_the_bias_as_numpy_does(dtype, shape, act, monkeypatch):
    # into buffers, small layers add bˡ through a copy in a's rows: the numbers of adding the
    # row bˡ to every row, bit for bit; and Wˡ aˡ⁻¹ + bˡ to rounding
    rows, n_in, n_out = shape
    rng = np.random.default_rng(rows + n_in)
    a_prev, W, b = (rng.standard_normal(s).astype(dtype) for s in ((rows, n_in), (n_out, n_in), (n_out,)))
    sigma = ACTIVATIONS[act]

    def forward(record):
        z, a = np.full((rows, n_out), np.nan, dtype), np.full((rows, n_out), np.nan, dtype)
        out = layer_forward(sigma, W, b, a_prev, (z, a), record)
        for f in record or ():
            f()
        assert out[0] is z and out[1] is a
        return z, a

    z, a = forward([])
    z_now, a_now = forward(None)
    monkeypatch.setattr(backprop, "SMALL_SIZE", 0)         # every layer adds the row bˡ itself
    z_row, a_row = forward(None)
    for got in (z, z_now):
        np.testing.assert_array_equal(got, z_row)
    for got in (a, a_now):
        np.testing.assert_array_equal(got, a_row)
    tol = 1e-4 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(z, a_prev.astype(np.float64) @ W.T.astype(np.float64) + b, rtol=tol,
                               atol=tol * np.sqrt(n_in))


def test_one_sample_keeps_the_sign_of_a_zero_product():
    # (−2)·0 = −0.0 when written by hand; the walk's JSON has always written it so
    g = grad_w(np.array([[-2.0]]), np.array([[0.0, 1.0]]))
    assert np.signbit(g[0, 0]) and g[0, 1] == -2


@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize("out", sorted(ACTIVATIONS))
def test_fast_path_loss_and_delta_equal_the_separate_ones(loss, out):
    rng = np.random.default_rng(5)
    net = Network.create([3, 4, 3], ["tanh", out], loss, seed=2)
    x = rng.standard_normal((5, 3))
    y = rng.uniform(0.05, 0.95, (5, 3))
    z, a = net.forward(x)
    fast = net.loss.fn_and_delta(net.sigmas[-1], z[-1], a[-1], y)
    assert fast[0] == net.loss.fn(net.sigmas[-1], z[-1], a[-1], y)
    np.testing.assert_array_equal(fast[1], output_delta(net.loss, net.sigmas[-1], z[-1], a[-1], y))


class HalfQuartic(Loss):
    """A loss the code has never seen: C = ¼ Σ (a − y)⁴, ∇ₐC = (a − y)³."""

    name = "half_quartic"
    formula = "C = (1/m) Σₓ ¼ Σⱼ (aⱼ − yⱼ)⁴"
    grad_formula = "∇ₐC = (a − y)³"

    def per_sample(self, a, y):
        return 0.25 * np.sum((a - y) ** 4, axis=1)

    def grad_a(self, a, y):
        return (a - y) ** 3

    def worked(self, L, a, y, value, max_terms):
        return "C = ¼ Σⱼ (aⱼ − yⱼ)⁴", f"C = {value}"


def test_a_new_loss_is_one_class(monkeypatch):
    monkeypatch.setitem(LOSSES, "half_quartic", HalfQuartic())
    net = Network.create([2, 3, 2], ["sigmoid", "tanh"], "half_quartic", seed=1)
    x, y = np.array([[0.3, -0.4], [1.0, 0.5]]), np.array([[0.2, -0.1], [0.0, 0.4]])
    assert gradient_check(net, x, y).max_relative_error < 1e-6
    stepper = Stepper(net, x[0], y[0], 0.1)
    stepper.run_to_end()
    text = "\n".join(line.text for step in stepper.records for line in describe(step))
    assert "C = ¼ Σⱼ (aⱼ − yⱼ)⁴" in text and "∇ₐC = (a − y)³" in text


def test_forward_returns_named_z_and_a():
    result = toy().forward(X)
    assert isinstance(result, Forward)
    z, a = result
    assert z is result.z and a is result.a
    assert len(z) == 2 and len(a) == 3 and a[0] is not None
    assert result.a[-1][0, 0] == 180


def test_the_network_module_offers_the_same_functions():
    assert network.layer_forward is layer_forward and network.output_delta is output_delta
    assert (network.hidden_delta, network.grad_b, network.grad_w) == (hidden_delta, grad_b, grad_w)


def test_sigmas_are_the_activation_objects():
    net = toy()
    assert [s.name for s in net.sigmas] == ["linear", "linear"] == net.activation_names
    assert not hasattr(net, "activations")    # one name per meaning: sigmas or activation_names
