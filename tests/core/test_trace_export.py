"""The walk as the `bpviz trace --json` document, checked against the 40/80 → 60 example worked by hand:
z¹ = 0.5·40 + 0.5·80 = 60, ŷ = 180, C = 7200, δ² = 120, ∂C/∂W² = 7200, δ¹ = 120,
∂C/∂W¹ = [4800, 9600], new W¹ = [0.452, 0.404], new W² = 0.928, then ŷ = 140.3136 and
C = ½(140.3136 − 60)² = 3225.13717248."""

import csv
import io
import json

import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.presets import get_preset
from bpviz.core.stepper import Stepper
from bpviz.core.trace_export import CSV_HEADER, trace_csv, trace_document, trace_rows


def toy_walk() -> Stepper:
    preset = get_preset("toy-40-80")
    data = preset.dataset()
    return Stepper(preset.network(), data.x[0], data.y[0], preset.eta)


def test_toy_trace_document():
    doc = trace_document(toy_walk().run_to_end())
    assert doc["input"] == [40.0, 80.0] and doc["target"] == [60.0]
    assert doc["output"] == [180.0] and doc["loss"] == 7200.0
    assert doc["learning_rate"] == 1e-5
    one, two = doc["layers"]
    assert one["layer"] == 1 and one["activation"] == "linear"
    assert one["z"] == [60.0] * 3 and one["delta"] == [120.0] * 3
    assert one["grad_w"] == [[4800.0, 9600.0]] * 3
    assert one["w_new"] == [[pytest.approx(0.452), pytest.approx(0.404)]] * 3
    assert one["grad_b"] is None and one["b"] is None and one["b_new"] is None
    assert two["grad_w"] == [[7200.0] * 3] and two["w"] == [[1.0] * 3]
    assert two["w_new"] == [[pytest.approx(0.928)] * 3]
    assert doc["output_after"] == [pytest.approx(140.3136)]
    assert doc["loss_after"] == pytest.approx(3225.13717248)
    json.dumps(doc, allow_nan=False)          # plain JSON: no NumPy types left


def test_unfinished_walk_is_refused():
    with pytest.raises(BpvizError):
        trace_document(toy_walk().current)


def test_csv_has_one_row_per_number():
    doc = trace_document(toy_walk().run_to_end())
    rows = list(csv.reader(io.StringIO(trace_csv(doc))))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) - 1 == len(trace_rows(doc))
    assert ["grad_w", "1", "3", "2", "9600.0"] in rows
    assert ["loss", "", "", "", "7200.0"] in rows
