"""The one validation of every training setting (bpviz.core.settings), and that the trainer
and the command line refuse a value by that same rule."""

import json

import numpy as np
import pytest

from bpviz.core.errors import BpvizError
from bpviz.core.presets import get_preset
from bpviz.core.settings import (
    TrainingSettings,
    check_batch_size,
    check_epochs,
    check_eta,
    check_l2,
    check_optimizer,
    check_seed,
    parse_number,
)
from bpviz.training.trainer import Trainer
from tests.cli.cli_helpers import run


def test_accepted_values_come_back_clean():
    assert check_eta("0.5") == 0.5 and check_eta(1e-5) == 1e-5 and check_eta(1000) == 1000
    assert check_l2(" 0 ") == 0.0 and check_optimizer(" Adam ") == "adam"
    assert check_batch_size("3", 4) == 3 and check_batch_size(np.int64(4), 4) == 4
    assert check_batch_size("all", 4) is None and check_batch_size(None, 4) is None
    assert check_seed("7") == 7 and check_epochs(0) == 0


@pytest.mark.parametrize("check, value, words", [
    (check_eta, "-1", ["learning rate", "> 0"]),
    (check_eta, "nan", ["finite"]),
    (check_eta, True, ["expected a number"]),
    (check_l2, -0.1, ["L2", "≥ 0"]),
    (check_optimizer, "rmsprop", ["sgd, momentum, adam", "rmsprop"]),
    (check_seed, "1.5", ["whole number"]),
    (check_seed, 2**32, ["between 0 and 4294967295"]),
    (check_epochs, -3, ["epochs", "-3"]),
])
def test_refused_values_say_why_in_one_line(check, value, words):
    with pytest.raises(BpvizError) as e:
        check(value)
    assert "\n" not in str(e.value) and all(w in str(e.value) for w in words)


def test_batch_size_names_its_bound_and_the_source():
    with pytest.raises(BpvizError, match=r"m.json: training.batch_size \(batch size\): must be "
                                         r"between 1 and 4 \(the number of training samples\)"):
        check_batch_size(9, 4, source="m.json: training.batch_size")


def test_numbers_beyond_the_magnitude_limit_are_refused():
    with pytest.raises(BpvizError, match="too large"):
        parse_number("1e7", "weight")


def test_settings_object_validates_every_field():
    s = TrainingSettings.checked(eta="0.2", batch_size="2", optimizer="momentum", n_samples=4)
    assert (s.eta, s.batch_size, s.optimizer) == (0.2, 2, "momentum")
    assert s.with_(eta=0.3).eta == 0.3
    with pytest.raises(BpvizError, match="batch size"):
        s.with_(batch_size=5, n_samples=4)


def test_trainer_refuses_by_the_same_rules():
    data = get_preset("xor").dataset()
    net = get_preset("xor").network()
    for kwargs, check, value in (({"eta": 0}, check_eta, 0), ({"l2": -1}, check_l2, -1),
                                 ({"optimizer": "rmsprop"}, check_optimizer, "rmsprop"),
                                 ({"seed": -1}, check_seed, -1)):
        with pytest.raises(BpvizError) as expected:
            check(value)
        with pytest.raises(BpvizError) as found:
            Trainer(net, data.x, data.y, **kwargs)
        assert str(found.value) == str(expected.value)


def test_a_model_files_bad_setting_names_the_file(capsys, tmp_path):
    run(capsys, "train", "--preset", "xor", "--epochs", "1", "--save", str(tmp_path / "m.json"))
    doc = json.loads((tmp_path / "m.json").read_text())
    doc["training"]["seed"] = -2
    (tmp_path / "m.json").write_text(json.dumps(doc))
    (tmp_path / "xor.csv").write_text("0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    code, out, err = run(capsys, "train", "--model", str(tmp_path / "m.json"), "--data",
                         str(tmp_path / "xor.csv"))
    assert code == 2 and out == ""
    assert "m.json: training.seed (seed): must be between 0 and" in err


def test_a_number_copied_from_the_window_with_its_true_minus_sign_reads_back():
    # the window shows −0.4553838 (U+2212); pasted into a field it is the number −0.4553838
    assert parse_number("\u22120.4553838", "weight") == -0.4553838
    assert parse_number(" \u22121e-5 ", "learning rate") == -1e-5


def test_a_whole_number_has_one_sign_at_most():
    """"-+999…9" (40 digits) had been called out of range, while "+-5" was malformed."""
    from bpviz.core.settings import parse_whole
    for text in ("+-5", "-+" + "9" * 40, "--5", "5-"):
        with pytest.raises(BpvizError, match="expected a whole number"):
            parse_whole(text, "epochs", low=0, high=100)
    with pytest.raises(BpvizError, match="out of range"):
        parse_whole("+" + "9" * 40, "epochs", low=0, high=100)
    assert parse_whole("+7", "epochs", low=0, high=100) == 7
