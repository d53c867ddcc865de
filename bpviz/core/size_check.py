"""How big a network is before it is built or read: parameters, memory, time per epoch.

The estimates are deliberately simple (docs in the README, "Size limits"):
- parameters P = Σ nˡ·(nˡ⁻¹ + 1) (weights and biases);
- training memory ≈ 8 bytes × (P × (3 + optimiser state) + 3 × batch × Σ nˡ): the weights,
  their gradient and the last finite copy, Adam's two moment vectors (momentum's one), and
  z, a and δ of one batch;
- reading a JSON model file takes about 5 times the file's size (Python lists of floats);
- time per epoch ≈ 6·P flops per sample (forward 2, backward 4) at 10⁹ flops/s.
Above MEMORY_LIMIT the command line refuses unless --force is given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import BpvizError
from .notation import count

MEMORY_LIMIT = 2 * 1024**3          # bytes of estimated memory; above, --force is needed
FILE_READ_FACTOR = 5                # memory to read a model file ÷ its size on disk
FLOPS_PER_SECOND = 1e9
OPTIMIZER_STATE = {"sgd": 0, "momentum": 1, "adam": 2}


@dataclass(frozen=True)
class SizeEstimate:
    sizes: tuple
    parameters: int
    memory_bytes: int

    def seconds_per_epoch(self, samples: int) -> float:
        return 6.0 * self.parameters * samples / FLOPS_PER_SECOND

    def describe(self) -> str:
        return (f"{'-'.join(map(str, self.sizes))}: {count(self.parameters)} parameters, about "
                f"{_bytes(self.memory_bytes)} to train")


def estimate(sizes, batch: int = 1, optimizer: str = "sgd", itemsize: int = 8) -> SizeEstimate:
    sizes = tuple(int(n) for n in sizes)
    parameters = sum(n * (n_in + 1) for n_in, n in zip(sizes, sizes[1:]))
    copies = 3 + OPTIMIZER_STATE.get(optimizer, 2)
    memory = itemsize * (parameters * copies + 3 * max(batch, 1) * sum(sizes))
    return SizeEstimate(sizes, parameters, memory)


def check_network(sizes, *, force: bool = False, batch: int = 1, optimizer: str = "sgd",
                  samples: int | None = None) -> SizeEstimate:
    """Refuse (BpvizError) a network whose estimated memory is above MEMORY_LIMIT, unless
    `force`."""
    est = estimate(sizes, batch, optimizer)
    if est.memory_bytes > MEMORY_LIMIT and not force:
        time = ""
        if samples:
            time = f" and about {_seconds(est.seconds_per_epoch(samples))} per epoch"
        raise BpvizError(f"the network is large ({est.describe()}{time}), above the limit of "
                         f"{_bytes(MEMORY_LIMIT)}; add --force to build it anyway")
    return est


def check_model_file(path, *, force: bool = False) -> None:
    """Refuse a model file that would take more than MEMORY_LIMIT to read, unless `force`
    (checked from its size on disk, before reading it)."""
    try:
        size = os.path.getsize(path)
    except (OSError, ValueError):
        return                          # the loader reports a missing or unreadable file
    if size * FILE_READ_FACTOR > MEMORY_LIMIT and not force:
        raise BpvizError(f"{path}: the model file is {_bytes(size)}; reading it takes about "
                         f"{_bytes(size * FILE_READ_FACTOR)}, above the limit of "
                         f"{_bytes(MEMORY_LIMIT)}; add --force to read it anyway")


def _bytes(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def _seconds(s: float) -> str:
    if s < 120:
        return f"{s:.0f} s"
    if s < 7200:
        return f"{s / 60:.0f} min"
    return f"{s / 3600:.1f} h"
