"""Named starting points: a network, its data, and the settings to train it.

`toy-40-80` is the 40/80 → 60 hand-worked example (its numbers are in docs/ARCHITECTURE.md);
`not-gate` is the classic 2-2-2 sigmoid network learning element-wise NOT; `xor`'s defaults
were chosen so that every one of 100 random seeds reaches 100 % accuracy (see README,
"XOR defaults"); `mnist` is Nielsen's network.py settings ([784, 30, 10], sigmoid, quadratic
cost, η = 3.0, batch 10, 30 epochs) with his network2.py initialisation, on the full set when
it is in the cache, else on the bundled 5 000-digit subset (core/mnist.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import datasets, mnist
from .datasets import Dataset
from .errors import BpvizError
from .network import Network


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    sizes: tuple
    activations: tuple
    loss: str
    data: Callable[[], Dataset]
    eta: float
    epochs: int
    batch_size: int | None = None        # None: the whole training set
    optimizer: str = "sgd"
    init: str = "xavier"
    biases: bool = True
    seed: int = 0
    weights: tuple | None = None         # fixed starting weights (index l − 1), else `init`
    sample: int = 0                      # the sample the explorer walks first
    extra: dict = field(default_factory=dict)
    draw: Callable | None = None         # seed -> (weights, biases): a preset's own drawing
    bugs: tuple = ()                     # the bug lab's mistakes this preset reproduces

    def network(self, seed: int | None = None, dtype: str = "float64") -> Network:
        """The starting network: the fixed weights if the preset has them (unless a seed is
        given), else drawn by the initialiser from `seed` (default: the preset's)."""
        if self.draw is not None:
            weights, biases = self.draw(self.seed if seed is None else seed)
            return Network(self.sizes, self.activations, self.loss, weights, biases, dtype=dtype)
        if self.weights is not None and seed is None:
            return Network(self.sizes, self.activations, self.loss,
                           [np.array(w, dtype=float) for w in self.weights],
                           [np.zeros(n) for n in self.sizes[1:]] if self.biases else None,
                           dtype=dtype)
        return Network.create(self.sizes, list(self.activations), self.loss, init=self.init,
                              biases=self.biases, seed=self.seed if seed is None else seed,
                              dtype=dtype)

    def dataset(self) -> Dataset:
        return self.data()

    def settings(self) -> dict:
        """Training settings as stored in a model file's `training` key."""
        return {"preset": self.name, "learning_rate": self.eta, "epochs": self.epochs,
                "batch_size": self.batch_size, "optimizer": self.optimizer, "seed": self.seed}


def _learner_xor() -> Dataset:
    """XOR's four rows in the order of the learner's code: (1, 1), (0, 1), (1, 0), (0, 0)."""
    x = np.array([[1.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.0, 0.0]])
    return Dataset("xor", x, (x[:, :1] != x[:, 1:]).astype(float),
                   input_names=("x₁", "x₂"), target_names=("y",))


def _learner_draw(sizes):
    """The learner's initial parameters: NumPy's legacy np.random.seed(seed), then the biases
    (randn(nˡ, 1) for each layer), then the weights (randn(nˡ, nˡ⁻¹) for each layer), in that
    order, from the one global stream."""
    def draw(seed: int):
        state = np.random.RandomState(seed)     # the same stream as np.random.seed(seed)
        biases = [state.randn(n, 1)[:, 0] for n in sizes[1:]]
        weights = [state.randn(n_out, n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        return weights, biases
    return draw


def _toy() -> Dataset:
    return Dataset("toy-40-80", np.array([[40.0, 80.0]]), np.array([[60.0]]),
                   input_names=("x₁", "x₂"), target_names=("y",))


PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("toy-40-80", "the 40/80 → 60 hand-worked example: 2-3-1 linear, no biases, "
           "W¹ all 0.5, W² all 1, inputs 40 and 80, target 60, η = 1e-5",
           (2, 3, 1), ("linear", "linear"), "mse", _toy, eta=1e-5, epochs=20, batch_size=1,
           init="constant", biases=False,
           weights=(((0.5, 0.5), (0.5, 0.5), (0.5, 0.5)), ((1.0, 1.0, 1.0),))),
    Preset("xor", "exclusive or: 2-4-1, tanh hidden, linear output, quadratic cost, η = 0.2",
           (2, 4, 1), ("tanh", "linear"), "mse", datasets.xor, eta=0.2, epochs=1000,
           sample=1),
    Preset("not-gate", "element-wise NOT of two bits, the classic first network: 2-2-2 "
           "sigmoid, quadratic cost, single-sample SGD, η = 0.2",
           (2, 2, 2), ("sigmoid", "sigmoid"), "mse", datasets.not_gate, eta=0.2,
           epochs=10000, batch_size=1, init="normal"),
    Preset("and", "logical and: 2-2-1, tanh hidden, sigmoid output, binary cross-entropy",
           (2, 2, 1), ("tanh", "sigmoid"), "binary_cross_entropy", datasets.and_gate,
           eta=0.5, epochs=500, sample=3),
    Preset("or", "logical or: 2-2-1, tanh hidden, sigmoid output, binary cross-entropy",
           (2, 2, 1), ("tanh", "sigmoid"), "binary_cross_entropy", datasets.or_gate,
           eta=0.5, epochs=500, sample=1),
    Preset("circle", "is the point inside the circle? 2-8-1 tanh/sigmoid on 200 noisy points",
           (2, 8, 1), ("tanh", "sigmoid"), "binary_cross_entropy",
           lambda: datasets.circle().split(0.2), eta=0.3, epochs=500, batch_size=10),
    Preset("spirals", "two interleaved spirals: 2-16-16-1 tanh/sigmoid, Adam",
           (2, 16, 16, 1), ("tanh", "tanh", "sigmoid"), "binary_cross_entropy",
           lambda: datasets.spirals().split(0.2), eta=0.03, epochs=300, batch_size=10,
           optimizer="adam"),
    Preset("gaussians", "two Gaussian clusters: 2-2-1 tanh/sigmoid",
           (2, 2, 1), ("tanh", "sigmoid"), "binary_cross_entropy",
           lambda: datasets.gaussians().split(0.2), eta=0.3, epochs=200, batch_size=10),
    # seed 2: one of the starts where the mistaken net stays at 50 % and the fixed one learns
    Preset("seed-003", "a learner's XOR net that fails: σ′ of a, mean over features — 2-2-1 "
           "sigmoid, binary cross-entropy, η = 0.35, full batch, weights N(0, 1)",
           (2, 2, 1), ("sigmoid", "sigmoid"), "binary_cross_entropy", _learner_xor, eta=0.35,
           epochs=60000, init="normal", sample=0, seed=2, draw=_learner_draw((2, 2, 1)),
           bugs=("sigma-prime-of-a", "mean-over-features")),
    Preset("mnist", "handwritten digits (Nielsen's network.py): 784-30-10 sigmoid, quadratic "
           "cost, η = 3.0, batch 10, weights N(0, 1)/√nˡ⁻¹",
           (784, 30, 10), ("sigmoid", "sigmoid"), "mse", mnist.mnist_dataset, eta=3.0,
           epochs=30, batch_size=10, init="scaled-normal"),
]}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise BpvizError(f"unknown preset {name!r}: expected one of {', '.join(PRESETS)}") from None


def recorded_preset(network: Network, extra: dict | None, source: str) -> Preset | None:
    """The preset a model file records (training.preset, as `train --preset … --save` writes
    it), or None when it records none; one line starting with `source` (the file) when the
    name is no preset, or when the file's network does not fit that preset's data (a 2-4-1
    network recording mnist). The command line refuses such a file where it would use the
    preset's data; the window opens it on other data and says this line in a dialog."""
    training = (extra or {}).get("training")
    name = training.get("preset") if isinstance(training, dict) else None
    if not isinstance(name, str):
        return None
    try:
        preset = get_preset(name)
    except BpvizError as e:
        raise BpvizError(f"{source}: training.preset: {e}") from None
    sizes = network.sizes
    if (preset.sizes[0], preset.sizes[-1]) != (sizes[0], sizes[-1]):
        raise BpvizError(f"{source}: a {'-'.join(map(str, sizes))} network does not fit the "
                         f"data of preset {name!r} ({preset.sizes[0]} inputs, "
                         f"{preset.sizes[-1]} outputs), which training.preset names")
    return preset
