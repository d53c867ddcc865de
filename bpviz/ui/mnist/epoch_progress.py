"""A per-epoch progress bar for training on big data (MNIST: 400 to 5 000 steps an epoch),
fed by the controller's applied snapshots: how far the running epoch has got."""

from __future__ import annotations

import math
import time

from PySide6.QtWidgets import QProgressBar

EVERY = 0.25             # seconds between two updates: a bar's repaint is synchronous
MIN_STEPS = 50           # epochs shorter than this finish too fast for a bar to mean anything


class EpochProgress(QProgressBar):
    """Shown and hidden through `action`, its toolbar's action for it (`place`): a widget in a
    toolbar that is shown by itself is not laid out there — it had stayed 480 px tall at the
    toolbar's corner, never seen."""

    def __init__(self, controller, session, parent=None):
        super().__init__(parent)
        self.action = None
        self.setObjectName("epoch_progress")
        self.setAccessibleName(self.tr("Progress of the running epoch"))
        self.controller, self.session = controller, session
        self.setRange(0, 1000)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self._last = 0.0
        controller.snapshot_applied.connect(self.show_snapshot)

    def place(self, toolbar) -> None:
        self.action = toolbar.addWidget(self)
        self.action.setVisible(False)

    def shown(self) -> bool:
        return self.action is not None and self.action.isVisible()

    def steps_per_epoch(self) -> int:
        trainer = self.controller.trainer
        if trainer is None:
            return 0
        return math.ceil(len(self.session.dataset) / max(1, trainer.batch_size))

    def show_snapshot(self, snap) -> None:
        per = self.steps_per_epoch()
        shown = per >= MIN_STEPS and not snap.final      # (a finished run's "epoch 31: 0 %"
        if self.action is not None and self.action.isVisible() != shown:    # had stayed)
            self.action.setVisible(shown)
        if not shown:
            return
        now = time.perf_counter()
        if now - self._last < EVERY and not snap.final:
            return
        self._last = now
        done, epoch = snap.step - snap.epoch * per, snap.epoch + 1
        if done <= 0 and snap.epoch > 0:
            # between two epochs (at a set speed the worker waits there, most of the time):
            # the epoch just finished, whole, as the epoch counter beside it says — "epoch
            # 11: 0 %" had stood beside "epoch 10 of 30" until the next epoch began
            done, epoch = per, snap.epoch
        # QProgressBar.setValue repaints at once (~10 ms, the whole window offscreen): with
        # updates off it only schedules a paint, which joins the window's next frame
        self.setUpdatesEnabled(False)
        self.setValue(int(1000 * min(max(done, 0), per) / per))
        self.setFormat(self.tr("epoch {n}: %p%").format(n=epoch))
        self.setUpdatesEnabled(True)
        self.update()
