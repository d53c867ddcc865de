"""`bpviz train`: train a preset, or a model file on a CSV, with the headless Trainer;
report the loss per epoch, accuracy and any divergence, and optionally save the model.
Ctrl-C stops training; with --save the last finite weights are saved, marked
`training.interrupted`, and the command exits 130. A Ctrl-C during a save says whether the
file was replaced (a save is one rename: the old file, whole, or the new one).
"""

from __future__ import annotations

import sys

import numpy as np

from ..core.errors import BpvizError
from ..core.files import check_writable, file_state, target_path
from ..core.mnist import data_title
from ..core.modelfile import save_model
from ..core.notation import GROUP, count, num, percent
from ..core.settings import RUN_DEFAULTS, check_batch_size, check_epochs, check_optimizer, check_seed
from ..core.size_check import check_network
from ..training.trainer import DIVERGENCE_FACTOR, Trainer
from . import bugs as bug_commands
from .common import Progress, load_data, load_source, print_json, resolve_eta

CHECKS = {"epochs": check_epochs, "seed": check_seed, "optimizer": check_optimizer}


def setting(args, source, key: str, n_samples: int = 0):
    """An option's value, else the preset's / model file's setting, else the default.
    A model file's value is checked here, so its error names the file and key; the
    trainer checks every value again with the same rules (bpviz.core.settings)."""
    value = getattr(args, key)
    if value is not None:
        return value
    if source.preset is not None:
        value = getattr(source.preset, key)
        # a batch the data cannot fill (mnist's 10 on an imported set of fewer digits): all
        # of it, as the window does; only --batch-size is held to the data's size
        return min(value, n_samples) if key == "batch_size" and value and n_samples else value
    stored = source.training_setting(key)
    if stored is None:
        return RUN_DEFAULTS[key]
    where = source.setting_source(key)
    if key == "batch_size":
        size = check_batch_size(stored, 2**31, source=where)
        return min(size, n_samples) if size and n_samples else size
    return CHECKS[key](stored, source=where)


def check_save_path(path) -> None:
    """Refuse a --save that cannot work before training, not after it: an empty path, a
    folder, a folder that does not exist, one we may not write in, a name too long (a
    temporary file of the writer's own name is made there and removed)."""
    if path is None:
        return
    target = target_path(path)
    folder = target.parent if str(target.parent) else None
    if folder is not None and not folder.is_dir():
        if folder.exists():            # g.json/sub.json, with g.json a file
            raise BpvizError(f"--save {path}: {folder} is a file, not a folder")
        raise BpvizError(f"--save {path}: the folder {folder} does not exist")
    check_writable(path)


def run(args) -> int:
    seed = args.seed
    check_save_path(args.save)
    source = load_source(args, seed=seed)
    if source.preset is not None:
        if args.data is not None:
            raise BpvizError("--data goes with --model; a preset brings its own data")
        data = source.preset.dataset()
    else:
        if args.data is None:
            raise BpvizError("with --model, give the training data as --data FILE.csv")
        data = load_data(args.data, source.network)
    eta = resolve_eta(args, source)
    epochs = setting(args, source, "epochs")
    batch_size = setting(args, source, "batch_size", len(data))
    optimizer = setting(args, source, "optimizer")
    seed = setting(args, source, "seed")
    check_network(source.network.sizes, force=bool(getattr(args, "force", False)),
                  batch=batch_size or len(data), optimizer=optimizer, samples=len(data))
    factor = getattr(args, "divergence_factor", None) or DIVERGENCE_FACTOR
    bugs = bug_commands.requested(args, source)
    trained = bug_commands.training_network(source.network, bugs)
    trainer = Trainer(trained, data.x, data.y, eta=eta, batch_size=batch_size,
                      optimizer=optimizer, seed=seed, x_test=data.x_test, y_test=data.y_test,
                      divergence_factor=factor, pixels=data.pixels)

    settings = {"learning_rate": eta, "epochs": epochs, "batch_size": trainer.batch_size,
                "optimizer": optimizer, "seed": seed}
    if source.preset is not None:
        settings = {"preset": source.preset.name, **settings}
        if args.init is not None:
            settings["init"] = args.init
    progress = Progress(epochs, enabled=not args.json)

    def on_step(t: Trainer):
        if t.losses:
            progress.update(t.epoch, f"loss {num(t.losses[-1], 4)}")

    try:
        result = trainer.run(epochs, on_step=on_step if progress.enabled else None)
    except KeyboardInterrupt:
        progress.close()
        trainer.recover_after_interrupt()
        bug_doc: dict = {}
        bug_commands.finish_training(source.network, trained, bugs, bug_doc)    # (as below)
        return interrupted(args, source, trainer, settings, epochs, len(data), bug_doc, data)
    if trainer.losses:
        progress.update(trainer.epoch, f"loss {num(trainer.losses[-1], 4)}", force=True)
    progress.close()
    bug_doc: dict = {}
    bug_commands.finish_training(source.network, trained, bugs, bug_doc)

    saved, save_error, save_interrupted = args.save, None, None
    if args.save:
        try:
            save(args.save, source, settings)
        except BpvizError as e:        # checked before training, yet the disk filled up …:
            saved, save_error = None, e          # the run's results are still printed first
        except KeyboardInterrupt as e:           # Ctrl-C in the save of a finished run: its
            save_interrupted = e                 # results too, then what is on disk
            if "the save had finished" not in str(e):
                saved = None

    doc = {**{k: v for k, v in settings.items() if k != "epochs"}, **result.as_dict(),
           "epochs_requested": epochs, "samples": len(data), **data_doc(data), "saved": saved,
           **bug_doc}
    if args.json:
        print_json(doc)
    else:
        print_summary(source, result, settings, data, saved)
        if bugs:
            over = bug_doc.get("overflows")
            print(f"trained with the mistake(s) {', '.join(bugs)}"
                  + (f"; exp(−z) overflowed in {over} calls of σ" if over is not None else ""))
    if save_error is not None:
        sys.stdout.flush()
        raise BpvizError(f"trained, but the weights were not saved: {save_error}")
    if save_interrupted is not None:
        sys.stdout.flush()
        raise save_interrupted
    return 0


