"""The training settings a model file may carry under its `training` key, checked on load.

A model saved by `train --save` or the window records the settings it was trained with
(learning_rate, batch_size, optimizer, l2, seed, epochs, preset, and for a one-sample network
its input and target). They are optional, but when present they must be what the trainer
accepts, so a bad value is refused when the file is opened, naming the key
(e.g. "model.json: training.learning_rate (learning rate η): must be > 0, found -1"),
not later inside a run. The checks are those of core/settings.py.
"""

from __future__ import annotations

import json
import math

from .errors import BpvizError
from .settings import (
    UNBOUNDED,
    check_batch_size,
    check_epochs,
    check_eta,
    check_l2,
    check_optimizer,
    check_seed,
)

NUMBER_SETTINGS = {"learning_rate": check_eta, "l2": check_l2}
WHOLE_SETTINGS = {"seed": check_seed, "epochs": check_epochs}
ANY_BATCH = UNBOUNDED


def _found(value) -> str:
    """What was found, written as JSON writes it (true, null, "text"), never the whole value."""
    if isinstance(value, (list, dict)):
        n = len(value)
        return (f"a {'list' if isinstance(value, list) else 'JSON object'} of {n} "
                f"{'entry' if n == 1 else 'entries'}")
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def check_training(training, sizes) -> None:
    """Validate a model file's `training` value (None when the key is absent)."""
    if training is None:
        return
    if not isinstance(training, dict):
        raise BpvizError(f"training: expected an object of settings, found {_found(training)}")
    for key, check in NUMBER_SETTINGS.items():
        if key in training:
            value = training[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise BpvizError(f"training.{key}: expected a number, found {_found(value)}")
            if isinstance(value, int) and abs(value) > 1e300:
                raise BpvizError(f"training.{key}: a {len(str(abs(value)))}-digit number is "
                                 "too large")
            check(value, source=f"training.{key}")
    for key, check in WHOLE_SETTINGS.items():
        if key in training:
            value = training[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise BpvizError(f"training.{key}: expected a whole number, found {_found(value)}")
            check(value, source=f"training.{key}")
    if "batch_size" in training and training["batch_size"] is not None:
        value = training["batch_size"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise BpvizError("training.batch_size: expected a whole number or null (the whole "
                             f"training set), found {_found(value)}")
        check_batch_size(value, ANY_BATCH, source="training.batch_size")
    if "optimizer" in training:
        value = training["optimizer"]
        if not isinstance(value, str):
            raise BpvizError(f"training.optimizer: expected a name, found {_found(value)}")
        check_optimizer(value, source="training.optimizer")
    if "preset" in training and not isinstance(training["preset"], str):
        raise BpvizError(f"training.preset: expected a preset name, found {_found(training['preset'])}")
    m_in = _check_sample(training, "input", sizes[0])
    m_out = _check_sample(training, "target", sizes[-1])
    if m_in is not None and m_out is not None and m_in != m_out:
        raise BpvizError(f"training.input has {m_in} samples but training.target has {m_out}")


def _check_sample(training: dict, key: str, n: int) -> int | None:
    """`input`/`target`: one sample (n numbers) or a list of samples (rows of n numbers);
    returns the number of samples (None when absent)."""
    if key not in training:
        return None
    value = training[key]
    rows = value if isinstance(value, list) and value and isinstance(value[0], list) else [value]
    for i, row in enumerate(rows):
        where = f"training.{key}" + (f"[{i}]" if rows is value else "")
        if not isinstance(row, list) or len(row) != n:
            raise BpvizError(f"{where}: expected {n} numbers, found {_found(row)}")
        for j, v in enumerate(row):
            ok = not isinstance(v, bool) and isinstance(v, (int, float))
            try:
                ok = ok and math.isfinite(float(v))
            except OverflowError:
                ok = False
            if not ok:
                raise BpvizError(f"{where}[{j}]: expected a finite number, found {_found(v)}")
    return len(rows)
