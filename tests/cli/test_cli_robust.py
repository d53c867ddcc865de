"""The command line against a stress tester: an exploding loss is a divergence at once, the
update of `trace` says when it diverged, `--save ''` is refused, Ctrl-C during
`train --save` keeps the weights, large networks need --force, gradcheck of a large network
checks a subset, `bench soak` reports memory per epoch."""

import json
import os
import pty
import select
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bpviz.core import size_check
from bpviz.core.modelfile import load_model, save_model
from bpviz.core.network import Network

from .cli_helpers import assert_one_line_error, run, run_json

ROOT = Path(__file__).resolve().parents[2]


def test_an_exploding_loss_stops_training_before_the_weights_blow_up(capsys, tmp_path):
    """η = 100 on XOR: the loss grows by orders of magnitude per epoch. Before, it ran all 50
    epochs to a loss of 3.5e261 and saved weights of 1e132."""
    path = tmp_path / "xor.json"
    doc = run_json(capsys, "train", "--preset", "xor", "--learning-rate", "100", "--epochs", "50",
                   "--save", str(path))
    assert doc["diverged"] is not None and doc["epochs"] < 10
    assert "exploded" in doc["diverged"]["message"] and "10\u00a0000 ×" in doc["diverged"]["message"]
    initial = doc["loss"][0]
    assert all(loss <= 1e4 * initial for loss in doc["loss"])   # kept epochs are below the rule
    net, _ = load_model(path)
    assert np.abs(net.params).max() < 1e4
    # the saved weights are those the last recorded epoch ended with, whose loss is bounded
    assert net.cost(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([[0], [1], [1], [0]])) \
        <= 1e4 * initial


def test_the_divergence_factor_is_an_option(capsys):
    # XOR with η = 1 grows slowly at first: a factor of 1.5 stops it sooner than 10⁴ does.
    strict = run_json(capsys, "train", "--preset", "xor", "--learning-rate", "1", "--epochs", "200",
                      "--divergence-factor", "1.5")
    loose = run_json(capsys, "train", "--preset", "xor", "--learning-rate", "1", "--epochs", "200")
    assert strict["diverged"] is not None and loose["diverged"] is not None
    assert strict["diverged"]["step"] < loose["diverged"]["step"]
    for bad in ("1", "0.5", "nan", "x"):
        code, out, err = run(capsys, "train", "--preset", "xor", "--divergence-factor", bad)
        assert_one_line_error(code, out, err, "divergence factor")


def test_healthy_presets_do_not_count_as_diverged(capsys):
    for preset in ("xor", "spirals", "not-gate", "toy-40-80"):
        doc = run_json(capsys, "train", "--preset", preset)
        assert doc["diverged"] is None, preset


def test_trace_says_when_the_update_diverged(capsys):
    code, out, err = run(capsys, "trace", "--preset", "xor", "--learning-rate", "1e308")
    assert code == 0 and "The update diverged" in out and "smaller learning rate" in out
    doc = run_json(capsys, "trace", "--preset", "xor", "--learning-rate", "1e308")
    assert doc["loss_after"] is None and "diverged" in doc["diverged"]["message"]
    assert run_json(capsys, "trace", "--preset", "toy-40-80")["diverged"] is None
    # a whole learning rate is written as people write counts
    code, out, err = run(capsys, "trace", "--preset", "toy-40-80", "--learning-rate", "100000")
    assert code == 0 and "The update diverged" in out and "(η = 100\u00a0000)" in out


def test_trace_refuses_targets_outside_the_losses_range_like_train(capsys, tmp_path):
    path = tmp_path / "bce.json"
    net = Network.create([2, 1], ["sigmoid"], "binary_cross_entropy", init="normal", seed=0)
    save_model(net, path)
    code, out, err = run(capsys, "trace", "--model", str(path), "--input", "0,1", "--target", "2")
    assert_one_line_error(code, out, err, "[0, 1]")


@pytest.mark.parametrize("path", ["", "   "])
def test_an_empty_save_path_is_refused_before_training(capsys, path):
    code, out, err = run(capsys, "train", "--preset", "xor", "--save", path)
    assert_one_line_error(code, out, err, "empty")


