"""The one check of data against a network (core.data_check) and `evaluate` (core.metrics),
and that the trainer, `bpviz trace` and `bpviz gradcheck` refuse data by the same rule."""

import numpy as np
import pytest

from bpviz.core.data_check import check_data
from bpviz.core.errors import BpvizError
from bpviz.core.metrics import evaluate
from bpviz.core.network import Network
from bpviz.core.presets import get_preset
from bpviz.training.trainer import Trainer
from tests.cli.cli_helpers import assert_one_line_error, run


def bce_net() -> Network:
    return get_preset("and").network()


@pytest.mark.parametrize("x, y, words", [
    (np.zeros(2), np.zeros(1), ["one row per sample"]),
    (np.zeros((0, 2)), np.zeros((0, 1)), ["empty"]),
    (np.zeros((1, 3)), np.zeros((1, 1)), ["3 input columns", "takes 2"]),
    (np.zeros((2, 2)), np.zeros((1, 1)), ["expected shape (2, 1)"]),
    (np.array([[np.nan, 0]]), np.zeros((1, 1)), ["NaN or inf"]),
    (np.zeros((1, 2)), np.array([[1.5]]), ["[0, 1]", "binary_cross_entropy", "1.5"]),
])
def test_bad_data_is_one_line(x, y, words):
    with pytest.raises(BpvizError) as e:
        check_data(bce_net(), x, y, "training")
    assert all(w in str(e.value) for w in words)


def test_cross_entropy_needs_non_negative_targets():
    net = Network.create([2, 2], "softmax", "cross_entropy")
    with pytest.raises(BpvizError, match="≥ 0 for cross_entropy"):
        check_data(net, [[0, 0]], [[-0.5, 1.5]], "test")
    x, y = check_data(net, [[0, 0]], [[0, 1]])
    assert x.dtype == net.dtype and y.shape == (1, 2)


def test_mse_takes_any_finite_target():
    check_data(get_preset("xor").network(), [[0, 0]], [[-7.0]])


def test_train_trace_and_gradcheck_refuse_the_same_target(capsys):
    with pytest.raises(BpvizError, match=r"must lie in \[0, 1\] for binary_cross_entropy"):
        Trainer(bce_net(), [[0, 1]], [[2.0]])
    for command in ("trace", "gradcheck"):
        assert_one_line_error(*run(capsys, command, "--preset", "and", "--input", "0,1",
                                   "--target", "2"), "sample targets must lie in [0, 1]")


def test_evaluate_gives_the_hand_worked_cost():
    # the 40/80 → 60 toy: ŷ = 3·(0.5·40 + 0.5·80) = 180, C = ½(180 − 60)² = 7200
    net = get_preset("toy-40-80").network()
    assert evaluate(net, [40.0, 80.0], [60.0]) == (7200.0, None)


def test_evaluate_counts_right_answers():
    # linear 1 → 1 with w = 1, b = 0: outputs equal inputs; thresholded at 0.5
    net = Network([1, 1], ["linear"], "mse", [np.ones((1, 1))], [np.zeros(1)])
    loss, acc = evaluate(net, [[0.9], [0.2], [0.7], [0.4]], [[1], [0], [0], [0]])
    assert acc == 0.75
    assert loss == pytest.approx((0.01 + 0.04 + 0.49 + 0.16) / 2 / 4)


def test_one_dimensional_training_data_is_explained():
    with pytest.raises(BpvizError, match="one row per sample"):
        Trainer(get_preset("xor").network(), np.zeros(2), np.zeros(1))
