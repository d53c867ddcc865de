"""Gradient descent on the textbook functions, against closed forms and hand-stepped optimisers."""

import numpy as np
import pytest

from bpviz.core.descent import FUNCTIONS, MAX_COORDINATE, get_function, run_descent
from bpviz.core.errors import BpvizError
from bpviz.core.optimizers import SGD, Adam, Momentum


@pytest.mark.parametrize("eta", [0.01, 0.1, 0.3, 0.5, 0.75, 0.95])
def test_x2_path_is_the_closed_form(eta):
    # x_{t+1} = x_t − η·2x_t = (1 − 2η)x_t, so x_t = (1 − 2η)ᵗ x₀
    walk = run_descent("x2", [5.0], eta, 50)
    assert len(walk.points) == 51 and walk.diverged is None
    for t, p in enumerate(walk.points):
        assert abs(p[0] - (1 - 2 * eta) ** t * 5.0) < 1e-12
        assert abs(walk.f[t] - p[0] ** 2) < 1e-12


def test_bowl_path_per_coordinate():
    walk = run_descent("bowl", [1.5, -0.5], 0.1, 50)
    for t, p in enumerate(walk.points):
        assert np.allclose(p, [0.8 ** t * 1.5, 0.8 ** t * -0.5], rtol=0, atol=1e-12)


def test_ravine_path_per_coordinate():
    # x ← (1 − 2η)x, y ← (1 − 20η)y: with η = 0.09 the y coordinate zig-zags (factor −0.8)
    walk = run_descent("ravine", [1.0, 1.0], 0.09, 30)
    for t, p in enumerate(walk.points):
        assert np.allclose(p, [0.82 ** t, (-0.8) ** t], rtol=0, atol=1e-12)


def test_first_step_written_out():
    walk = run_descent("x2", [5.0], 0.1, 1)
    assert walk.texts[0] == "x₁ = x₀ − η·f′(x₀) = 5 − 0.1·10 = 4"
    walk = run_descent("bowl", [1.5, 1.5], 0.1, 1)
    assert walk.texts[0].endswith("= (1.5, 1.5) − 0.1·(3, 3) = (1.2, 1.2)")


def test_momentum_on_x2_follows_the_recurrence():
    # v_{t+1} = μv_t − η·2x_t, x_{t+1} = x_t + v_{t+1}, written out independently
    eta, mu = 0.05, 0.9
    walk = run_descent("x2", [5.0], eta, 40, optimizer="momentum")
    x, v = 5.0, 0.0
    for p in walk.points[1:]:
        v = mu * v - eta * 2 * x
        x = x + v
        assert abs(p[0] - x) < 1e-12
    assert walk.texts[0] == "v₁ = μ·v₀ − η·f′(x₀) = 0.9·0 − 0.05·10 = −0.5;  x₁ = x₀ + v₁ = 5 + (−0.5) = 4.5"


@pytest.mark.parametrize("name,cls", [("sgd", SGD), ("momentum", Momentum), ("adam", Adam)])
@pytest.mark.parametrize("function", ["bowl", "ravine", "rosenbrock", "saddle"])
def test_paths_equal_the_trainers_optimiser_stepped_by_hand(name, cls, function):
    f = get_function(function)
    walk = run_descent(f, [0.4, -0.3], 0.002, 25, optimizer=name)
    opt, p = cls(eta=0.002), np.array([0.4, -0.3])
    for expected in walk.points[1:]:
        opt.step(p, f.gradient(p))
        assert np.array_equal(p, expected)


def test_adam_first_step_is_eta_times_the_sign():
    # m̂₁ = g, v̂₁ = g², so the step is η·g/(|g| + ε)
    walk = run_descent("bowl", [1.5, -2.0], 0.1, 1, optimizer="adam")
    assert np.allclose(walk.points[1], [1.4, -1.9], rtol=0, atol=1e-8)


@pytest.mark.parametrize("function,start", [("bowl", (0.3, 0.2)), ("rosenbrock", (-1.2, 1.0)),
                                            ("saddle", (0.5, 0.4)), ("ravine", (1.0, -0.7))])
def test_gradients_match_finite_differences(function, start):
    f, p, h = get_function(function), np.array(start), 1e-6
    for i in range(2):
        e = np.zeros(2)
        e[i] = h
        fd = (f.value(p + e) - f.value(p - e)) / (2 * h)
        assert abs(f.gradient(p)[i] - fd) < 1e-5 * max(1.0, abs(fd))


