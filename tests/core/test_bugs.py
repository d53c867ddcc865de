"""The bug lab's mistakes: each gradient mistake fails the gradient check on the layers it
should and passes without it; the scale mistakes give their exact factor; the training
mistakes leave the gradient right; none is on unless named."""

import numpy as np
import pytest

from bpviz.core.bug_backprop import NaiveSigmoid, bug_gradient_check, buggy_backprop
from bpviz.core.bug_training import train_with_bugs
from bpviz.core.bugs import BUGS, GRADCHECK, TRAINING, TRAINING_ONLY_NOTE, check_bugs
from bpviz.core.errors import BpvizError
from bpviz.core.network import Network
from bpviz.training.trainer import Trainer

M = 5          # samples, ≠ the 3 inputs, so mean-over-features shows


def net_and_batch(sizes, acts, loss="mse", seed=3):
    net = Network.create(sizes, acts, loss, init="normal", seed=seed)
    rng = np.random.default_rng(seed + 100)
    x = rng.standard_normal((M, sizes[0]))
    y = rng.uniform(0.1, 0.9, (M, sizes[-1]))
    return net, x, y


def failing_layers(doc):
    return [row["layer"] for row in doc["layers"] if not row["passed"]]


def test_catalogue_has_the_nine_mistakes_with_their_checks():
    expected = {"sigma-prime-of-a": GRADCHECK, "mean-over-features": GRADCHECK,
                "sum-not-mean": GRADCHECK, "missing-sigma-prime-output": GRADCHECK,
                "extra-sigma-prime-bce": GRADCHECK, "no-transpose": GRADCHECK,
                "naive-sigmoid": TRAINING, "symmetric-init": TRAINING, "no-bias-update": TRAINING}
    assert {name: bug.detected_by for name, bug in BUGS.items()} == expected
    for bug in BUGS.values():
        assert bug.what and bug.correct and bug.reveal and "\n" not in bug.description


def test_no_mistake_is_exactly_the_correct_backprop():
    net, x, y = net_and_batch([3, 4, 4, 2], ["tanh", "sigmoid", "sigmoid"])
    trace, plain = buggy_backprop(net, x, y, ()), net.backprop(x, y)
    for got, want in zip(trace.grad_w + trace.grad_b, plain.grad_w + plain.grad_b):
        np.testing.assert_array_equal(got, want)
    assert failing_layers(bug_gradient_check(net, x, y, ())) == []


@pytest.mark.parametrize("bug, sizes, acts, loss, failing", [
    ("sigma-prime-of-a", [3, 4, 4, 2], ["tanh", "sigmoid", "sigmoid"], "mse", [1, 2]),
    ("missing-sigma-prime-output", [3, 4, 4, 2], ["tanh", "sigmoid", "sigmoid"], "mse", [1, 2, 3]),
    ("missing-sigma-prime-output", [3, 4, 2], ["sigmoid", "tanh"], "mse", [1, 2]),
    ("extra-sigma-prime-bce", [3, 4, 4, 2], ["tanh", "tanh", "sigmoid"],
     "binary_cross_entropy", [1, 2, 3]),
    ("no-transpose", [3, 4, 4, 4], ["tanh", "sigmoid", "linear"], "mse", [1, 2]),
])
def test_gradient_mistake_fails_the_check_on_the_named_layers(bug, sizes, acts, loss, failing):
    net, x, y = net_and_batch(sizes, acts, loss)
    assert failing_layers(bug_gradient_check(net, x, y, ())) == []
    doc = bug_gradient_check(net, x, y, [bug])
    assert failing_layers(doc) == failing
    assert doc["bugs"] == [bug] and "note" not in doc
    assert all(row["max_relative_error"] >= 1e-3 for row in doc["layers"] if not row["passed"])


@pytest.mark.parametrize("bug, factor", [("mean-over-features", M / 3), ("sum-not-mean", M)])
def test_scale_mistakes_report_the_exact_factor_on_every_layer(bug, factor):
    net, x, y = net_and_batch([3, 4, 2], ["tanh", "sigmoid"])
    doc = bug_gradient_check(net, x, y, [bug])
    assert failing_layers(doc) == [1, 2]
    for row in doc["layers"]:
        assert row["factor"] == pytest.approx(factor, rel=1e-6)


def test_mean_over_features_is_invisible_when_m_equals_n0():
    net, x, y = net_and_batch([3, 4, 2], ["tanh", "sigmoid"])
    assert failing_layers(bug_gradient_check(net, x[:3], y[:3], ["mean-over-features"])) == []


def test_sigma_prime_of_a_is_the_derivative_evaluated_at_a():
    net, x, y = net_and_batch([3, 2, 1], ["sigmoid", "sigmoid"], "binary_cross_entropy")
    t = buggy_backprop(net, x, y, ["sigma-prime-of-a"])
    s = 1 / (1 + np.exp(-t.a[1]))                 # the learner's sigmoidPrime(activations)
    np.testing.assert_allclose(t.sigma_prime[0], s * (1 - s), rtol=1e-14)


def test_no_transpose_on_a_non_square_layer_is_a_shape_result():
    net, x, y = net_and_batch([3, 4, 2], ["tanh", "sigmoid"])
    doc = bug_gradient_check(net, x, y, ["no-transpose"])
    assert doc["layers"][0]["max_relative_error"] is None
    assert "W² (2×4) · δ² (2×1)" in doc["layers"][0]["error"]
    assert doc["layers"][1]["passed"]


