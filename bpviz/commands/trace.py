"""`bpviz trace`: one sample through the stepper — forward, loss, backward, one update —
printed as equations with the numbers in them and per-layer tables, or as JSON.
"""

from __future__ import annotations

import numpy as np

from ..core import equations
from ..core.data_check import check_data
from ..core.errors import BpvizError
from ..core.notation import count, num, shape, sup, vec
from ..core.stepper import Step, Stepper
from ..core.trace_export import trace_document
from ..training.trainer import DIVERGENCE_FACTOR
from ..training.update_check import update_divergence
from . import bugs as bug_commands
from .common import load_source, matrix_lines, print_json, resolve_eta, side_by_side

INDENT = {"title": "", "equation": "  ", "shapes": "  ", "result": "  ", "detail": "    ",
          "note": "  "}


def pick_sample(args, source) -> tuple[np.ndarray, np.ndarray, str]:
    """(x, y, where they came from): the preset's sample (or that of the preset a model file
    records), --sample I of its data, or --input with --target."""
    x = y = None
    where = "the given input and target"
    preset = None          # (a model file alone walks the sample of the preset it records)
    if source.preset is not None or args.sample is not None or (args.input is None
                                                                 and args.target is None):
        preset = source.sample_preset()
    data = preset.dataset() if preset is not None else None
    if data is not None:
        i = preset.sample if args.sample is None else args.sample
        if not 0 <= i < len(data):
            raise BpvizError(f"--sample: expected 0 to {len(data) - 1} (the data has "
                             f"{count(len(data))} training samples), found {i}")
        x, y = data.x[i], data.y[i]
        where = f"training sample {i + 1} (--sample {i}; the window numbers samples from 1)"
    elif args.sample is not None:
        raise BpvizError("--sample needs --preset, or a model file that records its preset "
                         "(train --preset … --save records it); else give --input and --target")
    if (args.input is None) != (args.target is None):
        raise BpvizError("--input and --target go together: give both (with --preset, or neither "
                         "for its sample)")
    if args.input is not None:
        x, y, where = np.array(args.input), np.array(args.target), "the given input and target"
    if x is None or y is None:
        raise BpvizError("with --model, give both --input and --target (this file records no preset "
                         "to take a --sample from)")
    return x, y, where


def walk(network, x, y, eta) -> list[Step]:
    """Every record of the walk, from the input to the update."""
    stepper = Stepper(network, x, y, eta)          # checks the sample's sizes
    check_data(network, stepper.walk.x[None, :], stepper.walk.y[None, :], "sample")
    records = [stepper.current]
    while not stepper.at_end:
        records.append(stepper.step_forward())
    return records


def document(last: Step, factor: float = DIVERGENCE_FACTOR) -> dict:
    """The `bpviz trace --json` document (built by core.trace_export, shared with the window's
    export) plus the network's description and whether the update diverged."""
    walk = last.walk
    diverged = update_divergence(last, factor)
    return {**trace_document(last),
            "network": {"sizes": list(walk.sizes), "activations": list(walk.activation_names),
                        "loss": walk.loss, "biases": walk.has_biases},
            "diverged": {"message": diverged} if diverged else None}


def layer_table(last: Step, l: int) -> list[str]:
    walk = last.walk
    n, n_in = walk.sizes[l], walk.sizes[l - 1]
    s, p = sup(l), sup(l - 1)
    col = shape(n)
    lines = [f"Layer {l} — {walk.activation_names[l - 1]}, {n} neuron{'s' if n != 1 else ''}"]
    vectors = [(f"a{p} {shape(n_in)}", matrix_lines(last.a[l - 1])),
               (f"z{s} {col}", matrix_lines(last.z[l - 1])),
               (f"a{s} {col}", matrix_lines(last.a[l])),
               (f"δ{s} {col}", matrix_lines(last.delta[l - 1]))]
    if walk.has_biases:
        vectors += [(f"b{s} {col}", matrix_lines(walk.biases[l - 1])),
                    (f"∂C/∂b{s} {col}", matrix_lines(last.grad_b[l - 1])),
                    (f"b{s} new {col}", matrix_lines(last.new_biases[l - 1]))]
    dims = shape(n, n_in)
    matrices = [(f"W{s} {dims}", matrix_lines(walk.weights[l - 1])),
                (f"∂C/∂W{s} {dims}", matrix_lines(last.grad_w[l - 1])),
                (f"W{s} new {dims}", matrix_lines(last.new_weights[l - 1]))]
    lines += ["  " + x for x in side_by_side(vectors)]
    lines.append("")
    lines += ["  " + x for x in side_by_side(matrices)]
    return lines


