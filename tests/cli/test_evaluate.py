"""`bpviz evaluate`: a preset's starting weights, a model file on --data, and a model file on
the held-out split of the preset it records."""

import math

import numpy as np
import pytest

from bpviz.core.modelfile import save_model
from bpviz.core.network import Network

from .cli_helpers import assert_one_line_error, run, run_json


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """The bundled MNIST subset, whatever is in the user's cache."""
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))


def and_gate_model(path, extra=None):
    """One sigmoid unit, z = x₁ + x₂ − 1.5: fires only for (1, 1)."""
    net = Network([2, 1], ["sigmoid"], "binary_cross_entropy", [np.array([[1.0, 1.0]])],
                  [np.array([-1.5])])
    save_model(net, path, extra)
    return path


def test_model_on_a_csv_by_hand(capsys, tmp_path):
    model = and_gate_model(tmp_path / "and.json")
    (tmp_path / "or.csv").write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n")
    doc = run_json(capsys, "evaluate", "--model", str(model), "--data", str(tmp_path / "or.csv"))
    # predictions 0, 0, 0, 1 against the OR targets 0, 1, 1, 1
    assert doc["split"] == "data" and doc["samples"] == 4
    assert doc["accuracy"] == 0.5 and doc["misclassified"] == [1, 2]
    assert doc["confusion"] == [[1, 0], [2, 1]]
    a = [1 / (1 + math.exp(-z)) for z in (-1.5, -0.5, -0.5, 0.5)]
    y = [0, 1, 1, 1]
    bce = -sum(t * math.log(p) + (1 - t) * math.log(1 - p) for p, t in zip(a, y)) / 4
    assert math.isclose(doc["loss"], bce, rel_tol=1e-12)
    code, out, err = run(capsys, "evaluate", "--model", str(model), "--data",
                         str(tmp_path / "or.csv"))
    # the JSON keeps 0-based row indices; the text numbers rows from 1, as the window does:
    # the wrong rows are the 2nd (0, 1) and the 3rd (1, 0)
    assert code == 0 and "accuracy 50.0 %" in out
    assert "misclassified rows of the data file (numbered from 1, as in the window): 2, 3" in out


def test_toy_preset_has_no_accuracy(capsys):
    doc = run_json(capsys, "evaluate", "--preset", "toy-40-80")
    # every weight 0.5: hidden 0.5·40 + 0.5·80 = 60 three times, output 180; ½(180 − 60)² = 7200
    assert doc == {"split": "train", "samples": 1, "accuracy": None, "loss": 7200.0,
                   "confusion": None, "misclassified": None, "weights": "preset start"}
    code, out, _ = run(capsys, "evaluate", "--preset", "toy-40-80")
    assert code == 0 and "starting (untrained) weights" in out.splitlines()[0]


def test_trained_mnist_model_on_the_recorded_presets_test_split(capsys, tmp_path):
    saved = tmp_path / "m.json"
    trained = run_json(capsys, "train", "--preset", "mnist", "--epochs", "1", "--seed", "0",
                       "--save", str(saved))
    doc = run_json(capsys, "evaluate", "--model", str(saved))
    assert doc["split"] == "test" and doc["samples"] == 1000 and doc["weights"] == "model file"
    assert doc["accuracy"] == trained["test_accuracy"]       # the trainer's own count agrees
    confusion = np.array(doc["confusion"])
    assert confusion.shape == (10, 10) and confusion.sum(axis=1).tolist() == [100] * 10
    assert np.trace(confusion) == round(1000 * doc["accuracy"])
    assert len(doc["misclassified"]) == 1000 - np.trace(confusion)
    code, out, _ = run(capsys, "evaluate", "--model", str(saved))
    line = next(t for t in out.splitlines() if t.startswith("misclassified"))
    # the window's "test digit 1" is row 0: the text counts from 1, the JSON from 0
    first = ", ".join(str(i + 1) for i in doc["misclassified"][:3])
    assert line.startswith(f"misclassified test digits (numbered from 1, as in the window): {first}, ")


def test_bad_evaluate_input(capsys, tmp_path):
    model = and_gate_model(tmp_path / "and.json")
    assert_one_line_error(*run(capsys, "evaluate", "--model", str(model)),
                          "records no preset", "--data", "train --preset")
    assert_one_line_error(*run(capsys, "evaluate", "--preset", "xor", "--data", "x.csv"),
                          "--data goes with --model")
    wrong = and_gate_model(tmp_path / "wrong.json", {"training": {"preset": "mnist"}})
    assert_one_line_error(*run(capsys, "evaluate", "--model", str(wrong)), "2-1", "mnist")
    assert_one_line_error(*run(capsys, "evaluate"), "--preset", "--model")


def test_help(capsys):
    for argv in (["evaluate", "--help"], ["data", "--help"]):
        code, out, err = run(capsys, *argv)
        assert code == 0 and out.startswith("usage: bpviz") and err == ""


def test_trace_and_gradcheck_text_number_the_sample_as_the_window_does(capsys):
    """--sample 1 of XOR is (0, 1) → 1, which the window's Sample chooser lists second ("2: …")."""
    code, out, _ = run(capsys, "trace", "--preset", "xor", "--sample", "1")
    assert code == 0 and "training sample 2 (--sample 1;" in out.splitlines()[0]
    code, out, _ = run(capsys, "gradcheck", "--preset", "xor", "--sample", "1")
    assert code == 0 and "training sample 2 of xor (--sample 1;" in out
