"""`bpviz bench`: speed of the headless trainer (`train`), of training inside the window
(`ui`, from bpviz.ui.bench), and how many seeds of a preset train to 100 % (`seeds`).
"""

from __future__ import annotations

import math
import os
import time

from ..core.errors import BpvizError
from ..core.notation import num, percent
from ..training.trainer import Trainer
from .common import Progress, check_preset, print_json

AUTO_STEPS = 50_000     # without --epochs, run about this many steps: long enough to time


def run_train(args) -> int:
    preset = check_preset(args.preset)
    data = preset.dataset()
    net = preset.network(dtype=args.dtype)
    batch_size = args.batch_size if args.batch_size is not None else preset.batch_size
    trainer = Trainer(net, data.x, data.y, eta=preset.eta, batch_size=batch_size,
                      optimizer=preset.optimizer, seed=preset.seed)
    steps_per_epoch = math.ceil(len(data) / trainer.batch_size)
    epochs = args.epochs if args.epochs is not None else max(1, AUTO_STEPS // steps_per_epoch)
    result = trainer.run(epochs)
    train_seconds = result.seconds
    repeats, t0 = 0, time.perf_counter()
    while repeats < 5 or time.perf_counter() - t0 < 0.05:      # one forward pass, timed
        trainer.evaluate()
        repeats += 1
    eval_seconds = (time.perf_counter() - t0) / repeats
    doc = {"seconds_per_epoch": train_seconds / max(result.epochs, 1),
           "samples_per_epoch": len(data), "batch_size": trainer.batch_size,
           "dtype": args.dtype, "eval_seconds": eval_seconds,
           "steps_per_second": trainer.step / train_seconds if train_seconds > 0 else None,
           "preset": preset.name, "epochs": result.epochs, "steps": trainer.step,
           "diverged": result.diverged.as_dict() if result.diverged else None}
    if args.json:
        print_json(doc)
        return 0
    print(f"bench train {preset.name} ({args.dtype}, batch {trainer.batch_size} of {len(data)} "
          f"samples): {result.epochs} epochs, {trainer.step} steps in {train_seconds:.3f} s")
    print(f"  {doc['steps_per_second'] or 0:,.0f} steps/s, "
          f"{num(doc['seconds_per_epoch'], 3)} s per epoch, "
          f"evaluation (one forward pass) {num(eval_seconds, 3)} s")
    if result.diverged is not None:
        print(f"  {result.diverged.message}")
    return 0


def run_ui(args) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # headless: draw offscreen
    try:
        from ..ui.bench import run_ui_bench
    except ImportError as e:
        raise BpvizError(f"the window benchmark is not available: {e}") from None
    result = run_ui_bench(float(args.seconds))
    if args.json:
        print_json(result)
    else:
        for key, value in result.items():
            print(f"{key}: {num(value, 4) if isinstance(value, (int, float)) else value}")
    return 0


def converges(preset, seed: int) -> bool:
    """Does the preset, trained with its defaults from `seed`, reach 100 % train accuracy?"""
    data = preset.dataset()
    net = preset.network(seed=seed)
    trainer = Trainer(net, data.x, data.y, eta=preset.eta, batch_size=preset.batch_size,
                      optimizer=preset.optimizer, seed=seed)
    result = trainer.run(preset.epochs)
    if result.train_accuracy is None:
        raise BpvizError(f"preset {preset.name} has no accuracy (its targets are not classes); "
                         f"choose a classification preset such as xor")
    return result.diverged is None and result.train_accuracy == 1.0


def run_seeds(args) -> int:
    preset = check_preset(args.preset)
    if preset.weights is not None:
        raise BpvizError(f"preset {preset.name} starts from fixed weights: every seed is the same")
    t0 = time.perf_counter()
    failed = []
    progress = Progress(args.seeds, enabled=not args.json, label="seed")
    for seed in range(args.seeds):
        if not converges(preset, seed):
            failed.append(seed)
        progress.update(seed + 1, f"failed {len(failed)}")
    progress.close()
    doc = {"preset": preset.name, "seeds": args.seeds, "converged": args.seeds - len(failed),
           "failed_seeds": failed, "seconds": time.perf_counter() - t0}
    if args.json:
        print_json(doc)
        return 0
    print(f"{preset.name}: {doc['converged']} of {args.seeds} seeds reach 100 % train accuracy "
          f"({percent(doc['converged'] / args.seeds)}) with the preset's defaults "
          f"(η = {num(preset.eta)}, {preset.epochs} epochs); {doc['seconds']:.1f} s")
    if failed:
        print(f"failed seeds: {', '.join(map(str, failed))}")
    return 0

