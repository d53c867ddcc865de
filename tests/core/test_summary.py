import numpy as np

from bpviz.core.summary import summarise


def test_summary_of_a_matrix_by_hand():
    m = np.array([[1.0, -4.0, 2.0], [0.5, 3.0, -0.5]])
    s = summarise(m, top=2)
    assert s.shape == (2, 3)
    assert (s.min, s.max) == (-4.0, 3.0)
    assert s.mean == 2.0 / 6                      # (1 − 4 + 2 + 0.5 + 3 − 0.5) / 6
    assert s.top == [((1, 2), -4.0), ((2, 2), 3.0)]
    assert "2×3 = 6 entries" in s.text() and "[1,2] -4" in s.text()


def test_summary_of_a_vector():
    s = summarise([0.0, 0.25, -0.75, 0.5], top=1)
    assert s.shape == (4,) and s.top == [((3,), -0.75)]


def test_the_mean_of_entries_near_1e308_is_finite_and_quiet():
    """A diverged walk's 784×30 matrix: the sum overflowed, printing "overflow encountered in
    reduce" on stderr at every step, and the mean read inf."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = summarise(np.full((30, 784), 1.5e308))
        assert s.mean == 1.5e308
        assert np.isnan(summarise([np.inf, -np.inf, 1.0]).mean)     # (not finite: as it is)


def test_a_table_shows_the_first_columns_unless_they_are_all_zero():
    """MNIST's ∂C/∂W¹ table had shown its first 10×12 entries, the digit's blank corner:
    all 0. Then the columns of largest Σ|·| over the rows shown, in order."""
    from bpviz.core.summary import shown_columns

    m = np.zeros((3, 8))
    m[:, 5] = [1, -1, 1]          # Σ|·| = 3
    m[0, 3] = -5                  # 5
    m[2, 7] = 0.5                 # 0.5
    m[1, 6] = 2                   # 2
    assert shown_columns(m, 3, 3).tolist() == [3, 5, 6]
    m[0, 1] = 0.1                 # a first column not 0: the first columns, as before
    assert shown_columns(m, 3, 3).tolist() == [0, 1, 2]
    assert shown_columns(np.zeros((2, 3)), 2, 3).tolist() == [0, 1, 2]     # all shown anyway


def test_the_largest_entries_of_mostly_zero_arrays_are_those_a_full_sort_finds():
    rng = np.random.default_rng(1)
    cases = [np.outer(rng.standard_normal(30), (rng.random(784) > 0.8) * rng.random(784)),
             np.zeros((4, 5)), np.eye(5), np.diag([0.0, -2.0, 0.0, 0.0, 0.0]),
             np.array([0.0, 3.0, -3.0, 0.0, 3.0, 1.0]), np.array([-1.0, 0.0, 0.0, 1.0]),
             np.round(rng.standard_normal((6, 7)), 0)]
    for a in cases:
        a2 = a.reshape(a.shape[0], -1) if a.ndim > 1 else a
        flat = a2.ravel()
        order = np.argsort(-np.abs(flat), kind="stable")[:3]
        expected = [(tuple(int(i) + 1 for i in np.unravel_index(p, a2.shape)), float(flat[p]))
                    for p in order]
        assert summarise(a).top == expected
