"""The explorer's rules that do not depend on its state: which initialiser new random weights
use, what preset describes a network from a file or the network editor, which data a network
from a file opens on, and how a network's ends are rebuilt for data with other input or
target counts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..core.data_check import check_data
from ..core.datasets import Dataset
from ..core.errors import BpvizError
from ..core.network import Network
from ..core.presets import Preset, recorded_preset

CUSTOM = "custom"         # the preset name of a network from a file or the network editor


def random_init(init: str) -> str:
    """The initialiser for new random weights: a preset whose weights are written out by hand
    ("constant", e.g. the 40/80 → 60 example) draws Xavier weights instead."""
    return "xavier" if init == "constant" else init


def custom_preset(base: Preset, network: Network, dataset: Dataset, eta: float,
                  init: str, file: dict | None = None) -> Preset:
    """A preset that describes `network` itself (its shape, activations and loss), keeping
    the training settings of `base`; its name is CUSTOM. From a model file (`file`: its
    valid training settings), the file's epoch count and none of `base`'s mistakes."""
    more = {}
    if file is not None:
        more = {"bugs": (), "epochs": file.get("epochs", base.epochs)}
    return replace(base, name=CUSTOM, description="a network from a model file or the "
                   "Network tab", sizes=tuple(network.sizes),
                   activations=tuple(network.activation_names), loss=network.loss.name,
                   data=lambda: dataset, eta=eta, biases=network.has_biases, weights=None,
                   init=random_init(init), **more)


def fits(network: Network, dataset: Dataset) -> bool:
    """The data has as many inputs and targets as the network's ends."""
    return network.sizes[0] == dataset.n_inputs and network.sizes[-1] == dataset.n_targets


def check_dataset(network: Network, dataset: Dataset) -> None:
    """BpvizError with one line when the data (training and test part) does not fit the
    network or its loss (e.g. binary cross-entropy with y = 3)."""
    check_data(network, dataset.x, dataset.y, "training")
    if dataset.x_test is not None:
        check_data(network, dataset.x_test, dataset.y_test, "test")


def rebuilt_ends(network: Network, dataset: Dataset, init: str, seed: int) -> Network:
    """`network` with its input and output layers resized to `dataset`, the hidden layers,
    activations, loss and biases kept, and new random weights from `seed`."""
    sizes = [dataset.n_inputs] + list(network.sizes[1:-1]) + [dataset.n_targets]
    return Network.create(sizes, network.activation_names, network.loss.name,
                          init=random_init(init), biases=network.has_biases, seed=seed)


def file_dataset(network: Network, extra: dict | None) -> Dataset:
    """The one sample a model file carries (its `training` input and target), or zeros, for a
    network whose ends do not fit the data in use."""
    x, y = [[0.0] * network.sizes[0]], [[0.0] * network.sizes[-1]]
    training = (extra or {}).get("training", {})
    if isinstance(training, dict) and "input" in training and "target" in training:
        x, y = training["input"], training["target"]
    return Dataset("model file", np.atleast_2d(np.asarray(x, dtype=float)),
                   np.atleast_2d(np.asarray(y, dtype=float)))


def preset_data(network: Network, extra: dict | None, source: str) -> tuple[Dataset, int] | None:
    """The data of the preset a model file records (training.preset) and the sample its walk
    starts on, or None when the file records none. BpvizError with one line starting with
    `source` (the file) when the name is no preset, its data does not fit the network, cannot
    be read or has targets the network's loss refuses (MemoryError where it is too large)."""
    preset = recorded_preset(network, extra, source)
    if preset is None:
        return None
    try:
        dataset = preset.dataset()
        check_dataset(network, dataset)
    except BpvizError as e:
        raise BpvizError(f"{source}: the data of preset {preset.name!r}, which training.preset "
                         f"names: {e}") from None
    return dataset, min(preset.sample, len(dataset) - 1)