def test_a_save_into_a_missing_folder_is_refused_before_training(capsys, tmp_path):
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "10",
                         "--save", str(tmp_path / "no" / "m.json"))
    assert_one_line_error(code, out, err, "does not exist")


def test_ctrl_c_during_train_save_keeps_the_last_finite_weights(tmp_path):
    """SIGINT to a real `bpviz train --save` while it trains (its progress bar, drawn on a
    terminal, says when): exit 130, and the file is a valid model marked as interrupted."""
    path = tmp_path / "m.json"
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bpviz", "train", "--preset", "xor",
                             "--epochs", "100000000", "--save", str(path)],
                            stdout=subprocess.PIPE, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    seen = b""
    try:
        while b"epoch" not in seen:              # the bar appears once training runs
            ready, _, _ = select.select([master], [], [], 60)
            assert ready, "no progress bar within a minute"
            seen += os.read(master, 4096)
        proc.send_signal(signal.SIGINT)
        code = proc.wait(60)
        while select.select([master], [], [], 0.5)[0]:
            try:
                seen += os.read(master, 4096)
            except OSError:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    text = seen.decode(errors="replace")
    assert code == 130, text
    assert "interrupted" in text and "Traceback" not in text
    net, extra = load_model(path)
    assert np.isfinite(net.params).all()
    assert "Ctrl-C" in extra["training"]["interrupted"]
    assert extra["training"]["preset"] == "xor"


def test_a_network_above_the_size_limit_needs_force(capsys, monkeypatch):
    # XOR's 2-4-1 has 4·3 + 1·5 = 17 parameters: 8 bytes × (17 × 3 copies + 3 × 7 neurons)
    monkeypatch.setattr(size_check, "MEMORY_LIMIT", 500)
    for command in ("gradcheck", "trace", "train"):
        code, out, err = run(capsys, command, "--preset", "xor")
        assert_one_line_error(code, out, err, "--force", "17 parameters", "576 bytes")
    doc = run_json(capsys, "gradcheck", "--preset", "xor", "--force")
    assert doc["parameters"] == doc["parameters_checked"] == 17


def test_a_model_file_too_large_to_read_needs_force(capsys, tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    save_model(Network.create([20, 30, 1], ["tanh", "linear"], "mse", init="normal", seed=0), path)
    monkeypatch.setattr(size_check, "MEMORY_LIMIT", path.stat().st_size * 2)
    code, out, err = run(capsys, "trace", "--model", str(path), "--input", "0," * 19 + "0",
                         "--target", "1")
    assert_one_line_error(code, out, err, "the model file is", "--force")


def test_gradcheck_of_a_large_network_checks_a_random_subset_of_every_layer(capsys, tmp_path):
    path = tmp_path / "wide.json"
    save_model(Network.create([60, 100, 3], ["tanh", "sigmoid"], "mse", init="xavier", seed=1),
               path)
    doc = run_json(capsys, "gradcheck", "--model", str(path))
    assert doc["parameters"] == 100 * 61 + 3 * 101
    assert 1000 <= doc["parameters_checked"] < doc["parameters"]
    assert [row["layer"] for row in doc["layers"]] == [1, 2]
    assert all(0 < row["max_relative_error"] < 1e-3 for row in doc["layers"])
    code, out, err = run(capsys, "gradcheck", "--model", str(path))
    n = doc["parameters_checked"]                         # 1 000 … 6 402: "1 234" (no-break space)
    checked = f"{n // 1000}\u00a0{n % 1000:03d}"
    assert f"checked a random {checked} of its 6\u00a0403 parameters" in out


def test_bench_soak_reports_memory_per_epoch(capsys):
    doc = run_json(capsys, "bench", "soak", "--epochs", "2000")
    assert {"epochs", "rss_mb_start", "rss_mb_end", "bytes_per_epoch"} <= set(doc)
    assert doc["epochs"] == 2000 and doc["history_bytes"] == 8 * 2000
    assert doc["rss_mb_start"] > 0 and doc["rss_mb_end"] > 0


def test_train_json_streams_a_long_loss_list_exactly(capsys):
    doc = run_json(capsys, "train", "--preset", "xor", "--epochs", "40000")
    assert len(doc["loss"]) == 40000 and all(isinstance(v, float) for v in doc["loss"][:5])
    again = json.loads(json.dumps(doc["loss"]))
    assert again == doc["loss"]


def test_running_out_of_memory_is_one_line(capsys, monkeypatch):
    from bpviz.commands import gradcheck

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(gradcheck, "gradient_check", no_memory)
    code, out, err = run(capsys, "gradcheck", "--preset", "xor")
    assert_one_line_error(code, out, err, "out of memory")


def test_a_save_to_a_pipe_is_refused_before_training_and_the_pipe_stays(capsys, tmp_path):
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "10", "--save", str(pipe))
    assert_one_line_error(code, out, err, "not a regular file")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


