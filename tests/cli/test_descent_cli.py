"""`bpviz descent` and `bpviz surface` on the command line."""

import pytest

from .cli_helpers import assert_one_line_error, run, run_json


def test_descent_x2_json(capsys):
    doc = run_json(capsys, "descent", "--function", "x2", "--start", "5", "--learning-rate", "0.1",
                   "--steps", "50")
    assert doc["function"] == "x2" and doc["diverged"] is None
    assert len(doc["path"]) == 51 and doc["path"][:3] == [[5.0], [4.0], [3.2]]
    assert doc["f"][:2] == [25.0, 16.0]
    for t, (p,) in enumerate(doc["path"]):
        assert abs(p - 0.8 ** t * 5) < 1e-12


def test_descent_negative_start_and_optimizer(capsys):
    doc = run_json(capsys, "descent", "--function", "bowl", "--start", "-1.5,1.5",
                   "--learning-rate", "0.1", "--steps", "2", "--optimizer", "momentum")
    assert doc["path"][0] == [-1.5, 1.5] and doc["optimizer"] == "momentum"
    # v₁ = −0.1·(−3, 3) = (0.3, −0.3); v₂ = 0.9v₁ − 0.1·∇f(−1.2, 1.2) = (0.51, −0.51)
    assert doc["path"][1] == pytest.approx([-1.2, 1.2])
    assert doc["path"][2] == pytest.approx([-0.69, 0.69])


def test_a_start_printed_with_a_true_minus_sign_can_be_pasted_back(capsys):
    """`descent` prints points as "(−1.2, 1)"; the same text is taken as --start."""
    for start in ("−1.5,1.5", "−1.5,−1.5"):
        doc = run_json(capsys, "descent", "--function", "bowl", "--start", start,
                       "--learning-rate", "0.1", "--steps", "1")
        assert doc["path"][0] == [-1.5, 1.5 if start.endswith(",1.5") else -1.5]


def test_without_start_eta_or_steps_each_function_uses_its_own(capsys):
    doc = run_json(capsys, "descent", "--function", "rosenbrock")
    assert doc["learning_rate"] == 0.001 and len(doc["path"]) == 51
    assert doc["path"][0] == [-1.2, 1.0]
    assert doc["path"][1] == pytest.approx([-0.9844, 1.088], abs=1e-12)   # η·∇f = 0.001·(−215.6, −88)
    assert doc["diverged"] is None


def test_descent_divergence_exits_0(capsys):
    doc = run_json(capsys, "descent", "--function", "x2", "--start", "5", "--learning-rate", "1.5",
                   "--steps", "2000")
    assert doc["diverged"]["step"] == 18 and doc["diverged"]["message"]
    assert len(doc["path"]) == 18 and doc["path"][-1] == [5.0 * (-2.0) ** 17]


def test_descent_table(capsys):
    code, out, err = run(capsys, "descent", "--function", "x2", "--start", "5",
                         "--learning-rate", "0.1", "--steps", "3")
    assert code == 0 and err == ""
    assert "x₁ = x₀ − η·f′(x₀) = 5 − 0.1·10 = 4" in out
    rows = [line.split() for line in out.splitlines()]
    assert ["2", "3.2", "10.24", "6.4"] in rows


@pytest.mark.parametrize("argv,word", [
    (("--function", "x2", "--start", "5", "--learning-rate", "0", "--steps", "5"), "learning rate"),
    (("--function", "x2", "--start", "5,1", "--learning-rate", "0.1", "--steps", "5"), "start"),
    (("--function", "bowl", "--start", "1e9,1", "--learning-rate", "0.1", "--steps", "5"), "start"),
    (("--function", "x3", "--start", "5", "--learning-rate", "0.1", "--steps", "5"), "function"),
    (("--function", "x2", "--start", "5", "--learning-rate", "0.1", "--steps", "-2"), "steps"),
    (("--function", "x2", "--start", "5", "--learning-rate", "0.1", "--steps", "2000000"), "steps"),
])
def test_descent_bad_input(capsys, argv, word):
    assert_one_line_error(*run(capsys, "descent", *argv), word)