def save(path, source, settings: dict) -> None:
    extra = dict(source.extra or {})
    old = extra.get("training") if isinstance(extra.get("training"), dict) else {}
    extra["training"] = {**{k: v for k, v in old.items() if k != "interrupted"}, **settings}
    if source.preset is not None:
        extra.setdefault("title", source.preset.description)
    before = file_state(path)
    try:
        save_model(source.network, path, extra)
    except KeyboardInterrupt:          # the write removes its temporary; say what is on disk
        raise KeyboardInterrupt(f"while saving: {after_interrupted_save(path, before)}") from None


def after_interrupted_save(path, before) -> str:
    """What a Ctrl-C during a save left: the write replaces the file in one rename, so the
    file is either the one from before, untouched, or the new one, whole."""
    if file_state(path) != before:
        return f"the save had finished: {path} holds the weights"
    if before is None:
        return f"the weights were not saved and {path} was not created"
    return f"the weights were not saved and {path} is unchanged (the old file is kept)"


def interrupted(args, source, trainer: Trainer, settings: dict, epochs: int, samples: int,
                bug_doc: dict | None = None, data=None) -> int:
    """Ctrl-C during training: keep what was learnt. The weights are those of the last
    complete step with a finite loss; the file says training was interrupted. With --json,
    the document of the epochs completed, with `interrupted` saying so. (`source.network`
    holds the trained weights already: with mistakes, `finish_training` copied them back.)"""
    note = f"stopped by Ctrl-C after epoch {trainer.epoch} (step {trainer.step})"
    if trainer.running_epoch != trainer.epoch:   # inside an epoch: "after epoch 5 (step 6)" misled
        note = (f"stopped by Ctrl-C during epoch {trainer.running_epoch}, after step {trainer.step} "
                f"({trainer.epoch} epochs completed)")
    saved = None
    if args.save:
        try:
            save(args.save, source, {**settings, "interrupted": note})
            note += f"; saved the weights to {args.save}"
            saved = args.save
        except BpvizError as e:
            note += f"; not saved: {e}"
        except KeyboardInterrupt as e:           # Ctrl-C again: stop now, saying what is on disk
            print(f"bpviz: interrupted: {note}; interrupted again {e}", file=sys.stderr)
            return 130
    if args.json:
        with np.errstate(all="ignore"):
            _, train_accuracy = trainer.evaluate()
        print_json({**{k: v for k, v in settings.items() if k != "epochs"}, "epochs": trainer.epoch,
                    "loss": list(trainer.losses), "train_accuracy": train_accuracy,
                    "test_accuracy": None, "diverged": None, "seconds": None,
                    "epochs_requested": epochs, "samples": samples,
                    **data_doc(data), "saved": saved,
                    **(bug_doc or {}), "interrupted": note})
    elif trainer.losses:                       # the epochs it did train, as a full run shows them
        print_losses(list(trainer.losses))
    print(f"bpviz: interrupted: {note}", file=sys.stderr)
    return 130


def data_doc(data) -> dict:
    """The JSON's name of the data trained on (the text's "Data:" line, its numbers ungrouped as
    JSON's are: "MNIST: bundled 5000-digit subset") and the size of its held-out test split."""
    if data is None:
        return {}
    n_test = 0 if data.x_test is None else len(data.x_test)
    title = data_title(data)
    if data.name.startswith("mnist-"):      # (a CSV's own name keeps whatever it holds)
        title = title.replace(GROUP, "")
    return {"data": title, "test_samples": n_test}


def data_line(data) -> str:
    """The data trained on, named as the window names it, with its split."""
    held_out = (" (no held-out test split)" if data.x_test is None or not len(data.x_test)
                else f" + {count(len(data.x_test))} test")
    return f"Data: {data_title(data)}, {count(len(data))} training samples{held_out}"


def print_losses(losses) -> None:
    """The loss at the first and last epoch and at every tenth of the way."""
    if losses:
        marks = sorted({0, len(losses) - 1} | {len(losses) * k // 10 for k in range(1, 10)})
        for i in marks:
            print(f"  epoch {i + 1:>7}  loss {num(losses[i], 6)}")


def print_summary(source, result, settings, data, saved) -> None:
    net = source.network
    print(f"Trained {source.name}: {'-'.join(map(str, net.sizes))} "
          f"({', '.join(net.activation_names)}), {net.loss.name}, {settings['optimizer']}, "
          f"η = {num(settings['learning_rate'])}, batch {count(settings['batch_size'])} of "
          f"{count(len(data))} samples, seed {settings['seed']}")
    print(data_line(data))
    losses = result.loss
    print_losses(losses)
    print(f"epochs {result.epochs}, final loss {num(losses[-1] if losses else None)}, "
          f"train accuracy {percent(result.train_accuracy)}, "
          f"test accuracy {percent(result.test_accuracy)}, {result.seconds:.2f} s")
    if result.diverged is not None:
        print(result.diverged.message)
    if saved:
        print(f"saved the model to {saved}")