def test_rosenbrock_minimum_and_values():
    f = get_function("rosenbrock")
    assert f.value(np.array([1.0, 1.0])) == 0.0
    assert f.value(np.array([-1.2, 1.0])) == pytest.approx(2.2 ** 2 + 100 * 0.44 ** 2)
    assert np.array_equal(f.gradient(np.array([1.0, 1.0])), [0.0, 0.0])


def test_divergence_is_a_result_with_the_path_so_far():
    walk = run_descent("x2", [5.0], 1.5, 2000)
    # x_t = 5·(−2)ᵗ: |x_18| = 5·2¹⁸ > 10⁶ is the first point past the limit
    assert walk.diverged["step"] == 18 and "passed ±1e6" in walk.diverged["message"]
    assert len(walk.points) == 18
    assert all(p[0] == 5.0 * (-2.0) ** t for t, p in enumerate(walk.points))
    assert abs(walk.points[-1][0]) <= MAX_COORDINATE


def test_saddle_escapes_along_y():
    walk = run_descent("saddle", [1.0, 1e-3], 0.1, 5000)
    assert walk.diverged is not None
    assert abs(walk.points[-1][0]) < 1e-6           # x shrinks by 0.8 each step, y grows by 1.2


@pytest.mark.parametrize("kwargs,words", [
    ({"function": "x2", "start": [5.0], "eta": 0.0, "steps": 5}, "learning rate"),
    ({"function": "x2", "start": [5.0], "eta": float("nan"), "steps": 5}, "learning rate"),
    ({"function": "x2", "start": [5.0, 1.0], "eta": 0.1, "steps": 5}, "start"),
    ({"function": "bowl", "start": [5.0], "eta": 0.1, "steps": 5}, "start"),
    ({"function": "bowl", "start": [1e9, 0.0], "eta": 0.1, "steps": 5}, "start"),
    ({"function": "x2", "start": [5.0], "eta": 0.1, "steps": -1}, "steps"),
    ({"function": "cubic", "start": [5.0], "eta": 0.1, "steps": 5}, "unknown function"),
])
def test_bad_input_is_one_line(kwargs, words):
    with pytest.raises(BpvizError, match=words):
        run_descent(kwargs["function"], kwargs["start"], kwargs["eta"], kwargs["steps"])
    with pytest.raises(BpvizError):
        run_descent("x2", [5.0], 0.1, 5, optimizer="rmsprop")


def test_values_on_a_grid():
    xs, ys = np.array([-1.0, 0.0, 2.0]), np.array([0.5, 3.0])
    assert np.array_equal(FUNCTIONS["x2"].values_on(xs), [1.0, 0.0, 4.0])
    grid = FUNCTIONS["saddle"].values_on(xs, ys)
    assert grid.shape == (3, 2) and grid[2, 1] == 4.0 - 9.0


@pytest.mark.parametrize("name", ["x2", "bowl", "ravine", "rosenbrock", "saddle"])
def test_each_functions_own_eta_and_start_go_downhill_for_50_steps_without_diverging(name):
    f = FUNCTIONS[name]
    walk = run_descent(f, f.start, f.eta, 50)
    assert walk.diverged is None and len(walk.points) == 51 and walk.f[-1] < walk.f[0]


def test_rosenbrock_needs_its_small_eta():
    """∇f(−1.2, 1) = (−2·2.2 − 400·(−1.2)·(1 − 1.44), 200·(1 − 1.44)) = (−215.6, −88): with
    η = 0.1 the first step lands at (20.36, 9.8) and the path diverges at once; with its own
    η = 0.001 the first step is (−1.2 + 0.2156, 1 + 0.088) = (−0.9844, 1.088)."""
    f = FUNCTIONS["rosenbrock"]
    assert run_descent(f, f.start, 0.1, 50).diverged is not None
    assert f.eta == 0.001
    walk = run_descent(f, f.start, f.eta, 1)
    np.testing.assert_allclose(walk.points[1], [-0.9844, 1.088], rtol=0, atol=1e-12)


def test_the_ravine_default_settles_where_eta_0_1_would_flip_for_ever():
    """y is multiplied by 1 − 20η per step: 1 − 2 = −1 at η = 0.1 (±0.6 for ever), −0.8 at 0.09."""
    f = FUNCTIONS["ravine"]
    assert abs(run_descent(f, f.start, 0.1, 50).points[-1][1]) == pytest.approx(0.6)
    assert abs(run_descent(f, f.start, f.eta, 50).points[-1][1]) == pytest.approx(0.6 * 0.8 ** 50)
