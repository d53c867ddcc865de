"""The answer to the failing-XOR question (the bug lab's seed-003 source text): a ReLU hidden
layer, a leaky ReLU output with slope 0.1, weights N(0, 1) from np.random.seed(0), zero
biases, 250 full-batch steps of η = 0.1 on the summed (not averaged) gradient. The answer
prints [[0.00342399] [0.99856158] [0.99983358] …]; bpviz reproduces them, once with the bug
lab's sum-not-mean (the answer's own arithmetic) and once with the mean and η = 4 · 0.1."""

import numpy as np
import pytest

from bpviz.core.bug_backprop import BuggyNetwork
from bpviz.core.network import Network
from bpviz.training.trainer import Trainer

X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = np.array([[0.], [1.], [1.], [0.]])
PRINTED = [0.00342399, 0.99856158, 0.99983358]      # the answer's first three outputs


def answer_network() -> Network:
    rng = np.random.RandomState(0)                   # np.random.seed(0), as the answer
    w0 = rng.normal(0., 1., size=(2, 4))             # the answer's (inputs × outputs) …
    w1 = rng.normal(0., 1., size=(4, 1))
    return Network([2, 4, 1], ["relu", "leaky_relu_0.1"], "mse",
                   [w0.T.copy(), w1.T.copy()], [np.zeros(4), np.zeros(1)])   # … is Wᵀ here


@pytest.mark.parametrize("summed", [True, False])
def test_the_answers_relu_network_gives_its_printed_outputs(summed):
    net = answer_network()
    if summed:
        trained = BuggyNetwork(net, ["sum-not-mean"])
        Trainer(trained, X, Y, eta=0.1).run(250)
    else:
        trained = net
        Trainer(net, X, Y, eta=0.4).run(250)
    out = trained.feedforward(X).ravel()
    np.testing.assert_allclose(out[:3], PRINTED, rtol=0, atol=5e-9)   # its 8 printed digits
    assert abs(out[3]) < 0.01                        # (the fourth was cut from the text)
