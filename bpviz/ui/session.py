"""The window's Qt face of the explorer's model (bpviz/model): the same state, announced as
Qt signals, one per field, so each view listens to what it draws.

A model change is applied whole before any signal goes out; the signals of one change follow
in the order network, dataset, weights, then the settings, then `changed` with the set of
names. Only the GUI thread touches a Session. The training worker gets a copy of the
parameters when it starts and sends copies back (`set_params`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..model import ExplorerModel


class Session(QObject):
    network_changed = Signal()      # a different network: new structure or a loaded file
    dataset_changed = Signal()
    weights_changed = Signal()      # new parameter values (also sent with a new network)
    preset_changed = Signal()
    eta_changed = Signal()
    batch_size_changed = Signal()
    optimizer_changed = Signal()
    l2_changed = Signal()
    seed_changed = Signal()
    sample_changed = Signal()
    busy_changed = Signal(bool)     # training started/stopped: editing is locked while busy
    changed = Signal(object)        # after the signals above: the frozenset of names

    def __init__(self, preset: str = "toy-40-80", parent=None):
        super().__init__(parent)
        self.model = ExplorerModel(preset)
        self.model.subscribe(self._announce)
        self._signals = [("network", self.network_changed), ("dataset", self.dataset_changed),
                         ("weights", self.weights_changed), ("preset", self.preset_changed),
                         ("eta", self.eta_changed), ("batch_size", self.batch_size_changed),
                         ("optimizer", self.optimizer_changed), ("l2", self.l2_changed),
                         ("seed", self.seed_changed), ("sample", self.sample_changed)]

    def _announce(self, names: frozenset) -> None:
        for name, signal in self._signals:
            if name in names:
                signal.emit()
        if "busy" in names:
            self.busy_changed.emit(self.model.busy)
        self.changed.emit(names)

    def __getattr__(self, name: str):
        """The model's state and commands (network, dataset, eta, set_eta, …)."""
        if name == "model":                   # not yet set: __init__ is running
            raise AttributeError(name)
        return getattr(self.model, name)
