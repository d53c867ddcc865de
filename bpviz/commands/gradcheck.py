"""`bpviz gradcheck` (backprop against central differences, per layer) and `bpviz presets`
(the list of presets, one line each).
"""

from __future__ import annotations

import numpy as np

from ..core.data_check import check_data
from ..core.errors import BpvizError
from ..core.gradcheck import gradient_check
from ..core.metrics import evaluate
from ..core.notation import count, num
from ..core.presets import PRESETS
from . import bugs as bug_commands
from .common import Progress, load_source, print_json


def sample_for(network, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A reproducible random sample with a target that is valid for the network's loss:
    any numbers for mse, in (0, 1) for binary cross-entropy, a distribution for cross-entropy."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(network.sizes[0])
    n = network.sizes[-1]
    if network.loss.name == "mse":
        y = rng.standard_normal(n)
    else:
        y = rng.uniform(0.05, 0.95, n)
        if network.loss.name == "cross_entropy":
            y /= y.sum()
    return x, y


def pick_data(args, source):
    """(x, y, description): --input/--target, else the preset's data (all training samples,
    or --sample), else a random valid sample."""
    if args.input is not None or args.target is not None:
        if args.input is None or args.target is None:
            raise BpvizError("give both --input and --target (or neither)")
        return np.array(args.input), np.array(args.target), "the given sample"
    # the preset's data, or the data of the preset a model file records (as documented; a
    # file recording xor had been checked on a random sample, and one recording mnist that
    # its network does not fit had run where trace and evaluate refuse it)
    data = source.sample_data()
    if data is not None:
        if args.sample is None:
            return (data.x, data.y,
                    f"all {count(len(data))} training samples of {source.sample_preset().name}")
        if not 0 <= args.sample < len(data):
            raise BpvizError(f"--sample: expected 0 to {len(data) - 1}, found {args.sample}")
        i = args.sample
        return (data.x[i], data.y[i], f"training sample {i + 1} of {source.name} (--sample {i}; "
                "the window numbers samples from 1)")
    if args.sample is not None:
        raise BpvizError("--sample needs --preset, or a model file that records its preset")
    x, y = sample_for(source.network)
    return x, y, "a random sample (seed 0)"


def run(args) -> int:
    source = load_source(args)
    x, y, where = pick_data(args, source)
    net = source.network
    x, y = net.as_batch(x), net.as_batch(y)
    if x.shape[1] != net.sizes[0]:
        raise BpvizError(f"--input: expected {net.sizes[0]} values, found {x.shape[1]}")
    if y.shape[1] != net.sizes[-1]:
        raise BpvizError(f"--target: expected {net.sizes[-1]} values, found {y.shape[1]}")
    x, y = check_data(net, x, y, "sample" if x.shape[0] == 1 else "training")
    loss, _ = evaluate(net, x, y)
    if not np.isfinite(loss):          # every difference quotient would be inf − inf
        raise BpvizError(f"the loss on {where} is already {loss}: the input, target or weights "
                         "are too large for finite differences to check anything — scale them down")
    bugs = bug_commands.requested(args, source)
    if bugs:
        return bug_commands.gradcheck(args, source, x, y, where, bugs)
    progress = Progress(1, enabled=not args.json, label="parameter")

    def report(done: int, total: int) -> None:
        progress.total = max(total, 1)          # the subset's size is known only now
        progress.update(done, "compared with finite differences")

    check = gradient_check(net, x, y, progress=report)
    progress.close()
    doc = {**check.as_dict(), "samples": x.shape[0]}
    if args.json:
        print_json(doc)
        return 0
    print(f"Gradient check of {source.name} on {where}: backprop against central differences")
    if check.checked < check.parameters:
        print(f"  a large network: checked a random {count(check.checked)} of its {count(check.parameters)} "
              "parameters (seed 0; every layer represented)")
    print("  layer   max relative error")
    for row in check.layers:
        print(f"  {row['layer']:>5}   {num(row['max_relative_error'], 3)}")
    print(f"largest relative error: {num(check.max_relative_error, 3)}")
    print_unresolved(check.layers)
    return 0


def print_unresolved(layers) -> None:
    """A line per layer with entries finite differences cannot judge to 1e-5."""
    for row in layers:
        if row.get("unresolved"):
            print(f"  layer {row['layer']}: {count(row['unresolved'])} entries too small for finite "
                  f"differences to judge to 1e-5 (checked only to 4 × their rounding)")


def run_presets(args) -> int:
    if args.json:
        print_json([{"name": p.name, "description": p.description, "sizes": list(p.sizes),
                     "activations": list(p.activations), "loss": p.loss,
                     "learning_rate": p.eta, "epochs": p.epochs, "batch_size": p.batch_size,
                     "optimizer": p.optimizer, "init": p.init, "biases": p.biases,
                     "bugs": list(p.bugs)}
                    for p in PRESETS.values()])
        return 0
    width = max(len(name) for name in PRESETS)
    for p in PRESETS.values():
        print(f"{p.name.ljust(width)}  {p.description}")
    return 0
