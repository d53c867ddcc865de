"""`bpviz surface` where the costs stop being finite, and options it must not ignore."""

import json

from .cli_helpers import run

# One linear neuron, ŷ = w·x + b, with w = 1e308 and b = 0; mse on (x, y) = (1, 0) and (0, 0).
BIG = {"format": "bpviz.model", "version": 1, "sizes": [1, 1], "activations": ["linear"],
       "loss": "mse", "weights": [[[1e308]]], "biases": [[0.0]]}


def big_model(tmp_path):
    model, data = tmp_path / "m.json", tmp_path / "d.csv"
    model.write_text(json.dumps(BIG))
    data.write_text("1,0\n0,0\n")
    return str(model), str(data)


def test_the_lowest_cost_is_the_lowest_finite_one(capsys, tmp_path):
    """The grid of w is 1e308 ± (1 + 1e308): 0, 1e308, inf; of b: −1, 0, 1. The mean cost is
    ½((w + b)² + b²)/2: at w = 0 it is b²/2 (0.25, 0, 0.25); at w = 1e308 it overflows to inf,
    at w = inf the sample x = 0 gives inf·0 = NaN. The text had said "Lowest cost on the
    grid: nan, at (inf, −1)"; the lowest finite cost is 0, at (0, 0)."""
    model, data = big_model(tmp_path)
    code, out, err = run(capsys, "surface", "--model", model, "--data", data,
                         "--params", "1:1:1,1:1:b", "--grid", "3")
    assert code == 0, err
    last = out.splitlines()[-1]
    assert last == ("Lowest cost on the grid: 0, at (0, 0); 6 of the 9 grid points have no "
                    "finite cost (overflow or NaN)")


def test_no_finite_cost_anywhere_says_so(capsys, tmp_path):
    """With --span 1, w stays 1e308 (± 1 is lost to rounding): (1e308)² overflows everywhere."""
    model, data = big_model(tmp_path)
    code, out, err = run(capsys, "surface", "--model", model, "--data", data,
                         "--params", "1:1:1,1:1:b", "--grid", "3", "--span", "1")
    assert code == 0, err
    assert out.splitlines()[-1].startswith("Lowest cost on the grid: none, no grid point has a "
                                           "finite cost")
