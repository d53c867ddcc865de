"""The walk the window shows: a Stepper on the session's current weights and sample, plus a
short history of earlier walks so ← can go back across an applied update.

Every change ends in `changed.emit(step)`; the view and the inspector redraw from that record.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Signal

from ...core.errors import BpvizError
from ...core.stepper import Step, Stepper
from ...training.update_check import update_divergence

HISTORY = 20        # walks kept for stepping back across applied updates


class WalkController(QObject):
    changed = Signal(object)          # the current Step
    failed = Signal(str)              # a one-line reason the walk could not start
    diverged = Signal(str)            # a one-line reason an update was not applied

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.history: deque[Stepper] = deque(maxlen=HISTORY)
        self.stepper: Stepper | None = None
        self._internal = False
        session.changed.connect(self._model_changed)
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

    def fresh_forward_pass(self) -> None:
        """The walk of the current sample from its start, run to the end of its forward pass
        (the loss), wherever the previous walk had got to: how a new input (a drawn digit, a
        test digit) is shown. Not while training runs (its snapshots restart the walk)."""
        if self.stepper is None or self.session.busy:
            return
        self.history.clear()
        self.stepper.go_to(0)
        self.stepper.run_to_end_of_pass()
        self.changed.emit(self.step)

    def apply_update(self, position: int = 0) -> bool:
        """Commit the update record's new weights to the network; a new walk starts on them,
        shown at `position` (one redraw: → at the end of a walk shows the new forward pass).
        An update that diverged (the loss after it not finite, or 10⁴ × the loss before) is
        not applied: `diverged` says why, the walk stays on the update, and this returns
        False."""
        if self.stepper is None:
            return False
        update = self.stepper.go_to(self.stepper.length - 1)
        reason = update_divergence(update)
        if reason is not None:            # (the training loop's rule): the weights stay
            self.changed.emit(update)
            self.diverged.emit(self.tr("{0}; the weights are unchanged").format(
                reason[0].upper() + reason[1:]))
            return False
        self.history.append(self.stepper)
        self._set_weights(update.new_weights, update.new_biases)
        self._start(position)
        return True

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

    def _model_changed(self, names) -> None:
        """Restart the walk once per change of the model (which is whole by now):
        - a new network: from the start;
        - new weights (an edit, a reset, a training snapshot): from the forward pass, or,
          while training, at the loss, so z and a on every neuron follow the training live;
        - new data, η or sample: the same walk recomputed, at the same position;
        - training paused or stopped: the same, on the trained weights (while training that is
          the loss: every z and a stays on screen)."""
        session = self.session
        if "network" in names:
            self.restart()
        elif "weights" in names:
            if not self._internal:
                self.restart(session.network.L + 1 if session.busy else 0)
        elif names & {"dataset", "eta", "sample", "bugs"} or ("busy" in names and not session.busy):
            self.restart(self.stepper.position if self.stepper else 0)
