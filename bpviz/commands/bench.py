"""`bpviz bench`: speed of the headless trainer (`train`), of training inside the window
(`ui`, from bpviz.ui.bench), how many seeds of a preset train to 100 % (`seeds`), and the
memory of a long headless run (`soak`).
"""

from __future__ import annotations

import math
import os
import re
import sys
import time

import numpy as np

from ..core.datasets import Dataset
from ..core.errors import BpvizError
from ..core.metrics import evaluate
from ..core.notation import count, num, percent
from ..training.fast_path import applies
from ..training.trainer import Trainer
from . import bugs as bug_commands
from .common import Progress, Source, check_preset, print_json

AUTO_STEPS = 50_000     # without --epochs, run about this many steps: long enough to time
MNIST_SAMPLES = 50_000  # an MNIST epoch (Nielsen's 50 000 / 10 000 / 10 000 split)
MNIST_EVAL = 10_000     # images in one evaluation
MNIST_SHAPE = (784, 10)


def bench_data(preset) -> Dataset:
    """The preset's training data (x, y, pixels) and the data an evaluation is timed on
    (x_test, y_test), named by what they are. A preset whose samples are MNIST-shaped gets a
    full 50 000-sample epoch (its data tiled when it has fewer) and a 10 000-image evaluation."""
    data = preset.dataset()
    x, y = data.x, data.y
    if (x.shape[1], y.shape[1]) != MNIST_SHAPE:
        return Dataset(f"{len(x)} samples of the {preset.name} preset", x, y, x, y, pixels=data.pixels)
    what = f"{len(x)} {preset.name} samples"
    if len(x) < MNIST_SAMPLES:
        what += f" tiled to {MNIST_SAMPLES}"
    x_eval = data.x_test if data.x_test is not None and len(data.x_test) else x
    y_eval = data.y_test if data.y_test is not None and len(data.y_test) else y
    return Dataset(what, _tile(x, MNIST_SAMPLES), _tile(y, MNIST_SAMPLES), _tile(x_eval, MNIST_EVAL),
                   _tile(y_eval, MNIST_EVAL),
                   pixels=None if data.pixels is None else _tile(data.pixels, MNIST_SAMPLES))


