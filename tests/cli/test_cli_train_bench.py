"""`train`, `gradcheck`, `presets` and `bench` in-process, and the CLI as a real subprocess."""

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from bpviz.core.modelfile import load_model

from .cli_helpers import assert_one_line_error, run, run_json, strict_json

ROOT = Path(__file__).resolve().parents[2]
TRAIN_KEYS = {"epochs", "loss", "train_accuracy", "test_accuracy", "diverged", "seconds"}


def test_train_xor_json(capsys):
    doc = run_json(capsys, "train", "--preset", "xor", "--epochs", "1000", "--seed", "3")
    assert set(doc) >= TRAIN_KEYS
    assert doc["epochs"] == 1000 and len(doc["loss"]) == 1000
    assert doc["loss"][-1] < doc["loss"][0]
    assert doc["train_accuracy"] == 1.0 and doc["test_accuracy"] is None
    assert doc["diverged"] is None and doc["seconds"] >= 0


def test_train_reports_divergence_and_saves_finite_weights(capsys, tmp_path):
    path = tmp_path / "xor.json"
    code, out, err = run(capsys, "train", "--preset", "xor", "--learning-rate", "1000",
                         "--save", str(path), "--json")
    assert code == 0 and err == ""
    doc = strict_json(out)
    assert doc["diverged"]["epoch"] >= 1 and doc["diverged"]["step"] >= 1
    assert "diverged" in doc["diverged"]["message"]
    assert doc["epochs"] == doc["diverged"]["epoch"] - 1
    net, extra = load_model(path)                   # loading validates: every weight finite
    assert extra["training"]["learning_rate"] == 1000.0


def test_train_saves_settings_and_keeps_extra_keys(capsys, tmp_path):
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "10", "--save",
                         str(tmp_path / "a.json"))
    assert code == 0 and "saved" in out
    doc = json.loads((tmp_path / "a.json").read_text())
    doc["notes"] = "my note"
    doc["training"]["extra_setting"] = 5
    (tmp_path / "a.json").write_text(json.dumps(doc))
    (tmp_path / "xor.csv").write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    doc2 = run_json(capsys, "train", "--model", str(tmp_path / "a.json"), "--data",
                    str(tmp_path / "xor.csv"), "--epochs", "5", "--optimizer", "adam",
                    "--save", str(tmp_path / "b.json"))
    assert doc2["epochs"] == 5 and doc2["learning_rate"] == 0.2     # η from the file
    _, extra = load_model(tmp_path / "b.json")
    assert extra["notes"] == "my note"
    assert extra["training"]["extra_setting"] == 5
    assert extra["training"]["optimizer"] == "adam" and extra["training"]["epochs"] == 5


def test_train_model_with_mismatched_csv(capsys, tmp_path):
    run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(tmp_path / "m.json"))
    (tmp_path / "bad.csv").write_text("x1,y\n0,1\n")
    assert_one_line_error(*run(capsys, "train", "--model", str(tmp_path / "m.json"), "--data",
                               str(tmp_path / "bad.csv")), "expected 3 columns")
    (tmp_path / "text.csv").write_text("x1,x2,y\n0,zero,1\n")
    assert_one_line_error(*run(capsys, "train", "--model", str(tmp_path / "m.json"), "--data",
                               str(tmp_path / "text.csv")), "line 2, column 2")
    assert_one_line_error(*run(capsys, "train", "--model", str(tmp_path / "m.json")), "--data")


def test_train_human_output(capsys):
    code, out, err = run(capsys, "train", "--preset", "and")
    assert code == 0 and err == ""                # no progress bar when stderr is no terminal
    assert "train accuracy 100.0 %" in out


def test_gradcheck_json(capsys):
    doc = run_json(capsys, "gradcheck", "--preset", "xor")
    assert set(doc) >= {"max_relative_error", "layers"}
    assert [row["layer"] for row in doc["layers"]] == [1, 2]
    assert 0 <= doc["max_relative_error"] < 1e-6 and doc["samples"] == 4
    assert run_json(capsys, "gradcheck", "--preset", "not-gate", "--sample", "2")["samples"] == 1


def test_presets(capsys):
    code, out, err = run(capsys, "presets")
    names = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and {"toy-40-80", "xor", "not-gate", "and", "or"} <= set(names)
    listed = run_json(capsys, "presets")
    assert [p["name"] for p in listed] == names


def test_bench_train_json(capsys):
    doc = run_json(capsys, "bench", "train", "--preset", "xor", "--epochs", "200")
    assert set(doc) >= {"seconds_per_epoch", "samples_per_epoch", "batch_size", "dtype",
                        "eval_seconds", "steps_per_second"}
    assert (doc["samples_per_epoch"], doc["batch_size"], doc["dtype"]) == (4, 4, "float64")
    assert doc["steps"] == 200 and doc["steps_per_second"] > 0
    doc = run_json(capsys, "bench", "train", "--preset", "circle", "--epochs", "2",
                   "--batch-size", "16", "--dtype", "float32")
    assert (doc["batch_size"], doc["dtype"], doc["steps"]) == (16, "float32", 20)


def test_bench_seeds_json(capsys):
    doc = run_json(capsys, "bench", "seeds", "--preset", "and", "--seeds", "3")
    assert doc["preset"] == "and" and doc["seeds"] == 3
    assert doc["converged"] + len(doc["failed_seeds"]) == 3


def test_bench_ui_without_its_module(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "bpviz.ui.bench", None)      # import now fails
    assert_one_line_error(*run(capsys, "bench", "ui", "--seconds", "1"), "not available")


def test_bench_ui_prints_what_the_window_measured(capsys, monkeypatch):
    fake = types.ModuleType("bpviz.ui.bench")
    fake.run_ui_bench = lambda seconds: {"train_steps_per_second": 1000.0 * seconds,
                                         "frames_per_second": 30.0, "latency_ms_p50": 1.0,
                                         "latency_ms_p99": float("nan")}
    monkeypatch.setitem(sys.modules, "bpviz.ui.bench", fake)
    code, out, err = run(capsys, "bench", "ui", "--seconds", "2", "--json")
    assert code == 0
    assert strict_json(out) == {"train_steps_per_second": 2000.0, "frames_per_second": 30.0,
                                "latency_ms_p50": 1.0, "latency_ms_p99": None}


def test_real_subprocess_trace_json():
    done = subprocess.run([sys.executable, "-m", "bpviz", "trace", "--preset", "toy-40-80",
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    doc = strict_json(done.stdout)
    assert doc["output"] == [180.0] and doc["loss"] == 7200.0
    assert doc["loss_after"] == pytest.approx(3225.13717248, rel=1e-12)


def test_real_subprocess_bad_input_exits_2_with_one_line():
    done = subprocess.run([sys.executable, "-m", "bpviz", "trace", "--preset", "xor",
                           "--input", "-1,2,3"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("seeds", ["99999999999", "10001"])
def test_bench_seeds_has_an_upper_limit(capsys, monkeypatch, seeds):
    """`bench seeds --seeds 99999999999` had started a run that would never end (xor: ~16 ms a
    seed, some 50 years). The limit is 10 000 seeds; nothing is trained above it."""
    from bpviz.commands import bench

    def refuse(*args, **kwargs):
        raise AssertionError("trained a seed")
    monkeypatch.setattr(bench, "converges", refuse)
    assert_one_line_error(*run(capsys, "bench", "seeds", "--seeds", seeds),
                          "--seeds", "between 1 and 10000", f"found {seeds}")
