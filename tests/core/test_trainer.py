"""The trainer loop (divergence, seeding, its fast gradient) and the optimisers on a
quadratic whose minimum is known."""

import warnings

import numpy as np
import pytest

from bpviz.core.datasets import not_gate, xor
from bpviz.core.errors import BpvizError
from bpviz.core.network import Network
from bpviz.core.optimizers import make_optimizer
from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer


def test_divergence_is_reported_and_the_weights_stay_finite():
    data = xor()
    net = get_preset("xor").network()
    trainer = Trainer(net, data.x, data.y, eta=1000.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")            # run() must silence NumPy's overflow
        result = trainer.run(1000)
    assert result.diverged is not None
    assert result.diverged.step == result.diverged.epoch   # full batch: one step per epoch
    assert result.epochs == result.diverged.epoch - 1 < 1000
    assert "diverged" in result.diverged.message and "\n" not in result.diverged.message
    assert np.isfinite(net.params).all()
    assert all(np.isfinite(result.loss))
    assert result.as_dict()["diverged"]["epoch"] == result.diverged.epoch


def test_loss_and_gradient_equals_backprop():
    rng = np.random.default_rng(2)
    for acts, loss in [(["tanh", "sigmoid"], "binary_cross_entropy"),
                       (["relu", "softmax"], "cross_entropy"),
                       (["leaky_relu", "linear"], "mse"), (["sigmoid", "softmax"], "mse")]:
        for biases in (True, False):
            net = Network.create([3, 5, 2], acts, loss, init="normal", biases=biases, seed=4)
            x = rng.standard_normal((6, 3))
            y = rng.dirichlet([1, 1], 6)
            grad = np.zeros_like(net.params)
            value = net.loss_and_gradient(x, y, grad)
            trace = net.backprop(x, y)
            assert value == pytest.approx(trace.loss, rel=1e-12)
            np.testing.assert_allclose(grad, net.gradient_vector(trace), rtol=1e-10, atol=1e-14)


def test_same_seed_same_run_and_different_seed_different_shuffle():
    data = not_gate()

    def losses(seed):
        net = get_preset("not-gate").network(seed=1)
        return Trainer(net, data.x, data.y, eta=0.2, batch_size=1, seed=seed).run(5).loss

    assert losses(3) == losses(3)
    assert losses(3) != losses(4)


def test_not_gate_preset_learns_element_wise_not():
    """The classic first network: a 2-2-2 sigmoid net learns element-wise NOT by single-sample
    SGD, η = 0.2."""
    preset = get_preset("not-gate")
    assert (preset.sizes, preset.activations, preset.eta, preset.batch_size) == (
        (2, 2, 2), ("sigmoid", "sigmoid"), 0.2, 1)
    data = preset.dataset()
    np.testing.assert_array_equal(data.y, 1 - data.x)
    net = preset.network()
    result = Trainer(net, data.x, data.y, eta=preset.eta, batch_size=preset.batch_size,
                     seed=preset.seed).run(preset.epochs)
    assert result.diverged is None
    assert result.train_accuracy == 1.0
    assert result.loss[-1] < 0.01 < result.loss[0]
    out = net.feedforward(data.x)
    assert np.all(np.abs(out - data.y) < 0.1)


def test_bad_settings_are_user_errors():
    data = xor()
    net = get_preset("xor").network()
    for kwargs in ({"eta": -1}, {"eta": float("nan")}, {"batch_size": 0}, {"batch_size": 5},
                   {"optimizer": "rmsprop"}):
        with pytest.raises(BpvizError):
            Trainer(net, data.x, data.y, **kwargs)
    with pytest.raises(BpvizError, match="epochs"):
        Trainer(net, data.x, data.y).run(-1)
    with pytest.raises(BpvizError, match="input columns"):
        Trainer(net, data.x[:, :1], data.y)


# -- optimisers on C(w) = ½‖w − c‖², ∇C = w − c -------------------------------------------
C = np.array([3.0, -2.0])


def descend(name, eta, steps, w0=(0.0, 0.0)):
    opt = make_optimizer(name, eta)
    w = np.array(w0)
    path = [w.copy()]
    for _ in range(steps):
        opt.step(w, w - C)
        path.append(w.copy())
    return path


def test_sgd_step_by_hand():
    path = descend("sgd", 0.1, 2)
    np.testing.assert_allclose(path[1], [0.3, -0.2])            # 0 − 0.1·(0 − c)
    np.testing.assert_allclose(path[2], [0.57, -0.38])          # 0.3 − 0.1·(0.3 − 3)


def test_momentum_steps_by_hand():
    path = descend("momentum", 0.1, 2)
    # v₁ = −0.1·(−3, 2) = (0.3, −0.2); w₁ = v₁
    np.testing.assert_allclose(path[1], [0.3, -0.2])
    # v₂ = 0.9·v₁ − 0.1·(w₁ − c) = (0.27 + 0.27, −0.18 − 0.18); w₂ = w₁ + v₂
    np.testing.assert_allclose(path[2], [0.84, -0.56])


def test_adam_first_step_is_eta_times_the_sign():
    # m̂ = g, v̂ = g², so the step is η·g/(|g| + ε) ≈ η·sign(g)
    path = descend("adam", 0.01, 1)
    np.testing.assert_allclose(path[1], [0.01, -0.01], rtol=1e-6)


@pytest.mark.parametrize("name, eta, steps", [("sgd", 0.1, 300), ("momentum", 0.05, 500),
                                              ("adam", 0.05, 3000)])
def test_optimisers_reach_the_minimum(name, eta, steps):
    np.testing.assert_allclose(descend(name, eta, steps)[-1], C, atol=1e-3)


def test_l2_pulls_weights_but_not_biases():
    opt = make_optimizer("sgd", 0.1, l2=0.5, weight_mask=np.array([1.0, 0.0]))
    w = np.array([2.0, 2.0])
    opt.step(w, np.zeros(2))
    np.testing.assert_allclose(w, [2.0 - 0.1 * 0.5 * 2.0, 2.0])


def test_changing_the_batch_size_mid_epoch_finishes_the_epoch():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(7, 2))
    y = (x[:, :1] > 0).astype(float)
    trainer = Trainer(get_preset("xor").network(), x, y, eta=0.1, batch_size=2)
    steps = trainer.steps()
    assert next(steps) is None                 # 2 of 7 samples seen
    trainer.set_batch_size(3)
    assert next(steps) is None                 # 5 of 7
    assert next(steps) == 1                    # 7 of 7: only now is epoch 1 complete
    assert (trainer.epoch, trainer.step) == (1, 3)


