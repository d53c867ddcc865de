"""What a training run reports: the divergence that stopped it, each epoch's numbers, the
result of `Trainer.run` (also importable from training/trainer.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .history import History


@dataclass(frozen=True)
class Divergence:
    epoch: int          # 1-based epoch in which it happened
    step: int           # 1-based step count over the whole run
    message: str

    def as_dict(self) -> dict:
        return {"epoch": self.epoch, "step": self.step, "message": self.message}


@dataclass(frozen=True)
class EpochStats:
    epoch: int                      # 1-based
    loss: float                     # mean training cost over the epoch's samples
    train_accuracy: float | None = None
    test_loss: float | None = None
    test_accuracy: float | None = None


@dataclass
class TrainResult:
    epochs: int
    loss: History = field(default_factory=History)
    train_accuracy: float | None = None
    test_accuracy: float | None = None
    diverged: Divergence | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"epochs": self.epochs, "loss": self.loss, "train_accuracy": self.train_accuracy,
                "test_accuracy": self.test_accuracy,
                "diverged": self.diverged.as_dict() if self.diverged else None,
                "seconds": self.seconds}
