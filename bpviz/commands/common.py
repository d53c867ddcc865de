"""What the commands share: where the network and data come from, JSON output without
NaN, a progress bar on stderr, and small text tables with a shape in every heading.
"""

from __future__ import annotations

import json
import math
import sys
import time
from dataclasses import dataclass, replace

import numpy as np

from ..core.datasets import Dataset, load_csv
from ..core.errors import BpvizError
from ..core.modelfile import load_model
from ..core.network import Network
from ..core.notation import num
from ..core.presets import Preset, get_preset, recorded_preset
from ..core.settings import check_eta
from ..core.size_check import check_model_file, check_network
from ..training.history import History

DEFAULT_ETA = 0.1


@dataclass
class Source:
    """A network to work on, with the preset or model file it came from."""

    network: Network
    name: str                      # the preset's name or the model file's path
    preset: Preset | None = None
    extra: dict | None = None      # a model file's extra keys (training settings, notes…)

    def training_setting(self, key: str):
        """A setting from the model file's `training` key (None when absent)."""
        training = (self.extra or {}).get("training")
        return training.get(key) if isinstance(training, dict) else None

    def sample_preset(self) -> Preset | None:
        """Where `--sample I` picks from: the preset, or the preset a model file records
        (`train --preset … --save` records it); None for neither."""
        if self.preset is not None:
            return self.preset
        return self.recorded_preset()

    def recorded_preset(self) -> Preset | None:
        """The preset a model file records (training.preset), or None; one line naming the
        file and key when it is no preset, or when the file's network does not fit its data
        (a 2-4-1 network recording mnist): core's rule, which the window's Open model shares."""
        return recorded_preset(self.network, self.extra, self.name)

    def sample_data(self) -> Dataset | None:
        """The data of `sample_preset`, or None."""
        preset = self.sample_preset()
        return preset.dataset() if preset is not None else None

    def setting_source(self, key: str) -> str:
        """Where a stored setting came from, for error messages: "m.json: training.seed"."""
        return f"{self.name}: training.{key}"


def check_preset(name: str) -> Preset:
    return get_preset(name)


def load_source(args, seed: int | None = None, dtype: str = "float64") -> Source:
    """The network named by --preset or --model. `seed` redraws a preset's random
    initial weights (presets with fixed weights, like toy-40-80, keep them)."""
    force = bool(getattr(args, "force", False))
    init = getattr(args, "init", None)
    name = getattr(args, "preset", None)
    if name is not None and not name.strip():         # `--preset "$P"` with P unset
        raise BpvizError("--preset: the name is empty (see `bpviz presets`)")
    if init is not None and name is None:
        raise BpvizError("--init goes with --preset (a model file brings its weights)")
    if name is not None:
        preset = check_preset(args.preset)
        if init is not None:
            if preset.draw is not None or preset.weights is not None:
                raise BpvizError(f"--init: the {preset.name} preset starts from its own weights "
                                 "(from the text it comes from), not from an initialiser")
            preset = replace(preset, init=init)
        check_network(preset.sizes, force=force)
        net = preset.network(seed=None if preset.weights is not None else seed, dtype=dtype)
        return Source(net, preset.name, preset=preset)
    check_model_file(args.model, force=force)       # from its size, before reading it
    network, extra = load_model(args.model)
    check_network(network.sizes, force=force)
    return Source(network, str(args.model), extra=extra)


def resolve_eta(args, source: Source) -> float:
    """η from --learning-rate, else the preset's or model file's setting, else 0.1."""
    if args.learning_rate is not None:
        return check_eta(args.learning_rate)
    if source.preset is not None:
        return source.preset.eta
    stored = source.training_setting("learning_rate")
    if stored is None:
        return DEFAULT_ETA
    return check_eta(stored, source=source.setting_source("learning_rate"))


