"""Options a command would have ignored are refused in one line that says what to do:
`trace --batch` with one sample's options, `trace --data` without --batch, `surface
--samples` beyond the data. Each of these had run, silently without the option."""

import json

import pytest

from .cli_helpers import assert_one_line_error, run, run_json

XOR = ("trace", "--preset", "xor", "--batch")


@pytest.mark.parametrize("extra, words", [
    (("--input", "5,5", "--target", "9"), ["--input/--target pick one", "drop --batch",
                                           "drop --input and --target"]),
    (("--sample", "2"), ["--sample picks one", "drop --sample"]),
    (("--learning-rate", "0.5"), ["no update", "--learning-rate", "drop it"]),
    (("--divergence-factor", "10"), ["no update", "--divergence-factor"]),
    (("--bug", "sum-not-mean"), ["correct backward pass", "--bug", "drop it"]),
    (("--data", "d.csv"), ["--data goes with --model"]),
])
def test_trace_batch_refuses_what_it_would_ignore(capsys, extra, words):
    assert_one_line_error(*run(capsys, *XOR, *extra), *words)


def test_trace_data_without_batch_is_refused(capsys, tmp_path):
    """`trace --model m.json --data d.csv --input … --target …` had walked the given sample
    and never read d.csv."""
    model = tmp_path / "m.json"
    model.write_text(json.dumps({"format": "bpviz.model", "version": 1, "sizes": [2, 1],
                                 "activations": ["linear"], "loss": "mse",
                                 "weights": [[[1.0, 1.0]]], "biases": None}))
    data = tmp_path / "d.csv"
    data.write_text("1,2,3\n")
    code, out, err = run(capsys, "trace", "--model", str(model), "--data", str(data),
                         "--input", "1,2", "--target", "3")
    assert_one_line_error(code, out, err, "--data goes with --batch", "add --batch")
    # with --batch the same file is used: one sample, x = (1, 2), y = 3, ŷ = 3, δ = 0
    doc = run_json(capsys, "trace", "--model", str(model), "--data", str(data), "--batch")
    assert doc["samples"] == 1 and doc["layers"][0]["delta"] == [[0.0]]


def test_trace_preset_with_data_is_refused(capsys):
    assert_one_line_error(*run(capsys, "trace", "--preset", "xor", "--data", "d.csv"),
                          "--data goes with --model")


def test_surface_samples_beyond_the_data_is_refused(capsys):
    """XOR has 4 training samples: --samples 100 had used those 4 and said nothing."""
    code, out, err = run(capsys, "surface", "--preset", "xor", "--params", "1:1:1,1:1:2",
                         "--samples", "100")
    assert_one_line_error(code, out, err, "--samples", "4 training samples", "at most 4",
                          "found 100")
    doc = run_json(capsys, "surface", "--preset", "xor", "--params", "1:1:1,1:1:2",
                   "--samples", "4", "--grid", "3")
    assert doc["samples"] == 4


def test_surface_samples_message_writes_its_numbers_one_way(tmp_path, capsys):
    """It had read "50 000 training samples, so at most 50000" and "1 training samples"."""
    data = tmp_path / "one.csv"
    data.write_text("0,1,1\n", encoding="utf-8")
    model = tmp_path / "m.json"
    code, _, err = run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(model))
    assert code == 0, err
    assert_one_line_error(*run(capsys, "surface", "--model", str(model), "--data", str(data),
                               "--params", "1:1:1,1:1:2", "--samples", "12000"),
                          "1 training sample, so at most 1; found 12", "000 (leave it out")


def test_a_folder_for_data_and_a_32_digit_seed_say_what_they_are(tmp_path, capsys):
    """`--data FOLDER` had said "cannot read '…': Is a directory" (a model file's folder says
    it is a folder), and a 32-digit --seed "expected a whole number"."""
    model = tmp_path / "m.json"
    code, _, err = run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(model))
    assert code == 0, err
    assert_one_line_error(*run(capsys, "evaluate", "--model", str(model), "--data", str(tmp_path)),
                          f"{tmp_path}: is a folder, not a CSV file")
    assert_one_line_error(*run(capsys, "train", "--preset", "xor", "--epochs", "1",
                               "--seed", "9" * 32), "out of range (0 to 4294967295)")


def test_gradcheck_of_a_model_file_checks_its_recorded_presets_data(tmp_path, capsys):
    """As documented: a file recording xor had been checked on one random sample, and one
    recording mnist (which its 2-4-1 network does not fit) had run where trace refuses it."""
    model = tmp_path / "m.json"
    code, _, err = run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(model))
    assert code == 0, err
    doc = run_json(capsys, "gradcheck", "--model", str(model))
    assert doc["samples"] == 4 and doc["max_relative_error"] < 1e-6
    data = json.loads(model.read_text(encoding="utf-8"))
    data["training"]["preset"] = "mnist"
    model.write_text(json.dumps(data), encoding="utf-8")
    assert_one_line_error(*run(capsys, "gradcheck", "--model", str(model)),
                          "does not fit the data of preset 'mnist'")
