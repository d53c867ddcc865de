"""Small datasets: the logic gates, 2-D toy problems, and a CSV loader.

A `Dataset` holds x (m, n⁰) and y (m, nᴸ) as float arrays, one row per sample, and an
optional held-out test part. Generators take a seeded Generator so a seed gives the same data.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import BpvizError
from .files import check_readable_kind, write_atomic


@dataclass(frozen=True)
class Dataset:
    name: str
    x: np.ndarray
    y: np.ndarray
    x_test: np.ndarray | None = None
    y_test: np.ndarray | None = None
    input_names: tuple = ()
    target_names: tuple = ()
    # x as the 8-bit pixel values it was made from, x = pixels / 255 (MNIST), or None; the
    # trainer then gathers its mini-batches from the pixels, a quarter of float32's bytes
    # (training/batch_rows.py). Any Dataset made from this one with other x drops them.
    pixels: np.ndarray | None = None

    def __len__(self) -> int:
        return self.x.shape[0]

    @property
    def n_inputs(self) -> int:
        return self.x.shape[1]

    @property
    def n_targets(self) -> int:
        return self.y.shape[1]

    def split(self, test_fraction: float, seed: int = 0) -> Dataset:
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
    """Element-wise NOT of two bits, y = 1 − x (the NOT net of seed 000, README: Source texts)."""
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


# A plain decimal number: optional sign, ASCII digits with an optional point, optional exponent.
# Not "1_0", not full-width or other scripts' digits, not hex: what a spreadsheet writes.
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
NOT_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


def _short(text: str, limit: int = 40) -> str:
    """A cell or name for an error line: quoted, and cut when long."""
    text = text.strip()
    return repr(text) if len(text) <= limit else repr(text[:limit - 1]) + "…"


def _is_number(text: str) -> bool:
    return PLAIN_NUMBER.fullmatch(text.strip()) is not None


def _float_or_none(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def _number(text: str, line: int, column: int, header) -> float:
    where = f"line {line}, column {column}" + (f" ({_short(header[column - 1])})" if header else "")
    cell = text.strip()
    if not cell:
        raise BpvizError(f"{where}: empty cell (expected a number)")
    if cell.lower() in NOT_FINITE:
        raise BpvizError(f"{where}: {_short(cell)} is not a finite number")
    if not _is_number(cell):
        raise BpvizError(f"{where}: expected a number, found {_short(cell)}"
                         + (" (plain decimal digits only)" if _float_or_none(cell) is not None else ""))
    value = float(cell)
    if not math.isfinite(value):
        raise BpvizError(f"{where}: {_short(cell)} is too large for a float")
    return value


def _read_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of every row holding something; blank lines (and rows of empty cells
    only) carry no data and are skipped. `line` counts lines of the file, from 1."""
    reader = csv.reader(io.StringIO(text))
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as e:
            raise BpvizError(f"line {line}: not readable as CSV ({_short(str(e), 60)})") from None
        if row and any(c.strip() for c in row):
            rows.append((line, row))


def _header(rows) -> list[str] | None:
    """The first row is a header when none of its cells is a number; a row mixing names and
    numbers is neither a header nor data, and is refused."""
    line, first = rows[0]
    numbers = [_is_number(c) for c in first]
    if not any(numbers):
        return [c.strip() or f"c{i}" for i, c in enumerate(first)]
    if all(numbers) or not any(c.strip() and not n for c, n in zip(first, numbers)):
        return None                          # data (an empty cell is reported below)
    column = next(i for i, (c, n) in enumerate(zip(first, numbers), 1) if c.strip() and not n)
    raise BpvizError(f"line {line}, column {column}: expected a number, found "
                     f"{_short(first[column - 1])} (a header row must hold names only, "
                     "a data row numbers only)")


def load_csv(source, targets=None, n_targets: int = 1) -> Dataset:
    """Read numeric columns from a CSV file (path) or text (a str with a newline).

    The header row is optional: the first row is a header when none of its cells is a
    number. Data cells are plain decimal numbers (an empty cell is an error). Targets are
    the columns named (or numbered from 0) in `targets`, else the last `n_targets`.
    The first problem is reported with its line and column. A UTF-8 BOM is allowed.
    """
    if isinstance(source, (str, Path)) and "\n" not in str(source):
        if not str(source).strip():
            raise BpvizError("no CSV file given (the path is empty)")
        path = Path(source)
        check_readable_kind(path)
        if path.is_dir():                    # as a model file's folder is refused
            raise BpvizError(f"{path}: is a folder, not a CSV file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as e:
            raise BpvizError(f"cannot read {_short(str(path), 80)}: {e.strerror or e}") from None
        except UnicodeDecodeError:
            raise BpvizError(f"{_short(str(path), 80)}: not a text (UTF-8) CSV file") from None
        except ValueError as e:              # e.g. a NUL character in the path
            raise BpvizError(f"cannot read {_short(str(path), 80)}: {e}") from None
        name = path.stem
    else:
        text, name = str(source).removeprefix("\ufeff"), "csv"
    rows = _read_rows(text)
    if not rows:
        raise BpvizError("the CSV file is empty")
    header = _header(rows)
    if header is not None:
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
            if isinstance(t, int) or (str(t).isascii() and str(t).isdigit() and len(str(t)) < 10):
                i = int(t)
            elif header and t in header:
                i = header.index(t)
            else:
                raise BpvizError(f"target column {_short(str(t))} not found in the header")
            if not 0 <= i < width:
                raise BpvizError(f"target column {_short(str(t))} is out of range "
                                 f"(the file has {width} columns)")
            if i in idx:
                raise BpvizError(f"target column {_short(str(t))} is named twice")
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
    write_atomic(path, "\n".join(lines) + "\n")