@pytest.mark.parametrize("seconds", ["3e6", "1e308"])
def test_bench_ui_refuses_a_run_longer_than_a_day(capsys, seconds):
    code, out, err = run(capsys, "bench", "ui", "--seconds", seconds)
    assert_one_line_error(code, out, err, "too large")


@pytest.mark.parametrize("args, words", [
    (("train", "--preset", "xor", "--divergence-factor", "-5"), "must be > 1"),
    (("trace", "--preset", "xor", "--sample", "99999999999999999999"), "is too large"),
    (("trace", "--preset", "xor", "--sample", "-1"), "must be ≥ 0"),
])
def test_a_value_out_of_range_names_the_bound_it_breaks(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert_one_line_error(code, out, err, words)


@pytest.mark.parametrize("command", [["evaluate"], ["surface", "--params", "1:1:1,1:1:2"]])
def test_evaluate_and_surface_refuse_targets_the_loss_is_not_defined_for(capsys, tmp_path, command):
    model = tmp_path / "and.json"
    assert run(capsys, "train", "--preset", "and", "--epochs", "1", "--save", str(model))[0] == 0
    data = tmp_path / "five.csv"
    data.write_text("a,b,y\n0,0,5\n1,1,0\n")           # binary cross-entropy needs 0 ≤ y ≤ 1
    code, out, err = run(capsys, *command, "--model", str(model), "--data", str(data))
    assert_one_line_error(code, out, err, "must lie in [0, 1] for binary_cross_entropy")


@pytest.mark.parametrize("content, words", [("a,b,y\n0,x,1\n", "line 2, column 2"), ("", "empty")])
def test_a_bad_data_file_is_named_in_its_message(capsys, tmp_path, content, words):
    model = tmp_path / "xor.json"
    assert run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(model))[0] == 0
    data = tmp_path / "bad.csv"
    data.write_text(content)
    code, out, err = run(capsys, "train", "--model", str(model), "--data", str(data))
    assert_one_line_error(code, out, err, words)
    assert err.startswith(f"bpviz: {data}: ")


def test_trace_says_where_its_sample_came_from_and_wants_input_with_target(capsys):
    code, out, err = run(capsys, "trace", "--preset", "xor", "--input", "5,5", "--target", "9")
    assert code == 0 and "from xor, the given input and target" in out.splitlines()[0]
    code, out, err = run(capsys, "trace", "--preset", "xor", "--input", "5,5")
    assert_one_line_error(code, out, err, "--input and --target go together")


def test_ctrl_c_with_json_still_prints_one_json_document(capsys):
    """`train --json` interrupted: the epochs completed, as the usual document plus
    `interrupted` (stdout had been empty), and exit 130."""
    import argparse

    from bpviz.commands.train import interrupted
    from bpviz.core.datasets import xor
    from bpviz.core.presets import get_preset
    from bpviz.training.trainer import Trainer

    from .cli_helpers import strict_json

    data = xor()
    trainer = Trainer(get_preset("xor").network(seed=0), data.x, data.y, eta=0.2)
    trainer.run(3)
    settings = {"preset": "xor", "learning_rate": 0.2, "epochs": 1000, "batch_size": 4,
                "optimizer": "sgd", "seed": 0}
    code = interrupted(argparse.Namespace(json=True, save=None), None, trainer, settings, 1000, 4,
                       data=data)
    out, err = capsys.readouterr()
    doc = strict_json(out)
    assert doc["data"] == "xor" and doc["test_samples"] == 0
    assert code == 130 and err.startswith("bpviz: interrupted: stopped by Ctrl-C after epoch 3")
    assert doc["epochs"] == 3 and len(doc["loss"]) == 3 and doc["epochs_requested"] == 1000
    assert doc["interrupted"].startswith("stopped by Ctrl-C") and doc["saved"] is None


