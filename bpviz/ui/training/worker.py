"""The Qt worker that runs the core `Trainer` in a QThread, and the snapshots it sends.

The worker touches no widget and no Session: it trains its own copy of the network and
publishes `Snapshot`s — copies of the parameters plus the loss points since the last one —
at most ~30 a second (and only once the GUI took the previous one), and always a final
snapshot when it stops. Accuracy (train and test) is measured at epochs' ends only — every
one on MNIST (a measurement takes about as long as 30 steps), on small data as often as
measuring takes at most STATS_SHARE of the time — and in a final snapshot inside an epoch,
of the weights there (`into_epoch` says how far in). It lets go of the GIL about every
millisecond so that the window, which needs the GIL to redraw, stays responsive.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from ...core.errors import BpvizError
from ...training.pacing import Pacer
from ...training.trainer import Divergence, Trainer

SNAPSHOT_INTERVAL = 1 / 30        # seconds between snapshots, at most
YIELD_INTERVAL = 0.001            # seconds of work between two releases of the GIL
GUI_WAIT_LIMIT = 0.03             # the longest the worker steps aside for a busy GUI
STATS_LIMIT = 20_000              # above this many samples, accuracy only at epoch ends
STATS_SHARE = 0.1                 # below it, between epoch ends at most this share of the time
CHECK_EVERY = 16                  # steps between looks at the controls when unthrottled
EPOCH_STATS_STEPS = 50            # epochs of this many steps get their accuracy at their end

_threads: weakref.WeakSet[QThread] = weakref.WeakSet()


def live_threads() -> list:
    """The QThreads started by bpviz that are still running (tests fail on any)."""
    alive = []
    for thread in list(_threads):
        try:
            if thread.isRunning():
                alive.append(thread)
        except RuntimeError:          # its C++ object is gone: it is not running
            pass
    return alive


def start_thread(worker: TrainingWorker) -> QThread:
    """Move `worker` to a new QThread, start it, and remember it for `live_threads`."""
    thread = QThread()
    thread.setObjectName("bpviz-training")
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    _threads.add(thread)
    thread.start()
    return thread


@atexit.register
def _stop_all_at_exit() -> None:        # a script that never closed its window
    for thread in live_threads():
        thread.requestInterruption()
        thread.wait(5000)


class GuiGate:
    """Lets the GUI thread go first. From the moment the worker sends a snapshot until
    the GUI has applied it, and again while the window repaints, the gate is closed and
    the worker blocks on an event (holding no GIL, polling nothing) instead of competing
    for the GIL: otherwise every Qt call that releases the GIL makes the GUI wait for
    the worker, and a 10 ms frame takes 50 ms. Any thread may open or close it at any
    time (a `threading.Event`: set = open)."""

    def __init__(self):
        self._open = threading.Event()
        self._open.set()

    @property
    def busy(self) -> bool:
        """The gate is closed: the GUI is busy."""
        return not self._open.is_set()

    def close(self) -> None:
        self._open.clear()

    def open(self) -> None:
        self._open.set()

    def wait(self, timeout: float) -> None:
        """Block until the gate opens; after `timeout` seconds open it (a GUI that does
        not answer must not slow training down for good)."""
        if not self._open.wait(timeout):
            self._open.set()


@dataclass(frozen=True)
class Snapshot:
    """What the GUI thread needs to redraw: copies only."""

    run: int                          # which run (one press of play) sent it
    seq: int                          # 1, 2, … within the run
    params: np.ndarray                # copy of the flat parameter vector
    epoch: int                        # completed epochs
    step: int                         # completed steps
    first_epoch: int                  # epoch number of losses[0]
    losses: np.ndarray                # mean training loss of every epoch since the last one
    accuracy: float | None = None     # on the training set, with these params
    test_loss: float | None = None
    test_accuracy: float | None = None
    final: bool = False               # the last one of the run
    divergence: Divergence | None = None
    error: str | None = None
    # (epoch, accuracy, test loss, test accuracy) measured at each epoch's end since the last
    # snapshot, for epochs long enough for it (MNIST: Nielsen's "Epoch k: 9129 / 10000")
    epoch_stats: tuple = ()
    # where the weights are: steps taken in the running epoch (0 at an epoch's end) out of
    # the steps an epoch has; `accuracy` etc. of a snapshot inside an epoch are of those weights
    into_epoch: int = 0
    epoch_steps: int = 0


class TrainingWorker(QObject):
    """Runs `trainer` by pulling its `steps` generator until told to stop, `until_epoch`
    is reached or training diverges. Controls are plain attributes set by the GUI thread
    (reads and writes of one attribute are atomic under the GIL)."""

    snapshot = Signal(object)

    def __init__(self, trainer: Trainer, steps, run: int, until_epoch: int | None = None,
                 epochs_per_second: float | None = None, gate: GuiGate | None = None):
        super().__init__()
        self.gate = gate or GuiGate()
        self.trainer = trainer
        self.steps = steps
        self.run_id = run
        self.until_epoch = until_epoch
        self.epochs_per_second = epochs_per_second
        self.stop_requested = False
        self.consumed = 0               # seq of the last snapshot the GUI applied
        self._sent = 0
        self._lock = threading.Lock()
        self._pending: dict | None = None
        self._stats = Pacer(STATS_SHARE)
        self._epoch_stats: list = []
        self._per_epoch = self._long_epochs()
        self._few_steps = self._short_epochs()

    # -- called from the GUI thread --------------------------------------------------------
    def request_stop(self) -> None:
        self.stop_requested = True
        self.gate.open()                  # a worker waiting for the GUI stops at once

    def change(self, **settings) -> None:
        """η, batch_size, optimizer, l2 for the next batch (already validated)."""
        with self._lock:
            self._pending = {**(self._pending or {}), **settings}

    # -- the loop, in the worker thread ---------------------------------------------------
    @Slot()
    def run(self) -> None:
        trainer, perf, sleep, gate = self.trainer, time.perf_counter, time.sleep, self.gate
        thread = QThread.currentThread()
        error = None
        t_emit = t_yield = t_start = perf()
        epochs_done, last_rate, count = 0, None, 0
        with np.errstate(all="ignore"):
            try:
                self._emit()              # where the run starts: accuracy at its first epoch
                for event in self.steps:
                    # As fast as possible, the controls below are looked at every CHECK_EVERY
                    # steps (well under a millisecond of training), not after every one.
                    count += 1
                    if (count % CHECK_EVERY and self.epochs_per_second is None
                            and self.until_epoch is None
                            and not (event is not None and (self._per_epoch or self._few_steps))):
                        continue
                    if event is not None and self._per_epoch:
                        self._epoch_stats.append((trainer.epoch, *self._measure()))
                    elif event is not None and self._few_steps and self._stats.due():
                        # at the epoch's end, not at a snapshot a few steps into the next
                        self._epoch_stats.append((trainer.epoch, *self._stats.run(self._measure)))
                    if self._pending is not None:
                        self._apply_pending()
                    if self.stop_requested:
                        break
                    if gate.busy:
                        self._step_aside(thread)
                    now = perf()
                    rate = None
                    if event is not None:
                        if self.until_epoch is not None and trainer.epoch >= self.until_epoch:
                            break
                        rate = self.epochs_per_second
                        if rate != last_rate:                 # the speed changed
                            t_start, epochs_done, last_rate = now, 0, rate
                        epochs_done += 1
                    if now - t_emit >= SNAPSHOT_INTERVAL and self.consumed == self._sent:
                        self._emit()
                        t_emit = now
                    if rate:
                        self._wait_until(t_start + epochs_done / rate, thread)
                        t_yield = perf()
                    elif now - t_yield > YIELD_INTERVAL:
                        sleep(0)                  # let the GUI thread take the GIL
                        t_yield = perf()
                        if thread.isInterruptionRequested():      # the app is exiting
                            break
                trainer.check_finite()
            except BpvizError as e:
                error = str(e)
            except Exception as e:             # a bug must not kill the thread silently
                error = self.tr("training stopped: {0}: {1}").format(type(e).__name__, e)
            finally:
                try:
                    # settings sent just before the stop still reach the trainer
                    if self._pending is not None:
                        self._apply_pending()
                except Exception as e:
                    error = error or self.tr("settings not applied: {0}: {1}").format(type(e).__name__, e)
                try:
                    self._emit(final=True, error=error)
                finally:
                    thread.quit()             # whatever happened, the thread ends

    def _step_aside(self, thread: QThread) -> None:
        """Wait (without the GIL) while the GUI thread is busy, up to GUI_WAIT_LIMIT."""
        self.gate.wait(GUI_WAIT_LIMIT)

    def _wait_until(self, deadline: float, thread: QThread) -> None:
        while not (self.stop_requested or thread.isInterruptionRequested()):
            left = deadline - time.perf_counter()
            if left <= 0 or self.epochs_per_second is None:
                return
            time.sleep(min(left, 0.01))

    def _apply_pending(self) -> None:
        with self._lock:
            settings, self._pending = self._pending, None
        trainer = self.trainer
        for name, value in settings.items():
            if name == "eta":
                trainer.set_eta(value)
            elif name == "batch_size":
                trainer.set_batch_size(len(trainer.x) if value is None else value)
                self._per_epoch = self._long_epochs()
                self._few_steps = self._short_epochs()
            elif name == "optimizer":
                trainer.set_optimizer(value)
            elif name == "l2":
                trainer.set_l2(value)
            elif name == "epochs_per_second":
                self.epochs_per_second = value

    def _emit(self, final: bool = False, error: str | None = None) -> None:
        trainer = self.trainer
        # the losses since the last snapshot, copied out; the trainer's History is emptied
        # in place (its buffer is reused), so the worker holds no more than one interval
        losses = np.array(trainer.losses.array, dtype=float)
        trainer.losses.clear()
        first = trainer.epoch - len(losses) + 1
        stats = None, None, None          # accuracy, test loss, test accuracy: not measured
        n = len(trainer.x) + (0 if trainer.x_test is None else len(trainer.x_test))
        epoch_stats, self._epoch_stats = tuple(self._epoch_stats), []
        inside = trainer.steps_into_epoch > 0
        if final and inside:          # stopped inside an epoch: the weights the window keeps
            stats = self._stats.run(self._measure)
        elif epoch_stats and epoch_stats[-1][0] == trainer.epoch:
            stats = epoch_stats[-1][1:]               # measured at this epoch's end already
        elif inside or (self._per_epoch and not final and self._sent):
            pass                       # measured at epoch ends only (and where the run starts)
        elif final or len(losses) or (n <= STATS_LIMIT and self._stats.due()):
            stats = self._stats.run(self._measure)
        accuracy, test_loss, test_accuracy = stats
        self._sent += 1
        if not (final or self.stop_requested):
            self.gate.close()
        self.snapshot.emit(Snapshot(
            self.run_id, self._sent, trainer.network.params.copy(), trainer.epoch,
            trainer.step, first, losses, accuracy, test_loss,
            test_accuracy, final, trainer.divergence if final else None, error, epoch_stats,
            trainer.steps_into_epoch, trainer.steps_per_epoch))

    def _long_epochs(self) -> bool:
        trainer = self.trainer
        return -(-len(trainer.x) // max(1, trainer.batch_size or len(trainer.x))) >= EPOCH_STATS_STEPS

    def _short_epochs(self) -> bool:
        """Epochs of a few steps: accuracy measured at their ends, when due (the pacer keeps
        its share of the time; large data with big batches had been measured only at Pause)."""
        return 1 < self.trainer.steps_per_epoch < EPOCH_STATS_STEPS

    def _measure(self) -> tuple:
        trainer = self.trainer
        _, accuracy = trainer.evaluate()
        test_loss = test_accuracy = None
        if trainer.x_test is not None:
            test_loss, test_accuracy = trainer.evaluate(trainer.x_test, trainer.y_test)
        return accuracy, test_loss, test_accuracy