@pytest.mark.parametrize("bug", ["naive-sigmoid", "symmetric-init", "no-bias-update"])
def test_training_mistakes_leave_the_gradient_check_passing(bug):
    net, x, y = net_and_batch([3, 4, 2], ["sigmoid", "sigmoid"])
    doc = bug_gradient_check(net, x, y, [bug])
    assert failing_layers(doc) == [] and doc["note"] == TRAINING_ONLY_NOTE


@pytest.mark.parametrize("bug, sizes, acts, loss, reason", [
    ("missing-sigma-prime-output", [2, 3, 1], ["tanh", "linear"], "mse", "linear"),
    ("missing-sigma-prime-output", [2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy",
     "a − y exactly"),
    ("extra-sigma-prime-bce", [2, 3, 1], ["tanh", "sigmoid"], "mse", "binary cross-entropy"),
    ("sigma-prime-of-a", [2, 3, 1], ["relu", "sigmoid"], "mse", "σ′(σ(z)) = σ′(z)"),
    ("sigma-prime-of-a", [2, 1], ["sigmoid"], "mse", "hidden layer"),
    ("no-bias-update", [2, 3, 1], ["tanh", "sigmoid"], "mse", "no biases"),
])
def test_a_mistake_the_network_cannot_show_is_refused_in_one_line(bug, sizes, acts, loss, reason):
    net = Network.create(sizes, acts, loss, biases=bug != "no-bias-update")
    with pytest.raises(BpvizError) as e:
        check_bugs([bug], net)
    assert reason in str(e.value) and "\n" not in str(e.value)


def test_unknown_and_conflicting_names_are_refused():
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "mse")
    with pytest.raises(BpvizError, match="unknown mistake"):
        check_bugs(["sigma-prime-of-z"], net)
    with pytest.raises(BpvizError, match="choose one"):
        check_bugs(["mean-over-features", "sum-not-mean"], net)


def test_symmetric_init_leaves_the_hidden_units_equal_after_training():
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([[0.0], [0.0], [0.0], [1.0]])
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=1)
    run = train_with_bugs(Trainer, net, x, y, ["symmetric-init"], 300, eta=0.5)
    assert run.result.loss[-1] < run.result.loss[0]          # it does train…
    W1, W2 = run.network.weights
    assert np.all(W1 == W1[0]) and np.all(W2 == W2[0, 0])     # …but the units stay one
    assert run.hidden_units_equal()
    plain = train_with_bugs(Trainer, net, x, y, [], 300, eta=0.5)
    assert not plain.hidden_units_equal()


def test_no_bias_update_keeps_the_starting_biases():
    net, x, y = net_and_batch([3, 4, 2], ["tanh", "sigmoid"])
    run = train_with_bugs(Trainer, net, x, y, ["no-bias-update"], 50, eta=0.5)
    for b_end, b_start in zip(run.network.biases, net.biases):
        np.testing.assert_array_equal(b_end, b_start)
    assert not np.array_equal(run.network.weights[0], net.weights[0])


def test_naive_sigmoid_counts_overflows_and_matches_where_finite():
    naive = NaiveSigmoid()
    z = np.array([[-800.0, -3.0, 0.0, 4.0]])
    a = naive(z)
    assert naive.overflows == 1 and naive.overflowed_entries == 1
    np.testing.assert_allclose(a[0, 1:], 1 / (1 + np.exp(-z[0, 1:])), rtol=1e-15)
    assert a[0, 0] == 0.0


def test_no_bias_update_with_zero_biases_pins_a_sigmoid_output_at_the_origin():
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([[0.0], [0.0], [0.0], [1.0]])
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=2)
    assert not np.any(net.params[net.weights[0].size:net.weights[0].size + 3])  # b¹ = 0
    run = train_with_bugs(Trainer, net, x, y, ["no-bias-update"], 200, eta=0.5)
    assert run.network.feedforward(x[:1])[0, 0] == 0.5          # σ(W²·tanh(W¹·0)) = σ(0)
    assert run.result.train_accuracy < 1.0


def test_walk_with_sigma_prime_of_a_says_so_in_its_equation():
    """The equation names σ′(a¹) and its detail line multiplies by σ′(a¹) = a(1 − a) at a¹,
    computed here by hand from the step's own a¹."""
    from bpviz.core.bug_walk import BuggyStepper
    from bpviz.core.equations import describe
    from bpviz.core.stepper import Stepper

    net = Network.create([2, 2, 1], ["sigmoid", "sigmoid"], "mse", seed=3)
    walker = BuggyStepper(net, [0.5, -1.0], [1.0], 0.5, ["sigma-prime-of-a"])
    while walker.current.phase != "backward" or walker.current.layer != 1:
        walker.step_forward()
    step = walker.current
    text = [line.text for line in describe(step)]
    assert any("⊙ σ′(a¹)" in t for t in text) and not any("σ′(z¹)" in t for t in text)
    assert any("mistake: σ′ evaluated at a¹" in t for t in text)
    a1 = np.asarray(step.a[1])
    s = 1.0 / (1.0 + np.exp(-a1))                      # σ(a¹): the mistake's argument
    np.testing.assert_allclose(step.sigma_prime[0], s * (1.0 - s), rtol=1e-12)
    plain = Stepper(net, [0.5, -1.0], [1.0], 0.5)
    while plain.current.phase != "backward" or plain.current.layer != 1:
        plain.step_forward()
    assert any("⊙ σ′(z¹)" in line.text for line in describe(plain.current))