def test_ctrl_c_with_a_mistake_saves_the_weights_it_trained(capsys, tmp_path, monkeypatch):
    """With --bug the run trains a copy; Ctrl-C must save that copy's weights (it saved the
    untrained ones) and say which mistakes were on."""
    from bpviz.core.modelfile import load_model
    from bpviz.training.trainer import Trainer

    plain = tmp_path / "three.json"
    assert run(capsys, "train", "--preset", "xor", "--bug", "sum-not-mean", "--epochs", "3",
               "--save", str(plain))[0] == 0
    real_run = Trainer.run

    def three_then_ctrl_c(self, epochs, **kw):
        real_run(self, 3)
        raise KeyboardInterrupt

    monkeypatch.setattr(Trainer, "run", three_then_ctrl_c)
    cut = tmp_path / "cut.json"
    code, out, err = run(capsys, "train", "--preset", "xor", "--bug", "sum-not-mean", "--epochs",
                         "1000", "--save", str(cut), "--json")
    assert code == 130 and json.loads(out)["bugs"] == ["sum-not-mean"]
    np.testing.assert_array_equal(load_model(cut)[0].params, load_model(plain)[0].params)


def test_an_option_written_with_an_underscore_is_pointed_to_its_dashed_name(capsys):
    from .cli_helpers import assert_one_line_error, run

    assert_one_line_error(*run(capsys, "descent", "--function", "x2", "--learning_rate", "0.1"),
                          "unrecognized arguments: --learning_rate", "did you mean --learning-rate?")


def test_version_prints_the_version_and_exits_0(capsys):
    from bpviz import __version__

    from .cli_helpers import run

    code, out, err = run(capsys, "--version")
    assert code == 0 and out == f"bpviz {__version__}\n" and err == ""


def test_ctrl_c_in_text_mode_prints_the_epochs_it_trained(capsys, monkeypatch):
    """Interrupted without --json, stdout had been empty: the losses of the epochs done."""
    from bpviz.training.trainer import Trainer

    from .cli_helpers import run

    real_run = Trainer.run

    def five_then_ctrl_c(self, epochs, **kw):
        real_run(self, 5)
        raise KeyboardInterrupt

    monkeypatch.setattr(Trainer, "run", five_then_ctrl_c)
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "1000")
    assert code == 130 and "interrupted: stopped by Ctrl-C after epoch 5" in err
    lines = [line.split() for line in out.splitlines() if line.strip().startswith("epoch")]
    assert [int(parts[1]) for parts in lines] == [1, 2, 3, 4, 5]



def test_sample_picks_from_the_preset_a_model_file_records(capsys, tmp_path):
    """`train --preset xor --save` records the preset: `trace --model … --sample 2` walks its
    sample 3, (1, 0) → 1, as `trace --preset xor --sample 2` does (it had needed --preset)."""
    from bpviz.core.modelfile import load_model, save_model

    from .cli_helpers import assert_one_line_error, run, run_json

    model = tmp_path / "xor.json"
    assert run(capsys, "train", "--preset", "xor", "--epochs", "5", "--save", str(model))[0] == 0
    doc = run_json(capsys, "trace", "--model", str(model), "--sample", "2")
    assert doc["input"] == [1.0, 0.0] and doc["target"] == [1.0]
    check = run_json(capsys, "gradcheck", "--model", str(model), "--sample", "2")
    assert check["max_relative_error"] < 1e-5
    bare = tmp_path / "bare.json"
    save_model(load_model(model)[0], bare)                 # records no preset
    assert_one_line_error(*run(capsys, "trace", "--model", str(bare), "--sample", "2"),
                          "--sample needs --preset, or a model file that records its preset")
    # with neither --sample nor --input: the recorded preset's own sample, as --preset walks it
    # (xor walks its sample 2, (0, 1) → 1); a file without a preset says what to give instead
    doc = run_json(capsys, "trace", "--model", str(model))
    assert doc["input"] == [0.0, 1.0] and doc["target"] == [1.0]
    assert_one_line_error(*run(capsys, "trace", "--model", str(bare)),
                          "give both --input and --target", "records no preset")