def test_surface_toy_json(capsys):
    doc = run_json(capsys, "surface", "--preset", "toy-40-80", "--params", "1:1:1,1:1:2",
                   "--span", "0.1", "--grid", "5")
    assert doc["params"] == ["1:1:1", "1:1:2"] and doc["centre"] == [0.5, 0.5]
    assert doc["a"] == pytest.approx([0.4, 0.45, 0.5, 0.55, 0.6])
    assert len(doc["loss"]) == 5 and all(len(row) == 5 for row in doc["loss"])
    assert doc["loss"][2][2] == 7200.0
    # loss[i][j] at P = a[i], Q = b[j]: ŷ = 40a + 80b + 120 by hand
    assert doc["loss"][0][4] == pytest.approx(0.5 * (40 * 0.4 + 80 * 0.6 + 60) ** 2)


def test_surface_model_with_data(capsys, tmp_path):
    model = tmp_path / "m.json"
    model.write_text('{"format": "bpviz.model", "version": 1, "sizes": [2, 1], '
                     '"activations": ["linear"], "loss": "mse", "weights": [[[1.0, 2.0]]], '
                     '"biases": [[0.5]]}')
    data = tmp_path / "d.csv"
    data.write_text("1,1,3\n2,0,1\n")
    doc = run_json(capsys, "surface", "--model", str(model), "--data", str(data),
                   "--params", "1:1:2,1:1:b", "--grid", "3", "--span", "1")
    # ŷ = x₁ + w x₂ + b; at w = 3, b = −0.5: sample 1 gives 3.5 (target 3), sample 2 gives 1.5 (1)
    assert doc["loss"][2][0] == pytest.approx((0.5 * 0.25 + 0.5 * 0.25) / 2)
    assert doc["loss"][1][1] == pytest.approx((0.5 * 0.25 + 0.5 * 2.25) / 2)


def test_surface_table(capsys):
    code, out, _ = run(capsys, "surface", "--preset", "xor", "--params", "1:1:1,2:1:b")
    assert code == 0 and "W¹₁₁" in out and "b²₁" in out and "Lowest cost" in out


def test_surface_text_says_what_it_shows_and_that_the_valley_has_many_lowest_points(capsys):
    """Toy 40/80 → 60 with W¹₁₁ = a, W¹₁₂ = b and the other weights as they are: ŷ = 40a + 80b
    + 120, so C = 0 on the line a + 2b = −1.5. The 31 × 31 grid runs over 0.5 ± 1.5 in steps
    of 0.1 (a = −1 + 0.1i, b = −1 + 0.1j): i + 2j = 15 has 8 solutions, j = 0 … 7."""
    code, out, err = run(capsys, "surface", "--preset", "toy-40-80", "--params", "1:1:1,1:1:2")
    assert code == 0 and err == ""
    assert "on 1 sample of toy-40-80" in out
    assert "grid 31 × 31, 5 of its rows and columns below" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("Lowest cost on the grid: 0, at 8 grid points, among them (")


@pytest.mark.parametrize("argv,word", [
    (("--preset", "xor", "--params", "1:1:1,1:1:1"), "twice"),
    (("--preset", "xor", "--params", "1:1:1,9:1:1"), "layer"),
    (("--preset", "xor", "--params", "1:1:1"), "two parameters"),
    (("--preset", "xor", "--params", "1:1:1,1:1:2", "--grid", "30"), "odd"),
    (("--preset", "xor", "--params", "1:1:1,1:1:2", "--grid", "1001"), "limit"),
    (("--preset", "xor", "--params", "1:1:1,1:1:2", "--span", "0"), "span"),
    # past 1e6 the grid's coordinates overflowed the plot; under 1e-9 they rounded together
    (("--preset", "xor", "--params", "1:1:1,1:1:2", "--span", "1e308"), "from 1e-09 to 1e+06"),
    (("--preset", "xor", "--params", "1:1:1,1:1:2", "--span", "1e-320"), "from 1e-09 to 1e+06"),
    (("--preset", "toy-40-80", "--params", "1:1:b,1:1:1"), "no biases"),
    (("--preset", "nope", "--params", "1:1:1,1:1:2"), "preset"),
])
def test_surface_bad_input(capsys, argv, word):
    assert_one_line_error(*run(capsys, "surface", *argv), word)
