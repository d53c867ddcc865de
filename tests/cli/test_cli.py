"""The command line in-process: exit codes, JSON on stdout only, one-line errors."""

import json

import pytest

from .cli_helpers import assert_one_line_error, run, run_json


def test_trace_toy_json_has_the_hand_worked_numbers(capsys):
    doc = run_json(capsys, "trace", "--preset", "toy-40-80")
    assert doc["input"] == [40, 80] and doc["target"] == [60]
    assert doc["output"] == [180.0] and doc["loss"] == 7200.0
    assert doc["learning_rate"] == 1e-05
    layer1, layer2 = doc["layers"]
    assert set(layer1) >= {"layer", "activation", "z", "a", "delta", "grad_w", "grad_b", "w", "b",
                           "w_new", "b_new"}
    assert (layer1["layer"], layer2["layer"], layer1["activation"]) == (1, 2, "linear")
    assert layer2["grad_w"] == [[7200.0, 7200.0, 7200.0]]
    assert layer1["grad_w"] == [[4800.0, 9600.0]] * 3
    assert layer1["grad_b"] is None and layer1["b"] is None and layer1["b_new"] is None
    assert layer2["z"] == [180.0] and layer2["delta"] == [120.0]
    for row in layer1["w_new"]:
        assert row == pytest.approx([0.452, 0.404], rel=1e-15)   # 0.5 − 1e-5·4800, ·9600
    assert doc["output_after"] == pytest.approx([140.3136], rel=1e-12)
    assert doc["loss_after"] == pytest.approx(3225.13717248, rel=1e-12)


def test_trace_human_output_has_shapes_and_equations(capsys):
    code, out, err = run(capsys, "trace", "--preset", "toy-40-80")
    assert code == 0 and err == ""
    for text in ("W¹ (3×2)", "W² (1×3)", "δ² (1×1)", "z¹₁ = 0.5·40 + 0.5·80 = 60",
                 "C = ½((180 - 60)²) = ½·14400 = 7200", "∂C/∂w¹₁₂ = δ¹₁·a⁰₂ = 120·80 = 9600",
                 "w²₁₁: 1 - 1e-5·7200 = 0.928", "140.3136", "3225.13717248"):
        assert text in out, text


@pytest.mark.parametrize("argv", [["--input=-0.5,1"], ["--input", "-0.5,1"]])
def test_negative_inputs(capsys, argv):
    doc = run_json(capsys, "trace", "--preset", "xor", *argv, "--target", "1")
    assert doc["input"] == [-0.5, 1.0] and doc["target"] == [1.0]
    assert [len(layer["b"]) for layer in doc["layers"]] == [4, 1]


def test_trace_with_a_model_file(capsys, tmp_path):
    model = tmp_path / "toy.json"
    model.write_text(json.dumps({
        "format": "bpviz.model", "version": 1, "sizes": [2, 3, 1],
        "activations": ["linear", "linear"], "loss": "mse",
        "weights": [[[0.5, 0.5]] * 3, [[1.0, 1.0, 1.0]]], "biases": None,
        "training": {"learning_rate": 1e-5}}))
    doc = run_json(capsys, "trace", "--model", str(model), "--input", "40,80", "--target=60")
    assert doc["learning_rate"] == 1e-5                      # from the file's training key
    assert doc["loss_after"] == pytest.approx(3225.13717248, rel=1e-12)
    doc = run_json(capsys, "trace", "--model", str(model), "--input", "40,80", "--target=60",
                   "--learning-rate", "2e-5")
    assert doc["learning_rate"] == 2e-5
    # 0.5 − 2e-5·4800 = 0.404 and 0.5 − 2e-5·9600 = 0.308
    assert doc["layers"][0]["w_new"][0] == pytest.approx([0.404, 0.308])


@pytest.mark.parametrize("argv, words", [
    (["trace", "--preset", "xor", "--input=1,2,3", "--target", "1"], ["input", "expected 2", "found 3"]),
    (["trace", "--preset", "xor", "--input=1,x"], ["--input", "'x'"]),
    (["trace", "--preset", "xor", "--input="], ["--input"]),
    (["trace", "--preset", "xor", "--target=nan"], ["--target", "finite"]),
    (["trace", "--preset", "nope"], ["unknown preset 'nope'"]),
    (["trace", "--preset", "xor", "--sample", "4"], ["--sample"]),
    (["trace", "--preset", "xor", "--sample", "-1"], ["--sample"]),
    (["trace", "--preset", "xor", "--learning-rate", "-1"], ["learning rate"]),
    (["trace", "--preset", "xor", "--model", "m.json"], ["not allowed"]),
    (["trace", "--preset", "mnist", "--batch", "--json"], ["95 440 000 per-sample numbers"]),
    (["trace"], ["--preset", "--model"]),
    (["trace", "--model", "missing.json", "--input", "1,2", "--target", "1"], ["no such file"]),
    (["train", "--preset", "xor", "--epochs", "-3"], ["--epochs", "-3"]),
    (["train", "--preset", "xor", "--batch-size", "-1"], ["--batch-size"]),
    (["train", "--preset", "xor", "--batch-size", "0"], ["--batch-size"]),
    (["train", "--preset", "xor", "--batch-size", "5"], ["batch size"]),
    (["train", "--preset", "xor", "--optimizer", "rmsprop"], ["--optimizer"]),
    (["train", "--preset", "xor", "--epochs", "ten"], ["--epochs"]),
    (["gradcheck", "--preset", "xor", "--input", "1,2"], ["--target"]),
    (["bench", "train", "--preset", "mnist-full"], ["unknown preset", "mnist"]),
    (["bench", "seeds", "--preset", "toy-40-80"], ["fixed weights"]),
    (["bench"], ["required"]),
    (["frobnicate"], ["invalid choice"]),
    ([], ["required"]),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, words):
    assert_one_line_error(*run(capsys, *argv), *words)


def test_every_command_has_help(capsys):
    for argv in (["--help"], ["trace", "--help"], ["train", "--help"], ["gradcheck", "--help"],
                 ["presets", "--help"], ["bench", "--help"], ["bench", "train", "--help"],
                 ["bench", "ui", "--help"], ["bench", "seeds", "--help"]):
        code, out, err = run(capsys, *argv)
        assert code == 0 and out.startswith("usage: bpviz") and err == "", argv