def load_data(path, network: Network) -> Dataset:
    """A CSV whose last nᴸ columns are targets and whose other n⁰ columns are inputs."""
    n_in, n_out = network.sizes[0], network.sizes[-1]
    try:
        data = load_csv(path, n_targets=n_out)
    except BpvizError as e:                  # "line 2, column 2: …": say which file
        message = str(e)
        raise BpvizError(message if str(path) in message else f"{path}: {message}") from None
    if data.n_inputs != n_in:
        raise BpvizError(f"{path}: expected {n_in + n_out} columns ({n_in} inputs, then "
                         f"{n_out} target column(s)) for a {'-'.join(map(str, network.sizes))} "
                         f"network, found {data.n_inputs + data.n_targets}")
    return data


# -- output -------------------------------------------------------------------------------
def jsonable(value):
    """Arrays to lists, NumPy scalars to Python numbers, NaN and ±inf to None."""
    if isinstance(value, History):
        value = value.array
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    return value


def print_json(doc) -> None:
    """Exactly one JSON document on stdout. A long series of numbers at the top level (the
    loss per epoch: an array or a History) is streamed in chunks, never turned into one
    Python float per value."""
    out = sys.stdout
    if out is None:                                   # started with stdout closed (`>&-`)
        raise BpvizError("cannot print the JSON: standard output is closed")
    if not (isinstance(doc, dict) and any(_series(v) is not None for v in doc.values())):
        out.write(json.dumps(jsonable(doc), allow_nan=False) + "\n")
        return
    out.write("{")
    for i, (key, value) in enumerate(doc.items()):
        out.write((", " if i else "") + json.dumps(str(key)) + ": ")
        series = _series(value)
        if series is None:
            out.write(json.dumps(jsonable(value), allow_nan=False))
        else:
            write_json_numbers(out, series)
    out.write("}\n")


def _series(value):
    """`value` as a 1-D float array when it is a long numeric series, else None."""
    if isinstance(value, History):
        return value.array
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind == "f":
        return value
    return None


def write_json_numbers(out, values: np.ndarray, chunk: int = 1 << 14) -> None:
    """A JSON list of floats (NaN and ±inf as null), written `chunk` values at a time."""
    out.write("[")
    for start in range(0, len(values), chunk):
        part = values[start:start + chunk]
        text = [repr(v) for v in part.tolist()]
        if not np.isfinite(part).all():
            for j in np.flatnonzero(~np.isfinite(part)):
                text[j] = "null"
        out.write((", " if start else "") + ", ".join(text))
    out.write("]")


def matrix_lines(m, max_rows: int = 10, max_cols: int = 8) -> list[str]:
    """A matrix (or a vector, as one column) as right-aligned text rows."""
    m = np.asarray(m, dtype=float)
    if m.ndim == 1:
        m = m[:, None]
    rows = [[num(v) for v in row[:max_cols]] + (["…"] if m.shape[1] > max_cols else [])
            for row in m[:max_rows]]
    width = max((len(c) for r in rows for c in r), default=1)
    lines = ["  ".join(c.rjust(width) for c in r) for r in rows]
    if m.shape[0] > max_rows:
        lines.append(f"… ({m.shape[0]} rows)")
    return lines


def side_by_side(blocks: list[tuple[str, list[str]]], gap: int = 4) -> list[str]:
    """Blocks of text (a heading and its lines) printed next to each other."""
    widths = [max([len(h)] + [len(x) for x in lines]) for h, lines in blocks]
    height = max(len(lines) for _, lines in blocks)
    out = [(" " * gap).join(h.ljust(w) for (h, _), w in zip(blocks, widths))]
    for i in range(height):
        out.append((" " * gap).join((lines[i] if i < len(lines) else "").ljust(w)
                                    for (_, lines), w in zip(blocks, widths)))
    return [line.rstrip() for line in out]


class Progress:
    """A one-line progress bar on stderr, drawn only on a terminal, at most 10 times a second."""

    def __init__(self, total: int, enabled: bool, label: str = "epoch"):
        self.total, self.label = max(total, 1), label
        self.enabled = enabled and sys.stderr.isatty()
        self.last = 0.0

    def update(self, done: int, text: str = "", force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        filled = int(30 * done / self.total)
        bar = "#" * filled + "-" * (30 - filled)
        sys.stderr.write(f"\r[{bar}] {self.label} {done}/{self.total} {text}\x1b[K")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
