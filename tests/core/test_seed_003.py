"""The seed-003 preset (a learner's XOR net that fails: σ′ of a, mean over features) computes
what the learner's own code computes: their loop is written out again here, from their code,
and compared with the preset trained by bpviz's trainer with the preset's two mistakes on."""

import numpy as np
import pytest

from bpviz.core.bug_training import train_with_bugs
from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer


def learner_loop(seed, steps, eta=0.35):
    """The learner's network: layers [2, 2, 1], sigmoid everywhere, samples as columns,
    biases drawn before weights, σ′ applied to the activations, and the gradient averaged
    over len(x) of the 2×4 batch (= 2, the number of inputs)."""
    np.random.seed(seed)
    layers = [2, 2, 1]
    biasses = [np.random.randn(n, 1) for n in layers[1:]]
    weights = [np.random.randn(i, o) for o, i in zip(layers[:-1], layers[1:])]
    start = [b[:, 0].copy() for b in biasses]

    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    def sigmoid_prime(z):
        return sigmoid(z) * (1 - sigmoid(z))

    x = np.array([[1, 1], [0, 1], [1, 0], [0, 0]]).transpose()
    y = np.array([[a ^ b] for a, b in x.T]).reshape(1, -1)
    history = []
    for _ in range(steps):
        activations = [x]
        for w, b in zip(weights, biasses):
            activations.append(sigmoid(np.dot(w, activations[-1]) + b))
        dw = [np.zeros(w.shape) for w in weights]
        db = [np.zeros(b.shape) for b in biasses]
        delta = activations[-1] - y
        for l in range(2, len(layers) + 1):
            dw[-l + 1] = (1 / len(x)) * np.dot(delta, activations[-l].T)
            db[-l + 1] = (1 / len(x)) * np.sum(delta, axis=1)
            delta = np.dot(weights[-l + 1].T, delta) * sigmoid_prime(activations[-l])
        for w, d in zip(weights, dw):
            w -= eta * d
        for b, d in zip(biasses, db):
            b -= eta * d.reshape(-1, 1)
        history.append(([w.copy() for w in weights], [b[:, 0].copy() for b in biasses]))
    return start, history


@pytest.mark.parametrize("seed", [0, 7])
def test_preset_draws_the_learners_starting_parameters(seed):
    biases, _ = learner_loop(seed, 0)
    np.random.seed(seed)
    np.random.randn(3)                          # the three biases come first
    weights = [np.random.randn(2, 2), np.random.randn(1, 2)]
    net = get_preset("seed-003").network(seed=seed)
    for got, want in zip(net.biases, biases):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(net.weights, weights):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("seed", [0, 7])
def test_preset_with_its_mistakes_follows_the_learners_loop(seed):
    preset = get_preset("seed-003")
    assert preset.bugs == ("sigma-prime-of-a", "mean-over-features")
    assert (preset.sizes, preset.activations, preset.loss, preset.eta, preset.epochs) == (
        (2, 2, 1), ("sigmoid", "sigmoid"), "binary_cross_entropy", 0.35, 60000)
    _, history = learner_loop(seed, 3)
    data = preset.dataset()
    for steps in (1, 2, 3):
        run = train_with_bugs(Trainer, preset.network(seed=seed), data.x, data.y, preset.bugs,
                              steps, eta=preset.eta, batch_size=preset.batch_size, seed=seed)
        weights, biases = history[steps - 1]
        for got, want in zip(run.network.weights, weights):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
        for got, want in zip(run.network.biases, biases):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
