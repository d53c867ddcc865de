"""The 40/80 → 60 hand-worked example: 40 and 80 in, 60 wanted, W¹ all 0.5, W² all 1, no biases.

Expected numbers by hand: z¹ⱼ = 0.5·40 + 0.5·80 = 60, ŷ = 3·60 = 180, C = ½(180 − 60)² = 7200,
δ² = 120, ∂C/∂w²₁ⱼ = 120·60 = 7200, δ¹ⱼ = 1·120, ∂C/∂w¹ⱼ₁ = 120·40 = 4800, ∂C/∂w¹ⱼ₂ = 9600;
after η = 1e-5: w¹ = 0.452, 0.404, w² = 0.928, z¹ⱼ = 0.452·40 + 0.404·80 = 50.4,
ŷ = 3·0.928·50.4 = 140.3136, C = ½·80.3136² = 3225.13717248 (the source text prints the same).
"""

import numpy as np
import pytest

from bpviz.core.network import Network
from bpviz.core.presets import get_preset
from bpviz.core.stepper import Stepper

X, Y, ETA = [40.0, 80.0], [60.0], 1e-5


def toy() -> Network:
    return Network([2, 3, 1], ["linear", "linear"], "mse",
                   [np.full((3, 2), 0.5), np.ones((1, 3))], None)


def test_backprop_gives_the_hand_worked_numbers():
    trace = toy().backprop(X, Y)
    np.testing.assert_array_equal(trace.z[0], [[60, 60, 60]])
    assert trace.output[0, 0] == 180.0
    assert trace.loss == 7200.0
    np.testing.assert_array_equal(trace.delta[1], [[120]])
    np.testing.assert_array_equal(trace.grad_w[1], [[7200, 7200, 7200]])
    np.testing.assert_array_equal(trace.grad_w[0], [[4800, 9600]] * 3)
    assert trace.grad_b is None


def test_one_update_gives_the_seeds_result():
    net = toy()
    trace = net.backprop(X, Y)
    after = Network([2, 3, 1], ["linear", "linear"], "mse",
                    [w - ETA * g for w, g in zip(net.weights, trace.grad_w)], None)
    np.testing.assert_allclose(after.weights[0], [[0.452, 0.404]] * 3, rtol=1e-15)
    np.testing.assert_allclose(after.weights[1], [[0.928] * 3], rtol=1e-15)
    assert after.feedforward(X)[0, 0] == pytest.approx(140.3136, rel=1e-13)
    assert after.cost(X, Y) == pytest.approx(3225.13717248, rel=1e-12)


def test_stepper_gives_the_same_numbers_step_by_step():
    stepper = Stepper(toy(), X, Y, ETA)
    phases = [stepper.step_forward() for _ in range(stepper.length - 1)]
    assert [(s.phase, s.layer) for s in phases] == [
        ("forward", 1), ("forward", 2), ("loss", 2), ("backward", 2), ("backward", 1),
        ("update", None)]
    fwd1, fwd2, loss, back2, back1, update = phases
    np.testing.assert_array_equal(fwd1.z[0], [60, 60, 60])
    assert fwd1.z[1] is None                      # layer 2 not computed yet
    assert fwd2.a[2][0] == 180.0
    assert loss.loss == 7200.0
    np.testing.assert_array_equal(back2.delta[1], [120])
    np.testing.assert_array_equal(back2.grad_w[1], [[7200, 7200, 7200]])
    assert back2.grad_w[0] is None
    np.testing.assert_array_equal(back1.grad_w[0], [[4800, 9600]] * 3)
    np.testing.assert_allclose(update.new_weights[0], [[0.452, 0.404]] * 3, rtol=1e-15)
    assert update.output_after[0] == pytest.approx(140.3136, rel=1e-13)
    assert update.loss_after == pytest.approx(3225.13717248, rel=1e-12)


def test_the_preset_is_the_hand_worked_example():
    preset = get_preset("toy-40-80")
    net, data = preset.network(), preset.dataset()
    assert (net.sizes, net.activation_names, net.loss.name, net.has_biases) == (
        [2, 3, 1], ["linear", "linear"], "mse", False)
    np.testing.assert_array_equal(net.weights[0], np.full((3, 2), 0.5))
    np.testing.assert_array_equal(net.weights[1], np.ones((1, 3)))
    np.testing.assert_array_equal(data.x[preset.sample], X)
    np.testing.assert_array_equal(data.y[preset.sample], Y)
    assert preset.eta == ETA
