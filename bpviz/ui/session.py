"""The window's model: the one network that walking and training share, its data and
settings. Views subscribe to its signals and redraw; they never keep their own copy.

Only the GUI thread touches a Session. The training worker gets a copy of the parameters
when it starts and sends copies back (`set_params`), so the walk always uses the current
weights.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QObject, Signal

from ..core.datasets import Dataset
from ..core.errors import BpvizError
from ..core.metrics import accuracy
from ..core.network import Network
from ..core.optimizers import OPTIMIZERS
from ..core.presets import Preset, get_preset
from ..core.stepper import Stepper

# Values a learner may type: beyond this magnitude a weight only overflows.
MAX_MAGNITUDE = 1e6


def parse_value(text, what: str, positive: bool = False) -> float:
    """A number typed by the user, or BpvizError with a one-line reason."""
    try:
        value = float(str(text).strip())
    except ValueError:
        raise BpvizError(f"{what}: {str(text).strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise BpvizError(f"{what}: must be a finite number, found {text!r}")
    if abs(value) > MAX_MAGNITUDE:
        raise BpvizError(f"{what}: {value:g} is too large (|value| ≤ {MAX_MAGNITUDE:g})")
    if positive and value <= 0:
        raise BpvizError(f"{what}: must be > 0, found {value:g}")
    return value


CUSTOM = "custom"         # the preset name of a network from a file or the network editor


def custom_preset(base: Preset, network: Network, dataset: Dataset, eta: float,
                  init: str) -> Preset:
    """A preset that describes `network` itself (its shape, activations and loss), keeping
    the training settings of `base`; its name is CUSTOM."""
    return replace(base, name=CUSTOM, description="a network from a model file or the "
                   "Network tab", sizes=tuple(network.sizes),
                   activations=tuple(network.activation_names), loss=network.loss.name,
                   data=lambda: dataset, eta=eta, biases=network.has_biases, weights=None,
                   init=init if init != "constant" else "xavier")


class Session(QObject):
    network_changed = Signal()      # a different network: new structure or a loaded file
    weights_changed = Signal()      # same structure, new parameter values
    dataset_changed = Signal()
    settings_changed = Signal()     # η, sample, batch size, optimiser …
    busy_changed = Signal(bool)     # training started/stopped: editing is locked while busy

    def __init__(self, preset: str = "toy-40-80", parent=None):
        super().__init__(parent)
        self.busy = False
        self.extra: dict = {}
        self.load_preset(preset)

    # -- whole-network changes --------------------------------------------------------
    def load_preset(self, name: str, seed: int | None = None) -> None:
        preset = get_preset(name)
        self.preset: Preset = preset
        self.dataset: Dataset = preset.dataset()
        self.eta = preset.eta
        self.batch_size = preset.batch_size
        self.optimizer = preset.optimizer
        self.l2 = 0.0
        self.seed = preset.seed if seed is None else seed
        self.sample = min(preset.sample, len(self.dataset) - 1)
        self.extra = {}
        self._install(preset.network(seed))
        self.dataset_changed.emit()
        self.settings_changed.emit()

    def set_network(self, network: Network, extra: dict | None = None,
                    init: str | None = None) -> None:
        """Use a network from a file or the architecture editor. The data stays if it fits.

        The session's preset becomes a "custom" one describing this network, so the preset
        chooser, Reset (this network's starting weights) and New random weights (this
        network's shape, `init` or the previous initialiser) all agree."""
        if (network.sizes[0] != self.dataset.n_inputs
                or network.sizes[-1] != self.dataset.n_targets):
            x = np.zeros((1, network.sizes[0]))
            y = np.zeros((1, network.sizes[-1]))
            training = (extra or {}).get("training", {})
            if isinstance(training, dict) and "input" in training and "target" in training:
                x = np.atleast_2d(np.asarray(training["input"], dtype=float))
                y = np.atleast_2d(np.asarray(training["target"], dtype=float))
            self.dataset = Dataset("model file", x, y)
            self.sample = 0
            self.dataset_changed.emit()
        self.extra = dict(extra or {})
        self.preset = custom_preset(self.preset, network, self.dataset, self.eta,
                                    init or self.preset.init)
        self._install(network)
        self.settings_changed.emit()

    def _install(self, network: Network) -> None:
        self.network = network
        self.initial_params = network.params.copy()
        self.network_changed.emit()

    def set_dataset(self, dataset: Dataset) -> None:
        if dataset.n_inputs != self.network.sizes[0] or dataset.n_targets != self.network.sizes[-1]:
            raise BpvizError(f"the data has {dataset.n_inputs} inputs and {dataset.n_targets} "
                             f"targets; the network takes {self.network.sizes[0]} and gives "
                             f"{self.network.sizes[-1]}")
        if len(dataset) == 0:
            raise BpvizError("the data set is empty")
        self.dataset = dataset
        self.sample = min(self.sample, len(dataset) - 1)
        self.dataset_changed.emit()

    # -- parameter values --------------------------------------------------------------
    def set_params(self, params: np.ndarray) -> None:
        """New values for every parameter (a training snapshot, undo, reset)."""
        self.network.params[...] = params
        self.weights_changed.emit()

    def set_parameters(self, weights, biases=None) -> None:
        """New Wˡ (and bˡ) for every layer, e.g. the walk's update record being applied."""
        self.network.set_parameters(weights, biases)
        self.weights_changed.emit()

    def reset(self) -> None:
        """Back to the weights this network started with."""
        self.set_params(self.initial_params)

    def new_random_weights(self, seed: int) -> None:
        p = self.preset
        net = Network.create(self.network.sizes, self.network.activation_names,
                             self.network.loss.name,
                             init=p.init if p.init != "constant" else "xavier",
                             biases=self.network.has_biases, seed=int(seed))
        self.seed = int(seed)
        self.initial_params = net.params.copy()
        self.set_params(net.params)

    def set_weight(self, l: int, j: int, k: int, text) -> float:
        """Wˡ[j, k] (l 1-based, j and k 0-based) from typed text; refuses bad values."""
        value = parse_value(text, f"w{l}[{j + 1},{k + 1}]")
        self.network.weights[l - 1][j, k] = value
        self.weights_changed.emit()
        return value

    def set_bias(self, l: int, j: int, text) -> float:
        if not self.network.has_biases:
            raise BpvizError("this network has no biases")
        value = parse_value(text, f"b{l}[{j + 1}]")
        self.network.biases[l - 1][j] = value
        self.weights_changed.emit()
        return value

    # -- settings -----------------------------------------------------------------------
    def set_eta(self, text) -> float:
        self.eta = parse_value(text, "learning rate η", positive=True)
        self.settings_changed.emit()
        return self.eta

    def set_batch_size(self, text) -> int | None:
        """A whole number from 1 to the number of training samples; "" or "all": all."""
        text = str(text).strip()
        n = len(self.dataset)
        if text.lower() in ("", "all"):
            self.batch_size = None
        else:
            try:
                value = int(text)
            except ValueError:
                raise BpvizError(f"batch size: {text!r} is not a whole number") from None
            if not 1 <= value <= n:
                raise BpvizError(f"batch size must be between 1 and {n} (the number of "
                                 f"training samples), found {value}")
            self.batch_size = value
        self.settings_changed.emit()
        return self.batch_size

    def set_optimizer(self, name: str) -> None:
        if name not in OPTIMIZERS:
            raise BpvizError(f"unknown optimizer {name!r}: expected one of {', '.join(OPTIMIZERS)}")
        self.optimizer = name
        self.settings_changed.emit()

    def set_l2(self, text) -> float:
        value = parse_value(text, "L2 strength λ")
        if value < 0:
            raise BpvizError(f"L2 strength λ: must be ≥ 0, found {value:g}")
        self.l2 = value
        self.settings_changed.emit()
        return value

    def set_sample(self, index: int) -> None:
        if not 0 <= index < len(self.dataset):
            raise BpvizError(f"sample must be between 1 and {len(self.dataset)}")
        self.sample = int(index)
        self.settings_changed.emit()

    def set_sample_values(self, x_text, y_text) -> None:
        """A sample typed by the user: comma-separated inputs and targets."""
        x = [parse_value(t, "input") for t in str(x_text).split(",")]
        y = [parse_value(t, "target") for t in str(y_text).split(",")]
        if len(x) != self.network.sizes[0]:
            raise BpvizError(f"input: expected {self.network.sizes[0]} values, found {len(x)}")
        if len(y) != self.network.sizes[-1]:
            raise BpvizError(f"target: expected {self.network.sizes[-1]} values, found {len(y)}")
        xs = self.dataset.x.copy()
        ys = self.dataset.y.copy()
        xs[self.sample], ys[self.sample] = x, y
        self.dataset = Dataset(self.dataset.name, xs, ys, self.dataset.x_test, self.dataset.y_test,
                               self.dataset.input_names, self.dataset.target_names)
        self.dataset_changed.emit()

    def set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def accuracy(self) -> tuple[float | None, float | None]:
        """(train, test) accuracy of the current weights on the current data (None where
        accuracy is not defined or there is no test part)."""
        net, data = self.network, self.dataset
        if net.sizes[0] != data.n_inputs or net.sizes[-1] != data.n_targets:
            return None, None
        with np.errstate(all="ignore"):
            train = accuracy(net.feedforward(data.x), data.y)
            test = None
            if data.x_test is not None:
                test = accuracy(net.feedforward(data.x_test), data.y_test)
        return train, test

    # -- the walk -----------------------------------------------------------------------
    def make_stepper(self) -> Stepper:
        """A walk of the current sample through the current weights."""
        return Stepper(self.network, self.dataset.x[self.sample], self.dataset.y[self.sample],
                       self.eta)