def print_human(records: list[Step], source_name: str, where: str,
                factor: float = DIVERGENCE_FACTOR) -> None:
    last = records[-1]
    walk = last.walk
    biases = "with biases" if walk.has_biases else "no biases"
    print(f"Network {'-'.join(map(str, walk.sizes))} ({', '.join(walk.activation_names)}), loss {walk.loss}, "
          f"{biases}; from {source_name}, {where}; η = {num(walk.eta)}")
    for step in records:
        print()
        for line in equations.describe(step):
            print(INDENT.get(line.kind, "  ") + line.text)
    print("\nPer-layer values (vectors: one row per neuron; Wˡ: row j = neuron j of layer l, "
          "column k = neuron k of layer l−1)")
    for l in range(1, walk.L + 1):
        print()
        for line in layer_table(last, l):
            print(line)
    print(f"\nOutput {vec_text(last.a[walk.L])} → {vec_text(last.output_after)}, "
          f"loss {num(last.loss, 12)} → {num(last.loss_after, 12)}")
    diverged = update_divergence(last, factor)
    if diverged:
        print(diverged[0].upper() + diverged[1:])


def print_step(step: Step) -> None:
    for line in equations.describe(step):
        print(INDENT.get(line.kind, "  ") + line.text)


def vec_text(v) -> str:
    v = np.ravel(v)
    return num(v[0], 10) if v.size == 1 else vec(v, limit=v.size, digits=10)


def given(args, *names: str) -> list[str]:
    """The options among `names` (dest names) that were given, as written: ["--input", …]."""
    return ["--" + n.replace("_", "-") for n in names if getattr(args, n, None) is not None]


def check_options(args) -> None:
    """Refuse options the chosen form of trace would ignore, rather than ignore them."""
    if args.preset is not None and args.data is not None:
        raise BpvizError("--data goes with --model; a preset brings its own data")
    if not getattr(args, "batch", False):
        if args.data is not None:
            raise BpvizError("--data goes with --batch (the backward pass on every row of the "
                             "CSV): add --batch, or walk one sample with --input and --target")
        return
    one = given(args, "input", "target", "sample")
    if one:
        raise BpvizError(f"--batch walks every training sample, and {'/'.join(one)} "
                         f"{'picks' if len(one) == 1 else 'pick'} one: drop --batch to walk that "
                         "sample, or drop " + " and ".join(one))
    update = given(args, "learning_rate", "divergence_factor")
    if update:
        raise BpvizError(f"--batch shows the backward pass only, with no update, so "
                         f"{' and '.join(update)} would change nothing: drop "
                         + ("them" if len(update) > 1 else "it") + ", or drop --batch")
    mistakes = given(args, "bug", "fix")
    if mistakes:
        raise BpvizError(f"--batch shows the correct backward pass; {' and '.join(mistakes)} "
                         "would change nothing: drop --batch to walk one sample with the "
                         "mistakes, or drop " + ("them" if len(mistakes) > 1 else "it"))


def run(args) -> int:
    check_options(args)
    if getattr(args, "batch", False):
        from .batch_trace import run as run_batch
        return run_batch(args)
    source = load_source(args)
    eta = resolve_eta(args, source)
    x, y, where = pick_sample(args, source)
    bugs = bug_commands.requested(args, source)
    if bugs:
        check_data(source.network, np.atleast_2d(x), np.atleast_2d(y), "sample")
        return bug_commands.trace(args, source, x, y, eta, where, bugs, print_step)
    records = walk(source.network, x, y, eta)
    factor = getattr(args, "divergence_factor", None) or DIVERGENCE_FACTOR
    if args.json:
        print_json(document(records[-1], factor))
    else:
        print_human(records, source.name, where, factor)
    return 0