def _tile(a, n):
    reps = -(-n // len(a))
    return np.tile(a, (reps, 1))[:n] if reps > 1 else a[:n]


def run_train(args) -> int:
    preset = check_preset(args.preset)
    data = bench_data(preset)
    x, y, x_eval, y_eval, what = data.x, data.y, data.x_test, data.y_test, data.name
    net = preset.network(dtype=args.dtype)
    batch_size = args.batch_size if args.batch_size is not None else preset.batch_size
    trainer = Trainer(net, x, y, eta=preset.eta, batch_size=batch_size,
                      optimizer=preset.optimizer, seed=preset.seed, pixels=data.pixels)
    steps_per_epoch = math.ceil(len(x) / trainer.batch_size)
    epochs = args.epochs if args.epochs is not None else max(1, AUTO_STEPS // steps_per_epoch)
    if epochs < 1:
        raise BpvizError(f"--epochs: expected a whole number ≥ 1, found {epochs}")
    times = []
    t_start = t0 = time.perf_counter()
    with np.errstate(all="ignore"):
        for event in trainer.steps():            # as Trainer.run, without its evaluations
            if event is not None:
                t1 = time.perf_counter()
                times.append(t1 - t0)
                t0 = t1
                if len(times) >= epochs:
                    break
        trainer.check_finite()
    train_seconds = time.perf_counter() - t_start
    x_eval, y_eval = net.as_batch(x_eval), net.as_batch(y_eval)   # in the network's dtype
    evaluate(net, x_eval, y_eval)                 # once to warm up, then timed
    eval_times = []
    while len(eval_times) < 5 or sum(eval_times) < 0.2:
        t0 = time.perf_counter()
        evaluate(net, x_eval, y_eval)
        eval_times.append(time.perf_counter() - t0)
    diverged = trainer.divergence
    doc = {"seconds_per_epoch": float(np.median(times)) if times else None,
           "samples_per_epoch": len(x), "batch_size": trainer.batch_size,
           "dtype": args.dtype, "eval_seconds": float(np.median(eval_times)),
           "eval_samples": len(x_eval),
           "seconds_per_epoch_range": [min(times), max(times)] if times else None,
           "steps_per_second": trainer.step / train_seconds if train_seconds > 0 else None,
           "preset": preset.name, "data": what, "epochs": len(times), "steps": trainer.step,
           "fast_path": applies(net, trainer.optimizer), "blas_threads_training": 1,
           "diverged": diverged.as_dict() if diverged else None}
    if args.json:
        print_json(doc)
        return 0
    what = re.sub(r"\d{4,}", lambda m: count(int(m.group())), what)        # for people: 4 000
    print(f"bench train {preset.name} ({args.dtype}, batch {trainer.batch_size}, {what}): "
          f"{len(times)} epochs, {count(trainer.step)} steps in {train_seconds:.3f} s")
    print(f"  {count(round(doc['steps_per_second'] or 0))} steps/s, "
          f"{num(doc['seconds_per_epoch'])} s per epoch (median), "
          f"evaluation of {count(len(x_eval))} samples {num(doc['eval_seconds'] * 1e3)} ms")
    if diverged is not None:
        print(f"  {diverged.message}")
    return 0


def run_ui(args) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # headless: draw offscreen
    try:
        from ..ui.bench import run_ui_bench
    except ImportError as e:
        raise BpvizError(f"the window benchmark is not available: {e}") from None
    preset = check_preset(getattr(args, "preset", "xor")).name
    result = (run_ui_bench(float(args.seconds)) if preset == "xor"
              else run_ui_bench(float(args.seconds), preset))
    if args.json:
        print_json(result)
    else:
        for key, value in result.items():
            print(f"{key}: {num(value, 4) if isinstance(value, (int, float)) else value}")
    return 0


def run_view(args) -> int:
    preset = check_preset(args.preset)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # headless: draw offscreen
    try:
        from ..ui.bench_view import run_view_bench
    except ImportError as e:
        raise BpvizError(f"the window benchmark is not available: {e}") from None
    doc = run_view_bench(preset.name, args.steps)
    if args.json:
        print_json(doc)
    else:
        print(f"bench view {doc['preset']}: {count(doc['steps'])} steps; one step to its changed "
              f"parts painted: median {doc['step_ms_p50']:.1f} ms, p95 {doc['step_ms_p95']:.1f} ms; "
              f"to the whole window repainted: median {doc['redraw_ms_p50']:.1f} ms, "
              f"p95 {doc['redraw_ms_p95']:.1f} ms")
    return 0


def converges(preset, seed: int, bugs=()) -> bool:
    """Does the preset, trained with its defaults from `seed` (and the bug lab's mistakes
    `bugs`), reach 100 % train accuracy?"""
    data = preset.dataset()
    net = bug_commands.training_network(preset.network(seed=seed), bugs)
    trainer = Trainer(net, data.x, data.y, eta=preset.eta, batch_size=preset.batch_size,
                      optimizer=preset.optimizer, seed=seed, pixels=data.pixels)
    result = trainer.run(preset.epochs)
    if result.train_accuracy is None:
        raise BpvizError(f"preset {preset.name} has no accuracy (its targets are not classes); "
                         f"choose a classification preset such as xor")
    return result.diverged is None and result.train_accuracy == 1.0


def run_seeds(args) -> int:
    preset = check_preset(args.preset)
    if preset.weights is not None:
        raise BpvizError(f"preset {preset.name} starts from fixed weights: every seed is the same")
    bugs = bug_commands.requested(args, Source(preset.network(), preset.name, preset=preset))
    t0 = time.perf_counter()
    failed = []
    progress = Progress(args.seeds, enabled=not args.json, label="seed")
    for seed in range(args.seeds):
        if not converges(preset, seed, bugs):
            failed.append(seed)
        progress.update(seed + 1, f"failed {len(failed)}")
    progress.close()
    doc = {"preset": preset.name, "seeds": args.seeds, "converged": args.seeds - len(failed),
           "failed_seeds": failed, "seconds": time.perf_counter() - t0}
    if bugs:
        doc["bugs"] = list(bugs)
    if args.json:
        print_json(doc)
        return 0
    print(f"{preset.name}: {doc['converged']} of {args.seeds} seeds reach 100 % train accuracy "
          f"({percent(doc['converged'] / args.seeds)}) with the preset's defaults "
          f"(η = {num(preset.eta)}, {preset.epochs} epochs"
          + (f", mistakes {', '.join(bugs)}" if bugs else "") + f"); {doc['seconds']:.1f} s")
    if failed:
        print(f"failed seeds: {', '.join(map(str, failed))}")
    return 0



def rss_bytes() -> int | None:
    """This process's resident memory now (Linux /proc), else its peak (getrusage), else None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    except (ImportError, OSError):
        return None


def run_soak(args) -> int:
    """Headless training memory over a long run: the resident memory after the trainer is
    built and after `epochs` epochs, and the growth per epoch (what a run of hours costs)."""
    preset = check_preset(args.preset)
    data = preset.dataset()
    trainer = Trainer(preset.network(), data.x, data.y, eta=preset.eta,
                      batch_size=preset.batch_size, optimizer=preset.optimizer, seed=preset.seed,
                      pixels=data.pixels)
    trainer.run(1)                                # the first epoch allocates what a run needs
    start = rss_bytes()
    progress = Progress(args.epochs, enabled=not args.json)
    t0 = time.perf_counter()
    result = trainer.run(args.epochs - 1, on_step=(lambda t: progress.update(t.epoch))
                         if progress.enabled else None)
    seconds = time.perf_counter() - t0
    progress.close()
    end = rss_bytes()
    mb = (lambda b: None if b is None else round(b / 2**20, 1))
    doc = {"epochs": trainer.epoch, "rss_mb_start": mb(start), "rss_mb_end": mb(end),
           "bytes_per_epoch": None if start is None or end is None
           else (end - start) / max(trainer.epoch - 1, 1),
           "preset": preset.name, "seconds": seconds, "history_bytes": trainer.losses.nbytes,
           "diverged": result.diverged.as_dict() if result.diverged else None}
    if args.json:
        print_json(doc)
        return 0
    print(f"bench soak {preset.name}: {trainer.epoch} epochs in {seconds:.1f} s; resident "
          f"memory {doc['rss_mb_start']} MB → {doc['rss_mb_end']} MB "
          f"({num(doc['bytes_per_epoch'], 3)} bytes per epoch; the loss history holds "
          f"{count(trainer.losses.nbytes)} bytes)")
    return 0
