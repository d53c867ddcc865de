"""Training with the bug lab's mistakes: one run, or the correct network and the mistaken one
side by side from the same initial weights and data, so the cost of a mistake is seen in the
two loss curves.

The trainer lives in `training/`, which `core` must not import, so these functions take the
trainer class as an argument (`training.trainer.Trainer` everywhere; tests may pass another).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bug_backprop import BuggyNetwork
from .bugs import check_bugs
from .network import Network


@dataclass
class BugRun:
    """One training run with mistakes: the trained network (with the mistakes' numbers, e.g.
    the overflow count of naive-sigmoid), its result and the mistakes."""

    network: BuggyNetwork
    result: object          # the trainer's TrainResult
    bugs: tuple

    @property
    def overflows(self) -> int:
        naive = self.network.naive_sigmoid
        return naive.overflows if naive is not None else 0

    def hidden_units_equal(self, l: int = 1, tol: float = 1e-12) -> bool:
        """Are the units of hidden layer l still identical (same incoming weights and bias,
        same outgoing weights)? What symmetric-init leaves behind."""
        net = self.network
        W, W_next = net.weights[l - 1], net.weights[l]
        same = np.allclose(W, W[:1], rtol=0, atol=tol) and np.allclose(W_next, W_next[:, :1],
                                                                           rtol=0, atol=tol)
        if net.has_biases:
            same = same and np.allclose(net.biases[l - 1], net.biases[l - 1][0], rtol=0, atol=tol)
        return bool(same)


def train_with_bugs(trainer_class, network: Network, x, y, bugs, epochs: int, **settings) -> BugRun:
    """Train a copy of `network` with the mistakes `bugs` on; `settings` go to the trainer
    (eta, batch_size, optimizer, seed, …). The network passed in is not changed."""
    buggy = BuggyNetwork(network, check_bugs(bugs, network))
    trainer = trainer_class(buggy, x, y, **settings)
    result = trainer.run(epochs)
    return BugRun(buggy, result, buggy.bugs)


def side_by_side(trainer_class, network: Network, x, y, bugs, epochs: int, **settings):
    """(correct, mistaken): two BugRuns from the same initial weights, data and settings, the
    first with no mistakes. Their `result.loss` are the two loss curves."""
    return (train_with_bugs(trainer_class, network, x, y, (), epochs, **settings),
            train_with_bugs(trainer_class, network, x, y, bugs, epochs, **settings))
