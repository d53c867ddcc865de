"""Model files (CONTRACT §1): load with full validation, save atomically.

Loading reports the first problem in one line: which key, what was expected, what was
found. Keys we do not know (training settings, a title, notes) are kept and written back.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import numpy as np

from .activations import ACTIVATIONS
from .errors import BpvizError
from .losses import LOSSES
from .network import Network

FORMAT, VERSION = "bpviz.model", 1
KNOWN_KEYS = ("format", "version", "sizes", "activations", "loss", "weights", "biases")


def _describe(value) -> str:
    text = json.dumps(value) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _matrix(value, rows: int, cols: int, key: str) -> np.ndarray:
    if not isinstance(value, list) or len(value) != rows:
        found = f"{len(value)} rows" if isinstance(value, list) else _describe(value)
        raise BpvizError(f"{key}: expected a {rows}×{cols} matrix ({rows} rows), found {found}")
    for j, row in enumerate(value):
        if not isinstance(row, list) or len(row) != cols:
            found = f"{len(row)} entries" if isinstance(row, list) else _describe(row)
            raise BpvizError(f"{key}[{j}]: expected a row of {cols} numbers, found {found}")
        for k, v in enumerate(row):
            _finite(v, f"{key}[{j}][{k}]")
    return np.array(value, dtype=float)


def _vector(value, n: int, key: str) -> np.ndarray:
    if not isinstance(value, list) or len(value) != n:
        found = f"{len(value)} entries" if isinstance(value, list) else _describe(value)
        raise BpvizError(f"{key}: expected a list of {n} numbers, found {found}")
    for j, v in enumerate(value):
        _finite(v, f"{key}[{j}]")
    return np.array(value, dtype=float)


def _finite(v, key: str) -> None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise BpvizError(f"{key}: expected a number, found {_describe(v)}")
    if not math.isfinite(v):
        raise BpvizError(f"{key}: expected a finite number, found {v}")


def _reject_constant(name: str):
    raise BpvizError(f"expected a finite number, found {name} (not allowed in a model file)")


def parse_model(doc) -> tuple[Network, dict]:
    """Validate a decoded model document; return the network and the extra keys."""
    if not isinstance(doc, dict):
        raise BpvizError(f"the model file must hold a JSON object, found {type(doc).__name__}")
    for key in KNOWN_KEYS:
        if key not in doc:
            raise BpvizError(f"missing key {key!r}")
    if doc["format"] != FORMAT:
        raise BpvizError(f"format: expected {FORMAT!r}, found {_describe(doc['format'])}")
    if doc["version"] != VERSION or isinstance(doc["version"], bool):
        raise BpvizError(f"version: expected {VERSION}, found {_describe(doc['version'])}")
    sizes = doc["sizes"]
    if not isinstance(sizes, list) or len(sizes) < 2:
        raise BpvizError(f"sizes: expected a list of at least 2 layer sizes, found {_describe(sizes)}")
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise BpvizError(f"sizes[{i}]: expected a whole number ≥ 1, found {_describe(n)}")
    L = len(sizes) - 1
    acts = doc["activations"]
    if not isinstance(acts, list) or len(acts) != L:
        raise BpvizError(f"activations: expected a list of {L} names (one per non-input layer), "
                         f"found {_describe(acts)}")
    for i, name in enumerate(acts):
        if name not in ACTIVATIONS:
            raise BpvizError(f"activations[{i}]: expected one of {', '.join(ACTIVATIONS)}, "
                             f"found {_describe(name)}")
        if name == "softmax" and i < L - 1:
            raise BpvizError(f"activations[{i}]: softmax is allowed on the output layer only "
                             f"(layer {L}), found it on hidden layer {i + 1}")
    if doc["loss"] not in LOSSES:
        raise BpvizError(f"loss: expected one of {', '.join(LOSSES)}, found {_describe(doc['loss'])}")
    weights = doc["weights"]
    if not isinstance(weights, list) or len(weights) != L:
        raise BpvizError(f"weights: expected a list of {L} matrices, found {_describe(weights)}")
    ws = [_matrix(w, sizes[l + 1], sizes[l], f"weights[{l}]") for l, w in enumerate(weights)]
    biases = doc["biases"]
    bs = None
    if biases is not None:
        if not isinstance(biases, list) or len(biases) != L:
            raise BpvizError(f"biases: expected null or a list of {L} vectors, found {_describe(biases)}")
        bs = [_vector(b, sizes[l + 1], f"biases[{l}]") for l, b in enumerate(biases)]
    net = Network(sizes, acts, doc["loss"], ws, bs)
    extra = {k: v for k, v in doc.items() if k not in KNOWN_KEYS}
    return net, extra


def loads(text: str) -> tuple[Network, dict]:
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise BpvizError(f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except RecursionError:
        raise BpvizError("not a model file: the JSON is nested too deeply") from None
    return parse_model(doc)


def load_model(path) -> tuple[Network, dict]:
    """Read and validate a model file. Errors name the file and the first problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BpvizError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BpvizError(f"{path}: is a folder, not a model file") from None
    except UnicodeDecodeError:
        raise BpvizError(f"{path}: not a text (UTF-8) file") from None
    except OSError as e:
        raise BpvizError(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        return loads(text)
    except BpvizError as e:
        raise BpvizError(f"{path.name}: {e}") from None


def model_document(network: Network, extra: dict | None = None) -> dict:
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "sizes": list(network.sizes),
        "activations": network.activation_names,
        "loss": network.loss.name,
        "weights": [w.astype(float).tolist() for w in network.weights],
        "biases": [b.astype(float).tolist() for b in network.biases] if network.has_biases else None,
    }
    for k, v in (extra or {}).items():
        if k not in KNOWN_KEYS:
            doc[k] = v
    return doc


def dumps(doc: dict) -> str:
    """JSON with one key per line and one matrix row per line: readable and diffable."""
    def value(key, v):
        if key in ("weights", "biases") and isinstance(v, list):
            inner = ",\n  ".join(json.dumps(m, allow_nan=False).replace("], [", "],\n   [")
                                  for m in v)
            return "[\n  " + inner + "\n ]"
        return json.dumps(v, allow_nan=False, ensure_ascii=False)
    return "{\n" + ",\n".join(f" {json.dumps(k)}: {value(k, v)}" for k, v in doc.items()) + "\n}"


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, else the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def save_model(network: Network, path, extra: dict | None = None) -> None:
    """Write atomically: a temporary file in the same folder, flushed, then renamed over
    the target, so a crash mid-save leaves the old file (or none), never half a file."""
    path = Path(path)
    if not np.isfinite(network.params).all():
        raise BpvizError("the network has non-finite weights; not saved")
    text = dumps(model_document(network, extra))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise BpvizError(f"cannot write to {folder}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))      # mkstemp makes 0600; keep what a save should have
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise BpvizError(f"cannot save {path}: {e.strerror or e}") from None