def test_init_draws_a_presets_weights_with_another_initialiser(capsys, tmp_path):
    """`train --preset mnist --init normal` starts from N(0, 1) weights as Nielsen's network.py
    (standard deviation 1), the preset's own scaled-normal from N(0, 1)/√784 (1/28); the file
    records the choice. Presets with their own weights, and model files, refuse it."""
    from types import SimpleNamespace

    from bpviz.commands.common import load_source
    from bpviz.core.modelfile import load_model

    from .cli_helpers import assert_one_line_error, run

    def first_layer(init):
        args = SimpleNamespace(preset="mnist", init=init, force=False)
        return load_source(args, seed=0).network.weights[0]

    assert abs(first_layer("normal").std() - 1) < 0.01                   # 23 520 draws
    assert abs(first_layer(None).std() * 28 - 1) < 0.01
    model = tmp_path / "m.json"
    assert run(capsys, "train", "--preset", "xor", "--epochs", "2", "--init", "he",
               "--save", str(model))[0] == 0
    assert load_model(model)[1]["training"]["init"] == "he"
    assert_one_line_error(*run(capsys, "train", "--preset", "toy-40-80", "--init", "normal"),
                          "--init", "its own weights")
    from pathlib import Path
    xor_csv = Path(__file__).resolve().parents[2] / "resources" / "xor.csv"
    assert_one_line_error(*run(capsys, "train", "--model", str(model), "--data", str(xor_csv),
                               "--init", "normal"), "--init goes with --preset")


@pytest.mark.parametrize("command", ["trace", "train", "gradcheck", "evaluate"])
def test_an_empty_preset_name_is_one_line(capsys, command):
    """`--preset "$P"` with P unset had fallen through to the model-file path: a traceback."""
    from .cli_helpers import assert_one_line_error, run
    assert_one_line_error(*run(capsys, command, "--preset", ""), "--preset", "empty")


def test_a_lone_surrogate_in_a_model_file_is_refused_when_read(capsys, tmp_path):
    """"\\ud800" is valid JSON but half a character: the file was read, trained, and then the
    save failed with a traceback and the trained weights were lost."""
    from .cli_helpers import assert_one_line_error, run
    model = tmp_path / "sur.json"
    model.write_text('{"format": "bpviz-model", "version": 1, "title": "\\ud800 x", "sizes": [2, 1], '
                     '"activations": ["linear"], "loss": "mse", "weights": [[[1, 2]]], "biases": null}')
    assert_one_line_error(*run(capsys, "trace", "--model", str(model), "--input", "1,2", "--target",
                               "1"), "sur.json", "lone surrogate")


def test_json_to_a_closed_standard_output_is_one_line(capsys, monkeypatch):
    from .cli_helpers import run
    monkeypatch.setattr("sys.stdout", None)
    code, _, err = run(capsys, "presets", "--json")
    assert code == 2 and err == "bpviz: cannot print the JSON: standard output is closed\n"


def test_a_sample_whose_loss_is_already_infinite_is_not_walked_into_an_update(capsys):
    """Inputs of 1e308 make C = ½(a − y)² overflow before any update: trace had applied the
    update and printed "loss inf → 0" with no divergence; gradcheck printed "nan" and exit 0."""
    from .cli_helpers import assert_one_line_error, run, run_json
    sample = ("--input=1e308,1e308", "--target", "1e308")
    doc = run_json(capsys, "trace", "--preset", "xor", *sample)
    assert doc["loss"] is None                                   # inf, which JSON writes as null
    assert doc["diverged"]["message"].startswith("the loss before the update is already inf")
    assert_one_line_error(*run(capsys, "gradcheck", "--preset", "xor", *sample),
                          "the loss on the given sample is already inf")


