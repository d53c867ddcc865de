"""Divergence by explosion (a loss above factor × the initial loss) and the compact loss
history: the rule against a fixed reference, the weights kept, 8 bytes per epoch."""

import numpy as np
import pytest

from bpviz.core.datasets import xor
from bpviz.core.errors import BpvizError
from bpviz.core.presets import get_preset
from bpviz.training.history import History
from bpviz.training.trainer import Trainer


def test_an_explosion_stops_within_one_step_with_the_weights_from_before_it():
    data = xor()
    trainer = Trainer(get_preset("xor").network(seed=0), data.x, data.y, eta=100.0)
    before_step = {}                        # step number → the weights that step started from
    with np.errstate(all="ignore"):
        steps = trainer.steps()
        while True:
            before_step[trainer.step + 1] = trainer.network.params.copy()
            try:
                next(steps)
            except StopIteration:
                break
    d = trainer.divergence
    assert d is not None and "exploded" in d.message
    # the step that showed the explosion measured the weights the step before it produced;
    # those are thrown away and the ones that step started from are kept
    np.testing.assert_array_equal(trainer.network.params, before_step[d.step - 1])
    fresh = get_preset("xor").network(seed=0)      # the reference: the loss before any step
    assert trainer.reference_loss == fresh.cost(data.x, data.y)
    assert trainer.evaluate()[0] <= 1e4 * trainer.reference_loss


def test_the_reference_is_the_initial_loss_not_the_best_so_far():
    """Near a perfect fit a spike of 1000× the current loss is still tiny next to the
    initial loss: not a divergence (a best-so-far rule would stop here)."""
    data = xor()
    trainer = Trainer(get_preset("xor").network(seed=0), data.x, data.y, eta=0.2)
    trainer.run(3000)
    low = trainer.evaluate()[0]
    assert trainer.divergence is None and low < 1e-4 * trainer.reference_loss
    rng = np.random.default_rng(0)
    params = trainer.network.params.copy()
    for scale in np.geomspace(1e-6, 1e-1, 60):    # find a kick that makes the loss ≈ 1000× worse
        trainer.set_params(params + scale * rng.standard_normal(params.size))
        if trainer.evaluate()[0] > 1000 * low:
            break
    spiked = trainer.evaluate()[0]
    assert 1000 * low < spiked < trainer.reference_loss
    result = trainer.run(100)
    assert result.diverged is None


def test_a_factor_must_be_above_one():
    data = xor()
    for bad in (1, 0.5, -3, float("nan"), "x"):
        with pytest.raises(BpvizError, match="divergence factor"):
            Trainer(get_preset("xor").network(), data.x, data.y, divergence_factor=bad)


def test_the_loss_history_takes_8_bytes_an_epoch_and_reads_like_a_list():
    h = History(capacity=4)
    values = [0.5 / (i + 1) for i in range(5000)]
    for v in values:
        h.append(v)
    assert len(h) == 5000 and h.nbytes == 8 * 5000
    assert h == values and h != values[:-1] and h[-1] == values[-1] and h[10] == values[10]
    assert list(h)[:3] == values[:3] and h.tolist() == values
    assert np.shares_memory(np.asarray(h), h.array)
    tail = h[4000:]
    assert tail == values[4000:]
    tail.append(9.0)                         # appending to a slice copies, never writes into h
    assert len(h) == 5000 and h == values
    h.clear()
    assert len(h) == 0 and not h


def test_the_trainer_keeps_its_losses_in_a_history():
    data = xor()
    trainer = Trainer(get_preset("xor").network(), data.x, data.y, eta=0.2)
    result = trainer.run(1000)
    assert isinstance(trainer.losses, History) and trainer.losses.nbytes == 8000
    assert len(result.loss) == 1000 and result.loss[-1] < result.loss[0]


def test_the_divergence_message_names_the_epoch_and_the_completed_count():
    """The epoch counter shows completed epochs (391) while the explosion happens during the
    next one (392): the message says both, and writes its numbers as people do."""
    data = xor()
    trainer = Trainer(get_preset("xor").network(seed=0), data.x, data.y, eta=100.0)
    with np.errstate(all="ignore"):
        trainer.run(50)
    d = trainer.divergence
    assert d is not None and d.epoch == trainer.epoch + 1
    assert f"during epoch {d.epoch} ({trainer.epoch} completed)" in d.message
    assert "more than 10\u00a0000 × the initial loss" in d.message
    assert "e+" not in d.message and "η = 100)" in d.message


def test_a_large_learning_rate_is_written_in_groups_in_the_message():
    data = xor()
    trainer = Trainer(get_preset("xor").network(seed=0), data.x, data.y, eta=100000.0)
    with np.errstate(all="ignore"):
        trainer.run(50)
    assert trainer.divergence is not None
    assert trainer.divergence.message.endswith("(η = 100\u00a0000)")


def test_a_loss_that_is_not_finite_before_training_trains_nothing_and_says_why():
    # ½ (a − 1e200)² overflows whatever the network outputs: there is no loss to compare with
    x = np.array([[0.0, 0.0], [1.0, 0.0]])
    y = np.array([[0.0], [1e200]])
    net = get_preset("xor").network(seed=0)
    before = net.params.copy()
    result = Trainer(net, x, y, eta=0.2, batch_size=1).run(5)
    d = result.diverged
    assert d is not None and d.step == 0 and result.epochs == 0 and len(result.loss) == 0
    assert d.message.startswith("the loss before the first step is already inf")
    assert "1e200" in d.message and "\n" not in d.message
    np.testing.assert_array_equal(net.params, before)      # nothing was trained
