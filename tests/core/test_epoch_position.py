"""Where the trainer's weights are within an epoch, also when the batch size changes inside it:
the steps left must be exactly the steps the epoch still takes (a pause at 258 of 400 steps
then batch size 1 had said "475 of 4 000 steps" with 1 203 steps left, not 3 525)."""

import numpy as np
import pytest

from bpviz.core.network import Network
from bpviz.training.trainer import Trainer


def trainer(n=100, batch=20):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 2))
    y = (x[:, :1] > 0).astype(float)
    return Trainer(Network.create([2, 3, 1], "sigmoid", "mse", seed=0), x, y, eta=0.5,
                   batch_size=batch, seed=0)


def steps_until_epoch_end(t, g) -> int:
    taken = 0
    while True:
        taken += 1
        if next(g) is not None:
            return taken


@pytest.mark.parametrize("first, taken, second", [(20, 3, 1), (20, 2, 7), (1, 30, 20), (7, 5, 7)])
def test_steps_left_are_the_steps_the_epoch_still_takes(first, taken, second):
    t = trainer(batch=first)
    g = t.steps()
    for _ in range(taken):
        next(g)
    assert (t.steps_into_epoch, t.running_epoch) == (taken, 1)
    t.set_batch_size(second)
    rows_left = 100 - first * taken
    assert t.steps_per_epoch - t.steps_into_epoch == -(-rows_left // second)
    left = t.steps_per_epoch - t.steps_into_epoch
    assert steps_until_epoch_end(t, g) == left          # counted by running the epoch out
    assert (t.epoch, t.steps_into_epoch, t.running_epoch) == (1, 0, 1)
    next(g)                                             # the next epoch: plain steps again
    assert t.steps_into_epoch == 1 and t.steps_per_epoch == -(-100 // second)


def test_new_steps_inside_an_epoch_start_its_rows_again():
    """After a divergence the window asks for new steps, which take the epoch's rows from its
    start: the steps left must be those (it had said "5 of 8 steps", then took 13)."""
    t = trainer(batch=20)                 # 5 steps an epoch
    next(t.steps())
    next_steps = t.steps()
    next(next_steps)
    next(next_steps)                      # 3 steps into epoch 1, 2 of them on its rows again
    assert t.steps_per_epoch - t.steps_into_epoch == 3
    assert steps_until_epoch_end(t, next_steps) == 3
