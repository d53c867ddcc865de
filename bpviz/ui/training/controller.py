"""Play, pause, step one epoch, stop and reset: the GUI-thread side of training.

The controller keeps one `Trainer` (its own copy of the network, and the optimiser state)
across pause and resume. On play it copies the Session's current weights in — so edits and
walks made while paused count — and starts a `TrainingWorker` in a QThread. Each snapshot
it receives goes into the Session (`set_params`), which every view redraws from.

While the worker runs, BLAS (the library behind NumPy's matrix products) uses one thread
for the whole process: the worker keeps one core busy, and a second BLAS thread — which
spins for a while after each product, waiting for the next — took the other core from the
GUI thread, which then waited for a core for as long as it worked (the window's timers ran
up to 100+ ms late on MNIST). The limit is set here, in the GUI thread, because only the
main thread can set it (core/threads.py).
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from ...core.errors import BpvizError
from ...core.threads import blas_threads
from ...training.trainer import Trainer
from ..session import Session
from .session_trainer import new_trainer, take_settings
from .worker import GuiGate, Snapshot, TrainingWorker, start_thread

FRAME_DONE = QEvent.Type(QEvent.registerEventType())
VIEW_MIN_INTERVAL = 0.1      # the Session takes weights at most 10 times a second,
VIEW_COST_FACTOR = 12         # and at most every 12× what one update costs …
VIEW_MAX_INTERVAL = 0.25      # … but at least 4 a second


class TrainingController(QObject):
    run_started = Signal()            # a fresh run: the loss curve starts over
    snapshot_applied = Signal(object)  # a Snapshot, after the Session got its params
    state_changed = Signal(str)       # "idle", "running", "paused"
    diverged = Signal(object)         # a Divergence
    failed = Signal(str)              # one line: why training could not start or go on
    target_reached = Signal(int)      # play stopped at the preset's epoch count

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.trainer: Trainer | None = None
        self.steps = None                 # the trainer's generator, kept across pauses
        self.worker: TrainingWorker | None = None
        self.worker_thread = None
        self.run_id = 0
        self.state = "idle"
        self.epochs_per_second: float | None = None      # None: as fast as possible
        self.frames = 0                   # snapshots applied (the bench counts them)
        self.playing_to: int | None = None   # the epoch the current play stops at
        self.gate = GuiGate()             # the worker steps aside while the GUI is busy
        # (completed epochs, steps into the next, steps an epoch has) of the weights the
        # Session last took from training: a view labels what it computed from them with it
        self.weights_at: tuple[int, int, int] | None = None
        # asked before a run whose start replaces the weights (the bug lab's symmetric-init):
        # False keeps them and starts nothing (the window asks Save / Discard / Cancel)
        self.may_replace = lambda: True
        self._next_view = 0.0             # when the Session may take weights again
        self._blas = ExitStack()          # one BLAS thread while the worker runs
        self._rest: Snapshot | None = None    # a snapshot whose curves and labels are due
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(1)   # > 0: timers that came due meanwhile go first
        self._rest_timer.timeout.connect(self._apply_rest)
        session.changed.connect(self._model_changed)
        for name in ("eta", "batch_size", "optimizer", "l2"):
            getattr(session, f"{name}_changed").connect(partial(self._push, name))

    # -- commands ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.worker_thread is not None

    @property
    def epoch(self) -> int:
        return self.trainer.epoch if self.trainer is not None else 0

    @property
    def target(self) -> int | None:
        """The epoch a play stops at: the preset's epoch count, until it has been reached
        (then play goes on until paused)."""
        epochs = getattr(self.session.preset, "epochs", None)
        return epochs if epochs and self.epoch < epochs else None

    @property
    def position(self) -> tuple[int, int, int]:
        """(completed epochs, steps into the running epoch, steps an epoch has) of the
        trainer: (12, 149, 400) after a pause inside epoch 13, (12, 0, 400) at its start."""
        t = self.trainer
        return (0, 0, 0) if t is None else (t.epoch, t.steps_into_epoch, t.steps_per_epoch)

    def play(self) -> bool:
        target = self.target
        started = self._start(until_epoch=target)
        self.playing_to = target if started else None
        return started

    def play_on(self) -> bool:
        """Train on past the preset's epoch count, until paused."""
        started = self._start(until_epoch=None)
        self.playing_to = None
        return started

    def step_epoch(self) -> bool:
        if self.running:
            return False
        self.playing_to = None
        return self._start(until_epoch=self.epoch + 1)

    def pause(self) -> None:
        self._halt()

    def stop(self) -> None:
        """End the run: the weights stay, the next play starts a fresh run."""
        self._halt()
        self._discard()

    def reset(self, change=None) -> None:
        """End the run and put back the weights the network started with (or apply `change`,
        which gives the network other starting weights): the loss curves and the epoch count
        start again, since they belonged to weights that are gone."""
        self._halt()
        self._discard()
        (change or self.session.reset)()
        self.run_started.emit()

    def shutdown(self, quiet: bool = False) -> None:
        """The window is closing: stop the thread now and apply nothing more. `quiet`: the
        window is already being destroyed, so touch neither the Session nor any view."""
        self.run_id += 1                          # snapshots still queued are dropped
        if self.worker is not None:
            self.worker.request_stop()
        if quiet:
            thread, worker = self.worker_thread, self.worker        # (see _join)
            self.worker_thread = self.worker = None
            if thread is not None:
                thread.wait()
            del worker
            self._blas.close()
            self.gate.open()
            return
        self._join()

    def set_speed(self, epochs_per_second: float | None) -> None:
        self.epochs_per_second = epochs_per_second
        if self.worker is not None:
            self.worker.change(epochs_per_second=epochs_per_second)

    # -- starting and stopping --------------------------------------------------------------
    def _start(self, until_epoch) -> bool:
        if self.running:
            return False
        session = self.session
        if self.trainer is None and "symmetric-init" in session.bugs and not self.may_replace():
            return False
        try:
            if self.trainer is None:
                self.trainer, self.steps = new_trainer(session), None
                self.run_started.emit()
            trainer = self.trainer
            take_settings(trainer, session)
        except BpvizError as e:
            self.failed.emit(str(e))
            return False
        if trainer.divergence is not None or self.steps is None:
            if trainer.divergence is not None:
                trainer.divergence = None
                trainer.optimizer.reset()         # moments may hold inf after a blow-up
            self.steps = trainer.steps()
        self.run_id += 1
        self.weights_at = self.position           # (the trainer took the Session's weights)
        self.worker = TrainingWorker(trainer, self.steps, self.run_id, until_epoch,
                                     self.epochs_per_second, self.gate)
        self.worker.snapshot.connect(self._on_snapshot)
        self._blas.enter_context(blas_threads(1))
        self.worker_thread = start_thread(self.worker)
        session.set_busy(True)
        self._set_state("running")
        return True

    def _halt(self) -> None:
        """Stop the worker and apply every snapshot it sent, the final one last."""
        if self.worker is None:
            return
        self.worker.request_stop()
        self.worker_thread.wait()
        # The snapshots are queued calls to `_on_snapshot`: deliver them now, in order.
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        self._join()              # in case the final snapshot was not among them

    def _join(self) -> None:
        if self.worker_thread is None:
            return
        self._apply_rest()
        # the worker is held until its thread ends: one deleted before its run began would
        # never end the thread (a close right after play hung in wait())
        thread, worker = self.worker_thread, self.worker
        self.worker_thread = self.worker = None
        thread.wait()
        del worker
        thread.deleteLater()
        self._blas.close()                # BLAS threads as before the run
        self.gate.open()
        try:
            self.session.set_busy(False)
            self._set_state("paused" if self.trainer is not None else "idle")
        except RuntimeError:          # the window (and its Session) is being destroyed
            pass

    def _discard(self) -> None:
        self.trainer = self.steps = None
        self._set_state("idle")

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # -- from the worker and the Session ----------------------------------------------------
    @Slot(object)
    def _on_snapshot(self, snap: Snapshot) -> None:
        if snap.run != self.run_id:
            return                                  # from a run that was shut down
        self._apply_rest()                          # a snapshot before it comes first
        # The Session (and so the network view and decision boundary) takes the weights at
        # a rate its views can afford: 12× their cost apart, 4–10 times a second. The loss
        # curve and the labels take every snapshot (≤ 30/s); the final one reaches all.
        now = time.perf_counter()
        if snap.final or now >= self._next_view:
            self.session.set_params(snap.params)
            self.weights_at = (snap.epoch, snap.into_epoch, snap.epoch_steps)
            cost = time.perf_counter() - now
            self._next_view = now + min(VIEW_MAX_INTERVAL,
                                        max(VIEW_MIN_INTERVAL, VIEW_COST_FACTOR * cost))
            if not snap.final:
                # The views' redraw above and the curves and labels below are two slices of
                # GUI work: in between, the event loop runs the timers and input that came
                # due meanwhile (on MNIST both at once kept them waiting 50+ ms).
                self._rest = snap
                self._rest_timer.start()
                return
        self._applied(snap)

    def _apply_rest(self) -> None:
        """The rest of a snapshot whose views were redrawn: now (before anything else)."""
        self._rest_timer.stop()
        snap, self._rest = self._rest, None
        if snap is not None and snap.run == self.run_id:
            self._applied(snap)

    def _applied(self, snap: Snapshot) -> None:
        self.frames += 1
        if self.worker is not None and not snap.final:
            self.worker.consumed = snap.seq
        self.snapshot_applied.emit(snap)
        # The worker waited from sending the snapshot until here; it waits again while the
        # window repaints (`painting`).
        self.gate.open()
        if snap.final:
            self._join()
            if self.playing_to is not None and snap.epoch >= self.playing_to:
                self.playing_to = None
                self.target_reached.emit(snap.epoch)
            if snap.divergence is not None:
                self.diverged.emit(snap.divergence)
            if snap.error:
                self.failed.emit(snap.error)

    def painting(self) -> None:
        """The window is about to repaint: keep the worker napping until it is done."""
        if self.worker is not None:
            self.gate.close()
            QCoreApplication.postEvent(self, QEvent(FRAME_DONE))

    def event(self, event) -> bool:
        if event.type() == FRAME_DONE:
            self.gate.open()
            return True
        return super().event(event)

    def _model_changed(self, names) -> None:
        """A new network, new data or other mistakes: the trainer no longer fits."""
        if names & {"network", "dataset", "bugs"}:
            self.shutdown()
            self._discard()
            self.run_started.emit()

    def _push(self, name: str) -> None:
        """Setting `name` changed while training runs: the worker uses it from its next step
        (a batch size of None is the whole training set)."""
        if self.worker is not None:               # else: applied at the next play
            self.worker.change(**{name: getattr(self.session, name)})

