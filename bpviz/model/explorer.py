"""`ExplorerModel`: the state the explorer window shows and edits — a network, its data, the
preset it came from, the training settings, the sample being walked, the starting weights and
the extra keys of a model file — and the rules for changing it.

Every change is applied whole before anyone hears of it: a listener is called once per
change with the set of names of what changed (CHANGE_NAMES), and by then the network, the
data and the settings agree with each other. A change that is refused (BpvizError) leaves
everything as it was and tells no one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..core.bug_walk import BuggyStepper
from ..core.bugs import check_bugs, refusal
from ..core.datasets import Dataset
from ..core.errors import BpvizError
from ..core.metrics import evaluate
from ..core.network import Network
from ..core.presets import Preset, get_preset
from ..core.settings import (
    TrainingSettings,
    check_batch_size,
    check_eta,
    check_l2,
    check_optimizer,
    check_seed,
)
from ..core.stepper import Stepper
from .edits import ParameterEdits, SampleChoice
from .rules import check_dataset, custom_preset, file_dataset, fits, random_init, rebuilt_ends

# "network": a new network (its weights are new too, "weights" is not sent with it);
# "weights": new values for the same network's parameters.
CHANGE_NAMES = ("network", "weights", "dataset", "preset", "eta", "batch_size", "optimizer",
                "l2", "seed", "sample", "busy", "bugs")

Listener = Callable[[frozenset], None]


class ExplorerModel(ParameterEdits, SampleChoice):
    def __init__(self, preset: str = "toy-40-80"):
        self._listeners: list[Listener] = []
        self.busy = False
        self.extra: dict = {}
        self.probe: tuple[np.ndarray, np.ndarray] | None = None   # see use_input
        self.probe_source: tuple | None = None
        self.bugs: tuple[str, ...] = ()       # the bug lab's mistakes ticked (see set_bugs)
        self.load_preset(preset)

    # -- listening -------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call `listener(names)` after every change, with the frozenset of what changed."""
        self._listeners.append(listener)

    def _apply(self, names: set[str], **state) -> None:
        """Set every attribute in `state` at once, then tell the listeners."""
        if names & {"network", "dataset", "sample"} and "probe" not in state:
            state["probe"] = None                 # new data or a chosen sample: walk the data
            state["probe_source"] = None
        if "network" in state and "bugs" not in state:   # keep the mistakes the new one can show
            kept = tuple(b for b in self.bugs if refusal(b, state["network"]) is None)
            if kept != self.bugs:
                state["bugs"] = kept
                names = names | {"bugs"}
        for key, value in state.items():
            setattr(self, key, value)
        changed = frozenset(names)
        for listener in list(self._listeners):
            listener(changed)

    # -- settings, read ---------------------------------------------------------------------
    @property
    def eta(self) -> float:
        return self.settings.eta

    @property
    def batch_size(self) -> int | None:
        return self.settings.batch_size

    @property
    def optimizer(self) -> str:
        return self.settings.optimizer

    @property
    def l2(self) -> float:
        return self.settings.l2

    @property
    def seed(self) -> int:
        return self.settings.seed

    # -- whole-network changes --------------------------------------------------------------
    def load_preset(self, name: str, seed: int | None = None) -> None:
        preset: Preset = get_preset(name)
        dataset = preset.dataset()
        settings = TrainingSettings.checked(
            eta=preset.eta, batch_size=preset.batch_size, optimizer=preset.optimizer, l2=0.0,
            seed=preset.seed if seed is None else seed, n_samples=len(dataset))
        network = preset.network(seed)
        bugs = tuple(b for b in getattr(preset, "bugs", ()) if refusal(b, network) is None)
        self._apply(set(CHANGE_NAMES) - {"weights", "busy"}, preset=preset, dataset=dataset, bugs=bugs,
                    settings=settings, sample=min(preset.sample, len(dataset) - 1), extra={},
                    network=network, initial_params=network.params.copy())

    def set_network(self, network: Network, extra: dict | None = None,
                    init: str | None = None, seed: int | None = None,
                    eta: float | None = None, file: dict | None = None,
                    recorded: tuple[Dataset, int] | None = None) -> None:
        """Use a network from a file or the network editor. The data stays if it fits, else
        `recorded` replaces it (the data of the preset the file records and its starting
        sample, `rules.preset_data`), or else the file's one sample (or zeros).

        The preset becomes a "custom" one describing this network, so the preset chooser,
        Reset (this network's starting weights) and New random weights (this network's
        shape, `init` or the previous initialiser) all agree. `file`: the model file's valid
        training settings (its epochs count; the bug lab's mistakes are turned off, since a
        file holds none)."""
        changes = {k: v for k, v in (("seed", seed), ("eta", eta)) if v is not None}
        settings = self.settings.with_(**changes)
        dataset, sample = self.dataset, self.sample
        names = {"network", "preset"} | set(changes)
        more = {}
        if file is not None and self.bugs:
            names, more = names | {"bugs"}, {"bugs": ()}
        if not fits(network, dataset):
            dataset, sample = (recorded if recorded is not None and fits(network, recorded[0])
                               else (file_dataset(network, extra), 0))
            names |= {"dataset", "sample"}
        self._apply(names, **self._data_state(dataset, sample, settings, names),
                    extra=dict(extra or {}), network=network,
                    initial_params=network.params.copy(),
                    preset=custom_preset(self.preset, network, dataset, settings.eta,
                                         init or self.preset.init, file), **more)

    def plan_data(self, dataset: Dataset) -> Network | None:
        """None when `dataset` fits the network; else the network rebuilt for it (its ends
        resized, new weights from the seed). Either way the data is checked against the
        network that would train on it (BpvizError with one line)."""
        if len(dataset) == 0:
            raise BpvizError("the data set is empty")
        if fits(self.network, dataset):
            check_dataset(self.network, dataset)
            return None
        network = rebuilt_ends(self.network, dataset, self.preset.init, self.seed)
        check_dataset(network, dataset)
        return network

    def use_data(self, dataset: Dataset, rebuilt: Network | None = None) -> None:
        """Train and walk on `dataset`, with `rebuilt` (from `plan_data`) as the network
        when the data did not fit. A batch size larger than the data becomes the whole set."""
        if rebuilt is None:
            self.set_dataset(dataset)
            return
        check_dataset(rebuilt, dataset)
        names = {"network", "preset", "dataset", "sample"}
        self._apply(names, **self._data_state(dataset, 0, self.settings, names),
                    network=rebuilt, initial_params=rebuilt.params.copy(),
                    preset=custom_preset(self.preset, rebuilt, dataset, self.eta,
                                         self.preset.init))

    def set_dataset(self, dataset: Dataset) -> None:
        """New data for the same network (it must fit)."""
        if not fits(self.network, dataset):
            raise BpvizError(f"the data has {dataset.n_inputs} inputs and {dataset.n_targets} "
                             f"targets; the network takes {self.network.sizes[0]} and gives "
                             f"{self.network.sizes[-1]}")
        if len(dataset) == 0:
            raise BpvizError("the data set is empty")
        names = {"dataset"}
        state = self._data_state(dataset, min(self.sample, len(dataset) - 1), self.settings,
                                 names)
        if state["sample"] != self.sample:
            names.add("sample")
        self._apply(names, **state)

    @staticmethod
    def _data_state(dataset: Dataset, sample: int, settings: TrainingSettings,
                    names: set) -> dict:
        """The dataset, sample and settings to install together: a batch size larger than
        the data becomes the whole set."""
        if settings.batch_size is not None and settings.batch_size > len(dataset):
            settings = TrainingSettings(settings.eta, None, settings.optimizer, settings.l2,
                                        settings.seed)
            names.add("batch_size")
        return {"dataset": dataset, "sample": sample, "settings": settings}

    # -- parameter values -------------------------------------------------------------------
    def set_params(self, params: np.ndarray) -> None:
        """New values for every parameter (a training snapshot, undo, reset)."""
        self.network.params[...] = params
        self._apply({"weights"})

    def set_parameters(self, weights, biases=None) -> None:
        """New Wˡ (and bˡ) for every layer, e.g. the walk's update record being applied."""
        self.network.set_parameters(weights, biases)
        self._apply({"weights"})

    def reset(self) -> None:
        """Back to the weights this network started with."""
        self.set_params(self.initial_params)

    def new_random_weights(self, seed) -> None:
        """Weights drawn afresh from `seed` for the same shape (see `random_init`)."""
        settings = self.settings.with_(seed=seed)
        net = self.network
        fresh = Network.create(net.sizes, net.activation_names, net.loss.name,
                               init=random_init(self.preset.init), biases=net.has_biases,
                               seed=settings.seed)
        net.params[...] = fresh.params
        self._apply({"weights", "seed"}, settings=settings, initial_params=fresh.params.copy())

    def weights_trained(self) -> bool:
        """True when the weights differ from the ones the network started with."""
        p, start = self.network.params, self.initial_params
        return p.shape != start.shape or not np.array_equal(p, start)

    # -- settings, written --------------------------------------------------------------------
    def set_eta(self, value) -> float:
        return self._set_setting("eta", check_eta(value))

    def set_batch_size(self, value) -> int | None:
        """1 … the number of training samples; None, "" or "all": the whole set."""
        return self._set_setting("batch_size", check_batch_size(value, len(self.dataset)))

    def set_optimizer(self, value) -> str:
        return self._set_setting("optimizer", check_optimizer(value))

    def set_l2(self, value) -> float:
        return self._set_setting("l2", check_l2(value))

    def set_seed(self, value) -> int:
        return self._set_setting("seed", check_seed(value))

    def _set_setting(self, name: str, value):
        if getattr(self.settings, name) != value:
            fields = vars(self.settings) | {name: value}
            self._apply({name}, settings=TrainingSettings(**fields))
        return value

    def set_bugs(self, names) -> tuple[str, ...]:
        """The bug lab's mistakes for the walk and for training (none: the correct
        backprop); refuses a name not in the catalogue or one this network cannot show."""
        bugs = check_bugs(tuple(names), self.network) if names else ()
        if bugs != self.bugs:
            self._apply({"bugs"}, bugs=bugs)
        return bugs

    def set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self._apply({"busy"}, busy=bool(busy))

    # -- reading ------------------------------------------------------------------------------
    def accuracy(self) -> tuple[float | None, float | None]:
        """(train, test) accuracy of the current weights on the current data (None where
        accuracy is not defined or there is no test part)."""
        net, data = self.network, self.dataset
        if not fits(net, data):
            return None, None
        train = evaluate(net, data.x, data.y)[1]
        test = None if data.x_test is None else evaluate(net, data.x_test, data.y_test)[1]
        return train, test

    def make_stepper(self) -> Stepper:
        """A walk of the current sample through the current weights."""
        x, y = self.current_sample()
        if self.bugs:
            return BuggyStepper(self.network, x, y, self.eta, self.bugs)
        return Stepper(self.network, x, y, self.eta)
