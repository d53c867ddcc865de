"""Regression tests for defects an independent review found: softmax + cross-entropy with
targets that do not sum to 1, what divergence keeps, epoch counting when the batch size
changes mid-epoch, save permissions, deeply nested JSON and bad Network arguments."""

import os
import stat

import numpy as np
import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.equations import describe
from bpviz.core.modelfile import loads, save_model
from bpviz.core.network import Network
from bpviz.core.presets import get_preset
from bpviz.core.stepper import Stepper
from bpviz.training.trainer import Trainer

from .core_reference import central_differences


@pytest.mark.parametrize("target", [[1.0, 1.0], [0.0, 0.0], [2.0, 0.0], [0.3, 0.2]])
def test_softmax_cross_entropy_gradient_for_any_target(target):
    net = Network([2, 2], ["softmax"], "cross_entropy", [[[0.3, -0.2], [0.1, 0.4]]], [[0.05, -0.1]])
    x, y = np.array([[1.0, 2.0]]), np.array([target])
    trace = net.backprop(x, y)
    fd_w, fd_b = central_differences(net.weights, net.biases, net.activation_names,
                                     "cross_entropy", x, y)
    np.testing.assert_allclose(trace.grad_w[0], fd_w[0], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(trace.grad_b[0], fd_b[0], rtol=1e-6, atol=1e-9)


def test_softmax_cross_entropy_equation_says_what_it_computes():
    net = Network([2, 2], ["softmax"], "cross_entropy", [[[0.0, 0.0], [0.0, 0.0]]], None)
    stepper = Stepper(net, [1.0, 2.0], [1.0, 1.0], 0.1)
    step = stepper.go_to(3)                                 # input, forward, loss, backward
    assert step.phase == "backward"
    text = "\n".join(line.text for line in describe(step))
    # a = (½, ½), Σy = 2: δ = a·2 − y = (0, 0), not a − y = (−½, −½)
    assert "Σⱼyⱼ" in text and "δ¹₁ = 0.5·2 - 1 = 0" in text
    np.testing.assert_allclose(step.delta[0], [0.0, 0.0], atol=1e-15)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum"])
@pytest.mark.parametrize("eta", [1000.0, 1e6])
def test_divergence_keeps_weights_whose_loss_is_finite(optimizer, eta):
    preset = get_preset("xor")
    data = preset.dataset()
    net = preset.network()
    trainer = Trainer(net, data.x, data.y, eta=eta, batch_size=1, optimizer=optimizer)
    result = trainer.run(50)
    assert result.diverged is not None
    assert np.isfinite(net.params).all()
    assert np.isfinite(trainer.evaluate()[0])               # the kept weights give a loss


def test_divergence_names_the_step_that_diverged():
    """Toy example, η = 1e306: the very first update overflows W, in epoch 1, step 1, and
    the starting weights (seed 004's) are what is kept."""
    preset = get_preset("toy-40-80")
    data = preset.dataset()
    net = preset.network()
    result = Trainer(net, data.x, data.y, eta=1e306, batch_size=1).run(1)
    assert (result.diverged.epoch, result.diverged.step) == (1, 1)
    np.testing.assert_array_equal(net.params, [0.5] * 6 + [1.0] * 3)


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


def test_saving_keeps_the_files_permissions(tmp_path):
    net = get_preset("xor").network()
    path = tmp_path / "m.json"
    path.write_text("{}")
    os.chmod(path, 0o644)
    save_model(net, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    fresh = tmp_path / "new.json"
    save_model(net, fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_deeply_nested_json_is_a_one_line_error():
    with pytest.raises(BpvizError) as err:
        loads("[" * 100_000 + "]" * 100_000)
    assert "\n" not in str(err.value)


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


def test_one_dimensional_training_data_is_explained():
    with pytest.raises(BpvizError, match="one row per sample"):
        Trainer(get_preset("xor").network(), np.zeros(2), np.zeros(1))


def test_check_finite_names_the_epoch_even_after_losses_were_handed_on():
    """The worker empties `trainer.losses` at every snapshot; the epoch of a weight that
    became non-finite on an epoch's last step must not depend on that list."""
    preset = get_preset("toy-40-80")
    data = preset.dataset()
    trainer = Trainer(preset.network(), data.x, data.y, eta=1e-5, batch_size=1)
    steps = trainer.steps()
    assert next(steps) == 1 and next(steps) == 2          # two one-step epochs
    trainer.losses.clear()
    trainer.network.params[0] = np.inf                     # as if step 2 had overflowed
    assert not trainer.check_finite()
    assert (trainer.divergence.epoch, trainer.divergence.step) == (2, 2)
