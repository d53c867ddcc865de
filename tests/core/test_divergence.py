"""What the trainer does when training diverges: which weights it keeps, and which epoch and
step it names."""

import numpy as np
import pytest

from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer


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
    the starting weights (the hand-worked example's) are what is kept."""
    preset = get_preset("toy-40-80")
    data = preset.dataset()
    net = preset.network()
    result = Trainer(net, data.x, data.y, eta=1e306, batch_size=1).run(1)
    assert (result.diverged.epoch, result.diverged.step) == (1, 1)
    np.testing.assert_array_equal(net.params, [0.5] * 6 + [1.0] * 3)


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
