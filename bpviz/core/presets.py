"""Named starting points: a network, its data, and the settings to train it.

`toy-40-80` is the 40/80 → 60 hand-worked example (its numbers are in docs/ARCHITECTURE.md);
`not-gate` is the classic 2-2-2 sigmoid network learning element-wise NOT; `xor`'s defaults
were chosen so that every one of 100 random seeds reaches 100 % accuracy (see README,
"XOR defaults").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import datasets
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

    def network(self, seed: int | None = None, dtype: str = "float64") -> Network:
        """The starting network: the fixed weights if the preset has them (unless a seed is
        given), else drawn by the initialiser from `seed` (default: the preset's)."""
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
]}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise BpvizError(f"unknown preset {name!r}: expected one of {', '.join(PRESETS)}") from None