def test_a_trained_network_trained_further_with_adam_does_not_count_as_exploding():
    """The README's example: XOR trained to a loss of ~1e-13, then Adam with batches of 2.
    Adam's first steps move every weight by about η, and the loss rose to ~0.4: with the
    limit at 10⁴ × the initial loss that had been an "explosion" at step 2. The initial loss
    is floored at 1e-2, so the limit is a loss of 100; a real explosion is still caught."""
    data = xor()
    net = get_preset("xor").network()
    first = Trainer(net, data.x, data.y, eta=0.2, seed=3)
    first.run(1000)
    assert net.cost(data.x, data.y) < 1e-6
    further = Trainer(net, data.x, data.y, eta=0.2, optimizer="adam", seed=3)
    further.set_batch_size(2)
    result = further.run(50)
    assert result.diverged is None and result.epochs == 50
    exploding = Trainer(net, data.x, data.y, eta=1e6, seed=3)
    assert exploding.run(100).diverged is not None


def test_targets_of_1e_3_keep_the_divergence_limit_near_their_own_losses():
    """The floor follows the targets: 1 % of the loss of predicting 0. With y ~ 1e-3 (a loss
    of ~5e-7 for predicting 0) an explosion to 1e-3 is caught; with a flat floor of 1e-2 the
    limit had been a loss of 100, and η = 2 ran to 6.5e5 × its start unflagged."""
    from bpviz.training.divergence_floor import reference_floor

    assert reference_floor(np.array([[0.], [1.], [1.], [0.]])) == pytest.approx(0.01 * 0.25)
    assert reference_floor(np.full((10, 1), 1e-3)) == pytest.approx(0.01 * 0.5e-6)
    assert reference_floor(np.full((3, 2), 100.0)) == 1e-2          # at most 1e-2
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = 1e-3 * (x @ np.array([0.5, -0.2, 0.1]))[:, None]          # a linear rule, y ~ 1e-3
    net = Network.create([3, 8, 1], ["tanh", "linear"], "mse", seed=0)
    net.weights[1][...] *= 1e-3                 # starts near its targets: loss ~3.5e-7
    net.biases[1][...] = 0
    result = Trainer(net, x, y, eta=2.0).run(200)
    # the loss grows past 10⁴ × its start (to 1.6e-3) by step 12; with the flat floor of
    # 1e-2 the limit had been 100 and the run was never flagged
    assert result.diverged is not None and result.diverged.step <= 12
    assert "exploded" in result.diverged.message
