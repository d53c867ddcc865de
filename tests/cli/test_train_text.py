"""`bpviz train` without --json names the data it trained on (as the window does) and writes
counts for people (5 000 with a no-break space); --json keeps its keys and plain numbers."""

import json

import pytest

from .cli_helpers import run, run_json

NB = "\u00a0"


@pytest.fixture(autouse=True)
def empty_cache(tmp_path, monkeypatch):
    """No full MNIST in the cache: the bundled subset is in use."""
    monkeypatch.setenv("BPVIZ_CACHE_DIR", str(tmp_path / "cache"))


def test_train_text_names_the_mnist_subset_and_its_split(capsys):
    code, out, err = run(capsys, "train", "--preset", "mnist", "--epochs", "2")
    assert code == 0
    lines = out.splitlines()
    # the bundled subset: 5 000 digits, 4 000 for training and 1 000 held out
    assert lines[1] == (f"Data: MNIST: bundled 5{NB}000-digit subset, 4{NB}000 training samples"
                        f" + 1{NB}000 test")
    assert f"batch 10 of 4{NB}000 samples" in lines[0]
    assert lines[2].split()[:2] == ["epoch", "1"] and lines[3].split()[:2] == ["epoch", "2"]
    assert lines[4].startswith("epochs 2, ") and "test accuracy" in lines[4]


def test_train_text_says_when_there_is_no_held_out_split(capsys):
    code, out, err = run(capsys, "train", "--preset", "xor", "--epochs", "2000")
    assert code == 0
    assert "Data: xor, 4 training samples (no held-out test split)" in out.splitlines()
    assert "epochs 2000, " in out                    # epoch numbers are never grouped


def test_train_json_names_data_without_a_test_split(capsys):
    doc = run_json(capsys, "train", "--preset", "xor", "--epochs", "1")
    assert doc["data"] == "xor" and doc["test_samples"] == 0 and doc["test_accuracy"] is None


def test_train_json_keeps_its_keys_and_plain_numbers(capsys):
    doc = run_json(capsys, "train", "--preset", "mnist", "--epochs", "1")
    assert sorted(doc) == ["batch_size", "data", "diverged", "epochs", "epochs_requested",
                           "learning_rate", "loss", "optimizer", "preset", "samples", "saved",
                           "seconds", "seed", "test_accuracy", "test_samples", "train_accuracy"]
    assert doc["samples"] == 4000 and doc["batch_size"] == 10 and len(doc["loss"]) == 1
    # which data: the text's "Data:" line, and the held-out split test_accuracy is measured on
    assert doc["data"] == "MNIST: bundled 5000-digit subset" and doc["test_samples"] == 1000
    code, out, err = run(capsys, "train", "--preset", "mnist", "--epochs", "1", "--json")
    assert NB not in out and "Data:" not in out
    assert json.loads(out)["samples"] == 4000


def test_data_status_and_evaluate_group_their_counts(capsys):
    code, out, err = run(capsys, "data", "mnist", "--status")
    assert f"4{NB}000 train, 1{NB}000 test" in out
    # what a download brings, each number saying what it counts: 60 000 + 10 000 = 70 000
    assert f"the full set, 70{NB}000 digits (60{NB}000 training + 10{NB}000 test;" in out
    code, out, err = run(capsys, "evaluate", "--preset", "mnist")
    assert f"(1{NB}000 samples)" in out
