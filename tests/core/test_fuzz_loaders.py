"""Property-based fuzz of the model loader and the CSV reader: whatever the bytes or the JSON
values, loading either succeeds or raises BpvizError with one short line, never any other
exception. The counts of cases, refusals and successes are printed at the end (run with -s);
BPVIZ_FUZZ_EXAMPLES sets the cases per test (default 300).
"""

import copy
import csv
import io
import json
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bpviz.core.datasets import load_csv
from bpviz.core.errors import BpvizError
from bpviz.core.modelfile import load_model, loads

GOOD = {
    "format": "bpviz.model", "version": 1, "sizes": [2, 3, 1],
    "activations": ["sigmoid", "linear"], "loss": "mse",
    "weights": [[[0.5, -0.5], [0.25, 0.5], [1.0, 0.5]], [[1.0, -1.0, 2.0]]],
    "biases": [[0.0, 0.1, -0.1], [0.5]],
    "training": {"learning_rate": 0.5, "batch_size": 4, "optimizer": "sgd", "seed": 0,
                 "epochs": 100},
}
GOOD_TEXT = json.dumps(GOOD, indent=1)

COUNTS = {}
FUZZ = settings(max_examples=int(os.environ.get("BPVIZ_FUZZ_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def outcome(kind: str, load):
    """Run `load()`; count a success or a one-line BpvizError; let anything else fail the test."""
    count = COUNTS.setdefault(kind, {"cases": 0, "refused": 0, "loaded": 0})
    count["cases"] += 1
    try:
        result = load()
    except BpvizError as e:
        message = str(e)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        assert len(message) <= 300, message
        count["refused"] += 1
        return None
    count["loaded"] += 1
    return result


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    for kind, c in sorted(COUNTS.items()):
        print(f"\nfuzz {kind}: {c['cases']} cases, {c['refused']} refused in one line, "
              f"{c['loaded']} loaded, 0 other exceptions")


# -- JSON values ---------------------------------------------------------------------------
numbers = st.one_of(st.integers(), st.integers(min_value=-10**500, max_value=10**500),
                    st.floats(allow_nan=True, allow_infinity=True))
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=20),
                    st.sampled_from(["mse", "sigmoid", "softmax", "relu", "sgd", "adam", ""]))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=20)


def paths(doc, prefix=()):
    """Every place in a document (keys and list indices), to replace with another value."""
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from paths(v, prefix + (i,))


PATHS = [p for p in paths(GOOD) if p]


def replaced(path, value):
    doc = copy.deepcopy(GOOD)
    node = doc
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


@FUZZ
@given(json_values)
def test_any_json_value_as_a_model_file(value):
    outcome("model: arbitrary JSON value", lambda: loads(json.dumps(value)))


@FUZZ
@given(st.sampled_from(PATHS), st.one_of(json_values, st.just(KeyError)))
def test_one_value_of_a_good_model_replaced(path, value):
    outcome("model: one value replaced", lambda: loads(json.dumps(replaced(path, value))))


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_model_file(tmp_path, data):
    path = tmp_path / "m.json"
    path.write_bytes(data)
    outcome("model: arbitrary bytes", lambda: load_model(path))


@FUZZ
@given(st.integers(0, len(GOOD_TEXT)), st.integers(0, 40), st.binary(max_size=30),
       st.booleans())
def test_a_good_model_file_with_bytes_changed(tmp_path, at, cut, insert, bom):
    raw = GOOD_TEXT.encode()
    data = (b"\xef\xbb\xbf" if bom else b"") + raw[:at] + insert + raw[at + cut:]
    path = tmp_path / "m.json"
    path.write_bytes(data)
    outcome("model: good file with bytes changed", lambda: load_model(path))


@FUZZ
@given(st.sampled_from([p for p in PATHS if p[0] != "training"] + [("training", "learning_rate")]),
       st.integers(1, 6000))
def test_long_integer_literals_anywhere(path, digits):
    text = json.dumps(replaced(path, "@@")).replace('"@@"', "9" * digits)
    outcome("model: long integer literal", lambda: loads(text))


# -- CSV ----------------------------------------------------------------------------------
plain = st.sampled_from(["0", "1", "-2.5", "1e3", ".5", " 7 ", "+3.", "1E-2"])
odd = st.one_of(st.sampled_from(["", " ", "x", "1_0", "１", "nan", "inf", "0x1", "1e999", '"a,b"',
                                 "٣", "9" * 50, "1,5", "−1"]), st.text(max_size=6))
cells = st.one_of(plain, plain, plain, plain, odd)


def is_plain_number(cell: str) -> bool:
    """An independent check: a plain ASCII decimal with at least one digit."""
    c = cell.strip()
    body = c[1:] if c[:1] in "+-" else c
    mantissa, _, exponent = body.lower().partition("e")
    if exponent and not (exponent.lstrip("+-").isdigit() and exponent.isascii()
                         and exponent.count("-") + exponent.count("+") <= 1
                         and exponent[:1] in "+-0123456789"):
        return False
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    return (bool(digits) and digits.isascii() and digits.isdigit() and mantissa.count(".") <= 1
            and (exponent != "" or "e" not in body.lower()))


@FUZZ
@given(st.lists(st.lists(cells, min_size=2, max_size=4), min_size=1, max_size=6))
def test_csv_grids_never_lose_a_row(tmp_path, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)     # quoted where a cell needs it
    path = tmp_path / "d.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    data = outcome("csv: grid of cells", lambda: load_csv(path))
    if data is None:
        return
    with_content = [r for r in rows if any(c.strip() for c in r)]
    first_is_data = any(is_plain_number(c) for c in with_content[0])
    assert len(data) == len(with_content) - (0 if first_is_data else 1)
    assert all(math.isfinite(v) for v in data.x.ravel())


@FUZZ
@given(st.one_of(st.binary(max_size=300),
                 st.text(alphabet="0123456789.,-+eE \n\r\"x_", max_size=120).map(str.encode)),
       st.booleans())
def test_arbitrary_bytes_as_a_csv_file(tmp_path, data, bom):
    path = tmp_path / "d.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    outcome("csv: arbitrary bytes", lambda: load_csv(path))
