"""Two parts of `ExplorerModel` (model/explorer.py): editing one weight or bias, and choosing
the sample the walk starts from. Each change goes through the model's `_apply`, so listeners
hear of it once, after it is whole."""

from __future__ import annotations

import numpy as np

from ..core.datasets import Dataset
from ..core.errors import BpvizError
from ..core.notation import sub, sup
from ..core.settings import parse_number


class ParameterEdits:
    """Reading and typing one parameter: Wˡ[j, k] and bˡ[j] (needs `network` and `_apply`)."""

    def weight(self, l: int, j: int, k: int) -> float:
        """Wˡ[j, k]: l 1-based, j and k 0-based."""
        return float(self.network.weights[l - 1][j, k])

    def bias(self, l: int, j: int) -> float:
        if not self.network.has_biases:
            raise BpvizError("this network has no biases")
        return float(self.network.biases[l - 1][j])

    def set_weight(self, l: int, j: int, k: int, value) -> float:
        """Wˡ[j, k] from a number or typed text; refuses what is not a finite number within
        ±MAX_MAGNITUDE."""
        number = parse_number(value, f"w{sup(l)}{sub(j + 1, k + 1)}")
        self.network.weights[l - 1][j, k] = number
        self._apply({"weights"})
        return number

    def set_bias(self, l: int, j: int, value) -> float:
        if not self.network.has_biases:
            raise BpvizError("this network has no biases")
        number = parse_number(value, f"b{sup(l)}{sub(j + 1)}")
        self.network.biases[l - 1][j] = number
        self._apply({"weights"})
        return number


class SampleChoice:
    """Which sample the walk starts from: one of the data's, typed values, or an input from
    elsewhere (needs `network`, `dataset`, `sample`, `probe` and `_apply`)."""

    def set_sample(self, index: int) -> None:
        if not 0 <= index < len(self.dataset):
            raise BpvizError(f"sample must be between 1 and {len(self.dataset)}")
        self._apply({"sample"}, sample=int(index))

    def set_sample_values(self, x_text, y_text) -> None:
        """The walked sample's inputs and targets, typed comma-separated."""
        x = [parse_number(t, "input") for t in str(x_text).split(",")]
        y = [parse_number(t, "target") for t in str(y_text).split(",")]
        if len(x) != self.network.sizes[0]:
            raise BpvizError(f"input: expected {self.network.sizes[0]} values, found {len(x)}")
        if len(y) != self.network.sizes[-1]:
            raise BpvizError(f"target: expected {self.network.sizes[-1]} values, found {len(y)}")
        d = self.dataset
        xs, ys = d.x.copy(), d.y.copy()
        xs[self.sample], ys[self.sample] = x, y
        self._apply({"dataset"}, dataset=Dataset(d.name, xs, ys, d.x_test, d.y_test,
                                                 d.input_names, d.target_names))

    def use_input(self, x, y, source: tuple | None = None) -> None:
        """Walk input `x` with target `y` (a drawn digit, a held-out one) in place of the
        data's sample. The data stay as they are, so training goes on; choosing a sample or
        new data goes back to walking the data. `source` says where the input came from, for
        the window to name it (kept as `probe_source`): ("test", i) the held-out sample i,
        ("train", i) training sample i (0-based), ("drawn", None) a drawing; None: unknown."""
        net = self.network
        x = np.array(x, dtype=float).reshape(-1)
        y = np.array(y, dtype=float).reshape(-1)
        if x.shape != (net.sizes[0],) or y.shape != (net.sizes[-1],):
            raise BpvizError(f"the network takes {net.sizes[0]} inputs and gives {net.sizes[-1]} "
                             f"outputs, not {x.size} and {y.size}")
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
            raise BpvizError("the input and target must be finite numbers")
        self._apply({"sample"}, probe=(x, y), probe_source=source)

    def current_sample(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) the walk starts from: the input set by `use_input`, else the data's sample."""
        if self.probe is not None:
            return self.probe
        return self.dataset.x[self.sample], self.dataset.y[self.sample]
