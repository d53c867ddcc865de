"""How numbers, indices and shapes are written (bpviz.core.notation)."""

import numpy as np

from bpviz.core.notation import full, mat, num, par, percent, shape, shown, shown_number, sub, sup, vec


def test_layer_and_neuron_indices():
    assert sup(2) == "²" and sup(12) == "¹²" and sup(-1) == "⁻¹"
    assert sub(1, 2) == "₁₂" and sub(3) == "₃" and sub(10, 2) == "₁₀,₂"


def test_numbers_keep_seven_significant_digits_and_read_back():
    assert num(60.0) == "60" and num(0) == "0" and num(-0.0) == "0"
    assert num(140.3136) == "140.3136"
    assert num(3225.13717248) == "3225.137"
    assert num(1e-5) == "1e-5" and num(1e20) == "1e20" and num(-2.5e-7) == "-2.5e-7"
    # exponents as a reader writes them: no padding zero, no plus sign
    assert num(7.86e7, 3) == "7.86e7" and num(9.953458e-10) == "9.953458e-10" and num(2.41e-5) == "2.41e-5"
    assert num(2 / 3, 3) == "0.667"
    assert num(None) == "—" and num(float("nan")) == "nan" and num(float("-inf")) == "-inf"
    for v in (0.1, -123.456, 9.87654e-9):
        assert abs(float(num(v)) - v) <= 1e-6 * abs(v)


def test_negative_numbers_in_parentheses_inside_products():
    assert par(-3) == "(-3)" and par(3) == "3"


def test_vectors_matrices_and_shapes():
    assert vec([1, 2.5, -3]) == "[1, 2.5, -3]"
    assert vec(np.arange(10), limit=3) == "[0, 1, 2, … (10 values)]"
    assert mat([[1, 2], [3, 4]]) == "[[1, 2], [3, 4]]"
    assert mat(np.zeros((5, 1)), limit=2) == "[[0], [0], … (5 rows)]"
    assert shape(np.zeros((3, 2))) == "(3×2)"
    assert shape(np.zeros(3)) == "(3×1)"
    assert shape(3, 2) == "(3×2)" and shape(4) == "(4×1)"


def test_percent_floors_so_only_all_correct_is_100():
    assert percent(1) == "100.0 %"
    assert percent(0.9996) == "99.9 %"
    assert percent(1 - 1e-9) == "99.9 %"
    assert percent(0.123) == "12.3 %"            # 122.99999… per mille in binary floating point
    assert percent(0.75) == "75.0 %" and percent(0) == "0.0 %"
    assert percent(2 / 3) == "66.6 %"
    assert percent(None) == "—"


def test_counts_are_grouped_in_threes_by_a_no_break_space():
    from bpviz.core.notation import GROUP, count
    assert GROUP == "\u00a0"
    assert count(0) == "0" and count(784) == "784" and count(999) == "999"
    assert count(1000) == "1\u00a0000" and count(5000) == "5\u00a0000"
    assert count(50_000) == "50\u00a0000" and count(23_520) == "23\u00a0520"
    assert count(1_000_000) == "1\u00a0000\u00a0000" and count(-1200) == "-1\u00a0200"
    assert count(np.int64(60_000)) == "60\u00a0000"


def test_a_numbers_shown_form_is_the_texts():
    rng = np.random.default_rng(0)
    values = [0.0, -0.0, 1e-5, -1e-5, -2.5e-7, 7.86e7, -1e300, float("nan"), float("inf"),
              float("-inf"), -5e-324] + list(rng.standard_normal(200) * 10.0 ** rng.integers(-12, 12, 200))
    for v in values:
        for text in (num(v), num(v, 2), full(v)):
            assert shown_number(text) == shown(text)
