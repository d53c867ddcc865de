"""Model files (format in the README, "Model files"): load with full validation, save atomically.

Loading reports the first problem in one line: which key, what was expected, what was
found. Keys we do not know (training settings, a title, notes) are kept and written back.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np

from .activations import ACTIVATIONS
from .errors import BpvizError
from .files import check_readable_kind, target_path, write_atomic
from .losses import LOSSES
from .network import Network
from .stored_settings import check_training

FORMAT, VERSION = "bpviz.model", 1
KNOWN_KEYS = ("format", "version", "sizes", "activations", "loss", "weights", "biases")


MAX_DIGITS = 400          # a longer integer literal is refused while parsing
MAX_LAYER_SIZE = 10**7    # neurons in one layer; the weights of a bigger layer could not be listed


def _many(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


def _describe(value) -> str:
    """A short description of any decoded JSON value, for "found …" (never the whole value),
    written as JSON writes it (true, null, "text")."""
    if isinstance(value, list):
        return f"a list of {_many(len(value), 'entry', 'entries')}" if value else "an empty list"
    if isinstance(value, dict):
        return f"an object with {_many(len(value), 'key', 'keys')}" if value else "an empty object"
    if isinstance(value, _Constant):
        return value.name
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return f"a {len(str(abs(value)))}-digit whole number"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _matrix(value, rows: int, cols: int, key: str) -> np.ndarray:
    if not isinstance(value, list) or len(value) != rows:
        found = _many(len(value), "row", "rows") if isinstance(value, list) else _describe(value)
        raise BpvizError(f"{key}: expected a {rows}×{cols} matrix ({rows} rows), found {found}")
    for j, row in enumerate(value):
        if not isinstance(row, list) or len(row) != cols:
            found = _many(len(row), "entry", "entries") if isinstance(row, list) else _describe(row)
            raise BpvizError(f"{key}[{j}]: expected a row of {_many(cols, 'number', 'numbers')}, "
                             f"found {found}")
        for k, v in enumerate(row):
            _finite(v, f"{key}[{j}][{k}]")
    return np.array(value, dtype=float)


def _vector(value, n: int, key: str) -> np.ndarray:
    if not isinstance(value, list) or len(value) != n:
        found = _many(len(value), "entry", "entries") if isinstance(value, list) else _describe(value)
        raise BpvizError(f"{key}: expected a list of {_many(n, 'number', 'numbers')}, found {found}")
    for j, v in enumerate(value):
        _finite(v, f"{key}[{j}]")
    return np.array(value, dtype=float)


def _finite(v, key: str) -> float:
    if isinstance(v, _Constant):
        raise BpvizError(f"{key}: expected a finite number, found {v.name} (not allowed in a "
                         "model file)")
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise BpvizError(f"{key}: expected a number, found {_describe(v)}")
    try:
        number = float(v)                   # a whole number past 1.8e308 does not fit
    except OverflowError:
        raise BpvizError(f"{key}: expected a finite number, found {_describe(v)} "
                         "(too large for a float)") from None
    if not math.isfinite(number):
        raise BpvizError(f"{key}: expected a finite number, found {_describe(v)}")
    return number


class _Constant:
    """What the JSON reader makes of NaN, Infinity and -Infinity (not JSON, but Python's
    reader takes them): a marker the checks refuse with the key it stands at."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _constant(name: str) -> _Constant:
    return _Constant(name)


class _TooLong(Exception):
    def __init__(self, digits: str):
        self.digits = digits


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(digits)
    return int(digits)


def _name(value, names, key: str) -> str:
    """`value` must be one of `names` (a str; a list or an object is refused, not hashed)."""
    if not isinstance(value, str) or value not in names:
        raise BpvizError(f"{key}: expected one of {', '.join(names)}, found {_describe(value)}")
    return value


def _check_extra(extra: dict) -> None:
    """Numbers in the keys we keep but do not use must be finite too (1e999 parses as inf,
    which could not be written back). Walked without recursion: the JSON may be deep."""
    stack = [(key, value) for key, value in extra.items()]
    while stack:
        key, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise BpvizError(f"{key}: expected a finite number, found {value}")
        if isinstance(value, _Constant):
            _finite(value, key)
        if isinstance(value, dict):
            stack.extend((f"{key}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{key}[{i}]", v) for i, v in enumerate(value))


