"""The walk the window shows: a Stepper on the session's current weights and sample, plus a
short history of earlier walks so ← can go back across an applied update.

Every change ends in `changed.emit(step)`; the view and the inspector redraw from that record.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Signal

from ...core.errors import BpvizError
from ...core.stepper import Step, Stepper

HISTORY = 20        # walks kept for stepping back across applied updates


class WalkController(QObject):
    changed = Signal(object)          # the current Step
    failed = Signal(str)              # a one-line reason the walk could not start

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.history: deque[Stepper] = deque(maxlen=HISTORY)
        self.stepper: Stepper | None = None
        self._internal = False
        session.network_changed.connect(self._structure_changed)
        session.dataset_changed.connect(self._settings_changed)
        session.settings_changed.connect(self._settings_changed)
        session.weights_changed.connect(self._weights_changed)
        session.busy_changed.connect(self._busy_changed)
        self.restart()

    @property
    def step(self) -> Step:
        return self.stepper.current

    # -- moving -------------------------------------------------------------------------------
    def step_forward(self) -> None:
        if self.stepper and not self.stepper.at_end:
            self.stepper.step_forward()
            self.changed.emit(self.step)

    def step_back(self) -> None:
        if self.stepper is None:
            return
        if self.stepper.at_start and self.history:
            # back into the walk before the last applied update: its weights come back too
            previous = self.history.pop()
            self._set_weights(previous.walk.weights, previous.walk.biases)
            self.stepper = previous
            self.changed.emit(self.step)
            return
        if not self.stepper.at_start:
            self.stepper.step_back()
            self.changed.emit(self.step)

    def run_pass(self) -> None:
        if self.stepper and not self.stepper.at_end:
            self.stepper.run_to_end_of_pass()
            self.changed.emit(self.step)

    def apply_update(self) -> None:
        """Commit the update record's new weights to the network; a new walk starts on them."""
        if self.stepper is None:
            return
        update = self.stepper.go_to(self.stepper.length - 1)
        self.history.append(self.stepper)
        self._set_weights(update.new_weights, update.new_biases)
        self._start(0)

    @property
    def can_go_back(self) -> bool:
        return self.stepper is not None and (not self.stepper.at_start or bool(self.history))

    @property
    def at_end(self) -> bool:
        return self.stepper is not None and self.stepper.at_end

    def final_step(self) -> Step:
        """The update record of the current walk (computed if needed; the cursor stays)."""
        position = self.stepper.position
        last = self.stepper.go_to(self.stepper.length - 1)
        self.stepper.go_to(position)
        return last

    # -- (re)starting -------------------------------------------------------------------------
    def restart(self, position: int = 0) -> None:
        self.history.clear()
        self._start(position)

    def _start(self, position: int) -> None:
        try:
            self.stepper = self.session.make_stepper()
        except BpvizError as e:
            self.failed.emit(str(e))
            return
        if position:
            self.stepper.go_to(position)
        self.changed.emit(self.step)

    def _set_weights(self, weights, biases) -> None:
        self._internal = True
        try:
            self.session.set_parameters(weights, biases)
        finally:
            self._internal = False

    def _structure_changed(self) -> None:
        self.restart()

    def _settings_changed(self) -> None:
        """η or the sample changed: the same walk, recomputed, at the same position."""
        net, data = self.session.network, self.session.dataset
        if data.n_inputs != net.sizes[0] or data.n_targets != net.sizes[-1]:
            return             # a new data set announced before its network: wait for it
        position = self.stepper.position if self.stepper else 0
        if self.stepper is not None and self.stepper.walk.sizes != tuple(net.sizes):
            position = 0       # a new structure: start at the beginning
        self.restart(position)

    def _weights_changed(self) -> None:
        """An edit, a reset or a training snapshot: the walk restarts from the forward pass.
        While training, it shows the current sample's whole forward pass and loss instead
        (z and a on every neuron follow the training live)."""
        if not self._internal:
            self.restart(self.session.network.L + 1 if self.session.busy else 0)

    def _busy_changed(self, busy: bool) -> None:
        if not busy:            # paused or stopped: walk from the start on the trained weights
            self.restart()
