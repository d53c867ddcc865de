"""Small datasets: the logic gates, 2-D toy problems, and a CSV loader.

A `Dataset` holds x (m, n⁰) and y (m, nᴸ) as float arrays, one row per sample, and an
optional held-out test part. Generators take a seeded Generator so a seed gives the same data.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import BpvizError


@dataclass(frozen=True)
class Dataset:
    name: str
    x: np.ndarray
    y: np.ndarray
    x_test: np.ndarray | None = None
    y_test: np.ndarray | None = None
    input_names: tuple = ()
    target_names: tuple = ()

    def __len__(self) -> int:
        return self.x.shape[0]

    @property
    def n_inputs(self) -> int:
        return self.x.shape[1]

    @property
    def n_targets(self) -> int:
        return self.y.shape[1]

    def split(self, test_fraction: float, seed: int = 0) -> "Dataset":
        """Move a random `test_fraction` of the samples to the test part."""
        if not 0 <= test_fraction < 1:
            raise BpvizError(f"test fraction must be in [0, 1), found {test_fraction}")
        x = self.x if self.x_test is None else np.vstack([self.x, self.x_test])
        y = self.y if self.y_test is None else np.vstack([self.y, self.y_test])
        n_test = int(round(test_fraction * len(x)))
        if n_test == 0:
            return Dataset(self.name, x, y, None, None, self.input_names, self.target_names)
        if len(x) - n_test < 1:
            raise BpvizError("the split leaves no training samples")
        order = np.random.default_rng(seed).permutation(len(x))
        test, train = order[:n_test], order[n_test:]
        return Dataset(self.name, x[train], y[train], x[test], y[test],
                       self.input_names, self.target_names)


def _gate(name, targets) -> Dataset:
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array(targets, dtype=float).reshape(4, -1)
    return Dataset(name, x, y, input_names=("x₁", "x₂"))


def xor() -> Dataset:
    return _gate("xor", [0, 1, 1, 0])


def and_gate() -> Dataset:
    return _gate("and", [0, 0, 0, 1])


def or_gate() -> Dataset:
    return _gate("or", [0, 1, 1, 1])


def not_gate() -> Dataset:
    """Seed 000: element-wise NOT of two bits, y = 1 − x."""
    return _gate("not-gate", [[1, 1], [1, 0], [0, 1], [0, 0]])


def circle(n: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Points in [−1, 1]²; label 1 inside the circle of radius 0.5."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (n, 2))
    y = (np.hypot(x[:, 0], x[:, 1]) < 0.5).astype(float)[:, None]
    return Dataset("circle", x + noise * rng.standard_normal(x.shape), y, input_names=("x₁", "x₂"))


def spirals(n: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaved spirals, labels 0 and 1."""
    rng = np.random.default_rng(seed)
    k = n // 2
    t = np.sqrt(rng.uniform(0, 1, k)) * 3 * math.pi
    arm = np.column_stack([t * np.cos(t), t * np.sin(t)]) / (3 * math.pi)
    x = np.vstack([arm, -arm]) + noise * rng.standard_normal((2 * k, 2))
    y = np.concatenate([np.zeros(k), np.ones(k)])[:, None]
    return Dataset("spirals", x, y, input_names=("x₁", "x₂"))


def gaussians(n: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two Gaussian clusters at (−0.5, −0.5) and (0.5, 0.5); `noise` widens them."""
    rng = np.random.default_rng(seed)
    k = n // 2
    spread = 0.15 + noise
    x = np.vstack([rng.normal(-0.5, spread, (k, 2)), rng.normal(0.5, spread, (k, 2))])
    y = np.concatenate([np.zeros(k), np.ones(k)])[:, None]
    return Dataset("gaussians", x, y, input_names=("x₁", "x₂"))


GENERATORS = {"circle": circle, "spirals": spirals, "gaussians": gaussians}
GATES = {"xor": xor, "and": and_gate, "or": or_gate, "not-gate": not_gate}


def _number(text: str, line: int, column: int, header) -> float:
    try:
        value = float(text)
    except ValueError:
        name = f" ({header[column - 1]!r})" if header else ""
        raise BpvizError(f"line {line}, column {column}{name}: expected a number, found "
                         f"{text.strip()!r}") from None
    if not math.isfinite(value):
        raise BpvizError(f"line {line}, column {column}: {text.strip()!r} is not a finite number")
    return value


def load_csv(source, targets=None, n_targets: int = 1) -> Dataset:
    """Read numeric columns from a CSV file (path) or text (a str with a newline).

    The header row is optional (detected when its first row is not all numbers). Targets
    are the columns named (or numbered from 0) in `targets`, else the last `n_targets`.
    The first problem is reported with its line and column.
    """
    if isinstance(source, (str, Path)) and "\n" not in str(source):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as e:
            raise BpvizError(f"cannot read {path}: {e.strerror or e}") from None
        except UnicodeDecodeError:
            raise BpvizError(f"{path}: not a text (UTF-8) CSV file") from None
        name = path.stem
    else:
        text, name = str(source), "csv"
    rows = [(i, r) for i, r in enumerate(csv.reader(io.StringIO(text)), start=1)
            if r and any(c.strip() for c in r)]
    if not rows:
        raise BpvizError("the CSV file is empty")
    header = None
    first = rows[0][1]
    try:
        [float(c) for c in first]
    except ValueError:
        header = [c.strip() for c in first]
        rows = rows[1:]
        if not rows:
            raise BpvizError("the CSV file has a header but no data rows")
    width = len(header) if header else len(rows[0][1])
    values = []
    for line, row in rows:
        if len(row) != width:
            raise BpvizError(f"line {line}: expected {width} columns, found {len(row)}")
        values.append([_number(c, line, col, header) for col, c in enumerate(row, start=1)])
    data = np.array(values, dtype=float)
    if targets:
        idx = []
        for t in targets:
            if isinstance(t, int) or str(t).isdigit():
                i = int(t)
            elif header and t in header:
                i = header.index(t)
            else:
                raise BpvizError(f"target column {t!r} not found in the header")
            if not 0 <= i < width:
                raise BpvizError(f"target column {t!r} is out of range (the file has {width} columns)")
            idx.append(i)
    else:
        if not 1 <= n_targets < width:
            raise BpvizError(f"need at least one input and one target column; the file has {width}")
        idx = list(range(width - n_targets, width))
    inputs = [i for i in range(width) if i not in idx]
    if not inputs:
        raise BpvizError("every column is a target: no input columns left")
    names = header or [f"c{i}" for i in range(width)]
    return Dataset(name, data[:, inputs], data[:, idx],
                   input_names=tuple(names[i] for i in inputs),
                   target_names=tuple(names[i] for i in idx))


def save_csv(dataset: Dataset, path) -> None:
    header = list(dataset.input_names or [f"x{i + 1}" for i in range(dataset.n_inputs)])
    header += list(dataset.target_names or [f"y{i + 1}" for i in range(dataset.n_targets)])
    lines = [",".join(header)]
    for x, y in zip(dataset.x, dataset.y):
        lines.append(",".join(repr(float(v)) for v in np.concatenate([x, y])))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
