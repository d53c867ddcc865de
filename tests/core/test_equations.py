"""The worked equations (core/equations.py): what each step's text says."""

import numpy as np
import pytest

from bpviz.core.equations import describe
from bpviz.core.network import Network
from bpviz.core.stepper import Stepper


def test_softmax_cross_entropy_equation_says_what_it_computes():
    net = Network([2, 2], ["softmax"], "cross_entropy", [[[0.0, 0.0], [0.0, 0.0]]], None)
    stepper = Stepper(net, [1.0, 2.0], [1.0, 1.0], 0.1)
    step = stepper.go_to(3)                                 # input, forward, loss, backward
    assert step.phase == "backward"
    text = "\n".join(line.text for line in describe(step))
    # a = (½, ½), Σy = 2: δ = a·2 − y = (0, 0), not a − y = (−½, −½)
    assert "Σⱼyⱼ" in text and "δ¹₁ = 0.5·2 - 1 = 0" in text
    np.testing.assert_allclose(step.delta[0], [0.0, 0.0], atol=1e-15)


def _text(step) -> str:
    return "\n".join(line.text for line in describe(step))


def test_a_long_sum_shows_its_largest_terms_with_their_index_and_the_rest():
    """Ten inputs (more than the 8 terms written out): the 6 largest |wₖ·aₖ| in index order.
    Products −2, 0, 0, 0.4, 0.5, …, 1: the largest are k = 1 and 6…10; the others (k = 2…5)
    add up to 0 + 0 + 0.4 + 0.5 = 0.9, and z = −2 + 0.4 + 0.5 + … + 1 = 2.9."""
    w = [-2.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    x = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    net = Network([10, 1], ["linear"], "mse", [np.array([w])], None)
    step = Stepper(net, x, [0.0], 0.1).go_to(1)
    assert step.phase == "forward"
    assert ("z¹₁ = (-2)·1 (k=1) + 0.6·1 (k=6) + 0.7·1 (k=7) + 0.8·1 (k=8) + 0.9·1 (k=9) + 1·1 (k=10)"
            " + … (10 terms, the 6 largest |wₖ·aₖ| shown; the other 4 add up to 0.9) = 2.9") in _text(step)


def test_a_long_backward_sum_names_its_terms_w_times_delta():
    """BP2 with ten neurons above: δ¹₁ = Σₖ w²ₖ₁ δ²ₖ · σ′, whose terms are w·δ, not w·a. Linear
    layers, W² a column of ones, y = 0: δ²ₖ = ŷₖ = a¹₁ = x = 1 for every k, so δ¹₁ = 10."""
    net = Network([1, 1, 10], ["linear", "linear"], "mse", [np.array([[1.0]]), np.ones((10, 1))], None)
    stepper = Stepper(net, [1.0], [0.0] * 10, 0.1)
    step = stepper.go_to(5)                        # input, 2 forward, loss, backward 2, backward 1
    assert step.phase == "backward" and step.layer == 1
    text = _text(step)
    assert "the 6 largest |wₖ·δₖ| shown; the other 4 add up to 4))·1 = 10" in text
    assert "|wₖ·aₖ|" not in text


def test_short_sums_are_written_out_in_full_as_before():
    """The 40/80 → 60 example: z¹ⱼ = 0.5·40 + 0.5·80 = 60, ŷ = 1·60 + 1·60 + 1·60 = 180."""
    net = Network([2, 3, 1], ["linear", "linear"], "mse",
                  [np.full((3, 2), 0.5), np.ones((1, 3))], None)
    stepper = Stepper(net, [40.0, 80.0], [60.0], 1e-5)
    assert "z¹₁ = 0.5·40 + 0.5·80 = 60" in _text(stepper.go_to(1))
    assert "z²₁ = 1·60 + 1·60 + 1·60 = 180" in _text(stepper.go_to(2))


def test_a_long_sums_other_terms_that_are_all_zero_add_up_to_exactly_0():
    """784 inputs, 4 of them lit: the other 778 products shown as "the rest" are exactly 0, so
    they add up to 0 (total − shown gave 1.110223e-16 here, round-off of the lit ones)."""
    rng = np.random.default_rng(2)
    x = np.zeros(784)
    x[rng.choice(784, 4, replace=False)] = rng.random(4)
    w = rng.standard_normal(784)
    net = Network([784, 1], ["linear"], "mse", [w[None, :]], None)
    step = Stepper(net, x, [0.0], 0.1).go_to(1)
    assert "the other 778 add up to 0)" in _text(step)


def test_a_long_worked_loss_always_shows_the_outputs_whose_target_is_not_0():
    """Ten outputs, 8 written out: digit 8 is output 9, y₉ = 1; its term (a₉ − 1)² is shown
    after the first seven, with … where outputs are left out. a = 0.1 everywhere:
    C = ½(9·0.01 + 0.81) = 0.45."""
    from bpviz.core.losses import get_loss
    a, y = np.full(10, 0.1), np.eye(10)[8]
    _, work = get_loss("mse").worked(2, a, y, 0.45, 8)
    assert work == ("C = ½((0.1 - 0)² + (0.1 - 0)² + (0.1 - 0)² + (0.1 - 0)² + (0.1 - 0)² + (0.1 - 0)² + "
                    "(0.1 - 0)² + … + (0.1 - 1)² + …) = ½·0.9 = 0.45")
    _, first = get_loss("mse").worked(2, a, np.eye(10)[0], 0.45, 8)
    assert first.count("(0.1 - 1)²") == 1 and first.count("…") == 1       # first 8, then …


def test_a_digit_networks_output_steps_say_which_digit_each_output_is():
    from bpviz.core.network import Network as Net
    net = Net.create([784, 3, 10], "sigmoid", "mse", seed=0)
    stepper = Stepper(net, np.zeros(784), np.eye(10)[3], 0.1)
    texts = {(s.phase, s.layer): _text(s) for s in (stepper.go_to(i) for i in range(stepper.length))}
    note = "j counts from 1 here, the view's outputs from 0: a²₁ is output 0 (digit 0), a²₁₀ output 9."
    assert note in texts[("forward", 2)] and note in texts[("loss", 2)] and note in texts[("backward", 2)]
    assert note not in texts[("forward", 1)] and note not in texts[("input", None)]
    toy = Stepper(Net.create([2, 3, 10], "sigmoid", "mse", seed=0), [1.0, 2.0], np.eye(10)[3], 0.1)
    assert "digit" not in _text(toy.go_to(2))



def test_the_output_whose_target_is_1_is_always_spelled_out():
    """Ten outputs, six spelled out: for digit 8 (output 9) the lines show δ²₉, the only one
    whose target is 1, and z²₉, beside the first five."""
    from bpviz.core.network import Network as Net
    net = Net.create([4, 3, 10], "sigmoid", "mse", seed=0)
    stepper = Stepper(net, np.ones(4), np.eye(10)[8], 0.1)
    steps = {(s.phase, s.layer): s for s in (stepper.go_to(i) for i in range(stepper.length))}
    backward, forward = _text(steps[("backward", 2)]), _text(steps[("forward", 2)])
    assert "δ²₉ = " in backward and "z²₉ = " in forward
    assert "δ²₅ = " in backward and "δ²₆ = " not in backward          # five first, then output 9
    assert "… and 4 more neurons" in backward


def test_the_loss_step_calls_each_cost_by_its_name_and_gives_the_files_name():
    cases = [("mse", "linear", "quadratic cost, “mse”"),
             ("binary_cross_entropy", "sigmoid", "binary cross-entropy, “binary_cross_entropy”")]
    for loss, out, words in cases:
        net = Network([1, 1], [out], loss, [[[0.5]]], None)
        step = Stepper(net, [1.0], [1.0], 0.1).go_to(2)
        assert step.phase == "loss" and words in _text(step)


def test_a_diverged_walk_is_written_out_with_its_inf_and_nan_and_no_warning():
    """w = x = 1e100: z = a = 1e200 is finite, but C = ½(1e200 − 0)² overflows float64 to inf,
    and ∂C/∂W = δ·x = 1e200·1e100 does too. Every step's text says so, and writing it out
    raises no NumPy warning (warnings are errors here)."""
    import warnings

    net = Network([1, 1], ["linear"], "mse", [np.array([[1e100]])], None)
    stepper = Stepper(net, [1e100], [0.0], 0.1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        texts = [_text(stepper.go_to(i)) for i in range(stepper.length)]
    loss = next(t for t in texts if "C = " in t and "∂" not in t)
    assert "= inf" in loss
    assert any("∂C/∂W¹" in t and "inf" in t for t in texts)


def test_the_mean_over_features_mistake_writes_the_division_it_makes():
    """seed-003's walk divides ∂C/∂W by n⁰ = 2 inputs instead of m = 1 sample: the worked
    line had read "δ²₁·a¹₁ = 0.04689253·0.3612547 = 0.008470073", a product that is 0.01694."""
    import re

    from bpviz.core.bug_walk import BuggyStepper
    from bpviz.core.presets import get_preset

    preset = get_preset("seed-003")
    data = preset.dataset()
    stepper = BuggyStepper(preset.network(), data.x[0], data.y[0], 0.35, ["mean-over-features"])
    step = next(stepper.go_to(i) for i in range(stepper.length)
                if stepper.go_to(i).phase == "backward" and stepper.go_to(i).layer == 2)
    text = _text(step)
    assert "∂C/∂W² = δ² (a¹)ᵀ / 2" in text and "mistake: divided by n⁰ = 2" in text
    line = next(t for t in text.splitlines() if t.strip().startswith("∂C/∂w²₁₁"))
    pattern = r"= \(?(-?[\d.e-]+)\)?·\(?(-?[\d.e-]+)\)? / 2 = (-?[\d.e-]+)"
    d, a, result = (float(v) for v in re.findall(pattern, line.replace("−", "-"))[0])
    assert d * a / 2 == pytest.approx(result, rel=1e-6)               # the line's own arithmetic
    assert result == pytest.approx(float(step.grad_w[1][0, 0]), rel=1e-6)
