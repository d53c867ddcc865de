"""The trainer loop: epochs of seeded, shuffled mini-batches, no Qt and no printing.

`Trainer.steps()` is a generator that yields after every mini-batch step: that is where
a caller can pause, stop, change η or read the weights (napari-style workers). `run()` is
the plain loop on top of it. A step whose loss is non-finite, or larger than
`divergence_factor` (default 10⁴) times the initial loss (the mean loss over the training set
before the first step), stops training: it is reported as a `Divergence` and the weights from
before the explosion are put back. The loss per epoch is kept in a compact `History`.
Callers should run it under `np.errstate(all="ignore")` (as `run()` does): a diverging
network overflows, and the divergence report is the message, not NumPy's warnings.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ..core.data_check import check_data
from ..core.metrics import evaluate
from ..core.network import Network
from ..core.notation import amount
from ..core.optimizers import make_optimizer, weight_mask
from ..core.settings import (
    check_batch_size,
    check_epochs,
    check_eta,
    check_l2,
    check_optimizer,
    check_seed,
)
from ..core.threads import blas_threads
from .batch_rows import check_pixels
from .divergence_floor import check_divergence_factor, explosion, reference_floor, unmeasurable
from .epoch_position import EpochPosition
from .fast_path import FastPath, applies
from .history import History
from .results import Divergence, EpochStats, TrainResult

DIVERGENCE_FACTOR = 1e4


class Trainer(EpochPosition):
    """Trains `network` in place on (x, y)."""

    def __init__(self, network: Network, x, y, *, eta: float = 0.1, batch_size: int | None = None,
                 optimizer: str = "sgd", l2: float = 0.0, seed: int = 0,
                 x_test=None, y_test=None, divergence_factor: float = DIVERGENCE_FACTOR,
                 pixels=None):
        self.network = network
        self.settings_version = 0     # goes up with every change from outside (η, weights…)
        self._fast: FastPath | None = None
        self.x, self.y = check_data(network, x, y, "training")
        # x as 8-bit pixel values, x = pixels / 255 (a Dataset's `pixels`), or None
        self.pixels = check_pixels(pixels, self.x)
        self.x_test = self.y_test = None
        if x_test is not None and len(x_test):
            self.x_test, self.y_test = check_data(network, x_test, y_test, "test")
        self.rng = np.random.default_rng(check_seed(seed))
        self.grad = np.zeros_like(network.params)
        self._backup = network.params.copy()
        self._backup_step = -2      # the step count at which `_backup` was taken (none yet)
        self._epoch_end_step = -1
        # samples the running epoch had taken when its batch size last changed, and at which step
        self._rows_base, self._rows_base_step = 0, -1
        self._mask = weight_mask(network)
        self.optimizer = make_optimizer(check_optimizer(optimizer), check_eta(eta), check_l2(l2),
                                        self._mask)
        self.set_batch_size(batch_size)
        self.set_l2(l2)
        self.epoch = 0            # completed epochs
        self.step = 0             # completed steps
        self.losses = History()
        self.divergence: Divergence | None = None
        self.divergence_factor = check_divergence_factor(divergence_factor)
        self.reference_loss: float | None = None    # the loss before the first step
        self.reference_floor = reference_floor(self.y)

    @property
    def loss_limit(self) -> float:
        """A step's loss above this is an explosion (inf until the initial loss is known)."""
        if self.reference_loss is None:
            return math.inf
        return self.divergence_factor * max(self.reference_loss, self.reference_floor)

    def set_divergence_factor(self, factor) -> None:
        self.divergence_factor = check_divergence_factor(factor)

    # The window still calls this name; it goes when ui/ calls core.data_check directly.
    _check_data = staticmethod(check_data)

    def set_params(self, params) -> None:
        """New parameter values from outside (edits made while paused): the next step starts
        from them, and there is no earlier step to fall back on if it diverges."""
        self._changed()
        self.network.params[...] = params
        self._backup_step = -2

    # -- settings, applied at the next batch ---------------------------------------------
    @property
    def eta(self) -> float:
        return self.optimizer.eta

    def set_eta(self, eta) -> None:
        self.optimizer.eta = check_eta(eta)
        self.settings_version += 1

    def set_batch_size(self, batch_size) -> None:
        """Samples per step, 1 ≤ B ≤ n; None means the whole training set."""
        n = self.x.shape[0]
        size = check_batch_size(batch_size, n)
        size = n if size is None else size
        if hasattr(self, "batch_size") and size != self.batch_size and self.steps_into_epoch > 0:
            self._rows_base, self._rows_base_step = self._rows_into_epoch(), self.step
        self.batch_size = size
        self.settings_version += 1

    def set_l2(self, l2) -> None:
        self.optimizer.l2 = check_l2(l2)
        self.settings_version += 1

    def set_optimizer(self, name: str) -> None:
        name = check_optimizer(name)
        if name != self.optimizer.name:
            self.optimizer = make_optimizer(name, self.optimizer.eta, self.optimizer.l2, self._mask)
        self.settings_version += 1

    def _changed(self) -> None:
        """The weights are about to change from outside: the fast path's steps so far are
        checked, and none of them can be taken again."""
        self.settings_version += 1
        if self._fast is not None:
            self._fast.forget()

    # -- the loop -------------------------------------------------------------------------
    def steps(self):
        """Yield after every step: None, or the number of the epoch just finished (its mean
        loss is then `self.losses[-1]`). Ends after a divergence, which is then in
        `self.divergence`. While it runs, BLAS uses one thread (core/threads.py)."""
        with blas_threads(1):
            yield from self._steps()

    def _steps(self):
        net, params, grad, backup = self.network, self.network.params, self.grad, self._backup
        x, y, n = self.x, self.y, self.x.shape[0]
        loss_and_gradient, copyto = net.loss_and_gradient, np.copyto
        if self.reference_loss is None:
            with np.errstate(all="ignore"):
                initial, _ = self.evaluate()
            if math.isfinite(initial):
                self.reference_loss = initial
            elif self.step == 0:                    # no step could be measured against it
                self.divergence = Divergence(1, 0, self._unmeasurable(initial))
                return
        if self.step > max(self._epoch_end_step, 0):   # new steps inside an epoch (after a
            self._rows_base, self._rows_base_step = 0, self.step   # divergence): its rows anew
        while True:
            total, seen, start = 0.0, 0, 0
            limit = self.loss_limit                  # a changed factor counts from the next epoch
            # A full batch needs no shuffling: the mean gradient does not depend on order.
            order = None if self.batch_size >= n else self.rng.permutation(n)
            while start < n:
                if applies(net, self.optimizer):        # plain SGD: training/fast_path.py
                    if self._fast is None:
                        self._fast = FastPath(self)
                    done = yield from self._fast.chunk(order, start, limit)
                    if done is None:                    # diverged
                        return
                    rows, cost = done
                    total += cost
                    seen += rows
                    start += rows
                    continue
                if self._fast is not None and self._fast.open is not None:
                    self._fast.forget()
                    copyto(backup, params)
                if order is None:
                    xb, yb = x, y
                else:        # the batch size may change between steps: the epoch goes on
                    idx = order[start:start + self.batch_size]
                    xb, yb = x[idx], y[idx]
                loss = loss_and_gradient(xb, yb, grad)
                if not loss <= limit:                # NaN fails this test too
                    self._diverged(self._explosion(loss), self.epoch + 1, self.step + 1)
                    return
                copyto(backup, params)           # these weights gave a finite loss
                self._backup_step = self.step
                self.optimizer.step(params, grad)
                self.step += 1
                m = xb.shape[0]
                total += loss * m
                seen += m
                start += m
                if start < n:
                    yield None
            # (A non-finite weight makes the next loss non-finite; `check_finite` covers
            # the last step of a run.)
            self.epoch += 1
            self.losses.append(total / seen)
            self._epoch_end_step = self.step
            yield self.epoch

    def check_finite(self) -> bool:
        """After the last step: a weight that became non-finite, or a loss that exploded,
        is a divergence too (of the step just taken, in the epoch it belonged to)."""
        if self._fast is not None and not self._fast.settle():
            return False
        if self.divergence is not None or self.step == 0:
            return self.divergence is None
        # the last step either closed an epoch (already counted) or is in the next one
        epoch = self.running_epoch
        if not np.isfinite(self.network.params).all():
            if self._recovered():
                self._diverged("a weight became non-finite", epoch, self.step)
        elif self.reference_loss is not None:
            loss, _ = self.evaluate()               # the loss the last step led to
            if not loss <= self.loss_limit and self._recovered():
                self._diverged(self._explosion(loss), epoch, self.step)
        return self.divergence is None

    def _recovered(self) -> bool:
        """Before stopping after the last step: the fast path keeps no backup per step, so
        its last steps are taken again by the general step, which leaves one. False if
        that already found the divergence."""
        return self._fast is None or self._fast.take_again()

    def _unmeasurable(self, initial: float) -> str:
        return unmeasurable(initial, self.x, self.y)

    def _explosion(self, loss: float) -> str:
        return explosion(loss, self.reference_loss, self.reference_floor, self.divergence_factor)

    def recover_after_interrupt(self) -> None:
        """After a KeyboardInterrupt inside `steps()`: if it came in the middle of an update,
        put back the weights from before that update (the loss there was finite)."""
        if self._backup_step == self.step or not np.isfinite(self.network.params).all():
            if self._backup_step >= 0:
                self.network.params[...] = self._backup

    def _diverged(self, what: str, epoch: int, step: int) -> None:
        """Stop: put back the weights of the last step whose loss was finite (the ones the
        diverging step started from), when we have them."""
        if self._backup_step == self.step - 1 or not np.isfinite(self.network.params).all():
            self.network.params[...] = self._backup
        # the epoch counter shows completed epochs: say both, so "epoch 392" and "391" agree
        when = (f"at the end of epoch {epoch}" if self.epoch >= epoch
                else f"during epoch {epoch} ({self.epoch} completed)")
        self.divergence = Divergence(
            epoch, step,
            f"training diverged {when}, at step {step}: {what}; the weights from "
            f"before that step were kept — try a smaller learning rate (η = {amount(self.eta)})")

    def evaluate(self, x=None, y=None) -> tuple[float, float | None]:
        """(cost, accuracy) of the current network on (x, y), default the training set."""
        return evaluate(self.network, self.x if x is None else x, self.y if y is None else y)

    def epoch_stats(self, loss: float) -> EpochStats:
        """Loss plus train/test accuracy and test loss (a forward pass each)."""
        _, train_acc = self.evaluate()
        test_loss = test_acc = None
        if self.x_test is not None:
            test_loss, test_acc = self.evaluate(self.x_test, self.y_test)
        return EpochStats(self.epoch, loss, train_acc, test_loss, test_acc)

    def run(self, epochs: int, on_step=None, on_epoch=None) -> TrainResult:
        """Train for `epochs` more epochs. `on_step(trainer)` is called after every step and
        `on_epoch(stats)` after every epoch; either may return True to stop early."""
        epochs = check_epochs(epochs)
        t0 = time.perf_counter()
        first = len(self.losses)
        target = self.epoch + epochs
        with np.errstate(all="ignore"):
            if epochs:
                for event in self.steps():
                    if on_step is not None and on_step(self):
                        break
                    if event is not None:
                        if on_epoch is not None and on_epoch(self.epoch_stats(self.losses[-1])):
                            break
                        if self.epoch >= target:
                            break
            self.check_finite()
        result = TrainResult(self.epoch, self.losses[first:], diverged=self.divergence,
                             seconds=time.perf_counter() - t0)
        _, result.train_accuracy = self.evaluate()
        if self.x_test is not None:
            _, result.test_accuracy = self.evaluate(self.x_test, self.y_test)
        return result
