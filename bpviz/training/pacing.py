"""When a recurring piece of costly work may run again, so that it takes at most a given share
of the time: work that took c seconds is next due c · (1/share − 1) seconds after it ended.

The training worker measures accuracy this way between epochs: on XOR (microseconds) at every
snapshot, on the 5 000-digit MNIST subset (about 10 ms for the 4 000 training images) a few
times a second, so that measuring does not slow training down or keep a core from the window.
No Qt here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class Pacer:
    def __init__(self, share: float, clock: Callable[[], float] = time.perf_counter):
        if not 0 < share <= 1:
            raise ValueError(f"share must be in (0, 1], found {share!r}")
        self.share = share
        self.clock = clock
        self.next_due = -math.inf       # nothing ran yet: due at once

    def due(self) -> bool:
        return self.clock() >= self.next_due

    def run(self, work: Callable[[], object]):
        """Run `work()` now (due or not), time it, and return its result."""
        start = self.clock()
        result = work()
        end = self.clock()
        self.next_due = end + (end - start) * (1 / self.share - 1)
        return result
