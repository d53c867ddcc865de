"""Model files (README: Model files): every kind of bad input is one clear line naming the key;
extra keys survive load → save; a failed save leaves the old file."""

import copy
import json
import os

import numpy as np
import pytest

from bpviz.core import files
from bpviz.core.errors import BpvizError
from bpviz.core.modelfile import load_model, loads, save_model

GOOD = {
    "format": "bpviz.model", "version": 1, "sizes": [2, 3, 1],
    "activations": ["linear", "linear"], "loss": "mse",
    "weights": [[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], [[1.0, 1.0, 1.0]]],
    "biases": None,
}


def changed(**changes):
    doc = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is KeyError:
            del doc[key]
        else:
            doc[key] = value
    return json.dumps(doc)


def test_the_documented_example_loads():
    net, extra = loads(json.dumps(GOOD))
    assert net.sizes == [2, 3, 1] and not net.has_biases and extra == {}
    assert net.feedforward([40, 80])[0, 0] == 180.0


BAD = {
    "not JSON": ("{sizes: [2, 1]", "not valid JSON"),
    "not an object": ("[1, 2]", "JSON object"),
    "wrong format": (changed(format="keras"), "format"),
    "wrong version": (changed(version=2), "version"),
    "version true": (changed(version=True), "version"),
    "missing key": (changed(loss=KeyError), 'the key "loss" is missing'),
    "missing weights": (changed(weights=KeyError), 'the key "weights" is missing'),
    "not a model at all": ('{"name": "my data", "rows": 3}', "not a bpviz model file"),
    "empty": ("  \n", "the file is empty"),
    "ragged matrix": (changed(weights=[[[0.5, 0.5], [0.5], [0.5, 0.5]], [[1, 1, 1]]]),
                      "weights[0][1]"),
    "wrong shape": (changed(weights=[[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [[1, 1, 1]]]),
                    "weights[0]"),
    "too few matrices": (changed(weights=[[[0.5, 0.5]] * 3]), "weights"),
    "text in a matrix": (changed(weights=[[[0.5, "x"], [0.5, 0.5], [0.5, 0.5]], [[1, 1, 1]]]),
                         "weights[0][0][1]"),
    "NaN literal": (json.dumps(GOOD).replace("[1.0, 1.0, 1.0]", "[1.0, NaN, 1.0]"),
                    "weights[1][0][1]: expected a finite number, found NaN"),
    "Infinity literal": (json.dumps(GOOD).replace("[1.0, 1.0, 1.0]", "[Infinity, 1, 1]"),
                         "weights[1][0][0]: expected a finite number, found Infinity"),
    "huge number": (json.dumps(GOOD).replace("[1.0, 1.0, 1.0]", "[1e999, 1, 1]"),
                    "weights[1][0][0]"),
    "unknown activation": (changed(activations=["linear", "swish"]), "activations[1]"),
    "unknown loss": (changed(loss="hinge"), "loss"),
    "softmax on a hidden layer": (changed(activations=["softmax", "linear"]), "activations[0]"),
    "size zero": (changed(sizes=[2, 0, 1]), "sizes[1]"),
    "negative size": (changed(sizes=[-2, 3, 1]), "sizes[0]"),
    "one layer only": (changed(sizes=[2]), "sizes"),
    "size not whole": (changed(sizes=[2, 3.5, 1]), "sizes[1]"),
    "wrong number of activations": (changed(activations=["linear"]), "activations"),
    "biases wrong length": (changed(biases=[[0, 0, 0], [0, 0]]), "biases[1]"),
    "biases not a list": (changed(biases="none"), "biases"),
    "bias NaN": (changed(biases=[[0, 0, 0], [float("nan")]]),
                 "biases[1][0]: expected a finite number, found NaN"),
}


@pytest.mark.parametrize("text, key", BAD.values(), ids=BAD.keys())
def test_bad_model_files_are_one_line_naming_the_key(text, key):
    with pytest.raises(BpvizError) as info:
        loads(text)
    message = str(info.value)
    assert "\n" not in message and message.strip() == message and len(message) < 300
    assert key in message


def test_messages_count_in_words_and_quote_as_json():
    """One row, one number, one key: never "1 rows"; text found is quoted as JSON quotes it."""
    one_row = changed(weights=[[[0.5, 0.5]], [[1, 1, 1]]])
    with pytest.raises(BpvizError, match=r"^weights\[0\]: expected a 3×2 matrix \(3 rows\), found 1 row$"):
        loads(one_row)
    with pytest.raises(BpvizError, match=r"^biases\[1\]: expected a list of 1 number, found 2 entries$"):
        loads(changed(biases=[[0, 0, 0], [0, 0]]))
    with pytest.raises(BpvizError, match=r"found an object with 1 key$"):
        loads(changed(loss={"name": "mse"}))
    with pytest.raises(BpvizError, match=r'^format: expected "bpviz.model", found "keras"$'):
        loads(changed(format="keras"))
    with pytest.raises(BpvizError, match=r'^training.preset: expected a preset name, found true$'):
        loads(json.dumps({**GOOD, "training": {"preset": True}}))


def test_load_errors_name_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(changed(loss="hinge"))
    with pytest.raises(BpvizError, match=r"^broken\.json: loss"):
        load_model(path)
    with pytest.raises(BpvizError, match="no such file"):
        load_model(tmp_path / "missing.json")
    with pytest.raises(BpvizError, match="folder"):
        load_model(tmp_path)


def test_round_trip_keeps_values_and_extra_keys(tmp_path):
    doc = {**GOOD, "biases": [[0.1, -0.2, 0.3], [-1.5]], "title": "toy 40/80",
           "training": {"learning_rate": 1e-5, "epochs": 20}, "notes": ["ünïcode", 1, None]}
    net, extra = loads(json.dumps(doc))
    path = tmp_path / "m.json"
    save_model(net, path, extra)
    again, extra_again = load_model(path)
    assert extra_again == {"title": "toy 40/80", "training": {"learning_rate": 1e-5, "epochs": 20},
                           "notes": ["ünïcode", 1, None]}
    assert json.loads(path.read_text())["biases"] == doc["biases"]
    np.testing.assert_array_equal(again.params, net.params)
    assert again.activation_names == net.activation_names and again.loss.name == "mse"


def test_a_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    net, _ = loads(json.dumps(GOOD))
    path = tmp_path / "m.json"
    save_model(net, path, {"title": "old"})
    old = path.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", crash)
    net.weights[0][...] = 9.0
    with pytest.raises(BpvizError, match="cannot save"):
        save_model(net, path, {"title": "new"})
    assert path.read_bytes() == old
    assert os.listdir(tmp_path) == ["m.json"]          # no temporary file left behind


def test_saving_into_a_missing_folder_is_a_user_error(tmp_path):
    net, _ = loads(json.dumps(GOOD))
    with pytest.raises(BpvizError) as e:
        save_model(net, tmp_path / "no" / "such" / "m.json")
    assert str(e.value) == f"cannot write to {tmp_path / 'no' / 'such'}: no such folder"


def test_non_finite_weights_are_not_saved(tmp_path):
    net, _ = loads(json.dumps(GOOD))
    net.weights[1][0, 0] = np.inf
    with pytest.raises(BpvizError, match="non-finite"):
        save_model(net, tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()
