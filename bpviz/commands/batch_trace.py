"""`bpviz trace --batch`: the backward pass on a preset's whole training set (or a model with
--data), with each sample's δ and ∂Cₓ/∂W and the batch mean that the update uses."""

from __future__ import annotations

from ..core.data_check import check_data
from ..core.errors import BpvizError
from ..core.notation import count
from ..core.per_sample import backward_records, describe
from .common import load_data, load_source, print_json

MAX_NUMBERS = 2_000_000    # per-sample gradient entries printed (mnist's 4 000 × 23 860: 95 million)
INDENT = {"title": "", "equation": "  ", "shapes": "  ", "result": "  ", "detail": "    ",
          "note": "  "}


def run(args) -> int:
    source = load_source(args)
    if source.preset is not None:
        data = source.preset.dataset()
    elif getattr(args, "data", None):
        data = load_data(args.data, source.network)
    else:
        raise BpvizError("--batch needs --preset (or --model with --data FILE.csv)")
    x, y = check_data(source.network, data.x, data.y, "training")
    numbers = x.shape[0] * source.network.params.size       # each sample's ∂Cₓ/∂W and ∂Cₓ/∂b
    if numbers > MAX_NUMBERS:
        raise BpvizError(f"--batch: {count(x.shape[0])} samples × {count(source.network.params.size)} "
                         f"weights and biases are {count(numbers)} per-sample numbers, more than the "
                         f"{count(MAX_NUMBERS)} it prints; walk one sample (--sample I), or give "
                         "fewer rows (--model FILE --data FILE.csv)")
    records = backward_records(source.network, x, y)
    if args.json:
        print_json({"samples": x.shape[0], "layers": [
            {"layer": r.layer, "delta": r.delta, "grad_w": r.grad_w, "grad_b": r.grad_b,
             "grad_w_mean": r.mean_w, "grad_b_mean": r.mean_b} for r in records]})
        return 0
    print(f"Backward pass of {source.name} on its {count(x.shape[0])} training samples, sample by sample")
    for record in records:
        print()
        for line in describe(record):
            print(INDENT.get(line.kind, "  ") + line.text)
    return 0
