"""The trainer table: every contender of tools/bench_reference.py side by side, interleaved.

Each (contender, batch size, dtype) runs as its own process for a few epochs and reports
its median seconds per epoch; the whole set runs round after round, and the table shows the
median over rounds, so every contender saw the same machine load. BLAS runs on one thread
everywhere, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.

    python tools/bench_table.py --before /path/to/bpviz-before --torch-python /path/to/python

--before: a source tree (holding bpviz/) of the trainer to compare with, e.g. an export of
an earlier commit; --after defaults to this repository. --torch-python: an interpreter that
has PyTorch (not a dependency of bpviz); without it the PyTorch row is left out.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "bench_reference.py"
COLUMNS = [(10, "float32"), (100, "float32"), (10, "float64")]


def rows(args):
    py = sys.executable
    out = [("per-sample loop, float64", py, "loop", None, 2),
           ("hand-vectorised NumPy: numpy", py, "numpy", None, 3),
           ("hand-vectorised NumPy: numpy-batch", py, "numpy-batch", None, 3),
           ("hand-vectorised NumPy: numpy-buffers", py, "numpy-buffers", None, 3),
           ("hand-vectorised NumPy: numpy-pixels", py, "numpy-pixels", None, 3)]
    if args.torch_python:
        out.append(("PyTorch CPU, manual backprop", args.torch_python, "torch", None, 3))
    if args.before:
        out.append(("bpviz before", py, "bpviz", args.before, 3))
    out.append(("bpviz after", py, "bpviz", args.after, 4))
    return out


def run_one(python, contender, tree, epochs, batch, dtype):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    if tree:
        env["PYTHONPATH"] = str(tree)
    cmd = [python, str(SCRIPT), contender, "--batch-size", str(batch), "--dtype", dtype,
           "--epochs", str(epochs), "--threads", "1"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    doc = json.loads(done.stdout.strip().splitlines()[-1])
    skip = 1 if len(doc["epoch_seconds"]) > 2 else 0                   # the first one warms up
    return (statistics.median(doc["epoch_seconds"][skip:]),
            statistics.median(doc["epoch_cpu_seconds"][skip:]))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--before", type=Path)
    p.add_argument("--after", type=Path, default=ROOT)
    p.add_argument("--torch-python")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    table = rows(args)
    results: dict = {(r[0], c): [] for r in table for c in COLUMNS}
    for rnd in range(args.rounds):
        for label, python, contender, tree, epochs in table:
            for batch, dtype in COLUMNS:
                wall, cpu = run_one(python, contender, tree, epochs, batch, dtype)
                results[(label, (batch, dtype))].append((wall, cpu))
                print(f"round {rnd + 1}: {label:38s} b={batch:<3d} {dtype}  {wall:.4f} s/epoch "
                      f"(CPU {cpu:.4f})", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps([{"contender": k[0], "batch_size": k[1][0], "dtype": k[1][1],
                           "seconds_per_epoch": statistics.median(w for w, _ in v),
                           "cpu_seconds_per_epoch": statistics.median(c for _, c in v),
                           "runs": v} for k, v in results.items()]))
        return
    for what, i in (("wall-clock", 0), ("CPU time of the training thread", 1)):
        medians = {k: statistics.median(r[i] for r in v) for k, v in results.items()}
        after = {c: medians[("bpviz after", c)] for c in COLUMNS}
        head = " | ".join(f"b={b} {d}: s/epoch (÷ after)" for b, d in COLUMNS)
        print(f"\n{what}\n\n| contender (1 BLAS thread) | {head} |")
        print("|---|" + "---|" * len(COLUMNS))
        for label, *_ in table:
            cells = [f"{medians[(label, c)]:.3f} ({medians[(label, c)] / after[c]:.2f}×)"
                     for c in COLUMNS]
            print(f"| {label} | " + " | ".join(cells) + " |")
    print(f"\nmedian of {args.rounds} interleaved rounds; load average at the end: "
          f"{os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
