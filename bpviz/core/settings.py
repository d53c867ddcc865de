"""The one validation of every training setting: η, batch size, optimiser, L2 strength, seed
and epochs. The trainer, the command line and the window all call these functions, so a value
is accepted or refused by the same rule and with the same words wherever it is typed.

Every check takes what a user may hand it (a number, or text typed in a field or on the
command line) and returns the clean value, or raises `BpvizError` with one line. `source`
names where an inherited value came from (e.g. "model.json: training.batch_size"), so an
error says which file to fix.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from .errors import BpvizError
from .notation import num
from .optimizers import OPTIMIZERS

OPTIMIZER_NAMES = tuple(OPTIMIZERS)       # sgd, momentum, adam

# A typed weight, bias or input beyond this magnitude only overflows the network.
MAX_MAGNITUDE = 1e6
MAX_SEED = 2**32 - 1
MAX_EPOCHS = 10**9
UNBOUNDED = 2**62          # an upper bound this large is not worth printing


def _where(what: str, source: str | None) -> str:
    return f"{source} ({what})" if source else what


def _short(value, limit: int = 40) -> str:
    text = repr(value) if not isinstance(value, str) else repr(value.strip())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def parse_number(value, what: str, *, positive: bool = False, non_negative: bool = False,
                 max_magnitude: float | None = MAX_MAGNITUDE, source: str | None = None) -> float:
    """A finite float from a number or typed text, within ±max_magnitude when one is given."""
    name = _where(what, source)
    if isinstance(value, bool):
        raise BpvizError(f"{name}: expected a number, found {_short(value)}")
    try:
        # the window writes a true minus sign (−) in the numbers it shows: take it when pasted
        number = float(value.strip().replace("\u2212", "-") if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        raise BpvizError(f"{name}: expected a number, found {_short(value)}") from None
    if not math.isfinite(number):
        raise BpvizError(f"{name}: must be a finite number, found {_short(value)}")
    if max_magnitude is not None and abs(number) > max_magnitude:
        raise BpvizError(f"{name}: {num(number)} is too large (|value| ≤ {num(max_magnitude)})")
    if positive and number <= 0:
        raise BpvizError(f"{name}: must be > 0, found {num(number)}")
    if non_negative and number < 0:
        raise BpvizError(f"{name}: must be ≥ 0, found {num(number)}")
    return number


def parse_whole(value, what: str, *, low: int, high: int, source: str | None = None,
                high_is: str = "") -> int:
    """A whole number low ≤ n ≤ high from an int or typed text ("12", not "12.0" or "1_2").
    `high_is` says what the upper bound is ("the number of training samples")."""
    name = _where(what, source)
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif hasattr(value, "__index__") and not isinstance(value, (bool, float, str)):
        number = int(value.__index__())          # NumPy integers
    elif isinstance(value, str):
        text = value.strip()
        whole = re.fullmatch(r"[+-]?[0-9]+", text) is not None
        if whole and len(text) <= 30:
            number = int(text)
        elif whole:                                  # a whole number, only far too long
            raise BpvizError(f"{name}: {_short(value)} is out of range ({low} to "
                             f"{high if high < UNBOUNDED else 'any size'})")
    if number is None:
        raise BpvizError(f"{name}: expected a whole number, found {_short(value)}")
    if not low <= number <= high:
        if high >= UNBOUNDED and number < low:
            raise BpvizError(f"{name}: must be ≥ {low}, found {number}")
        if high >= UNBOUNDED:                        # past what any count here could be
            raise BpvizError(f"{name}: {number} is too large")
        bound = f"{high} ({high_is})" if high_is else f"{high}"
        raise BpvizError(f"{name}: must be between {low} and {bound}, found {number}")
    return number


def check_eta(value, source: str | None = None) -> float:
    """The learning rate η: a finite number > 0 (a huge one is allowed: it diverges, and the
    trainer says so)."""
    return parse_number(value, "learning rate η", positive=True, max_magnitude=None,
                        source=source)


def check_l2(value, source: str | None = None) -> float:
    """The L2 strength λ: a finite number ≥ 0."""
    return parse_number(value, "L2 strength λ", non_negative=True, max_magnitude=None,
                        source=source)


def check_optimizer(value, source: str | None = None) -> str:
    name = value.strip().lower() if isinstance(value, str) else value
    if name not in OPTIMIZER_NAMES:
        raise BpvizError(f"{_where('optimizer', source)}: expected one of "
                         f"{', '.join(OPTIMIZER_NAMES)}, found {_short(value)}")
    return name


def check_batch_size(value, n_samples: int, source: str | None = None) -> int | None:
    """Samples per step, 1 ≤ B ≤ n_samples; None, "" or "all" mean the whole training set
    (returned as None)."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all")):
        return None
    size = parse_whole(value, "batch size", low=1, high=max(int(n_samples), 1), source=source,
                       high_is="the number of training samples")
    return size


# what training uses where neither the command line nor a model file says otherwise
RUN_DEFAULTS = {"epochs": 100, "batch_size": None, "optimizer": "sgd", "seed": 0}


def check_seed(value, source: str | None = None) -> int:
    return parse_whole(value, "seed", low=0, high=MAX_SEED, source=source)


def check_epochs(value, source: str | None = None) -> int:
    return parse_whole(value, "epochs", low=0, high=MAX_EPOCHS, source=source)


@dataclass(frozen=True)
class TrainingSettings:
    """The settings a training run uses; build and change them through `checked`/`with_`,
    which validate every field with the functions above."""

    eta: float = 0.1
    batch_size: int | None = None        # None: the whole training set (full batch)
    optimizer: str = "sgd"
    l2: float = 0.0
    seed: int = 0

    @classmethod
    def checked(cls, *, eta=0.1, batch_size=None, optimizer="sgd", l2=0.0, seed=0,
                n_samples: int | None = None, source: str | None = None) -> TrainingSettings:
        batch = None
        if batch_size is not None:
            n = n_samples if n_samples is not None else UNBOUNDED
            batch = check_batch_size(batch_size, n, source)
        return cls(check_eta(eta, source), batch, check_optimizer(optimizer, source),
                   check_l2(l2, source), check_seed(seed, source))

    def with_(self, n_samples: int | None = None, source: str | None = None,
              **changes) -> TrainingSettings:
        """A copy with `changes` validated (batch_size against `n_samples` when given)."""
        fields = {"eta": self.eta, "batch_size": self.batch_size, "optimizer": self.optimizer,
                  "l2": self.l2, "seed": self.seed}
        unknown = set(changes) - set(fields)
        if unknown:
            raise TypeError(f"unknown training settings: {sorted(unknown)}")
        fields.update(changes)
        return replace(self, **{k: v for k, v in vars(
            TrainingSettings.checked(**fields, n_samples=n_samples, source=source)).items()})
