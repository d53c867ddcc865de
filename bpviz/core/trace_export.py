"""A finished walk as the `bpviz trace --json` document (its keys are listed in
docs/ARCHITECTURE.md), and as CSV rows.

`trace_document(step)` takes the walk's last record (the update) and copies its numbers into
plain lists; nothing is recomputed. `trace_rows(doc)` flattens that document into
(quantity, layer, row, column, value) rows for a spreadsheet.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from .errors import BpvizError
from .stepper import Step

CSV_HEADER = ("quantity", "layer", "row", "column", "value")


def _list(x):
    return None if x is None else np.asarray(x, dtype=float).tolist()


def trace_document(step: Step) -> dict:
    """The trace of a complete walk; `step` must be its update record."""
    if step.phase != "update":
        raise BpvizError("the walk is not finished: step to the update first")
    walk = step.walk
    layers = []
    for l in range(1, walk.L + 1):
        layers.append({
            "layer": l,
            "activation": walk.activation_names[l - 1],
            "z": _list(step.z[l - 1]),
            "a": _list(step.a[l]),
            "delta": _list(step.delta[l - 1]),
            "grad_w": _list(step.grad_w[l - 1]),
            "grad_b": _list(step.grad_b[l - 1]) if walk.has_biases else None,
            "w": _list(walk.weights[l - 1]),
            "b": _list(walk.biases[l - 1]) if walk.has_biases else None,
            "w_new": _list(step.new_weights[l - 1]),
            "b_new": _list(step.new_biases[l - 1]) if walk.has_biases else None,
        })
    return {
        "input": _list(walk.x),
        "target": _list(walk.y),
        "output": _list(step.a[walk.L]),
        "loss": float(step.loss),
        "layers": layers,
        "learning_rate": float(walk.eta),
        "output_after": _list(step.output_after),
        "loss_after": float(step.loss_after),
    }


def trace_rows(doc: dict) -> list[tuple]:
    """One row per number: (quantity, layer, row, column, value); layer 0 is the input,
    row and column are 1-based like the equations (w_jk: row j, column k)."""
    rows: list[tuple] = []

    def add(name, layer, value):
        if value is None:
            return
        if isinstance(value, list) and value and isinstance(value[0], list):
            for j, r in enumerate(value, 1):
                for k, v in enumerate(r, 1):
                    rows.append((name, layer, j, k, v))
        elif isinstance(value, list):
            for j, v in enumerate(value, 1):
                rows.append((name, layer, j, "", v))
        else:
            rows.append((name, layer, "", "", value))

    L = len(doc["layers"])
    add("input", 0, doc["input"])
    add("target", L, doc["target"])
    for layer in doc["layers"]:
        for key in ("z", "a", "delta", "grad_w", "grad_b", "w", "b", "w_new", "b_new"):
            add(key, layer["layer"], layer[key])
    add("output", L, doc["output"])
    add("loss", "", doc["loss"])
    add("learning_rate", "", doc["learning_rate"])
    add("output_after", L, doc["output_after"])
    add("loss_after", "", doc["loss_after"])
    return rows


def trace_csv(doc: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in trace_rows(doc):
        writer.writerow([repr(v) if isinstance(v, float) else v for v in row])
    return out.getvalue()