def parse_model(doc) -> tuple[Network, dict]:
    """Validate a decoded model document; return the network and the extra keys."""
    if not isinstance(doc, dict):
        raise BpvizError(f"the model file must hold a JSON object, found {_describe(doc)}")
    if "format" not in doc:
        raise BpvizError(f'not a bpviz model file: it has no "format": "{FORMAT}"')
    if not isinstance(doc["format"], str) or doc["format"] != FORMAT:
        raise BpvizError(f'format: expected "{FORMAT}", found {_describe(doc["format"])}')
    for key in KNOWN_KEYS:
        if key not in doc:
            raise BpvizError(f'the key "{key}" is missing (a model file has '
                             f'{", ".join(KNOWN_KEYS[:-1])} and {KNOWN_KEYS[-1]})')
    if type(doc["version"]) is not int or doc["version"] != VERSION:
        raise BpvizError(f"version: expected {VERSION}, found {_describe(doc['version'])}")
    sizes = doc["sizes"]
    if not isinstance(sizes, list) or len(sizes) < 2:
        raise BpvizError(f"sizes: expected a list of at least 2 layer sizes, found {_describe(sizes)}")
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_LAYER_SIZE:
            raise BpvizError(f"sizes[{i}]: expected a whole number from 1 to {MAX_LAYER_SIZE}, "
                             f"found {_describe(n)}")
    L = len(sizes) - 1
    acts = doc["activations"]
    if not isinstance(acts, list) or len(acts) != L:
        raise BpvizError(f"activations: expected a list of {_many(L, 'name', 'names')} (one per "
                         f"non-input layer), found {_describe(acts)}")
    for i, name in enumerate(acts):
        _name(name, ACTIVATIONS, f"activations[{i}]")
        if name == "softmax" and i < L - 1:
            raise BpvizError(f"activations[{i}]: softmax is allowed on the output layer only "
                             f"(layer {L}), found it on hidden layer {i + 1}")
    _name(doc["loss"], LOSSES, "loss")
    weights = doc["weights"]
    if not isinstance(weights, list) or len(weights) != L:
        raise BpvizError(f"weights: expected a list of {_many(L, 'matrix', 'matrices')}, "
                         f"found {_describe(weights)}")
    ws = [_matrix(w, sizes[l + 1], sizes[l], f"weights[{l}]") for l, w in enumerate(weights)]
    biases = doc["biases"]
    bs = None
    if biases is not None:
        if not isinstance(biases, list) or len(biases) != L:
            raise BpvizError(f"biases: expected null or a list of {_many(L, 'vector', 'vectors')}, "
                             f"found {_describe(biases)}")
        bs = [_vector(b, sizes[l + 1], f"biases[{l}]") for l, b in enumerate(biases)]
    extra = {k: v for k, v in doc.items() if k not in KNOWN_KEYS}
    _check_extra(extra)
    check_training(extra.get("training"), sizes)
    net = Network(sizes, acts, doc["loss"], ws, bs)
    return net, extra


# the JSON reader's reasons, in words for someone who edited the file by hand
JSON_REASONS = {
    "Expecting value": "a value was expected there",
    "Expecting ',' delimiter": "a comma was expected there",
    "Expecting ':' delimiter": "a colon was expected there",
    "Expecting property name enclosed in double quotes": "a key in double quotes was expected there",
    "Extra data": "more text follows the end of the JSON",
    "Unterminated string starting at": "a text in quotes starts there and is never closed",
    "Invalid control character at": "a text in quotes holds a line break or a tab",
    "Invalid \\escape": "a text in quotes holds a backslash that JSON does not allow",
    "Illegal trailing comma before end of object": "a comma is followed by no key (JSON allows none)",
    "Illegal trailing comma before end of array": "a comma is followed by no value (JSON allows none)",
}


def _json_reason(msg: str) -> str:
    return JSON_REASONS.get(msg, msg[:1].lower() + msg[1:])


SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")    # \ud800 … \udfff: half a character


def loads(text: str) -> tuple[Network, dict]:
    if text.startswith("\ufeff"):            # a byte-order mark, as some editors write
        text = text[1:]
    if not text.strip():
        raise BpvizError("the file is empty, not a model file")
    try:
        doc = json.loads(text, parse_constant=_constant, parse_int=_parse_int)
    except json.JSONDecodeError as e:
        raise BpvizError(f"not valid JSON at line {e.lineno}, column {e.colno}: "
                         f"{_json_reason(e.msg)}") from None
    except _TooLong as e:
        at = text.find(e.digits)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise BpvizError(f"a whole number with {len(e.digits.lstrip('-'))} digits at line {line}, "
                         f"column {column}: at most {MAX_DIGITS} digits are allowed") from None
    except RecursionError:
        raise BpvizError("not a model file: the JSON is nested too deeply") from None
    try:              # a "\ud800" escape is no character: it could be read but never saved
        if SURROGATE_ESCAPE.search(text):     # (only then: a 71 MB model took 2 s longer)
            json.dumps(doc, ensure_ascii=False, default=repr).encode("utf-8")
    except UnicodeEncodeError as e:
        raise BpvizError(f"not a model file: a text in it holds {e.object[e.start:e.end]!r}, "
                         "half of a character (a lone surrogate escape)") from None
    return parse_model(doc)


def load_model(path) -> tuple[Network, dict]:
    """Read and validate a model file. Errors name the file and the first problem."""
    if path is None or not str(path).strip():
        raise BpvizError("no model file given (the path is empty)")
    path = Path(path)
    check_readable_kind(path)
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
    except ValueError as e:                 # e.g. a NUL character in the path
        raise BpvizError(f"{str(path)[:80]!r}: cannot read ({e})") from None
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


def save_model(network: Network, path, extra: dict | None = None) -> None:
    """Write atomically (see core/files.py): a crash mid-save leaves the old file (or none),
    never half a file; a symlink is written through; the file keeps its permissions."""
    target_path(path)                       # an empty path or a folder: refused before the work
    if not np.isfinite(network.params).all():
        raise BpvizError("the network has non-finite weights; not saved")
    write_atomic(path, dumps(model_document(network, extra)) + "\n")
