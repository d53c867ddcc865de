"""Where a trainer's weights are within its epochs: the running epoch, the steps taken in it and
the steps it has. Mixed into `Trainer` (which sets `step`, `epoch`, `batch_size`, `x`,
`_epoch_end_step` and `_rows_base`/`_rows_base_step` when the batch size changes)."""

from __future__ import annotations


class EpochPosition:
    @property
    def running_epoch(self) -> int:
        """The epoch the last step belongs to: `epoch` when it closed one, else the next."""
        return self.epoch if self._epoch_end_step == self.step else self.epoch + 1

    @property
    def steps_into_epoch(self) -> int:
        """Steps taken in the running epoch: 0 at an epoch's end (and before the first step),
        else how far the weights are past the end of epoch `epoch`. Where the batch size changed
        inside the epoch, the samples it has taken counted in steps of the size now (so that
        `steps_per_epoch` − this is exactly the steps left)."""
        start = max(self._epoch_end_step, 0)
        if self.step <= start or self._rows_base_step <= start:
            return self.step - start
        left = -(-(self.x.shape[0] - self._rows_into_epoch()) // max(1, self.batch_size))
        return max(1, self.steps_per_epoch - left)

    def _rows_into_epoch(self) -> int:
        """Samples the running epoch has taken (its steps times their batch sizes)."""
        start = max(self._epoch_end_step, 0)
        if self._rows_base_step > start:        # the batch size changed inside this epoch
            return self._rows_base + (self.step - self._rows_base_step) * self.batch_size
        return (self.step - start) * self.batch_size

    @property
    def steps_per_epoch(self) -> int:
        """Steps an epoch takes at the batch size now."""
        return -(-self.x.shape[0] // max(1, self.batch_size))