def test_a_stored_batch_size_larger_than_the_data_takes_all_of_it(capsys, tmp_path):
    """xor.json records batch size 4; trained on a one-row CSV it had been refused ("must be
    between 1 and 1 …, found 4") though the user chose no batch size. Now the batch is the
    whole data, as in the window; an explicit --batch-size is still held to the data."""
    from .cli_helpers import assert_one_line_error, run, run_json
    model, one_row = tmp_path / "xor.json", tmp_path / "one.csv"
    assert run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(model))[0] == 0
    one_row.write_text("x1,x2,y\n0,1,1\n")
    doc = run_json(capsys, "train", "--model", str(model), "--data", str(one_row), "--epochs", "1")
    assert doc["batch_size"] == 1 and doc["samples"] == 1
    assert_one_line_error(*run(capsys, "train", "--model", str(model), "--data", str(one_row),
                               "--batch-size", "4"), "batch size", "found 4")


def test_a_recorded_preset_that_is_none_or_does_not_fit_names_the_file(capsys, tmp_path):
    """training.preset "nope" had said only "unknown preset 'nope'"; a 2-4-1 file recording
    mnist had made trace say "input: expected 2 values, found 784"."""
    import json

    from .cli_helpers import assert_one_line_error, run
    model = tmp_path / "xor.json"
    assert run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(model))[0] == 0
    doc = json.loads(model.read_text())
    for name, words in (("nope", ["training.preset", "unknown preset 'nope'"]),
                        ("mnist", ["a 2-4-1 network does not fit the data of preset 'mnist'"])):
        doc["training"]["preset"] = name
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(doc))
        for argv in (("trace",), ("trace", "--sample", "1"), ("gradcheck", "--sample", "1"),
                     ("evaluate",)):
            assert_one_line_error(*run(capsys, argv[0], "--model", str(path), *argv[1:]),
                                  f"{name}.json", *words)


@pytest.mark.parametrize("argv, words", [
    (("trace", "--preset", "xor", "--input=1_0,2", "--target", "1"), ["'1_0'"]),
    (("trace", "--preset", "xor", "--input=\uff11,2", "--target", "1"), ["'\uff11'"]),
    (("surface", "--preset", "xor", "--params", "-1:1:1,1:1:2"), ["parameter '-1:1:1'", "L:J:K"]),
])
def test_vectors_take_the_numbers_a_csv_cell_takes(capsys, argv, words):
    """float() reads "1_0" as 10 and a full-width "１" as 1, which a CSV cell refuses; and
    --params -1:1:1 had been "expected one argument", argparse taking it for an option."""
    from .cli_helpers import assert_one_line_error, run
    assert_one_line_error(*run(capsys, *argv), *words)


def test_ctrl_c_inside_an_epoch_says_which_epoch_it_was_in(capsys):
    """xor in batches of 1: 4 steps an epoch. Stopped after step 9, two epochs done: it had
    said "after epoch 2 (step 9)", one step past what it named."""
    import argparse

    from bpviz.commands.train import interrupted
    from bpviz.core.datasets import xor
    from bpviz.core.presets import get_preset
    from bpviz.training.trainer import Trainer

    data = xor()
    trainer = Trainer(get_preset("xor").network(seed=0), data.x, data.y, eta=0.2, batch_size=1)
    steps = trainer.steps()
    while trainer.step < 9:
        next(steps)
    assert (trainer.epoch, trainer.step) == (2, 9)
    settings = {"preset": "xor", "learning_rate": 0.2, "epochs": 10, "batch_size": 1,
                "optimizer": "sgd", "seed": 0}
    assert interrupted(argparse.Namespace(json=False, save=None), None, trainer, settings, 10, 4) == 130
    err = capsys.readouterr().err
    assert "stopped by Ctrl-C during epoch 3, after step 9 (2 epochs completed)" in err
